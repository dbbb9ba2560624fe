/*
 * progress.h — the progress line of a long command: how many sources are
 * done of how many, at what rate, and about how long is left, on one line
 * that is rewritten in place:
 *
 *     aidcube: 12/40 sources, 3.1 sources/s, about 10 s left
 *
 * The rate and the time left appear once enough is known
 * (PROGRESS_ESTIMATE_MIN_DONE sources and PROGRESS_ESTIMATE_MIN_SECONDS);
 * the time left is not shown once every source is done.  Each update
 * rewrites the line ("\r", the line, spaces over what is left of a longer
 * one), at most once every PROGRESS_INTERVAL seconds, except the last count
 * (done == total), always shown; progress_clear() and progress_finish()
 * blank it ("\r", spaces, "\r") so that the next output starts on a clean
 * line.  Nothing ends with a newline: the line never stays on the screen.
 *
 * Who decides: the command (src/), which owns the object (on its stack).
 * It passes the stream (stderr) only when that is a terminal and the user
 * did not ask for --quiet; with out NULL every function does nothing, so
 * the library may call them unconditionally and a pipe or a log file gets
 * not a byte more.  The library never looks at the terminal: it receives
 * the object borrowed (pipeline_run_opts.progress) and tells it the count.
 * A diag (diag.h) given the object clears the line before it writes a
 * message, so a warning never lands at the end of the progress line.
 *
 * For a command driving its own loop over sources (nightly):
 *
 *     progress pg;
 *     cmd_progress_init(&pg, &dg, quiet, 0);    (src/cmd.h: on or off)
 *     progress_total(&pg, n_sources);
 *     for each source: ...; progress_step(&pg);
 *     progress_finish(&pg);                      (before the report)
 *     dg.progress = NULL;
 *
 * and no progress in the pipeline_run_opts of the runs it makes for one
 * source each (pipeline_run_begin would set the total to that run's files).
 *
 * No global state, no allocation: the object holds everything.
 */
#ifndef AC_PROGRESS_H
#define AC_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

/* At most four updates a second: often enough to look alive, seldom
 * enough that a slow terminal (ssh, a serial console) costs nothing and
 * a person can read the numbers before they change. */
#define PROGRESS_INTERVAL 0.25

/* The rate and the time left need this many sources done and this many
 * seconds gone: the first source pays for the start (reference data, the
 * scanner's first use), and one or two sources, or a fraction of a
 * second, give a rate that jumps by a factor of ten from one update to
 * the next. */
#define PROGRESS_ESTIMATE_MIN_DONE 3
#define PROGRESS_ESTIMATE_MIN_SECONDS 2.0

/* Above this many seconds left the estimate is said in minutes ("about 4
 * min left"): a count of seconds that large reads slowly and is not that
 * precise anyway. */
#define PROGRESS_MINUTES_FROM 120

typedef struct progress {
    FILE *out;          /* NULL: off (not a terminal, --quiet, finished) */
    size_t done, total;
    double start;       /* monotonic seconds at progress_init            */
    double last;        /* when the line was last drawn                  */
    size_t shown;       /* bytes of the line on screen, 0: none          */
} progress;

/* Start counting (done 0) towards total; out NULL: off. */
void progress_init(progress *p, FILE *out, size_t total);
/* The total, when it is known only after progress_init. */
void progress_total(progress *p, size_t total);
/* done sources of the total are done: the line is redrawn when
 * PROGRESS_INTERVAL has passed since it last was, or when done == total. */
void progress_set(progress *p, size_t done);
/* One more source done (progress_set(p, p->done + 1)). */
void progress_step(progress *p);
/* Blank the line if it is shown (before other output on the same
 * terminal); the next update draws it again. */
void progress_clear(progress *p);
/* Blank the line and stop: later calls do nothing. */
void progress_finish(progress *p);

/* The line for done of total after seconds (no "\r"), into buf (always
 * NUL-terminated when cap > 0); its length. */
size_t progress_format(char *buf, size_t cap, size_t done, size_t total, double seconds);

#endif
