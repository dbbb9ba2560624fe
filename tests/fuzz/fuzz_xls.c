/*
 * fuzz_xls.c — libFuzzer harness for the .xls reader (read_sheet.h, FreeXL
 * reading the bytes from a file) and the rows it gives (attribute_sheet.h):
 * the input is the file.  Seeded from tests/fuzz/seeds/ (tests/fuzz/run.sh).
 */
#define FUZZ_XLS_IN_PROCESS
#include "fuzz_common.h"

/* FreeXL's own memory errors, seen through the sanitizer's interceptors,
 * and its leaks on crafted files are suppressed (tests/fuzz/freexl.supp
 * says why). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "suppressions=" AC_SRCDIR "/tests/fuzz/freexl.supp";
}

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreexl.so\n";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_sheet_input(BOOK_XLS, data, size);
}
