/*
 * export_kinds.c — the Summary's table of the money that is not a fund's
 * funding (rule 8 of cube.h): contributions received, pledges, requests,
 * gaps, co-financing, and the disbursements as stated, each under its own
 * name, one row per fund, never added to the funding's totals above it.
 *
 * Each value is the cell (all sectors, all regions, all periods, fund) of
 * the cube of that kind (cube.apart): computed by the cube's own rules from
 * that kind's figures alone.  A fund is matched by name (each view has its
 * own model and keys).  "fund not stated" is the view's residual along the
 * fund; the Total row is =SUM() of the rows above, cached with the view's
 * grand total (the rows add up to it: rule 5).  Changes (an increase, a
 * difference) are in no table: never summed.
 *
 * Memory: nothing is allocated.
 */
#include "export_int.h"

#include <stdio.h>
#include <string.h>

/* Headings of the views apart, in the order of model_apart_view. */
static const char *const view_heading[MODEL_APART_VIEWS] = {
    "disbursed or spent (as stated)", "contributions received", "pledged",
    "requested or needed", "funding gap", "co-financing by others",
};

/* The member of dimension d named `name` in model m, or -1. */
static int32_t member_named(const model *m, int d, const char *name)
{
    for (size_t k = KEY_FIRST_MEMBER; k < m->dim[d].n; k++)
        if (!strcmp(m->dim[d].m[k].name, name))
            return (int32_t)k;
    return -1;
}

/* The value of view cube v at fund fk (0: all funds, 1: not stated). */
static int view_value(const cube *v, int32_t fk, int64_t *out)
{
    int32_t key[DIM__N] = {KEY_TOTAL, KEY_TOTAL, KEY_TOTAL, fk};
    const cube_cell *cl = fk >= 0 ? cube_cell_at(v, key) : NULL;
    if (!cl || cl->amount.origin == ORIGIN_NONE)
        return 0;
    *out = cl->amount.value;
    return 1;
}

/* Row r: fund fk of the funding model (KEY_NOT_STATED: the residual). */
static ac_error fund_row(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, int32_t fk, int *any)
{
    const cube *c = x->c;
    *any = 0;
    for (int v = 0, col = 1; v < MODEL_APART_VIEWS; v++) {
        const cube *vc = c->apart[v];
        if (!vc)
            continue;
        int32_t vk = fk == KEY_NOT_STATED ? KEY_NOT_STATED
                                          : member_named(vc->m, DIM_FUND, x->m->dim[DIM_FUND].m[fk].name);
        int64_t val;
        if (view_value(vc, vk, &val)) {
            TRY(export_usd(x, ws, r, (lxw_col_t)col, val, x->f[F_USD]));
            *any = 1;
        }
        col++;
    }
    if (*any)
        TRY(export_str(x, ws, r, 0, fk == KEY_NOT_STATED ? "fund not stated"
                                                         : export_member(x, DIM_FUND, fk), NULL));
    return AC_OK;
}

int export_kinds_present(const export_ctx *x)
{
    for (int v = 0; v < MODEL_APART_VIEWS; v++)
        if (x->c->apart[v])
            return 1;
    return 0;
}

ac_error export_write_kinds(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp)
{
    const cube *c = x->c;
    lxw_row_t r = *rp;
    char f[256];
    if (!export_kinds_present(x))
        return AC_OK;
    TRY(export_str(x, ws, r++, 0, "Money that is not funding, by fund", x->f[F_TITLE]));
    TRY(export_str(x, ws, r++, 0,
                   "D. Shown apart, each under its own name, and never added into the totals "
                   "above: contributions a fund received, pledges, requests and needs, funding "
                   "gaps, co-financing by other parties, and every disbursement as stated (a "
                   "disbursement counts in the funding only where no allocation is stated for "
                   "the same sector, region, period and fund). Changes (an increase, a "
                   "difference) are never added anywhere: see Observations, kind \"change\". "
                   "All periods; USD.", x->f[F_NOTE]));
    lxw_row_t hdr = r++, first = r;
    TRY(export_str(x, ws, hdr, 0, "fund", x->f[F_BOLD]));
    for (int v = 0, col = 1; v < MODEL_APART_VIEWS; v++)
        if (c->apart[v])
            TRY(export_str(x, ws, hdr, (lxw_col_t)col++, view_heading[v], x->f[F_BOLD]));
    const dimension *fd = &x->m->dim[DIM_FUND];
    for (size_t k = KEY_FIRST_MEMBER; k <= fd->n; k++) {
        int any;
        int32_t fk = k < fd->n ? (int32_t)k : KEY_NOT_STATED;
        TRY(fund_row(x, ws, r, fk, &any));
        r += any;
    }
    TRY(export_str(x, ws, r, 0, "Total", x->f[F_BOLD]));
    for (int v = 0, col = 1; v < MODEL_APART_VIEWS; v++) {
        int64_t tot;
        if (!c->apart[v])
            continue;
        int has = view_value(c->apart[v], KEY_TOTAL, &tot);
        TRY(export_total(x, ws, r, (lxw_col_t)col, export_sum_of(f, sizeof f, first, (lxw_col_t)col,
                                                                  r > first ? r - 1 : first,
                                                                  (lxw_col_t)col),
                         has, has ? export_cents(tot) : 0, x->f[F_USD_BOLD]));
        col++;
    }
    *rp = r + 2;
    return AC_OK;
}
