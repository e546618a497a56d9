-- Tickets opened by mail (PostgreSQL dialect; keep in step with
-- ../sqlite/0026_mail_tickets.sql).

-- The key of the mail (from its Message-ID) that opened each such ticket,
-- written with the ticket: the same mail delivered again opens no second.
CREATE TABLE mail_tickets (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    mail_key TEXT NOT NULL,
    ticket_id BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, mail_key),
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE
);
