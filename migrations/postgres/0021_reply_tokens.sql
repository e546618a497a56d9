-- Replies by email (PostgreSQL dialect; keep in step with ../sqlite/0021_reply_tokens.sql).

-- The tokens in the reply addresses of the mail the portal sent: a reply to
-- `support+<token>@…` belongs to the ticket its token was sent for. Only a
-- hash is kept, so the table alone lets nobody write into a ticket.
CREATE TABLE reply_tokens (
    token_hash BYTEA PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE
);
