# A share is checked against amounts only when it is a share of money: the
# 62 % of households and the 40 % of people are not; the 25 % of the budget is
# (its clause names money).  Before: both mismatched against 250000/1000000
# and 600000/2000000 USD.
$BIN check -q --format tsv check_share_words/
