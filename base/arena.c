/* arena.c — chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    unsigned char data[];
} chunk;

struct arena {
    chunk *head;
    size_t limit, total;
    int refused;               /* the limit refused an allocation */
};

arena *arena_new(size_t limit)
{
    arena *a = calloc(1, sizeof *a);
    if (a)
        a->limit = limit;
    return a;
}

void arena_reset(arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *n = c->next;
        free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

void arena_free(arena *a)
{
    arena_reset(a);
    free(a);
}

/* size bytes (rounded up to 16), not zeroed. */
static void *bump(arena *a, size_t size)
{
    if (!a)
        return NULL;
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
        if (want > SIZE_MAX - sizeof(chunk))
            return NULL;
        if (a->limit && (want > a->limit || a->total > a->limit - want)) {
            a->refused = 1;
            return NULL;
        }
        c = malloc(sizeof(chunk) + want);
        if (!c)
            return NULL;
        c->size = want;
        c->used = 0;
        c->next = a->head;
        a->head = c;
        a->total += want;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = bump(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

/* (every byte of the copy is written: no zeroing first) */
char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = bump(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = NULL;
    if (n >= 0 && (p = arena_alloc(a, (size_t)n + 1)))
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

/* The old block of a growing array had a chunk of its own when it was
 * larger than a chunk's least size: give that chunk back, so an array
 * grown by doubling costs its last size, not twice it. */
static void release_own_chunk(arena *a, void *old, size_t bytes)
{
    bytes = (bytes + 15) & ~(size_t)15;
    if (bytes <= CHUNK_MIN)
        return;
    for (chunk **pc = &a->head; *pc; pc = &(*pc)->next) {
        chunk *c = *pc;
        if ((void *)c->data != old)
            continue;
        if (c->size == bytes && c->used == bytes) {
            *pc = c->next;
            a->total -= c->size;
            free(c);
        }
        return;
    }
}

void *arena_grow(arena *a, void *old, size_t old_n, size_t new_n, size_t elem)
{
    if (new_n && elem > SIZE_MAX / new_n)
        return NULL;
    unsigned char *p = bump(a, new_n * elem);
    if (!p)
        return NULL;
    size_t kept = old && old_n ? (old_n < new_n ? old_n : new_n) : 0;
    if (kept) {
        memcpy(p, old, kept * elem);
        release_own_chunk(a, old, old_n * elem);
    }
    memset(p + kept * elem, 0, (new_n - kept) * elem);   /* the new elements, zeroed */
    return p;
}

int arena_refused(const arena *a)
{
    return a && a->refused;
}

size_t arena_used(const arena *a)
{
    return a ? a->total : 0;
}
