/*
 * strbuf.h — a growable, NUL-terminated byte string on the heap: the one
 * string buffer of aidcube (COPY rows for the warehouse, XML of the pivot
 * parts, folded words, character data of spreadsheet cells, lists of
 * references in findings).
 *
 * Errors are sticky: after an allocation fails or the buffer would pass its
 * limit (`max`, 0: none), every later add does nothing and returns -1, and
 * `failed` says which (STRBUF_NOMEM or STRBUF_LIMIT).  A writer adds many
 * pieces and checks once at the end.
 *
 * Memory: the buffer owns `s` (malloc); strbuf_free releases it,
 * strbuf_take hands it to the caller.  A zeroed strbuf is an empty,
 * unbounded buffer; `s` is NULL until the first add.
 */
#ifndef AC_STRBUF_H
#define AC_STRBUF_H

#include <stddef.h>
#include <stdio.h>

enum { STRBUF_OK = 0, STRBUF_NOMEM = 1, STRBUF_LIMIT = 2 };

typedef struct {
    char *s;        /* the bytes, NUL-terminated (NULL while empty)         */
    size_t n;       /* bytes used, without the NUL                          */
    size_t cap;     /* bytes allocated                                      */
    size_t max;     /* most bytes n may reach; 0: no limit                  */
    int failed;     /* STRBUF_OK, or the first failure (sticky)             */
} strbuf;

/* Append n bytes of p (p may hold NULs).  0, or -1 once failed. */
int strbuf_add(strbuf *b, const void *p, size_t n);
/* Append the C string s. */
int strbuf_adds(strbuf *b, const char *s);
/* Append one byte. */
int strbuf_addc(strbuf *b, char c);
/* Append printf-formatted text. */
int strbuf_addf(strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Make room for n more bytes without adding them (0, or -1 once failed). */
int strbuf_reserve(strbuf *b, size_t n);
/* Cut the string to its first n bytes (nothing when n >= b->n). */
void strbuf_truncate(strbuf *b, size_t n);
/* Append everything f holds from its position to its end: 0, or -1 when
 * reading failed (errno says why) or the buffer failed. */
int strbuf_read_file(strbuf *b, FILE *f);
/* The whole file at path, malloc'd and NUL-terminated, its length in *len
 * (may be NULL); NULL when it cannot be opened or read, is longer than max
 * bytes (0: no limit) or memory runs out. */
char *strbuf_read_path(const char *path, size_t max, size_t *len);
/* Empty the buffer, keeping its memory, its limit and clearing `failed`. */
void strbuf_reset(strbuf *b);
/* The string (never NULL: "" while empty). */
const char *strbuf_str(const strbuf *b);
/* Hand the malloc'd string to the caller (NULL after a failure; "" is
 * returned allocated when empty) and leave the buffer empty. */
char *strbuf_take(strbuf *b);
/* Release the memory; the buffer is zeroed (its limit too). */
void strbuf_free(strbuf *b);

#endif
