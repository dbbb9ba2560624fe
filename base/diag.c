/* diag.c — caller-owned diagnostics (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

void diag_init(diag *d)
{
    if (d)
        *d = (diag){.sink = NULL, .ctx = NULL, .quiet = 0, .code = AC_OK};
}

static void emit(diag *d, diag_level level, const char *file, long line,
                 const char *fmt, va_list ap)
{
    if (!d)
        return;
    if (level == DIAG_WARNING)
        d->n_warnings++;
    else
        d->n_errors++;
    if (level == DIAG_WARNING && d->quiet)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (d->sink) {
        d->sink(level, file, line, msg, d->ctx);
        return;
    }
    if (file && line > 0)
        fprintf(stderr, "aidcube: %s:%ld: %s\n", file, line, msg);
    else if (file)
        fprintf(stderr, "aidcube: %s: %s\n", file, msg);
    else
        fprintf(stderr, "aidcube: %s\n", msg);
}

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, DIAG_WARNING, file, line, fmt, ap);
    va_end(ap);
}

void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, DIAG_ERROR, file, line, fmt, ap);
    va_end(ap);
}

ac_error diag_fail(diag *d, ac_error code, const char *file, long line,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, DIAG_ERROR, file, line, fmt, ap);
    va_end(ap);
    if (d && d->code == AC_OK)
        d->code = code;
    return code;
}
