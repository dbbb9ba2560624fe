# A stated figure smaller than figures under it is reported only against
# figures of its own source or of a source stating exactly its coordinate:
# note_a's 5 projects (MLI 2017) are not contradicted by note_b's 8 QIP
# projects (another document, not stating MLI 2017 itself); rapport_c's 4
# (MLI 2018) are by its own 6 in Gao; point_e states MLI 2019 as note_d does,
# so its 7 in Gao count.  Those figures are stated in sentences of their
# own, not as parts of the total (an enumeration, a table): unverifiable,
# not known to be its parts (before: "stated total smaller than its parts",
# a mismatch); the cube shows their sum.
$BIN check -q --format tsv check_conflict_scope/
