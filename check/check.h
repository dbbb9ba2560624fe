/*
 * check.h — the reconciliation an analyst does by hand, done on the cube.
 *
 * Rules (each finding names its rule; each rule is a function of its own):
 *   sum        a stated total against the sum of its stated parts, for
 *              amounts and counts of projects: parts are the figures one
 *              level below the total on one dimension and equal on the
 *              others, from the total's own source (or, when that source
 *              states none, from another source that states exactly the
 *              total's coordinate); and the parts stated in the total's own
 *              sentence ("222 finalisés et 102 en cours" against 324), but
 *              not a number restating a percentage of it ("40 % sont des
 *              femmes, soit 2 400": a rest short of the total is then
 *              unverifiable)
 *   share      a stated percentage against part / total from amounts of the
 *              same scope and period: the share's own source, else another
 *              source stating exactly that coordinate (whose line is then
 *              named); tolerance from the source's own precision:
 *              "Environ 28%" ±1 point, "46,8%" ±0.05, an integer ±0.5; or
 *              --tolerance; only a share of money: one whose own clause
 *              names counted things (households, people, projects) and no
 *              money is not checked (word tables in check_text.c)
 *   shares100  the shares of one chart or list (one source, one group) add
 *              up to 100
 *   fund-rule  a fund's rules (QIP: at most 50,000 USD and 6 months per
 *              project); several projects stated together are checked on
 *              their average and are individually unverifiable, as is an
 *              amount whose sentence names projects in the plural with no
 *              count ("des QIP ... pour 400 000 USD")
 *   date       an impossible date in a source
 *   agree      figures at the same coordinate, measure, unit and period
 *              from different sources: one finding per coordinate, listing
 *              every source's line (ok when they agree); each source's
 *              figure as the cube takes it: the one stated as a total, else
 *              the largest
 *   impossible a negative amount or count, a share above 100 %, a stated
 *              total smaller than its parts (CELL_CONFLICT: only when the
 *              parts of one source stating the total, along one dimension,
 *              exceed it; parts from other sources alone give no finding,
 *              the cube still flags the cell), derived shares exceeding
 *              their total (CELL_PARTS_EXCEED): a mismatch against the
 *              rule, never summed
 * Verdicts: ok, mismatch, unverifiable, invalid.
 *
 * Cost: facts are grouped by sorting (parts by their parent coordinate,
 * shares by chart, figures by coordinate), never compared pair by pair:
 * O(F log F) for F facts.
 *
 * Order: findings are sorted by rule (in the order above), then the first
 * line's document, then its line, then the order they were found.
 *
 * Values are exact: stated, computed and diff are integers at `scale`
 * decimal places (2 for USD cents, 0 for counts, at least 2 for shares).
 *
 * Memory: findings' strings are owned by the caller's arena; the array
 * fl->v by the caller (free()).
 */
#ifndef AC_CHECK_H
#define AC_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "../cube/cube.h"

typedef enum { VERDICT_OK, VERDICT_MISMATCH, VERDICT_UNVERIFIABLE, VERDICT_INVALID } check_verdict;

typedef struct {
    check_verdict verdict;
    const char *rule;        /* sum, share, shares100, fund-rule, date, total-row,
                                agree, impossible                          */
    const char *what;        /* "QIP CAF 2017/2018: total of projects ..." */
    int64_t stated, computed, diff;   /* exact, at `scale` decimals        */
    int scale;
    int has_stated, has_computed;
    const char *unit;        /* "USD", "projects", "%", "months", ""       */
    const char *lines;       /* every source line involved: "doc:line ..." */
    const char *doc;         /* the first line's document and line (order) */
    long line;
} finding;

typedef struct {
    finding *v;
    size_t n, cap;
} finding_list;

typedef struct {
    double tolerance;        /* percentage points; <0: from the source     */
} check_opts;

/* An invalid date seen while reading a source (kept for the Checks sheet). */
ac_error check_add_invalid_date(finding_list *fl, arena *a, const char *doc,
                                long line, const char *text);

/* Append the findings of cube c to out (after any already there, e.g.
 * dates), then sort the whole list (see Order above). */
ac_error check_run(const cube *c, const check_opts *o, arena *a, finding_list *out);

const char *check_verdict_name(check_verdict v);
size_t check_count(const finding_list *fl, check_verdict v);

/* v at `scale` decimals as text: "1234.50", "-3", "46.8", "-0.05".
 * Returns buf (size >= 24 holds every value). */
const char *check_format_value(int64_t v, int scale, char *buf, size_t size);

#endif
