/*
 * scan_table.c — cells of tables pasted into text become scanner items (see
 * scan_table.h).
 *
 * Data flow: lines ─▶ cells (by the line's separator) ─▶ runs of lines with
 * the same separator and number of cells ─▶ header, title and data rows ─▶
 * one item per numeric cell, its kind and unit from the column header.
 * The scanner is called on header words and on single cells only: it never
 * sees a whole row, so the numbers of one row are never read as one number.
 */
#include "scan_table.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_CELLS 64

typedef struct {
    size_t s, e;              /* cell text, trimmed                         */
} cell;

typedef struct {
    size_t start, end;        /* the line                                   */
    char sep;                 /* ';', '\t', '|' or 0                        */
    int n;                    /* number of cells                            */
    cell c[MAX_CELLS];
    int rule;                 /* a Markdown rule line |---|---|             */
} line_cells;

typedef struct {
    scan_kind kind;           /* SCAN_AMOUNT, SCAN_PERCENT, SCAN_COUNT       */
    int known;
    char currency[4];
    int currency_ambiguous;
    const char *unit;
} column;

static int is_space(const char *t, size_t i, size_t e)
{
    unsigned char ch = (unsigned char)t[i];
    if (ch == ' ' || ch == '\t' || ch == '"')
        return 1;
    if (ch == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (ch == 0xE2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0xAF || (unsigned char)t[i + 2] == 0x89))
        return 3;
    return 0;
}

static void trim(const char *t, size_t *s, size_t *e)
{
    int k;
    while (*s < *e && (k = is_space(t, *s, *e)))
        *s += (size_t)k;
    while (*e > *s) {
        unsigned char ch = (unsigned char)t[*e - 1];
        if (ch == ' ' || ch == '\t' || ch == '"')
            (*e)--;
        else if (*e - *s >= 2 && ch == 0xA0 && (unsigned char)t[*e - 2] == 0xC2)
            *e -= 2;
        else if (*e - *s >= 3 && (ch == 0xAF || ch == 0x89) &&
                 (unsigned char)t[*e - 2] == 0x80 && (unsigned char)t[*e - 3] == 0xE2)
            *e -= 3;
        else
            break;
    }
}

static void split_line(const char *t, size_t s, size_t e, line_cells *lc)
{
    memset(lc, 0, sizeof *lc);
    lc->start = s;
    lc->end = e;
    int semi = 0, tab = 0, pipe = 0;
    for (size_t i = s; i < e; i++)
        semi += t[i] == ';', tab += t[i] == '\t', pipe += t[i] == '|';
    lc->sep = semi ? ';' : tab ? '\t' : pipe >= 2 ? '|' : 0;
    if (!lc->sep)
        return;
    size_t a = s, z = e;
    if (lc->sep == '|') {
        trim(t, &a, &z);
        if (a < z && t[a] == '|')
            a++;
        if (z > a && t[z - 1] == '|')
            z--;
    }
    size_t cs = a;
    for (size_t i = a; i <= z && lc->n < MAX_CELLS; i++) {
        if (i == z || t[i] == lc->sep) {
            size_t x = cs, y = i;
            trim(t, &x, &y);
            lc->c[lc->n].s = x;
            lc->c[lc->n].e = y;
            lc->n++;
            cs = i + 1;
        }
    }
    if (lc->sep == '|') {
        int rule = 1;
        for (size_t i = a; i < z && rule; i++)
            if (!strchr("-:| \t", t[i]))
                rule = 0;
        lc->rule = rule;
    }
}

static int has_digit(const char *t, const cell *c)
{
    for (size_t i = c->s; i < c->e; i++)
        if (isdigit((unsigned char)t[i]))
            return 1;
    return 0;
}

static int has_alpha(const char *t, const cell *c)
{
    for (size_t i = c->s; i < c->e; i++)
        if (isalpha((unsigned char)t[i]) || (unsigned char)t[i] >= 0xC0)
            return 1;
    return 0;
}

/* Read what a header cell says of its column: "Part (%)", "Montant (USD)",
 * "Nombre de QIPs".  Each word is offered to the scanner as "1 WORD". */
static void header_kind(scan_ctx *sx, const char *t, const cell *hc, scan_lang lang, arena *a, column *col)
{
    memset(col, 0, sizeof *col);
    size_t n = hc->e - hc->s;
    if (n == 0 || n > 200)
        return;
    char low[256];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)t[hc->s + i]);
    low[n] = '\0';
    if (strchr(low, '%') || strstr(low, "pourcent") || strstr(low, "percent") ||
        !strncmp(low, "part", 4) || !strncmp(low, "share", 5) || strstr(low, "taux") ||
        strstr(low, "proportion")) {
        col->kind = SCAN_PERCENT;
        col->known = 1;
        return;
    }
    scan_opts so = {.lang = lang, .kinds = SCAN_MASK(SCAN_AMOUNT) | SCAN_MASK(SCAN_COUNT)};
    const char *count_unit = NULL;
    size_t i = 0;
    while (i < n) {
        while (i < n && strchr(" ()[]/,:-", low[i]))
            i++;
        size_t w = i;
        while (i < n && !strchr(" ()[]/,:", low[i]))
            i++;
        if (i == w)
            continue;
        /* the word and the rest of the header: "dollars US", "F CFA" */
        for (int tail = 0; tail < 2; tail++) {
            size_t we = tail ? n : i;
            char probe[240];
            int k = snprintf(probe, sizeof probe, "1 %.*s", (int)(we - w), t + hc->s + w);
            if (k <= 0 || (size_t)k >= sizeof probe)
                continue;
            scan_item *it;
            size_t m;
            if (scan_text(sx, probe, (size_t)k, &so, a, &it, &m) != AC_OK)
                continue;
            for (size_t j = 0; j < m; j++) {
                if (it[j].kind == SCAN_AMOUNT && it[j].currency[0]) {
                    col->kind = SCAN_AMOUNT;
                    col->known = 1;
                    memcpy(col->currency, it[j].currency, sizeof col->currency);
                    col->currency_ambiguous = it[j].currency_ambiguous;
                    return;
                }
                if (it[j].kind == SCAN_COUNT && it[j].unit && !count_unit)
                    count_unit = it[j].unit;
            }
        }
    }
    if (count_unit) {
        col->kind = SCAN_COUNT;
        col->known = 1;
        col->unit = count_unit;
    }
}

static ac_error push(arena *a, scan_item **v, size_t *n, size_t *cap, const scan_item *x)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        scan_item *nv = arena_grow(a, *v, *n, nc, sizeof *nv);
        if (!nv)
            return AC_ERR_NOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = *x;
    return AC_OK;
}

static ac_error push_row(arena *a, scan_table_row **v, size_t *n, size_t *cap, size_t s,
                         size_t e, int title)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        scan_table_row *nv = arena_grow(a, *v, *n, nc, sizeof *nv);
        if (!nv)
            return AC_ERR_NOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n].start = s;
    (*v)[*n].end = e;
    (*v)[*n].title = title;
    (*n)++;
    return AC_OK;
}

/* One data cell: the scanner's own reading, else the column's kind. */
static ac_error cell_item(scan_ctx *sx, const char *t, const cell *c, const column *col, scan_lang lang,
                          arena *a, scan_item **v, size_t *n, size_t *cap)
{
    if (c->e <= c->s || !has_digit(t, c))
        return AC_OK;
    scan_opts so = {.lang = lang,
                    .kinds = SCAN_MASK(SCAN_AMOUNT) | SCAN_MASK(SCAN_PERCENT) | SCAN_MASK(SCAN_COUNT)};
    scan_item *it;
    size_t m;
    ac_error err = scan_text(sx, t + c->s, c->e - c->s, &so, a, &it, &m);
    if (err)
        return err;
    if (m == 1 && it[0].end - it[0].start + 2 >= c->e - c->s) {
        scan_item x = it[0];
        x.start += c->s;
        x.end += c->s;
        x.num_start += c->s;
        return push(a, v, n, cap, &x);
    }
    if (!col->known)
        return AC_OK;
    scan_num_dec val;
    if (!scan_number_digits(t + c->s, c->e - c->s, lang == SCAN_LANG_EN, &val))
        return AC_OK;
    scan_item x;
    memset(&x, 0, sizeof x);
    x.kind = col->kind;
    x.start = x.num_start = c->s;
    x.end = c->e;
    x.value = val;
    x.qual = SCAN_Q_EXACT;
    if (col->kind == SCAN_AMOUNT) {
        memcpy(x.currency, col->currency, sizeof x.currency);
        x.currency_ambiguous = col->currency_ambiguous;
    } else if (col->kind == SCAN_COUNT) {
        x.unit = col->unit;
    }
    return push(a, v, n, cap, &x);
}

/* The end of line l of doc (before its '\n'). */
static size_t line_end(const read_text_doc *doc, size_t l)
{
    return l + 1 < doc->n_lines ? doc->line_start[l + 1] - 1 : doc->len;
}

/* The tables of one document being found: where their items and rows go. */
typedef struct {
    scan_ctx *sx;
    const read_text_doc *doc;
    scan_lang lang;
    arena *a;
    scan_item **items;
    size_t *n_items, cap;
    scan_table_row **rows;
    size_t *n_rows, rcap;
    column col[MAX_CELLS];
    int header_seen;
} table_find;

/* The end of the run of lines from l with the shape of line l (lc[0]);
 * lc[1] is scratch. */
static size_t run_end(const read_text_doc *doc, size_t l, line_cells *lc)
{
    size_t r = l + 1;
    while (r < doc->n_lines) {
        split_line(doc->text, doc->line_start[r], line_end(doc, r), &lc[1]);
        if (lc[1].sep != lc[0].sep || lc[1].n != lc[0].n)
            break;
        r++;
    }
    return r;
}

/* Before the header: a title line (only its first cell), the header (more
 * word cells than number cells), else no header at all.  1 when the line
 * is used up. */
static int before_header(table_find *tf, const line_cells *x, size_t s, size_t e, ac_error *err)
{
    const char *t = tf->doc->text;
    int rest_empty = 1, words = 0, nums = 0;
    for (int j = 1; j < x->n; j++) {
        if (x->c[j].e > x->c[j].s)
            rest_empty = 0;
        words += has_alpha(t, &x->c[j]) && !has_digit(t, &x->c[j]);
        nums += has_digit(t, &x->c[j]);
    }
    if (rest_empty) {
        *err = push_row(tf->a, tf->rows, tf->n_rows, &tf->rcap, s, e, 1);
        return 1;
    }
    tf->header_seen = 1;
    if (words > nums) {
        for (int j = 0; j < x->n; j++)
            header_kind(tf->sx, t, &x->c[j], tf->lang, tf->a, &tf->col[j]);
        *err = push_row(tf->a, tf->rows, tf->n_rows, &tf->rcap, s, e, 0);
        return 1;
    }
    /* no header: cells keep only what the scanner reads */
    memset(tf->col, 0, sizeof tf->col);
    return 0;
}

/* One line k of a table: a rule, a title, the header or a data row. */
static ac_error table_line(table_find *tf, size_t k, line_cells *x)
{
    size_t s = tf->doc->line_start[k], e = line_end(tf->doc, k);
    ac_error err = AC_OK;
    split_line(tf->doc->text, s, e, x);
    if (x->rule)
        return push_row(tf->a, tf->rows, tf->n_rows, &tf->rcap, s, e, 0);
    if (!tf->header_seen && before_header(tf, x, s, e, &err))
        return err;
    if ((err = push_row(tf->a, tf->rows, tf->n_rows, &tf->rcap, s, e, 0)))
        return err;
    for (int j = 1; j < x->n && !err; j++)
        err = cell_item(tf->sx, tf->doc->text, &x->c[j], &tf->col[j], tf->lang, tf->a,
                        tf->items, tf->n_items, &tf->cap);
    return err;
}

ac_error scan_table_find(scan_ctx *sx, const read_text_doc *doc, scan_lang lang, arena *a,
                    scan_item **items, size_t *n_items, scan_table_row **rows, size_t *n_rows)
{
    table_find tf = {.sx = sx, .doc = doc, .lang = lang, .a = a, .items = items,
                     .n_items = n_items, .rows = rows, .n_rows = n_rows};
    *items = NULL;
    *n_items = 0;
    *rows = NULL;
    *n_rows = 0;
    line_cells *lc = arena_alloc(a, 2 * sizeof *lc);
    if (!lc)
        return AC_ERR_NOMEM;
    size_t l = 0;
    while (l < doc->n_lines) {
        split_line(doc->text, doc->line_start[l], line_end(doc, l), &lc[0]);
        if (!lc[0].sep || lc[0].n < 2) {
            l++;
            continue;
        }
        size_t r = run_end(doc, l, lc);
        /* a table is three lines at least: title lines, the header, data */
        tf.header_seen = 0;
        for (size_t k = l; r - l >= 3 && k < r; k++) {
            ac_error err = table_line(&tf, k, &lc[1]);
            if (err)
                return err;
        }
        l = r;
    }
    return AC_OK;
}
