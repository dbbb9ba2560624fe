#!/usr/bin/env bash
# Key figures of the real seed documents (../shared/seeds), when present.
set -u
SEEDS=../shared/seeds
[ -d "$SEEDS" ] || { echo "skipped: no $SEEDS"; exit 0; }
out="$TMP/seeds.tsv"
"$BIN" extract -q "$SEEDS" > "$out"; rc=$?
[ "$rc" -eq 0 ] || { echo "extract exit $rc"; exit 1; }
fail=0
expect() {   # columns 3..11 of a row: measure value unit fund country region sector period qualifier
    if ! cut -f3-11 "$out" | grep -qxF "$1"; then echo "missing: $1"; fail=1; fi
}
absent() {   # a value that must never be extracted
    if cut -f4 "$out" | grep -qxF "$1"; then echo "unexpected value: $1"; fail=1; fi
}
T=$'\t'
expect "amount${T}838354.11${T}USD${T}QIP${T}CAF${T}${T}RESA${T}2017-2018${T}exact"
expect "count${T}27${T}projects${T}QIP${T}CAF${T}${T}RESA${T}2017-2018${T}exact"
expect "share${T}28${T}%${T}QIP${T}CAF${T}${T}RESA${T}2017-2018${T}approx"
expect "amount${T}712077.4${T}USD${T}QIP${T}CAF${T}${T}POC${T}2017-2018${T}exact"
expect "amount${T}1405236.99${T}USD${T}QIP${T}CAF${T}${T}Cohésion sociale${T}2017-2018${T}exact"
expect "amount${T}3000000${T}USD${T}QIP${T}CAF${T}${T}${T}${T}per_year"
expect "amount${T}50000${T}USD${T}QIP${T}CAF${T}${T}${T}${T}max"
expect "amount${T}11900000${T}USD${T}QIP${T}MLI${T}${T}${T}2013-2017${T}exact"
expect "count${T}324${T}projects${T}QIP${T}MLI${T}${T}${T}2013-2017${T}exact"
expect "count${T}102${T}projects${T}QIP${T}MLI${T}${T}${T}2013-2017${T}exact"
expect "amount${T}5000000${T}EUR${T}EU-IcSP${T}MLI${T}${T}${T}2013-2015${T}exact"
expect "amount${T}12106353${T}USD${T}PBF${T}MLI${T}${T}${T}2015${T}exact"
expect "amount${T}24978258${T}USD${T}TF${T}MLI${T}${T}${T}${T}exact"
expect "amount${T}31330367${T}USD${T}TF${T}MLI${T}${T}${T}${T}exact"
expect "amount${T}45317.39${T}USD${T}QIP${T}MLI${T}Gao${T}${T}${T}exact"
expect "count${T}77${T}projects${T}QIP${T}MLI${T}Tombouctou / Taoudénit${T}${T}2013-2017${T}exact"
expect "count${T}3000${T}households${T}QIP${T}MLI${T}Gao${T}${T}${T}exact"
expect "share${T}7${T}%${T}QIP${T}MLI${T}${T}Santé${T}2013-2017${T}exact"
expect "share${T}11${T}%${T}QIP${T}MLI${T}${T}Education${T}2013-2017${T}exact"
# not amounts: years, resolution numbers, link codes, dates
for v in 2085 2012 2013 2017 2018 801 38 1 14; do
    if awk -F'\t' -v v="$v" '$3=="amount" && $4==v' "$out" | grep -q .; then echo "unexpected amount $v"; fail=1; fi
done
absent 2085
# the checks of the seeds
"$BIN" check -q --format tsv "$SEEDS" > "$TMP/seeds-check.tsv"
chk() { if ! cut -f1-6 "$TMP/seeds-check.tsv" | grep -qxF "$1"; then echo "missing finding: $1"; fail=1; fi; }
chk "ok${T}sum${T}QIP CAF: total of projects by sector+year (3 parts)${T}85${T}85${T}0"
chk "ok${T}sum${T}QIP MLI 2013-2017: total of projects by region (5 parts)${T}324${T}324${T}0"
chk "ok${T}sum${T}QIP MLI 2013-2017: 222 + 102 = 324 projects (stated together)${T}324${T}324${T}0"
chk "ok${T}sum${T}TF MLI: 44 + 49 = 93 projects (stated together)${T}93${T}93${T}0"
chk "ok${T}share${T}QIP CAF RESA 2017-2018: about 28% stated; 838354.11 / 2955668.50 USD (part / total of the cube)${T}28${T}28.36${T}0.36"
chk "mismatch${T}share${T}QIP CAF POC 2017-2018: about 26% stated; 712077.40 / 2955668.50 USD (part / total of the cube)${T}26${T}24.09${T}-1.91"
chk "ok${T}share${T}QIP CAF Cohésion sociale 2017-2018: about 48% stated; 1405236.99 / 2955668.50 USD (part / total of the cube)${T}48${T}47.54${T}-0.46"
chk "ok${T}share${T}TF MLI: 80% stated; 24978258.00 / 31330367.00 USD (part / total stated together)${T}80${T}79.73${T}-0.27"
chk "invalid${T}date${T}impossible date \"30 février 2017\"${T}-${T}-${T}-"
chk "unverifiable${T}fund-rule${T}QIP MLI Kidal: 2 projects for 85000.00 USD, average 42500.00 USD within the cap of QIP; each project unverifiable${T}50000${T}42500${T}-7500"
chk "ok${T}shares100${T}QIP MLI Santé 2013-2017: 12 shares of one chart or table${T}100${T}100${T}0"
[ "$fail" -eq 0 ] && echo "seeds: key figures and checks found"
exit $fail
