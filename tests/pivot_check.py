#!/usr/bin/python3
"""pivot_check.py — the PivotTables of a workbook, as LibreOffice shows them
and as openpyxl reads them.  Run with Debian's /usr/bin/python3 (openpyxl).

  render XLSX OUTDIR       convert XLSX with LibreOffice headless to one CSV
                           per sheet in OUTDIR, fail on a load error, print
                           the rendered pivots as TSV (pivot row column usd
                           projects), the shape of `aidcube cube --pivot`
  convert OUTDIR XLSX...   only the conversion, several workbooks in one
                           LibreOffice start (the slow part); checks each
  parse XLSX OUTDIR        only the parse of OUTDIR/<stem>-Pivot.csv
  openpyxl-each OUTDIR XLSX...
                           the openpyxl check of each XLSX in one start:
                           its messages in OUTDIR/<stem>.openpyxl, its
                           status (0 or 1) in OUTDIR/<stem>.openpyxl.rc
  openpyxl XLSX            the pivot parts through openpyxl: names, fields,
                           cache fields = the "Pivot data" header, cache
                           records = the data rows, refreshOnLoad

Environment: PIVOT_LO_PROFILE, a LibreOffice profile directory to reuse
(default OUTDIR/lo-profile).  Exit status 0 when everything holds, 1 with
"pivot_check: ..." messages on stderr otherwise, 2 on usage errors.

What LibreOffice 7.4 writes for an xlsx pivot with two data fields on the
columns (colFields = [region, -2]), e.g. PivotTable1 anchored at A4 with
report filters fund and period:

    fund,- all -                           <- page fields, above the table
    period,- all -
    (blank row)
    ,region,Data                           <- column field name, "Data"
    ,Gao,,Mopti,,Total Sum of usd,Total Sum of projects
    sector,Sum of usd,Sum of projects,Sum of usd,Sum of projects,,
    Education,45317.39,2,30000,,75317.49,2
    Total Result,57817.89,2,1030000,1,1087817.99,8

The data field names are the xlsx names (dataField/@name) as written, the
grand total row is "Total Result", the grand total columns are "Total " +
the data field name; a cell with no value is empty.  This parser maps
"Total Result" and the "Total <data field>" columns to "Grand Total" (Excel's
label), LibreOffice's "(empty)" item to Excel's "(blank)", and also reads
the layout with the data fields on the rows (rowFields = [sector, -2]).
"""
import csv
import os
import re
import subprocess
import sys
import zipfile
from decimal import Decimal, InvalidOperation, ROUND_HALF_EVEN

HEADER = ["sector", "region", "country", "period", "fund", "usd", "projects", "doc", "line", "kind"]
DATA_NAMES = ["Sum of usd", "Sum of projects"]
CONTRACT = {  # name: (row field, column field, page fields or None = not asserted)
    "PivotTable1": ("sector", "region", ["fund", "period", "kind"]),
    "PivotTable2": ("fund", "period", ["kind"]),
}
CSVFILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
GRAND = "Grand Total"
ERRORS = 0


def err(msg):
    global ERRORS
    ERRORS += 1
    print(f"pivot_check: {msg}", file=sys.stderr)


def stem(path):
    b = os.path.basename(path)
    return b[:-5] if b.lower().endswith(".xlsx") else os.path.splitext(b)[0]


# ---------------------------------------------------------------- conversion
def convert(outdir, files):
    """One LibreOffice run for FILES; per file: did it load, which sheets."""
    os.makedirs(outdir, exist_ok=True)
    prof = os.environ.get("PIVOT_LO_PROFILE") or os.path.join(os.path.abspath(outdir), "lo-profile")
    os.makedirs(prof, exist_ok=True)
    cmd = ["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + os.path.abspath(prof),
           "--convert-to", CSVFILTER, "--outdir", outdir] + list(files)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        err(f"soffice failed to run: {e}")
        return False
    log = p.stdout + p.stderr
    with open(os.path.join(outdir, "soffice.log"), "a", encoding="utf-8") as f:
        f.write(log)
    ok = p.returncode == 0
    if not ok:
        err(f"soffice exited {p.returncode}")
    # complaints: anything but the conversion lines and the usual java warning
    # (a complaint is charged to the file of the last "convert FILE" line)
    current = "?"
    for line in log.splitlines():
        m = re.match(r"convert (.*) using filter", line)
        if m:
            current = m.group(1)
            continue
        if line.startswith("Writing sheet ") or "javaldx" in line or not line.strip():
            continue
        err(f"{current}: soffice: {line}")
        ok = False
    for x in files:
        # "Writing sheet NAME -> OUTDIR/STEM-NAME.csv", in sheet order
        sheets = [m.group(1) for m in re.finditer(
            r"^Writing sheet (.*) -> (.*)$", log, re.M) if os.path.basename(m.group(2)).startswith(stem(x) + "-")]
        sheets = [s for s in sheets if os.path.exists(os.path.join(outdir, f"{stem(x)}-{s}.csv"))]
        if not sheets:
            err(f"{x}: LibreOffice could not load it (no CSV written)")
            ok = False
            continue
        if sheets[0] != "Pivot":
            err(f"{x}: first sheet is {sheets[0]!r}, not 'Pivot'")
            ok = False
        if sheets[-1] != "Pivot data":
            err(f"{x}: last sheet is {sheets[-1]!r}, not 'Pivot data'")
            ok = False
    return ok


# ---------------------------------------------------------------- parsing
def data_measure(text):
    """'Sum of usd', 'Sum - usd', 'Total Sum of usd' -> 'usd' (or None)."""
    m = re.fullmatch(r"(?:Total )?(?:Sum of |Sum - )(usd|projects)", text.strip())
    return m.group(1) if m else None


def norm(measure, v):
    v = v.strip()
    if v == "":
        return ""
    try:
        d = Decimal(v.replace(",", ""))
    except InvalidOperation:
        return v  # shown as is: a diff will show it
    if measure == "usd":
        return str(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))
    return str(int(d)) if d == d.to_integral_value() else str(d)


def label(text):
    t = text
    if t in ("Total Result", "Grand Total"):
        return GRAND
    if t == "(empty)":
        return "(blank)"
    return t


def parse_grid(rows):
    """The pivots of a rendered sheet -> [(row_field, col_field, [(row, col, usd, projects)])]."""
    def at(r, c):
        return rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else ""

    pivots = []
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v not in ("Data", "Values"):
                continue
            # data on the columns:  ,COLFIELD,Data / ,item,,item,... / ROWFIELD,Sum of usd,...
            if at(r, c - 1) and data_measure(at(r + 2, c - 1)):
                pivots.append(parse_cols(at, r, c - 2))
            # data on the rows:  ,COLFIELD / ROWFIELD,Data,item,item,...,Total Result
            elif at(r - 1, c + 1) and at(r, c - 1):
                pivots.append(parse_rows(at, r, c - 1))
            else:
                err(f"a 'Data' cell at row {r + 1} column {c + 1} that starts no pivot layout known")
    pivots.sort(key=lambda p: p[3])
    return [p[:3] for p in pivots]


def parse_cols(at, h0, c0):
    colfield, rowfield = at(h0, c0 + 1), at(h0 + 2, c0)
    cols = []  # (column index, column label, measure)
    c, item = c0 + 1, None
    while at(h0 + 1, c) or at(h0 + 2, c):
        top, sub = at(h0 + 1, c), at(h0 + 2, c)
        if top and data_measure(top) and top.startswith("Total ") and not sub:
            cols.append((c, GRAND, data_measure(top)))
        else:
            if top:
                item = top
            m = data_measure(sub)
            if m is None:
                err(f"pivot at row {h0 + 1}: column {c + 1} names no data field ({sub!r})")
            cols.append((c, label(item or ""), m))
        c += 1
    cells = []
    r = h0 + 3
    while True:
        lab = at(r, c0)
        if lab == "" and all(at(r, cc) == "" for cc, _, _ in cols):
            err(f"pivot at row {h0 + 1}: no grand total row")
            break
        vals = {}
        for cc, cl, m in cols:
            vals.setdefault(cl, {})[m] = norm(m, at(r, cc))
        for cl, mv in vals.items():
            cells.append((label(lab), cl, mv.get("usd", ""), mv.get("projects", "")))
        if label(lab) == GRAND:
            break
        r += 1
    return (rowfield, colfield, cells, (h0, c0))


def parse_rows(at, h1, c0):
    """Data on the rows: the item on a row of its own, one row per data field
    below it, "Total Sum of usd" / "Total Sum of projects" rows at the end."""
    colfield, rowfield = at(h1 - 1, c0 + 2), at(h1, c0)
    cols = []
    c = c0 + 2
    while at(h1, c):
        cols.append((c, label(at(h1, c))))
        c += 1
    acc, r, item, grand = {}, h1 + 1, None, set()
    while len(grand) < 2:
        lab, dn = at(r, c0), at(r, c0 + 1)
        blank = all(at(r, cc) == "" for cc, _ in cols)
        if lab == "" and dn == "" and blank:
            err(f"pivot at row {h1 + 1}: no grand total rows")
            break
        if lab.startswith("Total ") and data_measure(lab):
            item, m = GRAND, data_measure(lab)
            grand.add(m)
        elif lab and not dn:
            item, m = label(lab), None
        else:
            if lab:
                item = label(lab)
            m = data_measure(dn)
            if m is None:
                err(f"pivot at row {h1 + 1}: row {r + 1} names no data field ({dn!r})")
                break
        for cc, cl in cols:
            mv = acc.setdefault((item, cl), {})
            if m:
                mv[m] = norm(m, at(r, cc))
        r += 1
    cells = [(it, cl, mv.get("usd", ""), mv.get("projects", "")) for (it, cl), mv in acc.items()]
    return (rowfield, colfield, cells, (h1 - 1, c0))


def parse(xlsx, outdir):
    path = os.path.join(outdir, f"{stem(xlsx)}-Pivot.csv")
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        err(f"{xlsx}: no rendered Pivot sheet: {e}")
        return None
    pivots = parse_grid(rows)
    if len(pivots) != 2:
        err(f"{xlsx}: {len(pivots)} pivot table(s) rendered on sheet Pivot, expected 2")
    want = [("sector", "region"), ("fund", "period")]
    out = ["pivot\trow\tcolumn\tusd\tprojects"]
    for n, (rf, cf, cells) in enumerate(pivots, 1):
        if n <= 2 and (rf, cf) != want[n - 1]:
            err(f"{xlsx}: rendered pivot {n} has rows {rf!r} and columns {cf!r}, expected {want[n - 1]}")
        for c in cells:
            out.append("\t".join(("PivotTable%d" % n,) + c))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- openpyxl
def check_openpyxl(xlsx):
    import openpyxl
    try:
        wb = openpyxl.load_workbook(xlsx)
    except Exception as e:  # noqa: BLE001 - any failure to load is the finding
        err(f"{xlsx}: openpyxl cannot load it: {e}")
        return
    names = wb.sheetnames
    if names[0] != "Pivot":
        err(f"{xlsx}: first sheet is {names[0]!r}, not 'Pivot'")
    if names[-1] != "Pivot data":
        err(f"{xlsx}: last sheet is {names[-1]!r}, not 'Pivot data'")
    if wb.active is None or wb.active.title != "Pivot":
        err(f"{xlsx}: the active sheet is {wb.active.title if wb.active else None!r}, not 'Pivot'")
    if "Pivot" not in names or "Pivot data" not in names:
        return
    data = [list(r) for r in wb["Pivot data"].iter_rows(values_only=True)]
    while data and all(v is None or v == "" for v in data[-1]):
        data.pop()
    header = data[0] if data else []
    while header and header[-1] is None:
        header.pop()
    rows = [r[:len(HEADER)] for r in data[1:]]
    if header != HEADER:
        err(f"{xlsx}: 'Pivot data' header is {header}, expected {HEADER}")
    print(f"{xlsx}: sheets {names}; 'Pivot data' has {len(rows)} data rows")

    with zipfile.ZipFile(xlsx) as z:
        defs = [n for n in z.namelist() if re.fullmatch(r"xl/pivotCache/pivotCacheDefinition\d*\.xml", n)]
        recs = [n for n in z.namelist() if re.fullmatch(r"xl/pivotCache/pivotCacheRecords\d*\.xml", n)]
        targets = set()
        for n in z.namelist():
            if re.fullmatch(r"xl/pivotTables/_rels/pivotTable\d+\.xml\.rels", n):
                targets |= set(re.findall(r'Target="([^"]*pivotCacheDefinition[^"]*)"', z.read(n).decode()))
    if len(defs) != 1 or len(targets) != 1:
        err(f"{xlsx}: {len(defs)} pivot cache definition part(s) used through {sorted(targets)}, expected one shared cache")
    if len(recs) != 1:
        err(f"{xlsx}: {len(recs)} pivot cache records part(s), expected 1")

    pivots = sorted(wb["Pivot"]._pivots, key=lambda p: p.name)
    if [p.name for p in pivots] != sorted(CONTRACT):
        err(f"{xlsx}: pivot tables {[p.name for p in pivots]} on sheet Pivot, expected {sorted(CONTRACT)}")
    for other in names[1:]:
        if wb[other]._pivots:
            err(f"{xlsx}: sheet {other!r} holds pivot tables too")
    if len({p.cacheId for p in pivots}) > 1:
        err(f"{xlsx}: the pivots use different caches {[p.cacheId for p in pivots]}")
    spans = []
    for p in pivots:
        if p.name not in CONTRACT:
            continue
        rowf, colf, pagef = CONTRACT[p.name]
        fx = lambda fs: [f.x for f in fs or []]  # noqa: E731
        rows_x, cols_x = fx(p.rowFields), fx(p.colFields)
        pages = [HEADER[f.fld] if 0 <= f.fld < len(HEADER) else f.fld for f in p.pageFields or []]
        dfs = [(d.name, d.fld, d.subtotal) for d in p.dataFields or []]
        print(f"{p.name}: cache {p.cacheId}, location {p.location.ref}, rows {rows_x}, columns {cols_x}, "
              f"report filters {pages}, data {dfs}")
        if [x for x in rows_x if x != -2] != [HEADER.index(rowf)]:
            err(f"{xlsx}: {p.name} rowFields {rows_x}, expected [{HEADER.index(rowf)}] ({rowf})")
        if [x for x in cols_x if x != -2] != [HEADER.index(colf)]:
            err(f"{xlsx}: {p.name} colFields {cols_x}, expected [{HEADER.index(colf)}] ({colf})")
        if (rows_x + cols_x).count(-2) != 1:
            err(f"{xlsx}: {p.name}: the data fields (-2) are on neither axis or on both: rows {rows_x} columns {cols_x}")
        if pagef is not None and pages != pagef:
            err(f"{xlsx}: {p.name} report filters {pages}, expected {pagef}")
        for f in p.pageFields or []:     # the filter on kind shows the funding
            if 0 <= f.fld < len(HEADER) and HEADER[f.fld] == "kind":
                si = p.cache.cacheFields[f.fld].sharedItems if p.cache else None
                vals = [i.v for i in si._fields] if si is not None else []
                if f.item is None or not 0 <= f.item < len(vals) or vals[f.item] != "funding":
                    err(f"{xlsx}: {p.name} filters kind on item {f.item} of {vals}, expected 'funding'")
        if [(n, f) for n, f, _ in dfs] != [("Sum of usd", 5), ("Sum of projects", 6)]:
            err(f"{xlsx}: {p.name} data fields {dfs}, expected Sum of usd (5), Sum of projects (6)")
        if any(s not in (None, "sum") for _, _, s in dfs):
            err(f"{xlsx}: {p.name} data fields not summed: {dfs}")
        if not (p.rowGrandTotals and p.colGrandTotals):
            err(f"{xlsx}: {p.name} grand totals off (rows {p.rowGrandTotals}, columns {p.colGrandTotals})")
        pf = p.pivotFields
        if len(pf) != len(HEADER):
            err(f"{xlsx}: {p.name} has {len(pf)} pivotFields, expected {len(HEADER)}")
        else:
            axes = {HEADER.index(rowf): "axisRow", HEADER.index(colf): "axisCol"}
            for f in pagef or []:
                axes[HEADER.index(f)] = "axisPage"
            for i, f in enumerate(pf):
                if i in axes and f.axis != axes[i]:
                    err(f"{xlsx}: {p.name} pivotField {i} ({HEADER[i]}) axis {f.axis}, expected {axes[i]}")
                if i in (5, 6) and not f.dataField:
                    err(f"{xlsx}: {p.name} pivotField {i} ({HEADER[i]}) is not marked dataField")
        try:
            from openpyxl.utils.cell import range_boundaries
            b = range_boundaries(p.location.ref)
            top = b[1] - (p.location.rowPageCount or 0) - (1 if p.location.rowPageCount else 0)
            spans.append((p.name, b[0], top, b[2], b[3]))
        except Exception as e:  # noqa: BLE001
            err(f"{xlsx}: {p.name} location {p.location.ref!r} is not a range: {e}")
        c = p.cache
        check_cache(xlsx, p.name, c, rows)
    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            a, b = spans[i], spans[j]
            if a[1] <= b[3] and b[1] <= a[3] and a[2] <= b[4] and b[2] <= a[4]:
                err(f"{xlsx}: {a[0]} and {b[0]} overlap (with their report filters)")


def check_cache(xlsx, name, c, rows):
    if c is None:
        err(f"{xlsx}: {name} has no cache")
        return
    if not c.refreshOnLoad:
        err(f"{xlsx}: {name}'s cache has refreshOnLoad {c.refreshOnLoad}, expected true")
    ws = c.cacheSource.worksheetSource if c.cacheSource else None
    if ws is None or ws.sheet != "Pivot data":
        err(f"{xlsx}: {name}'s cache source is {ws.sheet if ws else None!r}, not sheet 'Pivot data'")
    elif ws.ref != f"A1:J{len(rows) + 1}":
        err(f"{xlsx}: {name}'s cache source range {ws.ref}, expected A1:J{len(rows) + 1}")
    fnames = [f.name for f in c.cacheFields]
    if fnames != HEADER:
        err(f"{xlsx}: {name}'s cacheFields {fnames}, expected {HEADER}")
        return
    shared = []
    for k, f in enumerate(c.cacheFields):
        si = f.sharedItems
        items = list(si._fields) if si is not None else []
        if si is not None and si.count is not None and items and si.count != len(items):
            err(f"{xlsx}: cache field {f.name}: sharedItems count {si.count} but {len(items)} items")
        vals = [None if type(i).__name__ == "Missing" else i.v for i in items]
        shared.append(vals)
        if k < 5:  # the dimensions: every distinct value once
            distinct = {r[k] for r in rows}
            if len(vals) != len(distinct) or set(vals) != distinct:
                err(f"{xlsx}: cache field {f.name}: {len(vals)} shared items, the data column has "
                    f"{len(distinct)} distinct values (differ: {sorted(map(str, set(vals) ^ distinct))[:5]})")
    print(f"{name}: cache fields {fnames}; shared items {[len(s) for s in shared]}; refreshOnLoad {c.refreshOnLoad}")
    recs = c.records
    if recs is None:
        err(f"{xlsx}: {name}'s cache has no records")
        return
    n = len(recs.r)
    if (recs.count is not None and recs.count != n) or n != len(rows) or (c.recordCount not in (None, n)):
        err(f"{xlsx}: {name}'s cache records: count {recs.count}, {n} records, recordCount "
            f"{c.recordCount}; 'Pivot data' has {len(rows)} data rows")
    bad = 0
    for i, (rec, row) in enumerate(zip(recs.r, rows)):
        fields = list(rec._fields)
        got = []
        for k, v in enumerate(fields):
            t = type(v).__name__
            if t == "Index":
                got.append(shared[k][v.v] if 0 <= v.v < len(shared[k]) else ("bad index", v.v))
            elif t == "Missing":
                got.append(None)
            else:
                got.append(v.v)
        want = [None if v == "" else v for v in row]
        same = len(got) == len(want) and all(
            g == w or (isinstance(g, (int, float)) and isinstance(w, (int, float)) and abs(g - w) < 1e-9)
            or (isinstance(g, str) and isinstance(w, (int, float)) and g == str(w))
            for g, w in zip(got, want))
        if not same:
            bad += 1
            if bad <= 3:
                err(f"{xlsx}: cache record {i + 1} {got} differs from 'Pivot data' row {i + 2} {want}")
    if bad > 3:
        err(f"{xlsx}: ... {bad} records differ in all")
    print(f"{name}: {n} cache records agree with 'Pivot data'" if not bad else f"{name}: {bad} records differ")


def openpyxl_each(outdir, files):
    """The openpyxl check of each file in one Python start (each start and
    import of openpyxl costs a third of a second): what it says in
    OUTDIR/STEM.openpyxl, 0 or 1 in OUTDIR/STEM.openpyxl.rc."""
    global ERRORS
    import contextlib
    os.makedirs(outdir, exist_ok=True)
    bad = 0
    for x in files:
        out = os.path.join(outdir, stem(x) + ".openpyxl")
        ERRORS = 0
        with open(out, "w", encoding="utf-8") as f, contextlib.redirect_stderr(f), \
                contextlib.redirect_stdout(f):
            try:
                check_openpyxl(x)
            except Exception as e:  # noqa: BLE001 - a crash on one file is its failure
                err(f"{x}: {type(e).__name__}: {e}")
        with open(out + ".rc", "w", encoding="utf-8") as f:
            f.write("1\n" if ERRORS else "0\n")
        bad += 1 if ERRORS else 0
    return 1 if bad else 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "render" and len(args) == 2:
        if convert(args[1], [args[0]]):
            out = parse(args[0], args[1])
            if out is not None:
                sys.stdout.write(out)
    elif cmd == "convert" and len(args) >= 2:
        convert(args[0], args[1:])
    elif cmd == "parse" and len(args) == 2:
        out = parse(args[0], args[1])
        if out is not None:
            sys.stdout.write(out)
    elif cmd == "openpyxl" and len(args) == 1:
        check_openpyxl(args[0])
    elif cmd == "openpyxl-each" and len(args) >= 2:
        return openpyxl_each(args[0], args[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if ERRORS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
