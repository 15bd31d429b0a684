-- Keyword search over the readable text of notes and tasks (GET /sync/search): an FTS5 index brought up to date from the
-- change feed when a tenant is searched (SqlReplicaStore.SearchTextAsync), never in the push's transaction, so a push
-- pays nothing for it. Its rowid is the id of the entity's row in entity_text_keys (an INTEGER PRIMARY KEY, so VACUUM
-- never renumbers it); entity_text_state holds each tenant's cursor. Only plain strings are indexed: a sealed value
-- ("rl1:...", a local-first tenant's content) and a value that is not a string index as empty text.
CREATE TABLE entity_text_keys (
    id INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    UNIQUE (tenant_id, entity_type, entity_id));

CREATE VIRTUAL TABLE entity_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE entity_text_state (
    tenant_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL);
