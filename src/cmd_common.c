/* cmd_common.c — helpers shared by the subcommands (see cmd.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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


void cmd_run_opts_init(run_opts *o)
{
    run_opts_init(o);
    const char *ref = getenv("AIDCUBE_REF");
    if (ref && *ref)
        o->ref_dir = ref;
    /* per-document memory limit: for the nightly batch on a small machine,
     * and for the tests that exhaust memory on purpose */
    const char *lim = getenv("AIDCUBE_DOC_MEMORY");
    o->doc_memory = lim ? strtoull(lim, NULL, 10) : 0;
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
