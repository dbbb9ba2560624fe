# a cell of the Region column that is the whole name of a region is that
# region, even a name prose never takes alone ("Unity", "Lakes": '!' in
# places.tsv), in any case and without its accents; a name of no place of
# the reference data ("Atlantide") is still a row not loaded
$BIN extract sheet_region_names.csv | cut -f1-10
