-- A customer's name no longer decides access (PostgreSQL dialect; keep in
-- step with ../sqlite/0011_name_conditions.sql): the site does not sign it,
-- so anyone could sign in again under another name to escape a visibility
-- restriction or enter an audience. Rules stored with a `name` condition
-- are kept as they are, for the console to show the admin what to edit,
-- and fail closed (portal_core::visibility): a restricted visibility rule
-- restricts everyone, an audience admits nobody. The stored decisions
-- follow at once, since sessions read them without applying the rules.
UPDATE customers SET in_audience = FALSE
WHERE workspace_id IN (
    SELECT w.id FROM workspaces w
    WHERE EXISTS (
        SELECT 1 FROM jsonb_array_elements(w.portal_audience::jsonb -> 'conditions') c
        WHERE c ->> 'attribute' = 'name'
    )
);

UPDATE customers SET sees_company_tickets = FALSE
WHERE workspace_id IN (
    SELECT w.id FROM workspaces w
    WHERE (w.ticket_visibility::jsonb ->> 'restricted')::boolean
      AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(w.ticket_visibility::jsonb -> 'conditions') c
        WHERE c ->> 'attribute' = 'name'
    )
);
