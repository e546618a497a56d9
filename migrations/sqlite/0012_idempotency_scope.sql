-- Idempotency keys belong to their author (SQLite dialect; keep in step
-- with ../postgres/0012_idempotency_scope.sql). A key was unique per
-- ticket, so one customer's key could collide with another's on a ticket
-- both see, and the refusal told the caller that someone else had used it.
-- Now a customer's key names one message of theirs in the workspace, and
-- the agents (the console and every API token) have a side of their own.

-- While keys were per ticket, an author could use one key on several
-- tickets: the newest message keeps it (a retry repeats the latest send).
UPDATE messages SET idempotency_key = NULL
WHERE id IN (
    SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (
            PARTITION BY workspace_id, author_kind, author_customer_id, idempotency_key ORDER BY id DESC
        ) AS newer
        FROM messages WHERE idempotency_key IS NOT NULL
    ) ranked WHERE newer > 1
);

DROP INDEX messages_by_idempotency_key;
CREATE UNIQUE INDEX messages_by_customer_key ON messages (workspace_id, author_customer_id, idempotency_key)
    WHERE author_kind = 'customer' AND idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX messages_by_agent_key ON messages (workspace_id, idempotency_key)
    WHERE author_kind = 'agent' AND idempotency_key IS NOT NULL;
