-- The vault's search index, derived from the replica (dropping it loses nothing: the next search rebuilds it):
-- the notes and tasks it has read (title for display, and whether their embedding is still to be checked), their
-- readable text for keyword search (FTS5, rowid = search_sources.id), and the vectors of their embeddings.
CREATE TABLE IF NOT EXISTS search_sources (
    id INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    title TEXT NOT NULL,
    pending INTEGER NOT NULL DEFAULT 1,
    UNIQUE (entity_type, entity_id));
CREATE INDEX IF NOT EXISTS search_sources_pending ON search_sources (pending) WHERE pending = 1;
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS search_vectors (
    embedding_id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    source_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    digest TEXT NULL,
    chunks TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS search_vectors_source ON search_vectors (source_type, source_id);
CREATE INDEX IF NOT EXISTS search_vectors_model ON search_vectors (model);
