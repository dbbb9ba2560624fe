$BIN build -q -o "$TMP/sheet_mli_build" ../../fixtures/sheets/mli_projets_stabilisation_2019.csv; echo "exit $?"; cat "$TMP/sheet_mli_build/rejects.tsv"
