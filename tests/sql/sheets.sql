-- sheets.sql: what sql/005_sheets.sql adds, on the warehouse of
-- tests/t_sql_regress.sh (schema aidcube, one text source loaded): the
-- columns a spreadsheet fact carries, its project and partner dimensions,
-- the subset totals left out of v_cube_sql, the sheet and column of a
-- reject.  Every bad row is rejected; what is added is removed at the end.
SET search_path = aidcube;
-- a text source: no sheet, no project
SELECT count(*) AS facts, count(sheet) AS sheet, count(col) AS col, count(project_key) AS project,
       count(partner_key) AS partner, count(*) FILTER (WHERE is_subset_total) AS subset_totals
FROM fact;
-- the grand total of v_cube_sql before
CREATE TEMPORARY TABLE g AS
SELECT usd_cents_leaf, n_leaf, n_not_leaf FROM v_cube_sql
WHERE all_sectors + all_regions + all_periods + all_funds = 4;
-- a project of the source and its partner; the natural keys are unique
INSERT INTO dim_partner (name) VALUES ('ONG AMSS');
INSERT INTO dim_partner (name) VALUES ('ONG AMSS');
INSERT INTO dim_project (source_key, title) SELECT min(source_key), 'Forage de Gao' FROM fact;
INSERT INTO dim_project (source_key, title) SELECT min(source_key), 'Forage de Gao' FROM fact;
INSERT INTO dim_project (source_key, title) VALUES (999999, 'Forage de Mopti');
-- a project row and a subset total (FACT_TOTAL | FACT_SUBSET_TOTAL), as the loader writes them
CREATE TEMPORARY TABLE t AS
SELECT source_key, batch_key, line, span_start, span_end, measure, value, unit, currency_key,
       usd_cents, rate, rate_year, qualifier, sector_key, geo_key, period_key, fund_key
FROM fact WHERE measure = 'amount' ORDER BY source_key, fact_no LIMIT 1;
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, rate, rate_year, qualifier, sector_key, geo_key,
                  period_key, fund_key, flags, sheet, col, project_key, partner_key, locality,
                  start_date, end_date, months)
SELECT source_key, 9001, batch_key, 3, 0, 0, measure, value, unit, currency_key, usd_cents, rate,
       rate_year, qualifier, sector_key, geo_key, period_key, fund_key, 1024, 'Projets', 8,
       (SELECT project_key FROM dim_project WHERE title = 'Forage de Gao'),
       (SELECT partner_key FROM dim_partner WHERE name = 'ONG AMSS'), 'Ansongo',
       '2019-01-15', '2019-12-31', 12 FROM t;
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, rate, rate_year, qualifier, sector_key, geo_key,
                  period_key, fund_key, flags, sheet, col, rows_n, rows_first, rows_last, rows_sum)
SELECT source_key, 9002, batch_key, 21, 0, 0, measure, value, unit, currency_key, usd_cents, rate,
       rate_year, qualifier, 0, 0, 0, 0, 1 | 8192, 'Projets', 8, 4, 6, 20, 1544845.50 FROM t;
SELECT fact_no, sheet, col, p.title, pa.name AS partner, locality, start_date, end_date, months,
       rows_n, rows_first, rows_last, rows_sum, is_total, is_project, is_subset_total
FROM fact LEFT JOIN dim_project p USING (project_key, source_key)
LEFT JOIN dim_partner pa USING (partner_key) WHERE fact_no > 9000 ORDER BY fact_no;
-- one more summable amount in the grand total of v_cube_sql: the project row; the
-- subset total is counted nowhere (2 without 005's is_subset_total)
SELECT v.n_leaf + v.n_not_leaf - (g.n_leaf + g.n_not_leaf) AS more_summable
FROM v_cube_sql v, g WHERE v.all_sectors + v.all_regions + v.all_periods + v.all_funds = 4;
-- bad rows: a column 0, a project or partner that is not a member, the rows a total
-- covers in the wrong order
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, sheet, col)
SELECT source_key, 9003, batch_key, line, 0, 0, measure, value, unit, currency_key, usd_cents,
       qualifier, sector_key, geo_key, period_key, fund_key, 'Projets', 0 FROM t;
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, project_key)
SELECT source_key, 9003, batch_key, line, 0, 0, measure, value, unit, currency_key, usd_cents,
       qualifier, sector_key, geo_key, period_key, fund_key, 999999 FROM t;
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, partner_key)
SELECT source_key, 9003, batch_key, line, 0, 0, measure, value, unit, currency_key, usd_cents,
       qualifier, sector_key, geo_key, period_key, fund_key, 999999 FROM t;
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, measure, value,
                  unit, currency_key, usd_cents, qualifier, sector_key, geo_key, period_key,
                  fund_key, rows_n, rows_first, rows_last)
SELECT source_key, 9003, batch_key, line, 0, 0, measure, value, unit, currency_key, usd_cents,
       qualifier, sector_key, geo_key, period_key, fund_key, 2, 20, 6 FROM t;
-- a rejected spreadsheet row: its sheet, column and raw value; a column 0 is rejected
INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw)
SELECT batch_key, 'mli.csv', 11, 'amount cannot be read', 'Projets', 8, 'n.c.' FROM t;
INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw)
SELECT batch_key, 'mli.csv', 12, 'amount cannot be read', 'Projets', 0, '-' FROM t;
SELECT path, line, sheet, col, raw, reason FROM reject WHERE path = 'mli.csv';
-- clean up: the fixture as it was
DELETE FROM reject WHERE path = 'mli.csv';
DELETE FROM fact WHERE fact_no > 9000;
DELETE FROM dim_project;
DELETE FROM dim_partner;
SELECT count(*) AS facts, count(sheet) AS sheet FROM fact;
