/*
 * check.h — the reconciliation an analyst does by hand, done on the cube.
 *
 * Rules (each finding names its rule):
 *   sum       a stated total against the sum of its stated parts, for amounts
 *             and counts of projects, along each dimension where parts exist
 *   share     a stated percentage against part / total computed from amounts
 *             (tolerance from the source's own precision: "Environ 28%"
 *             ±1 point, "46,8%" ±0.05, an integer ±0.5; or --tolerance)
 *   shares100 the shares of one chart or list should add up to 100
 *   fund-rule a fund's rules (QIP: at most 50,000 USD and 6 months per
 *             project); several projects stated together are checked on
 *             their average and are individually unverifiable
 *   date      an impossible date in a source
 *   agree     the same figure stated differently by two sources
 * Verdicts: ok, mismatch, unverifiable, invalid.
 *
 * Memory: findings and their strings are owned by the caller's arena.
 */
#ifndef AC_CHECK_H
#define AC_CHECK_H

#include <stddef.h>

#include "cube.h"

typedef enum { VERDICT_OK, VERDICT_MISMATCH, VERDICT_UNVERIFIABLE, VERDICT_INVALID } check_verdict;

typedef struct {
    check_verdict verdict;
    const char *rule;        /* sum, share, shares100, fund-rule, date, agree */
    const char *what;        /* "QIP CAF 2017-2018: amounts of sectors"      */
    double stated, computed, diff;
    int has_stated, has_computed;
    const char *unit;        /* "USD", "projects", "%", ""                   */
    const char *lines;       /* every source line involved: "doc:line ..."   */
} finding;

typedef struct {
    finding *v;
    size_t n, cap;
} finding_list;

typedef struct {
    double tolerance;        /* percentage points; <0: from the source       */
} check_opts;

/* An invalid date seen while reading a source (kept for the Checks sheet). */
ac_error check_add_invalid_date(finding_list *fl, arena *a, const char *doc,
                                long line, const char *text);

ac_error check_run(const cube *c, const check_opts *o, arena *a, finding_list *out);

const char *check_verdict_name(check_verdict v);
size_t check_count(const finding_list *fl, check_verdict v);

#endif
