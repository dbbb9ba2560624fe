/*
 * export.h — the donor workbook: the cube, its facts and the reconciliation
 * findings written as one .xlsx file.
 *
 * Data flow: cube_build() (cube.h) and check_run() (check.h) hand over a
 * built cube (its model is c->m) and its findings; export_workbook() lays
 * them out as sheets, in this order:
 *
 *   Pivot         first and active: what the PivotTables count and leave
 *                 out, PivotTable1 (sector × region, report filters fund
 *                 and period, location A8) and PivotTable2 (fund × period,
 *                 below it), their values also written as plain cells
 *                 (export_pivot.c, export_pivot.h)
 *   Summary       counts of findings (mismatch, unverifiable, invalid);
 *                 then for amounts and for numbers of projects: A by fund
 *                 over all periods (+ "fund not stated", Total = SUM);
 *                 B by top-level period over all funds (inner periods
 *                 indented, never added; key 1 "period not stated" or
 *                 "undated or in overlapping periods (rest)"; Total =
 *                 SUMIF over the rows marked "added"); C the cube's cells
 *                 fund × period as they are, no total across periods, a
 *                 column total only where the rows equal the cube's own;
 *                 every total's cached result is the cube's value and a
 *                 total over empty cells is empty; a table of the periods
 *   Read me       the methodology in plain words (the rules of cube.h)
 *   Cube [n]      every cell of the 16 cuboids, one table with a `grain`
 *                 column and a note: summing over it counts figures many
 *                 times; within one grain, rows with sum_these = "yes"
 *                 (sum_these_projects) are counted once
 *   <fund>        one cross-tab per fund: sectors (name and DAC code) ×
 *                 regions, "not stated" row and column, SUM totals, the
 *                 share of the fund's money the table shows, a bar chart
 *   Facts [n]     the leaf facts (FACT_LEAF), each counted once: what a
 *                 PivotTable should read
 *   Observations [n]  every fact with its provenance, rate and flags, and
 *                     where each attribute came from (attributed_from)
 *   Checks [n]    the findings, mismatches in red, unverifiable in amber
 *   Sources       every file given, by its name and SHA-256 (never its
 *                 folders): what became of it (loaded, its rows all rows
 *                 of another, a copy, not read and why), its counts
 *   Pivot data    last: the PivotTables' source, one row per leaf fact
 *                 (sector region country period fund usd projects doc
 *                 line), or the finest cuboid's cells when the leaf facts
 *                 are more than a sheet holds
 * A table longer than a sheet holds (export_opts.max_rows_per_sheet, by
 * default Excel's 1,048,576 rows less its header) continues on "NAME 2",
 * "NAME 3", ...: a large run never fails for want of rows.
 *
 * Invariants: text that comes from a source is always written as a string
 * (never a formula, never type-guessed), so "=SUM(...)" in a snippet stays
 * text.  USD amounts are exact integer cents until the cell is written
 * (cents / 100.0 at the last moment); a cell with no value is left empty,
 * never 0.  Every sheet prints legibly (export_layout.c): A4 landscape,
 * fitted to the page's width or at 80 % with its row labels repeated, no
 * text below 8 pt, no number as ###, no text over its neighbours.  The
 * workbook is written to a
 * temporary file beside `path` and renamed into place only once
 * libxlsxwriter has closed it without error, the PivotTable parts have been
 * added to it (export_pivot_parts.c) and it has been fsync'ed: an
 * old workbook at `path` is never replaced by a broken one.  Only the
 * writer's own files (export/export*.c and the private export/export_int.h)
 * include <xlsxwriter.h>; this header does not.
 *
 * A one-fund workbook (--split fund) is written from a cube built on that
 * fund's facts only (model_filter_fund); fund_filter only names it.
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
#include "../check/check.h"
#include "../cube/cube.h"

/* A spreadsheet row that was not loaded, or a file that was not read
 * (sheet NULL, row 0) (kept by the pipeline, written by export_rejects;
 * the strings are the caller's). */
typedef struct export_reject {
    const char *path, *sheet;
    long row;
    int col;                 /* 0: the row as a whole                      */
    const char *raw, *reason;
} export_reject;

/* A file given to the run that adds no source to the cube, for the Sources
 * sheet: a copy of a source (same SHA-256) or a file that could not be
 * read (with --db: that the last load that saw it could not read).  Only
 * its base name is shown, never its folders; the notes are shown in the
 * order given (the pipeline's: by path). */
typedef struct export_file_note {
    const char *path;        /* as given                                   */
    const char *sha256;      /* NULL: not read                             */
    const char *status;      /* "same content as NAME: not loaded again",
                                "not read: REASON"                         */
} export_file_note;

/* What a writer tells its caller about the temporary files it creates, so
 * that a command stopped by a signal can remove them: the registry and the
 * signal handler are the command's (src/cmd_tmp.c).  Any member may be NULL. */
typedef struct export_hooks {
    void *ctx;
    /* path was created (0), or cannot be registered (-1: out of memory) */
    int (*tmp_add)(void *ctx, const char *path);
    /* path was renamed into place or removed */
    void (*tmp_drop)(void *ctx, const char *path);
    /* on = 1: a step begins that must not be cut short (libzip's own
     * temporary file, which cannot be registered; publishing a set);
     * on = 0: it ended.  Steps never nest. */
    void (*hold)(void *ctx, int on);
} export_hooks;

typedef struct {
    const char *title;        /* workbook title; NULL: "aidcube"           */
    const char *fund_filter;  /* only this fund's data; NULL = all funds    */
    long long created;        /* unix time of the document properties,
                                 resolved by the caller (the command reads
                                 SOURCE_DATE_EPOCH / AIDCUBE_TEST); 0: now */
    size_t max_rows_per_sheet;/* data rows of a table per sheet before it
                                 continues on the next; 0: Excel's limit   */
    size_t pivot_max_rows;    /* leaf facts "Pivot data" holds before it
                                 holds the finest cuboid's cells instead;
                                 0: PIVOT_MAX_ROWS (tests set it lower)    */
    const export_hooks *hooks;/* temporary files; NULL: none              */
    const export_file_note *files;   /* the files that add no source (the
                                 Sources sheet lists them below the
                                 sources; a copy only beside its source) */
    size_t n_files;
    int low_memory;           /* 1: every sheet written row by row (see
                                 EXPORT_STREAM_CELLS); 0: only when the
                                 workbook is that large                   */
} export_opts;

/* Write the workbook for cube c (built) and findings (may be NULL) to path.
 * o may be NULL (defaults).  Never prints: errors go to d (may be NULL);
 * on error `path` is untouched. */
ac_error export_workbook(const cube *c, const finding_list *findings,
                         const export_opts *o, const char *path, diag *d);

/* The same workbook, written and synced to a new temporary file
 * "PATH.tmp-XXXXXX" beside path and left there: *tmp its name (the caller
 * renames it over path or removes it, tells o->hooks, and frees *tmp).
 * Before writing, the memory the workbook needs (its cells, about
 * EXPORT_CELL_BYTES each) is asked for once: when the machine cannot give
 * it the call fails with AC_ERR_NOMEM ("out of memory") before any cell is
 * written, instead of libxlsxwriter failing half-way. */
ac_error export_workbook_tmp(const cube *c, const finding_list *findings,
                             const export_opts *o, const char *path, diag *d, char **tmp);

/* Bytes of memory libxlsxwriter may take per cell (the cell, its string in
 * the shared table, the row's node), generously. */
#define EXPORT_CELL_BYTES 96

/* A workbook of more cells than this (about 300 MB held by libxlsxwriter at
 * the 140 bytes a cell measured) is written row by row, in libxlsxwriter's
 * constant_memory mode: each row goes to a temporary file when the next
 * starts, so memory does not grow with the rows.  That mode has no Excel
 * tables: a long table there is a plain range with an AutoFilter on its
 * bold header (the same columns, widths, frozen header and print set-up);
 * strings are stored in their cells, not in a shared table.  Every cell is
 * then written in row order: one written behind is an error, never lost
 * silently. */
#define EXPORT_STREAM_CELLS 2000000

/* The files a run did not read and the spreadsheet rows it did not load,
 * as a TSV (header: file sheet row column raw reason; fields escaped as
 * diag.h says; a file not read has an empty sheet, row and column),
 * written to a temporary file and renamed over path. */
ac_error export_rejects(const export_reject *r, size_t n, const char *path, diag *d);
/* The same TSV into a new temporary file "PATH.tmp-XXXXXX", synced and left
 * there, registered through h (may be NULL); *tmp its name (caller frees). */
ac_error export_rejects_tmp(const export_reject *r, size_t n, const char *path,
                            const export_hooks *h, diag *d, char **tmp);

/* ---- a set of files published as a whole (export_set.c) ----------------
 *
 * build writes DIR/aidcube.xlsx, with --split one workbook per fund, and
 * DIR/rejects.tsv as one set: every file is first written to a temporary
 * name, then (export_set_publish) all are renamed into place and the
 * manifest DIR/aidcube-manifest.tsv (file fund sha256 rows, header first) is
 * written last, by rename: the manifest names the set that is in place.
 * Files the previous manifest named that the new one does not (the workbook
 * of a fund that is gone) are removed, when they are still what that
 * manifest says (same SHA-256): a user's file is never removed.
 *
 * export_set_open takes DIR/.aidcube.lock (flock, waiting for another
 * aidcube writing into DIR) and removes the temporary files a killed run
 * left: aidcube*.xlsx.tmp-*, rejects.tsv.tmp-*, aidcube-manifest.tsv.tmp-*
 * (no other aidcube holds the lock, so none is in use).  The lock is held
 * until export_set_free, which also removes the temporary files of a set
 * that was not published. */
typedef struct export_set export_set;

ac_error export_set_open(const char *dir, const export_hooks *h, diag *d, export_set **out);
/* The workbook of fund (NULL: all funds, DIR/aidcube.xlsx) to a temporary
 * file of the set.  A fund's file is DIR/aidcube-NAME.xlsx, NAME its sheet
 * name (export_sheet_name), followed by "-" and 8 hex digits of the SHA-256
 * of the id when that name is not the id itself: two ids never share a file. */
ac_error export_set_workbook(export_set *s, const cube *c, const finding_list *fl,
                             const export_opts *o, const char *fund, diag *d);
ac_error export_set_rejects(export_set *s, const export_reject *r, size_t n, diag *d);
/* The file name (no directory) of fund's workbook, into buf (>= 192). */
const char *export_set_file_name(const char *fund, char *buf, size_t size);
/* Rename every file into place, write the manifest, remove the previous
 * set's files that are gone, sync DIR; signals are held meanwhile. */
ac_error export_set_publish(export_set *s, diag *d);
void export_set_free(export_set *s);

/* Excel-safe sheet name for a fund id into buf (size >= 128): at most 31
 * characters, none of []:*?/\, no leading or trailing apostrophe, never
 * empty.  Returns buf.  (Uniqueness is the caller's business.) */
const char *export_sheet_name(const char *id, char *buf, size_t size);

#endif
