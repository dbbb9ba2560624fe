-- 005_sheets.sql — what a spreadsheet fact carries (attribute/attribute_obs.h): the sheet
-- and column of its cell, the project of its row (title, implementing
-- partner, locality, first and last day, duration), and for a total row the
-- project rows it covers; FACT_SUBSET_TOTAL as a flag and a boolean; the
-- sheet, column and raw value of a rejected row.  With them `aidcube cube
-- --db`, `check --db` and `build --db` give what the in-process runs give.
--
-- Two new dimensions:
--   dim_project  a project as one source names it: natural key (source_key,
--                title).  A title is not an identity across sources (two
--                lists may name two projects alike, or one project two
--                ways: the cube decides, by amount and title, never the
--                warehouse), so a project member belongs to its source; two
--                rows of one list with the same title share the member (each
--                fact keeps its own line, sheet and column).  The members
--                of a source whose content is replaced are deleted with its
--                facts and upserted again.
--   dim_partner  an implementing partner by its name as written (natural
--                key: the name), shared by every source.
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again (IF NOT EXISTS, CREATE OR REPLACE).

CREATE TABLE IF NOT EXISTS dim_partner (
    partner_key     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL UNIQUE
);
COMMENT ON TABLE dim_partner IS 'Implementing partners of the projects of spreadsheets, by name as written';
COMMENT ON COLUMN dim_partner.partner_key IS 'Surrogate key';
COMMENT ON COLUMN dim_partner.name IS 'Natural key: the partner''s name as the list writes it';

CREATE TABLE IF NOT EXISTS dim_project (
    project_key     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_key      integer NOT NULL REFERENCES dim_source,
    title           text NOT NULL,
    UNIQUE (source_key, title)
);
COMMENT ON TABLE dim_project IS 'Projects of spreadsheets as one source names them: a title is a project of its source only (the cube matches projects across sources by amount and title)';
COMMENT ON COLUMN dim_project.project_key IS 'Surrogate key';
COMMENT ON COLUMN dim_project.source_key IS 'Natural key with title: the source (list) that names the project';
COMMENT ON COLUMN dim_project.title IS 'Natural key with source_key: the project''s title as the row states it';

ALTER TABLE fact ADD COLUMN IF NOT EXISTS sheet text;
ALTER TABLE fact ADD COLUMN IF NOT EXISTS col integer CHECK (col >= 1);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS project_key integer REFERENCES dim_project;
ALTER TABLE fact ADD COLUMN IF NOT EXISTS partner_key integer REFERENCES dim_partner;
ALTER TABLE fact ADD COLUMN IF NOT EXISTS locality text;
ALTER TABLE fact ADD COLUMN IF NOT EXISTS start_date date;
ALTER TABLE fact ADD COLUMN IF NOT EXISTS end_date date;
ALTER TABLE fact ADD COLUMN IF NOT EXISTS months integer CHECK (months >= 1);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS rows_n integer CHECK (rows_n >= 0);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS rows_first integer CHECK (rows_first >= 1);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS rows_last integer
    CONSTRAINT fact_rows_order CHECK (rows_last >= rows_first);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS rows_sum numeric;
-- FACT_SUBSET_TOTAL is bit 13: the flags may now reach 16383
ALTER TABLE fact DROP CONSTRAINT IF EXISTS fact_flags_check;
ALTER TABLE fact ADD CONSTRAINT fact_flags_check CHECK (flags >= 0 AND flags < 16384);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS is_subset_total boolean
    GENERATED ALWAYS AS (flags & 8192 <> 0) STORED;
CREATE INDEX IF NOT EXISTS fact_project_key ON fact (project_key);

COMMENT ON COLUMN fact.sheet IS 'Spreadsheets: the name of the sheet of the figure''s cell; NULL for text sources';
COMMENT ON COLUMN fact.col IS 'Spreadsheets: the 1-based column of the figure''s cell (line is its row); NULL for text sources';
COMMENT ON COLUMN fact.project_key IS 'Spreadsheets: the project of the row (dim_project); NULL when the row names none';
COMMENT ON COLUMN fact.partner_key IS 'Spreadsheets: the implementing partner of the row (dim_partner); NULL when not stated';
COMMENT ON COLUMN fact.locality IS 'Spreadsheets: the place below the region as the row names it (cercle, préfecture, locality)';
COMMENT ON COLUMN fact.start_date IS 'Spreadsheets: the project''s first day; NULL when not stated';
COMMENT ON COLUMN fact.end_date IS 'Spreadsheets: the project''s last day; NULL when not stated';
COMMENT ON COLUMN fact.months IS 'Spreadsheets: the project''s duration in months; NULL when not stated';
COMMENT ON COLUMN fact.rows_n IS 'A spreadsheet total row: the project rows it covers (in its currency)';
COMMENT ON COLUMN fact.rows_first IS 'A spreadsheet total row: the first row it covers';
COMMENT ON COLUMN fact.rows_last IS 'A spreadsheet total row: the last row it covers';
COMMENT ON COLUMN fact.rows_sum IS 'A spreadsheet total row: the sum of the rows it covers, in its currency, exact decimal';
COMMENT ON COLUMN fact.is_subset_total IS 'FACT_SUBSET_TOTAL: a spreadsheet total covering only the rows of its currency among several: checked, never summed';

ALTER TABLE reject ADD COLUMN IF NOT EXISTS sheet text;
ALTER TABLE reject ADD COLUMN IF NOT EXISTS col integer CHECK (col >= 1);
COMMENT ON COLUMN reject.sheet IS 'A spreadsheet row: the sheet''s name (line is the row)';
COMMENT ON COLUMN reject.col IS 'A spreadsheet row: the 1-based column of the cell rejected; NULL for the row as a whole';

-- The summable amounts exclude the subset totals too (the column list is
-- the one of 003_cube.sql: v_cube_sql_named and the comments stay).
CREATE OR REPLACE VIEW v_cube_sql AS
SELECT GROUPING(f.sector_key) AS all_sectors, GROUPING(f.geo_key) AS all_regions,
       GROUPING(f.period_key) AS all_periods, GROUPING(f.fund_key) AS all_funds,
       f.sector_key, f.geo_key, f.period_key, f.fund_key,
       sum(f.usd_cents) FILTER (WHERE f.is_leaf) AS usd_cents_leaf,
       count(*) FILTER (WHERE f.is_leaf) AS n_leaf,
       count(*) FILTER (WHERE NOT f.is_leaf) AS n_not_leaf
FROM fact f
WHERE f.measure = 'amount' AND f.usd_cents IS NOT NULL
  AND NOT (f.is_part OR f.is_cap OR f.is_per_year OR f.is_impossible OR f.no_rate
           OR f.is_average OR f.is_restatement OR f.is_subset_total)
GROUP BY CUBE (f.sector_key, f.geo_key, f.period_key, f.fund_key);

-- A spreadsheet's total row of one currency among several is checked
-- against its rows: the rule total-row.
ALTER TABLE finding DROP CONSTRAINT IF EXISTS finding_rule_check;
ALTER TABLE finding ADD CONSTRAINT finding_rule_check
    CHECK (rule IN ('sum', 'share', 'shares100', 'fund-rule', 'date', 'agree', 'impossible',
                    'total-row'));
COMMENT ON COLUMN finding.rule IS 'The rule: sum, share, shares100, fund-rule, date, agree, impossible, total-row (check/check.h)';
