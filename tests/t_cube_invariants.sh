#!/usr/bin/env bash
# The cube's promises (tests/cube_invariants.py) on every set of sources we
# have: the fixtures, the seeds, both together, and generated project tables.
set -u
fail=0
inv() {   # inv NAME SOURCES...
    local name=$1; shift
    "$BIN" cube -q "$@" > "$TMP/inv.tsv" 2> "$TMP/inv.err"
    rc=$?
    if [ "$rc" -gt 1 ]; then echo "$name: cube exited $rc"; cat "$TMP/inv.err"; fail=1; return; fi
    if ! python3 tests/cube_invariants.py "$TMP/inv.tsv" > "$TMP/inv.out"; then
        echo "$name:"; cat "$TMP/inv.out"; fail=1
    else
        echo "$name: $(tail -1 "$TMP/inv.out")"
    fi
}
inv fixtures fixtures/sources
if [ -d ../shared/seeds ]; then
    inv seeds ../shared/seeds
    inv "seeds+fixtures" ../shared/seeds fixtures/sources
elif [ "${CI:-}" = true ]; then
    echo "FAIL: no ../shared/seeds (CI=true: the seeds are required)"; fail=1
else
    echo "seeds: skipped, no ../shared/seeds (outside CI; with CI=true this is a failure)"
fi
mkdir -p "$TMP/invgen"
python3 fixtures/gen/projects_table.py 300 11 > "$TMP/invgen/projects.txt"
inv generated "$TMP/invgen"
exit $fail
