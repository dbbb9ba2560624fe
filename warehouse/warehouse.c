/*
 * warehouse.c — the warehouse connection, its migrations, the load lock and status
 * (see warehouse.h for the invariants; the load itself is warehouse_load.c).
 *
 * Migrations are the files sql/NNN_name.sql, applied in the order of NNN,
 * each once, all pending ones in one transaction under a transaction-level
 * advisory lock (two `db init` at once: the second finds nothing to do).
 * The files never name the schema: the session's search_path does.
 */
#include "warehouse_int.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/sha256.h"
#include "../base/strbuf.h"

int warehouse_schema_name_ok(const char *s)
{
    if (!s || !*s || strlen(s) > 63 || !((*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Replace every occurrence of the password in s with ****. */
static void mask(const warehouse *w, char *s, size_t cap)
{
    const char *pw[2] = {w ? w->password : NULL, getenv("PGPASSWORD")};
    for (int k = 0; k < 2; k++) {
        if (!pw[k] || !*pw[k])
            continue;
        size_t n = strlen(pw[k]);
        char *p;
        while ((p = strstr(s, pw[k])) != NULL) {
            size_t rest = strlen(p + n);
            if (n >= 4) {
                memcpy(p, "****", 4);
                memmove(p + 4, p + n, rest + 1);
            } else {
                memset(p, '*', n);
            }
        }
    }
    (void)cap;
}

/* libpq's message, one line (its trailing newline and DETAIL dropped). */
static void one_line(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
}

ac_error warehouse_fail(warehouse *w, PGresult *res, const char *what, diag *d)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char msg[sizeof w->errmsg];
    snprintf(msg, sizeof msg, "%s", primary ? primary : w->c ? PQerrorMessage(w->c) : "");
    one_line(msg);
    if (!msg[0])
        snprintf(msg, sizeof msg, "%s", res ? PQresStatus(PQresultStatus(res)) : "no result");
    mask(w, msg, sizeof msg);
    snprintf(w->sqlstate, sizeof w->sqlstate, "%s", state ? state : "");
    snprintf(w->errmsg, sizeof w->errmsg, "%.100s: %.400s", what, msg);
    PQclear(res);
    if (d)
        snprintf(d->sqlstate, sizeof d->sqlstate, "%s", w->sqlstate);
    if (w->sqlstate[0])
        return diag_fail(d, AC_ERR_DB, NULL, 0, "database: %s (SQLSTATE %s)", w->errmsg, w->sqlstate);
    return diag_fail(d, AC_ERR_DB, NULL, 0, "database: %s", w->errmsg);
}

PGresult *warehouse_exec(warehouse *w, ExecStatusType want, const char *what, diag *d, const char *sql,
                  int n, const char *const *params)
{
    PGresult *r = n ? PQexecParams(w->c, sql, n, NULL, params, NULL, NULL, 0)
                    : PQexec(w->c, sql);
    if (r && PQresultStatus(r) == want)
        return r;
    warehouse_fail(w, r, what, d);
    return NULL;
}

/* Run a statement that returns nothing we need. */
static ac_error run(warehouse *w, const char *what, diag *d, const char *sql, int n,
                    const char *const *params)
{
    PGresult *r = warehouse_exec(w, PGRES_COMMAND_OK, what, d, sql, n, params);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

ac_error warehouse_set_path(warehouse *w, diag *d)
{
    const char *p[1] = {w->schema};
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "setting search_path", d,
                          "SELECT set_config('search_path', quote_ident($1::text), false)", 1, p);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

ac_error warehouse_connect(const char *conninfo, const char *schema, diag *d, warehouse **out)
{
    *out = NULL;
    if (!warehouse_schema_name_ok(schema))
        return diag_fail(d, AC_ERR_USAGE, NULL, 0,
                         "invalid schema name \"%s\" (lowercase letters, digits, _)", schema);
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &perr);
    if (!opts) {
        /* libpq's message may quote a piece of the string: a password */
        PQfreemem(perr);
        return diag_fail(d, AC_ERR_DB, NULL, 0,
                         "database: invalid connection string (not shown: it may hold a password)");
    }
    warehouse *w = calloc(1, sizeof *w);
    if (!w) {
        PQconninfoFree(opts);
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    }
    int nomem = 0;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (!strcmp(o->keyword, "password") && o->val && *o->val)
            nomem |= !(w->password = strdup(o->val));
    PQconninfoFree(opts);
    snprintf(w->schema, sizeof w->schema, "%s", schema);
    w->conninfo = strdup(conninfo);
    if (nomem || !w->conninfo) {
        warehouse_free(w);
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    }
    w->c = PQconnectdb(conninfo);
    if (!w->c || PQstatus(w->c) != CONNECTION_OK) {
        ac_error err = warehouse_fail(w, NULL, "cannot connect", d);
        warehouse_free(w);
        return err;
    }
    if (PQsetClientEncoding(w->c, "UTF8") != 0) {
        ac_error err = warehouse_fail(w, NULL, "cannot set the client encoding to UTF8", d);
        warehouse_free(w);
        return err;
    }
    ac_error err = warehouse_set_path(w, d);
    if (err) {
        warehouse_free(w);
        return err;
    }
    *out = w;
    return AC_OK;
}

void warehouse_free(warehouse *w)
{
    if (!w)
        return;
    if (w->c)
        PQfinish(w->c);
    /* explicit_bzero: a memset before free may be optimised away */
    if (w->password) {
        explicit_bzero(w->password, strlen(w->password));
        free(w->password);
    }
    if (w->conninfo) {
        explicit_bzero(w->conninfo, strlen(w->conninfo));
        free(w->conninfo);
    }
    free(w);
}

/* ---- migrations ---- */

typedef struct {
    int version;
    char name[256];
} sql_file;

static int is_migration(const char *n)
{
    size_t len = strlen(n);
    return len > 8 && len < 256 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' &&
           n[2] >= '0' && n[2] <= '9' && n[3] == '_' && !strcmp(n + len - 4, ".sql");
}

static int by_version(const void *a, const void *b)
{
    return ((const sql_file *)a)->version - ((const sql_file *)b)->version;
}

/* The migrations of dir, sorted; caller frees *out.  -1 when unreadable. */
static int list_sql(const char *dir, sql_file **out)
{
    *out = NULL;
    DIR *dp = opendir(dir);
    if (!dp)
        return -1;
    size_t n = 0, cap = 0;
    sql_file *v = NULL;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (!is_migration(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            sql_file *nv = realloc(v, cap * sizeof *v);
            if (!nv) {
                free(v);
                closedir(dp);
                return -1;
            }
            v = nv;
        }
        v[n].version = (e->d_name[0] - '0') * 100 + (e->d_name[1] - '0') * 10 + (e->d_name[2] - '0');
        snprintf(v[n].name, sizeof v[n].name, "%s", e->d_name);
        n++;
    }
    closedir(dp);
    if (n)
        qsort(v, n, sizeof *v, by_version);
    *out = v;
    return (int)n;
}

int warehouse_sql_latest(const char *sql_dir)
{
    sql_file *v;
    int n = list_sql(sql_dir, &v);
    int latest = n > 0 ? v[n - 1].version : n;
    free(v);
    return latest;
}

static char *read_all(const char *path, size_t *len)
{
    return strbuf_read_path(path, 0, len);
}

/* 1 when the schema exists, with its version in *v (0: no schema_version). */
static ac_error schema_version(warehouse *w, int *exists, int *v, diag *d)
{
    const char *p[1] = {w->schema};
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "reading the schema version", d,
                          "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1),"
                          " to_regclass(quote_ident($1) || '.schema_version') IS NOT NULL",
                          1, p);
    if (!r)
        return AC_ERR_DB;
    *exists = PQgetvalue(r, 0, 0)[0] == 't';
    int has_table = PQgetvalue(r, 0, 1)[0] == 't';
    PQclear(r);
    *v = 0;
    if (!has_table)
        return AC_OK;
    r = warehouse_exec(w, PGRES_TUPLES_OK, "reading the schema version", d,
                "SELECT coalesce(max(version), 0) FROM schema_version", 0, NULL);
    if (!r)
        return AC_ERR_DB;
    *v = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return AC_OK;
}

ac_error warehouse_version(warehouse *w, int *version, diag *d)
{
    int exists;
    return schema_version(w, &exists, version, d);
}

/* 'aidcube.migrate' and 'aidcube.load', keyed by the schema name */
#define LOCK_SQL(fn, what) "SELECT " fn "(hashtext('aidcube." what "'), hashtext($1))"

/* The pending files of a sharded warehouse are not applied here: a file
 * that changes fact must change every shard's too (warehouse_shards.c). */
static ac_error refuse_sharded(warehouse *w, diag *d)
{
    int sharded;
    ac_error err = warehouse_sharded(w, &sharded, d);
    if (err || !sharded)
        return err;
    return diag_fail(d, AC_ERR_DB, NULL, 0,
                     "database: schema \"%s\" is sharded: its migrations are not applied "
                     "by this version of aidcube (make a new sharded warehouse and load "
                     "the sources again)", w->schema);
}

ac_error warehouse_migrate(warehouse *w, const char *sql_dir, int create, int *from, int *to, diag *d)
{
    return warehouse_migrate_then(w, sql_dir, create, NULL, NULL, from, to, d);
}

ac_error warehouse_migrate_then(warehouse *w, const char *sql_dir, int create, warehouse_then then,
                                void *arg, int *from, int *to, diag *d)
{
    sql_file *files = NULL;
    char *text = NULL;
    const char *p1[1] = {w->schema};
    *from = *to = 0;
    int n = list_sql(sql_dir, &files);
    if (n <= 0) {
        free(files);
        return diag_fail(d, AC_ERR_IO, sql_dir, 0, "no migrations (NNN_name.sql) to apply");
    }
    ac_error err = run(w, "BEGIN", d, "BEGIN", 0, NULL);
    if (err)
        goto done;
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "taking the migration lock", d,
                          LOCK_SQL("pg_advisory_xact_lock", "migrate"), 1, p1);
    if (!r) {
        err = AC_ERR_DB;
        goto rollback;
    }
    PQclear(r);
    int exists, v;
    if ((err = schema_version(w, &exists, &v, d)))
        goto rollback;
    if (!exists && !create) {
        err = diag_fail(d, AC_ERR_DB, NULL, 0,
                        "database: schema \"%s\" does not exist: run 'aidcube db init' first",
                        w->schema);
        goto rollback;
    }
    if (!exists) {
        char *id = PQescapeIdentifier(w->c, w->schema, strlen(w->schema));
        if (!id) {
            err = warehouse_fail(w, NULL, "quoting the schema name", d);
            goto rollback;
        }
        char sql[160];
        snprintf(sql, sizeof sql, "CREATE SCHEMA IF NOT EXISTS %s", id);
        PQfreemem(id);
        if ((err = run(w, "creating the schema", d, sql, 0, NULL)))
            goto rollback;
    }
    *from = *to = v;
    if (!then && v > 0 && files[n - 1].version > v && (err = refuse_sharded(w, d)))
        goto rollback;
    for (int i = 0; i < n; i++) {
        if (files[i].version <= v)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", sql_dir, files[i].name);
        size_t len;
        free(text);
        if (!(text = read_all(path, &len))) {
            err = diag_fail(d, AC_ERR_IO, path, 0, "cannot read the migration");
            goto rollback;
        }
        char what[300];
        snprintf(what, sizeof what, "applying %s", files[i].name);
        if ((err = run(w, what, d, text, 0, NULL)))
            goto rollback;
        char ver[16], hex[65];
        snprintf(ver, sizeof ver, "%d", files[i].version);
        sha256_hex(text, len, hex);
        const char *p[3] = {ver, files[i].name, hex};
        if ((err = run(w, what, d,
                       "INSERT INTO schema_version (version, name, sha256) VALUES ($1, $2, $3)",
                       3, p)))
            goto rollback;
        *to = files[i].version;
    }
    if (then && (err = then(w, arg, v, d)))
        goto rollback;
    err = run(w, "COMMIT", d, "COMMIT", 0, NULL);
    goto done;
rollback:
    if (PQstatus(w->c) == CONNECTION_OK)
        PQclear(PQexec(w->c, "ROLLBACK"));
    *to = *from;
done:
    free(text);
    free(files);
    return err;
}

/* ---- the load lock ---- */

ac_error warehouse_lock(warehouse *w, int wait, int *busy, diag *d)
{
    const char *p[1] = {w->schema};
    *busy = 0;
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "taking the load lock", d,
                          LOCK_SQL("pg_try_advisory_lock", "load"), 1, p);
    if (!r)
        return AC_ERR_DB;
    *busy = PQgetvalue(r, 0, 0)[0] != 't';
    PQclear(r);
    if (!*busy || !wait)
        return AC_OK;
    /* another load holds it: say so, then wait for it */
    diag_warn(d, NULL, 0, "another load of schema \"%s\" is running: waiting for it to finish",
              w->schema);
    *busy = 0;
    if (!(r = warehouse_exec(w, PGRES_TUPLES_OK, "taking the load lock", d,
                      LOCK_SQL("pg_advisory_lock", "load"), 1, p)))
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

/* ---- status ---- */

/* The schema version from which every table below exists. */
#define WH_STATUS_FULL_VERSION 4

static const char *const counted[] = {
    "dim_source", "fact", "dim_sector", "dim_geography", "geography_grouping", "dim_period",
    "dim_fund", "dim_currency", "exchange_rate", "batch", "batch_source", "reject",
    "source_invalid_date", "cube_version", "cube_cell", "check_version", "finding",
    "dim_project", "dim_partner",
};
#define WH_STATUS_N_V4 17           /* the tables before: dim_project on: 5 */

ac_error warehouse_status(warehouse *w, warehouse_status_info *st, diag *d)
{
    memset(st, 0, sizeof *st);
    int exists;
    ac_error err = schema_version(w, &exists, &st->version, d);
    if (err || st->version == 0)
        return err;
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "reading the batches", d,
                          "SELECT count(*), count(*) FILTER (WHERE status = 'committed'),"
                          " count(*) FILTER (WHERE status = 'skipped'),"
                          " count(*) FILTER (WHERE status = 'failed'),"
                          " (SELECT max(batch_key) FROM batch) FROM batch", 0, NULL);
    if (!r)
        return AC_ERR_DB;
    st->batches = atoll(PQgetvalue(r, 0, 0));
    st->committed = atoll(PQgetvalue(r, 0, 1));
    st->skipped = atoll(PQgetvalue(r, 0, 2));
    st->failed = atoll(PQgetvalue(r, 0, 3));
    st->last_batch = atoll(PQgetvalue(r, 0, 4));
    PQclear(r);
    if (st->last_batch) {
        char key[24];
        snprintf(key, sizeof key, "%lld", st->last_batch);
        const char *p[1] = {key};
        r = warehouse_exec(w, PGRES_TUPLES_OK, "reading the last batch", d,
                    "SELECT status, started_at::text FROM batch WHERE batch_key = $1", 1, p);
        if (!r)
            return AC_ERR_DB;
        snprintf(st->last_status, sizeof st->last_status, "%s", PQgetvalue(r, 0, 0));
        snprintf(st->last_started, sizeof st->last_started, "%s", PQgetvalue(r, 0, 1));
        PQclear(r);
    }
    if (st->version < WH_STATUS_FULL_VERSION)
        return AC_OK;                 /* an older schema: 'aidcube db migrate' */
    if (!(r = warehouse_exec(w, PGRES_TUPLES_OK, "reading the cube versions", d,
                      "SELECT coalesce((SELECT max(batch_key) FROM batch WHERE status = 'committed'), 0),"
                      " coalesce(max(cube_version), 0),"
                      " coalesce((SELECT last_batch FROM cube_version ORDER BY cube_version DESC"
                      " LIMIT 1), 0) FROM cube_version", 0, NULL)))
        return AC_ERR_DB;
    st->last_committed = atoll(PQgetvalue(r, 0, 0));
    st->cube_version = atoll(PQgetvalue(r, 0, 1));
    st->cube_last_batch = atoll(PQgetvalue(r, 0, 2));
    PQclear(r);
    /* the table names are constants of this file, never data */
    for (size_t i = 0; i < sizeof counted / sizeof *counted; i++) {
        if (st->version < 5 && i >= WH_STATUS_N_V4)
            break;
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", counted[i]);
        if (!(r = warehouse_exec(w, PGRES_TUPLES_OK, "counting rows", d, sql, 0, NULL)))
            return AC_ERR_DB;
        st->counts[st->n_counts++] = (warehouse_count){counted[i], atoll(PQgetvalue(r, 0, 0))};
        PQclear(r);
    }
    return AC_OK;
}
