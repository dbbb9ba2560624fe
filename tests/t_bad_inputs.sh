#!/usr/bin/env bash
# Bad inputs: each gives a clear message naming the file, the right exit code,
# no crash under the sanitizers, and the other files of the run still printed.
set -u
D="$TMP/bad"; mkdir -p "$D"
good="$D/good.txt"
printf 'Projets à impact rapide (QIPs) à Gao : 12 QIPs pour 450.000 USD en 2016.\n' > "$good"
: > "$D/empty.txt"
printf 'abc\0def 12 QIPs\n' > "$D/nul.bin"
head -c 4096 /dev/urandom > "$D/random.bin"; printf '\0' >> "$D/random.bin"
printf 'Budget de 45.000 USD pour le projet \xc3' > "$D/truncated.txt"
printf 'Le budget du projet \xe0 Gao est de 45.000 USD (r\xe9gion de Gao).\n' > "$D/latin1.txt"
head -c $((50*1024*1024)) /dev/zero | tr '\0' 'a' > "$D/huge.txt"
python3 -c "import sys; sys.stdout.write(('Le projet QIP de Gao a coûté 45.000 USD et 12% du budget. ' * 18000)[:1048576])" > "$D/oneline.txt"
fail=0
run() {   # run NAME EXPECTED_EXIT EXPECTED_STDERR_SUBSTRING FILE...
    local name=$1 code=$2 msg=$3; shift 3
    "$BIN" extract "$@" > "$TMP/bad.out" 2> "$TMP/bad.err"; rc=$?
    if [ "$rc" -ne "$code" ]; then echo "$name: exit $rc, expected $code"; cat "$TMP/bad.err"; fail=1; fi
    if ! grep -qF -- "$msg" "$TMP/bad.err"; then echo "$name: no message \"$msg\""; cat "$TMP/bad.err"; fail=1; fi
    if grep -qE 'Sanitizer|runtime error' "$TMP/bad.err"; then echo "$name: sanitizer report"; fail=1; fi
    if ! grep -qF $'good.txt\t1\tamount\t450000\tUSD\tQIP\tMLI\tGao' "$TMP/bad.out"; then
        echo "$name: the good file's figure was lost"; cat "$TMP/bad.out"; fail=1; fi
}
run empty     1 "aidcube: $D/empty.txt: empty file"                           "$D/empty.txt" "$good"
run nul       1 "aidcube: $D/nul.bin: binary file (NUL bytes)"               "$D/nul.bin" "$good"
run random    1 "aidcube: $D/random.bin: binary file (NUL bytes)"            "$D/random.bin" "$good"
run missing   1 "aidcube: $D/missing.txt: cannot read: No such file"         "$D/missing.txt" "$good"
run huge      1 "aidcube: $D/huge.txt: file too large (52428800 bytes"       "$D/huge.txt" "$good"
run truncated 0 "aidcube: $D/truncated.txt: truncated UTF-8 sequence at end of file dropped" "$D/truncated.txt" "$good"
mkfifo "$D/fifo"
run fifo      1 "aidcube: $D/fifo: not a regular file: not read"             "$D/fifo" "$good"
mkdir -p "$D/emptydir"
run emptydir  0 "aidcube: $D/emptydir: no files in this directory"           "$D/emptydir" "$good"
run latin1    0 "aidcube: $D/latin1.txt: not valid UTF-8: read as Windows-1252"  "$D/latin1.txt" "$good"
grep -qF $'latin1.txt\t1\tamount\t45000\tUSD\t\tMLI\tGao' "$TMP/bad.out" || { echo "latin1: figure not read"; fail=1; }
"$BIN" extract "$D/oneline.txt" > "$TMP/one.out" 2> "$TMP/one.err"; rc=$?
n=$(tail -n +2 "$TMP/one.out" | wc -l)
if [ "$rc" -ne 0 ] || [ "$n" -lt 30000 ]; then echo "1 MB line: exit $rc, $n rows"; head -3 "$TMP/one.err"; fail=1; fi
# memory exhaustion at many points of one document (the arena limit):
# a clean "out of memory" for that file, exit 4, no sanitizer report, and the
# small file after it still printed whenever it fits
for lim in 1000 65536 70000 100000 140000 200000 300000 400000 500000; do
    AIDCUBE_DOC_MEMORY=$lim "$BIN" extract -q fixtures/sources/mli_bulletin_juin2017.txt \
        fixtures/sources/mli_qip_table.txt > "$TMP/oom.out" 2> "$TMP/oom.err"; rc=$?
    if grep -qE 'Sanitizer|runtime error' "$TMP/oom.err"; then echo "oom $lim: sanitizer report"; fail=1; fi
    case $rc in
    0) ;;
    4) grep -q '^aidcube: fixtures/sources/mli_[a-z_0-9]*\.txt: out of memory$' "$TMP/oom.err" \
           || { echo "oom $lim: no clear message"; cat "$TMP/oom.err"; fail=1; } ;;
    *) echo "oom $lim: exit $rc"; fail=1 ;;
    esac
    if [ "$lim" -ge 65536 ] && [ "$(grep -c '^mli_qip_table' "$TMP/oom.out")" -ne 21 ]; then
        echo "oom $lim: the other file's 21 rows were not all printed"; fail=1; fi
done
# usage errors
"$BIN" extract > /dev/null 2> "$TMP/u.err"; [ $? -eq 2 ] && grep -q "Try 'aidcube extract --help'" "$TMP/u.err" || { echo "usage: no exit 2"; fail=1; }
"$BIN" extract --format xml "$good" > /dev/null 2>&1; [ $? -eq 2 ] || { echo "bad format: no exit 2"; fail=1; }
"$BIN" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || { echo "unknown command: no exit 2"; fail=1; }
"$BIN" --help | grep -q '^Usage: aidcube' || { echo "--help"; fail=1; }
[ "$fail" -eq 0 ] && echo "bad inputs: all rejected cleanly, good records kept"
exit $fail
