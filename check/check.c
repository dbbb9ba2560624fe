/*
 * check.c — the checks' API: findings, their order and their values as
 * text; the shared helpers; impossible dates and impossible figures (see
 * check.h for the rules; sums are in check_sum.c, the other rules in
 * check_rules.c).
 */
#include "check_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/vec.h"

#define REFS_MAX 30000   /* under Excel's 32,767 characters per cell */
/* An impossible cell's parts' references are cut after this many bytes. */
#define PARTS_MAX (REFS_MAX + 63)

static ac_error push(finding_list *fl, const finding *f)
{
    ac_error err;
    VEC_PUSH(err, fl->v, fl->n, fl->cap);
    if (err)
        return err;
    fl->v[fl->n++] = *f;
    return AC_OK;
}

const char *check_verdict_name(check_verdict v)
{
    switch (v) {
    case VERDICT_OK: return "ok";
    case VERDICT_MISMATCH: return "mismatch";
    case VERDICT_UNVERIFIABLE: return "unverifiable";
    case VERDICT_INVALID: return "invalid";
    }
    return "?";
}

size_t check_count(const finding_list *fl, check_verdict v)
{
    size_t n = 0;
    for (size_t i = 0; i < fl->n; i++)
        n += fl->v[i].verdict == v;
    return n;
}

const char *check_format_value(int64_t v, int scale, char *buf, size_t size)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    if (scale < 0)
        scale = 0;
    if (scale > 18)
        scale = 18;
    char tmp[48];
    size_t k = 0;
    if (v < 0)
        tmp[k++] = '-';
    if (n <= scale) {               /* 0.0ddd */
        tmp[k++] = '0';
        tmp[k++] = '.';
        for (int i = n; i < scale; i++)
            tmp[k++] = '0';
        memcpy(tmp + k, digits, (size_t)n);
        k += (size_t)n;
    } else {
        memcpy(tmp + k, digits, (size_t)(n - scale));
        k += (size_t)(n - scale);
        if (scale) {
            tmp[k++] = '.';
            memcpy(tmp + k, digits + n - scale, (size_t)scale);
            k += (size_t)scale;
        }
    }
    tmp[k] = '\0';
    snprintf(buf, size, "%s", tmp);
    return buf;
}

ac_error check_add_invalid_date(finding_list *fl, arena *a, const char *doc,
                                long line, const char *text)
{
    finding f;
    memset(&f, 0, sizeof f);
    f.verdict = VERDICT_INVALID;
    f.rule = "date";
    f.what = arena_printf(a, "impossible date \"%s\"", text);
    f.unit = "";
    f.lines = arena_printf(a, "%s:%ld", doc, line);
    f.doc = arena_strdup(a, doc);
    f.line = line;
    if (!f.what || !f.lines || !f.doc)
        return AC_ERR_NOMEM;
    return push(fl, &f);
}

/* ---- shared helpers ------------------------------------------------------ */

void check_refs_add(check_ref_list *r, const check_ctx *x, size_t fact)
{
    if (r->b.n > REFS_MAX) {
        r->more++;
        return;
    }
    const obs *o = &x->f->o[fact];
    char span[OBS_SPAN_SIZE];
    strbuf_addf(&r->b, "%s%s:%ld:%s", r->b.n ? " " : "", o->doc, o->line,
                attribute_obs_span(o, span, sizeof span));
}

int check_same_kind(const check_ctx *x, size_t i, size_t j)
{
    /* Counts and shares have no kind: a count and an amount of one
     * statement are compared as before; two amounts only when of one class
     * (check_kind_class: allocated and not said are one) */
    const fact_table *f = &x->m->f;
    if (f->measure[i] != OBS_AMOUNT || f->measure[j] != OBS_AMOUNT)
        return 1;
    return check_kind_class(x->m, i) == check_kind_class(x->m, j);
}

int check_cmp_in_source(const fact_table *f, uint32_t i, uint32_t j, long ki, long kj)
{
    if (f->source[i] != f->source[j])
        return f->source[i] < f->source[j] ? -1 : 1;
    if (ki != kj)
        return ki < kj ? -1 : 1;
    return i < j ? -1 : i > j;
}

int check_same_structure(const check_ctx *x, size_t i, size_t j)
{
    const fact_table *f = x->f;
    const obs *a = &f->o[i], *b = &f->o[j];
    if (f->source[i] != f->source[j])
        return 0;
    if (a->sheet || b->sheet)        /* the rows of one sheet are one list */
        return a->sheet && b->sheet && !strcmp(a->sheet, b->sheet);
    return a->group && a->group == b->group;
}

const char *check_fact_text(const check_ctx *x, size_t i)
{
    const obs *o = &x->f->o[i];
    char v[40];
    scan_num_format(o->value, v, sizeof v);
    return arena_printf(x->a, "%s%s%s", v, o->unit && *o->unit ? " " : "", o->unit ? o->unit : "");
}

void check_refs_free(check_ref_list *r)
{
    strbuf_free(&r->b);
    r->more = 0;
}

const char *check_refs_take(check_ref_list *r, arena *a)
{
    const char *out = NULL;
    if (!r->b.failed) {
        const char *s = strbuf_str(&r->b);
        out = r->more ? arena_printf(a, "%s ... (%zu more)", s, r->more) : arena_strdup(a, s);
    }
    check_refs_free(r);
    return out;
}

int check_fact_cls(const model *m, size_t i)
{
    if (model_fact_summable(m, i, 0))
        return CLS_AMOUNT;
    if (model_fact_summable(m, i, 1))
        return CLS_PROJECTS;
    return CLS_NONE;
}

int check_kind_class(const model *m, size_t i)
{
    int k = m->f.kind[i];
    return k == KIND_ALLOCATED ? KIND_NONE : k;
}

void check_fact_key(const check_ctx *x, size_t i, int32_t key[DIM__N])
{
    for (int d = 0; d < DIM__N; d++)
        key[d] = x->f->key[d][i];
}

const char *check_coord_text(const check_ctx *x, const int32_t key[DIM__N])
{
    const model *m = x->m;
    char buf[512];
    size_t n = 0;
#define ADD(s)                                                                       \
    do {                                                                             \
        const char *s_ = (s);                                                        \
        if (s_ && *s_ && n < sizeof buf - 1)                                          \
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? " " : "", s_); \
        if (n > sizeof buf - 1)                                                      \
            n = sizeof buf - 1;                                                      \
    } while (0)
    if (key[DIM_FUND] >= KEY_FIRST_MEMBER)
        ADD(m->dim[DIM_FUND].m[key[DIM_FUND]].name);
    if (key[DIM_REGION] >= KEY_FIRST_MEMBER) {
        const member *r = &m->dim[DIM_REGION].m[key[DIM_REGION]];
        ADD(r->code);
        if (r->kind != MK_COUNTRY)
            ADD(r->name);
    }
    if (key[DIM_SECTOR] >= KEY_FIRST_MEMBER)
        ADD(m->dim[DIM_SECTOR].m[key[DIM_SECTOR]].name);
    if (key[DIM_PERIOD] >= KEY_FIRST_MEMBER)
        ADD(m->dim[DIM_PERIOD].m[key[DIM_PERIOD]].name);
#undef ADD
    if (!n)
        snprintf(buf, sizeof buf, "Total");
    return arena_strdup(x->a, buf);
}

int64_t check_sum_tolerance(const check_ctx *x, size_t i)
{
    const fact_table *f = x->f;
    int64_t v = f->v[i] < 0 ? -f->v[i] : f->v[i];
    if (f->flags[i] & FACT_APPROX)
        return v / 20;                      /* 5 % */
    if (f->measure[i] != OBS_AMOUNT)
        return 0;
    scan_num_dec s = f->o[i].value;
    if (s.scale == 0 && s.mant % 100000 == 0)
        return v / 200;                     /* a rounded figure: 11,9 millions */
    return 100;                             /* one unit of rounding */
}

ac_error check_push(check_ctx *x, finding *f, size_t first)
{
    if (!f->what || !f->lines)
        return AC_ERR_NOMEM;
    if (first != SIZE_MAX) {
        f->doc = x->f->o[first].doc;
        f->line = x->f->o[first].line;
    }
    return push(x->out, f);
}

/* ---- impossible figures ------------------------------------------------------ */

static ac_error impossible_fact(check_ctx *x, size_t i)
{
    const fact_table *f = x->f;
    const obs *o = &f->o[i];
    int32_t key[DIM__N];
    check_fact_key(x, i, key);
    finding r;
    memset(&r, 0, sizeof r);
    r.rule = "impossible";
    r.verdict = VERDICT_INVALID;
    r.has_stated = r.has_computed = 1;
    const char *what;
    if (f->measure[i] == OBS_SHARE) {
        int sc = o->value.scale > 6 ? 6 : o->value.scale;
        int64_t v = o->value.mant, hundred = 100;
        for (int k = o->value.scale; k > sc; k--)
            v /= 10;
        for (int k = 0; k < sc; k++)
            hundred *= 10;
        r.stated = v;
        r.computed = hundred;
        r.scale = sc;
        r.unit = "%";
        what = "a share above 100 %";
    } else if (f->measure[i] == OBS_AMOUNT && !(f->flags[i] & FACT_NO_RATE)) {
        r.stated = f->v[i];
        r.scale = 2;
        r.unit = "USD";
        what = f->v[i] < 0 ? "a negative amount" : "an amount above the model's bound (10^15 USD)";
    } else {
        int sc = o->value.scale > 6 ? 6 : o->value.scale;
        int64_t v = o->value.mant;
        for (int k = o->value.scale; k > sc; k--)
            v /= 10;
        r.stated = v;
        r.scale = sc;
        r.unit = o->unit ? o->unit : "";
        what = o->value.mant >= 0 ? "a figure above the model's bound (10^15)"
               : f->measure[i] == OBS_AMOUNT ? "a negative amount" : "a negative count";
    }
    r.diff = r.computed - r.stated;
    r.what = arena_printf(x->a, "%s: %s, not summed", check_coord_text(x, key), what);
    check_ref_list rf = {0};
    check_refs_add(&rf, x, i);
    r.lines = check_refs_take(&rf, x->a);
    return check_push(x, &r, i);
}

/* The first reported fact of cell x for measure `projects`, or SIZE_MAX. */
static size_t first_used(const check_ctx *x, const cube_cell *cl, int projects)
{
    for (uint32_t k = 0; k < cl->nat; k++) {
        size_t j = x->c->at[cl->at0 + k];
        if (x->c->used[j] & (projects ? 2 : 1))
            return j;
    }
    return SIZE_MAX;
}

/* A stated total smaller than its parts: the parts' sum in r and their
 * references in *parts, the reported figures' references in rf.  0 when
 * no source states parts summing above the total (the cube still flags
 * the cell), -1 when out of memory, 1 otherwise. */
static int conflict_parts(check_ctx *x, const cube_cell *cl, int projects, finding *r,
                          const char **parts, check_ref_list *rf)
{
    const cube_val *v = projects ? &cl->projects : &cl->amount;
    int64_t sum = 0;
    check_ref_list pr = {0};
    if (!check_scoped_parts(x, cl, projects ? CLS_PROJECTS : CLS_AMOUNT, &sum, &pr) ||
        sum - v->reported <= v->slack) {
        check_refs_free(&pr);
        return 0;
    }
    if (!(*parts = check_refs_take(&pr, x->a)))
        return -1;
    r->stated = v->reported;
    r->computed = sum;
    for (uint32_t k = 0; k < cl->nat; k++) {
        size_t j = x->c->at[cl->at0 + k];
        if (x->c->used[j] & (projects ? 2 : 1))
            check_refs_add(rf, x, j);
    }
    return 1;
}

/* Derived parts above their total: the shown parts along the first
 * dimension where they exceed it in r, every fact's reference in rf. */
static void exceeding_parts(check_ctx *x, size_t ci, int projects, finding *r, check_ref_list *rf)
{
    const cube *c = x->c;
    const cube_cell *cl = &c->cells[ci];
    const cube_val *v = projects ? &cl->projects : &cl->amount;
    int64_t shown = 0;
    for (int d = 0; d < DIM__N; d++) {
        if (cl->key[d] != KEY_TOTAL)
            continue;
        const uint32_t *ch;
        size_t n = cube_children(c, ci, d, &ch);
        int64_t s = 0;
        for (size_t j = 0; j < n; j++) {
            const cube_val *w = projects ? &c->cells[ch[j]].projects : &c->cells[ch[j]].amount;
            if (w->origin == ORIGIN_DERIVED || (w->origin != ORIGIN_NONE && (w->counted >> d & 1)))
                s += w->value;
        }
        if (s > v->value) {
            shown = s;
            break;
        }
    }
    r->stated = v->value;
    r->computed = shown;
    for (uint32_t k = 0; k < cl->nat; k++)
        check_refs_add(rf, x, c->at[cl->at0 + k]);
}

/* The finding's lines: the facts' references, then the parts' (cut at
 * PARTS_MAX bytes). */
static const char *impossible_lines(check_ctx *x, check_ref_list *rf, const char *parts)
{
    const char *own = check_refs_take(rf, x->a);
    size_t pl = strlen(parts);
    if (pl > PARTS_MAX)
        pl = PARTS_MAX;
    if (own && *own && pl)
        return arena_printf(x->a, "%s %.*s", own, (int)pl, parts);
    return own && *own ? own : arena_strndup(x->a, parts, pl);
}

static ac_error impossible_cell(check_ctx *x, size_t ci, int projects, int exceed)
{
    const cube *c = x->c;
    const cube_cell *cl = &c->cells[ci];
    finding r;
    memset(&r, 0, sizeof r);
    r.rule = "impossible";
    r.verdict = VERDICT_MISMATCH;
    r.has_stated = r.has_computed = 1;
    r.scale = projects ? 0 : 2;
    r.unit = projects ? "projects" : "USD";
    const char *what, *parts = "";
    check_ref_list rf = {0};
    size_t first = first_used(x, cl, projects);
    if (!exceed) {
        int got = conflict_parts(x, cl, projects, &r, &parts, &rf);
        if (got <= 0)
            return got < 0 ? AC_ERR_NOMEM : AC_OK;
        /* parts stated with their total (a table and its total row, an
         * enumeration) are the sum rule's mismatch; figures stated apart
         * are not known to be its parts: the cube shows their sum */
        r.verdict = VERDICT_UNVERIFIABLE;
        what = "a stated figure smaller than figures under it stated apart (not known to be its "
               "parts; the cube shows their sum)";
    } else {
        exceeding_parts(x, ci, projects, &r, &rf);
        what = "derived parts exceed their total";
    }
    r.diff = r.computed - r.stated;
    r.what = arena_printf(x->a, "%s: %s", check_coord_text(x, cl->key), what);
    r.lines = impossible_lines(x, &rf, parts);
    if (first == SIZE_MAX && cl->nat)
        first = c->at[cl->at0];
    if (first == SIZE_MAX) {
        r.doc = "";
        r.line = 0;
    }
    return check_push(x, &r, first);
}

ac_error check_rule_impossible(check_ctx *x)
{
    for (size_t i = 0; i < x->f->n; i++)
        if (x->f->flags[i] & FACT_IMPOSSIBLE) {
            ac_error err = impossible_fact(x, i);
            if (err)
                return err;
        }
    for (size_t ci = 0; ci < x->c->n_cells; ci++)
        for (int projects = 0; projects < 2; projects++) {
            const cube_val *v = projects ? &x->c->cells[ci].projects : &x->c->cells[ci].amount;
            ac_error err = AC_OK;
            if ((v->flags & CELL_CONFLICT) && !(x->sum_mismatch[ci] & (projects ? 2 : 1)))
                err = impossible_cell(x, ci, projects, 0);
            if (!err && (v->flags & CELL_PARTS_EXCEED))
                err = impossible_cell(x, ci, projects, 1);
            if (err)
                return err;
        }
    return AC_OK;
}

/* ---- order and the run ------------------------------------------------------- */

static int rule_rank(const char *r)
{
    static const char *const order[] = {"sum", "per-unit", "share", "shares100", "headline",
                                        "fund-rule", "rate", "peg", "date", "agree",
                                        "impossible", "total-row"};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (!strcmp(r, order[i]))
            return (int)i;
    return (int)(sizeof order / sizeof *order);
}

typedef struct {
    finding f;
    size_t seq;
    int rank;
} sort_row;

static int cmp_findings(const void *a, const void *b)
{
    const sort_row *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    int c = strcmp(x->f.doc ? x->f.doc : "", y->f.doc ? y->f.doc : "");
    if (c)
        return c;
    if (x->f.line != y->f.line)
        return x->f.line < y->f.line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static ac_error sort_findings(finding_list *fl)
{
    if (fl->n < 2)
        return AC_OK;
    sort_row *rows = malloc(fl->n * sizeof *rows);
    if (!rows)
        return AC_ERR_NOMEM;
    for (size_t i = 0; i < fl->n; i++)
        rows[i] = (sort_row){fl->v[i], i, rule_rank(fl->v[i].rule)};
    qsort(rows, fl->n, sizeof *rows, cmp_findings);
    for (size_t i = 0; i < fl->n; i++)
        fl->v[i] = rows[i].f;
    free(rows);
    return AC_OK;
}

ac_error check_run(const cube *c, const check_opts *o, arena *a, finding_list *out)
{
    check_ctx x = {.c = c, .m = c->m, .f = &c->m->f, .o = o, .a = a, .out = out};
    ac_error err = check_index(&x);
    if (!err && !(x.sum_mismatch = calloc(c->n_cells ? c->n_cells : 1, 1)))
        err = AC_ERR_NOMEM;
    if (!err)
        err = check_rule_sentence_sums(&x);
    if (!err)
        err = check_rule_sums(&x);
    if (!err)
        err = check_rule_per_unit(&x);
    if (!err)
        err = check_rule_headline(&x);
    if (!err)
        err = check_rule_rates(&x);
    if (!err)
        err = check_rule_shares(&x);
    if (!err)
        err = check_rule_shares100(&x);
    if (!err)
        err = check_rule_fund(&x);
    if (!err)
        err = check_rule_agree(&x);
    if (!err)
        err = check_rule_impossible(&x);
    if (!err)
        err = check_rule_total_rows(&x);
    free(x.sum_mismatch);
    check_index_free(&x);
    if (!err)
        err = sort_findings(out);
    return err;
}
