-- The SHA-256 of the push body a batch id was first used with: the same id with another body is refused
-- (batch-id-reused), never answered with the first batch's results. Rows from before this migration have none.
ALTER TABLE idempotency ADD COLUMN request_hash TEXT NULL;
