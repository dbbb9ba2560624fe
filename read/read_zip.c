/*
 * read_zip.c — one zip part streamed into expat, bounded (read_zip.h).
 *
 * Data flow: read_zip_open() hands the caller's bytes to libzip as a
 * buffer source (no copy, no file); read_zip_parse() opens one entry,
 * inflates it READ_CHUNK bytes at a time into a fixed buffer and gives
 * each chunk to XML_Parse, so a part is never whole in memory.  The bytes
 * really inflated are counted against the part's and the workbook's
 * limits before expat sees them: a zip bomb stops after at most the limit
 * plus one chunk of work, whatever its headers declare.
 *
 * Invariants: every libzip and expat object made here is freed on every
 * path before the function returns (the archive by read_zip_close()).
 * The only state is in the read_sheet_zip the caller holds.
 */
#include "read_zip.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* Inflate and parse this much at a time: large enough that the calls cost
 * nothing, small enough for the stack-free fixed buffer of the object. */
#define READ_CHUNK (64u * 1024u)

/* A part may amplify entities at most this much (expat's default is 100);
 * a DOCTYPE already stops the parse, this is the second line. */
#define XML_MAX_AMPLIFICATION 10.0f
/* ...once it has produced this many bytes (expat's default is 8 MiB). */
#define XML_AMPLIFICATION_THRESHOLD (1024ull * 1024ull)

#define MIB (1024u * 1024u)

struct read_sheet_zip {
    const char *path;
    zip_t *zip;
    const read_sheet_limits *lim;
    size_t total;                /* bytes inflated so far, all parts */
    locale_t c_locale;           /* strtod_l's "C": '.' whatever the process */
    char buf[READ_CHUNK];
};

ac_error read_zip_open(const char *path, const unsigned char *bytes, size_t n,
                        const read_sheet_limits *l, diag *d, read_sheet_zip **out)
{
    *out = NULL;
    read_sheet_zip *z = calloc(1, sizeof *z);
    if (!z)
        return diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory opening the zip archive");
    z->path = path;
    z->lim = l;
    z->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!z->c_locale) {
        free(z);
        return diag_fail(d, AC_ERR_NOMEM, path, 0, "out of memory opening the zip archive");
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &ze);
    if (src) {
        z->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
        if (!z->zip)
            zip_source_free(src);   /* zip_open_from_source keeps it only on success */
    }
    if (!z->zip) {
        ac_error e = diag_fail(d, AC_ERR_PARSE, path, 0, "not a readable zip archive: %s",
                               zip_error_strerror(&ze));
        zip_error_fini(&ze);
        read_zip_close(z);
        return e;
    }
    zip_error_fini(&ze);
    *out = z;
    return AC_OK;
}

void read_zip_close(read_sheet_zip *z)
{
    if (!z)
        return;
    if (z->zip)
        zip_discard(z->zip);
    if (z->c_locale)
        freelocale(z->c_locale);
    free(z);
}

static zip_int64_t locate(read_sheet_zip *z, const char *part)
{
    zip_int64_t i = zip_name_locate(z->zip, part, 0);
    return i >= 0 ? i : zip_name_locate(z->zip, part, ZIP_FL_NOCASE);
}

int read_zip_has(read_sheet_zip *z, const char *part)
{
    return locate(z, part) >= 0;
}

void read_xml_fail(read_sheet_xml *x, ac_error err)
{
    if (!x->err)
        x->err = err;
    XML_StopParser(x->parser, XML_FALSE);
}

const char *read_xml_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(atts[i], name))
            return atts[i + 1];
    return NULL;
}

int read_zip_number(read_sheet_zip *z, const char *s, double *v)
{
    char *end;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return 0;
    *v = strtod_l(s, &end, z->c_locale);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    return !*end && isfinite(*v);
}

/* The handlers' user data is the read_sheet_xml; a DOCTYPE stops the parse
 * before any entity of it can be declared or expanded. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name; (void)sysid; (void)pubid; (void)has_internal_subset;
    read_sheet_xml *x = ud;
    x->doctype = 1;
    read_xml_fail(x, AC_ERR_PARSE);
}

static void limit_text(size_t limit, char *buf, size_t size)
{
    if (limit % MIB == 0)
        snprintf(buf, size, "%zu MiB", limit / MIB);
    else
        snprintf(buf, size, "%zu bytes", limit);
}

static ac_error too_big(read_sheet_zip *z, const char *part, int whole, diag *d)
{
    char lim[48];
    if (whole) {
        limit_text(z->lim->max_total_bytes, lim, sizeof lim);
        return diag_fail(d, AC_ERR_TOO_BIG, z->path, 0,
                         "the parts of this workbook inflate to more than %s together "
                         "(a zip bomb?)", lim);
    }
    limit_text(z->lim->max_part_bytes, lim, sizeof lim);
    return diag_fail(d, AC_ERR_TOO_BIG, z->path, 0,
                     "part \"%s\" inflates to more than %s (a zip bomb?)", part, lim);
}

static XML_Parser new_parser(read_sheet_xml *x)
{
    XML_Parser p = XML_ParserCreateNS(NULL, ' ');
    if (!p)
        return NULL;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, x->start, x->end);
    if (x->text)
        XML_SetCharacterDataHandler(p, x->text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
#ifdef XML_DTD
    XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, XML_MAX_AMPLIFICATION);
    XML_SetBillionLaughsAttackProtectionActivationThreshold(p, XML_AMPLIFICATION_THRESHOLD);
#endif
    x->parser = p;
    return p;
}

/* An XML failure: ours (a handler's, a DOCTYPE) or expat's. */
static ac_error xml_error(read_sheet_zip *z, const char *part, read_sheet_xml *x, diag *d)
{
    XML_Parser p = x->parser;
    unsigned long line = (unsigned long)XML_GetCurrentLineNumber(p);
    if (x->err && XML_GetErrorCode(p) == XML_ERROR_ABORTED) {
        if (x->doctype)
            return diag_fail(d, AC_ERR_PARSE, z->path, 0,
                             "part \"%s\" line %lu: a DOCTYPE declaration (entity "
                             "definitions are not accepted in a spreadsheet)", part, line);
        return x->err;
    }
    return diag_fail(d, AC_ERR_PARSE, z->path, 0, "part \"%s\" line %lu: %s", part, line,
                     XML_ErrorString(XML_GetErrorCode(p)));
}

/* Read the opened entry chunk by chunk into the parser. */
static ac_error pump(read_sheet_zip *z, zip_file_t *f, const char *part, read_sheet_xml *x, diag *d)
{
    size_t part_bytes = 0;
    for (;;) {
        zip_int64_t got = zip_fread(f, z->buf, sizeof z->buf);
        if (got < 0)
            return diag_fail(d, AC_ERR_PARSE, z->path, 0,
                             "not a readable zip archive: %s (part \"%s\")",
                             zip_file_strerror(f), part);
        part_bytes += (size_t)got;
        z->total += (size_t)got;
        if (part_bytes > z->lim->max_part_bytes)
            return too_big(z, part, 0, d);
        if (z->total > z->lim->max_total_bytes)
            return too_big(z, part, 1, d);
        if (XML_Parse(x->parser, z->buf, (int)got, got == 0) != XML_STATUS_OK)
            return xml_error(z, part, x, d);
        if (got == 0)
            return AC_OK;
    }
}

ac_error read_zip_parse(read_sheet_zip *z, const char *part, read_sheet_xml *x, diag *d)
{
    zip_int64_t i = locate(z, part);
    if (i < 0)
        return diag_fail(d, AC_ERR_PARSE, z->path, 0, "no part \"%s\" in the archive", part);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->zip, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)
        && st.size > z->lim->max_part_bytes)
        return too_big(z, part, 0, d);
    zip_file_t *f = zip_fopen_index(z->zip, (zip_uint64_t)i, 0);
    if (!f)
        return diag_fail(d, AC_ERR_PARSE, z->path, 0, "not a readable zip archive: %s (part \"%s\")",
                         zip_strerror(z->zip), part);
    ac_error e;
    x->parser = NULL;
    x->err = AC_OK;
    x->doctype = 0;
    if (!new_parser(x))
        e = diag_fail(d, AC_ERR_NOMEM, z->path, 0, "out of memory creating an xml parser");
    else
        e = pump(z, f, part, x, d);
    if (x->parser)
        XML_ParserFree(x->parser);
    x->parser = NULL;
    zip_fclose(f);
    return e;
}
