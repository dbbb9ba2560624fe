#!/usr/bin/env bash
# The .xls reader (read/read_xls.c, FreeXL) on a workbook LibreOffice writes
# from a CSV: text (UTF-8, a quoted separator), numbers, dates and
# date-times, empty cells, compared exactly with `aidcube cells`; then an
# unknown --sheet and a file that is not an .xls.  Skipped (exit 0, a
# message) only when soffice is not installed, and only outside CI: with
# CI=true a missing soffice is a failure.
set -u
W="$TMP/sheet_xls"; mkdir -p "$W"
if ! command -v soffice > /dev/null 2>&1; then
    [ "${CI:-}" = true ] && { echo "FAIL: soffice (LibreOffice) is not installed (CI=true: required)"; exit 1; }
    echo "skipped: soffice (LibreOffice) is not installed (outside CI; with CI=true this is a failure)"
    exit 0
fi
fail=0
printf '%s\n' \
    'Liste des projets QIP;;;' \
    'Projet;Région;Montant;Date' \
    'Puits à Gao;Gao;12500.5;2017-03-15' \
    '"École; 2";Mopti;-12;2017-03-15 14:30:00' \
    'Total;;0.3;1900-03-01' \
    ';;45317.39;1e15' > "$W/projets.csv"
# CSV:59,34,76,1 = separator ';', text delimiter '"', UTF-8, from line 1
soffice "-env:UserInstallation=file://$W/profile" --headless \
    --convert-to xls:"MS Excel 97" --infilter=CSV:59,34,76,1 --outdir "$W" "$W/projets.csv" \
    > "$W/soffice.out" 2>&1
if [ ! -s "$W/projets.xls" ]; then
    echo "soffice did not write projets.xls"; cat "$W/soffice.out"; exit 1
fi
T=$'\t'
cat > "$W/expected.tsv" <<TSV
sheet${T}row${T}col${T}cell${T}kind${T}text${T}formula
projets${T}1${T}1${T}A1${T}text${T}Liste des projets QIP${T}
projets${T}2${T}1${T}A2${T}text${T}Projet${T}
projets${T}2${T}2${T}B2${T}text${T}Région${T}
projets${T}2${T}3${T}C2${T}text${T}Montant${T}
projets${T}2${T}4${T}D2${T}text${T}Date${T}
projets${T}3${T}1${T}A3${T}text${T}Puits à Gao${T}
projets${T}3${T}2${T}B3${T}text${T}Gao${T}
projets${T}3${T}3${T}C3${T}number${T}12500.5${T}
projets${T}3${T}4${T}D3${T}date${T}2017-03-15${T}
projets${T}4${T}1${T}A4${T}text${T}École; 2${T}
projets${T}4${T}2${T}B4${T}text${T}Mopti${T}
projets${T}4${T}3${T}C4${T}number${T}-12${T}
projets${T}4${T}4${T}D4${T}date${T}2017-03-15T14:30:00${T}
projets${T}5${T}1${T}A5${T}text${T}Total${T}
projets${T}5${T}3${T}C5${T}number${T}0.3${T}
projets${T}5${T}4${T}D5${T}date${T}1900-03-01${T}
projets${T}6${T}3${T}C6${T}number${T}45317.39${T}
projets${T}6${T}4${T}D6${T}number${T}1e+15${T}
TSV
"$BIN" cells "$W/projets.xls" > "$W/out.tsv" 2> "$W/err"; rc=$?
[ "$rc" -eq 0 ] || { echo "cells projets.xls: exit $rc, expected 0"; cat "$W/err"; fail=1; }
[ -s "$W/err" ] && { echo "cells projets.xls: unexpected messages:"; cat "$W/err"; fail=1; }
diff -u "$W/expected.tsv" "$W/out.tsv" || { echo "cells projets.xls: output differs"; fail=1; }

# expect NAME CODE MESSAGE -- ARGS...: exit code and an exact stderr line
expect() {
    local name=$1 code=$2 msg=$3; shift 4
    "$@" > /dev/null 2> "$W/err"; rc=$?
    [ "$rc" -eq "$code" ] || { echo "$name: exit $rc, expected $code"; cat "$W/err"; fail=1; }
    grep -qxF -- "$msg" "$W/err" || { echo "$name: no message \"$msg\""; cat "$W/err"; fail=1; }
    grep -qE 'Sanitizer|runtime error' "$W/err" && { echo "$name: sanitizer report"; fail=1; }
}
expect "unknown sheet" 1 "aidcube: $W/projets.xls: no sheet named \"Budget\" (sheets: projets)" \
    -- "$BIN" cells --sheet Budget "$W/projets.xls"
echo "not a workbook" > "$W/faux.xls"
expect "not an .xls" 1 "aidcube: $W/faux.xls: not a readable .xls file: damaged, or not an Excel 97-2003 file (opening, FreeXL error -8)" \
    -- "$BIN" cells "$W/faux.xls"
"$BIN" cells --sheet projets "$W/projets.xls" > "$W/only.tsv" 2>&1 || { echo "--sheet projets failed"; fail=1; }
cmp -s "$W/only.tsv" "$W/expected.tsv" || { echo "--sheet projets: output differs"; diff -u "$W/expected.tsv" "$W/only.tsv"; fail=1; }
# a crafted .xls on which FreeXL writes outside its buffers (found by
# tests/fuzz/fuzz_xls.c): read in a child process, it is a file not read,
# and the good workbook given after it is still read.  Under AddressSanitizer
# (the suite's build) the child stops on FreeXL's error; built without, FreeXL
# happens to return its error -20.
# FreeXL also dies of a segmentation fault on some (tests/fuzz/regress-freexl):
# built without the sanitizers, the child is killed by signal 11.
cp tests/fuzz/regress-freexl/freexl-iconv-xls "$W/crafted.xls"
cp tests/fuzz/regress-freexl/freexl-segv-xls "$W/segv.xls"
if grep -q __asan_init "$BIN"; then why="FreeXL stopped on it (exit status 86)"; segv=$why
else why="text in an unsupported or invalid code page (opening, FreeXL error -20)"
     segv="FreeXL stopped on it (killed by signal 11)"; fi
expect "FreeXL's memory error" 1 "aidcube: $W/crafted.xls: not a readable .xls file: $why" \
    -- "$BIN" extract "$W/crafted.xls" "$W/projets.xls"
expect "FreeXL's crash" 1 "aidcube: $W/segv.xls: not a readable .xls file: $segv" \
    -- "$BIN" extract "$W/segv.xls" "$W/projets.xls"
"$BIN" extract "$W/crafted.xls" "$W/segv.xls" "$W/projets.xls" 2> /dev/null | cut -f1 | sort | uniq -c | sed 's/^ *//' > "$W/docs"
printf '1 doc\n%s projets.xls\n' "$("$BIN" extract "$W/projets.xls" 2> /dev/null | tail -n +2 | wc -l)" > "$W/exp"
diff -u "$W/exp" "$W/docs" || { echo "FreeXL's memory error: the good workbook after it not read"; fail=1; }
# every file fuzzing found FreeXL dying on (a double free, a segmentation
# fault, a copy out of bounds, all inside freexl_open): a file not read, one
# message, no sanitizer report.  (Built without the sanitizers, FreeXL
# copies out of bounds on two of them without dying, and reads them: the
# suite's build is the sanitized one.)
grep -q __asan_init "$BIN" && for f in tests/fuzz/regress-freexl/*; do
    cp "$f" "$W/r.xls"
    "$BIN" extract "$W/r.xls" > /dev/null 2> "$W/err"; rc=$?
    [ "$rc" -eq 1 ] || { echo "$(basename "$f"): exit $rc, expected 1"; fail=1; }
    [ "$(wc -l < "$W/err")" -eq 1 ] && grep -q "^aidcube: $W/r.xls: not a readable .xls file: " "$W/err" ||
        { echo "$(basename "$f"): $(cat "$W/err")"; fail=1; }
done
[ "$fail" -eq 0 ] && echo "sheet xls: cells, numbers, dates, --sheet, a bad file and $(ls tests/fuzz/regress-freexl | wc -l) that crash FreeXL as expected"
exit $fail
