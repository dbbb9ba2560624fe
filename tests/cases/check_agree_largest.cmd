# agree takes each source's figure the way the cube does: stated as a total,
# else the largest (bulletin states 222 and 324 at one coordinate: its 324)
$BIN check -q --format tsv check_agree_largest/
