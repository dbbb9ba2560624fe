/*
 * scan_date.c — the dates and periods of the scanner (see scan.c).
 *
 * Purpose.  Find calendar dates ("Au 30 juin 2017", "14.04.2015", "le 13
 * juin", "janvier 2015"), fiscal years and spans ("2017/2018", "2017-18",
 * "2013-2017", "Mai 2013 - Avril 2015", "de 2010 à 2018", "depuis 2013") and
 * day ranges ("13-15 juillet", "du 10 juin au 1er juillet").
 *
 * Data flow.  scan_dates() runs every RX_D_* pattern over the whole text and
 * collects candidates; overlapping candidates are resolved leftmost-longest;
 * then neighbouring dates joined by a connector ("-", "au", "à", "et") are
 * folded into PERIOD_SPAN items, and a day number standing before a full
 * date ("13-" in "13-15 juillet") or after a month-day ("Novembre 19-20")
 * opens or closes a span.  The chosen items go into the scanner's work
 * vector, where they claim their bytes before numbers are classified.
 *
 * Invariants.  A date is never made valid by guessing: "30 février 2017" and
 * "31/04/2016" are returned with invalid = 1.  A month above 12 in a
 * numeric date swaps day and month only when the other field fits
 * ("02/22/2016").  Two-digit years pivot at 50 (74 -> 1974, 27 -> 2027).
 * A year-less date takes opts->doc_year when it is non-zero.
 *
 * Memory.  Candidates live in a malloc'ed vector freed before return.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scan_int.h"
#include "../base/vec.h"

static int year2(int y, size_t len)
{
    if (len == 2)
        return y < 50 ? 2000 + y : 1900 + y;
    return y;
}

int scan_date_ok(int y, int m, int d)
{
    static const int mdays[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (d == 0)
        return 1;
    if (d < 1 || d > mdays[m])
        return 0;
    if (m == 2 && d == 29 && y) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return leap;
    }
    return 1;
}

typedef struct {
    scan_item *v;
    size_t n, cap;
    int oom;
} cand_vec;

static scan_item *cand_push(cand_vec *cv)
{
    ac_error err;
    VEC_PUSH(err, cv->v, cv->n, cv->cap);
    if (err) {
        cv->oom = 1;
        return NULL;
    }
    scan_item *it = &cv->v[cv->n++];
    memset(it, 0, sizeof *it);
    return it;
}

static int grp(const size_t *ov, int rc, int g)
{
    return g < rc && ov[2 * g] != PCRE2_UNSET;
}

/* A fiscal year spans two calendar years ("2018-2019", "2018/19"). */
static int one_fiscal_year(const scan_item *a)
{
    return a->kind == SCAN_PERIOD && !a->invalid &&
           (a->pkind == PERIOD_FISCAL || a->pkind == PERIOD_SPAN) && !a->d1.month &&
           a->d2.year == a->d1.year + 1;
}

/* Does [from,to) hold only a list separator: ",", "et", "and", ", et"? */
static int list_sep(const char *t, size_t from, size_t to)
{
    static const char *const w[] = {",", "et", "and", ", et", ", and"};
    while (from < to && t[from] == ' ')
        from++;
    while (to > from && t[to - 1] == ' ')
        to--;
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (strlen(w[k]) == to - from && !strncasecmp(t + from, w[k], to - from))
            return 1;
    return 0;
}

/* Bytes before the first year where the plural cue may stand. */
#define FISCAL_CUE_WINDOW 32

/* "pour les exercices 2018-2019 et 2019-2020", "for fiscal years 2018/19
 * and 2019/20": consecutive fiscal years after a plural cue are one span
 * (2018-2020) whose figures are per year (each_year).  Returns the new
 * number of items. */
static size_t join_fiscal_years(const char *t, scan_item *v, size_t n)
{
    static const char *const cue[] = {"exercices", "exercices budgétaires", "fiscal years",
                                      "financial years", "années budgétaires", "budget years"};
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        scan_item a = v[i];
        size_t j = i;
        while (one_fiscal_year(&a) && j + 1 < n && one_fiscal_year(&v[j + 1]) &&
               v[j + 1].d1.year == v[j].d2.year && list_sep(t, v[j].end, v[j + 1].start))
            j++;
        if (j > i) {
            size_t ws = a.start > FISCAL_CUE_WINDOW ? a.start - FISCAL_CUE_WINDOW : 0, e = a.start;
            while (e > ws && t[e - 1] == ' ')
                e--;
            int cued = 0;
            for (size_t k = 0; k < sizeof cue / sizeof *cue && !cued; k++) {
                size_t l = strlen(cue[k]);
                cued = e >= ws + l && !strncasecmp(t + e - l, cue[k], l);
            }
            if (cued) {
                a.pkind = PERIOD_SPAN;
                a.d2 = v[j].d2;
                a.end = v[j].end;
                a.each_year = 1;
                i = j;
            }
        }
        v[o++] = a;
    }
    return o;
}

/* Day number from digits, "premier"/"1er" or a spelled-out number. */
static int day_of(const char *s, size_t l)
{
    int d = scan_parse_int(s, l);
    if (d >= 0)
        return d;
    if (l >= 3 && (s[0] | 0x20) == 'p' && (s[1] | 0x20) == 'r')
        return 1;
    if (l == 3 && s[0] == '1' && s[1] == 'e' && s[2] == 'r')
        return 1;
    scan_num_dec v;
    if (scan_number_words(s, l, &v) && v.scale == 0 && v.mant >= 1 && v.mant <= 31)
        return (int)v.mant;
    return -1;
}

static void add_date(cand_vec *cv, size_t s, size_t e, int y, int m, int d,
                     int doc_year, int may_invalid)
{
    int invalid = !scan_date_ok(y, m, d);
    if (invalid && !may_invalid)
        return;
    if (m < 1 || m > 12)
        return;
    scan_item *it = cand_push(cv);
    if (!it)
        return;
    it->kind = SCAN_DATE;
    it->start = s;
    it->end = e;
    it->num_start = s;
    it->d1.year = y ? y : doc_year;
    it->d1.month = m;
    it->d1.day = d;
    it->invalid = invalid;
}

static void add_period(cand_vec *cv, size_t s, size_t e, period_kind pk,
                       int y1, int y2)
{
    scan_item *it = cand_push(cv);
    if (!it)
        return;
    it->kind = SCAN_PERIOD;
    it->pkind = pk;
    it->start = s;
    it->end = e;
    it->num_start = s;
    it->d1.year = y1;
    it->d2.year = y2;
}

static int cmp_cand(const void *x, const void *y)
{
    const scan_item *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return 0;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

void scan_dates(scan_run *c)
{
    const char *t = c->t;
    size_t n = c->n;
    int dy = c->o->doc_year;
    cand_vec cv = {0};
    const size_t *ov;
    int rc;
    static const int ids[] = {RX_D_DMY_WORD, RX_D_MDY_WORD, RX_D_MY_WORD,
                              RX_D_M_WORD, RX_D_NUM3, RX_D_ISO, RX_D_YY,
                              RX_D_MY_NUM, RX_D_DM_NUM, RX_D_YEAR_SPAN,
                              RX_D_SINCE, RX_D_DECADE};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        int id = ids[k];
        size_t pos = 0;
        while (pos < n && (rc = scan_match(c->sx, id, t, n, pos, &ov)) > 0) {
            size_t s = ov[0], e = ov[1];
            pos = e > s ? e : s + 1;
            /* trim trailing blanks a pattern may have eaten */
            while (e > s && is_blank(t[e - 1]))
                e--;
            switch (id) {
            case RX_D_DMY_WORD: {
                int d = day_of(t + ov[2], ov[3] - ov[2]);
                int m = scan_month(t + ov[4], ov[5] - ov[4]);
                int y = grp(ov, rc, 3) ? year2(scan_parse_int(t + ov[6], ov[7] - ov[6]),
                                               ov[7] - ov[6]) : 0;
                if (d >= 1 && d <= 31)
                    add_date(&cv, s, e, y, m, d, dy, 1);
                break;
            }
            case RX_D_MDY_WORD: {
                int m = scan_month(t + ov[2], ov[3] - ov[2]);
                int d = scan_parse_int(t + ov[4], ov[5] - ov[4]);
                int y = grp(ov, rc, 3) ? scan_parse_int(t + ov[6], ov[7] - ov[6]) : 0;
                if (d >= 1 && d <= 31)
                    add_date(&cv, s, e, y, m, d, dy, 1);
                break;
            }
            case RX_D_MY_WORD: {
                int m = scan_month(t + ov[2], ov[3] - ov[2]);
                int y = year2(scan_parse_int(t + ov[4], ov[5] - ov[4]), ov[5] - ov[4]);
                add_date(&cv, s, e, y, m, 0, 0, 0);
                break;
            }
            case RX_D_M_WORD: {
                int m = scan_month(t + ov[2], ov[3] - ov[2]);
                /* English "May"/"march" alone are words, not months */
                if (m == 5 && (t[ov[2] + 1] | 0x20) == 'a' && (t[ov[2] + 2] | 0x20) == 'y')
                    break;
                add_date(&cv, s, e, 0, m, 0, dy, 0);
                break;
            }
            case RX_D_NUM3: {
                int d, m, y;
                size_t yl;
                int spaced = !grp(ov, rc, 1);
                if (!spaced) {
                    d = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                    m = scan_parse_int(t + ov[6], ov[7] - ov[6]);
                    yl = ov[9] - ov[8];
                    y = year2(scan_parse_int(t + ov[8], yl), yl);
                } else {
                    d = scan_parse_int(t + ov[10], ov[11] - ov[10]);
                    m = scan_parse_int(t + ov[12], ov[13] - ov[12]);
                    yl = ov[15] - ov[14];
                    y = year2(scan_parse_int(t + ov[14], yl), yl);
                }
                if (m > 12 && d <= 12 && !spaced) {
                    int tmp = m;
                    m = d;
                    d = tmp;
                }
                if (d < 1 || d > 31 || m < 1 || m > 12)
                    break;
                add_date(&cv, s, e, y, m, d, 0, !spaced);
                break;
            }
            case RX_D_ISO: {
                int y = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                int m = scan_parse_int(t + ov[6], ov[7] - ov[6]);
                int d = scan_parse_int(t + ov[8], ov[9] - ov[8]);
                if (m > 12 && d <= 12) {      /* 2020/23/09 */
                    int tmp = m;
                    m = d;
                    d = tmp;
                }
                if (d >= 1 && d <= 31 && m >= 1 && m <= 12)
                    add_date(&cv, s, e, y, m, d, 0, 1);
                break;
            }
            case RX_D_YY: {
                int y1 = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                char sep = t[ov[4]];
                size_t l2 = ov[7] - ov[6];
                int y2 = scan_parse_int(t + ov[6], l2);
                int is_slash = sep == '/';
                int is_dot = sep == '.';
                if (l2 == 4) {
                    if (is_dot || y2 <= y1 || y2 - y1 > 100)
                        break;
                    add_period(&cv, s, e, is_slash && y2 == y1 + 1 ?
                               PERIOD_FISCAL : PERIOD_SPAN, y1, y2);
                } else if (l2 == 2 && !is_dot && y2 == (y1 + 1) % 100) {
                    /* "2017-18", "2017/18": the abbreviated form is how
                     * fiscal years are written; a span of two calendar
                     * years is written in full */
                    add_period(&cv, s, e, PERIOD_FISCAL, y1, y1 + 1);
                } else if (y2 >= 1 && y2 <= 12) {
                    add_date(&cv, s, e, y1, y2, 0, 0, 0);
                } else if (l2 == 2 && !is_dot && !is_slash && y2 > y1 % 100) {
                    add_period(&cv, s, e, PERIOD_SPAN, y1, y1 - y1 % 100 + y2);
                }
                break;
            }
            case RX_D_MY_NUM: {
                int m = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                int y = scan_parse_int(t + ov[6], ov[7] - ov[6]);
                if (m >= 1 && m <= 12)
                    add_date(&cv, s, e, y, m, 0, 0, 0);
                break;
            }
            case RX_D_DM_NUM: {
                int d = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                int m = scan_parse_int(t + ov[4], ov[5] - ov[4]);
                if (d >= 1 && d <= 31 && m >= 1 && m <= 12)
                    add_date(&cv, s, e, 0, m, d, dy, 0);
                break;
            }
            case RX_D_YEAR_SPAN: {
                int y1 = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                int y2 = scan_parse_int(t + ov[4], ov[5] - ov[4]);
                if (y2 >= y1)
                    add_period(&cv, s, e, PERIOD_SPAN, y1, y2);
                break;
            }
            case RX_D_SINCE: {
                int y1 = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                add_period(&cv, s, e, PERIOD_SINCE, y1, 0);
                break;
            }
            case RX_D_DECADE: {
                int y1 = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                if (y1 % 10 == 0)
                    add_period(&cv, s, e, PERIOD_SPAN, y1, y1 + 9);
                break;
            }
            default:
                break;
            }
            if (cv.oom)
                goto done;
        }
    }
    if (cv.n == 0)
        goto done;

    /* leftmost-longest selection */
    qsort(cv.v, cv.n, sizeof *cv.v, cmp_cand);
    size_t o = 0;
    size_t last_end = 0;
    for (size_t i = 0; i < cv.n; i++) {
        if (o > 0 && cv.v[i].start < last_end)
            continue;
        cv.v[o++] = cv.v[i];
        last_end = cv.v[i].end;
    }
    cv.n = o;

    /* joins: DATE connector DATE -> PERIOD_SPAN */
    o = 0;
    for (size_t i = 0; i < cv.n; i++) {
        scan_item a = cv.v[i];
        if (a.kind == SCAN_DATE && i + 1 < cv.n && cv.v[i + 1].kind == SCAN_DATE &&
            (rc = scan_match(c->sx, RX_D_JOIN, t, n, a.end, &ov)) > 0 &&
            ov[1] == cv.v[i + 1].start) {
            scan_item b = cv.v[i + 1];
            if (!a.d1.year || a.d1.year == dy) {
                if (b.d1.year && b.d1.year != dy && a.d1.month && a.d1.day)
                    a.d1.year = b.d1.year;
            }
            scan_item r = a;
            r.kind = SCAN_PERIOD;
            r.pkind = PERIOD_SPAN;
            r.d2 = b.d1;
            r.end = b.end;
            r.invalid = a.invalid || b.invalid;
            cv.v[o++] = r;
            i++;
            continue;
        }
        cv.v[o++] = a;
    }
    cv.n = o;

    /* day ranges around full dates; "à partir du 8 mars" */
    for (size_t i = 0; i < cv.n; i++) {
        scan_item *a = &cv.v[i];
        size_t ms;
        if (a->kind == SCAN_DATE && a->d1.day && a->d1.month) {
            size_t lo = i > 0 ? cv.v[i - 1].end : 0;
            size_t ws = a->start > 40 ? a->start - 40 : 0;
            if (ws < lo)
                ws = lo;
            while (ws < a->start && ((unsigned char)t[ws] & 0xC0) == 0x80)
                ws++;
            rc = scan_match(c->sx, RX_D_DAYFIRST, t + ws, a->start - ws, 0, &ov);
            if (rc > 0) {
                int d = day_of(t + ws + ov[2], ov[3] - ov[2]);
                if (d >= 1 && d <= 31 && d < a->d1.day) {
                    a->d2 = a->d1;
                    a->d1.day = d;
                    a->kind = SCAN_PERIOD;
                    a->pkind = PERIOD_SPAN;
                    a->start = ws + ov[0];
                    if (!scan_date_ok(a->d1.year, a->d1.month, d))
                        a->invalid = 1;
                    continue;
                }
            }
            size_t hi = i + 1 < cv.n ? cv.v[i + 1].start : n;
            rc = scan_match(c->sx, RX_D_DAYAFTER, t, hi, a->end, &ov);
            if (rc > 0) {
                int d = scan_parse_int(t + ov[2], ov[3] - ov[2]);
                if (d > a->d1.day && d <= 31) {
                    a->d2 = a->d1;
                    a->d2.day = d;
                    a->kind = SCAN_PERIOD;
                    a->pkind = PERIOD_SPAN;
                    a->end = ov[1];
                    continue;
                }
            }
            rc = scan_match(c->sx, RX_D_FROM, t + ws, a->start - ws, 0, &ov);
            (void)ms;
            if (rc > 0) {
                a->kind = SCAN_PERIOD;
                a->pkind = PERIOD_SINCE;
                a->start = ws + ov[0];
            }
        }
    }

    cv.n = join_fiscal_years(t, cv.v, cv.n);

    for (size_t i = 0; i < cv.n; i++) {
        scan_item *it = scan_push(c);
        if (!it)
            break;
        *it = cv.v[i];
    }
done:
    if (cv.oom)
        c->oom = 1;
    free(cv.v);
}
