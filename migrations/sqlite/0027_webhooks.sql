-- Outgoing webhooks (SQLite dialect; keep in step with ../postgres/0027_webhooks.sql).

-- A workspace's endpoints. `events` holds the event types it receives,
-- joined by commas, as the triggers below match them; `secret` is sealed
-- like the identity secrets. An endpoint failing for a day is disabled
-- (`disabled_at`, with the reason shown in the console) and receives
-- nothing until it is enabled again.
CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    -- Whether agents' internal notes are sent (as message.created).
    include_notes INTEGER NOT NULL DEFAULT 0 CHECK (include_notes IN (0, 1)),
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- Since when every delivery failed; cleared by a success.
    failing_since INTEGER,
    disabled_at INTEGER,
    disabled_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX webhook_endpoints_by_workspace ON webhook_endpoints (workspace_id);

-- The durable outbox of deliveries, one per event and endpoint, written by
-- the triggers below in the transaction that wrote the event. A worker
-- claims a row until `claimed_until`; it ends delivered or, after its last
-- try, failed. Its id is the event id the receiver sees, the same on every
-- try, so a duplicate is recognisable.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    -- What the event is about: a ticket (and a message of it), or a customer.
    ticket_id INTEGER,
    message_id INTEGER,
    customer_id INTEGER NOT NULL,
    -- The status the ticket took, for ticket events.
    status TEXT,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at INTEGER NOT NULL,
    claimed_until INTEGER,
    delivered_at INTEGER,
    failed_at INTEGER,
    -- The last try's HTTP status (none: no answer) and error.
    response_status INTEGER,
    last_error TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
-- An event waits while an earlier one of its ticket to the same endpoint
-- is still on its way: each ticket's events arrive in order.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, ticket_id, id)
    WHERE delivered_at IS NULL AND failed_at IS NULL;

-- The live-update events (public changes) as webhook events: a ticket
-- opened, a public message, and a status or participant change, which
-- is ticket.updated.
CREATE TRIGGER webhooks_on_events AFTER INSERT ON events
BEGIN
    INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event, ticket_id, message_id, customer_id, status, created_at, due_at)
    SELECT NEW.workspace_id, e.id, k.event, NEW.ticket_id, NEW.message_id, NEW.customer_id, NEW.status, NEW.created_at, NEW.created_at
    FROM webhook_endpoints e,
        (SELECT CASE NEW.kind WHEN 'ticket.created' THEN 'ticket.created' WHEN 'message.created' THEN 'message.created'
            ELSE 'ticket.updated' END AS event) k
    WHERE e.workspace_id = NEW.workspace_id AND e.disabled_at IS NULL
        AND (',' || e.events || ',') LIKE ('%,' || k.event || ',%');
END;

-- Agents' internal notes, to the endpoints that asked for them.
CREATE TRIGGER webhooks_on_notes AFTER INSERT ON messages WHEN NEW.is_internal = 1
BEGIN
    INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event, ticket_id, message_id, customer_id, created_at, due_at)
    SELECT NEW.workspace_id, e.id, 'message.created', NEW.ticket_id, NEW.id, t.creator_id, NEW.created_at, NEW.created_at
    FROM webhook_endpoints e JOIN tickets t ON t.workspace_id = NEW.workspace_id AND t.id = NEW.ticket_id
    WHERE e.workspace_id = NEW.workspace_id AND e.disabled_at IS NULL AND e.include_notes = 1
        AND (',' || e.events || ',') LIKE '%,message.created,%';
END;

CREATE TRIGGER webhooks_on_customers AFTER INSERT ON customers
BEGIN
    INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event, customer_id, created_at, due_at)
    SELECT NEW.workspace_id, e.id, 'customer.created', NEW.id, NEW.created_at, NEW.created_at
    FROM webhook_endpoints e
    WHERE e.workspace_id = NEW.workspace_id AND e.disabled_at IS NULL
        AND (',' || e.events || ',') LIKE '%,customer.created,%';
END;
