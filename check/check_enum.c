/*
 * check_enum.c — what one sentence enumerates: the parts of a total stated
 * with it (rule sum: "222 finalisés et 102 en cours" against the 324 of
 * the same sentence, "Sur les 90 projets, 30 sont achevés, 36 en cours et
 * 23 autres"), and a count per unit times the units (rule per-unit: "7
 * projets par province" in "les deux provinces", against the sentence's
 * total).
 *
 * Counts are grouped by sorting them by (source, sentence, position): a
 * sentence's counts are one run, never compared pair by pair across the
 * source.
 */
#include "check_int.h"

#include <stdlib.h>
#include <string.h>

#include "../scan/scan_number.h"

/* A maximum, an average or a rate per year is not a count that adds up. */
#define NOT_A_COUNT (FACT_CAP | FACT_AVERAGE | FACT_PER_YEAR)
/* An approximate figure is within 5 % (as check_sum_tolerance has it). */
#define APPROX_DIV 20

/* ---- the counts of each sentence ------------------------------------------- */

static int cmp_sentence(const void *a, const void *b, void *ctx)
{
    const fact_table *f = ctx;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    int c = check_cmp_in_source(f, i, j, f->o[i].sentence, f->o[j].sentence);
    if (c && f->source[i] == f->source[j] && f->o[i].sentence == f->o[j].sentence &&
        f->o[i].start != f->o[j].start)
        return f->o[i].start < f->o[j].start ? -1 : 1;
    return c;
}

/* The counts stated in running text (not rows of tables or spreadsheets,
 * not impossible figures), by (source, sentence, position): *out
 * (malloc'd), their number. */
static ac_error sentence_counts(const check_ctx *x, uint32_t **out, size_t *n)
{
    const fact_table *f = x->f;
    uint32_t *v = malloc((f->n ? f->n : 1) * sizeof *v);
    if (!v)
        return AC_ERR_NOMEM;
    *n = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->measure[i] == OBS_COUNT && f->o[i].unit && !f->o[i].sheet &&
            !(f->flags[i] & (FACT_ITEM | FACT_IMPOSSIBLE)))
            v[(*n)++] = (uint32_t)i;
    qsort_r(v, *n, sizeof *v, cmp_sentence, (void *)f);
    *out = v;
    return AC_OK;
}

/* The end of the sentence run that starts at v[k]. */
static size_t sentence_end(const fact_table *f, const uint32_t *v, size_t n, size_t k)
{
    size_t e = k + 1;
    while (e < n && f->source[v[e]] == f->source[v[k]] && f->o[v[e]].sentence == f->o[v[k]].sentence)
        e++;
    return e;
}

static int same_unit(const fact_table *f, size_t i, size_t j)
{
    return f->o[i].unit && f->o[j].unit && !strcmp(f->o[i].unit, f->o[j].unit);
}

static int same_keys(const fact_table *f, size_t i, size_t j)
{
    for (int d = 0; d < DIM__N; d++)
        if (f->key[d][i] != f->key[d][j])
            return 0;
    return 1;
}

/* ---- sum: the parts a sentence enumerates ------------------------------------ */

/* The parts of total t among the sentence's counts v[a..b): those the
 * attribution marked as parts (FACT_PART) when it marked any; else, when
 * t opens the enumeration ("sur les 90 projets, ..."), the counts after
 * it at its coordinate; when the attribution marked t a total after its
 * parts ("..., soit 90 projets au total"), those before it. */
static size_t enum_parts(check_ctx *x, const uint32_t *v, size_t a, size_t b, size_t t, int marked,
                         uint32_t *parts)
{
    const fact_table *f = x->f;
    size_t n = 0;
    for (size_t k = a; k < b; k++) {
        uint32_t p = v[k];
        if (p == t || !same_unit(f, p, t) || !check_same_kind(x, t, p))
            continue;
        if (marked) {
            if (f->flags[p] & FACT_PART)
                parts[n++] = p;
        } else if (!(f->flags[p] & (FACT_PART | FACT_TOTAL)) && same_keys(f, p, t) &&
                   (check_enum_total_marker(&f->o[t]) ? f->o[p].start > f->o[t].start
                                                      : f->o[p].start < f->o[t].start)) {
            parts[n++] = p;
        }
    }
    return n;
}

static ac_error enum_finding(check_ctx *x, size_t t, const uint32_t *parts, size_t np, int all)
{
    const fact_table *f = x->f;
    check_ref_list r = {0};
    check_refs_add(&r, x, t);
    int64_t sum = 0;
    size_t n = 0, restated = 0;
    int approx = 0, rest = 0;
    strbuf terms = {0};
    for (size_t k = 0; k < np; k++) {
        uint32_t p = parts[k];
        if (f->flags[p] & NOT_A_COUNT) {      /* "au plus 36 en cours": not an addend */
            check_refs_free(&r);
            strbuf_free(&terms);
            return AC_OK;
        }
        approx |= !!(f->flags[p] & FACT_APPROX);
        rest |= check_enum_rest(&f->o[p]);
        if (check_part_restates_share(&f->o[t], &f->o[p])) {
            restated++;    /* "40 % ..., soit 2 400": a share, not an addend */
            continue;
        }
        char v[40];
        scan_num_format(f->o[p].value, v, sizeof v);
        strbuf_addf(&terms, "%s%s", n ? " + " : "", v);
        sum += f->v[p];
        n++;
        check_refs_add(&r, x, p);
    }
    /* one part alone ("120 sur 150", "41 of the 60") is some of the
     * total, not its breakdown: a finding only when it exceeds it */
    if (!n || (n == 1 && sum <= f->v[t]) || terms.failed) {
        int oom = terms.failed;
        check_refs_free(&r);
        strbuf_free(&terms);
        return oom ? AC_ERR_NOMEM : AC_OK;
    }
    int32_t key[DIM__N];
    check_fact_key(x, t, key);
    char tv[40];
    scan_num_format(f->o[t].value, tv, sizeof tv);
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "sum";
    fd.what = arena_printf(x->a, "%s: %s = %s %s (stated together%s)", check_coord_text(x, key),
                           strbuf_str(&terms), tv, f->o[t].unit,
                           restated ? "; a share restated as a number is not added" : "");
    strbuf_free(&terms);
    fd.stated = f->v[t];
    fd.computed = sum;
    fd.diff = sum - f->v[t];
    fd.has_stated = fd.has_computed = 1;
    fd.unit = f->o[t].unit;
    fd.lines = check_refs_take(&r, x->a);
    int64_t ad = fd.diff < 0 ? -fd.diff : fd.diff, tol = check_sum_tolerance(x, t);
    if (approx && sum / APPROX_DIV > tol)
        tol = sum / APPROX_DIV;               /* "environ 30 sont achevés" */
    fd.verdict = ad <= tol ? VERDICT_OK : VERDICT_MISMATCH;
    if (fd.verdict == VERDICT_MISMATCH && restated && sum < f->v[t])
        fd.verdict = VERDICT_UNVERIFIABLE;   /* the rest may be the share's */
    /* counts a total opens ("Sur les 40, 25 sont achevés et 12 en cours")
     * claim to be all of it only with a rest ("et 3 autres"): else they
     * may be some of it, or overlap */
    if (fd.verdict == VERDICT_MISMATCH && !all && !rest)
        return AC_OK;
    return check_push(x, &fd, t);
}

/* The total of one unit in sentence v[a..b): the count the attribution
 * marked a total, else the first count the words before it mark as the
 * whole ("sur les 90"); *marked: the attribution marked parts of it.
 * SIZE_MAX when none. */
static size_t enum_total(const check_ctx *x, const uint32_t *v, size_t a, size_t b, size_t first,
                         int *marked)
{
    const fact_table *f = x->f;
    *marked = 0;
    for (size_t k = a; k < b; k++)
        if (same_unit(f, v[k], first) && (f->flags[v[k]] & FACT_PART))
            *marked = 1;
    for (size_t k = a; k < b; k++) {
        uint32_t t = v[k];
        if (!same_unit(f, t, first) || (f->flags[t] & (FACT_PART | NOT_A_COUNT)))
            continue;
        if ((f->flags[t] & FACT_TOTAL) || (!*marked && check_enum_total_marker(&f->o[t])))
            return t;
    }
    return SIZE_MAX;
}

ac_error check_rule_sentence_sums(check_ctx *x)
{
    const fact_table *f = x->f;
    uint32_t *v, *parts = malloc((f->n ? f->n : 1) * sizeof *parts);
    size_t n;
    ac_error err = parts ? sentence_counts(x, &v, &n) : AC_ERR_NOMEM;
    if (err) {
        free(parts);
        return err;
    }
    for (size_t k = 0; k < n && !err;) {
        size_t e = sentence_end(f, v, n, k);
        /* each unit of the sentence once: its first count */
        for (size_t u = k; u < e && !err; u++) {
            int seen = 0;
            for (size_t w = k; w < u && !seen; w++)
                seen = same_unit(f, v[w], v[u]);
            int marked;
            size_t t = seen ? SIZE_MAX : enum_total(x, v, k, e, v[u], &marked);
            if (t == SIZE_MAX)
                continue;
            size_t np = enum_parts(x, v, k, e, t, marked, parts);
            /* parts the attribution marked, or closed by their total ("...,
             * soit 37 projets au total"), claim to be all of it */
            int all = marked || !check_enum_total_marker(&f->o[t]);
            err = enum_finding(x, t, parts, np, all);
        }
        k = e;
    }
    free(v);
    free(parts);
    return err;
}

/* ---- per-unit: a count per unit times the units --------------------------------- */

/* The regions the sentence of o names (distinct), from the gazetteer: the
 * units of "7 projets par province ... le Nord-Kivu et l'Ituri". */
static int64_t regions_named(check_ctx *x, const obs *o)
{
    attribute_gz_mention *mv;
    size_t nm;
    if (!o->snippet ||
        attribute_gazetteer_find(x->m->gz, o->snippet, strlen(o->snippet), x->a, &mv, &nm))
        return 0;
    int64_t k = 0;
    for (size_t i = 0; i < nm; i++) {
        if (mv[i].entry->type != GZ_REGION)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = mv[j].entry == mv[i].entry;
        k += !seen;
    }
    return k;
}

/* The total the per-unit count c makes up: a larger count of its unit in
 * its sentence v[a..b), of its fund, sector and period (the units are
 * places: the region may differ), the one stated as a total, else the
 * largest.  SIZE_MAX when none. */
static size_t per_unit_total(const check_ctx *x, const uint32_t *v, size_t a, size_t b, size_t c)
{
    const fact_table *f = x->f;
    size_t best = SIZE_MAX;
    for (size_t k = a; k < b; k++) {
        uint32_t t = v[k];
        if (t == c || !same_unit(f, t, c) || f->v[t] <= f->v[c] || !check_same_kind(x, t, c) ||
            f->key[DIM_FUND][t] != f->key[DIM_FUND][c] || f->key[DIM_SECTOR][t] != f->key[DIM_SECTOR][c] ||
            f->key[DIM_PERIOD][t] != f->key[DIM_PERIOD][c])
            continue;
        int tt = !!(f->flags[t] & FACT_TOTAL), tb = best != SIZE_MAX && (f->flags[best] & FACT_TOTAL);
        if (best == SIZE_MAX || tt > tb || (tt == tb && f->v[t] > f->v[best]))
            best = t;
    }
    return best;
}

static ac_error per_unit_finding(check_ctx *x, size_t c, size_t t, const char *unit, int64_t k)
{
    const fact_table *f = x->f;
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "per-unit";
    fd.stated = f->v[t];
    fd.computed = f->v[c] * k;
    fd.diff = fd.computed - fd.stated;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = f->o[t].unit;
    int64_t ad = fd.diff < 0 ? -fd.diff : fd.diff, tol = check_sum_tolerance(x, t);
    if ((f->flags[c] & FACT_APPROX) && fd.computed / APPROX_DIV > tol)
        tol = fd.computed / APPROX_DIV;       /* "environ 7 projets par province" */
    fd.verdict = ad <= tol ? VERDICT_OK : VERDICT_MISMATCH;
    int32_t key[DIM__N];
    check_fact_key(x, t, key);
    fd.what = arena_printf(x->a, "%s: %lld %s per %s × %lld = %lld %s, stated %lld (stated together)",
                           check_coord_text(x, key), (long long)f->v[c], f->o[c].unit, unit,
                           (long long)k, (long long)fd.computed, f->o[c].unit, (long long)f->v[t]);
    check_ref_list r = {0};
    check_refs_add(&r, x, t);
    check_refs_add(&r, x, c);
    fd.lines = check_refs_take(&r, x->a);
    return check_push(x, &fd, t);
}

/* Bound on the units a sentence counts: a count per unit is checked for
 * at most this many units (far above the provinces, regions or states of
 * any country): a count (at most 10^15) times it never overflows. */
#define PER_UNIT_MAX_UNITS 1000

ac_error check_rule_per_unit(check_ctx *x)
{
    const fact_table *f = x->f;
    uint32_t *v;
    size_t n;
    ac_error err = sentence_counts(x, &v, &n);
    if (err)
        return err;
    for (size_t k = 0; k < n && !err;) {
        size_t e = sentence_end(f, v, n, k);
        for (size_t i = k; i < e && !err; i++) {
            const char *unit;
            int64_t units;
            uint32_t c = v[i];
            /* a maximum, an average or a rate per unit is no count per unit */
            if ((f->flags[c] & (FACT_PART | FACT_TOTAL | NOT_A_COUNT)) ||
                !check_per_unit(&f->o[c], &unit, &units))
                continue;
            if (!units)
                units = regions_named(x, &f->o[c]);
            size_t t = units >= 2 && units <= PER_UNIT_MAX_UNITS ? per_unit_total(x, v, k, e, c) : SIZE_MAX;
            if (t != SIZE_MAX)
                err = per_unit_finding(x, c, t, unit, units);
        }
        k = e;
    }
    free(v);
    return err;
}
