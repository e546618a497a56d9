-- Assignment and escalation rules (SQLite dialect; keep in step with
-- ../postgres/0029_routing.sql).

-- A workspace's rules, each kind an ordered list. `rule` is the rule as
-- JSON (portal_core::routing); `next_turn` is a round-robin rule's turn,
-- moved on in the transaction of the ticket it assigned.
CREATE TABLE routing_rules (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('assign', 'escalate')),
    position INTEGER NOT NULL,
    rule TEXT NOT NULL,
    next_turn INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX routing_rules_by_workspace ON routing_rules (workspace_id, kind, position);

-- Escalated tickets carry the time (the inbox's filter and badge).
ALTER TABLE tickets ADD COLUMN escalated_at INTEGER;
CREATE INDEX tickets_escalated ON tickets (workspace_id, escalated_at) WHERE escalated_at IS NOT NULL;

-- Each rule fires once per ticket: its row here is claimed by one insert,
-- whichever instance gets there first.
CREATE TABLE ticket_escalations (
    workspace_id INTEGER NOT NULL,
    ticket_id INTEGER NOT NULL,
    rule_id INTEGER NOT NULL REFERENCES routing_rules (id) ON DELETE CASCADE,
    escalated_at INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, rule_id),
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE
) STRICT;
