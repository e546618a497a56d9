-- Search at scale (SQLite dialect; keep in step with ../postgres/0031_search_scope.sql).
--
-- 1. The index answers who may see a ticket: a `scope` column holds one
--    token per reason to see it, `o<creator>`, `c<company>` and
--    `p<participant an agent added>` (ids are unique across workspaces). A
--    customer's search asks for `scope : (o<me> OR p<me> OR c<company>...)`
--    AND the words, so FTS5 walks the rare side (the customer's few hundred
--    tickets) and seeks into the common word's list, whatever its length.
--    Search words are letters and digits in the other columns only: no
--    search reaches the scope column.
-- 2. Accents fold ("fallig" finds "fällig") and English words stem
--    ("printers" finds "printer"): FTS5 has one tokenizer per table, and
--    its built-in stemmer is Porter's English one (docs/decisions.md).
--
-- An FTS5 table cannot change its columns or tokenizer: it is built again,
-- with its triggers.

DROP TRIGGER ticket_search_on_insert;
DROP TRIGGER ticket_search_on_update;
DROP TRIGGER ticket_search_on_delete;
DROP TRIGGER ticket_search_on_message;
DROP TRIGGER ticket_search_on_note;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5 (
    title,
    description,
    conversation,
    notes,
    scope,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Who may see each ticket, as the scope column spells it.
CREATE VIEW ticket_scope AS
SELECT t.id,
       'o' || t.creator_id || COALESCE(' c' || t.company_id, '')
       || COALESCE(' ' || (SELECT group_concat('p' || tp.customer_id, ' ') FROM ticket_participants tp
                           WHERE tp.workspace_id = t.workspace_id AND tp.ticket_id = t.id AND tp.added_by = 'agent'), '')
       AS scope
FROM tickets t;

-- Every ticket's index row from scratch: the migration and `portal reindex`.
CREATE VIEW ticket_search_source AS
SELECT t.id, t.title, t.description,
       COALESCE((SELECT group_concat(m.body, ' ') FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 0), '')
       AS conversation,
       COALESCE((SELECT group_concat(m.body, ' ') FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 1), '')
       AS notes,
       s.scope
FROM tickets t JOIN ticket_scope s ON s.id = t.id;

INSERT INTO ticket_search (rowid, title, description, conversation, notes, scope)
SELECT id, title, description, conversation, notes, scope FROM ticket_search_source;

CREATE TRIGGER ticket_search_on_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, title, description, conversation, notes, scope)
    VALUES (new.id, new.title, new.description, '', '', 'o' || new.creator_id || COALESCE(' c' || new.company_id, ''));
END;

CREATE TRIGGER ticket_search_on_update AFTER UPDATE OF title, description ON tickets BEGIN
    UPDATE ticket_search SET title = new.title, description = new.description WHERE rowid = new.id;
END;

CREATE TRIGGER ticket_search_on_owner AFTER UPDATE OF creator_id, company_id ON tickets BEGIN
    UPDATE ticket_search SET scope = (SELECT scope FROM ticket_scope WHERE id = new.id) WHERE rowid = new.id;
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

CREATE TRIGGER ticket_search_on_participant_added AFTER INSERT ON ticket_participants BEGIN
    UPDATE ticket_search SET scope = (SELECT scope FROM ticket_scope WHERE id = new.ticket_id)
    WHERE rowid = new.ticket_id;
END;

CREATE TRIGGER ticket_search_on_participant_changed AFTER UPDATE OF added_by ON ticket_participants BEGIN
    UPDATE ticket_search SET scope = (SELECT scope FROM ticket_scope WHERE id = new.ticket_id)
    WHERE rowid = new.ticket_id;
END;

CREATE TRIGGER ticket_search_on_participant_removed AFTER DELETE ON ticket_participants BEGIN
    UPDATE ticket_search SET scope = (SELECT scope FROM ticket_scope WHERE id = old.ticket_id)
    WHERE rowid = old.ticket_id;
END;
