-- The server's automation runner of each cloud-first tenant (docs/assist.md, "Automations on the server"): how far it has
-- read the tenant's change sequence, and which server may run it now. One row per tenant, so one runner per tenant.
-- cursor: the last change sequence handed to the automation engine (NULL until the first pass, which starts just before
-- the tenant's first rule). skip_seqs: a JSON array of the sequence numbers above cursor that the runner's own last pass
-- wrote; the next pass skips them (it followed them already).
-- principal_id: the tenant's internal automation principal the runner writes as (created on first use, no token kept).
-- lease_owner, lease_until: who runs the tenant and until when (server clock, UTC microseconds). A lease is taken with one
-- conditional upsert (free, expired, or already ours) and every write of a pass checks it in the write's own transaction.
CREATE TABLE automation_runners (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    cursor INTEGER NULL,
    skip_seqs TEXT NOT NULL DEFAULT '[]',
    principal_id TEXT NULL,
    lease_owner TEXT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
