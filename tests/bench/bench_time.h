/*
 * bench_time.h — clocks and medians for the bench tools (bench_cube.c,
 * bench_text.c): header-only, each tool is one file.
 */
#ifndef AC_BENCH_TIME_H
#define AC_BENCH_TIME_H

#include <stdlib.h>
#include <time.h>

/* Seconds on clock id: CLOCK_MONOTONIC (wall), CLOCK_PROCESS_CPUTIME_ID
 * (the process's CPU, user + system). */
static inline double bench_clock(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static inline double bench_wall(void)
{
    return bench_clock(CLOCK_MONOTONIC);
}

static inline double bench_cpu(void)
{
    return bench_clock(CLOCK_PROCESS_CPUTIME_ID);
}

static inline int bench_cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The median of v[0..n), n > 0 (v is sorted in place). */
static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
