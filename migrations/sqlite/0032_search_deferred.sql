-- Bulk imports index each ticket once (SQLite dialect; keep in step with
-- ../postgres/0032_search_deferred.sql).
--
-- Row by row, the triggers re-index a ticket for each of its messages. An
-- import puts a row in `search_deferred` inside its own transaction, so
-- no other writer ever sees it; the triggers then leave the index alone,
-- and the import indexes its tickets from `ticket_search_source` at the
-- end, each once, and removes the row before it commits.

CREATE TABLE search_deferred (since INTEGER NOT NULL);

DROP TRIGGER ticket_search_on_insert;
DROP TRIGGER ticket_search_on_message;
DROP TRIGGER ticket_search_on_note;

CREATE TRIGGER ticket_search_on_insert AFTER INSERT ON tickets
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO ticket_search (rowid, title, description, conversation, notes, scope)
    VALUES (new.id, new.title, new.description, '', '', 'o' || new.creator_id || COALESCE(' c' || new.company_id, ''));
END;

CREATE TRIGGER ticket_search_on_message AFTER INSERT ON messages
WHEN new.is_internal = 0 AND NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    UPDATE ticket_search SET conversation = conversation || ' ' || new.body WHERE rowid = new.ticket_id;
END;

CREATE TRIGGER ticket_search_on_note AFTER INSERT ON messages
WHEN new.is_internal = 1 AND NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    UPDATE ticket_search SET notes = notes || ' ' || new.body WHERE rowid = new.ticket_id;
END;
