/*
 * scan_date.c — the dates and periods of the scanner (see scan.c).
 *
 * Purpose.  Find calendar dates ("Au 30 juin 2017", "14.04.2015", "le 13
 * juin", "janvier 2015"), fiscal years and spans ("2017/2018", "2017-18",
 * "2013-2017", "Mai 2013 - Avril 2015", "de 2010 à 2018", "depuis 2013") and
 * day ranges ("13-15 juillet", "du 10 juin au 1er juillet").  Open ranges
 * ("since July 2007", "from 2011 to date", "de juillet 2007 à ce jour") are
 * PERIOD_SINCE; spans of fiscal years ("from fiscal year 2004 to 2008", "de
 * l'exercice 2004 à 2008") PERIOD_SPAN; "FY2019" the year 2019; "en 2015 et
 * 2016" a span only when the years follow each other.  An as-of end of year
 * ("fin 2020", "as at end 2020") is a date of that year with no month, never
 * a period: it ends a cumulative figure whose start is not written.
 *
 * Data flow.  scan_dates() runs every RX_D_* pattern over the whole text and
 * collects candidates, one reader per pattern family (words, digits,
 * years), each reading the pattern's named groups (day, month, year,
 * year2, sep); overlapping candidates are resolved leftmost-longest;
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

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* The date scan of one text: its candidates and the match being read. */
typedef struct {
    scan_ctx *sx;
    const char *t;
    size_t n;
    int doc_year;      /* opts->doc_year: the year of "le 13 juin"      */
    cand_vec cv;
    size_t s, e;       /* span of the match, trailing blanks trimmed    */
} date_scan;

/* The digits of the named group of the last match as an integer, -1 when
 * the group took no part or is not all digits; *len gets their length. */
static int group_int(const date_scan *d, const char *name, size_t *len)
{
    size_t s, e;
    if (!scan_group(d->sx, name, &s, &e))
        return -1;
    if (len)
        *len = e - s;
    return scan_parse_int(d->t + s, e - s);
}

/* The month named by the group "month" of the last match, 0 if none. */
static int group_month(const date_scan *d)
{
    size_t s, e;
    return scan_group(d->sx, "month", &s, &e) ? scan_month(d->t + s, e - s) : 0;
}

/* A two-digit or four-digit year group ("74" -> 1974); 0 when unset. */
static int group_year(const date_scan *d, const char *name)
{
    size_t len = 0;
    int y = group_int(d, name, &len);
    return y < 0 ? 0 : year2(y, len);
}

/* A date candidate over the match; impossible dates only when may_invalid
 * (then flagged invalid), never a month outside 1-12. */
static void add_date(date_scan *d, int y, int m, int day, int doc_year, int may_invalid)
{
    int invalid = !scan_date_ok(y, m, day);
    if ((invalid && !may_invalid) || m < 1 || m > 12)
        return;
    scan_item *it = cand_push(&d->cv);
    if (!it)
        return;
    it->kind = SCAN_DATE;
    it->start = it->num_start = d->s;
    it->end = d->e;
    it->d1 = (scan_date){y ? y : doc_year, m, day};
    it->invalid = invalid;
}

static void add_period(date_scan *d, period_kind pk, int y1, int y2)
{
    scan_item *it = cand_push(&d->cv);
    if (!it)
        return;
    it->kind = SCAN_PERIOD;
    it->pkind = pk;
    it->start = it->num_start = d->s;
    it->end = d->e;
    it->d1.year = y1;
    it->d2.year = y2;
}

/* A day that is a day of some month. */
static int day_ok(int day)
{
    return day >= 1 && day <= 31;
}

/* ----------------------------------------------------- dates in words */

/* "23 mai 2013", "le 13 juin", "1er janvier 2016" */
static void on_day_month_word(date_scan *d)
{
    size_t s, e;
    int day = scan_group(d->sx, "day", &s, &e) ? day_of(d->t + s, e - s) : -1;
    if (day_ok(day))
        add_date(d, group_year(d, "year"), group_month(d), day, d->doc_year, 1);
}

/* "June 30, 2017", "Oct. 2", "novembre 23 de 1987" */
static void on_month_day_word(date_scan *d)
{
    int day = group_int(d, "day", NULL);
    int y = group_int(d, "year", NULL);
    if (day_ok(day))
        add_date(d, y < 0 ? 0 : y, group_month(d), day, d->doc_year, 1);
}

/* "janvier 2015", "août 99" */
static void on_month_year_word(date_scan *d)
{
    add_date(d, group_year(d, "year"), group_month(d), 0, 0, 0);
}

/* "mars", "en mars", "au mois de mars"; English "May" alone is a word */
static void on_month_word(date_scan *d)
{
    size_t s, e;
    if (!scan_group(d->sx, "month", &s, &e))
        return;
    int m = scan_month(d->t + s, e - s);
    if (m == 5 && (d->t[s + 1] | 0x20) == 'a' && (d->t[s + 2] | 0x20) == 'y')
        return;
    add_date(d, 0, m, 0, d->doc_year, 0);
}

/* ------------------------------------------------------ dates in digits */

/* A month above 12 before a day that fits is a month-day order
 * ("02/22/2016", "2020/23/09"): swap them. */
static void swap_month_day(int *m, int *day)
{
    if (*m > 12 && *day <= 12) {
        int tmp = *m;
        *m = *day;
        *day = tmp;
    }
}

/* "14.04.2015", "14/04/2015", "3-7-27"; spaced "20 02 2014" is taken only
 * as a possible date in day-month order */
static void on_numeric_date(date_scan *d)
{
    int spaced = group_int(d, "day", NULL) < 0;
    int day = group_int(d, spaced ? "sday" : "day", NULL);
    int m = group_int(d, spaced ? "smonth" : "month", NULL);
    int y = group_year(d, spaced ? "syear" : "year");
    if (!spaced)
        swap_month_day(&m, &day);
    if (day_ok(day) && m >= 1 && m <= 12)
        add_date(d, y, m, day, 0, !spaced);
}

/* "2015-04-14", "2015/08/12", "2015.5.13" */
static void on_iso_date(date_scan *d)
{
    int y = group_int(d, "year", NULL);
    int m = group_int(d, "month", NULL);
    int day = group_int(d, "day", NULL);
    swap_month_day(&m, &day);
    if (day_ok(day) && m >= 1 && m <= 12)
        add_date(d, y, m, day, 0, 1);
}

/* "3/2015", "11 / 2016" */
static void on_month_year_num(date_scan *d)
{
    int m = group_int(d, "month", NULL);
    if (m >= 1 && m <= 12)
        add_date(d, group_int(d, "year", NULL), m, 0, 0, 0);
}

/* "22/04", "le 2/3" */
static void on_day_month_num(date_scan *d)
{
    int day = group_int(d, "day", NULL);
    int m = group_int(d, "month", NULL);
    if (day_ok(day) && m >= 1 && m <= 12)
        add_date(d, 0, m, day, d->doc_year, 0);
}

/* ---------------------------------------------------------------- years */

/* The most years a span of two full years may cover ("1990-2090"). */
#define YEAR_SPAN_MAX 100

/* "2017/2018", "2017-18", "2013-2017", "2016-11", "2015.3" */
static void on_year_pair(date_scan *d)
{
    size_t ss, se, l2 = 0;
    int y1 = group_int(d, "year", NULL);
    int y2 = group_int(d, "year2", &l2);
    char sep = scan_group(d->sx, "sep", &ss, &se) ? d->t[ss] : 0;
    int is_slash = sep == '/', is_dot = sep == '.';
    if (l2 == 4) {
        if (is_dot || y2 <= y1 || y2 - y1 > YEAR_SPAN_MAX)
            return;
        add_period(d, is_slash && y2 == y1 + 1 ? PERIOD_FISCAL : PERIOD_SPAN, y1, y2);
    } else if (l2 == 2 && !is_dot && y2 == (y1 + 1) % 100) {
        /* "2017-18", "2017/18": the abbreviated form is how fiscal years
         * are written; a span of two calendar years is written in full */
        add_period(d, PERIOD_FISCAL, y1, y1 + 1);
    } else if (y2 >= 1 && y2 <= 12) {
        add_date(d, y1, y2, 0, 0, 0);
    } else if (l2 == 2 && !is_dot && !is_slash && y2 > y1 % 100) {
        add_period(d, PERIOD_SPAN, y1, y1 - y1 % 100 + y2);
    }
}

/* "de 2010 à 2018", "entre 2015 et 2016", "from fiscal year 2004 to 2008";
 * "en 2015 et 2016" (group pair) only when the years follow each other:
 * "en 2015 et 2017" are two years. */
static void on_year_span(date_scan *d)
{
    size_t ps, pe;
    int y1 = group_int(d, "year", NULL);
    int y2 = group_int(d, "year2", NULL);
    int pair = scan_group(d->sx, "pair", &ps, &pe);
    if (pair ? y2 == y1 + 1 : y2 >= y1)
        add_period(d, PERIOD_SPAN, y1, y2);
}

/* "depuis 2013", "since July 2007", "from 2011 to date", "de juillet 2007
 * à ce jour": an open end (the document's year, downstream). */
static void on_since(date_scan *d)
{
    add_period(d, PERIOD_SINCE, group_int(d, "year", NULL), 0);
    if (d->cv.n && !d->cv.oom)
        d->cv.v[d->cv.n - 1].d1.month = group_month(d);
}

/* "FY2019", "FY 19": a fiscal year named by one year is that year (which
 * calendar months it covers depends on whose fiscal year it is). */
static void on_fy(date_scan *d)
{
    int y = group_year(d, "year");
    if (y)
        add_period(d, PERIOD_YEAR, y, y);
}

/* "fin 2020", "à fin 2020", "as at end 2020", "by the end of 2020": the
 * date a cumulative figure runs to, a date of that year (month and day
 * unknown), never the year 2020 as the figure's period: the figure's start
 * is not written, and a period needs both ends. */
static void on_end_year(date_scan *d)
{
    scan_item *it = cand_push(&d->cv);
    if (!it)
        return;
    it->kind = SCAN_DATE;
    it->start = it->num_start = d->s;
    it->end = d->e;
    it->d1.year = group_int(d, "year", NULL);
}

/* "les années 1990", "the 1990s" */
static void on_decade(date_scan *d)
{
    int y1 = group_int(d, "year", NULL);
    if (y1 % 10 == 0)
        add_period(d, PERIOD_SPAN, y1, y1 + 9);
}

/* Every date pattern and what reads its match into a candidate. */
static const struct {
    int id;
    void (*found)(date_scan *d);
} date_families[] = {
    {RX_D_DMY_WORD, on_day_month_word}, {RX_D_MDY_WORD, on_month_day_word},
    {RX_D_MY_WORD, on_month_year_word}, {RX_D_M_WORD, on_month_word},
    {RX_D_NUM3, on_numeric_date},       {RX_D_ISO, on_iso_date},
    {RX_D_YY, on_year_pair},            {RX_D_MY_NUM, on_month_year_num},
    {RX_D_DM_NUM, on_day_month_num},    {RX_D_YEAR_SPAN, on_year_span},
    {RX_D_SINCE, on_since},             {RX_D_DECADE, on_decade},
    {RX_D_FY, on_fy},                   {RX_D_END_YEAR, on_end_year},
};

/* Every match of every date pattern, as candidates (which may overlap). */
static void collect_candidates(date_scan *d)
{
    const size_t *ov;
    for (size_t k = 0; k < sizeof date_families / sizeof date_families[0]; k++) {
        size_t pos = 0;
        while (pos < d->n && scan_match(d->sx, date_families[k].id, d->t, d->n, pos, &ov) > 0) {
            d->s = ov[0];
            d->e = ov[1];
            pos = d->e > d->s ? d->e : d->s + 1;
            /* trim trailing blanks a pattern may have eaten */
            while (d->e > d->s && is_blank(d->t[d->e - 1]))
                d->e--;
            date_families[k].found(d);
            if (d->cv.oom)
                return;
        }
    }
}

/* ------------------------------------------------ choosing and joining */

/* Overlapping candidates: the leftmost wins, then the longest. */
static void keep_leftmost_longest(cand_vec *cv)
{
    qsort(cv->v, cv->n, sizeof *cv->v, scan_item_cmp);
    size_t o = 0, last_end = 0;
    for (size_t i = 0; i < cv->n; i++) {
        if (o > 0 && cv->v[i].start < last_end)
            continue;
        cv->v[o++] = cv->v[i];
        last_end = cv->v[i].end;
    }
    cv->n = o;
}

/* Two dates joined by a connector ("du 10 juin au 1er juillet 2017"), as
 * one span; the first takes the second's year when it has none of its own
 * (or only the document's). */
static scan_item join_two(const scan_item *a, const scan_item *b, int doc_year)
{
    scan_item r = *a;
    if ((!a->d1.year || a->d1.year == doc_year) && b->d1.year && b->d1.year != doc_year &&
        a->d1.month && a->d1.day)
        r.d1.year = b->d1.year;
    r.kind = SCAN_PERIOD;
    r.pkind = PERIOD_SPAN;
    r.d2 = b->d1;
    r.end = b->end;
    r.invalid = a->invalid || b->invalid;
    return r;
}

/* DATE connector DATE -> PERIOD_SPAN, in place. */
static void join_connected(date_scan *d)
{
    cand_vec *cv = &d->cv;
    const size_t *ov;
    size_t o = 0;
    for (size_t i = 0; i < cv->n; i++) {
        const scan_item *a = &cv->v[i], *b = i + 1 < cv->n ? &cv->v[i + 1] : NULL;
        if (a->kind == SCAN_DATE && b && b->kind == SCAN_DATE &&
            scan_match(d->sx, RX_D_JOIN, d->t, d->n, a->end, &ov) > 0 && ov[1] == b->start) {
            cv->v[o++] = join_two(a, b, d->doc_year);
            i++;
            continue;
        }
        cv->v[o++] = *a;
    }
    cv->n = o;
}

/* How far before a date a day or a "from" cue may stand. */
#define DAY_CUE_WINDOW 40

/* The start of the window before candidate i: at most DAY_CUE_WINDOW
 * bytes, after the candidate before it, on a character boundary. */
static size_t window_before(const date_scan *d, size_t i)
{
    const scan_item *a = &d->cv.v[i];
    size_t lo = i > 0 ? d->cv.v[i - 1].end : 0;
    size_t ws = a->start > DAY_CUE_WINDOW ? a->start - DAY_CUE_WINDOW : 0;
    if (ws < lo)
        ws = lo;
    while (ws < a->start && ((unsigned char)d->t[ws] & 0xC0) == 0x80)
        ws++;
    return ws;
}

/* "13-15 juillet", "du 13 au 15 juillet": a day before a full date opens a
 * span that the date closes.  1 if so. */
static int day_before(date_scan *d, scan_item *a, size_t ws)
{
    const size_t *ov;
    size_t s, e;
    if (scan_match(d->sx, RX_D_DAYFIRST, d->t + ws, a->start - ws, 0, &ov) <= 0)
        return 0;
    size_t ms = ov[0];
    int day = scan_group(d->sx, "day", &s, &e) ? day_of(d->t + ws + s, e - s) : -1;
    if (!day_ok(day) || day >= a->d1.day)
        return 0;
    a->d2 = a->d1;
    a->d1.day = day;
    a->kind = SCAN_PERIOD;
    a->pkind = PERIOD_SPAN;
    a->start = ws + ms;
    if (!scan_date_ok(a->d1.year, a->d1.month, day))
        a->invalid = 1;
    return 1;
}

/* "Novembre 19-20": a day after a full date closes the span it opens.
 * hi: where the next candidate starts.  1 if so. */
static int day_after(date_scan *d, scan_item *a, size_t hi)
{
    const size_t *ov;
    if (scan_match(d->sx, RX_D_DAYAFTER, d->t, hi, a->end, &ov) <= 0)
        return 0;
    size_t end = ov[1];
    int day = group_int(d, "day", NULL);
    if (day <= a->d1.day || day > 31)
        return 0;
    a->d2 = a->d1;
    a->d2.day = day;
    a->kind = SCAN_PERIOD;
    a->pkind = PERIOD_SPAN;
    a->end = end;
    return 1;
}

/* "à partir du 8 mars": a full date after a "from" cue opens a period. */
static void from_cue(date_scan *d, scan_item *a, size_t ws)
{
    const size_t *ov;
    if (scan_match(d->sx, RX_D_FROM, d->t + ws, a->start - ws, 0, &ov) <= 0)
        return;
    a->kind = SCAN_PERIOD;
    a->pkind = PERIOD_SINCE;
    a->start = ws + ov[0];
}

/* Day ranges around full dates, and "from" cues before them. */
static void widen_full_dates(date_scan *d)
{
    for (size_t i = 0; i < d->cv.n; i++) {
        scan_item *a = &d->cv.v[i];
        if (a->kind != SCAN_DATE || !a->d1.day || !a->d1.month)
            continue;
        size_t ws = window_before(d, i);
        size_t hi = i + 1 < d->cv.n ? d->cv.v[i + 1].start : d->n;
        if (!day_before(d, a, ws) && !day_after(d, a, hi))
            from_cue(d, a, ws);
    }
}

void scan_dates(scan_run *c)
{
    date_scan d = {.sx = c->sx, .t = c->t, .n = c->n, .doc_year = c->o->doc_year};
    collect_candidates(&d);
    if (!d.cv.oom && d.cv.n) {
        keep_leftmost_longest(&d.cv);
        join_connected(&d);
        widen_full_dates(&d);
        d.cv.n = join_fiscal_years(d.t, d.cv.v, d.cv.n);
        for (size_t i = 0; i < d.cv.n; i++) {
            scan_item *it = scan_push(c);
            if (!it)
                break;
            *it = d.cv.v[i];
        }
    }
    if (d.cv.oom)
        c->oom = 1;
    free(d.cv.v);
}
