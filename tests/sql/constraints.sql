-- constraints.sql: the schema's constraints hold the fact model's promises,
-- on the warehouse of tests/t_sql_regress.sh (fixtures/sources/mli_qip_table.txt
-- loaded into schema aidcube).  Every bad row below is rejected; the
-- template row itself is accepted, then removed.
SET search_path = aidcube;
-- the loaded fixture
SELECT count(*) AS facts, count(DISTINCT source_key) AS sources,
       string_agg(DISTINCT measure, ',' ORDER BY measure) AS measures FROM fact;
-- a template: the fixture's first amount under a new fact_no
CREATE TEMPORARY TABLE t AS
SELECT source_key, 9001 AS fact_no, batch_key, line, span_start, span_end, measure, value,
       unit, currency_key, usd_cents, rate, rate_year, qualifier, sector_key, geo_key,
       period_key, fund_key, flags
FROM fact WHERE measure = 'amount' ORDER BY source_key, fact_no LIMIT 1;
-- a bad measure
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, 'weight', value, 'kg',
       NULL, NULL, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- an amount whose unit is not a currency code
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, 'dollars',
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- an amount without its currency
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       NULL, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- a share that is not in %
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, 'share', 22.6, 'USD',
       qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- a count with USD cents
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, 'count', 12, 'projects',
       1200, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- a bad qualifier
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, 'about', sector_key, geo_key, period_key, fund_key FROM t;
-- flags beyond the model's
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, flags)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key, 32768 FROM t;
-- a money kind that is none (dim_kind holds 0 to 8)
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, kind_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key, 9 FROM t;
-- a money kind on a count (a kind is an amount's)
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, kind_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, 'count', 3, 'projects',
       NULL, NULL, qualifier, sector_key, geo_key, period_key, fund_key, 4 FROM t;
-- a fact without its source
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT 999999, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- a fact whose sector is not a member
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, 999999, geo_key, period_key, fund_key FROM t;
-- a fact with no period key (facts never hold NULL keys)
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, NULL, fund_key FROM t;
-- a duplicate fact key: the fixture's fact 1 again
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, 1, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- a span that ends before it starts
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_end, span_start, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
-- the template itself is a valid fact
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key)
SELECT source_key, fact_no, batch_key, line, span_start, span_end, measure, value, unit,
       currency_key, usd_cents, qualifier, sector_key, geo_key, period_key, fund_key FROM t;
SELECT fact_no, measure, value, unit, is_leaf FROM fact WHERE fact_no = 9001;
DELETE FROM fact WHERE fact_no = 9001;
-- a source is referenced by its facts: it cannot go while they are there
-- (its batch_source rows are checked first)
DELETE FROM dim_source;
-- a member its facts use cannot go, nor change its key, nor be truncated
-- (fact's keys are checked once per statement: sql/014_fact_keys.sql)
DELETE FROM dim_fund WHERE fund_key IN (SELECT fund_key FROM fact)
                       AND fund_key NOT IN (SELECT fund_key FROM cube_cell);
UPDATE dim_sector SET sector_key = sector_key + 100000
WHERE sector_key IN (SELECT sector_key FROM fact) AND sector_key NOT IN (SELECT sector_key FROM cube_cell);
TRUNCATE dim_kind;
-- with fact in the same command it passes (undone)
BEGIN;
TRUNCATE fact, dim_partner;
ROLLBACK;
-- an update that keeps the keys passes
UPDATE dim_sector SET name = name;
-- the other tables
INSERT INTO batch (status) VALUES ('done');
INSERT INTO dim_source (path, name, sha256, bytes, batch_key)
VALUES ('/x/y.txt', 'y.txt', 'not a hash', 1, (SELECT min(batch_key) FROM batch));
INSERT INTO dim_source (path, name, sha256, bytes, batch_key)
SELECT path, name, repeat('0', 64), 1, batch_key FROM dim_source;
INSERT INTO dim_period (kind, label, first_day, last_day) VALUES ('year', '2017', '2017-12-31', '2017-01-01');
INSERT INTO dim_period (kind, label, first_day, last_day) VALUES ('total', 'Total', '2017-01-01', '2017-12-31');
INSERT INTO dim_geography (kind, name, country) VALUES ('region', 'Gao', 'mli');
INSERT INTO dim_sector (kind, name, dac_code) VALUES ('sector', 'Santé', '12.2');
INSERT INTO exchange_rate (currency_key, year, usd_per_unit) SELECT currency_key, 2017, 0 FROM dim_currency LIMIT 1;
INSERT INTO check_version (sources, facts, findings) VALUES (1, 1, 1);
INSERT INTO finding (check_version, seq, rule, verdict, what, scale)
VALUES ((SELECT max(check_version) FROM check_version), 1, 'sum', 'wrong', 'x', 2);
INSERT INTO finding (check_version, seq, rule, verdict, what, scale)
VALUES ((SELECT max(check_version) FROM check_version), 1, 'guess', 'ok', 'x', 2);
INSERT INTO finding (check_version, seq, rule, verdict, what, stated, diff, scale)
VALUES ((SELECT max(check_version) FROM check_version), 1, 'sum', 'ok', 'x', 1, 1, 2);
DELETE FROM check_version;
-- nothing above changed the fixture
SELECT count(*) AS facts, count(DISTINCT source_key) AS sources FROM fact;
