/*
 * check_headline.c — rule headline: a figure of a text's headline (its
 * first sentence: the title, with the lead when the title runs into it,
 * as in a one-line PDF text) against the body's figures for exactly the
 * same scope (fund, place, sector, period), measure and kind.  Ok when
 * one of the body's figures agrees (within the rounding of either);
 * else a mismatch against the figure the cube takes from the body (the
 * one stated as a total, else the largest).  A body with no figure for
 * that scope says nothing.
 *
 * Cost: one pass for each source's first sentence, then the facts of each
 * headline figure's cell.
 */
#include "check_int.h"

#include <stdlib.h>
#include <string.h>

/* The headline is the sentence the text opens with: its start (the
 * sentence's id is its first byte + 1) is past at most this many bytes of
 * blank lines before the title.  A text opening with anything else (a
 * masthead with no figure, a page header) has no headline figure. */
#define HEADLINE_START_MAX 16

/* Flags that keep a figure out: a part of a total, a row of a table
 * (unless its total row), one project among others, a restatement. */
#define NOT_A_SCOPE_FIGURE (FACT_PART | FACT_PROJECT | FACT_RESTATEMENT)

static int scope_figure(const check_ctx *x, size_t i)
{
    const fact_table *f = x->f;
    if (!check_fact_cls(x->m, i) || (f->flags[i] & NOT_A_SCOPE_FIGURE) || f->o[i].sheet)
        return 0;
    return !(f->flags[i] & FACT_ITEM) || (f->flags[i] & FACT_TOTAL);
}

/* The body's figures for headline figure h's scope: body[0..*nb). */
static size_t body_figures(const check_ctx *x, size_t h, uint32_t *body)
{
    const fact_table *f = x->f;
    int32_t key[DIM__N];
    check_fact_key(x, h, key);
    const cube_cell *cl = cube_cell_of_facts(x->c, key);
    size_t nb = 0;
    for (uint32_t k = 0; cl && k < cl->nat; k++) {
        uint32_t i = x->c->at[cl->at0 + k];
        if (f->source[i] == f->source[h] && f->o[i].sentence != f->o[h].sentence &&
            check_fact_cls(x->m, i) == check_fact_cls(x->m, h) && scope_figure(x, i) &&
            check_same_kind(x, h, i))
            body[nb++] = i;
    }
    return nb;
}

static ac_error headline_finding(check_ctx *x, size_t h, const uint32_t *body, size_t nb, uint32_t *used)
{
    const fact_table *f = x->f;
    size_t agree = SIZE_MAX;
    for (size_t k = 0; k < nb && agree == SIZE_MAX; k++) {
        int64_t tol = check_sum_tolerance(x, h), t2 = check_sum_tolerance(x, body[k]);
        int64_t d = f->v[body[k]] - f->v[h];
        if ((d < 0 ? -d : d) <= (t2 > tol ? t2 : tol))
            agree = k;
    }
    size_t nused = 0;
    int64_t v;
    if (agree != SIZE_MAX) {
        v = f->v[body[agree]];
        used[nused++] = body[agree];
    } else {
        v = check_collapse(x, body, nb, used, &nused);
    }
    int cls = check_fact_cls(x->m, h);
    int32_t key[DIM__N];
    check_fact_key(x, h, key);
    char hv[32], bv[32];
    finding fd;
    memset(&fd, 0, sizeof fd);
    fd.rule = "headline";
    fd.stated = f->v[h];
    fd.computed = v;
    fd.diff = v - f->v[h];
    fd.scale = cls == CLS_AMOUNT ? 2 : 0;
    fd.has_stated = fd.has_computed = 1;
    fd.unit = cls == CLS_AMOUNT ? "USD" : "projects";
    fd.verdict = agree != SIZE_MAX ? VERDICT_OK : VERDICT_MISMATCH;
    fd.what = arena_printf(x->a, "%s: the headline's %s %s against the body's %s %s", check_coord_text(x, key),
                           check_format_value(f->v[h], fd.scale, hv, sizeof hv), fd.unit,
                           check_format_value(v, fd.scale, bv, sizeof bv), fd.unit);
    check_ref_list r = {0};
    check_refs_add(&r, x, h);
    for (size_t k = 0; k < nused; k++)
        check_refs_add(&r, x, used[k]);
    fd.lines = check_refs_take(&r, x->a);
    return check_push(x, &fd, h);
}

ac_error check_rule_headline(check_ctx *x)
{
    const fact_table *f = x->f;
    const model *m = x->m;
    int *first = malloc((m->n_src ? m->n_src : 1) * sizeof *first);
    uint32_t *body = malloc((f->n ? f->n : 1) * sizeof *body);
    uint32_t *used = malloc((f->n ? f->n : 1) * sizeof *used);
    ac_error err = AC_ERR_NOMEM;
    if (!first || !body || !used)
        goto done;
    for (size_t s = 0; s < m->n_src; s++)
        first[s] = -1;
    for (size_t i = 0; i < f->n; i++) {      /* each text's first sentence */
        int32_t s = f->source[i];
        if (!f->o[i].sheet && f->o[i].sentence >= 1 && f->o[i].sentence <= HEADLINE_START_MAX + 1 &&
            (first[s] < 0 || f->o[i].sentence < first[s]))
            first[s] = f->o[i].sentence;
    }
    err = AC_OK;
    for (size_t h = 0; h < f->n && !err; h++) {
        if (f->o[h].sheet || f->o[h].sentence != first[f->source[h]] || !scope_figure(x, h))
            continue;
        size_t nb = body_figures(x, h, body);
        if (nb)
            err = headline_finding(x, h, body, nb, used);
    }
done:
    free(first);
    free(body);
    free(used);
    return err;
}
