-- A write counter per row for optimistic concurrency: a commit lane that remembers a row updates it only
-- "WHERE revision = <the revision it read>", so another instance's write in between makes the update miss and the
-- lane read again. The shadow version cannot serve: a delete keeps it, and a shadow created again after the
-- 48 hours of a tombstone starts from 1.
ALTER TABLE shadow ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
