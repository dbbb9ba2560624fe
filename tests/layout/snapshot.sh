#!/usr/bin/env bash
# snapshot.sh AIDCUBE OUTDIR: the outputs of extract, check, cube and build on
# every fixture and on the seeds (../shared/seeds), one file per command, so
# that a refactoring can be proved byte-identical (tests/t_layout_same.sh).
# Workbooks are recorded by SHA-256 (builds are reproducible under AIDCUBE_TEST).
set -u
BIN=$1; OUT=$2
mkdir -p "$OUT"
export LC_ALL=C TZ=UTC AIDCUBE_TEST=1
SEEDS=../shared/seeds
run() {   # run NAME CMD...: stdout, stderr and exit status of one command
    local n=$1; shift
    "$@" > "$OUT/$n.out" 2> "$OUT/$n.err"; echo $? > "$OUT/$n.code"
}
files=(fixtures/sources/* fixtures/sheets/*)
[ -d "$SEEDS" ] && files+=("$SEEDS"/*)
for f in "${files[@]}"; do
    n=$(basename "$f")
    run "extract.$n" "$BIN" extract "$f"
    run "check.$n" "$BIN" check --format tsv "$f"
done
sets=("fixtures fixtures/sources fixtures/sheets")
[ -d "$SEEDS" ] && sets+=("seeds $SEEDS" "all $SEEDS fixtures/sources fixtures/sheets")
for s in "${sets[@]}"; do
    set -- $s; n=$1; shift
    run "extract.set.$n" "$BIN" extract "$@"
    run "check.set.$n" "$BIN" check --format tsv "$@"
    run "cube.set.$n" "$BIN" cube "$@"
    run "cubepivot.set.$n" "$BIN" cube --pivot "$@"
    rm -rf "$OUT/wb"
    run "build.set.$n" "$BIN" build "$@" -o "$OUT/wb" --split fund
    ( cd "$OUT/wb" && for w in *; do printf '%s  %s\n' "$(sha256sum < "$w" | cut -c1-64)" "$w"; done ) \
        > "$OUT/build.set.$n.files"
    rm -rf "$OUT/wb"
done
sed -i "s#$OUT/wb#OUT#g" "$OUT"/*.err
