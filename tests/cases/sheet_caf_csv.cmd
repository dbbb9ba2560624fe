$BIN extract ../../fixtures/sheets/caf_qip_2017_2018.csv
