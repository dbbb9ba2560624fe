$BIN extract --max-rejects 4 ../../fixtures/sheets/mli_projets_stabilisation_2019.csv ../../fixtures/sheets/pbf_projects_en.csv | cut -f1 | sort | uniq -c
