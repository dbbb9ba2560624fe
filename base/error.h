/*
 * error.h — the one error enum of aidcube, and its strerror table.
 *
 * Every fallible library function returns an ac_error (AC_OK == 0) and puts
 * its results in out-parameters, in the style of libxlsxwriter's lxw_error.
 * Details (file, line, what) travel separately through diag.h.
 */
#ifndef AC_ERROR_H
#define AC_ERROR_H

typedef enum {
    AC_OK = 0,
    AC_ERR_NOMEM,        /* an allocation or the arena limit failed */
    AC_ERR_IO,           /* a file could not be opened, read or written */
    AC_ERR_EMPTY,        /* the input is empty */
    AC_ERR_BINARY,       /* the input holds NUL bytes: not a text document */
    AC_ERR_TOO_BIG,      /* the input is larger than the configured limit */
    AC_ERR_PARSE,        /* reference data or input could not be parsed */
    AC_ERR_REGEX,        /* a PCRE2 pattern failed to compile or match */
    AC_ERR_USAGE,        /* a caller passed an invalid argument */
    AC_ERR_DB,           /* the warehouse (libpq) reported an error */
    AC_ERR_XLSX,         /* the workbook writer reported an error */
    AC_ERR__COUNT
} ac_error;

/* Static string describing err; never NULL. */
const char *ac_strerror(ac_error err);

#endif
