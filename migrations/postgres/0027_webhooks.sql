-- Outgoing webhooks (PostgreSQL dialect; keep in step with ../sqlite/0027_webhooks.sql).

-- A workspace's endpoints. `events` holds the event types it receives,
-- joined by commas, as the triggers below match them; `secret` is sealed
-- like the identity secrets. An endpoint failing for a day is disabled
-- (`disabled_at`, with the reason shown in the console) and receives
-- nothing until it is enabled again.
CREATE TABLE webhook_endpoints (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    -- Whether agents' internal notes are sent (as message.created).
    include_notes BOOLEAN NOT NULL DEFAULT FALSE,
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Since when every delivery failed; cleared by a success.
    failing_since BIGINT,
    disabled_at BIGINT,
    disabled_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_endpoints_by_workspace ON webhook_endpoints (workspace_id);

-- The durable outbox of deliveries, one per event and endpoint, written by
-- the triggers below in the transaction that wrote the event. A worker
-- claims a row until `claimed_until`; it ends delivered or, after its last
-- try, failed. Its id is the event id the receiver sees, the same on every
-- try, so a duplicate is recognisable.
CREATE TABLE webhook_deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    -- What the event is about: a ticket (and a message of it), or a customer.
    ticket_id BIGINT,
    message_id BIGINT,
    customer_id BIGINT NOT NULL,
    -- The status the ticket took, for ticket events.
    status TEXT,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    claimed_until BIGINT,
    delivered_at BIGINT,
    failed_at BIGINT,
    -- The last try's HTTP status (none: no answer) and error.
    response_status BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
-- An event waits while an earlier one of its ticket to the same endpoint
-- is still on its way: each ticket's events arrive in order.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (endpoint_id, ticket_id, id)
    WHERE delivered_at IS NULL AND failed_at IS NULL;

-- Statement-level triggers, as the search index's: an import costs one
-- statement, not one per row.

-- The live-update events (public changes) as webhook events: a ticket
-- opened, a public message, and a status or participant change, which
-- is ticket.updated.
CREATE FUNCTION webhooks_on_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event, ticket_id, message_id, customer_id, status, created_at, due_at)
    SELECT a.workspace_id, e.id, k.event, a.ticket_id, a.message_id, a.customer_id, a.status, a.created_at, a.created_at
    FROM added a
    CROSS JOIN LATERAL (SELECT CASE a.kind WHEN 'ticket.created' THEN 'ticket.created'
        WHEN 'message.created' THEN 'message.created' ELSE 'ticket.updated' END AS event) k
    JOIN webhook_endpoints e ON e.workspace_id = a.workspace_id AND e.disabled_at IS NULL
        AND (',' || e.events || ',') LIKE ('%,' || k.event || ',%')
    ORDER BY a.id, e.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhooks_on_events AFTER INSERT ON events
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION webhooks_on_events();

-- Agents' internal notes, to the endpoints that asked for them.
CREATE FUNCTION webhooks_on_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event, ticket_id, message_id, customer_id, created_at, due_at)
    SELECT a.workspace_id, e.id, 'message.created', a.ticket_id, a.id, t.creator_id, a.created_at, a.created_at
    FROM added a
    JOIN tickets t ON t.workspace_id = a.workspace_id AND t.id = a.ticket_id
    JOIN webhook_endpoints e ON e.workspace_id = a.workspace_id AND e.disabled_at IS NULL AND e.include_notes
        AND (',' || e.events || ',') LIKE '%,message.created,%'
    WHERE a.is_internal
    ORDER BY a.id, e.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhooks_on_notes AFTER INSERT ON messages
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION webhooks_on_notes();

CREATE FUNCTION webhooks_on_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event, customer_id, created_at, due_at)
    SELECT a.workspace_id, e.id, 'customer.created', a.id, a.created_at, a.created_at
    FROM added a
    JOIN webhook_endpoints e ON e.workspace_id = a.workspace_id AND e.disabled_at IS NULL
        AND (',' || e.events || ',') LIKE '%,customer.created,%'
    ORDER BY a.id, e.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhooks_on_customers AFTER INSERT ON customers
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION webhooks_on_customers();
