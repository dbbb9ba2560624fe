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
 *
 * Nothing from outside (a file name, a phrase quoted from a source) reaches
 * the terminal raw: the stderr writer escapes the file name and the message
 * with diag_escape() below, so that a file named "a.txt\naidcube: fake"
 * cannot print a second, forged "aidcube:" line, and an ESC sequence in a
 * name or a source is shown, never obeyed.  A sink receives them unescaped.
 *
 * The one escaping of aidcube's text outputs (TSV fields, diagnostics):
 *     \\  a backslash        \t  a tab      \n  a line feed     \r  a CR
 *     \xHH the byte HH (two uppercase hex digits), for every other C0
 *          control (0x00-0x1F), DEL (0x7F), each byte of a C1 control
 *          (U+0080-U+009F, UTF-8 C2 80 - C2 9F) and every byte that is not
 *          part of a valid UTF-8 character
 * Everything else (valid UTF-8, including U+00A0) is written as it is, so
 * an escaped field is valid UTF-8, holds no tab, no line end and no
 * terminal control, and unescapes to the exact bytes.
 */
#ifndef AC_DIAG_H
#define AC_DIAG_H

#include <stdio.h>

#include "error.h"

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_level;

/* A sink receives the formatted message (without prefix or newline). */
typedef void (*diag_sink)(diag_level level, const char *file, long line,
                          const char *message, void *ctx);

struct progress;       /* progress.h */

typedef struct diag {
    diag_sink sink;   /* NULL: write "aidcube: FILE:LINE: msg" lines to stderr */
    void *ctx;
    struct progress *progress; /* borrowed, may be NULL: its line is cleared
                                  before a message is written (progress.h) */
    int quiet;        /* 1: warnings are counted but not written */
    unsigned long n_warnings, n_errors;
    ac_error code;    /* first code given to diag_fail, AC_OK if none */
    char sqlstate[6]; /* the SQLSTATE of the last database error, "" if none */
    /* tests only: called at each named point of a long job (diag_checkpoint),
     * where a test may stop the process (kill -9) to prove a restart safe;
     * NULL in normal use.  The command sets it (cmd_checkpoint_init). */
    void (*checkpoint)(const char *point);
} diag;

/* stderr sink, counts 0, code AC_OK */
void diag_init(diag *d);

/* A named point of a long job: "listing" (the inbox listed), "extract" (a
 * source read), "copy" (the first facts sent in the COPY), "commit" (the
 * batch written, before COMMIT), "archive" (a source linked into the
 * archive, not yet removed from the inbox), "export" (the workbooks written
 * to their temporary names, before they are renamed into place).  Calls
 * d->checkpoint when set (d may be NULL). */
void diag_checkpoint(const diag *d, const char *point);

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* report an error and record code (first one kept); returns code */
ac_error diag_fail(diag *d, ac_error code, const char *file, long line,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The stderr writer of a diag with no sink, for a sink that also wants the
 * line printed: "aidcube: FILE:LINE: message", escaped. */
void diag_write_stderr(diag_level level, const char *file, long line, const char *message);

/* Write s (NULL: nothing) to f with the escaping above. */
void diag_put_escaped(FILE *f, const char *s);

/* The same escaping into out (always NUL-terminated when cap > 0; an
 * escape that does not fit whole is dropped); returns the length written. */
size_t diag_escape(char *out, size_t cap, const char *s);

/* Write s as a JSON string (quotes included; NULL: null): ", \\ and the
 * controls (C0, DEL, C1) escaped as \" \\ \n \t \uXXXX, every byte
 * that is not part of a valid UTF-8 character as \ufffd: the output is
 * always valid UTF-8 and valid JSON. */
void diag_put_json(FILE *f, const char *s);

#endif
