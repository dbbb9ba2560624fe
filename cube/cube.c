/*
 * cube.c — star schema and the 16 cuboids (see cube.h for the model).
 *
 * Build order:
 *   1. members: every fact's coordinates become dimension members (surrogate
 *      keys in order of first appearance, sorted by name at build time so
 *      that output never depends on input order), with parents: region →
 *      country, year/fiscal year → the span that contains it;
 *   2. base values: each summable fact (an amount that is not a cap or a
 *      rate; a count of projects) states the cell at its own coordinate.
 *      Several facts at one coordinate: rows of one table or chart are line
 *      items and add up; otherwise the fact stated as a total (else the
 *      first) is the cell's reported value, the others being the same figure
 *      said again (the agree check compares them); the parts of a total
 *      stated in the same sentence ("222 finalisés et 102 en cours") never
 *      state the cell;
 *   3. cuboids by decreasing number of grouped dimensions: a cell's computed
 *      value is rolled up from a parent cuboid (one more dimension grouped)
 *      by summing, over the top-level members of the dropped dimension, each
 *      member's best value (reported, else computed, else the sum of its
 *      children's best values).  Among the parents, the one covering the
 *      most observations is used, and of those the smallest: with sources
 *      at mixed grains, a parent may not see every figure below a cell;
 *   4. derived values: a share × the best amount of its total, only for
 *      cells with neither a reported nor a computed amount.
 */
#include "cube.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"

const char *const cube_dim_name[DIM__N] = {"sector", "region", "year", "fund"};

ac_error cube_new(const gazetteer *gz, diag *dg, cube **out)
{
    cube *c = calloc(1, sizeof *c);
    if (!c)
        return AC_ERR_NOMEM;
    c->a = arena_new(0);
    c->gz = gz;
    c->d = dg;
    for (int d = 0; d < DIM__N; d++) {
        c->dim[d].m = c->a ? arena_alloc(c->a, sizeof(cube_member)) : NULL;
        if (!c->dim[d].m) {
            cube_free(c);
            return AC_ERR_NOMEM;
        }
        c->dim[d].m[0].name = "Total";
        c->dim[d].n = 1;
    }
    *out = c;
    return AC_OK;
}

void cube_free(cube *c)
{
    if (!c)
        return;
    for (int m = 0; m < CUBE_N_CUBOIDS; m++)
        free(c->cuboid[m].cells);
    free(c->facts);
    free(c->src);
    arena_free(c->a);
    free(c);
}

static const char *dup(cube *c, const char *s)
{
    return s ? arena_strdup(c->a, s) : NULL;
}

/* ---- members ------------------------------------------------------------- */

static int find_member(const cube_dim *d, const char *name, const char *code)
{
    for (size_t i = 1; i < d->n; i++)
        if (!strcmp(d->m[i].name, name) &&
            ((!code && !d->m[i].code) || (code && d->m[i].code && !strcmp(code, d->m[i].code))))
            return (int)i;
    return -1;
}

static int add_member(cube *c, int dim, const char *name, const char *code,
                      int parent, int level, int y1, int y2)
{
    cube_dim *d = &c->dim[dim];
    int k = find_member(d, name, code);
    if (k > 0)
        return k;
    cube_member *nm = arena_grow(c->a, d->m, d->n, d->n + 1, sizeof *nm);
    if (!nm)
        return -1;
    d->m = nm;
    cube_member *m = &d->m[d->n];
    m->name = dup(c, name);
    m->code = dup(c, code);
    m->parent = parent;
    m->level = level;
    m->y1 = y1;
    m->y2 = y2;
    return (int)d->n++;
}

static const char *sector_dac(const gazetteer *gz, const char *name)
{
    for (size_t i = 0;; i++) {
        const gz_entry *e = gazetteer_nth(gz, GZ_SECTOR, i);
        if (!e)
            return NULL;
        if (e->name && !strcmp(e->name, name))
            return e->dac;
    }
}

static ac_error place_fact(cube *c, cube_fact *f)
{
    const obs *o = &f->o;
    memset(f->key, 0, sizeof f->key);
    if (o->sector) {
        int k = add_member(c, DIM_SECTOR, o->sector, sector_dac(c->gz, o->sector), 0, 1, 0, 0);
        if (k < 0)
            return AC_ERR_NOMEM;
        f->key[DIM_SECTOR] = k;
    }
    if (o->country) {
        int k = add_member(c, DIM_REGION, o->country, o->country, 0, 1, 0, 0);
        if (k < 0)
            return AC_ERR_NOMEM;
        if (o->region) {
            k = add_member(c, DIM_REGION, o->region, o->country, k, 2, 0, 0);
            if (k < 0)
                return AC_ERR_NOMEM;
        }
        f->key[DIM_REGION] = k;
    }
    if (o->y1) {
        char name[24];
        obs_period(o, name, sizeof name);
        const char *kind = o->y1 == o->y2 ? "year"
                         : o->pkind == PERIOD_FISCAL || o->y2 == o->y1 + 1 ? "fiscal" : "span";
        int k = add_member(c, DIM_YEAR, name, kind, 0, 1, o->y1, o->y2);
        if (k < 0)
            return AC_ERR_NOMEM;
        f->key[DIM_YEAR] = k;
    }
    if (o->fund) {
        int k = add_member(c, DIM_FUND, o->fund, NULL, 0, 1, 0, 0);
        if (k < 0)
            return AC_ERR_NOMEM;
        f->key[DIM_FUND] = k;
    }
    return AC_OK;
}

/* ---- facts ------------------------------------------------------------------ */

/* USD per unit of cur at the rate of year: the annual rate of that year, else
 * of the nearest year that has one (0: the latest); the year used in *ry. */
int cube_usd_rate(const gazetteer *gz, const char *cur, int year, double *rate, int *ry)
{
    if (year <= 0) {
        for (int y = 2100; y >= 1950; y--)
            if (gazetteer_usd_rate(gz, cur, y, rate)) {
                *ry = y;
                return 1;
            }
        return 0;
    }
    for (int d = 0; d <= 60; d++) {
        if (gazetteer_usd_rate(gz, cur, year - d, rate)) {
            *ry = year - d;
            return 1;
        }
        if (d && gazetteer_usd_rate(gz, cur, year + d, rate)) {
            *ry = year + d;
            return 1;
        }
    }
    return 0;
}

ac_error cube_add_source(cube *c, const cube_source *s, const obs *o, size_t n)
{
    if (c->n_src == c->cap_src) {
        size_t nc = c->cap_src ? c->cap_src * 2 : 8;
        cube_source *ns = realloc(c->src, nc * sizeof *ns);
        if (!ns)
            return AC_ERR_NOMEM;
        c->src = ns;
        c->cap_src = nc;
    }
    cube_source *cs = &c->src[c->n_src];
    *cs = *s;
    cs->name = dup(c, s->name);
    cs->path = dup(c, s->path);
    cs->encoding = dup(c, s->encoding);
    cs->lang = dup(c, s->lang);
    cs->country = dup(c, s->country);
    int src_index = (int)c->n_src++;
    for (size_t i = 0; i < n; i++) {
        if (c->n_facts == c->cap_facts) {
            size_t nc = c->cap_facts ? c->cap_facts * 2 : 256;
            cube_fact *nf = realloc(c->facts, nc * sizeof *nf);
            if (!nf)
                return AC_ERR_NOMEM;
            c->facts = nf;
            c->cap_facts = nc;
        }
        cube_fact *f = &c->facts[c->n_facts];
        memset(f, 0, sizeof *f);
        f->o = o[i];
        f->o.doc = cs->name;
        f->o.unit = dup(c, o[i].unit);
        f->o.fund = dup(c, o[i].fund);
        f->o.country = dup(c, o[i].country);
        f->o.region = dup(c, o[i].region);
        f->o.sector = dup(c, o[i].sector);
        f->o.snippet = dup(c, o[i].snippet);
        f->o.label = dup(c, o[i].label);
        f->source = src_index;
        f->usd = num_to_double(o[i].value);
        f->rate = 1;
        if (o[i].measure == OBS_AMOUNT) {
            const char *cur = o[i].unit;
            int year = o[i].y2 ? o[i].y2 : s->doc_year;
            double rate;
            int ry;
            if (cur && cube_usd_rate(c->gz, cur, year, &rate, &ry)) {
                f->rate = rate;
                f->rate_year = ry;
                f->usd = num_to_double(o[i].value) * rate;
            } else {
                diag_warn(c->d, cs->name, o[i].line, "no USD rate for \"%s\": amount not summed",
                          cur ? cur : "(no currency)");
                f->excluded = 1;
                f->rate = 0;
            }
        }
        /* a cap or a rate per year is not money spent */
        if (o[i].qual == SCAN_Q_MAX || o[i].qual == SCAN_Q_PER_YEAR)
            f->excluded = 1;
        if (place_fact(c, f))
            return AC_ERR_NOMEM;
        c->n_facts++;
    }
    return AC_OK;
}

/* ---- helpers over keys -------------------------------------------------------- */

static unsigned key_mask(const int key[DIM__N])
{
    unsigned m = 0;
    for (int d = 0; d < DIM__N; d++)
        if (key[d])
            m |= 1u << d;
    return m;
}

/* Is member a equal to b or below it? */
static int member_within(const cube *c, int dim, int a, int b)
{
    if (b == 0)
        return 1;
    for (int guard = 0; a && guard < 16; guard++) {
        if (a == b)
            return 1;
        a = c->dim[dim].m[a].parent;
    }
    return 0;
}

static int fact_summable(const cube_fact *f, int projects)
{
    if (f->excluded)
        return 0;
    if (projects)
        return f->o.measure == OBS_COUNT && f->o.unit && !strcmp(f->o.unit, "projects");
    return f->o.measure == OBS_AMOUNT;
}

static int cmp_cells(const void *x, const void *y)
{
    const cube_cell *a = x, *b = y;
    for (int d = 0; d < DIM__N; d++)
        if (a->key[d] != b->key[d])
            return a->key[d] < b->key[d] ? -1 : 1;
    return 0;
}

static cube_cell *find_cell(const cuboid *cb, const int key[DIM__N])
{
    cube_cell probe;
    memset(&probe, 0, sizeof probe);    /* only the key is compared */
    memcpy(probe.key, key, sizeof probe.key);
    return bsearch(&probe, cb->cells, cb->n, sizeof *cb->cells, cmp_cells);
}

const cube_cell *cube_cell_at(const cube *c, const int key[DIM__N])
{
    return find_cell(&c->cuboid[key_mask(key)], key);
}

/* ---- sorting members by name, for stable output ---------------------------------- */


static const cube_dim *g_dim;

static int cmp_member(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    const cube_member *ma = &g_dim->m[a], *mb = &g_dim->m[b];
    if (ma->y1 != mb->y1)
        return ma->y1 < mb->y1 ? -1 : 1;
    if (ma->y2 != mb->y2)
        return ma->y2 < mb->y2 ? -1 : 1;
    int r = strcmp(ma->code ? ma->code : "", mb->code ? mb->code : "");
    if (r && g_dim != NULL && ma->level != mb->level)
        return ma->level < mb->level ? -1 : 1;
    r = strcmp(ma->name, mb->name);
    return r;
}

static ac_error sort_members(cube *c, int dim)
{
    cube_dim *d = &c->dim[dim];
    size_t n = d->n;
    int *order = malloc(n * sizeof *order), *newkey = malloc(n * sizeof *newkey);
    cube_member *copy = malloc(n * sizeof *copy);
    if (!order || !newkey || !copy) {
        free(order);
        free(newkey);
        free(copy);
        return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (int)i;
    g_dim = d;

    qsort(order + 1, n - 1, sizeof *order, cmp_member);
    for (size_t i = 0; i < n; i++)
        newkey[order[i]] = (int)i;
    memcpy(copy, d->m, n * sizeof *copy);
    for (size_t i = 0; i < n; i++) {
        d->m[i] = copy[order[i]];
        d->m[i].parent = newkey[d->m[i].parent];
    }
    for (size_t i = 0; i < c->n_facts; i++)
        c->facts[i].key[dim] = newkey[c->facts[i].key[dim]];
    free(order);
    free(newkey);
    free(copy);
    return AC_OK;
}

/* Years and fiscal years inside a span get it as parent. */
static void link_periods(cube *c)
{
    cube_dim *d = &c->dim[DIM_YEAR];
    for (size_t i = 1; i < d->n; i++) {
        int best = 0, best_len = 1 << 30;
        for (size_t j = 1; j < d->n; j++) {
            if (i == j)
                continue;
            int len = d->m[j].y2 - d->m[j].y1;
            if (d->m[j].y1 <= d->m[i].y1 && d->m[j].y2 >= d->m[i].y2 &&
                len > d->m[i].y2 - d->m[i].y1 && len < best_len) {
                best = (int)j;
                best_len = len;
            }
        }
        d->m[i].parent = best;
        d->m[i].level = best ? 2 : 1;
    }
}

/* ---- values ---------------------------------------------------------------------- */

typedef struct {
    double v;
    int has;
    long cov;
} val;

/* best value (amount or projects) of a cell: reported, else computed */
static int cell_best(const cube_cell *x, int projects, double *v)
{
    if (projects) {
        if (!x->has_projects)
            return 0;
        *v = x->projects;
        return 1;
    }
    if (x->has_reported) { *v = x->reported_usd; return 1; }
    if (x->has_computed) { *v = x->computed_usd; return 1; }
    return 0;
}

/* Best value of member x of dim d at the other coordinates of key, in parent
 * cuboid p: its own cell, else the sum of its children's best values. */
static val member_best(const cube *c, const cuboid *p, int key[DIM__N], int d,
                       int x, int projects, int depth)
{
    val r = {0, 0, 0};
    int save = key[d];
    key[d] = x;
    const cube_cell *cell = find_cell(p, key);
    key[d] = save;
    if (cell && cell_best(cell, projects, &r.v)) {
        r.has = 1;
        r.cov = cell->n_obs;
        return r;
    }
    if (depth > 8)
        return r;
    const cube_dim *dm = &c->dim[d];
    for (size_t y = 1; y < dm->n; y++) {
        if (dm->m[y].parent != x || (int)y == x)
            continue;
        val s = member_best(c, p, key, d, (int)y, projects, depth + 1);
        if (s.has) {
            r.v += s.v;
            r.has = 1;
            r.cov += s.cov;
        }
    }
    return r;
}

static ac_error collect_cells(cube *c, unsigned mask)
{
    cuboid *cb = &c->cuboid[mask];
    size_t cap = c->n_facts + 1, n = 0;
    cube_cell *cells = calloc(cap, sizeof *cells);
    if (!cells)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        unsigned fm = key_mask(f->key);
        if ((fm & mask) != mask)
            continue;
        cube_cell *x = &cells[n++];
        memset(x, 0, sizeof *x);
        for (int d = 0; d < DIM__N; d++)
            x->key[d] = (mask >> d & 1) ? f->key[d] : 0;
    }
    /* a cell for each country of the regions present, so that regions roll
     * into countries inside the cuboid */
    qsort(cells, n, sizeof *cells, cmp_cells);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || cmp_cells(&cells[u - 1], &cells[i]))
            cells[u++] = cells[i];
    cb->cells = cells;
    cb->n = u;
    cb->mask = mask;
    cb->parent_mask = -1;
    return AC_OK;
}

static void count_obs(cube *c, cube_cell *x, unsigned mask)
{
    long n = 0;
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        int in = 1;
        for (int d = 0; d < DIM__N && in; d++)
            if (mask >> d & 1)
                in = f->key[d] && member_within(c, d, f->key[d], x->key[d]);
        n += in;
    }
    x->n_obs = n;
}

/* The fact that states a cell: one stated as a total ("au total",
 * "Total :"), else the first.  Parts of a total stated beside it never do. */
static size_t primary_fact(const cube *c, const int key[DIM__N], int projects)
{
    size_t first = (size_t)-1;
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        if (memcmp(f->key, key, sizeof f->key) || !fact_summable(f, projects) || f->o.part)
            continue;
        if (f->o.total)
            return i;
        if (first == (size_t)-1)
            first = i;
    }
    return first;
}

static ac_error reported_values(cube *c, cube_cell *x)
{
    char *srcs = NULL;
    size_t len = 0;
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        if (memcmp(f->key, x->key, sizeof f->key))
            continue;
        int used = 0;
        for (int projects = 0; projects < 2 && !used; projects++) {
            if (!fact_summable(f, projects) || f->o.part)
                continue;
            used = 1;
            size_t p = primary_fact(c, x->key, projects);
            const cube_fact *pf = &c->facts[p];
            /* rows of one table or chart at one coordinate are line items
             * that add up; any other statement of the cell is the same
             * figure said again */
            int adds = pf->o.group && f->source == pf->source && f->o.group == pf->o.group;
            if (i != p && !adds)
                continue;
            double v = projects ? num_to_double(f->o.value) : f->usd;
            if (projects) {
                x->projects = x->has_projects ? x->projects + v : v;
                x->has_projects = 1;
                x->projects_origin = ORIGIN_REPORTED;
            } else {
                x->reported_usd = x->has_reported ? x->reported_usd + v : v;
                x->has_reported = 1;
            }
        }
        if (!used)
            continue;
        if (len > 2000) {
            /* the first lines are listed; the count is in n_obs */
            if (len < 3 || strcmp(srcs + len - 3, "..."))
                if (!(srcs = arena_printf(c->a, "%s ...", srcs)))
                    return AC_ERR_NOMEM;
            len = strlen(srcs);
            continue;
        }
        char ref[256];
        int k = snprintf(ref, sizeof ref, "%s%s:%ld", len ? " " : "", f->o.doc, f->o.line);
        if (k < 0)
            continue;
        char *ns = arena_alloc(c->a, len + (size_t)k + 1);
        if (!ns)
            return AC_ERR_NOMEM;
        if (srcs)
            memcpy(ns, srcs, len);
        memcpy(ns + len, ref, (size_t)k + 1);
        srcs = ns;
        len += (size_t)k;
    }
    x->sources = srcs;
    return AC_OK;
}

static void finish_cell(cube_cell *x)
{
    if (x->has_reported) {
        x->amount_usd = x->reported_usd;
        x->origin = ORIGIN_REPORTED;
    } else if (x->has_computed) {
        x->amount_usd = x->computed_usd;
        x->origin = ORIGIN_COMPUTED;
    }
}

/* Roll the cells of cuboid mask up from its parents. */
static void roll_up(cube *c, unsigned mask)
{
    cuboid *cb = &c->cuboid[mask];
    for (size_t i = 0; i < cb->n; i++) {
        cube_cell *x = &cb->cells[i];
        for (int projects = 0; projects < 2; projects++) {
            val best = {0, 0, -1};
            size_t best_size = 0;
            for (int d = 0; d < DIM__N; d++) {
                if (mask >> d & 1)
                    continue;
                const cuboid *p = &c->cuboid[mask | 1u << d];
                int key[DIM__N];
                memcpy(key, x->key, sizeof key);
                val sum = {0, 0, 0};
                const cube_dim *dm = &c->dim[d];
                for (size_t m = 1; m < dm->n; m++) {
                    if (dm->m[m].parent != 0)
                        continue;
                    val v = member_best(c, p, key, d, (int)m, projects, 0);
                    if (v.has) {
                        sum.v += v.v;
                        sum.has = 1;
                        sum.cov += v.cov;
                    }
                }
                if (!sum.has)
                    continue;
                if (sum.cov > best.cov || (sum.cov == best.cov && p->n < best_size)) {
                    best = sum;
                    best_size = p->n;
                    if (!projects && (cb->parent_mask < 0 ||
                                      p->n < c->cuboid[cb->parent_mask].n))
                        cb->parent_mask = (int)(mask | 1u << d);
                }
            }
            /* a country rolls up its regions inside the same cuboid */
            if (!best.has && (mask >> DIM_REGION & 1) && x->key[DIM_REGION] &&
                c->dim[DIM_REGION].m[x->key[DIM_REGION]].level == 1) {
                int key[DIM__N];
                memcpy(key, x->key, sizeof key);
                val v = member_best(c, cb, key, DIM_REGION, x->key[DIM_REGION], projects, 0);
                (void)v;
                const cube_dim *dm = &c->dim[DIM_REGION];
                for (size_t m = 1; m < dm->n; m++) {
                    if (dm->m[m].parent != x->key[DIM_REGION])
                        continue;
                    val w = member_best(c, cb, key, DIM_REGION, (int)m, projects, 0);
                    if (w.has) {
                        best.v = (best.has ? best.v : 0) + w.v;
                        best.has = 1;
                    }
                }
            }
            if (!best.has)
                continue;
            if (projects) {
                if (!x->has_projects) {
                    x->projects = best.v;
                    x->has_projects = 1;
                    x->projects_origin = ORIGIN_COMPUTED;
                }
            } else {
                x->computed_usd = best.v;
                x->has_computed = 1;
            }
        }
        finish_cell(x);
    }
}

/* share × its total, for cells with no amount */
static void derive(cube *c)
{
    for (size_t i = 0; i < c->n_facts; i++) {
        const cube_fact *f = &c->facts[i];
        if (f->o.measure != OBS_SHARE || f->excluded)
            continue;
        int tkey[DIM__N];
        memcpy(tkey, f->key, sizeof tkey);
        if (tkey[DIM_SECTOR])
            tkey[DIM_SECTOR] = 0;
        else if (tkey[DIM_REGION] && c->dim[DIM_REGION].m[tkey[DIM_REGION]].level == 2)
            tkey[DIM_REGION] = c->dim[DIM_REGION].m[tkey[DIM_REGION]].parent;
        else
            continue;
        const cube_cell *t = cube_cell_at(c, tkey);
        if (!t || t->origin == ORIGIN_NONE)
            continue;
        cube_cell *x = find_cell(&c->cuboid[key_mask(f->key)], f->key);
        if (!x || x->has_derived)
            continue;
        x->derived_usd = t->amount_usd * num_to_double(f->o.value) / 100.0;
        x->has_derived = 1;
        if (x->origin == ORIGIN_NONE) {
            x->amount_usd = x->derived_usd;
            x->origin = ORIGIN_DERIVED;
        }
    }
}

ac_error cube_build(cube *c)
{
    ac_error err;
    link_periods(c);
    for (int d = 0; d < DIM__N; d++)
        if ((err = sort_members(c, d)))
            return err;
    link_periods(c);
    /* cells: every cuboid gets the projections of the facts at or below it */
    for (int mask = CUBE_N_CUBOIDS - 1; mask >= 0; mask--)
        if ((err = collect_cells(c, (unsigned)mask)))
            return err;
    /* the grand total cell always exists */
    if (c->cuboid[0].n == 0) {
        free(c->cuboid[0].cells);
        c->cuboid[0].cells = calloc(1, sizeof(cube_cell));
        if (!c->cuboid[0].cells)
            return AC_ERR_NOMEM;
        c->cuboid[0].n = 1;
    }
    /* decreasing number of grouped dimensions */
    for (int bits = DIM__N; bits >= 0; bits--)
        for (unsigned mask = 0; mask < CUBE_N_CUBOIDS; mask++) {
            if (__builtin_popcount(mask) != bits)
                continue;
            cuboid *cb = &c->cuboid[mask];
            for (size_t i = 0; i < cb->n; i++) {
                count_obs(c, &cb->cells[i], mask);
                if ((err = reported_values(c, &cb->cells[i])))
                    return err;
            }
            roll_up(c, mask);
        }
    derive(c);
    c->built = 1;
    return AC_OK;
}

const char *cube_member_name(const cube *c, int dim, int key)
{
    if (key <= 0 || (size_t)key >= c->dim[dim].n)
        return "Total";
    return c->dim[dim].m[key].name;
}

const char *cube_origin_name(cube_origin o)
{
    switch (o) {
    case ORIGIN_REPORTED: return "reported";
    case ORIGIN_COMPUTED: return "computed";
    case ORIGIN_DERIVED: return "derived";
    default: return "";
    }
}

ac_error cube_filter_fund(const cube *c, const char *fund, cube **out)
{
    cube *n;
    ac_error err = cube_new(c->gz, c->d, &n);
    if (err)
        return err;
    for (size_t s = 0; s < c->n_src; s++) {
        size_t k = 0;
        obs *sel = malloc((c->n_facts + 1) * sizeof *sel);
        if (!sel) {
            cube_free(n);
            return AC_ERR_NOMEM;
        }
        for (size_t i = 0; i < c->n_facts; i++)
            if (c->facts[i].source == (int)s && c->facts[i].o.fund &&
                !strcmp(c->facts[i].o.fund, fund))
                sel[k++] = c->facts[i].o;
        if (k)
            err = cube_add_source(n, &c->src[s], sel, k);
        free(sel);
        if (err) {
            cube_free(n);
            return err;
        }
    }
    if ((err = cube_build(n))) {
        cube_free(n);
        return err;
    }
    *out = n;
    return AC_OK;
}
