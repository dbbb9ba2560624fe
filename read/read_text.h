/*
 * read_text.h — a source file becomes UTF-8 text with a line index.
 *
 * What arrives in an inbox is rarely clean: UTF-8 with or without a BOM,
 * Windows-1252 (or Latin-1) from older Office exports, UTF-16 from some
 * Windows tools, CRLF line ends, PDF extractions.  The reader's job is to give
 * the scanner one uniform thing: valid UTF-8 text, LF line ends, NUL
 * terminated, and a table of line starts so that every byte offset maps back
 * to its true 1-based line in the file.
 *
 * Decisions, each reported through diag.h with the file name:
 *   - a UTF-8 BOM is dropped; a UTF-16 BOM means UTF-16 (converted);
 *   - text that is not valid UTF-8 is decided by counting (the criterion):
 *     when the bytes that are not part of a valid UTF-8 character outnumber
 *     the valid multi-byte characters, the file reads as Windows-1252
 *     throughout (a warning, "not valid UTF-8: read as Windows-1252": a
 *     Latin-1 export has no valid multi-byte sequence, or only the odd
 *     accidental one); otherwise it is UTF-8 with a few stray bytes, and
 *     each such byte becomes U+FFFD, one warning per damaged line
 *     ("invalid UTF-8 byte 0xE9 replaced", or "N invalid UTF-8 bytes
 *     replaced (the first 0xE9)") for the first REPAIR_WARN_LINES lines
 *     and one summary for the rest: one bad byte spoils one character, not
 *     the file; a file whose only defect is a UTF-8 sequence cut at the very
 *     end keeps its UTF-8 reading, minus the cut sequence (a warning);
 *   - UTF-16 goes through the same checks as other text: a U+0000 makes it
 *     binary (AC_ERR_BINARY), an unpaired surrogate becomes U+FFFD ("invalid
 *     UTF-16 unit 0xD800 replaced", by line as above), an odd last byte is
 *     dropped (a warning);
 *   - what is not a text document is named, not read (AC_ERR_BINARY): by
 *     its name (.csv .xlsx .xlsm .xls .ods, which the run loop reads as
 *     spreadsheets before they reach here (read_sheet.h), and by their content:
 *     "not read: a spreadsheet by its content: name it .xlsx, .ods or .xls
 *     to read it as one"; .pdf .doc .docx .odt:
 *     "not read: PDF and Word files must be converted to text first") and by
 *     its content whatever its name (%PDF-, a ZIP or OLE2 container);
 *   - CRLF and lone CR become LF (line numbers are those of the file);
 *   - an empty file, NUL bytes (a binary file), a file over the size limit
 *     or an unreadable file is an error for that file only (AC_ERR_EMPTY,
 *     AC_ERR_BINARY, AC_ERR_TOO_BIG, AC_ERR_IO): the caller goes on with the
 *     other files of the run.
 * U+00A0, U+202F and thin spaces are kept as they are: the scanner and the
 * gazetteer treat them as spaces, so spans stay exact.
 *
 * Memory: the text and the line index live in the caller's arena.
 */
#ifndef AC_READER_H
#define AC_READER_H

#include <stddef.h>

#include "../base/arena.h"
#include "../base/diag.h"
#include "../base/error.h"

#define READER_DEFAULT_MAX (32u * 1024u * 1024u)   /* 32 MiB */

typedef enum { ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252, ENC_UTF16 } read_text_encoding;

typedef struct {
    const char *path;        /* as given (borrowed from the caller)       */
    const char *name;        /* base name, arena-owned                    */
    char *text;              /* UTF-8, LF, NUL-terminated, arena-owned    */
    size_t len;
    size_t *line_start;      /* offsets of line starts, arena-owned       */
    size_t n_lines;
    size_t file_size;        /* bytes on disk                             */
    read_text_encoding encoding;
    char sha256[65];         /* SHA-256 of exactly the bytes read, lowercase
                                hex (read_text_decode: of the bytes given)   */
} read_text_doc;

/* Read and decode path: the file is opened once (non-blocking), the opened
 * descriptor must be a regular file (fstat), and the SHA-256 is computed in
 * the same pass as the read.  max_bytes 0 means READER_DEFAULT_MAX.
 * Problems are reported on d (may be NULL). */
ac_error read_text_load(const char *path, size_t max_bytes, diag *d, arena *a, read_text_doc *out);

/* The bytes of path, read as read_text_load reads them (opened once without
 * blocking, a regular file only, at most max_bytes (0: READER_DEFAULT_MAX),
 * the SHA-256 of exactly the bytes read computed in the same pass) but not
 * judged nor decoded: for the spreadsheet readers.  *bytes is arena-owned.
 * Errors AC_ERR_IO, AC_ERR_TOO_BIG, AC_ERR_NOMEM, each reported on d. */
ac_error read_text_bytes(const char *path, size_t max_bytes, diag *d, arena *a,
                      const unsigned char **bytes, size_t *n, char sha256[65]);

/* Decode bytes already in memory (name is used in messages). */
ac_error read_text_decode(const char *name, const unsigned char *bytes, size_t n, diag *d,
                       arena *a, read_text_doc *out);

/* 1-based line of byte offset off. */
long read_text_line_of(const read_text_doc *d, size_t off);

/* Decode Windows-1252 bytes into UTF-8 (arena-owned, NUL-terminated). */
char *read_text_cp1252_to_utf8(const unsigned char *s, size_t n, arena *a, size_t *out_len);

/* NULL when path and the first n bytes of its content may be a text
 * document, else why it is not read ("spreadsheets (...) come with a later
 * version", ...).  bytes may be NULL (the name alone is judged). */
const char *read_text_unsupported(const char *path, const unsigned char *bytes, size_t n);

const char *read_text_encoding_name(read_text_encoding e);

#endif
