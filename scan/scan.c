/*
 * scan.c — the scanner: money amounts, percentages, counts and bare numbers
 * (dates and periods are in scan_date.c), found with PCRE2 and valued with
 * the exact normaliser of scan_number.c.
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
 *      scan_number.c and then classified by what stands around it, with anchored
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
 * Invariants.  Patterns are compiled by scan_new() into the caller's
 * scanner, with JIT; its one match data block is reused; every look-behind
 * window is bounded (64 bytes) and every look-ahead pattern anchored, so the
 * cost is linear in the text.  No recursion.  No global state: a scanner
 * per thread lets threads scan documents at once.
 *
 * Memory.  Work vectors are malloc'ed and freed before return; the returned
 * items live in the caller's arena; scan_item.unit points to static strings.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scan.h"
#include "../read/read_text.h"
#include "scan_int.h"
#include "../base/vec.h"
#include "../base/utf8.h"

/* Match a \z-terminated pattern over the window ending at end (at most
 * 64 bytes, starting on a character boundary).  Returns rc and the match
 * start in *ms (absolute). */
static int match_before(scan_ctx *sx, const char *t, size_t end, int id, size_t win,
                        size_t *ms, const size_t **ov)
{
    size_t ws = end > win ? end - win : 0;
    while (ws < end && ((unsigned char)t[ws] & 0xC0) == 0x80)
        ws++;
    int rc = scan_match(sx, id, t + ws, end - ws, 0, ov);
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

/* -------------------------------------------------------- helpers of classify */

typedef struct {
    size_t ts, te;          /* the token */
    int words;              /* spelled out */
    scan_num_dec v;
} token;

static void set_cur(scan_item *it, const char *t, const size_t *ov, int rc,
                    int base)
{
    for (int g = base; g < rc && (size_t)(g - base) < scan_n_cur; g++) {
        if (ov[2 * g] == PCRE2_UNSET)
            continue;
        const scan_cur_def *cd = &scan_cur_tab[g - base];
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
static int apply_scale(const char *t, const size_t *ov, int lang_en, scan_num_dec *v)
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
        scan_num_dec twelve = {12, 0};
        return scan_num_mul(v, twelve);
    }
    if (e < 0)
        return 0;
    return scan_num_mul_pow10(v, e);
}

/* Is the scale word of a RX_A_SCALE match one apply_scale knows (so that a
 * failure there is an overflow, not an unknown word)? */
static int scale_word_known(const char *t, const size_t *ov)
{
    scan_num_dec one = {1, 0};
    return apply_scale(t, ov, 1, &one);
}

/* Spelled-out ordinal ("deuxième") -> value, 0 if not one. */
static int ordinal_word(const char *s, size_t l, scan_num_dec *v)
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
    if (scan_number_words(b, k, v)) return 1;
    if (k > 0 && b[k - 1] == 'v') { b[k - 1] = 'f'; if (scan_number_words(b, k, v)) return 1; b[k - 1] = 'v'; }
    if (k > 1 && b[k - 1] == 'u' && b[k - 2] == 'q') { if (scan_number_words(b, k - 1, v)) return 1; }
    b[k] = 'e';
    b[k + 1] = '\0';
    return scan_number_words(b, k + 1, v);
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


/* ------------------------------------------------------ classification
 *
 * classify() reads one number token in its context.  It is a sequence of
 * named rules over one `figure` (the token, what it has consumed so far and
 * the item being built); each rule either rejects the token (a code, a
 * label, list numbering), decides the figure's kind, or refines it.  The
 * order is the order of the reading: sign and glued prefix, glued suffix,
 * labels, then after the number: scale, percent, currency, cents, counted
 * noun, ellipses; last the sign of accounting brackets and the qualifiers.
 */

/* Look-behind windows, in bytes: each holds the longest cue of its pattern
 * with its spaces ("dollars des États-Unis", "ne pouvant atteindre un coût
 * maximal de" plus two adverbs). */
enum {
    WIN_GLUED_CUR = 24,   /* a currency glued to the digits: "US$4.7"     */
    WIN_CUR_BEFORE = 32,  /* a currency before the number: "USD \$712"    */
    WIN_SKIP = 40,        /* "résolution", "n°", "pilier" ...            */
    WIN_PCT_BEFORE = 48,  /* "pourcentage de la"                          */
    WIN_QUAL = 96,        /* qualifier cues, the longest of all           */
};
/* List numbering ("3. Gao") only numbers short lists. */
#define LIST_NUMBER_MAX 100
/* An elliptic count ("et 102 en cours") continues a count of the same
 * sentence, at most this many bytes after it. */
#define ELLIPSIS_MAX_GAP 200
/* "dont 12 à Gao et 9 à Mopti": a place and "et" between two parts. */
#define PART_CHAIN_MAX_GAP 60
/* "45 projets à impact rapide en Ituri, dont 12": words between the count
 * and its ", dont", at most this many bytes. */
#define PART_LEAD_MAX 60
/* "dont" / "of which" follows the amount it splits closely. */
#define PART_CUE_MAX_GAP 48
/* A four-digit integer in this range, with no unit, is a year. */
#define YEAR_MIN 1900
#define YEAR_MAX 2099
/* Qualifier cues may stack ("plafonné à environ"): at most this many. */
#define QUAL_STACK_MAX 3

typedef struct {
    scan_run *c;
    scan_ctx *sx;         /* c->sx: the patterns and their match data     */
    const char *t;
    size_t n;
    int lang_en;
    const token *tk;
    size_t ts, te;        /* the token; te grows over a glued ordinal     */
    size_t ns;            /* start including a sign before the token      */
    size_t pstart;        /* start of the code point before the token     */
    unsigned pc;          /* that code point                              */
    scan_num_dec v;
    int neg, scaled, cur_after, out_of_range;
    int kind;             /* scan_kind, -1 until a rule decides           */
    size_t q;             /* end of what the figure has consumed so far   */
    scan_item it;
} figure;

/* Is the token grouped in thousands ("1 500 000", "25.000", "25'000";
 * "1,500" only in English)? */
static int token_grouped(const figure *f)
{
    const char *t = f->t;
    for (size_t i = f->ts; i < f->te; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch >= '0' && ch <= '9')
            continue;
        if (ch == ',' && !f->lang_en)
            continue;
        size_t j = i;
        while (j < f->te && !(t[j] >= '0' && t[j] <= '9'))
            j++;
        size_t d = j;
        while (d < f->te && t[d] >= '0' && t[d] <= '9')
            d++;
        if (d - j == 3)
            return 1;
        i = j - 1;
    }
    return 0;
}

/* The reading of the digits before a scale: a lone '.' is then the decimal
 * mark even before three digits ("2.174T", "$7.3m", "1.234 million"); a
 * minus sign is folded into the value. */
static scan_num_dec scaled_reading(figure *f)
{
    scan_num_dec sv = f->v;
    if (!f->tk->words) {
        int ndot = 0, ncom = 0;
        for (size_t i = f->ts; i < f->te; i++) {
            ndot += f->t[i] == '.';
            ncom += f->t[i] == ',';
        }
        scan_num_dec dv;
        if (ndot == 1 && ncom == 0 &&
            scan_number_digits(f->t + f->ts, f->te - f->ts, 1, &dv))
            sv = dv;
        if (f->neg && sv.mant > 0)
            sv.mant = -sv.mant, f->neg = 0;
    }
    return sv;
}

/* A currency stated right before the figure (ending at ns)?  Sets *ms and
 * *ov as match_before does. */
static int currency_before(const figure *f, size_t *ms, const size_t **ov)
{
    return match_before(f->sx, f->t, f->ns, RX_B_CUR, WIN_CUR_BEFORE, ms, ov);
}

/* English money shorthand: a lowercase "m" for million is a scale only on
 * money ("$3m", "£3m", "3m dollars"; "3 m" alone is three metres).  Returns
 * the end of the "m", 0 if there is none. */
static size_t money_m_scale(const figure *f, size_t at)
{
    const size_t *ov;
    size_t ms;
    if (scan_match(f->sx, RX_A_MSCALE, f->t, f->n, at, &ov) <= 0)
        return 0;
    size_t e = ov[1];
    if (scan_match(f->sx, RX_A_CUR, f->t, f->n, e, &ov) > 0 ||
        currency_before(f, &ms, &ov) > 0)
        return e;
    return 0;
}

/* A franc abbreviation after a grouped number ("1 500 000 F", "25.000 frs"):
 * the CFA franc of the country, as FCFA is.  Returns its end, 0 if none. */
static size_t franc_abbrev(const figure *f, size_t at)
{
    const size_t *ov;
    if (f->tk->words || !token_grouped(f))
        return 0;
    if (scan_match(f->sx, RX_A_FRANC, f->t, f->n, at, &ov) <= 0)
        return 0;
    return ov[1];
}

/* Rule: a sign or a glued prefix before the digits.  "-12" and "− 12" are
 * negative, "moins 1200000" too as a whole phrase; "MLI-801" and "QIP2" are
 * codes; "US$4.7" is money.  Returns 0 to reject the token. */
static int rule_sign_and_prefix(figure *f)
{
    const char *t = f->t;
    const size_t *ov;
    size_t ms;
    unsigned pc = f->pc;
    if (f->tk->words) {
        /* "moins"/"minus"/"negative" inside the token */
        char ch = t[f->ts] | 0x20;
        if ((ch == 'm' && (t[f->ts + 1] | 0x20) == 'o') || ch == 'n' ||
            (ch == 'm' && (t[f->ts + 1] | 0x20) == 'i'))
            f->neg = f->v.mant < 0;
        return 1;
    }
    if (pc == '-' || pc == 0x2212) {
        size_t p2;
        unsigned pp = prev_cp(t, f->pstart, &p2);
        if (!is_alnum_cp(pp) && pp != '-' && pp != '/' && pp != '.') {
            f->neg = 1;
            f->ns = f->pstart;
        } else if (!(pp >= '0' && pp <= '9')) {
            return 0;                  /* MLI-801: a code */
        }                              /* 10-20: the end of a range */
    } else if (pc == ' ' && f->ts >= 2 && f->ts - 2 == 0 && t[0] == '-') {
        f->neg = 1;                    /* "- 1.200.000" at the start */
        f->ns = 0;
    } else if (pc == ' ' && neg_word_prefix(t, f->ts)) {
        f->neg = 1;                    /* "moins 1200000" as a whole phrase */
        f->ns = 0;
    } else if (pc == '.' || pc == ',') {
        size_t p2;
        if (is_alnum_cp(prev_cp(t, f->pstart, &p2)))
            return 0;                  /* "v1.2", "art.3" */
    } else if (pc == '/') {
        return 0;                      /* "2/3" parts of a code or date */
    } else if (is_alnum_cp(pc) || pc == '_' || pc == '@' || pc == '#' ||
               pc == '\\' || pc == '$' || pc == 0x20AC || pc == 0xA3 ||
               pc == 0xA5) {
        /* glued to what stands before: only a currency may be */
        if (match_before(f->sx, t, f->ts, RX_B_CUR, WIN_GLUED_CUR, &ms, &ov) <= 0 ||
            ov[1] != f->ts)
            return 0;
    }
    return 1;
}

/* Rule: four digits glued to "/" and a digit after them, which no date or
 * fiscal-year pattern took ("2004/0223(COD)", "2019/454"), are the start
 * of a reference number: no figure, no year.  1 to reject the token. */
static int rule_slash_reference(const figure *f)
{
    return !f->tk->words && f->te - f->ts == 4 && f->te + 1 < f->n && f->t[f->te] == '/' &&
           f->t[f->te + 1] >= '0' && f->t[f->te + 1] <= '9';
}

enum { GLUE_OK, GLUE_REJECT, GLUE_ORDINAL };

/* Rule: letters glued after the digits.  "1er", "11ème" are ordinals;
 * "12.1M", "3%", "50USD", "$3m", "25.000F" are units; anything else
 * ("2v38IS9", "QIP2a") makes a code. */
static int rule_glued_suffix(figure *f)
{
    const size_t *ov;
    if (f->tk->words || !is_letter(next_cp(f->t, f->n, f->te)))
        return GLUE_OK;
    if (scan_match(f->sx, RX_A_GLUED_ORD, f->t, f->n, f->te, &ov) > 0 &&
        f->v.scale == 0 && f->v.mant > 0) {
        f->te = ov[1];
        return GLUE_ORDINAL;
    }
    if ((scan_match(f->sx, RX_A_SCALE, f->t, f->n, f->te, &ov) > 0 && ov[0] == f->te) ||
        scan_match(f->sx, RX_A_CUR, f->t, f->n, f->te, &ov) > 0 ||
        scan_match(f->sx, RX_A_PCT, f->t, f->n, f->te, &ov) > 0 ||
        money_m_scale(f, f->te) || franc_abbrev(f, f->te))
        return GLUE_OK;
    return GLUE_REJECT;
}

/* Rule: a grouping that breaks the rules on money ("238 415 62 dollars":
 * a last group of two digits).  The whole phrase is one amount whose value
 * is not to be used (out_of_range, malformed); never the "62" alone.
 * Returns 1 when it applied. */
/* A group of one to three digits one space before the number that the
 * grouping did not take ("12 34 567 USD", "1 2345 FCFA"): the start of that
 * group, or SIZE_MAX.  A year before an amount ("2019 45 000 USD") has four
 * digits and is not such a group. */
static size_t short_group_before(const figure *f)
{
    const char *t = f->t;
    size_t s = f->ts;
    if (s < 2 || t[s - 1] != ' ' || t[s - 2] < '0' || t[s - 2] > '9')
        return SIZE_MAX;
    size_t k = s - 1, nd = 0;
    while (k > 0 && t[k - 1] >= '0' && t[k - 1] <= '9' && nd < 4) {
        k--;
        nd++;
    }
    if (nd < 1 || nd > 3 || (k > 0 && (t[k - 1] == ',' || t[k - 1] == '.' ||
                                       (t[k - 1] >= '0' && t[k - 1] <= '9'))))
        return SIZE_MAX;
    return k;
}

static int rule_bad_grouping(figure *f)
{
    const size_t *ov;
    const char *t = f->t;
    if (f->tk->words)
        return 0;
    size_t head = short_group_before(f), tail;
    if (head != SIZE_MAX) {
        tail = f->te;                  /* "12 34 567 USD": the head is wrong */
    } else {
        if (!token_grouped(f))
            return 0;
        int spaced = 0;                /* grouped by spaces, like the tail */
        for (size_t i = f->ts; i < f->te; i++)
            if (t[i] == ' ' || (unsigned char)t[i] >= 0xC2)
                spaced = 1;
        if (!spaced || scan_match(f->sx, RX_A_BADTAIL, t, f->n, f->te, &ov) <= 0)
            return 0;
        tail = ov[1];
    }
    size_t ms;
    int rc = scan_match(f->sx, RX_A_CUR, t, f->n, tail, &ov);
    if (rc > 0) {
        set_cur(&f->it, t, ov, rc, 1);
        f->q = ov[1];
    } else if (scan_match(f->sx, RX_A_SCALE, t, f->n, tail, &ov) > 0 && ov[2] == PCRE2_UNSET) {
        f->q = ov[1];                  /* "238 415 62 millions" */
    } else if ((rc = currency_before(f, &ms, &ov)) > 0) {
        set_cur(&f->it, t, ov, rc, 1);
        f->it.start = ms;
        f->q = tail;
    } else {
        return 0;
    }
    f->kind = SCAN_AMOUNT;
    f->out_of_range = 1;
    f->it.malformed = 1;
    f->v = (scan_num_dec){0, 0};
    if (head != SIZE_MAX && head < f->it.start)
        f->it.start = head;
    return 1;
}

/* Rule: a percent sign or word before the number ("%57,3", "pourcentage
 * de vingt"). */
static void rule_percent_before(figure *f)
{
    const size_t *ov;
    size_t ms;
    if (f->pc == '%') {
        f->kind = SCAN_PERCENT;
        f->it.start = f->pstart;
    } else if (match_before(f->sx, f->t, f->ns, RX_B_PCT, WIN_PCT_BEFORE, &ms, &ov) > 0) {
        f->kind = SCAN_PERCENT;
        f->it.start = ms;
    }
}

/* Rule: a scale after the number ("11,9 millions", "12.1M", "450k",
 * "$3m"); a known scale that overflows flags the figure out of range. */
static void rule_scale(figure *f)
{
    const size_t *ov;
    if (scan_match(f->sx, RX_A_SCALE, f->t, f->n, f->q, &ov) > 0) {
        scan_num_dec sv = scaled_reading(f);
        if (apply_scale(f->t, ov, f->lang_en, &sv)) {
            f->v = sv;
            f->q = ov[1];
            f->scaled = 1;
        } else if (scale_word_known(f->t, ov)) {
            /* "99999999999 milliards": too large to hold exactly */
            f->q = ov[1];
            f->scaled = 1;
            f->out_of_range = 1;
        }
        return;
    }
    size_t me = money_m_scale(f, f->q);
    if (me) {
        scan_num_dec sv = scaled_reading(f);
        if (scan_num_mul_pow10(&sv, 6))
            f->v = sv;
        else
            f->out_of_range = 1;
        f->q = me;
        f->scaled = 1;
    }
}

/* Rule: a percent sign or word after the number ("28%", "Quinze pour
 * cent"). */
static void rule_percent_after(figure *f)
{
    const size_t *ov;
    if (scan_match(f->sx, RX_A_PCT, f->t, f->n, f->q, &ov) > 0) {
        f->kind = SCAN_PERCENT;
        f->q = ov[1];
    }
}

/* Is t[open] '(' the first thing of the text, and t[close..n) blank: a bare
 * bracketed figure, as a statement writes a negative? */
static int bare_brackets(const char *t, size_t n, size_t open, size_t close)
{
    for (size_t i = 0; i < open; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return 0;
    for (size_t i = close; i < n; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r' && t[i] != '\n')
            return 0;
    return 1;
}

/* Rule: the currency, after the number (also after an accounting bracket,
 * "(7.92) USD"; also a franc abbreviation after a grouped number), else
 * before it ("USD 838.354,11", "-$123.46M"). */
static void rule_currency(figure *f)
{
    const char *t = f->t;
    const size_t *ov;
    size_t ms, fe;
    int rc = scan_match(f->sx, RX_A_CUR, t, f->n, f->q, &ov);
    if (rc <= 0 && f->q < f->n && t[f->q] == ')' && f->pc == '(') {
        /* "(7.92) USD": negative only as a bare statement figure */
        rc = scan_match(f->sx, RX_A_CUR, t, f->n, f->q + 1, &ov);
        if (rc > 0 && f->c->o->accounting &&
            bare_brackets(t, f->n, f->pstart, ov[1])) {
            f->neg = 1;
            f->it.start = f->pstart;
        }
    }
    if (rc > 0) {
        set_cur(&f->it, t, ov, rc, 1);
        f->kind = SCAN_AMOUNT;
        f->q = ov[1];
        f->cur_after = 1;
    } else if ((fe = franc_abbrev(f, f->q)) != 0) {
        memcpy(f->it.currency, "XOF", 4);
        f->it.currency_ambiguous = 1;  /* XOF or XAF: the country decides */
        f->kind = SCAN_AMOUNT;
        f->q = fe;
        f->cur_after = 1;
    }
    rc = currency_before(f, &ms, &ov);
    if (rc > 0) {
        if (!f->cur_after)
            set_cur(&f->it, t, ov, rc, 1);
        f->kind = SCAN_AMOUNT;
        f->it.start = ms;
        /* sign before the currency: "-$123.46M" */
        size_t p2;
        unsigned pp = prev_cp(t, ms, &p2);
        if (pp == '-' || pp == 0x2212) {
            size_t p3;
            if (!is_alnum_cp(prev_cp(t, p2, &p3))) {
                f->neg = 1;
                f->it.start = p2;
            }
        }
    }
}

/* Rule: cents after a whole amount ("1 USD et 23 centimes", "15 dollars
 * 50", "$20 43"): a cents word, or one or two digits that end the line. */
static void rule_cents(figure *f)
{
    const char *t = f->t;
    const size_t *ov;
    scan_num_dec v = f->v;
    int rc = scan_match(f->sx, RX_A_CENTS, t, f->n, f->q, &ov);
    if (rc <= 0)
        return;
    int has_word = rc > 2 && ov[4] != PCRE2_UNSET;
    size_t ce = ov[1];
    size_t k = ce;
    while (k < f->n && (t[k] == ' ' || t[k] == '\t'))
        k++;
    int at_end = k >= f->n || t[k] == '\n' || t[k] == '\r';
    if (!has_word && !at_end)
        return;
    int cents = scan_parse_int(t + ov[2], ov[3] - ov[2]);  /* 1-2 digits: 0..99 */
    if (ov[3] - ov[2] == 1 && !has_word)
        cents *= 10;                   /* "15 dollars 5" = 15.50 */
    if (v.mant >= 0 && v.mant <= (INT64_MAX - 99) / 100) {
        f->v.mant = v.mant * 100 + cents;
        f->v.scale = 2;
        f->q = ce;
    }
}

/* Rule: the counted noun, maybe after one or two adjectives ("12 nouveaux
 * projets"; in English any one lowercase word: "420 temporary jobs"). */
static void rule_counted_noun(figure *f)
{
    const size_t *ov;
    int rc = scan_match(f->sx, RX_A_NOUN, f->t, f->n, f->q, &ov);
    if (rc <= 0 && f->lang_en)
        rc = scan_match(f->sx, RX_A_NOUN_EN, f->t, f->n, f->q, &ov);
    if (rc <= 0)
        return;
    size_t noun_start = 0;
    for (int g = 1; g < rc; g++)
        if (ov[2 * g] != PCRE2_UNSET && (size_t)(g - 1) < scan_n_noun) {
            f->it.unit = scan_noun_tab[g - 1];
            noun_start = ov[2 * g];
            break;
        }
    /* a year is never counted through an adjective: "In 2017 new
     * projects were ..." */
    if (f->it.unit && has_adjective(f->t, f->q, noun_start) && !f->tk->words &&
        !f->scaled && f->v.scale == 0 && f->te - f->ts == 4 &&
        f->v.mant >= YEAR_MIN && f->v.mant <= YEAR_MAX)
        f->it.unit = NULL;
    if (f->it.unit) {
        f->kind = SCAN_COUNT;
        f->q = ov[1];
    }
}

/* Is the count lc close before the token, in its sentence (no ';', '!',
 * '?' or full stop between, at most ELLIPSIS_MAX_GAP bytes)? */
static int count_close_before(const figure *f, const scan_item *lc)
{
    const char *t = f->t;
    if (lc->end > f->ts || f->ts - lc->end >= ELLIPSIS_MAX_GAP)
        return 0;
    for (size_t i = lc->end; i < f->ts; i++)
        if (t[i] == ';' || t[i] == '!' || t[i] == '?' ||
            (t[i] == '.' && i + 1 < f->n && (t[i + 1] == ' ' || t[i + 1] == '\n')))
            return 0;                  /* another sentence */
    return 1;
}

/* Rule: an elliptic count, a bare number with a status word after the count
 * it continues in the same sentence ("222 projets finalisés et 102 en
 * cours", "les 19 autres en cours"). */
static void rule_elliptic_count(figure *f, size_t last_count_idx)
{
    const size_t *ov;
    if (scan_match(f->sx, RX_A_STATUS, f->t, f->n, f->q, &ov) <= 0)
        return;
    const scan_item *lc = &f->c->it[last_count_idx];
    if (!count_close_before(f, lc))
        return;
    f->kind = SCAN_COUNT;
    f->it.unit = lc->unit;
    f->q = f->te;                      /* the status word is not part of it */
}

/* Does [from,to) hold only spaces, commas and one of the words w (a whole
 * word, any case)? */
static int only_word_between(const char *t, size_t from, size_t to, const char *const *w,
                             size_t nw)
{
    size_t i = from;
    while (i < to && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == ','))
        i++;
    size_t j = to;
    while (j > i && (t[j - 1] == ' ' || t[j - 1] == '\n' || t[j - 1] == '\r' || t[j - 1] == '\t'))
        j--;
    if (j == i)
        return nw == 0;
    for (size_t k = 0; k < nw; k++)
        if (strlen(w[k]) == j - i && !strncasecmp(t + i, w[k], j - i))
            return 1;
    return 0;
}

/* Does a place follow the token: a preposition of place and a capital
 * ("12 à Gao", "9 in Ituri", "5 dans le Nord-Kivu")? */
static int place_follows(const char *t, size_t n, size_t at)
{
    static const char *const prep[] = {"à ", "au ", "aux ", "en ", "dans le ", "dans la ",
                                       "dans les ", "dans l'", "pour ", "in ", "at ", "for "};
    size_t i = skip_space(t, at, n);
    for (size_t k = 0; k < sizeof prep / sizeof *prep; k++) {
        size_t l = strlen(prep[k]);
        if (i + l < n && !strncasecmp(t + i, prep[k], l)) {
            unsigned cp = next_cp(t, n, i + l);
            return cp >= 'A' && cp <= 'Z' ? 1 : cp >= 0xC0 && cp <= 0xDE;
        }
    }
    return 0;
}

/* Rule: a count carried by ellipsis as a part of the count before it, in
 * its sentence: a bare number after "dont" / "of which" / "including"
 * ("45 projets, dont 12 à Gao"), or after "et" / "and" / a comma following
 * such a part and itself followed by a place ("... et 9 à Mopti").  It
 * takes the unit of the count it splits and is marked part_of_prev. */
static void rule_count_part(figure *f, size_t last_count_idx)
{
    static const char *const cue[] = {"dont", "of which", "including", "parmi lesquels",
                                      "parmi lesquelles"};
    static const char *const chain[] = {"et", "and", ""};
    const scan_item *lc = &f->c->it[last_count_idx];
    if (f->tk->words && f->v.mant == 1 && f->v.scale == 0)
        return;                        /* "dont un à Gao": an article */
    if (f->te - f->ts == 4 && f->v.scale == 0 && f->v.mant >= YEAR_MIN && f->v.mant <= YEAR_MAX)
        return;                        /* "dont 2019": a year */
    if (!count_close_before(f, lc) || last_count_idx + 1 != f->c->nit)
        return;                        /* the count right before it */
    int cued = 0;                      /* "45 projets [en Ituri,] dont 12" */
    for (size_t k = 0; k < sizeof cue / sizeof *cue && !cued; k++) {
        size_t l = strlen(cue[k]), e = f->ts;
        while (e > lc->end && (f->t[e - 1] == ' ' || f->t[e - 1] == '\n'))
            e--;
        if (e < lc->end + l || strncasecmp(f->t + e - l, cue[k], l))
            continue;
        size_t b = e - l;              /* the cue is a word after a comma, or alone */
        cued = only_word_between(f->t, lc->end, e, cue + k, 1) ||
               (b > lc->end && f->t[b - 1] == ' ' && b - lc->end <= PART_LEAD_MAX &&
                memchr(f->t + lc->end, ',', b - lc->end) != NULL);
        for (size_t i = lc->end; cued && i < b; i++)
            if (f->t[i] >= '0' && f->t[i] <= '9')
                cued = 0;
    }
    int chained = !cued && lc->part_of_prev && place_follows(f->t, f->n, f->te) &&
                  place_follows(f->t, f->n, lc->end) && f->ts - lc->end <= PART_CHAIN_MAX_GAP;
    if (chained) {                     /* "à Bunia et ", "in Ituri, " */
        size_t k = f->ts;
        while (k > lc->end && (f->t[k - 1] == ' ' || f->t[k - 1] == ','))
            k--;
        size_t w = k;
        while (w > lc->end && isalpha((unsigned char)f->t[w - 1]))
            w--;
        chained = only_word_between(f->t, w, f->ts, chain, sizeof chain / sizeof *chain) ||
                  (k < f->ts && f->t[k] == ',');
        for (size_t i = lc->end; chained && i < f->ts; i++)
            if (f->t[i] >= '0' && f->t[i] <= '9')
                chained = 0;
    }
    if (!cued && !chained)
        return;
    f->kind = SCAN_COUNT;
    f->it.unit = lc->unit;
    f->it.part_of_prev = 1;
}

/* Rule: a count stated as a fraction of another, after a count of its
 * sentence: "soit 120 sur 150", "41 out of 60": the first number when
 * "sur" / "out of" and a number follow it, the second when the count just
 * before it is the first.  Both take the unit of the count before. */
static void rule_count_out_of(figure *f, size_t last_count_idx)
{
    static const char *const of[] = {"sur", "out of"};
    const char *t = f->t;
    const scan_item *lc = &f->c->it[last_count_idx];
    if (f->tk->words || !count_close_before(f, lc))
        return;
    size_t i = skip_space(t, f->te, f->n), j = i;
    int before = 0;
    for (size_t k = 0; k < sizeof of / sizeof *of && !before; k++) {
        size_t l = strlen(of[k]);
        if (i + l < f->n && !strncasecmp(t + i, of[k], l) && t[i + l] == ' ') {
            j = skip_space(t, i + l, f->n);
            before = j < f->n && t[j] >= '0' && t[j] <= '9';
        }
    }
    int after = last_count_idx + 1 == f->c->nit &&
                only_word_between(t, lc->end, f->ts, of, sizeof of / sizeof *of);
    if (f->te - f->ts == 4 && f->v.scale == 0 && f->v.mant >= YEAR_MIN && f->v.mant <= YEAR_MAX)
        return;                        /* "sur 2019": a year */
    if (!before && !after)
        return;
    f->kind = SCAN_COUNT;
    f->it.unit = lc->unit;
}

/* Rule: an elliptic amount, a bare number right after "dont" / "of which"
 * following an amount, is a part of it in its scale and currency: "12,4
 * millions USD, dont 12,1 alloués à 5 projets". */
static void rule_part_of_amount(figure *f)
{
    const char *t = f->t;
    const size_t *ov;
    scan_run *c = f->c;
    const scan_item *la = &c->it[c->nit - 1];
    if (la->kind != SCAN_AMOUNT || !la->currency[0] || la->out_of_range ||
        la->end > f->ts || f->ts - la->end >= PART_CUE_MAX_GAP ||
        !part_cue(t, la->end, f->ts))
        return;
    scan_num_dec sv = f->v;
    for (size_t p = la->num_start; p < la->end; p++) {
        if (t[p] >= '0' && t[p] <= '9')
            continue;
        if (scan_match(f->sx, RX_A_SCALE, t, f->n, p, &ov) > 0 && ov[0] == p &&
            (p == 0 || (t[p - 1] >= '0' && t[p - 1] <= '9'))) {
            if (!apply_scale(t, ov, f->lang_en, &sv))
                return;
            break;
        }
    }
    f->v = sv;
    f->kind = SCAN_AMOUNT;
    memcpy(f->it.currency, la->currency, sizeof f->it.currency);
    f->it.currency_ambiguous = la->currency_ambiguous;
}

/* Is the token the lone word "un", "une", "a" or "one"? */
static int lone_article(const figure *f)
{
    if (!f->tk->words || f->scaled || f->v.mant != 1 || f->v.scale != 0)
        return 0;
    for (size_t i = f->ts; i < f->tk->te; i++)
        if (f->t[i] == ' ' || f->t[i] == '-')
            return 0;
    return 1;
}

/* Rule: with no unit, a four-digit integer is a year (when periods are
 * asked for), anything else a bare number. */
static void rule_year_or_number(figure *f)
{
    if (!f->tk->words && !f->scaled && f->v.scale == 0 && f->te - f->ts == 4 &&
        f->v.mant >= YEAR_MIN && f->v.mant <= YEAR_MAX && !f->neg &&
        (f->c->o->kinds & SCAN_MASK(SCAN_PERIOD))) {
        f->kind = SCAN_PERIOD;
        f->it.pkind = PERIOD_YEAR;
        f->it.d1.year = (int)f->v.mant;
    } else {
        f->kind = SCAN_NUMBER;
    }
}

/* Rule: money has at most two decimals.  Where the language was guessed
 * (a document, not a phrase whose language the user gave), an amount with
 * no scale word written "400,000" (one comma, then exactly three digits)
 * is four hundred thousand: "USD 400,000" in a text taken for French is
 * not 400 dollars.  With a scale word the comma stays a decimal ("1,500
 * million" is 1.5 million in French). */
static void rule_money_thousands(figure *f)
{
    size_t comma = SIZE_MAX;
    if (f->lang_en || f->tk->words || !f->c->o->lang_guessed)
        return;
    for (size_t i = f->ts; i < f->te; i++) {
        char ch = f->t[i];
        if (ch == ',' && comma == SIZE_MAX)
            comma = i;
        else if (ch < '0' || ch > '9')
            return;                     /* another separator: not this shape */
    }
    scan_num_dec v;
    if (comma == SIZE_MAX || comma - f->ts < 1 || comma - f->ts > 3 || f->te - comma - 1 != 3 ||
        !scan_number_digits(f->t + f->ts, f->te - f->ts, 1, &v))
        return;
    if (f->neg && v.mant > 0)
        v.mant = -v.mant;
    f->v = v;
}

/* Rule: accounting brackets.  Only a bare bracketed figure of a statement
 * (opts->accounting, the whole text: "(1 234,50)", "(12,50 €)",
 * "($99.99)") is negative; in running text a bracket is an aside, never a
 * minus sign. */
static void rule_accounting_brackets(figure *f)
{
    size_t open;
    if (f->neg || !f->c->o->accounting || f->kind == SCAN_COUNT ||
        prev_cp(f->t, f->it.start, &open) != '(')
        return;                 /* "(120 participants)" counts something */
    if (f->q < f->n && f->t[f->q] == ')' &&
        bare_brackets(f->t, f->n, open, f->q + 1)) {
        f->neg = 1;
        f->it.start = open;
        f->q++;
    }
}

static int qual_rank(scan_qual q)
{
    switch (q) {
    case SCAN_Q_MAX: return 3;          /* a cap stays a cap, even "about" */
    case SCAN_Q_PER_YEAR: return 2;     /* a rate stays a rate            */
    case SCAN_Q_APPROX: return 1;
    default: return 0;
    }
}

/* The qualifier of a cue match of RX_B_QUAL or RX_A_QUAL (group 1 approx,
 * group 2 max, group 3 per year). */
static scan_qual cue_qual(const size_t *ov, int rc)
{
    if (ov[2] != PCRE2_UNSET)
        return SCAN_Q_APPROX;
    if (rc > 2 && ov[4] != PCRE2_UNSET)
        return SCAN_Q_MAX;
    return SCAN_Q_PER_YEAR;
}

/* Does a figure start at t[at..] after spaces: a digit or a currency
 * sign ("about €2.7m", "environ 7,9 milliards")? */
static int figure_follows(const char *t, size_t n, size_t at)
{
    while (at < n && t[at] == ' ')
        at++;
    if (at >= n)
        return 0;
    unsigned char ch = (unsigned char)t[at];
    return (ch >= '0' && ch <= '9') || ch == '$' ||
           (at + 2 < n && !memcmp(t + at, "\xE2\x82\xAC", 3)) ||
           (at + 1 < n && !memcmp(t + at, "\xC2\xA3", 2));
}

/* The qualifier of the figure t[start..end): the cues right before it
 * (stacked: "plafonné à environ", "budget annuel d'environ") and the cue
 * right after; the strongest wins (max, then per_year, then approx). */
static scan_qual figure_qualifier(scan_ctx *sx, const char *t, size_t n, size_t start,
                                  size_t end)
{
    const size_t *ov;
    size_t ms;
    scan_qual best = SCAN_Q_EXACT;
    size_t at = start;
    for (int k = 0; k < QUAL_STACK_MAX; k++) {
        int rc = match_before(sx, t, at, RX_B_QUAL, WIN_QUAL, &ms, &ov);
        if (rc <= 0)
            break;
        scan_qual q = cue_qual(ov, rc);
        if (qual_rank(q) > qual_rank(best))
            best = q;
        if (ms >= at)
            break;
        at = ms;
    }
    int rc = scan_match(sx, RX_A_QUAL, t, n, end, &ov);
    if (rc > 0 && figure_follows(t, n, ov[1]))
        rc = 0;                     /* "$3m (about €2.7m)": the next one's */
    if (rc > 0) {
        scan_qual q = cue_qual(ov, rc);
        if (qual_rank(q) > qual_rank(best))
            best = q;
    }
    return best;
}

/* "1er", "2e": an ordinal glued to its digits is a number, when numbers
 * are asked for. */
static size_t push_glued_ordinal(figure *f)
{
    if (!(f->c->o->kinds & SCAN_MASK(SCAN_NUMBER)))
        return f->te;
    scan_item *it = scan_push(f->c);
    if (!it)
        return f->te;
    it->kind = SCAN_NUMBER;
    it->start = it->num_start = f->ts;
    it->end = f->te;
    it->value = f->v;
    it->ordinal = 1;
    return f->te;
}

/* Is the token a label rather than a quantity: list numbering at the start
 * of a line (unless it is the whole text), or after "résolution", "n°"? */
static int label_number(const figure *f)
{
    const size_t *ov;
    if (!f->tk->words && f->v.scale == 0 && f->v.mant < LIST_NUMBER_MAX &&
        list_number(f->t, f->n, f->ts, f->te) && !(f->ts == 0 && f->te + 1 >= f->n))
        return 1;
    return match_before(f->sx, f->t, f->ns, RX_B_SKIP, WIN_SKIP, NULL, &ov) > 0;
}

/* The rules that decide what the figure is, strongest first; 0 when it is
 * no figure ("un", "a", "one" alone are articles). */
static int apply_rules(figure *f, size_t last_count_idx, int have_last_count)
{
    if (rule_bad_grouping(f))
        return 1;
    rule_percent_before(f);
    if (f->kind < 0)
        rule_scale(f);
    if (f->kind < 0 && !f->scaled)
        rule_percent_after(f);
    if (f->kind < 0)
        rule_currency(f);
    if (f->kind == SCAN_AMOUNT && !f->scaled)
        rule_money_thousands(f);
    if (f->kind == SCAN_AMOUNT && !f->scaled && f->v.scale == 0)
        rule_cents(f);
    if (f->kind < 0)
        rule_counted_noun(f);
    if (f->kind < 0 && have_last_count && !f->scaled)
        rule_elliptic_count(f, last_count_idx);
    if (f->kind < 0 && have_last_count && !f->scaled)
        rule_count_part(f, last_count_idx);
    if (f->kind < 0 && have_last_count && !f->scaled)
        rule_count_out_of(f, last_count_idx);
    if (f->kind < 0 && !f->scaled && !f->tk->words && f->c->nit > 0)
        rule_part_of_amount(f);
    if (f->kind == SCAN_COUNT && lone_article(f))
        return 0;
    if (f->kind < 0)
        rule_year_or_number(f);
    rule_accounting_brackets(f);
    return 1;
}

/* Classify one token; may push one item.  Returns the end of what was
 * consumed (>= te), or te when nothing was produced. */
static size_t classify(scan_run *c, const token *tk, size_t last_count_idx,
                       int have_last_count)
{
    figure f;
    memset(&f, 0, sizeof f);
    f.c = c;
    f.sx = c->sx;
    f.t = c->t;
    f.n = c->n;
    f.lang_en = c->o->lang == SCAN_LANG_EN;
    f.tk = tk;
    f.ts = f.ns = tk->ts;
    f.te = tk->te;
    f.v = tk->v;
    f.kind = -1;
    f.pc = prev_cp(f.t, f.ts, &f.pstart);

    if (!rule_sign_and_prefix(&f) || rule_slash_reference(&f))
        return f.te;
    int glue = rule_glued_suffix(&f);
    if (glue == GLUE_REJECT)
        return f.te;
    if (glue == GLUE_ORDINAL)
        return push_glued_ordinal(&f);
    if (label_number(&f))
        return f.te;
    f.it.start = f.ns;
    f.it.num_start = f.ts;
    f.it.end = f.te;
    f.q = f.te;
    if (!apply_rules(&f, last_count_idx, have_last_count))
        return f.te;
    if (f.neg && f.v.mant > 0)
        f.v.mant = -f.v.mant;
    f.it.kind = (scan_kind)f.kind;
    f.it.out_of_range = f.out_of_range;
    f.it.value = f.v;
    f.it.end = f.q;
    if (f.kind == SCAN_AMOUNT || f.kind == SCAN_PERCENT || f.kind == SCAN_COUNT ||
        f.kind == SCAN_NUMBER)
        f.it.qual = figure_qualifier(f.sx, f.t, f.n, f.it.start, f.it.end);
    scan_item *p = scan_push(c);
    if (!p)
        return f.te;
    *p = f.it;
    return f.q;
}


/* ------------------------------------------------------------- fractions */

/* The denominator of a fraction noun ("moitié" 2, "quarts" 4), 0 if none;
 * *ordinal: an ordinal noun, a fraction only after a numerator. */
static int fraction_den(const char *w, int *ordinal)
{
    static const struct { const char *stem; int den; int ordinal; } nouns[] = {
        {"moiti", 2, 0}, {"half", 2, 0}, {"tiers", 3, 0}, {"quart", 4, 0},
        {"third", 3, 1}, {"quarter", 4, 1}, {"cinqui", 5, 1}, {"fifth", 5, 1},
        {"dixi", 10, 1}, {"tenth", 10, 1},
    };
    for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
        if (!strncasecmp(w, nouns[k].stem, strlen(nouns[k].stem))) {
            *ordinal = nouns[k].ordinal;
            return nouns[k].den;
        }
    return 0;
}

/* The value of the numerator word w[0..l), 0 if it is none. */
static int fraction_num(const char *w, size_t l)
{
    static const struct { const char *w; int v; } numer[] = {
        {"un", 1}, {"une", 1}, {"a", 1}, {"one", 1}, {"deux", 2}, {"two", 2},
        {"trois", 3}, {"three", 3}, {"quatre", 4}, {"four", 4}, {"cinq", 5},
        {"five", 5}, {"six", 6}, {"sept", 7}, {"seven", 7}, {"huit", 8},
        {"eight", 8}, {"neuf", 9}, {"nine", 9},
    };
    for (size_t k = 0; k < sizeof numer / sizeof *numer; k++)
        if (l == strlen(numer[k].w) && !strncasecmp(w, numer[k].w, l))
            return numer[k].v;
    return 0;
}

/* The numerator of the last RX_FRACTION match, 0 when it is no share.
 * Without a numerator word: "la moitié", "le quart", "half of" only. */
static int fraction_numerator(const scan_run *c, int den, int ordinal)
{
    size_t s, e, ws, we;
    int num = scan_group(c->sx, "numer", &s, &e) ? fraction_num(c->t + s, e - s) : 0;
    if (num)
        return num < den ? num : 0;
    int has_det = scan_group(c->sx, "det", &s, &e);
    if (!scan_group(c->sx, "noun", &ws, &we))
        return 0;
    if (ordinal || scan_group(c->sx, "plural", &s, &e) || (!has_det && den != 2) ||
        (!has_det && strncasecmp(c->t + ws, "half", 4) != 0))
        return 0;
    return 1;
}

/* The share num/den at [s0, e0) as a percentage, in points with two
 * decimals; approx when rounded (a third) or cued ("un peu plus du
 * quart"). */
static void push_fraction(scan_run *c, size_t s0, size_t e0, int num, int den)
{
    const size_t *ov;
    size_t ms;
    scan_item *it = scan_push(c);
    if (!it)
        return;
    it->kind = SCAN_PERCENT;
    it->start = it->num_start = s0;
    it->end = e0;
    int64_t hundredths = ((int64_t)num * 10000 * 2 + den) / (2 * den);
    it->value = (scan_num_dec){hundredths, 2};
    int exact = ((int64_t)num * 10000) % den == 0;
    scan_qual q = figure_qualifier(c->sx, c->t, c->n, s0, e0);
    if (match_before(c->sx, c->t, s0, RX_B_FRAC_Q, WIN_QUAL, &ms, &ov) > 0 &&
        qual_rank(SCAN_Q_APPROX) > qual_rank(q))
        q = SCAN_Q_APPROX;         /* "un peu plus du quart" */
    if (!exact && qual_rank(SCAN_Q_APPROX) > qual_rank(q))
        q = SCAN_Q_APPROX;         /* a third, rounded */
    it->qual = q;
}

/* Shares written as fractions in words: "la moitié du budget" (50), "le
 * quart des projets" (25), "les deux tiers" (66.67), "a third of the funds"
 * (33.33), "un peu plus du quart" (25, approx).  They are percentages like
 * "28 %".  A third has no exact decimal: thirds are rounded to two decimals
 * and marked approx.  An ordinal noun ("cinquième", "third", "quarter")
 * is a fraction only after a numerator ("un cinquième", "two thirds"; "la
 * cinquième phase", "the third project" are ordinals); "les tiers" (third
 * parties) needs a numerator too.  Words glossed by the exact share
 * ("près de la moitié des Maliens : 46,8%") are a rounding of it, not a
 * second figure. */
void scan_fractions(scan_run *c)
{
    const size_t *ov;
    size_t pos = 0;
    while (pos < c->n && scan_match(c->sx, RX_FRACTION, c->t, c->n, pos, &ov) > 0) {
        size_t s0 = ov[0], e0 = ov[1], ws, we;
        pos = e0 > s0 ? e0 : s0 + 1;
        int ordinal = 0;
        int den = scan_group(c->sx, "noun", &ws, &we) ? fraction_den(c->t + ws, &ordinal) : 0;
        int num = den ? fraction_numerator(c, den, ordinal) : 0;
        /* "près de la moitié des Maliens : 46,8%": the words round the
         * exact share glossed right after them; that share is the figure */
        if (!num || scan_match(c->sx, RX_A_FRAC_GLOSS, c->t, c->n, e0, &ov) > 0)
            continue;
        push_fraction(c, s0, e0, num, den);
        if (c->oom)
            return;
    }
}

/* ---------------------------------------------------------------- ranges */

/* Fold "entre 10 et 20 euros", "10 - 20 dollars", "au moins 10 euros",
 * "moins de 10 dollars" into PERIOD_RANGE items (work vector, in place). */
static void fold_ranges(scan_run *c)
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
        int rc = match_before(c->sx, t, a->start, RX_B_RANGE, 40, &ms, &ov);
        int g = 0;
        if (rc > 0)
            g = ov[2] != PCRE2_UNSET ? 1 : (rc > 2 && ov[4] != PCRE2_UNSET) ? 2 : 3;
        /* a closed range: a, connector, b */
        if (i + 1 < c->nit && (g == 3 || g == 0)) {
            scan_item *b = &c->it[i + 1];
            if ((b->kind == SCAN_AMOUNT || b->kind == SCAN_NUMBER) &&
                scan_match(c->sx, RX_A_RANGE_TO, t, n, a->end, &ov) > 0 &&
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


/* Start/end pairs of claimed bytes, sorted by start (see in_spans). */
typedef struct {
    size_t *v;        /* 2 * n offsets, malloc'ed */
    size_t n, cap;
} span_list;

static int in_list(const span_list *l, size_t s, size_t e)
{
    return in_spans(l->v, l->n, s, e);
}

/* The subject the patterns may match: text itself when it is valid UTF-8
 * with no NUL, else a same-length copy in a with '?' for every bad byte, so
 * that spans stay true. */
static ac_error utf8_subject(const char *text, size_t len, arena *a, const char **out)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0, l;
    *out = text;
    while (i < len && u[i] != 0 && (l = utf8_decode(u + i, len - i, NULL)))
        i += l;
    if (i >= len)
        return AC_OK;
    char *cp = arena_alloc(a, len + 1);
    if (!cp)
        return AC_ERR_NOMEM;
    i = 0;
    while (i < len) {
        if (u[i] != 0 && (l = utf8_decode(u + i, len - i, NULL))) {
            memcpy(cp + i, text + i, l);
            i += l;
        } else {
            cp[i++] = '?';
        }
    }
    *out = cp;
    return AC_OK;
}

/* URLs, e-mails, phone numbers, times, "Résolution 2085 (2012)": their
 * digits are no figures. */
static ac_error find_exclusions(scan_run *c, span_list *ex)
{
    const size_t *ov;
    size_t pos = 0;
    while (pos < c->n && scan_match(c->sx, RX_EXCL, c->t, c->n, pos, &ov) > 0) {
        void *p = ex->v;   /* pairs: one element is two offsets */
        ac_error err = vec_reserve(&p, &ex->cap, ex->n + 1, 2 * sizeof *ex->v);
        ex->v = p;
        if (err)
            return err;
        ex->v[2 * ex->n] = ov[0];
        ex->v[2 * ex->n + 1] = ov[1];
        ex->n++;
        pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return AC_OK;
}

/* Dates and periods, then shares written in words ("la moitié du budget"),
 * into the work vector (sorted); their spans, which they claim, into *ds. */
static ac_error find_dates(scan_run *c, span_list *ds)
{
    scan_dates(c);
    if (c->o->kinds & SCAN_MASK(SCAN_PERCENT))
        scan_fractions(c);
    if (c->oom)
        return AC_ERR_NOMEM;
    if (!c->nit)
        return AC_OK;
    ds->v = malloc(c->nit * 2 * sizeof *ds->v);
    if (!ds->v)
        return AC_ERR_NOMEM;
    qsort(c->it, c->nit, sizeof *c->it, scan_item_cmp);
    for (size_t i = 0; i < c->nit; i++) {
        ds->v[2 * i] = c->it[i].start;
        ds->v[2 * i + 1] = c->it[i].end;
    }
    ds->n = ds->cap = c->nit;
    return AC_OK;
}

/* A run of number words; trailing words that break the reading ("trente
 * 3") are dropped.  1 and tk->v when it reads; *pos then moves past it. */
static int read_words(const scan_run *c, token *tk, size_t *pos)
{
    const char *t = c->t;
    int ok = scan_number_words(t + tk->ts, tk->te - tk->ts, &tk->v);
    while (!ok) {
        size_t e = tk->te;
        while (e > tk->ts && t[e - 1] != ' ' && t[e - 1] != '-')
            e--;
        while (e > tk->ts && (t[e - 1] == ' ' || t[e - 1] == '-'))
            e--;
        if (e <= tk->ts)
            break;
        tk->te = e;
        ok = scan_number_words(t + tk->ts, tk->te - tk->ts, &tk->v);
    }
    if (ok)
        *pos = tk->te;
    return ok;
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* An int64 holds every decimal of this many digits exactly. */
#define EXACT_DIGITS_MAX 18

/* Digits that do not read as one number: "20 000 2014"-like is shortened
 * group by group until it reads; "1.2.3,4,5" (a dotted shape) is no number.
 * 1 when a shorter token reads; *pos then moves past it. */
static int shorten_digits(const scan_run *c, token *tk, size_t *pos)
{
    const char *t = c->t;
    for (;;) {
        size_t e = tk->te;
        while (e > tk->ts && is_digit(t[e - 1]))
            e--;
        if (e <= tk->ts || e == tk->te)
            return 0;
        /* drop the separator too */
        size_t s2 = e;
        while (s2 > tk->ts && !is_digit(t[s2 - 1]))
            s2--;
        if (s2 <= tk->ts || t[e - 1] == '.' || t[e - 1] == ',' || t[e - 1] == '\'')
            return 0;
        tk->te = s2;
        if (scan_number_digits(t + tk->ts, tk->te - tk->ts, c->o->lang == SCAN_LANG_EN, &tk->v)) {
            *pos = tk->te;
            return 1;
        }
    }
}

/* A digit token: 1 and tk->v when it reads.  More digits than an exact
 * decimal holds is still a figure, whose value cannot be used (*overflow;
 * the caller warns). */
static int read_digits(const scan_run *c, token *tk, size_t *pos, int *overflow)
{
    const char *t = c->t;
    if (scan_number_digits(t + tk->ts, tk->te - tk->ts, c->o->lang == SCAN_LANG_EN, &tk->v))
        return 1;
    size_t nd = 0;
    for (size_t i = tk->ts; i < tk->te; i++)
        nd += is_digit(t[i]);
    if (nd > EXACT_DIGITS_MAX) {
        tk->v = (scan_num_dec){0, 0};
        *overflow = 1;
        *pos = tk->te;
        return 1;
    }
    return shorten_digits(c, tk, pos);
}

/* Where the last count stands, for ellipsis ("et 102 en cours"). */
typedef struct {
    size_t consumed;       /* end of the last figure                       */
    size_t last_count;     /* its index in the work vector, if have_count */
    int have_count;
} token_walk;

/* The figures of one number token read into tk; *pos may move on. */
static void figure_of_token(scan_run *c, const token *tk, int overflow, size_t *pos,
                            token_walk *w)
{
    size_t before = c->nit;
    size_t end = classify(c, tk, w->last_count, w->have_count);
    if (c->oom)
        return;
    for (size_t k = before; overflow && k < c->nit; k++)
        c->it[k].out_of_range = 1;
    if (c->nit > before) {
        w->consumed = end;
        if (*pos < end)
            *pos = end;
        if (c->it[c->nit - 1].kind == SCAN_COUNT) {
            w->last_count = c->nit - 1;
            w->have_count = 1;
        }
    }
}

/* Number tokens left to right, outside the claimed spans, each read and
 * classified. */
static ac_error find_figures(scan_run *c, const span_list *ex, const span_list *ds)
{
    const size_t *ov;
    size_t pos = 0;
    token_walk w = {0};
    while (pos < c->n && scan_match(c->sx, RX_TOKEN, c->t, c->n, pos, &ov) > 0) {
        token tk = {.ts = ov[0], .te = ov[1], .words = ov[2] == PCRE2_UNSET};
        pos = tk.te > tk.ts ? tk.te : tk.ts + 1;
        if (tk.te == tk.ts || tk.ts < w.consumed || in_list(ex, tk.ts, tk.te) ||
            in_list(ds, tk.ts, tk.te))
            continue;
        int overflow = 0;
        if (!(tk.words ? read_words(c, &tk, &pos) : read_digits(c, &tk, &pos, &overflow)))
            continue;
        figure_of_token(c, &tk, overflow, &pos, &w);
        if (c->oom)
            return AC_ERR_NOMEM;
    }
    return AC_OK;
}

/* Ordinal words ("deuxième"), outside dates; asked only with numbers. */
static ac_error find_ordinal_words(scan_run *c, const span_list *ds)
{
    const size_t *ov;
    size_t pos = 0;
    while (pos < c->n && scan_match(c->sx, RX_ORDWORD, c->t, c->n, pos, &ov) > 0) {
        size_t s0 = ov[0], e0 = ov[1];
        pos = e0 > s0 ? e0 : s0 + 1;
        scan_num_dec v;
        if (in_list(ds, s0, e0) || !ordinal_word(c->t + s0, e0 - s0, &v))
            continue;
        scan_item *it = scan_push(c);
        if (!it)
            return AC_ERR_NOMEM;
        it->kind = SCAN_NUMBER;
        it->start = it->num_start = s0;
        it->end = e0;
        it->value = v;
        it->ordinal = 1;
    }
    return AC_OK;
}

/* The items of the kinds asked for, in text order, into the arena. */
static ac_error copy_wanted(const scan_run *c, arena *a, scan_item **items, size_t *n_items)
{
    unsigned want = c->o->kinds;
    size_t keep = 0;
    for (size_t i = 0; i < c->nit; i++)
        keep += (want & SCAN_MASK(c->it[i].kind)) != 0;
    if (!keep)
        return AC_OK;
    scan_item *out = arena_alloc(a, keep * sizeof *out);
    if (!out)
        return AC_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < c->nit; i++)
        if (want & SCAN_MASK(c->it[i].kind))
            out[k++] = c->it[i];
    *items = out;
    *n_items = keep;
    return AC_OK;
}

ac_error scan_text(scan_ctx *sx, const char *text, size_t len, const scan_opts *opts,
                   arena *a, scan_item **items, size_t *n_items)
{
    if (!items || !n_items || !a || !sx || (!text && len))
        return AC_ERR_USAGE;
    *items = NULL;
    *n_items = 0;
    scan_opts o = opts ? *opts : (scan_opts){0};
    if (o.kinds == 0)
        o.kinds = SCAN_ALL & ~SCAN_MASK(SCAN_NUMBER);
    if (len == 0)
        return AC_OK;
    scan_run c = {.sx = sx, .n = len, .o = &o};
    span_list ex = {0}, ds = {0};
    ac_error err = utf8_subject(text, len, a, &c.t);
    if (!err && !(err = find_exclusions(&c, &ex)) && !(err = find_dates(&c, &ds)) &&
        !(err = find_figures(&c, &ex, &ds)) && (o.kinds & SCAN_MASK(SCAN_NUMBER)))
        err = find_ordinal_words(&c, &ds);
    if (!err) {
        if (c.nit)
            qsort(c.it, c.nit, sizeof *c.it, scan_item_cmp);
        if ((o.kinds & SCAN_MASK(SCAN_PERIOD)) && !(o.kinds & SCAN_MASK(SCAN_AMOUNT)))
            fold_ranges(&c);
        err = copy_wanted(&c, a, items, n_items);
    }
    free(ex.v);
    free(ds.v);
    free(c.it);
    return err;
}

scan_lang scan_detect_lang(const char *text, size_t len)
{
    static const char *const fr[] = {" le ", " la ", " les ", " des ", " et ",
                                     " du ", " une ", " est ", " pour ", " dans ",
                                     " de ", " au ", " en "};
    static const char *const en[] = {" the ", " and ", " of ", " to ", " is ",
                                     " for ", " with ", " that ", " was ", " on ",
                                     " in ", " by ", " has ", " were "};
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
    /* French unless English words clearly dominate, or a short text has
     * English words and not one French one */
    return nen > 2 * nfr + 2 || (nfr == 0 && nen > 0) ? SCAN_LANG_EN : SCAN_LANG_FR;
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
