/*
 * attribute_post.c — what a figure is among its neighbours: a total, a part of a
 * total, a share of a sector breakdown; and the phrases that say so.
 *
 * Purpose: checks compare a stated total with its parts and verify that the
 * shares of one breakdown add up to 100.  The words that mark a total
 * ("au total", "sur un budget de", "out of", a table's "Total" row) and an
 * apposition ("soit", "i.e.") are reference data (phrases*.tsv, loaded by
 * the gazetteer), so a new language needs no code.
 *
 * Data flow: during resolution, attribute_total_marker flags each figure and
 * attribute_group_breakdown groups a paragraph's shares; after it,
 * attribute_nest_parts (attribute_nest.c) relates parts to their wholes.
 *
 * Invariants: a total is never a part; a share group id of a breakdown is
 * ATTR_BREAKDOWN_GROUP_BASE + block index, never a chart run id.
 *
 * Memory: nothing is allocated; phrases are borrowed from the gazetteer.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "attribute_int.h"

/* Does text [p, lim) hold phrase ph, case-insensitively (ASCII), a line
 * break reading as a space? */
static int phrase_at(const char *t, size_t p, size_t lim, const char *ph)
{
    if (!ph[0])
        return p <= lim;
    if (p >= lim || tolower((unsigned char)(t[p] == '\n' ? ' ' : t[p])) !=
                    tolower((unsigned char)ph[0]))
        return 0;             /* most phrases: their first byte says no */
    size_t n = strlen(ph);
    if (n > lim - p)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = t[p + i] == '\n' ? ' ' : t[p + i];
        if (tolower((unsigned char)ch) != tolower((unsigned char)ph[i]))
            return 0;
    }
    return 1;
}

/* A letter of a word: ASCII or a byte of a UTF-8 letter ("é"). */
static int word_char(unsigned char ch)
{
    return isalnum(ch) || ch >= 0x80;
}

size_t attribute_phrase_at(const gazetteer *gz, attribute_gz_phrase_kind kind, const char *t, size_t p,
                           size_t lim)
{
    size_t n, best = 0;
    const char *const *ph = attribute_gazetteer_phrases(gz, kind, &n);
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(ph[k]);
        if (l > best && phrase_at(t, p, lim, ph[k]) &&
            (p + l >= lim || !word_char((unsigned char)ph[k][l - 1]) ||
             !word_char((unsigned char)t[p + l])))
            best = l;
    }
    return best;
}

size_t attribute_phrase_in(const gazetteer *gz, attribute_gz_phrase_kind kind, const char *t, size_t s,
                           size_t e, size_t *len)
{
    for (size_t p = s; p < e; p++) {
        if (p > s && word_char((unsigned char)t[p - 1]))
            continue;                               /* a word starts here */
        size_t l = attribute_phrase_at(gz, kind, t, p, e);
        if (l) {
            if (len)
                *len = l;
            return p;
        }
    }
    return SIZE_MAX;
}

/* A phrase ending with a letter must be followed by a space ("or " is not
 * "order"); one ending with a mark ("i.e.") need not. */
int attribute_apposition_at(const gazetteer *gz, const char *t, size_t a)
{
    size_t n;
    const char *const *ph = attribute_gazetteer_phrases(gz, GZ_PH_APPOSITION, &n);
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(ph[k]);
        if (strncasecmp(t + a, ph[k], l))
            continue;
        if (!isalpha((unsigned char)ph[k][l - 1]) && (unsigned char)ph[k][l - 1] < 0x80)
            return 1;
        if (t[a + l] == ' ')
            return 1;
    }
    return 0;
}

/* Rule "total line": the total row of a table ("Total;55;...") or the
 * total line of a list of label: figure lines ("Total: $3 million",
 * "Total = $71.3 million", "Total général : 12", "GRAND TOTAL: 9") is the
 * total of the rows or lines beside it, wherever it stands among them.
 * A total_row phrase (the longest) opens the figure's line (after spaces,
 * a cell bar or a bullet), then the rest of its word's letters
 * ("Totals"), spaces, then a cell separator or the label's ':' or '='. */
size_t attribute_total_line(const gazetteer *gz, const read_text_doc *d, size_t bs, size_t s)
{
    const char *t = d->text;
    /* the start of s's line (from the line index: a walk back to the line
     * feed, for every figure of a line of thousands, was quadratic) */
    size_t n, l = 0, h = d->line_start[read_text_line_of(d, s) - 1];
    if (h < bs)
        h = bs;
    while (h < s && (t[h] == ' ' || t[h] == '|' || t[h] == '\t' || t[h] == '-' || t[h] == '*'))
        h++;
    if (s - h >= 3 && !memcmp(t + h, "\xe2\x80\xa2", 3))     /* a bullet */
        h += 3;
    while (h < s && t[h] == ' ')
        h++;
    const char *const *ph = attribute_gazetteer_phrases(gz, GZ_PH_TOTAL_ROW, &n);
    for (size_t k = 0; k < n; k++) {
        size_t pl = strlen(ph[k]);
        if (pl > l && pl <= s - h && !strncasecmp(t + h, ph[k], pl))
            l = pl;
    }
    if (!l)
        return 0;
    size_t q = h + l;
    while (q < s && word_char((unsigned char)t[q]))
        q++;
    while (q < s && t[q] == ' ')
        q++;
    if (q < s && (t[q] == ';' || t[q] == '\t' || t[q] == '|' || t[q] == ':' || t[q] == '='))
        return q;
    return 0;
}

/* Is the figure at [s,e) of block [bs,be) stated as a total?  "sur un
 * budget de X", "93 projets approuvés" after "sur", "Total : X", "X au
 * total", "in total", a table's total row.  A phrase and the figure are
 * separated by one space, within ATTR_TOTAL_BEFORE_WINDOW bytes before or
 * ATTR_TOTAL_AFTER_WINDOW bytes after the figure. */
int attribute_total_marker(const gazetteer *gz, const read_text_doc *d, size_t bs, size_t be,
                           size_t s, size_t e)
{
    const char *t = d->text;
    if (attribute_total_line(gz, d, bs, s))
        return 1;
    size_t a = s > bs + ATTR_TOTAL_BEFORE_WINDOW ? s - ATTR_TOTAL_BEFORE_WINDOW : bs;
    size_t z = e >= be ? e : be - e > ATTR_TOTAL_AFTER_WINDOW ? e + ATTR_TOTAL_AFTER_WINDOW : be;
    size_t n;
    const char *const *ph = attribute_gazetteer_phrases(gz, GZ_PH_TOTAL_BEFORE, &n);
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(ph[k]) + 1;
        if (s - a >= l && phrase_at(t, s - l, s - 1, ph[k]) && phrase_at(t, s - 1, s, " "))
            return 1;
    }
    ph = attribute_gazetteer_phrases(gz, GZ_PH_TOTAL_AFTER, &n);
    for (size_t k = 0; k < n; k++)
        if (phrase_at(t, e, z, " ") && phrase_at(t, e + 1, z, ph[k]))
            return 1;
    return 0;
}

/* Does a phrase of ph (n of them) start a whole word at p and end by lim,
 * followed by no letter (ascii_after: by an ASCII byte, lim's too)? */
static int phrase_word_at(const char *t, size_t ss, size_t p, size_t lim, const char *const *ph,
                          size_t n, int ascii_after)
{
    if (p > ss && isalpha((unsigned char)t[p - 1]))
        return 0;                                   /* no word starts here */
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(ph[k]);
        if (phrase_at(t, p, lim, ph[k]) && (p + l >= lim || !isalpha((unsigned char)t[p + l])) &&
            (!ascii_after || (unsigned char)t[p + l] < 0x80))
            return 1;
    }
    return 0;
}

static size_t longest(const char *const *ph, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (strlen(ph[k]) > m)
            m = strlen(ph[k]);
    return m;
}

/* The start of the last phrase of kind k in [ss, lim) (phrase_word_at), or
 * SIZE_MAX.  Figures are resolved in order, their sentences' starts and
 * ends moving on with them (a long line's sentence is a window around its
 * figure): the text is searched once, not once per figure (c->memo).  A
 * phrase that ends more than the longest phrase's length before lim reads
 * the same for a later lim; the sentence's first byte starts a word
 * whatever stands before it. */
static size_t last_phrase_in(const attribute_ctx *c, attribute_gz_phrase_kind kind, size_t ss,
                             size_t lim, int ascii_after)
{
    const char *t = c->doc->text;
    size_t n;
    const char *const *ph = attribute_gazetteer_phrases(c->gz, kind, &n);
    size_t maxl = longest(ph, n);
    attribute_before_memo *mo = &c->memo->before[kind];
    if (!mo->used || ss < mo->ss || lim < mo->upto)
        *mo = (attribute_before_memo){.ss = ss, .upto = ss, .best = SIZE_MAX, .used = 1};
    if (ss > mo->ss) {                              /* the window moved on */
        mo->ss = ss;
        if (mo->best != SIZE_MAX && mo->best < ss)
            mo->best = SIZE_MAX;
        if (mo->upto < ss)
            mo->upto = ss;
    }
    size_t from = mo->upto > ss + maxl ? mo->upto - maxl : ss;
    size_t best = mo->best;
    if (from > ss && best == SIZE_MAX && phrase_word_at(t, ss, ss, lim, ph, n, ascii_after))
        best = ss;                                  /* not a word start before */
    for (size_t p = from; p < lim; p++)
        if (phrase_word_at(t, ss, p, lim, ph, n, ascii_after)) {
            best = p;
            if (p + maxl < lim && p > ss)           /* the same for a later lim */
                mo->best = p;
        }
    mo->upto = lim;
    return best;
}

/* The last phrase of kind k (a whole word, any case) between the sentence
 * start ss and figure item m, with no other amount or count between it and
 * the figure: the phrase speaks of that figure. */
static int phrase_before_figure(const attribute_ctx *c, attribute_gz_phrase_kind kind, size_t ss, size_t m)
{
    size_t fs = c->it[m].start;
    size_t best = last_phrase_in(c, kind, ss, fs, 1);
    if (best == SIZE_MAX)
        return 0;
    for (size_t k = attribute_first_item(c, &(attribute_block){.it0 = 0, .it1 = m}, best + 1);
         k < m; k++)                                /* another figure in between */
        if (c->it[k].start < fs &&
            (c->it[k].kind == SCAN_AMOUNT || c->it[k].kind == SCAN_COUNT))
            return 0;
    return 1;
}

/* The figure of one project: "Le QIP n°12 au Mali a coûté", "un autre
 * projet de", "the project, worth" (phrases of kind one_project). */
int attribute_one_project(const attribute_ctx *c, size_t ss, size_t m)
{
    return phrase_before_figure(c, GZ_PH_ONE_PROJECT, ss, m);
}

/* Does the sentence [ss, se) say its figures are worldwide ("dans le
 * monde", "worldwide", phrases of kind worldwide)?  Then no section's or
 * document's country reaches them. */
int attribute_worldwide(const attribute_ctx *c, size_t ss, size_t se)
{
    return last_phrase_in(c, GZ_PH_WORLDWIDE, ss, se, 0) != SIZE_MAX;
}

/* An average, not money spent: "the average project cost was", "coût moyen
 * de" (phrases of kind average). */
int attribute_average(const attribute_ctx *c, size_t ss, size_t m)
{
    return phrase_before_figure(c, GZ_PH_AVERAGE, ss, m);
}

/* A paragraph that shares a budget out between three or more sectors
 * ("35% to education ... health 25%, water 20%") is a list of shares like
 * a chart: its shares of distinct sectors get a group, so they are checked
 * to add up to 100.  Observations [block_first, out->n) are the block's. */
void attribute_group_breakdown(attribute_obs_list *out, size_t block_first, size_t block_index)
{
    size_t n_sh = 0, distinct = 1;
    for (size_t i = block_first; i < out->n && n_sh <= ATTR_BREAKDOWN_MAX; i++) {
        const obs *o = &out->v[i];
        if (o->measure != OBS_SHARE || !o->sector || o->total)
            continue;
        for (size_t j = block_first; j < i && distinct; j++)
            if (out->v[j].measure == OBS_SHARE && out->v[j].sector &&
                !strcmp(out->v[j].sector, o->sector))
                distinct = 0;
        n_sh++;
    }
    if (n_sh < ATTR_BREAKDOWN_MIN || n_sh > ATTR_BREAKDOWN_MAX || !distinct)
        return;
    for (size_t i = block_first; i < out->n; i++)
        if (out->v[i].measure == OBS_SHARE && out->v[i].sector && !out->v[i].total)
            out->v[i].group = (int)(ATTR_BREAKDOWN_GROUP_BASE + block_index);
}

/* The region named between a count carried by ellipsis and the next figure
 * of its sentence: "dont 12 à Bunia et 9 à Beni" gives Ituri to the 12. */
const char *attribute_part_region(const attribute_ctx *c, const attribute_block *b, size_t m, size_t se)
{
    size_t lim = se;
    for (size_t k = m + 1; k < b->it1; k++)
        if (attribute_is_figure(&c->it[k])) {
            if (c->it[k].start < lim)
                lim = c->it[k].start;
            break;
        }
    int many = 0;
    const char *r = c->it[m].end < lim ? attribute_unique_in(c, D_REGION, c->it[m].end, lim, &many)
                                       : NULL;
    return many ? NULL : r;
}

/* Bytes of words allowed inside the bracket before a restated amount
 * ("(soit environ 7,9 milliards"), none of them digits. */
#define ATTR_RESTATE_LEAD 32

/* An amount in brackets right after another amount ("12 millions d'euros
 * (7,9 milliards de FCFA)", "$3m (about €2.7m)") restates it: in another
 * currency, or the same value again.  Between the first amount and the
 * bracket only spaces; inside the bracket before the figure a few words
 * (no digit); after it the closing bracket.  Or an apposition ("soit")
 * between two amounts of different currencies. */
/* "30 000 000 FCFA, soit environ 45 700 EUR": an apposition (phrases of
 * kind apposition) between two amounts in different currencies, with only
 * a comma, spaces and a few words (no digit) around it, restates the first
 * in the second's currency. */
static int restated_by_apposition(const attribute_ctx *c, const scan_item *p, const scan_item *s)
{
    const char *t = c->doc->text;
    if (!strcmp(p->currency, s->currency) || s->start - p->end > ATTR_RESTATE_LEAD)
        return 0;
    size_t i = p->end;
    while (i < s->start && (t[i] == ' ' || t[i] == ',' || t[i] == '\n' || t[i] == '\r'))
        i++;
    if (i >= s->start || !attribute_apposition_at(c->gz, t, i))
        return 0;
    for (size_t k = i; k < s->start; k++)
        if ((t[k] >= '0' && t[k] <= '9') || t[k] == '(' || t[k] == ')' || t[k] == '%')
            return 0;
    return 1;
}

int attribute_restatement(const attribute_ctx *c, size_t m)
{
    const char *t = c->doc->text;
    const scan_item *s = &c->it[m];
    if (s->kind != SCAN_AMOUNT || !s->currency[0] || m == 0)
        return 0;
    const scan_item *p = &c->it[m - 1];
    if (p->kind != SCAN_AMOUNT || !p->currency[0] || p->end > s->start ||
        (!strcmp(p->currency, s->currency) && scan_num_cmp(p->value, s->value)))
        return 0;
    if (restated_by_apposition(c, p, s))
        return 1;
    size_t i = p->end;
    while (i < s->start && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t'))
        i++;
    if (i >= s->start || t[i] != '(' || s->start - i > ATTR_RESTATE_LEAD)
        return 0;
    for (size_t k = i + 1; k < s->start; k++)
        if ((t[k] >= '0' && t[k] <= '9') || t[k] == ')' || t[k] == '(')
            return 0;
    if (attribute_phrase_in(c->gz, GZ_PH_PART_OF, t, i + 1, s->start, NULL) != SIZE_MAX ||
        attribute_phrase_in(c->gz, GZ_PH_ASIDE, t, i + 1, s->start, NULL) != SIZE_MAX)
        return 0;                 /* a part or an aside, not the whole again */
    size_t e = s->end;
    while (e < c->doc->len && (t[e] == ' ' || t[e] == '\n' || t[e] == '\r'))
        e++;
    return e < c->doc->len && t[e] == ')';
}
