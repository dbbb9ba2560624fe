# A stated total smaller than parts is impossible only against parts of its
# own source or of a source stating exactly its coordinate: note_a's 5
# projects (MLI 2017) are not contradicted by note_b's 8 QIP projects (another
# document, not stating MLI 2017 itself); rapport_c's 4 (MLI 2018) are by its
# own 6 in Gao; point_e states MLI 2019 as note_d does, so its 7 in Gao count.
$BIN check -q --format tsv check_conflict_scope/
