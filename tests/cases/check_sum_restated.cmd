# A number restating a percentage of the sentence's total ("40 % sont des
# femmes, soit 2 400 personnes") is not an addend: no "2400 = 6000" sum
# (bilan_pbf; before: a mismatch).  Parts that add stay checked (bilan_2019);
# where a restated share was left out and the rest falls short, the sum is
# unverifiable, never a mismatch (bilan_2020: 40 % = 20 of 50, and 30 more).
$BIN check -q --format tsv check_sum_restated/
