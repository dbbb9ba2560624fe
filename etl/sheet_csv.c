/* sheet_csv.c — scaffolding until the csv reader lands (sheet.h). */
#include "sheet.h"

ac_error sheet_read_csv(const char *path, const unsigned char *bytes, size_t n,
                      const sheet_limits *l, diag *d, arena *a, book *out)
{
    (void)bytes; (void)n; (void)l; (void)a; (void)out;
    return diag_fail(d, AC_ERR_PARSE, path, 0, "not read: this spreadsheet format is not read yet");
}
