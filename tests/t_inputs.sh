#!/usr/bin/env bash
# t_inputs.sh — inputs that neither vanish nor double (issue 16, point 5).
#
# Run by tests/run.sh with BIN and TMP exported, from the repository root.
# Every expectation is exact (the expected text is below, a failure prints
# the diff), and each one that says what must happen also says what must
# not:
#   1. one list in two files: the same three PBF projects as a French-Excel
#      CSV (Windows-1252, CRLF, ";", decimal comma) and as an .xlsx are one
#      list: one warning naming both files, the projects counted once, in
#      either order of the arguments, the file kept by its content (the
#      smaller SHA-256); a list holding only some of those rows adds
#      nothing; a list sharing one row with them is counted (its other row
#      too); a report saved twice (UTF-8 LF, Windows-1252 CRLF) is one, but a
#      note repeating one of its sentences is a source of its own (the
#      check "agree" compares them);
#   2. the warehouse route: the same files loaded in two batches, in both
#      orders, mark the same source (dim_source.same_rows_key), v_fact
#      leaves its facts out, and cube --db equals the in-process cube;
#   3. a directory gives its report text and spreadsheets: README.md,
#      SOURCES.md, a picture and a subdirectory are named in one warning and
#      read nowhere, while a Word file is rejected as before; named on the
#      command line, README.md is read;
#   4. an amount with no dated rate: a document's year with no rate takes
#      the nearest year's, an undated figure of an undated document the
#      latest year's, and says which (never "no USD rate");
#   5. every file that adds nothing is on the Sources sheet (its name and
#      hash, never a folder, in the order of the paths whatever the order of
#      the arguments) and every file not read in rejects.tsv;
#   6. the warehouse route: build --db lists the files and rows the loads
#      rejected that still stand, exactly as build FILES lists its own, and
#      no longer once a later load reads the file.
set -u
cd "$(dirname "$0")/.."
: "${BIN:?BIN must name the aidcube binary}" "${TMP:?TMP must name a scratch directory}"
W=$TMP/inputs
rm -rf "$W"; mkdir -p "$W"
export AIDCUBE_TEST=1
nfail=0
fail() { echo "FAIL: t_inputs: $*"; nfail=$((nfail+1)); }
# same NAME EXPECTED ACTUAL: exact, the diff printed
same() { diff -u "$2" "$3" > "$W/diff" || { fail "$1"; head -40 "$W/diff"; }; }

TOOL=build/rel/tsv2xlsx
[ -x "$TOOL" ] || make -s build/rel/tsv2xlsx >&2 || { fail "cannot build $TOOL"; exit 1; }

# ---- the inputs, written for this test -----------------------------------------------------
L=$W/lists; mkdir -p "$L"
TITLE="Projets du Fonds pour la consolidation de la paix (PBF) au Mali, 2019"
printf 'text\ttext\ttext\ttext\tnumber\nProjet\tRégion\tSecteur\tFonds\tMontant (USD)\n%s\n%s\n%s\n' \
    $'Réhabilitation du marché de Gao\tGao\tCohésion sociale\tPBF\t45317.39' \
    $'Forage de puits à Sévaré\tMopti\tSanté\tPBF\t98000' \
    $'Formation des jeunes à Tombouctou\tTombouctou\tEducation\tPBF\t99134.81' > "$W/list.tsv"
"$TOOL" "$W/list.tsv" "$L/projets_pbf_2019.xlsx" "Projets PBF" "$TITLE" "" || fail "tsv2xlsx"
csv() {   # the French Excel form of rows given as "title;region;sector;amount"
    { printf '%s;;;;\r\n;;;;\r\n;;;;\r\nProjet;Région;Secteur;Fonds;Montant (USD)\r\n' "$TITLE"
      for r in "$@"; do IFS=';' read -r t g s a <<< "$r"; printf '%s;%s;%s;PBF;%s\r\n' "$t" "$g" "$s" "$a"; done
    } | iconv -f UTF-8 -t WINDOWS-1252
}
P1="Réhabilitation du marché de Gao;Gao;Cohésion sociale;45 317,39"
P2="Forage de puits à Sévaré;Mopti;Santé;98 000,00"
P3="Formation des jeunes à Tombouctou;Tombouctou;Education;99 134,81"
csv "$P1" "$P2" "$P3" > "$L/projets_pbf_2019.csv"
csv "$P1" "$P3" > "$L/extrait.csv"                                  # only some of its rows
csv "$P2" "Clinique mobile à Ansongo;Gao;Santé;30 000,00" > "$L/autre_liste.csv"   # one row shared
sha() { sha256sum "$1" | cut -c1-64; }
# the one kept of the two forms is the smaller SHA-256, whatever the order
if [[ "$(sha "$L/projets_pbf_2019.csv")" < "$(sha "$L/projets_pbf_2019.xlsx")" ]]; then
    KEEP=projets_pbf_2019.csv; DROP=projets_pbf_2019.xlsx
else
    KEEP=projets_pbf_2019.xlsx; DROP=projets_pbf_2019.csv
fi

# ---- 1. one list in two files ------------------------------------------------------------
cd "$L"
"$BIN" cube projets_pbf_2019.csv projets_pbf_2019.xlsx > "$W/ab.cube" 2> "$W/ab.err"; rc1=$?
"$BIN" cube projets_pbf_2019.xlsx projets_pbf_2019.csv > "$W/ba.cube" 2> "$W/ba.err"; rc2=$?
cd - > /dev/null
[ "$rc1$rc2" = 00 ] || fail "cube of the two forms: exit $rc1 $rc2"
same "the two orders give one cube" "$W/ab.cube" "$W/ba.cube"
cat > "$W/want.err" <<EOF
aidcube: projets_pbf_2019.csv: not valid UTF-8: read as Windows-1252
aidcube: projets_pbf_2019.xlsx: sheet "Notes": no header row naming the amount: not a project list, skipped
aidcube: $DROP: the same 3 rows as "$KEEP": one list, counted once (as "$KEEP")
EOF
sort "$W/ab.err" > "$W/ab.err.s"; sort "$W/ba.err" > "$W/ba.err.s"; sort "$W/want.err" > "$W/want.err.s"
same "one warning naming both files (csv first)" "$W/want.err.s" "$W/ab.err.s"
same "one warning naming both files (xlsx first)" "$W/want.err.s" "$W/ba.err.s"
awk -F'\t' '$1 == "total" || ($1 == "region" && $3 != "Total")' "$W/ab.cube" | cut -f1-14 > "$W/got"
cat > "$W/want" <<EOF
region	Total	MLI	Total	Total	242452.20	computed		242452.20			3	computed	3
region	Total	Gao	Total	Total	45317.39	computed		45317.39			1	computed	1
region	Total	Mopti	Total	Total	98000.00	computed		98000.00			1	computed	1
region	Total	Tombouctou	Total	Total	99134.81	computed		99134.81			1	computed	1
total	Total	Total	Total	Total	242452.20	computed		242452.20			3	computed	3
EOF
same "the three projects counted once, not six rows" "$W/want" "$W/got"
grep -c "$DROP" "$W/ab.cube" | grep -qx 0 || fail "a cell cites the file left out ($DROP)"

# a list holding some of those rows adds nothing; one sharing a row is counted
cd "$L"
"$BIN" cube extrait.csv autre_liste.csv projets_pbf_2019.csv > "$W/sub.cube" 2> "$W/sub.err"; rc=$?
cd - > /dev/null
[ "$rc" = 0 ] || fail "cube of three lists: exit $rc"
grep -v 'not valid UTF-8' "$W/sub.err" > "$W/got"
cat > "$W/want" <<EOF
aidcube: extrait.csv: its 2 rows are all among the 3 rows of "projets_pbf_2019.csv": counted once (as "projets_pbf_2019.csv")
EOF
same "a part of a list is counted once, with the list" "$W/want" "$W/got"
awk -F'\t' '$1 == "total"' "$W/sub.cube" | cut -f1-14 > "$W/got"
# 242,452.20 + the other list's own row 30,000 (its shared row is the same project)
printf 'total\tTotal\tTotal\tTotal\tTotal\t272452.20\tcomputed\t\t272452.20\t\t\t4\tcomputed\t4\n' > "$W/want"
same "a list sharing one row is counted, its shared project once" "$W/want" "$W/got"
grep -q 'autre_liste.csv:6' "$W/sub.cube" || fail "the other list's own row is not in the cube"

# texts: a report saved twice is one; a note repeating one sentence is its own source
T=$W/texts; mkdir -p "$T"
printf '%s\n\n%s\n\n%s\n' "Bulletin des projets à impact rapide (QIP) au Mali, juin 2019" \
    "Depuis 2013, la MINUSMA a financé 324 projets à impact rapide (QIP) au Mali." \
    "En 2018, 41 QIP ont été achevés pour un montant de 1 845 000 USD." > "$T/bulletin.txt"
sed 's/$/\r/' "$T/bulletin.txt" | iconv -f UTF-8 -t WINDOWS-1252 > "$T/bulletin_copie.txt"
printf '%s\n\n%s\n' "Note au donateur, juillet 2019" \
    "Depuis 2013, la MINUSMA a financé 324 projets à impact rapide (QIP) au Mali." > "$T/note.txt"
(cd "$T" && "$BIN" check --format tsv bulletin.txt bulletin_copie.txt note.txt) > "$W/t.check" 2> "$W/t.err"
if [[ "$(sha "$T/bulletin.txt")" < "$(sha "$T/bulletin_copie.txt")" ]]; then
    TK=bulletin.txt; TD=bulletin_copie.txt; else TK=bulletin_copie.txt; TD=bulletin.txt; fi
cat > "$W/want" <<EOF
aidcube: bulletin_copie.txt: not valid UTF-8: read as Windows-1252
aidcube: $TD: the same 3 figures as "$TK": one list, counted once (as "$TK")
EOF
same "a report saved twice is one" "$W/want" "$W/t.err"
printf 'ok\tagree\tQIP MLI 2013-2019: stated by %s and by note.txt\t324\t324\t0\tprojects\t%s:3:99-110 note.txt:3:67-78\n' "$TK" "$TK" > "$W/want"
grep -P '\tagree\t' "$W/t.check" > "$W/got"
same "a note repeating a sentence is a source of its own: the two agree" "$W/want" "$W/got"

# ---- 2. the warehouse route ------------------------------------------------------------------
. tests/pg.sh
if pg_start "$TMP/inputs_pg"; then
    q() { "${psql[@]}" -A -t -F ' ' -c "$1"; }
    for s in ab ba; do
        "$BIN" db init --db "$PG_CONN" --schema "$s" --sql-dir sql > /dev/null || fail "db init $s"
    done
    # ab: the csv, then the xlsx and the part; ba: the other way round
    "$BIN" load "$L/projets_pbf_2019.csv" --db "$PG_CONN" --schema ab -q > /dev/null || fail "load ab 1"
    "$BIN" load "$L/projets_pbf_2019.xlsx" "$L/extrait.csv" --db "$PG_CONN" --schema ab > /dev/null \
        2> "$W/ab.load" || fail "load ab 2"
    "$BIN" load "$L/projets_pbf_2019.xlsx" "$L/extrait.csv" --db "$PG_CONN" --schema ba -q > /dev/null || fail "load ba 1"
    "$BIN" load "$L/projets_pbf_2019.csv" --db "$PG_CONN" --schema ba > /dev/null 2> "$W/ba.load" || fail "load ba 2"
    for s in ab ba; do
        q "SELECT d.name, coalesce(k.name, '-') FROM $s.dim_source d
           LEFT JOIN $s.dim_source k ON k.source_key = d.same_rows_key ORDER BY d.name" > "$W/$s.marks"
        q "SELECT count(*) FROM $s.v_fact" >> "$W/$s.marks"
        "$BIN" cube -q --db "$PG_CONN" --schema "$s" > "$W/$s.dbcube" || fail "cube --db $s"
    done
    printf '%s\n' "extrait.csv $KEEP" "projets_pbf_2019.csv $([ $KEEP = projets_pbf_2019.csv ] && echo - || echo $KEEP)" \
        "projets_pbf_2019.xlsx $([ $KEEP = projets_pbf_2019.xlsx ] && echo - || echo $KEEP)" 6 > "$W/want"
    same "warehouse: the source left out, loaded csv first" "$W/want" "$W/ab.marks"
    same "warehouse: the source left out, loaded xlsx first" "$W/want" "$W/ba.marks"
    grep -q "extrait.csv: its rows are all rows of \".*$KEEP\": recorded, counted once" "$W/ab.load" \
        || { fail "load: no warning for the part"; cat "$W/ab.load"; }
    "$BIN" cube -q "$L/extrait.csv" "$L/projets_pbf_2019.csv" "$L/projets_pbf_2019.xlsx" > "$W/mem.cube"
    same "cube --db (csv first) = cube FILES" "$W/mem.cube" "$W/ab.dbcube"
    same "cube --db (xlsx first) = cube FILES" "$W/mem.cube" "$W/ba.dbcube"
    pg_stop
else
    fail "no PostgreSQL cluster"
fi

# ---- 3. a directory gives its sources --------------------------------------------------------
D=$W/inbox; mkdir -p "$D/archives"
printf 'Au Mali, en 2019, un QIP de 45 000 USD a été financé à Gao.\n' > "$D/rapport.txt"
cp "$L/autre_liste.csv" "$D/liste.csv"
printf '# Sources\n\nLe rapport de 2019 compte 12 QIP pour 540 000 USD.\n' > "$D/README.md"
printf 'Sources : bulletin de la MINUSMA, 27 QIP et 838 354,11 USD.\n' > "$D/SOURCES.md"
printf '\x89PNG\r\n' > "$D/carte.png"
printf 'PK\003\004\024\000\000\000\000\000word/document.xml' > "$D/note.docx"
"$BIN" extract "$D" > "$W/dir.tsv" 2> "$W/dir.err"; rc=$?
[ "$rc" = 1 ] || fail "directory: exit $rc (the Word file is rejected: 1)"
cat > "$W/want" <<EOF
aidcube: $D: 4 entries skipped (a directory gives its .txt, .csv, .tsv, .xlsx, .xlsm, .ods and .xls files, not its subdirectories; name a file to read it whatever its name): README.md, SOURCES.md, archives/, carte.png
aidcube: $D/liste.csv: not valid UTF-8: read as Windows-1252
aidcube: $D/note.docx: not read: PDF and Word files must be converted to text first
EOF
same "a directory names what it skips, once" "$W/want" "$W/dir.err"
cut -f1 "$W/dir.tsv" | sort | uniq -c | sed 's/^ *//' > "$W/got"
printf '%s\n' "1 doc" "4 liste.csv" "1 rapport.txt" > "$W/want"
same "a directory reads its report and its list, no note" "$W/want" "$W/got"
"$BIN" extract "$D/README.md" | cut -f1-11 > "$W/got" 2>&1
cat > "$W/want" <<'EOF'
doc	line	measure	value	unit	fund	country	region	sector	period	qualifier
README.md	3	count	12	projects	QIP				2019	exact
README.md	3	amount	540000	USD	QIP				2019	exact
EOF
same "README.md named on the command line is read" "$W/want" "$W/got"

# ---- 4. an amount with no dated rate ----------------------------------------------------------
R=$W/rates; mkdir -p "$R"
printf 'Le projet de réhabilitation du marché a coûté 500 000 euros.\n' > "$R/sans_date.txt"
printf 'Bulletin du 12 mars 2031. La réhabilitation du marché a coûté 500 000 euros.\n' > "$R/futur.txt"
printf 'Le forage a coûté 655 957 000 FCFA au Mali.\n' > "$R/fcfa.txt"
for f in sans_date futur fcfa; do
    (cd "$R" && "$BIN" cube "$f.txt" 2>> "$W/rates.err" | awk -F'\t' -v f="$f" '$1 == "total" {print f, $6, $7}') >> "$W/rates.got"
done
cat > "$W/want" <<'EOF'
sans_date 541200.00 computed
futur 541200.00 computed
fcfa 1082400.00 computed
EOF
same "amounts with no dated rate are converted" "$W/want" "$W/rates.got"
cat > "$W/want" <<'EOF'
aidcube: sans_date.txt:1: no year for the EUR rate (no period, no document date): the 2024 rate is used (said once per source)
aidcube: futur.txt:1: no EUR rate for 2031: the 2024 rate is used (said once per source)
aidcube: fcfa.txt:1: no year for the XOF rate (no period, no document date): the 2024 rate is used (said once per source)
EOF
same "each says which year's rate" "$W/want" "$W/rates.err"

# ---- 5. the Sources sheet and rejects.tsv ----------------------------------------------------
S=$W/sources; mkdir -p "$S/in"
cp "$L/projets_pbf_2019.csv" "$L/projets_pbf_2019.xlsx" "$S/in/"
cp "$D/rapport.txt" "$S/in/rapport.txt"; cp "$D/rapport.txt" "$S/in/rapport_copie.txt"
: > "$S/in/vide.txt"
printf '%%PDF-1.4\n12 QIPs\n' > "$S/in/scan.txt"
printf 'PK\003\004\024\000\000\000\000\000xl/workbook.xml' > "$S/in/casse.xlsx"
"$BIN" build "$S/in" "$S/absent.txt" -o "$S/out" > /dev/null 2> "$W/build.err"; rc=$?
[ "$rc" = 1 ] || { fail "build with files not read: exit $rc"; cat "$W/build.err"; }
cat > "$W/want" <<EOF
file	sheet	row	column	raw	reason
$S/absent.txt					cannot read: No such file or directory
$S/in/casse.xlsx					not a readable zip archive: Not a zip archive
$S/in/scan.txt					not read: PDF and Word files must be converted to text first
$S/in/vide.txt					empty file: nothing to read
EOF
same "rejects.tsv names every file not read" "$W/want" "$S/out/rejects.tsv"
/usr/bin/python3 - "$S/out/aidcube.xlsx" > "$W/got" <<'PY' || fail "Sources sheet unreadable"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Sources"]
for r in ws.iter_rows(min_row=2, values_only=True):
    print("%s|%s|%s" % (r[0], "hash" if r[1] else "-", r[2]))
    if any(isinstance(v, str) and "/" in v for v in r):
        print("a folder: %r" % (r,))
PY
DROPN=$([ $KEEP = projets_pbf_2019.csv ] && echo projets_pbf_2019.xlsx || echo projets_pbf_2019.csv)
{
    for n in projets_pbf_2019.csv projets_pbf_2019.xlsx rapport.txt; do
        if [ $n = "$DROPN" ]; then echo "$n|hash|its rows are all rows of $KEEP: not counted"
        else echo "$n|hash|loaded"; fi
    done
    echo "absent.txt|-|not read: cannot read: No such file or directory"
    echo "casse.xlsx|-|not read: not a readable zip archive: Not a zip archive"
    echo "rapport_copie.txt|hash|same content as rapport.txt: not loaded again"
    echo "scan.txt|-|not read: not read: PDF and Word files must be converted to text first"
    echo "vide.txt|-|not read: empty file: nothing to read"
} > "$W/want"
same "the Sources sheet: every file by name and hash, what became of it" "$W/want" "$W/got"
# the notes come in the order of their paths, whatever order the files are given in
"$BIN" build "$S/in/vide.txt" "$S/in/scan.txt" "$S/in/rapport_copie.txt" "$S/in/rapport.txt" \
    "$S/absent.txt" "$S/in/casse.xlsx" "$S/in/projets_pbf_2019.xlsx" "$S/in/projets_pbf_2019.csv" \
    -o "$S/out2" > /dev/null 2>&1
# sources WORKBOOK: its Sources sheet as name|hash|status
sources() {
    /usr/bin/python3 - "$1" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Sources"]
for r in ws.iter_rows(min_row=2, values_only=True):
    print("%s|%s|%s" % (r[0], "hash" if r[1] else "-", r[2]))
PY
}
sources "$S/out2/aidcube.xlsx" > "$W/got" || fail "Sources sheet unreadable (reversed)"
same "the Sources sheet's notes by path, the arguments reversed" "$W/want" "$W/got"
same "rejects.tsv by path, the arguments reversed" "$S/out/rejects.tsv" "$S/out2/rejects.tsv"

# ---- 6. the warehouse route: what the loads rejected ------------------------------------------
# A load records the files it could not read and the rows it could not load
# (reject); build --db lists those that stand (v_reject: of each file, the
# last batch that saw it) on the Sources sheet and in rejects.tsv, exactly as
# build FILES lists its own, and no longer once a later batch reads the file
# (found by its canonical path: the first load is given relative paths, the
# second the folder's absolute path).
V=$W/wh; mkdir -p "$V/in"; VR=$(cd "$V" && pwd -P)
cp "$L/autre_liste.csv" "$V/in/liste.csv"
lignes() {   # a project list whose first amount is $1
    printf '"N°","Intitulé du projet","Région","Budget total","Devise"\n"1","Puits","Gao","%s","USD"\n"2","Pont","Mopti","12 000","USD"\n' "$1"
}
lignes "n.c." > "$V/in/lignes.csv"
printf 'PK\003\004\024\000\000\000\000\000xl/workbook.xml' > "$V/in/casse.xlsx"
: > "$V/in/vide.txt"
if pg_start "$TMP/inputs_pg6"; then
    q() { "${psql[@]}" -A -t -F '|' -c "$1"; }
    "$BIN" db init --db "$PG_CONN" --schema rj --sql-dir sql > /dev/null || fail "db init rj"
    (cd "$V" && "$BIN" load in/liste.csv in/lignes.csv in/casse.xlsx in/vide.txt absent.txt \
        --db "$PG_CONN" --schema rj -q > "$W/rj1.out" 2> "$W/rj1.err"); rc=$?
    [ "$rc" = 1 ] || { fail "load with files not read: exit $rc (1)"; cat "$W/rj1.err"; }
    echo "batch 1: committed: 2 sources seen, 2 loaded, 0 skipped, 0 replaced, 3 rejected, 6 facts" > "$W/want"
    same "the first load" "$W/want" "$W/rj1.out"
    "$BIN" build -q --db "$PG_CONN" --schema rj -o "$V/db1" > /dev/null 2> "$W/db1.err"; rc=$?
    [ "$rc" = 0 ] || { fail "build --db: exit $rc (0: the rejects are the load's)"; cat "$W/db1.err"; }
    printf 'file\tsheet\trow\tcolumn\traw\treason\n' > "$W/want"
    printf '%s\t\t\t\t\t%s\n' "$VR/absent.txt" "cannot read: No such file or directory" \
        "$VR/in/casse.xlsx" "not a readable zip archive: Not a zip archive" >> "$W/want"
    printf '%s\tlignes\t2\tD\tn.c.\tamount cannot be read\n' "$VR/in/lignes.csv" >> "$W/want"
    printf '%s\t\t\t\t\t%s\n' "$VR/in/vide.txt" "empty file: nothing to read" >> "$W/want"
    same "build --db: rejects.tsv names what the load rejected" "$W/want" "$V/db1/rejects.tsv"
    sources "$V/db1/aidcube.xlsx" > "$W/got" || fail "Sources sheet unreadable (db1)"
    printf '%s\n' "lignes.csv|hash|loaded" "liste.csv|hash|loaded" \
        "absent.txt|-|not read: cannot read: No such file or directory" \
        "casse.xlsx|-|not read: not a readable zip archive: Not a zip archive" \
        "vide.txt|-|not read: empty file: nothing to read" > "$W/want"
    same "build --db: the Sources sheet names every file the load rejected" "$W/want" "$W/got"
    # the same as build FILES, from the same files by their full paths
    "$BIN" build -q "$VR/in/liste.csv" "$VR/in/lignes.csv" "$VR/in/casse.xlsx" "$VR/in/vide.txt" \
        "$VR/absent.txt" -o "$V/mem1" > /dev/null 2>&1
    same "build --db's rejects.tsv is build FILES'" "$V/mem1/rejects.tsv" "$V/db1/rejects.tsv"
    sources "$V/mem1/aidcube.xlsx" > "$W/got.mem"
    same "build --db's Sources sheet is build FILES'" "$W/got.mem" "$W/got"

    # fixed: the workbook a real one, the row given its amount, loaded again
    # by the folder's absolute path; the empty file still empty; absent.txt
    # not given (its reject stands: no batch saw it since)
    cp "$L/projets_pbf_2019.xlsx" "$V/in/casse.xlsx"
    lignes "9 000" > "$V/in/lignes.csv"
    "$BIN" load "$VR/in" --db "$PG_CONN" --schema rj -q > "$W/rj2.out" 2> /dev/null; rc=$?
    [ "$rc" = 1 ] || fail "second load: exit $rc (1: vide.txt)"
    echo "batch 2: committed: 3 sources seen, 1 loaded, 1 skipped, 1 replaced, 1 rejected, 10 facts" > "$W/want"
    same "the second load" "$W/want" "$W/rj2.out"
    "$BIN" build -q --db "$PG_CONN" --schema rj -o "$V/db2" > /dev/null 2>&1 || fail "build --db after the fix"
    printf 'file\tsheet\trow\tcolumn\traw\treason\n' > "$W/want"
    printf '%s\t\t\t\t\t%s\n' "$VR/absent.txt" "cannot read: No such file or directory" \
        "$VR/in/vide.txt" "empty file: nothing to read" >> "$W/want"
    same "build --db: a file read since is no longer rejected" "$W/want" "$V/db2/rejects.tsv"
    sources "$V/db2/aidcube.xlsx" > "$W/got"
    printf '%s\n' "casse.xlsx|hash|loaded" "lignes.csv|hash|loaded" "liste.csv|hash|loaded" \
        "absent.txt|-|not read: cannot read: No such file or directory" \
        "vide.txt|-|not read: empty file: nothing to read" > "$W/want"
    same "build --db: the Sources sheet after the fix" "$W/want" "$W/got"
    q "SELECT batch_key, path_given, whole_file FROM rj.v_reject ORDER BY path" > "$W/got"
    printf '%s\n' "1|absent.txt|t" "2|$VR/in/vide.txt|t" > "$W/want"
    same "v_reject: the rejects that stand, of the last batch that saw each file" "$W/want" "$W/got"

    # broken again: the warehouse keeps the content it loaded, and says that
    # the last batch that saw the file could not read it
    printf 'PK\003\004' > "$V/in/casse.xlsx"
    "$BIN" load "$VR/in/casse.xlsx" --db "$PG_CONN" --schema rj -q > /dev/null 2>&1
    "$BIN" build -q --db "$PG_CONN" --schema rj -o "$V/db3" > /dev/null 2>&1 || fail "build --db after the break"
    cut -f1 "$V/db3/rejects.tsv" > "$W/got"
    printf '%s\n' file "$VR/absent.txt" "$VR/in/casse.xlsx" "$VR/in/vide.txt" > "$W/want"
    same "build --db: a file the last batch could not read is listed" "$W/want" "$W/got"
    sources "$V/db3/aidcube.xlsx" | grep '^casse.xlsx' | cut -d'|' -f1-2 > "$W/got"
    printf '%s\n' "casse.xlsx|hash" "casse.xlsx|-" > "$W/want"
    same "build --db: the content loaded before, and the file not read" "$W/want" "$W/got"
    pg_stop
else
    fail "no PostgreSQL cluster"
fi

[ "$nfail" -eq 0 ] && echo "inputs: one list in two files counted once (in process and in the warehouse, either order), a part of it too, a list sharing a row counted; a directory reads its sources and names what it skips; amounts with no dated rate converted at a named year; every file not read on Sources and in rejects.tsv, in process and from the warehouse until read again"
exit $((nfail > 0))
