/*
 * test_reader.c — decoding decisions (read/read_text.c), the output escaping
 * (base/diag.c) and what is not a text document, table-driven.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../base/arena.h"
#include "../../base/diag.h"
#include "../../read/read_text.h"
#include "unit.h"

/* the messages of one decode, "LINE: message" joined by " | " */
static char msgs[4096];

static void sink(diag_level level, const char *file, long line, const char *m, void *ctx)
{
    (void)level, (void)file, (void)ctx;
    size_t k = strlen(msgs);
    snprintf(msgs + k, sizeof msgs - k, "%s%ld: %s", k ? " | " : "", line, m);
}

static const struct {
    const char *name;
    const char *bytes;      /* the file */
    size_t n;               /* 0: strlen */
    int err;                /* expected ac_error */
    const char *enc;        /* read_text_encoding_name */
    const char *text;       /* decoded text (NULL: not checked) */
    const char *messages;
} decode_cases[] = {
    {"clean UTF-8", "Ségou 12 QIPs\n", 0, AC_OK, "UTF-8", "Ségou 12 QIPs\n", ""},
    {"one stray Latin-1 byte keeps the accented words",
     "À Ségou\nr\xe9sum\xe9 Mopti, préfecture\nfin à Gao\n", 0, AC_OK, "UTF-8",
     "À Ségou\nr\xef\xbf\xbdsum\xef\xbf\xbd Mopti, préfecture\nfin à Gao\n",
     "2: 2 invalid UTF-8 bytes replaced (the first 0xE9)"},
    {"one stray byte, one warning with its line",
     "Ségou\nMopti préfecture à Ménaka\r\nGao é\nb\xe0\n", 0, AC_OK, "UTF-8", NULL,
     "4: invalid UTF-8 byte 0xE0 replaced"},
    {"a lone CR ends a line for the count too", "S\xc3\xa9gou\rx\r\n\xff \xc3\xa0\n", 0, AC_OK,
     "UTF-8", NULL, "3: invalid UTF-8 byte 0xFF replaced"},
    {"Latin-1 throughout: Windows-1252", "Le projet \xe0 Gao (r\xe9gion de Gao)\n", 0, AC_OK,
     "Windows-1252", "Le projet à Gao (région de Gao)\n",
     "0: not valid UTF-8: read as Windows-1252"},
    {"invalid bytes outnumber the valid multi-byte: Windows-1252",
     "\xe9t\xe9 \xe0 Gao, S\xc3\xa9gou\n", 0, AC_OK, "Windows-1252", NULL,
     "0: not valid UTF-8: read as Windows-1252"},
    {"cut at the end only: UTF-8 minus the cut", "Ségou \xc3", 0, AC_OK, "UTF-8", "Ségou ",
     "0: truncated UTF-8 sequence at end of file dropped"},
    {"NUL in UTF-8", "abc\0def", 7, AC_ERR_BINARY, NULL, NULL, ""},
    {"UTF-16LE", "\xff\xfe" "G\0a\0o\0\n\0", 10, AC_OK, "UTF-16", "Gao\n",
     "0: UTF-16 text converted to UTF-8"},
    {"UTF-16BE with a pair", "\xfe\xff\0G\xd8\x3d\xde\x00\0\n", 10, AC_OK, "UTF-16",
     "G\xf0\x9f\x98\x80\n", "0: UTF-16 text converted to UTF-8"},
    {"UTF-16 with a NUL character is binary", "\xff\xfe" "a\0\0\0b\0", 8, AC_ERR_BINARY, NULL,
     NULL, "0: UTF-16 text converted to UTF-8"},
    {"UTF-16 unpaired surrogates replaced, by line",
     "\xff\xfe" "a\0\n\0\x00\xd8" "b\0\x00\xdc\n\0", 14, AC_OK, "UTF-16",
     "a\n\xef\xbf\xbd" "b\xef\xbf\xbd\n",
     "0: UTF-16 text converted to UTF-8 | 2: 2 invalid UTF-16 units replaced (the first 0xD800)"},
    {"UTF-16 odd last byte", "\xff\xfe" "a\0b", 5, AC_OK, "UTF-16", "a",
     "0: UTF-16 text converted to UTF-8 | 1: odd byte at the end of UTF-16 text dropped"},
};

static const struct {
    const char *in, *tsv, *json;
} escape_cases[] = {
    {"plain Ségou", "plain Ségou", "\"plain Ségou\""},
    {"a\tb", "a\\tb", "\"a\\tb\""},
    {"x.txt\naidcube: fake", "x.txt\\naidcube: fake", "\"x.txt\\naidcube: fake\""},
    {"cr\r", "cr\\r", "\"cr\\u000d\""},
    {"USD \\$7", "USD \\\\$7", "\"USD \\\\$7\""},
    {"\x1b[2J", "\\x1B[2J", "\"\\u001b[2J\""},
    {"del\x7f", "del\\x7F", "\"del\\u007f\""},
    {"c1 \xc2\x9b" "31m", "c1 \\xC2\\x9B31m", "\"c1 \\u009b31m\""},
    {"nbsp\xc2\xa0ok", "nbsp\xc2\xa0ok", "\"nbsp\xc2\xa0ok\""},
    {"bad \xe9t\xe9", "bad \\xE9t\\xE9", "\"bad \\ufffdt\\ufffd\""},
    {"cut \xe2\x82", "cut \\xE2\\x82", "\"cut \\ufffd\\ufffd\""},
    {"q\"", "q\"", "\"q\\\"\""},
};

/* bytes and their length, NULs included */
#define B(x) (x), sizeof(x) - 1

static const struct {
    const char *path;
    const char *bytes;
    size_t n;
    const char *why;        /* NULL: a text document */
} unsupported_cases[] = {
    {"dir/report.txt", B("Rapport 2017"), NULL},
    {"dir/projets.csv", B("a;b\n1;2\n"), "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"dir/T.XLSX", NULL, 0, "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"x.ods", NULL, 0, "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"x.xls", NULL, 0, "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"x.pdf", NULL, 0, "PDF and Word files must be converted to text first"},
    {"x.docx", NULL, 0, "PDF and Word files must be converted to text first"},
    {"a.csv/report.txt", B("x"), NULL},
    {"report.txt", B("%PDF-1.7\n"), "PDF and Word files must be converted to text first"},
    {"report.txt", B("PK\x03\x04....word/document.xml"), "PDF and Word files must be converted to text first"},
    {"data", B("PK\x03\x04....xl/workbook.xml"), "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"data", B("PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
     "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"data", B("PK\x03\x04....other"), "a ZIP archive is not a text document"},
    {"data", B("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....W\0o\0r\0k\0b\0o\0o\0k\0"),
     "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one"},
    {"data", B("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "an Office (OLE2) file is not a text document"},
};

/* decode b[0..n) as "t.txt", its messages in msgs, its warnings counted */
static ac_error decode(const char *b, size_t n, arena *a, read_text_doc *d, unsigned long *n_warn)
{
    diag dg;
    diag_init(&dg);
    dg.sink = sink;
    msgs[0] = '\0';
    ac_error e = read_text_decode("t.txt", (const unsigned char *)b, n, &dg, a, d);
    *n_warn = dg.n_warnings;
    return e;
}

int main(void)
{
    unsigned long n_warn;
    for (size_t i = 0; i < sizeof decode_cases / sizeof *decode_cases; i++) {
        const char *b = decode_cases[i].bytes;
        size_t n = decode_cases[i].n ? decode_cases[i].n : strlen(b);
        arena *a = arena_new(0);
        read_text_doc d;
        ac_error e = decode(b, n, a, &d, &n_warn);
        CHECK_INT(decode_cases[i].name, decode_cases[i].err, e);
        if (e == AC_OK) {
            CHECK_STR(decode_cases[i].name, decode_cases[i].enc,
                      read_text_encoding_name(d.encoding));
            if (decode_cases[i].text)
                CHECK_STR(decode_cases[i].name, decode_cases[i].text, d.text);
        }
        CHECK_STR(decode_cases[i].name, decode_cases[i].messages, msgs);
        arena_free(a);
    }
    for (size_t i = 0; i < sizeof escape_cases / sizeof *escape_cases; i++) {
        char buf[256];
        diag_escape(buf, sizeof buf, escape_cases[i].in);
        CHECK_STR(escape_cases[i].in, escape_cases[i].tsv, buf);
        char *p = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&p, &len);
        diag_put_escaped(f, escape_cases[i].in);
        fclose(f);
        CHECK_STR(escape_cases[i].in, escape_cases[i].tsv, p);
        free(p);
        f = open_memstream(&p, &len);
        diag_put_json(f, escape_cases[i].in);
        fclose(f);
        CHECK_STR(escape_cases[i].in, escape_cases[i].json, p);
        free(p);
    }
    {   /* many damaged lines: the first ten named, the rest summed up */
        char big[4096] = "";
        for (int l = 1; l <= 14; l++)
            strcat(big, "été à Ségou \xe9\n");
        arena *a = arena_new(0);
        read_text_doc d;
        CHECK_INT("cap", AC_OK, decode(big, strlen(big), a, &d, &n_warn));
        CHECK_INT("cap lines", 14, (long long)d.n_lines - 1);
        CHECK_STR("cap last", " | 10: invalid UTF-8 byte 0xE9 replaced | "
                  "0: invalid UTF-8 bytes replaced on 4 more lines",
                  strstr(msgs, " | 10:"));
        CHECK_INT("cap count", 11, (long long)n_warn);
        arena_free(a);
    }
    {   /* an escape that does not fit is dropped whole */
        char small[6];
        diag_escape(small, sizeof small, "abc\x1b");
        CHECK_STR("escape truncated", "abc", small);
    }
    for (size_t i = 0; i < sizeof unsupported_cases / sizeof *unsupported_cases; i++)
        CHECK_STR(unsupported_cases[i].path, unsupported_cases[i].why,
                  read_text_unsupported(unsupported_cases[i].path,
                                     (const unsigned char *)unsupported_cases[i].bytes,
                                     unsupported_cases[i].n));
    return unit_done("reader");
}
