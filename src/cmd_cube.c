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

#include "../check/check.h"
#include "../cube/cube.h"
#include "../export/export.h"
#include "../pipeline/pipeline.h"
#include "../export/export_pivot.h"
#include "cmd.h"
#include "cmd_nightly.h"
#include "../base/diag.h"
#include "../pipeline/pipeline_run.h"
#include "../warehouse/warehouse.h"

/* Where the model comes from: the FILE|DIR arguments, or with --db the
 * warehouse (the latest content of every source loaded). */
typedef struct {
    const char *conninfo;    /* NULL: the files                           */
    const char *schema;
    int write;               /* what goes back to the warehouse: DB_WRITE_* */
    warehouse *w;
} db_src;

/* cube --db writes the cube back, under the load lock (no load between
 * read and write); check --db writes the findings; build nothing. */
enum { DB_WRITE_NONE, DB_WRITE_CUBE, DB_WRITE_FINDINGS };

/* Run the pipeline; the exit status so far (0, 1, 4 or 5). */
static int run_pipeline(pipeline *p, const pipeline_run_opts *ro, const check_opts *co, diag *d,
                        char *const *args, size_t n, db_src *db)
{
    pipeline_opts po = {.run = *ro, .check = *co, .test_mode = getenv("AIDCUBE_TEST") != NULL};
    memset(p, 0, sizeof *p);
    if (db && db->conninfo) {
        int version, busy = 0;
        if (warehouse_connect(db->conninfo, db->schema, d, &db->w) || warehouse_version(db->w, &version, d))
            return EXIT_DB;
        if (version < WH_SCHEMA_VERSION) {
            diag_error(d, NULL, 0, version ? "database: schema \"%s\" is at version %d, this "
                       "aidcube reads version %d: run 'aidcube db migrate'"
                       : "database: schema \"%s\" is not initialised (version %d of %d): run "
                       "'aidcube db init'", db->schema, version, WH_SCHEMA_VERSION);
            return EXIT_DB;
        }
        if (db->write == DB_WRITE_CUBE && warehouse_lock(db->w, 1, &busy, d))
            return EXIT_DB;
        po.db = db->w;
    }
    progress pg;                 /* the sources read (none with --db) */
    cmd_progress_init(&pg, d, ro->quiet, 0);
    po.run.progress = &pg;
    ac_error err = pipeline_run(p, &po, args, n, d);
    progress_finish(&pg);
    d->progress = NULL;
    if (err != AC_OK)
        return po.db && p->status == RUN_FAILED && p->m ? EXIT_DB : EXIT_FAILURE_INTERNAL;
    return p->status == RUN_REJECTED ? EXIT_REJECTED : EXIT_OK;
}

/* The run failed: nothing to print or write (exit status 4 or 5). */
static int run_failed(int st)
{
    return st == EXIT_FAILURE_INTERNAL || st == EXIT_DB;
}

/* Run the pipeline over the FILE|DIR arguments (or --db), then write back
 * what the command writes (db->write), its version in *version (0: none).
 * The exit status so far (0, 1, 4 or 5). */
static int run_and_write(pipeline *p, const pipeline_run_opts *ro, const check_opts *co, diag *d,
                         int argc, char **argv, db_src *db, long long *version)
{
    int st = run_pipeline(p, ro, co, d, argv + optind, (size_t)(argc - optind), db);
    *version = 0;
    if (run_failed(st) || !db->w || db->write == DB_WRITE_NONE)
        return st;
    int cube_back = db->write == DB_WRITE_CUBE;
    ac_error err = cube_back ? warehouse_write_cube(db->w, p->cb, &p->db, AC_VERSION, version, d)
                        : warehouse_write_findings(db->w, &p->findings, &p->db, co->tolerance,
                                                   AC_VERSION, version, d);
    if (err == AC_OK)
        return st;
    diag_error(d, NULL, 0, cube_back ? "the cube was not written: nothing of it was kept"
                                : "the findings were not written: nothing of them was kept");
    return EXIT_DB;
}

/* --db and --schema (after the other options). */
static int db_opt(const char *cmd, int c, db_src *db)
{
    if (c == 'D') {
        db->conninfo = optarg;
        return 1;
    }
    if (c == 'S') {
        if (!warehouse_schema_name_ok(optarg)) {
            cmd_usage_error(cmd, "invalid schema name \"%s\"", optarg);
            return -1;
        }
        db->schema = optarg;
        return 1;
    }
    return 0;
}

/* FILE|DIR arguments are required without --db, refused with it. */
static int args_ok(const char *cmd, const db_src *db, int argc)
{
    if (db->conninfo && optind < argc)
        return cmd_usage_error(cmd, "--db reads the warehouse: no FILE|DIR arguments");
    if (!db->conninfo && optind >= argc)
        return cmd_usage_error(cmd, "no input files");
    return -1;
}

/* The options every pipeline command takes (--tolerance, --help, and the
 * run options of pipeline_run.h).  Returns -1 when the option was taken, else the
 * exit status to return (0 after --help, 2 on a usage error). */
static int shared_opt(const char *cmd, const char *help, int c, pipeline_run_opts *ro,
                      check_opts *co, char *const *argv)
{
    switch (c) {
    case 't':
        if (cmd_parse_tolerance(optarg, &co->tolerance) != 0)
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

/* An option of check, build or cube other than their own: --db, --schema,
 * or a shared one.  -1 when taken, else the exit status to return. */
static int pipeline_opt(const char *cmd, const char *help, int c, db_src *db,
                        pipeline_run_opts *ro, check_opts *co, char *const *argv)
{
    int k = db_opt(cmd, c, db);
    if (k)
        return k < 0 ? EXIT_USAGE : -1;
    return shared_opt(cmd, help, c, ro, co, argv);
}

static const char check_help[] =
"Usage: aidcube check [OPTION]... FILE|DIR...\n"
"Reconcile every stated total and percentage of the sources with the raw\n"
"figures: sums of parts, counts per unit, shares against part / total,\n"
"charts adding to 100, headlines against the body, fund rules (QIP caps),\n"
"exchange rates and fixed parities, impossible dates, figures that sources\n"
"state differently.  Each finding names its rule, the stated and computed\n"
"values and every figure involved (doc:line:span, the span as extract\n"
"prints it).\n"
"\n"
"  -f, --format=FMT     text (default) or tsv\n"
"      --strict         exit 3 when a mismatch or an invalid figure is found\n"
"  -t, --tolerance=PTS  tolerance for shares in percentage points (default:\n"
"                       from the source's precision: 'Environ 28%' +-1,\n"
"                       '46,8%' +-0.05, '80%' +-0.5)\n"
"      --db=CONNINFO    read the facts from the warehouse instead of FILE|DIR,\n"
"                       and write the findings there too (finding, a new\n"
"                       check_version, one transaction; view v_findings)\n"
"      --schema=NAME    the warehouse schema (default aidcube)\n"
"  -l, --lang=LANG      fr, en or auto (default: detected per document)\n"
"  -r, --ref=DIR        reference data directory\n"
SHEET_OPTIONS_HELP
"  -q, --quiet          do not print warnings nor, on a terminal, the progress\n"
"                       line (sources done of all, rate, time left)\n"
"  -h, --help           show this help and exit\n"
"\n"
INPUTS_HELP
"\n"
"Exit status: 0 done; 1 some files rejected (the findings are those of the\n"
"others); 2 usage error; 3 --strict and a mismatch or an invalid figure was\n"
"found; 4 internal failure (out of memory, reference data unusable); 5 a\n"
"database error (--db: nothing of the findings kept).\n";

static void print_findings(const finding_list *fl, int tsv)
{
    if (tsv)
        puts("verdict\trule\twhat\tstated\tcomputed\tdiff\tunit\tlines");
    for (size_t i = 0; i < fl->n; i++) {
        const finding *f = &fl->v[i];
        char s[48] = "-", c[48] = "-", d[48] = "-";
        if (f->has_stated)
            check_format_value(f->stated, f->scale, s, sizeof s);
        if (f->has_computed)
            check_format_value(f->computed, f->scale, c, sizeof c);
        if (f->has_stated && f->has_computed)
            check_format_value(f->diff, f->scale, d, sizeof d);
        if (tsv) {
            /* fields escaped (diag.h): a file name or a source's text can
             * neither add a column or a row nor reach the terminal raw */
            printf("%s\t", check_verdict_name(f->verdict));
            diag_put_escaped(stdout, f->rule);
            putchar('\t');
            diag_put_escaped(stdout, f->what);
            printf("\t%s\t%s\t%s\t", s, c, d);
            diag_put_escaped(stdout, f->unit);
            putchar('\t');
            diag_put_escaped(stdout, f->lines);
            putchar('\n');
        } else {
            printf("%-12s %-9s ", check_verdict_name(f->verdict), f->rule);
            diag_put_escaped(stdout, f->what);
            printf("\n%22sstated %s, computed %s, diff %s%s", "", s, c, d,
                   f->unit && *f->unit ? " " : "");
            diag_put_escaped(stdout, f->unit);
            printf("\n%22s", "");
            diag_put_escaped(stdout, f->lines);
            putchar('\n');
        }
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
        {"ref", required_argument, 0, 'r'}, {"max-size", required_argument, 0, 'm'}, SHEET_LONG_OPTIONS,
        {"db", required_argument, 0, 'D'}, {"schema", required_argument, 0, 'S'},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    pipeline_run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    check_opts co = {.tolerance = -1};
    db_src db = {.schema = "aidcube", .write = DB_WRITE_FINDINGS};
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
            int st = pipeline_opt("check", check_help, c, &db, &ro, &co, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    int ua = args_ok("check", &db, argc);
    if (ua >= 0)
        return ua;
    pipeline p;
    long long version;
    int st = run_and_write(&p, &ro, &co, &dg, argc, argv, &db, &version);
    if (!run_failed(st)) {
        print_findings(&p.findings, tsv);
        if (version && !dg.quiet)
            fprintf(stderr, "aidcube: check version %lld written: %zu findings\n", version,
                    p.findings.n);
        if (fflush(stdout) != 0)
            st = EXIT_FAILURE_INTERNAL;        /* main says why, once */
        else if (strict && (check_count(&p.findings, VERDICT_MISMATCH) ||
                              check_count(&p.findings, VERDICT_INVALID)))
            st = EXIT_MISMATCH;
    }
    pipeline_free(&p);
    warehouse_free(db.w);
    return st;
}

static const char build_help[] =
"Usage: aidcube build [OPTION]... FILE|DIR... -o DIR\n"
"   or: aidcube build [OPTION]... --db CONNINFO -o DIR\n"
"Read the sources in this process (no server needed), or the facts of a\n"
"warehouse with --db, build the sector x region x period x fund cube (16\n"
"cuboids), reconcile, and write DIR/aidcube.xlsx for donors.\n"
"\n"
"  -o, --output=DIR     output directory (created if missing)\n"
"  -s, --split=BY       also one workbook per fund, DIR/aidcube-FUND.xlsx,\n"
"                       holding only that fund's data (BY: fund or donor; a\n"
"                       donor receives the workbook of the fund it finances)\n"
"  -t, --tolerance=PTS  tolerance for shares (see 'aidcube check --help')\n"
"      --max-rows-per-sheet=N  continue a long table (Cube, Facts,\n"
"                       Observations, Checks) on a new sheet after N rows\n"
"                       (default and maximum: Excel's limit, 1048575)\n"
"      --low-memory     write every sheet row by row, so that memory does not\n"
"                       grow with the rows (long tables are then ranges with\n"
"                       a filter, not Excel tables); done anyway for a\n"
"                       workbook of more than 2,000,000 cells\n"
"      --db=CONNINFO    read the facts from the warehouse instead of FILE|DIR\n"
"      --schema=NAME    the warehouse schema (default aidcube)\n"
"  -l, --lang=LANG      fr, en or auto\n"
"  -r, --ref=DIR        reference data directory\n"
"      --max-size=N     reject files larger than N bytes (default 33554432)\n"
SHEET_OPTIONS_HELP
"  -q, --quiet          do not print warnings nor, on a terminal, the progress\n"
"                       line (sources done of all, rate, time left)\n"
"  -h, --help           show this help and exit\n"
"\n"
INPUTS_HELP
"\n"
"DIR/rejects.tsv names every file not read and every spreadsheet row not\n"
"loaded; the Sources sheet every file given, by its name and SHA-256.  With\n"
"--db both name what the loads rejected that no later load has read (of\n"
"each file, what the last load that saw it could not load: view v_reject).\n"
"Workbooks are written to a temporary file and renamed into place: an\n"
"interrupted run never leaves a broken workbook where a good one was.\n"
"A run never replaces good workbooks with worse ones: when no source could\n"
"be loaded, or the run failed, the workbooks in DIR are left as they were.\n"
"Exit status: 0 done; 1 some files rejected (workbooks written from the\n"
"others), or no source loaded (nothing written); 2 usage error; 4 the run\n"
"failed (out of memory, reference data unusable: nothing written) or a\n"
"workbook could not be written (the one at its path is left as it was);\n"
"5 the warehouse (--db) could not be read (nothing written).\n";

/* Excel's rows per sheet, less the header row. */
#define BUILD_MAX_ROWS 1048575

/* A workbook of the set, libxlsxwriter's own messages in our format. */
static ac_error set_workbook(export_set *set, const cube *cb, const finding_list *fl,
                             const export_opts *eo, const char *fund, const char *outdir,
                             diag *d)
{
    char name[192], path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, export_set_file_name(fund, name, sizeof name));
    cmd_capture cap;
    cmd_capture_begin(&cap);
    ac_error err = export_set_workbook(set, cb, fl, eo, fund, d);
    cmd_capture_end(&cap, path);
    return err;
}

/* One workbook for one fund: its facts only, their own cube and checks. */
static int write_fund_workbook(const pipeline *p, const check_opts *co, const char *fund,
                               const export_opts *eo, export_set *set, const char *outdir,
                               diag *d)
{
    diag quiet;          /* the facts' warnings were given once already */
    diag_init(&quiet);
    quiet.quiet = 1;
    model *sub = NULL;
    cube *cb = NULL;
    finding_list fl = {0};
    char name[192], path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, export_set_file_name(fund, name, sizeof name));
    arena *fa = arena_new(0);
    ac_error err = fa ? model_filter_fund(p->m, fund, &quiet, &sub) : AC_ERR_NOMEM;
    if (!err)
        err = cube_build(sub, &cb);
    if (!err)
        err = check_run(cb, co, fa, &fl);
    if (!err) {
        export_opts so = *eo;
        so.fund_filter = fund;
        err = set_workbook(set, cb, &fl, &so, fund, outdir, d);
    } else
        diag_error(d, path, 0, "workbook of fund \"%s\": %s", fund, ac_strerror(err));
    free(fl.v);
    arena_free(fa);
    cube_free(cb);
    model_free(sub);
    return err ? EXIT_FAILURE_INTERNAL : EXIT_OK;
}

/* DIR/aidcube.xlsx, with --split one workbook per fund, and rejects.tsv,
 * published as one set (export.h): when any of them fails, none is, and
 * DIR keeps the previous set (exit status 4). */
static int write_workbooks(const pipeline *p, const check_opts *co, const char *outdir,
                           int split, size_t max_rows, int low_memory, diag *d, int st)
{
    export_opts eo = {.title = "aidcube — stabilisation and peacebuilding funding",
                      .created = cmd_created_time(), .max_rows_per_sheet = max_rows,
                      .low_memory = low_memory,
                      .pivot_max_rows = max_rows, .files = p->files, .n_files = p->n_file_notes};
    export_set *set = NULL;
    int failed = export_set_open(outdir, cmd_tmp_hooks(), d, &set) != AC_OK;
    if (!failed)
        failed = set_workbook(set, p->cb, &p->findings, &eo, NULL, outdir, d) != AC_OK;
    const dimension *funds = &p->m->dim[DIM_FUND];
    for (size_t f = KEY_FIRST_MEMBER; !failed && split && f < funds->n; f++)
        failed = write_fund_workbook(p, co, funds->m[f].name, &eo, set, outdir, d) != EXIT_OK;
    if (!failed)
        failed = export_set_rejects(set, p->rejects, p->n_rejects, d) != AC_OK ||
                 export_set_publish(set, d) != AC_OK;
    if (failed && set)
        diag_error(d, outdir, 0, "the workbooks were not all written: those in place were left as they were");
    export_set_free(set);
    cmd_tmp_done();
    return failed ? EXIT_FAILURE_INTERNAL : st;
}

int cmd_build(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, 0, 'o'}, {"split", required_argument, 0, 's'},
        {"tolerance", required_argument, 0, 't'}, {"lang", required_argument, 0, 'l'},
        {"ref", required_argument, 0, 'r'}, {"max-size", required_argument, 0, 'm'}, SHEET_LONG_OPTIONS,
        {"max-rows-per-sheet", required_argument, 0, 'P'}, {"low-memory", no_argument, 0, 'M'},
        {"db", required_argument, 0, 'D'}, {"schema", required_argument, 0, 'S'},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    pipeline_run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    check_opts co = {.tolerance = -1};
    const char *outdir = NULL;
    db_src db = {.schema = "aidcube"};
    size_t max_rows = 0;
    int split = 0, low_memory = 0, c;
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
        case 'P': {
            char *end;
            unsigned long long v = optarg[0] >= '0' && optarg[0] <= '9' ? strtoull(optarg, &end, 10) : 0;
            if (!v || *end || v > BUILD_MAX_ROWS)
                return cmd_usage_error("build", "invalid value \"%s\" for option "
                                       "\"--max-rows-per-sheet\" (1 to %d)", optarg, BUILD_MAX_ROWS);
            max_rows = (size_t)v;
            break;
        }
        case 'M':
            low_memory = 1;
            break;
        default: {
            int st = pipeline_opt("build", build_help, c, &db, &ro, &co, argv);
            if (st >= 0)
                return st;
        }
        }
    }
    if (!outdir || !*outdir)
        return cmd_usage_error("build", "no output directory (-o DIR)");
    int ua = args_ok("build", &db, argc);
    if (ua >= 0)
        return ua;
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        diag_error(&dg, outdir, 0, "cannot create directory: %s", strerror(errno));
        return EXIT_FAILURE_INTERNAL;
    }
    pipeline p;
    int st = run_pipeline(&p, &ro, &co, &dg, argv + optind, (size_t)(argc - optind), &db);
    if (run_failed(st))
        diag_error(&dg, outdir, 0, "the run failed: workbooks left as they were");
    else if (p.n_loaded == 0) {
        diag_error(&dg, outdir, 0, "no source could be loaded: workbooks left as they were");
        st = EXIT_REJECTED;
    } else
        st = write_workbooks(&p, &co, outdir, split, max_rows, low_memory, &dg, st);
    pipeline_free(&p);
    warehouse_free(db.w);
    return st;
}

/* a long option with no short form */
enum { OPT_PIVOT = 1000 };

static const char cube_help[] =
"Usage: aidcube cube [OPTION]... FILE|DIR...\n"
"Build the cube in memory and print every cell of the 16 cuboids as TSV:\n"
"cuboid, sector, region, period, fund, amount_usd, origin, reported_usd,\n"
"computed_usd, derived_usd, flags, projects, projects_origin, n_facts,\n"
"sources, kind.  An empty value means the cell has none (not stated), never 0;\n"
"origin is reported, computed, derived or 'not stated' (the part of a total\n"
"that no member under it states); flags: conflict (a stated total smaller\n"
"than its parts: the parts' sum is shown), overlap (children that overlap\n"
"were not all added), parts-exceed, with-rest (rows that state no member,\n"
"with the rest of their total), not-counted-DIM (not added into its\n"
"parent along DIM).  kind: the cells of the funding (money allocated, or\n"
"disbursed where no allocation is stated at the same coordinate) come first,\n"
"kind 'funding'; then the cube of each kind shown apart that the sources\n"
"state: disbursed (as stated), received, pledged, requested, gap,\n"
"cofinancing (a change is in none).  The rules are in README.md.  With --db\n"
"the cube is also written to the warehouse (the funding's cells: cube_cell,\n"
"a new cube_version; fact.is_leaf).\n"
"With --pivot it prints instead every cell of the workbook's two PivotTables\n"
"(their filter kind on funding) as aidcube computes them (TSV: pivot, row,\n"
"column, usd, projects; \"Grand\n"
"Total\" for the totals; empty when the cell has no value).\n"
"\n"
"      --pivot          print the PivotTables' cells, not the cube's\n"
"      --db=CONNINFO    read the facts from the warehouse instead of FILE|DIR\n"
"      --schema=NAME    the warehouse schema (default aidcube)\n"
"  -l, --lang=LANG      fr, en or auto\n"
"  -r, --ref=DIR        reference data directory\n"
SHEET_OPTIONS_HELP
"  -q, --quiet          do not print warnings nor, on a terminal, the progress\n"
"                       line (sources done of all, rate, time left)\n"
"  -h, --help           show this help and exit\n"
"\n"
INPUTS_HELP
"\n"
"Exit status: 0 done; 1 some files rejected (the cube is that of the\n"
"others); 2 usage error; 4 internal failure; 5 the warehouse (--db) could\n"
"not be read or written.\n";

int cmd_cube(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, 0, 'l'}, {"ref", required_argument, 0, 'r'},
        {"max-size", required_argument, 0, 'm'}, SHEET_LONG_OPTIONS, {"quiet", no_argument, 0, 'q'},
        {"db", required_argument, 0, 'D'}, {"schema", required_argument, 0, 'S'},
        {"pivot", no_argument, 0, OPT_PIVOT}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    pipeline_run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    check_opts co = {.tolerance = -1};
    int c, pivot = 0;
    optind = 1;
    opterr = 0;
    db_src db = {.schema = "aidcube", .write = DB_WRITE_CUBE};
    while ((c = getopt_long(argc, argv, ":l:r:qh", opts, NULL)) != -1) {
        if (c == OPT_PIVOT) {
            pivot = 1;
            continue;
        }
        int st = pipeline_opt("cube", cube_help, c, &db, &ro, &co, argv);
        if (st >= 0)
            return st;
    }
    int ua = args_ok("cube", &db, argc);
    if (ua >= 0)
        return ua;
    pipeline p;
    long long version;
    int st = run_and_write(&p, &ro, &co, &dg, argc, argv, &db, &version);
    if (!run_failed(st) && pivot) {
        if (export_pivot_write_tsv(p.cb, stdout, &dg) != AC_OK)
            st = EXIT_FAILURE_INTERNAL;
    } else if (!run_failed(st)) {
        if (cube_write_tsv(p.cb, stdout, CUBE_TSV_SOURCES | CUBE_TSV_KIND) != 0 || fflush(stdout) != 0)
            st = EXIT_FAILURE_INTERNAL;        /* main says why, once */
        if (version && !dg.quiet)
            fprintf(stderr, "aidcube: cube version %lld written: %zu cells\n", version,
                    p.cb->n_cells);
    }
    pipeline_free(&p);
    warehouse_free(db.w);
    return st;
}

int cmd_build_write(const pipeline *p, const check_opts *co, const char *outdir, int split, diag *d)
{
    return write_workbooks(p, co, outdir, split, 0, 0, d, EXIT_OK);
}
