/*
 * export.c — the donor workbook writer (see export.h for the sheets): the
 * file, the formats, the cell helpers, names, and the pages of long tables.
 * The Summary, Read me and cross-tabs are written by export_summary.c, the
 * tables by export_sheets.c; export_int.h is what they share.
 *
 * Data flow.  export_workbook() takes a built cube and its findings, opens a
 * libxlsxwriter workbook on a temporary file "PATH.tmp-XXXXXX" beside PATH,
 * builds the PivotTables' source (export_pivot.h), counts the rows of each long
 * table, adds the sheets in their final order (Pivot, Summary, Read me,
 * Cube..., one cross-tab per fund, Facts..., Observations..., Checks...,
 * Sources, Pivot data), fills them one by one, closes the workbook, adds
 * the PivotTables to the closed file (export_pivot_parts.c), fsyncs the file and
 * renames it over PATH.  Any failure removes
 * the temporary file and leaves PATH as it was.
 *
 * Formulas.  Every total a donor may want to verify is a formula whose
 * cached result is the value aidcube computed (worksheet_write_formula_num).
 * A spreadsheet that recalculates must find the same numbers;
 * tests/t_workbook.sh checks that with LibreOffice.
 *
 * Invariants.
 *   - Text from a source (doc names, snippets, what, lines, paths) is only
 *     ever written with worksheet_write_string(), after export_clean() made it
 *     valid UTF-8 without XML-illegal control characters and at most
 *     EXP_STR_MAX bytes: it can never become a formula.
 *   - Money stays in int64 cents until export_usd() writes it.
 *   - Formats are created once per workbook (fmt_init).
 *   - Every lxw_error is checked; the first one is reported through
 *     diag_error() and the call returns AC_ERR_XLSX.
 *
 * Memory.  The cube and findings are borrowed.  The writer owns one scratch
 * buffer (x->buf, a strbuf), the page arrays and per-sheet index
 * arrays, all freed before returning; libxlsxwriter copies every string it
 * is given and owns the workbook until workbook_close(), which is called on
 * every path.
 */
#include "export_int.h"
#include "../read/read_text.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../base/diag.h"
#include "../base/utf8.h"
#include "export_pivot_parts.h"


/* Does e come from a file libxlsxwriter could not create, read or write
 * (errno then says why: "No space left on device")? */
static int lxw_file_error(lxw_error e)
{
    switch (e) {
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return 1;
    default:
        return 0;
    }
}

/* Called right after the failing libxlsxwriter call: errno is still the
 * one it left, and is read first. */
ac_error export_fail(export_ctx *x, lxw_error e, const char *what)
{
    int why = errno;
    const char *msg = lxw_strerror(e);
    int len = (int)strlen(msg);
    if (len > 0 && msg[len - 1] == '.')
        len--;                                  /* a reason may follow */
    if (!x->failed && lxw_file_error(e) && why)
        diag_error(x->d, x->path, 0, "cannot write workbook: %s: %.*s: %s", what, len, msg,
                   strerror(why));
    else if (!x->failed)
        diag_error(x->d, x->path, 0, "cannot write workbook: %s: %.*s", what, len, msg);
    x->failed = 1;
    return AC_ERR_XLSX;
}


ac_error export_nomem(export_ctx *x)
{
    if (!x->failed)
        diag_error(x->d, x->path, 0, "cannot write workbook: out of memory");
    x->failed = 1;
    return AC_ERR_NOMEM;
}

/* ---- cells ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
size_t export_utf8_len(const unsigned char *s, size_t n)
{
    return utf8_decode(s, n, NULL);
}

/* Sanitised copy of s in x->buf: valid UTF-8, controls other than tab and
 * newline as spaces, invalid bytes as U+FFFD, cut at EXP_STR_MAX bytes on a
 * character boundary.  NULL when out of memory. */
const char *export_clean(export_ctx *x, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    strbuf *b = &x->buf;
    strbuf_reset(b);
    strbuf_reserve(b, (n < EXP_STR_MAX ? n : EXP_STR_MAX) * 3 + 4);
    for (size_t i = 0; i < n && b->n + 4 <= EXP_STR_MAX && !b->failed;) {
        size_t l = export_utf8_len(p + i, n - i);
        if (l == 0) {
            strbuf_add(b, "\xEF\xBF\xBD", 3);
            i++;
        } else if (l == 1) {
            unsigned char c = p[i++];
            strbuf_addc(b, (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ? ' ' : (char)c);
        } else {
            strbuf_add(b, p + i, l);
            i += l;
        }
    }
    return b->failed ? NULL : strbuf_str(b);
}

/* A string cell; NULL or "" leaves the cell blank.  Never a formula. */
ac_error export_str(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                const char *s, lxw_format *f)
{
    if (!s || !*s)
        return AC_OK;
    const char *t = export_clean(x, s);
    if (!t)
        return export_nomem(x);
    TRY(export_fit_text(x, ws, r, col, t, &f));
    return export_put_string(x, ws, r, col, t, f);
}

ac_error export_num(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                double v, lxw_format *f)
{
    if (!isfinite(v))
        return AC_OK;
    TRY(export_put_number(x, ws, r, col, v, f));
    return export_number_width(x, ws, col, v, f);
}

/* The one place where exact cents become a floating-point USD value. */
double export_cents(int64_t cents)
{
    return (double)cents / 100.0;
}

ac_error export_usd(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                int64_t cents, lxw_format *f)
{
    return export_num(x, ws, r, col, export_cents(cents), f ? f : x->f[F_USD]);
}

/* A formula we built ourselves, with its precomputed result. */
ac_error export_formula(export_ctx *x, lxw_worksheet *ws, lxw_row_t r,
                    lxw_col_t col, const char *formula, double v,
                    lxw_format *f)
{
    if (!isfinite(v))                  /* no value: an empty result, never 0 */
        return export_total(x, ws, r, col, formula, 0, 0, f);
    TRY(export_put_formula(x, ws, r, col, formula, 1, v, f));
    return export_number_width(x, ws, col, v, f);
}

ac_error export_total(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                  const char *formula, int has, double v, lxw_format *f)
{
    if (has && isfinite(v))
        return export_formula(x, ws, r, col, formula, v, f);
    TRY(export_put_formula(x, ws, r, col, formula, 0, 0, f));
    return export_used(x, ws, col);
}

const char *export_sum_of(char *buf, size_t size, lxw_row_t r0, lxw_col_t c0, lxw_row_t r1,
                      lxw_col_t c1)
{
    char a[16], b[16];
    lxw_rowcol_to_cell(a, r0, c0);
    lxw_rowcol_to_cell(b, r1, c1);
    snprintf(buf, size, "=IF(COUNT(%s:%s)=0,\"\",SUM(%s:%s))", a, b, a, b);
    return buf;
}

/* ---- names ---------------------------------------------------------------- */

const char *export_member(const export_ctx *x, int d, int32_t k)
{
    if (k <= KEY_TOTAL || (size_t)k >= x->m->dim[d].n)
        return "Total";
    if (k == KEY_NOT_STATED)
        return "not stated";
    const char *s = x->m->dim[d].m[k].name;
    return s && *s ? s : "?";
}

/* Country code of a region member: its own code, else its top ancestor's. */
const char *export_country(const export_ctx *x, int32_t k)
{
    const dimension *g = &x->m->dim[DIM_REGION];
    if (k <= KEY_NOT_STATED || (size_t)k >= g->n)
        return export_member(x, DIM_REGION, k);
    for (int guard = 0; guard < 16 && g->m[k].kind != MK_COUNTRY && g->m[k].parent > KEY_NOT_STATED &&
                        (size_t)g->m[k].parent < g->n; guard++)
        k = g->m[k].parent;
    return g->m[k].code && *g->m[k].code ? g->m[k].code : export_member(x, DIM_REGION, k);
}

const char *export_region(const export_ctx *x, int32_t k)
{
    const dimension *g = &x->m->dim[DIM_REGION];
    if (k <= KEY_NOT_STATED || (size_t)k >= g->n)
        return export_member(x, DIM_REGION, k);
    if (g->m[k].kind == MK_COUNTRY)
        return "Total";
    return export_member(x, DIM_REGION, k);
}

static const char *const grain_label[DIM__N] = {"sector", "region", "period", "fund"};

/* "sector×region×period×fund"; "Total" for the apex cuboid. */
const char *export_grain(unsigned mask, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    if (mask == 0)
        return "Total";
    for (int d = 0; d < DIM__N; d++)
        if ((mask >> d & 1) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? "\xC3\x97" : "", grain_label[d]);
    return buf;
}

/* yyyymmdd as "yyyy-mm-dd"; "" for 0. */
const char *export_date(int32_t v, char *buf, size_t size)
{
    if (v <= 0)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, "%04d-%02d-%02d", (int)(v / 10000), (int)(v / 100 % 100),
                 (int)(v % 100));
    return buf;
}

/* The fact flags in words, "total, approx". */
const char *export_fact_flags(uint32_t flags, char *buf, size_t size)
{
    static const struct { uint32_t bit; const char *word; } w[] = {
        {FACT_TOTAL, "total"}, {FACT_PART, "part"}, {FACT_ITEM, "item"},
        {FACT_CAP, "cap"}, {FACT_PER_YEAR, "per year"}, {FACT_APPROX, "approx"},
        {FACT_NO_RATE, "no rate"}, {FACT_IMPOSSIBLE, "impossible"},
        {FACT_RATE_OTHER_YEAR, "rate of another year"}, {FACT_LEAF, "leaf"},
        {FACT_PROJECT, "one project"}, {FACT_AVERAGE, "average"},
        {FACT_RESTATEMENT, "restatement"},
        {FACT_APART, "disbursed beside an allocation"}};
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if ((flags & w[i].bit) && o < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", w[i].word);
    return buf;
}

int export_period_top(const export_ctx *x, int32_t k)
{
    const dimension *p = &x->m->dim[DIM_PERIOD];
    return k >= KEY_FIRST_MEMBER && (size_t)k < p->n && p->m[k].parent == KEY_TOTAL;
}

const char *export_sheet_name(const char *id, char *buf, size_t size)
{
    size_t o = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)(id ? id : "");
    if (size < 128)
        return buf && size ? (buf[0] = '\0', buf) : buf;
    while (*p && chars < 31 && o + 5 < size) {
        size_t l = export_utf8_len(p, strlen((const char *)p));
        if (l == 0 || (l == 1 && (*p < 0x20 || strchr("[]:*?/\\", *p)))) {
            buf[o++] = '_';
            p += l ? l : 1;
        } else {
            memcpy(buf + o, p, l);
            o += l;
            p += l;
        }
        chars++;
    }
    buf[o] = '\0';
    while (o > 0 && buf[0] == '\'')
        memmove(buf, buf + 1, o--);
    while (o > 0 && buf[o - 1] == '\'')
        buf[--o] = '\0';
    if (o == 0)
        snprintf(buf, size, "Fund");
    return buf;
}

/* ---- formats, tables, print set-up ---------------------------------------------- */

static ac_error fmt_init(export_ctx *x)
{
    for (int i = 0; i < F__N; i++)
        if (!(x->f[i] = workbook_add_format(x->wb)))
            return export_nomem(x);
    format_set_bold(x->f[F_BOLD]);
    format_set_bold(x->f[F_TITLE]);
    format_set_font_size(x->f[F_TITLE], 14);
    format_set_italic(x->f[F_NOTE]);
    format_set_font_color(x->f[F_NOTE], 0x595959);
    format_set_num_format(x->f[F_USD], FMT_USD);
    format_set_num_format(x->f[F_USD_BOLD], FMT_USD);
    format_set_bold(x->f[F_USD_BOLD]);
    format_set_num_format(x->f[F_USD_GREY], FMT_USD);
    format_set_italic(x->f[F_USD_GREY]);
    format_set_font_color(x->f[F_USD_GREY], 0x808080);
    format_set_num_format(x->f[F_INT], "#,##0");
    format_set_num_format(x->f[F_INT_BOLD], "#,##0");
    format_set_bold(x->f[F_INT_BOLD]);
    format_set_num_format(x->f[F_INT_GREY], "#,##0");
    format_set_italic(x->f[F_INT_GREY]);
    format_set_font_color(x->f[F_INT_GREY], 0x808080);
    format_set_num_format(x->f[F_NUM], "#,##0.####");
    format_set_num_format(x->f[F_RATE], "0.00000000##");
    format_set_num_format(x->f[F_PCT], "0.0%");
    format_set_bold(x->f[F_PCT]);
    format_set_bg_color(x->f[F_RED], 0xFFC7CE);
    format_set_font_color(x->f[F_RED], 0x9C0006);
    format_set_bg_color(x->f[F_AMBER], 0xFFEB9C);
    format_set_font_color(x->f[F_AMBER], 0x9C5700);
    format_set_text_wrap(x->f[F_WRAP]);
    format_set_align(x->f[F_WRAP], LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(x->f[F_HEAD]);
    format_set_font_size(x->f[F_HEAD], 12);
    format_set_indent(x->f[F_INDENT], 2);
    format_set_italic(x->f[F_INDENT]);
    format_set_font_color(x->f[F_INDENT], 0x808080);
    format_set_italic(x->f[F_GREY]);
    format_set_font_color(x->f[F_GREY], 0x808080);
    format_set_italic(x->f[F_NOTE_WRAP]);
    format_set_font_color(x->f[F_NOTE_WRAP], 0x595959);
    format_set_text_wrap(x->f[F_NOTE_WRAP]);
    format_set_align(x->f[F_NOTE_WRAP], LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(x->f[F_BOLD_WRAP]);
    format_set_text_wrap(x->f[F_BOLD_WRAP]);
    format_set_align(x->f[F_BOLD_WRAP], LXW_ALIGN_VERTICAL_TOP);
    format_set_italic(x->f[F_GREY_WRAP]);
    format_set_font_color(x->f[F_GREY_WRAP], 0x808080);
    format_set_text_wrap(x->f[F_GREY_WRAP]);
    format_set_align(x->f[F_GREY_WRAP], LXW_ALIGN_VERTICAL_TOP);
    return AC_OK;
}

/* Without Excel tables (x->stream): the header row in bold, an AutoFilter
 * over it and the rows, the header frozen and printed on every page. */
static ac_error plain_table(export_ctx *x, lxw_worksheet *ws, const export_colspec *cols,
                            int ncols, lxw_row_t hdr, size_t nrows)
{
    for (int i = 0; i < ncols; i++)
        TRY(export_put_string(x, ws, hdr, (lxw_col_t)i, cols[i].header, x->f[F_BOLD]));
    LX(worksheet_autofilter(ws, hdr, 0, (lxw_row_t)(hdr + nrows), (lxw_col_t)(ncols - 1)));
    worksheet_freeze_panes(ws, hdr + 1, 0);
    return export_print(x, ws, (int)hdr, (int)hdr);
}

/* An Excel table (ListObject) over the header row hdr and nrows data rows
 * (at least one, blank when there is no data), frozen header, widths. */
ac_error export_add_table(export_ctx *x, lxw_worksheet *ws, const char *name,
                      const export_colspec *cols, int ncols, lxw_row_t hdr, size_t nrows)
{
    lxw_table_column tc[32], *tcp[33];
    if (ncols > 32)
        return AC_ERR_USAGE;
    for (int i = 0; i < ncols; i++) {
        memset(&tc[i], 0, sizeof tc[i]);
        tc[i].header = (char *)cols[i].header;
        tc[i].header_format = x->f[F_BOLD];
        tcp[i] = &tc[i];
        TRY(export_width(x, ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL));
        TRY(export_used(x, ws, (lxw_col_t)i));
    }
    tcp[ncols] = NULL;
    if (x->stream)
        return plain_table(x, ws, cols, ncols, hdr, nrows);
    lxw_table_options opt;
    memset(&opt, 0, sizeof opt);
    opt.name = (char *)name;
    opt.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
    opt.style_type_number = 2;
    opt.columns = tcp;
    LX(worksheet_add_table(ws, hdr, 0, (lxw_row_t)(hdr + (nrows ? nrows : 1)),
                           (lxw_col_t)(ncols - 1), &opt));
    worksheet_freeze_panes(ws, hdr + 1, 0);
    return export_print(x, ws, (int)hdr, (int)hdr);    /* the header on every page */
}

/* ---- the workbook ------------------------------------------------------------- */

static const char *const page_base[PG__N] = {"Cube", "Facts", "Observations", "Checks"};
static const lxw_row_t page_hdr[PG__N] = {2, 2, 0, 0};

static int name_taken(const export_ctx *x, char names[][128], size_t n, const char *s)
{
    static const char *const fixed[] = {"Summary", "Read me", "Sources", PIVOT_SHEET,
                                        PIVOT_DATA_SHEET};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (!strcasecmp(fixed[i], s))
            return 1;
    for (int t = 0; t < PG__N; t++)
        for (size_t p = 0; p < x->pg[t].npages; p++)
            if (!strcasecmp(x->pg[t].name[p], s))
                return 1;
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(names[i], s))
            return 1;
    return 0;
}

/* How many sheets table t takes, and their names. */
static ac_error plan_pages(export_ctx *x, int t, size_t n)
{
    export_pages *pg = &x->pg[t];
    size_t limit = EXP_EXCEL_ROWS - page_hdr[t] - 1;
    pg->base = page_base[t];
    pg->n = n;
    pg->per = x->o->max_rows_per_sheet && x->o->max_rows_per_sheet < limit
                  ? x->o->max_rows_per_sheet : limit;
    pg->npages = n ? (n + pg->per - 1) / pg->per : 1;
    if (pg->npages > EXP_MAX_PAGES) {
        diag_error(x->d, x->path, 0, "cannot write workbook: %zu rows of \"%s\" need more than "
                   "%d sheets", n, pg->base, EXP_MAX_PAGES);
        x->failed = 1;
        return AC_ERR_XLSX;
    }
    pg->ws = calloc(pg->npages, sizeof *pg->ws);
    pg->name = calloc(pg->npages, sizeof *pg->name);
    if (!pg->ws || !pg->name)
        return export_nomem(x);
    for (size_t p = 0; p < pg->npages; p++)
        if (p == 0)
            snprintf(pg->name[p], sizeof pg->name[p], "%s", pg->base);
        else
            snprintf(pg->name[p], sizeof pg->name[p], "%s %zu", pg->base, p + 1);
    return AC_OK;
}

static ac_error add_pages(export_ctx *x, int t)
{
    export_pages *pg = &x->pg[t];
    for (size_t p = 0; p < pg->npages; p++)
        if (!(pg->ws[p] = workbook_add_worksheet(x->wb, pg->name[p])))
            return export_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
    return AC_OK;
}

/* The sheets of the workbook, and the cross-tab of each fund. */
typedef struct {
    lxw_worksheet *sum, *readme, *src, *pivot, *pdata;
    lxw_worksheet **xt;       /* per fund: its cross-tab              */
    char (*names)[128];       /* per fund: its sheet's name           */
    int32_t *keys;            /* per fund: its member key             */
    size_t nx;                /* funds                                */
} sheet_set;

/* The funds present in the cube, in key order (sorted by name), each with
 * a sheet name no other sheet has (" (2)", " (3)"... when needed). */
static void name_fund_sheets(const export_ctx *x, sheet_set *sh)
{
    const cuboid *fo = &x->c->cuboid[1u << DIM_FUND];
    for (size_t i = 0; i < fo->n; i++) {
        int32_t k = x->c->cells[fo->cell[i]].key[DIM_FUND];
        if (k < KEY_FIRST_MEMBER || (sh->nx && sh->keys[sh->nx - 1] == k))
            continue;
        char base[128], *name = sh->names[sh->nx];
        export_sheet_name(export_member(x, DIM_FUND, k), base, sizeof base);
        snprintf(name, 128, "%s", base);
        for (int j = 2; name_taken(x, sh->names, sh->nx, name); j++) {
            char sfx[16];
            int l = snprintf(sfx, sizeof sfx, " (%d)", j);
            size_t keep = 0, chars = 0;
            while (base[keep] && chars < (size_t)(31 - l)) {
                size_t ul = export_utf8_len((const unsigned char *)base + keep, strlen(base + keep));
                keep += ul ? ul : 1;
                chars++;
            }
            snprintf(name, 128, "%.*s%s", (int)keep, base, sfx);
        }
        sh->keys[sh->nx++] = k;
    }
}

/* Every sheet, in the final order: Pivot, Summary, Read me, Cube...,
 * the cross-tabs, Facts..., Observations..., Checks..., Sources, Pivot data. */
static ac_error add_sheets(export_ctx *x, sheet_set *sh)
{
    if (!(sh->pivot = workbook_add_worksheet(x->wb, PIVOT_SHEET)) ||
        !(sh->sum = workbook_add_worksheet(x->wb, "Summary")) ||
        !(sh->readme = workbook_add_worksheet(x->wb, "Read me")))
        return export_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
    TRY(add_pages(x, PG_CUBE));
    for (size_t i = 0; i < sh->nx; i++)
        if (!(sh->xt[i] = workbook_add_worksheet(x->wb, sh->names[i]))) {
            diag_error(x->d, x->path, 0, "cannot write workbook: invalid sheet name \"%s\"",
                       sh->names[i]);
            x->failed = 1;
            return AC_ERR_XLSX;
        }
    TRY(add_pages(x, PG_FACTS));
    TRY(add_pages(x, PG_OBS));
    TRY(add_pages(x, PG_CHECKS));
    if (!(sh->src = workbook_add_worksheet(x->wb, "Sources")) ||
        !(sh->pdata = workbook_add_worksheet(x->wb, PIVOT_DATA_SHEET)))
        return export_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
    return AC_OK;
}

/* Every sheet filled, one by one; the Pivot sheet is the one shown. */
static ac_error write_sheets(export_ctx *x, const sheet_set *sh, long long created)
{
    TRY(export_hold(x, sh->sum));           /* laid out by blocks: export_cells.c */
    TRY(export_hold(x, sh->readme));
    TRY(export_hold(x, sh->pivot));
    for (size_t i = 0; i < sh->nx; i++)
        TRY(export_hold(x, sh->xt[i]));
    TRY(export_write_summary(x, sh->sum, created));
    TRY(export_write_readme(x, sh->readme));
    TRY(export_write_cube(x));
    for (size_t i = 0; i < sh->nx; i++)
        TRY(export_write_crosstab(x, sh->xt[i], sh->names[i], sh->keys[i]));
    TRY(export_write_facts(x));
    TRY(export_write_obs(x));
    TRY(export_write_checks(x));
    TRY(export_write_sources(x, sh->src));
    TRY(export_write_pivot(x, sh->pivot));
    TRY(export_write_pivot_data(x, sh->pdata));
    TRY(export_layout_finish(x));
    TRY(export_release(x));
    worksheet_activate(sh->pivot);
    return AC_OK;
}

/* Rows of the long tables and of "Pivot data", times the most columns a
 * table has: the cells libxlsxwriter will hold. */
static size_t cells_estimate(const export_ctx *x)
{
    size_t rows = 64;                       /* Summary, Read me, Sources... */
    for (int t = 0; t < PG__N; t++)
        rows += x->pg[t].n + 4;
    rows += x->pv ? x->pv->n : 0;
    rows += x->m->dim[DIM_FUND].n * (x->m->dim[DIM_SECTOR].n + 8);
    return rows * 24;                      /* the widest table: 22 columns */
}

/* Ask once for the memory the workbook's cells need: when the machine
 * cannot give it, fail cleanly now rather than inside libxlsxwriter. */
static ac_error memory_probe(export_ctx *x)
{
    size_t cells = cells_estimate(x);
    size_t bytes = cells > SIZE_MAX / EXPORT_CELL_BYTES ? SIZE_MAX : cells * EXPORT_CELL_BYTES;
    void *p = malloc(bytes);
    if (!p)
        return export_nomem(x);
    free(p);
    return AC_OK;
}

/* The sheets each long table takes. */
static ac_error plan_tables(export_ctx *x)
{
    TRY(plan_pages(x, PG_CUBE, export_cube_rows(x)));
    TRY(plan_pages(x, PG_FACTS, export_fact_rows(x)));
    TRY(plan_pages(x, PG_OBS, x->m->f.n));
    return plan_pages(x, PG_CHECKS, x->fl ? x->fl->n : 0);
}

/* Fill the workbook; x->wb is open.  Closing is the caller's business. */
static ac_error fill(export_ctx *x, long long created)
{
    size_t nf = x->m->dim[DIM_FUND].n;
    ac_error err;
    if ((err = fmt_init(x)) || (!x->stream && (err = memory_probe(x))))
        return err;
    sheet_set sh = {.names = calloc(nf + 1, sizeof *sh.names),
                    .keys = calloc(nf + 1, sizeof *sh.keys),
                    .xt = calloc(nf + 1, sizeof *sh.xt)};
    if (!sh.names || !sh.keys || !sh.xt)
        err = export_nomem(x);
    if (!err) {
        name_fund_sheets(x, &sh);
        err = add_sheets(x, &sh);
    }
    if (!err)
        err = write_sheets(x, &sh, created);
    free(sh.names);
    free(sh.keys);
    free(sh.xt);
    return err;
}

static void free_pages(export_ctx *x)
{
    for (int t = 0; t < PG__N; t++) {
        free(x->pg[t].ws);
        free(x->pg[t].name);
    }
}

static ac_error sync_path(const char *p, int dir)
{
    int fd = open(p, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return AC_ERR_IO;
    int rc = fsync(fd);
    if (rc && dir && (errno == EINVAL || errno == EROFS))
        rc = 0;                      /* directories that cannot be synced */
    close(fd);
    return rc ? AC_ERR_IO : AC_OK;
}

/* The temporary file "PATH.tmp-XXXXXX" beside the path, created with the
 * mode fopen would have given it; *tmp: its name (caller frees, also on
 * failure). */
static ac_error create_tmp(export_ctx *x, char **tmp)
{
    size_t pl = strlen(x->path);
    if (!(*tmp = malloc(pl + 16)))
        return export_nomem(x);
    snprintf(*tmp, pl + 16, "%s.tmp-XXXXXX", x->path);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        diag_error(x->d, x->path, 0, "cannot create temporary workbook \"%s\": %s", *tmp,
                   strerror(errno));
        return AC_ERR_IO;
    }
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);    /* as fopen would have created it */
    close(fd);
    const export_hooks *h = x->o->hooks;
    if (h && h->tmp_add && h->tmp_add(h->ctx, *tmp) != 0) {
        unlink(*tmp);
        return export_nomem(x);
    }
    return AC_OK;
}

static void tmp_drop(const export_ctx *x, const char *tmp)
{
    const export_hooks *h = x->o->hooks;
    if (h && h->tmp_drop)
        h->tmp_drop(h->ctx, tmp);
}

static void hold(const export_ctx *x, int on)
{
    const export_hooks *h = x->o->hooks;
    if (h && h->hold)
        h->hold(h->ctx, on);
}


static ac_error set_properties(export_ctx *x, long long created)
{
    lxw_doc_properties props;
    char subject[160];
    memset(&props, 0, sizeof props);
    props.title = (char *)(x->o->title && *x->o->title ? x->o->title : "aidcube");
    snprintf(subject, sizeof subject, "Peacebuilding and stabilisation funding%s%.100s",
             x->o->fund_filter ? ": fund " : "", x->o->fund_filter ? x->o->fund_filter : "");
    props.subject = subject;
    props.author = "aidcube";
    props.comments = "Generated by aidcube " AC_VERSION;
    props.created = (time_t)created;
    lxw_error le = workbook_set_properties(x->wb, &props);
    return le != LXW_NO_ERROR ? export_fail(x, le, "workbook_set_properties") : AC_OK;
}

/* The workbook into tmp: opened, its properties, the PivotTables' source
 * (*pv, the caller frees it), the sheets filled, closed on every path, then
 * the PivotTables added to the closed file. */
static ac_error write_tmp(export_ctx *x, const char *tmp, long long created, export_pivot_src **pv)
{
    if (export_pivot_build(x->c, x->o->pivot_max_rows, pv) != AC_OK)
        return export_nomem(x);
    x->pv = *pv;
    TRY(plan_tables(x));
    x->stream = x->o->low_memory || cells_estimate(x) > EXPORT_STREAM_CELLS;
    lxw_workbook_options wo;
    memset(&wo, 0, sizeof wo);
    wo.constant_memory = x->stream ? LXW_TRUE : LXW_FALSE;
    if (!(x->wb = workbook_new_opt(tmp, &wo)))
        return export_nomem(x);
    ac_error err = set_properties(x, created);
    if (!err)
        err = fill(x, created);
    errno = 0;                                  /* what workbook_close leaves is its */
    lxw_error le = workbook_close(x->wb);       /* frees the workbook on every path */
    int why = errno;
    x->wb = NULL;
    if (le != LXW_NO_ERROR && !err) {
        errno = why;
        err = export_fail(x, le, "workbook_close");
    }
    if (!err) {
        hold(x, 1);                   /* libzip's temporary file */
        err = export_pivot_parts_add(tmp, x->pv, created, x->path, x->d);
        hold(x, 0);
    }
    return err;
}

/* tmp synced and renamed over the path (*placed then set), then its
 * directory synced. */
static ac_error put_in_place(export_ctx *x, const char *tmp, int *placed)
{
    const char *path = x->path;
    size_t pl = strlen(path);
    char *dir = malloc(pl + 2);
    if (!dir)
        return export_nomem(x);
    ac_error err = AC_OK;
    if (sync_path(tmp, 0)) {
        diag_error(x->d, path, 0, "cannot sync temporary workbook \"%s\": %s", tmp, strerror(errno));
        err = AC_ERR_IO;
    } else if (rename(tmp, path)) {
        diag_error(x->d, path, 0, "cannot rename \"%s\" into place: %s", tmp, strerror(errno));
        err = AC_ERR_IO;
    } else {
        *placed = 1;
        memcpy(dir, path, pl + 1);
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            dir[1] = '\0';
        else if (slash)
            *slash = '\0';
        else
            strcpy(dir, ".");
        if (sync_path(dir, 1)) {
            diag_error(x->d, path, 0, "cannot sync directory \"%s\": %s", dir, strerror(errno));
            err = AC_ERR_IO;             /* the new workbook is in place */
        }
    }
    free(dir);
    return err;
}

/* The context of one workbook, or AC_ERR_USAGE (reported). */
static ac_error ctx_init(export_ctx *x, const cube *c, const finding_list *findings,
                         const export_opts *o, const char *path, diag *d)
{
    static const export_opts defaults = {0};
    if (!c || !path || !*path) {
        diag_error(d, path, 0, "cannot write workbook: no cube or no path");
        return AC_ERR_USAGE;
    }
    if (!c->m) {
        diag_error(d, path, 0, "cannot write workbook: the cube has no model");
        return AC_ERR_USAGE;
    }
    memset(x, 0, sizeof *x);
    x->c = c;
    x->m = c->m;
    x->fl = findings;
    x->o = o ? o : &defaults;
    x->path = path;
    x->d = d;
    return AC_OK;
}

/* Written, closed and synced into *tmp, still registered; on failure *tmp
 * is removed, dropped and NULL. */
static ac_error write_synced(export_ctx *x, char **tmp)
{
    long long created = x->o->created ? x->o->created : (long long)time(NULL);
    export_pivot_src *pv = NULL;
    ac_error err = create_tmp(x, tmp);
    if (err) {
        free(*tmp);
        *tmp = NULL;
        return err;
    }
    err = write_tmp(x, *tmp, created, &pv);
    if (!err && sync_path(*tmp, 0)) {
        diag_error(x->d, x->path, 0, "cannot sync temporary workbook \"%s\": %s", *tmp,
                   strerror(errno));
        err = AC_ERR_IO;
    }
    if (err) {
        unlink(*tmp);                /* PATH is left as it was */
        tmp_drop(x, *tmp);
        free(*tmp);
        *tmp = NULL;
    }
    strbuf_free(&x->buf);
    export_layout_free(x);
    export_cells_free(x);
    free_pages(x);
    export_pivot_free(pv);
    return err;
}

ac_error export_workbook_tmp(const cube *c, const finding_list *findings,
                             const export_opts *o, const char *path, diag *d, char **tmp)
{
    export_ctx x;
    *tmp = NULL;
    ac_error err = ctx_init(&x, c, findings, o, path, d);
    return err ? err : write_synced(&x, tmp);
}

ac_error export_workbook(const cube *c, const finding_list *findings,
                         const export_opts *o, const char *path, diag *d)
{
    export_ctx x;
    char *tmp = NULL;
    int placed = 0;
    ac_error err = ctx_init(&x, c, findings, o, path, d);
    if (!err)
        err = write_synced(&x, &tmp);
    if (err)
        return err;
    err = put_in_place(&x, tmp, &placed);
    if (!placed)
        unlink(tmp);                 /* PATH is left as it was */
    tmp_drop(&x, tmp);
    free(tmp);
    return err;
}
