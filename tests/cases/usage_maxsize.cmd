$BIN extract --max-size -1 x
