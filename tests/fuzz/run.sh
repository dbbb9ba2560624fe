#!/usr/bin/env bash
# Run libFuzzer harnesses (build/fuzz/fuzz_*), each from its own seed corpus:
#   fuzz_csv, fuzz_xlsx, fuzz_ods, fuzz_xls   tests/fuzz/seeds/*.EXT (small
#                     lists written here from our fixtures' CSV, converted by
#                     LibreOffice) and, for CSV, fixtures/sheets/
#   fuzz_extract      fixtures/sources/ and the seeds' text reports
#   fuzz_parse        the peer corpus's phrases
#   fuzz_pipeline     all of the above, and pairs of reports as one input
#                     (fuzz_pipeline.c: sources separated by a line)
# and every input that once failed (tests/fuzz/regress/).
#
#   tests/fuzz/run.sh LIMIT HARNESS...
#
# LIMIT is a number of seconds, or "runs:N" for N executions from a fixed
# seed (what `make test` uses, so that a run is reproducible).  A run of
# seconds keeps what it finds in build/fuzz/corpus/NAME for the next run.
# Each harness prints its executions; the first crash stops the script
# (exit 1), its input left in build/fuzz/ (crash-*, leak-*, timeout-*): add
# it to tests/fuzz/regress/ once fixed.
set -u
secs=$1; shift
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/aidcube-fuzz.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
sep=$'\n==aidcube-source==\n'     # fuzz_pipeline.c, FUZZ_SOURCE_SEP
seeds() {   # seeds NAME DIR: NAME's seed corpus into DIR
    local f i=0
    case $1 in
    fuzz_csv)          cp fixtures/sheets/*.csv tests/fuzz/seeds/*.csv "$2"/ ;;
    fuzz_xlsx|fuzz_ods|fuzz_xls) cp tests/fuzz/seeds/*."${1#fuzz_}" "$2"/ ;;
    fuzz_extract)      cp fixtures/sources/* "$2"/
                       [ -d ../shared/seeds ] && cp ../shared/seeds/*.txt "$2"/ ;;
    fuzz_parse)        [ -f ../shared/peer-corpus/parsing-corpus.tsv ] &&
                       cut -f3 ../shared/peer-corpus/parsing-corpus.tsv | tail -n +2 | head -300 |
                       while IFS= read -r p; do i=$((i+1)); printf '%s' "$p" > "$2/p$i"; done ;;
    fuzz_pipeline)     cp fixtures/sources/* tests/fuzz/seeds/*.x* tests/fuzz/seeds/*.ods "$2"/
                       for f in fixtures/sheets/*.csv; do { printf '\001'; cat "$f"; } > "$2/$(basename "$f")"; done
                       local srcs=(fixtures/sources/*)
                       for ((i = 0; i + 1 < ${#srcs[@]}; i += 2)); do
                           { cat "${srcs[i]}"; printf '%s' "$sep"; cat "${srcs[i+1]}"; } > "$2/pair$i"
                       done ;;
    esac
    return 0
}
case $secs in
runs:*) limit=(-runs="${secs#runs:}" -seed=1); what="${secs#runs:} runs" ;;
*)      limit=(-max_total_time="$secs"); what="${secs}s" ;;
esac
for f in "$@"; do
    name=$(basename "$f")
    echo "== $name, $what"
    mkdir -p "$tmp/$name"
    seeds "$name" "$tmp/$name"
    cp tests/fuzz/regress/* "$tmp/$name"/
    more=()
    case $secs in
    runs:*) dirs=("$tmp/$name.new" "$tmp/$name"); mkdir -p "$tmp/$name.new" ;;
    *)      mkdir -p "build/fuzz/corpus/$name"; dirs=("build/fuzz/corpus/$name" "$tmp/$name")
            # FreeXL crashes on many crafted files (tests/fuzz/freexl.supp):
            # fuzz_xls goes on after a crash, each kept in build/fuzz/crash-*
            # (aidcube must read each as a file not read: t_sheet_xls)
            # (tests/fuzz/fuzz_common.h: in this process only here)
            [ "$name" = fuzz_xls ] && more=(-fork=1 -ignore_crashes=1) ;;
    esac
    # the text harnesses on the first pages of a report: a whole report
    # under the sanitizers takes a tenth of a second, its first 2 KiB (a
    # headline, a table, a flattened line) a few milliseconds
    case $name in fuzz_extract|fuzz_pipeline) max=2048 ;; fuzz_parse) max=1024 ;; *) max=65536 ;; esac
    inproc=(); [ ${#more[@]} -gt 0 ] && inproc=(AIDCUBE_FUZZ_XLS_IN_PROCESS=1)
    env "${inproc[@]}" "$f" "${more[@]}" "${limit[@]}" -max_len=$max -timeout=20 -rss_limit_mb=2048 \
        -artifact_prefix=build/fuzz/ -print_final_stats=1 "${dirs[@]}" > "$tmp/$name.log" 2>&1
    st=$?
    grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done' "$tmp/$name.log" | head -5
    [ ${#more[@]} -gt 0 ] && { grep -E '^#[0-9]+' "$tmp/$name.log" | tail -1
                               echo "crashes kept: $(grep -c 'Test unit written' "$tmp/$name.log")"; }
    [ "$st" -eq 0 ] || { tail -40 "$tmp/$name.log"; echo "fuzz: $name failed"; exit 1; }
done
