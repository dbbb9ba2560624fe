/*
 * run.h — the document loop shared by extract, check and build.
 *
 * A run loads the reference data once, expands the FILE|DIR arguments, and
 * hands out one document at a time: read (reader.h), scanned, matched and
 * attributed (attribute.h), in an arena of its own that run_doc_done() frees.
 * A file that cannot be read is reported (aidcube: FILE: why) and counted as
 * rejected; the loop goes on with the next one.
 *
 * A spreadsheet (sheet.h, by its extension) is read into a grid and its
 * rows become observations (sheet_facts.h); its rejected rows travel with
 * the document (run_doc.rejects); above opts.max_rejects the whole file is
 * rejected.
 *
 * Status from run_begin() and run_end(): RUN_OK, RUN_REJECTED when some file
 * or spreadsheet row was rejected, RUN_FAILED when nothing can be trusted (reference data
 * unusable, out of memory); they equal the exit codes 0, 1 and 4.
 */
#ifndef AC_RUN_H
#define AC_RUN_H

#include <stddef.h>
#include <time.h>

#include "../etl/attribute.h"
#include "../etl/gazetteer.h"
#include "../etl/reader.h"
#include "../etl/sheet.h"
#include "../etl/sheet_facts.h"
#include "../base/arena.h"
#include "../base/diag.h"
#include "files.h"

enum { RUN_OK = 0, RUN_REJECTED = 1, RUN_FAILED = 4 };

typedef struct {
    const char *ref_dir;
    size_t max_size;
    int lang;                  /* -1 auto, else scan_lang */
    int quiet;
    size_t doc_memory;         /* arena limit per document, 0: none (the
                                  command reads env AIDCUBE_DOC_MEMORY) */
    sheet_opts sheet;          /* spreadsheets: --map entries, --sheet     */
    const char *map_file;      /* --map FILE: read by run_begin into sheet */
    long max_rejects;          /* --max-rejects N: a spreadsheet with more
                                  rejected rows is rejected whole; -1: no
                                  limit                                  */
    int max_rejects_pct;       /* 1: max_rejects is a percentage of its rows */
} run_opts;

/* Defaults: ref_dir AC_REFDIR, no memory limit.  The environment is the
 * command's business (cmd_run_opts_init in cmd.h). */
void run_opts_init(run_opts *o);

typedef struct {
    text_doc text;             /* a spreadsheet: name, path, sha256 and
                                  file_size only                         */
    int is_sheet;              /* a spreadsheet (sheet.h)                 */
    const char *format;        /* "text", "csv", "xlsx", "ods", "xls"      */
    const char *encoding;      /* as the Sources sheet names it            */
    sheet_reject_list rejects; /* rows not loaded, with their reasons     */
    size_t n_rows;             /* rows read below the headers (sheets)    */
    obs_list obs;
    attribute_info info;
    arena *a;                  /* owns text and obs; freed by run_doc_done */
    double load_seconds;
} run_doc;

typedef struct {
    run_opts opts;
    diag *d;                   /* borrowed from the command, may be NULL    */
    gazetteer *gz;
    arena *files_arena;
    file_list files;
    size_t next;
    size_t n_read, n_rejected;
    size_t n_row_rejects;      /* rows of spreadsheets not loaded          */
    int nomem;
} run_ctx;

/* RUN_OK, or RUN_FAILED (reference data unusable, out of memory). */
/* Every problem of the run is reported on d (its quiet is set when o->quiet). */
int run_begin(run_ctx *rc, const run_opts *o, diag *d, char *const *args, size_t n_args);
/* 1 and *doc when a document is ready, 0 at the end. */
int run_next(run_ctx *rc, run_doc *doc);
void run_doc_done(run_ctx *rc, run_doc *doc);
int run_end(run_ctx *rc);

#endif
