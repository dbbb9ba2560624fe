$BIN check --tolerance nan x
