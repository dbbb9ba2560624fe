-- aidcube warehouse: the star schema, in plain SQL (PostgreSQL 15).
--
-- One fact table of observations at any grain (a project, a sector total, a
-- grand total, a share), four conformed dimensions with surrogate keys, and
-- the sources with their content hashes.  A NULL dimension key means the
-- source does not state that coordinate: the total member, never a guess.
--
-- The in-memory cube of `aidcube build` and this schema hold the same model
-- (cube/model.h).  Scale-out: the fact table can be distributed by source
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

-- Geography: country > reported grouping > region.  A row with region NULL
-- is the country itself; a grouping ("Tombouctou / Taoudénit") is a row of
-- kind 'grouping' whose regions are listed in geography_grouping.
CREATE TABLE dim_geography (
    geo_key         serial PRIMARY KEY,
    country         char(3) NOT NULL,              -- ISO 3166 alpha-3
    region          text,                          -- first-level unit or grouping
    kind            text NOT NULL CHECK (kind IN ('country', 'grouping', 'region')),
    CHECK ((kind = 'country') = (region IS NULL)),
    UNIQUE NULLS NOT DISTINCT (country, region)
);

-- The regions a reported grouping covers (reference data, places.tsv).
CREATE TABLE geography_grouping (
    grouping_key    integer NOT NULL REFERENCES dim_geography,
    region_key      integer NOT NULL REFERENCES dim_geography,
    PRIMARY KEY (grouping_key, region_key)
);

-- Periods are date ranges with their kind: a calendar year, a UN fiscal year
-- (1 July - 30 June), a span, or a cumulative period ("depuis 2013", to the
-- end of the document's year).  One period is inside another by its dates.
CREATE TABLE dim_period (
    period_key      serial PRIMARY KEY,
    label           text NOT NULL,                 -- 2017, 2017/2018, 2013-2017
    first_day       date NOT NULL,
    last_day        date NOT NULL CHECK (last_day >= first_day),
    kind            text NOT NULL CHECK (kind IN ('year', 'fiscal', 'span', 'cumulative')),
    UNIQUE (label, kind)
);

-- Sources: identity is the full path and the SHA-256 of the bytes read; the
-- base name is for display.  A content already loaded is not loaded again;
-- a changed one replaces its earlier facts.
CREATE TABLE dim_source (
    source_key      serial PRIMARY KEY,
    name            text NOT NULL,
    path            text NOT NULL,
    sha256          char(64) NOT NULL UNIQUE,
    bytes           bigint NOT NULL,
    doc_year        integer,                       -- NULL: unknown
    loaded_at       timestamptz NOT NULL DEFAULT now()
);

-- One row per figure a source states (cube/model.h, the fact model): member
-- keys, exact values and provenance.  Each flag of the model is a column.
CREATE TABLE fact_observation (
    source_key      integer NOT NULL REFERENCES dim_source ON DELETE CASCADE,
    obs_no          integer NOT NULL,              -- order within the source
    line            integer NOT NULL,
    span_start      integer,
    span_end        integer,
    sheet           text,                          -- spreadsheets: sheet,
    sheet_row       integer,                       --   row and column
    sheet_col       integer,
    measure         text NOT NULL CHECK (measure IN ('amount', 'count', 'share')),
    value           numeric NOT NULL,              -- as stated, exact
    unit            text NOT NULL,                 -- ISO 4217, '%', 'projects', ...
    usd_cents       bigint,                        -- amounts: value × rate, rounded
                                                   -- half away from zero to the cent
    rate            numeric,                       -- USD per unit, exact decimal
    rate_year       integer,                       -- NULL: USD, or not an amount
    qualifier       text NOT NULL CHECK (qualifier IN ('exact', 'approx', 'max', 'per_year')),
    fund_key        integer REFERENCES dim_fund,   -- NULL: not stated (the total)
    geo_key         integer REFERENCES dim_geography,
    sector_key      integer REFERENCES dim_sector,
    period_key      integer REFERENCES dim_period,
    is_total        boolean NOT NULL DEFAULT false, -- stated as a total
    is_part         boolean NOT NULL DEFAULT false, -- a part of a total in its sentence
    is_item         boolean NOT NULL DEFAULT false, -- a row of a table, chart or list
    item_run        integer,                        -- which run (table) within the source
    is_cap          boolean NOT NULL DEFAULT false, -- a maximum: not summed
    is_per_year     boolean NOT NULL DEFAULT false, -- a rate per year: not summed
    is_approx       boolean NOT NULL DEFAULT false, -- approximate or a lower bound
    no_rate         boolean NOT NULL DEFAULT false, -- no USD rate: not summed
    is_impossible   boolean NOT NULL DEFAULT false, -- negative, share > 100 %: a finding
    rate_other_year boolean NOT NULL DEFAULT false, -- converted at another year's rate
    is_leaf         boolean NOT NULL DEFAULT false, -- finest grain, counted once
    is_project      boolean NOT NULL DEFAULT false, -- the figure of one project
    is_average      boolean NOT NULL DEFAULT false, -- an average: not summed
    is_restatement  boolean NOT NULL DEFAULT false, -- the figure before it in another currency: not summed
    snippet         text,
    PRIMARY KEY (source_key, obs_no),
    CHECK (measure <> 'amount' OR unit ~ '^[A-Z]{3}$'),
    CHECK (measure <> 'share' OR unit = '%'),
    CHECK (measure = 'amount' OR usd_cents IS NULL)
);

-- What an analyst queries: observations with their names.
CREATE VIEW v_observation AS
SELECT s.name AS doc, s.path, f.line, f.measure, f.value, f.unit, f.qualifier,
       fu.code AS fund, g.country, g.region, se.name AS sector, se.dac_code,
       p.label AS period, p.kind AS period_kind, p.first_day, p.last_day,
       f.usd_cents, f.is_total, f.is_leaf, f.snippet
FROM fact_observation f
JOIN dim_source s USING (source_key)
LEFT JOIN dim_fund fu USING (fund_key)
LEFT JOIN dim_geography g USING (geo_key)
LEFT JOIN dim_sector se USING (sector_key)
LEFT JOIN dim_period p USING (period_key);
