#!/usr/bin/env bash
# The C cube against PostgreSQL, with the cube's real semantics (cube/cube.h):
# fixtures/gen/oracle_facts.py writes facts at every grain the rules care
# about (calendar years, UN fiscal years and spans; EUR and XOF converted at
# the exact rate of the year the period ends; regions under reported
# groupings; stated totals with their parts, some smaller than the parts);
# tests/bench/bench_cube --print loads them with model_add_source(), builds
# the cube with cube_build() and prints every cell in the columns of
# `aidcube cube`; sql/cube_oracle.sql states every cell's expected value in a
# throwaway PostgreSQL cluster (unix socket only, fsync off, stopped on exit).
# Every cell must be equal, to the cent: value, origin, reported, computed,
# derived, flags, projects.
#
# The facts are fed to the model directly rather than through documents and
# `aidcube extract`: the extract TSV does not say a fiscal year from a span
# nor a stated total from a line item, and this test is about the cube.
set -u
HARNESS=${BENCH_CUBE:-build/rel/bench_cube}
make -s "$HARNESS" > /dev/null || { echo "cannot build $HARNESS"; exit 1; }
W="$TMP/oracle"; mkdir -p "$W"
python3 fixtures/gen/oracle_facts.py 7 > "$W/facts.tsv"
"$HARNESS" --print "$W/facts.tsv" > "$W/cube.tsv" || { echo "bench_cube --print failed"; exit 1; }
grep -v '^#' fixtures/ref/rates.tsv > "$W/rates.tsv"
# each theme's DAC code and group, as the cube names them (the reference data)
python3 -c 'import sys; sys.path.insert(0, "tests"); import cube_invariants as c
t = c.SECTOR_PARENT
for s, code in sorted(t.items()):
    if code in t and not s[:1].isdigit():
        print(f"{s}\t{code}\t{t[code]}")' > "$W/sectors.tsv"

. tests/pg.sh
pg_start "$W" || exit 1

"${psql[@]}" -A -t -F $'\t' > "$W/pg.tsv" <<SQL || exit 1
CREATE TEMP TABLE fact_in (doc text, line int, measure text, value numeric, unit text,
    fund text, country text, region text, sector text, period text, qualifier text,
    pkind text, role text, "group" int);
\copy fact_in FROM '$W/facts.tsv' WITH (FORMAT csv, DELIMITER E'\t', HEADER true, QUOTE E'\x01')
CREATE TEMP TABLE rate_in (currency text, year text, kind text, value numeric, base text,
    source text);
\copy rate_in FROM '$W/rates.tsv' WITH (FORMAT csv, DELIMITER E'\t', HEADER true, QUOTE E'\x01')
CREATE TEMP TABLE sector_in (sector text, scode text, sgrp text);
\copy sector_in FROM '$W/sectors.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
\i sql/cube_oracle.sql
SQL
LC_ALL=C sort "$W/pg.tsv" > "$W/pg.sorted"
tail -n +2 "$W/cube.tsv" | LC_ALL=C sort > "$W/c.sorted"
n=$(wc -l < "$W/c.sorted")
if ! diff -u "$W/pg.sorted" "$W/c.sorted" > "$W/diff"; then
    echo "the C cube differs from PostgreSQL (- PostgreSQL, + C):"; head -40 "$W/diff"; exit 1
fi
[ "$n" -gt 1000 ] || { echo "only $n cells"; exit 1; }
c=$(grep -c $'\tconflict\t' "$W/c.sorted")
[ "$c" -gt 0 ] || { echo "no cell flagged conflict: the stated totals were not exercised"; exit 1; }
echo "cube oracle: $n cells of 16 cuboids equal to PostgreSQL (to the cent; $c conflicts)"
