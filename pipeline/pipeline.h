/*
 * pipeline.h — the whole in-process job, as one library call: read every
 * source, skip a content already loaded, add each source's facts to the
 * model (all or nothing), build the cube, run the checks.  `build`, `check`
 * and `cube` call it; the warehouse loader and the nightly batch will too.
 *
 * Data flow:
 *   pipeline/pipeline_run (read, scan, attribute: observations per document)
 *     -> model_add_source (facts, keyed and exact; model.h)
 *     -> cube_build (cube.h) -> check_run (check.h)
 * With model_only the job stops at the frozen model (the loader's input).
 * With db the model comes from the warehouse instead of files (warehouse_read():
 * the facts of the latest content of every source loaded), then the same
 * cube_build and check_run: `cube --db`, `check --db`, `build --db`.
 * Writing workbooks stays with the caller (export.h): it decides, from the
 * counts here, whether the run is good enough to replace earlier output.
 *
 * A source is identified by its full path and the SHA-256 of the bytes the
 * reader read (in the same pass: each file is opened once); a second source
 * with the same content is a copy, named in a warning and not loaded again.
 * Once every source is in the model, a source whose rows are all rows of
 * another one (the same list as .csv and .xlsx: model_same.h) is named in a
 * warning and kept with no facts (the model is rebuilt without them), in
 * the warehouse route too (after warehouse_read); with model_only the
 * warehouse loader takes that decision itself.
 *
 * Every file given that adds no source (a copy, a file not read) is kept in
 * files, for the Sources sheet, in the order of their paths (byte order,
 * then status: never the order they were read in); a file not read is also
 * a row of rejects (sheet NULL, row 0) with its reason, beside the
 * spreadsheet rows not loaded, all sorted by file, row and column.
 *
 * The warehouse route keeps the rejects that stand in the warehouse
 * (warehouse_read: view v_reject of sql/010_rejects.sql) the same way: of
 * each file (its canonical path), what the last batch that saw it could
 * not load, a file not read (a row of rejects and a note "not read:
 * REASON", as in process) or spreadsheet rows not loaded; a file rejected
 * once and read by a later batch is not there.  They are the loads' rejects,
 * which those loads reported (exit 1): the run's status stays RUN_OK
 * (n_rejected and n_row_rejects count this run's files only).
 *
 * Memory: the pipeline owns the model, the cube, the findings and their
 * arena; pipeline_free() releases them (it accepts a zeroed pipeline).  The
 * diagnostics object is the caller's.
 */
#ifndef AC_PIPELINE_H
#define AC_PIPELINE_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "pipeline_run.h"
#include "../export/export.h"
#include "../warehouse/warehouse.h"
#include "../check/check.h"
#include "../cube/cube.h"
#include "../model/model.h"

typedef struct {
    pipeline_run_opts run;            /* reading: reference data, limits, language */
    check_opts check;
    int test_mode;           /* 1: no timings in the output (load seconds 0) */
    int model_only;          /* 1: stop at the frozen model (no cube, no
                                checks): what the warehouse loader reads */
    warehouse *db;                  /* not NULL: the model from this warehouse
                                (borrowed), no FILE|DIR arguments        */
} pipeline_opts;

typedef struct {
    diag *d;                 /* borrowed                                   */
    model *m;
    cube *cb;
    finding_list findings;
    arena *a;                /* the findings' strings                      */
    size_t n_files;          /* files named or found in the directories    */
    size_t n_loaded;         /* sources whose facts are in the model       */
    size_t n_copies;         /* same content as a source already loaded    */
    size_t n_rejected;       /* files that could not be read               */
    size_t n_row_rejects;    /* spreadsheet rows not loaded                */
    export_reject *rejects;/* those rows, with their file, sheet, column,
                                raw value and reason (strings in a), and
                                the files not read (sheet NULL, row 0)   */
    size_t n_rejects, cap_rejects;
    export_file_note *files; /* the files that add no source (strings in a) */
    size_t n_file_notes, cap_files;
    size_t n_same_rows;      /* sources recorded with no facts: their rows
                                are all another source's (model_same.h)  */
    int status;              /* RUN_OK, RUN_REJECTED or RUN_FAILED         */
    pipeline_run_ctx rc;              /* the document loop; its reference data lives
                                as long as the model, which points into it */
    int rc_open;
    warehouse_bad_date *dates;      /* the impossible dates of the sources read
                                from files (the loader keeps them)        */
    size_t n_dates, cap_dates;
    warehouse_read_info db;         /* with opts.db: the warehouse key of each fact */
} pipeline;

/* Run the job over the FILE|DIR arguments.  Returns AC_OK when a cube was
 * built (p->status says whether some files were rejected), else the error
 * (reference data unusable, out of memory), reported through d. */
ac_error pipeline_run(pipeline *p, const pipeline_opts *o, char *const *args, size_t n_args,
                      diag *d);
void pipeline_free(pipeline *p);

#endif
