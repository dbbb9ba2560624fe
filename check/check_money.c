/*
 * check_money.c — exchange rates a source implies.  An amount restated in
 * another currency ("12 millions d'euros (7,9 milliards de FCFA)": the
 * restatement carries FACT_RESTATEMENT) states a rate:
 *   peg   a pegged pair (XOF or XAF and EUR at 655.957, rates.tsv kind
 *         peg; XOF and XAF at par through their common base): the
 *         restatement against the amount at the fixed parity, within the
 *         restatement's rounding;
 *   rate  any other pair: the rates of one source for one pair, each an
 *         interval from the restatement's rounding, must share a value
 *         (two rates for EUR/USD in one text, beyond rounding, is a
 *         mismatch).
 * The amount restated is taken as stated exactly (unless approximate:
 * 5 %); the restatement is rounded to half a unit of its last non-zero
 * digit ("7,9 milliards": ±0,05 milliard; "44 000": ±500), or 5 % when
 * approximate ("près de 44 000 euros").  Values are exact: amounts in
 * hundredths of their currency, rates as fractions compared in 128 bits.
 */
#include "check_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

/* A pegged rate's digits kept: 655.957 has three decimals; six cover any
 * parity rates.tsv may state. */
#define PEG_SCALE 1000000
/* The rounding of an approximate figure ("près de", "environ"): 5 %, as
 * the sum and agree rules take it. */
#define APPROX_PCT 5
/* A rate is shown with four decimals ("1.1000 USD per EUR"). */
#define RATE_SCALE 10000

typedef struct {
    uint32_t orig, rest;     /* the amount and its restatement (facts)   */
    const char *a, *b;       /* their currencies, a < b (strcmp)         */
    int64_t va, vb;          /* hundredths of a and of b                 */
    int64_t ta, tb;          /* their rounding, in the same units        */
} restated;

/* v in hundredths of its currency (more decimals cut); 0 when too large. */
static int hundredths(scan_num_dec v, int64_t *out)
{
    while (v.scale > 2) {
        v.mant /= 10;
        v.scale--;
    }
    if (!scan_num_rescale(&v, 2) || v.mant <= 0)
        return 0;
    *out = v.mant;
    return 1;
}

/* Half a unit of the last non-zero digit of v (hundredths), or 5 % when
 * approximate. */
static int64_t rounding(int64_t v, int approx)
{
    if (approx)
        return v / (100 / APPROX_PCT);
    int64_t unit = 1;
    while (v % (unit * 10) == 0 && unit <= INT64_MAX / 100)
        unit *= 10;
    return unit / 2;
}

/* The amount restatement r restates: the amount before it in its
 * sentence, in another currency.  SIZE_MAX when none. */
static size_t restated_amount(const fact_table *f, size_t r)
{
    for (size_t i = r; i-- > 0;) {
        if (f->source[i] != f->source[r] || f->o[i].sentence != f->o[r].sentence)
            return SIZE_MAX;
        if (f->measure[i] == OBS_AMOUNT && !(f->flags[i] & FACT_RESTATEMENT) && f->o[i].unit &&
            strcmp(f->o[i].unit, f->o[r].unit) && f->o[i].start < f->o[r].start)
            return i;
    }
    return SIZE_MAX;
}

static int collect_one(const fact_table *f, size_t r, restated *out)
{
    size_t o = restated_amount(f, r);
    int64_t vo, vr;
    if (o == SIZE_MAX || !hundredths(f->o[o].value, &vo) || !hundredths(f->o[r].value, &vr))
        return 0;
    int64_t to = f->flags[o] & FACT_APPROX ? rounding(vo, 1) : 0;
    int64_t tr = rounding(vr, !!(f->flags[r] & FACT_APPROX));
    int swap = strcmp(f->o[o].unit, f->o[r].unit) > 0;
    *out = (restated){(uint32_t)o, (uint32_t)r, swap ? f->o[r].unit : f->o[o].unit,
                      swap ? f->o[o].unit : f->o[r].unit, swap ? vr : vo, swap ? vo : vr,
                      swap ? tr : to, swap ? to : tr};
    return 1;
}

static int cmp_restated(const void *x, const void *y, void *ctx)
{
    const fact_table *f = ctx;
    const restated *p = x, *q = y;
    if (f->source[p->rest] != f->source[q->rest])
        return f->source[p->rest] < f->source[q->rest] ? -1 : 1;
    int c = strcmp(p->a, q->a);
    if (!c)
        c = strcmp(p->b, q->b);
    if (c)
        return c;
    return p->rest < q->rest ? -1 : p->rest > q->rest;
}

/* ---- peg --------------------------------------------------------------------- */

/* The fixed parity of b per a as num / den: b pegged to a, a to b, or both
 * to one base.  0 when the pair is not pegged. */
static int parity(const gazetteer *gz, const char *a, const char *b, int64_t *num, int64_t *den)
{
    const char *ba = NULL, *bb = NULL;
    double ua = 0, ub = 0;
    int pa = attribute_gazetteer_peg(gz, a, &ba, &ua), pb = attribute_gazetteer_peg(gz, b, &bb, &ub);
    int64_t ma = llround(ua * PEG_SCALE), mb = llround(ub * PEG_SCALE);
    if (pb && !strcmp(bb, a) && mb > 0) {
        *num = mb;
        *den = PEG_SCALE;
    } else if (pa && !strcmp(ba, b) && ma > 0) {
        *num = PEG_SCALE;
        *den = ma;
    } else if (pa && pb && !strcmp(ba, bb) && ma > 0 && mb > 0) {
        *num = mb;
        *den = ma;
    } else {
        return 0;
    }
    return 1;
}

/* n / d rounded half away from zero (d > 0), in *out; 0 when it does not
 * fit in an int64 (an absurd restatement: no finding). */
static int div_round128(i128 n, i128 d, int64_t *out)
{
    i128 q = n / d, r = n % d;
    if ((r < 0 ? -r : r) * 2 >= d)
        q += n < 0 ? -1 : 1;
    if (q > INT64_MAX || q < -INT64_MAX)
        return 0;
    *out = (int64_t)q;
    return 1;
}

/* The restatement against the amount at the fixed parity num / den (b per a). */
static ac_error peg_finding(check_ctx *x, const restated *p, int64_t num, int64_t den)
{
    const fact_table *f = x->f;
    /* from the amount stated to its restatement, whichever currency it is in */
    int a_is_orig = !strcmp(f->o[p->orig].unit, p->a);
    int64_t from = a_is_orig ? p->va : p->vb, stated = a_is_orig ? p->vb : p->va;
    int64_t tol = a_is_orig ? p->tb : p->ta, tol_from = a_is_orig ? p->ta : p->tb;
    i128 n = a_is_orig ? (i128)num : (i128)den, d = a_is_orig ? (i128)den : (i128)num;
    int64_t computed, tol_conv, par6;
    if (!div_round128((i128)from * n, d, &computed) || !div_round128((i128)tol_from * n, d, &tol_conv))
        return AC_OK;
    tol = tol_conv > INT64_MAX - tol ? INT64_MAX : tol + tol_conv;   /* an approximate amount's own rounding */
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "peg";
    fd.stated = stated;
    fd.computed = computed;
    fd.diff = computed - stated;
    fd.scale = 2;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = f->o[p->rest].unit;
    fd.verdict = (fd.diff < 0 ? -fd.diff : fd.diff) <= tol ? VERDICT_OK : VERDICT_MISMATCH;
    const char *ua = f->o[p->orig].unit, *ub = f->o[p->rest].unit;
    int64_t pn = a_is_orig ? num : den, pd = a_is_orig ? den : num;
    /* the parity as the reference data states it: units of the pegged
     * currency per unit of its anchor */
    if (!(pn >= pd ? div_round128((i128)pn * PEG_SCALE, pd, &par6) : div_round128((i128)pd * PEG_SCALE, pn, &par6)))
        return AC_OK;
    char pv[40], cv[40];
    int32_t key[DIM__N];
    check_fact_key(x, p->orig, key);
    fd.what = arena_printf(x->a, "%s: %s restated as %s; at the fixed parity of %s %s per %s, %s %s (%s the "
                           "restatement's rounding)", check_coord_text(x, key), check_fact_text(x, p->orig),
                           check_fact_text(x, p->rest), scan_num_format((scan_num_dec){par6, 6}, pv, sizeof pv),
                           pn >= pd ? ub : ua, pn >= pd ? ua : ub,
                           scan_num_format((scan_num_dec){computed, 2}, cv, sizeof cv), ub,
                           fd.verdict == VERDICT_OK ? "within" : "beyond");
    check_ref_list r = {0};
    check_refs_add(&r, x, p->orig);
    check_refs_add(&r, x, p->rest);
    fd.lines = check_refs_take(&r, x->a);
    return check_push(x, &fd, p->orig);
}

/* ---- rate: one pair, one rate ---------------------------------------------------- */

/* The rates (b per a) restatement p allows: [lo_n/lo_d, hi_n/hi_d]; hi_d
 * 0 when unbounded. */
static void rate_bounds(const restated *p, i128 *lo_n, i128 *lo_d, i128 *hi_n, i128 *hi_d)
{
    *lo_n = (i128)p->vb - p->tb;
    *lo_d = (i128)p->va + p->ta;
    *hi_n = (i128)p->vb + p->tb;
    *hi_d = p->va - p->ta > 0 ? (i128)p->va - p->ta : 0;
}

/* The rate b per a of p at RATE_SCALE; 0 when it does not fit. */
static int rate4(const restated *p, int64_t *out)
{
    return div_round128((i128)p->vb * RATE_SCALE, p->va, out);
}

/* The restatements g[0..n) of one pair in one source: one finding, ok
 * when one rate fits all of them, else a mismatch naming the two that
 * are furthest apart. */
static ac_error rate_finding(check_ctx *x, const restated *g, size_t n)
{
    size_t lo = 0, hi = SIZE_MAX;         /* the largest lower, the smallest upper bound */
    i128 ln, ld, hn, hd, bn, bd, cn, cd;
    rate_bounds(&g[0], &ln, &ld, &hn, &hd);
    if (hd)
        hi = 0;
    for (size_t k = 1; k < n; k++) {
        rate_bounds(&g[k], &bn, &bd, &cn, &cd);
        if (bn * ld > ln * bd)
            lo = k, ln = bn, ld = bd;
        if (cd && (hi == SIZE_MAX || cn * hd < hn * cd))
            hi = k, hn = cn, hd = cd;
    }
    int apart = hi != SIZE_MAX && ln * hd > hn * ld;
    size_t one = apart ? hi : 0, two = apart ? lo : n - 1;
    int64_t r1, r2;
    if (!rate4(&g[one], &r1) || !rate4(&g[two], &r2))
        return AC_OK;
    char v1[32], v2[32], a1[40], b1[40], a2[40], b2[40];
    const restated *p = &g[one], *q = &g[two];
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "rate";
    fd.stated = r1;
    fd.computed = r2;
    fd.diff = r2 - r1;
    fd.scale = 4;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = arena_printf(x->a, "%s per %s", p->b, p->a);
    fd.verdict = apart ? VERDICT_MISMATCH : VERDICT_OK;
    int32_t key[DIM__N];
    check_fact_key(x, p->orig, key);
    fd.what = arena_printf(x->a, "%s: %s/%s %s (%s %s = %s %s) and %s (%s %s = %s %s)%s", check_coord_text(x, key),
                           p->a, p->b, check_format_value(r1, 4, v1, sizeof v1),
                           scan_num_format((scan_num_dec){p->va, 2}, a1, sizeof a1), p->a,
                           scan_num_format((scan_num_dec){p->vb, 2}, b1, sizeof b1), p->b,
                           check_format_value(r2, 4, v2, sizeof v2),
                           scan_num_format((scan_num_dec){q->va, 2}, a2, sizeof a2), q->a,
                           scan_num_format((scan_num_dec){q->vb, 2}, b2, sizeof b2), q->b,
                           apart ? ": two exchange rates in one source, beyond their rounding"
                                 : arena_printf(x->a, ": %zu restatements at one rate, within their rounding", n));
    check_ref_list r = {0};
    for (size_t k = 0; k < n; k++)
        if (k == one || k == two || !apart) {
            check_refs_add(&r, x, g[k].orig);
            check_refs_add(&r, x, g[k].rest);
        }
    fd.lines = check_refs_take(&r, x->a);
    return check_push(x, &fd, g[apart ? (one < two ? one : two) : 0].orig);
}

ac_error check_rule_rates(check_ctx *x)
{
    const fact_table *f = x->f;
    restated *v = malloc((f->n ? f->n : 1) * sizeof *v);
    if (!v)
        return AC_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if ((f->flags[i] & FACT_RESTATEMENT) && f->measure[i] == OBS_AMOUNT && f->o[i].unit &&
            collect_one(f, i, &v[n]))
            n++;
    qsort_r(v, n, sizeof *v, cmp_restated, (void *)f);
    ac_error err = AC_OK;
    for (size_t k = 0; k < n && !err;) {
        size_t e = k + 1;
        while (e < n && f->source[v[e].rest] == f->source[v[k].rest] && !strcmp(v[e].a, v[k].a) &&
               !strcmp(v[e].b, v[k].b))
            e++;
        int64_t num, den;
        if (parity(x->m->gz, v[k].a, v[k].b, &num, &den)) {
            for (size_t j = k; j < e && !err; j++)
                err = peg_finding(x, &v[j], num, den);
        } else if (e - k >= 2) {
            err = rate_finding(x, v + k, e - k);
        }
        k = e;
    }
    free(v);
    return err;
}
