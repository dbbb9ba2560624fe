$BIN parse --kind money < /dev/null
