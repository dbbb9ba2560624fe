/*
 * pipeline_run.h — the document loop shared by extract, check and build.
 *
 * A run loads the reference data once, expands the FILE|DIR arguments, and
 * hands out one document at a time: read (read_text.h), scanned, matched and
 * attributed (attribute.h), in an arena of its own that pipeline_run_doc_done() frees.
 * A file that cannot be read is reported (aidcube: FILE: why), counted as
 * rejected and kept with its reason (pipeline_run_ctx.rejected: the first
 * error reported on the file as a whole); the loop goes on with the next
 * one.
 *
 * A spreadsheet (read_sheet.h, by its extension) is read into a grid and its
 * rows become observations (attribute_sheet.h); its rejected rows travel with
 * the document (pipeline_run_doc.rejects); above opts.max_rejects the whole file is
 * rejected.
 *
 * Status from pipeline_run_begin() and pipeline_run_end(): RUN_OK, RUN_REJECTED when some file
 * or spreadsheet row was rejected, RUN_FAILED when nothing can be trusted (reference data
 * unusable, out of memory); they equal the exit codes 0, 1 and 4.
 *
 * Sources read in parallel: with opts.jobs above 1, that many worker
 * threads read the next documents ahead of the caller, each with a scanner
 * of its own (the gazetteer and the options are shared, read only), at most
 * opts.jobs documents ahead.  pipeline_run_next() still hands them out in
 * the order of the files, with the messages each gave, passed on when it is
 * handed out: what the caller sees (documents, messages, counts, rejected
 * files) is the same, byte for byte, whatever the number of workers.
 *
 * Progress: with opts.progress, pipeline_run_begin() sets its total to the
 * files found and each pipeline_run_next() sets its count to the files
 * handed out before (the caller is done with them when it asks for the
 * next); the command that owns it clears it (progress.h).  A command
 * counting sources itself (one run per source) leaves it NULL here.
 */
#ifndef AC_RUN_H
#define AC_RUN_H

#include <stddef.h>
#include <time.h>

#include "../attribute/attribute.h"
#include "../attribute/attribute_gazetteer.h"
#include "../read/read_text.h"
#include "../read/read_sheet.h"
#include "../attribute/attribute_sheet.h"
#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/progress.h"
#include "../read/read_files.h"

enum { RUN_OK = 0, RUN_REJECTED = 1, RUN_FAILED = 4 };

/* What one input may build in memory (its bytes, decoded text, cells,
 * scanned items, observations and their strings) is at most this many
 * times --max-size; past it the input is rejected, naming the limit.  The
 * densest inputs we know build 76 times their bytes (a line of figures
 * and nothing else, about 900 bytes a figure), a project list 17 times
 * (one observation, its row's text and its cells per row): at the
 * default --max-size (32 MiB) an input may build 2 GiB. */
#define PIPELINE_MEMORY_PER_BYTE 64

typedef struct {
    const char *ref_dir;       /* NULL: found by pipeline_data_find      */
    size_t max_size;
    int lang;                  /* -1 auto, else scan_lang */
    int quiet;
    size_t doc_memory;         /* arena limit per document standing for the
                                  machine's memory (running out of it is
                                  a failure, exit 4), 0: none (the command
                                  reads env AIDCUBE_DOC_MEMORY)          */
    attribute_sheet_opts sheet;          /* spreadsheets: --map entries, --sheet     */
    const char *map_file;      /* --map FILE: read by pipeline_run_begin into sheet */
    long max_rejects;          /* --max-rejects N: a spreadsheet with more
                                  rejected rows is rejected whole; -1: no
                                  limit                                  */
    int max_rejects_pct;       /* 1: max_rejects is a percentage of its rows */
    const char *xls_program;   /* .xls files: the program their reader runs
                                  as its child (read_sheet.h); NULL: a
                                  fork, only when jobs <= 1              */
    int jobs;                  /* worker threads reading ahead; 0 or 1:
                                  each document read by pipeline_run_next
                                  on the caller's thread                  */
    progress *progress;        /* borrowed, may be NULL: told the total
                                  (the files found) and each file done,
                                  read or rejected; never finished here  */
} pipeline_run_opts;

/* What one input may build in memory: doc_memory when set, else
 * PIPELINE_MEMORY_PER_BYTE times max_size (0, no limit, past SIZE_MAX). */
size_t pipeline_input_limit(const pipeline_run_opts *o);

/* Defaults: ref_dir NULL (the installed or the source tree's reference
 * data, pipeline/pipeline_data.h), no memory limit.  The environment is the
 * command's business (cmd_run_opts_init in cmd.h). */
void pipeline_run_opts_init(pipeline_run_opts *o);

typedef struct {
    read_text_doc text;             /* a spreadsheet: name, path, sha256 and
                                  file_size only                         */
    int is_sheet;              /* a spreadsheet (read_sheet.h)                 */
    const char *format;        /* "text", "csv", "xlsx", "ods", "xls"      */
    const char *encoding;      /* as the Sources sheet names it            */
    attribute_sheet_reject_list rejects; /* rows not loaded, with their reasons     */
    size_t n_rows;             /* rows read below the headers (sheets)    */
    attribute_obs_list obs;
    attribute_info info;
    arena *a;                  /* owns text and obs; freed by pipeline_run_doc_done */
    double load_seconds;
} pipeline_run_doc;

/* Documents read ahead by worker threads (pipeline_run.c). */
typedef struct pipeline_pool pipeline_pool;

/* At most this many worker threads: past it a machine's disks and memory,
 * not its processors, set the pace (each worker holds a document). */
#define PIPELINE_MAX_JOBS 64

typedef struct {
    pipeline_run_opts opts;
    diag *d;                   /* borrowed from the command, may be NULL    */
    scan_ctx *sx;              /* the loop's scanner, one document at a time;
                                  freed by pipeline_run_end              */
    pipeline_pool *pool;       /* NULL: no worker threads (opts.jobs <= 1,
                                  or fewer than two files)               */
    gazetteer *gz;
    arena *files_arena;
    read_file_list files;
    size_t next;
    size_t n_read, n_rejected;
    size_t n_row_rejects;      /* rows of spreadsheets not loaded          */
    read_file_reject *rejected;/* the files not read and why, in the order
                                  reported (strings in files_arena); as
                                  many as n_rejected                     */
    size_t cap_rej;
    int nomem;
} pipeline_run_ctx;

/* RUN_OK, or RUN_FAILED (reference data unusable, out of memory). */
/* Every problem of the run is reported on d (its quiet is set when o->quiet). */
int pipeline_run_begin(pipeline_run_ctx *rc, const pipeline_run_opts *o, diag *d, char *const *args, size_t n_args);
/* 1 and *doc when a document is ready, 0 at the end. */
int pipeline_run_next(pipeline_run_ctx *rc, pipeline_run_doc *doc);
void pipeline_run_doc_done(pipeline_run_ctx *rc, pipeline_run_doc *doc);
int pipeline_run_end(pipeline_run_ctx *rc);

#endif
