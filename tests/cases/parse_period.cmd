$BIN parse --kind period
