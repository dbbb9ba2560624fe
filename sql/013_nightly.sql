-- 013_nightly.sql — the nightly batch's run reports (aidcube nightly, with
-- db set): one row per run and one per inbox entry it saw, the same report
-- the morning reader finds in nightly-report.txt and the log.
--
-- A run that was killed leaves no row: the next run's row shows what it
-- completed.  The loads a run made are its batches (nightly_source.batch_key);
-- a source "skipped" was archived already (its bytes seen before), one
-- "loaded" with a batch whose status is skipped was in the warehouse already
-- (a run killed between its commit and its move to the archive).
--   SELECT r.started_at, s.name, s.outcome, s.detail
--   FROM nightly_run r JOIN nightly_source s USING (run_key)
--   WHERE s.outcome IN ('quarantined', 'failed') ORDER BY r.started_at;

CREATE TABLE nightly_run (
    run_key               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at            timestamptz NOT NULL,
    finished_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    os_user               text,
    client_host           text,
    aidcube_version       text,
    sources_seen          integer NOT NULL CHECK (sources_seen >= 0),
    sources_loaded        integer NOT NULL CHECK (sources_loaded >= 0),
    sources_skipped       integer NOT NULL CHECK (sources_skipped >= 0),
    sources_quarantined   integer NOT NULL CHECK (sources_quarantined >= 0),
    sources_waiting       integer NOT NULL CHECK (sources_waiting >= 0),
    sources_ignored       integer NOT NULL CHECK (sources_ignored >= 0),
    sources_failed        integer NOT NULL CHECK (sources_failed >= 0),
    rows_rejected         integer NOT NULL CHECK (rows_rejected >= 0),
    facts                 integer CHECK (facts >= 0),
    findings_ok           integer CHECK (findings_ok >= 0),
    findings_mismatch     integer CHECK (findings_mismatch >= 0),
    findings_unverifiable integer CHECK (findings_unverifiable >= 0),
    findings_invalid      integer CHECK (findings_invalid >= 0),
    not_built             text,
    seconds               integer NOT NULL CHECK (seconds >= 0),
    exit_status           integer NOT NULL CHECK (exit_status IN (0, 1, 2)),
    report                text NOT NULL,
    CHECK ((facts IS NULL) = (not_built IS NOT NULL))
);
COMMENT ON TABLE nightly_run IS 'One row per aidcube nightly run that reached its report: what it saw, loaded, quarantined, built and found';
COMMENT ON COLUMN nightly_run.run_key IS 'Surrogate key of the run, in the order runs were recorded';
COMMENT ON COLUMN nightly_run.started_at IS 'When the run took its lock';
COMMENT ON COLUMN nightly_run.finished_at IS 'When its report was recorded';
COMMENT ON COLUMN nightly_run.os_user IS 'The operating-system user the run ran as';
COMMENT ON COLUMN nightly_run.client_host IS 'The host the run ran on';
COMMENT ON COLUMN nightly_run.aidcube_version IS 'The version of aidcube that ran';
COMMENT ON COLUMN nightly_run.sources_seen IS 'Entries of the inbox looked at (hidden names aside)';
COMMENT ON COLUMN nightly_run.sources_loaded IS 'New sources loaded (each by a batch of its own) and archived';
COMMENT ON COLUMN nightly_run.sources_quarantined IS 'Sources moved to the quarantine, each with NAME.reason';
COMMENT ON COLUMN nightly_run.sources_skipped IS 'Sources whose bytes were archived already: removed from the inbox';
COMMENT ON COLUMN nightly_run.sources_waiting IS 'Files still being written (a .part or .tmp name, or a size or time that changed): left for the next night';
COMMENT ON COLUMN nightly_run.sources_ignored IS 'Files of a format aidcube does not read: left where they are';
COMMENT ON COLUMN nightly_run.sources_failed IS 'Sources the warehouse did not take (left in the inbox; the run exits 2)';
COMMENT ON COLUMN nightly_run.rows_rejected IS 'Spreadsheet rows not loaded, of the sources loaded this run';
COMMENT ON COLUMN nightly_run.facts IS 'Facts in the cube built from the whole warehouse; NULL when not built (not_built says why)';
COMMENT ON COLUMN nightly_run.findings_ok IS 'Findings of check with verdict ok (NULL: not built)';
COMMENT ON COLUMN nightly_run.findings_mismatch IS 'Findings of check with verdict mismatch: a stated figure the raw figures do not give';
COMMENT ON COLUMN nightly_run.findings_unverifiable IS 'Findings of check with verdict unverifiable';
COMMENT ON COLUMN nightly_run.findings_invalid IS 'Findings of check with verdict invalid (an impossible figure or date)';
COMMENT ON COLUMN nightly_run.not_built IS 'Why the cube and the workbooks were not built (NULL: built)';
COMMENT ON COLUMN nightly_run.seconds IS 'Wall time of the run (0 in test mode)';
COMMENT ON COLUMN nightly_run.exit_status IS '0 all well, 1 something quarantined or rejected, 2 the run failed';
COMMENT ON COLUMN nightly_run.report IS 'The report as written to nightly-report.txt';

CREATE TABLE nightly_source (
    run_key        bigint NOT NULL REFERENCES nightly_run ON DELETE CASCADE,
    name           text NOT NULL,
    outcome        text NOT NULL
                   CHECK (outcome IN ('loaded', 'skipped', 'quarantined', 'waiting', 'ignored', 'failed')),
    detail         text,
    rows_rejected  integer NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
    batch_key      bigint REFERENCES batch,
    PRIMARY KEY (run_key, name)
);
COMMENT ON TABLE nightly_source IS 'Each inbox entry a nightly run saw, and what it did with it';
COMMENT ON COLUMN nightly_source.run_key IS 'The run';
COMMENT ON COLUMN nightly_source.name IS 'The file name in the inbox';
COMMENT ON COLUMN nightly_source.outcome IS 'loaded (archived after its batch), skipped (its bytes archived already), quarantined, waiting, ignored, failed';
COMMENT ON COLUMN nightly_source.detail IS 'loaded and skipped: where it is in the archive (DAY/NAME); the others: why';
COMMENT ON COLUMN nightly_source.rows_rejected IS 'Spreadsheet rows of this source not loaded';
COMMENT ON COLUMN nightly_source.batch_key IS 'The batch that loaded it (loaded sources)';
