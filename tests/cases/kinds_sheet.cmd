# a column header names the kind of its amounts: "Budget approuvé" is read
# (allocated) before "Montant décaissé" (that column is not loaded);
# "Montant promis" (pledged) is a list of pledges: never funding, its own cube
$BIN extract kinds_sheet.csv kinds_sheet_pledges.csv | cut -f1-5,10,14 && $BIN cube -q kinds_sheet_pledges.csv | awk -F'\t' 'NR == 1 || $1 == "total"' | cut -f1,6,7,16
