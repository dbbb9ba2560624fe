/*
 * bench_cube.c — the cost of the fact model and the cube, measured, never
 * asserted (make bench, tests/bench.sh).
 *
 *     build/rel/bench_cube [--print] [--runs R] [--out CELLS.tsv] FACTS.tsv [REFDIR]
 *
 * FACTS.tsv is what fixtures/gen/facts.py writes: the `aidcube extract`
 * columns plus pkind, role and group (see the generator).  This trusted,
 * generated format is split on tabs by hand; values are read with
 * scan_number_digits().  The facts of each document are loaded with one
 * model_add_source(); then model_freeze() and cube_build() are timed apart.
 * One line out:
 *
 *     facts F sources S cells C load_s L freeze_s Z build_s B peak_rss_mb M
 *     base_rss_mb I cube_wall W cube_cpu U scan_wall V scan_cpu P
 *
 * The cube (load, freeze, build, then freed) is built R + 1 times (--runs,
 * default 1): a warm-up, then R runs; L, Z, B, W (their wall sum) and U (its
 * CPU time, user + system) are medians over the R runs.  I is the peak RSS
 * once the facts are parsed into obs (before any model), M the peak at the
 * end: M - I is what the model and the cube added at their peak.
 *
 * --out writes the cells, as --print does, to CELLS.tsv from the cube of
 * the last run (make bench compares them with PostgreSQL and DuckDB).
 *
 * The machine's limit beside it (V, P: medians the same way): a plain scan
 * of the same facts as column arrays, a small integer key per fact (sector,
 * region, year and fund numbered once, outside the timing) and integer
 * cents, summed into a dense array of the finest cells.  Nothing of the
 * model's rules; what any cube costs at least.
 *
 * With --print, every cell of the 16 cuboids is printed instead, in the
 * first 13 columns of `aidcube cube` (cube_write_tsv, cube/cube_tsv.c): what
 * the PostgreSQL oracle (tests/t_cube_oracle.sh) compares with
 * sql/cube_oracle.sql.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <stdint.h>
#include <time.h>

#include "../../base/diag.h"
#include "bench_time.h"
#include "../../cube/cube.h"
#include "../../model/model.h"
#include "../../attribute/attribute_gazetteer.h"
#include "../../scan/scan_number.h"

#ifndef AC_REFDIR
#define AC_REFDIR "fixtures/ref"
#endif

enum { C_DOC, C_LINE, C_MEASURE, C_VALUE, C_UNIT, C_FUND, C_COUNTRY, C_REGION, C_SECTOR,
       C_PERIOD, C_QUAL, C_PKIND, C_ROLE, C_GROUP, C__N };

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    for (size_t k; buf && (k = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += k;
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

static const char *opt(char *s)
{
    return s && *s ? s : NULL;
}

/* Split one line in place into up to C__N columns; returns the count. */
static int split(char *line, char *col[C__N])
{
    int k = 0;
    col[k++] = line;
    for (char *p = line; *p && k < C__N; p++)
        if (*p == '\t') {
            *p = '\0';
            col[k++] = p + 1;
        }
    return k;
}

static int to_obs(char *col[C__N], obs *o)
{
    memset(o, 0, sizeof *o);
    o->doc = col[C_DOC];
    o->path = col[C_DOC];
    o->line = atol(col[C_LINE]);
    const char *ms = col[C_MEASURE];
    o->measure = !strcmp(ms, "amount") ? OBS_AMOUNT : !strcmp(ms, "count") ? OBS_COUNT : OBS_SHARE;
    if (!scan_number_digits(col[C_VALUE], strlen(col[C_VALUE]), 1, &o->value))
        return 0;
    o->unit = opt(col[C_UNIT]);
    o->fund = opt(col[C_FUND]);
    o->country = opt(col[C_COUNTRY]);
    o->region = opt(col[C_REGION]);
    o->sector = opt(col[C_SECTOR]);
    const char *per = col[C_PERIOD], *pk = col[C_PKIND];
    if (*per) {
        o->y1 = atoi(per);
        const char *dash = strchr(per, '-');
        o->y2 = dash ? atoi(dash + 1) : o->y1;
        o->pkind = !strcmp(pk, "fiscal") ? PERIOD_FISCAL : !strcmp(pk, "span") ? PERIOD_SPAN
                 : !strcmp(pk, "since") ? PERIOD_SINCE : PERIOD_YEAR;
    }
    const char *q = col[C_QUAL];
    o->qual = !strcmp(q, "approx") ? SCAN_Q_APPROX : !strcmp(q, "max") ? SCAN_Q_MAX
            : !strcmp(q, "per_year") ? SCAN_Q_PER_YEAR : SCAN_Q_EXACT;
    const char *role = col[C_ROLE];
    o->total = !strcmp(role, "total");
    o->part = !strcmp(role, "part");
    o->group = atoi(col[C_GROUP]);
    if (!strcmp(role, "item") && !o->group)
        o->group = 1;
    return 1;
}

/* Runs of at most MAX_RUNS: the medians are kept in small arrays. */
#define MAX_RUNS 15

typedef struct {
    double load, freeze, build, wall, cpu;
} cube_time;

/* Load the facts into a new model, freeze it, build the cube; times in *t.
 * *out_m and *out_c are the caller's to free (model_free, cube_free). */
static int build_once(const gazetteer *gz, obs *o, size_t no, diag *d, cube_time *t,
                      model **out_m, cube **out_c, size_t *out_src)
{
    model *m;
    if (model_new(gz, &m))
        return 0;
    double c0 = bench_cpu(), t0 = bench_wall();
    size_t n_src = 0;
    for (size_t i = 0; i < no;) {
        size_t j = i;
        while (j < no && !strcmp(o[j].doc, o[i].doc))
            j++;
        fact_source s;
        memset(&s, 0, sizeof s);
        s.name = o[i].doc;
        s.path = o[i].doc;
        snprintf(s.sha256, sizeof s.sha256, "%064zx", n_src);
        s.n_obs = j - i;
        s.doc_year = 2019;
        ac_error err = model_add_source(m, &s, &o[i], j - i, d);
        if (err) {
            fprintf(stderr, "bench_cube: model_add_source failed (%d)\n", (int)err);
            model_free(m);
            return 0;
        }
        n_src++;
        i = j;
    }
    double t1 = bench_wall();
    if (model_freeze(m)) {
        model_free(m);
        return 0;
    }
    double t2 = bench_wall();
    if (cube_build(m, out_c)) {
        fprintf(stderr, "bench_cube: cube_build failed\n");
        model_free(m);
        return 0;
    }
    double t3 = bench_wall();
    *t = (cube_time){t1 - t0, t2 - t1, t3 - t2, t3 - t0, bench_cpu() - c0};
    *out_m = m;
    *out_src = n_src;
    return 1;
}

/* The number of name in names[0..*n) (linear: a few dozen names), added
 * when new; -1 when there are already max. */
static int intern(const char **names, int *n, int max, const char *name)
{
    const char *s = name ? name : "";
    for (int i = 0; i < *n; i++)
        if (!strcmp(names[i], s))
            return i;
    if (*n == max)
        return -1;
    names[*n] = s;
    return (*n)++;
}

/* Distinct values a dimension of the plain scan may hold: the generators
 * draw a few dozen sectors and regions, 12 years, 6 funds. */
#define SCAN_DIM_MAX 256

/* The facts as the plain scan reads them: one key and one amount each. */
typedef struct {
    uint32_t *key;
    int64_t *cents;
    size_t n, n_keys;
} fact_columns;

/* Number each fact's sector, region, year and fund (dimension k of fact i
 * in id[k][i]), then make one dense key of the four. */
static int columns_of(const obs *o, size_t no, fact_columns *fc)
{
    const char *names[4][SCAN_DIM_MAX];
    char years[SCAN_DIM_MAX][12];
    int n[4] = {0};
    uint8_t *id = malloc(4 * (no ? no : 1));
    fc->key = malloc((no ? no : 1) * sizeof *fc->key);
    fc->cents = malloc((no ? no : 1) * sizeof *fc->cents);
    if (!id || !fc->key || !fc->cents)
        return 0;
    fc->n = no;
    for (size_t i = 0; i < no; i++) {
        char year[12];
        snprintf(year, sizeof year, "%d", o[i].y1);
        int k[4] = {intern(names[0], &n[0], SCAN_DIM_MAX, o[i].sector),
                    intern(names[1], &n[1], SCAN_DIM_MAX, o[i].region),
                    intern(names[2], &n[2], SCAN_DIM_MAX, year),
                    intern(names[3], &n[3], SCAN_DIM_MAX, o[i].fund)};
        if (k[2] >= 0 && names[2][k[2]] == year)      /* a new year: keep a copy */
            names[2][k[2]] = memcpy(years[k[2]], year, sizeof year);
        for (int d = 0; d < 4; d++) {
            if (k[d] < 0)
                return 0;
            id[4 * i + (size_t)d] = (uint8_t)k[d];
        }
        fc->cents[i] = (int64_t)(scan_num_to_double(o[i].value) * 100.0 + 0.5);
    }
    for (size_t i = 0; i < no; i++) {
        const uint8_t *k = &id[4 * i];
        fc->key[i] = (((uint32_t)k[0] * (uint32_t)n[1] + k[1]) * (uint32_t)n[2] + k[2])
                     * (uint32_t)n[3] + k[3];
    }
    fc->n_keys = (size_t)n[0] * (size_t)n[1] * (size_t)n[2] * (size_t)n[3];
    free(id);
    return 1;
}

/* The plain scan: the finest cells' sums of cents; wall and CPU seconds.
 * The sum of all cells is returned so that the loop is not optimised out. */
static int64_t scan_once(const fact_columns *fc, int64_t *sums, double *wall, double *cpu)
{
    double c0 = bench_cpu(), t0 = bench_wall();
    memset(sums, 0, fc->n_keys * sizeof *sums);
    for (size_t i = 0; i < fc->n; i++)
        sums[fc->key[i]] += fc->cents[i];
    int64_t all = 0;
    for (size_t k = 0; k < fc->n_keys; k++)
        all += sums[k];
    *wall = bench_wall() - t0;
    *cpu = bench_cpu() - c0;
    return all;
}

int main(int argc, char **argv)
{
    int print = 0, runs = 1;
    const char *out = NULL;
    for (; argc > 1 && !strncmp(argv[1], "--", 2); argv++, argc--) {
        if (!strcmp(argv[1], "--print"))
            print = 1;
        else if (!strcmp(argv[1], "--runs") && argc > 2) {
            runs = atoi(argv[2]);
            argv++;
            argc--;
        } else if (!strcmp(argv[1], "--out") && argc > 2) {
            out = argv[2];
            argv++;
            argc--;
        } else
            break;
    }
    if (argc < 2 || runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: bench_cube [--print] [--runs 1..%d] [--out CELLS.tsv] "
                "FACTS.tsv [REFDIR]\n", MAX_RUNS);
        return 2;
    }
    diag d;
    diag_init(&d);
    d.quiet = 1;
    gazetteer *gz = NULL;
    if (attribute_gazetteer_load(argc > 2 ? argv[2] : AC_REFDIR, &d, &gz)) {
        fprintf(stderr, "bench_cube: cannot load the reference data\n");
        return 1;
    }
    size_t len;
    char *text = slurp(argv[1], &len);
    if (!text) {
        perror(argv[1]);
        return 1;
    }
    /* lines */
    size_t nl = 0, capl = 1024;
    char **lines = malloc(capl * sizeof *lines);
    for (char *p = text; lines && *p;) {
        char *e = strchr(p, '\n');
        if (e)
            *e = '\0';
        if (nl == capl)
            lines = realloc(lines, (capl *= 2) * sizeof *lines);
        if (!lines)
            break;
        lines[nl++] = p;
        if (!e)
            break;
        p = e + 1;
    }
    obs *o = malloc((nl ? nl : 1) * sizeof *o);
    if (!lines || !o) {
        fprintf(stderr, "bench_cube: out of memory\n");
        return 1;
    }
    size_t no = 0;
    for (size_t i = 1; i < nl; i++) {     /* line 0: the header */
        char *col[C__N];
        if (split(lines[i], col) < C__N || !to_obs(col, &o[no])) {
            fprintf(stderr, "bench_cube: %s:%zu: bad row\n", argv[1], i + 1);
            return 1;
        }
        no++;
    }
    double base_rss = peak_rss_mb();
    cube_time t[MAX_RUNS + 1];
    model *m = NULL;
    cube *c = NULL;
    size_t n_src = 0;
    for (int r = 0; r <= runs; r++) {             /* run 0: the warm-up */
        cube_free(c);
        model_free(m);
        if (!build_once(gz, o, no, &d, &t[r], &m, &c, &n_src))
            return 1;
    }
    double peak = peak_rss_mb();
    if (out) {
        FILE *f = fopen(out, "w");
        if (!f) {
            perror(out);
            return 1;
        }
        cube_write_tsv(c, f, 0);
        if (fclose(f)) {
            perror(out);
            return 1;
        }
    }
    if (print) {
        cube_write_tsv(c, stdout, 0);      /* the first 13 columns of `aidcube cube` */
    } else {
        fact_columns fc;
        if (!columns_of(o, no, &fc)) {
            fprintf(stderr, "bench_cube: too many distinct values for the plain scan\n");
            return 1;
        }
        int64_t *sums = malloc((fc.n_keys ? fc.n_keys : 1) * sizeof *sums);
        if (!sums)
            return 1;
        double sw[MAX_RUNS], sc[MAX_RUNS], v[5][MAX_RUNS];
        int64_t all = 0;
        for (int r = 0; r <= runs; r++)
            all = scan_once(&fc, sums, &sw[r ? r - 1 : 0], &sc[r ? r - 1 : 0]);
        for (int r = 0; r < runs; r++) {
            v[0][r] = t[r + 1].load;
            v[1][r] = t[r + 1].freeze;
            v[2][r] = t[r + 1].build;
            v[3][r] = t[r + 1].wall;
            v[4][r] = t[r + 1].cpu;
        }
        printf("facts %zu sources %zu cells %zu load_s %.3f freeze_s %.3f build_s %.3f "
               "peak_rss_mb %.1f base_rss_mb %.1f cube_wall %.4f cube_cpu %.4f "
               "scan_wall %.5f scan_cpu %.5f scan_cells %zu scan_sum %lld\n",
               m->f.n, n_src, c->n_cells, bench_median(v[0], runs),
               bench_median(v[1], runs), bench_median(v[2], runs), peak, base_rss,
               bench_median(v[3], runs), bench_median(v[4], runs), bench_median(sw, runs),
               bench_median(sc, runs), fc.n_keys, (long long)all);
        free(sums);
        free(fc.key);
        free(fc.cents);
    }
    cube_free(c);
    model_free(m);
    attribute_gazetteer_free(gz);
    free(o);
    free(lines);
    free(text);
    return 0;
}
