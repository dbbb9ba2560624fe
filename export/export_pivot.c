/*
 * export_pivot.c — the two sheets of the workbook behind its PivotTables:
 * "Pivot" (first, active: a title, what the PivotTables count and leave
 * out, and the values they show, written as plain cells so that a viewer
 * without PivotTables shows the same numbers) and "Pivot data" (last: the
 * source table, one row per export_pivot_src row).  The PivotTables themselves are
 * added to the finished file by export_pivot_parts.c.
 *
 * Layout of "Pivot" (0-based rows from export_pivot.h): rows 1-3 title and notes;
 * row 4 the caption of PivotTable1; A5:B7 its report filters (fund,
 * period: "(All)"; kind: "funding"); PivotTable1 from A9 (PIVOT_TOP): a header row ("Column
 * Labels"), the regions (each over two columns: Sum of usd, Sum of
 * projects, then "Total Sum of usd", "Total Sum of projects"), the data
 * fields' names with "Row Labels", one row per sector, "Grand Total";
 * PivotTable2 (fund × period) PIVOT_GAP rows below it, its filter on kind
 * two rows above it and its caption above the filter.  These are Excel's compact layout; LibreOffice and Excel draw
 * the PivotTables again over the same place when they open the file.
 *
 * Memory: the pivot source is borrowed from x->pv; cross-tabs are freed here.
 */
#include "export_int.h"

#include <stdio.h>
#include <string.h>

#include "export_pivot.h"

static const export_colspec data_cols[PV__N] = {
    {"sector", 24}, {"region", 26}, {"country", 9}, {"period", 14}, {"fund", 10},
    {"usd", 20}, {"projects", 9}, {"doc", 30}, {"line", 7}, {"kind", 12}};

ac_error export_write_pivot_data(export_ctx *x, lxw_worksheet *ws)
{
    const export_pivot_src *p = x->pv;
    for (int f = 0; f < PV__N; f++) {
        TRY(export_str(x, ws, 0, (lxw_col_t)f, export_pivot_field_name[f], x->f[F_BOLD]));
        TRY(export_width(x, ws, (lxw_col_t)f, (lxw_col_t)f, data_cols[f].width, NULL));
    }
    worksheet_freeze_panes(ws, 1, 0);
    TRY(export_labels(x, ws, PV_COUNTRY));       /* sector and region name a row */
    for (size_t i = 0; i < p->n; i++) {
        const export_pivot_row *r = &p->row[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        for (int f = 0; f < PV__N; f++)
            if (export_pivot_field_is_text(f))
                TRY(export_str(x, ws, row, (lxw_col_t)f, p->items[f].s[r->item[f]], NULL));
        if (r->has & PV_HAS_USD)
            TRY(export_usd(x, ws, row, PV_USD, r->usd, NULL));
        if (r->has & PV_HAS_PROJECTS)
            TRY(export_num(x, ws, row, PV_PROJECTS, (double)r->projects, x->f[F_INT]));
        if (r->has & PV_HAS_LINE)
            TRY(export_num(x, ws, row, PV_LINE, (double)r->line, NULL));
    }
    return export_print(x, ws, 0, 0);
}

/* The values of one cross-tab cell at (row, col), (row, col + 1). */
static ac_error xt_cell(export_ctx *x, lxw_worksheet *ws, const export_pivot_xtab *t, size_t at,
                        lxw_row_t row, lxw_col_t col, int bold)
{
    if (t->has[at] & PV_HAS_USD)
        TRY(export_usd(x, ws, row, col, t->usd[at], x->f[bold ? F_USD_BOLD : F_USD]));
    if (t->has[at] & PV_HAS_PROJECTS)
        TRY(export_num(x, ws, row, col + 1, (double)t->projects[at], x->f[bold ? F_INT_BOLD : F_INT]));
    return AC_OK;
}

static ac_error xt_head(export_ctx *x, lxw_worksheet *ws, const export_pivot_items *cols,
                        const uint32_t *shown, size_t nc, lxw_row_t r0)
{
    lxw_format *b = x->f[F_BOLD];
    TRY(export_str(x, ws, r0, 1, "Column Labels", b));
    TRY(export_str(x, ws, r0 + 2, 0, "Row Labels", b));
    for (size_t j = 0; j <= nc; j++) {
        lxw_col_t c = (lxw_col_t)(1 + 2 * j);
        int total = j == nc;
        TRY(export_str(x, ws, r0 + 1, c, total ? "Total Sum of usd" : cols->s[shown[j]], b));
        if (total)
            TRY(export_str(x, ws, r0 + 1, c + 1, "Total Sum of projects", b));
        TRY(export_str(x, ws, r0 + 2, c, "Sum of usd", b));
        TRY(export_str(x, ws, r0 + 2, c + 1, "Sum of projects", b));
    }
    return AC_OK;
}

static ac_error xt_write(export_ctx *x, lxw_worksheet *ws, int w, const export_pivot_loc *loc)
{
    const export_pivot_spec *s = &export_pivot_specs[w];
    const export_pivot_items *rows = &x->pv->items[s->row], *cols = &x->pv->items[s->col];
    export_pivot_xtab t;
    if (export_pivot_crosstab(x->pv, w, &t) != AC_OK)
        return export_nomem(x);
    lxw_row_t r0 = (lxw_row_t)loc->row;
    ac_error err = xt_head(x, ws, cols, x->pv->shown[s->col], t.nc, r0);
    for (size_t i = 0; i <= t.nr && !err; i++) {
        lxw_row_t r = (lxw_row_t)(r0 + PIVOT_HEAD + i);
        int total = i == t.nr;
        err = export_str(x, ws, r, 0, total ? "Grand Total" : rows->s[x->pv->shown[s->row][i]],
                         total ? x->f[F_BOLD] : NULL);
        for (size_t j = 0; j <= t.nc && !err; j++)
            err = xt_cell(x, ws, &t, i * (t.nc + 1) + j, r, (lxw_col_t)(1 + 2 * j),
                          total || j == t.nc);
    }
    export_pivot_xtab_free(&t);
    return err;
}

/* A sector in words ("Gestion des conflits et Education civique") fits;
 * 9,999,999,999.99 USD fits without ###. */
#define PIVOT_LABEL_WIDTH 42
#define PIVOT_VALUE_WIDTH 22

static const char title[] = "PivotTables of the leaf facts: by sector and region, by fund and period";
static const char count_note[] =
    "The PivotTables count the leaf facts: each figure once, at the finest grain the sources "
    "give; the usd of each fund adds up to its row of the Summary, and all of it to the "
    "grand total (projects: their numbers of projects), what a total holds beyond the funds' "
    "figures being one row \"rest of a total (no figure)\". Their source is the sheet "
    "\"Pivot data\".";
static const char finest_note[] =
    "The PivotTables count the finest cells of the cube (sector \xC3\x97 region \xC3\x97 period "
    "\xC3\x97 fund: the leaf facts added up at each of their coordinates), not the leaf facts "
    "one by one: there are more leaf facts than a sheet holds here (%zu rows). Their usd still "
    "adds up to the grand total of the Summary. Their source is the sheet \"Pivot data\".";
static const char left_note[] =
    "They show the kind \"funding\" (the filter kind above each): the money the Summary adds; "
    "choose another kind to see contributions received, pledges, requests, gaps, co-financing "
    "or the disbursements as stated, never added to the funding. "
    "They leave out stated totals that supersede their parts, figures of periods that overlap "
    "the ones added, caps, rates, averages, impossible figures: see Facts and Observations. A "
    "period is a period as the sources state it: a column of PivotTable2 holds the figures "
    "stated for exactly that period (2019 does not hold a figure of 2018-2019); the money of "
    "each period is in the Summary's table C.";
static const char truncated_note[] =
    " Even the finest cells are more than a sheet holds: only the first %zu are counted, and "
    "the totals are short.";

ac_error export_write_pivot(export_ctx *x, lxw_worksheet *ws)
{
    const export_pivot_src *p = x->pv;
    export_pivot_loc loc[PIVOT_N];
    char note[1024];
    export_pivot_locations(p, loc);
    TRY(export_str(x, ws, 0, 0, title, x->f[F_TITLE]));
    if (p->finest)
        snprintf(note, sizeof note, finest_note, p->max_rows);
    TRY(export_note(x, ws, 1, p->finest ? note : count_note, x->f[F_NOTE], 0));
    int nl = snprintf(note, sizeof note, "%s", left_note);
    if (p->truncated && nl > 0 && (size_t)nl < sizeof note)
        snprintf(note + nl, sizeof note - (size_t)nl, truncated_note, p->max_rows);
    TRY(export_note(x, ws, 2, note, x->f[F_NOTE], 0));
    TRY(export_width(x, ws, 0, 0, PIVOT_LABEL_WIDTH, NULL));
    TRY(export_width(x, ws, 1, 200, PIVOT_VALUE_WIDTH, NULL));
    TRY(export_labels(x, ws, 1));
    for (int w = 0; w < PIVOT_N; w++) {
        const export_pivot_spec *s = &export_pivot_specs[w];
        lxw_row_t page0 = (lxw_row_t)(loc[w].row - 1 - (uint32_t)s->npage);
        TRY(export_str(x, ws, page0 - 1, 0, s->caption, x->f[F_HEAD]));
        for (int k = 0; k < s->npage; k++) {
            TRY(export_str(x, ws, page0 + (lxw_row_t)k, 0, export_pivot_field_name[s->page[k]],
                       x->f[F_BOLD]));
            TRY(export_str(x, ws, page0 + (lxw_row_t)k, 1,
                           s->page[k] == PV_KIND ? p->items[PV_KIND].s[p->funding] : "(All)", NULL));
        }
        TRY(xt_write(x, ws, w, &loc[w]));
    }
    /* the tables are wide: fitted to the page's width only when that stays
     * legible, else over pages side by side with the row labels repeated */
    return export_print(x, ws, -1, -1);
}
