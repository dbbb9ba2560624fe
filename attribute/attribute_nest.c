/*
 * attribute_nest.c — statements inside statements: a figure whose scope lies
 * inside another figure's scope, in the same source, is a part of it and is
 * never added on top of it.
 *
 * Purpose: reports state a whole and then some of it ("1 632 projets pour
 * 41,66 millions de dollars, dont 785 projets et 31 millions après le séisme
 * de 2010"; "Of these, 12 projects ..."; "..., soit 785 projets").  Added
 * up, the whole and its part count the part twice.  Each part is related
 * to its whole, the figure of its measure and unit class it is some of
 * (amounts are one class whatever their currency; counts one per unit;
 * shares are never parts here):
 *
 *   cue    a phrase of kind part_of before it in its sentence ("dont", "of
 *          which", "including", "among them", "parmi lesquels"): the whole
 *          is the last figure of its class before the phrase in that
 *          sentence; a phrase of kind part_of_these ("Of these,", "Parmi ces
 *          projets,") also reaches back to the sentences before it, in its
 *          block or the block before;
 *   total  a figure stated as a total in its sentence ("222 finalisés et 102
 *          en cours (324 au total)"): the other figures of its measure and
 *          unit there;
 *   event  a figure whose period starts at an event's year in its sentence
 *          ("Après le séisme de 2010, 785 projets ..."): the last earlier
 *          figure of its class, in its block or the block before, whose
 *          period holds that year.
 *
 * Then, by its scope against its whole's:
 *   - what the part does not state is the whole's (it is some of the
 *     whole: its fund, place, sector, period); a period running from a year
 *     to the document's ("depuis", an event's year) ends with the whole's;
 *   - narrower on some dimension (a period inside the whole's, a region of
 *     the whole's country, a sector under all sectors): it keeps that
 *     coordinate and states its own cell, which the cube nests under the
 *     whole's (a stated total larger than its parts supersedes them);
 *   - the same coordinates ("dont 5 M pour les femmes"), or, for a cue or a
 *     total, a scope that is not inside the whole's: marked a part
 *     (obs.part, FACT_PART: it never states a cell, so it is never summed).
 * A figure equal to its whole is the whole said again, one larger than it is
 * no part of it, a restatement in brackets is counted with the amount it
 * restates: none of them is touched.
 *
 * Data flow: the observations of one document, resolved and captioned ─▶
 * attribute_nest_parts, in text order (a part may be the whole of a later
 * part: "Parmi ces projets" after "dont 785") ─▶ parts marked or nested.
 *
 * Memory: nothing is allocated; a part borrows its whole's strings (arena
 * or gazetteer).
 */
#include <string.h>

#include "attribute_int.h"

/* ---- phrases ---------------------------------------------------------------- */

size_t attribute_parts_start(const attribute_ctx *c, size_t s, size_t e)
{
    size_t a = attribute_phrase_in(c->gz, GZ_PH_PART_OF, c->doc->text, s, e, NULL);
    size_t b = attribute_phrase_in(c->gz, GZ_PH_PART_OF_THESE, c->doc->text, s, e, NULL);
    size_t z = a < b ? a : b;
    return z < e ? z : e;
}

/* The last part phrase between the sentence start ss and the figure at fs:
 * its offset (SIZE_MAX: none); *these when it reaches back (part_of_these). */
static size_t last_cue(const attribute_ctx *c, size_t ss, size_t fs, int *these)
{
    const char *t = c->doc->text;
    size_t cue = SIZE_MAX;
    for (size_t q = ss; q < fs;) {
        size_t la = 0, lb = 0;
        size_t a = attribute_phrase_in(c->gz, GZ_PH_PART_OF, t, q, fs, &la);
        size_t b = attribute_phrase_in(c->gz, GZ_PH_PART_OF_THESE, t, q, fs, &lb);
        if (a == SIZE_MAX && b == SIZE_MAX)
            break;
        cue = a <= b ? a : b;
        *these = b < a;
        q = cue + (a <= b ? la : lb);
    }
    return cue;
}

/* ---- scopes ----------------------------------------------------------------- */

/* Amounts are one class whatever their currency; counts one per unit. */
static int same_class(const obs *a, const obs *b)
{
    if (a->measure != b->measure || a->measure == OBS_SHARE)
        return 0;
    return a->measure == OBS_AMOUNT || (a->unit && b->unit && !strcmp(a->unit, b->unit));
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

typedef enum { IN_NO, IN_SAME, IN_NARROWER } nest_rel;

/* One coordinate of part p against its whole's: the same (or not stated
 * by the part), narrower (the whole states none), or outside. */
static nest_rel member_inside(const char *p, const char *w)
{
    if (!p || same_str(p, w))
        return IN_SAME;
    return w ? IN_NO : IN_NARROWER;
}

/* Is region p (of country) inside the whole's region w: the same, w not
 * stated, or w a reported grouping that covers p ("Tombouctou /
 * Taoudénit")? */
static nest_rel region_inside(const gazetteer *gz, const char *country, const char *p,
                              const char *w)
{
    nest_rel r = member_inside(p, w);
    if (r != IN_NO || !country)
        return r;
    const char *names[32];
    size_t n = attribute_gazetteer_grouping_regions(gz, country, w, names, 32);
    for (size_t k = 0; k < n; k++)
        if (!strcmp(names[k], p))
            return IN_NARROWER;
    return IN_NO;
}

static nest_rel period_inside(const obs *p, const obs *w)
{
    if (!p->y1 || (p->y1 == w->y1 && p->y2 == w->y2))
        return IN_SAME;
    if (!w->y1)
        return IN_NARROWER;     /* the undated whole overlaps every period */
    return p->y1 >= w->y1 && p->y2 <= w->y2 ? IN_NARROWER : IN_NO;
}

/* Is the scope of part p inside the scope of its whole w, dimension by
 * dimension: the same, narrower somewhere, or not inside? */
static nest_rel scope_inside(const gazetteer *gz, const obs *p, const obs *w)
{
    nest_rel r[5];
    r[0] = member_inside(p->fund, w->fund);
    r[1] = member_inside(p->country, w->country);
    r[2] = region_inside(gz, p->country ? p->country : w->country, p->region, w->region);
    r[3] = member_inside(p->sector, w->sector);
    r[4] = period_inside(p, w);
    nest_rel all = IN_SAME;
    for (int k = 0; k < 5; k++) {
        if (r[k] == IN_NO)
            return IN_NO;
        if (r[k] == IN_NARROWER)
            all = IN_NARROWER;
    }
    return all;
}

/* A period that runs from a year to the document's ("depuis 2010", "après
 * le séisme de 2010") ends with its whole's, when it starts inside it. */
static void end_with_whole(obs *p, const obs *w)
{
    if (p->pkind != PERIOD_SINCE || !w->y1 || p->y1 < w->y1 || p->y1 > w->y2 || p->y2 <= w->y2)
        return;
    p->y2 = w->y2;
    p->pkind = p->y1 == p->y2 ? PERIOD_YEAR : PERIOD_SPAN;
}

/* What the part does not state is its whole's. */
static void inherit(obs *p, const obs *w)
{
    if (!p->fund)
        p->fund = w->fund;
    if (!p->country && !p->region) {
        p->country = w->country;
        p->region = w->region;
    } else if (!p->region && same_str(p->country, w->country)) {
        p->region = w->region;
    }
    if (!p->sector)
        p->sector = w->sector;
    if (!p->y1) {
        p->y1 = w->y1;
        p->y2 = w->y2;
        p->pkind = w->pkind;
    }
}

typedef enum { REL_CUE, REL_TOTAL, REL_EVENT } rel_kind;

/* Part p of whole w: nested (its own, narrower cell) or marked a part. */
static void nest(const gazetteer *gz, obs *p, const obs *w, rel_kind why)
{
    if (p->restates || w->restates || p->total)
        return;
    if (p->measure == OBS_COUNT || same_str(p->unit, w->unit)) {
        int cmp = scan_num_cmp(p->value, w->value);
        if (cmp >= 0)
            return;                 /* the whole said again, or no part of it */
    }
    obs q = *p;
    end_with_whole(&q, w);
    nest_rel r = scope_inside(gz, &q, w);
    if (r == IN_NO) {
        if (why != REL_EVENT)
            p->part = 1;            /* a part, outside the whole's scope: never summed */
        return;
    }
    inherit(&q, w);
    if (r == IN_SAME)
        q.part = 1;
    *p = q;
}

/* ---- the wholes ----------------------------------------------------------- */

/* The block holding offset pos. */
static size_t block_of(const attribute_ctx *c, size_t pos)
{
    size_t lo = 0, hi = c->n_b;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->b[mid].start <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

/* May a whole at offset ws be reached from offset ps: in its block, or in
 * the block before when no heading stands between? */
static int within_reach(const attribute_ctx *c, size_t ws, size_t ps)
{
    size_t bw = block_of(c, ws), bp = block_of(c, ps);
    return bw == bp || (bw + 1 == bp && c->b[bp].kind != BLK_HEADING);
}

/* The whole of part i announced by a part phrase before it (SIZE_MAX:
 * none): the last figure of its class before the phrase, in its sentence,
 * or (part_of_these) in the sentences before, within reach. */
static size_t whole_by_cue(const attribute_ctx *c, const attribute_obs_list *out, size_t first,
                           size_t i)
{
    const obs *p = &out->v[i];
    int these = 0;
    size_t cue = last_cue(c, (size_t)p->sentence - 1, p->start, &these);
    if (cue == SIZE_MAX)
        return SIZE_MAX;
    for (size_t j = i; j-- > first;) {
        const obs *w = &out->v[j];
        if (w->start >= cue)
            continue;                       /* another part of the phrase */
        if (w->sentence != p->sentence && (!these || !within_reach(c, w->start, cue)))
            break;
        if (same_class(p, w) && !w->restates)
            return j;
    }
    return SIZE_MAX;
}

/* The total stated in the sentence of part i, of its measure and unit
 * (SIZE_MAX: none). */
static size_t whole_by_total(const attribute_obs_list *out, size_t first, size_t i)
{
    const obs *p = &out->v[i];
    if (p->total || !p->unit)
        return SIZE_MAX;
    size_t j0 = i;
    while (j0 > first && out->v[j0 - 1].sentence == p->sentence)
        j0--;
    for (size_t j = j0; j < out->n && out->v[j].sentence == p->sentence; j++) {
        const obs *w = &out->v[j];
        if (j != i && w->total && w->measure == p->measure && same_str(w->unit, p->unit))
            return j;
    }
    return SIZE_MAX;
}

/* Does the sentence of p hold the event's year its period starts at? */
static int event_period(const attribute_ctx *c, const obs *p)
{
    if (p->pkind != PERIOD_SINCE)
        return 0;
    size_t ss = (size_t)p->sentence - 1, se, dummy;
    attribute_sentence_at(c->doc->text, ss, c->doc->len, p->start, &dummy, &se);
    const attribute_block all = {.it0 = 0, .it1 = c->n_it};
    for (size_t k = attribute_first_item(c, &all, ss); k < c->n_it && c->it[k].start < se; k++)
        if (c->it[k].kind == SCAN_PERIOD && c->it[k].d1.year == p->y1 &&
            attribute_event_year(c, &c->it[k]))
            return 1;
    return 0;
}

/* The whole of part i whose period starts at an event's year: the last
 * earlier figure of its class within reach whose period holds that year. */
static size_t whole_by_event(const attribute_ctx *c, const attribute_obs_list *out, size_t first,
                             size_t i)
{
    const obs *p = &out->v[i];
    if (!event_period(c, p))
        return SIZE_MAX;
    for (size_t j = i; j-- > first;) {
        const obs *w = &out->v[j];
        if (!within_reach(c, w->start, p->start))
            break;
        if (same_class(p, w) && !w->restates && w->y1 && w->y1 <= p->y1 && p->y1 <= w->y2 &&
            (w->y1 < p->y1 || w->y2 < p->y2))
            return j;
    }
    return SIZE_MAX;
}

void attribute_nest_parts(const attribute_ctx *c, attribute_obs_list *out, size_t first_obs)
{
    for (size_t i = first_obs; i < out->n; i++) {
        obs *p = &out->v[i];
        if (p->measure == OBS_SHARE || p->sheet)
            continue;
        rel_kind why = REL_CUE;
        size_t w = whole_by_cue(c, out, first_obs, i);
        if (w == SIZE_MAX && (w = whole_by_total(out, first_obs, i)) != SIZE_MAX)
            why = REL_TOTAL;
        if (w == SIZE_MAX && (w = whole_by_event(c, out, first_obs, i)) != SIZE_MAX)
            why = REL_EVENT;
        if (w != SIZE_MAX)
            nest(c->gz, p, &out->v[w], why);
    }
}
