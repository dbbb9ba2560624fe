$BIN check --format tsv ../../fixtures/sheets/mli_projets_stabilisation_2019.csv
