/*
 * test_wh.c — the COPY text-format escaping of the warehouse loader
 * (warehouse/warehouse_copy.c): what a fact's text becomes on the wire.  The reader
 * turns tabs and line ends inside a snippet into spaces, so these cases
 * are where a tab, a line feed, a CR and backslashes are exercised.
 */
#include "../../warehouse/warehouse.h"
#include "unit.h"

#include <stdlib.h>

typedef struct {
    const char *in, *want;
} esc_case;

static const esc_case cases[] = {
    {"plain", "plain"},
    {"", ""},
    {NULL, "\\N"},
    {"\\N", "\\\\N"},
    {"a\tb", "a\\tb"},
    {"a\nb\r\n", "a\\nb\\r\\n"},
    {"C:\\temp\\new", "C:\\\\temp\\\\new"},
    {"'); DROP TABLE x; --", "'); DROP TABLE x; --"},
    {"caf\xC3\xA9 \xE2\x80\xAF" "1", "caf\xC3\xA9 \xE2\x80\xAF" "1"},
    {"\\\t\\", "\\\\\\t\\\\"},
};

/* names: stored as the TSV outputs print them, and back to the bytes */
static const esc_case names[] = {
    {"a.txt", "a.txt"},
    {"caf\xE9.txt", "caf\\xE9.txt"},
    {"Santé.txt", "Santé.txt"},
    {"a\\b\tc\n", "a\\\\b\\tc\\n"},
    {"x\x01\x7F\xC2\x85\xFF", "x\\x01\\x7F\\xC2\\x85\\xFF"},
    {"\\xE9", "\\\\xE9"},
};

static void test_names(void)
{
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *e = warehouse_name_escape(names[i].in);
        CHECK_STR(names[i].in, names[i].want, e);
        CHECK_INT("escaped is UTF-8", 1, warehouse_utf8_valid(e));
        CHECK_STR("unescaped", names[i].in, warehouse_name_unescape(e));
        free(e);
    }
    CHECK_INT("not UTF-8", 0, warehouse_utf8_valid("caf\xE9"));
    CHECK_INT("overlong", 0, warehouse_utf8_valid("\xC0\xAF"));
    CHECK_INT("surrogate", 0, warehouse_utf8_valid("\xED\xA0\x80"));
    CHECK_INT("4 bytes", 1, warehouse_utf8_valid("\xF0\x9F\x98\x80"));
    CHECK_INT("NULL", 1, warehouse_utf8_valid(NULL));
}

int main(void)
{
    test_names();
    char out[128];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = warehouse_copy_escape(cases[i].in, out, sizeof out);
        CHECK_STR(cases[i].in ? cases[i].in : "NULL", cases[i].want, out);
        CHECK_INT("length", (long long)strlen(cases[i].want), (long long)n);
    }
    /* truncated: NUL-terminated, the full length returned */
    size_t n = warehouse_copy_escape("a\tb", out, 3);
    CHECK_STR("truncated", "a\\", out);
    CHECK_INT("truncated length", 4, (long long)n);
    /* the row writer: the same escaping, each field with its delimiter */
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        strbuf b = {0};
        warehouse_copy_text(&b, cases[i].in, '\n');
        snprintf(out, sizeof out, "%s\n", cases[i].want);
        CHECK_STR(cases[i].in ? cases[i].in : "NULL", out, strbuf_str(&b));
        strbuf_free(&b);
    }
    strbuf b = {0};
    warehouse_copy_int(&b, -42, 1, '\t');
    warehouse_copy_int(&b, 7, 0, '\t');
    warehouse_copy_text(&b, "", '\n');
    CHECK_STR("a row", "-42\t\\N\t\n", strbuf_str(&b));
    strbuf_free(&b);
    return unit_done("wh");
}
