/* read_sheet.c — what the spreadsheet readers share: format detection, the
 * dispatch, limits, cell lookup, column names and serial dates (read_sheet.h). */
#include "read_sheet.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void read_sheet_limits_init(read_sheet_limits *l)
{
    memset(l, 0, sizeof *l);
    l->max_part_bytes = SHEET_MAX_PART_BYTES;
    l->max_total_bytes = SHEET_MAX_TOTAL_BYTES;
    l->max_rows = SHEET_MAX_ROWS;
    l->max_cols = SHEET_MAX_COLS;
    l->max_cell_bytes = SHEET_MAX_CELL_BYTES;
    l->max_sheet_bytes = SHEET_MAX_SHEET_BYTES;
    l->max_book_bytes = SHEET_MAX_BOOK_BYTES;
}

/* "sheet "S", cell B7", "sheet "S", row 12", "sheet "S"" or "the shared
 * strings": where a limit was passed. */
static const char *place(char *buf, size_t size, const char *sheet_name, long row, long col)
{
    char cn[16];
    if (!sheet_name)
        snprintf(buf, size, "the shared strings");
    else if (row > 0 && col > 0)
        snprintf(buf, size, "sheet \"%s\", cell %s%ld", sheet_name,
                 read_sheet_col_name((int)(col > SHEET_COL_NAME_MAX ? SHEET_COL_NAME_MAX : col),
                                     cn, sizeof cn), row);
    else if (row > 0)
        snprintf(buf, size, "sheet \"%s\", row %ld", sheet_name, row);
    else
        snprintf(buf, size, "sheet \"%s\"", sheet_name);
    return buf;
}

/* Room for a sheet name in a place(): names are short, a hostile one is
 * cut (the message still names the file). */
#define PLACE_SIZE 320

ac_error read_sheet_charge(read_sheet_budget *b, size_t count, size_t size, diag *d,
                           const char *path, const char *sheet_name, long row, long col)
{
    const read_sheet_limits *l = b->l;
    int over_sheet = 0, over_book = 0;
    if (size && count > SIZE_MAX / size) {
        over_sheet = over_book = 1;
    } else {
        size_t n = count * size;
        over_sheet = sheet_name && n > l->max_sheet_bytes - (b->sheet < l->max_sheet_bytes
                                                         ? b->sheet : l->max_sheet_bytes);
        over_book = n > l->max_book_bytes - (b->book < l->max_book_bytes ? b->book
                                                                          : l->max_book_bytes);
        if (!over_sheet && !over_book) {
            b->sheet += n;
            b->book += n;
            return AC_OK;
        }
    }
    char where[PLACE_SIZE];
    place(where, sizeof where, sheet_name, row, col);
    if (over_book)
        return diag_fail(d, AC_ERR_TOO_BIG, path, 0, "%s: the workbook builds more than %zu "
                         "bytes of cells (the limit of one input)", where, l->max_book_bytes);
    return diag_fail(d, AC_ERR_TOO_BIG, path, 0, "%s: the sheet builds more than %zu bytes of "
                     "cells", where, l->max_sheet_bytes);
}

ac_error read_sheet_cell_too_long(const read_sheet_limits *l, diag *d, const char *path,
                                  const char *sheet_name, long row, long col)
{
    char where[PLACE_SIZE];
    return diag_fail(d, AC_ERR_TOO_BIG, path, 0, "%s: text longer than %zu bytes",
                     place(where, sizeof where, sheet_name, row, col), l->max_cell_bytes);
}

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    return dot ? dot + 1 : "";
}

static int has_bytes(const unsigned char *b, size_t n, const char *needle)
{
    size_t len = strlen(needle);
    return b && n >= len && memmem(b, n, needle, len) != NULL;
}

/* The zip's local headers name their entries near the start: an xlsx
 * names xl/ parts, an ODS starts with its mimetype entry, stored. */
static int detect_content(const unsigned char *b, size_t n, book_format *f)
{
    static const unsigned char zip[] = {'P', 'K', 3, 4};
    static const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (!b)
        return 0;
    if (n >= sizeof ole2 && !memcmp(b, ole2, sizeof ole2)) {
        *f = BOOK_XLS;
        return 1;
    }
    if (n < sizeof zip || memcmp(b, zip, sizeof zip))
        return 0;
    size_t head = n < 4096 ? n : 4096;
    if (has_bytes(b, head, "application/vnd.oasis.opendocument.spreadsheet")) {
        *f = BOOK_ODS;
        return 1;
    }
    if (has_bytes(b, n, "xl/workbook.xml") || has_bytes(b, head, "[Content_Types].xml")) {
        *f = BOOK_XLSX;
        return 1;
    }
    return 0;
}

int read_sheet_detect(const char *path, const unsigned char *b, size_t n, book_format *f)
{
    if (detect_content(b, n, f))
        return 1;
    const char *ext = extension(path);
    static const struct { const char *ext; book_format f; } by_name[] = {
        {"csv", BOOK_CSV}, {"tsv", BOOK_CSV}, {"xlsx", BOOK_XLSX}, {"xlsm", BOOK_XLSX},
        {"ods", BOOK_ODS}, {"xls", BOOK_XLS}};
    for (size_t i = 0; i < sizeof by_name / sizeof by_name[0]; i++)
        if (!strcasecmp(ext, by_name[i].ext)) {
            *f = by_name[i].f;
            return 1;
        }
    return 0;
}

ac_error read_sheet(const char *path, book_format f, const unsigned char *bytes, size_t n,
                    const read_sheet_limits *l, diag *d, arena *a, book *out)
{
    memset(out, 0, sizeof *out);
    switch (f) {
    case BOOK_CSV: return read_csv(path, bytes, n, l, d, a, out);
    case BOOK_XLSX: return read_xlsx(path, bytes, n, l, d, a, out);
    case BOOK_ODS: return read_ods(path, bytes, n, l, d, a, out);
    case BOOK_XLS: return read_xls(path, l, d, a, out);
    }
    return AC_ERR_USAGE;
}

const char *read_sheet_col_name(int col, char *buf, size_t size)
{
    char tmp[8];
    int n = 0;
    if (size == 0)
        return buf;
    while (col > 0 && n < (int)sizeof tmp) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    size_t k = 0;
    while (n > 0 && k + 1 < size)
        buf[k++] = tmp[--n];
    buf[k] = 0;
    return buf;
}

const read_sheet_cell *read_sheet_cell_at(const read_sheet_row *r, int col)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->cell[mid].col < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n && r->cell[lo].col == col ? &r->cell[lo] : NULL;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static long ymd_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    return y * 10000 + m * 100 + d;
}

/* Excel's 1900 system counts the 29 February 1900 that never was (Lotus
 * 1-2-3's bug, kept for compatibility): serial 60 is that day, and serials
 * from 61 on are one day ahead of a true count from 31 December 1899. */
#define LOTUS_PHANTOM_SERIAL 60

long read_sheet_serial_to_ymd(double serial, int date1904, int *secs)
{
    if (secs)
        *secs = 0;
    if (!isfinite(serial) || serial < 0 || serial > 2958465.0)   /* 9999-12-31 */
        return 0;
    double whole = floor(serial);
    long days = (long)whole;
    if (secs)
        *secs = (int)lround((serial - whole) * 86400.0) % 86400;
    long epoch;
    if (date1904) {
        epoch = days_from_civil(1904, 1, 1);
    } else {
        if (days == LOTUS_PHANTOM_SERIAL)
            return 19000229;
        if (days == 0)
            return 0;
        epoch = days_from_civil(1899, 12, days < LOTUS_PHANTOM_SERIAL ? 31 : 30);
    }
    return ymd_from_days(epoch + days);
}

/* What Excel shows of a double: 15 significant digits. */
#define NUMBER_DIGITS 15
/* Plain decimal for exponents in [-6, 14], i.e. |v| in [1e-6, 1e15). */
#define PLAIN_EXP_MIN (-6)
#define PLAIN_EXP_MAX 14

static void copy_out(char *buf, size_t size, const char *s)
{
    if (size == 0)
        return;
    size_t len = strlen(s);
    if (len >= size)
        len = size - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
}

/* The NUMBER_DIGITS significant digits of |v| (trailing zeros dropped,
 * at least one) and its decimal exponent: %.14e rounds correctly; the
 * digits are taken around whatever decimal point the locale prints. */
static int digits_of(double v, char dig[NUMBER_DIGITS + 1], int *exp10)
{
    char e[48];
    snprintf(e, sizeof e, "%.*e", NUMBER_DIGITS - 1, fabs(v));
    const char *x = strchr(e, 'e');
    int nd = 0;
    for (const char *p = e; p < x && nd < NUMBER_DIGITS; p++)
        if (*p >= '0' && *p <= '9')
            dig[nd++] = *p;
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    dig[nd] = '\0';
    *exp10 = x ? (int)strtol(x + 1, NULL, 10) : 0;
    return nd;
}

const char *read_sheet_number_text(double v, char *buf, size_t size)
{
    char out[SHEET_NUMBER_TEXT_SIZE + 16], dig[NUMBER_DIGITS + 1];
    if (isnan(v) || isinf(v)) {
        copy_out(buf, size, isnan(v) ? "NaN" : v < 0 ? "-Infinity" : "Infinity");
        return buf;
    }
    int e, nd = digits_of(v, dig, &e);
    size_t o = 0;
    if (dig[0] == '0') {            /* zero, and -0 */
        copy_out(buf, size, "0");
        return buf;
    }
    if (v < 0)
        out[o++] = '-';
    if (e < PLAIN_EXP_MIN || e > PLAIN_EXP_MAX) {
        out[o++] = dig[0];
        if (nd > 1) {
            out[o++] = '.';
            memcpy(out + o, dig + 1, (size_t)nd - 1);
            o += (size_t)nd - 1;
        }
        snprintf(out + o, sizeof out - o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    } else if (e < 0) {
        out[o++] = '0';
        out[o++] = '.';
        for (int k = -1; k > e; k--)
            out[o++] = '0';
        memcpy(out + o, dig, (size_t)nd);
        out[o + (size_t)nd] = '\0';
    } else {
        for (int k = 0; k <= e || k < nd; k++) {
            if (k == e + 1)
                out[o++] = '.';
            out[o++] = k < nd ? dig[k] : '0';
        }
        out[o] = '\0';
    }
    copy_out(buf, size, out);
    return buf;
}
