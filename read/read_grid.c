/*
 * read_grid.c — the grid the .xlsx and .ods readers fill (read_zip.h):
 * cells of the current row gathered in a scratch array, then copied at
 * the row's end, in column order, as one or more (repeated) rows of the
 * sheet; merges; the row and column limits.
 *
 * Memory: everything is in the caller's arena, but for the readers' text
 * buffers (strbuf, theirs to free).  Growing arrays double, so the blocks
 * left behind in the arena never exceed what is kept.  A row
 * repeated by an ODS file shares one cell array among its copies, and the
 * cells of a repeated cell share one text; the budget is charged what the
 * copies would cost (read_sheet.h: whoever reads the sheet visits each).
 */
#include "read_zip.h"

#include <stdlib.h>
#include <string.h>

/* Smallest capacity of a growing array. */
#define GROW_MIN 16

static ac_error nomem(read_sheet_grid *g)
{
    return diag_fail(g->d, AC_ERR_NOMEM, g->path, 0, "out of memory reading the spreadsheet");
}

/* Make room for need elements in *arr (capacity *cap). */
int read_sheet_grow(arena *a, void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t n = *cap ? *cap : GROW_MIN;
    while (n < need)
        n *= 2;
    void *p = arena_grow(a, *arr, *cap, n, elem);
    if (!p)
        return 0;
    *arr = p;
    *cap = n;
    return 1;
}

ac_error read_sheet_buf_add(strbuf *b, const char *s, size_t n, diag *d, const char *path)
{
    if (strbuf_add(b, s, n) == 0)
        return AC_OK;
    if (b->failed == STRBUF_LIMIT)
        return diag_fail(d, AC_ERR_TOO_BIG, path, 0,
                         "a cell's text is longer than %zu bytes", b->max);
    return diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory reading the spreadsheet");
}

void read_grid_init(read_sheet_grid *g, const char *path, const read_sheet_limits *l, diag *d, arena *a)
{
    memset(g, 0, sizeof *g);
    g->path = path;
    g->l = l;
    g->d = d;
    g->a = a;
    g->cost.l = l;
}

void read_grid_begin(read_sheet_grid *g, sheet *sh)
{
    g->sh = sh;
    g->cost.sheet = 0;
    g->cap_row = sh->n;
    g->cap_merge = sh->n_merge;
    g->n_cell = 0;
}

ac_error read_grid_keep(read_sheet_grid *g, long row, long col, const char *s, size_t n,
                        char **out)
{
    ac_error e = read_sheet_charge(&g->cost, 1, n + 1, g->d, g->path, g->sh->name, row, col);
    if (e)
        return e;
    if (!(*out = arena_strndup(g->a, s, n)))
        return nomem(g);
    return AC_OK;
}

ac_error read_grid_cell(read_sheet_grid *g, long row, long col, cell_kind k, const char *text,
                         const char *formula)
{
    if (col < 1 || col > g->l->max_cols) {
        char name[16];
        read_sheet_col_name((int)(col > SHEET_COL_NAME_MAX ? SHEET_COL_NAME_MAX : col < 1 ? 1 : col),
                            name, sizeof name);
        return diag_fail(g->d, AC_ERR_TOO_BIG, g->path, 0,
                         "sheet \"%s\" row %ld: a value in column %ld (%s) is beyond the limit "
                         "of %d columns", g->sh->name, row, col,
                         col > SHEET_COL_NAME_MAX ? "?" : name, g->l->max_cols);
    }
    ac_error e = read_sheet_charge(&g->cost, 1, sizeof *g->cell, g->d, g->path, g->sh->name,
                                   row, col);
    if (e)
        return e;
    void *p = g->cell;
    if (!read_sheet_grow(g->a, &p, &g->cap_cell, g->n_cell + 1, sizeof *g->cell))
        return nomem(g);
    g->cell = p;
    g->cell[g->n_cell++] = (read_sheet_cell){.col = (int)col, .kind = k, .text = text ? text : "",
                                             .formula = formula};
    return AC_OK;
}

static int by_col(const void *x, const void *y)
{
    const read_sheet_cell *a = x, *b = y;
    return (a->col > b->col) - (a->col < b->col);
}

/* Column order; of two cells at one column (a malformed file) one is
 * kept. */
static size_t order_cells(read_sheet_cell *c, size_t n)
{
    int sorted = 1;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = c[i - 1].col < c[i].col;
    if (sorted)
        return n;
    qsort(c, n, sizeof *c, by_col);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && c[k - 1].col == c[i].col)
            k--;
        c[k++] = c[i];
    }
    return k;
}

/* The first of the copies from row `from` on, each costing per bytes,
 * that the budget has no room for (named when they pass it). */
static long first_over(const read_sheet_grid *g, long from, size_t per)
{
    const read_sheet_limits *l = g->l;
    size_t room_sheet = l->max_sheet_bytes > g->cost.sheet ? l->max_sheet_bytes - g->cost.sheet : 0;
    size_t room_book = l->max_book_bytes > g->cost.book ? l->max_book_bytes - g->cost.book : 0;
    size_t fit = (room_sheet < room_book ? room_sheet : room_book) / per;
    return fit > (size_t)g->l->max_rows ? from : from + (long)fit;
}

ac_error read_grid_row(read_sheet_grid *g, long row, long repeat)
{
    size_t n = g->n_cell;
    g->n_cell = 0;
    if (!n)
        return AC_OK;
    if (repeat < 1)
        repeat = 1;
    if (row < 1 || row > g->l->max_rows || repeat > g->l->max_rows - row + 1)
        return diag_fail(g->d, AC_ERR_TOO_BIG, g->path, 0,
                         "sheet \"%s\" row %ld: beyond the limit of %ld rows", g->sh->name,
                         row < 1 || row > g->l->max_rows ? row : g->l->max_rows + 1,
                         g->l->max_rows);
    n = order_cells(g->cell, n);
    size_t per_copy = sizeof(read_sheet_row) + n * sizeof(read_sheet_cell);
    /* the first copy's cells were charged one by one; each further copy
     * costs its row and its cells again */
    ac_error e = read_sheet_charge(&g->cost, 1, sizeof(read_sheet_row), g->d, g->path,
                                   g->sh->name, row, 0);
    if (!e && repeat > 1)
        e = read_sheet_charge(&g->cost, (size_t)repeat - 1, per_copy, g->d, g->path,
                              g->sh->name, first_over(g, row + 1, per_copy), 0);
    if (e)
        return e;
    read_sheet_cell *cells = arena_alloc(g->a, n * sizeof *cells);
    void *p = g->sh->row;
    if (!cells || !read_sheet_grow(g->a, &p, &g->cap_row, g->sh->n + (size_t)repeat, sizeof(read_sheet_row)))
        return nomem(g);
    memcpy(cells, g->cell, n * sizeof *cells);
    g->sh->row = p;
    for (long i = 0; i < repeat; i++)
        g->sh->row[g->sh->n++] = (read_sheet_row){.row = row + i, .cell = cells, .n = n};
    return AC_OK;
}

ac_error read_grid_merge(read_sheet_grid *g, long r1, long c1, long r2, long c2)
{
    ac_error e = read_sheet_charge(&g->cost, 1, sizeof(read_sheet_merge), g->d, g->path,
                                   g->sh->name, r1, c1);
    if (e)
        return e;
    void *p = g->sh->merge;
    if (!read_sheet_grow(g->a, &p, &g->cap_merge, g->sh->n_merge + 1, sizeof(read_sheet_merge)))
        return nomem(g);
    g->sh->merge = p;
    g->sh->merge[g->sh->n_merge++] = (read_sheet_merge){.r1 = r1, .r2 = r2, .c1 = (int)c1,
                                                   .c2 = (int)c2};
    return AC_OK;
}

static int by_row(const void *x, const void *y)
{
    const read_sheet_row *a = x, *b = y;
    return (a->row > b->row) - (a->row < b->row);
}

void read_grid_end(read_sheet_grid *g)
{
    sheet *sh = g->sh;
    for (size_t i = 1; i < sh->n; i++)
        if (sh->row[i - 1].row >= sh->row[i].row) {
            qsort(sh->row, sh->n, sizeof *sh->row, by_row);
            break;
        }
    g->sh = NULL;
}
