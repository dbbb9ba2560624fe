#!/usr/bin/env bash
# make bench: aidcube beside PostgreSQL, DuckDB and the machine's limit, on
# the same seeded rows in one run, measured and printed, never asserted
# (issue 19).  Prints what it does as it goes, then ONE table (Markdown).
#
# Usage: tests/bench.sh ./aidcube build/rel/bench_cube build/rel/bench_text
#
# Every figure is the median of 3 runs after a warm-up run, except that a
# command whose warm-up took over BENCH_ONCE_S seconds (default 15) is
# reported from that one run, marked "¹" (the 10^6-row project list and the
# warehouse load at 10^5 would otherwise take the run past 10 minutes on a
# 2-core machine).  BENCH_BIG=1 runs everything 3 times after a warm-up and
# adds the large sizes: the cube from 10^7 facts (PostgreSQL alone takes
# minutes there), the workbook export of the 10^6-row list (not run
# here: 10 times the 10^5 run's 40 s and 1.4 GB if linear), a text corpus
# of 20 MB (5 MB otherwise: the text ETL reads some 1.4 MB/s, so 20 MB
# would take about 80 s for the warm-up and 3 passes), the line of 16,000
# figures and callgrind's count of instructions.
# For trying the script: BENCH_N="1000 10000" (the sizes of the cube, list
# and export rows), BENCH_LOAD_N, BENCH_TEXT_MB.
#
# Times: CPU seconds (user + system) and wall seconds.  aidcube, PostgreSQL
# (max_parallel_workers_per_gather = 0, work_mem = 1GB so that its CUBE runs
# in memory) and DuckDB (SET threads = 1) all run on one thread.
# PostgreSQL's CPU is its backend's (/proc/PID/stat, 10 ms ticks), DuckDB's
# its node process's (process.cpuUsage, queries only).
set -u
BIN=$(realpath "$1")
BENCH_CUBE=$(realpath "$2")
BENCH_TEXT=$(realpath "$3")
cd "$(dirname "$0")/.."
TMP=$(mktemp -d /tmp/aidcube-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
chmod 755 "$TMP"          # the PostgreSQL server (user postgres) reads the CSV files
export LC_ALL=C
BIG=${BENCH_BIG:-0}
ONCE_S=${BENCH_ONCE_S:-15}
[ "$BIG" = 1 ] && ONCE_S=1000000
RUNS=3
MAX_SIZE=$((1 << 30))     # bytes: aidcube's input limit, above the 10^6-row list (75 MB)
TABLE=$TMP/table.md
: > "$TABLE"
# row CELL...: a line of the table (spaces around a cell trimmed)
row() { local IFS='|'; echo "| $* |" | sed 's/ *| */ | /g; s/^ | /| /; s/ $//' >> "$TABLE"; }
say() { echo "bench: $*"; }

# ---------------------------------------------------------------- helpers
# measure CMD...: the warm-up, then RUNS runs under /usr/bin/time; sets
# M_WALL, M_CPU (user + system), M_RSS (peak KB) to the medians and M_ONCE
# to "¹" when only the warm-up counted.  $PRE, when set, is run (untimed)
# before each run.  The command's stdout goes to $M_OUT (default /dev/null).
measure() {
    local f="$TMP/measure" r w u s k
    : > "$f"
    for r in $(seq 0 "$RUNS"); do
        [ -n "${PRE:-}" ] && $PRE
        /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" > "${M_OUT:-/dev/null}" 2> "$TMP/stderr"
        read -r w u s k < <(tail -1 "$TMP/time")
        [ "$r" -gt 0 ] && echo "$w $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') $k" >> "$f"
        if [ "$r" -eq 0 ] && awk -v w="$w" -v o="$ONCE_S" 'BEGIN { exit !(w > o) }'; then
            echo "$w $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') $k" >> "$f"
            M_ONCE="¹"; break
        fi
        M_ONCE=""
    done
    M_WALL=$(med 1 < "$f"); M_CPU=$(med 2 < "$f"); M_RSS=$(med 3 < "$f")
}
# med COL: the median of column COL of stdin
med() { awk -v c="$1" '{ print $c }' | sort -g | awk '{ v[NR] = $1 } END {
        print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# ratio OURS THEIRS NAME: "aidcube is X× faster than NAME" (or slower)
ratio() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {
    if (a <= 0 || b <= 0) { printf "n/a"; exit }
    if (a <= b) printf "aidcube is %.1f× faster than %s", b / a, n
    else printf "aidcube is %.1f× slower than %s", a / b, n }'; }
# t CPU WALL: "1.23 s (1.30 s)"
t() { awk -v c="$1" -v w="$2" 'BEGIN { printf "%.3g s (%.3g s)", c, w }'; }
both() { [ -n "$1" ] && [ -n "$2" ] && echo "$1; $2" || echo "$1$2"; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }'; }

# ---------------------------------------------------------------- DuckDB
DUCK=""
DUCK_WHY=""
mkdir -p "$TMP/duck"
if ! command -v npm > /dev/null || ! command -v node > /dev/null; then
    DUCK_WHY="no node or npm"
elif (cd "$TMP/duck" && npm install --no-audit --no-fund --loglevel=error @duckdb/node-api \
          > npm.log 2>&1); then
    cp tests/bench/duck.mjs "$TMP/duck/"
    DUCK="$TMP/duck/duck.mjs"
    say "DuckDB $(node -p 'require("'"$TMP"'/duck/node_modules/@duckdb/node-api/package.json").version' 2>/dev/null) from npm"
else
    DUCK_WHY="npm install @duckdb/node-api failed: $(grep -m1 -i 'err' "$TMP/duck/npm.log" | cut -c1-60)"
fi
[ -n "$DUCK_WHY" ] && say "DuckDB skipped ($DUCK_WHY)"
# duck MODE FILE OUT: sets D_WALL D_CPU (medians over RUNS after a warm-up)
# and D_ONCE
duck() {
    local r
    r=$(BENCH_ONCE_S=$ONCE_S node "$DUCK" "$1" "$2" "$RUNS" "$3" 2> "$TMP/duck.err") || {
        D_WALL=""; say "DuckDB failed: $(head -3 "$TMP/duck.err")"; return 1; }
    set -- $r
    D_WALL=$2; D_CPU=$4; D_ONCE=""
    [ "${7:-}" = once ] && D_ONCE="¹"
    return 0
}

# ---------------------------------------------------------------- PostgreSQL
PG=""
if ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
    . tests/pg.sh
    if pg_start "$TMP/pg" > "$TMP/pg.start" 2>&1; then
        trap 'pg_stop; rm -rf "$TMP"' EXIT    # (pg_start set its own trap)
        PG=1
        "${psql[@]}" -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 0" \
                     -c "ALTER SYSTEM SET work_mem = '1GB'" -c "SELECT pg_reload_conf()" > /dev/null
        PG_WHY=""
        say "$("${psql[@]}" -At -c 'SELECT version()' | cut -d' ' -f1-2), one backend, parallel workers off"
    else
        trap 'pg_stop; rm -rf "$TMP"' EXIT
        PG_WHY="the throwaway cluster did not start"
    fi
else
    PG_WHY="no PostgreSQL server binaries"
fi
TICK=$(getconf CLK_TCK)
export PGOPTIONS="-c client_min_messages=warning"
# pg_time SQL OUT: run SQL (a file of psql input; the statements timed are
# between the lines "-- timed" and "-- end") RUNS+1 times; the last run's
# output goes to OUT; sets P_WALL, P_CPU (medians after the warm-up) and
# P_ONCE (the rule of measure).
pg_time() {
    local r f="$TMP/pgm" sql="$1" out="$2"
    : > "$f"
    P_ONCE=""
    for r in $(seq 0 "$RUNS"); do
        awk -v out="$out" -v tmp="$TMP" '
            BEGIN { print "SELECT pg_backend_pid() AS pid \\gset"; print "\\setenv PGB :pid" }
            /^-- timed/ { print "\\! awk \"{ print \\$14 + \\$15 }\" /proc/$PGB/stat > " tmp "/cpu0";
                          print "\\o " out; print "\\timing on"; next }
            /^-- end/   { print "\\timing off"; print "\\o";
                          print "\\! awk \"{ print \\$14 + \\$15 }\" /proc/$PGB/stat > " tmp "/cpu1";
                          next }
            { print }' "$sql" > "$TMP/run.sql"
        "${psql[@]}" -At -F $'\t' -f "$TMP/run.sql" > "$TMP/pg.out" 2>&1 || { cat "$TMP/pg.out"; P_WALL=""; return 1; }
        awk -v c0="$(cat "$TMP/cpu0")" -v c1="$(cat "$TMP/cpu1")" -v tick="$TICK" '
            /^Time: / { ms += $2 } END { print ms / 1000, (c1 - c0) / tick }' "$TMP/pg.out" > "$f.1"
        if [ "$r" -eq 0 ]; then
            awk -v o="$ONCE_S" '{ exit !($1 > o) }' "$f.1" || continue
            P_ONCE="¹"
        fi
        cat "$f.1" >> "$f"
        [ -n "$P_ONCE" ] && break
    done
    P_WALL=$(med 1 < "$f"); P_CPU=$(med 2 < "$f")
}

# compared_row LABEL N AIDCUBE_CELL BYTES/FACT A_CPU PLAIN CELLS PG_NAME DUCK_NAME:
# compare aidcube's CELLS (cube TSV) with $TMP/c.pg and $TMP/c.duck when
# pg_time and duck made them (PG_OK, DUCK_OK), then add the row, or on a
# mismatch print the first differing cells and add the row without times
# (returns 1).
compared_row() {
    local label=$1 n=$2 cell=$3 bpf=$4 a_cpu=$5 plain=$6 cells=$7 pgn=$8 dkn=$9
    local cmp=() pg_col="skipped (${PG_WHY:-its query failed})" duck_col="skipped (${DUCK_WHY:-its query failed})" pr="" dr=""
    [ -n "$PG_OK" ] && cmp+=("PostgreSQL=$TMP/c.pg")
    [ -n "$DUCK_OK" ] && cmp+=("DuckDB=$TMP/c.duck")
    if ! python3 tests/bench/cube_compare.py "$plain" "$cells" "${cmp[@]}" > "$TMP/cmp"; then
        cat "$TMP/cmp"
        row "$label" "$n" "values differ (above): no time" "" "" "" ""
        return 1
    fi
    if [ ${#cmp[@]} -eq 0 ]; then
        label="$label (not checked: no PostgreSQL nor DuckDB)"
    else
        say "$label, $n: $(cat "$TMP/cmp") with ${cmp[*]%%=*} (to the cent)"
        label="$label (equal to the cent)"
    fi
    [ -n "$PG_OK" ] && pg_col="$(t "$P_CPU" "$P_WALL")$P_ONCE" && pr=$(ratio "$a_cpu" "$P_CPU" "$pgn")
    [ -n "$DUCK_OK" ] && duck_col="$(t "$D_CPU" "$D_WALL")$D_ONCE" && dr=$(ratio "$a_cpu" "$D_CPU" "$dkn")
    row "$label" "$n" "$cell" "$bpf" "$pg_col" "$duck_col" "$(both "$pr" "$dr")"
}

# ---------------------------------------------------------------- 1, 2: the cube from facts in memory
# What is compared: the cells of the 16 cuboids of sector × region × year ×
# fund at the leaves (a sector theme, a region, a year, a fund, or Total on
# each), for rows on which aidcube's rules are a plain roll-up
# (tests/bench/bench_gen.py says why); aidcube also computes the levels
# above the leaves (DAC codes and groups, countries), which the SQL does
# not.  aidcube's time: loading the facts (obs in memory) into the model,
# freezing it, building the cube; PostgreSQL's and DuckDB's: the GROUP BY
# CUBE query over a table that holds the rows already.
cube_sizes="100000 1000000"
[ "$BIG" = 1 ] && cube_sizes="$cube_sizes 10000000"
cube_sizes=${BENCH_N:-$cube_sizes}
csv_sizes=${BENCH_N:-100000 1000000}
for n in $cube_sizes; do
    # the list too when it is benched at n (one drawing of the rows)
    case " $csv_sizes " in *" $n "*) csv=(--csv "$TMP/list.$n.csv");; *) csv=();; esac
    python3 tests/bench/bench_gen.py "$n" facts --plain "$TMP/plain.$n.tsv" "${csv[@]}" > "$TMP/facts.tsv"
    chmod 644 "$TMP/plain.$n.tsv"
    r=$("$BENCH_CUBE" --runs "$RUNS" --out "$TMP/c.cube" "$TMP/facts.tsv") || { say "bench_cube failed at $n"; continue; }
    set -- $r
    # facts F sources S cells C load_s L freeze_s Z build_s B peak_rss_mb M base_rss_mb I
    # cube_wall W cube_cpu U scan_wall V scan_cpu P ...
    a_cpu=${20}; a_wall=${18}; scan_cpu=${24}; scan_wall=${22}
    bpf=$(awk -v m="${14}" -v i="${16}" -v n="$n" 'BEGIN { printf "%.0f", (m - i) * 1048576 / n }')
    say "cube from $n facts: $6 cells, load ${8} s, freeze ${10} s, build ${12} s (wall), CPU $a_cpu s, +$(awk -v m="${14}" -v i="${16}" 'BEGIN { print m - i }') MB"
    PG_OK=""; DUCK_OK=""
    if [ -n "$PG" ]; then
        "${psql[@]}" -c "DROP TABLE IF EXISTS f" -c "CREATE TABLE f (sector text, region text,
            year int, fund text, amount numeric(14, 2))" \
            -c "COPY f FROM '$TMP/plain.$n.tsv'" -c "VACUUM ANALYZE f" > /dev/null
        cat > "$TMP/q.sql" <<'SQL'
-- timed
SELECT sector, region, year, fund, (sum(amount) * 100)::bigint
FROM f GROUP BY CUBE (sector, region, year, fund);
-- end
SQL
        pg_time "$TMP/q.sql" "$TMP/c.pg" && PG_OK=1
    fi
    [ -n "$DUCK" ] && duck facts "$TMP/plain.$n.tsv" "$TMP/c.duck" && DUCK_OK=1
    compared_row "cube from facts in memory" "$n" "$(t "$a_cpu" "$a_wall")" "$bpf" "$a_cpu" \
        "$TMP/plain.$n.tsv" "$TMP/c.cube" PostgreSQL DuckDB || continue
    row " plain scan of the same facts (the machine's limit) " " $n " " $(t "$scan_cpu" "$scan_wall") " \
        " — " " — " " — " " the cube takes $(awk -v a="$a_cpu" -v s="$scan_cpu" 'BEGIN { printf "%.0f", (s > 0 ? a / s : 0) }')× the scan "
done
rm -f "$TMP/facts.tsv" "$TMP/c.cube" "$TMP/c.pg" "$TMP/c.duck"   # (plain.N.tsv: for the lists)
[ -n "$PG" ] && "${psql[@]}" -c "DROP TABLE IF EXISTS f" > /dev/null

# ---------------------------------------------------------------- 3: a project list (CSV) to the cube
# The French-Excel list (semicolons, decimal commas, dd/mm/yyyy) of the
# same rows: aidcube cube reads, normalises, attributes and builds;
# DuckDB read_csv + GROUP BY CUBE in one query; PostgreSQL COPY into a
# table of text columns, then GROUP BY CUBE parsing the amounts and dates.
declare -A CUBE_RSS        # KB: peak RSS of aidcube cube of the list of N rows
for n in $csv_sizes; do
    [ -f "$TMP/list.$n.csv" ] || python3 tests/bench/bench_gen.py "$n" csv --plain "$TMP/plain.$n.tsv" > "$TMP/list.$n.csv"
    chmod 644 "$TMP/list.$n.csv"
    M_OUT="$TMP/c.cube" measure "$BIN" cube -q --max-size=$MAX_SIZE "$TMP/list.$n.csv"
    a_cpu=$M_CPU; a_wall=$M_WALL; a_once=$M_ONCE; bpf=$(per $((M_RSS * 1024)) "$n")
    CUBE_RSS[$n]=$M_RSS
    say "cube from a list of $n rows: CPU $a_cpu s, wall $a_wall s, peak RSS $((M_RSS / 1024)) MB$a_once"
    PG_OK=""; DUCK_OK=""
    if [ -n "$PG" ]; then
        cat > "$TMP/q.sql" <<SQL
DROP TABLE IF EXISTS p;
CREATE TABLE p (num text, title text, region text, sector text, fund text, amount text,
                start_date text, end_date text);
-- timed
COPY p FROM '$TMP/list.$n.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true);
SELECT sector, region, extract(year FROM to_date(start_date, 'DD/MM/YYYY'))::int, fund,
       (sum(replace(amount, ',', '.')::numeric(14, 2)) * 100)::bigint
FROM p GROUP BY CUBE (1, 2, 3, 4);
-- end
DROP TABLE p;
SQL
        pg_time "$TMP/q.sql" "$TMP/c.pg" && PG_OK=1
    fi
    [ -n "$DUCK" ] && duck csv "$TMP/list.$n.csv" "$TMP/c.duck" && DUCK_OK=1
    compared_row "project list (CSV) to the cube" "$n" "$(t "$a_cpu" "$a_wall")$a_once" "$bpf" \
        "$a_cpu" "$TMP/plain.$n.tsv" "$TMP/c.cube" "PostgreSQL COPY + CUBE" "DuckDB read_csv + CUBE"
done

# ---------------------------------------------------------------- 6: workbook export
build_sizes="100000"
[ "$BIG" = 1 ] && build_sizes="$build_sizes 1000000"
build_sizes=${BENCH_N:-$build_sizes}
for n in $build_sizes; do
    [ -f "$TMP/list.$n.csv" ] || python3 tests/bench/bench_gen.py "$n" csv > "$TMP/list.$n.csv"
    rm_out() { rm -rf "$TMP/out"; }
    PRE=rm_out measure "$BIN" build -q --max-size=$MAX_SIZE "$TMP/list.$n.csv" -o "$TMP/out"
    say "build (cube, checks, workbook) from a list of $n rows: CPU $M_CPU s, wall $M_WALL s, peak RSS $((M_RSS / 1024)) MB$M_ONCE"
    # the workbook's own memory: the build's peak above the cube's of the
    # same list (section 3; measured here when that size was not run there)
    if [ -z "${CUBE_RSS[$n]:-}" ]; then
        b_cpu=$M_CPU b_wall=$M_WALL b_once=$M_ONCE b_rss=$M_RSS
        measure "$BIN" cube -q --max-size=$MAX_SIZE "$TMP/list.$n.csv"
        CUBE_RSS[$n]=$M_RSS; M_CPU=$b_cpu M_WALL=$b_wall M_ONCE=$b_once M_RSS=$b_rss
    fi
    above=$((M_RSS - CUBE_RSS[$n])); [ "$above" -lt 0 ] && above=0
    row " workbook export (aidcube build of the list) " " $n " " $(t "$M_CPU" "$M_WALL")$M_ONCE " \
        " $(per $((above * 1024)) "$n") " " — " " — " \
        " peak RSS $((M_RSS / 1024)) MB, the cube alone $((CUBE_RSS[$n] / 1024)) MB: the workbook adds $((above / 1024)) MB "
done
rm -rf "$TMP"/list.1000000.csv "$TMP"/plain.*.tsv "$TMP/out" "$TMP/c.cube" "$TMP/c.pg" "$TMP/c.duck"

# ---------------------------------------------------------------- 5: warehouse load
# aidcube load of the list into a database just initialised (aidcube db
# init, untimed), beside psql \copy of the same file into a table of text
# columns emptied before each run.
if [ -n "$PG" ]; then
    export AIDCUBE_SQL="$PWD/sql"
    "${psql[@]}" -c "CREATE TABLE raw (num text, title text, region text, sector text, fund text,
                     amount text, start_date text, end_date text)" > /dev/null
    fresh_db() {
        "${psql[@]}" -c "DROP DATABASE IF EXISTS wh" -c "CREATE DATABASE wh" > /dev/null
        "$BIN" db init --db "$PG_CONN_WH" > /dev/null 2>&1
    }
    empty_raw() { "${psql[@]}" -c "TRUNCATE raw" > /dev/null; }
    PG_CONN_WH="${PG_CONN/dbname=postgres/dbname=wh}"
    for n in ${BENCH_LOAD_N:-10000 100000}; do
        [ -f "$TMP/list.$n.csv" ] && mv "$TMP/list.$n.csv" "$TMP/load.csv" ||
            python3 tests/bench/bench_gen.py "$n" csv > "$TMP/load.csv"
        chmod 644 "$TMP/load.csv"
        PRE=fresh_db measure "$BIN" load -q --db "$PG_CONN_WH" --max-size=$MAX_SIZE "$TMP/load.csv"
        a_cpu=$M_CPU; a_wall=$M_WALL; a_once=$M_ONCE; a_rss=$M_RSS
        PRE=empty_raw measure "${psql[@]}" -c "\\copy raw FROM '$TMP/load.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        say "load $n rows: aidcube wall $a_wall s (CPU $a_cpu s)$a_once, psql \\copy wall $M_WALL s"
        row " warehouse load (rows/s, wall) " " $n " " $(per "$n" "$a_wall") rows/s, CPU $(printf %.2f "$a_cpu") s$a_once " \
            " $(per $((a_rss * 1024)) "$n") " " psql \\copy $(per "$n" "$M_WALL") rows/s " " — " \
            " $(ratio "$a_wall" "$M_WALL" 'psql \copy') "
    done
    rm -f "$TMP/load.csv"
fi
[ -n "$PG" ] && pg_stop
rm -f "$TMP"/list.*.csv

# ---------------------------------------------------------------- 4: text ETL
# A corpus of reports (fixtures/sources and ../shared/seeds/*.txt) repeated
# to TEXT_MB megabytes: bench_text times each stage over it in memory; grep
# -c . reads the same bytes, concatenated, as the machine's reference.
TEXT_MB=5
[ "$BIG" = 1 ] && TEXT_MB=20
TEXT_MB=${BENCH_TEXT_MB:-$TEXT_MB}
src=(fixtures/sources/*)
[ -d ../shared/seeds ] && src+=(../shared/seeds/*.txt)
bt=$("$BENCH_TEXT" --runs "$RUNS" --mb "$TEXT_MB" "${src[@]}")
# bytes B docs D obs O decode_cpu S scan_cpu S attribute_cpu S decode_wall S scan_wall S attribute_wall S
field() { awk -v k="$1" '{ for (i = 1; i < NF; i += 2) if ($i == k) print $(i + 1) }' <<< "$bt"; }
tb=$(field bytes)
say "text: $(field docs) documents, $tb bytes, $(field obs) observations: decode $(field decode_cpu) s, scan $(field scan_cpu) s, attribute $(field attribute_cpu) s (CPU)"
: > "$TMP/corpus.txt"
while [ "$(stat -c %s "$TMP/corpus.txt")" -lt "$tb" ]; do
    for f in "${src[@]}"; do cat "$f" >> "$TMP/corpus.txt"; done
done
truncate -s "$tb" "$TMP/corpus.txt"
# grep reads the corpus 50 times in one run (its 5 MB take some 10 ms, the
# resolution of the CPU time): the rate is of 50 times the bytes
greps=(); for i in $(seq 1 50); do greps+=("$TMP/corpus.txt"); done
# (its output to a file: GNU grep writing to /dev/null stops at the first match)
M_OUT="$TMP/grep.out" measure grep -c . "${greps[@]}"
M_CPU=$(awk -v c="$M_CPU" 'BEGIN { print c / 50 }'); M_WALL=$(awk -v c="$M_WALL" 'BEGIN { print c / 50 }')
mbs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b / s / 1e6 : 0) }'; }
text_row() {   # STAGE NAME BYTES/FACT: a row from bench_text's STAGE_cpu and STAGE_wall
    local c w
    c=$(field "$1_cpu"); w=$(field "$1_wall")
    row " text ETL: $2 (one core) " " $TEXT_MB MB " " $(mbs "$tb" "$c") MB/s ($(mbs "$tb" "$w") MB/s wall) " \
        " $3 " " — " " — " " $(ratio "$c" "$M_CPU" 'grep -c .') "
}
text_row decode "read/decode (read_text_decode)" —
text_row scan "scan (scan_text, every kind)" —
text_row attribute "attribute (attribute_document: scans again, then attributes)" \
    "$(awk -v m="$(field peak_rss_mb)" -v n="$(field obs)" 'BEGIN { printf "%.0f", m * 1048576 / n }')"
row " grep -c . over the same bytes (the machine's reference; read 50 times) " " $TEXT_MB MB " \
    " $(mbs "$tb" "$M_CPU") MB/s ($(mbs "$tb" "$M_WALL") MB/s wall) " " — " " — " " — " " — "
rm -f "$TMP/corpus.txt"
# as before issue 19, with BENCH_BIG=1: the whole extract of 1,600 documents,
# one big document, and 16,000 figures on one line (attribution must stay
# linear in figures; 65 s and 78 s for check on this machine)
if [ "$BIG" = 1 ]; then
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
mkdir -p "$TMP/corpus"
for i in $(seq 1 40); do for f in "${src[@]}"; do
    { cat "$f"; printf '\nCopie %d.\n' "$i"; } > "$TMP/corpus/$i-$(basename "$f")"; done; done
say "extract: $(ls "$TMP/corpus" | wc -l) documents, $(cat "$TMP/corpus"/* | wc -c) bytes in $(ms "$BIN" extract -q "$TMP/corpus") ms (wall)"
for i in $(seq 1 200); do cat fixtures/sources/mli_bulletin_juin2017.txt; done > "$TMP/big.txt"
say "extract: one document of $(wc -c < "$TMP/big.txt") bytes in $(ms "$BIN" extract -q "$TMP/big.txt") ms"
python3 -c "print(' '.join('%d,%d millions USD %d%%' % (i, i % 10, i % 100) for i in range(16000)))" > "$TMP/line.txt"
say "extract: 32,000 figures on one line of $(wc -c < "$TMP/line.txt") bytes in $(ms "$BIN" extract -q "$TMP/line.txt") ms; check: $(ms "$BIN" check -q "$TMP/line.txt") ms"
rm -rf "$TMP/corpus" "$TMP/big.txt" "$TMP/line.txt"
fi
if [ "$BIG" = 1 ] && command -v valgrind > /dev/null; then
    valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$BIN" extract -q fixtures/sources > /dev/null 2> "$TMP/cg.err"
    say "extract fixtures/sources: $(grep -o 'Collected : [0-9]*' "$TMP/cg.err" | grep -o '[0-9]*') instructions (callgrind)"
fi

# ---------------------------------------------------------------- the table
mem=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
cpu=$(lscpu 2> /dev/null | sed -n 's/^Model name: *//p' | head -1)
echo
echo "make bench, $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $mem RAM; one thread each:"
echo "aidcube, PostgreSQL $(psql --version 2> /dev/null | awk '{ print $3 }') (parallel workers off,"
echo "work_mem 1GB) and DuckDB (threads = 1). Times: CPU s (wall s), the median of $RUNS runs after a"
echo "warm-up; ¹ one run (its warm-up took over $ONCE_S s). Ratios on CPU time (load: wall)."
[ "$BIG" = 1 ] || echo "BENCH_BIG=1 adds 10^7 facts (PostgreSQL alone takes minutes there), the export at 10^6 rows and a 20 MB text corpus."
echo
echo "| measure | N | aidcube | bytes/fact (peak RSS) | PostgreSQL | DuckDB | ratio |"
echo "|---|---:|---:|---:|---:|---:|---|"
cat "$TABLE"
echo
echo "bytes/fact: the cube from facts: what the model and cube added to the peak RSS; the text ETL: bench_text's"
echo "peak RSS / the observations of one pass; otherwise the process's peak RSS / rows."

[ -f ../shared/peer-corpus/parsing-corpus.tsv ] && bash tests/peer_score.sh "$BIN" ../shared/peer-corpus/parsing-corpus.tsv | tail -12
exit 0
