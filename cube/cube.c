/*
 * cube.c — the cube's cells and values (the rules are in cube.h).
 *
 * Build, in passes, each linear in the facts and cells (plus sorts):
 *   1. cells: one per distinct coordinate of a fact that can carry a value
 *      (summable amounts and counts of projects, possible shares), found
 *      through the hash index; then, as a worklist, every ancestor of every
 *      cell (each coordinate with one member replaced by its parent);
 *   2. facts at each cell grouped (a counting sort), children of each cell
 *      along each dimension linked (CSR arrays);
 *   3. reported values (rule 1) per cell from its own facts;
 *   4. values from the deepest cells up (rule 2 and 3): when a cell is
 *      reached, all its children already have their values;
 *   5. derived values (rule 4), then residuals (rule 5) as new _X cells;
 *   6. leaf facts marked, cuboids listed in key order.
 */
#include "cube.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"

/* ---- cells and their index ------------------------------------------------- */

static uint64_t key_hash(const int32_t key[DIM__N])
{
    return hash_bytes(key, sizeof(int32_t) * DIM__N, 0);
}

static int cell_eq(uint32_t row, const void *key, void *ctx)
{
    const cube *c = ctx;
    return !memcmp(c->cells[row].key, key, sizeof(int32_t) * DIM__N);
}

static uint32_t find_cell(const cube *c, const int32_t key[DIM__N])
{
    return hidx_find(&c->index, key_hash(key), cell_eq, key, (void *)c);
}

/* The cell at key, created when new; HIDX_NONE when out of memory. */
static uint32_t get_cell(cube *c, const int32_t key[DIM__N])
{
    uint32_t i = find_cell(c, key);
    if (i != HIDX_NONE)
        return i;
    if (c->n_cells >= UINT32_MAX - 1 ||
        vec_reserve((void **)&c->cells, &c->cap_cells, c->n_cells + 1, sizeof *c->cells))
        return HIDX_NONE;
    cube_cell *x = &c->cells[c->n_cells];
    memset(x, 0, sizeof *x);
    memcpy(x->key, key, sizeof x->key);
    x->amount.by = x->projects.by = -1;
    if (hidx_insert(&c->index, key_hash(key), (uint32_t)c->n_cells))
        return HIDX_NONE;
    return (uint32_t)c->n_cells++;
}

const cube_cell *cube_cell_at(const cube *c, const int32_t key[DIM__N])
{
    uint32_t i = find_cell(c, key);
    return i == HIDX_NONE ? NULL : &c->cells[i];
}

const cube_cell *cube_cell_of_facts(const cube *c, const int32_t key[DIM__N])
{
    int32_t k[DIM__N];
    memcpy(k, key, sizeof k);
    if (k[DIM_PERIOD] == KEY_TOTAL)
        k[DIM_PERIOD] = KEY_NOT_STATED;
    return cube_cell_at(c, k);
}

/* ---- the members' places in the cube ------------------------------------------ */

/* Per member of each dimension: up, the member whose cells the cube creates
 * above a cell of it (a region's or grouping's country; _T for every other
 * member: a year's span is not created for it, see link_children), and
 * level, its depth in the order the roll-up settles cells (a cell's
 * children along any dimension are deeper on that dimension, equal on the
 * others).  Levels: _T 0; _X, sectors, funds, countries 1; groupings 2;
 * regions 3; a period 1 + the rank of its length among the lengths of
 * periods, longest first (a period strictly inside another is shorter). */
static int cmp_days_desc(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x < y) - (x > y);
}

static int32_t country_of(const model *m, int32_t k)
{
    const dimension *g = &m->dim[DIM_REGION];
    for (int guard = 0; k >= KEY_FIRST_MEMBER && guard < 64; guard++) {
        if (g->m[k].kind == MK_COUNTRY)
            return k;
        k = g->m[k].parent;
    }
    return KEY_TOTAL;
}

static ac_error member_places(cube *c)
{
    const model *m = c->m;
    for (int d = 0; d < DIM__N; d++) {
        size_t n = m->dim[d].n;
        if (!(c->up[d] = calloc(n + 1, sizeof *c->up[d])) ||
            !(c->level[d] = calloc(n + 1, sizeof *c->level[d])))
            return AC_ERR_NOMEM;
        for (size_t k = KEY_NOT_STATED; k < n; k++) {
            member_kind kind = m->dim[d].m[k].kind;
            c->level[d][k] = kind == MK_GROUPING ? 2 : kind == MK_REGION ? 3 : 1;
            if (d == DIM_REGION && (kind == MK_GROUPING || kind == MK_REGION))
                c->up[d][k] = country_of(m, (int32_t)k);
            if (d == DIM_SECTOR && k >= KEY_FIRST_MEMBER) {   /* the DAC tree */
                c->up[d][k] = m->dim[d].m[k].parent;
                c->level[d][k] = m->dim[d].m[k].depth;
            }
        }
    }
    const dimension *pd = &m->dim[DIM_PERIOD];
    int64_t *len = malloc((pd->n + 1) * sizeof *len);
    if (!len)
        return AC_ERR_NOMEM;
    size_t nl = 0, u = 0;
    for (size_t k = KEY_FIRST_MEMBER; k < pd->n; k++)
        len[nl++] = model_period_days(&pd->m[k]);
    qsort(len, nl, sizeof *len, cmp_days_desc);
    for (size_t k = 0; k < nl; k++)          /* the distinct lengths */
        if (!u || len[u - 1] != len[k])
            len[u++] = len[k];
    for (size_t k = KEY_FIRST_MEMBER; k < pd->n; k++) {
        int64_t l = model_period_days(&pd->m[k]);
        size_t lo = 0, hi = u;
        while (lo < hi) {                    /* rank of l, longest first */
            size_t mid = (lo + hi) / 2;
            if (len[mid] > l)
                lo = mid + 1;
            else
                hi = mid;
        }
        c->level[DIM_PERIOD][k] = 1 + (int32_t)lo;
    }
    free(len);
    return AC_OK;
}

/* ---- pass 1: cells ------------------------------------------------------------ */

/* The cells of the facts, then, as a worklist (the cell array itself),
 * every cell above them: each coordinate with one member replaced by its
 * `up` member.  A cell therefore exists exactly where some figure lies at
 * or below it on every dimension with the same period (or any period, for
 * _T): what other funds, countries or sources state creates no cell here. */
static ac_error make_cells(cube *c, uint32_t *fact_cell)
{
    const model *m = c->m;
    int32_t key[DIM__N] = {0};
    if (get_cell(c, key) == HIDX_NONE)    /* the grand total always exists */
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < m->f.n; i++) {
        fact_cell[i] = HIDX_NONE;
        if (!model_fact_makes_cell(m, i))
            continue;
        for (int d = 0; d < DIM__N; d++)
            key[d] = m->f.key[d][i];
        if (key[DIM_PERIOD] == KEY_TOTAL)     /* rule 7: undated */
            key[DIM_PERIOD] = KEY_NOT_STATED;
        if ((fact_cell[i] = get_cell(c, key)) == HIDX_NONE)
            return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n_cells; i++)
        for (int d = 0; d < DIM__N; d++) {
            if (!c->cells[i].key[d])
                continue;
            memcpy(key, c->cells[i].key, sizeof key);
            key[d] = c->up[d][key[d]];
            if (get_cell(c, key) == HIDX_NONE)
                return AC_ERR_NOMEM;
        }
    return AC_OK;
}

static int cmp_keys(const int32_t *x, const int32_t *y)
{
    for (int d = 0; d < DIM__N; d++)
        if (x[d] != y[d])
            return x[d] < y[d] ? -1 : 1;
    return 0;
}

static int cmp_cells(const void *a, const void *b)
{
    return cmp_keys(((const cube_cell *)a)->key, ((const cube_cell *)b)->key);
}

/* The cells in the order of their keys (members are in content order,
 * model.h), the index rebuilt and fact_cell renumbered: a cell's number
 * never depends on the order facts came in. */
static ac_error sort_cells(cube *c, uint32_t *fact_cell)
{
    size_t n = c->n_cells, nf = c->m->f.n;
    qsort(c->cells, n, sizeof *c->cells, cmp_cells);
    hidx_free(&c->index);
    for (size_t i = 0; i < n; i++)
        if (hidx_insert(&c->index, key_hash(c->cells[i].key), (uint32_t)i))
            return AC_ERR_NOMEM;
    for (size_t i = 0; i < nf; i++) {
        if (fact_cell[i] == HIDX_NONE)
            continue;
        int32_t key[DIM__N];
        for (int d = 0; d < DIM__N; d++)
            key[d] = c->m->f.key[d][i];
        if (key[DIM_PERIOD] == KEY_TOTAL)
            key[DIM_PERIOD] = KEY_NOT_STATED;
        fact_cell[i] = find_cell(c, key);
    }
    return AC_OK;
}

/* ---- pass 2: facts per cell, children per cell --------------------------------------- */

static ac_error group_facts(cube *c, const uint32_t *fact_cell)
{
    size_t nf = c->m->f.n;
    c->at = malloc((nf ? nf : 1) * sizeof *c->at);
    c->used = calloc(nf ? nf : 1, 1);
    if (!c->at || !c->used)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < nf; i++)
        if (fact_cell[i] != HIDX_NONE)
            c->cells[fact_cell[i]].nat++;
    uint32_t pos = 0;
    for (size_t i = 0; i < c->n_cells; i++) {
        c->cells[i].at0 = pos;
        pos += c->cells[i].nat;
        c->cells[i].nat = 0;
    }
    for (size_t i = 0; i < nf; i++)       /* fact order kept within a cell */
        if (fact_cell[i] != HIDX_NONE) {
            cube_cell *x = &c->cells[fact_cell[i]];
            c->at[x->at0 + x->nat++] = (uint32_t)i;
        }
    return AC_OK;
}

/* The parent-child pairs along one dimension, before they become CSR. */
typedef struct {
    uint32_t parent, child;
} edge;

typedef struct {
    edge *e;
    size_t n, cap;
} edges;

static int add_edge(edges *es, uint32_t parent, uint32_t child)
{
    if (vec_reserve((void **)&es->e, &es->cap, es->n + 1, sizeof *es->e))
        return -1;
    es->e[es->n++] = (edge){parent, child};
    return 0;
}

typedef struct {
    const cube *c;
    int d;
} group_ctx;

/* Cells by their coordinates on the other dimensions, then by their member
 * of d: periods by first day, the longer first; regions by level. */
static int cmp_group(const void *a, const void *b, void *ctx)
{
    const group_ctx *g = ctx;
    const cube_cell *x = &g->c->cells[*(const uint32_t *)a], *y = &g->c->cells[*(const uint32_t *)b];
    for (int d = 0; d < DIM__N; d++)
        if (d != g->d && x->key[d] != y->key[d])
            return x->key[d] < y->key[d] ? -1 : 1;
    int32_t p = x->key[g->d], q = y->key[g->d];
    if (p == q)
        return 0;
    if (p <= KEY_NOT_STATED || q <= KEY_NOT_STATED)
        return p < q ? -1 : 1;
    const member *mp = &g->c->m->dim[g->d].m[p], *mq = &g->c->m->dim[g->d].m[q];
    if (g->d == DIM_PERIOD && mp->start != mq->start)
        return mp->start < mq->start ? -1 : 1;
    if (g->d == DIM_PERIOD && mp->end != mq->end)
        return mp->end > mq->end ? -1 : 1;
    if (g->c->level[g->d][p] != g->c->level[g->d][q])
        return g->c->level[g->d][p] < g->c->level[g->d][q] ? -1 : 1;
    return p < q ? -1 : 1;
}

/* Periods of one group of cells (g[0] the total _T, then _X if any, then
 * the periods by first day, the longer first): each cell's children are
 * the periods stated here that lie inside it and inside no other period
 * stated here that lies inside it (for _T: every such outermost period,
 * and _X).  A period inside p comes after p in this order, so one scan
 * from p finds them: q is outermost among them when no period before it
 * in the scan ends as late. */
static int period_edges(const cube *c, const uint32_t *g, size_t k, edges *es)
{
    const dimension *pd = &c->m->dim[DIM_PERIOD];
    size_t first = 1;
    if (k > 1 && c->cells[g[1]].key[DIM_PERIOD] == KEY_NOT_STATED) {
        if (add_edge(es, g[0], g[1]))
            return -1;
        first = 2;
    }
    for (size_t a = 0; a < k; a++) {
        if (a && a < first)
            continue;
        const member *p = a ? &pd->m[c->cells[g[a]].key[DIM_PERIOD]] : NULL;
        int32_t reach = -1;                  /* the last day seen inside p */
        for (size_t b = a ? a + 1 : first; b < k; b++) {
            const member *q = &pd->m[c->cells[g[b]].key[DIM_PERIOD]];
            if (p && q->start > p->end)
                break;
            if (p && q->end > p->end)
                continue;                    /* overlaps p: not inside it */
            if (q->end > reach && add_edge(es, g[a], g[b]))
                return -1;
            if (q->end > reach)
                reach = q->end;
        }
    }
    return 0;
}

/* Regions of one group of cells (g[0] the total _T): the total's children
 * are the countries and _X; a country's, the groupings of it stated here
 * and its regions that no grouping stated here covers; a grouping's, the
 * regions stated here that it covers. */
static int region_edges(const cube *c, const uint32_t *g, size_t k, edges *es)
{
    const model *m = c->m;
    const dimension *rd = &m->dim[DIM_REGION];
    for (size_t b = 1; b < k; b++) {
        int32_t q = c->cells[g[b]].key[DIM_REGION];
        const member *mq = &rd->m[q];
        int inside = 0;
        if (q == KEY_NOT_STATED || mq->kind == MK_COUNTRY) {
            if (add_edge(es, g[0], g[b]))
                return -1;
            continue;
        }
        for (size_t a = 1; a < k && mq->kind == MK_REGION; a++) {
            int32_t p = c->cells[g[a]].key[DIM_REGION];
            if (p > KEY_NOT_STATED && rd->m[p].kind == MK_GROUPING &&
                model_grouping_covers(m, p, q)) {
                inside = 1;
                if (add_edge(es, g[a], g[b]))
                    return -1;
            }
        }
        for (size_t a = 0; a < k && !inside; a++)
            if (c->cells[g[a]].key[DIM_REGION] == c->up[DIM_REGION][q]) {
                if (add_edge(es, g[a], g[b]))
                    return -1;
                break;
            }
    }
    return 0;
}

/* The edges along d: for a fund, each cell under the cell with _T there;
 * for a sector, under the cell of its parent in the DAC tree (a theme
 * under its code, a code under its group, a group under _T: every
 * ancestor's cell is made, make_cells); for a region or period, by the
 * members stated in each group
 * of cells equal on the other dimensions (period_edges, region_edges).
 * The hierarchy a cell's figures nest in is made of its own coordinates'
 * members only: a span another fund states never takes a year from this
 * fund's spans. */
static ac_error dim_edges(cube *c, int d, uint32_t *ix, edges *es)
{
    size_t n = c->n_cells;
    if (d == DIM_SECTOR || d == DIM_FUND) {
        for (size_t i = 0; i < n; i++) {
            int32_t key[DIM__N];
            memcpy(key, c->cells[i].key, sizeof key);
            if (!key[d])
                continue;
            key[d] = c->up[d][key[d]];
            uint32_t p = find_cell(c, key);
            if (p != HIDX_NONE && add_edge(es, p, (uint32_t)i))
                return AC_ERR_NOMEM;
        }
        return AC_OK;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = (uint32_t)i;
    group_ctx g = {c, d};
    qsort_r(ix, n, sizeof *ix, cmp_group, &g);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n; b++) {
            const int32_t *x = c->cells[ix[a]].key, *y = c->cells[ix[b]].key;
            int same = 1;
            for (int e = 0; e < DIM__N && same; e++)
                same = e == d || x[e] == y[e];
            if (!same)
                break;
        }
        if (c->cells[ix[a]].key[d] != KEY_TOTAL)   /* cannot be: created above */
            continue;
        if ((d == DIM_PERIOD ? period_edges(c, ix + a, b - a, es)
                             : region_edges(c, ix + a, b - a, es)))
            return AC_ERR_NOMEM;
    }
    return AC_OK;
}

static int cmp_edge(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    return (x->child > y->child) - (x->child < y->child);
}

static ac_error link_children(cube *c)
{
    size_t n = c->n_cells;
    uint32_t *ix = malloc((n ? n : 1) * sizeof *ix);
    edges es = {0};
    ac_error err = ix ? AC_OK : AC_ERR_NOMEM;
    for (int d = 0; d < DIM__N && !err; d++) {
        es.n = 0;
        if ((err = dim_edges(c, d, ix, &es)))
            break;
        if (es.n)
            qsort(es.e, es.n, sizeof *es.e, cmp_edge);
        c->child0[d] = calloc(n + 1, sizeof *c->child0[d]);
        c->child[d] = malloc((es.n ? es.n : 1) * sizeof *c->child[d]);
        c->in[d] = calloc(es.n ? es.n : 1, 1);
        if (!c->child0[d] || !c->child[d] || !c->in[d]) {
            err = AC_ERR_NOMEM;
            break;
        }
        for (size_t e = 0; e < es.n; e++) {
            c->child0[d][es.e[e].parent + 1]++;
            c->child[d][e] = es.e[e].child;
        }
        for (size_t i = 0; i < n; i++)
            c->child0[d][i + 1] += c->child0[d][i];
    }
    c->n_linked = n;
    free(ix);
    free(es.e);
    return err;
}

size_t cube_children(const cube *c, size_t i, int d, const uint32_t **out)
{
    if (i >= c->n_linked || !c->child0[d]) {
        *out = NULL;
        return 0;
    }
    *out = c->child[d] + c->child0[d][i];
    return c->child0[d][i + 1] - c->child0[d][i];
}

int cube_member_top(const cube *c, const cube_cell *x, int d)
{
    if (x->key[d] <= KEY_NOT_STATED)
        return 1;
    int32_t key[DIM__N];
    memcpy(key, x->key, sizeof key);
    key[d] = KEY_TOTAL;
    uint32_t t = find_cell(c, key);
    const uint32_t *ch;
    size_t n = t == HIDX_NONE ? 0 : cube_children(c, t, d, &ch);
    for (size_t j = 0; j < n; j++)
        if (ch[j] == (uint32_t)(x - c->cells))
            return 1;
    return 0;
}

int cube_child_added(const cube *c, size_t i, int d, size_t k, int projects)
{
    if (i >= c->n_linked || !c->in[d])
        return 0;
    return (c->in[d][c->child0[d][i] + k] & (projects ? 2 : 1)) != 0;
}

/* ---- pass 3: reported values ---------------------------------------------------------- */

static cube_val *val_of(cube_cell *x, int projects)
{
    return projects ? &x->projects : &x->amount;
}

/* How far a stated figure may be from the exact sum of its parts and still
 * agree with it: half a unit of its last significant digit ("12,1 millions"
 * is 12,050,000 to 12,150,000; "12 106 353" is exact), in cents at the
 * figure's own rate.  Counts of projects are taken as exact. */
static int64_t stated_rounding(const model *m, size_t i)
{
    scan_num_dec v = m->f.o[i].value;
    int64_t mant = v.mant < 0 ? -v.mant : v.mant;
    if (v.scale > 0 || mant == 0)
        return 0;
    scan_num_dec half = {5, 0};
    while (mant % 10 == 0 && half.mant < INT64_MAX / 100) {
        mant /= 10;
        half.mant *= 10;
    }
    if (half.mant == 5)
        return 0;
    half.mant /= 10;          /* half of one unit of the last digit */
    int64_t cents;
    return model_usd_cents(half, m->f.rate[i], &cents) ? cents : 0;
}

/* The rounding a stated figure allows: that of its last digit, and for a
 * spreadsheet's total row, half a cent for each row it covers (each row
 * is converted to USD cents on its own: 2 000 000 + 750 000,50 FCFA may
 * come to one cent more than 2 750 000,50 FCFA). */
static int64_t rounding_slack(const model *m, size_t i, int projects)
{
    if (projects)
        return 0;
    const obs *o = &m->f.o[i];
    int64_t rows = o->sheet && o->rows_n > 0 && m->f.rate_year[i] ? (o->rows_n + 1) / 2 : 0;
    return stated_rounding(m, i) + rows;
}

/* Does fact i give a value to its cell for this measure (parts of a total
 * stated in its sentence never do, nor a total named by one of its parts,
 * USED_WHOLE)? */
static int states_cell(const cube *c, size_t i, int projects)
{
    return model_fact_summable(c->m, i, projects) && !(c->m->f.flags[i] & FACT_PART) &&
           !(c->used[i] & USED_WHOLE);
}

/* Does source s state, at the coordinates of fact i on every dimension but
 * the sector, a sector that is neither i's nor above or below it? */
static int source_states_other_sector(const model *m, size_t i)
{
    const fact_table *f = &m->f;
    size_t lo = i, hi = i;                   /* facts are grouped by source */
    while (lo > 0 && f->source[lo - 1] == f->source[i])
        lo--;
    while (hi + 1 < f->n && f->source[hi + 1] == f->source[i])
        hi++;
    int32_t s = f->key[DIM_SECTOR][i];
    for (size_t k = lo; k <= hi; k++) {
        int32_t t = f->key[DIM_SECTOR][k];
        int same = t >= KEY_FIRST_MEMBER && model_fact_makes_cell(m, k) &&
                   !model_within(m, DIM_SECTOR, t, s) && !model_within(m, DIM_SECTOR, s, t);
        for (int d = 0; d < DIM__N && same; d++)
            same = d == DIM_SECTOR || f->key[d][k] == f->key[d][i];
        if (same)
            return 1;
    }
    return 0;
}

/* Rule 1, the total named by one of its parts: a figure a source states at
 * a sector that is, to the cent and in the same currency, a figure the
 * same source states at the same coordinates with no sector, while the
 * source also states another
 * sector there, is that total stated again.  A headline listing several
 * sectors ("115.5 M to enhance security, migrant protection and job
 * creation") carries the first it names; were the figure that sector's,
 * the source's other sectors would be added to a part as large as their
 * whole.  It states no cell (USED_WHOLE): the total is stated where the
 * source states it. */
static void mark_named_wholes(cube *c)
{
    const fact_table *f = &c->m->f;
    for (size_t i = 0; i < f->n; i++) {
        if (f->key[DIM_SECTOR][i] < KEY_FIRST_MEMBER || f->measure[i] == OBS_SHARE ||
            (f->flags[i] & FACT_PROJECT) ||
            !model_fact_makes_cell(c->m, i))
            continue;
        int32_t key[DIM__N];
        for (int d = 0; d < DIM__N; d++)
            key[d] = f->key[d][i];
        key[DIM_SECTOR] = KEY_TOTAL;
        const cube_cell *t = cube_cell_of_facts(c, key);
        int whole = 0;
        for (uint32_t k = 0; t && k < t->nat && !whole; k++) {
            size_t j = c->at[t->at0 + k];
            whole = f->source[j] == f->source[i] && f->measure[j] == f->measure[i] &&
                    f->v[j] == f->v[i] && f->o[j].unit && f->o[i].unit &&
                    !strcmp(f->o[j].unit, f->o[i].unit) &&
                    !(f->flags[j] & (FACT_PROJECT | FACT_PART)) &&
                    model_fact_makes_cell(c->m, j);
        }
        if (whole && source_states_other_sector(c->m, i))
            c->used[i] |= USED_WHOLE;
    }
}

/* The statement of the cell among its facts that are not project figures:
 * the one stated as a total, else the largest; SIZE_MAX when none. */
static size_t primary_statement(const cube *c, const cube_cell *x, int projects)
{
    const fact_table *f = &c->m->f;
    size_t primary = SIZE_MAX;
    for (uint32_t k = 0; k < x->nat; k++) {
        size_t i = c->at[x->at0 + k];
        if (!states_cell(c, i, projects) || (f->flags[i] & FACT_PROJECT))
            continue;
        int total = (f->flags[i] & FACT_TOTAL) != 0, ptotal;
        if (primary == SIZE_MAX || total > (ptotal = (f->flags[primary] & FACT_TOTAL) != 0) ||
            (total == ptotal && f->v[i] > f->v[primary]))
            primary = i;
    }
    return primary;
}

/* ---- pass 3a: projects stated again ------------------------------------------------ */

/* Are project figures i and j the same project?  Stated in text, the same
 * amount at one cell is one project stated twice.  Two rows of one
 * spreadsheet are two projects; rows of two spreadsheets are one project
 * when their amounts and titles are the same; a project stated in a text
 * is the row of a list with the same amount.
 *
 * So a project i is stated again when an earlier project at its cell
 * (among the cell's facts, in fact order) has its amount and i is stated
 * in a text, or that earlier one is, or both are rows of spreadsheets
 * with the same title from different sources.  What that compares is
 * hashed (seen_project), so that each project is looked up once: linear
 * in the projects of a cell, not quadratic. */
typedef struct {
    uint32_t cell;
    uint8_t projects;      /* the measure: 0 amounts, 1 counts            */
    int64_t v;
    const char *title;     /* NULL: the entry of (cell, measure, amount) */
    uint8_t in_text;       /* untitled entry: a project stated in a text */
    uint8_t two_sources;   /* titled entry: rows of two sources seen     */
    int32_t source;        /* titled entry: the first row's source       */
} seen_project;

typedef struct {
    seen_project *e;
    size_t n, cap;
    hidx index;
} seen_projects;

static uint64_t seen_hash(const seen_project *k)
{
    uint64_t h = HASH_FNV_INIT;
    h = hash_fnv(h, &k->cell, sizeof k->cell);
    h = hash_fnv(h, &k->projects, sizeof k->projects);
    h = hash_fnv(h, &k->v, sizeof k->v);
    if (k->title)
        h = hash_fnv(h, k->title, strlen(k->title) + 1);
    return hash_mix(h);
}

static int seen_eq(uint32_t row, const void *key, void *ctx)
{
    const seen_project *a = &((const seen_projects *)ctx)->e[row], *b = key;
    if (a->cell != b->cell || a->projects != b->projects || a->v != b->v || !a->title != !b->title)
        return 0;
    return !a->title || !strcmp(a->title, b->title);
}

/* The entry of key, created (zeroed beyond the key) when new; NULL when out
 * of memory. */
static seen_project *seen_get(seen_projects *s, const seen_project *key, int *is_new)
{
    uint64_t h = seen_hash(key);
    uint32_t r = hidx_find(&s->index, h, seen_eq, key, s);
    *is_new = r == HIDX_NONE;
    if (!*is_new)
        return &s->e[r];
    if (s->n >= UINT32_MAX - 1 || vec_reserve((void **)&s->e, &s->cap, s->n + 1, sizeof *s->e) ||
        hidx_insert(&s->index, h, (uint32_t)s->n))
        return NULL;
    s->e[s->n] = *key;
    return &s->e[s->n++];
}

/* Was project i, at cell `cell`, already counted there (an earlier one is
 * the same project)?  Records i for the projects after it.  -1 when out
 * of memory. */
static int project_again(seen_projects *s, const fact_table *f, uint32_t cell, size_t i, int projects)
{
    const obs *o = &f->o[i];
    seen_project key = {cell, (uint8_t)projects, f->v[i], NULL, 0, 0, 0};
    int is_new, again = 0;
    seen_project *any = seen_get(s, &key, &is_new);
    if (!any)
        return -1;
    again = !is_new && (!o->sheet || any->in_text);
    any->in_text |= !o->sheet;
    if (!o->sheet || !o->title)
        return again;
    key.title = o->title;
    seen_project *titled = seen_get(s, &key, &is_new);
    if (!titled)
        return -1;
    if (is_new)
        titled->source = f->source[i];
    else if (titled->source != f->source[i])
        again = titled->two_sources = 1;
    else
        again |= titled->two_sources;
    return again;
}

/* again[i] bit (projects ? 2 : 1): project i is one already counted at its
 * cell for that measure. */
static ac_error mark_projects_again(const cube *c, uint8_t *again)
{
    const fact_table *f = &c->m->f;
    seen_projects s = {0};
    hidx_init(&s.index);
    int res = 0;
    for (size_t ci = 0; ci < c->n_cells && res >= 0; ci++) {
        const cube_cell *x = &c->cells[ci];
        for (uint32_t k = 0; k < x->nat && res >= 0; k++) {
            size_t i = c->at[x->at0 + k];
            again[i] = 0;
            for (int projects = 0; projects < 2 && res >= 0; projects++)
                if ((f->flags[i] & FACT_PROJECT) && states_cell(c, i, projects) &&
                    (res = project_again(&s, f, (uint32_t)ci, i, projects)) > 0)
                    again[i] |= projects ? 2 : 1;
        }
    }
    free(s.e);
    hidx_free(&s.index);
    return res < 0 ? AC_ERR_NOMEM : AC_OK;
}

/* *sum += v, unless that overflows: then 0 and *sum is left as it was.
 * The model bounds every amount (MODEL_MAX_USD_CENTS) so that a sum of a
 * few facts cannot overflow; a sum of very many still could. */
static int add_checked(int64_t *sum, int64_t v)
{
    int64_t r;
    if (__builtin_add_overflow(*sum, v, &r))
        return 0;
    *sum = r;
    return 1;
}

static int use_fact(cube *c, cube_val *v, int64_t *sum, size_t i, int projects)
{
    v->n_facts++;
    c->used[i] |= projects ? 2 : 1;
    return add_checked(sum, c->m->f.v[i]);
}

/* Forget which facts made a cell's value (none, or the projects instead). */
static void unuse_facts(cube *c, cube_cell *x, int projects)
{
    for (uint32_t k = 0; k < x->nat; k++)
        c->used[c->at[x->at0 + k]] &= (uint8_t)~(projects ? 2 : 1);
    val_of(x, projects)->n_facts = 0;
}

/* The sum of the cell's statement (primary) and the items of its run.
 * Rule "run total": a run's total line ("Total: $3 million" under its
 * items) is the statement; the run's other items at its cell are its
 * parts, never added to it (check: sum). */
static int sum_statement(cube *c, cube_cell *x, int projects, size_t primary, int64_t *stated)
{
    const fact_table *f = &c->m->f;
    cube_val *v = val_of(x, projects);
    int ok = 1;
    for (uint32_t k = 0; k < x->nat && primary != SIZE_MAX; k++) {
        size_t i = c->at[x->at0 + k];
        int item_of_run = (f->flags[primary] & FACT_ITEM) && !(f->flags[primary] & FACT_TOTAL) &&
                          (f->flags[i] & FACT_ITEM) &&
                          f->source[i] == f->source[primary] && f->o[i].group == f->o[primary].group;
        if (!states_cell(c, i, projects) || (f->flags[i] & FACT_PROJECT) ||
            (i != primary && !item_of_run))
            continue;
        ok &= use_fact(c, v, stated, i, projects);
    }
    return ok;
}

/* The sum of the cell's projects, each once; facts used when `use`.
 * 1 when there is any, -1 when the sum overflows. */
static int sum_projects(cube *c, cube_cell *x, int projects, const uint8_t *again, int use,
                        int64_t *sum)
{
    const fact_table *f = &c->m->f;
    uint8_t bit = projects ? 2 : 1;
    int any = 0, ok = 1;
    for (uint32_t k = 0; k < x->nat; k++) {
        size_t i = c->at[x->at0 + k];
        if (!states_cell(c, i, projects) || !(f->flags[i] & FACT_PROJECT) || (again[i] & bit))
            continue;
        ok &= use ? use_fact(c, val_of(x, projects), sum, i, projects) : add_checked(sum, f->v[i]);
        any = 1;
    }
    return ok ? any : -1;
}

/* Rule 1 for one cell and one measure: the statement of the cell (with the
 * items of its run), or the project figures added up, whichever is larger.
 * A sum beyond what an int64 holds gives the cell no value: 0, else 1. */
static int reported(cube *c, cube_cell *x, int projects, const uint8_t *again)
{
    const fact_table *f = &c->m->f;
    size_t primary = primary_statement(c, x, projects);
    cube_val *v = val_of(x, projects);
    int64_t stated = 0, proj = 0;
    int ok = sum_statement(c, x, projects, primary, &stated);
    uint32_t n_stated = v->n_facts;
    int any_project = sum_projects(c, x, projects, again, 0, &proj);
    if (!ok || any_project < 0) {
        unuse_facts(c, x, projects);
        return 0;
    }
    if (!n_stated && !any_project)
        return 1;
    if (any_project && proj > stated) {     /* the projects are the cell */
        if (n_stated && (f->flags[primary] & FACT_TOTAL) &&
            proj - stated > rounding_slack(c->m, primary, projects))
            v->flags |= CELL_CONFLICT;      /* a stated total below its projects */
        unuse_facts(c, x, projects);
        int64_t sum = 0;
        sum_projects(c, x, projects, again, 1, &sum);
        v->reported = sum;
        primary = SIZE_MAX;
    } else
        v->reported = stated;
    v->slack = v->n_facts == 1 && primary != SIZE_MAX ? rounding_slack(c->m, primary, projects) : 0;
    v->has |= HAS_REPORTED;
    return 1;
}

/* Rule 1 for every cell and both measures; over[cell] bit (projects ? 2 :
 * 1) set where the sum overflows. */
static ac_error reported_values(cube *c, uint8_t *over)
{
    uint8_t *again = calloc(c->m->f.n ? c->m->f.n : 1, 1);
    if (!again)
        return AC_ERR_NOMEM;
    ac_error err = mark_projects_again(c, again);
    for (size_t i = 0; i < c->n_cells && !err; i++)
        for (int projects = 0; projects < 2; projects++)
            if (!reported(c, &c->cells[i], projects, again))
                over[i] |= projects ? 2 : 1;
    free(again);
    return err;
}

/* ---- pass 4: values from the deepest cells up ----------------------------------------------- */

static int64_t cell_level(const cube *c, const cube_cell *x)
{
    int64_t level = 0;
    for (int d = 0; d < DIM__N; d++)
        level += c->level[d][x->key[d]];
    return level;
}

typedef struct {
    uint32_t cell;
    uint32_t edge;           /* its edge from the cell being settled, or
                                UINT32_MAX (an inner child, add_inner)    */
    int32_t start, end;
    int64_t value;
    uint32_t nf;             /* the figures behind the value              */
} cand;

static int cmp_end(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* How many of the first j-1 candidates (sorted by end) end before the
 * j-th starts: they are the ones that can be taken with it. */
static size_t ending_before(const cand *v, size_t j)
{
    size_t lo = 0, hi = j - 1;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (v[mid - 1].end < v[j - 1].start)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Weighted interval scheduling: the pairwise disjoint periods with the
 * largest sum.  chosen[i] set for the periods taken.  k candidates sorted by
 * end; best[j] = best sum of the first j. */
static int64_t disjoint_periods(cand *v, size_t k, uint8_t *chosen, int64_t *best, int *overflow)
{
    qsort(v, k, sizeof *v, cmp_end);
    best[0] = 0;
    for (size_t j = 1; j <= k; j++) {
        size_t lo = ending_before(v, j);
        int64_t take = best[lo];
        if (!add_checked(&take, v[j - 1].value)) {
            *overflow = 1;
            return 0;
        }
        best[j] = take > best[j - 1] ? take : best[j - 1];
    }
    int64_t total = best[k];
    for (size_t j = k; j > 0;) {
        size_t lo = ending_before(v, j);
        if (best[lo] + v[j - 1].value > best[j - 1]) {
            chosen[j - 1] = 1;
            j = lo;
        } else
            j--;
    }
    return total;
}

static int cmp_value_desc(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->value != y->value)
        return x->value > y->value ? -1 : 1;
    return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* Regions: the largest values first, each taken unless it overlaps one
 * already taken (groupings rarely overlap; siblings are few). */
static int64_t disjoint_regions(const cube *c, cand *v, size_t k, uint8_t *chosen, int *overflow)
{
    qsort(v, k, sizeof *v, cmp_value_desc);
    int64_t total = 0;
    for (size_t j = 0; j < k; j++) {
        int32_t a = c->cells[v[j].cell].key[DIM_REGION];
        int clash = 0;
        for (size_t t = 0; t < j && !clash; t++)
            clash = chosen[t] && model_overlap(c->m, DIM_REGION, a, c->cells[v[t].cell].key[DIM_REGION]);
        if (!clash) {
            chosen[j] = 1;
            *overflow |= !add_checked(&total, v[j].value);
        }
    }
    return total;
}

typedef struct scratch {
    cand *v;
    uint8_t *chosen;
    int64_t *best;
    size_t cap;
    uint8_t *over;           /* per cell, bit (projects ? 2 : 1): its sum
                                overflowed, so it and every cell above it
                                have no value                            */
    int overflow;            /* the sum being made overflowed             */
    struct scratch *inner;   /* inner_sum's own (NULL: none yet)          */
    uint32_t *stack, *found; /* inside_cells' lists                       */
    size_t cap_stack, cap_found, n_found;
} scratch;

static ac_error scratch_reserve(scratch *s, size_t k)
{
    size_t c1 = s->cap, c2 = s->cap, c3 = s->cap ? s->cap + 1 : 0;
    if (k <= s->cap)
        return AC_OK;
    if (vec_reserve((void **)&s->v, &c1, k, sizeof *s->v) ||
        vec_reserve((void **)&s->chosen, &c2, k, 1) ||
        vec_reserve((void **)&s->best, &c3, c1 + 1, sizeof *s->best))
        return AC_ERR_NOMEM;
    s->cap = c1 < c2 ? c1 : c2;
    return AC_OK;
}

static int children_may_overlap(int d)
{
    return d == DIM_PERIOD || d == DIM_REGION;
}

/* Rule 2 along the period dimension: the dated children that do not
 * overlap, with the largest sum, are the rows added; an undated figure (_X)
 * overlaps them all, so it is never a row added beside them: the sum is the
 * larger of the dated rows and the undated figure, and what the undated
 * figure holds beyond the dated rows is the rest (rule 5, flagged overlap).
 * *k becomes the number of candidates left in s->v (chosen or not). */
static int64_t period_sum(const cube *c, scratch *s, size_t *k, int *overlap)
{
    size_t kd = 0;
    int64_t undated = -1;
    cand und = {0, 0, 0, 0, 0, 0};
    for (size_t j = 0; j < *k; j++)
        if (c->cells[s->v[j].cell].key[DIM_PERIOD] == KEY_NOT_STATED) {
            undated = s->v[j].value;
            und = s->v[j];
        } else
            s->v[kd++] = s->v[j];
    if (!kd) {                 /* the undated figure alone: the only row */
        s->v[0] = und;
        s->chosen[0] = 1;
        *k = 1;
        return undated;
    }
    int64_t dated = disjoint_periods(s->v, kd, s->chosen, s->best, &s->overflow);
    if (undated >= 0)
        *overlap = 1;
    *k = kd;
    return undated > dated ? undated : dated;
}

/* ---- a coordinate over a period it does not state (rule 2) ---- */

static void scratch_free(scratch *s)
{
    if (!s)
        return;
    scratch_free(s->inner);
    free(s->inner);
    free(s->v);
    free(s->chosen);
    free(s->best);
    free(s->stack);
    free(s->found);
}

static int push_cell(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
    if (vec_reserve((void **)v, cap, *n + 1, sizeof **v))
        return -1;
    (*v)[(*n)++] = x;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The cells at the coordinates of cell t (_T on the period there) whose
 * periods lie inside period p, the outermost ones reached down the period
 * edges through the periods that overlap p: s->found[0 .. s->n_found),
 * each once. */
static ac_error inside_cells(const cube *c, uint32_t t, const member *p, scratch *s)
{
    const dimension *pd = &c->m->dim[DIM_PERIOD];
    size_t ns = 0;
    s->n_found = 0;
    if (push_cell(&s->stack, &ns, &s->cap_stack, t))
        return AC_ERR_NOMEM;
    while (ns) {
        uint32_t u = s->stack[--ns];
        const uint32_t *ch;
        size_t n = cube_children(c, u, DIM_PERIOD, &ch);
        for (size_t j = 0; j < n; j++) {
            int32_t k = c->cells[ch[j]].key[DIM_PERIOD];
            const member *q = &pd->m[k];
            if (k == KEY_NOT_STATED || q->end < p->start || q->start > p->end)
                continue;
            if (q->start >= p->start && q->end <= p->end ? push_cell(&s->found, &s->n_found,
                                                                     &s->cap_found, ch[j])
                                                         : push_cell(&s->stack, &ns, &s->cap_stack,
                                                                     ch[j]))
                return AC_ERR_NOMEM;
        }
    }
    if (s->n_found)
        qsort(s->found, s->n_found, sizeof *s->found, cmp_u32);
    size_t w = 0;
    for (size_t j = 0; j < s->n_found; j++)
        if (!w || s->found[w - 1] != s->found[j])
            s->found[w++] = s->found[j];
    s->n_found = w;
    return AC_OK;
}

/* What the coordinates of cell t hold over period p, which they do not
 * state: the disjoint sum of their figures of periods inside p (weighted
 * interval scheduling).  *has: 1 with *sum, the figures' count in *nf and
 * the cells taken in s->v[j].cell where s->chosen[j] (j < *k); 0 when they
 * state none; -1 when a sum overflowed.  (Cells deeper than p's: settled
 * before any cell at p.) */
static ac_error inner_sum(const cube *c, uint32_t t, int32_t p, int projects, scratch *s,
                          const uint8_t *over, int64_t *sum, uint32_t *nf, size_t *k, int *has)
{
    const member *pm = &c->m->dim[DIM_PERIOD].m[p];
    ac_error err = inside_cells(c, t, pm, s);
    *has = 0;
    *k = 0;
    *nf = 0;
    if (err || (err = scratch_reserve(s, s->n_found)))
        return err;
    int ovf = 0;
    for (size_t j = 0; j < s->n_found; j++) {
        uint32_t u = s->found[j];
        const cube_val *v = projects ? &c->cells[u].projects : &c->cells[u].amount;
        ovf |= over && (over[u] & (projects ? 2 : 1));
        if (v->origin == ORIGIN_NONE || v->origin == ORIGIN_DERIVED)
            continue;
        const member *q = &c->m->dim[DIM_PERIOD].m[c->cells[u].key[DIM_PERIOD]];
        s->v[(*k)++] = (cand){u, UINT32_MAX, q->start, q->end, v->value, v->n_facts};
    }
    if (ovf) {
        *has = -1;
        return AC_OK;
    }
    if (!*k)
        return AC_OK;
    memset(s->chosen, 0, *k);
    *sum = disjoint_periods(s->v, *k, s->chosen, s->best, &ovf);
    for (size_t j = 0; j < *k; j++)
        if (s->chosen[j])
            *nf += s->v[j].nf;
    *has = ovf ? -1 : 1;
    return AC_OK;
}

/* Does cell i sum "inner" children along d: its period a member (not _T
 * or _X), _T on d, d not the period?  Then each coordinate one member
 * below on d that states no figure of i's period, but figures of periods
 * inside it, is a child too, its value their disjoint sum (inner_sum): the
 * money of a fund in 2015 and 2016 is part of all funds' 2015-2016 though
 * that fund states no 2015-2016.  No cell is made for it (a fund's cells
 * are its own figures'): what it adds is in the rest (rule 5). */
static int has_inner(const cube *c, size_t i, int d)
{
    const int32_t *key = c->cells[i].key;
    return d != DIM_PERIOD && key[d] == KEY_TOTAL && key[DIM_PERIOD] >= KEY_FIRST_MEMBER;
}

/* The cell of cell i's coordinates with _T on the period (its "inner"
 * children are that cell's children along d), HIDX_NONE when none. */
static uint32_t all_periods(const cube *c, size_t i)
{
    int32_t key[DIM__N];
    memcpy(key, c->cells[i].key, sizeof key);
    key[DIM_PERIOD] = KEY_TOTAL;
    return find_cell(c, key);
}

/* Is child u (with _T on the period) of all_periods(i) along d without a
 * cell at i's period (so an inner child of i)? */
static int inner_child(const cube *c, size_t i, uint32_t u)
{
    int32_t key[DIM__N];
    memcpy(key, c->cells[u].key, sizeof key);
    key[DIM_PERIOD] = c->cells[i].key[DIM_PERIOD];
    return find_cell(c, key) == HIDX_NONE;
}

/* The inner children of cell i along d into s->v after its k candidates
 * (cell: the coordinate's all-periods cell, edge UINT32_MAX).  *added: 1
 * when one has a value. */
static ac_error add_inner(cube *c, size_t i, int d, int projects, scratch *s, size_t *k,
                          int *added)
{
    uint32_t a = all_periods(c, i);
    const uint32_t *ch;
    size_t n = a == HIDX_NONE ? 0 : cube_children(c, a, d, &ch);
    if (!s->inner && !(s->inner = calloc(1, sizeof *s->inner)))
        return AC_ERR_NOMEM;
    if (scratch_reserve(s, *k + n))
        return AC_ERR_NOMEM;
    for (size_t j = 0; j < n; j++) {
        if (!inner_child(c, i, ch[j]))
            continue;
        int64_t sum = 0;
        uint32_t nf;
        size_t kk;
        int has;
        ac_error err = inner_sum(c, ch[j], c->cells[i].key[DIM_PERIOD], projects, s->inner, s->over,
                                 &sum, &nf, &kk, &has);
        if (err)
            return err;
        s->overflow |= has < 0;
        if (has > 0) {
            s->v[(*k)++] = (cand){ch[j], UINT32_MAX, 0, 0, sum, nf};
            *added = 1;
        }
    }
    return AC_OK;
}

/* Rule 2 along d: the disjoint sum of the children's values; marks the
 * edges of the children added (c->in).  *has: 1 and *sum when some child has a value; -1 when a
 * child's sum or this one overflowed (s->overflow). */
static ac_error sum_children(cube *c, size_t i, int d, int projects, scratch *s, int64_t *sum,
                             uint32_t *n_facts, int *has, int *overlap)
{
    const uint32_t *ch;
    size_t n = cube_children(c, i, d, &ch), k = 0;
    *has = *overlap = 0;
    if (scratch_reserve(s, n))
        return AC_ERR_NOMEM;
    s->overflow = 0;
    for (size_t j = 0; j < n; j++) {
        const cube_val *v = val_of(&c->cells[ch[j]], projects);
        s->overflow |= (s->over[ch[j]] & (projects ? 2 : 1)) != 0;
        if (v->origin == ORIGIN_NONE)
            continue;
        const member *mb = &c->m->dim[d].m[c->cells[ch[j]].key[d]];
        s->v[k++] = (cand){ch[j], (uint32_t)(c->child0[d][i] + j), mb->start, mb->end, v->value,
                           v->n_facts};
    }
    int inner = 0;
    if (has_inner(c, i, d)) {
        ac_error err = add_inner(c, i, d, projects, s, &k, &inner);
        if (err)
            return err;
    }
    if (!k || s->overflow) {
        *has = s->overflow ? -1 : 0;
        return AC_OK;
    }
    memset(s->chosen, 0, k);
    int grouped = 0;
    for (size_t j = 0; j < k && d == DIM_REGION; j++)
        grouped |= c->m->dim[d].m[c->cells[s->v[j].cell].key[d]].kind == MK_GROUPING;
    if (!children_may_overlap(d) || (d == DIM_REGION && !grouped))
        memset(s->chosen, 1, k);
    int64_t total = 0;
    if (d == DIM_PERIOD)
        total = period_sum(c, s, &k, overlap);
    else if (d == DIM_REGION && grouped)
        total = disjoint_regions(c, s->v, k, s->chosen, &s->overflow);
    uint32_t nf = 0;
    for (size_t j = 0; j < k; j++) {
        if (!s->chosen[j]) {
            *overlap = 1;
            continue;
        }
        if (!children_may_overlap(d) || (d == DIM_REGION && !grouped))
            s->overflow |= !add_checked(&total, s->v[j].value);
        if (s->v[j].edge != UINT32_MAX)
            c->in[d][s->v[j].edge] |= projects ? 2 : 1;
        nf += s->v[j].nf;
    }
    if (inner)
        val_of(&c->cells[i], projects)->inner |= (uint8_t)(1u << d);
    *sum = total;
    *n_facts = nf;
    *has = s->overflow ? -1 : 1;
    return AC_OK;
}

/* Rules 2 and 3 for cell i and one measure.  A cell whose own sum or a
 * child's overflowed has no value (unknown is not zero, nor a wrong sum). */
static ac_error settle(cube *c, size_t i, int projects, scratch *s)
{
    cube_val *v = val_of(&c->cells[i], projects);
    int64_t best = 0;
    uint32_t best_n = 0;
    int overflow = (s->over[i] & (projects ? 2 : 1)) != 0;
    for (int d = 0; d < DIM__N && !overflow; d++) {
        int64_t sum;
        uint32_t nf;
        int has, overlap;
        ac_error err = sum_children(c, i, d, projects, s, &sum, &nf, &has, &overlap);
        if (err)
            return err;
        v = val_of(&c->cells[i], projects);
        overflow = has < 0;
        if (overlap)
            v->flags |= CELL_OVERLAP;
        if (has > 0 && (v->by < 0 || sum > best)) {
            best = sum;
            best_n = nf;
            v->by = (int8_t)d;
        }
    }
    if (overflow) {
        s->over[i] |= projects ? 2 : 1;
        v->has &= (uint8_t)~(HAS_REPORTED | HAS_COMPUTED);
        v->by = -1;
        v->n_facts = 0;
        return AC_OK;
    }
    if (v->by >= 0) {
        v->computed = best;
        v->has |= HAS_COMPUTED;
    }
    if ((v->has & HAS_REPORTED) && !((v->has & HAS_COMPUTED) && v->computed > v->reported)) {
        v->value = v->reported;
        v->origin = ORIGIN_REPORTED;
    } else if (v->has & HAS_COMPUTED) {
        if ((v->has & HAS_REPORTED) && v->computed - v->reported > v->slack)
            v->flags |= CELL_CONFLICT;
        v->value = v->computed;
        v->origin = ORIGIN_COMPUTED;
        v->n_facts = best_n;
    }
    return AC_OK;
}

typedef struct {
    int64_t level;
    uint32_t cell;
} ordered;

static int cmp_deepest(const void *a, const void *b)
{
    const ordered *x = a, *y = b;
    if (x->level != y->level)
        return x->level > y->level ? -1 : 1;
    return (x->cell > y->cell) - (x->cell < y->cell);
}

/* Every cell settled after all its children (the deepest first). */
static ac_error roll_up(cube *c, uint8_t *over)
{
    size_t n = c->n_cells;
    ordered *order = malloc((n ? n : 1) * sizeof *order);
    scratch s = {0};
    s.over = over;
    ac_error err = AC_ERR_NOMEM;
    if (!order)
        goto done;
    for (size_t i = 0; i < n; i++)
        order[i] = (ordered){cell_level(c, &c->cells[i]), (uint32_t)i};
    qsort(order, n, sizeof *order, cmp_deepest);
    err = AC_OK;
    for (size_t k = 0; k < n && !err; k++)
        for (int projects = 0; projects < 2 && !err; projects++)
            err = settle(c, order[k].cell, projects, &s);
done:
    free(order);
    scratch_free(&s);
    return err;
}

/* A cell's counted bit d: it was added into every cell it is a child of
 * along d (one along sector and fund; along region and period, each
 * smallest member containing it at its coordinates).  Also `summed`: what
 * the roll-up added, before the rests of rule 5. */
static ac_error set_counted(cube *c)
{
    size_t n = c->n_linked;
    uint8_t *all = malloc(n ? n : 1), *any = malloc(n ? n : 1);
    if (!all || !any) {
        free(all);
        free(any);
        return AC_ERR_NOMEM;
    }
    for (int d = 0; d < DIM__N; d++) {
        memset(all, 3, n);
        memset(any, 0, n);
        for (size_t i = 0; i < n; i++)
            for (uint32_t e = c->child0[d][i]; e < c->child0[d][i + 1]; e++) {
                all[c->child[d][e]] &= c->in[d][e];
                any[c->child[d][e]] = 1;
            }
        for (size_t i = 0; i < n; i++) {
            if (any[i] && (all[i] & 1))
                c->cells[i].amount.counted |= (uint8_t)(1u << d);
            if (any[i] && (all[i] & 2))
                c->cells[i].projects.counted |= (uint8_t)(1u << d);
        }
    }
    for (size_t i = 0; i < n; i++) {
        c->cells[i].amount.summed = c->cells[i].amount.counted;
        c->cells[i].projects.summed = c->cells[i].projects.counted;
    }
    free(all);
    free(any);
    return AC_OK;
}

/* ---- pass 5: derived values and residuals ---------------------------------------------- */

/* The cell a share at key is a share of: its sector's total, else its
 * region's country (a grouping that another figure names is not what a
 * region's share is of); 0 when the share names neither. */
static int share_total_key(const cube *c, int32_t key[DIM__N])
{
    if (key[DIM_SECTOR]) {
        key[DIM_SECTOR] = KEY_TOTAL;
        return 1;
    }
    if (key[DIM_REGION] && c->up[DIM_REGION][key[DIM_REGION]]) {
        key[DIM_REGION] = c->up[DIM_REGION][key[DIM_REGION]];
        return 1;
    }
    return 0;
}

static void derive(cube *c)
{
    const model *m = c->m;
    for (size_t i = 0; i < m->f.n; i++) {
        if (!model_share_usable(m, i))
            continue;
        int32_t key[DIM__N], tkey[DIM__N];
        for (int d = 0; d < DIM__N; d++)
            key[d] = tkey[d] = m->f.key[d][i];
        if (!share_total_key(c, tkey))
            continue;
        uint32_t t = find_cell(c, tkey), x = find_cell(c, key);
        if (t == HIDX_NONE || x == HIDX_NONE || c->cells[t].amount.origin == ORIGIN_NONE)
            continue;
        cube_val *v = &c->cells[x].amount;
        if (v->origin != ORIGIN_NONE || (v->has & HAS_DERIVED))
            continue;
        /* total × share / 100, the share's exact decimal: cents at 10^-2 */
        scan_num_dec total = {c->cells[t].amount.value, 2};
        scan_num_dec share = m->f.o[i].value;
        share.scale += 2;   /* percent */
        int64_t cents;
        if (!model_usd_cents(total, share, &cents))
            continue;
        v->derived = cents;
        v->has |= HAS_DERIVED;
        v->value = cents;
        v->origin = ORIGIN_DERIVED;
        v->n_facts = 1;
    }
}

/* Is cell u (derived) a share of cell i (share_total_key)?  A derived
 * value is a row of the total it is a share of; of any other cell above
 * it (its span, all periods) it is no row: it is never added (rule 4). */
static int share_of(const cube *c, uint32_t u, size_t i)
{
    int32_t key[DIM__N];
    memcpy(key, c->cells[u].key, sizeof key);
    return share_total_key(c, key) && !memcmp(key, c->cells[i].key, sizeof key);
}

/* The derived shares of cell i (share_of) below sector cell u, which has
 * no value of its own, down the DAC tree through cells with no value
 * either: a theme's share is a row of the total though its code and group
 * have no value (rule 4), and so is not in the rest.  0 on overflow. */
static int shares_below(const cube *c, uint32_t u, size_t i, int projects, int64_t *shown,
                        int depth)
{
    const uint32_t *ch;
    /* the DAC tree is 3 deep (group, code, theme): 8 guards a bad one */
    size_t n = depth < 8 ? cube_children(c, u, DIM_SECTOR, &ch) : 0;
    int ok = 1;
    for (size_t j = 0; j < n; j++) {
        const cube_val *w = projects ? &c->cells[ch[j]].projects : &c->cells[ch[j]].amount;
        if (w->origin == ORIGIN_DERIVED && share_of(c, ch[j], i))
            ok &= add_checked(shown, w->value);
        else if (w->origin == ORIGIN_NONE)
            ok &= shares_below(c, ch[j], i, projects, shown, depth + 1);
    }
    return ok;
}

/* Rule 5 for cell i along d (i names _T on d, and _X on none: a rest is
 * not broken down further). */
static ac_error residual(cube *c, size_t i, int d, int projects)
{
    const uint32_t *ch;
    size_t n = cube_children(c, i, d, &ch);
    const cube_val *v = val_of(&c->cells[i], projects);
    if (v->origin == ORIGIN_NONE)
        return AC_OK;
    int64_t shown = 0;
    int left_out = 0, within = 1, rest_added = 0;
    int64_t x_share = -1;                 /* the derived value of the _X child */
    int64_t other = 0;                    /* derived rows, shares of other totals */
    for (size_t j = 0; j < n; j++) {
        const cube_val *w = val_of(&c->cells[ch[j]], projects);
        int added = cube_child_added(c, i, d, j, projects);
        if (c->cells[ch[j]].key[d] == KEY_NOT_STATED) {
            rest_added = added;
            if (w->origin == ORIGIN_DERIVED) {
                x_share = w->value;       /* a share of no member is some of */
                continue;                 /* the rest, which replaces it     */
            }
        }
        if (w->origin == ORIGIN_DERIVED && !share_of(c, ch[j], i))
            within &= add_checked(&other, w->value);  /* a share of another total */
        else if (w->origin == ORIGIN_DERIVED ? share_of(c, ch[j], i)
                                             : w->origin != ORIGIN_NONE && added)
            within &= add_checked(&shown, w->value);
        else if (w->origin == ORIGIN_NONE && d == DIM_SECTOR)
            within &= shares_below(c, ch[j], i, projects, &shown, 0);
        else if (w->origin != ORIGIN_NONE && w->origin != ORIGIN_DERIVED)
            left_out = 1;
    }
    /* no member of d stated under this cell: all of it is "not stated" */
    if (!within || shown > v->value ||    /* beyond an int64: beyond the total */
        (other && (!add_checked(&other, shown) || other > v->value))) {
        val_of(&c->cells[i], projects)->flags |= CELL_PARTS_EXCEED;
        return AC_OK;
    }
    if (shown == v->value || v->value - shown == x_share)
        return AC_OK;                     /* the share of no member is the rest */
    if (x_share > v->value - shown) {     /* shares of no member beyond the rest */
        val_of(&c->cells[i], projects)->flags |= CELL_PARTS_EXCEED;
        return AC_OK;
    }
    int32_t key[DIM__N];
    memcpy(key, c->cells[i].key, sizeof key);
    key[d] = KEY_NOT_STATED;
    int64_t rest = v->value - shown;
    int inner = v->inner >> d & 1;
    uint32_t r = get_cell(c, key);       /* may move c->cells: v with them */
    if (r == HIDX_NONE)
        return AC_ERR_NOMEM;
    cube_val *w = val_of(&c->cells[r], projects);
    if (w->origin != ORIGIN_NONE && rest_added) {
        if (!add_checked(&w->value, rest)) { /* cannot be: w is among the */
            val_of(&c->cells[i], projects)->flags |= CELL_PARTS_EXCEED;   /* shown */
            return AC_OK;
        }
        w->flags |= CELL_WITH_REST;      /* rows stated with no member: */
    } else {                             /* the rest joins them         */
        /* new, or figures that overlap the rows (undated ones, rule 7):
         * the row shows the rest, its own figures stay as reported */
        if (w->origin != ORIGIN_NONE && w->origin != ORIGIN_DERIVED)
            left_out = 1;
        w->value = rest;
        w->origin = ORIGIN_RESIDUAL;
    }
    w->counted |= (uint8_t)(1u << d);
    if (left_out)            /* the rest holds figures of members that */
        w->flags |= CELL_OVERLAP;   /* overlap, not only unstated ones */
    if (inner)               /* ... or figures of periods inside this one */
        w->flags |= CELL_INNER;     /* of members with no row here     */
    return AC_OK;
}

static int names_not_stated(const cube_cell *x)
{
    for (int d = 0; d < DIM__N; d++)
        if (x->key[d] == KEY_NOT_STATED)
            return 1;
    return 0;
}

static ac_error residuals(cube *c)
{
    size_t n = c->n_linked;
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < DIM__N && !names_not_stated(&c->cells[i]); d++) {
            if (c->cells[i].key[d] != KEY_TOTAL)
                continue;
            for (int projects = 0; projects < 2; projects++) {
                ac_error err = residual(c, i, d, projects);
                if (err)
                    return err;
            }
        }
    return AC_OK;
}

/* ---- pass 6: leaves and cuboids ---------------------------------------------------------- */

/* A cell's own value before a rest was written over it (rule 5): its
 * reported value, unless its parts are larger (rule 3).  0 when none. */
static int own_value(const cube_val *v, int64_t *out)
{
    if ((v->has & HAS_REPORTED) && !((v->has & HAS_COMPUTED) && v->computed > v->reported)) {
        *out = v->reported;
        return 1;
    }
    if (v->has & HAS_COMPUTED) {
        *out = v->computed;
        return 2;
    }
    return 0;
}

/* The cells taken in the inner children of cell i along d (add_inner):
 * *out (malloc'd, n of them; caller frees).  Recomputed, as the roll-up
 * found them. */
static ac_error inner_cells(const cube *c, size_t i, int d, int projects, uint32_t **out,
                            size_t *n)
{
    scratch s = {0};
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    uint32_t a = has_inner(c, i, d) ? all_periods(c, i) : HIDX_NONE;
    const uint32_t *ch;
    size_t nc = a == HIDX_NONE ? 0 : cube_children(c, a, d, &ch);
    ac_error err = AC_OK;
    for (size_t j = 0; j < nc && !err; j++) {
        int64_t sum = 0;
        uint32_t nf;
        size_t k;
        int has;
        if (!inner_child(c, i, ch[j]))
            continue;
        err = inner_sum(c, ch[j], c->cells[i].key[DIM_PERIOD], projects, &s, NULL, &sum, &nf, &k,
                        &has);
        for (size_t t = 0; !err && has > 0 && t < k; t++)
            if (s.chosen[t] && push_cell(out, n, &cap, s.v[t].cell))
                err = AC_ERR_NOMEM;
    }
    scratch_free(&s);
    return err;
}

/* The figures that make up cell i's own value, each once, marked
 * FACT_LEAF: a reported value's own facts, else those of the children it
 * was summed from (the edges added along `by`). */
static void mark_from(cube *c, size_t i, int projects, int depth)
{
    const cube_cell *x = &c->cells[i];
    const cube_val *v = projects ? &x->projects : &x->amount;
    int64_t own;
    int kind = own_value(v, &own);
    if (depth > 4 * 64 || !kind)
        return;
    if (kind == 1) {
        for (uint32_t k = 0; k < x->nat; k++) {
            size_t j = c->at[x->at0 + k];
            if (c->used[j] & (projects ? 2 : 1))
                c->m->f.flags[j] |= FACT_LEAF;
        }
        return;
    }
    if (v->by < 0)
        return;
    const uint32_t *ch;
    size_t n = cube_children(c, i, v->by, &ch);
    int64_t counted = 0, w_own;
    size_t undated = SIZE_MAX;
    for (size_t j = 0; j < n; j++) {
        const cube_val *w = projects ? &c->cells[ch[j]].projects : &c->cells[ch[j]].amount;
        if (cube_child_added(c, i, v->by, j, projects) && own_value(w, &w_own) &&
            !add_checked(&counted, w_own))
            counted = INT64_MAX;     /* cannot be: they add up to own */
        else if (own_value(w, &w_own) && w_own == own &&
                 c->cells[ch[j]].key[v->by] == KEY_NOT_STATED)
            undated = j;
    }
    if (v->by == DIM_PERIOD && counted != own && undated != SIZE_MAX) {
        mark_from(c, ch[undated], projects, depth + 1);   /* the undated  */
        return;                                           /* figure was the larger */
    }
    for (size_t j = 0; j < n; j++)
        if (cube_child_added(c, i, v->by, j, projects))
            mark_from(c, ch[j], projects, depth + 1);
    uint32_t *in;
    size_t nin;
    if (!(v->inner >> v->by & 1) || inner_cells(c, i, v->by, projects, &in, &nin))
        return;                  /* out of memory: fewer leaves, never more */
    for (size_t j = 0; j < nin; j++)
        mark_from(c, in[j], projects, depth + 1);
    free(in);
}

/* The leaf facts: for each measure, the figures of each fund's total (and
 * of the figures that state no fund, "fund not stated"), so that the
 * leaves of a fund add up to its row of the Summary; with no fund stated
 * at all, the figures of the grand total.  What the grand total holds
 * beyond the funds' rows (rule 5) is no fund's: when the figures with no
 * fund that the grand total rests on (marked from it) add up to exactly
 * that rest, they are its leaves too; otherwise the rest is no figure, and
 * export_pivot_model.c writes it as one row of its own. */
static ac_error mark_leaves(cube *c)
{
    const model *m = c->m;
    fact_table *f = &c->m->f;
    int32_t total[DIM__N] = {0};
    uint32_t t = find_cell(c, total);
    uint8_t *fundless = calloc(f->n ? f->n : 1, 1);
    if (!fundless)
        return AC_ERR_NOMEM;
    for (size_t j = 0; j < f->n; j++)
        f->flags[j] &= ~(uint32_t)FACT_LEAF;
    const uint32_t *ch = NULL;
    size_t n = t == HIDX_NONE ? 0 : cube_children(c, t, DIM_FUND, &ch);
    for (int projects = 0; t != HIDX_NONE && projects < 2; projects++) {
        int funds = 0;
        for (size_t j = 0; j < n; j++)
            funds |= c->cells[ch[j]].key[DIM_FUND] >= KEY_FIRST_MEMBER &&
                     val_of(&c->cells[ch[j]], projects)->origin != ORIGIN_NONE;
        mark_from(c, t, projects, 0);
        if (!funds)
            continue;
        int64_t rest = val_of(&c->cells[t], projects)->value, own = 0;
        for (size_t j = 0; j < f->n; j++)
            if ((f->flags[j] & FACT_LEAF) && model_fact_summable(m, j, projects)) {
                f->flags[j] &= ~(uint32_t)FACT_LEAF;
                fundless[j] = f->key[DIM_FUND][j] == KEY_TOTAL;
                if (fundless[j] && !add_checked(&own, f->v[j]))
                    own = -1;
            }
        for (size_t j = 0; j < n; j++)
            mark_from(c, ch[j], projects, 0);
        for (size_t j = 0; j < f->n; j++)
            if ((f->flags[j] & FACT_LEAF) && model_fact_summable(m, j, projects))
                rest -= f->v[j];
        for (size_t j = 0; j < f->n && rest == own; j++)
            if (fundless[j] && model_fact_summable(m, j, projects))
                f->flags[j] |= FACT_LEAF;
    }
    free(fundless);
    return AC_OK;
}

static unsigned cell_mask(const cube_cell *x)
{
    unsigned mask = 0;
    for (int d = 0; d < DIM__N; d++)
        if (x->key[d])
            mask |= 1u << d;
    return mask;
}

static int cmp_cell_keys(const void *a, const void *b, void *ctx)
{
    const cube *c = ctx;
    const int32_t *x = c->cells[*(const uint32_t *)a].key, *y = c->cells[*(const uint32_t *)b].key;
    for (int d = 0; d < DIM__N; d++)
        if (x[d] != y[d])
            return x[d] < y[d] ? -1 : 1;
    return 0;
}

static ac_error list_cuboids(cube *c)
{
    size_t count[CUBE_N_CUBOIDS] = {0};
    for (size_t i = 0; i < c->n_cells; i++)
        count[cell_mask(&c->cells[i])]++;
    for (unsigned mk = 0; mk < CUBE_N_CUBOIDS; mk++) {
        c->cuboid[mk].mask = mk;
        c->cuboid[mk].cell = malloc((count[mk] ? count[mk] : 1) * sizeof(uint32_t));
        if (!c->cuboid[mk].cell)
            return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n_cells; i++) {
        cuboid *cb = &c->cuboid[cell_mask(&c->cells[i])];
        cb->cell[cb->n++] = (uint32_t)i;
    }
    for (unsigned mk = 0; mk < CUBE_N_CUBOIDS; mk++)
        qsort_r(c->cuboid[mk].cell, c->cuboid[mk].n, sizeof(uint32_t), cmp_cell_keys, c);
    return AC_OK;
}

/* ---- the whole build ------------------------------------------------------------------- */

ac_error cube_build(model *m, cube **out)
{
    cube *c = calloc(1, sizeof *c);
    uint32_t *fact_cell = NULL;
    uint8_t *over = NULL;    /* per cell: its sum overflowed (scratch.over) */
    ac_error err = AC_ERR_NOMEM;
    if (!c)
        return AC_ERR_NOMEM;
    c->m = m;
    hidx_init(&c->index);
    if ((err = model_freeze(m)))
        goto done;
    err = AC_ERR_NOMEM;
    if (!(fact_cell = malloc((m->f.n ? m->f.n : 1) * sizeof *fact_cell)))
        goto done;
    if ((err = member_places(c)) || (err = make_cells(c, fact_cell)) ||
        (err = sort_cells(c, fact_cell)) || (err = group_facts(c, fact_cell)) ||
        (err = link_children(c)))
        goto done;
    err = AC_ERR_NOMEM;
    mark_named_wholes(c);
    if (!(over = calloc(c->n_cells ? c->n_cells : 1, 1)) || (err = reported_values(c, over)) ||
        (err = roll_up(c, over)) || (err = set_counted(c)))
        goto done;
    derive(c);
    if ((err = residuals(c)))
        goto done;
    if (!(err = mark_leaves(c)) && !(err = list_cuboids(c)))
        err = cube_kind_build(c);
done:
    free(fact_cell);
    free(over);
    if (err) {
        cube_free(c);
        return err;
    }
    *out = c;
    return AC_OK;
}

void cube_free(cube *c)
{
    if (!c)
        return;
    for (int mk = 0; mk < CUBE_N_CUBOIDS; mk++)
        free(c->cuboid[mk].cell);
    for (int d = 0; d < DIM__N; d++) {
        free(c->child0[d]);
        free(c->child[d]);
        free(c->in[d]);
        free(c->up[d]);
        free(c->level[d]);
    }
    free(c->cells);
    free(c->at);
    free(c->used);
    hidx_free(&c->index);
    cube_kind_free(c);
    free(c);
}

/* ---- presentation helpers ------------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t size, len, check_ref_list, max;
} refs_out;

static void add_ref(refs_out *r, const char *doc, long line)
{
    if (r->check_ref_list == r->max) {
        if (r->len + 5 < r->size && (r->len < 4 || strcmp(r->buf + r->len - 4, " ...")))
            r->len += (size_t)snprintf(r->buf + r->len, r->size - r->len, " ...");
        r->check_ref_list++;
        return;
    }
    if (r->check_ref_list > r->max)
        return;
    int k = snprintf(r->buf + r->len, r->size - r->len, "%s%s:%ld", r->len ? " " : "", doc, line);
    if (k > 0 && (size_t)k < r->size - r->len) {
        r->len += (size_t)k;
        r->check_ref_list++;
    }
}

static void cell_refs(const cube *c, size_t i, int projects, refs_out *r, int depth)
{
    const cube_cell *x = &c->cells[i];
    const cube_val *v = projects ? &x->projects : &x->amount;
    if (depth > 32 || r->check_ref_list > r->max)
        return;
    if (v->origin == ORIGIN_REPORTED || v->origin == ORIGIN_DERIVED) {
        for (uint32_t k = 0; k < x->nat && r->check_ref_list <= r->max; k++) {
            size_t j = c->at[x->at0 + k];
            if ((c->used[j] & (projects ? 2 : 1)) ||
                (v->origin == ORIGIN_DERIVED && c->m->f.measure[j] == OBS_SHARE))
                add_ref(r, c->m->f.o[j].doc, c->m->f.o[j].line);
        }
        return;
    }
    if (v->origin != ORIGIN_COMPUTED || v->by < 0)
        return;
    const uint32_t *ch;
    size_t n = cube_children(c, i, v->by, &ch);
    for (size_t j = 0; j < n && r->check_ref_list <= r->max; j++) {   /* (past max: nothing added) */
        const cube_val *w = projects ? &c->cells[ch[j]].projects : &c->cells[ch[j]].amount;
        if (w->origin != ORIGIN_NONE && cube_child_added(c, i, v->by, j, projects))
            cell_refs(c, ch[j], projects, r, depth + 1);
    }
    uint32_t *in;
    size_t nin;
    if (!(v->inner >> v->by & 1) || inner_cells(c, i, v->by, projects, &in, &nin))
        return;
    for (size_t j = 0; j < nin && r->check_ref_list <= r->max; j++)
        cell_refs(c, in[j], projects, r, depth + 1);
    free(in);
}

const char *cube_cell_sources(const cube *c, const cube_cell *x, int projects, char *buf,
                              size_t size, size_t max_refs)
{
    refs_out r = {buf, size, 0, 0, max_refs};
    if (size)
        buf[0] = '\0';
    if (size < 8)
        return buf;
    cell_refs(c, (size_t)(x - c->cells), projects, &r, 0);
    return buf;
}

const char *cube_member_name(const cube *c, int dim, int32_t key)
{
    return model_member_name(c->m, dim, key);
}
