-- Ticket search (SQLite dialect; keep in step with ../postgres/0006_search.sql).
-- One FTS5 row per ticket (rowid = tickets.id) holding what its customers
-- may read: the title, the description and every public message. Internal
-- notes are never indexed. Triggers keep it in step with every write, in
-- the writing transaction, whichever code path writes.

CREATE VIRTUAL TABLE ticket_search USING fts5 (
    title,
    description,
    conversation,
    -- Words are runs of letters and digits, in lower case, accents kept
    -- (as PostgreSQL's `simple` configuration sees them).
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO ticket_search (rowid, title, description, conversation)
SELECT t.id, t.title, t.description,
       COALESCE((SELECT group_concat(m.body, ' ') FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal = 0), '')
FROM tickets t;

CREATE TRIGGER ticket_search_on_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, title, description, conversation)
    VALUES (new.id, new.title, new.description, '');
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

-- Whether search results show the preview column (the best-matching snippet).
ALTER TABLE workspaces ADD COLUMN search_preview INTEGER NOT NULL DEFAULT 1 CHECK (search_preview IN (0, 1));
