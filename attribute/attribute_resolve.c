/*
 * attribute_resolve.c — the section walk: one observation per figure, each
 * coordinate from the narrowest scope that states it.
 *
 * Purpose: for each figure (amount, share, count), in text order:
 *   clause (sector, region; a region's clause widened over an enumeration
 *   of places; in an enumeration of figures, each figure's own item) ─▶ sentence (mentions claimed by another figure's clause
 *   excepted) ─▶ paragraph (a few sentences around; a place beside a
 *   figure of a later sentence is that figure's) ─▶ list item ─▶ chart
 *   label ─▶ card (a lone figure line, then the sentence saying what it
 *   is) ─▶ heading section ─▶ document.
 * A scope that names two values of a dimension blocks it: the coordinate
 * stays empty, no wider scope fills it.  The period: the nearest in the
 * clause, else the one of the sentence, else the section's (not for a
 * numbered story, which tells of its own time).
 *
 * Data flow: classified blocks, chart labels, document values ─▶ walk ─▶
 * obs appended to out (then attribute_runs.c/attr_post.c adjust groups,
 * captions and parts).
 *
 * Invariants: every figure item yields exactly one observation, except one
 * whose number is out of range (warned about, not used).
 *
 * Memory: observations, their snippets and units live in c->a.
 */
#include <string.h>

#include "../base/diag.h"
#include "attribute_int.h"

/* The state of the walk: the heading section, the current list item. */
typedef struct {
    attribute_scope sec;
    const char *item_val[D__N];
    int item_left;                /* blocks the item still speaks for     */
    int item_story;               /* the item is a numbered news story    */
    /* where each value came from (obs.from): the section's, the item's, the
       document's (heading / item / document, or reference when a place
       of another kind implies it) */
    unsigned char sec_from[D__N], item_from[D__N], doc_from[D__N];
} walk;

/* A figure's sentence and clause. */
typedef struct {
    size_t ss, se, cs, ce;
} fig_scopes;

/* Is v, the value of dimension d that [s, e) gives, named there only by
 * mentions of another kind (the country of a region, a locality or a
 * mission; the region of a locality): implied by the reference data? */
static int implied(const attribute_ctx *c, int d, const char *v, size_t s, size_t e)
{
    if (d != D_COUNTRY && d != D_REGION)
        return 0;
    size_t lo = 0, hi = c->n_mn;
    while (lo < hi) {             /* the first mention at or after s */
        size_t mid = (lo + hi) / 2;
        if (c->mn[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < c->n_mn && c->mn[i].start < e; i++) {
        const char *x = c->mn_val[d][i];
        attribute_gz_type t = c->mn[i].entry->type;
        if (x && !strcmp(x, v) &&
            (d == D_COUNTRY ? t == GZ_COUNTRY : t == GZ_REGION || t == GZ_GROUPING))
            return 0;
    }
    return 1;
}

/* The origin of value v of dimension d found in [s, e) of a scope whose
 * origin is from; ATTR_FROM_NONE for no value. */
static unsigned char origin(const attribute_ctx *c, int d, const char *v, size_t s, size_t e,
                            unsigned char from)
{
    return !v ? ATTR_FROM_NONE : implied(c, d, v, s, e) ? ATTR_FROM_REFERENCE : from;
}

/* A heading: a fund heading starts a new section (another fund: forget
 * all; the first fund: forget region and sector), another country forgets
 * the region; a headline's region and sector govern nothing. */
static void enter_heading(const attribute_ctx *c, walk *w, const attribute_block *b)
{
    attribute_scope *sec = &w->sec;
    if (b->val[D_FUND] && sec->val[D_FUND] && strcmp(b->val[D_FUND], sec->val[D_FUND]))
        memset(sec, 0, sizeof *sec);
    else if (b->val[D_FUND] && !sec->val[D_FUND])
        sec->val[D_REGION] = sec->val[D_SECTOR] = NULL;
    if (b->val[D_COUNTRY] && sec->val[D_COUNTRY] &&
        strcmp(b->val[D_COUNTRY], sec->val[D_COUNTRY]))
        sec->val[D_REGION] = NULL;
    for (int d = 0; d < D__N; d++)
        if (b->val[d] && ((d != D_SECTOR && d != D_REGION) ||
                          b->residual <= ATTR_HEADING_RESIDUAL)) {
            sec->val[d] = b->val[d];
            w->sec_from[d] = origin(c, d, b->val[d], b->start, b->end, ATTR_FROM_HEADING);
        }
    memset(w->item_val, 0, sizeof w->item_val);
    w->item_left = w->item_story = 0;
    if (b->y1) {
        sec->y1 = b->y1;
        sec->y2 = b->y2;
        sec->pk = b->pk;
    }
}

/* A numbered or bulleted item: what its first block says of place and
 * fund holds for the blocks of the item.  An item in a list of items
 * speaks for itself only; a lone numbered story also for the paragraphs
 * that follow. */
static void enter_item(const attribute_ctx *c, walk *w, size_t k)
{
    const attribute_block *b = &c->b[k];
    memset(w->item_val, 0, sizeof w->item_val);
    int in_list = (k > 0 && c->b[k - 1].item) || (k + 1 < c->n_b && c->b[k + 1].item);
    w->item_left = in_list ? ATTR_LIST_ITEM_BLOCKS : ATTR_STORY_BLOCKS;
    w->item_story = !in_list && !b->bullet;
    const attribute_block *ib = b;
    if (b->end - b->start <= ATTR_ITEM_MARKER_BYTES && k + 1 < c->n_b)
        ib = &c->b[k + 1];
    int many;
    w->item_val[D_REGION] = attribute_unique_in(c, D_REGION, ib->start, ib->end, &many);
    w->item_val[D_FUND] = attribute_unique_in(c, D_FUND, ib->start, ib->end, &many);
    w->item_val[D_COUNTRY] = attribute_unique_in(c, D_COUNTRY, ib->start, ib->end, &many);
    for (int d = 0; d < D__N; d++)
        w->item_from[d] = origin(c, d, w->item_val[d], ib->start, ib->end, ATTR_FROM_ITEM);
}

/* A bulleted label with its figure on the next line ("• Gouvernement
 * luxembourgeois" / "0 EUR"): when it names no fund, the figure is that
 * contributor's (a donor is not a fund) and no fund reaches it. */
static int label_nofund(const attribute_ctx *c, size_t k)
{
    const attribute_block *b = &c->b[k], *p = k > 0 ? &c->b[k - 1] : NULL;
    return b->kind == BLK_FIGURE && p && p->bullet && p->n_figures == 0 &&
           !p->val[D_FUND] && p->kind != BLK_FIGURE && (!b->run || p->kind == BLK_LABEL);
}

/* The card: a lone figure line, then the sentence of its first percentage
 * says what it is ("21 QIPs : USD 712.077,4" / "Environ 26% du budget
 * QIPs ... protection des civils"): that sentence's sector. */
static const char *card_sector(const attribute_ctx *c, size_t k)
{
    const attribute_block *b = &c->b[k];
    if (b->kind != BLK_FIGURE || b->run || k + 1 >= c->n_b || c->b[k + 1].kind != BLK_TEXT)
        return NULL;
    const attribute_block *nb = &c->b[k + 1];
    for (size_t m = nb->it0; m < nb->it1; m++)
        if (c->it[m].kind == SCAN_PERCENT) {
            size_t ss, se;
            int many;
            attribute_sentence_at(c->doc->text, nb->start, nb->end, c->it[m].start, &ss, &se);
            return attribute_unique_in(c, D_SECTOR, ss, se, &many);
        }
    return NULL;
}

/* The figure's own item of the enumeration in [xs,xe) ("60 % pour X,
 * 29 % pour Y et 11 % pour Z"), *xs and *xe narrowed to it: its value of
 * d (*many when the item names several).  0 when the clause is one item. */
static int item_value(const attribute_ctx *c, const attribute_block *b, int d, size_t m,
                      size_t *xs, size_t *xe, const char **v, int *many)
{
    size_t is, ie;
    attribute_item_at(c, b, m, *xs, *xe, &is, &ie);
    if (is == *xs && ie == *xe)
        return 0;
    *xs = is;
    *xe = ie;
    *v = attribute_unique_in(c, d, is, ie, many);
    return 1;
}

/* Region or sector from the clause (the region's widened over an
 * enumeration; a sector's, in a ";" list of figures, its item of the list
 * when that names one).  When the clause names several, the figure's own
 * item's (item_value; one value in the clause is all its figures',
 * "connected 1,200 households" after "solar street lights and"), and a
 * share's always (shares split a whole by sector: "25% à l'éducation et
 * 20% à l'eau").  "livelihoods 12% and the rule of law 8%": with several
 * sectors in its item, a share takes the one written next to it.  A
 * sector named before the sentence's first figure, in a clause of no
 * figure, is all its figures' (attribute_sentence_head).  *blocked when
 * the clause names several and the item settles none. */
static const char *clause_value(const attribute_ctx *c, const attribute_block *b, int d, size_t m,
                                const fig_scopes *f, int *blocked, unsigned char *from)
{
    const scan_item *s = &c->it[m];
    size_t xs = f->cs, xe = f->ce;
    int many = 0;
    const char *lab;
    if (attribute_inline_chart(c, b, d, m, &lab)) {   /* labels and figures in rows */
        *blocked = !lab;
        *from = lab ? ATTR_FROM_LABEL : ATTR_FROM_NONE;
        return lab;
    }
    size_t li, le;
    if (d == D_REGION)
        attribute_enumeration(c, d, f->ss, f->se, &xs, &xe);
    else if (attribute_list_item(c, b, f->ss, f->se, m, &li, &le) &&
             (attribute_unique_in(c, d, li, le, &many) || many))
        xs = li, xe = le;         /* a sector: its item of a ";" list */
    const char *v = attribute_unique_in(c, d, xs, xe, &many);
    int named = v || many;
    if ((many || (v && d == D_SECTOR && s->kind == SCAN_PERCENT)) &&
        !(d == D_REGION && s->part_of_prev) &&
        item_value(c, b, d, m, &xs, &xe, &v, &many)) {  /* a part's place: emit */
        if (many && s->kind == SCAN_PERCENT && d == D_SECTOR)
            v = attribute_nearest_in(c, d, xs, xe, s->start, s->end, ATTR_SHARE_SECTOR_REACH);
    } else if (many && s->kind == SCAN_PERCENT && d == D_SECTOR)
        v = attribute_nearest_in(c, d, xs, xe, s->start, s->end, ATTR_SHARE_SECTOR_REACH);
    if (!named && d == D_REGION && attribute_list_item(c, b, f->ss, f->se, m, &li, &le)) {
        v = attribute_unclaimed_in(c, b, d, li, le, m, &many);
        named = v || many;        /* its own item of a ";" list */
        xs = li, xe = le;
    }
    if (!named && d == D_SECTOR) {
        v = attribute_sentence_head(c, b, d, f->ss, f->se);
        *blocked = 0;
        *from = origin(c, d, v, f->ss, f->se, ATTR_FROM_SENTENCE);
        return v;
    }
    *blocked = named && !v;       /* its item names none, or several */
    *from = origin(c, d, v, xs, xe, ATTR_FROM_CLAUSE);
    return v;
}

/* A region: unclaimed by another figure's clause; others: unique. */
static const char *range_value(const attribute_ctx *c, const attribute_block *b, int d, size_t s,
                               size_t e, size_t m, int *many)
{
    return d == D_REGION ? attribute_unclaimed_in(c, b, d, s, e, m, many)
                         : attribute_unique_in(c, d, s, e, many);
}

/* The paragraph: at most ATTR_PARAGRAPH_REACH bytes each side of the
 * figure, within its block; several values settle nothing. */
static const char *paragraph_value(const attribute_ctx *c, const attribute_block *b, int d, size_t m,
                                   unsigned char *from)
{
    const scan_item *s = &c->it[m];
    size_t ps = b->start, pe = b->end;
    int many;
    if (s->start > ps + ATTR_PARAGRAPH_REACH)
        ps = s->start - ATTR_PARAGRAPH_REACH;
    if (pe > s->end + ATTR_PARAGRAPH_REACH)
        pe = s->end + ATTR_PARAGRAPH_REACH;
    const char *v = range_value(c, b, d, ps, pe, m, &many);
    if (many)
        return NULL;
    *from = origin(c, d, v, ps, pe, ATTR_FROM_PARAGRAPH);
    return v;
}

/* The figure's scopes, its clause cut at the ";" of a list of figures
 * ("le Burundi, 8,5 millions de dollars ; la Somalie, ..."): a ";" before
 * a small letter ends no sentence, but ends that clause. */
static void list_scopes(const attribute_ctx *c, const attribute_block *b, size_t m,
                        const fig_scopes *f, fig_scopes *g)
{
    size_t li, le;
    *g = *f;
    if (!attribute_list_item(c, b, f->ss, f->se, m, &li, &le))
        return;
    if (g->cs < li)
        g->cs = li;
    if (g->ce > le)
        g->ce = le;
}

/* The country of figure m's clause ("..., including $11.5m for
 * Madagascar"; "$22m in CAR, Guinea and Niger": none, *many), or of its
 * item of a ";" list ("le Burundi, 8,5 M ; ..."), or of its own item of an
 * enumeration ("12 M pour le Mali et 8 M pour le Niger"): a country named
 * in another item is not its. */
static const char *clause_country(const attribute_ctx *c, const attribute_block *b, size_t m,
                                  const fig_scopes *f, int *many, size_t *rs, size_t *re)
{
    size_t xs = f->cs, xe = f->ce, li, le;
    if (attribute_list_item(c, b, f->ss, f->se, m, &li, &le))
        xs = li, xe = le;
    else
        attribute_enumeration(c, D_COUNTRY, f->ss, f->se, &xs, &xe);
    const char *v = attribute_unique_in(c, D_COUNTRY, xs, xe, many);
    if (v || *many)
        item_value(c, b, D_COUNTRY, m, &xs, &xe, &v, many);
    if (v && attribute_country_listed(c, xs, xe))
        v = NULL, *many = 1;
    *rs = xs;                     /* the range it was read in */
    *re = xe;
    return v;
}

/* Dimension d of figure m from its own text: clause (list_scopes), its
 * item of a ";" list, sentence, paragraph, item (a sector only from its
 * clause). */
static const char *text_value(const attribute_ctx *c, const attribute_block *b, const walk *w, int d,
                              size_t m, const fig_scopes *fs, int *blocked, unsigned char *from)
{
    fig_scopes g;
    const fig_scopes *f = &g;
    list_scopes(c, b, m, fs, &g);
    *blocked = 0;
    *from = ATTR_FROM_NONE;
    if (d == D_SECTOR || d == D_REGION) {
        const char *v = clause_value(c, b, d, m, f, blocked, from);
        if (v || *blocked || d == D_SECTOR)
            return v;
    }
    int many;
    if (d == D_COUNTRY) {
        size_t xs, xe;
        const char *v = clause_country(c, b, m, f, &many, &xs, &xe);
        if (v || many) {
            *blocked = many;
            *from = origin(c, d, v, xs, xe, ATTR_FROM_CLAUSE);
            return v;
        }
    }
    const char *v = range_value(c, b, d, f->ss, f->se, m, &many);
    if (many && d == D_FUND) {    /* "Le PBF a alloué 3 M au Mali et le CERF
                                     2 M au Niger": its own item's */
        size_t is, ie;
        int imany;
        attribute_item_at(c, b, m, f->cs, f->ce, &is, &ie);
        const char *iv = attribute_unique_in(c, d, is, ie, &imany);
        if (iv && !imany) {
            *from = origin(c, d, iv, is, ie, ATTR_FROM_CLAUSE);
            return iv;
        }
    }
    if (many) {                   /* "Au Mali, il a financé 8 projets et 3
                                     projets au Niger": the 8 are Mali's */
        if (d == D_COUNTRY && (v = attribute_sentence_head(c, b, d, f->ss, f->se))) {
            *from = origin(c, d, v, f->ss, f->se, ATTR_FROM_SENTENCE);
            return v;
        }
        *blocked = 1;
        return NULL;
    }
    *from = origin(c, d, v, f->ss, f->se, ATTR_FROM_SENTENCE);
    if (!v)
        v = paragraph_value(c, b, d, m, from);
    if (!v && (v = w->item_val[d]))
        *from = w->item_from[d];
    return v;
}

/* What a block gives each of its figures besides their own text. */
typedef struct {
    int nofund;                   /* a donor's bulleted label above it     */
    const char *card_sector;
} block_ctx;

/* Is region r, as the gazetteer places it, in another country than
 * country (a place of the paragraph beside a figure of another country)?
 * A grouping joined in the text is not looked up. */
static int region_elsewhere(const gazetteer *gz, const char *r, const char *country)
{
    const attribute_gz_entry *e = attribute_gazetteer_get(gz, GZ_REGION, r);
    if (!e)
        e = attribute_gazetteer_get(gz, GZ_GROUPING, r);
    return e && e->country && country && strcmp(e->country, country);
}

/* The coordinates of figure m: its text, then its chart label, its card,
 * its section, the document; a blocked dimension stays empty. */
static void coordinates(const attribute_ctx *c, const attribute_block *b, const walk *w, size_t m,
                        const fig_scopes *f, const attribute_label *il, const block_ctx *bc,
                        const char *const doc_val[D__N], const char *v[D__N],
                        unsigned char from[D__N])
{
    int blocked[D__N];
    for (int d = 0; d < D__N; d++)
        v[d] = text_value(c, b, w, d, m, f, &blocked[d], &from[d]);
    if (attribute_fund_appeal(c, f->ss, c->it[m].start))
        v[D_FUND] = NULL, blocked[D_FUND] = 1;   /* an appeal's figure */
    else if (bc->nofund && !v[D_FUND])
        blocked[D_FUND] = 1;
    if (blocked[D_COUNTRY]) {     /* several countries: none of their regions */
        v[D_REGION] = NULL;
        blocked[D_REGION] = 1;
    }
    for (int d = 0; d < D__N; d++)
        if (il->paired && !v[d] && !blocked[d] && il->val[d])
            v[d] = il->val[d], from[d] = ATTR_FROM_LABEL;
    if (!v[D_SECTOR] && !blocked[D_SECTOR] && bc->card_sector)
        v[D_SECTOR] = bc->card_sector, from[D_SECTOR] = ATTR_FROM_ITEM;
    if (!v[D_SECTOR] && !blocked[D_SECTOR] &&   /* "Le coût de ce projet est de" */
        (v[D_SECTOR] = attribute_project_sector(c, b, f->ss, f->se)))
        from[D_SECTOR] = ATTR_FROM_PARAGRAPH;    /* the sentence before */
    if (!v[D_COUNTRY] && !v[D_REGION] && attribute_worldwide(c, f->ss, f->se))
        blocked[D_COUNTRY] = blocked[D_REGION] = 1;   /* "dans le monde" */
    for (int d = 0; d < D__N; d++)
        if (!v[d] && !blocked[d] && (v[d] = w->sec.val[d]))
            from[d] = w->sec_from[d];
    for (int d = 0; d < D__N; d++)
        if (!v[d] && !blocked[d] && (v[d] = doc_val[d]))
            from[d] = w->doc_from[d];
    if (v[D_REGION] && region_elsewhere(c->gz, v[D_REGION], v[D_COUNTRY]))
        v[D_REGION] = NULL;       /* Bangui is no region of Madagascar */
    v[D_FUND] = attribute_fund_known(v[D_FUND]);   /* "the trust fund": which? */
    for (int d = 0; d < D__N; d++)
        if (!v[d])
            from[d] = ATTR_FROM_NONE;
}

/* FCFA is XOF in West Africa, XAF in Central Africa: the country of the
 * figure settles it; otherwise it stays ambiguous. */
static void settle_currency(const gazetteer *gz, obs *o)
{
    const char *code = !strcmp(o->unit, "XOF") || !strcmp(o->unit, "XAF") ? "FCFA" : o->unit;
    const attribute_gz_entry *cur = attribute_gazetteer_get(gz, GZ_CURRENCY, code);
    const attribute_gz_entry *r = cur ? attribute_gazetteer_currency_for(gz, cur, o->country) : NULL;
    if (r && r->id)
        o->unit = r->id;
    else
        o->currency_ambiguous = 1;
}

/* Is the period y1-y2 stated in [s,e) as fiscal years one by one
 * ("exercices 2018-2019 et 2019-2020"), so that its figures are per year? */
static int each_year_in(const attribute_ctx *c, const attribute_block *b, size_t s, size_t e, int y1,
                        int y2)
{
    for (size_t i = attribute_first_item(c, b, s); i < b->it1 && c->it[i].start < e; i++) {
        const scan_item *it = &c->it[i];
        if (it->kind == SCAN_PERIOD && it->each_year && it->d1.year == y1 && it->d2.year == y2)
            return 1;
    }
    return 0;
}

/* A clause opening with an apposition ("..., soit 785 projets") restates
 * the clause before it: with no period of its own, it has that one's. */
static int apposition_period(const attribute_ctx *c, const attribute_block *b, const fig_scopes *f,
                             int *y1, int *y2, int *pk)
{
    const char *t = c->doc->text;
    size_t a = f->cs, ps, pe;
    while (a < f->ce && (t[a] == ' ' || t[a] == '\n'))
        a++;
    if (f->cs < f->ss + 2 || !attribute_apposition_at(c->gz, t, a))
        return 0;
    attribute_clause_at(t, f->ss, f->se, f->cs - 2, f->cs - 2, &ps, &pe);
    return attribute_unique_period(c, b, ps, pe, y1, y2, pk) == 1;
}

/* The start of the clause of the first figure of the sentence [ss,se). */
static size_t first_clause_start(const attribute_ctx *c, const attribute_block *b, size_t ss,
                                 size_t se)
{
    for (size_t k = attribute_first_item(c, b, ss); k < b->it1 && c->it[k].start < se; k++)
        if (attribute_is_figure(&c->it[k])) {
            size_t cs, ce;
            attribute_clause_at(c->doc->text, ss, se, c->it[k].start, c->it[k].end, &cs, &ce);
            return cs;
        }
    return ss;
}

/* The one period of figure m's sentence up to se (1; 0 none; -1 several):
 * with several, the one of the sentence's head, before its first figure's
 * clause ("In 2020, the Fund approved $173 million, just under the $191
 * million of 2019": 2020; the 191 has its own in its clause); in a ";" list of figures, its own item's, else the one before the
 * list's first figure ("Depuis 2014, 12 M au Mali ; 8 M au Niger"), never
 * another item's ("2013-14 amounting to $5 million; and a grant of $10
 * million"). */
static int sentence_period(const attribute_ctx *c, const attribute_block *b, const fig_scopes *f,
                           size_t m, size_t se, int *y1, int *y2, int *pk)
{
    size_t li, le;
    if (!attribute_list_item(c, b, f->ss, f->se, m, &li, &le)) {
        int r = attribute_unique_period(c, b, f->ss, se, y1, y2, pk);
        if (r == -1 && attribute_unique_period(c, b, f->ss, first_clause_start(c, b, f->ss, f->se),
                                               y1, y2, pk) == 1)
            return 1;             /* the sentence's head governs it */
        return r;
    }
    int r = attribute_unique_period(c, b, li, le < se ? le : se, y1, y2, pk);
    return r ? r : attribute_unique_period(c, b, f->ss, first_clause_start(c, b, f->ss, f->se),
                                           y1, y2, pk);
}

/* The period: nearest in the clause, else the one of the clause an
 * apposition restates, else the one of the sentence (two: none; in a ";"
 * list, sentence_period) up to the parts it opens ("De 2004 à 2016, 1 632
 * projets, dont 785 après le séisme de 2010": the 1 632 are of 2004-2016),
 * else the section's unless the figure is in a numbered story.  An open
 * start that an as-of date of the sentence ends ("depuis 2014 ... au 31
 * décembre 2020") is the span between them. */
static void period(const attribute_ctx *c, const attribute_block *b, const walk *w,
                   const scan_item *s, const fig_scopes *f, obs *o)
{
    int y1 = 0, y2 = 0, pk = 0;
    unsigned char from = ATTR_FROM_SENTENCE;
    size_t se = attribute_parts_start(c, s->end, f->se);
    fig_scopes g;                 /* "...2013-14 amounting to $5 million; and
                                     ... a grant of $10 million": not its year */
    list_scopes(c, b, (size_t)(s - c->it), f, &g);
    if (attribute_nearest_period(c, b, g.cs, g.ce, s->start, s->end, &y1, &y2, &pk)) {
        from = ATTR_FROM_CLAUSE;
    } else if (apposition_period(c, b, f, &y1, &y2, &pk) ||
               sentence_period(c, b, f, (size_t)(s - c->it), se, &y1, &y2, &pk) == 1) {
        /* stated in its sentence */
    } else if (sentence_period(c, b, f, (size_t)(s - c->it), se, &y1, &y2, &pk) == -1) {
        y1 = y2 = pk = 0;
    } else if (c->doc_year &&
               attribute_phrase_in(c->gz, GZ_PH_THIS_YEAR, c->doc->text, f->ss, f->se, NULL) !=
                   SIZE_MAX) {            /* "allocated this year": the document's */
        y1 = y2 = c->doc_year;
        pk = PERIOD_YEAR;
    } else if (!w->item_story) {
        y1 = w->sec.y1;
        y2 = w->sec.y2;
        pk = w->sec.pk;
        from = ATTR_FROM_HEADING;
    }
    if (pk == PERIOD_SINCE) {         /* "depuis 2014 ... au 31 décembre 2020" */
        int end = attribute_as_of_year(c, b, f->ss, f->se, y1);
        if (end) {
            y2 = end;
            pk = y1 == y2 ? PERIOD_YEAR : PERIOD_SPAN;
        }
    }
    o->from[OBS_FROM_PERIOD] = y1 ? from : ATTR_FROM_NONE;
    o->y1 = y1;
    o->y2 = y2;
    o->pkind = (period_kind)pk;
    if (y1 && o->qual != SCAN_Q_MAX && each_year_in(c, b, f->ss, f->se, y1, y2))
        o->qual = SCAN_Q_PER_YEAR;    /* "pour les exercices 2018-2019 et 2019-2020" */
}

/* At most ATTR_SNIPPET_BYTES of [s,e) around the figure, whitespace
 * collapsed.  Arena-owned; NULL when memory runs out. */
static const char *make_snippet(arena *a, const char *t, size_t s, size_t e, size_t p0,
                                size_t p1)
{
    if (e - s > ATTR_SNIPPET_BYTES) {
        size_t half = ATTR_SNIPPET_BYTES / 2, mid = (p0 + p1) / 2;
        size_t ns = mid > s + half ? mid - half : s;
        size_t ne = ns + ATTR_SNIPPET_BYTES < e ? ns + ATTR_SNIPPET_BYTES : e;
        while (ns > s && ((unsigned char)t[ns] & 0xC0) == 0x80)
            ns--;
        while (ne < e && ((unsigned char)t[ne] & 0xC0) == 0x80)
            ne++;
        s = ns;
        e = ne;
    }
    char *o = arena_alloc(a, e - s + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    int sp = 1;
    for (size_t i = s; i < e; i++) {
        char ch = t[i];
        if (ch == '\n' || ch == '\t' || ch == '\r' || ch == ' ') {
            if (!sp)
                o[k++] = ' ';
            sp = 1;
            continue;
        }
        o[k++] = ch;
        sp = 0;
    }
    while (k > 0 && o[k - 1] == ' ')
        k--;
    o[k] = '\0';
    return o;
}

static ac_error push(arena *a, attribute_obs_list *out, const obs *o)
{
    if (out->n == out->cap) {
        size_t nc = out->cap ? out->cap * 2 : 64;
        obs *nv = arena_grow(a, out->v, out->n, nc, sizeof *nv);
        if (!nv)
            return AC_ERR_NOMEM;
        out->v = nv;
        out->cap = nc;
    }
    out->v[out->n++] = *o;
    return AC_OK;
}

/* The measure, value, unit and provenance of figure s. */
static ac_error figure_fields(const attribute_ctx *c, const attribute_block *b, const scan_item *s,
                              const char *doc_path, obs *o)
{
    const read_text_doc *doc = c->doc;
    memset(o, 0, sizeof *o);
    o->doc = doc->name;
    o->path = doc_path;
    o->line = read_text_line_of(doc, s->num_start);
    o->measure = attribute_measure_of(s);
    o->value = s->value;
    o->qual = s->qual;
    o->start = s->start;
    o->end = s->end;
    o->group = b->run;
    o->total = attribute_total_marker(c->gz, doc, b->start, b->end, s->start, s->end);
    o->currency_ambiguous = s->currency_ambiguous;
    if (s->kind == SCAN_AMOUNT) {
        o->unit = s->currency[0] ? arena_strdup(c->a, s->currency) : NULL;
        if (s->currency[0] && !o->unit)
            return AC_ERR_NOMEM;
    } else if (s->kind == SCAN_PERCENT)
        o->unit = "%";
    else
        o->unit = s->unit ? s->unit : "items";
    return AC_OK;
}

/* One observation for figure item m of block b. */
static ac_error emit(const attribute_ctx *c, const attribute_block *b, const walk *w, size_t m,
                     const attribute_label *il, const block_ctx *bc,
                     const char *const doc_val[D__N], const char *doc_path, attribute_obs_list *out)
{
    const scan_item *s = &c->it[m];
    const char *t = c->doc->text;
    obs o;
    ac_error err = figure_fields(c, b, s, doc_path, &o);
    if (err)
        return err;
    if (il[m].paired && il[m].label)
        o.label = il[m].label;
    fig_scopes f;
    attribute_sentence_at(t, b->start, b->end, s->start, &f.ss, &f.se);
    attribute_clause_at(t, f.ss, f.se, s->start, s->end, &f.cs, &f.ce);
    const char *v[D__N];
    coordinates(c, b, w, m, &f, &il[m], bc, doc_val, v, o.from);
    o.fund = v[D_FUND];
    o.country = v[D_COUNTRY];
    o.region = v[D_REGION];
    o.sector = v[D_SECTOR];
    if (s->kind == SCAN_AMOUNT && s->currency_ambiguous && o.unit)
        settle_currency(c->gz, &o);
    if (s->part_of_prev) {            /* "dont 12 à Gao": a part, its place; the
                                         45 it splits is not a total of them
                                         (a subset, not a partition: no sum) */
        const char *r = attribute_part_region(c, b, m, f.se);
        if (r && (!o.region || strcmp(r, o.region))) {
            o.region = r;             /* a figure of its own region: it states
                                         that region's cell */
            o.from[D_REGION] = origin(c, D_REGION, r, s->end, f.se, ATTR_FROM_CLAUSE);
        }
        else
            o.part = 1;               /* the same coordinate: a part of it */
    }
    o.restates = attribute_restatement(c, m);
    period(c, b, w, s, &f, &o);
    o.sentence = (int)f.ss + 1;   /* unique per sentence in the doc */
    o.average = o.measure == OBS_AMOUNT && attribute_average(c, f.ss, m);
    o.project = o.measure == OBS_AMOUNT && !o.total && !o.group && !o.average &&
                attribute_one_project(c, f.ss, m);
    o.snippet = make_snippet(c->a, t, f.ss, f.se, s->start, s->end);
    if (!o.snippet)
        return AC_ERR_NOMEM;
    return push(c->a, out, &o);
}

/* The figures of block k, after the walk's state is updated for it. */
static ac_error block_figures(const attribute_ctx *c, walk *w, size_t k, const attribute_label *il,
                              const char *const doc_val[D__N], const char *doc_path,
                              diag *dg, attribute_obs_list *out)
{
    const attribute_block *b = &c->b[k];
    const read_text_doc *doc = c->doc;
    block_ctx bc = {label_nofund(c, k), card_sector(c, k)};
    size_t block_first = out->n;
    for (size_t m = b->it0; m < b->it1; m++) {
        const scan_item *s = &c->it[m];
        if (!attribute_is_figure(s))
            continue;
        if (s->out_of_range) {
            diag_warn(dg, doc->path, read_text_line_of(doc, s->num_start),
                      s->malformed ? "malformed number \"%.*s\" (a group of digits of the "
                                     "wrong length): not used"
                                   : "number out of range \"%.*s\": not used",
                      (int)(s->end - s->start), doc->text + s->start);
            continue;
        }
        ac_error err = emit(c, b, w, m, il, &bc, doc_val, doc_path, out);
        if (err)
            return err;
    }
    if (!b->run)
        attribute_group_breakdown(out, block_first, k);
    return AC_OK;
}

ac_error attribute_resolve(const attribute_ctx *c, const attribute_label *il,
                      const char *const doc_val[D__N], diag *dg, attribute_obs_list *out)
{
    const char *doc_path = arena_strdup(c->a, c->doc->path ? c->doc->path : c->doc->name);
    if (!doc_path)
        return AC_ERR_NOMEM;
    walk w;
    memset(&w, 0, sizeof w);
    for (int d = 0; d < D__N; d++)
        w.doc_from[d] = origin(c, d, doc_val[d], 0, c->doc->len, ATTR_FROM_DOCUMENT);
    for (size_t k = 0; k < c->n_b; k++) {
        const attribute_block *b = &c->b[k];
        if (attribute_title_alone(c, b))   /* a new section: the period of the one */
            w.sec.y1 = w.sec.y2 = w.sec.pk = 0;   /* before ends here      */
        if (b->kind == BLK_HEADING) {
            enter_heading(c, &w, b);
            continue;
        }
        if (w.item_left > 0 && --w.item_left == 0) {
            memset(w.item_val, 0, sizeof w.item_val);
            w.item_story = 0;
        }
        if (b->item && b->kind != BLK_FIGURE)
            enter_item(c, &w, k);
        ac_error err = block_figures(c, &w, k, il, doc_val, doc_path, dg, out);
        if (err)
            return err;
    }
    return AC_OK;
}
