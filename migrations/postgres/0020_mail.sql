-- Email notifications (PostgreSQL dialect; keep in step with ../sqlite/0020_mail.sql).

-- Whether a customer hears of agents' replies by email: on until they turn
-- it off (their account page, or a mail's unsubscribe link).
ALTER TABLE customers ADD COLUMN email_notifications BOOLEAN NOT NULL DEFAULT TRUE;

-- The durable outbox: a row per notification, written in the transaction
-- that writes the agent's public reply, delivered by a worker. A row is
-- claimed by one worker at a time until `claimed_until`; it ends sent or,
-- after its last try, failed.
CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- The agent's public reply the mail tells of.
    message_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    claimed_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    -- SHA-256 of the token of the mail's unsubscribe link.
    unsubscribe_hash BYTEA UNIQUE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_by_message ON outbox (workspace_id, message_id);
