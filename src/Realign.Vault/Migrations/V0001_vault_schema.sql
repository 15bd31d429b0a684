-- The vault schema as vaults made before schema versions held it (created with IF NOT EXISTS on every open).
-- Kept as it was, so a vault of that time and a new one start from the same point; later scripts change it.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    field_stamps TEXT NOT NULL,
    origin_chain TEXT NOT NULL,
    version INTEGER NOT NULL,
    last_modified_by_level INTEGER NULL,
    deleted INTEGER NOT NULL,
    server_version INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_type, entity_id));
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    item TEXT NOT NULL,
    base_version INTEGER NULL,
    coalescable INTEGER NOT NULL,
    batch_id TEXT NULL);
CREATE INDEX IF NOT EXISTS outbox_entity ON outbox (entity_type, entity_id);
CREATE INDEX IF NOT EXISTS outbox_in_flight ON outbox (batch_id) WHERE batch_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS set_aside (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    item TEXT NOT NULL,
    code TEXT NOT NULL,
    field TEXT NULL,
    message TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS conflicts (conflict_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS my_stamps (at_micros INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS file_map (
    path TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL UNIQUE,
    file_hash TEXT NOT NULL,
    payload_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resync_seen (
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (entity_type, entity_id));
