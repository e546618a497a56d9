-- Storage quotas for attached files (PostgreSQL dialect; keep in step with
-- ../sqlite/0013_attachment_quota.sql). A workspace's files, sent or
-- waiting, may take at most its quota; NULL is the server's default
-- (`attachment_quota_mb`). The quota is checked at each upload by summing
-- the sizes, so the sizes are indexed by workspace.
ALTER TABLE workspaces ADD COLUMN attachment_quota_bytes BIGINT CHECK (attachment_quota_bytes >= 0);

CREATE INDEX attachments_sizes ON attachments (workspace_id, size_bytes);
