#!/usr/bin/env bash
# The cube in the warehouse against the in-process cube (tests/pg.sh: a
# throwaway cluster, unix socket only, stopped on exit).  For each set of
# sources -- fixtures/sources as a whole with the two project lists of
# fixtures/sheets (Mali, with 5 rows rejected, and CAR), every fixture and
# every spreadsheet alone, and the seeds (../shared/seeds) when present --
# loaded into a schema of its own (a set with rows rejected: load, cube,
# check and build exit 1 in-process, and 0 from the warehouse):
#  - `aidcube cube --db` prints the same TSV as `aidcube cube` (every cell of
#    the 16 cuboids: members, amount to the cent, origin, reported, computed,
#    derived, flags, projects, facts, sources), and writes as many cells to
#    cube_cell as it prints;
#  - `aidcube check --db` prints the same findings as `aidcube check`, and
#    writes them (finding, a new check_version): the view v_findings gives
#    the same rows (verdict, rule, what, stated, computed, diff, unit, lines);
#  - (whole fixtures and seeds) `aidcube build --db` writes a workbook whose
#    Cube sheet(s) equal the in-process one, cell by cell (openpyxl), and
#    so does every other sheet (Sources names files and hashes, never
#    their folders, which the warehouse keeps canonical);
#  - the GROUP BY CUBE view (v_cube_sql) equals the cube's cells where the
#    cell's value is made of leaf facts only: cells with no flags, origin
#    reported or computed, no member "not stated", every member named a
#    bottom member of its hierarchy (no region or period under it), and the
#    view's row for those members holds no summable amount that is not a
#    leaf (n_not_leaf = 0: no stated total supersedes, nothing overlaps).
#    The grand total is always among them.
set -u
W="$TMP/whc"; mkdir -p "$W"
. tests/pg.sh
pg_start "$TMP/whcpg" || exit 1
q() { "${psql[@]}" -A -t -c "$1"; }
fail() { echo "warehouse cube: $*"; exit 1; }
export AIDCUBE_SQL="$PWD/sql"
SEEDS=../shared/seeds
ncells=0; nfind=0; nvf=0; nsets=0; nsql=0; nxl=0

# one set of sources: $1 schema, $2 workbook too (1/0), $3... the sources
one() {
    local s=$1 wb=$2; shift 2
    local d="$W/$s"; mkdir -p "$d"
    "$BIN" db init --db "$PG_CONN" --schema "$s" > /dev/null || fail "$s: db init"
    # exit 1 in-process: rows of a spreadsheet rejected (the others loaded)
    "$BIN" load "$@" --db "$PG_CONN" --schema "$s" -q > /dev/null 2> "$d/load.err"; [ $? -le 1 ] || fail "$s: load"
    "$BIN" cube -q "$@" > "$d/mem.tsv" 2> "$d/cube.err"; [ $? -le 1 ] || fail "$s: cube"
    "$BIN" cube -q --db "$PG_CONN" --schema "$s" > "$d/db.tsv" || fail "$s: cube --db"
    diff -u "$d/mem.tsv" "$d/db.tsv" > "$d/diff" || { head -20 "$d/diff"; fail "$s: cube --db differs"; }
    # cube_cell holds the funding's cells (the cubes of the kinds shown apart
    # are printed, and computed again from fact.kind_key: never written)
    local n=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "kind") k = i; next }
                          $k == "funding"' "$d/mem.tsv" | wc -l)
    [ "$(q "SELECT count(*) FROM $s.cube_cell")" = "$n" ] || fail "$s: cube_cell rows"
    ncells=$((ncells + n))
    "$BIN" check -q -f tsv "$@" > "$d/mc.tsv" 2> "$d/check.err"
    "$BIN" check -q -f tsv --db "$PG_CONN" --schema "$s" > "$d/dc.tsv" || fail "$s: check --db"
    diff -u "$d/mc.tsv" "$d/dc.tsv" > "$d/diff" || { head -20 "$d/diff"; fail "$s: check --db differs"; }
    # the findings it wrote: v_findings (the latest check version) as check prints them
    "${psql[@]}" -A -t -F $'\t' -c "SELECT verdict, rule, what, coalesce(stated::text, '-'),
        coalesce(computed::text, '-'), coalesce(diff::text, '-'), unit, lines
        FROM $s.v_findings ORDER BY seq" > "$d/vf.tsv" || fail "$s: v_findings"
    tail -n +2 "$d/dc.tsv" | diff -u - "$d/vf.tsv" > "$d/diff" \
        || { head -20 "$d/diff"; fail "$s: v_findings differs from check --db"; }
    [ "$(q "SELECT findings FROM $s.check_version ORDER BY check_version DESC LIMIT 1")" \
        = "$(($(wc -l < "$d/dc.tsv") - 1))" ] || fail "$s: check_version.findings"
    nvf=$((nvf + $(wc -l < "$d/vf.tsv")))
    nfind=$((nfind + $(wc -l < "$d/mc.tsv") - 1))
    if [ "$wb" = 1 ]; then
        "$BIN" build -q "$@" -o "$d/mem" > /dev/null 2> "$d/build.err"; [ $? -le 1 ] || fail "$s: build"
        "$BIN" build -q --db "$PG_CONN" --schema "$s" -o "$d/db" > /dev/null || fail "$s: build --db"
        local k
        k=$(/usr/bin/python3 tests/xlsx_same.py "$d/mem/aidcube.xlsx" "$d/db/aidcube.xlsx") \
            || fail "$s: Cube sheet differs: $k"
        nxl=$((nxl + k))
    fi
    local cmp
    cmp=$(q "SELECT count(*), count(*) FILTER (WHERE c.amount_cents IS DISTINCT FROM v.usd_cents_leaf),
                    count(*) FILTER (WHERE c.cuboid = 0)
             FROM $s.cube_cell c JOIN $s.v_cube_sql v
               ON (CASE WHEN v.all_sectors = 1 THEN 0 ELSE v.sector_key END) = c.sector_key
              AND (CASE WHEN v.all_regions = 1 THEN 0 ELSE v.geo_key END) = c.geo_key
              AND (CASE WHEN v.all_periods = 1 THEN 0 ELSE v.period_key END) = c.period_key
              AND (CASE WHEN v.all_funds = 1 THEN 0 ELSE v.fund_key END) = c.fund_key
             WHERE c.flags = 0 AND c.origin IN ('reported', 'computed') AND v.n_not_leaf = 0
               AND 1 NOT IN (c.sector_key, c.geo_key, c.period_key, c.fund_key)
               AND (v.all_sectors = 1 OR v.sector_key > 1) AND (v.all_regions = 1 OR v.geo_key > 1)
               AND (v.all_periods = 1 OR v.period_key > 1) AND (v.all_funds = 1 OR v.fund_key > 1)
               AND NOT EXISTS (SELECT 1 FROM $s.dim_geography x WHERE x.parent_key = c.geo_key)
               AND NOT EXISTS (SELECT 1 FROM $s.dim_period x WHERE x.parent_key = c.period_key)")
    IFS='|' read -r nc nbad ntot <<< "$cmp"
    [ "$nbad" = 0 ] || fail "$s: $nbad of $nc cells differ from GROUP BY CUBE"
    nsql=$((nsql + nc))
    nsets=$((nsets + 1))
}

# the warehouse reads sources in path order: the spreadsheets' folder
# (fixtures/sheets) sorts before fixtures/sources, caf before mli
one fx 1 fixtures/sheets/caf_qip_2017_2018.csv fixtures/sheets/mli_projets_stabilisation_2019.csv \
    fixtures/sources
# the grand total of the whole fixtures is among the cells compared with SQL
[ "$(q "SELECT count(*) FROM fx.cube_cell c JOIN fx.v_cube_sql v ON v.all_sectors + v.all_regions
        + v.all_periods + v.all_funds = 4 WHERE c.cuboid = 0 AND c.amount_cents = v.usd_cents_leaf")" = 1 ] \
    || fail "the grand total is not the sum of the leaf facts"
i=0
for f in fixtures/sources/* fixtures/sheets/*; do
    i=$((i + 1))
    one "f$i" 0 "$f"
done
if [ -d "$SEEDS" ]; then
    one seeds 1 "$SEEDS"
elif [ "${CI:-}" = true ]; then
    fail "no $SEEDS (CI=true: the seeds are required)"
else
    echo "warehouse cube: seeds skipped, no $SEEDS (outside CI; with CI=true this is a failure)"
fi
# a second cube --db is a new version; is_leaf stays as the build set it
"$BIN" cube -q --db "$PG_CONN" --schema fx > /dev/null || fail "second cube --db"
[ "$(q "SELECT string_agg(cube_version::text, ',' ORDER BY 1) FROM fx.cube_version")" = "1,2" ] \
    || fail "cube versions"
[ "$(q "SELECT count(DISTINCT cube_version) FROM fx.v_cube_cell")" = 1 ] || fail "v_cube_cell"
# a second check --db is a new check version; v_findings shows only it
"$BIN" check -q -f tsv --db "$PG_CONN" --schema fx > /dev/null || fail "second check --db"
[ "$(q "SELECT string_agg(check_version::text, ',' ORDER BY 1) FROM fx.check_version")" = "1,2" ] \
    || fail "check versions"
[ "$(q "SELECT count(DISTINCT check_version) || ' ' || count(*) FROM fx.v_findings")" \
    = "1 $(q "SELECT count(*) FROM fx.finding WHERE check_version = 1")" ] || fail "v_findings versions"
# usage: --db takes no FILE|DIR
"$BIN" cube --db "$PG_CONN" fixtures/sources > /dev/null 2>&1; [ $? = 2 ] || fail "--db with files"
echo "warehouse cube: $nsets source sets: $ncells cells and $nfind findings identical from the warehouse ($nvf rows of v_findings equal); $nxl Cube sheet rows equal; $nsql cells equal to GROUP BY CUBE"
