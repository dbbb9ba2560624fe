/*
 * fuzz_extract.c — libFuzzer harness for the whole text ETL of one document:
 * decode (read_text_decode), scan, find tables, match the gazetteer, attribute.
 * Any crash, sanitizer report, leak or hang is a bug; the observations
 * themselves are not checked here (the golden tests do that).
 *
 *   make fuzz              (runs every harness for FUZZ_SECONDS)
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../attribute/attribute.h"
#include "../../attribute/attribute_gazetteer.h"
#include "../../read/read_text.h"
#include "../../scan/scan.h"

static gazetteer *gz;
static scan_ctx *sx;       /* the harness's scanner, for the whole run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!gz) {
        if (scan_new(NULL, &sx) != AC_OK || attribute_gazetteer_load(AC_REFDIR, NULL, &gz) != AC_OK)
            abort();
    }
    arena *a = arena_new(64u << 20);
    read_text_doc doc;
    attribute_obs_list out = {0};
    if (read_text_decode("fuzz.txt", data, size, NULL, a, &doc) == AC_OK)
        (void)attribute_document(sx, &doc, gz, size % 3 == 0 ? SCAN_LANG_EN : -1, NULL, a,
                                 &out, NULL);
    arena_free(a);
    return 0;
}
