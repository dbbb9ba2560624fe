#!/usr/bin/python3
"""xlsx_check.py -- checks of the donor workbooks written by `aidcube build`.

Run with Debian's /usr/bin/python3 and python3-openpyxl (tests/t_workbook.sh).

  xlsx_check.py workbook FILE [--fixtures] [--split FUND] [--snippet PREFIX]...
                         [--doc NAME]
      the layout and content of one workbook, read with openpyxl: sheet names
      and order, Excel tables and their headers, number formats, frozen panes,
      print set-up, document properties, the Read me, the cube's structure
      (a grain per row, a note against summing it, no value without an
      origin), the leaf facts, rates, exact values known from
      fixtures/sources, that no cell from a source is a formula, and that each
      formula's cached result equals an independent computation (Summary:
      the Cube's cells, row totals adding exactly the periods not marked as
      overlapping; cross-tabs: sums of the printed values, the fund's share,
      each cell the Cube's cell of its sector and region, a rest row or
      column making its block add up to the Cube's cell, each sector's row
      adding up to the Cube's sector × fund cell).
      --fixtures: the workbook was built from fixtures/sources; also assert
      all 16 cuboids, at least one mismatch and exact values of the fixtures.
      --plain: written row by row (build --low-memory): the long tables are
      no Excel tables but ranges with an AutoFilter over header and rows.
  xlsx_check.py xtab-rows FILE SHEET ROW=USD...
      the rows of a per-fund sheet and their totals (cached results), exactly
      those given.
  xlsx_check.py recalc FILE CSVDIR
      every formula's cached result against LibreOffice's recalculated value
      (CSVDIR holds one CSV per sheet, FILESTEM-SHEET.csv).
  xlsx_check.py reconcile FILE CSVDIR
      through LibreOffice's recalculated values: every total of the Summary
      equals the sum of its rows, and each row's total across periods the sum
      of the periods it adds (the cells not shown as overlapping).
  xlsx_check.py pages FILE BASE PER TOTAL
      the table BASE holds TOTAL rows over sheets BASE, BASE 2, ... of at most
      PER rows each.
  xlsx_check.py tamper IN OUT
      a copy of IN whose first cached formula result on Summary is wrong (its
      cell printed), so that the recalc check can be shown to fail.

Prints one line per failure and exits 1 if there was any.
"""
import csv
import datetime
import os
import re
import shutil
import sys
import zipfile

import openpyxl

USD_FMT = '#,##0.00 "USD"'
TITLE = "aidcube \u2014 stabilisation and peacebuilding funding"
CREATED = datetime.datetime(2017, 6, 30, 0, 0, 0)
DIMS = ["sector", "region", "period", "fund"]
CUBE_HEADERS = ["grain", "sector", "DAC code", "country", "region", "period", "period_kind",
                "period_from", "period_to", "fund", "amount_usd", "amount_origin",
                "added_into_parent", "sum_these", "amount_flags", "reported_usd", "computed_usd",
                "derived_usd", "projects", "projects_origin", "sum_these_projects", "n_facts",
                "sources"]
FACT_HEADERS = ["sector", "DAC code", "country", "region", "period", "period_kind", "fund",
                "amount", "currency", "rate", "rate_year", "usd", "projects", "flags", "doc",
                "line", "cell", "project", "snippet", "kind"]
OBS_HEADERS = ["doc", "line", "measure", "value", "unit", "usd", "rate", "rate_year",
               "fund", "country", "region", "sector", "period", "qualifier", "span",
               "snippet", "flags", "excluded", "kind", "attributed_from"]
# the views of the Facts' kind column: the funding, then the kinds shown apart
VIEWS = ["funding", "disbursed", "received", "pledged", "requested", "gap", "cofinancing"]
CHECK_HEADERS = ["verdict", "rule", "what", "stated", "computed", "diff", "unit", "lines"]
SOURCE_HEADERS = ["name", "sha256", "status", "bytes", "encoding", "language", "country",
                  "doc_year", "observations", "amounts", "shares", "counts", "load_seconds"]
PAGED = ["Cube", "Facts", "Observations", "Checks"]

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def close(a, b, tol=0.005):
    return a is not None and b is not None and abs(float(a) - float(b)) <= tol


def label(mask):
    if mask == 0:
        return "Total"
    return "\u00d7".join(d for i, d in enumerate(DIMS) if mask >> i & 1)


def sheet_name(fund):
    s = re.sub(r"[\[\]:*?/\\]", "_", fund)[:31].strip("'")
    return s or "Fund"


def rows_of(ws, hdr_row=1):
    """Data rows of a table sheet as dicts keyed by the header row."""
    hdr = [c.value for c in ws[hdr_row]]
    out = []
    for r in ws.iter_rows(min_row=hdr_row + 1, values_only=True):
        if all(v is None for v in r):
            continue
        out.append(dict(zip(hdr, r)))
    return out


def pages(names, base):
    """The sheets of a table that may continue: BASE, BASE 2, ..."""
    out = [base] if base in names else []
    k = 2
    while "%s %d" % (base, k) in names:
        out.append("%s %d" % (base, k))
        k += 1
    return out


def check_print(ws, repeat=True):
    """A4 landscape; fitted to the page's width (fitToWidth 1, fitToHeight
    0) or, too wide for that, at a fixed scale of 80 % or more with its row
    labels repeated on every page (tests/print_check.py checks the scale a
    fit gives and the fonts)."""
    ps = ws.page_setup
    if ps.orientation != "landscape":
        fail("%s: print orientation %r, expected landscape" % (ws.title, ps.orientation))
    if str(ps.paperSize) != "9":
        fail("%s: paper size %r, expected 9 (A4)" % (ws.title, ps.paperSize))
    fit = ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage
    if fit and (ps.fitToWidth not in (1, None) or ps.fitToHeight != 0):
        fail("%s: fitted to %r x %r pages, expected the page's width only"
             % (ws.title, ps.fitToWidth, ps.fitToHeight))
    if not fit and (ps.scale is None or int(ps.scale) < 80):
        fail("%s: neither fitted to the page's width nor at a scale of 80 %% or more (%r)"
             % (ws.title, ps.scale))
    if not fit and not ws.print_title_cols and \
            not re.fullmatch(r"(Cube|Facts|Observations|Checks) \d+", ws.title):
        fail("%s: printed over pages side by side without its row labels repeated" % ws.title)
    if repeat and not ws.print_title_rows:
        fail("%s: no header rows repeated on each printed page" % ws.title)


# --plain: the workbook was written row by row (build --low-memory, or past
# EXPORT_STREAM_CELLS): its long tables are plain ranges with an AutoFilter
PLAIN = False


def check_plain(ws, headers, hdr_row):
    """A long table written row by row: no Excel table, an AutoFilter from
    the header row over every column of the table down to the last row."""
    if ws.tables:
        fail("%s: Excel tables %s in a workbook written row by row" % (ws.title, list(ws.tables)))
    last_col = openpyxl.utils.get_column_letter(len(headers))
    want = "A%d:%s%d" % (hdr_row, last_col, max(ws.max_row, hdr_row + 1))
    if ws.auto_filter.ref != want:
        fail("%s: AutoFilter over %r, expected %s" % (ws.title, ws.auto_filter.ref, want))


def check_table(ws, headers, tname, hdr_row=1):
    if PLAIN:
        check_plain(ws, headers, hdr_row)
    elif tname not in ws.tables:
        fail("%s: no Excel table %s (tables: %s)" % (ws.title, tname, list(ws.tables)))
        return
    else:
        t = ws.tables[tname]
        names = [c.name for c in t.tableColumns]
        if names != headers:
            fail("%s: table headers %s, expected %s" % (ws.title, names, headers))
        if t.autoFilter is None:
            fail("%s: table has no autofilter" % ws.title)
        if t.tableStyleInfo is None or not t.tableStyleInfo.name:
            fail("%s: table has no style" % ws.title)
        m = re.match(r"^A(\d+):([A-Z]+)(\d+)$", t.ref)
        if not m or int(m.group(1)) != hdr_row:
            fail("%s: table range %s does not start at A%d" % (ws.title, t.ref, hdr_row))
            return
        last = int(m.group(3))
        if ws.max_row > hdr_row and last != ws.max_row:
            fail("%s: table ends on row %d but the sheet on row %d" % (ws.title, last, ws.max_row))
    hdr = [c.value for c in ws[hdr_row]][:len(headers)]
    if hdr != headers:
        fail("%s: header row %s, expected %s" % (ws.title, hdr, headers))
    if ws.freeze_panes != "A%d" % (hdr_row + 1):
        fail("%s: frozen panes %s, expected A%d" % (ws.title, ws.freeze_panes, hdr_row + 1))
    if ws.cell(hdr_row, 1).font is None or not ws.cell(hdr_row, 1).font.b:
        fail("%s: header row is not bold" % ws.title)
    check_print(ws)


def check_usd_format(ws, col, first_row):
    n = 0
    for r in range(first_row, ws.max_row + 1):
        c = ws.cell(r, col)
        if isinstance(c.value, (int, float)) or c.data_type == "f":
            n += 1
            if c.number_format != USD_FMT:
                fail("%s!%s: number format %r, expected %r" % (ws.title, c.coordinate,
                                                              c.number_format, USD_FMT))
                return
    return n


def no_formulas(ws):
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                fail("%s!%s: a formula in a data sheet: %r" % (ws.title, c.coordinate, c.value))
                return
            if isinstance(c.value, str) and c.value[:1] in "=+-@" and c.data_type != "s":
                fail("%s!%s: %r is not a string cell" % (ws.title, c.coordinate, c.value))


def paged_rows(wb, base, headers, tname, hdr_row):
    out = []
    for k, name in enumerate(pages(wb.sheetnames, base)):
        ws = wb[name]
        check_table(ws, headers, tname if k == 0 else "%s%d" % (tname, k + 1), hdr_row)
        out += rows_of(ws, hdr_row)
    return out


def summary_tables(ws):
    """The tables of the Summary, per measure (0 amounts, 1 projects):
    {"A"|"B"|"C": (header row, [data rows], Total row)}."""
    out = [{}, {}]
    m = -1
    r = 1
    while r <= ws.max_row:
        a = ws.cell(r, 1).value
        if a in ("Amounts in USD", "Numbers of projects"):
            m = 0 if a == "Amounts in USD" else 1
        elif m >= 0 and isinstance(a, str) and a[:3] in ("A. ", "B. ", "C. "):
            hdr = r + (2 if a.startswith("C.") else 1)
            k = hdr + 1
            rows = []
            while ws.cell(k, 1).value not in ("Total", None):
                rows.append(k)
                k += 1
            if ws.cell(k, 1).value != "Total":
                fail("Summary: table %r at row %d has no Total row" % (a, r))
            out[m][a[0]] = (hdr, rows, k)
            r = k
        r += 1
    return out


def empty_totals(ws, wsv):
    """A total over cells that are all empty is empty, never 0."""
    for row in ws.iter_rows():
        for c in row:
            if c.data_type != "f":
                continue
            for a, b in re.findall(r"SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", c.value):
                rng = ws[a:b]
                vals = [wsv[x.coordinate].value for rr in rng for x in rr]
                if all(v is None for v in vals) and wsv[c.coordinate].value not in (None, ""):
                    fail("%s!%s: %s over empty cells gives %r, not empty"
                         % (ws.title, c.coordinate, c.value, wsv[c.coordinate].value))
                if all(v is None for v in vals) and "COUNT" not in c.value:
                    fail("%s!%s: %s would give 0 over empty cells" % (ws.title, c.coordinate, c.value))


def cmd_workbook(path, split, snippets, doc, fixtures):
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)   # cached results
    names = wb.sheetnames
    if names[:1] != ["Pivot"] or names[-1:] != ["Pivot data"] or wb.active.title != "Pivot":
        fail("sheets %s (active %s): expected Pivot first and active, Pivot data last"
             % (names, wb.active.title))
        return
    names = names[1:-1]                  # the rest, in the order checked below
    paged = {b: pages(names, b) for b in PAGED}
    if names[:2] != ["Summary", "Read me"] or names[-1] != "Sources" or \
            names[2:2 + len(paged["Cube"])] != paged["Cube"]:
        fail("sheets %s: expected Summary, Read me, Cube, funds..., Facts, Observations, "
             "Checks, Sources" % names)
        return
    tail = paged["Facts"] + paged["Observations"] + paged["Checks"] + ["Sources"]
    if names[-len(tail):] != tail or not all(paged.values()):
        fail("sheets %s: expected ... Facts, Observations, Checks, Sources at the end" % names)
        return
    funds_sheets = names[2 + len(paged["Cube"]):-len(tail)]

    # document properties
    p = wb.properties
    if p.title != TITLE:
        fail("document title %r, expected %r" % (p.title, TITLE))
    if p.creator != "aidcube":
        fail("document author %r" % p.creator)
    if p.created != CREATED:
        fail("document created %r, expected %r (test mode)" % (p.created, CREATED))

    # ---- Read me: the methodology in plain words
    rm = " ".join(str(c.value) for row in wb["Read me"].iter_rows() for c in row if c.value)
    for phrase in ("Reported", "Computed", "Derived", "never added", "not stated",
                   "Unknown is not zero", "fiscal year (1 July to 30 June)", "overlap",
                   "rate", "nearest year", "the year of the report", "never negative",
                   "PivotTable"):
        if phrase not in rm:
            fail("Read me: does not say %r" % phrase)
    check_print(wb["Read me"], repeat=False)

    # ---- Cube: a grain column and a note against summing it
    ws = wb["Cube"]
    note = " ".join(str(ws.cell(r, 1).value or "") for r in (1, 2))
    if "grain" not in note or "SUM" not in note or "many times" not in note:
        fail("Cube: no note above the table saying a SUM over it counts figures many times: %r"
             % note)
    cube = paged_rows(wb, "Cube", CUBE_HEADERS, "tCube", 3)
    if not cube:
        fail("Cube: no rows")
        return
    for col in (11, 15, 16, 17):
        check_usd_format(ws, col, 4)
    labels = {r["grain"] for r in cube}
    want = {label(m) for m in range(16)}
    if labels - want:
        fail("Cube: unknown grain labels %s" % sorted(labels - want))
    if fixtures and (not split or split == "QIP") and labels != want:
        fail("Cube: grains missing: %s" % sorted(want - labels))
    seen = set()
    for r in cube:
        mask = next((m for m in range(16) if label(m) == r["grain"]), None)
        if mask is None:
            continue
        key = (r["grain"], r["sector"], r["country"], r["region"], r["period"], r["fund"])
        if key in seen:
            fail("Cube: duplicate cell %s" % (key,))
        seen.add(key)
        coord = {"sector": r["sector"], "region": r["country"], "period": r["period"],
                 "fund": r["fund"]}
        for i, d in enumerate(DIMS):
            grouped = bool(mask >> i & 1)
            if grouped == (coord[d] == "Total"):
                fail("Cube: cell %s: %s is %r in grain %s" % (key, d, coord[d], r["grain"]))
                break
        # unknown is not zero: no origin, no amount
        if (r["amount_origin"] is None) != (r["amount_usd"] is None):
            fail("Cube: cell %s: amount %r with origin %r" % (key, r["amount_usd"],
                                                             r["amount_origin"]))
        if (r["projects_origin"] is None) != (r["projects"] is None):
            fail("Cube: cell %s: projects %r with origin %r" % (key, r["projects"],
                                                               r["projects_origin"]))
        if r["amount_origin"] == "reported" and "holds the rest of its total" not in (r.get("amount_flags") or "") \
                and not close(r["amount_usd"], r["reported_usd"]):
            fail("Cube: cell %s: reported origin, amount %s != reported %s"
                 % (key, r["amount_usd"], r["reported_usd"]))
        rest = "holds the rest of its total" in (r.get("amount_flags") or "")
        if r["amount_origin"] == "computed" and not rest and not close(r["amount_usd"], r["computed_usd"]):
            fail("Cube: cell %s: computed origin, amount %s != computed %s"
                 % (key, r["amount_usd"], r["computed_usd"]))
        if isinstance(r["projects"], (int, float)) and r["projects"] < 0:
            fail("Cube: cell %s: negative count %s" % (key, r["projects"]))

    def cube_cell(lab, **coord):
        for r in cube:
            if r["grain"] == lab and all(r[k] == v for k, v in coord.items()):
                return r
        return None

    apex = cube_cell("Total")
    if apex is None or apex["sector"] != "Total" or apex["fund"] != "Total":
        fail("Cube: no grand-total row")
    # sum_these: within one grain, the rows that add up without double counting
    if "sum_these" not in note:
        fail("Cube: the note does not say how to sum one grain (sum_these)")
    for measure, col in (("amount_usd", "sum_these"), ("projects", "sum_these_projects")):
        grand = apex[measure] if apex else None
        if grand is None:
            continue
        for m in range(16):
            rows = [r for r in cube if r["grain"] == label(m) and r[measure] is not None]
            if not rows:
                continue        # no value of this measure on this grain: nothing to add
            s = sum(r[measure] for r in rows if r[col] == "yes")
            if bin(m).count("1") <= 1:
                if not close(s, grand):
                    fail("Cube: SUMIFS(%s, grain, %s, %s, yes) = %s, the grand total %s"
                         % (measure, label(m), col, s, grand))
            elif s > grand + 0.005:
                fail("Cube: grain %s: the %s rows add to %s, more than the grand total %s"
                     % (label(m), col, s, grand))

    # ---- Facts: the leaf facts, each once
    ws = wb["Facts"]
    note = " ".join(str(ws.cell(r, 1).value or "") for r in (1, 2))
    if "PivotTable" not in note or "Left out" not in note:
        fail("Facts: no note saying what a PivotTable reads and what is left out: %r" % note)
    facts = paged_rows(wb, "Facts", FACT_HEADERS, "tFacts", 3)
    for f in paged["Facts"]:
        no_formulas(wb[f])
    check_usd_format(ws, 12, 4)
    fk = [(r["doc"], r["line"], r["amount"], r["projects"], r["snippet"], r["kind"]) for r in facts]
    if len(set(fk)) != len(fk):
        fail("Facts: a fact appears twice in one kind")
    if any(r["kind"] not in VIEWS for r in facts):
        fail("Facts: a kind that is none of %s: %s" % (VIEWS, sorted({str(r["kind"]) for r in facts})))
    # the leaf facts of the funding add up to the grand total (amounts and
    # projects); those of the kinds shown apart never do
    funding = [r for r in facts if r["kind"] == "funding"]
    if any(r["projects"] is not None for r in facts if r["kind"] != "funding"):
        fail("Facts: a count of projects in a kind shown apart")
    gt = [r for r in cube if r["grain"] == label(0)]
    if gt:
        usd = sum(r["usd"] for r in funding if isinstance(r["usd"], (int, float)))
        prj = sum(r["projects"] for r in funding if isinstance(r["projects"], (int, float)))
        if gt[0]["amount_usd"] is not None and abs(usd - gt[0]["amount_usd"]) > 0.005 * max(1, len(funding)):
            fail("Facts: usd adds to %s, the grand total is %s" % (usd, gt[0]["amount_usd"]))
        if gt[0]["projects"] is not None and prj != gt[0]["projects"]:
            fail("Facts: projects add to %s, the grand total is %s" % (prj, gt[0]["projects"]))
    for r in facts:
        if "leaf" not in (r["flags"] or ""):
            fail("Facts: a row not flagged leaf: %s" % r)
            break
        if (r["usd"] is None) == (r["projects"] is None):
            fail("Facts: a row with both or neither of usd and projects: %s" % r)
            break

    # ---- Observations
    obs = paged_rows(wb, "Observations", OBS_HEADERS, "tObservations", 1)
    ws = wb["Observations"]
    check_usd_format(ws, 6, 2)
    for o in paged["Observations"]:
        no_formulas(wb[o])
    for r in obs:
        if r["measure"] == "amount" and r["unit"] == "USD" and (r["rate"] is not None or
                                                                r["rate_year"] is not None):
            fail("Observations: a USD amount with a rate: %s" % r)
            break
        if r["measure"] == "amount" and r["unit"] != "USD" and r["usd"] is not None and \
                (r["rate"] is None or r["rate_year"] is None):
            fail("Observations: an amount in %s without rate and rate year: %s" % (r["unit"], r))
            break
        if r["measure"] == "count" and isinstance(r["value"], (int, float)) and r["value"] < 0:
            fail("Observations: a negative count: %s" % r)
    if fixtures and not split:
        if not any(r["unit"] == "EUR" and r["rate_year"] for r in obs):
            fail("Observations: no EUR amount with its rate year")
        if not any("leaf" in (r["flags"] or "") for r in obs) or \
                not any("total" in (r["flags"] or "") for r in obs):
            fail("Observations: flags are not written in words (leaf, total)")
    if split:
        bad = [r for r in obs if r["fund"] != split]
        if bad:
            fail("Observations: %d rows of another fund than %s (first: %s)"
                 % (len(bad), split, bad[0]))
        if not obs:
            fail("Observations: no rows for fund %s" % split)
        bad = [r for r in cube if r["fund"] not in (split, "Total", "not stated")]
        if bad:
            fail("Cube: %d cells of another fund than %s" % (len(bad), split))
    for pre in snippets:
        hits = [c for c in ws["P"] if isinstance(c.value, str) and c.value.startswith(pre)]
        if not hits:
            fail("Observations: no snippet starting with %r" % pre)
        for c in hits:
            if c.data_type != "s":
                fail("Observations!%s: snippet %r stored as %s" % (c.coordinate, c.value, c.data_type))
    if doc:
        hits = [c for c in ws["A"] if c.value == doc]
        if not hits or any(c.data_type != "s" for c in hits):
            fail("Observations: doc %r missing or not a string cell" % doc)

    # exact values from fixtures/sources/car_qip_factsheet.txt
    if fixtures and split in (None, "QIP"):
        row = [r for r in obs if r["doc"] == "car_qip_factsheet.txt" and r["line"] == 61
               and r["measure"] == "amount"]
        if len(row) != 1 or not close(row[0]["value"], 838354.11) or row[0]["unit"] != "USD" \
                or row[0]["fund"] != "QIP" or not close(row[0]["usd"], 838354.11) \
                or row[0]["sector"] != "RESA" or row[0]["excluded"] != "no":
            fail("Observations: expected car_qip_factsheet.txt:61 amount 838354.11 USD QIP RESA, got %s" % row)
        capped = [r for r in obs if r["doc"] == "car_qip_factsheet.txt" and r["line"] == 22
                  and r["measure"] == "amount"]
        if len(capped) != 2 or any(r["excluded"] != "yes" for r in capped):
            fail("Observations: the cap and the per-year amount of car_qip_factsheet.txt:22 "
                 "should be excluded: %s" % capped)
        resa = cube_cell(label(15), fund="QIP", sector="RESA", country="CAF", region="Total",
                         period="2017/2018")
        if resa is None or not close(resa["amount_usd"], 838354.11) or \
                resa["amount_origin"] != "reported" or not close(resa["projects"], 27):
            fail("Cube: base cell RESA CAF 2017/2018 QIP = %s, expected reported 838354.11 USD, "
                 "27 projects" % ((resa and (resa["amount_usd"], resa["amount_origin"],
                                             resa["projects"])),))

    # ---- Summary
    ws, wsv = wb["Summary"], wv["Summary"]
    check_print(ws, repeat=False)
    checks = []
    for name in paged["Checks"]:
        checks += rows_of(wb[name])
    for cell, lab, verdict in (("C4", "Mismatches", "mismatch"), ("C5", "Unverifiable", "unverifiable"),
                               ("C6", "Invalid", "invalid")):
        n = sum(1 for r in checks if r["verdict"] == verdict)
        row = int(cell[1:])
        if ws.cell(row, 1).value != lab or ws[cell].data_type != "f" or wsv[cell].value != n:
            fail("Summary!%s: %s %r (cached %r), the Checks sheets have %d"
                 % (cell, ws.cell(row, 1).value, ws[cell].value, wsv[cell].value, n))
    tables = summary_tables(ws)
    fund_rows = {r["fund"] for r in cube if r["grain"] == "fund" and r["fund"] != "not stated"}
    # the Periods table: top-level periods have nothing in "inside"
    prow = next((r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Periods"), None)
    pinfo = {}
    if prow is None:
        fail("Summary: no Periods table")
    else:
        for r in range(prow + 2, ws.max_row + 1):
            if ws.cell(r, 1).value is None:
                break
            pinfo[ws.cell(r, 1).value] = (ws.cell(r, 3).value, ws.cell(r, 4).value,
                                          ws.cell(r, 5).value or "", ws.cell(r, 6).value or "")
        for p, (a, b, inside, over) in pinfo.items():
            for q in [x.strip() for x in over.split(",") if x.strip()]:
                c, d = pinfo.get(q, (None, None, "", ""))[:2]
                if c is None or not (a <= d and c <= b) or (c <= a and b <= d) or (a <= c and d <= b):
                    fail("Periods: %s (%s..%s) said to overlap %s (%s..%s): they share no day "
                         "or one contains the other" % (p, a, b, q, c, d))
            for q in [x.strip() for x in inside.split(",") if x.strip()]:
                c, d = pinfo.get(q, (None, None, "", ""))[:2]
                if c is None or not (c <= a and b <= d):
                    fail("Periods: %s said to be inside %s" % (p, q))
            for q, (c, d, _, _) in pinfo.items():
                if q != p and c <= a and b <= d and (c, d) != (a, b) and q not in inside:
                    fail("Periods: %s lies inside %s, not listed" % (p, q))
    for g, measure in enumerate(("amount_usd", "projects")):
        t = tables[g]
        if set(t) != {"A", "B", "C"}:
            fail("Summary: %s: tables %s, expected A, B, C" % (measure, sorted(t)))
            continue
        grand = cube_cell("Total")[measure]
        # A: funds, fund not stated, Total = SUM of the rows = the grand total
        hdr, rows, rt = t["A"]
        names = [ws.cell(r, 1).value for r in rows]
        if set(names) - {"fund not stated"} != fund_rows:
            fail("Summary A: fund rows %s, Cube funds %s" % (names, fund_rows))
        s = 0
        for r in rows:
            f = ws.cell(r, 1).value
            cell = cube_cell(label(8), fund="not stated" if f == "fund not stated" else f)
            want = cell[measure] if cell else None
            got = wsv.cell(r, 2).value
            if (want is None) != (got is None) or (want is not None and not close(got, want)):
                fail("Summary A %s: %s, Cube says %s" % (f, got, want))
            if got is not None and ws.cell(r, 3).value == "added":
                s += got
        tot = wsv.cell(rt, 2).value
        if grand is None:
            if tot not in (None, ""):
                fail("Summary A Total %r where the Cube has no grand total" % tot)
        elif not close(tot, grand) or not close(s, grand):
            fail("Summary A Total %r (its rows add %s), the cube's grand total %s" % (tot, s, grand))
        if ws.cell(rt, 2).data_type != "f":
            fail("Summary A Total is not a formula")
        # B: top-level periods and key 1, added ones add to the grand total
        hdr, rows, rt = t["B"]
        s = 0
        for r in rows:
            lab_ = ws.cell(r, 1).value
            per = lab_.strip()
            if per in ("undated or in overlapping periods (rest)", "period not stated"):
                per = "not stated"
            cell = cube_cell(label(4), period=per)
            want = cell[measure] if cell else None
            got = wsv.cell(r, 2).value
            if (want is None) != (got is None) or (want is not None and not close(got, want)):
                fail("Summary B %s: %s, Cube says %s" % (lab_, got, want))
            status = ws.cell(r, 3).value
            inner = lab_ != lab_.lstrip()
            if inner and status == "added":
                fail("Summary B %s: a period inside another is added" % lab_)
            if not inner and per != "not stated" and per in pinfo and pinfo[per][2]:
                fail("Summary B %s: listed as top-level, but inside %s" % (per, pinfo[per][2]))
            if got is not None and status == "added":
                s += got
            if got is not None and status != "added" and not (ws.cell(r, 2).font and ws.cell(r, 2).font.i):
                fail("Summary B %s: not added but not grey" % lab_)
        tot = wsv.cell(rt, 2).value
        if grand is not None and (not close(tot, grand) or not close(s, grand)):
            fail("Summary B Total %r (added rows %s), the cube's grand total %s" % (tot, s, grand))
        # C: the cube's cells (fund, period) as they are, undated ones included
        hdr, rows, rt = t["C"]
        cols = {j: ws.cell(hdr, j).value for j in range(2, ws.max_column + 1)
                if ws.cell(hdr, j).value is not None}
        for j, per in cols.items():
            pk = "not stated" if per in ("undated or in overlapping periods (rest)",
                                         "period not stated") else per
            s, shown_ = 0, 0
            for r in rows:
                f = ws.cell(r, 1).value
                cell = cube_cell(label(4 | 8), period=pk,
                                 fund="not stated" if f == "fund not stated" else f)
                want = cell[measure] if cell else None
                got = wsv.cell(r, j).value
                if (want is None) != (got is None) or (want is not None and not close(got, want)):
                    fail("Summary C %s × %s: %s, Cube says %s" % (f, per, got, want))
                if got is not None:
                    s += got
                    shown_ = 1
            tc = ws.cell(rt, j)
            if tc.data_type == "f":
                cell = cube_cell(label(4), period=pk)
                if not cell or not close(wsv.cell(rt, j).value, cell[measure]) or not close(s, cell[measure]):
                    fail("Summary C total under %s: %r, its rows %s, the cube %s"
                         % (per, wsv.cell(rt, j).value, s, cell and cell[measure]))
        if any(ws.cell(r, j).data_type == "f" for r in rows for j in cols):
            fail("Summary C: a total across periods")
    if fixtures and not split:
        pbf = [c for c in cube if c["grain"] == label(4 | 8) and c["fund"] == "PBF"
               and c["period"] == "not stated" and c["amount_usd"] is not None]
        if not pbf:
            fail("fixtures: no undated PBF cell in the Cube (the Summary C check needs one)")
    empty_totals(ws, wsv)

    # ---- cross-tabs: one per fund of the cube
    want_sheets = sorted(sheet_name(f) for f in fund_rows)
    if sorted(funds_sheets) != want_sheets:
        fail("fund sheets %s, expected %s" % (funds_sheets, want_sheets))
    if split and funds_sheets != [sheet_name(split)]:
        fail("split workbook of %s has fund sheets %s" % (split, funds_sheets))
    for name in funds_sheets:
        check_xtab(wb[name], wv[name], cube, split, fixtures)

    # ---- Checks, Sources
    ws = wb["Checks"]
    for name in paged["Checks"]:
        no_formulas(wb[name])
    if checks:
        rules = [r for cf in ws.conditional_formatting for r in cf.rules]
        text = " ".join(" ".join(r.formula or []) for r in rules)
        if "mismatch" not in text or "unverifiable" not in text:
            fail("Checks: conditional formats %r do not highlight mismatch and unverifiable" % text)
        if any(r.dxf is None or r.dxf.fill is None for r in rules):
            fail("Checks: a conditional format without a fill")
        if fixtures and not split and not any(r["verdict"] == "mismatch" for r in checks):
            fail("Checks: the fixtures should give at least one mismatch")
    ws = wb["Sources"]
    check_table(ws, SOURCE_HEADERS, "tSources")
    no_formulas(ws)
    srcs = rows_of(ws)
    docs = {r["doc"] for r in obs}
    if not docs <= {r["name"] for r in srcs}:
        fail("Sources: documents of Observations missing: %s" % (docs - {r["name"] for r in srcs}))
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if isinstance(v, str) and "/" in v:
                fail("Sources: %r names a folder: only file names and hashes are shown" % v)
    for r in srcs:
        if r["status"] and r["status"].startswith("not read:"):
            if r["sha256"] is not None or r["observations"] is not None:
                fail("Sources: %s, not read, has a hash or counts: %r" % (r["name"], r))
            continue
        if not re.fullmatch(r"[0-9a-f]{64}", r["sha256"] or ""):
            fail("Sources: %s: sha256 %r" % (r["name"], r["sha256"]))
        if r["status"] != "loaded":
            continue
        n = sum(1 for o in obs if o["doc"] == r["name"])
        if (not split) and r["observations"] != n:
            fail("Sources: %s says %s observations, the sheet has %d" % (r["name"], r["observations"], n))
    for name in paged["Cube"]:
        no_formulas(wb[name])


def sector_aliases():
    """Acronym sectors of fixtures/ref/sectors.tsv and their first plain alias."""
    out = {}
    fn = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "ref",
                      "sectors.tsv")
    with open(fn, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("id\t"):
                continue
            col = line.rstrip("\n").split("\t")
            if len(col) < 4 or not re.fullmatch(r"[A-Z][A-Z0-9&/-]+", col[1]):
                continue
            plain = [a for a in col[3].split("|") if a and a[0] not in "=!~"]
            if plain:
                out[col[1]] = plain[0]
    return out


ACRONYM_ALIASES = sector_aliases()

XT_HDR = 5      # header row of a cross-tab (1-based)
XT_SECTOR_REST = ": beyond the sectors under it"   # a sector's own money, no finer sector
XT_REGION_REST = ": region not stated"             # a country's own money, no region
XT_C0 = 3       # first region column


def check_xtab(ws, wsv, cube, split, fixtures):
    fund = None
    for r in cube:
        if r["grain"] == "fund" and sheet_name(r["fund"]) == ws.title:
            fund = r["fund"]
    check_print(ws, repeat=ws.cell(XT_HDR, 1).value == "Sector")
    hdr = [c.value for c in ws[XT_HDR]]
    if not hdr or hdr[0] != "Sector":
        stated = [c for c in cube if c["grain"] == label(1 | 2 | 8) and c["fund"] == fund
                  and c["amount_usd"] is not None]
        if stated or not str(hdr[0]).startswith("No amount"):
            fail("%s: no cross-tab header on row %d (%s) but %d sector×region cells"
                 % (ws.title, XT_HDR, hdr, len(stated)))
        return
    if ws.freeze_panes != "C%d" % (XT_HDR + 1):
        fail("%s: frozen panes %s, expected C%d" % (ws.title, ws.freeze_panes, XT_HDR + 1))
    if hdr[1] != "DAC code":
        fail("%s: no DAC code column beside the sector names: %s" % (ws.title, hdr))
    ncol = hdr.index("Total") if "Total" in hdr else None
    if ncol is None:
        fail("%s: no Total column" % ws.title)
        return
    regions = hdr[XT_C0 - 1:ncol]
    body = []
    r = XT_HDR + 1
    while ws.cell(r, 1).value not in (None, "Total"):
        body.append(r)
        r += 1
    total_row = r
    if ws.cell(total_row, 1).value != "Total" or not body:
        fail("%s: no Total row" % ws.title)
        return
    grand = 0.0
    xcube = [c for c in cube if c["grain"] == label(1 | 2 | 8) and c["fund"] == fund]
    country_of = {c["region"]: c["country"] for c in xcube if c["region"] != "Total"}
    countries = {c["country"] for c in xcube if c["region"] == "Total"}
    dac_of = {c["sector"]: c["DAC code"] for c in cube if c["grain"] == "sector"}

    def row_sector(r):
        """(sector, is a rest of that sector beyond the sectors under it)"""
        sector = ws.cell(r, 1).value
        if sector.endswith(XT_SECTOR_REST):
            return sector[:-len(XT_SECTOR_REST)].split(" \u2014 ")[0], True
        return ("not stated" if sector == "sector not stated" else sector.split(" \u2014 ")[0]), False

    def col_region(reg):
        """(region or country, is a country's rest: its column and its regions' add up)"""
        if reg.endswith(XT_REGION_REST) and reg[:-len(XT_REGION_REST)] in countries:
            return reg[:-len(XT_REGION_REST)], True
        return ("not stated" if reg == "region not stated" else reg), False

    def xcell(sec, rg):
        ok = [c for c in xcube if c["sector"] == sec and
              (c["region"] == rg or (c["region"] == "Total" and c["country"] == rg))]
        return ok

    def under_sector(r2, sec):
        code = dac_of.get(sec)
        s2, rest2 = row_sector(r2)
        return s2 == sec or (code and s2 != "not stated" and
                             str(dac_of.get(s2) or "").startswith(str(code)))

    for r in body:
        s = 0.0
        sector = ws.cell(r, 1).value
        sec, srest = row_sector(r)
        if re.fullmatch(r"[A-Z][A-Z0-9&/-]+", sec) and sec in ACRONYM_ALIASES and \
                not sector.startswith("%s \u2014 %s" % (sec, ACRONYM_ALIASES[sec])):
            fail("%s: sector %r not named in full (%s \u2014 %s)" % (ws.title, sector, sec,
                                                                     ACRONYM_ALIASES[sec]))
        dac = [c["DAC code"] for c in cube if c["grain"] == "sector" and c["sector"] == sec]
        if sec != "not stated" and dac and dac[0] and ws.cell(r, 2).value != dac[0]:
            fail("%s: sector %s: DAC code %r, Cube says %r" % (ws.title, sector,
                                                             ws.cell(r, 2).value, dac[0]))
        for j, reg in enumerate(regions):
            v = wsv.cell(r, j + XT_C0).value
            rg, grest = col_region(reg)
            # each cell is the cube's cell of its sector and region; a rest
            # (a sector's money beyond the sectors under it, a country's
            # beyond its regions) is what makes the block of rows under its
            # sector and columns in its country add up to the cube's cell
            rows = [r2 for r2 in body if under_sector(r2, sec)] if srest else [r]
            cols = [j2 for j2, g2 in enumerate(regions)
                    if col_region(g2)[0] == rg or country_of.get(col_region(g2)[0]) == rg] \
                if grest else [j]
            vals = [wsv.cell(r2, j2 + XT_C0).value for r2 in rows for j2 in cols]
            ok = xcell(sec, rg)
            want = ok[0]["amount_usd"] if len(ok) == 1 else None
            if sec == "not stated" and rg == "not stated":
                if v is not None:
                    fail("%s: %s \u00d7 %s = %s: money stated with neither is not here"
                         % (ws.title, sector, reg, v))
                continue
            if all(x is None for x in vals) and want is None:
                continue
            if len(ok) != 1 or not close(sum(x or 0 for x in vals), want or 0):
                fail("%s: %s \u00d7 %s = %s (its block %s), Cube has %s"
                     % (ws.title, sector, reg, v, sum(x or 0 for x in vals),
                        [c["amount_usd"] for c in ok]))
            if v is None:
                continue
            s += v
            if ws.cell(r, j + XT_C0).number_format != USD_FMT:
                fail("%s!%s: number format %r" % (ws.title, ws.cell(r, j + XT_C0).coordinate,
                                                ws.cell(r, j + XT_C0).number_format))
        # a sector's row holds all of its money the cube places in a region
        ts = cube_cell_sector(cube, sec, fund)
        if not srest and sec != "not stated" and ts is not None and ts["amount_usd"] is not None \
                and not close(s, ts["amount_usd"]):
            fail("%s: row %s adds to %s, the Cube's %s \u00d7 %s is %s"
                 % (ws.title, sector, s, sec, fund, ts["amount_usd"]))
        t = ws.cell(r, ncol + 1)
        if t.data_type != "f" or not close(wsv.cell(r, ncol + 1).value or 0, s):
            fail("%s!%s: row total %r cached %r, values sum to %s"
                 % (ws.title, t.coordinate, t.value, wsv.cell(r, ncol + 1).value, s))
        grand += s
    for j in range(len(regions)):
        vals = [wsv.cell(r, j + XT_C0).value for r in body]
        s = sum(v or 0 for v in vals)
        c = ws.cell(total_row, j + XT_C0)
        cached = wsv.cell(total_row, j + XT_C0).value
        if all(v is None for v in vals):      # unknown is not zero: an empty total
            ok = c.data_type == "f" and cached in (None, "")
        else:
            ok = c.data_type == "f" and close(cached, s)
        if not ok:
            fail("%s!%s: column total %r cached %r, values sum to %s"
                 % (ws.title, c.coordinate, c.value, wsv.cell(total_row, j + XT_C0).value, s))
    c = ws.cell(total_row, ncol + 1)
    if c.data_type != "f" or not close(wsv.cell(total_row, ncol + 1).value, grand):
        fail("%s!%s: grand total cached %r, values sum to %s"
             % (ws.title, c.coordinate, wsv.cell(total_row, ncol + 1).value, grand))
    # the share of the fund's money the table shows
    ft = cube_cell_of(cube, "fund", fund)
    if ws["A3"].value != "Shown in this table" or ws["B3"].data_type != "f" or \
            not close(wsv["B3"].value, grand):
        fail("%s: row 3 does not say how much the table shows (%r %r)" % (ws.title, ws["A3"].value,
                                                                        wsv["B3"].value))
    if ft is not None and ft["amount_usd"] is not None:
        if not close(wsv["D3"].value, ft["amount_usd"]):
            fail("%s!D3: fund total %r, Cube says %s" % (ws.title, wsv["D3"].value, ft["amount_usd"]))
        if ft["amount_usd"] > 0 and "%" not in ws["F3"].number_format:
            fail("%s!F3: share shown as %r, not a percentage" % (ws.title, ws["F3"].number_format))
        if ft["amount_usd"] > 0 and (ws["F3"].data_type != "f" or
                                     not close(wsv["F3"].value, grand / ft["amount_usd"], 1e-9)):
            fail("%s!F3: share %r, expected %s" % (ws.title, wsv["F3"].value, grand / ft["amount_usd"]))
    if not ws._charts:
        fail("%s: no chart" % ws.title)
    empty_totals(ws, wsv)


def cmd_xtab_rows(path, sheet, want):
    """The rows of a per-fund sheet and their totals (cached), exactly
    want: "ROW=USD" each, every row of the table listed."""
    wv = openpyxl.load_workbook(path, data_only=True)
    if sheet not in wv.sheetnames:
        fail("%s: no sheet %s" % (path, sheet))
        return
    ws = wv[sheet]
    hdr = [c.value for c in ws[XT_HDR]]
    ncol = hdr.index("Total") + 1 if "Total" in hdr else None
    got = {}
    r = XT_HDR + 1
    while ncol and ws.cell(r, 1).value not in (None, "Total"):
        got[ws.cell(r, 1).value] = ws.cell(r, ncol).value
        r += 1
    exp = {}
    for w in want:
        k, v = w.rsplit("=", 1)
        exp[k] = float(v)
    if sorted(got) != sorted(exp) or not all(close(got[k], exp[k]) for k in exp):
        fail("%s!%s: rows %s, expected %s" % (path, sheet, got, exp))


def cube_cell_sector(cube, sector, fund):
    for r in cube:
        if r["grain"] == label(1 | 8) and r["sector"] == sector and r["fund"] == fund:
            return r
    return None


def cube_cell_of(cube, grain, fund):
    for r in cube:
        if r["grain"] == grain and r["fund"] == fund:
            return r
    return None


def csv_num(s):
    s = s.strip()
    if s.endswith("%"):
        return float(s[:-1]) / 100
    return float(s)


def cmd_reconcile(path, csvdir):
    """Through LibreOffice's recalculated values: every total of the Summary
    (tables A, B and C of each measure) equals the sum of the rows it adds
    (A: all rows; B: the rows marked "added"; C: the rows of its column)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Summary"]
    stem = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(csvdir, "%s-Summary.csv" % stem), newline="", encoding="utf-8") as f:
        grid = list(csv.reader(f))

    def v(r, c):
        try:
            s = grid[r - 1][c - 1]
        except IndexError:
            return None
        return csv_num(s) if s.strip() else None

    n = 0
    for t in summary_tables(ws):
        for name, (hdr, rows, rt) in sorted(t.items()):
            cols = [2] if name in "AB" else [j for j in range(2, ws.max_column + 1)
                                               if ws.cell(rt, j).data_type == "f"]
            for j in cols:
                add = [r for r in rows if name != "B" or ws.cell(r, 3).value == "added"]
                s = sum(v(r, j) or 0 for r in add)
                got = v(rt, j)
                n += 1
                if all(v(r, j) is None for r in add):
                    if got is not None:
                        fail("Summary!%s%d: %s over empty rows (LibreOffice)"
                             % (ws.cell(rt, j).column_letter, rt, got))
                elif got is None or abs(got - s) > 0.005:
                    fail("Summary!%s%d: Total %s, its rows add to %s (LibreOffice)"
                         % (ws.cell(rt, j).column_letter, rt, got, s))
    if n == 0:
        fail("%s: no Summary total was reconciled" % path)
    else:
        print("%s: %d Summary totals reconcile with their rows (LibreOffice)" % (os.path.basename(path), n))


def cmd_pages(path, base, per, total):
    """A table of `total` rows split into sheets of `per` rows each."""
    wb = openpyxl.load_workbook(path)
    names = pages(wb.sheetnames, base)
    want = max(1, -(-total // per))
    if len(names) != want:
        fail("%s: %d sheets %s, expected %d" % (base, len(names), names, want))
    hdr_row = 3 if base in ("Cube", "Facts") else 1
    n = 0
    for name in names:
        ws = wb[name]
        rows = rows_of(ws, hdr_row)
        if len(rows) > per:
            fail("%s: %d rows, more than %d" % (name, len(rows), per))
        if not ws.tables:
            fail("%s: no table" % name)
        n += len(rows)
    if n != total:
        fail("%s: %d rows over %d sheets, expected %d" % (base, n, len(names), total))


def cmd_recalc(path, csvdir):
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    stem = os.path.splitext(os.path.basename(path))[0]
    n = 0
    for ws in wb.worksheets:
        cells = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
        if not cells:
            continue
        fn = os.path.join(csvdir, "%s-%s.csv" % (stem, ws.title))
        if not os.path.exists(fn):
            fail("%s: LibreOffice wrote no %s" % (path, fn))
            continue
        with open(fn, newline="", encoding="utf-8") as f:
            grid = list(csv.reader(f))
        for c in cells:
            cached = wv[ws.title][c.coordinate].value
            try:
                raw = grid[c.row - 1][c.column - 1]
            except IndexError:
                raw = ""
            if cached in (None, "") and raw.strip() == "":
                n += 1          # an empty total over empty cells, empty both ways
                continue
            try:
                got = csv_num(grid[c.row - 1][c.column - 1])
            except (IndexError, ValueError):
                fail("%s!%s: LibreOffice gives no number for %s" % (ws.title, c.coordinate, c.value))
                continue
            n += 1
            if cached is None or abs(got - float(cached)) > 0.005:
                fail("%s %s!%s: LibreOffice computes %s, the workbook's cached result is %s (%s)"
                     % (os.path.basename(path), ws.title, c.coordinate, got, cached, c.value))
    if n == 0:
        fail("%s: no formula was compared" % path)
    else:
        print("%s: %d formulas recalculated by LibreOffice match" % (os.path.basename(path), n))


def cmd_tamper(src, dst):
    """A copy whose first cached formula result on the Summary is wrong; prints its cell."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        done = None
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":   # Summary, after Pivot
                text = data.decode("utf-8")
                m = next((m for m in re.finditer(r'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f><v>[^<]*</v>',
                                                 text) if "COUNTIF" not in m.group(0)), None)
                if m:
                    done = m.group(1)
                    text = text[:m.start()] + re.sub(r"<v>[^<]*</v>", "<v>123.45</v>", m.group(0)) \
                        + text[m.end():]
                data = text.encode("utf-8")
            zout.writestr(item, data)
    if not done:
        fail("tamper: no cached result found in the Summary")
    else:
        print("Summary!" + done)


def main(argv):
    global PLAIN
    if len(argv) >= 2 and argv[0] == "workbook":
        split, snippets, doc, fixtures = None, [], None, False
        i = 2
        while i < len(argv):
            if argv[i] in ("--fixtures", "--plain"):
                if argv[i] == "--plain":
                    PLAIN = True
                else:
                    fixtures = True
                i += 1
                continue
            if argv[i] == "--split":
                split = argv[i + 1]
            elif argv[i] == "--snippet":
                snippets.append(argv[i + 1])
            elif argv[i] == "--doc":
                doc = argv[i + 1]
            else:
                print("usage: unknown option %s" % argv[i])
                return 2
            i += 2
        cmd_workbook(argv[1], split, snippets, doc, fixtures)
    elif len(argv) >= 3 and argv[0] == "xtab-rows":
        cmd_xtab_rows(argv[1], argv[2], argv[3:])
    elif len(argv) == 3 and argv[0] == "recalc":
        cmd_recalc(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "reconcile":
        cmd_reconcile(argv[1], argv[2])
    elif len(argv) == 5 and argv[0] == "pages":
        cmd_pages(argv[1], argv[2], int(argv[3]), int(argv[4]))
    elif len(argv) == 3 and argv[0] == "tamper":
        cmd_tamper(argv[1], argv[2])
    else:
        print(__doc__)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
