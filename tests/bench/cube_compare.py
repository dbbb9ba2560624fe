#!/usr/bin/env python3
"""Are aidcube's cube and a SQL GROUP BY CUBE equal to the cent? (make bench)

    python3 tests/bench/cube_compare.py LEAVES AIDCUBE.tsv NAME=SQL.tsv ...

What is compared, and what is not:
  - AIDCUBE.tsv is `aidcube cube` or `bench_cube --print` output (cuboid,
    sector, region, period, fund, amount_usd, ...): every cell of its 16
    cuboids.  aidcube also has cells at the levels above a leaf (a theme's
    DAC code and group, a region's country), which a plain
    GROUP BY CUBE (sector, region, year, fund) has not: only the cells whose
    sector and region are each a leaf (a name in LEAVES) or "Total" are
    compared; every such cell of aidcube must be in the SQL result and the
    other way round.
  - SQL.tsv: sector, region, year, fund, sum of the amounts in cents, one
    line per grouping of the 16 (a NULL, printed empty, is "Total").
  - LEAVES: the rows given to both (plain form of bench_gen.py: sector,
    region, ...): the leaf names are their sectors and regions.
  - Values are compared as integers of cents; nothing is rounded.
Prints "equal N cells" and exits 0, or the first differing cells and exits 1.
"""
import sys
from decimal import Decimal


def leaves(path):
    sec, reg = set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.split("\t")
            sec.add(c[0])
            reg.add(c[1])
    return sec, reg


def cents(text):
    return int(Decimal(text) * 100)


def aidcube_cells(path, sec, reg):
    cells = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if (c[1] in sec or c[1] == "Total") and (c[2] in reg or c[2] == "Total") and c[5]:
                key = tuple(c[1:5])
                if key in cells:
                    sys.exit(f"aidcube: two cells {key}: a leaf name is also a parent's")
                cells[key] = cents(c[5])
    return cells


def sql_cells(path):
    cells = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 5:
                continue
            key = tuple(x if x != "" else "Total" for x in c[:4])
            cells[key] = int(c[4])
    return cells


def main():
    sec, reg = leaves(sys.argv[1])
    ours = aidcube_cells(sys.argv[2], sec, reg)
    ok = True
    for arg in sys.argv[3:]:
        name, _, path = arg.partition("=")
        theirs = sql_cells(path)
        diff = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
        if diff:
            ok = False
            print(f"aidcube and {name} differ in {len(diff)} of {len(theirs)} cells, the first:")
            for k in diff[:5]:
                fmt = lambda v: "absent" if v is None else f"{v / 100:.2f}"
                print(f"  {' | '.join(k)}: aidcube {fmt(ours.get(k))}, {name} {fmt(theirs.get(k))}")
    if ok:
        print(f"equal {len(ours)} cells")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
