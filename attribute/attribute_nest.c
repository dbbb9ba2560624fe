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
 *          projets,") also reaches back to the sentences before it, within
 *          a few paragraphs (ATTR_PARAGRAPH_REACH bytes) of the same section;
 *   total  a figure stated as a total in its sentence ("222 finalisés et 102
 *          en cours (324 au total)"): the other figures of its measure and
 *          unit there;
 *   event  a figure whose period starts at an event's year in its sentence
 *          ("Après le séisme de 2010, 785 projets ..."): the last earlier
 *          figure of its class, within reach, whose period holds that year.
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
 * Cost: the part phrases that open a figure and the items that are an
 * event's year are found once per document (attribute_find_cues, before
 * the blocks); each part then looks its whole up among the figures of its
 * sentence or within ATTR_PARAGRAPH_REACH bytes before it.
 *
 * Memory: the phrase table and the event flags live in the document's
 * arena (c->a); a part borrows its whole's strings (arena or gazetteer).
 */
#include <ctype.h>
#include <string.h>

#include "attribute_int.h"

/* ---- phrases ---------------------------------------------------------------- */

/* A part phrase opens parts only when a figure follows it closely, in its
 * clause: "dont 785 projets", "dont environ 3 millions", "Of these, 25
 * projects"; not "dont le coût", "including in Madagascar, where".  At most
 * this many bytes of words between the phrase and the figure ("Parmi ces
 * projets d'adduction d'eau potable, 12"). */
#define PART_CUE_REACH 48

/* Does a figure follow the phrase ending at e, within PART_CUE_REACH bytes
 * and with no mark between but, after a part_of_these phrase, the comma
 * that closes it ("Of these, 25", "Parmi ces projets, 12")? */
static int cue_opens_figure(const attribute_ctx *c, size_t e, int these)
{
    const char *t = c->doc->text;
    const attribute_block all = {.it0 = 0, .it1 = c->n_it};
    size_t k = attribute_first_item(c, &all, e);
    while (k < c->n_it && !attribute_is_figure(&c->it[k]))
        k++;
    if (k == c->n_it || c->it[k].start - e > PART_CUE_REACH)
        return 0;
    int commas = 0;
    for (size_t p = e; p < c->it[k].start; p++)
        if ((t[p] && strchr(".;:()", t[p])) || (t[p] == ',' && ++commas > these))
            return 0;
    return 1;
}

static int word_char(unsigned char ch)
{
    return isalnum(ch) || ch >= 0x80;
}

/* Can a phrase of kind k start with byte ch (any case)?  A quick filter
 * before the phrases are compared at every word of the text. */
static void first_bytes(const gazetteer *gz, attribute_gz_phrase_kind k, unsigned char *can)
{
    size_t n;
    const char *const *ph = attribute_gazetteer_phrases(gz, k, &n);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)ph[i][0];
        can[ch] = can[tolower(ch)] = can[toupper(ch)] = 1;
    }
}

/* Which items are an event's year (c->it_event), once. */
static ac_error find_events(attribute_ctx *c)
{
    c->it_event = NULL;
    unsigned char *ev = arena_alloc(c->a, c->n_it + 1);
    if (!ev)
        return AC_ERR_NOMEM;
    for (size_t k = 0; k < c->n_it; k++)
        ev[k] = (unsigned char)attribute_event_year(c, &c->it[k]);
    c->it_event = ev;
    return AC_OK;
}

ac_error attribute_find_cues(attribute_ctx *c)
{
    const char *t = c->doc->text;
    unsigned char can[256] = {0};
    first_bytes(c->gz, GZ_PH_PART_OF, can);
    first_bytes(c->gz, GZ_PH_PART_OF_THESE, can);
    size_t cap = 0;
    c->cue = NULL;
    c->n_cue = 0;
    for (size_t p = 0; p < c->doc->len; p++) {
        if (!can[(unsigned char)t[p]] || (p > 0 && word_char((unsigned char)t[p - 1])))
            continue;
        size_t la = attribute_phrase_at(c->gz, GZ_PH_PART_OF, t, p, c->doc->len);
        size_t lb = attribute_phrase_at(c->gz, GZ_PH_PART_OF_THESE, t, p, c->doc->len);
        int these = lb > la;
        size_t l = these ? lb : la;
        if (!l || !cue_opens_figure(c, p + l, these))
            continue;
        if (c->n_cue == cap) {
            size_t nc = cap ? cap * 2 : 16;
            attribute_cue *v = arena_grow(c->a, c->cue, c->n_cue, nc, sizeof *v);
            if (!v)
                return AC_ERR_NOMEM;
            c->cue = v;
            cap = nc;
        }
        c->cue[c->n_cue++] = (attribute_cue){p, l, these};
        p += l - 1;
    }
    return find_events(c);
}

/* Index of the first cue at or after offset s. */
static size_t cue_from(const attribute_ctx *c, size_t s)
{
    size_t lo = 0, hi = c->n_cue;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->cue[mid].at < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t attribute_parts_start(const attribute_ctx *c, size_t s, size_t e)
{
    size_t k = cue_from(c, s);
    return k < c->n_cue && c->cue[k].at < e ? c->cue[k].at : e;
}

/* The last part phrase between the sentence start ss and the figure at fs:
 * its offset (SIZE_MAX: none); *these when it reaches back (part_of_these). */
static size_t last_cue(const attribute_ctx *c, size_t ss, size_t fs, int *these)
{
    size_t k = cue_from(c, fs);
    if (k == 0 || c->cue[k - 1].at < ss)
        return SIZE_MAX;
    *these = c->cue[k - 1].these;
    return c->cue[k - 1].at;
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
        p->fund = w->fund, p->from[OBS_FROM_FUND] = w->fund ? ATTR_FROM_WHOLE : ATTR_FROM_NONE;
    if (!p->country && !p->region) {
        p->country = w->country;
        p->region = w->region;
        p->from[OBS_FROM_COUNTRY] = w->country ? ATTR_FROM_WHOLE : ATTR_FROM_NONE;
        p->from[OBS_FROM_REGION] = w->region ? ATTR_FROM_WHOLE : ATTR_FROM_NONE;
    } else if (!p->region && same_str(p->country, w->country)) {
        p->region = w->region;
        p->from[OBS_FROM_REGION] = w->region ? ATTR_FROM_WHOLE : ATTR_FROM_NONE;
    }
    if (!p->sector)
        p->sector = w->sector, p->from[OBS_FROM_SECTOR] = w->sector ? ATTR_FROM_WHOLE : ATTR_FROM_NONE;
    if (!p->y1) {
        p->y1 = w->y1;
        p->y2 = w->y2;
        p->pkind = w->pkind;
        p->from[OBS_FROM_PERIOD] = w->y1 ? ATTR_FROM_WHOLE : ATTR_FROM_NONE;
    }
}

typedef enum { REL_CUE, REL_TOTAL, REL_EVENT } rel_kind;

/* Money of one kind class: allocated and not said are one (a figure that
 * does not say what it is may be the allocation); counts have no kind. */
static int same_kind(const obs *a, const obs *b)
{
    int ka = a->kind == KIND_ALLOCATED ? KIND_NONE : (int)a->kind;
    int kb = b->kind == KIND_ALLOCATED ? KIND_NONE : (int)b->kind;
    return a->measure != OBS_AMOUNT || ka == kb;
}

/* A part named by a cue ("dont", "of which") that says no kind of its own
 * is money of its whole's kind: "promis 3,3 milliards d'euros, dont 230
 * millions pour le Niger" is a pledge of 230 millions. */
static int part_takes_kind(const obs *p, const obs *w)
{
    return p->measure == OBS_AMOUNT && w->measure == OBS_AMOUNT && p->kind == KIND_NONE &&
           w->kind != KIND_NONE;
}

/* Part p of whole w: nested (its own, narrower cell) or marked a part.
 * Money of another kind ("12 M alloués, dont 7 M décaissés") is never a
 * part of the whole: it takes the whole's scope and stays a figure of its
 * own kind (money_kind rules in model/model.h keep it out of the funding). */
static void nest(const gazetteer *gz, obs *p, const obs *w, rel_kind why)
{
    if (p->restates || w->restates || p->total)
        return;
    if (why == REL_CUE && part_takes_kind(p, w))
        p->kind = w->kind;
    if (!same_kind(p, w)) {
        obs q = *p;
        end_with_whole(&q, w);
        if (scope_inside(gz, &q, w) != IN_NO) {
            inherit(&q, w);
            *p = q;
        }
        return;
    }
    if (w->qual == SCAN_Q_MAX || w->qual == SCAN_Q_PER_YEAR || w->average) {
        p->part = 1;                /* some of a cap or of a rate: not money to add */
        return;
    }
    if (p->measure == OBS_COUNT || same_str(p->unit, w->unit)) {
        int cmp = scan_num_cmp(p->value, w->value);
        if (cmp == 0 && scope_inside(gz, p, w) != IN_NO)
            inherit(p, w);          /* the whole said again: its scope */
        if (cmp >= 0)
            return;                 /* ... or no part of it */
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

/* May a whole at offset ws be reached from offset ps: at most
 * ATTR_PARAGRAPH_REACH bytes before it, no heading between (a new
 * section speaks of something else)? */
static int within_reach(const attribute_ctx *c, size_t ws, size_t ps)
{
    if (ws > ps || ps - ws > ATTR_PARAGRAPH_REACH)
        return 0;
    for (size_t k = block_of(c, ws) + 1; k <= block_of(c, ps) && k < c->n_b; k++)
        if (c->b[k].kind == BLK_HEADING)
            return 0;
    return 1;
}

/* Is figure j itself some of another one (marked a part, or after a part
 * phrase with a figure of its class before the phrase in its sentence)?
 * "Of these," unnamed, speaks of the last whole before it, not of a part
 * of it. */
static int some_of_another(const attribute_ctx *c, const attribute_obs_list *out, size_t first,
                           size_t j)
{
    const obs *w = &out->v[j];
    int these;
    size_t cue = last_cue(c, (size_t)w->sentence - 1, w->start, &these);
    if (w->part)
        return 1;
    for (size_t k = j; cue != SIZE_MAX && k-- > first && out->v[k].sentence == w->sentence;)
        if (out->v[k].start < cue && same_class(w, &out->v[k]))
            return 1;
    return 0;
}

/* The figure of p's class stated with figure e: in e's sentence, the
 * nearest to it that is a part as e is, or a whole as e is ("1 632 projets
 * pour 41,66 millions, dont 785 projets et 31 millions": 41,66 millions
 * with the 1 632, 31 millions with the 785); SIZE_MAX: none. */
static size_t stated_with(const attribute_ctx *c, const attribute_obs_list *out, size_t first,
                          const obs *p, size_t e)
{
    size_t j0 = e, best = SIZE_MAX, bd = SIZE_MAX;
    int e_part = some_of_another(c, out, first, e);
    while (j0 > first && out->v[j0 - 1].sentence == out->v[e].sentence)
        j0--;
    for (size_t j = j0; j < out->n && out->v[j].sentence == out->v[e].sentence; j++) {
        const obs *w = &out->v[j];
        size_t d = w->start > out->v[e].start ? w->start - out->v[e].start
                                              : out->v[e].start - w->start;
        if (same_class(p, w) && !w->restates && d < bd &&
            some_of_another(c, out, first, j) == e_part) {
            best = j;
            bd = d;
        }
    }
    return best;
}

/* "Sur ces 41,66 millions de dollars, 9,3 millions ...", "Parmi ces 785
 * projets, 214 ... ont coûté 6,2 millions": the first figure after a
 * part_of_these phrase at cue (part i itself, or one before it) names the
 * whole again: the earlier figure it repeats (the same value and unit,
 * within reach).  The whole of part i is that figure when of its class,
 * else the figure of its class stated with it; SIZE_MAX: none. */
static size_t whole_named(const attribute_ctx *c, const attribute_obs_list *out, size_t first,
                          size_t i, size_t cue)
{
    const obs *p = &out->v[i];
    size_t r = SIZE_MAX, e = SIZE_MAX;
    for (size_t j = i + 1; j-- > first && out->v[j].start > cue;)
        if (out->v[j].measure != OBS_SHARE)
            r = j;
    if (r == SIZE_MAX)
        return r;
    const obs *rv = &out->v[r];
    for (size_t j = r; j-- > first && within_reach(c, out->v[j].start, cue);) {
        const obs *w = &out->v[j];
        if (w->start < cue && same_class(rv, w) && same_str(w->unit, rv->unit) &&
            !scan_num_cmp(w->value, rv->value)) {
            e = j;
            break;
        }
    }
    if (same_class(p, rv))
        return e != SIZE_MAX ? e : r != i ? r : SIZE_MAX;
    return e != SIZE_MAX ? stated_with(c, out, first, p, e) : SIZE_MAX;
}

/* The whole of part i announced by a part phrase before it (SIZE_MAX:
 * none): the last figure of its class before the phrase, in its sentence,
 * or (part_of_these) the figure the phrase names again (whole_named), or
 * the last one in the sentences before, within reach, that is not itself
 * some of another. */
static size_t whole_by_cue(const attribute_ctx *c, const attribute_obs_list *out, size_t first,
                           size_t i)
{
    const obs *p = &out->v[i];
    int these = 0;
    size_t cue = last_cue(c, (size_t)p->sentence - 1, p->start, &these);
    if (cue == SIZE_MAX)
        return SIZE_MAX;
    size_t named = these ? whole_named(c, out, first, i, cue) : SIZE_MAX;
    if (named != SIZE_MAX)
        return named;
    for (size_t j = i; j-- > first;) {
        const obs *w = &out->v[j];
        if (w->start >= cue)
            continue;                       /* another part of the phrase */
        if (w->sentence != p->sentence && (!these || !within_reach(c, w->start, cue)))
            break;
        if (same_class(p, w) && !w->restates &&
            (w->sentence == p->sentence || !some_of_another(c, out, first, j)))
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
        if (same_class(p, w) && !w->restates && w->qual != SCAN_Q_MAX &&
            w->qual != SCAN_Q_PER_YEAR && !w->average && w->y1 && w->y1 <= p->y1 &&
            p->y1 <= w->y2 && (w->y1 < p->y1 || w->y2 < p->y2))
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

/* ---- a headline said again in the body ---------------------------------- */

/* The headline is the sentence a text opens with, after at most this many
 * bytes of blank lines (as check/check_headline.c reads it). */
#define NEST_HEADLINE_START_MAX 16

/* Does b state what h leaves unsaid, and nothing h contradicts?  (Each of
 * fund, place and period: unsaid by h, or the same; the sector: unsaid by
 * either, or the same: a headline names what was built, "pour le bureau
 * administratif de la chefferie", and the body where, in another clause.) */
static int body_fits(const obs *h, const obs *b)
{
    if ((h->fund && !same_str(h->fund, b->fund)) ||
        (h->sector && b->sector && !same_str(h->sector, b->sector)))
        return 0;
    if (h->country && !same_str(h->country, b->country))
        return 0;
    if (h->region && !same_str(h->region, b->region))
        return 0;
    return !h->y1 || (h->y1 == b->y1 && h->y2 == b->y2);
}

/* The first body figure stating headline figure h again: the same measure,
 * unit and value, a scope that fits it; SIZE_MAX if none. */
static size_t body_restating(const attribute_obs_list *out, size_t first_obs, size_t h)
{
    const obs *o = &out->v[h];
    for (size_t i = first_obs; i < out->n; i++) {
        const obs *b = &out->v[i];
        if (b->sentence != o->sentence && b->measure == o->measure && !b->restates &&
            !b->part && same_str(b->unit, o->unit) && scan_num_cmp(b->value, o->value) == 0 &&
            body_fits(o, b))
            return i;
    }
    return SIZE_MAX;
}

void attribute_nest_headline(attribute_obs_list *out, size_t first_obs)
{
    int first = 0;
    for (size_t i = first_obs; i < out->n; i++)
        if (!out->v[i].sheet && out->v[i].sentence >= 1 &&
            out->v[i].sentence <= NEST_HEADLINE_START_MAX + 1 &&
            (!first || out->v[i].sentence < first))
            first = out->v[i].sentence;
    for (size_t h = first_obs; first && h < out->n; h++) {
        obs *o = &out->v[h];
        if (o->sheet || o->sentence != first || o->measure == OBS_SHARE || o->restates)
            continue;
        size_t b = body_restating(out, first_obs, h);
        if (b == SIZE_MAX)
            continue;
        inherit(o, &out->v[b]);
        if (o->kind == KIND_NONE)
            o->kind = out->v[b].kind;
    }
}

