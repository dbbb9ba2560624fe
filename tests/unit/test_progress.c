/*
 * test_progress.c — base/progress.c: the line's arithmetic (rate, time
 * left, when they appear) from a table of done/total/seconds, and the
 * bytes the object writes (drawn, blanked, nothing when off or finished,
 * blanked by a diag before its message).
 */
#include <stdlib.h>

#include "../../base/diag.h"
#include "../../base/progress.h"
#include "unit.h"

typedef struct {
    size_t done, total;
    double seconds;
    const char *want;
} line_case;

static const line_case lines[] = {
    /* nothing estimated before 3 sources and 2 seconds */
    {0, 40, 0, "aidcube: 0/40 sources"},
    {2, 40, 30, "aidcube: 2/40 sources"},
    {30, 40, 1.9, "aidcube: 30/40 sources"},
    /* then the rate (a tenth below 10/s) and the time left, rounded */
    {3, 40, 2, "aidcube: 3/40 sources, 1.5 sources/s, about 25 s left"},
    {12, 40, 4, "aidcube: 12/40 sources, 3.0 sources/s, about 9 s left"},
    {10, 40, 3, "aidcube: 10/40 sources, 3.3 sources/s, about 9 s left"},
    {100, 1000, 2.5, "aidcube: 100/1000 sources, 40 sources/s, about 23 s left"},
    {38, 40, 20, "aidcube: 38/40 sources, 1.9 sources/s, about 1 s left"},
    /* a fraction of a second left is said as 1 s, never 0 */
    {399, 400, 2, "aidcube: 399/400 sources, 200 sources/s, about 1 s left"},
    /* 119 s in seconds, from 120 s in minutes (rounded) */
    {10, 129, 10, "aidcube: 10/129 sources, 1.0 sources/s, about 119 s left"},
    {10, 130, 10, "aidcube: 10/130 sources, 1.0 sources/s, about 2 min left"},
    {10, 1000, 20, "aidcube: 10/1000 sources, 0.5 sources/s, about 33 min left"},
    /* all done: the rate, no time left */
    {40, 40, 8, "aidcube: 40/40 sources, 5.0 sources/s"},
    {40, 40, 1, "aidcube: 40/40 sources"},
};

/* The bytes written to a memory stream since the last call. */
static const char *written(FILE *f, char **buf, size_t *len, size_t *from)
{
    fflush(f);
    const char *s = *buf + *from;
    *from = *len;
    (void)buf;
    return s;
}

static void sink(diag_level level, const char *file, long line, const char *msg, void *ctx)
{
    (void)level, (void)file, (void)line;
    FILE *f = ctx;
    fprintf(f, "[%s]", msg);
}

static void object_cases(void)
{
    char *buf = NULL;
    size_t len = 0, from = 0;
    FILE *f = open_memstream(&buf, &len);
    progress p;
    progress_init(&p, f, 3);
    progress_set(&p, 1);     /* well within PROGRESS_INTERVAL: not drawn */
    CHECK_STR("not yet", "", written(f, &buf, &len, &from));
    progress_set(&p, 3);     /* the last count is always drawn */
    CHECK_STR("last count", "\raidcube: 3/3 sources", written(f, &buf, &len, &from));
    progress_set(&p, 3);     /* on screen already */
    CHECK_STR("same count", "", written(f, &buf, &len, &from));
    diag d;
    diag_init(&d);
    d.sink = sink;
    d.ctx = f;
    d.progress = &p;
    diag_warn(&d, "a.txt", 1, "a warning");
    CHECK_STR("blanked before a message",
              "\r                    \r[a warning]", written(f, &buf, &len, &from));
    diag_warn(&d, "a.txt", 2, "another");
    CHECK_STR("blank once", "[another]", written(f, &buf, &len, &from));
    progress_set(&p, 3);     /* drawn again after the message */
    CHECK_STR("again", "\raidcube: 3/3 sources", written(f, &buf, &len, &from));
    progress_finish(&p);
    CHECK_STR("finish blanks", "\r                    \r", written(f, &buf, &len, &from));
    progress_set(&p, 3);
    progress_step(&p);
    progress_clear(&p);
    progress_finish(&p);
    CHECK_STR("nothing after finish", "", written(f, &buf, &len, &from));
    /* a shorter line over a longer one: its end blanked, the line again */
    progress_init(&p, f, 20);
    progress_set(&p, 20);
    written(f, &buf, &len, &from);
    progress_total(&p, 3);
    progress_set(&p, 3);
    CHECK_STR("shorter over longer", "\raidcube: 3/3 sources  \raidcube: 3/3 sources",
              written(f, &buf, &len, &from));
    /* off (out NULL), a total of 0, a NULL object: nothing */
    progress_init(&p, NULL, 3);
    progress_set(&p, 3);
    progress_finish(&p);
    progress_init(&p, f, 0);
    progress_set(&p, 0);
    progress_step(NULL);
    progress_set(NULL, 1);
    progress_total(NULL, 1);
    progress_clear(NULL);
    progress_finish(NULL);
    CHECK_STR("off", "", written(f, &buf, &len, &from));
    fclose(f);
    free(buf);
}

int main(void)
{
    char buf[160];
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        const line_case *c = &lines[i];
        size_t n = progress_format(buf, sizeof buf, c->done, c->total, c->seconds);
        CHECK_STR(c->want, c->want, buf);
        CHECK_INT(c->want, (long long)strlen(c->want), (long long)n);
    }
    char small[12];
    CHECK_INT("truncated", 11, (long long)progress_format(small, sizeof small, 3, 40, 2));
    CHECK_STR("truncated", "aidcube: 3/", small);
    object_cases();
    return unit_done("test_progress");
}
