-- Derived data of a drive log (issue 12 item 4): the objects written from it, e.g. its decoded signals as Parquet
-- under derived/signals/vehicle=<v>/date=<yyyy-mm-dd>/<id>.parquet, so the catalog knows what came from which log.
CREATE TABLE drive_log_derived_objects (
    drive_log_id BIGINT NOT NULL REFERENCES drive_logs (id) ON DELETE CASCADE,
    object_key   TEXT   NOT NULL,
    PRIMARY KEY (drive_log_id, object_key)
);
