$BIN extract sheetmap/liste_inconnue.csv
