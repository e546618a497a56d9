-- The portal's initial schema (SQLite dialect; keep in step with
-- ../postgres/0001_init.sql). Times are unix milliseconds (portal_core::Millis).
-- Tables are STRICT, so column types are enforced as on PostgreSQL.
--
-- Every tenant-owned row carries workspace_id, and references between tenant
-- rows go through (workspace_id, id) so a row can never point into another
-- workspace.

CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    greeting TEXT NOT NULL DEFAULT '',
    -- A JSON array of origin strings.
    allowed_origins TEXT NOT NULL DEFAULT '[]',
    session_lifetime_ms INTEGER NOT NULL CHECK (session_lifetime_ms > 0),
    next_ticket_number INTEGER NOT NULL DEFAULT 1 CHECK (next_ticket_number >= 1),
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE identity_secrets (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    retires_at INTEGER,
    UNIQUE (workspace_id, id)
) STRICT;

CREATE INDEX identity_secrets_by_workspace ON identity_secrets (workspace_id, created_at);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- As the host site signed it.
    email TEXT NOT NULL,
    -- Lower case: what customers are looked up by.
    email_key TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, email_key),
    UNIQUE (workspace_id, id)
) STRICT;

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL,
    secret_id INTEGER NOT NULL,
    -- SHA-256 of the bearer token.
    token_hash BLOB NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, secret_id) REFERENCES identity_secrets (workspace_id, id) ON DELETE CASCADE
) STRICT;

CREATE INDEX sessions_by_customer ON sessions (workspace_id, customer_id);
CREATE INDEX sessions_by_secret ON sessions (workspace_id, secret_id);

CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- Per workspace, from workspaces.next_ticket_number.
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'on_hold', 'closed')),
    channel TEXT NOT NULL DEFAULT 'portal',
    creator_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (workspace_id, number),
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, creator_id) REFERENCES customers (workspace_id, id)
) STRICT;

-- A customer's ticket list, most recently updated first.
CREATE INDEX tickets_by_creator ON tickets (workspace_id, creator_id, updated_at DESC, number DESC);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL,
    author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent')),
    author_customer_id INTEGER,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    is_internal INTEGER NOT NULL DEFAULT 0 CHECK (is_internal IN (0, 1)),
    created_at INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, author_customer_id) REFERENCES customers (workspace_id, id),
    -- Set for customer authors; agents are not customers.
    CHECK (author_kind = 'customer' OR author_customer_id IS NULL)
) STRICT;

CREATE INDEX messages_by_ticket ON messages (workspace_id, ticket_id, created_at, id);
