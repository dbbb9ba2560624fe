/* error.c — strerror table for ac_error (see error.h). */
#include "error.h"

static const char *const messages[AC_ERR__COUNT] = {
    [AC_OK] = "no error",
    [AC_ERR_NOMEM] = "out of memory",
    [AC_ERR_IO] = "input/output error",
    [AC_ERR_EMPTY] = "empty file",
    [AC_ERR_BINARY] = "binary file (NUL bytes): not a text document",
    [AC_ERR_TOO_BIG] = "file too large",
    [AC_ERR_PARSE] = "parse error",
    [AC_ERR_REGEX] = "regular expression error",
    [AC_ERR_USAGE] = "invalid argument",
    [AC_ERR_DB] = "database error",
    [AC_ERR_XLSX] = "workbook error",
};

const char *ac_strerror(ac_error err)
{
    if ((unsigned)err >= AC_ERR__COUNT)
        return "unknown error";
    return messages[err];
}
