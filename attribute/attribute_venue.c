/*
 * attribute_venue.c — where a statement was made is not where its money goes.
 *
 * A region named as the venue of an announcement ("a annoncé, jeudi, à
 * Abidjan", "lors d'un point de presse à Bamako", "presented this Tuesday
 * in Bissau": phrases of kind `venue` in phrases.tsv) gives no figure its
 * region: a capital where a spokesman speaks is not where the projects
 * are.  The mention keeps its country and its other dimensions.  (A
 * release's dateline is the same rule, found with the mentions:
 * attribute_scope.c.)
 *
 * Runs once, between attribute_mention_values and the blocks: it clears
 * the region value of such mentions (c->mn_val[D_REGION]).
 *
 * Memory: nothing allocated; the context's arrays are modified in place.
 */
#include <stddef.h>
#include <string.h>

#include "attribute_int.h"

/* A venue phrase stands this close before the place: a weekday, a date,
 * "ce mardi" and a preposition fit ("a annoncé, jeudi 12 mars, à"); a
 * clause about something else does not. */
#define VENUE_REACH 48
/* Words between the phrase and the place: a weekday and a date ("jeudi
 * 12 mars"), "this Tuesday", and the preposition. */
#define VENUE_GAP_WORDS 5

/* Index of the first item starting at or after offset s. */
static size_t first_item_at(const attribute_ctx *c, size_t s)
{
    size_t lo = 0, hi = c->n_it;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->it[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does [s,e) hold a figure (a date or a period is no figure)? */
static int figure_between(const attribute_ctx *c, size_t s, size_t e)
{
    for (size_t k = first_item_at(c, s); k < c->n_it && c->it[k].start < e; k++)
        if (c->it[k].kind != SCAN_DATE && c->it[k].kind != SCAN_PERIOD)
            return 1;
    return 0;
}

/* Words of [s,e) (runs of bytes between spaces and commas). */
static int words_in(const char *t, size_t s, size_t e)
{
    int n = 0;
    for (size_t p = s; p < e; p++)
        if (t[p] != ' ' && t[p] != ',' && (p == s || t[p - 1] == ' ' || t[p - 1] == ','))
            n++;
    return n;
}

/* The gap [s,e) between a venue phrase and mention i is one short stretch
 * of its clause: no end of sentence, clause or line, no other place, no
 * figure, no venue_break word, at most VENUE_GAP_WORDS words, the last a
 * preposition of place ("à", "in"). */
static int venue_gap(const attribute_ctx *c, size_t i, size_t s, size_t e)
{
    const char *t = c->doc->text;
    for (size_t p = s; p < e; p++)
        if (t[p] == '.' || t[p] == ';' || t[p] == ':' || t[p] == '\n')
            return 0;
    if ((i > 0 && c->mn[i - 1].end > s) || figure_between(c, s, e) ||
        words_in(t, s, e) > VENUE_GAP_WORDS ||
        attribute_phrase_in(c->gz, GZ_PH_VENUE_BREAK, t, s, e, NULL) != SIZE_MAX)
        return 0;
    size_t w = e;
    while (w > s && t[w - 1] == ' ')
        w--;
    while (w > s && t[w - 1] != ' ' && t[w - 1] != ',')
        w--;
    return attribute_phrase_at(c->gz, GZ_PH_PLACE_BEFORE, t, w, e) > 0;
}

/* Mention i follows a venue phrase of its clause: "point de presse à X". */
static int announced_at(const attribute_ctx *c, size_t i)
{
    size_t p = c->mn[i].start, lo = p > VENUE_REACH ? p - VENUE_REACH : 0, len = 0;
    size_t q = attribute_phrase_in(c->gz, GZ_PH_VENUE, c->doc->text, lo, p, &len);
    return q != SIZE_MAX && venue_gap(c, i, q + len, p);
}

void attribute_drop_venues(attribute_ctx *c)
{
    for (size_t i = 0; i < c->n_mn; i++)
        if (c->mn_val[D_REGION][i] && announced_at(c, i))
            c->mn_val[D_REGION][i] = NULL;
}
