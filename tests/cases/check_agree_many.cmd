# 2,000 one-line reports of 2,000 projects at one coordinate: each project is
# checked against the fund's cap (one finding each, linear), and projects are
# never compared with each other as if they restated one figure
mkdir -p "$TMP/many" && for i in $(seq 1 2000); do echo "Le QIP n°$i au Mali a coûté $((20000 + i)) USD en 2017." > "$TMP/many/r$i.txt"; done
start=$(date +%s)
$BIN check -q --format tsv "$TMP/many" > "$TMP/many.tsv" || echo "check exited $?"
head -2 "$TMP/many.tsv" | cut -f1-7
echo "findings by verdict and rule:"
tail -n +2 "$TMP/many.tsv" | cut -f1,2 | sort | uniq -c
$BIN cube -q "$TMP/many" > "$TMP/many.cube" || echo "cube exited $?"
echo "the cube's total: $(awk -F'\t' '$1=="total" {print $6}' "$TMP/many.cube")"
[ $(( $(date +%s) - start )) -lt 60 ] && echo "quick"
