-- Drive-log catalog (issue 12): one row per drive log found under s3://<bucket>/raw/<vehicle>/.
-- A row starts PENDING when the poller (or an SQS notification) finds a new object version, and ends INGESTED or
-- FAILED. Same key and bytes again: no second row; same bytes under another key: another row, same sha256; same key
-- with new bytes: a new row, and the previous one points at it through superseded_by (kept for lineage).
CREATE TABLE drive_logs (
    id                 BIGSERIAL PRIMARY KEY,
    bucket             TEXT        NOT NULL,
    object_key         TEXT        NOT NULL,
    etag               TEXT        NOT NULL,
    vehicle            TEXT        NOT NULL,
    size               BIGINT      NOT NULL,
    sha256             TEXT,
    format             TEXT,
    status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'INGESTED', 'FAILED')),
    error              TEXT,
    warnings           TEXT,                 -- JSON array of strings
    start_time         TIMESTAMPTZ,          -- first frame, absolute UTC
    end_time           TIMESTAMPTZ,          -- last frame
    frames             BIGINT,
    frames_per_channel TEXT,                 -- JSON object: channel as the source names it -> frames
    superseded_by      BIGINT REFERENCES drive_logs (id),
    discovered_at      TIMESTAMPTZ NOT NULL,
    ingested_at        TIMESTAMPTZ,
    ingest_millis      BIGINT,
    -- the claim of the worker ingesting it; an expired claim (a dead worker) is taken again by another
    claimed_by         TEXT,
    claimed_until      TIMESTAMPTZ
);
CREATE INDEX drive_logs_vehicle ON drive_logs (vehicle, start_time);
CREATE INDEX drive_logs_key ON drive_logs (bucket, object_key, id);
CREATE INDEX drive_logs_pending ON drive_logs (id) WHERE status = 'PENDING';

-- Every object version the trigger has taken, so that none is taken twice, across restarts and instances.
-- drive_log_id is the catalog row it became (an identical re-upload points at the existing row).
CREATE TABLE drive_log_objects (
    bucket       TEXT   NOT NULL,
    object_key   TEXT   NOT NULL,
    etag         TEXT   NOT NULL,
    drive_log_id BIGINT NOT NULL REFERENCES drive_logs (id),
    PRIMARY KEY (bucket, object_key, etag)
);

-- Where the listing poller is in its pass over raw/: S3 lists in key order, so a pass resumes after start_after
-- when the service restarts mid-pass, and starts over from the beginning once it reached the end.
CREATE TABLE ingest_cursor (
    bucket          TEXT        NOT NULL,
    prefix          TEXT        NOT NULL,
    start_after     TEXT,
    passes          BIGINT      NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bucket, prefix)
);
