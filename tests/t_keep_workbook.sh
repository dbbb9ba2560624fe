#!/usr/bin/env bash
# A run never replaces a good workbook with a worse one: after a good build,
# a build that loads nothing (an empty directory, a mistyped path) or that
# fails (memory exhausted) leaves out/aidcube.xlsx byte for byte as it was,
# says so, and exits non-zero.
set -u
W="$TMP/keep"; mkdir -p "$W/empty" "$W/out"
fail=0
"$BIN" build -q fixtures/sources -o "$W/out" > /dev/null 2>&1 || { echo "good build failed"; exit 1; }
before=$(sha256sum < "$W/out/aidcube.xlsx")
expect() {   # expect NAME CODE MESSAGE -- ARGS...
    local name=$1 code=$2 msg=$3; shift 4
    "$@" > /dev/null 2> "$W/err"; rc=$?
    [ "$rc" -eq "$code" ] || { echo "$name: exit $rc, expected $code"; cat "$W/err"; fail=1; }
    grep -qF -- "$msg" "$W/err" || { echo "$name: no message \"$msg\""; cat "$W/err"; fail=1; }
    grep -qE 'Sanitizer|runtime error' "$W/err" && { echo "$name: sanitizer report"; fail=1; }
    [ "$(sha256sum < "$W/out/aidcube.xlsx")" = "$before" ] || { echo "$name: the workbook was replaced"; fail=1; }
}
expect "empty directory" 1 "aidcube: $W/out: no source could be loaded: workbooks left as they were" \
    -- "$BIN" build "$W/empty" -o "$W/out"
expect "mistyped path" 1 "aidcube: $W/out: no source could be loaded: workbooks left as they were" \
    -- "$BIN" build "$W/no-such-dir" -o "$W/out"
expect "out of memory" 4 "aidcube: $W/out: the run failed: workbooks left as they were" \
    -- env AIDCUBE_DOC_MEMORY=65536 "$BIN" build -q fixtures/sources -o "$W/out"
[ -z "$(ls "$W/out" | grep -v '^aidcube.xlsx$' | grep -v '^rejects.tsv$')" ] || { echo "temporary files left in out/"; ls "$W/out"; fail=1; }
[ "$fail" -eq 0 ] && echo "keep workbook: a failed or empty run leaves the workbook as it was"
exit $fail
