-- A deleted shadow leaves a tombstone: the row keeps its version, document becomes {} and deleted_at is the time of
-- the delete (epoch seconds). AWS IoT continues the version of a shadow re-created within 48 hours of its delete.
ALTER TABLE shadow ADD COLUMN deleted_at BIGINT;
