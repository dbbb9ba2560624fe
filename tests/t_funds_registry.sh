#!/usr/bin/env bash
# t_funds_registry.sh — every name of fixtures/ref/funds.tsv names one fund,
# unless a documented rule resolves it (fixtures/ref/README.md, "Funds"):
#   - no folded alias (case, accents, apostrophes and hyphens aside, as the
#     gazetteer folds them) belongs to two funds, nor to a currency or a
#     place (CHF is the Swiss franc: the Common Humanitarian Fund's acronym
#     is left out of funds.tsv);
#   - a shared name (phrases.tsv fund_shared) is an alias of exactly the
#     fund listed below, and the full names holding it belong to exactly the
#     funds listed below (attribute/attribute_fund.c picks the nearest);
#   - an anaphor (fund_anaphor) is no alias of any fund.
# Prints the difference and fails on any other collision.
set -u
cd "$(dirname "$0")/.." || exit 1
python3 - <<'EOF'
import sys, unicodedata, re

def fold(s):
    s = s.lstrip("=~!")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"['\u2019\-]", " ", s.lower())
    return " ".join(s.split())

def rows(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if f[0] in ("id", "kind", "code", "type"):
            continue
        yield f

funds = {}                        # folded alias -> set of fund ids
for f in rows("fixtures/ref/funds.tsv"):
    for a in f[2].split("|"):
        if a:
            funds.setdefault(fold(a), set()).add(f[0])
others = {}                       # folded alias -> "file:id" of currencies and places
for name, col in (("currencies", 2), ("places", 5)):
    for f in rows("fixtures/ref/%s.tsv" % name):
        if len(f) > col:
            for a in f[col].split("|"):
                if a:
                    others.setdefault(fold(a), set()).add("%s:%s" % (name, f[0]))
phr = {}
for f in rows("fixtures/ref/phrases.tsv"):
    phr.setdefault(f[0], []).append(f[1])

got = []
for a, ids in sorted(funds.items()):
    if len(ids) > 1:
        got.append("alias of two funds: %s %s" % (a, ",".join(sorted(ids))))
    if a in others:
        got.append("alias of a fund and %s: %s" % (",".join(sorted(others[a])), a))
for p in sorted(set(fold(x) for x in phr.get("fund_shared", []))):
    own = ",".join(sorted(funds.get(p, {"(none)"})))
    holders = sorted({i for a, ids in funds.items() if a != p and (" %s " % p) in (" %s " % a)
                      for i in ids})
    got.append("shared %s: alias of %s; full names of %s" % (p, own, ",".join(holders) or "(none)"))
for p in sorted(set(fold(x) for x in phr.get("fund_anaphor", []))):
    if p in funds:
        got.append("anaphor is an alias: %s" % p)

expected = [
    "shared fonds d affectation speciale: alias of TF; full names of TF",
    "shared fonds fiduciaire: alias of TF; full names of BEKOU,EUTF,TF",
    "shared fonds fiduciaires: alias of TF; full names of (none)",
    "shared trust fund: alias of TF; full names of BEKOU,EUTF,TF",
]
if got != expected:
    print("FAIL: fund registry collisions differ")
    for line in sorted(set(expected) - set(got)):
        print("- " + line)
    for line in sorted(set(got) - set(expected)):
        print("+ " + line)
    sys.exit(1)
print("ok: %d fund aliases, collisions as documented" % len(funds))
EOF
