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
 * title) and partner (dim_partner: name) get their keys before the COPY,
 * all at once (warehouse_keys.c: one COPY of the distinct values, one
 * INSERT ... ON CONFLICT DO NOTHING, one join back).  Each fact's origin of each attribute (clause,
 * heading, reference, column, ...: attribute_from) goes to fund_from ...
 * period_from (sql/012_attributed_from.sql), NULL for one not stated.  Rejects (files, and spreadsheet rows with their
 * sheet, column and raw value) go to the reject table, each with the
 * canonical path of its file (source_path: how a later batch that reads
 * the file is found, sql/010_rejects.sql).
 *
 * The batch runs in phases (load_tx): start_batch, record_source per
 * source, then when a source is written upsert_members, currencies,
 * projects, copy_facts (each fact with its row's fingerprint) and
 * warehouse_same_rows (warehouse_same.c: the sources whose rows are all
 * another's), then record_actions, record_dates, record_rejects and
 * finish_batch (COMMIT).
 *
 * Memory: the key maps and per-source arrays live in the ctx and are freed
 * by warehouse_load on every path; the COPY buffer (a strbuf) by
 * copy_facts; nothing is kept after return.
 */
#include "warehouse_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/vec.h"
#include "../model/model_same.h"
#include "../scan/scan.h"

enum { ACT_NONE, ACT_LOADED, ACT_REPLACED, ACT_SKIPPED, ACT_COPY };
static const char *const act_name[] = {"", "loaded", "replaced", "skipped", "copy"};

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
    int *tkey;                 /* per source, then per copy path: the
                                  warehouse key of its path's row       */
    int *act;                  /* the same: ACT_*                       */
    int *wr;                   /* per source: its facts are written     */
    char **names;              /* the escaped names sent (esc)          */
    size_t n_names, cap_names;
    int oom;
    size_t *per_src;           /* per source: facts written so far      */
    long long batch;           /* the batch's key, and as text          */
    char bk[24];
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

/* A name as stored (warehouse.h), kept in x->names; NULL for NULL. */
static const char *esc(ctx *x, const char *s)
{
    char *e = warehouse_name_escape(s);
    if (!s || !e || vec_reserve((void **)&x->names, &x->cap_names, x->n_names + 1, sizeof *x->names)) {
        x->oom |= s != NULL;
        free(e);
        return s ? "" : NULL;
    }
    return x->names[x->n_names++] = e;
}

/* A text of a source's content (or of the environment) as it is, escaped
 * as a name only when it is not valid UTF-8. */
static const char *txt(ctx *x, const char *s)
{
    return warehouse_utf8_valid(s) ? s : esc(x, s);
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

static ac_error upsert_sector(ctx *x, const member *mb, long long *key)
{
    const char *p[2] = {mb->name, mb->code && *mb->code ? mb->code : NULL};
    return one_int(x, "upserting a sector",
                   "INSERT INTO dim_sector (kind, name, dac_code) VALUES ('sector', $1, $2)"
                   " ON CONFLICT (kind, name) DO UPDATE"
                   " SET dac_code = coalesce(EXCLUDED.dac_code, dim_sector.dac_code)"
                   " RETURNING sector_key", 2, p, key);
}

/* A fund, with its rules from the reference data (cap, months). */
static ac_error upsert_fund(ctx *x, const member *mb, long long *key)
{
    const model *m = x->m;
    const attribute_gz_entry *g = m->gz ? attribute_gazetteer_get(m->gz, GZ_FUND, mb->name) : NULL;
    char amt[40] = "", months[16] = "";
    if (g && g->max_amount > 0)
        snprintf(amt, sizeof amt, "%.2f", g->max_amount);
    if (g && g->max_months > 0)
        snprintf(months, sizeof months, "%d", g->max_months);
    const char *p[5] = {mb->name, g ? g->name : NULL, amt[0] ? amt : NULL,
                        g && amt[0] && g->max_currency ? g->max_currency : NULL,
                        months[0] ? months : NULL};
    return one_int(x, "upserting a fund",
                   "INSERT INTO dim_fund (kind, code, name, max_amount, max_currency,"
                   " max_months) VALUES ('fund', $1, $2, $3, $4, $5)"
                   " ON CONFLICT (kind, code) DO UPDATE SET name = EXCLUDED.name,"
                   " max_amount = EXCLUDED.max_amount,"
                   " max_currency = EXCLUDED.max_currency,"
                   " max_months = EXCLUDED.max_months RETURNING fund_key", 5, p, key);
}

static ac_error upsert_place(ctx *x, const member *mb, long long *key)
{
    const char *kind = mb->kind == MK_COUNTRY ? "country" : mb->kind == MK_GROUPING ? "grouping"
                                                                                     : "region";
    const char *p[3] = {kind, mb->name, mb->code};
    return one_int(x, "upserting a place",
                   "INSERT INTO dim_geography (kind, name, country) VALUES ($1, $2, $3)"
                   " ON CONFLICT (kind, country, name) DO UPDATE SET name = EXCLUDED.name"
                   " RETURNING geo_key", 3, p, key);
}

/* A period is its dates, named by the most specific kind. */
static ac_error upsert_period(ctx *x, const member *mb, long long *key)
{
    char d1[16], d2[16];
    date_of(mb->start, d1, sizeof d1);
    date_of(mb->end, d2, sizeof d2);
    const char *p[4] = {period_kind_sql(mb->kind), mb->name, d1, d2};
#define RANK(k) "array_position(ARRAY['year', 'fiscal', 'span', 'cumulative'], " k ")"
#define MORE_SPECIFIC RANK("EXCLUDED.kind") " < " RANK("dim_period.kind")
    return one_int(x, "upserting a period",
                   "INSERT INTO dim_period (kind, label, first_day, last_day)"
                   " VALUES ($1, $2, $3, $4) ON CONFLICT (first_day, last_day) DO UPDATE"
                   " SET kind = CASE WHEN " MORE_SPECIFIC " THEN EXCLUDED.kind"
                   " ELSE dim_period.kind END,"
                   " label = CASE WHEN " MORE_SPECIFIC " THEN EXCLUDED.label"
                   " ELSE dim_period.label END RETURNING period_key", 4, p, key);
#undef MORE_SPECIFIC
#undef RANK
}

/* The parent of every place and period, and the regions of a grouping,
 * once every member has its warehouse key. */
static ac_error link_members(ctx *x)
{
    for (int dm = DIM_REGION; dm <= DIM_PERIOD; dm++) {
        const dimension *dim = &x->m->dim[dm];
        for (size_t k = KEY_FIRST_MEMBER; k < dim->n; k++) {
            const member *mb = &dim->m[k];
            char key[16], parent[16];
            snprintf(key, sizeof key, "%d", x->key[dm][k]);
            snprintf(parent, sizeof parent, "%d", x->key[dm][mb->parent]);
            const char *p[2] = {mb->parent > 0 ? parent : NULL, key};
            ac_error err = cmd_ok(x, "linking a member to its parent",
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

/* Every member of the model upserted by its natural key, its warehouse key
 * in x->key (keys 0 and 1, _T and _X, are the same in both). */
static ac_error upsert_members(ctx *x)
{
    static ac_error (*const upsert[DIM__N])(ctx *, const member *, long long *) = {
        [DIM_SECTOR] = upsert_sector, [DIM_REGION] = upsert_place,
        [DIM_PERIOD] = upsert_period, [DIM_FUND] = upsert_fund};
    for (int dm = 0; dm < DIM__N; dm++) {
        const dimension *dim = &x->m->dim[dm];
        x->key[dm] = calloc(dim->n > KEY_FIRST_MEMBER ? dim->n : KEY_FIRST_MEMBER, sizeof(int32_t));
        if (!x->key[dm])
            return diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        x->key[dm][KEY_TOTAL] = 0;
        x->key[dm][KEY_NOT_STATED] = 1;
        for (size_t k = KEY_FIRST_MEMBER; k < dim->n; k++) {
            long long key = 0;
            ac_error err = upsert[dm](x, &dim->m[k], &key);
            if (err)
                return err;
            x->key[dm][k] = (int32_t)key;
        }
    }
    return link_members(x);
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

/* The text of a fact's period kind; NULL when it states no period. */
static const char *pkind_sql(const obs *o, const char *per)
{
    return !per[0] ? NULL : o->pkind == PERIOD_FISCAL ? "fiscal" : o->pkind == PERIOD_SPAN ? "span"
         : o->pkind == PERIOD_SINCE ? "since" : o->pkind == PERIOD_YEAR ? "year" : NULL;
}

/* A name as a COPY field, escaped as stored (warehouse.h); a text of a
 * source's content as it is, escaped the same way only when it is not valid
 * UTF-8 (the readers decode to UTF-8: never, but the server would refuse
 * the batch).  b fails when out of memory. */
static void copy_escaped(strbuf *b, const char *s, int always, char end)
{
    if (!s || (!always && warehouse_utf8_valid(s))) {
        warehouse_copy_text(b, s, end);
        return;
    }
    char *e = warehouse_name_escape(s);
    if (!e)
        b->failed = STRBUF_NOMEM;
    warehouse_copy_text(b, e ? e : "", end);
    free(e);
}

/* The fields of a fact row that a spreadsheet fact carries: 0 and NULL are
 * "not stated" both ways (warehouse_read.c). */
static void sheet_fields(ctx *x, strbuf *b, size_t i)
{
    const obs *o = &x->m->f.o[i];
    char d1[64], d2[64], sum[48];
    copy_escaped(b, o->sheet, 1, '\t');
    warehouse_copy_int(b, o->col, o->col != 0, '\t');
    warehouse_copy_int(b, x->project[i], x->project[i] != 0, '\t');
    warehouse_copy_int(b, x->partner[i], x->partner[i] != 0, '\t');
    copy_escaped(b, o->locality, 0, '\t');
    warehouse_copy_text(b, o->start_ymd ? ymd_date(o->start_ymd, d1, sizeof d1) : NULL, '\t');
    warehouse_copy_text(b, o->end_ymd ? ymd_date(o->end_ymd, d2, sizeof d2) : NULL, '\t');
    warehouse_copy_int(b, o->months, o->months != 0, '\t');
    warehouse_copy_int(b, o->rows_n, o->rows_n != 0, '\t');
    warehouse_copy_int(b, o->rows_first, o->rows_first != 0, '\t');
    warehouse_copy_int(b, o->rows_last, o->rows_last != 0, '\t');
    int has_sum = o->rows_n || o->rows_sum.mant || o->rows_sum.scale;
    warehouse_copy_text(b, has_sum ? scan_num_format(o->rows_sum, sum, sizeof sum) : NULL, '\t');
    warehouse_copy_int(b, x->m->f.kind[i], 1, '\t');   /* dim_kind: attribute_money_kind */
    warehouse_copy_int(b, model_obs_fingerprint(o), 1, '\t');
    for (int k = 0; k < OBS_FROM__N; k++)   /* fund_from ... period_from (012) */
        warehouse_copy_text(b, attribute_obs_stated(o, k) && o->from[k]
                                   ? attribute_from_name(o->from[k]) : NULL,
                            k + 1 < OBS_FROM__N ? '\t' : '\n');
}

/* One fact as a COPY row (its currency was upserted before the COPY). */
static ac_error fact_row(ctx *x, strbuf *b, size_t i, int src_key, int fact_no, long long batch)
{
    const fact_table *f = &x->m->f;
    const obs *o = &f->o[i];
    uint32_t flags = f->flags[i];
    int amount = f->measure[i] == OBS_AMOUNT;
    int cur = 0;
    if (amount && currency(x, o->unit, &cur))
        return AC_ERR_DB;
    char val[48], rt[48], per[24];
    warehouse_copy_int(b, src_key, 1, '\t');
    warehouse_copy_int(b, fact_no, 1, '\t');
    warehouse_copy_int(b, batch, 1, '\t');
    warehouse_copy_int(b, o->line, 1, '\t');
    warehouse_copy_int(b, (long long)o->start, 1, '\t');
    warehouse_copy_int(b, (long long)o->end, 1, '\t');
    warehouse_copy_int(b, o->sentence, o->sentence != 0, '\t');
    warehouse_copy_int(b, o->group, o->group != 0, '\t');
    copy_escaped(b, o->label, 0, '\t');
    copy_escaped(b, o->snippet, 0, '\t');
    warehouse_copy_text(b, attribute_obs_measure_name(o->measure), '\t');
    warehouse_copy_text(b, scan_num_format(o->value, val, sizeof val), '\t');
    warehouse_copy_text(b, o->unit, '\t');
    warehouse_copy_int(b, cur, amount, '\t');
    warehouse_copy_text(b, o->currency_ambiguous ? "t" : "f", '\t');
    int has_rate = amount && !(flags & FACT_NO_RATE);
    warehouse_copy_int(b, (long long)f->v[i], has_rate, '\t');
    warehouse_copy_text(b, has_rate ? scan_num_format(f->rate[i], rt, sizeof rt) : NULL, '\t');
    warehouse_copy_int(b, f->rate_year[i], has_rate && f->rate_year[i], '\t');
    warehouse_copy_text(b, scan_qual_name(o->qual), '\t');
    attribute_obs_period(o, per, sizeof per);
    warehouse_copy_text(b, per[0] ? per : NULL, '\t');
    warehouse_copy_text(b, pkind_sql(o, per), '\t');
    for (int dm = 0; dm < DIM__N; dm++)    /* sector, region, period, fund: the columns' order */
        warehouse_copy_int(b, x->key[dm][f->key[dm][i]], 1, '\t');
    warehouse_copy_int(b, flags & ~(uint32_t)FACT_LEAF, 1, '\t');
    sheet_fields(x, b, i);
    return b->failed ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory") : AC_OK;
}

/* The currencies and rates of the facts to write, before the COPY (no
 * other statement can run during it). */
static ac_error currencies(ctx *x)
{
    const fact_table *f = &x->m->f;
    for (size_t i = 0; i < f->n; i++) {
        int s = f->source[i], cur;
        if (!x->wr[s] || f->measure[i] != OBS_AMOUNT)
            continue;
        ac_error err = currency(x, f->o[i].unit, &cur);
        if (!err && !(f->flags[i] & FACT_NO_RATE) && f->rate_year[i])
            err = rate(x, cur, f->rate_year[i], f->rate[i]);
        if (err)
            return err;
    }
    return AC_OK;
}

static const warehouse_keys_sql project_sql = {
    "upserting projects",
    "CREATE TEMP TABLE batch_project (ord integer, source_key integer, title text) ON COMMIT DROP",
    "COPY batch_project (ord, source_key, title) FROM STDIN",
    "INSERT INTO dim_project (source_key, title) SELECT DISTINCT source_key, title"
    " FROM batch_project ON CONFLICT (source_key, title) DO NOTHING",
    "SELECT b.ord, p.project_key FROM batch_project b JOIN dim_project p USING (source_key, title)",
    1};
static const warehouse_keys_sql partner_sql = {
    "upserting partners",
    "CREATE TEMP TABLE batch_partner (ord integer, name text) ON COMMIT DROP",
    "COPY batch_partner (ord, name) FROM STDIN",
    "INSERT INTO dim_partner (name) SELECT DISTINCT name FROM batch_partner"
    " ON CONFLICT (name) DO NOTHING",
    "SELECT b.ord, p.partner_key FROM batch_partner b JOIN dim_partner p USING (name)",
    0};

/* The project and partner of each fact written (spreadsheet rows): their
 * distinct values collected, then their keys found set-based
 * (warehouse_keys.c); ord[i] is fact i's value, -1 none. */
static ac_error collect(ctx *x, warehouse_keys *pj, warehouse_keys *pt, long *opj, long *opt)
{
    const fact_table *f = &x->m->f;
    for (size_t i = 0; i < f->n; i++) {
        const obs *o = &f->o[i];
        opj[i] = opt[i] = -1;
        if (!x->wr[f->source[i]])
            continue;
        if (o->title && *o->title &&
            (opj[i] = warehouse_keys_add(pj, x->tkey[f->source[i]], txt(x, o->title))) < 0)
            return diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        if (o->partner && *o->partner &&
            (opt[i] = warehouse_keys_add(pt, 0, txt(x, o->partner))) < 0)
            return diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    }
    return x->oom ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory") : AC_OK;
}

static ac_error projects(ctx *x)
{
    const fact_table *f = &x->m->f;
    size_t n = f->n ? f->n : 1;
    x->project = calloc(n, sizeof *x->project);
    x->partner = calloc(n, sizeof *x->partner);
    long *opj = malloc(n * sizeof *opj), *opt = malloc(n * sizeof *opt);
    warehouse_keys pj, pt;
    warehouse_keys_init(&pj);
    warehouse_keys_init(&pt);
    ac_error err = !x->project || !x->partner || !opj || !opt
                 ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory")
                 : collect(x, &pj, &pt, opj, opt);
    if (!err)
        err = warehouse_keys_resolve(x->w, &pj, &project_sql, x->d);
    if (!err)
        err = warehouse_keys_resolve(x->w, &pt, &partner_sql, x->d);
    for (size_t i = 0; !err && i < f->n; i++) {
        x->project[i] = opj[i] >= 0 ? pj.key[opj[i]] : 0;
        x->partner[i] = opt[i] >= 0 ? pt.key[opt[i]] : 0;
    }
    warehouse_keys_free(&pj);
    warehouse_keys_free(&pt);
    free(opj);
    free(opt);
    return err;
}

/* The facts of the sources loaded or replaced, numbered per source, as one
 * COPY.  With pause_ms or a checkpoint (tests), the first row is sent
 * alone, then the load sleeps pause_ms and passes the "copy" checkpoint:
 * the window in which a test kills the connection or the process mid-COPY. */
static ac_error copy_facts(ctx *x, unsigned pause_ms, size_t *n_facts)
{
    ac_error err = warehouse_copy_start(x->w,
                          "COPY fact (source_key, fact_no, batch_key, line, span_start, span_end,"
                          " sentence, item_run, label, snippet, measure, value, unit, currency_key,"
                          " currency_ambiguous, usd_cents, rate, rate_year, qualifier, period_stated, period_kind,"
                          " sector_key, geo_key, period_key, fund_key, flags, sheet, col, project_key, partner_key,"
                          " locality, start_date, end_date, months, rows_n, rows_first, rows_last,"
                          " rows_sum, kind_key, row_fp, fund_from, country_from, region_from, sector_from,"
                          " period_from) FROM STDIN", x->d);
    if (err)
        return err;
    strbuf b = {0};
    const fact_table *f = &x->m->f;
    int sent_one = 0;
    for (size_t i = 0; i < f->n && !err; i++) {
        int s = f->source[i];
        if (!x->wr[s])
            continue;
        err = fact_row(x, &b, i, x->tkey[s], (int)++x->per_src[s], x->batch);
        (*n_facts)++;
        int stop = !sent_one && (pause_ms || (x->d && x->d->checkpoint));
        if (!err && (b.n >= WH_COPY_CHUNK || stop)) {
            err = warehouse_copy_send(x->w, &b, "sending facts", x->d);
            if (stop) {
                PQflush(x->w->c);
                struct timespec ts = {pause_ms / 1000, (long)(pause_ms % 1000) * 1000000L};
                nanosleep(&ts, NULL);
                diag_checkpoint(x->d, "copy");
            }
            sent_one = 1;
        }
    }
    if (!err)
        err = warehouse_copy_send(x->w, &b, "sending facts", x->d);
    strbuf_free(&b);
    return warehouse_copy_end(x->w, err, "aidcube: load failed", "ending COPY", "writing facts",
                              x->d);
}

/* BEGIN, and the batch row (its key in x->batch and x->bk). */
static ac_error start_batch(ctx *x, const warehouse_load_opts *o, warehouse_load_result *r)
{
    ac_error err = cmd_ok(x, "BEGIN", "BEGIN", 0, NULL);
    if (err)
        return err;
    char seen[24];
    snprintf(seen, sizeof seen, "%zu", r->seen);
    const char *pb[4] = {txt(x, o->os_user), txt(x, o->host), o->version, seen};
    if ((err = one_int(x, "starting the batch",
                       "INSERT INTO batch (os_user, client_host, aidcube_version, sources_seen)"
                       " VALUES ($1, $2, $3, $4) RETURNING batch_key", 4, pb, &x->batch)))
        return err;
    r->batch = x->batch;
    snprintf(x->bk, sizeof x->bk, "%lld", x->batch);
    return AC_OK;
}

/* The facts, dates and projects of source row pk, to row to (NULL:
 * deleted). */
static ac_error move_content(ctx *x, const char *pk, const char *to)
{
    static const char *const what[3] = {"the facts", "the dates", "the projects"};
    static const char *const del[3] = {
        "DELETE FROM fact WHERE source_key = $1",
        "DELETE FROM source_invalid_date WHERE source_key = $1",
        "DELETE FROM dim_project WHERE source_key = $1"};
    static const char *const mv[3] = {
        "UPDATE fact SET source_key = $2 WHERE source_key = $1",
        "UPDATE source_invalid_date SET source_key = $2 WHERE source_key = $1",
        "UPDATE dim_project SET source_key = $2 WHERE source_key = $1"};
    const char *p[2] = {pk, to};
    for (int k = 0; k < 3; k++) {
        char msg[64];
        snprintf(msg, sizeof msg, "%s %s of a changed source", to ? "moving" : "deleting", what[k]);
        ac_error err = cmd_ok(x, msg, to ? mv[k] : del[k], to ? 2 : 1, p);
        if (err)
            return err;
    }
    return AC_OK;
}

/* Row pk, which holds its content's facts, gets another content: another
 * path of the old content (the first) takes the facts over, else they are
 * deleted. */
static ac_error detach(ctx *x, const char *pk)
{
    const char *p[1] = {pk};
    long long q = 0;
    ac_error err = one_int(x, "looking up a copy", "SELECT source_key FROM dim_source"
                           " WHERE content_key = $1 ORDER BY path COLLATE \"C\" LIMIT 1", 1, p, &q);
    if (err || !q)
        return err ? err : move_content(x, pk, NULL);
    char qs[24];
    snprintf(qs, sizeof qs, "%lld", q);
    const char *p2[2] = {pk, qs};
    if ((err = move_content(x, pk, qs)) ||
        (err = cmd_ok(x, "moving the copies of a changed source",
                      "UPDATE dim_source SET content_key = $2 WHERE source_key <> $2"
                      " AND (content_key = $1 OR source_key = $1)", 2, p2)))
        return err;
    return cmd_ok(x, "moving the copies of a changed source",
                  "UPDATE dim_source SET content_key = NULL WHERE source_key = $1", 1, p2 + 1);
}

/* The row of path (escaped): *key (0: none), whether it holds its
 * content's facts, and whether its content is sha. */
static ac_error find_path(ctx *x, const char *path, const char *sha, long long *key, int *holder,
                          int *same)
{
    const char *p[2] = {path, sha};
    PGresult *r = warehouse_exec(x->w, PGRES_TUPLES_OK, "looking up a source", x->d,
                                 "SELECT source_key, content_key IS NULL, sha256 = $2"
                                 " FROM dim_source WHERE path = $1", 2, p);
    if (!r)
        return AC_ERR_DB;
    *key = PQntuples(r) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    *holder = *key && PQgetvalue(r, 0, 1)[0] == 't';
    *same = *key && PQgetvalue(r, 0, 2)[0] == 't';
    PQclear(r);
    return AC_OK;
}

/* Target t (model source s, a copy when t >= n_src) at path: skipped when
 * the path holds that content; else the path's row (updated or inserted)
 * holds the content's facts when no other path does (x->wr[s]: they are
 * written), else points at the row that does. */
static ac_error record_source(ctx *x, const warehouse_load_opts *o, warehouse_load_result *r,
                              size_t t, size_t s, const char *path)
{
    const fact_source *src = &x->m->src[s];
    long long key = 0, h = 0;
    int holder = 0, same = 0, known, copy = t >= x->m->n_src;
    const char *ep = esc(x, path), *name = copy ? strrchr(path, '/') : src->name;
    name = esc(x, copy ? (name ? name + 1 : path) : name);
    ac_error err = x->oom ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory")
                 : find_path(x, ep, src->sha256, &key, &holder, &same);
    known = key != 0;
    if (err || same) {
        x->act[t] = copy ? ACT_COPY : ACT_SKIPPED;
        x->tkey[t] = (int)key;
        r->skipped += !err;
        return err;
    }
    char ks[24], hs[24], bytes[24], year[16];
    snprintf(ks, sizeof ks, "%lld", key);
    const char *p1[2] = {src->sha256, ks};
    if ((key && holder && (err = detach(x, ks))) ||
        (err = one_int(x, "looking up a content", "SELECT source_key FROM dim_source WHERE"
                       " sha256 = $1 AND content_key IS NULL AND source_key <> $2", 2, p1, &h)))
        return err;
    snprintf(hs, sizeof hs, "%lld", h);
    snprintf(bytes, sizeof bytes, "%zu", src->bytes);
    snprintf(year, sizeof year, "%d", src->doc_year);
    const char *p[11] = {ep, name, src->sha256, bytes, src->encoding, src->lang, src->country,
                         src->doc_year ? year : NULL, x->bk, h ? hs : NULL, ks};
    if (key)
        err = cmd_ok(x, "updating a changed source",
                     "UPDATE dim_source SET path = $1, name = $2, sha256 = $3, bytes = $4,"
                     " encoding = $5, lang = $6, country = $7, doc_year = $8, batch_key = $9,"
                     " content_key = $10, loaded_at = now() WHERE source_key = $11", 11, p);
    else
        err = one_int(x, "recording a source",
                      "INSERT INTO dim_source (path, name, sha256, bytes, encoding, lang, country,"
                      " doc_year, batch_key, content_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                      " $9, $10) RETURNING source_key", 10, p, &key);
    if (err)
        return err;
    if (!h && copy)
        return diag_fail(x->d, AC_ERR_USAGE, path, 0, "a copy of no source of the batch");
    x->wr[s] |= !h && !copy;
    x->act[t] = known ? ACT_REPLACED : copy ? ACT_COPY : h ? ACT_SKIPPED : ACT_LOADED;
    r->replaced += x->act[t] == ACT_REPLACED;
    r->loaded += x->act[t] == ACT_LOADED;
    r->skipped += x->act[t] == ACT_SKIPPED || x->act[t] == ACT_COPY;
    x->tkey[t] = (int)key;
    return AC_OK;
}

/* What the batch did with each source and each copy (batch_source). */
static ac_error record_actions(ctx *x, const warehouse_load_opts *o)
{
    const model *m = x->m;
    for (size_t t = 0; t < m->n_src + o->n_copy_paths; t++) {
        size_t s = t < m->n_src ? t : o->copy_paths[t - m->n_src].src;
        const char *path = t < m->n_src ? o->paths[t] : o->copy_paths[t - m->n_src].path;
        char sk[16], nf[24];
        snprintf(sk, sizeof sk, "%d", x->tkey[t]);
        snprintf(nf, sizeof nf, "%zu", t < m->n_src ? x->per_src[t] : 0);
        const char *q[6] = {x->bk, esc(x, path), m->src[s].sha256, act_name[x->act[t]], sk, nf};
        ac_error err = x->oom ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory")
                     : cmd_ok(x, "recording what the batch did",
                              "INSERT INTO batch_source (batch_key, path, sha256, action, source_key,"
                              " facts) VALUES ($1, $2, $3, $4, $5, $6)"
                              " ON CONFLICT (batch_key, path) DO NOTHING", 6, q);
        if (err)
            return err;
    }
    return AC_OK;
}

/* The impossible dates of the sources written, numbered per source. */
static ac_error record_dates(ctx *x, const warehouse_load_opts *o)
{
    for (size_t i = 0, seq = 0; i < o->n_dates; i++) {
        size_t s = o->dates[i].src;
        if (s >= x->m->n_src || !x->wr[s])
            continue;
        seq = i && o->dates[i - 1].src == s ? seq + 1 : 1;
        char sk[16], sq[24], ln[24];
        snprintf(sk, sizeof sk, "%d", x->tkey[s]);
        snprintf(sq, sizeof sq, "%zu", seq);
        snprintf(ln, sizeof ln, "%ld", o->dates[i].line);
        const char *p[4] = {sk, sq, ln, txt(x, o->dates[i].text)};
        ac_error err = cmd_ok(x, "recording an impossible date",
                              "INSERT INTO source_invalid_date (source_key, seq, line, text)"
                              " VALUES ($1, $2, $3, $4)", 4, p);
        if (err)
            return err;
    }
    return AC_OK;
}

static ac_error record_rejects(ctx *x, const warehouse_load_opts *o)
{
    for (size_t i = 0; i < o->n_rejects; i++) {
        const warehouse_reject *rj = &o->rejects[i];
        char ln[24], cl[16];
        snprintf(ln, sizeof ln, "%ld", rj->line);
        snprintf(cl, sizeof cl, "%d", rj->col);
        const char *p[8] = {x->bk, esc(x, rj->path), rj->line > 0 ? ln : NULL, esc(x, rj->reason),
                            esc(x, rj->sheet), rj->col > 0 ? cl : NULL, esc(x, rj->raw),
                            esc(x, rj->source_path)};
        ac_error err = x->oom ? diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory") : cmd_ok(x, "recording a reject",
                              "INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw,"
                              " source_path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8, p);
        if (err)
            return err;
    }
    return AC_OK;
}

/* The batch row's status and counts, then COMMIT. */
static ac_error finish_batch(ctx *x, const warehouse_load_opts *o, warehouse_load_result *r)
{
    r->skipped += o->n_copies > o->n_copy_paths ? o->n_copies - o->n_copy_paths : 0;
    r->rejected = o->n_rejected;
    snprintf(r->status, sizeof r->status, "%s", r->loaded + r->replaced ? "committed" : "skipped");
    char c[5][24];
    snprintf(c[0], 24, "%zu", r->loaded);
    snprintf(c[1], 24, "%zu", r->skipped);
    snprintf(c[2], 24, "%zu", r->replaced);
    snprintf(c[3], 24, "%zu", r->rejected);
    snprintf(c[4], 24, "%zu", r->facts);
    const char *pu[7] = {x->bk, r->status, c[0], c[1], c[2], c[3], c[4]};
    ac_error err = cmd_ok(x, "finishing the batch",
                          "UPDATE batch SET finished_at = clock_timestamp(), status = $2,"
                          " sources_loaded = $3, sources_skipped = $4, sources_replaced = $5,"
                          " sources_rejected = $6, facts = $7 WHERE batch_key = $1", 7, pu);
    if (!err)
        diag_checkpoint(x->d, "commit");
    return err ? err : cmd_ok(x, "COMMIT", "COMMIT", 0, NULL);
}

/* The batch, in one transaction: sources, then (when any is written) the
 * members, currencies, projects and facts, then what the batch did. */
static ac_error load_tx(ctx *x, const warehouse_load_opts *o, warehouse_load_result *r)
{
    const model *m = x->m;
    size_t nt = m->n_src + o->n_copy_paths;
    x->tkey = calloc(nt + 1, sizeof *x->tkey);
    x->act = calloc(nt + 1, sizeof *x->act);
    x->wr = calloc(m->n_src + 1, sizeof *x->wr);
    x->per_src = calloc(m->n_src + 1, sizeof *x->per_src);
    if (!x->tkey || !x->act || !x->wr || !x->per_src)
        return diag_fail(x->d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    ac_error err = start_batch(x, o, r);
    for (size_t t = 0; t < nt && !err; t++) {
        const warehouse_copy_path *c = t < m->n_src ? NULL : &o->copy_paths[t - m->n_src];
        err = c && c->src >= m->n_src ? diag_fail(x->d, AC_ERR_USAGE, NULL, 0, "a copy of no source")
            : record_source(x, o, r, t, c ? c->src : t, c ? c->path : o->paths[t]);
    }
    if (err)
        return err;
    if (r->loaded + r->replaced &&
        ((err = upsert_members(x)) || (err = currencies(x)) || (err = projects(x)) ||
         (err = copy_facts(x, o->pause_in_copy_ms, &r->facts)) || (err = warehouse_same_rows(x->w, x->d))))
        return err;
    if ((err = record_actions(x, o)) || (err = record_dates(x, o)) ||
        (err = record_rejects(x, o)))
        return err;
    return finish_batch(x, o, r);
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
    free(x.tkey);
    free(x.act);
    free(x.wr);
    for (size_t i = 0; i < x.n_names; i++)
        free(x.names[i]);
    free(x.names);
    free(x.per_src);
    if (err) {
        record_failure(w, o, r, d);
        memset(r, 0, sizeof *r);
        r->seen = seen;
        snprintf(r->status, sizeof r->status, "failed");
    }
    return err;
}
