/*
 * read_csv.c — a CSV file read into a one-sheet book (read_sheet.h) with libcsv.
 *
 * Data flow.  bytes -> read_text_decode() (the text reader's own decision:
 * UTF-8 with or without BOM, Windows-1252 when the bytes that are not
 * UTF-8 outnumber the valid multi-byte characters (one warning), stray bad
 * bytes in UTF-8 replaced by U+FFFD (warned by line), UTF-16 converted;
 * CRLF and lone CR become LF, lines keep the file's numbers) -> the
 * separator chosen among ';' ',' and tab -> libcsv, fed one line at a time
 * so that each record knows the line where it starts -> rows of CELL_TEXT.
 *
 * Separator.  Each candidate parses (with libcsv) the first PROBE_RECORDS
 * records; its score is the number of those records whose field count is
 * the most frequent count above one (title lines above the header do not
 * spoil it).  The best score wins; ties go to ';' (what French Excel
 * writes), then ',', then tab.  When no candidate gives two fields the file
 * is read as one column, separator ';': the header mapper then says that it
 * found no usable header.
 *
 * Cells.  RFC 4180 as libcsv reads it, not strict: quoted fields may hold
 * the separator, doubled quotes and line ends (given as LF, since the
 * decoder made every line end one); a quote inside an unquoted field is
 * kept as a character.  Each field loses a leading and a trailing run of
 * ASCII spaces (quoted or not: the same header reads the same whichever way
 * it was written); tabs, U+00A0 and everything else are kept exactly.
 * Empty fields are not stored, nor records without a non-empty field.  A
 * row's number is the line where its record starts.  A quoted field still
 * open at the end of the file is a warning naming the line where it began;
 * it and its record are kept.
 *
 * Limits.  A record of more than l->max_cols fields, more than
 * l->max_rows stored records, a field longer than l->max_cell_bytes, or
 * cells and rows past the budget (read_sheet_budget: a file of ";;;;"
 * builds far more than its bytes) is AC_ERR_TOO_BIG, naming the line.  An empty file (or a BOM
 * alone) is a book with one empty sheet.  NUL bytes: AC_ERR_PARSE.
 *
 * The sheet is named after the file (base name without its extension);
 * l->only_sheet is ignored: a CSV has one sheet whatever it is asked for.
 *
 * Memory: the book, rows, cells and strings live in the caller's arena;
 * libcsv's field buffer is its own (malloc), freed with csv_free() on every
 * path.
 */
#include "read_sheet.h"

#include <csv.h>
#include <string.h>

#include "read_text.h"

/* Records looked at to choose the separator: a title block and the header
 * of a project list fit in far fewer. */
#define PROBE_RECORDS 20
/* ... and bytes: a file whose first records are this long (an unclosed
 * quote swallowing the file) is judged on what was seen. */
#define PROBE_MAX_BYTES (1u << 20)

static const char separators[] = {';', ',', '\t'};   /* the tie order */

static int is_space(unsigned char c)
{
    return c == ' ';
}

/* ---- choosing the separator ----------------------------------------------- */

typedef struct {
    long fields;                 /* of the record in progress */
    long count[PROBE_RECORDS];   /* fields per record */
    size_t n;
} probe;

static void probe_field(void *s, size_t len, void *data)
{
    (void)s, (void)len;
    ((probe *)data)->fields++;
}

static void probe_record(int c, void *data)
{
    (void)c;
    probe *p = data;
    if (p->n < PROBE_RECORDS)
        p->count[p->n++] = p->fields;
    p->fields = 0;
}

/* How many of the first records have the most frequent field count above
 * one (ties: the larger count). */
static size_t probe_score(const probe *p)
{
    size_t best = 0;
    long best_count = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->count[i] < 2)
            continue;
        size_t same = 0;
        for (size_t k = 0; k < p->n; k++)
            same += p->count[k] == p->count[i];
        if (same > best || (same == best && p->count[i] > best_count)) {
            best = same;
            best_count = p->count[i];
        }
    }
    return best;
}

/* The score of separator sep on text[0..len); -1 when libcsv fails. */
static long score_separator(const char *text, size_t len, char sep)
{
    struct csv_parser cp;
    probe p = {0};
    if (csv_init(&cp, 0) != 0)
        return -1;
    csv_set_delim(&cp, (unsigned char)sep);
    csv_set_space_func(&cp, is_space);
    size_t off = 0;
    long score = -1;
    while (off < len && p.n < PROBE_RECORDS && off < PROBE_MAX_BYTES) {
        const char *nl = memchr(text + off, '\n', len - off);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        if (csv_parse(&cp, text + off, end - off, probe_field, probe_record, &p) != end - off)
            goto done;
        off = end;
    }
    if (off >= len)
        csv_fini(&cp, probe_field, probe_record, &p);
    score = (long)probe_score(&p);
done:
    csv_free(&cp);
    return score;
}

static ac_error choose_separator(const char *text, size_t len, char *sep)
{
    long best = 0;
    *sep = separators[0];
    for (size_t i = 0; i < sizeof separators; i++) {
        long s = score_separator(text, len, separators[i]);
        if (s < 0)
            return AC_ERR_NOMEM;
        if (s > best) {
            best = s;
            *sep = separators[i];
        }
    }
    return AC_OK;
}

/* ---- reading the records ----------------------------------------------------- */

typedef struct {
    const char *path;
    const read_sheet_limits *l;
    diag *d;
    arena *a;
    long line;               /* the line being fed */
    long rec_line;           /* where the record in progress started */
    long field_line;         /* where the field in progress started */
    long fields;             /* fields of the record in progress */
    int ended;               /* a record ended on the line being fed */
    read_sheet_cell *cell;        /* the record in progress (non-empty fields) */
    size_t n_cell, cap_cell;
    read_sheet_row *row;
    size_t n_row, cap_row;
    read_sheet_budget cost;
    const char *sheet;       /* the sheet's name, for messages */
    ac_error err;
} reading;

/* Room for one more element in an arena array that doubles. */
static void *room(arena *a, void *arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap)
        return arr;
    size_t nc = *cap ? *cap * 2 : 16;
    void *grown = arena_grow(a, arr, n, nc, elem);
    if (grown)
        *cap = nc;
    return grown;
}

static void on_field(void *s, size_t len, void *data)
{
    reading *r = data;
    const char *t = s;
    r->fields++;
    r->field_line = r->line;     /* the next field starts after this separator */
    if (r->err != AC_OK || r->fields > r->l->max_cols)
        return;
    while (len > 0 && t[0] == ' ') {
        t++;
        len--;
    }
    while (len > 0 && t[len - 1] == ' ')
        len--;
    if (len == 0)
        return;
    if (len > r->l->max_cell_bytes) {
        r->err = read_sheet_cell_too_long(r->l, r->d, r->path, r->sheet, r->rec_line, r->fields);
        return;
    }
    if ((r->err = read_sheet_charge(&r->cost, 1, sizeof(read_sheet_cell) + len + 1, r->d, r->path,
                                    r->sheet, r->rec_line, r->fields)))
        return;
    read_sheet_cell *c = room(r->a, r->cell, r->n_cell, &r->cap_cell, sizeof *c);
    char *text = arena_strndup(r->a, t, len);
    if (!c || !text) {
        r->err = AC_ERR_NOMEM;
        return;
    }
    r->cell = c;
    c[r->n_cell++] = (read_sheet_cell){.col = (int)r->fields, .kind = CELL_TEXT, .text = text};
}

static ac_error store_record(reading *r)
{
    if (r->fields > r->l->max_cols)
        return diag_fail(r->d, AC_ERR_TOO_BIG, r->path, r->rec_line,
                         "%ld columns: more than the %d a project list can have "
                         "(wrong separator?)", r->fields, r->l->max_cols);
    if (r->n_cell == 0)
        return AC_OK;
    if ((long)r->n_row >= r->l->max_rows)
        return diag_fail(r->d, AC_ERR_TOO_BIG, r->path, r->rec_line,
                         "more than %ld rows: not a project list", r->l->max_rows);
    ac_error e = read_sheet_charge(&r->cost, 1, sizeof(read_sheet_row), r->d, r->path, r->sheet,
                                   r->rec_line, 0);
    if (e)
        return e;
    read_sheet_row *rows = room(r->a, r->row, r->n_row, &r->cap_row, sizeof *rows);
    read_sheet_cell *cells = arena_alloc(r->a, r->n_cell * sizeof *cells);
    if (!rows || !cells)
        return AC_ERR_NOMEM;
    memcpy(cells, r->cell, r->n_cell * sizeof *cells);
    r->row = rows;
    rows[r->n_row++] = (read_sheet_row){.row = r->rec_line, .cell = cells, .n = r->n_cell};
    return AC_OK;
}

static void on_record(int c, void *data)
{
    (void)c;
    reading *r = data;
    if (r->err == AC_OK)
        r->err = store_record(r);
    r->fields = 0;
    r->n_cell = 0;
    r->ended = 1;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n')
            return 0;
    return 1;
}

/* At the end of the text, a record still open: an unclosed quote is what
 * libcsv's strict finish refuses (then the lenient one keeps the field). */
static void finish(struct csv_parser *cp, reading *r)
{
    csv_set_opts(cp, CSV_STRICT | CSV_STRICT_FINI);
    if (csv_fini(cp, on_field, on_record, r) != 0 && csv_error(cp) == CSV_EPARSE) {
        diag_warn(r->d, r->path, r->field_line,
                  "quoted field not closed: read to the end of the file");
        csv_set_opts(cp, 0);
        csv_fini(cp, on_field, on_record, r);
    }
}

/* Feed the decoded text to libcsv line by line. */
static ac_error parse_lines(const read_text_doc *doc, char sep, reading *r)
{
    struct csv_parser cp;
    if (csv_init(&cp, 0) != 0)
        return AC_ERR_NOMEM;
    csv_set_delim(&cp, (unsigned char)sep);
    csv_set_space_func(&cp, is_space);
    int open = 0;                /* a record is in progress */
    for (size_t i = 0; i < doc->n_lines && r->err == AC_OK; i++) {
        size_t start = doc->line_start[i];
        size_t end = i + 1 < doc->n_lines ? doc->line_start[i + 1] : doc->len;
        if (start == end)
            continue;
        r->line = (long)i + 1;
        if (!open)
            r->rec_line = r->field_line = r->line;
        r->ended = 0;
        if (csv_parse(&cp, doc->text + start, end - start, on_field, on_record, r) !=
            end - start) {
            r->err = AC_ERR_NOMEM;
            break;
        }
        if (r->ended)
            open = 0;
        else if (!blank(doc->text + start, end - start))
            open = 1;
    }
    if (r->err == AC_OK && open)
        finish(&cp, r);
    csv_free(&cp);
    return r->err;
}

/* ---- the book ------------------------------------------------------------------ */

/* The file's base name without its extension (a leading dot is no
 * extension). */
static char *sheet_name(const char *path, arena *a)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(a, base, len);
}

static const char *encoding_name(read_text_encoding e)
{
    switch (e) {
    case ENC_UTF8: return "UTF-8";
    case ENC_UTF8_BOM: return "UTF-8 with BOM";
    case ENC_CP1252: return "Windows-1252";
    case ENC_UTF16: return "UTF-16";
    }
    return "UTF-8";
}

static ac_error read_text(const char *path, const read_text_doc *doc, const read_sheet_limits *l,
                          diag *d, arena *a, book *out)
{
    ac_error err = choose_separator(doc->text, doc->len, &out->separator);
    if (err != AC_OK)
        return err;
    reading r = {.path = path, .l = l, .d = d, .a = a, .cost = {.l = l},
                 .sheet = out->sheet->name};
    err = parse_lines(doc, out->separator, &r);
    if (err != AC_OK)
        return err;
    out->sheet->row = r.row;
    out->sheet->n = r.n_row;
    return AC_OK;
}

ac_error read_csv(const char *path, const unsigned char *bytes, size_t n,
                        const read_sheet_limits *l, diag *d, arena *a, book *out)
{
    memset(out, 0, sizeof *out);
    out->format = BOOK_CSV;
    out->separator = separators[0];
    out->sheet = arena_alloc(a, sizeof *out->sheet);
    if (!out->sheet || !(out->sheet->name = sheet_name(path, a)))
        return diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory");
    out->n = 1;
    read_text_doc doc;
    ac_error err = read_text_decode(path, bytes, n, d, a, &doc);
    out->encoding = encoding_name(doc.encoding);
    if (err == AC_ERR_EMPTY)
        return AC_OK;            /* one empty sheet: the header mapper says so */
    if (err == AC_ERR_BINARY)
        return diag_fail(d, AC_ERR_PARSE, path, 0, "binary file (NUL bytes): not a CSV file");
    if (err == AC_OK)
        err = read_text(path, &doc, l, d, a, out);
    if (err == AC_ERR_NOMEM)
        return diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory");
    return err;
}
