-- The cube's cells by PostgreSQL, from the rules of cube/cube.h, for the
-- facts of fixtures/gen/oracle_facts.py: the oracle tests/t_cube_oracle.sh
-- holds the C cube to, cell by cell, to the cent.
--
-- Input (loaded by the test):
--   fact_in  the generator's TSV: the `aidcube extract` columns plus pkind,
--            role and group;
--   rate_in  fixtures/ref/rates.tsv as it stands;
--   sector_in each sector of the facts with its DAC code's and group's
--            members as the cube names them (tests/cube_invariants.py
--            reads them from fixtures/ref/sectors*.tsv).
-- Output: one row per cell of the 16 cuboids, in the first 13 columns of
-- `aidcube cube`: cuboid, sector, region, period, fund, amount_usd, origin,
-- reported_usd, computed_usd, derived_usd, flags, projects, projects_origin.
--
-- The semantics stated here:
--   * money: USD = value × rate rounded half away from zero to the cent
--     (numeric round()), the rate exact: EUR its annual average, XOF the
--     EUR rate / 655.957 rounded to 14 decimal places, of the year the
--     period ends (a fiscal year 2018/2019: 2019; a span 2021-2022: 2022);
--   * periods: calendar years, UN fiscal years and spans, named as the cube
--     names them (2016, 2018/2019, 2021-2022); the generator keeps them in
--     separate funds so that no two period members overlap;
--   * regions: country > reported grouping > region (ROLLUP), a region under
--     a grouping (Tombouctou under Tombouctou / Taoudénit) never added to
--     its country beside its grouping; the generator states a grouping's
--     regions only in the figures that state the grouping (a grouping is a
--     member of the C cube only where a figure states it);
--   * stated totals with their parts (rule 3): a total stated for one
--     sector and one grouping is the grouping's reported value; its parts'
--     sum the computed one; the cell shows GREATEST of the two, origin
--     reported unless the parts exceed it (then computed, flagged conflict);
--     above the grouping only the value shown is added, never the total and
--     its parts;
--   * sectors: DAC group > code > theme (ROLLUP, cube.h rule 2); the
--     generator's themes have one code and one group each, so a code's and
--     a group's cells hold their one theme's value, computed;
--   * a cell with no value prints empty, never 0.
SET search_path = pg_temp, public;

CREATE TEMP VIEW rate_usd AS
    SELECT currency, year::int AS year, value AS rate FROM rate_in WHERE kind = 'avg'
    UNION ALL
    SELECT p.currency, a.year::int, round(a.value / p.value, 14)
    FROM rate_in p JOIN rate_in a ON a.currency = p.base AND a.kind = 'avg'
    WHERE p.kind = 'peg';

CREATE TEMP VIEW fact AS
    SELECT f.*, s.scode, s.sgrp,
           CASE f.pkind WHEN 'fiscal' THEN replace(f.period, '-', '/') ELSE f.period END AS per,
           (SELECT g.grp FROM (VALUES ('Tombouctou', 'Tombouctou / Taoudénit'),
                                      ('Taoudénit', 'Tombouctou / Taoudénit'),
                                      ('Gao', 'Gao / Ménaka'), ('Ménaka', 'Gao / Ménaka'))
                   AS g(region, grp) WHERE g.region = f.region) AS region_grp,
           CASE WHEN f.measure <> 'amount' THEN NULL
                WHEN f.unit = 'USD' THEN f.value
                ELSE round(f.value * r.rate, 2) END AS usd
    FROM fact_in f
    LEFT JOIN sector_in s ON s.sector = f.sector
    LEFT JOIN rate_usd r ON r.currency = f.unit AND r.year =
        CASE f.pkind WHEN 'year' THEN f.period::int ELSE split_part(f.period, '-', 2)::int END;

-- A: every figure at the finest grain (the leaf rows and the totals' parts)
CREATE TEMP VIEW set_a AS
    SELECT sgrp, scode, sector, country, region_grp AS grp, region, per, fund, usd,
           CASE WHEN measure = 'count' THEN value END AS projects,
           NULL::numeric AS t, NULL::numeric AS p
    FROM fact WHERE role = 'item';

-- B: the leaf rows, and each stated total with its parts as one figure at
-- its grouping: GREATEST(total, parts)
CREATE TEMP VIEW set_b AS
    SELECT sgrp, scode, sector, country, region_grp AS grp, region, per, fund, usd,
           CASE WHEN measure = 'count' THEN value END AS projects,
           NULL::numeric AS t, NULL::numeric AS p
    FROM fact WHERE role = 'item' AND doc NOT LIKE 'total-%'
    UNION ALL
    SELECT t.sgrp, t.scode, t.sector, t.country, t.region, NULL, t.per, t.fund,
           GREATEST(t.usd, ps.s), NULL, t.usd, ps.s
    FROM fact t
    JOIN (SELECT doc, sum(usd) AS s FROM fact WHERE role = 'item' GROUP BY doc) ps
      ON ps.doc = t.doc
    WHERE t.role = 'total';

CREATE TEMP VIEW cells AS
    SELECT 'A' AS src, GROUPING(sgrp) AS gsg, GROUPING(scode) AS gsc, GROUPING(sector) AS gs,
           GROUPING(country) AS gc, GROUPING(grp) AS gg,
           GROUPING(region) AS gr, GROUPING(per) AS gp, GROUPING(fund) AS gf,
           sgrp, scode, sector, country, grp, region, per, fund,
           sum(usd) AS usd, sum(projects) AS projects, sum(t) AS t, sum(p) AS p
    FROM set_a GROUP BY ROLLUP (sgrp, scode, sector), CUBE (per, fund), ROLLUP (country, grp, region)
    UNION ALL
    SELECT 'B', GROUPING(sgrp), GROUPING(scode), GROUPING(sector), GROUPING(country),
           GROUPING(grp), GROUPING(region),
           GROUPING(per), GROUPING(fund), sgrp, scode, sector, country, grp, region, per, fund,
           sum(usd), sum(projects), sum(t), sum(p)
    FROM set_b GROUP BY ROLLUP (sgrp, scode, sector), CUBE (per, fund), ROLLUP (country, grp, region);

SELECT coalesce(nullif(concat_ws('x',
           CASE WHEN gsg = 0 THEN 'sector' END,
           CASE WHEN gc = 0 THEN 'region' END,
           CASE WHEN gp = 0 THEN 'period' END,
           CASE WHEN gf = 0 THEN 'fund' END), ''), 'total') AS cuboid,
       CASE WHEN gs = 0 THEN sector WHEN gsc = 0 THEN scode WHEN gsg = 0 THEN sgrp
            ELSE 'Total' END,
       CASE WHEN gc = 1 THEN 'Total' WHEN gg = 1 THEN country WHEN gr = 1 THEN grp
            ELSE region END,
       CASE WHEN gp = 0 THEN per ELSE 'Total' END,
       CASE WHEN gf = 0 THEN fund ELSE 'Total' END,
       to_char(usd, 'FM999999999990.00'),
       CASE WHEN usd IS NULL THEN ''
            WHEN t IS NOT NULL AND gs = 0 AND gp = 0 AND gf = 0 AND gg = 0 AND gr = 1
                THEN CASE WHEN t >= p THEN 'reported' ELSE 'computed' END
            WHEN finest THEN 'reported' ELSE 'computed' END,
       CASE WHEN t IS NOT NULL AND gs = 0 AND gp = 0 AND gf = 0 AND gg = 0 AND gr = 1
                THEN to_char(t, 'FM999999999990.00')
            WHEN finest THEN to_char(usd, 'FM999999999990.00') END,
       CASE WHEN t IS NOT NULL AND gs = 0 AND gp = 0 AND gf = 0 AND gg = 0 AND gr = 1
                THEN to_char(p, 'FM999999999990.00')
            WHEN NOT finest THEN to_char(usd, 'FM999999999990.00') END,
       '',
       CASE WHEN t IS NOT NULL AND gs = 0 AND gp = 0 AND gf = 0 AND gg = 0 AND gr = 1
                 AND p > t THEN 'conflict' ELSE '' END,
       to_char(projects, 'FM999999999990'),
       CASE WHEN projects IS NULL THEN '' WHEN finest THEN 'reported' ELSE 'computed' END
FROM (SELECT *, (gs = 0 AND gr = 0 AND gp = 0 AND gf = 0) AS finest FROM cells
      WHERE (src = 'A' AND gr = 0)
         OR (src = 'B' AND gr = 1 AND NOT (gg = 0 AND grp IS NULL))) c
ORDER BY 1, 2, 3, 4, 5;
