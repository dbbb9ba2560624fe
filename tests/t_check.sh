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
[ "$fail" -eq 0 ] && echo "check: options as expected"
exit $fail
