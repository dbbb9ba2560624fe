#!/usr/bin/env bash
# Spreadsheet sources end to end (fixtures/README.md, "Spreadsheets"):
#   - the four forms of the CAR QIP list (French-Excel CSV, an .xlsx of the
#     project's own writer, an .xlsx and an .ods LibreOffice converted from
#     the CSV) give the same facts and the same cube;
#   - the seeds plus the CAR list: the CAR 2017/2018 QIP cells are computed
#     from the 85 rows and equal the fact sheet's stated totals; the POC
#     share mismatch names the fact sheet's lines and the list's rows;
#   - every broken file is rejected whole with its exact reason, exit 1,
#     and a good file beside it still loads.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
F="$TMP/sheet_forms"
mkdir -p "$F"
bash "$ROOT/tests/sheet_forms.sh" "$F" "$ROOT/build/rel" > "$F/setup.log" 2>&1 \
    || { echo "sheet_forms.sh failed:"; cat "$F/setup.log"; exit 1; }
fail=0
T=$'\t'
say() { echo "$*"; fail=1; }

# ---- four forms, one list ----------------------------------------------------------------------
forms=(caf_qip_2017_2018.csv caf_qip_2017_2018_own.xlsx)
if [ -f "$F/caf_qip_2017_2018_lo.xlsx" ]; then
    forms+=(caf_qip_2017_2018_lo.xlsx caf_qip_2017_2018_lo.ods)
else
    say "LibreOffice did not convert the CSV (soffice missing?)"
fi
for f in "${forms[@]}"; do
    "$BIN" extract -q "$F/$f" > "$F/$f.tsv"; rc=$?
    [ "$rc" -eq 0 ] || say "extract $f: exit $rc"
    # measure value unit fund country region sector period qualifier: the facts
    cut -f3-11 "$F/$f.tsv" | sort > "$F/$f.facts"
    "$BIN" cube -q "$F/$f" | cut -f1-14 > "$F/$f.cube"
done
[ "$(wc -l < "$F/caf_qip_2017_2018.csv.facts")" -eq 171 ] \
    || say "the CSV gives $(wc -l < "$F/caf_qip_2017_2018.csv.facts") rows, not 85 projects x 2 + header"
for f in "${forms[@]:1}"; do
    diff -u "$F/caf_qip_2017_2018.csv.facts" "$F/$f.facts" > "$F/d" || { say "facts of $f differ from the CSV's:"; head -20 "$F/d"; }
    diff -u "$F/caf_qip_2017_2018.csv.cube" "$F/$f.cube" > "$F/d" || { say "cube of $f differs from the CSV's:"; head -20 "$F/d"; }
done
# the sums per sector, exactly the fact sheet's
sums=$(awk -F'\t' '$3=="amount"{split($4,p,"."); c=p[1]*100+substr(p[2]"00",1,2); s[$9]+=c; n[$9]++}
        END{for(k in s) printf "%s %d %d.%02d\n", k, n[k], s[k]/100, s[k]%100}' "$F/caf_qip_2017_2018_own.xlsx.tsv" | sort)
want=$'Cohésion sociale 37 1405236.99\nPOC 21 712077.40\nRESA 27 838354.11'
[ "$sums" = "$want" ] || say "sector sums of the list: $sums"

# ---- the seeds and the list together -----------------------------------------------------------
SEEDS="$ROOT/../shared/seeds"
if [ -d "$SEEDS" ]; then
    "$BIN" cube -q "$SEEDS" "$ROOT/fixtures/sheets/caf_qip_2017_2018.csv" > "$F/seeds.cube"
    cell() {   # sector region period fund -> amount_usd origin reported computed ... projects origin
        awk -F'\t' -v k="$1$T$2$T$3$T$4" '$2"\t"$3"\t"$4"\t"$5==k {print $6"|"$7"|"$8"|"$9"|"$12"|"$13; exit}' "$F/seeds.cube"
    }
    for row in "RESA|838354.11|27" "POC|712077.40|21" "Cohésion sociale|1405236.99|37"; do
        IFS='|' read -r sec usd n <<< "$row"
        got=$(cell "$sec" CAF 2017/2018 QIP)
        # stated by the fact sheet and computed from the rows: equal
        [ "$got" = "$usd|reported|$usd|$usd|$n|reported" ] || say "CAF $sec 2017/2018 QIP: $got"
    done
    got=$(cell Total CAF 2017/2018 QIP)
    [ "$got" = "2955668.50|computed||2955668.50|85|computed" ] || say "CAF 2017/2018 QIP: $got"
    got=$(cell Total Bangui 2017/2018 QIP)
    [ "$got" = "646116.31|computed||646116.31|19|computed" ] || say "Bangui 2017/2018 QIP: $got"
    "$BIN" check -q --format tsv "$SEEDS" "$ROOT/fixtures/sheets/caf_qip_2017_2018.csv" > "$F/seeds.check"
    poc=$(grep -F "mismatch${T}share${T}QIP CAF POC 2017/2018" "$F/seeds.check")
    [ -n "$poc" ] || say "no POC share mismatch"
    case "$poc" in
        *"21 rows of caf_qip_2017_2018.csv add up to 712077.40 USD"*) ;;
        *) say "POC finding does not name the list's rows: $poc" ;;
    esac
    lines=$(echo "$poc" | cut -f8)
    # each reference is doc:line:span (a text's byte span, a sheet's cell)
    for l in 000_c8984f30c3af8876.txt:85:2679-2682 000_c8984f30c3af8876.txt:82: caf_qip_2017_2018.csv:5:caf_qip_2017_2018!G5 \
             caf_qip_2017_2018.csv:87:; do
        case " $lines" in *" $l"*) ;; *) say "POC finding lacks $l: $lines" ;; esac
    done
    # a row of the RESA list is never in the POC finding
    case " $lines " in *" caf_qip_2017_2018.csv:6:"*) say "POC finding cites a RESA row" ;; esac
elif [ "${CI:-}" = true ]; then
    say "no $SEEDS (CI=true: the seeds are required)"
else
    echo "seeds and the list: skipped, no $SEEDS (outside CI; with CI=true this is a failure)"
fi

# ---- broken files --------------------------------------------------------------------------------
expect_reject() {   # file, exact last stderr line (file name as given)
    "$BIN" extract "$F/$1" "$ROOT/fixtures/sheets/pbf_projects_en.csv" > "$F/out" 2> "$F/err"; rc=$?
    [ "$rc" -eq 1 ] || say "$1: exit $rc, not 1"
    grep -qxF "aidcube: $F/$1$2" "$F/err" || { say "$1: expected \"$2\", got:"; cat "$F/err"; }
    [ "$(grep -c "^pbf_projects_en.csv$T" "$F/out")" -eq 20 ] || say "$1: the good file beside it did not load"
    grep -q "^$1$T" "$F/out" && say "$1: facts printed from a rejected file"
}
expect_reject truncated.xlsx ": not a readable zip archive: Not a zip archive"
expect_reject bomb.xlsx ': part "xl/worksheets/sheet1.xml" inflates to more than 64 MiB (a zip bomb?)'
expect_reject no_header.csv ': sheet "no_header": no header row (no cell names a field such as the amount, the region or the title) in its first 30 rows'
expect_reject wide_10000.csv ":1: 10000 columns: more than the 1024 a project list can have (wrong separator?)"
"$BIN" extract "$F/wrong_separator.csv" > /dev/null 2> "$F/err"; rc=$?
[ "$rc" -eq 1 ] || say "wrong_separator.csv: exit $rc"
grep -q "^aidcube: $F/wrong_separator.csv:1: sheet \"wrong_separator\": its rows are one cell each (.*): a separator other than ';', ',' or a tab?\$" "$F/err" \
    || { say "wrong_separator.csv:"; cat "$F/err"; }

# ---- --sheet ---------------------------------------------------------------------------------------
"$BIN" extract --sheet Notes "$F/caf_qip_2017_2018_own.xlsx" > /dev/null 2> "$F/err"; rc=$?
[ "$rc" -eq 1 ] || say "--sheet Notes: exit $rc"
"$BIN" extract -q --sheet "QIPs 2017-2018" "$F/caf_qip_2017_2018_own.xlsx" > "$F/out"; rc=$?
[ "$rc" -eq 0 ] && [ "$(wc -l < "$F/out")" -eq 171 ] || say "--sheet 'QIPs 2017-2018': exit $rc, $(wc -l < "$F/out") lines"
"$BIN" extract --sheet Nope "$F/caf_qip_2017_2018_own.xlsx" > /dev/null 2> "$F/err"
grep -qxF "aidcube: $F/caf_qip_2017_2018_own.xlsx: no sheet named \"Nope\" (sheets: QIPs 2017-2018, Notes)" "$F/err" \
    || { say "--sheet Nope:"; cat "$F/err"; }
# ---- lists in shapes the fixtures do not have (a new user's review) ------------------------------
# a header on two rows under merged groups, a SUM written without its
# value (openpyxl), a row with no amount, a note under the table
/usr/bin/python3 - "$F/two_rows.xlsx" <<'PY'   # Debian's, with python3-openpyxl
import sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Ségou"
ws["A1"] = "PBF Mali - portefeuille 2020"
ws.append([]); ws.append(["N°", "Titre du projet", "Région", "Fonds", "Budget", None, "Période", None])
ws.merge_cells("E3:F3"); ws.merge_cells("G3:H3")
ws.append([None, None, None, None, "Montant", "Devise", "Début", "Fin"])
ws.append(["P1", "Dialogue à Macina", "Ségou", "PBF", 1250000, "USD", datetime.date(2020, 1, 15), datetime.date(2021, 6, 30)])
ws.append(["P2", "Jeunes et paix à San", "SEGOU", "PBF", 845000.75, "USD", datetime.date(2020, 3, 1), datetime.date(2021, 8, 31)])
ws.append(["P3", "Radios communautaires", "Ségou", "PBF", None, "USD", datetime.date(2020, 7, 1), None])
ws.append(["P4", "Médiation foncière", "Ségou", "PBF", 400000, "USD", datetime.date(2020, 7, 1), datetime.date(2021, 12, 31)])
ws.append([None, "Total", None, None, "=SUM(E5:E8)", "USD"])
ws.append(["Source : secrétariat PBF"])
wb.save(sys.argv[1])
PY
"$BIN" extract "$F/two_rows.xlsx" > "$F/out" 2> "$F/err"; rc=$?
[ "$rc" -eq 1 ] || say "two_rows.xlsx: exit $rc, not 1 (one row rejected)"
got=$(cut -f2-11 "$F/out" | tail -n +2 | tr '\t' ' ')
want="5 amount 1250000 USD PBF MLI Ségou  2020 exact
5 count 1 projects PBF MLI Ségou  2020 exact
6 amount 845000.75 USD PBF MLI Ségou  2020 exact
6 count 1 projects PBF MLI Ségou  2020 exact
8 amount 400000 USD PBF MLI Ségou  2020 exact
8 count 1 projects PBF MLI Ségou  2020 exact"
[ "$got" = "$want" ] || { say "two_rows.xlsx facts:"; echo "$got"; }
want="aidcube: $F/two_rows.xlsx:7: sheet \"Ségou\", column E: no amount: row not loaded
aidcube: $F/two_rows.xlsx:9: sheet \"Ségou\": a total row with no computed amount: not checked"
[ "$(cat "$F/err")" = "$want" ] || { say "two_rows.xlsx messages:"; cat "$F/err"; }
# a total row that is wrong is a mismatch, in the list's own currency, and
# the cube shows the larger figure with the rest "not stated"
printf 'Projet,Région,Fonds,Montant (USD),Date de début\nA,Gao,PBF,100000,01/02/2019\nB,Gao,PBF,200000,01/03/2019\nTotal,,,350000,\n' > "$F/wrong_total.csv"
"$BIN" check -q --format tsv --strict "$F/wrong_total.csv" > "$F/out"; rc=$?
[ "$rc" -eq 3 ] || say "wrong_total.csv: check --strict exit $rc, not 3"
grep -qxF "mismatch${T}total-row${T}sheet \"wrong_total\" total row: against the 2 rows in USD above it (rows 2 to 3)${T}350000.00${T}300000.00${T}-50000.00${T}USD${T}wrong_total.csv:4:wrong_total!D4" "$F/out" \
    || { say "wrong_total.csv:"; cat "$F/out"; }
exit $fail
