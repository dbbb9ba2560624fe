/*
 * attribute_fold.h — the word tokenizer and folder of the gazetteer.
 *
 * Purpose: turn UTF-8 text into a sequence of words that compare the way a
 * reader compares names: "Ménaka", "MENAKA" and "Menaka" are the same word;
 * "l'Etat", "l’État" and "l Etat" are the same two words; "Ségou\u00A0/\nMopti"
 * is "segou" then "mopti".  Both the loader (aliases in the .tsv files) and
 * the matcher (document text) go through this one function, so an alias and
 * a text agree on what a word is by construction.
 *
 * A word is a maximal run of letters and digits.  Folding: ASCII lowercase;
 * Latin-1 and Latin Extended-A letters lose their accents (é->e, ç->c, œ->oe,
 * æ->ae, ß->ss, ł->l ...); the ligature characters U+FB00..U+FB06 spell out
 * (ﬁ->fi); combining accents (U+0300..U+036F), the soft hyphen and zero-width
 * joiners are dropped inside a word; other non-ASCII letters (Greek, Arabic,
 * ...) are kept as they are.  Everything else separates words: spaces of any
 * kind (U+00A0, U+202F, thin spaces, line breaks), apostrophes (' ’ ʼ),
 * hyphens and dashes, slashes, punctuation, quotes, bullets, invalid UTF-8
 * bytes.  Currency signs ($ € £ ¥ ...) are words of their own, even when glued
 * to letters or digits ("US$" is "us" then "$").  U+FFFD, the mark a PDF
 * extraction leaves for a lost ligature ("Educa\uFFFDon"), is kept inside its
 * word as the byte GZF_LOST so that the matcher can repair the word.
 *
 * Invariants: the folded bytes of a word never outnumber its original bytes;
 * a folded word never contains a space, a NUL or (except GZF_LOST) a control
 * byte; w.start < w.end are byte offsets into the input, so spans are exact.
 *
 * Memory: the caller owns the word buffer (a strbuf, base/strbuf.h) and
 * frees it with strbuf_free.
 */
#ifndef AC_GZ_FOLD_H
#define AC_GZ_FOLD_H

#include <stddef.h>

#include "../base/strbuf.h"

#define GZF_LOST '\x01'     /* stands for U+FFFD inside a folded word */

typedef struct {
    size_t start, end;      /* byte span of the word in the input          */
    int lost;               /* number of GZF_LOST bytes in the folded word */
    int symbol;             /* the word is a currency sign                 */
} attribute_fold_word;

/* Next word of s[0..len) at or after *pos: its folded bytes replace the
 * contents of buf (buf->s is then allocated, NUL-terminated, even for no
 * word), *pos moves past it.  Returns 1 for a word, 0 at the end of the
 * input, -1 when buf cannot grow (out of memory). */
int attribute_fold_next(const char *s, size_t len, size_t *pos, attribute_fold_word *w, strbuf *buf);

#endif
