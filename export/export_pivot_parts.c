/*
 * export_pivot_parts.c — one job: add the PivotTable parts (export_pivot_xml.c) to a
 * finished .xlsx that libxlsxwriter wrote, with libzip.
 *
 * It reads the parts it must edit ([Content_Types].xml, xl/workbook.xml,
 * xl/_rels/workbook.xml.rels, xl/styles.xml for the usd number format, the
 * Pivot sheet's relationships if any), inserts what the PivotTables need
 * before the closing tags libxlsxwriter writes (</Types>, </Relationships>;
 * in workbook.xml <pivotCaches> right after <calcPr/>, its place in the
 * schema) and adds the new parts.  It parses no XML: it only locates the
 * tags libxlsxwriter is known to write, and fails (AC_ERR_XLSX) when they
 * are not there.  Relationship ids are our own ("rIdPivot1"), so they never
 * collide with libxlsxwriter's "rIdN".
 *
 * The file edited is the temporary workbook export_workbook() writes, before
 * its fsync and rename: on any failure zip_discard() leaves it as it was and
 * the caller removes it, so the workbook at its final path stays untouched.
 *
 * Memory: every part read or built is malloc'd here; libzip takes ownership
 * of a buffer once zip_source_buffer(..., freep = 1) succeeds, everything
 * else is freed before returning.
 */
#include "export_pivot_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#define CT_CACHE_DEF "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"
#define CT_RECORDS "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml"
#define CT_TABLE "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define CACHE_DEF "xl/pivotCache/pivotCacheDefinition1.xml"
#define USD_FORMAT "formatCode=\"#,##0.00 &quot;USD&quot;\""
#define FMT_2DEC 4          /* built-in #,##0.00: when the usd format is absent */
#define MAX_PART (256u << 20) /* bytes: no part we edit is anywhere near this */
#define PATH_MAX_PART 256

typedef struct {
    zip_t *z;
    time_t mtime;           /* of the parts written: the workbook's time, so
                               that a build in test mode is reproducible */
    const char *path;       /* for messages */
    diag *d;
    ac_error err;
} zctx;

static ac_error fail(zctx *c, ac_error e, const char *what)
{
    if (!c->err)
        diag_error(c->d, c->path, 0, "cannot add the PivotTables: %s", what);
    c->err = c->err ? c->err : e;
    return c->err;
}

/* The part `name` as a NUL-terminated malloc'd text; NULL when absent
 * (*missing = 1) or on error (reported). */
static char *read_part(zctx *c, const char *name, int *missing)
{
    zip_stat_t st;
    *missing = 0;
    if (zip_stat(c->z, name, 0, &st) != 0) {
        *missing = 1;
        return NULL;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART) {
        fail(c, AC_ERR_XLSX, name);
        return NULL;
    }
    char *s = malloc(st.size + 1);
    zip_file_t *f = s ? zip_fopen(c->z, name, 0) : NULL;
    zip_int64_t got = f ? zip_fread(f, s, st.size) : -1;
    if (f)
        zip_fclose(f);
    if (!s || got != (zip_int64_t)st.size) {
        free(s);
        fail(c, s ? AC_ERR_XLSX : AC_ERR_NOMEM, name);
        return NULL;
    }
    s[st.size] = '\0';
    return s;
}

/* Add (or replace) part `name` with text s, which libzip then owns. */
static ac_error add_part(zctx *c, const char *name, char *s, size_t n)
{
    if (c->err) {
        free(s);
        return c->err;
    }
    if (!s)
        return fail(c, AC_ERR_NOMEM, name);
    zip_source_t *src = zip_source_buffer(c->z, s, n, 1);
    if (!src) {
        free(s);
        return fail(c, AC_ERR_NOMEM, name);
    }
    zip_int64_t i = zip_file_add(c->z, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        zip_source_free(src);
        return fail(c, AC_ERR_XLSX, zip_strerror(c->z));
    }
    if (zip_file_set_mtime(c->z, (zip_uint64_t)i, c->mtime, 0) != 0)
        return fail(c, AC_ERR_XLSX, zip_strerror(c->z));
    return AC_OK;
}

/* doc with text inserted at offset at: malloc'd, NULL when out of memory. */
static char *splice(const char *doc, size_t at, const char *text, size_t *len)
{
    size_t n = strlen(doc), t = strlen(text);
    char *s = malloc(n + t + 1);
    if (!s)
        return NULL;
    memcpy(s, doc, at);
    memcpy(s + at, text, t);
    memcpy(s + at + t, doc + at, n - at + 1);
    *len = n + t;
    return s;
}

/* The offset of the last occurrence of tag in doc, or -1. */
static long last_of(const char *doc, const char *tag)
{
    const char *hit = NULL;
    for (const char *p = strstr(doc, tag); p; p = strstr(p + 1, tag))
        hit = p;
    return hit ? (long)(hit - doc) : -1;
}

/* Edit part `name`: insert text before its last `tag`. */
static ac_error edit_before(zctx *c, const char *name, const char *tag, const char *text)
{
    int missing;
    char *doc = read_part(c, name, &missing);
    if (!doc)
        return fail(c, AC_ERR_XLSX, missing ? name : "cannot read a part");
    long at = last_of(doc, tag);
    size_t n = 0;
    char *s = at < 0 ? NULL : splice(doc, (size_t)at, text, &n);
    free(doc);
    if (at < 0)
        return fail(c, AC_ERR_XLSX, name);
    return add_part(c, name, s, n);
}

/* The value of attribute attr (attr="...") in the element at p, into buf. */
static int attr_of(const char *p, const char *end, const char *attr, char *buf, size_t size)
{
    char key[64];
    snprintf(key, sizeof key, " %s=\"", attr);
    const char *a = strstr(p, key);
    if (!a || (end && a > end))
        return 0;
    a += strlen(key);
    const char *q = strchr(a, '"');
    if (!q || (size_t)(q - a) >= size)
        return 0;
    memcpy(buf, a, (size_t)(q - a));
    buf[q - a] = '\0';
    return 1;
}

/* The part name of sheet `sheet` ("xl/worksheets/sheet1.xml"). */
static ac_error sheet_part(zctx *c, const char *wbxml, const char *rels, const char *sheet,
                           char *out, size_t size)
{
    char key[128], rid[64], target[PATH_MAX_PART];
    snprintf(key, sizeof key, "<sheet name=\"%s\" ", sheet);
    const char *p = strstr(wbxml, key);
    if (!p || !attr_of(p, strchr(p, '>'), "r:id", rid, sizeof rid))
        return fail(c, AC_ERR_XLSX, "no Pivot sheet in xl/workbook.xml");
    snprintf(key, sizeof key, " Id=\"%s\" ", rid);
    const char *r = strstr(rels, key);
    if (!r || !attr_of(r, strchr(r, '>'), "Target", target, sizeof target) ||
        strncmp(target, "worksheets/", 11) != 0)
        return fail(c, AC_ERR_XLSX, "no Pivot sheet in xl/_rels/workbook.xml.rels");
    snprintf(out, size, "xl/%s", target);
    return AC_OK;
}

/* The numFmtId libxlsxwriter gave the usd format (styles.xml). */
static int usd_format(const char *styles)
{
    const char *p = styles ? strstr(styles, USD_FORMAT) : NULL;
    if (!p)
        return FMT_2DEC;
    while (p > styles && strncmp(p, "<numFmt ", 8) != 0)
        p--;
    char id[16];
    return attr_of(p, strchr(p, '>'), "numFmtId", id, sizeof id) ? atoi(id) : FMT_2DEC;
}

/* The Pivot sheet's relationships to the two PivotTables. */
static ac_error sheet_rels(zctx *c, const char *read_sheet_xml)
{
    char name[PATH_MAX_PART + 16], text[1024] = "";
    const char *slash = strrchr(read_sheet_xml, '/');
    snprintf(name, sizeof name, "%.*s/_rels/%s.rels", (int)(slash - read_sheet_xml), read_sheet_xml,
             slash + 1);
    size_t o = 0;
    for (int w = 0; w < PIVOT_N; w++)
        o += (size_t)snprintf(text + o, sizeof text - o,
                              "<Relationship Id=\"rIdPivot%d\" Type=\"" REL "pivotTable\" "
                              "Target=\"../pivotTables/pivotTable%d.xml\"/>", w + 1, w + 1);
    int missing;
    char *doc = read_part(c, name, &missing);
    if (doc) {
        free(doc);
        return edit_before(c, name, "</Relationships>", text);
    }
    if (!missing)
        return c->err;
    size_t n = strlen(XML_DECL) + strlen(text) + 128;
    char *s = malloc(n);
    if (s)
        n = (size_t)snprintf(s, n, XML_DECL "<Relationships xmlns=\"" RELS_NS "\">%s</Relationships>",
                             text);
    return add_part(c, name, s, n);
}

/* [Content_Types].xml and the workbook's own parts. */
static ac_error edit_package(zctx *c)
{
    char ct[1024] = "";
    size_t o = (size_t)snprintf(ct, sizeof ct,
                                "<Override PartName=\"/" CACHE_DEF "\" ContentType=\"" CT_CACHE_DEF
                                "\"/><Override PartName=\"/xl/pivotCache/pivotCacheRecords1.xml\" "
                                "ContentType=\"" CT_RECORDS "\"/>");
    for (int w = 0; w < PIVOT_N; w++)
        o += (size_t)snprintf(ct + o, sizeof ct - o, "<Override PartName=\"/xl/pivotTables/"
                              "pivotTable%d.xml\" ContentType=\"" CT_TABLE "\"/>", w + 1);
    if (edit_before(c, "[Content_Types].xml", "</Types>", ct) ||
        edit_before(c, "xl/_rels/workbook.xml.rels", "</Relationships>",
                    "<Relationship Id=\"rIdPivotCache1\" Type=\"" REL "pivotCacheDefinition\" "
                    "Target=\"pivotCache/pivotCacheDefinition1.xml\"/>"))
        return c->err;
    return AC_OK;
}

/* <pivotCaches> right after <calcPr .../> (CT_Workbook's order). */
static ac_error edit_workbook(zctx *c, const char *wbxml)
{
    char pc[160];
    snprintf(pc, sizeof pc, "<pivotCaches><pivotCache cacheId=\"%d\" r:id=\"rIdPivotCache1\"/>"
             "</pivotCaches>", PIVOT_CACHE_ID);
    const char *p = strstr(wbxml, "<calcPr");
    const char *e = p ? strstr(p, "/>") : NULL;
    if (!e)
        return fail(c, AC_ERR_XLSX, "no <calcPr/> in xl/workbook.xml");
    size_t n = 0;
    char *s = splice(wbxml, (size_t)(e + 2 - wbxml), pc, &n);
    return add_part(c, "xl/workbook.xml", s, n);
}

static ac_error new_parts(zctx *c, const export_pivot_src *p, const char *styles, long long created)
{
    size_t n = 0;
    char *s = export_pivot_xml_cache_def(p, PIVOT_DATA_SHEET, created, &n);
    if (add_part(c, CACHE_DEF, s, n))
        return c->err;
    s = export_pivot_xml_records(p, &n);
    if (add_part(c, "xl/pivotCache/pivotCacheRecords1.xml", s, n))
        return c->err;
    static const char cache_rels[] =
        XML_DECL "<Relationships xmlns=\"" RELS_NS "\"><Relationship Id=\"rId1\" Type=\"" REL
        "pivotCacheRecords\" Target=\"pivotCacheRecords1.xml\"/></Relationships>";
    static const char table_rels[] =
        XML_DECL "<Relationships xmlns=\"" RELS_NS "\"><Relationship Id=\"rId1\" Type=\"" REL
        "pivotCacheDefinition\" Target=\"../pivotCache/pivotCacheDefinition1.xml\"/>"
        "</Relationships>";
    if (add_part(c, "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", strdup(cache_rels),
                 sizeof cache_rels - 1))
        return c->err;
    int fmt = usd_format(styles);
    for (int w = 0; w < PIVOT_N; w++) {
        char name[64];
        snprintf(name, sizeof name, "xl/pivotTables/pivotTable%d.xml", w + 1);
        s = export_pivot_xml_table(p, w, fmt, &n);
        if (add_part(c, name, s, n))
            return c->err;
        snprintf(name, sizeof name, "xl/pivotTables/_rels/pivotTable%d.xml.rels", w + 1);
        if (add_part(c, name, strdup(table_rels), sizeof table_rels - 1))
            return c->err;
    }
    return AC_OK;
}

ac_error export_pivot_parts_add(const char *path, const export_pivot_src *p, long long created,
                         const char *label, diag *d)
{
    zctx c = {NULL, (time_t)created, label ? label : path, d, AC_OK};
    int zerr = 0, missing;
    char *wbxml = NULL, *rels = NULL, *styles = NULL, sheet[PATH_MAX_PART + 8];
    if (!(c.z = zip_open(path, 0, &zerr))) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        fail(&c, AC_ERR_IO, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return c.err;
    }
    if ((wbxml = read_part(&c, "xl/workbook.xml", &missing)) &&
        (rels = read_part(&c, "xl/_rels/workbook.xml.rels", &missing)) &&
        !sheet_part(&c, wbxml, rels, PIVOT_SHEET, sheet, sizeof sheet)) {
        styles = read_part(&c, "xl/styles.xml", &missing);
        if (!c.err && !new_parts(&c, p, styles, created) && !edit_package(&c) &&
            !edit_workbook(&c, wbxml))
            sheet_rels(&c, sheet);
    } else if (!c.err)
        fail(&c, AC_ERR_XLSX, "no xl/workbook.xml or its relationships");
    free(wbxml);
    free(rels);
    free(styles);
    if (c.err) {
        zip_discard(c.z);
        return c.err;
    }
    if (zip_close(c.z) != 0) {
        fail(&c, AC_ERR_IO, zip_strerror(c.z));
        zip_discard(c.z);
    }
    return c.err;
}
