/*
 * check.h — the reconciliation an analyst does by hand, done on the cube.
 *
 * Rules (each finding names its rule; each rule is a function of its own).
 * A sum or share compares only figures of one fund, one money kind
 * (check_same_kind, check_int.h) and one scope, stated as parts of that
 * total: an enumeration in one sentence, a table, chart or list and its
 * total row.  Figures that are only near each other (a table with no total
 * row of its own beside a total stated elsewhere, figures of separate
 * sentences, the figures of other funds beside a figure of no fund) are
 * taken for parts only when they add up to the total: then ok, else no
 * finding (they may be some of it only).  Another source's figures are
 * never parts of a source's total.
 *   sum        a stated total against the sum of its stated parts, for
 *              amounts and counts of projects: parts one level below the
 *              total on one dimension and equal on the others, from the
 *              total's own source and period (a total with no period
 *              against dated parts only stated apart); and the counts a
 *              sentence enumerates: the parts the attribution marked, or
 *              those after a count the words before it make the whole
 *              ("Sur les 90 projets, 30 sont achevés, 36 en cours et 23
 *              autres": 89 against 90; a mismatch only when the parts
 *              claim to be all of it: a rest, "23 autres", "the other 12",
 *              or the total closing them, "soit 37 au total"), but not a
 *              number restating a percentage of it ("40 % sont des
 *              femmes, soit 2 400": a rest short of the total is then
 *              unverifiable)
 *   per-unit   a count per unit ("7 projets par province", "5 projects in
 *              each of the three states") times the units the sentence
 *              states ("les deux provinces"; else the regions it names)
 *              against the larger count of its sentence (same fund, sector
 *              and period)
 *   share      a stated percentage against part / total from amounts of the
 *              same scope and period, both of the share's own source (the
 *              total stated there, else the sum of its parts there);
 *              tolerance from the source's own precision:
 *              "Environ 28%" ±1 point, "46,8%" ±0.05, an integer ±0.5; or
 *              --tolerance; only a share of money: one whose own clause
 *              names counted things (households, people, projects) and no
 *              money is not checked (word tables in check_text.c)
 *   shares100  the shares of one chart or list (one source, one group) add
 *              up to 100
 *   headline   a figure of a text's first sentence (its title, with the
 *              lead when they run together) against the body's figures at
 *              exactly its coordinate, measure and kind: ok when one
 *              agrees, else a mismatch against the one the cube takes
 *   fund-rule  a fund's rules (QIP: at most 50,000 USD and 6 months per
 *              project): the cap is compared with one project's figure (a
 *              row of a list, a figure of one project, an amount whose
 *              sentence names one thing it pays for: "un forage de 60 000
 *              USD"); several projects stated together are checked on their
 *              average and are individually unverifiable; an amount within
 *              the cap is within it for each project it pays for; one over
 *              it that is not known to be one project is unverifiable
 *   rate       the exchange rates a source implies by restating amounts in
 *              another currency ("EUR 4 million (USD 4.5 million)"): for
 *              one pair, one rate within the restatements' rounding
 *   peg        a restatement of a pegged pair (XOF, XAF and EUR at 655.957)
 *              against the fixed parity, within the restatement's rounding
 *   date       an impossible date in a source
 *   agree      figures at the same coordinate, measure, unit and period
 *              from different sources: one finding per coordinate, listing
 *              every source's line (ok when they agree); each source's
 *              figure as the cube takes it: the one stated as a total, else
 *              the largest; figures that state no period are not known to
 *              speak of one time: different, they are unverifiable
 *   impossible a negative amount or count, a share above 100 %, a stated
 *              total smaller than figures under it (CELL_CONFLICT: only
 *              when figures of one source stating the total, along one
 *              dimension, exceed it; stated with it, they are the sum
 *              rule's mismatch; stated apart, not known to be its parts:
 *              unverifiable, the cube shows their sum), derived shares
 *              exceeding their total (CELL_PARTS_EXCEED): a mismatch
 *              against the rule, never summed
 *   total-row  a spreadsheet's total row against the rows of its currency
 *              above it
 * Where: every finding lists each figure it compares as doc:line:span, the
 * span as extract's span column gives it (the byte span in the decoded
 * text; a spreadsheet's cell, Sheet!E14): in a text of one line the line
 * alone would not find it.
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
    const char *rule;        /* sum, per-unit, share, shares100, headline,
                                fund-rule, rate, peg, date, agree,
                                impossible, total-row                      */
    const char *what;        /* "QIP CAF 2017/2018: total of projects ..." */
    int64_t stated, computed, diff;   /* exact, at `scale` decimals        */
    int scale;
    int has_stated, has_computed;
    const char *unit;        /* "USD", "projects", "%", "months", ""       */
    const char *lines;       /* every figure involved: "doc:line:span ..." */
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
