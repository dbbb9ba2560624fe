#!/usr/bin/env bash
# The test runner: unit tests, golden extract tests, CLI cases, bad inputs,
# the seeds (when ../shared/seeds exists), workbooks and the warehouse.
# Usage: tests/run.sh AIDCUBE_BINARY      (ACCEPT=1 rewrites the goldens)
# With CI=true nothing is skipped: a missing ../shared/seeds, soffice
# (LibreOffice) or PostgreSQL fails the test that needs it; elsewhere the
# seeds and soffice parts are skipped, each saying so.
set -u
cd "$(dirname "$0")/.."
BIN=$(realpath "$1")
export LC_ALL=C TZ=UTC AIDCUBE_TEST=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
TMP=$(mktemp -d /tmp/aidcube-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0; failed=(); times=()

ok()   { pass=$((pass+1)); }
bad()  { fail=$((fail+1)); failed+=("$1"); echo "FAIL: $1"; }

# accept_summary OLD NEW: one line saying what a rewrite changes (rows added,
# removed, changed: a changed row is a removed row replaced in the same hunk)
accept_summary() {
    if [ ! -f "$1" ]; then echo "accept: $1: new file, $(wc -l < "$2") rows"; return; fi
    cmp -s "$1" "$2" && return
    diff "$1" "$2" | awk -v f="$1" '
        /^[0-9]/ { flush(); next }
        /^</ { r++ } /^>/ { a++ }
        function flush() { c = r < a ? r : a; ch += c; ad += a - c; rm += r - c; r = a = 0 }
        END { flush(); printf "accept: %s: %d added, %d removed, %d changed\n", f, ad, rm, ch }'
}

# compare FILE_EXPECTED FILE_ACTUAL NAME: exact, prints the diff
compare() {
    if [ "${ACCEPT:-0}" = 1 ]; then accept_summary "$1" "$2"; cp "$2" "$1"; ok; return; fi
    if [ ! -f "$1" ]; then bad "$3 (no expected file $1)"; return; fi
    if diff -u "$1" "$2" > "$TMP/diff"; then ok; else bad "$3"; head -60 "$TMP/diff"; fi
}

if [ "${CI:-}" = true ]; then echo "CI=true: a missing seed directory, soffice or PostgreSQL is a failure"
else echo "not CI: parts that need ../shared/seeds or soffice are skipped (saying so) when those are missing"; fi

# The scripts, TEST_JOBS at a time (default: the number of cores, 2 at
# least; 1: one after the other), the longest first; each in its own
# $TMP/t/NAME (its PostgreSQL cluster and LibreOffice profile live there),
# its output printed whole in name order.  They start at once, in the
# background, while the unit tests, extract goldens and cases below run here
# (those take one core for half a minute and more: the scripts use the
# other); their results are printed after those.
ncpu=$(nproc 2>/dev/null || echo 2)
JOBS=${TEST_JOBS:-$(( ncpu > 2 ? ncpu : 2 ))}
LONG="t_pivot.sh t_warehouse_cube.sh t_alloc_fail.sh t_workbook.sh t_warehouse.sh t_shards.sh t_bad_inputs.sh t_interrupt.sh t_layout_same.sh t_print.sh t_cube_props.sh"
order=()
for n in $LONG; do [ -f "tests/$n" ] && order+=("tests/$n"); done
for s in tests/t_*.sh; do
    case " $LONG " in *" $(basename "$s") "*) ;; *) order+=("$s") ;; esac
done
mkdir -p "$TMP/t" "$TMP/res"
chmod 755 "$TMP" "$TMP/t"   # as root, tests/pg.sh runs PostgreSQL as postgres
export PG_TEMPLATE="$TMP/pgtemplate"   # one initdb for every script's clusters (tests/pg.sh)
run_script() {   # run_script SCRIPT: its output, status and seconds in $TMP/res
    local n t0; n=$(basename "$1"); t0=$SECONDS
    mkdir -p "$TMP/t/$n"; chmod 755 "$TMP/t/$n"
    TMP="$TMP/t/$n" BIN="$BIN" bash "$1" > "$TMP/res/$n.log" 2>&1
    echo "$? $((SECONDS - t0))" > "$TMP/res/$n.rc"
}
run_scripts() {   # TEST_JOBS at a time, in the order above
    local running=0 s
    for s in "${order[@]}"; do
        if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
        run_script "$s" & running=$((running + 1))
    done
    wait
}
# (ACCEPT=1: after them, as the goldens they rewrite are then settled)
scripts_pid=
if [ "${ACCEPT:-0}" != 1 ]; then run_scripts & scripts_pid=$!; fi

echo "== unit tests"
for t in build/san/tests/test_*; do
    [ -x "$t" ] || continue
    if "$t" > "$TMP/unit.out" 2>&1; then ok; tail -1 "$TMP/unit.out"
    else bad "unit $(basename "$t")"; tail -40 "$TMP/unit.out"; fi
done

echo "== extract goldens (fixtures/sources -> fixtures/expected)"
for src in fixtures/sources/*; do
    n=$(basename "$src")
    ( cd fixtures/sources && "$BIN" extract "$n" > "$TMP/$n.tsv" 2> "$TMP/$n.err"; echo $? > "$TMP/$n.code" )
    compare "fixtures/expected/$n.tsv" "$TMP/$n.tsv" "extract $n (stdout)"
    compare "fixtures/expected/$n.err" "$TMP/$n.err" "extract $n (stderr)"
    compare "fixtures/expected/$n.code" "$TMP/$n.code" "extract $n (exit code)"
done

echo "== command cases (tests/cases/*.cmd)"
for cmdf in tests/cases/*.cmd; do
    [ -f "$cmdf" ] || continue
    n=$(basename "$cmdf" .cmd)
    stdin=/dev/null; [ -f "tests/cases/$n.in" ] && stdin="tests/cases/$n.in"
    ( export TMP BIN; cd tests/cases && bash -o pipefail -c "$(cat "$n.cmd")" < "$(realpath "../../$stdin" 2>/dev/null || echo /dev/null)" > "$TMP/$n.out" 2> "$TMP/$n.err"; echo $? > "$TMP/$n.code" )
    compare "tests/cases/$n.out" "$TMP/$n.out" "case $n (stdout)"
    compare "tests/cases/$n.err" "$TMP/$n.err" "case $n (stderr)"
    compare "tests/cases/$n.code" "$TMP/$n.code" "case $n (exit code)"
done

echo "== goldens agree with fixtures/README.md (tests/readme_goldens.py)"
if [ "${ACCEPT:-0}" = 1 ]; then ok
elif python3 tests/readme_goldens.py > "$TMP/readme.out" 2>&1; then ok
else bad "readme_goldens (fixtures/expected differ from fixtures/README.md)"; cat "$TMP/readme.out"; fi

if [ -z "$scripts_pid" ]; then run_scripts & scripts_pid=$!; fi
wait "$scripts_pid"   # every script has ended
for s in tests/t_*.sh; do
    n=$(basename "$s")
    echo "== $n"
    cat "$TMP/res/$n.log"
    read -r rc secs < "$TMP/res/$n.rc" || rc=1 secs=0
    if [ "$rc" -eq 0 ]; then ok; else bad "$n"; fi
    times+=("$secs s  $n")
done

echo
echo "seconds per test script (the slowest first), of $SECONDS in all:"
printf '%s\n' "${times[@]}" | sort -rn | head -8 | sed 's/^/  /'
echo "passed: $pass, failed: $fail"
for f in "${failed[@]}"; do echo "  failed: $f"; done
[ "$fail" -eq 0 ]
