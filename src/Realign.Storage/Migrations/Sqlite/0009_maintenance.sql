-- Store-wide jobs that one server runs at a time (docs/operations.md, "Retention"): the retention pass. A server takes the
-- row's lease with one conditional update when the lease is free or expired and the last run is an interval old, runs
-- the pass, then stamps last_run and frees the lease. A server that stops mid-pass leaves a lease that expires.
CREATE TABLE maintenance_jobs (
    name TEXT NOT NULL PRIMARY KEY,
    lease_owner TEXT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_run INTEGER NULL
);
INSERT INTO maintenance_jobs (name) VALUES ('retention');
