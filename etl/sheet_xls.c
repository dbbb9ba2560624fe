/* sheet_xls.c — scaffolding until the .xls reader lands (sheet.h). */
#include "sheet.h"

ac_error sheet_read_xls(const char *path, const sheet_limits *l, diag *d, arena *a, book *out)
{
    (void)l; (void)a; (void)out;
    return diag_fail(d, AC_ERR_PARSE, path, 0, "not read: this spreadsheet format is not read yet");
}
