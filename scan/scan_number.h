/*
 * scan_number.h — exact decimal numbers and the number normaliser.
 *
 * aidcube never uses strtod/atof on text: "838.354,11" is read by
 * scan_number_digits() into the exact decimal 83835411 × 10^-2, whatever the
 * locale.  A scan_num_dec is mant × 10^-scale with 0 <= scale <= 18.
 *
 * Separators are told apart by shape and by language (DESIGN.md):
 *   "838.354,11" -> 838354.11 (both marks: the last one is the decimal)
 *   "85.000"     -> 85000     (one '.' then exactly 3 digits: grouping)
 *   "12.1"       -> 12.1      (one '.' then 1-2 digits: decimal)
 *   "1,500"      -> 1.5 in French, 1500 in English
 *   "5 000 000", "20 000 000" with U+00A0/U+202F/'/’ -> grouping
 * Spelled-out numbers, French and English: "quatre-vingt-dix-sept" -> 97,
 * "deux cent mille" -> 200000, "three hundred thousand" -> 300000.
 */
#ifndef AC_NUMBER_H
#define AC_NUMBER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t mant;   /* may be negative */
    int scale;      /* number of decimal digits: value = mant / 10^scale */
} scan_num_dec;

/* Multiply by 10^exp (exp >= 0), reducing scale first; 0 on overflow. */
int scan_num_mul_pow10(scan_num_dec *v, int exp);
/* Multiply by another decimal (for "1,5 million"); 0 on overflow. */
int scan_num_mul(scan_num_dec *v, scan_num_dec by);
/* The same value written with `scale` decimals (scale >= v->scale, at
 * most 18); 0 on overflow (v unchanged). */
int scan_num_rescale(scan_num_dec *v, int scale);
/* *a += b exactly; 0 on overflow (a unchanged). */
int scan_num_add(scan_num_dec *a, scan_num_dec b);
/* Canonical text: '.' decimal, no grouping, no trailing zeros ("11900000",
 * "838354.11", "-3.5").  buf must hold 32 bytes.  Returns buf. */
char *scan_num_format(scan_num_dec v, char *buf, size_t size);
/* Comparison and conversion for the cube (double is fine there). */
int scan_num_cmp(scan_num_dec a, scan_num_dec b);
double scan_num_to_double(scan_num_dec v);
int scan_num_is_zero(scan_num_dec v);

/* Parse the digits-and-separators text s[0..n) as written in a document.
 * lang_en: 1 for English reading of a lone ",ddd".  Returns 1 and *out on
 * success, 0 when the shape is not a number (e.g. "1.2.3,4,5"). */
int scan_number_digits(const char *s, size_t n, int lang_en, scan_num_dec *out);

/* Parse a spelled-out number (French or English words, hyphens and spaces)
 * s[0..n).  Returns 1 and *out on success, 0 otherwise. */
int scan_number_words(const char *s, size_t n, scan_num_dec *out);

#endif
