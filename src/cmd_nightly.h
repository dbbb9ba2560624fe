/*
 * cmd_nightly.h — `aidcube nightly --config FILE`: the unattended batch
 * (src/cmd_nightly.c runs it, src/cmd_nightly_config.c reads its config).
 *
 * The config file, edited by hand: one "key = value" per line, blanks
 * around both ignored; a line whose first non-blank character is '#' is a
 * comment, a blank line nothing (no comment after a value: a path may hold
 * '#').  Keys:
 *   inbox, archive, quarantine, output   folders (required)
 *   db           the warehouse conninfo (schema aidcube): each source is
 *                loaded as `aidcube load` does, the workbooks built from
 *                the warehouse; empty or "none": the in-process route, the
 *                archive is the warehouse
 *   split        none (default), fund or donor (build --split)
 *   tolerance    percentage points, as build --tolerance (default: from
 *                each source's precision)
 *   max_rejects  N or N%, as build --max-rejects (default: no limit)
 *   log          a file the report is appended to (default: none)
 * A relative path is taken from the config file's folder.  An unknown key,
 * a key given twice, a bad value, a line that is not "key = value":
 * "aidcube: FILE:LINE: what"; a required key missing: "aidcube: FILE:
 * missing key "K"" (both exit 2).
 *
 * Memory: cmd_nightly_config owns its strings (malloc);
 * cmd_nightly_config_free releases them (it accepts a zeroed config).
 */
#ifndef AC_CMD_NIGHTLY_H
#define AC_CMD_NIGHTLY_H

#include "../base/diag.h"
#include "../pipeline/pipeline.h"

typedef struct {
    char *inbox, *archive, *quarantine, *output, *log;  /* log NULL: none */
    char *max_rejects;       /* NULL: no limit; else "N" or "N%" (checked) */
    char *db;                /* NULL: the in-process route                 */
    int split;               /* 1: one workbook per fund too               */
    double tolerance;        /* -1: from each source's precision           */
} cmd_nightly_config;

/* Read and check FILE; 0, or -1 after reporting on d what is wrong (the
 * config is then freed). */
int cmd_nightly_config_read(const char *file, cmd_nightly_config *c, diag *d);
void cmd_nightly_config_free(cmd_nightly_config *c);

/* build's writing of the workbooks (src/cmd_cube.c): OUTDIR/aidcube.xlsx,
 * with split one per fund, rejects.tsv, published as one set; EXIT_OK or
 * EXIT_FAILURE_INTERNAL (said on d). */
int cmd_build_write(const pipeline *p, const check_opts *co, const char *outdir, int split, diag *d);

#endif
