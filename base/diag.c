/* diag.c — caller-owned diagnostics (see diag.h). */
#include "diag.h"
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* utf8_decode reads a NUL-terminated string safely with n = 4: a NUL is
 * never a continuation byte, so it stops there. */
#include "utf8.h"

/* The escape of the character at s (see diag.h) into e (at least 9 bytes):
 * returns the bytes of s consumed; *elen 0 means "copy them as they are". */
static size_t escape_one(const unsigned char *s, char *e, size_t *elen)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char c = s[0];
    size_t l = utf8_decode(s, 4, NULL);
    *elen = 0;
    if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
        e[0] = '\\';
        e[1] = c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        *elen = 2;
        return 1;
    }
    if (c < 0x20 || c == 0x7F || l == 0) {
        e[0] = '\\', e[1] = 'x', e[2] = hex[c >> 4], e[3] = hex[c & 15];
        *elen = 4;
        return 1;
    }
    if (l == 2 && c == 0xC2 && s[1] < 0xA0) {        /* a C1 control */
        e[0] = '\\', e[1] = 'x', e[2] = 'C', e[3] = '2';
        e[4] = '\\', e[5] = 'x', e[6] = hex[s[1] >> 4], e[7] = hex[s[1] & 15];
        *elen = 8;
        return 2;
    }
    return l;
}

void diag_put_escaped(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s, *run = p;
    char e[9];
    size_t el;
    while (p && *p) {
        size_t n = escape_one(p, e, &el);
        if (el) {               /* the plain run before it, then the escape */
            fwrite(run, 1, (size_t)(p - run), f);
            fwrite(e, 1, el, f);
            run = p + n;
        }
        p += n;
    }
    if (p && p > run)
        fwrite(run, 1, (size_t)(p - run), f);
}

size_t diag_escape(char *out, size_t cap, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    char e[9];
    size_t el;
    if (cap == 0)
        return 0;
    while (p && *p) {
        size_t n = escape_one(p, e, &el);
        const char *src = el ? e : (const char *)p;
        size_t len = el ? el : n;
        if (o + len >= cap)
            break;
        memcpy(out + o, src, len);
        o += len;
        p += n;
    }
    out[o] = '\0';
    return o;
}

void diag_put_json(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!p) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    while (*p) {
        unsigned char c = *p;
        size_t l = utf8_decode(p, 4, NULL);
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (l == 0)
            fputs("\\ufffd", f);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\u%04x", c);
        else if (l == 2 && c == 0xC2 && p[1] < 0xA0)
            fprintf(f, "\\u%04x", p[1]);
        else
            fwrite(p, 1, l, f);
        p += l ? l : 1;
    }
    fputc('"', f);
}

void diag_init(diag *d)
{
    if (d)
        *d = (diag){.sink = NULL, .ctx = NULL, .progress = NULL, .quiet = 0, .code = AC_OK};
}

void diag_checkpoint(const diag *d, const char *point)
{
    if (d && d->checkpoint)
        d->checkpoint(point);
}

static void emit(diag *d, diag_level level, const char *file, long line,
                 const char *fmt, va_list ap)
{
    if (!d)
        return;
    if (level == DIAG_WARNING)
        d->n_warnings++;
    else
        d->n_errors++;
    if (level == DIAG_WARNING && d->quiet)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    progress_clear(d->progress);
    if (d->sink) {
        d->sink(level, file, line, msg, d->ctx);
        return;
    }
    diag_write_stderr(level, file, line, msg);
}

void diag_write_stderr(diag_level level, const char *file, long line, const char *msg)
{
    (void)level;
    /* one line whatever the name and the message hold (see diag.h) */
    char emsg[1024 * 4];          /* an escape is at most 4 bytes a byte */
    diag_escape(emsg, sizeof emsg, msg);
    fputs("aidcube: ", stderr);
    if (file) {
        diag_put_escaped(stderr, file);
        if (line > 0)
            fprintf(stderr, ":%ld", line);
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", emsg);
}

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, DIAG_WARNING, file, line, fmt, ap);
    va_end(ap);
}

void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, DIAG_ERROR, file, line, fmt, ap);
    va_end(ap);
}

ac_error diag_fail(diag *d, ac_error code, const char *file, long line,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, DIAG_ERROR, file, line, fmt, ap);
    va_end(ap);
    if (d && d->code == AC_OK)
        d->code = code;
    return code;
}
