/* strbuf.c — the growable string buffer (strbuf.h). */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first allocation: most strings built here are short lines and cells. */
#define STRBUF_FIRST_CAP 64

static int fail(strbuf *b, int why)
{
    if (!b->failed)
        b->failed = why;
    return -1;
}

int strbuf_reserve(strbuf *b, size_t n)
{
    if (b->failed)
        return -1;
    if (n > (size_t)-1 - b->n - 1 || (b->max && b->n + n > b->max))
        return fail(b, STRBUF_LIMIT);
    size_t need = b->n + n + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : STRBUF_FIRST_CAP;
    while (cap < need)
        cap = cap > (size_t)-1 / 2 ? need : cap * 2;
    char *p = realloc(b->s, cap);
    if (!p)
        return fail(b, STRBUF_NOMEM);
    b->s = p;
    b->cap = cap;
    b->s[b->n] = '\0';           /* a string from the first allocation on */
    return 0;
}

int strbuf_add(strbuf *b, const void *p, size_t n)
{
    if (strbuf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

int strbuf_adds(strbuf *b, const char *s)
{
    return strbuf_add(b, s, strlen(s));
}

int strbuf_addc(strbuf *b, char c)
{
    return strbuf_add(b, &c, 1);
}

int strbuf_addf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return fail(b, STRBUF_NOMEM);
    if (strbuf_reserve(b, (size_t)len))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
    return 0;
}

void strbuf_truncate(strbuf *b, size_t n)
{
    if (n >= b->n)
        return;
    b->n = n;
    b->s[n] = '\0';
}

int strbuf_read_file(strbuf *b, FILE *f)
{
    char chunk[8192];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (strbuf_add(b, chunk, k))
            return -1;
    return ferror(f) ? -1 : 0;
}

char *strbuf_read_path(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf b = {.max = max};
    int bad = strbuf_read_file(&b, f);
    fclose(f);
    if (len)
        *len = b.n;
    char *text = strbuf_take(&b);
    if (bad) {
        free(text);
        return NULL;
    }
    return text;
}

void strbuf_reset(strbuf *b)
{
    b->n = 0;
    b->failed = STRBUF_OK;
    if (b->s)
        b->s[0] = '\0';
}

const char *strbuf_str(const strbuf *b)
{
    return b->s ? b->s : "";
}

char *strbuf_take(strbuf *b)
{
    if (b->failed) {
        strbuf_reset(b);
        return NULL;
    }
    if (!b->s && strbuf_reserve(b, 0))
        return NULL;
    char *s = b->s;
    b->s = NULL;
    b->n = b->cap = 0;
    return s;
}

void strbuf_free(strbuf *b)
{
    free(b->s);
    *b = (strbuf){0};
}
