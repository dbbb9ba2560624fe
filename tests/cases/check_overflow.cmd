# two amounts of 5 x 10^16 USD: beyond the model's bound (10^15 USD), each an
# impossible finding (verdict, rule, stated, lines: the words are check.c's)
$BIN check -q --strict --format tsv overflow/ | cut -f1,2,4,8; exit ${PIPESTATUS[0]}
