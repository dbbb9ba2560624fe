#!/usr/bin/env bash
# Writes that fail are errors, never silent: every command that prints
# (extract, extract --format jsonl, parse, check, check --format tsv, cube,
# cube --pivot, cells, --help, --version) with its standard output on
# /dev/full exits 4 and says "aidcube: standard output: No space left on
# device", that line alone on stderr; `build -o` on a full file system (a tmpfs of 512 KiB, mounted here
# when we may: as root, and always in CI) exits 4, says why, and leaves no
# temporary file, no partial workbook, and a workbook that was there before
# byte for byte as it was.  `db status` and `load` need a server: not here.
set -u
W="$TMP/write_fail"; rm -rf "$W"; mkdir -p "$W"
fail=0
F=fixtures/sources/car_qip_factsheet.txt
S=fixtures/sheets/pbf_projects_en.csv

# check_err NAME: the exit status in $rc, stderr in $W/err
check_err() {   # check_err NAME CODE REGEX
    local name=$1 code=$2 re=$3
    [ "$rc" -eq "$code" ] || { echo "FAIL: $name: exit $rc, expected $code"; cat "$W/err"; fail=1; }
    grep -qE -- "$re" "$W/err" || { echo "FAIL: $name: no message matching /$re/"; cat "$W/err"; fail=1; }
    grep -qE 'Sanitizer|runtime error|LeakSanitizer' "$W/err" && { echo "FAIL: $name: sanitizer report"; fail=1; }
    return 0
}

# ---- standard output on /dev/full ---------------------------------------------------------------
if [ -w /dev/full ]; then
    # a write error is said once, by main: a command that says it too is a bug
    full() {   # full NAME ARGS... (stdin from $W/in)
        local name=$1; shift
        "$BIN" "$@" < "$W/in" > /dev/full 2> "$W/err"; rc=$?
        check_err "$name > /dev/full" 4 '^aidcube: standard output: No space left on device$'
        local lines; lines=$(grep -c '' "$W/err")
        [ "$lines" -eq 1 ] && return
        echo "FAIL: $name > /dev/full: $lines lines on stderr, expected exactly one"; cat "$W/err"; fail=1
    }
    printf '12,5 millions USD\nenviron 28%%\n' > "$W/in"
    full "extract" extract "$F"
    full "extract --format jsonl" extract --format jsonl "$F"
    full "parse" parse
    full "check" check "$F"
    full "check --format tsv" check --format tsv "$F"
    full "cube" cube "$F"
    full "cube --pivot" cube --pivot "$F"
    full "cells" cells "$S"
    full "--help" --help
    full "extract --help" extract --help
    full "--version" --version
    # a closed standard output is an error too
    "$BIN" extract "$F" >&- 2> "$W/err"; rc=$?
    check_err "extract >&-" 4 '^aidcube: standard output: Bad file descriptor$'
    n=11
else
    echo "standard output: skipped, no writable /dev/full"
    n=0
fi

# ---- build -o on a full file system -------------------------------------------------------------
M="$W/mnt"; mkdir -p "$M"
if mount -t tmpfs -o size=512k tmpfs "$M" 2> "$W/mount.err"; then
    trap 'umount "$M" 2>/dev/null' EXIT
    # what a failed build may leave: no temporary file, and every workbook a whole zip
    leftovers() {   # leftovers NAME DIR
        local f
        if ls -A "$2" | grep -q '\.tmp-'; then echo "FAIL: $1: temporary files left: $(ls -A "$2")"; fail=1; fi
        for f in "$2"/*.xlsx; do
            [ -e "$f" ] || continue
            unzip -tq "$f" > /dev/null 2>&1 || { echo "FAIL: $1: $f is not a whole workbook"; fail=1; }
        done
    }
    # 1. a good workbook, then the disk fills: the next build fails and leaves
    # it as it was
    "$BIN" build -q -o "$M/b" fixtures/sheets/pbf_projects_en.csv > /dev/null 2> "$W/err" \
        || { echo "FAIL: a small build on the tmpfs failed: $(cat "$W/err")"; fail=1; }
    before=$(sha256sum < "$M/b/aidcube.xlsx" 2>/dev/null)
    dd if=/dev/zero of="$M/fill" bs=4k > /dev/null 2>&1
    "$BIN" build -q -o "$M/b" fixtures/sheets/mli_projets_stabilisation_2019.csv > /dev/null 2> "$W/err"; rc=$?
    check_err "build on a full tmpfs" 4 '^aidcube: .*: No space left on device$'
    [ -n "${VERBOSE:-}" ] && cat "$W/err"
    leftovers "build on a full tmpfs" "$M/b"
    [ "$(sha256sum < "$M/b/aidcube.xlsx" 2>/dev/null)" = "$before" ] \
        || { echo "FAIL: build on a full tmpfs: the workbook that was there changed"; fail=1; }
    # 2. nothing at all fits, in a new directory (rejects.tsv, written first,
    # fails: then no workbook is tried)
    "$BIN" build -q -o "$M/c" fixtures/sources > /dev/null 2> "$W/err"; rc=$?
    check_err "build on a full tmpfs, new directory" 4 '^aidcube: [^ ]*/(aidcube\.xlsx|rejects\.tsv): .*: No space left on device$'
    [ -n "${VERBOSE:-}" ] && cat "$W/err"
    leftovers "build on a full tmpfs, new directory" "$M/c"
    # 3. 16 KiB free: room for the rejected rows and part of the workbook,
    # whose message must give the reason
    truncate -s -16K "$M/fill"
    "$BIN" build -q -o "$M/a" fixtures/sources > /dev/null 2> "$W/err"; rc=$?
    check_err "build with 16 KiB free" 4 '^aidcube: [^ ]*/aidcube\.xlsx: .*: No space left on device$'
    [ -n "${VERBOSE:-}" ] && cat "$W/err"
    leftovers "build with 16 KiB free" "$M/a"
    [ ! -e "$M/a/aidcube.xlsx" ] || { echo "FAIL: build with 16 KiB free: a workbook was written"; fail=1; }
    umount "$M" && trap - EXIT
    n=$((n + 3))
else
    # where the machine allows no mount (a container without CAP_SYS_ADMIN),
    # /dev/full above is the write-failure test of every command
    echo "build on a full file system: skipped, this machine cannot mount a tmpfs: $(cat "$W/mount.err")"
fi
[ "$fail" -eq 0 ] && echo "write failures: $n cases exit 4 with the reason, no partial file"
exit $fail
