/*
 * export_pivot_parts.h — add the PivotTables (export_pivot.h) to a finished .xlsx file:
 * see export_pivot_parts.c.  Nothing here includes <xlsxwriter.h> or <zip.h>.
 */
#ifndef AC_XLSX_PIVOT_H
#define AC_XLSX_PIVOT_H

#include "../base/diag.h"
#include "../base/error.h"
#include "export_pivot.h"

/* Add the cache of p and both PivotTables on sheet PIVOT_SHEET to the .xlsx
 * at path (edited in place: pass a temporary file).  created: the
 * workbook's unix time (the cache's refreshedDate); label names the
 * workbook in messages (NULL: path).  Errors through d: AC_ERR_IO (the
 * file could not be opened or rewritten), AC_ERR_XLSX (a part is missing or
 * not as libxlsxwriter writes it), AC_ERR_NOMEM; the file is then left as
 * it was. */
ac_error export_pivot_parts_add(const char *path, const export_pivot_src *p, long long created,
                         const char *label, diag *d);

#endif
