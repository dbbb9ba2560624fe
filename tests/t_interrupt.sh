#!/usr/bin/env bash
# Interrupted builds (issue 15 item 8): SIGTERM and SIGINT at a few moments
# of a `build --split fund` leave no temporary file, and the output
# directory holds either the old set or the new one, whole, as its manifest
# (aidcube-manifest.tsv) says, never a mix; kill -9's litter is swept by the
# next run; a later run removes the workbooks of funds that are gone (only
# files the previous manifest named, unchanged), never a user's file.
set -u
D="$TMP/interrupt"; rm -rf "$D"; mkdir -p "$D/in"
export AIDCUBE_TEST=1
fail=0
gen() {   # gen N FUNDS...: a project list of N rows over the funds given
    python3 - "$@" <<'PY'
import sys
n = int(sys.argv[1]); funds = sys.argv[2:]
regions = ["Bangui", "Mambéré-Kadéï", "Ombella-M'Poko", "Basse-Kotto", "Mbomou"]
sectors = ["POC", "RESA", "Cohésion sociale"]
print("N°;Titre du projet;Préfecture;Localité;Secteur;Source de financement;Montant (USD);"
      "Partenaire d'exécution;Date de début;Durée (mois)")
for i in range(n):
    print(f"{i+1};Projet numéro {i+1};{regions[i%5]};;{sectors[i%3]};{funds[i%len(funds)]};"
          f"{10000+(i*37)%30000},{i%100:02d};ONG {i%50};{1+i%28:02d}/0{1+i%9}/2017;{1+i%6}")
PY
}
gen 3000 QIP PBF > "$D/a.csv"
gen 3001 QIP PBF > "$D/b.csv"
# the set in OUT: no temporary file; every file the manifest names is there
# with its SHA-256; every workbook and rejects.tsv there is named by it
check_set() {   # check_set LABEL OUT
    local label=$1 out=$2 f
    if ls -A "$out" | grep -q '\.tmp-'; then echo "$label: temporary files left: $(ls -A "$out" | grep '\.tmp-' | tr '\n' ' ')"; fail=1; fi
    [ -f "$out/aidcube-manifest.tsv" ] || { echo "$label: no manifest"; fail=1; return; }
    while read -r file sha; do
        [ "$(sha256sum < "$out/$file" 2>/dev/null | cut -c1-64)" = "$sha" ] \
            || { echo "$label: $file is not the one the manifest names (a mixed set)"; fail=1; }
    done < <(awk -F'\t' 'NR > 1 { print $1, $3 }' "$out/aidcube-manifest.tsv")
    for f in "$out"/aidcube*.xlsx "$out"/rejects.tsv; do
        [ -e "$f" ] || continue
        cut -f1 "$out/aidcube-manifest.tsv" | grep -qxF "$(basename "$f")" \
            || { echo "$label: $(basename "$f") is not in the manifest"; fail=1; }
    done
}
O="$D/out"
"$BIN" build -q "$D/a.csv" -o "$O" --split fund; rc=$?
[ $rc -eq 0 ] || { echo "first build: exit $rc"; fail=1; }
check_set first "$O"
[ "$(grep -c . "$O/aidcube-manifest.tsv")" -eq 5 ] || { echo "manifest: not 4 files"; cat "$O/aidcube-manifest.tsv"; fail=1; }
set -m     # background jobs in their own group: SIGINT is not ignored
i=0
# each moment once, the two signals in turn (the build's phases: reading,
# the cube and checks, the workbooks, the pivots, publishing)
for step in TERM:0.2 INT:0.7 TERM:1.5 INT:3 TERM:5; do
    sig=${step%%:*} delay=${step#*:}
    {
        i=$((i + 1)); in=$([ $((i % 2)) -eq 0 ] && echo a || echo b)
        "$BIN" build -q "$D/$in.csv" -o "$O" --split fund & pid=$!
        sleep "$delay"; kill -"$sig" "$pid" 2>/dev/null; wait "$pid"; rc=$?
        case $rc in 0|130|143) ;; *) echo "$sig after ${delay}s: exit $rc"; fail=1 ;; esac
        check_set "$sig after ${delay}s (exit $rc)" "$O"
    }
done
# kill -9 leaves litter; the next run sweeps it (only names of ours)
"$BIN" build -q "$D/a.csv" -o "$O" --split fund & pid=$!
sleep 2; kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
: > "$O/aidcube.xlsx.tmp-OLDRUN"; : > "$O/notes.tmp-keep"
"$BIN" build -q "$D/a.csv" -o "$O" --split fund || { echo "build after kill -9: failed"; fail=1; }
[ -f "$O/notes.tmp-keep" ] || { echo "sweep removed a file not of ours"; fail=1; }
rm -f "$O/notes.tmp-keep"
check_set "after kill -9" "$O"
# a fund that is gone: its workbook removed; a user's workbook kept
gen 50 QIP > "$D/qip.csv"
cp "$O/aidcube-PBF.xlsx" "$O/aidcube-mine.xlsx"
"$BIN" build -q "$D/qip.csv" -o "$O" --split fund || { echo "QIP-only build: failed"; fail=1; }
[ ! -e "$O/aidcube-PBF.xlsx" ] || { echo "the gone fund's workbook was not removed"; fail=1; }
[ -f "$O/aidcube-mine.xlsx" ] || { echo "a user's workbook was removed"; fail=1; }
rm -f "$O/aidcube-mine.xlsx"
check_set "QIP only" "$O"
# a file the previous manifest named but that was changed since is kept
"$BIN" build -q "$D/a.csv" -o "$O" --split fund
echo changed >> "$O/aidcube-PBF.xlsx"
"$BIN" build -q "$D/qip.csv" -o "$O" --split fund
[ -f "$O/aidcube-PBF.xlsx" ] || { echo "a changed file was removed"; fail=1; }
# two fund ids that share their first 31 characters: two workbooks
rm -rf "$D/ref"; cp -r fixtures/ref "$D/ref"
printf '%s\tFonds %s\tFonds%s\t\t\t\tUSD\tcalendar\n' STABILISATION-NORD-MALI-2019-2020-A A Alpha \
    STABILISATION-NORD-MALI-2019-2020-B B Beta >> "$D/ref/funds.tsv"
printf 'Titre;Région;Secteur;Source de financement;Montant (USD)\nA;Gao;POC;FondsAlpha;1000\nB;Gao;POC;FondsBeta;2000\n' > "$D/two.csv"
rm -rf "$D/two"; "$BIN" build -q --ref "$D/ref" "$D/two.csv" -o "$D/two" --split fund
n=$(ls "$D/two" | grep -c '^aidcube-STABILISATION-NORD-MALI-2019-20-[0-9a-f]\{8\}\.xlsx$')
[ "$n" -eq 2 ] || { echo "two long fund ids: $n workbooks, expected 2"; ls "$D/two"; fail=1; }
check_set "two long fund ids" "$D/two"
[ "$fail" -eq 0 ] && echo "interrupt: no temporary file left, always one whole set"
exit $fail
