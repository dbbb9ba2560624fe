# the first four JSON Lines; aidcube writes to a file first, so that its own
# exit status is checked (head closing a pipe early would give SIGPIPE)
$BIN extract --format jsonl ../../fixtures/sources/car_qip_factsheet.txt > "$TMP/jsonl.out"; rc=$?
head -4 "$TMP/jsonl.out"; exit $rc
