-- A tenant's settings, one row per setting (the first is 'exposure': what each AI level may read), the value a JSON
-- object the store writes and parses. A table of its own rather than columns on tenants: every push rewrites the
-- tenant's row (its seq) under the tenant lock, so it stays narrow; a later setting (the channel policy) is a new
-- name, not a migration; and the key starts with tenant_id like every other table's, for sharding by tenant.
-- A tenant without a row has the defaults of its vault mode (Realign.Core.Contract.ExposurePolicies.Default).
CREATE TABLE tenant_settings (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
