-- Scenarios and trip summary of a drive log (issue 12 item 6): the events the detectors found in its speed and
-- heading signals, each with its UTC span and the values that triggered it (a JSON object), and the trip's distance
-- (speed integrated over time), duration (first to last frame) and maximum speed in m/s.
ALTER TABLE drive_logs ADD COLUMN trip_distance_m DOUBLE PRECISION;
ALTER TABLE drive_logs ADD COLUMN trip_duration_s DOUBLE PRECISION;
ALTER TABLE drive_logs ADD COLUMN trip_max_speed_mps DOUBLE PRECISION;

CREATE TABLE drive_log_scenarios (
    id           BIGSERIAL PRIMARY KEY,
    drive_log_id BIGINT      NOT NULL REFERENCES drive_logs (id) ON DELETE CASCADE,
    type         TEXT        NOT NULL,
    start_time   TIMESTAMPTZ NOT NULL,
    end_time     TIMESTAMPTZ NOT NULL,
    trigger      TEXT        NOT NULL   -- JSON object: name -> value
);
CREATE INDEX drive_log_scenarios_log ON drive_log_scenarios (drive_log_id);
CREATE INDEX drive_log_scenarios_type ON drive_log_scenarios (type, start_time);
