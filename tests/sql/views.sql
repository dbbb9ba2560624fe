-- views.sql: the views on a tiny hand-made warehouse (schema regress, made
-- by `aidcube db init --schema regress` in tests/t_sql_regress.sh and empty): one
-- source stating a QIP total for Mali in 2017 and its two regional items,
-- another stating a count of projects and a share.
SET search_path = regress;
INSERT INTO batch (status, os_user, client_host, aidcube_version)
VALUES ('committed', 'regress', 'regress', 'test');
INSERT INTO dim_source (path, name, sha256, bytes, encoding, lang, country, doc_year, batch_key)
VALUES ('/r/a.txt', 'a.txt', repeat('a', 64), 100, 'utf-8', 'fr', 'MLI', 2017, 1),
       ('/r/b.txt', 'b.txt', repeat('b', 64), 80, 'utf-8', 'fr', 'MLI', 2017, 1);
INSERT INTO dim_sector (kind, name, dac_code) VALUES ('sector', 'Santé', '12220'), ('sector', 'Éducation', '11220');
INSERT INTO dim_geography (kind, name, country, parent_key) VALUES ('country', 'MLI', 'MLI', NULL);
INSERT INTO dim_geography (kind, name, country, parent_key) VALUES ('region', 'Gao', 'MLI', 2), ('region', 'Mopti', 'MLI', 2);
INSERT INTO dim_period (kind, label, first_day, last_day) VALUES ('year', '2017', '2017-01-01', '2017-12-31');
INSERT INTO dim_fund (kind, code, name, max_amount, max_currency, max_months)
VALUES ('fund', 'QIP', 'Quick impact projects', 50000, 'USD', 6);
INSERT INTO dim_currency (code, name) VALUES ('USD', 'US dollar');
-- keys: sectors 2 Santé, 3 Éducation; geography 2 MLI, 3 Gao, 4 Mopti; period 2; fund 2
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, snippet, measure,
                  value, unit, currency_key, usd_cents, qualifier, period_stated, sector_key,
                  geo_key, period_key, fund_key, flags)
VALUES (1, 1, 1, 1, 10, 20, 'QIP 2017 : 100 000 USD au Mali', 'amount', 100000, 'USD', 1,
        10000000, 'exact', '2017', 0, 2, 2, 2, 1),
       (1, 2, 1, 2, 30, 40, 'Gao (santé) 60 000 USD', 'amount', 60000, 'USD', 1,
        6000000, 'exact', '2017', 2, 3, 2, 2, 4 | 512),
       (1, 3, 1, 3, 50, 60, 'Mopti (éducation) 40 000,50 USD', 'amount', 40000.50, 'USD', 1,
        4000050, 'exact', '2017', 3, 4, 2, 2, 4 | 512),
       (2, 1, 1, 1, 5, 7, '2 projets', 'count', 2, 'projects', NULL, NULL, 'exact', '2017',
        0, 2, 2, 2, 1),
       (2, 2, 1, 2, 9, 12, 'Gao : 60 %', 'share', 60, '%', NULL, NULL, 'approx', NULL,
        0, 3, 0, 2, 32);
-- the facts with their names
SELECT doc, line, measure, value, unit, qualifier, fund, country, region, region_kind, sector,
       dac_code, period, period_kind, first_day, last_day, usd_cents, is_total
FROM v_fact ORDER BY doc, line;
-- the leaf facts
SELECT doc, line, value, unit, usd_cents, sector, dac_code, region, period, fund FROM v_leaf_fact
ORDER BY doc, line;
-- GROUP BY CUBE over the summable amounts: the 16 groupings of 3 amounts
SELECT count(*) AS rows, count(DISTINCT (all_sectors, all_regions, all_periods, all_funds)) AS groupings
FROM v_cube_sql;
-- by sector and region (all periods and funds)
SELECT sector, region, all_sectors, all_regions, usd_cents_leaf, n_leaf, n_not_leaf
FROM v_cube_sql_named WHERE all_periods = 1 AND all_funds = 1
ORDER BY all_sectors, all_regions, sector_key, geo_key;
-- a cube version with its grand total, then a second one: v_cube_cell holds the latest
INSERT INTO cube_version (last_batch, sources, facts, cells, aidcube_version) VALUES (1, 2, 5, 1, 'test');
INSERT INTO cube_cell (cube_version, cuboid, sector_key, geo_key, period_key, fund_key, amount_cents,
                       origin, reported_cents, computed_cents, projects, projects_origin, n_facts)
VALUES (1, 0, 0, 0, 0, 0, 10000000, 'reported', 10000000, 10000050, 2, 'reported', 1);
INSERT INTO cube_version (last_batch, sources, facts, cells, aidcube_version) VALUES (1, 2, 5, 2, 'test');
INSERT INTO cube_cell (cube_version, cuboid, sector_key, geo_key, period_key, fund_key, amount_cents,
                       origin, reported_cents, computed_cents, flags, flag_names, projects,
                       projects_origin, n_facts)
VALUES (2, 0, 0, 0, 0, 0, 10000050, 'computed', 10000000, 10000050, 1, 'conflict', 2, 'reported', 1),
       (2, 3, 2, 3, 0, 0, 6000000, 'reported', 6000000, NULL, 0, '', NULL, 'none', 1);
SELECT cube_version, cuboid, sector, region, period, fund, amount_cents, origin, flag_names,
       projects, projects_origin, n_facts
FROM v_cube_cell ORDER BY cuboid, sector_key, geo_key;
-- two check versions: v_findings holds the latest, values at their scale
INSERT INTO check_version (last_batch, sources, facts, findings, aidcube_version) VALUES (1, 2, 5, 1, 'test');
INSERT INTO finding (check_version, seq, rule, verdict, what, stated, computed, diff, scale, unit, lines, doc, line)
VALUES (1, 1, 'sum', 'ok', 'old', 1, 1, 0, 0, 'projects', 'a.txt:1', 'a.txt', 1);
INSERT INTO check_version (last_batch, sources, facts, findings, tolerance, aidcube_version)
VALUES (1, 2, 5, 3, 0.5, 'test');
INSERT INTO finding (check_version, seq, rule, verdict, what, stated, computed, diff, scale, unit, lines, doc, line)
VALUES (2, 1, 'sum', 'mismatch', 'QIP MLI 2017: total of 2 regions', 100000.00, 100000.50, -0.50, 2, 'USD',
        'a.txt:1 a.txt:2 a.txt:3', 'a.txt', 1),
       (2, 2, 'share', 'unverifiable', 'Gao: 60 % of QIP MLI 2017', 60.00, NULL, NULL, 2, '%',
        'b.txt:2', 'b.txt', 2),
       (2, 3, 'fund-rule', 'invalid', 'QIP Gao: 60 000 USD above the 50 000 USD cap', 60000.00, 50000.00,
        10000.00, 2, 'USD', 'a.txt:2', 'a.txt', 2);
SELECT seq, verdict, rule, what, stated, computed, diff, scale, unit, lines FROM v_findings ORDER BY seq;
-- money kinds: a pledge and a disbursement beside the allocation of Gao are not
-- funding; v_cube_sql adds neither (its groupings and sums as above), v_fact
-- names their kind, dim_kind says what each kind is
INSERT INTO fact (source_key, fact_no, batch_key, line, span_start, span_end, snippet, measure,
                  value, unit, currency_key, usd_cents, qualifier, period_stated, sector_key,
                  geo_key, period_key, fund_key, flags, kind_key)
VALUES (1, 4, 1, 4, 70, 80, 'promis 25 000 USD à Gao', 'amount', 25000, 'USD', 1, 2500000,
        'exact', '2017', 2, 3, 2, 2, 512, 4),
       (1, 5, 1, 5, 90, 99, 'Gao (santé) 30 000 USD décaissés', 'amount', 30000, 'USD', 1,
        3000000, 'exact', '2017', 2, 3, 2, 2, 512 | 16384, 2);
SELECT doc, line, value, kind FROM v_fact WHERE kind <> 'not stated' ORDER BY doc, line;
SELECT fact_no, kind_key, is_apart FROM fact WHERE kind_key <> 0 ORDER BY fact_no;
SELECT sector, region, usd_cents_leaf, n_leaf, n_not_leaf
FROM v_cube_sql_named WHERE all_sectors = 1 AND all_regions = 1 AND all_periods = 1 AND all_funds = 1;
SELECT kind_key, kind, in_funding, iati, fts FROM dim_kind ORDER BY kind_key;
