# 2,000 one-line reports of one coordinate: one agree finding, not one per pair
mkdir -p "$TMP/many" && for i in $(seq 1 2000); do echo "Le QIP n°$i au Mali a coûté $((20000 + i)) USD en 2017." > "$TMP/many/r$i.txt"; done
start=$(date +%s)
$BIN check -q --format tsv "$TMP/many" | cut -f1-7
echo "findings lines: $($BIN check -q --format tsv "$TMP/many" | tail -n +2 | wc -l)"
[ $(( $(date +%s) - start )) -lt 60 ] && echo "quick"
