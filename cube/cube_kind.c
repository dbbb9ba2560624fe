/*
 * cube_kind.c — the cubes of the money shown apart from a fund's funding
 * (rule 8 of cube.h): one per kind the facts hold (disbursed as stated,
 * contributions received, pledges, requests, gaps, co-financing), each
 * computed by the same engine from a model of that kind's amounts alone
 * (model_filter_kind), so that each is shown under its own name and none
 * is ever added to the funding.
 *
 * Memory: each cube apart owns its model (own_model); cube_kind_free frees
 * both.  Warnings of the copies were given once when the facts were loaded:
 * they go to a quiet diag here.
 */
#include "cube.h"

#include <stdlib.h>

int cube_view(const cube *c)
{
    return c->m->view;
}

ac_error cube_kind_build(cube *c)
{
    if (c->m->view != MODEL_FUNDING)
        return AC_OK;
    diag quiet;
    diag_init(&quiet);
    quiet.quiet = 1;
    for (int v = 0; v < MODEL_APART_VIEWS; v++) {
        if (!model_kind_present(c->m, model_apart_view[v]))
            continue;
        model *sub;
        ac_error err = model_filter_kind(c->m, model_apart_view[v], &quiet, &sub);
        if (!err && (err = cube_build(sub, &c->apart[v])))
            model_free(sub);
        if (err)
            return err;
        c->apart[v]->own_model = 1;
    }
    return AC_OK;
}

void cube_kind_free(cube *c)
{
    for (int v = 0; v < MODEL_APART_VIEWS; v++)
        cube_free(c->apart[v]);
    if (c->own_model)
        model_free(c->m);
}
