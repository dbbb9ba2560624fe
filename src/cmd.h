/*
 * cmd.h — the subcommands of aidcube.  Only these files (src/main.c and
 * src/cmd_*.c) read argv, print results and choose exit codes; everything
 * they call returns ac_error and reports through diag.h.
 *
 * Exit codes: 0 success; 1 some input was rejected (the rest was processed);
 * 2 usage error; 3 `check --strict` found a mismatch; 4 internal failure
 * (out of memory, output could not be written); 5 database error (load, db:
 * the batch or migration rolled back); 6 another load holds the lock
 * (load --no-wait).
 *
 * Standard output: main (src/main.c) flushes and closes it after the
 * command; when anything was not written it says why ("aidcube: standard
 * output: No space left on device") and the exit status is 4, whatever the
 * command returned.  A command need not check its own writes to stdout.
 */
#ifndef AC_CMD_H
#define AC_CMD_H

#include "../pipeline/pipeline_run.h"
#include "../export/export.h"

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_MISMATCH = 3,
       EXIT_FAILURE_INTERNAL = 4, EXIT_DB = 5, EXIT_LOCKED = 6 };

int cmd_parse(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_cube(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_cells(int argc, char **argv);
int cmd_nightly(int argc, char **argv);

/* pipeline_run_opts_init, then what the environment says: AIDCUBE_REFDIR
 * (reference data directory; AIDCUBE_REF, its older name, when it is not
 * set; neither: the installed data, pipeline/pipeline_data.h),
 * AIDCUBE_DOC_MEMORY (arena limit per document).  The only place the run
 * options read the environment. */
/* --tolerance PTS (and the nightly config's tolerance): percentage points, a
 * plain decimal from 0 to 100 (C locale: an option, not document text).  0
 * and *v set, or -1. */
int cmd_parse_tolerance(const char *s, double *v);
void cmd_run_opts_init(pipeline_run_opts *o);

/* The folder the environment variable NAME names, else the one ALIAS (its
 * older name) names; NULL when neither is set or both are empty. */
const char *cmd_env_dir(const char *name, const char *alias);

/* The creation time of the workbooks: SOURCE_DATE_EPOCH when set, else in
 * test mode (AIDCUBE_TEST) 2017-06-30T00:00:00Z, else now. */
long long cmd_created_time(void);

/* This very binary, wherever it was started from (Linux): run again as
 * the .xls reader's child (read_sheet.h, main.c). */
#define CMD_SELF "/proc/self/exe"

/* Print "Try 'aidcube --help'" style usage error; returns EXIT_USAGE. */
int cmd_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The options of spreadsheet sources every reading command takes, for
 * getopt_long's table and for the --help text. */
enum { OPT_MAP = 0x300, OPT_SHEET, OPT_MAX_REJECTS, OPT_JOBS };
#define SHEET_LONG_OPTIONS                                                     \
    {"map", required_argument, 0, OPT_MAP},                                   \
    {"sheet", required_argument, 0, OPT_SHEET},                               \
    {"max-rejects", required_argument, 0, OPT_MAX_REJECTS},                   \
    {"jobs", required_argument, 0, OPT_JOBS}
/* What FILE|DIR means (read/read_files.h), after the options. */
#define INPUTS_HELP                                                            \
"A FILE is read whatever its name; a DIR gives its .txt, .csv, .tsv, .xlsx,\n"    \
".xlsm, .ods and .xls files (and names its .pdf, .doc, .docx and .odt as\n"      \
"unreadable), not its subdirectories, and names every other entry it skips\n"    \
"(README.md, notes) in one warning.\n"

#define SHEET_OPTIONS_HELP                                                     \
"      --map=FILE       spreadsheets: header names nothing else recognises,\n" \
"                       one \"header<TAB>field\" per line (fields: title id\n"  \
"                       country region locality sector fund amount currency\n" \
"                       partner start end months period)\n"                    \
"      --sheet=NAME     spreadsheets: read only this sheet (default: all)\n"   \
"      --max-rejects=N  reject a whole spreadsheet when more than N rows (or\n" \
"                       N% of its rows, as \"5%\") cannot be loaded (default:\n"\
"                       load every good row)\n"                               \
"      --jobs=N         read N sources at once, on N threads (default: one a\n" \
"                       processor, at most 8; env AIDCUBE_JOBS); the output\n" \
"                       is the same whatever N\n"

/* The temporary files of the command (src/cmd_tmp.c): hooks for the
 * writers (export_hooks), whose registered files a SIGTERM, SIGINT or
 * SIGHUP removes before the signal stops the process; the handler is
 * installed on the first call.  cmd_tmp_done frees the list. */
const export_hooks *cmd_tmp_hooks(void);
void cmd_tmp_done(void);

/* libxlsxwriter's own messages ("[ERROR][file.c:12]: ...") around the
 * writing of a workbook, captured from stderr and said again as
 * "aidcube: PATH: libxlsxwriter: ..." (src/cmd_tmp.c). */
typedef struct { int saved_fd; void *f; } cmd_capture;
void cmd_capture_begin(cmd_capture *c);
void cmd_capture_end(cmd_capture *c, const char *path);

/* The run options of pipeline/pipeline_run.h, from the command line. */
/* Handle the shared options: 'l' lang, 'r' ref, 'm' max-size, 'q' quiet,
 * OPT_MAP, OPT_SHEET, OPT_MAX_REJECTS.
 * Returns 0, or -1 on an unknown option or an invalid value (the caller
 * reports it with run_opts_error). */
int run_opts_parse(pipeline_run_opts *o, int opt, const char *arg);
/* The usage error for what getopt_long or run_opts_parse rejected:
 * "invalid option", "missing value", "invalid value"; returns exit 2. */
int run_opts_error(const char *cmd, int opt, char *const *argv);

/* The progress line (base/progress.h) of a command reading many sources,
 * owned by the command (on its stack): on stderr only when stderr is a
 * terminal, quiet is 0 (--quiet) and, for a command writing its results to
 * stdout as it reads (streaming: extract), stdout is not a terminal; else
 * off, and a pipe or a log file gets not a byte more.  d (may be NULL)
 * clears the line before each message.  The command calls
 * progress_finish(p) before it prints its results, and sets d->progress to
 * NULL before p goes out of scope.  The only place that asks isatty(). */
void cmd_progress_init(progress *p, diag *d, int quiet, int streaming);

/* Tests only: with AIDCUBE_TEST set and AIDCUBE_TEST_PAUSE_AT=POINT, the
 * process stops for good at that checkpoint of d (diag_checkpoint: listing,
 * extract, copy, commit, archive, export), after appending "POINT PID" to
 * the file AIDCUBE_TEST_PAUSE_FILE: a test then kills it there (kill -9)
 * and proves that the next run completes the work exactly once
 * (tests/t_nightly_kill.sh).  Otherwise nothing. */
void cmd_checkpoint_init(diag *d);

#endif
