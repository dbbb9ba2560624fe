# The forms the new rules read, one small report each, and what they must
# not read (each file's findings, in file order; none listed: no finding):
#  a  "8 projets par province au Nord-Kivu et en Ituri": the units are the
#     regions the sentence names (2): 8 × 2 = 16, ok
#  b  "7 projets dans deux provinces": no "par": not a count per unit
#  c  "au plus 7 projets par province": a maximum, not a count per unit
#  d  "Parmi les 40 projets ..., 25 sont achevés et 12 sont en cours": the
#     parts do not claim to be all of the 40 (no "autres"): no finding
#  e  no word makes the 40 the whole: not an enumeration
#  f  "..., soit 37 projets au total": the total closes its parts: 37, ok
#  g  XOF and XAF at par (both pegged to the euro at 655.957): one
#     restatement agrees, one does not
#  h  a masthead opens the text: the 45 of the second sentence is not a
#     headline, and nothing is compared with the 43
#  i  "10 millions d'euros (environ 11 millions USD)" (1.1, ±5 %) and "5
#     millions d'euros (6,5 millions USD)" (1.3): two rates
#  j  "..., soit 40 projets au total" closing 25 + 12: a mismatch
#  k  "the other 12": the parts claim to be all of the 40: a mismatch
cd check_forms && for f in *.txt; do echo "== $f"; $BIN check -q --format tsv "$f" | tail -n +2; done
