-- The shadow engine writes and reads the whole document; PostgreSQL never looks inside it. As JSONB every write was
-- parsed and converted again by PostgreSQL, which cost 1.5x (a 0.4 KB document) to 3.8x (a vehicle's 3 KB shadow
-- with metadata) the time of storing the text (BENCHMARKS.md, shadow service). The text keeps the engine's own key
-- order, too.
ALTER TABLE shadow ALTER COLUMN document TYPE TEXT USING document::text;
