/*
 * warehouse_same.c — one list in two files, in the warehouse (see
 * model/model_same.h and sql/007_same_rows.sql): after a batch writes
 * facts, which sources hold no row of their own.
 *
 * PostgreSQL finds every inclusion between the rows of two sources from
 * the fingerprints the loader stored with each fact (fact.row_fp); the rule
 * that picks the source to keep is model_same_decide, the one the in-process
 * run applies, so that `cube --db` and `cube FILES` leave out the same
 * sources.  The result goes to dim_source.same_rows_key in the batch's
 * transaction.
 *
 * Memory: the arrays are malloc'd and freed here; every PGresult cleared.
 */
#include "warehouse_int.h"

#include <stdlib.h>

#include "../base/strbuf.h"
#include "../model/model_same.h"

/* Every inclusion between the rows of two sources that hold their facts
 * (the latest content of each path): per source its key, SHA-256, rows,
 * and a source whose rows hold all of its own (one row per such source,
 * or one with NULL).  A list is compared with lists, a text with a text of
 * the same number of figures. */
static const char same_rows_sql[] =
    "WITH k AS (SELECT f.source_key AS s, bool_or(f.sheet IS NOT NULL) AS list, count(*) AS nrows"
    "           FROM fact f JOIN dim_source d USING (source_key)"
    "           WHERE d.content_key IS NULL AND f.row_fp IS NOT NULL GROUP BY 1),"
    " c AS (SELECT f.source_key AS s, f.row_fp AS fp, count(*) AS n FROM fact f"
    "       JOIN k ON k.s = f.source_key WHERE f.row_fp IS NOT NULL GROUP BY 1, 2),"
    " d AS (SELECT s, count(*) AS nfp FROM c GROUP BY s),"
    " p AS (SELECT a.s AS sub, b.s AS sup, count(*) AS shared FROM c a"
    "       JOIN c b ON a.fp = b.fp AND a.s <> b.s AND a.n <= b.n GROUP BY 1, 2),"
    " q AS (SELECT p.sub, p.sup FROM p JOIN d ON d.s = p.sub AND d.nfp = p.shared"
    "       JOIN k ka ON ka.s = p.sub JOIN k kb ON kb.s = p.sup"
    "       WHERE ka.list = kb.list AND (ka.list OR ka.nrows = kb.nrows))"
    " SELECT k.s, ds.sha256, k.nrows, q.sup FROM k JOIN dim_source ds ON ds.source_key = k.s"
    " LEFT JOIN q ON q.sub = k.s ORDER BY k.s, q.sup";

/* The keeper of every source as model_same_decide says, written to
 * dim_source.same_rows_key (the others set to NULL); each source newly
 * left out is named in a warning. */
ac_error warehouse_same_rows(warehouse *w, diag *d)
{
    PGresult *r = warehouse_exec(w, PGRES_TUPLES_OK, "comparing the rows of the sources",
                                 d, same_rows_sql, 0, NULL);
    if (!r)
        return AC_ERR_DB;
    size_t nr = (size_t)PQntuples(r), ns = 0, np = 0;
    long *key = malloc((nr + 1) * sizeof *key), *keeper = malloc((nr + 1) * sizeof *keeper);
    size_t *rows = malloc((nr + 1) * sizeof *rows);
    const char **sha = malloc((nr + 1) * sizeof *sha);
    model_same_pair *pairs = malloc((nr + 1) * sizeof *pairs);
    strbuf a = {0}, b = {0};
    ac_error err = key && keeper && rows && sha && pairs ? AC_OK : AC_ERR_NOMEM;
    for (size_t i = 0; !err && i < nr; i++) {         /* rows by source, then sup */
        long s = atol(PQgetvalue(r, (int)i, 0));
        if (!ns || key[ns - 1] != s) {
            key[ns] = s;
            sha[ns] = PQgetvalue(r, (int)i, 1);
            rows[ns++] = (size_t)atoll(PQgetvalue(r, (int)i, 2));
        }
        if (!PQgetisnull(r, (int)i, 3))
            pairs[np++] = (model_same_pair){ns - 1, (size_t)atol(PQgetvalue(r, (int)i, 3))};
    }
    for (size_t i = 0; !err && i < np; i++) {         /* sup: a key, to its index */
        size_t lo = 0, hi = ns;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (key[mid] < (long)pairs[i].sup)
                lo = mid + 1;
            else
                hi = mid;
        }
        pairs[i].sup = lo;
    }
    if (!err) {
        model_same_decide(ns, rows, sha, pairs, np, keeper);
        strbuf_addc(&a, '{');
        strbuf_addc(&b, '{');
        for (size_t i = 0; i < ns; i++) {
            strbuf_addf(&a, "%s%ld", i ? "," : "", key[i]);
            if (keeper[i] >= 0)
                strbuf_addf(&b, "%s%ld", i ? "," : "", key[keeper[i]]);
            else
                strbuf_addf(&b, "%sNULL", i ? "," : "");
        }
        strbuf_addc(&a, '}');
        strbuf_addc(&b, '}');
        err = a.failed || b.failed ? AC_ERR_NOMEM : AC_OK;
    }
    PQclear(r);
    r = NULL;
    if (err)
        diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    const char *p[2] = {strbuf_str(&a), strbuf_str(&b)};
    if (!err && !(r = warehouse_exec(w, PGRES_TUPLES_OK, "recording the sources left out",
                                     d,
                                     "UPDATE dim_source d SET same_rows_key = v.k FROM"
                                     " (SELECT ds.source_key AS s, m.k FROM dim_source ds LEFT JOIN"
                                     " unnest($1::int[], $2::int[]) AS m (s, k) ON m.s = ds.source_key) v"
                                     " WHERE d.source_key = v.s AND d.same_rows_key IS DISTINCT FROM v.k"
                                     " RETURNING d.path, (SELECT path FROM dim_source WHERE"
                                     " source_key = v.k)", 2, p)))
        err = AC_ERR_DB;
    for (int i = 0; !err && i < PQntuples(r); i++)
        if (!PQgetisnull(r, i, 1))
            diag_warn(d, PQgetvalue(r, i, 0), 0, "its rows are all rows of \"%s\": recorded, "
                      "counted once", PQgetvalue(r, i, 1));
    PQclear(r);
    free(key);
    free(keeper);
    free(rows);
    free(sha);
    free(pairs);
    strbuf_free(&a);
    strbuf_free(&b);
    return err;
}

