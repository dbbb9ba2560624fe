#!/usr/bin/env bash
# A sharded warehouse (aidcube db init --shards, sql/shards/) against one
# server.  Three throwaway clusters (tests/pg.sh, unix sockets only): the
# coordinator C, and shards S1, S2.  C also holds schema "single", the
# single-server warehouse the sharded one ("aidcube" on C, S1 and S2) is
# compared with.  Both load the same copy of fixtures/sources and the two
# project lists of fixtures/sheets, then:
#  - db init --shards with shard 2 unreachable: the message names shard 2
#    and its conninfo ("could not connect"), exit 5, and nothing is made on
#    the coordinator (no schema, no foreign server); run again with both
#    shards up: version 0 -> N; once more: nothing to apply; db migrate
#    with a file to apply: refused (exit 5), nothing applied;
#  - load prints the same batch line (and exit status) on both;
#  - the facts sit on the shards: each shard's fact table holds some, their
#    sum is the coordinator's count and the single server's, every fact
#    equal to the single server's column by column and on the shard its
#    source_key hashes to; the tables fact references equal on the
#    coordinator and each shard; each shard holds every dimension row its
#    facts reference (its foreign keys) and refuses a fact with an unknown
#    member or a duplicate key (its own constraints, through the
#    coordinator);
#  - a GROUP BY over fact runs on both shards at once (EXPLAIN: two Async
#    Foreign Scans, the aggregate in the remote SQL);
#  - `cube --db`, `check -f tsv --db` print the same bytes; `build --db`
#    writes workbooks equal cell for cell (tests/xlsx_same.py); the
#    GROUP BY CUBE view v_cube_sql gives the same rows;
#  - a source loaded again with a new content is replaced once (batch line
#    "1 replaced", its facts once: the same count as on one server, no
#    (source_key, fact_no) twice), and the outputs above are still equal;
#  - a project list loaded again without a row: the same (its projects
#    deleted and written again, on the shards too);
#  - a path whose content another path of the batch copied gets a new
#    content: the copy takes the facts over (their source_key changes: a
#    move between shards when the keys hash apart), and the outputs above
#    are still equal.
# A failing assertion prints the diff.
set -u
W="$TMP/shards"; mkdir -p "$W"
. tests/pg.sh
fail() { echo "shards: $*"; exit 1; }
export AIDCUBE_SQL="$PWD/sql"
pg_start "$W/c" || exit 1
C=$PG_CONN
q() { "${psql[@]}" -A -t -c "$1"; }
# psql on shard DIR
qs() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$1/sock" -U aidcube -d postgres -c "$2"; }
pg_start_more "$W/s1" || exit 1; S1=$PG_MORE_CONN
pg_start_more "$W/s2" || exit 1; S2=$PG_MORE_CONN
SH=(--schema aidcube); ONE=(--schema single)

# -- a shard that cannot be reached: a clear error, nothing made ----------
GONE="host=$W/nowhere user=aidcube dbname=postgres"
"$BIN" db init --db "$C" --shards "$S1,$GONE" > "$W/init.out" 2> "$W/init.err"; st=$?
[ "$st" = 5 ] || { cat "$W/init.err"; fail "unreachable shard: exit $st, not 5"; }
grep -q "^aidcube: db init: shard 2 (host=$W/nowhere user=aidcube dbname=postgres): could not connect: " \
    "$W/init.err" || { cat "$W/init.err"; fail "unreachable shard: message"; }
[ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aidcube%'")" = 0 ] \
    || fail "unreachable shard: a schema was made on the coordinator"
[ "$(q "SELECT count(*) FROM pg_foreign_server")" = 0 ] \
    || fail "unreachable shard: a foreign server was made on the coordinator"

# -- a database given twice (two shards, or the coordinator as a shard):
# refused before anything is made (it hung every load: two connections to
# one database in one transaction)
nothing_made() {   # nothing_made WHAT: no schema, no foreign server anywhere
    [ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aidcube%'")" = 0 ] \
        || fail "$1: a schema was made on the coordinator"
    [ "$(q "SELECT count(*) FROM pg_foreign_server")" = 0 ] \
        || fail "$1: a foreign server was made on the coordinator"
    [ "$(qs "$W/s1" "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'aidcube%'")" = 0 ] \
        || fail "$1: a schema was made on shard 1"
}
for twice in "$S1,$S1" "$S1,$C"; do
    "$BIN" db init --db "$C" --shards "$twice" > "$W/init.out" 2> "$W/init.err"; st=$?
    [ "$st" = 5 ] || { cat "$W/init.err"; fail "a database twice ($twice): exit $st, not 5"; }
    grep -q "^aidcube: db init: shard 2 (.*): is the coordinator's database or an earlier shard's (or another db init --shards is running on it): each shard must be a database of its own$" \
        "$W/init.err" || { cat "$W/init.err"; fail "a database twice: message"; }
    nothing_made "a database twice ($twice)"
done

# -- init -------------------------------------------------------------------
latest=$(ls sql | sed -n 's/^0*\([0-9][0-9]*\)_.*\.sql$/\1/p' | sort -n | tail -1)
"$BIN" db init --db "$C" "${SH[@]}" --shards "$S1,$S2" > "$W/init.out" || fail "db init --shards"
[ "$(cat "$W/init.out")" = "schema aidcube: version 0 -> $latest" ] || { cat "$W/init.out"; fail "db init --shards: output"; }
"$BIN" db init --db "$C" "${SH[@]}" --shards "$S1,$S2" > "$W/init.out" || fail "db init --shards again"
[ "$(cat "$W/init.out")" = "schema aidcube: at version $latest, nothing to apply" ] \
    || { cat "$W/init.out"; fail "db init --shards again: output"; }
# again with another list: the shards stay as they are, and it says so
"$BIN" db init --db "$C" "${SH[@]}" --shards "$S2,$S1" > "$W/init.out" 2> "$W/init.err" \
    || fail "db init --shards, another list"
[ "$(cat "$W/init.err")" = 'aidcube: db init: schema "aidcube" is sharded over 2 shards already: the --shards list is not read again, the shards stay as they are' ] \
    || { cat "$W/init.err"; fail "db init --shards, another list: no warning"; }
"$BIN" db init --db "$C" "${ONE[@]}" > /dev/null || fail "db init (one server)"
# a file to apply on a sharded schema: refused (it would change the
# coordinator's fact and not the shards'), nothing applied
mkdir -p "$W/sql"; cp -r sql/. "$W/sql"; echo "SELECT 1;" > "$W/sql/999_next.sql"
"$BIN" db migrate --db "$C" "${SH[@]}" --sql-dir "$W/sql" > /dev/null 2> "$W/mig.err"; st=$?
[ "$st" = 5 ] && grep -q '^aidcube: database: schema "aidcube" is sharded: ' "$W/mig.err" \
    || { cat "$W/mig.err"; fail "db migrate on a sharded schema: exit $st"; }
[ "$(q "SELECT max(version) FROM aidcube.schema_version")" = "$latest" ] || fail "db migrate on a sharded schema applied a file"

# -- load the same sources into both ------------------------------------------
mkdir -p "$W/in/sheets"
cp -r fixtures/sources "$W/in/sources"
cp fixtures/sheets/caf_qip_2017_2018.csv fixtures/sheets/mli_projets_stabilisation_2019.csv "$W/in/sheets"
IN=("$W/in/sheets/caf_qip_2017_2018.csv" "$W/in/sheets/mli_projets_stabilisation_2019.csv" "$W/in/sources")
load_both() {   # load_both TAG FILES...: the same batch line and status
    local t=$1; shift
    "$BIN" load -q "$@" --db "$C" "${ONE[@]}" > "$W/$t.one" 2> /dev/null; echo "exit $?" >> "$W/$t.one"
    "$BIN" load -q "$@" --db "$C" "${SH[@]}" > "$W/$t.sh" 2> "$W/$t.err"; echo "exit $?" >> "$W/$t.sh"
    diff -u "$W/$t.one" "$W/$t.sh" || { cat "$W/$t.err"; fail "$t: load prints another line on shards"; }
}
load_both load "${IN[@]}"

# -- the facts sit on the shards ------------------------------------------------
facts_placed() {   # the facts: on each shard, summed, as on one server
    local n1 n2 nc n1s
    n1=$(qs "$W/s1" "SELECT count(*) FROM aidcube.fact"); n2=$(qs "$W/s2" "SELECT count(*) FROM aidcube.fact")
    nc=$(q "SELECT count(*) FROM aidcube.fact"); n1s=$(q "SELECT count(*) FROM single.fact")
    [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] || fail "$1: facts per shard: $n1, $n2 (each must hold some)"
    [ $((n1 + n2)) = "$nc" ] && [ "$nc" = "$n1s" ] \
        || fail "$1: facts: shards $n1 + $n2, coordinator $nc, one server $n1s"
    # every fact the same, column by column (the keys are the same: both
    # schemas had the same loads in the same order)
    for s in single aidcube; do
        q "SELECT * FROM $s.fact ORDER BY source_key, fact_no" > "$W/$1.facts.$s" || fail "$1: facts of $s"
    done
    diff -u "$W/$1.facts.single" "$W/$1.facts.aidcube" | head -20
    cmp -s "$W/$1.facts.single" "$W/$1.facts.aidcube" || fail "$1: the facts differ from one server's"
    # each fact on the shard its source_key hashes to (the coordinator
    # looks nowhere else for it)
    [ "$(q "SELECT count(*) FROM aidcube.fact f
            JOIN aidcube.shard s ON s.partition_name = f.tableoid::regclass::text
            WHERE NOT satisfies_hash_partition('aidcube.fact'::regclass, 2, s.shard_no - 1, f.source_key)")" = 0 ] \
        || fail "$1: a fact on a shard its source_key does not hash to"
    # the tables fact references: on each shard as on the coordinator
    local t nt=0
    for t in $(q "SELECT aidcube.shard_replicated()"); do
        q "SELECT * FROM aidcube.$t ORDER BY 1" > "$W/$1.$t.c"
        for sh in s1 s2; do
            qs "$W/$sh" "SELECT * FROM aidcube.$t ORDER BY 1" > "$W/$1.$t.$sh"
            diff -u "$W/$1.$t.c" "$W/$1.$t.$sh" | head -20
            cmp -s "$W/$1.$t.c" "$W/$1.$t.$sh" || fail "$1: $t on $sh differs from the coordinator's"
        done
        nt=$((nt + 1))
    done
    [ "$nt" -ge 10 ] || fail "$1: $nt tables copied to the shards (batch, dim_source, 8 dimensions)"
    echo "$1: facts on shard 1: $n1, shard 2: $n2 (one server: $n1s), equal column by column, each on its source's shard; $nt tables copied to both shards"
}
facts_placed load
# every source's facts on one shard, and the shard holds every member row
for s in s1 s2; do
    r=$(qs "$W/$s" "SELECT count(*) FROM aidcube.fact f WHERE NOT EXISTS
                      (SELECT 1 FROM aidcube.dim_source d WHERE d.source_key = f.source_key)")
    [ "$r" = 0 ] || fail "$s: $r facts of a source the shard does not hold"
done
# the shard's own constraints stand, through the coordinator
k=$(q "SELECT source_key FROM aidcube.fact WHERE fact_no = 2 LIMIT 1")
"${psql[@]}" -c "UPDATE aidcube.fact SET sector_key = 999999 WHERE source_key = $k AND fact_no = 1" \
    2> "$W/fk.err" && fail "a fact with an unknown sector was taken"
grep -q 'violates foreign key constraint "fact_sector_key_fkey"' "$W/fk.err" || { cat "$W/fk.err"; fail "foreign key: message"; }
"${psql[@]}" -c "UPDATE aidcube.fact SET fact_no = 2 WHERE source_key = $k AND fact_no = 1" \
    2> "$W/pk.err" && fail "a duplicate fact key was taken"
grep -q 'duplicate key value violates unique constraint "fact_pkey"' "$W/pk.err" || { cat "$W/pk.err"; fail "primary key: message"; }
# a GROUP BY over fact: on both shards at once, the aggregate pushed down
"${psql[@]}" -A -t -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT source_key, sum(usd_cents)
                       FROM aidcube.fact GROUP BY source_key" > "$W/plan"
[ "$(grep -c 'Async Foreign Scan' "$W/plan")" = 2 ] && grep -q 'Remote SQL: SELECT .*sum(usd_cents).* GROUP BY' "$W/plan" \
    || { cat "$W/plan"; fail "the GROUP BY does not run on the shards in parallel"; }

# -- the same outputs ---------------------------------------------------------
same_outputs() {   # cube, check, build and v_cube_sql: one server = shards
    local t=$1 k
    "$BIN" cube -q --db "$C" "${ONE[@]}" > "$W/$t.cube.one" || fail "$t: cube --db (one server)"
    "$BIN" cube -q --db "$C" "${SH[@]}" > "$W/$t.cube.sh" || fail "$t: cube --db (shards)"
    diff -u "$W/$t.cube.one" "$W/$t.cube.sh" | head -40
    cmp -s "$W/$t.cube.one" "$W/$t.cube.sh" || fail "$t: cube --db differs"
    "$BIN" check -q -f tsv --db "$C" "${ONE[@]}" > "$W/$t.check.one" || fail "$t: check --db (one server)"
    "$BIN" check -q -f tsv --db "$C" "${SH[@]}" > "$W/$t.check.sh" || fail "$t: check --db (shards)"
    diff -u "$W/$t.check.one" "$W/$t.check.sh" | head -40
    cmp -s "$W/$t.check.one" "$W/$t.check.sh" || fail "$t: check --db differs"
    "$BIN" build -q --db "$C" "${ONE[@]}" -o "$W/$t.wb.one" > /dev/null || fail "$t: build --db (one server)"
    "$BIN" build -q --db "$C" "${SH[@]}" -o "$W/$t.wb.sh" > /dev/null || fail "$t: build --db (shards)"
    k=$(/usr/bin/python3 tests/xlsx_same.py "$W/$t.wb.one/aidcube.xlsx" "$W/$t.wb.sh/aidcube.xlsx") \
        || { echo "$k"; fail "$t: build --db: the workbooks differ"; }
    for s in single aidcube; do
        q "SELECT * FROM $s.v_cube_sql ORDER BY 1, 2, 3, 4, 5, 6, 7, 8" > "$W/$t.sql.$s" || fail "$t: v_cube_sql ($s)"
    done
    diff -u "$W/$t.sql.single" "$W/$t.sql.aidcube" | head -40
    cmp -s "$W/$t.sql.single" "$W/$t.sql.aidcube" || fail "$t: v_cube_sql differs"
    echo "$t: cube $(($(wc -l < "$W/$t.cube.sh") - 1)) cells, check $(($(wc -l < "$W/$t.check.sh") - 1)) findings, Cube sheet $k rows, v_cube_sql $(wc -l < "$W/$t.sql.aidcube") rows: equal"
}
same_outputs load

# -- a source loaded again with a new content: replaced once ------------------
f=$(grep -l '[0-9]' "$W"/in/sources/* | head -1)
printf '\nEn 2019, le Fonds a financé 3 projets pour 1 250 000 USD.\n' >> "$f"
load_both reload "$f"
grep -q ' 1 replaced, ' "$W/reload.sh" || { cat "$W/reload.sh"; fail "reload: not replaced"; }
key=$(q "SELECT source_key FROM aidcube.dim_source WHERE name = '$(basename "$f")'")
n=$(q "SELECT count(*), count(DISTINCT fact_no) FROM aidcube.fact WHERE source_key = $key")
n1=$(q "SELECT count(*), count(DISTINCT fact_no) FROM single.fact f JOIN single.dim_source d
        USING (source_key) WHERE d.name = '$(basename "$f")'")
[ "$n" = "$n1" ] && [ "${n%|*}" = "${n#*|}" ] || fail "reload: the source's facts $n (count|distinct), one server $n1"
facts_placed reload
same_outputs reload

# -- a project list loaded again without its first project: replaced once,
# its projects deleted and written again on the shards too ------------------
sed -i 5d "$W/in/sheets/caf_qip_2017_2018.csv"
load_both sheet "$W/in/sheets/caf_qip_2017_2018.csv"
grep -q ' 1 replaced, ' "$W/sheet.sh" || { cat "$W/sheet.sh"; fail "sheet: not replaced"; }
facts_placed sheet
same_outputs sheet

# -- a content whose path gets another: its copy takes the facts over -------
# (UPDATE fact SET source_key: a row moved to another partition when the
# two keys hash apart)
g=$(ls "$W"/in/sources/* | sed -n 3p); x=${g##*.}; mkdir -p "$W/in/copies"
{ cat "$g"; printf '\nCopie.\n'; } > "$W/in/copies/a.$x"; cp "$W/in/copies/a.$x" "$W/in/copies/b.$x"
load_both copies "$W/in/copies"
printf '\nAutre.\n' >> "$W/in/copies/a.$x"
load_both moved "$W/in/copies/a.$x"
ka=$(q "SELECT source_key FROM aidcube.dim_source WHERE name = 'a.$x'")
kb=$(q "SELECT source_key FROM aidcube.dim_source WHERE name = 'b.$x'")
apart=$(q "SELECT NOT satisfies_hash_partition('aidcube.fact'::regclass, 2,
                  (SELECT shard_no - 1 FROM aidcube.shard s JOIN pg_class c ON c.relname = s.partition_name
                   JOIN aidcube.fact f ON f.tableoid = c.oid WHERE f.source_key = $kb LIMIT 1), $ka)")
facts_placed moved
same_outputs moved
echo "moved: the facts of a.$x (key $ka) taken over by b.$x (key $kb), on another shard: $apart"
echo "shards: ok"
