#!/usr/bin/env python3
"""Generate a project list (CSV, one project a row) for the cube's scale
benchmark and test: ROWS projects of the PBF in 2019, all in one region and
sector (MODE one: every project at one cell of the cube) or spread over the
regions of Mali and the Central African Republic and over sectors (MODE
spread).  Amounts repeat (a project list states the same budget often): two
rows of one spreadsheet are still two projects.  Deterministic for a seed.

    python3 tests/bench/projects_csv.py ROWS one|spread [SEED] > projects.csv

The totals are printed on stderr with --totals: the number of projects and
the sum of the budgets in cents (what `aidcube cube` must show at the grand
total).
"""
import random
import sys

rows = int(sys.argv[1])
mode = sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].isdigit() else 2019)
regions = ["Gao", "Tombouctou", "Kidal", "Mopti", "Ménaka", "Ségou", "Bangui", "Ouaka",
           "Ouham-Pendé", "Nana-Mambéré", "Haute-Kotto"]
sectors = ["Social cohesion", "Rule of law", "Governance", "Conflict prevention"]
# budgets of 1,000.00 to 50,000.00 USD in steps of 250: about 200 distinct
# values, so that many projects share one
STEPS = 197
out = sys.stdout
out.write("Project title,Region,Locality,Sector,Fund,Budget (USD),Implementing partner,"
          "Start date,End date\n")
total = 0
for i in range(rows):
    if mode == "one":
        region, sector = regions[0], sectors[0]
    else:
        region, sector = regions[i % len(regions)], sectors[(i // len(regions)) % len(sectors)]
    cents = (1000 + 250 * rng.randrange(STEPS)) * 100
    total += cents
    out.write(f"Project {i + 1},{region},,{sector},PBF,{cents // 100}.00,Partner {i % 97},"
              "2019-01-01,2019-12-31\n")
if "--totals" in sys.argv:
    sys.stderr.write(f"{rows}\t{total}\n")
