/* cmd_common.c — helpers shared by the subcommands (see cmd.h). */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("aidcube: ", stderr);
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "Try 'aidcube %s%s--help' for more information.\n",
            cmd ? cmd : "", cmd ? " " : "");
    return EXIT_USAGE;
}


void cmd_progress_init(progress *p, diag *d, int quiet, int streaming)
{
    int on = !quiet && isatty(STDERR_FILENO) && !(streaming && isatty(STDOUT_FILENO));
    progress_init(p, on ? stderr : NULL, 0);
    if (d)
        d->progress = p;
}

/* The test checkpoint: at the point AIDCUBE_TEST_PAUSE_AT names, say
 * "POINT PID" on a line of AIDCUBE_TEST_PAUSE_FILE (appended: a child
 * `load` shares it), then wait to be killed. */
static void pause_at(const char *point)
{
    const char *at = getenv("AIDCUBE_TEST_PAUSE_AT"), *file = getenv("AIDCUBE_TEST_PAUSE_FILE");
    if (!at || strcmp(at, point) != 0 || !file)
        return;
    FILE *f = fopen(file, "a");
    if (f) {
        fprintf(f, "%s %ld\n", point, (long)getpid());
        fclose(f);
    }
    for (;;)
        pause();
}

void cmd_checkpoint_init(diag *d)
{
    if (getenv("AIDCUBE_TEST") && getenv("AIDCUBE_TEST_PAUSE_AT"))
        d->checkpoint = pause_at;
}

const char *cmd_env_dir(const char *name, const char *alias)
{
    const char *v = getenv(name);
    if (!v || !*v)
        v = getenv(alias);
    return v && *v ? v : NULL;
}

int cmd_parse_tolerance(const char *s, double *v)
{
    /* digits with at most one '.': no sign, hex, inf or nan */
    int dots = 0, digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '.')
            dots++;
        else if (*p >= '0' && *p <= '9')
            digits++;
        else
            return -1;
    }
    if (!digits || dots > 1)
        return -1;
    char *end;
    double x = strtod(s, &end);
    if (*end || x > 100)
        return -1;
    *v = x;
    return 0;
}

/* Sources read at once by default: one a processor, at most this many
 * (past it a run waits on its disk, and each worker holds a document in
 * memory). */
#define CMD_DEFAULT_MAX_JOBS 8

static int cmd_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > CMD_DEFAULT_MAX_JOBS ? CMD_DEFAULT_MAX_JOBS : (int)n;
}

void cmd_run_opts_init(pipeline_run_opts *o)
{
    pipeline_run_opts_init(o);
    o->ref_dir = cmd_env_dir("AIDCUBE_REFDIR", "AIDCUBE_REF");
    /* per-document memory limit: for the nightly batch on a small machine,
     * and for the tests that exhaust memory on purpose */
    const char *lim = getenv("AIDCUBE_DOC_MEMORY");
    o->doc_memory = lim ? strtoull(lim, NULL, 10) : 0;
    o->xls_program = CMD_SELF;
    const char *jobs = getenv("AIDCUBE_JOBS");
    if (!jobs || run_opts_parse(o, OPT_JOBS, jobs) != 0)
        o->jobs = cmd_default_jobs();
}

long long cmd_created_time(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v > 0)
            return v;
    }
    return getenv("AIDCUBE_TEST") ? 1498780800LL /* 2017-06-30T00:00:00Z */
                                  : (long long)time(NULL);
}

/* ---- the run options every reading command takes (pipeline/pipeline_run.h) ---- */

int run_opts_parse(pipeline_run_opts *o, int opt, const char *arg)
{
    switch (opt) {
    case 'l':
        if (!strcmp(arg, "fr")) o->lang = SCAN_LANG_FR;
        else if (!strcmp(arg, "en")) o->lang = SCAN_LANG_EN;
        else if (!strcmp(arg, "auto")) o->lang = -1;
        else
            return -1;
        return 0;
    case 'r':
        o->ref_dir = arg;
        return 0;
    case 'm': {
        char *end;
        if (*arg < '0' || *arg > '9')
            return -1;
        unsigned long long v = strtoull(arg, &end, 10);
        if (*end || v == 0)
            return -1;
        o->max_size = (size_t)v;
        return 0;
    }
    case 'q':
        o->quiet = 1;
        return 0;
    case OPT_MAP:
        o->map_file = arg;
        return 0;
    case OPT_SHEET:
        if (!*arg)
            return -1;
        o->sheet.only_sheet = arg;
        return 0;
    case OPT_JOBS: {
        char *end;
        if (*arg < '1' || *arg > '9')
            return -1;
        unsigned long v = strtoul(arg, &end, 10);
        if (*end || v > PIPELINE_MAX_JOBS)
            return -1;
        o->jobs = (int)v;
        return 0;
    }
    case OPT_MAX_REJECTS: {
        char *end;
        if (*arg < '0' || *arg > '9')
            return -1;
        unsigned long v = strtoul(arg, &end, 10);
        o->max_rejects_pct = *end == '%';
        if ((*end && strcmp(end, "%")) || v > (o->max_rejects_pct ? 100ul : 1000000000ul))
            return -1;
        o->max_rejects = (long)v;
        return 0;
    }
    }
    return -1;
}

int run_opts_error(const char *cmd, int opt, char *const *argv)
{
    const char *word = optind > 0 ? argv[optind - 1] : "";
    if (opt == '?') {
        if (optopt && strchr("flrmtoskq", optopt) && word[0] == '-')
            return cmd_usage_error(cmd, "option \"%s\" needs a value", word);
        /* an unknown short option, alone or in a cluster ("-xyz": getopt
         * has not moved optind past it yet): the letter itself */
        if (optopt > 0 && optopt < 0x7f)
            return cmd_usage_error(cmd, "invalid option \"-%c\"", optopt);
        return cmd_usage_error(cmd, "invalid option \"%s\"", word);
    }
    if (opt == ':')
        return cmd_usage_error(cmd, "option \"%s\" needs a value", word);
    /* "--max-size -1" (two words) or "--max-size=-1" (one) */
    const char *name = optind >= 2 && argv[optind - 1] == optarg ? argv[optind - 2] : word;
    int len = (int)strcspn(name, "=");
    return cmd_usage_error(cmd, "invalid value \"%s\" for option \"%.*s\"", optarg ? optarg : "",
                           len, name);
}

