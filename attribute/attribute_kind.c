/*
 * attribute_kind.c — what kind of money an amount is: allocated, disbursed,
 * received, pledged, requested, a gap, a change, co-financing, or not said.
 *
 * Purpose: a fund's total adds only money it put into projects (cube.h);
 * "a funding gap of $34m", "the mission has requested 2 million dollars",
 * "an increase of 500,000 dollars" or "106 M USD de contributions reçues"
 * are other things.  The words that say so are reference data
 * (fixtures/ref/kinds.tsv: kind, side, phrase), matched on folded words
 * (attribute_fold.h: case and accents aside), so a new language needs no
 * code.
 *
 * Rules, for each amount of a text, in order:
 *   1. a phrase governs it: before it ("déficit de financement" [de] 34 M,
 *      "requested" 2 million) with at most KIND_BEFORE_REACH bytes of words
 *      between, or after it (2 M USD [ont été] "décaissés") with at most
 *      KIND_AFTER_REACH bytes; between them no other figure and no clause
 *      break (a comma, ; . ! ? brackets, a cell separator, a blank line, a
 *      break word such as "mais", "but"; a colon is allowed before:
 *      "Besoins : 12 M USD"; a verb of side "governs" reaches over commas
 *      to its object: "a promis le versement, via son fonds, de 3 M").
 *      The nearest phrase
 *      wins: the shortest gap; at equal gaps the kind farther from money
 *      given (change, gap, requested, pledged, cofinancing, received,
 *      disbursed, allocated: "déficit de financement" over "financement",
 *      "promis" 20 M USD "au Fonds" pledged, "versé" 5 M USD "au Fonds"
 *      received), then the longer phrase, then the one before;
 *   2. an amount restating the one before it in another currency
 *      ("(7,9 milliards de FCFA)") is of that amount's kind;
 *   3. an amount right after another amount of the same text, with at most
 *      KIND_CARRY_REACH bytes of words between (commas allowed, no clause
 *      end) and no phrase of another kind among them, continues an
 *      enumeration ("promis 5 M USD à la RCA et 3 M USD au Mali"): it takes
 *      that amount's kind;
 *   4. otherwise KIND_NONE: nothing is guessed.
 *   5. a share governed by a phrase of change ("une hausse de 43 %") is a
 *      growth rate, of kind change (model_share_usable keeps it out of the
 *      cube and the checks); a share takes no other kind.
 * Counts get no kind.
 *
 * Data flow: after resolution (attribute.c), attribute_kind_mark sets
 * obs.kind on the document's observations; spreadsheets take the kind of
 * their amount column's header instead (attribute_sheet_map.c).
 *
 * Memory: the words of each window live in a strbuf freed before returning;
 * phrases are borrowed from the gazetteer.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "attribute_fold.h"
#include "attribute_int.h"

/* Bytes of words a phrase before an amount may stand from it ("contributions
 * reçues par le Fonds en 2017 s'élèvent à" 106 M USD: 42). */
#define KIND_BEFORE_REACH 64
/* ... and a phrase after it ("2 M USD ont déjà été décaissés": 14). */
#define KIND_AFTER_REACH 32
/* Bytes of words between two amounts of one enumeration ("à la RCA et"). */
#define KIND_CARRY_REACH 32
/* The longest phrase of kinds.tsv in bytes, with room to spare: a window
 * reaches this much farther than its gap. */
#define KIND_PHRASE_MAX 64

static const char *const kind_names[KIND__N] = {
    "", "allocated", "disbursed", "received", "pledged", "requested", "gap", "change",
    "cofinancing",
};

const char *attribute_kind_name(int kind)
{
    return kind > 0 && kind < KIND__N ? kind_names[kind] : "";
}

int attribute_kind_of_name(const char *name)
{
    for (int k = 0; k < KIND__N; k++)
        if (name && !strcmp(name, kind_names[k]))
            return k;
    return -1;
}

/* What may stand between a phrase and its amount (or between two words of
 * a phrase, or two amounts of an enumeration). */
enum { GAP_COLON = 1, GAP_COMMA = 2 };

/* Are the bytes t[a,b) only words and spaces: no clause break, no cell
 * separator, no blank line; a colon or a comma where allow says so? */
static int gap_ok(const char *t, size_t a, size_t b, unsigned allow)
{
    int newlines = 0;
    for (size_t i = a; i < b; i++) {
        char ch = t[i];
        if (strchr(".;!?()[]|\t", ch) || (ch == ':' && !(allow & GAP_COLON)) ||
            (ch == ',' && !(allow & GAP_COMMA)))
            return 0;
        if (ch == '\n' && ++newlines > 1)
            return 0;       /* a blank line: another paragraph */
    }
    return 1;
}

static int word_byte(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch >= 0x80;
}

/* The words of a window, folded and joined by single spaces (as the
 * phrases are), with each word's offset in the joined string and its span. */
typedef struct {
    strbuf s;
    size_t *off, *start, *end;
    size_t n, cap;
} words;

static void words_free(words *w)
{
    strbuf_free(&w->s);
    free(w->off);
    free(w->start);
    free(w->end);
    memset(w, 0, sizeof *w);       /* freed twice is harmless */
}

/* The words of t[a,b) (a word cut by a is left out). */
static ac_error words_of(const char *t, size_t a, size_t b, words *w)
{
    strbuf one = {0};
    attribute_fold_word fw;
    size_t pos = a;
    int r;
    memset(w, 0, sizeof *w);
    strbuf_add(&w->s, "", 0);
    while ((r = attribute_fold_next(t, b, &pos, &fw, &one)) == 1) {
        if (fw.start == a && a > 0 && word_byte((unsigned char)t[a - 1]))
            continue;
        if (w->n == w->cap) {
            size_t nc = w->cap ? 2 * w->cap : 16;
            size_t *o = realloc(w->off, nc * sizeof *o), *s = o ? realloc(w->start, nc * sizeof *s) : NULL,
                   *e = s ? realloc(w->end, nc * sizeof *e) : NULL;
            if (o)
                w->off = o;
            if (s)
                w->start = s;
            if (!e) {
                r = -1;
                break;
            }
            w->end = e;
            w->cap = nc;
        }
        if (w->s.n)
            strbuf_addc(&w->s, ' ');
        w->off[w->n] = w->s.n;
        w->start[w->n] = fw.start;
        w->end[w->n++] = fw.end;
        strbuf_add(&w->s, one.s, one.n);
    }
    strbuf_free(&one);
    return r < 0 || w->s.failed ? AC_ERR_NOMEM : AC_OK;
}

/* Does phrase p (folded) start at word j?  *last: its last word.  Its
 * words must follow one another with nothing but spaces between. */
static int phrase_at_word(const char *t, const words *w, size_t j, const char *p, size_t *last)
{
    const char *at = w->s.s + w->off[j];
    if (at[0] != p[0])        /* most phrases: one byte says no (a tenth of
                                 the text ETL's time was strlen and strncmp
                                 over every phrase at every word) */
        return 0;
    size_t len = strlen(p);
    if (strncmp(at, p, len) || (at[len] != ' ' && at[len] != '\0'))
        return 0;
    size_t k = j;
    for (const char *q = p; (q = strchr(q, ' ')); q++)
        k++;
    if (k >= w->n)
        return 0;
    for (size_t i = j; i < k; i++)
        if (!gap_ok(t, w->end[i], w->start[i + 1], 0))
            return 0;
    *last = k;
    return 1;
}

/* Do the words w[a, b) hold a break word ("mais", "but": kinds.tsv side
 * break; "et", "and": break-after, for a phrase after the amount only),
 * which starts another clause? */
static int has_break(const gazetteer *gz, const char *t, const words *w, size_t a, size_t b,
                     int after)
{
    size_t np, last;
    const attribute_gz_kind_phrase *ph = attribute_gazetteer_kind_phrases(gz, &np);
    for (size_t j = a; j < b; j++)
        for (size_t k = 0; k < np; k++)
            if (ph[k].side == GZ_KS_BREAK && (after || !ph[k].after_only) &&
                phrase_at_word(t, w, j, ph[k].folded, &last) && last < b)
                return 1;
    return 0;
}

/* A phrase found for an amount: its kind, its distance from the amount
 * (SIZE_MAX: none) and its length. */
typedef struct {
    int kind;
    size_t gap, len;
} kind_hit;

/* At equal distance, the kind farther from money given wins: a phrase
 * that says the money is not (yet) given qualifies the one that names a
 * flow ("promis 20 M USD au Fonds" is a pledge, "versé 5 M USD au Fonds" a
 * contribution the fund received, "déficit de financement" a gap).  Rank
 * of each kind: higher wins. */
static int kind_rank(int kind)
{
    static const int rank[KIND__N] = {
        [KIND_NONE] = 0, [KIND_ALLOCATED] = 1, [KIND_DISBURSED] = 2, [KIND_RECEIVED] = 3,
        [KIND_COFINANCING] = 4, [KIND_PLEDGED] = 5, [KIND_REQUESTED] = 6, [KIND_GAP] = 7,
        [KIND_CHANGE] = 8,
    };
    return kind >= 0 && kind < KIND__N ? rank[kind] : 0;
}

/* Is hit a nearer the amount than hit b: a shorter gap, then the kind
 * farther from money given, then the longer phrase? */
static int nearer(const kind_hit *a, const kind_hit *b)
{
    if (a->gap != b->gap)
        return a->gap < b->gap;
    if (kind_rank(a->kind) != kind_rank(b->kind))
        return kind_rank(a->kind) > kind_rank(b->kind);
    return a->len > b->len;
}

static void best_hit(const gazetteer *gz, const char *t, const words *w, int side, size_t s,
                     size_t e, kind_hit *h)
{
    size_t np;
    const attribute_gz_kind_phrase *ph = attribute_gazetteer_kind_phrases(gz, &np);
    h->kind = KIND_NONE;
    h->gap = SIZE_MAX;
    h->len = 0;
    for (size_t j = 0; j < w->n; j++)
        for (size_t k = 0; k < np; k++) {
            size_t last, gap;
            if (ph[k].side != side || !phrase_at_word(t, w, j, ph[k].folded, &last))
                continue;
            size_t len = strlen(ph[k].folded);
            if (side == GZ_KS_BEFORE) {
                gap = s - w->end[last];
                unsigned allow = GAP_COLON | (ph[k].over_commas ? GAP_COMMA : 0);
                if (gap > KIND_BEFORE_REACH || !gap_ok(t, w->end[last], s, allow) ||
                    has_break(gz, t, w, last + 1, w->n, 0))
                    continue;
            } else {
                gap = w->start[j] - e;
                if (gap > KIND_AFTER_REACH || !gap_ok(t, e, w->start[j], 0) ||
                    has_break(gz, t, w, 0, j, 1))
                    continue;
            }
            kind_hit c = {ph[k].kind, gap, len};
            if (nearer(&c, h))
                *h = c;
        }
}

/* Rule 1: the phrase governing the amount at [s,e) between the figures
 * around it (lo: the end of the one before, hi: the start of the next). */
static ac_error phrase_kind(const attribute_ctx *c, size_t lo, size_t s, size_t e, size_t hi,
                            int *kind)
{
    const char *t = c->doc->text;
    words w = {0};
    kind_hit before, after;
    size_t a = s > lo + KIND_BEFORE_REACH + KIND_PHRASE_MAX ? s - KIND_BEFORE_REACH - KIND_PHRASE_MAX
                                                            : lo;
    ac_error err = words_of(t, a, s, &w);
    if (!err)
        best_hit(c->gz, t, &w, GZ_KS_BEFORE, s, e, &before);
    words_free(&w);
    size_t z = hi > e + KIND_AFTER_REACH + KIND_PHRASE_MAX ? e + KIND_AFTER_REACH + KIND_PHRASE_MAX
                                                           : hi;
    if (!err && !(err = words_of(t, e, z, &w)))
        best_hit(c->gz, t, &w, GZ_KS_AFTER, s, e, &after);
    words_free(&w);
    if (!err)
        *kind = nearer(&after, &before) ? after.kind : before.kind;
    return err;
}

/* Rule 3: is [p_end, s) the short link of an enumeration, holding no
 * phrase of a kind other than k? */
static ac_error carries(const attribute_ctx *c, size_t p_end, size_t s, int k, int *yes)
{
    const char *t = c->doc->text;
    *yes = 0;
    if (s - p_end > KIND_CARRY_REACH || !gap_ok(t, p_end, s, GAP_COMMA))
        return AC_OK;
    words w;
    ac_error err = words_of(t, p_end, s, &w);
    size_t np, last;
    const attribute_gz_kind_phrase *ph = attribute_gazetteer_kind_phrases(c->gz, &np);
    *yes = !err;
    for (size_t j = 0; !err && j < w.n; j++)
        for (size_t q = 0; q < np; q++)
            if (ph[q].kind != k && !ph[q].after_only &&
                phrase_at_word(t, &w, j, ph[q].folded, &last))
                *yes = 0;          /* another kind's phrase, or a break word */
    words_free(&w);
    return err;
}

/* Index of the item starting at `start`, or SIZE_MAX. */
static size_t item_at(const attribute_ctx *c, size_t start)
{
    size_t lo = 0, hi = c->n_it;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->it[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_it && c->it[lo].start == start ? lo : SIZE_MAX;
}

/* The figure item before m (SIZE_MAX: none) and the one after it. */
static size_t figure_before(const attribute_ctx *c, size_t m)
{
    while (m-- > 0)
        if (attribute_is_figure(&c->it[m]))
            return m;
    return SIZE_MAX;
}

static size_t figure_after(const attribute_ctx *c, size_t m)
{
    while (++m < c->n_it)
        if (attribute_is_figure(&c->it[m]))
            return m;
    return SIZE_MAX;
}

/* Rule 1 for the figure of item m, obs o: the phrase governing it. */
static ac_error governing_kind(const attribute_ctx *c, size_t m, const obs *o, int *kind)
{
    size_t pb = figure_before(c, m), na = figure_after(c, m);
    size_t lo = pb == SIZE_MAX ? 0 : c->it[pb].end, hi = na == SIZE_MAX ? c->doc->len
                                                                       : c->it[na].start;
    if (lo > o->start)
        lo = o->start;    /* a figure overlapping this one */
    if (hi < o->end)
        hi = o->end;
    return phrase_kind(c, lo, o->start, o->end, hi, kind);
}

/* Rule 5: a share a phrase of change governs ("une hausse de 43 %", "an
 * increase of 12 per cent") is a growth rate: of kind change, never a
 * part of a whole.  A share takes no other kind. */
static ac_error share_kind(const attribute_ctx *c, obs *o)
{
    size_t m = item_at(c, o->start);
    int kind = KIND_NONE;
    if (m == SIZE_MAX)
        return AC_OK;
    ac_error err = governing_kind(c, m, o, &kind);
    if (!err && kind == KIND_CHANGE)
        o->kind = KIND_CHANGE;
    return err;
}

ac_error attribute_kind_mark(const attribute_ctx *c, attribute_obs_list *out, size_t first_obs)
{
    size_t prev_item = SIZE_MAX;       /* the item of the amount before, */
    int prev_kind = KIND_NONE;         /* and its kind                   */
    for (size_t i = first_obs; i < out->n; i++) {
        obs *o = &out->v[i];
        if (o->measure == OBS_SHARE) {
            ac_error err = share_kind(c, o);
            if (err)
                return err;
            continue;
        }
        size_t m = o->measure == OBS_AMOUNT ? item_at(c, o->start) : SIZE_MAX;
        if (m == SIZE_MAX || c->it[m].kind != SCAN_AMOUNT)
            continue;
        size_t pb = figure_before(c, m);
        ac_error err = governing_kind(c, m, o, &o->kind);
        if (err)
            return err;
        int yes = 0;
        if (!o->kind && pb != SIZE_MAX && pb == prev_item && prev_kind) {
            if (o->restates)
                yes = 1;
            else if ((err = carries(c, c->it[pb].end, o->start, prev_kind, &yes)))
                return err;
        }
        if (yes)
            o->kind = prev_kind;
        prev_item = m;
        prev_kind = o->kind;
    }
    return AC_OK;
}
