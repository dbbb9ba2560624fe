/*
 * read_ods.c — OpenDocument spreadsheets (.ods) read into a book
 * (read_sheet.h): content.xml streamed through expat by read_zip.c.
 *
 * Elements (matched on namespace URI + local name, read_zip.h):
 *   table:table              a sheet (table:name)
 *   table:table-row          table:number-rows-repeated
 *   table:table-cell,
 *   table:covered-table-cell table:number-columns-repeated, -spanned,
 *                            table:number-rows-spanned (-> merges),
 *                            office:value-type and its value attribute,
 *                            table:formula, calcext:value-type="error"
 *   text:p                   a paragraph of the cell's text; several are
 *                            joined with "\n"; inside: text:s (text:c
 *                            spaces), text:tab, text:line-break, and any
 *                            span or link whose characters are taken
 * office:annotation and draw:* inside a cell are skipped (comments and
 * shapes are not the cell's value).
 *
 * Repeats: LibreOffice ends a sheet with empty rows and cells repeated up
 * to the application's size (1,048,576 rows): an empty repeat only moves
 * the row or column counter and costs nothing.  A non-empty repeated cell
 * is stored once per column (the copies share one text) and a non-empty
 * repeated row once per row (its copies share one cell array), each
 * against the row and column limits and charged to the budget what its
 * copies would cost (read_sheet.h): `number-rows-repeated="1048570"` on a
 * 1 KB file is a million rows to whoever reads them.
 *
 * Text: a cell's text, and each attribute kept of it, is bounded by
 * l->max_cell_bytes as it is built; `<text:s text:c="60000000"/>` is
 * rejected before a byte of it is added.
 *
 * Values: float, percentage, currency -> CELL_NUMBER (office:value);
 * date -> CELL_DATE (office:date-value, the time kept when not midnight);
 * time -> CELL_TEXT as displayed (text:p), or office:time-value without
 * one; boolean -> CELL_BOOL; string -> CELL_TEXT (office:string-value when
 * given, else the text:p text); an error -> CELL_ERROR with its displayed
 * text; a formula ("of:=SUM([.E3:.E29])" kept as "SUM([.E3:.E29])") with
 * no value and no text -> CELL_NO_VALUE.  ODS dates are ISO strings: the
 * book's date1904 is 0.
 *
 * Memory: results in the caller's arena; the archive is closed and the
 * text buffers (strbuf) freed before returning.
 */
#include "read_zip.h"

#include <stdlib.h>
#include <string.h>

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
#define NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0 "
#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 "

#define PART_CONTENT "content.xml"

/* Repeat counts are read up to this (more than any application's rows
 * and columns); the counters stay far from overflow. */
#define REPEAT_MAX 100000000L

typedef struct {
    const char *path;
    diag *d;
    arena *a;
    const read_sheet_limits *l;
    read_sheet_zip *z;
    book *out;
    size_t cap_sheet;
    read_sheet_grid g;
    int skip_table;          /* a table other than --sheet */
    int in_table;
    long row, col;           /* the current row; the last column used */
    long row_rep;
    /* the cell being read */
    int in_cell, skip, in_p, n_p;
    long col_rep, span_c, span_r;
    const char *type, *calc_type, *value, *formula;   /* in the attr buffers */
    strbuf text;             /* bounded by l->max_cell_bytes */
    strbuf attr[4];          /* type, calc_type, value, formula (same bound) */
} ods;

/* Spaces added at a time for text:s. */
#define SPACES_CHUNK 64

#define FAIL(x, e) do { read_xml_fail((x), (e)); return; } while (0)

static ac_error nomem(ods *o)
{
    return diag_fail(o->d, AC_ERR_NOMEM, o->path, 0, "out of memory reading the spreadsheet");
}

static long count_attr(const XML_Char **atts, const char *name)
{
    const char *v = read_xml_attr(atts, name);
    long n = v ? strtol(v, NULL, 10) : 1;
    return n < 1 ? 1 : n > REPEAT_MAX ? REPEAT_MAX : n;
}

/* The cell being read is longer than the limit. */
static ac_error too_long(ods *o)
{
    return read_sheet_cell_too_long(o->l, o->d, o->path, o->g.sh->name, o->row, o->col + 1);
}

static ac_error add_text(ods *o, const char *s, size_t n)
{
    if (strbuf_add(&o->text, s, n) == 0)
        return AC_OK;
    return o->text.failed == STRBUF_LIMIT ? too_long(o) : nomem(o);
}

/* n spaces (text:s), refused whole when they do not fit. */
static ac_error add_spaces(ods *o, long n)
{
    static const char spaces[SPACES_CHUNK + 1] =
        "                                                                ";
    if ((size_t)n > o->text.max - o->text.n)
        return too_long(o);
    ac_error e = AC_OK;
    for (; n > 0 && !e; n -= SPACES_CHUNK)
        e = add_text(o, spaces, n < SPACES_CHUNK ? (size_t)n : SPACES_CHUNK);
    return e;
}

/* An attribute value copied into b (expat's lives only during the start
 * handler): *v the copy, NULL when the attribute is absent. */
static ac_error keep(ods *o, const XML_Char **atts, const char *name, strbuf *b, const char **v)
{
    const char *a = read_xml_attr(atts, name);
    strbuf_reset(b);
    *v = NULL;
    if (!a)
        return AC_OK;
    if (strbuf_add(b, a, strlen(a)) != 0)
        return b->failed == STRBUF_LIMIT ? too_long(o) : nomem(o);
    *v = strbuf_str(b);
    return AC_OK;
}

static void table_start(ods *o, const XML_Char **atts, read_sheet_xml *sx)
{
    const char *name = read_xml_attr(atts, NS_TABLE "name");
    o->in_table = 1;
    o->row = 0;
    o->skip_table = o->l->only_sheet && (!name || strcmp(name, o->l->only_sheet));
    book *b = o->out;
    void *p = b->sheet;
    if (!read_sheet_grow(o->a, &p, &o->cap_sheet, b->n + 1, sizeof *b->sheet))
        FAIL(sx, nomem(o));
    b->sheet = p;
    sheet *sh = &b->sheet[b->n];
    memset(sh, 0, sizeof *sh);
    sh->name = arena_strdup(o->a, name ? name : "");
    if (!sh->name)
        FAIL(sx, nomem(o));
    read_grid_begin(&o->g, sh);
}

static void cell_start(ods *o, const XML_Char **atts, read_sheet_xml *sx)
{
    ac_error e;
    o->in_cell = 1;
    o->skip = o->in_p = o->n_p = 0;
    strbuf_reset(&o->text);
    o->col_rep = count_attr(atts, NS_TABLE "number-columns-repeated");
    o->span_c = count_attr(atts, NS_TABLE "number-columns-spanned");
    o->span_r = count_attr(atts, NS_TABLE "number-rows-spanned");
    if ((e = keep(o, atts, NS_OFFICE "value-type", &o->attr[0], &o->type))
        || (e = keep(o, atts, NS_CALCEXT "value-type", &o->attr[1], &o->calc_type))
        || (e = keep(o, atts, NS_TABLE "formula", &o->attr[3], &o->formula)))
        FAIL(sx, e);
    const char *vattr = NS_OFFICE "value";
    if (o->type && !strcmp(o->type, "date"))
        vattr = NS_OFFICE "date-value";
    else if (o->type && !strcmp(o->type, "time"))
        vattr = NS_OFFICE "time-value";
    else if (o->type && !strcmp(o->type, "boolean"))
        vattr = NS_OFFICE "boolean-value";
    else if (o->type && !strcmp(o->type, "string"))
        vattr = NS_OFFICE "string-value";
    if ((e = keep(o, atts, vattr, &o->attr[2], &o->value)))
        FAIL(sx, e);
}

/* Inside text:p: the elements that stand for characters. */
static void text_element(ods *o, const char *name, const XML_Char **atts, read_sheet_xml *sx)
{
    ac_error e = AC_OK;
    if (!strcmp(name, NS_TEXT "s")) {
        e = add_spaces(o, count_attr(atts, NS_TEXT "c"));
    } else if (!strcmp(name, NS_TEXT "tab")) {
        e = add_text(o, "\t", 1);
    } else if (!strcmp(name, NS_TEXT "line-break")) {
        e = add_text(o, "\n", 1);
    }
    if (e)
        FAIL(sx, e);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    read_sheet_xml *sx = ud;
    ods *o = sx->ud;
    if (o->skip) {
        o->skip++;
        return;
    }
    if (!strcmp(name, NS_TABLE "table")) {
        table_start(o, atts, sx);
    } else if (!o->in_table || o->skip_table) {
        return;
    } else if (!strcmp(name, NS_TABLE "table-row")) {
        o->row_rep = count_attr(atts, NS_TABLE "number-rows-repeated");
        o->row++;
        o->col = 0;
    } else if (!strcmp(name, NS_TABLE "table-cell")
               || !strcmp(name, NS_TABLE "covered-table-cell")) {
        cell_start(o, atts, sx);
    } else if (!o->in_cell) {
        return;
    } else if (!strcmp(name, NS_OFFICE "annotation") || !strncmp(name, NS_DRAW, sizeof NS_DRAW - 1)) {
        o->skip = 1;
    } else if (!strcmp(name, NS_TEXT "p") || !strcmp(name, NS_TEXT "h")) {
        ac_error e = o->n_p++ ? add_text(o, "\n", 1) : AC_OK;
        if (e)
            FAIL(sx, e);
        o->in_p++;
    } else if (o->in_p) {
        text_element(o, name, atts, sx);
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    read_sheet_xml *sx = ud;
    ods *o = sx->ud;
    ac_error e;
    if (o->in_cell && o->in_p && !o->skip && (e = add_text(o, s, (size_t)len)))
        FAIL(sx, e);
}

/* "of:=SUM([.E3:.E29])" -> "SUM([.E3:.E29])"; "=A1" -> "A1". */
static const char *formula_text(const char *f)
{
    const char *eq = strchr(f, '=');
    if (!eq)
        return f;
    for (const char *p = f; p < eq; p++)
        if (!(*p == ':' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return f;
    return eq + 1;
}

/* The kind and text of the cell just read; CELL_EMPTY when it is empty. */
static cell_kind cell_value(ods *o, const char **text, char *buf, size_t size)
{
    const char *t = o->type, *shown = strbuf_str(&o->text);
    *text = shown;
    if (o->calc_type && !strcmp(o->calc_type, "error"))
        return CELL_ERROR;
    if (!t)
        return *shown ? CELL_TEXT : o->formula ? CELL_NO_VALUE : CELL_EMPTY;
    double v;
    if (!strcmp(t, "float") || !strcmp(t, "percentage") || !strcmp(t, "currency")) {
        if (o->value && read_zip_number(o->z, o->value, &v)) {
            *text = read_sheet_number_text(v, buf, size);
            return CELL_NUMBER;
        }
    } else if (!strcmp(t, "date")) {
        if (o->value && (*text = read_sheet_iso_date_text(o->value, buf, size)))
            return CELL_DATE;
        *text = shown;
    } else if (!strcmp(t, "time")) {
        if (!*shown && o->value)
            *text = o->value;
    } else if (!strcmp(t, "boolean")) {
        if (o->value) {
            *text = !strcmp(o->value, "true") || !strcmp(o->value, "1") ? "TRUE" : "FALSE";
            return CELL_BOOL;
        }
    } else if (!strcmp(t, "string") && o->value) {
        *text = o->value;
    }
    return **text ? CELL_TEXT : o->formula ? CELL_NO_VALUE : CELL_EMPTY;
}

static ac_error cell_end(ods *o)
{
    char buf[40];
    const char *text;
    cell_kind k = cell_value(o, &text, buf, sizeof buf);
    long first = o->col + 1;
    o->col += o->col_rep;
    o->in_cell = 0;
    if (k == CELL_EMPTY)
        return AC_OK;
    const char *f = o->formula ? formula_text(o->formula) : NULL;
    char *kept_text, *kept_f = NULL;
    ac_error e = read_grid_keep(&o->g, o->row, first, text, strlen(text), &kept_text);
    if (!e && f)
        e = read_grid_keep(&o->g, o->row, first, f, strlen(f), &kept_f);
    for (long c = first; c <= o->col && !e; c++) {
        e = read_grid_cell(&o->g, o->row, c, k, kept_text, kept_f);
        if (!e && (o->span_c > 1 || o->span_r > 1))
            e = read_grid_merge(&o->g, o->row, c, o->row + o->span_r - 1, c + o->span_c - 1);
    }
    return e;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    read_sheet_xml *sx = ud;
    ods *o = sx->ud;
    ac_error e = AC_OK;
    if (o->skip) {
        o->skip--;
        return;
    }
    if (!o->in_table)
        return;
    if (!strcmp(name, NS_TABLE "table")) {
        read_grid_end(&o->g);
        o->in_table = 0;
        if (!o->skip_table)
            o->out->n++;
    } else if (o->skip_table) {
        return;
    } else if (!strcmp(name, NS_TABLE "table-row")) {
        e = read_grid_row(&o->g, o->row, o->row_rep);
        o->row += o->row_rep - 1;
    } else if (!strcmp(name, NS_TABLE "table-cell")
               || !strcmp(name, NS_TABLE "covered-table-cell")) {
        e = cell_end(o);
    } else if (o->in_cell && (!strcmp(name, NS_TEXT "p") || !strcmp(name, NS_TEXT "h"))) {
        o->in_p--;
    }
    if (e)
        FAIL(sx, e);
}

/* AC_ERR_PARSE naming the sheets when --sheet is not one of them (the
 * names were gathered while skipping). */
static ac_error no_such_sheet(ods *o, const strbuf *names)
{
    return diag_fail(o->d, AC_ERR_PARSE, o->path, 0, "no sheet named \"%s\" (sheets: %s)",
                     o->l->only_sheet, names->n ? names->s : "none");
}

static void XMLCALL names_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    read_sheet_xml *sx = ud;
    strbuf *names = ((void **)sx->ud)[0];
    ods *o = ((void **)sx->ud)[1];
    const char *nm = read_xml_attr(atts, NS_TABLE "name");
    ac_error e = AC_OK;
    if (strcmp(name, NS_TABLE "table") || !nm)
        return;
    if (names->n)
        e = read_sheet_buf_add(names, ", ", 2, o->d, o->path);
    if (!e)
        e = read_sheet_buf_add(names, nm, strlen(nm), o->d, o->path);
    if (e)
        FAIL(sx, e);
}

static void XMLCALL names_end(void *ud, const XML_Char *name)
{
    (void)ud; (void)name;
}

static ac_error read_content(ods *o)
{
    if (!read_zip_has(o->z, PART_CONTENT))
        return diag_fail(o->d, AC_ERR_PARSE, o->path, 0,
                         "not an OpenDocument spreadsheet: no part \"%s\"", PART_CONTENT);
    read_sheet_xml sx = {.start = on_start, .end = on_end, .text = on_text, .ud = o};
    o->out->format = BOOK_ODS;
    o->out->date1904 = 0;
    ac_error e = read_zip_parse(o->z, PART_CONTENT, &sx, o->d);
    if (e || !o->l->only_sheet || o->out->n)
        return e;
    /* --sheet named none of them: a second, cheap pass lists the names
     * (the limits count it too) */
    strbuf names = {0};
    void *both[2] = {&names, o};
    read_sheet_xml nx = {.start = names_start, .end = names_end, .ud = both};
    if (!(e = read_zip_parse(o->z, PART_CONTENT, &nx, o->d)))
        e = no_such_sheet(o, &names);
    strbuf_free(&names);
    return e;
}

ac_error read_ods(const char *path, const unsigned char *bytes, size_t n,
                        const read_sheet_limits *l, diag *d, arena *a, book *out)
{
    ods o = {.path = path, .d = d, .a = a, .l = l, .out = out};
    o.text.max = l->max_cell_bytes;
    for (size_t i = 0; i < sizeof o.attr / sizeof o.attr[0]; i++)
        o.attr[i].max = l->max_cell_bytes;
    read_grid_init(&o.g, path, l, d, a);
    ac_error e = read_zip_open(path, bytes, n, l, d, &o.z);
    if (!e)
        e = read_content(&o);
    read_zip_close(o.z);
    strbuf_free(&o.text);
    for (size_t i = 0; i < sizeof o.attr / sizeof o.attr[0]; i++)
        strbuf_free(&o.attr[i]);
    return e;
}
