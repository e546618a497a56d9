-- The new-ticket form's own fields (PostgreSQL dialect; keep in step with
-- ../sqlite/0016_ticket_form.sql): the ticket attributes customers fill in
-- when they open a ticket, as JSON
-- [{"key": "plan", "label": "Plan", "kind": "choice", "choices": ["Free", "Pro"], "required": true}].
ALTER TABLE workspaces ADD COLUMN ticket_form TEXT NOT NULL DEFAULT '[]';
