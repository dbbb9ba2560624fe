/*
 * attribute_blocks.c — lines to blocks, and the kind of each block.
 *
 * Purpose: attribution reads a document as blocks: a paragraph, a heading,
 * a chart label, a line of figures.  A PDF extraction wraps a paragraph into
 * short lines that end with a space (or a hyphen inside a word) and often
 * separates them with blank lines; a line that ends without one closes its
 * block.  Web pages and word processors write one paragraph per line, so a
 * block is then one line.
 *
 * A page flattened onto one line (a PDF extraction that lost its line
 * breaks) is cut into the blocks its layout shows: in-line headings (a
 * fund's name opening a sentence; a fund, region or sector name before a
 * colon), titles before a colon, and legends (figures among names, a
 * map's or a chart's), each rule named where it is written.
 *
 * Data flow: text lines ─▶ attribute_build_blocks (bullets, numbered items, soft
 * wraps joined; flattened lines cut at their headings, titles and legends)
 * ─▶ attribute_classify_blocks (items and mentions of each block,
 * then figure-only, label, heading or text; a text table's rows override)
 * ─▶ attribute_demote_lists (a chain of short lines is a list, not sections).
 *
 * Invariants: blocks are in text order, non-overlapping, never blank; each
 * owns the contiguous items and mentions that start inside it.
 *
 * Memory: blocks are allocated from the document's arena (c->a).
 */
#include <ctype.h>
#include <string.h>

#include "attribute_int.h"

int attribute_is_figure(const scan_item *s)
{
    return s->kind == SCAN_AMOUNT || s->kind == SCAN_PERCENT || s->kind == SCAN_COUNT;
}

int attribute_measure_of(const scan_item *s)
{
    return s->kind == SCAN_AMOUNT ? OBS_AMOUNT
         : s->kind == SCAN_PERCENT ? OBS_SHARE : OBS_COUNT;
}

/* A horizontal space at t[i]: ASCII, tab, U+00A0, U+202F, U+2000..U+200A. */
size_t attribute_hspace_len(const char *t, size_t i, size_t n)
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

int attribute_line_blank(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e;) {
        size_t k = attribute_hspace_len(t, i, e);
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
        size_t k = attribute_hspace_len(t, i, e);
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

/* End of line l (0-based), before its '\n'. */
static size_t line_end(const read_text_doc *d, size_t l)
{
    return l + 1 < d->n_lines ? d->line_start[l + 1] - 1 : d->len;
}

/* A bullet at t[p]: U+2022 •, U+2013 –, '-' or '*'. */
static int bullet_at(const char *t, size_t p, size_t le)
{
    return p < le && (t[p] == '*' || t[p] == '-' ||
                      ((unsigned char)t[p] == 0xE2 && p + 2 < le &&
                       (unsigned char)t[p + 1] == 0x80 &&
                       ((unsigned char)t[p + 2] == 0xA2 || (unsigned char)t[p + 2] == 0x93)));
}

/* A numbered item at t[p]: "3. Title", "2) ...", or "1." alone. */
static int number_at(const char *t, size_t p, size_t le)
{
    size_t q = p;
    while (q < le && q - p < ATTR_ITEM_NUMBER_DIGITS && t[q] >= '0' && t[q] <= '9')
        q++;
    if (q > p && q < le && (t[q] == '.' || t[q] == ')') && (q + 1 >= le || t[q + 1] == ' '))
        return 1;
    return q > p && attribute_line_blank(t, q, le);
}

/* Join the soft-wrapped lines after line [ls,le) into block b, across at
 * most ATTR_WRAP_MAX_BLANKS blank lines; returns the next line to read. */
static size_t join_wraps(const read_text_doc *d, attribute_block *b, size_t l, size_t ls, size_t le)
{
    const char *t = d->text;
    while (soft_end(t, ls, le)) {
        size_t nl = l, blanks = 0;
        while (nl < d->n_lines && attribute_line_blank(t, d->line_start[nl], line_end(d, nl))) {
            nl++;
            blanks++;
        }
        if (nl >= d->n_lines || blanks > ATTR_WRAP_MAX_BLANKS)
            break;
        size_t ns = d->line_start[nl], ne = line_end(d, nl);
        if (figure_only_line(t, ns, ne))
            break;      /* a chart value under its label: "Economie locale " / "9%" */
        ls = ns;
        le = ne;
        b->end = le;
        l = nl + 1;
    }
    return l;
}

/* ---- headings inside a flattened line ------------------------------------- */

static int cap_at(const char *t, size_t p)
{
    unsigned char ch = (unsigned char)t[p];
    return isupper(ch) || (ch == 0xC3 && (unsigned char)t[p + 1] >= 0x80 &&
                           (unsigned char)t[p + 1] < 0x9F);
}

/* After a name ending at p: its acronym in parentheses (at most
 * ATTR_INLINE_ACRONYM_BYTES) and a period written right after it ("Quick
 * Impact Projects (QIPs)", "QIPs 2015-2016": after a space when spaced);
 * returns where they end. */
static size_t after_name(const attribute_ctx *c, const attribute_block *b, size_t p, int spaced)
{
    const char *t = c->doc->text;
    size_t q = p;
    while (q < b->end && t[q] == ' ')
        q++;
    if (q < b->end && t[q] == '(') {
        size_t r = q + 1;
        while (r < b->end && r <= q + ATTR_INLINE_ACRONYM_BYTES && t[r] != ')' && t[r] != ' ')
            r++;
        if (r < b->end && t[r] == ')')
            p = r + 1;
    }
    size_t k = attribute_first_item(c, &(attribute_block){.it0 = 0, .it1 = c->n_it}, p);
    if (k < c->n_it && c->it[k].kind == SCAN_PERIOD && c->it[k].end <= b->end &&
        (spaced || !attribute_hspace_len(t, p, p)) && attribute_line_blank(t, p, c->it[k].start))
        p = c->it[k].end;
    return p;
}

/* A heading inside a flattened line at fund mention i of block b ("... since
 * 2013. Peacebuilding Fund (PBF) The PBF approved ..."): a capitalised fund
 * name opening a sentence, its acronym in parentheses, a period, at most
 * ATTR_INLINE_HEADING_WORDS lower-case words ("overview"), then the next
 * sentence's capitalised first word (or, right after the name, a figure).
 * Returns the end of the heading, 0 when there is none. */
static size_t inline_heading(const attribute_ctx *c, const attribute_block *b, size_t i)
{
    const char *t = c->doc->text;
    const attribute_gz_mention *m = &c->mn[i];
    if (m->entry->type != GZ_FUND || !cap_at(t, m->start) || attribute_fund_anaphor(c, i))
        return 0;                 /* "The Fund approved ...": no heading */
    size_t p = m->start;
    while (p > b->start && (t[p - 1] == ' ' || t[p - 1] == '\n'))
        p--;
    if (p > b->start && !strchr(".!?:", t[p - 1]))
        return 0;
    p = after_name(c, b, m->end, 0);
    for (int w = 0;; w++) {
        size_t q = p;
        while (q < b->end && t[q] == ' ')
            q++;
        if (q == p || q >= b->end)
            return 0;
        if (cap_at(t, q))
            return p;
        if (isdigit((unsigned char)t[q]))
            return w == 0 ? p : 0;
        if (!islower((unsigned char)t[q]) || w == ATTR_INLINE_HEADING_WORDS)
            return 0;
        while (q < b->end && (isalpha((unsigned char)t[q]) || (unsigned char)t[q] >= 0x80))
            q++;
        p = q;
    }
}

/* Does the name at p stand inside a sentence: right after an article or a
 * preposition ("to the Peacebuilding Fund:", "de la région de Gao :",
 * "l'Ituri :"; phrases of kinds name_link and place_before)?  A word of
 * another kind before it (the end of a headline, a column's word, an
 * e-mail address, a figure) leaves it a heading. */
static int prose_before(const attribute_ctx *c, size_t s, size_t p)
{
    const char *t = c->doc->text;
    if (p > s && (t[p - 1] == '\'' || (p >= s + 3 && !memcmp(t + p - 3, "\xE2\x80\x99", 3))))
        return 1;
    while (p > s && t[p - 1] == ' ')
        p--;
    size_t w = p;
    while (w > s && t[w - 1] != ' ' && t[w - 1] != '\n')
        w--;
    if (w == p)
        return 0;
    return attribute_phrase_at(c->gz, GZ_PH_NAME_LINK, t, w, p) == p - w ||
           attribute_phrase_at(c->gz, GZ_PH_PLACE_BEFORE, t, w, p) == p - w;
}

/* Rule "colon heading": inside a flattened line, a capitalised name of a
 * fund, a region or a sector followed by a colon opens what follows ("...
 * 2013) Peacebuilding Fund (PBF): 5 projects", "PBF: 3 projects extended",
 * "Timbuktu: integrated mission", "QIPs 2015-2016: 80 projects"): the
 * colon is the layout's mark of a heading, whatever stands before it,
 * except, for a name without its acronym in parentheses, an article or a
 * preposition of a sentence ("to the Peacebuilding Fund: ..." is prose;
 * "... conflict-sensitive Peacebuilding Fund (PBF): 5 projects" is a
 * heading after a word of the other column of a two-column page).
 * Returns the end of the heading (after the colon), 0 when there is none. */
static size_t colon_heading(const attribute_ctx *c, const attribute_block *b, size_t i)
{
    const char *t = c->doc->text;
    const attribute_gz_mention *m = &c->mn[i];
    int fund = m->entry->type == GZ_FUND;
    if (!(fund || c->mn_val[D_REGION][i] || c->mn_val[D_SECTOR][i]) || !cap_at(t, m->start) ||
        (fund && attribute_fund_anaphor(c, i)))
        return 0;
    size_t p = after_name(c, b, m->end, 1), q = m->end;
    while (q < p && t[q] == ' ')
        q++;
    if ((q == p || t[q] != '(') && prose_before(c, b->start, m->start))
        return 0;                 /* a name with its acronym and a colon is a
                                     heading even after a column's word */
    while (p < b->end && attribute_hspace_len(t, p, b->end))
        p += attribute_hspace_len(t, p, b->end);
    return p < b->end && t[p] == ':' ? p + 1 : 0;
}

/* Cut the flattened lines (longer than ATTR_FLAT_LINE_BYTES) of c->b at
 * their in-line headings: heading blocks and the text between, so that the
 * scope of a heading inside a line is the text up to the next heading, as
 * for a heading on its own line. */
static int has_flat_line(const attribute_ctx *c)
{
    for (size_t k = 0; k < c->n_b; k++)
        if (c->b[k].end - c->b[k].start > ATTR_FLAT_LINE_BYTES)
            return 1;
    return 0;
}

static ac_error split_flat_lines(attribute_ctx *c)
{
    if (!has_flat_line(c))    /* most documents: no new array of blocks */
        return AC_OK;
    attribute_block *nb = arena_alloc(c->a, (c->n_b + 2 * c->n_mn + 1) * sizeof *nb);
    if (!nb)
        return AC_ERR_NOMEM;
    const char *t = c->doc->text;
    size_t n = 0, mi = 0;
    for (size_t k = 0; k < c->n_b; k++) {
        attribute_block b = c->b[k];
        size_t cur = b.start;
        b.flat = b.end - b.start > ATTR_FLAT_LINE_BYTES;
        if (b.flat)
            for (; mi < c->n_mn && c->mn[mi].start < b.end; mi++) {
                if (c->mn[mi].start < cur)
                    continue;
                size_t he = colon_heading(c, &b, mi);
                if (!he)
                    he = inline_heading(c, &b, mi);
                if (!he)
                    continue;
                if (!attribute_line_blank(t, cur, c->mn[mi].start)) {
                    nb[n] = b;
                    nb[n].start = cur;
                    nb[n++].end = c->mn[mi].start;
                }
                memset(&nb[n], 0, sizeof nb[n]);
                nb[n].start = c->mn[mi].start;
                nb[n].end = he;
                nb[n].flat = 1;
                nb[n++].inline_heading = 1;
                b.bullet = b.item = 0;
                cur = he;
            }
        if (!attribute_line_blank(t, cur, b.end)) {
            nb[n] = b;
            nb[n++].start = cur;
        }
    }
    c->b = nb;
    c->n_b = n;
    return AC_OK;
}

/* ---- titles inside a flattened line --------------------------------------- */

/* Rule "colon title": inside a flattened line, a short capitalised phrase
 * that follows a sentence's end, a bracket or a figure (a dashboard's
 * tile) and ends with a colon before a new sentence ("... in August 2
 * Allocation in focus: In response to ...") is a title that names
 * nothing: the text before it is another section, and its places and
 * funds do not reach the figures after it, nor theirs the figures before.  The colon at q of [s, e): where the title starts, or
 * SIZE_MAX when it is none ("Au total : 12 projets" goes on with a
 * figure, "... au Mali : les projets" with a lower-case word). */
static size_t colon_title(const char *t, size_t s, size_t e, size_t q)
{
    size_t a = q + 1;
    while (a < e && t[a] == ' ')
        a++;
    if (a >= e || !cap_at(t, a))
        return SIZE_MAX;
    size_t p = q;
    while (p > s && t[p - 1] == ' ')
        p--;
    for (int w = 0; w < ATTR_INLINE_TITLE_WORDS; w++) {
        size_t we = p;
        while (p > s && (isalpha((unsigned char)t[p - 1]) || (unsigned char)t[p - 1] >= 0x80 ||
                         t[p - 1] == '-'))
            p--;
        if (p == we)
            return SIZE_MAX;      /* a digit or a sign: no title */
        size_t b = p;
        while (b > s && t[b - 1] == ' ')
            b--;
        if (b == s || strchr(".!?)", t[b - 1]) || isdigit((unsigned char)t[b - 1]))
            return cap_at(t, p) ? p : SIZE_MAX;
        if (b == p)
            return SIZE_MAX;
        p = b;
    }
    return SIZE_MAX;
}

/* Cut the pieces of flattened lines at their colon titles (headings
 * stating nothing). */
static ac_error split_titles(attribute_ctx *c)
{
    const char *t = c->doc->text;
    size_t colons = 0;
    for (size_t i = 0; i < c->doc->len; i++)
        colons += t[i] == ':';
    attribute_block *nb = arena_alloc(c->a, (c->n_b + 2 * colons + 1) * sizeof *nb);
    if (!nb)
        return AC_ERR_NOMEM;
    size_t n = 0;
    for (size_t k = 0; k < c->n_b; k++) {
        attribute_block b = c->b[k];
        size_t cur = b.start;
        for (size_t q = b.start; b.flat && !b.inline_heading && q < b.end; q++) {
            size_t p = t[q] == ':' ? colon_title(t, cur, b.end, q) : SIZE_MAX;
            if (p == SIZE_MAX)
                continue;
            if (!attribute_line_blank(t, cur, p)) {
                nb[n] = b;
                nb[n].start = cur;
                nb[n++].end = p;
            }
            memset(&nb[n], 0, sizeof nb[n]);
            nb[n].start = p;
            nb[n].end = q + 1;
            nb[n].flat = nb[n].inline_heading = 1;
            b.bullet = b.item = 0;
            cur = q + 1;
        }
        if (!attribute_line_blank(t, cur, b.end)) {
            nb[n] = b;
            nb[n++].start = cur;
        }
    }
    c->b = nb;
    c->n_b = n;
    return AC_OK;
}

/* ---- legends inside a flattened line -------------------------------------- */

static int word_count(const char *t, size_t s, size_t e);

/* Can t[s, e) stand between two figures of a legend: nothing, or words that
 * are capitalised names or bare numbers (map keys), no punctuation of a
 * sentence and no item (a date is no legend's label)? */
static int legend_gap(const attribute_ctx *c, size_t s, size_t e)
{
    const char *t = c->doc->text;
    size_t k = attribute_first_item(c, &(attribute_block){.it0 = 0, .it1 = c->n_it}, s);
    if (k < c->n_it && c->it[k].start < e)
        return 0;
    for (size_t p = s; p < e;) {
        if (t[p] == ' ' || t[p] == '\n') {
            p++;
            continue;
        }
        if (!cap_at(t, p) && !isdigit((unsigned char)t[p]))
            return 0;
        for (; p < e && t[p] != ' ' && t[p] != '\n'; p++)
            if (strchr(".,;:()!?\"", t[p]))
                return 0;
    }
    return 1;
}

static size_t legend_lead(const attribute_ctx *c, size_t s, size_t f, size_t maxlen);

/* A run of figure items with only a legend's gaps between them, as
 * legend_end found it: every figure of it ends its run at the same item,
 * so a run that is no legend is walked once, not once from each of its
 * figures (a line of 16,000 figures and nothing else took a minute). */
typedef struct {
    size_t last;              /* its last figure item; SIZE_MAX: none     */
    int blank;                /* nothing but spaces between its figures   */
} legend_run;

/* The figure items of a legend starting at figure item f0 of [s, e): its
 * last figure item; SIZE_MAX when fewer than ATTR_LEGEND_MIN_FIGURES
 * figures, or no name before or between them (a row of figures alone).
 * *run is set to the run f0 starts, whether a legend or not. */
static size_t legend_end(const attribute_ctx *c, size_t f0, size_t s, size_t e, size_t maxlen,
                         legend_run *run)
{
    size_t last = f0, nfig = 1;
    int gaps_named = 0;
    for (size_t k = f0 + 1; k < c->n_it && c->it[k].start < e; k++) {
        if (!attribute_is_figure(&c->it[k]) || c->it[k].end > e)
            break;
        if (!legend_gap(c, c->it[last].end, c->it[k].start))
            break;
        gaps_named |= !attribute_line_blank(c->doc->text, c->it[last].end, c->it[k].start);
        last = k;
        nfig++;
    }
    *run = (legend_run){.last = last, .blank = !gaps_named};
    int named = gaps_named || legend_lead(c, s, c->it[f0].start, maxlen) < c->it[f0].start;
    return nfig >= ATTR_LEGEND_MIN_FIGURES && named ? last : SIZE_MAX;
}

/* legend_end for figure item f inside a run found from an earlier figure
 * that was no legend: the same run from f, named only by what stands
 * right before f. */
static size_t legend_end_in(const attribute_ctx *c, size_t f, size_t s, size_t maxlen,
                            const legend_run *run)
{
    if (!run->blank || run->last - f + 1 < ATTR_LEGEND_MIN_FIGURES)
        return SIZE_MAX;
    return legend_lead(c, s, c->it[f].start, maxlen) < c->it[f].start ? run->last : SIZE_MAX;
}

/* Where the names after a legend's last figure (ending at p) end: the
 * capitalised words and numbers up to the first other word, or e. */
static size_t legend_tail(const attribute_ctx *c, size_t p, size_t e)
{
    const char *t = c->doc->text;
    size_t end = p;
    while (p < e) {
        size_t w = p;
        while (w < e && (t[w] == ' ' || t[w] == '\n'))
            w++;
        size_t we = w;
        while (we < e && t[we] != ' ' && t[we] != '\n')
            we++;
        if (w == we || !legend_gap(c, w, we))
            break;
        end = p = we;
    }
    return end;
}

/* Where a legend's title starts before its first figure at f: after the
 * last sentence end or bracket of [s, f), when at most
 * ATTR_LEGEND_TITLE_WORDS words and no figure stand between; else f. */
static size_t legend_title(const attribute_ctx *c, size_t s, size_t f)
{
    const char *t = c->doc->text;
    size_t p = f;
    while (p > s && !strchr(".!?:;()", t[p - 1]))
        p--;
    while (p < f && (t[p] == ' ' || t[p] == '\n'))
        p++;
    if (word_count(t, p, f) > ATTR_LEGEND_TITLE_WORDS || p == f)
        return f;
    for (size_t k = 0; k < c->n_it; k++)
        if (c->it[k].start >= p && c->it[k].start < f && attribute_is_figure(&c->it[k]))
            return f;
    return p;
}

/* The first mention (in c->mn's order) that ends at q and starts at or
 * after s, or SIZE_MAX: only the mentions starting within maxlen (the
 * longest mention's length) before q are looked at, not every mention of
 * the document for every figure of a line. */
static size_t mention_ending_at(const attribute_ctx *c, size_t s, size_t q, size_t maxlen)
{
    size_t found = SIZE_MAX;
    for (size_t i = attribute_first_mention(c, q); i-- > 0;) {
        if (c->mn[i].start < s || c->mn[i].start + maxlen < q)
            break;
        if (c->mn[i].end == q)
            found = i;
    }
    return found;
}

/* Where the names right before a legend's first figure at f start (a
 * label-first legend: "Gao 40% Mopti 35% Kidal 25%"): the mentions of a
 * fund, place or sector that end there one after the other, back to s. */
static size_t legend_lead(const attribute_ctx *c, size_t s, size_t f, size_t maxlen)
{
    const char *t = c->doc->text;
    size_t p = f;
    for (;;) {
        size_t q = p;
        while (q > s && (t[q - 1] == ' ' || t[q - 1] == '\n'))
            q--;
        size_t i = mention_ending_at(c, s, q, maxlen);
        if (i == SIZE_MAX || !(c->mn_val[D_FUND][i] || c->mn_val[D_COUNTRY][i] ||
                               c->mn_val[D_REGION][i] || c->mn_val[D_SECTOR][i]))
            return p;
        p = c->mn[i].start;
    }
}

/* Append block [s, e), a piece of src, to nb: a piece of legend id legend
 * (0: none), or a heading (head). */
static void add_piece(const char *t, attribute_block *nb, size_t *n, const attribute_block *src,
                      size_t s, size_t e, int legend, int head)
{
    if (s >= e || attribute_line_blank(t, s, e))
        return;
    nb[*n] = *src;
    nb[*n].start = s;
    nb[*n].end = e;
    nb[*n].legend = legend;
    nb[*n].inline_heading = head;
    if (legend || head)
        nb[*n].bullet = nb[*n].item = 0;
    (*n)++;
}

/* Cut legend id, figure items [f, last], out of block b from cur: the text
 * before it, its title, its names and figures; returns where it ends. */
static size_t cut_legend(const attribute_ctx *c, attribute_block *nb, size_t *n,
                         const attribute_block *b, size_t cur, size_t f, size_t last, int id,
                         size_t maxlen)
{
    const char *t = c->doc->text;
    size_t lead = legend_lead(c, cur, c->it[f].start, maxlen);
    size_t title = legend_title(c, cur, lead);
    add_piece(t, nb, n, b, cur, title, 0, 0);
    add_piece(t, nb, n, b, title, lead, 0, 1);
    add_piece(t, nb, n, b, lead, c->it[f].start, id, 0);
    for (size_t g = f; g <= last; g++) {
        add_piece(t, nb, n, b, c->it[g].start, c->it[g].end, id, 0);
        size_t ge = g < last ? c->it[g + 1].start : legend_tail(c, c->it[g].end, b->end);
        add_piece(t, nb, n, b, c->it[g].end, ge, id, 0);
        cur = ge;
    }
    return cur;
}

/* Rule "legend": a legend inside a flattened line (figures with only names
 * between them, the names right before and after them, the title before)
 * is cut out of its text: its title a heading, each figure and each run of
 * names a block of its own, so that a figure is read with its own words
 * ("33 TF": the Trust Fund's) and the legend's names and funds reach no
 * figure of the text around it, nor its figures that text's. */
static ac_error split_legends(attribute_ctx *c)
{
    size_t first = 0;         /* a legend is inside a flattened line */
    while (first < c->n_b && !c->b[first].flat)
        first++;
    if (first == c->n_b)
        return AC_OK;
    attribute_block *nb = arena_alloc(c->a, (c->n_b + 3 * c->n_it + 1) * sizeof *nb);
    if (!nb)
        return AC_ERR_NOMEM;
    size_t n = 0, k0 = 0, maxlen = 0;
    for (size_t i = 0; i < c->n_mn; i++)
        if (c->mn[i].end - c->mn[i].start > maxlen)
            maxlen = c->mn[i].end - c->mn[i].start;
    int id = 0;
    for (size_t k = 0; k < c->n_b; k++) {
        attribute_block b = c->b[k];
        size_t cur = b.start;
        int cut = b.flat && !b.inline_heading;
        while (cut && k0 < c->n_it && c->it[k0].start < b.start)
            k0++;
        legend_run run = {.last = SIZE_MAX};
        for (size_t f = k0; cut && f < c->n_it && c->it[f].start < b.end; f++) {
            if (!attribute_is_figure(&c->it[f]) || c->it[f].start < cur)
                continue;
            size_t last = run.last != SIZE_MAX && f <= run.last
                              ? legend_end_in(c, f, cur, maxlen, &run)
                              : legend_end(c, f, cur, b.end, maxlen, &run);
            if (last == SIZE_MAX)
                continue;
            cur = cut_legend(c, nb, &n, &b, cur, f, last, ++id, maxlen);
            f = last;
            run.last = SIZE_MAX;
        }
        add_piece(c->doc->text, nb, &n, &b, cur, b.end, 0, b.inline_heading);
    }
    c->b = nb;
    c->n_b = n;
    return AC_OK;
}

ac_error attribute_build_blocks(attribute_ctx *c)
{
    const read_text_doc *d = c->doc;
    const char *t = d->text;
    c->b = arena_alloc(c->a, (d->n_lines + 1) * sizeof *c->b);
    if (!c->b)
        return AC_ERR_NOMEM;
    c->n_b = 0;
    size_t l = 0;
    while (l < d->n_lines) {
        size_t ls = d->line_start[l], le = line_end(d, l);
        if (attribute_line_blank(t, ls, le)) {
            l++;
            continue;
        }
        attribute_block *b = &c->b[c->n_b++];
        memset(b, 0, sizeof *b);
        b->start = ls;
        b->end = le;
        size_t p = ls;
        while (p < le && attribute_hspace_len(t, p, le))
            p += attribute_hspace_len(t, p, le);
        b->bullet = bullet_at(t, p, le);
        b->item = b->bullet || number_at(t, p, le);
        l = join_wraps(d, b, l + 1, ls, le);
    }
    ac_error err = split_flat_lines(c);
    if (!err)
        err = split_titles(c);
    return err ? err : split_legends(c);
}

/* ---- block classification ------------------------------------------------- */

static int count_letters_outside(const attribute_ctx *c, const attribute_block *b, int skip_items,
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

static int states_value(const attribute_block *b)
{
    return b->val[D_FUND] || b->val[D_REGION] || b->val[D_SECTOR] || b->val[D_COUNTRY];
}

/* Count the block's figures and their measure (-1 when mixed). */
static void count_figures(const attribute_ctx *c, attribute_block *b)
{
    b->fig_measure = -2;
    for (size_t i = b->it0; i < b->it1; i++)
        if (attribute_is_figure(&c->it[i])) {
            b->n_figures++;
            int m = attribute_measure_of(&c->it[i]);
            b->fig_measure = b->fig_measure == -2 ? m : b->fig_measure == m ? m : -1;
        }
}

/* The block's unique values and period; returns whether it names several
 * sectors. */
static int block_values(const attribute_ctx *c, attribute_block *b)
{
    int many_sector = 0;
    for (int d = 0; d < D__N; d++) {
        int many;
        b->val[d] = attribute_unique_in(c, d, b->start, b->end, &many);
        if (many && d == D_SECTOR)
            many_sector = 1;
    }
    if (b->val[D_FUND] && attribute_fund_anaphors_only(c, b->mn0, b->mn1))
        b->val[D_FUND] = NULL;    /* "Resources of the Fund": no fund heading */
    for (size_t i = b->it0; i < b->it1; i++) {
        int y1, y2, pk;
        if (attribute_period_of(c, &c->it[i], &y1, &y2, &pk)) {
            if (b->y1 && (b->y1 != y1 || b->y2 != y2)) {
                b->y1 = b->y2 = 0;
                break;
            }
            b->y1 = y1;
            b->y2 = y2;
            b->pk = pk;
        }
    }
    return many_sector;
}

/* A chart label: values, no digit, short, hardly a letter outside mentions.
 * A label naming a sector and, in brackets, a sub-sector: the first one
 * names the slice. */
static int label_block(const attribute_ctx *c, attribute_block *b, int many_sector, size_t e)
{
    const char *t = c->doc->text;
    if (!(states_value(b) || many_sector) || has_digit(t, b->start, b->end) ||
        e - b->start > ATTR_LABEL_MAX_BYTES ||
        count_letters_outside(c, b, 0, 1) > ATTR_LABEL_LETTERS)
        return 0;
    if (many_sector)
        for (size_t i = b->mn0; i < b->mn1; i++)
            if (c->mn_val[D_SECTOR][i]) {
                b->val[D_SECTOR] = c->mn_val[D_SECTOR][i];
                break;
            }
    return 1;
}

/* A heading: states a value or a period, is short, ends without . , ; */
static int heading_block(const attribute_ctx *c, const attribute_block *b, size_t e)
{
    const char *t = c->doc->text;
    int words = word_count(t, b->start, e);
    char last = e > b->start ? t[e - 1] : 0;
    size_t max_bytes = b->bullet ? ATTR_BULLET_HEADING_MAX_BYTES : ATTR_HEADING_MAX_BYTES;
    int max_words = b->bullet ? ATTR_BULLET_HEADING_MAX_WORDS : ATTR_HEADING_MAX_WORDS;
    return (states_value(b) || b->y1) && e - b->start <= max_bytes && words <= max_words &&
           last != '.' && last != ',' && last != ';';
}

/* The letters of the total label opening block b ("Total général :",
 * "Grand total ="; rule "total line", attribute_post.c), 0 when none: a
 * list's total line is one of its figure lines, however long its label. */
static int total_label_letters(const attribute_ctx *c, const attribute_block *b)
{
    const char *t = c->doc->text;
    size_t m = b->it0;
    while (m < b->it1 && !attribute_is_figure(&c->it[m]))
        m++;
    size_t q = m < b->it1 ? attribute_total_line(c->gz, c->doc, b->start, c->it[m].start) : 0;
    int letters = 0;
    for (size_t p = b->start; p < q && q; p++)
        letters += isalpha((unsigned char)t[p]) || (unsigned char)t[p] >= 0xC0;
    return letters;
}

static void classify(const attribute_ctx *c, attribute_block *b)
{
    count_figures(c, b);
    int many_sector = block_values(c, b);
    size_t e = trim_end(c->doc->text, b->start, b->end);
    if (b->n_figures > 0) {
        /* figure-only: figures, fund names and a few letters ("Total :",
         * and a total label of any length) */
        if (count_letters_outside(c, b, 1, 0) - total_label_letters(c, b) <= ATTR_FIGURE_LINE_LETTERS)
            b->kind = BLK_FIGURE;
        return;
    }
    if (label_block(c, b, many_sector, e)) {
        b->kind = BLK_LABEL;
        return;
    }
    b->residual = count_letters_outside(c, b, 0, 1);
    if (heading_block(c, b, e))
        b->kind = BLK_HEADING;
}

/* A text table's rows: a data row with figures is figure-only whatever its
 * label; a title row stating a value or period is a heading. */
static void table_row_kind(const attribute_ctx *c, attribute_block *b, size_t *trow_i)
{
    while (*trow_i < c->n_trow && c->trow[*trow_i].start < b->start)
        (*trow_i)++;
    for (size_t r = *trow_i; r < c->n_trow && c->trow[r].start == b->start; r++)
        if (!c->trow[r].title && b->n_figures > 0)
            b->kind = BLK_FIGURE;
        else if (c->trow[r].title && (states_value(b) || b->y1))
            b->kind = BLK_HEADING;
}

/* A list whose items each name something on one line and give its figure
 * on the next ("• Gouvernement luxembourgeois" / "0 EUR", "• Union
 * européenne" / "5 000 000 EUR") is a table: its bullets are the labels of
 * the figures below them, so the figures are rows of one run.  At least
 * ATTR_BULLET_TABLE_MIN such pairs in a row. */
static void bullet_labels(attribute_ctx *c)
{
    const char *t = c->doc->text;
    for (size_t k = 0; k < c->n_b;) {
        size_t j = k;
        while (j + 1 < c->n_b && c->b[j].bullet && !c->b[j].n_figures &&
               (c->b[j].kind == BLK_TEXT || c->b[j].kind == BLK_HEADING) &&
               !has_digit(t, c->b[j].start, c->b[j].end) &&
               trim_end(t, c->b[j].start, c->b[j].end) - c->b[j].start <= ATTR_LABEL_MAX_BYTES &&
               c->b[j + 1].kind == BLK_FIGURE && !c->b[j + 1].bullet)
            j += 2;
        if ((j - k) / 2 >= ATTR_BULLET_TABLE_MIN)
            for (size_t i = k; i < j; i += 2)
                c->b[i].kind = BLK_LABEL;
        k = j > k ? j : k + 1;
    }
}

void attribute_classify_blocks(attribute_ctx *c)
{
    size_t ii = 0, mi = 0, trow_i = 0;
    for (size_t k = 0; k < c->n_b; k++) {
        attribute_block *b = &c->b[k];
        while (ii < c->n_it && c->it[ii].start < b->start)
            ii++;
        b->it0 = ii;
        while (ii < c->n_it && c->it[ii].start < b->end)
            ii++;
        b->it1 = ii;
        while (mi < c->n_mn && c->mn[mi].start < b->start)
            mi++;
        b->mn0 = mi;
        while (mi < c->n_mn && c->mn[mi].start < b->end)
            mi++;
        b->mn1 = mi;
        classify(c, b);
        table_row_kind(c, b, &trow_i);
        if (b->inline_heading)
            b->kind = BLK_HEADING;
        else if (b->legend && b->kind != BLK_FIGURE)   /* a legend's names: labels */
            b->kind = b->n_figures == 0 && states_value(b) ? BLK_LABEL : BLK_TEXT;
    }
    bullet_labels(c);
}

/* A short line: a heading, or a title-like line (at most
 * ATTR_SHORT_LINE_WORDS words, no final period), not part of a chart. */
int attribute_short_line(const attribute_ctx *c, const attribute_block *b)
{
    if (b->kind == BLK_HEADING)
        return 1;
    if (b->kind != BLK_TEXT)
        return 0;
    size_t e = trim_end(c->doc->text, b->start, b->end);
    char last = e > b->start ? c->doc->text[e - 1] : 0;
    return word_count(c->doc->text, b->start, e) <= ATTR_SHORT_LINE_WORDS && last != '.' &&
           last != ':' && last != ';';
}

/* Is the line before offset s (or after offset e) blank, or the edge of
 * the text? */
static int blank_before(const read_text_doc *d, size_t s)
{
    if (s == 0)
        return 1;
    long l = read_text_line_of(d, s) - 1;        /* 1-based line of s */
    if (l < 1)
        return 1;
    size_t ps = d->line_start[l - 1], pe = d->line_start[l] - 1;
    return attribute_line_blank(d->text, ps, pe);
}

static int blank_after(const read_text_doc *d, size_t e)
{
    long l = read_text_line_of(d, e > 0 ? e - 1 : 0);   /* 1-based line of e */
    if ((size_t)l >= d->n_lines)
        return 1;
    return attribute_line_blank(d->text, d->line_start[l], line_end(d, (size_t)l));
}

/* A section title that states no period, fund, place or sector: a short
 * line standing alone between blank lines, with no digit, that is not an
 * item of a list, a chart label or a field of a form ("Highlights of the
 * quarter", "Nouvelles contributions", "Background", "Videos").  It opens a
 * section of its own, so the period of the section before does not reach
 * past it. */
int attribute_title_alone(const attribute_ctx *c, const attribute_block *b)
{
    if (b->kind != BLK_TEXT || b->item || b->run || b->legend || b->n_figures || b->y1 ||
        states_value(b) || has_digit(c->doc->text, b->start, b->end) ||
        !attribute_short_line(c, b))
        return 0;
    return blank_before(c->doc, b->start) && blank_after(c->doc, b->end);
}

/* A chain of ATTR_LIST_MIN_LINES or more short lines (headings, titles, a
 * table of contents, video titles, a list of sectors) is a list, not nested
 * sections: its headings govern nothing.  A heading of the list that names
 * a fund keeps its fund ("Fonds Fiduciaire ... - Aperçu" then "Contact -
 * ..."), except before the first figure of the document: there the list is
 * the front page's table of contents, whose headlines ("Kidal : le CSCOM
 * d'Etambar réhabilité (QIP)") announce stories told further on and govern
 * nothing at all.  A period-only heading is a field's value ("Mai 2013 -
 * Avril 2015") and stays. */
void attribute_demote_lists(attribute_ctx *c)
{
    size_t first_fig_block = c->n_b;
    for (size_t k = 0; k < c->n_b; k++)
        if (c->b[k].n_figures > 0) {
            first_fig_block = k;
            break;
        }
    for (size_t k = 0; k < c->n_b;) {
        size_t j = k;
        while (j < c->n_b && attribute_short_line(c, &c->b[j]))
            j++;
        for (size_t x = k; j - k >= ATTR_LIST_MIN_LINES && x < j; x++) {
            attribute_block *b = &c->b[x];
            if (b->kind != BLK_HEADING || (b->y1 && !states_value(b)))
                continue;
            if (b->val[D_FUND] && j > first_fig_block)
                b->residual = ATTR_RESIDUAL_FUND_ONLY;   /* keeps its fund only */
            else
                b->kind = BLK_TEXT;
        }
        k = j > k ? j : k + 1;
    }
}
