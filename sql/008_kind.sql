-- 008_kind.sql — money kinds: what each amount is (attribute/attribute_obs.h,
-- fixtures/ref/kinds.tsv), and what a fund's funding adds (cube/cube.h,
-- rule 8; model/model_kind.c).
--
-- Every fact has a kind (fact.kind_key, a row of dim_kind): 0 when the words
-- do not say (counts and shares always), else allocated, disbursed,
-- received, pledged, requested, gap, change or cofinancing.  The keys are
-- those of attribute_money_kind: the loader writes them as they are and
-- warehouse_read.c reads them back.  dim_kind says, for each, whether it is
-- in a fund's funding and which IATI transaction type or budget and which
-- OCHA FTS status it follows.
--
-- FACT_APART (bit 14, fact.is_apart): money disbursed or spent at a
-- coordinate where the same fund's allocation (or an amount of no stated
-- kind) is stated: the allocation is that cell's funding, the disbursement
-- is shown apart.  v_cube_sql adds the funding only, as the cube does.
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again.

SET LOCAL client_min_messages = warning;

CREATE TABLE IF NOT EXISTS dim_kind (
    kind_key        smallint PRIMARY KEY CHECK (kind_key BETWEEN 0 AND 8),
    kind            text NOT NULL UNIQUE,
    in_funding      text NOT NULL CHECK (in_funding IN ('yes', 'where no allocation is stated at its coordinate', 'no')),
    iati            text,
    fts             text,
    description     text NOT NULL
);
COMMENT ON TABLE dim_kind IS 'The kinds of money an amount may be (attribute_money_kind): what a fund''s funding adds, the rest shown apart';
COMMENT ON COLUMN dim_kind.kind_key IS 'Key: the value of attribute_money_kind (0: the words do not say)';
COMMENT ON COLUMN dim_kind.kind IS 'The kind as aidcube extract''s column kind spells it (''not stated'' for key 0, whose column is empty)';
COMMENT ON COLUMN dim_kind.in_funding IS 'Whether a fund''s funding (every total of the cube) adds it';
COMMENT ON COLUMN dim_kind.iati IS 'The IATI transaction types (or budget) it follows';
COMMENT ON COLUMN dim_kind.fts IS 'The OCHA FTS flow status or figure it follows';
COMMENT ON COLUMN dim_kind.description IS 'What it is, in words';

INSERT INTO dim_kind (kind_key, kind, in_funding, iati, fts, description) VALUES
    (0, 'not stated', 'yes', NULL, NULL,
     'The words do not say: counted as the fund''s funding, as it always was; never guessed'),
    (1, 'allocated', 'yes', '2 Outgoing Commitment; budget', 'commitment',
     'Allocated, committed, budgeted, approved, granted: what a fund puts into projects'),
    (2, 'disbursed', 'where no allocation is stated at its coordinate', '3 Disbursement; 4 Expenditure',
     'paid contribution',
     'Disbursed, spent, paid out: the funding where no allocation is stated for the same sector, region, period and fund; else shown apart'),
    (3, 'received', 'no', '1 Incoming Funds; 11 Incoming Commitment', 'incoming flow of a fund',
     'Contributions received by a fund: money coming in, not money it gave'),
    (4, 'pledged', 'no', '12 Outgoing Pledge; 13 Incoming Pledge', 'pledge',
     'Pledged, promised: not yet given (FTS counts no pledge until it is committed)'),
    (5, 'requested', 'no', NULL, 'requirements',
     'Requested, needed, required: what an appeal or a budget proposal asks for'),
    (6, 'gap', 'no', NULL, 'unmet requirements',
     'A funding gap, a shortfall: money not given'),
    (7, 'change', 'no', NULL, NULL,
     'An increase, a decrease, a difference between two figures: never a flow, never summed'),
    (8, 'cofinancing', 'no', NULL, NULL,
     'Money another party (a government, a partner, the beneficiaries) puts beside the fund''s')
ON CONFLICT (kind_key) DO NOTHING;

ALTER TABLE fact ADD COLUMN IF NOT EXISTS kind_key smallint NOT NULL DEFAULT 0 REFERENCES dim_kind;
CREATE INDEX IF NOT EXISTS fact_kind_key ON fact (kind_key);
COMMENT ON COLUMN fact.kind_key IS 'The money kind of an amount (dim_kind); 0 when the words do not say, and for counts and shares';
-- a kind is an amount's
ALTER TABLE fact DROP CONSTRAINT IF EXISTS fact_kind_amount;
ALTER TABLE fact ADD CONSTRAINT fact_kind_amount CHECK (kind_key = 0 OR measure = 'amount');

-- FACT_APART is bit 14: the flags may now reach 32767
ALTER TABLE fact DROP CONSTRAINT IF EXISTS fact_flags_check;
ALTER TABLE fact ADD CONSTRAINT fact_flags_check CHECK (flags >= 0 AND flags < 32768);
ALTER TABLE fact ADD COLUMN IF NOT EXISTS is_apart boolean
    GENERATED ALWAYS AS (flags & 16384 <> 0) STORED;
COMMENT ON COLUMN fact.is_apart IS 'FACT_APART: disbursed where an allocation of the same fund is stated at the same coordinate: shown apart, not in the funding';

-- The summable amounts are the funding's (the column list is the one of
-- 003_cube.sql: v_cube_sql_named and the comments stay).
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
  AND (f.kind_key IN (0, 1) OR (f.kind_key = 2 AND NOT f.is_apart))
GROUP BY CUBE (f.sector_key, f.geo_key, f.period_key, f.fund_key);
COMMENT ON VIEW v_cube_sql IS 'GROUP BY CUBE over the summable amounts of the funding (kinds not stated, allocated, and disbursed where not apart) by exact member keys, with GROUPING() flags: the sum of the leaf facts and the number of figures that are not leaves';

-- The facts with their kind (v_fact, one column more at its end).
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
JOIN dim_kind k USING (kind_key);
COMMENT ON VIEW v_fact IS 'The facts with their source, the names of their members and their money kind';
COMMENT ON COLUMN v_fact.kind IS 'The money kind of an amount (dim_kind.kind): not stated, allocated, disbursed, received, pledged, requested, gap, change, cofinancing';
