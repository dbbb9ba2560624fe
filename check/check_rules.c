/*
 * check_rules.c — shares against part / total, charts adding to 100, fund
 * rules, and figures stated by several sources (rules in check.h).  Each
 * groups facts by sorting them: no loop over pairs of facts.
 */
#include "check_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

static int64_t pow10i(int e)
{
    int64_t p = 1;
    while (e-- > 0)
        p *= 10;
    return p;
}

/* mant at scale `from` to scale `to` (truncating when to < from). */
static int64_t rescale(int64_t mant, int from, int to)
{
    for (; from < to; from++)
        mant *= 10;
    for (; from > to; from--)
        mant /= 10;
    return mant;
}

static i128 abs128(i128 v)
{
    return v < 0 ? -v : v;
}

/* ---- share ------------------------------------------------------------------ */

/* A share of a total stated with its parts in one sentence: the source's
 * amount stated as a total at the share's coordinate and the first part
 * stated in its sentence. */
static int stated_together(check_ctx *x, size_t s, int64_t *part, int64_t *total, check_ref_list *r)
{
    const fact_table *f = x->f;
    int32_t key[DIM__N];
    check_fact_key(x, s, key);
    const cube_cell *cl = cube_cell_of_facts(x->c, key);
    if (!cl)
        return 0;
    size_t tp = SIZE_MAX;
    for (uint32_t k = 0; k < cl->nat && tp == SIZE_MAX; k++) {
        uint32_t i = x->c->at[cl->at0 + k];
        if (f->source[i] == f->source[s] && check_fact_cls(x->m, i) == CLS_AMOUNT &&
            (f->flags[i] & FACT_TOTAL))
            tp = i;
    }
    if (tp == SIZE_MAX)
        return 0;
    for (size_t k = 0; k < x->npartf; k++) {   /* sorted: stop past the sentence */
        uint32_t p = x->partf[k];
        if (f->source[p] < f->source[tp] ||
            (f->source[p] == f->source[tp] && f->o[p].sentence < f->o[tp].sentence))
            continue;
        if (f->source[p] != f->source[tp] || f->o[p].sentence != f->o[tp].sentence)
            break;
        if (check_fact_cls(x->m, p) == CLS_AMOUNT) {
            *part = f->v[p];
            *total = f->v[tp];
            check_refs_add(r, x, p);
            check_refs_add(r, x, tp);
            return 1;
        }
    }
    return 0;
}

static int64_t share_tolerance6(const check_ctx *x, size_t s)
{
    if (x->o && x->o->tolerance >= 0)
        return llround(x->o->tolerance * 1e6);
    if (x->f->flags[s] & FACT_APPROX)
        return 1000000;
    int sc = x->f->o[s].value.scale;
    return sc >= 6 ? 1 : 5 * pow10i(5 - sc);
}

static ac_error share_finding(check_ctx *x, size_t s, int64_t part, int64_t total, const char *how,
                              check_ref_list *r)
{
    const fact_table *f = x->f;
    scan_num_dec sv = f->o[s].value;
    int ss = sv.scale > 6 ? 6 : sv.scale;
    int S = ss < 2 ? 2 : ss;
    /* computed = part / total × 100 at S places, rounded half away from zero */
    i128 num = (i128)part * 100 * pow10i(S), q = num / total, rem = num % total;
    if (abs128(rem) * 2 >= total)
        q += num < 0 ? -1 : 1;
    int64_t stated = rescale(sv.mant, sv.scale, S);
    /* the verdict, exactly: |part × 100 - stated × total| <= tol × total, at 10^-6 */
    i128 lhs = abs128((i128)part * 100 * 1000000 - (i128)rescale(sv.mant, sv.scale, 6) * total);
    i128 rhs = (i128)share_tolerance6(x, s) * total;
    int32_t key[DIM__N];
    check_fact_key(x, s, key);
    char sbuf[32], pbuf[32], tbuf[32];
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "share";
    fd.what = arena_printf(x->a, "%s: %s%s%% stated; %s / %s USD (%s)", check_coord_text(x, key),
                           (f->flags[s] & FACT_APPROX) ? "about " : "",
                           check_format_value(sv.mant, sv.scale, sbuf, sizeof sbuf),
                           check_format_value(part, 2, pbuf, sizeof pbuf),
                           check_format_value(total, 2, tbuf, sizeof tbuf), how);
    fd.stated = stated;
    fd.computed = (int64_t)q;
    fd.diff = fd.computed - stated;
    fd.scale = S;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = "%";
    fd.lines = check_refs_take(r, x->a);
    fd.verdict = lhs <= rhs ? VERDICT_OK : VERDICT_MISMATCH;
    return check_push(x, &fd, s);
}

/* The rows of project lists (other sources than src) behind the cell key:
 * their check_ref_list appended to r, their sum of USD cents and number returned. */
static int64_t rows_behind(check_ctx *x, const int32_t key[DIM__N], int32_t src, check_ref_list *r, size_t *n,
                           int32_t *list)
{
    const fact_table *f = x->f;
    int64_t sum = 0;
    *n = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (f->source[i] == src || !f->o[i].sheet || !(f->flags[i] & FACT_PROJECT) ||
            !model_fact_summable(x->m, i, 0))
            continue;
        int in = 1;
        for (int d = 0; d < DIM__N && in; d++)
            in = model_within(x->m, d, f->key[d][i], key[d]);
        if (!in)
            continue;
        sum += f->v[i];
        *list = f->source[i];
        (*n)++;
        check_refs_add(r, x, i);
    }
    return sum;
}

ac_error check_rule_shares(check_ctx *x)
{
    const fact_table *f = x->f;
    for (size_t s = 0; s < f->n; s++) {
        if (!model_share_usable(x->m, s))
            continue;
        if (!check_share_of_money(&f->o[s]))
            continue;      /* a share of households, people, projects... */
        int32_t key[DIM__N], tkey[DIM__N];
        check_fact_key(x, s, key);
        memcpy(tkey, key, sizeof tkey);
        int d = -1;
        if (key[DIM_SECTOR] >= KEY_FIRST_MEMBER) {
            tkey[DIM_SECTOR] = KEY_TOTAL;
            d = DIM_SECTOR;
        } else if (key[DIM_REGION] >= KEY_FIRST_MEMBER &&
                   x->m->dim[DIM_REGION].m[key[DIM_REGION]].kind != MK_COUNTRY) {
            /* a region's share is a share of its country's total */
            int32_t k = key[DIM_REGION];
            for (int g = 0; k && g < 64 && x->m->dim[DIM_REGION].m[k].kind != MK_COUNTRY; g++)
                k = x->m->dim[DIM_REGION].m[k].parent;
            if (k) {
                tkey[DIM_REGION] = k;
                d = DIM_REGION;
            }
        }
        check_ref_list r = {0};
        check_refs_add(&r, x, s);
        int64_t part = -1, total = 0;
        int32_t src = f->source[s];
        const char *how = NULL;
        /* the part and the total of the share's own source: another
         * source's figure is not stated as a part of this total */
        if (d >= 0) {
            size_t pf = SIZE_MAX, tf = SIZE_MAX;
            if (!check_source_value(x, src, CLS_AMOUNT, key, -1, &part, &r, &pf))
                part = -1;
            if (part >= 0 && !check_source_value(x, src, CLS_AMOUNT, tkey, d, &total, &r, &tf))
                total = 0;
            if (pf != SIZE_MAX && tf != SIZE_MAX && !check_same_kind(x, pf, tf))
                total = 0;
            how = "part / total of the source";
            size_t nrows = 0;
            int32_t list = -1;
            int64_t rows = part >= 0 ? rows_behind(x, key, src, &r, &nrows, &list) : 0;
            char b[32];
            if (nrows)
                how = arena_printf(x->a, "%s; %zu rows of %s add up to %s USD", how, nrows,
                                   x->m->src[list].name, check_format_value(rows, 2, b, sizeof b));
        } else if (!(f->flags[s] & FACT_ITEM) && stated_together(x, s, &part, &total, &r)) {
            how = "part / total stated together";
        }
        if (!how || part < 0 || total <= 0) {
            check_refs_free(&r);
            continue;
        }
        ac_error err = share_finding(x, s, part, total, how, &r);
        if (err)
            return err;
    }
    return AC_OK;
}

/* ---- shares100 ------------------------------------------------------------------ */

static int cmp_chart(const void *a, const void *b, void *ctx)
{
    const fact_table *f = ctx;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    return check_cmp_in_source(f, i, j, f->o[i].group, f->o[j].group);
}

ac_error check_rule_shares100(check_ctx *x)
{
    const fact_table *f = x->f;
    uint32_t *v = malloc((f->n ? f->n : 1) * sizeof *v);
    if (!v)
        return AC_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->measure[i] == OBS_SHARE && f->o[i].group && !(f->flags[i] & FACT_TOTAL) &&
            f->kind[i] != KIND_CHANGE)
            v[n++] = (uint32_t)i;
    qsort_r(v, n, sizeof *v, cmp_chart, (void *)f);
    ac_error err = AC_OK;
    for (size_t k = 0; k < n && !err;) {
        size_t e = k, S = 0;
        while (e < n && f->source[v[e]] == f->source[v[k]] && f->o[v[e]].group == f->o[v[k]].group) {
            int sc = f->o[v[e]].value.scale;
            if ((size_t)sc > S)
                S = (size_t)sc;
            e++;
        }
        if (S > 6)
            S = 6;
        if (e - k >= 2) {
            check_ref_list r = {0};
            int64_t sum = 0;
            for (size_t j = k; j < e; j++) {
                sum += rescale(f->o[v[j]].value.mant, f->o[v[j]].value.scale, (int)S);
                check_refs_add(&r, x, v[j]);
            }
            int32_t key[DIM__N];
            check_fact_key(x, v[k], key);
            double tol = x->o && x->o->tolerance >= 0 ? x->o->tolerance : 1.0;
            finding fd;
            memset(&fd, 0, sizeof fd);
            fd.rule = "shares100";
            fd.what = arena_printf(x->a, "%s: %zu shares of one chart or table", check_coord_text(x, key),
                                   e - k);
            fd.stated = 100 * pow10i((int)S);
            fd.computed = sum;
            fd.diff = sum - fd.stated;
            fd.scale = (int)S;
            fd.has_stated = fd.has_computed = 1;
            fd.unit = "%";
            fd.lines = check_refs_take(&r, x->a);
            int64_t ad = fd.diff < 0 ? -fd.diff : fd.diff;
            fd.verdict = ad <= llround(tol * (double)pow10i((int)S)) ? VERDICT_OK : VERDICT_MISMATCH;
            err = check_push(x, &fd, v[k]);
        }
        k = e;
    }
    free(v);
    return err;
}

/* ---- fund-rule ------------------------------------------------------------------------ */

static int is_projects(const fact_table *f, size_t i)
{
    return f->measure[i] == OBS_COUNT && f->o[i].unit && !strcmp(f->o[i].unit, "projects");
}

typedef struct {
    const fact_table *f;
    int by_line;
} proj_ctx;

static int cmp_proj(const void *a, const void *b, void *ctx)
{
    const proj_ctx *p = ctx;
    const fact_table *f = p->f;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    if (f->source[i] != f->source[j])
        return f->source[i] < f->source[j] ? -1 : 1;
    long ki = p->by_line ? f->o[i].line : f->o[i].sentence;
    long kj = p->by_line ? f->o[j].line : f->o[j].sentence;
    if (ki != kj)
        return ki < kj ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* First index in v[0..n) (sorted by cmp_proj) at (source, key) or after. */
static size_t proj_lower(const fact_table *f, const uint32_t *v, size_t n, int by_line,
                         int32_t src, long key)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        uint32_t i = v[mid];
        long ki = by_line ? f->o[i].line : f->o[i].sentence;
        if (f->source[i] < src || (f->source[i] == src && ki < key))
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

/* The projects stated with amount i: in its sentence; when its sentence
 * names projects in the plural and counts none ("ces projets"), at its
 * region and fund in the 12 lines before it ("2 QIPs ... D'un coût global
 * de 85.000 USD, ces projets ..."); a count nearby is never the number of
 * projects of an amount stated on its own ("a $48,750 QIP"). */
static int64_t projects_with(check_ctx *x, const uint32_t *bys, const uint32_t *byl, size_t n, size_t i,
                             check_ref_list *r)
{
    const fact_table *f = x->f;
    int64_t np = 0;
    for (size_t k = proj_lower(f, bys, n, 0, f->source[i], f->o[i].sentence); k < n; k++) {
        uint32_t p = bys[k];
        if (f->source[p] != f->source[i] || f->o[p].sentence != f->o[i].sentence)
            break;
        np += f->v[p];
        check_refs_add(r, x, p);
    }
    if (np || !check_names_projects_plural(&f->o[i]))
        return np;
    for (size_t k = proj_lower(f, byl, n, 1, f->source[i], f->o[i].line - 12); k < n; k++) {
        uint32_t p = byl[k];
        if (f->source[p] != f->source[i] || f->o[p].line > f->o[i].line)
            break;
        if (f->o[p].sentence == f->o[i].sentence || f->key[DIM_REGION][p] != f->key[DIM_REGION][i] ||
            f->key[DIM_FUND][p] != f->key[DIM_FUND][i])
            continue;
        np += f->v[p];
        check_refs_add(r, x, p);
    }
    return np;
}

static int64_t div_round(int64_t a, int64_t b)
{
    int64_t q = a / b, rem = a % b;
    if ((rem < 0 ? -rem : rem) * 2 >= b)
        q += a < 0 ? -1 : 1;
    return q;
}

static ac_error fund_finding(check_ctx *x, size_t i, const attribute_gz_entry *fund, const uint32_t *bys,
                             const uint32_t *byl, size_t np)
{
    const fact_table *f = x->f;
    const char *fname = x->m->dim[DIM_FUND].m[f->key[DIM_FUND][i]].name;
    int32_t key[DIM__N];
    check_fact_key(x, i, key);
    finding r;
    memset(&r, 0, sizeof r);
    r.rule = "fund-rule";
    r.has_stated = r.has_computed = 1;
    check_ref_list rf = {0};
    check_refs_add(&rf, x, i);
    if (check_fact_cls(x->m, i) == CLS_AMOUNT && fund->max_amount > 0) {
        int64_t cap = llround(fund->max_amount * 100);
        const char *cur = fund->max_currency ? fund->max_currency : "USD";
        scan_num_dec rate;
        int ry;
        if (strcmp(cur, "USD") &&
            (!model_usd_rate(x->m->gz, cur, f->rate_year[i] ? f->rate_year[i] : 9999, &rate, &ry) ||
             !model_usd_cents((scan_num_dec){cap, 2}, rate, &cap))) {
            check_refs_free(&rf);
            return AC_OK;
        }
        /* a row of a project list is one project, and so is a figure the
         * attribution or its sentence says is one ("le projet") */
        int64_t nproj = f->o[i].sheet || (f->flags[i] & FACT_PROJECT) ? 1 : projects_with(x, bys, byl, np, i, &rf);
        if (nproj == 0 && check_names_one_project(&f->o[i]))
            nproj = 1;
        int64_t per = nproj > 1 ? div_round(f->v[i], nproj) : f->v[i];
        char a[32], b[32];
        r.stated = cap;
        r.computed = per;
        r.scale = 2;
        r.unit = "USD";
        if (nproj == 0) {
            /* not known to be one project: within the cap, so is each
             * project it pays for; over it, it may pay for several */
            r.verdict = per <= cap ? VERDICT_OK : VERDICT_UNVERIFIABLE;
            r.what = arena_printf(x->a, "%s: %s USD %s the cap of %s; %s", check_coord_text(x, key),
                                  check_format_value(f->v[i], 2, a, sizeof a),
                                  per <= cap ? "within" : "over",
                                  fname, per <= cap ? "so is each project it pays for"
                                                    : "not known to be one project (number of projects not stated)");
        } else if (nproj > 1) {
            r.verdict = per <= cap ? VERDICT_UNVERIFIABLE : VERDICT_MISMATCH;
            r.what = arena_printf(x->a, "%s: %lld projects for %s USD, average %s USD %s the cap of %s; "
                                  "each project unverifiable", check_coord_text(x, key), (long long)nproj,
                                  check_format_value(f->v[i], 2, a, sizeof a),
                                  check_format_value(per, 2, b, sizeof b),
                                  per <= cap ? "within" : "over", fname);
        } else {
            r.verdict = per <= cap ? VERDICT_OK : VERDICT_MISMATCH;
            r.what = arena_printf(x->a, "%s: one project of %s USD against the cap of %s",
                                  check_coord_text(x, key), check_format_value(f->v[i], 2, a, sizeof a),
                                  fname);
        }
    } else if (f->measure[i] == OBS_COUNT && f->o[i].unit && !strcmp(f->o[i].unit, "months") &&
               fund->max_months > 0 && !(f->flags[i] & (FACT_IMPOSSIBLE | FACT_CAP))) {
        r.stated = fund->max_months;
        r.computed = f->v[i];
        r.unit = "months";
        r.verdict = r.computed <= r.stated ? VERDICT_OK : VERDICT_MISMATCH;
        r.what = arena_printf(x->a, "%s: duration against the %d months of %s", check_coord_text(x, key),
                              fund->max_months, fname);
    } else {
        check_refs_free(&rf);
        return AC_OK;
    }
    r.diff = r.computed - r.stated;
    r.lines = check_refs_take(&rf, x->a);
    return check_push(x, &r, i);
}

/* A project row's duration (its months, or its dates) against the fund's
 * limit. */
static ac_error duration_finding(check_ctx *x, size_t i, const attribute_gz_entry *fund)
{
    const obs *o = &x->f->o[i];
    int32_t key[DIM__N];
    check_fact_key(x, i, key);
    finding r;
    memset(&r, 0, sizeof r);
    r.rule = "fund-rule";
    r.has_stated = r.has_computed = 1;
    r.stated = fund->max_months;
    r.computed = o->months;
    r.diff = r.computed - r.stated;
    r.unit = "months";
    r.verdict = r.computed <= r.stated ? VERDICT_OK : VERDICT_MISMATCH;
    r.what = arena_printf(x->a, "%s: one project of %d months against the %d months of %s",
                          check_coord_text(x, key), o->months, fund->max_months, fund->id);
    check_ref_list rf = {0};
    check_refs_add(&rf, x, i);
    r.lines = check_refs_take(&rf, x->a);
    return check_push(x, &r, i);
}

ac_error check_rule_fund(check_ctx *x)
{
    const fact_table *f = x->f;
    uint32_t *bys = malloc((f->n ? f->n : 1) * sizeof *bys);
    uint32_t *byl = malloc((f->n ? f->n : 1) * sizeof *byl);
    ac_error err = AC_ERR_NOMEM;
    if (!bys || !byl)
        goto done;
    size_t np = 0;
    for (size_t i = 0; i < f->n; i++)
        if (is_projects(f, i))
            bys[np] = byl[np] = (uint32_t)i, np++;
    proj_ctx ps = {f, 0}, pl = {f, 1};
    qsort_r(bys, np, sizeof *bys, cmp_proj, &ps);
    qsort_r(byl, np, sizeof *byl, cmp_proj, &pl);
    err = AC_OK;
    for (size_t i = 0; i < f->n && !err; i++) {
        int32_t fk = f->key[DIM_FUND][i], rk = f->key[DIM_REGION][i];
        /* a restatement in another currency is its amount's, checked once */
        if (fk < KEY_FIRST_MEMBER || rk < KEY_FIRST_MEMBER ||
            (f->flags[i] & (FACT_PART | FACT_TOTAL | FACT_RESTATEMENT)))
            continue;
        /* project grain: a place below the country */
        member_kind rkind = x->m->dim[DIM_REGION].m[rk].kind;
        if (rkind != MK_REGION && rkind != MK_GROUPING)
            continue;
        const attribute_gz_entry *fund = attribute_gazetteer_get(x->m->gz, GZ_FUND, x->m->dim[DIM_FUND].m[fk].name);
        if (fund)
            err = fund_finding(x, i, fund, bys, byl, np);
        if (!err && fund && fund->max_months > 0 && f->o[i].months > 0 &&
            (f->flags[i] & FACT_PROJECT) && f->measure[i] == OBS_AMOUNT)
            err = duration_finding(x, i, fund);
    }
done:
    free(bys);
    free(byl);
    return err;
}

/* ---- agree ------------------------------------------------------------------------------ */

typedef struct {
    const check_ctx *x;
} agree_ctx;

static int cmp_coord(const void *a, const void *b, void *ctx)
{
    const check_ctx *x = ctx;
    const fact_table *f = x->f;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    int ci = check_fact_cls(x->m, i), cj = check_fact_cls(x->m, j);
    if (ci != cj)
        return ci < cj ? -1 : 1;
    ci = check_kind_class(x->m, i);
    cj = check_kind_class(x->m, j);
    if (ci != cj)
        return ci < cj ? -1 : 1;
    for (int d = 0; d < DIM__N; d++)
        if (f->key[d][i] != f->key[d][j])
            return f->key[d][i] < f->key[d][j] ? -1 : 1;
    return i < j ? -1 : i > j;     /* source order, then fact order */
}

static int same_coord(const check_ctx *x, uint32_t i, uint32_t j)
{
    if (check_fact_cls(x->m, i) != check_fact_cls(x->m, j) ||
        check_kind_class(x->m, i) != check_kind_class(x->m, j))
        return 0;
    for (int d = 0; d < DIM__N; d++)
        if (x->f->key[d][i] != x->f->key[d][j])
            return 0;
    return 1;
}

typedef struct {
    int32_t source;
    int64_t v;
    size_t used0, nused;      /* into the group's used array */
    int total;
} src_fig;

static ac_error agree_group(check_ctx *x, const uint32_t *g, size_t n, src_fig *sf, uint32_t *used)
{
    const fact_table *f = x->f;
    size_t ns = 0, nu = 0, ref = 0;
    for (size_t k = 0; k < n;) {
        size_t e = k;
        int total = 0;
        while (e < n && f->source[g[e]] == f->source[g[k]])
            total |= !!(f->flags[g[e++]] & FACT_TOTAL);
        size_t u0 = nu;
        int64_t v = check_collapse(x, g + k, e - k, used, &nu);
        sf[ns] = (src_fig){f->source[g[k]], v, u0, nu - u0, total};
        if (total && !sf[ref].total)
            ref = ns;
        ns++;
        k = e;
    }
    if (ns < 2)
        return AC_OK;
    const src_fig *rf = &sf[ref];
    uint32_t rprim = used[rf->used0];
    int64_t far = rf->v, fardiff = -1;
    size_t differ = 0, other = ref ? 0 : 1, compared = 0;
    check_ref_list r = {0};
    for (size_t k = 0; k < rf->nused; k++)
        check_refs_add(&r, x, used[rf->used0 + k]);
    for (size_t s = 0; s < ns; s++) {
        uint32_t prim = used[sf[s].used0];
        if (s == ref || !check_same_kind(x, rprim, prim))
            continue;
        compared++;
        int64_t tol = check_sum_tolerance(x, rprim), t2 = check_sum_tolerance(x, prim);
        if (t2 > tol)
            tol = t2;
        int64_t d = sf[s].v - rf->v, ad = d < 0 ? -d : d;
        if (ad > tol)
            differ++;
        if (ad > fardiff) {
            fardiff = ad;
            far = sf[s].v;
            other = s;
        }
        for (size_t k = 0; k < sf[s].nused; k++)
            check_refs_add(&r, x, used[sf[s].used0 + k]);
    }
    if (!compared) {
        check_refs_free(&r);
        return AC_OK;
    }
    int32_t key[DIM__N];
    check_fact_key(x, rprim, key);
    int cls = check_fact_cls(x->m, rprim);
    /* figures that state no period are not known to speak of one time:
     * different, they are not a contradiction */
    int undated = key[DIM_PERIOD] == KEY_TOTAL;
    const char *why = differ && undated ? "; undated: not known to be the same period" : "";
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "agree";
    if (compared == 1)
        fd.what = arena_printf(x->a, "%s: stated by %s and by %s%s", check_coord_text(x, key),
                               x->m->src[rf->source].name, x->m->src[sf[other].source].name, why);
    else
        fd.what = arena_printf(x->a, "%s: stated by %s and by %zu other sources (%zu differ)%s",
                               check_coord_text(x, key), x->m->src[rf->source].name, compared, differ, why);
    fd.stated = rf->v;
    fd.computed = far;
    fd.diff = far - rf->v;
    fd.scale = cls == CLS_AMOUNT ? 2 : 0;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = cls == CLS_AMOUNT ? "USD" : "projects";
    fd.lines = check_refs_take(&r, x->a);
    fd.verdict = !differ ? VERDICT_OK : undated ? VERDICT_UNVERIFIABLE : VERDICT_MISMATCH;
    return check_push(x, &fd, rprim);
}

ac_error check_rule_agree(check_ctx *x)
{
    const fact_table *f = x->f;
    size_t nf = f->n ? f->n : 1;
    uint32_t *v = malloc(nf * sizeof *v), *used = malloc(nf * sizeof *used);
    src_fig *sf = malloc(nf * sizeof *sf);
    ac_error err = AC_ERR_NOMEM;
    if (!v || !used || !sf)
        goto done;
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)      /* projects are not restatements */
        if (check_fact_cls(x->m, i) && !(f->flags[i] & (FACT_PART | FACT_PROJECT)))
            v[n++] = (uint32_t)i;
    qsort_r(v, n, sizeof *v, cmp_coord, x);
    err = AC_OK;
    for (size_t k = 0; k < n && !err;) {
        size_t e = k + 1;
        while (e < n && same_coord(x, v[k], v[e]))
            e++;
        if (f->source[v[k]] != f->source[v[e - 1]])
            err = agree_group(x, v + k, e - k, sf, used);
        k = e;
    }
done:
    free(v);
    free(used);
    free(sf);
    return err;
}

/* ---- total rows of a spreadsheet that cover some rows only ------------------------------- */

/* v at scale 2 (the stated figure's own currency): 0 when it does not fit. */
static int at_scale2(scan_num_dec v, int64_t *out)
{
    while (v.scale > 2) {
        if (v.mant % 10)
            return 0;
        v.mant /= 10;
        v.scale--;
    }
    if (!scan_num_rescale(&v, 2))
        return 0;
    *out = v.mant;
    return 1;
}

/* A spreadsheet's total row against the rows it covers, in the currency
 * they are written in (exactly: no rounding to USD cents of each row).
 * "Sous-total EUR" below rows in EUR and FCFA covers the rows of its
 * currency only, which no cell of the cube holds. */
ac_error check_rule_total_rows(check_ctx *x)
{
    const fact_table *f = x->f;
    for (size_t i = 0; i < f->n; i++) {
        if (!(f->flags[i] & FACT_SUBSET_TOTAL) && !(f->o[i].sheet && (f->flags[i] & FACT_TOTAL)))
            continue;
        const obs *o = &f->o[i];
        finding r;
        memset(&r, 0, sizeof r);
        r.rule = "total-row";
        r.scale = 2;
        r.unit = o->unit;
        r.has_stated = at_scale2(o->value, &r.stated);
        r.has_computed = at_scale2(o->rows_sum, &r.computed);
        r.diff = r.computed - r.stated;
        r.verdict = !r.has_stated || !r.has_computed ? VERDICT_UNVERIFIABLE
                    : r.diff ? VERDICT_MISMATCH : VERDICT_OK;
        if (o->rows_n)
            r.what = arena_printf(x->a, "sheet \"%s\" total row: against the %d rows in %s above "
                                  "it (rows %ld to %ld)", o->sheet ? o->sheet : "", o->rows_n,
                                  o->unit, o->rows_first, o->rows_last);
        else
            r.what = arena_printf(x->a, "sheet \"%s\" total row: no row in %s above it",
                                  o->sheet ? o->sheet : "", o->unit);
        check_ref_list rf = {0};
        check_refs_add(&rf, x, i);
        r.lines = check_refs_take(&rf, x->a);
        ac_error err = check_push(x, &r, i);
        if (err)
            return err;
    }
    return AC_OK;
}
