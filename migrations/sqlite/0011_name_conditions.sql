-- A customer's name no longer decides access (SQLite dialect; keep in step
-- with ../postgres/0011_name_conditions.sql): the site does not sign it, so
-- anyone could sign in again under another name to escape a visibility
-- restriction or enter an audience. Rules stored with a `name` condition
-- are kept as they are, for the console to show the admin what to edit,
-- and fail closed (portal_core::visibility): a restricted visibility rule
-- restricts everyone, an audience admits nobody. The stored decisions
-- follow at once, since sessions read them without applying the rules.
UPDATE customers SET in_audience = 0
WHERE workspace_id IN (
    SELECT w.id FROM workspaces w, json_each(w.portal_audience, '$.conditions') c
    WHERE json_extract(c.value, '$.attribute') = 'name'
);

UPDATE customers SET sees_company_tickets = 0
WHERE workspace_id IN (
    SELECT w.id FROM workspaces w, json_each(w.ticket_visibility, '$.conditions') c
    WHERE json_extract(w.ticket_visibility, '$.restricted') = 1
      AND json_extract(c.value, '$.attribute') = 'name'
);
