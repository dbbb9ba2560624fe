/*
 * cmd_extract.c — `aidcube extract`: print the observations of documents.
 *
 * The output contract (DESIGN.md) is a TSV with this header first:
 *   doc line measure value unit fund country region sector period qualifier
 * followed here by three more columns, span (start-end byte offsets in the
 * decoded text), snippet (the sentence around the figure) and kind (the
 * money kind of an amount: allocated, disbursed, received, pledged,
 * requested, gap, change, cofinancing; empty when the words do not say),
 * then attributed_from: where each stated attribute came from, "attr=origin"
 * pairs in the order fund, country, region, sector, period, one for each
 * non-empty attribute column and none for an empty one
 * ("fund=sentence,country=reference,region=clause,period=document"; the
 * origins are attribute_from's, attribute_obs.h).  --format jsonl writes one
 * JSON object per observation with the same fields (attributed_from as an
 * object {"fund":"sentence",...} of the same pairs).
 *
 * Each file is read, scanned and attributed in its own arena, printed, and
 * freed: a bad file is reported and skipped, the others are still printed.
 * Exit 0 when every file was read, 1 when some were rejected, 2 on usage
 * errors, 4 on an internal failure.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../attribute/attribute.h"
#include "../attribute/attribute_gazetteer.h"
#include "../read/read_text.h"
#include "../scan/scan.h"
#include "cmd.h"
#include "../base/diag.h"
#include "../read/read_files.h"
#include "../pipeline/pipeline_run.h"

static const char help[] =
"Usage: aidcube extract [OPTION]... FILE|DIR...\n"
"Print one observation per line (amounts, shares, counts) found in report\n"
"documents, with fund, country, region, sector, period and qualifier.\n"
"\n"
"  -f, --format=FMT     tsv (default) or jsonl\n"
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
"Columns: doc line measure value unit fund country region sector period\n"
"qualifier span snippet kind attributed_from (span: the byte span in the\n"
"decoded text; for a spreadsheet, the figure's cell as SHEET!E14; kind: what\n"
"money an amount is, allocated, disbursed, received, pledged, requested, gap,\n"
"change or cofinancing, empty when the words around it do not say;\n"
"attributed_from: where each non-empty attribute came from, as\n"
"fund=sentence,country=reference,...: clause, sentence, paragraph, item,\n"
"label, heading, document, reference, whole, parts, column or sheet).\n"
"Warnings and errors go to stderr as\n"
"'aidcube: FILE:LINE: message'.  A tab, line end, backslash or control\n"
"character in a field or a file name is written as \\t \\n \\r \\\\ or \\xHH.\n"
"\n"
"Exit status: 0 all files read; 1 some files rejected (the others printed);\n"
"2 usage error; 4 internal failure.\n";

/* Every text field goes through diag_put_escaped (TSV: a tab, a line end or
 * a terminal control is escaped, see diag.h and README) or diag_put_json
 * (always valid UTF-8). */
void extract_print_header(FILE *f, int jsonl)
{
    if (!jsonl)
        fputs("doc\tline\tmeasure\tvalue\tunit\tfund\tcountry\tregion\tsector\t"
              "period\tqualifier\tspan\tsnippet\tkind\tattributed_from\n", f);
}

/* ,"attributed_from":{"fund":"sentence",...}: the pairs of
 * attribute_obs_from as an object ({} when none is stated). */
static void print_from_json(FILE *f, const obs *o)
{
    char buf[OBS_FROM_SIZE];
    attribute_obs_from(o, buf, sizeof buf);
    fputs(",\"attributed_from\":{", f);
    int first = 1;
    for (char *p = buf; *p;) {
        char *comma = strchr(p, ','), *eq = strchr(p, '=');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (!eq || eq > p + len)
            break;
        fprintf(f, "%s\"%.*s\":\"%.*s\"", first ? "" : ",", (int)(eq - p), p,
                (int)(p + len - eq - 1), eq + 1);
        first = 0;
        p += len + (comma ? 1 : 0);
    }
    fputc('}', f);
}

void extract_print_obs(FILE *f, const obs *o, int jsonl)
{
    char val[40], per[24];
    scan_num_format(o->value, val, sizeof val);
    attribute_obs_period(o, per, sizeof per);
    if (jsonl) {
        fputs("{\"doc\":", f);
        diag_put_json(f, o->doc);
        fprintf(f, ",\"line\":%ld,\"measure\":\"%s\",\"value\":%s,\"unit\":",
                o->line, attribute_obs_measure_name(o->measure), val);
        diag_put_json(f, o->unit);
        fputs(",\"fund\":", f);
        diag_put_json(f, o->fund);
        fputs(",\"country\":", f);
        diag_put_json(f, o->country);
        fputs(",\"region\":", f);
        diag_put_json(f, o->region);
        fputs(",\"sector\":", f);
        diag_put_json(f, o->sector);
        fputs(",\"period\":", f);
        diag_put_json(f, per[0] ? per : NULL);
        fprintf(f, ",\"qualifier\":\"%s\",\"span\":[%zu,%zu],\"snippet\":",
                scan_qual_name(o->qual), o->start, o->end);
        diag_put_json(f, o->snippet);
        fprintf(f, ",\"kind\":");
        diag_put_json(f, o->kind ? attribute_kind_name(o->kind) : NULL);
        print_from_json(f, o);
        fputs("}\n", f);
        return;
    }
    diag_put_escaped(f, o->doc);
    fprintf(f, "\t%ld\t%s\t%s\t", o->line, attribute_obs_measure_name(o->measure), val);
    diag_put_escaped(f, o->unit);
    fputc('\t', f);
    diag_put_escaped(f, o->fund);
    fputc('\t', f);
    diag_put_escaped(f, o->country);
    fputc('\t', f);
    diag_put_escaped(f, o->region);
    fputc('\t', f);
    diag_put_escaped(f, o->sector);
    fprintf(f, "\t%s\t%s\t", per, scan_qual_name(o->qual));
    char span[OBS_SPAN_SIZE];
    diag_put_escaped(f, attribute_obs_span(o, span, sizeof span));
    fputc('\t', f);
    diag_put_escaped(f, o->snippet);
    char from[OBS_FROM_SIZE];
    fprintf(f, "\t%s\t%s\n", attribute_kind_name(o->kind), attribute_obs_from(o, from, sizeof from));
}

int cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'},
        {"lang", required_argument, 0, 'l'},
        {"ref", required_argument, 0, 'r'},
        {"max-size", required_argument, 0, 'm'}, SHEET_LONG_OPTIONS,
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    pipeline_run_opts ro;
    cmd_run_opts_init(&ro);
    diag dg;
    diag_init(&dg);
    int jsonl = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:l:r:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "tsv")) jsonl = 0;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) jsonl = 1;
            else return cmd_usage_error("extract", "unknown format \"%s\"", optarg);
            break;
        case 'h':
            fputs(help, stdout);
            return EXIT_OK;
        default:
            if (c == '?' || c == ':' || run_opts_parse(&ro, c, optarg) != 0)
                return run_opts_error("extract", c, argv);
        }
    }
    if (optind >= argc)
        return cmd_usage_error("extract", "no input files");

    pipeline_run_ctx rc;
    progress pg;             /* off when stdout is a terminal: the rows show it */
    cmd_progress_init(&pg, &dg, ro.quiet, 1);
    ro.progress = &pg;
    int status = pipeline_run_begin(&rc, &ro, &dg, argv + optind, (size_t)(argc - optind));
    if (status != EXIT_OK)
        return status;
    extract_print_header(stdout, jsonl);
    pipeline_run_doc doc;
    while (pipeline_run_next(&rc, &doc) == 1) {
        for (size_t i = 0; i < doc.obs.n; i++)
            extract_print_obs(stdout, &doc.obs.v[i], jsonl);
        pipeline_run_doc_done(&rc, &doc);
    }
    progress_finish(&pg);
    /* a write that failed is reported by main (src/main.c), with its reason */
    return pipeline_run_end(&rc);
}
