# the fixtures restate the seeds' figures: every finding, and nothing more
cd ../../fixtures/sources && $BIN check -q --format tsv car_qip_factsheet.txt mli_bulletin_juin2017.txt mli_qip_table.txt ssd_stabilisation_report.txt
