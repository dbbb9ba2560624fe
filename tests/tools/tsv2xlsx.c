/*
 * tsv2xlsx — write a typed TSV as an .xlsx with libxlsxwriter: the project's
 * own "Excel" form of a spreadsheet fixture (tests/sheet_forms.sh).
 *
 *   tsv2xlsx IN.tsv OUT.xlsx [SHEET [TITLE1 [TITLE2]]]
 *
 * IN.tsv (UTF-8): line 1 the type of each column (text | number | date |
 * int), line 2 the header, then one row per line.  In a cell "\n" stands for
 * a line break, "\t" for a tab and "\\" for a backslash.  Dates are
 * yyyy-mm-dd.  An empty cell stays empty.
 *
 * The sheet (default name "QIPs 2017-2018") holds: row 1 TITLE1 merged across
 * all columns, row 2 TITLE2, row 3 empty, row 4 the header, then the rows;
 * numbers as numbers formatted #,##0.00, dates as Excel dates formatted
 * dd/mm/yyyy, ints as numbers, text as strings.  A second sheet "Notes" holds
 * one line of text.  The defaults are those of the CAR QIP list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#define MAX_COLS 64

enum { T_TEXT, T_NUMBER, T_DATE, T_INT };

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "tsv2xlsx: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

/* Read one line (any length) without its '\n' (and '\r'); NULL at EOF. */
static char *read_line(FILE *f)
{
    size_t cap = 256, n = 0;
    char *s = malloc(cap);
    int c;
    if (!s)
        die("out of memory", NULL);
    while ((c = getc(f)) != EOF && c != '\n') {
        if (n + 1 >= cap) {
            char *t = realloc(s, cap *= 2);
            if (!t)
                die("out of memory", NULL);
            s = t;
        }
        s[n++] = (char)c;
    }
    if (c == EOF && n == 0) {
        free(s);
        return NULL;
    }
    if (n > 0 && s[n - 1] == '\r')
        n--;
    s[n] = '\0';
    return s;
}

/* Split a line on tabs in place, undoing the escapes; returns the count. */
static int split(char *line, char **cell, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        char *out = p, *start = p;
        if (n == max)
            die("too many columns", NULL);
        while (*p && *p != '\t') {
            if (*p == '\\' && p[1]) {
                p++;
                *out++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
                p++;
            } else {
                *out++ = *p++;
            }
        }
        int last = *p == '\0';
        *out = '\0';
        cell[n++] = start;
        if (last)
            return n;
        p++;
    }
}

static int type_of(const char *s)
{
    if (strcmp(s, "text") == 0) return T_TEXT;
    if (strcmp(s, "number") == 0) return T_NUMBER;
    if (strcmp(s, "date") == 0) return T_DATE;
    if (strcmp(s, "int") == 0) return T_INT;
    die("unknown column type", s);
    return T_TEXT;
}

static void check(lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR)
        die(what, lxw_strerror(e));
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 6) {
        fprintf(stderr, "usage: tsv2xlsx IN.tsv OUT.xlsx [SHEET [TITLE1 [TITLE2]]]\n");
        return 2;
    }
    const char *sheet_name = argc > 3 ? argv[3] : "QIPs 2017-2018";
    const char *title1 = argc > 4 ? argv[4] : "MINUSCA - Section des Affaires civiles";
    const char *title2 = argc > 5 ? argv[5]
        : "Liste des projets à impact rapide (QIPs) - exercice 2017/2018";

    FILE *in = fopen(argv[1], "r");
    if (!in)
        die(argv[1], strerror(errno));

    char *types_line = read_line(in), *header_line = read_line(in);
    if (!types_line || !header_line)
        die(argv[1], "needs a line of types and a header");
    char *cell[MAX_COLS];
    int type[MAX_COLS];
    int ncol = split(types_line, cell, MAX_COLS);
    for (int i = 0; i < ncol; i++)
        type[i] = type_of(cell[i]);

    lxw_workbook *wb = workbook_new(argv[2]);
    /* the same bytes for the same input: a fixed creation time (which
     * libxlsxwriter also gives the zip's entries), so that a test may
     * depend on the file's SHA-256 */
    lxw_doc_properties props = {.created = 1577836800};     /* 2020-01-01 */
    if (wb)
        check(workbook_set_properties(wb, &props), "document properties");
    if (!wb)
        die(argv[2], "cannot create the workbook");
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name);
    if (!ws)
        die("cannot add the sheet", sheet_name);

    lxw_format *f_title = workbook_add_format(wb);
    format_set_bold(f_title);
    format_set_font_size(f_title, 14);
    lxw_format *f_head = workbook_add_format(wb);
    format_set_bold(f_head);
    format_set_text_wrap(f_head);
    format_set_bottom(f_head, LXW_BORDER_THIN);
    lxw_format *f_num = workbook_add_format(wb);
    format_set_num_format(f_num, "#,##0.00");
    lxw_format *f_date = workbook_add_format(wb);
    format_set_num_format(f_date, "dd/mm/yyyy");
    lxw_format *f_wrap = workbook_add_format(wb);
    format_set_text_wrap(f_wrap);

    check(worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncol - 1), title1, f_title),
          "merge_range");
    check(worksheet_write_string(ws, 1, 0, title2, NULL), "title 2");

    int nh = split(header_line, cell, MAX_COLS);
    if (nh != ncol)
        die(argv[1], "the header and the line of types differ in width");
    for (int c = 0; c < nh; c++)
        check(worksheet_write_string(ws, 3, (lxw_col_t)c, cell[c], f_head), "header");

    lxw_row_t r = 4;
    long lineno = 2;
    char *line;
    while ((line = read_line(in)) != NULL) {
        lineno++;
        if (line[0] == '\0') {
            free(line);
            continue;
        }
        int n = split(line, cell, MAX_COLS);
        if (n > ncol) {
            fprintf(stderr, "tsv2xlsx: %s:%ld: %d cells, %d columns\n", argv[1], lineno, n, ncol);
            return 1;
        }
        for (int c = 0; c < n; c++) {
            const char *v = cell[c];
            lxw_col_t col = (lxw_col_t)c;
            if (v[0] == '\0')
                continue;
            switch (type[c]) {
            case T_NUMBER:
            case T_INT: {
                char *end;
                double d = strtod(v, &end);
                if (*end != '\0') {
                    fprintf(stderr, "tsv2xlsx: %s:%ld: not a number: %s\n", argv[1], lineno, v);
                    return 1;
                }
                check(worksheet_write_number(ws, r, col, d, type[c] == T_NUMBER ? f_num : NULL),
                      "number");
                break;
            }
            case T_DATE: {
                int y, m, dd;
                char tail;
                if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3) {
                    fprintf(stderr, "tsv2xlsx: %s:%ld: not a date: %s\n", argv[1], lineno, v);
                    return 1;
                }
                lxw_datetime dt = { y, m, dd, 0, 0, 0.0 };
                check(worksheet_write_datetime(ws, r, col, &dt, f_date), "date");
                break;
            }
            default:
                check(worksheet_write_string(ws, r, col, v, strchr(v, '\n') ? f_wrap : NULL),
                      "text");
            }
        }
        free(line);
        r++;
    }
    fclose(in);

    check(worksheet_set_column(ws, 1, 1, 55, NULL), "column width");
    check(worksheet_set_column(ws, 2, 5, 20, NULL), "column width");
    check(worksheet_set_column(ws, 6, 6, 14, NULL), "column width");
    check(worksheet_set_column(ws, 7, 7, 40, NULL), "column width");
    check(worksheet_set_column(ws, 8, 9, 12, NULL), "column width");

    lxw_worksheet *notes = workbook_add_worksheet(wb, "Notes");
    if (!notes)
        die("cannot add the sheet", "Notes");
    check(worksheet_write_string(notes, 0, 0,
                                 "Montants en dollars des États-Unis ; plafond QIP : 50 000 USD "
                                 "et 6 mois par projet.", NULL), "notes");

    check(workbook_close(wb), argv[2]);
    free(types_line);
    free(header_line);
    return 0;
}
