#!/usr/bin/env bash
# t_workbook.sh — the donor workbooks, opened the way donors open them.
#
# Run by tests/run.sh with BIN (the sanitizer-built aidcube) and TMP (a
# scratch directory) exported, from the repository root.  It
#   1. builds fixtures/sources into one workbook, into one workbook per fund
#      (--split fund), and a throwaway source whose snippets start with '='
#      and '@' and whose file name starts with '=';
#   2. for every .xlsx written: converts every sheet to CSV with LibreOffice
#      headless (recalculating on load) and asserts that each formula's
#      recalculated value equals the cached result aidcube wrote; then checks
#      layout and content with openpyxl (tests/xlsx_check.py);
#      and, through LibreOffice's values, that every total of the Summary
#      equals the sum of its rows and of the periods it adds;
#   3. shows the recalculation check can fail (a workbook with a wrong
#      cached result must be caught);
#   3b. a long table continues over several sheets (Checks, Checks 2, ...)
#      with a small row limit per sheet (build --max-rows-per-sheet 7,
#      checked with openpyxl; LibreOffice recalculates the same build with
#      40 rows a sheet, its COUNTIFs over Checks, Checks 2 and Checks 3);
#   (LibreOffice starts once for the workbooks of 2, 3 and 3b);
#   4. checks the atomic write: no temporary file is left behind, and a
#      workbook that cannot be renamed into place is an error (exit 4) that
#      leaves what was there untouched.
# Exit status: 0 when everything passed; prints "FAIL: ..." lines otherwise.
set -u
cd "$(dirname "$0")/.."
: "${BIN:?BIN must name the aidcube binary}" "${TMP:?TMP must name a scratch directory}"
PY=/usr/bin/python3                      # Debian's, with python3-openpyxl
CHECK=tests/xlsx_check.py
W=$TMP/workbook
rm -rf "$W"; mkdir -p "$W"
export AIDCUBE_TEST=1
nfail=0
fail() { echo "FAIL: t_workbook: $*"; nfail=$((nfail+1)); }

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    fail "/usr/bin/python3 has no openpyxl (apt-get install python3-openpyxl)"; exit 1
fi
if ! command -v soffice >/dev/null 2>&1; then
    fail "soffice not found (apt-get install libreoffice-calc-nogui)"; exit 1
fi

# LibreOffice profile that recalculates xlsx and ods formulas on load
# (the default for xlsx is "never recalculate": cached results would be shown).
mkdir -p "$W/lo/user"
cat > "$W/lo/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
EOF
CSVFILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

# to_csv OUTDIR FILE...: every sheet of each FILE to OUTDIR/STEM-SHEET.csv
# (one LibreOffice start for all the files: it is the slow part)
to_csv() {
    local out=$1; shift
    mkdir -p "$out"
    timeout 900 soffice --headless --norestore "-env:UserInstallation=file://$W/lo" \
        --convert-to "$CSVFILTER" --outdir "$out" "$@" > "$out.log" 2>&1
    local f bad=0
    for f in "$@"; do
        if [ ! -f "$out/$(basename "$f" .xlsx)-Summary.csv" ]; then
            fail "LibreOffice could not open $f"; sed 's/^/    /' "$out.log" | head -5
            bad=1
        fi
    done
    return $bad
}

# build NAME ARGS...: run aidcube build, exit status 0 or 1 (1: some input
# rejected), never a crash or a sanitizer report
build() {
    local name=$1; shift
    "$BIN" build "$@" > "$W/$name.out" 2> "$W/$name.err"
    local rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
        fail "aidcube build $* exited $rc"; sed 's/^/    /' "$W/$name.err" | head -20
    fi
    if grep -q 'Sanitizer\|runtime error' "$W/$name.err"; then
        fail "aidcube build $*: sanitizer report"; head -20 "$W/$name.err"
    fi
}

# ---- 1. builds
build all fixtures/sources -o "$W/wb"
build split fixtures/sources -o "$W/wbs" --split fund
# the same written row by row (libxlsxwriter's constant_memory mode)
build low fixtures/sources -o "$W/wblow" --split fund --low-memory

mkdir -p "$W/src"
{
    printf 'Mali - projets a impact rapide (QIP) de la MINUSMA en 2017\n\n'
    printf '=SUM(A1:A9) 45.000 USD pour Gao (QIP), Education\n\n'
    printf '@SUM(A1) 30.000 USD pour Mopti (QIP), Education\n'
} > "$W/src/=formula_snippet.txt"
build formula "$W/src/=formula_snippet.txt" -o "$W/wbf"

[ -f "$W/wb/aidcube.xlsx" ] || fail "no $W/wb/aidcube.xlsx"
[ -f "$W/wbs/aidcube.xlsx" ] || fail "--split fund wrote no aidcube.xlsx"
for f in QIP PBF TF EU-IcSP; do
    [ -f "$W/wbs/aidcube-$f.xlsx" ] || fail "--split fund wrote no aidcube-$f.xlsx"
done
[ -f "$W/wbf/aidcube.xlsx" ] || fail "no workbook for the '=' snippet source"

# ---- 1b. the per-fund sheet keeps the money of a country beyond its regions
# and of a DAC code beyond its themes (fixtures/README.md, section 30): every
# row of PBF's table and its total, exactly (openpyxl, cached results)
# (Burundi: 71.3 M = 9.8 + 5.1 + 2.8 + 4.4 + 49.2, the list total stated once)
build bdi fixtures/sources/bdi_pbf_overview_en.txt -o "$W/wbbdi"
"$PY" "$CHECK" xtab-rows "$W/wbbdi/aidcube.xlsx" PBF "Cohésion sociale=9800000" \
    "Droits de l'Homme=5100000" "Gouvernance et Démocratie=2800000" "Sécurité=4400000" \
    "sector not stated=49200000" || fail "PBF sheet of bdi_pbf_overview_en.txt"
"$PY" "$CHECK" xtab-rows "$W/wb/aidcube.xlsx" PBF "12230 Basic health infrastructure=4266.67" \
    "15210 Security system management and reform: beyond the sectors under it=3500000" \
    "Cohésion sociale=12800000" "DDR — Désarmement, démobilisation et réintégration=1500000" \
    "Droits de l'Homme=5100000" "Economie locale=3000000" "Etat de Droit=2400000" \
    "Gouvernance et Démocratie=10300000" "Sécurité=4400000" \
    "sector not stated=188695733.33" || fail "PBF sheet of fixtures/sources"

# ---- 2. every workbook: LibreOffice recalculation, then openpyxl
# LibreOffice converts the workbooks of sections 2, 3 and 3b in ONE start
# (its start-up and a new profile cost seconds each time): each workbook is
# copied under a name of its own (DIR--STEM.xlsx) into $L ($W/lo-in), its CSVs are
# written to $L/csv; the checks read the copy (the same bytes)
L=$W/lo-in
lo_copy() {   # lo_copy FILE: the path of FILE's copy in $L (made now)
    local c; c=$L/$(basename "$(dirname "$1")")--$(basename "$1")
    cp "$1" "$c" && echo "$c"
}
mkdir -p "$L"
lo_files=()
for d in "$W/wb" "$W/wbs" "$W/wbf"; do
    for x in "$d"/*.xlsx; do [ -f "$x" ] && lo_files+=("$(lo_copy "$x")"); done
done
[ -f "$W/wblow/aidcube.xlsx" ] && lo_files+=("$(lo_copy "$W/wblow/aidcube.xlsx")")
# 3. a wrong cached result (the check must catch it), and 3b. long tables
# continued on further sheets: built now, converted with the others below
tampered=0
if [ -f "$W/wb/aidcube.xlsx" ]; then
    mkdir -p "$W/tamper"
    if cell=$("$PY" "$CHECK" tamper "$W/wb/aidcube.xlsx" "$W/tamper/aidcube.xlsx"); then
        tampered=1; lo_files+=("$(lo_copy "$W/tamper/aidcube.xlsx")")
    fi
fi
# the paged workbooks: 7 rows a sheet (233 sheets) for the openpyxl checks;
# LibreOffice recalculates one of 40 rows a sheet (63 sheets: loading takes
# time growing faster than the number of sheets, over a minute for 233),
# whose COUNTIFs still add up over Checks, Checks 2, Checks 3
build pages fixtures/sources -o "$W/pages" --max-rows-per-sheet 7
build pages40 fixtures/sources -o "$W/pages40" --max-rows-per-sheet 40
[ -f "$W/pages40/aidcube.xlsx" ] && lo_files+=("$(lo_copy "$W/pages40/aidcube.xlsx")")
to_csv "$L/csv" "${lo_files[@]}"

n=0
for d in "$W/wb" "$W/wbs" "$W/wbf" "$W/wblow"; do
    for x in "$d"/*.xlsx; do
        [ -f "$x" ] || continue
        n=$((n+1))
        s=$(basename "$x" .xlsx)
        c=$L/$(basename "$d")--$s.xlsx
        "$PY" -c 'import sys,zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' "$x" ||
            { fail "$x is not a valid zip archive"; continue; }
        if [ -f "$L/csv/$(basename "$c" .xlsx)-Summary.csv" ]; then
            "$PY" "$CHECK" recalc "$c" "$L/csv" || fail "recalculated formulas of $x"
            "$PY" "$CHECK" reconcile "$c" "$L/csv" || fail "Summary totals of $x do not add up"
        fi
        case "$d/$s" in
            */wbf/aidcube)
                opts=(--snippet "=SUM(A1:A9)" --snippet "@SUM(A1)" --doc "=formula_snippet.txt") ;;
            */wbs/aidcube-*)
                opts=(--fixtures --split "${s#aidcube-}") ;;
            */wblow/aidcube)
                opts=(--fixtures --plain) ;;
            */wblow/aidcube-*)
                opts=(--fixtures --split "${s#aidcube-}" --plain) ;;
            *)  opts=(--fixtures) ;;
        esac
        "$PY" "$CHECK" workbook "$x" "${opts[@]}" || fail "content of $x"
    done
done
[ "$n" -ge 12 ] || fail "only $n workbooks were checked (expected at least 12)"

# ---- 2b. written row by row, each workbook holds the same cells as the
# one written in memory (openpyxl, every sheet, every row)
nl=0
for x in "$W/wbs"/*.xlsx; do
    y=$W/wblow/$(basename "$x")
    if [ -f "$y" ]; then
        "$PY" tests/xlsx_same.py "$x" "$y" > "$W/same.out" ||
            { fail "--low-memory: $(basename "$x") differs"; sed 's/^/    /' "$W/same.out"; }
        nl=$((nl+1))
    else
        fail "--low-memory --split fund wrote no $(basename "$x")"
    fi
done
[ "$nl" -ge 5 ] || fail "--low-memory: only $nl workbooks compared (expected 5)"
# and the notes above the long tables print the same: merged over the same
# columns, their rows as high (written at once, over the table's widths)
"$PY" - "$W/wbs/aidcube.xlsx" "$W/wblow/aidcube.xlsx" > "$W/notes.out" 2>&1 <<'PYEOF' ||
import sys, openpyxl
a, b = (openpyxl.load_workbook(p) for p in sys.argv[1:3])
bad = 0
for n in a.sheetnames:
    ma = sorted(str(r) for r in a[n].merged_cells.ranges)
    mb = sorted(str(r) for r in b[n].merged_cells.ranges)
    ha = [a[n].row_dimensions[r].height for r in (1, 2, 3)]
    hb = [b[n].row_dimensions[r].height for r in (1, 2, 3)]
    if ma != mb or ha != hb:
        print("%s: merged %s / %s, heights %s / %s" % (n, ma, mb, ha, hb)); bad = 1
sys.exit(bad)
PYEOF
    { fail "--low-memory: notes laid out differently"; sed 's/^/    /' "$W/notes.out" | head -5; }
unzip -l "$W/wblow/aidcube.xlsx" | grep -q 'xl/tables/' && fail "--low-memory: the workbook has Excel tables"
unzip -l "$W/wb/aidcube.xlsx" | grep -q 'xl/tables/' || fail "the workbook written in memory has no Excel tables"

# ---- 3. the recalculation check catches a wrong cached result
if [ -f "$W/wb/aidcube.xlsx" ]; then
    t=$L/tamper--aidcube.xlsx
    if [ "$tampered" = 1 ] && [ -f "$L/csv/tamper--aidcube-Summary.csv" ]; then
        if "$PY" "$CHECK" recalc "$t" "$L/csv" > "$W/tamper/out" 2>&1; then
            fail "a wrong cached result went unnoticed: LibreOffice did not recalculate"
        elif ! grep -q "$cell:" "$W/tamper/out"; then
            fail "the tampered cell was not the one reported"; cat "$W/tamper/out"
        fi
    else
        fail "could not prepare the tampered workbook"
    fi
fi

# ---- 3b. long tables continue on further sheets: never a failed build
if true; then
    x=$W/pages/aidcube.xlsx
    if [ -f "$x" ]; then
        read -r nchk nobs < <("$PY" -c 'import openpyxl,sys
wb = openpyxl.load_workbook(sys.argv[1])
print(sum(1 for r in wb["Checks"].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)),
      wb["Observations"].max_row - 1)' "$W/wb/aidcube.xlsx")
        [ "$nchk" -gt 7 ] || fail "the fixtures give only $nchk findings: the split of Checks is not exercised"
        "$PY" "$CHECK" pages "$x" Checks 7 "$nchk" || fail "Checks split over sheets of 7 rows"
        "$PY" "$CHECK" pages "$x" Observations 7 "$nobs" || fail "Observations split over sheets of 7 rows"
        "$PY" "$CHECK" workbook "$x" --fixtures || fail "content of the paged workbook"
    else
        fail "no workbook with --max-rows-per-sheet 7"
    fi
    x=$L/pages40--aidcube.xlsx
    if [ -f "$x" ]; then
        [ "$nchk" -gt 80 ] || fail "the fixtures give only $nchk findings: Checks 3 (40 rows a sheet) is not exercised"
        [ -f "$L/csv/pages40--aidcube-Checks 3.csv" ] || fail "LibreOffice shows no sheet Checks 3 in the paged workbook"
        "$PY" "$CHECK" recalc "$x" "$L/csv" ||
            fail "recalculated formulas of the paged workbook (COUNTIF over Checks, Checks 2, ...)"
    else
        fail "no workbook with --max-rows-per-sheet 40"
    fi
fi

# ---- 4. atomic write
left=$(find "$W/wb" "$W/wbs" "$W/wbf" "$W/wblow" "$W/pages" "$W/pages40" -name '*.tmp-*' 2>/dev/null)
[ -z "$left" ] || fail "temporary files left behind: $left"
mkdir -p "$W/blocked/aidcube.xlsx"              # a directory where the file goes
touch "$W/blocked/aidcube.xlsx/keep"
"$BIN" build fixtures/sources -o "$W/blocked" > /dev/null 2> "$W/blocked.err"
rc=$?
[ "$rc" -eq 4 ] || fail "a workbook that cannot be renamed into place: exit $rc, expected 4"
grep -q '^aidcube: .*aidcube.xlsx' "$W/blocked.err" || { fail "no diagnostic naming the workbook"; cat "$W/blocked.err"; }
[ -f "$W/blocked/aidcube.xlsx/keep" ] || fail "what was at the workbook's path was damaged"
left=$(find "$W/blocked" -name '*.tmp-*')
[ -z "$left" ] || fail "temporary file left after a failed write: $left"

# a second build over a good workbook replaces it with an equal one
if [ -f "$W/wb/aidcube.xlsx" ]; then
    cp "$W/wb/aidcube.xlsx" "$W/first.xlsx"
    build again fixtures/sources -o "$W/wb"
    cmp -s "$W/first.xlsx" "$W/wb/aidcube.xlsx" ||
        fail "two builds in test mode gave different workbooks (clock or order dependent)"
fi

# Out of memory while writing a workbook (issue 15 item 9): libxlsxwriter's
# own allocations are not ours to fail (t_alloc_fail), so the release build
# runs under `ulimit -v` (one worker, --jobs 1: the limit then measures the
# data, not the threads' stacks and arenas) on generated project lists:
#   - 8,000 rows: a workbook held in memory (below EXPORT_STREAM_CELLS) that
#     the limit cannot hold: exit 4 and a clear message before any cell is
#     written, instead of SIGSEGV inside libxlsxwriter; no partial file, the
#     previous workbook left as it was;
#   - 30,000 rows: past EXPORT_STREAM_CELLS the workbook is written row by
#     row, in the memory the cube itself needs (about 110 MB; held in
#     memory it took 410 MB): written under a limit of 250 MB, every fact on
#     Observations, no Excel table.
REL=${REL:-./aidcube}
if [ -x "$REL" ]; then
    gen_list() {   # gen_list ROWS
        python3 - "$1" <<'PY'
import sys
regions = ["Bangui", "Mambéré-Kadéï", "Ombella-M'Poko", "Basse-Kotto", "Mbomou"]
print("N°;Titre du projet;Préfecture;Localité;Secteur;Source de financement;Montant (USD);"
      "Partenaire d'exécution;Date de début;Durée (mois)")
for i in range(int(sys.argv[1])):
    print(f"{i+1};Projet numéro {i+1};{regions[i%5]};;POC;{['QIP','PBF'][i%2]};"
          f"{10000+(i*37)%30000},{i%100:02d};ONG {i%50};{1+i%28:02d}/0{1+i%9}/2017;{1+i%6}")
PY
    }
    gen_list 8000 > "$W/oom.csv"
    rm -rf "$W/oom"; mkdir -p "$W/oom"; echo previous > "$W/oom/aidcube.xlsx"
    (ulimit -v 110000; exec "$REL" build -q --jobs 1 "$W/oom.csv" -o "$W/oom") > /dev/null 2> "$W/oom.err"; rc=$?
    [ "$rc" -eq 4 ] || fail "ulimit -v: exit $rc, expected 4 ($(tail -1 "$W/oom.err"))"
    grep -qx "aidcube: $W/oom/aidcube.xlsx: cannot write workbook: out of memory" "$W/oom.err" \
        || fail "ulimit -v: no out-of-memory message: $(cat "$W/oom.err")"
    [ "$(cat "$W/oom/aidcube.xlsx")" = previous ] || fail "ulimit -v: the previous workbook was replaced"
    ls -A "$W/oom" | grep -q '\.tmp-' && fail "ulimit -v: a temporary file was left"

    gen_list 30000 > "$W/big.csv"
    rm -rf "$W/big"
    (ulimit -v 250000; exec "$REL" build -q --jobs 1 "$W/big.csv" -o "$W/big") > /dev/null 2> "$W/big.err"; rc=$?
    [ "$rc" -eq 0 ] || fail "ulimit -v 250000, 30,000 rows: exit $rc, expected 0 ($(tail -1 "$W/big.err"))"
    unzip -l "$W/big/aidcube.xlsx" 2>/dev/null | grep -q 'xl/tables/' &&
        fail "30,000 rows: the workbook was not written row by row (it has Excel tables)"
    got=$("$PY" -c 'import openpyxl,sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
facts = [r[8] for r in wb["Sources"].iter_rows(min_row=2, values_only=True)][0]
print(facts, sum(1 for _ in wb["Observations"].iter_rows(min_row=2)))' "$W/big/aidcube.xlsx" 2>&1)
    [ "$got" = "60000 60000" ] ||
        fail "30,000 rows written row by row: facts and Observations rows $got, expected 60000 60000"
else
    if [ "${CI:-}" = true ]; then fail "no release build at $REL (make test builds it): the ulimit -v test cannot run"
    else echo "t_workbook: no release build at $REL: the ulimit -v test was not run"; fi
fi

[ "$nfail" -eq 0 ] && echo "t_workbook: $n workbooks checked"
[ "$nfail" -eq 0 ]
