#!/usr/bin/env bash
# t_pivot_parts.sh — the PivotTable parts of a small workbook against goldens.
#
# Run by tests/run.sh with BIN and TMP exported, from the repository root
# (or alone: BIN=build/san/aidcube TMP=$(mktemp -d) bash tests/t_pivot_parts.sh).
# Builds fixtures/sources/car_qip_factsheet.txt in test mode (fixed time:
# refreshedDate is the workbook's created time), checks the archive with
# `unzip -t`, and compares each part aidcube adds or edits for the
# PivotTables with tests/pivot/expected/<name> (one element per line, so
# that a diff reads).  ACCEPT=1 rewrites the goldens.
set -u
cd "$(dirname "$0")/.."
: "${BIN:?BIN must name the aidcube binary}" "${TMP:?TMP must name a scratch directory}"
W=$TMP/pivot_parts
EXP=tests/pivot/expected
rm -rf "$W"; mkdir -p "$W/out" "$W/parts"
export AIDCUBE_TEST=1
nfail=0
fail() { echo "FAIL: t_pivot_parts: $*"; nfail=$((nfail+1)); }

"$BIN" build fixtures/sources/car_qip_factsheet.txt -o "$W/out" > "$W/build.out" 2>&1 ||
    { fail "build failed"; cat "$W/build.out"; exit 1; }
X=$W/out/aidcube.xlsx
unzip -tq "$X" > "$W/unzip.out" 2>&1 || { fail "unzip -t: $(cat "$W/unzip.out")"; }

PARTS="xl/pivotCache/pivotCacheDefinition1.xml xl/pivotCache/pivotCacheRecords1.xml
xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels xl/pivotTables/pivotTable1.xml
xl/pivotTables/pivotTable2.xml xl/pivotTables/_rels/pivotTable1.xml.rels
xl/worksheets/_rels/sheet1.xml.rels xl/workbook.xml xl/_rels/workbook.xml.rels [Content_Types].xml"
for p in $PARTS; do
    name=$(echo "$p" | tr '/' '_' | sed 's/^_*//; s/[][]//g')
    pat=$(printf '%s' "$p" | sed 's/[][]/\\&/g')      # unzip reads [ ] as a wildcard
    if ! unzip -p "$X" "$pat" > "$W/parts/raw" 2>/dev/null || [ ! -s "$W/parts/raw" ]; then
        fail "no part $p"; continue
    fi
    sed 's/></>\n</g' "$W/parts/raw" > "$W/parts/$name"
    if [ "${ACCEPT:-0}" = 1 ]; then
        cmp -s "$EXP/$name" "$W/parts/$name" || echo "accept: $EXP/$name rewritten"
        cp "$W/parts/$name" "$EXP/$name"
    elif [ ! -f "$EXP/$name" ]; then
        fail "no expected file $EXP/$name"
    elif ! diff -u "$EXP/$name" "$W/parts/$name" > "$W/diff"; then
        fail "$p differs from $EXP/$name"; head -40 "$W/diff"
    fi
done
[ "$nfail" -eq 0 ]
