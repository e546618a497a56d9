-- The language of a customer's mail (PostgreSQL dialect; keep in step with
-- ../sqlite/0023_mail_language.sql).

-- A language tag the portal speaks, that of the customer's latest sign-in;
-- NULL until they sign in: their mail is in the workspace's language.
ALTER TABLE customers ADD COLUMN mail_language TEXT;
