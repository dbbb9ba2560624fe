/*
 * test_wh.c — the COPY text-format escaping of the warehouse loader
 * (warehouse/warehouse_load.c): what a fact's text becomes on the wire.  The reader
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
    return unit_done("wh");
}
