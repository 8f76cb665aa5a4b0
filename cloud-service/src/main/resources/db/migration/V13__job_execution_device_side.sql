-- AWS IoT Jobs device side (jobs.DeviceJobs) and timeouts (jobs.JobTimeouts): what a job execution carries once a
-- device works on it. Deadlines are epoch milliseconds in the table, so a restarted service still times them out.
ALTER TABLE job_execution
    ADD COLUMN status_details         JSONB,                        -- {"name":"value"} as the device last set it
    ADD COLUMN started_at             BIGINT,                       -- when it went IN_PROGRESS
    ADD COLUMN step_timeout_at        BIGINT,                       -- stepTimeoutInMinutes after the last update
    ADD COLUMN in_progress_timeout_at BIGINT,                       -- job's inProgressTimeoutInMinutes after start
    ADD COLUMN retry_attempt          INT     NOT NULL DEFAULT 0,   -- retries so far (jobExecutionsRetryConfig)
    ADD COLUMN force_canceled         BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX job_execution_in_progress_deadline ON job_execution (LEAST(step_timeout_at, in_progress_timeout_at))
    WHERE status = 'IN_PROGRESS';

-- CancelJob's reasonCode and comment, shown by DescribeJob.
ALTER TABLE job
    ADD COLUMN reason_code TEXT,
    ADD COLUMN comment     TEXT;
