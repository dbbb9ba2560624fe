/*
 * cmd_cells.c — `aidcube cells`: the grid a spreadsheet is read into
 * (read/read_sheet.h), one line per non-empty cell, for looking at what a reader
 * made of a file.
 *
 * Output: a TSV with this header first
 *     sheet  row  col  cell  kind  text  formula
 * row and col 1-based numbers, cell the A1 reference ("E14"), kind text |
 * number | bool | date | error | no_value; every text field escaped with
 * diag_put_escaped (diag.h).
 *
 * Each file is read (read_text_bytes), recognised (read_sheet_detect) and read as a
 * book (read_sheet) in its own arena, printed and freed: a file that cannot
 * be read is reported and the others still printed.  Exit 0 when every file
 * was read, 1 when some were rejected, 2 usage error, 4 internal failure.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "../base/arena.h"
#include "../base/diag.h"
#include "../read/read_text.h"
#include "../read/read_sheet.h"

static const char help[] =
"Usage: aidcube cells [--sheet NAME] [--max-size N] FILE...\n"
"Print every non-empty cell of spreadsheets (.csv .tsv .xlsx .xlsm .ods .xls)\n"
"as the readers see them, one per line, header first:\n"
"  sheet<TAB>row<TAB>col<TAB>cell<TAB>kind<TAB>text<TAB>formula\n"
"\n"
"  row, col   1-based, as the spreadsheet program shows them (a CSV row is\n"
"             the line where its record starts)\n"
"  cell       the A1 reference (E14)\n"
"  kind       text | number | bool | date | error | no_value\n"
"  text       the value as text: numbers with '.' and no grouping, dates\n"
"             yyyy-mm-dd or yyyy-mm-ddThh:mm:ss\n"
"  formula    the cell's formula without '=', or empty\n"
"\n"
"Options:\n"
"  -s, --sheet NAME   only the sheet NAME (a CSV has one sheet and ignores it)\n"
"      --max-size N   reject files larger than N bytes (default 33554432)\n"
"  -h, --help         show this help and exit\n"
"\n"
"A tab, line end, backslash or control character in a field is written as\n"
"\\t \\n \\r \\\\ or \\xHH.  Warnings and errors go to stderr as\n"
"'aidcube: FILE:LINE: message'.\n"
"\n"
"Exit status: 0 all files read; 1 some files rejected (the others printed);\n"
"2 usage error; 4 internal failure.\n";

static const char *kind_name(cell_kind k)
{
    switch (k) {
    case CELL_TEXT: return "text";
    case CELL_NUMBER: return "number";
    case CELL_BOOL: return "bool";
    case CELL_DATE: return "date";
    case CELL_ERROR: return "error";
    case CELL_NO_VALUE: return "no_value";
    case CELL_EMPTY: break;
    }
    return "empty";
}

static void print_book(FILE *f, const book *b)
{
    for (size_t s = 0; s < b->n; s++) {
        const sheet *sh = &b->sheet[s];
        for (size_t r = 0; r < sh->n; r++) {
            const read_sheet_row *row = &sh->row[r];
            for (size_t c = 0; c < row->n; c++) {
                const read_sheet_cell *cell = &row->cell[c];
                char col[8];
                diag_put_escaped(f, sh->name);
                fprintf(f, "\t%ld\t%d\t%s%ld\t%s\t", row->row, cell->col,
                        read_sheet_col_name(cell->col, col, sizeof col), row->row,
                        kind_name(cell->kind));
                diag_put_escaped(f, cell->text);
                fputc('\t', f);
                diag_put_escaped(f, cell->formula);
                fputc('\n', f);
            }
        }
    }
}

/* Read and print one file; the ac_error of the first failure. */
static ac_error cells_file(const char *path, size_t max, const read_sheet_limits *l, diag *dg,
                           arena *a)
{
    const unsigned char *bytes;
    size_t n;
    char sha[65];
    ac_error err = read_text_bytes(path, max, dg, a, &bytes, &n, sha);
    if (err != AC_OK)
        return err;
    book_format f;
    if (!read_sheet_detect(path, bytes, n, &f))
        return diag_fail(dg, AC_ERR_PARSE, path, 0,
                         "not a spreadsheet (.csv .tsv .xlsx .xlsm .ods .xls): not read");
    book b;
    err = read_sheet(path, f, bytes, n, l, dg, a, &b);
    if (err == AC_OK)
        print_book(stdout, &b);
    return err;
}

int cmd_cells(int argc, char **argv)
{
    static const struct option opts[] = {
        {"sheet", required_argument, 0, 's'},
        {"max-size", required_argument, 0, 'm'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    read_sheet_limits lim;
    read_sheet_limits_init(&lim);
    lim.xls_program = CMD_SELF;
    diag dg;
    diag_init(&dg);
    pipeline_run_opts ro;       /* only for --max-size, parsed as the others do */
    pipeline_run_opts_init(&ro);
    size_t max = READER_DEFAULT_MAX;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:h", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            lim.only_sheet = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return EXIT_OK;
        case 'm':
            if (run_opts_parse(&ro, c, optarg) != 0)
                return run_opts_error("cells", c, argv);
            max = ro.max_size;
            break;
        default:
            if (c == '?' && optopt > 0 && optopt < 0x7f)   /* "-x", "-xyz" */
                return cmd_usage_error("cells", "invalid option \"-%c\"", optopt);
            return run_opts_error("cells", c, argv);
        }
    }
    if (optind >= argc)
        return cmd_usage_error("cells", "no input files");
    lim.max_book_bytes = pipeline_input_limit(&ro);
    arena *a = arena_new(0);
    if (!a) {
        diag_error(&dg, NULL, 0, "cells: out of memory");
        return EXIT_FAILURE_INTERNAL;
    }
    fputs("sheet\trow\tcol\tcell\tkind\ttext\tformula\n", stdout);
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        ac_error err = cells_file(argv[i], max, &lim, &dg, a);
        if (err == AC_ERR_NOMEM) {
            status = EXIT_FAILURE_INTERNAL;
            break;
        }
        if (err != AC_OK)
            status = EXIT_REJECTED;
        arena_reset(a);
    }
    arena_free(a);
    /* a write that failed is reported by main (src/main.c), with its reason */
    return status;
}
