/*
 * vec.h — the one growable array of aidcube.
 *
 * A vector is three variables the caller already has: a pointer to the
 * elements, a count and a capacity.  vec_reserve() makes room for `need`
 * elements by doubling the capacity (at least 16 elements), with realloc:
 * the memory is the caller's, freed with free().  On failure nothing moves:
 * the old elements stay valid and the caller still owns them.
 *
 *     item *v = NULL; size_t n = 0, cap = 0;
 *     ac_error err;
 *     VEC_PUSH(err, v, n, cap);
 *     if (err) ...;
 *     v[n++] = x;
 *
 * (Arena-owned arrays grow with arena_grow of arena.h instead.)
 */
#ifndef AC_VEC_H
#define AC_VEC_H

#include <stddef.h>

#include "error.h"

/* Make room for `need` elements of `elem` bytes in *data (capacity *cap),
 * doubling; AC_ERR_NOMEM on failure (data untouched). */
ac_error vec_reserve(void **data, size_t *cap, size_t need, size_t elem);

/* Room for one more element after the n in data: err is AC_OK or
 * AC_ERR_NOMEM.  data must be an lvalue pointer to a complete type. */
#define VEC_PUSH(err, data, n, cap)                                          \
    do {                                                                     \
        void *vec_p_ = (data);                                               \
        (err) = vec_reserve(&vec_p_, &(cap), (n) + 1, sizeof *(data));       \
        (data) = vec_p_;                                                     \
    } while (0)

#endif
