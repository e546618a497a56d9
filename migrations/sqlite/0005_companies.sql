-- Companies and ticket visibility (SQLite dialect; keep in step with
-- ../postgres/0005_companies.sql). Customers belong to zero or more
-- companies; a ticket may belong to one. Whether a customer sees all the
-- tickets of their companies follows the workspace's visibility rule
-- (portal_core::visibility), which the store applies to each customer
-- whenever the rule or the customer changes and keeps in
-- customers.sees_company_tickets, so that reads need no rule.

CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- The site's own id for the company.
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, key),
    UNIQUE (workspace_id, id)
) STRICT;

CREATE TABLE company_members (
    workspace_id INTEGER NOT NULL,
    company_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, customer_id, company_id),
    FOREIGN KEY (workspace_id, company_id) REFERENCES companies (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;

-- SQLite cannot add a two-column foreign key to an existing table: the
-- store only ever sets a company of the ticket's own workspace.
ALTER TABLE tickets ADD COLUMN company_id INTEGER REFERENCES companies (id);
-- A company's tickets, most recently updated first.
CREATE INDEX tickets_by_company ON tickets (workspace_id, company_id, updated_at DESC, number DESC)
    WHERE company_id IS NOT NULL;

-- A JSON object of attribute key to value, set by agents.
ALTER TABLE customers ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
ALTER TABLE customers ADD COLUMN sees_company_tickets INTEGER NOT NULL DEFAULT 1
    CHECK (sees_company_tickets IN (0, 1));

-- portal_core::visibility::TicketVisibility as JSON.
ALTER TABLE workspaces ADD COLUMN ticket_visibility TEXT NOT NULL
    DEFAULT '{"restricted":false,"conditions":[]}';

-- A customer's events are those of the tickets they may see, which now
-- include their companies' tickets: read by workspace, then checked.
CREATE INDEX events_by_workspace ON events (workspace_id, id);
