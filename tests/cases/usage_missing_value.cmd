$BIN extract --format
