-- Ticket participants (PostgreSQL dialect; keep in step with
-- ../sqlite/0017_participants.sql). Besides its creator, a ticket may
-- have other customers of its workspace taking part in it, as Intercom's
-- tickets do: an agent adds them (console, REST API), or a company member
-- who may see the ticket joins it from the portal. A participant sees the
-- ticket like its creator (list, search, page, live events, files) and may
-- reply, reopen it and attach files; a company member who merely sees it
-- reads it until they join. The creator is never a participant of their own.
CREATE TABLE ticket_participants (
    workspace_id BIGINT NOT NULL,
    ticket_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    added_at BIGINT NOT NULL,
    -- 'agent': an agent added them; 'self': they joined from the portal.
    added_by TEXT NOT NULL CHECK (added_by IN ('agent', 'self')),
    PRIMARY KEY (workspace_id, ticket_id, customer_id),
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);

-- The tickets a customer takes part in: their list and the access rule.
CREATE INDEX ticket_participants_by_customer ON ticket_participants (workspace_id, customer_id, ticket_id);

-- A new event kind, `ticket.participants`: the ticket's participants
-- changed, so a customer just added sees it arrive in their list live.
ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check
    CHECK (kind IN ('message.created', 'ticket.status', 'ticket.created', 'ticket.participants'));
