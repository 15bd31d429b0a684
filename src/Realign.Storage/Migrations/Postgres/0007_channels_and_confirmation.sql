-- Issue 16: devices and confirmations (docs/channels.md).
-- When a device last pushed or pulled, to the minute (a server writes it at most once a minute per device).
ALTER TABLE principals ADD COLUMN last_sync_at BIGINT NULL;

-- The confirmations a tenant's user enrolled: 'totp' (the active authenticator), 'totp_pending' (an enrolment waiting for
-- its first code) and 'pin'. secret is sealed: a TOTP secret is AES-256-GCM encrypted with the server's secrets key (bound
-- to tenant and kind), a PIN is a PBKDF2-SHA256 hash. last_step is the last TOTP time step accepted: a code is accepted only
-- for a later step, by one conditional UPDATE, so a code confirms once on every server of the store.
CREATE TABLE confirm_factors (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'totp_pending', 'pin')),
    secret TEXT NOT NULL,
    last_step BIGINT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);

-- Failed confirmations of a tenant's user, whatever the factor: 5 in a row lock confirmations for a delay that doubles with
-- each lockout since the last success (docs/channels.md, "Lockout").
CREATE TABLE confirm_guard (
    tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenants (id),
    failures INTEGER NOT NULL DEFAULT 0,
    lockouts INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NULL
);
