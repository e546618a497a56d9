-- Slack (PostgreSQL dialect; keep in step with ../sqlite/0028_slack.sql).

-- A workspace's Slack app: its bot token and signing secret, sealed like
-- the identity secrets, and the channel new tickets are posted to (none
-- chosen yet: nothing is posted).
CREATE TABLE slack_connections (
    workspace_id BIGINT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    bot_token TEXT NOT NULL,
    signing_secret TEXT NOT NULL,
    channel_id TEXT NOT NULL DEFAULT '',
    channel_name TEXT NOT NULL DEFAULT '',
    -- A thread reply starting with it is an internal note.
    note_prefix TEXT NOT NULL DEFAULT '!note',
    created_at BIGINT NOT NULL
);

-- Each ticket's message in the channel: its thread holds the ticket's
-- later changes, and agents answer in it.
CREATE TABLE slack_threads (
    workspace_id BIGINT NOT NULL,
    ticket_id BIGINT NOT NULL,
    channel_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    PRIMARY KEY (workspace_id, ticket_id),
    UNIQUE (workspace_id, channel_id, ts),
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE
);

-- Slack users who answer as one of the workspace's agents: linked by the
-- email Slack gives for them, or by the agent in the console.
CREATE TABLE slack_users (
    workspace_id BIGINT NOT NULL,
    slack_user_id TEXT NOT NULL,
    agent_id BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    PRIMARY KEY (workspace_id, slack_user_id),
    UNIQUE (workspace_id, agent_id)
);

-- The durable outbox of posts, as webhook_deliveries: written by the
-- trigger below in the transaction of the change, one ticket's posts sent
-- in order (the first opens its thread).
CREATE TABLE slack_posts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES slack_connections (workspace_id) ON DELETE CASCADE,
    ticket_id BIGINT NOT NULL,
    -- ticket.created, message.created, ticket.status, or escalated.
    kind TEXT NOT NULL,
    message_id BIGINT,
    status TEXT,
    -- What an escalation post says (the rule's name).
    detail TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    claimed_until BIGINT,
    posted_at BIGINT,
    failed_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (workspace_id, ticket_id) REFERENCES tickets (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, message_id) REFERENCES messages (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX slack_posts_due ON slack_posts (due_at) WHERE posted_at IS NULL AND failed_at IS NULL;
CREATE INDEX slack_posts_pending ON slack_posts (workspace_id, ticket_id, id) WHERE posted_at IS NULL AND failed_at IS NULL;

-- A ticket opened, a public message (the worker posts customers' only:
-- agents' came from Slack or the console), a status change.
CREATE FUNCTION slack_on_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO slack_posts (workspace_id, ticket_id, kind, message_id, status, created_at, due_at)
    SELECT a.workspace_id, a.ticket_id, a.kind, a.message_id, a.status, a.created_at, a.created_at
    FROM added a JOIN slack_connections c ON c.workspace_id = a.workspace_id AND c.channel_id <> ''
    WHERE a.kind IN ('ticket.created', 'message.created', 'ticket.status')
    ORDER BY a.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER slack_on_events AFTER INSERT ON events
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION slack_on_events();
