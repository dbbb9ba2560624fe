/*
 * export_layout.c — how every sheet of the workbook shows and prints (see
 * export_int.h): columns as wide as their widest number, long notes wrapped
 * in a merged range of an explicit height, and the print set-up.
 *
 * While the sheets are filled, each sheet's columns are recorded here, not
 * given to libxlsxwriter: the width a writer asks for (export_width, the
 * tables' column specs), the widest number written in each column (every
 * export_num and export_formula: its text in the cell's number format, e.g.
 * "1,234,567.89 USD"), the last column used, the notes (export_note), the
 * header rows to repeat (export_print) and the row-label columns
 * (export_labels).  export_layout_finish, once every sheet is filled, sets
 * them once each:
 *
 *   - a column is as wide as asked, or as its widest number needs when that
 *     is more: no cell shows "###" (a character of a number's text counts
 *     1.1 character widths, 1.2 in bold, plus 2 of padding: measured on
 *     LibreOffice with DejaVu Sans, whose digits are wider than Calibri's);
 *   - a text longer than its column is wrapped (export_fit_text), its row
 *     as high as its tallest cell's lines: no text runs over a neighbour
 *     cell (printed over pages side by side, a text running on from a
 *     column of another page would be drawn over this page's cells);
 *   - a note is written in a range merged over the first columns, about
 *     NOTE_CHARS wide, wrapped, with a row height for its lines: it never
 *     runs over the next rows (LibreOffice does not grow a row for a
 *     wrapped or merged cell it did not measure) nor past the printed page;
 *   - every sheet prints on A4 in landscape with margins of PAGE_MARGIN_IN;
 *     a sheet whose columns fit the page's width at FIT_MIN_SCALE or more is
 *     fitted to the width (one page wide, as long as needed); a wider one
 *     prints at MIN_SCALE over pages side by side, its row-label columns
 *     repeated on each (but on the second and later sheets of a long
 *     table: export_sheets.c says why): no text is printed below 8 pt (the
 *     workbook's text is 11 pt and more, a chart's 11 pt).
 *
 * Memory: the per-sheet records are the context's (x->sheets), freed by
 * export_layout_free on every path.
 */
#include "export_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"

/* Excel's default column width, in characters. */
#define DEFAULT_WIDTH 8.43
/* A column of w characters, in points: Excel draws w × 7 + 5 pixels
 * (Calibri 11's widest digit; 5.25 points a character), LibreOffice with
 * its own fonts about 6.95 points a character (measured: 20 characters are
 * 139 points with DejaVu Sans, LibreOffice's stand-in for Calibri).  The
 * wider of the two decides. */
#define COL_PT(w) ((w) * 7.0 + 1.0)
/* A4 landscape is 841.89 points wide, less the side margins (inches). */
#define PAGE_MARGIN_IN 0.4
#define PAGE_PT (841.89 - 2 * PAGE_MARGIN_IN * 72.0)
/* 80 %: the 11-pt text prints at 8.8 pt, a chart's 10-pt text at 8 pt. */
#define MIN_SCALE 80
/* Fitted to the page's width only when it leaves at least this scale: our
 * estimate is Excel's measure, and LibreOffice measures with its own font;
 * 0.85 leaves room for the difference and stays above MIN_SCALE. */
#define FIT_MIN_SCALE 0.85
/* A note is wrapped over about this many characters (a page's width at
 * 100 %: 771 points), on lines of 15 points (the default row of an
 * 11-pt font), a character of text counting NOTE_CHAR_W widths of a digit
 * (a margin for the words wrapping early). */
#define NOTE_CHARS 110.0
#define LINE_PT 15.0
#define NOTE_CHAR_W 1.05

struct export_note_rec {
    lxw_row_t row;
    char *text;                /* cleaned, malloc'd                        */
    lxw_format *f;
    double chars;              /* width to wrap over; 0: NOTE_CHARS        */
};

struct export_sheet {
    lxw_worksheet *ws;
    double *width;             /* per column: asked for (0: the default)  */
    double *need;              /* per column: what its widest number needs */
    lxw_format **fmt;          /* per column: its format, or NULL          */
    size_t cap;                /* entries of the three arrays              */
    lxw_col_t used;            /* 1 + the last column written             */
    lxw_col_t labels;          /* row-label columns repeated on each page */
    int first, last;           /* header rows repeated (-1: none)         */
    struct export_note_rec *notes;
    size_t n_notes, cap_notes;
    lxw_row_t row;             /* the row whose wrapped text is measured   */
    double lines;              /* its most lines so far (0: none wrapped)  */
};

void export_layout_free(export_ctx *x)
{
    for (size_t i = 0; i < x->n_sheets; i++) {
        export_sheet *s = &x->sheets[i];
        free(s->width);
        free(s->need);
        free(s->fmt);
        for (size_t k = 0; k < s->n_notes; k++)
            free(s->notes[k].text);
        free(s->notes);
    }
    free(x->sheets);
    x->sheets = NULL;
    x->n_sheets = x->cap_sheets = 0;
}

/* The record of ws, created on first use; NULL when out of memory. */
static export_sheet *sheet_of(export_ctx *x, lxw_worksheet *ws)
{
    if (x->last_sheet < x->n_sheets && x->sheets[x->last_sheet].ws == ws)
        return &x->sheets[x->last_sheet];
    for (size_t i = x->n_sheets; i-- > 0;)
        if (x->sheets[i].ws == ws) {
            x->last_sheet = i;
            return &x->sheets[i];
        }
    if (vec_reserve((void **)&x->sheets, &x->cap_sheets, x->n_sheets + 1, sizeof *x->sheets))
        return NULL;
    export_sheet *s = &x->sheets[x->n_sheets];
    memset(s, 0, sizeof *s);
    s->ws = ws;
    s->first = s->last = -1;
    x->last_sheet = x->n_sheets++;
    return s;
}

/* Columns 0..c of s exist in its arrays. */
static int reach(export_sheet *s, lxw_col_t c)
{
    if ((size_t)c < s->cap)
        return 1;
    size_t nc = s->cap ? s->cap : 16;
    while (nc <= (size_t)c)
        nc *= 2;
    double *w = realloc(s->width, nc * sizeof *w);
    if (w)
        s->width = w;
    double *n = w ? realloc(s->need, nc * sizeof *n) : NULL;
    if (n)
        s->need = n;
    lxw_format **f = n ? realloc(s->fmt, nc * sizeof *f) : NULL;
    if (!f)
        return 0;
    s->fmt = f;
    for (size_t i = s->cap; i < nc; i++) {
        s->width[i] = s->need[i] = 0;
        s->fmt[i] = NULL;
    }
    s->cap = nc;
    return 1;
}

ac_error export_width(export_ctx *x, lxw_worksheet *ws, lxw_col_t c0, lxw_col_t c1, double w,
                      lxw_format *f)
{
    export_sheet *s = sheet_of(x, ws);
    if (!s || !reach(s, c1))
        return export_nomem(x);
    for (lxw_col_t c = c0; c <= c1; c++) {
        s->width[c] = w;
        s->fmt[c] = f;
    }
    return AC_OK;
}

ac_error export_used(export_ctx *x, lxw_worksheet *ws, lxw_col_t c)
{
    export_sheet *s = sheet_of(x, ws);
    if (!s)
        return export_nomem(x);
    if (c >= s->used)
        s->used = c + 1;
    return AC_OK;
}

/* Digits of the integer part of |v| with thousands separators. */
static size_t grouped(double v)
{
    char b[64];
    int n = snprintf(b, sizeof b, "%.0f", floor(fabs(v)));
    if (n <= 0 || (size_t)n >= sizeof b)
        return 40;
    return (size_t)n + (size_t)(n - 1) / 3;
}

/* The length of v's text in format f (FMT_USD, "#,##0", "#,##0.####",
 * "0.00000000##", "0.0%" or General), and whether f is bold. */
static size_t num_chars(const export_ctx *x, double v, const lxw_format *f, int *bold)
{
    const lxw_format *const *F = (const lxw_format *const *)x->f;
    size_t sign = v < 0;
    *bold = f && (f == F[F_USD_BOLD] || f == F[F_INT_BOLD] || f == F[F_PCT] || f == F[F_BOLD]);
    if (f && (f == F[F_USD] || f == F[F_USD_BOLD] || f == F[F_USD_GREY]))
        return sign + grouped(fabs(v) + 0.005) + 3 + 4;        /* ".00 USD" */
    if (f && (f == F[F_INT] || f == F[F_INT_BOLD] || f == F[F_INT_GREY]))
        return sign + grouped(fabs(v) + 0.5);
    if (f == F[F_NUM])
        return sign + grouped(v) + 5;                          /* ".####" */
    if (f == F[F_RATE])
        return sign + grouped(v) + 11;                         /* ".00000000##" */
    if (f == F[F_PCT])
        return sign + grouped(v * 100.0) + 3;                  /* ".0%" */
    char b[64];
    int n = snprintf(b, sizeof b, "%.10g", v);                 /* General: at most 11 */
    return n > 11 ? 11 : n > 0 ? (size_t)n : 1;
}

ac_error export_number_width(export_ctx *x, lxw_worksheet *ws, lxw_col_t c, double v,
                             const lxw_format *f)
{
    export_sheet *s = sheet_of(x, ws);
    if (!s || !reach(s, c))
        return export_nomem(x);
    int bold;
    double need = (double)num_chars(x, v, f, &bold) * (bold ? 1.2 : 1.1) + 2.0;
    if (need > s->need[c])
        s->need[c] = need;
    if (c >= s->used)
        s->used = c + 1;
    return AC_OK;
}

static ac_error put_note(export_ctx *x, export_sheet *s, const struct export_note_rec *n);
static ac_error flush_row(export_ctx *x, export_sheet *s);

ac_error export_row(export_ctx *x, lxw_worksheet *ws, lxw_row_t r)
{
    if (!x->stream || export_is_held(x, ws))
        return AC_OK;
    export_sheet *s = sheet_of(x, ws);
    if (!s)
        return export_nomem(x);
    return s->lines > 0 && r != s->row ? flush_row(x, s) : AC_OK;
}

/* Written row by row (x->stream) on a sheet not held, a note is put at
 * once, over the widths its sheet has then. */
static ac_error note_now(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, const char *t,
                         lxw_format *f, double chars)
{
    struct export_note_rec n = {.row = r, .text = (char *)t, .f = f, .chars = chars};
    return put_note(x, sheet_of(x, ws), &n);
}

ac_error export_note(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, const char *text,
                     lxw_format *f, double chars)
{
    if (x->stream && text && *text && !export_is_held(x, ws)) {
        const char *t = export_clean(x, text);
        return t && sheet_of(x, ws) ? note_now(x, ws, r, t, f, chars) : export_nomem(x);
    }
    export_sheet *s = sheet_of(x, ws);
    const char *t = s && text ? export_clean(x, text) : NULL;
    if (!s || (text && !t) ||
        vec_reserve((void **)&s->notes, &s->cap_notes, s->n_notes + 1, sizeof *s->notes))
        return export_nomem(x);
    if (!text || !*text)
        return AC_OK;
    struct export_note_rec *n = &s->notes[s->n_notes];
    if (!(n->text = strdup(t)))
        return export_nomem(x);
    n->row = r;
    n->f = f;
    n->chars = chars;
    s->n_notes++;
    return AC_OK;
}

ac_error export_print(export_ctx *x, lxw_worksheet *ws, int first, int last)
{
    export_sheet *s = sheet_of(x, ws);
    if (!s)
        return export_nomem(x);
    s->first = first;
    s->last = last;
    return AC_OK;
}

ac_error export_labels(export_ctx *x, lxw_worksheet *ws, lxw_col_t n)
{
    export_sheet *s = sheet_of(x, ws);
    if (!s)
        return export_nomem(x);
    s->labels = n;
    return AC_OK;
}

/* The lines text t takes in a column of width characters: words fill a
 * line while they fit (a character NOTE_CHAR_W wide, a space before each
 * but the first), a word longer than a line is broken, a line feed ends a
 * line. */
static double wrap_lines(const char *t, double width)
{
    double lines = 1, pos = 0;
    width = width > 2 ? width - 1 : 1;          /* the cell's padding */
    for (const char *p = t; *p;) {
        if (*p == '\n' || *p == ' ') {
            if (*p++ == '\n') {
                lines++;
                pos = 0;
            }
            continue;
        }
        size_t n = 0;
        const char *q = p;
        for (; *q && *q != ' ' && *q != '\n'; q++)
            n += (*q & 0xC0) != 0x80;
        double w = (double)n * NOTE_CHAR_W, at = pos > 0 ? pos + NOTE_CHAR_W + w : w;
        if (at <= width)
            pos = at;
        else {
            double more = ceil(w / width);         /* lines the word takes */
            lines += (pos > 0) + more - 1;
            pos = w - (more - 1) * width;
        }
        p = q;
    }
    return lines;
}

/* The row of s measured so far gets its height: as many lines as its
 * tallest wrapped cell. */
static ac_error flush_row(export_ctx *x, export_sheet *s)
{
    if (s->lines > 1)
        TRY(export_put_height(x, s->ws, s->row, s->lines * LINE_PT + 3.0));
    s->lines = 0;
    return AC_OK;
}

/* The wrapping variant of a cell's format, NULL when it has none. */
static lxw_format *wrap_variant(export_ctx *x, const lxw_format *f)
{
    if (!f)
        return x->f[F_WRAP];
    if (f == x->f[F_BOLD])
        return x->f[F_BOLD_WRAP];
    if (f == x->f[F_NOTE])
        return x->f[F_NOTE_WRAP];
    if (f == x->f[F_GREY])
        return x->f[F_GREY_WRAP];
    return f == x->f[F_WRAP] || f == x->f[F_BOLD_WRAP] || f == x->f[F_NOTE_WRAP] ||
           f == x->f[F_GREY_WRAP] ? (lxw_format *)f : NULL;
}

ac_error export_fit_text(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                         const char *t, lxw_format **f)
{
    export_sheet *s = sheet_of(x, ws);
    if (!s)
        return export_nomem(x);
    if (c >= s->used)
        s->used = c + 1;
    lxw_format *wf = wrap_variant(x, *f);
    if ((size_t)c >= s->cap || s->width[c] <= 0 || !wf)
        return AC_OK;
    double lines = wrap_lines(t, s->width[c]);
    if (lines <= 1)
        return AC_OK;                  /* it fits on its line */
    if (r != s->row)
        TRY(flush_row(x, s));
    s->row = r;
    if (lines > s->lines)
        s->lines = lines;
    *f = wf;
    return AC_OK;
}

/* ---- at the end -------------------------------------------------------------- */

static double final_width(const export_sheet *s, size_t c)
{
    double w = c < s->cap && s->width[c] > 0 ? s->width[c] : DEFAULT_WIDTH;
    return c < s->cap && s->need[c] > w ? s->need[c] : w;
}

/* The wrap format of a note's format (F_NOTE, F_BOLD, F_WRAP). */
static lxw_format *wrap_of(export_ctx *x, lxw_format *f)
{
    if (f == x->f[F_NOTE])
        return x->f[F_NOTE_WRAP];
    if (f == x->f[F_BOLD])
        return x->f[F_BOLD_WRAP];
    return x->f[F_WRAP];
}

/* A note: over the columns from A whose widths reach its width, merged
 * when more than one, wrapped, its row as high as its lines. */
static ac_error put_note(export_ctx *x, export_sheet *s, const struct export_note_rec *n)
{
    double want = n->chars > 0 ? n->chars : NOTE_CHARS, have = final_width(s, 0);
    lxw_col_t c1 = 0;
    while (have < want && c1 < 255) {
        c1++;
        have += final_width(s, c1);
    }
    if (c1 >= s->used)
        s->used = c1 + 1;
    double lines = wrap_lines(n->text, have);
    lxw_format *f = wrap_of(x, n->f);
    if (c1 > 0)
        TRY(export_put_merge(x, s->ws, n->row, 0, c1, n->text, f));
    else
        TRY(export_put_string(x, s->ws, n->row, 0, n->text, f));
    return export_put_height(x, s->ws, n->row, lines * LINE_PT + 3.0);
}

/* A4 landscape; fitted to the width, or at MIN_SCALE with its labels
 * repeated over pages side by side. */
static ac_error put_print(export_ctx *x, export_sheet *s)
{
    double pt = 0;
    lxw_worksheet *ws = s->ws;
    for (size_t c = 0; c < s->used; c++)
        pt += COL_PT(final_width(s, c));
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);                            /* A4 */
    worksheet_set_margins(ws, PAGE_MARGIN_IN, PAGE_MARGIN_IN, -1, -1);
    if (pt <= 0 || PAGE_PT / pt >= FIT_MIN_SCALE)
        worksheet_fit_to_pages(ws, 1, 0);                 /* one page wide, as long as needed */
    else {
        worksheet_set_print_scale(ws, MIN_SCALE);
        if (s->labels > 0 && s->labels < s->used)
            LX(worksheet_repeat_columns(ws, 0, s->labels - 1));
    }
    if (s->first >= 0 && s->last >= s->first)
        LX(worksheet_repeat_rows(ws, (lxw_row_t)s->first, (lxw_row_t)s->last));
    return AC_OK;
}

ac_error export_layout_finish(export_ctx *x)
{
    for (size_t i = 0; i < x->n_sheets; i++) {
        export_sheet *s = &x->sheets[i];
        TRY(flush_row(x, s));
        for (size_t k = 0; k < s->n_notes; k++)
            TRY(put_note(x, s, &s->notes[k]));
        for (size_t c = 0; c < s->cap; c++)
            if (s->width[c] > 0 || s->need[c] > DEFAULT_WIDTH || s->fmt[c])
                LX(worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, final_width(s, c),
                                        s->fmt[c]));
        TRY(put_print(x, s));
    }
    return AC_OK;
}
