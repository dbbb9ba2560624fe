/*
 * warehouse_nightly.c — a nightly run's report into the warehouse
 * (sql/013_nightly.sql): the run's row and one row per inbox entry, in one
 * transaction of their own (after the run's loads, each committed on its
 * own by its `load`).
 *
 * Memory: the parameters are formatted on the stack; nothing is kept.
 */
#include "warehouse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static ac_error exec_ok(warehouse *w, ExecStatusType want, const char *what, const char *sql,
                        int n, const char *const *p, diag *d, long long *key)
{
    PGresult *r = warehouse_exec(w, want, what, d, sql, n, p);
    if (!r)
        return AC_ERR_DB;
    if (key)
        *key = PQntuples(r) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return AC_OK;
}

/* The run's row; its key in *key. */
static ac_error run_row(warehouse *w, const warehouse_run *r, diag *d, long long *key)
{
    char v[17][24], started[32];
    struct tm tm;
    gmtime_r(&r->started, &tm);
    strftime(started, sizeof started, "%Y-%m-%d %H:%M:%S+00", &tm);
    const size_t n[] = {r->seen, r->loaded, r->skipped, r->quarantined, r->waiting, r->ignored,
                        r->failed, r->rows_rejected, r->facts, r->verdicts[0], r->verdicts[1],
                        r->verdicts[2], r->verdicts[3]};
    for (size_t i = 0; i < sizeof n / sizeof *n; i++)
        snprintf(v[i], sizeof v[i], "%zu", n[i]);
    snprintf(v[13], sizeof v[13], "%ld", r->seconds);
    snprintf(v[14], sizeof v[14], "%d", r->exit_status);
    const char *b = r->built ? "" : NULL;      /* the cube's figures, or NULL */
    const char *p[21] = {started, r->os_user, r->host, r->version,
                         v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                         b ? v[8] : NULL, b ? v[9] : NULL, b ? v[10] : NULL, b ? v[11] : NULL,
                         b ? v[12] : NULL, b ? NULL : r->not_built, v[13], v[14], r->report};
    return exec_ok(w, PGRES_TUPLES_OK, "recording the nightly run",
                   "INSERT INTO nightly_run (started_at, os_user, client_host, aidcube_version,"
                   " sources_seen, sources_loaded, sources_skipped, sources_quarantined,"
                   " sources_waiting, sources_ignored, sources_failed, rows_rejected, facts,"
                   " findings_ok, findings_mismatch, findings_unverifiable, findings_invalid,"
                   " not_built, seconds, exit_status, report) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                   " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
                   " RETURNING run_key", 21, p, d, key);
}

static ac_error source_row(warehouse *w, const char *run, const warehouse_run_source *s, diag *d)
{
    char rows[24], batch[24];
    snprintf(rows, sizeof rows, "%zu", s->rows_rejected);
    snprintf(batch, sizeof batch, "%lld", s->batch);
    const char *p[6] = {run, s->name, s->outcome, s->detail, rows, s->batch ? batch : NULL};
    return exec_ok(w, PGRES_COMMAND_OK, "recording a nightly source",
                   "INSERT INTO nightly_source (run_key, name, outcome, detail, rows_rejected,"
                   " batch_key) VALUES ($1, $2, $3, $4, $5, $6)", 6, p, d, NULL);
}

ac_error warehouse_record_run(warehouse *w, const warehouse_run *r, diag *d)
{
    long long key = 0;
    ac_error err = exec_ok(w, PGRES_COMMAND_OK, "BEGIN", "BEGIN", 0, NULL, d, NULL);
    if (!err)
        err = run_row(w, r, d, &key);
    char run[24];
    snprintf(run, sizeof run, "%lld", key);
    for (size_t i = 0; !err && i < r->n_src; i++)
        err = source_row(w, run, &r->src[i], d);
    if (!err)
        err = exec_ok(w, PGRES_COMMAND_OK, "COMMIT", "COMMIT", 0, NULL, d, NULL);
    if (err)
        PQclear(PQexec(w->c, "ROLLBACK"));
    return err;
}
