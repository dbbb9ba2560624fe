/*
 * warehouse.h — the PostgreSQL warehouse: connecting, the schema's migrations, the
 * load lock, status, and the load of the fact model (warehouse_load.c).
 *
 * The warehouse is one more consumer of the fact model (model/model.h): the
 * command reads the sources with the in-process pipeline (model only, no
 * cube), then warehouse_load() writes the model's sources, members and facts.
 *
 * Data flow of one load (one batch = one transaction):
 *   BEGIN; a batch row; per path (each source of the model, then each
 *   file of the batch the pipeline skipped as a copy of one): skipped when
 *   the path already holds that content; else its row is updated (a known
 *   path: replaced) or inserted, and holds the content's facts unless
 *   another path's row does (content_key: the facts of a content are
 *   stored once; when the holding path changes, the first other path of
 *   the old content takes them over); the dimension members upserted
 *   by their natural keys; the facts with COPY ... FROM STDIN (text format),
 *   each with its row's fingerprint; which sources hold no row of their
 *   own, over every source (dim_source.same_rows_key, warehouse_same.c);
 *   batch_source and reject rows; the batch row finished; COMMIT.  On any
 *   error the transaction is rolled back and a batch row with status
 *   'failed', the message and the SQLSTATE is written in a transaction of
 *   its own (after reconnecting when the connection was lost).
 *
 * Invariants.  No value is ever spliced into SQL text: values travel as
 * parameters (PQexecParams) or COPY data.  The one identifier, the schema
 * name, is checked against [a-z_][a-z0-9_]* and quoted with
 * PQescapeIdentifier in CREATE SCHEMA; elsewhere it is set as search_path
 * through set_config() with a parameter.  A password never reaches a
 * message: a connection string libpq cannot parse is not echoed, and the
 * password of a parsed one (and PGPASSWORD) is masked in every message.
 * Every PGresult is cleared on every path.
 *
 * Only the warehouse's .c files (and their warehouse_int.h) include libpq-fe.h.
 *
 * Memory: a warehouse is the caller's (warehouse_free); results of warehouse_status are copied
 * into the caller's struct; nothing returned borrows from libpq.
 */
#ifndef AC_WH_H
#define AC_WH_H

#include <stddef.h>
#include <time.h>

#include "../base/diag.h"
#include "../base/error.h"
#include "../base/arena.h"
#include "../base/strbuf.h"
#include "../check/check.h"
#include "../cube/cube.h"
#include "../model/model.h"

/* A COPY text-format field (what the loader sends): NULL as \N, a
 * backslash, tab, line feed and CR as \\ \t \n \r, every other byte as it
 * is.  Writes at most cap bytes with the NUL; returns the full length. */
size_t warehouse_copy_escape(const char *s, char *out, size_t cap);
/* The same field appended to a COPY row in b, then the delimiter end (a
 * tab, or a line feed after the last field).  b's failure is sticky. */
void warehouse_copy_text(strbuf *b, const char *s, char end);
/* An integer field, \N unless has; then end. */
void warehouse_copy_int(strbuf *b, long long v, int has, char end);

/* Names (paths, file names, sheet names, rejected raw values and reasons)
 * are stored as the TSV outputs print them (diag.h, diag_escape: \\ \t \n
 * \r, \xHH for a control or a byte that is not valid UTF-8): valid UTF-8
 * whatever the file system gave, the spelling extract shows, and reversed
 * on reading.  warehouse_name_escape: malloc'd (NULL: s NULL or out of
 * memory); warehouse_name_unescape: in place, returns s. */
char *warehouse_name_escape(const char *s);
char *warehouse_name_unescape(char *s);
/* 1 when s (NULL: yes) is valid UTF-8 (no overlong form, no surrogate). */
int warehouse_utf8_valid(const char *s);

/* The schema version this build of the loader writes and the readers
 * read (the highest sql/NNN_*.sql it was written for: 012 gives the
 * fact's *_from columns the loader writes, 013 the nightly's run tables);
 * load, cube, check, build --db and nightly refuse an older schema.  (014
 * checks fact's keys per statement instead of per row: the same rules,
 * faster loads; a schema at 013 is read and written alike.) */
#define WH_SCHEMA_VERSION 13

typedef struct warehouse warehouse;

/* 1 when name is a schema name aidcube accepts: [a-z_][a-z0-9_]{0,62}. */
int warehouse_schema_name_ok(const char *name);

/* Connect with a libpq conninfo string or postgresql:// URI ("" = the PG*
 * environment and ~/.pgpass only), client encoding UTF8, search_path the
 * schema.  Caller frees with warehouse_free().  AC_ERR_DB with the reason on d. */
ac_error warehouse_connect(const char *conninfo, const char *schema, diag *d, warehouse **out);
void warehouse_free(warehouse *w);   /* accepts NULL */

/* The highest NNN of sql_dir/NNN_*.sql (0: none); -1 when unreadable. */
int warehouse_sql_latest(const char *sql_dir);

/* Apply, in one transaction under an advisory lock, every sql_dir/NNN_*.sql
 * not yet recorded in schema_version.  create: CREATE SCHEMA IF NOT EXISTS
 * first (db init); else a missing schema is an error (db migrate).
 * *from and *to: the version before and after. */
ac_error warehouse_migrate(warehouse *w, const char *sql_dir, int create, int *from, int *to, diag *d);

/* db init --shards (warehouse_shards.c, sql/shards/): the schema on each
 * shard of list (conninfo strings separated by commas, shard 1 first) made
 * by the migrations and shards/shard.sql, then on w's server the schema
 * with fact hash-partitioned by source_key over the shards' fact tables
 * (postgres_fdw), the tables fact references copied to every shard by
 * triggers.  A shard that cannot be reached or is not empty stops it before
 * anything is made on w's server; an error there rolls back all of it.
 * A schema sharded over as many shards already: nothing to do. */
ac_error warehouse_init_shards(warehouse *w, const char *sql_dir, const char *list, int *from, int *to,
                               diag *d);

/* The schema's version (0: not initialised, the schema or its
 * schema_version table missing). */
ac_error warehouse_version(warehouse *w, int *version, diag *d);

typedef struct {
    const char *name;
    long long rows;
} warehouse_count;

typedef struct {
    int version;
    long long batches, committed, skipped, failed;
    long long last_batch;          /* 0: none                           */
    char last_status[16];
    char last_started[40];         /* timestamptz as the server prints it */
    warehouse_count counts[20];
    size_t n_counts;
    long long cube_version;        /* latest cube --db, 0: none          */
    long long cube_last_batch;     /* the last batch that cube had seen  */
    long long last_committed;      /* the last batch that changed facts  */
} warehouse_status_info;

ac_error warehouse_status(warehouse *w, warehouse_status_info *st, diag *d);

/* The load lock of this schema (session advisory lock).  wait: block until
 * it is free; else *busy = 1 and AC_OK when another load holds it. */
ac_error warehouse_lock(warehouse *w, int wait, int *busy, diag *d);

typedef struct {
    const char *path;              /* as given                          */
    long line;                     /* 0: the whole file; a spreadsheet's
                                      row                               */
    const char *reason;
    const char *sheet;             /* a spreadsheet row: its sheet, else
                                      NULL                              */
    int col;                       /* its 1-based column, 0: none       */
    const char *raw;               /* the raw value rejected, or NULL   */
    const char *source_path;       /* canonical path of the file (as
                                      dim_source.path), NULL: unknown   */
} warehouse_reject;

/* An impossible date a source states (a finding of check), kept with the
 * source's content: src is the model's source index. */
typedef struct {
    size_t src;
    long line;
    const char *text;
} warehouse_bad_date;

/* A file of the batch with the same content as model source src (a copy
 * the pipeline did not load again): its path is recorded as a source of
 * that content. */
typedef struct {
    const char *path;              /* canonical                         */
    size_t src;
} warehouse_copy_path;

typedef struct {
    const warehouse_bad_date *dates;      /* impossible dates of the sources     */
    size_t n_dates;
    const char *const *paths;      /* canonical path of each model source */
    const char *os_user, *host, *version;
    size_t n_copies;               /* sources skipped as copies of another
                                      source of the batch               */
    const warehouse_copy_path *copy_paths;  /* those whose path is known  */
    size_t n_copy_paths;
    size_t n_rejected;             /* files that could not be read      */
    const warehouse_reject *rejects;
    size_t n_rejects;
    unsigned pause_in_copy_ms;     /* tests: sleep after the first COPY row */
} warehouse_load_opts;

typedef struct {
    long long batch;
    char status[16];               /* committed, skipped, failed        */
    size_t seen, loaded, skipped, replaced, rejected, facts;
} warehouse_load_result;

/* Load the frozen model m as one batch (see above).  AC_ERR_DB when the
 * batch was rolled back (the reason on d; d->sqlstate when the server gave
 * one). */
ac_error warehouse_load(warehouse *w, const model *m, const warehouse_load_opts *o, warehouse_load_result *r, diag *d);

/* ---- warehouse_read.c: the warehouse back into the fact model ----------------
 *
 * warehouse_read() reads every content of the schema once, under its first
 * path (dim_source: one row per path, the content last loaded there), in
 * path order (bytes, as the file lists sort; as the pipeline loads a
 * content seen twice by its first file), names unescaped,
 * and its facts in fact_no order, and adds them to the empty model m with
 * model_add_source(): the observation fields the fact table holds (measure,
 * exact value, unit, fund, country, region, sector, period years and kind,
 * qualifier, total/part/item run/project/average/restates/subset total,
 * line, span, sentence, label, snippet, source name, path, SHA-256,
 * document year; of a spreadsheet: sheet, column, title, partner,
 * locality, dates, months, and the rows a total covers), so
 * that model_freeze() and cube_build() give the cube the in-process path
 * builds from the same sources.  The impossible dates of each source are
 * added to fl (check_add_invalid_date), as the pipeline does.  Strings live
 * in a (the caller's arena, which must outlive the model).  Read in one
 * REPEATABLE READ transaction: one snapshot.
 *
 * info receives, per model fact, its warehouse key (source_key, fact_no),
 * for warehouse_write_cube(); free with warehouse_read_info_free().
 *
 * In the same snapshot, info->rejects receives the rejects that stand
 * (sql/010_rejects.sql, view v_reject): of every file, the files not read
 * and the spreadsheet rows not loaded recorded by the last batch that saw
 * it, unless that batch read it cleanly; a file rejected once and read by
 * a later batch (same canonical path) is not there.  path is the
 * canonical path (as given before version 10), names unescaped; a file not
 * read has sheet NULL and line 0.  A spreadsheet row of a path whose
 * content is read under another path (a copy) is left out, as in process
 * (the copy is not loaded again).  Ordered by path, line, column. */
typedef struct {
    size_t n_sources, n_facts;
    int32_t *src_key, *fact_no;    /* per fact, malloc'd                 */
    long long last_batch;          /* last committed batch, 0: none      */
    warehouse_reject *rejects;     /* the rejects that stand (v_reject),
                                      malloc'd, strings in the arena     */
    size_t n_rejects;
} warehouse_read_info;

ac_error warehouse_read(warehouse *w, model *m, arena *a, finding_list *fl, warehouse_read_info *info, diag *d);
void warehouse_read_info_free(warehouse_read_info *info);

/* Write cube c (built from the model warehouse_read filled) as a new cube version
 * in one transaction: a cube_version row, every cell of the 16 cuboids in
 * cube_cell (member keys mapped to the warehouse's by natural key), and
 * fact.flags' FACT_LEAF bit as the build set it.  *version: the new one. */
ac_error warehouse_write_cube(warehouse *w, const cube *c, const warehouse_read_info *info, const char *aidcube_version,
                       long long *version, diag *d);

/* Write the findings fl (checked on the model warehouse_read filled) as a new
 * check version in one transaction: a check_version row (tolerance < 0:
 * NULL, from the sources) and every finding, in fl's order, in finding
 * through COPY.  *version: the new one. */
ac_error warehouse_write_findings(warehouse *w, const finding_list *fl, const warehouse_read_info *info,
                           double tolerance, const char *aidcube_version, long long *version,
                           diag *d);

/* ---- the nightly batch's run report (warehouse_nightly.c) ---- */

/* One inbox entry of a run: outcome is loaded, skipped, quarantined,
 * waiting, ignored or failed; detail where it was archived or why. */
typedef struct {
    const char *name, *outcome, *detail;
    size_t rows_rejected;
    long long batch;                 /* the batch that loaded it, 0: none  */
} warehouse_run_source;

typedef struct {
    time_t started;
    const char *os_user, *host, *version;
    size_t seen, loaded, skipped, quarantined, waiting, ignored, failed, rows_rejected;
    int built;                       /* 0: not_built says why              */
    size_t facts, verdicts[4];       /* ok, mismatch, unverifiable, invalid */
    const char *not_built;
    long seconds;
    int exit_status;
    const char *report;              /* the report's text                  */
    const warehouse_run_source *src;
    size_t n_src;
} warehouse_run;

/* Record run r (tables nightly_run and nightly_source, sql/013_nightly.sql)
 * in one transaction; AC_ERR_DB said on d. */
ac_error warehouse_record_run(warehouse *w, const warehouse_run *r, diag *d);

#endif
