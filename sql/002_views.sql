-- 002_views.sql — what an analyst queries first: the facts with the names
-- of their members and their source.  (The cube's views come with the cube
-- in the warehouse.)

CREATE OR REPLACE VIEW v_fact AS
SELECT s.name AS doc, s.path, f.line, f.measure, f.value, f.unit, f.qualifier,
       fu.code AS fund, g.country, g.name AS region, g.kind AS region_kind,
       se.name AS sector, se.dac_code,
       p.label AS period, p.kind AS period_kind, p.first_day, p.last_day,
       f.usd_cents, f.rate, f.rate_year, f.flags, f.is_total, f.is_project,
       f.span_start, f.span_end, f.snippet, f.batch_key, f.source_key, f.fact_no
FROM fact f
JOIN dim_source s USING (source_key)
JOIN dim_fund fu USING (fund_key)
JOIN dim_geography g USING (geo_key)
JOIN dim_sector se USING (sector_key)
JOIN dim_period p USING (period_key);
COMMENT ON VIEW v_fact IS 'The facts with their source and the names of their members';
