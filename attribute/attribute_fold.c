/*
 * attribute_fold.c — the word tokenizer and folder of the gazetteer (see attribute_fold.h).
 *
 * Data flow: attribute_fold_next decodes one code point at a time (invalid UTF-8 bytes
 * are single separator bytes, never an error), classifies it (word letter,
 * separator, currency sign, ignorable, lost ligature) and appends the folded
 * form of word letters to the caller's buffer.  The work per input byte is
 * constant, so tokenizing is linear in the input whatever its line lengths.
 *
 * Classification is a small set of ranges, not the Unicode database: it is
 * right for the Latin-script French and English texts aidcube reads and
 * harmless elsewhere (unknown letters are kept, unfolded, inside words).
 */
#include "attribute_fold.h"

#include <string.h>

#include "../base/utf8.h"

enum { C_SEP, C_WORD, C_SYMBOL, C_IGNORE, C_LOST };

/* Accent folding of U+00C0..U+017F; f == NULL marks a separator (× ÷). */
static const struct {
    unsigned short lo, hi;
    const char *f;
} fold_ranges[] = {
    {0xC0, 0xC5, "a"}, {0xC6, 0xC6, "ae"}, {0xC7, 0xC7, "c"},
    {0xC8, 0xCB, "e"}, {0xCC, 0xCF, "i"}, {0xD0, 0xD0, "d"},
    {0xD1, 0xD1, "n"}, {0xD2, 0xD6, "o"}, {0xD7, 0xD7, NULL},
    {0xD8, 0xD8, "o"}, {0xD9, 0xDC, "u"}, {0xDD, 0xDD, "y"},
    {0xDE, 0xDE, "th"}, {0xDF, 0xDF, "ss"},
    {0xE0, 0xE5, "a"}, {0xE6, 0xE6, "ae"}, {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"}, {0xEC, 0xEF, "i"}, {0xF0, 0xF0, "d"},
    {0xF1, 0xF1, "n"}, {0xF2, 0xF6, "o"}, {0xF7, 0xF7, NULL},
    {0xF8, 0xF8, "o"}, {0xF9, 0xFC, "u"}, {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"}, {0xFF, 0xFF, "y"},
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},
    {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},
    {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
    {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"},
    {0x17F, 0x17F, "s"},
};

static const char *const ligatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};

/* One code point at s[i] (base/utf8); *cp = -1 for an invalid byte
 * (length 1). */
static size_t decode(const unsigned char *s, size_t len, size_t i, long *cp)
{
    unsigned c;
    size_t n = utf8_decode(s + i, len - i, &c);
    *cp = n ? (long)c : -1;
    return n ? n : 1;
}

/* Class of cp; for C_WORD, *fold is its folded spelling or NULL when the
 * original bytes are kept. */
static int classify(long cp, const char **fold)
{
    *fold = NULL;
    if (cp < 0)
        return C_SEP;
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            return C_WORD;
        if (cp >= 'A' && cp <= 'Z')
            return C_WORD;          /* lowercased by the caller */
        return cp == '$' ? C_SYMBOL : C_SEP;
    }
    if (cp < 0xA0)
        return C_SEP;               /* C1 controls */
    if (cp < 0xC0) {
        if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
            return C_WORD;
        if (cp == 0xAD)
            return C_IGNORE;        /* soft hyphen */
        if (cp == 0xA2 || cp == 0xA3 || cp == 0xA4 || cp == 0xA5)
            return C_SYMBOL;        /* ¢ £ ¤ ¥ */
        return C_SEP;
    }
    if (cp <= 0x17F) {
        for (size_t k = 0; k < sizeof fold_ranges / sizeof fold_ranges[0]; k++)
            if (cp >= fold_ranges[k].lo && cp <= fold_ranges[k].hi) {
                *fold = fold_ranges[k].f;
                return *fold ? C_WORD : C_SEP;
            }
        return C_WORD;
    }
    if (cp >= 0x2B0 && cp <= 0x2FF)
        return C_SEP;               /* modifier letters: ʼ ˈ ... */
    if (cp >= 0x300 && cp <= 0x36F)
        return C_IGNORE;            /* combining accents */
    if (cp >= 0x2000 && cp <= 0x206F) {
        if (cp == 0x200C || cp == 0x200D || cp == 0x2060)
            return C_IGNORE;
        return C_SEP;               /* spaces, dashes, quotes, bullets */
    }
    if (cp >= 0x20A0 && cp <= 0x20CF)
        return C_SYMBOL;            /* € and the other currency signs */
    if (cp >= 0x2100 && cp <= 0x2BFF)
        return C_SEP;               /* arrows, maths, boxes, shapes */
    if (cp >= 0x3000 && cp <= 0x303F)
        return C_SEP;
    if (cp >= 0xE000 && cp <= 0xF8FF)
        return C_SEP;               /* private use: Symbol-font bullets */
    if (cp >= 0xFB00 && cp <= 0xFB06) {
        *fold = ligatures[cp - 0xFB00];
        return C_WORD;
    }
    if (cp >= 0xFE00 && cp <= 0xFE0F)
        return C_IGNORE;            /* variation selectors */
    if (cp == 0xFEFF)
        return C_SEP;
    if (cp == 0xFFFD)
        return C_LOST;
    if (cp >= 0xFFF0)
        return C_SEP;
    return C_WORD;
}

/* Append the folded spelling of a word character (or GZF_LOST). */
static void put_folded(strbuf *buf, const char *s, size_t n, long cp, int k, const char *fold)
{
    if (k == C_LOST)
        strbuf_addc(buf, GZF_LOST);
    else if (cp < 0x80)
        strbuf_addc(buf, (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
    else if (fold)
        strbuf_adds(buf, fold);
    else
        strbuf_add(buf, s, n);
}

int attribute_fold_next(const char *s, size_t len, size_t *pos, attribute_fold_word *w, strbuf *buf)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = *pos, n = 0;
    long cp = 0;
    const char *fold;
    int k = C_SEP;

    strbuf_reset(buf);
    if (strbuf_add(buf, "", 0) < 0)     /* buf->s is a string, even empty */
        return -1;
    w->lost = 0;
    w->symbol = 0;
    /* skip to the first letter, digit, lost ligature or currency sign */
    for (; i < len; i += n) {
        n = decode(u, len, i, &cp);
        k = classify(cp, &fold);
        if (k == C_WORD || k == C_LOST || k == C_SYMBOL)
            break;
    }
    if (i >= len) {
        *pos = len;
        return 0;
    }
    w->start = i;
    if (k == C_SYMBOL) {
        strbuf_add(buf, s + i, n);
        w->symbol = 1;
        w->end = *pos = i + n;
        return buf->failed ? -1 : 1;
    }
    w->end = i;
    for (; i < len; i += n) {
        n = decode(u, len, i, &cp);
        k = classify(cp, &fold);
        if (k == C_WORD || k == C_LOST)
            put_folded(buf, s + i, n, cp, k, fold);
        else if (k != C_IGNORE)
            break;
        w->lost += k == C_LOST;
        w->end = i + n;
    }
    *pos = i;
    return buf->failed ? -1 : 1;
}
