$BIN parse --lang en
