/*
 * export_pivot_model.c — the PivotTables' source rows, items and cross-tabs from a built
 * cube (export_pivot.h says what each label is); the XML text of the parts is in
 * export_pivot_xml.c.
 *
 * Memory: a export_pivot_src owns one arena for its rows, labels and items;
 * cross-tabs are malloc'd (export_pivot_xtab_free).  Sorting uses temporary
 * malloc'd arrays freed before returning.
 */
#include "export_pivot.h"

#include "../base/strbuf.h"
#include "../base/utf8.h"
#include "../read/read_text.h"
#include "../attribute/attribute_sheet.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

const char *const export_pivot_field_name[PV__N] = {"sector", "region", "country", "period", "fund",
                                             "usd", "projects", "doc", "line", "kind"};

const export_pivot_spec export_pivot_specs[PIVOT_N] = {
    {"PivotTable1", PV_SECTOR, PV_REGION, 3, {PV_FUND, PV_PERIOD, PV_KIND},
     "PivotTable 1: usd and projects by sector (rows) and region (columns); filter by fund, "
     "period and kind above it"},
    {"PivotTable2", PV_FUND, PV_PERIOD, 1, {PV_KIND, 0, 0},
     "PivotTable 2: usd and projects by fund (rows) and period (columns), of the kind above it"}};

/* The kind both PivotTables show first: the money the Summary adds. */
#define FUNDING_LABEL "funding"

#define NOT_STATED "not stated"
#define FINEST_DOC "cube cell"          /* the doc label of a finest-cuboid row */
#define MAX_LABEL 32000                 /* bytes, as the workbook's cells (EXP_STR_MAX) */

int export_pivot_field_is_text(int f)
{
    return f != PV_USD && f != PV_PROJECTS && f != PV_LINE;
}

/* ---- labels ------------------------------------------------------------------ */

/* Length of the valid UTF-8 character at s (n bytes left) that XML allows
 * (no surrogates, U+FFFE, U+FFFF), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len = utf8_decode(s, n, NULL);
    if (!len)
        return 0;
    if (len == 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)
        return 0;                       /* U+FFFE, U+FFFF: not XML characters */
    return len;
}

static int is_clean(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    if (n > MAX_LABEL)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len(p + i, n - i);
        if (!l || (l == 1 && ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') || p[i] == 0x7F)))
            return 0;
        i += l;
    }
    return 1;
}

/* s as the workbook's cells hold it (export.c export_clean); never blank. */
static const char *clean(arena *a, const char *s)
{
    if (!s || !*s)
        return NOT_STATED;
    if (is_clean(s))
        return s;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), o = 0;
    char *b = arena_alloc(a, MAX_LABEL + 4);
    if (!b)
        return NULL;
    for (size_t i = 0; i < n && o + 4 <= MAX_LABEL;) {
        size_t l = utf8_len(p + i, n - i);
        if (l == 0) {
            memcpy(b + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else if (l == 1) {
            unsigned char c = p[i++];
            b[o++] = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ? ' ' : (char)c;
        } else {
            memcpy(b + o, p + i, l);
            o += l;
            i += l;
        }
    }
    b[o] = '\0';
    return b;
}

static const char *member_label(const model *m, int d, int32_t k)
{
    if (k < KEY_FIRST_MEMBER || (size_t)k >= m->dim[d].n)
        return NOT_STATED;
    const char *s = m->dim[d].m[k].name;
    return s && *s ? s : "?";
}

/* The country member above region k (itself for a country), or -1. */
static int32_t country_of(const model *m, int32_t k)
{
    const dimension *g = &m->dim[DIM_REGION];
    for (int guard = 0; k >= KEY_FIRST_MEMBER && (size_t)k < g->n && guard < 16; guard++) {
        if (g->m[k].kind == MK_COUNTRY)
            return k;
        k = g->m[k].parent;
    }
    return -1;
}

/* What a row is made of before its labels become item indices: its
 * coordinate in the model of its view, its document, its view's name. */
typedef struct {
    int32_t key[DIM__N];
    const char *doc;
    const model *m;
    const char *kind;
} row_src;

/* The label of text field f for row source r. */
static const char *label(arena *a, const row_src *r, int f)
{
    const model *m = r->m;
    const int32_t *key = r->key;
    const char *doc = r->doc;
    int32_t k;
    switch (f) {
    case PV_KIND: return r->kind;
    case PV_SECTOR: return clean(a, member_label(m, DIM_SECTOR, key[DIM_SECTOR]));
    case PV_PERIOD: return clean(a, member_label(m, DIM_PERIOD, key[DIM_PERIOD]));
    case PV_FUND: return clean(a, member_label(m, DIM_FUND, key[DIM_FUND]));
    case PV_DOC: return clean(a, doc);
    case PV_COUNTRY:
        k = country_of(m, key[DIM_REGION]);
        return clean(a, k < 0 ? NOT_STATED : member_label(m, DIM_REGION, k));
    default:
        k = key[DIM_REGION];
        if (k >= KEY_FIRST_MEMBER && (size_t)k < m->dim[DIM_REGION].n &&
            m->dim[DIM_REGION].m[k].kind == MK_COUNTRY) {
            const char *s = arena_printf(a, "%s: region not stated", member_label(m, DIM_REGION, k));
            return s ? clean(a, s) : NULL;
        }
        return clean(a, member_label(m, DIM_REGION, k));
    }
}

/* ---- rows ---------------------------------------------------------------------- */

/* The row of the rest: what a cube's grand total holds beyond its leaf
 * facts (cube.c, mark_leaves: what a total holds beyond the funds' figures
 * that no figure is), per measure, at no stated coordinate. */
#define REST_DOC "rest of a total (no figure)"
#define REST UINT32_MAX              /* its index among the leaf facts */

typedef struct {
    int64_t usd, projects;
    uint8_t has;             /* PV_HAS_USD, PV_HAS_PROJECTS                */
} rest_row;

static rest_row grand_rest(const cube *c)
{
    const fact_table *f = &c->m->f;
    rest_row r = {0, 0, 0};
    const cube_cell *t = cube_cell_at(c, (int32_t[DIM__N]){0, 0, 0, 0});
    if (!t)
        return r;
    int64_t usd = t->amount.value, projects = t->projects.value;
    for (size_t i = 0; i < f->n; i++) {
        if (!(f->flags[i] & FACT_LEAF))
            continue;
        if (f->measure[i] == OBS_AMOUNT)
            usd -= f->v[i];
        else
            projects -= f->v[i];
    }
    if (t->amount.origin != ORIGIN_NONE && usd > 0) {
        r.usd = usd;
        r.has |= PV_HAS_USD;
    }
    if (t->projects.origin != ORIGIN_NONE && projects > 0) {
        r.projects = projects;
        r.has |= PV_HAS_PROJECTS;
    }
    return r;
}

static size_t count_leaves(const model *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->f.n; i++)
        n += (m->f.flags[i] & FACT_LEAF) != 0;
    return n;
}

/* The rows of cube c's leaf facts and its rest. */
static size_t count_rows(const cube *c)
{
    return count_leaves(c->m) + (grand_rest(c).has != 0);
}

static void add_values(export_pivot_row *r, const fact_table *f, uint32_t i, const rest_row *rest)
{
    if (i == REST) {
        r->usd += rest->usd;
        r->projects += rest->projects;
        r->has |= rest->has;
    } else if (f->measure[i] == OBS_AMOUNT) {
        r->usd += f->v[i];
        r->has |= PV_HAS_USD;
    } else {
        r->projects += f->v[i];
        r->has |= PV_HAS_PROJECTS;
    }
}

/* Row source n: key (NULL: no coordinate stated), doc, cube c's view. */
static void set_src(row_src *rs, const cube *c, const int32_t *key, const char *doc)
{
    for (int d = 0; d < DIM__N; d++)
        rs->key[d] = key ? key[d] : KEY_TOTAL;
    rs->doc = doc;
    rs->m = c->m;
    rs->kind = model_view_name(cube_view(c));
}

/* The leaf facts of cube c (and its rest) as rows from row n on; the next
 * row. */
static size_t leaf_rows(const cube *c, export_pivot_row *row, row_src *rs, size_t n)
{
    const fact_table *f = &c->m->f;
    rest_row rest = grand_rest(c);
    for (size_t i = 0; i < f->n; i++) {
        if (!(f->flags[i] & FACT_LEAF))
            continue;
        int32_t key[DIM__N];
        for (int d = 0; d < DIM__N; d++)
            key[d] = f->key[d][i];
        set_src(&rs[n], c, key, f->o[i].doc);
        add_values(&row[n], f, (uint32_t)i, &rest);
        if (f->o[i].line > 0) {
            row[n].line = f->o[i].line;
            row[n].has |= PV_HAS_LINE;
        }
        n++;
    }
    if (rest.has) {
        set_src(&rs[n], c, NULL, REST_DOC);
        add_values(&row[n++], f, REST, &rest);
    }
    return n;
}

/* Leaf key d of leaf i (the rest: no coordinate stated). */
static int32_t leaf_key(const fact_table *f, uint32_t i, int d)
{
    return i == REST ? KEY_TOTAL : f->key[d][i];
}

/* Leaf facts ordered by their coordinates (sector, region, period, fund). */
static int cmp_coords(const void *a, const void *b, void *ctx)
{
    const fact_table *f = ctx;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    for (int d = 0; d < DIM__N; d++)
        if (leaf_key(f, i, d) != leaf_key(f, j, d))
            return leaf_key(f, i, d) < leaf_key(f, j, d) ? -1 : 1;
    return (i > j) - (i < j);
}

static int same_coords(const fact_table *f, uint32_t i, uint32_t j)
{
    for (int d = 0; d < DIM__N; d++)
        if (leaf_key(f, i, d) != leaf_key(f, j, d))
            return 0;
    return 1;
}

/* The leaf facts (and the rest) added up at each of their coordinates: the
 * finest cells of the cube, each figure once (their sum is still the grand
 * total).  At most max rows; their number (all of them when row is NULL),
 * or SIZE_MAX when out of memory.  Rows go to row[0..], rs[0..]. */
static size_t finest_rows(const cube *c, size_t max, export_pivot_row *row, row_src *rs)
{
    const fact_table *f = &c->m->f;
    rest_row rest = grand_rest(c);
    size_t nl = count_leaves(c->m) + (rest.has != 0), n = 0;
    uint32_t *ix = malloc((nl ? nl : 1) * sizeof *ix);
    if (!ix)
        return SIZE_MAX;
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->flags[i] & FACT_LEAF)
            ix[k++] = (uint32_t)i;
    if (rest.has)
        ix[k++] = REST;
    qsort_r(ix, nl, sizeof *ix, cmp_coords, (void *)f);
    for (k = 0; k < nl; k++) {
        uint32_t i = ix[k];
        int fresh = !k || !same_coords(f, ix[k - 1], i);
        if (fresh && n == max)
            break;
        if (fresh)
            n++;
        if (!row)
            continue;
        if (fresh) {
            int32_t key[DIM__N];
            for (int d = 0; d < DIM__N; d++)
                key[d] = leaf_key(f, i, d);
            set_src(&rs[n - 1], c, key, FINEST_DOC);
        }
        add_values(&row[n - 1], f, i, &rest);
    }
    free(ix);
    return n;
}

/* ---- items --------------------------------------------------------------------- */

typedef struct {
    const char *s;
    const char *fold;          /* s without case and accents (attribute_fold.h)  */
    size_t row;
} lab_row;

/* A label as a reader sorts it: "not stated" ones last, then without case
 * and accents ("Ménaka" before "Mopti"), then by bytes. */
static int not_stated(const char *s)
{
    size_t n = strlen(s), k = strlen(NOT_STATED);
    return n >= k && !strcmp(s + n - k, NOT_STATED);
}

static int cmp_lab(const void *a, const void *b)
{
    const lab_row *x = a, *y = b;
    int c = not_stated(x->s) - not_stated(y->s);
    if (!c)
        c = strcmp(x->fold, y->fold);
    if (!c)
        c = strcmp(x->s, y->s);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* Items of text field f and each row's index into them. */
static ac_error make_items(export_pivot_src *p, const row_src *rs, int f, lab_row *tmp)
{
    export_pivot_items *it = &p->items[f];
    strbuf fb = {0};
    for (size_t i = 0; i < p->n; i++) {
        tmp[i].s = label(p->a, &rs[i], f);
        tmp[i].row = i;
        if (!tmp[i].s || attribute_sheet_fold_into(tmp[i].s, &fb) ||
            !(tmp[i].fold = arena_strdup(p->a, strbuf_str(&fb)))) {
            strbuf_free(&fb);
            return AC_ERR_NOMEM;
        }
    }
    strbuf_free(&fb);
    qsort(tmp, p->n, sizeof *tmp, cmp_lab);
    it->s = arena_alloc(p->a, (p->n + 1) * sizeof *it->s);
    if (!it->s)
        return AC_ERR_NOMEM;
    it->n = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (!it->n || strcmp(it->s[it->n - 1], tmp[i].s) != 0)
            it->s[it->n++] = tmp[i].s;
        p->row[tmp[i].row].item[f] = (uint32_t)(it->n - 1);
    }
    return AC_OK;
}

/* The cubes whose leaf facts the PivotTables read: the funding's, then
 * each view shown apart (cube.apart); *n their number. */
static size_t views(const cube *c, const cube *v[1 + MODEL_APART_VIEWS])
{
    size_t n = 0;
    v[n++] = c;
    for (int k = 0; k < MODEL_APART_VIEWS; k++)
        if (c->apart[k])
            v[n++] = c->apart[k];
    return n;
}

/* The rows of every view (finest: its finest cells, at most max in all). */
static size_t view_rows(const cube *const *v, size_t nv, int finest, size_t max,
                        export_pivot_row *row, row_src *rs)
{
    size_t n = 0;
    for (size_t k = 0; k < nv; k++) {
        if (!finest) {
            n = row ? leaf_rows(v[k], row, rs, n) : n + count_rows(v[k]);
            continue;
        }
        size_t got = finest_rows(v[k], max - n, row ? row + n : NULL, row ? rs + n : NULL);
        if (got == SIZE_MAX)
            return SIZE_MAX;
        n += got;
    }
    return n;
}

/* The kind "funding" is always an item (the filter's choice, even with no
 * row of it); its index in p->funding. */
static ac_error funding_item(export_pivot_src *p)
{
    export_pivot_items *it = &p->items[PV_KIND];
    size_t k = 0;
    while (k < it->n && strcmp(it->s[k], FUNDING_LABEL) < 0)
        k++;
    if (k == it->n || strcmp(it->s[k], FUNDING_LABEL)) {
        const char **s = arena_alloc(p->a, (it->n + 1) * sizeof *s);
        if (!s)
            return AC_ERR_NOMEM;
        memcpy(s, it->s, k * sizeof *s);
        s[k] = FUNDING_LABEL;
        memcpy(s + k + 1, it->s + k, (it->n - k) * sizeof *s);
        for (size_t i = 0; i < p->n; i++)
            p->row[i].item[PV_KIND] += p->row[i].item[PV_KIND] >= k;
        it->s = s;
        it->n++;
    }
    p->funding = (uint32_t)k;
    return AC_OK;
}

/* The items each text field shows under the filter kind = funding. */
static ac_error shown_items(export_pivot_src *p)
{
    for (int f = 0; f < PV__N; f++) {
        size_t n = p->items[f].n;
        if (!export_pivot_field_is_text(f))
            continue;
        p->at[f] = arena_alloc(p->a, (n + 1) * sizeof *p->at[f]);
        p->shown[f] = arena_alloc(p->a, (n + 1) * sizeof *p->shown[f]);
        if (!p->at[f] || !p->shown[f])
            return AC_ERR_NOMEM;
        for (size_t k = 0; k < n; k++)
            p->at[f][k] = -1;
        for (size_t i = 0; i < p->n; i++)
            if (p->row[i].item[PV_KIND] == p->funding)
                p->at[f][p->row[i].item[f]] = 0;
        p->n_shown[f] = 0;
        for (size_t k = 0; k < n; k++)
            if (p->at[f][k] == 0) {
                p->at[f][k] = (int32_t)p->n_shown[f];
                p->shown[f][p->n_shown[f]++] = (uint32_t)k;
            }
    }
    return AC_OK;
}

ac_error export_pivot_build(const cube *c, size_t max_rows, export_pivot_src **out)
{
    const cube *v[1 + MODEL_APART_VIEWS];
    size_t nv = views(c, v);
    size_t max = max_rows ? max_rows : PIVOT_MAX_ROWS;
    size_t n = view_rows(v, nv, 0, 0, NULL, NULL);
    int finest = n > max;
    export_pivot_src *p = calloc(1, sizeof *p);
    row_src *rs = NULL;
    lab_row *tmp = NULL;
    ac_error err = AC_ERR_NOMEM;
    *out = NULL;
    if (!p || !(p->a = arena_new(0)))
        goto done;
    if (finest && (n = view_rows(v, nv, 1, max, NULL, NULL)) == SIZE_MAX)
        goto done;
    p->finest = finest;
    p->max_rows = max;
    p->truncated = finest && n == max && view_rows(v, nv, 1, max + 1, NULL, NULL) > max;
    p->n = n;
    p->row = arena_alloc(p->a, (n + 1) * sizeof *p->row);
    rs = calloc(n + 1, sizeof *rs);
    tmp = calloc(n + 1, sizeof *tmp);
    if (!p->row || !rs || !tmp)
        goto done;
    memset(p->row, 0, (n + 1) * sizeof *p->row);
    if (view_rows(v, nv, finest, max, p->row, rs) == SIZE_MAX)
        goto done;
    for (int f = 0; f < PV__N; f++)
        if (export_pivot_field_is_text(f) && (err = make_items(p, rs, f, tmp)) != AC_OK)
            goto done;
    if ((err = funding_item(p)) || (err = shown_items(p)))
        goto done;
    *out = p;
    p = NULL;
done:
    free(rs);
    free(tmp);
    export_pivot_free(p);
    return err;
}

void export_pivot_free(export_pivot_src *p)
{
    if (!p)
        return;
    arena_free(p->a);
    free(p);
}

/* ---- cross-tabs ----------------------------------------------------------------- */

ac_error export_pivot_crosstab(const export_pivot_src *p, int which, export_pivot_xtab *t)
{
    const export_pivot_spec *s = &export_pivot_specs[which];
    size_t nr = p->n_shown[s->row], nc = p->n_shown[s->col], cells = (nr + 1) * (nc + 1);
    memset(t, 0, sizeof *t);
    t->nr = nr;
    t->nc = nc;
    t->usd = calloc(cells, sizeof *t->usd);
    t->projects = calloc(cells, sizeof *t->projects);
    t->has = calloc(cells, 1);
    if (!t->usd || !t->projects || !t->has) {
        export_pivot_xtab_free(t);
        return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < p->n; i++) {
        const export_pivot_row *r = &p->row[i];
        if (r->item[PV_KIND] != p->funding)
            continue;             /* the filter kind = funding */
        size_t ri = (size_t)p->at[s->row][r->item[s->row]], ci = (size_t)p->at[s->col][r->item[s->col]];
        size_t at[4] = {ri * (nc + 1) + ci, ri * (nc + 1) + nc, nr * (nc + 1) + ci,
                        nr * (nc + 1) + nc};
        for (int k = 0; k < 4; k++) {
            if (r->has & PV_HAS_USD)
                t->usd[at[k]] += r->usd;
            if (r->has & PV_HAS_PROJECTS)
                t->projects[at[k]] += r->projects;
            t->has[at[k]] |= r->has & (PV_HAS_USD | PV_HAS_PROJECTS);
        }
    }
    return AC_OK;
}

void export_pivot_xtab_free(export_pivot_xtab *t)
{
    free(t->usd);
    free(t->projects);
    free(t->has);
    memset(t, 0, sizeof *t);
}

void export_pivot_locations(const export_pivot_src *p, export_pivot_loc loc[PIVOT_N])
{
    uint32_t row = PIVOT_TOP;
    for (int w = 0; w < PIVOT_N; w++) {
        const export_pivot_spec *s = &export_pivot_specs[w];
        loc[w].row = row;
        loc[w].nrows = PIVOT_HEAD + (uint32_t)p->n_shown[s->row] + 1;
        loc[w].ncols = 1 + 2 * (uint32_t)p->n_shown[s->col] + 2;
        row += loc[w].nrows + PIVOT_GAP;
    }
}

const char *export_pivot_cents(int64_t v, char *buf, size_t size)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", a / 100, a % 100);
    return buf;
}

/* ---- aidcube cube --pivot ----------------------------------------------------------- */

static void tsv_cell(FILE *out, const export_pivot_xtab *t, size_t at)
{
    char b[32];
    fputs("\t", out);
    if (t->has[at] & PV_HAS_USD)
        fputs(export_pivot_cents(t->usd[at], b, sizeof b), out);
    fputs("\t", out);
    if (t->has[at] & PV_HAS_PROJECTS)
        fprintf(out, "%" PRId64, t->projects[at]);
    fputs("\n", out);
}

static void tsv_pivot(FILE *out, const export_pivot_src *p, int w, const export_pivot_xtab *t)
{
    const export_pivot_spec *s = &export_pivot_specs[w];
    for (size_t i = 0; i <= t->nr; i++)
        for (size_t j = 0; j <= t->nc; j++) {
            fprintf(out, "%s\t", s->name);
            diag_put_escaped(out, i < t->nr ? p->items[s->row].s[p->shown[s->row][i]] : "Grand Total");
            fputs("\t", out);
            diag_put_escaped(out, j < t->nc ? p->items[s->col].s[p->shown[s->col][j]] : "Grand Total");
            tsv_cell(out, t, i * (t->nc + 1) + j);
        }
}

ac_error export_pivot_write_tsv(const cube *c, FILE *out, diag *d)
{
    export_pivot_src *p;
    ac_error err = export_pivot_build(c, 0, &p);
    if (err)
        return diag_fail(d, err, NULL, 0, "cannot build the PivotTables' source");
    fputs("pivot\trow\tcolumn\tusd\tprojects\n", out);
    for (int w = 0; w < PIVOT_N && !err; w++) {
        export_pivot_xtab t;
        if ((err = export_pivot_crosstab(p, w, &t)) != AC_OK) {
            diag_fail(d, err, NULL, 0, "cannot compute the PivotTables");
            break;
        }
        tsv_pivot(out, p, w, &t);
        export_pivot_xtab_free(&t);
    }
    export_pivot_free(p);
    return err;             /* the caller owns out and checks its writes */
}
