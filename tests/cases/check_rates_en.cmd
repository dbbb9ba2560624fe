# Two exchange rates for EUR/USD in one source, beyond their rounding (1.125
# and 1.2), and the controls in English (fixtures/README.md,
# ssd_trust_fund_update_en.txt): one rate for GBP/USD, 20 + 18 + 10 = 48,
# 5 projects in each of the three states = 15, a table adding up within the
# rounding of its total row (11.91 against "11.9 million"), the headline's 48.
# No sum of the 2020 table against the undated EUR 4 million.
cd ../../fixtures/sources && $BIN check -q --format tsv ssd_trust_fund_update_en.txt
