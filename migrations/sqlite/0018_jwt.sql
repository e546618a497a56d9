-- Sign-in tokens (SQLite dialect; keep in step with ../postgres/0018_jwt.sql).
--
-- The `jti` of every sign-in token accepted, as SHA-256, kept until the
-- token could no longer be accepted anyway (its `exp` plus the clock skew),
-- so a token signs in once. Rows past `keep_until` are purged as new ones
-- arrive.
CREATE TABLE used_token_ids (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    jti_hash BLOB NOT NULL,
    keep_until INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, jti_hash)
);
CREATE INDEX used_token_ids_by_expiry ON used_token_ids (keep_until);

-- "JWT only": the workspace refuses sign-ins by verification hash. Off for
-- every workspace that exists, so none changes how it signs in.
ALTER TABLE workspaces ADD COLUMN jwt_only INTEGER NOT NULL DEFAULT 0 CHECK (jwt_only IN (0, 1));
