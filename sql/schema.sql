-- aidcube warehouse: the star schema, in plain SQL (PostgreSQL 15).
--
-- One fact table of observations at any grain (a project, a sector total, a
-- grand total, a share), four conformed dimensions with surrogate keys, and
-- the sources with their content hashes.  A NULL dimension key means the
-- source does not state that coordinate: the total member, never a guess.
--
-- The in-memory cube of `aidcube build` and this schema hold the same model
-- (cube/cube.h).  Scale-out: the fact table can be distributed by source
-- (Citus: SELECT create_distributed_table('fact_observation', 'source_key');
-- the dimensions become reference tables with create_reference_table).

CREATE SCHEMA IF NOT EXISTS aidcube;
SET search_path = aidcube, public;

-- Funds and their rules (fixtures/ref/funds.tsv).
CREATE TABLE dim_fund (
    fund_key        serial PRIMARY KEY,
    code            text NOT NULL UNIQUE,          -- QIP, TF, PBF, EU-IcSP
    name            text,
    max_amount      numeric,                       -- per project, in max_currency
    max_currency    char(3),
    max_months      integer
);

-- Sectors with their OECD DAC purpose code (fixtures/ref/sectors.tsv).
CREATE TABLE dim_sector (
    sector_key      serial PRIMARY KEY,
    name            text NOT NULL UNIQUE,          -- RESA, POC, Santé, ...
    dac_code        char(5)
);

-- Geography: country > region.  A row with region NULL is the country itself.
CREATE TABLE dim_geography (
    geo_key         serial PRIMARY KEY,
    country         char(3) NOT NULL,              -- ISO 3166 alpha-3
    region          text,                          -- first-level unit, or a
                                                   -- reported grouping "A / B"
    UNIQUE NULLS NOT DISTINCT (country, region)
);

-- Periods: calendar years, UN fiscal years (1 July - 30 June), spans.
CREATE TABLE dim_period (
    period_key      serial PRIMARY KEY,
    label           text NOT NULL UNIQUE,          -- 2017, 2017-2018, 2013-2017
    first_year      integer NOT NULL,
    last_year       integer NOT NULL CHECK (last_year >= first_year),
    kind            text NOT NULL CHECK (kind IN ('year', 'fiscal', 'span'))
);

-- Sources: a source already loaded with the same hash is not loaded again;
-- a changed one replaces its earlier observations.
CREATE TABLE dim_source (
    source_key      serial PRIMARY KEY,
    name            text NOT NULL,
    sha256          char(64) NOT NULL UNIQUE,
    bytes           bigint NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fact_observation (
    source_key      integer NOT NULL REFERENCES dim_source ON DELETE CASCADE,
    obs_no          integer NOT NULL,              -- order within the source
    line            integer NOT NULL,
    span_start      integer,
    span_end        integer,
    measure         text NOT NULL CHECK (measure IN ('amount', 'count', 'share')),
    value           numeric NOT NULL,              -- as stated, exact
    unit            text,                          -- ISO 4217, '%', 'projects', ...
    usd             numeric,                       -- amounts: value × rate
    rate            numeric,                       -- USD per unit used
    rate_year       integer,
    qualifier       text NOT NULL CHECK (qualifier IN ('exact', 'approx', 'max', 'per_year')),
    fund_key        integer REFERENCES dim_fund,
    geo_key         integer REFERENCES dim_geography,
    sector_key      integer REFERENCES dim_sector,
    period_key      integer REFERENCES dim_period,
    snippet         text,
    PRIMARY KEY (source_key, obs_no)
);

-- What an analyst queries: observations with their names.
CREATE VIEW v_observation AS
SELECT s.name AS doc, f.line, f.measure, f.value, f.unit, f.usd, f.qualifier,
       fu.code AS fund, g.country, g.region, se.name AS sector, se.dac_code,
       p.label AS period, p.kind AS period_kind, f.snippet
FROM fact_observation f
JOIN dim_source s USING (source_key)
LEFT JOIN dim_fund fu USING (fund_key)
LEFT JOIN dim_geography g USING (geo_key)
LEFT JOIN dim_sector se USING (sector_key)
LEFT JOIN dim_period p USING (period_key);
