-- Email sign-in for the standalone portal (SQLite dialect; keep in step with
-- ../postgres/0022_email_sign_in.sql).

-- Whether customers may sign in with a one-time code mailed to them: off
-- until an admin turns it on.
ALTER TABLE workspaces ADD COLUMN email_sign_in INTEGER NOT NULL DEFAULT 0 CHECK (email_sign_in IN (0, 1));

-- A customer's email sign-in waiting for its code (typed, a few tries) or
-- its link (clicked): one at a time per customer, for 15 minutes. Only
-- hashes are kept.
CREATE TABLE email_sign_ins (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL,
    code_hash BLOB NOT NULL,
    link_hash BLOB NOT NULL UNIQUE,
    tries_left INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, customer_id),
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
