/*
 * test_sheet_zip.c — the .xlsx and .ods readers (read/read_xlsx.c,
 * read/read_ods.c over read/read_zip.c) and the number text, on inputs
 * built here: an xlsx written by libxlsxwriter, zips written with libzip
 * holding hand-written parts, and hostile archives (truncated, a zip bomb,
 * too many rows or columns, entity expansion).  Every cell is checked as
 * "KIND:text" (with "=formula" when it has one), exactly.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "../../read/read_sheet.h"
#include "../../read/read_zip.h"
#include "unit.h"

/* --- helpers -------------------------------------------------------------- */

static char last_msg[512];

static void sink(diag_level level, const char *file, long line, const char *msg, void *ctx)
{
    (void)level; (void)file; (void)line; (void)ctx;
    snprintf(last_msg, sizeof last_msg, "%s", msg);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)len + 1);
    *n = fread(b, 1, (size_t)len, f);
    fclose(f);
    return b;
}

typedef struct { const char *name; const char *data; size_t len; } part;

/* A zip of the parts (len 0: strlen) written with libzip; caller frees. */
static unsigned char *make_zip(const part *p, size_t n, size_t *len)
{
    char path[] = "/tmp/test_sheet_zip.XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    for (size_t i = 0; i < n; i++) {
        size_t l = p[i].len ? p[i].len : strlen(p[i].data);
        zip_source_t *s = zip_source_buffer(z, p[i].data, l, 0);
        zip_file_add(z, p[i].name, s, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    unsigned char *b = slurp(path, len);
    unlink(path);
    return b;
}

/* "KIND:text" or "KIND:text=formula" of a cell, "-" when absent. */
static const char *cell(const book *b, size_t s, long row, int col)
{
    static char out[4][256];
    static int k;
    static const char *kinds[] = {"EMPTY", "TEXT", "NUMBER", "BOOL", "DATE", "ERROR", "NO_VALUE"};
    char *o = out[k++ % 4];
    if (s >= b->n)
        return "no sheet";
    const sheet *sh = &b->sheet[s];
    for (size_t i = 0; i < sh->n; i++)
        if (sh->row[i].row == row) {
            const read_sheet_cell *c = read_sheet_cell_at(&sh->row[i], col);
            if (!c)
                return "-";
            snprintf(o, 256, "%s:%s%s%s", kinds[c->kind], c->text, c->formula ? "=" : "",
                     c->formula ? c->formula : "");
            return o;
        }
    return "-";
}

typedef struct {
    diag d;
    arena *a;
    book b;
    ac_error e;
} result;

static void read_it(result *r, book_format f, const unsigned char *bytes, size_t n,
                    const read_sheet_limits *l)
{
    read_sheet_limits def;
    read_sheet_limits_init(&def);
    diag_init(&r->d);
    r->d.sink = sink;
    last_msg[0] = 0;
    r->a = arena_new(0);
    r->e = read_sheet("t.x", f, bytes, n, l ? l : &def, &r->d, r->a, &r->b);
}

/* One expected cell: "KIND:text[=formula]" (see cell()) or "-". */
typedef struct {
    const char *name, *want;
    size_t sheet;
    long row;
    int col;
} cell_case;

static void check_cells(const book *b, const cell_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        CHECK_STR(c[i].name, c[i].want, cell(b, c[i].sheet, c[i].row, c[i].col));
}

/* The first sheet has one merged range, r1..r2 by c1..c2. */
static void check_merge(const char *what, const book *b, long r1, int c1, long r2, int c2)
{
    size_t n = b->n ? b->sheet[0].n_merge : 0;
    CHECK_INT(what, 1, n);
    if (!n)
        return;
    read_sheet_merge m = b->sheet[0].merge[0];
    CHECK_INT("merge r1", r1, m.r1);
    CHECK_INT("merge r2", r2, m.r2);
    CHECK_INT("merge c1", c1, m.c1);
    CHECK_INT("merge c2", c2, m.c2);
}

/* --- numbers -------------------------------------------------------------- */

static void test_numbers(void)
{
    static const struct { double v; const char *want; } cases[] = {
        {0.1 + 0.2, "0.3"}, {712077.4, "712077.4"}, {45317.39, "45317.39"},
        {-0.0, "0"}, {0, "0"}, {1, "1"}, {-12.5, "-12.5"}, {1e-6, "0.000001"},
        {123456789012345.0, "123456789012345"}, {1e15, "1e+15"}, {1e-7, "1e-07"},
        {2.5e20, "2.5e+20"}, {1.0 / 3, "0.333333333333333"}, {838354.11, "838354.11"},
        {999999999999999.9, "1e+15"}, {-1e-20, "-1e-20"}, {12106353, "12106353"},
    };
    char buf[40];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR("number text", cases[i].want, read_sheet_number_text(cases[i].v, buf, sizeof buf));
    CHECK_STR("iso date", "2024-01-15", read_sheet_iso_date_text("2024-01-15T00:00:00", buf, sizeof buf));
    CHECK_STR("iso date time", "2024-01-15T10:30:05",
              read_sheet_iso_date_text("2024-01-15T10:30:05.25Z", buf, sizeof buf));
    CHECK_STR("serial 1900", "2024-01-25", read_sheet_serial_date_text(45316, 0, buf, sizeof buf));
    CHECK_STR("serial 1904 zero", "1904-01-01", read_sheet_serial_date_text(0, 1, buf, sizeof buf));
    CHECK_STR("serial time", "2024-01-25T12:00:00",
              read_sheet_serial_date_text(45316.5, 0, buf, sizeof buf));
}

/* --- (a) an xlsx written by libxlsxwriter --------------------------------- */

static unsigned char *xlsxwriter_book(size_t *n)
{
    char path[] = "/tmp/test_sheet_xlsx.XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Projets");
    lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Notes");
    lxw_format *datef = workbook_add_format(wb);
    format_set_num_format(datef, "dd/mm/yyyy");
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00 [$€-40C];[Red]-#,##0.00");
    lxw_format *elapsed = workbook_add_format(wb);
    format_set_num_format(elapsed, "[h]:mm:ss");
    worksheet_merge_range(ws, 0, 0, 0, 2, "Projets QIP 2017", NULL);
    worksheet_write_string(ws, 1, 0, "Région", NULL);
    worksheet_write_number(ws, 1, 1, 712077.4, money);
    worksheet_write_number(ws, 1, 2, 0.1 + 0.2, NULL);
    lxw_datetime dt = {2024, 1, 25, 0, 0, 0};
    worksheet_write_datetime(ws, 2, 0, &dt, datef);
    lxw_datetime dtt = {2024, 1, 25, 12, 0, 0};
    worksheet_write_datetime(ws, 2, 1, &dtt, datef);
    worksheet_write_number(ws, 2, 2, 1.5, elapsed);
    worksheet_write_formula_num(ws, 3, 1, "=SUM(B2:B2)", NULL, 712077.4);
    worksheet_write_boolean(ws, 3, 2, 1, NULL);
    worksheet_write_boolean(ws, 3, 3, 0, NULL);
    worksheet_write_string(ws2, 4, 3, "  spaced  ", NULL);
    workbook_close(wb);
    unsigned char *b = slurp(path, n);
    unlink(path);
    return b;
}

static void test_xlsxwriter(void)
{
    size_t n;
    unsigned char *bytes = xlsxwriter_book(&n);
    result r;
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("xlsx ok", AC_OK, r.e);
    CHECK_STR("xlsx msg", "", last_msg);
    CHECK_INT("xlsx sheets", 2, r.b.n);
    CHECK_INT("xlsx 1900", 0, r.b.date1904);
    CHECK_STR("sheet name", "Projets", r.b.n ? r.b.sheet[0].name : "");
    CHECK_STR("merged text", "TEXT:Projets QIP 2017", cell(&r.b, 0, 1, 1));
    CHECK_STR("merged blank", "-", cell(&r.b, 0, 1, 2));
    check_merge("merges", &r.b, 1, 1, 1, 3);
    static const cell_case written[] = {
        {"utf-8 string", "TEXT:Région", 0, 2, 1},
        {"currency fmt is a number", "NUMBER:712077.4", 0, 2, 2},
        {"0.1+0.2", "NUMBER:0.3", 0, 2, 3},
        {"date", "DATE:2024-01-25", 0, 3, 1},
        {"date time", "DATE:2024-01-25T12:00:00", 0, 3, 2},
        {"elapsed is a number", "NUMBER:1.5", 0, 3, 3},
        {"formula", "NUMBER:712077.4=SUM(B2:B2)", 0, 4, 2},
        {"true", "BOOL:TRUE", 0, 4, 3},
        {"false", "BOOL:FALSE", 0, 4, 4},
        {"second sheet", "TEXT:  spaced  ", 1, 5, 4},
    };
    check_cells(&r.b, written, sizeof written / sizeof written[0]);
    arena_free(r.a);

    read_sheet_limits l;
    read_sheet_limits_init(&l);
    l.only_sheet = "Notes";
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("only sheet", 1, r.b.n);
    CHECK_STR("only sheet name", "Notes", r.b.n ? r.b.sheet[0].name : "");
    arena_free(r.a);
    l.only_sheet = "Budget";
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("no such sheet", AC_ERR_PARSE, r.e);
    CHECK_STR("no such sheet msg", "no sheet named \"Budget\" (sheets: Projets, Notes)", last_msg);
    arena_free(r.a);

    /* (d) cut in half */
    read_it(&r, BOOK_XLSX, bytes, n / 2, NULL);
    CHECK_INT("truncated", AC_ERR_PARSE, r.e);
    CHECK_INT("truncated msg", 0, strncmp(last_msg, "not a readable zip archive: ", 28));
    arena_free(r.a);
    free(bytes);
}

/* --- (b) hand-made xlsx parts --------------------------------------------- */

#define RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define OD_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

static const char wb_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"" RELS_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" OD_REL "/worksheet\" Target=\"/xl/worksheets/s1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" OD_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" OD_REL "/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static const char wb_1904[] =
    "<x:workbook xmlns:x=\"" MAIN_NS "\" xmlns:r=\"" OD_REL "\">"
    "<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</x:sheets></x:workbook>";

static const char styles[] =
    "<styleSheet xmlns=\"" MAIN_NS "\"><numFmts count=\"2\">"
    "<numFmt numFmtId=\"164\" formatCode=\"&quot;day&quot; 0\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[$-40C]d\\ mmmm\\ yyyy\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";

static const char sst[] =
    "<sst xmlns=\"" MAIN_NS "\" count=\"3\" uniqueCount=\"3\">"
    "<si><t>Mopti</t></si>"
    "<si><r><rPr><b/></rPr><t xml:space=\"preserve\">Tombouctou </t></r><r><t>/ Taoudénit</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
    "<si><t>line_x000D_end_x00E9__x20AC__x005F_x</t></si></sst>";

static const char sheet1[] =
    "<x:worksheet xmlns:x=\"" MAIN_NS "\"><x:sheetData>"
    "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c>"
    "<x:c t=\"s\"><x:v>2</x:v></x:c></x:row>"
    "<x:row><x:c s=\"1\"><x:v>0</x:v></x:c><x:c s=\"2\"><x:v>7</x:v></x:c>"
    "<x:c s=\"3\"><x:v>1</x:v></x:c><x:c t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
    "<x:row r=\"5\"><x:c r=\"B5\" t=\"inlineStr\"><x:is><x:t>inline</x:t></x:is></x:c>"
    "<x:c r=\"D5\" t=\"inlineStr\"><x:is><x:r><x:t>a</x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c>"
    "<x:c r=\"E5\"><x:f>SUM(A1:A3)</x:f></x:c>"
    "<x:c r=\"F5\" t=\"str\"><x:f>A1&amp;\"x\"</x:f><x:v>Moptix</x:v></x:c>"
    "<x:c r=\"G5\"><x:f t=\"shared\" ref=\"G5:G6\" si=\"0\">E5*2</x:f><x:v>4</x:v></x:c>"
    "<x:c r=\"H5\" t=\"d\"><x:v>2017-06-30T00:00:00</x:v></x:c></x:row>"
    "<x:row><x:c r=\"G6\"><x:f t=\"shared\" si=\"0\"/><x:v>6</x:v></x:c>"
    "<x:c t=\"b\"><x:v>1</x:v></x:c><x:c r=\"J6\"/></x:row>"
    "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"B5:C6\"/></x:mergeCells>"
    "</x:worksheet>";

static void test_hand_xlsx(void)
{
    part p[] = {{"xl/workbook.xml", wb_1904, 0}, {"xl/_rels/workbook.xml.rels", wb_rels, 0},
                {"xl/styles.xml", styles, 0}, {"xl/sharedStrings.xml", sst, 0},
                {"xl/worksheets/s1.xml", sheet1, 0}};
    size_t n;
    unsigned char *bytes = make_zip(p, 5, &n);
    result r;
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("hand ok", AC_OK, r.e);
    CHECK_STR("hand msg", "", last_msg);
    CHECK_INT("1904", 1, r.b.date1904);
    static const cell_case hand[] = {
        {"sst", "TEXT:Mopti", 0, 1, 1},
        {"rich runs", "TEXT:Tombouctou / Taoudénit", 0, 1, 2},
        {"_xHHHH_", "TEXT:line\rend\xC3\xA9\xE2\x82\xAC_x", 0, 1, 3},
        {"1904 serial 0", "DATE:1904-01-01", 0, 2, 1},
        {"quoted d is not a date", "NUMBER:7", 0, 2, 2},
        {"custom date", "DATE:1904-01-02", 0, 2, 3},
        {"error", "ERROR:#N/A", 0, 2, 4},
        {"row 3 absent", "-", 0, 3, 1},
        {"inline", "TEXT:inline", 0, 5, 2},
        {"inline runs", "TEXT:ab", 0, 5, 4},
        {"no value", "NO_VALUE:=SUM(A1:A3)", 0, 5, 5},
        {"str", "TEXT:Moptix=A1&\"x\"", 0, 5, 6},
        {"shared master", "NUMBER:4=E5*2", 0, 5, 7},
        {"t=d", "DATE:2017-06-30", 0, 5, 8},
        {"row without r follows", "NUMBER:6=(shared)", 0, 6, 7},
        {"cell without r follows", "BOOL:TRUE", 0, 6, 8},
        {"empty cell", "-", 0, 6, 10},
    };
    check_cells(&r.b, hand, sizeof hand / sizeof hand[0]);
    check_merge("merge", &r.b, 5, 2, 6, 3);
    arena_free(r.a);

    read_sheet_limits l;
    read_sheet_limits_init(&l);
    l.max_cols = 6;
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("too many cols", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("too many cols msg", "sheet \"Data\" row 5: a value in column 7 (G) is beyond "
              "the limit of 6 columns", last_msg);
    arena_free(r.a);
    read_sheet_limits_init(&l);
    l.max_rows = 4;
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("too many rows", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("too many rows msg", "sheet \"Data\" row 5: beyond the limit of 4 rows", last_msg);
    arena_free(r.a);
    free(bytes);
}

static char *repeat_str(const char *head, const char *unit, size_t times, const char *tail,
                        size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * times + tl + 1);
    memcpy(s, head, hl);
    for (size_t i = 0; i < times; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * times, tail, tl + 1);
    *len = hl + ul * times + tl;
    return s;
}

static void test_hostile(void)
{
    static const char wb[] =
        "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" OD_REL "\">"
        "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    /* 100 MiB of <row/> (6 bytes each) */
    size_t len;
    char *big = repeat_str("<worksheet xmlns=\"" MAIN_NS "\"><sheetData>", "<row/>",
                           100u * 1024u * 1024u / 6, "</sheetData></worksheet>", &len);
    part p[] = {{"xl/workbook.xml", wb, 0}, {"xl/_rels/workbook.xml.rels", wb_rels, 0},
                {"xl/worksheets/s1.xml", big, len}};
    size_t n;
    unsigned char *bytes = make_zip(p, 3, &n);
    free(big);
    CHECK_INT("bomb is small", 1, n < 1024 * 1024);
    read_sheet_limits l;
    read_sheet_limits_init(&l);
    l.max_part_bytes = 1024 * 1024;
    result r;
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("bomb", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("bomb msg", "part \"xl/worksheets/s1.xml\" inflates to more than 1 MiB "
              "(a zip bomb?)", last_msg);
    arena_free(r.a);
    free(bytes);

    static const char laughs[] =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
        "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
        "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
        "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
        "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
        "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
        "]><sst xmlns=\"" MAIN_NS "\"><si><t>&lol9;</t></si></sst>";
    part q[] = {{"xl/workbook.xml", wb, 0}, {"xl/_rels/workbook.xml.rels", wb_rels, 0},
                {"xl/sharedStrings.xml", laughs, 0},
                {"xl/worksheets/s1.xml", "<worksheet xmlns=\"" MAIN_NS "\"/>", 0}};
    bytes = make_zip(q, 4, &n);
    clock_t t0 = clock();
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("laughs", AC_ERR_PARSE, r.e);
    CHECK_STR("laughs msg", "part \"xl/sharedStrings.xml\" line 1: a DOCTYPE declaration "
              "(entity definitions are not accepted in a spreadsheet)", last_msg);
    CHECK_INT("laughs fast", 1, clock() - t0 < CLOCKS_PER_SEC);
    arena_free(r.a);
    free(bytes);

    part bad[] = {{"xl/workbook.xml", "<workbook xmlns=\"" MAIN_NS "\">\n<sheets>", 0}};
    bytes = make_zip(bad, 1, &n);
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("no rels", AC_ERR_PARSE, r.e);
    CHECK_STR("no rels msg", "no part \"xl/_rels/workbook.xml.rels\" in the archive", last_msg);
    arena_free(r.a);
    free(bytes);
    part bad2[] = {{"xl/workbook.xml", "<workbook xmlns=\"" MAIN_NS "\">\n<sheets>", 0},
                   {"xl/_rels/workbook.xml.rels", wb_rels, 0}};
    bytes = make_zip(bad2, 2, &n);
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("bad xml", AC_ERR_PARSE, r.e);
    CHECK_STR("bad xml msg", "part \"xl/workbook.xml\" line 2: no element found", last_msg);
    arena_free(r.a);
    free(bytes);
}

/* Issue 15 item 4: a text ending in "_x" (an _xHHHH_ escape cut short)
 * was read past its NUL.  65,551 bytes and the NUL fill an arena chunk of
 * their own exactly, so ASan sees any read beyond; the short ones are the
 * exact input that `aidcube cells` crashed on. */
#define ESCAPE_TAIL_LEN 65551

static void test_escape_at_end(void)
{
    static const char wb[] =
        "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" OD_REL "\">"
        "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    size_t len, slen;
    char *long_x = repeat_str("", "a", ESCAPE_TAIL_LEN - 2, "_x", &len);
    char *ws = repeat_str("<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row>"
                          "<c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
                          "<c t=\"inlineStr\"><is><t>ab_x</t></is></c>"
                          "<c t=\"inlineStr\"><is><t>", long_x, 1,
                          "</t></is></c><c t=\"str\"><f>A1</f><v>_x00</v></c>"
                          "</row></sheetData></worksheet>", &len);
    char *sst_x = repeat_str("<sst xmlns=\"" MAIN_NS "\"><si><t>Montant_x</t></si><si><t>",
                             long_x, 1, "</t></si></sst>", &slen);
    part p[] = {{"xl/workbook.xml", wb, 0}, {"xl/_rels/workbook.xml.rels", wb_rels, 0},
                {"xl/sharedStrings.xml", sst_x, slen}, {"xl/worksheets/s1.xml", ws, len}};
    size_t n;
    unsigned char *bytes = make_zip(p, 4, &n);
    result r;
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("_x ok", AC_OK, r.e);
    CHECK_STR("_x shared", "TEXT:Montant_x", cell(&r.b, 0, 1, 1));
    CHECK_STR("_x inline", "TEXT:ab_x", cell(&r.b, 0, 1, 3));
    CHECK_STR("_x00 str", "TEXT:_x00=A1", cell(&r.b, 0, 1, 5));
    const read_sheet_cell *c2 = r.b.n && r.b.sheet[0].n ? read_sheet_cell_at(&r.b.sheet[0].row[0], 2) : NULL;
    const read_sheet_cell *c4 = r.b.n && r.b.sheet[0].n ? read_sheet_cell_at(&r.b.sheet[0].row[0], 4) : NULL;
    CHECK_INT("_x long shared", 1, c2 && !strcmp(c2->text, long_x));
    CHECK_INT("_x long inline", 1, c4 && !strcmp(c4->text, long_x));
    arena_free(r.a);
    free(bytes);
    free(long_x);
    free(ws);
    free(sst_x);
}

/* --- (c) ods --------------------------------------------------------------- */

#define ODS_HEAD \
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
    " xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\"" \
    " xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\">" \
    "<office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"

static const char ods_content[] = ODS_HEAD
    "<table:table table:name=\"Projets\">"
    "<table:table-column table:number-columns-repeated=\"1024\"/>"
    "<table:table-row>"
    "<table:table-cell table:number-columns-spanned=\"3\" office:value-type=\"string\">"
    "<text:p>QIP  <text:s text:c=\"2\"/>2017</text:p><text:p>Mali<text:tab/>"
    "<text:span>Nord</text:span></text:p>"
    "<office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell>"
    "<table:covered-table-cell table:number-columns-repeated=\"2\"/>"
    "</table:table-row>"
    "<table:table-row table:number-rows-repeated=\"2\">"
    "<table:table-cell table:number-columns-repeated=\"2\"/>"
    "<table:table-cell office:value-type=\"float\" office:value=\"712077.4\" "
    "table:number-columns-repeated=\"2\"><text:p>712 077,4</text:p></table:table-cell>"
    "</table:table-row>"
    "<table:table-row>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2017-06-30\"/>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2017-06-30T08:15:00\"/>"
    "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"false\"/>"
    "<table:table-cell table:formula=\"of:=SUM([.C2:.C3])\"/>"
    "<table:table-cell table:formula=\"of:=SUM([.C2:.C3])\" office:value-type=\"float\" "
    "office:value=\"0.30000000000000004\" calcext:value-type=\"float\"><text:p>0,3</text:p>"
    "</table:table-cell>"
    "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" office:value=\"0\" "
    "calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"percentage\" office:value=\"0.28\"/>"
    "<table:table-cell office:value-type=\"time\" office:time-value=\"PT12H30M00S\">"
    "<text:p>12:30:00</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"16376\"/>"
    "</table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048571\">"
    "<table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>"
    "</table:table>"
    "<table:table table:name=\"Vide\"><table:table-row table:number-rows-repeated=\"1048576\">"
    "<table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row></table:table>"
    ODS_TAIL;

static void test_ods(void)
{
    part p[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0},
                {"content.xml", ods_content, 0}};
    size_t n;
    unsigned char *bytes = make_zip(p, 2, &n);
    result r;
    read_it(&r, BOOK_ODS, bytes, n, NULL);
    CHECK_INT("ods ok", AC_OK, r.e);
    CHECK_STR("ods msg", "", last_msg);
    CHECK_INT("ods sheets", 2, r.b.n);
    CHECK_INT("ods rows", 4, r.b.n ? r.b.sheet[0].n : 0);
    CHECK_INT("ods empty sheet", 0, r.b.n > 1 ? r.b.sheet[1].n : 99);
    CHECK_INT("ods cost nothing", 1, arena_used(r.a) < 1024 * 1024);
    CHECK_STR("text:s, text:p, tab, span", "TEXT:QIP    2017\nMali\tNord", cell(&r.b, 0, 1, 1));
    CHECK_STR("covered", "-", cell(&r.b, 0, 1, 2));
    check_merge("ods merges", &r.b, 1, 1, 1, 3);
    static const cell_case ods_cells[] = {
        {"repeated", "NUMBER:712077.4", 0, 2, 3},
        {"repeated col", "NUMBER:712077.4", 0, 2, 4},
        {"repeated row", "NUMBER:712077.4", 0, 3, 4},
        {"repeated empty", "-", 0, 3, 1},
        {"date", "DATE:2017-06-30", 0, 4, 1},
        {"date time", "DATE:2017-06-30T08:15:00", 0, 4, 2},
        {"bool", "BOOL:FALSE", 0, 4, 3},
        {"no value", "NO_VALUE:=SUM([.C2:.C3])", 0, 4, 4},
        {"formula", "NUMBER:0.3=SUM([.C2:.C3])", 0, 4, 5},
        {"error", "ERROR:#DIV/0!=1/0", 0, 4, 6},
        {"percentage", "NUMBER:0.28", 0, 4, 7},
        {"time", "TEXT:12:30:00", 0, 4, 8},
    };
    check_cells(&r.b, ods_cells, sizeof ods_cells / sizeof ods_cells[0]);
    arena_free(r.a);

    read_sheet_limits l;
    read_sheet_limits_init(&l);
    l.only_sheet = "Budget";
    read_it(&r, BOOK_ODS, bytes, n, &l);
    CHECK_INT("ods no such sheet", AC_ERR_PARSE, r.e);
    CHECK_STR("ods no such sheet msg", "no sheet named \"Budget\" (sheets: Projets, Vide)", last_msg);
    arena_free(r.a);
    l.only_sheet = "Vide";
    read_it(&r, BOOK_ODS, bytes, n, &l);
    CHECK_INT("ods only", 1, r.b.n);
    CHECK_STR("ods only name", "Vide", r.b.n ? r.b.sheet[0].name : "");
    arena_free(r.a);
    read_sheet_limits_init(&l);
    l.max_rows = 2;
    read_it(&r, BOOK_ODS, bytes, n, &l);
    CHECK_INT("ods rows limit", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("ods rows limit msg", "sheet \"Projets\" row 3: beyond the limit of 2 rows", last_msg);
    arena_free(r.a);
    read_sheet_limits_init(&l);
    l.max_cols = 3;
    read_it(&r, BOOK_ODS, bytes, n, &l);
    CHECK_INT("ods cols limit", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("ods cols limit msg", "sheet \"Projets\" row 2: a value in column 4 (D) is beyond "
              "the limit of 3 columns", last_msg);
    arena_free(r.a);
    free(bytes);

    part nc[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0}};
    bytes = make_zip(nc, 1, &n);
    read_it(&r, BOOK_ODS, bytes, n, NULL);
    CHECK_STR("ods no content", "not an OpenDocument spreadsheet: no part \"content.xml\"", last_msg);
    arena_free(r.a);
    free(bytes);
}

/* --- issue 15: hostile repeats and texts ------------------------------------ */

static unsigned char *ods_zip(const char *table, size_t *n)
{
    size_t len;
    char *content = repeat_str(ODS_HEAD "<table:table table:name=\"S\">", table, 1,
                               "</table:table>" ODS_TAIL, &len);
    part p[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0},
                {"content.xml", content, len}};
    unsigned char *b = make_zip(p, 2, n);
    free(content);
    return b;
}

#define ODS_TEXT_CELL(t) "<table:table-cell office:value-type=\"string\"><text:p>" t \
    "</text:p></table:table-cell>"

/* One case: the table, the error and message wanted, and whether it must
 * take under a second (each took minutes or gigabytes before). */
typedef struct {
    const char *name, *table;
    ac_error e;
    const char *msg;
} ods_case;

static void test_ods_hostile(void)
{
    static const ods_case cases[] = {
        {"60 MB of spaces",
         "<table:table-row>" ODS_TEXT_CELL("x") ODS_TEXT_CELL("<text:s text:c=\"60000000\"/>")
         "</table:table-row>",
         AC_ERR_TOO_BIG, "sheet \"S\", cell B1: text longer than 131072 bytes"},
        {"a row repeated a million times",
         "<table:table-row>" ODS_TEXT_CELL("Montant") "</table:table-row>"
         "<table:table-row table:number-rows-repeated=\"1048570\">" ODS_TEXT_CELL("x")
         "</table:table-row>",
         AC_ERR_TOO_BIG, "sheet \"S\", row 699051: the workbook builds more than 33554432 "
         "bytes of cells (the limit of one input)"},
        {"a wide row repeated",
         "<table:table-row table:number-rows-repeated=\"1048570\">"
         "<table:table-cell table:number-columns-repeated=\"1024\" office:value-type=\"string\">"
         "<text:p>x</text:p></table:table-cell></table:table-row>",
         AC_ERR_TOO_BIG, "sheet \"S\", row 1365: the workbook builds more than 33554432 "
         "bytes of cells (the limit of one input)"},
        {"a row repeated past the row limit",
         "<table:table-row>" ODS_TEXT_CELL("a") "</table:table-row>"
         "<table:table-row table:number-rows-repeated=\"1048576\">" ODS_TEXT_CELL("x")
         "</table:table-row>",
         AC_ERR_TOO_BIG, "sheet \"S\" row 1048577: beyond the limit of 1048576 rows"},
        {"a cell repeated past the column limit",
         "<table:table-row><table:table-cell table:number-columns-repeated=\"100000000\" "
         "office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
         AC_ERR_TOO_BIG, "sheet \"S\" row 1: a value in column 1025 (AMK) is beyond the limit "
         "of 1024 columns"},
        {"a long attribute",
         "<table:table-row><table:table-cell table:formula=\"of:=1\" office:value-type=\"string\" "
         "office:string-value=\"%s\"/></table:table-row>",
         AC_ERR_TOO_BIG, "sheet \"S\", cell A1: text longer than 131072 bytes"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n, len;
        char *table = (char *)cases[i].table, *longv = NULL;
        if (strstr(table, "%s")) {     /* 200,000 bytes of attribute */
            char *v = repeat_str("", "y", 200000, "", &len);
            longv = malloc(strlen(table) + len);
            sprintf(longv, table, v);
            free(v);
            table = longv;
        }
        unsigned char *bytes = ods_zip(table, &n);
        clock_t t0 = clock();
        result r;
        read_it(&r, BOOK_ODS, bytes, n, NULL);
        CHECK_INT(cases[i].name, cases[i].e, r.e);
        CHECK_STR(cases[i].name, cases[i].msg, last_msg);
        CHECK_INT(cases[i].name, 1, clock() - t0 < CLOCKS_PER_SEC);
        CHECK_INT(cases[i].name, 1, arena_used(r.a) < 48u * 1024u * 1024u);
        arena_free(r.a);
        free(bytes);
        free(longv);
    }

    /* a 100,000-byte text over 1,000 repeated columns: one copy, shared */
    size_t len, n;
    char *big = repeat_str("<table:table-row><table:table-cell table:number-columns-repeated="
                           "\"1000\" office:value-type=\"string\"><text:p>", "z", 100000,
                           "</text:p></table:table-cell></table:table-row>", &len);
    unsigned char *bytes = ods_zip(big, &n);
    result r;
    read_it(&r, BOOK_ODS, bytes, n, NULL);
    CHECK_INT("repeated long cell", AC_OK, r.e);
    const read_sheet_row *row = r.b.n && r.b.sheet[0].n ? &r.b.sheet[0].row[0] : NULL;
    CHECK_INT("repeated long cell: 1000 cells", 1000, row ? (long long)row->n : 0);
    CHECK_INT("repeated long cell: one text", 1,
              row && row->n == 1000 && row->cell[0].text == row->cell[999].text);
    CHECK_INT("repeated long cell: one copy", 1, arena_used(r.a) < 2u * 1024u * 1024u);
    arena_free(r.a);
    free(bytes);
    free(big);
}

/* Every reference to a shared string copied it twice: 2,000 references to
 * a 100,000-byte string took 400 MB.  Now each cell points to the one
 * copy; and a shared string longer than a cell may be is refused. */
static void test_sst_shared(void)
{
    static const char wb[] =
        "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" OD_REL "\">"
        "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    size_t wl, sl, n;
    char *ws = repeat_str("<worksheet xmlns=\"" MAIN_NS "\"><sheetData>",
                          "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>0</v></c></row>", 1000,
                          "</sheetData></worksheet>", &wl);
    char *sst_big = repeat_str("<sst xmlns=\"" MAIN_NS "\"><si><t>", "s", 100000,
                               "</t></si></sst>", &sl);
    part p[] = {{"xl/workbook.xml", wb, 0}, {"xl/_rels/workbook.xml.rels", wb_rels, 0},
                {"xl/sharedStrings.xml", sst_big, sl}, {"xl/worksheets/s1.xml", ws, wl}};
    unsigned char *bytes = make_zip(p, 4, &n);
    result r;
    read_it(&r, BOOK_XLSX, bytes, n, NULL);
    CHECK_INT("shared string", AC_OK, r.e);
    const sheet *sh = r.b.n ? &r.b.sheet[0] : NULL;
    CHECK_INT("shared string: rows", 1000, sh ? (long long)sh->n : 0);
    CHECK_INT("shared string: one copy", 1, sh && sh->n == 1000
              && sh->row[0].cell[0].text == sh->row[999].cell[1].text);
    CHECK_INT("shared string: little memory", 1, arena_used(r.a) < 2u * 1024u * 1024u);
    arena_free(r.a);

    read_sheet_limits l;
    read_sheet_limits_init(&l);
    l.max_cell_bytes = 99999;
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("shared string too long", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("shared string too long", "the shared strings: text longer than 99999 bytes",
              last_msg);
    arena_free(r.a);
    read_sheet_limits_init(&l);
    l.max_book_bytes = 120000;
    read_it(&r, BOOK_XLSX, bytes, n, &l);
    CHECK_INT("book budget", AC_ERR_TOO_BIG, r.e);
    CHECK_STR("book budget", "sheet \"Data\", cell B278: the workbook builds more than 120000 "
              "bytes of cells (the limit of one input)", last_msg);
    arena_free(r.a);
    free(bytes);
    free(ws);
    free(sst_big);
}

/* --- the cell text buffer ------------------------------------------------- */

static void test_text_buf(void)
{
    diag d;
    diag_init(&d);
    d.sink = sink;
    last_msg[0] = 0;
    strbuf b = {.max = 4};
    CHECK_INT("text add", AC_OK, read_sheet_buf_add(&b, "abc", 3, &d, "t.x"));
    CHECK_INT("text to the limit", AC_OK, read_sheet_buf_add(&b, "d", 1, &d, "t.x"));
    CHECK_STR("text kept", "abcd", strbuf_str(&b));
    CHECK_INT("text past the limit", AC_ERR_TOO_BIG, read_sheet_buf_add(&b, "e", 1, &d, "t.x"));
    CHECK_STR("text limit msg", "a cell's text is longer than 4 bytes", last_msg);
    strbuf_reset(&b);
    CHECK_INT("text after reset", AC_OK, read_sheet_buf_add(&b, "xy", 2, &d, "t.x"));
    CHECK_STR("text after reset kept", "xy", strbuf_str(&b));
    strbuf_free(&b);
}

int main(void)
{
    test_numbers();
    test_xlsxwriter();
    test_hand_xlsx();
    test_hostile();
    test_escape_at_end();
    test_ods();
    test_ods_hostile();
    test_sst_shared();
    test_text_buf();
    return unit_done("sheet_zip");
}
