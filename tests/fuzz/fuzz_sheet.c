/*
 * fuzz_sheet.c — libFuzzer harness for the spreadsheet readers and the row
 * reader: the first byte picks the format (CSV, .xlsx, .ods), the rest is
 * the file; the grid then goes through header mapping and rows to
 * observations.  Any crash, sanitizer report, leak or hang is a bug.
 * (.xls is read by FreeXL from a path, not from memory: not fuzzed here.)
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../etl/gazetteer.h"
#include "../../etl/scan.h"
#include "../../etl/sheet.h"
#include "../../etl/sheet_facts.h"

static gazetteer *gz;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!gz) {
        if (scan_init() != AC_OK || gazetteer_load(AC_REFDIR, NULL, &gz) != AC_OK)
            abort();
    }
    if (size < 1)
        return 0;
    static const book_format formats[] = {BOOK_CSV, BOOK_XLSX, BOOK_ODS};
    book_format f = formats[data[0] % 3];
    arena *a = arena_new(64u << 20);
    sheet_limits lim;
    sheet_limits_init(&lim);
    lim.max_part_bytes = lim.max_total_bytes = 8u << 20;   /* keep each run short */
    book b;
    if (sheet_read("fuzz", f, data + 1, size - 1, &lim, NULL, a, &b) == AC_OK) {
        sheet_opts o = {0};
        obs_list out = {0};
        sheet_reject_list rej = {0};
        attribute_info info;
        (void)sheet_observations(&b, "fuzz", "fuzz", gz, &o, NULL, a, &out, &rej, &info);
    }
    arena_free(a);
    return 0;
}
