/*
 * warehouse_keys.c — the keys of the values a batch's facts name in a
 * dimension with no fixed members (dim_project: a source and a title;
 * dim_partner: a name), found in three statements whatever their number:
 * the distinct values (deduplicated here, each with its ordinal) go to a
 * temporary table in one COPY, one INSERT ... SELECT ... ON CONFLICT DO
 * NOTHING adds the new ones, one SELECT joins them back to their keys.
 * (One upsert per value, as before, rewrote a partner's row once per
 * project in the batch, and the facts' foreign keys were then checked
 * through those row versions: a 10^5-row list took minutes.)
 *
 * Memory: the set's arrays are malloc'd (warehouse_keys_free); the values
 * are borrowed and must outlive the set.
 */
#include "warehouse_int.h"

#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/vec.h"

static uint64_t value_hash(int32_t src, const char *name)
{
    return hash_bytes(name, strlen(name), (uint64_t)(uint32_t)src);
}

typedef struct {
    int32_t src;
    const char *name;
} probe;

static int value_eq(uint32_t row, const void *key, void *ctx)
{
    const warehouse_keys *s = ctx;
    const probe *p = key;
    return s->src[row] == p->src && !strcmp(s->name[row], p->name);
}

void warehouse_keys_init(warehouse_keys *s)
{
    memset(s, 0, sizeof *s);
    hidx_init(&s->idx);
}

void warehouse_keys_free(warehouse_keys *s)
{
    free(s->name);
    free(s->src);
    free(s->key);
    hidx_free(&s->idx);
    memset(s, 0, sizeof *s);
}

long warehouse_keys_add(warehouse_keys *s, int32_t src, const char *name)
{
    probe p = {src, name};
    uint64_t h = value_hash(src, name);
    uint32_t row = hidx_find(&s->idx, h, value_eq, &p, s);
    if (row != HIDX_NONE)
        return (long)row;
    if (vec_reserve((void **)&s->name, &s->cap_name, s->n + 1, sizeof *s->name) ||
        vec_reserve((void **)&s->src, &s->cap_src, s->n + 1, sizeof *s->src))
        return -1;
    s->name[s->n] = name;
    s->src[s->n] = src;
    if (hidx_insert(&s->idx, h, (uint32_t)s->n) != AC_OK)
        return -1;
    return (long)s->n++;
}

/* The values into the temporary table, one COPY. */
static ac_error send(warehouse *w, const warehouse_keys *s, const warehouse_keys_sql *q, diag *d)
{
    ac_error err = warehouse_copy_start(w, q->copy, d);
    if (err)
        return err;
    strbuf b = {0};
    for (size_t i = 0; i < s->n && !err; i++) {
        warehouse_copy_int(&b, (long long)i, 1, '\t');
        if (q->with_src)
            warehouse_copy_int(&b, s->src[i], 1, '\t');
        warehouse_copy_text(&b, s->name[i], '\n');
        if (b.failed)
            err = diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
        else if (b.n >= WH_COPY_CHUNK)
            err = warehouse_copy_send(w, &b, q->what, d);
    }
    if (!err)
        err = warehouse_copy_send(w, &b, q->what, d);
    strbuf_free(&b);
    return warehouse_copy_end(w, err, "aidcube: load failed", "ending COPY", q->what, d);
}

ac_error warehouse_keys_resolve(warehouse *w, warehouse_keys *s, const warehouse_keys_sql *q,
                                diag *d)
{
    if (s->n == 0)
        return AC_OK;
    s->key = calloc(s->n, sizeof *s->key);
    if (!s->key)
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    PGresult *r = warehouse_exec(w, PGRES_COMMAND_OK, q->what, d, q->create, 0, NULL);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    ac_error err = send(w, s, q, d);
    if (!err && !(r = warehouse_exec(w, PGRES_COMMAND_OK, q->what, d, q->insert, 0, NULL)))
        err = AC_ERR_DB;
    if (!err) {
        PQclear(r);
        if (!(r = warehouse_exec(w, PGRES_TUPLES_OK, q->what, d, q->select, 0, NULL)))
            err = AC_ERR_DB;
    }
    if (err)
        return err;
    for (int i = 0; i < PQntuples(r); i++) {
        long ord = atol(PQgetvalue(r, i, 0));
        if (ord >= 0 && (size_t)ord < s->n)
            s->key[ord] = (int32_t)atol(PQgetvalue(r, i, 1));
    }
    PQclear(r);
    for (size_t i = 0; i < s->n; i++)
        if (s->key[i] == 0)
            return diag_fail(d, AC_ERR_DB, NULL, 0, "database: %s: no key for \"%s\"",
                             q->what, s->name[i]);
    return AC_OK;
}
