/*
 * export_cells.c — every cell, merged range and row height of the workbook
 * goes to libxlsxwriter through here (see export_int.h).
 *
 * A workbook written row by row (x->stream, EXPORT_STREAM_CELLS) takes the
 * cells of each sheet in row order: libxlsxwriter writes a row to its
 * temporary file when the next one starts, and refuses a cell behind it.
 * The long tables are written in row order and go straight through (each
 * cell first lets export_row set the height of the row measured before).  The
 * sheets laid out by blocks and columns (Summary, Read me, the cross-tabs,
 * Pivot: their size grows with funds and periods, never with rows) are
 * held (export_hold): their cells are kept here, in the order written,
 * and given to libxlsxwriter sorted by row when export_release is called,
 * once their notes and row heights are settled.  Within a row the order
 * written is kept, so a later write of a cell wins as it does otherwise.
 *
 * Memory: each held cell's text is a malloc'd copy; the records are the
 * context's (x->held), freed by export_cells_free on every path.
 */
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"

typedef enum { OP_STRING, OP_NUMBER, OP_FORMULA_NUM, OP_FORMULA_STR, OP_MERGE, OP_HEIGHT } op_kind;

typedef struct {
    lxw_row_t row;
    lxw_col_t col, last;       /* OP_MERGE: the columns col..last          */
    op_kind kind;
    size_t seq;                /* the order written                        */
    double v;                  /* number, formula's value, row height      */
    char *text;                /* string, formula or merged text (copy)    */
    lxw_format *f;
} held_op;

struct export_held {
    lxw_worksheet *ws;
    held_op *op;
    size_t n, cap;
};

/* The held record of ws, NULL when its cells go straight through. */
static export_held *held_of(export_ctx *x, lxw_worksheet *ws)
{
    if (!x->stream || !x->n_held)
        return NULL;
    if (x->last_ws == ws)
        return x->last_held;
    export_held *h = NULL;
    for (size_t i = 0; i < x->n_held && !h; i++)
        if (x->held[i].ws == ws)
            h = &x->held[i];
    x->last_ws = ws;
    x->last_held = h;
    return h;
}

int export_is_held(export_ctx *x, lxw_worksheet *ws)
{
    return held_of(x, ws) != NULL;
}

ac_error export_hold(export_ctx *x, lxw_worksheet *ws)
{
    if (!x->stream || held_of(x, ws))
        return AC_OK;
    if (vec_reserve((void **)&x->held, &x->cap_held, x->n_held + 1, sizeof *x->held))
        return export_nomem(x);
    memset(&x->held[x->n_held++], 0, sizeof *x->held);
    x->held[x->n_held - 1].ws = ws;
    x->last_ws = NULL;                 /* the records may have moved */
    return AC_OK;
}

/* Keep one operation of h; text copied (may be NULL). */
static ac_error keep(export_ctx *x, export_held *h, held_op op, const char *text)
{
    if (vec_reserve((void **)&h->op, &h->cap, h->n + 1, sizeof *h->op))
        return export_nomem(x);
    op.seq = h->n;
    op.text = NULL;
    if (text && !(op.text = strdup(text)))
        return export_nomem(x);
    h->op[h->n++] = op;
    return AC_OK;
}

ac_error export_put_string(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                           const char *t, lxw_format *f)
{
    export_held *h = held_of(x, ws);
    if (h)
        return keep(x, h, (held_op){.row = r, .col = c, .kind = OP_STRING, .f = f}, t);
    TRY(export_row(x, ws, r));
    LX(worksheet_write_string(ws, r, c, t, f));
    return AC_OK;
}

ac_error export_put_number(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                           double v, lxw_format *f)
{
    export_held *h = held_of(x, ws);
    if (h)
        return keep(x, h, (held_op){.row = r, .col = c, .kind = OP_NUMBER, .v = v, .f = f}, NULL);
    TRY(export_row(x, ws, r));
    LX(worksheet_write_number(ws, r, c, v, f));
    return AC_OK;
}

ac_error export_put_formula(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                            const char *formula, int has, double v, lxw_format *f)
{
    export_held *h = held_of(x, ws);
    if (h)
        return keep(x, h, (held_op){.row = r, .col = c, .v = v, .f = f,
                                    .kind = has ? OP_FORMULA_NUM : OP_FORMULA_STR}, formula);
    TRY(export_row(x, ws, r));
    if (has)
        LX(worksheet_write_formula_num(ws, r, c, formula, f, v));
    else
        LX(worksheet_write_formula_str(ws, r, c, formula, f, ""));
    return AC_OK;
}

ac_error export_put_merge(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0,
                          lxw_col_t c1, const char *t, lxw_format *f)
{
    export_held *h = held_of(x, ws);
    if (h)
        return keep(x, h, (held_op){.row = r, .col = c0, .last = c1, .kind = OP_MERGE, .f = f}, t);
    TRY(export_row(x, ws, r));
    LX(worksheet_merge_range(ws, r, c0, r, c1, t, f));
    return AC_OK;
}

ac_error export_put_height(export_ctx *x, lxw_worksheet *ws, lxw_row_t r, double pt)
{
    export_held *h = held_of(x, ws);
    if (h)
        return keep(x, h, (held_op){.row = r, .kind = OP_HEIGHT, .v = pt}, NULL);
    TRY(export_row(x, ws, r));
    LX(worksheet_set_row(ws, r, pt, NULL));
    return AC_OK;
}

static int by_row(const void *a, const void *b)
{
    const held_op *p = a, *q = b;
    if (p->row != q->row)
        return p->row < q->row ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* One kept operation, given to libxlsxwriter. */
static ac_error give(export_ctx *x, lxw_worksheet *ws, const held_op *o)
{
    switch (o->kind) {
    case OP_STRING:
        LX(worksheet_write_string(ws, o->row, o->col, o->text, o->f));
        break;
    case OP_NUMBER:
        LX(worksheet_write_number(ws, o->row, o->col, o->v, o->f));
        break;
    case OP_FORMULA_NUM:
        LX(worksheet_write_formula_num(ws, o->row, o->col, o->text, o->f, o->v));
        break;
    case OP_FORMULA_STR:
        LX(worksheet_write_formula_str(ws, o->row, o->col, o->text, o->f, ""));
        break;
    case OP_MERGE:
        LX(worksheet_merge_range(ws, o->row, o->col, o->row, o->last, o->text, o->f));
        break;
    case OP_HEIGHT:
        LX(worksheet_set_row(ws, o->row, o->v, NULL));
        break;
    }
    return AC_OK;
}

ac_error export_release(export_ctx *x)
{
    for (size_t i = 0; i < x->n_held; i++) {
        export_held *h = &x->held[i];
        qsort(h->op, h->n, sizeof *h->op, by_row);
        for (size_t k = 0; k < h->n; k++)
            TRY(give(x, h->ws, &h->op[k]));
    }
    return AC_OK;
}

void export_cells_free(export_ctx *x)
{
    for (size_t i = 0; i < x->n_held; i++) {
        for (size_t k = 0; k < x->held[i].n; k++)
            free(x->held[i].op[k].text);
        free(x->held[i].op);
    }
    free(x->held);
    x->held = NULL;
    x->n_held = x->cap_held = 0;
    x->last_ws = NULL;
    x->last_held = NULL;
}
