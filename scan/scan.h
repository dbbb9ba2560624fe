/*
 * scan.h — the scanner: every money amount, percentage, count, number, date
 * and period in a UTF-8 text, with its byte span.
 *
 * Data flow: read_text.c hands over decoded UTF-8 text (one whole document or
 * one phrase of `aidcube parse`); scan_text() runs the PCRE2 patterns
 * (compiled by scan_new into a scanner the caller owns, JIT) and the number normaliser (scan_number.h)
 * over it and returns items in text order.  attribute.c then turns items
 * into observations.  The scanner knows nothing of files, lines or the
 * gazetteer: it takes bytes and returns items, so it is fuzzable and
 * golden-testable on its own.
 *
 * Spaces: U+00A0, U+202F and the thin spaces count as spaces (PCRE2 \h in
 * UTF mode), and line breaks may separate a number from its scale word or
 * currency ("545.000 \n\nUSD" in PDF extractions), but never split the digits
 * of one number.
 *
 * Memory: items and their strings are allocated from the caller's arena and
 * live until it is reset.
 */
#ifndef AC_SCAN_H
#define AC_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"
#include "scan_number.h"

typedef enum {
    SCAN_AMOUNT,     /* money: value + currency                          */
    SCAN_PERCENT,    /* a percentage, value in points (28% -> 28)        */
    SCAN_COUNT,      /* a number followed by what it counts (27 QIPs)   */
    SCAN_NUMBER,     /* a bare number (only reported when asked for)    */
    SCAN_DATE,       /* a calendar date (day, month-year or year-less)  */
    SCAN_PERIOD      /* a year, fiscal year, span, "depuis 2013", range  */
} scan_kind;

/* Bit mask of kinds to look for. */
#define SCAN_MASK(k) (1u << (k))
#define SCAN_ALL 0x3Fu

typedef enum {
    SCAN_Q_EXACT = 0,
    SCAN_Q_APPROX,   /* environ, près de, avoisine, plus de, about, ... */
    SCAN_Q_MAX,      /* maximum, au plus, jusqu'à, up to, ceiling, ...  */
    SCAN_Q_PER_YEAR  /* par an, annuel, per year                       */
} scan_qual;

typedef enum {
    PERIOD_NONE = 0,
    PERIOD_YEAR,      /* 2017                                           */
    PERIOD_FISCAL,    /* 2017/2018, UN fiscal year 1 July - 30 June      */
    PERIOD_SPAN,      /* 2013-2017, Mai 2013 - Avril 2015                */
    PERIOD_SINCE,     /* depuis 2013: open end (y2 == 0)                 */
    PERIOD_RANGE      /* a numeric or amount range: entre 10 et 20 euros */
} period_kind;

/* A calendar point; 0 in a field means "not given". */
typedef struct {
    int year, month, day;
} scan_date;

typedef struct {
    scan_kind kind;
    size_t start, end;        /* byte span of the whole phrase in the text */
    size_t num_start;         /* byte offset of the number itself: its line */
    scan_num_dec value;            /* amount, percent, count, number; range low  */
    scan_num_dec value_hi;         /* PERIOD_RANGE: high end (valid if has_hi)   */
    int has_lo, has_hi;       /* PERIOD_RANGE: open ends ("au moins 10")    */
    char currency[4];         /* ISO 4217, "" when not stated               */
    int currency_ambiguous;   /* FCFA (XOF/XAF), bare $, ...: country decides */
    const char *unit;         /* SCAN_COUNT: "projects", "people", ... (static) */
    scan_qual qual;
    period_kind pkind;        /* SCAN_PERIOD                                */
    scan_date d1, d2;         /* SCAN_DATE: d1; SCAN_PERIOD: d1 .. d2        */
    int invalid;              /* an impossible date (30 février 2017)       */
    int out_of_range;         /* its value is not to be used: a number too
                                 large to hold exactly, or a malformed one
                                 (the caller warns with file and line)     */
    int malformed;            /* with out_of_range: a grouping that breaks
                                 the rules on money ("238 415 62 dollars",
                                 a last group of two digits); the warning
                                 says "malformed number", not "out of
                                 range"; value is 0, span the whole phrase */
    int ordinal;              /* SCAN_NUMBER read from "1er", "deuxième"     */
    int each_year;            /* SCAN_PERIOD: consecutive fiscal years stated
                                 one by one ("les exercices 2018-2019 et
                                 2019-2020"): one span, whose figures are
                                 per year                               */
    int part_of_prev;         /* SCAN_COUNT carried by ellipsis as a part of
                                 the count before it ("45 projets, dont 12
                                 à Gao et 9 à Mopti": the 12 and the 9)   */
} scan_item;

typedef enum { SCAN_LANG_FR = 0, SCAN_LANG_EN } scan_lang;

typedef struct {
    scan_lang lang;           /* settles 1,500 (fr: 1.5, en: 1500)          */
    unsigned kinds;           /* SCAN_MASK bits; 0 means all but NUMBER     */
    int doc_year;             /* year for "le 13 juin"; 0: leave year-less  */
    int accounting;           /* 1: "(12,50 €)" is negative (statements);
                                 0: brackets are an aside, as in prose     */
    int lang_guessed;         /* 1: lang was detected, not given: money's
                                 shape settles "USD 400,000" (no scale word:
                                 thousands, money has two decimals)        */
} scan_opts;

/* The scanner: the compiled patterns and the match data they share.  Its
 * caller owns it; nothing in the scanner is global, so two scanners may scan
 * two texts at once in two threads.  One scanner scans one text at a time. */
typedef struct scan_ctx scan_ctx;

/* Compile the patterns (JIT when available) into a new scanner, *out, which
 * the caller frees with scan_free().  A pattern that does not compile is
 * reported on d (may be NULL) and returned as AC_ERR_REGEX. */
ac_error scan_new(diag *d, scan_ctx **out);
/* Free a scanner; NULL is accepted. */
void scan_free(scan_ctx *sx);

/* From scan_remember until scan_forget, the scanner keeps what its
 * whole-text patterns (exclusions, numbers, dates and periods) find in
 * text[0..len), that very text (the same pointer and length): a later
 * scan_text of it reads those matches instead of searching again (what
 * attribute_document does: dates first, for the document's year, then
 * everything).  The results are the same; the memory is the scanner's,
 * freed by scan_forget (and scan_free).  The caller keeps text unchanged
 * meanwhile. */
void scan_remember(scan_ctx *sx, const char *text, size_t len);
void scan_forget(scan_ctx *sx);
/* How many searches the scanner keeps now, and (read_back, may be NULL)
 * how many were read back since scan_remember. */
size_t scan_remembered(const scan_ctx *sx, size_t *read_back);

/* Scan text[0..len) with sx and return items in text order in *items
 * (arena-owned). */
ac_error scan_text(scan_ctx *sx, const char *text, size_t len, const scan_opts *opts,
                   arena *a, scan_item **items, size_t *n_items);

/* Guess the language of a document: SCAN_LANG_EN when English function words
 * clearly outnumber French ones, else SCAN_LANG_FR. */
scan_lang scan_detect_lang(const char *text, size_t len);

/* ISO 8601 text of a date: yyyy-mm-dd, yyyy-mm, yyyy, --mm-dd (no year),
 * --mm, or ".." when nothing is known (an open end). */
void scan_date_format(char *buf, size_t size, scan_date d);

/* Names for output: "exact", "approx", "max", "per_year". */
const char *scan_qual_name(scan_qual q);

#endif
