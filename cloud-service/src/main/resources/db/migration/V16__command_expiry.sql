-- Per-command expiry (epoch milliseconds): a command the vehicle has not received by then is EXPIRED and its desired
-- value withdrawn. Rows from before have none; their expiry is created_at + vehicles.commandTimeoutSeconds.
ALTER TABLE vehicle_command ADD COLUMN expires_at BIGINT;
