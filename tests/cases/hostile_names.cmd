# outputs cannot be forged or broken: a tab, a newline followed by a fake
# "aidcube:" line and an ESC sequence in file names, and terminal controls
# in a snippet, are escaped (\t \n \\ \xHH) in extract (TSV and JSONL),
# check --format tsv and in the diagnostics; cat -A shows any raw control
cd "$TMP" && mkdir -p hostile && cd hostile
printf 'Projets à impact rapide (QIPs) à Gao : 12 QIPs pour 451.000 USD en 2016 \033[2J\033]0;pwned\007 \\ fin.\n' > "$(printf 'tab\there.txt')"
printf 'Projets à impact rapide (QIPs) à Mopti : 3 QIPs pour 90.000 USD en 2016.\n' > "$(printf 'nl.txt\naidcube: fake')"
printf 'Projets à impact rapide (QIPs) à Ségou : 4 QIPs pour 120.000 USD en 2016.\n' > "$(printf 'esc\033[31m.txt')"
printf 'x' > "$(printf 'sheet\033[31m.csv')"
{ $BIN extract . ; $BIN extract --format jsonl . ; $BIN check --format tsv . ; } 2> ../hostile.err | cat -A
cat -A ../hostile.err
