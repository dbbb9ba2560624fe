# Scope rules (fixtures/README.md): a front-page table of contents governs
# nothing; a sector outside the figure's clause is not taken (yet); a
# title line alone between blank lines ends the period of the section before;
# a bulleted contributor that is not a fund gives no fund to its figure;
# "X millions USD, dont Y" makes Y an amount in the same scale and currency
cd "$TMP" && printf ' Gao : un marché rénové (QIP)\n\n Mopti : les bailleurs se réunissent\n\n Bamako : un atelier\n\n Fonds Fiduciaire : le Danemark renouvelle son soutien\n\nChiffres clés\n\nLes QIPs ont financé 12 projets au Mali en 2016.\n\nÀ Mopti, près de 60 participants ont pris part à l’atelier.\n' > toc.txt
printf 'Au 30 juin 2017, le fonds a versé 85.000 USD au Mali, pour le centre de santé de Gao.\n' > sector.txt
printf 'QUARTERLY REPORT\n\nQuick Impact Projects in 2019/20\n\nIn 2019/20, the mission approved 46 QIPs in South Sudan.\n\nHighlights of the quarter\n\n1. In Malakal, a $48,750 QIP installed street lights.\n\n2. In Wau, a $36,400 QIP repaired a borehole.\n' > title.txt
printf 'Projet au Mali (Instrument de Stabilité de la Commission européenne)\nBudget total\n5 000 000 EUR\nRépartition des contributions\n  • Gouvernement luxembourgeois\n    0 EUR\n  • Instrument de Stabilité de la Commission européenne\n    5 000 000 EUR\n' > donor.txt
printf 'Le PBF dispose au Mali d’une enveloppe d’environ 12,4 millions USD, dont 12,1 alloués à 5 projets.\n' > part.txt
$BIN extract toc.txt sector.txt title.txt donor.txt part.txt | cut -f1-11
