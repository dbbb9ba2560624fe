# a growth rate ("une hausse de 43 %") is a share of kind change: no amount
# is derived from it and no check reads it as a part of the budget; the
# 40 % of the social cohesion budget is a share of the 10 M (4 M derived)
$BIN extract share_change.txt | cut -f2-5,9,10,14 && $BIN cube -q share_change.txt | awk -F'\t' 'NR == 1 || $6 != ""' | cut -f1-7,10 && $BIN check --format tsv share_change.txt | cut -f1-6
