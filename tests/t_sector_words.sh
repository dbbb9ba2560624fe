#!/usr/bin/env bash
# t_sector_words.sh — the words of fixtures/ref/sector_words.tsv each name one
# DAC code, and no theme's word (fixtures/ref/README.md, "sector_words.tsv"):
#   - the code is a code of sectors_dac.tsv (the loader checks it too);
#   - no folded word (case, accents, apostrophes and hyphens aside, as the
#     gazetteer folds them) is written twice, nor is an alias of a theme
#     (sectors.tsv) or a DAC name that is an alias;
#   - themes keep their words: a word holding a theme's alias (whole words)
#     names another code than that theme's ("centre de santé": 12230, not
#     Santé's 12220); one of the theme's own code would take the theme's
#     mention away from it ("accès à la justice" is Etat de Droit's);
#   - a word of one word gives its reason (column one_word).
# Prints each offending row and fails on any.
set -u
cd "$(dirname "$0")/.." || exit 1
python3 - <<'EOF'
import sys, unicodedata, re

def fold(s):
    s = s.lstrip("=~!")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^0-9a-z]+", " ", s.lower())
    return " ".join(s.split())

def rows(path):
    head = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = [x.strip() for x in line.rstrip("\n").split("\t")]
        if head is None:
            head = f
            continue
        yield dict(zip(head, f + [""] * (len(head) - len(f))))

themes = {}                       # folded alias -> dac code of the theme
for r in rows("fixtures/ref/sectors.tsv"):
    for a in [r["name"]] + r["aliases"].split("|"):
        if a and a != "!":
            themes[fold(a)] = r["dac"]
dac = {}                          # code -> its folded aliases ("!": not its name)
for r in rows("fixtures/ref/sectors_dac.tsv"):
    al = r["aliases"].split("|")
    dac[r["id"]] = {fold(a) for a in ([] if "!" in al else [r["name"]]) + al if a and a != "!"}
dac_names = {a for v in dac.values() for a in v}

bad, seen, n = [], {}, 0
for r in rows("fixtures/ref/sector_words.tsv"):
    n += 1
    w, code = fold(r["word"]), r["dac"]
    if code not in dac:
        bad.append("%s: %s is no code of sectors_dac.tsv" % (r["word"], code))
    if w in seen:
        bad.append("%s: written twice (%s and %s)" % (r["word"], seen[w], code))
    seen[w] = code
    if w in themes or w in dac_names:
        bad.append("%s: already a theme's alias or a DAC name" % r["word"])
    words = w.split()
    if len(words) == 1 and not r.get("one_word"):
        bad.append("%s: one word, no reason" % r["word"])
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            t = themes.get(" ".join(words[i:j]))
            if t and t == code:
                bad.append("%s: holds the alias \"%s\" of a theme of its own code %s"
                           % (r["word"], " ".join(words[i:j]), code))
for b in bad:
    print("FAIL:", b)
if bad or n < 150:
    print("FAIL: %d sector words, %d problems" % (n, len(bad)))
    sys.exit(1)
print("ok: %d sector words, each of one DAC code, no theme's word" % n)
EOF
