/*
 * attribute_fund.c — the fund a name refers to when it is not one fund's own.
 *
 * Purpose: the gazetteer finds each fund by its own names (funds.tsv); two
 * kinds of words name a fund only through the text around them
 * (phrases.tsv):
 *   - an anaphor (fund_anaphor: "the Fund", "ce fonds") is the last fund
 *     named before it: in its sentence when the sentence names one, else in
 *     its paragraph, else earlier in the document; none named before: none;
 *     among the funds whose name holds a fund noun (fund_noun: "Fonds"; a
 *     QIP or an instrument is no "Fund"); none when its sentence names
 *     another fund by its own name (the sentence is about that one);
 *   - a shared name (fund_shared: "trust fund", "fonds fiduciaire") is the
 *     fund of the nearest full name that holds it ("EU Emergency Trust Fund
 *     for Africa" ... "the trust fund"), before or after it; no such full
 *     name in the document: the fund whose alias it is in funds.tsv (TF,
 *     named "Fonds fiduciaire") when the document is of the one country
 *     that fund works in (funds.tsv `country`: a MINUSMA bulletin's "Trust
 *     Fund (TF)"), else a fund, which one unknown (attribute_fund_defaults,
 *     after the mentions' values: "the Reconciliation Trust Fund" of South
 *     Sudan is no fund of the registry).
 * And a figure whose sentence speaks of an appeal or a plan between the
 * last fund it names and the figure (appeal: "the Humanitarian Response
 * Plan, which seeks $1.5 billion", "les plans sont financés à hauteur de")
 * is the appeal's: no fund (attribute_fund_appeal, read by
 * attribute_resolve.c); a plan named after the figure is not ("$34.4
 * million ... under the Humanitarian Response Plan": the fund's
 * allocation).
 *
 * Data flow: gazetteer mentions ─▶ attribute_fund_refs (anaphors added as
 * mentions of their fund or dropped, shared names set to theirs) ─▶
 * attribute_mention_values.  An anaphor inside a fund's name ("le Fonds
 * pour la consolidation de la paix") or before a capitalised word ("le
 * Fonds Européen de Développement": another name) is none.
 *
 * Memory: the new mention array is arena-owned (c->a); entries are borrowed
 * from the gazetteer.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "attribute_int.h"

/* What a fund mention is, while resolving (FM_DEFAULT: a shared name no
 * full name resolves, taken as the registry's holder for now). */
enum { FM_OWN, FM_SHARED, FM_ANAPHOR, FM_DEFAULT };

/* The fund of a shared name no full name resolves, in a document whose
 * country is not the one its registry holder works in: a fund, which one
 * unknown.  Its id blocks the section's and the document's fund; no figure
 * keeps it (attribute_fund_known).  Constant data. */
static const char unknown_fund_id[] = "(a fund, unknown)";

const char *attribute_fund_known(const char *fund)
{
    return fund == unknown_fund_id ? NULL : fund;
}

void attribute_fund_defaults(attribute_ctx *c)
{
    const char *country = attribute_dominant(c, D_COUNTRY, 0);
    for (size_t i = 0; i < c->n_mn; i++) {
        const attribute_gz_entry *e = c->mn[i].entry;
        if (c->mn_default && c->mn_default[i] &&
            !(e->country && country && !strcmp(e->country, country)))
            c->mn_val[D_FUND][i] = unknown_fund_id;
    }
}

static int word_byte(unsigned char ch)
{
    return isalnum(ch) || ch >= 0x80;
}

/* Does a capitalised word follow t[p] (spaces between)?  A fund word
 * followed by one is part of another name. */
static int name_follows(const char *t, size_t p, size_t len)
{
    while (p < len && t[p] == ' ')
        p++;
    unsigned char ch = p < len ? (unsigned char)t[p] : 0;
    return isupper(ch) || (ch == 0xC3 && p + 1 < len && (unsigned char)t[p + 1] >= 0x80 &&
                           (unsigned char)t[p + 1] < 0x9F);
}

/* The length of the fund_anaphor phrase at t[p] that is not inside a
 * mention (mentions [*mi, n) start at or after the previous word), 0 when
 * none. */
static size_t anaphor_at(const attribute_ctx *c, size_t p, size_t *mi)
{
    const char *t = c->doc->text;
    while (*mi < c->n_mn && c->mn[*mi].end <= p)
        (*mi)++;
    size_t l = attribute_phrase_at(c->gz, GZ_PH_FUND_ANAPHOR, t, p, c->doc->len);
    if (!l || (*mi < c->n_mn && c->mn[*mi].start < p + l) || name_follows(t, p + l, c->doc->len))
        return 0;
    return l;
}

/* Is mention m exactly a phrase of kind k?  Its length, else 0. */
static size_t mention_is(const attribute_ctx *c, attribute_gz_phrase_kind k,
                         const attribute_gz_mention *m)
{
    size_t l = m->end - m->start;
    return attribute_phrase_at(c->gz, k, c->doc->text, m->start, m->end) == l ? l : 0;
}

int attribute_fund_anaphor(const attribute_ctx *c, size_t i)
{
    return c->mn[i].entry->type == GZ_FUND && mention_is(c, GZ_PH_FUND_ANAPHOR, &c->mn[i]);
}

int attribute_fund_anaphors_only(const attribute_ctx *c, size_t i0, size_t i1)
{
    for (size_t i = i0; i < i1; i++)
        if (c->mn[i].entry->type == GZ_FUND && !attribute_fund_anaphor(c, i))
            return 0;
    return 1;
}

/* The mentions with the anaphors merged in (kind per mention in *kind);
 * an anaphor's entry is NULL until resolved. */
static ac_error merge_anaphors(attribute_ctx *c, attribute_gz_mention **out, unsigned char **kind,
                               size_t *n)
{
    const char *t = c->doc->text;
    size_t extra = 0, mi = 0;
    for (size_t p = 0, l; p < c->doc->len; p += l ? l : 1) {
        l = (p == 0 || !word_byte((unsigned char)t[p - 1])) ? anaphor_at(c, p, &mi) : 0;
        extra += l != 0;
    }
    size_t cap = c->n_mn + extra;
    attribute_gz_mention *m = arena_alloc(c->a, (cap + 1) * sizeof *m);
    unsigned char *k = arena_alloc(c->a, cap + 1);
    if (!m || !k)
        return AC_ERR_NOMEM;
    size_t o = 0, j = 0;
    mi = 0;
    for (size_t p = 0, l; p < c->doc->len; p += l ? l : 1) {
        l = (p == 0 || !word_byte((unsigned char)t[p - 1])) ? anaphor_at(c, p, &mi) : 0;
        if (!l)
            continue;
        for (; j < c->n_mn && c->mn[j].start < p; j++, o++)
            m[o] = c->mn[j], k[o] = FM_OWN;
        m[o] = (attribute_gz_mention){.start = p, .end = p + l};
        k[o++] = FM_ANAPHOR;
    }
    for (; j < c->n_mn; j++, o++)
        m[o] = c->mn[j], k[o] = FM_OWN;
    for (size_t i = 0; i < o; i++)
        if (k[i] == FM_OWN && m[i].entry->type == GZ_FUND &&
            attribute_phrase_at(c->gz, GZ_PH_FUND_SHARED, t, m[i].start, m[i].end) ==
                m[i].end - m[i].start)
            k[i] = FM_SHARED;
    *out = m, *kind = k, *n = o;
    return AC_OK;
}

/* Does the text of mention m hold the words t[s, s + l) (any case)? */
static int holds(const char *t, const attribute_gz_mention *m, size_t s, size_t l)
{
    for (size_t p = m->start; p + l <= m->end; p++)
        if (!strncasecmp(t + p, t + s, l))
            return 1;
    return 0;
}

/* The fund of shared name i: the nearest own fund name holding it. */
static const attribute_gz_entry *shared_fund(const attribute_ctx *c, const attribute_gz_mention *m,
                                             const unsigned char *k, size_t n, size_t i)
{
    const char *t = c->doc->text;
    size_t best = SIZE_MAX, l = m[i].end - m[i].start;
    const attribute_gz_entry *e = NULL;
    for (size_t j = 0; j < n; j++) {
        if (k[j] != FM_OWN || m[j].entry->type != GZ_FUND || !holds(t, &m[j], m[i].start, l))
            continue;
        size_t d = j < i ? m[i].start - m[j].end : m[j].start - m[i].end;
        if (d < best)
            best = d, e = m[j].entry;
    }
    return e;
}

/* Can "the Fund" name fund e?  Its name holds a fund noun (fund_noun:
 * "Fonds"): a programme of projects (QIP) or an instrument (IcSP) is no
 * fund's antecedent. */
static int a_fund(const gazetteer *gz, const attribute_gz_entry *e)
{
    return attribute_phrase_in(gz, GZ_PH_FUND_NOUN, e->name, 0, strlen(e->name), NULL) != SIZE_MAX;
}

/* Does the sentence of anaphor i name another fund by its own name
 * ("Working alongside the Fund, MONUSCO launched 12 quick impact
 * projects")?  That sentence is about the fund it names. */
static int other_named(const attribute_ctx *c, const attribute_gz_mention *m,
                       const unsigned char *k, size_t n, size_t i)
{
    const char *t = c->doc->text;
    size_t ls = m[i].start, le = m[i].end, ss, se;
    while (ls > 0 && t[ls - 1] != '\n')
        ls--;
    while (le < c->doc->len && t[le] != '\n')
        le++;
    attribute_sentence_at(t, ls, le, m[i].start, &ss, &se);
    for (size_t j = i; j-- > 0 && m[j].end > ss;)
        if (k[j] != FM_ANAPHOR && m[j].entry && m[j].entry->type == GZ_FUND &&
            m[j].entry != m[i].entry)
            return 1;
    for (size_t j = i + 1; j < n && m[j].start < se; j++)
        if (k[j] != FM_ANAPHOR && m[j].entry && m[j].entry->type == GZ_FUND &&
            m[j].entry != m[i].entry)
            return 1;
    return 0;
}

ac_error attribute_fund_refs(attribute_ctx *c)
{
    attribute_gz_mention *m;
    unsigned char *k;
    size_t n;
    ac_error err = merge_anaphors(c, &m, &k, &n);
    if (err)
        return err;
    for (size_t i = 0; i < n; i++) {
        const attribute_gz_entry *e = k[i] == FM_SHARED ? shared_fund(c, m, k, n, i) : NULL;
        if (e)
            m[i].entry = e;
        else if (k[i] == FM_SHARED)
            k[i] = FM_DEFAULT;                 /* no full name holds it */
    }
    unsigned char *dflt = arena_alloc(c->a, n + 1);
    if (!dflt)
        return AC_ERR_NOMEM;
    const attribute_gz_entry *last = NULL;
    unsigned char last_dflt = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char d = k[i] == FM_DEFAULT;
        if (k[i] == FM_ANAPHOR) {
            m[i].entry = last && !other_named(c, m, k, n, i) ? last : NULL;
            d = last_dflt;                     /* "the Fund" of that name */
        }
        if (!m[i].entry)
            continue;                          /* an anaphor of no fund */
        if (m[i].entry->type == GZ_FUND && a_fund(c->gz, m[i].entry))
            last = m[i].entry, last_dflt = d;
        dflt[o] = d;
        m[o++] = m[i];
    }
    c->mn = m;
    c->n_mn = o;
    c->mn_default = dflt;
    return AC_OK;
}

int attribute_fund_appeal(const attribute_ctx *c, size_t ss, size_t fig)
{
    size_t s = ss;                /* after the last fund named before it */
    for (size_t i = attribute_first_mention(c, ss); i < c->n_mn && c->mn[i].start < fig; i++)
        if (c->mn[i].end > ss && c->mn[i].end <= fig && c->mn_val[D_FUND][i])
            s = c->mn[i].end;
    return attribute_phrase_in(c->gz, GZ_PH_APPEAL, c->doc->text, s, fig, NULL) != SIZE_MAX;
}
