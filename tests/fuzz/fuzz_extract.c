/*
 * fuzz_extract.c — libFuzzer harness for the whole text ETL of one document:
 * decode (read_text_decode), scan, find tables, match the gazetteer,
 * attribute (fuzz_common.h).  One input in three is read as English
 * whatever it says, the others in the language found.
 *
 *   make fuzz              (runs every harness for FUZZ_SECONDS)
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(FUZZ_ARENA_BYTES);
    if (!a)
        abort();
    attribute_obs_list out = {0};
    fuzz_text(data, size, size % 3 == 0 ? SCAN_LANG_EN : -1, a, &out, NULL);
    arena_free(a);
    return 0;
}
