/*
 * warehouse_shards.c — `aidcube db init --shards CONNINFO,...`: a warehouse
 * whose facts are spread over other PostgreSQL servers (postgres_fdw).
 *
 * The design is in sql/shards/coordinator.sql: fact hash-partitioned by
 * source_key, each partition a foreign table on a shard's fact table; the
 * tables fact references kept on the coordinator and copied to every shard
 * by statement triggers in the same transaction; the shard's own fact table
 * (made by the same sql/NNN_*.sql files as a single server's) enforces the
 * primary key, the CHECKs and the foreign keys, which the coordinator's
 * partitioned table cannot.  Load, cube, check and build run unchanged.
 *
 * Data flow: connect to every shard first (one that cannot be reached
 * stops it all, before anything is made); refuse a coordinator already
 * initialised on one server, or sharded over another number of shards
 * (sharded over as many: nothing to do, said in a warning: the list is
 * not compared with the servers); refuse a database given twice (the
 * coordinator's among them: distinct_databases); on each shard, in a transaction
 * of its own, the migrations, then refuse a shard that holds batches or
 * facts, then sql/shards/shard.sql (run again on a shard made by an
 * earlier attempt: nothing changes); last, on the coordinator, in ONE
 * transaction, the migrations, sql/shards/coordinator.sql, one
 * shard_server() per shard and shard_fact(): a failure there leaves the
 * coordinator as it was.  Shards made ready by a failed attempt stay
 * ready and empty; the next attempt takes them.
 *
 * The shards' conninfo strings are parsed by libpq (PQconninfoParse): user
 * and password go to the user mapping, every other option to the server;
 * they reach SQL only as parameters, quoted by format() on the server.  A
 * conninfo is shown as its options without the password.  A conninfo holding
 * a comma (a libpq host list) cannot be given in --shards.
 *
 * Memory: the shard connections and the split list are freed before return.
 */
#include "warehouse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    warehouse *w;              /* the coordinator, borrowed             */
    const char *sql_dir;
    char **conn;               /* the shards' conninfo strings          */
    size_t n;
} shards;

/* conninfo as shown in messages: as given, or when it holds a password,
 * its options without the password. */
static void shown(const char *conninfo, char *out, size_t cap)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
    int pw = 0;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        pw |= !strcmp(o->keyword, "password") && o->val && *o->val;
    snprintf(out, cap, "%s", !opts ? "conninfo not shown" : pw ? "" : conninfo);
    size_t len = 0;
    for (PQconninfoOption *o = opts; pw && o->keyword; o++) {
        if (!o->val || !*o->val || !strcmp(o->keyword, "password"))
            continue;
        int k = snprintf(out + len, cap - len, "%s%s=%s", len ? " " : "", o->keyword, o->val);
        if (k < 0 || (size_t)k >= cap - len)
            break;
        len += (size_t)k;
    }
    PQconninfoFree(opts);
}

/* A diag sink keeping the first error's text (the shard's reason). */
static void keep_first(diag_level level, const char *file, long line, const char *msg, void *ctx)
{
    char *buf = ctx;
    (void)file;
    (void)line;
    if (level == DIAG_ERROR && !buf[0])
        snprintf(buf, 512, "%s", msg);
}

/* The text after prefix p of s, or s. */
static const char *after(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) ? s : s + strlen(p);
}

/* A text[] literal of the n strings v ({"a","b"}: each quoted, \ and "
 * escaped), for a parameter. */
static void array_literal(strbuf *b, const char *const *v, size_t n)
{
    strbuf_addc(b, '{');
    for (size_t i = 0; i < n; i++) {
        strbuf_adds(b, i ? ",\"" : "\"");
        for (const char *p = v[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                strbuf_addc(b, '\\');
            strbuf_addc(b, *p);
        }
        strbuf_addc(b, '"');
    }
    strbuf_addc(b, '}');
}

static ac_error exec_ok(warehouse *w, const char *what, const char *sql, int n,
                        const char *const *p, diag *d)
{
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, what, d, sql, n, p);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

/* Apply sql_dir/shards/NAME (statements returning nothing). */
static ac_error apply_file(warehouse *w, const char *sql_dir, const char *name, diag *d)
{
    char path[4096], what[300];
    snprintf(path, sizeof path, "%s/shards/%s", sql_dir, name);
    snprintf(what, sizeof what, "applying shards/%s", name);
    char *text = strbuf_read_path(path, 0, NULL);
    if (!text)
        return diag_fail(d, AC_ERR_IO, path, 0, "cannot read the file");
    PGresult *r = warehouse_exec(w, PGRES_COMMAND_OK, what, d, text, 0, NULL);
    free(text);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

/* One value of a one-row query, as a number. */
static ac_error one_num(warehouse *w, const char *what, const char *sql, long long *v, diag *d)
{
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, what, d, sql, 0, NULL);
    if (!r)
        return AC_ERR_DB;
    *v = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return AC_OK;
}

/* One boolean of a one-row query with parameters, in *v. */
static ac_error one_bool(warehouse *w, const char *what, const char *sql, int n,
                         const char *const *p, int *v, diag *d)
{
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, what, d, sql, n, p);
    if (!r)
        return AC_ERR_DB;
    *v = PQgetvalue(r, 0, 0)[0] == 't';
    PQclear(r);
    return AC_OK;
}

/* Shard i made ready: the migrations, empty, shards/shard.sql.  Errors on
 * e (the caller says which shard). */
static ac_error shard_prepare(warehouse *s, const char *sql_dir, diag *e)
{
    int from, to;
    long long rows = 0;
    ac_error err = warehouse_migrate(s, sql_dir, 1, &from, &to, e);
    if (err || (err = one_num(s, "looking at the shard",
                              "SELECT (SELECT count(*) FROM batch) + (SELECT count(*) FROM fact)",
                              &rows, e)))
        return err;
    if (rows)
        return diag_fail(e, AC_ERR_DB, NULL, 0,
                         "it holds batches or facts already: a shard starts empty");
    return apply_file(s, sql_dir, "shard.sql", e);
}

/* shard_server() for shard no (1-based) of conninfo conn: its options as
 * text[] parameters, user and password apart (the user mapping's). */
static ac_error add_server(warehouse *w, size_t no, const char *conn, diag *d)
{
    PQconninfoOption *opts = PQconninfoParse(conn, NULL);
    const char *k[2][64], *v[2][64];     /* 64: more than libpq's keywords */
    size_t nk[2] = {0, 0};
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        int u = !strcmp(o->keyword, "user") || !strcmp(o->keyword, "password");
        if (o->val && *o->val && nk[u] < 64) {
            k[u][nk[u]] = o->keyword;
            v[u][nk[u]++] = o->val;
        }
    }
    strbuf a[4] = {{0}};
    for (int j = 0; j < 4; j++)
        array_literal(&a[j], j % 2 ? v[j / 2] : k[j / 2], nk[j / 2]);
    char ns[24], what[48];
    snprintf(ns, sizeof ns, "%zu", no);
    snprintf(what, sizeof what, "setting up shard %zu", no);
    const char *p[5] = {ns, a[0].s, a[1].s, a[2].s, a[3].s};
    ac_error err = a[0].failed || a[1].failed || a[2].failed || a[3].failed
                 ? diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory")
                 : exec_ok(w, what, "SELECT shard_server($1::int, $2::text[], $3::text[],"
                           " $4::text[], $5::text[])", 5, p, d);
    if (a[3].s)                          /* the password */
        explicit_bzero(a[3].s, a[3].n);
    for (int j = 0; j < 4; j++)
        strbuf_free(&a[j]);
    PQconninfoFree(opts);
    return err;
}

/* On the coordinator, after the migrations, in their transaction. */
static ac_error coordinator(warehouse *w, void *arg, int from, diag *d)
{
    const shards *sh = arg;
    if (from)
        return diag_fail(d, AC_ERR_DB, NULL, 0, "db init: schema \"%s\" was initialised meanwhile",
                         w->schema);
    ac_error err = apply_file(w, sh->sql_dir, "coordinator.sql", d);
    for (size_t i = 0; i < sh->n && !err; i++)
        err = add_server(w, i + 1, sh->conn[i], d);
    char n[24];
    snprintf(n, sizeof n, "%zu", sh->n);
    const char *p[1] = {n};
    return err ? err : exec_ok(w, "partitioning fact over the shards",
                               "SELECT shard_fact($1::int)", 1, p, d);
}

ac_error warehouse_sharded(warehouse *w, int *sharded, diag *d)
{
    return one_bool(w, "looking for shards", "SELECT to_regclass('shard') IS NOT NULL", 0, NULL,
                    sharded, d);
}

/* The coordinator's state: its version, and its shards (-1: not sharded). */
static ac_error coordinator_state(warehouse *w, int *version, long long *n, diag *d)
{
    int sharded;
    ac_error err = warehouse_version(w, version, d);
    *n = -1;
    if (err || !*version || (err = warehouse_sharded(w, &sharded, d)))
        return err;
    return sharded ? one_num(w, "counting shards", "SELECT count(*) FROM shard", n, d) : AC_OK;
}

/* Split list at commas into sh->conn (each malloc'd). */
static ac_error split(const char *list, shards *sh, diag *d)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    if (!(sh->conn = calloc(cap, sizeof *sh->conn)))
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    for (const char *p = list;; p++) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!len)
            return diag_fail(d, AC_ERR_USAGE, NULL, 0, "db init: --shards: an empty conninfo");
        if (!(sh->conn[sh->n] = strndup(p, len)))
            return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        sh->n++;
        if (!e)
            return AC_OK;
        p = e;
    }
}

/* Shard i's failure on d, with its number, conninfo and reason. */
static ac_error shard_failed(const shards *sh, size_t i, ac_error err, const char *how,
                             const char *why, const diag *e, diag *d)
{
    char conn[400];
    shown(sh->conn[i], conn, sizeof conn);
    diag_fail(d, err, NULL, 0, "db init: shard %zu (%s): %s%s", i + 1, conn, how, why);
    if (e->sqlstate[0])
        snprintf(d->sqlstate, sizeof d->sqlstate, "%s", e->sqlstate);
    return err;
}

/* Rule "one database, one place in the list": a database given twice
 * (two shards, or the coordinator as a shard) would be written through two
 * connections in one transaction, the second waiting for the first's row
 * locks for good.  Each connection takes a session advisory lock of this
 * key, which a second session of the same database cannot also take
 * (advisory locks are per database); ended with the connections. */
#define SHARD_INIT_LOCK "7411920370155713591"

/* 1 when w's session took the init lock, 0 when another session of its
 * database holds it, -1 on error (said on e). */
static int take_init_lock(warehouse *w, diag *e)
{
    const char *p[1] = {SHARD_INIT_LOCK};
    int got;
    return one_bool(w, "telling the databases apart", "SELECT pg_try_advisory_lock($1::bigint)",
                    1, p, &got, e) ? -1 : got;
}

/* Every shard a database of its own, none the coordinator's. */
static ac_error distinct_databases(const shards *sh, warehouse **s, diag *e, diag *d)
{
    int got = take_init_lock(sh->w, d);
    if (got <= 0)
        return got < 0 ? AC_ERR_DB
                       : diag_fail(d, AC_ERR_DB, NULL, 0, "db init: another db init --shards "
                                   "is running on the coordinator's database");
    ac_error err = AC_OK;
    for (size_t i = 0; i < sh->n && !err; i++)
        if ((got = take_init_lock(s[i], e)) < 0)
            err = shard_failed(sh, i, AC_ERR_DB, "", "cannot be told apart from the others", e, d);
        else if (!got)
            err = shard_failed(sh, i, AC_ERR_DB, "", "is the coordinator's database or an "
                               "earlier shard's (or another db init --shards is running on it): "
                               "each shard must be a database of its own", e, d);
    const char *p[1] = {SHARD_INIT_LOCK};
    PQclear(warehouse_exec(sh->w, PGRES_TUPLES_OK, "telling the databases apart", d,
                           "SELECT pg_advisory_unlock($1::bigint)", 1, p));
    return err;
}

/* Connect to every shard (nothing is made before all answer and are told
 * apart), then make each ready; the first failure is reported with the
 * shard's number. */
static ac_error prepare_all(const shards *sh, diag *d)
{
    ac_error err = AC_OK;
    warehouse **s = calloc(sh->n, sizeof *s);
    char why[512] = "";
    diag e;
    diag_init(&e);
    e.sink = keep_first;
    e.ctx = why;
    if (!s)
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < sh->n && !err; i++)
        if ((err = warehouse_connect(sh->conn[i], sh->w->schema, &e, &s[i])))
            shard_failed(sh, i, err, "could not connect: ", after(why, "database: cannot connect: "),
                         &e, d);
    if (!err)
        err = distinct_databases(sh, s, &e, d);
    for (size_t i = 0; i < sh->n && !err; i++)
        if ((err = shard_prepare(s[i], sh->sql_dir, &e)))
            shard_failed(sh, i, err, "", why, &e, d);
    for (size_t i = 0; i < sh->n; i++)
        warehouse_free(s[i]);
    free(s);
    return err;
}

ac_error warehouse_init_shards(warehouse *w, const char *sql_dir, const char *list, int *from, int *to,
                               diag *d)
{
    shards sh = {.w = w, .sql_dir = sql_dir};
    int version = 0;
    long long n_now = -1;
    *from = *to = 0;
    ac_error err = split(list, &sh, d);
    if (!err)
        err = coordinator_state(w, &version, &n_now, d);
    if (!err && version && n_now < 0)
        err = diag_fail(d, AC_ERR_DB, NULL, 0, "db init: schema \"%s\" is initialised on one "
                        "server already: a sharded warehouse starts from an empty schema", w->schema);
    else if (!err && version && (size_t)n_now != sh.n)
        err = diag_fail(d, AC_ERR_DB, NULL, 0, "db init: schema \"%s\" is sharded over %lld "
                        "shards, not %zu", w->schema, n_now, sh.n);
    else if (!err && version) {
        *from = *to = version;          /* sharded already: nothing to do */
        diag_warn(d, NULL, 0, "db init: schema \"%s\" is sharded over %lld shards already: "
                  "the --shards list is not read again, the shards stay as they are",
                  w->schema, n_now);
    }
    else if (!err && !(err = prepare_all(&sh, d)))
        err = warehouse_migrate_then(w, sql_dir, 1, coordinator, &sh, from, to, d);
    for (size_t i = 0; i < sh.n; i++)
        free(sh.conn[i]);
    free(sh.conn);
    return err;
}
