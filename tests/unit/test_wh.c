/*
 * test_wh.c — the COPY text-format escaping of the warehouse loader
 * (warehouse/warehouse_copy.c): what a fact's text becomes on the wire.  The reader
 * turns tabs and line ends inside a snippet into spaces, so these cases
 * are where a tab, a line feed, a CR and backslashes are exercised.
 */
#include "../../warehouse/warehouse.h"
#include "unit.h"

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

int main(void)
{
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
