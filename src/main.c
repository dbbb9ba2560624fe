/*
 * main.c — aidcube's command-line entry: dispatches to the subcommands.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static const char usage[] =
"Usage: aidcube COMMAND [OPTION]... [FILE]...\n"
"ETL and OLAP cube builder for stabilisation and peacebuilding funding.\n"
"\n"
"Commands:\n"
"  extract FILE|DIR...     print the observations found in report documents\n"
"                          (TSV with a header; --format jsonl for JSON Lines)\n"
"  parse                   normalise phrases read on stdin, one per line:\n"
"                          kind, value, currency, qualifier (TSV)\n"
"  check FILE|DIR...       reconcile stated totals and shares with the raw figures\n"
"  build FILE|DIR... -o DIR  build the cube and write the donor workbooks\n"
"  cube FILE|DIR...        print every cell of the 16 cuboids (TSV)\n"
"  load FILE|DIR... --db CONNINFO  load the facts into the PostgreSQL warehouse\n"
"                          (one batch, one transaction, each content once)\n"
"  db init|migrate|status --db CONNINFO  create, upgrade or describe the\n"
"                          warehouse's schema (sql/NNN_*.sql)\n"
"  cells FILE...           print every cell of spreadsheets as read (TSV)\n"
"  nightly --config FILE   the nightly batch: load the inbox once, rebuild\n"
"                          the workbooks, report (exit 0 well, 1 some\n"
"                          source quarantined, 2 the run failed)\n"
"\n"
"Run 'aidcube COMMAND --help' for the options of a command.\n"
"\n"
"Options:\n"
"  -h, --help              show this help and exit\n"
"  -V, --version           show the version and exit\n"
"\n"
"Exit status:\n"
"  0  success\n"
"  1  some input was rejected (the rest was processed and printed)\n"
"  2  usage error\n"
"  3  check --strict found a mismatch\n"
"  4  internal failure (out of memory, output not written)\n"
"  5  database error (load, db: nothing of the batch or migration was kept)\n"
"  6  load --no-wait: another load of the schema is running\n";

/*
 * Standard output goes through a stream of ours (fopencookie) writing to file
 * descriptor 1, so that when a write fails the reason is kept (errno: "No
 * space left on device", "Input/output error") and said once the command is
 * done: every command, whatever it prints, exits 4 with
 * "aidcube: standard output: REASON" when its output was not all written.
 */
static int out_errno;      /* the first failed write's errno, 0 if none */
static FILE *out_real;     /* the C library's stdout, while ours stands in */

static ssize_t out_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(STDOUT_FILENO, buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (!out_errno)
                out_errno = w < 0 ? errno : EIO;
            break;  /* fewer bytes than asked: the stream's error flag is set */
        }
        done += (size_t)w;
    }
    return (ssize_t)done;
}

static void out_begin(void)
{
    cookie_io_functions_t io = { .write = out_write };
    FILE *f = fopencookie(NULL, "w", io);
    if (!f)
        return;  /* out of memory already: the library's stdout, reason unknown */
    setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
    out_real = stdout;
    stdout = f;
}

/* Flush and close standard output; exit 4 when anything was not written. */
static int out_end(int status)
{
    int failed = fflush(stdout) != 0 || ferror(stdout);
    if (out_real) {
        failed |= fclose(stdout) != 0;
        stdout = out_real;
        out_real = NULL;
    }
    /* a deferred error (NFS, a full disk behind a pipe-less redirect) shows
     * at close; EBADF only says standard output was not open */
    if (close(STDOUT_FILENO) != 0 && errno != EBADF) {
        if (!out_errno)
            out_errno = errno;
        failed = 1;
    }
    if (!failed)
        return status;
    fprintf(stderr, "aidcube: standard output: %s\n",
            out_errno ? strerror(out_errno) : "write error");
    return EXIT_FAILURE_INTERNAL;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return cmd_usage_error(NULL, "missing command");
    const char *c = argv[1];
    if (!strcmp(c, "-h") || !strcmp(c, "--help")) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (!strcmp(c, "-V") || !strcmp(c, "--version")) {
        puts("aidcube " AC_VERSION);
        return EXIT_OK;
    }
    if (!strcmp(c, "parse"))
        return cmd_parse(argc - 1, argv + 1);
    if (!strcmp(c, "extract"))
        return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(c, "check"))
        return cmd_check(argc - 1, argv + 1);
    if (!strcmp(c, "cube"))
        return cmd_cube(argc - 1, argv + 1);
    if (!strcmp(c, "load"))
        return cmd_load(argc - 1, argv + 1);
    if (!strcmp(c, "db"))
        return cmd_db(argc - 1, argv + 1);
    if (!strcmp(c, "cells"))
        return cmd_cells(argc - 1, argv + 1);
    if (!strcmp(c, "nightly"))
        return cmd_nightly(argc - 1, argv + 1);
    if (!strcmp(c, "build"))
        return cmd_build(argc - 1, argv + 1);
    return cmd_usage_error(NULL, "unknown command \"%s\"", c);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], READ_XLS_CHILD_ARG))
        return read_xls_child_main(argc, argv);     /* an .xls read for us */
    out_begin();
    return out_end(run(argc, argv));
}
