/*
 * cmd_db.c — `aidcube load SOURCES... --db CONNINFO` and `aidcube db
 * init|migrate|status`: the warehouse commands.  They read argv, print and
 * choose the exit code; the warehouse itself is warehouse/warehouse.c and warehouse/warehouse_load.c.
 *
 * load reads the sources with the in-process pipeline (model only: the
 * loader is one more consumer of the fact model), then connects, takes the
 * load lock of the schema (--wait, the default, waits for another load;
 * --no-wait exits at once), and loads the model as one batch.  A file that
 * could not be read is reported as everywhere, recorded as a reject of the
 * batch, and makes the exit status 1; the other files are loaded.  A
 * spreadsheet row not loaded is recorded once, as the pipeline kept it
 * (file, sheet, row, column, raw value, reason), not from its diagnostic.
 * Every reject is recorded with the file as given and its canonical path
 * (that of a missing file: its folder's, and its name), by which a later
 * batch that reads the file clears it (sql/010_rejects.sql).
 */
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/sha256.h"
#include "../pipeline/pipeline.h"
#include "../pipeline/pipeline_data.h"
#include "../warehouse/warehouse.h"
#include "cmd.h"

#define EXIT_STATUS_TEXT \
"Exit status: 0 success; 1 some files rejected (the others loaded); 2 usage\n" \
"error; 4 internal failure; 5 database error (nothing of the batch was kept;\n" \
"the batch is recorded as failed with the reason); 6 another load of the\n" \
"schema is running and --no-wait was given.\n"

#define CONNINFO_TEXT \
"CONNINFO is a libpq connection string (\"host=/run/postgresql dbname=aid\")\n" \
"or URI (postgresql://user@host/db); '--db=' alone uses only the PG*\n" \
"environment variables.  Passwords come from ~/.pgpass or PGPASSWORD through\n" \
"libpq; a password is never printed nor recorded.\n"

static const char load_help[] =
"Usage: aidcube load [OPTION]... FILE|DIR... --db CONNINFO\n"
"Load the facts of the sources into the PostgreSQL warehouse, as one batch\n"
"in one transaction: a path is a source; a path whose content (SHA-256) is\n"
"unchanged is skipped; a known path with a new content has its facts\n"
"replaced; a content already loaded at another path is not stored twice; a\n"
"source whose rows are all another source's (one list as .csv and .xlsx) is\n"
"recorded but counted nowhere (dim_source.same_rows_key); on any error\n"
"nothing of the batch is kept and a batch row says why.\n"
"\n"
"  -d, --db=CONNINFO    the warehouse (required; see below)\n"
"  -s, --schema=NAME    the warehouse's schema (default aidcube)\n"
"      --wait           wait for another load of the schema to finish (default)\n"
"      --no-wait        exit at once (status 6) when another load is running\n"
"  -l, --lang=LANG      fr, en or auto (default: detected per document)\n"
"  -r, --ref=DIR        reference data directory (default: $AIDCUBE_REFDIR,\n"
"                       else the installed one, see 'man aidcube')\n"
"      --max-size=N     reject files larger than N bytes (default 33554432)\n"
SHEET_OPTIONS_HELP
"  -q, --quiet          do not print warnings nor, on a terminal, the progress\n"
"                       line (sources done of all, rate, time left)\n"
"  -h, --help           show this help and exit\n"
"\n"
INPUTS_HELP
"\n"
"Prints one line: the batch, its status (committed, skipped or failed) and\n"
"its counts of sources seen, loaded, skipped, replaced, rejected and facts.\n"
"\n" CONNINFO_TEXT "\n" EXIT_STATUS_TEXT;

static const char db_help[] =
"Usage: aidcube db init|migrate|status --db CONNINFO [OPTION]...\n"
"Manage the warehouse's schema, made of the SQL files sql/NNN_name.sql applied\n"
"in order, each once, and recorded in the table schema_version.\n"
"\n"
"  init      create the schema and apply every file not yet applied\n"
"  migrate   apply the files not yet applied (the schema must exist)\n"
"  status    print the version, the batches and the rows of every table\n"
"(init and migrate are idempotent: run again, they apply nothing.)\n"
"\n"
"  -d, --db=CONNINFO    the warehouse (required; see below)\n"
"  -s, --schema=NAME    the schema (default aidcube; lowercase letters,\n"
"                       digits and _)\n"
"      --shards=CONNINFO,CONNINFO,...  (init) a sharded warehouse: the facts\n"
"                       hash-partitioned by source over these servers\n"
"                       (postgres_fdw), the schema made on each; --db is\n"
"                       the coordinator the commands connect to\n"
"      --sql-dir=DIR    the migrations (default: $AIDCUBE_SQLDIR, else the\n"
"                       installed ones, see 'man aidcube')\n"
"  -h, --help           show this help and exit\n"
"\n" CONNINFO_TEXT "\n"
"Exit status: 0 success; 2 usage error; 4 internal failure; 5 database error\n"
"(nothing of a failed migration is kept).\n";

/* ---- rejected files, collected from the diagnostics (and printed) ---- */

typedef struct {
    warehouse_reject *v;
    size_t n, cap;
} rejects;

static void collect(diag_level level, const char *file, long line, const char *msg, void *ctx)
{
    diag_write_stderr(level, file, line, msg);
    rejects *r = ctx;
    if (level != DIAG_ERROR || !file)
        return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        warehouse_reject *nv = realloc(r->v, cap * sizeof *nv);
        if (!nv)
            return;
        r->v = nv;
        r->cap = cap;
    }
    char *p = strdup(file), *m = strdup(msg);
    if (!p || !m) {
        free(p);
        free(m);
        return;
    }
    r->v[r->n++] = (warehouse_reject){.path = p, .line = line, .reason = m};
}

/* The rejects of the batch: the files and lines the diagnostics reported
 * (rj), but for the spreadsheet rows the pipeline kept with their sheet,
 * column and raw value (pr): those once, structured.  The strings stay
 * borrowed from rj and pr; caller frees the array only.  NULL: out of
 * memory. */
static warehouse_reject *rejects_merge(const rejects *rj, const export_reject *pr, size_t n_pr,
                                size_t *n)
{
    warehouse_reject *v = malloc((rj->n + n_pr + 1) * sizeof *v);
    if (!v)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < rj->n; i++) {
        size_t k = 0;
        while (k < n_pr && !(pr[k].row == rj->v[i].line && pr[k].path &&
                             !strcmp(pr[k].path, rj->v[i].path)))
            k++;
        if (k == n_pr)
            v[(*n)++] = rj->v[i];
    }
    for (size_t k = 0; k < n_pr; k++)
        v[(*n)++] = (warehouse_reject){pr[k].path, pr[k].row, pr[k].reason, pr[k].sheet, pr[k].col,
                                pr[k].raw, NULL};
    return v;
}

/* The canonical path of a file, also of one that is gone (a missing file,
 * a dangling link): its folder's canonical path and its name; as given
 * when even the folder cannot be resolved.  malloc'd, NULL: out of memory. */
static char *canonical_path(const char *path)
{
    char *c = realpath(path, NULL);
    if (c)
        return c;
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    char *cd = dir ? realpath(*dir ? dir : "/", NULL) : NULL;
    const char *base = slash ? slash + 1 : path;
    size_t n = cd ? strlen(cd) + strlen(base) + 2 : 0;
    c = cd ? malloc(n) : NULL;
    if (c)
        snprintf(c, n, "%s%s%s", cd, strcmp(cd, "/") ? "/" : "", base);
    free(dir);
    free(cd);
    return c ? c : strdup(path);
}

/* Each reject's source_path (the canonical path of its file: how a later
 * batch that reads it is found); the strings in canon (caller frees each
 * and the array).  0, or -1 when out of memory. */
static int reject_paths(warehouse_reject *v, size_t n, char ***canon)
{
    if (!(*canon = calloc(n + 1, sizeof **canon)))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(v[i].source_path = (*canon)[i] = canonical_path(v[i].path)))
            return -1;
    return 0;
}

static void rejects_free(rejects *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free((char *)r->v[i].path);
        free((char *)r->v[i].reason);
    }
    free(r->v);
}

static int db_exit(ac_error err)
{
    return err == AC_ERR_USAGE ? EXIT_USAGE : err == AC_ERR_DB ? EXIT_DB : EXIT_FAILURE_INTERNAL;
}

/* What load's command line asks for. */
typedef struct {
    pipeline_opts po;
    const char *conninfo, *schema;
    int wait;                /* --wait (default) or --no-wait */
} load_args;

/* load's options and arguments into a (a->po's files: argv + optind).
 * -1 when the load may go on, else the exit status to return. */
static int load_parse(int argc, char **argv, load_args *a)
{
    enum { OPT_WAIT = 256, OPT_NO_WAIT };
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"schema", required_argument, 0, 's'},
        {"wait", no_argument, 0, OPT_WAIT},
        {"no-wait", no_argument, 0, OPT_NO_WAIT},
        {"lang", required_argument, 0, 'l'},
        {"ref", required_argument, 0, 'r'},
        {"max-size", required_argument, 0, 'm'}, SHEET_LONG_OPTIONS,
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    *a = (load_args){.po = {.test_mode = getenv("AIDCUBE_TEST") != NULL, .model_only = 1},
                     .schema = "aidcube", .wait = 1};
    cmd_run_opts_init(&a->po.run);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:l:r:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': a->conninfo = optarg; break;
        case 's': a->schema = optarg; break;
        case OPT_WAIT: a->wait = 1; break;
        case OPT_NO_WAIT: a->wait = 0; break;
        case 'h':
            fputs(load_help, stdout);
            return EXIT_OK;
        default:
            if (c == '?' || c == ':' || run_opts_parse(&a->po.run, c, optarg) != 0)
                return run_opts_error("load", c, argv);
        }
    }
    if (optind >= argc)
        return cmd_usage_error("load", "no input files");
    if (!a->conninfo)
        return cmd_usage_error("load", "no warehouse: give --db CONNINFO");
    if (!warehouse_schema_name_ok(a->schema))
        return cmd_usage_error("load", "invalid schema name \"%s\"", a->schema);
    return -1;
}

/* Connect, check the schema's version, take the load lock: EXIT_OK with
 * *w connected (the caller frees it, also on failure), else the exit
 * status. */
static int load_open(const load_args *a, diag *dg, warehouse **w)
{
    ac_error err = warehouse_connect(a->conninfo, a->schema, dg, w);
    if (err)
        return db_exit(err);
    int version, busy;
    if (warehouse_version(*w, &version, dg))
        return EXIT_DB;
    if (version < WH_SCHEMA_VERSION) {
        diag_error(dg, NULL, 0, version ? "database: schema \"%s\" is at version %d, this "
                   "aidcube loads version %d: run 'aidcube db migrate'"
                   : "database: schema \"%s\" is not initialised (version %d of %d): run "
                   "'aidcube db init'", a->schema, version, WH_SCHEMA_VERSION);
        return EXIT_DB;
    }
    if (warehouse_lock(*w, a->wait, &busy, dg))
        return EXIT_DB;
    if (busy) {
        diag_error(dg, NULL, 0, "another load of schema \"%s\" is running: nothing loaded "
                   "(--wait waits for it)", a->schema);
        return EXIT_LOCKED;
    }
    return EXIT_OK;
}

/* The absolute path of every source (as given when it has none), in
 * *paths (n_src of them, NULL-terminated): caller frees each and the
 * array, also on failure.  0, or -1 when out of memory. */
static int source_paths(const model *m, char ***paths)
{
    if (!(*paths = calloc(m->n_src + 1, sizeof **paths)))
        return -1;
    for (size_t i = 0; i < m->n_src; i++) {
        (*paths)[i] = realpath(m->src[i].path, NULL);
        if (!(*paths)[i] && !((*paths)[i] = strdup(m->src[i].path)))
            return -1;
    }
    return 0;
}

/* 1 when path is a source of m or a file rejected (rj). */
static int known_file(const model *m, const rejects *rj, const char *path)
{
    for (size_t i = 0; i < m->n_src; i++)
        if (!strcmp(m->src[i].path, path))
            return 1;
    for (size_t i = 0; i < rj->n; i++)
        if (!strcmp(rj->v[i].path, path) && rj->v[i].line == 0)
            return 1;
    return 0;
}

/* The files of the run the pipeline did not load as copies of a source
 * (same SHA-256), with their canonical paths (caller frees each path and
 * the array).  A file whose content changed since it was read is left
 * out.  0, or -1 when out of memory. */
static int copy_paths(const pipeline *p, const rejects *rj, char *const *paths,
                      warehouse_copy_path **out, size_t *n)
{
    const read_file_list *fl = &p->rc.files;
    *n = 0;
    if (!(*out = calloc(fl->n + 1, sizeof **out)))
        return -1;
    for (size_t i = 0; i < fl->n; i++) {
        char sha[65];
        const fact_source *src;
        if (known_file(p->m, rj, fl->path[i]) || sha256_file(fl->path[i], sha) != 0 ||
            !(src = model_find_content(p->m, sha)))
            continue;
        size_t s = (size_t)(src - p->m->src);
        char *c = realpath(fl->path[i], NULL);
        if (!c && !(c = strdup(fl->path[i])))
            return -1;
        if (!strcmp(c, paths[s])) {
            free(c);
            continue;
        }
        (*out)[(*n)++] = (warehouse_copy_path){c, s};
    }
    return 0;
}

/* Free strings s[0..n) (NULLs allowed) and the array. */
static void strings_free(char **s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        free(s[i]);
    free(s);
}

static void copy_paths_free(warehouse_copy_path *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        free((char *)c[i].path);
    free(c);
}

/* The batch: the model of p, its rejects (rj and the pipeline's), loaded
 * and its line printed.  The exit status. */
static int load_batch(warehouse *w, const pipeline *p, const load_args *a, const rejects *rj,
                      char *const *paths, diag *dg)
{
    size_t n_all = 0, n_cp = 0;
    warehouse_copy_path *cp = NULL;
    char **canon = NULL;
    warehouse_reject *all = rejects_merge(rj, p->rejects, p->n_rejects, &n_all);
    int bad = !all || reject_paths(all, n_all, &canon) || copy_paths(p, rj, paths, &cp, &n_cp);
    if (bad) {
        free(all);
        strings_free(canon, n_all);
        copy_paths_free(cp, n_cp);
        return EXIT_FAILURE_INTERNAL;
    }
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    const struct passwd *pw = getpwuid(geteuid());
    const char *user = getenv("USER");
    const char *pause = getenv("AIDCUBE_TEST_PAUSE_COPY_MS");
    warehouse_load_opts lo = {
        .paths = (const char *const *)paths,
        .os_user = pw ? pw->pw_name : user,
        .host = host[0] ? host : NULL,
        .version = AC_VERSION,
        .dates = p->dates,
        .n_dates = p->n_dates,
        .n_copies = p->n_copies,
        .copy_paths = cp,
        .n_copy_paths = n_cp,
        .n_rejected = p->n_rejected,
        .rejects = all,
        .n_rejects = n_all,
        .pause_in_copy_ms = a->po.test_mode && pause ? (unsigned)strtoul(pause, NULL, 10) : 0,
    };
    warehouse_load_result r;
    ac_error err = warehouse_load(w, p->m, &lo, &r, dg);
    free(all);
    strings_free(canon, n_all);
    copy_paths_free(cp, n_cp);
    if (err) {
        diag_error(dg, NULL, 0, "load failed: nothing of the batch was kept");
        return EXIT_DB;
    }
    printf("batch %lld: %s: %zu sources seen, %zu loaded, %zu skipped, %zu replaced, "
           "%zu rejected, %zu facts\n", r.batch, r.status, r.seen, r.loaded, r.skipped,
           r.replaced, r.rejected, r.facts);
    return p->status;
}

int cmd_load(int argc, char **argv)
{
    load_args a;
    int status = load_parse(argc, argv, &a);
    if (status >= 0)
        return status;
    rejects rj = {0};
    diag dg;
    diag_init(&dg);
    dg.sink = collect;
    dg.ctx = &rj;
    cmd_checkpoint_init(&dg);
    pipeline p;
    warehouse *w = NULL;
    char **paths = NULL;
    progress pg;                 /* the sources read, before the batch */
    cmd_progress_init(&pg, &dg, a.po.run.quiet, 0);
    a.po.run.progress = &pg;
    ac_error err = pipeline_run(&p, &a.po, argv + optind, (size_t)(argc - optind), &dg);
    progress_finish(&pg);
    dg.progress = NULL;
    if (err)
        status = p.status ? p.status : EXIT_FAILURE_INTERNAL;
    else if ((status = load_open(&a, &dg, &w)) == EXIT_OK)
        status = source_paths(p.m, &paths) ? EXIT_FAILURE_INTERNAL
                                           : load_batch(w, &p, &a, &rj, paths, &dg);
    if (fflush(stdout) != 0 && status == EXIT_OK)
        status = EXIT_FAILURE_INTERNAL;
    for (size_t i = 0; paths && i < p.m->n_src; i++)
        free(paths[i]);
    free(paths);
    warehouse_free(w);
    pipeline_free(&p);
    rejects_free(&rj);
    return status;
}

/* db status: the schema's version, batches, cube and rows of every table. */
static void print_status(const char *schema, const warehouse_status_info *st, int latest)
{
    printf("schema: %s\nversion: %d (files: %d)\n", schema, st->version, latest);
    if (st->version == 0)
        printf("not initialised: run 'aidcube db init'\n");
    else
        printf("batches: %lld (committed %lld, skipped %lld, failed %lld)\n",
               st->batches, st->committed, st->skipped, st->failed);
    if (st->last_batch)
        printf("last batch: %lld, %s, started %s\n", st->last_batch, st->last_status,
               st->last_started);
    if (st->version && !st->cube_version)
        printf("cube: none yet: run 'aidcube cube --db'\n");
    else if (st->version)
        printf("cube: version %lld, of the facts up to batch %lld%s\n", st->cube_version,
               st->cube_last_batch, st->cube_last_batch < st->last_committed
                   ? " (older than the last load: run 'aidcube cube --db')" : "");
    for (size_t i = 0; i < st->n_counts; i++)
        printf("rows %s: %lld\n", st->counts[i].name, st->counts[i].rows);
}

int cmd_db(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"schema", required_argument, 0, 's'},
        {"sql-dir", required_argument, 0, 'S'},
        {"shards", required_argument, 0, 'H'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *conninfo = NULL, *schema = "aidcube", *shards = NULL;
    const char *sql_dir = cmd_env_dir("AIDCUBE_SQLDIR", "AIDCUBE_SQL");
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': conninfo = optarg; break;
        case 's': schema = optarg; break;
        case 'S': sql_dir = optarg; break;
        case 'H': shards = optarg; break;
        case 'h':
            fputs(db_help, stdout);
            return EXIT_OK;
        case ':':
            return cmd_usage_error("db", "option \"%s\" needs a value", argv[optind - 1]);
        default:
            return cmd_usage_error("db", "invalid option \"%s\"", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cmd_usage_error("db", "missing subcommand (init, migrate or status)");
    const char *sub = argv[optind];
    int init = !strcmp(sub, "init"), migrate = !strcmp(sub, "migrate");
    if (!init && !migrate && strcmp(sub, "status"))
        return cmd_usage_error("db", "unknown subcommand \"%s\"", sub);
    if (optind + 1 < argc)
        return cmd_usage_error("db", "unexpected argument \"%s\"", argv[optind + 1]);
    if (!conninfo)
        return cmd_usage_error("db", "no warehouse: give --db CONNINFO");
    if (shards && !init)
        return cmd_usage_error("db", "--shards is for db init only");
    if (!warehouse_schema_name_ok(schema))
        return cmd_usage_error("db", "invalid schema name \"%s\"", schema);
    diag dg;
    diag_init(&dg);
    char found[PIPELINE_DATA_LOOKED];
    if (!sql_dir) {
        if (pipeline_data_find("sql", AC_SQLDIR, found, sizeof found)) {
            diag_error(&dg, NULL, 0, "SQL migrations not found (looked in %s): "
                       "name their folder with --sql-dir DIR or AIDCUBE_SQLDIR", found);
            return EXIT_FAILURE_INTERNAL;
        }
        sql_dir = found;
    }
    warehouse *w;
    ac_error err = warehouse_connect(conninfo, schema, &dg, &w);
    if (err)
        return db_exit(err);
    int status = EXIT_OK;
    if (init || migrate) {
        int from, to;
        err = shards ? warehouse_init_shards(w, sql_dir, shards, &from, &to, &dg)
                     : warehouse_migrate(w, sql_dir, init, &from, &to, &dg);
        if (!err && from == to)
            printf("schema %s: at version %d, nothing to apply\n", schema, to);
        else if (!err)
            printf("schema %s: version %d -> %d\n", schema, from, to);
    } else {
        warehouse_status_info st;
        err = warehouse_status(w, &st, &dg);
        if (!err)
            print_status(schema, &st, warehouse_sql_latest(sql_dir));
    }
    if (err)
        status = db_exit(err);
    else if (fflush(stdout) != 0)
        status = EXIT_FAILURE_INTERNAL;
    warehouse_free(w);
    return status;
}
