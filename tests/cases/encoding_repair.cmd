# one bad byte spoils one character, not the file: a UTF-8 report with a stray
# Latin-1 byte keeps its accented words (Ségou, Ménaka, the fund), a Latin-1
# report is read as Windows-1252, a UTF-16 report with an unpaired surrogate
# is repaired, one with a NUL character is rejected (exit 1)
cd "$TMP" && mkdir -p enc && cd enc
printf 'Projets à impact rapide (QIPs), rapport 2016\nÀ Ségou, 12 QIPs pour 450.000 USD (r\xe9sumé).\nÀ Ménaka, 3 QIPs pour 90.000 USD.\n' > stray.txt
printf 'Projets \xe0 impact rapide (QIPs) \xe0 S\xe9gou : 4 QIPs pour 120.000 USD en 2016.\n' > latin1.txt
{ printf '\xff\xfe'; printf 'Projets à impact rapide (QIPs) à Mopti : 5 QIPs en 2016.\n' | iconv -f UTF-8 -t UTF-16LE; printf '\x00\xd8.\x00\n\x00'; } > utf16.txt
{ printf '\xff\xfe'; printf '7 QIPs à Gao\0\n' | iconv -f UTF-8 -t UTF-16LE; } > utf16nul.txt
$BIN extract stray.txt latin1.txt utf16.txt utf16nul.txt > out.tsv; rc=$?
cut -f1-11 out.tsv; exit $rc
