#!/usr/bin/env bash
# t_pivot.sh — the PivotTables of the donor workbooks, as LibreOffice shows them.
#
# Run by tests/run.sh with BIN (the sanitizer-built aidcube) and TMP (a
# scratch directory) exported, from the repository root.  It
#   1. proves the checker (tests/pivot_check.py) on a workbook another program
#      wrote (tests/pivot_sample.py, pivot parts written by hand per
#      ECMA-376 §18.10): LibreOffice's rendering of its two pivots must equal
#      what the sample says they show, and the openpyxl check must pass;
#      a workbook whose pivot part is broken must be caught;
#   2. when `aidcube cube --pivot` exists: for every source of
#      fixtures/sources, all of them (also written row by row:
#      --low-memory), the CAR list, ../shared/seeds (when
#      present) with and without the CAR list, and three edge cases (no
#      figure at all; one sector; a sector whose name needs XML escaping,
#      through --ref): builds the workbook, tests the zip, renders it with
#      LibreOffice (one start for all), diffs the rendered pivots against
#      `aidcube cube --pivot` (lines compared as a set: the order of items is
#      LibreOffice's) and runs the openpyxl check.
# Exit status: 0 when everything passed; prints "FAIL: ..." lines otherwise.
set -u
cd "$(dirname "$0")/.."
: "${BIN:?BIN must name the aidcube binary}" "${TMP:?TMP must name a scratch directory}"
PY=/usr/bin/python3                      # Debian's, with python3-openpyxl
CHECK=tests/pivot_check.py
W=$TMP/pivot
rm -rf "$W"; mkdir -p "$W/lo" "$W/x" "$W/b"
export AIDCUBE_TEST=1 PIVOT_LO_PROFILE=$W/lo
nfail=0
fail() { echo "FAIL: t_pivot: $*"; nfail=$((nfail+1)); }

if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    fail "/usr/bin/python3 has no openpyxl (apt-get install python3-openpyxl)"; exit 1
fi
if ! command -v soffice >/dev/null 2>&1; then
    fail "soffice not found (apt-get install libreoffice-calc-nogui)"; exit 1
fi

# canon FILE: the header line, then the cells sorted (LibreOffice orders items
# its own way; what is compared is every cell's values)
canon() { head -n 1 "$1"; tail -n +2 "$1" | LC_ALL=C sort; }

# ---- 1. the checker on a workbook aidcube did not write
"$PY" tests/pivot_sample.py "$W/x/sample.xlsx" "$W/sample.expected.tsv" ||
    fail "tests/pivot_sample.py could not write the sample"
"$PY" - "$W/x/sample.xlsx" "$W/x/sample_broken.xlsx" <<'EOF' || fail "could not write the broken sample"
import sys, zipfile
src, dst = sys.argv[1:]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as o:
    for n in z.namelist():
        b = z.read(n)
        o.writestr(n, b[:len(b) // 2] if n == "xl/pivotTables/pivotTable1.xml" else b)
EOF

# ---- 2. the workbooks aidcube writes
# build NAME ARGS...: aidcube build -q -o $W/b/NAME ARGS, exit 0 or 1; the
# workbook is copied to $W/x/NAME.xlsx (one stem per workbook for soffice)
names=()
build() {
    local name=$1; shift
    # shellcheck disable=SC2086  # BUILD_OPTS: options of build only, split on purpose
    "$BIN" build -q ${BUILD_OPTS:-} -o "$W/b/$name" "$@" > "$W/b.$name.out" 2> "$W/b.$name.err"
    local rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
        fail "aidcube build $* exited $rc"; sed 's/^/    /' "$W/b.$name.err" | head -20; return
    fi
    if grep -q 'Sanitizer\|runtime error' "$W/b.$name.err"; then
        fail "aidcube build $*: sanitizer report"; head -20 "$W/b.$name.err"; return
    fi
    if [ ! -f "$W/b/$name/aidcube.xlsx" ]; then fail "aidcube build $*: no workbook"; return; fi
    unzip -tq "$W/b/$name/aidcube.xlsx" > "$W/b.$name.unzip" 2>&1 ||
        { fail "$name: unzip -t: $(head -3 "$W/b.$name.unzip")"; return; }
    cp "$W/b/$name/aidcube.xlsx" "$W/x/$name.xlsx"
    "$BIN" cube --pivot "$@" > "$W/$name.pivot.tsv" 2> "$W/$name.pivot.err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
        fail "aidcube cube --pivot $* exited $rc"; sed 's/^/    /' "$W/$name.pivot.err" | head -20; return
    fi
    # the pivots' grand totals are the cube's grand total cell
    "$BIN" cube -q "$@" 2> /dev/null | awk -F'\t' '$2=="Total" && $3=="Total" && $4=="Total" && $5=="Total" {print $6"|"$12; exit}' > "$W/$name.gt"
    for t in PivotTable1 PivotTable2; do
        got=$(awk -F'\t' -v t="$t" '$1==t && $2=="Grand Total" && $3=="Grand Total" {print $4"|"$5}' "$W/$name.pivot.tsv")
        [ "$got" = "$(cat "$W/$name.gt")" ] || fail "$name: $t grand total $got, the cube's $(cat "$W/$name.gt")"
    done
    names+=("$name")
    args[$name]="$*"
}
declare -A args
# The rows of a workbook's "Pivot data" sheet (its header not counted).
pivot_data_rows() {
    "$PY" - "$1" <<'PYEOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
rid = re.search(r'<sheet name="Pivot data"[^>]*r:id="(rId\d+)"', wb).group(1)
target = re.search(r'<Relationship[^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
    re.search(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
path = target.group(1).lstrip("/")
path = path if path.startswith("xl/") else "xl/" + path
print(len(re.findall(r"<row ", z.read(path).decode())) - 1)
PYEOF
}
"$BIN" cube --pivot fixtures/sources/mli_qip_table.txt > /dev/null 2> "$W/probe.err"
if [ $? -eq 2 ] && grep -qiE '(invalid|unknown|unrecognized) option.*pivot' "$W/probe.err"; then
    if [ "${CI:-}" = true ]; then fail "aidcube cube --pivot not available (CI=true: required)"
    else echo "pivot: skipped, aidcube cube --pivot not available (outside CI; with CI=true this is a failure)"; fi
    have_pivot=0
else
    have_pivot=1
    for f in fixtures/sources/*; do
        build "src_$(basename "${f%.*}")" "$f"
    done
    build all fixtures/sources
    # written row by row (libxlsxwriter's constant_memory mode): the same pivots
    BUILD_OPTS="--low-memory" build all_low fixtures/sources
    build car fixtures/sheets/caf_qip_2017_2018.csv
    build mli_list fixtures/sheets/mli_projets_stabilisation_2019.csv
    build pbf_list fixtures/sheets/pbf_projects_en.csv
    # more leaf facts than a sheet may hold (one row fewer than the Pivot data
    # of "all", counted in its workbook): the pivots read the leaf facts added
    # up at their coordinates, and show the same
    leaves_all=$(pivot_data_rows "$W/x/all.xlsx")
    fallback_max=$((leaves_all - 1))
    BUILD_OPTS="--max-rows-per-sheet $fallback_max" build fallback fixtures/sources
    if [ -d ../shared/seeds ]; then
        build seeds ../shared/seeds
        build seeds_car ../shared/seeds fixtures/sheets/caf_qip_2017_2018.csv
    elif [ "${CI:-}" = true ]; then
        fail "no ../shared/seeds (CI=true: the seeds are required)"
    else
        echo "pivot: seeds skipped, no ../shared/seeds (outside CI; with CI=true this is a failure)"
    fi
    build edge_no_figure tests/pivot/no_figure.txt
    build edge_one_sector tests/pivot/one_sector.txt
    cp -r fixtures/ref "$W/ref"
    cat tests/pivot/sectors_extra.tsv >> "$W/ref/sectors.tsv"
    build edge_escape --ref "$W/ref" tests/pivot/escape_sector.txt
    grep -qF 'Eau & <Assainissement> "rural" é' "$W/edge_escape.pivot.tsv" 2>/dev/null ||
        fail "the sector needing XML escaping is not in the pivots of edge_escape: fixture or --ref broken"
fi

# one LibreOffice start for every workbook (errors are per workbook below)
set -- "$W"/x/*.xlsx
"$PY" "$CHECK" convert "$W/csv" "$@" > /dev/null 2> "$W/convert.err"

# the sample: LibreOffice's values equal the sample's, openpyxl agrees
if grep -qF '/sample.xlsx' "$W/convert.err"; then
    fail "self-test: LibreOffice: $(grep -F /sample.xlsx "$W/convert.err" | head -5)"
fi
if "$PY" "$CHECK" parse "$W/x/sample.xlsx" "$W/csv" > "$W/sample.got.tsv" 2> "$W/sample.parse.err"; then
    diff -u <(canon "$W/sample.expected.tsv") <(canon "$W/sample.got.tsv") > "$W/sample.diff" ||
        { fail "self-test: rendered sample pivots differ from what the sample shows"; head -40 "$W/sample.diff"; }
else
    fail "self-test: the sample's pivots were not parsed"; cat "$W/sample.parse.err"
fi
# the openpyxl checks of the sample and of every workbook, in one Python
# start (results per workbook in $W/op: read below)
ops=("$W/x/sample.xlsx")
for name in "${names[@]}"; do ops+=("$W/x/$name.xlsx"); done
"$PY" "$CHECK" openpyxl-each "$W/op" "${ops[@]}" > "$W/op.out" 2>&1
[ "$(cat "$W/op/sample.openpyxl.rc" 2>/dev/null)" = 0 ] ||
    { fail "self-test: openpyxl check of the sample"; cat "$W/op/sample.openpyxl" "$W/op.out"; }
# a broken pivot part: LibreOffice opens the workbook without a word and
# drops the pivot; the parse must notice the missing pivot
if "$PY" "$CHECK" parse "$W/x/sample_broken.xlsx" "$W/csv" > /dev/null 2>&1; then
    fail "self-test: a workbook whose PivotTable1 part is truncated went unnoticed"
fi

n=0
for name in "${names[@]}"; do
    x=$W/x/$name.xlsx
    n=$((n+1))
    if grep -qF "$name.xlsx" "$W/convert.err"; then
        fail "$name (build ${args[$name]}): LibreOffice: $(grep -F "$name.xlsx" "$W/convert.err" | head -3)"
    fi
    [ "$(cat "$W/op/$name.openpyxl.rc" 2>/dev/null)" = 0 ] ||
        { fail "$name (build ${args[$name]}): openpyxl check"; grep pivot_check: "$W/op/$name.openpyxl" "$W/op.out" | head -10; }
    if [ "$name" = edge_no_figure ]; then
        # no fact: LibreOffice shows no pivot over a header-only source (as
        # for the sample with no record); the cells aidcube computes are empty
        if awk -F'\t' 'NR > 1 && ($4 != "" || $5 != "")' "$W/$name.pivot.tsv" | grep -q .; then
            fail "$name: aidcube cube --pivot shows values with no fact"; head -5 "$W/$name.pivot.tsv"
        fi
        continue
    fi
    if ! "$PY" "$CHECK" parse "$x" "$W/csv" > "$W/$name.rendered.tsv" 2> "$W/$name.parse.err"; then
        fail "$name (build ${args[$name]}): the rendered pivots: $(head -3 "$W/$name.parse.err")"
        continue
    fi
    diff -u --label "aidcube cube --pivot ${args[$name]}" --label "LibreOffice's rendering of $name.xlsx" \
        <(canon "$W/$name.pivot.tsv") <(canon "$W/$name.rendered.tsv") > "$W/$name.diff" ||
        { fail "$name: the pivots LibreOffice shows differ from aidcube cube --pivot"; head -40 "$W/$name.diff"; }
done
if [ "$have_pivot" = 1 ] && [ "$n" -lt 25 ]; then fail "only $n workbooks were checked (expected at least 25)"; fi
# the fallback workbook: fewer source rows than leaf facts, the note says why
if [ "$have_pivot" = 1 ] && [ -f "$W/csv/fallback-Pivot data.csv" ]; then
    rows=$(($(wc -l < "$W/csv/fallback-Pivot data.csv") - 1))
    leaves=$(($(wc -l < "$W/csv/all-Pivot data.csv") - 1))
    [ "$rows" -gt 0 ] && [ "$rows" -le "$fallback_max" ] && [ "$rows" -lt "$leaves" ] ||
        fail "fallback: $rows source rows for $leaves leaf facts (at most $fallback_max expected)"
    grep -q 'the leaf facts added up at each of their coordinates' "$W/csv/fallback-Pivot.csv" ||
        fail "fallback: the Pivot sheet does not say it reads the finest cells"
fi

[ "$nfail" -eq 0 ] && echo "t_pivot: self-test passed; $n workbooks' pivots checked"
[ "$nfail" -eq 0 ]
