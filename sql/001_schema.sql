-- 001_schema.sql — the aidcube warehouse: the star schema of the fact model
-- (model/model.h), in plain SQL (PostgreSQL 15).
--
-- Applied by `aidcube db init` / `aidcube db migrate` in one transaction,
-- with search_path set to the warehouse's schema (`aidcube` by default,
-- `--schema NAME`): no table here names its schema.  The version of every
-- file applied is recorded in schema_version; a file is applied once.
--
-- One fact table of observations at any grain (a project, a sector total, a
-- grand total, a share), four conformed dimensions with surrogate keys and
-- natural keys, the sources with their content hashes, the currencies and
-- the exchange rates the facts were converted at, the load batches, the
-- sources each batch saw and what it did with them, and the rejects.
--
-- The dimension keys follow the model: in every dimension key 0 is the
-- total member _T (the source does not state the coordinate: a figure with
-- no sector is a figure for all sectors) and key 1 is _X, "not stated" (a
-- row of a table whose other rows state it).  Facts never hold NULL keys.
--
-- Scale-out (Citus): the fact table is distributed by source
--   SELECT create_distributed_table('fact', 'source_key');
-- and every other table becomes a reference table
--   SELECT create_reference_table('dim_sector'); ...
-- Nothing here forbids it: the fact table's primary key starts with
-- source_key, its foreign keys point at (future) reference tables, and no
-- unique constraint spans sources.

CREATE TABLE IF NOT EXISTS schema_version (
    version         integer PRIMARY KEY,
    name            text NOT NULL,
    sha256          char(64) NOT NULL,
    applied_at      timestamptz NOT NULL DEFAULT now(),
    applied_by      text NOT NULL DEFAULT session_user
);
COMMENT ON TABLE schema_version IS 'The sql/NNN_*.sql files applied to this schema, one row each, in order';
COMMENT ON COLUMN schema_version.version IS 'NNN of the file name: files are applied in this order, each once';
COMMENT ON COLUMN schema_version.name IS 'The file name (001_schema.sql)';
COMMENT ON COLUMN schema_version.sha256 IS 'SHA-256 of the file as applied';
COMMENT ON COLUMN schema_version.applied_at IS 'When it was applied';
COMMENT ON COLUMN schema_version.applied_by IS 'The database user who applied it';

-- Load batches: one `aidcube load` is one batch and one transaction.  A
-- batch that fails is rolled back whole; its row (status failed, message,
-- sqlstate) is then written in a transaction of its own.
CREATE TABLE batch (
    batch_key        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    status           text NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'committed', 'skipped', 'failed')),
    sources_seen     integer NOT NULL DEFAULT 0 CHECK (sources_seen >= 0),
    sources_loaded   integer NOT NULL DEFAULT 0 CHECK (sources_loaded >= 0),
    sources_skipped  integer NOT NULL DEFAULT 0 CHECK (sources_skipped >= 0),
    sources_replaced integer NOT NULL DEFAULT 0 CHECK (sources_replaced >= 0),
    sources_rejected integer NOT NULL DEFAULT 0 CHECK (sources_rejected >= 0),
    facts            integer NOT NULL DEFAULT 0 CHECK (facts >= 0),
    db_user          text NOT NULL DEFAULT session_user,
    os_user          text,
    client_host      text,
    client_addr      inet DEFAULT inet_client_addr(),
    aidcube_version  text,
    message          text,
    sqlstate         char(5)
);
COMMENT ON TABLE batch IS 'One row per aidcube load: what it saw, what it did, who ran it and from where';
COMMENT ON COLUMN batch.batch_key IS 'Surrogate key of the batch, in the order batches started';
COMMENT ON COLUMN batch.started_at IS 'Start of the batch transaction';
COMMENT ON COLUMN batch.finished_at IS 'When the batch committed or failed';
COMMENT ON COLUMN batch.status IS 'committed: something was loaded; skipped: every source was already loaded; failed: rolled back (see message); running: in progress (never visible to others)';
COMMENT ON COLUMN batch.sources_seen IS 'Sources read by the batch (copies within the batch included)';
COMMENT ON COLUMN batch.sources_loaded IS 'Sources new to the warehouse whose facts the batch wrote';
COMMENT ON COLUMN batch.sources_skipped IS 'Sources whose content (SHA-256) was already loaded, or copies of another source of the batch';
COMMENT ON COLUMN batch.sources_replaced IS 'Sources of a known path with a new content: their facts replaced';
COMMENT ON COLUMN batch.sources_rejected IS 'Files that could not be read (see the reject table)';
COMMENT ON COLUMN batch.facts IS 'Facts written by the batch';
COMMENT ON COLUMN batch.db_user IS 'The database user of the load';
COMMENT ON COLUMN batch.os_user IS 'The operating-system user who ran aidcube';
COMMENT ON COLUMN batch.client_host IS 'The host name of the machine that ran aidcube';
COMMENT ON COLUMN batch.client_addr IS 'The client address the server saw (NULL over a unix socket)';
COMMENT ON COLUMN batch.aidcube_version IS 'The version of aidcube that ran the load';
COMMENT ON COLUMN batch.message IS 'Why a failed batch failed (never holds a password)';
COMMENT ON COLUMN batch.sqlstate IS 'The SQLSTATE of the error that failed the batch, when the server gave one';

-- Sources: identity is the canonical path; a content is identified by the
-- SHA-256 of the bytes read.  A content already loaded is not loaded again;
-- a known path with a new content has its facts replaced.
CREATE TABLE dim_source (
    source_key      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path            text NOT NULL UNIQUE,
    name            text NOT NULL,
    sha256          char(64) NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes           bigint NOT NULL CHECK (bytes >= 0),
    encoding        text,
    lang            text,
    country         char(3),
    doc_year        integer,
    batch_key       bigint NOT NULL REFERENCES batch,
    loaded_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE dim_source IS 'The source documents: one row per path, holding the content last loaded';
COMMENT ON COLUMN dim_source.source_key IS 'Surrogate key (the fact table is distributed by it)';
COMMENT ON COLUMN dim_source.path IS 'Natural key: the canonical (absolute) path of the file';
COMMENT ON COLUMN dim_source.name IS 'The base name, for display (the doc column of aidcube extract)';
COMMENT ON COLUMN dim_source.sha256 IS 'SHA-256 of the bytes read: a content already loaded is skipped';
COMMENT ON COLUMN dim_source.bytes IS 'Size of the file as read';
COMMENT ON COLUMN dim_source.encoding IS 'The encoding the reader decoded (utf-8, windows-1252, ...)';
COMMENT ON COLUMN dim_source.lang IS 'The language the document was read in (fr, en)';
COMMENT ON COLUMN dim_source.country IS 'The document''s programme country (ISO 3166 alpha-3), when it has one';
COMMENT ON COLUMN dim_source.doc_year IS 'The year of the document, NULL when unknown';
COMMENT ON COLUMN dim_source.batch_key IS 'The batch that loaded this content';
COMMENT ON COLUMN dim_source.loaded_at IS 'When this content was loaded';

-- Sectors with their OECD DAC purpose code (fixtures/ref/sectors.tsv).
CREATE TABLE dim_sector (
    sector_key      integer GENERATED BY DEFAULT AS IDENTITY (START WITH 2) PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('total', 'not_stated', 'sector')),
    name            text NOT NULL,
    dac_code        text CHECK (dac_code ~ '^[0-9]{3,5}$'),
    UNIQUE (kind, name)
);
COMMENT ON TABLE dim_sector IS 'Sector dimension: key 0 the total (_T), key 1 not stated (_X), then sectors';
COMMENT ON COLUMN dim_sector.sector_key IS 'Surrogate key';
COMMENT ON COLUMN dim_sector.kind IS 'total, not_stated or sector';
COMMENT ON COLUMN dim_sector.name IS 'Natural key with kind: the sector''s name (RESA, Santé, ...)';
COMMENT ON COLUMN dim_sector.dac_code IS 'OECD DAC purpose code';

-- Funds and their rules (fixtures/ref/funds.tsv).
CREATE TABLE dim_fund (
    fund_key        integer GENERATED BY DEFAULT AS IDENTITY (START WITH 2) PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('total', 'not_stated', 'fund')),
    code            text NOT NULL,
    name            text,
    max_amount      numeric CHECK (max_amount > 0),
    max_currency    char(3),
    max_months      integer CHECK (max_months > 0),
    UNIQUE (kind, code)
);
COMMENT ON TABLE dim_fund IS 'Fund dimension: key 0 the total (_T), key 1 not stated (_X), then funding instruments';
COMMENT ON COLUMN dim_fund.fund_key IS 'Surrogate key';
COMMENT ON COLUMN dim_fund.kind IS 'total, not_stated or fund';
COMMENT ON COLUMN dim_fund.code IS 'Natural key with kind: QIP, TF, PBF, EU-IcSP, ...';
COMMENT ON COLUMN dim_fund.name IS 'The fund''s name in the reference data';
COMMENT ON COLUMN dim_fund.max_amount IS 'Rule: the most one project may cost, in max_currency (NULL: no rule)';
COMMENT ON COLUMN dim_fund.max_currency IS 'Currency of max_amount';
COMMENT ON COLUMN dim_fund.max_months IS 'Rule: the longest a project may last, in months (NULL: no rule)';

-- Geography: country > reported grouping ("Tombouctou / Taoudénit") >
-- first-level region.  A region's parent is the grouping that covers it,
-- else its country; "MLI: region not stated" is a region of its country.
CREATE TABLE dim_geography (
    geo_key         integer GENERATED BY DEFAULT AS IDENTITY (START WITH 2) PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('total', 'not_stated', 'country', 'grouping', 'region')),
    name            text NOT NULL,
    country         char(3) CHECK (country ~ '^[A-Z]{3}$'),
    parent_key      integer REFERENCES dim_geography,
    CHECK ((kind IN ('total', 'not_stated')) = (country IS NULL)),
    UNIQUE NULLS NOT DISTINCT (kind, country, name)
);
COMMENT ON TABLE dim_geography IS 'Geography dimension: key 0 the total (_T), key 1 not stated (_X), countries, reported groupings of regions, first-level regions';
COMMENT ON COLUMN dim_geography.geo_key IS 'Surrogate key';
COMMENT ON COLUMN dim_geography.kind IS 'total, not_stated, country, grouping or region';
COMMENT ON COLUMN dim_geography.name IS 'Natural key with kind and country: the name as the gazetteer spells it (a country: its ISO code)';
COMMENT ON COLUMN dim_geography.country IS 'ISO 3166 alpha-3 of the country';
COMMENT ON COLUMN dim_geography.parent_key IS 'Hierarchy: the grouping covering a region, else its country; NULL for countries (their parent is the total)';

-- The regions a reported grouping covers (reference data, places.tsv).
CREATE TABLE geography_grouping (
    grouping_key    integer NOT NULL REFERENCES dim_geography,
    region_name     text NOT NULL,
    PRIMARY KEY (grouping_key, region_name)
);
COMMENT ON TABLE geography_grouping IS 'The regions a reported grouping covers: a region never adds to its grouping';
COMMENT ON COLUMN geography_grouping.grouping_key IS 'The grouping (dim_geography, kind grouping)';
COMMENT ON COLUMN geography_grouping.region_name IS 'A region it covers, as the gazetteer spells it';

-- Periods are date ranges with their kind: a calendar year, a UN fiscal
-- year (1 July - 30 June), a span, or a cumulative period ("depuis 2013",
-- to the end of the document's year).  A period is its dates: two
-- statements of the same dates are one member, of the most specific kind.
CREATE TABLE dim_period (
    period_key      integer GENERATED BY DEFAULT AS IDENTITY (START WITH 2) PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('total', 'not_stated', 'year', 'fiscal', 'span', 'cumulative')),
    label           text NOT NULL,
    first_day       date,
    last_day        date,
    parent_key      integer REFERENCES dim_period,
    CHECK ((kind IN ('total', 'not_stated')) = (first_day IS NULL)),
    CHECK ((first_day IS NULL) = (last_day IS NULL)),
    CHECK (last_day >= first_day),
    UNIQUE (first_day, last_day)
);
COMMENT ON TABLE dim_period IS 'Period dimension: key 0 the total (_T), key 1 not stated (_X), then date ranges; one period is inside another by its dates';
COMMENT ON COLUMN dim_period.period_key IS 'Surrogate key';
COMMENT ON COLUMN dim_period.kind IS 'year, fiscal (UN, 1 July - 30 June), span, cumulative; total and not_stated for the reserved members';
COMMENT ON COLUMN dim_period.label IS 'The name: 2017, 2017/2018, 2013-2017, since 2013 (to 2017)';
COMMENT ON COLUMN dim_period.first_day IS 'Natural key with last_day: the first day of the range';
COMMENT ON COLUMN dim_period.last_day IS 'The last day of the range (inclusive)';
COMMENT ON COLUMN dim_period.parent_key IS 'Hierarchy: the smallest period that contains it by its dates, as the model of the loading batch saw it';

-- Currencies (fixtures/ref/currencies.tsv) and the rates to USD the facts
-- were converted at.
CREATE TABLE dim_currency (
    currency_key    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            char(3) NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{3}$'),
    name            text
);
COMMENT ON TABLE dim_currency IS 'Currencies (ISO 4217)';
COMMENT ON COLUMN dim_currency.currency_key IS 'Surrogate key';
COMMENT ON COLUMN dim_currency.code IS 'Natural key: the ISO 4217 code';
COMMENT ON COLUMN dim_currency.name IS 'The currency''s name in the reference data';

CREATE TABLE exchange_rate (
    currency_key    integer NOT NULL REFERENCES dim_currency,
    year            integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    usd_per_unit    numeric NOT NULL CHECK (usd_per_unit > 0),
    PRIMARY KEY (currency_key, year)
);
COMMENT ON TABLE exchange_rate IS 'The exact rates to USD the facts were converted at (annual averages of the reference data; a pegged currency through its anchor)';
COMMENT ON COLUMN exchange_rate.currency_key IS 'The currency';
COMMENT ON COLUMN exchange_rate.year IS 'The year of the rate';
COMMENT ON COLUMN exchange_rate.usd_per_unit IS 'USD per one unit of the currency, exact decimal';

-- One row per figure a source states (model/model.h): member keys, the value
-- as stated and in USD cents, the model's flags, and the provenance.
CREATE TABLE fact (
    source_key      integer NOT NULL REFERENCES dim_source,
    fact_no         integer NOT NULL CHECK (fact_no >= 1),
    batch_key       bigint NOT NULL REFERENCES batch,
    line            integer NOT NULL CHECK (line >= 1),
    span_start      integer NOT NULL CHECK (span_start >= 0),
    span_end        integer NOT NULL CHECK (span_end >= span_start),
    sentence        integer,
    item_run        integer,
    label           text,
    snippet         text,
    measure         text NOT NULL CHECK (measure IN ('amount', 'count', 'share')),
    value           numeric NOT NULL,
    unit            text NOT NULL,
    currency_key    integer REFERENCES dim_currency,
    currency_ambiguous boolean NOT NULL DEFAULT false,
    usd_cents       bigint,
    rate            numeric CHECK (rate > 0),
    rate_year       integer,
    qualifier       text NOT NULL CHECK (qualifier IN ('exact', 'approx', 'max', 'per_year')),
    period_stated   text,
    sector_key      integer NOT NULL REFERENCES dim_sector,
    geo_key         integer NOT NULL REFERENCES dim_geography,
    period_key      integer NOT NULL REFERENCES dim_period,
    fund_key        integer NOT NULL REFERENCES dim_fund,
    flags           integer NOT NULL DEFAULT 0 CHECK (flags >= 0 AND flags < 8192),
    is_total        boolean GENERATED ALWAYS AS (flags & 1 <> 0) STORED,
    is_part         boolean GENERATED ALWAYS AS (flags & 2 <> 0) STORED,
    is_item         boolean GENERATED ALWAYS AS (flags & 4 <> 0) STORED,
    is_cap          boolean GENERATED ALWAYS AS (flags & 8 <> 0) STORED,
    is_per_year     boolean GENERATED ALWAYS AS (flags & 16 <> 0) STORED,
    is_approx       boolean GENERATED ALWAYS AS (flags & 32 <> 0) STORED,
    no_rate         boolean GENERATED ALWAYS AS (flags & 64 <> 0) STORED,
    is_impossible   boolean GENERATED ALWAYS AS (flags & 128 <> 0) STORED,
    rate_other_year boolean GENERATED ALWAYS AS (flags & 256 <> 0) STORED,
    is_leaf         boolean GENERATED ALWAYS AS (flags & 512 <> 0) STORED,
    is_project      boolean GENERATED ALWAYS AS (flags & 1024 <> 0) STORED,
    is_average      boolean GENERATED ALWAYS AS (flags & 2048 <> 0) STORED,
    is_restatement  boolean GENERATED ALWAYS AS (flags & 4096 <> 0) STORED,
    PRIMARY KEY (source_key, fact_no),
    CHECK (measure <> 'amount' OR (unit ~ '^[A-Z]{3}$' AND currency_key IS NOT NULL)),
    CHECK (measure = 'amount' OR (currency_key IS NULL AND usd_cents IS NULL
                                  AND rate IS NULL AND rate_year IS NULL)),
    CHECK (measure <> 'share' OR unit = '%'),
    CHECK (measure <> 'count' OR unit ~ '^[a-z][a-z -]*$')
);
COMMENT ON TABLE fact IS 'The facts of the model: one figure a source states, at whatever grain it states it, keyed on the four dimensions, exact, with its provenance';
COMMENT ON COLUMN fact.source_key IS 'The source that states it (distribution column)';
COMMENT ON COLUMN fact.fact_no IS 'Order of the fact within its source (1-based); with source_key the unique key of a fact';
COMMENT ON COLUMN fact.batch_key IS 'The batch that loaded it';
COMMENT ON COLUMN fact.line IS 'Provenance: 1-based line of the number in the source';
COMMENT ON COLUMN fact.span_start IS 'Provenance: byte offset of the figure in the decoded text';
COMMENT ON COLUMN fact.span_end IS 'Provenance: byte offset just past the figure';
COMMENT ON COLUMN fact.sentence IS 'Provenance: sentence number within the document (1-based)';
COMMENT ON COLUMN fact.item_run IS 'The run (table, chart or list) of a line item within its source; NULL: none';
COMMENT ON COLUMN fact.label IS 'The chart label paired with the figure, if any';
COMMENT ON COLUMN fact.snippet IS 'Provenance: the source text around the figure, byte for byte as decoded';
COMMENT ON COLUMN fact.measure IS 'amount, count or share';
COMMENT ON COLUMN fact.value IS 'The value as stated, exact (11,9 millions -> 11900000; 28% -> 28)';
COMMENT ON COLUMN fact.unit IS 'ISO 4217 for amounts, % for shares, projects or a lowercase English plural for counts';
COMMENT ON COLUMN fact.currency_key IS 'Amounts: the currency (the unit)';
COMMENT ON COLUMN fact.currency_ambiguous IS 'The currency was resolved by the country (FCFA) or from a bare $';
COMMENT ON COLUMN fact.usd_cents IS 'Amounts: value x rate in USD cents, rounded half away from zero; NULL without a rate';
COMMENT ON COLUMN fact.rate IS 'Amounts: USD per unit used, exact decimal';
COMMENT ON COLUMN fact.rate_year IS 'Amounts: year of the rate; NULL for USD';
COMMENT ON COLUMN fact.qualifier IS 'exact, approx (approximate or a lower bound), max (a cap), per_year (a rate)';
COMMENT ON COLUMN fact.period_stated IS 'The period as aidcube extract prints it (2017, 2017-2018), NULL when not stated';
COMMENT ON COLUMN fact.sector_key IS 'Sector member (0: total, the source does not state it; 1: not stated)';
COMMENT ON COLUMN fact.geo_key IS 'Geography member (0: total; 1: not stated)';
COMMENT ON COLUMN fact.period_key IS 'Period member (0: total; 1: not stated)';
COMMENT ON COLUMN fact.fund_key IS 'Fund member (0: total; 1: not stated)';
COMMENT ON COLUMN fact.flags IS 'The FACT_* flags of model/model.h as a bit set; each bit is also a boolean column';
COMMENT ON COLUMN fact.is_total IS 'FACT_TOTAL: stated as a total';
COMMENT ON COLUMN fact.is_part IS 'FACT_PART: a part of a total stated in its sentence; never states a cell';
COMMENT ON COLUMN fact.is_item IS 'FACT_ITEM: a line item; items of one run at one coordinate add up';
COMMENT ON COLUMN fact.is_cap IS 'FACT_CAP: a maximum, not money spent: not summed';
COMMENT ON COLUMN fact.is_per_year IS 'FACT_PER_YEAR: a rate per year: not summed';
COMMENT ON COLUMN fact.is_approx IS 'FACT_APPROX: approximate or a lower bound (still summed)';
COMMENT ON COLUMN fact.no_rate IS 'FACT_NO_RATE: an amount with no USD rate: not summed';
COMMENT ON COLUMN fact.is_impossible IS 'FACT_IMPOSSIBLE: negative, or a share above 100 %: a finding, never summed';
COMMENT ON COLUMN fact.rate_other_year IS 'FACT_RATE_OTHER_YEAR: converted at the rate of another year';
COMMENT ON COLUMN fact.is_leaf IS 'FACT_LEAF: one of the figures the grand total is made of; set by the cube build, not by the loader';
COMMENT ON COLUMN fact.is_project IS 'FACT_PROJECT: the figure of one project';
COMMENT ON COLUMN fact.is_average IS 'FACT_AVERAGE: an average: not summed';
COMMENT ON COLUMN fact.is_restatement IS 'FACT_RESTATEMENT: the figure before it restated in another currency: never summed';

-- What each batch did with each source it saw.
CREATE TABLE batch_source (
    batch_key       bigint NOT NULL REFERENCES batch,
    path            text NOT NULL,
    sha256          char(64) NOT NULL,
    action          text NOT NULL CHECK (action IN ('loaded', 'replaced', 'skipped', 'copy')),
    source_key      integer REFERENCES dim_source,
    facts           integer NOT NULL DEFAULT 0 CHECK (facts >= 0),
    PRIMARY KEY (batch_key, path)
);
COMMENT ON TABLE batch_source IS 'The sources each batch saw and what it did with each';
COMMENT ON COLUMN batch_source.batch_key IS 'The batch';
COMMENT ON COLUMN batch_source.path IS 'The canonical path of the source';
COMMENT ON COLUMN batch_source.sha256 IS 'SHA-256 of the content seen';
COMMENT ON COLUMN batch_source.action IS 'loaded (new), replaced (new content of a known path), skipped (content already loaded), copy (same content as another source of the batch)';
COMMENT ON COLUMN batch_source.source_key IS 'The source row holding the content';
COMMENT ON COLUMN batch_source.facts IS 'Facts written for this source by this batch';

-- What could not be loaded, and why.
CREATE TABLE reject (
    reject_key      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_key       bigint NOT NULL REFERENCES batch,
    path            text,
    line            integer,
    reason          text NOT NULL,
    raw             text
);
COMMENT ON TABLE reject IS 'Files (or lines) a batch rejected, with the reason';
COMMENT ON COLUMN reject.reject_key IS 'Surrogate key';
COMMENT ON COLUMN reject.batch_key IS 'The batch that rejected it';
COMMENT ON COLUMN reject.path IS 'The file, as given';
COMMENT ON COLUMN reject.line IS 'The line, when the reason is about one line';
COMMENT ON COLUMN reject.reason IS 'Why, as aidcube reported it';
COMMENT ON COLUMN reject.raw IS 'The raw text rejected, when there is one';

-- The reserved members of every dimension (model/model.h): 0 _T, 1 _X.
INSERT INTO dim_sector (sector_key, kind, name) OVERRIDING SYSTEM VALUE
    VALUES (0, 'total', 'Total'), (1, 'not_stated', 'not stated');
INSERT INTO dim_fund (fund_key, kind, code) OVERRIDING SYSTEM VALUE
    VALUES (0, 'total', '_T'), (1, 'not_stated', '_X');
INSERT INTO dim_geography (geo_key, kind, name) OVERRIDING SYSTEM VALUE
    VALUES (0, 'total', 'Total'), (1, 'not_stated', 'not stated');
INSERT INTO dim_period (period_key, kind, label) OVERRIDING SYSTEM VALUE
    VALUES (0, 'total', 'Total'), (1, 'not_stated', 'not stated');
