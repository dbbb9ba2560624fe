$BIN check --bogus x
