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
[ -z "$(ls "$W/out" | grep -v '^aidcube.xlsx$' | grep -v '^rejects.tsv$' | grep -v '^aidcube-manifest.tsv$')" ] || { echo "temporary files left in out/"; ls "$W/out"; fail=1; }
# rejects.tsv (issue 15 item 10): the umask's mode like the workbooks, a
# cell that would be a formula quoted, and never replaced when the
# workbooks were not written
M=fixtures/sheets/mli_projets_stabilisation_2019.csv
rm -rf "$W/rj"; (umask 022; "$BIN" build -q "$M" -o "$W/rj" > /dev/null 2>&1)
[ "$(stat -c %a "$W/rj/rejects.tsv")" = "$(stat -c %a "$W/rj/aidcube.xlsx")" ] && [ "$(stat -c %a "$W/rj/rejects.tsv")" = 644 ] \
    || { echo "rejects.tsv mode $(stat -c %a "$W/rj/rejects.tsv"), workbook $(stat -c %a "$W/rj/aidcube.xlsx")"; fail=1; }
grep -qF $'\t12\tH\t\'-\tamount cannot be read' "$W/rj/rejects.tsv" || { echo "rejects.tsv: '-' not quoted"; cat "$W/rj/rejects.tsv"; fail=1; }
printf 'Titre;Région;Secteur;Source de financement;Montant (USD)\nA;Gao;POC;QIP;=cmd|%s /C calc%s!A0\nB;Gao;POC;QIP;1000\n' "'" "'" > "$W/inject.csv"
"$BIN" build -q "$W/inject.csv" -o "$W/rj" > /dev/null 2>&1
grep -qF $'\t\'=cmd|\' /C calc\'!A0\t' "$W/rj/rejects.tsv" || { echo "rejects.tsv: a formula written as it is"; cat "$W/rj/rejects.tsv"; fail=1; }
echo previous > "$W/rj/rejects.tsv"; rm -f "$W/rj/aidcube.xlsx"; mkdir "$W/rj/aidcube.xlsx"
"$BIN" build -q "$M" -o "$W/rj" > /dev/null 2> "$W/err"; rc=$?
[ $rc -eq 4 ] && [ "$(cat "$W/rj/rejects.tsv")" = previous ] || { echo "rejects.tsv replaced though the workbook failed (exit $rc)"; cat "$W/err"; fail=1; }
ls -A "$W/rj" | grep -q '\.tmp-' && { echo "temporary files left in rj/"; fail=1; }
# libxlsxwriter's own messages in our format (a full tmpfs, where one can be mounted)
T="$W/mnt"; mkdir -p "$T"
if mount -t tmpfs -o size=512k tmpfs "$T" 2> /dev/null; then
    "$BIN" build -q -o "$T/b" fixtures/sheets/pbf_projects_en.csv > /dev/null 2>&1
    dd if=/dev/zero of="$T/fill" bs=4k > /dev/null 2>&1
    "$BIN" build -q -o "$T/b" "$M" > /dev/null 2> "$W/err"; rc=$?
    umount "$T"
    grep -v '^aidcube: ' "$W/err" | grep -q . && { echo "full tmpfs: a line not in our format"; cat "$W/err"; fail=1; }
    grep -q "^aidcube: $T/b/aidcube.xlsx: libxlsxwriter: " "$W/err" || { echo "full tmpfs: libxlsxwriter's message not re-emitted"; cat "$W/err"; fail=1; }
fi
[ "$fail" -eq 0 ] && echo "keep workbook: a failed or empty run leaves the workbook as it was"
exit $fail
