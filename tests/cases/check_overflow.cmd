# two amounts of 5 x 10^16 USD: beyond the model's bound (10^15 USD), each an
# impossible finding, said as such (verdict, rule, what, stated, lines)
$BIN check -q --strict --format tsv overflow/ | cut -f1,2,3,4,8; exit ${PIPESTATUS[0]}
