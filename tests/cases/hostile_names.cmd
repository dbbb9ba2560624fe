# outputs cannot be forged or broken: a tab, a newline followed by a fake
# "aidcube:" line and an ESC sequence in file names, and terminal controls
# in a snippet, are escaped (\t \n \\ \xHH) in extract (TSV and JSONL),
# check --format tsv and in the diagnostics; cat -A shows any raw control
cd "$TMP" && mkdir -p hostile && cd hostile
printf 'Projets à impact rapide (QIPs) à Gao : 12 QIPs pour 451.000 USD en 2016 \033[2J\033]0;pwned\007 \\ fin.\n' > "$(printf 'tab\there.txt')"
printf 'Projets à impact rapide (QIPs) à Mopti : 3 QIPs pour 90.000 USD en 2016.\n' > "$(printf 'nl\naidcube: fake.txt')"
printf 'Projets à impact rapide (QIPs) à Ségou : 4 QIPs pour 120.000 USD en 2016.\n' > "$(printf 'esc\033[31m.txt')"
printf 'x' > "$(printf 'sheet\033[31m.csv')"
# each command exits 1: the broken sheet is rejected, the rest is printed
{ $BIN extract . ; e1=$?; $BIN extract --format jsonl . ; e2=$?; $BIN check --format tsv . ; e3=$?; } > ../hostile.out 2> ../hostile.err
cat -A ../hostile.out
cat -A ../hostile.err
echo "exit: extract $e1, extract --format jsonl $e2, check $e3"
[ "$e1$e2$e3" = 111 ] && exit 1 || exit 9
