/*
 * export.h — the donor workbook: the cube, its facts and the reconciliation
 * findings written as one .xlsx file.
 *
 * Data flow: cube_build() (cube.h) and check_run() (check.h) hand over a
 * built cube and its findings; export_workbook() lays them out as sheets,
 * in this order:
 *
 *   Summary       headline totals per fund and period (SUMIFS formulas over
 *                 the Cube sheet, with the cube's own value as the cached
 *                 result), the number of mismatches, a title and a note
 *   Cube          every cell of the 16 cuboids, as an Excel table
 *   <fund>        one cross-tab per fund: sector rows × region columns,
 *                 SUM formulas for the totals, a bar chart by sector
 *   Observations  every fact with its provenance, as an Excel table
 *   Checks        the findings, mismatches in red, unverifiable in amber
 *   Sources       each source document with its hash and counts
 *
 * Invariants: text that comes from a source is always written as a string
 * (never a formula, never type-guessed), so "=SUM(...)" in a snippet stays
 * text.  The workbook is written to a temporary file beside `path` and
 * renamed into place only once libxlsxwriter has closed it without error and
 * it has been fsync'ed: an old workbook at `path` is never replaced by a
 * broken one.  Only the writer's own files (cube/export*.c and the private
 * cube/export_int.h) include <xlsxwriter.h>; this header does not, so its
 * callers never depend on libxlsxwriter.
 *
 * Memory: the cube and findings are borrowed for the duration of the call;
 * nothing is kept afterwards.  Errors are reported through diag.h and
 * returned as AC_ERR_XLSX (the library failed), AC_ERR_IO (the file could
 * not be created, synced or renamed), AC_ERR_NOMEM or AC_ERR_USAGE.
 */
#ifndef AC_EXPORT_H
#define AC_EXPORT_H

#include "../base/diag.h"
#include "../base/error.h"
#include "check.h"
#include "cube.h"

typedef struct {
    const char *title;        /* workbook title; NULL: "aidcube"           */
    const char *fund_filter;  /* only this fund's data; NULL = all funds    */
    long long created;        /* unix time of the document properties,
                                 resolved by the caller (the command reads
                                 SOURCE_DATE_EPOCH / AIDCUBE_TEST); 0: now */
} export_opts;

/* Write the workbook for cube c (built) and findings (may be NULL) to path.
 * o may be NULL (defaults).  Never prints: errors go to d (may be NULL);
 * on error `path` is untouched. */
ac_error export_workbook(const cube *c, const finding_list *findings,
                         const export_opts *o, const char *path, diag *d);

/* Excel-safe sheet name for a fund id into buf (size >= 128): at most 31
 * characters, none of []:*?/\, no leading or trailing apostrophe, never
 * empty.  Returns buf.  (Uniqueness is the caller's business.) */
const char *export_sheet_name(const char *id, char *buf, size_t size);

#endif
