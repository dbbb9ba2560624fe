cat > "$TMP/prose.txt"; cd "$TMP" && $BIN extract prose.txt | cut -f1-11
