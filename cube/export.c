/*
 * export.c — the donor workbook writer (see export.h for the sheets).
 *
 * Data flow.  export_workbook() takes a built cube and its findings, opens a
 * libxlsxwriter workbook on a temporary file "PATH.tmp-XXXXXX" beside PATH,
 * adds the sheets in their final order (Summary, Cube, one cross-tab per
 * fund, Observations, Checks, Sources), fills them one by one, closes the
 * workbook, fsyncs the file and renames it over PATH.  Any failure removes
 * the temporary file and leaves PATH as it was.
 *
 * Formulas.  Every total a donor may want to verify is a formula whose
 * cached result is the value aidcube computed (worksheet_write_formula_num):
 * the Summary's headline totals are SUMPRODUCTs over the Cube sheet that
 * select one cuboid cell by its printed coordinates, the cross-tab totals
 * are SUMs over the cross-tab.  A spreadsheet that recalculates must find
 * the same numbers; tests/t_workbook.sh checks that with LibreOffice.
 *
 * Invariants.
 *   - Text from a source (doc names, snippets, what, lines, paths) is only
 *     ever written with worksheet_write_string(), after put_str() made it
 *     valid UTF-8 without XML-illegal control characters and at most
 *     EXP_STR_MAX bytes: it can never become a formula.
 *   - Formats are created once per workbook (fmt_init).
 *   - Every lxw_error is checked; the first one is reported through
 *     diag_error() and the call returns AC_ERR_XLSX.
 *   - With a fund filter on a cube holding several funds, only cells whose
 *     fund coordinate is that fund, facts of that fund, sources with such
 *     facts and findings naming the fund are written.  A cube that already
 *     holds only that fund (cube_filter_fund) is written whole.
 *
 * Memory.  The cube and findings are borrowed.  The writer owns one scratch
 * buffer (x->buf, grown with realloc) and per-sheet index arrays, all freed
 * before returning; libxlsxwriter copies every string it is given and owns
 * the workbook until workbook_close(), which is called on every path.
 *
 * Limits.  A sheet holds at most 1,048,575 data rows; a larger cube is an
 * AC_ERR_XLSX error, not a truncated sheet.
 */
#include "export.h"

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

#include <xlsxwriter.h>

#include "../src/diag.h"

#ifndef AC_VERSION
#define AC_VERSION "0.0.0"
#endif

#define EXP_STR_MAX 32000            /* bytes; Excel allows 32767 chars      */
#define EXP_MAX_ROWS 1048575u        /* data rows below a header row        */
#define EXP_TEST_EPOCH 1498780800LL  /* 2017-06-30T00:00:00Z                */
#define FMT_USD "#,##0.00 \"USD\""

enum { F_BOLD, F_TITLE, F_NOTE, F_USD, F_USD_BOLD, F_INT, F_NUM, F_RED,
       F_AMBER, F__N };

typedef struct {
    lxw_workbook *wb;
    const cube *c;
    const finding_list *fl;
    const export_opts *o;
    const char *path;          /* for messages                              */
    lxw_format *f[F__N];
    char *buf;                 /* scratch for sanitised strings, formulas   */
    size_t cap;
    int filter;                /* 1: show only fund ffund                   */
    int ffund;                 /* fund member key of the filter (-1: none)  */
    int failed;                /* an error has been reported                */
    size_t cube_rows;          /* data rows of the Cube sheet               */
} wbx;

static ac_error lx_fail(wbx *x, lxw_error e, const char *what)
{
    if (!x->failed)
        diag_error(x->path, 0, "cannot write workbook: %s: %s", what,
                   lxw_strerror(e));
    x->failed = 1;
    return AC_ERR_XLSX;
}

#define LX(call)                                                             \
    do {                                                                     \
        lxw_error e_ = (call);                                               \
        if (e_ != LXW_NO_ERROR)                                              \
            return lx_fail(x, e_, #call);                                    \
    } while (0)
#define TRY(call)                                                            \
    do {                                                                     \
        ac_error a_ = (call);                                                \
        if (a_ != AC_OK)                                                     \
            return a_;                                                       \
    } while (0)

static ac_error nomem(wbx *x)
{
    if (!x->failed)
        diag_error(x->path, 0, "cannot write workbook: out of memory");
    x->failed = 1;
    return AC_ERR_NOMEM;
}

static int reserve(wbx *x, size_t n)
{
    if (n <= x->cap)
        return 1;
    size_t cap = x->cap ? x->cap : 256;
    while (cap < n)
        cap *= 2;
    char *b = realloc(x->buf, cap);
    if (!b)
        return 0;
    x->buf = b;
    x->cap = cap;
    return 1;
}

/* ---- cells ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        len = 2;
    else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        if (b == 0xE0) lo = 0xA0;
        if (b == 0xED) hi = 0x9F;        /* no surrogates                   */
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        if (b == 0xF0) lo = 0x90;
        if (b == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    if (len == 3 && b == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)
        return 0;                        /* U+FFFE, U+FFFF: not XML         */
    return len;
}

/* Sanitised copy of s in x->buf: valid UTF-8, controls other than tab and
 * newline as spaces, invalid bytes as U+FFFD, cut at EXP_STR_MAX bytes on a
 * character boundary.  NULL when out of memory. */
static const char *clean(wbx *x, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), o = 0;
    if (!reserve(x, (n < EXP_STR_MAX ? n : EXP_STR_MAX) * 3 + 4))
        return NULL;
    for (size_t i = 0; i < n && o + 4 <= EXP_STR_MAX;) {
        size_t l = utf8_len(p + i, n - i);
        if (l == 0) {
            memcpy(x->buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else if (l == 1) {
            unsigned char b = p[i++];
            x->buf[o++] = (b < 0x20 && b != '\t' && b != '\n') || b == 0x7F
                              ? ' ' : (char)b;
        } else {
            memcpy(x->buf + o, p + i, l);
            o += l;
            i += l;
        }
    }
    x->buf[o] = '\0';
    return x->buf;
}

/* A string cell; NULL or "" leaves the cell blank.  Never a formula. */
static ac_error put_str(wbx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                        const char *s, lxw_format *f)
{
    if (!s || !*s)
        return AC_OK;
    const char *t = clean(x, s);
    if (!t)
        return nomem(x);
    LX(worksheet_write_string(ws, r, col, t, f));
    return AC_OK;
}

static ac_error put_num(wbx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                        double v, lxw_format *f)
{
    if (!isfinite(v))
        return AC_OK;
    LX(worksheet_write_number(ws, r, col, v, f));
    return AC_OK;
}

/* A formula we built ourselves, with its precomputed result. */
static ac_error put_formula(wbx *x, lxw_worksheet *ws, lxw_row_t r,
                            lxw_col_t col, const char *formula, double v,
                            lxw_format *f)
{
    LX(worksheet_write_formula_num(ws, r, col, formula, f, isfinite(v) ? v : 0));
    return AC_OK;
}

static void col_name(char *buf, lxw_col_t col)
{
    lxw_col_to_name(buf, col, 0);
}

/* ---- names ---------------------------------------------------------------- */

static const char *mname(const cube *c, int d, int k)
{
    if (k <= 0 || (size_t)k >= c->dim[d].n)
        return "Total";
    const char *s = c->dim[d].m[k].name;
    return s && *s ? s : "?";
}

/* Country code of a geography member: itself when top level, else the
 * code of its top ancestor. */
static const char *geo_country(const cube *c, int k)
{
    const cube_dim *g = &c->dim[DIM_REGION];
    if (k <= 0 || (size_t)k >= g->n)
        return "Total";
    for (int guard = 0; g->m[k].parent > 0 && (size_t)g->m[k].parent < g->n &&
                        guard < 16; guard++)
        k = g->m[k].parent;
    return g->m[k].code && *g->m[k].code ? g->m[k].code : mname(c, DIM_REGION, k);
}

static const char *geo_region(const cube *c, int k)
{
    const cube_dim *g = &c->dim[DIM_REGION];
    if (k <= 0 || (size_t)k >= g->n || g->m[k].parent <= 0)
        return "Total";
    return mname(c, DIM_REGION, k);
}

static const char *origin_name(cube_origin o)
{
    switch (o) {
    case ORIGIN_REPORTED: return "reported";
    case ORIGIN_COMPUTED: return "computed";
    case ORIGIN_DERIVED: return "derived";
    default: return "";
    }
}

static const char *verdict_name(check_verdict v)
{
    switch (v) {
    case VERDICT_OK: return "ok";
    case VERDICT_MISMATCH: return "mismatch";
    case VERDICT_UNVERIFIABLE: return "unverifiable";
    case VERDICT_INVALID: return "invalid";
    }
    return "?";
}

static const char *const dim_label[DIM__N] = {"sector", "region", "year", "fund"};

/* "sector×region×year×fund"; "Total" for the apex cuboid. */
static const char *cuboid_label(unsigned mask, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    if (mask == 0)
        return "Total";
    for (int d = 0; d < DIM__N; d++)
        if (mask >> d & 1)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? "\xC3\x97" : "",
                                  dim_label[d]);
    return buf;
}

const char *export_sheet_name(const char *id, char *buf, size_t size)
{
    size_t o = 0, chars = 0;
    const unsigned char *p = (const unsigned char *)(id ? id : "");
    if (size < 128)
        return buf && size ? (buf[0] = '\0', buf) : buf;
    while (*p && chars < 31 && o + 5 < size) {
        size_t l = utf8_len(p, strlen((const char *)p));
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

/* ---- filtering ------------------------------------------------------------ */

static int cell_shown(const wbx *x, unsigned mask, const cube_cell *cl)
{
    if (!x->filter)
        return 1;
    return (mask >> DIM_FUND & 1) && cl->key[DIM_FUND] == x->ffund;
}

static int fact_shown(const wbx *x, const cube_fact *f)
{
    return !x->filter || f->key[DIM_FUND] == x->ffund;
}

static int source_shown(const wbx *x, size_t s)
{
    if (!x->filter)
        return 1;
    for (size_t i = 0; i < x->c->n_facts; i++)
        if (x->c->facts[i].source == (int)s && fact_shown(x, &x->c->facts[i]))
            return 1;
    return 0;
}

/* With a filter, a finding is kept when its `what` names the fund as a
 * word ("QIP CAF 2017-2018: ..."). */
static int finding_shown(const wbx *x, const finding *fd)
{
    if (!x->filter)
        return 1;
    const char *fund = x->o->fund_filter, *w = fd->what ? fd->what : "";
    size_t n = strlen(fund);
    for (const char *p = w; (p = strstr(p, fund)); p++) {
        int before = p == w || !(isalnum((unsigned char)p[-1]) || p[-1] == '-');
        int after = !(isalnum((unsigned char)p[n]) || p[n] == '-');
        if (before && after)
            return 1;
    }
    return 0;
}

static void setup_filter(wbx *x)
{
    const char *ff = x->o->fund_filter;
    const cube_dim *fd = &x->c->dim[DIM_FUND];
    x->filter = 0;
    x->ffund = -1;
    if (!ff || !*ff)
        return;
    for (size_t k = 1; k < fd->n; k++)
        if ((fd->m[k].name && !strcasecmp(fd->m[k].name, ff)) ||
            (fd->m[k].code && !strcasecmp(fd->m[k].code, ff))) {
            x->ffund = (int)k;
            break;
        }
    for (size_t i = 0; i < x->c->n_facts; i++)
        if (x->c->facts[i].key[DIM_FUND] != x->ffund)
            x->filter = 1;
}

/* ---- formats, tables -------------------------------------------------------- */

static ac_error fmt_init(wbx *x)
{
    for (int i = 0; i < F__N; i++)
        if (!(x->f[i] = workbook_add_format(x->wb)))
            return nomem(x);
    format_set_bold(x->f[F_BOLD]);
    format_set_bold(x->f[F_TITLE]);
    format_set_font_size(x->f[F_TITLE], 14);
    format_set_italic(x->f[F_NOTE]);
    format_set_font_color(x->f[F_NOTE], 0x595959);
    format_set_num_format(x->f[F_USD], FMT_USD);
    format_set_num_format(x->f[F_USD_BOLD], FMT_USD);
    format_set_bold(x->f[F_USD_BOLD]);
    format_set_num_format(x->f[F_INT], "#,##0");
    format_set_num_format(x->f[F_NUM], "#,##0.####");
    format_set_bg_color(x->f[F_RED], 0xFFC7CE);
    format_set_font_color(x->f[F_RED], 0x9C0006);
    format_set_bg_color(x->f[F_AMBER], 0xFFEB9C);
    format_set_font_color(x->f[F_AMBER], 0x9C5700);
    return AC_OK;
}

typedef struct {
    const char *header;
    double width;
} colspec;

/* An Excel table (ListObject) over the header row 0 and nrows data rows
 * (at least one, blank when there is no data), frozen header, widths. */
static ac_error add_table(wbx *x, lxw_worksheet *ws, const char *name,
                          const colspec *cols, int ncols, size_t nrows)
{
    lxw_table_column tc[32], *tcp[33];
    if (ncols > 32)
        return AC_ERR_USAGE;
    for (int i = 0; i < ncols; i++) {
        memset(&tc[i], 0, sizeof tc[i]);
        tc[i].header = (char *)cols[i].header;
        tc[i].header_format = x->f[F_BOLD];
        tcp[i] = &tc[i];
        LX(worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL));
    }
    tcp[ncols] = NULL;
    lxw_table_options opt;
    memset(&opt, 0, sizeof opt);
    opt.name = (char *)name;
    opt.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
    opt.style_type_number = 2;
    opt.columns = tcp;
    LX(worksheet_add_table(ws, 0, 0, (lxw_row_t)(nrows ? nrows : 1),
                           (lxw_col_t)(ncols - 1), &opt));
    worksheet_freeze_panes(ws, 1, 0);
    return AC_OK;
}

static ac_error check_rows(wbx *x, size_t n, const char *sheet)
{
    if (n <= EXP_MAX_ROWS - 64)
        return AC_OK;
    diag_error(x->path, 0, "cannot write workbook: %zu rows do not fit in sheet \"%s\"",
               n, sheet);
    x->failed = 1;
    return AC_ERR_XLSX;
}

/* ---- Cube ------------------------------------------------------------------- */

enum { CB_CUBOID, CB_SECTOR, CB_DAC, CB_COUNTRY, CB_REGION, CB_YEAR, CB_FUND,
       CB_AMOUNT, CB_ORIGIN, CB_REPORTED, CB_COMPUTED, CB_DERIVED, CB_PROJECTS,
       CB_PROJ_ORIGIN, CB_NOBS, CB_SOURCES, CB__N };

static const colspec cube_cols[CB__N] = {
    {"cuboid", 26}, {"sector", 24}, {"DAC code", 9}, {"country", 8},
    {"region", 22}, {"year", 11}, {"fund", 9}, {"amount_usd", 20},
    {"origin", 10}, {"reported_usd", 20}, {"computed_usd", 20},
    {"derived_usd", 20}, {"projects", 9}, {"projects_origin", 14},
    {"n_obs", 7}, {"sources", 40}};

static ac_error sheet_cube(wbx *x, lxw_worksheet *ws)
{
    const cube *c = x->c;
    char lab[96];
    lxw_row_t r = 1;
    TRY(check_rows(x, x->cube_rows, "Cube"));
    TRY(add_table(x, ws, "tCube", cube_cols, CB__N, x->cube_rows));
    for (unsigned mask = 0; mask < CUBE_N_CUBOIDS; mask++) {
        const cuboid *cb = &c->cuboid[mask];
        const char *label = cuboid_label(mask, lab, sizeof lab);
        for (size_t i = 0; i < cb->n; i++) {
            const cube_cell *cl = &cb->cells[i];
            if (!cell_shown(x, mask, cl))
                continue;
            int sk = cl->key[DIM_SECTOR], gk = cl->key[DIM_REGION];
            TRY(put_str(x, ws, r, CB_CUBOID, label, NULL));
            TRY(put_str(x, ws, r, CB_SECTOR, mname(c, DIM_SECTOR, sk), NULL));
            if (sk > 0 && (size_t)sk < c->dim[DIM_SECTOR].n)
                TRY(put_str(x, ws, r, CB_DAC, c->dim[DIM_SECTOR].m[sk].code, NULL));
            TRY(put_str(x, ws, r, CB_COUNTRY, geo_country(c, gk), NULL));
            TRY(put_str(x, ws, r, CB_REGION, geo_region(c, gk), NULL));
            TRY(put_str(x, ws, r, CB_YEAR, mname(c, DIM_YEAR, cl->key[DIM_YEAR]), NULL));
            TRY(put_str(x, ws, r, CB_FUND, mname(c, DIM_FUND, cl->key[DIM_FUND]), NULL));
            if (cl->origin != ORIGIN_NONE) {
                TRY(put_num(x, ws, r, CB_AMOUNT, cl->amount_usd, x->f[F_USD]));
                TRY(put_str(x, ws, r, CB_ORIGIN, origin_name(cl->origin), NULL));
            }
            if (cl->has_reported)
                TRY(put_num(x, ws, r, CB_REPORTED, cl->reported_usd, x->f[F_USD]));
            if (cl->has_computed)
                TRY(put_num(x, ws, r, CB_COMPUTED, cl->computed_usd, x->f[F_USD]));
            if (cl->has_derived)
                TRY(put_num(x, ws, r, CB_DERIVED, cl->derived_usd, x->f[F_USD]));
            if (cl->has_projects) {
                TRY(put_num(x, ws, r, CB_PROJECTS, cl->projects, x->f[F_INT]));
                TRY(put_str(x, ws, r, CB_PROJ_ORIGIN, origin_name(cl->projects_origin), NULL));
            }
            TRY(put_num(x, ws, r, CB_NOBS, (double)cl->n_obs, NULL));
            TRY(put_str(x, ws, r, CB_SOURCES, cl->sources, NULL));
            r++;
        }
    }
    return AC_OK;
}

/* ---- Summary ---------------------------------------------------------------- */

/* A Summary row to sort: fund name, then period by first and last year. */
typedef struct {
    const cube_cell *cell;
    const char *fund, *period;
    int y1, y2;
} sum_row;

static int cmp_sum_row(const void *pa, const void *pb)
{
    const sum_row *a = pa, *b = pb;
    int r = strcmp(a->fund, b->fund);
    if (r)
        return r;
    if (a->y1 != b->y1)
        return a->y1 < b->y1 ? -1 : 1;
    if (a->y2 != b->y2)
        return a->y2 < b->y2 ? -1 : 1;
    return strcmp(a->period, b->period);
}

static void sum_row_set(const cube *c, const cube_cell *cl, sum_row *out)
{
    int yk = cl->key[DIM_YEAR];
    out->cell = cl;
    out->fund = mname(c, DIM_FUND, cl->key[DIM_FUND]);
    out->period = mname(c, DIM_YEAR, yk);
    out->y1 = yk > 0 && (size_t)yk < c->dim[DIM_YEAR].n ? c->dim[DIM_YEAR].m[yk].y1 : 0;
    out->y2 = yk > 0 && (size_t)yk < c->dim[DIM_YEAR].n ? c->dim[DIM_YEAR].m[yk].y2 : 0;
}

/* One headline row: fund and period as printed in the Cube sheet, the
 * amount and projects as SUMPRODUCTs selecting that row of the Cube sheet. */
static ac_error summary_row(wbx *x, lxw_worksheet *ws, lxw_row_t r,
                            unsigned mask, const cube_cell *cl)
{
    char lab[96], f[512], amt[8], prj[8];
    const cube *c = x->c;
    unsigned long last = (unsigned long)(x->cube_rows ? x->cube_rows : 1) + 1;
    const char *label = cuboid_label(mask, lab, sizeof lab);
    TRY(put_str(x, ws, r, 0, mname(c, DIM_FUND, cl->key[DIM_FUND]), NULL));
    TRY(put_str(x, ws, r, 1, mname(c, DIM_YEAR, cl->key[DIM_YEAR]), NULL));
    col_name(amt, CB_AMOUNT);
    col_name(prj, CB_PROJECTS);
    for (int which = 0; which < 2; which++) {
        const char *col = which ? prj : amt;
        snprintf(f, sizeof f,
                 "=SUMPRODUCT((Cube!$A$2:$A$%lu=\"%s\")*(Cube!$G$2:$G$%lu=$A%u)"
                 "*(Cube!$F$2:$F$%lu=$B%u),Cube!$%s$2:$%s$%lu)",
                 last, label, last, (unsigned)r + 1, last, (unsigned)r + 1, col, col, last);
        double v = which ? (cl->has_projects ? cl->projects : 0)
                         : (cl->origin != ORIGIN_NONE ? cl->amount_usd : 0);
        TRY(put_formula(x, ws, r, which ? 4 : 2, f, v,
                        which ? x->f[F_INT] : x->f[F_USD]));
    }
    TRY(put_str(x, ws, r, 3, origin_name(cl->origin), NULL));
    if (cl->has_projects)
        TRY(put_str(x, ws, r, 5, origin_name(cl->projects_origin), NULL));
    return AC_OK;
}

static size_t count_verdict(const wbx *x, check_verdict v)
{
    size_t n = 0;
    if (x->fl)
        for (size_t i = 0; i < x->fl->n; i++)
            n += x->fl->v[i].verdict == v && finding_shown(x, &x->fl->v[i]);
    return n;
}

static void created_time(const export_opts *o, long long *t)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    *t = 0;
    if (o && o->created) {
        *t = o->created;
        return;
    }
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v > 0) {
            *t = v;
            return;
        }
    }
    *t = getenv("AIDCUBE_TEST") ? EXP_TEST_EPOCH : (long long)time(NULL);
}

static ac_error sheet_summary(wbx *x, lxw_worksheet *ws, long long created)
{
    const cube *c = x->c;
    const cuboid *yf = &c->cuboid[1u << DIM_YEAR | 1u << DIM_FUND];
    const cuboid *fo = &c->cuboid[1u << DIM_FUND];
    const cuboid *yo = &c->cuboid[1u << DIM_YEAR];
    const cuboid *ap = &c->cuboid[0];
    sum_row *rows = NULL;
    ac_error err = AC_OK;
    char note[256], when[32];
    size_t nsrc = 0, nfact = 0;
    time_t tt = (time_t)created;
    struct tm tmv;

    for (size_t s = 0; s < c->n_src; s++)
        nsrc += source_shown(x, s);
    for (size_t i = 0; i < c->n_facts; i++)
        nfact += fact_shown(x, &c->facts[i]);
    if (gmtime_r(&tt, &tmv))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tmv);
    else
        snprintf(when, sizeof when, "?");

    LX(worksheet_set_column(ws, 0, 0, 16, NULL));
    LX(worksheet_set_column(ws, 1, 1, 14, NULL));
    LX(worksheet_set_column(ws, 2, 2, 22, NULL));
    LX(worksheet_set_column(ws, 3, 3, 11, NULL));
    LX(worksheet_set_column(ws, 4, 4, 10, NULL));
    LX(worksheet_set_column(ws, 5, 5, 15, NULL));
    TRY(put_str(x, ws, 0, 0, x->o->title && *x->o->title ? x->o->title : "aidcube",
                x->f[F_TITLE]));
    snprintf(note, sizeof note,
             "Generated by aidcube %s on %s from %zu sources and %zu observations%s%.60s.",
             AC_VERSION, when, nsrc, nfact, x->o->fund_filter ? " of fund " : "",
             x->o->fund_filter ? x->o->fund_filter : "");
    TRY(put_str(x, ws, 1, 0, note, x->f[F_NOTE]));
    TRY(put_str(x, ws, 2, 0,
                "Totals are formulas over the Cube sheet; the value shown before "
                "recalculation is aidcube's own.", x->f[F_NOTE]));
    TRY(put_str(x, ws, 3, 0, "Mismatches", x->f[F_BOLD]));
    TRY(put_formula(x, ws, 3, 2, "=COUNTIF(Checks!$A:$A,\"mismatch\")",
                    (double)count_verdict(x, VERDICT_MISMATCH), x->f[F_BOLD]));
    TRY(put_str(x, ws, 4, 0, "Unverifiable", x->f[F_BOLD]));
    TRY(put_formula(x, ws, 4, 2, "=COUNTIF(Checks!$A:$A,\"unverifiable\")",
                    (double)count_verdict(x, VERDICT_UNVERIFIABLE), x->f[F_BOLD]));

    static const char *const hdr[] = {"fund", "period", "amount (USD)", "origin",
                                      "projects", "projects origin"};
    for (lxw_col_t i = 0; i < 6; i++)
        TRY(put_str(x, ws, 6, i, hdr[i], x->f[F_BOLD]));
    worksheet_freeze_panes(ws, 7, 0);

    lxw_row_t r = 7;
    rows = malloc((yf->n + yo->n + 1) * sizeof *rows);
    if (!rows)
        return nomem(x);
    /* per fund: its periods, then all periods */
    size_t n = 0;
    for (size_t i = 0; i < yf->n; i++)
        if (cell_shown(x, yf->mask, &yf->cells[i]))
            sum_row_set(c, &yf->cells[i], &rows[n++]);
    qsort(rows, n, sizeof *rows, cmp_sum_row);
    for (size_t i = 0; i < fo->n; i++) {
        const cube_cell *fc = &fo->cells[i];
        if (!cell_shown(x, fo->mask, fc))
            continue;
        for (size_t j = 0; j < n; j++)
            if (rows[j].cell->key[DIM_FUND] == fc->key[DIM_FUND])
                if ((err = summary_row(x, ws, r++, yf->mask, rows[j].cell)))
                    goto done;
        if ((err = summary_row(x, ws, r++, fo->mask, fc)))
            goto done;
    }
    /* all funds (not in a one-fund workbook cut from a larger cube) */
    if (!x->filter) {
        n = 0;
        for (size_t i = 0; i < yo->n; i++)
            sum_row_set(c, &yo->cells[i], &rows[n++]);
        qsort(rows, n, sizeof *rows, cmp_sum_row);
        for (size_t j = 0; j < n; j++)
            if ((err = summary_row(x, ws, r++, yo->mask, rows[j].cell)))
                goto done;
        for (size_t i = 0; i < ap->n; i++)
            if ((err = summary_row(x, ws, r++, 0, &ap->cells[i])))
                goto done;
    }
done:
    free(rows);
    return err;
}

/* ---- cross-tabs --------------------------------------------------------------- */

typedef struct {
    const char *name;
    int key;
} member_ref;

static int cmp_member_ref(const void *pa, const void *pb)
{
    const member_ref *a = pa, *b = pb;
    int r = strcmp(a->name, b->name);
    return r ? r : (a->key > b->key) - (a->key < b->key);
}

/* Members of dimension d that appear (seen[k]) and have no appearing member
 * below them, sorted by name, into out; returns how many. */
static size_t leaves(const cube *c, int d, const char *seen, member_ref *out)
{
    const cube_dim *dm = &c->dim[d];
    size_t n = 0;
    char *inner = calloc(dm->n + 1, 1);
    if (!inner)
        return (size_t)-1;
    for (size_t k = 1; k < dm->n; k++) {
        if (!seen[k])
            continue;
        int p = dm->m[k].parent;
        for (int guard = 0; p > 0 && (size_t)p < dm->n && guard < 16; guard++) {
            inner[p] = 1;
            p = dm->m[p].parent;
        }
    }
    for (size_t k = 1; k < dm->n; k++)
        if (seen[k] && !inner[k]) {
            out[n].name = mname(c, d, (int)k);
            out[n++].key = (int)k;
        }
    free(inner);
    qsort(out, n, sizeof *out, cmp_member_ref);
    return n;
}

#define XT_HDR 3   /* header row of a cross-tab */

static ac_error xtab_body(wbx *x, lxw_worksheet *ws, const char *sheet,
                          const char *fund, const member_ref *rs, size_t nr,
                          const member_ref *cs, size_t nc, const double *v,
                          const char *has)
{
    char f[128], a[16], b[16];
    double grand = 0;
    lxw_row_t r0 = XT_HDR + 1, rt = (lxw_row_t)(XT_HDR + 1 + nr);
    lxw_col_t ct = (lxw_col_t)(nc + 1);

    TRY(put_str(x, ws, XT_HDR, 0, "Sector", x->f[F_BOLD]));
    for (size_t j = 0; j < nc; j++)
        TRY(put_str(x, ws, XT_HDR, (lxw_col_t)(j + 1), cs[j].name, x->f[F_BOLD]));
    TRY(put_str(x, ws, XT_HDR, ct, "Total", x->f[F_BOLD]));
    for (size_t i = 0; i < nr; i++) {
        lxw_row_t r = (lxw_row_t)(r0 + i);
        double sum = 0;
        TRY(put_str(x, ws, r, 0, rs[i].name, NULL));
        for (size_t j = 0; j < nc; j++)
            if (has[i * nc + j]) {
                TRY(put_num(x, ws, r, (lxw_col_t)(j + 1), v[i * nc + j], x->f[F_USD]));
                sum += v[i * nc + j];
            }
        lxw_rowcol_to_cell(a, r, 1);
        lxw_rowcol_to_cell(b, r, (lxw_col_t)nc);
        snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
        TRY(put_formula(x, ws, r, ct, f, sum, x->f[F_USD_BOLD]));
        grand += sum;
    }
    TRY(put_str(x, ws, rt, 0, "Total", x->f[F_BOLD]));
    for (size_t j = 0; j < nc; j++) {
        double sum = 0;
        for (size_t i = 0; i < nr; i++)
            if (has[i * nc + j])
                sum += v[i * nc + j];
        lxw_rowcol_to_cell(a, r0, (lxw_col_t)(j + 1));
        lxw_rowcol_to_cell(b, rt - 1, (lxw_col_t)(j + 1));
        snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
        TRY(put_formula(x, ws, rt, (lxw_col_t)(j + 1), f, sum, x->f[F_USD_BOLD]));
    }
    lxw_rowcol_to_cell(a, r0, ct);
    lxw_rowcol_to_cell(b, rt - 1, ct);
    snprintf(f, sizeof f, "=SUM(%s:%s)", a, b);
    TRY(put_formula(x, ws, rt, ct, f, grand, x->f[F_USD_BOLD]));

    LX(worksheet_set_column(ws, 0, 0, 26, NULL));
    LX(worksheet_set_column(ws, 1, ct, 18, NULL));
    worksheet_freeze_panes(ws, XT_HDR + 1, 1);

    lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_BAR);
    if (!ch)
        return nomem(x);
    lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
    if (!se)
        return nomem(x);
    chart_series_set_categories(se, sheet, r0, 0, rt - 1, 0);
    chart_series_set_values(se, sheet, r0, ct, rt - 1, ct);
    chart_series_set_name(se, "amount (USD)");
    /* never starts with '=': a chart title "=..." would be a reference */
    snprintf(f, sizeof f, "Amount by sector (USD), fund %s", fund);
    const char *title = clean(x, f);
    if (!title)
        return nomem(x);
    chart_title_set_name(ch, title);
    chart_axis_set_num_format(ch->x_axis, "#,##0");
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    LX(worksheet_insert_chart(ws, rt + 2, 0, ch));
    return AC_OK;
}

static ac_error sheet_xtab(wbx *x, lxw_worksheet *ws, const char *sheet, int fk)
{
    const cube *c = x->c;
    const cuboid *cb = &c->cuboid[1u << DIM_SECTOR | 1u << DIM_REGION | 1u << DIM_FUND];
    size_t ns = c->dim[DIM_SECTOR].n, ng = c->dim[DIM_REGION].n;
    char *seen_s = calloc(ns + 1, 1), *seen_g = calloc(ng + 1, 1), *has = NULL;
    member_ref *rs = calloc(ns + 1, sizeof *rs), *cs = calloc(ng + 1, sizeof *cs);
    int *ri = calloc(ns + 1, sizeof *ri), *ci = calloc(ng + 1, sizeof *ci);
    double *v = NULL;
    size_t nr, nc;
    ac_error err = AC_OK;
    const char *fund = mname(c, DIM_FUND, fk);
    char t[256];

    if (!seen_s || !seen_g || !rs || !cs || !ri || !ci) {
        err = nomem(x);
        goto done;
    }
    snprintf(t, sizeof t, "Fund %s: amounts by sector and region, all periods", fund);
    if ((err = put_str(x, ws, 0, 0, t, x->f[F_TITLE])) ||
        (err = put_str(x, ws, 1, 0,
                       "Values are the cube's best values (reported, else computed, "
                       "else derived) of the finest regions and sectors stated; "
                       "amounts stated without a sector or a region are in the "
                       "Cube sheet only.", x->f[F_NOTE])))
        goto done;
    for (size_t i = 0; i < cb->n; i++)
        if (cb->cells[i].key[DIM_FUND] == fk && cb->cells[i].origin != ORIGIN_NONE) {
            seen_s[cb->cells[i].key[DIM_SECTOR]] = 1;
            seen_g[cb->cells[i].key[DIM_REGION]] = 1;
        }
    nr = leaves(c, DIM_SECTOR, seen_s, rs);
    nc = leaves(c, DIM_REGION, seen_g, cs);
    if (nr == (size_t)-1 || nc == (size_t)-1) {
        err = nomem(x);
        goto done;
    }
    if (nr == 0 || nc == 0) {
        err = put_str(x, ws, XT_HDR, 0, "No amount of this fund is stated by sector "
                      "and region.", x->f[F_NOTE]);
        goto done;
    }
    if (nc > 16000) {
        diag_error(x->path, 0, "cannot write workbook: %zu regions do not fit in sheet \"%s\"",
                   nc, sheet);
        err = AC_ERR_XLSX;
        goto done;
    }
    v = calloc(nr * nc, sizeof *v);
    has = calloc(nr * nc, 1);
    if (!v || !has) {
        err = nomem(x);
        goto done;
    }
    for (size_t i = 0; i < ns; i++)
        ri[i] = -1;
    for (size_t j = 0; j < ng; j++)
        ci[j] = -1;
    for (size_t i = 0; i < nr; i++)
        ri[rs[i].key] = (int)i;
    for (size_t j = 0; j < nc; j++)
        ci[cs[j].key] = (int)j;
    for (size_t i = 0; i < cb->n; i++) {
        const cube_cell *cl = &cb->cells[i];
        if (cl->key[DIM_FUND] != fk || cl->origin == ORIGIN_NONE)
            continue;
        int a = ri[cl->key[DIM_SECTOR]], b = ci[cl->key[DIM_REGION]];
        if (a >= 0 && b >= 0) {
            v[(size_t)a * nc + (size_t)b] = cl->amount_usd;
            has[(size_t)a * nc + (size_t)b] = 1;
        }
    }
    err = xtab_body(x, ws, sheet, fund, rs, nr, cs, nc, v, has);
done:
    free(seen_s);
    free(seen_g);
    free(rs);
    free(cs);
    free(ri);
    free(ci);
    free(v);
    free(has);
    return err;
}

/* ---- Observations, Checks, Sources ------------------------------------------- */

enum { OB_DOC, OB_LINE, OB_MEASURE, OB_VALUE, OB_UNIT, OB_USD, OB_RATE,
       OB_RATE_YEAR, OB_FUND, OB_COUNTRY, OB_REGION, OB_SECTOR, OB_PERIOD,
       OB_QUAL, OB_SPAN, OB_SNIPPET, OB_EXCLUDED, OB__N };

static const colspec obs_cols[OB__N] = {
    {"doc", 24}, {"line", 6}, {"measure", 9}, {"value", 16}, {"unit", 9},
    {"usd", 20}, {"rate", 10}, {"rate_year", 9}, {"fund", 9}, {"country", 8},
    {"region", 20}, {"sector", 22}, {"period", 11}, {"qualifier", 9},
    {"span", 12}, {"snippet", 60}, {"excluded", 9}};

static const char *qual_name(scan_qual q)
{
    switch (q) {
    case SCAN_Q_EXACT: return "exact";
    case SCAN_Q_APPROX: return "approx";
    case SCAN_Q_MAX: return "max";
    case SCAN_Q_PER_YEAR: return "per_year";
    }
    return "";
}

static const char *measure_name(obs_measure m)
{
    return m == OBS_AMOUNT ? "amount" : m == OBS_COUNT ? "count" : "share";
}

static void period_text(const obs *o, char *buf, size_t size)
{
    buf[0] = '\0';
    if (o->y1 && o->y2 && o->y2 != o->y1)
        snprintf(buf, size, "%d-%d", o->y1, o->y2);
    else if (o->y1)
        snprintf(buf, size, "%d", o->y1);
}

static ac_error sheet_obs(wbx *x, lxw_worksheet *ws)
{
    const cube *c = x->c;
    size_t n = 0;
    char buf[64];
    for (size_t i = 0; i < c->n_facts; i++)
        n += fact_shown(x, &c->facts[i]);
    TRY(check_rows(x, n, "Observations"));
    TRY(add_table(x, ws, "tObservations", obs_cols, OB__N, n));
    lxw_row_t r = 1;
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        const obs *o = &f->o;
        if (!fact_shown(x, f))
            continue;
        TRY(put_str(x, ws, r, OB_DOC, o->doc, NULL));
        TRY(put_num(x, ws, r, OB_LINE, (double)o->line, NULL));
        TRY(put_str(x, ws, r, OB_MEASURE, measure_name(o->measure), NULL));
        TRY(put_num(x, ws, r, OB_VALUE, num_to_double(o->value), x->f[F_NUM]));
        TRY(put_str(x, ws, r, OB_UNIT, o->unit, NULL));
        if (o->measure == OBS_AMOUNT && f->rate > 0) {
            TRY(put_num(x, ws, r, OB_USD, f->usd, x->f[F_USD]));
            TRY(put_num(x, ws, r, OB_RATE, f->rate, NULL));
        }
        if (f->rate_year)
            TRY(put_num(x, ws, r, OB_RATE_YEAR, f->rate_year, NULL));
        TRY(put_str(x, ws, r, OB_FUND, o->fund, NULL));
        TRY(put_str(x, ws, r, OB_COUNTRY, o->country, NULL));
        TRY(put_str(x, ws, r, OB_REGION, o->region, NULL));
        TRY(put_str(x, ws, r, OB_SECTOR, o->sector, NULL));
        period_text(o, buf, sizeof buf);
        TRY(put_str(x, ws, r, OB_PERIOD, buf, NULL));
        TRY(put_str(x, ws, r, OB_QUAL, qual_name(o->qual), NULL));
        snprintf(buf, sizeof buf, "%zu-%zu", o->start, o->end);
        TRY(put_str(x, ws, r, OB_SPAN, buf, NULL));
        TRY(put_str(x, ws, r, OB_SNIPPET, o->snippet, NULL));
        TRY(put_str(x, ws, r, OB_EXCLUDED, f->excluded ? "yes" : "no", NULL));
        r++;
    }
    return AC_OK;
}

enum { CK_VERDICT, CK_RULE, CK_WHAT, CK_STATED, CK_COMPUTED, CK_DIFF, CK_UNIT,
       CK_LINES, CK__N };

static const colspec check_cols[CK__N] = {
    {"verdict", 13}, {"rule", 10}, {"what", 50}, {"stated", 20},
    {"computed", 20}, {"diff", 18}, {"unit", 9}, {"lines", 40}};

static ac_error sheet_checks(wbx *x, lxw_worksheet *ws)
{
    size_t n = 0;
    if (x->fl)
        for (size_t i = 0; i < x->fl->n; i++)
            n += finding_shown(x, &x->fl->v[i]);
    TRY(check_rows(x, n, "Checks"));
    TRY(add_table(x, ws, "tChecks", check_cols, CK__N, n));
    lxw_row_t r = 1;
    for (size_t i = 0; x->fl && i < x->fl->n; i++) {
        const finding *fd = &x->fl->v[i];
        if (!finding_shown(x, fd))
            continue;
        lxw_format *nf = fd->unit && !strcmp(fd->unit, "USD") ? x->f[F_USD] : x->f[F_NUM];
        TRY(put_str(x, ws, r, CK_VERDICT, verdict_name(fd->verdict), NULL));
        TRY(put_str(x, ws, r, CK_RULE, fd->rule, NULL));
        TRY(put_str(x, ws, r, CK_WHAT, fd->what, NULL));
        if (fd->has_stated)
            TRY(put_num(x, ws, r, CK_STATED, fd->stated, nf));
        if (fd->has_computed)
            TRY(put_num(x, ws, r, CK_COMPUTED, fd->computed, nf));
        if (fd->has_stated && fd->has_computed)
            TRY(put_num(x, ws, r, CK_DIFF, fd->diff, nf));
        TRY(put_str(x, ws, r, CK_UNIT, fd->unit, NULL));
        TRY(put_str(x, ws, r, CK_LINES, fd->lines, NULL));
        r++;
    }
    if (n == 0)
        return AC_OK;
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = "=OR($A2=\"mismatch\",$A2=\"invalid\")";
    cf.format = x->f[F_RED];
    LX(worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)n, CK__N - 1, &cf));
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = "=$A2=\"unverifiable\"";
    cf.format = x->f[F_AMBER];
    LX(worksheet_conditional_format_range(ws, 1, 0, (lxw_row_t)n, CK__N - 1, &cf));
    return AC_OK;
}

enum { SR_NAME, SR_PATH, SR_SHA, SR_BYTES, SR_SECONDS, SR_ENC, SR_LANG,
       SR_COUNTRY, SR_YEAR, SR_OBS, SR_AMOUNTS, SR_SHARES, SR_COUNTS, SR__N };

static const colspec src_cols[SR__N] = {
    {"name", 26}, {"path", 40}, {"sha256", 66}, {"bytes", 10},
    {"load_seconds", 12}, {"encoding", 12}, {"language", 9}, {"country", 8},
    {"doc_year", 9}, {"observations", 12}, {"amounts", 9}, {"shares", 8},
    {"counts", 8}};

static ac_error sheet_sources(wbx *x, lxw_worksheet *ws)
{
    const cube *c = x->c;
    size_t n = 0;
    for (size_t s = 0; s < c->n_src; s++)
        n += source_shown(x, s);
    TRY(add_table(x, ws, "tSources", src_cols, SR__N, n));
    lxw_row_t r = 1;
    for (size_t s = 0; s < c->n_src; s++) {
        const cube_source *so = &c->src[s];
        if (!source_shown(x, s))
            continue;
        TRY(put_str(x, ws, r, SR_NAME, so->name, NULL));
        TRY(put_str(x, ws, r, SR_PATH, so->path, NULL));
        TRY(put_str(x, ws, r, SR_SHA, so->sha256, NULL));
        TRY(put_num(x, ws, r, SR_BYTES, (double)so->bytes, x->f[F_INT]));
        TRY(put_num(x, ws, r, SR_SECONDS, so->load_seconds, NULL));
        TRY(put_str(x, ws, r, SR_ENC, so->encoding, NULL));
        TRY(put_str(x, ws, r, SR_LANG, so->lang, NULL));
        TRY(put_str(x, ws, r, SR_COUNTRY, so->country, NULL));
        if (so->doc_year)
            TRY(put_num(x, ws, r, SR_YEAR, so->doc_year, NULL));
        TRY(put_num(x, ws, r, SR_OBS, (double)so->n_obs, NULL));
        TRY(put_num(x, ws, r, SR_AMOUNTS, (double)so->n_amounts, NULL));
        TRY(put_num(x, ws, r, SR_SHARES, (double)so->n_shares, NULL));
        TRY(put_num(x, ws, r, SR_COUNTS, (double)so->n_counts, NULL));
        r++;
    }
    return AC_OK;
}

/* ---- the workbook ------------------------------------------------------------- */

static const char *const fixed_sheets[] = {"Summary", "Cube", "Observations",
                                           "Checks", "Sources", "History"};

static int name_taken(char names[][128], size_t n, const char *s)
{
    for (size_t i = 0; i < sizeof fixed_sheets / sizeof *fixed_sheets; i++)
        if (!strcasecmp(fixed_sheets[i], s))
            return 1;
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(names[i], s))
            return 1;
    return 0;
}

/* Fill the workbook; x->wb is open.  Closing is the caller's business. */
static ac_error fill(wbx *x, long long created)
{
    const cube *c = x->c;
    const cube_dim *fd = &c->dim[DIM_FUND];
    const cuboid *fo = &c->cuboid[1u << DIM_FUND];
    lxw_worksheet *sum, *cub, *obs_ws, *chk, *src;
    ac_error err = AC_OK;
    char (*names)[128] = NULL;
    int *keys = NULL;
    lxw_worksheet **xt = NULL;
    size_t nx = 0;

    TRY(fmt_init(x));
    for (unsigned m = 0; m < CUBE_N_CUBOIDS; m++)
        for (size_t i = 0; i < c->cuboid[m].n; i++)
            x->cube_rows += cell_shown(x, m, &c->cuboid[m].cells[i]);

    names = calloc(fd->n + 1, sizeof *names);
    keys = calloc(fd->n + 1, sizeof *keys);
    xt = calloc(fd->n + 1, sizeof *xt);
    if (!names || !keys || !xt) {
        err = nomem(x);
        goto done;
    }
    /* funds present in the cube, in member (name) order */
    for (size_t k = 1; k < fd->n; k++) {
        int present = 0;
        for (size_t i = 0; i < fo->n && !present; i++)
            present = fo->cells[i].key[DIM_FUND] == (int)k;
        if (!present || (x->filter && (int)k != x->ffund))
            continue;
        char base[128];
        export_sheet_name(mname(c, DIM_FUND, (int)k), base, sizeof base);
        snprintf(names[nx], 128, "%s", base);
        for (int i = 2; name_taken(names, nx, names[nx]); i++) {
            char sfx[16];
            int l = snprintf(sfx, sizeof sfx, " (%d)", i);
            size_t keep = 0, chars = 0;
            while (base[keep] && chars < (size_t)(31 - l)) {
                size_t ul = utf8_len((const unsigned char *)base + keep, strlen(base + keep));
                keep += ul ? ul : 1;
                chars++;
            }
            snprintf(names[nx], 128, "%.*s%s", (int)keep, base, sfx);
        }
        keys[nx++] = (int)k;
    }

    if (!(sum = workbook_add_worksheet(x->wb, "Summary")) ||
        !(cub = workbook_add_worksheet(x->wb, "Cube"))) {
        err = lx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
        goto done;
    }
    for (size_t i = 0; i < nx; i++)
        if (!(xt[i] = workbook_add_worksheet(x->wb, names[i]))) {
            diag_error(x->path, 0, "cannot write workbook: invalid sheet name \"%s\"",
                       names[i]);
            x->failed = 1;
            err = AC_ERR_XLSX;
            goto done;
        }
    if (!(obs_ws = workbook_add_worksheet(x->wb, "Observations")) ||
        !(chk = workbook_add_worksheet(x->wb, "Checks")) ||
        !(src = workbook_add_worksheet(x->wb, "Sources"))) {
        err = lx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
        goto done;
    }
    if ((err = sheet_summary(x, sum, created)) || (err = sheet_cube(x, cub)))
        goto done;
    for (size_t i = 0; i < nx; i++)
        if ((err = sheet_xtab(x, xt[i], names[i], keys[i])))
            goto done;
    if ((err = sheet_obs(x, obs_ws)) || (err = sheet_checks(x, chk)) ||
        (err = sheet_sources(x, src)))
        goto done;
    worksheet_activate(sum);
done:
    free(names);
    free(keys);
    free(xt);
    return err;
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

ac_error export_workbook(const cube *c, const finding_list *findings,
                         const export_opts *o, const char *path)
{
    static const export_opts defaults = {NULL, NULL, 0};
    wbx x;
    ac_error err = AC_OK;
    char *tmp = NULL, *dir = NULL;
    long long created;
    int fd;

    if (!c || !path || !*path) {
        diag_error(path, 0, "cannot write workbook: no cube or no path");
        return AC_ERR_USAGE;
    }
    if (!c->built) {
        diag_error(path, 0, "cannot write workbook: the cube is not built");
        return AC_ERR_USAGE;
    }
    memset(&x, 0, sizeof x);
    x.c = c;
    x.fl = findings;
    x.o = o ? o : &defaults;
    x.path = path;
    setup_filter(&x);
    created_time(x.o, &created);

    size_t pl = strlen(path);
    tmp = malloc(pl + 16);
    dir = malloc(pl + 2);
    if (!tmp || !dir) {
        free(tmp);
        free(dir);
        return nomem(&x);
    }
    snprintf(tmp, pl + 16, "%s.tmp-XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        diag_error(path, 0, "cannot create temporary workbook \"%s\": %s", tmp,
                   strerror(errno));
        free(tmp);
        free(dir);
        return AC_ERR_IO;
    }
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);    /* as fopen would have created it */
    close(fd);

    lxw_workbook_options wo;
    memset(&wo, 0, sizeof wo);
    x.wb = workbook_new_opt(tmp, &wo);
    if (!x.wb) {
        err = nomem(&x);
        goto fail;
    }
    lxw_doc_properties props;
    char subject[160];
    memset(&props, 0, sizeof props);
    props.title = (char *)(x.o->title && *x.o->title ? x.o->title : "aidcube");
    snprintf(subject, sizeof subject, "Peacebuilding and stabilisation funding%s%.100s",
             x.o->fund_filter ? ": fund " : "", x.o->fund_filter ? x.o->fund_filter : "");
    props.subject = subject;
    props.author = "aidcube";
    props.comments = "Generated by aidcube " AC_VERSION;
    props.created = (time_t)created;
    lxw_error le = workbook_set_properties(x.wb, &props);
    if (le != LXW_NO_ERROR)
        err = lx_fail(&x, le, "workbook_set_properties");
    if (!err)
        err = fill(&x, created);
    le = workbook_close(x.wb);       /* frees the workbook on every path */
    x.wb = NULL;
    if (le != LXW_NO_ERROR && !err)
        err = lx_fail(&x, le, "workbook_close");
    if (err)
        goto fail;
    if (sync_path(tmp, 0)) {
        diag_error(path, 0, "cannot sync temporary workbook \"%s\": %s", tmp, strerror(errno));
        err = AC_ERR_IO;
        goto fail;
    }
    if (rename(tmp, path)) {
        diag_error(path, 0, "cannot rename \"%s\" into place: %s", tmp, strerror(errno));
        err = AC_ERR_IO;
        goto fail;
    }
    memcpy(dir, path, pl + 1);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    if (sync_path(dir, 1)) {
        diag_error(path, 0, "cannot sync directory \"%s\": %s", dir, strerror(errno));
        err = AC_ERR_IO;             /* the new workbook is in place */
    }
    free(tmp);
    free(dir);
    free(x.buf);
    return err;
fail:
    unlink(tmp);
    free(tmp);
    free(dir);
    free(x.buf);
    return err;
}
