/*
 * bench_text.c — the text ETL's speed by stage, on one core, measured, never
 * asserted (make bench, tests/bench.sh).
 *
 *     build/rel/bench_text [--runs R] [--mb M] FILE... [--ref REFDIR]
 *
 * The files (reports as text) are read into memory once, then taken in turn,
 * again and again, until M megabytes (default 20, 10^6 bytes each) are
 * reached: the corpus.  Each document of it goes through, timed apart and
 * summed over the corpus:
 *
 *   decode     read_text_decode: bytes to UTF-8 text with its line index
 *              (the file was read before: no I/O is timed);
 *   scan       scan_text with every kind, the language detected as
 *              attribute_document does: the PCRE2 scanner alone;
 *   attribute  attribute_document: scans again (dates first, then every
 *              kind, and the tables), finds the gazetteer's mentions and
 *              attributes every figure: the whole of extract's text path
 *              after decoding.
 *
 * Each document has its own arena, freed after it.  A warm-up pass over the
 * corpus, then R passes (default 3); one line out, the medians:
 *
 *     bytes B docs D obs O decode_cpu S scan_cpu S attribute_cpu S
 *     decode_wall S scan_wall S attribute_wall S peak_rss_mb M
 *
 * CPU is the process's user + system time (one thread).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../../attribute/attribute.h"
#include "../../base/arena.h"
#include "../../base/diag.h"
#include "bench_time.h"
#include "../../read/read_text.h"
#include "../../scan/scan.h"

#ifndef AC_REFDIR
#define AC_REFDIR "fixtures/ref"
#endif

#define MAX_RUNS 15
#define MAX_FILES 4096

enum { ST_DECODE, ST_SCAN, ST_ATTR, ST__N };

typedef struct {
    const char *name;
    unsigned char *bytes;
    size_t n;
} src_file;

typedef struct {
    double cpu[ST__N], wall[ST__N];
    size_t bytes, docs, obs;
} pass_time;

static int read_file(const char *path, src_file *f)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    f->bytes = n > 0 ? malloc((size_t)n) : NULL;
    f->n = f->bytes ? fread(f->bytes, 1, (size_t)n, fp) : 0;
    f->name = path;
    fclose(fp);
    return f->n > 0;
}

/* Add the time since *c0 and *t0 to stage st of p, and restart them. */
static void lap(pass_time *p, int st, double *c0, double *t0)
{
    double c = bench_cpu(), t = bench_wall();
    p->cpu[st] += c - *c0;
    p->wall[st] += t - *t0;
    *c0 = c;
    *t0 = t;
}

/* One document through the three stages; 0 on an error. */
static int one_doc(const src_file *f, scan_ctx *sx, const gazetteer *gz, diag *d, pass_time *p)
{
    arena *a = arena_new(0);
    if (!a)
        return 0;
    read_text_doc doc;
    attribute_obs_list out;
    memset(&out, 0, sizeof out);
    scan_item *items;
    size_t n_items;
    int ok = 0;
    double c0 = bench_cpu(), t0 = bench_wall();
    if (read_text_decode(f->name, f->bytes, f->n, d, a, &doc))
        goto done;
    lap(p, ST_DECODE, &c0, &t0);
    scan_opts so = {0};
    so.lang = scan_detect_lang(doc.text, doc.len);
    so.lang_guessed = 1;
    if (scan_text(sx, doc.text, doc.len, &so, a, &items, &n_items))
        goto done;
    lap(p, ST_SCAN, &c0, &t0);
    if (attribute_document(sx, &doc, gz, -1, d, a, &out, NULL))
        goto done;
    lap(p, ST_ATTR, &c0, &t0);
    p->obs += out.n;
    ok = 1;
done:
    arena_free(a);
    return ok;
}

static int one_pass(const src_file *files, size_t nf, size_t target, scan_ctx *sx,
                    const gazetteer *gz, diag *d, pass_time *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; p->bytes < target; i = (i + 1) % nf) {
        if (!one_doc(&files[i], sx, gz, d, p)) {
            fprintf(stderr, "bench_text: %s: cannot be read as text\n", files[i].name);
            return 0;
        }
        p->bytes += files[i].n;
        p->docs++;
    }
    return 1;
}

int main(int argc, char **argv)
{
    int runs = 3;
    double mb = 20;
    const char *ref = AC_REFDIR;
    static src_file files[MAX_FILES];
    size_t nf = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--mb") && i + 1 < argc)
            mb = atof(argv[++i]);
        else if (!strcmp(argv[i], "--ref") && i + 1 < argc)
            ref = argv[++i];
        else if (nf < MAX_FILES && read_file(argv[i], &files[nf]))
            nf++;
        else
            fprintf(stderr, "bench_text: %s: skipped (unreadable or empty)\n", argv[i]);
    }
    if (!nf || runs < 1 || runs > MAX_RUNS || mb <= 0) {
        fprintf(stderr, "usage: bench_text [--runs 1..%d] [--mb M] FILE... [--ref REFDIR]\n",
                MAX_RUNS);
        return 2;
    }
    diag d;
    diag_init(&d);
    d.quiet = 1;
    gazetteer *gz = NULL;
    scan_ctx *sx = NULL;
    if (attribute_gazetteer_load(ref, &d, &gz) || scan_new(&d, &sx)) {
        fprintf(stderr, "bench_text: cannot load the reference data or the scanner\n");
        return 1;
    }
    size_t target = (size_t)(mb * 1e6);
    pass_time p[MAX_RUNS + 1];
    for (int r = 0; r <= runs; r++)                 /* pass 0: the warm-up */
        if (!one_pass(files, nf, target, sx, gz, &d, &p[r]))
            return 1;
    double v[2][ST__N][MAX_RUNS];
    for (int r = 0; r < runs; r++)
        for (int st = 0; st < ST__N; st++) {
            v[0][st][r] = p[r + 1].cpu[st];
            v[1][st][r] = p[r + 1].wall[st];
        }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bytes %zu docs %zu obs %zu decode_cpu %.4f scan_cpu %.4f attribute_cpu %.4f "
           "decode_wall %.4f scan_wall %.4f attribute_wall %.4f peak_rss_mb %.1f\n",
           p[1].bytes, p[1].docs, p[1].obs, bench_median(v[0][ST_DECODE], runs),
           bench_median(v[0][ST_SCAN], runs), bench_median(v[0][ST_ATTR], runs),
           bench_median(v[1][ST_DECODE], runs), bench_median(v[1][ST_SCAN], runs),
           bench_median(v[1][ST_ATTR], runs), (double)ru.ru_maxrss / 1024.0);
    scan_free(sx);
    attribute_gazetteer_free(gz);
    for (size_t i = 0; i < nf; i++)
        free(files[i].bytes);
    return 0;
}
