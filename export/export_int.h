/*
 * export_int.h — what the files of the workbook writer share (export.c:
 * the file, formats, cells, names, pages of long tables; export_layout.c:
 * column widths, notes and the print set-up; export_summary.c:
 * the Summary, Read me and the cross-tabs; export_sheets.c: the tables
 * Cube, Facts, Observations, Checks and Sources).  Private to
 * export/export*.c: like them, it includes <xlsxwriter.h>, which nothing
 * outside the workbook writer may do.
 *
 * export_ctx is the state of one export_workbook() call: the open workbook,
 * the formats created once, the borrowed cube (its model c->m) and
 * findings, the pages of each long table, and a scratch buffer (owned,
 * freed by export_workbook).  Every wb_* function that returns ac_error
 * has reported its failure through diag_error() already (once per
 * workbook: x->failed).
 */
#ifndef AC_EXPORT_INT_H
#define AC_EXPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

#include "export.h"
#include "export_pivot.h"
#include "../base/strbuf.h"

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif

#define EXP_STR_MAX 32000            /* bytes; Excel allows 32767 chars      */
#define EXP_EXCEL_ROWS 1048576u      /* rows of a sheet, header included     */
#define EXP_MAX_PAGES 4096           /* sheets of one long table             */
#define FMT_USD "#,##0.00 \"USD\""

enum { F_BOLD, F_TITLE, F_NOTE, F_USD, F_USD_BOLD, F_USD_GREY, F_INT, F_INT_BOLD,
       F_INT_GREY, F_NUM, F_RATE, F_PCT, F_RED, F_AMBER, F_WRAP, F_HEAD, F_INDENT, F_GREY,
       F_NOTE_WRAP, F_BOLD_WRAP, F_GREY_WRAP, F__N };

/* The cells of a sheet kept to be written in row order (export_cells.c). */
typedef struct export_held export_held;

/* How one sheet shows and prints (export_layout.c). */
typedef struct export_sheet export_sheet;

/* A table that may continue over several sheets ("Checks", "Checks 2"). */
typedef struct {
    const char *base;          /* sheet name of the first page            */
    size_t n;                  /* data rows in all                        */
    size_t per;                /* data rows per sheet                     */
    size_t npages;             /* at least 1                              */
    lxw_worksheet **ws;        /* npages sheets, in order                 */
    char (*name)[32];          /* their names                             */
} export_pages;

enum { PG_CUBE, PG_FACTS, PG_OBS, PG_CHECKS, PG__N };

typedef struct {
    lxw_workbook *wb;
    const cube *c;
    const model *m;            /* c->m                                     */
    const finding_list *fl;
    const export_opts *o;
    const char *path;          /* for messages                              */
    diag *d;                   /* borrowed, may be NULL                     */
    lxw_format *f[F__N];
    strbuf buf;                /* scratch for sanitised strings             */
    int failed;                /* an error has been reported                */
    int stream;                /* rows written in order, no tables
                                  (EXPORT_STREAM_CELLS)                     */
    export_held *held;         /* sheets whose cells are kept until
                                  export_release (export_cells.c)           */
    size_t n_held, cap_held;
    lxw_worksheet *last_ws;    /* the sheet looked up last, and its record */
    export_held *last_held;
    export_pages pg[PG__N];
    const export_pivot_src *pv;       /* the PivotTables' source (export_pivot.h)     */
    export_sheet *sheets;      /* per sheet: its columns, notes, print set-up
                                  (export_layout.c)                         */
    size_t n_sheets, cap_sheets, last_sheet;
} export_ctx;

typedef struct {
    const char *header;
    double width;
} export_colspec;

/* Check an lxw_error / an ac_error: report and return from the caller at
 * once.  Only in functions that hold nothing to free: a function that
 * allocates calls the ones that write, and frees on every path. */
#define LX(call)                                                             \
    do {                                                                     \
        lxw_error e_ = (call);                                               \
        if (e_ != LXW_NO_ERROR)                                              \
            return export_fail(x, e_, #call);                                    \
    } while (0)
#define TRY(call)                                                            \
    do {                                                                     \
        ac_error a_ = (call);                                                \
        if (a_ != AC_OK)                                                     \
            return a_;                                                       \
    } while (0)

/* export_cells.c: every cell, merged range and row height goes to
 * libxlsxwriter through export_put_*; written row by row (x->stream), a
 * held sheet's are kept and given in row order by export_release. */
ac_error export_hold(export_ctx *x, lxw_worksheet *ws);
int export_is_held(export_ctx *x, lxw_worksheet *ws);
ac_error export_put_string(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                           const char *t, lxw_format *f);
ac_error export_put_number(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                           double v, lxw_format *f);
/* has: v is the formula's value; else its cached value is empty */
ac_error export_put_formula(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                            const char *formula, int has, double v, lxw_format *f);
ac_error export_put_merge(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0,
                          lxw_col_t c1, const char *t, lxw_format *f);
ac_error export_put_height(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, double pt);
ac_error export_release(export_ctx *x);
void export_cells_free(export_ctx *x);

/* errors (reported once through diag_error) */
ac_error export_fail(export_ctx *x, lxw_error e, const char *what);
ac_error export_nomem(export_ctx *x);

/* cells: strings are sanitised (export_clean) and never become formulas;
 * NULL or "" leaves a cell blank; non-finite numbers are skipped */
ac_error export_str(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                const char *s, lxw_format *f);
ac_error export_num(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                double v, lxw_format *f);
/* exact USD cents, written as USD at the last moment */
ac_error export_usd(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                int64_t cents, lxw_format *f);
ac_error export_formula(export_ctx *x, lxw_worksheet *ws, lxw_row_t r,
                    lxw_col_t col, const char *formula, double v,
                    lxw_format *f);
/* A total that may have nothing to add: has != 0 caches v, else the
 * empty string (the formula's own result over empty cells is "" too). */
ac_error export_total(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                  const char *formula, int has, double v, lxw_format *f);
/* "=IF(COUNT(A:B)=0,\"\",SUM(A:B))" for the cells a..b into buf */
const char *export_sum_of(char *buf, size_t size, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1,
                      lxw_col_t c1);
const char *export_clean(export_ctx *x, const char *s);
size_t export_utf8_len(const unsigned char *s, size_t n);
double export_cents(int64_t cents);            /* cents / 100.0             */

/* names (verdicts and origins: check_verdict_name, cube_origin_name) */
const char *export_member(const export_ctx *x, int d, int32_t k);   /* "Total", "not stated" */
const char *export_country(const export_ctx *x, int32_t k);         /* ISO3 of a region member */
const char *export_region(const export_ctx *x, int32_t k);          /* "Total" for a country   */
const char *export_grain(unsigned mask, char *buf, size_t size); /* "sector×fund", "Total" */
const char *export_date(int32_t yyyymmdd, char *buf, size_t size);
const char *export_fact_flags(uint32_t flags, char *buf, size_t size);
int export_period_top(const export_ctx *x, int32_t k);   /* a period directly under _T */

/* ---- layout (export_layout.c): recorded while the sheets are filled, set
 * by export_layout_finish once they all are ---------------------------- */
/* columns c0..c1 are w characters wide (more when a number needs it), in
 * format f (may be NULL) */
ac_error export_width(export_ctx *x, lxw_worksheet *ws, lxw_col_t c0, lxw_col_t c1, double w,
                      lxw_format *f);
/* a cell of column c was written (the sheet's width to print) */
ac_error export_used(export_ctx *x, lxw_worksheet *ws, lxw_col_t c);
/* number v was written in column c in format f: the column fits it */
ac_error export_number_width(export_ctx *x, lxw_worksheet *ws, lxw_col_t c, double v,
                             const lxw_format *f);
/* text t is about to be written at (r, c) in format *f: when it is longer
 * than its column, *f becomes its wrapping variant and row r as high as
 * its lines (F_INDENT, F_HEAD, F_TITLE and the number formats never wrap) */
ac_error export_fit_text(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                         const char *t, lxw_format **f);
/* a cell of row r of ws is about to be written (export_put_*): written
 * row by row (x->stream), the height of the row measured before is set
 * first */
ac_error export_row(export_ctx *x, lxw_worksheet *ws, lxw_row_t r);
/* a long text on row r, wrapped over the first columns (about chars
 * characters; 0: a page's width), its row as high as its lines; f is
 * F_NOTE, F_BOLD or F_WRAP (its wrapping variant is used) */
ac_error export_note(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, const char *text,
                     lxw_format *f, double chars);
/* print set-up: A4 landscape, header rows first..last repeated (-1: none);
 * fitted to the page's width, or at a legible scale over pages side by
 * side with the first n columns (export_labels) repeated */
ac_error export_print(export_ctx *x, lxw_worksheet *ws, int first, int last);
ac_error export_labels(export_ctx *x, lxw_worksheet *ws, lxw_col_t n);
/* every sheet's widths, notes and print set-up, before the workbook closes */
ac_error export_layout_finish(export_ctx *x);
void export_layout_free(export_ctx *x);

/* An Excel table whose header is row hdr, over nrows data rows (at least
 * one, blank when there is no data), frozen header, widths, print set-up. */
ac_error export_add_table(export_ctx *x, lxw_worksheet *ws, const char *name,
                      const export_colspec *cols, int ncols, lxw_row_t hdr, size_t nrows);

/* the sheets */
ac_error export_write_summary(export_ctx *x, lxw_worksheet *ws, long long created);
/* The Summary's table D, the money shown apart from the funding
 * (export_kinds.c), from row *rp (moved past it); nothing when the cube
 * has no view apart (export_kinds_present). */
ac_error export_write_kinds(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp);
int export_kinds_present(const export_ctx *x);
ac_error export_write_readme(export_ctx *x, lxw_worksheet *ws);
ac_error export_write_crosstab(export_ctx *x, lxw_worksheet *ws, const char *sheet, int32_t fk);
ac_error export_write_cube(export_ctx *x);
ac_error export_write_facts(export_ctx *x);
ac_error export_write_obs(export_ctx *x);
ac_error export_write_checks(export_ctx *x);
ac_error export_write_sources(export_ctx *x, lxw_worksheet *ws);
ac_error export_write_pivot(export_ctx *x, lxw_worksheet *ws);        /* export_pivot.c */
ac_error export_write_pivot_data(export_ctx *x, lxw_worksheet *ws);

/* row counts of the long tables (export_sheets.c) */
size_t export_cube_rows(const export_ctx *x);
size_t export_fact_rows(const export_ctx *x);

#endif
