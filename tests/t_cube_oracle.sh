#!/usr/bin/env bash
# The C cube against PostgreSQL's GROUP BY CUBE: a generated table of 300
# projects at the finest grain is extracted, loaded into the star schema of
# sql/schema.sql in a throwaway PostgreSQL cluster (unix socket only,
# fsync off, stopped on exit), and every cell of the 16 cuboids must be equal.
set -u
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (postgresql package)"; exit 1; }
W="$TMP/oracle"; mkdir -p "$W/src" "$W/sock"
python3 fixtures/gen/projects_table.py 300 7 > "$W/src/projects.txt"
"$BIN" extract -q "$W/src" > "$W/obs.tsv" || { echo "extract failed"; exit 1; }
"$BIN" cube -q "$W/src" > "$W/cube.tsv" || { echo "cube failed"; exit 1; }
[ "$(grep -c $'\tamount\t' "$W/obs.tsv")" -eq 300 ] || { echo "expected 300 amounts"; exit 1; }

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
    as_pg=(runuser -u postgres --)
    chmod 755 "$TMP"; chown -R postgres "$W"
fi
"${as_pg[@]}" "$PGBIN/initdb" -D "$W/data" -A trust -U aidcube --no-sync -E UTF8 --locale=C > "$W/initdb.log" 2>&1 \
    || { cat "$W/initdb.log"; exit 1; }
"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$W/data" -w -l "$W/pg.log" \
    -o "-c listen_addresses='' -k $W/sock -c fsync=off -c full_page_writes=off" start > /dev/null \
    || { cat "$W/pg.log"; exit 1; }
trap '"${as_pg[@]}" "$PGBIN/pg_ctl" -D "$W/data" -m immediate stop > /dev/null 2>&1' EXIT
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$W/sock" -U aidcube -d postgres)

"${psql[@]}" -f sql/schema.sql || exit 1
"${psql[@]}" <<SQL || exit 1
SET search_path = aidcube, public;
CREATE TEMP TABLE staging (doc text, line int, measure text, value numeric, unit text,
    fund text, country text, region text, sector text, period text, qualifier text,
    span text, snippet text);
\copy staging FROM '$W/obs.tsv' WITH (FORMAT csv, DELIMITER E'\t', HEADER true, QUOTE E'\x01')
INSERT INTO dim_source (name, sha256, bytes) VALUES ('projects.txt', repeat('0', 64), 0);
INSERT INTO dim_fund (code) SELECT DISTINCT fund FROM staging WHERE fund IS NOT NULL;
INSERT INTO dim_sector (name) SELECT DISTINCT sector FROM staging WHERE sector IS NOT NULL;
INSERT INTO dim_geography (country, region) SELECT DISTINCT country, region FROM staging;
INSERT INTO dim_period (label, first_year, last_year, kind)
    SELECT DISTINCT period, split_part(period, '-', 1)::int, split_part(period, '-', 2)::int, 'fiscal'
    FROM staging WHERE period IS NOT NULL;
INSERT INTO fact_observation (source_key, obs_no, line, measure, value, unit, usd, rate,
                              qualifier, fund_key, geo_key, sector_key, period_key)
SELECT 1, row_number() OVER (), s.line, s.measure, s.value, s.unit,
       CASE WHEN s.measure = 'amount' THEN s.value END, 1, s.qualifier,
       f.fund_key, g.geo_key, se.sector_key, p.period_key
FROM staging s
LEFT JOIN dim_fund f ON f.code = s.fund
LEFT JOIN dim_geography g ON g.country = s.country AND g.region IS NOT DISTINCT FROM s.region
LEFT JOIN dim_sector se ON se.name = s.sector
LEFT JOIN dim_period p ON p.label = s.period;
SQL
"${psql[@]}" -A -t -F $'\t' -f sql/cube_oracle.sql | LC_ALL=C sort > "$W/pg.tsv"
tail -n +2 "$W/cube.tsv" | cut -f1-6,11 | LC_ALL=C sort > "$W/c.tsv"
n=$(wc -l < "$W/c.tsv")
if ! diff -u "$W/pg.tsv" "$W/c.tsv" > "$W/diff"; then
    echo "the C cube differs from GROUP BY CUBE:"; head -40 "$W/diff"; exit 1
fi
[ "$n" -gt 900 ] || { echo "only $n cells"; exit 1; }
echo "cube oracle: $n cells of 16 cuboids equal to PostgreSQL GROUP BY CUBE"
