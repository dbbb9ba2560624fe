$BIN parse < /
