/* progress.c — the progress line of a long command (see progress.h). */
#include "progress.h"

#include <string.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progress_init(progress *p, FILE *out, size_t total)
{
    double t = out ? now_seconds() : 0;
    *p = (progress){.out = out, .total = total, .start = t, .last = t};
}

void progress_total(progress *p, size_t total)
{
    if (p)
        p->total = total;
}

/* Enough is known for a rate and a time left (progress.h). */
static int estimate_known(size_t done, double seconds)
{
    return done >= PROGRESS_ESTIMATE_MIN_DONE && seconds >= PROGRESS_ESTIMATE_MIN_SECONDS;
}

/* ", about N s left" or ", about N min left" for seconds left (rounded,
 * at least 1: "about 0 s left" while a source is left would be wrong). */
static int format_left(char *buf, size_t cap, double left)
{
    long s = (long)(left + 0.5);
    if (s < 1)
        s = 1;
    if (s >= PROGRESS_MINUTES_FROM)
        return snprintf(buf, cap, ", about %ld min left", (s + 30) / 60);
    return snprintf(buf, cap, ", about %ld s left", s);
}

size_t progress_format(char *buf, size_t cap, size_t done, size_t total, double seconds)
{
    if (cap == 0)
        return 0;
    int n = snprintf(buf, cap, "aidcube: %zu/%zu sources", done, total);
    if (n >= 0 && (size_t)n < cap && estimate_known(done, seconds)) {
        double rate = (double)done / seconds;
        /* a tenth matters below ten a second, not above */
        int k = snprintf(buf + n, cap - (size_t)n, rate < 10 ? ", %.1f sources/s" : ", %.0f sources/s",
                         rate);
        n = k < 0 ? k : n + k;
        if (n >= 0 && (size_t)n < cap && done < total)
            n += format_left(buf + n, cap - (size_t)n, (double)(total - done) / rate);
    }
    if (n < 0)
        buf[0] = '\0';
    size_t len = n < 0 ? 0 : (size_t)n;
    return len < cap ? len : cap - 1;
}

/* Spaces over the last len bytes written, then back to the start. */
static void blank(FILE *out, size_t len)
{
    for (size_t i = 0; i < len; i++)
        fputc(' ', out);
    fputc('\r', out);
}

static void draw(progress *p, double t)
{
    char line[160];
    size_t len = progress_format(line, sizeof line, p->done, p->total, t - p->start);
    fputc('\r', p->out);
    fwrite(line, 1, len, p->out);
    if (len < p->shown) {       /* the end of a longer line is still there */
        for (size_t i = len; i < p->shown; i++)
            fputc(' ', p->out);
        fputc('\r', p->out);
        fwrite(line, 1, len, p->out);
    }
    fflush(p->out);
    p->shown = len;
    p->last = t;
}

void progress_set(progress *p, size_t done)
{
    if (!p || !p->out || p->total == 0)
        return;
    if (done == p->done && p->shown)
        return;
    p->done = done;
    double t = now_seconds();
    if (t - p->last >= PROGRESS_INTERVAL || done == p->total)
        draw(p, t);
}

void progress_step(progress *p)
{
    if (p)
        progress_set(p, p->done + 1);
}

void progress_clear(progress *p)
{
    if (!p || !p->out || !p->shown)
        return;
    fputc('\r', p->out);
    blank(p->out, p->shown);
    fflush(p->out);
    p->shown = 0;
}

void progress_finish(progress *p)
{
    if (!p)
        return;
    progress_clear(p);
    p->out = NULL;
}
