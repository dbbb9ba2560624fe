/*
 * test_sheet_csv.c — the CSV reader (read/read_csv.c): separators, quoting,
 * the line of each record, encodings, limits; and what the readers share
 * (read/read_sheet.c): serial dates and the text of numbers.  Table-driven: each
 * case is the file's bytes and the grid expected, written as
 * "ROW:COL=text" cells joined by " | ".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../base/arena.h"
#include "../../base/diag.h"
#include "../../read/read_sheet.h"
#include "unit.h"

/* the messages of one read, "LINE: message" joined by " | " */
static char msgs[4096];

static void sink(diag_level level, const char *file, long line, const char *m, void *ctx)
{
    (void)level, (void)file, (void)ctx;
    size_t k = strlen(msgs);
    snprintf(msgs + k, sizeof msgs - k, "%s%ld: %s", k ? " | " : "", line, m);
}

/* The grid as "ROW:COL=text | ..." (the same escaping as the output). */
static void grid(const book *b, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t s = 0; s < b->n; s++)
        for (size_t r = 0; r < b->sheet[s].n; r++) {
            const read_sheet_row *row = &b->sheet[s].row[r];
            for (size_t c = 0; c < row->n && k < cap; c++) {
                char esc[512];
                diag_escape(esc, sizeof esc, row->cell[c].text);
                k += (size_t)snprintf(out + k, cap - k, "%s%ld:%d=%s", k ? " | " : "",
                                      row->row, row->cell[c].col, esc);
            }
        }
}

static const struct {
    const char *name;
    const char *bytes;       /* the file */
    int err;                 /* expected ac_error */
    char sep;
    const char *enc;
    const char *cells;
    const char *messages;
} cases[] = {
    {"semicolon, decimal commas", "Projet;Montant\nPuits;12,5\nÉcole;3,25\n", AC_OK, ';',
     "UTF-8", "1:1=Projet | 1:2=Montant | 2:1=Puits | 2:2=12,5 | 3:1=École | 3:2=3,25", ""},
    {"comma", "a,b,c\n1,2,3\n", AC_OK, ',', "UTF-8",
     "1:1=a | 1:2=b | 1:3=c | 2:1=1 | 2:2=2 | 2:3=3", ""},
    {"tab, spaces around kept inside", "a\tb c\n1\t 2 \n", AC_OK, '\t', "UTF-8",
     "1:1=a | 1:2=b c | 2:1=1 | 2:2=2", ""},
    {"a comma inside semicolon fields does not win", "x;y\n1,5;2,5\n3;4\n", AC_OK, ';',
     "UTF-8", "1:1=x | 1:2=y | 2:1=1,5 | 2:2=2,5 | 3:1=3 | 3:2=4", ""},
    {"one column: read, separator ';'", "Titre\nSeul\n", AC_OK, ';', "UTF-8",
     "1:1=Titre | 2:1=Seul", ""},
    {"quotes: separator, doubled quote, newline; rows after a multi-line field",
     "Nom;Note\n\"Puits; forage\";\"dit \"\"bon\"\"\"\n\"deux\nlignes\";x\nfin;y\n", AC_OK, ';',
     "UTF-8",
     "1:1=Nom | 1:2=Note | 2:1=Puits; forage | 2:2=dit \"bon\" | 3:1=deux\\nlignes | 3:2=x | "
     "5:1=fin | 5:2=y", ""},
    {"a field over three lines, then a blank line", "a;b\n\"1\n2\n3\";z\n\nq;r\n", AC_OK, ';',
     "UTF-8", "1:1=a | 1:2=b | 2:1=1\\n2\\n3 | 2:2=z | 6:1=q | 6:2=r", ""},
    {"CRLF, CRLF inside quotes", "a;b\r\n\"x\r\ny\";2\r\nz;3\r\n", AC_OK, ';', "UTF-8",
     "1:1=a | 1:2=b | 2:1=x\\ny | 2:2=2 | 4:1=z | 4:2=3", ""},
    {"BOM", "\xef\xbb\xbfR\xc3\xa9gion;Montant\nGao;1\n", AC_OK, ';', "UTF-8 with BOM",
     "1:1=Région | 1:2=Montant | 2:1=Gao | 2:2=1", ""},
    {"Windows-1252", "R\xe9gion;Montant\nS\xe9gou;1\n", AC_OK, ';', "Windows-1252",
     "1:1=Région | 1:2=Montant | 2:1=Ségou | 2:2=1",
     "0: not valid UTF-8: read as Windows-1252"},
    {"a stray byte in UTF-8", "Région;Préfecture;Montant\nS\xe9gou;Mopti;1\n", AC_OK, ';',
     "UTF-8", "1:1=Région | 1:2=Préfecture | 1:3=Montant | 2:1=S\xef\xbf\xbdgou | 2:2=Mopti | "
     "2:3=1", "2: invalid UTF-8 byte 0xE9 replaced"},
    {"title lines above the header are rows", "Liste des QIP 2017;;\n;;\nProjet;Région;Coût\n"
     "A;Gao;5\nB;Mopti;6\n", AC_OK, ';', "UTF-8",
     "1:1=Liste des QIP 2017 | 3:1=Projet | 3:2=Région | 3:3=Coût | 4:1=A | 4:2=Gao | 4:3=5 | "
     "5:1=B | 5:2=Mopti | 5:3=6", ""},
    {"title lines without separators", "Rapport QIP\nexercice 2017\na,b\n1,2\n3,4\n", AC_OK,
     ',', "UTF-8", "1:1=Rapport QIP | 2:1=exercice 2017 | 3:1=a | 3:2=b | 4:1=1 | 4:2=2 | "
     "5:1=3 | 5:2=4", ""},
    {"empty fields and records not stored", "a;;c\n;;\n  ;  \n\n;x;\n", AC_OK, ';', "UTF-8",
     "1:1=a | 1:3=c | 5:2=x", ""},
    {"no final line end", "a;b\n1;2", AC_OK, ';', "UTF-8", "1:1=a | 1:2=b | 2:1=1 | 2:2=2",
     ""},
    {"unterminated quote: warned at its line, kept", "a;b\n1;2\nx;\"open\nmore\n", AC_OK, ';',
     "UTF-8", "1:1=a | 1:2=b | 2:1=1 | 2:2=2 | 3:1=x | 3:2=open\\nmore\\n",
     "3: quoted field not closed: read to the end of the file"},
    {"a quote inside an unquoted field is a character", "a;b\n12\" pipe;2\n", AC_OK, ';',
     "UTF-8", "1:1=a | 1:2=b | 2:1=12\" pipe | 2:2=2", ""},
    {"empty file: one empty sheet", "", AC_OK, ';', "UTF-8", "", ""},
    {"BOM alone", "\xef\xbb\xbf", AC_OK, ';', "UTF-8 with BOM", "", ""},
};

static void test_cases(arena *a, const read_sheet_limits *lim)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        diag d;
        diag_init(&d);
        d.sink = sink;
        msgs[0] = '\0';
        book b;
        ac_error err = read_csv("dir/Projets QIP.csv", (const unsigned char *)cases[i].bytes,
                                      strlen(cases[i].bytes), lim, &d, a, &b);
        char g[4096];
        CHECK_INT(cases[i].name, cases[i].err, err);
        grid(&b, g, sizeof g);
        CHECK_STR(cases[i].name, cases[i].cells, g);
        CHECK_STR(cases[i].name, cases[i].messages, msgs);
        CHECK_INT(cases[i].name, cases[i].sep, b.separator);
        CHECK_STR(cases[i].name, cases[i].enc, b.encoding);
        CHECK_INT(cases[i].name, 1, (long long)b.n);
        CHECK_STR(cases[i].name, "Projets QIP", b.n ? b.sheet[0].name : NULL);
        CHECK_INT(cases[i].name, BOOK_CSV, b.format);
        arena_reset(a);
    }
}

/* A record of 10,000 columns: the wrong separator or not a project list. */
static void test_limits(arena *a, const read_sheet_limits *lim)
{
    enum { WIDE = 10000 };
    char *s = malloc(WIDE * 2 + 16);
    size_t k = 0;
    k += (size_t)sprintf(s, "a;b\n");
    for (int i = 0; i < WIDE; i++) {
        s[k++] = 'x';
        s[k++] = i + 1 < WIDE ? ';' : '\n';
    }
    s[k] = '\0';
    diag d;
    diag_init(&d);
    d.sink = sink;
    msgs[0] = '\0';
    book b;
    ac_error err = read_csv("w.csv", (const unsigned char *)s, k, lim, &d, a, &b);
    CHECK_INT("10,000 columns", AC_ERR_TOO_BIG, err);
    CHECK_STR("10,000 columns", "2: 10000 columns: more than the 1024 a project list can have "
              "(wrong separator?)", msgs);
    arena_reset(a);
    free(s);

    read_sheet_limits few = *lim;
    few.max_rows = 2;
    msgs[0] = '\0';
    const char *rows = "a;b\n\n1;2\n3;4\n";
    err = read_csv("r.csv", (const unsigned char *)rows, strlen(rows), &few, &d, a, &b);
    CHECK_INT("rows limit", AC_ERR_TOO_BIG, err);
    CHECK_STR("rows limit", "4: more than 2 rows: not a project list", msgs);
    arena_reset(a);

    msgs[0] = '\0';
    err = read_csv("n.csv", (const unsigned char *)"a;b\0c\n", 6, lim, &d, a, &b);
    CHECK_INT("NUL bytes", AC_ERR_PARSE, err);
    CHECK_STR("NUL bytes", "0: binary file (NUL bytes): not a CSV file", msgs);
    arena_reset(a);
}

/* Issue 15 item 2: a field longer than a cell may be, and a file of short
 * cells building more than the book's budget (each cell costs its
 * read_sheet_cell and its text, each row its read_sheet_row: 24 + 2 and 24
 * bytes here, so the third cell of line 5 passes 1,000). */
static void test_budget(arena *a, const read_sheet_limits *lim)
{
    diag d;
    diag_init(&d);
    d.sink = sink;
    book b;
    read_sheet_limits l = *lim;
    l.max_cell_bytes = 8;
    msgs[0] = '\0';
    const char *longf = "a;b\n1;123456789\n";
    ac_error err = read_csv("c.csv", (const unsigned char *)longf, strlen(longf), &l, &d, a, &b);
    CHECK_INT("field too long", AC_ERR_TOO_BIG, err);
    CHECK_STR("field too long", "0: sheet \"c\", cell B2: text longer than 8 bytes", msgs);
    arena_reset(a);

    l = *lim;
    l.max_book_bytes = 1000;
    char many[512] = "a;b\n";
    for (int i = 0; i < 10; i++)
        strcat(many, "x;x;x;x;x;x;x;x;x;x\n");
    msgs[0] = '\0';
    err = read_csv("b.csv", (const unsigned char *)many, strlen(many), &l, &d, a, &b);
    CHECK_INT("book budget", AC_ERR_TOO_BIG, err);
    CHECK_STR("book budget", "0: sheet \"b\", cell C5: the workbook builds more than 1000 bytes "
              "of cells (the limit of one input)", msgs);
    arena_reset(a);
    CHECK_INT("cell sizes as counted", 48, (long long)(sizeof(read_sheet_cell) + sizeof(read_sheet_row)));
}

static void test_serial_dates(void)
{
    static const struct { double serial; int date1904; long ymd; } c[] = {
        {1, 0, 19000101}, {59, 0, 19000228}, {60, 0, 19000229}, {61, 0, 19000301},
        {43101, 0, 20180101}, {0, 1, 19040101}, {41639, 1, 20180101},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "serial %g (%s)", c[i].serial, c[i].date1904 ? "1904" : "1900");
        CHECK_INT(name, c[i].ymd, read_sheet_serial_to_ymd(c[i].serial, c[i].date1904, NULL));
    }
    int secs = -1;
    CHECK_INT("serial with a time", 20180101, read_sheet_serial_to_ymd(43101.75, 0, &secs));
    CHECK_INT("serial with a time: seconds", 18 * 3600, secs);
}

static void test_number_text(void)
{
    static const struct { double v; const char *text; } c[] = {
        {45317.39, "45317.39"}, {0.1 + 0.2, "0.3"}, {1e15, "1e+15"}, {-12, "-12"},
        {712077.4, "712077.4"}, {0, "0"}, {-0.0, "0"}, {1e-6, "0.000001"},
        {1.5e-7, "1.5e-07"}, {999999999999999.0, "999999999999999"},
        {123456789012345678.0, "1.23456789012346e+17"}, {100, "100"}, {0.5, "0.5"},
        {-0.000123, "-0.000123"}, {2.0 / 3.0, "0.666666666666667"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        char buf[SHEET_NUMBER_TEXT_SIZE];
        CHECK_STR(c[i].text, c[i].text, read_sheet_number_text(c[i].v, buf, sizeof buf));
    }
}

int main(void)
{
    arena *a = arena_new(0);
    read_sheet_limits lim;
    read_sheet_limits_init(&lim);
    test_cases(a, &lim);
    test_budget(a, &lim);
    test_limits(a, &lim);
    test_serial_dates();
    test_number_text();
    arena_free(a);
    return unit_done("sheet_csv");
}
