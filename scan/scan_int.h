/*
 * scan_int.h — private interface between the parts of the scanner
 * (scan.c: patterns, numbers, amounts, counts, percents; scan_date.c: dates
 * and periods).  Not for use outside scan/scan*.c.
 *
 * Every pattern lives in the static table of scan_rx.c, is compiled by
 * scan_new() (PCRE2_UTF | PCRE2_UCP, JIT) into the caller's scanner and is
 * matched through scan_match() with that scanner's match data block.
 * Callers copy the offsets they need out of the ovector (or read a named
 * group with scan_group()) before the next scan_match() on the same
 * scanner.
 */
#ifndef AC_SCAN_INT_H
#define AC_SCAN_INT_H

#include <stddef.h>

#include "scan.h"

enum {
    RX_EXCL,        /* URLs, e-mails, phones, times, resolution numbers   */
    RX_TOKEN,       /* a digit number (1) or a spelled-out number (2)     */
    RX_ORDWORD,     /* premier, deuxième, onzième ...                     */
    RX_A_GLUED_ORD, /* 1er, 2e, 11ème (anchored, right after digits)      */
    RX_A_SCALE,     /* millions, Md, k, M ... (anchored)                  */
    RX_A_PCT,       /* %, pour cent, pourcent, percent (anchored)         */
    RX_A_CUR,       /* currency after the number (anchored)               */
    RX_A_CENTS,     /* "et 23 centimes", "43c" (anchored)                 */
    RX_A_NOUN,      /* the counted noun, maybe after 1-2 adjectives (anchored) */
    RX_A_NOUN_EN,   /* English: one lowercase word, then the noun (anchored) */
    RX_A_STATUS,    /* "en cours", "achevés" (anchored)                   */
    RX_A_QUAL,      /* maximum, par an, environ after (anchored)          */
    RX_A_MSCALE,    /* a lowercase "m" (million) on money: "$3m" (anchored) */
    RX_A_FRANC,     /* "F", "f", "frs" after a grouped number (anchored)  */
    RX_A_BADTAIL,   /* " 62" after "238 415": a broken group (anchored)   */
    RX_FRACTION,    /* la moitié, un tiers, les deux tiers, a third of    */
    RX_A_FRAC_GLOSS,/* " des Maliens : 46,8%": the exact share (anchored)   */
    RX_B_FRAC_Q,    /* "un peu plus" before "du quart" (ends at \z)       */
    RX_B_CUR,       /* currency before the number (ends at \z)            */
    RX_B_QUAL,      /* qualifier before (ends at \z)                      */
    RX_B_SKIP,      /* résolution, n°, article, pilier ... before         */
    RX_B_PCT,       /* "pourcentage de" before                            */
    RX_B_RANGE,     /* "au moins", "moins de", "entre" before (ranges)    */
    RX_A_RANGE_TO,  /* "- 20", "et 20", "à 20" after (ranges)             */
    RX_D_DMY_WORD,  /* 23 mai 2013, le 13 juin, 1er janvier 2016          */
    RX_D_MDY_WORD,  /* June 30, 2017; Oct. 2; novembre 23 de 1987         */
    RX_D_MY_WORD,   /* janvier 2015, août 99                              */
    RX_D_M_WORD,    /* mars, en mars, au mois de mars                     */
    RX_D_NUM3,      /* 14.04.2015, 14/04/2015, 3-7-27, 20 02 2014         */
    RX_D_ISO,       /* 2015-04-14, 2015/08/12, 2015.5.13                  */
    RX_D_YY,        /* 2017/2018, 2017-18, 2013-2017, 2016-11, 2015.3      */
    RX_D_MY_NUM,    /* 3/2015, 11 / 2016                                  */
    RX_D_DM_NUM,    /* 22/04, le 2/3                                      */
    RX_D_YEAR_SPAN, /* de 2010 à 2018, entre 2015 et 2016                 */
    RX_D_SINCE,     /* depuis 2013, since 2013                            */
    RX_D_DECADE,    /* les années 1990, the 1990s                         */
    RX_D_FY,        /* FY2019, FY 19: a fiscal year named by one year     */
    RX_D_END_YEAR,  /* fin 2020, as at end 2020: an as-of date, no period */
    RX_D_JOIN,      /* the connector between two dates (anchored)         */
    RX_D_DAYFIRST,  /* "13-", "du 13 au", "entre le 13 et le" (ends at \z) */
    RX_D_DAYAFTER,  /* "-20", "au 20" after "Novembre 19" (anchored)      */
    RX_D_FROM,      /* "à partir du", "du", "entre le", "from" (ends at \z) */
    RX__COUNT
};

/* Match pattern id against subj[0..len) from start with the scanner's
 * match data; returns the number of pairs (> 0) and sets *ov (borrowed until
 * the next scan_match on sx), or 0 when there is no match. */
int scan_match(scan_ctx *sx, int id, const char *subj, size_t len, size_t start,
               const size_t **ov);
/* The byte span [*s, *e) of the group called name in the last successful
 * scan_match on sx, with the ovector as it stands (match_before makes it
 * absolute); 0 when that group took no part in the match. */
int scan_group(const scan_ctx *sx, const char *name, size_t *s, size_t *e);

/* Currency groups of RX_A_CUR / RX_B_CUR (group 1 = entry 0). */
typedef struct {
    const char *iso;    /* NULL: the matched text is the code */
    int ambiguous;      /* generic $, dollar, livre, franc; FCFA */
} scan_cur_def;
extern const scan_cur_def scan_cur_tab[];
extern const size_t scan_n_cur;
/* Units of the counted-noun groups of RX_A_NOUN (group 1 = entry 0). */
extern const char *const scan_noun_tab[];
extern const size_t scan_n_noun;

/* The scanning context shared by scan.c and scan_date.c. */
typedef struct {
    scan_ctx *sx;       /* the caller's scanner: patterns and match data */
    const char *t;
    size_t n;
    const scan_opts *o;
    scan_item *it;      /* malloc'ed work vector */
    size_t nit, cap;
    int oom;
} scan_run;

scan_item *scan_push(scan_run *c);
/* qsort order of items: by start, then the longest first. */
int scan_item_cmp(const void *x, const void *y);
/* Month number (1-12) of a month name or abbreviation, 0 if none. */
int scan_month(const char *s, size_t n);
/* Small integer of a digit string s[0..n), -1 if not all digits / too long. */
int scan_parse_int(const char *s, size_t n);
/* Dates and periods of the whole text into c (scan_date.c). */
void scan_dates(scan_run *c);
/* Shares written as fractions in words ("la moitié du budget") into c. */
void scan_fractions(scan_run *c);
/* 1 if (y, m, d) is a possible calendar date (y 0 = unknown year). */
int scan_date_ok(int y, int m, int d);

#endif
