/* cmd_common.c — helpers shared by the subcommands (see cmd.h). */
#include <stdarg.h>
#include <stdio.h>

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

