$BIN extract --format jsonl ../../fixtures/sources/car_qip_factsheet.txt | head -4
