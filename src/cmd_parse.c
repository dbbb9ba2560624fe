/*
 * cmd_parse.c — `aidcube parse`: the normaliser on its own.
 *
 * Purpose.  Read phrases on stdin, one per line, and write exactly one TSV
 * line per input line, in order:
 *
 *     kind <TAB> value <TAB> currency <TAB> qualifier
 *
 * or an empty line when nothing is recognised.  kind is amount | number |
 * percent | date | period (a count such as "27 QIPs" is a number).  Values:
 * '.' decimal, no grouping, no trailing zeros; dates ISO 8601 (yyyy-mm-dd,
 * yyyy-mm, yyyy, --mm-dd without a year, --mm for a month alone); periods
 * and ranges "start/end" with ".." for an open end ("10/..", "../10",
 * "2013/..") — a UN fiscal year "2017/2018" is written as its two years,
 * "2017/2018", not as the dates 2017-07-01/2018-06-30, so that it reads the
 * same as the report.  currency is the ISO 4217 code when the phrase fixes
 * it, empty for a generic "$"/dollar/livre/franc and for FCFA (whose country
 * decides XOF or XAF).  qualifier is exact | approx | max | per_year.
 *
 * Data flow.  line -> strip CR and surrounding blanks -> UTF-8 (an invalid
 * line is read as Windows-1252) -> scan_text() restricted by --kind -> the
 * item that covers most of the phrase -> one line.  An impossible date
 * ("30 février 2017") gives an empty line and a warning on stderr.
 *
 * Memory.  One scanner and one arena for the command, the arena reset after
 * every line; the line buffer is getline's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "../base/diag.h"
#include "../base/utf8.h"
#include "../read/read_text.h"
#include "../scan/scan.h"

static const char parse_usage[] =
"Usage: aidcube parse [--kind K] [--lang fr|en]\n"
"Normalise phrases read on stdin, one per line, into TSV lines:\n"
"  kind<TAB>value<TAB>currency<TAB>qualifier\n"
"(an empty line when nothing is recognised; one output line per input line).\n"
"\n"
"  kind       amount | number | percent | date | period\n"
"  value      '.' decimal, no grouping (\"11,9 millions\" -> 11900000);\n"
"             dates yyyy-mm-dd, yyyy-mm, yyyy, --mm-dd (no year), --mm;\n"
"             periods and ranges start/end, \"..\" for an open end\n"
"             (\"2017/2018\" fiscal year, \"2013/..\" since 2013, \"10/..\")\n"
"  currency   ISO 4217 code when the phrase fixes it; empty for a generic\n"
"             $/dollar/livre/franc and for FCFA (XOF or XAF by country)\n"
"  qualifier  exact | approx | max | per_year\n"
"\n"
"Options:\n"
"  -k, --kind K     look only for K: amount, number, percent, date, period\n"
"                   (a range is asked as period)\n"
"  -l, --lang L     fr (default) or en: settles \"1,500\" (1.5 or 1500) and\n"
"                   \"billion\" (10^12 or 10^9)\n"
"  -h, --help       show this help and exit\n"
"\n"
"Input lines that are not valid UTF-8 are read as Windows-1252.\n"
"\n"
"Exit status: 0 success; 2 usage error (standard input closed or a\n"
"directory); 4 internal failure (out of memory, standard input could not\n"
"be read to its end).\n";

static void fmt_value(char *b, size_t sz, const scan_item *it)
{
    char x[48], y[48];
    switch (it->kind) {
    case SCAN_DATE:
        scan_date_format(b, sz, it->d1);
        return;
    case SCAN_PERIOD:
        switch (it->pkind) {
        case PERIOD_YEAR:
            snprintf(b, sz, "%04d", it->d1.year);
            return;
        case PERIOD_SINCE:
            scan_date_format(x, sizeof x, it->d1);
            snprintf(b, sz, "%s/..", x);
            return;
        case PERIOD_RANGE:
            if (it->has_lo) scan_num_format(it->value, x, sizeof x);
            else snprintf(x, sizeof x, "..");
            if (it->has_hi) scan_num_format(it->value_hi, y, sizeof y);
            else snprintf(y, sizeof y, "..");
            snprintf(b, sz, "%s/%s", x, y);
            return;
        default:
            scan_date_format(x, sizeof x, it->d1);
            scan_date_format(y, sizeof y, it->d2);
            snprintf(b, sz, "%s/%s", x, y);
            return;
        }
    default:
        scan_num_format(it->value, b, sz);
        return;
    }
}

static const char *kind_name(scan_kind k)
{
    switch (k) {
    case SCAN_AMOUNT: return "amount";
    case SCAN_PERCENT: return "percent";
    case SCAN_DATE: return "date";
    case SCAN_PERIOD: return "period";
    default: return "number";
    }
}

/* The --kind option's mask, 0 for an unknown kind. */
static unsigned kind_mask(const char *k)
{
    if (!strcmp(k, "amount"))
        return SCAN_MASK(SCAN_AMOUNT);
    if (!strcmp(k, "number"))
        return SCAN_MASK(SCAN_NUMBER) | SCAN_MASK(SCAN_COUNT);
    if (!strcmp(k, "percent"))
        return SCAN_MASK(SCAN_PERCENT);
    if (!strcmp(k, "date"))
        return SCAN_MASK(SCAN_DATE);
    if (!strcmp(k, "period") || !strcmp(k, "range"))
        return SCAN_MASK(SCAN_PERIOD);
    return 0;
}

/* Read the options into *o; -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, scan_opts *o)
{
    static const struct option longopts[] = {
        {"kind", required_argument, NULL, 'k'},
        {"lang", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}
    };
    int ch;
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":k:l:h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'k':
            if (!(o->kinds = kind_mask(optarg)))
                return cmd_usage_error("parse", "invalid kind \"%s\"", optarg);
            break;
        case 'l':
            if (!strcmp(optarg, "fr"))
                o->lang = SCAN_LANG_FR;
            else if (!strcmp(optarg, "en"))
                o->lang = SCAN_LANG_EN;
            else
                return cmd_usage_error("parse", "invalid language \"%s\"", optarg);
            break;
        case 'h':
            fputs(parse_usage, stdout);
            return EXIT_OK;
        case ':':
            return cmd_usage_error("parse", "option \"%s\" needs an argument",
                                   argv[optind - 1]);
        default:
            return cmd_usage_error("parse", "unknown option \"%s\"",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cmd_usage_error("parse", "unexpected argument \"%s\"", argv[optind]);
    return -1;
}

/* The phrase of a line: without its line end and surrounding blanks, in
 * UTF-8 (an invalid line is read as Windows-1252, into a).  0 when out of
 * memory. */
static int phrase_of(char *line, size_t n, arena *a, char **s, size_t *len)
{
    char *p = line;
    while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    while (n && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    if (!utf8_valid((const unsigned char *)p, n, NULL)) {
        size_t m;
        char *u = read_text_cp1252_to_utf8((const unsigned char *)p, n, a, &m);
        if (!u)
            return 0;
        p = u;
        n = m;
    }
    *s = p;
    *len = n;
    return 1;
}

/* The item that covers most of the phrase; NULL (and a warning) when it is
 * an impossible date or a number out of range. */
static const scan_item *best_item(const scan_item *items, size_t ni, const char *s,
                                  long lineno, diag *dg)
{
    const scan_item *best = NULL;
    for (size_t i = 0; i < ni; i++) {
        size_t w = items[i].end - items[i].start;
        if (!best || w > best->end - best->start)
            best = &items[i];
    }
    if (best && best->invalid) {
        diag_warn(dg, "<stdin>", lineno, "invalid date \"%.*s\"",
                  (int)(best->end - best->start), s + best->start);
        return NULL;
    }
    if (best && best->out_of_range) {
        diag_warn(dg, "<stdin>", lineno, "number out of range \"%.*s\": not used",
                  (int)(best->end - best->start), s + best->start);
        return NULL;
    }
    return best;
}

/* The output line of one phrase: its best item, or an empty line. */
static void print_item(const scan_item *best)
{
    if (!best) {
        putchar('\n');
        return;
    }
    char val[160];
    fmt_value(val, sizeof val, best);
    const char *cur = "";
    if ((best->kind == SCAN_AMOUNT || (best->kind == SCAN_PERIOD && best->pkind == PERIOD_RANGE)) &&
        !best->currency_ambiguous)
        cur = best->currency;
    printf("%s\t%s\t%s\t%s\n", kind_name(best->kind), val, cur, scan_qual_name(best->qual));
}

/* Can standard input be read as lines?  EXIT_OK, or EXIT_USAGE after
 * saying why (closed: `parse <&-`; a directory: `parse < /`). */
static int stdin_readable(diag *dg)
{
    struct stat st;
    if (fstat(STDIN_FILENO, &st) != 0) {
        diag_error(dg, "standard input", 0, "cannot be read: %s", strerror(errno));
        return EXIT_USAGE;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(dg, "standard input", 0, "is a directory, not lines of phrases");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* After getline's -1 (errno cleared before the call): EXIT_OK at the end
 * of the input; out of memory or a read error is said, and exit 4 (the rest
 * of the input was not read). */
static int input_end(diag *dg, long lineno)
{
    int why = errno;
    if (why == ENOMEM) {
        diag_error(dg, "standard input", 0, "out of memory reading line %ld", lineno + 1);
        return EXIT_FAILURE_INTERNAL;
    }
    if (ferror(stdin) || !feof(stdin)) {
        diag_error(dg, "standard input", 0, "line %ld cannot be read: %s", lineno + 1,
                   strerror(why ? why : EIO));
        return EXIT_FAILURE_INTERNAL;
    }
    return EXIT_OK;
}

/* One output line per line of stdin; the exit status. */
static int parse_lines(scan_ctx *sx, const scan_opts *opts, arena *a, diag *dg)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int status = EXIT_OK;
    for (;;) {
        errno = 0;
        if ((got = getline(&line, &cap, stdin)) < 0) {
            status = input_end(dg, lineno);
            break;
        }
        lineno++;
        char *s;
        size_t n;
        if (!phrase_of(line, (size_t)got, a, &s, &n)) {
            diag_error(dg, "<stdin>", lineno, "out of memory");
            status = EXIT_FAILURE_INTERNAL;
            break;
        }
        scan_item *items = NULL;
        size_t ni = 0;
        ac_error err = scan_text(sx, s, n, opts, a, &items, &ni);
        if (err != AC_OK) {
            diag_error(dg, "<stdin>", lineno, "%s", ac_strerror(err));
            status = EXIT_FAILURE_INTERNAL;
            break;
        }
        print_item(best_item(items, ni, s, lineno, dg));
        arena_reset(a);
    }
    free(line);
    return status;
}

int cmd_parse(int argc, char **argv)
{
    diag dg;
    diag_init(&dg);
    /* phrases come from statements too: "(12,50 €)" is negative */
    scan_opts opts = {.lang = SCAN_LANG_FR, .kinds = SCAN_ALL, .accounting = 1};
    int status = parse_options(argc, argv, &opts);
    if (status >= 0)
        return status;
    if ((status = stdin_readable(&dg)) != EXIT_OK)
        return status;
    scan_ctx *sx;
    if (scan_new(&dg, &sx) != AC_OK)
        return EXIT_FAILURE_INTERNAL;           /* scan_new said why */
    arena *a = arena_new(0);
    if (!a) {
        diag_error(&dg, NULL, 0, "parse: out of memory");
        scan_free(sx);
        return EXIT_FAILURE_INTERNAL;
    }
    status = parse_lines(sx, &opts, a, &dg);
    arena_free(a);
    scan_free(sx);
    if (fflush(stdout) != 0 || ferror(stdout))
        return EXIT_FAILURE_INTERNAL;           /* main says why, once */
    return status;
}
