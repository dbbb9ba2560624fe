# Statements inside statements (issue 16.3): within one source a part is
# never added on top of its whole.  The MINUSTAH-like structure: 41.66 M USD
# and 1 632 projects over 2004-2016, "dont" 31 M and 785 projects after the
# 2010 earthquake: the part is nested (2010-2016 under 2004-2016), the total
# stays 41.66 M and 1 632.  In English, a later sentence: "After the 2010
# earthquake" in a 2017 release runs to its whole's 2016.  A part with no
# narrower coordinate ("dont 5 millions pour les femmes") never states a
# cell.  Controls that must still add up: two regions in two years, a list
# of projects.
cd "$TMP" && printf 'Port-au-Prince, le 12 octobre 2016 – De 2004 à 2016, la MINUSTAH a financé 1 632 projets à impact rapide pour 41,66 millions de dollars, dont 785 projets et 31 millions de dollars après le séisme de 2010.\n' > minustah.txt
printf 'PORT-AU-PRINCE, 2 March 2017 - Between 2004 and 2016, MINUSTAH funded 1,632 quick impact projects in Haiti worth US$41.66 million. After the 2010 earthquake, it funded 785 projects worth US$31 million.\n' > minustah_en.txt
printf 'Le Fonds a alloué 41,66 millions de dollars à Haïti de 2004 à 2016, dont 5 millions de dollars pour les femmes.\n' > women.txt
printf 'En 2015, la mission a financé 12 projets à Gao pour 400 000 dollars. En 2016, elle a financé 8 projets à Mopti pour 300 000 dollars.\n' > siblings.txt
printf 'Projets achevés en 2017 :\n\n- à Gao, le projet, d’un coût de 45 000 USD, a réhabilité un marché ;\n- à Mopti, le projet, d’un coût de 30 000 USD, a équipé une école ;\n- à Kidal, le projet, d’un coût de 25 000 USD, a foré un puits.\n' > projects.txt
echo "== minustah.txt: every cell"
$BIN cube minustah.txt | cut -f1-13
for f in minustah_en.txt women.txt siblings.txt projects.txt; do
    echo "== $f: the one-dimension cells and the grand total"
    $BIN cube "$f" | awk -F'\t' 'NR == 1 || $1 ~ /^(period|region|fund|total)$/' | cut -f1-13
done
