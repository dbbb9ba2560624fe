$BIN parse <&-
