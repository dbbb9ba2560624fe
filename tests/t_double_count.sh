#!/usr/bin/env bash
# The cube never double counts: the same money stated at two grains (three
# projects and their national total) gives the same totals as the projects
# alone.
set -u
fail=0
"$BIN" cube -q tests/double/fine_only > "$TMP/fine.tsv" || fail=1
"$BIN" cube -q tests/double/two_grains > "$TMP/two.tsv" || fail=1
total() { awk -F'\t' -v c="$2" -v r="$3" -v f="$4" '$1==c && $3==r && $5==f {print $6}' "$1"; }
for spec in "total Total Total" "fund Total QIP" "periodxfund Total QIP"; do
    set -- $spec
    a=$(total "$TMP/fine.tsv" "$1" "$2" "$3"); b=$(total "$TMP/two.tsv" "$1" "$2" "$3")
    if [ "$a" != "100000.00" ] || [ "$b" != "100000.00" ]; then
        echo "cuboid $1 region=$2 fund=$3: fine=$a two grains=$b (expected 100000.00 both)"; fail=1
    fi
done
# in the two-grain cube the national cell is reported, and its computed value agrees
awk -F'\t' '$1=="regionxperiodxfund" && $3=="MLI" && $5=="QIP"' "$TMP/two.tsv" | cut -f7-9 | grep -qxF $'reported\t100000.00\t100000.00' \
    || { echo "national cell: not reported 100000 with computed 100000"; awk -F'\t' '$1=="regionxperiodxfund"' "$TMP/two.tsv"; fail=1; }
# the same report given twice (a copy under another name) is loaded once
mkdir -p "$TMP/twice" && cp tests/double/two_grains/* "$TMP/twice/" && cp tests/double/two_grains/synthese.txt "$TMP/twice/synthese-copie.txt"
"$BIN" cube "$TMP/twice" > "$TMP/twice.tsv" 2> "$TMP/twice.err" || fail=1
grep -qF "synthese.txt: same content as" "$TMP/twice.err" || grep -qF "synthese-copie.txt: same content as" "$TMP/twice.err" \
    || { echo "no warning for the copy"; cat "$TMP/twice.err"; fail=1; }
[ "$(total "$TMP/twice.tsv" total Total Total)" = "100000.00" ] || { echo "copy changed the total"; fail=1; }
# two files with the same name in different folders are two sources
mkdir -p "$TMP/same/a" "$TMP/same/b"
printf 'Les QIPs de Gao ont coûté 300 000 USD en 2017 au Mali.\n' > "$TMP/same/a/rapport.txt"
printf 'Les QIPs de Mopti ont coûté 200 000 USD en 2017 au Mali.\n' > "$TMP/same/b/rapport.txt"
"$BIN" cube "$TMP/same/a" "$TMP/same/b" > "$TMP/same.tsv" 2> "$TMP/same.err" || fail=1
[ ! -s "$TMP/same.err" ] || { echo "same name: unexpected warning"; cat "$TMP/same.err"; fail=1; }
v=$(awk -F'\t' '$1=="regionxperiodxfund" && $3=="MLI" && $5=="QIP" {print $6}' "$TMP/same.tsv")
[ "$v" = "500000.00" ] || { echo "same name in two folders: MLI QIP 2017 is $v, expected 500000.00"; fail=1; }
[ "$fail" -eq 0 ] && echo "double counting: none"
exit $fail
