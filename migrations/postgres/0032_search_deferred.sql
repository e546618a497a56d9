-- Bulk imports index each ticket once (PostgreSQL dialect; keep in step
-- with ../sqlite/0032_search_deferred.sql).
--
-- Statement by statement, the triggers index a ticket when it is added and
-- again for each statement adding its messages. An import puts a row in
-- `search_deferred` inside its own transaction, so no other transaction
-- ever sees it; the triggers then leave the index alone, and the import
-- indexes its tickets from `ticket_search_source` at the end, each once,
-- and removes the row before it commits.

CREATE TABLE search_deferred (since BIGINT NOT NULL);

CREATE OR REPLACE FUNCTION ticket_search_on_tickets_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM search_deferred) THEN
        RETURN NULL;
    END IF;
    INSERT INTO ticket_search (ticket_id, document, scope)
    SELECT a.id,
           search_document(search_config(w.default_locale), a.title, 'A')
           || search_document(search_config(w.default_locale), a.description, 'B'),
           array_to_tsvector(ARRAY['#o' || a.creator_id]
               || CASE WHEN a.company_id IS NULL THEN ARRAY[]::TEXT[] ELSE ARRAY['#c' || a.company_id] END)
    FROM added a JOIN workspaces w ON w.id = a.workspace_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ticket_search_on_messages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM search_deferred) THEN
        RETURN NULL;
    END IF;
    UPDATE ticket_search s SET document = s.document || m.document
    FROM (SELECT a.ticket_id,
                 search_document(search_config(w.default_locale),
                     COALESCE(string_agg(a.body, ' ' ORDER BY a.id) FILTER (WHERE NOT a.is_internal), ''), 'C')
                 || search_document(search_config(w.default_locale),
                     COALESCE(string_agg(a.body, ' ' ORDER BY a.id) FILTER (WHERE a.is_internal), ''), 'D')
                 AS document
          FROM added a JOIN workspaces w ON w.id = a.workspace_id
          GROUP BY a.ticket_id, w.default_locale) m
    WHERE s.ticket_id = m.ticket_id;
    RETURN NULL;
END
$$;
