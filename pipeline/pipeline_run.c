/* pipeline_run.c — the document loop (see pipeline_run.h). */
#include "pipeline_run.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pipeline_data.h"
#include "../scan/scan.h"
#include "../base/diag.h"

void pipeline_run_opts_init(pipeline_run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->ref_dir = NULL;   /* found by pipeline_run_begin (pipeline_data.h) */
    o->max_size = READER_DEFAULT_MAX;
    o->lang = -1;
    o->max_rejects = -1;
}

static pipeline_pool *pool_new(pipeline_run_ctx *rc);

/* What pipeline_run_begin set up, freed when it fails; RUN_FAILED. */
static int begin_failed(pipeline_run_ctx *rc)
{
    attribute_gazetteer_free(rc->gz);
    arena_free(rc->files_arena);
    scan_free(rc->sx);
    rc->gz = NULL;
    rc->files_arena = NULL;
    rc->sx = NULL;
    return RUN_FAILED;
}

int pipeline_run_begin(pipeline_run_ctx *rc, const pipeline_run_opts *o, diag *d, char *const *args, size_t n_args)
{
    memset(rc, 0, sizeof *rc);
    rc->opts = *o;
    rc->d = d;
    if (d && o->quiet)
        d->quiet = 1;
    if (scan_new(d, &rc->sx) != AC_OK) {
        diag_error(d, NULL, 0, "cannot compile the scanner's patterns");
        return RUN_FAILED;
    }
    const char *ref = o->ref_dir;
    char found[PIPELINE_DATA_LOOKED];
    if (!ref) {
        if (pipeline_data_find("ref", AC_REFDIR, found, sizeof found)) {
            diag_error(d, NULL, 0, "reference data not found (looked in %s): "
                       "name its folder with --ref DIR or AIDCUBE_REFDIR", found);
            return begin_failed(rc);
        }
        ref = found;
    }
    ac_error err = attribute_gazetteer_load(ref, d, &rc->gz);
    if (err) {
        diag_error(d, ref, 0, "cannot load reference data: %s", ac_strerror(err));
        return begin_failed(rc);
    }
    rc->files_arena = arena_new(0);
    if (!rc->files_arena || read_files_expand(args, n_args, d, rc->files_arena, &rc->files)) {
        diag_error(d, NULL, 0, "out of memory");
        return begin_failed(rc);
    }
    rc->n_rejected = rc->files.n_missing;
    rc->rejected = rc->files.rejected;
    rc->cap_rej = rc->files.n_missing;
    if (o->map_file) {
        attribute_sheet_map_entry *m = NULL;
        size_t n = 0;
        if (attribute_sheet_map_load(o->map_file, d, rc->files_arena, &m, &n) != AC_OK)
            return begin_failed(rc);
        rc->opts.sheet.map = m;
        rc->opts.sheet.n_map = n;
    }
    progress_total(o->progress, rc->files.n);
    rc->pool = pool_new(rc);
    return RUN_OK;
}

size_t pipeline_input_limit(const pipeline_run_opts *o)
{
    if (o->doc_memory)
        return o->doc_memory;
    if (o->max_size > SIZE_MAX / PIPELINE_MEMORY_PER_BYTE)
        return 0;
    return o->max_size * PIPELINE_MEMORY_PER_BYTE;
}

static const char *const format_name[] = {"csv", "xlsx", "ods", "xls"};

/* Above the --max-rejects limit? */
static int too_many_rejects(const pipeline_run_opts *o, size_t n_rejects, size_t n_rows)
{
    if (o->max_rejects < 0)
        return 0;
    if (o->max_rejects_pct)
        return n_rows && (double)n_rejects * 100.0 > (double)o->max_rejects * (double)n_rows;
    return n_rejects > (size_t)o->max_rejects;
}

/* What reading one document needs: the run's options and gazetteer,
 * shared and read only, and a scanner of its own (one per thread). */
typedef struct {
    const pipeline_run_opts *opts;
    scan_ctx *sx;
    const gazetteer *gz;
} reader;

/* A spreadsheet: bytes, grid, rows to observations. */
static ac_error load_sheet(const reader *r, diag *d, const char *path, book_format f,
                           pipeline_run_doc *doc)
{
    const unsigned char *bytes = NULL;
    size_t n = 0;
    read_text_doc *t = &doc->text;
    const char *slash = strrchr(path, '/');
    t->path = path;
    t->name = arena_strdup(doc->a, slash ? slash + 1 : path);
    if (!t->name)
        return AC_ERR_NOMEM;
    ac_error err = read_text_bytes(path, r->opts->max_size, d, doc->a, &bytes, &n, t->sha256);
    if (err)
        return err;
    t->file_size = n;
    if (n == 0)
        return diag_fail(d, AC_ERR_EMPTY, path, 0, "empty file: nothing to read");
    read_sheet_detect(path, bytes, n, &f);
    read_sheet_limits lim;
    read_sheet_limits_init(&lim);
    lim.only_sheet = r->opts->sheet.only_sheet;
    lim.xls_program = r->opts->xls_program;
    lim.max_book_bytes = pipeline_input_limit(r->opts);   /* the cells: no more than the input may build */
    book b;
    if ((err = read_sheet(path, f, bytes, n, &lim, d, doc->a, &b)))
        return err;
    doc->is_sheet = 1;
    doc->format = format_name[f];
    doc->encoding = b.encoding ? b.encoding : format_name[f];
    err = attribute_sheet_rows(r->sx, &b, path, t->name, r->gz, &r->opts->sheet, d, doc->a,
                               &doc->obs, &doc->rejects, &doc->info);
    if (err)
        return err;
    for (size_t i = 0; i < doc->obs.n; i++)
        doc->n_rows += doc->obs.v[i].measure == OBS_AMOUNT;
    doc->n_rows += doc->rejects.n;
    if (too_many_rejects(r->opts, doc->rejects.n, doc->n_rows))
        return diag_fail(d, AC_ERR_PARSE, path, 0,
                         "%zu of %zu rows rejected, more than --max-rejects %ld%s allows: "
                         "the file is not loaded", doc->rejects.n, doc->n_rows,
                         r->opts->max_rejects, r->opts->max_rejects_pct ? "%" : "");
    return AC_OK;
}

/* Read, scan and attribute one file into doc (its arena set); reports
 * through d. */
static ac_error load_doc(const reader *r, diag *d, const char *path, pipeline_run_doc *doc)
{
    book_format f;
    if (read_sheet_detect(path, NULL, 0, &f))
        return load_sheet(r, d, path, f, doc);
    doc->format = "text";
    ac_error err = read_text_load(path, r->opts->max_size, d, doc->a, &doc->text);
    if (err == AC_OK)
        doc->encoding = read_text_encoding_name(doc->text.encoding);
    if (err == AC_OK)
        err = attribute_document(r->sx, &doc->text, r->gz, r->opts->lang, d, doc->a,
                                 &doc->obs, &doc->info);
    return err;
}

/* A message one document's reading gave, kept (file and text copied) to
 * be passed on when the document is handed out. */
typedef struct kept_msg {
    struct kept_msg *next;
    diag_level level;
    long line;
    const char *file;          /* NULL, or into text[] after the message */
    char text[];
} kept_msg;

/* One document read: what pipeline_run_next hands out, and what it must
 * report and count when it does. */
typedef struct {
    const char *path;          /* in the run's files_arena */
    pipeline_run_doc doc;      /* doc.a NULL when it was not read */
    ac_error err;
    int nomem;                 /* the machine's memory ran out (or a kept
                                  message could not be)                  */
    int no_arena;              /* not even the document's arena: the run
                                  stops there                            */
    kept_msg *msgs, **tail;
    ac_error code;             /* the document's diag: first code        */
    unsigned long n_quiet;     /* warnings not written (quiet)           */
} read_result;

static void keep_sink(diag_level level, const char *file, long line, const char *msg, void *ctx)
{
    read_result *res = ctx;
    size_t lm = strlen(msg) + 1, lf = file ? strlen(file) + 1 : 0;
    kept_msg *k = malloc(sizeof *k + lm + lf);
    if (!k) {
        res->nomem = 1;
        return;
    }
    k->next = NULL;
    k->level = level;
    k->line = line;
    memcpy(k->text, msg, lm);
    k->file = file ? memcpy(k->text + lm, file, lf) : NULL;
    *res->tail = k;
    res->tail = &k->next;
}

static void free_msgs(read_result *res)
{
    for (kept_msg *k = res->msgs, *nx; k; k = nx) {
        nx = k->next;
        free(k);
    }
    res->msgs = NULL;
    res->tail = &res->msgs;
}

/* An input ran out of memory: past its own limit (rejected, the run goes
 * on), or the machine's (the run fails). */
static void out_of_memory(const reader *r, diag *d, const arena *a, const char *path,
                          read_result *res)
{
    if (!r->opts->doc_memory && arena_refused(a)) {
        diag_error(d, path, 0, "what it builds in memory passed %zu bytes (%d times "
                   "--max-size): not loaded; raise --max-size to read it",
                   pipeline_input_limit(r->opts), PIPELINE_MEMORY_PER_BYTE);
        return;
    }
    diag_error(d, path, 0, "out of memory");
    res->nomem = 1;
}

/* Read the file at path into res, on any thread: everything it reports is
 * kept in res, nothing shared is written. */
static void read_one(const reader *r, const char *path, int quiet, read_result *res)
{
    memset(res, 0, sizeof *res);
    res->path = path;
    res->tail = &res->msgs;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pipeline_run_doc *doc = &res->doc;
    doc->a = arena_new(pipeline_input_limit(r->opts));
    if (!doc->a) {
        res->err = AC_ERR_NOMEM;
        res->nomem = res->no_arena = 1;
        return;
    }
    diag own;
    diag_init(&own);
    own.sink = keep_sink;
    own.ctx = res;
    own.quiet = quiet;
    res->err = load_doc(r, &own, path, doc);
    if (res->err == AC_ERR_NOMEM)
        out_of_memory(r, &own, doc->a, path, res);
    res->code = own.code;
    res->n_quiet = own.quiet ? own.n_warnings : 0;
    if (res->err != AC_OK) {
        arena_free(doc->a);
        doc->a = NULL;
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    doc->load_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* What one document reports goes through a diag of its own, which passes
 * every message on to the command's and keeps the first error about the
 * file as a whole: the reason the file is rejected, if it is. */
typedef struct {
    diag *to;                  /* the command's (may be NULL)              */
    const char *path;
    char why[1024];            /* first error on the file (line 0); else
                                  the first error at all                  */
    int have, whole;
} doc_diag;

static void doc_sink(diag_level level, const char *file, long line, const char *msg, void *ctx)
{
    doc_diag *dd = ctx;
    if (level == DIAG_ERROR && (!dd->whole || !dd->have)) {
        int whole = line <= 0 && file && !strcmp(file, dd->path);
        if (!dd->have || (whole && !dd->whole)) {
            snprintf(dd->why, sizeof dd->why, "%s", msg);
            dd->have = 1;
            dd->whole = whole;
        }
    }
    if (!dd->to)
        return;
    if (level == DIAG_WARNING)
        diag_warn(dd->to, file, line, "%s", msg);
    else
        diag_error(dd->to, file, line, "%s", msg);
}

/* The file at path was not read: kept with its reason. */
static void keep_reject(pipeline_run_ctx *rc, const char *path, const doc_diag *dd)
{
    if (rc->n_rejected >= rc->cap_rej) {
        size_t nc = rc->cap_rej ? rc->cap_rej * 2 : 8;
        read_file_reject *nr = arena_grow(rc->files_arena, rc->rejected, rc->cap_rej, nc,
                                          sizeof *nr);
        if (!nr) {
            rc->nomem = 1;
            return;
        }
        rc->rejected = nr;
        rc->cap_rej = nc;
    }
    read_file_reject *r = &rc->rejected[rc->n_rejected];
    r->path = path;                          /* in files_arena already */
    r->reason = arena_strdup(rc->files_arena, dd->have ? dd->why : "not read");
    rc->nomem |= !r->reason;
}

/* A document read, on the caller's thread: its messages passed on to the
 * command's diag in the order given, its counts and its rejection taken;
 * 1 and *doc when it was read. */
static int hand_out(pipeline_run_ctx *rc, read_result *res, pipeline_run_doc *doc)
{
    doc_diag dd = {.to = rc->d, .path = res->path};
    for (kept_msg *k = res->msgs; k; k = k->next)
        doc_sink(k->level, k->file, k->line, k->text, &dd);
    free_msgs(res);
    diag *cmd = rc->d;
    if (cmd && res->code && !cmd->code)
        cmd->code = res->code;
    if (cmd)
        cmd->n_warnings += res->n_quiet;     /* those it did not pass on */
    rc->nomem |= res->nomem;
    if (res->err != AC_OK) {
        keep_reject(rc, res->path, &dd);
        rc->n_rejected++;
        return 0;
    }
    *doc = res->doc;
    rc->n_read++;
    rc->n_row_rejects += doc->rejects.n;
    return 1;
}

/* ---- worker threads reading ahead (opts.jobs > 1) ---- */

struct pipeline_pool {
    pthread_mutex_t mu;
    pthread_cond_t done;       /* a document read                          */
    pthread_cond_t room;       /* one handed out: a worker may read on     */
    const char *const *path;
    size_t n;                  /* files                                    */
    size_t claimed;            /* the next file a worker takes             */
    size_t taken;              /* the next file handed out                 */
    size_t ahead;              /* at most this many read ahead of taken    */
    int quiet, stop;
    read_result *ring;         /* file i in ring[i % ahead]                */
    unsigned char *ready;      /* ready[i % ahead]: read, not handed out   */
    size_t n_workers;
    pthread_t *thread;
    reader *rd;                /* one per worker: its own scanner          */
    struct worker_arg {
        pipeline_pool *pool;
        size_t w;
    } *arg;
};

static void *worker_main(void *p)
{
    struct worker_arg *wa = p;
    pipeline_pool *pl = wa->pool;
    pthread_mutex_lock(&pl->mu);
    while (!pl->stop) {
        if (pl->claimed < pl->n && pl->claimed < pl->taken + pl->ahead) {
            size_t i = pl->claimed++;
            pthread_mutex_unlock(&pl->mu);
            read_result res;
            read_one(&pl->rd[wa->w], pl->path[i], pl->quiet, &res);
            pthread_mutex_lock(&pl->mu);
            pl->ring[i % pl->ahead] = res;     /* its tail: pool_take */
            pl->ready[i % pl->ahead] = 1;
            pthread_cond_broadcast(&pl->done);
            continue;
        }
        pthread_cond_wait(&pl->room, &pl->mu);
    }
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* Stop the workers (each finishes the document it reads), then free what
 * was read and not handed out. */
static void pool_free(pipeline_pool *pl)
{
    if (!pl)
        return;
    pthread_mutex_lock(&pl->mu);
    pl->stop = 1;
    pthread_cond_broadcast(&pl->room);
    pthread_mutex_unlock(&pl->mu);
    for (size_t w = 0; w < pl->n_workers; w++)
        pthread_join(pl->thread[w], NULL);
    for (size_t k = 0; pl->ring && k < pl->ahead; k++)
        if (pl->ready[k]) {
            read_result *res = &pl->ring[k];
            res->tail = &res->msgs;
            free_msgs(res);
            arena_free(res->doc.a);
        }
    for (size_t w = 0; pl->rd && w < pl->n_workers; w++)
        scan_free(pl->rd[w].sx);
    pthread_cond_destroy(&pl->done);
    pthread_cond_destroy(&pl->room);
    pthread_mutex_destroy(&pl->mu);
    free(pl->ring);
    free(pl->ready);
    free(pl->thread);
    free(pl->rd);
    free(pl->arg);
    free(pl);
}

/* At most jobs workers, so that under a limit of processes and threads
 * (ulimit -u, not root's) the caller's thread, the workers and an .xls
 * reader's child for each fit. */
static size_t room_for(size_t jobs)
{
    struct rlimit rl;
    if (geteuid() == 0 || getrlimit(RLIMIT_NPROC, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return jobs;
    size_t room = rl.rlim_cur > 1 ? (size_t)((rl.rlim_cur - 1) / 2) : 0;
    return jobs < room ? jobs : room;
}

/* Workers for the run's files: NULL (read on the caller's thread) when
 * one would do, or when they cannot be had (out of memory, no thread). */
static pipeline_pool *pool_new(pipeline_run_ctx *rc)
{
    size_t jobs = rc->opts.jobs > PIPELINE_MAX_JOBS ? PIPELINE_MAX_JOBS : (size_t)rc->opts.jobs;
    jobs = room_for(jobs);
    if (jobs < 2 || rc->files.n < 2 || !rc->opts.xls_program)   /* no fork with threads */
        return NULL;
    if (jobs > rc->files.n)
        jobs = rc->files.n;
    pipeline_pool *pl = calloc(1, sizeof *pl);
    if (!pl)
        return NULL;
    pthread_mutex_init(&pl->mu, NULL);
    pthread_cond_init(&pl->done, NULL);
    pthread_cond_init(&pl->room, NULL);
    pl->path = (const char *const *)rc->files.path;
    pl->n = rc->files.n;
    pl->ahead = jobs;
    pl->quiet = rc->d && rc->d->quiet;
    pl->ring = calloc(jobs, sizeof *pl->ring);
    pl->ready = calloc(jobs, 1);
    pl->thread = calloc(jobs, sizeof *pl->thread);
    pl->rd = calloc(jobs, sizeof *pl->rd);
    pl->arg = calloc(jobs, sizeof *pl->arg);
    if (!pl->ring || !pl->ready || !pl->thread || !pl->rd || !pl->arg) {
        pool_free(pl);
        return NULL;
    }
    for (size_t w = 0; w < jobs; w++) {
        pl->rd[w] = (reader){.opts = &rc->opts, .gz = rc->gz};
        pl->arg[w] = (struct worker_arg){.pool = pl, .w = w};
        if (scan_new(NULL, &pl->rd[w].sx) != AC_OK ||
            pthread_create(&pl->thread[w], NULL, worker_main, &pl->arg[w]) != 0) {
            scan_free(pl->rd[w].sx);
            pl->rd[w].sx = NULL;
            break;
        }
        pl->n_workers++;
    }
    size_t made = pl->n_workers;
    if (made < jobs) {
        /* at the limit of threads (ulimit -u): each worker may start an
         * .xls reader's child, which needs room as well; half of those
         * made leave it (fewer than two: the caller's thread reads) */
        pool_free(pl);
        rc->opts.jobs = (int)(made / 2);
        return pool_new(rc);
    }
    if (pl->n_workers < 2) {   /* one worker is the caller's thread, slower */
        pool_free(pl);
        return NULL;
    }
    return pl;
}

/* The next file's result from the workers, waited for. */
static void pool_take(pipeline_pool *pl, read_result *res)
{
    pthread_mutex_lock(&pl->mu);
    size_t k = pl->taken % pl->ahead;
    while (!pl->ready[k])
        pthread_cond_wait(&pl->done, &pl->mu);
    *res = pl->ring[k];
    pl->ready[k] = 0;
    pl->taken++;
    pthread_cond_broadcast(&pl->room);
    pthread_mutex_unlock(&pl->mu);
    kept_msg **t = &res->msgs;      /* the tail, in res now */
    while (*t)
        t = &(*t)->next;
    res->tail = t;
}

int pipeline_run_next(pipeline_run_ctx *rc, pipeline_run_doc *doc)
{
    progress_set(rc->opts.progress, rc->next);     /* the caller is done with those */
    reader own = {.opts = &rc->opts, .sx = rc->sx, .gz = rc->gz};
    while (rc->next < rc->files.n) {
        read_result res;
        if (rc->pool)
            pool_take(rc->pool, &res);
        else
            read_one(&own, rc->files.path[rc->next], rc->d && rc->d->quiet, &res);
        rc->next++;
        if (res.no_arena) {
            rc->nomem = 1;
            return 0;
        }
        if (hand_out(rc, &res, doc))
            return 1;
        progress_set(rc->opts.progress, rc->next);
    }
    return 0;
}

void pipeline_run_doc_done(pipeline_run_ctx *rc, pipeline_run_doc *doc)
{
    (void)rc;
    arena_free(doc->a);
    doc->a = NULL;
}

int pipeline_run_end(pipeline_run_ctx *rc)
{
    pool_free(rc->pool);
    rc->pool = NULL;
    attribute_gazetteer_free(rc->gz);
    arena_free(rc->files_arena);
    scan_free(rc->sx);
    rc->sx = NULL;
    if (rc->nomem)
        return RUN_FAILED;
    return rc->n_rejected || rc->n_row_rejects ? RUN_REJECTED : RUN_OK;
}
