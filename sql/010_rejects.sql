-- 010_rejects.sql — the rejects that still stand (issue 16, point 5).
--
-- Every batch records what it could not load in reject: a file not read
-- (line and sheet NULL), a spreadsheet row not loaded (sheet, line = the
-- row, col, raw), and, beside a file not read, the error at the line that
-- stopped it (line set, sheet NULL).  A reject stands until a later batch
-- sees the same file again: a batch that reads it (its row in batch_source,
-- whatever it did: loaded, replaced, skipped, copy) or rejects it or rows of
-- it again (its own rows then stand instead).  Files are matched by their
-- canonical path (reject.source_path, the spelling of dim_source.path and
-- batch_source.path), never by content: a file not read has no SHA-256 (the
-- reader rejects most before reading its bytes: too large, missing, not a
-- regular file).
--
-- v_reject is what `aidcube build --db` shows (warehouse/warehouse_read.c):
-- the files not read and the spreadsheet rows not loaded that stand, the
-- same two kinds as the in-process rejects.tsv (an error at a line of a
-- file not read is said by the file's own row, as in process).  A file
-- rejected once and read by a later batch is no longer there; a file read
-- once and rejected by a later batch is (the warehouse keeps the content it
-- loaded before).
--
-- Rejects recorded before this version have no source_path: the path as
-- given is used when it is absolute; a relative one is matched by the end
-- of a later batch's canonical path ('/' || path).
--
-- Idempotent as the others: applied once (schema_version), and every
-- statement is also safe to run again.

SET LOCAL client_min_messages = warning;

ALTER TABLE reject ADD COLUMN IF NOT EXISTS source_path text;
COMMENT ON COLUMN reject.source_path IS 'The canonical (absolute) path of the file, escaped as dim_source.path: how a later batch that reads the file is found; NULL before version 10';
UPDATE reject SET source_path = path WHERE source_path IS NULL AND path LIKE '/%';
CREATE INDEX IF NOT EXISTS reject_source_path ON reject (coalesce(source_path, path));
CREATE INDEX IF NOT EXISTS batch_source_path ON batch_source (path);

CREATE OR REPLACE VIEW v_reject AS
WITH seen AS (          -- every file each batch saw: read, or rejected (as a whole or rows of it)
    SELECT batch_key, path FROM batch_source
    UNION ALL
    SELECT batch_key, coalesce(source_path, path) FROM reject
)
SELECT r.batch_key, b.started_at AS rejected_at, coalesce(r.source_path, r.path) AS path,
       r.path AS path_given, r.sheet, r.line, r.col, r.raw, r.reason,
       r.sheet IS NULL AS whole_file
FROM reject r
JOIN batch b USING (batch_key)
WHERE (r.sheet IS NOT NULL OR r.line IS NULL)
  AND NOT EXISTS (SELECT 1 FROM seen s
                  WHERE s.batch_key > r.batch_key
                    AND (s.path = coalesce(r.source_path, r.path)
                         OR (r.source_path IS NULL AND r.path NOT LIKE '/%'
                             AND right(s.path, length(r.path) + 1) = '/' || r.path)));
COMMENT ON VIEW v_reject IS 'The rejects that stand: files not read and spreadsheet rows not loaded, of the last batch that saw each file (what aidcube build --db lists on the Sources sheet and in rejects.tsv)';
COMMENT ON COLUMN v_reject.batch_key IS 'The batch that rejected it: the last batch that saw the file';
COMMENT ON COLUMN v_reject.rejected_at IS 'When that batch started';
COMMENT ON COLUMN v_reject.path IS 'The canonical path of the file (the path as given for a reject recorded before version 10), escaped as dim_source.path';
COMMENT ON COLUMN v_reject.path_given IS 'The file as the load was given it, escaped as dim_source.path';
COMMENT ON COLUMN v_reject.sheet IS 'A spreadsheet row: the sheet''s name; NULL: the whole file was not read';
COMMENT ON COLUMN v_reject.line IS 'A spreadsheet row: its row number; NULL for a file not read';
COMMENT ON COLUMN v_reject.col IS 'A spreadsheet row: the 1-based column of the cell rejected; NULL for the row as a whole';
COMMENT ON COLUMN v_reject.raw IS 'The raw text rejected, when there is one';
COMMENT ON COLUMN v_reject.reason IS 'Why, as aidcube reported it';
COMMENT ON COLUMN v_reject.whole_file IS 'true: the file was not read at all (the Sources sheet says "not read: REASON")';
