-- Attachments (SQLite dialect; keep in step with
-- ../postgres/0003_attachments.sql). A customer uploads a file first (it
-- waits, unattached, with no ticket), then sends it with a reply or a new
-- ticket, which claims it in the transaction that writes the message.

-- Per-workspace limits, at most the product's 6 files of 3 MB.
ALTER TABLE workspaces ADD COLUMN max_attachments INTEGER NOT NULL DEFAULT 6
    CHECK (max_attachments BETWEEN 0 AND 6);
ALTER TABLE workspaces ADD COLUMN max_attachment_bytes INTEGER NOT NULL DEFAULT 3145728
    CHECK (max_attachment_bytes BETWEEN 1024 AND 3145728);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    uploader_id INTEGER NOT NULL,
    -- NULL while the upload waits to be sent.
    ticket_id INTEGER,
    -- NULL on a ticket's own files (sent with its description).
    message_id INTEGER,
    -- The customer's name for the file: shown, never used as a path.
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    -- The blob store's random name for the content.
    blob_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, uploader_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    CHECK (message_id IS NULL OR ticket_id IS NOT NULL)
) STRICT;

CREATE INDEX attachments_by_ticket ON attachments (workspace_id, ticket_id, id);
-- Uploads waiting to be sent, by uploader and by age (for the sweeper).
CREATE INDEX attachments_waiting ON attachments (workspace_id, uploader_id, created_at) WHERE ticket_id IS NULL;
CREATE INDEX attachments_waiting_by_age ON attachments (created_at) WHERE ticket_id IS NULL;
