# A number restating a percentage of the sentence's total ("40 % sont des
# femmes, soit 2 400 personnes") is not an addend: no "2400 = 6000" sum
# (bilan_pbf; before: a mismatch).  Parts that add stay checked (bilan_2019);
# where a restated share was left out, the one part left (bilan_2020: 40 % =
# 20 of 50, and 30 more) is some of the total, not its breakdown: no finding.
$BIN check -q --format tsv check_sum_restated/
