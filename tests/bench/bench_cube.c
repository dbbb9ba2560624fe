/*
 * bench_cube.c — the cost of the fact model and the cube, measured, never
 * asserted (make bench, tests/bench.sh).
 *
 *     build/rel/bench_cube [--print] FACTS.tsv [REFDIR]
 *
 * FACTS.tsv is what fixtures/gen/facts.py writes: the `aidcube extract`
 * columns plus pkind, role and group (see the generator).  This trusted,
 * generated format is split on tabs by hand; values are read with
 * scan_number_digits().  The facts of each document are loaded with one
 * model_add_source(); then model_freeze() and cube_build() are timed apart.
 * One line out:
 *
 *     facts F sources S cells C load_s L freeze_s Z build_s B peak_rss_mb M
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
#include <time.h>

#include "../../base/diag.h"
#include "../../cube/cube.h"
#include "../../model/model.h"
#include "../../attribute/attribute_gazetteer.h"
#include "../../scan/scan_number.h"

#ifndef AC_REFDIR
#define AC_REFDIR "fixtures/ref"
#endif

enum { C_DOC, C_LINE, C_MEASURE, C_VALUE, C_UNIT, C_FUND, C_COUNTRY, C_REGION, C_SECTOR,
       C_PERIOD, C_QUAL, C_PKIND, C_ROLE, C_GROUP, C__N };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
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

int main(int argc, char **argv)
{
    int print = argc > 1 && !strcmp(argv[1], "--print");
    if (print) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: bench_cube FACTS.tsv [REFDIR]\n");
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
    model *m;
    if (model_new(gz, &m))
        return 1;
    double t0 = now();
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
        ac_error err = model_add_source(m, &s, &o[i], j - i, &d);
        if (err) {
            fprintf(stderr, "bench_cube: model_add_source failed (%d)\n", (int)err);
            return 1;
        }
        n_src++;
        i = j;
    }
    double t1 = now();
    if (model_freeze(m))
        return 1;
    double t2 = now();
    cube *c;
    if (cube_build(m, &c)) {
        fprintf(stderr, "bench_cube: cube_build failed\n");
        return 1;
    }
    double t3 = now();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (print)
        cube_write_tsv(c, stdout, 0);      /* the first 13 columns of `aidcube cube` */
    else
        printf("facts %zu sources %zu cells %zu load_s %.3f freeze_s %.3f build_s %.3f "
           "peak_rss_mb %.1f\n",
           m->f.n, n_src, c->n_cells, t1 - t0, t2 - t1, t3 - t2, (double)ru.ru_maxrss / 1024.0);
    cube_free(c);
    model_free(m);
    attribute_gazetteer_free(gz);
    free(o);
    free(lines);
    free(text);
    return 0;
}
