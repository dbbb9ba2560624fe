#!/usr/bin/env bash
# pg_regress-style tests of the schema and its views (tests/sql/NAME.sql
# with the expected output tests/sql/NAME.out): in a throwaway cluster
# (tests/pg.sh), schema aidcube initialised and fixtures/sources/
# mli_qip_table.txt loaded, schema regress initialised and empty (for the
# hand-made rows of views.sql); each file is run by psql as pg_regress runs
# it (statements echoed, errors terse, not stopping at one) and its output
# must equal the .out exactly (client encoding UTF8: the alignment of
# accented names does not depend on the locale).  ACCEPT=1 rewrites the
# .out files.
set -u
W="$TMP/sqlr"; mkdir -p "$W"
. tests/pg.sh
pg_start "$TMP/sqlpg" || exit 1
fail() { echo "sql: $*"; exit 1; }
export AIDCUBE_SQL="$PWD/sql"
"$BIN" db init --db "$PG_CONN" > /dev/null || fail "db init"
"$BIN" load fixtures/sources/mli_qip_table.txt --db "$PG_CONN" -q > /dev/null || fail "load"
"$BIN" db init --db "$PG_CONN" --schema regress > /dev/null || fail "db init --schema regress"
n=0; nst=0
for f in tests/sql/*.sql; do
    b=${f%.sql}
    # as pg_regress: psql -a -q on stdin, errors on the same stream
    PGCLIENTENCODING=UTF8 psql -X -a -q -v VERBOSITY=terse -h "$PG_DIR/sock" -U aidcube -d postgres \
        < "$f" > "$W/$(basename "$b").out" 2>&1
    if [ "${ACCEPT:-}" = 1 ]; then
        cp "$W/$(basename "$b").out" "$b.out"
    fi
    diff -u "$b.out" "$W/$(basename "$b").out" > "$W/diff" \
        || { head -40 "$W/diff"; fail "$f: output differs from $b.out"; }
    n=$((n + 1))
    nst=$((nst + $(grep -c ';$' "$f")))
done
[ "$n" -gt 0 ] || fail "no tests/sql/*.sql"
echo "sql: $n files ($nst statements) with the expected output; $(cat tests/sql/*.out | grep -c '^ERROR:') rows rejected by constraints"
