-- 004_findings.sql — the reconciliation findings in the warehouse, as
-- `aidcube check --db` computes them from the facts read back (the rules of
-- check/check.h, the same findings as `aidcube check` on the same sources).
--
-- One check_version row per `aidcube check --db`, and one finding row per
-- finding it printed, in its order, written in one transaction with COPY.
-- Values are exact decimals at the finding's scale (2 for USD, 0 for
-- counts, at least 2 for shares): a numeric keeps its scale, so stated::text
-- is what `aidcube check` prints.

CREATE TABLE check_version (
    check_version   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    checked_at      timestamptz NOT NULL DEFAULT now(),
    last_batch      bigint REFERENCES batch,
    sources         integer NOT NULL CHECK (sources >= 0),
    facts           integer NOT NULL CHECK (facts >= 0),
    findings        integer NOT NULL CHECK (findings >= 0),
    tolerance       numeric CHECK (tolerance BETWEEN 0 AND 100),
    db_user         text NOT NULL DEFAULT session_user,
    aidcube_version text
);
COMMENT ON TABLE check_version IS 'One row per reconciliation run in the warehouse (aidcube check --db), in the order they ran';
COMMENT ON COLUMN check_version.check_version IS 'Surrogate key: the version of the findings';
COMMENT ON COLUMN check_version.checked_at IS 'When the findings were written';
COMMENT ON COLUMN check_version.last_batch IS 'The last committed batch whose facts were checked';
COMMENT ON COLUMN check_version.sources IS 'Sources read';
COMMENT ON COLUMN check_version.facts IS 'Facts read';
COMMENT ON COLUMN check_version.findings IS 'Findings written';
COMMENT ON COLUMN check_version.tolerance IS 'The --tolerance for shares, in percentage points; NULL: from each source''s precision';
COMMENT ON COLUMN check_version.db_user IS 'The database user who ran the check';
COMMENT ON COLUMN check_version.aidcube_version IS 'The version of aidcube that ran it';

CREATE TABLE finding (
    check_version   bigint NOT NULL REFERENCES check_version ON DELETE CASCADE,
    seq             integer NOT NULL CHECK (seq >= 1),
    rule            text NOT NULL
                    CHECK (rule IN ('sum', 'share', 'shares100', 'fund-rule', 'date', 'agree', 'impossible')),
    verdict         text NOT NULL CHECK (verdict IN ('ok', 'mismatch', 'unverifiable', 'invalid')),
    what            text NOT NULL,
    stated          numeric,
    computed        numeric,
    diff            numeric,
    scale           smallint NOT NULL CHECK (scale BETWEEN 0 AND 18),
    unit            text NOT NULL DEFAULT '',
    lines           text NOT NULL DEFAULT '',
    doc             text,
    line            integer CHECK (line >= 0),
    CHECK (diff IS NULL OR (stated IS NOT NULL AND computed IS NOT NULL)),
    PRIMARY KEY (check_version, seq)
);
COMMENT ON TABLE finding IS 'The findings of every check version, one row each, in the order aidcube check prints them';
COMMENT ON COLUMN finding.check_version IS 'The check version the finding belongs to';
COMMENT ON COLUMN finding.seq IS 'Order within the version (1-based): by rule, then document, then line';
COMMENT ON COLUMN finding.rule IS 'The rule: sum, share, shares100, fund-rule, date, agree, impossible (check/check.h)';
COMMENT ON COLUMN finding.verdict IS 'ok, mismatch, unverifiable or invalid';
COMMENT ON COLUMN finding.what IS 'What was checked, in words';
COMMENT ON COLUMN finding.stated IS 'The figure as the source states it, exact at scale decimals; NULL: none';
COMMENT ON COLUMN finding.computed IS 'The figure as computed from the other facts, exact at scale decimals; NULL: none';
COMMENT ON COLUMN finding.diff IS 'stated - computed as the rule measures it, exact at scale decimals; NULL unless both are known';
COMMENT ON COLUMN finding.scale IS 'Decimal places of stated, computed and diff (2 for USD, 0 for counts, at least 2 for shares)';
COMMENT ON COLUMN finding.unit IS 'The unit of the values: USD, projects, %, months, or empty';
COMMENT ON COLUMN finding.lines IS 'Every source line involved: "doc:line ..."';
COMMENT ON COLUMN finding.doc IS 'The document of the first line (the order)';
COMMENT ON COLUMN finding.line IS 'The first line (the order); 0 when none';

-- The findings of the latest check version.
CREATE OR REPLACE VIEW v_findings AS
SELECT f.check_version, f.seq, f.verdict, f.rule, f.what, f.stated, f.computed, f.diff,
       f.scale, f.unit, f.lines, f.doc, f.line
FROM finding f
WHERE f.check_version = (SELECT max(check_version) FROM check_version);
COMMENT ON VIEW v_findings IS 'The findings of the latest check version (aidcube check --db), in order';

-- The views are what analysts query: each view column takes the comment of
-- the table column of the same name it shows (the data dictionary of
-- `\d+`); the columns computed by the views are commented one by one below.
DO $$
DECLARE r record;
BEGIN
    FOR r IN
        SELECT v.relname AS view, a.attname AS col, d.description
        FROM pg_class v
        JOIN pg_namespace n ON n.oid = v.relnamespace AND n.nspname = current_schema()
        JOIN pg_attribute a ON a.attrelid = v.oid AND a.attnum > 0 AND NOT a.attisdropped
        CROSS JOIN LATERAL (
            SELECT pd.description
            FROM pg_class t
            JOIN pg_attribute ta ON ta.attrelid = t.oid AND ta.attname = a.attname
            JOIN pg_description pd ON pd.objoid = t.oid AND pd.objsubid = ta.attnum
            WHERE t.relnamespace = n.oid AND t.relkind = 'r'
            ORDER BY t.relname LIMIT 1) d
        WHERE v.relkind = 'v'
    LOOP
        EXECUTE format('COMMENT ON COLUMN %I.%I IS %L', r.view, r.col, r.description);
    END LOOP;
END
$$;

COMMENT ON COLUMN v_fact.sector IS 'the sector''s name; "Total" when the figure states none (a figure for all sectors)';
COMMENT ON COLUMN v_fact.region IS 'the region, grouping or country the figure states; "Total" when none';
COMMENT ON COLUMN v_fact.region_kind IS 'country, grouping or region';
COMMENT ON COLUMN v_fact.period IS 'the period as printed: 2017, 2017/2018 (UN fiscal year), 2013-2017, since 2013 (to 2019)';
COMMENT ON COLUMN v_fact.fund IS 'the fund''s code (QIP, TF, PBF, ...); _T when the figure states none';
COMMENT ON COLUMN v_leaf_fact.sector IS 'the sector''s name; "Total" when the figure states none';
COMMENT ON COLUMN v_leaf_fact.region IS 'the region, grouping or country the figure states; "Total" when none';
COMMENT ON COLUMN v_leaf_fact.region_kind IS 'country, grouping or region';
COMMENT ON COLUMN v_leaf_fact.period IS 'the period as printed: 2017, 2017/2018 (UN fiscal year), 2013-2017, since 2013 (to 2019)';
COMMENT ON COLUMN v_leaf_fact.fund IS 'the fund''s code; _T when the figure states none';
COMMENT ON COLUMN v_cube_cell.sector IS 'the cell''s sector: a name, Total (all sectors) or not stated';
COMMENT ON COLUMN v_cube_cell.region IS 'the cell''s region, grouping or country: a name, Total or not stated';
COMMENT ON COLUMN v_cube_cell.period IS 'the cell''s period: a label, Total (all periods) or not stated';
COMMENT ON COLUMN v_cube_cell.fund IS 'the cell''s fund: a code, _T (all funds) or not stated';
COMMENT ON COLUMN v_cube_sql.all_sectors IS 'GROUPING(sector): 1 on the rows that add all sectors together';
COMMENT ON COLUMN v_cube_sql.all_regions IS 'GROUPING(region): 1 on the rows that add all regions together';
COMMENT ON COLUMN v_cube_sql.all_periods IS 'GROUPING(period): 1 on the rows that add all periods together';
COMMENT ON COLUMN v_cube_sql.all_funds IS 'GROUPING(fund): 1 on the rows that add all funds together';
COMMENT ON COLUMN v_cube_sql.usd_cents_leaf IS 'sum of the USD cents of the leaf facts (each figure of the grand total once); NULL when none';
COMMENT ON COLUMN v_cube_sql.n_leaf IS 'number of leaf facts added';
COMMENT ON COLUMN v_cube_sql.n_not_leaf IS 'number of summable amounts that are not leaves (within a larger stated total, overlapping, restated)';
COMMENT ON COLUMN v_cube_sql_named.sector IS 'the sector''s name; Total on a row with all_sectors = 0 means facts that state no sector';
COMMENT ON COLUMN v_cube_sql_named.region IS 'the region''s name (see sector for Total)';
COMMENT ON COLUMN v_cube_sql_named.period IS 'the period''s label (see sector for Total)';
COMMENT ON COLUMN v_cube_sql_named.fund IS 'the fund''s code (see sector for Total)';
COMMENT ON COLUMN v_cube_sql_named.all_sectors IS 'GROUPING(sector): 1 on the rows that add all sectors together';
COMMENT ON COLUMN v_cube_sql_named.all_regions IS 'GROUPING(region)';
COMMENT ON COLUMN v_cube_sql_named.all_periods IS 'GROUPING(period)';
COMMENT ON COLUMN v_cube_sql_named.all_funds IS 'GROUPING(fund)';
COMMENT ON COLUMN v_cube_sql_named.usd_cents_leaf IS 'sum of the USD cents of the leaf facts; NULL when none';
COMMENT ON COLUMN v_cube_sql_named.n_leaf IS 'number of leaf facts added';
COMMENT ON COLUMN v_cube_sql_named.n_not_leaf IS 'number of summable amounts that are not leaves';
