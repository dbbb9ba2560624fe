$BIN check -q --strict --format tsv impossible/
