#!/usr/bin/env bash
# The cube stays linear in the projects of one cell (issue 15): 40,000
# projects of one spreadsheet, all in one region, sector, year and fund
# (one cell: each project was once compared with every earlier one there),
# and the same list spread over regions and sectors.  Time is not asserted
# (make bench measures it); the run must finish under the timeout and give
# the exact totals: 40,000 projects (two rows of one spreadsheet are two
# projects, however often an amount repeats) and their budgets.
# Usage (from tests/run.sh): TMP=DIR BIN=aidcube bash tests/t_cube_scale.sh
set -u
cd "$(dirname "$0")/.."
fail=0
ROWS=40000
LIMIT=60        # seconds: the quadratic cube took minutes here
# the expected rows: the grand total, and the cell of Gao ("Social cohesion",
# the sector "Cohésion sociale") in the finest cuboid: amount, origin,
# projects, origin; the sums of the seeded list's budgets, computed apart
expect_one=$'total\t1020769250.00\tcomputed\t40000\tcomputed
sectorxregionxperiodxfund\tGao\t1020769250.00\treported\t40000\treported'
expect_spread=$'total\t1020769250.00\tcomputed\t40000\tcomputed
sectorxregionxperiodxfund\tGao\t24042750.00\treported\t910\treported'
for mode in one spread; do
    python3 tests/bench/projects_csv.py "$ROWS" "$mode" > "$TMP/scale-$mode.csv"
    timeout "$LIMIT" "$BIN" cube -q "$TMP/scale-$mode.csv" > "$TMP/scale.tsv" 2> "$TMP/scale.err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "cube scale $mode: exit $rc (124: over ${LIMIT} s)"; head -5 "$TMP/scale.err"; fail=1; continue
    fi
    got=$(awk -F'\t' '$1 == "total" { print $1 "\t" $6 "\t" $7 "\t" $12 "\t" $13 }
        $1 == "sectorxregionxperiodxfund" && $3 == "Gao" && $2 == "Cohésion sociale" {
            print $1 "\t" $3 "\t" $6 "\t" $7 "\t" $12 "\t" $13 }' "$TMP/scale.tsv" | sort)
    want=expect_$mode
    if [ "$got" != "$(sort <<< "${!want}")" ]; then
        echo "cube scale $mode: expected"; sort <<< "${!want}"; echo "got"; echo "$got"; fail=1
    else
        echo "cube scale $mode: $ROWS projects, totals exact"
    fi
    rm -f "$TMP/scale-$mode.csv" "$TMP/scale.tsv"
done
exit $fail
