#!/usr/bin/env bash
# Sources read in parallel (--jobs, pipeline/pipeline_run.h): worker threads
# read ahead, the documents are handed on in the order of the files, with
# their messages.  For extract, check and build over every fixture and
# hostile inputs (an empty file, a file that is not a workbook, one FreeXL
# dies on, a PDF, a list with rejected rows), the output is the same byte
# for byte with 2 and 7 workers and with AIDCUBE_JOBS as with one: stdout,
# stderr, the exit status, the workbooks and rejects.tsv.  strace counts the
# threads started: as many workers as asked (no more than files), none for
# one.  A document past its memory fails the run the same way.  Under a
# limit of processes (ulimit -u) the output is still one worker's.  Bad
# values of --jobs are usage errors.
set -u
W="$TMP/jobs"; rm -rf "$W"; mkdir -p "$W/in"
fail=0
no() { echo "jobs: $*"; fail=1; }
cp fixtures/sources/* fixtures/sheets/* "$W/in/"
: > "$W/in/vide.txt"
printf 'not a zip\n' > "$W/in/faux.xlsx"
cp tests/fuzz/regress-freexl/freexl-segv-xls "$W/in/crash.xls"
printf '%%PDF-1.4\n' > "$W/in/rapport.pdf"
nfiles=$(ls "$W/in" | wc -l)   # the PDF too: a file each worker may be handed

# run NAME ARGS...: stdout, stderr and status into $W/NAME.*
run() {
    local name=$1; shift
    "$@" > "$W/$name.out" 2> "$W/$name.err"; echo $? > "$W/$name.rc"
    grep -qE 'Sanitizer|runtime error' "$W/$name.err" && no "$name: sanitizer report"
}
same() {   # same A B: every output of run B equals run A's
    local f
    for f in out err rc; do
        cmp -s "$W/$1.$f" "$W/$2.$f" || { no "$2: $f differs from $1"; diff "$W/$1.$f" "$W/$2.$f" | head -10; }
    done
}
for cmd in extract check; do
    run "$cmd-1" "$BIN" "$cmd" --jobs 1 "$W/in"
    [ -s "$W/$cmd-1.out" ] || no "$cmd: no output"
    run "$cmd-2" "$BIN" "$cmd" --jobs 2 "$W/in"; same "$cmd-1" "$cmd-2"
    run "$cmd-7" "$BIN" "$cmd" --jobs=7 "$W/in"; same "$cmd-1" "$cmd-7"
    run "$cmd-env" env AIDCUBE_JOBS=3 "$BIN" "$cmd" "$W/in"; same "$cmd-1" "$cmd-env"
done
[ "$(cat "$W/extract-1.rc")" = 1 ] || no "extract: exit $(cat "$W/extract-1.rc"), expected 1 (files and rows rejected)"
for f in vide.txt faux.xlsx crash.xls rapport.pdf; do
    grep -q "^aidcube: $W/in/$f: " "$W/extract-1.err" || no "extract: nothing said of $f"
done
for j in 1 3; do
    run "build-$j" "$BIN" build --jobs $j "$W/in" -o "$W/out$j" --split fund
done
same build-1 build-3
for f in $(cd "$W/out1" && ls); do
    cmp -s "$W/out1/$f" "$W/out3/$f" || no "build: $f differs with 3 workers"
done
[ "$(ls "$W/out1")" = "$(ls "$W/out3")" ] || no "build: not the same files"
[ "$(ls "$W/out1" | grep -c '\.xlsx$')" -ge 2 ] || no "build: no workbooks"
# a document past the memory of one (AIDCUBE_DOC_MEMORY): the run fails, exit 4
run mem-1 env AIDCUBE_DOC_MEMORY=100000 "$BIN" extract --jobs 1 "$W/in"
run mem-4 env AIDCUBE_DOC_MEMORY=100000 "$BIN" extract --jobs 4 "$W/in"
same mem-1 mem-4
[ "$(cat "$W/mem-1.rc")" = 4 ] || no "memory: exit $(cat "$W/mem-1.rc"), expected 4"
# the threads started (CLONE_THREAD: LeakSanitizer's own clone has not the flag)
threads() {   # threads ARGS...: how many threads `extract ARGS` starts
    strace -f -qq -e trace=clone,clone3 -o "$W/strace" "$BIN" extract -q "$@" > /dev/null 2>&1
    grep -c CLONE_THREAD "$W/strace"
}
if command -v strace > /dev/null && strace -f -o /dev/null true 2> /dev/null; then
    [ "$(threads --jobs 4 "$W/in")" = 4 ] || no "--jobs 4: $(threads --jobs 4 "$W/in") threads, expected 4"
    [ "$(threads --jobs 1 "$W/in")" = 0 ] || no "--jobs 1: threads started"
    n=$((nfiles + 5))
    [ "$(threads --jobs $n "$W/in")" = "$nfiles" ] || no "--jobs $n: not one thread a file ($nfiles)"
    [ "$(threads --jobs 4 fixtures/sources/"$(ls fixtures/sources | head -1)")" = 0 ] || no "one file: threads started"
else
    no "strace cannot run here: the threads cannot be counted"
fi
# under a limit of processes and threads (ulimit -u, a service user's):
# fewer workers, room for each .xls reader's child, the same output (as
# root, through setpriv; the release binary: the sanitizers' own threads
# would count against the limit)
REL="$PWD/aidcube"
if [ "$(id -u)" = 0 ] && [ -x "$REL" ] && command -v setpriv > /dev/null; then
    L="$W/limit"; mkdir -p "$L/in"; cp "$REL" "$L/aidcube"; cp -r fixtures/ref "$L/ref"
    cp fixtures/sources/*.txt tests/fuzz/seeds/*.xls "$L/in/"; chmod -R a+rX "$L"; chmod a+rx "$W" "$TMP"
    limited() {   # limited U JOBS: extract as nobody under ulimit -u U
        setpriv --reuid=nobody --regid=nogroup --clear-groups bash -c \
            "ulimit -u $1; AIDCUBE_REFDIR=$L/ref exec $L/aidcube extract --jobs $2 $L/in" > "$L/out" 2> "$L/err"
        echo $? >> "$L/out"
        cat "$L/out" "$L/err"
    }
    limited 100 1 > "$L/ref.txt"
    grep -q '^mli_projets.xls' "$L/ref.txt" || no "ulimit -u: the .xls not read with one worker"
    for u in 3 8; do
        limited $u 7 > "$L/got.txt"
        cmp -s "$L/ref.txt" "$L/got.txt" || { no "ulimit -u $u, --jobs 7: not the output of one worker"; diff "$L/ref.txt" "$L/got.txt" | head -5; }
    done
elif [ "${CI:-}" = true ]; then
    no "the ulimit -u case needs root, setpriv and the release build ($REL)"
fi
# bad values
for v in 0 65 x 2x ""; do
    "$BIN" extract --jobs="$v" "$W/in" > /dev/null 2> "$W/bad.err"; rc=$?
    [ "$rc" = 2 ] && grep -q "invalid value \"$v\" for option \"--jobs\"" "$W/bad.err" ||
        no "--jobs=\"$v\": exit $rc: $(head -2 "$W/bad.err")"
done
[ "$fail" = 0 ] && echo "jobs: extract, check and build give the same bytes with 1, 2, 3 and 7 workers over $nfiles files (hostile ones too); the threads asked for are started; bad values refused"
exit "$fail"
