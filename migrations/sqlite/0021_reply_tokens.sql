-- Replies by email (SQLite dialect; keep in step with ../postgres/0021_reply_tokens.sql).

-- The tokens in the reply addresses of the mail the portal sent: a reply to
-- `support+<token>@…` belongs to the ticket its token was sent for. Only a
-- hash is kept, so the table alone lets nobody write into a ticket.
CREATE TABLE reply_tokens (
    token_hash BLOB PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE
) STRICT;
