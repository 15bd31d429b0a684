-- The items this vault pushed and the server acknowledged, kept for a while after they leave the outbox: if the server is
-- put back to an older point (a restore, which gives it a new epoch), the vault queues them again, so no write it made
-- is lost with the server's newer state. Items are kept as they were queued (sealed where the vault seals).
CREATE TABLE IF NOT EXISTS pushed_journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    item TEXT NOT NULL,
    acked_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS pushed_journal_acked ON pushed_journal (acked_at);
