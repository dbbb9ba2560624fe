/*
 * attribute.c — the driver of attribution (see attribute.h for the rules,
 * attribute_int.h for the passes).
 *
 * Data flow for one document:
 *
 *   text ─▶ dates (the document's year) ─▶ scan (figures, periods) with the
 *   cells of text tables in place of their rows ─▶ gazetteer mentions and
 *   their values (attribute_scope.c) ─▶ blocks and their kinds (attribute_blocks.c)
 *   ─▶ chart runs and label pairing (attribute_runs.c) ─▶ lists demoted ─▶
 *   document values ─▶ the section walk, one observation per figure
 *   (attribute_resolve.c) ─▶ captions (attribute_runs.c), money kinds
 *   (attribute_kind.c) and parts of wholes of their kind (attribute_nest.c).
 *
 * Invariants: items and mentions arrive sorted by start offset; every block
 * owns a contiguous range of each; every figure item yields exactly one
 * observation (nothing is dropped for lack of attributes).
 *
 * Memory: everything is allocated from the caller's arena; the gazetteer
 * and the document are borrowed.
 */
#include "attribute.h"
#include "../read/read_sheet.h"

#include <stdio.h>
#include <string.h>

#include "../base/diag.h"
#include "attribute_int.h"

/* The document's year from its latest full date, else its title; the
 * scanner then gives "le 13 juin" that year. */
static ac_error document_year(attribute_ctx *c, scan_opts *so, int *month, int *day)
{
    scan_item *items;
    size_t n_items;
    so->kinds = SCAN_MASK(SCAN_DATE);
    ac_error err = scan_text(c->sx, c->doc->text, c->doc->len, so, c->a, &items, &n_items);
    if (err)
        return err;
    c->doc_year = attribute_latest_date_year(items, n_items, month, day);
    if (!c->doc_year && (err = attribute_title_year(c->sx, c->doc, so, c->a, &c->doc_year)))
        return err;
    so->kinds = 0;
    so->doc_year = c->doc_year;
    return AC_OK;
}

/* Tables pasted as text: their cells replace what the scanner read in
 * their data rows (a row of bare numbers means nothing without its
 * header); periods and dates ("2016/2017" in a column) stay the
 * scanner's. */
static ac_error merge_tables(attribute_ctx *c, scan_lang lang)
{
    scan_item *tit;
    size_t n_tit;
    ac_error err = scan_table_find(c->sx, c->doc, lang, c->a, &tit, &n_tit, &c->trow, &c->n_trow);
    if (err || !c->n_trow)
        return err;
    scan_item *merged = arena_alloc(c->a, (c->n_it + n_tit + 1) * sizeof *merged);
    if (!merged)
        return AC_ERR_NOMEM;
    size_t n = 0, ti = 0, r = 0;
    for (size_t i = 0; i <= c->n_it; i++) {
        size_t pos = i < c->n_it ? c->it[i].start : (size_t)-1;
        while (ti < n_tit && tit[ti].start <= pos)
            merged[n++] = tit[ti++];
        if (i == c->n_it)
            break;
        while (r < c->n_trow && c->trow[r].end < pos)
            r++;
        const scan_table_row *row = r < c->n_trow ? &c->trow[r] : NULL;
        if (row && row->start <= pos && pos < row->end && !row->title &&
            c->it[i].kind != SCAN_PERIOD && c->it[i].kind != SCAN_DATE)
            continue;
        merged[n++] = c->it[i];
    }
    c->it = merged;
    c->n_it = n;
    return AC_OK;
}

/* Impossible dates ("30 février 2017"): warned about with their line, and
 * listed in info. */
static ac_error invalid_dates(const attribute_ctx *c, diag *dg, attribute_info *info)
{
    const read_text_doc *doc = c->doc;
    size_t n_invalid = 0;
    long *bad_line = arena_alloc(c->a, (c->n_it + 1) * sizeof *bad_line);
    const char **bad_text = arena_alloc(c->a, (c->n_it + 1) * sizeof *bad_text);
    if (!bad_line || !bad_text)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < c->n_it; i++) {
        const scan_item *s = &c->it[i];
        if ((s->kind != SCAN_DATE && s->kind != SCAN_PERIOD) || !s->invalid)
            continue;
        bad_line[n_invalid] = read_text_line_of(doc, s->start);
        bad_text[n_invalid] = arena_strndup(c->a, doc->text + s->start, s->end - s->start);
        if (!bad_text[n_invalid])
            return AC_ERR_NOMEM;
        n_invalid++;
        diag_warn(dg, doc->path, read_text_line_of(doc, s->start),
                  "invalid date \"%.*s\" (no such day in that month): not used",
                  (int)(s->end - s->start), doc->text + s->start);
    }
    info->n_invalid_dates = n_invalid;
    info->bad_date_line = bad_line;
    info->bad_date_text = bad_text;
    return AC_OK;
}

/* Scan, match, and cut the document into classified blocks and runs. */
static ac_error prepare(attribute_ctx *c, scan_opts *so, diag *dg, attribute_info *info)
{
    int month, day;
    scan_remember(c->sx, c->doc->text, c->doc->len);   /* scanned twice: dates, then all */
    ac_error err = document_year(c, so, &month, &day);
    if (!err)
        err = scan_text(c->sx, c->doc->text, c->doc->len, so, c->a, &c->it, &c->n_it);
    scan_forget(c->sx);
    if (err || (err = merge_tables(c, so->lang)) ||
        (err = attribute_gazetteer_find(c->gz, c->doc->text, c->doc->len, c->a, &c->mn, &c->n_mn)) ||
        (err = attribute_fund_refs(c)) || (err = attribute_mention_values(c)))
        return err;
    attribute_drop_venues(c);
    attribute_fund_defaults(c);
    if ((err = attribute_find_cues(c)) || (err = attribute_build_blocks(c)) ||
        (err = invalid_dates(c, dg, info)))
        return err;
    info->lang = so->lang;
    info->doc_year = c->doc_year;
    info->doc_month = month;
    info->doc_day = day;
    attribute_classify_blocks(c);
    return AC_OK;
}

ac_error attribute_document(scan_ctx *sx, const read_text_doc *doc, const gazetteer *gz,
                            int force_lang, diag *dg, arena *a, attribute_obs_list *out,
                            attribute_info *info)
{
    attribute_ctx c = {.doc = doc, .gz = gz, .sx = sx, .a = a};
    if (!(c.memo = arena_alloc(a, sizeof *c.memo)))
        return AC_ERR_NOMEM;
    memset(c.memo, 0, sizeof *c.memo);
    attribute_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    scan_opts so = {0};
    so.lang = force_lang >= 0 ? (scan_lang)force_lang : scan_detect_lang(doc->text, doc->len);
    so.lang_guessed = force_lang < 0;
    ac_error err = prepare(&c, &so, dg, info);
    if (err)
        return err;
    attribute_label *il = arena_alloc(a, (c.n_it + 1) * sizeof *il);
    if (!il)
        return AC_ERR_NOMEM;
    attribute_find_runs(&c, il);
    attribute_demote_lists(&c);
    const char *doc_val[D__N] = {0};
    doc_val[D_FUND] = attribute_dominant(&c, D_FUND, 1);
    doc_val[D_COUNTRY] = attribute_dominant(&c, D_COUNTRY, 0);
    info->country = doc_val[D_COUNTRY];
    info->fund = attribute_fund_known(doc_val[D_FUND]);
    size_t first_obs = out->n;
    if ((err = attribute_resolve(&c, il, doc_val, dg, out)) ||
        (err = attribute_captions(&c, out, first_obs)))
        return err;
    if ((err = attribute_kind_mark(&c, out, first_obs)))   /* kinds first: a part is of */
        return err;                                        /* its whole's kind          */
    attribute_nest_headline(out, first_obs);               /* before the parts: a part */
    attribute_nest_parts(&c, out, first_obs);              /* of the headline is of its */
    return AC_OK;                                          /* kind                      */
}
const char *attribute_obs_measure_name(attribute_obs_measure m)
{
    switch (m) {
    case OBS_AMOUNT: return "amount";
    case OBS_COUNT: return "count";
    case OBS_SHARE: return "share";
    }
    return "?";
}

const char *attribute_obs_span(const obs *o, char *buf, size_t size)
{
    char cn[8];
    if (o->sheet)
        snprintf(buf, size, "%.*s!%s%ld", OBS_SPAN_SHEET_MAX, o->sheet,
                 read_sheet_col_name(o->col, cn, sizeof cn), o->line);
    else
        snprintf(buf, size, "%zu-%zu", o->start, o->end);
    return buf;
}

const char *attribute_obs_period(const obs *o, char *buf, size_t size)
{
    if (!o->y1)
        buf[0] = '\0';
    else if (o->y1 == o->y2)
        snprintf(buf, size, "%d", o->y1);
    else
        snprintf(buf, size, "%d-%d", o->y1, o->y2);
    return buf;
}


/* attribute_from's names, as extract and the warehouse spell them. */
static const char *const from_names[ATTR_FROM__N] = {
    "", "clause", "sentence", "paragraph", "item", "label", "heading",
    "document", "reference", "whole", "parts", "column", "sheet"};

const char *attribute_from_name(int from)
{
    return from > 0 && from < ATTR_FROM__N ? from_names[from] : "";
}

int attribute_from_of_name(const char *name)
{
    for (int k = 0; k < ATTR_FROM__N; k++)
        if (name && !strcmp(name, from_names[k]))
            return k;
    return -1;
}

const char *attribute_from_attr_name(int attr)
{
    static const char *const names[OBS_FROM__N] = {"fund", "country", "region", "sector",
                                                   "period"};
    return attr >= 0 && attr < OBS_FROM__N ? names[attr] : "";
}

int attribute_obs_stated(const obs *o, int attr)
{
    const char *v = attr == OBS_FROM_FUND ? o->fund : attr == OBS_FROM_COUNTRY ? o->country
                  : attr == OBS_FROM_REGION ? o->region : attr == OBS_FROM_SECTOR ? o->sector
                  : NULL;
    return attr == OBS_FROM_PERIOD ? o->y1 != 0 : v && *v;
}

const char *attribute_obs_from(const obs *o, char *buf, size_t size)
{
    size_t k = 0;
    buf[0] = '\0';
    for (int d = 0; d < OBS_FROM__N && k < size; d++) {
        if (!attribute_obs_stated(o, d))
            continue;
        const char *f = o->from[d] ? attribute_from_name(o->from[d]) : "none";
        int n = snprintf(buf + k, size - k, "%s%s=%s", k ? "," : "",
                         attribute_from_attr_name(d), f);
        k = n < 0 ? size : k + (size_t)n;
    }
    return buf;
}
