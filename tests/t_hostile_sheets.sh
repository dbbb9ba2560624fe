#!/usr/bin/env bash
# Hostile spreadsheets (issue 15): tiny files built to run for hours or
# exhaust memory through a reader get a clear error, quickly, naming the
# file, the sheet and the row or cell.  Each is built here (python3
# zipfile), run through `cells` and `extract` under `timeout 20` (ulimit -v
# does not work with ASan: the exit status, the exact message and the time
# are what is checked).  Before the fixes: text:c=60000000 in a cell
# repeated over 120 columns took 7 GB; a row repeated 1,048,570 times over
# 1,024 columns printed for hours; 300,000 <mergeCell>s took 32 s of header
# search; a text ending in "_x" was read past its end.
set -u
D="$TMP/hostile"; mkdir -p "$D"
python3 - "$D" <<'PY'
import sys, zipfile, os
D = sys.argv[1]
def z(name, parts):
    with zipfile.ZipFile(os.path.join(D, name), 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as f:
        for n, data in parts:
            if n == 'mimetype':
                f.writestr(zipfile.ZipInfo(n), data, compress_type=zipfile.ZIP_STORED)
            else:
                f.writestr(n, data)
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
def ods(name, table):
    z(name, [('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
             ('content.xml', '<?xml version="1.0"?><office:document-content %s><office:body>'
              '<office:spreadsheet><table:table table:name="S">%s</table:table>'
              '</office:spreadsheet></office:body></office:document-content>' % (NS, table))])
cell = '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
ods('rows.ods', '<table:table-row table:number-rows-repeated="1048570">%s</table:table-row>' % (cell % 'x'))
ods('rows_data.ods', '<table:table-row>%s%s</table:table-row>'
    '<table:table-row table:number-rows-repeated="1048570">%s<table:table-cell office:value-type="float" '
    'office:value="1000"><text:p>1000</text:p></table:table-cell></table:table-row>'
    % (cell % 'Titre', cell % 'Montant (USD)', cell % 'Projet'))
ods('rows_wide.ods', '<table:table-row table:number-rows-repeated="1048570">'
    '<table:table-cell table:number-columns-repeated="1024" office:value-type="string"><text:p>x</text:p>'
    '</table:table-cell></table:table-row>')
ods('rows_past.ods', '<table:table-row>%s</table:table-row>'
    '<table:table-row table:number-rows-repeated="1048576">%s</table:table-row>' % (cell % 'a', cell % 'x'))
ods('cols.ods', '<table:table-row><table:table-cell table:number-columns-repeated="100000000" '
    'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
ods('trailing.ods', '<table:table-row>%s%s<table:table-cell table:number-columns-repeated="16382"/>'
    '</table:table-row><table:table-row table:number-rows-repeated="1048575">'
    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>' % (cell % 'Montant', cell % '12'))
ods('spaces.ods', '<table:table-row><table:table-cell office:value-type="string"><text:p>'
    '<text:s text:c="60000000"/></text:p></table:table-cell></table:table-row>')
ods('spaces_rep.ods', '<table:table-row><table:table-cell table:number-columns-repeated="120" '
    'office:value-type="string"><text:p><text:s text:c="60000000"/></text:p></table:table-cell></table:table-row>')
CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (R, R))
M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
WB = ('<?xml version="1.0"?><workbook %s xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>' % (M, R))
def xlsx(name, rows, sst, merges=''):
    z(name, [('[Content_Types].xml', CT), ('xl/_rels/workbook.xml.rels', RELS), ('xl/workbook.xml', WB),
             ('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData>%s'
              '</worksheet>' % (M, rows, merges)),
             ('xl/sharedStrings.xml', '<?xml version="1.0"?><sst %s>%s</sst>'
              % (M, ''.join('<si><t>%s</t></si>' % s for s in sst)))])
refs = ('<row>%s</row>' % ('<c t="s"><v>0</v></c>' * 100)) * 400
xlsx('sst.xlsx', refs, ['a' * 2000000])
xlsx('sst_ok.xlsx', refs, ['a' * 100000])
wide = ''.join('<row r="%d"><c r="AMJ%d" t="s"><v>1</v></c></row>' % (r, r) for r in range(1, 31))
xlsx('merges.xlsx', wide, ['Montant', 'Titre'],
     '<mergeCells>%s</mergeCells>' % ('<mergeCell ref="A100:B100"/>' * 300000))
xlsx('escape.xlsx', '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>ab_x</t></is></c>'
     '<c r="C1" t="str"><f>A1</f><v>_x00</v></c></row>', ['Montant_x'])
PY
fail=0
# check NAME CMD FILE EXIT MESSAGE [OPTIONS...]: exit status and the exact
# first line of stderr, within timeout 20, no sanitizer report
check() {
    local name=$1 cmd=$2 f=$3 code=$4 msg=$5; shift 5
    timeout 20 "$BIN" "$cmd" "$@" "$D/$f" > "$TMP/hostile.out" 2> "$TMP/hostile.err"; local rc=$?
    [ "$rc" -eq 124 ] && { echo "$name: $cmd $f still running after 20 s"; fail=1; return; }
    [ "$rc" -eq "$code" ] || { echo "$name: $cmd $f: exit $rc, expected $code"; head -3 "$TMP/hostile.err"; fail=1; }
    if [ -n "$msg" ] && [ "$(head -1 "$TMP/hostile.err")" != "$msg" ]; then
        echo "$name: $cmd $f: expected \"$msg\""; head -3 "$TMP/hostile.err"; fail=1; fi
    if grep -qE 'Sanitizer|runtime error' "$TMP/hostile.err"; then echo "$name: sanitizer report"; fail=1; fi
}
# what one input may build is 64 times --max-size: 512 KiB gives the 32 MiB
# these files were made to pass
budget='the workbook builds more than 33554432 bytes of cells (the limit of one input)'
for cmd in cells extract; do
    check spaces     $cmd spaces.ods     1 "aidcube: $D/spaces.ods: sheet \"S\", cell A1: text longer than 131072 bytes" --max-size 524288
    check spaces_rep $cmd spaces_rep.ods 1 "aidcube: $D/spaces_rep.ods: sheet \"S\", cell A1: text longer than 131072 bytes" --max-size 524288
    check rows       $cmd rows.ods       1 "aidcube: $D/rows.ods: sheet \"S\", row 699051: $budget" --max-size 524288
    check rows_data  $cmd rows_data.ods  1 "aidcube: $D/rows_data.ods: sheet \"S\", row 466034: $budget" --max-size 524288
    check rows_wide  $cmd rows_wide.ods  1 "aidcube: $D/rows_wide.ods: sheet \"S\", row 1365: $budget" --max-size 524288
    check rows_past  $cmd rows_past.ods  1 "aidcube: $D/rows_past.ods: sheet \"S\" row 1048577: beyond the limit of 1048576 rows" --max-size 524288
    check cols       $cmd cols.ods       1 "aidcube: $D/cols.ods: sheet \"S\" row 1: a value in column 1025 (AMK) is beyond the limit of 1024 columns" --max-size 524288
    check sst        $cmd sst.xlsx       1 "aidcube: $D/sst.xlsx: the shared strings: text longer than 131072 bytes" --max-size 524288
done
# a 100 KB shared string in 40,000 cells: read once, shared; a long text
# names no column, so the header search does not fold it 30 x 100 times
check sst_ok extract sst_ok.xlsx 1 "aidcube: $D/sst_ok.xlsx: sheet \"S\": no header row (no cell names a field such as the amount, the region or the title) in its first 30 rows"
# the budget follows the command's --max-size (64 times 1600 bytes)
check rows_max extract rows.ods 1 "aidcube: $D/rows.ods: sheet \"S\", row 2134: the workbook builds more than 102400 bytes of cells (the limit of one input)" --max-size 1600
# trailing empty repeats, as LibreOffice writes them, cost nothing
check trailing cells trailing.ods 0 ""
[ "$(cat "$TMP/hostile.out")" = "$(printf 'sheet\trow\tcol\tcell\tkind\ttext\tformula\nS\t1\t1\tA1\ttext\tMontant\t\nS\t1\t2\tB1\ttext\t12\t')" ] ||
    { echo "trailing: cells output"; cat "$TMP/hostile.out"; fail=1; }
# 30 rows x 1,024 columns x 300,000 merges: the merges are indexed once
check merges extract merges.xlsx 1 "aidcube: $D/merges.xlsx:1: sheet \"S\": its rows are one cell each (\"Titre\"): a separator other than ';', ',' or a tab?"
# a text ending in "_x" (ASan: heap-buffer-overflow in unescape)
check escape cells escape.xlsx 0 ""
[ "$(cut -f6,7 "$TMP/hostile.out" | tail -3)" = "$(printf 'Montant_x\t\nab_x\t\n_x00\tA1')" ] ||
    { echo "escape: cells output"; cat "$TMP/hostile.out"; fail=1; }
exit $fail
