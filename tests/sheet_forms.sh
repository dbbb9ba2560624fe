#!/usr/bin/env bash
# Spreadsheet test set-up: writes into DIR the forms of the CAR QIP list
# 2017/2018 and the broken spreadsheets of fixtures/README.md, section
# "Spreadsheets (fixtures/sheets/)".
#
#   bash tests/sheet_forms.sh DIR AIDCUBE_BUILD_DIR
#
# AIDCUBE_BUILD_DIR is the build directory holding the tool tsv2xlsx
# (normally build/rel).  When DIR_BUILD/tsv2xlsx is missing the script runs
# `make build/rel/tsv2xlsx` in the repository and uses that one.
#
# Files written (inputs only; nothing of aidcube is run here):
#   caf_qip_2017_2018.csv        the French Excel CSV, copied
#   caf_qip_2017_2018_own.xlsx   from the typed TSV by tests/tools/tsv2xlsx
#   caf_qip_2017_2018_lo.xlsx    the CSV converted by LibreOffice (headless)
#   caf_qip_2017_2018_lo.ods     idem, OpenDocument
#   truncated.xlsx               the own .xlsx cut at half its size
#   bomb.xlsx                    a valid .xlsx whose sheet1.xml inflates to 300 MiB
#   no_header.csv                numbers only, no header row
#   wrong_separator.csv          CAR rows with '|' as separator
#   wide_10000.csv               a header of 10,000 columns and 3 rows
# LibreOffice (soffice) is needed for the two _lo files; without it they are
# skipped with a message on stderr (exit status stays 0) so the other forms
# can still be tested.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 DIR AIDCUBE_BUILD_DIR" >&2
    exit 2
fi
DIR=$1
BUILD=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHEETS=$ROOT/fixtures/sheets
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

TOOL=$BUILD/tsv2xlsx
if [ ! -x "$TOOL" ]; then
    make -s -C "$ROOT" build/rel/tsv2xlsx >&2
    TOOL=$ROOT/build/rel/tsv2xlsx
fi

# 1. the CSV as it stands, and the project's own .xlsx
cp "$SHEETS/caf_qip_2017_2018.csv" "$DIR/caf_qip_2017_2018.csv"
rm -f "$DIR/caf_qip_2017_2018_own.xlsx"
"$TOOL" "$ROOT/fixtures/gen/caf_qip_2017_2018.typed.tsv" "$DIR/caf_qip_2017_2018_own.xlsx"

# 2. LibreOffice: CSV filter options = separator ';' (59), quote '"' (34),
#    character set 1 (Windows-1252), start at line 1, no column types, and
#    language 1036 (French: decimal comma, dd/mm/yyyy dates)
if command -v soffice > /dev/null 2>&1; then
    lo=$(mktemp -d "$DIR/lo.XXXXXX")
    cp "$SHEETS/caf_qip_2017_2018.csv" "$lo/caf_qip_2017_2018.csv"
    for target in 'xlsx:Calc MS Excel 2007 XML' 'ods'; do
        soffice --headless "-env:UserInstallation=file://$DIR/lo-profile" \
            --infilter="CSV:59,34,1,1,,1036" --convert-to "$target" \
            --outdir "$lo/out" "$lo/caf_qip_2017_2018.csv" > "$lo/log" 2>&1 \
            || { cat "$lo/log" >&2; exit 1; }
    done
    [ -s "$lo/out/caf_qip_2017_2018.xlsx" ] && [ -s "$lo/out/caf_qip_2017_2018.ods" ] \
        || { echo "$0: LibreOffice wrote nothing" >&2; cat "$lo/log" >&2; exit 1; }
    mv "$lo/out/caf_qip_2017_2018.xlsx" "$DIR/caf_qip_2017_2018_lo.xlsx"
    mv "$lo/out/caf_qip_2017_2018.ods" "$DIR/caf_qip_2017_2018_lo.ods"
    rm -rf "$lo" "$DIR/lo-profile"
else
    echo "$0: soffice not found: caf_qip_2017_2018_lo.xlsx and .ods not written" >&2
fi

# 3. broken files
own=$DIR/caf_qip_2017_2018_own.xlsx
size=$(wc -c < "$own")
head -c $((size / 2)) "$own" > "$DIR/truncated.xlsx"

python3 - "$DIR" "$SHEETS/caf_qip_2017_2018.csv" <<'EOF'
import csv
import io
import sys
import zipfile

out, car = sys.argv[1], sys.argv[2]

# bomb.xlsx: a well-formed workbook whose only sheet inflates to 300 MiB.
# Written in chunks: python never holds the part in memory.
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="QIPs" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '</Relationships>')
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData>').encode()
TAIL = b'</sheetData></worksheet>'
PAD = b'<row r="1"/>' * 87381          # 12 bytes x 87381 = 1 MiB - 4
TARGET = 300 * 1024 * 1024

with zipfile.ZipFile(f"{out}/bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("_rels/.rels", RELS)
    z.writestr("xl/workbook.xml", WB)
    z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
    with z.open("xl/worksheets/sheet1.xml", "w") as w:
        n = w.write(HEAD)
        while n + len(PAD) + len(TAIL) <= TARGET:
            n += w.write(PAD)
        n += w.write(TAIL)

# no_header.csv: a block of numbers, no row a mapper can take for a header
with open(f"{out}/no_header.csv", "w", encoding="utf-8", newline="") as f:
    for i in range(1, 21):
        f.write(f"{i};{1000 * i + 17 * i * i},{i % 100:02d};{2017 + i % 2};{(i * 7) % 6 + 1}\r\n")

# wrong_separator.csv: the CAR header and its first 10 data rows in which no
# field holds ';', ',' or a tab, joined with '|' (amounts with a decimal
# point), so that none of the candidate separators splits a line
with open(car, encoding="cp1252", newline="") as f:
    recs = list(csv.reader(f, delimiter=";"))
header, data = recs[3], recs[4:]
def clean(rec):
    return not any(ch in c for c in rec for ch in ";,\t\n")
rows = []
for r in data:
    r = list(r)
    r[6] = r[6].replace(" ", "").replace(",", ".")
    if clean(r):
        rows.append(r)
    if len(rows) == 10:
        break
assert len(rows) == 10 and clean(header)
with open(f"{out}/wrong_separator.csv", "w", encoding="cp1252", newline="") as f:
    for r in [header] + rows:
        f.write("|".join(r) + "\r\n")

# wide_10000.csv: the CAR header names, then generic columns up to 10,000
cols = header + [f"Colonne {i}" for i in range(len(header) + 1, 10001)]
with open(f"{out}/wide_10000.csv", "w", encoding="utf-8", newline="") as f:
    f.write(";".join(cols) + "\r\n")
    for r in data[:3]:
        vals = [c.replace("\n", " ") for c in r] + [str(i) for i in range(len(header) + 1, 10001)]
        f.write(";".join('"' + v.replace('"', '""') + '"' if any(ch in v for ch in ';"') else v
                         for v in vals) + "\r\n")
EOF

ls -l "$DIR" | sed 1d >&2
