/*
 * fuzz_parse.c — libFuzzer harness for the normaliser alone: scan_text on
 * arbitrary bytes in French and in English, every kind asked for, then
 * scan_number_digits and scan_number_words on the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../scan/scan_number.h"
#include "../../scan/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static scan_ctx *sx;       /* the harness's scanner, for the whole run */
    if (!sx && scan_new(NULL, &sx) != AC_OK)
        abort();
    arena *a = arena_new(64u << 20);
    for (int lang = 0; lang < 2; lang++) {
        scan_opts o = {.lang = (scan_lang)lang, .kinds = SCAN_ALL, .doc_year = 2017};
        scan_item *it;
        size_t n;
        (void)scan_text(sx, (const char *)data, size, &o, a, &it, &n);
        scan_num_dec v;
        (void)scan_number_digits((const char *)data, size, lang, &v);
    }
    scan_num_dec w;
    (void)scan_number_words((const char *)data, size, &w);
    arena_free(a);
    return 0;
}
