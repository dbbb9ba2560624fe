/*
 * export_sheets.c — the sheets of the donor workbook (see export.h for what
 * each holds, export.c for the file and the cell helpers).
 *
 * Data flow: export.c adds the worksheets in their final order and calls
 * one wb_write_* function per sheet with the open workbook in x.  Each
 * walks the cube (cuboids by mask, facts, sources) or the findings, keeps
 * what the fund filter shows, and writes cells through wb_str/wb_num/
 * wb_formula, so that the string rules and error reporting live in one
 * place.
 *
 * Invariants: a formula's cached result is always the value aidcube
 * computed for it (the Summary's SUMPRODUCTs select exactly one Cube row by
 * its printed cuboid, fund and period; a cross-tab total is the sum of the
 * numbers printed in its row or column), so a recalculating spreadsheet
 * shows the same numbers.  Cross-tabs show the finest members stated
 * (leaves among the members present), never a member and its parent
 * together, so their totals count nothing twice.
 *
 * Memory: index arrays are malloc'ed per sheet and freed before return;
 * everything else is borrowed from the cube, or copied by libxlsxwriter.
 */
#include "export_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/diag.h"

/* ---- Cube ------------------------------------------------------------------- */

enum { CB_CUBOID, CB_SECTOR, CB_DAC, CB_COUNTRY, CB_REGION, CB_YEAR, CB_FUND,
       CB_AMOUNT, CB_ORIGIN, CB_REPORTED, CB_COMPUTED, CB_DERIVED, CB_PROJECTS,
       CB_PROJ_ORIGIN, CB_NOBS, CB_SOURCES, CB__N };

static const wb_colspec cube_cols[CB__N] = {
    {"cuboid", 26}, {"sector", 24}, {"DAC code", 9}, {"country", 8},
    {"region", 22}, {"year", 11}, {"fund", 9}, {"amount_usd", 20},
    {"origin", 10}, {"reported_usd", 20}, {"computed_usd", 20},
    {"derived_usd", 20}, {"projects", 9}, {"projects_origin", 14},
    {"n_obs", 7}, {"sources", 40}};

ac_error wb_write_cube(wb_ctx *x, lxw_worksheet *ws)
{
    const cube *c = x->c;
    char lab[96];
    lxw_row_t r = 1;
    TRY(wb_check_rows(x, x->cube_rows, "Cube"));
    TRY(wb_add_table(x, ws, "tCube", cube_cols, CB__N, x->cube_rows));
    for (unsigned mask = 0; mask < CUBE_N_CUBOIDS; mask++) {
        const cuboid *cb = &c->cuboid[mask];
        const char *label = wb_cuboid_label(mask, lab, sizeof lab);
        for (size_t i = 0; i < cb->n; i++) {
            const cube_cell *cl = &cb->cells[i];
            if (!wb_cell_shown(x, mask, cl))
                continue;
            int sk = cl->key[DIM_SECTOR], gk = cl->key[DIM_REGION];
            TRY(wb_str(x, ws, r, CB_CUBOID, label, NULL));
            TRY(wb_str(x, ws, r, CB_SECTOR, wb_member(c, DIM_SECTOR, sk), NULL));
            if (sk > 0 && (size_t)sk < c->dim[DIM_SECTOR].n)
                TRY(wb_str(x, ws, r, CB_DAC, c->dim[DIM_SECTOR].m[sk].code, NULL));
            TRY(wb_str(x, ws, r, CB_COUNTRY, wb_country(c, gk), NULL));
            TRY(wb_str(x, ws, r, CB_REGION, wb_region(c, gk), NULL));
            TRY(wb_str(x, ws, r, CB_YEAR, wb_member(c, DIM_YEAR, cl->key[DIM_YEAR]), NULL));
            TRY(wb_str(x, ws, r, CB_FUND, wb_member(c, DIM_FUND, cl->key[DIM_FUND]), NULL));
            if (cl->origin != ORIGIN_NONE) {
                TRY(wb_num(x, ws, r, CB_AMOUNT, cl->amount_usd, x->f[F_USD]));
                TRY(wb_str(x, ws, r, CB_ORIGIN, wb_origin(cl->origin), NULL));
            }
            if (cl->has_reported)
                TRY(wb_num(x, ws, r, CB_REPORTED, cl->reported_usd, x->f[F_USD]));
            if (cl->has_computed)
                TRY(wb_num(x, ws, r, CB_COMPUTED, cl->computed_usd, x->f[F_USD]));
            if (cl->has_derived)
                TRY(wb_num(x, ws, r, CB_DERIVED, cl->derived_usd, x->f[F_USD]));
            if (cl->has_projects) {
                TRY(wb_num(x, ws, r, CB_PROJECTS, cl->projects, x->f[F_INT]));
                TRY(wb_str(x, ws, r, CB_PROJ_ORIGIN, wb_origin(cl->projects_origin), NULL));
            }
            TRY(wb_num(x, ws, r, CB_NOBS, (double)cl->n_obs, NULL));
            TRY(wb_str(x, ws, r, CB_SOURCES, cl->sources, NULL));
            r++;
        }
    }
    return AC_OK;
}

/* ---- Summary ---------------------------------------------------------------- */

/* A Summary row to sort: fund name, then period by first and last year. */
typedef struct {
    const cube_cell *cell;
    const char *fund, *period;
    int y1, y2;
} sum_row;

static int cmp_sum_row(const void *pa, const void *pb)
{
    const sum_row *a = pa, *b = pb;
    int r = strcmp(a->fund, b->fund);
    if (r)
        return r;
    if (a->y1 != b->y1)
        return a->y1 < b->y1 ? -1 : 1;
    if (a->y2 != b->y2)
        return a->y2 < b->y2 ? -1 : 1;
    return strcmp(a->period, b->period);
}

static void sum_row_set(const cube *c, const cube_cell *cl, sum_row *out)
{
    int yk = cl->key[DIM_YEAR];
    out->cell = cl;
    out->fund = wb_member(c, DIM_FUND, cl->key[DIM_FUND]);
    out->period = wb_member(c, DIM_YEAR, yk);
    out->y1 = yk > 0 && (size_t)yk < c->dim[DIM_YEAR].n ? c->dim[DIM_YEAR].m[yk].y1 : 0;
    out->y2 = yk > 0 && (size_t)yk < c->dim[DIM_YEAR].n ? c->dim[DIM_YEAR].m[yk].y2 : 0;
}

/* One headline row: fund and period as printed in the Cube sheet, the
 * amount and projects as SUMPRODUCTs selecting that row of the Cube sheet. */
static ac_error summary_row(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r,
                            unsigned mask, const cube_cell *cl)
{
    char lab[96], f[512], amt[8], prj[8];
    const cube *c = x->c;
    unsigned long last = (unsigned long)(x->cube_rows ? x->cube_rows : 1) + 1;
    const char *label = wb_cuboid_label(mask, lab, sizeof lab);
    TRY(wb_str(x, ws, r, 0, wb_member(c, DIM_FUND, cl->key[DIM_FUND]), NULL));
    TRY(wb_str(x, ws, r, 1, wb_member(c, DIM_YEAR, cl->key[DIM_YEAR]), NULL));
    wb_col_name(amt, CB_AMOUNT);
    wb_col_name(prj, CB_PROJECTS);
    for (int which = 0; which < 2; which++) {
        const char *col = which ? prj : amt;
        snprintf(f, sizeof f,
                 "=SUMPRODUCT((Cube!$A$2:$A$%lu=\"%s\")*(Cube!$G$2:$G$%lu=$A%u)"
                 "*(Cube!$F$2:$F$%lu=$B%u),Cube!$%s$2:$%s$%lu)",
                 last, label, last, (unsigned)r + 1, last, (unsigned)r + 1, col, col, last);
        double v = which ? (cl->has_projects ? cl->projects : 0)
                         : (cl->origin != ORIGIN_NONE ? cl->amount_usd : 0);
        TRY(wb_formula(x, ws, r, which ? 4 : 2, f, v,
                        which ? x->f[F_INT] : x->f[F_USD]));
    }
    TRY(wb_str(x, ws, r, 3, wb_origin(cl->origin), NULL));
    if (cl->has_projects)
        TRY(wb_str(x, ws, r, 5, wb_origin(cl->projects_origin), NULL));
    return AC_OK;
}

static size_t count_verdict(const wb_ctx *x, check_verdict v)
{
    size_t n = 0;
    if (x->fl)
        for (size_t i = 0; i < x->fl->n; i++)
            n += x->fl->v[i].verdict == v && wb_finding_shown(x, &x->fl->v[i]);
    return n;
}

ac_error wb_write_summary(wb_ctx *x, lxw_worksheet *ws, long long created)
{
    const cube *c = x->c;
    const cuboid *yf = &c->cuboid[1u << DIM_YEAR | 1u << DIM_FUND];
    const cuboid *fo = &c->cuboid[1u << DIM_FUND];
    const cuboid *yo = &c->cuboid[1u << DIM_YEAR];
    const cuboid *ap = &c->cuboid[0];
    sum_row *rows = NULL;
    ac_error err = AC_OK;
    char note[256], when[32];
    size_t nsrc = 0, nfact = 0;
    time_t tt = (time_t)created;
    struct tm tmv;

    for (size_t s = 0; s < c->n_src; s++)
        nsrc += wb_source_shown(x, s);
    for (size_t i = 0; i < c->n_facts; i++)
        nfact += wb_fact_shown(x, &c->facts[i]);
    if (gmtime_r(&tt, &tmv))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tmv);
    else
        snprintf(when, sizeof when, "?");

    LX(worksheet_set_column(ws, 0, 0, 16, NULL));
    LX(worksheet_set_column(ws, 1, 1, 14, NULL));
    LX(worksheet_set_column(ws, 2, 2, 22, NULL));
    LX(worksheet_set_column(ws, 3, 3, 11, NULL));
    LX(worksheet_set_column(ws, 4, 4, 10, NULL));
    LX(worksheet_set_column(ws, 5, 5, 15, NULL));
    TRY(wb_str(x, ws, 0, 0, x->o->title && *x->o->title ? x->o->title : "aidcube",
                x->f[F_TITLE]));
    snprintf(note, sizeof note,
             "Generated by aidcube %s on %s from %zu sources and %zu observations%s%.60s.",
             AC_VERSION, when, nsrc, nfact, x->o->fund_filter ? " of fund " : "",
             x->o->fund_filter ? x->o->fund_filter : "");
    TRY(wb_str(x, ws, 1, 0, note, x->f[F_NOTE]));
    TRY(wb_str(x, ws, 2, 0,
                "Totals are formulas over the Cube sheet; the value shown before "
                "recalculation is aidcube's own.", x->f[F_NOTE]));
    TRY(wb_str(x, ws, 3, 0, "Mismatches", x->f[F_BOLD]));
    TRY(wb_formula(x, ws, 3, 2, "=COUNTIF(Checks!$A:$A,\"mismatch\")",
                    (double)count_verdict(x, VERDICT_MISMATCH), x->f[F_BOLD]));
    TRY(wb_str(x, ws, 4, 0, "Unverifiable", x->f[F_BOLD]));
    TRY(wb_formula(x, ws, 4, 2, "=COUNTIF(Checks!$A:$A,\"unverifiable\")",
                    (double)count_verdict(x, VERDICT_UNVERIFIABLE), x->f[F_BOLD]));

    static const char *const hdr[] = {"fund", "period", "amount (USD)", "origin",
                                      "projects", "projects origin"};
    for (lxw_col_t i = 0; i < 6; i++)
        TRY(wb_str(x, ws, 6, i, hdr[i], x->f[F_BOLD]));
    worksheet_freeze_panes(ws, 7, 0);

    lxw_row_t r = 7;
    rows = malloc((yf->n + yo->n + 1) * sizeof *rows);
    if (!rows)
        return wb_nomem(x);
    /* per fund: its periods, then all periods */
    size_t n = 0;
    for (size_t i = 0; i < yf->n; i++)
        if (wb_cell_shown(x, yf->mask, &yf->cells[i]))
            sum_row_set(c, &yf->cells[i], &rows[n++]);
    qsort(rows, n, sizeof *rows, cmp_sum_row);
    for (size_t i = 0; i < fo->n; i++) {
        const cube_cell *fc = &fo->cells[i];
        if (!wb_cell_shown(x, fo->mask, fc))
            continue;
        for (size_t j = 0; j < n; j++)
            if (rows[j].cell->key[DIM_FUND] == fc->key[DIM_FUND])
                if ((err = summary_row(x, ws, r++, yf->mask, rows[j].cell)))
                    goto done;
        if ((err = summary_row(x, ws, r++, fo->mask, fc)))
            goto done;
    }
    /* all funds (not in a one-fund workbook cut from a larger cube) */
    if (!x->filter) {
        n = 0;
        for (size_t i = 0; i < yo->n; i++)
            sum_row_set(c, &yo->cells[i], &rows[n++]);
        qsort(rows, n, sizeof *rows, cmp_sum_row);
        for (size_t j = 0; j < n; j++)
            if ((err = summary_row(x, ws, r++, yo->mask, rows[j].cell)))
                goto done;
        for (size_t i = 0; i < ap->n; i++)
            if ((err = summary_row(x, ws, r++, 0, &ap->cells[i])))
                goto done;
    }
done:
    free(rows);
    return err;
}

/* ---- cross-tabs --------------------------------------------------------------- */

typedef struct {
    const char *name;
    int key;
} member_ref;

static int cmp_member_ref(const void *pa, const void *pb)
{
    const member_ref *a = pa, *b = pb;
    int r = strcmp(a->name, b->name);
    return r ? r : (a->key > b->key) - (a->key < b->key);
}

/* Members of dimension d that appear (seen[k]) and have no appearing member
 * below them, sorted by name, into out; returns how many. */
static size_t leaves(const cube *c, int d, const char *seen, member_ref *out)
{
    const cube_dim *dm = &c->dim[d];
    size_t n = 0;
    char *inner = calloc(dm->n + 1, 1);
    if (!inner)
        return (size_t)-1;
    for (size_t k = 1; k < dm->n; k++) {
        if (!seen[k])
            continue;
        int p = dm->m[k].parent;
        for (int guard = 0; p > 0 && (size_t)p < dm->n && guard < 16; guard++) {
            inner[p] = 1;
            p = dm->m[p].parent;
        }
    }
    for (size_t k = 1; k < dm->n; k++)
        if (seen[k] && !inner[k]) {
            out[n].name = wb_member(c, d, (int)k);
            out[n++].key = (int)k;
        }
    free(inner);
    qsort(out, n, sizeof *out, cmp_member_ref);
    return n;
}

#define XT_HDR 3   /* header row of a cross-tab */

static ac_error xtab_body(wb_ctx *x, lxw_worksheet *ws, const char *sheet,
                          const char *fund, const member_ref *rs, size_t nr,
                          const member_ref *cs, size_t nc, const double *v,
                          const char *has)
{
    char f[128], a[16], b[16];
    double grand = 0;
    lxw_row_t r0 = XT_HDR + 1, rt = (lxw_row_t)(XT_HDR + 1 + nr);
    lxw_col_t ct = (lxw_col_t)(nc + 1);

    TRY(wb_str(x, ws, XT_HDR, 0, "Sector", x->f[F_BOLD]));
    for (size_t j = 0; j < nc; j++)
        TRY(wb_str(x, ws, XT_HDR, (lxw_col_t)(j + 1), cs[j].name, x->f[F_BOLD]));
    TRY(wb_str(x, ws, XT_HDR, ct, "Total", x->f[F_BOLD]));
    for (size_t i = 0; i < nr; i++) {
        lxw_row_t r = (lxw_row_t)(r0 + i);
        double sum = 0;
        TRY(wb_str(x, ws, r, 0, rs[i].name, NULL));
        for (size_t j = 0; j < nc; j++)
            if (has[i * nc + j]) {
                TRY(wb_num(x, ws, r, (lxw_col_t)(j + 1), v[i * nc + j], x->f[F_USD]));
                sum += v[i * nc + j];
            }
        lxw_rowcol_to_cell(a, r, 1);
        lxw_rowcol_to_cell(b, r, (lxw_col_t)nc);
        snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
        TRY(wb_formula(x, ws, r, ct, f, sum, x->f[F_USD_BOLD]));
        grand += sum;
    }
    TRY(wb_str(x, ws, rt, 0, "Total", x->f[F_BOLD]));
    for (size_t j = 0; j < nc; j++) {
        double sum = 0;
        for (size_t i = 0; i < nr; i++)
            if (has[i * nc + j])
                sum += v[i * nc + j];
        lxw_rowcol_to_cell(a, r0, (lxw_col_t)(j + 1));
        lxw_rowcol_to_cell(b, rt - 1, (lxw_col_t)(j + 1));
        snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
        TRY(wb_formula(x, ws, rt, (lxw_col_t)(j + 1), f, sum, x->f[F_USD_BOLD]));
    }
    lxw_rowcol_to_cell(a, r0, ct);
    lxw_rowcol_to_cell(b, rt - 1, ct);
    snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
    TRY(wb_formula(x, ws, rt, ct, f, grand, x->f[F_USD_BOLD]));

    LX(worksheet_set_column(ws, 0, 0, 26, NULL));
    LX(worksheet_set_column(ws, 1, ct, 18, NULL));
    worksheet_freeze_panes(ws, XT_HDR + 1, 1);

    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!ch)
        return wb_nomem(x);
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    if (!se)
        return wb_nomem(x);
    chart_series_set_categories(se, sheet, r0, 0, rt - 1, 0);
    chart_series_set_values(se, sheet, r0, ct, rt - 1, ct);
    chart_series_set_name(se, "amount (USD)");
    /* never starts with '=': a chart title "=..." would be a reference */
    snprintf(f, sizeof f, "Amount by sector (USD), fund %s", fund);
    const char *title = wb_clean(x, f);
    if (!title)
        return wb_nomem(x);
    chart_title_set_name(ch, title);
    chart_axis_set_num_format(ch->x_axis, "#,##0");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    LX(worksheet_insert_chart(ws, rt + 2, 0, ch));
    return AC_OK;
}

ac_error wb_write_crosstab(wb_ctx *x, lxw_worksheet *ws, const char *sheet, int fk)
{
    const cube *c = x->c;
    const cuboid *cb = &c->cuboid[1u << DIM_SECTOR | 1u << DIM_REGION | 1u << DIM_FUND];
    size_t ns = c->dim[DIM_SECTOR].n, ng = c->dim[DIM_REGION].n;
    char *seen_s = calloc(ns + 1, 1), *seen_g = calloc(ng + 1, 1), *has = NULL;
    member_ref *rs = calloc(ns + 1, sizeof *rs), *cs = calloc(ng + 1, sizeof *cs);
    int *ri = calloc(ns + 1, sizeof *ri), *ci = calloc(ng + 1, sizeof *ci);
    double *v = NULL;
    size_t nr, nc;
    ac_error err = AC_OK;
    const char *fund = wb_member(c, DIM_FUND, fk);
    char t[256];

    if (!seen_s || !seen_g || !rs || !cs || !ri || !ci) {
        err = wb_nomem(x);
        goto done;
    }
    snprintf(t, sizeof t, "Fund %s: amounts by sector and region, all periods", fund);
    if ((err = wb_str(x, ws, 0, 0, t, x->f[F_TITLE])) ||
        (err = wb_str(x, ws, 1, 0,
                       "Values are the cube's best values (reported, else computed, "
                       "else derived) of the finest regions and sectors stated; "
                       "amounts stated without a sector or a region are in the "
                       "Cube sheet only.", x->f[F_NOTE])))
        goto done;
    for (size_t i = 0; i < cb->n; i++)
        if (cb->cells[i].key[DIM_FUND] == fk && cb->cells[i].origin != ORIGIN_NONE) {
            seen_s[cb->cells[i].key[DIM_SECTOR]] = 1;
            seen_g[cb->cells[i].key[DIM_REGION]] = 1;
        }
    nr = leaves(c, DIM_SECTOR, seen_s, rs);
    nc = leaves(c, DIM_REGION, seen_g, cs);
    if (nr == (size_t)-1 || nc == (size_t)-1) {
        err = wb_nomem(x);
        goto done;
    }
    if (nr == 0 || nc == 0) {
        err = wb_str(x, ws, XT_HDR, 0, "No amount of this fund is stated by sector "
                      "and region.", x->f[F_NOTE]);
        goto done;
    }
    if (nc > 16000) {
        diag_error(x->d, x->path, 0, "cannot write workbook: %zu regions do not fit in sheet \"%s\"",
                   nc, sheet);
        err = AC_ERR_XLSX;
        goto done;
    }
    v = calloc(nr * nc, sizeof *v);
    has = calloc(nr * nc, 1);
    if (!v || !has) {
        err = wb_nomem(x);
        goto done;
    }
    for (size_t i = 0; i < ns; i++)
        ri[i] = -1;
    for (size_t j = 0; j < ng; j++)
        ci[j] = -1;
    for (size_t i = 0; i < nr; i++)
        ri[rs[i].key] = (int)i;
    for (size_t j = 0; j < nc; j++)
        ci[cs[j].key] = (int)j;
    for (size_t i = 0; i < cb->n; i++) {
        const cube_cell *cl = &cb->cells[i];
        if (cl->key[DIM_FUND] != fk || cl->origin == ORIGIN_NONE)
            continue;
        int a = ri[cl->key[DIM_SECTOR]], b = ci[cl->key[DIM_REGION]];
        if (a >= 0 && b >= 0) {
            v[(size_t)a * nc + (size_t)b] = cl->amount_usd;
            has[(size_t)a * nc + (size_t)b] = 1;
        }
    }
    err = xtab_body(x, ws, sheet, fund, rs, nr, cs, nc, v, has);
done:
    free(seen_s);
    free(seen_g);
    free(rs);
    free(cs);
    free(ri);
    free(ci);
    free(v);
    free(has);
    return err;
}

/* ---- Observations, Checks, Sources ------------------------------------------- */

enum { OB_DOC, OB_LINE, OB_MEASURE, OB_VALUE, OB_UNIT, OB_USD, OB_RATE,
       OB_RATE_YEAR, OB_FUND, OB_COUNTRY, OB_REGION, OB_SECTOR, OB_PERIOD,
       OB_QUAL, OB_SPAN, OB_SNIPPET, OB_EXCLUDED, OB__N };

static const wb_colspec obs_cols[OB__N] = {
    {"doc", 24}, {"line", 6}, {"measure", 9}, {"value", 16}, {"unit", 9},
    {"usd", 20}, {"rate", 10}, {"rate_year", 9}, {"fund", 9}, {"country", 8},
    {"region", 20}, {"sector", 22}, {"period", 11}, {"qualifier", 9},
    {"span", 12}, {"snippet", 60}, {"excluded", 9}};

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

static const char *measure_name(obs_measure m)
{
    return m == OBS_AMOUNT ? "amount" : m == OBS_COUNT ? "count" : "share";
}

static void period_text(const obs *o, char *buf, size_t size)
{
    buf[0] = '\0';
    if (o->y1 && o->y2 && o->y2 != o->y1)
        snprintf(buf, size, "%d-%d", o->y1, o->y2);
    else if (o->y1)
        snprintf(buf, size, "%d", o->y1);
}

ac_error wb_write_obs(wb_ctx *x, lxw_worksheet *ws)
{
    const cube *c = x->c;
    size_t n = 0;
    char buf[64];
    for (size_t i = 0; i < c->n_facts; i++)
        n += wb_fact_shown(x, &c->facts[i]);
    TRY(wb_check_rows(x, n, "Observations"));
    TRY(wb_add_table(x, ws, "tObservations", obs_cols, OB__N, n));
    lxw_row_t r = 1;
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        const obs *o = &f->o;
        if (!wb_fact_shown(x, f))
            continue;
        TRY(wb_str(x, ws, r, OB_DOC, o->doc, NULL));
        TRY(wb_num(x, ws, r, OB_LINE, (double)o->line, NULL));
        TRY(wb_str(x, ws, r, OB_MEASURE, measure_name(o->measure), NULL));
        TRY(wb_num(x, ws, r, OB_VALUE, num_to_double(o->value), x->f[F_NUM]));
        TRY(wb_str(x, ws, r, OB_UNIT, o->unit, NULL));
        if (o->measure == OBS_AMOUNT && f->rate > 0) {
            TRY(wb_num(x, ws, r, OB_USD, f->usd, x->f[F_USD]));
            TRY(wb_num(x, ws, r, OB_RATE, f->rate, NULL));
        }
        if (f->rate_year)
            TRY(wb_num(x, ws, r, OB_RATE_YEAR, f->rate_year, NULL));
        TRY(wb_str(x, ws, r, OB_FUND, o->fund, NULL));
        TRY(wb_str(x, ws, r, OB_COUNTRY, o->country, NULL));
        TRY(wb_str(x, ws, r, OB_REGION, o->region, NULL));
        TRY(wb_str(x, ws, r, OB_SECTOR, o->sector, NULL));
        period_text(o, buf, sizeof buf);
        TRY(wb_str(x, ws, r, OB_PERIOD, buf, NULL));
        TRY(wb_str(x, ws, r, OB_QUAL, qual_name(o->qual), NULL));
        snprintf(buf, sizeof buf, "%zu-%zu", o->start, o->end);
        TRY(wb_str(x, ws, r, OB_SPAN, buf, NULL));
        TRY(wb_str(x, ws, r, OB_SNIPPET, o->snippet, NULL));
        TRY(wb_str(x, ws, r, OB_EXCLUDED, f->excluded ? "yes" : "no", NULL));
        r++;
    }
    return AC_OK;
}

enum { CK_VERDICT, CK_RULE, CK_WHAT, CK_STATED, CK_COMPUTED, CK_DIFF, CK_UNIT,
       CK_LINES, CK__N };

static const wb_colspec check_cols[CK__N] = {
    {"verdict", 13}, {"rule", 10}, {"what", 50}, {"stated", 20},
    {"computed", 20}, {"diff", 18}, {"unit", 9}, {"lines", 40}};

ac_error wb_write_checks(wb_ctx *x, lxw_worksheet *ws)
{
    size_t n = 0;
    if (x->fl)
        for (size_t i = 0; i < x->fl->n; i++)
            n += wb_finding_shown(x, &x->fl->v[i]);
    TRY(wb_check_rows(x, n, "Checks"));
    TRY(wb_add_table(x, ws, "tChecks", check_cols, CK__N, n));
    lxw_row_t r = 1;
    for (size_t i = 0; x->fl && i < x->fl->n; i++) {
        const finding *fd = &x->fl->v[i];
        if (!wb_finding_shown(x, fd))
            continue;
        lxw_format *nf = fd->unit && !strcmp(fd->unit, "USD") ? x->f[F_USD] : x->f[F_NUM];
        TRY(wb_str(x, ws, r, CK_VERDICT, wb_verdict(fd->verdict), NULL));
        TRY(wb_str(x, ws, r, CK_RULE, fd->rule, NULL));
        TRY(wb_str(x, ws, r, CK_WHAT, fd->what, NULL));
        if (fd->has_stated)
            TRY(wb_num(x, ws, r, CK_STATED, fd->stated, nf));
        if (fd->has_computed)
            TRY(wb_num(x, ws, r, CK_COMPUTED, fd->computed, nf));
        if (fd->has_stated && fd->has_computed)
            TRY(wb_num(x, ws, r, CK_DIFF, fd->diff, nf));
        TRY(wb_str(x, ws, r, CK_UNIT, fd->unit, NULL));
        TRY(wb_str(x, ws, r, CK_LINES, fd->lines, NULL));
        r++;
    }
    if (n == 0)
        return AC_OK;
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = "=OR($A2=\"mismatch\",$A2=\"invalid\")";
    cf.format = x->f[F_RED];
    LX(worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)n, CK__N - 1, &cf));
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = "=$A2=\"unverifiable\"";
    cf.format = x->f[F_AMBER];
    LX(worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)n, CK__N - 1, &cf));
    return AC_OK;
}

enum { SR_NAME, SR_PATH, SR_SHA, SR_BYTES, SR_SECONDS, SR_ENC, SR_LANG,
       SR_COUNTRY, SR_YEAR, SR_OBS, SR_AMOUNTS, SR_SHARES, SR_COUNTS, SR__N };

static const wb_colspec src_cols[SR__N] = {
    {"name", 26}, {"path", 40}, {"sha256", 66}, {"bytes", 10},
    {"load_seconds", 12}, {"encoding", 12}, {"language", 9}, {"country", 8},
    {"doc_year", 9}, {"observations", 12}, {"amounts", 9}, {"shares", 8},
    {"counts", 8}};

ac_error wb_write_sources(wb_ctx *x, lxw_worksheet *ws)
{
    const cube *c = x->c;
    size_t n = 0;
    for (size_t s = 0; s < c->n_src; s++)
        n += wb_source_shown(x, s);
    TRY(wb_add_table(x, ws, "tSources", src_cols, SR__N, n));
    lxw_row_t r = 1;
    for (size_t s = 0; s < c->n_src; s++) {
        const cube_source *so = &c->src[s];
        if (!wb_source_shown(x, s))
            continue;
        TRY(wb_str(x, ws, r, SR_NAME, so->name, NULL));
        TRY(wb_str(x, ws, r, SR_PATH, so->path, NULL));
        TRY(wb_str(x, ws, r, SR_SHA, so->sha256, NULL));
        TRY(wb_num(x, ws, r, SR_BYTES, (double)so->bytes, x->f[F_INT]));
        TRY(wb_num(x, ws, r, SR_SECONDS, so->load_seconds, NULL));
        TRY(wb_str(x, ws, r, SR_ENC, so->encoding, NULL));
        TRY(wb_str(x, ws, r, SR_LANG, so->lang, NULL));
        TRY(wb_str(x, ws, r, SR_COUNTRY, so->country, NULL));
        if (so->doc_year)
            TRY(wb_num(x, ws, r, SR_YEAR, so->doc_year, NULL));
        TRY(wb_num(x, ws, r, SR_OBS, (double)so->n_obs, NULL));
        TRY(wb_num(x, ws, r, SR_AMOUNTS, (double)so->n_amounts, NULL));
        TRY(wb_num(x, ws, r, SR_SHARES, (double)so->n_shares, NULL));
        TRY(wb_num(x, ws, r, SR_COUNTS, (double)so->n_counts, NULL));
        r++;
    }
    return AC_OK;
}

