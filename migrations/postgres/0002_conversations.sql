-- Conversations (PostgreSQL dialect; keep in step with
-- ../sqlite/0002_conversations.sql): customers work their tickets, agents
-- answer through API tokens, and every public change is written to an
-- outbox (`events`) in the same transaction as the change.

-- Whether a customer's reply (or a reopen request) may reopen a closed ticket.
ALTER TABLE workspaces ADD COLUMN reopen_allowed BOOLEAN NOT NULL DEFAULT TRUE;
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
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- SHA-256 of the bearer token; the token itself is never stored.
    token_hash BYTEA NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    UNIQUE (workspace_id, id)
);

CREATE INDEX api_tokens_by_workspace ON api_tokens (workspace_id, created_at);

-- The outbox of public changes. Written in the transaction of the change it
-- describes; an internal note writes none. The id orders events: writers
-- lock the workspace row before inserting, so within a workspace ids commit
-- in order. customer_id is the ticket's creator, who may see the event.
CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('message.created', 'ticket.status', 'ticket.created')),
    message_id BIGINT,
    -- The status the ticket took (ticket.status, ticket.created).
    status TEXT CHECK (status IN ('open', 'in_progress', 'on_hold', 'closed')),
    created_at BIGINT NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    CHECK (kind <> 'message.created' OR message_id IS NOT NULL)
);

CREATE INDEX events_by_customer ON events (workspace_id, customer_id, id);
