$BIN extract ../../fixtures/sheets/pbf_projects_en.csv
