/*
 * fuzz_pipeline.c — libFuzzer harness for the whole in-process job, as
 * pipeline.h runs it: bytes -> extract -> model -> cube -> check.
 *
 * The input is up to FUZZ_MAX_SOURCES sources separated by FUZZ_SOURCE_SEP
 * lines, so that totals, parts and restatements meet across sources as they
 * do in a night's batch.  A source is a spreadsheet when its bytes say so
 * (an .xlsx or .ods zip, an OLE2 .xls: read_sheet_detect), a CSV list when
 * its first byte is FUZZ_CSV_MARK (the rest is the file), else a text
 * report.  Each source's observations go to the model as pipeline.c adds
 * them (its identity: a name of its own and the SHA-256 of its bytes, so
 * that a repeated source is a copy, loaded once), then model_freeze,
 * cube_build and check_run.  The reference data is loaded once.
 */
#include <string.h>

#include "../../base/sha256.h"
#include "../../check/check.h"
#include "../../cube/cube.h"
#include "../../model/model.h"
#include "fuzz_common.h"

#define FUZZ_SOURCE_SEP "\n==aidcube-source==\n"
#define FUZZ_MAX_SOURCES 4
#define FUZZ_CSV_MARK 0x01

/* One source's observations, read as its bytes say. */
static void read_source(const uint8_t *p, size_t n, arena *a, attribute_obs_list *out,
                        attribute_info *info)
{
    book_format f;
    memset(info, 0, sizeof *info);
    if (n && p[0] == FUZZ_CSV_MARK)
        fuzz_sheet(BOOK_CSV, p + 1, n - 1, a, out, info);
    else if (read_sheet_detect("fuzz", p, n, &f))
        fuzz_sheet(f, p, n, a, out, info);
    else
        fuzz_text(p, n, -1, a, out, info);
}

/* The source's description, as pipeline.c's describe() gives it. */
static void describe(size_t k, const uint8_t *p, size_t n, const attribute_obs_list *o,
                     const attribute_info *info, char *name, fact_source *s)
{
    memset(s, 0, sizeof *s);
    sprintf(name, "fuzz%zu.txt", k);
    s->name = s->path = name;
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, p, n);
    sha256_final_hex(&c, s->sha256);
    s->bytes = n;
    s->n_obs = o->n;
    for (size_t i = 0; i < o->n; i++) {
        s->n_amounts += o->v[i].measure == OBS_AMOUNT;
        s->n_shares += o->v[i].measure == OBS_SHARE;
        s->n_counts += o->v[i].measure == OBS_COUNT;
    }
    s->encoding = "UTF-8";
    s->lang = info->lang == SCAN_LANG_EN ? "en" : "fr";
    s->country = info->country;
    s->doc_year = info->doc_year;
}

/* The next source of [*p, end): its bytes and length; *p past its separator. */
static const uint8_t *next_source(const uint8_t **p, const uint8_t *end, size_t *n)
{
    const uint8_t *start = *p;
    size_t sep = sizeof FUZZ_SOURCE_SEP - 1;
    const uint8_t *at = memmem(start, (size_t)(end - start), FUZZ_SOURCE_SEP, sep);
    *n = (size_t)((at ? at : end) - start);
    *p = at ? at + sep : end;
    return start;
}

static int seen(char shas[][65], size_t k, const char *sha)
{
    for (size_t i = 0; i < k; i++)
        if (!strcmp(shas[i], sha))
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    arena *a = arena_new(FUZZ_ARENA_BYTES);
    model *m = NULL;
    if (!a || model_new(fuzz_gz, &m) != AC_OK)
        abort();
    const uint8_t *p = data, *end = data + size;
    char names[FUZZ_MAX_SOURCES][32], shas[FUZZ_MAX_SOURCES][65];
    ac_error err = AC_OK;
    for (size_t k = 0; err == AC_OK && k < FUZZ_MAX_SOURCES && (k == 0 || p < end); k++) {
        size_t n;
        const uint8_t *src = next_source(&p, end, &n);
        attribute_obs_list obs = {0};
        attribute_info info;
        read_source(src, n, a, &obs, &info);
        fact_source s;
        describe(k, src, n, &obs, &info, names[k], &s);
        if (!seen(shas, k, s.sha256))     /* a copy: pipeline.c loads it once */
            err = model_add_source(m, &s, obs.v, obs.n, NULL);
        memcpy(shas[k], s.sha256, sizeof shas[k]);
    }
    cube *cb = NULL;
    finding_list fl = {0};
    check_opts co = {.tolerance = -1};
    if (err == AC_OK && (err = model_freeze(m)) == AC_OK && (err = cube_build(m, &cb)) == AC_OK)
        err = check_run(cb, &co, a, &fl);
    free(fl.v);
    cube_free(cb);
    model_free(m);
    arena_free(a);
    return 0;
}
