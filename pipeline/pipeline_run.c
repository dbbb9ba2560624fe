/* pipeline_run.c — the document loop (see pipeline_run.h). */
#include "pipeline_run.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* A spreadsheet: bytes, grid, rows to observations. */
static ac_error load_sheet(pipeline_run_ctx *rc, const char *path, book_format f, pipeline_run_doc *doc)
{
    const unsigned char *bytes = NULL;
    size_t n = 0;
    read_text_doc *t = &doc->text;
    const char *slash = strrchr(path, '/');
    t->path = path;
    t->name = arena_strdup(doc->a, slash ? slash + 1 : path);
    if (!t->name)
        return AC_ERR_NOMEM;
    ac_error err = read_text_bytes(path, rc->opts.max_size, rc->d, doc->a, &bytes, &n, t->sha256);
    if (err)
        return err;
    t->file_size = n;
    if (n == 0)
        return diag_fail(rc->d, AC_ERR_EMPTY, path, 0, "empty file: nothing to read");
    read_sheet_detect(path, bytes, n, &f);
    read_sheet_limits lim;
    read_sheet_limits_init(&lim);
    lim.only_sheet = rc->opts.sheet.only_sheet;
    lim.max_book_bytes = pipeline_input_limit(&rc->opts);   /* the cells: no more than the input may build */
    book b;
    if ((err = read_sheet(path, f, bytes, n, &lim, rc->d, doc->a, &b)))
        return err;
    doc->is_sheet = 1;
    doc->format = format_name[f];
    doc->encoding = b.encoding ? b.encoding : format_name[f];
    err = attribute_sheet_rows(rc->sx, &b, path, t->name, rc->gz, &rc->opts.sheet, rc->d, doc->a,
                             &doc->obs, &doc->rejects, &doc->info);
    if (err)
        return err;
    for (size_t i = 0; i < doc->obs.n; i++)
        doc->n_rows += doc->obs.v[i].measure == OBS_AMOUNT;
    doc->n_rows += doc->rejects.n;
    if (too_many_rejects(&rc->opts, doc->rejects.n, doc->n_rows))
        return diag_fail(rc->d, AC_ERR_PARSE, path, 0,
                         "%zu of %zu rows rejected, more than --max-rejects %ld%s allows: "
                         "the file is not loaded", doc->rejects.n, doc->n_rows,
                         rc->opts.max_rejects, rc->opts.max_rejects_pct ? "%" : "");
    return AC_OK;
}

/* An input ran out of memory: past its own limit (rejected, the run goes
 * on), or the machine's (the run fails). */
static void out_of_memory(pipeline_run_ctx *rc, const arena *a, const char *path)
{
    if (!rc->opts.doc_memory && arena_refused(a)) {
        diag_error(rc->d, path, 0, "what it builds in memory passed %zu bytes (%d times "
                   "--max-size): not loaded; raise --max-size to read it",
                   pipeline_input_limit(&rc->opts), PIPELINE_MEMORY_PER_BYTE);
        return;
    }
    diag_error(rc->d, path, 0, "out of memory");
    rc->nomem = 1;
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

/* Read, scan and attribute one file into doc (its arena set); reports
 * through dg. */
static ac_error load_doc(pipeline_run_ctx *rc, const char *path, pipeline_run_doc *doc)
{
    book_format f;
    if (read_sheet_detect(path, NULL, 0, &f))
        return load_sheet(rc, path, f, doc);
    doc->format = "text";
    ac_error err = read_text_load(path, rc->opts.max_size, rc->d, doc->a, &doc->text);
    if (err == AC_OK)
        doc->encoding = read_text_encoding_name(doc->text.encoding);
    if (err == AC_OK)
        err = attribute_document(rc->sx, &doc->text, rc->gz, rc->opts.lang, rc->d, doc->a,
                                 &doc->obs, &doc->info);
    return err;
}

int pipeline_run_next(pipeline_run_ctx *rc, pipeline_run_doc *doc)
{
    progress_set(rc->opts.progress, rc->next);     /* the caller is done with those */
    while (rc->next < rc->files.n) {
        const char *path = rc->files.path[rc->next++];
        memset(doc, 0, sizeof *doc);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        doc->a = arena_new(pipeline_input_limit(&rc->opts));
        if (!doc->a) {
            rc->nomem = 1;
            return 0;
        }
        doc_diag dd = {.to = rc->d, .path = path};
        diag own, *cmd = rc->d;
        diag_init(&own);
        own.sink = doc_sink;
        own.ctx = &dd;
        own.quiet = cmd && cmd->quiet;
        rc->d = &own;
        ac_error err = load_doc(rc, path, doc);
        if (err == AC_ERR_NOMEM)
            out_of_memory(rc, doc->a, path);
        rc->d = cmd;
        if (cmd && own.code && !cmd->code)
            cmd->code = own.code;
        if (cmd && own.quiet)
            cmd->n_warnings += own.n_warnings;     /* those it did not pass on */
        if (err != AC_OK) {
            keep_reject(rc, path, &dd);
            rc->n_rejected++;
            arena_free(doc->a);
            doc->a = NULL;
            progress_set(rc->opts.progress, rc->next);
            continue;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        doc->load_seconds = (double)(t1.tv_sec - t0.tv_sec) +
                            (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        rc->n_read++;
        rc->n_row_rejects += doc->rejects.n;
        return 1;
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
    attribute_gazetteer_free(rc->gz);
    arena_free(rc->files_arena);
    scan_free(rc->sx);
    rc->sx = NULL;
    if (rc->nomem)
        return RUN_FAILED;
    return rc->n_rejected || rc->n_row_rejects ? RUN_REJECTED : RUN_OK;
}
