/* model_same.c — one list in two files (see model_same.h). */
#include "model_same.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/sha256.h"

/* A field into the hash, with its length first: "ab"+"c" is not "a"+"bc",
 * and NULL (not stated) is not "". */
static void put_str(sha256_ctx *c, const char *s)
{
    char len[24];
    int n = s ? snprintf(len, sizeof len, "%zu:", strlen(s)) : snprintf(len, sizeof len, "-:");
    sha256_update(c, len, (size_t)n);
    if (s)
        sha256_update(c, s, strlen(s));
}

static void put_long(sha256_ctx *c, long v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%ld;", v);
    sha256_update(c, b, (size_t)n);
}

int64_t model_obs_fingerprint(const obs *o)
{
    sha256_ctx c;
    char v[64], hex[65];
    sha256_init(&c);
    put_long(&c, o->measure);
    put_str(&c, scan_num_format(o->value, v, sizeof v));
    put_str(&c, o->unit);
    put_str(&c, o->fund);
    put_str(&c, o->country);
    put_str(&c, o->region);
    put_str(&c, o->sector);
    put_long(&c, o->y1);
    put_long(&c, o->y2);
    put_long(&c, (long)o->pkind);
    put_long(&c, (long)o->qual);
    put_long(&c, o->total | o->part << 1 | o->project << 2 | o->average << 3 |
                 o->restates << 4 | o->subset_total << 5);
    put_str(&c, o->title);
    put_str(&c, o->partner);
    put_str(&c, o->locality);
    put_long(&c, o->start_ymd);
    put_long(&c, o->end_ymd);
    put_long(&c, o->months);
    put_long(&c, o->rows_n);
    put_str(&c, o->sheet ? NULL : o->snippet);   /* a text's sentence; a row's cells
                                                    are its values above */
    sha256_final_hex(&c, hex);
    uint64_t h = 0;
    for (int i = 0; i < 16; i++)
        h = h << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
    return (int64_t)h;
}

/* Does b beat a as the one of their rows to keep (a's rows are in b's)? */
static int beats(size_t b, size_t a, const size_t *nrows, const char *const *sha)
{
    if (nrows[b] != nrows[a])
        return nrows[b] > nrows[a];
    return strcmp(sha[b], sha[a]) < 0;
}

void model_same_decide(size_t n, const size_t *nrows, const char *const *sha,
                       const model_same_pair *pairs, size_t n_pairs, long *keeper)
{
    for (size_t s = 0; s < n; s++)
        keeper[s] = -1;
    for (size_t i = 0; i < n_pairs; i++) {
        size_t a = pairs[i].sub, b = pairs[i].sup;
        if (a >= n || b >= n || a == b || !nrows[a] || !beats(b, a, nrows, sha))
            continue;
        /* among the sources that beat a, the most rows, then the smallest
         * hash: one that is itself kept */
        if (keeper[a] < 0 || beats(b, (size_t)keeper[a], nrows, sha))
            keeper[a] = (long)b;
    }
}

/* ---- the model's sources ------------------------------------------------- */

typedef struct {
    int64_t fp;
    size_t src;
} fp_row;

static int cmp_fp_row(const void *x, const void *y)
{
    const fp_row *a = x, *b = y;
    if (a->fp != b->fp)
        return a->fp < b->fp ? -1 : 1;
    return (a->src > b->src) - (a->src < b->src);
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Are the sorted rows a[0..na) all in the sorted rows b[0..nb)? */
static int sub_multiset(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
    size_t j = 0;
    for (size_t i = 0; i < na; i++) {
        while (j < nb && b[j] < a[i])
            j++;
        if (j == nb || b[j] != a[i])
            return 0;
        j++;
    }
    return 1;
}

typedef struct {
    size_t ns;
    char *list;           /* per source: a list (its figures are rows of a
                             spreadsheet), else a text                      */
    int64_t *fp;          /* every fact's fingerprint, grouped by source and
                             sorted within it                               */
    size_t *first, *nrows;/* per source: its range in fp                    */
    fp_row *all;          /* (fingerprint, source), sorted                  */
    size_t nall;
    model_same_pair *pairs;
    size_t np, cap;
} same_ctx;

static ac_error add_pair(same_ctx *c, size_t sub, size_t sup)
{
    if (c->np == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        model_same_pair *p = realloc(c->pairs, nc * sizeof *p);
        if (!p)
            return AC_ERR_NOMEM;
        c->pairs = p;
        c->cap = nc;
    }
    c->pairs[c->np++] = (model_same_pair){sub, sup};
    return AC_OK;
}

/* The fingerprints of m's facts, per source, sorted. */
static ac_error fingerprints(const model *m, same_ctx *c)
{
    const fact_table *f = &m->f;
    c->ns = m->n_src;
    c->fp = malloc((f->n + 1) * sizeof *c->fp);
    c->first = calloc(c->ns + 1, sizeof *c->first);
    c->nrows = calloc(c->ns + 1, sizeof *c->nrows);
    c->all = malloc((f->n + 1) * sizeof *c->all);
    c->list = calloc(c->ns + 1, 1);
    if (!c->fp || !c->first || !c->nrows || !c->all || !c->list)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < f->n; i++) {
        c->nrows[f->source[i]]++;
        c->list[f->source[i]] |= f->o[i].sheet != NULL;
    }
    for (size_t s = 1; s <= c->ns; s++)
        c->first[s] = c->first[s - 1] + c->nrows[s - 1];
    size_t *fill = calloc(c->ns + 1, sizeof *fill);
    if (!fill)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < f->n; i++) {
        size_t s = (size_t)f->source[i];
        int64_t h = model_obs_fingerprint(&f->o[i]);
        c->fp[c->first[s] + fill[s]++] = h;
        c->all[c->nall++] = (fp_row){h, s};
    }
    free(fill);
    for (size_t s = 0; s < c->ns; s++)
        qsort(c->fp + c->first[s], c->nrows[s], sizeof *c->fp, cmp_i64);
    qsort(c->all, c->nall, sizeof *c->all, cmp_fp_row);
    return AC_OK;
}

/* Every source b that holds all the rows of a: the candidates share a's
 * first row. */
static ac_error supersets(same_ctx *c, size_t a)
{
    if (!c->nrows[a])
        return AC_OK;
    int64_t key = c->fp[c->first[a]];
    size_t lo = 0, hi = c->nall;
    while (lo < hi) {                       /* the first row with that fingerprint */
        size_t mid = lo + (hi - lo) / 2;
        if (c->all[mid].fp < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < c->nall && c->all[k].fp == key; k++) {
        size_t b = c->all[k].src;
        if (b == a || (k > lo && c->all[k - 1].src == b) || c->nrows[b] < c->nrows[a] ||
            c->list[b] != c->list[a] || (!c->list[a] && c->nrows[b] != c->nrows[a]))
            continue;               /* a text is one with a text of the same figures only */
        if (sub_multiset(c->fp + c->first[a], c->nrows[a], c->fp + c->first[b], c->nrows[b])) {
            ac_error err = add_pair(c, a, b);
            if (err)
                return err;
        }
    }
    return AC_OK;
}

ac_error model_same_rows(const model *m, long *keeper, size_t *n_dropped)
{
    same_ctx c = {0};
    const char **sha = calloc(m->n_src + 1, sizeof *sha);
    ac_error err = sha ? fingerprints(m, &c) : AC_ERR_NOMEM;
    for (size_t a = 0; !err && a < c.ns; a++)
        err = supersets(&c, a);
    *n_dropped = 0;
    if (!err) {
        for (size_t s = 0; s < m->n_src; s++)
            sha[s] = m->src[s].sha256;
        model_same_decide(m->n_src, c.nrows, sha, c.pairs, c.np, keeper);
        for (size_t s = 0; s < m->n_src; s++)
            *n_dropped += keeper[s] >= 0;
    }
    free(sha);
    free(c.fp);
    free(c.first);
    free(c.nrows);
    free(c.all);
    free(c.list);
    free(c.pairs);
    return err;
}
