-- 012_attributed_from.sql — where each attribute of a fact came from
-- (issue 17, point 8).
--
-- A figure's fund, country, region, sector and period are read from the
-- narrowest scope that states them, or implied.  Each fact now says which,
-- per attribute, in the words of aidcube extract's column attributed_from
-- (attribute_from in attribute/attribute_obs.h):
--
--   clause     the figure's own clause
--   sentence   another clause of its sentence
--   paragraph  a few sentences around it in its paragraph
--   item       the list item, numbered story or card it is in
--   label      its chart label or its chart's caption
--   heading    a section heading above it
--   document   the document's dominant fund or country
--   reference  implied by reference data: the country of a region, a
--              locality or a mission named there, the region of a locality
--   whole      the figure it is part of ("dont", "of which"), or the one a
--              headline restates
--   parts      a spreadsheet total: what all the rows it covers state
--   column     a cell of the spreadsheet row
--   sheet      the spreadsheet list's title rows
--
-- NULL when the fact states no such attribute (its member is the total
-- _T), and for every fact loaded before this version (its origins were not
-- recorded: load the source again to record them).  A donor or a reviewer
-- asks, for instance, which amounts have a country nobody wrote:
--   SELECT doc, line, value, unit, country FROM v_fact
--   WHERE country_from IN ('reference', 'document');
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again.

SET LOCAL client_min_messages = warning;

ALTER TABLE fact
    ADD COLUMN IF NOT EXISTS fund_from text CHECK (fund_from IN ('clause', 'sentence',
        'paragraph', 'item', 'label', 'heading', 'document', 'reference', 'whole', 'parts',
        'column', 'sheet')),
    ADD COLUMN IF NOT EXISTS country_from text CHECK (country_from IN ('clause', 'sentence',
        'paragraph', 'item', 'label', 'heading', 'document', 'reference', 'whole', 'parts',
        'column', 'sheet')),
    ADD COLUMN IF NOT EXISTS region_from text CHECK (region_from IN ('clause', 'sentence',
        'paragraph', 'item', 'label', 'heading', 'document', 'reference', 'whole', 'parts',
        'column', 'sheet')),
    ADD COLUMN IF NOT EXISTS sector_from text CHECK (sector_from IN ('clause', 'sentence',
        'paragraph', 'item', 'label', 'heading', 'document', 'reference', 'whole', 'parts',
        'column', 'sheet')),
    ADD COLUMN IF NOT EXISTS period_from text CHECK (period_from IN ('clause', 'sentence',
        'paragraph', 'item', 'label', 'heading', 'document', 'reference', 'whole', 'parts',
        'column', 'sheet'));
COMMENT ON COLUMN fact.fund_from IS 'Where the fact''s fund came from (extract''s attributed_from: clause, sentence, paragraph, item, label, heading, document, reference, whole, parts, column, sheet); NULL when it states none, or loaded before version 12';
COMMENT ON COLUMN fact.country_from IS 'Where the fact''s country came from (reference: implied by a region, locality or mission named, no country written); NULL when it states none, or loaded before version 12';
COMMENT ON COLUMN fact.region_from IS 'Where the fact''s region came from (reference: the region of a locality named); NULL when it states none, or loaded before version 12';
COMMENT ON COLUMN fact.sector_from IS 'Where the fact''s sector came from; NULL when it states none, or loaded before version 12';
COMMENT ON COLUMN fact.period_from IS 'Where the fact''s period came from; NULL when it states none, or loaded before version 12';

-- v_fact with the origins (the column list of 009_same_rows.sql, five
-- columns more at its end).
CREATE OR REPLACE VIEW v_fact AS
SELECT s.name AS doc, s.path, f.line, f.measure, f.value, f.unit, f.qualifier,
       fu.code AS fund, g.country, g.name AS region, g.kind AS region_kind,
       se.name AS sector, se.dac_code,
       p.label AS period, p.kind AS period_kind, p.first_day, p.last_day,
       f.usd_cents, f.rate, f.rate_year, f.flags, f.is_total, f.is_project,
       f.span_start, f.span_end, f.snippet, f.batch_key, f.source_key, f.fact_no,
       k.kind, f.fund_from, f.country_from, f.region_from, f.sector_from, f.period_from
FROM fact f
JOIN dim_source s USING (source_key)
JOIN dim_fund fu USING (fund_key)
JOIN dim_geography g USING (geo_key)
JOIN dim_sector se USING (sector_key)
JOIN dim_period p USING (period_key)
JOIN dim_kind k USING (kind_key)
WHERE s.same_rows_key IS NULL;
COMMENT ON COLUMN v_fact.fund_from IS 'Where the fund came from (fact.fund_from)';
COMMENT ON COLUMN v_fact.country_from IS 'Where the country came from (fact.country_from)';
COMMENT ON COLUMN v_fact.region_from IS 'Where the region came from (fact.region_from)';
COMMENT ON COLUMN v_fact.sector_from IS 'Where the sector came from (fact.sector_from)';
COMMENT ON COLUMN v_fact.period_from IS 'Where the period came from (fact.period_from)';
