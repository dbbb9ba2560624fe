#!/usr/bin/env bash
# peer_score.sh — measure `aidcube parse` against the peers' parsing corpus.
#
#   bash tests/peer_score.sh [AIDCUBE] [CORPUS]      (VERBOSE=1 lists misses)
#
# As /work/shared/peer-corpus/README.md describes: rows are grouped by kind
# and locale; each group's phrases go, one per line, to
# `aidcube parse --kind K --lang L` (kind `range` is asked as `period`; locale
# `en` where the note says "locale en", otherwise `fr`).  An amount, number or
# percent is right when its value is numerically equal (and its currency
# equal where the row gives one); a date or range when its text is identical.
# Prints the score per kind and locale, and the headline: French amounts,
# numbers and percents right / total.  A measurement, not a test: exits 0
# whenever it ran.
set -u
bin=${1:-${AIDCUBE:-./aidcube}}
corpus=${2:-$(dirname "$0")/../../shared/peer-corpus/parsing-corpus.tsv}
[ -x "$bin" ] || { echo "peer_score: no executable $bin" >&2; exit 2; }
[ -r "$corpus" ] || { echo "peer_score: cannot read $corpus" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# kind <TAB> locale <TAB> phrase <TAB> value <TAB> currency, without header
awk -F'\t' 'NR > 1 {
    loc = ($6 ~ /(^|[^a-z])locale en([^a-z_]|$)/) ? "en" : "fr"
    print $2 "\t" loc "\t" $3 "\t" $4 "\t" $5
}' "$corpus" > "$tmp/rows"

: > "$tmp/results"
for kind in amount number percent date range; do
    for loc in fr en; do
        awk -F'\t' -v k="$kind" -v l="$loc" '$1 == k && $2 == l' "$tmp/rows" \
            > "$tmp/g" || true
        [ -s "$tmp/g" ] || continue
        ask=$kind
        [ "$kind" = range ] && ask=period
        cut -f3 "$tmp/g" | LC_ALL=C "$bin" parse --kind "$ask" --lang "$loc" \
            > "$tmp/out" 2> /dev/null
        # one output line per input line is part of the contract
        if [ "$(wc -l < "$tmp/out")" -ne "$(wc -l < "$tmp/g")" ]; then
            echo "peer_score: $kind/$loc: line count mismatch" >&2
        fi
        paste "$tmp/g" "$tmp/out" >> "$tmp/results"
    done
done

# results: kind loc phrase value currency | okind ovalue ocurrency oqual
awk -F'\t' -v verbose="${VERBOSE:-0}" '
function num_eq(a, b) { return a == b || (a != "" && b != "" && a + 0 == b + 0 && a ~ /^-?[0-9.]+$/ && b ~ /^-?[0-9.]+$/) }
{
    k = $1; l = $2; key = k "/" l
    total[key]++
    if (k == "date" || k == "range")
        ok = ($7 == $4)
    else
        ok = num_eq($4, $7) && ($5 == "" || $5 == $8)
    if (ok) right[key]++
    else if (verbose) printf "MISS %-10s %-40s want [%s %s] got [%s %s]\n", key, $3, $4, $5, $7, $8
    if (l == "fr" && (k == "amount" || k == "number" || k == "percent")) {
        htotal++; if (ok) hright++
    }
    if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
}
END {
    for (i = 1; i <= nk; i++) {
        key = order[i]
        printf "%-14s %4d / %4d  %5.1f %%\n", key, right[key], total[key], 100 * right[key] / total[key]
    }
    printf "headline (French amounts+numbers+percents): %d / %d  %.1f %%\n", hright, htotal, htotal ? 100 * hright / htotal : 0
}' "$tmp/results"
exit 0
