-- The portal's audience (PostgreSQL dialect; keep in step with
-- ../sqlite/0007_audience.sql): who may use the portal at all
-- (portal_core::audience). The store applies the rule to each customer
-- whenever the rule or the customer (attributes, name, companies) changes
-- and keeps the decision in customers.in_audience, which every session
-- lookup reads.
ALTER TABLE workspaces ADD COLUMN portal_audience TEXT NOT NULL DEFAULT '{"conditions":[]}';
ALTER TABLE customers ADD COLUMN in_audience BOOLEAN NOT NULL DEFAULT TRUE;
