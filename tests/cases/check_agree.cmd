$BIN check -q --format tsv agree/
