/*
 * fuzz_sheet.c — libFuzzer harness for the spreadsheet readers and the row
 * reader: the first byte picks the format (CSV, .xlsx, .ods), the rest is
 * the file; the grid then goes through header mapping and rows to
 * observations.  Any crash, sanitizer report, leak or hang is a bug.
 * (.xls is read by FreeXL from a path, not from memory: not fuzzed here.)
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../attribute/attribute_gazetteer.h"
#include "../../scan/scan.h"
#include "../../read/read_sheet.h"
#include "../../attribute/attribute_sheet.h"

static gazetteer *gz;
static scan_ctx *sx;       /* the harness's scanner, for the whole run */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!gz) {
        if (scan_new(NULL, &sx) != AC_OK || attribute_gazetteer_load(AC_REFDIR, NULL, &gz) != AC_OK)
            abort();
    }
    if (size < 1)
        return 0;
    static const book_format formats[] = {BOOK_CSV, BOOK_XLSX, BOOK_ODS};
    book_format f = formats[data[0] % 3];
    arena *a = arena_new(64u << 20);
    read_sheet_limits lim;
    read_sheet_limits_init(&lim);
    lim.max_part_bytes = lim.max_total_bytes = 8u << 20;   /* keep each run short */
    lim.max_book_bytes = 8u << 20;
    book b;
    if (read_sheet("fuzz", f, data + 1, size - 1, &lim, NULL, a, &b) == AC_OK) {
        attribute_sheet_opts o = {0};
        attribute_obs_list out = {0};
        attribute_sheet_reject_list rej = {0};
        attribute_info info;
        (void)attribute_sheet_rows(sx, &b, "fuzz", "fuzz", gz, &o, NULL, a, &out, &rej, &info);
    }
    arena_free(a);
    return 0;
}
