/*
 * arena.h — a per-document memory arena (PostgreSQL's memory contexts in
 * miniature).
 *
 * Everything aidcube derives from one source document — its decoded text,
 * line index, scanned items, gazetteer mentions, observations and their
 * strings — is allocated from one arena and freed at once with arena_free()
 * when the document has been emitted or loaded.  Nothing allocated from an
 * arena may be freed individually.
 *
 * An arena may have a byte limit; exhaustion returns NULL (never aborts), so
 * callers report AC_ERR_NOMEM and out-of-memory paths stay testable.
 */
#ifndef AC_ARENA_H
#define AC_ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* New arena; limit 0 means unlimited.  Caller frees with arena_free(). */
arena *arena_new(size_t limit);
void arena_free(arena *a);                 /* accepts NULL */
void arena_reset(arena *a);                /* drop everything, keep arena */

/* Zeroed, 16-byte aligned memory owned by the arena; NULL on exhaustion. */
void *arena_alloc(arena *a, size_t size);
/* Copies of strings, owned by the arena; NULL on exhaustion. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Grow an arena array: returns a new block of new_n elements holding the
 * old contents.  The old block must not be used after: when old_n
 * elements filled a chunk of their own (arrays past 64 KiB) that chunk is
 * freed, else the block is abandoned in the arena. */
void *arena_grow(arena *a, void *old, size_t old_n, size_t new_n, size_t elem);

size_t arena_used(const arena *a);
/* Did the arena's limit (not the machine) refuse an allocation? */
int arena_refused(const arena *a);

#endif
