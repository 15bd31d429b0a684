-- The entities no person has written a visible value of (truth level above 1): the review UI's suggested entities (a task
-- an assistant found, an automation's draft). A partial index, so a tenant of a million user-written notes keeps it small
-- and a push of user writes does not touch it.
CREATE INDEX ix_entities_below_user ON entities (tenant_id, entity_type, entity_id) WHERE truth_level > 1 AND deleted = FALSE;
