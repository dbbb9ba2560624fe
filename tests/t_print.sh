#!/usr/bin/env bash
# t_print.sh — the workbook a donor prints (issue 16, point 6).
#
# Run by tests/run.sh with BIN and TMP exported, from the repository root.
# Builds the fixtures' workbooks (one for all funds and one per fund) and a
# workbook of extreme figures (amounts near the model's bound, a fund in
# eleven regions: a cross-tab too wide for a page, long texts), then for
# each one:
#   - tests/print_check.py xlsx reads its XML back (zipfile, ElementTree):
#     A4 landscape, fitted to the page's width or at 80 % or more with the
#     row labels repeated, header rows repeated, every font (cells and
#     charts) at 8 pt or more after the scale;
#   - LibreOffice prints it to PDF (soffice --convert-to pdf) and
#     tests/print_check.py pdf reads the PDF's words (pdftotext -bbox): no
#     "###", no word under 8 pt, no two words over each other, every word of
#     the Read me printed.
# And what must not pass: the same workbook with the Summary printed at
# 50 %, a column of amounts three characters wide and the Read me's row
# heights taken away fails each of those checks.
set -u
cd "$(dirname "$0")/.."
: "${BIN:?BIN must name the aidcube binary}" "${TMP:?TMP must name a scratch directory}"
PY=/usr/bin/python3
W=$TMP/print
rm -rf "$W"; mkdir -p "$W"
export AIDCUBE_TEST=1
nfail=0
fail() { echo "FAIL: t_print: $*"; nfail=$((nfail+1)); }
for tool in soffice pdftotext; do
    command -v "$tool" > /dev/null || { fail "$tool not found (tests/deps.sh installs it)"; exit 1; }
done
"$PY" -c 'import openpyxl' 2> /dev/null || { fail "/usr/bin/python3 has no openpyxl"; exit 1; }

# ---- the workbooks
"$BIN" build -q fixtures/sources fixtures/sheets -o "$W/fx" --split fund > /dev/null 2>&1
[ $? -le 1 ] || fail "build of the fixtures"
X=$W/extreme; mkdir -p "$X"
{
    printf 'Bamako, le 30 juin 2019 - Rapport sur les projets du PBF au Mali.\n\n'
    printf 'Le PBF a engagé 987 654 321 098 765,43 USD en 2019 au Mali, un montant de contrôle.\n\n'
    for r in Gao Mopti Tombouctou Kidal Ségou Sikasso Kayes Koulikoro Bamako Ménaka Taoudénit; do
        printf 'À %s, le PBF a financé en 2019 un projet de gouvernance locale, de cohésion sociale et de réhabilitation des infrastructures communautaires pour 1 234 567,89 USD.\n\n' "$r"
    done
    printf 'Le projet régional a coûté 98 765 432 109,87 EUR en 2019.\n'
} > "$X/rapport_pbf_2019.txt"
"$BIN" build -q "$X/rapport_pbf_2019.txt" -o "$X/out" > /dev/null 2>&1
[ $? -le 1 ] || fail "build of the extreme figures"
cp "$X/out/aidcube.xlsx" "$W/extreme.xlsx" 2> /dev/null
books=("$W"/fx/*.xlsx "$W/extreme.xlsx")
[ "${#books[@]}" -ge 6 ] || fail "only ${#books[@]} workbooks built"

# ---- their XML
"$PY" tests/print_check.py xlsx "${books[@]}" || fail "print set-up read back from the XML"

# ---- what must not pass: the checks catch a sheet shrunk, a narrow
# column of amounts and Read me rows with no height
T=$W/tamper; mkdir -p "$T"
# (made before the printing: LibreOffice prints it in the same start as the
# others, under a name of its own, tampered.xlsx)
"$PY" - "$W/extreme.xlsx" "$W/tampered.xlsx" <<'PY' || fail "could not tamper"
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zi = zipfile.ZipFile(src)
wb = zi.read("xl/workbook.xml").decode()
rels = zi.read("xl/_rels/workbook.xml.rels").decode()
def part(name):
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % name, wb).group(1)
    return "xl/" + re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels).group(1)
summary, readme = part("Summary"), part("Read me")
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for it in zi.infolist():
        data = zi.read(it.filename)
        if it.filename == summary:
            x = data.decode()
            x = x.replace('<pageSetUpPr fitToPage="1"/>', '')
            x = re.sub(r' scale="\d+"', '', x)
            x = re.sub(r'<pageSetup ', '<pageSetup scale="50" ', x, count=1)
            x = re.sub(r'<col min="2" max="2" width="[\d.]+"', '<col min="2" max="2" width="3"', x)
            data = x.encode()
        if it.filename == readme:
            data = re.sub(rb' ht="[\d.]+" customHeight="1"', b'', data)
        zo.writestr(it, data)
PY
if "$PY" tests/print_check.py xlsx "$W/tampered.xlsx" > "$T/xlsx.out" 2>&1; then
    fail "a Summary printed at 50 % passed the XML check"
else
    grep -q "Summary: fonts of .* print at 5.50 pt (scale 50 %)" "$T/xlsx.out" \
        || { fail "the XML check did not name the Summary's fonts"; cat "$T/xlsx.out"; }
fi
# ---- printed by LibreOffice (one start for all the files, the tampered
# workbook too: each start costs seconds)
topdf() {   # OUTDIR FILE...
    local out=$1; shift
    timeout 900 soffice --headless --norestore "-env:UserInstallation=file://$W/lo" \
        --convert-to pdf --outdir "$out" "$@" > "$out.log" 2>&1
}
topdf "$W/pdf" "${books[@]}" "$W/tampered.xlsx"
for b in "${books[@]}"; do
    p=$W/pdf/$(basename "$b" .xlsx).pdf
    [ -s "$p" ] || { fail "LibreOffice printed no $p"; head -5 "$W/pdf.log"; continue; }
    "$PY" tests/print_check.py pdf "$p" "$b" || fail "printed $(basename "$b")"
done

[ -s "$W/pdf/tampered.pdf" ] || { fail "LibreOffice printed no $W/pdf/tampered.pdf"; head -5 "$W/pdf.log"; }
if "$PY" tests/print_check.py pdf "$W/pdf/tampered.pdf" "$W/tampered.xlsx" > "$T/pdf.out" 2>&1; then
    fail "the tampered workbook passed the PDF check"
else
    for what in "cells print as ###" "words print below 8 pt" "pairs of words overlap"; do
        grep -q "$what" "$T/pdf.out" || { fail "the PDF check missed: $what"; cat "$T/pdf.out"; }
    done
fi

[ "$nfail" -eq 0 ] && echo "print: ${#books[@]} workbooks on A4 landscape, every font at 8 pt or more after scaling (XML and PDF), no ###, no overlapping text, the Read me whole; a shrunk, narrow, unmeasured workbook caught"
exit $((nfail > 0))
