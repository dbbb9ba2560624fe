#!/usr/bin/env bash
# The warehouse against a real server (tests/pg.sh: a throwaway cluster,
# unix socket only, stopped on exit): db init twice and migrate (idempotent),
# status; the fixtures loaded (as many facts as `aidcube extract` prints,
# each with the origins of its attributes as extract's attributed_from),
# loaded again (every table identical, the batch recorded as skipped); one
# source changed (only its facts replaced); a source holding SQL, quotes,
# backslashes and tabs round-trips byte for byte in the snippet; two loads
# started together load each source once; --no-wait while another load
# holds the lock; no password in any message; the connection killed in the
# middle of the COPY (nothing kept, exit 5, the batch recorded as failed, a
# re-run loads exactly once); the server stopped in the middle of the COPY
# (after a restart every table as before the batch, exit 5, a re-run loads
# once); invalid UTF-8 in a source (U+FFFD, a warning, snippets as extract's);
# spreadsheets (fixtures/sheets): every row rejected recorded once in reject
# with its line, sheet, column, raw value and reason as extract reports it,
# every other row loaded, each fact's sheet, column and row as extract's
# span, its project, partner, locality and dates from its row, the totals
# of one currency among several flagged subset totals.
set -u
W="$TMP/wh"; mkdir -p "$W"
. tests/pg.sh
pg_start "$TMP/whpg" || exit 1
q() { "${psql[@]}" -A -t -c "$1"; }
fail() { echo "warehouse: $*"; exit 1; }
export AIDCUBE_SQL="$PWD/sql"

# dump: every table but the batches, in key order
dump() {
    local t
    for t in schema_version dim_source fact dim_sector dim_geography geography_grouping \
             dim_period dim_fund dim_currency exchange_rate reject dim_project dim_partner; do
        echo "== $t"; q "COPY (SELECT * FROM ${2:-aidcube}.$t ORDER BY 1, 2) TO STDOUT"
    done > "$1"
}

"$BIN" db init --db "$PG_CONN" > "$W/init1" || fail "db init failed"
"$BIN" db init --db "$PG_CONN" > "$W/init2" || fail "second db init failed"
"$BIN" db migrate --db "$PG_CONN" > "$W/migrate" || fail "db migrate failed"
grep -q "version 0 -> 14" "$W/init1" || fail "db init: $(cat "$W/init1")"
grep -q "nothing to apply" "$W/init2" || fail "second db init applied something: $(cat "$W/init2")"
grep -q "nothing to apply" "$W/migrate" || fail "db migrate applied something"
[ "$(q "SELECT count(*) FROM aidcube.schema_version")" = 14 ] || fail "schema_version: $(q "SELECT count(*) FROM aidcube.schema_version")"
# a schema one file behind: migrate applies that file, once
# (014 undone first: fact's foreign keys of 001 back in place of the triggers)
q "SET search_path = aidcube;
   DO \$\$ DECLARE t name; BEGIN
     FOR t IN SELECT DISTINCT ref_table FROM fact_key LOOP
       EXECUTE format('DROP TRIGGER fact_keys_del ON %I; DROP TRIGGER fact_keys_upd ON %I;'
                      ' DROP TRIGGER fact_keys_truncate ON %I', t, t, t);
     END LOOP; END \$\$;
   DROP TRIGGER fact_keys_ins ON fact; DROP TRIGGER fact_keys_upd ON fact;
   DROP FUNCTION fact_keys_exist(), fact_keys_kept(), fact_keys_no_truncate(); DROP TABLE fact_key;
   ALTER TABLE fact ADD CONSTRAINT fact_source_key_fkey FOREIGN KEY (source_key) REFERENCES dim_source,
       ADD CONSTRAINT fact_batch_key_fkey FOREIGN KEY (batch_key) REFERENCES batch,
       ADD CONSTRAINT fact_currency_key_fkey FOREIGN KEY (currency_key) REFERENCES dim_currency,
       ADD CONSTRAINT fact_sector_key_fkey FOREIGN KEY (sector_key) REFERENCES dim_sector,
       ADD CONSTRAINT fact_geo_key_fkey FOREIGN KEY (geo_key) REFERENCES dim_geography,
       ADD CONSTRAINT fact_period_key_fkey FOREIGN KEY (period_key) REFERENCES dim_period,
       ADD CONSTRAINT fact_fund_key_fkey FOREIGN KEY (fund_key) REFERENCES dim_fund" > /dev/null
q "DROP VIEW aidcube.v_findings; DROP TABLE aidcube.finding, aidcube.check_version;
   DROP VIEW aidcube.v_cube_cell, aidcube.v_cube_sql_named, aidcube.v_cube_sql, aidcube.v_leaf_fact;
   DROP TABLE aidcube.cube_cell, aidcube.cube_version, aidcube.source_invalid_date;
   DROP VIEW aidcube.v_fact;
   ALTER TABLE aidcube.fact DROP COLUMN period_kind, DROP COLUMN sheet, DROP COLUMN col,
       DROP COLUMN project_key, DROP COLUMN partner_key, DROP COLUMN locality,
       DROP COLUMN start_date, DROP COLUMN end_date, DROP COLUMN months, DROP COLUMN rows_n,
       DROP COLUMN rows_first, DROP COLUMN rows_last, DROP COLUMN rows_sum,
       DROP COLUMN is_subset_total, DROP COLUMN kind_key, DROP COLUMN is_apart,
       DROP COLUMN fund_from, DROP COLUMN country_from, DROP COLUMN region_from,
       DROP COLUMN sector_from, DROP COLUMN period_from;
   DROP TABLE aidcube.dim_kind; DROP VIEW aidcube.v_reject;
   ALTER TABLE aidcube.reject DROP COLUMN sheet, DROP COLUMN col;
   DROP TABLE aidcube.dim_project, aidcube.dim_partner;
   DROP TABLE aidcube.nightly_source, aidcube.nightly_run;
   DELETE FROM aidcube.schema_version WHERE version >= 2" > /dev/null
"$BIN" db migrate --db "$PG_CONN" > "$W/migrate2" || fail "db migrate (1 -> 14) failed"
grep -q "version 1 -> 14" "$W/migrate2" || fail "db migrate: $(cat "$W/migrate2")"
[ "$(q "SELECT count(*) FROM aidcube.v_fact")" = 0 ] || fail "v_fact after migrate"
# every column of every table and view has its comment (the data dictionary)
nc=$(q "SELECT count(*) FROM information_schema.columns c WHERE table_schema = 'aidcube'
        AND col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position) IS NULL")
[ "$nc" = 0 ] || fail "$nc columns without COMMENT"
"$BIN" db migrate --db "$PG_CONN" --schema nosuch > /dev/null 2> "$W/err"
[ $? = 5 ] && grep -q "does not exist: run 'aidcube db init'" "$W/err" || fail "migrate of a missing schema"
"$BIN" load fixtures/sources --db "$PG_CONN" --schema nosuch > /dev/null 2> "$W/err"
[ $? = 5 ] && grep -q "not initialised" "$W/err" || fail "load into a missing schema"

# the fixtures, twice
cp -r fixtures/sources "$W/src"
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load1" || fail "load failed: $(cat "$W/load1")"
nsrc=$(ls "$W/src" | wc -l)
grep -q "committed: $nsrc sources seen, $nsrc loaded, 0 skipped" "$W/load1" || fail "first load: $(cat "$W/load1")"
nx=$("$BIN" extract -q "$W/src" | tail -n +2 | wc -l)
nf=$(q "SELECT count(*) FROM aidcube.fact")
[ "$nf" = "$nx" ] || fail "$nf facts in PostgreSQL, $nx observations extracted"
# each fact's origins (sql/012) are extract's attributed_from, pair for pair
q "SELECT concat_ws(',', 'fund=' || fund_from, 'country=' || country_from,
   'region=' || region_from, 'sector=' || sector_from, 'period=' || period_from)
   FROM aidcube.fact" | sort > "$W/from.pg"
"$BIN" extract -q "$W/src" | tail -n +2 | awk -F'\t' '{print $15}' | sort > "$W/from.x"
diff "$W/from.x" "$W/from.pg" > "$W/from.diff" || fail "origins differ from extract's: $(head "$W/from.diff")"
grep -q 'country=reference' "$W/from.pg" && grep -q 'fund=heading' "$W/from.pg" \
    || fail "no country=reference or fund=heading among the facts' origins"
dump "$W/d1"
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load2" || fail "second load failed"
grep -q "skipped: $nsrc sources seen, 0 loaded, $nsrc skipped, 0 replaced, 0 rejected, 0 facts" "$W/load2" \
    || fail "second load: $(cat "$W/load2")"
dump "$W/d2"
diff -u "$W/d1" "$W/d2" > "$W/diff" || { head -20 "$W/diff"; fail "the second load changed a table"; }
[ "$(q "SELECT status FROM aidcube.batch ORDER BY batch_key DESC LIMIT 1")" = skipped ] \
    || fail "the second batch is not recorded as skipped"
"$BIN" db status --db "$PG_CONN" > "$W/status" || fail "db status failed"
grep -q "^batches: 2 (committed 1, skipped 1, failed 0)" "$W/status" && grep -q "^rows fact: $nf$" "$W/status" \
    || fail "db status: $(cat "$W/status")"

# one source changed: only its facts replaced
ch="$W/src/mli_qip_table.txt"
printf '\nUn QIP de 47 500 USD a été financé à Gao en 2017.\n' >> "$ch"
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load3" || fail "load of a changed source failed"
grep -q "committed: $nsrc sources seen, 0 loaded, $((nsrc - 1)) skipped, 1 replaced" "$W/load3" \
    || fail "changed source: $(cat "$W/load3")"
key=$(q "SELECT source_key FROM aidcube.dim_source WHERE name = 'mli_qip_table.txt'")
others() { q "COPY (SELECT * FROM aidcube.fact WHERE source_key <> $key ORDER BY 1, 2) TO STDOUT"; }
others > "$W/o3"
grep -v "^$key	" <(sed -n '/^== fact$/,/^== dim_sector$/p' "$W/d1") | grep -v '^==' > "$W/o1"
diff -q "$W/o1" "$W/o3" > /dev/null || fail "the facts of unchanged sources changed"
nch=$("$BIN" extract -q "$ch" | tail -n +2 | wc -l)
[ "$(q "SELECT count(*) FROM aidcube.fact WHERE source_key = $key")" = "$nch" ] || fail "replaced facts"
[ "$(q "SELECT count(*) FROM aidcube.fact")" = $((nf - $(grep -c "^$key	" <(sed -n '/^== fact$/,/^== dim_sector$/p' "$W/d1")) + nch)) ] \
    || fail "fact count after the replacement"

# SQL, quotes, backslashes and tabs in a source: byte for byte in the snippet
# (the reader turns a tab or a line end inside a snippet into a space: the
# COPY escaping of \t \n \r \\ is what keeps backslashes whole here)
q "CREATE TABLE public.x (i int)"
mkdir -p "$W/inj"
printf "Le QIP C:\\\\temp\\\\n \\\\N ') OR 1=1 -- DROP TABLE x a coûté 45 000 USD à Gao\t(2017).\n\nProjets\tMontant\nGao\t12 000 USD\nMopti '); DROP TABLE x; --\t8 000 USD\n" > "$W/inj/inj.txt"
"$BIN" load "$W/inj" --db "$PG_CONN" -q > "$W/load4" || fail "load of the injection source failed"
[ "$(q "SELECT count(*) FROM pg_tables WHERE tablename = 'x'")" = 1 ] || fail "table x dropped"
"$BIN" extract -q --format jsonl "$W/inj" > "$W/inj.jsonl"
q "SELECT encode(convert_to(snippet, 'UTF8'), 'hex') FROM aidcube.fact f JOIN aidcube.dim_source s
   USING (source_key) WHERE s.name = 'inj.txt' ORDER BY fact_no" > "$W/inj.pg"
python3 - "$W/inj.jsonl" "$W/inj.pg" <<'PY' || fail "the snippet did not round-trip"
import json, sys
want = [json.loads(l)["snippet"].encode().hex() for l in open(sys.argv[1])]
got = open(sys.argv[2]).read().split()
assert want and want == got, (want, got)
allb = b"|".join(bytes.fromhex(g) for g in got)
assert all(x in allb for x in (b"DROP TABLE x; --", b"C:\\temp\\n \\N ') OR 1=1 --")), allb
PY

# two loads started together, into a fresh schema: each source once
"$BIN" db init --db "$PG_CONN" --schema race > /dev/null || fail "db init --schema race"
"$BIN" load "$W/src" --db "$PG_CONN" --schema race -q > "$W/r1" 2>&1 &
p1=$!
"$BIN" load "$W/src" --db "$PG_CONN" --schema race -q > "$W/r2" 2>&1 &
p2=$!
wait $p1 || fail "concurrent load 1: $(cat "$W/r1")"
wait $p2 || fail "concurrent load 2: $(cat "$W/r2")"
[ "$(q "SELECT count(*) FROM race.dim_source")" = "$nsrc" ] || fail "race: sources"
[ "$(q "SELECT count(*) FROM race.batch_source WHERE action = 'loaded'")" = "$nsrc" ] || fail "race: loaded twice"
[ "$(q "SELECT string_agg(status, ',' ORDER BY status) FROM race.batch")" = "committed,skipped" ] \
    || fail "race: batches $(q "SELECT string_agg(status, ',') FROM race.batch")"

# --no-wait while another session holds the load lock
"${psql[@]}" -c "SELECT pg_advisory_lock(hashtext('aidcube.load'), hashtext('race')), pg_sleep(4)" \
    > /dev/null 2>&1 &
holder=$!
for _ in $(seq 50); do
    [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" -gt 0 ] && break; sleep 0.1
done
"$BIN" load "$W/src" --db "$PG_CONN" --schema race --no-wait -q > /dev/null 2> "$W/err"
rc=$?
wait $holder
[ $rc = 6 ] && grep -q 'another load of schema "race" is running' "$W/err" || fail "--no-wait: exit $rc, $(cat "$W/err")"

# no password in any message
for ci in "$PG_CONN password=Sekr1t-pw port=notaport" "host=/nonexistent password=Sekr1t-pw" \
          "host=/x password Sekr1t-pw" "postgresql://u:Sekr1t-pw@/db?host=/nonexistent"; do
    "$BIN" load "$W/src" --db "$ci" -q > /dev/null 2> "$W/err"
    rc=$?
    [ $rc = 5 ] || fail "bad connection: exit $rc"
    ! grep -q Sekr1t "$W/err" || fail "a password in a message: $(cat "$W/err")"
done

# the connection killed in the middle of the COPY: nothing kept, re-run once
printf '\nUn QIP de 12 000 USD a été financé à Mopti en 2018.\n' >> "$ch"
dump "$W/k0"
nb=$(q "SELECT count(*) FROM aidcube.batch")
AIDCUBE_TEST_PAUSE_COPY_MS=3000 "$BIN" load "$W/src" --db "$PG_CONN" -q > /dev/null 2> "$W/kerr" &
loader=$!
killed=0
for _ in $(seq 100); do
    killed=$(q "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE query LIKE 'COPY fact%' AND pid <> pg_backend_pid()")
    [ "$killed" -gt 0 ] && break; sleep 0.05
done
wait $loader
rc=$?
[ "$killed" -gt 0 ] || fail "no COPY to kill"
[ $rc = 5 ] || fail "killed load: exit $rc ($(cat "$W/kerr"))"
grep -q "terminating connection" "$W/kerr" || fail "killed load: $(cat "$W/kerr")"
dump "$W/k1"
diff -u "$W/k0" "$W/k1" > "$W/diff" || { head -20 "$W/diff"; fail "the killed batch left something"; }
[ "$(q "SELECT status || ' ' || sqlstate FROM aidcube.batch ORDER BY batch_key DESC LIMIT 1")" = "failed 57P01" ] \
    || fail "the killed batch is not recorded as failed"
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load5" || fail "re-run after the kill failed"
grep -q "1 replaced" "$W/load5" || fail "re-run: $(cat "$W/load5")"
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load6" || fail "second re-run failed"
grep -q "skipped: .* 0 loaded, $nsrc skipped" "$W/load6" || fail "second re-run: $(cat "$W/load6")"

# the server stopped (pg_ctl stop -m immediate) in the middle of the COPY:
# after a restart the warehouse holds exactly what it held before the batch
# (every table, the batches included, and a checksum of the fact table);
# aidcube exits 5 saying the connection was lost; a re-run loads once
printf '\nUn QIP de 9 000 USD a été financé à Tombouctou en 2018.\n' >> "$ch"
fsum() { q "SELECT count(*) || ' ' || md5(coalesce(string_agg(f::text, '|' ORDER BY source_key, fact_no), ''))
            FROM aidcube.fact f"; }
counts() { q "SELECT (SELECT count(*) FROM aidcube.batch) || ' ' || (SELECT count(*) FROM aidcube.batch_source)
              || ' ' || (SELECT count(*) FROM aidcube.dim_source) || ' ' || (SELECT count(*) FROM aidcube.fact)"; }
dump "$W/s0"; c0=$(counts); f0=$(fsum)
q "COPY (SELECT * FROM aidcube.batch ORDER BY 1) TO STDOUT" > "$W/b0"
AIDCUBE_TEST_PAUSE_COPY_MS=3000 "$BIN" load "$W/src" --db "$PG_CONN" -q > /dev/null 2> "$W/serr" &
loader=$!
incopy=0
for _ in $(seq 100); do
    incopy=$(q "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY fact%' AND pid <> pg_backend_pid()")
    [ "$incopy" -gt 0 ] && break; sleep 0.05
done
[ "$incopy" -gt 0 ] || fail "server stop: no COPY in progress"
pg_crash || fail "pg_ctl stop -m immediate failed"
wait $loader
rc=$?
[ $rc = 5 ] || fail "load with the server stopped: exit $rc ($(cat "$W/serr"))"
grep -Eq "^aidcube: database: .*(server closed the connection unexpectedly|immediate shutdown|no connection to the server)" "$W/serr" \
    && grep -q "^aidcube: load failed: nothing of the batch was kept" "$W/serr" \
    || fail "server stop: no clear message: $(cat "$W/serr")"
pg_restart || fail "the server did not restart"
[ "$(counts)" = "$c0" ] || fail "after the server stop: counts $(counts), before $c0"
[ "$(fsum)" = "$f0" ] || fail "after the server stop: the fact table changed"
dump "$W/s1"
q "COPY (SELECT * FROM aidcube.batch ORDER BY 1) TO STDOUT" > "$W/b1"
diff -u "$W/s0" "$W/s1" > "$W/diff" && diff -u "$W/b0" "$W/b1" >> "$W/diff" \
    || { head -20 "$W/diff"; fail "the batch cut by the server stop left something"; }
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load7" || fail "re-run after the server stop failed"
grep -q "committed: $nsrc sources seen, 0 loaded, $((nsrc - 1)) skipped, 1 replaced" "$W/load7" \
    || fail "re-run after the server stop: $(cat "$W/load7")"
"$BIN" load "$W/src" --db "$PG_CONN" -q > "$W/load8" || fail "second re-run after the server stop failed"
grep -q "skipped: .* 0 loaded, $nsrc skipped" "$W/load8" || fail "second re-run after the server stop: $(cat "$W/load8")"
nch=$("$BIN" extract -q "$ch" | tail -n +2 | wc -l)
[ "$(q "SELECT count(*) FROM aidcube.fact WHERE source_key = $key")" = "$nch" ] \
    || fail "after the server stop: the changed source's facts"

# invalid UTF-8 in a source: the reader replaces each bad byte by U+FFFD
# with a warning; the load keeps the snippets exactly as extract prints them
mkdir -p "$W/utf"
printf 'Le QIP de Gao \xff\xfe a co\xc3\xbbt\xc3\xa9 45 000 USD en 2017 (caf\xe9 \xc3).\nUn QIP de 30 000 USD a \xc3\xa9t\xc3\xa9 financ\xc3\xa9 \xe0 Mopti en 2018.\n' > "$W/utf/bad_utf8.txt"
"$BIN" load "$W/utf" --db "$PG_CONN" > "$W/load9" 2> "$W/uerr" || fail "load of invalid UTF-8 failed: $(cat "$W/uerr")"
grep -q "bad_utf8.txt:1: 4 invalid UTF-8 bytes replaced" "$W/uerr" || fail "invalid UTF-8: no warning: $(cat "$W/uerr")"
"$BIN" extract -q --format jsonl "$W/utf" > "$W/utf.jsonl"
q "SELECT encode(convert_to(snippet, 'UTF8'), 'hex') FROM aidcube.fact f JOIN aidcube.dim_source s
   USING (source_key) WHERE s.name = 'bad_utf8.txt' ORDER BY fact_no" > "$W/utf.pg"
python3 - "$W/utf.jsonl" "$W/utf.pg" <<'PY' || fail "the invalid UTF-8 snippet did not round-trip"
import json, sys
want = [json.loads(l)["snippet"].encode().hex() for l in open(sys.argv[1])]
got = open(sys.argv[2]).read().split()
assert len(want) == 2 and want == got, (want, got)
assert bytes.fromhex(got[0]).count("\ufffd".encode()) == 4, got[0]
PY

# spreadsheets: the rows rejected, once each, as extract reports them; the
# other rows loaded with what they carry
"$BIN" db init --db "$PG_CONN" --schema sheets > /dev/null || fail "db init --schema sheets"
mli=fixtures/sheets/mli_projets_stabilisation_2019.csv caf=fixtures/sheets/caf_qip_2017_2018.csv
"$BIN" load "$mli" "$caf" --db "$PG_CONN" --schema sheets > "$W/sload" 2> "$W/serr2"
rc=$?
[ $rc = 1 ] || fail "load of the spreadsheets: exit $rc (rows rejected: 1): $(cat "$W/serr2")"
grep -q "committed: 2 sources seen, 2 loaded, 0 skipped, 0 replaced, 0 rejected" "$W/sload" \
    || fail "load of the spreadsheets: $(cat "$W/sload")"
"$BIN" extract "$mli" "$caf" > "$W/sx.tsv" 2> "$W/sx.err"
# extract's 'FILE:LINE: sheet "S", column L "RAW": REASON: row not loaded' as
# path, line, sheet, column number, raw, reason
sed -n 's/^aidcube: \(.*\):\([0-9]*\): sheet "\(.*\)", column \([A-Z]*\) "\(.*\)": \(.*\): row not loaded$/\1|\2|\3|\4|\5|\6/p' \
    "$W/sx.err" | awk -F'|' -v OFS='|' '{ n = 0; for (i = 1; i <= length($4); i++)
        n = n * 26 + index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", substr($4, i, 1)); $4 = n; print }' > "$W/srej.want"
cat > "$W/srej.lit" <<EOT
$mli|11|mli_projets_stabilisation_2019|8|n.c.|amount cannot be read
$mli|12|mli_projets_stabilisation_2019|8|-|amount cannot be read
$mli|13|mli_projets_stabilisation_2019|8|#N/A|amount cannot be read
$mli|14|mli_projets_stabilisation_2019|3|Atlantide|unknown region
$mli|15|mli_projets_stabilisation_2019|10|30/02/2019|a date that cannot exist or be read
EOT
diff -u "$W/srej.lit" "$W/srej.want" > "$W/diff" || { cat "$W/diff"; fail "extract's rejects of $mli"; }
q "SELECT path, line, sheet, col, raw, reason FROM sheets.reject ORDER BY reject_key" > "$W/srej.got"
diff -u "$W/srej.want" "$W/srej.got" > "$W/diff" || { cat "$W/diff"; fail "the reject table is not extract's rejects"; }
for f in "$mli" "$caf"; do
    n=$(basename "$f")
    nx=$(grep -c "^$n	" "$W/sx.tsv")
    [ "$(q "SELECT count(*) FROM sheets.fact JOIN sheets.dim_source s USING (source_key)
            WHERE s.name = '$n'")" = "$nx" ] || fail "$n: not every row loaded ($nx observations)"
    # every fact's cell (SHEET!COLROW) as extract's span, in order
    grep "^$n	" "$W/sx.tsv" | cut -f12 > "$W/span.want"
    q "SELECT sheet || '!' || CASE WHEN col > 26 THEN chr(64 + (col - 1) / 26) ELSE '' END
              || chr(65 + (col - 1) % 26) || line
       FROM sheets.fact JOIN sheets.dim_source s USING (source_key) WHERE s.name = '$n'
       ORDER BY fact_no" > "$W/span.got"
    diff -u "$W/span.want" "$W/span.got" > "$W/diff" || { head "$W/diff"; fail "$n: sheet, col, line"; }
done
# what a project row carries is in its row (the snippet is the row's cells)
bad=$(q "SELECT count(*) FROM sheets.fact f JOIN sheets.dim_project p USING (project_key)
         LEFT JOIN sheets.dim_partner pa USING (partner_key)
         WHERE p.source_key <> f.source_key OR strpos(f.snippet, ' | ' || p.title || ' | ') = 0
            OR strpos(f.snippet, coalesce(' | ' || pa.name || ' | ', ' | ')) = 0
            OR strpos(f.snippet, coalesce(' | ' || f.locality || ' | ', ' | ')) = 0
            OR strpos(f.snippet, coalesce(to_char(f.start_date, 'DD/MM/YYYY'), ' | ')) = 0
            OR strpos(f.snippet, coalesce(to_char(f.end_date, 'DD/MM/YYYY'), ' | ')) = 0")
[ "$bad" = 0 ] || fail "$bad facts whose project, partner, locality or dates are not their row's"
[ "$(q "SELECT count(*) FILTER (WHERE project_key IS NULL AND NOT is_total) || ' '
        || count(*) FILTER (WHERE partner_key IS NOT NULL) || ' ' || count(*) FILTER (WHERE start_date IS NOT NULL)
        FROM sheets.fact")" = "0 196 196" ] || fail "projects, partners, dates: $(q "SELECT count(*) FILTER (WHERE project_key IS NULL AND NOT is_total), count(*) FILTER (WHERE partner_key IS NOT NULL), count(*) FILTER (WHERE start_date IS NOT NULL) FROM sheets.fact")"
# the Mali list's two totals (EUR rows, all rows in FCFA): subset totals
[ "$(q "SELECT string_agg(line || ' ' || unit || ' ' || rows_n || ' ' || rows_first || '-' || rows_last
        || ' ' || rows_sum || ' ' || is_subset_total, ', ' ORDER BY line) FROM sheets.fact WHERE rows_n IS NOT NULL")" \
    = "21 EUR 4 6-20 1544845.5 true, 22 XOF 8 3-19 404695500 true" ] \
    || fail "subset totals: $(q "SELECT line, unit, rows_n, rows_first, rows_last, rows_sum, is_subset_total FROM sheets.fact WHERE rows_n IS NOT NULL")"
[ "$(q "SELECT count(*) FROM sheets.v_cube_sql WHERE n_leaf + n_not_leaf > 0 AND all_sectors + all_regions
        + all_periods + all_funds = 4")" = 1 ] || fail "v_cube_sql"
nsf=$(q "SELECT count(*) FROM sheets.fact")
# the CAR list again, under another name and with one more line at its end:
# a new source with the same projects' titles (new project rows, keyed by
# source) and the same partners (their rows found, not added again)
keys() { q "SELECT count(*) || ' ' || count(DISTINCT (source_key, title)) FROM sheets.dim_project"; }
np0=$(q "SELECT count(*) FROM sheets.dim_partner"); pj0=$(keys)
{ cat "$caf"; printf '\r\n'; } > "$W/caf_again.csv"
"$BIN" load "$W/caf_again.csv" --db "$PG_CONN" --schema sheets -q > /dev/null 2>&1
[ "$(q "SELECT count(*) FROM sheets.dim_partner")" = "$np0" ] || fail "the partners of a list loaded again were added again"
ncp=$(q "SELECT count(*) FROM sheets.dim_project p JOIN sheets.dim_source s USING (source_key) WHERE s.name = 'caf_qip_2017_2018.csv'")
[ "$(keys)" = "$((${pj0% *} + ncp)) $((${pj0% *} + ncp))" ] || fail "projects of the list loaded again: $pj0 -> $(keys), $ncp"
bad=$(q "SELECT count(*) FROM sheets.fact f JOIN sheets.dim_project p USING (project_key)
         LEFT JOIN sheets.dim_partner pa USING (partner_key)
         WHERE p.source_key <> f.source_key OR strpos(f.snippet, ' | ' || p.title || ' | ') = 0
            OR strpos(f.snippet, coalesce(' | ' || pa.name || ' | ', ' | ')) = 0")
[ "$bad" = 0 ] || fail "after the list loaded again: $bad facts whose project or partner is not their row's"

# fact's keys are checked per statement (sql/014_fact_keys.sql) and lock the
# members they use as a foreign key does: a member a fact being inserted
# uses cannot be deleted meanwhile.  Session 1 inserts a fact of a new
# sector and holds its transaction open; session 2's DELETE of that sector
# waits for it, then is refused; nothing is left pointing nowhere.
sk=$(q "INSERT INTO aidcube.dim_sector (kind, name) VALUES ('sector', 'Race test') RETURNING sector_key" | head -1)
cols=$(q "SELECT string_agg(quote_ident(attname), ',' ORDER BY attnum) FROM pg_attribute
          WHERE attrelid = 'aidcube.fact'::regclass AND attnum > 0 AND NOT attisdropped
            AND attgenerated = '' AND attname NOT IN ('fact_no', 'sector_key')")
"${psql[@]}" -q -c "BEGIN" -c "INSERT INTO aidcube.fact (fact_no, sector_key, $cols)
    SELECT 900001, $sk, $cols FROM aidcube.fact ORDER BY source_key, fact_no LIMIT 1" \
    -c "SELECT pg_sleep(3)" -c "COMMIT" > "$W/race1" 2>&1 &
r1=$!
sleep 1
t0=$SECONDS
"${psql[@]}" -q -c "DELETE FROM aidcube.dim_sector WHERE sector_key = $sk" > "$W/race2" 2>&1 &&
    fail "a sector a fact being inserted uses was deleted"
wait $r1 || fail "race: the insert failed: $(cat "$W/race1")"
[ $((SECONDS - t0)) -ge 1 ] || fail "race: the DELETE did not wait for the insert's transaction"
grep -q 'violates foreign key constraint "fact_sector_key_fkey" on table "fact"' "$W/race2" ||
    fail "race: $(cat "$W/race2")"
[ "$(q "SELECT count(*) FROM aidcube.fact f LEFT JOIN aidcube.dim_sector d USING (sector_key)
        WHERE d.sector_key IS NULL")" = 0 ] || fail "race: a fact whose sector is gone"
q "DELETE FROM aidcube.fact WHERE fact_no = 900001; DELETE FROM aidcube.dim_sector WHERE sector_key = $sk" \
    > /dev/null || fail "race: the sector no fact uses any more could not be deleted"

echo "warehouse: init/migrate idempotent; $nf facts loaded once; reload skipped; one source replaced; snippet byte for byte; concurrent loads once; --no-wait; no password shown; killed COPY rolled back and re-run once; server stopped in the COPY: warehouse as before, re-run once; invalid UTF-8 snippets round-trip; spreadsheets: 5 rows rejected once each as extract reports them, $nsf facts with their cells, projects and totals; a member a fact being inserted uses not deleted meanwhile"
