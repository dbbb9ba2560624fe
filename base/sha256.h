/* sha256.h — SHA-256 of a buffer, as 64 lowercase hex digits (FIPS 180-4),
 * for the source hashes of the Sources sheet and the warehouse's idempotent
 * loads. */
#ifndef AC_SHA256_H
#define AC_SHA256_H

#include <stddef.h>

/* out must hold 65 bytes. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* Hash a file's bytes; returns 0, or -1 when it cannot be read. */
int sha256_file(const char *path, char out[65]);

#endif
