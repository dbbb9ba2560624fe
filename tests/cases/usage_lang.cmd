$BIN extract --lang de nothing.txt
