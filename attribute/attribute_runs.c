/*
 * attribute_runs.c — charts: runs of figure and label blocks, and their captions.
 *
 * Purpose: a chart extracted from a PDF or a web page is a run of short
 * lines: labels ("Santé", "RESA") and figures ("7%", "51 QIPs").  The run's
 * shares get one group id, so checks verify they add up to 100; a figure
 * paired with its label takes the label's sector, region and fund.
 *
 * Data flow: classified blocks ─▶ attribute_find_runs (run ids; pairing by one
 * of three layouts: label then its figures, figures then their labels, a
 * lone label with one figure; a legend cut out of a flattened line by its
 * alternation or its row of names) ─▶ (resolution) ─▶ attribute_captions (a caption
 * heading just below a run gives the run its period and fund).
 *
 * Invariants: a figure is paired with at most one label; pairing happens
 * only when the layout is unambiguous, otherwise nothing is paired (a
 * legend cut out of a flattened line: only when its names and figures
 * alternate one to one).
 *
 * Memory: labels are in the caller's array (one per item, arena-owned);
 * the caption table is arena-allocated.
 */
#include <string.h>

#include "attribute_int.h"

static int figure_or_label(const attribute_block *b)
{
    return b->kind == BLK_FIGURE || b->kind == BLK_LABEL;
}

static void pair_label(attribute_label *il, const attribute_block *lab)
{
    il->val[D_FUND] = lab->val[D_FUND];
    il->val[D_REGION] = lab->val[D_REGION];
    il->val[D_SECTOR] = lab->val[D_SECTOR];
    il->label = lab->val[D_SECTOR] ? lab->val[D_SECTOR] : lab->val[D_REGION];
    il->paired = 1;
}

/* Every figure of block f takes label block lab. */
static void pair_block(const attribute_ctx *c, attribute_label *il, const attribute_block *f,
                       const attribute_block *lab)
{
    for (size_t m = f->it0; m < f->it1; m++)
        if (attribute_is_figure(&c->it[m]))
            pair_label(&il[m], lab);
}

/* Label first, never two labels in a row, ending with a figure:
 * L F L F F F L F F ... */
static int labels_lead(const attribute_ctx *c, size_t i, size_t j)
{
    if (c->b[i].kind != BLK_LABEL || c->b[j - 1].kind == BLK_LABEL)
        return 0;
    for (size_t k = i; k + 1 < j; k++)
        if (c->b[k].kind == BLK_LABEL && c->b[k + 1].kind == BLK_LABEL)
            return 0;
    return 1;
}

/* Each label line takes the figure lines below it up to the next label. */
static void pair_labels_lead(const attribute_ctx *c, attribute_label *il, size_t i, size_t j)
{
    size_t lab = i;
    for (size_t k = i; k < j; k++) {
        if (c->b[k].kind == BLK_LABEL)
            lab = k;
        else
            pair_block(c, il, &c->b[k], &c->b[lab]);
    }
}

/* Split count lines [f0,l0) into groups, a group ending when a fund
 * repeats; returns the number of groups (their starts in gstart), or 0
 * when a line is not one count or there are too many groups. */
static size_t count_groups(const attribute_ctx *c, size_t f0, size_t l0, size_t *gstart)
{
    const char *seen[ATTR_RUN_MAX_FUNDS];
    size_t nseen = 0, ng = 0;
    for (size_t f = f0; f < l0; f++) {
        if (c->b[f].fig_measure != OBS_COUNT || c->b[f].n_figures != 1)
            return 0;
        const char *fund = c->b[f].val[D_FUND];
        int rep = ng == 0;
        for (size_t s = 0; s < nseen && !rep; s++)
            if (fund && !strcmp(seen[s], fund))
                rep = 1;
        if (rep) {
            if (ng >= ATTR_RUN_MAX_GROUPS)
                return 0;
            gstart[ng++] = f;
            nseen = 0;
        }
        if (fund && nseen < ATTR_RUN_MAX_FUNDS)
            seen[nseen++] = fund;
    }
    return ng;
}

/* Counts first, then their labels: F.. L.. F.. L.. ; several stacked
 * labels take the figure groups in order, when the numbers match. */
static void pair_labels_follow(const attribute_ctx *c, attribute_label *il, size_t i, size_t j)
{
    size_t k = i;
    while (k < j) {
        size_t f0 = k;
        while (k < j && c->b[k].kind == BLK_FIGURE)
            k++;
        size_t l0 = k;
        while (k < j && c->b[k].kind == BLK_LABEL)
            k++;
        size_t nl = k - l0, gstart[ATTR_RUN_MAX_GROUPS];
        if (nl == 0 || l0 == f0 || count_groups(c, f0, l0, gstart) != nl)
            continue;
        for (size_t g = 0; g < nl; g++) {
            size_t gend = g + 1 < nl ? gstart[g + 1] : l0;
            for (size_t f = gstart[g]; f < gend; f++)
                pair_block(c, il, &c->b[f], &c->b[l0 + g]);
        }
    }
}

/* Rule "legend pairing": a legend cut out of a flattened line pairs its
 * names with its figures only when they alternate one to one (L F L F ...
 * or F L F L ...): a map's labels flattened among its figures ("39 QIPs
 * Bamako 62 QIPs Taoudéni 33 TF 5 PBF 17 TF ALGERIA") stand where the
 * extractor put them, not beside their figures, and are paired with none. */
static int legend_run(const attribute_ctx *c, size_t i, size_t j)
{
    for (size_t k = i; k < j; k++)
        if (c->b[k].legend)
            return c->b[k].legend;
    return 0;
}

/* Do the blocks of legend id, names and figures, alternate one to one over
 * the whole legend (a name that names nothing the gazetteer knows counts:
 * "ALGERIA" between two figures breaks the alternation all the same)? */
static int alternating(const attribute_ctx *c, int id)
{
    size_t n = 0;
    int prev = -1;
    for (size_t k = 0; k < c->n_b; k++) {
        if (c->b[k].legend != id)
            continue;
        int fig = c->b[k].n_figures > 0;
        if (fig == prev || c->b[k].n_figures > 1)
            return 0;
        prev = fig;
        n++;
    }
    return n % 2 == 0;
}

/* Rule "legend rows": a legend whose names all stand in one row before its
 * figures ("Santé Education Agriculture 26% 9% 12%", cut out of a
 * flattened line) pairs them by rank when the row names as many values of
 * one dimension as there are figures, as attribute_inline_chart does in a
 * line of its own; otherwise nothing (four names and three figures are
 * never shifted by one).  Blocks [i, j) are the legend's run. */
static void pair_legend_rows(const attribute_ctx *c, attribute_label *il, size_t i, size_t j)
{
    const attribute_block *row = &c->b[i];
    if (row->n_figures || j - i < 2)
        return;
    for (size_t k = i + 1; k < j; k++)
        if (c->b[k].n_figures != 1)
            return;
    for (int d = 0; d < D__N; d++) {
        size_t names = 0;
        for (size_t x = row->mn0; x < row->mn1; x++)
            names += c->mn_val[d][x] != NULL;
        if (names != j - i - 1)
            continue;
        size_t x = row->mn0;
        for (size_t k = i + 1; k < j; k++, x++) {
            while (!c->mn_val[d][x])
                x++;
            size_t m = c->b[k].it0;
            while (!attribute_is_figure(&c->it[m]))
                m++;
            il[m].val[d] = il[m].label = c->mn_val[d][x];
            il[m].paired = 1;
        }
        return;
    }
}

/* A run of fewer than two figure lines: a lone label line is a heading; a
 * label line with its one figure line below is a pair.  A legend's lone
 * name is neither (a map's place names scope nothing). */
static void short_run(attribute_ctx *c, attribute_label *il, size_t i, size_t j)
{
    if (legend_run(c, i, j))
        return;
    if (j - i == 1 && c->b[i].kind == BLK_LABEL)
        c->b[i].kind = BLK_HEADING;
    else if (j - i == 2 && c->b[i].kind == BLK_LABEL && c->b[i + 1].n_figures == 1)
        pair_block(c, il, &c->b[i + 1], &c->b[i]);
}

void attribute_find_runs(attribute_ctx *c, attribute_label *il)
{
    int run_id = 0;
    size_t i = 0;
    while (i < c->n_b) {
        if (!figure_or_label(&c->b[i])) {
            i++;
            continue;
        }
        size_t j = i;
        int nfig = 0;
        for (; j < c->n_b && figure_or_label(&c->b[j]); j++)
            nfig += c->b[j].kind == BLK_FIGURE;
        if (nfig >= 2) {
            run_id++;
            for (size_t k = i; k < j; k++)
                c->b[k].run = run_id;
            int legend = legend_run(c, i, j);
            if (legend && !alternating(c, legend))
                pair_legend_rows(c, il, i, j);
            else if (labels_lead(c, i, j))
                pair_labels_lead(c, il, i, j);
            else if (c->b[j - 1].kind == BLK_LABEL)
                pair_labels_follow(c, il, i, j);
        } else {
            short_run(c, il, i, j);
        }
        i = j;
    }
}

/* The caption of the run ending at block k: a heading, or a short text
 * line, stating a period within ATTR_CAPTION_BLOCKS blocks below, before
 * any other figure ("Budget QIPs par Secteur" / "2013-2017"). */
static const attribute_block *caption_below(const attribute_ctx *c, size_t k)
{
    for (size_t j = k + 1; j < c->n_b && j <= k + ATTR_CAPTION_BLOCKS; j++) {
        const attribute_block *b = &c->b[j];
        if (b->y1 && (b->kind == BLK_HEADING ||
                      (b->kind == BLK_TEXT && attribute_short_line(c, b))))
            return b;
        if (b->kind == BLK_FIGURE || b->run)
            return NULL;
    }
    return NULL;
}

/* A chart's caption may stand below it ("Répartition du Budget par Région
 * ... depuis 2013" under the slices): its period and fund hold for the
 * run's observations. */
ac_error attribute_captions(const attribute_ctx *c, attribute_obs_list *out, size_t first_obs)
{
    int max_run = 0;
    for (size_t k = 0; k < c->n_b; k++)
        if (c->b[k].run > max_run)
            max_run = c->b[k].run;
    const attribute_block **cap_of = arena_alloc(c->a, ((size_t)max_run + 1) * sizeof *cap_of);
    if (!cap_of)
        return AC_ERR_NOMEM;
    for (size_t k = 0; k < c->n_b; k++) {
        int run = c->b[k].run;
        if (run && !(k + 1 < c->n_b && c->b[k + 1].run == run) && !cap_of[run])
            cap_of[run] = caption_below(c, k);
    }
    for (size_t i = first_obs; i < out->n; i++) {
        obs *o = &out->v[i];
        const attribute_block *cap = o->group > 0 && o->group <= max_run ? cap_of[o->group] : NULL;
        if (!cap)
            continue;
        o->y1 = cap->y1;
        o->y2 = cap->y2;
        o->pkind = (period_kind)cap->pk;
        o->from[OBS_FROM_PERIOD] = cap->y1 ? ATTR_FROM_LABEL : ATTR_FROM_NONE;
        if (attribute_fund_known(cap->val[D_FUND]))
            o->fund = cap->val[D_FUND], o->from[D_FUND] = ATTR_FROM_LABEL;
    }
    return AC_OK;
}

/* ---- a chart flattened into running text ---------------------------------- */

/* Only spaces (or a separator among , ; /) in t[s,e)? */
static int run_gap(const char *t, size_t s, size_t e, int seps)
{
    if (s > e)
        return 0;
    for (size_t p = s; p < e; p++) {
        size_t k = attribute_hspace_len(t, p, e);
        if (k)
            p += k - 1;
        else if (t[p] != '\n' && !(seps && (t[p] == ',' || t[p] == ';' || t[p] == '/')))
            return 0;
    }
    return 1;
}

/* Labels of dimension d in a row (only spaces or separators between) ending
 * right before offset e (dir < 0) or starting right after offset s (dir > 0),
 * within [bs,be); their number, the first (in text order) in *first. */
static size_t label_row(const attribute_ctx *c, int d, size_t bs, size_t be, size_t at, int dir,
                        size_t *first)
{
    const char *t = c->doc->text;
    size_t n = 0, edge = at;
    if (dir < 0) {
        size_t i = c->n_mn;
        while (i > 0 && c->mn[i - 1].start >= at)
            i--;
        while (i > 0 && c->mn[i - 1].start >= bs && c->mn_val[d][i - 1] &&
               run_gap(t, c->mn[i - 1].end, edge, n > 0)) {
            i--;
            edge = c->mn[i].start;
            n++;
        }
        *first = i;
    } else {
        size_t i = 0;
        while (i < c->n_mn && c->mn[i].start < at)
            i++;
        *first = i;
        while (i < c->n_mn && c->mn[i].end <= be && c->mn_val[d][i] &&
               run_gap(t, edge, c->mn[i].start, n > 0)) {
            edge = c->mn[i].end;
            i++;
            n++;
        }
    }
    return n;
}

int attribute_inline_chart(const attribute_ctx *c, const attribute_block *b, int d, size_t m, const char **v)
{
    const char *t = c->doc->text;
    *v = NULL;
    size_t f0 = m, f1 = m + 1;
    while (f0 > b->it0 && attribute_is_figure(&c->it[f0 - 1]) &&
           c->it[f0 - 1].kind == c->it[m].kind && run_gap(t, c->it[f0 - 1].end, c->it[f0].start, 0))
        f0--;
    while (f1 < b->it1 && attribute_is_figure(&c->it[f1]) && c->it[f1].kind == c->it[m].kind &&
           run_gap(t, c->it[f1 - 1].end, c->it[f1].start, 0))
        f1++;
    if (f1 - f0 < ATTR_INLINE_CHART_MIN)
        return 0;
    size_t first, nl = label_row(c, d, b->start, b->end, c->it[f0].start, -1, &first);
    if (nl < ATTR_INLINE_CHART_MIN)
        nl = label_row(c, d, b->start, b->end, c->it[f1 - 1].end, 1, &first);
    if (nl < ATTR_INLINE_CHART_MIN)
        return 0;
    if (nl == f1 - f0)
        *v = c->mn_val[d][first + (m - f0)];
    return 1;
}
