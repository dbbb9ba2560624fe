#!/usr/bin/env bash
# Faults of the warehouse that once failed a load or left stale facts
# (tests/pg.sh: a throwaway cluster, unix socket only, stopped on exit):
#  - a file name that is not valid UTF-8 (a text and a spreadsheet, whose
#    sheet is named after the file): the load succeeds, every source loaded,
#    the name stored with the escaping of the TSV outputs (\xE9), and
#    `cube --db` prints what `cube` prints;
#  - a path is a source: a known path given the content of another loaded
#    path (cp b a), the reverse (cp a b), a swap of two names (mv) and a
#    rename over a loaded path: after each load `cube --db` prints exactly
#    what `cube` prints for the same files, and no fact is stored twice.
set -u
W="$TMP/whf"; rm -rf "$W"; mkdir -p "$W"
. tests/pg.sh
pg_start "$TMP/whfpg" || exit 1
q() { "${psql[@]}" -A -t -c "$1"; }
fail() { echo "warehouse faults: $*"; exit 1; }
export AIDCUBE_SQL="$PWD/sql"

# same SCHEMA FILE...: cube --db equals cube FILE... (every cell, its sources)
same() {
    local s=$1; shift
    "$BIN" cube -q "$@" > "$W/mem.tsv" 2> /dev/null; [ $? -le 1 ] || fail "$s: cube"
    "$BIN" cube -q --db "$PG_CONN" --schema "$s" > "$W/db.tsv" || fail "$s: cube --db"
    diff -u "$W/mem.tsv" "$W/db.tsv" > "$W/diff" || { head -20 "$W/diff"; fail "$s: cube --db differs from cube $*"; }
}
load() {
    local s=$1; shift
    "$BIN" load -q "$@" --db "$PG_CONN" --schema "$s" > "$W/load.out" 2> "$W/load.err"
    [ $? -le 1 ] || fail "$s: load $*: $(cat "$W/load.out" "$W/load.err")"
}
init() { "$BIN" db init --db "$PG_CONN" --schema "$1" > /dev/null || fail "db init $1"; }

# ---- a file name that is not valid UTF-8 ----
d="$W/names"; mkdir -p "$d"
printf 'Le QIP de Gao a co\xc3\xbbt\xc3\xa9 45 000 USD en 2017.\n' > "$d/caf"$'\xe9'".txt"
printf 'Un QIP de 30 000 USD a \xc3\xa9t\xc3\xa9 financ\xc3\xa9 \xc3\xa0 Mopti en 2018.\n' > "$d/good.txt"
cp fixtures/sheets/caf_qip_2017_2018.csv "$d/qip"$'\xff'".csv"
init names
"$BIN" load "$d" --db "$PG_CONN" --schema names > "$W/n.out" 2> "$W/n.err" \
    || fail "load of a file name not UTF-8: $(cat "$W/n.out" "$W/n.err")"
grep -q "committed: 3 sources seen, 3 loaded, 0 skipped, 0 replaced, 0 rejected" "$W/n.out" \
    || fail "names: $(cat "$W/n.out")"
[ "$(q "SELECT string_agg(name, '|' ORDER BY name) FROM names.dim_source")" = 'caf\xE9.txt|good.txt|qip\xFF.csv' ] \
    || fail "names stored: $(q "SELECT name FROM names.dim_source")"
[ "$(q "SELECT string_agg(DISTINCT sheet, '|') FROM names.fact WHERE sheet IS NOT NULL")" = 'qip\xFF' ] \
    || fail "sheet names stored: $(q "SELECT DISTINCT sheet FROM names.fact")"
[ "$(q "SELECT count(*) FROM names.batch_source WHERE path LIKE '%\\\\x%'")" = 2 ] \
    || fail "batch_source paths: $(q "SELECT path FROM names.batch_source")"
# the escaped spelling is extract's doc column
"$BIN" extract -q "$d" | tail -n +2 | cut -f1 | sort -u > "$W/docs.x"
q "SELECT DISTINCT s.name FROM names.fact JOIN names.dim_source s USING (source_key) ORDER BY 1" > "$W/docs.pg"
LC_ALL=C sort -o "$W/docs.pg" "$W/docs.pg"
diff -u "$W/docs.x" "$W/docs.pg" > "$W/diff" || { cat "$W/diff"; fail "names are not extract's"; }
same names "$d"
# loaded again: skipped, the names known
load names "$d"
grep -q "skipped: 3 sources seen, 0 loaded, 3 skipped" "$W/load.out" || fail "names reload: $(cat "$W/load.out")"
# a reject of that file keeps its path escaped
printf '"N°","Intitulé du projet","Région","Budget total","Devise"\n"1","Puits","Gao","n.c.","USD"\n"2","Pont","Mopti","12 000","USD"\n' \
    > "$d/rej"$'\xfe'".csv"
load names "$d"
[ "$(q "SELECT count(*) FROM names.reject WHERE path LIKE '%rej\\\\xFE.csv' AND sheet = 'rej\\xFE'")" -ge 1 ] \
    || fail "reject of a file name not UTF-8: $(q "SELECT path, sheet, raw, reason FROM names.reject")"
same names "$d"

# ---- db migrate from version 5: the names written before escaped once ----
mkdir -p "$W/sql5"; cp sql/00[1-5]_*.sql "$W/sql5"
"$BIN" db init --db "$PG_CONN" --schema m5 --sql-dir "$W/sql5" > /dev/null || fail "db init (version 5)"
q "INSERT INTO m5.batch (status) VALUES ('committed');
   INSERT INTO m5.dim_source (path, name, sha256, bytes, batch_key)
   VALUES (E'/x/a\\\\b\tc.txt', E'a\\\\b\tc.txt', repeat('a', 64), 1, 1)" > /dev/null
"$BIN" db migrate --db "$PG_CONN" --schema m5 > "$W/m5" || fail "db migrate 5 -> 14"
grep -q "version 5 -> 14" "$W/m5" || fail "db migrate 5 -> 14: $(cat "$W/m5")"
[ "$(q "SELECT path || '|' || name FROM m5.dim_source")" = '/x/a\\b\tc.txt|a\\b\tc.txt' ] \
    || fail "migrated names: $(q "SELECT path, name FROM m5.dim_source")"
"$BIN" db migrate --db "$PG_CONN" --schema m5 | grep -q "nothing to apply" || fail "second migrate"

# ---- a path is a source ----
mk() {  # mk DIR: a.txt and b.txt, two contents with facts
    mkdir -p "$1"
    printf 'Le QIP de Gao a co\xc3\xbbt\xc3\xa9 45 000 USD en 2017.\n' > "$1/a.txt"
    printf 'Un QIP de 30 000 USD a \xc3\xa9t\xc3\xa9 financ\xc3\xa9 \xc3\xa0 Mopti en 2018.\n' > "$1/b.txt"
}
# no fact stored twice: the facts of the warehouse are one content's each
once() {
    [ "$(q "SELECT count(*) FROM (SELECT sha256 FROM $1.fact JOIN $1.dim_source USING (source_key)
            GROUP BY sha256 HAVING count(DISTINCT source_key) > 1) x")" = 0 ] || fail "$1: facts stored twice"
}
# cp b a: a.txt replaced by b's content
d="$W/cpba"; mk "$d"; init cpba
load cpba "$d/a.txt" "$d/b.txt"; same cpba "$d/a.txt" "$d/b.txt"
cp "$d/b.txt" "$d/a.txt"
load cpba "$d/a.txt" "$d/b.txt"
grep -q "committed: 2 sources seen, 0 loaded, 1 skipped, 1 replaced" "$W/load.out" || fail "cp b a: $(cat "$W/load.out")"
same cpba "$d/a.txt" "$d/b.txt"; once cpba
# a.txt given its first content again: replaced again
mk "$d"; load cpba "$d/a.txt" "$d/b.txt"; same cpba "$d/a.txt" "$d/b.txt"; once cpba
# cp a b: b.txt replaced by a's content (b is the copy in the batch)
d="$W/cpab"; mk "$d"; init cpab
load cpab "$d/a.txt" "$d/b.txt"
cp "$d/a.txt" "$d/b.txt"
load cpab "$d/a.txt" "$d/b.txt"
grep -q "committed: 2 sources seen, 0 loaded, 1 skipped, 1 replaced" "$W/load.out" || fail "cp a b: $(cat "$W/load.out")"
same cpab "$d/a.txt" "$d/b.txt"; once cpab
# then a.txt changes: b.txt keeps the content a.txt had
printf 'Un QIP de 12 000 USD a \xc3\xa9t\xc3\xa9 financ\xc3\xa9 \xc3\xa0 Kidal en 2019.\n' > "$d/a.txt"
load cpab "$d/a.txt" "$d/b.txt"
same cpab "$d/a.txt" "$d/b.txt"; once cpab
# a swap of two names
d="$W/swap"; mk "$d"; init swap
load swap "$d/a.txt" "$d/b.txt"
mv "$d/a.txt" "$d/t.txt"; mv "$d/b.txt" "$d/a.txt"; mv "$d/t.txt" "$d/b.txt"
load swap "$d/a.txt" "$d/b.txt"
grep -q "committed: 2 sources seen, 0 loaded, 0 skipped, 2 replaced" "$W/load.out" || fail "swap: $(cat "$W/load.out")"
same swap "$d/a.txt" "$d/b.txt"; once swap
# a rename over a loaded path (mv b a), then only a.txt loaded
d="$W/mv"; mk "$d"; init mv
load mv "$d/a.txt" "$d/b.txt"
mv "$d/b.txt" "$d/a.txt"
load mv "$d/a.txt"
same mv "$d/a.txt"; once mv
# and b.txt created again with a's old content
mk "$d"; rm "$d/a.txt"; cp "$d/b.txt" "$d/a.txt"
printf 'Le QIP de Gao a co\xc3\xbbt\xc3\xa9 45 000 USD en 2017.\n' > "$d/b.txt"
load mv "$d/a.txt" "$d/b.txt"
same mv "$d/a.txt" "$d/b.txt"; once mv

echo "warehouse faults: file names not UTF-8 loaded, stored escaped as extract shows them; cp b a, cp a b, a swap and a rename: cube --db = cube, no fact stored twice"
