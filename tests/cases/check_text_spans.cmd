# check's text report names every figure it compares by document, line and
# byte span (extract's span column): in a text of one line, as a PDF's text
# often is, the line alone would not find them.  cod_pbf_bulletin_fr.txt on
# one line: the enumeration (30 + 36 + 23 against 90) and the count per unit
# (7 × 2 against 34), each figure at its byte span on line 1; the title and
# the lead are one sentence there, so no headline finding.
cd ../../fixtures/sources && tr '\n' ' ' < cod_pbf_bulletin_fr.txt > "$TMP/one_line.txt" && cd "$TMP" && $BIN check -q one_line.txt
