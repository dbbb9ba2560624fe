/*
 * model_kind.c — money kinds in the fact model: what the funding adds, the
 * rule "one kind per coordinate", and the views of the other kinds.
 *
 * The rules (model.h "Money kinds"; README.md "How the figures are
 * computed", rule 10):
 *   - a fund's funding adds only what it put into projects: amounts
 *     allocated (committed, budgeted, approved) or whose kind the words do
 *     not say, and amounts disbursed or spent;
 *   - never two of those for one scope: at a coordinate (sector, region,
 *     period, fund) where an allocation or an amount of unsaid kind is
 *     stated, that is the cell's funding and the disbursements stated at
 *     the same coordinate are shown apart (FACT_APART), as IATI keeps a
 *     commitment and the disbursements made against it apart and OCHA FTS
 *     counts each flow once, at its current status.  Elsewhere a
 *     disbursement is the funding its sources give that coordinate, and the
 *     cube nests it under the allocations around it like any figure (a
 *     stated total supersedes its parts: nothing is added twice);
 *   - contributions received, pledges, requests, gaps and co-financing are
 *     never funding: each is a view of its own (model_filter_kind), its
 *     cube computed by the same rules; all disbursements, as stated, are one
 *     more view;
 *   - a change (an increase, a decrease, a difference) is in no view: it is
 *     never summed.
 * Counts and shares have no kind: they are in the funding view only.
 *
 * Invariants: FACT_APART depends only on the facts of the same fund at the
 * same coordinate (so on no other fund's sources, nor on any order).
 *
 * Memory: model_kind_mark_apart uses a scratch index freed before it
 * returns; model_filter_kind (model.c: it copies facts as they are, as
 * model_filter_fund does) builds a new model the caller frees.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

const int model_apart_view[MODEL_APART_VIEWS] = {
    KIND_DISBURSED, KIND_RECEIVED, KIND_PLEDGED, KIND_REQUESTED, KIND_GAP, KIND_COFINANCING,
};

const char *model_view_name(int view)
{
    return view == MODEL_FUNDING ? "funding" : attribute_kind_name(view);
}

/* Allocated, or of a kind the words do not say: a fund's commitment. */
static int allocation(uint8_t kind)
{
    return kind == KIND_NONE || kind == KIND_ALLOCATED;
}

int model_kind_in_view(const model *m, size_t i)
{
    uint8_t k = m->f.kind[i];
    if (m->f.measure[i] != OBS_AMOUNT)
        return m->view == MODEL_FUNDING;
    if (m->view != MODEL_FUNDING)
        return k == m->view;
    return allocation(k) || (k == KIND_DISBURSED && !(m->f.flags[i] & FACT_APART));
}

/* Flags that keep an amount out of every sum whatever its kind. */
#define KIND_NOT_SUMMED (FACT_CAP | FACT_PER_YEAR | FACT_NO_RATE | FACT_IMPOSSIBLE | \
                         FACT_AVERAGE | FACT_RESTATEMENT | FACT_SUBSET_TOTAL)

/* An amount that states its cell's funding: allocated or unsaid, summable,
 * not a part of a total stated in its sentence. */
static int states_allocation(const model *m, size_t i)
{
    const fact_table *f = &m->f;
    return f->measure[i] == OBS_AMOUNT && allocation(f->kind[i]) &&
           !(f->flags[i] & (KIND_NOT_SUMMED | FACT_PART));
}

static uint64_t coord_hash(const fact_table *f, size_t i)
{
    int32_t key[DIM__N];
    for (int d = 0; d < DIM__N; d++)
        key[d] = f->key[d][i];
    return hash_bytes(key, sizeof key, 0);
}

static int same_coord(uint32_t row, const void *key, void *ctx)
{
    const fact_table *f = ctx;
    size_t i = *(const size_t *)key;
    for (int d = 0; d < DIM__N; d++)
        if (f->key[d][row] != f->key[d][i])
            return 0;
    return 1;
}

ac_error model_kind_mark_apart(model *m)
{
    fact_table *f = &m->f;
    if (m->view != MODEL_FUNDING)
        return AC_OK;
    hidx at;
    hidx_init(&at);
    ac_error err = AC_OK;
    for (size_t i = 0; i < f->n && !err; i++)      /* the coordinates allocated */
        if (states_allocation(m, i) &&
            hidx_find(&at, coord_hash(f, i), same_coord, &i, f) == HIDX_NONE)
            err = hidx_insert(&at, coord_hash(f, i), (uint32_t)i);
    for (size_t i = 0; i < f->n && !err; i++)
        if (f->measure[i] == OBS_AMOUNT && f->kind[i] == KIND_DISBURSED &&
            hidx_find(&at, coord_hash(f, i), same_coord, &i, f) != HIDX_NONE)
            f->flags[i] |= FACT_APART;
    hidx_free(&at);
    return err;
}

int model_kind_present(const model *m, int kind)
{
    for (size_t i = 0; i < m->f.n; i++)
        if (m->f.measure[i] == OBS_AMOUNT && m->f.kind[i] == kind &&
            !(m->f.flags[i] & KIND_NOT_SUMMED))
            return 1;
    return 0;
}
