/*
 * export.c — the donor workbook writer (see export.h for the sheets): the
 * file, the formats, the cell helpers, names and the fund filter.  The
 * sheets themselves are written by export_sheets.c; export_int.h is what
 * the two share.
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
#include "export_int.h"

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


ac_error wb_fail(wb_ctx *x, lxw_error e, const char *what)
{
    if (!x->failed)
        diag_error(x->d, x->path, 0, "cannot write workbook: %s: %s", what,
                   lxw_strerror(e));
    x->failed = 1;
    return AC_ERR_XLSX;
}


ac_error wb_nomem(wb_ctx *x)
{
    if (!x->failed)
        diag_error(x->d, x->path, 0, "cannot write workbook: out of memory");
    x->failed = 1;
    return AC_ERR_NOMEM;
}

static int reserve(wb_ctx *x, size_t n)
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
static size_t wb_utf8_len(const unsigned char *s, size_t n)
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
const char *wb_clean(wb_ctx *x, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), o = 0;
    if (!reserve(x, (n < EXP_STR_MAX ? n : EXP_STR_MAX) * 3 + 4))
        return NULL;
    for (size_t i = 0; i < n && o + 4 <= EXP_STR_MAX;) {
        size_t l = wb_utf8_len(p + i, n - i);
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
ac_error wb_str(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                const char *s, lxw_format *f)
{
    if (!s || !*s)
        return AC_OK;
    const char *t = wb_clean(x, s);
    if (!t)
        return wb_nomem(x);
    LX(worksheet_write_string(ws, r, col, t, f));
    return AC_OK;
}

ac_error wb_num(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                double v, lxw_format *f)
{
    if (!isfinite(v))
        return AC_OK;
    LX(worksheet_write_number(ws, r, col, v, f));
    return AC_OK;
}

/* A formula we built ourselves, with its precomputed result. */
ac_error wb_formula(wb_ctx *x, lxw_worksheet *ws, lxw_row_t r,
                    lxw_col_t col, const char *formula, double v,
                    lxw_format *f)
{
    LX(worksheet_write_formula_num(ws, r, col, formula, f, isfinite(v) ? v : 0));
    return AC_OK;
}

void wb_col_name(char *buf, lxw_col_t col)
{
    lxw_col_to_name(buf, col, 0);
}

/* ---- names ---------------------------------------------------------------- */

const char *wb_member(const cube *c, int d, int k)
{
    if (k <= 0 || (size_t)k >= c->dim[d].n)
        return "Total";
    const char *s = c->dim[d].m[k].name;
    return s && *s ? s : "?";
}

/* Country code of a geography member: itself when top level, else the
 * code of its top ancestor. */
const char *wb_country(const cube *c, int k)
{
    const cube_dim *g = &c->dim[DIM_REGION];
    if (k <= 0 || (size_t)k >= g->n)
        return "Total";
    for (int guard = 0; g->m[k].parent > 0 && (size_t)g->m[k].parent < g->n &&
                        guard < 16; guard++)
        k = g->m[k].parent;
    return g->m[k].code && *g->m[k].code ? g->m[k].code : wb_member(c, DIM_REGION, k);
}

const char *wb_region(const cube *c, int k)
{
    const cube_dim *g = &c->dim[DIM_REGION];
    if (k <= 0 || (size_t)k >= g->n || g->m[k].parent <= 0)
        return "Total";
    return wb_member(c, DIM_REGION, k);
}

const char *wb_origin(cube_origin o)
{
    switch (o) {
    case ORIGIN_REPORTED: return "reported";
    case ORIGIN_COMPUTED: return "computed";
    case ORIGIN_DERIVED: return "derived";
    default: return "";
    }
}

const char *wb_verdict(check_verdict v)
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
const char *wb_cuboid_label(unsigned mask, char *buf, size_t size)
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
        size_t l = wb_utf8_len(p, strlen((const char *)p));
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

int wb_cell_shown(const wb_ctx *x, unsigned mask, const cube_cell *cl)
{
    if (!x->filter)
        return 1;
    return (mask >> DIM_FUND & 1) && cl->key[DIM_FUND] == x->ffund;
}

int wb_fact_shown(const wb_ctx *x, const cube_fact *f)
{
    return !x->filter || f->key[DIM_FUND] == x->ffund;
}

int wb_source_shown(const wb_ctx *x, size_t s)
{
    if (!x->filter)
        return 1;
    for (size_t i = 0; i < x->c->n_facts; i++)
        if (x->c->facts[i].source == (int)s && wb_fact_shown(x, &x->c->facts[i]))
            return 1;
    return 0;
}

/* With a filter, a finding is kept when its `what` names the fund as a
 * word ("QIP CAF 2017-2018: ..."). */
int wb_finding_shown(const wb_ctx *x, const finding *fd)
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

static void setup_filter(wb_ctx *x)
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

static ac_error fmt_init(wb_ctx *x)
{
    for (int i = 0; i < F__N; i++)
        if (!(x->f[i] = workbook_add_format(x->wb)))
            return wb_nomem(x);
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

/* An Excel table (ListObject) over the header row 0 and nrows data rows
 * (at least one, blank when there is no data), frozen header, widths. */
ac_error wb_add_table(wb_ctx *x, lxw_worksheet *ws, const char *name,
                      const wb_colspec *cols, int ncols, size_t nrows)
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

ac_error wb_check_rows(wb_ctx *x, size_t n, const char *sheet)
{
    if (n <= EXP_MAX_ROWS - 64)
        return AC_OK;
    diag_error(x->d, x->path, 0, "cannot write workbook: %zu rows do not fit in sheet \"%s\"",
               n, sheet);
    x->failed = 1;
    return AC_ERR_XLSX;
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
static ac_error fill(wb_ctx *x, long long created)
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
            x->cube_rows += wb_cell_shown(x, m, &c->cuboid[m].cells[i]);

    names = calloc(fd->n + 1, sizeof *names);
    keys = calloc(fd->n + 1, sizeof *keys);
    xt = calloc(fd->n + 1, sizeof *xt);
    if (!names || !keys || !xt) {
        err = wb_nomem(x);
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
        export_sheet_name(wb_member(c, DIM_FUND, (int)k), base, sizeof base);
        snprintf(names[nx], 128, "%s", base);
        for (int i = 2; name_taken(names, nx, names[nx]); i++) {
            char sfx[16];
            int l = snprintf(sfx, sizeof sfx, " (%d)", i);
            size_t keep = 0, chars = 0;
            while (base[keep] && chars < (size_t)(31 - l)) {
                size_t ul = wb_utf8_len((const unsigned char *)base + keep, strlen(base + keep));
                keep += ul ? ul : 1;
                chars++;
            }
            snprintf(names[nx], 128, "%.*s%s", (int)keep, base, sfx);
        }
        keys[nx++] = (int)k;
    }

    if (!(sum = workbook_add_worksheet(x->wb, "Summary")) ||
        !(cub = workbook_add_worksheet(x->wb, "Cube"))) {
        err = wb_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
        goto done;
    }
    for (size_t i = 0; i < nx; i++)
        if (!(xt[i] = workbook_add_worksheet(x->wb, names[i]))) {
            diag_error(x->d, x->path, 0, "cannot write workbook: invalid sheet name \"%s\"",
                       names[i]);
            x->failed = 1;
            err = AC_ERR_XLSX;
            goto done;
        }
    if (!(obs_ws = workbook_add_worksheet(x->wb, "Observations")) ||
        !(chk = workbook_add_worksheet(x->wb, "Checks")) ||
        !(src = workbook_add_worksheet(x->wb, "Sources"))) {
        err = wb_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
        goto done;
    }
    if ((err = wb_write_summary(x, sum, created)) || (err = wb_write_cube(x, cub)))
        goto done;
    for (size_t i = 0; i < nx; i++)
        if ((err = wb_write_crosstab(x, xt[i], names[i], keys[i])))
            goto done;
    if ((err = wb_write_obs(x, obs_ws)) || (err = wb_write_checks(x, chk)) ||
        (err = wb_write_sources(x, src)))
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
                         const export_opts *o, const char *path, diag *d)
{
    static const export_opts defaults = {NULL, NULL, 0};
    wb_ctx x;
    ac_error err = AC_OK;
    char *tmp = NULL, *dir = NULL;
    long long created;
    int fd;

    if (!c || !path || !*path) {
        diag_error(d, path, 0, "cannot write workbook: no cube or no path");
        return AC_ERR_USAGE;
    }
    if (!c->built) {
        diag_error(d, path, 0, "cannot write workbook: the cube is not built");
        return AC_ERR_USAGE;
    }
    memset(&x, 0, sizeof x);
    x.c = c;
    x.fl = findings;
    x.o = o ? o : &defaults;
    x.path = path;
    x.d = d;
    setup_filter(&x);
    created = x.o->created ? x.o->created : (long long)time(NULL);

    size_t pl = strlen(path);
    tmp = malloc(pl + 16);
    dir = malloc(pl + 2);
    if (!tmp || !dir) {
        free(tmp);
        free(dir);
        return wb_nomem(&x);
    }
    snprintf(tmp, pl + 16, "%s.tmp-XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        diag_error(d, path, 0, "cannot create temporary workbook \"%s\": %s", tmp,
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
        err = wb_nomem(&x);
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
        err = wb_fail(&x, le, "workbook_set_properties");
    if (!err)
        err = fill(&x, created);
    le = workbook_close(x.wb);       /* frees the workbook on every path */
    x.wb = NULL;
    if (le != LXW_NO_ERROR && !err)
        err = wb_fail(&x, le, "workbook_close");
    if (err)
        goto fail;
    if (sync_path(tmp, 0)) {
        diag_error(d, path, 0, "cannot sync temporary workbook \"%s\": %s", tmp, strerror(errno));
        err = AC_ERR_IO;
        goto fail;
    }
    if (rename(tmp, path)) {
        diag_error(d, path, 0, "cannot rename \"%s\" into place: %s", tmp, strerror(errno));
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
        diag_error(d, path, 0, "cannot sync directory \"%s\": %s", dir, strerror(errno));
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
