-- 009_same_rows.sql — one list in two files (model/model_same.h).
--
-- The same project list loaded as .csv and as .xlsx (two contents, two
-- sources) is one list: the source whose rows are all rows of another
-- source is recorded, with its facts, but counted nowhere.  Each fact
-- carries the fingerprint of its row's normalised values (row_fp: measure,
-- value, unit, coordinates, qualifier, roles, a row's project fields, a
-- text's sentence; never the file, line, cell or formatting), and after
-- every batch that writes facts the loader decides again, over the latest
-- content of every source, which sources hold no row of their own
-- (dim_source.same_rows_key): the same rule as in process, so that `cube
-- --db` equals `cube FILES`.  A list is compared with lists, a text with
-- texts of the same figures only.  Kept: the source with the most rows,
-- then the smallest SHA-256 (by content, never by the order of loading).
--
-- Facts loaded before this version have no fingerprint: their source takes
-- part once it is loaded again with a new content.
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again.

SET LOCAL client_min_messages = warning;

ALTER TABLE fact ADD COLUMN IF NOT EXISTS row_fp bigint;
COMMENT ON COLUMN fact.row_fp IS 'Fingerprint of the row''s normalised values (model_obs_fingerprint): two sources whose rows are the same rows are one list; NULL before version 7';
CREATE INDEX IF NOT EXISTS fact_row_fp ON fact (row_fp);

ALTER TABLE dim_source ADD COLUMN IF NOT EXISTS same_rows_key integer REFERENCES dim_source;
COMMENT ON COLUMN dim_source.same_rows_key IS 'NULL: its facts count; else the source holding all its rows (the same list in another file): its facts are kept but counted nowhere (v_fact, v_cube_sql, cube --db)';

-- The views leave the facts of such a source out (the column lists are
-- those of 002_views.sql and 005_sheets.sql).
CREATE OR REPLACE VIEW v_fact AS
SELECT s.name AS doc, s.path, f.line, f.measure, f.value, f.unit, f.qualifier,
       fu.code AS fund, g.country, g.name AS region, g.kind AS region_kind,
       se.name AS sector, se.dac_code,
       p.label AS period, p.kind AS period_kind, p.first_day, p.last_day,
       f.usd_cents, f.rate, f.rate_year, f.flags, f.is_total, f.is_project,
       f.span_start, f.span_end, f.snippet, f.batch_key, f.source_key, f.fact_no,
       k.kind
FROM fact f
JOIN dim_source s USING (source_key)
JOIN dim_fund fu USING (fund_key)
JOIN dim_geography g USING (geo_key)
JOIN dim_sector se USING (sector_key)
JOIN dim_period p USING (period_key)
JOIN dim_kind k USING (kind_key)
WHERE s.same_rows_key IS NULL;
COMMENT ON VIEW v_fact IS 'The facts with their source, the names of their members and their money kind (the facts of a source whose rows are all another''s left out)';

CREATE OR REPLACE VIEW v_cube_sql AS
SELECT GROUPING(f.sector_key) AS all_sectors, GROUPING(f.geo_key) AS all_regions,
       GROUPING(f.period_key) AS all_periods, GROUPING(f.fund_key) AS all_funds,
       f.sector_key, f.geo_key, f.period_key, f.fund_key,
       sum(f.usd_cents) FILTER (WHERE f.is_leaf) AS usd_cents_leaf,
       count(*) FILTER (WHERE f.is_leaf) AS n_leaf,
       count(*) FILTER (WHERE NOT f.is_leaf) AS n_not_leaf
FROM fact f
JOIN dim_source s USING (source_key)
WHERE f.measure = 'amount' AND f.usd_cents IS NOT NULL AND s.same_rows_key IS NULL
  AND NOT (f.is_part OR f.is_cap OR f.is_per_year OR f.is_impossible OR f.no_rate
           OR f.is_average OR f.is_restatement OR f.is_subset_total)
  AND (f.kind_key IN (0, 1) OR (f.kind_key = 2 AND NOT f.is_apart))
GROUP BY CUBE (f.sector_key, f.geo_key, f.period_key, f.fund_key);
