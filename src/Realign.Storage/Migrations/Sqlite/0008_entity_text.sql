-- Keyword search over the readable text of notes and tasks (GET /sync/search): an FTS5 index kept by triggers in the same
-- transaction as every save. Its rowid is the id of the entity's row in entity_text_keys (an INTEGER PRIMARY KEY, so
-- VACUUM never renumbers it, as it may the entities table's own rowid). Only plain strings are indexed: a sealed value
-- ("rl1:...", a local-first tenant's content) and a value that is not a string index as empty text. (No INSERT OR IGNORE
-- in the triggers: the upsert that fires them would override its conflict policy.)
CREATE TABLE entity_text_keys (
    id INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    UNIQUE (tenant_id, entity_type, entity_id));

CREATE VIRTUAL TABLE entity_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER entity_text_insert AFTER INSERT ON entities
WHEN new.entity_type IN ('note', 'task') AND new.deleted = 0
BEGIN
    INSERT INTO entity_text_keys (tenant_id, entity_type, entity_id) SELECT new.tenant_id, new.entity_type, new.entity_id
        WHERE NOT EXISTS (SELECT 1 FROM entity_text_keys WHERE tenant_id = new.tenant_id AND entity_type = new.entity_type AND entity_id = new.entity_id);
    INSERT INTO entity_text (rowid, title, body) VALUES ((SELECT id FROM entity_text_keys WHERE tenant_id = new.tenant_id AND entity_type = new.entity_type AND entity_id = new.entity_id),
        CASE WHEN json_type(new.payload, '$.title') = 'text' AND substr(json_extract(new.payload, '$.title'), 1, 4) <> 'rl1:' THEN json_extract(new.payload, '$.title') ELSE '' END,
        CASE WHEN json_type(new.payload, '$.body') = 'text' AND substr(json_extract(new.payload, '$.body'), 1, 4) <> 'rl1:' THEN json_extract(new.payload, '$.body')
             WHEN json_type(new.payload, '$.text') = 'text' AND substr(json_extract(new.payload, '$.text'), 1, 4) <> 'rl1:' THEN json_extract(new.payload, '$.text')
             ELSE '' END);
END;

CREATE TRIGGER entity_text_update AFTER UPDATE OF payload, deleted ON entities
WHEN new.entity_type IN ('note', 'task')
BEGIN
    DELETE FROM entity_text WHERE rowid = (SELECT id FROM entity_text_keys WHERE tenant_id = old.tenant_id AND entity_type = old.entity_type AND entity_id = old.entity_id);
    INSERT INTO entity_text_keys (tenant_id, entity_type, entity_id) SELECT new.tenant_id, new.entity_type, new.entity_id
        WHERE new.deleted = 0 AND NOT EXISTS (SELECT 1 FROM entity_text_keys WHERE tenant_id = new.tenant_id AND entity_type = new.entity_type AND entity_id = new.entity_id);
    INSERT INTO entity_text (rowid, title, body) SELECT (SELECT id FROM entity_text_keys WHERE tenant_id = new.tenant_id AND entity_type = new.entity_type AND entity_id = new.entity_id),
        CASE WHEN json_type(new.payload, '$.title') = 'text' AND substr(json_extract(new.payload, '$.title'), 1, 4) <> 'rl1:' THEN json_extract(new.payload, '$.title') ELSE '' END,
        CASE WHEN json_type(new.payload, '$.body') = 'text' AND substr(json_extract(new.payload, '$.body'), 1, 4) <> 'rl1:' THEN json_extract(new.payload, '$.body')
             WHEN json_type(new.payload, '$.text') = 'text' AND substr(json_extract(new.payload, '$.text'), 1, 4) <> 'rl1:' THEN json_extract(new.payload, '$.text')
             ELSE '' END
    WHERE new.deleted = 0;
END;

CREATE TRIGGER entity_text_delete AFTER DELETE ON entities
WHEN old.entity_type IN ('note', 'task')
BEGIN
    DELETE FROM entity_text WHERE rowid = (SELECT id FROM entity_text_keys WHERE tenant_id = old.tenant_id AND entity_type = old.entity_type AND entity_id = old.entity_id);
    DELETE FROM entity_text_keys WHERE tenant_id = old.tenant_id AND entity_type = old.entity_type AND entity_id = old.entity_id;
END;

INSERT INTO entity_text_keys (tenant_id, entity_type, entity_id)
    SELECT tenant_id, entity_type, entity_id FROM entities WHERE entity_type IN ('note', 'task') AND deleted = 0;
INSERT INTO entity_text (rowid, title, body) SELECT k.id,
    CASE WHEN json_type(e.payload, '$.title') = 'text' AND substr(json_extract(e.payload, '$.title'), 1, 4) <> 'rl1:' THEN json_extract(e.payload, '$.title') ELSE '' END,
    CASE WHEN json_type(e.payload, '$.body') = 'text' AND substr(json_extract(e.payload, '$.body'), 1, 4) <> 'rl1:' THEN json_extract(e.payload, '$.body')
             WHEN json_type(e.payload, '$.text') = 'text' AND substr(json_extract(e.payload, '$.text'), 1, 4) <> 'rl1:' THEN json_extract(e.payload, '$.text')
             ELSE '' END
FROM entities e JOIN entity_text_keys k ON k.tenant_id = e.tenant_id AND k.entity_type = e.entity_type AND k.entity_id = e.entity_id;
