/*
 * attribute_gazetteer.c — the alias table and the matcher (see attribute_gazetteer.h; the .tsv
 * files are read by attribute_gazetteer_load.c).
 *
 * Purpose: find, in the text of a report, every mention of a place, mission,
 * fund, sector or currency of the reference data, with its exact byte span.
 *
 * Data flow of attribute_gazetteer_find:
 *   text --attribute_fold_next--> folded words, held in a ring of as many slots as the
 *   longest alias has words (so memory does not grow with the document)
 *   --repair--> a word holding U+FFFD ("educa?on") is rewritten to the one
 *   alias word it can stand for, the U+FFFD replaced by ti, fi, fl, ff, ffi,
 *   ffl or tt (first found in that order; up to two U+FFFD per word)
 *   --lookup--> at the first word of the ring the matcher extends a word
 *   sequence one word at a time while the sequence is a known prefix, and
 *   remembers the longest sequence that is a complete alias whose case rule
 *   holds; it then emits that mention (or nothing for a stop phrase) and
 *   drops its words, or drops one word when nothing matched.
 * Hence: whole words only, longest match wins, mentions do not overlap and
 * come in text order.  Work is one hash lookup per word plus one per word of
 * a prefix being extended: linear in the text, whatever its line lengths.
 *
 * Case rule: an alias written "=TF" matches only where each of its words has
 * the same bytes in the text ("TF", not "tf" nor "Tf").  Candidates with a
 * case rule are tried before case-insensitive ones of the same key.
 *
 * Memory: the gazetteer owns its arena (entries, strings, nodes), its table
 * and its lists; mentions go to the caller's arena and point to entries.
 */
#include "attribute_gazetteer_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/diag.h"
#include "../base/vec.h"

/* ---------------------------------------------------------------- table -- */

/* The hash of a key.  The key of "a b" hashes as "a", " ", "b" chained,
 * which is how the matcher hashes a sequence word by word. */
static uint64_t key_hash(const char *key, size_t klen)
{
    return hash_mix(hash_fnv(HASH_FNV_INIT, key, klen));
}

typedef struct {
    const gazetteer *g;
    const char *key;
    size_t klen;
} key_probe;

static int key_eq(uint32_t row, const void *probe, void *ctx)
{
    const key_probe *q = probe;
    const attribute_gz_node *nd = q->g->node[row];
    (void)ctx;
    return nd->klen == q->klen && memcmp(nd->key, q->key, q->klen) == 0;
}

/* The node of key (hash h), or NULL. */
static attribute_gz_node *table_find(const gazetteer *g, uint64_t h, const char *key, size_t klen)
{
    key_probe q = {g, key, klen};
    uint32_t i = hidx_find(&g->index, h, key_eq, &q, NULL);
    return i == HIDX_NONE ? NULL : g->node[i];
}

/* The node of key, created when missing; NULL when out of memory. */
static attribute_gz_node *table_get(gazetteer *g, const char *key, size_t klen)
{
    uint64_t h = key_hash(key, klen);
    attribute_gz_node *nd = table_find(g, h, key, klen);
    if (nd)
        return nd;
    ac_error err;
    VEC_PUSH(err, g->node, g->nnode, g->capnode);
    if (err || g->nnode >= HIDX_NONE)
        return NULL;
    nd = arena_alloc(g->mem, sizeof *nd);
    char *k = nd ? arena_strndup(g->mem, key, klen) : NULL;
    if (!k || hidx_insert(&g->index, h, (uint32_t)g->nnode) != AC_OK)
        return NULL;
    *nd = (attribute_gz_node){.key = k, .klen = klen};
    g->node[g->nnode++] = nd;
    return nd;
}

/* An id key: "\x02", the type letter, the folded words of the id joined
 * by ' '.  Folded words never outnumber the bytes they come from and each
 * ' ' stands for at least one separator byte, so the key of an id of at
 * most AC_GZ_ID_MAX bytes fits. */
typedef struct {
    char s[2 + AC_GZ_ID_MAX + 1];
    size_t n;
} id_keybuf;

/* A strbuf over mem[0..size): its limit (size - 1 bytes) stops every add
 * before the buffer would have to grow, so it never allocates and must
 * never be given to strbuf_free. */
static strbuf fixed_strbuf(char *mem, size_t size)
{
    return (strbuf){.s = mem, .cap = size, .max = size - 1};
}

/* The id key of id into k, without allocating: 0, or -1 when id is longer
 * than AC_GZ_ID_MAX bytes (it cannot be a key). */
static int id_key(id_keybuf *k, attribute_gz_type type, const char *id)
{
    char wmem[AC_GZ_ID_MAX + 1];
    strbuf w = fixed_strbuf(wmem, sizeof wmem);
    attribute_fold_word wd;
    size_t pos = 0, len = strlen(id);
    int r;
    if (len > AC_GZ_ID_MAX)
        return -1;
    k->s[0] = '\x02';
    k->s[1] = (char)('A' + (int)type);
    k->n = 2;
    while ((r = attribute_fold_next(id, len, &pos, &wd, &w)) > 0) {
        size_t sp = k->n > 2;
        if (k->n + sp + w.n >= sizeof k->s)
            return -1;                    /* cannot be: see id_keybuf */
        if (sp)
            k->s[k->n++] = ' ';
        memcpy(k->s + k->n, w.s, w.n);
        k->n += w.n;
    }
    k->s[k->n] = '\0';
    return r;
}

/* ------------------------------------------------------------- building -- */

/* Register e under key (its id or extra key); a key another entry has is
 * an error. */
static ac_error add_id_key(gazetteer *g, diag *d, attribute_gz_item *it, const char *key)
{
    attribute_gz_entry *e = &it->e;
    id_keybuf k;
    if (id_key(&k, e->type, key) < 0) {
        diag_error(d, it->file, it->line, "id \"%s\" is longer than %d bytes", key,
                   AC_GZ_ID_MAX);
        return AC_ERR_PARSE;
    }
    attribute_gz_node *nd = table_get(g, k.s, k.n);
    if (!nd)
        return AC_ERR_NOMEM;
    if (nd->byid && nd->byid != e) {
        const attribute_gz_item *o = (const attribute_gz_item *)nd->byid;
        diag_error(d, it->file, it->line, "duplicate id \"%s\" (first defined at %s:%ld)",
                   key, o->file, o->line);
        return AC_ERR_PARSE;
    }
    nd->byid = e;
    return AC_OK;
}

ac_error attribute_gz_add_entry(gazetteer *g, diag *d, attribute_gz_item *it, const char *extra_key)
{
    attribute_gz_entry *e = &it->e;
    ac_error err = add_id_key(g, d, it, e->id);
    if (!err && extra_key)
        err = add_id_key(g, d, it, extra_key);
    if (err)
        return err;
    VEC_PUSH(err, g->list[e->type], g->n[e->type], g->ncap[e->type]);
    if (err)
        return err;
    g->list[e->type][g->n[e->type]++] = e;
    return AC_OK;
}

static const char *entry_label(const attribute_gz_entry *e)
{
    return e ? e->id : "a stop phrase";
}

ac_error attribute_gz_add_alias(gazetteer *g, diag *d, const char *alias, const attribute_gz_entry *e,
                      const char *file, long line)
{
    strbuf key = {0}, exact = {0}, w = {0};
    attribute_fold_word wd;
    ac_error err = AC_OK;
    int demonym = 0, exact_case = 0, r;
    size_t pos = 0, nwords = 0, len;
    const char *a = alias;

    for (;; a++) {
        if (*a == '~')
            demonym = 1;
        else if (*a == '=')
            exact_case = 1;
        else
            break;
    }
    len = strlen(a);
    while ((r = attribute_fold_next(a, len, &pos, &wd, &w)) > 0) {
        if (wd.lost) {
            diag_error(d, file, line, "alias \"%s\" holds U+FFFD", alias);
            err = AC_ERR_PARSE;
            goto done;
        }
        if (nwords > 0) {
            /* the words so far are a prefix of this alias */
            attribute_gz_node *p = table_get(g, key.s, key.n);
            if (!p) {
                err = AC_ERR_NOMEM;
                goto done;
            }
            p->flags |= N_PREFIX;
            if (strbuf_add(&key, " ", 1) < 0 ||
                (exact_case && strbuf_add(&exact, " ", 1) < 0)) {
                err = AC_ERR_NOMEM;
                goto done;
            }
        }
        attribute_gz_node *v = table_get(g, w.s, w.n);
        if (!v || strbuf_add(&key, w.s, w.n) < 0 ||
            (exact_case && strbuf_add(&exact, a + wd.start, wd.end - wd.start) < 0)) {
            err = AC_ERR_NOMEM;
            goto done;
        }
        v->flags |= N_WORD;
        nwords++;
    }
    if (r < 0) {
        err = AC_ERR_NOMEM;
        goto done;
    }
    if (nwords == 0) {
        diag_error(d, file, line, "alias \"%s\" has no words", alias);
        err = AC_ERR_PARSE;
        goto done;
    }
    attribute_gz_node *nd = table_get(g, key.s, key.n);
    if (!nd) {
        err = AC_ERR_NOMEM;
        goto done;
    }
    for (attribute_gz_cand *c = nd->cands; c; c = c->next) {
        if (c->entry == e && !!c->exact == exact_case)
            goto done;                         /* the same alias again */
        if (c->entry != e &&
            !(c->exact && exact_case && strcmp(c->exact, exact.s) != 0)) {
            diag_error(d, file, line, "alias \"%s\" of %s already names %s (%s:%ld)",
                       alias, entry_label(e), entry_label(c->entry), c->file, c->line);
            err = AC_ERR_PARSE;
            goto done;
        }
    }
    attribute_gz_cand *c = arena_alloc(g->mem, sizeof *c);
    if (!c || (exact_case && !(c->exact = arena_strndup(g->mem, exact.s, exact.n)))) {
        err = AC_ERR_NOMEM;
        goto done;
    }
    c->entry = e;
    c->demonym = demonym;
    c->file = file;
    c->line = line;
    if (exact_case || !nd->cands) {
        c->next = nd->cands;
        nd->cands = c;
    } else {
        attribute_gz_cand *t = nd->cands;
        while (t->next)
            t = t->next;
        t->next = c;
    }
    if (nwords > g->maxwords)
        g->maxwords = nwords;
done:
    strbuf_free(&key);
    strbuf_free(&exact);
    strbuf_free(&w);
    return err;
}

const char *const *attribute_gazetteer_phrases(const gazetteer *g, attribute_gz_phrase_kind k, size_t *n)
{
    *n = g->nphrases[k];
    return g->phrases[k];
}

void attribute_gazetteer_free(gazetteer *g)
{
    if (!g)
        return;
    for (int t = 0; t < GZ__COUNT; t++)
        free(g->list[t]);
    free(g->node);
    hidx_free(&g->index);
    free(g->rates);
    for (int k = 0; k < GZ_PH__COUNT; k++)
        free(g->phrases[k]);
    free(g->headers);
    free(g->kinds);
    arena_free(g->mem);
    free(g);
}

/* -------------------------------------------------------------- matching -- */

typedef struct {
    attribute_fold_word w;
    strbuf f;
} slot;

typedef struct {
    const gazetteer *g;
    const slot *ring;
    size_t k, head, n;
} ngram_probe;

/* Is the node's key the n words of the ring from head, joined by ' '? */
static int ngram_eq(uint32_t row, const void *probe, void *ctx)
{
    const ngram_probe *q = probe;
    const attribute_gz_node *nd = q->g->node[row];
    const char *p = nd->key, *end = nd->key + nd->klen;
    (void)ctx;
    for (size_t j = 0; j < q->n; j++) {
        const strbuf *f = &q->ring[(q->head + j) % q->k].f;
        if (j > 0 && (p >= end || *p++ != ' '))
            return 0;
        if ((size_t)(end - p) < f->n || memcmp(p, f->s, f->n) != 0)
            return 0;
        p += f->n;
    }
    return p == end;
}

/* The node whose key is the n words of the ring from head (hash h, mixed). */
static const attribute_gz_node *ngram_find(const gazetteer *g, uint64_t h, const slot *ring,
                                           size_t k, size_t head, size_t n)
{
    ngram_probe q = {g, ring, k, head, n};
    uint32_t i = hidx_find(&g->index, h, ngram_eq, &q, NULL);
    return i == HIDX_NONE ? NULL : g->node[i];
}

/* Does the text have the exact bytes of c->exact, word for word? */
static int exact_ok(const char *exact, const char *text, const slot *ring,
                    size_t k, size_t head, size_t n)
{
    const char *p = exact;
    for (size_t j = 0; j < n; j++) {
        const attribute_fold_word *w = &ring[(head + j) % k].w;
        size_t wl = w->end - w->start;
        const char *sp = strchr(p, ' ');
        size_t el = sp ? (size_t)(sp - p) : strlen(p);
        if (el != wl || memcmp(p, text + w->start, wl) != 0)
            return 0;
        p += el + (sp ? 1 : 0);
    }
    return *p == '\0';
}

/* Are the n words of the ring joined as one name ("Gao / Ménaka", "Gao -
 * Ménaka", "Gao et Ménaka"), not items of a list ("Gao, Ménaka")?  A
 * grouping matches only so. */
static int joined_ok(const char *text, const slot *ring, size_t k, size_t head,
                     size_t n)
{
    for (size_t j = 1; j < n; j++) {
        const attribute_fold_word *a = &ring[(head + j - 1) % k].w, *b = &ring[(head + j) % k].w;
        for (size_t i = a->end; i < b->start; i++)
            if (strchr(",;.:()[]!?", text[i]))
                return 0;
    }
    return 1;
}

/* Rewrite a word holding lost ligatures into an alias word, if one fits. */
static int repair(const gazetteer *g, strbuf *f, int lost, strbuf *tmp)
{
    static const char *const rep[] = {"ti", "fi", "fl", "ff", "ffi", "ffl", "tt"};
    enum { NREP = sizeof rep / sizeof rep[0] };
    size_t combos = 1;
    if (lost > 2)
        return 0;        /* 7^lost tries: keep it bounded */
    for (int i = 0; i < lost; i++)
        combos *= NREP;
    for (size_t c = 0; c < combos; c++) {
        size_t digits = c;
        strbuf_reset(tmp);
        for (size_t i = 0; i < f->n; i++) {
            int r;
            if (f->s[i] == GZF_LOST) {
                r = strbuf_add(tmp, rep[digits % NREP], strlen(rep[digits % NREP]));
                digits /= NREP;
            } else {
                r = strbuf_add(tmp, f->s + i, 1);
            }
            if (r < 0)
                return -1;
        }
        const attribute_gz_node *nd = table_find(g, key_hash(tmp->s, tmp->n), tmp->s, tmp->n);
        if (nd && (nd->flags & N_WORD)) {
            strbuf_reset(f);
            return strbuf_add(f, tmp->s, tmp->n) < 0 ? -1 : 1;
        }
    }
    return 0;
}

ac_error attribute_gazetteer_find(const gazetteer *g, const char *text, size_t len,
                        arena *a, attribute_gz_mention **out, size_t *n)
{
    size_t k = g && g->maxwords ? g->maxwords : 1;
    slot *ring = NULL;
    strbuf tmp = {0};
    attribute_gz_mention *m = NULL;
    size_t nm = 0, cap = 0, head = 0, count = 0, pos = 0;
    int eof = 0;
    ac_error err = AC_OK;

    if (!g || !out || !n || (!text && len)) {
        err = AC_ERR_USAGE;
        goto done;
    }
    ring = calloc(k, sizeof *ring);
    if (!ring) {
        err = AC_ERR_NOMEM;
        goto done;
    }
    for (;;) {
        while (!eof && count < k) {
            slot *s = &ring[(head + count) % k];
            int r = attribute_fold_next(text, len, &pos, &s->w, &s->f);
            if (r == 0) {
                eof = 1;
                break;
            }
            if (r < 0 || (s->w.lost && repair(g, &s->f, s->w.lost, &tmp) < 0)) {
                err = AC_ERR_NOMEM;
                goto done;
            }
            count++;
        }
        if (count == 0)
            break;

        uint64_t h = HASH_FNV_INIT;
        size_t best = 0;
        const attribute_gz_cand *bc = NULL;
        for (size_t j = 0; j < count; j++) {
            const strbuf *f = &ring[(head + j) % k].f;
            if (j > 0)
                h = hash_fnv(h, " ", 1);
            h = hash_fnv(h, f->s, f->n);
            const attribute_gz_node *nd = ngram_find(g, hash_mix(h), ring, k, head, j + 1);
            if (!nd)
                break;
            for (const attribute_gz_cand *c = nd->cands; c; c = c->next)
                if ((!c->exact || exact_ok(c->exact, text, ring, k, head, j + 1)) &&
                    (!c->entry || c->entry->type != GZ_GROUPING ||
                     joined_ok(text, ring, k, head, j + 1))) {
                    best = j + 1;
                    bc = c;
                    break;
                }
            if (!(nd->flags & N_PREFIX))
                break;
        }
        if (!bc) {
            head = (head + 1) % k;
            count--;
            continue;
        }
        if (bc->entry) {
            if (nm == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                attribute_gz_mention *nmv = arena_grow(a, m, cap, ncap, sizeof *m);
                if (!nmv) {
                    err = AC_ERR_NOMEM;
                    goto done;
                }
                m = nmv;
                cap = ncap;
            }
            m[nm].start = ring[head].w.start;
            m[nm].end = ring[(head + best - 1) % k].w.end;
            m[nm].entry = bc->entry;
            m[nm].demonym = bc->demonym;
            nm++;
        }
        head = (head + best) % k;
        count -= best;
    }
    *out = m;
    *n = nm;
done:
    if (ring)
        for (size_t i = 0; i < k; i++)
            strbuf_free(&ring[i].f);
    free(ring);
    strbuf_free(&tmp);
    if (err != AC_OK && out && n) {
        *out = NULL;
        *n = 0;
    }
    return err;
}

/* --------------------------------------------------------------- queries -- */

const attribute_gz_entry *attribute_gazetteer_get(const gazetteer *g, attribute_gz_type type, const char *id)
{
    id_keybuf k;
    if (!g || !id || (unsigned)type >= GZ__COUNT || id_key(&k, type, id) < 0)
        return NULL;
    const attribute_gz_node *nd = table_find(g, key_hash(k.s, k.n), k.s, k.n);
    return nd ? nd->byid : NULL;
}

const attribute_gz_entry *attribute_gazetteer_nth(const gazetteer *g, attribute_gz_type type, size_t i)
{
    if (!g || (unsigned)type >= GZ__COUNT || i >= g->n[type])
        return NULL;
    return g->list[type][i];
}

size_t attribute_gazetteer_grouping_regions(const gazetteer *g, const char *country,
                                  const char *grouping_name, const char **out,
                                  size_t max)
{
    if (!g || !grouping_name)
        return 0;
    for (size_t i = 0; i < g->n[GZ_GROUPING]; i++) {
        const attribute_gz_entry *e = g->list[GZ_GROUPING][i];
        if (strcmp(e->name, grouping_name) != 0 ||
            (country && (!e->country || strcmp(e->country, country) != 0)))
            continue;
        size_t k = 0;
        for (const char *p = e->region; p && *p;) {
            const char *bar = strchr(p, '|');
            size_t l = bar ? (size_t)(bar - p) : strlen(p);
            char id[128];
            const attribute_gz_entry *r = NULL;
            if (l < sizeof id) {
                memcpy(id, p, l);
                id[l] = '\0';
                r = attribute_gazetteer_get(g, GZ_REGION, id);
            }
            if (r) {                   /* checked when loading */
                if (k < max)
                    out[k] = r->name;
                k++;
            }
            p = bar ? bar + 1 : p + l;
        }
        return k;
    }
    return 0;
}

/* Is code one of the '|'-separated items of list? */
static int list_has(const char *list, const char *code)
{
    size_t cl = strlen(code);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        if (l == cl && strncasecmp(p, code, l) == 0)
            return 1;
        p = bar ? bar + 1 : p + l;
    }
    return 0;
}

const attribute_gz_entry *attribute_gazetteer_currency_for(const gazetteer *g, const attribute_gz_entry *cur,
                                       const char *country)
{
    if (!g || !cur)
        return NULL;
    if (!cur->resolves)
        return cur;
    if (!country)
        return NULL;
    for (const char *p = cur->resolves; *p;) {
        const char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        char code[16];
        if (l < sizeof code) {
            memcpy(code, p, l);
            code[l] = '\0';
            const attribute_gz_entry *e = attribute_gazetteer_get(g, GZ_CURRENCY, code);
            if (e && list_has(e->countries, country))
                return e;
        }
        p = bar ? bar + 1 : p + l;
    }
    return NULL;
}

static int usd_rate(const gazetteer *g, const char *cur, int year, double *out,
                    int depth)
{
    if (strcasecmp(cur, "USD") == 0) {
        *out = 1.0;
        return 1;
    }
    if (depth > 4)
        return 0;
    for (size_t i = 0; i < g->nrates; i++) {
        const attribute_gz_rate *r = &g->rates[i];
        if (!r->peg && r->year == year && strcasecmp(r->currency, cur) == 0) {
            *out = r->value;
            return 1;
        }
    }
    for (size_t i = 0; i < g->nrates; i++) {
        const attribute_gz_rate *r = &g->rates[i];
        double base;
        if (r->peg && strcasecmp(r->currency, cur) == 0 &&
            usd_rate(g, r->base, year, &base, depth + 1)) {
            *out = base / r->value;
            return 1;
        }
    }
    return 0;
}

int attribute_gazetteer_usd_rate(const gazetteer *g, const char *currency, int year,
                       double *out)
{
    double v;
    if (!g || !currency || !out || !usd_rate(g, currency, year, &v, 0))
        return 0;
    *out = v;
    return 1;
}

int attribute_gazetteer_peg(const gazetteer *g, const char *cur, const char **base, double *units)
{
    for (size_t i = 0; g && cur && i < g->nrates; i++)
        if (g->rates[i].peg && strcasecmp(g->rates[i].currency, cur) == 0) {
            *base = g->rates[i].base;
            *units = g->rates[i].value;
            return 1;
        }
    return 0;
}

const attribute_gz_header *attribute_gazetteer_headers(const gazetteer *g, size_t *n)
{
    *n = g->nheaders;
    return g->headers;
}

const attribute_gz_kind_phrase *attribute_gazetteer_kind_phrases(const gazetteer *g, size_t *n)
{
    *n = g->nkinds;
    return g->kinds;
}
