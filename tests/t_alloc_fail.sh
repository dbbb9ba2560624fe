#!/usr/bin/env bash
# Out of memory at every allocation, SQLite's way: build/san/aidcube-failalloc
# (tests/tools/failalloc.c; the sanitizer build with our own malloc, calloc,
# realloc, strdup, strndup, realpath and getline wrapped) fails the N-th
# allocation when AIDCUBE_FAIL_ALLOC=N.  For `extract` of one report, `build`
# of a report and a project list (-o a fresh directory; and with
# --low-memory), `parse` of two
# phrases and `cells` of a project list, a run without failure counts the
# allocations (K); then for N = 1, 2, ... every run must
#   - exit 4 and say "aidcube: ...out of memory" on stderr, or succeed exactly
#     as the run without failure did (same exit status, same stdout);
#   - never end in a sanitizer report (ASan/UBSan exit codes 86, 87: a leak
#     on the way out is one) or a signal;
#   - for build, leave no temporary file (*.tmp-*) and no workbook that is
#     not a whole zip (unzip -tq) in the output directory.
# A run makes some 8,400 allocations before it reads anything (the reference
# data; S, counted on an empty report) and few after (29 for extract, 1,600
# for build), and each run costs 0.2-0.3 s under the sanitizers, so not every
# N is tried: the start-up is tried once, with extract (the first
# FAILALLOC_SETUP_ALL=30 allocations, then FAILALLOC_SETUP_STRIDED=15 spread
# evenly up to S); each command's own allocations after S are tried every N up
# to FAILALLOC_ALL=50, then FAILALLOC_STRIDED=30 more spread up to K; then
# K + 1 (nothing fails).  About 170 runs, 45 s of CPU: some 25 s on two idle
# cores, a minute on busy ones; raise the numbers (or set
# AIDCUBE_FAIL_ALLOC_PERSIST=1: every allocation from the N-th on fails) for
# a longer hunt.
#
# A failure whose failed allocation's stack (rerun with
# AIDCUBE_FAIL_ALLOC_TRACE=1) passes through a site of KNOWN below is a bug
# already reported to the owner of that file: printed as KNOWN, not failing
# the test (CI included), until it is fixed and its line removed here.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FB="$ROOT/build/san/aidcube-failalloc"
W="$TMP/alloc_fail"; rm -rf "$W"; mkdir -p "$W"
if [ ! -x "$FB" ]; then
    make -s -C "$ROOT" WERROR=1 build/san/aidcube-failalloc > "$W/make.log" 2>&1 \
        || { echo "FAIL: cannot build $FB"; tail -20 "$W/make.log"; exit 1; }
fi
export FB W
export AIDCUBE_FAIL_ALLOC_PERSIST=${AIDCUBE_FAIL_ALLOC_PERSIST:-0}
# the N-th allocation is the same one in every run only on one thread: the
# sources are read on the caller's (t_jobs.sh tests the worker threads)
export AIDCUBE_JOBS=1
printf '12,5 millions USD\nenviron 28 %%\n' > "$W/phrases"

# one NAME N ARGS...: run with the N-th allocation failing; print "N verdict"
one() {
    local name=$1 n=$2; shift 2
    local d="$W/$name.$n" rc
    mkdir -p "$d"
    ( cd "$d" && AIDCUBE_FAIL_ALLOC=$n AIDCUBE_FAIL_ALLOC_COUNT="$d/count" \
        "$FB" "${@//@OUT@/$d/out}" < "$W/phrases" > "$d/stdout" 2> "$d/stderr" )
    rc=$?
    local why=""
    read -r _ nfailed < "$d/count" 2>/dev/null || nfailed=?
    if [ "$rc" -ge 128 ]; then why="killed by signal $((rc - 128))"
    elif [ "$rc" -eq 86 ] || [ "$rc" -eq 87 ] || grep -qE 'Sanitizer|runtime error' "$d/stderr"; then
        why="sanitizer report (exit $rc): $(grep -m1 -E 'ERROR|SUMMARY|runtime error' "$d/stderr")"
    elif [ "$rc" -eq 4 ]; then
        grep -qE '^aidcube: .*out of memory' "$d/stderr" \
            || why="exit 4 without 'aidcube: ...out of memory': $(head -c 300 "$d/stderr" | tr '\n' '|')"
    elif [ "$rc" -ne "$(cat "$W/$name.rc")" ]; then
        why="exit $rc (without failure $(cat "$W/$name.rc")): $(head -c 300 "$d/stderr" | tr '\n' '|')"
    elif ! cmp -s "$d/stdout" "$W/$name.stdout"; then
        why="exit $rc but stdout differs from the run without failure"
    fi
    if [ -d "$d/out" ]; then
        ls -A "$d/out" | grep -q '\.tmp-' && why="$why${why:+; }temporary file left: $(ls -A "$d/out" | tr '\n' ' ')"
        for x in "$d/out"/*.xlsx; do
            [ -e "$x" ] || continue
            unzip -tq "$x" > /dev/null 2>&1 || why="$why${why:+; }$(basename "$x") is not a whole zip"
            [ "$rc" -eq 4 ] && why="$why${why:+; }exit 4 but $(basename "$x") was written"
        done
    fi
    if [ -z "$why" ]; then echo "$n ok"; rm -rf "$d"; return; fi
    # which allocation failed, and is it a known bug?
    ( cd "$d" && AIDCUBE_FAIL_ALLOC=$n AIDCUBE_FAIL_ALLOC_TRACE=1 \
        "$FB" "${@//@OUT@/$d/out.trace}" < "$W/phrases" > /dev/null 2> "$d/trace" )
    local k fns f all
    while IFS= read -r k; do
        [ -n "$k" ] || continue
        fns=${k%%$'\t'*}; all=1
        for f in $fns; do grep -qE " in $f " "$d/trace" || { all=0; break; }; done
        if [ "$all" = 1 ]; then echo "$n KNOWN ${k#*$'\t'}"; return; fi
    done < "$W/known"
    echo "$n FAIL ($nfailed failed) $why"
}
export -f one

# KNOWN: "FUNCTION[ FUNCTION...]<TAB>what": a failure whose stack holds all
# these function names is that bug (issue 14, reported; remove when fixed)
KNOWN=(
)
: > "$W/known"
[ "${#KNOWN[@]}" -eq 0 ] || printf '%s\n' "${KNOWN[@]}" > "$W/known"
SA=${FAILALLOC_SETUP_ALL:-30}; SS=${FAILALLOC_SETUP_STRIDED:-15}
OA=${FAILALLOC_ALL:-50}; OS=${FAILALLOC_STRIDED:-30}
fail=0
nknown=0
# the allocations of the start-up: extract of an empty report
mkdir -p "$W/empty"; : > "$W/empty/empty.txt"
( cd "$W/empty" && AIDCUBE_FAIL_ALLOC_COUNT="$W/empty/count" "$FB" extract empty.txt > /dev/null 2>&1 )
read -r S _ < "$W/empty/count" || { echo "FAIL: no allocation count for an empty report"; exit 1; }

loop() {   # loop NAME SETUP ARGS... (SETUP 1: try the start-up too; @OUT@: a fresh directory)
    local name=$1 setup=$2; shift 2
    local d="$W/$name.ref"
    mkdir -p "$d"
    ( cd "$d" && AIDCUBE_FAIL_ALLOC_COUNT="$d/count" "$FB" "${@//@OUT@/$d/out}" < "$W/phrases" \
        > "$W/$name.stdout" 2> "$d/stderr" )
    echo $? > "$W/$name.rc"
    local k; read -r k _ < "$d/count" || { echo "FAIL: $name: no allocation count"; fail=1; return; }
    if [ "$(cat "$W/$name.rc")" -gt 1 ]; then
        echo "FAIL: $name: exit $(cat "$W/$name.rc") without any failure"; cat "$d/stderr"; fail=1; return
    fi
    # the N to try: the start-up's (SETUP), the command's own, then K + 1
    local lo=$(( k > S ? S : 0 ))
    awk -v setup="$setup" -v s="$lo" -v k="$k" -v sa="$SA" -v ss="$SS" -v oa="$OA" -v os="$OS" '
        function range(a, b, every, spread,   i, n, m) {   # a < N <= b
            m = a + every < b ? a + every : b
            for (n = a + 1; n <= m; n++) print n
            for (i = 1; i <= spread && m < b; i++) { n = m + int((b - m) * i / spread); if (n > m) print n }
        }
        BEGIN { if (setup && s > 0) range(0, s, sa, ss); range(s, k, oa, os); print k + 1 }' |
        uniq > "$W/$name.ns"
    local runs; runs=$(wc -l < "$W/$name.ns")
    # as many at a time as there are cores: each run is mostly the sanitizer's start-up
    xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} bash -c 'one "$@"' _ "$name" {} "$@" \
        < "$W/$name.ns" > "$W/$name.results"
    local nbad=0 n verdict rest
    while read -r n verdict rest; do
        case $verdict in
        KNOWN) nknown=$((nknown + 1)); echo "KNOWN $name N=$n: $rest" ;;
        FAIL)  nbad=$((nbad + 1)); echo "FAIL: $name N=$n: $rest"
               sed -n '/^failalloc: allocation/,/ in run /p' "$W/$name.$n/trace" |
                   grep -vE 'sanitizer_print|fail_now|__wrap_' | head -12 ;;
        esac
    done < <(sort -n "$W/$name.results")
    echo "$name: $k allocations ($lo at start-up); $runs runs (N in $(head -1 "$W/$name.ns")..$(tail -1 "$W/$name.ns")): $nbad failed"
    [ "$nbad" -eq 0 ] || fail=1
}
cd "$ROOT"
loop extract 1 extract "$ROOT/fixtures/sources/car_qip_factsheet.txt"
loop build 0 build -q -o @OUT@ "$ROOT/fixtures/sources/car_qip_factsheet.txt" "$ROOT/fixtures/sheets/pbf_projects_en.csv"
# the same workbook written row by row (export_cells.c keeps the Summary's cells)
loop build_low 0 build -q --low-memory -o @OUT@ "$ROOT/fixtures/sources/car_qip_factsheet.txt" "$ROOT/fixtures/sheets/pbf_projects_en.csv"
loop parse 0 parse
loop cells 0 cells "$ROOT/fixtures/sheets/pbf_projects_en.csv"
[ "$nknown" -eq 0 ] || echo "$nknown failures are known bugs (KNOWN in tests/t_alloc_fail.sh), not counted"
[ "$fail" -eq 0 ] && echo "out of memory: every N tried ended in exit 4 and 'out of memory', or in the normal result"
exit $fail
