-- The standalone portal (SQLite dialect; keep in step with ../postgres/0019_standalone.sql).

-- Where a session lives: the site's frame (a bearer token) or the
-- standalone portal (a cookie), and the browser family it was opened in,
-- for the customer's own account page. Every session so far was embedded.
ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'embedded' CHECK (kind IN ('embedded', 'standalone'));
ALTER TABLE sessions ADD COLUMN browser TEXT NOT NULL DEFAULT '';

-- How the standalone portal signs customers in: the site's login page for
-- custom sign-on (empty: none), whether the frame may hand its session to a
-- new tab, and the host name the portal answers on for this workspace alone.
ALTER TABLE workspaces ADD COLUMN sign_in_url TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN new_tab_allowed INTEGER NOT NULL DEFAULT 1 CHECK (new_tab_allowed IN (0, 1));
ALTER TABLE workspaces ADD COLUMN portal_host TEXT;
CREATE UNIQUE INDEX workspaces_by_portal_host ON workspaces (portal_host);

-- One-time sign-in codes (SHA-256 only): the frame's "Open in a new tab"
-- and the links in mail. A code works only for its purpose, and is deleted
-- as it is used.
CREATE TABLE sign_in_codes (
    code_hash BLOB PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL,
    secret_id INTEGER NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('new-tab', 'mail-link')),
    expires_at INTEGER NOT NULL,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, secret_id) REFERENCES identity_secrets (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX sign_in_codes_by_expiry ON sign_in_codes (expires_at);

-- Each customer's access log: sign-ins, refusals, exports, "sign out
-- everywhere". Kept for the configured time, then purged.
CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    event TEXT NOT NULL CHECK (event IN ('signed-in', 'refused', 'exported', 'signed-out-everywhere')),
    kind TEXT NOT NULL CHECK (kind IN ('embedded', 'standalone')),
    origin TEXT NOT NULL,
    browser TEXT NOT NULL,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX access_log_by_customer ON access_log (workspace_id, customer_id, at);
CREATE INDEX access_log_by_time ON access_log (at);
