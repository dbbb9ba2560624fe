# the same two amounts are not summed: no cell shows them, nor 0.00 for them
$BIN cube overflow/ | cut -f1-7,14
