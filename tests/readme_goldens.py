#!/usr/bin/env python3
"""Compare every golden row of fixtures/expected/*.tsv with the tables of
fixtures/README.md (the specification the goldens are reviewed against).

For each document that has a table of expected observations, prints the rows
that differ (README row `-`, golden row `+`, keyed by line/measure/value) and
exits 1 when any differs.  `-` in the README means an empty field.  A table
whose header names a `kind` column (after qualifier) is compared on the
golden's kind column too (the money kind of extract's last column).
Usage: tests/readme_goldens.py [README] [EXPECTED_DIR]
"""
import re
import sys
from collections import Counter

readme = sys.argv[1] if len(sys.argv) > 1 else "fixtures/README.md"
expdir = sys.argv[2] if len(sys.argv) > 2 else "fixtures/expected"
COLS = 10  # line measure value unit fund country region sector period qualifier

KIND_COL = 13  # the golden's kind column (doc line ... snippet kind), 0-based

tables = {}
with_kind = set()
doc = None
has_kind = False
for raw in open(readme, encoding="utf-8"):
    m = re.match(r"^## \d+\. `([^`]+)`", raw)
    if m:
        doc = m.group(1)
        continue
    if raw.startswith("## "):
        doc = None
    if doc and raw.startswith("| line |"):
        head = [c.strip() for c in raw.strip().strip("|").split("|")]
        has_kind = len(head) > COLS and head[COLS] == "kind"
        if has_kind:
            with_kind.add(doc)
    if doc and raw.startswith("| ") and re.match(r"^\| \d+ \|", raw):
        cells = [c.strip() for c in raw.strip().strip("|").split("|")]
        if len(cells) < COLS + 1 or cells[1] not in ("amount", "count", "share"):
            continue
        row = tuple("" if c == "-" else c for c in cells[:COLS + (1 if has_kind else 0)])
        tables.setdefault(doc, []).append(row)

bad = 0
for d, want in tables.items():
    got = []
    for line in open(f"{expdir}/{d}.tsv", encoding="utf-8").read().splitlines()[1:]:
        f = line.split("\t")
        got.append(tuple(f[1:1 + COLS]) + ((f[KIND_COL],) if d in with_kind else ()))
    w, g = Counter(want), Counter(got)
    miss, extra = w - g, g - w
    if not miss and not extra:
        print(f"{d}: {len(got)} rows agree")
        continue
    n = sum(miss.values()) + sum(extra.values())
    print(f"{d}: {sum(miss.values())} README rows not in the golden, "
          f"{sum(extra.values())} golden rows not in the README")
    key = lambda r: (int(r[0]), r[1], r[2])
    for r in sorted(list(miss.elements()) + list(extra.elements()), key=key):
        print(("  - " if r in miss else "  + ") + "\t".join(r))
    bad += n
sys.exit(1 if bad else 0)
