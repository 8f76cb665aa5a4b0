-- AWS IoT Jobs control plane (jobs.JobControlPlane): a job, and one execution per targeted thing, queued at creation.
CREATE TABLE job (
    id                          TEXT COLLATE "C" PRIMARY KEY,
    target_selection            TEXT   NOT NULL,           -- SNAPSHOT
    status                      TEXT   NOT NULL,           -- IN_PROGRESS, CANCELED, COMPLETED, ...
    description                 TEXT,
    document                    TEXT   NOT NULL,           -- the job document as the client sent it (JSON)
    targets                     JSONB  NOT NULL,           -- the target ARNs as given (things and thing groups)
    in_progress_timeout_minutes BIGINT,
    retry_criteria              JSONB,                     -- [{"failureType":..,"numberOfRetries":..}] or NULL
    created_at                  BIGINT NOT NULL,           -- epoch milliseconds
    last_updated_at             BIGINT NOT NULL,
    completed_at                BIGINT
);

-- Things stay in a job's executions after they leave the registry, as AWS keeps a deleted thing's executions.
CREATE TABLE job_execution (
    job_id           TEXT COLLATE "C" NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    thing_name       TEXT COLLATE "C" NOT NULL,
    execution_number BIGINT NOT NULL,                      -- per thing: 1 for its first execution, then +1
    status           TEXT   NOT NULL,                      -- QUEUED, IN_PROGRESS, SUCCEEDED, ...
    version_number   BIGINT NOT NULL,
    queued_at        BIGINT NOT NULL,
    last_updated_at  BIGINT NOT NULL,
    PRIMARY KEY (job_id, thing_name)
);
CREATE INDEX job_execution_thing ON job_execution (thing_name, status);
