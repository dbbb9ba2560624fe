/*
 * hash.h — an open-addressing hash index from keys to 32-bit row numbers.
 *
 * The index stores only row numbers; the rows themselves live in the
 * caller's arrays, and the caller says how to compare a probe with a row
 * (hidx_eq).  That keeps one index type for member names, cube coordinates
 * and source hashes, with no copy of the keys.
 *
 * Linear probing, capacity a power of two kept at most half full, so a
 * lookup costs O(1) on average.  hash_bytes() is FNV-1a 64 finished with a
 * 64-bit mixer: deterministic (no per-process seed), so output never depends
 * on the run.
 *
 * Memory: the index owns its slot array (hidx_free releases it); rows and
 * probes are borrowed for the duration of a call.  No global state.
 */
#ifndef AC_HASH_H
#define AC_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* 1 when row `row` of the caller's table equals the probe `key`. */
typedef int (*hidx_eq)(uint32_t row, const void *key, void *ctx);

typedef struct {
    uint32_t *slot;     /* row + 1, 0 = empty                          */
    uint64_t *hash;     /* full hash of the slot's row                 */
    size_t cap, n;
} hidx;

#define HIDX_NONE UINT32_MAX

void hidx_init(hidx *h);
void hidx_free(hidx *h);   /* accepts an initialised or zeroed index */

/* The row whose key equals `key`, or HIDX_NONE. */
uint32_t hidx_find(const hidx *h, uint64_t hash, hidx_eq eq, const void *key, void *ctx);

/* Record `row` under `hash` (the caller has checked it is not there). */
ac_error hidx_insert(hidx *h, uint64_t hash, uint32_t row);

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);
uint64_t hash_mix(uint64_t x);

/* The FNV-1a 64 state after p[0..n), from state h, not yet mixed.  Chained
 * calls hash a concatenation piece by piece (a key built word by word):
 * hash_bytes(p, n, seed) == hash_mix(hash_fnv(HASH_FNV_INIT ^ seed, p, n)). */
#define HASH_FNV_INIT 0xcbf29ce484222325ULL
uint64_t hash_fnv(uint64_t h, const void *p, size_t n);

#endif
