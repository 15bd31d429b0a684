-- Entities saved after a time, in order: what the automations of a local-first vault follow (the server's SQLite store
-- has the same index from its first migration).
CREATE INDEX IF NOT EXISTS ix_entities_changed_at ON entities (tenant_id, changed_at);
