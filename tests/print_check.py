#!/usr/bin/python3
"""print_check.py — the donor workbook prints legibly (issue 16, point 6).

  print_check.py xlsx FILE.xlsx
      Reads the workbook's XML with zipfile and ElementTree (no aidcube
      code): for every sheet, its page set-up (orientation, paper, fit to
      width or scale, the rows and columns repeated), the widths of its
      columns, the font of every cell it uses (styles.xml) and of its
      charts.  Fails when a sheet is not A4 landscape, is neither fitted to
      the page's width nor printed at 80 % or more, is printed over pages
      side by side without its row labels repeated (but a table's second
      and later sheets, "Cube 2": export_sheets.c), or when a font prints
      below 8 pt at the sheet's scale.  The scale a fit gives is estimated
      the way LibreOffice measures columns here (about 7 points a character
      with DejaVu Sans, its stand-in for Calibri: measured, see
      export_layout.c); the pdf command checks the printed result itself.

  print_check.py pdf FILE.pdf FILE.xlsx
      The PDF LibreOffice printed from FILE.xlsx (soffice --convert-to
      pdf), read with pdftotext -bbox: no word is "###" (a number wider
      than its column), no word is printed below 8 pt (a word's box is 1.3
      times its font size: measured on LibreOffice's PDF), no two words
      overlap (text running over the next row), and every word of the
      "Read me" sheet is printed (a paragraph cut off by its row).

Exit status 0 when all passed; the failures are printed.
"""
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
RID = "{%s}id" % NS["r"]
PAGE_PT = 841.89 - 2 * 0.4 * 72          # A4 landscape less margins of 0.4 in
MIN_PT = 8.0
BOX_PER_PT = 1.3                         # a word's box height per point of font
DEFAULT_WIDTH = 8.43
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def col_pt(w):
    return w * 7.0 + 1.0


def col_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n


def rels(z, path):
    d = path.rsplit("/", 1)[0]
    rp = "%s/_rels/%s.rels" % (d, path.rsplit("/", 1)[1])
    if rp not in z.namelist():
        return {}
    out = {}
    for r in ET.fromstring(z.read(rp)).findall("rel:Relationship", NS):
        t = r.get("Target")
        if not t.startswith("/"):
            parts = (d + "/" + t).split("/")
            stack = []
            for p in parts:
                if p == "..":
                    stack.pop()
                elif p:
                    stack.append(p)
            t = "/".join(stack)
        out[r.get("Id")] = t.lstrip("/")
    return out


def fonts(z):
    st = ET.fromstring(z.read("xl/styles.xml"))
    sizes = []
    for f in st.find("m:fonts", NS).findall("m:font", NS):
        sz = f.find("m:sz", NS)
        sizes.append(float(sz.get("val")) if sz is not None else 11.0)
    xf_font = [int(x.get("fontId", "0")) for x in st.find("m:cellXfs", NS).findall("m:xf", NS)]
    return sizes, xf_font


def chart_sizes(z, sheet_path):
    """Font sizes (pt) of the text of the charts drawn on a sheet; 10 where
    a chart's text states none (the default of Excel and LibreOffice)."""
    out = []
    for t in rels(z, sheet_path).values():
        if "drawings/" not in t:
            continue
        for c in rels(z, t).values():
            if "charts/" not in c:
                continue
            root = ET.fromstring(z.read(c))
            props = root.findall(".//a:defRPr", NS) + root.findall(".//a:rPr", NS)
            out += [int(p.get("sz")) / 100.0 if p.get("sz") else 10.0 for p in props]
            if not props:
                out.append(10.0)
    return out


def cmd_xlsx(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    wrels = rels(z, "xl/workbook.xml")
    titles = {}
    for dn in wb.iter("{%s}definedName" % NS["m"]):
        if dn.get("name") == "_xlnm.Print_Titles":
            titles[int(dn.get("localSheetId"))] = dn.text or ""
    sizes, xf_font = fonts(z)
    n = 0
    for i, sh in enumerate(wb.find("m:sheets", NS).findall("m:sheet", NS)):
        name, spath = sh.get("name"), wrels[sh.get(RID)]
        root = ET.fromstring(z.read(spath))
        ps = root.find("m:pageSetup", NS)
        pr = root.find("m:sheetPr/m:pageSetUpPr", NS)
        where = "%s: %s" % (path.rsplit("/", 1)[-1], name)
        if ps is None or ps.get("orientation") != "landscape" or ps.get("paperSize") != "9":
            fail("%s: not A4 landscape (%r)" % (where, None if ps is None else ps.attrib))
            continue
        widths, last = {}, 0
        for c in root.iter("{%s}col" % NS["m"]):
            for k in range(int(c.get("min")), int(c.get("max")) + 1):
                widths[k] = float(c.get("width"))
        used_fonts = set()
        for c in root.iter("{%s}c" % NS["m"]):
            last = max(last, col_index(c.get("r")))
            used_fonts.add(sizes[xf_font[int(c.get("s", "0"))]])
        for m in root.iter("{%s}mergeCell" % NS["m"]):
            last = max(last, col_index(m.get("ref").split(":")[1]))
        width = sum(col_pt(widths.get(k, DEFAULT_WIDTH)) for k in range(1, last + 1))
        fit = pr is not None and pr.get("fitToPage") == "1"
        if fit:
            if ps.get("fitToWidth", "1") != "1" or ps.get("fitToHeight") != "0":
                fail("%s: fitted to %s x %s pages, not to the page's width"
                     % (where, ps.get("fitToWidth"), ps.get("fitToHeight")))
            scale = min(1.0, PAGE_PT / width) if width else 1.0
        else:
            scale = int(ps.get("scale", "100")) / 100.0
            continued = re.fullmatch(r"(Cube|Facts|Observations|Checks) \d+", name)
            if width * scale > PAGE_PT and not continued and \
                    not re.search(r"\$[A-Z]+:\$[A-Z]+", titles.get(i, "")):
                fail("%s: printed over pages side by side, its row labels not repeated (%r)"
                     % (where, titles.get(i)))
        all_sizes = sorted(used_fonts) + chart_sizes(z, spath)
        small = [s for s in all_sizes if s * scale < MIN_PT - 1e-9]
        if small:
            fail("%s: fonts of %s pt print at %.2f pt (scale %.0f %%)"
                 % (where, sorted(set(small)), min(small) * scale, scale * 100))
        n += 1
    if not failures:
        print("%s: %d sheets print on A4 landscape, every font at 8 pt or more"
              % (path.rsplit("/", 1)[-1], n))


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def pdf_words(pdf):
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = html.split("<page ")[1:]
    out = []
    for p in pages:
        out.append([(float(a), float(b), float(c), float(d), unescape(w))
                    for a, b, c, d, w in WORD.findall(p)])
    return out


def unescape(w):
    return w.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">") \
            .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&")


def overlaps(words):
    """Pairs of words whose boxes overlap (each box shrunk by a fifth of its
    height top and bottom: the lines of one cell may touch, never cross)."""
    grid, found = {}, []
    for i, (x0, y0, x1, y1, w) in enumerate(words):
        h = (y1 - y0) * 0.2
        box = (x0 + 0.3, y0 + h, x1 - 0.3, y1 - h)
        for gx in range(int(box[0] // 50), int(box[2] // 50) + 1):
            for gy in range(int(box[1] // 20), int(box[3] // 20) + 1):
                for j in grid.get((gx, gy), []):
                    o = words[j]
                    oh = (o[3] - o[1]) * 0.2
                    ob = (o[0] + 0.3, o[1] + oh, o[2] - 0.3, o[3] - oh)
                    if box[0] < ob[2] and ob[0] < box[2] and box[1] < ob[3] and ob[1] < box[3]:
                        found.append((o[4], w))
                grid.setdefault((gx, gy), []).append(i)
    return found


def readme_words(xlsx):
    import openpyxl
    # read-only: only the Read me sheet is parsed (the whole workbook took
    # a second and more for the large ones)
    ws = openpyxl.load_workbook(xlsx, read_only=True)["Read me"]
    words = set()
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, str):
                words.update(v.split())
    return words


def cmd_pdf(pdf, xlsx):
    pages = pdf_words(pdf)
    name = pdf.rsplit("/", 1)[-1]
    printed, hashes, small, over = set(), 0, [], []
    for k, words in enumerate(pages, 1):
        for x0, y0, x1, y1, w in words:
            printed.add(w)
            if "###" in w:
                hashes += 1
            if (y1 - y0) / BOX_PER_PT < MIN_PT - 0.05:
                small.append((k, round((y1 - y0) / BOX_PER_PT, 2), w))
        over += [(k, a, b) for a, b in overlaps(words)]
    if hashes:
        fail("%s: %d cells print as ### (a number wider than its column)" % (name, hashes))
    if small:
        fail("%s: %d words print below 8 pt, e.g. %s" % (name, len(small), small[:5]))
    if over:
        fail("%s: %d pairs of words overlap, e.g. %s" % (name, len(over), over[:5]))
    missing = readme_words(xlsx) - printed
    if missing:
        fail("%s: words of the Read me not printed (a paragraph cut off): %s"
             % (name, sorted(missing)[:10]))
    if not failures:
        print("%s: %d pages, no ###, no word below 8 pt, no overlap, the Read me whole"
              % (name, len(pages)))


def main(argv):
    if len(argv) >= 3 and argv[1] == "xlsx":
        for p in argv[2:]:
            cmd_xlsx(p)
    elif len(argv) == 4 and argv[1] == "pdf":
        cmd_pdf(argv[2], argv[3])
    else:
        print(__doc__)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
