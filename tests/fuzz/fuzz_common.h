/*
 * fuzz_common.h — what the libFuzzer harnesses share: the scanner and the
 * gazetteer, loaded once for the whole run (as a command loads them once
 * for all its files), and one input read as a spreadsheet of a given
 * format or as a text document, then attributed to observations.
 *
 * Each harness is one LLVMFuzzerTestOneInput over these functions:
 *   fuzz_csv, fuzz_xlsx, fuzz_ods, fuzz_xls   one reader, then the rows
 *   fuzz_extract                              the text ETL of one document
 *   fuzz_pipeline                             bytes -> extract -> cube -> check
 * Any crash, sanitizer report, leak or hang is a bug; what is extracted is
 * the golden tests' business.
 *
 * Memory: everything an input builds is in the arena given (freed by the
 * harness after each input); the scanner and gazetteer live for the run.
 */
#ifndef AC_FUZZ_COMMON_H
#define AC_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../attribute/attribute.h"
#include "../../attribute/attribute_gazetteer.h"
#include "../../attribute/attribute_sheet.h"
#include "../../read/read_sheet.h"
#include "../../read/read_text.h"
#include "../../scan/scan.h"

/* What one input may build: a limit of its own, so that a run stays
 * short; the readers' limits are what is under test, not their size. */
#define FUZZ_ARENA_BYTES (64u << 20)
#define FUZZ_BOOK_BYTES (8u << 20)

static gazetteer *fuzz_gz;
static scan_ctx *fuzz_sx;

static inline void fuzz_init(void)
{
    if (fuzz_gz)
        return;
    if (scan_new(NULL, &fuzz_sx) != AC_OK ||
        attribute_gazetteer_load(AC_REFDIR, NULL, &fuzz_gz) != AC_OK)
        abort();
}

/* FreeXL reads from a path: the bytes go to a file of this process's own
 * (libFuzzer's fork and jobs modes run several processes).  Every harness
 * reads it as aidcube does, in the child read_xls() starts
 * (read_xls_child.c): FreeXL 1.0.6 writes outside its buffers on crafted
 * files (tests/fuzz/freexl.supp), and a write the sanitizer is told to let
 * pass still corrupts this process, differently on each machine, so the
 * reproducible runs of the suite (t_fuzz.sh) must not have FreeXL in the
 * fuzzer's process.  fuzz_xls under `make fuzz` (tests/fuzz/run.sh sets
 * AIDCUBE_FUZZ_XLS_IN_PROCESS, and goes on after crashes) reads it in this
 * process instead: the fuzzer then sees the coverage of FreeXL's callers,
 * and runs far faster than with a fork per input. */
static inline ac_error fuzz_read_xls(const uint8_t *data, size_t size, const read_sheet_limits *lim,
                              arena *a, book *b)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/aidcube-fuzz-%ld.xls", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size) {
        if (f)
            fclose(f);
        abort();           /* the machine, not the input: stop the run */
    }
    if (fclose(f) != 0)
        abort();
    ac_error err;
#ifdef FUZZ_XLS_IN_PROCESS
    if (getenv("AIDCUBE_FUZZ_XLS_IN_PROCESS"))
        err = read_xls_freexl(path, lim, NULL, a, b);
    else
#endif
        err = read_sheet(path, BOOK_XLS, data, size, lim, NULL, a, b);
    unlink(path);
    return err;
}

/* The bytes read as a spreadsheet of format f, then its rows attributed;
 * observations in *out. */
static inline void fuzz_sheet(book_format f, const uint8_t *data, size_t size, arena *a,
                       attribute_obs_list *out, attribute_info *info)
{
    fuzz_init();
    read_sheet_limits lim;
    read_sheet_limits_init(&lim);
    lim.max_part_bytes = lim.max_total_bytes = lim.max_book_bytes = FUZZ_BOOK_BYTES;
    book b;
    ac_error err = f == BOOK_XLS ? fuzz_read_xls(data, size, &lim, a, &b)
                                 : read_sheet("fuzz", f, data, size, &lim, NULL, a, &b);
    if (err != AC_OK)
        return;
    attribute_sheet_opts o = {0};
    attribute_sheet_reject_list rej = {0};
    (void)attribute_sheet_rows(fuzz_sx, &b, "fuzz", "fuzz", fuzz_gz, &o, NULL, a, out, &rej, info);
}

/* The bytes read as a text document (any encoding read_text knows), then
 * attributed; lang: SCAN_LANG_EN or -1 (found from the text). */
static inline void fuzz_text(const uint8_t *data, size_t size, int lang, arena *a,
                      attribute_obs_list *out, attribute_info *info)
{
    fuzz_init();
    read_text_doc doc;
    if (read_text_decode("fuzz.txt", data, size, NULL, a, &doc) == AC_OK)
        (void)attribute_document(fuzz_sx, &doc, fuzz_gz, lang, NULL, a, out, info);
}

/* One reader's harness: the whole input is a file of format f. */
static inline int fuzz_sheet_input(book_format f, const uint8_t *data, size_t size)
{
    arena *a = arena_new(FUZZ_ARENA_BYTES);
    if (!a)
        abort();
    attribute_obs_list out = {0};
    attribute_info info;
    fuzz_sheet(f, data, size, a, &out, &info);
    arena_free(a);
    return 0;
}

#endif
