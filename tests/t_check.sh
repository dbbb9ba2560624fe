#!/usr/bin/env bash
# aidcube check options on our own fixtures (the findings themselves are
# compared whole in tests/cases/check_fixtures.*).
set -u
cd fixtures/sources
fail=0; T=$'\t'
# --strict turns a mismatch into exit 3; the text format ends with a summary
"$BIN" check -q --strict car_qip_factsheet.txt > "$TMP/strict.out"; rc=$?
[ "$rc" -eq 3 ] || { echo "--strict: exit $rc, expected 3"; fail=1; }
tail -1 "$TMP/strict.out" | grep -qE '^[0-9]+ findings: [0-9]+ ok, [1-9][0-9]* mismatch' || { echo "text summary"; tail -1 "$TMP/strict.out"; fail=1; }
# a looser tolerance settles an approximate share ("Environ 26%" against 24.09)
"$BIN" check -q --tolerance 20 --format tsv car_qip_factsheet.txt | cut -f1-2 | grep -qx "mismatch${T}share" && { echo "--tolerance 20 ignored"; fail=1; }
# the workbook's Checks sheet names each figure as check does: doc:line:span
# (the enumeration's total and its three parts), never by its line alone
"$BIN" build -q cod_pbf_bulletin_fr.txt -o "$TMP/wb" > /dev/null || { echo "build failed"; fail=1; }
"$BIN" cells --sheet Checks "$TMP/wb/aidcube.xlsx" > "$TMP/checks.cells"
want="cod_pbf_bulletin_fr.txt:7:431-441 cod_pbf_bulletin_fr.txt:7:466-468 cod_pbf_bulletin_fr.txt:7:484-486 cod_pbf_bulletin_fr.txt:7:499-501"
grep -qxF "Checks${T}2${T}8${T}H2${T}text${T}$want${T}" "$TMP/checks.cells" \
    || { echo "Checks!H2: not the spans of the enumeration"; grep "${T}H2${T}" "$TMP/checks.cells"; fail=1; }
if cut -f4,6 "$TMP/checks.cells" | grep "^H" | grep -E 'cod_pbf_bulletin_fr\.txt:[0-9]+( |$)'; then
    echo "Checks: a reference without its span"; fail=1; fi
[ "$fail" -eq 0 ] && echo "check: options as expected"
exit $fail
