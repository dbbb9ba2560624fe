/*
 * read_text.c — file bytes to UTF-8 text with a line index (see read_text.h).
 *
 * The whole file is read at once: documents are reports of a few kilobytes
 * to a few megabytes, the size limit (READER_DEFAULT_MAX unless the caller
 * says otherwise) is checked with fstat() on the opened descriptor before
 * anything is allocated (and again on the bytes read), and
 * the scanner needs the text in one piece to match across PDF line breaks.
 */
#include "read_text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/diag.h"
#include "../base/sha256.h"
#include "../base/utf8.h"

static const unsigned short cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

char *read_text_cp1252_to_utf8(const unsigned char *s, size_t n, arena *a, size_t *out_len)
{
    char *out = arena_alloc(a, n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c >= 0x80 && c < 0xA0)
            c = cp1252_hi[c - 0x80];
        o += utf8_encode(c, out + o);
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

/* ---- repairs, warned about by line ------------------------------------------ */

/* At most this many lines get a warning of their own per file; the others
 * are summed up in one last warning, so that a damaged file cannot flood
 * the terminal while every damaged line of a lightly damaged one is named. */
#define REPAIR_WARN_LINES 10

typedef struct {
    const char *name;
    diag *dg;
    const char *what;        /* "invalid UTF-8 byte", "invalid UTF-16 unit" */
    int width;               /* hex digits of a unit: 2 or 4 */
    long line, cur_line;     /* 1-based line in the file, as index_lines counts */
    unsigned long n_here;    /* repairs on cur_line */
    unsigned first_here;     /* the first repaired unit of cur_line */
    unsigned long n_lines, n_more_lines, n_total;
} repairs;

static void repair_flush(repairs *r)
{
    if (r->n_here == 0)
        return;
    r->n_lines++;
    if (r->n_lines > REPAIR_WARN_LINES)
        r->n_more_lines++;
    else if (r->n_here == 1)
        diag_warn(r->dg, r->name, r->cur_line, "%s 0x%0*X replaced", r->what, r->width,
                  r->first_here);
    else
        diag_warn(r->dg, r->name, r->cur_line, "%lu %ss replaced (the first 0x%0*X)",
                  r->n_here, r->what, r->width, r->first_here);
    r->n_here = 0;
}

/* a unit u could not be decoded on line r->line: U+FFFD stands for it */
static void repair_note(repairs *r, unsigned u)
{
    if (r->n_here && r->cur_line != r->line)
        repair_flush(r);
    if (r->n_here == 0) {
        r->cur_line = r->line;
        r->first_here = u;
    }
    r->n_here++;
    r->n_total++;
}

static void repair_end(repairs *r)
{
    repair_flush(r);
    if (r->n_more_lines)
        diag_warn(r->dg, r->name, 0, "%ss replaced on %lu more lines", r->what,
                  r->n_more_lines);
}

/* Count lines as index_lines does: LF, CRLF and a lone CR each end one. */
static void count_line(repairs *r, unsigned c, unsigned next)
{
    if (c == '\n' || (c == '\r' && next != '\n'))
        r->line++;
}

/* UTF-8 with every byte that is not part of a valid character replaced by
 * U+FFFD (one per byte), each damaged line warned about. */
static char *utf8_repair(const unsigned char *s, size_t n, repairs *r, arena *a,
                         size_t *out_len)
{
    char *out = arena_alloc(a, n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0, l;
    while (i < n) {
        if ((l = utf8_decode(s + i, n - i, NULL))) {
            count_line(r, s[i], i + 1 < n ? s[i + 1] : 0);
            memcpy(out + o, s + i, l);
            o += l;
            i += l;
            continue;
        }
        repair_note(r, s[i]);
        o += utf8_encode(0xFFFD, out + o);
        i++;
    }
    repair_end(r);
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* UTF-16 to UTF-8: an unpaired surrogate becomes U+FFFD (warned, by line);
 * U+0000 is kept, so that the caller's NUL check sees it. */
static char *utf16_to_utf8(const unsigned char *s, size_t n, int big, repairs *r,
                           arena *a, size_t *out_len)
{
    char *out = arena_alloc(a, (n / 2) * 3 + 4);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned u = big ? (unsigned)(s[i] << 8 | s[i + 1]) : (unsigned)(s[i + 1] << 8 | s[i]);
        unsigned next = 0;
        if (i + 3 < n)
            next = big ? (unsigned)(s[i + 2] << 8 | s[i + 3])
                       : (unsigned)(s[i + 3] << 8 | s[i + 2]);
        if (u >= 0xD800 && u <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (next - 0xDC00);
            i += 2;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            repair_note(r, u);
            u = 0xFFFD;
        } else
            count_line(r, u, i + 3 < n ? next : 0);
        o += utf8_encode(u, out + o);
    }
    repair_end(r);
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* ---- what is not a text document --------------------------------------------- */

static const char why_sheet[] = "a spreadsheet by its content: name it .xlsx, .ods or .xls to read it as one";
static const char why_doc[] = "PDF and Word files must be converted to text first";

static int has(const unsigned char *b, size_t n, const char *needle, size_t len)
{
    return len <= n && memmem(b, n, needle, len) != NULL;
}

const char *read_text_unsupported(const char *path, const unsigned char *b, size_t n)
{
    static const char *const sheet_ext[] = {".csv", ".xlsx", ".xlsm", ".xls", ".ods"};
    static const char *const doc_ext[] = {".pdf", ".doc", ".docx", ".odt"};
    const char *base = strrchr(path, '/');
    const char *dot = strrchr(base ? base + 1 : path, '.');
    for (size_t i = 0; dot && i < sizeof sheet_ext / sizeof *sheet_ext; i++)
        if (!strcasecmp(dot, sheet_ext[i]))
            return why_sheet;
    for (size_t i = 0; dot && i < sizeof doc_ext / sizeof *doc_ext; i++)
        if (!strcasecmp(dot, doc_ext[i]))
            return why_doc;
    if (!b)
        return NULL;
    if (n >= 5 && !memcmp(b, "%PDF-", 5))
        return why_doc;
    if (n >= 4 && !memcmp(b, "PK\x03\x04", 4)) {
        /* an Office Open XML or OpenDocument package: its part names and
         * the OpenDocument mimetype are stored uncompressed */
        if (has(b, n, "word/", 5) || has(b, n, "opendocument.text", 17))
            return why_doc;
        if (has(b, n, "xl/", 3) || has(b, n, "opendocument.spreadsheet", 24))
            return why_sheet;
        return "a ZIP archive is not a text document";
    }
    if (n >= 8 && !memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        /* an OLE2 compound file: its stream names are UTF-16LE */
        if (has(b, n, "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0", 24))
            return why_doc;
        if (has(b, n, "W\0o\0r\0k\0b\0o\0o\0k\0", 16) || has(b, n, "B\0o\0o\0k\0", 8))
            return why_sheet;
        return "an Office (OLE2) file is not a text document";
    }
    return NULL;
}

/* CRLF and CR to LF in place; build the line index. */
static ac_error index_lines(read_text_doc *d, arena *a)
{
    size_t o = 0, lines = 1;
    char *t = d->text;
    for (size_t i = 0; i < d->len; i++) {
        char c = t[i];
        if (c == '\r') {
            if (i + 1 < d->len && t[i + 1] == '\n')
                continue;
            c = '\n';
        }
        if (c == '\n')
            lines++;
        t[o++] = c;
    }
    t[o] = '\0';
    d->len = o;
    d->line_start = arena_alloc(a, lines * sizeof *d->line_start);
    if (!d->line_start)
        return AC_ERR_NOMEM;
    size_t l = 0;
    d->line_start[l++] = 0;
    for (size_t i = 0; i < o; i++)
        if (t[i] == '\n' && l < lines)
            d->line_start[l++] = i + 1;
    d->n_lines = l;
    return AC_OK;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Decode b[0..n) into d; d->sha256 is the caller's. */
static ac_error decode(const char *name, const unsigned char *b, size_t n, diag *dg,
                       arena *a, read_text_doc *d)
{
    d->path = name;
    d->name = arena_strdup(a, base_name(name));
    d->file_size = n;
    if (!d->name)
        return AC_ERR_NOMEM;
    if (n == 0)
        return AC_ERR_EMPTY;
    if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        /* UTF-16 goes through the same checks as any text: NUL characters
         * make it binary, what cannot be decoded is replaced and warned */
        repairs r = {.name = name, .dg = dg, .what = "invalid UTF-16 unit", .width = 4,
                     .line = 1};
        d->encoding = ENC_UTF16;
        diag_warn(dg, name, 0, "UTF-16 text converted to UTF-8");
        d->text = utf16_to_utf8(b + 2, n - 2, b[0] == 0xFE, &r, a, &d->len);
        if (!d->text)
            return AC_ERR_NOMEM;
        if (memchr(d->text, '\0', d->len))
            return AC_ERR_BINARY;
        if ((n - 2) % 2)
            diag_warn(dg, name, r.line, "odd byte at the end of UTF-16 text dropped");
    } else {
        if (memchr(b, '\0', n))
            return AC_ERR_BINARY;
        size_t off = 0;
        d->encoding = ENC_UTF8;
        if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            off = 3;
            d->encoding = ENC_UTF8_BOM;
        }
        int cut = 0;
        size_t n_multi = 0, n_bad = 0;
        if (utf8_valid(b + off, n - off, &cut) || cut) {
            size_t len = n - off;
            if (cut) {
                while (len > 0 && (b[off + len - 1] & 0xC0) == 0x80)
                    len--;
                if (len > 0)
                    len--;           /* the lead byte of the cut sequence */
                diag_warn(dg, name, 0, "truncated UTF-8 sequence at end of file dropped");
            }
            d->text = arena_strndup(a, (const char *)b + off, len);
            d->len = len;
        } else if (utf8_census(b + off, n - off, &n_multi, &n_bad),
                   n_bad <= n_multi) {
            /* UTF-8 with a few stray bytes: one bad byte spoils one
             * character, not the file */
            repairs r = {.name = name, .dg = dg, .what = "invalid UTF-8 byte", .width = 2,
                         .line = 1};
            d->text = utf8_repair(b + off, n - off, &r, a, &d->len);
        } else {
            d->encoding = ENC_CP1252;
            d->text = read_text_cp1252_to_utf8(b + off, n - off, a, &d->len);
            diag_warn(dg, name, 0, "not valid UTF-8: read as Windows-1252");
        }
        if (!d->text)
            return AC_ERR_NOMEM;
    }
    if (d->len == 0)
        return AC_ERR_EMPTY;
    return index_lines(d, a);
}

ac_error read_text_decode(const char *name, const unsigned char *b, size_t n, diag *dg,
                       arena *a, read_text_doc *d)
{
    memset(d, 0, sizeof *d);
    sha256_hex(b, n, d->sha256);
    return decode(name, b, n, dg, a, d);
}

/* Open path without blocking and check, on the descriptor itself, that it
 * is a regular file; *fd is -1 on error. */
static ac_error open_regular(const char *path, diag *dg, int *fd, struct stat *st)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; what was
     * opened is then checked on the descriptor itself (fstat), so a path
     * swapped between a check and the read cannot slip through */
    *fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (*fd < 0) {
        diag_error(dg, path, 0, "cannot read: %s", strerror(errno));
        return AC_ERR_IO;
    }
    ac_error err = AC_OK;
    if (fstat(*fd, st) != 0) {
        diag_error(dg, path, 0, "cannot read: %s", strerror(errno));
        err = AC_ERR_IO;
    } else if (S_ISDIR(st->st_mode)) {
        diag_error(dg, path, 0, "is a directory");
        err = AC_ERR_IO;
    } else if (!S_ISREG(st->st_mode)) {
        /* a FIFO, a socket or a device: reading could block or never end */
        diag_error(dg, path, 0, "not a regular file: not read");
        err = AC_ERR_IO;
    }
    if (err != AC_OK) {
        close(*fd);
        *fd = -1;
    }
    return err;
}

/* Read the whole regular file open on fd (its fstat in st), at most
 * max_bytes, hashing the bytes as they arrive. */
static ac_error read_all(int fd, const struct stat *st, const char *path, size_t max_bytes,
                         diag *dg, arena *a, unsigned char **bytes, size_t *len,
                         char sha256[65])
{
    if ((unsigned long long)st->st_size > max_bytes) {
        diag_error(dg, path, 0, "file too large (%lld bytes, limit %zu): not read",
                   (long long)st->st_size, max_bytes);
        return AC_ERR_TOO_BIG;
    }
    /* one byte more than the size seen: a file that grew past the limit
     * since fstat is caught below */
    size_t cap = (size_t)st->st_size + 1;
    unsigned char *buf = arena_alloc(a, cap);
    if (!buf)
        return AC_ERR_NOMEM;         /* reported by the caller */
    /* the hash is of exactly the bytes read, computed as they arrive */
    sha256_ctx h;
    sha256_init(&h);
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap > max_bytes) {
                diag_error(dg, path, 0, "file too large: not read");
                return AC_ERR_TOO_BIG;
            }
            size_t nc = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            unsigned char *nb = arena_grow(a, buf, n, nc, 1);
            if (!nb)
                return AC_ERR_NOMEM;
            buf = nb;
            cap = nc;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            diag_error(dg, path, 0, "read error: %s", strerror(errno));
            return AC_ERR_IO;
        }
        if (got == 0)
            break;
        sha256_update(&h, buf + n, (size_t)got);
        n += (size_t)got;
    }
    if (n > max_bytes) {
        diag_error(dg, path, 0, "file too large: not read");
        return AC_ERR_TOO_BIG;
    }
    sha256_final_hex(&h, sha256);
    *bytes = buf;
    *len = n;
    return AC_OK;
}

ac_error read_text_bytes(const char *path, size_t max_bytes, diag *dg, arena *a,
                      const unsigned char **bytes, size_t *n, char sha256[65])
{
    struct stat st;
    int fd;
    unsigned char *buf = NULL;
    *bytes = NULL;
    *n = 0;
    sha256[0] = '\0';
    ac_error err = open_regular(path, dg, &fd, &st);
    if (err != AC_OK)
        return err;
    err = read_all(fd, &st, path, max_bytes ? max_bytes : READER_DEFAULT_MAX, dg, a, &buf, n,
                   sha256);
    close(fd);
    if (err == AC_ERR_NOMEM)
        diag_error(dg, path, 0, "out of memory");
    *bytes = buf;
    return err;
}

ac_error read_text_load(const char *path, size_t max_bytes, diag *dg, arena *a, read_text_doc *out)
{
    struct stat st;
    int fd;
    unsigned char *buf = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    out->path = path;
    if (max_bytes == 0)
        max_bytes = READER_DEFAULT_MAX;
    ac_error err = open_regular(path, dg, &fd, &st);
    if (err != AC_OK)
        return err;
    const char *why = read_text_unsupported(path, NULL, 0);
    if (why) {
        diag_error(dg, path, 0, "not read: %s", why);
        err = AC_ERR_BINARY;
        goto done;
    }
    err = read_all(fd, &st, path, max_bytes, dg, a, &buf, &n, out->sha256);
    if (err != AC_OK)
        goto done;
    if ((why = read_text_unsupported(path, buf, n))) {
        diag_error(dg, path, 0, "not read: %s", why);
        err = AC_ERR_BINARY;
        goto done;
    }
    err = decode(path, buf, n, dg, a, out);
    if (err == AC_ERR_EMPTY)
        diag_error(dg, path, 0, "empty file: nothing to read");
    else if (err == AC_ERR_BINARY)
        diag_error(dg, path, 0, "binary file (NUL bytes): not a text document");
    else if (err == AC_ERR_NOMEM)
        diag_error(dg, path, 0, "out of memory");
done:
    close(fd);
    return err;
}

long read_text_line_of(const read_text_doc *d, size_t off)
{
    size_t lo = 0, hi = d->n_lines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (long)lo + 1;
}

const char *read_text_encoding_name(read_text_encoding e)
{
    switch (e) {
    case ENC_UTF8: return "UTF-8";
    case ENC_UTF8_BOM: return "UTF-8 (BOM)";
    case ENC_CP1252: return "Windows-1252";
    case ENC_UTF16: return "UTF-16";
    }
    return "?";
}
