-- Keyword search over the readable text of notes and tasks (GET /sync/search): a GIN index on the full-text vector of the
-- title (weight A) and the body or text (weight B), with the 'simple' configuration (no stemming, any language). Only
-- plain strings count: a sealed value ("rl1:...", a local-first tenant's content) is empty text. The search statement
-- repeats this expression exactly (SqlReplicaStore's PostgreSQL text vector), so the planner uses the index.
CREATE INDEX ix_entities_text ON entities USING gin ((
    setweight(to_tsvector('simple'::regconfig, CASE WHEN jsonb_typeof(payload->'title') = 'string' AND left(payload->>'title', 4) <> 'rl1:' THEN payload->>'title' ELSE '' END), 'A')
    || setweight(to_tsvector('simple'::regconfig, CASE WHEN jsonb_typeof(payload->'body') = 'string' AND left(payload->>'body', 4) <> 'rl1:' THEN payload->>'body'
                                                   WHEN jsonb_typeof(payload->'text') = 'string' AND left(payload->>'text', 4) <> 'rl1:' THEN payload->>'text'
                                                   ELSE '' END), 'B')))
    WHERE entity_type IN ('note', 'task') AND deleted = FALSE;
