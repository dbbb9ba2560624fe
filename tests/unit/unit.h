/*
 * unit.h — a minimal table-driven unit test harness.
 *
 * Each test binary calls CHECK_STR / CHECK_INT for every case and returns
 * unit_done(), which prints a summary and exits non-zero on any failure.
 * A failure prints the case, the expected and the actual value.
 */
#ifndef AC_UNIT_H
#define AC_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed, unit_total;

#define CHECK_STR(name, expect, actual)                                        \
    do {                                                                       \
        const char *e_ = (expect), *a_ = (actual);                             \
        unit_total++;                                                          \
        if (strcmp(e_ ? e_ : "(null)", a_ ? a_ : "(null)") != 0) {             \
            unit_failed++;                                                     \
            fprintf(stderr, "FAIL %s:%d: %s\n  expected: [%s]\n  actual:   [%s]\n", \
                    __FILE__, __LINE__, (name), e_ ? e_ : "(null)",            \
                    a_ ? a_ : "(null)");                                       \
        }                                                                      \
    } while (0)

#define CHECK_INT(name, expect, actual)                                        \
    do {                                                                       \
        long long e_ = (expect), a_ = (actual);                                \
        unit_total++;                                                          \
        if (e_ != a_) {                                                        \
            unit_failed++;                                                     \
            fprintf(stderr, "FAIL %s:%d: %s\n  expected: %lld\n  actual:   %lld\n", \
                    __FILE__, __LINE__, (name), e_, a_);                       \
        }                                                                      \
    } while (0)

static inline int unit_done(const char *suite)
{
    printf("%s: %d/%d passed\n", suite, unit_total - unit_failed, unit_total);
    return unit_failed ? 1 : 0;
}

#endif
