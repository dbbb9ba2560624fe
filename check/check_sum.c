/*
 * check_sum.c — the sum rule (a stated total against its stated parts) and
 * the value a source gives a coordinate, which the share rule uses too.
 *
 * Parts are indexed once: every fact that can be a part is entered under
 * its parent coordinate along each dimension where it names a member, and
 * the entries sorted.  A total then finds its parts by binary search: no
 * loop over pairs of facts.
 */
#include "check_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scan/scan_number.h"

/* ---- the index of parts ---------------------------------------------------- */

/* An entry's key on dimension k, read from its fact's columns. */
static int32_t pe_key(const fact_table *f, const check_part_entry *e, int k)
{
    if (k == e->d)
        return e->anc;
    return e->variant && k == DIM_PERIOD ? KEY_TOTAL : f->key[k][e->fact];
}

/* The key a group is sorted by first (check_part_entry.gk). */
#define GK_BITS 16
#define GK_MEMBERS (1 << GK_BITS)
_Static_assert(DIM__N * GK_BITS <= 64, "a group's keys packed in 64 bits");

static uint64_t group_key(int exact, const int32_t pkey[DIM__N])
{
    uint64_t h = exact ? 0 : HASH_FNV_INIT;
    for (int k = 0; k < DIM__N; k++)
        if (exact)
            h |= (uint64_t)(uint32_t)pkey[k] << (GK_BITS * k);
        else
            h = hash_fnv(h, &pkey[k], sizeof pkey[k]);
    return h;
}

typedef struct {
    const fact_table *f;
    int exact;
} pe_order;

/* a's group against (cls, d, variant, gk, pkey); pkey is read only when
 * the gks are equal and not exact. */
static int cmp_pe_group(const pe_order *o, const check_part_entry *a, uint8_t cls, uint8_t d,
                        uint8_t variant, uint64_t gk, const int32_t pkey[DIM__N])
{
    if (a->cls != cls)
        return a->cls < cls ? -1 : 1;
    if (a->d != d)
        return a->d < d ? -1 : 1;
    if (a->variant != variant)
        return a->variant < variant ? -1 : 1;
    if (a->gk != gk)
        return a->gk < gk ? -1 : 1;
    if (o->exact)
        return 0;
    for (int k = 0; k < DIM__N; k++) {
        int32_t ak = pe_key(o->f, a, k);
        if (ak != pkey[k])
            return ak < pkey[k] ? -1 : 1;
    }
    return 0;
}

static int cmp_pe(const void *x, const void *y, void *ctx)
{
    const pe_order *o = ctx;
    const check_part_entry *a = x, *b = y;
    int32_t bkey[DIM__N] = {0};
    if (!o->exact && a->gk == b->gk)
        for (int k = 0; k < DIM__N; k++)
            bkey[k] = pe_key(o->f, b, k);
    int c = cmp_pe_group(o, a, b->cls, b->d, b->variant, b->gk, bkey);
    if (c)
        return c;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    if (a->child != b->child)
        return a->child < b->child ? -1 : 1;
    return a->fact < b->fact ? -1 : a->fact > b->fact;
}

/* The next ancestor a part is a part of, after anc (-1: none): a region's
 * and a period's ancestors up to the top-level one, not _T unless _T is
 * the parent; a sector's every DAC ancestor and all sectors (_T): a theme
 * is a part of its code, its group and of its source's total. */
static int32_t next_whole(const model *m, int d, int32_t anc)
{
    if (anc <= 0)
        return -1;
    int32_t p = m->dim[d].m[anc].parent;
    return p || d == DIM_SECTOR ? p : -1;
}

static int cmp_partf(const void *x, const void *y, void *ctx)
{
    const fact_table *f = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return check_cmp_in_source(f, a, b, f->o[a].sentence, f->o[b].sentence);
}

ac_error check_index(check_ctx *x)
{
    const fact_table *f = x->f;
    size_t cap = 0;
    for (size_t i = 0; i < f->n; i++)
        if (check_fact_cls(x->m, i))
            for (int d = 0; d < DIM__N; d++)
                cap += 2 * (size_t)(x->m->dim[d].m[f->key[d][i]].depth + 1);
    x->gk_exact = 1;
    for (int d = 0; d < DIM__N; d++)
        x->gk_exact &= x->m->dim[d].n < GK_MEMBERS;
    x->pe = malloc((cap ? cap : 1) * sizeof *x->pe);
    x->partf = malloc((f->n ? f->n : 1) * sizeof *x->partf);
    if (!x->pe || !x->partf)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < f->n; i++) {
        if (f->flags[i] & FACT_PART) {
            x->partf[x->npartf++] = (uint32_t)i;
            continue;
        }
        int cls = check_fact_cls(x->m, i);
        if (!cls)
            continue;
        for (int d = 0; d < DIM__N; d++) {
            int32_t k = f->key[d][i];
            if (k < KEY_FIRST_MEMBER)
                continue;
            /* a part of its parent, and of every ancestor above it (a region
             * under a grouping another source names is still a part of its
             * country: overlapping parts are left out when summed) */
            for (int32_t anc = x->m->dim[d].m[k].parent, guard = 0; anc >= 0 && guard < 64;
                 anc = next_whole(x->m, d, anc), guard++)
            for (int variant = 0; variant < 2; variant++) {
                if (variant && (d == DIM_PERIOD || f->key[DIM_PERIOD][i] == KEY_TOTAL))
                    break;
                check_part_entry *e = &x->pe[x->npe++];
                memset(e, 0, sizeof *e);
                e->anc = anc;
                e->fact = (uint32_t)i;
                e->source = f->source[i];
                e->child = k;
                int32_t pkey[DIM__N];
                for (int j = 0; j < DIM__N; j++)
                    pkey[j] = j == d ? anc : variant && j == DIM_PERIOD ? KEY_TOTAL : f->key[j][i];
                e->gk = group_key(x->gk_exact, pkey);
                e->cls = (uint8_t)cls;
                e->d = (uint8_t)d;
                e->variant = (uint8_t)variant;
            }
        }
    }
    pe_order o = {f, x->gk_exact};
    qsort_r(x->pe, x->npe, sizeof *x->pe, cmp_pe, &o);
    qsort_r(x->partf, x->npartf, sizeof *x->partf, cmp_partf, (void *)f);
    return AC_OK;
}

void check_index_free(check_ctx *x)
{
    free(x->pe);
    free(x->partf);
    x->pe = NULL;
    x->partf = NULL;
}

/* The entries of group (cls, d, variant, pkey): [*lo, *hi). */
static void group_range(const check_ctx *x, int cls, int d, int variant, const int32_t pkey[DIM__N],
                        size_t *lo, size_t *hi)
{
    size_t a = 0, b = x->npe;
    pe_order o = {x->f, x->gk_exact};
    uint64_t h = group_key(x->gk_exact, pkey);
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp_pe_group(&o, &x->pe[mid], (uint8_t)cls, (uint8_t)d, (uint8_t)variant, h, pkey) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    b = x->npe;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp_pe_group(&o, &x->pe[mid], (uint8_t)cls, (uint8_t)d, (uint8_t)variant, h, pkey) <= 0)
            a = mid + 1;
        else
            b = mid;
    }
    *hi = a;
}

/* Within [lo, hi), the entries of source s. */
static void source_range(const check_ctx *x, size_t lo, size_t hi, int32_t s, size_t *slo, size_t *shi)
{
    size_t a = lo, b = hi;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (x->pe[mid].source < s)
            a = mid + 1;
        else
            b = mid;
    }
    *slo = a;
    b = hi;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (x->pe[mid].source <= s)
            a = mid + 1;
        else
            b = mid;
    }
    *shi = a;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Rule 1 of the cube within one source, as cube.c `reported` takes it:
 * among facts[0..n) (fact order), the one stated as a total, else the
 * largest (the first of equals), plus the line items of its run unless it
 * is the run's total (rule "run total": they are its parts). */
int64_t check_collapse(const check_ctx *x, const uint32_t *facts, size_t n, uint32_t *used, size_t *nused)
{
    const fact_table *f = x->f;
    size_t p = 0;
    for (size_t k = 1; k < n; k++) {
        int tk = !!(f->flags[facts[k]] & FACT_TOTAL), tp = !!(f->flags[facts[p]] & FACT_TOTAL);
        if (tk > tp || (tk == tp && f->v[facts[k]] > f->v[facts[p]]))
            p = k;
    }
    uint32_t pi = facts[p];
    int64_t v = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = facts[k];
        int run = (f->flags[pi] & FACT_ITEM) && !(f->flags[pi] & FACT_TOTAL) &&
                  (f->flags[i] & FACT_ITEM) && f->o[i].group == f->o[pi].group;
        if (i != pi && !run)
            continue;
        v += f->v[i];
        used[(*nused)++] = i;
    }
    return v;
}

/* Which entries of a group are parts: none of the total's own sentence
 * (its enumeration is checked on its own) nor of another kind; with
 * items_only the rows of tables, charts and lists only; with structure
 * set, only the facts of that fact's table, chart or list. */
typedef struct {
    size_t total;            /* the total's fact; SIZE_MAX: none             */
    int items_only;
    size_t structure;        /* SIZE_MAX: any                               */
} part_filter;

static const part_filter ANY_PART = {SIZE_MAX, 0, SIZE_MAX};

static int part_ok(const check_ctx *x, uint32_t i, const part_filter *pf)
{
    const fact_table *f = x->f;
    size_t t = pf->total;
    if (t != SIZE_MAX && ((f->source[i] == f->source[t] && f->o[i].sentence == f->o[t].sentence) ||
                          !check_same_kind(x, t, i)))
        return 0;
    if (pf->items_only && !(f->flags[i] & FACT_ITEM))
        return 0;
    return pf->structure == SIZE_MAX || check_same_structure(x, pf->structure, i);
}

/* A child's value and its first fact (terms are shown in text order). */
typedef struct {
    int64_t v;
    uint32_t first;
} check_term;

static int cmp_term(const void *a, const void *b)
{
    const check_term *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Sum of the parts in entries [lo, hi) (one group, one source) that pf
 * admits: each child once (collapsed), children overlapping one already
 * taken left out.  Their facts go to *parts (sorted), each child's value
 * to terms[] when not NULL (room for hi - lo), in text order; returns the
 * number of children taken. */
static size_t group_sum(const check_ctx *x, size_t lo, size_t hi, int d, const part_filter *pf,
                        int64_t *sum, uint32_t *parts, size_t *nparts, check_term *terms)
{
    const dimension *dim = &x->m->dim[d];
    size_t nchild = 0;
    int32_t maxend = 0;
    *sum = 0;
    *nparts = 0;
    uint32_t *run = malloc((hi - lo + 1) * sizeof *run);
    int32_t *taken = malloc((hi - lo + 1) * sizeof *taken);
    if (!run || !taken) {
        free(run);
        free(taken);
        return 0;
    }
    for (size_t k = lo; k < hi;) {
        size_t e = k, nr = 0;
        int32_t ch = x->pe[k].child;
        while (e < hi && x->pe[e].child == ch) {
            uint32_t i = x->pe[e].fact;
            if (part_ok(x, i, pf))
                run[nr++] = i;
            e++;
        }
        k = e;
        if (!nr)
            continue;
        const member *mb = &dim->m[ch];
        int clash = 0;
        if (d == DIM_PERIOD) {
            clash = nchild && mb->start <= maxend;
        } else if (d == DIM_REGION) {
            for (size_t t = 0; t < nchild && !clash; t++)
                if (mb->kind == MK_GROUPING || dim->m[taken[t]].kind == MK_GROUPING)
                    clash = model_overlap(x->m, d, ch, taken[t]);
        }
        if (clash)
            continue;
        if (mb->end > maxend)
            maxend = mb->end;
        int64_t v = check_collapse(x, run, nr, parts, nparts);
        if (terms)
            terms[nchild] = (check_term){v, run[0]};
        taken[nchild++] = ch;
        *sum += v;
    }
    free(run);
    free(taken);
    qsort(parts, *nparts, sizeof *parts, cmp_u32);
    if (terms)
        qsort(terms, nchild, sizeof *terms, cmp_term);
    return nchild;
}

/* What source s states at cell cl in class cls (rule 1 within the source). */
static int stated_at(check_ctx *x, const cube_cell *cl, int32_t s, int cls, int64_t *v, check_ref_list *r,
                     size_t *first)
{
    const fact_table *f = x->f;
    uint32_t buf[64], *facts = buf, *used = NULL;
    size_t n = 0, nused = 0;
    for (uint32_t k = 0; k < cl->nat; k++) {
        uint32_t i = x->c->at[cl->at0 + k];
        if (f->source[i] != s || (f->flags[i] & FACT_PART) || check_fact_cls(x->m, i) != cls)
            continue;
        if (n == 64 && facts == buf) {
            facts = malloc(cl->nat * sizeof *facts);
            if (!facts)
                return 0;
            memcpy(facts, buf, sizeof buf);
        }
        facts[n++] = i;
    }
    int ok = 0;
    if (n && (used = malloc(n * sizeof *used))) {
        *v = check_collapse(x, facts, n, used, &nused);
        for (size_t k = 0; k < nused; k++)
            check_refs_add(r, x, used[k]);
        if (first)
            *first = used[0];
        ok = 1;
    }
    free(used);
    if (facts != buf)
        free(facts);
    return ok;
}

int check_source_value(check_ctx *x, int32_t s, int cls, const int32_t key[DIM__N], int sum_d, int64_t *v,
                       check_ref_list *r, size_t *first)
{
    const cube_cell *cl = cube_cell_of_facts(x->c, key);
    if (cl && stated_at(x, cl, s, cls, v, r, first))
        return 1;
    if (sum_d < 0)
        return 0;
    size_t lo, hi, slo, shi;
    group_range(x, cls, sum_d, 0, key, &lo, &hi);
    source_range(x, lo, hi, s, &slo, &shi);
    if (slo == shi)
        return 0;
    uint32_t *parts = malloc((shi - slo) * sizeof *parts);
    size_t np = 0;
    if (!parts)
        return 0;
    size_t nc = group_sum(x, slo, shi, sum_d, &ANY_PART, v, parts, &np, NULL);
    if (nc >= 2)          /* one part alone says nothing of its total */
        for (size_t k = 0; k < np; k++)
            check_refs_add(r, x, parts[k]);
    if (nc >= 2 && np)
        *first = parts[0];
    free(parts);
    return nc >= 2;
}

/* ---- the parts of a conflicting cell, within the total's scope ---------------- */

int check_scoped_parts(check_ctx *x, const cube_cell *cl, int cls, int64_t *best, check_ref_list *r)
{
    const fact_table *f = x->f;
    int32_t key[DIM__N];
    size_t first = SIZE_MAX;
    for (uint32_t k = 0; k < cl->nat && first == SIZE_MAX; k++) {
        uint32_t i = x->c->at[cl->at0 + k];
        if (!(f->flags[i] & FACT_PART) && check_fact_cls(x->m, i) == cls)
            first = i;
    }
    if (first == SIZE_MAX)
        return 0;
    check_fact_key(x, first, key);   /* the facts' coordinate (undated: period 0) */
    uint32_t *parts = NULL, *keep = NULL;
    size_t nkeep = 0;
    int found = 0;
    for (int d = 0; d < DIM__N; d++) {
        size_t lo, hi;
        group_range(x, cls, d, 0, key, &lo, &hi);
        if (lo == hi)
            continue;
        uint32_t *np_ = realloc(parts, (hi - lo) * sizeof *parts);
        if (!np_)
            break;
        parts = np_;
        /* the sources stating the cell, each on its own: another source's
         * parts say nothing of this source's total */
        int32_t done = -1;         /* facts of a cell are grouped by source */
        for (uint32_t k = 0; k < cl->nat; k++) {
            uint32_t i = x->c->at[cl->at0 + k];
            int32_t s = f->source[i];
            if ((f->flags[i] & FACT_PART) || check_fact_cls(x->m, i) != cls || s == done)
                continue;
            done = s;
            size_t slo, shi, np = 0;
            source_range(x, lo, hi, s, &slo, &shi);
            if (slo == shi)
                continue;
            int64_t sum;
            size_t nc = group_sum(x, slo, shi, d, &ANY_PART, &sum, parts, &np, NULL);
            if (nc >= 1 && (!found || sum > *best)) {
                uint32_t *nk = realloc(keep, (np ? np : 1) * sizeof *keep);
                if (!nk)
                    continue;
                keep = nk;
                memcpy(keep, parts, np * sizeof *keep);
                nkeep = np;
                *best = sum;
                found = 1;
            }
        }
    }
    for (size_t k = 0; k < nkeep; k++)
        check_refs_add(r, x, keep[k]);
    free(parts);
    free(keep);
    return found;
}

/* ---- a stated total against its parts ----------------------------------------------- */

/* The total of source run facts[0..n) in class cls: the one stated as a
 * total, else the largest, else the first; SIZE_MAX when none. */
static size_t pick_total(const check_ctx *x, const uint32_t *facts, size_t n, int cls)
{
    const fact_table *f = x->f;
    size_t best = SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = facts[k];
        if ((f->flags[i] & FACT_PART) || check_fact_cls(x->m, i) != cls)
            continue;
        if (best == SIZE_MAX) {
            best = i;
            continue;
        }
        int ti = !!(f->flags[i] & FACT_TOTAL), tb = !!(f->flags[best] & FACT_TOTAL);
        if (ti != tb ? ti > tb : f->v[i] > f->v[best])
            best = i;
    }
    return best;
}

/* "51 + 77 + 47 + 84 + 65": the terms (at `scale` decimals), the first
 * TERMS_SHOWN of them and then how many more. */
#define TERMS_SHOWN 12
static const char *terms_text(check_ctx *x, const check_term *terms, size_t n, int scale)
{
    strbuf b = {0};
    for (size_t k = 0; k < n && k < TERMS_SHOWN; k++) {
        char v[32];
        strbuf_addf(&b, "%s%s", k ? " + " : "", check_format_value(terms[k].v, scale, v, sizeof v));
    }
    if (n > TERMS_SHOWN)
        strbuf_addf(&b, " + ... (%zu more)", n - TERMS_SHOWN);
    const char *out = b.failed ? NULL : arena_strdup(x->a, strbuf_str(&b));
    strbuf_free(&b);
    return out;
}

/* How the parts were stated, for the finding's text. */
typedef enum { PARTS_WITH_TOTAL, PARTS_ONE_TABLE, PARTS_APART } parts_how;

/* Total t against its parts in entries [lo, hi) that pf admits.  Stated
 * with it (a table or list and its own total row), the verdict is ok or
 * mismatch; stated apart (a table with no total row of its own beside a
 * total stated elsewhere, figures in separate sentences), the figures
 * are taken for the total's parts only when they add up to it: else they
 * may be some of it only, and nothing is reported.  *done: reported. */
static ac_error sum_finding(check_ctx *x, size_t ci, size_t t, int cls, int d, int variant, size_t lo,
                            size_t hi, const part_filter *pf, parts_how how, int *done)
{
    const fact_table *f = x->f;
    uint32_t *parts = malloc((hi - lo + 1) * sizeof *parts);
    check_term *terms = malloc((hi - lo + 1) * sizeof *terms);
    *done = 0;
    if (!parts || !terms) {
        free(parts);
        free(terms);
        return AC_ERR_NOMEM;
    }
    size_t np = 0;
    int64_t sum;
    size_t nc = group_sum(x, lo, hi, d, pf, &sum, parts, &np, terms);
    int64_t diff = sum - f->v[t], ad = diff < 0 ? -diff : diff;
    check_verdict verdict = ad <= check_sum_tolerance(x, t) ? VERDICT_OK : VERDICT_MISMATCH;
    if (nc < 2 || (how != PARTS_WITH_TOTAL && verdict != VERDICT_OK)) {
        free(parts);
        free(terms);
        return AC_OK;
    }
    check_ref_list r = {0};
    check_refs_add(&r, x, t);
    for (size_t k = 0; k < np; k++)
        check_refs_add(&r, x, parts[k]);
    free(parts);
    int scale = cls == CLS_AMOUNT ? 2 : 0;
    const char *unit = cls == CLS_AMOUNT ? "USD" : "projects";
    const char *tt = terms_text(x, terms, nc, scale);
    free(terms);
    int32_t key[DIM__N];
    check_fact_key(x, t, key);
    char tv[32];
    static const char *const how_text[] = {"a table or list and its total row",
                                           "one table or list, its total stated apart",
                                           "stated apart"};
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "sum";
    fd.what = tt ? arena_printf(x->a, "%s: %s = %s %s by %s%s (%zu parts; %s)", check_coord_text(x, key),
                                tt, check_format_value(f->v[t], scale, tv, sizeof tv), unit,
                                model_dim_name[d], variant ? "+period" : "", nc, how_text[how])
                 : NULL;
    fd.stated = f->v[t];
    fd.computed = sum;
    fd.diff = diff;
    fd.scale = scale;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = unit;
    fd.lines = check_refs_take(&r, x->a);
    fd.verdict = verdict;
    if (fd.verdict == VERDICT_MISMATCH && sum > f->v[t])
        x->sum_mismatch[ci] |= (uint8_t)cls;
    *done = 1;
    return check_push(x, &fd, t);
}

/* The tables or lists of one source tried as the parts of one total: a
 * bound on the work per total (a source rarely has more tables at one
 * coordinate), past which its figures are only taken all together. */
#define TABLES_TRIED 16

/* The parts of total t along d (variant 1: the parts' period dropped)
 * from its own source: the rows of its own table or list first, then each
 * table or list of the source, then every figure of the source (see
 * sum_finding).  *done: a finding was made. */
static ac_error sums_in(check_ctx *x, size_t ci, size_t t, int cls, int d, int variant, int *done)
{
    const fact_table *f = x->f;
    int32_t key[DIM__N];
    check_fact_key(x, t, key);     /* the total's own coordinate (undated: period 0) */
    size_t lo, hi, slo, shi;
    group_range(x, cls, d, variant, key, &lo, &hi);
    source_range(x, lo, hi, f->source[t], &slo, &shi);
    if (shi - slo < 2)
        return AC_OK;
    /* amounts add up only within one chart or table: a few projects named
     * in the text are not a breakdown */
    part_filter pf = {t, cls == CLS_AMOUNT, t};
    ac_error err = AC_OK;
    if (!variant && (f->o[t].group || f->o[t].sheet))
        err = sum_finding(x, ci, t, cls, d, variant, slo, shi, &pf, PARTS_WITH_TOTAL, done);
    /* each other table or list once (the first TABLES_TRIED of them) */
    uint32_t tried[TABLES_TRIED];
    size_t ntried = 0;
    for (size_t k = slo; k < shi && !err && !*done && ntried < TABLES_TRIED; k++) {
        uint32_t p = x->pe[k].fact;
        if (!f->o[p].group && !f->o[p].sheet)
            continue;
        int seen = check_same_structure(x, t, p);
        for (size_t j = 0; j < ntried && !seen; j++)
            seen = check_same_structure(x, tried[j], p);
        if (seen)
            continue;
        tried[ntried++] = p;
        pf.structure = p;
        err = sum_finding(x, ci, t, cls, d, variant, slo, shi, &pf, PARTS_ONE_TABLE, done);
    }
    pf.structure = SIZE_MAX;
    if (!err && !*done)
        err = sum_finding(x, ci, t, cls, d, variant, slo, shi, &pf, PARTS_APART, done);
    return err;
}

/* The parts of total t along d, from its own source only (another
 * source's parts are that source's breakdown, checked against its own
 * total).  Parts stated apart from a total that states no period may
 * state one ("85 QIPs" above cards of 2017/2018): reported only when they
 * add up to it, as every part stated apart. */
static ac_error sums_along(check_ctx *x, size_t ci, size_t t, int cls, int d)
{
    int done = 0;
    ac_error err = sums_in(x, ci, t, cls, d, 0, &done);
    if (!err && !done && d != DIM_PERIOD && x->f->key[DIM_PERIOD][t] == KEY_TOTAL)
        err = sums_in(x, ci, t, cls, d, 1, &done);
    return err;
}

/* Rule "run total" (cube.h, rule 1): a list's or table's total line
 * ("Total: $3 million" under "Project A: $1 million" ...) against the
 * other items of its run stated at its own cell by its source
 * (facts[0..n)), which are its parts: "1 + 2 = 3".  Two parts at least
 * (one alone is some of it).  Parts by dimension are sums_along's. */
static ac_error run_total_sum(check_ctx *x, size_t ci, size_t t, const uint32_t *facts, size_t n, int cls)
{
    const fact_table *f = x->f;
    if ((f->flags[t] & (FACT_TOTAL | FACT_ITEM)) != (FACT_TOTAL | FACT_ITEM))
        return AC_OK;
    check_term *terms = malloc((n ? n : 1) * sizeof *terms);
    if (!terms)
        return AC_ERR_NOMEM;
    size_t np = 0;
    int64_t sum = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = facts[k];
        if (i == t || !(f->flags[i] & FACT_ITEM) || (f->flags[i] & (FACT_TOTAL | FACT_PART)) ||
            f->o[i].group != f->o[t].group || check_fact_cls(x->m, i) != cls ||
            !model_fact_summable(x->m, i, cls == CLS_PROJECTS) || !check_same_kind(x, t, i))
            continue;
        size_t at = np++;          /* in text order */
        while (at > 0 && f->o[terms[at - 1].first].start > f->o[i].start) {
            terms[at] = terms[at - 1];
            at--;
        }
        terms[at] = (check_term){f->v[i], i};
        sum += f->v[i];
    }
    if (np < 2) {
        free(terms);
        return AC_OK;
    }
    check_ref_list r = {0};
    check_refs_add(&r, x, t);
    for (size_t k = 0; k < np; k++)
        check_refs_add(&r, x, terms[k].first);
    int scale = cls == CLS_AMOUNT ? 2 : 0;
    const char *unit = cls == CLS_AMOUNT ? "USD" : "projects";
    const char *tt = terms_text(x, terms, np, scale);
    free(terms);
    int32_t key[DIM__N];
    check_fact_key(x, t, key);
    char tv[32];
    int64_t diff = sum - f->v[t], ad = diff < 0 ? -diff : diff;
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "sum";
    fd.what = tt ? arena_printf(x->a, "%s: %s = %s %s (%zu lines; a list and its total line)",
                                check_coord_text(x, key), tt,
                                check_format_value(f->v[t], scale, tv, sizeof tv), unit, np)
                 : NULL;
    fd.stated = f->v[t];
    fd.computed = sum;
    fd.diff = diff;
    fd.scale = scale;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = unit;
    fd.lines = check_refs_take(&r, x->a);
    fd.verdict = ad <= check_sum_tolerance(x, t) ? VERDICT_OK : VERDICT_MISMATCH;
    if (fd.verdict == VERDICT_MISMATCH && sum > f->v[t])
        x->sum_mismatch[ci] |= (uint8_t)cls;
    return check_push(x, &fd, t);
}

ac_error check_rule_sums(check_ctx *x)
{
    const cube *c = x->c;
    const fact_table *f = x->f;
    for (size_t ci = 0; ci < c->n_linked; ci++) {
        const cube_cell *cl = &c->cells[ci];
        for (uint32_t k = 0; k < cl->nat;) {   /* one source at a time */
            const uint32_t *facts = c->at + cl->at0 + k;
            uint32_t n = 0;
            while (k + n < cl->nat && f->source[facts[n]] == f->source[facts[0]])
                n++;
            k += n;
            for (int cls = CLS_AMOUNT; cls <= CLS_PROJECTS; cls++) {
                size_t t = pick_total(x, facts, n, cls);
                if (t == SIZE_MAX)
                    continue;
                ac_error rerr = run_total_sum(x, ci, t, facts, n, cls);
                if (rerr)
                    return rerr;
                int32_t tkey[DIM__N];
                check_fact_key(x, t, tkey);
                for (int d = 0; d < DIM__N; d++) {
                    if (d == DIM_PERIOD && tkey[DIM_PERIOD] == KEY_TOTAL)
                        continue;   /* a total with no period has no period parts */
                    ac_error err = sums_along(x, ci, t, cls, d);
                    if (err)
                        return err;
                }
            }
        }
    }
    return AC_OK;
}
