/*
 * attribute_sheet.h — a project list (a sheet of read_sheet.h) becomes observations:
 * one project per row, at the finest grain, with its provenance (file,
 * sheet, row, column).
 *
 * Two steps, one module each:
 *
 * attribute_sheet_map.c — the header.  The header row is the first of the first
 *   SHEET_HEADER_SEARCH_ROWS rows whose cells name at least two known fields,
 *   one of them the amount; the rows above it are title rows (their text
 *   may state the list's country, fund and period).  A header cell is
 *   matched after folding case, accents and punctuation (attribute_fold.h) against
 *   the names of fixtures/ref/headers*.tsv and the --map file: first
 *   exactly, else the longest name that starts the header ("Date de début
 *   prévue" is a start date).  A currency written in the header ("Montant
 *   (FCFA)", "Budget en USD", "Cost US$") is taken off before matching and
 *   applies to the column.  A header naming a money kind ("Disbursed",
 *   "Montant décaissé", "Budget approuvé": the column `kind` of
 *   headers.tsv) gives the column's amounts that kind.  A merged cell above the header ("Montant" over
 *   "FCFA" and "EUR") is read before the header's own text.  A sheet with
 *   no such row is not a project list: an error that names the columns
 *   nothing recognised and asks for --map.
 *
 * attribute_sheet_rows.c — the rows.  Each row below the header is one of:
 *   - a project: one amount observation (project = 1) and one count of
 *     1 project, both at the row's coordinates (a row of a list whose
 *     amount column names pledges, contributions received, needs, gaps or
 *     co-financing states its amount and no project); values go through the same
 *     gazetteer as the reports (region, locality, sector, fund, currency)
 *     and the same number reader (a cell "USD 45.317,39" states its own
 *     currency);
 *   - a total: its first text says so (total_row phrases: "Total",
 *     "Sous-total", "TOTAL GÉNÉRAL"), its amount is a SUM formula, or it
 *     holds an amount and nothing else while equal to the sum of the rows
 *     above it.  It covers the projects since the previous total (a
 *     "Total" or "Total général" since the previous one of its kind) in its
 *     currency, and becomes a reported total at what those rows share
 *     (their fund, sector, region, period when they all state the same);
 *     when it covers only the rows of its currency among several, it
 *     cannot be a cell of the cube and is checked against those rows only
 *     (obs.subset_total);
 *   - a reject: an amount that cannot be read ("n.c.", "-", "#N/A", a
 *     formula with no cached value), a region the reference data does not
 *     know, a date that cannot exist, no currency at all: the row goes to
 *     the reject list with its sheet, row, column, raw value and reason,
 *     and is reported on the diag as "FILE:ROW: sheet \"S\", column E: ...";
 *     the rest of the sheet loads.
 * The project's period: a period column ("2017/2018"), else the one period
 * the title rows state, else the budget year of its start date (UN fiscal
 * year for a fund whose budget_year is fiscal, else the calendar year).
 * Its duration: a months column, else from its start and end dates.  The
 * currency: the cell's own, else a currency column, else the header's,
 * else the fund's currency of account (one warning per sheet).
 *
 * Memory: observations, rejects and their strings live in the caller's
 * arena.
 */
#ifndef AC_SHEET_FACTS_H
#define AC_SHEET_FACTS_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"
#include "attribute.h"
#include "attribute_gazetteer.h"
#include "attribute_fold.h"
#include "attribute_obs.h"
#include "../read/read_sheet.h"

/* A header row is looked for among the first rows: title lines, a logo's
 * caption and a blank line or two come before it in the lists we know. */
#define SHEET_HEADER_SEARCH_ROWS 30

/* A mapping given with --map FILE: header (as written) -> field. */
typedef struct {
    const char *header;
    int field;                /* attribute_gz_header_field                           */
} attribute_sheet_map_entry;

typedef struct {
    const attribute_sheet_map_entry *map;   /* --map entries, tried before the
                                     reference headers                  */
    size_t n_map;
    const char *only_sheet;       /* --sheet: already applied by the reader */
} attribute_sheet_opts;

typedef struct {
    const char *sheet;
    long row;
    int col;                  /* 0 when the reason is about the row        */
    const char *raw;          /* the cell as written, or NULL               */
    const char *reason;
} attribute_sheet_reject;

typedef struct {
    attribute_sheet_reject *v;
    size_t n, cap;
} attribute_sheet_reject_list;

/* What a mapped header holds. */
typedef struct {
    int col[GZ_HF__COUNT];    /* 1-based column of each field, 0: none     */
    const char *currency[GZ_HF__COUNT]; /* a currency from a header, or NULL */
    int amount_kind;          /* the money kind the amount column's header
                                 names ("Montant décaissé": disbursed), 0:
                                 none; among several amount columns the
                                 first of no kind or allocated is read   */
    long header_row;          /* 1-based                                   */
    size_t header_index;      /* index of the header row in sheet.row     */
    const char *title_text;   /* the title rows' text, joined by "\n"      */
} attribute_sheet_header;

/* Find and map the header of s.  AC_ERR_PARSE (reported on d, naming path
 * and the unrecognised columns) when the sheet has none. */
ac_error attribute_sheet_map_header(const sheet *s, const char *path, const gazetteer *gz,
                          const attribute_sheet_opts *o, diag *d, arena *a, attribute_sheet_header *out);

/* The folded words of s (attribute_fold.h) joined by single spaces, into out
 * (its contents replaced; out->s allocated, NUL-terminated); 0, or -1 when
 * out of memory. */
int attribute_sheet_fold_into(const char *s, strbuf *out);

/* Read a --map file: lines "header<TAB>field" ('#' comments).  Errors name
 * the file and line. */
ac_error attribute_sheet_map_load(const char *path, diag *d, arena *a, attribute_sheet_map_entry **out, size_t *n);

/* Every sheet of b: observations appended to out, rejects to rej; info gets
 * the document's country, fund, year and language as attribute_document
 * gives them for a text.  A sheet with no header is reported and skipped
 * (AC_ERR_PARSE when no sheet of the book has one).  sx: the caller's scanner. */
ac_error attribute_sheet_rows(scan_ctx *sx, const book *b, const char *path, const char *name,
                            const gazetteer *gz, const attribute_sheet_opts *o, diag *d, arena *a,
                            attribute_obs_list *out, attribute_sheet_reject_list *rej, attribute_info *info);

#endif
