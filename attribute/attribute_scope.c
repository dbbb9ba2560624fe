/*
 * attribute_scope.c — the scopes a figure is read in, and what each states.
 *
 * Purpose: a figure takes each coordinate from the narrowest scope that
 * states it (attribute_resolve.c walks them).  This file finds the scopes and
 * what they state: the value of each gazetteer mention per dimension
 * (fund, country, region, sector), the clause (the sentence cut at ", "),
 * an enumeration of places widening a clause, the sentence, the paragraph
 * (a mention claimed by another figure's clause, or by a figure of a later
 * sentence of the paragraph, is not this one's), the items of an
 * enumeration of figures (cut at phrases of kind item_sep) and of a ";"
 * list of figures, what a sentence names before its first figure, the
 * periods written near a figure (an as-of date closing an open start),
 * and the document's dominant fund and
 * country and its date.
 *
 * Data flow: mentions ─▶ attribute_mention_values (one value per dimension, two
 * regions joined by "/" or "-" as their grouping) ─▶ queries by byte range
 * (attribute_unique_in, attribute_nearest_in, attribute_unclaimed_in, periods).
 *
 * Invariants: a range that names two different values of a dimension
 * settles nothing for it (the caller leaves it empty, never guesses); every
 * query is bounded by ATTR_MAX_SENTENCE or the block, so attribution stays
 * linear in practice.
 *
 * Memory: mention values are arena-owned (c->a); strings are borrowed from
 * the gazetteer or the arena.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "attribute_int.h"

/* Index in [lo,hi) of the first element starting at or after offset s, in
 * an array of elements of `size` bytes sorted by a size_t start at byte
 * offset `at` (items and mentions alike). */
static size_t lower_bound(const void *base, size_t size, size_t at, size_t lo, size_t hi,
                          size_t s)
{
    while (lo < hi) {
        size_t mid = (lo + hi) / 2, start;
        memcpy(&start, (const char *)base + mid * size + at, sizeof start);
        if (start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first item of block b starting at or after offset s. */
size_t attribute_first_item(const attribute_ctx *c, const attribute_block *b, size_t s)
{
    return lower_bound(c->it, sizeof *c->it, offsetof(scan_item, start), b->it0, b->it1, s);
}

/* Index of the first mention starting at or after offset s. */
size_t attribute_first_mention(const attribute_ctx *c, size_t s)
{
    return lower_bound(c->mn, sizeof *c->mn, offsetof(attribute_gz_mention, start), 0, c->n_mn, s);
}

/* ---- mention values per dimension --------------------------------------- */

/* A country receives programmes when the gazetteer lists regions of it;
 * a donor or a neighbour named in a sentence is not where money goes. */
static int programme_country(const gazetteer *gz, const char *iso)
{
    for (size_t i = 0;; i++) {
        const attribute_gz_entry *e = attribute_gazetteer_nth(gz, GZ_REGION, i);
        if (!e)
            return 0;
        if (e->country && !strcmp(e->country, iso))
            return 1;
    }
}

/* ---- names and datelines (mentions that do not place a figure) ---------- */

static int word_byte(unsigned char ch)
{
    return isalnum(ch) || ch >= 0x80;
}

/* Is t[s,e) (one word) phrase ph, ASCII case aside? */
static int word_is(const char *t, size_t s, size_t e, const char *ph)
{
    size_t n = strlen(ph);
    return e - s == n && strncasecmp(t + s, ph, n) == 0;
}

static int word_in(const gazetteer *gz, attribute_gz_phrase_kind k, const char *t, size_t s, size_t e)
{
    size_t n;
    const char *const *ph = attribute_gazetteer_phrases(gz, k, &n);
    for (size_t i = 0; i < n; i++)
        if (word_is(t, s, e, ph[i]))
            return 1;
    return 0;
}

/* Between two words of a name: spaces, an apostrophe or a hyphen only. */
static int name_gap(const char *t, size_t s, size_t e)
{
    for (size_t p = s; p < e; p++) {
        if (t[p] == ' ' || t[p] == '\'' || t[p] == '-')
            continue;
        if (p + 3 <= e && !memcmp(t + p, "\xe2\x80\x99", 3)) {   /* ’ */
            p += 2;
            continue;
        }
        return 0;
    }
    return e > s;
}

/* Does word t[s,e) keep a name going: a link word or a capitalised word? */
static int capitalised(const char *t, size_t s, size_t e)
{
    unsigned char ch = (unsigned char)t[s];
    return isupper(ch) || (ch == 0xC3 && e > s + 1 && (unsigned char)t[s + 1] < 0x9F);
}

static int name_word(const attribute_ctx *c, const char *t, size_t s, size_t e)
{
    return capitalised(t, s, e) || word_in(c->gz, GZ_PH_NAME_LINK, t, s, e);
}

/* An institution word of kind k, capitalised as in a name ("Direction",
 * not "la direction de"). */
static int institution(const attribute_ctx *c, attribute_gz_phrase_kind k, const char *t, size_t s, size_t e)
{
    return capitalised(t, s, e) && word_in(c->gz, k, t, s, e);
}

/* Is the sector mention i inside an institution's or a programme's name:
 * an institution word (name_head) before it or (name_tail) after it, with
 * at most ATTR_NAME_LINK_WORDS link or capitalised words between ("Direction
 * Régionale de la Santé", "Security and Stabilization Support Strategy")? */
static int in_name(const attribute_ctx *c, size_t i)
{
    const char *t = c->doc->text;
    size_t n = c->doc->len;
    size_t p = c->mn[i].start;
    for (int w = 0; w <= ATTR_NAME_LINK_WORDS; w++) {     /* backwards */
        size_t we = p;
        while (we > 0 && !word_byte((unsigned char)t[we - 1]))
            we--;
        size_t ws = we;
        while (ws > 0 && word_byte((unsigned char)t[ws - 1]))
            ws--;
        if (ws == we || !name_gap(t, we, p))
            break;
        if (institution(c, GZ_PH_NAME_HEAD, t, ws, we))
            return 1;
        if (!name_word(c, t, ws, we))
            break;
        p = ws;
    }
    p = c->mn[i].end;
    for (int w = 0; w <= ATTR_NAME_LINK_WORDS; w++) {     /* forwards */
        size_t ws = p;
        while (ws < n && !word_byte((unsigned char)t[ws]))
            ws++;
        size_t we = ws;
        while (we < n && word_byte((unsigned char)t[we]))
            we++;
        if (ws == we || !name_gap(t, p, ws))
            break;
        if (institution(c, GZ_PH_NAME_TAIL, t, ws, we))
            return 1;
        if (!name_word(c, t, ws, we))
            break;
        p = we;
    }
    return 0;
}

/* Bytes of a news agency's name in a dateline, parentheses included
 * ("(ANP)", "(AFP)", "(APS)", "(Xinhua)"). */
#define DATELINE_AGENCY_MAX 12

/* The first byte after the spaces at p and an agency's "(ANP) " there. */
static size_t skip_agency(const char *t, size_t n, size_t p)
{
    while (p < n && t[p] == ' ')
        p++;
    if (p < n && t[p] == '(') {
        size_t room = n - p < DATELINE_AGENCY_MAX ? n - p : DATELINE_AGENCY_MAX;
        const char *close = memchr(t + p, ')', room);
        if (!close)
            return p;
        p = (size_t)(close - t) + 1;
        while (p < n && t[p] == ' ')
            p++;
    }
    return p;
}

/* Is the place mention i the dateline of an article ("BUNIA, 3 mars 2012
 * –", "Bangui, le 5 octobre 2019 -", "Niamey, 16 juillet (ANP) -",
 * "(Bangui, 10 August 2015):"): at the start of its line (a bracket
 * aside), a comma, a date, an agency maybe, then a dash (or the bracket
 * closed)?  It dates the document; it places no figure. */
static int dateline(const attribute_ctx *c, size_t i)
{
    const char *t = c->doc->text;
    size_t n = c->doc->len, p = c->mn[i].start;
    while (p > 0 && (t[p - 1] == ' ' || t[p - 1] == '\t'))
        p--;
    int bracket = p > 0 && t[p - 1] == '(';       /* "(Bangui, 10 August 2015):" */
    p -= (size_t)bracket;
    if (p > 0 && t[p - 1] != '\n')
        return 0;
    p = c->mn[i].end;
    while (p < n && t[p] == ' ')
        p++;
    if (p >= n || t[p] != ',')
        return 0;
    p++;
    size_t k = lower_bound(c->it, sizeof *c->it, offsetof(scan_item, start), 0, c->n_it, p);
    if (k >= c->n_it || c->it[k].kind != SCAN_DATE ||
        c->it[k].start > p + ATTR_DATELINE_GAP)
        return 0;
    for (size_t q = p; q < c->it[k].start; q++)   /* ", le 5 octobre" */
        if (!isalpha((unsigned char)t[q]) && t[q] != ' ')
            return 0;
    p = skip_agency(t, n, c->it[k].end);
    if (bracket)
        return p < n && t[p] == ')';
    if (p >= n || t[p] == '\n' || t[p] == '\r')
        return 1;                                 /* a line of its own */
    return (t[p] == '-' || !strncmp(t + p, "\xe2\x80\x93", 3) ||
                     !strncmp(t + p, "\xe2\x80\x94", 3));
}

/* Bytes of glue between two countries of a list (", ", " and the ",
 * " et au "): at most this many, in words of at most ENUM_GLUE_WORD bytes
 * ("and", "et", "the", "aux", "à"): a list of names, not a sentence between
 * them. */
#define ENUM_GLUE_BYTES 10
#define ENUM_GLUE_WORD 4

/* Is t[s, e) the glue of a list: spaces, commas, apostrophes and short
 * words only? */
static int list_glue(const char *t, size_t s, size_t e)
{
    if (e - s > ENUM_GLUE_BYTES)
        return 0;
    size_t w = 0;
    for (size_t p = s; p < e; p++) {
        unsigned char ch = (unsigned char)t[p];
        if (isalpha(ch) || ch >= 0x80) {     /* "et", "and", "au", "à" */
            if (++w > ENUM_GLUE_WORD)
                return 0;
        } else if (ch == ' ' || ch == ',' || ch == '\'' || ch == '\n') {
            w = 0;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Bytes between a country and the amount it labels: " (". */
#define LABEL_GAP_BYTES 3
/* Bytes of a bracketed amount after a country ("($1.5 million)"). */
#define LABEL_AMOUNT_BYTES 40

/* Is [e, p) a bracketed amount after a country, then the glue of a list
 * ("Guinea ($1.5 million), Sri Lanka")?  The next country is of the same
 * list as the one before: placed if that one is (a donor's list stays a
 * donor's: "the United Kingdom ($21.4 million), the Netherlands"). */
static int bracketed_next(const attribute_ctx *c, size_t e, size_t p)
{
    const char *t = c->doc->text;
    size_t q = e;
    while (q < p && t[q] == ' ')
        q++;
    if (q >= p || t[q] != '(')
        return 0;
    size_t k = lower_bound(c->it, sizeof *c->it, offsetof(scan_item, start), 0, c->n_it, q);
    if (k >= c->n_it || c->it[k].kind != SCAN_AMOUNT || c->it[k].start > q + LABEL_GAP_BYTES)
        return 0;
    size_t room = p - q < LABEL_AMOUNT_BYTES ? p - q : LABEL_AMOUNT_BYTES;
    const char *close = memchr(t + q, ')', room);
    return close && (size_t)(close - t) >= c->it[k].end &&
           list_glue(t, (size_t)(close - t) + 1, p);
}

/* A country that receives no programme of the gazetteer (a donor, a
 * neighbour) is where money goes only after a preposition of place ("in
 * Guinea", "pour Madagascar": phrases of kind place_before), or in the
 * list of countries such a preposition or a programme country opens ("in
 * CAR, Guinea, Comoros and Niger"): mention i, its demonym never. */
static int placed_country(const attribute_ctx *c, size_t i)
{
    const char *t = c->doc->text;
    size_t p = c->mn[i].start;
    if (c->mn[i].demonym)
        return 0;
    if (i > 0 && c->mn_val[D_COUNTRY][i - 1] && c->mn[i - 1].entry->type == GZ_COUNTRY &&
        c->mn[i - 1].end <= p && list_glue(t, c->mn[i - 1].end, p))
        return 1;                                  /* the next of a list */
    size_t j = i;              /* the country before, a currency's name aside */
    while (j > 0 && c->mn[j - 1].entry->type == GZ_CURRENCY)
        j--;
    if (j > 0 && c->mn_val[D_COUNTRY][j - 1] && c->mn[j - 1].entry->type == GZ_COUNTRY &&
        bracketed_next(c, c->mn[j - 1].end, p))
        return 1;              /* "Guinea ($1.5 million), Sri Lanka ($2.4 million)" */
    size_t lo = p > ENUM_GLUE_BYTES * 2 ? p - ENUM_GLUE_BYTES * 2 : 0;
    for (size_t q = lo; q < p; q++) {
        if (q > 0 && word_byte((unsigned char)t[q - 1]))
            continue;
        size_t l = attribute_phrase_at(c->gz, GZ_PH_PLACE_BEFORE, t, q, p);
        if (l && q + l < p && attribute_line_blank(t, q + l, p))
            return 1;
    }
    return 0;
}

/* Are mentions i and i + 1 two countries of one list ("au Mali, au
 * Niger et au Burkina Faso", "CAR, Guinea")? */
static int listed_pair(const attribute_ctx *c, size_t i)
{
    const char *a = c->mn_val[D_COUNTRY][i], *b = c->mn_val[D_COUNTRY][i + 1];
    return a && b && strcmp(a, b) && c->mn[i].entry->type == GZ_COUNTRY &&
           c->mn[i + 1].entry->type == GZ_COUNTRY && c->mn[i].end <= c->mn[i + 1].start &&
           list_glue(c->doc->text, c->mn[i].end, c->mn[i + 1].start);
}

int attribute_country_listed(const attribute_ctx *c, size_t s, size_t e)
{
    for (size_t i = attribute_first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++)
        if ((i > 0 && listed_pair(c, i - 1)) || (i + 1 < c->n_mn && listed_pair(c, i)))
            return 1;
    return 0;
}

static void entry_values(const attribute_ctx *c, size_t i)
{
    const attribute_gz_entry *e = c->mn[i].entry;
    switch (e->type) {
    case GZ_FUND:
        c->mn_val[D_FUND][i] = e->id;
        break;
    case GZ_COUNTRY:
        if (programme_country(c->gz, e->id) || placed_country(c, i))
            c->mn_val[D_COUNTRY][i] = e->id;
        break;
    case GZ_MISSION:
        c->mn_val[D_COUNTRY][i] = e->country;
        break;
    case GZ_REGION:
    case GZ_GROUPING:      /* "Gao / Ménaka" as the grouping, not Gao */
        if (!dateline(c, i))
            c->mn_val[D_REGION][i] = e->name;
        c->mn_val[D_COUNTRY][i] = e->country;
        break;
    case GZ_LOCALITY:
        if (!dateline(c, i))
            c->mn_val[D_REGION][i] = e->region;
        c->mn_val[D_COUNTRY][i] = e->country;
        break;
    case GZ_SECTOR:
        if (!in_name(c, i))
            c->mn_val[D_SECTOR][i] = e->name;
        break;
    default:
        break;
    }
}

/* Are two region mentions joined by one "/" or "-" (spaces and line
 * breaks aside)? */
static int joined_regions(const attribute_ctx *c, size_t i)
{
    const char *t = c->doc->text;
    size_t p = c->mn[i].end, q = c->mn[i + 1].start;
    int sep = 0;
    while (p < q) {
        size_t k = attribute_hspace_len(t, p, q);
        if (k)
            p += k;
        else if (t[p] == '\n')
            p++;
        else if ((t[p] == '/' || t[p] == '-') && !sep) {
            sep = 1;
            p++;
        } else
            return 0;
    }
    return sep;
}

/* Reported groupings of two regions: "Tombouctou / Taoudénit", "Gao -
 * Ménaka".  The first mention carries "A / B", the second none. */
static ac_error join_groupings(attribute_ctx *c)
{
    for (size_t i = 0; i + 1 < c->n_mn; i++) {
        const char *r1 = c->mn_val[D_REGION][i], *r2 = c->mn_val[D_REGION][i + 1];
        if (!r1 || !r2 || !strcmp(r1, r2) || c->mn[i].entry->type != GZ_REGION ||
            c->mn[i + 1].entry->type != GZ_REGION || !joined_regions(c, i))
            continue;
        const char *g = arena_printf(c->a, "%s / %s", r1, r2);
        if (!g)
            return AC_ERR_NOMEM;
        c->mn_val[D_REGION][i] = g;
        c->mn_val[D_REGION][i + 1] = NULL;
        c->mn[i].end = c->mn[i + 1].end;
        i++;
    }
    return AC_OK;
}

ac_error attribute_mention_values(attribute_ctx *c)
{
    for (int d = 0; d < D__N; d++) {
        c->mn_val[d] = arena_alloc(c->a, (c->n_mn + 1) * sizeof(char *));
        if (!c->mn_val[d])
            return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n_mn; i++)
        entry_values(c, i);
    return join_groupings(c);
}

/* Rule "theme over its code": a theme (sectors.tsv) and the DAC code it
 * stands for (a DAC name or a sector word, sector_words.tsv) in one scope
 * are one sector, the theme's ("le désarmement et la réintégration des
 * ex-combattants": DDR).  *v becomes the theme; 1 when they are one. */
static int theme_of_code(const attribute_ctx *c, const char **v, const char *x)
{
    const attribute_gz_entry *a = attribute_gazetteer_get(c->gz, GZ_SECTOR, *v);
    const attribute_gz_entry *b = attribute_gazetteer_get(c->gz, GZ_SECTOR, x);
    if (!a || !b || !a->dac || !b->dac || strcmp(a->dac, b->dac))
        return 0;
    int a_code = a->code && !strcmp(a->code, a->dac), b_code = b->code && !strcmp(b->code, b->dac);
    if (a_code == b_code)
        return 0;                 /* two themes of one code stay two */
    if (a_code)
        *v = x;
    return 1;
}

/* The unique value of dimension d among mentions within [s,e); *many is
 * set when two different values appear. */
const char *attribute_unique_in(const attribute_ctx *c, int d, size_t s, size_t e, int *many)
{
    const char *v = NULL;
    *many = 0;
    for (size_t i = attribute_first_mention(c, s); i < c->n_mn; i++) {
        if (c->mn[i].start >= e)
            break;
        const char *x = c->mn_val[d][i];
        if (!x)
            continue;
        if (v && strcmp(v, x) && d == D_SECTOR && theme_of_code(c, &v, x))
            continue;
        if (v && strcmp(v, x)) {
            *many = 1;
            return NULL;
        }
        v = x;
    }
    return v;
}

/* The value of dimension d of the mention nearest to [p0,p1) within [s,e),
 * if it is at most max bytes away and strictly nearer than any mention with
 * another value; NULL otherwise. */
const char *attribute_nearest_in(const attribute_ctx *c, int d, size_t s, size_t e, size_t p0,
                            size_t p1, size_t max)
{
    const char *best = NULL;
    size_t best_dist = (size_t)-1, other_dist = (size_t)-1;
    for (size_t i = attribute_first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++) {
        const attribute_gz_mention *m = &c->mn[i];
        if (m->end > e || !c->mn_val[d][i])
            continue;
        size_t dist = m->start >= p1 ? m->start - p1 : p0 >= m->end ? p0 - m->end : 0;
        if (dist < best_dist) {
            if (best && strcmp(best, c->mn_val[d][i]))
                other_dist = best_dist;
            best = c->mn_val[d][i];
            best_dist = dist;
        } else if (best && strcmp(best, c->mn_val[d][i]) && dist < other_dist) {
            other_dist = dist;
        }
    }
    if (!best || best_dist > max || other_dist <= best_dist)
        return NULL;
    return best;
}

/* ---- sentences and clauses ------------------------------------------------ */

static int is_upper_start(const char *t, size_t p, size_t e)
{
    if (p >= e)
        return 0;
    unsigned char ch = (unsigned char)t[p];
    return isupper(ch) || isdigit(ch) || ch == 0xC3 /* É, À ... */ || ch == 0xE2;
}

static int sentence_end_char(char ch)
{
    return ch == '.' || ch == '!' || ch == '?' || ch == ';';
}

/* Sentence around offset pos within [s,e): from after an end mark followed
 * by spaces and a capital, to the next such end mark; at most
 * ATTR_MAX_SENTENCE bytes on each side of pos. */
void attribute_sentence_at(const char *t, size_t s, size_t e, size_t pos, size_t *ss,
                      size_t *se)
{
    if (pos > s + ATTR_MAX_SENTENCE) {
        s = pos - ATTR_MAX_SENTENCE;
        while (s < pos && ((unsigned char)t[s] & 0xC0) == 0x80)
            s++;
    }
    if (e > pos + ATTR_MAX_SENTENCE) {
        e = pos + ATTR_MAX_SENTENCE;
        while (e > pos && ((unsigned char)t[e] & 0xC0) == 0x80)
            e--;
    }
    size_t a = s, z = e;
    for (size_t i = pos; i > s; i--)
        if (sentence_end_char(t[i - 1]) && i < pos) {
            size_t k = i;
            while (k < pos && (t[k] == ' ' || t[k] == '\n'))
                k++;
            if (k > i && is_upper_start(t, k, e)) {
                a = k;
                break;
            }
        }
    for (size_t i = pos; i < e; i++)
        if (sentence_end_char(t[i])) {
            size_t k = i + 1;
            while (k < e && (t[k] == ' ' || t[k] == '\n'))
                k++;
            if (k == e || (k > i + 1 && is_upper_start(t, k, e))) {
                z = i + 1;
                break;
            }
        }
    *ss = a;
    *se = z;
}

/* Clause: the sentence cut at ", " around [p0,p1) (digit commas kept). */
void attribute_clause_at(const char *t, size_t s, size_t e, size_t p0, size_t p1,
                    size_t *cs, size_t *ce)
{
    size_t a = s, z = e;
    for (size_t i = p0; i > s; i--)
        if (t[i - 1] == ',' && i < e && (t[i] == ' ' || t[i] == '\n')) {
            a = i;
            break;
        }
    for (size_t i = p1; i < e; i++)
        if (t[i] == ',' && i + 1 < e && (t[i + 1] == ' ' || t[i + 1] == '\n')) {
            z = i;
            break;
        }
    *cs = a;
    *ce = z;
}

/* Does [s,e) end with a mention of dimension d (only spaces after it)? */
static int ends_with_mention(const attribute_ctx *c, int d, size_t s, size_t e)
{
    const char *t = c->doc->text;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    for (size_t i = attribute_first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++)
        if (c->mn[i].end == e && c->mn_val[d][i])
            return 1;
    return 0;
}

/* Letters an enumeration's clause may hold besides its mentions ("et"). */
#define ENUM_GLUE_LETTERS 3

/* Is [s,e) nothing but mentions of dimension d, "and"/"et" and punctuation? */
static int only_mentions(const attribute_ctx *c, int d, size_t s, size_t e)
{
    const char *t = c->doc->text;
    int letters = 0, found = 0;
    for (size_t p = s; p < e;) {
        size_t i = attribute_first_mention(c, p);
        while (i < c->n_mn && c->mn[i].start == p && !c->mn_val[d][i])
            i++;
        if (i < c->n_mn && c->mn[i].start == p) {
            found = 1;
            p = c->mn[i].end;
            continue;
        }
        if (isalpha((unsigned char)t[p]) || (unsigned char)t[p] >= 0xC0)
            letters++;
        p++;
    }
    return found && letters <= ENUM_GLUE_LETTERS;
}

/* Widen a clause ending with a place over the places listed after it:
 * "14 projects in North Kivu, South Kivu and Ituri" is one clause (an
 * enumeration), "12 QIPs à Gao, 8 à Kidal" two. */
void attribute_enumeration(const attribute_ctx *c, int d, size_t ss, size_t se, size_t *cs,
                      size_t *ce)
{
    if (!ends_with_mention(c, d, *cs, *ce))
        return;
    while (*ce < se) {
        size_t ns, ne;
        attribute_clause_at(c->doc->text, ss, se, *ce + 1, *ce + 1, &ns, &ne);
        if (ne <= *ce)
            break;
        size_t end = ne;
        while (end > ns && (c->doc->text[end - 1] == '.' || c->doc->text[end - 1] == ';'))
            end--;
        if (!only_mentions(c, d, ns, end))
            break;
        *ce = ne;
    }
}

/* Does [s,e) of block b hold a figure other than item self? */
static int has_other_figure(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                            size_t self)
{
    for (size_t k = attribute_first_item(c, b, s); k < b->it1 && c->it[k].start < e; k++)
        if (k != self && attribute_is_figure(&c->it[k]))
            return 1;
    return 0;
}

/* The item of figure m in a list of figures whose items ";" separates,
 * within the sentence [ss,se) ("le Burundi, 8,5 millions de dollars ; la
 * Somalie, 1 million de dollars"): 1 and its bounds when an item next to
 * it across a ";" holds a figure too ("on security sector reform;
 * disarmament, ...; and rule of law" lists no figures: 0). */
int attribute_list_item(const attribute_ctx *c, const attribute_block *b, size_t ss, size_t se,
                        size_t m, size_t *is, size_t *ie)
{
    const char *t = c->doc->text;
    size_t pos = c->it[m].start, ps = ss, ne = se;
    *is = ss;
    *ie = se;
    for (size_t i = pos; i > ss; i--)
        if (t[i - 1] == ';') {
            *is = i;
            break;
        }
    for (size_t i = c->it[m].end; i < se; i++)
        if (t[i] == ';') {
            *ie = i;
            break;
        }
    for (size_t i = *is > ss ? *is - 1 : ss; i > ss; i--)
        if (t[i - 1] == ';') {
            ps = i;
            break;
        }
    for (size_t i = *ie < se ? *ie + 1 : se; i < se; i++)
        if (t[i] == ';') {
            ne = i;
            break;
        }
    return (*is > ss && has_other_figure(c, b, ps, *is, m)) ||
           (*ie < se && has_other_figure(c, b, *ie, ne, m));
}

/* Is mention i, named in the sentence [ss,se), claimed by a figure of that
 * sentence when figure self stands in an earlier sentence (starting at fs)
 * of the paragraph?  "38 QIPs for $1.6 million. ... Projects in Beni
 * received 40% of the budget." gives Beni to the 40 % only: a place named
 * beside a figure of its own sentence is that figure's, and does not reach
 * back.  A place named before the figure's sentence sets the topic of the
 * sentences after it ("45 projets en Ituri, dont ... Sur les 60 projets
 * approuvés dans la province, 41 ..."): it still reaches them.  A sentence
 * with no figure speaks for the whole paragraph. */
static int claimed_by_other_sentence(const attribute_ctx *c, const attribute_block *b, size_t ss,
                                     size_t se, size_t fs, size_t self)
{
    return ss > fs && has_other_figure(c, b, ss, se, self);
}

/* Is mention i claimed by another figure of its clause, when that clause is
 * in the sentence of figure self, or by a figure of its own sentence when
 * that is a later sentence of the paragraph (claimed_by_other_sentence)? */
static int claimed_by_other(const attribute_ctx *c, const attribute_block *b, size_t i, size_t self)
{
    const attribute_gz_mention *mn = &c->mn[i];
    const char *t = c->doc->text;
    size_t ss, se, cs, ce, fs, fe;
    attribute_sentence_at(t, b->start, b->end, mn->start, &ss, &se);
    attribute_clause_at(t, ss, se, mn->start, mn->end, &cs, &ce);
    attribute_sentence_at(t, b->start, b->end, c->it[self].start, &fs, &fe);
    if (ss != fs)
        return claimed_by_other_sentence(c, b, ss, se, fs, self);
    size_t me = c->it[self].start;
    if (me >= cs && me < ce)
        return 0;
    return has_other_figure(c, b, cs, ce, self);
}

/* Like unique_in, but a mention standing in the clause of another figure
 * belongs to that figure: "15,2 millions en Côte d'Ivoire, dont 4,8
 * millions pour Bouaké" gives Bouaké to 4,8 millions only.  An apposition
 * ("..., soit 15 %") restates the clause before it and takes all. */
const char *attribute_unclaimed_in(const attribute_ctx *c, const attribute_block *b, int d, size_t s,
                              size_t e, size_t self, int *many)
{
    const char *t = c->doc->text;
    size_t fs, fe, a, z;
    attribute_sentence_at(t, b->start, b->end, c->it[self].start, &fs, &fe);
    attribute_clause_at(t, fs, fe, c->it[self].start, c->it[self].end, &a, &z);
    while (a < z && (t[a] == ' ' || t[a] == '\n'))
        a++;
    if (attribute_apposition_at(c->gz, t, a))
        return attribute_unique_in(c, d, s, e, many);
    const char *v = NULL;
    *many = 0;
    for (size_t i = attribute_first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++) {
        if (!c->mn_val[d][i] || claimed_by_other(c, b, i, self))
            continue;
        if (v && strcmp(v, c->mn_val[d][i])) {
            *many = 1;
            return NULL;
        }
        v = c->mn_val[d][i];
    }
    return v;
}

/* ---- items of an enumeration ---------------------------------------------- */

/* Bytes a mention may span at most: a separator word this far after a
 * mention's start may be inside it ("Eau et Assainissement"). */
#define ITEM_MENTION_MAX 160

/* Is offset p inside a mention (a separator word of a name)? */
static int in_mention(const attribute_ctx *c, size_t p)
{
    for (size_t i = attribute_first_mention(c, p); i > 0; i--) {
        const attribute_gz_mention *mn = &c->mn[i - 1];
        if (mn->start + ITEM_MENTION_MAX < p)
            break;
        if (mn->start < p && mn->end > p)
            return 1;
    }
    return 0;
}

/* Does a name (names_value) end (start) within list glue before (after)
 * [p, q), both of one dimension?  "à Gao et Kidal": "et" joins two names
 * of one item; "au Mali et le CERF": a country and a fund, two items. */
static int joins_names(const attribute_ctx *c, size_t p, size_t q)
{
    const char *t = c->doc->text;
    unsigned before = 0, after = 0;       /* bit d: a name of dimension d */
    size_t lo = p > ENUM_GLUE_BYTES ? p - ENUM_GLUE_BYTES : 0;
    for (size_t i = attribute_first_mention(c, lo); i < c->n_mn && c->mn[i].start < q + ENUM_GLUE_BYTES; i++) {
        const attribute_gz_mention *mn = &c->mn[i];
        unsigned dims = 0;
        for (int d = 0; d < D__N; d++)
            if (c->mn_val[d][i])
                dims |= 1u << d;
        if (mn->end <= p && list_glue(t, mn->end, p))
            before |= dims;
        if (mn->start >= q && list_glue(t, q, mn->start))
            after |= dims;
    }
    return (before & after) != 0;
}

/* The last item separator in [s, e) (not in a name, not joining two
 * names): its start in *ps and end in *pe; 0 when none. */
static int last_separator(const attribute_ctx *c, size_t s, size_t e, size_t *ps, size_t *pe)
{
    const char *t = c->doc->text;
    for (size_t p = e; p > s; p--) {
        size_t q = p - 1;
        if (word_byte((unsigned char)t[q]) && q > 0 && word_byte((unsigned char)t[q - 1]))
            continue;                          /* a word starts at q       */
        size_t l = attribute_phrase_at(c->gz, GZ_PH_ITEM_SEP, t, q, e);
        if (!l || in_mention(c, q) || joins_names(c, q, q + l))
            continue;
        *ps = q;
        *pe = q + l;
        return 1;
    }
    return 0;
}

void attribute_item_at(const attribute_ctx *c, const attribute_block *b, size_t m, size_t cs,
                       size_t ce, size_t *is, size_t *ie)
{
    size_t prev_end = SIZE_MAX, ps, pe;
    *is = cs;
    *ie = ce;
    for (size_t k = attribute_first_item(c, b, cs); k < b->it1 && c->it[k].start < ce; k++) {
        const scan_item *it = &c->it[k];
        if (!attribute_is_figure(it) || it->end > ce)
            continue;
        if (prev_end != SIZE_MAX && last_separator(c, prev_end, it->start, &ps, &pe)) {
            if (k <= m)
                *is = pe;              /* the figure's item starts here  */
            else {
                *ie = ps;              /* and ends before the next one's */
                return;
            }
        }
        prev_end = it->end;
    }
}

const char *attribute_sentence_head(const attribute_ctx *c, const attribute_block *b, int d,
                                    size_t ss, size_t se)
{
    for (size_t k = attribute_first_item(c, b, ss); k < b->it1 && c->it[k].start < se; k++) {
        const scan_item *it = &c->it[k];
        if (!attribute_is_figure(it))
            continue;
        size_t cs, ce;
        int many = 0;
        attribute_clause_at(c->doc->text, ss, se, it->start, it->end, &cs, &ce);
        for (size_t p = it->start; d == D_SECTOR && p > ss; p--)
            if (c->doc->text[p - 1] == ';') {
                ss = p;           /* "The projects include water points, ...;
                                     in Bunia there are 4 activities": a ';'
                                     ends the statement of another head */
                break;
            }
        const char *v = cs > ss ? attribute_unique_in(c, d, ss, cs, &many) : NULL;
        return many ? NULL : v;
    }
    return NULL;
}

/* ---- periods -------------------------------------------------------------- */

/* An event's year: at most EVENT_BEFORE_BYTES of words (no digit, no
 * punctuation) between the word that starts the period and the year
 * ("après le séisme de 2010", "depuis la crise sécuritaire de 2012",
 * "since the 2010", "depuis le déploiement de la Mission en Haïti en
 * 2004": 50), the event's noun among them or at most EVENT_AFTER_BYTES
 * after the year ("2010 earthquake"). */
#define EVENT_BEFORE_BYTES 64
#define EVENT_AFTER_BYTES 24

/* Does [s, e) hold only letters, spaces and apostrophes? */
static int words_only(const char *t, size_t s, size_t e)
{
    for (size_t p = s; p < e; p++) {
        unsigned char ch = (unsigned char)t[p];
        if (!isalpha(ch) && ch < 0x80 && ch != ' ' && ch != '\'' && ch != '\n' && ch != '-')
            return 0;
    }
    return 1;
}

/* Does an event start at item s ("après le séisme de 2010", "Créé en mars
 * 2006")?  attribute_event_year's rule, for a year or a month. */
static int event_at(const attribute_ctx *c, const scan_item *s)
{
    const char *t = c->doc->text;
    size_t lo = s->start > EVENT_BEFORE_BYTES ? s->start - EVENT_BEFORE_BYTES : 0;
    size_t w = SIZE_MAX;                 /* the latest start word before */
    for (size_t p = lo; p < s->start; p++)
        if ((p == 0 || !word_byte((unsigned char)t[p - 1])) &&
            attribute_phrase_at(c->gz, GZ_PH_SINCE_EVENT, t, p, s->start) &&
            words_only(t, p, s->start))
            w = p;
    if (w == SIZE_MAX)
        return 0;
    if (attribute_phrase_in(c->gz, GZ_PH_EVENT, t, w, s->start, NULL) != SIZE_MAX)
        return 1;                                 /* "après le séisme de 2010" */
    size_t z = s->end + EVENT_AFTER_BYTES < c->doc->len ? s->end + EVENT_AFTER_BYTES : c->doc->len;
    size_t len, q = attribute_phrase_in(c->gz, GZ_PH_EVENT, t, s->end, z, &len);
    return q != SIZE_MAX && words_only(t, s->end, q);   /* "since the 2010 earthquake" */
}

int attribute_event_year(const attribute_ctx *c, const scan_item *s)
{
    if (s->kind != SCAN_PERIOD || s->pkind != PERIOD_YEAR || s->invalid)
        return 0;
    if (c->it_event && s >= c->it && s < c->it + c->n_it)
        return c->it_event[s - c->it];            /* found once */
    return event_at(c, s);
}

/* The years of a period item; "depuis 2013" and an event's year ("après
 * le séisme de 2010": attribute_event_year) run to the document's year.
 * 0 when s is no usable period. */
/* Bytes the longest month_in phrase may take before its month ("dans le
 * courant du mois de "). */
#define MONTH_IN_BYTES 40

/* Is date item s a month of a year a flow happened in ("In January 2014,
 * CERF allocated", "en mars 2019": a month_in phrase, then spaces, then a
 * month and year with no day, the year written)?  Its year is then its
 * period; a full date,
 * or a month after "au" or "à la fin de", is a moment, no period. */
static int month_in(const attribute_ctx *c, const scan_item *s)
{
    const char *t = c->doc->text;
    if (s->kind != SCAN_DATE || s->invalid || !s->d1.year || !s->d1.month || s->d1.day ||
        !memchr(t + s->start, '0' + s->d1.year % 10, s->end - s->start))
        return 0;                 /* "in October": a year the text does not write */
    size_t lo = s->start > MONTH_IN_BYTES ? s->start - MONTH_IN_BYTES : 0;
    for (size_t q = lo; q <= s->start; q++) {   /* the scanner may hold "In" */
        if (q > 0 && t[q - 1] != ' ' && t[q - 1] != '\n' && t[q - 1] != '(')
            continue;                           /* a word starts here */
        size_t l = attribute_phrase_at(c->gz, GZ_PH_MONTH_IN, t, q, s->end);
        if (l && (q == s->start || (q + l < s->start && attribute_line_blank(t, q + l, s->start))))
            return 1;
    }
    return 0;
}

int attribute_period_of(const attribute_ctx *c, const scan_item *s, int *y1, int *y2, int *pk)
{
    period_kind kind;
    if (month_in(c, s))           /* "Créé en mars 2006, le Fonds a reçu depuis" */
        kind = event_at(c, s) ? PERIOD_SINCE : PERIOD_YEAR;
    else if (s->kind != SCAN_PERIOD || s->invalid)
        return 0;
    else
        kind = s->pkind == PERIOD_YEAR && attribute_event_year(c, s) ? PERIOD_SINCE : s->pkind;
    switch (kind) {
    case PERIOD_YEAR:
        *y1 = *y2 = s->d1.year;
        break;
    case PERIOD_FISCAL:
        *y1 = s->d1.year;
        *y2 = s->d2.year ? s->d2.year : s->d1.year + 1;
        break;
    case PERIOD_SPAN:
        *y1 = s->d1.year;
        *y2 = s->d2.year;
        break;
    case PERIOD_SINCE:
        if (!c->doc_year || c->doc_year < s->d1.year)
            return 0;
        *y1 = s->d1.year;
        *y2 = c->doc_year;
        break;
    default:
        return 0;
    }
    if (*y1 < ATTR_YEAR_MIN || *y2 < *y1 || *y2 > ATTR_YEAR_MAX)
        return 0;
    *pk = kind == PERIOD_SINCE ? PERIOD_SINCE : *y1 == *y2 ? PERIOD_YEAR : (int)kind;
    return 1;
}

/* How far before a year a comparison phrase may stand ("up from $183
 * million in 2018": 25 bytes; "par rapport à l'exercice précédent, 2018"). */
#define COMPARE_BEFORE_BYTES 64

/* Is period item it the year of a comparison ("..., up from $37.1 million
 * in 2018") that the figure at [p0,p1) is not inside?  Then the year is the
 * compared figure's, not that figure's. */
static int compared_year(const attribute_ctx *c, const scan_item *it, size_t s, size_t p0,
                         size_t p1)
{
    const char *t = c->doc->text;
    size_t lo = it->start > COMPARE_BEFORE_BYTES ? it->start - COMPARE_BEFORE_BYTES : 0;
    if (lo < s)
        lo = s;
    size_t len, q = attribute_phrase_in(c->gz, GZ_PH_COMPARE, t, lo, it->start, &len);
    return q != SIZE_MAX && !(p0 >= q && p1 <= it->start);
}

/* Nearest period item to [p0,p1) within [s,e) (one written before the
 * figure counts ATTR_PERIOD_BEFORE_PENALTY bytes farther; a comparison's
 * year, compared_year, is not the figure's); 0 when none. */
int attribute_nearest_period(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                        size_t p0, size_t p1, int *y1, int *y2, int *pk)
{
    size_t best = (size_t)-1;
    int found = 0;
    for (size_t i = attribute_first_item(c, b, s); i < b->it1 && c->it[i].start < e; i++) {
        const scan_item *it = &c->it[i];
        int a1, a2, k;
        if (it->end > e || !attribute_period_of(c, it, &a1, &a2, &k) ||
            compared_year(c, it, s, p0, p1))
            continue;
        size_t dist = it->start >= p1 ? it->start - p1
                    : p0 >= it->end ? p0 - it->end + ATTR_PERIOD_BEFORE_PENALTY : 0;
        if (dist < best) {
            best = dist;
            *y1 = a1;
            *y2 = a2;
            *pk = k;
            found = 1;
        }
    }
    return found;
}

/* The one period stated within [s,e), a comparison's year (compared_year)
 * aside: 1 found, 0 none, -1 several. */
int attribute_unique_period(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                       int *y1, int *y2, int *pk)
{
    int found = 0;
    for (size_t i = attribute_first_item(c, b, s); i < b->it1 && c->it[i].start < e; i++) {
        const scan_item *it = &c->it[i];
        int a1, a2, k;
        if (it->end > e || !attribute_period_of(c, it, &a1, &a2, &k) ||
            compared_year(c, it, s, SIZE_MAX, SIZE_MAX))
            continue;               /* a comparison's year is no figure's */
        if (found && (a1 != *y1 || a2 != *y2))
            return -1;
        *y1 = a1;
        *y2 = a2;
        *pk = k;
        found = 1;
    }
    return found;
}

/* Bytes between an as-of phrase and its date ("au 31", "as of 30"). */
#define AS_OF_GAP 2

/* Is date item it the end a cumulative figure runs to: an end of year
 * ("fin 2020", "as at end 2020": a year with no month), or a full date
 * right after an as_of phrase ("au 31 décembre 2020")? */
static int as_of_date(const attribute_ctx *c, const scan_item *it)
{
    const char *t = c->doc->text;
    if (it->kind != SCAN_DATE || it->invalid || !it->d1.year)
        return 0;
    if (!it->d1.month)
        return 1;
    size_t n;
    const char *const *ph = attribute_gazetteer_phrases(c->gz, GZ_PH_AS_OF, &n);
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(ph[k]);
        for (size_t g = 1; g <= AS_OF_GAP; g++) {
            if (it->start < l + g)
                continue;
            size_t p = it->start - l - g;
            if ((p == 0 || !word_byte((unsigned char)t[p - 1])) &&
                attribute_phrase_at(c->gz, GZ_PH_AS_OF, t, p, it->start) == l &&
                attribute_line_blank(t, p + l, it->start))
                return 1;
        }
    }
    return 0;
}

int attribute_as_of_year(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e,
                         int y1)
{
    int y = 0;
    for (size_t i = attribute_first_item(c, b, s); i < b->it1 && c->it[i].start < e; i++) {
        const scan_item *it = &c->it[i];
        if (it->end > e || !as_of_date(c, it) || it->d1.year < y1)
            continue;
        if (y && y != it->d1.year)
            return 0;                  /* two ends: not settled */
        y = it->d1.year;
    }
    return y;
}

/* ---- document scope --------------------------------------------------------- */

/* The document's value of dimension d: the value of a clear majority of
 * its mentions (need_unique: the only value). */
const char *attribute_dominant(const attribute_ctx *c, int d, int need_unique)
{
    const char *vals[ATTR_DOMINANT_MAX_VALUES];
    int counts[ATTR_DOMINANT_MAX_VALUES];
    size_t nv = 0;
    for (size_t i = 0; i < c->n_mn; i++) {
        const char *x = c->mn_val[d][i];
        if (!x)
            continue;
        size_t k;
        for (k = 0; k < nv; k++)
            if (!strcmp(vals[k], x))
                break;
        if (k == nv) {
            if (nv == ATTR_DOMINANT_MAX_VALUES)
                continue;
            vals[nv] = x;
            counts[nv++] = 0;
        }
        counts[k]++;
    }
    if (nv == 0 || (need_unique && nv != 1))
        return NULL;
    int total = 0, bi = 0;
    for (size_t k = 0; k < nv; k++) {
        total += counts[k];
        if (counts[k] > counts[bi])
            bi = (int)k;
    }
    return counts[bi] * ATTR_DOMINANT_DEN >= total * ATTR_DOMINANT_NUM ? vals[bi] : NULL;
}

/* The year (and month, day) of the latest full date of the document. */
int attribute_latest_date_year(const scan_item *it, size_t n, int *month, int *day)
{
    int y = 0, m = 0, d = 0;
    for (size_t i = 0; i < n; i++) {
        const scan_date *x = &it[i].d1;
        if (it[i].kind != SCAN_DATE || it[i].invalid || !x->year || !x->month ||
            x->year > ATTR_YEAR_MAX)
            continue;
        if (x->year > y || (x->year == y && (x->month > m ||
                                             (x->month == m && x->day > d)))) {
            y = x->year;
            m = x->month;
            d = x->day;
        }
    }
    *month = m;
    *day = d;
    return y;
}

/* The year a title's period item or end-of-year date states (a fiscal
 * year: its end); 0 none. */
static int title_item_year(const scan_item *it)
{
    if (it->kind == SCAN_DATE && !it->invalid && !it->d1.month)
        return it->d1.year;        /* "Situation à fin 2020": an end of year */
    if (it->kind != SCAN_PERIOD || it->invalid)
        return 0;
    if (it->pkind == PERIOD_YEAR)
        return it->d1.year;
    if (it->pkind == PERIOD_FISCAL)
        return it->d2.year ? it->d2.year : it->d1.year + 1;
    if (it->pkind == PERIOD_SPAN)
        return it->d2.year;        /* a report on 2004-2016 is of 2016 or later */
    return 0;
}

/* With no full date, the year of a report's title: the one year (or fiscal
 * year or span, its end) that the first non-blank line states ("Rapport
 * 2019", "Annual report 2018/19", "projets entre juillet 2004 et janvier
 * 2016").  0 when the title states none, or several. */
ac_error attribute_title_year(scan_ctx *sx, const read_text_doc *doc, const scan_opts *base,
                              arena *a, int *year)
{
    const char *t = doc->text;
    size_t s = 0, e;
    *year = 0;
    for (;;) {
        e = s;
        while (e < doc->len && t[e] != '\n')
            e++;
        if (!attribute_line_blank(t, s, e) || e >= doc->len)
            break;
        s = e + 1;
    }
    scan_opts so = *base;
    so.kinds = SCAN_MASK(SCAN_PERIOD) | SCAN_MASK(SCAN_DATE);
    scan_item *it;
    size_t n;
    ac_error err = scan_text(sx, t + s, e - s, &so, a, &it, &n);
    if (err)
        return err;
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        int yi = title_item_year(&it[i]);
        if (!yi)
            continue;
        if (y && yi != y)
            return AC_OK;              /* two years: not settled */
        y = yi;
    }
    if (y >= ATTR_YEAR_MIN && y <= ATTR_YEAR_MAX)
        *year = y;
    return AC_OK;
}
