$BIN extract --max-rejects 25% ../../fixtures/sheets/mli_projets_stabilisation_2019.csv | cut -f3 | sort | uniq -c
