/*
 * read_sheet.h — a spreadsheet (CSV, .xlsx, .ods, .xls) read into a grid of typed
 * cells: the one shape the header mapper and the row reader (attribute_sheet.h)
 * see, whatever program wrote the file.
 *
 * Readers, one module each, each with a well-kept library doing the format's
 * hard part (never a home-made parser):
 *   read_csv.c   CSV with libcsv (RFC 4180 quoting); separator detected
 *                 among ';' ',' and tab; UTF-8 with or without BOM or
 *                 Windows-1252 (read_text.h decides, as for text); CRLF
 *   read_xlsx.c  Office Open XML: libzip for the container, expat for the
 *                 XML, streamed part by part (no DOM of a sheet in memory)
 *   read_ods.c   OpenDocument: libzip + expat, content.xml streamed
 *   read_xls.c   legacy BIFF .xls through FreeXL, run in a child process
 *                (read_xls_child.c) as FreeXL has memory errors on crafted files
 *   read_zip.c   the bounded reading of one zip part into expat (shared by
 *                 the two XML readers)
 *
 * Cells.  Every value is kept as text, exactly as the file holds it, with
 * its kind; nothing is read as a number that the file does not say is one:
 *   CELL_TEXT     a string (shared, inline or plain; CSV cells are all text)
 *   CELL_NUMBER   a number: text is its decimal form with '.' and no
 *                 grouping, at most 15 significant digits (what Excel shows:
 *                 0.1+0.2 is "0.3"), no exponent for |x| in [1e-6, 1e15)
 *   CELL_BOOL     "TRUE" or "FALSE"
 *   CELL_DATE     a number the file formats as a date, or an ODS date:
 *                 "yyyy-mm-dd", or "yyyy-mm-ddThh:mm:ss" when it has a time;
 *                 serial numbers read in the workbook's date system (1900,
 *                 with Lotus's phantom 29 February 1900 for serials below
 *                 61, or 1904)
 *   CELL_ERROR    an error value: "#N/A", "#DIV/0!", ...
 *   CELL_NO_VALUE a formula without a cached value: text is "", never "0"
 * A cell with a formula keeps it in `formula` (without the leading '=',
 * as the file spells it: "SUM(E3:E29)" in .xlsx, "of:=SUM([.E3:.E29])" in
 * .ods is given as "SUM([.E3:.E29])").
 *
 * Rows and columns are 1-based as the application shows them; a CSV row is
 * the file line where its record starts (a quoted field may span lines).
 * Empty cells and empty rows are not stored.  Merged ranges are listed per
 * sheet (the value sits in the top-left cell only, as in the file).
 *
 * Limits (read_sheet_limits): a hostile file gets a clear error, never an
 * exhausted machine: the uncompressed size of each XML part and of all of
 * them together is counted while inflating (a zip's declared sizes are not
 * trusted), rows and columns are bounded, and so is what a reader builds:
 * the text of one cell, and the bytes of cells, rows, strings and merges of
 * one sheet and of the whole book (read_sheet_budget).  A row an .ods
 * repeats costs what its copies would (an empty one costs nothing); a
 * string several cells show (an .xlsx shared string, an .ods repeated
 * cell) is stored and counted once, each cell pointing to it.  Errors name
 * the file, and the sheet, row or cell when there is one, through diag.h:
 * `f.xlsx: sheet "S", cell B7: text longer than 131072 bytes`.
 *
 * Memory: the book, its sheets, rows, cells and strings live in the caller's
 * arena.
 */
#ifndef AC_SHEET_H
#define AC_SHEET_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"

typedef enum {
    CELL_EMPTY, CELL_TEXT, CELL_NUMBER, CELL_BOOL, CELL_DATE, CELL_ERROR, CELL_NO_VALUE
} cell_kind;

typedef struct {
    int col;                 /* 1-based column                              */
    cell_kind kind;
    const char *text;        /* the value as text (see above); never NULL   */
    const char *formula;     /* the formula without '=', or NULL            */
} read_sheet_cell;

typedef struct {
    long row;                /* 1-based row (CSV: line where it starts)     */
    read_sheet_cell *cell;        /* non-empty cells, in column order            */
    size_t n;
} read_sheet_row;

typedef struct {
    long r1, r2;             /* first and last row of a merged range        */
    int c1, c2;              /* first and last column                       */
} read_sheet_merge;

typedef struct {
    const char *name;        /* the sheet's name; CSV: the file's base name
                                without its extension                      */
    read_sheet_row *row;          /* non-empty rows, in order                    */
    size_t n;
    read_sheet_merge *merge;
    size_t n_merge;
} sheet;

typedef enum { BOOK_CSV, BOOK_XLSX, BOOK_ODS, BOOK_XLS } book_format;

typedef struct {
    book_format format;
    const char *encoding;    /* CSV: "UTF-8", "UTF-8 with BOM",
                                "Windows-1252" (or "UTF-16", which
                                Excel's "Unicode text" writes); NULL for
                                the others                                 */
    char separator;          /* CSV: ';' ',' or '\t'                        */
    int date1904;            /* 1 when the workbook uses the 1904 system    */
    sheet *sheet;            /* in workbook order                           */
    size_t n;
} book;

/* Named limits, each with its reason. */
/* A project list has tens of columns; a "sheet" wider than this is not one
 * (a CSV read with the wrong separator, a generated wide table). */
#define SHEET_MAX_COLS 1024
/* Excel's own row limit. */
#define SHEET_MAX_ROWS 1048576L
/* A worksheet part of 64 MiB holds about a million cells: far beyond any
 * project list; more is a zip bomb or not a project list. */
#define SHEET_MAX_PART_BYTES (64u * 1024u * 1024u)
/* All parts of one workbook together. */
#define SHEET_MAX_TOTAL_BYTES (256u * 1024u * 1024u)
/* Excel holds at most 32,767 characters in a cell (8,192 in a formula), at
 * most 4 bytes each in UTF-8: 128 KiB holds any cell a spreadsheet program
 * wrote; more is built to exhaust memory (`<text:s text:c="60000000"/>`). */
#define SHEET_MAX_CELL_BYTES (128u * 1024u)
/* What one sheet builds, whatever the book may: a million rows of a dozen
 * short cells fit; more is not a project list. */
#define SHEET_MAX_SHEET_BYTES (512u * 1024u * 1024u)
/* What the whole book builds, by default: as many bytes as the largest file
 * a command reads by default (READER_DEFAULT_MAX).  The commands set it to
 * what one input may build (pipeline_input_limit: 64 times --max-size; a
 * CSV builds about 4 bytes of cells per byte of file). */
#define SHEET_MAX_BOOK_BYTES (32u * 1024u * 1024u)

typedef struct {
    size_t max_part_bytes;   /* uncompressed bytes of one XML part          */
    size_t max_total_bytes;  /* uncompressed bytes of all parts read        */
    long max_rows;           /* per sheet                                   */
    int max_cols;
    size_t max_cell_bytes;   /* the text (or formula) of one cell           */
    size_t max_sheet_bytes;  /* cells, rows, strings, merges of one sheet   */
    size_t max_book_bytes;   /* ... of all sheets and the shared strings    */
    const char *only_sheet;  /* --sheet NAME: only this sheet (NULL: all)   */
    const char *xls_program; /* read_xls: the program run as its child (the
                                command's own binary, READ_XLS_CHILD_ARG
                                first); NULL: a fork of this process, which
                                must then have one thread only            */
} read_sheet_limits;

/* What a reader has built so far, charged against l's limits: the bytes
 * of the cells, rows, merges and strings it stores, each repeated row
 * counted as many times as it is repeated, a shared string once. */
typedef struct {
    const read_sheet_limits *l;
    size_t sheet;            /* the current sheet's bytes (reset per sheet) */
    size_t book;             /* all sheets' and the shared strings'         */
} read_sheet_budget;

/* Charge count items of size bytes each (the product is checked for
 * overflow) to the sheet and the book.  AC_ERR_TOO_BIG past either limit,
 * reported on d as `PATH: sheet "S", cell B7: the workbook builds more than
 * N bytes of cells` (sheet NULL: "the shared strings"; col 0: "row R"; row
 * 0: the sheet alone). */
ac_error read_sheet_charge(read_sheet_budget *b, size_t count, size_t size, diag *d,
                           const char *path, const char *sheet_name, long row, long col);

/* AC_ERR_TOO_BIG reported as `PATH: sheet "S", cell B7: text longer than N
 * bytes` (the place named as by read_sheet_charge). */
ac_error read_sheet_cell_too_long(const read_sheet_limits *l, diag *d, const char *path,
                                  const char *sheet_name, long row, long col);

/* The defaults above, every sheet. */
void read_sheet_limits_init(read_sheet_limits *l);

/* 1 and *f when path (by its extension: .csv .tsv .xlsx .xlsm .ods .xls) or
 * its first n bytes (a zip holding xl/workbook.xml or an OpenDocument
 * spreadsheet mimetype, an OLE2 container) make it a spreadsheet; else 0.
 * bytes may be NULL (the name alone is judged). */
int read_sheet_detect(const char *path, const unsigned char *bytes, size_t n, book_format *f);

/* Read the file at path (whose bytes, already read, are bytes[0..n)) as
 * format f.  Errors: AC_ERR_PARSE (not a well-formed file of that format,
 * a --sheet that does not exist), AC_ERR_TOO_BIG (a limit passed),
 * AC_ERR_NOMEM; each reported on d with the file's name. */
ac_error read_sheet(const char *path, book_format f, const unsigned char *bytes, size_t n,
                    const read_sheet_limits *l, diag *d, arena *a, book *out);

/* The readers read_sheet() dispatches to (same contract). */
ac_error read_csv(const char *path, const unsigned char *bytes, size_t n,
                        const read_sheet_limits *l, diag *d, arena *a, book *out);
ac_error read_xlsx(const char *path, const unsigned char *bytes, size_t n,
                         const read_sheet_limits *l, diag *d, arena *a, book *out);
ac_error read_ods(const char *path, const unsigned char *bytes, size_t n,
                        const read_sheet_limits *l, diag *d, arena *a, book *out);
/* FreeXL reads from a path, in a child process (read_xls_child.c): a
 * crafted .xls that crashes or hangs FreeXL is a file not read, never the
 * end of the run. */
ac_error read_xls(const char *path, const read_sheet_limits *l, diag *d, arena *a, book *out);
/* The child as a program of its own (a process with threads must not
 * fork one: a lock another thread held at the fork stays held in the
 * child).  A program that links this reader and gives it as xls_program
 * calls read_xls_child_main() first thing when argv[1] is
 * READ_XLS_CHILD_ARG: it reads the workbook (the path and limits in argv)
 * and writes the wire to descriptor 3; returns the exit status. */
#define READ_XLS_CHILD_ARG "--read-xls-child"
int read_xls_child_main(int argc, char **argv);
/* The same in this process (read_xls.c): what the child runs. */
ac_error read_xls_freexl(const char *path, const read_sheet_limits *l, diag *d, arena *a,
                         book *out);

/* The highest column a name of three letters gives ("ZZZ"); a place in a
 * message names a column beyond it by this one. */
#define SHEET_COL_NAME_MAX 18278L

/* "A1"-style name of a column (1 -> "A", 27 -> "AA"); buf >= 8. */
const char *read_sheet_col_name(int col, char *buf, size_t size);

/* The cell of row r at column col, or NULL. */
const read_sheet_cell *read_sheet_cell_at(const read_sheet_row *r, int col);

/* Room for any read_sheet_number_text() (sign, 15 digits, point, 6 leading zeros
 * or an exponent, NUL). */
#define SHEET_NUMBER_TEXT_SIZE 32

/* v as a CELL_NUMBER's text: rounded to 15 significant digits, '.' decimal,
 * no grouping, no trailing zeros, no exponent for |v| in [1e-6, 1e15)
 * ("0.3" for 0.1+0.2, "45317.39", "-12"), else "1e+15", "1.5e-07" style
 * (mantissa without trailing zeros, sign and at least two exponent digits,
 * as printf's %e); -0 is "0"; NaN and infinities "NaN", "Infinity",
 * "-Infinity".  Writes buf (size >= SHEET_NUMBER_TEXT_SIZE; shorter is
 * truncated) and returns it. */
const char *read_sheet_number_text(double v, char *buf, size_t size);

/* A serial date of the workbook's system to yyyymmdd (0 when out of range
 * 1900..9999 or not a whole day count); *secs the time of day. */
long read_sheet_serial_to_ymd(double serial, int date1904, int *secs);

#endif
