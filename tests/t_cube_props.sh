#!/usr/bin/env bash
# One cube for one set of sources (cube/cube.h, the order and nesting rules),
# proved as properties over generated statement structures and over every
# fixture set.  Sets: two seeds of fixtures/gen/statements.py (French
# reports and CSV project lists: random funds, countries, regions and
# groupings, nested and overlapping periods, totals and their parts,
# figures stated twice), fixtures/sources, fixtures/sheets and
# ../shared/seeds (skipped when absent, unless CI=true).  For each set:
#  - permutation: `cube` prints the same bytes for the sources given in
#    name order, shuffled, and with a copy of one of them under another name
#    and another reader first (read once, from the smaller path: the copy's
#    facts are replaced), the others reversed;
#  - another fund: for each fund F (two drawn per set), the rows of F are the
#    same without a source that states figures, none of F;
#  - another country: for each country X (two drawn), the rows of X (its
#    regions and groupings) are the same without a source that states
#    figures, none of X;
#  - the promises of tests/cube_invariants.py, among them: no span shown
#    smaller than a period inside it at the same coordinates;
#  - the warehouse (tests/pg.sh, a throwaway cluster): `cube --db` after a
#    `load` of the sources in shuffled order prints what `cube` prints, and
#    `build --db` writes the Summary, Pivot and Cube sheets of the
#    in-process workbook cell by cell (tests/cube_props.py same_sheets);
#  - --split fund: each fund's workbook holds, on its Cube sheet, the main
#    workbook's rows of that fund cell by cell (tests/cube_props.py split),
#    and the main workbook's fund rows (Summary table A, amounts and
#    projects) equal PivotTable2's (its plain cells and `cube --pivot`) and
#    the cube's fund cells (tests/cube_props.py rows).
set -u
W="$TMP/props"; rm -rf "$W"; mkdir -p "$W"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export AIDCUBE_SQL="$PWD/sql"
. tests/pg.sh
pg_start "$W/pg" || exit 1
n_sets=0

cube() {   # cube OUT FILE...: exit 0 or 1 (rows rejected) only
    local out=$1; shift
    "$BIN" cube -q "$@" > "$out" 2> "$out.err"
    [ $? -le 1 ] || { bad "cube $*: exit status"; cat "$out.err"; }
}

# one set: $1 its name, $2... its files (copied into the set's directory,
# so that a copy named zz-* has the larger path)
check_set() {
    local name=$1; shift
    local d="$W/$name"; mkdir -p "$d/src" "$d/wb"
    cp "$@" "$d/src/"
    local sorted rev shuf
    mapfile -t sorted < <(printf '%s\n' "$d"/src/* | LC_ALL=C sort)
    mapfile -t rev < <(printf '%s\n' "${sorted[@]}" | tac)
    mapfile -t shuf < <(printf '%s\n' "${sorted[@]}" | shuf --random-source=<(yes "$name"))
    cube "$d/base.tsv" "${sorted[@]}"
    cube "$d/perm-shuffled.tsv" "${shuf[@]}"
    cp "${sorted[0]}" "$d/zz-copy"
    cube "$d/perm-copy-first.tsv" "$d/zz-copy" "${rev[@]}"
    # the funds and countries of each source: without the first (by name)
    # that states some figure and none of x, the rows of x
    "$BIN" extract -q "${sorted[@]}" > "$d/extract.tsv" 2> /dev/null
    python3 tests/cube_props.py facts "$d/extract.tsv" > "$d/facts.tsv"
    : > "$d/without.tsv"
    local what col x s k=0
    for what in fund country; do
        col=$([ "$what" = fund ] && echo 2 || echo 3)
        for x in $(cut -f"$col" "$d/facts.tsv" | tr ',' '\n' | LC_ALL=C sort -u | grep . | shuf --random-source=<(yes "$name$what") | head -2); do
            s=$(awk -F'\t' -v c="$col" -v x="$x" '$2 != "" && $3 != "" &&
                index("," $c ",", "," x ",") == 0 { print $1; exit }' "$d/facts.tsv")
            [ -n "$s" ] || continue
            k=$((k + 1))
            cube "$d/without-$k.tsv" $(printf '%s\n' "${sorted[@]}" | grep -v "/$s\$")
            printf '%s\t%s\t%s\t%s\n' "$what" "$x" "$s" "$d/without-$k.tsv" >> "$d/without.tsv"
        done
    done
    # the warehouse, loaded in shuffled order (one schema per set)
    local schema="p$n_sets"
    "$BIN" db init --db "$PG_CONN" --schema "$schema" > /dev/null || bad "$name: db init"
    "$BIN" load -q "${shuf[@]}" --db "$PG_CONN" --schema "$schema" > /dev/null 2>&1
    [ $? -le 1 ] || bad "$name: load"
    "$BIN" cube -q --db "$PG_CONN" --schema "$schema" > "$d/db.tsv" || bad "$name: cube --db"
    "$BIN" build -q --db "$PG_CONN" --schema "$schema" -o "$d/wbdb" > /dev/null 2>&1
    [ $? -le 1 ] || bad "$name: build --db"
    "$BIN" cells "$d/wbdb/aidcube.xlsx" > "$d/db.cells" || bad "$name: cells of build --db"
    # the workbooks, split by fund
    "$BIN" build -q "${shuf[@]}" -o "$d/wb" --split fund > /dev/null 2>&1
    [ $? -le 1 ] || bad "$name: build --split fund"
    "$BIN" cube -q --pivot "${sorted[@]}" > "$d/pivot.tsv" 2> /dev/null
    "$BIN" cells "$d/wb/aidcube.xlsx" > "$d/main.cells" || bad "$name: cells"
    for wb in "$d"/wb/aidcube-*.xlsx; do
        [ -e "$wb" ] && { "$BIN" cells "$wb" > "${wb%.xlsx}.cells" || bad "$name: cells $wb"; }
    done
    if python3 tests/cube_props.py set "$d" > "$d/set.out"; then
        echo "$name: $# sources, $(($(wc -l < "$d/base.tsv") - 1)) cells: $(cat "$d/set.out")"
    else
        bad "$name:"; cat "$d/set.out"
    fi
    n_sets=$((n_sets + 1))
}

for seed in 1 2; do
    python3 fixtures/gen/statements.py "$seed" "$W/gen$seed" || bad "generator, seed $seed"
    check_set "generated-$seed" "$W/gen$seed"/src/*
done
check_set fixtures-sources fixtures/sources/*
check_set fixtures-sheets fixtures/sheets/*
if [ -d ../shared/seeds ]; then
    check_set seeds ../shared/seeds/*
elif [ "${CI:-}" = true ]; then
    bad "no ../shared/seeds (CI=true: the seeds are required)"
else
    echo "seeds: skipped, no ../shared/seeds (outside CI; with CI=true this is a failure)"
fi
[ "$fail" = 0 ] && echo "cube properties: $n_sets sets"
exit $fail
