/* attribute_sheet_rows.c — the rows of a mapped project list become observations:
 * projects, totals and rejects (attribute_sheet.h). */
#include "attribute_sheet.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attribute_fold.h"
#include "../scan/scan.h"

/* Distinct unknown values warned about per sheet and field (beyond, the
 * warnings would bury the rejects). */
#define MAX_WARNED_VALUES 32

typedef struct {
    const book *b;
    const sheet *s;
    const char *path, *name;
    const gazetteer *gz;
    scan_ctx *sx;              /* the caller's scanner                     */
    diag *d;
    arena *a;
    arena *tmp;                /* what one row needs only while it is read
                                  (scanned items, gazetteer mentions):
                                  emptied after each row                  */
    const attribute_sheet_header *h;
    attribute_obs_list *out;
    attribute_sheet_reject_list *rej;
    scan_lang lang;            /* numbers written as text                  */
    const char *country;       /* the list's country, from its title rows  */
    const char *fund;          /* the list's fund, from its title rows     */
    period_kind pkind;         /* the list's period, from its title rows   */
    int py1, py2;
    int warned_account;        /* the currency of account warning given    */
    const char *warned[GZ_HF__COUNT][MAX_WARNED_VALUES];
    size_t n_warned[GZ_HF__COUNT];
    size_t block[3];           /* obs index where the rows covered by a
                                  total of level 1 (sub-total) and 2
                                  (total) start                           */
    int max_year;              /* latest year of a project: the doc year   */
} rows_ctx;

typedef struct {
    scan_num_dec value;
    const char *currency;      /* ISO 4217 or NULL                         */
    int ambiguous;
    scan_qual qual;
} amount;

/* ---- cells ------------------------------------------------------------------------------- */

static const read_sheet_cell *cell(const rows_ctx *c, const read_sheet_row *r, int field)
{
    int col = c->h->col[field];
    const read_sheet_cell *x = col ? read_sheet_cell_at(r, col) : NULL;
    if (x && x->kind == CELL_TEXT) {
        const char *t = x->text;
        while (*t == ' ' || *t == '\t')
            t++;
        if (!*t)
            return NULL;
    }
    return x;
}

static const char *text_of(const rows_ctx *c, const read_sheet_row *r, int field)
{
    const read_sheet_cell *x = cell(c, r, field);
    return x && x->kind != CELL_NO_VALUE && x->kind != CELL_ERROR && *x->text ? x->text : NULL;
}

static ac_error reject(rows_ctx *c, const read_sheet_row *r, int field, const char *raw,
                       const char *reason)
{
    attribute_sheet_reject_list *l = c->rej;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        attribute_sheet_reject *nv = arena_grow(c->a, l->v, l->n, nc, sizeof *nv);
        if (!nv)
            return AC_ERR_NOMEM;
        l->v = nv;
        l->cap = nc;
    }
    int col = field >= 0 ? c->h->col[field] : 0;
    l->v[l->n++] = (attribute_sheet_reject){c->s->name, r->row, col, raw, reason};
    char cn[8];
    if (col)
        diag_error(c->d, c->path, r->row, "sheet \"%s\", column %s%s%s%s: %s: row not loaded",
                   c->s->name, read_sheet_col_name(col, cn, sizeof cn), raw ? " \"" : "",
                   raw ? raw : "", raw ? "\"" : "", reason);
    else
        diag_error(c->d, c->path, r->row, "sheet \"%s\": %s: row not loaded", c->s->name, reason);
    return AC_OK;
}

/* Warn once per sheet about an unknown value of a field. */
static void warn_unknown(rows_ctx *c, const read_sheet_row *r, int field, const char *value,
                         const char *what)
{
    size_t *n = &c->n_warned[field];
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(c->warned[field][i], value))
            return;
    if (*n < MAX_WARNED_VALUES)
        c->warned[field][(*n)++] = value;
    diag_warn(c->d, c->path, r->row, "sheet \"%s\": %s \"%s\" is not in the reference data: %s",
              c->s->name, attribute_gazetteer_header_field_name(field), value, what);
}

/* ---- reference data ---------------------------------------------------------------------- */

/* The first entry of one of the types in mask that text mentions, in *e
 * (NULL: none, or no text).  AC_ERR_NOMEM when out of memory: the text is
 * then not known to name nothing.
 * Rule "a column names its place": a cell that is the whole name of a
 * place of the reference data is that place, even a name prose never takes
 * alone ('!' in places.tsv: "Unity", "Lakes" are words before they are
 * regions; under a Region header they are regions). */
static ac_error entry_in(const rows_ctx *c, const char *text, unsigned mask,
                         const attribute_gz_entry **e)
{
    attribute_gz_mention *mn = NULL;
    size_t n = 0;
    *e = NULL;
    if (!text)
        return AC_OK;
    ac_error err = attribute_gazetteer_find(c->gz, text, strlen(text), c->tmp, &mn, &n);
    for (size_t i = 0; !err && i < n && !*e; i++)
        if (mask & (1u << mn[i].entry->type))
            *e = mn[i].entry;
    for (int t = 0; !err && !*e && t < GZ__COUNT; t++)
        if (mask & (1u << t))
            *e = attribute_gazetteer_get(c->gz, (attribute_gz_type)t, text);
    return err;
}

/* The one entry of a type the text names, in *one (NULL: none, or several
 * distinct ones).  AC_ERR_NOMEM when out of memory. */
static ac_error one_entry(const rows_ctx *c, const char *text, attribute_gz_type type,
                          const attribute_gz_entry **one)
{
    attribute_gz_mention *mn = NULL;
    size_t n = 0;
    *one = NULL;
    if (!text)
        return AC_OK;
    ac_error err = attribute_gazetteer_find(c->gz, text, strlen(text), c->tmp, &mn, &n);
    for (size_t i = 0; !err && i < n; i++) {
        const attribute_gz_entry *e = mn[i].entry;
        if (type == GZ_COUNTRY && (e->type == GZ_MISSION || e->type == GZ_REGION))
            e = attribute_gazetteer_get(c->gz, GZ_COUNTRY, e->country);
        if (!e || e->type != type)
            continue;
        if (*one && *one != e) {
            *one = NULL;
            break;
        }
        *one = e;
    }
    return err;
}

/* ---- values ------------------------------------------------------------------------------ */

/* Does the text hold more than the item found in it (letters or digits
 * outside [start, end))? */
static int has_more(const char *t, size_t start, size_t end)
{
    for (size_t i = 0; t[i]; i++)
        if ((i < start || i >= end) &&
            ((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'z') ||
             (t[i] >= 'A' && t[i] <= 'Z')))
            return 1;
    return 0;
}

/* The amount of a cell; 0 and *why when it cannot be read, -1 when out of
 * memory (scan_text fails on nothing else). */
static int read_amount(rows_ctx *c, const read_sheet_cell *x, amount *out, const char **why)
{
    memset(out, 0, sizeof *out);
    if (x->kind == CELL_NO_VALUE) {
        *why = "a formula with no computed value";
        return 0;
    }
    if (x->kind == CELL_NUMBER)
        return scan_number_digits(x->text, strlen(x->text), 1, &out->value) ||
               (*why = "amount cannot be read", 0);
    if (x->kind != CELL_TEXT) {
        *why = x->kind == CELL_ERROR ? "an error value instead of an amount"
                                     : "amount cannot be read";
        return 0;
    }
    scan_opts so = {.lang = c->lang, .kinds = SCAN_MASK(SCAN_AMOUNT) | SCAN_MASK(SCAN_NUMBER),
                    .accounting = 1};
    scan_item *it = NULL;
    size_t n = 0;
    *why = "amount cannot be read";
    if (scan_text(c->sx, x->text, strlen(x->text), &so, c->tmp, &it, &n) != AC_OK)
        return -1;
    if (n != 1)
        return 0;
    if (it->out_of_range || has_more(x->text, it->start, it->end))
        return 0;
    if (it->kind != SCAN_AMOUNT && it->kind != SCAN_NUMBER)
        return 0;
    out->value = it->value;
    out->qual = it->qual;
    if (it->kind == SCAN_AMOUNT && it->currency[0]) {
        out->currency = arena_strdup(c->a, it->currency);
        if (!out->currency)
            return -1;
        out->ambiguous = it->currency_ambiguous;
    }
    return 1;
}

/* A date cell, as yyyymmdd in *ymd (0 when empty): 1, or 0 when it cannot
 * exist or be read, -1 when out of memory. */
static int read_date(rows_ctx *c, const read_sheet_cell *x, long *ymd)
{
    *ymd = 0;
    if (!x || x->kind == CELL_EMPTY)
        return 1;
    if (x->kind == CELL_DATE) {
        int y, m, d;
        if (sscanf(x->text, "%4d-%2d-%2d", &y, &m, &d) != 3)
            return 0;
        *ymd = y * 10000L + m * 100 + d;
        return 1;
    }
    if (x->kind == CELL_NUMBER) {
        *ymd = read_sheet_serial_to_ymd(strtod(x->text, NULL), c->b->date1904, NULL);
        return *ymd != 0;
    }
    if (x->kind != CELL_TEXT)
        return 0;
    scan_opts so = {.lang = c->lang, .kinds = SCAN_MASK(SCAN_DATE)};
    scan_item *it = NULL;
    size_t n = 0;
    if (scan_text(c->sx, x->text, strlen(x->text), &so, c->tmp, &it, &n) != AC_OK)
        return -1;
    if (n != 1 || it->invalid || !it->d1.year || !it->d1.month || !it->d1.day)
        return 0;
    *ymd = it->d1.year * 10000L + it->d1.month * 100 + it->d1.day;
    return 1;
}

static int read_months(rows_ctx *c, const read_sheet_cell *x)
{
    if (!x || (x->kind != CELL_NUMBER && x->kind != CELL_TEXT))
        return 0;
    scan_num_dec v;
    size_t n = strspn(x->text, "0123456789.,");
    if (!n || !scan_number_digits(x->text, n, c->lang == SCAN_LANG_EN, &v) || v.scale ||
        v.mant <= 0 || v.mant > 1200)
        return 0;
    return (int)v.mant;
}

/* Whole months from start to end, both days included (15 Sept - 14 Jan is
 * four months). */
static int months_between(long s, long e)
{
    long y1 = s / 10000, m1 = s / 100 % 100, d1 = s % 100;
    long y2 = e / 10000, m2 = e / 100 % 100, d2 = e % 100;
    long m = (y2 - y1) * 12 + (m2 - m1) + (d2 + 1 >= d1 ? 1 : 0) - (d2 + 1 == d1 ? 1 : 0);
    return m > 0 && m < 1200 ? (int)m : 0;
}

/* The language of the numbers written as text in the amount column: a
 * decimal comma ("45317,39") votes French, a decimal point English. */
static scan_lang amount_lang(const rows_ctx *c)
{
    int fr = 0, en = 0, col = c->h->col[GZ_HF_AMOUNT];
    for (size_t i = c->h->header_index + 1; i < c->s->n; i++) {
        const read_sheet_cell *x = read_sheet_cell_at(&c->s->row[i], col);
        if (!x || x->kind != CELL_TEXT)
            continue;
        const char *t = x->text;
        size_t len = strlen(t);
        while (len && (t[len - 1] < '0' || t[len - 1] > '9'))
            len--;
        size_t k = len;
        while (k && t[k - 1] >= '0' && t[k - 1] <= '9')
            k--;
        if (k && len - k <= 2 && t[k - 1] == ',')
            fr++;
        else if (k && len - k <= 2 && t[k - 1] == '.')
            en++;
        else if (k && len - k == 3 && memchr(t, '.', k - 1) && t[k - 1] == ',')
            fr++;
        else if (k && len - k == 3 && memchr(t, ',', k - 1) && t[k - 1] == '.')
            en++;
    }
    return en > fr ? SCAN_LANG_EN : SCAN_LANG_FR;
}

/* ---- the list's own context (title rows) ------------------------------------------------- */

static ac_error list_context(rows_ctx *c)
{
    const char *t = c->h->title_text;
    const attribute_gz_entry *ce, *fe;
    ac_error err = one_entry(c, t, GZ_COUNTRY, &ce);
    if (err || (err = one_entry(c, t, GZ_FUND, &fe)))
        return err;
    c->country = ce ? ce->id : NULL;
    c->fund = fe ? fe->id : NULL;
    scan_opts so = {.lang = c->lang, .kinds = SCAN_MASK(SCAN_PERIOD)};
    scan_item *it = NULL;
    size_t n = 0;
    if (*t && (err = scan_text(c->sx, t, strlen(t), &so, c->tmp, &it, &n)))
        return err;
    if (n == 1 && it->pkind != PERIOD_RANGE && it->pkind != PERIOD_SINCE) {
        c->pkind = it->pkind;
        c->py1 = it->d1.year;
        c->py2 = it->d2.year ? it->d2.year : it->d1.year;
    }
    return AC_OK;
}

/* ---- one row ----------------------------------------------------------------------------- */

/* The text of the row's cells joined by " | ": the observation's snippet;
 * NULL when out of memory. */
static const char *row_text(rows_ctx *c, const read_sheet_row *r)
{
    size_t len = 0;
    for (size_t k = 0; k < r->n; k++)
        if (*r->cell[k].text)
            len += (len ? 3 : 0) + strlen(r->cell[k].text);
    char *t = arena_alloc(c->a, len + 1), *p = t;
    for (size_t k = 0; t && k < r->n; k++) {
        size_t n = strlen(r->cell[k].text);
        if (!n)
            continue;
        if (p > t)
            p = (char *)memcpy(p, " | ", 3) + 3;
        p = (char *)memcpy(p, r->cell[k].text, n) + n;
    }
    return t;
}

/* Does the folded text start with one of the phrases of kind k (folded)?
 * -1 when out of memory. */
static int starts_with_phrase(const rows_ctx *c, const char *folded, attribute_gz_phrase_kind k,
                              strbuf *tmp)
{
    size_t np = 0;
    const char *const *ph = attribute_gazetteer_phrases(c->gz, k, &np);
    for (size_t i = 0; i < np; i++) {
        if (attribute_sheet_fold_into(ph[i], tmp))
            return -1;
        if (tmp->n && !strncmp(folded, tmp->s, tmp->n) &&
            (folded[tmp->n] == ' ' || !folded[tmp->n]))
            return 1;
    }
    return 0;
}

/* Does the row's first text cell open with a phrase of kind k? -1 when out
 * of memory. */
static int first_text_is(const rows_ctx *c, const read_sheet_row *r, attribute_gz_phrase_kind k)
{
    const char *first = NULL;
    for (size_t i = 0; i < r->n && !first; i++)
        if (r->cell[i].kind == CELL_TEXT)
            first = r->cell[i].text;
    if (!first)
        return 0;
    strbuf f = {0}, tmp = {0};
    int is = attribute_sheet_fold_into(first, &f) ? -1 : starts_with_phrase(c, f.s, k, &tmp);
    strbuf_free(&f);
    strbuf_free(&tmp);
    return is;
}

/* 0: not a total; 1: a sub-total; 2: a total; -1 when out of memory. */
static int total_level(rows_ctx *c, const read_sheet_row *r)
{
    const read_sheet_cell *am = cell(c, r, GZ_HF_AMOUNT);
    int by_formula = am && am->formula &&
                     (!strncasecmp(am->formula, "SUM(", 4) || !strncasecmp(am->formula, "SOMME(", 6));
    int sub = first_text_is(c, r, GZ_PH_SUBTOTAL_ROW);
    int tot = sub ? 0 : first_text_is(c, r, GZ_PH_TOTAL_ROW);
    if (sub < 0 || tot < 0)
        return -1;
    return sub ? 1 : tot ? 2 : by_formula ? 2 : 0;
}

static obs base_obs(rows_ctx *c, const read_sheet_row *r)
{
    obs o;
    memset(&o, 0, sizeof o);
    o.doc = c->name;
    o.path = c->path;
    o.line = r->row;
    o.sheet = c->s->name;
    o.col = c->h->col[GZ_HF_AMOUNT];
    o.kind = c->h->amount_kind;     /* its header's money kind */
    o.sentence = (int)r->row;       /* each row is a statement of its own */
    o.snippet = row_text(c, r);
    return o;
}

static ac_error push(rows_ctx *c, const obs *o)
{
    attribute_obs_list *l = c->out;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 64;
        obs *nv = arena_grow(c->a, l->v, l->n, nc, sizeof *nv);
        if (!nv)
            return AC_ERR_NOMEM;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = *o;
    return AC_OK;
}

/* The currency of a row's amount: the cell's, the currency column's, the
 * header's, the fund's currency of account; NULL when none. */
static const char *currency_of(rows_ctx *c, const read_sheet_row *r, const char *cur,
                               const char *fund, const char *country, int *ambiguous)
{
    if (cur) {
        const attribute_gz_entry *e = attribute_gazetteer_get(c->gz, GZ_CURRENCY, cur);
        const attribute_gz_entry *res = e && e->resolves ? attribute_gazetteer_currency_for(c->gz, e, country) : e;
        if (e && e->resolves) {
            *ambiguous = !res;
            return res ? res->id : cur;
        }
        return cur;
    }
    const attribute_gz_entry *f = fund ? attribute_gazetteer_get(c->gz, GZ_FUND, fund) : NULL;
    if (f && f->currency) {
        if (!c->warned_account++)
            diag_warn(c->d, c->path, r->row,
                      "sheet \"%s\": no currency in the cell, the header or a currency column: "
                      "amounts read in %s, the currency of account of %s", c->s->name,
                      f->currency, f->id);
        return f->currency;
    }
    return NULL;
}

/* The currency of a row's amount (currency_of) in *cur: the cell's, else
 * the amount column's header's ("amountUSD", "Montant (FCFA)": that column
 * only), else the currency column's (which may be another amount
 * column's: "originalCurrency" beside "amountUSD"); AC_ERR_NOMEM when out
 * of memory. */
static ac_error row_currency(rows_ctx *c, const read_sheet_row *r, const amount *am,
                             const char *fund, const char *country, int *ambiguous,
                             const char **cur)
{
    const attribute_gz_entry *e = NULL;
    const char *header = c->h->currency[GZ_HF_AMOUNT];
    *cur = NULL;
    *ambiguous = am->ambiguous;
    ac_error err = am->currency || header
                       ? AC_OK
                       : entry_in(c, text_of(c, r, GZ_HF_CURRENCY), 1u << GZ_CURRENCY, &e);
    if (err)
        return err;
    const char *given = am->currency ? am->currency : header ? header : e ? e->id : NULL;
    *cur = currency_of(c, r, given, fund, country, ambiguous);
    return AC_OK;
}

/* The period of a project: its period cell, the list's, its start date's
 * budget year.  0 when its cell cannot be read, -1 when out of memory. */
static int row_period(rows_ctx *c, const read_sheet_row *r, const char *fund, long start, obs *o)
{
    const char *pt = text_of(c, r, GZ_HF_PERIOD);
    if (pt) {
        scan_opts so = {.lang = c->lang, .kinds = SCAN_MASK(SCAN_PERIOD)};
        scan_item *it = NULL;
        size_t n = 0;
        if (scan_text(c->sx, pt, strlen(pt), &so, c->tmp, &it, &n) != AC_OK)
            return -1;
        if (n != 1 || it->pkind == PERIOD_RANGE || it->pkind == PERIOD_SINCE)
            return 0;
        o->pkind = it->pkind;
        o->y1 = it->d1.year;
        o->y2 = it->d2.year ? it->d2.year : it->d1.year;
        o->from[OBS_FROM_PERIOD] = ATTR_FROM_COLUMN;
        return 1;
    }
    if (c->pkind) {
        o->pkind = c->pkind;
        o->y1 = c->py1;
        o->y2 = c->py2;
        o->from[OBS_FROM_PERIOD] = ATTR_FROM_SHEET;
    } else if (start > 0) {
        o->from[OBS_FROM_PERIOD] = ATTR_FROM_COLUMN;   /* its start date's cell */
        const attribute_gz_entry *f = fund ? attribute_gazetteer_get(c->gz, GZ_FUND, fund) : NULL;
        int y = (int)(start / 10000), m = (int)(start / 100 % 100);
        if (f && f->fiscal_year) {
            o->pkind = PERIOD_FISCAL;
            o->y1 = m >= 7 ? y : y - 1;
            o->y2 = o->y1 + 1;
        } else {
            o->pkind = PERIOD_YEAR;
            o->y1 = o->y2 = y;
        }
    }
    return 1;
}

typedef struct {
    const char *country, *region, *locality;
    unsigned char country_from, region_from;   /* attribute_from */
} place;

/* Region and locality cells: 0 and a reject when the region is unknown, 0
 * and *err when out of memory. */
static int row_place(rows_ctx *c, const read_sheet_row *r, place *p, ac_error *err)
{
    const char *rt = text_of(c, r, GZ_HF_REGION), *lt = text_of(c, r, GZ_HF_LOCALITY);
    const attribute_gz_entry *reg, *loc, *ce;
    memset(p, 0, sizeof *p);
    if ((*err = entry_in(c, rt, 1u << GZ_REGION | 1u << GZ_GROUPING | 1u << GZ_LOCALITY, &reg)) ||
        (*err = entry_in(c, lt, 1u << GZ_LOCALITY | 1u << GZ_REGION, &loc)) ||
        (*err = entry_in(c, text_of(c, r, GZ_HF_COUNTRY), 1u << GZ_COUNTRY, &ce)))
        return 0;
    if (rt && !reg) {
        *err = reject(c, r, GZ_HF_REGION, rt, "unknown region");
        return 0;
    }
    int implied = 0;              /* the region of a locality */
    if (reg && reg->type == GZ_LOCALITY) {
        loc = loc ? loc : reg;
        reg = attribute_gazetteer_get(c->gz, GZ_REGION, reg->region);
        implied = 1;
    }
    if (!reg && loc) {
        reg = loc->type == GZ_REGION ? loc : attribute_gazetteer_get(c->gz, GZ_REGION, loc->region);
        implied = loc->type != GZ_REGION;
    }
    p->region = reg ? reg->name : NULL;
    p->locality = lt ? lt : loc && loc->type == GZ_LOCALITY ? loc->name : NULL;
    p->country = reg ? reg->country : ce ? ce->id : c->country;
    /* a region cell names its region; a locality cell implies it; a
       region implies its country unless the country cell names it */
    p->region_from = !reg ? ATTR_FROM_NONE : implied ? ATTR_FROM_REFERENCE : ATTR_FROM_COLUMN;
    p->country_from = !p->country ? ATTR_FROM_NONE
                      : ce && !strcmp(ce->id, p->country) ? ATTR_FROM_COLUMN
                      : reg ? ATTR_FROM_REFERENCE : ATTR_FROM_SHEET;
    return 1;
}

/* The entry a cell names (its id; a sector's name), dflt for no cell, in
 * *out; AC_ERR_NOMEM when out of memory. */
static ac_error row_entry(rows_ctx *c, const read_sheet_row *r, int field, attribute_gz_type type,
                          const char *dflt, const char **out)
{
    const char *t = text_of(c, r, field);
    const attribute_gz_entry *e;
    *out = dflt;
    if (!t)
        return AC_OK;
    ac_error err = entry_in(c, t, 1u << type, &e);
    if (err)
        return err;
    if (!e)
        warn_unknown(c, r, field, t, "rows with it have none");
    *out = e ? (type == GZ_SECTOR ? e->name : e->id) : NULL;
    return AC_OK;
}

/* Dates and duration: 0 and a reject for a date that cannot exist, 0 and
 * *err when out of memory. */
static int row_dates(rows_ctx *c, const read_sheet_row *r, obs *o, ac_error *err)
{
    long s, e;
    int sok = read_date(c, cell(c, r, GZ_HF_START), &s);
    int eok = read_date(c, cell(c, r, GZ_HF_END), &e);
    if (sok < 0 || eok < 0) {
        *err = AC_ERR_NOMEM;
        return 0;
    }
    if (!sok || !eok) {
        int f = !sok ? GZ_HF_START : GZ_HF_END;
        *err = reject(c, r, f, text_of(c, r, f), "a date that cannot exist or be read");
        return 0;
    }
    if (s && e && e < s) {
        *err = reject(c, r, GZ_HF_END, text_of(c, r, GZ_HF_END), "ends before it starts");
        return 0;
    }
    o->start_ymd = s;
    o->end_ymd = e;
    o->months = read_months(c, cell(c, r, GZ_HF_MONTHS));
    if (!o->months && s && e)
        o->months = months_between(s, e);
    if (s && (int)(s / 10000) > c->max_year)
        c->max_year = (int)(s / 10000);
    return 1;
}

/* ---- totals ------------------------------------------------------------------------------ */

/* The project amounts since from: their sum in currency cur, how many,
 * whether others of another currency are among them, and what they all
 * share (copied into t). */
static void covered(rows_ctx *c, size_t from, const char *cur, obs *t, int *others)
{
    int first = 1;
    *others = 0;
    t->rows_sum = (scan_num_dec){0, 0};
    for (size_t i = from; i < c->out->n; i++) {
        const obs *p = &c->out->v[i];
        if (!p->project || p->measure != OBS_AMOUNT || p->total)
            continue;
        if (!cur || !p->unit || strcmp(cur, p->unit)) {
            *others = 1;
            continue;
        }
        if (!scan_num_add(&t->rows_sum, p->value))
            continue;               /* beyond 64 bits: the check says unverifiable */
        if (!t->rows_n++)
            t->rows_first = p->line;
        t->rows_last = p->line;
        if (first) {
            t->fund = p->fund, t->sector = p->sector, t->region = p->region;
            t->country = p->country, t->pkind = p->pkind, t->y1 = p->y1, t->y2 = p->y2;
            for (int k = 0; k < OBS_FROM__N; k++)   /* what all its rows state */
                t->from[k] = ATTR_FROM_PARTS;
            first = 0;
            continue;
        }
        if (t->fund && (!p->fund || strcmp(t->fund, p->fund)))
            t->fund = NULL;
        if (t->sector && (!p->sector || strcmp(t->sector, p->sector)))
            t->sector = NULL;
        if (t->region && (!p->region || strcmp(t->region, p->region)))
            t->region = NULL;
        if (t->country && (!p->country || strcmp(t->country, p->country)))
            t->country = NULL;
        if (t->y1 != p->y1 || t->y2 != p->y2 || t->pkind != p->pkind)
            t->pkind = PERIOD_NONE, t->y1 = t->y2 = 0;
    }
}

static ac_error total_row(rows_ctx *c, const read_sheet_row *r, int level, const amount *am)
{
    obs t = base_obs(c, r);
    int amb = 0;
    const char *cur;
    if (!t.snippet || row_currency(c, r, am, c->fund, c->country, &amb, &cur))
        return AC_ERR_NOMEM;
    int others = 0;
    covered(c, c->block[level], cur, &t, &others);
    if (!cur)
        return reject(c, r, GZ_HF_AMOUNT, NULL, "a total with no currency");
    if (!t.rows_n && !others) {
        diag_warn(c->d, c->path, r->row, "sheet \"%s\": a total row with no project above it: "
                  "not loaded", c->s->name);
        return AC_OK;
    }
    t.measure = OBS_AMOUNT;
    t.value = am->value;
    t.unit = cur;
    t.currency_ambiguous = amb;
    t.qual = am->qual;
    t.total = 1;
    t.subset_total = others;
    for (int k = 0; k < OBS_FROM__N; k++)   /* the rows differ: not stated */
        if (!attribute_obs_stated(&t, k))
            t.from[k] = ATTR_FROM_NONE;
    if (!t.country && (t.country = c->country))
        t.from[OBS_FROM_COUNTRY] = ATTR_FROM_SHEET;
    for (int k = 1; k <= level; k++)
        c->block[k] = c->out->n + 1;
    return push(c, &t);
}

/* ---- the row ----------------------------------------------------------------------------- */

/* A row whose amount is money put into a project (allocated, disbursed,
 * or of no stated kind) is a project; a row of pledges, contributions
 * received, needs, gaps or co-financing (its column's header says so) is
 * not: it states its amount and no project. */
static int project_kind(int kind)
{
    return kind == KIND_NONE || kind == KIND_ALLOCATED || kind == KIND_DISBURSED;
}

static ac_error project_row(rows_ctx *c, const read_sheet_row *r, const amount *am)
{
    ac_error err = AC_OK;
    obs o = base_obs(c, r);
    place p;
    if (!o.snippet)
        return AC_ERR_NOMEM;
    if (!row_place(c, r, &p, &err) || !row_dates(c, r, &o, &err))
        return err;
    o.country = p.country;
    o.region = p.region;
    o.locality = p.locality;
    o.from[OBS_FROM_COUNTRY] = p.country_from;
    o.from[OBS_FROM_REGION] = p.region_from;
    if ((err = row_entry(c, r, GZ_HF_FUND, GZ_FUND, c->fund, &o.fund)) ||
        (err = row_entry(c, r, GZ_HF_SECTOR, GZ_SECTOR, NULL, &o.sector)))
        return err;
    o.from[OBS_FROM_FUND] = !o.fund ? ATTR_FROM_NONE
                            : text_of(c, r, GZ_HF_FUND) ? ATTR_FROM_COLUMN : ATTR_FROM_SHEET;
    o.from[OBS_FROM_SECTOR] = o.sector ? ATTR_FROM_COLUMN : ATTR_FROM_NONE;
    o.title = text_of(c, r, GZ_HF_TITLE);
    o.partner = text_of(c, r, GZ_HF_PARTNER);
    int period = row_period(c, r, o.fund, o.start_ymd, &o);
    if (period < 0)
        return AC_ERR_NOMEM;
    if (!period)
        return reject(c, r, GZ_HF_PERIOD, text_of(c, r, GZ_HF_PERIOD), "period cannot be read");
    int amb = 0;
    const char *cur;
    if ((err = row_currency(c, r, am, o.fund, o.country, &amb, &cur)))
        return err;
    if (!cur)
        return reject(c, r, GZ_HF_AMOUNT, text_of(c, r, GZ_HF_AMOUNT),
                      "no currency (none in the cell, the header, a currency column or the "
                      "fund's reference data)");
    o.measure = OBS_AMOUNT;
    o.value = am->value;
    o.unit = cur;
    o.currency_ambiguous = amb;
    o.qual = am->qual;
    o.project = 1;
    if ((err = push(c, &o)) || !project_kind(o.kind))
        return err;                /* a row of pledges, needs...: no project */
    o.measure = OBS_COUNT;
    o.kind = KIND_NONE;
    o.value = (scan_num_dec){1, 0};
    o.unit = "projects";
    o.qual = SCAN_Q_EXACT;
    o.currency_ambiguous = 0;
    return push(c, &o);
}

/* A row holding an amount and nothing that names a project. */
static int only_amount(const rows_ctx *c, const read_sheet_row *r)
{
    static const int names[] = {GZ_HF_TITLE, GZ_HF_ID, GZ_HF_REGION, GZ_HF_LOCALITY,
                                GZ_HF_SECTOR, GZ_HF_PARTNER, GZ_HF_START};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (text_of(c, r, names[i]))
            return 0;
    return 1;
}

/* A note under or beside the table ("Source : ...", "NB : ..."): one
 * cell of text and nothing else. */
static int note_row(const read_sheet_row *r)
{
    return r->n == 1 && r->cell[0].kind == CELL_TEXT;
}

static ac_error one_row(rows_ctx *c, const read_sheet_row *r)
{
    const read_sheet_cell *x = cell(c, r, GZ_HF_AMOUNT);
    int level = total_level(c, r);
    if (level < 0)
        return AC_ERR_NOMEM;
    if (level && (!x || x->kind == CELL_NO_VALUE)) {
        diag_warn(c->d, c->path, r->row, "sheet \"%s\": a total row with no %s amount: not "
                  "checked", c->s->name, x ? "computed" : "");
        return AC_OK;
    }
    if (!x) {
        if (note_row(r) || only_amount(c, r))
            return AC_OK;          /* a note, a spacer: nothing stated */
        return reject(c, r, GZ_HF_AMOUNT, NULL, "no amount");
    }
    amount am;
    const char *why = NULL;
    int got = read_amount(c, x, &am, &why);
    if (got < 0)
        return AC_ERR_NOMEM;
    if (!got)
        return reject(c, r, GZ_HF_AMOUNT, x->kind == CELL_NO_VALUE ? x->formula : x->text, why);
    if (!level && only_amount(c, r) && c->out->n > c->block[2])
        level = 2;                 /* an amount alone below rows: their total, checked */
    return level ? total_row(c, r, level, &am) : project_row(c, r, &am);
}

static ac_error sheet_rows(rows_ctx *c)
{
    c->lang = amount_lang(c);
    ac_error cerr = list_context(c);
    if (cerr)
        return cerr;
    c->block[1] = c->block[2] = c->out->n;
    for (size_t i = c->h->header_index + 1; i < c->s->n; i++) {
        if (!c->s->row[i].n)
            continue;
        ac_error err = one_row(c, &c->s->row[i]);
        arena_reset(c->tmp);
        if (err)
            return err;
    }
    return AC_OK;
}

/* The sheets of b that are project lists: ok[i] when sheet i has a header
 * (no message yet), *n of them.  AC_ERR_NOMEM when out of memory: a sheet
 * then is not known not to be a project list. */
static ac_error mapped_sheets(const book *b, const char *path, const gazetteer *gz,
                              const attribute_sheet_opts *o, arena *a, attribute_sheet_header *h,
                              int *ok, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < b->n; i++) {
        ac_error err = attribute_sheet_map_header(&b->sheet[i], path, gz, o, NULL, a, &h[i]);
        if (err == AC_ERR_NOMEM)
            return err;
        ok[i] = err == AC_OK;
        *n += (size_t)ok[i];
    }
    return AC_OK;
}

/* Not a project list: say why for every sheet. */
static ac_error no_project_list(const book *b, const char *path, const gazetteer *gz,
                                const attribute_sheet_opts *o, diag *d, arena *a,
                                attribute_sheet_header *h)
{
    for (size_t i = 0; i < b->n; i++)
        if (attribute_sheet_map_header(&b->sheet[i], path, gz, o, d, a, &h[i]) == AC_ERR_NOMEM)
            return AC_ERR_NOMEM;
    if (!b->n)
        diag_fail(d, AC_ERR_PARSE, path, 0, "no sheet with rows: nothing to read");
    return AC_ERR_PARSE;
}

ac_error attribute_sheet_rows(scan_ctx *sx, const book *b, const char *path, const char *name,
                            const gazetteer *gz, const attribute_sheet_opts *o, diag *d, arena *a,
                            attribute_obs_list *out, attribute_sheet_reject_list *rej, attribute_info *info)
{
    memset(info, 0, sizeof *info);
    attribute_sheet_header *h = arena_alloc(a, (b->n ? b->n : 1) * sizeof *h);
    int *ok = arena_alloc(a, (b->n ? b->n : 1) * sizeof *ok);
    size_t nmapped = 0;
    if (!h || !ok)
        return AC_ERR_NOMEM;
    ac_error merr = mapped_sheets(b, path, gz, o, a, h, ok, &nmapped);
    if (merr)
        return merr;
    if (!nmapped)
        return no_project_list(b, path, gz, o, d, a, h);
    for (size_t i = 0; i < b->n; i++) {
        if (!ok[i]) {
            diag_warn(d, path, 0, "sheet \"%s\": no header row naming the amount: not a "
                      "project list, skipped", b->sheet[i].name);
            continue;
        }
        rows_ctx *c = arena_alloc(a, sizeof *c);
        if (!c)
            return AC_ERR_NOMEM;
        *c = (rows_ctx){.b = b, .s = &b->sheet[i], .path = path, .name = name, .gz = gz, .sx = sx,
                        .d = d, .a = a, .tmp = arena_new(0), .h = &h[i], .out = out, .rej = rej};
        ac_error err = c->tmp ? sheet_rows(c) : AC_ERR_NOMEM;
        arena_free(c->tmp);
        if (err)
            return err;
        if (!info->country)
            info->country = c->country;
        if (!info->fund)
            info->fund = c->fund;
        if (c->py2 > info->doc_year)
            info->doc_year = c->py2;
        if (c->max_year > info->doc_year)
            info->doc_year = c->max_year;
        info->lang = c->lang;
    }
    return AC_OK;
}
