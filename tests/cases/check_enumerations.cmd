# What a sentence enumerates (fixtures/README.md, cod_pbf_bulletin_fr.txt):
# 30 + 36 + 23 against the 90 of the same sentence (a mismatch, found by the
# words before the 90: "Sur les"), 82 + 42 = 124 (ok), "7 projets par
# province" in "les deux provinces" against the sentence's 34 (a mismatch),
# the headline's 34 against the lead's.  Controls, not flagged: the PBF's 12
# at Goma and 9 at Bunia (two sentences) are not a breakdown of the year's
# 34; 120 000 USD for three markets is not one project against the QIP cap
# (unverifiable); the QIPs' 124 under the 90 of no fund (unverifiable).
cd ../../fixtures/sources && $BIN check -q --format tsv cod_pbf_bulletin_fr.txt
