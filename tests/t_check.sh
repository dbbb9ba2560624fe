#!/usr/bin/env bash
# aidcube check on our own fixtures, which restate the seeds' figures.
set -u
cd fixtures/sources
"$BIN" check -q --format tsv car_qip_factsheet.txt mli_bulletin_juin2017.txt > "$TMP/fx-check.tsv"; rc=$?
fail=0; T=$'\t'
[ "$rc" -eq 0 ] || { echo "check exit $rc"; fail=1; }
chk() { if ! cut -f1-6 "$TMP/fx-check.tsv" | grep -qxF "$1"; then echo "missing finding: $1"; fail=1; fi; }
chk "ok${T}sum${T}QIP CAF 2017-2018: total of projects by sector (3 parts)${T}85${T}85${T}0"
chk "ok${T}share${T}QIP CAF RESA 2017-2018: about 28% stated; 838354.11 / 2955668.50 USD (part / total of the cube)${T}28${T}28.36${T}0.36"
chk "mismatch${T}share${T}QIP CAF POC 2017-2018: about 26% stated; 712077.40 / 2955668.50 USD (part / total of the cube)${T}26${T}24.09${T}-1.91"
chk "ok${T}share${T}QIP CAF Cohésion sociale 2017-2018: about 48% stated; 1405236.99 / 2955668.50 USD (part / total of the cube)${T}48${T}47.54${T}-0.46"
chk "ok${T}sum${T}QIP MLI 2013-2017: total of projects by region (5 parts)${T}324${T}324${T}0"
chk "invalid${T}date${T}impossible date \"30 février 2017\"${T}-${T}-${T}-"
# a table pasted as text: totals, shares and their sum
"$BIN" check -q --format tsv mli_qip_table.txt > "$TMP/tb-check.tsv"
tchk() { if ! cut -f1-6 "$TMP/tb-check.tsv" | grep -qxF "$1"; then echo "missing table finding: $1"; fail=1; fi; }
tchk "ok${T}sum${T}QIP MLI 2016-2017: total of projects by region (6 parts)${T}55${T}55${T}0"
tchk "ok${T}sum${T}QIP MLI 2016-2017: total of amounts by region (6 parts)${T}2267864.10${T}2267864.10${T}0"
tchk "ok${T}share${T}QIP MLI Kidal 2016-2017: 19.7% stated; 447210.00 / 2267864.10 USD (part / total of the cube)${T}19.70${T}19.72${T}0.02"
tchk "ok${T}shares100${T}QIP MLI Gao 2016-2017: 6 shares of one chart or table${T}100${T}100${T}0"
# shares of a budget listed in a paragraph, each next to its sector
"$BIN" check -q --format tsv ssd_stabilisation_report.txt | cut -f1-6 \
    | grep -qxF "ok${T}shares100${T}QIP SSD Education 2019-2020: 5 shares of one chart or table${T}100${T}100${T}0" \
    || { echo "missing: SSD sector shares add to 100"; fail=1; }
# --strict turns a mismatch into exit 3; the text format ends with a summary
"$BIN" check -q --strict car_qip_factsheet.txt > "$TMP/strict.out"; rc=$?
[ "$rc" -eq 3 ] || { echo "--strict: exit $rc, expected 3"; fail=1; }
tail -1 "$TMP/strict.out" | grep -qE '^[0-9]+ findings: [0-9]+ ok, 1 mismatch' || { echo "text summary"; tail -1 "$TMP/strict.out"; fail=1; }
# a looser tolerance settles the POC share
"$BIN" check -q --tolerance 2 --format tsv car_qip_factsheet.txt | cut -f1-2 | grep -qx "mismatch${T}share" && { echo "--tolerance 2 ignored"; fail=1; }
[ "$fail" -eq 0 ] && echo "check: findings on fixtures as expected"
exit $fail
