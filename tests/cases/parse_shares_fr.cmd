$BIN parse
