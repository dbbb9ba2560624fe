cat > "$TMP/lower.txt"; cd "$TMP" && $BIN extract lower.txt | cut -f2-11
