# rule "total line": a list's total line is the cell, its lines its parts (check: sum ok)
$BIN cube list_total/ | cut -f1-8 | grep -E '^(cuboid|regionxperiodxfund)' && $BIN check -q --format tsv list_total/
