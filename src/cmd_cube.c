/*
 * cmd_cube.c — `aidcube check` and `aidcube build`: the in-process pipeline
 * (read, scan, attribute, cube, check, export) over a set of sources.
 *
 * Both commands load every source into one cube (cube.h), run the
 * reconciliation (check.h); build then writes the donor workbooks
 * (export.h), check prints the findings.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../cube/check.h"
#include "../cube/cube.h"
#include "../cube/export.h"
#include "cmd.h"
#include "../base/diag.h"
#include "run.h"

typedef struct {
    cube *cb;
    finding_list findings;
    arena *a;              /* findings' strings */
    run_ctx rc;
    diag *d;               /* the command's                               */
    int test_mode;         /* env AIDCUBE_TEST: load times are 0           */
    int status;
} pipeline;

static int pipeline_run(pipeline *p, const run_opts *ro, diag *d, char *const *args, size_t n,
                        const check_opts *co)
{
    memset(p, 0, sizeof *p);
    p->d = d;
    p->test_mode = getenv("AIDCUBE_TEST") != NULL;
    p->status = run_begin(&p->rc, ro, d, args, n);
    if (p->status != EXIT_OK)
        return p->status;
    p->a = arena_new(0);
    if (!p->a || cube_new(p->rc.gz, d, &p->cb) != AC_OK) {
        diag_error(d, NULL, 0, "out of memory");
        return EXIT_FAILURE_INTERNAL;
    }
    run_doc doc;
    while (run_next(&p->rc, &doc) == 1) {
        cube_source s;
        memset(&s, 0, sizeof s);
        s.name = doc.text.name;
        s.path = doc.text.path;
        memcpy(s.sha256, doc.text.sha256, sizeof s.sha256);   /* of the bytes read */
        /* the same content twice (a copy, a re-sent report) is one source:
         * loading it again would only restate every figure */
        const cube_source *same = NULL;
        for (size_t k = 0; s.sha256[0] && k < p->cb->n_src && !same; k++)
            if (!strcmp(p->cb->src[k].sha256, s.sha256))
                same = &p->cb->src[k];
        if (same) {
            diag_warn(d, doc.text.path, 0, "same content as \"%s\": not loaded again", same->path);
            run_doc_done(&p->rc, &doc);
            continue;
        }
        s.bytes = doc.text.file_size;
        s.load_seconds = p->test_mode ? 0 : doc.load_seconds;
        s.n_obs = doc.obs.n;
        for (size_t i = 0; i < doc.obs.n; i++) {
            s.n_amounts += doc.obs.v[i].measure == OBS_AMOUNT;
            s.n_shares += doc.obs.v[i].measure == OBS_SHARE;
            s.n_counts += doc.obs.v[i].measure == OBS_COUNT;
        }
        s.encoding = reader_encoding_name(doc.text.encoding);
        s.lang = doc.info.lang == SCAN_LANG_EN ? "en" : "fr";
        s.country = doc.info.country;
        s.doc_year = doc.info.doc_year;
        ac_error err = cube_add_source(p->cb, &s, doc.obs.v, doc.obs.n);
        for (size_t i = 0; !err && i < doc.info.n_invalid_dates; i++)
            err = check_add_invalid_date(&p->findings, p->a, doc.text.name,
                                         doc.info.bad_date_line[i], doc.info.bad_date_text[i]);
        run_doc_done(&p->rc, &doc);
        if (err) {
            diag_error(d, NULL, 0, "out of memory");
            return EXIT_FAILURE_INTERNAL;
        }
    }
    if (cube_build(p->cb) != AC_OK || check_run(p->cb, co, p->a, &p->findings) != AC_OK) {
        diag_error(d, NULL, 0, "out of memory");
        return EXIT_FAILURE_INTERNAL;
    }
    return EXIT_OK;
}

static int pipeline_end(pipeline *p, int status)
{
    int st = run_end(&p->rc);
    cube_free(p->cb);
    free(p->findings.v);
    arena_free(p->a);
    if (status != EXIT_OK)
        return status;
    return st;
}

/* --tolerance PTS: percentage points, a plain non-negative decimal (C
 * locale: this is an option, not document text). */
static int parse_tolerance(const char *arg, check_opts *co)
{
    /* digits with at most one '.': no sign, hex, inf or nan */
    int dots = 0, digits = 0;
    for (const char *p = arg; *p; p++) {
        if (*p == '.')
            dots++;
        else if (*p >= '0' && *p <= '9')
            digits++;
        else
            return -1;
    }
    if (!digits || dots > 1)
        return -1;
    char *end;
    double v = strtod(arg, &end);
    if (*end || v > 100)
        return -1;
    co->tolerance = v;
    return 0;
}

/* The options every pipeline command takes (--tolerance, --help, and the
 * run options of run.h).  Returns -1 when the option was taken, else the
 * exit status to return (0 after --help, 2 on a usage error). */
static int shared_opt(const char *cmd, const char *help, int c, run_opts *ro,
                      check_opts *co, char *const *argv)
{
    switch (c) {
    case 't':
        if (parse_tolerance(optarg, co) != 0)
            return cmd_usage_error(cmd, "invalid tolerance \"%s\"", optarg);
        return -1;
    case 'h':
        fputs(help, stdout);
        return EXIT_OK;
    default:
        if (c == '?' || c == ':' || run_opts_parse(ro, c, optarg) != 0)
            return run_opts_error(cmd, c, argv);
        return -1;
    }
}

static const char check_help[] =
"Usage: aidcube check [OPTION]... FILE|DIR...\n"
"Reconcile every stated total and percentage of the sources with the raw\n"
"figures: sums of parts, shares against part / total, charts adding to 100,\n"
"fund rules (QIP caps), impossible dates, figures that sources state\n"
"differently.  Each finding names its rule, the stated and computed values\n"
"and every source line involved (doc:line).\n"
"\n"
"  -f, --format=FMT     text (default) or tsv\n"
"      --strict         exit 3 when any mismatch is found\n"
"  -t, --tolerance=PTS  tolerance for shares in percentage points (default:\n"
"                       from the source's precision: 'Environ 28%' +-1,\n"
"                       '46,8%' +-0.05, '80%' +-0.5)\n"
"  -l, --lang=LANG      fr, en or auto (default: detected per document)\n"
"  -r, --ref=DIR        reference data directory\n"
"  -q, --quiet          do not print warnings\n"
"  -h, --help           show this help and exit\n"
"\n"
"Exit status: 0 done; 1 some files rejected; 2 usage error; 3 --strict and a\n"
"mismatch was found; 4 internal failure.\n";

static void fmt_num(char *buf, size_t n, double v, int has)
{
    if (!has)
        snprintf(buf, n, "-");
    else if (fabs(v - round(v)) < 1e-9)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.2f", v);
}

static void print_findings(const finding_list *fl, int tsv)
{
    if (tsv)
        puts("verdict\trule\twhat\tstated\tcomputed\tdiff\tunit\tlines");
    for (size_t i = 0; i < fl->n; i++) {
        const finding *f = &fl->v[i];
        char s[40], c[40], d[40];
        fmt_num(s, sizeof s, f->stated, f->has_stated);
        fmt_num(c, sizeof c, f->computed, f->has_computed);
        fmt_num(d, sizeof d, f->diff, f->has_stated && f->has_computed);
        if (tsv)
            printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", check_verdict_name(f->verdict), f->rule,
                   f->what, s, c, d, f->unit ? f->unit : "", f->lines ? f->lines : "");
        else
            printf("%-12s %-9s %s\n%22sstated %s, computed %s, diff %s%s%s\n%22s%s\n",
                   check_verdict_name(f->verdict), f->rule, f->what, "", s, c, d,
                   f->unit && *f->unit ? " " : "", f->unit ? f->unit : "", "",
                   f->lines ? f->lines : "");
    }
    if (!tsv)
        printf("\n%zu findings: %zu ok, %zu mismatch, %zu unverifiable, %zu invalid\n", fl->n,
               check_count(fl, VERDICT_OK), check_count(fl, VERDICT_MISMATCH),
               check_count(fl, VERDICT_UNVERIFIABLE), check_count(fl, VERDICT_INVALID));
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"strict", no_argument, 0, 's'},
        {"tolerance", required_argument, 0, 't'}, {"lang", required_argument, 0, 'l'},
        {"ref", required_argument, 0, 'r'}, {"max-size", required_argument, 0, 'm'},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    check_opts co = {.tolerance = -1};
    int tsv = 0, strict = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:t:l:r:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "tsv")) tsv = 1;
            else if (!strcmp(optarg, "text")) tsv = 0;
            else return cmd_usage_error("check", "unknown format \"%s\"", optarg);
            break;
        case 's':
            strict = 1;
            break;
        default: {
            int st = shared_opt("check", check_help, c, &ro, &co, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    if (optind >= argc)
        return cmd_usage_error("check", "no input files");
    pipeline p;
    int st = pipeline_run(&p, &ro, &dg, argv + optind, (size_t)(argc - optind), &co);
    if (st == EXIT_OK) {
        print_findings(&p.findings, tsv);
        if (fflush(stdout) != 0)
            st = EXIT_FAILURE_INTERNAL;
        else if (strict && check_count(&p.findings, VERDICT_MISMATCH))
            st = EXIT_MISMATCH;
    }
    return pipeline_end(&p, st);
}

static const char build_help[] =
"Usage: aidcube build [OPTION]... FILE|DIR... -o DIR\n"
"Run the whole pipeline in this process (no server): read the sources, build\n"
"the sector x region x year x fund cube (16 cuboids), reconcile, and write\n"
"DIR/aidcube.xlsx for donors.\n"
"\n"
"  -o, --output=DIR     output directory (created if missing)\n"
"  -s, --split=BY       also one workbook per fund, DIR/aidcube-FUND.xlsx,\n"
"                       holding only that fund's data (BY: fund or donor; a\n"
"                       donor receives the workbook of the fund it finances)\n"
"  -t, --tolerance=PTS  tolerance for shares (see 'aidcube check --help')\n"
"  -l, --lang=LANG      fr, en or auto\n"
"  -r, --ref=DIR        reference data directory\n"
"  -q, --quiet          do not print warnings\n"
"  -h, --help           show this help and exit\n"
"\n"
"Workbooks are written to a temporary file and renamed into place: an\n"
"interrupted run never leaves a broken workbook where a good one was.\n"
"Exit status: 0 done; 1 some files rejected (workbooks written from the\n"
"others); 2 usage error; 4 a workbook could not be written.\n";

int cmd_build(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"split", required_argument, 0, 's'},
        {"tolerance", required_argument, 0, 't'}, {"lang", required_argument, 0, 'l'},
        {"ref", required_argument, 0, 'r'}, {"max-size", required_argument, 0, 'm'},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    check_opts co = {.tolerance = -1};
    const char *outdir = NULL;
    int split = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:s:t:l:r:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            outdir = optarg;
            break;
        case 's':
            if (strcmp(optarg, "fund") && strcmp(optarg, "donor"))
                return cmd_usage_error("build", "cannot split by \"%s\" (fund or donor)", optarg);
            split = 1;
            break;
        default: {
            int st = shared_opt("build", build_help, c, &ro, &co, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    if (!outdir || !*outdir)
        return cmd_usage_error("build", "no output directory (-o DIR)");
    if (optind >= argc)
        return cmd_usage_error("build", "no input files");
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        diag_error(&dg, outdir, 0, "cannot create directory: %s", strerror(errno));
        return EXIT_FAILURE_INTERNAL;
    }
    pipeline p;
    int st = pipeline_run(&p, &ro, &dg, argv + optind, (size_t)(argc - optind), &co);
    if (st == EXIT_OK) {
        char path[4096];
        export_opts eo = {.title = "aidcube — stabilisation and peacebuilding funding",
                          .created = cmd_created_time()};
        snprintf(path, sizeof path, "%s/aidcube.xlsx", outdir);
        if (export_workbook(p.cb, &p.findings, &eo, path, &dg) != AC_OK)
            st = EXIT_FAILURE_INTERNAL;
        /* one workbook per fund; a fund whose workbook fails does not stop
         * the others (each failure is reported, the exit status says 4) */
        for (size_t f = 1; split && f < p.cb->dim[DIM_FUND].n; f++) {
            const char *fund = p.cb->dim[DIM_FUND].m[f].name;
            cube *sub;
            if (cube_filter_fund(p.cb, fund, &sub) != AC_OK) {
                diag_error(&dg, NULL, 0, "out of memory");
                st = EXIT_FAILURE_INTERNAL;
                break;
            }
            finding_list fl = {0};
            arena *fa = arena_new(0);
            check_run(sub, &co, fa, &fl);
            char sheet[128];
            export_sheet_name(fund, sheet, sizeof sheet);
            snprintf(path, sizeof path, "%s/aidcube-%s.xlsx", outdir, sheet);
            export_opts so = eo;
            so.fund_filter = fund;
            if (export_workbook(sub, &fl, &so, path, &dg) != AC_OK)
                st = EXIT_FAILURE_INTERNAL;
            free(fl.v);
            arena_free(fa);
            cube_free(sub);
        }
    }
    return pipeline_end(&p, st);
}

static const char cube_help[] =
"Usage: aidcube cube [OPTION]... FILE|DIR...\n"
"Build the cube in memory and print every cell of the 16 cuboids as TSV:\n"
"cuboid, sector, region, year, fund, amount_usd, origin, reported_usd,\n"
"computed_usd, derived_usd, projects, projects_origin, n_obs, sources.\n"
"\n"
"  -l, --lang=LANG      fr, en or auto\n"
"  -r, --ref=DIR        reference data directory\n"
"  -q, --quiet          do not print warnings\n"
"  -h, --help           show this help and exit\n";

static void put_opt(double v, int has)
{
    if (has)
        printf("\t%.2f", v);
    else
        fputs("\t", stdout);
}

int cmd_cube(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, 0, 'l'}, {"ref", required_argument, 0, 'r'},
        {"max-size", required_argument, 0, 'm'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    check_opts co = {.tolerance = -1};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":l:r:qh", opts, NULL)) != -1) {
        int st = shared_opt("cube", cube_help, c, &ro, &co, argv);
        if (st >= 0)
            return st;
    }
    if (optind >= argc)
        return cmd_usage_error("cube", "no input files");
    pipeline p;
    int st = pipeline_run(&p, &ro, &dg, argv + optind, (size_t)(argc - optind), &co);
    if (st == EXIT_OK) {
        puts("cuboid\tsector\tregion\tyear\tfund\tamount_usd\torigin\treported_usd\t"
             "computed_usd\tderived_usd\tprojects\tprojects_origin\tn_obs\tsources");
        for (unsigned m = CUBE_N_CUBOIDS; m-- > 0;) {
            const cuboid *cb = &p.cb->cuboid[m];
            for (size_t i = 0; i < cb->n; i++) {
                const cube_cell *x = &cb->cells[i];
                char name[64] = "";
                for (int d = 0; d < DIM__N; d++)
                    if (m >> d & 1) {
                        if (name[0])
                            strcat(name, "x");
                        strcat(name, cube_dim_name[d]);
                    }
                printf("%s", name[0] ? name : "total");
                for (int d = 0; d < DIM__N; d++)
                    printf("\t%s", cube_member_name(p.cb, d, x->key[d]));
                put_opt(x->amount_usd, x->origin != ORIGIN_NONE);
                printf("\t%s", cube_origin_name(x->origin));
                put_opt(x->reported_usd, x->has_reported);
                put_opt(x->computed_usd, x->has_computed);
                put_opt(x->derived_usd, x->has_derived);
                put_opt(x->projects, x->has_projects);
                printf("\t%s\t%ld\t%s\n", x->has_projects ? cube_origin_name(x->projects_origin) : "",
                       x->n_obs, x->sources ? x->sources : "");
            }
        }
        if (fflush(stdout) != 0)
            st = EXIT_FAILURE_INTERNAL;
    }
    return pipeline_end(&p, st);
}
