/* run.c — the document loop (see run.h). */
#include "run.h"

#include <stdlib.h>
#include <string.h>

#include "../etl/scan.h"
#include "../base/diag.h"

void run_opts_init(run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->ref_dir = AC_REFDIR;
    o->max_size = READER_DEFAULT_MAX;
    o->lang = -1;
}

int run_begin(run_ctx *rc, const run_opts *o, diag *d, char *const *args, size_t n_args)
{
    memset(rc, 0, sizeof *rc);
    rc->opts = *o;
    rc->d = d;
    if (d && o->quiet)
        d->quiet = 1;
    if (scan_init() != AC_OK) {
        diag_error(d, NULL, 0, "cannot compile the scanner's patterns");
        return RUN_FAILED;
    }
    ac_error err = gazetteer_load(o->ref_dir, d, &rc->gz);
    if (err) {
        diag_error(d, o->ref_dir, 0, "cannot load reference data: %s", ac_strerror(err));
        return RUN_FAILED;
    }
    rc->files_arena = arena_new(0);
    if (!rc->files_arena || files_expand(args, n_args, d, rc->files_arena, &rc->files)) {
        diag_error(d, NULL, 0, "out of memory");
        gazetteer_free(rc->gz);
        arena_free(rc->files_arena);
        return RUN_FAILED;
    }
    rc->n_rejected = rc->files.n_missing;
    return RUN_OK;
}

int run_next(run_ctx *rc, run_doc *doc)
{
    while (rc->next < rc->files.n) {
        const char *path = rc->files.path[rc->next++];
        memset(doc, 0, sizeof *doc);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        doc->a = arena_new(rc->opts.doc_memory);
        if (!doc->a) {
            rc->nomem = 1;
            return 0;
        }
        ac_error err = reader_load(path, rc->opts.max_size, rc->d, doc->a, &doc->text);
        if (err == AC_OK)
            err = attribute_document(&doc->text, rc->gz, rc->opts.lang, rc->d, doc->a,
                                     &doc->obs, &doc->info);
        if (err != AC_OK) {
            if (err == AC_ERR_NOMEM) {
                diag_error(rc->d, path, 0, "out of memory");
                rc->nomem = 1;
            }
            rc->n_rejected++;
            arena_free(doc->a);
            doc->a = NULL;
            continue;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        doc->load_seconds = (double)(t1.tv_sec - t0.tv_sec) +
                            (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        rc->n_read++;
        return 1;
    }
    return 0;
}

void run_doc_done(run_ctx *rc, run_doc *doc)
{
    (void)rc;
    arena_free(doc->a);
    doc->a = NULL;
}

int run_end(run_ctx *rc)
{
    gazetteer_free(rc->gz);
    arena_free(rc->files_arena);
    scan_cleanup();
    if (rc->nomem)
        return RUN_FAILED;
    return rc->n_rejected ? RUN_REJECTED : RUN_OK;
}
