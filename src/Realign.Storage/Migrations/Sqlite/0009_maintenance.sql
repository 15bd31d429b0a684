-- Written to run again harmlessly (IF NOT EXISTS, ON CONFLICT): a database restored from a dump made before this script
-- may still hold these tables while its journal does not list the script.
-- Store-wide jobs that one server runs at a time (docs/operations.md, "Retention"): the retention pass. A server takes the
-- row's lease with one conditional update when the lease is free or expired and the last run is an interval old, runs
-- the pass, then stamps last_run and frees the lease. A server that stops mid-pass leaves a lease that expires.
CREATE TABLE IF NOT EXISTS maintenance_jobs (
    name TEXT NOT NULL PRIMARY KEY,
    lease_owner TEXT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_run INTEGER NULL
);
INSERT INTO maintenance_jobs (name) VALUES ('retention') ON CONFLICT (name) DO NOTHING;

-- The store's epoch: a random value made with the store and made anew whenever the store is put back to an older point
-- (realign admin restore; realign admin restored after pg_restore). Every pull answer carries it, so a vault that
-- synced with another epoch knows the server may have lost writes it acknowledged, and pushes its own again.
CREATE TABLE IF NOT EXISTS store_identity (
    name TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_identity (name, value) VALUES ('epoch', lower(hex(randomblob(8)))) ON CONFLICT (name) DO NOTHING;
