-- Extra ticket attributes (same text in ../postgres/0004_ticket_attributes.sql).

-- A JSON object of attribute key to value, set by agents.
ALTER TABLE tickets ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
-- A JSON array of {"key", "label"}: the attributes customers see, in order.
ALTER TABLE workspaces ADD COLUMN shown_attributes TEXT NOT NULL DEFAULT '[]';
