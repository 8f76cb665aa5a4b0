-- Signals decoded by the DBCs under dbc/ and dbc/<vehicle>/ (issue 12 items 3 and 5): per drive log, the statistics
-- of every decoded signal in the DBC's unit, the DBC files used (key + sha256) and the CAN frames no DBC defines.
ALTER TABLE drive_logs ADD COLUMN unknown_id_frames BIGINT;

CREATE TABLE drive_log_signals (
    drive_log_id BIGINT           NOT NULL REFERENCES drive_logs (id) ON DELETE CASCADE,
    message      TEXT             NOT NULL,
    signal       TEXT             NOT NULL,
    unit         TEXT             NOT NULL,
    count        BIGINT           NOT NULL,
    min          DOUBLE PRECISION NOT NULL,
    max          DOUBLE PRECISION NOT NULL,
    mean         DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (drive_log_id, message, signal)
);

CREATE TABLE drive_log_dbcs (
    drive_log_id BIGINT NOT NULL REFERENCES drive_logs (id) ON DELETE CASCADE,
    dbc_key      TEXT   NOT NULL,
    sha256       TEXT   NOT NULL,
    PRIMARY KEY (drive_log_id, dbc_key)
);
