$BIN extract --map sheetmap/bad_map.tsv sheetmap/liste_inconnue.csv
