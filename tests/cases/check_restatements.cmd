# Amounts restated at the fixed EUR/XOF parity (655.957; fixtures/README.md,
# mli_ue_communique_fr.txt): 12 M EUR as 7,9 milliards FCFA agrees within
# the restatement's rounding, 3 M EUR as 2,5 milliards does not; the
# headline's 45 projects against the body's 43.  Control, not flagged: the
# Trust Fund's 12 and the PBF's 9 at Mopti are not parts of the 30 projects
# of no fund.
cd ../../fixtures/sources && $BIN check -q --format tsv mli_ue_communique_fr.txt
