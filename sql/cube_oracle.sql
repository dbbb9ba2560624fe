-- The cube by PostgreSQL's own GROUP BY CUBE, for facts that are all at the
-- finest grain (one row per project): the oracle the test suite holds the C
-- cube to (tests/t_cube_oracle.sh).  One row per cell of the 16 cuboids, in
-- the format of `aidcube cube`: cuboid, sector, region, year, fund,
-- amount_usd, projects.
SET search_path = aidcube, public;

SELECT coalesce(nullif(concat_ws('x',
           CASE WHEN GROUPING(sector) = 0 THEN 'sector' END,
           CASE WHEN GROUPING(region) = 0 THEN 'region' END,
           CASE WHEN GROUPING(period) = 0 THEN 'year' END,
           CASE WHEN GROUPING(fund) = 0 THEN 'fund' END), ''), 'total') AS cuboid,
       coalesce(sector, 'Total') AS sector,
       coalesce(region, 'Total') AS region,
       coalesce(period, 'Total') AS year,
       coalesce(fund, 'Total') AS fund,
       to_char(sum(usd) FILTER (WHERE measure = 'amount'), 'FM999999999990.00') AS amount_usd,
       to_char(sum(value) FILTER (WHERE measure = 'count' AND unit = 'projects'),
               'FM999999999990.00') AS projects
FROM v_observation
GROUP BY CUBE (sector, region, period, fund)
ORDER BY 1, 2, 3, 4, 5;
