-- rejects.sql: the view v_reject (sql/010_rejects.sql) on hand-made batches
-- in schema regress, in a transaction rolled back (the keys given: no
-- sequence moves, views.sql finds the schema as db init left it).  Of each
-- file, the rejects of the last batch that saw it stand, none once a later
-- batch read it; an error at a line of a file not read is said by the
-- file's own row; a reject recorded before version 10 (no source_path) is
-- matched by its absolute path, or a relative one by the end of a later
-- batch's canonical path.
BEGIN;
SET search_path = regress;
INSERT INTO batch (batch_key, status) OVERRIDING SYSTEM VALUE
VALUES (101, 'committed'), (102, 'committed'), (103, 'skipped');
-- batch 101, before version 10: files not read by a relative and by an
-- absolute path, a row of a list, a file too large with an error at a line
INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw) VALUES
    (101, 'in/a.txt', NULL, 'empty file: nothing to read', NULL, NULL, NULL),
    (101, '/r/b.xlsx', NULL, 'not a readable zip archive: Not a zip archive', NULL, NULL, NULL),
    (101, 'in/c.csv', 3, 'amount cannot be read', 'c', 4, 'n.c.'),
    (101, 'in/d.txt', NULL, 'file too large', NULL, NULL, NULL),
    (101, 'in/d.txt', 12, 'line too long', NULL, NULL, NULL);
-- batch 102 reads a.txt and b.xlsx, rejects d.txt again (its canonical
-- path known) and a row of e.csv, which it loads
INSERT INTO batch_source (batch_key, path, sha256, action) VALUES
    (102, '/r/in/a.txt', repeat('a', 64), 'loaded'),
    (102, '/r/b.xlsx', repeat('b', 64), 'loaded'),
    (102, '/r/e.csv', repeat('e', 64), 'loaded');
INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw, source_path) VALUES
    (102, 'in/d.txt', NULL, 'file too large', NULL, NULL, NULL, '/r/in/d.txt'),
    (102, 'e.csv', 2, 'unknown region', 'e', 3, 'Atlantide', '/r/e.csv');
SELECT batch_key, path, path_given, sheet, line, col, raw, reason, whole_file
FROM v_reject ORDER BY path COLLATE "C", line NULLS FIRST;
-- batch 103 reads e.csv again, unchanged, its row rejected again: once,
-- batch 103's; then b.xlsx is rejected by a batch of its own
INSERT INTO batch_source (batch_key, path, sha256, action) VALUES
    (103, '/r/e.csv', repeat('e', 64), 'skipped');
INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw, source_path) VALUES
    (103, '/r/e.csv', 2, 'unknown region', 'e', 3, 'Atlantide', '/r/e.csv');
INSERT INTO batch (batch_key, status) OVERRIDING SYSTEM VALUE VALUES (104, 'skipped');
INSERT INTO reject (batch_key, path, line, reason, sheet, col, raw, source_path) VALUES
    (104, 'b.xlsx', NULL, 'not a readable zip archive: Not a zip archive', NULL, NULL, NULL, '/r/b.xlsx');
SELECT batch_key, path, sheet, line, whole_file FROM v_reject ORDER BY path COLLATE "C", line NULLS FIRST;
ROLLBACK;
