#!/usr/bin/env bash
# Run each libFuzzer harness, starting from the fixtures, the seeds (when
# present) and the peer corpus's phrases.  LIMIT is a number of seconds, or
# "runs:N" for N executions from a fixed seed (what `make test` uses, so
# that a run is reproducible).  Exit non-zero on the first crash; the
# crashing input is left in build/fuzz/.
set -u
secs=$1; shift
cd "$(dirname "$0")/../.."
corpus=$(mktemp -d /tmp/aidcube-fuzz.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
cp fixtures/sources/* "$corpus"/
# spreadsheets, each behind its format byte for fuzz_sheet (0 CSV, 1 .xlsx)
for s in fixtures/sheets/*.csv; do { printf '\000'; cat "$s"; } > "$corpus/$(basename "$s").f"; done
[ -d ../shared/seeds ] && cp ../shared/seeds/* "$corpus"/
if [ -f ../shared/peer-corpus/parsing-corpus.tsv ]; then
    i=0; cut -f3 ../shared/peer-corpus/parsing-corpus.tsv | tail -n +2 | head -300 |
    while IFS= read -r p; do i=$((i+1)); printf '%s' "$p" > "$corpus/p$i"; done
fi
case $secs in
runs:*) limit=(-runs="${secs#runs:}" -seed=1); what="${secs#runs:} runs" ;;
*)      limit=(-max_total_time="$secs"); what="${secs}s" ;;
esac
for f in "$@"; do
    echo "== $(basename "$f"), $what"
    mkdir -p "$corpus/$(basename "$f")"
    "$f" "${limit[@]}" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/ -print_final_stats=1 "$corpus/$(basename "$f")" "$corpus" 2>&1 \
        | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|crash|Done' | head -5
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: $(basename "$f") failed"; exit 1; }
done
