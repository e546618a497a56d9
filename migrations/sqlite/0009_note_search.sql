-- Agents' searches read internal notes too (SQLite dialect; keep in step
-- with ../postgres/0009_note_search.sql). The index gains a `notes` column;
-- a customer's search names the other three columns, so a word only a note
-- has never finds a ticket for a customer. An FTS5 table cannot gain a
-- column: it is built again, with its triggers.

DROP TRIGGER ticket_search_on_insert;
DROP TRIGGER ticket_search_on_update;
DROP TRIGGER ticket_search_on_delete;
DROP TRIGGER ticket_search_on_message;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5 (
    title,
    description,
    conversation,
    notes,
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO ticket_search (rowid, title, description, conversation, notes)
SELECT t.id, t.title, t.description,
       COALESCE((SELECT group_concat(m.body, ' ') FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 0), ''),
       COALESCE((SELECT group_concat(m.body, ' ') FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 1), '')
FROM tickets t;

CREATE TRIGGER ticket_search_on_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, title, description, conversation, notes)
    VALUES (new.id, new.title, new.description, '', '');
END;

CREATE TRIGGER ticket_search_on_update AFTER UPDATE OF title, description ON tickets BEGIN
    UPDATE ticket_search SET title = new.title, description = new.description WHERE rowid = new.id;
END;

CREATE TRIGGER ticket_search_on_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM ticket_search WHERE rowid = old.id;
END;

CREATE TRIGGER ticket_search_on_message AFTER INSERT ON messages WHEN new.is_internal = 0 BEGIN
    UPDATE ticket_search SET conversation = conversation || ' ' || new.body WHERE rowid = new.ticket_id;
END;

CREATE TRIGGER ticket_search_on_note AFTER INSERT ON messages WHEN new.is_internal = 1 BEGIN
    UPDATE ticket_search SET notes = notes || ' ' || new.body WHERE rowid = new.ticket_id;
END;
