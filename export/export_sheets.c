/*
 * export_sheets.c — the tables of the donor workbook: Cube, Facts,
 * Observations, Checks (each over as many sheets as it needs) and Sources
 * (see export.h for what each holds, export.c for the file and the cell
 * helpers).
 *
 * Data flow: export.c has planned the pages of each long table (x->pg) and
 * added the worksheets in their final order; each wb_write_* walks the cube
 * (cuboids by mask, cells in key order), the model's facts or the findings
 * and writes rows through export_str/export_num/export_usd, so that the string rules
 * and error reporting live in one place.  Row i of a long table goes to
 * page i / per, row i % per below that page's header; each page is an Excel
 * table of its own (tCube, tCube2, ...) with the same notes above it.
 *
 * Invariants: a value is written only when there is one (origin not
 * ORIGIN_NONE, has bits): an empty cell means "not stated", never 0.
 *
 * Memory: everything is borrowed from the cube and model, or copied by
 * libxlsxwriter; no allocation here.
 */
#include "export_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"

/* A finding's exact value (an integer at fd->scale decimals) as the
 * nearest double, through its decimal text: no drift. */
static double finding_num(const finding *fd, int64_t v)
{
    char buf[48];
    return strtod(check_format_value(v, fd->scale, buf, sizeof buf), NULL);
}
#define FINDING_NUM(fd, field) finding_num((fd), (fd)->field)

/* ---- pages of a long table ------------------------------------------------------- */

typedef struct {
    int t;                      /* PG_*                                   */
    const char *table;          /* table name of page 1: "tCube"          */
    const export_colspec *cols;
    int ncols;
    int labels;                 /* the first columns name the row: repeated
                                   on each page of a wide print           */
    const char *note[2];        /* above the header (pages with hdr 2)    */
} page_spec;

static ac_error page_init(export_ctx *x, const page_spec *s, size_t p)
{
    export_pages *pg = &x->pg[s->t];
    lxw_worksheet *ws = pg->ws[p];
    lxw_row_t hdr = s->note[0] ? 2 : 0;
    char tname[64];
    size_t rows = pg->n - p * pg->per;
    if (rows > pg->per)
        rows = pg->per;
    if (p == 0)
        snprintf(tname, sizeof tname, "%s", s->table);
    else
        snprintf(tname, sizeof tname, "%s%zu", s->table, p + 1);
    /* the table's widths first: a note written at once (row by row)
     * wraps over them */
    for (int i = 0; i < s->ncols; i++)
        TRY(export_width(x, ws, (lxw_col_t)i, (lxw_col_t)i, s->cols[i].width, NULL));
    for (int i = 0; i < 2 && s->note[0]; i++)
        TRY(export_note(x, ws, (lxw_row_t)i, s->note[i], x->f[i ? F_NOTE : F_BOLD], 0));
    /* the row labels repeat on the pages of the table's first sheet only:
     * LibreOffice takes time that grows with the number of sheets for each
     * sheet that repeats columns (211 sheets of 7 rows: 8 minutes to open,
     * 24 s without; 84 s with the first sheets only), and a table goes on
     * to a second sheet only past Excel's million rows (or
     * --max-rows-per-sheet) */
    if (p == 0)
        TRY(export_labels(x, ws, (lxw_col_t)s->labels));
    return export_add_table(x, ws, tname, s->cols, s->ncols, hdr, rows);
}

/* The sheet and row of data row i (pages set up as they are reached). */
static ac_error page_row(export_ctx *x, const page_spec *s, size_t i, lxw_worksheet **ws,
                         lxw_row_t *r)
{
    export_pages *pg = &x->pg[s->t];
    size_t p = i / pg->per;
    if (i % pg->per == 0)
        TRY(page_init(x, s, p));
    *ws = pg->ws[p];
    *r = (lxw_row_t)((s->note[0] ? 3 : 1) + i % pg->per);
    return AC_OK;
}

static ac_error page_done(export_ctx *x, const page_spec *s, size_t n)
{
    return n ? AC_OK : page_init(x, s, 0);   /* an empty table still has its sheet */
}

/* ---- Cube ------------------------------------------------------------------- */

enum { CB_GRAIN, CB_SECTOR, CB_DAC, CB_COUNTRY, CB_REGION, CB_PERIOD, CB_PKIND,
       CB_PFROM, CB_PTO, CB_FUND, CB_AMOUNT, CB_ORIGIN, CB_ADDED, CB_SUM, CB_FLAGS,
       CB_REPORTED, CB_COMPUTED, CB_DERIVED, CB_PROJECTS, CB_PROJ_ORIGIN, CB_SUM_PROJ,
       CB_NFACTS, CB_SOURCES, CB__N };

static const export_colspec cube_cols[CB__N] = {
    {"grain", 26}, {"sector", 24}, {"DAC code", 9}, {"country", 9},
    {"region", 22}, {"period", 12}, {"period_kind", 11}, {"period_from", 11},
    {"period_to", 11}, {"fund", 9}, {"amount_usd", 20}, {"amount_origin", 12},
    {"added_into_parent", 30}, {"sum_these", 10}, {"amount_flags", 30},
    {"reported_usd", 20}, {"computed_usd", 20}, {"derived_usd", 20}, {"projects", 9},
    {"projects_origin", 14}, {"sum_these_projects", 10}, {"n_facts", 8}, {"sources", 40}};

size_t export_cube_rows(const export_ctx *x)
{
    size_t n = 0;
    for (unsigned m = 0; m < CUBE_N_CUBOIDS; m++)
        n += x->c->cuboid[m].n;
    return n;
}

/* Along which dimensions the cell's amount is added into its parent:
 * "sector, fund; not along period (overlaps)". */
static const char *added_text(const cube_cell *cl, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    if (cl->amount.origin == ORIGIN_NONE)
        return buf;
    if (cl->amount.origin == ORIGIN_DERIVED)
        return "no (derived from a share: never added)";
    for (int d = 0; d < DIM__N; d++)
        if (cl->key[d] != KEY_TOTAL && (cl->amount.counted >> d & 1) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", model_dim_name[d]);
    for (int d = 0; d < DIM__N; d++)
        if (cl->key[d] != KEY_TOTAL && !(cl->amount.counted >> d & 1) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%snot along %s (overlaps)",
                                  o ? "; " : "", model_dim_name[d]);
    return buf;
}

/* Is the cell one of those whose values add up to the grand total within
 * its grain: every member it names is top-level at its coordinates (a child
 * of the total there, cube_member_top) and its value is added into its
 * parent along every dimension it names? */
static int sum_these(const cube *c, const cube_cell *cl, const cube_val *v)
{
    if (v->origin == ORIGIN_NONE || v->origin == ORIGIN_DERIVED)
        return 0;
    for (int d = 0; d < DIM__N; d++) {
        if (cl->key[d] == KEY_TOTAL)
            continue;
        if (!cube_member_top(c, cl, d))
            return 0;
        if (!(v->counted >> d & 1))
            return 0;
    }
    return 1;
}

static const char *cell_flags(const cube_val *v, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    if ((v->flags & CELL_CONFLICT) && o < size)
        o += (size_t)snprintf(buf + o, size - o, "%sstated total smaller than its parts",
                              o ? "; " : "");
    if ((v->flags & CELL_OVERLAP) && o < size)
        o += (size_t)snprintf(buf + o, size - o, "%sparts overlap: not all added", o ? "; " : "");
    if ((v->flags & CELL_PARTS_EXCEED) && o < size)
        o += (size_t)snprintf(buf + o, size - o, "%sparts shown exceed it", o ? "; " : "");
    if ((v->flags & CELL_WITH_REST) && o < size)
        o += (size_t)snprintf(buf + o, size - o,
                              "%sholds the rest of its total, not stated by the other rows",
                              o ? "; " : "");
    if ((v->flags & CELL_INNER) && o < size)
        o += (size_t)snprintf(buf + o, size - o,
                              "%sholds figures of periods inside this one, of members with no "
                              "figure of it", o ? "; " : "");
    return buf;
}

ac_error export_write_cube(export_ctx *x)
{
    const cube *c = x->c;
    const model *m = x->m;
    static const page_spec spec = {
        PG_CUBE, "tCube", cube_cols, CB__N, CB_PERIOD,
        {"Every cell of the 16 cuboids (groupings) of the cube: the column `grain` says "
         "which grouping a row belongs to.",
         "Do not SUM over this table or build a PivotTable on it: each figure appears in "
         "up to 16 grains and would be counted many times, and even within one grain a "
         "country, its groupings and regions, a span and the years inside it are all rows. "
         "Filter on one grain and on sum_these = \"yes\" (sum_these_projects for projects): "
         "those rows (top-level members, added into their parents) are counted once. On a "
         "grain of one dimension they add up to the grand total; on a grain of several, to "
         "the money stated on all of them (never more than the grand total). Or use the "
         "Facts sheet."}};
    char lab[96], buf[512], dt[16];
    size_t i = 0;
    lxw_worksheet *ws;
    lxw_row_t r;
    for (unsigned mask = 0; mask < CUBE_N_CUBOIDS; mask++) {
        const cuboid *cb = &c->cuboid[mask];
        const char *grain = export_grain(mask, lab, sizeof lab);
        for (size_t j = 0; j < cb->n; j++, i++) {
            const cube_cell *cl = &c->cells[cb->cell[j]];
            int32_t sk = cl->key[DIM_SECTOR], gk = cl->key[DIM_REGION], pk = cl->key[DIM_PERIOD];
            TRY(page_row(x, &spec, i, &ws, &r));
            TRY(export_str(x, ws, r, CB_GRAIN, grain, NULL));
            TRY(export_str(x, ws, r, CB_SECTOR, export_member(x, DIM_SECTOR, sk), NULL));
            if (sk >= KEY_FIRST_MEMBER)
                TRY(export_str(x, ws, r, CB_DAC, m->dim[DIM_SECTOR].m[sk].code, NULL));
            TRY(export_str(x, ws, r, CB_COUNTRY, export_country(x, gk), NULL));
            TRY(export_str(x, ws, r, CB_REGION, export_region(x, gk), NULL));
            TRY(export_str(x, ws, r, CB_PERIOD, export_member(x, DIM_PERIOD, pk), NULL));
            if (pk >= KEY_FIRST_MEMBER) {
                const member *mb = &m->dim[DIM_PERIOD].m[pk];
                TRY(export_str(x, ws, r, CB_PKIND, model_member_kind_name(mb->kind), NULL));
                TRY(export_str(x, ws, r, CB_PFROM, export_date(mb->start, dt, sizeof dt), NULL));
                TRY(export_str(x, ws, r, CB_PTO, export_date(mb->end, dt, sizeof dt), NULL));
            }
            TRY(export_str(x, ws, r, CB_FUND, export_member(x, DIM_FUND, cl->key[DIM_FUND]), NULL));
            const cube_val *a = &cl->amount, *p = &cl->projects;
            if (a->origin != ORIGIN_NONE) {
                TRY(export_usd(x, ws, r, CB_AMOUNT, a->value, NULL));
                TRY(export_str(x, ws, r, CB_ORIGIN, cube_origin_name((cube_origin)a->origin), NULL));
                TRY(export_str(x, ws, r, CB_ADDED, added_text(cl, buf, sizeof buf), NULL));
                TRY(export_str(x, ws, r, CB_SUM, sum_these(x->c, cl, a) ? "yes" : "no", NULL));
            }
            TRY(export_str(x, ws, r, CB_FLAGS, cell_flags(a, buf, sizeof buf), NULL));
            if (a->has & HAS_REPORTED)
                TRY(export_usd(x, ws, r, CB_REPORTED, a->reported, NULL));
            if (a->has & HAS_COMPUTED)
                TRY(export_usd(x, ws, r, CB_COMPUTED, a->computed, NULL));
            if (a->has & HAS_DERIVED)
                TRY(export_usd(x, ws, r, CB_DERIVED, a->derived, NULL));
            if (p->origin != ORIGIN_NONE) {
                TRY(export_num(x, ws, r, CB_PROJECTS, (double)p->value, x->f[F_INT]));
                TRY(export_str(x, ws, r, CB_PROJ_ORIGIN, cube_origin_name((cube_origin)p->origin), NULL));
                TRY(export_str(x, ws, r, CB_SUM_PROJ, sum_these(x->c, cl, p) ? "yes" : "no", NULL));
            }
            TRY(export_num(x, ws, r, CB_NFACTS, (double)(a->n_facts + p->n_facts), NULL));
            int proj = a->origin == ORIGIN_NONE;
            TRY(export_str(x, ws, r, CB_SOURCES, cube_cell_sources(c, cl, proj, buf, sizeof buf, 12),
                       NULL));
        }
    }
    return page_done(x, &spec, i);
}

/* ---- Facts: the leaf facts ----------------------------------------------------------- */

enum { FT_SECTOR, FT_DAC, FT_COUNTRY, FT_REGION, FT_PERIOD, FT_PKIND, FT_FUND,
       FT_VALUE, FT_CUR, FT_RATE, FT_RATE_YEAR, FT_USD, FT_PROJECTS, FT_FLAGS,
       FT_DOC, FT_LINE, FT_CELL, FT_PROJECT, FT_SNIPPET, FT_KIND, FT__N };

static const export_colspec fact_cols[FT__N] = {
    {"sector", 24}, {"DAC code", 9}, {"country", 9}, {"region", 22}, {"period", 12},
    {"period_kind", 11}, {"fund", 9}, {"amount", 18}, {"currency", 9}, {"rate", 14},
    {"rate_year", 9}, {"usd", 20}, {"projects", 9}, {"flags", 20}, {"doc", 26},
    {"line", 6}, {"cell", 14}, {"project", 40}, {"snippet", 60}, {"kind", 12}};

/* The leaf facts of cube c (FACT_LEAF of its model). */
static size_t leaf_count(const cube *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->m->f.n; i++)
        n += (c->m->f.flags[i] & FACT_LEAF) != 0;
    return n;
}

/* The funding's leaf facts, then those of each view shown apart. */
size_t export_fact_rows(const export_ctx *x)
{
    size_t n = leaf_count(x->c);
    for (int v = 0; v < MODEL_APART_VIEWS; v++)
        if (x->c->apart[v])
            n += leaf_count(x->c->apart[v]);
    return n;
}

/* Coordinates of fact i: sector, DAC, country, region, period, kind, fund
 * from column `col` on ("" where the fact does not state the dimension). */
static ac_error fact_coords(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, size_t i, lxw_col_t sec,
                            lxw_col_t dac, lxw_col_t ctry, lxw_col_t reg, lxw_col_t per,
                            lxw_col_t pkind, lxw_col_t fund)
{
    const model *m = x->m;
    int32_t sk = m->f.key[DIM_SECTOR][i], gk = m->f.key[DIM_REGION][i];
    int32_t pk = m->f.key[DIM_PERIOD][i], fk = m->f.key[DIM_FUND][i];
    if (sk >= KEY_FIRST_MEMBER) {
        TRY(export_str(x, ws, r, sec, export_member(x, DIM_SECTOR, sk), NULL));
        if (dac != (lxw_col_t)-1)
            TRY(export_str(x, ws, r, dac, m->dim[DIM_SECTOR].m[sk].code, NULL));
    }
    if (gk >= KEY_FIRST_MEMBER) {
        TRY(export_str(x, ws, r, ctry, export_country(x, gk), NULL));
        if (m->dim[DIM_REGION].m[gk].kind != MK_COUNTRY)
            TRY(export_str(x, ws, r, reg, export_member(x, DIM_REGION, gk), NULL));
    }
    if (pk >= KEY_FIRST_MEMBER) {
        TRY(export_str(x, ws, r, per, export_member(x, DIM_PERIOD, pk), NULL));
        if (pkind != (lxw_col_t)-1)
            TRY(export_str(x, ws, r, pkind, model_member_kind_name(m->dim[DIM_PERIOD].m[pk].kind), NULL));
    }
    if (fk >= KEY_FIRST_MEMBER)
        TRY(export_str(x, ws, r, fund, export_member(x, DIM_FUND, fk), NULL));
    return AC_OK;
}

/* Rate and rate year: only for amounts in another currency than USD. */
static ac_error fact_rate(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, size_t i, lxw_col_t rate,
                          lxw_col_t year)
{
    const fact_table *f = &x->m->f;
    if (f->measure[i] != OBS_AMOUNT || !f->rate_year[i] || (f->flags[i] & FACT_NO_RATE))
        return AC_OK;
    TRY(export_num(x, ws, r, rate, scan_num_to_double(f->rate[i]), x->f[F_RATE]));
    return export_num(x, ws, r, year, f->rate_year[i], NULL);
}

static const page_spec facts_spec = {
    PG_FACTS, "tFacts", fact_cols, FT__N, FT_PERIOD,
    {"The leaf facts: the figures the grand total is made of, each counted once: the usd "
     "column of the rows of kind \"funding\" adds up to the grand total of the Summary, and "
     "their projects column to its number of projects. This is the table a PivotTable should "
     "read (filter the kind).",
     "Left out: figures within a larger stated total (the total is here instead), "
     "figures of periods that overlap the ones added, figures stated again, caps, rates "
     "per year, averages, impossible figures, changes and amounts with no exchange rate (all "
     "are in the Observations sheet). Other kinds (contributions received, pledges, requests, "
     "gaps, co-financing, disbursements as stated) are rows of their own kind, never funding."}};

/* The leaf facts of the cube x->c (its model x->m) from data row *n on,
 * their kind the cube's view. */
static ac_error facts_of(export_ctx *x, size_t *n)
{
    const fact_table *f = &x->m->f;
    const page_spec *spec = &facts_spec;
    char buf[160];
    lxw_worksheet *ws;
    lxw_row_t r;
    for (size_t i = 0; i < f->n; i++) {
        if (!(f->flags[i] & FACT_LEAF))
            continue;
        const obs *o = &f->o[i];
        TRY(page_row(x, spec, (*n)++, &ws, &r));
        TRY(fact_coords(x, ws, r, i, FT_SECTOR, FT_DAC, FT_COUNTRY, FT_REGION, FT_PERIOD,
                        FT_PKIND, FT_FUND));
        if (f->measure[i] == OBS_AMOUNT) {
            TRY(export_num(x, ws, r, FT_VALUE, scan_num_to_double(o->value), x->f[F_NUM]));
            TRY(export_str(x, ws, r, FT_CUR, o->unit, NULL));
            TRY(fact_rate(x, ws, r, i, FT_RATE, FT_RATE_YEAR));
            TRY(export_usd(x, ws, r, FT_USD, f->v[i], NULL));
        } else
            TRY(export_num(x, ws, r, FT_PROJECTS, (double)f->v[i], x->f[F_INT]));
        TRY(export_str(x, ws, r, FT_FLAGS, export_fact_flags(f->flags[i], buf, sizeof buf), NULL));
        TRY(export_str(x, ws, r, FT_DOC, o->doc, NULL));
        TRY(export_num(x, ws, r, FT_LINE, (double)o->line, NULL));
        if (o->sheet) {
            char cell[OBS_SPAN_SIZE];
            TRY(export_str(x, ws, r, FT_CELL, attribute_obs_span(o, cell, sizeof cell), NULL));
        }
        TRY(export_str(x, ws, r, FT_PROJECT, o->title, NULL));
        TRY(export_str(x, ws, r, FT_SNIPPET, o->snippet, NULL));
        TRY(export_str(x, ws, r, FT_KIND, model_view_name(cube_view(x->c)), NULL));
    }
    return AC_OK;
}

ac_error export_write_facts(export_ctx *x)
{
    size_t n = 0;
    const cube *c = x->c;
    ac_error err = facts_of(x, &n);
    for (int v = 0; v < MODEL_APART_VIEWS && !err; v++)
        if (c->apart[v]) {             /* the view's own cube and model */
            x->c = c->apart[v];
            x->m = c->apart[v]->m;
            err = facts_of(x, &n);
            x->c = c;
            x->m = c->m;
        }
    return err ? err : page_done(x, &facts_spec, n);
}

/* ---- Observations --------------------------------------------------------------------- */

enum { OB_DOC, OB_LINE, OB_MEASURE, OB_VALUE, OB_UNIT, OB_USD, OB_RATE,
       OB_RATE_YEAR, OB_FUND, OB_COUNTRY, OB_REGION, OB_SECTOR, OB_PERIOD,
       OB_QUAL, OB_SPAN, OB_SNIPPET, OB_FLAGS, OB_EXCLUDED, OB_KIND, OB_FROM, OB__N };

static const export_colspec obs_cols[OB__N] = {
    {"doc", 24}, {"line", 6}, {"measure", 9}, {"value", 16}, {"unit", 9},
    {"usd", 20}, {"rate", 14}, {"rate_year", 9}, {"fund", 9}, {"country", 8},
    {"region", 20}, {"sector", 22}, {"period", 12}, {"qualifier", 9},
    {"span", 12}, {"snippet", 60}, {"flags", 24}, {"excluded", 9}, {"kind", 12},
    {"attributed_from", 40}};

static const char *qual_name(scan_qual q)
{
    switch (q) {
    case SCAN_Q_EXACT: return "exact";
    case SCAN_Q_APPROX: return "approx";
    case SCAN_Q_MAX: return "max";
    case SCAN_Q_PER_YEAR: return "per_year";
    }
    return "";
}

ac_error export_write_obs(export_ctx *x)
{
    const model *m = x->m;
    const fact_table *f = &m->f;
    static const page_spec spec = {PG_OBS, "tObservations", obs_cols, OB__N, OB_MEASURE,
                                   {NULL, NULL}};
    char buf[160];
    lxw_worksheet *ws;
    lxw_row_t r;
    for (size_t i = 0; i < f->n; i++) {
        const obs *o = &f->o[i];
        TRY(page_row(x, &spec, i, &ws, &r));
        TRY(export_str(x, ws, r, OB_DOC, o->doc, NULL));
        TRY(export_num(x, ws, r, OB_LINE, (double)o->line, NULL));
        TRY(export_str(x, ws, r, OB_MEASURE, attribute_obs_measure_name((attribute_obs_measure)f->measure[i]), NULL));
        TRY(export_num(x, ws, r, OB_VALUE, scan_num_to_double(o->value), x->f[F_NUM]));
        TRY(export_str(x, ws, r, OB_UNIT, o->unit, NULL));
        if (f->measure[i] == OBS_AMOUNT && !(f->flags[i] & FACT_NO_RATE))
            TRY(export_usd(x, ws, r, OB_USD, f->v[i], NULL));
        TRY(fact_rate(x, ws, r, i, OB_RATE, OB_RATE_YEAR));
        TRY(fact_coords(x, ws, r, i, OB_SECTOR, (lxw_col_t)-1, OB_COUNTRY, OB_REGION, OB_PERIOD,
                        (lxw_col_t)-1, OB_FUND));
        TRY(export_str(x, ws, r, OB_QUAL, qual_name(o->qual), NULL));
        char span[OBS_SPAN_SIZE];
        TRY(export_str(x, ws, r, OB_SPAN, attribute_obs_span(o, span, sizeof span), NULL));
        TRY(export_str(x, ws, r, OB_SNIPPET, o->snippet, NULL));
        TRY(export_str(x, ws, r, OB_FLAGS, export_fact_flags(f->flags[i], buf, sizeof buf), NULL));
        int excluded = f->measure[i] != OBS_SHARE && !model_fact_summable(m, i, 0) &&
                       !model_fact_summable(m, i, 1);
        TRY(export_str(x, ws, r, OB_EXCLUDED, excluded ? "yes" : "no", NULL));
        TRY(export_str(x, ws, r, OB_KIND, attribute_kind_name(f->kind[i]), NULL));
        char from[OBS_FROM_SIZE];    /* extract's column: where each attribute came from */
        TRY(export_str(x, ws, r, OB_FROM, attribute_obs_from(o, from, sizeof from), NULL));
    }
    return page_done(x, &spec, f->n);
}

/* ---- Checks ------------------------------------------------------------------------------ */

enum { CK_VERDICT, CK_RULE, CK_WHAT, CK_STATED, CK_COMPUTED, CK_DIFF, CK_UNIT,
       CK_LINES, CK__N };

static const export_colspec check_cols[CK__N] = {
    {"verdict", 13}, {"rule", 10}, {"what", 50}, {"stated", 20},
    {"computed", 20}, {"diff", 18}, {"unit", 9}, {"lines", 40}};

static ac_error check_colours(export_ctx *x, lxw_worksheet *ws, size_t rows)
{
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = "=OR($A2=\"mismatch\",$A2=\"invalid\")";
    cf.format = x->f[F_RED];
    LX(worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)rows, CK__N - 1, &cf));
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = "=$A2=\"unverifiable\"";
    cf.format = x->f[F_AMBER];
    LX(worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)rows, CK__N - 1, &cf));
    return AC_OK;
}

ac_error export_write_checks(export_ctx *x)
{
    static const page_spec spec = {PG_CHECKS, "tChecks", check_cols, CK__N, CK_WHAT,
                                   {NULL, NULL}};
    const export_pages *pg = &x->pg[PG_CHECKS];
    size_t n = x->fl ? x->fl->n : 0;
    lxw_worksheet *ws;
    lxw_row_t r;
    for (size_t i = 0; i < n; i++) {
        const finding *fd = &x->fl->v[i];
        lxw_format *nf = fd->unit && !strcmp(fd->unit, "USD") ? x->f[F_USD] : x->f[F_NUM];
        TRY(page_row(x, &spec, i, &ws, &r));
        TRY(export_str(x, ws, r, CK_VERDICT, check_verdict_name(fd->verdict), NULL));
        TRY(export_str(x, ws, r, CK_RULE, fd->rule, NULL));
        TRY(export_str(x, ws, r, CK_WHAT, fd->what, NULL));
        if (fd->has_stated)
            TRY(export_num(x, ws, r, CK_STATED, FINDING_NUM(fd, stated), nf));
        if (fd->has_computed)
            TRY(export_num(x, ws, r, CK_COMPUTED, FINDING_NUM(fd, computed), nf));
        if (fd->has_stated && fd->has_computed)
            TRY(export_num(x, ws, r, CK_DIFF, FINDING_NUM(fd, diff), nf));
        TRY(export_str(x, ws, r, CK_UNIT, fd->unit, NULL));
        TRY(export_str(x, ws, r, CK_LINES, fd->lines, NULL));
    }
    TRY(page_done(x, &spec, n));
    for (size_t p = 0; n && p < pg->npages; p++) {
        size_t rows = n - p * pg->per;
        TRY(check_colours(x, pg->ws[p], rows < pg->per ? rows : pg->per));
    }
    return AC_OK;
}

/* ---- Sources ------------------------------------------------------------------------------ */

/* Every file by its name and SHA-256, never its folders (the analyst's
 * own); a source's status says whether its figures are counted; below the
 * sources, the files that add none (a copy, a file not read). */
enum { SR_NAME, SR_SHA, SR_STATUS, SR_BYTES, SR_ENC, SR_LANG, SR_COUNTRY, SR_YEAR,
       SR_OBS, SR_AMOUNTS, SR_SHARES, SR_COUNTS, SR_SECONDS, SR__N };

static const export_colspec src_cols[SR__N] = {
    {"name", 32}, {"sha256", 66}, {"status", 50}, {"bytes", 12}, {"encoding", 12},
    {"language", 9}, {"country", 8}, {"doc_year", 9}, {"observations", 12}, {"amounts", 9},
    {"shares", 8}, {"counts", 8}, {"load_seconds", 12}};

static const char *base_name(const char *path)
{
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path;
}

static ac_error source_row(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, size_t s)
{
    const fact_source *so = &x->m->src[s];
    char st[320];
    if (so->same_rows_as)
        snprintf(st, sizeof st, "its rows are all rows of %s: not counted",
                 base_name(so->same_rows_as));
    else
        snprintf(st, sizeof st, "loaded");
    TRY(export_str(x, ws, r, SR_NAME, so->name, NULL));
    TRY(export_str(x, ws, r, SR_SHA, so->sha256, NULL));
    TRY(export_str(x, ws, r, SR_STATUS, st, NULL));
    TRY(export_num(x, ws, r, SR_BYTES, (double)so->bytes, x->f[F_INT]));
    TRY(export_str(x, ws, r, SR_ENC, so->encoding, NULL));
    TRY(export_str(x, ws, r, SR_LANG, so->lang, NULL));
    TRY(export_str(x, ws, r, SR_COUNTRY, so->country, NULL));
    if (so->doc_year)
        TRY(export_num(x, ws, r, SR_YEAR, so->doc_year, NULL));
    TRY(export_num(x, ws, r, SR_OBS, (double)so->n_obs, x->f[F_INT]));
    TRY(export_num(x, ws, r, SR_AMOUNTS, (double)so->n_amounts, x->f[F_INT]));
    TRY(export_num(x, ws, r, SR_SHARES, (double)so->n_shares, x->f[F_INT]));
    TRY(export_num(x, ws, r, SR_COUNTS, (double)so->n_counts, x->f[F_INT]));
    if (so->load_seconds > 0)        /* not measured (test mode): empty, never 0 */
        TRY(export_num(x, ws, r, SR_SECONDS, so->load_seconds, NULL));
    return AC_OK;
}

/* Is file note k shown in this workbook: a file not read always, a copy
 * beside its source? */
static int note_shown(const export_ctx *x, size_t k)
{
    const export_file_note *fn = &x->o->files[k];
    return !fn->sha256 || model_find_content(x->m, fn->sha256) != NULL;
}

static ac_error file_rows(export_ctx *x, lxw_worksheet *ws)
{
    lxw_row_t r = (lxw_row_t)(x->m->n_src + 1);
    for (size_t k = 0; k < x->o->n_files; k++) {
        const export_file_note *fn = &x->o->files[k];
        if (!note_shown(x, k))
            continue;
        TRY(export_str(x, ws, r, SR_NAME, base_name(fn->path), NULL));
        TRY(export_str(x, ws, r, SR_SHA, fn->sha256, NULL));
        TRY(export_str(x, ws, r++, SR_STATUS, fn->status, NULL));
    }
    return AC_OK;
}

ac_error export_write_sources(export_ctx *x, lxw_worksheet *ws)
{
    const model *m = x->m;
    size_t nn = 0;
    for (size_t k = 0; k < x->o->n_files; k++)
        nn += note_shown(x, k);
    TRY(export_add_table(x, ws, "tSources", src_cols, SR__N, 0, m->n_src + nn));
    TRY(export_labels(x, ws, SR_SHA));
    for (size_t s = 0; s < m->n_src; s++)
        TRY(source_row(x, ws, (lxw_row_t)(s + 1), s));
    return file_rows(x, ws);
}
