/*
 * attribute_gazetteer_load.c — reads the reference data of fixtures/ref/ (see
 * fixtures/ref/README.md for the columns of each file).
 *
 * Data flow: the *.tsv files of the directory, in name order, each read
 * whole; its kind comes from its name's prefix (places, funds, sectors,
 * currencies, rates, stop, phrases), so a kind may be split over several files
 * (places-mli.tsv, places-caf.tsv).  In a file: UTF-8 (a BOM is dropped),
 * LF or CRLF, blank lines and lines starting with '#' are skipped, the first
 * other line is the header naming the columns (any order; unknown columns
 * are ignored), every other line is one row, fields separated by tabs.
 * Each row becomes an entry (attribute_gz_add_entry) and its aliases (attribute_gz_add_alias);
 * the rows of sector_words*.tsv, read last, are aliases of DAC sectors;
 * the name of an entry is one of its aliases unless the alias list holds
 * "!".  When every file is read, the cross-references are checked: a region,
 * locality or mission names a known country, a locality a known region of
 * that country, a fund rule a known currency, an ambiguous currency known
 * currencies.
 *
 * Errors: every problem is reported through diag_error, on the caller's
 * diag, as "FILE:LINE: what"; loading goes on to the end so that one run
 * shows every bad row, then returns AC_ERR_PARSE (AC_ERR_IO for a missing directory or file,
 * AC_ERR_NOMEM when memory runs out: that one stops at once).
 *
 * Memory: strings of entries are copied into the gazetteer's arena; the file
 * buffer is freed before returning.
 */
#include "attribute_gazetteer_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/diag.h"
#include "../base/vec.h"
#include "attribute_obs.h"

enum { K_PLACES, K_FUNDS, K_SECTORS, K_CURRENCIES, K_RATES, K_STOP, K_PHRASES, K_HEADERS,
       K_KINDS, K_SECTOR_WORDS, K__COUNT };

static const char *const kind_prefix[K__COUNT] = {
    "places", "funds", "sectors", "currencies", "rates", "stop", "phrases", "headers", "kinds",
    "sector_words",
};

/* Required columns of each kind (NULL-terminated). */
static const char *const kind_cols[K__COUNT][10] = {
    {"type", "id", "name", "country", "region", "aliases", NULL},
    {"id", "name", "aliases", "max_amount", "max_currency", "max_months", "currency",
     "budget_year", NULL},
    {"id", "name", "dac", "aliases", NULL},
    {"code", "name", "aliases", "countries", "resolves", NULL},
    {"currency", "year", "kind", "value", "base", NULL},
    {"phrase", NULL},
    {"kind", "phrase", NULL},
    {"field", "header", NULL},
    {"kind", "side", "phrase", NULL},
    {"word", "dac", NULL},
};

/* An optional column of each kind (NULL: none): the one country a fund
 * works in; headers' money kind of an amount column; why a sector word of
 * one word is no ordinary word. */
static const char *const kind_opt_col[K__COUNT] = {
    NULL, "country", NULL, NULL, NULL, NULL, NULL, "kind", NULL, "one_word",
};

#define MAX_FIELDS 16

typedef struct {
    gazetteer *g;
    diag *d;
    const char *file;          /* path, arena-owned                          */
    long line;
    int kind;
    int col[10];               /* index of each required column              */
    int opt;                   /* index of the optional column, -1: absent   */
    char *f[MAX_FIELDS];
    int nf;
    int bad;                   /* rows with errors in this file              */
} loader;

/* The field of required column c, "" when absent. */
static const char *field(const loader *L, int c)
{
    int i = L->col[c];
    return i < L->nf ? L->f[i] : "";
}

/* The field of the optional column, "" when absent. */
static const char *opt_field(const loader *L)
{
    return L->opt >= 0 && L->opt < L->nf ? L->f[L->opt] : "";
}

/* A copy in the arena of s, or NULL for "" (absent values are NULL). */
static const char *keep(loader *L, const char *s, ac_error *err)
{
    if (!*s)
        return NULL;
    char *p = arena_strdup(L->g->mem, s);
    if (!p)
        *err = AC_ERR_NOMEM;
    return p;
}

/* Exact unsigned decimal "123" or "1.3257"; 1 on success. */
static int parse_decimal(const char *s, double *out)
{
    double v = 0, scale = 1;
    int digits = 0, dot = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (dot) {
                scale /= 10;
                v += (*s - '0') * scale;
            } else {
                v = v * 10 + (*s - '0');
            }
            digits++;
        } else if (*s == '.' && !dot) {
            dot = 1;
        } else {
            return 0;
        }
    }
    if (!digits)
        return 0;
    *out = v;
    return 1;
}

static int parse_int(const char *s, int *out)
{
    double v;
    if (!parse_decimal(s, &v) || strchr(s, '.') || v > 1e9)
        return 0;
    *out = (int)v;
    return 1;
}

static ac_error bad(loader *L, const char *what, const char *value)
{
    diag_error(L->d, L->file, L->line, "%s \"%s\"", what, value);
    return AC_ERR_PARSE;
}

/* The aliases of e: the name unless "!" is listed, then each '|' item. */
static ac_error add_aliases(loader *L, const attribute_gz_entry *e, const char *name,
                            const char *aliases)
{
    ac_error err = AC_OK, r;
    int noname = 0;
    char *copy = strdup(aliases);
    if (!copy)
        return AC_ERR_NOMEM;
    for (char *p = copy, *bar; p; p = bar) {
        bar = strchr(p, '|');
        if (bar)
            *bar++ = '\0';
        while (*p == ' ')
            p++;
        size_t l = strlen(p);
        while (l && p[l - 1] == ' ')
            p[--l] = '\0';
        if (!*p)
            continue;
        if (strcmp(p, "!") == 0) {
            noname = 1;
            continue;
        }
        r = attribute_gz_add_alias(L->g, L->d, p, e, L->file, L->line);
        if (r == AC_ERR_NOMEM) {
            err = r;
            goto done;
        }
        if (r != AC_OK)
            err = r;
    }
    if (!noname && name) {
        r = attribute_gz_add_alias(L->g, L->d, name, e, L->file, L->line);
        if (r != AC_OK && err != AC_ERR_NOMEM)
            err = r;
    }
done:
    free(copy);
    return err;
}

static attribute_gz_item *new_item(loader *L, attribute_gz_type type)
{
    attribute_gz_item *it = arena_alloc(L->g->mem, sizeof *it);
    if (it) {
        it->e.type = type;
        it->file = L->file;
        it->line = L->line;
    }
    return it;
}

/* A row's id (or code, which id_word names) and name are both required. */
static ac_error need_id_name(loader *L, const char *id_word, const char *id, const char *name)
{
    if (!*id)
        return bad(L, id_word, name);
    if (!*name)
        return bad(L, "empty name for", id);
    return AC_OK;
}

/* The entry it, filled by keep() calls that set err, goes in the tables
 * (under extra_key too when not NULL), then its aliases (and name). */
static ac_error add_item(loader *L, attribute_gz_item *it, ac_error err, const char *extra_key,
                         const char *name, const char *aliases)
{
    if (err != AC_OK)
        return err;
    if ((err = attribute_gz_add_entry(L->g, L->d, it, extra_key)) != AC_OK)
        return err;
    return add_aliases(L, &it->e, name, aliases);
}

static ac_error row_places(loader *L)
{
    static const char *const types[] = {"country", "region", "locality", "mission",
                                        "grouping"};
    static const attribute_gz_type tt[] = {GZ_COUNTRY, GZ_REGION, GZ_LOCALITY, GZ_MISSION,
                                 GZ_GROUPING};
    const char *type = field(L, 0), *id = field(L, 1), *name = field(L, 2);
    ac_error err = AC_OK;
    int t = -1;
    for (int i = 0; i < 5; i++)
        if (strcmp(type, types[i]) == 0)
            t = i;
    if (t < 0)
        return bad(L, "unknown place type", type);
    if ((err = need_id_name(L, "empty id for", id, name)) != AC_OK)
        return err;
    if (tt[t] == GZ_REGION && strcmp(id, name) != 0)
        return bad(L, "the id of a region must be its name:", id);
    /* A mission of several countries has none: it implies no country. */
    if (tt[t] != GZ_COUNTRY && tt[t] != GZ_MISSION && !*field(L, 3))
        return bad(L, "no country for", id);
    if (tt[t] == GZ_LOCALITY && !*field(L, 4))
        return bad(L, "no region for locality", id);
    if (tt[t] == GZ_GROUPING && !strchr(field(L, 4), '|'))
        return bad(L, "a grouping covers two regions or more:", id);
    attribute_gz_item *it = new_item(L, tt[t]);
    if (!it)
        return AC_ERR_NOMEM;
    it->e.id = keep(L, id, &err);
    it->e.name = keep(L, name, &err);
    it->e.country = keep(L, field(L, 3), &err);
    it->e.region = keep(L, field(L, 4), &err);
    return add_item(L, it, err, NULL, it->e.name, field(L, 5));
}

static ac_error row_funds(loader *L)
{
    const char *id = field(L, 0), *name = field(L, 1);
    ac_error err = AC_OK;
    double amount = 0;
    int months = 0;
    if ((err = need_id_name(L, "empty id for", id, name)) != AC_OK)
        return err;
    if (*field(L, 3) && !parse_decimal(field(L, 3), &amount))
        return bad(L, "invalid max_amount", field(L, 3));
    if (*field(L, 5) && !parse_int(field(L, 5), &months))
        return bad(L, "invalid max_months", field(L, 5));
    if (amount > 0 && !*field(L, 4))
        return bad(L, "max_amount without max_currency for", id);
    if (*field(L, 7) && strcmp(field(L, 7), "fiscal") && strcmp(field(L, 7), "calendar"))
        return bad(L, "budget_year is \"fiscal\" or \"calendar\", not", field(L, 7));
    attribute_gz_item *it = new_item(L, GZ_FUND);
    if (!it)
        return AC_ERR_NOMEM;
    it->e.id = keep(L, id, &err);
    it->e.name = keep(L, name, &err);
    it->e.max_amount = amount;
    it->e.max_currency = keep(L, field(L, 4), &err);
    it->e.max_months = months;
    it->e.currency = keep(L, field(L, 6), &err);
    it->e.fiscal_year = !strcmp(field(L, 7), "fiscal");
    it->e.country = keep(L, opt_field(L), &err);  /* the one country it works in */
    return add_item(L, it, err, NULL, it->e.name, field(L, 2));
}

/* The first alias of a '|' list that is a name, not a pattern or a marker
 * ('=' exact case, '!' no alias, '~' demonym): a sector's name in words. */
static const char *first_plain_alias(loader *L, const char *aliases, ac_error *err)
{
    for (const char *a = aliases; a && *a;) {
        const char *bar = strchr(a, '|');
        size_t l = bar ? (size_t)(bar - a) : strlen(a);
        if (l && !strchr("=!~", a[0])) {
            char *s = arena_strndup(L->g->mem, a, l);
            if (!s)
                *err = AC_ERR_NOMEM;
            return s;
        }
        a = bar ? bar + 1 : NULL;
    }
    return NULL;
}

static ac_error row_sectors(loader *L)
{
    const char *code = field(L, 0), *name = field(L, 1), *dac = field(L, 2);
    ac_error err = AC_OK;
    if ((err = need_id_name(L, "empty id for", code, name)) != AC_OK)
        return err;
    if (*dac && (strlen(dac) != 5 || strspn(dac, "0123456789") != 5))
        return bad(L, "a DAC purpose code has 5 digits, not", dac);
    attribute_gz_item *it = new_item(L, GZ_SECTOR);
    if (!it)
        return AC_ERR_NOMEM;
    it->e.id = keep(L, name, &err);       /* attribute_gazetteer.h: id = sector name */
    it->e.name = it->e.id;
    it->e.code = keep(L, code, &err);
    it->e.dac = keep(L, dac, &err);
    it->e.label = first_plain_alias(L, field(L, 3), &err);
    return add_item(L, it, err, strcmp(code, name) ? it->e.code : NULL, it->e.name, field(L, 3));
}

static ac_error row_currencies(loader *L)
{
    const char *code = field(L, 0), *name = field(L, 1);
    ac_error err = AC_OK;
    if ((err = need_id_name(L, "empty code for", code, name)) != AC_OK)
        return err;
    attribute_gz_item *it = new_item(L, GZ_CURRENCY);
    if (!it)
        return AC_ERR_NOMEM;
    it->e.id = keep(L, code, &err);
    it->e.name = keep(L, name, &err);
    it->e.countries = keep(L, field(L, 3), &err);
    it->e.resolves = keep(L, field(L, 4), &err);
    /* the name of a currency ("euro") is an alias only if listed */
    return add_item(L, it, err, NULL, NULL, field(L, 2));
}

static ac_error row_rates(loader *L)
{
    gazetteer *g = L->g;
    const char *cur = field(L, 0), *year = field(L, 1), *kind = field(L, 2);
    ac_error err = AC_OK;
    attribute_gz_rate r = {0};
    if (!*cur)
        return bad(L, "empty currency in rate", "");
    if (strcmp(kind, "avg") == 0) {
        if (!parse_int(year, &r.year) || r.year < 1900 || r.year > 2200)
            return bad(L, "invalid year", year);
    } else if (strcmp(kind, "peg") == 0) {
        if (strcmp(year, "*") != 0)
            return bad(L, "a peg applies to every year (\"*\"), not", year);
        r.peg = 1;
    } else {
        return bad(L, "unknown rate kind (avg or peg)", kind);
    }
    if (!parse_decimal(field(L, 3), &r.value) || r.value <= 0)
        return bad(L, "invalid rate", field(L, 3));
    if (!r.peg && strcmp(field(L, 4), "USD") != 0)
        return bad(L, "an annual average is in USD, not", field(L, 4));
    if (r.peg && !*field(L, 4))
        return bad(L, "a peg needs a base currency for", cur);
    r.currency = keep(L, cur, &err);
    r.base = keep(L, field(L, 4), &err);
    if (err != AC_OK)
        return err;
    for (size_t i = 0; i < g->nrates; i++)
        if (strcmp(g->rates[i].currency, r.currency) == 0 &&
            g->rates[i].peg == r.peg && g->rates[i].year == r.year)
            return bad(L, "duplicate rate for", cur);
    VEC_PUSH(err, g->rates, g->nrates, g->caprates);
    if (err)
        return err;
    g->rates[g->nrates++] = r;
    return AC_OK;
}

static ac_error row_stop(loader *L)
{
    const char *p = field(L, 0);
    if (!*p)
        return bad(L, "empty stop phrase", "");
    return attribute_gz_add_alias(L->g, L->d, p, NULL, L->file, L->line);
}

/* The words of attribution (phrases*.tsv): kind names in the order of
 * attribute_gz_phrase_kind. */
static const char *const phrase_kind[GZ_PH__COUNT] = {
    "apposition", "total_before", "total_after", "total_row", "one_project", "average",
    "worldwide",
    "name_head", "name_tail", "name_link", "subtotal_row",
    "part_of", "part_of_these", "since_event", "event", "place_before", "aside",
    "fund_anaphor", "fund_shared", "fund_noun", "appeal", "compare", "venue",
    "venue_break", "item_sep", "as_of", "month_in", "project_anaphor", "this_year",
};

static ac_error row_phrases(loader *L)
{
    gazetteer *g = L->g;
    const char *kind = field(L, 0), *p = field(L, 1);
    ac_error err = AC_OK;
    int k = 0;
    while (k < GZ_PH__COUNT && strcmp(kind, phrase_kind[k]) != 0)
        k++;
    if (k == GZ_PH__COUNT)
        return bad(L, "unknown phrase kind (apposition, total_before, total_after, total_row, "
                      "one_project, average, worldwide, name_head, name_tail, name_link, subtotal_row, "
                      "part_of, part_of_these, since_event, event, place_before, aside, "
                      "fund_anaphor, fund_shared, fund_noun, appeal, compare, venue, venue_break, "
                      "item_sep, as_of, month_in, project_anaphor, this_year)", kind);
    if (!*p)
        return bad(L, "empty phrase of kind", kind);
    const char *kept = keep(L, p, &err);
    if (err != AC_OK)
        return err;
    VEC_PUSH(err, g->phrases[k], g->nphrases[k], g->capphrases[k]);
    if (err)
        return err;
    g->phrases[k][g->nphrases[k]++] = kept;
    return AC_OK;
}

/* The header names of spreadsheet columns (headers*.tsv): field names in
 * the order of attribute_gz_header_field. */
static const char *const header_field[GZ_HF__COUNT] = {
    "title", "id", "country", "region", "locality", "sector", "fund", "amount", "currency",
    "partner", "start", "end", "months", "period",
};

int attribute_gazetteer_header_field(const char *name)
{
    for (int k = 0; k < GZ_HF__COUNT; k++)
        if (!strcmp(name, header_field[k]))
            return k;
    return -1;
}

const char *attribute_gazetteer_header_field_name(int field)
{
    return field >= 0 && field < GZ_HF__COUNT ? header_field[field] : "";
}

static ac_error row_headers(loader *L)
{
    gazetteer *g = L->g;
    const char *fname = field(L, 0), *h = field(L, 1);
    ac_error err = AC_OK;
    int k = attribute_gazetteer_header_field(fname);
    if (k < 0)
        return bad(L, "unknown field (title, id, country, region, locality, sector, fund, "
                      "amount, currency, partner, start, end, months, period)", fname);
    if (!*h)
        return bad(L, "empty header for field", fname);
    int money = attribute_kind_of_name(opt_field(L));
    if (money < 0)
        return bad(L, "unknown money kind (allocated, disbursed, received, pledged, requested, "
                      "gap, change, cofinancing)", opt_field(L));
    if (money && k != GZ_HF_AMOUNT)
        return bad(L, "a money kind names an amount column, not the field", fname);
    const char *kept = keep(L, h, &err);
    if (err != AC_OK)
        return err;
    VEC_PUSH(err, g->headers, g->nheaders, g->capheaders);
    if (err)
        return err;
    g->headers[g->nheaders++] = (attribute_gz_header){kept, k, money};
    return AC_OK;
}

/* The folded words of s joined by single spaces (attribute_fold.h), in the
 * arena; "" when s has no word. */
static const char *fold_words(loader *L, const char *s, ac_error *err)
{
    strbuf out = {0}, w = {0};
    attribute_fold_word word;
    size_t pos = 0, len = strlen(s);
    int r;
    strbuf_add(&out, "", 0);
    while ((r = attribute_fold_next(s, len, &pos, &word, &w)) == 1) {
        if (out.n)
            strbuf_addc(&out, ' ');
        strbuf_add(&out, w.s, w.n);
    }
    const char *kept = r < 0 || out.failed ? NULL : arena_strdup(L->g->mem, out.s);
    if (!kept)
        *err = AC_ERR_NOMEM;
    strbuf_free(&out);
    strbuf_free(&w);
    return kept;
}

/* The words of a money kind (kinds*.tsv): kind, side (before, after or
 * both: one entry per side; governs: before, reaching over commas),
 * phrase; or a break word (side break, or break-after for the phrases
 * after an amount only; no kind). */
static ac_error row_kinds(loader *L)
{
    gazetteer *g = L->g;
    const char *kind = field(L, 0), *side = field(L, 1), *p = field(L, 2);
    ac_error err = AC_OK;
    int after_only = !strcmp(side, "break-after");
    int k = attribute_kind_of_name(kind), brk = after_only || !strcmp(side, "break");
    if (brk ? k != 0 : k <= 0)
        return bad(L, brk ? "a break word has no money kind" :
                      "unknown money kind (allocated, disbursed, received, pledged, requested, "
                      "gap, change, cofinancing)", kind);
    int governs = !strcmp(side, "governs");
    int before = governs || !strcmp(side, "before") || !strcmp(side, "both");
    int after = !strcmp(side, "after") || !strcmp(side, "both");
    if (!before && !after && !brk)
        return bad(L, "unknown side (before, after, both, governs, break, break-after)", side);
    if (!*p)
        return bad(L, "empty phrase of money kind", kind);
    const char *kept = keep(L, p, &err), *folded = err ? NULL : fold_words(L, p, &err);
    if (err != AC_OK)
        return err;
    if (!*folded)
        return bad(L, "a phrase of money kind with no word", p);
    for (int s = GZ_KS_BEFORE; s <= GZ_KS_BREAK; s++) {
        if (!(s == GZ_KS_BEFORE ? before : s == GZ_KS_AFTER ? after : brk))
            continue;
        VEC_PUSH(err, g->kinds, g->nkinds, g->capkinds);
        if (err)
            return err;
        g->kinds[g->nkinds++] =
            (attribute_gz_kind_phrase){k, s, kept, folded, s == GZ_KS_BEFORE && governs,
                                       after_only};
    }
    return AC_OK;
}

/* A word of what a project builds, serves or supports (sector_words*.tsv,
 * read after every other kind): an alias of the sector of its DAC code in
 * sectors_dac.tsv.  One word alone is too often an ordinary word inside
 * another phrase ("école" of "école de police"): it needs its reason in
 * column one_word.  An alias a theme or place already has is an error. */
static ac_error row_sector_words(loader *L)
{
    const char *word = field(L, 0), *dac = field(L, 1);
    ac_error err = AC_OK;
    if (!*word)
        return bad(L, "empty sector word for", dac);
    const attribute_gz_entry *e = attribute_gazetteer_get(L->g, GZ_SECTOR, dac);
    if (!e || !e->code || !e->dac || strcmp(e->code, dac) || strcmp(e->dac, dac))
        return bad(L, "not a DAC purpose code of sectors_dac.tsv:", dac);
    const char *folded = fold_words(L, word, &err);
    if (err != AC_OK)
        return err;
    if (!strchr(folded, ' ') && !*opt_field(L))
        return bad(L, "a sector word of one word needs its reason in column one_word:", word);
    return attribute_gz_add_alias(L->g, L->d, word, e, L->file, L->line);
}

static ac_error (*const row_fn[K__COUNT])(loader *) = {
    row_places, row_funds, row_sectors, row_currencies, row_rates, row_stop, row_phrases,
    row_headers, row_kinds, row_sector_words,
};

static void split(loader *L, char *line)
{
    L->nf = 0;
    for (char *p = line;;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        if (L->nf < MAX_FIELDS) {
            /* trim spaces an editor may leave around a field */
            while (*p == ' ')
                p++;
            size_t l = strlen(p);
            while (l && p[l - 1] == ' ')
                p[--l] = '\0';
            L->f[L->nf++] = p;
        }
        if (!tab)
            break;
        p = tab + 1;
    }
}

static ac_error header(loader *L)
{
    for (int c = 0; kind_cols[L->kind][c]; c++) {
        L->col[c] = -1;
        for (int i = 0; i < L->nf; i++)
            if (strcmp(L->f[i], kind_cols[L->kind][c]) == 0)
                L->col[c] = i;
        if (L->col[c] < 0) {
            diag_error(L->d, L->file, L->line, "missing column \"%s\" in the header",
                       kind_cols[L->kind][c]);
            return AC_ERR_PARSE;
        }
    }
    L->opt = -1;
    for (int i = 0; kind_opt_col[L->kind] && i < L->nf; i++)
        if (strcmp(L->f[i], kind_opt_col[L->kind]) == 0)
            L->opt = i;
    return AC_OK;
}

static ac_error load_file(gazetteer *g, diag *dg, const char *path, int kind)
{
    FILE *fp = NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    ac_error err = AC_OK;
    loader L = {.g = g, .d = dg, .file = path, .kind = kind};
    int have_header = 0;

    fp = fopen(path, "rb");
    if (!fp) {
        diag_error(dg, path, 0, "cannot open: %s", strerror(errno));
        err = AC_ERR_IO;
        goto done;
    }
    for (;;) {
        if (cap - n < 65536) {
            void *p = buf;
            if ((err = vec_reserve(&p, &cap, n + 65536 + 1, 1)) != AC_OK)
                goto done;
            buf = p;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, fp);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(fp)) {
        diag_error(dg, path, 0, "read error");
        err = AC_ERR_IO;
        goto done;
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        diag_error(dg, path, 0, "NUL byte in reference data");
        err = AC_ERR_PARSE;
        goto done;
    }
    char *p = buf;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p && *p) {
        char *nl = strchr(p, '\n'), *line = p;
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
        L.line++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (line[strspn(line, " \t")] == '\0' || line[0] == '#')
            continue;
        split(&L, line);
        ac_error r;
        if (!have_header) {
            have_header = 1;
            r = header(&L);
            if (r != AC_OK) {
                err = r;
                goto done;
            }
            continue;
        }
        r = row_fn[kind](&L);
        if (r == AC_ERR_NOMEM) {
            err = r;
            goto done;
        }
        if (r != AC_OK)
            err = r;
    }
    if (!have_header) {
        diag_error(dg, path, 0, "no header line");
        err = AC_ERR_PARSE;
    }
done:
    if (fp)
        fclose(fp);
    free(buf);
    return err;
}

/* ------------------------------------------------------- cross-checks -- */

static ac_error check_references(gazetteer *g, diag *dg)
{
    ac_error err = AC_OK;
    for (int t = 0; t < GZ__COUNT; t++)
        for (size_t i = 0; i < g->n[t]; i++) {
            const attribute_gz_item *it = (const attribute_gz_item *)g->list[t][i];
            const attribute_gz_entry *e = &it->e;
            if (e->country && !attribute_gazetteer_get(g, GZ_COUNTRY, e->country)) {
                diag_error(dg, it->file, it->line, "unknown country \"%s\" for \"%s\"",
                           e->country, e->id);
                err = AC_ERR_PARSE;
            }
            if (e->region && e->type == GZ_GROUPING) {
                for (const char *p = e->region; *p;) {
                    const char *bar = strchr(p, '|');
                    size_t l = bar ? (size_t)(bar - p) : strlen(p);
                    char rid[128] = "";
                    if (l < sizeof rid)
                        memcpy(rid, p, l);
                    const attribute_gz_entry *r = attribute_gazetteer_get(g, GZ_REGION, rid);
                    if (!r || !e->country || strcmp(r->country, e->country) != 0) {
                        diag_error(dg, it->file, it->line,
                                   "unknown region \"%.*s\" of %s for \"%s\"", (int)l,
                                   p, e->country ? e->country : "no country", e->id);
                        err = AC_ERR_PARSE;
                    }
                    p = bar ? bar + 1 : p + l;
                }
            } else if (e->region) {
                const attribute_gz_entry *r = attribute_gazetteer_get(g, GZ_REGION, e->region);
                if (!r || !e->country || strcmp(r->country, e->country) != 0) {
                    diag_error(dg, it->file, it->line,
                               "unknown region \"%s\" of %s for \"%s\"", e->region,
                               e->country ? e->country : "no country", e->id);
                    err = AC_ERR_PARSE;
                }
            }
            if (e->max_currency && !attribute_gazetteer_get(g, GZ_CURRENCY, e->max_currency)) {
                diag_error(dg, it->file, it->line, "unknown currency \"%s\" for \"%s\"",
                           e->max_currency, e->id);
                err = AC_ERR_PARSE;
            }
            for (const char *p = e->resolves; p && *p;) {
                const char *bar = strchr(p, '|');
                size_t l = bar ? (size_t)(bar - p) : strlen(p);
                char code[16] = "";
                if (l < sizeof code)
                    memcpy(code, p, l);
                const attribute_gz_entry *c = attribute_gazetteer_get(g, GZ_CURRENCY, code);
                if (!c || c->resolves) {
                    diag_error(dg, it->file, it->line,
                               "\"%s\" resolves to \"%.*s\", not a plain currency",
                               e->id, (int)l, p);
                    err = AC_ERR_PARSE;
                }
                p = bar ? bar + 1 : p + l;
            }
        }
    return err;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

ac_error attribute_gazetteer_load(const char *dir, diag *dg, gazetteer **out)
{
    gazetteer *g = NULL;
    DIR *d = NULL;
    char **names = NULL;
    size_t nn = 0, cn = 0;
    int seen[K__COUNT] = {0};
    ac_error err = AC_OK;

    if (!dir || !out)
        return AC_ERR_USAGE;
    *out = NULL;
    g = calloc(1, sizeof *g);
    if (!g || !(g->mem = arena_new(0))) {
        err = AC_ERR_NOMEM;
        goto done;
    }
    d = opendir(dir);
    if (!d) {
        diag_error(dg, dir, 0, "cannot open the reference data directory: %s",
                   strerror(errno));
        err = AC_ERR_IO;
        goto done;
    }
    for (struct dirent *de; (de = readdir(d));) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tsv") != 0 || de->d_name[0] == '.')
            continue;
        VEC_PUSH(err, names, nn, cn);
        if (err)
            goto done;
        if (!(names[nn] = arena_strdup(g->mem, de->d_name))) {
            err = AC_ERR_NOMEM;
            goto done;
        }
        nn++;
    }
    if (nn)
        qsort(names, nn, sizeof *names, cmp_names);
    /* sector words name sectors of sectors_dac.tsv: read in a second pass */
    for (size_t j = 0; j < 2 * nn; j++) {
        size_t i = j % nn;
        int kind = -1;
        for (int k = 0; k < K__COUNT; k++)
            if (strncmp(names[i], kind_prefix[k], strlen(kind_prefix[k])) == 0)
                kind = k;
        if ((kind == K_SECTOR_WORDS) != (j >= nn))
            continue;
        char *path = arena_printf(g->mem, "%s/%s", dir, names[i]);
        if (!path) {
            err = AC_ERR_NOMEM;
            goto done;
        }
        if (kind < 0) {
            diag_warn(dg, path, 0, "not a reference file kind (places, funds, sectors, "
                               "currencies, rates, stop, phrases, headers, kinds, "
                               "sector_words): ignored");
            continue;
        }
        seen[kind] = 1;
        ac_error r = load_file(g, dg, path, kind);
        if (r == AC_ERR_NOMEM) {
            err = r;
            goto done;
        }
        if (r != AC_OK && err == AC_OK)
            err = r;
    }
    for (int k = 0; k < K__COUNT; k++)
        if (!seen[k] && k != K_STOP && k != K_RATES && k != K_PHRASES && k != K_KINDS &&
            k != K_SECTOR_WORDS) {
            diag_error(dg, dir, 0, "no %s*.tsv reference file", kind_prefix[k]);
            if (err == AC_OK)
                err = AC_ERR_IO;
        }
    if (err == AC_OK)
        err = check_references(g, dg);
done:
    if (d)
        closedir(d);
    free(names);
    if (err != AC_OK) {
        attribute_gazetteer_free(g);
        return err;
    }
    *out = g;
    return AC_OK;
}
