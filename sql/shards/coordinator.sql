-- shards/coordinator.sql — a sharded warehouse's coordinator, set up by
-- `aidcube db init --shards CONNINFO,...` in the transaction that applies
-- sql/NNN_*.sql to an empty schema (after each shard's schema was made by
-- the same files and shards/shard.sql).  This file only defines functions;
-- aidcube calls shard_server() once per shard, then shard_fact().
--
-- The design (PostgreSQL 15 and postgres_fdw):
--   * fact is PARTITIONED BY HASH (source_key): a source's facts stay
--     together on one shard, so a reload that replaces a source touches one
--     shard, and (source_key, fact_no), the primary key, is unique on each
--     shard exactly when it is unique in all.  Each partition is a foreign
--     table (fact_1 ... fact_N) on its shard's fact table.
--   * Foreign tables have no indexes and no enforced constraints, and a
--     partitioned table with foreign partitions cannot have a unique index
--     or a foreign key.  So the coordinator's fact declares the CHECKs (not
--     enforced here) and has no primary or foreign key; every invariant is
--     enforced by the shard's own fact table, which is the single server's
--     (primary key, CHECKs, foreign keys to the shard's dimension tables).
--   * The tables fact references (batch, dim_source, dim_sector,
--     dim_geography, dim_period, dim_fund, dim_currency, dim_kind,
--     dim_project, dim_partner) are the coordinator's, where the loader
--     writes them, with their unique keys; statement triggers copy every
--     INSERT, UPDATE and DELETE to each shard's copy in the same
--     transaction, so a shard holds every row its facts reference (its
--     foreign keys say so) and can answer a query of its facts with their
--     members by itself.  (On the coordinator, postgres_fdw pushes no join
--     of a foreign partition with a local table down to the shard: the
--     members are joined here.)
--   * Every other table (cube_cell, finding, reject, ...) is the
--     coordinator's only.
--   * Each shard's server has async_capable: an Append over the foreign
--     partitions runs their scans (and aggregates pushed down with
--     enable_partitionwise_aggregate, set for the database) on all shards
--     at once.
--   * A fact whose new source_key belongs to another shard is moved there
--     by a trigger (a foreign partition never moves a row itself).
--   * The views are made again over the partitioned fact, as they were.
-- No two-phase commit: postgres_fdw commits each shard's transaction (all
-- at once: parallel_commit) just before the coordinator commits its own.

-- postgres_fdw once per database, in schema public when there is one (not
-- in this schema: dropping it would drop every other schema's shards)
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgres_fdw') THEN
        EXECUTE format('CREATE EXTENSION postgres_fdw SCHEMA %I',
                       coalesce(to_regnamespace('public')::name, current_schema()));
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS shard (
    shard_no        integer PRIMARY KEY CHECK (shard_no >= 1),
    server_name     name NOT NULL UNIQUE,
    foreign_schema  name NOT NULL UNIQUE,
    partition_name  name NOT NULL UNIQUE
);
COMMENT ON TABLE shard IS 'The shards of a sharded warehouse (aidcube db init --shards): the foreign server, the schema of its foreign tables here, the fact partition it holds';
COMMENT ON COLUMN shard.shard_no IS 'Number of the shard, 1-based, in the order --shards names them; partition remainder shard_no - 1';
COMMENT ON COLUMN shard.server_name IS 'The postgres_fdw server (pg_foreign_server): its connection options';
COMMENT ON COLUMN shard.foreign_schema IS 'The schema of its foreign tables: the copies of the dimension tables on the shard';
COMMENT ON COLUMN shard.partition_name IS 'The foreign partition of fact on the shard';

-- The tables replicated to every shard: those fact references (its keys,
-- table fact_key: sql/014_fact_keys.sql), then those shard_replicate copies.
CREATE OR REPLACE FUNCTION shard_replicated() RETURNS SETOF name
LANGUAGE sql STABLE AS $$
    SELECT ref_table FROM fact_key
    UNION
    SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE t.tgfoid::regproc::text = 'shard_replicate' AND c.relnamespace = current_schema()::regnamespace
    ORDER BY 1
$$;

-- Shard n: its server (libpq options opt = val, async), the current
-- user's mapping (user and password; no password needed when a superuser
-- sets it up), and its dimension tables imported as foreign tables.
CREATE OR REPLACE FUNCTION shard_server(n integer, opt text[], val text[], uopt text[], uval text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    srv name := format('%s_shard_%s', current_schema(), n);
    fs name := format('%s_shard_%s', current_schema(), n);
    opts text;
    uopts text;
    tabs text;
BEGIN
    -- fetch_size: rows per round trip on a scan (default 100); batch_size:
    -- rows per remote INSERT.  Both cut round trips on large tables.
    -- parallel_commit: the shards commit at once, not one after the other.
    SELECT string_agg(format('%I %L', o, v), ', ') INTO opts
    FROM unnest(opt || ARRAY['async_capable', 'parallel_commit', 'fetch_size', 'batch_size'],
                val || ARRAY['true', 'true', '10000', '1000']) AS t(o, v);
    EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (%s)', srv, opts);
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        uopt := uopt || ARRAY['password_required'];
        uval := uval || ARRAY['false'];
    END IF;
    SELECT string_agg(format('%I %L', o, v), ', ') INTO uopts FROM unnest(uopt, uval) AS t(o, v);
    EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I%s', srv,
                   CASE WHEN uopts IS NULL THEN '' ELSE format(' OPTIONS (%s)', uopts) END);
    EXECUTE format('CREATE SCHEMA %I', fs);
    SELECT string_agg(quote_ident(r), ', ') INTO tabs FROM shard_replicated() r;
    EXECUTE format('IMPORT FOREIGN SCHEMA %I LIMIT TO (%s) FROM SERVER %I INTO %I',
                   current_schema(), tabs, srv, fs);
    INSERT INTO shard VALUES (n, srv, fs, format('fact_%s', n));
END $$;

-- Copy a statement's rows of a replicated table to every shard's copy
-- (statement trigger with transition tables new_rows / old_rows).
CREATE OR REPLACE FUNCTION shard_replicate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s record;
    cols text;
    k name;
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
    WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    SELECT a.attname INTO k FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
    WHERE i.indrelid = TG_RELID AND i.indisprimary;
    FOR s IN SELECT foreign_schema FROM shard ORDER BY shard_no LOOP
        IF TG_OP = 'INSERT' THEN
            EXECUTE format('INSERT INTO %I.%I (%s) SELECT %s FROM new_rows',
                           s.foreign_schema, TG_TABLE_NAME, cols, cols);
        ELSIF TG_OP = 'UPDATE' THEN
            EXECUTE format('UPDATE %I.%I r SET (%s) = (SELECT %s FROM new_rows n WHERE n.%I = r.%I)'
                           ' WHERE r.%I IN (SELECT %I FROM new_rows)',
                           s.foreign_schema, TG_TABLE_NAME, cols, cols, k, k, k, k);
        ELSE
            EXECUTE format('DELETE FROM %I.%I WHERE %I IN (SELECT %I FROM old_rows)',
                           s.foreign_schema, TG_TABLE_NAME, k, k);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

-- A fact whose source_key an UPDATE changes to a key of another shard is
-- moved there: deleted here, inserted through fact (routed by its new
-- key).  PostgreSQL moves a row between partitions only when the partition
-- checks its constraint, which a foreign partition never does: without
-- this trigger the loader's UPDATE fact SET source_key (a copy taking a
-- content over) would leave the facts on the old shard, where the
-- coordinator never looks for their key.  (A row trigger also makes
-- postgres_fdw fetch the whole row, so NEW is the whole fact.)
CREATE OR REPLACE FUNCTION shard_fact_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m integer;
    r integer;
    cols text;
BEGIN
    IF NEW.source_key = OLD.source_key THEN     -- every UPDATE but a move: at once
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT count(*), max(shard_no - 1) FILTER (WHERE partition_name = $1)'
                   ' FROM %I.shard', TG_TABLE_SCHEMA) INTO m, r USING TG_TABLE_NAME;
    IF satisfies_hash_partition(format('%I.fact', TG_TABLE_SCHEMA)::regclass, m, r, NEW.source_key) THEN
        RETURN NEW;
    END IF;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols FROM pg_attribute
    WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
    EXECUTE format('DELETE FROM %I.fact WHERE source_key = $1 AND fact_no = $2', TG_TABLE_SCHEMA)
        USING OLD.source_key, OLD.fact_no;
    EXECUTE format('INSERT INTO %I.fact (%s) SELECT %s FROM (SELECT ($1).*) n', TG_TABLE_SCHEMA, cols, cols)
        USING NEW;
    RETURN NULL;
END $$;

-- fact becomes the partitioned table over the n shards' fact tables (the
-- schema is empty: no fact to move); the views over it are made again.
CREATE OR REPLACE FUNCTION shard_fact(n integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v record;
    s record;
    t name;
BEGIN
    IF EXISTS (SELECT 1 FROM fact) THEN
        RAISE EXCEPTION 'fact is not empty: a sharded warehouse starts empty';
    END IF;
    CREATE TEMPORARY TABLE shard_view ON COMMIT DROP AS
        SELECT c.oid, c.relname, pg_get_viewdef(c.oid) AS def,
               obj_description(c.oid, 'pg_class') AS note
        FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'v';
    CREATE TEMPORARY TABLE shard_view_col ON COMMIT DROP AS
        SELECT c.relname, a.attname, col_description(c.oid, a.attnum) AS note
        FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'v'
          AND col_description(c.oid, a.attnum) IS NOT NULL;
    FOR v IN SELECT relname FROM shard_view ORDER BY oid DESC LOOP
        EXECUTE format('DROP VIEW IF EXISTS %I CASCADE', v.relname);
    END LOOP;
    -- replicate before the old fact and its foreign keys go
    FOR t IN SELECT * FROM shard_replicated() LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION shard_replicate()', t || '_shard_ins', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION shard_replicate()', t || '_shard_upd', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION shard_replicate()', t || '_shard_del', t);
    END LOOP;
    -- fact's keys are the shards' to check (each shard's fact has the
    -- triggers of sql/014_fact_keys.sql over its own copies of the members):
    -- here a member's delete would scan every shard's facts
    FOR t IN SELECT DISTINCT ref_table FROM fact_key LOOP
        EXECUTE format('DROP TRIGGER fact_keys_del ON %I', t);
        EXECUTE format('DROP TRIGGER fact_keys_upd ON %I', t);
        EXECUTE format('DROP TRIGGER fact_keys_truncate ON %I', t);
    END LOOP;
    ALTER TABLE fact RENAME TO fact_single;
    CREATE TABLE fact (LIKE fact_single INCLUDING DEFAULTS INCLUDING GENERATED
                       INCLUDING CONSTRAINTS INCLUDING COMMENTS)
        PARTITION BY HASH (source_key);
    DROP TABLE fact_single;
    COMMENT ON TABLE fact IS 'The facts of the model, hash-partitioned by source_key over the shards (table shard): each partition a foreign table on its shard''s fact table, which enforces the primary key, CHECKs and foreign keys';
    FOR s IN SELECT * FROM shard ORDER BY shard_no LOOP
        EXECUTE format('CREATE FOREIGN TABLE %I PARTITION OF fact'
                       ' FOR VALUES WITH (MODULUS %s, REMAINDER %s) SERVER %I'
                       ' OPTIONS (schema_name %L, table_name %L)',
                       s.partition_name, n, s.shard_no - 1, s.server_name, current_schema(), 'fact');
    END LOOP;
    CREATE TRIGGER fact_moved BEFORE UPDATE ON fact
        FOR EACH ROW EXECUTE FUNCTION shard_fact_moved();
    FOR v IN SELECT * FROM shard_view ORDER BY oid LOOP
        EXECUTE format('CREATE VIEW %I AS %s', v.relname, v.def);
        IF v.note IS NOT NULL THEN
            EXECUTE format('COMMENT ON VIEW %I IS %L', v.relname, v.note);
        END IF;
    END LOOP;
    FOR v IN SELECT * FROM shard_view_col LOOP
        EXECUTE format('COMMENT ON COLUMN %I.%I IS %L', v.relname, v.attname, v.note);
    END LOOP;
    -- the cube's GROUP BY over the partitions, on the shards, in parallel:
    -- for every session of the database, else (not its owner) for this
    -- user's
    BEGIN
        EXECUTE format('ALTER DATABASE %I SET enable_partitionwise_aggregate = on', current_database());
        EXECUTE format('ALTER DATABASE %I SET enable_partitionwise_join = on', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
        EXECUTE format('ALTER ROLE CURRENT_USER IN DATABASE %I SET enable_partitionwise_aggregate = on',
                       current_database());
        EXECUTE format('ALTER ROLE CURRENT_USER IN DATABASE %I SET enable_partitionwise_join = on',
                       current_database());
    END;
END $$;
