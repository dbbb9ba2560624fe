/*
 * failalloc.c — allocation-failure injection for tests/t_alloc_fail.sh (the
 * way SQLite tests its out-of-memory paths).
 *
 * Linked into build/san/aidcube-failalloc with -Wl,--wrap=malloc,... (see
 * FAILALLOC_WRAP in the Makefile): every allocation aidcube's own code asks
 * for (malloc, calloc, realloc, strdup, strndup, getline's first buffer,
 * realpath's result) comes here and is counted.  The libraries' allocations
 * inside them (libxlsxwriter, libzip, expat, PCRE2, libc's own) are not
 * wrapped and never fail.
 *
 *   AIDCUBE_FAIL_ALLOC=N          the N-th allocation fails (returns NULL,
 *                                 errno ENOMEM); the others succeed
 *   AIDCUBE_FAIL_ALLOC_PERSIST=1  every allocation from the N-th on fails
 *   AIDCUBE_FAIL_ALLOC_TRACE=1    print the stack of each failed allocation
 *                                 on stderr (the sanitizer's symbolizer)
 *   AIDCUBE_FAIL_ALLOC_COUNT=FILE at exit, write "ALLOCATIONS FAILED" to
 *                                 FILE: how many allocations were counted,
 *                                 and how many of them were made to fail
 *
 * Without AIDCUBE_FAIL_ALLOC nothing fails (N = 0): a run with only
 * AIDCUBE_FAIL_ALLOC_COUNT says how many allocations a run makes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
char *__real_realpath(const char *path, char *resolved);
ssize_t __real___getdelim(char **line, size_t *cap, int delim, FILE *f);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
char *__wrap_realpath(const char *path, char *resolved);
ssize_t __wrap___getdelim(char **line, size_t *cap, int delim, FILE *f);

/* the sanitizer runtime's (the binary is built with -fsanitize=address) */
void __sanitizer_print_stack_trace(void);

static int ready;
static unsigned long fail_at;      /* 0: never */
static int persist, trace;
static unsigned long count, failed;
static const char *count_file;

static void report(void)
{
    if (!count_file)
        return;
    FILE *f = fopen(count_file, "w");
    if (f) {
        fprintf(f, "%lu %lu\n", count, failed);
        fclose(f);
    }
}

static void setup(void)
{
    ready = 1;
    const char *e = getenv("AIDCUBE_FAIL_ALLOC");
    fail_at = e ? strtoul(e, NULL, 10) : 0;
    e = getenv("AIDCUBE_FAIL_ALLOC_PERSIST");
    persist = e && *e && strcmp(e, "0");
    e = getenv("AIDCUBE_FAIL_ALLOC_TRACE");
    trace = e && *e && strcmp(e, "0");
    count_file = getenv("AIDCUBE_FAIL_ALLOC_COUNT");
    if (count_file && *count_file)
        atexit(report);
    else
        count_file = NULL;
}

/* one more allocation: 1 when it is to fail */
static int fail_now(void)
{
    if (!ready)
        setup();
    count++;
    if (fail_at && (count == fail_at || (persist && count > fail_at))) {
        failed++;
        if (trace) {
            fprintf(stderr, "failalloc: allocation %lu fails here:\n", count);
            __sanitizer_print_stack_trace();
        }
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return fail_now() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    /* realloc(p, 0) frees: not an allocation that can fail */
    if (p && n == 0)
        return __real_realloc(p, n);
    return fail_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fail_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fail_now() ? NULL : __real_strndup(s, n);
}

char *__wrap_realpath(const char *path, char *resolved)
{
    if (!resolved && fail_now())
        return NULL;
    return __real_realpath(path, resolved);
}

/* getline(): the first call allocates the buffer (later growth is libc's) */
ssize_t __wrap___getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    if (!*line && fail_now())
        return -1;
    return __real___getdelim(line, cap, delim, f);
}
