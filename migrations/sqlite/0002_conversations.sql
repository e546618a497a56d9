-- Conversations (SQLite dialect; keep in step with
-- ../postgres/0002_conversations.sql): customers work their tickets, agents
-- answer through API tokens, and every public change is written to an
-- outbox (`events`) in the same transaction as the change.

-- Whether a customer's reply (or a reopen request) may reopen a closed ticket.
ALTER TABLE workspaces ADD COLUMN reopen_allowed INTEGER NOT NULL DEFAULT 1 CHECK (reopen_allowed IN (0, 1));
-- A JSON array of the ticket type names customers may choose from.
ALTER TABLE workspaces ADD COLUMN ticket_types TEXT NOT NULL DEFAULT '["Question","Problem","Feature request"]';

ALTER TABLE tickets ADD COLUMN ticket_type TEXT;

-- An agent's view of the workspace, most recently updated first.
CREATE INDEX tickets_by_update ON tickets (workspace_id, updated_at DESC, number DESC);

-- A client-chosen key that makes a retried send write once per ticket.
-- NULL (no key) may repeat.
ALTER TABLE messages ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX messages_by_idempotency_key ON messages (workspace_id, ticket_id, idempotency_key);
-- Lets events reference a message through (workspace_id, id).
CREATE UNIQUE INDEX messages_by_workspace_id ON messages (workspace_id, id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- SHA-256 of the bearer token; the token itself is never stored.
    token_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    UNIQUE (workspace_id, id)
) STRICT;

CREATE INDEX api_tokens_by_workspace ON api_tokens (workspace_id, created_at);

-- The outbox of public changes. Written in the transaction of the change it
-- describes; an internal note writes none. The id orders events: writers
-- take turns (BEGIN IMMEDIATE), so ids commit in order, and AUTOINCREMENT
-- never reuses one. customer_id is the ticket's creator, who may see it.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('message.created', 'ticket.status', 'ticket.created')),
    message_id INTEGER,
    -- The status the ticket took (ticket.status, ticket.created).
    status TEXT CHECK (status IN ('open', 'in_progress', 'on_hold', 'closed')),
    created_at INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    CHECK (kind <> 'message.created' OR message_id IS NOT NULL)
) STRICT;

CREATE INDEX events_by_customer ON events (workspace_id, customer_id, id);
