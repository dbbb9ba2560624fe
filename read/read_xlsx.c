/*
 * read_xlsx.c — Office Open XML workbooks (.xlsx, .xlsm) read into a
 * book (read_sheet.h), with libzip and expat through read_zip.c.
 *
 * Parts, in this order, each streamed (no DOM):
 *   xl/_rels/workbook.xml.rels  r:id -> part path ("worksheets/sheet1.xml"
 *                               relative to xl/, or "/xl/..." absolute), and
 *                               where the shared strings and styles are
 *   xl/workbook.xml             sheet names and r:ids, workbookPr date1904
 *   xl/styles.xml               per cellXfs index: is its number format a
 *                               date (built-in 14-22, 45-47, or a custom
 *                               code with d m y h s outside quotes and
 *                               brackets, not an elapsed [h]:mm time)
 *   xl/sharedStrings.xml        <si>: <t>, or the <r><t> runs concatenated;
 *                               phonetic <rPh> runs left out
 *   each worksheet              <row>, <c r t s>, <v>, <f>, <is>, merges
 * [Content_Types].xml is not read.
 *
 * Names are matched on namespace URI and local name (read_zip.h), the
 * transitional and the strict (ISO 29500) URIs alike, and an element with
 * no namespace as if in the main one.
 *
 * Cells: t="s" shared, "inlineStr", "str" (a formula's string) are text;
 * "b" bool; "e" error; "d" an ISO date; "n" or none a number, a date when
 * its style's format is one.  Text is kept exactly (xml:space is not
 * needed to keep spaces: nothing is trimmed), with Excel's _xHHHH_ escapes
 * decoded.  A formula is kept as written; a shared formula's dependent
 * cell, which holds only a reference to its master (<f t="shared"
 * si="0"/>), gets "(shared)".  A formula without <v> is CELL_NO_VALUE.
 * A cell without r follows the previous one; a row without r too.
 *
 * Limits: a shared string, a cell's value, inline text and formula are
 * each bounded by l->max_cell_bytes as they are read (the cell, or "the
 * shared strings", named); the shared strings and the cells are charged to
 * the book's budget (read_sheet_budget).  A cell showing a shared string
 * points to the one copy, decoded once: a reference costs a cell, never
 * the string again.
 *
 * Memory: all results in the caller's arena; the libzip archive is closed
 * and the text buffers (strbuf, bounded by l->max_cell_bytes) are freed
 * before returning, on every path.
 */
#include "read_zip.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/utf8.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_MAIN_STRICT "http://purl.oclc.org/ooxml/spreadsheetml/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

#define PART_WORKBOOK "xl/workbook.xml"
#define PART_WORKBOOK_RELS "xl/_rels/workbook.xml.rels"
#define PART_STYLES "xl/styles.xml"
#define PART_SST "xl/sharedStrings.xml"

/* The highest column an A1 reference names ("ZZZ"; Excel stops at XFD). */
#define REF_MAX_COL 18278L
/* Digits of a row number read (Excel has 7). */
#define REF_MAX_ROW_DIGITS 9

typedef struct { const char *id, *type, *target; } rel;
typedef struct { const char *name, *rid; } wsheet;
typedef struct { long id; int date; } numfmt;

typedef struct {
    const char *path;
    diag *d;
    arena *a;
    const read_sheet_limits *l;
    read_sheet_zip *z;
    int date1904;
    rel *rel;
    size_t n_rel, cap_rel;
    wsheet *ws;
    size_t n_ws, cap_ws;
    numfmt *fmt;
    size_t n_fmt, cap_fmt;
    unsigned char *xf_date;       /* per cellXfs index: 1 when a date */
    size_t n_xf, cap_xf;
    const char **sst;
    size_t n_sst, cap_sst;
    /* parse state */
    strbuf *target;               /* where character data goes, or NULL */
    strbuf buf;                   /* a shared string */
    int in_cellxfs, in_rph, in_si, in_is;
    /* worksheet state */
    read_sheet_grid g;
    long row, col;
    int row_has_r;
    char t[16];                   /* the cell's t attribute */
    long style;
    int has_v, has_f, has_is, f_shared;
    strbuf v, f, is;
} xl;

#define FAIL(x, e) do { read_xml_fail((x), (e)); return; } while (0)

/* The local name of an element of the main namespace (or of none). */
static const char *main_local(const char *name)
{
    const char *sp = strchr(name, ' ');
    if (!sp)
        return name;
    size_t n = (size_t)(sp - name);
    if ((n == sizeof NS_MAIN - 1 && !memcmp(name, NS_MAIN, n))
        || (n == sizeof NS_MAIN_STRICT - 1 && !memcmp(name, NS_MAIN_STRICT, n)))
        return sp + 1;
    return NULL;
}

static int is_el(const char *name, const char *local)
{
    const char *l = main_local(name);
    return l && !strcmp(l, local);
}

/* The local name of any element, whatever its namespace. */
static const char *any_local(const char *name)
{
    const char *sp = strchr(name, ' ');
    return sp ? sp + 1 : name;
}

static ac_error nomem(xl *x)
{
    return diag_fail(x->d, AC_ERR_NOMEM, x->path, 0, "out of memory reading the workbook");
}

static ac_error collect(xl *x, const char *s, size_t n)
{
    if (strbuf_add(x->target, s, n) == 0)
        return AC_OK;
    if (x->target->failed != STRBUF_LIMIT)
        return nomem(x);
    if (x->target == &x->buf)
        return read_sheet_cell_too_long(x->l, x->d, x->path, NULL, 0, 0);
    return read_sheet_cell_too_long(x->l, x->d, x->path, x->g.sh->name, x->row, x->col);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    ac_error e;
    if (x->target && (e = collect(x, s, (size_t)len)))
        FAIL(sx, e);
}

static void start_target(xl *x, strbuf *b)
{
    x->target = b;
    strbuf_reset(b);
}

/* The code point of the _xHHHH_ escape at r, or 0 when r holds none.
 * Each byte is looked at only when the ones before it matched, so a text
 * that ends in "_x" or "_x00" is never read past its NUL. */
static unsigned escape_at(const char *r)
{
    if (r[0] != '_' || r[1] != 'x')
        return 0;
    unsigned cp = 0;
    for (int i = 2; i < 6; i++) {
        unsigned char c = (unsigned char)r[i];
        if (!isxdigit(c))
            return 0;
        cp = cp * 16 + (unsigned)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
    }
    return r[6] == '_' && (cp < 0xD800 || cp > 0xDFFF) ? cp : 0;
}

/* Excel's _xHHHH_ escapes (a control character, or "_x005F_" for '_')
 * decoded in place as UTF-8; never longer than the escape. */
static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        unsigned cp = escape_at(r);
        if (!cp) {
            *w++ = *r++;
            continue;
        }
        char u[4];
        size_t l = utf8_encode(cp, u);      /* cp <= 0xFFFF: 3 bytes at most */
        memcpy(w, u, l);
        w += l;
        r += 7;
    }
    *w = 0;
}

/* "AB12" -> col 28, row 12; either part may be missing (0).  1 when s is
 * such a reference ('$' allowed). */
static int parse_ref(const char *s, long *row, long *col)
{
    long c = 0, r = 0;
    int nc = 0, nr = 0;
    if (*s == '$')
        s++;
    for (; isalpha((unsigned char)*s) && nc < 4; s++, nc++)
        c = c * 26 + (toupper((unsigned char)*s) - 'A' + 1);
    if (*s == '$')
        s++;
    for (; isdigit((unsigned char)*s) && nr < REF_MAX_ROW_DIGITS; s++, nr++)
        r = r * 10 + (*s - '0');
    if (*s || nc > 3 || c > REF_MAX_COL || (!nc && !nr))
        return 0;
    *row = r;
    *col = c;
    return 1;
}

/* --- xl/_rels/workbook.xml.rels ---------------------------------------- */

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    if (strcmp(any_local(name), "Relationship"))
        return;
    const char *id = read_xml_attr(atts, "Id"), *type = read_xml_attr(atts, "Type");
    const char *target = read_xml_attr(atts, "Target"), *mode = read_xml_attr(atts, "TargetMode");
    if (!id || !target || (mode && !strcmp(mode, "External")))
        return;
    void *p = x->rel;
    if (!read_sheet_grow(x->a, &p, &x->cap_rel, x->n_rel + 1, sizeof *x->rel))
        FAIL(sx, nomem(x));
    x->rel = p;
    rel *r = &x->rel[x->n_rel++];
    r->id = arena_strdup(x->a, id);
    r->type = arena_strdup(x->a, type ? type : "");
    /* "/xl/worksheets/sheet1.xml" absolute, "worksheets/sheet1.xml" or
     * "../xl/worksheets/sheet1.xml" relative to xl/ */
    if (target[0] == '/')
        r->target = arena_strdup(x->a, target + 1);
    else if (!strncmp(target, "../", 3))
        r->target = arena_strdup(x->a, target + 3);
    else
        r->target = arena_printf(x->a, "xl/%s", target);
    if (!r->id || !r->type || !r->target)
        FAIL(sx, nomem(x));
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud; (void)name;
}

/* The target of the first relationship whose type ends with suffix, or
 * fallback. */
static const char *rel_by_type(const xl *x, const char *suffix, const char *fallback)
{
    size_t n = strlen(suffix);
    for (size_t i = 0; i < x->n_rel; i++) {
        size_t m = strlen(x->rel[i].type);
        if (m >= n && !strcmp(x->rel[i].type + m - n, suffix))
            return x->rel[i].target;
    }
    return fallback;
}

static const char *rel_by_id(const xl *x, const char *id)
{
    for (size_t i = 0; i < x->n_rel; i++)
        if (!strcmp(x->rel[i].id, id))
            return x->rel[i].target;
    return NULL;
}

/* --- xl/workbook.xml ---------------------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    if (is_el(name, "workbookPr")) {
        const char *v = read_xml_attr(atts, "date1904");
        x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
        return;
    }
    if (!is_el(name, "sheet"))
        return;
    const char *nm = read_xml_attr(atts, "name");
    const char *rid = read_xml_attr(atts, NS_REL " id");
    if (!rid)
        rid = read_xml_attr(atts, NS_REL_STRICT " id");
    if (!nm || !rid)
        FAIL(sx, diag_fail(x->d, AC_ERR_PARSE, x->path, 0,
                           "part \"%s\": a sheet without a name or an r:id", PART_WORKBOOK));
    void *p = x->ws;
    if (!read_sheet_grow(x->a, &p, &x->cap_ws, x->n_ws + 1, sizeof *x->ws))
        FAIL(sx, nomem(x));
    x->ws = p;
    wsheet *w = &x->ws[x->n_ws++];
    w->name = arena_strdup(x->a, nm);
    w->rid = arena_strdup(x->a, rid);
    if (!w->name || !w->rid)
        FAIL(sx, nomem(x));
}

/* --- xl/styles.xml ------------------------------------------------------- */

/* Excel's built-in date and time formats. */
static int builtin_date(long id)
{
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/* A custom format code is a date when it has d m y h or s outside quoted
 * text, escapes and [brackets]; an elapsed time ([h]:mm) is not. */
static int code_is_date(const char *s)
{
    int date = 0;
    for (; *s; s++) {
        char c = (char)tolower((unsigned char)*s);
        if (c == '"') {
            const char *q = strchr(s + 1, '"');
            if (!q)
                break;
            s = q;
        } else if (c == '\\' || c == '_' || c == '*') {
            if (!s[1])
                break;
            s++;
        } else if (c == '[') {
            const char *q = strchr(s + 1, ']');
            if (!q)
                break;
            char k = (char)tolower((unsigned char)s[1]);
            if ((k == 'h' || k == 'm' || k == 's') && q - s <= 3)
                return 0;   /* [h] [mm] [ss]: a duration, not a date */
            s = q;
        } else if (!strncasecmp(s, "general", 7)) {
            s += 6;
        } else if (strchr("dmyhs", c)) {
            date = 1;
        }
    }
    return date;
}

static int fmt_is_date(const xl *x, long id)
{
    for (size_t i = 0; i < x->n_fmt; i++)
        if (x->fmt[i].id == id)
            return x->fmt[i].date;
    return builtin_date(id);
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    const char *l = main_local(name);
    if (!l)
        return;
    if (!strcmp(l, "cellXfs")) {
        x->in_cellxfs = 1;
    } else if (!strcmp(l, "numFmt")) {
        const char *id = read_xml_attr(atts, "numFmtId"), *code = read_xml_attr(atts, "formatCode");
        if (!id || !code)
            return;
        void *p = x->fmt;
        if (!read_sheet_grow(x->a, &p, &x->cap_fmt, x->n_fmt + 1, sizeof *x->fmt))
            FAIL(sx, nomem(x));
        x->fmt = p;
        x->fmt[x->n_fmt++] = (numfmt){strtol(id, NULL, 10), code_is_date(code)};
    } else if (!strcmp(l, "xf") && x->in_cellxfs) {
        const char *id = read_xml_attr(atts, "numFmtId");
        void *p = x->xf_date;
        if (!read_sheet_grow(x->a, &p, &x->cap_xf, x->n_xf + 1, 1))
            FAIL(sx, nomem(x));
        x->xf_date = p;
        x->xf_date[x->n_xf++] = (unsigned char)(id && fmt_is_date(x, strtol(id, NULL, 10)));
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    xl *x = ((read_sheet_xml *)ud)->ud;
    if (is_el(name, "cellXfs"))
        x->in_cellxfs = 0;
}

/* --- xl/sharedStrings.xml ------------------------------------------------ */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    xl *x = ((read_sheet_xml *)ud)->ud;
    const char *l = main_local(name);
    if (!l)
        return;
    if (!strcmp(l, "si")) {
        x->in_si = 1;
        start_target(x, &x->buf);
        x->target = NULL;
    } else if (!strcmp(l, "rPh")) {
        x->in_rph++;
    } else if (!strcmp(l, "t") && x->in_si && !x->in_rph) {
        x->target = &x->buf;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    const char *l = main_local(name);
    if (!l)
        return;
    if (!strcmp(l, "t")) {
        x->target = NULL;
    } else if (!strcmp(l, "rPh")) {
        x->in_rph--;
    } else if (!strcmp(l, "si")) {
        x->in_si = 0;
        void *p = x->sst;
        ac_error e = read_sheet_charge(&x->g.cost, 1, x->buf.n + 1 + sizeof *x->sst, x->d,
                                       x->path, NULL, 0, 0);
        if (e)
            FAIL(sx, e);
        char *s = arena_strndup(x->a, strbuf_str(&x->buf), x->buf.n);
        if (!s || !read_sheet_grow(x->a, &p, &x->cap_sst, x->n_sst + 1, sizeof *x->sst))
            FAIL(sx, nomem(x));
        unescape(s);
        x->sst = p;
        x->sst[x->n_sst++] = s;
    }
}

/* --- a worksheet --------------------------------------------------------- */

static void cell_start(xl *x, const XML_Char **atts)
{
    const char *r = read_xml_attr(atts, "r"), *t = read_xml_attr(atts, "t");
    const char *s = read_xml_attr(atts, "s");
    long row, col;
    if (r && parse_ref(r, &row, &col) && col > 0) {
        x->col = col;
        if (!x->row_has_r && row > 0) {
            x->row = row;
            x->row_has_r = 1;
        }
    } else {
        x->col++;
    }
    snprintf(x->t, sizeof x->t, "%s", t ? t : "n");
    x->style = s ? strtol(s, NULL, 10) : 0;
    x->has_v = x->has_f = x->has_is = x->f_shared = 0;
    strbuf_reset(&x->v);
    strbuf_reset(&x->f);
    strbuf_reset(&x->is);
}

static void XMLCALL ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    const char *l = main_local(name);
    if (!l)
        return;
    if (!strcmp(l, "row")) {
        const char *r = read_xml_attr(atts, "r");
        long n = r ? strtol(r, NULL, 10) : 0;
        x->row_has_r = n > 0;
        x->row = n > 0 ? n : x->row + 1;
        x->col = 0;
    } else if (!strcmp(l, "c")) {
        cell_start(x, atts);
    } else if (!strcmp(l, "v")) {
        x->has_v = 1;
        start_target(x, &x->v);
    } else if (!strcmp(l, "f")) {
        const char *t = read_xml_attr(atts, "t");
        x->has_f = 1;
        x->f_shared = t && !strcmp(t, "shared");
        start_target(x, &x->f);
    } else if (!strcmp(l, "is")) {
        x->has_is = 1;
        x->in_is = 1;
        start_target(x, &x->is);
        x->target = NULL;
    } else if (!strcmp(l, "rPh")) {
        x->in_rph++;
    } else if (!strcmp(l, "t") && x->in_is && !x->in_rph) {
        x->target = &x->is;
    } else if (!strcmp(l, "mergeCell")) {
        const char *ref = read_xml_attr(atts, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        long r1, c1, r2, c2;
        char first[32];
        if (!colon || (size_t)(colon - ref) >= sizeof first)
            return;
        snprintf(first, sizeof first, "%.*s", (int)(colon - ref), ref);
        if (!parse_ref(first, &r1, &c1) || !parse_ref(colon + 1, &r2, &c2) || !r1 || !c1
            || !r2 || !c2)
            return;
        ac_error e = read_grid_merge(&x->g, r1, c1, r2, c2);
        if (e)
            FAIL(sx, e);
    }
}

/* How store_cell takes a cell's text. */
enum { TEXT_SHARED, TEXT_COPY, TEXT_DECODE };

/* The cell just ended, of kind k: stored when not empty.  text is pointed
 * to (TEXT_SHARED: a shared string, a static one), copied (TEXT_COPY), or
 * copied and its _xHHHH_ escapes decoded (TEXT_DECODE); a formula in x->f
 * is copied. */
static ac_error store_cell(xl *x, cell_kind k, const char *text, int how, const char *formula)
{
    char *kept;
    ac_error e;
    if (k == CELL_TEXT && !*text && !formula)
        return AC_OK;
    if (formula && formula == x->f.s) {
        if ((e = read_grid_keep(&x->g, x->row, x->col, formula, x->f.n, &kept)))
            return e;
        formula = kept;
    }
    if (how != TEXT_SHARED) {
        if ((e = read_grid_keep(&x->g, x->row, x->col, text, strlen(text), &kept)))
            return e;
        if (how == TEXT_DECODE)
            unescape(kept);
        text = kept;
    }
    return read_grid_cell(&x->g, x->row, x->col, k, text, formula);
}

/* A number cell's value v: a date when its style's format is one. */
static ac_error number_cell(xl *x, const char *v, const char *formula, const char *ref)
{
    char num[40], date[32];
    double d;
    if (!read_zip_number(x->z, v, &d)) {
        /* one bad cell spoils that cell, not the workbook: kept as text,
         * the row reader rejects it where a number was needed */
        diag_warn(x->d, x->path, x->row, "sheet \"%s\" cell %s%ld: invalid number \"%s\": "
                  "kept as text", x->g.sh->name, ref, x->row, v);
        return store_cell(x, CELL_TEXT, v, TEXT_COPY, formula);
    }
    int is_date = x->style >= 0 && (size_t)x->style < x->n_xf && x->xf_date[x->style];
    const char *text = is_date ? read_sheet_serial_date_text(d, x->date1904, date, sizeof date) : NULL;
    if (text)
        return store_cell(x, CELL_DATE, text, TEXT_COPY, formula);
    return store_cell(x, CELL_NUMBER, read_sheet_number_text(d, num, sizeof num), TEXT_COPY,
                      formula);
}

/* The cell just ended, stored when not empty. */
static ac_error cell_end(xl *x)
{
    const char *formula = NULL;
    char date[32], ref[16];
    if (x->has_f)
        formula = x->f.n ? x->f.s : x->f_shared ? "(shared)" : "";
    read_sheet_col_name((int)x->col, ref, sizeof ref);
    const char *v = strbuf_str(&x->v);
    int has_v = x->has_v && (*v || !strcmp(x->t, "str"));   /* <v></v> holds no value */
    if (!strcmp(x->t, "inlineStr") && (x->has_is || x->has_v))
        return store_cell(x, CELL_TEXT, x->has_is ? strbuf_str(&x->is) : v, TEXT_DECODE, formula);
    if (!has_v)
        return formula ? store_cell(x, CELL_NO_VALUE, "", TEXT_SHARED, formula) : AC_OK;
    if (!strcmp(x->t, "s")) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (!isdigit((unsigned char)*v) || *end || i >= x->n_sst)
            return diag_fail(x->d, AC_ERR_PARSE, x->path, 0,
                             "sheet \"%s\" cell %s%ld: shared string \"%s\" does not exist "
                             "(%zu shared strings)", x->g.sh->name, ref, x->row, v, x->n_sst);
        return store_cell(x, CELL_TEXT, x->sst[i], TEXT_SHARED, formula);
    }
    if (!strcmp(x->t, "str"))
        return store_cell(x, CELL_TEXT, v, TEXT_DECODE, formula);
    if (!strcmp(x->t, "b"))
        return store_cell(x, CELL_BOOL, !strcmp(v, "1") || !strcasecmp(v, "true") ? "TRUE"
                          : "FALSE", TEXT_SHARED, formula);
    if (!strcmp(x->t, "e"))
        return store_cell(x, CELL_ERROR, v, TEXT_COPY, formula);
    if (!strcmp(x->t, "d")) {
        const char *text = read_sheet_iso_date_text(v, date, sizeof date);
        return text ? store_cell(x, CELL_DATE, text, TEXT_COPY, formula)
                    : store_cell(x, CELL_TEXT, v, TEXT_DECODE, formula);
    }
    return number_cell(x, v, formula, ref);
}

static void XMLCALL ws_end(void *ud, const XML_Char *name)
{
    read_sheet_xml *sx = ud;
    xl *x = sx->ud;
    const char *l = main_local(name);
    ac_error e = AC_OK;
    if (!l)
        return;
    if (!strcmp(l, "v") || !strcmp(l, "f") || !strcmp(l, "t"))
        x->target = NULL;
    else if (!strcmp(l, "is"))
        x->in_is = 0;
    else if (!strcmp(l, "rPh"))
        x->in_rph--;
    else if (!strcmp(l, "c"))
        e = cell_end(x);
    else if (!strcmp(l, "row"))
        e = read_grid_row(&x->g, x->row, 1);
    if (e)
        FAIL(sx, e);
}

/* --- the workbook -------------------------------------------------------- */

static ac_error parse(xl *x, const char *part, XML_StartElementHandler start,
                      XML_EndElementHandler end)
{
    read_sheet_xml sx = {.start = start, .end = end, .text = on_text, .ud = x};
    x->target = NULL;
    x->in_rph = x->in_si = x->in_is = 0;
    return read_zip_parse(x->z, part, &sx, x->d);
}

static ac_error xlsx_sheet(xl *x, const wsheet *w, sheet *sh)
{
    const char *part = rel_by_id(x, w->rid);
    if (!part)
        return diag_fail(x->d, AC_ERR_PARSE, x->path, 0,
                         "sheet \"%s\": its relationship \"%s\" is not in \"%s\"", w->name,
                         w->rid, PART_WORKBOOK_RELS);
    sh->name = w->name;
    read_grid_begin(&x->g, sh);
    x->row = 0;
    x->col = 0;
    ac_error e = parse(x, part, ws_start, ws_end);
    read_grid_end(&x->g);
    return e;
}

/* AC_ERR_PARSE naming the sheets when only_sheet is not one of them. */
static ac_error no_such_sheet(xl *x)
{
    strbuf names = {0};
    ac_error e = AC_OK;
    for (size_t i = 0; i < x->n_ws && !e; i++) {
        if (i)
            e = read_sheet_buf_add(&names, ", ", 2, x->d, x->path);
        if (!e)
            e = read_sheet_buf_add(&names, x->ws[i].name, strlen(x->ws[i].name), x->d, x->path);
    }
    if (!e)
        e = diag_fail(x->d, AC_ERR_PARSE, x->path, 0, "no sheet named \"%s\" (sheets: %s)",
                      x->l->only_sheet, names.n ? names.s : "none");
    strbuf_free(&names);
    return e;
}

static ac_error read_book(xl *x, book *out)
{
    ac_error e;
    if (!read_zip_has(x->z, PART_WORKBOOK))
        return diag_fail(x->d, AC_ERR_PARSE, x->path, 0,
                         "not an xlsx workbook: no part \"%s\"", PART_WORKBOOK);
    if ((e = parse(x, PART_WORKBOOK_RELS, rels_start, no_end))
        || (e = parse(x, PART_WORKBOOK, wb_start, no_end)))
        return e;
    size_t want = x->n_ws;
    if (x->l->only_sheet) {
        want = 0;
        for (size_t i = 0; i < x->n_ws; i++)
            want += !strcmp(x->ws[i].name, x->l->only_sheet);
        if (!want)
            return no_such_sheet(x);
    }
    const char *styles = rel_by_type(x, "/styles", PART_STYLES);
    const char *sst = rel_by_type(x, "/sharedStrings", PART_SST);
    if ((read_zip_has(x->z, styles) && (e = parse(x, styles, styles_start, styles_end)))
        || (read_zip_has(x->z, sst) && (e = parse(x, sst, sst_start, sst_end))))
        return e;
    out->format = BOOK_XLSX;
    out->date1904 = x->date1904;
    out->sheet = arena_alloc(x->a, (want ? want : 1) * sizeof *out->sheet);
    if (!out->sheet)
        return nomem(x);
    for (size_t i = 0; i < x->n_ws; i++) {
        if (x->l->only_sheet && strcmp(x->ws[i].name, x->l->only_sheet))
            continue;
        if ((e = xlsx_sheet(x, &x->ws[i], &out->sheet[out->n])))
            return e;
        out->n++;
    }
    return AC_OK;
}

ac_error read_xlsx(const char *path, const unsigned char *bytes, size_t n,
                         const read_sheet_limits *l, diag *d, arena *a, book *out)
{
    xl x = {.path = path, .d = d, .a = a, .l = l};
    x.buf.max = x.v.max = x.f.max = x.is.max = l->max_cell_bytes;
    read_grid_init(&x.g, path, l, d, a);
    ac_error e = read_zip_open(path, bytes, n, l, d, &x.z);
    if (!e)
        e = read_book(&x, out);
    read_zip_close(x.z);
    strbuf_free(&x.buf);
    strbuf_free(&x.v);
    strbuf_free(&x.f);
    strbuf_free(&x.is);
    return e;
}
