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

static int cmp_pe_group(const check_part_entry *a, uint8_t cls, uint8_t d, uint8_t variant,
                        const int32_t pkey[DIM__N])
{
    if (a->cls != cls)
        return a->cls < cls ? -1 : 1;
    if (a->d != d)
        return a->d < d ? -1 : 1;
    if (a->variant != variant)
        return a->variant < variant ? -1 : 1;
    for (int k = 0; k < DIM__N; k++)
        if (a->pkey[k] != pkey[k])
            return a->pkey[k] < pkey[k] ? -1 : 1;
    return 0;
}

static int cmp_pe(const void *x, const void *y)
{
    const check_part_entry *a = x, *b = y;
    int c = cmp_pe_group(a, b->cls, b->d, b->variant, b->pkey);
    if (c)
        return c;
    if (a->source != b->source)
        return a->source < b->source ? -1 : 1;
    if (a->child != b->child)
        return a->child < b->child ? -1 : 1;
    return a->fact < b->fact ? -1 : a->fact > b->fact;
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
            for (int32_t anc = x->m->dim[d].m[k].parent, first = 1, guard = 0;
                 (first || anc) && guard < 64;
                 first = 0, anc = anc ? x->m->dim[d].m[anc].parent : 0, guard++)
            for (int variant = 0; variant < 2; variant++) {
                if (variant && (d == DIM_PERIOD || f->key[DIM_PERIOD][i] == KEY_TOTAL))
                    break;
                check_part_entry *e = &x->pe[x->npe++];
                memset(e, 0, sizeof *e);
                check_fact_key(x, i, e->pkey);
                e->pkey[d] = anc;
                if (variant)
                    e->pkey[DIM_PERIOD] = KEY_TOTAL;
                e->child = k;
                e->source = f->source[i];
                e->fact = (uint32_t)i;
                e->cls = (uint8_t)cls;
                e->d = (uint8_t)d;
                e->variant = (uint8_t)variant;
            }
        }
    }
    qsort(x->pe, x->npe, sizeof *x->pe, cmp_pe);
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
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp_pe_group(&x->pe[mid], (uint8_t)cls, (uint8_t)d, (uint8_t)variant, pkey) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    b = x->npe;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp_pe_group(&x->pe[mid], (uint8_t)cls, (uint8_t)d, (uint8_t)variant, pkey) <= 0)
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
 * largest (the first of equals), plus the line items of its run. */
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
        int run = (f->flags[pi] & FACT_ITEM) && (f->flags[i] & FACT_ITEM) &&
                  f->o[i].group == f->o[pi].group;
        if (i != pi && !run)
            continue;
        v += f->v[i];
        used[(*nused)++] = i;
    }
    return v;
}

/* Sum of the parts in entries [lo, hi) (one group, one source): each child
 * once (collapsed), children overlapping one already taken left out, facts
 * of sentence skip_sentence of source skip_src left out.  Their facts go
 * to *parts (sorted); returns the number of children taken. */
static size_t group_sum(const check_ctx *x, size_t lo, size_t hi, int d, int32_t skip_src,
                        int skip_sentence, int items_only, int64_t *sum, uint32_t *parts,
                        size_t *nparts)
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
        while (e < hi && x->pe[e].child == x->pe[k].child) {
            uint32_t i = x->pe[e].fact;
            if (!(x->f->source[i] == skip_src && x->f->o[i].sentence == skip_sentence) &&
                (!items_only || (x->f->flags[i] & FACT_ITEM)))
                run[nr++] = i;
            e++;
        }
        int32_t ch = x->pe[k].child;
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
        taken[nchild++] = ch;
        *sum += check_collapse(x, run, nr, parts, nparts);
    }
    free(run);
    free(taken);
    qsort(parts, *nparts, sizeof *parts, cmp_u32);
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
                 check_ref_list *r)
{
    const cube_cell *cl = cube_cell_of_facts(x->c, key);
    if (cl && stated_at(x, cl, s, cls, v, r, NULL))
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
    size_t nc = group_sum(x, slo, shi, sum_d, -1, 0, 0, v, parts, &np);
    if (nc >= 2)          /* one part alone says nothing of its total */
        for (size_t k = 0; k < np; k++)
            check_refs_add(r, x, parts[k]);
    free(parts);
    return nc >= 2;
}

int check_other_source_value(check_ctx *x, int32_t not_src, int cls, const int32_t key[DIM__N], int64_t *v,
                       int32_t *s, check_ref_list *r)
{
    const cube_cell *cl = cube_cell_of_facts(x->c, key);
    if (!cl)
        return 0;
    for (uint32_t k = 0; k < cl->nat; k++) {
        uint32_t i = x->c->at[cl->at0 + k];
        int32_t si = x->f->source[i];
        if (si == not_src || (x->f->flags[i] & FACT_PART) || check_fact_cls(x->m, i) != cls)
            continue;
        *s = si;
        return stated_at(x, cl, si, cls, v, r, NULL);
    }
    return 0;
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
            size_t nc = group_sum(x, slo, shi, d, -1, 0, 0, &sum, parts, &np);
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

/* ---- sums of parts stated in one sentence ------------------------------------- */

ac_error check_rule_sentence_sums(check_ctx *x)
{
    const fact_table *f = x->f;
    for (size_t t = 0; t < f->n; t++) {
        /* "coût de X sur un budget de Y" is no sum: only counts add up */
        if (!(f->flags[t] & FACT_TOTAL) || (f->flags[t] & FACT_PART) || f->measure[t] != OBS_COUNT)
            continue;
        size_t a = 0, b = x->npartf;
        while (a < b) {       /* first part of (source, sentence) */
            size_t mid = a + (b - a) / 2;
            uint32_t p = x->partf[mid];
            if (f->source[p] < f->source[t] ||
                (f->source[p] == f->source[t] && f->o[p].sentence < f->o[t].sentence))
                a = mid + 1;
            else
                b = mid;
        }
        check_ref_list r = {0};
        check_refs_add(&r, x, t);
        int64_t sum = 0;
        size_t n = 0, restated = 0;
        strbuf terms = {0};
        for (size_t k = a; k < x->npartf; k++) {
            uint32_t p = x->partf[k];
            if (f->source[p] != f->source[t] || f->o[p].sentence != f->o[t].sentence)
                break;
            if (f->measure[p] != f->measure[t] || !f->o[p].unit || !f->o[t].unit ||
                strcmp(f->o[p].unit, f->o[t].unit))
                continue;
            if (check_part_restates_share(&f->o[t], &f->o[p])) {
                restated++;    /* "40 % ..., soit 2 400": a share, not an addend */
                continue;
            }
            char v[40];
            scan_num_format(f->o[p].value, v, sizeof v);
            if (strbuf_addf(&terms, "%s%s", n ? " + " : "", v)) {
                strbuf_free(&terms);
                check_refs_free(&r);
                return AC_ERR_NOMEM;
            }
            sum += f->v[p];
            n++;
            check_refs_add(&r, x, p);
        }
        /* one part alone ("120 sur 150", "41 of the 60") is some of the
         * total, not its breakdown: a finding only when it exceeds it */
        if (!n || (n == 1 && sum <= f->v[t])) {
            check_refs_free(&r);
            strbuf_free(&terms);
            continue;
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
        int64_t ad = fd.diff < 0 ? -fd.diff : fd.diff;
        fd.verdict = ad <= check_sum_tolerance(x, t) ? VERDICT_OK : VERDICT_MISMATCH;
        if (fd.verdict == VERDICT_MISMATCH && restated && sum < f->v[t])
            fd.verdict = VERDICT_UNVERIFIABLE;   /* the rest may be the share's */
        ac_error err = check_push(x, &fd, t);
        if (err)
            return err;
    }
    return AC_OK;
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

static ac_error sum_finding(check_ctx *x, size_t ci, size_t t, int cls, int d, int variant,
                            int32_t psrc, size_t lo, size_t hi)
{
    const fact_table *f = x->f;
    uint32_t *parts = malloc((hi - lo + 1) * sizeof *parts);
    if (!parts)
        return AC_ERR_NOMEM;
    size_t np = 0;
    int64_t sum;
    /* amounts add up only within one chart or table: a few projects named
     * in the text are not a breakdown */
    size_t nc = group_sum(x, lo, hi, d, f->source[t], f->o[t].sentence, cls == CLS_AMOUNT, &sum,
                          parts, &np);
    if (nc < 2) {
        free(parts);
        return AC_OK;
    }
    check_ref_list r = {0};
    check_refs_add(&r, x, t);
    for (size_t k = 0; k < np; k++)
        check_refs_add(&r, x, parts[k]);
    free(parts);
    int32_t key[DIM__N];
    check_fact_key(x, t, key);
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "sum";
    fd.what = arena_printf(x->a, "%s: total of %s by %s%s (%zu parts)%s%s", check_coord_text(x, key),
                           cls == CLS_AMOUNT ? "amounts" : "projects", model_dim_name[d],
                           variant ? "+period" : "", nc,
                           psrc != f->source[t] ? "; parts from " : "",
                           psrc != f->source[t] ? x->m->src[psrc].name : "");
    fd.stated = f->v[t];
    fd.computed = sum;
    fd.diff = sum - f->v[t];
    fd.scale = cls == CLS_AMOUNT ? 2 : 0;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = cls == CLS_AMOUNT ? "USD" : "projects";
    fd.lines = check_refs_take(&r, x->a);
    int64_t ad = fd.diff < 0 ? -fd.diff : fd.diff;
    fd.verdict = ad <= check_sum_tolerance(x, t) ? VERDICT_OK : VERDICT_MISMATCH;
    if (fd.verdict == VERDICT_MISMATCH && sum > f->v[t])
        x->sum_mismatch[ci] |= (uint8_t)cls;
    return check_push(x, &fd, t);
}

/* The parts of total t along d: its own source's, else those of the first
 * other source that states exactly t's coordinate. */
static ac_error sums_along(check_ctx *x, size_t ci, size_t t, int cls, int d)
{
    const fact_table *f = x->f;
    const cube_cell *cl = &x->c->cells[ci];
    int32_t s = f->source[t], key[DIM__N];
    check_fact_key(x, t, key);     /* the total's own coordinate (undated: period 0) */
    for (int variant = 0; variant < 2; variant++) {
        if (variant && (d == DIM_PERIOD || key[DIM_PERIOD] != KEY_TOTAL))
            break;
        size_t lo, hi, slo, shi;
        group_range(x, cls, d, variant, key, &lo, &hi);
        if (lo == hi)
            continue;
        source_range(x, lo, hi, s, &slo, &shi);
        if (shi - slo >= 2)
            return sum_finding(x, ci, t, cls, d, variant, s, slo, shi);
        if (variant)
            continue;
        for (size_t k = lo; k < hi;) {     /* sources that state the total too */
            int32_t s2 = x->pe[k].source;
            source_range(x, k, hi, s2, &slo, &shi);
            k = shi;
            int64_t v;
            check_ref_list dummy = {0};
            int states = s2 != s && shi - slo >= 2 &&
                         stated_at(x, cl, s2, cls, &v, &dummy, NULL);
            check_refs_free(&dummy);
            if (states)
                return sum_finding(x, ci, t, cls, d, 0, s2, slo, shi);
        }
    }
    return AC_OK;
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
