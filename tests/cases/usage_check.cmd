$BIN check
