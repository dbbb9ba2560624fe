#!/usr/bin/env python3
"""Helpers of tests/t_cube_props.sh: the parts of `aidcube cube` outputs and
workbooks (read with `aidcube cells`) that a property compares.

  cube_props.py fund CUBE.tsv FUND       the rows of the cube whose fund is FUND
  cube_props.py country CUBE.tsv ISO3    the rows whose region lies in the
                                         country (the country, its regions and
                                         groupings, "ISO3: region not stated")
  cube_props.py facts EXTRACT.tsv        per source: its funds and countries
                                         ("doc<TAB>F1,F2<TAB>C1,C2"; empty:
                                         none stated)
  cube_props.py split MAIN.cells FUND.cells FUND
                                         the Cube sheet of a --split workbook
                                         against the main one: its rows of
                                         FUND are the main one's, cell by
                                         cell, and its rows of all funds hold
                                         the same values as its rows of FUND
  cube_props.py set DIR                  every comparison of one set of
                                         t_cube_props.sh (see cmd_set)
  cube_props.py rows WORKBOOK.cells CUBE.tsv PIVOT.tsv
                                         the fund rows of the Summary (table
                                         A, amounts and projects) and of
                                         PivotTable2 (the Pivot sheet's cells
                                         and `cube --pivot`) equal the cube's
                                         fund cells

Prints what differs and exits 1, else prints one line of what it compared.
"""
import os
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
PLACES = os.path.join(HERE, "..", "fixtures", "ref", "places.tsv")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n").split("\t") for l in f]
    return lines[0], lines[1:]


def region_country():
    out = {}
    with open(PLACES, encoding="utf-8") as f:
        for line in f:
            r = line.rstrip("\n").split("\t")
            if len(r) > 3 and r[0] in ("region", "country"):
                out.setdefault(r[2], r[3] if r[0] == "region" else r[1])
    return out


def in_country(name, iso, places):
    if name == iso or name == f"{iso}: region not stated":
        return True
    return any(places.get(part.strip()) == iso for part in name.split(" / "))


def cmd_rows_of(path, keep):
    head, rows = read_tsv(path)
    print("\t".join(head))
    for r in rows:
        if keep(dict(zip(head, r))):
            print("\t".join(r))
    return 0


def cmd_facts(path):
    head, rows = read_tsv(path)
    per = {}
    for r in rows:
        d = dict(zip(head, r))
        funds, countries = per.setdefault(d["doc"], (set(), set()))
        if d["fund"]:
            funds.add(d["fund"])
        if d["country"]:
            countries.add(d["country"])
    for doc in sorted(per):
        print(f"{doc}\t{','.join(sorted(per[doc][0]))}\t{','.join(sorted(per[doc][1]))}")
    return 0


_cells = {}


def wanted(sheet):
    return sheet in ("Summary", "Pivot", "Cube") or sheet.startswith("Cube ")


def cells(path):
    """sheet -> {(row, col): text}, from `aidcube cells` (sheet row col cell
    kind text formula), for the sheets compared here."""
    if path in _cells:
        return _cells[path]
    out = _cells[path] = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            sheet, row, col, _cell, _kind, text = line.split("\t", 6)[:6]
            if wanted(sheet):
                out.setdefault(sheet, {})[(int(row), int(col))] = text
    return out


def table(sheet, first_head):
    """The rows of the table whose header row starts with first_head, as
    dicts of header -> text."""
    nrow = max((r for r, _ in sheet), default=0)
    ncol = max((c for _, c in sheet), default=0)
    hr = next(r for r in range(1, nrow + 1) if sheet.get((r, 1)) == first_head)
    head = [sheet.get((hr, c), "") for c in range(1, ncol + 1)]
    return [{head[c - 1]: sheet.get((r, c), "") for c in range(1, ncol + 1)}
            for r in range(hr + 1, nrow + 1) if (r, 1) in sheet]


def cube_sheets(path):
    """The rows of the Cube sheet(s) of a workbook's cells."""
    sheets = cells(path)
    rows = []
    for name in sorted(sheets):
        if name == "Cube" or name.startswith("Cube "):
            rows += table(sheets[name], "grain")
    return rows


DIMS = ("grain", "sector", "country", "region", "period", "fund")
VALUES = ("amount_usd", "amount_origin", "reported_usd", "computed_usd", "derived_usd",
          "projects", "projects_origin")


def cmd_split(main_path, fund_path, fund):
    main, part = cube_sheets(main_path), cube_sheets(fund_path)
    bad = []
    want = {tuple(r[k] for k in DIMS): r for r in main if r["fund"] == fund}
    got = {tuple(r[k] for k in DIMS): r for r in part if r["fund"] == fund}
    for k in sorted(set(want) | set(got)):
        if k not in got or k not in want:
            bad.append(f"{fund}: {k} only in the {'main' if k in want else 'fund'} workbook")
        elif want[k] != got[k]:
            diff = [c for c in want[k] if want[k][c] != got[k].get(c)]
            bad.append(f"{fund}: {k}: " + ", ".join(f"{c} {want[k][c]!r} / {got[k].get(c)!r}"
                                                     for c in diff))
    for r in part:     # the fund workbook's "all funds" rows are its fund's
        if r["fund"] != "Total" or "not stated" in (r["amount_origin"], r["projects_origin"]):
            continue     # a rest beside derived rows (shown at the fund's cells only) differs
        mine = got.get((r["grain"] + "\u00d7fund" if r["grain"] != "Total" else "fund",)
                       + tuple(r[c] for c in DIMS[1:5]) + (fund,))
        if mine is not None and mine["amount_origin"] == "derived":
            mine = dict(mine, amount_usd="")     # a derived value is never summed
        if mine is None or any(mine[c] != r[c] for c in ("amount_usd", "projects")):
            bad.append(f"{fund}: all funds at {tuple(r[c] for c in DIMS[1:5])}: "
                       f"{r['amount_usd']!r} {r['projects']!r}, the fund's "
                       f"{mine and mine['amount_usd']!r} {mine and mine['projects']!r}")
    for b in bad[:30]:
        print(b)
    if not bad:
        print(f"split {fund}: {len(got)} rows equal to the main workbook's")
    return 1 if bad else 0


def summary_a(sheet):
    """Both tables A of the Summary: [{fund: value}] for amounts, projects."""
    out = []
    nrow = max(r for r, _ in sheet)
    for r in range(1, nrow + 1):
        if sheet.get((r, 1)) != "A. By fund, all periods":
            continue
        rows, k = {}, r + 2
        while sheet.get((k, 1)) not in (None, "Total"):
            rows[sheet[(k, 1)]] = sheet.get((k, 2), "")
            k += 1
        rows["Total"] = sheet.get((k, 2), "")
        out.append(rows)
    return out


def pivot2(sheet):
    """PivotTable2's rows on the Pivot sheet: {fund: (usd, projects)}."""
    nrow = max(r for r, _ in sheet)
    ncol = max(c for _, c in sheet)
    labels = [r for r in range(1, nrow + 1) if sheet.get((r, 1)) == "Row Labels"]
    r0 = labels[1]
    cu = next(c for c in range(1, ncol + 1) if sheet.get((r0 - 1, c)) == "Total Sum of usd")
    out, k = {}, r0 + 1
    while (k, 1) in sheet:
        name = sheet[(k, 1)]
        out["Total" if name == "Grand Total" else name] = (sheet.get((k, cu), ""),
                                                           sheet.get((k, cu + 1), ""))
        if name == "Grand Total":
            break
        k += 1
    return out


def num(s):
    return Decimal(s) if s not in ("", None) else None


def cmd_rows(wb_path, cube_path, pivot_path):
    head, rows = read_tsv(cube_path)
    cube = {}
    for r in rows:
        d = dict(zip(head, r))
        if d.get("kind", "funding") != "funding":
            continue     # the other kinds are cubes of their own (Summary table D)
        if d["cuboid"] in ("fund", "total"):
            name = "Total" if d["cuboid"] == "total" else (
                "fund not stated" if d["fund"] == "not stated" else d["fund"])
            cube[name] = (num(d["amount_usd"]), num(d["projects"]))
    sheets = cells(wb_path)
    amounts, projects = summary_a(sheets["Summary"])
    piv = pivot2(sheets["Pivot"])
    ph, prow = read_tsv(pivot_path)
    tsv = {}
    for r in prow:
        d = dict(zip(ph, r))
        if d["pivot"] == "PivotTable2" and d["column"] == "Grand Total":
            name = "Total" if d["row"] == "Grand Total" else (
                "fund not stated" if d["row"] == "not stated" else d["row"])
            tsv[name] = (num(d["usd"]), num(d["projects"]))
    bad = []
    for name, (usd, n) in sorted(cube.items()):
        if usd is None and n is None:
            continue
        s_usd, s_n = num(amounts.get(name)), num(projects.get(name))
        p = piv.get(name if name != "fund not stated" else "not stated", ("", ""))
        p_usd, p_n = num(p[0]), num(p[1])
        t_usd, t_n = tsv.get(name, (None, None))
        # a row of no money (0 or empty) may be absent from the PivotTable
        for what, v in (("Summary", (s_usd, s_n)), ("Pivot sheet", (p_usd, p_n)),
                        ("cube --pivot", (t_usd, t_n))):
            if (v[0] or 0) != (usd or 0) or (v[1] or 0) != (n or 0):
                bad.append(f"{name}: cube {usd} / {n} projects, {what} {v[0]} / {v[1]}")
    for b in bad[:30]:
        print(b)
    if not bad:
        print(f"fund rows: {len(cube)} equal in the cube, the Summary and the PivotTable")
    return 1 if bad else 0


_read = {}


def restrict(path, what, x, places):
    if path not in _read:
        _read[path] = read_tsv(path)
    head, rows = _read[path]
    keep = (lambda d: d["fund"] == x) if what == "fund" else (
        lambda d: in_country(d["region"], x, places))
    return [r for r in rows if keep(dict(zip(head, r)))]


def same_sheets(a_path, b_path, what):
    """The Summary, Pivot and Cube sheets of two workbooks' cells, cell by
    cell: the differences (at most 5), named."""
    a, b = cells(a_path), cells(b_path)
    bad = []
    for sheet in sorted(set(a) | set(b)):
        x, y = a.get(sheet, {}), b.get(sheet, {})
        for k in sorted(set(x) | set(y)):
            if x.get(k) != y.get(k) and len(bad) < 5:
                bad.append(f"{what}: {sheet} row {k[0]} col {k[1]}: {x.get(k)!r} / {y.get(k)!r}")
    return bad


def cmd_set(d):
    """All the comparisons of one set of t_cube_props.sh, in its directory
    d: base.tsv against the permuted runs (perm-*.tsv, byte for byte),
    against the runs without one source (without.tsv lines: WHAT X SOURCE
    FILE: the rows of WHAT X equal), the warehouse's (db.tsv), the
    invariants of cube_invariants.py, and the workbooks (wb/: fund rows,
    --split)."""
    bad = []
    n = 0
    with open(os.path.join(d, "base.tsv"), "rb") as f:
        base = f.read()
    for name in sorted(os.listdir(d)):
        if (name.startswith("perm-") and name.endswith(".tsv")) or name == "db.tsv":
            n += 1
            with open(os.path.join(d, name), "rb") as f:
                if f.read() != base:
                    bad.append(f"{name}: not the same bytes as base.tsv")
    places = region_country()
    with open(os.path.join(d, "without.tsv"), encoding="utf-8") as f:
        for line in f:
            what, x, src, path = line.rstrip("\n").split("\t")
            n += 1
            a, b = restrict(os.path.join(d, "base.tsv"), what, x, places), restrict(path, what, x, places)
            if a != b:
                only = [r for r in a if r not in b][:3] + [r for r in b if r not in a][:3]
                bad.append(f"the rows of {what} {x} differ without {src}: " +
                           " | ".join("\t".join(r[:6]) for r in only))
    import io
    import contextlib
    import cube_invariants
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = cube_invariants.main(os.path.join(d, "base.tsv"))
    if rc:
        bad.append("invariants: " + out.getvalue().strip().replace("\n", " | ")[:600])
    wb = os.path.join(d, "wb")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = cmd_rows(os.path.join(d, "main.cells"), os.path.join(d, "base.tsv"),
                      os.path.join(d, "pivot.tsv"))
        n += 1
        for name in sorted(os.listdir(wb)):
            if name.endswith(".cells") and name != "aidcube.cells":
                n += 1
                rc |= cmd_split(os.path.join(d, "main.cells"), os.path.join(wb, name),
                                name[len("aidcube-"):-len(".cells")])
    if rc:
        bad += [l for l in out.getvalue().splitlines() if not l.startswith(("split ", "fund rows"))]
    n += 1
    bad += same_sheets(os.path.join(d, "main.cells"), os.path.join(d, "db.cells"), "build --db")
    for b in bad[:30]:
        print(b)
    if not bad:
        print(f"{n} comparisons equal, invariants hold")
    return 1 if bad else 0


def main(argv):
    what = argv[1]
    if what == "fund":
        return cmd_rows_of(argv[2], lambda d: d["fund"] == argv[3])
    if what == "country":
        places = region_country()
        return cmd_rows_of(argv[2], lambda d: in_country(d["region"], argv[3], places))
    if what == "facts":
        return cmd_facts(argv[2])
    if what == "split":
        return cmd_split(argv[2], argv[3], argv[4])
    if what == "rows":
        return cmd_rows(argv[2], argv[3], argv[4])
    if what == "set":
        return cmd_set(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
