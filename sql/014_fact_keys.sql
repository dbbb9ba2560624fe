-- 014_fact_keys.sql — fact's keys checked once per statement, not per row.
--
-- A foreign key checks each new fact on its own: ten look-ups (one per key
-- column) for every row of a COPY, three quarters of a load's time (200,000
-- facts: 8.5 s of COPY, 2.0 s without the checks).  The same rules are kept
-- here by statement triggers over transition tables: after each INSERT,
-- UPDATE or COPY of fact, each key column's distinct new values are looked
-- up at once (one join per column), their rows in the referenced table
-- locked FOR KEY SHARE as a foreign key locks them (so that no concurrent
-- transaction deletes a member a new fact uses); after each DELETE or
-- UPDATE of a referenced table, the keys gone are looked up in fact (with
-- an index where members are deleted: fact's primary key for a source,
-- fact_project_key for a replaced source's projects; no index is added, as
-- each would slow every load).  A violation is the error a foreign key gives
-- (SQLSTATE 23503, its message, detail and fields naming the same
-- constraint; a CONTEXT line says which trigger).  TRUNCATE of a referenced
-- table is refused while facts use it, as a foreign key refuses it (with
-- fact in the same TRUNCATE it passes; CASCADE does not follow these keys).
-- One difference is left: a foreign key checks a member's DELETE against
-- the facts another transaction committed while it waited, even under
-- REPEATABLE READ; a trigger sees its transaction's snapshot, so a DELETE
-- at that level racing an INSERT of a fact of that member can pass.  In
-- READ COMMITTED (aidcube's loads, which also take the load lock) the
-- check sees it: the member's row lock makes the DELETE wait for the
-- INSERT's commit.  (A shard's rows come through postgres_fdw at
-- REPEATABLE READ, so refusing deletes there is no way out.)
--
-- The rules are the rows of fact_key: what an analyst reads in place of
-- \d fact's "Foreign-key constraints".
--   SELECT * FROM fact_key ORDER BY constraint_name;

CREATE TABLE fact_key (
    constraint_name name PRIMARY KEY,
    fact_column     name NOT NULL UNIQUE,
    ref_table       name NOT NULL,
    ref_column      name NOT NULL
);
COMMENT ON COLUMN fact_key.constraint_name IS 'The name of the rule, as a foreign key''s: violations say it';
COMMENT ON COLUMN fact_key.fact_column IS 'The column of fact that holds the key';
COMMENT ON COLUMN fact_key.ref_table IS 'The table whose row it names';
COMMENT ON COLUMN fact_key.ref_column IS 'That table''s key column';
COMMENT ON TABLE fact_key IS 'The foreign keys of fact, checked once per statement by triggers (sql/014_fact_keys.sql): each fact''s fact_column holds NULL or a ref_column of ref_table';

INSERT INTO fact_key
SELECT c.conname, a.attname, r.relname, ra.attname
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_class r ON r.oid = c.confrelid
JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
WHERE c.conrelid = 'fact'::regclass AND c.contype = 'f';

DO $$
DECLARE
    k record;
BEGIN
    IF (SELECT count(*) FROM fact_key) <> 10 THEN
        RAISE EXCEPTION 'fact has % foreign keys, 10 expected', (SELECT count(*) FROM fact_key);
    END IF;
    FOR k IN SELECT * FROM fact_key LOOP
        EXECUTE format('ALTER TABLE fact DROP CONSTRAINT %I', k.constraint_name);
    END LOOP;
END $$;

-- After INSERT, UPDATE or COPY of fact: every key of the new rows exists.
CREATE FUNCTION fact_keys_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k record;
    bad text;
BEGIN
    FOR k IN EXECUTE format('SELECT * FROM %I.fact_key ORDER BY constraint_name', TG_TABLE_SCHEMA) LOOP
        EXECUTE format('WITH n AS MATERIALIZED (SELECT DISTINCT %1$I AS v FROM new_rows WHERE %1$I IS NOT NULL),'
                       ' f AS (SELECT r.%3$I AS v FROM %2$I.%4$I r JOIN n ON r.%3$I = n.v FOR KEY SHARE OF r)'
                       ' SELECT n.v::text FROM n LEFT JOIN f USING (v) WHERE f.v IS NULL ORDER BY 1 LIMIT 1',
                       k.fact_column, TG_TABLE_SCHEMA, k.ref_column, k.ref_table) INTO bad;
        IF bad IS NOT NULL THEN
            RAISE foreign_key_violation USING
                MESSAGE = format('insert or update on table "%s" violates foreign key constraint "%s"',
                                 TG_TABLE_NAME, k.constraint_name),
                DETAIL = format('Key (%s)=(%s) is not present in table "%s".', k.fact_column, bad,
                                k.ref_table),
                SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, CONSTRAINT = k.constraint_name;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

-- After DELETE or UPDATE of a referenced table: no fact uses a key gone.
CREATE FUNCTION fact_keys_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k record;
    bad text;
    gone text;
BEGIN
    FOR k IN EXECUTE format('SELECT * FROM %I.fact_key WHERE ref_table = $1 ORDER BY constraint_name',
                            TG_TABLE_SCHEMA) USING TG_TABLE_NAME LOOP
        gone := format('SELECT %I AS v FROM old_rows', k.ref_column);
        IF TG_OP = 'UPDATE' THEN
            gone := gone || format(' EXCEPT SELECT %I FROM new_rows', k.ref_column);
        END IF;
        EXECUTE format('SELECT g.v::text FROM (%s) g WHERE EXISTS (SELECT 1 FROM %I.fact f WHERE f.%I = g.v)'
                       ' ORDER BY 1 LIMIT 1', gone, TG_TABLE_SCHEMA, k.fact_column) INTO bad;
        IF bad IS NOT NULL THEN
            RAISE foreign_key_violation USING
                MESSAGE = format('update or delete on table "%s" violates foreign key constraint "%s" on table "fact"',
                                 TG_TABLE_NAME, k.constraint_name),
                DETAIL = format('Key (%s)=(%s) is still referenced from table "fact".', k.ref_column, bad),
                SCHEMA = TG_TABLE_SCHEMA, TABLE = 'fact', CONSTRAINT = k.constraint_name;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

-- After TRUNCATE of a referenced table: no fact uses its keys (truncated
-- in the same command, fact is empty: TRUNCATE fact, dim_project).
CREATE FUNCTION fact_keys_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k record;
    used boolean;
BEGIN
    FOR k IN EXECUTE format('SELECT * FROM %I.fact_key WHERE ref_table = $1 ORDER BY constraint_name',
                            TG_TABLE_SCHEMA) USING TG_TABLE_NAME LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.fact WHERE %I IS NOT NULL)', TG_TABLE_SCHEMA,
                       k.fact_column) INTO used;
        IF used THEN
            RAISE feature_not_supported USING
                MESSAGE = 'cannot truncate a table referenced in a foreign key constraint',
                DETAIL = format('Table "fact" references "%s".', TG_TABLE_NAME),
                HINT = format('Truncate table "fact" at the same time (CASCADE does not follow fact''s keys: sql/014_fact_keys.sql).'),
                SCHEMA = TG_TABLE_SCHEMA, TABLE = 'fact', CONSTRAINT = k.constraint_name;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER fact_keys_ins AFTER INSERT ON fact REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION fact_keys_exist();
CREATE TRIGGER fact_keys_upd AFTER UPDATE ON fact REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION fact_keys_exist();

DO $$
DECLARE
    t name;
BEGIN
    FOR t IN SELECT DISTINCT ref_table FROM fact_key ORDER BY 1 LOOP
        EXECUTE format('CREATE TRIGGER fact_keys_del AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fact_keys_kept()', t);
        EXECUTE format('CREATE TRIGGER fact_keys_upd AFTER UPDATE ON %I'
                       ' REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fact_keys_kept()', t);
        EXECUTE format('CREATE TRIGGER fact_keys_truncate AFTER TRUNCATE ON %I'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION fact_keys_no_truncate()', t);
    END LOOP;
END $$;
