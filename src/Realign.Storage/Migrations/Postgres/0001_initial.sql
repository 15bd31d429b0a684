CREATE TABLE tenants (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    vault_mode TEXT NOT NULL CHECK (vault_mode IN ('local_first', 'cloud_first')),
    schema_policy JSONB NOT NULL DEFAULT '{}',
    seq BIGINT NOT NULL DEFAULT 0,
    purged_seq BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE principals (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    principal_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    channel TEXT NULL,
    can_accept BOOLEAN NOT NULL DEFAULT FALSE,
    label TEXT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, principal_id)
);

CREATE TABLE admin_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    created_at BIGINT NOT NULL
);

CREATE TABLE entities (
    tenant_id TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload JSONB NOT NULL,
    field_stamps JSONB NOT NULL,
    head TEXT NOT NULL,
    truth_level BIGINT NOT NULL,
    last_modified_by_level BIGINT NULL,
    accepted_by_user BOOLEAN NOT NULL,
    deleted BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    origin_chain JSONB NOT NULL,
    last_modified_at BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, entity_type, entity_id)
);
CREATE INDEX ix_entities_seq ON entities (tenant_id, seq);
CREATE INDEX ix_entities_changed_at ON entities (tenant_id, changed_at);

CREATE TABLE proposals (
    tenant_id TEXT NOT NULL,
    proposal_id TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    current_value TEXT NOT NULL,
    level BIGINT NOT NULL,
    source TEXT NOT NULL,
    at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_seq BIGINT NOT NULL,
    decided_at BIGINT NULL,
    PRIMARY KEY (tenant_id, proposal_id)
);
CREATE INDEX ix_proposals_entity ON proposals (tenant_id, entity_type, entity_id, status);

CREATE TABLE conflicts (
    tenant_id TEXT NOT NULL,
    conflict_id TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    winner TEXT NOT NULL,
    loser TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    resolution TEXT NULL,
    resolved_value TEXT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT NULL,
    PRIMARY KEY (tenant_id, conflict_id)
);

CREATE TABLE sync_events (
    tenant_id TEXT NOT NULL,
    event_id BIGINT GENERATED ALWAYS AS IDENTITY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    principal_id TEXT NULL,
    batch_id TEXT NULL,
    entity_type TEXT NULL,
    entity_id TEXT NULL,
    detail JSONB NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

CREATE TABLE security_events (
    tenant_id TEXT NOT NULL,
    event_id BIGINT GENERATED ALWAYS AS IDENTITY,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    principal_id TEXT NULL,
    batch_id TEXT NULL,
    entity_type TEXT NULL,
    entity_id TEXT NULL,
    detail JSONB NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);

CREATE TABLE idempotency (
    tenant_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    principal_id TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, batch_id)
);
