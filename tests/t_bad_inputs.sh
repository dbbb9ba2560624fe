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
# one bad byte spoils one character, not the file (class 10): the accented
# words of a UTF-8 file with a stray Latin-1 byte keep their reading
printf 'Rapport de la préfecture, 2016\nÀ Ségou, 12 QIPs pour 450.000 USD (r\xe9sumé).\n' > "$D/stray.txt"
run stray     0 "aidcube: $D/stray.txt:2: invalid UTF-8 byte 0xE9 replaced"  "$D/stray.txt" "$good"
grep -qF $'stray.txt\t2\tamount\t450000\tUSD\tQIP\tMLI\tSégou' "$TMP/bad.out" || { echo "stray: region lost"; cat "$TMP/bad.out"; fail=1; }
grep -q 'Windows-1252' "$TMP/bad.err" && { echo "stray: read as Windows-1252"; fail=1; }
printf '\xff\xfe' > "$D/u16nul.txt"; printf '12 QIPs\0 à Gao\n' | iconv -f UTF-8 -t UTF-16LE >> "$D/u16nul.txt"
run u16nul    1 "aidcube: $D/u16nul.txt: binary file (NUL bytes)"            "$D/u16nul.txt" "$good"
{ printf '\xff\xfe'; printf 'Gao\n' | iconv -f UTF-8 -t UTF-16LE; printf '\x00\xd8x\x00\n\x00'; } > "$D/u16sur.txt"
run u16sur    0 "aidcube: $D/u16sur.txt:2: invalid UTF-16 unit 0xD800 replaced" "$D/u16sur.txt" "$good"
# unsupported files are said out loud (class 12), by name and by content
printf 'projet;montant\nGao;450 000\n' > "$D/projets.csv"
# a spreadsheet is read as one; a row whose currency nothing states is rejected
run csv       1 "aidcube: $D/projets.csv:2: sheet \"projets\", column B \"450 000\": no currency (none in the cell, the header, a currency column or the fund's reference data): row not loaded" "$D/projets.csv" "$good"
printf '%%PDF-1.4\n12 QIPs pour 450.000 USD\n' > "$D/pdf_in_disguise.txt"
run pdf       1 "aidcube: $D/pdf_in_disguise.txt: not read: PDF and Word files must be converted to text first" "$D/pdf_in_disguise.txt" "$good"
mkdir -p "$D/inbox"; cp "$good" "$D/inbox/"
printf 'PK\003\004\024\000\000\000\000\000xl/workbook.xml' > "$D/inbox/budget.xlsx"
printf 'PK\003\004\024\000\000\000\000\000word/document.xml' > "$D/inbox/note.docx"
printf 'PK\003\004\024\000\000\000\000\000word/document.xml' > "$D/inbox/note.bin"
for cmd in check build cube; do
    out=(); [ "$cmd" = build ] && out=(-o "$TMP/inbox-out")
    "$BIN" $cmd "$D/inbox" "${out[@]}" > /dev/null 2> "$TMP/inbox.err"; rc=$?
    [ "$rc" -eq 1 ] || { echo "inbox $cmd: exit $rc, expected 1"; fail=1; }
    # a directory gives its sources by name: note.bin is skipped and named,
    # never read as a report
    grep -qF "aidcube: $D/inbox/budget.xlsx: not a readable zip archive: Not a zip archive" "$TMP/inbox.err" &&
    grep -qF "aidcube: $D/inbox/note.docx: not read: PDF and Word files" "$TMP/inbox.err" &&
    grep -qF "aidcube: $D/inbox: 1 entry skipped (" "$TMP/inbox.err" &&
    grep -qF "name a file to read it whatever its name): note.bin" "$TMP/inbox.err" &&
    ! grep -qF "$D/inbox/note.bin:" "$TMP/inbox.err" ||
        { echo "inbox $cmd: unsupported files not named"; cat "$TMP/inbox.err"; fail=1; }
done
# named on the command line, note.bin is read whatever its name: rejected by its content
"$BIN" extract "$D/inbox/note.bin" > /dev/null 2> "$TMP/inbox.err"; rc=$?
[ "$rc" -eq 1 ] && grep -qxF "aidcube: $D/inbox/note.bin: not read: PDF and Word files must be converted to text first" "$TMP/inbox.err" ||
    { echo "note.bin named: exit $rc"; cat "$TMP/inbox.err"; fail=1; }
# outputs cannot be forged or broken (class 11): hostile file names and a
# hostile snippet; no raw ESC, no extra column, no extra row, no fake line
H="$TMP/hostile"; mkdir -p "$H"
line=$'Projets à impact rapide (QIPs) à Gao : 12 QIPs pour 450.000 USD en 2016 \e[2J\e]0;pwned\a \\ fin.\n'
k=0   # contents differ (a copy would not be loaded again); the cube keeps
amt=(451 459 453 454)   # the largest restatement, the one named with a newline
for n in $'tab\there.txt' $'nl\naidcube: fake.txt' $'esc\e[31m.txt' $'bad\xe9name.txt'; do
    k=$((k+1)); printf '%s' "${line/450.000/${amt[k-1]}.000}" > "$H/$n"
done
for form in "extract" "extract --format jsonl" "check --format tsv" "check" "cube"; do
    "$BIN" $form "$H" > "$TMP/h.out" 2> "$TMP/h.err"; rc=$?
    [ "$rc" -le 1 ] || { echo "hostile $form: exit $rc"; fail=1; }
    if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/h.out" "$TMP/h.err"; then
        echo "hostile $form: a raw control character was printed"; fail=1; fi
    if grep -q '^aidcube: fake' "$TMP/h.out" "$TMP/h.err"; then echo "hostile $form: forged line"; fail=1; fi
    grep -qE 'Sanitizer|runtime error' "$TMP/h.err" && { echo "hostile $form: sanitizer report"; fail=1; }
    case $form in
    extract)
        awk -F'\t' 'NF != 15 { bad = 1 } END { exit bad }' "$TMP/h.out" || { echo "hostile extract: a row has not 15 columns"; fail=1; }
        [ "$(wc -l < "$TMP/h.out")" -eq 9 ] || { echo "hostile extract: not 8 rows"; cat "$TMP/h.out"; fail=1; }
        grep -qF $'tab\\there.txt\t1\tamount\t451000' "$TMP/h.out" &&
        grep -qF $'nl\\naidcube: fake.txt\t1\tamount' "$TMP/h.out" &&
        grep -qF $'esc\\x1B[31m.txt\t1\tamount' "$TMP/h.out" &&
        grep -qF $'bad\\xE9name.txt\t1\tamount' "$TMP/h.out" &&
        grep -qF '2016 \x1B[2J\x1B]0;pwned\x07 \\ fin.' "$TMP/h.out" || { echo "hostile extract: escaping"; cat "$TMP/h.out"; fail=1; } ;;
    "extract --format jsonl")
        python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8", errors="strict")]
docs = sorted({r["doc"] for r in rows})
assert len(rows) == 8 and docs == ["bad\ufffdname.txt", "esc\x1b[31m.txt", "nl\naidcube: fake.txt", "tab\there.txt"], docs
' "$TMP/h.out" || { echo "hostile jsonl: not valid UTF-8 JSON with the names"; fail=1; } ;;
    "check --format tsv"|cube)
        awk -F'\t' 'NR == 1 { n = NF } NF != n { bad = 1 } END { exit bad }' "$TMP/h.out" || { echo "hostile $form: ragged columns"; fail=1; }
        grep -qF 'nl\naidcube: fake.txt' "$TMP/h.out" || { echo "hostile $form: name not escaped"; head -5 "$TMP/h.out"; fail=1; } ;;
    esac
done
printf '%s' "$line" > "$H/x.txt"; printf 'x' > "$H/"$'e\e[31m.csv'
"$BIN" extract "$H/"$'e\e[31m.csv' "$H/nope"$'\n'"aidcube: fake" > /dev/null 2> "$TMP/h.err"
[ "$(grep -c '^aidcube: ' "$TMP/h.err")" -eq 2 ] && ! grep -q '^aidcube: fake' "$TMP/h.err" &&
    grep -qF "aidcube: $H/e\\x1B[31m.csv: sheet \"e\\x1B[31m\": no header row" "$TMP/h.err" ||
    { echo "hostile diagnostics"; cat -A "$TMP/h.err"; fail=1; }
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
# what one input builds is bounded by PIPELINE_MEMORY_PER_BYTE (64) times
# --max-size (issue 15): a line of 32,000 figures and nothing else (387 KB,
# under --max-size 400000) builds about 29 MB, past the 25.6 MB it may;
# it is rejected with the limit named (exit 1, not a failure of the run),
# and the file after it is read whole
python3 -c "print(' '.join('%d,%d millions USD %d%%' % (i, i % 10, i % 100) for i in range(16000)))" > "$TMP/dense.txt"
"$BIN" extract -q --max-size=400000 "$TMP/dense.txt" fixtures/sources/mli_qip_table.txt > "$TMP/dense.out" 2> "$TMP/dense.err"; rc=$?
[ $rc -eq 1 ] && [ "$(cat "$TMP/dense.err")" = "aidcube: $TMP/dense.txt: what it builds in memory passed 25600000 bytes (64 times --max-size): not loaded; raise --max-size to read it" ] &&
    [ "$(grep -c '^mli_qip_table' "$TMP/dense.out")" -eq 21 ] && ! grep -q '^dense' "$TMP/dense.out" ||
    { echo "memory per input: exit $rc"; cat "$TMP/dense.err"; fail=1; }
# and with the room it needs, the same line gives its 32,000 figures
[ "$("$BIN" extract -q --max-size=1000000 "$TMP/dense.txt" | tail -n +2 | wc -l)" -eq 32000 ] || { echo "memory per input: the dense line not read with room"; fail=1; }
# usage errors
"$BIN" extract > /dev/null 2> "$TMP/u.err"; [ $? -eq 2 ] && grep -q "Try 'aidcube extract --help'" "$TMP/u.err" || { echo "usage: no exit 2"; fail=1; }
"$BIN" extract --format xml "$good" > /dev/null 2>&1; [ $? -eq 2 ] || { echo "bad format: no exit 2"; fail=1; }
"$BIN" frobnicate > /dev/null 2>&1; [ $? -eq 2 ] || { echo "unknown command: no exit 2"; fail=1; }
"$BIN" --help | grep -q '^Usage: aidcube' || { echo "--help"; fail=1; }
# an unknown short option, alone or in a cluster, is named (not the command)
for cmd in extract check build cube cells; do
    "$BIN" $cmd -xyz > /dev/null 2> "$TMP/u.err"; rc=$?
    [ $rc -eq 2 ] && grep -qx "aidcube: $cmd: invalid option \"-x\"" "$TMP/u.err" \
        || { echo "$cmd -xyz: exit $rc"; cat "$TMP/u.err"; fail=1; }
done
# cells takes --max-size; build --help lists it
"$BIN" cells --max-size 10 fixtures/sheets/caf_qip_2017_2018.csv > /dev/null 2> "$TMP/u.err"; rc=$?
[ $rc -eq 1 ] && grep -qF "caf_qip_2017_2018.csv: file too large (13801 bytes, limit 10): not read" "$TMP/u.err" \
    || { echo "cells --max-size: exit $rc"; cat "$TMP/u.err"; fail=1; }
"$BIN" cells --max-size=x fixtures/sheets/caf_qip_2017_2018.csv > /dev/null 2>&1; [ $? -eq 2 ] || { echo "cells --max-size=x: no exit 2"; fail=1; }
"$BIN" build --help | grep -q -- '--max-size=N' || { echo "build --help: no --max-size"; fail=1; }
# a FIFO or a dangling link inside a directory is named and rejected (exit 1)
mkdir -p "$D/withfifo"; cp "$good" "$D/withfifo/"; mkfifo "$D/withfifo/pipe"; ln -sf nowhere "$D/withfifo/dangling"
"$BIN" extract "$D/withfifo" > "$TMP/bad.out" 2> "$TMP/bad.err"; rc=$?
[ $rc -eq 1 ] && grep -qx "aidcube: $D/withfifo/pipe: not a regular file: skipped" "$TMP/bad.err" \
    && grep -qx "aidcube: $D/withfifo/dangling: not a regular file: skipped" "$TMP/bad.err" \
    && grep -qF $'good.txt\t1\tamount\t450000' "$TMP/bad.out" \
    || { echo "fifo in a directory: exit $rc"; cat "$TMP/bad.err"; fail=1; }
[ "$fail" -eq 0 ] && echo "bad inputs: all rejected cleanly, good records kept"
exit $fail
