$BIN extract --map sheetmap/map.tsv sheetmap/liste_inconnue.csv
