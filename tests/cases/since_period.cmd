# "depuis 2004" runs to the document's year (title year, or latest full date);
# with no document year the period stays empty
cd "$TMP" && printf 'Rapport 2019.\nDepuis 2004, la mission a financé 120 projets pour 30 millions USD au Mali.\nLa mission a financé depuis 2004 40 projets au Mali.\nDepuis le début en 2004, 14 projets ont été achevés au Mali.\n' > since1.txt
printf 'Annual report\nSince 2010, the mission funded 12 projects in Mali.\nBamako, 30 June 2017.\n' > since2.txt
printf 'Note\nDepuis 2004, la mission a financé 120 projets au Mali.\n' > since3.txt
$BIN extract since1.txt since2.txt since3.txt | cut -f1-11
