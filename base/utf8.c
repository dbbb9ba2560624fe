/* utf8.c — UTF-8 decoding and encoding (utf8.h). */
#include "utf8.h"

size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (n == 0)
        return 0;
    unsigned char b = s[0];
    size_t l;
    unsigned c;
    if (b < 0x80) {
        if (cp)
            *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) { l = 2; c = b & 0x1Fu; }
    else if (b >= 0xE0 && b <= 0xEF) { l = 3; c = b & 0x0Fu; }
    else if (b >= 0xF0 && b <= 0xF4) { l = 4; c = b & 0x07u; }
    else return 0;
    if (l > n)
        return 0;
    for (size_t k = 1; k < l; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[k] & 0x3Fu);
    }
    if ((l == 3 && c < 0x800) || (l == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    if (cp)
        *cp = c;
    return l;
}

size_t utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The length a lead byte announces, 0 for a byte that cannot lead. */
static size_t lead_len(unsigned char b)
{
    return b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
}

int utf8_valid(const unsigned char *s, size_t n, int *cut)
{
    size_t i = 0, l;
    if (cut)
        *cut = 0;
    while (i < n) {
        if ((l = utf8_decode(s + i, n - i, NULL))) {
            i += l;
            continue;
        }
        /* an incomplete sequence at the very end: a lead byte and only
         * continuation bytes after it */
        size_t need = lead_len(s[i]);
        if (need && i + need > n) {
            for (size_t k = i + 1; k < n; k++)
                if ((s[k] & 0xC0) != 0x80)
                    return 0;
            if (cut)
                *cut = 1;
        }
        return 0;
    }
    return 1;
}

int utf8_census(const unsigned char *s, size_t n, size_t *n_multi, size_t *n_bad)
{
    size_t i = 0, l;
    *n_multi = *n_bad = 0;
    while (i < n) {
        if ((l = utf8_decode(s + i, n - i, NULL))) {
            *n_multi += l > 1;
            i += l;
        } else {
            (*n_bad)++;
            i++;
        }
    }
    return *n_bad == 0;
}
