/*
 * read_zip.h — the bounded reading of one zip part into expat, shared by
 * the two XML spreadsheet readers (read_xlsx.c, read_ods.c), and what
 * they share besides: number text, ISO dates, attribute lookup.
 *
 * Element and attribute names.  The parser is created with
 * XML_ParserCreateNS(NULL, ' '): a handler sees "URI local" for a
 * namespaced name (whatever prefix the writer chose: "x:c", "c" with a
 * default namespace and "ss:c" are all "<main URI> c") and the bare local
 * name for an unprefixed attribute ("r", "t", "s").  Readers match on the
 * namespace URI and the local name, never on a prefix.
 *
 * Limits.  The bytes actually inflated are counted, chunk by chunk, against
 * l->max_part_bytes for the part and l->max_total_bytes for every part read
 * through the same read_sheet_zip; a zip's declared sizes are only used to
 * reject early.  A DOCTYPE stops the parse (a spreadsheet part has none;
 * entity definitions are how "billion laughs" expands), and expat's own
 * amplification guard is set as a second line.
 *
 * Memory: a read_sheet_zip owns its libzip archive; read_zip_close() frees it
 * (accepts NULL).  The bytes given to read_zip_open() are borrowed and
 * must outlive the read_sheet_zip.
 */
#ifndef AC_SHEET_ZIP_H
#define AC_SHEET_ZIP_H

#include <expat.h>
#include <stddef.h>

#include "../base/strbuf.h"
#include "read_sheet.h"

typedef struct read_sheet_zip read_sheet_zip;

/* The handlers of one part's parse; ud is the reader's context.  A handler
 * that fails reports on the diag itself and calls read_xml_fail(). */
typedef struct read_sheet_xml {
    XML_StartElementHandler start;   /* receives the read_sheet_xml * as user data */
    XML_EndElementHandler end;
    XML_CharacterDataHandler text;   /* may be NULL */
    void *ud;
    /* set by read_zip_parse */
    XML_Parser parser;
    ac_error err;
    int doctype;                     /* 1: stopped by a DOCTYPE */
} read_sheet_xml;

/* Open the zip held in bytes[0..n).  AC_ERR_PARSE "not a readable zip
 * archive: ..." when libzip cannot; AC_ERR_NOMEM.  Caller frees *out with
 * read_zip_close(). */
ac_error read_zip_open(const char *path, const unsigned char *bytes, size_t n,
                        const read_sheet_limits *l, diag *d, read_sheet_zip **out);
void read_zip_close(read_sheet_zip *z);

/* 1 when the archive holds part (exact name, or the same name in another
 * case as some writers spell it), else 0. */
int read_zip_has(read_sheet_zip *z, const char *part);

/* Stream part through expat with x's handlers.  AC_ERR_PARSE when the part
 * is missing, the zip is corrupt or the XML is not well formed (with the
 * part and expat's line and message); AC_ERR_TOO_BIG when a limit is
 * passed; or the error a handler gave to read_xml_fail(). */
ac_error read_zip_parse(read_sheet_zip *z, const char *part, read_sheet_xml *x, diag *d);

/* Stop the parse in progress with err (already reported by the caller). */
void read_xml_fail(read_sheet_xml *x, ac_error err);

/* The value of attribute name ("URI local" or a bare local name) in
 * expat's attribute list, or NULL. */
const char *read_xml_attr(const char **atts, const char *name);

/* The XML number text s ("45317.39", "1E-3") as a double, read in the C
 * locale whatever the process's locale is; 0 when s is not wholly a
 * finite number. */
int read_zip_number(read_sheet_zip *z, const char *s, double *v);

/* An ISO 8601 date or date-time ("2024-01-15", "2024-01-15T10:30:00.5Z")
 * as CELL_DATE text: "yyyy-mm-dd", with "Thh:mm:ss" when the time is not
 * midnight; fractions of a second and zones dropped.  Written into buf
 * (size >= 20); NULL when s does not start with a date. */
const char *read_sheet_iso_date_text(const char *s, char *buf, size_t size);

/* A serial date of the workbook's system as CELL_DATE text in buf (size
 * >= 20); NULL when out of range (read_sheet_serial_to_ymd gives 0). */
const char *read_sheet_serial_date_text(double serial, int date1904, char *buf, size_t size);

/* --- the grid both XML readers fill (read_grid.c) ----------------------
 * Cells arrive in file order, row by row; the grid keeps a row's cells in
 * column order and the rows in row order, applies l->max_rows and
 * l->max_cols to what is stored (empty cells and rows cost nothing) and
 * charges what it builds to its budget (read_sheet_budget): each cell, each
 * row as many times as it is repeated, each merge, each string kept.  A
 * string is copied once (read_grid_keep) and shown by as many cells as
 * share it (a repeated .ods cell, an .xlsx shared string). */

/* Append s[0..n) to the text buffer b (base/strbuf.h; its max, when set,
 * bounds it): AC_ERR_TOO_BIG "a cell's text is longer than N bytes" past
 * b->max, AC_ERR_NOMEM; reported on d.  (The readers name the cell
 * themselves: read_sheet_cell_too_long.) */
ac_error read_sheet_buf_add(strbuf *b, const char *s, size_t n, diag *d, const char *path);

/* Make room for need elements of size elem in *arr (capacity *cap),
 * doubling; 0 when the arena is exhausted. */
int read_sheet_grow(arena *a, void **arr, size_t *cap, size_t need, size_t elem);

typedef struct {
    arena *a;
    diag *d;
    const char *path;
    const read_sheet_limits *l;
    sheet *sh;               /* the sheet being filled, NULL between sheets */
    size_t cap_row, cap_merge;
    read_sheet_cell *cell;        /* the current row's cells (scratch, reused) */
    size_t n_cell, cap_cell;
    read_sheet_budget cost;       /* what the book and the sheet have built */
} read_sheet_grid;

void read_grid_init(read_sheet_grid *g, const char *path, const read_sheet_limits *l, diag *d, arena *a);
/* Start filling sh (zeroed except its name). */
void read_grid_begin(read_sheet_grid *g, sheet *sh);
/* s[0..n) copied into the arena once and charged, for the cell at row,
 * col (and the others that show it): *out, which the caller may finish
 * in place before a cell shows it; or AC_ERR_TOO_BIG (the cell
 * named) past the budget, AC_ERR_NOMEM; reported on d. */
ac_error read_grid_keep(read_sheet_grid *g, long row, long col, const char *s, size_t n,
                        char **out);
/* A non-empty cell of the current row, charged to the budget; text and
 * formula are not copied: they are kept (read_grid_keep), shared strings
 * of the arena, or static.  AC_ERR_TOO_BIG when col passes l->max_cols
 * (row names it) or past the budget. */
ac_error read_grid_cell(read_sheet_grid *g, long row, long col, cell_kind k, const char *text,
                         const char *formula);
/* End the current row as rows row .. row+repeat-1 (nothing when it holds
 * no cell); AC_ERR_TOO_BIG past l->max_rows or when its copies pass the
 * budget. */
ac_error read_grid_row(read_sheet_grid *g, long row, long repeat);
ac_error read_grid_merge(read_sheet_grid *g, long r1, long c1, long r2, long c2);
/* Put the rows in order (a file may list them out of order). */
void read_grid_end(read_sheet_grid *g);

#endif
