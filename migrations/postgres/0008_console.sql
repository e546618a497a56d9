-- The console (PostgreSQL dialect; keep in step with ../sqlite/0008_console.sql):
-- the people who run the portal (admins and agents) and their cookie
-- sessions, the portal's look and on/off switch, ticket assignees, and
-- customers an admin has disabled.

CREATE TABLE agents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    -- Lower case: what agents sign in with.
    email_key TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'agent')),
    -- An argon2id PHC string; never the password.
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, email_key),
    UNIQUE (workspace_id, id)
);

CREATE TABLE agent_sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL,
    agent_id BIGINT NOT NULL,
    -- SHA-256 of the cookie's token.
    token_hash BYTEA NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    FOREIGN KEY (workspace_id, agent_id) REFERENCES agents (workspace_id, id) ON DELETE CASCADE
);

ALTER TABLE workspaces ADD COLUMN brand_color TEXT NOT NULL DEFAULT '#3b5bdb';
ALTER TABLE workspaces ADD COLUMN logo_url TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN theme TEXT NOT NULL DEFAULT 'auto' CHECK (theme IN ('auto', 'light', 'dark'));
-- Workspaces made before the console were already embedded.
ALTER TABLE workspaces ADD COLUMN portal_enabled BOOLEAN NOT NULL DEFAULT TRUE;

ALTER TABLE tickets ADD COLUMN assignee_id BIGINT;
ALTER TABLE tickets ADD CONSTRAINT tickets_assignee_fk
    FOREIGN KEY (workspace_id, assignee_id) REFERENCES agents (workspace_id, id);
CREATE INDEX tickets_by_assignee ON tickets (workspace_id, assignee_id, updated_at);

ALTER TABLE customers ADD COLUMN disabled_at BIGINT;
