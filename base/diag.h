/*
 * diag.h — the single place where aidcube talks to the user about problems.
 *
 * Library code never prints: it calls diag_warn()/diag_error()/diag_fail()
 * on a `diag` object that its caller owns, which formats a message in the
 * GNU form
 *
 *     aidcube: FILE:LINE: message
 *
 * (or "aidcube: FILE: message" when line is 0 or less, "aidcube: message"
 * when file is NULL) and hands it to the object's sink.  With no sink the
 * line goes to stderr; tests and the workbook's Checks sheet may set another
 * sink to collect the messages.
 *
 * There is no process-global state: each command owns one `diag` (on its
 * stack) and passes it down, explicitly or inside the context struct a
 * function already receives.  The counters and the first error code let the
 * command decide its exit status.  A NULL `diag *` is accepted everywhere and
 * drops the messages (fuzz harnesses use that).
 *
 * Messages are lowercase, without a final period, values in double quotes.
 */
#ifndef AC_DIAG_H
#define AC_DIAG_H

#include "error.h"

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_level;

/* A sink receives the formatted message (without prefix or newline). */
typedef void (*diag_sink)(diag_level level, const char *file, long line,
                          const char *message, void *ctx);

typedef struct diag {
    diag_sink sink;   /* NULL: write "aidcube: FILE:LINE: msg" lines to stderr */
    void *ctx;
    int quiet;        /* 1: warnings are counted but not written */
    unsigned long n_warnings, n_errors;
    ac_error code;    /* first code given to diag_fail, AC_OK if none */
} diag;

/* stderr sink, counts 0, code AC_OK */
void diag_init(diag *d);

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* report an error and record code (first one kept); returns code */
ac_error diag_fail(diag *d, ac_error code, const char *file, long line,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
