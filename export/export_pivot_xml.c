/*
 * export_pivot_xml.c — the XML text of the PivotTable parts (ECMA-376 Part 1
 * §18.10): the cache definition (one cacheField per "Pivot data" column,
 * every distinct text as a shared item), the cache records (so the values
 * show without a refresh) and the two pivotTableDefinitions, with their
 * rendered layout (rowItems, colItems) written in full.
 *
 * Both tables filter the field kind on "funding" (pageField/@item): their
 * rows and columns are the items of the rows of that kind.
 *
 * Element order follows the schema: pivotCacheDefinition: cacheSource,
 * cacheFields; pivotTableDefinition: location, pivotFields, rowFields,
 * rowItems, colFields, colItems, pageFields, dataFields,
 * pivotTableStyleInfo.  The column fields are the field of the spec and
 * the Σ Values field (-2): each column item is shown with "Sum of usd" and
 * "Sum of projects" side by side, then the two grand totals.
 *
 * Memory: every text is built in a strbuf (base/strbuf.h) and handed to the
 * caller (who frees it); on out of memory the buffer is freed and NULL
 * returned.
 */
#include "export_pivot.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/utf8.h"

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
/* Excel's serial day of 1970-01-01 (days since 1899-12-30). */
#define EXCEL_EPOCH_DAYS 25569
#define SECONDS_PER_DAY 86400
/* The version of the PivotTable features used: Excel 2007's. */
#define PIVOT_VERSION "3"
#define PIVOT_STYLE "PivotStyleLight16"
#define N_DATA 2            /* data fields: Sum of usd, Sum of projects */
#define DATA_FIELD_X (-2)   /* the Σ Values field's index in colFields */

/* Length of the UTF-8 character at s that XML allows (base/utf8 and XML
 * 1.0's Char: no C0 control but tab, newline and return, no U+FFFE or
 * U+FFFF), 0 if none. */
static size_t xml_char(const unsigned char *s, size_t n)
{
    unsigned cp;
    size_t len = utf8_decode(s, n, &cp);
    if (!len || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
        return 0;
    return cp == 0xFFFE || cp == 0xFFFF ? 0 : len;
}

static void put_esc(strbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n && !b->failed;) {
        size_t l = xml_char(p + i, n - i);
        const char *r = NULL;
        switch (l ? p[i] : 0) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\t': r = "&#9;"; break;
        case '\n': r = "&#10;"; break;
        case '\r': r = "&#13;"; break;
        case 0: r = "\xEF\xBF\xBD"; break;
        }
        if (r)
            strbuf_adds(b, r);
        else
            strbuf_add(b, p + i, l);
        i += l ? l : 1;
    }
}

/* The text, the caller's to free, and its length; NULL when out of memory. */
static char *done(strbuf *b, size_t *len)
{
    size_t n = b->n;
    char *s = strbuf_take(b);
    if (s && len)
        *len = n;
    return s;
}

char *export_pivot_xml_escape(const char *s)
{
    strbuf b = {0};
    put_esc(&b, s);
    return done(&b, NULL);
}

/* ---- cache definition ---------------------------------------------------------- */

/* Text fields whose values the cache lists once (the records index them):
 * all but the document's name, on no axis, which the records hold inline
 * (file names may differ only by case, which Excel's items do not allow). */
static int listed(int f)
{
    return export_pivot_field_is_text(f) && f != PV_DOC;
}

static void text_field(strbuf *b, const export_pivot_items *it)
{
    strbuf_addf(b, "<sharedItems count=\"%zu\">", it->n);
    for (size_t i = 0; i < it->n; i++) {
        strbuf_adds(b, "<s v=\"");
        put_esc(b, it->s[i]);
        strbuf_adds(b, "\"/>");
    }
    strbuf_adds(b, "</sharedItems>");
}

/* A number field: its range, whether blanks occur, integers only. */
static void number_field(strbuf *b, const export_pivot_src *p, int f)
{
    int has_bit = f == PV_USD ? PV_HAS_USD : f == PV_PROJECTS ? PV_HAS_PROJECTS : PV_HAS_LINE;
    int64_t lo = 0, hi = 0;
    size_t nv = 0;
    for (size_t i = 0; i < p->n; i++) {
        const export_pivot_row *r = &p->row[i];
        if (!(r->has & has_bit))
            continue;
        int64_t v = f == PV_USD ? r->usd : f == PV_PROJECTS ? r->projects : r->line;
        if (!nv || v < lo)
            lo = v;
        if (!nv || v > hi)
            hi = v;
        nv++;
    }
    int blank = nv < p->n;
    if (!nv) {
        strbuf_addf(b,
                "<sharedItems containsNonDate=\"0\" containsString=\"0\"%s/>",
                blank ? " containsBlank=\"1\"" : "");
        return;
    }
    char a[32], z[32];
    if (f == PV_USD) {
        export_pivot_cents(lo, a, sizeof a);
        export_pivot_cents(hi, z, sizeof z);
    } else {
        snprintf(a, sizeof a, "%" PRId64, lo);
        snprintf(z, sizeof z, "%" PRId64, hi);
    }
    /* numbers only: no semi-mixed types; with blanks, the default (a blank
     * is not a number), as Excel writes it */
    strbuf_addf(b,
            "<sharedItems%s containsString=\"0\" containsNumber=\"1\"%s%s minValue=\"%s\" "
            "maxValue=\"%s\"/>", blank ? "" : " containsSemiMixedTypes=\"0\"",
            f == PV_USD ? "" : " containsInteger=\"1\"", blank ? " containsBlank=\"1\"" : "", a, z);
}

char *export_pivot_xml_cache_def(const export_pivot_src *p, const char *sheet, long long created, size_t *len)
{
    strbuf b = {0};
    double serial = (double)created / SECONDS_PER_DAY + EXCEL_EPOCH_DAYS;
    strbuf_adds(&b,
            XML_DECL "<pivotCacheDefinition xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\" "
            "r:id=\"rId1\" refreshOnLoad=\"1\" refreshedBy=\"aidcube\" ");
    strbuf_addf(&b,
            "refreshedDate=\"%.6f\" createdVersion=\"" PIVOT_VERSION "\" refreshedVersion=\""
            PIVOT_VERSION "\" minRefreshableVersion=\"" PIVOT_VERSION "\" recordCount=\"%zu\">",
            serial, p->n);
    strbuf_addf(&b,
            "<cacheSource type=\"worksheet\"><worksheetSource ref=\"A1:%c%zu\" sheet=\"",
            'A' + PV__N - 1, p->n + 1);
    put_esc(&b, sheet);
    strbuf_addf(&b, "\"/></cacheSource><cacheFields count=\"%d\">", PV__N);
    for (int f = 0; f < PV__N; f++) {
        strbuf_addf(&b, "<cacheField name=\"%s\" numFmtId=\"0\">", export_pivot_field_name[f]);
        if (listed(f))
            text_field(&b, &p->items[f]);
        else if (export_pivot_field_is_text(f))
            strbuf_adds(&b, "<sharedItems/>");
        else
            number_field(&b, p, f);
        strbuf_adds(&b, "</cacheField>");
    }
    strbuf_adds(&b, "</cacheFields></pivotCacheDefinition>\n");
    return done(&b, len);
}

/* ---- cache records ------------------------------------------------------------ */

static void record_number(strbuf *b, int has, int64_t v, int cents)
{
    char t[32];
    if (!has) {
        strbuf_adds(b, "<m/>");
        return;
    }
    if (cents)
        export_pivot_cents(v, t, sizeof t);
    else
        snprintf(t, sizeof t, "%" PRId64, v);
    strbuf_addf(b, "<n v=\"%s\"/>", t);
}

char *export_pivot_xml_records(const export_pivot_src *p, size_t *len)
{
    strbuf b = {0};
    strbuf_addf(&b,
            XML_DECL "<pivotCacheRecords xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL
            "\" count=\"%zu\">", p->n);
    for (size_t i = 0; i < p->n && !b.failed; i++) {
        const export_pivot_row *r = &p->row[i];
        strbuf_adds(&b, "<r>");
        for (int f = 0; f < PV__N; f++)
            if (listed(f))
                strbuf_addf(&b, "<x v=\"%" PRIu32 "\"/>", r->item[f]);
            else if (export_pivot_field_is_text(f)) {
                strbuf_adds(&b, "<s v=\"");
                put_esc(&b, p->items[f].s[r->item[f]]);
                strbuf_adds(&b, "\"/>");
            }
            else if (f == PV_USD)
                record_number(&b, r->has & PV_HAS_USD, r->usd, 1);
            else if (f == PV_PROJECTS)
                record_number(&b, r->has & PV_HAS_PROJECTS, r->projects, 0);
            else
                record_number(&b, r->has & PV_HAS_LINE, r->line, 0);
        strbuf_adds(&b, "</r>");
    }
    strbuf_adds(&b, "</pivotCacheRecords>\n");
    return done(&b, len);
}

/* ---- table definition ------------------------------------------------------------ */

static void items(strbuf *b, size_t n)
{
    strbuf_addf(b, "<items count=\"%zu\">", n + 1);
    for (size_t i = 0; i < n; i++)
        strbuf_addf(b, "<item x=\"%zu\"/>", i);
    strbuf_adds(b, "<item t=\"default\"/></items>");
}

static void pivot_fields(strbuf *b, const export_pivot_src *p, const export_pivot_spec *s)
{
    strbuf_addf(b, "<pivotFields count=\"%d\">", PV__N);
    for (int f = 0; f < PV__N; f++) {
        const char *axis = f == s->row ? "axisRow" : f == s->col ? "axisCol" : NULL;
        for (int k = 0; k < s->npage; k++)
            if (s->page[k] == f)
                axis = "axisPage";
        if (axis) {
            strbuf_addf(b, "<pivotField axis=\"%s\" showAll=\"0\">", axis);
            items(b, p->items[f].n);
            strbuf_adds(b, "</pivotField>");
        } else if (f == PV_USD || f == PV_PROJECTS)
            strbuf_adds(b, "<pivotField dataField=\"1\" showAll=\"0\"/>");
        else
            strbuf_adds(b, "<pivotField showAll=\"0\"/>");
    }
    strbuf_adds(b, "</pivotFields>");
}

/* <x v="k"/>, or <x/> for index 0 (the default). */
static void x_item(strbuf *b, size_t k)
{
    if (k)
        strbuf_addf(b, "<x v=\"%zu\"/>", k);
    else
        strbuf_adds(b, "<x/>");
}

/* The items shown (those of the rows of kind "funding"), by their index. */
static void row_items(strbuf *b, const uint32_t *shown, size_t nr)
{
    strbuf_addf(b, "<rowItems count=\"%zu\">", nr + 1);
    for (size_t i = 0; i < nr; i++) {
        strbuf_adds(b, "<i>");
        x_item(b, shown[i]);
        strbuf_adds(b, "</i>");
    }
    strbuf_adds(b, "<i t=\"grand\"><x/></i></rowItems>");
}

/* Each column item with the two data fields, then the two grand totals. */
static void col_items(strbuf *b, const uint32_t *shown, size_t nc)
{
    strbuf_addf(b, "<colItems count=\"%zu\">", N_DATA * (nc + 1));
    for (size_t j = 0; j < nc; j++) {
        strbuf_adds(b, "<i>");
        x_item(b, shown[j]);
        strbuf_adds(b, "<x/></i><i r=\"1\" i=\"1\"><x v=\"1\"/></i>");
    }
    strbuf_adds(b, "<i t=\"grand\"><x/></i><i t=\"grand\" i=\"1\"><x/></i></colItems>");
}

static void cell_ref(char *buf, size_t size, uint32_t row, uint32_t col)
{
    char letters[8];
    int n = 0;
    col++;
    while (col && n < 7) {
        letters[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    size_t o = 0;
    while (n > 0 && o + 1 < size)
        buf[o++] = letters[--n];
    snprintf(buf + o, size - o, "%" PRIu32, row + 1);
}

char *export_pivot_xml_table(const export_pivot_src *p, int which, int usd_fmt, size_t *len)
{
    const export_pivot_spec *s = &export_pivot_specs[which];
    export_pivot_loc loc[PIVOT_N];
    char a[24], z[24];
    strbuf b = {0};
    export_pivot_locations(p, loc);
    cell_ref(a, sizeof a, loc[which].row, 0);
    cell_ref(z, sizeof z, loc[which].row + loc[which].nrows - 1, loc[which].ncols - 1);
    strbuf_addf(&b,
            XML_DECL "<pivotTableDefinition xmlns=\"" NS_MAIN "\" name=\"%s\" cacheId=\"%d\" "
            "dataOnRows=\"0\" ", s->name, PIVOT_CACHE_ID);
    strbuf_adds(&b,
            "applyNumberFormats=\"0\" applyBorderFormats=\"0\" applyFontFormats=\"0\" "
            "applyPatternFormats=\"0\" applyAlignmentFormats=\"0\" applyWidthHeightFormats=\"1\" "
            "dataCaption=\"Values\" updatedVersion=\"" PIVOT_VERSION "\" minRefreshableVersion=\""
            PIVOT_VERSION "\" useAutoFormatting=\"1\" itemPrintTitles=\"1\" createdVersion=\""
            PIVOT_VERSION "\" indent=\"0\" outline=\"1\" outlineData=\"1\" "
            "multipleFieldFilters=\"0\" rowGrandTotals=\"1\" colGrandTotals=\"1\" "
            "grandTotalCaption=\"Grand Total\">");
    strbuf_addf(&b,
            "<location ref=\"%s:%s\" firstHeaderRow=\"1\" firstDataRow=\"%u\" firstDataCol=\"1\"",
            a, z, PIVOT_HEAD);
    if (s->npage)
        strbuf_addf(&b, " rowPageCount=\"%d\" colPageCount=\"1\"", s->npage);
    strbuf_adds(&b, "/>");
    pivot_fields(&b, p, s);
    strbuf_addf(&b, "<rowFields count=\"1\"><field x=\"%d\"/></rowFields>", s->row);
    row_items(&b, p->shown[s->row], p->n_shown[s->row]);
    strbuf_addf(&b,
            "<colFields count=\"2\"><field x=\"%d\"/><field x=\"%d\"/></colFields>", s->col,
            DATA_FIELD_X);
    col_items(&b, p->shown[s->col], p->n_shown[s->col]);
    if (s->npage) {
        strbuf_addf(&b, "<pageFields count=\"%d\">", s->npage);
        for (int k = 0; k < s->npage; k++)
            if (s->page[k] == PV_KIND)     /* the kind "funding" selected */
                strbuf_addf(&b, "<pageField fld=\"%d\" item=\"%" PRIu32 "\" hier=\"-1\"/>",
                            s->page[k], p->funding);
            else
                strbuf_addf(&b, "<pageField fld=\"%d\" hier=\"-1\"/>", s->page[k]);
        strbuf_adds(&b, "</pageFields>");
    }
    strbuf_addf(&b,
            "<dataFields count=\"%d\"><dataField name=\"Sum of usd\" fld=\"%d\" subtotal=\"sum\" "
            "baseField=\"0\" baseItem=\"0\" numFmtId=\"%d\"/>", N_DATA, PV_USD, usd_fmt);
    strbuf_addf(&b,
            "<dataField name=\"Sum of projects\" fld=\"%d\" subtotal=\"sum\" baseField=\"0\" "
            "baseItem=\"0\" numFmtId=\"3\"/></dataFields>", PV_PROJECTS);
    strbuf_adds(&b,
            "<pivotTableStyleInfo name=\"" PIVOT_STYLE "\" showRowHeaders=\"1\" "
            "showColHeaders=\"1\" showRowStripes=\"0\" showColStripes=\"0\" showLastColumn=\"1\"/>"
            "</pivotTableDefinition>\n");
    return done(&b, len);
}
