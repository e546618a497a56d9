-- Business hours (SQLite dialect; keep in step with the other dialect's 0030).

-- When the workspace's team works, as JSON (portal_core::routing::BusinessHours):
-- escalation waits count only those minutes. NULL: every minute counts.
ALTER TABLE workspaces ADD COLUMN business_hours TEXT;
