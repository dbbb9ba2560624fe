/* hash.c — open-addressing hash index (see hash.h). */
#include "hash.h"

#include <stdlib.h>

/* at most half full: probes stay short */
#define HIDX_MIN_CAP 16

void hidx_init(hidx *h)
{
    h->slot = NULL;
    h->hash = NULL;
    h->cap = h->n = 0;
}

void hidx_free(hidx *h)
{
    if (!h)
        return;
    free(h->slot);
    free(h->hash);
    hidx_init(h);
}

uint64_t hash_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

uint64_t hash_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
    return hash_mix(hash_fnv(HASH_FNV_INIT ^ seed, p, n));
}

uint32_t hidx_find(const hidx *h, uint64_t hash, hidx_eq eq, const void *key, void *ctx)
{
    if (!h->cap)
        return HIDX_NONE;
    size_t mask = h->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        if (!h->slot[i])
            return HIDX_NONE;
        if (h->hash[i] == hash && eq(h->slot[i] - 1, key, ctx))
            return h->slot[i] - 1;
    }
}

static void place(uint32_t *slot, uint64_t *hash, size_t cap, uint64_t hv, uint32_t v)
{
    size_t mask = cap - 1;
    size_t i = hv & mask;
    while (slot[i])
        i = (i + 1) & mask;
    slot[i] = v;
    hash[i] = hv;
}

static ac_error grow(hidx *h)
{
    size_t cap = h->cap ? h->cap * 2 : HIDX_MIN_CAP;
    uint32_t *slot = calloc(cap, sizeof *slot);
    uint64_t *hash = malloc(cap * sizeof *hash);
    if (!slot || !hash) {
        free(slot);
        free(hash);
        return AC_ERR_NOMEM;
    }
    for (size_t i = 0; i < h->cap; i++)
        if (h->slot[i])
            place(slot, hash, cap, h->hash[i], h->slot[i]);
    free(h->slot);
    free(h->hash);
    h->slot = slot;
    h->hash = hash;
    h->cap = cap;
    return AC_OK;
}

ac_error hidx_insert(hidx *h, uint64_t hash, uint32_t row)
{
    if (row == HIDX_NONE)
        return AC_ERR_USAGE;
    if (2 * (h->n + 1) > h->cap) {
        ac_error err = grow(h);
        if (err)
            return err;
    }
    place(h->slot, h->hash, h->cap, hash, row + 1);
    h->n++;
    return AC_OK;
}
