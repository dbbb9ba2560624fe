/* diag.c — diagnostics sink (see diag.h). */
#include "diag.h"

#include <stdarg.h>

static diag_sink cur_sink;
static void *cur_ctx;
static int quiet;
static unsigned long n_warn, n_err;

void diag_set_sink(diag_sink sink, void *ctx)
{
    cur_sink = sink;
    cur_ctx = ctx;
}

void diag_set_quiet(int q) { quiet = q; }

static void emit(diag_level level, const char *file, long line,
                 const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (level == DIAG_WARNING)
        n_warn++;
    else
        n_err++;
    if (cur_sink) {
        cur_sink(level, file, line, msg, cur_ctx);
        return;
    }
    if (level == DIAG_WARNING && quiet)
        return;
    if (file && line > 0)
        fprintf(stderr, "aidcube: %s:%ld: %s\n", file, line, msg);
    else if (file)
        fprintf(stderr, "aidcube: %s: %s\n", file, msg);
    else
        fprintf(stderr, "aidcube: %s\n", msg);
}

void diag_warn(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(DIAG_WARNING, file, line, fmt, ap);
    va_end(ap);
}

void diag_error(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(DIAG_ERROR, file, line, fmt, ap);
    va_end(ap);
}

unsigned long diag_warning_count(void) { return n_warn; }
unsigned long diag_error_count(void) { return n_err; }
void diag_reset_counts(void) { n_warn = n_err = 0; }
