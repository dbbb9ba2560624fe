/*
 * export_summary.c — the sheets a donor reads first: the Summary, the
 * "Read me" (the methodology in plain words) and one cross-tab per fund
 * (see export.h for what each holds).
 *
 * Summary.  Two grids, amounts (USD) and numbers of projects: one row per
 * fund, a "fund not stated" row and a Total row; one column per period of
 * the period dimension, then "period not stated" and "All periods".
 *   - A period cell (fund f, period p) is the cube's cell at that
 *     coordinate, empty when it has no value.  It is added into the row's
 *     total only when p is a top-level period (directly under "all
 *     periods") and the cube counted it (bit DIM_PERIOD of `counted`):
 *     other cells (a period that overlaps another one of the row, or a year
 *     inside a span shown beside it) are shown grey and italic, not added.
 *   - "period not stated" of row f is the row's total less the periods it
 *     adds (the cube's residual cell, key KEY_NOT_STATED on the period).
 *   - "All periods" of a fund row is a formula that adds exactly the cells
 *     above (B9+D9+...), cached with the cube's value of (f, all periods).
 *   - "fund not stated" (row) is the Total's cell less the funds' cells,
 *     the cube's residual along the fund; the Total row is =SUM() of the
 *     rows above it, cached with the cube's value of (all funds, p).
 * The cube's rules make these agree to the cent: a total is at least the
 * disjoint sum of its children along every dimension, the residual is the
 * difference.  (Only "All periods" of the "fund not stated" row is a plain
 * value: which of its periods overlap differs from fund to fund.)  The
 * sums are computed here in int64 cents, so that every cached result is
 * exact; values become USD only when written.
 *
 * Cross-tabs: the cuboid sector × region × fund (all periods) of one fund,
 * the finest sectors and regions stated (never a member and its parent
 * together, so nothing is counted twice), a "not stated" row and column
 * (the cube's residual cells), SUM totals, and the share of the fund's own
 * total that the table shows, as a formula.  A cell of a member row and a
 * member column is the cube's cell.  A parent's own money is never lost
 * with its row or column: a country whose regions the table shows has a
 * column "ISO3: region not stated" (that of the member of that name, when
 * projects made one), a DAC code or group above the sectors shown has a
 * row "CODE NAME: beyond the sectors under it" where it holds more than
 * they do; each such rest holds what the cube's cell of its member holds
 * beyond the table's rows and columns under it (xt_fill), so that every
 * block of rows under a sector and columns of a country adds up to the
 * cube's cell of both (tests/xlsx_check.py checks it).
 *
 * Memory: index arrays malloc'ed per sheet and freed before returning.
 */
#include "export_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/diag.h"

/* Column widths of the Summary, in characters: the longest period label
 * ("since 2014 (to 2018)", indented) and the largest total with cents and
 * its unit ("1,234,567,890.00 USD") must show in full, never as ###. */
#define SUMMARY_LABEL_WIDTH 30
#define SUMMARY_VALUE_WIDTH 24

#define FORMULA_MAX 8000         /* Excel: 8,192 characters per formula */
/* The Read me's one column: a paragraph of about 100 characters a line. */
#define README_WIDTH 110

static const cube_val *val(const cube_cell *cl, int projects)
{
    return projects ? &cl->projects : &cl->amount;
}

/* The value of the cube's cell at (sector, region, period, fund), 0 and
 * *has = 0 when there is none. */
static int64_t cell_value(const export_ctx *x, int32_t s, int32_t g, int32_t p, int32_t f,
                          int projects, int *has, const cube_val **out)
{
    int32_t key[DIM__N];
    key[DIM_SECTOR] = s;
    key[DIM_REGION] = g;
    key[DIM_PERIOD] = p;
    key[DIM_FUND] = f;
    const cube_cell *cl = cube_cell_at(x->c, key);
    const cube_val *v = cl ? val(cl, projects) : NULL;
    if (out)
        *out = v;
    *has = v && v->origin != ORIGIN_NONE;
    return *has ? v->value : 0;
}

/* Members of dimension d named by the cells of cuboid `mask` (with `fund`
 * on the fund dimension when fund >= 0), key order, into out. */
static size_t members_of(const export_ctx *x, unsigned mask, int d, int32_t fund, int projects,
                         int32_t *out, char *seen)
{
    const cuboid *cb = &x->c->cuboid[mask];
    size_t n = 0, nm = x->m->dim[d].n;
    memset(seen, 0, nm + 1);
    for (size_t i = 0; i < cb->n; i++) {
        const cube_cell *cl = &x->c->cells[cb->cell[i]];
        if (fund >= 0 && cl->key[DIM_FUND] != fund)
            continue;
        if (val(cl, projects)->origin == ORIGIN_NONE && projects >= 0)
            continue;
        if (cl->key[d] >= 0 && (size_t)cl->key[d] < nm)
            seen[cl->key[d]] = 1;
    }
    for (size_t k = KEY_FIRST_MEMBER; k < nm; k++)
        if (seen[k])
            out[n++] = (int32_t)k;
    return n;
}

static void ref(char *buf, lxw_row_t r, lxw_col_t c)
{
    lxw_rowcol_to_cell(buf, r, c);
}

/* A USD amount (cents) or a number of projects. */
static ac_error wb_usd_or_int(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                              int64_t v, int projects, lxw_format *f)
{
    return projects ? export_num(x, ws, r, c, (double)v, f) : export_usd(x, ws, r, c, v, f);
}

/* ---- Summary: tables A, B and C of one measure ----------------------------------- */

typedef struct {
    const int32_t *fund, *per;
    size_t nf, np;
    const char *per_seen;      /* per key: the period appears in the cube */
} grid_axes;

static double shown(int64_t v, int projects)
{
    return projects ? (double)v : export_cents(v);
}

/* Label of the period dimension's key 1 as the cube fills it. */
static const char *rest_label(const export_ctx *x, int projects)
{
    const cube_val *v;
    int has;
    cell_value(x, 0, 0, KEY_NOT_STATED, KEY_TOTAL, projects, &has, &v);
    if (has && (v->origin == ORIGIN_RESIDUAL || (v->flags & CELL_OVERLAP)))
        return "undated or in overlapping periods (rest)";
    return "period not stated";
}

/* Total of rows r0..r1 of column c, adding only those whose status (column
 * c + 1) is "added" unless all are. */
static ac_error added_total(export_ctx *x, lxw_worksheet *ws, lxw_row_t rt, lxw_col_t c,
                            lxw_row_t r0, lxw_row_t r1, int all_added, int has, int64_t sum,
                            int projects)
{
    char f[256], a[16], b[16], s0[16], s1[16];
    if (r1 < r0)
        r1 = r0;                                 /* no row: an empty range */
    if (all_added)
        export_sum_of(f, sizeof f, r0, c, r1, c);
    else {
        ref(a, r0, c);
        ref(b, r1, c);
        ref(s0, r0, c + 1);
        ref(s1, r1, c + 1);
        snprintf(f, sizeof f,
                 "=IF(COUNTIFS(%s:%s,\"added\",%s:%s,\"<>\")=0,\"\",SUMIF(%s:%s,\"added\",%s:%s))",
                 s0, s1, a, b, s0, s1, a, b);
    }
    return export_total(x, ws, rt, c, f, has, shown(sum, projects),
                    x->f[projects ? F_INT_BOLD : F_USD_BOLD]);
}

/* Table A: each fund over all periods, "fund not stated", Total. */
static ac_error table_a(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp, const grid_axes *ax,
                        int projects)
{
    lxw_format *fv = x->f[projects ? F_INT : F_USD], *fg = x->f[projects ? F_INT_GREY : F_USD_GREY];
    lxw_row_t r = *rp;
    int64_t sum = 0;
    int any = 0, all_added = 1;
    TRY(export_str(x, ws, r++, 0, "A. By fund, all periods", x->f[F_HEAD]));
    TRY(export_str(x, ws, r, 0, "fund", x->f[F_BOLD]));
    TRY(export_str(x, ws, r, 1, projects ? "projects" : "amount (USD)", x->f[F_BOLD]));
    TRY(export_str(x, ws, r++, 2, "added into the total", x->f[F_BOLD]));
    lxw_row_t first = r;
    for (size_t i = 0; i <= ax->nf; i++) {
        int32_t fk = i < ax->nf ? ax->fund[i] : KEY_NOT_STATED;
        const cube_val *v;
        int has;
        int64_t val_ = cell_value(x, 0, 0, KEY_TOTAL, fk, projects, &has, &v);
        if (fk == KEY_NOT_STATED && !has)
            continue;
        int added = has && v->origin != ORIGIN_DERIVED && (v->counted >> DIM_FUND & 1);
        TRY(export_str(x, ws, r, 0, fk == KEY_NOT_STATED ? "fund not stated"
                                                     : export_member(x, DIM_FUND, fk), NULL));
        if (has) {
            TRY(wb_usd_or_int(x, ws, r, 1, val_, projects, added ? fv : fg));
            TRY(export_str(x, ws, r, 2, added ? "added" : "not added", added ? NULL : x->f[F_GREY]));
        }
        if (has && added) {
            sum += val_;
            any = 1;
        } else if (has)
            all_added = 0;
        r++;
    }
    TRY(export_str(x, ws, r, 0, "Total", x->f[F_BOLD]));
    TRY(added_total(x, ws, r, 1, first, r - 1, all_added, any, sum, projects));
    *rp = r + 2;
    return AC_OK;
}

/* Rows of Table B under period p (its inner periods, informative). */
static ac_error table_b_inner(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp, const grid_axes *ax,
                              int32_t p, int depth, int projects)
{
    const dimension *pd = &x->m->dim[DIM_PERIOD];
    lxw_format *fg = x->f[projects ? F_INT_GREY : F_USD_GREY];
    char lab[320];
    if (depth > 16)
        return AC_OK;
    for (size_t k = KEY_FIRST_MEMBER; k < pd->n; k++) {
        if (pd->m[k].parent != p)
            continue;
        if (ax->per_seen[k]) {
            int has;
            int64_t v = cell_value(x, 0, 0, (int32_t)k, KEY_TOTAL, projects, &has, NULL);
            snprintf(lab, sizeof lab, "%*s%s", 2 * depth, "", export_member(x, DIM_PERIOD, (int32_t)k));
            TRY(export_str(x, ws, *rp, 0, lab, x->f[F_INDENT]));
            if (has)
                TRY(wb_usd_or_int(x, ws, *rp, 1, v, projects, fg));
            snprintf(lab, sizeof lab, "inside %s: not added", export_member(x, DIM_PERIOD, p));
            TRY(export_str(x, ws, *rp, 2, lab, x->f[F_GREY]));
            (*rp)++;
        }
        TRY(table_b_inner(x, ws, rp, ax, (int32_t)k, depth + 1, projects));
    }
    return AC_OK;
}

/* Table B: each top-level period over all funds, its inner periods
 * indented, key 1; Total = the periods added. */
static ac_error table_b(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp, const grid_axes *ax,
                        int projects)
{
    const dimension *pd = &x->m->dim[DIM_PERIOD];
    lxw_format *fv = x->f[projects ? F_INT : F_USD], *fg = x->f[projects ? F_INT_GREY : F_USD_GREY];
    lxw_row_t r = *rp;
    int64_t sum = 0;
    int any = 0;
    TRY(export_str(x, ws, r++, 0, "B. By period, all funds", x->f[F_HEAD]));
    TRY(export_str(x, ws, r, 0, "period", x->f[F_BOLD]));
    TRY(export_str(x, ws, r, 1, projects ? "projects" : "amount (USD)", x->f[F_BOLD]));
    TRY(export_str(x, ws, r++, 2, "added into the total", x->f[F_BOLD]));
    lxw_row_t first = r;
    for (size_t k = KEY_FIRST_MEMBER; k < pd->n; k++) {
        if (pd->m[k].parent != KEY_TOTAL)
            continue;
        const cube_val *v;
        int has;
        int64_t val_ = cell_value(x, 0, 0, (int32_t)k, KEY_TOTAL, projects, &has, &v);
        if (ax->per_seen[k]) {
            int added = has && v->origin != ORIGIN_DERIVED && (v->counted >> DIM_PERIOD & 1);
            TRY(export_str(x, ws, r, 0, export_member(x, DIM_PERIOD, (int32_t)k), NULL));
            if (has) {
                TRY(wb_usd_or_int(x, ws, r, 1, val_, projects, added ? fv : fg));
                TRY(export_str(x, ws, r, 2, added ? "added" : "overlaps, not added",
                           added ? NULL : x->f[F_GREY]));
                if (added) {
                    sum += val_;
                    any = 1;
                }
            }
            r++;
        }
        TRY(table_b_inner(x, ws, &r, ax, (int32_t)k, 1, projects));
    }
    {
        const cube_val *v;
        int has;
        int64_t val_ = cell_value(x, 0, 0, KEY_NOT_STATED, KEY_TOTAL, projects, &has, &v);
        if (has) {
            int added = v->origin != ORIGIN_DERIVED && (v->counted >> DIM_PERIOD & 1);
            TRY(export_str(x, ws, r, 0, rest_label(x, projects), NULL));
            TRY(wb_usd_or_int(x, ws, r, 1, val_, projects, added ? fv : fg));
            TRY(export_str(x, ws, r, 2, added ? "added" : "overlaps, not added",
                       added ? NULL : x->f[F_GREY]));
            if (added) {
                sum += val_;
                any = 1;
            }
            r++;
        }
    }
    TRY(export_str(x, ws, r, 0, "Total", x->f[F_BOLD]));
    TRY(added_total(x, ws, r, 1, first, r - 1, 0, any, sum, projects));
    *rp = r + 2;
    return AC_OK;
}

/* Table C: the cube's cells (fund, period) as they are; a column total only
 * where the rows shown add up to the cube's own total of that period. */
static ac_error table_c(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp, const grid_axes *ax,
                        int projects)
{
    lxw_format *fv = x->f[projects ? F_INT : F_USD], *fb = x->f[projects ? F_INT_BOLD : F_USD_BOLD];
    lxw_row_t r = *rp;
    char f[256];
    TRY(export_str(x, ws, r++, 0, "C. Fund \xC3\x97 period (detail)", x->f[F_HEAD]));
    TRY(export_note(x, ws, r++,
               "The cube's cells as they are. No total across periods: periods overlap (a "
               "year lies inside a span, a fiscal year overlaps two calendar years, an "
               "undated figure may belong to any period), so adding a row would count money "
               "twice; Tables A and B hold the totals. A column has a total only where its "
               "funds and \"fund not stated\" add up to the cube's total for that period.",
               x->f[F_NOTE], 0));
    lxw_row_t hdr = r++, first = r;
    size_t nrow = ax->nf + 1;
    TRY(export_str(x, ws, hdr, 0, "fund", x->f[F_BOLD]));
    for (size_t i = 0; i < nrow; i++)
        TRY(export_str(x, ws, (lxw_row_t)(first + i), 0,
                   i < ax->nf ? export_member(x, DIM_FUND, ax->fund[i]) : "fund not stated",
                   x->f[F_BOLD]));
    lxw_row_t rt = (lxw_row_t)(first + nrow);
    TRY(export_str(x, ws, rt, 0, "Total", x->f[F_BOLD]));
    for (size_t j = 0; j <= ax->np; j++) {
        int32_t pk = j < ax->np ? ax->per[j] : KEY_NOT_STATED;
        lxw_col_t col = (lxw_col_t)(1 + j);
        int64_t sum = 0;
        int any = 0, has;
        TRY(export_str(x, ws, hdr, col, j < ax->np ? export_member(x, DIM_PERIOD, pk)
                                              : rest_label(x, projects), x->f[F_BOLD]));
        for (size_t i = 0; i < nrow; i++) {
            int32_t fk = i < ax->nf ? ax->fund[i] : KEY_NOT_STATED;
            int64_t v = cell_value(x, 0, 0, pk, fk, projects, &has, NULL);
            if (!has)
                continue;
            TRY(wb_usd_or_int(x, ws, (lxw_row_t)(first + i), col, v, projects, fv));
            sum += v;
            any = 1;
        }
        int64_t tot = cell_value(x, 0, 0, pk, KEY_TOTAL, projects, &has, NULL);
        if (any && has && tot == sum)
            TRY(export_total(x, ws, rt, col, export_sum_of(f, sizeof f, first, col, rt - 1, col), 1,
                         shown(tot, projects), fb));
        else if (has)
            TRY(export_str(x, ws, rt, col, "no total", x->f[F_GREY]));
    }
    *rp = rt + 2;
    return AC_OK;
}

static ac_error summary_measure(export_ctx *x, lxw_worksheet *ws, lxw_row_t *rp, const grid_axes *ax,
                                int projects)
{
    TRY(export_str(x, ws, (*rp)++, 0, projects ? "Numbers of projects" : "Amounts in USD",
               x->f[F_TITLE]));
    TRY(table_a(x, ws, rp, ax, projects));
    TRY(table_b(x, ws, rp, ax, projects));
    return table_c(x, ws, rp, ax, projects);
}

/* Is period a inside period b by its dates (and not the same range)? */
static int per_inside(const member *a, const member *b)
{
    return b->start <= a->start && a->end <= b->end && (a->start != b->start || a->end != b->end);
}

/* The periods of the tables: kind, dates, the periods they lie in, and the
 * periods they overlap (sharing days, neither containing the other). */
static ac_error periods_table(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, const grid_axes *ax)
{
    static const char *const hdr[] = {"period", "kind", "from", "to", "inside",
                                      "overlaps (never added together)"};
    const dimension *pd = &x->m->dim[DIM_PERIOD];
    char dt[16], *buf = malloc(4096), *in = malloc(4096);
    if (!buf || !in) {
        free(buf);
        free(in);
        return export_nomem(x);
    }
    ac_error err = export_str(x, ws, r++, 0, "Periods", x->f[F_HEAD]);
    for (lxw_col_t c = 0; c < 6 && !err; c++)
        err = export_str(x, ws, r, c, hdr[c], x->f[F_BOLD]);
    r++;
    for (size_t j = 0; j < ax->np && !err; j++, r++) {
        const member *mb = &pd->m[ax->per[j]];
        size_t o = 0, oi = 0;
        buf[0] = in[0] = '\0';
        /* the parent (smallest containing period) first */
        if (mb->parent >= KEY_FIRST_MEMBER)
            oi += (size_t)snprintf(in, 4096, "%s", export_member(x, DIM_PERIOD, mb->parent));
        for (size_t k = 0; k < ax->np && ax->np <= 2000; k++) {
            const member *ob = &pd->m[ax->per[k]];
            if (k == j)
                continue;
            if (per_inside(mb, ob) || (ob->start == mb->start && ob->end == mb->end &&
                                       ax->per[k] == mb->parent)) {
                if (ax->per[k] != mb->parent && oi + strlen(ob->name) + 8 < 4096)
                    oi += (size_t)snprintf(in + oi, 4096 - oi, "%s%s", oi ? ", " : "", ob->name);
                continue;
            }
            if (per_inside(ob, mb) || ob->end < mb->start || mb->end < ob->start ||
                (ob->start == mb->start && ob->end == mb->end))
                continue;
            if (o + strlen(ob->name) + 8 < 4096)
                o += (size_t)snprintf(buf + o, 4096 - o, "%s%s", o ? ", " : "", ob->name);
        }
        if ((err = export_str(x, ws, r, 0, mb->name, NULL)) ||
            (err = export_str(x, ws, r, 1, model_member_kind_name(mb->kind), NULL)) ||
            (err = export_str(x, ws, r, 2, export_date(mb->start, dt, sizeof dt), NULL)) ||
            (err = export_str(x, ws, r, 3, export_date(mb->end, dt, sizeof dt), NULL)) ||
            (err = export_str(x, ws, r, 4, in, NULL)) ||
            (err = export_str(x, ws, r, 5, buf, NULL)))
            break;
    }
    free(buf);
    free(in);
    return err;
}

static size_t count_verdict(const export_ctx *x, check_verdict v)
{
    size_t n = 0;
    if (x->fl)
        for (size_t i = 0; i < x->fl->n; i++)
            n += x->fl->v[i].verdict == v;
    return n;
}

/* =COUNTIF(Checks!$A:$A,"v")+COUNTIF('Checks 2'!$A:$A,"v")... */
static ac_error count_formula(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, const char *label,
                              check_verdict v)
{
    const export_pages *pg = &x->pg[PG_CHECKS];
    size_t cap = 64 + pg->npages * 64, o = 0;
    char *f = malloc(cap);
    if (!f)
        return export_nomem(x);
    for (size_t p = 0; p < pg->npages && o + 64 < cap && o < FORMULA_MAX; p++)
        o += (size_t)snprintf(f + o, cap - o, "%sCOUNTIF('%s'!$A:$A,\"%s\")", p ? "+" : "=",
                              pg->name[p], check_verdict_name(v));
    ac_error err = export_str(x, ws, r, 0, label, x->f[F_BOLD]);
    if (!err)
        err = export_formula(x, ws, r, 2, f, (double)count_verdict(x, v), x->f[F_BOLD]);
    free(f);
    return err;
}

/* The Summary's first rows: title, where it comes from, how to read it,
 * and the counts of findings. */
static ac_error summary_head(export_ctx *x, lxw_worksheet *ws, long long created)
{
    const model *m = x->m;
    char note[320], when[32];
    time_t tt = (time_t)created;
    struct tm tmv;
    if (gmtime_r(&tt, &tmv))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tmv);
    else
        snprintf(when, sizeof when, "?");
    TRY(export_width(x, ws, 0, 0, SUMMARY_LABEL_WIDTH, NULL));
    TRY(export_width(x, ws, 1, 200, SUMMARY_VALUE_WIDTH, NULL));
    TRY(export_labels(x, ws, 1));
    TRY(export_str(x, ws, 0, 0, x->o->title && *x->o->title ? x->o->title : "aidcube", x->f[F_TITLE]));
    snprintf(note, sizeof note,
             "Generated by aidcube %s on %s from %zu sources and %zu figures%s%.60s. "
             "How the figures are computed: see the sheet \"Read me\".",
             AC_VERSION, when, m->n_src, m->f.n, x->o->fund_filter ? " of fund " : "",
             x->o->fund_filter ? x->o->fund_filter : "");
    TRY(export_note(x, ws, 1, note, x->f[F_NOTE], 0));
    TRY(export_note(x, ws, 2,
               "Totals are formulas you can follow; the value shown before recalculation is "
               "aidcube's own. An empty cell means not stated, never zero. Every total is the "
               "sum of the rows shown above it that say \"added\"; grey italic rows are "
               "shown but not added (a period that overlaps another one, or lies inside a "
               "longer period; see Periods below). A: by fund; B: by period; C: the detail.",
               x->f[F_NOTE], 0));
    TRY(count_formula(x, ws, 3, "Mismatches", VERDICT_MISMATCH));
    TRY(count_formula(x, ws, 4, "Unverifiable", VERDICT_UNVERIFIABLE));
    return count_formula(x, ws, 5, "Invalid", VERDICT_INVALID);
}

/* The tables of both measures and the periods, from row 7, over the funds
 * and periods the cube names (funds, pers, seen: the caller's arrays). */
static ac_error summary_tables(export_ctx *x, lxw_worksheet *ws, int32_t *funds, int32_t *pers,
                               char *seen)
{
    grid_axes ax;
    ax.fund = funds;
    ax.per = pers;
    ax.nf = members_of(x, 1u << DIM_FUND, DIM_FUND, -1, -1, funds, seen);
    ax.np = members_of(x, 1u << DIM_PERIOD, DIM_PERIOD, -1, -1, pers, seen);
    if (ax.np + 3 > 16000)
        return export_str(x, ws, 7, 0, "Too many periods to show in columns: see the Cube sheet.",
                          x->f[F_NOTE]);
    ax.per_seen = seen;
    lxw_row_t next = 7;
    worksheet_freeze_panes(ws, 0, 1);
    TRY(export_print(x, ws, -1, -1));
    TRY(summary_measure(x, ws, &next, &ax, 0));
    TRY(summary_measure(x, ws, &next, &ax, 1));
    TRY(export_write_kinds(x, ws, &next));
    return periods_table(x, ws, next, &ax);
}

/* The index arrays are allocated here and freed on every path: the
 * functions that write use TRY and LX, which return early. */
ac_error export_write_summary(export_ctx *x, lxw_worksheet *ws, long long created)
{
    size_t nf = x->m->dim[DIM_FUND].n, np = x->m->dim[DIM_PERIOD].n;
    int32_t *funds = malloc((nf + 1) * sizeof *funds), *pers = malloc((np + 1) * sizeof *pers);
    char *seen = malloc((nf > np ? nf : np) + 1);
    ac_error err = !funds || !pers || !seen ? export_nomem(x) : summary_head(x, ws, created);
    if (!err)
        err = summary_tables(x, ws, funds, pers, seen);
    free(funds);
    free(pers);
    free(seen);
    return err;
}

/* ---- Read me ------------------------------------------------------------------------- */

static const char *const readme[] = {
    "#How the figures are computed",
    "This workbook gathers the funding figures that reports state (a project's cost, a "
    "sector's total, a fund's total, a share of a budget, a number of projects) and arranges "
    "them by sector, region, period and fund. These rules are applied to every figure; the "
    "sheets let you verify them.",
    "#Reported, computed, derived",
    "Reported: a figure a source states for exactly that sector, region, period and fund. "
    "The lines of one table, chart or list add up; its total line (\"Total: $3 million\") "
    "is their sum stated: it is used, never added to them, and the sheet Checks compares "
    "the lines with it. A figure stated again by another line or "
    "source is one figure, not two: the one stated as a total (else the largest) is used and "
    "the sheet Checks compares the others with it. Caps (\"at most 50,000 USD\"), rates per year, impossible "
    "figures (a negative amount, a share above 100 %) and amounts with no exchange rate are "
    "never added. One list in two files (the same projects as a .csv and as an .xlsx, a "
    "report saved twice) is one list: the file whose rows are all rows of another adds "
    "nothing, and the sheet Sources says so.",
    "Computed: the sum of the figures one level below (the sectors of a total, the regions "
    "of a country, the years inside a span), without overlaps: two periods sharing days, a "
    "grouping of regions (\"Tombouctou / Taoudenit\") and a region it covers, a total and "
    "its own parts are never added together. Where parts overlap, the largest set of parts "
    "that do not overlap is added; the others are shown but marked \"not added\". What "
    "lies under a figure is what the sources state for the same fund, place and sector: the "
    "years under a fund's span are that fund's years there (a year inside two of its spans "
    "is in each), never a span another fund or country states, so a span is never smaller "
    "than a year inside it and other funds' reports never change a fund's figures. A total "
    "of all funds over a span also holds a fund's years inside it when that fund states no "
    "figure of the span, in its \"not stated\" row.",
    "Sectors nest by the OECD DAC codes: a sector a report names (RESA, POC, Cohésion "
    "sociale) lies under its DAC purpose code (\"15220 Civilian peace-building, conflict "
    "prevention and resolution\") and the code under its group (\"152 Conflict, Peace & "
    "Security\"), each named by its code and English name. A code or group has a row "
    "wherever a sector under it has a figure; its value is the figure stated for it, or "
    "the sum of the sectors under it, whichever is larger, never both added. The total of "
    "all sectors adds the groups (and the sectors with no DAC code), never a sector and "
    "the group it lies in. A report's total that a sentence also names by one of several "
    "sectors it lists (\"115.5 million for security, migrant protection and jobs\") stays "
    "the report's total, not that sector's.",
    "Never smaller than its parts: a stated total is shown unless the sum of its own parts "
    "is larger; then the sum is shown and the cell says so (stated total smaller than its "
    "parts, also a finding in Checks, unless the difference is within the rounding of the "
    "stated figure: \"12,1 millions\" agrees with 12,106,353). A stated total larger than its parts is shown as "
    "stated: the parts are within it, nothing is counted twice.",
    "Derived: where only a percentage is known (28 % of a fund's budget), the percentage "
    "times the total it is a share of, rounded to the cent. Derived values are shown, never "
    "added into other totals.",
    "#Not stated",
    "Unknown is not zero: a cell with no value is empty. Where a total holds more than the "
    "members stated under it (a country's total larger than its regions' figures, money "
    "with no fund), the difference is shown as \"not stated\" (fund not stated, period not "
    "stated, region not stated, sector not stated), so that rows always add up to their "
    "total.",
    "#Periods",
    "A period is a range of dates: a calendar year, a UN fiscal year (1 July to 30 June) or "
    "a span (2013-2017; \"since 2013\" is the span up to the report's year). A "
    "period lies inside another by its dates. Figures whose periods overlap (calendar 2016 "
    "and fiscal year 2016/2017) are never added together: the Summary shows both and adds "
    "only the periods that do not overlap. A figure that states no period is not a figure "
    "for all periods: it may belong to any, so it is shown under \"period not stated\" and "
    "never added beside dated figures; the total over periods takes the larger.",
    "#Counts",
    "Counts are whole projects and never negative. A lower bound (\"at least six "
    "projects\") is the figure with the qualifier approx.",
    "#Kinds of money",
    "Every amount has a kind, read from the words around it or from its column's header: "
    "allocated (committed, budgeted, approved), disbursed (disbursed, spent, paid out), "
    "received (contributions paid into a fund), pledged, requested (needed, required), gap "
    "(a shortfall), change (an increase, a decrease, a difference) or co-financing by "
    "another party; where the words do not say, the kind is empty and nothing is guessed. "
    "The lines are those of IATI's transaction types and OCHA FTS's flow statuses.",
    "A fund's funding, the money of every total in this workbook, adds only what it put into "
    "projects: money allocated or of no stated kind, and money disbursed or spent, never both "
    "for the same figure: where an allocation is stated for a sector, region, period and "
    "fund, the disbursements stated for exactly the same ones are shown apart (flag "
    "\"disbursed beside an allocation\"); elsewhere a disbursement counts, within the "
    "allocations around it like any figure. Contributions received, pledges, requests, gaps "
    "and co-financing are never funding: the Summary shows each apart, by fund (table D), and "
    "the Facts and the PivotTables show them under their own kind (the PivotTables open on "
    "the kind \"funding\"). A change is never added anywhere.",
    "#Money and exchange rates",
    "Amounts are kept exactly, in the currency stated, and converted to US dollars at the "
    "annual rate of the year in which the figure's period ends; for a figure with no "
    "period, the year of the report, and when the report has no date either, the latest "
    "year that has a rate. When no rate is known for that year, the nearest year's rate is "
    "used, the figure is flagged \"rate of another year\" and aidcube names the year. XOF and XAF "
    "are pegged to the euro at 655.957. The sheets Facts and Observations show each "
    "amount's rate and the year of the rate (empty for amounts stated in USD). USD values "
    "are rounded half away from zero to the cent.",
    "#The sheets",
    "Summary: amounts and numbers of projects by fund and period, with formulas for every "
    "total, and the money shown apart, by fund and kind. Cube: every cell of the 16 groupings (column grain); do not add over it, "
    "filter one grain. One sheet per fund: sectors by regions (a country's money beyond "
    "its regions, a DAC code's beyond its sectors, in a row or column of its own). Facts: each figure at the "
    "finest grain, counted once; the table for a PivotTable. Observations: every figure "
    "read, with its flags and source line. Checks: stated totals and percentages compared "
    "with their parts. Sources: every file given, by its name and SHA-256 hash (never its "
    "folders), and what became of it: loaded, its rows all rows of another file, a copy, "
    "or not read and why.",
    NULL};

ac_error export_write_readme(export_ctx *x, lxw_worksheet *ws)
{
    lxw_row_t r = 0;
    TRY(export_width(x, ws, 0, 0, README_WIDTH, x->f[F_WRAP]));
    for (size_t i = 0; readme[i]; i++) {
        if (readme[i][0] == '#') {
            lxw_format *f = x->f[r ? F_HEAD : F_TITLE];
            if (r)
                r++;
            TRY(export_str(x, ws, r++, 0, readme[i] + 1, f));
        } else      /* one paragraph a row, as high as its lines: none overlaps the next */
            TRY(export_note(x, ws, r++, readme[i], x->f[F_WRAP], README_WIDTH));
    }
    return export_print(x, ws, -1, -1);
}

/* ---- cross-tabs ------------------------------------------------------------------------ */

#define XT_LABEL 600   /* a rest's label: a sector's label (512) and words */

/* A row or column of a cross-tab: a member (key), or the rest of a member
 * beyond the members under it (rest_of >= 0: its own money, which no finer
 * row or column holds), or both (a country's column "MLI: region not
 * stated" also holds MLI's money beyond its regions). */
typedef struct {
    const char *name;
    int32_t key;             /* member shown, -1 for a rest alone          */
    int32_t rest_of;         /* member whose rest it holds, -1 for none    */
} member_ref;

static int cmp_member_ref(const void *pa, const void *pb)
{
    const member_ref *a = pa, *b = pb;
    if ((a->key == KEY_NOT_STATED) != (b->key == KEY_NOT_STATED))
        return a->key == KEY_NOT_STATED ? 1 : -1;         /* "not stated" last */
    int r = strcmp(a->name, b->name);
    return r ? r : (a->key > b->key) - (a->key < b->key);
}

/* Members of dimension d that appear (seen[k]) and have no appearing member
 * below them, "not stated" included, sorted by name; returns how many, or
 * (size_t)-1 when out of memory. */
static size_t leaves(const export_ctx *x, int d, const char *seen, member_ref *out)
{
    const dimension *dm = &x->m->dim[d];
    size_t n = 0;
    char *inner = calloc(dm->n + 1, 1);
    if (!inner)
        return (size_t)-1;
    for (size_t k = KEY_FIRST_MEMBER; k < dm->n; k++) {
        if (!seen[k])
            continue;
        int32_t p = dm->m[k].parent;
        for (int guard = 0; p >= KEY_FIRST_MEMBER && (size_t)p < dm->n && guard < 16; guard++) {
            inner[p] = 1;
            p = dm->m[p].parent;
        }
    }
    for (size_t k = KEY_NOT_STATED; k < dm->n; k++)
        if (seen[k] && !inner[k]) {
            out[n].name = export_member(x, d, (int32_t)k);
            out[n].rest_of = -1;
            out[n++].key = (int32_t)k;
        }
    free(inner);
    qsort(out, n, sizeof *out, cmp_member_ref);
    return n;
}

/* A sector's name in full: an acronym (RESA, POC, DDR: all capitals) is
 * followed by the first plain alias the reference data gives it
 * (sectors.tsv: aliases starting with '=', '!' or '~' are patterns or
 * markers, not names: attribute_gz_entry.label); without one the acronym alone. */
static int is_acronym(const char *s)
{
    int upper = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            return 0;
        if (*p >= 0x80)
            return 0;
        upper += *p >= 'A' && *p <= 'Z';
    }
    return upper >= 2;
}

static const char *sector_alias(const export_ctx *x, const char *name, char *out, size_t size)
{
    const attribute_gz_entry *e;
    out[0] = '\0';
    for (size_t i = 0; (e = attribute_gazetteer_nth(x->m->gz, GZ_SECTOR, i)); i++)
        if (e->name && strcmp(e->name, name) == 0 && e->label) {
            snprintf(out, size, "%s", e->label);
            return out;
        }
    return NULL;
}

static const char *sector_label(const export_ctx *x, int32_t k, char *buf, size_t size)
{
    const char *name = export_member(x, DIM_SECTOR, k);
    char alias[400];
    if (is_acronym(name) && sector_alias(x, name, alias, sizeof alias))
        snprintf(buf, size, "%s \xE2\x80\x94 %s", name, alias);
    else
        snprintf(buf, size, "%s", name);
    return buf;
}

/* The cube's cell (s, g) of fund fk over all periods, NULL when it has no
 * amount. */
static const cube_cell *xt_cell(const export_ctx *x, int32_t s, int32_t g, int32_t fk)
{
    int32_t key[DIM__N];
    key[DIM_SECTOR] = s;
    key[DIM_REGION] = g;
    key[DIM_PERIOD] = KEY_TOTAL;
    key[DIM_FUND] = fk;
    const cube_cell *cl = cube_cell_at(x->c, key);
    return cl && cl->amount.origin != ORIGIN_NONE ? cl : NULL;
}

/* A cell's own money along d: its value less the children the cube added
 * into it (rule 2), read from the cube's cells and their counted bits: the
 * rest of rule 5 at a member rather than at _T. */
static int64_t xt_own(const export_ctx *x, const cube_cell *cl, int d)
{
    const uint32_t *ch;
    size_t n = cube_children(x->c, (size_t)(cl - x->c->cells), d, &ch);
    int64_t own = cl->amount.value;
    for (size_t j = 0; j < n; j++) {
        const cube_val *w = &x->c->cells[ch[j]].amount;
        if (w->origin != ORIGIN_NONE && (w->counted & (1u << d)))
            own -= w->value;
    }
    return own;
}

/* Is member a within member b on d (b an ancestor of a)? */
static int xt_within(const export_ctx *x, int d, int32_t a, int32_t b)
{
    const dimension *dm = &x->m->dim[d];
    /* hierarchies are at most 3 deep (group, code, theme; country,
     * grouping, region): 16 guards a bad one */
    for (int guard = 0; a >= KEY_FIRST_MEMBER && (size_t)a < dm->n && guard < 16; guard++)
        if ((a = dm->m[a].parent) == b)
            return 1;
    return 0;
}

/* The rests of dimension d: each member with a stated member under it
 * (for regions: a country) whose own money (xt_own) in some cell of fund
 * fk is more than 0 gets a row or column of that money, after the n
 * entries of out: a sector "CODE NAME: beyond the sectors under it", a
 * country "ISO3: region not stated" (the column of the member of that
 * name when there is one).  labels: room for one label per member.
 * Returns the new number of entries. */
static size_t xt_rests(const export_ctx *x, const cuboid *cb, int32_t fk, int d,
                       const char *seen, member_ref *out, size_t n, char (*labels)[XT_LABEL])
{
    const dimension *dm = &x->m->dim[d];
    for (size_t i = 0; i < cb->n; i++) {
        const cube_cell *cl = &x->c->cells[cb->cell[i]];
        int32_t k = cl->key[d];
        if (cl->key[DIM_FUND] != fk || cl->key[DIM_PERIOD] != KEY_TOTAL ||
            cl->amount.origin == ORIGIN_NONE || k < KEY_FIRST_MEMBER || labels[k][0] ||
            (d == DIM_REGION && dm->m[k].parent >= KEY_FIRST_MEMBER) || xt_own(x, cl, d) <= 0)
            continue;
        int inner = 0;
        for (size_t j = KEY_FIRST_MEMBER; j < dm->n && !inner; j++)
            inner = seen[j] && xt_within(x, d, (int32_t)j, k);
        if (!inner)
            continue;
        char lab[512];
        if (d == DIM_SECTOR)
            snprintf(labels[k], XT_LABEL, "%s: beyond the sectors under it",
                     sector_label(x, k, lab, sizeof lab));
        else
            snprintf(labels[k], XT_LABEL, "%s: region not stated", export_member(x, d, k));
        size_t j = 0;
        while (j < n && !(out[j].rest_of < 0 && out[j].key >= KEY_FIRST_MEMBER &&
                          strcmp(out[j].name, labels[k]) == 0))
            j++;
        if (j == n) {
            out[n].name = labels[k];
            out[n++].key = -1;
        }
        out[j].rest_of = k;
    }
    qsort(out, n, sizeof *out, cmp_member_ref);
    return n;
}

/* The member a row or column is of: its member, else the member whose
 * rest it holds. */
static int32_t xt_of(const member_ref *m)
{
    return m->key >= 0 ? m->key : m->rest_of;
}

/* Is row or column m that of member k or of a member under k? */
static int xt_under(const export_ctx *x, int d, const member_ref *m, int32_t k)
{
    return xt_of(m) == k || m->rest_of == k || xt_within(x, d, xt_of(m), k);
}

/* The table of fund fk, nr × nc, into v and has: each cell of a member row
 * and a member column is the cube's cell (stated with neither sector nor
 * region, it is not here).  A rest then holds what the cube's cell of its
 * member holds beyond the rows and columns under that member, so that the
 * block of rows under a sector and columns under a country adds up to the
 * cube's cell of both: a country's rest column in a row first, then a
 * sector's rest row (deepest first: a code's rest is under its group),
 * then where both meet.  A rest that would be 0 or less is empty. */
typedef struct {
    const export_ctx *x;
    int32_t fk;
    const member_ref *rs, *cs;
    size_t nr, nc;
    int64_t *v;
    char *has;
} xt_grid;

static void xt_rest_cell(const xt_grid *t, size_t i, size_t j)
{
    int32_t s = t->rs[i].rest_of >= 0 ? t->rs[i].rest_of : t->rs[i].key;
    int32_t g = t->cs[j].rest_of >= 0 ? t->cs[j].rest_of : t->cs[j].key;
    const cube_cell *cl = xt_cell(t->x, s, g, t->fk);
    if (!cl)
        return;
    int64_t own = cl->amount.value;
    for (size_t a = 0; a < t->nr; a++) {
        if (a != i && !(t->rs[i].rest_of >= 0 && xt_under(t->x, DIM_SECTOR, &t->rs[a], s)))
            continue;
        for (size_t b = 0; b < t->nc; b++)
            if ((b == j || (t->cs[j].rest_of >= 0 && xt_under(t->x, DIM_REGION, &t->cs[b], g))) &&
                t->has[a * t->nc + b])
                own -= t->v[a * t->nc + b];
    }
    if (own > 0) {
        t->v[i * t->nc + j] += own;
        t->has[i * t->nc + j] = 1;
    }
}

static void xt_fill(const xt_grid *t)
{
    const dimension *sd = &t->x->m->dim[DIM_SECTOR];
    for (size_t i = 0; i < t->nr; i++)
        for (size_t j = 0; j < t->nc; j++) {
            const member_ref *r = &t->rs[i], *g = &t->cs[j];
            const cube_cell *cl = r->key >= 0 && g->key >= 0 &&
                                  !(r->key == KEY_NOT_STATED && g->key == KEY_NOT_STATED)
                                      ? xt_cell(t->x, r->key, g->key, t->fk) : NULL;
            t->v[i * t->nc + j] = cl ? cl->amount.value : 0;
            t->has[i * t->nc + j] = cl != NULL;
        }
    for (size_t i = 0; i < t->nr; i++)         /* "sector not stated" too */
        for (size_t j = 0; j < t->nc; j++)
            if (t->rs[i].rest_of < 0 && t->cs[j].rest_of >= 0)
                xt_rest_cell(t, i, j);
    /* the DAC tree is 3 deep (group, code, theme): 8 covers a deeper one */
    for (int depth = 8; depth >= 0; depth--)
        for (int both = 0; both < 2; both++)
            for (size_t i = 0; i < t->nr; i++)
                if (t->rs[i].rest_of >= 0 && sd->m[t->rs[i].rest_of].depth == depth)
                    for (size_t j = 0; j < t->nc; j++)
                        if ((t->cs[j].rest_of >= 0) == both)
                            xt_rest_cell(t, i, j);
}

/* Drops the rests that xt_fill left empty (a country's regions hold all
 * its money in the table, though the cube does not add them into it:
 * residual cells), keeping a member's column that also holds a rest.
 * Returns whether it dropped any. */
static int xt_prune(member_ref *rs, size_t *nr, member_ref *cs, size_t *nc, const char *has)
{
    size_t r = 0, c = 0;
    char *keep_r = calloc(*nr + 1, 1), *keep_c = calloc(*nc + 1, 1);
    if (!keep_r || !keep_c) {            /* keep them all: empty, still right */
        free(keep_r);
        free(keep_c);
        return 0;
    }
    for (size_t i = 0; i < *nr; i++)
        for (size_t j = 0; j < *nc; j++)
            if (has[i * *nc + j]) {
                keep_r[i] = 1;
                keep_c[j] = 1;
            }
    for (size_t i = 0; i < *nr; i++)
        if (rs[i].key >= 0 || keep_r[i])
            rs[r++] = rs[i];
    for (size_t j = 0; j < *nc; j++)
        if (cs[j].key >= 0 || keep_c[j])
            cs[c++] = cs[j];
    int dropped = r != *nr || c != *nc;
    *nr = r;
    *nc = c;
    free(keep_r);
    free(keep_c);
    return dropped;
}

#define XT_SHARE 2   /* row of the share line */
#define XT_HDR 4     /* header row of a cross-tab */
#define XT_C0 2      /* first region column (A sector, B DAC code) */

static ac_error xtab_body(export_ctx *x, lxw_worksheet *ws, const char *sheet, const char *fund,
                          const member_ref *rs, size_t nr, const member_ref *cs, size_t nc,
                          const int64_t *v, const char *has, int64_t fund_total, int has_total)
{
    char f[256], a[16], lab[512];
    int64_t grand = 0;
    int any_all = 0;
    lxw_row_t r0 = XT_HDR + 1, rt = (lxw_row_t)(XT_HDR + 1 + nr);
    lxw_col_t ct = (lxw_col_t)(XT_C0 + nc);
    const dimension *sd = &x->m->dim[DIM_SECTOR];

    TRY(export_str(x, ws, XT_HDR, 0, "Sector", x->f[F_BOLD]));
    TRY(export_str(x, ws, XT_HDR, 1, "DAC code", x->f[F_BOLD]));
    for (size_t j = 0; j < nc; j++)
        TRY(export_str(x, ws, XT_HDR, (lxw_col_t)(XT_C0 + j),
                   cs[j].key == KEY_NOT_STATED ? "region not stated" : cs[j].name, x->f[F_BOLD]));
    TRY(export_str(x, ws, XT_HDR, ct, "Total", x->f[F_BOLD]));
    for (size_t i = 0; i < nr; i++) {
        lxw_row_t r = (lxw_row_t)(r0 + i);
        int64_t sum = 0;
        int any = 0;
        int32_t sk = rs[i].rest_of >= 0 ? rs[i].rest_of : rs[i].key;
        TRY(export_str(x, ws, r, 0, rs[i].rest_of >= 0 ? rs[i].name
                                    : rs[i].key == KEY_NOT_STATED ? "sector not stated"
                                    : sector_label(x, rs[i].key, lab, sizeof lab),
                   NULL));
        if (sk >= KEY_FIRST_MEMBER)
            TRY(export_str(x, ws, r, 1, sd->m[sk].code, NULL));
        for (size_t j = 0; j < nc; j++)
            if (has[i * nc + j]) {
                TRY(export_usd(x, ws, r, (lxw_col_t)(XT_C0 + j), v[i * nc + j], NULL));
                sum += v[i * nc + j];
                any = 1;
            }
        TRY(export_total(x, ws, r, ct, export_sum_of(f, sizeof f, r, XT_C0, r, (lxw_col_t)(ct - 1)),
                     any, export_cents(sum), x->f[F_USD_BOLD]));
        grand += sum;
        any_all |= any;
    }
    TRY(export_str(x, ws, rt, 0, "Total", x->f[F_BOLD]));
    for (size_t j = 0; j < nc; j++) {
        int64_t sum = 0;
        int any = 0;
        for (size_t i = 0; i < nr; i++)
            if (has[i * nc + j]) {
                sum += v[i * nc + j];
                any = 1;
            }
        lxw_col_t cj = (lxw_col_t)(XT_C0 + j);
        TRY(export_total(x, ws, rt, cj, export_sum_of(f, sizeof f, r0, cj, rt - 1, cj), any,
                     export_cents(sum), x->f[F_USD_BOLD]));
    }
    TRY(export_total(x, ws, rt, ct, export_sum_of(f, sizeof f, r0, ct, rt - 1, ct), any_all,
                 export_cents(grand), x->f[F_USD_BOLD]));

    /* the share of the fund's money this table shows */
    TRY(export_str(x, ws, XT_SHARE, 0, "Shown in this table", x->f[F_BOLD]));
    ref(a, rt, ct);
    snprintf(f, sizeof f, "=%s", a);
    TRY(export_total(x, ws, XT_SHARE, 1, f, any_all, export_cents(grand), x->f[F_USD_BOLD]));
    TRY(export_str(x, ws, XT_SHARE, 2, "of the fund's total", x->f[F_BOLD]));
    if (has_total) {
        TRY(export_usd(x, ws, XT_SHARE, 3, fund_total, x->f[F_USD_BOLD]));
        TRY(export_str(x, ws, XT_SHARE, 4, "share shown", x->f[F_BOLD]));
        if (fund_total > 0)
            TRY(export_formula(x, ws, XT_SHARE, 5, "=B3/D3",
                           (double)grand / (double)fund_total, x->f[F_PCT]));
    } else
        TRY(export_str(x, ws, XT_SHARE, 3, "not stated", NULL));

    /* the sector column as wide as its longest label (a rest's is long),
     * never narrower than 48 characters, never wider than 100 */
    double w0 = 48;
    for (size_t i = 0; i < nr; i++)
        if (rs[i].rest_of >= 0 && strlen(rs[i].name) + 2 > w0)
            w0 = strlen(rs[i].name) + 2 < 100 ? (double)(strlen(rs[i].name) + 2) : 100;
    TRY(export_width(x, ws, 0, 0, w0, NULL));
    TRY(export_width(x, ws, 1, 1, 16, NULL));
    TRY(export_width(x, ws, XT_C0, ct, 18, NULL));
    worksheet_freeze_panes(ws, XT_HDR + 1, XT_C0);
    TRY(export_labels(x, ws, XT_C0));
    TRY(export_print(x, ws, XT_HDR, XT_HDR));

    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!ch)
        return export_nomem(x);
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    if (!se)
        return export_nomem(x);
    chart_series_set_categories(se, sheet, r0, 0, rt - 1, 0);
    chart_series_set_values(se, sheet, r0, ct, rt - 1, ct);
    chart_series_set_name(se, "amount (USD)");
    /* never starts with '=': a chart title "=..." would be a reference */
    snprintf(f, sizeof f, "Amount by sector (USD), fund %s", fund);
    const char *title = export_clean(x, f);
    if (!title)
        return export_nomem(x);
    chart_title_set_name(ch, title);
    /* the chart's text at 11 pt (a title of 12): at the smallest print
     * scale (export_layout.c) it still prints at 8 pt or more */
    lxw_chart_font tf = {.size = 12, .bold = 1}, af = {.size = 11};
    chart_title_set_name_font(ch, &tf);
    chart_axis_set_num_font(ch->x_axis, &af);
    chart_axis_set_num_font(ch->y_axis, &af);
    chart_axis_set_num_format(ch->x_axis, "#,##0");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    LX(worksheet_insert_chart(ws, rt + 2, 0, ch));
    return AC_OK;
}

ac_error export_write_crosstab(export_ctx *x, lxw_worksheet *ws, const char *sheet, int32_t fk)
{
    const cube *c = x->c;
    const cuboid *cb = &c->cuboid[1u << DIM_SECTOR | 1u << DIM_REGION | 1u << DIM_FUND];
    size_t ns = x->m->dim[DIM_SECTOR].n, ng = x->m->dim[DIM_REGION].n;
    char *seen_s = calloc(ns + 1, 1), *seen_g = calloc(ng + 1, 1), *has = NULL;
    member_ref *rs = calloc(ns + 1, sizeof *rs), *cs = calloc(ng + 1, sizeof *cs);
    char (*lab_s)[XT_LABEL] = calloc(ns + 1, sizeof *lab_s);
    char (*lab_g)[XT_LABEL] = calloc(ng + 1, sizeof *lab_g);
    int64_t *v = NULL;
    size_t nr, nc;
    ac_error err = AC_OK;
    const char *fund = export_member(x, DIM_FUND, fk);
    char t[256];
    int has_total;
    int64_t total = cell_value(x, 0, 0, 0, fk, 0, &has_total, NULL);

    if (!seen_s || !seen_g || !rs || !cs || !lab_s || !lab_g) {
        err = export_nomem(x);
        goto done;
    }
    snprintf(t, sizeof t, "Fund %s: amounts in USD by sector and region, all periods", fund);
    if ((err = export_str(x, ws, 0, 0, t, x->f[F_TITLE])) ||
        (err = export_note(x, ws, 1,
                      "The finest sectors and regions stated, never a region and the "
                      "country or grouping it lies in together, nor a sector and the DAC "
                      "code it lies under. \"ISO3: region not stated\": a country's money "
                      "beyond its regions in the table; \"CODE NAME: beyond the sectors "
                      "under it\": money stated for a DAC code or group itself, beyond the "
                      "sectors under it in the table; so the rows under a sector and the "
                      "columns of a country add up to the fund's total of both. \"sector not "
                      "stated\": money of a region or country stated without a sector; "
                      "\"region not stated\": money of a sector beyond what its countries "
                      "state. Money stated with neither is not here: the line below says "
                      "what share of the fund's total the table shows.", x->f[F_NOTE], 0)))
        goto done;
    for (size_t i = 0; i < cb->n; i++) {
        const cube_cell *cl = &c->cells[cb->cell[i]];
        if (cl->key[DIM_FUND] == fk && cl->key[DIM_PERIOD] == KEY_TOTAL &&
            cl->amount.origin != ORIGIN_NONE) {
            seen_s[cl->key[DIM_SECTOR]] = 1;
            seen_g[cl->key[DIM_REGION]] = 1;
        }
    }
    nr = leaves(x, DIM_SECTOR, seen_s, rs);
    nc = leaves(x, DIM_REGION, seen_g, cs);
    if (nr == (size_t)-1 || nc == (size_t)-1) {
        err = export_nomem(x);
        goto done;
    }
    nr = xt_rests(x, cb, fk, DIM_SECTOR, seen_s, rs, nr, lab_s);
    nc = xt_rests(x, cb, fk, DIM_REGION, seen_g, cs, nc, lab_g);
    if (nr == 0 || nc == 0) {
        err = export_str(x, ws, XT_HDR, 0, "No amount of this fund is stated by sector "
                     "and region.", x->f[F_NOTE]);
        if (!err)
            err = export_print(x, ws, -1, -1);
        goto done;
    }
    if (nc > 16000) {
        diag_error(x->d, x->path, 0, "cannot write workbook: %zu regions do not fit in sheet \"%s\"",
                   nc, sheet);
        x->failed = 1;
        err = AC_ERR_XLSX;
        goto done;
    }
    v = calloc(nr * nc, sizeof *v);
    has = calloc(nr * nc, 1);
    if (!v || !has) {
        err = export_nomem(x);
        goto done;
    }
    xt_fill(&(xt_grid){x, fk, rs, cs, nr, nc, v, has});
    if (xt_prune(rs, &nr, cs, &nc, has))          /* then fill what is left */
        xt_fill(&(xt_grid){x, fk, rs, cs, nr, nc, v, has});
    err = xtab_body(x, ws, sheet, fund, rs, nr, cs, nc, v, has, total, has_total);
done:
    free(seen_s);
    free(seen_g);
    free(rs);
    free(cs);
    free(lab_s);
    free(lab_g);
    free(v);
    free(has);
    return err;
}
