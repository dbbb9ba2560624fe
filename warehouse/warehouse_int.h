/*
 * warehouse_int.h — what the warehouse files share: the connection object,
 * the error helpers and the COPY writer (warehouse_copy.c).  Includes
 * libpq-fe.h: only the warehouse files include it.
 */
#ifndef AC_WH_INT_H
#define AC_WH_INT_H

#include <libpq-fe.h>

#include "warehouse.h"
#include "../base/hash.h"
#include "../base/strbuf.h"

struct warehouse {
    PGconn *c;
    char *conninfo;      /* kept to reconnect after a lost connection; never printed */
    char *password;      /* masked in messages; NULL: none                         */
    char schema[64];
    char sqlstate[6];    /* of the last error, "" when none                        */
    char errmsg[512];    /* the last error, masked                                 */
};

/* Report a failed statement: "database: WHAT: MESSAGE (SQLSTATE XXXXX)" on d,
 * kept in w->errmsg / w->sqlstate.  Clears res.  Returns AC_ERR_DB. */
ac_error warehouse_fail(warehouse *w, PGresult *res, const char *what, diag *d);

/* Run sql with text parameters (NULL = SQL NULL); the result when its
 * status is want, else NULL after warehouse_fail.  Caller clears the result. */
PGresult *warehouse_exec(warehouse *w, ExecStatusType want, const char *what, diag *d, const char *sql,
                  int n, const char *const *params);

/* Set the session's search_path to the schema (a parameter). */
ac_error warehouse_set_path(warehouse *w, diag *d);

/* warehouse_migrate, then (when not NULL) then(w, arg, version before,
 * d) in the same transaction, before COMMIT: an error rolls it all back. */
typedef ac_error (*warehouse_then)(warehouse *w, void *arg, int from, diag *d);
ac_error warehouse_migrate_then(warehouse *w, const char *sql_dir, int create, warehouse_then then,
                                void *arg, int *from, int *to, diag *d);

/* 1 in *sharded when the schema is a sharded warehouse's coordinator (it
 * has the table shard, sql/shards/coordinator.sql). */
ac_error warehouse_sharded(warehouse *w, int *sharded, diag *d);

/* ---- COPY ... FROM STDIN, text format (warehouse_copy.c) ---- */

/* Rows are sent once the buffer holds this many bytes. */
#define WH_COPY_CHUNK (1u << 16)

/* Run the COPY statement sql ("starting COPY" on failure). */
ac_error warehouse_copy_start(warehouse *w, const char *sql, diag *d);
/* Send what b holds and empty it; "out of memory" when b failed, what on
 * a failed send. */
ac_error warehouse_copy_send(warehouse *w, strbuf *b, const char *what, diag *d);
/* End the COPY (aborted with abort_msg when err is set) and read every
 * result; the first error stands (end_what: the end failed; result_what:
 * the server refused the data). */
ac_error warehouse_copy_end(warehouse *w, ac_error err, const char *abort_msg,
                            const char *end_what, const char *result_what, diag *d);

/* Inside a batch's transaction, after its facts: dim_source.same_rows_key
 * of every source holding its facts, by the rule of model_same.h (the
 * sources newly left out named in warnings on d). */
ac_error warehouse_same_rows(warehouse *w, diag *d);

/* ---- the keys of projects and partners, set-based (warehouse_keys.c) ---- */

/* The distinct values of one dimension a batch names: value i is
 * (src[i], name[i]) (src 0 where the dimension has no source), its
 * warehouse key key[i] once resolved. */
typedef struct {
    const char **name;       /* borrowed                                   */
    int32_t *src;
    int32_t *key;            /* after warehouse_keys_resolve               */
    size_t n, cap_name, cap_src;
    hidx idx;
} warehouse_keys;

/* The statements of one dimension: create a temporary table (ord, [src,]
 * name), COPY into it, insert the new values, select (ord, key). */
typedef struct {
    const char *what;        /* for messages: "upserting partners"         */
    const char *create, *copy, *insert, *select;
    int with_src;            /* 1: the COPY sends src after ord            */
} warehouse_keys_sql;

void warehouse_keys_init(warehouse_keys *s);
void warehouse_keys_free(warehouse_keys *s);
/* The ordinal of (src, name), added when new; -1 when out of memory. */
long warehouse_keys_add(warehouse_keys *s, int32_t src, const char *name);
/* Every value's key in s->key, in three statements and one COPY. */
ac_error warehouse_keys_resolve(warehouse *w, warehouse_keys *s, const warehouse_keys_sql *q,
                                diag *d);

#endif
