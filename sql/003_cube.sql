-- 003_cube.sql — the cube in the warehouse: what the reader needs to give
-- back the exact fact model (the period kind each fact states, the
-- impossible dates of each source), the cube's versions and cells as
-- `aidcube cube --db` writes them, and the views an analyst queries.
--
-- The cube is computed by aidcube's one engine (cube/cube.c) from the facts
-- read back from this schema; `aidcube cube --db` writes every cell of the
-- 16 cuboids with a new cube version in one transaction, and sets
-- fact.flags' FACT_LEAF bit (fact.is_leaf) from that build.

-- The period kind as the fact states it (a fact's dim_period member is named
-- by the most specific kind stated for its dates by any fact: "since 2013"
-- and "2013-2017" are one member, but each fact keeps what it said).
ALTER TABLE fact ADD COLUMN period_kind text
    CHECK (period_kind IN ('year', 'fiscal', 'span', 'since'));
COMMENT ON COLUMN fact.period_kind IS 'The kind of period the fact states (year, fiscal, span, since: "depuis 2013"); NULL when it states none or was loaded before version 3';

-- Impossible dates a source states ("31 février 2017"): findings of check,
-- kept with the content they were read from.
CREATE TABLE source_invalid_date (
    source_key      integer NOT NULL REFERENCES dim_source ON DELETE CASCADE,
    seq             integer NOT NULL CHECK (seq >= 1),
    line            integer NOT NULL CHECK (line >= 0),
    text            text NOT NULL,
    PRIMARY KEY (source_key, seq)
);
COMMENT ON TABLE source_invalid_date IS 'The impossible dates of each source content, in the order the reader met them (findings of aidcube check)';
COMMENT ON COLUMN source_invalid_date.source_key IS 'The source (distribution column)';
COMMENT ON COLUMN source_invalid_date.seq IS 'Order within the source (1-based)';
COMMENT ON COLUMN source_invalid_date.line IS 'The 1-based line of the date';
COMMENT ON COLUMN source_invalid_date.text IS 'The date as written';

-- One row per `aidcube cube --db`: the cube built from the facts as they
-- were when it ran.
CREATE TABLE cube_version (
    cube_version    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    built_at        timestamptz NOT NULL DEFAULT now(),
    last_batch      bigint REFERENCES batch,
    sources         integer NOT NULL CHECK (sources >= 0),
    facts           integer NOT NULL CHECK (facts >= 0),
    cells           integer NOT NULL CHECK (cells >= 0),
    db_user         text NOT NULL DEFAULT session_user,
    aidcube_version text
);
COMMENT ON TABLE cube_version IS 'One row per cube built in the warehouse (aidcube cube --db), in the order they were built';
COMMENT ON COLUMN cube_version.cube_version IS 'Surrogate key: the version of the cube';
COMMENT ON COLUMN cube_version.built_at IS 'When the cube was written';
COMMENT ON COLUMN cube_version.last_batch IS 'The last committed batch whose facts the cube was built from';
COMMENT ON COLUMN cube_version.sources IS 'Sources read';
COMMENT ON COLUMN cube_version.facts IS 'Facts read';
COMMENT ON COLUMN cube_version.cells IS 'Cells written';
COMMENT ON COLUMN cube_version.db_user IS 'The database user who built it';
COMMENT ON COLUMN cube_version.aidcube_version IS 'The version of aidcube that built it';

-- Every cell of the 16 cuboids (cube/cube.h): the coordinates as member
-- keys (0 the total _T, 1 not stated _X), the amount in USD cents and the
-- number of projects, each with its origin.
CREATE TABLE cube_cell (
    cube_version    bigint NOT NULL REFERENCES cube_version ON DELETE CASCADE,
    cuboid          smallint NOT NULL CHECK (cuboid BETWEEN 0 AND 15),
    sector_key      integer NOT NULL REFERENCES dim_sector,
    geo_key         integer NOT NULL REFERENCES dim_geography,
    period_key      integer NOT NULL REFERENCES dim_period,
    fund_key        integer NOT NULL REFERENCES dim_fund,
    amount_cents    bigint,
    origin          text NOT NULL CHECK (origin IN ('none', 'reported', 'computed', 'derived', 'residual')),
    reported_cents  bigint,
    computed_cents  bigint,
    derived_cents   bigint,
    flags           integer NOT NULL DEFAULT 0 CHECK (flags >= 0),
    flag_names      text NOT NULL DEFAULT '',
    projects        bigint,
    projects_origin text NOT NULL CHECK (projects_origin IN ('none', 'reported', 'computed', 'derived', 'residual')),
    n_facts         integer NOT NULL CHECK (n_facts >= 0),
    PRIMARY KEY (cube_version, sector_key, geo_key, period_key, fund_key)
);
COMMENT ON TABLE cube_cell IS 'The cells of every cube version: one row per cell of the 16 cuboids, as aidcube cube prints them';
COMMENT ON COLUMN cube_cell.cube_version IS 'The cube version the cell belongs to';
COMMENT ON COLUMN cube_cell.cuboid IS 'Bit set of the dimensions the cell names a member on: 1 sector, 2 geography, 4 period, 8 fund';
COMMENT ON COLUMN cube_cell.sector_key IS 'Sector member (0: all sectors, 1: not stated)';
COMMENT ON COLUMN cube_cell.geo_key IS 'Geography member (0: everywhere, 1: not stated)';
COMMENT ON COLUMN cube_cell.period_key IS 'Period member (0: all periods, 1: not stated)';
COMMENT ON COLUMN cube_cell.fund_key IS 'Fund member (0: all funds, 1: not stated)';
COMMENT ON COLUMN cube_cell.amount_cents IS 'The amount shown, USD cents; NULL: not stated (never 0 for unknown)';
COMMENT ON COLUMN cube_cell.origin IS 'Where the amount shown comes from: reported, computed (sum of children), derived (a share of a total), residual (what a total holds beyond its stated members), none';
COMMENT ON COLUMN cube_cell.reported_cents IS 'The amount a source states at this coordinate, USD cents';
COMMENT ON COLUMN cube_cell.computed_cents IS 'The sum of the children, USD cents';
COMMENT ON COLUMN cube_cell.derived_cents IS 'A share times its total, USD cents';
COMMENT ON COLUMN cube_cell.flags IS 'The CELL_* flags of cube/cube.h as a bit set';
COMMENT ON COLUMN cube_cell.flag_names IS 'The flags as aidcube cube prints them (conflict, overlap, ...)';
COMMENT ON COLUMN cube_cell.projects IS 'The number of projects shown; NULL: not stated';
COMMENT ON COLUMN cube_cell.projects_origin IS 'Where the number of projects comes from (as origin)';
COMMENT ON COLUMN cube_cell.n_facts IS 'Facts stated exactly at this coordinate';

-- The leaf facts (fact.is_leaf, set by the last `aidcube cube --db`): the
-- figures the grand total is made of, each counted once, with the names of
-- their members.  What a PivotTable or a BI tool reads.
CREATE OR REPLACE VIEW v_leaf_fact AS
SELECT s.name AS doc, f.line, f.measure, f.value, f.unit, f.usd_cents,
       se.name AS sector, se.dac_code, g.country, g.name AS region, g.kind AS region_kind,
       p.label AS period, p.kind AS period_kind, p.first_day, p.last_day, fu.code AS fund,
       f.sector_key, f.geo_key, f.period_key, f.fund_key, f.source_key, f.fact_no, f.snippet
FROM fact f
JOIN dim_source s USING (source_key)
JOIN dim_sector se USING (sector_key)
JOIN dim_geography g USING (geo_key)
JOIN dim_period p USING (period_key)
JOIN dim_fund fu USING (fund_key)
WHERE f.is_leaf;
COMMENT ON VIEW v_leaf_fact IS 'The leaf facts (set by aidcube cube --db): the figures the grand total is made of, each once, with their member names';

-- GROUP BY CUBE over the summable amounts by their exact member keys: the
-- sum of the leaves (usd_cents_leaf) and how many summable figures in the
-- group are not leaves (a stated total above them supersedes them, or they
-- overlap others).  GROUPING() = 1 on a dimension: all of its members.
-- Where n_not_leaf = 0 and the cube's cell has no flags, the cube's cell at
-- the same members equals usd_cents_leaf (tests/t_warehouse_cube.sh).
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
           OR f.is_average OR f.is_restatement)
GROUP BY CUBE (f.sector_key, f.geo_key, f.period_key, f.fund_key);
COMMENT ON VIEW v_cube_sql IS 'GROUP BY CUBE over the summable amounts by exact member keys, with GROUPING() flags: the sum of the leaf facts and the number of figures that are not leaves';

-- The same with member names, for reading.
CREATE OR REPLACE VIEW v_cube_sql_named AS
SELECT CASE WHEN c.all_sectors = 1 THEN 'Total' ELSE se.name END AS sector,
       CASE WHEN c.all_regions = 1 THEN 'Total' ELSE g.name END AS region,
       CASE WHEN c.all_periods = 1 THEN 'Total' ELSE p.label END AS period,
       CASE WHEN c.all_funds = 1 THEN 'Total' ELSE fu.code END AS fund,
       c.*
FROM v_cube_sql c
LEFT JOIN dim_sector se USING (sector_key)
LEFT JOIN dim_geography g USING (geo_key)
LEFT JOIN dim_period p USING (period_key)
LEFT JOIN dim_fund fu USING (fund_key);
COMMENT ON VIEW v_cube_sql_named IS 'v_cube_sql with the names of the members (Total where GROUPING() is 1)';

-- The cells of the latest cube version with their member names.
CREATE OR REPLACE VIEW v_cube_cell AS
SELECT c.cube_version, c.cuboid, se.name AS sector, g.name AS region, p.label AS period,
       fu.code AS fund, c.amount_cents, c.origin, c.flag_names, c.projects, c.projects_origin,
       c.n_facts, c.sector_key, c.geo_key, c.period_key, c.fund_key, c.flags
FROM cube_cell c
JOIN dim_sector se USING (sector_key)
JOIN dim_geography g USING (geo_key)
JOIN dim_period p USING (period_key)
JOIN dim_fund fu USING (fund_key)
WHERE c.cube_version = (SELECT max(cube_version) FROM cube_version);
COMMENT ON VIEW v_cube_cell IS 'The cells of the latest cube version (aidcube cube --db) with their member names';
