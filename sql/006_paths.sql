-- 006_paths.sql — a path is a source; names are stored escaped.
--
-- A path is a source: each path loaded has its row in dim_source with the
-- content last seen there, whatever other path has the same content.  The
-- facts of one content are stored once, under one of its rows (the holder,
-- content_key NULL); every other row of that content points at it
-- (content_key).  When the holder's path gets another content, the first
-- other path of the old content (in byte order) takes its facts over.  The
-- cube from the warehouse reads each content once, under its first path in
-- byte order: what `aidcube cube FILES` gives when FILES are in that order
-- (a content seen twice is loaded once, by its first file).
--
-- Names (paths, file names, sheet names, rejected raw values and reasons)
-- are stored as the TSV outputs print them (base/diag.h): a backslash, a
-- tab, a line end as \\ \t \n \r, a control and a byte that is not valid
-- UTF-8 as \xHH.  A file name that is not UTF-8 no longer fails the batch
-- (SQLSTATE 22021), and reads back as extract spells it.  The rows written
-- before (always valid UTF-8) are escaped here the same way.
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again.

-- run again, the IF [NOT] EXISTS below skip quietly
SET LOCAL client_min_messages = warning;

ALTER TABLE dim_source DROP CONSTRAINT IF EXISTS dim_source_sha256_key;
ALTER TABLE dim_source ADD COLUMN IF NOT EXISTS content_key integer REFERENCES dim_source;
CREATE UNIQUE INDEX IF NOT EXISTS dim_source_holder ON dim_source (sha256) WHERE content_key IS NULL;
CREATE INDEX IF NOT EXISTS dim_source_content_key ON dim_source (content_key);
COMMENT ON TABLE dim_source IS 'The source documents: one row per path, holding the content last loaded there';
COMMENT ON COLUMN dim_source.path IS 'Natural key: the canonical (absolute) path of the file, escaped as the TSV outputs escape names (\\ \t \n \r, \xHH for a control or a byte that is not UTF-8)';
COMMENT ON COLUMN dim_source.name IS 'The base name, for display (the doc column of aidcube extract, escaped as it prints it)';
COMMENT ON COLUMN dim_source.sha256 IS 'SHA-256 of the bytes read: a path whose content did not change is skipped';
COMMENT ON COLUMN dim_source.content_key IS 'NULL: this row holds the facts of its content; else the row of another path with the same content that holds them';

CREATE FUNCTION pg_temp.ac_escape(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    r text := '';
    c text;
    n integer;
BEGIN
    IF s IS NULL OR s !~ '[\\\x01-\x1f\x7f-\x9f]' THEN
        RETURN s;
    END IF;
    FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
        n := ascii(c);
        r := r || CASE WHEN c = '\' THEN '\\' WHEN n = 9 THEN '\t' WHEN n = 10 THEN '\n'
                       WHEN n = 13 THEN '\r'
                       WHEN n < 32 OR n = 127 THEN '\x' || upper(lpad(to_hex(n), 2, '0'))
                       WHEN n BETWEEN 128 AND 159 THEN '\xC2\x' || upper(to_hex(n))
                       ELSE c END;
    END LOOP;
    RETURN r;
END $$;

-- once: the rows of version 5 are not escaped yet
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM schema_version WHERE version = 6) THEN
        UPDATE dim_source SET path = pg_temp.ac_escape(path), name = pg_temp.ac_escape(name)
            WHERE path IS DISTINCT FROM pg_temp.ac_escape(path)
               OR name IS DISTINCT FROM pg_temp.ac_escape(name);
        UPDATE batch_source SET path = pg_temp.ac_escape(path)
            WHERE path IS DISTINCT FROM pg_temp.ac_escape(path);
        UPDATE reject SET path = pg_temp.ac_escape(path), sheet = pg_temp.ac_escape(sheet),
                          raw = pg_temp.ac_escape(raw), reason = pg_temp.ac_escape(reason)
            WHERE path IS DISTINCT FROM pg_temp.ac_escape(path)
               OR sheet IS DISTINCT FROM pg_temp.ac_escape(sheet)
               OR raw IS DISTINCT FROM pg_temp.ac_escape(raw)
               OR reason IS DISTINCT FROM pg_temp.ac_escape(reason);
        UPDATE fact SET sheet = pg_temp.ac_escape(sheet)
            WHERE sheet IS DISTINCT FROM pg_temp.ac_escape(sheet);
    END IF;
END $$;
DROP FUNCTION pg_temp.ac_escape(text);

COMMENT ON COLUMN batch_source.path IS 'The canonical path of the source, escaped as dim_source.path';
COMMENT ON COLUMN batch_source.action IS 'loaded (new path, its facts written), replaced (new content of a known path), skipped (the path''s content unchanged, or a new path of a content already loaded), copy (same content as another source of the batch)';
COMMENT ON COLUMN batch_source.source_key IS 'The row of the path';
COMMENT ON COLUMN batch.sources_skipped IS 'Sources whose path already held the content, new paths of a content already loaded, and copies of another source of the batch';
COMMENT ON COLUMN reject.path IS 'The file, as given, escaped as dim_source.path';
COMMENT ON COLUMN reject.sheet IS 'A spreadsheet row: the sheet''s name (line is the row), escaped as dim_source.path';
COMMENT ON COLUMN reject.raw IS 'The raw text rejected, when there is one, escaped as dim_source.path';
COMMENT ON COLUMN reject.reason IS 'Why, as aidcube reported it (escaped as it prints it)';
COMMENT ON COLUMN fact.sheet IS 'Spreadsheets: the name of the sheet of the figure''s cell, escaped as dim_source.path; NULL for text sources';
