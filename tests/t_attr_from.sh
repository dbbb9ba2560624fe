#!/usr/bin/env bash
# extract's attributed_from (issue 17, point 8): where each attribute of a
# figure came from.
#   1. The invariant, over every golden fixtures/expected/*.tsv, over the
#      fixtures' spreadsheets and over the seeds' extract (../shared/seeds,
#      when present): the last column is attributed_from; its keys are
#      exactly the non-empty columns among fund, country, region, sector,
#      period, in that order; every origin is one of the words of
#      attribute_from (never "none": a value set with no origin).
#   2. Exact origins on small texts and spreadsheets written here, one for
#      each origin: clause, sentence, paragraph, item, label, heading,
#      document, reference, whole (texts); column, sheet, parts, reference
#      (spreadsheets); the jsonl object the same pairs.
set -u
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
W="$TMP/attr_from"; rm -rf "$W"; mkdir -p "$W"
fail() { echo "attr_from: $*"; exit 1; }

# check FILE...: the invariant on extract TSV files (header first)
check() {
    awk -F'\t' '
    BEGIN { n = split("clause sentence paragraph item label heading document reference whole parts column sheet", w, " ")
            for (i = 1; i <= n; i++) ok[w[i]] = 1
            split("fund country region sector period", attr, " ") }
    FNR == 1 { if ($NF != "attributed_from" || NF != 15) { print FILENAME ": header " $0; bad = 1 } next }
    {
        want = ""
        for (i = 1; i <= 5; i++) if ($(5 + i) != "") want = want (want == "" ? "" : ",") attr[i]
        got = ""
        m = split($15, pair, ",")
        for (k = 1; k <= m; k++) {
            split(pair[k], kv, "=")
            if (!(kv[2] in ok)) { print FILENAME ":" FNR ": origin \"" kv[2] "\": " $15; bad = 1 }
            got = got (got == "" ? "" : ",") kv[1]
        }
        if (NF != 15 || got != want) { print FILENAME ":" FNR ": stated " want ", origins of " got; bad = 1 }
        rows++
    }
    END { if (!rows) { print "no rows"; bad = 1 } exit bad }' "$@"
}

check fixtures/expected/*.tsv > "$W/golden.err" || fail "goldens: $(head -5 "$W/golden.err")"
for f in fixtures/sheets/*; do
    "$BIN" extract -q "$f" > "$W/$(basename "$f").tsv" 2> /dev/null   # rows rejected: said
done
check "$W"/*.csv.tsv > "$W/sheets.err" || fail "sheets: $(head -5 "$W/sheets.err")"
if [ -d ../shared/seeds ]; then
    "$BIN" extract -q ../shared/seeds > "$W/seeds.tsv" 2> /dev/null
    check "$W/seeds.tsv" > "$W/seeds.err" || fail "seeds: $(head -5 "$W/seeds.err")"
fi
# the checker finds a missing key, an extra key and an unknown word
printf 'h\th\th\th\th\th\th\th\th\th\th\th\th\th\tattributed_from\n' > "$W/bad.tsv"
printf 'd\t1\tamount\t1\tUSD\tPBF\tMLI\t\t\t\texact\t1-2\ts\t\tfund=sentence\n' >> "$W/bad.tsv"
printf 'd\t1\tamount\t1\tUSD\tPBF\t\t\t\t\texact\t1-2\ts\t\tfund=sentence,country=clause\n' >> "$W/bad.tsv"
printf 'd\t1\tamount\t1\tUSD\tPBF\t\t\t\t\texact\t1-2\ts\t\tfund=none\n' >> "$W/bad.tsv"
[ "$(check "$W/bad.tsv" | wc -l)" = 3 ] || fail "the checker misses a bad row: $(check "$W/bad.tsv")"

# ---- exact origins ----
cd "$W"
cat > heading.txt <<'T'
Bulletin du Fonds pour la consolidation de la paix (PBF) au Mali

Gao

En 2017, le PBF a financé à Gao des projets d'éducation pour 3 000 000 USD, et 450 000 USD pour la santé à Mopti.

Le PBF a alloué 2 000 000 USD au Mali en 2018, dont 500 000 USD à Tombouctou.
T
cat > whole.txt <<'T'
Quick impact projects in South Sudan

In 2016, the mission funded 40 quick impact projects in Jonglei for USD 1,200,000. Of these, 12 projects were in education.
T
cat > document.txt <<'T'
Le PBF a financé des projets au Mali, et le PBF a aussi appuyé le Mali en 2019.

Un montant de 200 000 USD a été versé.
T
cat > item.txt <<'T'
Nouvelles de la MINUSMA

1. A Gao, le marché a été réhabilité par la MINUSMA.

Les travaux ont coûté 45 000 USD.

Répartition des projets par secteur

Santé
26 %
Education
74 %
T
printf '"Fonds pour la consolidation de la paix (PBF) - Mali - projets 2019",,,,\n"N°","Intitulé du projet","Région","Secteur","Budget total","Devise","Date de début"\n"1","Puits pastoraux","Gao","Eau","120 000","USD","15/01/2019"\n"2","Centre de santé","Bourem","Santé","80 000","USD",""\n"3","Ecole","","Education","50 000","USD","01/03/2018"\n"","TOTAL","","","250 000","USD",""\n' > title.csv
printf '"Fonds pour la consolidation de la paix (PBF)",,,,\n"N°","Intitulé du projet","Pays","Région","Fonds","Budget total","Devise","Date de début"\n"1","Puits pastoraux","Mali","Gao","PBF","120 000","USD","15/01/2019"\n"2","Ecole","Niger","","","60 000","USD","15/01/2019"\n' > columns.csv
cat > want <<'T'
columns.csv	3	amount	fund=column,country=column,region=column,period=column
columns.csv	3	count	fund=column,country=column,region=column,period=column
columns.csv	4	amount	fund=sheet,country=column,period=column
columns.csv	4	count	fund=sheet,country=column,period=column
document.txt	3	amount	fund=document,country=document
heading.txt	5	amount	fund=sentence,country=reference,region=clause,sector=clause,period=sentence
heading.txt	5	amount	fund=sentence,country=reference,region=clause,sector=clause,period=sentence
heading.txt	7	amount	fund=sentence,country=clause,region=heading,period=clause
heading.txt	7	amount	fund=sentence,country=reference,region=clause,period=sentence
item.txt	5	amount	country=reference,region=item
item.txt	10	share	country=reference,sector=label
item.txt	12	share	country=reference,sector=label
title.csv	3	amount	fund=sheet,country=reference,region=column,period=sheet
title.csv	3	count	fund=sheet,country=reference,region=column,period=sheet
title.csv	4	amount	fund=sheet,country=reference,region=reference,sector=column,period=sheet
title.csv	4	count	fund=sheet,country=reference,region=reference,sector=column,period=sheet
title.csv	5	amount	fund=sheet,country=sheet,sector=column,period=sheet
title.csv	5	count	fund=sheet,country=sheet,sector=column,period=sheet
title.csv	6	amount	fund=parts,country=parts,period=parts
whole.txt	3	count	fund=sentence,country=reference,region=clause,period=sentence
whole.txt	3	amount	fund=sentence,country=reference,region=clause,period=sentence
whole.txt	3	count	fund=paragraph,country=reference,region=paragraph,sector=clause,period=whole
T
"$BIN" extract -q columns.csv document.txt heading.txt item.txt title.csv whole.txt > got.tsv \
    2> /dev/null   # title.csv: the sector "Eau" unknown
check got.tsv > got.err || fail "small texts: $(cat got.err)"
tail -n +2 got.tsv | cut -f1-3,15 > got
diff want got > diff.out || { echo "attr_from: origins differ (want, got):"; cat diff.out; exit 1; }
# jsonl: the same pairs as an object; none for an attribute not stated
"$BIN" extract -q --format jsonl document.txt > got.jsonl
grep -q '"kind":"disbursed","attributed_from":{"fund":"document","country":"document"}}$' got.jsonl \
    || fail "jsonl: $(cat got.jsonl)"
grep -q '"region"' <(grep -o '"attributed_from":{[^}]*}' got.jsonl) && fail "jsonl: a region origin"
echo "attr_from: ok"
exit 0
