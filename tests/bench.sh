#!/usr/bin/env bash
# make bench: speed of the pipeline, of the cube and the normaliser's score,
# measured and printed, never asserted.
# Usage: tests/bench.sh ./aidcube [build/rel/bench_cube]
set -u
BIN=$(realpath "$1")
BENCH_CUBE=${2:+$(realpath "$2")}
cd "$(dirname "$0")/.."
TMP=$(mktemp -d /tmp/aidcube-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C
# a corpus of 400 documents: the fixtures (and the seeds when present), repeated
src=(fixtures/sources/*)
[ -d ../shared/seeds ] && src+=(../shared/seeds/*)
mkdir -p "$TMP/corpus"
# (each copy made distinct: identical content is loaded once)
for i in $(seq 1 40); do for f in "${src[@]}"; do
    { cat "$f"; printf '\nCopie %d.\n' "$i"; } > "$TMP/corpus/$i-$(basename "$f")"; done; done
n=$(ls "$TMP/corpus" | wc -l); bytes=$(cat "$TMP/corpus"/* | wc -c)
t() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
ms=$(t "$BIN" extract -q "$TMP/corpus")
rows=$("$BIN" extract -q "$TMP/corpus" | tail -n +2 | wc -l)
echo "extract: $n documents, $bytes bytes, $rows observations in $ms ms"
ms=$(t "$BIN" build -q "$TMP/corpus" -o "$TMP/out")
echo "build (cube, checks, workbook): $n documents in $ms ms"
# one big document: 200 copies of the bulletin in one file
for i in $(seq 1 200); do cat fixtures/sources/mli_bulletin_juin2017.txt; done > "$TMP/big.txt"
ms=$(t "$BIN" extract -q "$TMP/big.txt")
echo "extract: one document of $(wc -c < "$TMP/big.txt") bytes in $ms ms"
# 16,000 figures on one line (a table flattened by a converter): attribution
# must stay linear in the number of figures
python3 -c "print(' '.join('%d,%d millions USD %d%%' % (i, i % 10, i % 100) for i in range(16000)))" > "$TMP/line.txt"
ms=$(t "$BIN" extract -q "$TMP/line.txt")
echo "extract: 32,000 figures on one line of $(wc -c < "$TMP/line.txt") bytes in $ms ms"
ms=$(t "$BIN" check -q "$TMP/line.txt")
echo "check: the same line in $ms ms"
if command -v valgrind > /dev/null; then
    valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$BIN" extract -q fixtures/sources > /dev/null 2> "$TMP/cg.err"
    echo "extract fixtures/sources: $(grep -o 'Collected : [0-9]*' "$TMP/cg.err" | grep -o '[0-9]*') instructions (callgrind)"
fi
# the fact model and the cube from 10^4, 10^5 and 10^6 generated facts
# (fixtures/gen/facts.py, seeded): time and peak memory of each, and the
# ratio of the last two build times (linear cost: about 10, or less as the
# number of distinct cells saturates)
if [ -n "$BENCH_CUBE" ]; then
    prev=""; last=""
    for n in 10000 100000 1000000; do
        python3 fixtures/gen/facts.py "$n" --seed 1 > "$TMP/facts.tsv"
        r=$("$BENCH_CUBE" "$TMP/facts.tsv") || { echo "cube: bench_cube failed at $n facts"; continue; }
        set -- $r   # facts F sources S cells C load_s L freeze_s Z build_s B peak_rss_mb M
        echo "cube: $2 facts in $4 sources, $6 cells: load $8 s, freeze ${10} s, build ${12} s, peak RSS ${14} MB"
        prev=$last; last=${12}
    done
    [ -n "$prev" ] && awk -v a="$prev" -v b="$last" \
        'BEGIN { if (a > 0) printf "cube: build time ratio 10^6 / 10^5 facts = %.1f\n", b / a }'
    rm -f "$TMP/facts.tsv"
fi
# a project list of 10^4, 10^5 and 10^6 rows (CSV, tests/bench/projects_csv.py),
# all at one cell (one region, sector, year, fund) and spread over regions
# and sectors: time and peak memory (max RSS) of aidcube cube, which must
# grow linearly with the rows (issue 15: projects at one cell were compared
# pairwise, 161 s for 40,000)
MAX_SIZE=$((256 << 20))   # bytes: the list of 10^6 rows is 82 MB, above the default
if [ -x /usr/bin/time ]; then
    for mode in one spread; do
        prev=""; last=""
        for n in 10000 100000 1000000; do
            python3 tests/bench/projects_csv.py "$n" "$mode" > "$TMP/projects.csv"
            /usr/bin/time -f '%e %U %M' -o "$TMP/time" \
                "$BIN" cube -q --max-size=$MAX_SIZE "$TMP/projects.csv" > /dev/null 2>&1
            read -r w s kb < <(tail -1 "$TMP/time")
            echo "cube: a project list of $n rows ($mode) in $w s ($s s user), peak RSS $((kb / 1024)) MB"
            prev=$last; last=$s
        done
        awk -v a="$prev" -v b="$last" -v m="$mode" \
            'BEGIN { if (a > 0) printf "cube: project list (%s) time ratio 10^6 / 10^5 rows = %.1f\n", m, b / a }'
    done
    rm -f "$TMP/projects.csv"
fi
# the warehouse load of a project list of 10^4 and 10^5 rows (spread),
# beside psql's \copy of the same rows into a plain table, on a throwaway
# PostgreSQL (tests/pg.sh): rows a second, and the ratio (before issue 19
# the load was quadratic: 131 rows/s at 10^5, 1,570 times \copy)
if [ -x /usr/bin/time ] && ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1; then
    ( . tests/pg.sh
      chmod 755 "$TMP"
      pg_start "$TMP/pg" > /dev/null || exit 0
      export AIDCUBE_SQL="$PWD/sql"
      "$BIN" db init --db "$PG_CONN" > /dev/null || exit 0
      "${psql[@]}" -c "CREATE TABLE raw (title text, region text, locality text, sector text,
                       fund text, budget text, partner text, start_date text, end_date text)"
      for n in 10000 100000; do
          python3 tests/bench/projects_csv.py "$n" spread 7$n > "$TMP/load.csv"
          chmod 644 "$TMP/load.csv"
          /usr/bin/time -f '%e %U %S' -o "$TMP/time" \
              "$BIN" load -q --db "$PG_CONN" --max-size=$MAX_SIZE "$TMP/load.csv" > /dev/null 2>&1
          read -r w u sy < <(tail -1 "$TMP/time")
          /usr/bin/time -f '%e' -o "$TMP/time" "${psql[@]}" -c "\\copy raw FROM '$TMP/load.csv' CSV HEADER"
          c=$(tail -1 "$TMP/time")
          awk -v n="$n" -v w="$w" -v u="$u" -v s="$sy" -v c="$c" 'BEGIN {
              printf "load: a project list of %d rows into PostgreSQL in %.1f s (%.1f s CPU), %.0f rows/s; psql \\copy %.2f s: %.0f times\n",
                     n, w, u + s, n / (w > 0 ? w : 1), c, w / (c > 0 ? c : 0.01) }'
      done
      pg_stop )
fi
[ -f ../shared/peer-corpus/parsing-corpus.tsv ] && bash tests/peer_score.sh "$BIN" ../shared/peer-corpus/parsing-corpus.tsv | tail -12
exit 0
