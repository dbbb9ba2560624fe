/*
 * model.c — the fact model (see model.h): members, sources, facts.
 *
 * Adding a source records the sizes of every array first; on any failure
 * the arrays are cut back to those sizes and the member indexes rebuilt, so
 * the model is as it was (strings already copied stay in the arena, unused).
 */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"

const char *const model_dim_name[DIM__N] = {"sector", "region", "period", "fund"};

/* A pegged currency's rate is its anchor's rate divided by the parity: not a
 * finite decimal, so it is rounded to this many places (a rate near 0.0017
 * keeps 12 significant digits: under a cent on 10^9 francs). */
#define RATE_PLACES 14
/* The region member of a country for a project whose region is unknown
 * (the country's own "not stated"). */
#define REGION_NOT_STATED "%s: region not stated"
/* Search this many years either side for a rate before giving up. */
#define RATE_YEAR_REACH 60

/* ---- dimensions ------------------------------------------------------------ */

typedef struct {
    member_kind kind;
    const char *name, *code;
} member_probe;

static uint64_t member_hash(member_kind kind, const char *name, const char *code)
{
    uint64_t h = hash_bytes(name, strlen(name), (uint64_t)kind);
    return code ? hash_bytes(code, strlen(code), h) : h;
}

static int streq0(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int member_eq(uint32_t row, const void *key, void *ctx)
{
    const dimension *d = ctx;
    const member_probe *p = key;
    const member *m = &d->m[row];
    return m->kind == p->kind && !strcmp(m->name, p->name) && streq0(m->code, p->code);
}

static ac_error dim_reindex(dimension *d)
{
    hidx_free(&d->index);
    for (size_t i = KEY_FIRST_MEMBER; i < d->n; i++) {
        ac_error err = hidx_insert(&d->index, member_hash(d->m[i].kind, d->m[i].name, d->m[i].code),
                                   (uint32_t)i);
        if (err)
            return err;
    }
    return AC_OK;
}

static int32_t find_member(const dimension *d, member_kind kind, const char *name, const char *code)
{
    member_probe p = {kind, name, code};
    uint32_t r = hidx_find(&d->index, member_hash(kind, name, code), member_eq, &p, (void *)d);
    return r == HIDX_NONE ? -1 : (int32_t)r;
}

/* The member (kind, name, code), added when new; -1 when out of memory. */
static int32_t intern(model *m, int dim, member_kind kind, const char *name, const char *code)
{
    dimension *d = &m->dim[dim];
    int32_t k = find_member(d, kind, name, code);
    if (k >= 0)
        return k;
    if (vec_reserve((void **)&d->m, &d->cap, d->n + 1, sizeof *d->m))
        return -1;
    member *nm = &d->m[d->n];
    memset(nm, 0, sizeof *nm);
    nm->kind = kind;
    nm->name = arena_strdup(m->a, name);
    nm->code = code ? arena_strdup(m->a, code) : NULL;
    nm->depth = 1;
    if (!nm->name || (code && !nm->code))
        return -1;
    if (hidx_insert(&d->index, member_hash(kind, name, code), (uint32_t)d->n))
        return -1;
    return (int32_t)d->n++;
}

ac_error model_new(const gazetteer *gz, model **out)
{
    model *m = calloc(1, sizeof *m);
    if (!m)
        return AC_ERR_NOMEM;
    m->gz = gz;
    m->a = arena_new(0);
    if (!m->a)
        goto nomem;
    for (int d = 0; d < DIM__N; d++) {
        dimension *dm = &m->dim[d];
        hidx_init(&dm->index);
        if (vec_reserve((void **)&dm->m, &dm->cap, 16, sizeof *dm->m))
            goto nomem;
        memset(dm->m, 0, 2 * sizeof *dm->m);
        dm->m[KEY_TOTAL] = (member){.name = "Total", .kind = MK_TOTAL};
        /* an unknown period may be any: it overlaps every other */
        dm->m[KEY_NOT_STATED] = (member){.name = "not stated", .kind = MK_NOT_STATED, .depth = 1,
                                         .end = d == DIM_PERIOD ? 99991231 : 0};
        dm->n = 2;
    }
    hidx_init(&m->src_by_hash);
    *out = m;
    return AC_OK;
nomem:
    model_free(m);
    return AC_ERR_NOMEM;
}

void model_free(model *m)
{
    if (!m)
        return;
    for (int d = 0; d < DIM__N; d++) {
        free(m->dim[d].m);
        free(m->dim[d].cover);
        hidx_free(&m->dim[d].index);
    }
    for (int d = 0; d < DIM__N; d++)
        free(m->f.key[d]);
    free(m->f.measure);
    free(m->f.v);
    free(m->f.flags);
    free(m->f.source);
    free(m->f.rate);
    free(m->f.rate_year);
    free(m->f.o);
    free(m->f.kind);
    free(m->src);
    free(m->src_was);
    free(m->fact_was);
    hidx_free(&m->src_by_hash);
    hidx_free(&m->str_index);
    free(m->strs);
    arena_free(m->a);
    free(m);
}

/* ---- sources ------------------------------------------------------------------ */

static int src_eq(uint32_t row, const void *key, void *ctx)
{
    const model *m = ctx;
    return !strcmp(m->src[row].sha256, key);
}

const fact_source *model_find_content(const model *m, const char *sha256)
{
    if (!sha256 || !sha256[0])
        return NULL;
    uint32_t r = hidx_find(&m->src_by_hash, hash_bytes(sha256, strlen(sha256), 0), src_eq,
                           sha256, (void *)m);
    return r == HIDX_NONE ? NULL : &m->src[r];
}

/* ---- exact money ----------------------------------------------------------------- */

__extension__ typedef __int128 i128;

static i128 pow10_128(int e)
{
    i128 p = 1;
    while (e-- > 0)
        p *= 10;
    return p;
}

int model_usd_cents(scan_num_dec value, scan_num_dec rate, int64_t *cents)
{
    /* value × rate × 100, exactly, then one division rounded half away
     * from zero: |mant| < 2^63 each, so the product fits in 127 bits */
    i128 p = (i128)value.mant * (i128)rate.mant;
    int shift = value.scale + rate.scale - 2;
    if (shift < 0) {
        for (; shift < 0; shift++) {
            if (p > ((i128)INT64_MAX) * 10 || p < ((i128)INT64_MIN) * 10)
                return 0;
            p *= 10;
        }
    } else if (shift > 0) {
        if (shift > 36)
            return 0;
        i128 div = pow10_128(shift), q = p / div, r = p % div;
        if (r < 0 ? -r * 2 >= div : r * 2 >= div)
            q += p < 0 ? -1 : 1;
        p = q;
    }
    if (p > INT64_MAX || p < -INT64_MAX)
        return 0;
    *cents = (int64_t)p;
    return 1;
}

static scan_num_dec rate_from_double(double r)
{
    scan_num_dec d = {(int64_t)llround(r * 1e14), RATE_PLACES};
    while (d.scale > 0 && d.mant % 10 == 0) {
        d.mant /= 10;
        d.scale--;
    }
    return d;
}

int model_usd_rate(const gazetteer *gz, const char *cur, int year, scan_num_dec *rate, int *rate_year)
{
    double r;
    if (!cur)
        return 0;
    if (!strcmp(cur, "USD")) {
        *rate = (scan_num_dec){1, 0};
        *rate_year = 0;
        return 1;
    }
    for (int d = 0; d <= RATE_YEAR_REACH; d++) {
        int ys[2] = {year - d, year + d};
        for (int k = 0; k < (d ? 2 : 1); k++)
            if (attribute_gazetteer_usd_rate(gz, cur, ys[k], &r) && r > 0) {
                *rate = rate_from_double(r);
                *rate_year = ys[k];
                return 1;
            }
    }
    return 0;
}

/* ---- observations to facts -------------------------------------------------------- */

typedef struct {
    member_kind kind;
    int32_t start, end;
    int end_year;          /* the year whose rate converts its amounts */
} period_of;

/* The period an observation states, as dates; 0 when it states none. */
static int obs_period_range(const obs *o, int doc_year, period_of *p)
{
    int y1 = o->y1, y2 = o->y2;
    if (!y1)
        return 0;
    if (o->pkind == PERIOD_SINCE) {
        if (!y2)
            y2 = doc_year;
        if (!y2 || y2 < y1)
            return 0;
        p->kind = MK_CUMULATIVE;
        p->start = y1 * 10000 + 101;
        p->end = y2 * 10000 + 1231;
    } else if (o->pkind == PERIOD_FISCAL && y2 == y1 + 1) {
        p->kind = MK_FISCAL;
        p->start = y1 * 10000 + 701;
        p->end = y2 * 10000 + 630;
    } else if (!y2 || y1 == y2) {
        y2 = y1;
        p->kind = MK_YEAR;
        p->start = y1 * 10000 + 101;
        p->end = y1 * 10000 + 1231;
    } else {
        if (y2 < y1)
            return 0;
        p->kind = MK_SPAN;
        p->start = y1 * 10000 + 101;
        p->end = y2 * 10000 + 1231;
    }
    p->end_year = y2;
    return 1;
}

static const attribute_gz_entry *sector_entry(const gazetteer *gz, const char *name)
{
    for (size_t i = 0;; i++) {
        const attribute_gz_entry *e = attribute_gazetteer_nth(gz, GZ_SECTOR, i);
        if (!e || (e->name && !strcmp(e->name, name)))
            return e;
    }
}

/* Is e a row of a DAC code or group (its id the code: sectors_dac.tsv,
 * sectors_dac_groups.tsv), not a theme? */
static int is_dac_row(const attribute_gz_entry *e)
{
    size_t n = e && e->code ? strlen(e->code) : 0;
    return (n == 3 || n == 5) && strspn(e->code, "0123456789") == n &&
           (!e->dac || !*e->dac || !strcmp(e->dac, e->code));
}

/* The sector whose row's id is the DAC code or group `code` (sectors_dac.tsv,
 * sectors_dac_groups.tsv), or NULL. */
static const attribute_gz_entry *dac_entry(const gazetteer *gz, const char *code)
{
    for (size_t i = 0;; i++) {
        const attribute_gz_entry *e = attribute_gazetteer_nth(gz, GZ_SECTOR, i);
        if (!e || (is_dac_row(e) && !strcmp(e->code, code)))
            return e;
    }
}

/* The member name of a DAC code or group e: its code and its name
 * ("15220 Civilian peace-building, ...", "152 Conflict, Peace & Security",
 * whose row already names it so). */
static void dac_member_name(const attribute_gz_entry *e, char *out, size_t size)
{
    size_t n = strlen(e->code);
    if (!strncmp(e->name, e->code, n) && e->name[n] == ' ')
        snprintf(out, size, "%s", e->name);
    else
        snprintf(out, size, "%s %s", e->code, e->name);
}

/* Is sector member s a DAC code or group (named by its code, model.h)? */
static int is_dac_member(const member *s)
{
    size_t n = s->code ? strlen(s->code) : 0;
    return n && !strncmp(s->name, s->code, n) && s->name[n] == ' ';
}

/* The DAC code or group whose member name is `name` ("15220 Civilian
 * peace-building, ...", as the warehouse gives a member back), or NULL. */
static const attribute_gz_entry *dac_entry_named(const gazetteer *gz, const char *name)
{
    size_t n = strspn(name, "0123456789");
    char code[8], buf[AC_GZ_ID_MAX + 16];
    if ((n != 3 && n != 5) || name[n] != ' ')
        return NULL;
    snprintf(code, sizeof code, "%.*s", (int)n, name);
    const attribute_gz_entry *e = dac_entry(gz, code);
    if (e)
        dac_member_name(e, buf, sizeof buf);
    return e && !strcmp(buf, name) ? e : NULL;
}

/* Intern the sector a figure states: a theme by its name with its DAC code,
 * a DAC code or group by its code and name (the member themes nest under),
 * whether the figure names it as the reference data or as the cube does. */
static int32_t intern_sector(model *m, const char *name)
{
    const attribute_gz_entry *e = sector_entry(m->gz, name);
    if (!e)
        e = dac_entry_named(m->gz, name);
    char buf[AC_GZ_ID_MAX + 16];
    if (!is_dac_row(e))
        return intern(m, DIM_SECTOR, MK_SECTOR, name, e && e->dac && *e->dac ? e->dac : NULL);
    dac_member_name(e, buf, sizeof buf);
    return intern(m, DIM_SECTOR, MK_SECTOR, buf, e->code);
}

/* The DAC member above sector member s (a theme's code, a code's group)
 * into name and code; 0 when none (a group, a theme with no code, a code
 * the reference data does not hold). */
static int sector_above(const model *m, const member *s, char *name, size_t size, char code[8])
{
    size_t n = s->code ? strlen(s->code) : 0;
    if (n != 5)
        return 0;
    snprintf(code, 8, "%.*s", is_dac_member(s) ? 3 : 5, s->code);
    const attribute_gz_entry *e = dac_entry(m->gz, code);
    if (!e)
        return 0;
    dac_member_name(e, name, size);
    return 1;
}

/* The DAC hierarchy of the sectors stated (model.h): each theme's code and
 * each code's group become members (their facts: none). */
static ac_error add_sector_ancestors(model *m)
{
    dimension *d = &m->dim[DIM_SECTOR];
    for (size_t k = KEY_FIRST_MEMBER; k < d->n; k++) {   /* d->n grows */
        char name[AC_GZ_ID_MAX + 16], code[8];
        if (sector_above(m, &d->m[k], name, sizeof name, code) &&
            intern(m, DIM_SECTOR, MK_SECTOR, name, code) < 0)
            return AC_ERR_NOMEM;
    }
    return AC_OK;
}

static int32_t sector_parent(const model *m, size_t i)
{
    const dimension *d = &m->dim[DIM_SECTOR];
    char name[AC_GZ_ID_MAX + 16], code[8];
    if (!sector_above(m, &d->m[i], name, sizeof name, code))
        return 0;
    int32_t k = find_member(d, MK_SECTOR, name, code);
    return k < 0 ? 0 : k;
}

/* The regions a reported grouping covers ("Gao / Ménaka"): from the
 * reference data, else the names around its separators. */
static ac_error add_grouping_cover(model *m, int32_t key, const char *country, const char *name)
{
    dimension *d = &m->dim[DIM_REGION];
    const char *names[32];
    size_t n = attribute_gazetteer_grouping_regions(m->gz, country, name, names, 32);
    d->m[key].cover0 = (int32_t)d->ncover;
    for (size_t i = 0; i < n; i++) {
        if (vec_reserve((void **)&d->cover, &d->capcover, d->ncover + 1, sizeof *d->cover))
            return AC_ERR_NOMEM;
        d->cover[d->ncover++] = names[i];
    }
    d->m[key].ncover = (int32_t)n;
    return AC_OK;
}

static ac_error place_region(model *m, const obs *o, int32_t *key)
{
    if (!o->country)
        return AC_OK;
    int32_t c = intern(m, DIM_REGION, MK_COUNTRY, o->country, o->country);
    if (c < 0)
        return AC_ERR_NOMEM;
    *key = c;
    if (!o->region)
        return AC_OK;
    const char *names[2];
    int grouping = attribute_gazetteer_grouping_regions(m->gz, o->country, o->region, names, 2) > 0;
    int32_t r = intern(m, DIM_REGION, grouping ? MK_GROUPING : MK_REGION, o->region, o->country);
    if (r < 0)
        return AC_ERR_NOMEM;
    if (grouping && m->dim[DIM_REGION].m[r].ncover == 0) {
        ac_error err = add_grouping_cover(m, r, o->country, o->region);
        if (err)
            return err;
    }
    *key = r;
    return AC_OK;
}

static ac_error place(model *m, const obs *o, int doc_year, int32_t key[DIM__N], period_of *p,
                      int *has_period)
{
    memset(key, 0, sizeof(int32_t) * DIM__N);
    if (o->sector &&
        (key[DIM_SECTOR] = intern_sector(m, o->sector)) < 0)
        return AC_ERR_NOMEM;
    if (place_region(m, o, &key[DIM_REGION]))
        return AC_ERR_NOMEM;
    *has_period = obs_period_range(o, doc_year, p);
    if (*has_period) {
        /* a period is its dates: "2013-2017" and "depuis 2013" in a 2017
         * report are one period (name_periods) */
        char dates[24];
        snprintf(dates, sizeof dates, "%d-%d", p->start, p->end);
        int32_t k = intern(m, DIM_PERIOD, MK_SPAN, dates, NULL);
        if (k < 0)
            return AC_ERR_NOMEM;
        member *pm = &m->dim[DIM_PERIOD].m[k];
        pm->start = p->start;
        pm->end = p->end;
        key[DIM_PERIOD] = k;
    }
    if (o->fund && (key[DIM_FUND] = intern(m, DIM_FUND, MK_FUND, o->fund, NULL)) < 0)
        return AC_ERR_NOMEM;
    return AC_OK;
}

/* Every column of the fact table, with its element size: the one list that
 * growing, reordering and copying facts go through (a new column is added
 * here and nowhere else). */
enum { FACT_COLS = 32 };      /* room for every column (there are 12) */

static size_t fact_columns(fact_table *f, void **col[FACT_COLS], size_t size[FACT_COLS])
{
    size_t k = 0;
    for (int d = 0; d < DIM__N; d++) {
        col[k] = (void **)&f->key[d];
        size[k++] = sizeof *f->key[d];
    }
    void **rest[] = {(void **)&f->measure, (void **)&f->v, (void **)&f->flags,
                     (void **)&f->source, (void **)&f->rate, (void **)&f->rate_year,
                     (void **)&f->kind, (void **)&f->o};
    size_t rsize[] = {sizeof *f->measure, sizeof *f->v, sizeof *f->flags, sizeof *f->source,
                      sizeof *f->rate, sizeof *f->rate_year, sizeof *f->kind, sizeof *f->o};
    for (size_t j = 0; j < sizeof rest / sizeof *rest && k < FACT_COLS; j++) {
        col[k] = rest[j];
        size[k++] = rsize[j];
    }
    return k;
}

/* Room for `need` facts in every column (all columns share one capacity:
 * each grows by the same doubling from the same size). */
static ac_error facts_reserve(fact_table *f, size_t need)
{
    if (need <= f->cap)
        return AC_OK;
    void **col[FACT_COLS];
    size_t size[FACT_COLS], n = fact_columns(f, col, size);
    size_t cap = f->cap;
    for (size_t k = 0; k < n; k++) {
        cap = f->cap;
        if (vec_reserve(col[k], &cap, need, size[k]))
            return AC_ERR_NOMEM;
    }
    f->cap = cap;
    return AC_OK;
}

static uint32_t obs_flags(const obs *o)
{
    uint32_t fl = 0;
    if (o->total)
        fl |= FACT_TOTAL;
    if (o->part)
        fl |= FACT_PART;
    if (o->group)
        fl |= FACT_ITEM;
    if (o->project)
        fl |= FACT_PROJECT;
    if (o->average)
        fl |= FACT_AVERAGE;
    if (o->restates)
        fl |= FACT_RESTATEMENT;
    if (o->subset_total)
        fl |= FACT_SUBSET_TOTAL;
    if (o->qual == SCAN_Q_MAX)
        fl |= FACT_CAP;
    if (o->qual == SCAN_Q_PER_YEAR)
        fl |= FACT_PER_YEAR;
    if (o->qual == SCAN_Q_APPROX)
        fl |= FACT_APPROX;
    if (o->value.mant < 0 ||
        (o->measure == OBS_SHARE && scan_num_cmp(o->value, (scan_num_dec){100, 0}) > 0))
        fl |= FACT_IMPOSSIBLE;
    return fl;
}

typedef struct {
    int warned_rate;       /* the once-per-source rate warning was given */
    const char *latest_cur;/* the latest rate of this currency, found once */
    scan_num_dec latest_rate;
    int latest_year;
} add_state;

/* An amount with no year at all (no period, no document date) takes the
 * latest year that has a rate, searched down from RATE_LATEST_FROM (no
 * clock: the output never depends on the day it runs) over
 * RATE_LATEST_SPAN years; found once per source and currency. */
#define RATE_LATEST_FROM 2100
#define RATE_LATEST_SPAN 200

static int latest_rate(const gazetteer *gz, const char *cur, add_state *st, scan_num_dec *rate,
                       int *rate_year)
{
    if (!cur)
        return 0;
    if (!strcmp(cur, "USD"))
        return model_usd_rate(gz, cur, 0, rate, rate_year);
    if (!st->latest_cur || strcmp(st->latest_cur, cur)) {
        double r = 0;
        int y = RATE_LATEST_FROM;
        while (y > RATE_LATEST_FROM - RATE_LATEST_SPAN &&
               !(attribute_gazetteer_usd_rate(gz, cur, y, &r) && r > 0))
            y--;
        if (y <= RATE_LATEST_FROM - RATE_LATEST_SPAN)
            return 0;
        st->latest_cur = cur;
        st->latest_rate = rate_from_double(r);
        st->latest_year = y;
    }
    *rate = st->latest_rate;
    *rate_year = st->latest_year;
    return 1;
}

/* Convert amount i to USD cents at the rate of its period's last year. */
static void convert(model *m, size_t i, const fact_source *s, const period_of *p, int has_period,
                    add_state *st, diag *d)
{
    fact_table *f = &m->f;
    const obs *o = &f->o[i];
    int want = has_period ? p->end_year : s->doc_year;
    int ry = 0;
    scan_num_dec rate;
    if (want ? !model_usd_rate(m->gz, o->unit, want, &rate, &ry)
             : !latest_rate(m->gz, o->unit, st, &rate, &ry)) {
        diag_warn(d, s->name, o->line, "no USD rate for \"%s\": amount not summed",
                  o->unit ? o->unit : "(no currency)");
        f->flags[i] |= FACT_NO_RATE;
        return;
    }
    f->rate[i] = rate;
    f->rate_year[i] = (int16_t)ry;
    if (ry && ry != want) {
        f->flags[i] |= FACT_RATE_OTHER_YEAR;
        if (!st->warned_rate) {
            st->warned_rate = 1;
            if (want)
                diag_warn(d, s->name, o->line,
                          "no %s rate for %d: the %d rate is used (said once per source)",
                          o->unit, want, ry);
            else
                diag_warn(d, s->name, o->line,
                          "no year for the %s rate (no period, no document date): the %d rate "
                          "is used (said once per source)", o->unit, ry);
        }
    }
    if (!model_usd_cents(o->value, rate, &f->v[i])) {      /* beyond an int64 */
        diag_warn(d, s->name, o->line, "amount above %s USD: impossible, not summed",
                  MODEL_MAX_USD_TEXT);
        f->flags[i] |= FACT_NO_RATE | FACT_IMPOSSIBLE;
        f->v[i] = 0;
    } else if (f->v[i] > MODEL_MAX_USD_CENTS) {
        diag_warn(d, s->name, o->line, "amount above %s USD: impossible, not summed",
                  MODEL_MAX_USD_TEXT);
        f->flags[i] |= FACT_IMPOSSIBLE;
    }
}

/* The strings of few values (a unit, a fund, a country, a region, a
 * sector, a sheet's name, a partner, a locality: a few dozen values over a
 * million facts) are kept once each when shorter than this (dupi); the
 * others (a snippet, a title, a label: one a fact or nearly) are copied
 * (dupo). */
#define STR_SHARED_MAX 64

static int str_eq(uint32_t row, const void *key, void *ctx)
{
    const model *m = ctx;
    return !strcmp(m->strs[row], key);
}

/* s kept once in m (short strings), NULL when out of memory. */
static const char *shared_str(model *m, const char *s, size_t len)
{
    uint64_t h = hash_bytes(s, len, 0);
    uint32_t row = hidx_find(&m->str_index, h, str_eq, s, m);
    if (row != HIDX_NONE)
        return m->strs[row];
    char *c = arena_strndup(m->a, s, len);
    if (!c || m->n_strs >= UINT32_MAX - 1 ||
        vec_reserve((void **)&m->strs, &m->cap_strs, m->n_strs + 1, sizeof *m->strs) ||
        hidx_insert(&m->str_index, h, (uint32_t)m->n_strs))
        return NULL;
    m->strs[m->n_strs++] = c;
    return c;
}

/* A copy of s (NULL: NULL) owned by m; *fail set when out of memory. */
static const char *dupo(model *m, const char *s, int *fail)
{
    if (!s)
        return NULL;
    const char *c = arena_strdup(m->a, s);
    if (!c)
        *fail = 1;
    return c;
}

/* The same for a string of few values: kept once. */
static const char *dupi(model *m, const char *s, int *fail)
{
    if (!s)
        return NULL;
    size_t len = strlen(s);
    const char *c = len < STR_SHARED_MAX ? shared_str(m, s, len) : arena_strndup(m->a, s, len);
    if (!c)
        *fail = 1;
    return c;
}

/* The dimensions (bit DIM_SECTOR, DIM_FUND) that some row of each run of a
 * source states: a row of the run that does not state one is a row whose
 * member is not stated (_X), not the run's total.  *out: calloc'ed, indexed
 * by run id, caller frees; NULL when the source has no runs. */
static ac_error run_dims(const obs *o, size_t n, uint8_t **out)
{
    int max = 0;
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        if (o[i].group > max)
            max = o[i].group;
    if (!max)
        return AC_OK;
    uint8_t *dims = calloc((size_t)max + 1, 1);
    if (!dims)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        if (o[i].group > 0)
            dims[o[i].group] |= (uint8_t)((o[i].sector ? 1u << DIM_SECTOR : 0) |
                                          (o[i].fund ? 1u << DIM_FUND : 0));
    *out = dims;
    return AC_OK;
}

static ac_error add_fact(model *m, const fact_source *s, int src, const obs *in, unsigned stated,
                         add_state *st, diag *d)
{
    fact_table *f = &m->f;
    if (facts_reserve(f, f->n + 1))
        return AC_ERR_NOMEM;
    size_t i = f->n;
    int fail = 0;
    obs *o = &f->o[i];
    *o = *in;
    o->doc = s->name;
    o->path = s->path;
    o->unit = dupi(m, in->unit, &fail);
    o->fund = dupi(m, in->fund, &fail);
    o->country = dupi(m, in->country, &fail);
    o->region = dupi(m, in->region, &fail);
    o->sector = dupi(m, in->sector, &fail);
    o->snippet = dupo(m, in->snippet, &fail);
    o->label = dupo(m, in->label, &fail);
    o->sheet = dupi(m, in->sheet, &fail);
    o->title = dupo(m, in->title, &fail);
    o->partner = dupi(m, in->partner, &fail);
    o->locality = dupi(m, in->locality, &fail);
    if (fail)
        return AC_ERR_NOMEM;
    int32_t key[DIM__N];
    period_of p = {0};
    int has_period;
    if (place(m, o, s->doc_year, key, &p, &has_period))
        return AC_ERR_NOMEM;
    if (o->project) {
        /* one project is never a total: what it does not state is unknown */
        stated |= 1u << DIM_SECTOR | 1u << DIM_FUND;
        char rns[64];
        snprintf(rns, sizeof rns, REGION_NOT_STATED, o->country ? o->country : "");
        if (!o->region && key[DIM_REGION] &&
            (key[DIM_REGION] = intern(m, DIM_REGION, MK_REGION, rns, o->country)) < 0)
            return AC_ERR_NOMEM;
        if (!o->country)
            stated |= 1u << DIM_REGION;
    }
    for (int k = 0; k < DIM__N; k++)
        f->key[k][i] = !key[k] && (stated >> k & 1) ? KEY_NOT_STATED : key[k];
    f->measure[i] = (uint8_t)o->measure;
    f->kind[i] = (uint8_t)(o->measure == OBS_AMOUNT && o->kind > 0 && o->kind < KIND__N ? o->kind
                                                                                       : KIND_NONE);
    o->kind = f->kind[i];
    f->flags[i] = obs_flags(o);
    f->source[i] = src;
    f->rate[i] = (scan_num_dec){1, 0};
    f->rate_year[i] = 0;
    f->v[i] = 0;
    if (o->measure == OBS_AMOUNT)
        convert(m, i, s, &p, has_period, st, d);
    else if (o->measure == OBS_COUNT) {
        scan_num_dec v = o->value;
        int64_t q = v.mant;
        for (int k = 0; k < v.scale; k++)
            q /= 10;
        f->v[i] = q;
        if (q > MODEL_MAX_COUNT)
            f->flags[i] |= FACT_IMPOSSIBLE;
    }
    f->n++;
    return AC_OK;
}

typedef struct {
    size_t facts, src, cover;
    size_t members[DIM__N];
} model_mark;

static void rollback(model *m, const model_mark *mk)
{
    m->f.n = mk->facts;
    m->n_src = mk->src;
    m->dim[DIM_REGION].ncover = mk->cover;
    for (int d = 0; d < DIM__N; d++)
        if (m->dim[d].n != mk->members[d]) {
            m->dim[d].n = mk->members[d];
            (void)dim_reindex(&m->dim[d]);   /* shrinking: no allocation can fail
                                                beyond what the index held */
        }
    hidx_free(&m->src_by_hash);
    for (size_t i = 0; i < m->n_src; i++)
        (void)hidx_insert(&m->src_by_hash,
                          hash_bytes(m->src[i].sha256, strlen(m->src[i].sha256), 0),
                          (uint32_t)i);
}

static ac_error add_source_row(model *m, const fact_source *s, fact_source **out)
{
    if (vec_reserve((void **)&m->src, &m->cap_src, m->n_src + 1, sizeof *m->src))
        return AC_ERR_NOMEM;
    fact_source *cs = &m->src[m->n_src];
    int fail = 0;
    *cs = *s;
    cs->name = dupo(m, s->name, &fail);
    cs->path = dupo(m, s->path, &fail);
    cs->encoding = dupo(m, s->encoding, &fail);
    cs->lang = dupo(m, s->lang, &fail);
    cs->country = dupo(m, s->country, &fail);
    if (fail)
        return AC_ERR_NOMEM;
    if (cs->sha256[0] && hidx_insert(&m->src_by_hash,
                                     hash_bytes(cs->sha256, strlen(cs->sha256), 0),
                                     (uint32_t)m->n_src))
        return AC_ERR_NOMEM;
    m->n_src++;
    *out = cs;
    return AC_OK;
}

ac_error model_add_source(model *m, const fact_source *s, const obs *o, size_t n, diag *d)
{
    if (m->frozen)
        return AC_ERR_USAGE;
    model_mark mk = {m->f.n, m->n_src, m->dim[DIM_REGION].ncover, {0}};
    for (int k = 0; k < DIM__N; k++)
        mk.members[k] = m->dim[k].n;
    fact_source *cs;
    ac_error err = add_source_row(m, s, &cs);
    add_state st = {0};
    int src = (int)m->n_src - 1;
    uint8_t *runs = NULL;
    if (!err)
        err = run_dims(o, n, &runs);
    for (size_t i = 0; !err && i < n; i++)
        err = add_fact(m, cs, src, &o[i], runs && o[i].group > 0 ? runs[o[i].group] : 0, &st, d);
    free(runs);
    if (err)
        rollback(m, &mk);
    return err;
}

/* ---- freezing: parents, order, keys ------------------------------------------------ */

static int period_contains(const member *a, const member *b)
{
    if (a->start > b->start || a->end < b->end)
        return 0;
    if (a->start != b->start || a->end != b->end)
        return 1;
    return a->kind < b->kind;   /* same dates: one order, so a tree */
}

/* Days since 1 January 1970 of a yyyymmdd date (H. Hinnant's
 * days_from_civil): lengths of periods in days. */
static int64_t ymd_days(int32_t ymd)
{
    int64_t y = ymd / 10000, mo = ymd / 100 % 100, d = ymd % 100;
    y -= mo <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int64_t model_period_days(const member *p)
{
    return ymd_days(p->end) - ymd_days(p->start) + 1;
}

/* Is period a a better parent than b (both contain the child)?  The
 * shorter one (a period strictly inside another is shorter, so the
 * shortest container is a smallest one), then the earlier, then the more
 * specific kind: by content, never by the order periods were stated. */
static int better_parent(const member *a, const member *b)
{
    int64_t la = model_period_days(a), lb = model_period_days(b);
    if (la != lb)
        return la < lb;
    if (a->start != b->start)
        return a->start < b->start;
    return a->kind < b->kind;
}

/* The parent of period i: the smallest period containing it among those
 * of figures the cube shows (shown[j]); 0 (_T) when none. */
static int32_t period_parent(const dimension *d, size_t i, const uint8_t *shown)
{
    int32_t best = 0;
    for (size_t j = KEY_FIRST_MEMBER; j < d->n; j++) {
        if (j == i || !shown[j] || !period_contains(&d->m[j], &d->m[i]))
            continue;
        if (!best || better_parent(&d->m[j], &d->m[best]))
            best = (int32_t)j;
    }
    return best;
}

static int covers(const dimension *d, const member *g, const char *region)
{
    for (int32_t k = 0; k < g->ncover; k++)
        if (!strcmp(d->cover[g->cover0 + k], region))
            return 1;
    return 0;
}

static int32_t region_parent(const dimension *d, size_t i)
{
    const member *r = &d->m[i];
    if (r->kind == MK_COUNTRY)
        return 0;
    int32_t country = 0, grouping = 0;
    for (size_t j = KEY_FIRST_MEMBER; j < d->n; j++) {
        const member *x = &d->m[j];
        if (j == i || !x->code || !r->code || strcmp(x->code, r->code))
            continue;
        if (x->kind == MK_COUNTRY)
            country = (int32_t)j;
        else if (r->kind == MK_REGION && x->kind == MK_GROUPING && covers(d, x, r->name) &&
                 (!grouping || strcmp(x->name, d->m[grouping].name) < 0))
            grouping = (int32_t)j;
    }
    return grouping ? grouping : country;
}

/* The periods of the figures the cube shows (model_fact_makes_cell): the
 * ones a period's parent is chosen among.  NULL when out of memory. */
static uint8_t *shown_periods(const model *m)
{
    uint8_t *shown = calloc(m->dim[DIM_PERIOD].n + 1, 1);
    for (size_t i = 0; shown && i < m->f.n; i++)
        if (model_fact_makes_cell(m, i))
            shown[m->f.key[DIM_PERIOD][i]] = 1;
    return shown;
}

static ac_error link_parents(model *m)
{
    uint8_t *shown = shown_periods(m);
    if (!shown)
        return AC_ERR_NOMEM;
    for (int dim = 0; dim < DIM__N; dim++) {
        dimension *d = &m->dim[dim];
        for (size_t i = KEY_FIRST_MEMBER; i < d->n; i++)
            d->m[i].parent = dim == DIM_PERIOD ? period_parent(d, i, shown)
                           : dim == DIM_REGION ? region_parent(d, i)
                           : dim == DIM_SECTOR ? sector_parent(m, i) : 0;
    }
    free(shown);
    return AC_OK;
}

typedef struct {
    const member *m;
    int32_t old;
} sort_row;

static int cmp_rows(const void *x, const void *y)
{
    const member *a = ((const sort_row *)x)->m, *b = ((const sort_row *)y)->m;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;    /* the wider period first */
    int r = strcmp(a->code ? a->code : "", b->code ? b->code : "");
    if (r)
        return r;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;  /* a country before its regions */
    return strcmp(a->name, b->name);
}

static ac_error sort_dim(model *m, int dim)
{
    dimension *d = &m->dim[dim];
    size_t n = d->n;
    sort_row *rows = malloc(n * sizeof *rows);
    int32_t *newkey = malloc(n * sizeof *newkey);
    member *copy = malloc(n * sizeof *copy);
    ac_error err = AC_ERR_NOMEM;
    if (!rows || !newkey || !copy)
        goto done;
    for (size_t i = 0; i < n; i++)
        rows[i] = (sort_row){&d->m[i], (int32_t)i};
    qsort(rows + KEY_FIRST_MEMBER, n - KEY_FIRST_MEMBER, sizeof *rows, cmp_rows);
    for (size_t i = 0; i < n; i++)
        newkey[rows[i].old] = (int32_t)i;
    for (size_t i = 0; i < n; i++)
        copy[i] = *rows[i].m;
    for (size_t i = 0; i < n; i++) {
        d->m[i] = copy[i];
        d->m[i].parent = newkey[copy[i].parent];
    }
    for (size_t i = 0; i < m->f.n; i++)
        m->f.key[dim][i] = newkey[m->f.key[dim][i]];
    err = dim_reindex(d);
done:
    free(rows);
    free(newkey);
    free(copy);
    return err;
}

static void set_depths(dimension *d)
{
    for (size_t i = KEY_FIRST_MEMBER; i < d->n; i++) {
        int depth = 1;
        for (int32_t p = d->m[i].parent; p && depth < 64; p = d->m[p].parent)
            depth++;
        d->m[i].depth = depth;
    }
}

/* A period is its dates, and so are its kind and name: a calendar year
 * (1 January to 31 December: "2016"), a UN fiscal year (1 July to 30 June
 * of the next year: "2016/2017"), else a span of calendar years
 * ("2013-2017", also what "depuis 2013" in a 2017 report states).  Never
 * the words one source used: a period's name does not depend on which
 * other sources state the same dates. */
static member_kind period_kind_of(int32_t start, int32_t end)
{
    int y1 = start / 10000, y2 = end / 10000;
    if (start % 10000 == 101 && end % 10000 == 1231 && y1 == y2)
        return MK_YEAR;
    if (start % 10000 == 701 && end % 10000 == 630 && y2 == y1 + 1)
        return MK_FISCAL;
    return MK_SPAN;
}

static ac_error name_periods(model *m)
{
    dimension *d = &m->dim[DIM_PERIOD];
    for (size_t i = KEY_FIRST_MEMBER; i < d->n; i++) {
        member *pm = &d->m[i];
        int y1 = pm->start / 10000, y2 = pm->end / 10000;
        pm->kind = period_kind_of(pm->start, pm->end);
        pm->code = model_member_kind_name(pm->kind);
        pm->name = pm->kind == MK_YEAR ? arena_printf(m->a, "%d", y1)
                 : pm->kind == MK_FISCAL ? arena_printf(m->a, "%d/%d", y1, y2)
                 : arena_printf(m->a, "%d-%d", y1, y2);
        if (!pm->name)
            return AC_ERR_NOMEM;
    }
    return AC_OK;
}

/* The index of sources by content, rebuilt in place: as many rows as it
 * held or fewer, so that it never grows (and cannot fail). */
static void reindex_sources(model *m)
{
    hidx *h = &m->src_by_hash;
    if (h->cap)
        memset(h->slot, 0, h->cap * sizeof *h->slot);
    h->n = 0;
    for (size_t i = 0; i < m->n_src; i++)
        if (m->src[i].sha256[0])
            (void)hidx_insert(h, hash_bytes(m->src[i].sha256, strlen(m->src[i].sha256), 0),
                              (uint32_t)i);
}

/* Sources in the order of their names (bytes), then of their contents'
 * SHA-256, then of their paths: a function of the set of sources, never of
 * the order they were given in. */
static int cmp_sources(const void *x, const void *y, void *ctx)
{
    const model *m = ctx;
    int32_t i = *(const int32_t *)x, j = *(const int32_t *)y;
    const fact_source *a = &m->src[i], *b = &m->src[j];
    int r = strcmp(a->name ? a->name : "", b->name ? b->name : "");
    if (!r)
        r = strcmp(a->sha256, b->sha256);
    if (!r)
        r = strcmp(a->path ? a->path : "", b->path ? b->path : "");
    return r ? r : (i > j) - (i < j);
}

/* Column col (elements of size bytes) of n facts put in the order was[]
 * (was[i]: the fact now at i), in place, cycle by cycle: tmp holds one
 * element, done one flag per fact. */
static void permute_column(void *col, size_t size, const uint32_t *was, size_t n, char *tmp,
                           uint8_t *done)
{
    char *c = col;
    memset(done, 0, n);
    for (size_t i = 0; i < n; i++) {
        if (done[i] || was[i] == i)
            continue;
        memcpy(tmp, c + i * size, size);
        size_t j = i;
        while (was[j] != i) {
            memcpy(c + j * size, c + (size_t)was[j] * size, size);
            done[j] = 1;
            j = was[j];
        }
        memcpy(c + j * size, tmp, size);
        done[j] = 1;
    }
}

/* Renumber sources in their canonical order (cmp_sources) and facts by
 * their source, each source's facts in the order it states them: every
 * tie downstream ("the first of equals") is then broken by content.
 * m->src_was and m->fact_was keep the numbers they had before. */
static ac_error canonical_order(model *m)
{
    size_t ns = m->n_src, nf = m->f.n;
    int32_t *order = malloc((ns ? ns : 1) * sizeof *order);
    int32_t *rank = malloc((ns ? ns : 1) * sizeof *rank);
    size_t *start = calloc(ns + 1, sizeof *start);
    uint32_t *was = malloc((nf ? nf : 1) * sizeof *was);
    fact_source *src = malloc((ns ? ns : 1) * sizeof *src);
    uint8_t *done = malloc(nf ? nf : 1);
    char *tmp = malloc(sizeof(obs));         /* the widest column's element */
    ac_error err = AC_ERR_NOMEM;
    if (!order || !rank || !start || !was || !src || !done || !tmp)
        goto done;
    for (size_t i = 0; i < ns; i++)
        order[i] = (int32_t)i;
    qsort_r(order, ns, sizeof *order, cmp_sources, m);
    for (size_t i = 0; i < ns; i++) {
        rank[order[i]] = (int32_t)i;
        src[i] = m->src[order[i]];
    }
    for (size_t i = 0; i < nf; i++)         /* a counting sort by rank: */
        start[rank[m->f.source[i]] + 1]++;   /* stable within a source  */
    for (size_t i = 0; i < ns; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < nf; i++)
        was[start[rank[m->f.source[i]]]++] = (uint32_t)i;
    void **col[FACT_COLS];
    size_t size[FACT_COLS], nc = fact_columns(&m->f, col, size), moved = 0;
    for (size_t i = 0; i < nf; i++)
        moved += was[i] != i;
    for (size_t k = 0; k < nc && moved; k++) {   /* most often in order already */
        char *t = size[k] <= sizeof(obs) ? tmp : NULL;
        if (!t && !(t = realloc(tmp, size[k])))
            goto done;
        tmp = t;
        permute_column(*col[k], size[k], was, nf, tmp, done);
    }
    for (size_t i = 0; i < nf; i++)
        m->f.source[i] = rank[m->f.source[i]];
    if (ns)
        memcpy(m->src, src, ns * sizeof *src);
    reindex_sources(m);
    err = AC_OK;
    m->src_was = order;
    m->fact_was = was;
    order = NULL;
    was = NULL;
done:
    free(order);
    free(rank);
    free(start);
    free(was);
    free(src);
    free(done);
    free(tmp);
    return err;
}

ac_error model_freeze(model *m)
{
    if (m->frozen)
        return AC_OK;
    ac_error err = canonical_order(m);
    if (!err)
        err = name_periods(m);
    if (!err)
        err = add_sector_ancestors(m);
    if (!err)
        err = link_parents(m);
    if (err)
        return err;
    for (int d = 0; d < DIM__N; d++) {
        if ((err = sort_dim(m, d)))
            return err;
        set_depths(&m->dim[d]);
    }
    if ((err = model_kind_mark_apart(m)))
        return err;
    m->frozen = 1;
    return AC_OK;
}

/* ---- queries ------------------------------------------------------------------ */

int model_within(const model *m, int dim, int32_t a, int32_t b)
{
    if (b == KEY_TOTAL)
        return 1;
    for (int guard = 0; a && guard < 64; guard++) {
        if (a == b)
            return 1;
        a = m->dim[dim].m[a].parent;
    }
    return 0;
}

static int region_shares(const dimension *d, const member *a, const member *b)
{
    if (a->kind == MK_REGION)
        return b->kind == MK_REGION ? !strcmp(a->name, b->name) : covers(d, b, a->name);
    if (b->kind == MK_REGION)
        return covers(d, a, b->name);
    for (int32_t k = 0; k < a->ncover; k++)
        if (covers(d, b, d->cover[a->cover0 + k]))
            return 1;
    return 0;
}

int model_grouping_covers(const model *m, int32_t g, int32_t r)
{
    const dimension *d = &m->dim[DIM_REGION];
    const member *gm = &d->m[g], *rm = &d->m[r];
    return gm->kind == MK_GROUPING && rm->kind == MK_REGION && gm->code && rm->code &&
           !strcmp(gm->code, rm->code) && covers(d, gm, rm->name);
}

int model_overlap(const model *m, int dim, int32_t a, int32_t b)
{
    if (a == b || model_within(m, dim, a, b) || model_within(m, dim, b, a))
        return 1;
    const dimension *d = &m->dim[dim];
    const member *x = &d->m[a], *y = &d->m[b];
    if (dim == DIM_PERIOD)
        return x->start <= y->end && y->start <= x->end;
    if (dim == DIM_REGION && x->code && y->code && !strcmp(x->code, y->code) &&
        x->kind != MK_COUNTRY && y->kind != MK_COUNTRY)
        return region_shares(d, x, y);
    return 0;
}

const char *model_member_name(const model *m, int dim, int32_t key)
{
    if (key < 0 || (size_t)key >= m->dim[dim].n)
        return "Total";
    return m->dim[dim].m[key].name;
}

const char *model_member_kind_name(member_kind k)
{
    static const char *const names[] = {
        "total", "not stated", "sector", "fund", "country", "grouping", "region",
        "year", "fiscal", "span", "cumulative"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "";
}

int model_fact_summable(const model *m, size_t i, int projects)
{
    const fact_table *f = &m->f;
    if (f->flags[i] & (FACT_CAP | FACT_PER_YEAR | FACT_NO_RATE | FACT_IMPOSSIBLE | FACT_AVERAGE |
                       FACT_RESTATEMENT | FACT_SUBSET_TOTAL))
        return 0;
    if (projects)
        return f->measure[i] == OBS_COUNT && f->o[i].unit && !strcmp(f->o[i].unit, "projects") &&
               model_kind_in_view(m, i);
    return f->measure[i] == OBS_AMOUNT && model_kind_in_view(m, i);
}

int model_share_usable(const model *m, size_t i)
{
    return m->f.measure[i] == OBS_SHARE && !(m->f.flags[i] & FACT_IMPOSSIBLE) &&
           m->f.kind[i] != KIND_CHANGE;
}

int model_fact_makes_cell(const model *m, size_t i)
{
    if (model_fact_summable(m, i, 0) || model_fact_summable(m, i, 1))
        return 1;
    return model_share_usable(m, i);
}

/* ---- one fund's facts as a model of their own ------------------------------- */

/* The regions grouping k of `from` covers, as grouping r of `to`. */
static ac_error copy_cover(model *to, int32_t r, const model *from, int32_t k)
{
    dimension *d = &to->dim[DIM_REGION];
    const dimension *fd = &from->dim[DIM_REGION];
    const member *g = &fd->m[k];
    if (d->m[r].ncover || !g->ncover)
        return AC_OK;
    d->m[r].cover0 = (int32_t)d->ncover;
    for (int32_t i = 0; i < g->ncover; i++) {
        if (vec_reserve((void **)&d->cover, &d->capcover, d->ncover + 1, sizeof *d->cover))
            return AC_ERR_NOMEM;
        d->cover[d->ncover++] = fd->cover[g->cover0 + i];   /* the gazetteer's */
    }
    d->m[r].ncover = g->ncover;
    return AC_OK;
}

/* The member of `to` that is member k of dimension dim of the frozen model
 * `from`: the same kind, name and code (a period: the same dates and kind;
 * a region or grouping: with its country; a grouping: with the regions it
 * covers), added when new.  -1 when out of memory. */
static int32_t copy_member(model *to, const model *from, int dim, int32_t k)
{
    const member *mb = &from->dim[dim].m[k];
    if (k < KEY_FIRST_MEMBER)
        return k;
    if (dim == DIM_PERIOD) {
        char dates[24];
        snprintf(dates, sizeof dates, "%d-%d", mb->start, mb->end);
        int32_t r = intern(to, DIM_PERIOD, MK_SPAN, dates, NULL);
        if (r >= 0) {
            member *pm = &to->dim[DIM_PERIOD].m[r];
            pm->start = mb->start;
            pm->end = mb->end;
        }
        return r;
    }
    if (dim == DIM_REGION && mb->kind != MK_COUNTRY && mb->code &&
        intern(to, DIM_REGION, MK_COUNTRY, mb->code, mb->code) < 0)
        return -1;
    int32_t r = intern(to, dim, mb->kind, mb->name, mb->code);
    if (r >= 0 && mb->kind == MK_GROUPING && copy_cover(to, r, from, k))
        return -1;
    return r;
}

/* Fact i of the frozen model `from` appended to `to` as fact of source src:
 * its members, value, kind, rate and flags as they are (FACT_LEAF cleared:
 * the cube of `to` sets its own; the flags in `clear` too), its
 * observation's strings copied. */
static ac_error copy_fact(model *to, const model *from, size_t i, int32_t src, uint32_t clear)
{
    fact_table *f = &to->f;
    const fact_table *g = &from->f;
    if (facts_reserve(f, f->n + 1))
        return AC_ERR_NOMEM;
    size_t j = f->n;
    for (int d = 0; d < DIM__N; d++)
        if ((f->key[d][j] = copy_member(to, from, d, g->key[d][i])) < 0)
            return AC_ERR_NOMEM;
    int fail = 0;
    obs *o = &f->o[j];
    const obs *in = &g->o[i];
    *o = *in;
    o->doc = to->src[src].name;
    o->path = to->src[src].path;
    const char **few[] = {&o->unit, &o->fund, &o->country, &o->region, &o->sector, &o->sheet,
                          &o->partner, &o->locality};
    const char **one[] = {&o->snippet, &o->label, &o->title};
    for (size_t k = 0; k < sizeof few / sizeof *few; k++)
        *few[k] = dupi(to, *few[k], &fail);
    for (size_t k = 0; k < sizeof one / sizeof *one; k++)
        *one[k] = dupo(to, *one[k], &fail);
    if (fail)
        return AC_ERR_NOMEM;
    f->measure[j] = g->measure[i];
    f->v[j] = g->v[i];
    f->flags[j] = g->flags[i] & ~((uint32_t)FACT_LEAF | clear);
    f->source[j] = src;
    f->rate[j] = g->rate[i];
    f->rate_year[j] = g->rate_year[i];
    f->kind[j] = g->kind[i];
    f->n++;
    return AC_OK;
}

/* Which facts a filtered model keeps (model_filter_fund, model_filter_kind). */
typedef struct {
    int32_t fund;       /* the fund's key; 0: any fund         */
    int kind;           /* amounts of this kind only; -1: any  */
} fact_filter;

static int filter_keeps(const model *m, size_t i, const fact_filter *k)
{
    if (k->fund && m->f.key[DIM_FUND][i] != k->fund)
        return 0;
    return k->kind < 0 || (m->f.measure[i] == OBS_AMOUNT && m->f.kind[i] == k->kind);
}

/* A new frozen model of view `view` holding the facts of the frozen model
 * m that k keeps, copied as they are in m's canonical order, sources with
 * none left out (FACT_APART cleared outside the funding view: the rule is
 * the funding's). */
static ac_error filter_facts(const model *m, const fact_filter *k, int view, model **out)
{
    model *n;
    if (!m->frozen)
        return AC_ERR_USAGE;
    ac_error err = model_new(m->gz, &n);
    if (err)
        return err;
    n->view = view;
    uint32_t clear = view == MODEL_FUNDING ? 0 : FACT_APART;
    for (size_t s = 0, i = 0; !err && s < m->n_src; s++) {
        fact_source *cs = NULL;
        for (; !err && i < m->f.n && m->f.source[i] == (int32_t)s; i++)
            if (filter_keeps(m, i, k) && (cs || !(err = add_source_row(n, &m->src[s], &cs))))
                err = copy_fact(n, m, i, (int32_t)(n->n_src - 1), clear);
    }
    if (!err)
        err = model_freeze(n);
    if (err) {
        model_free(n);
        return err;
    }
    *out = n;
    return AC_OK;
}

ac_error model_filter_fund(const model *m, const char *fund, diag *d, model **out)
{
    (void)d;                 /* the facts are copied as they are: nothing to say */
    fact_filter k = {-1, -1};
    for (size_t f = KEY_FIRST_MEMBER; f < m->dim[DIM_FUND].n; f++)
        if (!strcmp(m->dim[DIM_FUND].m[f].name, fund))
            k.fund = (int32_t)f;
    return filter_facts(m, &k, m->view, out);
}

ac_error model_filter_kind(const model *m, int kind, diag *d, model **out)
{
    (void)d;                 /* the facts are copied as they are: nothing to say */
    fact_filter k = {0, kind};
    return filter_facts(m, &k, kind, out);
}

/* Source k and its facts out of the model; the sources after it move down
 * one.  Cannot fail. */
static void remove_source(model *m, size_t k)
{
    fact_table *f = &m->f;
    void **col[FACT_COLS];
    size_t size[FACT_COLS], nc = fact_columns(f, col, size), w = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (f->source[i] == (int32_t)k)
            continue;
        for (size_t c = 0; c < nc && w != i; c++)
            memcpy((char *)*col[c] + w * size[c], (char *)*col[c] + i * size[c], size[c]);
        f->source[w] -= f->source[w] > (int32_t)k;
        w++;
    }
    f->n = w;
    memmove(&m->src[k], &m->src[k + 1], (m->n_src - k - 1) * sizeof *m->src);
    m->n_src--;
    reindex_sources(m);
}

ac_error model_source_replace(model *m, const fact_source *old, const fact_source *s, const obs *o,
                              size_t n, diag *d)
{
    if (m->frozen)
        return AC_ERR_USAGE;
    size_t k = (size_t)(old - m->src);
    ac_error err = model_add_source(m, s, o, n, d);
    if (!err)
        remove_source(m, k);
    return err;
}
