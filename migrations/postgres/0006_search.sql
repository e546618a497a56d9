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

CREATE FUNCTION ticket_search_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, document)
        VALUES (NEW.id, search_document(NEW.title, 'A') || search_document(NEW.description, 'B'));
    ELSE
        -- Keep the conversation (weight C), replace the title and description.
        UPDATE ticket_search
        SET document = search_document(NEW.title, 'A') || search_document(NEW.description, 'B')
                       || ts_filter(document, '{c}')
        WHERE ticket_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_ticket AFTER INSERT OR UPDATE OF title, description ON tickets
FOR EACH ROW EXECUTE FUNCTION ticket_search_on_ticket();

CREATE FUNCTION ticket_search_on_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ticket_search SET document = document || search_document(NEW.body, 'C') WHERE ticket_id = NEW.ticket_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_message AFTER INSERT ON messages
FOR EACH ROW WHEN (NOT NEW.is_internal) EXECUTE FUNCTION ticket_search_on_message();

-- Whether search results show the preview column (the best-matching snippet).
ALTER TABLE workspaces ADD COLUMN search_preview BOOLEAN NOT NULL DEFAULT TRUE;
