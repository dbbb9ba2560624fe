#!/usr/bin/env python3
"""Check the donor-facing promises of the cube on any `aidcube cube` output.

For every cell T (not itself a "not stated" rest) that names the total
(_T) on a dimension d, its children
along d are the cells equal to T except on d, where they name a top-level
member (a country, a sector, a fund, a period inside no other period of the
cells at T's other coordinates: the cube nests a cell's figures by the
members stated at its own coordinates) or "not stated".

  1. never smaller: T's value is at least each child's value (amounts and
     projects), whether or not the child is added (a derived child, never
     added, may exceed it only where T is flagged parts-exceed);
  2. rows add up (amounts): T's value equals the sum of the children that
     are added (no not-counted-d flag; derived and "not stated" rows
     included), unless T is flagged parts-exceed (the sum is then larger,
     and the cell says so);
  3. unknown is not zero: no value is printed as 0.00 for a cell that has no
     figure (an empty value has an empty origin, and the reverse);
  4. a span is never smaller than a period inside it: at the same other
     coordinates, a cell's value (amounts and projects) is at least that of
     every cell whose period lies inside its period.

The cube of each kind (column kind: funding, and each kind shown apart) is
checked on its own: each is computed by the same rules from its own facts.

Usage: cube_invariants.py CUBE.tsv   (prints the violations, exit 1 if any)
"""
import csv
import os
import re
import sys
from decimal import Decimal

DIMS = ["sector", "region", "period", "fund"]
REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "ref")


def sector_tree(ref=REF):
    """The parent of each sector name as the cube names it (model.h: the DAC
    tree of sectors.tsv, sectors_dac.tsv, sectors_dac_groups.tsv): a theme's
    its code's member, a code's its group's; names absent are top-level."""
    rows = []
    for f in sorted(os.listdir(ref)):
        if f.startswith("sectors") and f.endswith(".tsv"):
            with open(os.path.join(ref, f), encoding="utf-8") as h:
                rows += list(csv.DictReader((l for l in h if not l.startswith("#")), delimiter="\t"))
    member = {}   # a DAC code or group -> its member name
    for r in rows:
        if re.fullmatch(r"\d{3}|\d{5}", r["id"]) and r["dac"] in ("", r["id"]):
            member[r["id"]] = r["name"] if r["name"].startswith(r["id"] + " ") else f"{r['id']} {r['name']}"
    parent = {}
    for r in rows:
        code = r["dac"]
        if r["id"] == code or not code:
            continue
        if code in member:
            parent[r["name"]] = member[code]
    for code, name in member.items():
        if len(code) == 5 and code[:3] in member:
            parent[name] = member[code[:3]]
    return parent


SECTOR_PARENT = sector_tree()


def period_range(label):
    m = re.fullmatch(r"(\d{4})", label)
    if m:
        y = int(m[1])
        return (y * 10000 + 101, y * 10000 + 1231)
    m = re.fullmatch(r"(\d{4})/(\d{4})", label)
    if m:
        return (int(m[1]) * 10000 + 701, int(m[2]) * 10000 + 630)
    m = re.fullmatch(r"(\d{4})-(\d{4})", label)
    if m:
        return (int(m[1]) * 10000 + 101, int(m[2]) * 10000 + 1231)
    m = re.fullmatch(r"since (\d{4}) \(to (\d{4})\)", label)
    if m:
        return (int(m[1]) * 10000 + 101, int(m[2]) * 10000 + 1231)
    return None


def main(path):
    by_kind = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            by_kind.setdefault(r.get("kind", "funding"), []).append(r)
    bad, n = [], 0
    for kind_name, rows in by_kind.items():
        got, cells = check(rows)
        bad += [f"{kind_name}: {b}" if kind_name != "funding" else b for b in got]
        n += cells
    for b in bad[:50]:
        print(b)
    print(f"{n} cells, {len(bad)} violations")
    return 1 if bad else 0


def check(rows):
    """The violations of one cube's cells, and how many cells it has."""
    cells = {}
    periods = set()
    for r in rows:
        key = tuple(r[d] for d in DIMS)
        cells[key] = r
        if r["period"] not in ("Total", "not stated"):
            periods.add(r["period"])
    ranges = {p: period_range(p) for p in periods}

    def kind(p):   # the model's order: year < fiscal < span < cumulative
        return 3 if p.startswith("since") else 1 if "/" in p else 2 if "-" in p else 0

    def contained(p, q):   # as model/model.c period_contains(q, p)
        a, b = ranges[p], ranges[q]
        if not (a and b and b[0] <= a[0] and a[1] <= b[1]):
            return False
        return a != b or kind(q) < kind(p)

    def top_level(d, name, here):
        """here: the periods of the cells at the other coordinates"""
        if name == "not stated":
            return True
        if d == "region":
            return re.fullmatch(r"[A-Z]{3}", name) is not None
        if d == "period":
            return not any(contained(name, q) for q in here if q != name and q in ranges)
        if d == "sector":
            return name not in SECTOR_PARENT
        return True

    def shares_below(key, i, name, col, ocol):
        """an empty sector row stands for the derived rows under it (cube.h
        rule 2: a theme's share is a row of its total through its code and
        group with no value)"""
        total = Decimal(0)
        for child, p in SECTOR_PARENT.items():
            if p != name:
                continue
            c = cells.get(key[:i] + (child,) + key[i + 1:])
            if c is None:
                continue
            if c[col] == "":
                total += shares_below(key, i, child, col, ocol)
            elif c[ocol] == "derived":
                total += Decimal(c[col])
        return total

    groups = [dict() for _ in DIMS]   # per d: key without d -> cells
    for k, c in cells.items():
        for i in range(4):
            groups[i].setdefault(k[:i] + k[i + 1:], []).append((k, c))
    bad = []
    for key, r in cells.items():
        for meas, col, ocol in (("amount", "amount_usd", "origin"), ("projects", "projects", "projects_origin")):
            if (r[col] == "") != (r[ocol] == ""):
                bad.append(f"{key} {meas}: value {r[col]!r} with origin {r[ocol]!r}")
        if "not stated" in key:   # a residual is a rest, not a roll-up
            continue
        for i, d in enumerate(DIMS):
            if key[i] != "Total":
                continue
            group = groups[i].get(key[:i] + key[i + 1:], [])
            here = {k[i] for k, _ in group}
            kids = [c for k, c in group if k[i] != "Total" and top_level(d, k[i], here)]
            for meas, col, ocol in (("amount", "amount_usd", "origin"), ("projects", "projects", "projects_origin")):
                if r[col] == "":
                    continue
                total = Decimal(r[col])
                added = Decimal(0)
                n_added = 0
                for c in kids:
                    if c[col] == "" and d == "sector" and meas == "amount":
                        added += shares_below(tuple(c[x] for x in DIMS), i, c[d], col, ocol)
                        continue
                    if c[col] == "":
                        continue
                    v = Decimal(c[col])
                    derived = c[ocol] == "derived" and "parts-exceed" in r["flags"]
                    if v > total and not derived:   # a share above 100 % is flagged
                        bad.append(f"{key} {meas}: total {total} smaller than its part {c[d]} {v}")
                    flags = c["flags"].split(",") if meas == "amount" else []
                    if f"not-counted-{d}" not in flags:
                        added += v
                        n_added += 1
                if meas == "amount" and n_added and added != total and "parts-exceed" not in r["flags"]:
                    bad.append(f"{key} {meas} along {d}: rows add to {added}, total {total}")
    for key, r in cells.items():   # 4: never smaller than a period inside it
        p = key[2]
        if p not in ranges or "not stated" in key:   # a rest is not a roll-up
            continue
        for k, c in groups[2].get(key[:2] + key[3:], []):
            if k[2] == p or k[2] not in ranges or not contained(k[2], p):
                continue
            for meas, col in (("amount", "amount_usd"), ("projects", "projects")):
                if c[col] != "" and (r[col] == "" or Decimal(r[col]) < Decimal(c[col])):
                    bad.append(f"{key} {meas}: {r[col] or 'empty'} smaller than {k[2]} inside it"
                               f" ({c[col]})")
    return bad, len(cells)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
