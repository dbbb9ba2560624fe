/*
 * attribute.c — scopes and attribution (see attribute.h for the rules).
 *
 * Data flow for one document:
 *
 *   text ─▶ blocks (lines joined across PDF soft wraps) ─▶ classify each
 *   block (figure-only, label-only, heading, text) ─▶ runs of figure/label
 *   blocks (charts) and their label pairing ─▶ section context walk ─▶ one
 *   observation per amount, percentage and count.
 *
 * A PDF extraction wraps a paragraph into short lines that end with a space
 * (or a hyphen inside a word) and often separates them with blank lines; a
 * line that ends without one closes its block.  Web pages and word
 * processors write one paragraph per line, so a block is then one line.
 *
 * Invariants: items and mentions arrive sorted by start offset; every block
 * owns a contiguous range of each; every figure item yields exactly one
 * observation (nothing is dropped for lack of attributes).
 */
#include "attribute.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/diag.h"
#include "table.h"

typedef enum { BLK_TEXT, BLK_FIGURE, BLK_LABEL, BLK_HEADING } blk_kind;

enum { D_FUND, D_COUNTRY, D_REGION, D_SECTOR, D__N };

typedef struct {
    size_t start, end;            /* byte range in the text              */
    size_t it0, it1;              /* items [it0, it1)                     */
    size_t mn0, mn1;              /* mentions [mn0, mn1)                  */
    blk_kind kind;
    int n_figures;                /* amounts + percents + counts          */
    int fig_measure;              /* measure of its figures, -1 if mixed  */
    int bullet;
    int run;                      /* chart run id, 0 none                 */
    const char *val[D__N];        /* heading / label values (unique)      */
    int y1, y2, pk;               /* heading period                       */
    int residual;                 /* letters outside gazetteer mentions   */
    int item;                     /* starts a numbered or bulleted item   */
} block;

typedef struct {
    const char *val[D__N];
    int y1, y2, pk;
} scope;

typedef struct {
    const text_doc *doc;
    const gazetteer *gz;
    arena *a;
    scan_item *it;
    size_t n_it;
    gz_mention *mn;
    size_t n_mn;
    const char **mn_val[D__N];    /* per mention, value per dimension     */
    block *b;
    size_t n_b;
    int doc_year;
} ctx;

static int is_figure(const scan_item *s)
{
    return s->kind == SCAN_AMOUNT || s->kind == SCAN_PERCENT || s->kind == SCAN_COUNT;
}

/* Index of the first item of block b starting at or after offset s. */
static size_t first_item(const ctx *c, const block *b, size_t s)
{
    size_t lo = b->it0, hi = b->it1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->it[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first mention starting at or after offset s. */
static size_t first_mention(const ctx *c, size_t s)
{
    size_t lo = 0, hi = c->n_mn;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->mn[mid].start < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int measure_of(const scan_item *s)
{
    return s->kind == SCAN_AMOUNT ? OBS_AMOUNT
         : s->kind == SCAN_PERCENT ? OBS_SHARE : OBS_COUNT;
}

/* A horizontal space at t[i]: ASCII, tab, U+00A0, U+202F, U+2000..U+200A. */
static size_t hspace_len(const char *t, size_t i, size_t n)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t')
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
        unsigned char d = (unsigned char)t[i + 2];
        if ((d >= 0x80 && d <= 0x8A) || d == 0xAF)
            return 3;
    }
    return 0;
}

static int line_blank(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e;) {
        size_t k = hspace_len(t, i, e);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Does the line [s,e) end with a soft wrap (trailing space or word-hyphen)? */
static int soft_end(const char *t, size_t s, size_t e)
{
    if (e <= s)
        return 0;
    unsigned char last = (unsigned char)t[e - 1];
    if (last == ' ' || last == '\t')
        return 1;
    if (e >= s + 2 && (unsigned char)t[e - 2] == 0xC2 && last == 0xA0)
        return 1;
    if (last == '-' && e >= s + 2 && isalpha((unsigned char)t[e - 2]))
        return 1;
    return 0;
}

/* A line holding only a number or a percentage ("9%", "26%9%", "2% 1% 9%"). */
static int figure_only_line(const char *t, size_t s, size_t e)
{
    int digits = 0;
    for (size_t i = s; i < e;) {
        size_t k = hspace_len(t, i, e);
        if (k) {
            i += k;
            continue;
        }
        char ch = t[i];
        if (ch >= '0' && ch <= '9')
            digits++;
        else if (ch != '%' && ch != ',' && ch != '.')
            return 0;
        i++;
    }
    return digits > 0;
}

static ac_error build_blocks(ctx *c)
{
    const text_doc *d = c->doc;
    const char *t = d->text;
    size_t cap = d->n_lines + 1;
    c->b = arena_alloc(c->a, cap * sizeof *c->b);
    if (!c->b)
        return AC_ERR_NOMEM;
    c->n_b = 0;
    size_t l = 0;
    while (l < d->n_lines) {
        size_t ls = d->line_start[l];
        size_t le = l + 1 < d->n_lines ? d->line_start[l + 1] - 1 : d->len;
        if (line_blank(t, ls, le)) {
            l++;
            continue;
        }
        block *b = &c->b[c->n_b++];
        memset(b, 0, sizeof *b);
        b->start = ls;
        b->end = le;
        size_t p = ls;
        while (p < le && hspace_len(t, p, le))
            p += hspace_len(t, p, le);
        /* bullets: U+2022 •, U+F0A7/U+F0B7 (Symbol font), -, *, – */
        if (p < le && (t[p] == '*' || t[p] == '-' ||
                       ((unsigned char)t[p] == 0xE2 && p + 2 < le &&
                        (unsigned char)t[p + 1] == 0x80 &&
                        ((unsigned char)t[p + 2] == 0xA2 || (unsigned char)t[p + 2] == 0x93))))
            b->bullet = 1;
        {   /* numbered item: "3. Title", "2) ...", or "1." alone */
            size_t q = p;
            while (q < le && q - p < 3 && t[q] >= '0' && t[q] <= '9')
                q++;
            if (q > p && q < le && (t[q] == '.' || t[q] == ')') &&
                (q + 1 >= le || t[q + 1] == ' '))
                b->item = 1;
            else if (q > p && line_blank(t, q, le))
                b->item = 1;
        }
        if (b->bullet)
            b->item = 1;
        l++;
        /* join soft-wrapped continuation lines, across at most 2 blank lines */
        while (soft_end(t, ls, le)) {
            size_t nl = l, blanks = 0;
            while (nl < d->n_lines) {
                size_t s2 = d->line_start[nl];
                size_t e2 = nl + 1 < d->n_lines ? d->line_start[nl + 1] - 1 : d->len;
                if (!line_blank(t, s2, e2))
                    break;
                nl++;
                blanks++;
            }
            if (nl >= d->n_lines || blanks > 2)
                break;
            size_t ns = d->line_start[nl];
            size_t ne = nl + 1 < d->n_lines ? d->line_start[nl + 1] - 1 : d->len;
            if (figure_only_line(t, ns, ne))
                break;      /* a chart value under its label: "Economie locale " / "9%" */
            ls = ns;
            le = ne;
            b->end = le;
            l = nl + 1;
        }
    }
    return AC_OK;
}

/* ---- mention values per dimension --------------------------------------- */

static int programme_country(const gazetteer *gz, const char *iso)
{
    for (size_t i = 0;; i++) {
        const gz_entry *e = gazetteer_nth(gz, GZ_REGION, i);
        if (!e)
            return 0;
        if (e->country && !strcmp(e->country, iso))
            return 1;
    }
}

static ac_error mention_values(ctx *c)
{
    for (int d = 0; d < D__N; d++) {
        c->mn_val[d] = arena_alloc(c->a, (c->n_mn + 1) * sizeof(char *));
        if (!c->mn_val[d])
            return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n_mn; i++) {
        const gz_entry *e = c->mn[i].entry;
        switch (e->type) {
        case GZ_FUND:
            c->mn_val[D_FUND][i] = e->id;
            break;
        case GZ_COUNTRY:
            if (programme_country(c->gz, e->id))
                c->mn_val[D_COUNTRY][i] = e->id;
            break;
        case GZ_MISSION:
            c->mn_val[D_COUNTRY][i] = e->country;
            break;
        case GZ_REGION:
        case GZ_GROUPING:      /* "Gao / Ménaka" as the grouping, not Gao */
            c->mn_val[D_REGION][i] = e->name;
            c->mn_val[D_COUNTRY][i] = e->country;
            break;
        case GZ_LOCALITY:
            c->mn_val[D_REGION][i] = e->region;
            c->mn_val[D_COUNTRY][i] = e->country;
            break;
        case GZ_SECTOR:
            c->mn_val[D_SECTOR][i] = e->name;
            break;
        default:
            break;
        }
    }
    /* Reported groupings of two regions: "Tombouctou / Taoudénit",
     * "Gao - Ménaka".  The first mention carries "A / B", the second none. */
    const char *t = c->doc->text;
    for (size_t i = 0; i + 1 < c->n_mn; i++) {
        const char *r1 = c->mn_val[D_REGION][i], *r2 = c->mn_val[D_REGION][i + 1];
        if (!r1 || !r2 || !strcmp(r1, r2) || c->mn[i].entry->type != GZ_REGION ||
            c->mn[i + 1].entry->type != GZ_REGION)
            continue;
        size_t p = c->mn[i].end, q = c->mn[i + 1].start;
        int sep = 0, ok = 1;
        while (p < q) {
            size_t k = hspace_len(t, p, q);
            if (k) { p += k; continue; }
            if (t[p] == '\n') { p++; continue; }
            if ((t[p] == '/' || t[p] == '-') && !sep) { sep = 1; p++; continue; }
            ok = 0;
            break;
        }
        if (!ok || !sep)
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

/* The unique value of dimension d among mentions [m0,m1) within [s,e);
 * *many is set when two different values appear. */
static const char *unique_in(const ctx *c, int d, size_t s, size_t e, int *many)
{
    const char *v = NULL;
    *many = 0;
    for (size_t i = first_mention(c, s); i < c->n_mn; i++) {
        if (c->mn[i].start >= e)
            break;
        const char *x = c->mn_val[d][i];
        if (!x)
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
static const char *nearest_in(const ctx *c, int d, size_t s, size_t e, size_t p0,
                              size_t p1, size_t max)
{
    const char *best = NULL;
    size_t best_dist = (size_t)-1, other_dist = (size_t)-1;
    for (size_t i = first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++) {
        const gz_mention *m = &c->mn[i];
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

/* ---- periods -------------------------------------------------------------- */

static int period_of(const ctx *c, const scan_item *s, int *y1, int *y2, int *pk)
{
    if (s->kind != SCAN_PERIOD || s->invalid)
        return 0;
    switch (s->pkind) {
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
    if (*y1 < 1900 || *y2 < *y1 || *y2 > 2100)
        return 0;
    *pk = (int)s->pkind == PERIOD_SINCE ? PERIOD_SINCE : *y1 == *y2 ? PERIOD_YEAR : (int)s->pkind;
    return 1;
}

/* ---- block classification ------------------------------------------------- */

static int count_letters_outside(const ctx *c, const block *b, int skip_items,
                                 int skip_all_mentions)
{
    const char *t = c->doc->text;
    int letters = 0;
    size_t ii = b->it0, mi = b->mn0;
    for (size_t p = b->start; p < b->end;) {
        if (skip_items) {
            while (ii < b->it1 && c->it[ii].end <= p)
                ii++;
            if (ii < b->it1 && c->it[ii].start <= p) {
                p = c->it[ii].end;
                continue;
            }
        }
        while (mi < b->mn1 && c->mn[mi].end <= p)
            mi++;
        if (mi < b->mn1 && c->mn[mi].start <= p &&
            (skip_all_mentions || c->mn[mi].entry->type == GZ_FUND ||
             c->mn[mi].entry->type == GZ_CURRENCY)) {
            p = c->mn[mi].end;
            continue;
        }
        unsigned char ch = (unsigned char)t[p];
        if (isalpha(ch) || ch >= 0xC0)
            letters++;
        p++;
    }
    return letters;
}

static int word_count(const char *t, size_t s, size_t e)
{
    int w = 0, in = 0;
    for (size_t i = s; i < e; i++) {
        int sp = t[i] == ' ' || t[i] == '\n' || t[i] == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

static int has_digit(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (isdigit((unsigned char)t[i]))
            return 1;
    return 0;
}

static size_t trim_end(const char *t, size_t s, size_t e)
{
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t'))
        e--;
    return e;
}

static void classify(ctx *c, block *b)
{
    const char *t = c->doc->text;
    b->fig_measure = -2;
    int periods = 0;
    for (size_t i = b->it0; i < b->it1; i++) {
        if (is_figure(&c->it[i])) {
            b->n_figures++;
            int m = measure_of(&c->it[i]);
            b->fig_measure = b->fig_measure == -2 ? m : b->fig_measure == m ? m : -1;
        } else if (c->it[i].kind == SCAN_PERIOD)
            periods++;
    }
    int many_sector = 0;
    for (int d = 0; d < D__N; d++) {
        int many;
        b->val[d] = unique_in(c, d, b->start, b->end, &many);
        if (many && d == D_SECTOR)
            many_sector = 1;
    }
    for (size_t i = b->it0; i < b->it1; i++) {
        int y1, y2, pk;
        if (period_of(c, &c->it[i], &y1, &y2, &pk)) {
            if (b->y1 && (b->y1 != y1 || b->y2 != y2)) {
                b->y1 = b->y2 = 0;
                break;
            }
            b->y1 = y1;
            b->y2 = y2;
            b->pk = pk;
        }
    }
    size_t e = trim_end(t, b->start, b->end);
    if (b->n_figures > 0) {
        /* figure-only: nothing but figures, fund names and a few letters
         * ("Total :", "Budget :") */
        if (count_letters_outside(c, b, 1, 0) <= 8)
            b->kind = BLK_FIGURE;
        return;
    }
    int has_val = b->val[D_FUND] || b->val[D_REGION] || b->val[D_SECTOR] ||
                  b->val[D_COUNTRY];
    if ((has_val || many_sector) && !has_digit(t, b->start, b->end) && e - b->start <= 100 &&
        count_letters_outside(c, b, 0, 1) <= 3) {
        /* a chart label naming a sector and, in brackets, a sub-sector:
         * the first one names the slice */
        if (many_sector)
            for (size_t i = b->mn0; i < b->mn1; i++)
                if (c->mn_val[D_SECTOR][i]) {
                    b->val[D_SECTOR] = c->mn_val[D_SECTOR][i];
                    break;
                }
        b->kind = BLK_LABEL;
        return;
    }
    b->residual = count_letters_outside(c, b, 0, 1);
    int words = word_count(t, b->start, e);
    char last = e > b->start ? t[e - 1] : 0;

    if ((has_val || b->y1) && e - b->start <= (b->bullet ? 160u : 100u) &&
        words <= (b->bullet ? 20 : 12) && last != '.' && last != ',' && last != ';')
        b->kind = BLK_HEADING;
}

/* A short line: a heading, or a title-like line (at most 16 words, no final
 * period), not part of a chart. */
static int short_line(const ctx *c, const block *b)
{
    if (b->kind == BLK_HEADING)
        return 1;
    if (b->kind != BLK_TEXT)
        return 0;
    size_t e = trim_end(c->doc->text, b->start, b->end);
    char last = e > b->start ? c->doc->text[e - 1] : 0;
    return word_count(c->doc->text, b->start, e) <= 16 && last != '.' && last != ':' &&
           last != ';';
}

/* Is the line before offset s (or after offset e) blank, or the edge of
 * the text? */
static int blank_before(const text_doc *d, size_t s)
{
    if (s == 0)
        return 1;
    long l = reader_line_of(d, s) - 1;        /* 1-based line of s */
    if (l < 1)
        return 1;
    size_t ps = d->line_start[l - 1], pe = d->line_start[l] - 1;
    return line_blank(d->text, ps, pe);
}

static int blank_after(const text_doc *d, size_t e)
{
    long l = reader_line_of(d, e > 0 ? e - 1 : 0);   /* 1-based line of e */
    if ((size_t)l >= d->n_lines)
        return 1;
    size_t ns = d->line_start[l];
    size_t ne = (size_t)l + 1 < d->n_lines ? d->line_start[l + 1] - 1 : d->len;
    return line_blank(d->text, ns, ne);
}

/* A section title that states no period, fund, place or sector: a short
 * line standing alone between blank lines, with no digit, that is not an
 * item of a list, a chart label or a field of a form ("Highlights of the
 * quarter", "Nouvelles contributions", "Background", "Videos").  It opens a
 * section of its own, so the period of the section before does not reach
 * past it. */
static int title_alone(const ctx *c, const block *b)
{
    const char *t = c->doc->text;
    if (b->kind != BLK_TEXT || b->item || b->run || b->n_figures || b->y1 ||
        b->val[D_FUND] || b->val[D_REGION] || b->val[D_SECTOR] || b->val[D_COUNTRY] ||
        has_digit(t, b->start, b->end) || !short_line(c, b))
        return 0;
    return blank_before(c->doc, b->start) && blank_after(c->doc, b->end);
}

/* ---- charts: runs of figure and label blocks ------------------------------- */

typedef struct {
    const char *val[D__N];
    const char *label;
    int paired;
} item_label;

static void pair_label(item_label *il, const block *lab)
{
    il->val[D_FUND] = lab->val[D_FUND];
    il->val[D_REGION] = lab->val[D_REGION];
    il->val[D_SECTOR] = lab->val[D_SECTOR];
    il->label = lab->val[D_SECTOR] ? lab->val[D_SECTOR] : lab->val[D_REGION];
    il->paired = 1;
}

static void find_runs(ctx *c, item_label *il)
{
    int run_id = 0;
    size_t i = 0;
    while (i < c->n_b) {
        if (c->b[i].kind != BLK_FIGURE && c->b[i].kind != BLK_LABEL) {
            i++;
            continue;
        }
        size_t j = i;
        int nfig = 0;
        while (j < c->n_b && (c->b[j].kind == BLK_FIGURE || c->b[j].kind == BLK_LABEL)) {
            if (c->b[j].kind == BLK_FIGURE)
                nfig++;
            j++;
        }
        if (nfig >= 2) {
            run_id++;
            for (size_t k = i; k < j; k++)
                c->b[k].run = run_id;
            /* label first: each label line takes the figure lines below it
             * up to the next label (L F L F F F L F F ...) */
            int alt = c->b[i].kind == BLK_LABEL;
            for (size_t k = i; alt && k + 1 < j; k++)
                if (c->b[k].kind == BLK_LABEL && c->b[k + 1].kind == BLK_LABEL)
                    alt = 0;
            if (alt && c->b[j - 1].kind == BLK_LABEL)
                alt = 0;
            if (alt) {
                size_t lab = i;
                for (size_t k = i; k < j; k++) {
                    if (c->b[k].kind == BLK_LABEL) {
                        lab = k;
                        continue;
                    }
                    for (size_t m = c->b[k].it0; m < c->b[k].it1; m++)
                        if (is_figure(&c->it[m]))
                            pair_label(&il[m], &c->b[lab]);
                }
            } else if (c->b[j - 1].kind == BLK_LABEL) {
                /* counts first, then their labels: F.. L.. F.. L.. ; several
                 * stacked labels take the figure groups in order, a group
                 * ending when a fund repeats */
                size_t k = i;
                while (k < j) {
                    size_t f0 = k;
                    while (k < j && c->b[k].kind == BLK_FIGURE)
                        k++;
                    size_t l0 = k;
                    while (k < j && c->b[k].kind == BLK_LABEL)
                        k++;
                    size_t nl = k - l0;
                    if (nl == 0 || l0 == f0)
                        continue;
                    size_t gstart[64], ng = 0;
                    const char *seen[16];
                    size_t nseen = 0;
                    int ok = 1;
                    for (size_t f = f0; f < l0 && ok; f++) {
                        if (c->b[f].fig_measure != OBS_COUNT || c->b[f].n_figures != 1) {
                            ok = 0;
                            break;
                        }
                        const char *fund = c->b[f].val[D_FUND];
                        int rep = ng == 0;
                        for (size_t s = 0; s < nseen && !rep; s++)
                            if (fund && !strcmp(seen[s], fund))
                                rep = 1;
                        if (rep) {
                            if (ng >= 64) { ok = 0; break; }
                            gstart[ng++] = f;
                            nseen = 0;
                        }
                        if (fund && nseen < 16)
                            seen[nseen++] = fund;
                    }
                    if (!ok || ng != nl)
                        continue;
                    for (size_t g = 0; g < ng; g++) {
                        size_t gend = g + 1 < ng ? gstart[g + 1] : l0;
                        for (size_t f = gstart[g]; f < gend; f++)
                            for (size_t m = c->b[f].it0; m < c->b[f].it1; m++)
                                if (is_figure(&c->it[m]))
                                    pair_label(&il[m], &c->b[l0 + g]);
                    }
                }
            }
        } else {
            /* a lone label line is a heading; a label line with its one
             * figure line below is a pair */
            if (j - i == 1 && c->b[i].kind == BLK_LABEL)
                c->b[i].kind = BLK_HEADING;
            else if (j - i == 2 && c->b[i].kind == BLK_LABEL &&
                     c->b[i + 1].n_figures == 1)
                for (size_t m = c->b[i + 1].it0; m < c->b[i + 1].it1; m++)
                    if (is_figure(&c->it[m]))
                        pair_label(&il[m], &c->b[i]);
        }
        i = j;
    }
}

/* ---- sentences and clauses ------------------------------------------------ */

static int is_upper_start(const char *t, size_t p, size_t e)
{
    if (p >= e)
        return 0;
    unsigned char ch = (unsigned char)t[p];
    return isupper(ch) || isdigit(ch) || ch == 0xC3 /* É, À ... */ || ch == 0xE2;
}

/* Sentence around offset pos within [s,e). */
/* No sentence is longer than this: beyond it (a table flattened into one
 * line, a run-on list) the window stops, which keeps attribution linear. */
#define MAX_SENTENCE 1500

static void sentence_at(const char *t, size_t s, size_t e, size_t pos,
                        size_t *ss, size_t *se)
{
    if (pos > s + MAX_SENTENCE) {
        s = pos - MAX_SENTENCE;
        while (s < pos && ((unsigned char)t[s] & 0xC0) == 0x80)
            s++;
    }
    if (e > pos + MAX_SENTENCE) {
        e = pos + MAX_SENTENCE;
        while (e > pos && ((unsigned char)t[e] & 0xC0) == 0x80)
            e--;
    }
    size_t a = s, z = e;
    for (size_t i = pos; i > s; i--) {
        char ch = t[i - 1];
        if ((ch == '.' || ch == '!' || ch == '?' || ch == ';') && i < pos) {
            size_t k = i;
            while (k < pos && (t[k] == ' ' || t[k] == '\n'))
                k++;
            if (k > i && is_upper_start(t, k, e)) {
                a = k;
                break;
            }
        }
    }
    for (size_t i = pos; i < e; i++) {
        char ch = t[i];
        if (ch == '.' || ch == '!' || ch == '?' || ch == ';') {
            size_t k = i + 1;
            while (k < e && (t[k] == ' ' || t[k] == '\n'))
                k++;
            if (k == e || (k > i + 1 && is_upper_start(t, k, e))) {
                z = i + 1;
                break;
            }
        }
    }
    *ss = a;
    *se = z;
}

/* Clause: the sentence cut at ", " around [p0,p1) (digit commas kept). */
static void clause_at(const char *t, size_t s, size_t e, size_t p0, size_t p1,
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
static int ends_with_mention(const ctx *c, int d, size_t s, size_t e)
{
    const char *t = c->doc->text;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n'))
        e--;
    for (size_t i = first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++)
        if (c->mn[i].end == e && c->mn_val[d][i])
            return 1;
    return 0;
}

/* Is [s,e) nothing but mentions of dimension d, "and"/"et" and punctuation? */
static int only_mentions(const ctx *c, int d, size_t s, size_t e)
{
    const char *t = c->doc->text;
    int letters = 0, found = 0;
    for (size_t p = s; p < e;) {
        size_t i = first_mention(c, p);
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
    return found && letters <= 3;
}

/* Widen a clause ending with a place over the places listed after it:
 * "14 projects in North Kivu, South Kivu and Ituri" is one clause (an
 * enumeration), "12 QIPs à Gao, 8 à Kidal" two. */
static void enumeration(const ctx *c, int d, size_t ss, size_t se, size_t *cs, size_t *ce)
{
    if (!ends_with_mention(c, d, *cs, *ce))
        return;
    while (*ce < se) {
        size_t ns, ne;
        clause_at(c->doc->text, ss, se, *ce + 1, *ce + 1, &ns, &ne);
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

/* Like unique_in, but a mention standing in the clause of another figure
 * belongs to that figure: "15,2 millions en Côte d'Ivoire, dont 4,8
 * millions pour Bouaké" gives Bouaké to 4,8 millions only. */
static const char *unclaimed_in(const ctx *c, const block *b, int d, size_t s, size_t e,
                                size_t self, int *many)
{
    const char *v = NULL;
    *many = 0;
    /* "..., soit 15 %": an apposition restates the clause before it */
    {
        size_t fs, fe, a, z;
        const char *t = c->doc->text;
        sentence_at(t, b->start, b->end, c->it[self].start, &fs, &fe);
        clause_at(t, fs, fe, c->it[self].start, c->it[self].end, &a, &z);
        while (a < z && (t[a] == ' ' || t[a] == '\n'))
            a++;
        static const char *const appos[] = {"soit ", "i.e.", "that is ", "which is ",
                                            "représentant ", "equivalent to ", "or "};
        for (size_t k = 0; k < sizeof appos / sizeof *appos; k++)
            if (!strncasecmp(t + a, appos[k], strlen(appos[k])))
                return unique_in(c, d, s, e, many);
    }
    for (size_t i = first_mention(c, s); i < c->n_mn && c->mn[i].start < e; i++) {
        const gz_mention *mn = &c->mn[i];
        if (!c->mn_val[d][i])
            continue;
        size_t ss, se, cs, ce;
        sentence_at(c->doc->text, b->start, b->end, mn->start, &ss, &se);
        clause_at(c->doc->text, ss, se, mn->start, mn->end, &cs, &ce);
        /* claimed by a figure of its clause, when that clause is in the
         * sentence of this figure (a paragraph about a place is not) */
        size_t fs, fe;
        sentence_at(c->doc->text, b->start, b->end, c->it[self].start, &fs, &fe);
        int claimed = 0;
        for (size_t k = first_item(c, b, cs); k < b->it1 && c->it[k].start < ce && !claimed &&
                                              ss == fs; k++)
            claimed = k != self && is_figure(&c->it[k]) && c->it[k].start >= cs &&
                      c->it[k].start < ce && !(c->it[self].start >= cs && c->it[self].start < ce);
        if (claimed)
            continue;
        if (v && strcmp(v, c->mn_val[d][i])) {
            *many = 1;
            return NULL;
        }
        v = c->mn_val[d][i];
    }
    return v;
}

/* Nearest period item to [p0,p1) within [s,e); 0 when none. */
static int nearest_period(const ctx *c, const block *b, size_t s, size_t e,
                          size_t p0, size_t p1, int *y1, int *y2, int *pk)
{
    size_t best = (size_t)-1;
    int found = 0;
    for (size_t i = first_item(c, b, s); i < b->it1 && c->it[i].start < e; i++) {
        const scan_item *it = &c->it[i];
        if (it->end > e)
            continue;
        int a1, a2, k;
        if (!period_of(c, it, &a1, &a2, &k))
            continue;
        size_t dist = it->start >= p1 ? it->start - p1 : p0 >= it->end ? p0 - it->end + 8 : 0;
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

static int unique_period(const ctx *c, const block *b, size_t s, size_t e,
                         int *y1, int *y2, int *pk)
{
    int found = 0;
    for (size_t i = first_item(c, b, s); i < b->it1 && c->it[i].start < e; i++) {
        const scan_item *it = &c->it[i];
        if (it->end > e)
            continue;
        int a1, a2, k;
        if (!period_of(c, it, &a1, &a2, &k))
            continue;
        if (found && (a1 != *y1 || a2 != *y2))
            return -1;
        *y1 = a1;
        *y2 = a2;
        *pk = k;
        found = 1;
    }
    return found;
}

/* ---- snippet ---------------------------------------------------------------- */

static const char *make_snippet(arena *a, const char *t, size_t s, size_t e,
                                size_t p0, size_t p1)
{
    /* at most ~200 bytes around the figure, whitespace collapsed */
    if (e - s > 200) {
        size_t mid = (p0 + p1) / 2;
        size_t ns = mid > s + 100 ? mid - 100 : s;
        size_t ne = ns + 200 < e ? ns + 200 : e;
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

/* ---- document scope --------------------------------------------------------- */

static const char *dominant(const ctx *c, int d, int need_unique)
{
    const char *vals[64];
    int counts[64];
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
            if (nv == 64)
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
    /* a clear majority: at least 3/4 of the mentions */
    return counts[bi] * 4 >= total * 3 ? vals[bi] : NULL;
}

static int latest_date_year(const scan_item *it, size_t n, int *month, int *day)
{
    int y = 0, m = 0, d = 0;
    for (size_t i = 0; i < n; i++) {
        const scan_date *x = &it[i].d1;
        if (it[i].kind != SCAN_DATE || it[i].invalid || !x->year || !x->month ||
            x->year > 2100)
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

/* With no full date, the year of a report's title: the one year (or fiscal
 * year, its end) that the first non-blank line states ("Rapport 2019",
 * "Annual report 2018/19").  0 when the title states none, or several. */
static ac_error title_year(const text_doc *doc, const scan_opts *base, arena *a,
                           int *year)
{
    const char *t = doc->text;
    size_t s = 0, e;
    *year = 0;
    for (;;) {
        e = s;
        while (e < doc->len && t[e] != '\n')
            e++;
        if (!line_blank(t, s, e) || e >= doc->len)
            break;
        s = e + 1;
    }
    scan_opts so = *base;
    so.kinds = SCAN_MASK(SCAN_PERIOD) | SCAN_MASK(SCAN_DATE);
    scan_item *it;
    size_t n;
    ac_error err = scan_text(t + s, e - s, &so, a, &it, &n);
    if (err)
        return err;
    int y = 0;
    for (size_t i = 0; i < n; i++) {
        int yi = 0;
        if (it[i].kind == SCAN_PERIOD && !it[i].invalid && it[i].pkind == PERIOD_YEAR)
            yi = it[i].d1.year;
        else if (it[i].kind == SCAN_PERIOD && !it[i].invalid &&
                 it[i].pkind == PERIOD_FISCAL)
            yi = it[i].d2.year ? it[i].d2.year : it[i].d1.year + 1;
        else
            continue;
        if (y && yi != y)
            return AC_OK;              /* two years: not settled */
        y = yi;
    }
    if (y >= 1900 && y <= 2100)
        *year = y;
    return AC_OK;
}


/* Is the figure at [s,e) stated as a total?  "sur un budget de X",
 * "93 projets approuvés" after "sur", "Total : X", "X au total", "in total". */
static int total_marker(const char *t, size_t bs, size_t be, size_t s, size_t e)
{
    char pre[48], post[24];
    size_t a = s > bs + 40 ? s - 40 : bs, k = 0;
    for (size_t i = a; i < s && k + 1 < sizeof pre; i++)
        pre[k++] = (char)tolower((unsigned char)(t[i] == '\n' ? ' ' : t[i]));
    pre[k] = '\0';
    k = 0;
    for (size_t i = e; i < be && k + 1 < sizeof post; i++)
        post[k++] = (char)tolower((unsigned char)(t[i] == '\n' ? ' ' : t[i]));
    post[k] = '\0';
    size_t pl = strlen(pre);
    /* the total row of a table: "Total;55;..." */
    size_t h = bs;
    while (h < s && (t[h] == ' ' || t[h] == '|'))
        h++;
    if (!strncasecmp(t + h, "total", 5) || !strncasecmp(t + h, "ensemble", 8) ||
        !strncasecmp(t + h, "grand total", 11)) {
        size_t q = h;
        while (q < s && isalpha((unsigned char)t[q]))
            q++;
        while (q < s && t[q] == ' ')
            q++;
        if (q < s && (t[q] == ';' || t[q] == '\t' || t[q] == '|'))
            return 1;
    }
    static const char *const before[] = {"sur ", "sur un budget de ", "sur un budget total de ",
                                         "out of ", "of a total of ", "total : ", "total: ",
                                         "total de ", "total of ", "au total ", "en tout "};
    for (size_t i = 0; i < sizeof before / sizeof *before; i++) {
        size_t n = strlen(before[i]);
        if (pl >= n && !strcmp(pre + pl - n, before[i]))
            return 1;
    }
    return !strncmp(post, " au total", 9) || !strncmp(post, " in total", 9) ||
           !strncmp(post, " en tout", 8) || !strncmp(post, " (total)", 8);
}

/* ---- the pass ----------------------------------------------------------------- */

ac_error attribute_document(const text_doc *doc, const gazetteer *gz,
                            int force_lang, diag *dg, arena *a, obs_list *out,
                            attribute_info *info)
{
    ctx c = {.doc = doc, .gz = gz, .a = a};
    scan_opts so = {0};
    so.lang = force_lang >= 0 ? (scan_lang)force_lang : scan_detect_lang(doc->text, doc->len);
    ac_error err;

    /* A first pass finds the document's dates, to give "le 13 juin" a year. */
    scan_item *items;
    size_t n_items;
    so.kinds = SCAN_MASK(SCAN_DATE);
    err = scan_text(doc->text, doc->len, &so, a, &items, &n_items);
    if (err)
        return err;
    int doc_month, doc_day;
    c.doc_year = latest_date_year(items, n_items, &doc_month, &doc_day);
    if (!c.doc_year) {
        err = title_year(doc, &so, a, &c.doc_year);
        if (err)
            return err;
    }
    so.kinds = 0;
    so.doc_year = c.doc_year;
    const char *doc_path = arena_strdup(a, doc->path ? doc->path : doc->name);
    if (!doc_path)
        return AC_ERR_NOMEM;
    err = scan_text(doc->text, doc->len, &so, a, &c.it, &c.n_it);
    if (err)
        return err;
    /* tables pasted as text: their cells replace what the scanner read in
     * their rows (a row of bare numbers means nothing without its header) */
    scan_item *tit;
    size_t n_tit;
    table_row *trow;
    size_t n_trow;
    err = table_find(doc, so.lang, a, &tit, &n_tit, &trow, &n_trow);
    if (err)
        return err;
    if (n_trow) {
        scan_item *merged = arena_alloc(a, (c.n_it + n_tit + 1) * sizeof *merged);
        if (!merged)
            return AC_ERR_NOMEM;
        size_t n = 0, ti = 0, r = 0;
        for (size_t i = 0; i <= c.n_it; i++) {
            size_t pos = i < c.n_it ? c.it[i].start : (size_t)-1;
            while (ti < n_tit && tit[ti].start <= pos)
                merged[n++] = tit[ti++];
            if (i == c.n_it)
                break;
            while (r < n_trow && trow[r].end < pos)
                r++;
            /* in a data row, figures come from the table; periods and
             * dates ("2016/2017" in a column) from the scanner */
            if (r < n_trow && trow[r].start <= pos && pos < trow[r].end && !trow[r].title &&
                c.it[i].kind != SCAN_PERIOD && c.it[i].kind != SCAN_DATE)
                continue;
            merged[n++] = c.it[i];
        }
        c.it = merged;
        c.n_it = n;
    }
    err = gazetteer_find(gz, doc->text, doc->len, a, &c.mn, &c.n_mn);
    if (err)
        return err;
    if ((err = mention_values(&c)) || (err = build_blocks(&c)))
        return err;

    size_t n_invalid = 0;
    long *bad_line = arena_alloc(a, (c.n_it + 1) * sizeof *bad_line);
    const char **bad_text = arena_alloc(a, (c.n_it + 1) * sizeof *bad_text);
    if (!bad_line || !bad_text)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < c.n_it; i++) {
        const scan_item *s = &c.it[i];
        if ((s->kind == SCAN_DATE || s->kind == SCAN_PERIOD) && s->invalid) {
            bad_line[n_invalid] = reader_line_of(doc, s->start);
            bad_text[n_invalid] = arena_strndup(a, doc->text + s->start, s->end - s->start);
            n_invalid++;
            diag_warn(dg, doc->path, reader_line_of(doc, s->start),
                      "invalid date \"%.*s\" (no such day in that month): not used",
                      (int)(s->end - s->start), doc->text + s->start);
        }
    }

    /* items and mentions per block */
    size_t ii = 0, mi = 0, trow_i = 0;
    for (size_t k = 0; k < c.n_b; k++) {
        block *b = &c.b[k];
        while (ii < c.n_it && c.it[ii].start < b->start)
            ii++;
        b->it0 = ii;
        while (ii < c.n_it && c.it[ii].start < b->end)
            ii++;
        b->it1 = ii;
        while (mi < c.n_mn && c.mn[mi].start < b->start)
            mi++;
        b->mn0 = mi;
        while (mi < c.n_mn && c.mn[mi].start < b->end)
            mi++;
        b->mn1 = mi;
        classify(&c, b);
        while (trow_i < n_trow && trow[trow_i].start < b->start)
            trow_i++;
        for (size_t r = trow_i; r < n_trow && trow[r].start == b->start; r++)
            if (!trow[r].title && b->n_figures > 0)
                b->kind = BLK_FIGURE;     /* a table row, whatever its label */
            else if (trow[r].title &&
                (b->val[D_FUND] || b->val[D_REGION] || b->val[D_SECTOR] || b->val[D_COUNTRY] || b->y1))
                b->kind = BLK_HEADING;
    }

    item_label *il = arena_alloc(a, (c.n_it + 1) * sizeof *il);
    if (!il)
        return AC_ERR_NOMEM;
    find_runs(&c, il);
    /* A chain of four or more short lines (headings, titles, a table of
     * contents, video titles, a list of sectors) is a list, not nested
     * sections: its headings govern nothing.  A heading of the list that
     * names a fund keeps its fund ("Fonds Fiduciaire ... - Aperçu" then
     * "Contact - ..."), except before the first figure of the document:
     * there the list is the front page's table of contents, whose headlines
     * ("Kidal : le CSCOM d'Etambar réhabilité (QIP)") announce stories told
     * further on and govern nothing at all. */
    size_t first_fig_block = c.n_b;
    for (size_t k = 0; k < c.n_b; k++)
        if (c.b[k].n_figures > 0) {
            first_fig_block = k;
            break;
        }
    for (size_t k = 0; k < c.n_b;) {
        size_t j = k;
        while (j < c.n_b && short_line(&c, &c.b[j]))
            j++;
        if (j - k >= 4)
            for (size_t x = k; x < j; x++)
                if (c.b[x].kind == BLK_HEADING) {
                    int period_only = c.b[x].y1 && !c.b[x].val[D_FUND] && !c.b[x].val[D_REGION] &&
                                      !c.b[x].val[D_SECTOR] && !c.b[x].val[D_COUNTRY];
                    if (period_only)
                        continue;   /* a field's value: "Mai 2013 - Avril 2015" */
                    if (c.b[x].val[D_FUND] && j > first_fig_block)
                        c.b[x].residual = 1000;   /* keeps its fund only */
                    else
                        c.b[x].kind = BLK_TEXT;
                }
        k = j > k ? j : k + 1;
    }

    const char *doc_val[D__N] = {0};
    doc_val[D_FUND] = dominant(&c, D_FUND, 1);
    doc_val[D_COUNTRY] = dominant(&c, D_COUNTRY, 0);
    if (info) {
        info->lang = so.lang;
        info->doc_year = c.doc_year;
        info->doc_month = doc_month;
        info->doc_day = doc_day;
        info->country = doc_val[D_COUNTRY];
        info->fund = doc_val[D_FUND];
        info->n_invalid_dates = n_invalid;
        info->bad_date_line = bad_line;
        info->bad_date_text = bad_text;
    }

    scope sec;
    memset(&sec, 0, sizeof sec);
    size_t first_obs = out->n;
    const char *item_val[D__N] = {0};
    int item_left = 0, item_story = 0;
    for (size_t k = 0; k < c.n_b; k++) {
        block *b = &c.b[k];
        if (title_alone(&c, b))     /* a new section: the period of the one */
            sec.y1 = sec.y2 = sec.pk = 0;   /* before ends here            */
        if (b->kind == BLK_HEADING) {
            if (b->val[D_FUND] && sec.val[D_FUND] && strcmp(b->val[D_FUND], sec.val[D_FUND])) {
                /* another fund: a new section */
                memset(&sec, 0, sizeof sec);
            } else if (b->val[D_FUND] && !sec.val[D_FUND]) {
                /* the first fund heading: finer coordinates start afresh */
                sec.val[D_REGION] = sec.val[D_SECTOR] = NULL;
            }
            if (b->val[D_COUNTRY] && sec.val[D_COUNTRY] &&
                strcmp(b->val[D_COUNTRY], sec.val[D_COUNTRY]))
                sec.val[D_REGION] = NULL;
            for (int d = 0; d < D__N; d++)
                if (b->val[d] && ((d != D_SECTOR && d != D_REGION) || b->residual <= 30))
                    sec.val[d] = b->val[d];
            memset(item_val, 0, sizeof item_val);
            item_left = item_story = 0;
            if (b->y1) {
                sec.y1 = b->y1;
                sec.y2 = b->y2;
                sec.pk = b->pk;
            }
            continue;
        }
        /* a numbered or bulleted item: what its first block says of place
         * and fund holds for the blocks of the item */
        if (item_left > 0 && --item_left == 0) {
            memset(item_val, 0, sizeof item_val);
            item_story = 0;
        }
        if (b->item && b->kind != BLK_FIGURE) {
            memset(item_val, 0, sizeof item_val);
            /* an item in a list of items speaks for itself only; a lone
             * numbered story also for the three paragraphs that follow */
            int in_list = (k > 0 && c.b[k - 1].item) || (k + 1 < c.n_b && c.b[k + 1].item);
            item_left = in_list ? 1 : 4;
            item_story = !in_list && !b->bullet;   /* a numbered story */
            const block *ib = b;
            if (b->end - b->start <= 4 && k + 1 < c.n_b)
                ib = &c.b[k + 1];
            int many;
            item_val[D_REGION] = unique_in(&c, D_REGION, ib->start, ib->end, &many);
            item_val[D_FUND] = unique_in(&c, D_FUND, ib->start, ib->end, &many);
            item_val[D_COUNTRY] = unique_in(&c, D_COUNTRY, ib->start, ib->end, &many);
        }
        /* a bulleted label with its figure on the next line ("• Gouvernement
         * luxembourgeois" / "0 EUR"): the label says whose figure it is; when
         * it names no fund, the figure is that contributor's (a donor is not
         * a fund) and no fund of the section or document reaches it */
        int label_nofund = b->kind == BLK_FIGURE && k > 0 && c.b[k - 1].bullet &&
                           c.b[k - 1].n_figures == 0 && !c.b[k - 1].val[D_FUND] &&
                           c.b[k - 1].kind != BLK_FIGURE && !b->run;
        /* the card: a lone figure line, then the sentence that says what it is */
        const char *card_sector = NULL;
        if (b->kind == BLK_FIGURE && !b->run && k + 1 < c.n_b &&
            c.b[k + 1].kind == BLK_TEXT) {
            const block *nb = &c.b[k + 1];
            for (size_t m = nb->it0; m < nb->it1; m++)
                if (c.it[m].kind == SCAN_PERCENT) {
                    size_t ss, se;
                    int many;
                    sentence_at(doc->text, nb->start, nb->end, c.it[m].start, &ss, &se);
                    card_sector = unique_in(&c, D_SECTOR, ss, se, &many);
                    break;
                }
        }
        size_t block_first = out->n;
        for (size_t m = b->it0; m < b->it1; m++) {
            const scan_item *s = &c.it[m];
            if (!is_figure(s))
                continue;
            if (s->out_of_range) {
                diag_warn(dg, doc->path, reader_line_of(doc, s->num_start),
                          "number out of range \"%.*s\": not used",
                          (int)(s->end - s->start), doc->text + s->start);
                continue;
            }
            obs o;
            int pending_currency = 0;
            memset(&o, 0, sizeof o);
            o.doc = doc->name;
            o.path = doc_path;
            o.line = reader_line_of(doc, s->num_start);
            o.measure = measure_of(s);
            o.value = s->value;
            o.qual = s->qual;
            o.start = s->start;
            o.end = s->end;
            o.group = b->run;
            o.total = total_marker(doc->text, b->start, b->end, s->start, s->end);
            if (il[m].paired && il[m].label)
                o.label = il[m].label;
            o.currency_ambiguous = s->currency_ambiguous;
            if (s->kind == SCAN_AMOUNT) {
                o.unit = s->currency[0] ? arena_strdup(a, s->currency) : NULL;
                pending_currency = s->currency_ambiguous && o.unit;
            } else if (s->kind == SCAN_PERCENT)
                o.unit = "%";
            else
                o.unit = s->unit ? s->unit : "items";

            size_t ss, se, cs, ce;
            sentence_at(doc->text, b->start, b->end, s->start, &ss, &se);
            clause_at(doc->text, ss, se, s->start, s->end, &cs, &ce);
            const char *v[D__N] = {0};
            int blocked[D__N] = {0};
            for (int d = 0; d < D__N; d++) {
                int many = 0;
                if (d == D_SECTOR || d == D_REGION) {
                    size_t xs = cs, xe = ce;
                    if (d == D_REGION)
                        enumeration(&c, d, ss, se, &xs, &xe);
                    v[d] = unique_in(&c, d, xs, xe, &many);
                    if (many && s->kind == SCAN_PERCENT && d == D_SECTOR)
                        /* "livelihoods 12% and the rule of law 8%": each
                         * share takes the sector written next to it */
                        v[d] = nearest_in(&c, d, cs, ce, s->start, s->end, 24);
                    if (many && !v[d]) { blocked[d] = 1; continue; }
                    if (v[d] || d == D_SECTOR)
                        continue;
                }
                v[d] = d == D_REGION ? unclaimed_in(&c, b, d, ss, se, m, &many)
                                     : unique_in(&c, d, ss, se, &many);
                if (many) {
                    blocked[d] = 1;
                    continue;
                }
                /* the paragraph, then the item it belongs to */
                if (!v[d] && d != D_SECTOR) {
                    /* a paragraph, at most a few sentences around the figure */
                    size_t ps = b->start, pe = b->end;
                    if (s->start > ps + 2 * MAX_SENTENCE)
                        ps = s->start - 2 * MAX_SENTENCE;
                    if (pe > s->end + 2 * MAX_SENTENCE)
                        pe = s->end + 2 * MAX_SENTENCE;
                    v[d] = d == D_REGION ? unclaimed_in(&c, b, d, ps, pe, m, &many)
                                         : unique_in(&c, d, ps, pe, &many);
                    if (many)
                        v[d] = NULL;
                    if (!v[d])
                        v[d] = item_val[d];
                }
            }
            if (label_nofund && !v[D_FUND])
                blocked[D_FUND] = 1;
            if (il[m].paired)
                for (int d = 0; d < D__N; d++)
                    if (!v[d] && !blocked[d] && il[m].val[d])
                        v[d] = il[m].val[d];
            if (!v[D_SECTOR] && !blocked[D_SECTOR] && card_sector)
                v[D_SECTOR] = card_sector;
            for (int d = 0; d < D__N; d++)
                if (!v[d] && !blocked[d])
                    v[d] = sec.val[d];
            for (int d = 0; d < D__N; d++)
                if (!v[d] && !blocked[d])
                    v[d] = doc_val[d];
            /* a region implies its country */
            o.fund = v[D_FUND];
            o.country = v[D_COUNTRY];
            if (pending_currency) {
                /* FCFA is XOF in West Africa, XAF in Central Africa: the
                 * country of the figure settles it */
                const gz_entry *cur = gazetteer_get(gz, GZ_CURRENCY,
                                                    !strcmp(o.unit, "XOF") || !strcmp(o.unit, "XAF")
                                                        ? "FCFA" : o.unit);
                const gz_entry *r = cur ? gazetteer_currency_for(gz, cur, o.country) : NULL;
                if (r && r->id)
                    o.unit = r->id;
                else
                    o.currency_ambiguous = 1;
                pending_currency = 0;
            }
            o.region = v[D_REGION];
            o.sector = v[D_SECTOR];

            int y1 = 0, y2 = 0, pk = 0;
            if (nearest_period(&c, b, cs, ce, s->start, s->end, &y1, &y2, &pk) ||
                unique_period(&c, b, ss, se, &y1, &y2, &pk) == 1) {
                /* stated in its sentence */
            } else if (unique_period(&c, b, ss, se, &y1, &y2, &pk) == -1) {
                y1 = y2 = pk = 0;
            } else if (!item_story) {
                /* a news item (a numbered story) tells of its own time: the
                 * section's period does not reach it */
                y1 = sec.y1;
                y2 = sec.y2;
                pk = sec.pk;
            }
            o.y1 = y1;
            o.y2 = y2;
            o.pkind = (period_kind)pk;
            o.sentence = (int)ss + 1;   /* unique per sentence in the doc */
            o.snippet = make_snippet(a, doc->text, ss, se, s->start, s->end);
            if (!o.snippet)
                return AC_ERR_NOMEM;

            if (out->n == out->cap) {
                size_t nc = out->cap ? out->cap * 2 : 64;
                obs *nv = arena_grow(a, out->v, out->n, nc, sizeof *nv);
                if (!nv)
                    return AC_ERR_NOMEM;
                out->v = nv;
                out->cap = nc;
            }
            out->v[out->n++] = o;
        }
        /* a paragraph that shares a budget out between three or more
         * sectors ("35% to education ... health 25%, water 20%") is a list
         * of shares like a chart: they get a group, so they are checked to
         * add up to 100 */
        if (!b->run) {
            size_t n_sh = 0, distinct = 1;
            for (size_t i = block_first; i < out->n && n_sh <= 64; i++)
                if (out->v[i].measure == OBS_SHARE && out->v[i].sector && !out->v[i].total) {
                    for (size_t j = block_first; j < i && distinct; j++)
                        if (out->v[j].measure == OBS_SHARE && out->v[j].sector &&
                            !strcmp(out->v[j].sector, out->v[i].sector))
                            distinct = 0;
                    n_sh++;
                }
            if (n_sh >= 3 && n_sh <= 64 && distinct)
                for (size_t i = block_first; i < out->n; i++)
                    if (out->v[i].measure == OBS_SHARE && out->v[i].sector && !out->v[i].total)
                        out->v[i].group = (int)(100000 + k);
        }
    }
    /* A chart's caption may stand below it ("Répartition du Budget par
     * Région ... depuis 2013" under the slices): the period and fund of a
     * caption heading within three blocks after a run hold for the run. */
    {
        int max_run = 0;
        for (size_t k = 0; k < c.n_b; k++)
            if (c.b[k].run > max_run)
                max_run = c.b[k].run;
        const block **cap_of = arena_alloc(a, ((size_t)max_run + 1) * sizeof *cap_of);
        if (!cap_of)
            return AC_ERR_NOMEM;
        for (size_t k = 0; k < c.n_b; k++) {
            int run = c.b[k].run;
            if (!run || (k + 1 < c.n_b && c.b[k + 1].run == run))
                continue;
            for (size_t j = k + 1; j < c.n_b && j <= k + 3 && !cap_of[run]; j++)
                if (c.b[j].y1 && (c.b[j].kind == BLK_HEADING ||
                                  (c.b[j].kind == BLK_TEXT && short_line(&c, &c.b[j]))))
                    cap_of[run] = &c.b[j];   /* "Budget QIPs par Secteur" / "2013-2017" */
                else if (c.b[j].kind == BLK_FIGURE || c.b[j].run)
                    break;
        }
        for (size_t i = first_obs; i < out->n; i++) {
            obs *o = &out->v[i];
            const block *cap = o->group > 0 && o->group <= max_run ? cap_of[o->group] : NULL;
            if (!cap)
                continue;
            o->y1 = cap->y1;
            o->y2 = cap->y2;
            o->pkind = (period_kind)cap->pk;
            if (cap->val[D_FUND])
                o->fund = cap->val[D_FUND];
        }
    }
    /* parts of a total stated in the same sentence: "222 projets finalisés et
     * 102 en cours (324 projets au total)" */
    for (size_t i = first_obs; i < out->n; i++) {
        const obs *t = &out->v[i];
        if (!t->total)
            continue;
        size_t j0 = i;
        while (j0 > first_obs && out->v[j0 - 1].sentence == t->sentence)
            j0--;
        for (size_t j = j0; j < out->n && out->v[j].sentence == t->sentence; j++) {
            obs *p = &out->v[j];
            if (j != i && !p->total && p->sentence == t->sentence &&
                p->measure == t->measure && p->unit && t->unit && !strcmp(p->unit, t->unit))
                p->part = 1;
        }
    }
    return AC_OK;
}

const char *obs_measure_name(obs_measure m)
{
    switch (m) {
    case OBS_AMOUNT: return "amount";
    case OBS_COUNT: return "count";
    case OBS_SHARE: return "share";
    }
    return "?";
}

const char *obs_period(const obs *o, char *buf, size_t size)
{
    if (!o->y1)
        buf[0] = '\0';
    else if (o->y1 == o->y2)
        snprintf(buf, size, "%d", o->y1);
    else
        snprintf(buf, size, "%d-%d", o->y1, o->y2);
    return buf;
}

