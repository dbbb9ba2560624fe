/*
 * fuzz_xlsx.c — libFuzzer harness for the .xlsx reader (read_sheet.h) and the
 * rows it gives (attribute_sheet.h): the input is the file.  Seeded from
 * tests/fuzz/seeds/ (and fixtures/sheets/ for CSV: tests/fuzz/run.sh).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_sheet_input(BOOK_XLSX, data, size);
}
