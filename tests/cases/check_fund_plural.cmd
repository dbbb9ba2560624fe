# An amount whose sentence names projects in the plural with no count ("des
# QIP ... pour 400 000 USD") is several projects: unverifiable against the
# cap, never a mismatch (gao; before: "one project of 400000 USD", mismatch).
# "dans le cadre des Projets à impact rapide" names the fund; "un forage de
# 60 000 USD", "un marché de 48 000 USD" name one thing the amount pays for:
# one project, checked (mopti ok, kidal over the cap).  Every reference is
# doc:line:span.
$BIN check -q --format tsv check_fund_plural/
