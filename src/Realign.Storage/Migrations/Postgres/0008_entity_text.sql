-- Keyword search over the readable text of notes and tasks (GET /sync/search): the full-text vector of the title (weight
-- A) and the body or text (weight B) with the 'simple' configuration (no stemming, any language), brought up to date from
-- the change feed when a tenant is searched (SqlReplicaStore.SearchTextAsync), never in the push's transaction, so a push
-- pays nothing for it; entity_text_state holds each tenant's cursor. Only plain strings count: a sealed value
-- ("rl1:...", a local-first tenant's content) is empty text.
CREATE TABLE entity_text (
    tenant_id TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    tsv tsvector NOT NULL,
    PRIMARY KEY (tenant_id, entity_type, entity_id));

CREATE INDEX ix_entity_text_tsv ON entity_text USING gin (tsv);

CREATE TABLE entity_text_state (
    tenant_id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL);
