-- Test campaigns over drive logs (issue 13 items 4 and 5, campaigns.*): a campaign, one run per drive log window
-- or catalog scenario, and every attempt of a run on a rig. The dispatcher keeps all its state here, so a service
-- killed and restarted (or a second instance) neither loses nor repeats a lease.
CREATE TABLE campaigns (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT        NOT NULL,
    capabilities TEXT        NOT NULL,   -- JSON array: what a rig must have, e.g. ["can","canfd"]
    outputs      TEXT        NOT NULL,   -- JSON object: the job document's outputs
    expect       TEXT,                   -- JSON value: the job document's expect (pass criteria), or NULL
    match        TEXT,                   -- JSON value: the job document's match, or NULL
    capture      BOOLEAN     NOT NULL,   -- the rig captures the DUT's answers and uploads them
    priority     INT         NOT NULL,
    retries      INT         NOT NULL,   -- lost leases a run may have before it ends ERROR
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    canceled_at  TIMESTAMPTZ
);

-- A run references its catalog drive log (when it has one), so ingest cannot delete a log that results refer to.
-- The scenario is copied, not referenced: reprocessing a log replaces its scenario rows.
CREATE TABLE campaign_runs (
    id                BIGSERIAL PRIMARY KEY,
    campaign_id       BIGINT      NOT NULL REFERENCES campaigns (id),
    priority          INT         NOT NULL,                -- the campaign's, here for the queue's index
    drive_log_id      BIGINT      REFERENCES drive_logs (id),
    drive_log         TEXT        NOT NULL,                -- s3://bucket/key
    sha256            TEXT,
    dbcs              TEXT        NOT NULL DEFAULT '[]',  -- JSON [{key, sha256}]: the catalog's DBCs for the log
    seek_seconds      DOUBLE PRECISION,
    window_seconds    DOUBLE PRECISION,
    scenario_type     TEXT,
    scenario_start    TIMESTAMPTZ,
    scenario_end      TIMESTAMPTZ,
    state             TEXT        NOT NULL CHECK (state IN ('QUEUED', 'LEASED', 'RUNNING', 'PASSED', 'FAILED',
                                                            'ERROR', 'CANCELED')),
    attempt           INT         NOT NULL DEFAULT 0,      -- attempts so far (the current one while leased)
    lost_leases       INT         NOT NULL DEFAULT 0,      -- attempts that ended with the rig lost (vs retries)
    excluded_rigs     TEXT        NOT NULL DEFAULT '[]',   -- JSON array: rigs that rejected the run
    rig               TEXT,
    rig_software      TEXT,
    job_id            TEXT,
    leased_at         TIMESTAMPTZ,
    lease_expires_at  TIMESTAMPTZ,
    verdict           TEXT,
    measured          TEXT,                                -- JSON object: frames, latenessP99Us, ...
    results           TEXT,                                -- s3://bucket/results/<campaign>/<run>/
    reason            TEXT,
    queued_at         TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    ended_at          TIMESTAMPTZ
);
CREATE INDEX campaign_runs_campaign ON campaign_runs (campaign_id, id);
CREATE INDEX campaign_runs_queue ON campaign_runs (priority DESC, id) WHERE state = 'QUEUED';
CREATE INDEX campaign_runs_drive_log ON campaign_runs (drive_log_id);
-- One lease per rig, whatever two dispatchers decide at the same moment.
CREATE UNIQUE INDEX campaign_runs_one_lease_per_rig ON campaign_runs (rig) WHERE state IN ('LEASED', 'RUNNING');

-- Every attempt of a run: the rig, its job and how it ended. cancel_pending marks a job still to be cancelled
-- (force) after its lease was lost, so a restart between the two steps still cancels it.
CREATE TABLE run_attempts (
    run_id          BIGINT      NOT NULL REFERENCES campaign_runs (id),
    attempt         INT         NOT NULL,
    rig             TEXT        NOT NULL,
    job_id          TEXT        NOT NULL,
    outcome         TEXT,                    -- PASSED, FAILED, LOST, REJECTED, CANCELED; NULL while leased
    reason          TEXT,
    cancel_pending  BOOLEAN     NOT NULL DEFAULT false,
    leased_at       TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    PRIMARY KEY (run_id, attempt)
);
CREATE INDEX run_attempts_cancel ON run_attempts (run_id) WHERE cancel_pending;
