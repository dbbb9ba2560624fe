/*
 * scan.c — the scanner: money amounts, percentages, counts and bare numbers
 * (dates and periods are in scan_date.c), found with PCRE2 and valued with
 * the exact normaliser of number.c.
 *
 * Purpose.  Turn French or English report text into typed items with byte
 * spans: "27 QIPs : USD 838.354,11" gives a COUNT (27 projects) and an
 * AMOUNT (838354.11 USD); "Environ 26%" a PERCENT with qualifier approx;
 * "3 millions de dollars par an" an AMOUNT of 3000000 USD (ambiguous $) per
 * year.  It knows nothing of files, lines, places or funds.
 *
 * Data flow.  scan_text():
 *   1. makes the text safe for PCRE2 (invalid UTF-8 bytes are replaced by
 *      '?' in a same-length arena copy, so spans stay true);
 *   2. collects exclusion spans (URLs, e-mails, phone numbers, times,
 *      "Résolution 2085 (2012)") and the dates and periods (scan_date.c),
 *      which claim their bytes first;
 *   3. walks the number tokens (RX_TOKEN: digits with separators, or a run of
 *      spelled-out number words) left to right; each token is read by
 *      number.c and then classified by what stands around it, with anchored
 *      patterns after it (scale word, %, currency, counted noun, status word,
 *      qualifier) and \z-terminated patterns over a short window before it
 *      (currency, qualifier, "résolution", "pourcentage de");
 *   4. optionally folds number/amount pairs into ranges (PERIOD_RANGE, only
 *      when periods are asked for without amounts, as `aidcube parse
 *      --kind period` does), filters by opts->kinds and copies the items,
 *      sorted by start, into the caller's arena.
 * A line break (up to three, with blank lines) may stand between a number
 * and its scale word, currency or noun, and after a "de" joining them
 * ("8,4 millions de \n\ndollars"), never inside the digits: the token
 * pattern only allows horizontal spaces as grouping.  One or two adjectives
 * may precede the counted noun, and one or two short adverbs may separate
 * a qualifier cue or a status word from the number (RX_B_QUAL, RX_A_STATUS).
 *
 * Invariants.  Patterns are compiled once (scan_init), with JIT; one match
 * data block is reused; every look-behind window is bounded (64 bytes) and
 * every look-ahead pattern anchored, so the cost is linear in the text.
 * No recursion.  Not thread-safe (shared match data), like the rest of the
 * pipeline, which runs one document at a time.
 *
 * Memory.  Work vectors are malloc'ed and freed before return; the returned
 * items live in the caller's arena; scan_item.unit points to static strings.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scan.h"
#include "reader.h"
#include "scan_int.h"
#include "../base/vec.h"

/* Match a \z-terminated pattern over the window ending at end (at most
 * 64 bytes, starting on a character boundary).  Returns rc and the match
 * start in *ms (absolute). */
static int match_before(const char *t, size_t end, int id, size_t win,
                        size_t *ms, const size_t **ov)
{
    size_t ws = end > win ? end - win : 0;
    while (ws < end && ((unsigned char)t[ws] & 0xC0) == 0x80)
        ws++;
    int rc = sx_match(id, t + ws, end - ws, 0, ov);
    if (rc > 0 && ms)
        *ms = ws + (*ov)[0];
    if (rc > 0) {
        /* make the ovector absolute for the caller's convenience */
        size_t *o = (size_t *)*ov;
        for (int i = 0; i < rc * 2; i++)
            if (o[i] != PCRE2_UNSET)
                o[i] += ws;
    }
    return rc;
}

/* ------------------------------------------------------------- helpers */
/* Decode the code point ending just before byte pos (0 if none). */
static unsigned prev_cp(const char *t, size_t pos, size_t *start)
{
    if (pos == 0) {
        if (start)
            *start = 0;
        return 0;
    }
    size_t i = pos - 1;
    while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80 && pos - i < 4)
        i--;
    const unsigned char *u = (const unsigned char *)t + i;
    unsigned cp;
    size_t len = pos - i;
    if (u[0] < 0x80) cp = u[0];
    else if (len == 2) cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    else if (len == 3) cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    else if (len == 4) cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
                            ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
    else cp = 0xFFFD;
    if (start)
        *start = i;
    return cp;
}

static unsigned next_cp(const char *t, size_t n, size_t pos)
{
    if (pos >= n)
        return 0;
    const unsigned char *u = (const unsigned char *)t + pos;
    if (u[0] < 0x80) return u[0];
    if ((u[0] & 0xE0) == 0xC0 && pos + 1 < n)
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    if ((u[0] & 0xF0) == 0xE0 && pos + 2 < n)
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    return 0xFFFD;
}

static int is_letter(unsigned cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
        return 1;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        return 1;
    if (cp >= 0x370 && cp <= 0x52F)
        return 1;
    return 0;
}

static int is_alnum_cp(unsigned cp)
{
    return is_letter(cp) || (cp >= '0' && cp <= '9');
}

static int in_spans(const size_t *sp, size_t nsp, size_t s, size_t e)
{
    /* sp holds start/end pairs sorted by start; few, scan linearly from a
     * binary-searched point */
    size_t lo = 0, hi = nsp;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sp[2 * mid + 1] <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < nsp && sp[2 * i] < e; i++)
        if (sp[2 * i] < e && sp[2 * i + 1] > s)
            return 1;
    return 0;
}

const char *scan_qual_name(scan_qual q)
{
    switch (q) {
    case SCAN_Q_APPROX: return "approx";
    case SCAN_Q_MAX: return "max";
    case SCAN_Q_PER_YEAR: return "per_year";
    default: return "exact";
    }
}

/* -------------------------------------------------------- classification */

typedef struct {
    size_t ts, te;          /* the token */
    int words;              /* spelled out */
    num_dec v;
} token;

static void set_cur(scan_item *it, const char *t, const size_t *ov, int rc,
                    int base)
{
    for (int g = base; g < rc && (size_t)(g - base) < sx_n_cur; g++) {
        if (ov[2 * g] == PCRE2_UNSET)
            continue;
        const sx_cur_def *cd = &sx_cur_tab[g - base];
        if (cd->iso) {
            memcpy(it->currency, cd->iso, strlen(cd->iso) + 1);
        } else {
            size_t l = ov[2 * g + 1] - ov[2 * g];
            if (l > 3)
                l = 3;
            memcpy(it->currency, t + ov[2 * g], l);
            it->currency[l] = '\0';
        }
        it->currency_ambiguous = cd->ambiguous;
        return;
    }
}

/* Apply a scale match (group 1 letter, group 2 word) to v. */
static int apply_scale(const char *t, const size_t *ov, int lang_en, num_dec *v)
{
    const char *s;
    size_t l;
    int word = ov[2] == PCRE2_UNSET;
    s = t + ov[word ? 4 : 2];
    l = ov[word ? 5 : 3] - ov[word ? 4 : 2];
    char b[16];
    size_t k = 0;
    for (size_t i = 0; i < l && k < sizeof b - 1; i++) {
        char ch = s[i];
        b[k++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    b[k] = '\0';
    if (k && b[k - 1] == '.')
        b[--k] = '\0';
    if (k && b[k - 1] == 's' && k > 2 && strcmp(b, "mds") != 0)
        b[--k] = '\0';
    int e = -1;
    if (!strcmp(b, "k") || !strcmp(b, "mille") || !strcmp(b, "thousand"))
        e = 3;
    else if (!strcmp(b, "m") || !strcmp(b, "mio") || !strcmp(b, "mn") ||
             !strcmp(b, "million"))
        e = 6;
    else if (!strcmp(b, "md") || !strcmp(b, "mds") || !strcmp(b, "mrd") ||
             !strcmp(b, "g") || !strcmp(b, "bn") || !strcmp(b, "b") ||
             !strcmp(b, "milliard"))
        e = 9;
    else if (!strcmp(b, "billion"))
        e = lang_en ? 9 : 12;
    else if (!strcmp(b, "t") || !strcmp(b, "trillion"))
        e = 12;
    else if (!strcmp(b, "douzaine") || !strcmp(b, "dozen")) {
        num_dec twelve = {12, 0};
        return num_mul(v, twelve);
    }
    if (e < 0)
        return 0;
    return num_mul_pow10(v, e);
}

/* Is the scale word of a RX_A_SCALE match one apply_scale knows (so that a
 * failure there is an overflow, not an unknown word)? */
static int scale_word_known(const char *t, const size_t *ov)
{
    num_dec one = {1, 0};
    return apply_scale(t, ov, 1, &one);
}

/* Spelled-out ordinal ("deuxième") -> value, 0 if not one. */
static int ordinal_word(const char *s, size_t l, num_dec *v)
{
    char b[48];
    if (l >= sizeof b - 2)
        return 0;
    memcpy(b, s, l);
    b[l] = '\0';
    for (size_t i = 0; i < l; i++)
        if (b[i] >= 'A' && b[i] <= 'Z')
            b[i] = (char)(b[i] - 'A' + 'a');
    if (!strncmp(b, "premi", 5)) { v->mant = 1; v->scale = 0; return 1; }
    if (!strncmp(b, "second", 6)) { v->mant = 2; v->scale = 0; return 1; }
    /* strip "ième"/"ieme" */
    size_t k = l;
    if (k > 5 && !strcmp(b + k - 5, "i\xC3\xA8me")) k -= 5;
    else if (k > 4 && !strcmp(b + k - 4, "ieme")) k -= 4;
    else return 0;
    b[k] = '\0';
    if (number_parse_words(b, k, v)) return 1;
    if (k > 0 && b[k - 1] == 'v') { b[k - 1] = 'f'; if (number_parse_words(b, k, v)) return 1; b[k - 1] = 'v'; }
    if (k > 1 && b[k - 1] == 'u' && b[k - 2] == 'q') { if (number_parse_words(b, k - 1, v)) return 1; }
    b[k] = 'e';
    b[k + 1] = '\0';
    return number_parse_words(b, k + 1, v);
}

/* Does the text start with "moins ", "minus " or "negative " right up to
 * the number at ts? */
static int neg_word_prefix(const char *t, size_t ts)
{
    static const char *const w[] = {"moins", "minus", "negative"};
    size_t e = ts;
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
        e--;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (e == strlen(w[i]) && strncasecmp(t, w[i], e) == 0)
            return 1;
    return 0;
}

/* Is the token at ts the first thing on its line, and followed by "." or
 * ")" and a space or the end of the line (list numbering)? */
static int list_number(const char *t, size_t n, size_t ts, size_t te)
{
    size_t i = ts;
    while (i > 0) {
        char ch = t[i - 1];
        if (ch == '\n')
            break;
        if (ch != ' ' && ch != '\t' && ch != '-' && ch != '*')
            return 0;
        i--;
    }
    if (te >= n || (t[te] != '.' && t[te] != ')'))
        return 0;
    return te + 1 >= n || t[te + 1] == ' ' || t[te + 1] == '\n' ||
           t[te + 1] == '\r' || t[te + 1] == '\t';
}

/* Skip spaces (ASCII, line breaks, U+00A0, U+202F, ...) in t[i..to). */
static size_t skip_space(const char *t, size_t i, size_t to)
{
    while (i < to) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
            i++;
        else if (ch >= 0xC0 && !is_alnum_cp(next_cp(t, to, i)))
            i += ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
        else
            break;
    }
    return i;
}

/* Between a number's end (from) and its counted noun (to), is there more
 * than spaces and "de"/"d'", i.e. an adjective ("12 nouveaux projets")? */
static int has_adjective(const char *t, size_t from, size_t to)
{
    size_t i = skip_space(t, from, to);
    if (i + 1 < to && (t[i] | 0x20) == 'd') {
        if ((t[i + 1] | 0x20) == 'e' &&
            (i + 2 >= to || !is_letter(next_cp(t, to, i + 2))))
            i += 2;
        else if (t[i + 1] == '\'')
            i += 2;
        else if (i + 3 < to && !memcmp(t + i + 1, "\xE2\x80\x99", 3))
            i += 4;
    }
    return skip_space(t, i, to) < to;
}

/* Classify one token; may push one item.  Returns the end of what was
 * consumed (>= te), or te when nothing was produced. */
/* Does [from,to) hold only ", dont " / " of which " (spaces and line
 * breaks around it): the cue of a part of the amount before? */
static int part_cue(const char *t, size_t from, size_t to)
{
    static const char *const cue[] = {"dont", "of which"};
    size_t i = from;
    while (i < to && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == ','))
        i++;
    for (size_t k = 0; k < sizeof cue / sizeof *cue; k++) {
        size_t l = strlen(cue[k]);
        if (i + l <= to && !strncasecmp(t + i, cue[k], l)) {
            size_t j = i + l;
            if (j >= to || !(t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '\t'))
                continue;
            while (j < to && (t[j] == ' ' || t[j] == '\n' || t[j] == '\r' || t[j] == '\t'))
                j++;
            return j == to;
        }
    }
    return 0;
}

static size_t classify(sx_ctx *c, const token *tk, size_t last_count_idx,
                       int have_last_count)
{
    const char *t = c->t;
    size_t n = c->n;
    int lang_en = c->o->lang == SCAN_LANG_EN;
    size_t ts = tk->ts, te = tk->te;
    num_dec v = tk->v;
    const size_t *ov;
    int rc;
    size_t ms;
    int ordinal = 0, neg = 0, glued_prefix = 0, out_of_range = 0;

    /* what stands just before */
    size_t pstart;
    unsigned pc = prev_cp(t, ts, &pstart);
    size_t ns = ts;                    /* start including sign */
    if (!tk->words) {
        if (pc == '-' || pc == 0x2212) {
            size_t p2;
            unsigned pp = prev_cp(t, pstart, &p2);
            if (!is_alnum_cp(pp) && pp != '-' && pp != '/' && pp != '.') {
                neg = 1;
                ns = pstart;
            } else if (!(pp >= '0' && pp <= '9')) {
                return te;             /* MLI-801: a code */
            }                          /* 10-20: the end of a range */
        } else if (pc == ' ' && ts >= 2 && t[ts - 2] == '-' && ts - 2 == 0) {
            neg = 1;                   /* "- 1.200.000" at the start */
            ns = 0;
        } else if (pc == ' ' && neg_word_prefix(t, ts)) {
            neg = 1;                   /* "moins 1200000" as a whole phrase */
            ns = 0;
        } else if (is_alnum_cp(pc) || pc == '_' || pc == '@' || pc == '#' ||
                   pc == '\\' || pc == '/' || pc == '$' || pc == 0x20AC ||
                   pc == 0xA3 || pc == 0xA5 || pc == '.' || pc == ',') {
            if (pc == '.' || pc == ',') {
                size_t p2;
                unsigned pp = prev_cp(t, pstart, &p2);
                if (is_alnum_cp(pp))
                    return te;
            } else if (pc == '/') {
                return te;
            } else {
                rc = match_before(t, ts, RX_B_CUR, 24, &ms, &ov);
                if (rc <= 0 || ov[1] != ts)
                    return te;
                glued_prefix = 1;
            }
        }
    } else {
        /* "moins"/"minus" inside the token */
        char ch = t[ts] | 0x20;
        if ((ch == 'm' && (t[ts + 1] | 0x20) == 'o') || ch == 'n' ||
            (ch == 'm' && (t[ts + 1] | 0x20) == 'i'))
            neg = v.mant < 0;
    }
    (void)glued_prefix;

    /* glued ordinal / code suffix */
    unsigned nc = next_cp(t, n, te);
    if (!tk->words && is_letter(nc)) {
        rc = sx_match(RX_A_GLUED_ORD, t, n, te, &ov);
        if (rc > 0 && v.scale == 0 && v.mant > 0) {
            ordinal = 1;
            te = ov[1];
        } else {
            int ok = 0;
            if (sx_match(RX_A_SCALE, t, n, te, &ov) > 0 && ov[0] == te)
                ok = 1;
            else if (sx_match(RX_A_CUR, t, n, te, &ov) > 0)
                ok = 1;
            else if (sx_match(RX_A_PCT, t, n, te, &ov) > 0)
                ok = 1;
            if (!ok)
                return te;             /* 2v38IS9, QIP2a */
        }
    }
    if (ordinal) {
        if (!(c->o->kinds & SCAN_MASK(SCAN_NUMBER)))
            return te;
        scan_item *it = sx_push(c);
        if (!it)
            return te;
        it->kind = SCAN_NUMBER;
        it->start = ts;
        it->end = te;
        it->num_start = ts;
        it->value = v;
        it->ordinal = 1;
        return te;
    }

    /* list numbering at the start of a line */
    if (!tk->words && v.scale == 0 && v.mant < 100 && list_number(t, n, ts, te) &&
        !(ts == 0 && te + 1 >= n))
        return te;

    /* context words that make a label, not a quantity */
    rc = match_before(t, ns, RX_B_SKIP, 40, NULL, &ov);
    if (rc > 0)
        return te;

    scan_item it;
    memset(&it, 0, sizeof it);
    it.start = ns;
    it.num_start = ts;
    it.end = te;
    int kind = -1;
    size_t q = te;

    /* percent written before: "%57,3", "pourcentage de vingt" */
    if (pc == '%') {
        kind = SCAN_PERCENT;
        it.start = pstart;
    } else if (match_before(t, ns, RX_B_PCT, 48, &ms, &ov) > 0) {
        kind = SCAN_PERCENT;
        it.start = ms;
    }

    /* scale */
    int scaled = 0;
    if (kind < 0) {
        rc = sx_match(RX_A_SCALE, t, n, q, &ov);
        if (rc > 0) {
            num_dec sv = v;
            /* "2.174T", "1.234 million": with a scale, a lone '.' is the
             * decimal mark even before three digits */
            if (!tk->words) {
                int ndot = 0, ncom = 0;
                for (size_t i = ts; i < te; i++) {
                    ndot += t[i] == '.';
                    ncom += t[i] == ',';
                }
                num_dec dv;
                if (ndot == 1 && ncom == 0 &&
                    number_parse_digits(t + ts, te - ts, 1, &dv))
                    sv = dv;
                if (neg && sv.mant > 0)
                    sv.mant = -sv.mant, neg = 0;
            }
            if (apply_scale(t, ov, lang_en, &sv)) {
                v = sv;
                q = ov[1];
                scaled = 1;
            } else if (scale_word_known(t, ov)) {
                /* "99999999999 milliards": too large to hold exactly */
                q = ov[1];
                scaled = 1;
                out_of_range = 1;
            }
        }
    }
    /* percent */
    if (kind < 0 && !scaled) {
        rc = sx_match(RX_A_PCT, t, n, q, &ov);
        if (rc > 0) {
            kind = SCAN_PERCENT;
            q = ov[1];
        }
    }
    /* currency after, else before */
    int cur_after = 0;
    if (kind < 0) {
        rc = sx_match(RX_A_CUR, t, n, q, &ov);
        if (rc <= 0 && q < n && t[q] == ')' && pc == '(') {
            /* accounting: "(7.92) USD" */
            rc = sx_match(RX_A_CUR, t, n, q + 1, &ov);
            if (rc > 0) {
                neg = 1;
                it.start = pstart;
            }
        }
        if (rc > 0) {
            set_cur(&it, t, ov, rc, 1);
            kind = SCAN_AMOUNT;
            q = ov[1];
            cur_after = 1;
        }
        /* prefix currency (also "US$4.7 billion") */
        size_t ps = ns;
        rc = match_before(t, ps, RX_B_CUR, 32, &ms, &ov);
        if (rc > 0) {
            if (!cur_after)
                set_cur(&it, t, ov, rc, 1);
            kind = SCAN_AMOUNT;
            it.start = ms;
            /* sign before the currency: "-$123.46M" */
            size_t p2;
            unsigned pp = prev_cp(t, ms, &p2);
            if (pp == '-' || pp == 0x2212) {
                size_t p3;
                unsigned ppp = prev_cp(t, p2, &p3);
                if (!is_alnum_cp(ppp)) {
                    neg = 1;
                    it.start = p2;
                }
            }
        }
        /* cents: "1 USD et 23 centimes", "15 dollars 50", "$20 43" */
        if (kind == SCAN_AMOUNT && !scaled && v.scale == 0) {
            rc = sx_match(RX_A_CENTS, t, n, q, &ov);
            if (rc > 0) {
                int has_word = rc > 2 && ov[4] != PCRE2_UNSET;
                size_t ce = ov[1];
                int has_and = 0;
                for (size_t i = q; i < ov[2]; i++)
                    if (t[i] == 'e' || t[i] == 'a' || t[i] == 'E' || t[i] == 'A')
                        has_and = 1;
                size_t k = ce;
                while (k < n && (t[k] == ' ' || t[k] == '\t'))
                    k++;
                int at_end = k >= n || t[k] == '\n' || t[k] == '\r';
                if (has_word || (at_end && (has_and || cur_after || 1))) {
                    int cents = sx_int(t + ov[2], ov[3] - ov[2]);
                    if (ov[3] - ov[2] == 1 && !has_word)
                        cents *= 10;      /* "15 dollars 5" = 15.50 */
                    if (cents >= 0 && cents < 100 && v.mant >= 0 && v.scale == 0 &&
                        v.mant <= (INT64_MAX - 99) / 100) {
                        v.mant = v.mant * 100 + cents;
                        v.scale = 2;
                        q = ce;
                    }
                }
            }
        }
    }
    /* counted noun, maybe after one or two adjectives ("12 nouveaux
     * projets"; in English any one lowercase word: "420 temporary jobs") */
    if (kind < 0) {
        rc = sx_match(RX_A_NOUN, t, n, q, &ov);
        if (rc <= 0 && lang_en)
            rc = sx_match(RX_A_NOUN_EN, t, n, q, &ov);
        if (rc > 0) {
            size_t ns0 = 0;
            for (int g = 1; g < rc; g++)
                if (ov[2 * g] != PCRE2_UNSET && (size_t)(g - 1) < sx_n_noun) {
                    it.unit = sx_noun_tab[g - 1];
                    ns0 = ov[2 * g];
                    break;
                }
            /* a year is never counted through an adjective: "In 2017 new
             * projects were ..." */
            if (it.unit && has_adjective(t, q, ns0) && !tk->words &&
                !scaled && v.scale == 0 && te - ts == 4 && v.mant >= 1900 &&
                v.mant <= 2099)
                it.unit = NULL;
            if (it.unit) {
                kind = SCAN_COUNT;
                q = ov[1];
            }
        }
    }
    /* elliptic count: "222 projets finalisés et 102 en cours" */
    if (kind < 0 && have_last_count && !scaled) {
        rc = sx_match(RX_A_STATUS, t, n, q, &ov);
        if (rc > 0) {
            const scan_item *lc = &c->it[last_count_idx];
            int ok = lc->end <= ts && ts - lc->end < 200;
            for (size_t i = lc->end; ok && i < ts; i++)
                if (t[i] == ';' || t[i] == '!' || t[i] == '?' ||
                    (t[i] == '.' && i + 1 < n && (t[i + 1] == ' ' || t[i + 1] == '\n')))
                    ok = 0;
            if (ok) {
                kind = SCAN_COUNT;
                it.unit = lc->unit;
                q = te;               /* the status word is not part of it */
            }
        }
    }
    /* elliptic amount: a bare number right after "dont" / "of which" that
     * follows an amount is a part of it, in its scale and currency:
     * "12,4 millions USD, dont 12,1 alloués à 5 projets" */
    if (kind < 0 && !scaled && !tk->words && c->nit > 0) {
        const scan_item *la = &c->it[c->nit - 1];
        if (la->kind == SCAN_AMOUNT && la->currency[0] && !la->out_of_range &&
            la->end <= ts && ts - la->end < 48 && part_cue(t, la->end, ts)) {
            num_dec sv = v;
            int ok = 1;
            for (size_t p = la->num_start; p < la->end; p++) {
                if (t[p] >= '0' && t[p] <= '9')
                    continue;
                rc = sx_match(RX_A_SCALE, t, n, p, &ov);
                if (rc > 0 && ov[0] == p && (p == 0 || (t[p - 1] >= '0' && t[p - 1] <= '9'))) {
                    ok = apply_scale(t, ov, lang_en, &sv);
                    break;
                }
            }
            if (ok) {
                v = sv;
                kind = SCAN_AMOUNT;
                memcpy(it.currency, la->currency, sizeof it.currency);
                it.currency_ambiguous = la->currency_ambiguous;
            }
        }
    }
    /* words: "un", "une", "a", "one" alone are articles unless money/% */
    if (tk->words && (kind == SCAN_COUNT || kind < 0)) {
        int single = 1;
        for (size_t i = ts; i < tk->te; i++)
            if (t[i] == ' ' || t[i] == '-')
                single = 0;
        if (single && v.mant == 1 && v.scale == 0 && !scaled) {
            if (kind == SCAN_COUNT)
                return te;
            /* bare "un" stays a number only when asked, below */
        }
    }
    if (kind < 0) {
        /* year or bare number */
        if (!tk->words && !scaled && v.scale == 0 && te - ts == 4 &&
            v.mant >= 1900 && v.mant <= 2099 && !neg &&
            (c->o->kinds & SCAN_MASK(SCAN_PERIOD))) {
            kind = SCAN_PERIOD;
            it.pkind = PERIOD_YEAR;
            it.d1.year = (int)v.mant;
        } else {
            kind = SCAN_NUMBER;
        }
    }
    /* accounting parentheses: "(8) USD", "($99.99)", "(5,347.25)" */
    {
        size_t p2;
        unsigned pp = prev_cp(t, it.start, &p2);
        if (pp == '(' && !neg && c->o->accounting) {
            size_t close = kind == SCAN_AMOUNT && cur_after ? te : q;
            if (close < n && t[close] == ')' &&
                (kind == SCAN_AMOUNT || (p2 == 0 && close + 1 >= n))) {
                neg = 1;
                it.start = p2;
                if (close + 1 > q)
                    q = close + 1;
            } else if (q < n && t[q] == ')' && (kind == SCAN_AMOUNT ||
                                               (p2 == 0 && q + 1 >= n))) {
                neg = 1;
                it.start = p2;
                q++;
            }
        }
    }
    if (neg && v.mant > 0)
        v.mant = -v.mant;
    it.kind = (scan_kind)kind;
    it.out_of_range = out_of_range;
    it.value = v;
    it.end = q;

    /* qualifiers */
    if (kind == SCAN_AMOUNT || kind == SCAN_PERCENT || kind == SCAN_COUNT ||
        kind == SCAN_NUMBER) {
        scan_qual before = SCAN_Q_EXACT, after = SCAN_Q_EXACT;
        rc = match_before(t, it.start, RX_B_QUAL, 96, &ms, &ov);
        if (rc > 0) {
            before = ov[2] != PCRE2_UNSET ? SCAN_Q_APPROX
                   : (rc > 2 && ov[4] != PCRE2_UNSET) ? SCAN_Q_MAX
                   : SCAN_Q_PER_YEAR;
        }
        rc = sx_match(RX_A_QUAL, t, n, it.end, &ov);
        if (rc > 0) {
            after = ov[2] != PCRE2_UNSET ? SCAN_Q_APPROX
                  : (rc > 2 && ov[4] != PCRE2_UNSET) ? SCAN_Q_MAX
                  : SCAN_Q_PER_YEAR;
        }
        if (before == SCAN_Q_MAX || after == SCAN_Q_MAX)
            it.qual = SCAN_Q_MAX;
        else if (before == SCAN_Q_PER_YEAR || after == SCAN_Q_PER_YEAR)
            it.qual = SCAN_Q_PER_YEAR;
        else if (before == SCAN_Q_APPROX || after == SCAN_Q_APPROX)
            it.qual = SCAN_Q_APPROX;
    }
    scan_item *p = sx_push(c);
    if (!p)
        return te;
    *p = it;
    return q;
}

/* ---------------------------------------------------------------- ranges */

/* Fold "entre 10 et 20 euros", "10 - 20 dollars", "au moins 10 euros",
 * "moins de 10 dollars" into PERIOD_RANGE items (work vector, in place). */
static void fold_ranges(sx_ctx *c)
{
    const char *t = c->t;
    size_t n = c->n;
    for (size_t i = 0; i < c->nit; i++) {
        scan_item *a = &c->it[i];
        if (a->kind != SCAN_AMOUNT && a->kind != SCAN_NUMBER)
            continue;
        if (a->ordinal)
            continue;
        const size_t *ov;
        size_t ms;
        int rc = match_before(t, a->start, RX_B_RANGE, 40, &ms, &ov);
        int g = 0;
        if (rc > 0)
            g = ov[2] != PCRE2_UNSET ? 1 : (rc > 2 && ov[4] != PCRE2_UNSET) ? 2 : 3;
        /* a closed range: a, connector, b */
        if (i + 1 < c->nit && (g == 3 || g == 0)) {
            scan_item *b = &c->it[i + 1];
            if ((b->kind == SCAN_AMOUNT || b->kind == SCAN_NUMBER) &&
                sx_match(RX_A_RANGE_TO, t, n, a->end, &ov) > 0 &&
                ov[1] == b->start && ov[1] > a->end &&
                (g == 3 || a->kind == SCAN_NUMBER || b->kind == SCAN_AMOUNT)) {
                scan_item r = *b;
                r.kind = SCAN_PERIOD;
                r.pkind = PERIOD_RANGE;
                r.start = g == 3 ? ms : a->start;
                r.num_start = a->num_start;
                r.value = a->value;
                r.value_hi = b->value;
                r.has_lo = r.has_hi = 1;
                if (!r.currency[0] && a->currency[0]) {
                    memcpy(r.currency, a->currency, 4);
                    r.currency_ambiguous = a->currency_ambiguous;
                }
                *a = r;
                b->kind = SCAN_NUMBER;
                b->start = b->end = 0;  /* dropped below */
                b->ordinal = 2;
                continue;
            }
        }
        if (g == 1 || g == 2) {
            a->value_hi = a->value;
            a->kind = SCAN_PERIOD;
            a->pkind = PERIOD_RANGE;
            a->start = ms;
            a->has_lo = g == 1;
            a->has_hi = g == 2;
            a->qual = SCAN_Q_EXACT;
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < c->nit; i++)
        if (c->it[i].ordinal != 2)
            c->it[o++] = c->it[i];
    c->nit = o;
}

/* ------------------------------------------------------------------ main */


static int cmp_item(const void *x, const void *y)
{
    const scan_item *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return 0;
}

ac_error scan_text(const char *text, size_t len, const scan_opts *opts,
                   arena *a, scan_item **items, size_t *n_items)
{
    ac_error err = AC_OK;
    size_t *ex = NULL;
    size_t nex = 0, capex = 0;
    sx_ctx c;
    memset(&c, 0, sizeof c);
    if (!items || !n_items || !a || (!text && len))
        return AC_ERR_USAGE;
    *items = NULL;
    *n_items = 0;
    if ((err = scan_init()) != AC_OK)
        return err;
    scan_opts o = opts ? *opts : (scan_opts){0};
    if (o.kinds == 0)
        o.kinds = SCAN_ALL & ~SCAN_MASK(SCAN_NUMBER);
    unsigned want = o.kinds;
    if (len == 0)
        return AC_OK;

    /* 1. a valid UTF-8 subject of the same length */
    const char *t = text;
    {
        const unsigned char *u = (const unsigned char *)text;
        size_t i = 0, l;
        int bad = 0;
        while (i < len) {
            if (u[i] == 0 || !reader_utf8_char(u, len, i, &l)) { bad = 1; break; }
            i += l;
        }
        if (bad) {
            char *cp = arena_alloc(a, len + 1);
            if (!cp)
                return AC_ERR_NOMEM;
            i = 0;
            while (i < len) {
                if (u[i] != 0 && reader_utf8_char(u, len, i, &l)) {
                    memcpy(cp + i, text + i, l);
                    i += l;
                } else {
                    cp[i++] = '?';
                }
            }
            t = cp;
        }
    }
    c.t = t;
    c.n = len;
    c.o = &o;

    /* 2. exclusions */
    const size_t *ov;
    size_t pos = 0;
    while (pos < len && sx_match(RX_EXCL, t, len, pos, &ov) > 0) {
        void *p = ex;   /* pairs: one element is two offsets */
        err = vec_reserve(&p, &capex, nex + 1, 2 * sizeof *ex);
        ex = p;
        if (err)
            goto done;
        ex[2 * nex] = ov[0];
        ex[2 * nex + 1] = ov[1];
        nex++;
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    /* dates and periods claim their spans */
    sx_dates(&c);
    if (c.oom) { err = AC_ERR_NOMEM; goto done; }
    size_t ndates = c.nit;
    size_t *ds = NULL;
    if (ndates) {
        ds = malloc(ndates * 2 * sizeof *ds);
        if (!ds) { err = AC_ERR_NOMEM; goto done; }
        qsort(c.it, ndates, sizeof *c.it, cmp_item);
        for (size_t i = 0; i < ndates; i++) {
            ds[2 * i] = c.it[i].start;
            ds[2 * i + 1] = c.it[i].end;
        }
    }

    /* 3. number tokens */
    pos = 0;
    size_t consumed = 0;
    size_t last_count = 0;
    int have_count = 0;
    while (pos < len) {
        int rc = sx_match(RX_TOKEN, t, len, pos, &ov);
        if (rc <= 0)
            break;
        token tk;
        tk.ts = ov[0];
        tk.te = ov[1];
        tk.words = !(ov[2] != PCRE2_UNSET);
        pos = tk.te > tk.ts ? tk.te : tk.ts + 1;
        if (tk.te == tk.ts || tk.ts < consumed)
            continue;
        if (in_spans(ex, nex, tk.ts, tk.te) || in_spans(ds, ndates, tk.ts, tk.te))
            continue;
        int ok, overflow = 0;
        if (tk.words) {
            ok = number_parse_words(t + tk.ts, tk.te - tk.ts, &tk.v);
            /* trim trailing words that break the reading: "trente 3" etc. */
            while (!ok) {
                size_t e = tk.te;
                while (e > tk.ts && t[e - 1] != ' ' && t[e - 1] != '-')
                    e--;
                while (e > tk.ts && (t[e - 1] == ' ' || t[e - 1] == '-'))
                    e--;
                if (e <= tk.ts)
                    break;
                tk.te = e;
                ok = number_parse_words(t + tk.ts, tk.te - tk.ts, &tk.v);
            }
            if (ok)
                pos = tk.te;
        } else {
            ok = number_parse_digits(t + tk.ts, tk.te - tk.ts,
                                     o.lang == SCAN_LANG_EN, &tk.v);
            /* more digits than an exact decimal holds: still a figure, whose
             * value cannot be used (the caller warns) */
            if (!ok) {
                size_t nd = 0;
                for (size_t i = tk.ts; i < tk.te; i++)
                    nd += t[i] >= '0' && t[i] <= '9';
                if (nd > 18) {
                    tk.v = (num_dec){0, 0};
                    ok = 1;
                    overflow = 1;
                    pos = tk.te;
                }
            }
            /* "1.2.3,4,5": not a number; "20 000 2014"-like: shorten */
            while (!ok) {
                size_t e = tk.te;
                while (e > tk.ts && t[e - 1] >= '0' && t[e - 1] <= '9')
                    e--;
                if (e <= tk.ts + 0 || e == tk.te)
                    break;
                /* drop the separator too */
                size_t s2 = e;
                while (s2 > tk.ts && !(t[s2 - 1] >= '0' && t[s2 - 1] <= '9'))
                    s2--;
                if (s2 <= tk.ts)
                    break;
                if (t[e - 1] == '.' || t[e - 1] == ',' || t[e - 1] == '\'')
                    break;            /* a dotted shape that failed: reject */
                tk.te = s2;
                ok = number_parse_digits(t + tk.ts, tk.te - tk.ts,
                                         o.lang == SCAN_LANG_EN, &tk.v);
                if (ok)
                    pos = tk.te;
            }
        }
        if (!ok) {
            /* an ordinal word? */
            continue;
        }
        size_t before = c.nit;
        size_t end = classify(&c, &tk, last_count, have_count);
        if (c.oom) { err = AC_ERR_NOMEM; free(ds); goto done; }
        for (size_t k = before; overflow && k < c.nit; k++)
            c.it[k].out_of_range = 1;
        if (c.nit > before) {
            consumed = end;
            if (pos < end)
                pos = end;
            if (c.it[c.nit - 1].kind == SCAN_COUNT) {
                last_count = c.nit - 1;
                have_count = 1;
            }
        }
    }
    /* ordinal words, only when numbers are asked for */
    if (want & SCAN_MASK(SCAN_NUMBER)) {
        pos = 0;
        while (pos < len && sx_match(RX_ORDWORD, t, len, pos, &ov) > 0) {
            size_t s0 = ov[0], e0 = ov[1];
            pos = e0 > s0 ? e0 : s0 + 1;
            num_dec v;
            if (in_spans(ds, ndates, s0, e0) || !ordinal_word(t + s0, e0 - s0, &v))
                continue;
            scan_item *it = sx_push(&c);
            if (!it) { err = AC_ERR_NOMEM; free(ds); goto done; }
            it->kind = SCAN_NUMBER;
            it->start = s0;
            it->end = e0;
            it->num_start = s0;
            it->value = v;
            it->ordinal = 1;
        }
    }
    free(ds);

    if (c.nit)
        qsort(c.it, c.nit, sizeof *c.it, cmp_item);
    if ((want & SCAN_MASK(SCAN_PERIOD)) && !(want & SCAN_MASK(SCAN_AMOUNT)))
        fold_ranges(&c);

    /* 4. filter and copy to the arena */
    size_t keep = 0;
    for (size_t i = 0; i < c.nit; i++)
        if (want & SCAN_MASK(c.it[i].kind))
            keep++;
    if (keep) {
        scan_item *out = arena_alloc(a, keep * sizeof *out);
        if (!out) { err = AC_ERR_NOMEM; goto done; }
        size_t k = 0;
        for (size_t i = 0; i < c.nit; i++)
            if (want & SCAN_MASK(c.it[i].kind))
                out[k++] = c.it[i];
        *items = out;
        *n_items = keep;
    }
done:
    free(ex);
    free(c.it);
    return err;
}

scan_lang scan_detect_lang(const char *text, size_t len)
{
    static const char *const fr[] = {" le ", " la ", " les ", " des ", " et ",
                                     " du ", " une ", " est ", " pour ", " dans "};
    static const char *const en[] = {" the ", " and ", " of ", " to ", " is ",
                                     " for ", " with ", " that ", " was ", " on "};
    size_t nfr = 0, nen = 0;
    if (!text)
        return SCAN_LANG_FR;
    size_t lim = len > (1u << 20) ? (1u << 20) : len;
    for (size_t i = 0; i < lim; i++) {
        if (text[i] != ' ')
            continue;
        for (size_t k = 0; k < sizeof fr / sizeof fr[0]; k++) {
            size_t l = strlen(fr[k]);
            if (i + l <= lim && strncasecmp(text + i, fr[k], l) == 0)
                nfr++;
        }
        for (size_t k = 0; k < sizeof en / sizeof en[0]; k++) {
            size_t l = strlen(en[k]);
            if (i + l <= lim && strncasecmp(text + i, en[k], l) == 0)
                nen++;
        }
    }
    return nen > 2 * nfr + 2 ? SCAN_LANG_EN : SCAN_LANG_FR;
}

void scan_date_format(char *b, size_t sz, scan_date d)
{
    if (d.year && d.month && d.day)
        snprintf(b, sz, "%04d-%02d-%02d", d.year, d.month, d.day);
    else if (d.year && d.month)
        snprintf(b, sz, "%04d-%02d", d.year, d.month);
    else if (d.year)
        snprintf(b, sz, "%04d", d.year);
    else if (d.month && d.day)
        snprintf(b, sz, "--%02d-%02d", d.month, d.day);
    else if (d.month)
        snprintf(b, sz, "--%02d", d.month);
    else
        snprintf(b, sz, "..");
}
