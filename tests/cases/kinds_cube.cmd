# a fund's allocation beside its gap, a request, a pledge, contributions it
# received, co-financing, a disbursement of the same scope and a change: the
# funding is the allocation alone (12 M USD, and the Ouham project's 850 000
# undated, not added beside 2016); each other kind is a cube of its own; the
# change is in none.  Every cell of the fund and total cuboids, by kind.
cd ../../fixtures/sources && $BIN cube -q caf_pbf_kinds_communique_fr.txt | awk -F'\t' 'NR == 1 || $1 == "fund" || $1 == "total" || $1 == "periodxfund"' | cut -f1-7,11,14,16
