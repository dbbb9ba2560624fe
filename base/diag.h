/*
 * diag.h — the single place where aidcube talks to the user about problems.
 *
 * Library code never prints: it calls diag_warn()/diag_error(), which format
 * a message in the GNU form
 *
 *     aidcube: FILE:LINE: message
 *
 * (or "aidcube: FILE: message" when line is 0, "aidcube: message" when file
 * is NULL) and hand it to the sink.  The default sink writes to stderr; tests
 * and the workbook's Checks sheet may install another sink to collect the
 * messages.  Counters let a command decide its exit status.
 *
 * Messages are lowercase, without a final period, values in double quotes.
 */
#ifndef AC_DIAG_H
#define AC_DIAG_H

#include <stdio.h>

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_level;

/* A sink receives the fully formatted line (without newline). */
typedef void (*diag_sink)(diag_level level, const char *file, long line,
                          const char *message, void *ctx);

void diag_set_sink(diag_sink sink, void *ctx);   /* NULL restores stderr */
void diag_set_quiet(int quiet);                  /* 1: drop warnings */

void diag_warn(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_error(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

unsigned long diag_warning_count(void);
unsigned long diag_error_count(void);
void diag_reset_counts(void);

#endif
