/*
 * warehouse_copy.c — COPY ... FROM STDIN in text format, as the loader sends
 * the facts (warehouse_load.c) and the write-back sends the cube's cells, the
 * leaves and the findings (warehouse_read.c).
 *
 * A row is built field by field into a strbuf (base/strbuf.h): every text
 * field escaped (\\ \t \n \r), NULL as \N, each field followed by its
 * delimiter (a tab, a line feed after the last).  The buffer's failure is
 * sticky: a writer adds whole rows and warehouse_copy_send() reports "out of
 * memory" once.  Rows go to the server in chunks (WH_COPY_CHUNK); the COPY
 * is always ended, with an error message when the writer failed, so that
 * the server aborts it, and every result is read and cleared.
 *
 * Memory: the strbuf is the caller's; nothing is kept here.
 */
#include "warehouse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The COPY text-format escape of one byte, or NULL when it stands as is. */
static const char *escape(char c)
{
    return c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : NULL;
}

size_t warehouse_copy_escape(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = s ? s : "\\N"; *p; p++) {
        const char *e = s ? escape(*p) : NULL;
        for (size_t k = 0; k < (e ? 2u : 1u); k++, n++)
            if (n + 1 < cap)
                out[n] = e ? e[k] : *p;
    }
    if (cap)
        out[n < cap ? n : cap - 1] = '\0';
    return n;
}

void warehouse_copy_text(strbuf *b, const char *s, char end)
{
    if (!s) {
        strbuf_add(b, "\\N", 2);
    } else {
        const char *run = s;          /* bytes that stand as they are */
        for (const char *p = s; *p; p++) {
            const char *e = escape(*p);
            if (!e)
                continue;
            strbuf_add(b, run, (size_t)(p - run));
            strbuf_add(b, e, 2);
            run = p + 1;
        }
        strbuf_adds(b, run);
    }
    strbuf_addc(b, end);
}

void warehouse_copy_int(strbuf *b, long long v, int has, char end)
{
    char t[24];
    if (!has) {
        warehouse_copy_text(b, NULL, end);
        return;
    }
    int n = snprintf(t, sizeof t, "%lld", v);
    strbuf_add(b, t, (size_t)n);
    strbuf_addc(b, end);
}

ac_error warehouse_copy_start(warehouse *w, const char *sql, diag *d)
{
    PGresult *r = warehouse_exec(w, PGRES_COPY_IN, "starting COPY", d, sql, 0, NULL);
    if (!r)
        return AC_ERR_DB;
    PQclear(r);
    return AC_OK;
}

ac_error warehouse_copy_send(warehouse *w, strbuf *b, const char *what, diag *d)
{
    if (b->failed)
        return diag_fail(d, AC_ERR_NOMEM, NULL, 0, "out of memory");
    if (b->n && PQputCopyData(w->c, b->s, (int)b->n) != 1)
        return warehouse_fail(w, NULL, what, d);
    strbuf_reset(b);
    return AC_OK;
}

ac_error warehouse_copy_end(warehouse *w, ac_error err, const char *abort_msg,
                            const char *end_what, const char *result_what, diag *d)
{
    /* end the COPY either way: an error message aborts it */
    if (PQputCopyEnd(w->c, err ? abort_msg : NULL) != 1 && !err)
        err = warehouse_fail(w, NULL, end_what, d);
    PGresult *res;
    while ((res = PQgetResult(w->c)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && !err)
            err = warehouse_fail(w, res, result_what, d);
        else
            PQclear(res);
    }
    return err;
}

/* ---- names: the escaping of the TSV outputs, reversed on reading ---- */

char *warehouse_name_escape(const char *s)
{
    if (!s)
        return NULL;
    size_t cap = strlen(s) * 4 + 1;
    char *out = malloc(cap);
    if (out)
        diag_escape(out, cap, s);
    return out;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *warehouse_name_unescape(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        int hi, lo;
        if (*p != '\\' || !p[1]) {
            *o++ = *p;
        } else if (p[1] == 'x' && (hi = hexval(p[2])) >= 0 && (lo = hexval(p[3])) >= 0
                   && (hi || lo)) {
            *o++ = (char)(hi * 16 + lo);
            p += 3;
        } else {
            p++;
            *o++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        }
    }
    *o = '\0';
    return s;
}

int warehouse_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 && *p >= 0xC2 ? 1 : (*p & 0xF0) == 0xE0 ? 2
              : (*p & 0xF8) == 0xF0 && *p <= 0xF4 ? 3 : -1;
        if (n < 0)
            return 0;
        unsigned cp = n ? *p & (0x3Fu >> n) : *p;
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[k] & 0x3Fu);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        p += n + 1;
    }
    return 1;
}
