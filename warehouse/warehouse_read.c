/*
 * warehouse_read.c — the warehouse back into the fact model, and the cube built
 * from it back into the warehouse (see warehouse.h).  The cube is computed by the
 * one engine (cube/cube.c); nothing here sums anything.
 *
 * Reading inverts the loader's fact row (warehouse_load.c, fact_row): the member
 * keys become the observation's names again (sector and fund by name,
 * geography by kind, country and name, "CCC: region not stated" of a
 * project back to no region), the period the years of period_stated and the
 * kind of period_kind (before version 3: the dim_period kind), the flags the
 * observation's total/part/project/average/restates/subset_total, item_run
 * its run; a spreadsheet's fields come back from their columns (NULL: 0 or
 * none), the title and partner from dim_project and dim_partner, the money
 * kind from kind_key (dim_kind's key is attribute_money_kind; FACT_APART is
 * computed again when the model is frozen), the origin of each attribute
 * from fund_from ... period_from (sql/012; NULL: none recorded).
 *
 * In the same snapshot, the rejects that stand (read_rejects): the view
 * v_reject of sql/010_rejects.sql decides which (of each file, the rejects
 * of the last batch that saw it; none once a later batch read it), so that
 * an analyst's query and `build --db` list the same files and rows.
 *
 * Memory: strings in the caller's arena; the per-fact key arrays malloc'd
 * (warehouse_read_info_free); every PGresult cleared on every path.
 */
#include "warehouse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../scan/scan.h"

static ac_error cmd(warehouse *w, diag *d, const char *what, const char *sql)
{
    PGresult *r = warehouse_exec(w, PGRES_COMMAND_OK, what, d, sql, 0, NULL);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

/* Field j of row i: NULL when SQL NULL, else copied into a. */
static const char *str(PGresult *r, int i, int j, arena *a, int *oom)
{
    if (PQgetisnull(r, i, j))
        return NULL;
    char *s = arena_strdup(a, PQgetvalue(r, i, j));
    if (!s)
        *oom = 1;
    return s;
}

/* A name as the loader stored it (warehouse.h), unescaped. */
static const char *name(PGresult *r, int i, int j, arena *a, int *oom)
{
    const char *s = str(r, i, j, a, oom);
    return s ? warehouse_name_unescape((char *)s) : NULL;
}

static long num(PGresult *r, int i, int j)
{
    return PQgetisnull(r, i, j) ? 0 : atol(PQgetvalue(r, i, j));
}

/* numeric text as the loader wrote it (scan_num_format: [-]digits[.digits]) */
static int parse_value(const char *s, scan_num_dec *out)
{
    int neg = *s == '-';
    if (neg)
        s++;
    const char *dot = strchr(s, '.');
    size_t n = strlen(s);
    if (!n || !scan_number_digits(s, dot ? (size_t)(dot - s) : n, 1, out))
        return 0;
    if (dot) {
        for (const char *p = dot + 1; *p; p++) {
            if (*p < '0' || *p > '9' || out->scale >= 18 || out->mant > (INT64_MAX - 9) / 10)
                return 0;
            out->mant = out->mant * 10 + (*p - '0');
            out->scale++;
        }
    }
    if (neg)
        out->mant = -out->mant;
    return 1;
}

static scan_qual qual_of(const char *s)
{
    return !strcmp(s, "approx") ? SCAN_Q_APPROX : !strcmp(s, "max") ? SCAN_Q_MAX
         : !strcmp(s, "per_year") ? SCAN_Q_PER_YEAR : SCAN_Q_EXACT;
}

static period_kind pkind_of(const char *s)
{
    return !s ? PERIOD_NONE : !strcmp(s, "year") ? PERIOD_YEAR : !strcmp(s, "fiscal") ? PERIOD_FISCAL
         : !strcmp(s, "since") || !strcmp(s, "cumulative") ? PERIOD_SINCE : PERIOD_SPAN;
}

static const char facts_sql[] =
    "SELECT f.source_key, f.fact_no, f.line, f.span_start, f.span_end, f.sentence, f.item_run,"
    " f.label, f.snippet, f.measure, f.value::text, f.unit, f.currency_ambiguous, f.qualifier,"
    " f.period_stated, coalesce(f.period_kind, p.kind), se.kind, se.name, g.kind, g.name,"
    " g.country, fu.kind, fu.code, f.flags,"
    " f.sheet, f.col, pj.title, pa.name, f.locality, to_char(f.start_date, 'YYYYMMDD'),"
    " to_char(f.end_date, 'YYYYMMDD'), f.months, f.rows_n, f.rows_first, f.rows_last,"
    " f.rows_sum::text, f.kind_key, f.fund_from, f.country_from, f.region_from,"
    " f.sector_from, f.period_from"
    " FROM fact f JOIN dim_sector se USING (sector_key) JOIN dim_geography g USING (geo_key)"
    " JOIN dim_period p USING (period_key) JOIN dim_fund fu USING (fund_key)"
    " LEFT JOIN dim_project pj USING (project_key) LEFT JOIN dim_partner pa USING (partner_key)"
    " WHERE f.source_key = $1 ORDER BY f.fact_no";

/* Row i of facts_sql as an observation. */
static int obs_of(PGresult *r, int i, const fact_source *s, arena *a, obs *o)
{
    int oom = 0;
    memset(o, 0, sizeof *o);
    o->doc = s->name;
    o->path = s->path;
    o->line = num(r, i, 2);
    o->start = (size_t)num(r, i, 3);
    o->end = (size_t)num(r, i, 4);
    o->sentence = (int)num(r, i, 5);
    o->group = (int)num(r, i, 6);
    o->label = str(r, i, 7, a, &oom);
    o->snippet = str(r, i, 8, a, &oom);
    const char *m = PQgetvalue(r, i, 9);
    o->measure = !strcmp(m, "amount") ? OBS_AMOUNT : !strcmp(m, "count") ? OBS_COUNT : OBS_SHARE;
    if (!parse_value(PQgetvalue(r, i, 10), &o->value))
        return -1;
    o->unit = str(r, i, 11, a, &oom);
    o->currency_ambiguous = PQgetvalue(r, i, 12)[0] == 't';
    o->qual = qual_of(PQgetvalue(r, i, 13));
    const char *per = PQgetvalue(r, i, 14);
    if (!PQgetisnull(r, i, 14) && *per) {
        char *end;
        o->y1 = (int)strtol(per, &end, 10);
        o->y2 = *end == '-' ? (int)strtol(end + 1, NULL, 10) : o->y1;
        o->pkind = pkind_of(PQgetisnull(r, i, 15) ? NULL : PQgetvalue(r, i, 15));
    }
    if (!strcmp(PQgetvalue(r, i, 16), "sector"))
        o->sector = str(r, i, 17, a, &oom);
    const char *gk = PQgetvalue(r, i, 18);
    uint32_t flags = (uint32_t)num(r, i, 23);
    if (!strcmp(gk, "country") || !strcmp(gk, "grouping") || !strcmp(gk, "region")) {
        o->country = str(r, i, 20, a, &oom);
        if (strcmp(gk, "country")) {
            char rns[64];
            snprintf(rns, sizeof rns, "%s: region not stated", o->country ? o->country : "");
            if (!(flags & FACT_PROJECT) || strcmp(PQgetvalue(r, i, 19), rns))
                o->region = str(r, i, 19, a, &oom);
        }
    }
    if (!strcmp(PQgetvalue(r, i, 21), "fund"))
        o->fund = str(r, i, 22, a, &oom);
    o->total = !!(flags & FACT_TOTAL);
    o->part = !!(flags & FACT_PART);
    o->project = !!(flags & FACT_PROJECT);
    o->average = !!(flags & FACT_AVERAGE);
    o->restates = !!(flags & FACT_RESTATEMENT);
    o->subset_total = !!(flags & FACT_SUBSET_TOTAL);
    /* spreadsheets: NULL is 0 / none, as the loader wrote it */
    o->sheet = name(r, i, 24, a, &oom);
    o->col = (int)num(r, i, 25);
    o->title = str(r, i, 26, a, &oom);
    o->partner = str(r, i, 27, a, &oom);
    o->locality = str(r, i, 28, a, &oom);
    o->start_ymd = num(r, i, 29);
    o->end_ymd = num(r, i, 30);
    o->months = (int)num(r, i, 31);
    o->rows_n = (int)num(r, i, 32);
    o->rows_first = num(r, i, 33);
    o->rows_last = num(r, i, 34);
    if (!PQgetisnull(r, i, 35) && !parse_value(PQgetvalue(r, i, 35), &o->rows_sum))
        return -3;
    o->kind = (int)num(r, i, 36);      /* dim_kind's key is attribute_money_kind */
    if (o->kind < 0 || o->kind >= KIND__N)
        o->kind = KIND_NONE;
    for (int k = 0; k < OBS_FROM__N; k++) {   /* NULL: not stated, or before 012 */
        int from = PQgetisnull(r, i, 37 + k) ? 0 : attribute_from_of_name(PQgetvalue(r, i, 37 + k));
        o->from[k] = (unsigned char)(from > 0 ? from : ATTR_FROM_NONE);
    }
    return oom ? -2 : 0;
}

static ac_error read_source(warehouse *w, model *m, arena *a, finding_list *fl, warehouse_read_info *info,
                            PGresult *src, int k, diag *d)
{
    int oom = 0;
    fact_source s;
    memset(&s, 0, sizeof s);
    const char *key = PQgetvalue(src, k, 0);
    s.path = name(src, k, 1, a, &oom);
    s.name = name(src, k, 2, a, &oom);
    snprintf(s.sha256, sizeof s.sha256, "%s", PQgetvalue(src, k, 3));
    s.bytes = (size_t)strtoull(PQgetvalue(src, k, 4), NULL, 10);
    s.encoding = str(src, k, 5, a, &oom);
    s.lang = str(src, k, 6, a, &oom);
    s.country = str(src, k, 7, a, &oom);
    s.doc_year = (int)num(src, k, 8);
    if (oom)
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    const char *p[1] = {key};
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "reading facts", d, facts_sql, 1, p);
    if (!r)
        return AC_ERR_DB;
    int n = PQntuples(r);
    obs *o = calloc(n ? (size_t)n : 1, sizeof *o);
    size_t nf = info->n_facts + (size_t)n;
    int32_t *sk = realloc(info->src_key, (nf ? nf : 1) * sizeof *sk);
    if (sk)
        info->src_key = sk;
    int32_t *fn = sk ? realloc(info->fact_no, (nf ? nf : 1) * sizeof *fn) : NULL;
    if (fn)
        info->fact_no = fn;
    ac_error err = !o || !sk || !fn ? diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory") : AC_OK;
    for (int i = 0; !err && i < n; i++) {
        int rc = obs_of(r, i, &s, a, &o[i]);
        if (rc == -1 || rc == -3)
            err = diag_fail(d, AC_ERR_DB, s.name, num(r, i, 2), "database: a fact's %s "
                            "\"%s\" is not an exact decimal", rc == -1 ? "value" : "rows_sum",
                            PQgetvalue(r, i, rc == -1 ? 10 : 35));
        else if (rc)
            err = diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        s.n_amounts += o[i].measure == OBS_AMOUNT;
        s.n_shares += o[i].measure == OBS_SHARE;
        s.n_counts += o[i].measure == OBS_COUNT;
        info->src_key[info->n_facts + (size_t)i] = (int32_t)atol(key);
        info->fact_no[info->n_facts + (size_t)i] = (int32_t)num(r, i, 1);
    }
    s.n_obs = (size_t)n;
    PQclear(r);
    if (!err && (err = model_add_source(m, &s, o, (size_t)n, d)) != AC_OK)
        diag_fail(d, err, s.name, 0, "cannot add the source to the model: %s", ac_strerror(err));
    free(o);
    if (err)
        return err;
    info->n_facts = nf;
    info->n_sources++;
    /* its impossible dates, as the pipeline adds them after the source */
    r = warehouse_exec(w, PGRES_TUPLES_OK, "reading impossible dates", d,
                "SELECT line, text FROM source_invalid_date WHERE source_key = $1 ORDER BY seq",
                1, p);
    if (!r)
        return AC_ERR_DB;
    for (int i = 0; !err && i < PQntuples(r); i++)
        err = check_add_invalid_date(fl, a, s.name, num(r, i, 0), PQgetvalue(r, i, 1));
    PQclear(r);
    return err ? diag_fail(d, err, NULL, 0, "out of memory") : AC_OK;
}

/* The rejects that stand (v_reject, sql/010_rejects.sql) into info, but a
 * spreadsheet row of a path whose content is read under another path (a
 * copy: not loaded again, as in process). */
static ac_error read_rejects(warehouse *w, arena *a, warehouse_read_info *info, diag *d)
{
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "reading rejects", d,
                          "SELECT path, line, reason, sheet, col, raw FROM v_reject"
                          " WHERE whole_file OR path NOT IN (SELECT path FROM dim_source"
                          " EXCEPT SELECT path FROM (SELECT DISTINCT ON (sha256) sha256, path"
                          " FROM dim_source ORDER BY sha256, path COLLATE \"C\") f)"
                          " ORDER BY path COLLATE \"C\", line NULLS FIRST, col NULLS FIRST", 0, NULL);
    if (!r)
        return AC_ERR_DB;
    int n = PQntuples(r), oom = 0;
    info->rejects = calloc(n ? (size_t)n : 1, sizeof *info->rejects);
    oom = !info->rejects;
    for (int i = 0; !oom && i < n; i++) {
        warehouse_reject *k = &info->rejects[i];
        k->path = k->source_path = name(r, i, 0, a, &oom);
        k->line = num(r, i, 1);
        k->reason = name(r, i, 2, a, &oom);
        k->sheet = name(r, i, 3, a, &oom);
        k->col = (int)num(r, i, 4);
        k->raw = name(r, i, 5, a, &oom);
        info->n_rejects += !oom;
    }
    PQclear(r);
    return oom ? diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory") : AC_OK;
}

ac_error warehouse_read(warehouse *w, model *m, arena *a, finding_list *fl, warehouse_read_info *info, diag *d)
{
    memset(info, 0, sizeof *info);
    ac_error err = cmd(w, d, "starting a snapshot",
                       "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (err)
        return err;
    PGresult *src = warehouse_exec(w, PGRES_TUPLES_OK, "reading sources", d,
                            "SELECT coalesce(content_key, source_key), path, name, sha256, bytes,"
                            " encoding, lang, country, doc_year,"
                            " (SELECT max(batch_key) FROM batch WHERE status = 'committed')"
                            " FROM (SELECT DISTINCT ON (sha256) * FROM dim_source"
                            " ORDER BY sha256, path COLLATE \"C\") s ORDER BY path COLLATE \"C\"",
                            0, NULL);
    if (!src)
        err = AC_ERR_DB;
    for (int k = 0; !err && k < PQntuples(src); k++) {
        info->last_batch = atoll(PQgetvalue(src, k, 9));
        err = read_source(w, m, a, fl, info, src, k, d);
    }
    PQclear(src);
    if (!err)
        err = read_rejects(w, a, info, d);
    if (!err)
        err = cmd(w, d, "ending the snapshot", "COMMIT");
    else
        PQclear(PQexec(w->c, "ROLLBACK"));
    return err;
}

void warehouse_read_info_free(warehouse_read_info *info)
{
    if (!info)
        return;
    free(info->src_key);
    free(info->fact_no);
    free(info->rejects);
    memset(info, 0, sizeof *info);
}

/* ---- the cube back into the warehouse ------------------------------------ */

/* The warehouse key of every member of the model, by natural key. */
static ac_error map_members(warehouse *w, const model *m, int32_t *key[DIM__N], diag *d)
{
    for (int dm = 0; dm < DIM__N; dm++) {
        const dimension *dim = &m->dim[dm];
        key[dm] = calloc(dim->n ? dim->n : 1, sizeof(int32_t));
        if (!key[dm])
            return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        key[dm][KEY_TOTAL] = 0;
        if (dim->n > KEY_NOT_STATED)
            key[dm][KEY_NOT_STATED] = 1;
        for (size_t k = KEY_FIRST_MEMBER; k < dim->n; k++) {
            const member *mb = &dim->m[k];
            char d1[16], d2[16];
            const char *p[3] = {mb->name, NULL, NULL};
            const char *sql;
            int n = 1;
            if (dm == DIM_SECTOR) {
                sql = "SELECT sector_key FROM dim_sector WHERE kind = 'sector' AND name = $1";
            } else if (dm == DIM_FUND) {
                sql = "SELECT fund_key FROM dim_fund WHERE kind = 'fund' AND code = $1";
            } else if (dm == DIM_REGION) {
                p[1] = mb->kind == MK_COUNTRY ? "country" : mb->kind == MK_GROUPING ? "grouping"
                                                                                     : "region";
                p[2] = mb->code;
                n = 3;
                sql = "SELECT geo_key FROM dim_geography WHERE name = $1 AND kind = $2"
                      " AND country = $3";
            } else {
                snprintf(d1, sizeof d1, "%04d-%02d-%02d", mb->start / 10000, mb->start / 100 % 100,
                         mb->start % 100);
                snprintf(d2, sizeof d2, "%04d-%02d-%02d", mb->end / 10000, mb->end / 100 % 100,
                         mb->end % 100);
                p[0] = d1;
                p[1] = d2;
                n = 2;
                sql = "SELECT period_key FROM dim_period WHERE first_day = $1 AND last_day = $2";
            }
            PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "looking up a member", d, sql, n, p);
            if (!r)
                return AC_ERR_DB;
            int found = PQntuples(r) == 1;
            key[dm][k] = found ? (int32_t)atol(PQgetvalue(r, 0, 0)) : -1;
            PQclear(r);
            if (!found)
                return diag_fail(d, AC_ERR_DB, NULL, 0, "database: the %s \"%s\" of the cube is "
                                 "not in the warehouse", model_dim_name[dm], mb->name);
        }
    }
    return AC_OK;
}

/* Send the rest and end the COPY (aborted when err is set). */
static ac_error copy_end(warehouse *w, strbuf *b, ac_error err, const char *what, diag *d)
{
    if (!err)
        err = warehouse_copy_send(w, b, what, d);
    strbuf_free(b);
    return warehouse_copy_end(w, err, "aidcube: cube failed", what, what, d);
}

/* One cell of cuboid mask as a row of cube_cell. */
static void cell_row(strbuf *b, const char *ver, unsigned mask, int32_t *key[DIM__N],
                     const cube_cell *x)
{
    const cube_val *a = &x->amount, *n = &x->projects;
    char flags[CUBE_FLAGS_MAX];
    warehouse_copy_text(b, ver, '\t');
    warehouse_copy_int(b, mask, 1, '\t');
    for (int dm = 0; dm < DIM__N; dm++)
        warehouse_copy_int(b, key[dm][x->key[dm]], 1, '\t');
    warehouse_copy_int(b, a->value, a->origin != ORIGIN_NONE, '\t');
    warehouse_copy_text(b, cube_origin_key((cube_origin)a->origin), '\t');
    warehouse_copy_int(b, a->reported, a->has & HAS_REPORTED, '\t');
    warehouse_copy_int(b, a->computed, a->has & HAS_COMPUTED, '\t');
    warehouse_copy_int(b, a->derived, a->has & HAS_DERIVED, '\t');
    warehouse_copy_int(b, a->flags, 1, '\t');
    warehouse_copy_text(b, cube_cell_flags(x, flags, sizeof flags), '\t');
    warehouse_copy_int(b, n->value, n->origin != ORIGIN_NONE, '\t');
    warehouse_copy_text(b, cube_origin_key((cube_origin)n->origin), '\t');
    const cube_val *shown = a->origin != ORIGIN_NONE ? a : n;
    warehouse_copy_int(b, shown->n_facts, 1, '\n');
}

static ac_error copy_cells(warehouse *w, const cube *c, int32_t *key[DIM__N], const char *ver, diag *d)
{
    ac_error err = warehouse_copy_start(w,
                          "COPY cube_cell (cube_version, cuboid, sector_key, geo_key, period_key,"
                          " fund_key, amount_cents, origin, reported_cents, computed_cents,"
                          " derived_cents, flags, flag_names, projects, projects_origin, n_facts)"
                          " FROM STDIN", d);
    if (err)
        return err;
    strbuf b = {0};
    for (unsigned mask = 0; mask < CUBE_N_CUBOIDS && !err; mask++) {
        const cuboid *cb = &c->cuboid[mask];
        for (size_t i = 0; i < cb->n && !err; i++) {
            cell_row(&b, ver, mask, key, &c->cells[cb->cell[i]]);
            if (b.n >= WH_COPY_CHUNK)
                err = warehouse_copy_send(w, &b, "sending cells", d);
        }
    }
    return copy_end(w, &b, err, "writing cells", d);
}

/* fact.flags' FACT_LEAF bit as the build set it: the leaves through COPY
 * into a temporary table, then one UPDATE of the facts whose bit changes. */
static ac_error write_leaves(warehouse *w, const cube *c, const warehouse_read_info *info, diag *d)
{
    ac_error err = cmd(w, d, "creating the leaf list",
                       "CREATE TEMPORARY TABLE leaf (source_key integer, fact_no integer,"
                       " PRIMARY KEY (source_key, fact_no)) ON COMMIT DROP");
    if (err || (err = warehouse_copy_start(w, "COPY leaf FROM STDIN", d)))
        return err;
    strbuf b = {0};
    const fact_table *f = &c->m->f;
    for (size_t i = 0; i < f->n && i < info->n_facts; i++)
        if (f->flags[i] & FACT_LEAF) {
            warehouse_copy_int(&b, info->src_key[i], 1, '\t');
            warehouse_copy_int(&b, info->fact_no[i], 1, '\n');
        }
    err = copy_end(w, &b, AC_OK, "writing the leaves", d);
    if (!err)
        err = cmd(w, d, "setting fact.is_leaf",
                  "UPDATE fact f SET flags = f.flags # 512 WHERE (f.flags & 512 <> 0) <> EXISTS"
                  " (SELECT 1 FROM leaf l WHERE l.source_key = f.source_key"
                  " AND l.fact_no = f.fact_no)");
    return err;
}

ac_error warehouse_write_cube(warehouse *w, const cube *c, const warehouse_read_info *info, const char *aidcube_version,
                       long long *version, diag *d)
{
    int32_t *key[DIM__N] = {0};
    *version = 0;
    ac_error err = cmd(w, d, "BEGIN", "BEGIN");
    if (!err)
        err = map_members(w, c->m, key, d);
    char vs[24] = "", srcs[24], facts[24], cells[24], lb[24];
    snprintf(srcs, sizeof srcs, "%zu", info->n_sources);
    snprintf(facts, sizeof facts, "%zu", info->n_facts);
    snprintf(cells, sizeof cells, "%zu", c->n_cells);
    snprintf(lb, sizeof lb, "%lld", info->last_batch);
    if (!err) {
        const char *p[5] = {info->last_batch ? lb : NULL, srcs, facts, cells, aidcube_version};
        PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "starting a cube version", d,
                              "INSERT INTO cube_version (last_batch, sources, facts, cells,"
                              " aidcube_version) VALUES ($1, $2, $3, $4, $5) RETURNING cube_version",
                              5, p);
        if (!r)
            err = AC_ERR_DB;
        else {
            snprintf(vs, sizeof vs, "%s", PQgetvalue(r, 0, 0));
            PQclear(r);
        }
    }
    if (!err)
        err = copy_cells(w, c, key, vs, d);
    if (!err)
        err = write_leaves(w, c, info, d);
    if (!err)
        err = cmd(w, d, "COMMIT", "COMMIT");
    if (err)
        PQclear(PQexec(w->c, "ROLLBACK"));
    else
        *version = atoll(vs);
    for (int dm = 0; dm < DIM__N; dm++)
        free(key[dm]);
    return err;
}

/* ---- the findings back into the warehouse -------------------------------- */

static void put_value(strbuf *b, int64_t v, int scale, int has, char end)
{
    char t[48];
    warehouse_copy_text(b, has ? check_format_value(v, scale, t, sizeof t) : NULL, end);
}

/* Finding i as a row of finding. */
static void finding_row(strbuf *b, const char *ver, size_t i, const finding *f)
{
    warehouse_copy_text(b, ver, '\t');
    warehouse_copy_int(b, (long long)i + 1, 1, '\t');
    warehouse_copy_text(b, f->rule, '\t');
    warehouse_copy_text(b, check_verdict_name(f->verdict), '\t');
    warehouse_copy_text(b, f->what ? f->what : "", '\t');
    put_value(b, f->stated, f->scale, f->has_stated, '\t');
    put_value(b, f->computed, f->scale, f->has_computed, '\t');
    put_value(b, f->diff, f->scale, f->has_stated && f->has_computed, '\t');
    warehouse_copy_int(b, f->scale < 0 ? 0 : f->scale > 18 ? 18 : f->scale, 1, '\t');
    warehouse_copy_text(b, f->unit ? f->unit : "", '\t');
    warehouse_copy_text(b, f->lines ? f->lines : "", '\t');
    warehouse_copy_text(b, f->doc, '\t');
    warehouse_copy_int(b, f->line, f->doc != NULL, '\n');
}

static ac_error copy_findings(warehouse *w, const finding_list *fl, const char *ver, diag *d)
{
    ac_error err = warehouse_copy_start(w,
                          "COPY finding (check_version, seq, rule, verdict, what, stated, computed,"
                          " diff, scale, unit, lines, doc, line) FROM STDIN", d);
    if (err)
        return err;
    strbuf b = {0};
    for (size_t i = 0; i < fl->n && !err; i++) {
        finding_row(&b, ver, i, &fl->v[i]);
        if (b.n >= WH_COPY_CHUNK)
            err = warehouse_copy_send(w, &b, "sending findings", d);
    }
    return copy_end(w, &b, err, "writing findings", d);
}

ac_error warehouse_write_findings(warehouse *w, const finding_list *fl, const warehouse_read_info *info,
                           double tolerance, const char *aidcube_version, long long *version,
                           diag *d)
{
    *version = 0;
    char vs[24] = "", srcs[24], facts[24], nf[24], lb[24], tol[32];
    snprintf(srcs, sizeof srcs, "%zu", info->n_sources);
    snprintf(facts, sizeof facts, "%zu", info->n_facts);
    snprintf(nf, sizeof nf, "%zu", fl->n);
    snprintf(lb, sizeof lb, "%lld", info->last_batch);
    snprintf(tol, sizeof tol, "%.6f", tolerance);
    ac_error err = cmd(w, d, "BEGIN", "BEGIN");
    if (!err) {
        const char *p[6] = {info->last_batch ? lb : NULL, srcs, facts, nf,
                            tolerance < 0 ? NULL : tol, aidcube_version};
        PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "starting a check version", d,
                              "INSERT INTO check_version (last_batch, sources, facts, findings,"
                              " tolerance, aidcube_version) VALUES ($1, $2, $3, $4, $5, $6)"
                              " RETURNING check_version", 6, p);
        if (!r)
            err = AC_ERR_DB;
        else {
            snprintf(vs, sizeof vs, "%s", PQgetvalue(r, 0, 0));
            PQclear(r);
        }
    }
    if (!err)
        err = copy_findings(w, fl, vs, d);
    if (!err)
        err = cmd(w, d, "COMMIT", "COMMIT");
    if (err)
        PQclear(PQexec(w->c, "ROLLBACK"));
    else
        *version = atoll(vs);
    return err;
}
