-- The console (SQLite dialect; keep in step with ../postgres/0008_console.sql):
-- the people who run the portal (admins and agents) and their cookie
-- sessions, the portal's look and on/off switch, ticket assignees, and
-- customers an admin has disabled.

CREATE TABLE agents (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    -- Lower case: what agents sign in with.
    email_key TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    -- An argon2id PHC string; never the password.
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, email_key),
    UNIQUE (workspace_id, id)
) STRICT;

CREATE TABLE agent_sessions (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL,
    agent_id INTEGER NOT NULL,
    -- SHA-256 of the cookie's token.
    token_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    FOREIGN KEY (workspace_id, agent_id) REFERENCES agents (workspace_id, id) ON DELETE CASCADE
) STRICT;

ALTER TABLE workspaces ADD COLUMN brand_color TEXT NOT NULL DEFAULT '#3b5bdb';
ALTER TABLE workspaces ADD COLUMN logo_url TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN theme TEXT NOT NULL DEFAULT 'auto' CHECK (theme IN ('auto', 'light', 'dark'));
-- Workspaces made before the console were already embedded.
ALTER TABLE workspaces ADD COLUMN portal_enabled INTEGER NOT NULL DEFAULT 1 CHECK (portal_enabled IN (0, 1));

-- SQLite cannot add a composite foreign key to a table; the store only
-- writes ids of the workspace's own agents.
ALTER TABLE tickets ADD COLUMN assignee_id INTEGER;
CREATE INDEX tickets_by_assignee ON tickets (workspace_id, assignee_id, updated_at);

ALTER TABLE customers ADD COLUMN disabled_at INTEGER;
