/*
 * xlsx_pivot.h — add the PivotTables (pivot.h) to a finished .xlsx file:
 * see xlsx_pivot.c.  Nothing here includes <xlsxwriter.h> or <zip.h>.
 */
#ifndef AC_XLSX_PIVOT_H
#define AC_XLSX_PIVOT_H

#include "../base/diag.h"
#include "../base/error.h"
#include "pivot.h"

/* Add the cache of p and both PivotTables on sheet PIVOT_SHEET to the .xlsx
 * at path (edited in place: pass a temporary file).  created: the
 * workbook's unix time (the cache's refreshedDate); label names the
 * workbook in messages (NULL: path).  Errors through d: AC_ERR_IO (the
 * file could not be opened or rewritten), AC_ERR_XLSX (a part is missing or
 * not as libxlsxwriter writes it), AC_ERR_NOMEM; the file is then left as
 * it was. */
ac_error xlsx_add_pivots(const char *path, const pivot_src *p, long long created,
                         const char *label, diag *d);

#endif
