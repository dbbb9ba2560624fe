# unsupported files are named and rejected (exit 1), never a silent 0 rows:
# by extension, and by content whatever the name (a PDF saved as .txt); a
# directory gives its reports and spreadsheets by name (a file with no
# extension is skipped, named in one warning), a file named on the command
# line is read whatever its name (the Word file with no extension, rejected
# by its content)
cd "$TMP" && mkdir -p inbox && cd inbox
printf 'Projets à impact rapide (QIPs) à Gao : 12 QIPs pour 450.000 USD en 2016.\n' > good.txt
printf 'projet;montant\nGao;450 000\n' > projets.csv
printf 'PK\003\004\024\000\000\000\000\000xl/workbook.xml' > budget.xlsx
printf 'PK\003\004\024\000\000\000\000\000mimetypeapplication/vnd.oasis.opendocument.spreadsheet' > budget.ods
printf '\320\317\021\340\241\261\032\341W\000o\000r\000k\000b\000o\000o\000k\000' > ancien.xls
printf '%%PDF-1.4\n12 QIPs pour 450.000 USD\n' > bulletin.pdf
printf '%%PDF-1.4\n12 QIPs pour 450.000 USD\n' > bulletin_extrait.txt
printf 'PK\003\004\024\000\000\000\000\000word/document.xml' > note.docx
printf 'PK\003\004\024\000\000\000\000\000word/document.xml' > note_sans_extension
$BIN extract . > ../inbox.tsv; rc=$?
$BIN extract note_sans_extension > /dev/null; rc2=$?
cut -f1-11 ../inbox.tsv; echo "named: exit $rc2"; exit $rc
