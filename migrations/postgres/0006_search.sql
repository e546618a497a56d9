-- Ticket search (PostgreSQL dialect; keep in step with ../sqlite/0006_search.sql).
-- One tsvector per ticket holding what its customers may read, weighted:
-- A the title, B the description, C every public message. Internal notes
-- are never indexed. Triggers keep it in step with every write, in the
-- writing transaction, whichever code path writes.

-- Text as the index sees it: the `simple` configuration (no stemming, no
-- stop words), with every ASCII punctuation character made a space. The
-- parser would otherwise read e-mail addresses, host names and paths as
-- single words and skip what looks like markup, where SQLite sees words:
-- `northwind` finds `dana@northwind.example` on both.
CREATE FUNCTION search_document(body TEXT, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('simple', translate(body, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', repeat(' ', 32))), weight)
$$;

CREATE TABLE ticket_search (
    ticket_id BIGINT PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    document tsvector NOT NULL
);

CREATE INDEX ticket_search_by_document ON ticket_search USING GIN (document);

INSERT INTO ticket_search (ticket_id, document)
SELECT t.id,
       search_document(t.title, 'A') || search_document(t.description, 'B')
       || search_document(COALESCE((SELECT string_agg(m.body, ' ' ORDER BY m.id) FROM messages m
                                    WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id
                                      AND NOT m.is_internal), ''), 'C')
FROM tickets t;

-- Statement-level triggers: a bulk insert (an import) costs one statement,
-- not one per row.
CREATE FUNCTION ticket_search_on_tickets_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ticket_search (ticket_id, document)
    SELECT id, search_document(title, 'A') || search_document(description, 'B') FROM added;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_tickets_added AFTER INSERT ON tickets
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_on_tickets_added();

CREATE FUNCTION ticket_search_on_ticket_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Keep the conversation (weight C), replace the title and description.
    UPDATE ticket_search
    SET document = search_document(NEW.title, 'A') || search_document(NEW.description, 'B')
                   || ts_filter(document, '{c}')
    WHERE ticket_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_ticket_edited AFTER UPDATE OF title, description ON tickets
FOR EACH ROW EXECUTE FUNCTION ticket_search_on_ticket_edited();

CREATE FUNCTION ticket_search_on_messages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ticket_search s SET document = s.document || m.document
    FROM (SELECT ticket_id, search_document(string_agg(body, ' ' ORDER BY id), 'C') AS document
          FROM added WHERE NOT is_internal GROUP BY ticket_id) m
    WHERE s.ticket_id = m.ticket_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_messages_added AFTER INSERT ON messages
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_on_messages_added();

-- Whether search results show the preview column (the best-matching snippet).
ALTER TABLE workspaces ADD COLUMN search_preview BOOLEAN NOT NULL DEFAULT TRUE;
