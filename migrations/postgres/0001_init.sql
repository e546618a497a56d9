-- The portal's initial schema (PostgreSQL dialect; keep in step with
-- ../sqlite/0001_init.sql). Times are unix milliseconds (portal_core::Millis).
--
-- Every tenant-owned row carries workspace_id, and references between tenant
-- rows go through (workspace_id, id) so a row can never point into another
-- workspace.

CREATE TABLE workspaces (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    greeting TEXT NOT NULL DEFAULT '',
    -- A JSON array of origin strings.
    allowed_origins TEXT NOT NULL DEFAULT '[]',
    session_lifetime_ms BIGINT NOT NULL CHECK (session_lifetime_ms > 0),
    next_ticket_number BIGINT NOT NULL DEFAULT 1 CHECK (next_ticket_number >= 1),
    created_at BIGINT NOT NULL
);

CREATE TABLE identity_secrets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retires_at BIGINT,
    UNIQUE (workspace_id, id)
);

CREATE INDEX identity_secrets_by_workspace ON identity_secrets (workspace_id, created_at);

CREATE TABLE customers (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- As the host site signed it.
    email TEXT NOT NULL,
    -- Lower case: what customers are looked up by.
    email_key TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (workspace_id, email_key),
    UNIQUE (workspace_id, id)
);

CREATE TABLE sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id BIGINT NOT NULL,
    secret_id BIGINT NOT NULL,
    -- SHA-256 of the bearer token.
    token_hash BYTEA NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, secret_id) REFERENCES identity_secrets (workspace_id, id) ON DELETE CASCADE
);

CREATE INDEX sessions_by_customer ON sessions (workspace_id, customer_id);
CREATE INDEX sessions_by_secret ON sessions (workspace_id, secret_id);

CREATE TABLE tickets (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- Per workspace, from workspaces.next_ticket_number.
    number BIGINT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'on_hold', 'closed')),
    channel TEXT NOT NULL DEFAULT 'portal',
    creator_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (workspace_id, number),
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, creator_id) REFERENCES customers (workspace_id, id)
);

-- A customer's ticket list, most recently updated first.
CREATE INDEX tickets_by_creator ON tickets (workspace_id, creator_id, updated_at DESC, number DESC);

CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL,
    author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent')),
    author_customer_id BIGINT,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    is_internal BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, author_customer_id) REFERENCES customers (workspace_id, id),
    -- Set for customer authors; agents are not customers.
    CHECK (author_kind = 'customer' OR author_customer_id IS NULL)
);

CREATE INDEX messages_by_ticket ON messages (workspace_id, ticket_id, created_at, id);
