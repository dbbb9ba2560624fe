/*
 * utf8.h — the one UTF-8 decoder of aidcube: what a valid character is
 * (RFC 3629: no overlong form, no surrogate, nothing above U+10FFFF), its
 * length, its code point, and the encoder.  Used by the text reader, the
 * diagnostics' escaping, the fold of the gazetteer and the workbook writer.
 * Pure functions: no memory is allocated.
 */
#ifndef AC_UTF8_H
#define AC_UTF8_H

#include <stddef.h>

/* Length (1..4) of the valid character that starts at s, within n bytes,
 * and its code point in *cp (may be NULL); 0 when s[0..n) does not start
 * with one (an invalid, overlong, surrogate or cut sequence, or n == 0). */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* The UTF-8 bytes of code point cp (<= 0x10FFFF) into out; their number. */
size_t utf8_encode(unsigned cp, char out[4]);

/* 1 when s[0..n) is valid UTF-8.  Otherwise 0, and *cut (may be NULL) is 1
 * when the only fault is a sequence cut by the end of the bytes. */
int utf8_valid(const unsigned char *s, size_t n, int *cut);

/* Count the multi-byte characters and the invalid bytes of s[0..n):
 * returns 1 when there is no invalid byte. */
int utf8_census(const unsigned char *s, size_t n, size_t *n_multi, size_t *n_bad);

#endif
