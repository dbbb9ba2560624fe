/*
 * export_int.h — what the files of the workbook writer share (export.c:
 * the file, formats, cells, names and filters; export_sheets.c: the
 * sheets).  Private to cube/export*.c: like export.c, it includes
 * <xlsxwriter.h>, which nothing outside the workbook writer may do.
 *
 * wb_ctx is the state of one export_workbook() call: the open workbook,
 * the formats created once, the borrowed cube and findings, the fund
 * filter, and a scratch buffer (owned, freed by export_workbook).
 * Every wb_* function that returns ac_error has reported its failure
 * through diag_error() already (once per workbook: x->failed).
 */
#ifndef AC_EXPORT_INT_H
#define AC_EXPORT_INT_H

#include <stddef.h>

#include <xlsxwriter.h>

#include "export.h"

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif

#define EXP_STR_MAX 32000            /* bytes; Excel allows 32767 chars      */
#define EXP_MAX_ROWS 1048575u        /* data rows below a header row        */
#define FMT_USD "#,##0.00 \"USD\""

enum { F_BOLD, F_TITLE, F_NOTE, F_USD, F_USD_BOLD, F_INT, F_NUM, F_RED,
       F_AMBER, F__N };

typedef struct {
    lxw_workbook *wb;
    const cube *c;
    const finding_list *fl;
    const export_opts *o;
    const char *path;          /* for messages                              */
    diag *d;                   /* borrowed, may be NULL                     */
    lxw_format *f[F__N];
    char *buf;                 /* scratch for sanitised strings, formulas   */
    size_t cap;
    int filter;                /* 1: show only fund ffund                   */
    int ffund;                 /* fund member key of the filter (-1: none)  */
    int failed;                /* an error has been reported                */
    size_t cube_rows;          /* data rows of the Cube sheet               */
} wb_ctx;

typedef struct {
    const char *header;
    double width;
} wb_colspec;

/* Check an lxw_error / an ac_error: report and return from the caller. */
#define LX(call)                                                             \
    do {                                                                     \
        lxw_error e_ = (call);                                               \
        if (e_ != LXW_NO_ERROR)                                              \
            return wb_fail(x, e_, #call);                                    \
    } while (0)
#define TRY(call)                                                            \
    do {                                                                     \
        ac_error a_ = (call);                                                \
        if (a_ != AC_OK)                                                     \
            return a_;                                                       \
    } while (0)

/* errors (reported once through diag_error) */
ac_error wb_fail(wb_ctx *x, lxw_error e, const char *what);
ac_error wb_nomem(wb_ctx *x);

/* cells: strings are sanitised (wb_clean) and never become formulas;
 * NULL or "" leaves a cell blank; non-finite numbers are skipped */
ac_error wb_str(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                const char *s, lxw_format *f);
ac_error wb_num(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                double v, lxw_format *f);
ac_error wb_formula(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r,
                    lxw_col_t col, const char *formula, double v,
                    lxw_format *f);
const char *wb_clean(wb_ctx *x, const char *s);
void wb_col_name(char *buf, lxw_col_t col);

/* names: "Total" for the total member; country code of a geography member,
 * region name ("Total" for a country); origin and verdict names */
const char *wb_member(const cube *c, int d, int k);
const char *wb_country(const cube *c, int k);
const char *wb_region(const cube *c, int k);
const char *wb_origin(cube_origin o);
const char *wb_verdict(check_verdict v);
const char *wb_cuboid_label(unsigned mask, char *buf, size_t size);

/* the fund filter (export_opts.fund_filter) */
int wb_cell_shown(const wb_ctx *x, unsigned mask, const cube_cell *cl);
int wb_fact_shown(const wb_ctx *x, const cube_fact *f);
int wb_source_shown(const wb_ctx *x, size_t s);
int wb_finding_shown(const wb_ctx *x, const finding *fd);

/* an Excel table with bold headers, widths and a frozen header row */
ac_error wb_add_table(wb_ctx *x, lxw_worksheet *ws, const char *name,
                      const wb_colspec *cols, int ncols, size_t nrows);
ac_error wb_check_rows(wb_ctx *x, size_t n, const char *sheet);

/* the sheets (export_sheets.c) */
ac_error wb_write_summary(wb_ctx *x, lxw_worksheet *ws, long long created);
ac_error wb_write_cube(wb_ctx *x, lxw_worksheet *ws);
ac_error wb_write_crosstab(wb_ctx *x, lxw_worksheet *ws, const char *sheet, int fk);
ac_error wb_write_obs(wb_ctx *x, lxw_worksheet *ws);
ac_error wb_write_checks(wb_ctx *x, lxw_worksheet *ws);
ac_error wb_write_sources(wb_ctx *x, lxw_worksheet *ws);

#endif
