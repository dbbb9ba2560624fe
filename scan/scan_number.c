/*
 * scan_number.c — exact decimals (scan_num_dec) and the number normaliser.
 *
 * Purpose.  Every figure aidcube reads from a report goes through here: the
 * scanner (scan.c) finds where a number is, this module says what it is
 * worth.  Values are exact: mant × 10^-scale in an int64_t, never a double,
 * so "838.354,11" is 83835411 × 10^-2 whatever the C locale says, and a sum
 * of cents stays a sum of cents.  strtod/atof are never used.
 *
 * Data flow.  scan_number_digits() takes the bytes of one digit token as it
 * appears in the text (digits, one kind of grouping mark, maybe one decimal
 * mark, maybe a leading sign) and decides which mark is which by shape:
 *   - spaces (ASCII, U+00A0, U+202F, U+2009) and apostrophes (' ’) only ever
 *     group digits;
 *   - with both '.' and ',' the last one is the decimal mark and must occur
 *     once; the other one groups;
 *   - a mark that occurs more than once groups;
 *   - a single '.' followed by exactly three digits groups in French
 *     ("85.000"), otherwise it is a decimal ("12.1"); in English it is always
 *     the decimal mark;
 *   - a single ',' is the decimal mark in French ("1,500" = 1.5) and groups
 *     before exactly three digits in English ("1,500" = 1500);
 *   - a grouped number has a first group of 1-3 digits and then groups of
 *     exactly three digits; anything else ("1.2.3,4,5") is not a number.
 * scan_number_words() reads spelled-out French and English numbers with a
 * classic accumulator (current group < 1000, total of finished groups).
 *
 * Invariants.  0 <= scale <= 18; every arithmetic step is overflow-checked
 * (__builtin_*_overflow) and fails cleanly instead of wrapping.
 *
 * Memory.  Nothing is allocated; callers own every buffer.
 */
#include "scan_number.h"

#include <stdio.h>
#include <string.h>

#define MAX_SCALE 18

static const int64_t pow10_tab[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
    100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
    1000000000000LL, 10000000000000LL, 100000000000000LL,
    1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL
};

/* Drop trailing decimal zeros: 12.500 -> 12.5. */
static void normalise(scan_num_dec *v)
{
    while (v->scale > 0 && v->mant % 10 == 0) {
        v->mant /= 10;
        v->scale--;
    }
    if (v->mant == 0)
        v->scale = 0;
}

int scan_num_mul_pow10(scan_num_dec *v, int exp)
{
    if (exp < 0)
        return 0;
    normalise(v);
    while (exp > 0 && v->scale > 0) {
        v->scale--;
        exp--;
    }
    while (exp > 0) {
        int step = exp > 18 ? 18 : exp;
        int64_t r;
        if (__builtin_mul_overflow(v->mant, pow10_tab[step], &r))
            return 0;
        v->mant = r;
        exp -= step;
    }
    return 1;
}

int scan_num_rescale(scan_num_dec *v, int scale)
{
    if (scale < v->scale || scale > 18)
        return 0;
    int64_t r;
    if (__builtin_mul_overflow(v->mant, pow10_tab[scale - v->scale], &r))
        return 0;
    v->mant = r;
    v->scale = scale;
    return 1;
}

int scan_num_add(scan_num_dec *a, scan_num_dec b)
{
    scan_num_dec x = *a;
    int scale = x.scale > b.scale ? x.scale : b.scale;
    int64_t r;
    if (!scan_num_rescale(&x, scale) || !scan_num_rescale(&b, scale) ||
        __builtin_add_overflow(x.mant, b.mant, &r))
        return 0;
    *a = (scan_num_dec){r, scale};
    return 1;
}

int scan_num_mul(scan_num_dec *v, scan_num_dec by)
{
    scan_num_dec a = *v;
    normalise(&a);
    normalise(&by);
    int64_t r;
    if (__builtin_mul_overflow(a.mant, by.mant, &r))
        return 0;
    scan_num_dec out = { r, a.scale + by.scale };
    normalise(&out);
    while (out.scale > MAX_SCALE) {   /* cannot happen after normalise of  */
        out.mant /= 10;               /* realistic inputs; truncate safely */
        out.scale--;
    }
    *v = out;
    return 1;
}

char *scan_num_format(scan_num_dec v, char *buf, size_t size)
{
    char digits[32];
    uint64_t m;
    int neg = v.mant < 0;
    if (!buf || size == 0)
        return buf;
    normalise(&v);
    m = neg ? (uint64_t)0 - (uint64_t)v.mant : (uint64_t)v.mant;
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(m % 10));
        m /= 10;
    } while (m && n < 31);
    while (n <= v.scale)                 /* 0.05: enough leading zeros */
        digits[n++] = '0';
    char out[48];
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        out[o++] = digits[i];
        if (i == v.scale && v.scale > 0)
            out[o++] = '.';
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

int scan_num_cmp(scan_num_dec a, scan_num_dec b)
{
    normalise(&a);
    normalise(&b);
    /* bring to the same scale when it does not overflow; else by double */
    while (a.scale < b.scale) {
        int64_t r;
        if (__builtin_mul_overflow(a.mant, 10, &r))
            goto by_double;
        a.mant = r;
        a.scale++;
    }
    while (b.scale < a.scale) {
        int64_t r;
        if (__builtin_mul_overflow(b.mant, 10, &r))
            goto by_double;
        b.mant = r;
        b.scale++;
    }
    return (a.mant > b.mant) - (a.mant < b.mant);
by_double:;
    double x = scan_num_to_double(a), y = scan_num_to_double(b);
    return (x > y) - (x < y);
}

double scan_num_to_double(scan_num_dec v)
{
    double d = (double)v.mant;
    for (int i = 0; i < v.scale; i++)
        d /= 10.0;
    return d;
}

int scan_num_is_zero(scan_num_dec v)
{
    return v.mant == 0;
}

/* ---------------------------------------------------------------- digits */

/* Length of a grouping space at s[i] (ASCII space, U+00A0, U+202F, U+2009)
 * or apostrophe (' U+2019); 0 if none. */
static size_t group_mark_len(const unsigned char *s, size_t i, size_t n)
{
    if (s[i] == ' ' || s[i] == '\'')
        return 1;
    if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0)
        return 2;
    if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0xAF || s[i + 2] == 0x89 || s[i + 2] == 0x99))
        return 3;
    return 0;
}

/* The most runs of digits one number may have ("1 234 567 ..."). */
#define MAX_RUNS 64

/* A digit token cut into runs of digits, one mark between two runs. */
typedef struct {
    const unsigned char *s;
    size_t start[MAX_RUNS], len[MAX_RUNS];
    char mark[MAX_RUNS];   /* mark before run k (k >= 1): '.', ',' or 's' (space) */
    int n;
    int lead_mark;         /* ".77", ",08": the mark before the first run */
} digit_runs;

/* A sign ('-', '+', U+2212) and the spaces after it; *i moves past them.
 * Returns 1 for a minus. */
static int read_sign(const unsigned char *s, size_t n, size_t *i)
{
    int neg = 0;
    if (*i < n && (s[*i] == '-' || s[*i] == '+')) {
        neg = s[*i] == '-';
        (*i)++;
    } else if (*i + 2 < n && s[*i] == 0xE2 && s[*i + 1] == 0x88 && s[*i + 2] == 0x92) {
        neg = 1;
        *i += 3;
    }
    if (*i > 0)
        while (*i < n && s[*i] == ' ')
            (*i)++;
    return neg;
}

/* The mark after a run at *i: 's' for a grouping space, '.' or ','; 0
 * when there is none or it ends the token ("1.899,-" ends with its
 * dash: *dash is set).  *i moves past it. */
static char read_mark(const unsigned char *s, size_t n, size_t *i, int *dash)
{
    size_t gl = group_mark_len(s, *i, n);
    if (gl) {
        *i += gl;
        return 's';
    }
    if (s[*i] != '.' && s[*i] != ',')
        return 0;
    char m = (char)s[(*i)++];
    if (*i + 1 == n && s[*i] == '-') {   /* "1.899,-" */
        *dash = 1;
        (*i)++;
    }
    return m;
}

/* Cut s[i..n) into runs; 0 when it is not digits and marks. */
static int split_runs(const unsigned char *s, size_t n, size_t i, digit_runs *r)
{
    r->s = s;
    r->n = 0;
    r->lead_mark = 0;
    if (i < n && (s[i] == '.' || s[i] == ','))
        r->lead_mark = s[i++];
    while (i < n) {
        if (s[i] < '0' || s[i] > '9' || r->n == MAX_RUNS)
            return 0;
        r->start[r->n] = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        r->len[r->n] = i - r->start[r->n];
        r->n++;
        if (i == n)
            break;
        int dash = 0;
        char m = read_mark(s, n, &i, &dash);
        if (!m)
            return 0;
        if (dash)
            break;
        if (i == n || r->n >= MAX_RUNS)
            return 0;                      /* trailing mark */
        r->mark[r->n] = m;
    }
    return r->n > 0;
}

/* One '.' or ',' (last_dc) among the marks: decimal or grouping by shape
 * and language.  *dec_run gets the run after the decimal mark, -1 for
 * grouping; 0 when the shape is no number ("1,5 000"). */
static int single_mark(const digit_runs *r, int last_dc, int nsp, int lang_en, int *dec_run)
{
    int after3 = r->len[last_dc] == 3;
    if (last_dc != r->n - 1)
        return 0;                   /* "1,5 000" */
    if (nsp)
        *dec_run = last_dc;          /* "12 345.123", "1 099,98" */
    else if (r->mark[last_dc] == ',')
        *dec_run = (lang_en && after3) ? -1 : last_dc;
    else
        *dec_run = (!lang_en && after3) ? -1 : last_dc;
    /* grouping reading needs a proper first group */
    if (*dec_run < 0 && (r->len[0] > 3 || r->s[r->start[0]] == '0'))
        *dec_run = last_dc;
    return 1;
}

/* The runs before end_group are grouped: one kind of mark, a first group
 * of 1-3 digits not starting with 0, then groups of three. */
static int grouping_ok(const digit_runs *r, int end_group)
{
    char gm = 0;
    for (int k = 1; k < end_group; k++) {
        if (gm && r->mark[k] != gm)
            return 0;
        gm = r->mark[k];
    }
    if (end_group <= 1)
        return 1;
    if (r->len[0] > 3 || r->len[0] == 0 || r->s[r->start[0]] == '0')
        return 0;
    for (int k = 1; k < end_group; k++)
        if (r->len[k] != 3)
            return 0;
    return 1;
}

/* Which mark is the decimal one: *dec_run gets the run after it, -1 when
 * every mark groups; 0 when the shape is no number. */
static int decimal_run(const digit_runs *r, int lang_en, int *dec_run)
{
    *dec_run = -1;
    if (r->lead_mark) {
        *dec_run = 0;
        return r->n == 1;
    }
    if (r->n <= 1)
        return 1;
    int ndot = 0, ncom = 0, nsp = 0, last_dc = -1;
    for (int k = 1; k < r->n; k++) {
        ndot += r->mark[k] == '.';
        ncom += r->mark[k] == ',';
        nsp += r->mark[k] == 's';
        if (r->mark[k] != 's')
            last_dc = k;
    }
    if (ndot && ncom) {
        if ((r->mark[last_dc] == '.' ? ndot : ncom) != 1)
            return 0;
        *dec_run = last_dc;
    } else if (ndot + ncom == 1 && !single_mark(r, last_dc, nsp, lang_en, dec_run)) {
        return 0;
    }                                  /* more than one: all grouping, 1.405.236 */
    if (!grouping_ok(r, *dec_run < 0 ? r->n : *dec_run))
        return 0;
    return !(*dec_run >= 0 && r->mark[*dec_run] == 's');
}

/* The value of the runs, the runs from dec_run on being the fraction
 * (trailing zeros dropped); 0 on overflow. */
static int accumulate(const digit_runs *r, int dec_run, scan_num_dec *out)
{
    int64_t mant = 0;
    int scale = 0;
    for (int k = 0; k < r->n; k++) {
        const unsigned char *run = r->s + r->start[k];
        for (size_t j = 0; j < r->len[k]; j++) {
            if (dec_run >= 0 && k >= dec_run) {
                /* skip trailing zeros of the fraction cheaply */
                size_t t = j;
                while (t < r->len[k] && run[t] == '0')
                    t++;
                if (t == r->len[k])
                    break;
                if (scale >= MAX_SCALE)
                    return 0;
                scale++;
            }
            if (__builtin_mul_overflow(mant, 10, &mant) ||
                __builtin_add_overflow(mant, run[j] - '0', &mant))
                return 0;
        }
    }
    out->mant = mant;
    out->scale = scale;
    return 1;
}

int scan_number_digits(const char *str, size_t n, int lang_en, scan_num_dec *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    digit_runs r;
    int dec_run;
    if (!s || !out)
        return 0;
    int neg = read_sign(s, n, &i);
    if (!split_runs(s, n, i, &r) || !decimal_run(&r, lang_en, &dec_run) ||
        !accumulate(&r, dec_run, out))
        return 0;
    if (neg)
        out->mant = -out->mant;
    normalise(out);
    return 1;
}

/* ----------------------------------------------------------------- words */

typedef enum { W_UNIT, W_TEN, W_HUNDRED, W_BIG, W_DOZEN, W_AND, W_POINT,
               W_NEG, W_A, W_HALF, W_QUARTER } wkind;

typedef struct {
    const char *w;
    wkind k;
    int64_t v;
    int en;           /* 1: English word (billion = 10^9) */
} numword;

static const numword words[] = {
    {"zéro", W_UNIT, 0, 0}, {"zero", W_UNIT, 0, 1},
    {"un", W_UNIT, 1, 0}, {"une", W_UNIT, 1, 0}, {"deux", W_UNIT, 2, 0},
    {"trois", W_UNIT, 3, 0}, {"quatre", W_UNIT, 4, 0}, {"cinq", W_UNIT, 5, 0},
    {"six", W_UNIT, 6, 0}, {"sept", W_UNIT, 7, 0}, {"huit", W_UNIT, 8, 0},
    {"neuf", W_UNIT, 9, 0}, {"dix", W_UNIT, 10, 0}, {"onze", W_UNIT, 11, 0},
    {"douze", W_UNIT, 12, 0}, {"treize", W_UNIT, 13, 0},
    {"quatorze", W_UNIT, 14, 0}, {"quinze", W_UNIT, 15, 0},
    {"seize", W_UNIT, 16, 0},
    {"vingt", W_TEN, 20, 0}, {"vingts", W_TEN, 20, 0},
    {"trente", W_TEN, 30, 0}, {"quarante", W_TEN, 40, 0},
    {"cinquante", W_TEN, 50, 0}, {"soixante", W_TEN, 60, 0},
    {"septante", W_TEN, 70, 0}, {"huitante", W_TEN, 80, 0},
    {"octante", W_TEN, 80, 0}, {"nonante", W_TEN, 90, 0},
    {"cent", W_HUNDRED, 100, 0}, {"cents", W_HUNDRED, 100, 0},
    {"mille", W_BIG, 1000, 0}, {"mil", W_BIG, 1000, 0},
    {"million", W_BIG, 1000000, 0}, {"millions", W_BIG, 1000000, 0},
    {"milliard", W_BIG, 1000000000, 0}, {"milliards", W_BIG, 1000000000, 0},
    {"billion", W_BIG, 1000000000000LL, 0},
    {"billions", W_BIG, 1000000000000LL, 0},
    {"douzaine", W_DOZEN, 12, 0}, {"douzaines", W_DOZEN, 12, 0},
    {"dozen", W_DOZEN, 12, 1}, {"dozens", W_DOZEN, 12, 1},
    {"et", W_AND, 0, 0}, {"and", W_AND, 0, 1}, {"&", W_AND, 0, 1},
    {"virgule", W_POINT, 0, 0}, {"point", W_POINT, 0, 1},
    {"moins", W_NEG, 0, 0}, {"minus", W_NEG, 0, 1}, {"negative", W_NEG, 0, 1},
    {"a", W_A, 1, 1},
    {"demi", W_HALF, 5, 0}, {"demie", W_HALF, 5, 0}, {"half", W_HALF, 5, 1},
    {"quart", W_QUARTER, 25, 0}, {"quarts", W_QUARTER, 25, 0},
    {"one", W_UNIT, 1, 1}, {"two", W_UNIT, 2, 1}, {"three", W_UNIT, 3, 1},
    {"four", W_UNIT, 4, 1}, {"five", W_UNIT, 5, 1}, {"six", W_UNIT, 6, 1},
    {"seven", W_UNIT, 7, 1}, {"eight", W_UNIT, 8, 1}, {"nine", W_UNIT, 9, 1},
    {"ten", W_UNIT, 10, 1}, {"eleven", W_UNIT, 11, 1},
    {"twelve", W_UNIT, 12, 1}, {"thirteen", W_UNIT, 13, 1},
    {"fourteen", W_UNIT, 14, 1}, {"fifteen", W_UNIT, 15, 1},
    {"sixteen", W_UNIT, 16, 1}, {"seventeen", W_UNIT, 17, 1},
    {"eighteen", W_UNIT, 18, 1}, {"nineteen", W_UNIT, 19, 1},
    {"twenty", W_TEN, 20, 1}, {"thirty", W_TEN, 30, 1},
    {"forty", W_TEN, 40, 1}, {"fourty", W_TEN, 40, 1},
    {"fifty", W_TEN, 50, 1}, {"sixty", W_TEN, 60, 1},
    {"seventy", W_TEN, 70, 1}, {"eighty", W_TEN, 80, 1},
    {"ninety", W_TEN, 90, 1},
    {"hundred", W_HUNDRED, 100, 1}, {"hundreds", W_HUNDRED, 100, 1},
    {"thousand", W_BIG, 1000, 1}, {"thousands", W_BIG, 1000, 1},
    {"million", W_BIG, 1000000, 1}, {"millions", W_BIG, 1000000, 1},
    {"billion", W_BIG, 1000000000, 1}, {"billions", W_BIG, 1000000000, 1},
    {"trillion", W_BIG, 1000000000000LL, 1},
};

/* ASCII-lowercase copy of a word (accented letters are compared as is,
 * except É/È/À at the start which fold to é/è/à). */
static const numword *lookup_word(const char *w, size_t len, int prefer_en)
{
    char buf[32];
    if (len == 0 || len >= sizeof buf)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        char c = w[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    buf[len] = '\0';
    /* fold "É" (C3 89) to "é" (C3 A9) */
    for (size_t i = 0; i + 1 < len; i++)
        if ((unsigned char)buf[i] == 0xC3 && (unsigned char)buf[i + 1] >= 0x80 &&
            (unsigned char)buf[i + 1] <= 0x9E)
            buf[i + 1] = (char)((unsigned char)buf[i + 1] + 0x20);
    const numword *found = NULL;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(words[i].w, buf) == 0) {
            if (!found || (words[i].en == prefer_en))
                found = &words[i];
            if (words[i].en == prefer_en)
                break;
        }
    }
    return found;
}

#define MAX_WORDS 64

typedef struct {
    const char *s;
    size_t len;
} wtok;

static int split_words(const char *s, size_t n, wtok *t, int max)
{
    int nt = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t gl = group_mark_len((const unsigned char *)s, i, n);
        if (c == '-' || c == ',' || c == '\t' || c == '\n' || c == '\r' || gl) {
            i += gl ? gl : 1;
            continue;
        }
        size_t st = i;
        if (c == '&') {
            i++;
        } else {
            while (i < n) {
                unsigned char d = (unsigned char)s[i];
                if (d == '-' || d == ',' || d == ' ' || d == '\t' || d == '\n' ||
                    d == '\r' || d == '&' ||
                    group_mark_len((const unsigned char *)s, i, n))
                    break;
                i++;
            }
        }
        if (nt == max)
            return -1;
        t[nt].s = s + st;
        t[nt].len = i - st;
        nt++;
    }
    return nt;
}

/* The accumulator of words_integer: total (finished big groups), group
 * (value since the last big word, < 1000), sub (value since the last
 * hundred or big word, < 100), and what the last word was. */
typedef struct {
    int64_t total, group, sub, maxbig, last_v;
    int have, prev_and, hundred, last_k;
} wacc;

/* "a hundred", "a thousand", "a dozen": "a" is one before those only. */
static int add_a(wacc *st, const wtok *t, int k, int nt)
{
    if (st->have || k + 1 >= nt)
        return 0;
    const numword *nx = lookup_word(t[k + 1].s, t[k + 1].len, 1);
    if (!nx || (nx->k != W_HUNDRED && nx->k != W_BIG && nx->k != W_DOZEN))
        return 0;
    st->group = st->sub = 1;
    st->last_v = 1;
    st->last_k = W_UNIT;
    st->have = 1;
    return 1;
}

static int add_ten(wacc *st, const numword *w)
{
    if (w->v == 20 && st->last_k == W_UNIT && st->last_v == 4 && st->sub == 4 && !st->prev_and) {
        st->group += 76;                 /* quatre-vingt(s) = 80 */
        st->sub = 80;
        st->last_v = 80;
        st->last_k = W_TEN;
        return 1;
    }
    if (st->sub != 0 || (st->prev_and && st->last_k != W_BIG && st->last_k != W_HUNDRED))
        return 0;
    st->group += w->v;
    st->sub = w->v;
    st->last_v = w->v;
    st->last_k = W_TEN;
    st->have = 1;
    return 1;
}

/* May a unit follow what sub holds: vingt-trois, soixante-dix, dix-sept? */
static int unit_may_follow(const wacc *st, int64_t v)
{
    if (st->sub == 0)
        return 1;
    if (st->last_k == W_TEN && v < 10 && v > 0)
        return 1;                        /* vingt-trois */
    if (st->last_k == W_TEN && v >= 10 && v < 20 && (st->sub == 60 || st->sub == 80))
        return 1;                        /* soixante-dix, -onze */
    return st->last_k == W_UNIT && st->last_v == 10 && v >= 7 && v <= 9 && !st->prev_and;
}

/* A unit; words_left counts it and the words after it ("zéro" stands alone). */
static int add_unit(wacc *st, const numword *w, int words_left)
{
    if (!unit_may_follow(st, w->v))
        return 0;
    if (w->v == 0 && (st->have || words_left > 1))
        return 0;
    st->group += w->v;
    st->sub += w->v;
    st->last_v = w->v;
    st->last_k = W_UNIT;
    st->have = 1;
    return 1;
}

static int add_hundred(wacc *st)
{
    if (st->hundred || st->group >= 100)
        return 0;
    st->group = (st->group == 0 ? 1 : st->group) * 100;
    st->sub = 0;
    st->hundred = 1;
    st->last_v = 100;
    st->last_k = W_HUNDRED;
    st->have = 1;
    return 1;
}

static int add_dozen(wacc *st)
{
    st->group = (st->group == 0 ? 1 : st->group) * 12;
    st->sub = 0;
    st->last_k = W_DOZEN;
    st->have = 1;
    return 1;
}

/* mille, million, thousand...: a larger one multiplies all before it, a
 * smaller one closes its group ("deux millions trois cent mille"). */
static int add_big(wacc *st, const numword *w, int *used_big)
{
    int64_t m = w->v;
    if (used_big)
        *used_big = 1;
    if (st->maxbig == 0 || m > st->maxbig) {
        int64_t base = st->total + st->group;
        if (__builtin_mul_overflow(base == 0 ? 1 : base, m, &st->total))
            return 0;
        st->maxbig = m;
    } else {
        int64_t add;
        if (st->group == 0 && st->last_k == W_BIG)
            return 0;                     /* "mille mille" */
        if (__builtin_mul_overflow(st->group == 0 ? 1 : st->group, m, &add) ||
            __builtin_add_overflow(st->total, add, &st->total))
            return 0;
    }
    st->group = st->sub = 0;
    st->hundred = 0;
    st->last_v = m;
    st->last_k = W_BIG;
    st->have = 1;
    return 1;
}

/* One word t[k] (not "et"/"and") into the accumulator; 0 if it cannot
 * stand there. */
static int add_word(wacc *st, const numword *w, const wtok *t, int k, int nt, int *used_big)
{
    switch (w->k) {
    case W_A: return add_a(st, t, k, nt);
    case W_TEN: return add_ten(st, w);
    case W_UNIT: return add_unit(st, w, nt - k);
    case W_HUNDRED: return add_hundred(st);
    case W_DOZEN: return add_dozen(st);
    case W_BIG: return add_big(st, w, used_big);
    default: return 0;
    }
}

/* Integer value of tokens t[0..nt) (no decimal point, no fraction).
 * Returns 1 on success. */
static int words_integer(const wtok *t, int nt, int prefer_en, int64_t *out,
                         int *used_big)
{
    wacc st = {.last_v = -1, .last_k = -1};
    for (int k = 0; k < nt; k++) {
        const numword *w = lookup_word(t[k].s, t[k].len, prefer_en);
        if (!w)
            return 0;
        if (w->k == W_AND) {
            if (!st.have || st.prev_and)
                return 0;
            st.prev_and = 1;
            continue;
        }
        if (!add_word(&st, w, t, k, nt, used_big))
            return 0;
        st.prev_and = 0;
    }
    if (!st.have || st.prev_and)
        return 0;
    return !__builtin_add_overflow(st.total, st.group, out);
}

/* 1 when the words are English: one of them is English only. */
static int words_english(const wtok *t, int nt)
{
    int en = 0;
    for (int k = 0; k < nt; k++) {
        const numword *w = lookup_word(t[k].s, t[k].len, 0);
        const numword *we = lookup_word(t[k].s, t[k].len, 1);
        if (!w && !we)
            return -1;
        if (w && !w->en && we && we->en && w != we)
            continue;                    /* "six", "million": both */
        if ((w && w->en) || (!w && we))
            en = 1;
    }
    return en;
}

/* The first word from k0 of kind a or b, -1 if none. */
static int find_word(const wtok *t, int k0, int nt, int en, wkind a, wkind b)
{
    for (int k = k0; k < nt; k++) {
        const numword *w = lookup_word(t[k].s, t[k].len, en);
        if (w && (w->k == a || w->k == b))
            return k;
    }
    return -1;
}

/* "millions", "des milliards", "thousands of", "several million": a scale
 * word with no number before it says "many", not a figure ("mille" alone
 * stays 1000). */
static int bare_scale_word(const wtok *w1, int en)
{
    const numword *w = lookup_word(w1->s, w1->len, en);
    int plural = w1->len > 3 && (w1->s[w1->len - 1] | 0x20) == 's';
    return w && w->k == W_BIG && (plural || w->v >= 1000000);
}

/* A number with a fraction word at fr_at, the last word: "un demi", "et
 * demi", "trois quarts", "deux et un quart".  Returns 1 and *out. */
static int words_fraction(const wtok *t, int k0, int nt, int fr_at, int en, scan_num_dec *out)
{
    const numword *fw = lookup_word(t[fr_at].s, t[fr_at].len, en);
    if (fr_at != nt - 1)
        return 0;
    int64_t num = 1;        /* numerator of the fraction */
    int st = fr_at;         /* start of the numerator words */
    if (st - 1 >= k0) {
        const numword *p = lookup_word(t[st - 1].s, t[st - 1].len, en);
        if (p && p->k == W_UNIT && p->v >= 1 && p->v <= 9) {
            num = p->v;
            st--;
        }
    }
    int64_t whole = 0;
    int wend = st;
    if (wend - 1 >= k0) {
        const numword *p = lookup_word(t[wend - 1].s, t[wend - 1].len, en);
        if (p && p->k == W_AND)
            wend--;
        else if (st != fr_at)       /* "trois quarts" alone */
            return 0;
        if (wend > k0 && !words_integer(t + k0, wend - k0, en, &whole, NULL))
            return 0;
    }
    if (fw->k == W_HALF && num != 1)
        return 0;
    int64_t m = fw->k == W_HALF ? 5 : 25 * num;
    int sc = fw->k == W_HALF ? 1 : 2;
    if (__builtin_mul_overflow(whole, pow10_tab[sc], &out->mant) ||
        __builtin_add_overflow(out->mant, m, &out->mant))
        return 0;
    out->scale = sc;
    return 1;
}

/* The most digits of a fraction read digit by digit ("point one two"). */
#define MAX_FRACTION_WORDS 17

/* The fraction words t[from..to): all single digits ("point one two") or
 * one number ("virgule cinquante deux").  *frac and its digit count. */
static int fraction_words(const wtok *t, int from, int to, int en, int64_t *frac, int *fdig)
{
    int all_units = 1;
    *frac = 0;
    *fdig = 0;
    for (int k = from; k < to; k++) {
        const numword *w = lookup_word(t[k].s, t[k].len, en);
        if (!w || w->k != W_UNIT || w->v > 9)
            all_units = 0;
    }
    if (all_units) {
        for (int k = from; k < to; k++) {
            *frac = *frac * 10 + lookup_word(t[k].s, t[k].len, en)->v;
            if (++*fdig > MAX_FRACTION_WORDS)
                return 0;
        }
        return 1;
    }
    if (!words_integer(t + from, to - from, en, frac, NULL))
        return 0;
    for (int64_t f = *frac; f > 0; f /= 10)
        (*fdig)++;
    if (*fdig == 0)
        *fdig = 1;
    return 1;
}

/* A number with a decimal point word at pt: "deux cent virgule trois",
 * "two point two million".  Returns 1 and *out. */
static int words_decimal(const wtok *t, int k0, int nt, int pt, int en, scan_num_dec *out)
{
    int64_t ip = 0, frac;
    int fdig;
    if (pt > k0 && !words_integer(t + k0, pt - k0, en, &ip, NULL))
        return 0;
    int fe = find_word(t, pt + 1, nt, en, W_BIG, W_BIG);   /* fraction words up to a big one */
    if (fe < 0)
        fe = nt;
    if (fe == pt + 1 || !fraction_words(t, pt + 1, fe, en, &frac, &fdig))
        return 0;
    scan_num_dec v;
    if (__builtin_mul_overflow(ip, pow10_tab[fdig], &v.mant) ||
        __builtin_add_overflow(v.mant, frac, &v.mant))
        return 0;
    v.scale = fdig;
    for (int k = fe; k < nt; k++) {
        const numword *w = lookup_word(t[k].s, t[k].len, en);
        if (!w || w->k != W_BIG)
            return 0;
        scan_num_dec m = { w->v, 0 };
        if (!scan_num_mul(&v, m))
            return 0;
    }
    *out = v;
    return 1;
}

int scan_number_words(const char *s, size_t n, scan_num_dec *out)
{
    wtok t[MAX_WORDS];
    if (!s || !out)
        return 0;
    int nt = split_words(s, n, t, MAX_WORDS);
    if (nt <= 0)
        return 0;
    int en = words_english(t, nt);
    if (en < 0)
        return 0;
    const numword *w0 = lookup_word(t[0].s, t[0].len, en);
    int neg = w0 && w0->k == W_NEG, k0 = neg;
    if (k0 >= nt || (nt - k0 == 1 && bare_scale_word(&t[k0], en)))
        return 0;
    int fr_at = find_word(t, k0, nt, en, W_HALF, W_QUARTER);
    int pt = fr_at < 0 ? find_word(t, k0, nt, en, W_POINT, W_POINT) : -1;
    scan_num_dec v = {0, 0};
    if (fr_at >= 0 ? !words_fraction(t, k0, nt, fr_at, en, &v)
        : pt >= 0 ? !words_decimal(t, k0, nt, pt, en, &v)
        : !words_integer(t + k0, nt - k0, en, &v.mant, NULL))
        return 0;
    if (neg)
        v.mant = -v.mant;
    if (fr_at >= 0 || pt >= 0)
        normalise(&v);
    *out = v;
    return 1;
}
