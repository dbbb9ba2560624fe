/*
 * warehouse_load.c — one load batch: the frozen fact model into the warehouse, in
 * one transaction (see warehouse.h for the data flow and the invariants).
 *
 * Members are upserted by their natural keys (sector: kind and name; fund:
 * kind and code; geography: kind, country and name; period: its dates, the
 * most specific kind kept) and mapped from the model's keys to the
 * warehouse's surrogate keys; keys 0 (_T) and 1 (_X) are the same in both.
 * Facts go through COPY fact FROM STDIN in text format: every text field
 * escaped (\\ \t \n \r), NULL as \N, rows sent in 64 KiB chunks.  What a
 * spreadsheet fact carries goes with it: sheet, column, locality, dates,
 * duration, the rows a total covers; its project (dim_project: source and
 * title) and partner (dim_partner: name) are upserted before the COPY, as
 * the currencies are.  Rejects (files, and spreadsheet rows with their
 * sheet, column and raw value) go to the reject table.
 *
 * Memory: the key maps and the COPY buffer are malloc'd here and freed on
 * every path (one `done` label); nothing is kept after return.
 */
#include "warehouse_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../scan/scan.h"

enum { ACT_NONE, ACT_LOADED, ACT_REPLACED, ACT_SKIPPED };
static const char *const act_name[] = {"", "loaded", "replaced", "skipped"};

typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* The COPY text-format escape of one byte, or NULL when it stands as is. */
static const char *escape(char c)
{
    return c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
}

size_t warehouse_copy_escape(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = s ? s : "\\N"; *p; p++) {
        const char *e = s ? escape(*p) : NULL;
        for (size_t k = 0; k < (e ? 2u : 1u); k++, n++)
            if (n + 1 < cap)
                out[n] = e ? e[k] : *p;
    }
    if (cap)
        out[n < cap ? n : cap - 1] = '\0';
    return n;
}

/* A COPY text field: NULL as \N, else escaped; then the delimiter. */
static void field(buf *b, const char *s, char end)
{
    if (!s) {
        put(b, "\\N", 2);
    } else {
        for (const char *p = s; *p; p++) {
            const char *e = escape(*p);
            if (e)
                put(b, e, 2);
            else
                put(b, p, 1);
        }
    }
    put(b, &end, 1);
}

static void field_ll(buf *b, long long v, char end)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", v);
    field(b, t, end);
}

typedef struct {
    warehouse *w;
    diag *d;
    const model *m;
    int32_t *key[DIM__N];      /* model key -> warehouse key            */
    struct { char code[4]; int key; } cur[64];
    size_t ncur;
    struct { int cur, year; } rates[256];
    size_t nrates;
    int32_t *project, *partner;    /* per fact: warehouse key, 0: none  */
} ctx;

/* One value of a single-row result (the key an upsert returned). */
static ac_error one_int(ctx *x, const char *what, const char *sql, int n,
                        const char *const *p, long long *out)
{
    PGresult *r = warehouse_exec(x->w, PGRES_TUPLES_OK, what, x->d, sql, n, p);
    if (!r)
        return AC_ERR_DB;
    *out = PQntuples(r) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return AC_OK;
}

static ac_error cmd_ok(ctx *x, const char *what, const char *sql, int n, const char *const *p)
{
    PGresult *r = warehouse_exec(x->w, PGRES_COMMAND_OK, what, x->d, sql, n, p);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

static void date_of(int32_t ymd, char *out, size_t size)
{
    snprintf(out, size, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* A yyyymmdd long as an ISO date. */
static const char *ymd_date(long ymd, char *out, size_t size)
{
    snprintf(out, size, "%04ld-%02ld-%02ld", ymd / 10000, ymd / 100 % 100, ymd % 100);
    return out;
}

static const char *period_kind_sql(member_kind k)
{
    return k == MK_YEAR ? "year" : k == MK_FISCAL ? "fiscal" : k == MK_CUMULATIVE ? "cumulative"
                                                                                    : "span";
}

static ac_error upsert_members(ctx *x)
{
    const model *m = x->m;
    ac_error err = AC_OK;
    for (int dm = 0; dm < DIM__N; dm++) {
        const dimension *dim = &m->dim[dm];
        x->key[dm] = calloc(dim->n ? dim->n : 1, sizeof(int32_t));
        if (!x->key[dm])
            return diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        x->key[dm][KEY_TOTAL] = 0;
        x->key[dm][KEY_NOT_STATED] = 1;
        for (size_t k = KEY_FIRST_MEMBER; k < dim->n; k++) {
            const member *mb = &dim->m[k];
            long long key = 0;
            if (dm == DIM_SECTOR) {
                const char *p[2] = {mb->name, mb->code && *mb->code ? mb->code : NULL};
                err = one_int(x, "upserting a sector",
                              "INSERT INTO dim_sector (kind, name, dac_code) VALUES ('sector', $1, $2)"
                              " ON CONFLICT (kind, name) DO UPDATE"
                              " SET dac_code = coalesce(EXCLUDED.dac_code, dim_sector.dac_code)"
                              " RETURNING sector_key", 2, p, &key);
            } else if (dm == DIM_FUND) {
                const attribute_gz_entry *g = m->gz ? attribute_gazetteer_get(m->gz, GZ_FUND, mb->name) : NULL;
                char amt[40] = "", months[16] = "";
                if (g && g->max_amount > 0)
                    snprintf(amt, sizeof amt, "%.2f", g->max_amount);
                if (g && g->max_months > 0)
                    snprintf(months, sizeof months, "%d", g->max_months);
                const char *p[5] = {mb->name, g ? g->name : NULL, amt[0] ? amt : NULL,
                                    g && amt[0] && g->max_currency ? g->max_currency : NULL,
                                    months[0] ? months : NULL};
                err = one_int(x, "upserting a fund",
                              "INSERT INTO dim_fund (kind, code, name, max_amount, max_currency,"
                              " max_months) VALUES ('fund', $1, $2, $3, $4, $5)"
                              " ON CONFLICT (kind, code) DO UPDATE SET name = EXCLUDED.name,"
                              " max_amount = EXCLUDED.max_amount,"
                              " max_currency = EXCLUDED.max_currency,"
                              " max_months = EXCLUDED.max_months RETURNING fund_key", 5, p, &key);
            } else if (dm == DIM_REGION) {
                const char *kind = mb->kind == MK_COUNTRY ? "country"
                                 : mb->kind == MK_GROUPING ? "grouping" : "region";
                const char *p[3] = {kind, mb->name, mb->code};
                err = one_int(x, "upserting a place",
                              "INSERT INTO dim_geography (kind, name, country) VALUES ($1, $2, $3)"
                              " ON CONFLICT (kind, country, name) DO UPDATE SET name = EXCLUDED.name"
                              " RETURNING geo_key", 3, p, &key);
            } else {
                char d1[16], d2[16];
                date_of(mb->start, d1, sizeof d1);
                date_of(mb->end, d2, sizeof d2);
                const char *p[4] = {period_kind_sql(mb->kind), mb->name, d1, d2};
                /* a period is its dates, named by the most specific kind */
#define RANK(k) "array_position(ARRAY['year', 'fiscal', 'span', 'cumulative'], " k ")"
#define MORE_SPECIFIC RANK("EXCLUDED.kind") " < " RANK("dim_period.kind")
                err = one_int(x, "upserting a period",
                              "INSERT INTO dim_period (kind, label, first_day, last_day)"
                              " VALUES ($1, $2, $3, $4) ON CONFLICT (first_day, last_day) DO UPDATE"
                              " SET kind = CASE WHEN " MORE_SPECIFIC " THEN EXCLUDED.kind"
                              " ELSE dim_period.kind END,"
                              " label = CASE WHEN " MORE_SPECIFIC " THEN EXCLUDED.label"
                              " ELSE dim_period.label END RETURNING period_key", 4, p, &key);
            }
            if (err)
                return err;
            x->key[dm][k] = (int32_t)key;
        }
    }
    /* the hierarchies, once every member has its warehouse key */
    for (int dm = DIM_REGION; dm <= DIM_PERIOD; dm++) {
        const dimension *dim = &m->dim[dm];
        for (size_t k = KEY_FIRST_MEMBER; k < dim->n; k++) {
            const member *mb = &dim->m[k];
            char key[16], parent[16];
            snprintf(key, sizeof key, "%d", x->key[dm][k]);
            snprintf(parent, sizeof parent, "%d", x->key[dm][mb->parent]);
            const char *p[2] = {mb->parent > 0 ? parent : NULL, key};
            err = cmd_ok(x, "linking a member to its parent",
                         dm == DIM_REGION ? "UPDATE dim_geography SET parent_key = $1 WHERE geo_key = $2"
                                          : "UPDATE dim_period SET parent_key = $1 WHERE period_key = $2",
                         2, p);
            if (err)
                return err;
            for (int32_t c = 0; dm == DIM_REGION && c < mb->ncover; c++) {
                const char *q[2] = {key, dim->cover[mb->cover0 + c]};
                if ((err = cmd_ok(x, "recording a grouping's regions",
                                  "INSERT INTO geography_grouping (grouping_key, region_name)"
                                  " VALUES ($1, $2) ON CONFLICT DO NOTHING", 2, q)))
                    return err;
            }
        }
    }
    return AC_OK;
}

/* The warehouse key of a currency (upserted once per batch). */
static ac_error currency(ctx *x, const char *code, int *key)
{
    for (size_t i = 0; i < x->ncur; i++)
        if (!strcmp(x->cur[i].code, code)) {
            *key = x->cur[i].key;
            return AC_OK;
        }
    const attribute_gz_entry *g = x->m->gz ? attribute_gazetteer_get(x->m->gz, GZ_CURRENCY, code) : NULL;
    const char *p[2] = {code, g ? g->name : NULL};
    long long k;
    ac_error err = one_int(x, "upserting a currency",
                           "INSERT INTO dim_currency (code, name) VALUES ($1, $2)"
                           " ON CONFLICT (code) DO UPDATE SET name = coalesce(EXCLUDED.name,"
                           " dim_currency.name) RETURNING currency_key", 2, p, &k);
    if (err)
        return err;
    *key = (int)k;
    if (x->ncur < sizeof x->cur / sizeof *x->cur) {
        snprintf(x->cur[x->ncur].code, sizeof x->cur[0].code, "%s", code);
        x->cur[x->ncur++].key = (int)k;
    }
    return AC_OK;
}

static ac_error rate(ctx *x, int cur, int year, scan_num_dec r)
{
    for (size_t i = 0; i < x->nrates; i++)
        if (x->rates[i].cur == cur && x->rates[i].year == year)
            return AC_OK;
    char c[16], y[16], v[48];
    snprintf(c, sizeof c, "%d", cur);
    snprintf(y, sizeof y, "%d", year);
    scan_num_format(r, v, sizeof v);
    const char *p[3] = {c, y, v};
    ac_error err = cmd_ok(x, "recording an exchange rate",
                          "INSERT INTO exchange_rate (currency_key, year, usd_per_unit)"
                          " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", 3, p);
    if (!err && x->nrates < sizeof x->rates / sizeof *x->rates) {
        x->rates[x->nrates].cur = cur;
        x->rates[x->nrates++].year = year;
    }
    return err;
}

/* One fact as a COPY row. */
static ac_error fact_row(ctx *x, buf *b, size_t i, int src_key, int fact_no, long long batch)
{
    const fact_table *f = &x->m->f;
    const obs *o = &f->o[i];
    uint32_t flags = f->flags[i];
    int amount = f->measure[i] == OBS_AMOUNT;
    int cur = 0;
    if (amount && currency(x, o->unit, &cur))   /* upserted before the COPY */
        return AC_ERR_DB;
    char val[48], rt[48], per[24];
    field_ll(b, src_key, '\t');
    field_ll(b, fact_no, '\t');
    field_ll(b, batch, '\t');
    field_ll(b, o->line, '\t');
    field_ll(b, (long long)o->start, '\t');
    field_ll(b, (long long)o->end, '\t');
    if (o->sentence) field_ll(b, o->sentence, '\t'); else field(b, NULL, '\t');
    if (o->group) field_ll(b, o->group, '\t'); else field(b, NULL, '\t');
    field(b, o->label, '\t');
    field(b, o->snippet, '\t');
    field(b, attribute_obs_measure_name(o->measure), '\t');
    field(b, scan_num_format(o->value, val, sizeof val), '\t');
    field(b, o->unit, '\t');
    if (amount) field_ll(b, cur, '\t'); else field(b, NULL, '\t');
    field(b, o->currency_ambiguous ? "t" : "f", '\t');
    int has_rate = amount && !(flags & FACT_NO_RATE);
    if (has_rate) field_ll(b, (long long)f->v[i], '\t'); else field(b, NULL, '\t');
    field(b, has_rate ? scan_num_format(f->rate[i], rt, sizeof rt) : NULL, '\t');
    if (has_rate && f->rate_year[i]) field_ll(b, f->rate_year[i], '\t'); else field(b, NULL, '\t');
    field(b, scan_qual_name(o->qual), '\t');
    attribute_obs_period(o, per, sizeof per);
    field(b, per[0] ? per : NULL, '\t');
    field(b, !per[0] ? NULL : o->pkind == PERIOD_FISCAL ? "fiscal" : o->pkind == PERIOD_SPAN ? "span"
             : o->pkind == PERIOD_SINCE ? "since" : o->pkind == PERIOD_YEAR ? "year" : NULL, '\t');
    field_ll(b, x->key[DIM_SECTOR][f->key[DIM_SECTOR][i]], '\t');
    field_ll(b, x->key[DIM_REGION][f->key[DIM_REGION][i]], '\t');
    field_ll(b, x->key[DIM_PERIOD][f->key[DIM_PERIOD][i]], '\t');
    field_ll(b, x->key[DIM_FUND][f->key[DIM_FUND][i]], '\t');
    field_ll(b, flags & ~(uint32_t)FACT_LEAF, '\t');
    /* spreadsheets: 0 and NULL are "not stated" both ways (warehouse_read.c) */
    char d1[64], d2[64], sum[48];
    field(b, o->sheet, '\t');
    if (o->col) field_ll(b, o->col, '\t'); else field(b, NULL, '\t');
    if (x->project[i]) field_ll(b, x->project[i], '\t'); else field(b, NULL, '\t');
    if (x->partner[i]) field_ll(b, x->partner[i], '\t'); else field(b, NULL, '\t');
    field(b, o->locality, '\t');
    field(b, o->start_ymd ? ymd_date(o->start_ymd, d1, sizeof d1) : NULL, '\t');
    field(b, o->end_ymd ? ymd_date(o->end_ymd, d2, sizeof d2) : NULL, '\t');
    if (o->months) field_ll(b, o->months, '\t'); else field(b, NULL, '\t');
    if (o->rows_n) field_ll(b, o->rows_n, '\t'); else field(b, NULL, '\t');
    if (o->rows_first) field_ll(b, o->rows_first, '\t'); else field(b, NULL, '\t');
    if (o->rows_last) field_ll(b, o->rows_last, '\t'); else field(b, NULL, '\t');
    int has_sum = o->rows_n || o->rows_sum.mant || o->rows_sum.scale;
    field(b, has_sum ? scan_num_format(o->rows_sum, sum, sizeof sum) : NULL, '\n');
    return b->oom ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory") : AC_OK;
}

/* The currencies and rates of the facts to write, before the COPY (no
 * other statement can run during it). */
static ac_error currencies(ctx *x, const int *act)
{
    const fact_table *f = &x->m->f;
    for (size_t i = 0; i < f->n; i++) {
        int s = f->source[i], cur;
        if ((act[s] != ACT_LOADED && act[s] != ACT_REPLACED) || f->measure[i] != OBS_AMOUNT)
            continue;
        ac_error err = currency(x, f->o[i].unit, &cur);
        if (!err && !(f->flags[i] & FACT_NO_RATE) && f->rate_year[i])
            err = rate(x, cur, f->rate_year[i], f->rate[i]);
        if (err)
            return err;
    }
    return AC_OK;
}

/* The partners and projects of the facts to write, before the COPY: each
 * upserted by its natural key (dim_partner: the name; dim_project: the
 * source and the title), its warehouse key kept per fact.  Rows of one
 * project are consecutive facts: a repeated name is looked up once. */
static ac_error projects(ctx *x, const int *act, const int *src_key)
{
    const fact_table *f = &x->m->f;
    x->project = calloc(f->n ? f->n : 1, sizeof *x->project);
    x->partner = calloc(f->n ? f->n : 1, sizeof *x->partner);
    if (!x->project || !x->partner)
        return diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    size_t last_proj = SIZE_MAX, last_part = SIZE_MAX;
    for (size_t i = 0; i < f->n; i++) {
        int s = f->source[i];
        const obs *o = &f->o[i];
        if (act[s] != ACT_LOADED && act[s] != ACT_REPLACED)
            continue;
        long long key;
        ac_error err;
        if (o->title && *o->title) {
            const obs *l = last_proj != SIZE_MAX ? &f->o[last_proj] : NULL;
            if (l && f->source[last_proj] == s && !strcmp(l->title, o->title)) {
                x->project[i] = x->project[last_proj];
            } else {
                char sk[16];
                snprintf(sk, sizeof sk, "%d", src_key[s]);
                const char *p[2] = {sk, o->title};
                if ((err = one_int(x, "upserting a project",
                                   "INSERT INTO dim_project (source_key, title) VALUES ($1, $2)"
                                   " ON CONFLICT (source_key, title) DO UPDATE"
                                   " SET title = EXCLUDED.title RETURNING project_key", 2, p, &key)))
                    return err;
                x->project[i] = (int32_t)key;
            }
            last_proj = i;
        }
        if (o->partner && *o->partner) {
            size_t j = last_part;
            if (j != SIZE_MAX && !strcmp(f->o[j].partner, o->partner)) {
                x->partner[i] = x->partner[j];
            } else {
                const char *p[1] = {o->partner};
                if ((err = one_int(x, "upserting a partner",
                                   "INSERT INTO dim_partner (name) VALUES ($1) ON CONFLICT (name)"
                                   " DO UPDATE SET name = EXCLUDED.name RETURNING partner_key",
                                   1, p, &key)))
                    return err;
                x->partner[i] = (int32_t)key;
            }
            last_part = i;
        }
    }
    return AC_OK;
}

static ac_error copy_facts(ctx *x, const int *src_key, const int *act, size_t *per_src,
                           long long batch, unsigned pause_ms, size_t *n_facts)
{
    PGresult *r = warehouse_exec(x->w, PGRES_COPY_IN, "starting COPY", x->d,
                          "COPY fact (source_key, fact_no, batch_key, line, span_start, span_end,"
                          " sentence, item_run, label, snippet, measure, value, unit, currency_key,"
                          " currency_ambiguous, usd_cents, rate, rate_year, qualifier, period_stated, period_kind,"
                           " sector_key, geo_key, period_key, fund_key, flags, sheet, col, project_key, partner_key,"
                          " locality, start_date, end_date, months, rows_n, rows_first, rows_last,"
                          " rows_sum) FROM STDIN", 0, NULL);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    buf b = {0};
    ac_error err = AC_OK;
    const fact_table *f = &x->m->f;
    int sent_one = 0;
    for (size_t i = 0; i < f->n && !err; i++) {
        int s = f->source[i];
        if (act[s] != ACT_LOADED && act[s] != ACT_REPLACED)
            continue;
        err = fact_row(x, &b, i, src_key[s], (int)++per_src[s], batch);
        (*n_facts)++;
        if (!err && (b.n >= 1 << 16 || (pause_ms && !sent_one))) {
            if (PQputCopyData(x->w->c, b.p, (int)b.n) != 1)
                err = warehouse_fail(x->w, NULL, "sending facts", x->d);
            b.n = 0;
            if (pause_ms && !sent_one) {
                PQflush(x->w->c);
                struct timespec ts = {pause_ms / 1000, (long)(pause_ms % 1000) * 1000000L};
                nanosleep(&ts, NULL);
            }
            sent_one = 1;
        }
    }
    if (!err && b.n && PQputCopyData(x->w->c, b.p, (int)b.n) != 1)
        err = warehouse_fail(x->w, NULL, "sending facts", x->d);
    free(b.p);
    /* end the COPY either way: an error message aborts it */
    if (PQputCopyEnd(x->w->c, err ? "aidcube: load failed" : NULL) != 1 && !err)
        err = warehouse_fail(x->w, NULL, "ending COPY", x->d);
    PGresult *res;
    while ((res = PQgetResult(x->w->c)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && !err)
            err = warehouse_fail(x->w, res, "writing facts", x->d);
        else
            PQclear(res);
    }
    return err;
}

static ac_error load_tx(ctx *x, const warehouse_load_opts *o, warehouse_load_result *r)
{
    const model *m = x->m;
    ac_error err = AC_OK;
    int *src_key = calloc(m->n_src + 1, sizeof *src_key);
    int *act = calloc(m->n_src + 1, sizeof *act);
    size_t *per_src = calloc(m->n_src + 1, sizeof *per_src);
    if (!src_key || !act || !per_src) {
        err = diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        goto done;
    }
    if ((err = cmd_ok(x, "BEGIN", "BEGIN", 0, NULL)))
        goto done;
    char seen[24];
    snprintf(seen, sizeof seen, "%zu", r->seen);
    const char *pb[4] = {o->os_user, o->host, o->version, seen};
    long long batch;
    if ((err = one_int(x, "starting the batch",
                       "INSERT INTO batch (os_user, client_host, aidcube_version, sources_seen)"
                       " VALUES ($1, $2, $3, $4) RETURNING batch_key", 4, pb, &batch)))
        goto done;
    r->batch = batch;
    char bk[24];
    snprintf(bk, sizeof bk, "%lld", batch);
    for (size_t i = 0; i < m->n_src; i++) {
        const fact_source *s = &m->src[i];
        const char *p1[1] = {s->sha256};
        long long key = 0;
        if ((err = one_int(x, "looking up a source", "SELECT source_key FROM dim_source"
                           " WHERE sha256 = $1", 1, p1, &key)))
            goto done;
        if (key) {
            act[i] = ACT_SKIPPED;
            src_key[i] = (int)key;
            r->skipped++;
            continue;
        }
        const char *p2[1] = {o->paths[i]};
        if ((err = one_int(x, "looking up a source", "SELECT source_key FROM dim_source"
                           " WHERE path = $1", 1, p2, &key)))
            goto done;
        char bytes[24], year[16], ks[16];
        snprintf(bytes, sizeof bytes, "%zu", s->bytes);
        snprintf(year, sizeof year, "%d", s->doc_year);
        snprintf(ks, sizeof ks, "%lld", key);
        const char *p[10] = {o->paths[i], s->name, s->sha256, bytes, s->encoding, s->lang,
                             s->country, s->doc_year ? year : NULL, bk, ks};
        if (key) {
            const char *pk[1] = {ks};
            if ((err = cmd_ok(x, "deleting the facts of a changed source",
                              "DELETE FROM fact WHERE source_key = $1", 1, pk)) ||
                (err = cmd_ok(x, "deleting the dates of a changed source",
                              "DELETE FROM source_invalid_date WHERE source_key = $1", 1, pk)) ||
                (err = cmd_ok(x, "deleting the projects of a changed source",
                              "DELETE FROM dim_project WHERE source_key = $1", 1, pk)) ||
                (err = cmd_ok(x, "updating a changed source",
                              "UPDATE dim_source SET path = $1, name = $2, sha256 = $3, bytes = $4,"
                              " encoding = $5, lang = $6, country = $7, doc_year = $8,"
                              " batch_key = $9, loaded_at = now() WHERE source_key = $10", 10, p)))
                goto done;
            act[i] = ACT_REPLACED;
            r->replaced++;
        } else {
            if ((err = one_int(x, "recording a source",
                               "INSERT INTO dim_source (path, name, sha256, bytes, encoding, lang,"
                               " country, doc_year, batch_key) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                               " $8, $9) RETURNING source_key", 9, p, &key)))
                goto done;
            act[i] = ACT_LOADED;
            r->loaded++;
        }
        src_key[i] = (int)key;
    }
    if (r->loaded + r->replaced) {
        if ((err = upsert_members(x)) || (err = currencies(x, act)) ||
            (err = projects(x, act, src_key)) ||
            (err = copy_facts(x, src_key, act, per_src, batch, o->pause_in_copy_ms, &r->facts)))
            goto done;
    }
    for (size_t i = 0; i < m->n_src; i++) {
        char sk[16], nf[24];
        snprintf(sk, sizeof sk, "%d", src_key[i]);
        snprintf(nf, sizeof nf, "%zu", per_src[i]);
        const char *p[5] = {bk, o->paths[i], m->src[i].sha256, act_name[act[i]], sk};
        const char *q[6] = {p[0], p[1], p[2], p[3], p[4], nf};
        if ((err = cmd_ok(x, "recording what the batch did",
                          "INSERT INTO batch_source (batch_key, path, sha256, action, source_key,"
                          " facts) VALUES ($1, $2, $3, $4, $5, $6)"
                          " ON CONFLICT (batch_key, path) DO NOTHING", 6, q)))
            goto done;
    }
    for (size_t i = 0, seq = 0; i < o->n_dates; i++) {
        size_t s = o->dates[i].src;
        if (s >= m->n_src || (act[s] != ACT_LOADED && act[s] != ACT_REPLACED))
            continue;
        seq = i && o->dates[i - 1].src == s ? seq + 1 : 1;
        char sk[16], sq[24], ln[24];
        snprintf(sk, sizeof sk, "%d", src_key[s]);
        snprintf(sq, sizeof sq, "%zu", seq);
        snprintf(ln, sizeof ln, "%ld", o->dates[i].line);
        const char *p[4] = {sk, sq, ln, o->dates[i].text};
        if ((err = cmd_ok(x, "recording an impossible date",
                          "INSERT INTO source_invalid_date (source_key, seq, line, text)"
                          " VALUES ($1, $2, $3, $4)", 4, p)))
            goto done;
    }
    for (size_t i = 0; i < o->n_rejects; i++) {
        const warehouse_reject *rj = &o->rejects[i];
        char ln[24], cl[16];
        snprintf(ln, sizeof ln, "%ld", rj->line);
        snprintf(cl, sizeof cl, "%d", rj->col);
        const char *p[7] = {bk, rj->path, rj->line > 0 ? ln : NULL, rj->reason, rj->sheet,
                            rj->col > 0 ? cl : NULL, rj->raw};
        if ((err = cmd_ok(x, "recording a reject",
                          "INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw)"
                          " VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, p)))
            goto done;
    }
    r->skipped += o->n_copies;
    r->rejected = o->n_rejected;
    snprintf(r->status, sizeof r->status, "%s", r->loaded + r->replaced ? "committed" : "skipped");
    char c[5][24];
    snprintf(c[0], 24, "%zu", r->loaded);
    snprintf(c[1], 24, "%zu", r->skipped);
    snprintf(c[2], 24, "%zu", r->replaced);
    snprintf(c[3], 24, "%zu", r->rejected);
    snprintf(c[4], 24, "%zu", r->facts);
    const char *pu[7] = {bk, r->status, c[0], c[1], c[2], c[3], c[4]};
    if ((err = cmd_ok(x, "finishing the batch",
                      "UPDATE batch SET finished_at = clock_timestamp(), status = $2,"
                      " sources_loaded = $3, sources_skipped = $4, sources_replaced = $5,"
                      " sources_rejected = $6, facts = $7 WHERE batch_key = $1", 7, pu)))
        goto done;
    err = cmd_ok(x, "COMMIT", "COMMIT", 0, NULL);
done:
    free(src_key);
    free(act);
    free(per_src);
    return err;
}

/* After a rollback: the failed batch, in a transaction of its own (on a
 * new connection when the old one was lost).  Best effort: a failure here
 * is reported as a warning, the load's own error stands. */
static void record_failure(warehouse *w, const warehouse_load_opts *o, const warehouse_load_result *r, diag *d)
{
    char msg[sizeof w->errmsg], state[6];
    snprintf(msg, sizeof msg, "%s", w->errmsg);
    snprintf(state, sizeof state, "%s", w->sqlstate);
    if (PQstatus(w->c) != CONNECTION_OK) {
        PQreset(w->c);
        if (PQstatus(w->c) != CONNECTION_OK || PQsetClientEncoding(w->c, "UTF8") != 0 ||
            warehouse_set_path(w, NULL) != AC_OK) {
            diag_warn(d, NULL, 0, "database: the failed batch could not be recorded: "
                      "the connection was lost");
            return;
        }
    } else {
        PQclear(PQexec(w->c, "ROLLBACK"));
    }
    char seen[24], rej[24];
    snprintf(seen, sizeof seen, "%zu", r->seen);
    snprintf(rej, sizeof rej, "%zu", o->n_rejected);
    const char *p[7] = {o->os_user, o->host, o->version, seen, rej, msg, state[0] ? state : NULL};
    PGresult *res = PQexecParams(w->c,
                                 "INSERT INTO batch (status, finished_at, os_user, client_host,"
                                 " aidcube_version, sources_seen, sources_rejected, message, sqlstate)"
                                 " VALUES ('failed', clock_timestamp(), $1, $2, $3, $4, $5, $6, $7)",
                                 7, NULL, p, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        diag_warn(d, NULL, 0, "database: the failed batch could not be recorded");
    PQclear(res);
    /* the error of the load is the one to report */
    snprintf(w->errmsg, sizeof w->errmsg, "%s", msg);
    snprintf(w->sqlstate, sizeof w->sqlstate, "%s", state);
}

ac_error warehouse_load(warehouse *w, const model *m, const warehouse_load_opts *o, warehouse_load_result *r, diag *d)
{
    size_t seen = m->n_src + o->n_copies;
    memset(r, 0, sizeof *r);
    r->seen = seen;
    ctx x = {.w = w, .d = d, .m = m};
    ac_error err = load_tx(&x, o, r);
    for (int dm = 0; dm < DIM__N; dm++)
        free(x.key[dm]);
    free(x.project);
    free(x.partner);
    if (err) {
        record_failure(w, o, r, d);
        memset(r, 0, sizeof *r);
        r->seen = seen;
        snprintf(r->status, sizeof r->status, "failed");
    }
    return err;
}
