#!/usr/bin/python3
"""pivot_sample.py — a small workbook with real PivotTables, written by hand.

    /usr/bin/python3 tests/pivot_sample.py OUT.xlsx [EXPECTED.tsv]

Writes OUT.xlsx the way the contract describes aidcube's workbooks: a first,
active sheet "Pivot" holding PivotTable1 (rows sector, columns region, report
filters fund, period and kind, data "Sum of usd" and "Sum of projects", grand
totals) and PivotTable2 (rows fund, columns period, report filter kind, same
data fields), both filtering kind on "funding", both on one pivot cache
(refreshOnLoad="1", records present) whose source is the last sheet "Pivot
data" (header sector region country period fund usd projects doc line kind,
one row per fact).  The parts are plain XML strings following ECMA-376
Part 1 §18.10 (pivotCacheDefinition, pivotCacheRecords, pivotTableDefinition):
another program than aidcube wrote them, so tests/pivot_check.py is proven on
them before it judges aidcube's.

The "Pivot" sheet holds no cached cell values: what LibreOffice shows is
LibreOffice's own computation from the cache source.  EXPECTED.tsv (when
given) is what the two pivots must show, computed here in Python, in the
shape of `aidcube cube --pivot`: pivot row column usd projects.

The data are chosen to catch a parser's mistakes: a label needing XML
escaping (& < > " and an accent), a cell with usd but no projects, a cell
with projects but no usd, an empty grid cell, a negative-free but non-integer
amount, a row item that appears in one column only, and a pledge (kind
"pledged") in a region of its own, which the filter on kind leaves out.
"""
import sys
import zipfile
from xml.sax.saxutils import escape

HEADER = ["sector", "region", "country", "period", "fund", "usd", "projects", "doc", "line", "kind"]
# one row per leaf fact: an amount (usd) or a count (projects), never both
FACTS = [
    ("Education", "Gao", "MLI", "2017-2018", "QIP", 45317.39, None, "a.txt", 3, "funding"),
    ("Education", "Gao", "MLI", "2017-2018", "QIP", None, 2, "a.txt", 4, "funding"),
    ("Education", "Mopti", "MLI", "2016-2017", "QIP", 30000, None, "a.txt", 7, "funding"),
    ("Santé", "Gao", "MLI", "2016-2017", "QIP", 12500.5, None, "b.txt", 2, "funding"),
    ("Santé", "Tombouctou", "MLI", "2015", "PBF", None, 5, "b.txt", 9, "funding"),
    ('Eau & <Assainissement> "rural"', "Mopti", "MLI", "2015", "PBF", 1000000, None, "c.txt", 1, "funding"),
    ('Eau & <Assainissement> "rural"', "Mopti", "MLI", "2015", "PBF", None, 1, "c.txt", 1, "funding"),
    ("Education", "Tombouctou", "MLI", "2017-2018", "TF", 0.1, None, "c.txt", 5, "funding"),
    ("Santé", "Kidal", "MLI", "2015", "PBF", 2000000, None, "d.txt", 4, "pledged"),
]
STRING_FIELDS = {"sector", "region", "country", "period", "fund", "doc", "kind"}
KIND = "funding"   # the filter of both pivots

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NSR = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(r, c, v):
    ref = f"{col(c)}{r}"
    if v is None:
        return ""
    if isinstance(v, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
    return f'<c r="{ref}"><v>{v!r}</v></c>'


def sheet_xml(rows, selected=False):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS} {NSR}>']
    sel = ' tabSelected="1"' if selected else ""
    out.append(f'<sheetViews><sheetView workbookViewId="0"{sel}/></sheetViews>')
    out.append("<sheetData>")
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def items_of(field, facts=FACTS):
    i = HEADER.index(field)
    return sorted({f[i] for f in facts})


def shown():
    """The facts the filter kind = funding keeps."""
    return [f for f in FACTS if f[HEADER.index("kind")] == KIND]


def cache_definition(nrec):
    fields = []
    for k, name in enumerate(HEADER):
        vals = [f[k] for f in FACTS]
        if name in STRING_FIELDS:
            its = items_of(name)
            fields.append(f'<cacheField name="{name}" numFmtId="0"><sharedItems count="{len(its)}">'
                          + "".join(f'<s v="{escape(v, {chr(34): "&quot;"})}"/>' for v in its)
                          + "</sharedItems></cacheField>")
        else:
            nums = [v for v in vals if v is not None]
            blank = ' containsBlank="1"' if None in vals else ""
            integer = ' containsInteger="1"' if all(float(v).is_integer() for v in nums) else ""
            fields.append(f'<cacheField name="{name}" numFmtId="0"><sharedItems containsSemiMixedTypes="0" '
                          f'containsString="0" containsNumber="1"{integer}{blank} minValue="{min(nums)!r}" '
                          f'maxValue="{max(nums)!r}"/></cacheField>')
    last = f"{col(len(HEADER) - 1)}{nrec + 1}"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<pivotCacheDefinition {NS} {NSR} r:id="rId1" refreshOnLoad="1" refreshedBy="pivot_sample.py" '
            f'refreshedDate="45000" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" '
            f'recordCount="{nrec}"><cacheSource type="worksheet"><worksheetSource ref="A1:{last}" '
            f'sheet="Pivot data"/></cacheSource><cacheFields count="{len(HEADER)}">'
            + "".join(fields) + "</cacheFields></pivotCacheDefinition>")


def cache_records():
    out = []
    for f in FACTS:
        rec = []
        for k, name in enumerate(HEADER):
            v = f[k]
            if name in STRING_FIELDS:
                rec.append(f'<x v="{items_of(name).index(v)}"/>')
            elif v is None:
                rec.append("<m/>")
            else:
                rec.append(f'<n v="{v!r}"/>')
        out.append("<r>" + "".join(rec) + "</r>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords {NS} {NSR} '
            f'count="{len(FACTS)}">' + "".join(out) + "</pivotCacheRecords>")


def pivot_table(name, top, rowf, colf, pagef):
    """pivotTableDefinition with its location at row TOP (1-based), data on columns."""
    ri, ci = HEADER.index(rowf), HEADER.index(colf)
    rows, cols = items_of(rowf, shown()), items_of(colf, shown())
    rix = [items_of(rowf).index(v) for v in rows]
    cix = [items_of(colf).index(v) for v in cols]
    fields = []
    for k, f in enumerate(HEADER):
        if f in STRING_FIELDS and f in (rowf, colf) + tuple(pagef):
            axis = "axisRow" if f == rowf else "axisCol" if f == colf else "axisPage"
            n = len(items_of(f))
            fields.append(f'<pivotField axis="{axis}" showAll="0"><items count="{n + 1}">'
                          + "".join(f'<item x="{i}"/>' for i in range(n)) + '<item t="default"/></items></pivotField>')
        elif f in ("usd", "projects"):
            fields.append('<pivotField dataField="1" showAll="0"/>')
        else:
            fields.append('<pivotField showAll="0"/>')
    rowitems = "".join(f'<i><x v="{i}"/></i>' if i else "<i><x/></i>" for i in rix)
    rowitems += '<i t="grand"><x/></i>'
    colitems = ""
    for i in cix:
        colitems += (f'<i><x v="{i}"/><x/></i>' if i else "<i><x/><x/></i>") + '<i r="1" i="1"><x v="1"/></i>'
    colitems += '<i t="grand"><x/></i><i t="grand" i="1"><x/></i>'
    width = 1 + 2 * (len(cols) + 1)
    height = 3 + len(rows) + 1
    ref = f"A{top}:{col(width - 1)}{top + height - 1}"
    page = ""
    if pagef:
        page = (f'<pageFields count="{len(pagef)}">'
                + "".join(f'<pageField fld="{HEADER.index(p)}" item="{items_of("kind").index(KIND)}" hier="-1"/>'
                          if p == "kind" else f'<pageField fld="{HEADER.index(p)}" hier="-1"/>' for p in pagef)
                + "</pageFields>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<pivotTableDefinition {NS} name="{name}" cacheId="1" applyNumberFormats="0" '
            f'applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" '
            f'applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" '
            f'createdVersion="6" useAutoFormatting="1" itemPrintTitles="1" indent="0" outline="1" '
            f'outlineData="1" multipleFieldFilters="0" rowGrandTotals="1" colGrandTotals="1">'
            f'<location ref="{ref}" firstHeaderRow="1" firstDataRow="3" firstDataCol="1"'
            + (f' rowPageCount="{len(pagef)}" colPageCount="1"' if pagef else "") + "/>"
            f'<pivotFields count="{len(HEADER)}">' + "".join(fields) + "</pivotFields>"
            f'<rowFields count="1"><field x="{ri}"/></rowFields><rowItems count="{len(rows) + 1}">{rowitems}</rowItems>'
            f'<colFields count="2"><field x="{ci}"/><field x="-2"/></colFields>'
            f'<colItems count="{2 * len(cols) + 2}">{colitems}</colItems>{page}'
            '<dataFields count="2"><dataField name="Sum of usd" fld="5" baseField="0" baseItem="0" numFmtId="4"/>'
            '<dataField name="Sum of projects" fld="6" baseField="0" baseItem="0"/></dataFields>'
            '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" '
            'showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>')


PIVOTS = [  # number, row field, column field, page fields
    (1, "sector", "region", ["fund", "period", "kind"]),
    (2, "fund", "period", ["kind"]),
]


def expected():
    """What each pivot shows: every grid cell, grand totals included."""
    lines = ["pivot\trow\tcolumn\tusd\tprojects"]
    for num, rowf, colf, _ in PIVOTS:
        ri, ci = HEADER.index(rowf), HEADER.index(colf)
        for r in items_of(rowf, shown()) + ["Grand Total"]:
            for c in items_of(colf, shown()) + ["Grand Total"]:
                sel = [f for f in shown() if r in (f[ri], "Grand Total") and c in (f[ci], "Grand Total")]
                usd = [f[5] for f in sel if f[5] is not None]
                pro = [f[6] for f in sel if f[6] is not None]
                u = f"{round(sum(usd), 2):.2f}" if usd else ""
                p = f"{int(sum(pro))}" if pro else ""
                lines.append(f"PivotTable{num}\t{r}\t{c}\t{u}\t{p}")
    return "\n".join(lines) + "\n"


def write(path):
    nrec = len(FACTS)
    t1_top = 5                       # page fields fund, period, kind on rows 1-3
    t2_top = t1_top + 3 + len(items_of("sector", shown())) + 1 + 3   # its filter kind 2 rows above
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="{CT}.pivotCacheDefinition+xml"/>'
            f'<Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="{CT}.pivotCacheRecords+xml"/>'
            f'<Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="{CT}.pivotTable+xml"/>'
            f'<Override PartName="/xl/pivotTables/pivotTable2.xml" ContentType="{CT}.pivotTable+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} {NSR}>'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            '<sheets><sheet name="Pivot" sheetId="1" r:id="rId1"/><sheet name="Pivot data" sheetId="2" r:id="rId2"/></sheets>'
            '<pivotCaches><pivotCache cacheId="1" r:id="rId3"/></pivotCaches></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml([], selected=True),
        "xl/worksheets/_rels/sheet1.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/pivotTable" Target="../pivotTables/pivotTable1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/pivotTable" Target="../pivotTables/pivotTable2.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet2.xml": sheet_xml([HEADER] + [list(f) for f in FACTS]),
        "xl/pivotCache/pivotCacheDefinition1.xml": cache_definition(nrec),
        "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/>'
            '</Relationships>',
        "xl/pivotCache/pivotCacheRecords1.xml": cache_records(),
        "xl/pivotTables/pivotTable1.xml": pivot_table("PivotTable1", t1_top, *PIVOTS[0][1:]),
        "xl/pivotTables/pivotTable2.xml": pivot_table("PivotTable2", t2_top, *PIVOTS[1][1:]),
    }
    for n in (1, 2):
        files[f"xl/pivotTables/_rels/pivotTable{n}.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/pivotCacheDefinition" '
            'Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text.encode("utf-8"))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: pivot_sample.py OUT.xlsx [EXPECTED.tsv]")
    write(sys.argv[1])
    if len(sys.argv) == 3:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(expected())
