/*
 * read_xls.c — a legacy BIFF workbook (.xls, Excel 97-2003 and older) read
 * into a book (read_sheet.h) through FreeXL.
 *
 * Data flow.  freexl_open(path) -> the date system (FREEXL_BIFF_DATEMODE)
 * and the sheet count -> for each worksheet (or only l->only_sheet): select
 * it, take its dimensions, and read every cell with freexl_get_cell_value:
 *   FREEXL_CELL_INT, _DOUBLE        CELL_NUMBER, text by read_sheet_number_text()
 *   FREEXL_CELL_TEXT, _SST_TEXT     CELL_TEXT, as FreeXL gives it (UTF-8)
 *   FREEXL_CELL_DATE                CELL_DATE "yyyy-mm-dd"
 *   FREEXL_CELL_DATETIME            CELL_DATE "yyyy-mm-ddThh:mm:ss"
 *   FREEXL_CELL_TIME                CELL_DATE "hh:mm:ss" (a time of day
 *                                   without a date: FreeXL gives no serial)
 *   FREEXL_CELL_NULL, empty text    not stored
 * FreeXL converts dates itself, in the workbook's date system.  What FreeXL
 * does not expose is not given: formulas (a formula cell is its cached
 * value), booleans and error values, merged ranges (n_merge is 0).
 *
 * Limits: a non-empty cell beyond l->max_cols, more than l->max_rows
 * non-empty rows in a sheet, a text longer than l->max_cell_bytes, or
 * cells past the budget (read_sheet_budget: one long shared string shown
 * by every cell of a sheet) is AC_ERR_TOO_BIG.  (BIFF itself stops at
 * 65,536 rows and 256 columns.)  FreeXL's errors (not an OLE2 file, a
 * corrupt or crafted one, an encrypted workbook) are AC_ERR_PARSE with
 * FreeXL's reason.  freexl_close() is called on every path.
 *
 * Memory: the book, rows, cells and strings are copied into the caller's
 * arena; FreeXL's own memory dies with freexl_close().
 */
#include "read_sheet.h"

#include <freexl.h>
#include <stdio.h>
#include <string.h>

/* FreeXL's error codes, as a reason for the user. */
static const char *freexl_reason(int rc)
{
    switch (rc) {
    case FREEXL_FILE_NOT_FOUND: return "cannot open the file";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE: return "not an Excel 97-2003 (OLE2) file";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND: return "no workbook stream in the OLE2 file";
    case FREEXL_BIFF_INVALID_BOF:
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX: return "invalid BIFF records";
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER: return "text in an unsupported or invalid code page";
    case FREEXL_CRAFTED_FILE: return "severely corrupted (or crafted) file";
    default: return "damaged, or not an Excel 97-2003 file";
    }
}

/* FreeXL's failure rc while doing what; running out of memory is reported
 * once, by read_xls. */
static ac_error xls_fail(diag *d, const char *path, const char *what, int rc)
{
    if (rc == FREEXL_INSUFFICIENT_MEMORY)
        return AC_ERR_NOMEM;
    return diag_fail(d, AC_ERR_PARSE, path, 0,
                     "not a readable .xls file: %s (%s, FreeXL error %d)", freexl_reason(rc),
                     what, rc);
}

/* The text of a FreeXL cell value and its kind; NULL text: not stored. */
static const char *cell_text(const FreeXL_CellValue *v, char *num, size_t size, cell_kind *k)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        *k = CELL_NUMBER;
        return read_sheet_number_text((double)v->value.int_value, num, size);
    case FREEXL_CELL_DOUBLE:
        *k = CELL_NUMBER;
        return read_sheet_number_text(v->value.double_value, num, size);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
        *k = CELL_TEXT;
        return v->value.text_value && *v->value.text_value ? v->value.text_value : NULL;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        *k = CELL_DATE;
        return v->value.text_value;
    default:
        return NULL;
    }
}

static char *copy_cell_text(arena *a, const char *t, cell_kind k)
{
    char *s = arena_strdup(a, t);
    /* "yyyy-mm-dd hh:mm:ss" -> "yyyy-mm-ddThh:mm:ss" (read_sheet.h) */
    if (s && k == CELL_DATE && strlen(s) > 10 && s[10] == ' ')
        s[10] = 'T';
    return s;
}

typedef struct {
    const void *h;
    const char *path;
    const read_sheet_limits *l;
    diag *d;
    arena *a;
    read_sheet_budget *cost;
    const char *sheet;       /* the sheet being read, for messages */
} xls;

/* Row r (0-based) of the active sheet, of cols columns, into *out (n 0
 * when the row is empty); cell is scratch room for cols cells. */
static ac_error read_row(const xls *x, unsigned r, unsigned short cols, read_sheet_cell *cell,
                         read_sheet_row *out)
{
    size_t n = 0;
    for (unsigned short c = 0; c < cols; c++) {
        FreeXL_CellValue v;
        char num[SHEET_NUMBER_TEXT_SIZE];
        cell_kind k = CELL_EMPTY;
        int rc = freexl_get_cell_value(x->h, r, c, &v);
        if (rc != FREEXL_OK)
            return xls_fail(x->d, x->path, "reading a cell", rc);
        const char *t = cell_text(&v, num, sizeof num, &k);
        if (!t)
            continue;
        if (c >= x->l->max_cols)
            return diag_fail(x->d, AC_ERR_TOO_BIG, x->path, (long)r + 1,
                             "a value in column %u: more than the %d columns a project "
                             "list can have", (unsigned)c + 1, x->l->max_cols);
        size_t len = strlen(t);
        if (len > x->l->max_cell_bytes)
            return read_sheet_cell_too_long(x->l, x->d, x->path, x->sheet, (long)r + 1, c + 1);
        ac_error e = read_sheet_charge(x->cost, 1, sizeof *cell + len + 1, x->d, x->path,
                                       x->sheet, (long)r + 1, c + 1);
        if (e)
            return e;
        char *s = copy_cell_text(x->a, t, k);
        if (!s)
            return AC_ERR_NOMEM;
        cell[n++] = (read_sheet_cell){.col = c + 1, .kind = k, .text = s};
    }
    out->row = (long)r + 1;
    out->n = n;
    out->cell = NULL;
    if (n == 0)
        return AC_OK;
    out->cell = arena_alloc(x->a, n * sizeof *cell);
    if (!out->cell)
        return AC_ERR_NOMEM;
    memcpy(out->cell, cell, n * sizeof *cell);
    return AC_OK;
}

/* The active sheet's non-empty rows into s. */
static ac_error xls_sheet(const xls *x, sheet *s)
{
    unsigned rows = 0;
    unsigned short cols = 0;
    int rc = freexl_worksheet_dimensions(x->h, &rows, &cols);
    if (rc != FREEXL_OK)
        return xls_fail(x->d, x->path, "sheet dimensions", rc);
    read_sheet_cell *scratch = arena_alloc(x->a, ((size_t)cols + 1) * sizeof *scratch);
    if (!scratch)
        return AC_ERR_NOMEM;
    size_t cap = 0;
    for (unsigned r = 0; r < rows; r++) {
        read_sheet_row row;
        ac_error err = read_row(x, r, cols, scratch, &row);
        if (err != AC_OK)
            return err;
        if (row.n == 0)
            continue;
        if ((long)s->n >= x->l->max_rows)
            return diag_fail(x->d, AC_ERR_TOO_BIG, x->path, row.row,
                             "sheet \"%s\": more than %ld rows: not a project list", s->name,
                             x->l->max_rows);
        err = read_sheet_charge(x->cost, 1, sizeof row, x->d, x->path, x->sheet, row.row, 0);
        if (err != AC_OK)
            return err;
        if (s->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            read_sheet_row *grown = arena_grow(x->a, s->row, s->n, nc, sizeof *grown);
            if (!grown)
                return AC_ERR_NOMEM;
            s->row = grown;
            cap = nc;
        }
        s->row[s->n++] = row;
    }
    return AC_OK;
}

/* "A, B, C": the sheet names, for the message about an unknown --sheet. */
static const char *name_list(const xls *x, unsigned count)
{
    const char *list = "";
    for (unsigned i = 0; i < count && list; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(x->h, (unsigned short)i, &name) != FREEXL_OK || !name)
            continue;
        list = arena_printf(x->a, "%s%s%s", list, *list ? ", " : "", name);
    }
    return list ? list : "";
}

static ac_error read_book(xls *x, book *out)
{
    unsigned count = 0, mode = 0;
    int rc = freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &count);
    if (rc == FREEXL_OK)
        rc = freexl_get_info(x->h, FREEXL_BIFF_DATEMODE, &mode);
    if (rc != FREEXL_OK)
        return xls_fail(x->d, x->path, "workbook information", rc);
    out->date1904 = mode == FREEXL_BIFF_DATEMODE_1904;
    out->sheet = arena_alloc(x->a, ((size_t)count + 1) * sizeof *out->sheet);
    if (!out->sheet)
        return AC_ERR_NOMEM;
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        rc = freexl_get_worksheet_name(x->h, (unsigned short)i, &name);
        if (rc != FREEXL_OK)
            return xls_fail(x->d, x->path, "sheet name", rc);
        if (!name)
            name = "";
        if (x->l->only_sheet && strcmp(name, x->l->only_sheet) != 0)
            continue;
        sheet *s = &out->sheet[out->n];
        if (!(s->name = arena_strdup(x->a, name)))
            return AC_ERR_NOMEM;
        x->sheet = s->name;
        x->cost->sheet = 0;
        rc = freexl_select_active_worksheet(x->h, (unsigned short)i);
        if (rc != FREEXL_OK)
            return xls_fail(x->d, x->path, "selecting a sheet", rc);
        ac_error err = xls_sheet(x, s);
        if (err != AC_OK)
            return err;
        out->n++;
    }
    if (x->l->only_sheet && out->n == 0)
        return diag_fail(x->d, AC_ERR_PARSE, x->path, 0, "no sheet named \"%s\" (sheets: %s)",
                         x->l->only_sheet, name_list(x, count));
    return AC_OK;
}

ac_error read_xls_freexl(const char *path, const read_sheet_limits *l, diag *d, arena *a, book *out)
{
    memset(out, 0, sizeof *out);
    out->format = BOOK_XLS;
    const void *h = NULL;
    int rc = freexl_open(path, &h);
    ac_error err;
    if (rc != FREEXL_OK) {
        err = xls_fail(d, path, "opening", rc);
    } else {
        read_sheet_budget cost = {.l = l};
        xls x = {.h = h, .path = path, .l = l, .d = d, .a = a, .cost = &cost};
        err = read_book(&x, out);
        if (err == AC_ERR_NOMEM)
            diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory");
    }
    if (h)
        freexl_close(h);
    return err;
}
