-- Agents' searches read internal notes too (PostgreSQL dialect; keep in
-- step with ../sqlite/0009_note_search.sql). Notes join a ticket's document
-- with weight D; a customer's search asks for weights A to C only, so a
-- word only a note has never finds a ticket for a customer.

UPDATE ticket_search s SET document = s.document || search_document(n.notes, 'D')
FROM (SELECT ticket_id, string_agg(body, ' ' ORDER BY id) AS notes
      FROM messages WHERE is_internal GROUP BY ticket_id) n
WHERE s.ticket_id = n.ticket_id;

CREATE OR REPLACE FUNCTION ticket_search_on_ticket_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Keep the conversation and notes (weights C and D), replace the title and description.
    UPDATE ticket_search
    SET document = search_document(NEW.title, 'A') || search_document(NEW.description, 'B')
                   || ts_filter(document, '{c,d}')
    WHERE ticket_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ticket_search_on_messages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ticket_search s SET document = s.document || m.document
    FROM (SELECT ticket_id,
                 search_document(COALESCE(string_agg(body, ' ' ORDER BY id) FILTER (WHERE NOT is_internal), ''), 'C')
                 || search_document(COALESCE(string_agg(body, ' ' ORDER BY id) FILTER (WHERE is_internal), ''), 'D')
                 AS document
          FROM added GROUP BY ticket_id) m
    WHERE s.ticket_id = m.ticket_id;
    RETURN NULL;
END
$$;
