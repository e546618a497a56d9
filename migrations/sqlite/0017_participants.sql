-- Ticket participants (SQLite dialect; keep in step with
-- ../postgres/0017_participants.sql). Besides its creator, a ticket may
-- have other customers of its workspace taking part in it, as Intercom's
-- tickets do: an agent adds them (console, REST API), or a company member
-- who may see the ticket joins it from the portal. A participant sees the
-- ticket like its creator (list, search, page, live events, files) and may
-- reply, reopen it and attach files; a company member who merely sees it
-- reads it until they join. The creator is never a participant of their own.
CREATE TABLE ticket_participants (
    workspace_id INTEGER NOT NULL,
    ticket_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    -- 'agent': an agent added them; 'self': they joined from the portal.
    added_by TEXT NOT NULL CHECK (added_by IN ('agent', 'self')),
    PRIMARY KEY (workspace_id, ticket_id, customer_id),
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;

-- The tickets a customer takes part in: their list and the access rule.
CREATE INDEX ticket_participants_by_customer ON ticket_participants (workspace_id, customer_id, ticket_id);

-- A new event kind, `ticket.participants`: the ticket's participants
-- changed, so a customer just added sees it arrive in their list live.
-- SQLite cannot change a CHECK constraint in place: the outbox is copied
-- into a table with the new one, keeping its ids and its AUTOINCREMENT
-- counter (an id is never used twice, even one whose event was deleted).
CREATE TABLE events_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('message.created', 'ticket.status', 'ticket.created', 'ticket.participants')),
    message_id INTEGER,
    -- The status the ticket took (ticket.status, ticket.created).
    status TEXT CHECK (status IN ('open', 'in_progress', 'on_hold', 'closed')),
    created_at INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    CHECK (kind <> 'message.created' OR message_id IS NOT NULL)
) STRICT;

INSERT INTO events_new (id, workspace_id, ticket_id, customer_id, kind, message_id, status, created_at)
    SELECT id, workspace_id, ticket_id, customer_id, kind, message_id, status, created_at FROM events;
DELETE FROM sqlite_sequence WHERE name = 'events_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'events_new', seq FROM sqlite_sequence WHERE name = 'events';
DROP TABLE events;
-- Renaming moves the sqlite_sequence row along.
ALTER TABLE events_new RENAME TO events;

CREATE INDEX events_by_customer ON events (workspace_id, customer_id, id);
CREATE INDEX events_by_workspace ON events (workspace_id, id);
