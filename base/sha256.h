/* sha256.h — SHA-256 of a buffer, as 64 lowercase hex digits (FIPS 180-4),
 * for the source hashes of the Sources sheet and the warehouse's idempotent
 * loads. */
#ifndef AC_SHA256_H
#define AC_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Incremental hashing: init, update with each piece, final. */
typedef struct {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t fill;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
/* out must hold 65 bytes (64 lowercase hex digits and NUL). */
void sha256_final_hex(sha256_ctx *c, char out[65]);

/* out must hold 65 bytes. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* Hash a file's bytes; returns 0, or -1 when it cannot be read. */
int sha256_file(const char *path, char out[65]);

#endif
