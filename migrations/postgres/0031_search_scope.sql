-- Search at scale (PostgreSQL dialect; keep in step with ../sqlite/0031_search_scope.sql).
--
-- 1. The index answers who may see a ticket: a `scope` tsvector holds one
--    lexeme per reason to see it, `#o<creator>`, `#c<company>` and
--    `#p<participant an agent added>`. One GIN index covers the words and
--    the scope together, so a customer's search (`words & (#o<me> | ...)`)
--    is one index scan driven by its rare side. A search word is letters
--    and digits put through a configuration's parser: it never spells `#`.
-- 2. Accents fold (unaccent) and words stem in the workspace's language:
--    each language the portal speaks has a configuration `portal_<language>`
--    (a Snowball stemmer without stop words, so "the" still finds "the");
--    Japanese and unknown languages fold accents only.

CREATE EXTENSION IF NOT EXISTS unaccent;

DO $$
DECLARE
    language TEXT;
BEGIN
    FOREACH language IN ARRAY ARRAY['english', 'german', 'spanish', 'french', 'portuguese', 'arabic'] LOOP
        EXECUTE format('CREATE TEXT SEARCH DICTIONARY portal_%s_stem (TEMPLATE = snowball, Language = %s)',
                       language, language);
        EXECUTE format('CREATE TEXT SEARCH CONFIGURATION portal_%s (COPY = simple)', language);
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION portal_%s ALTER MAPPING FOR asciiword, asciihword, '
                       'hword_asciipart, word, hword, hword_part WITH unaccent, portal_%s_stem', language, language);
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION portal_%s ALTER MAPPING FOR numword, numhword, '
                       'hword_numpart WITH unaccent, simple', language);
    END LOOP;
END
$$;

CREATE TEXT SEARCH CONFIGURATION portal_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION portal_simple ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword,
    hword_part, numword, numhword, hword_numpart WITH unaccent, simple;

-- The configuration of a workspace's default language (`en`, `pt-BR`, ...).
CREATE FUNCTION search_config(locale TEXT) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE split_part(locale, '-', 1)
        WHEN 'en' THEN 'portal_english'
        WHEN 'de' THEN 'portal_german'
        WHEN 'es' THEN 'portal_spanish'
        WHEN 'fr' THEN 'portal_french'
        WHEN 'pt' THEN 'portal_portuguese'
        WHEN 'ar' THEN 'portal_arabic'
        ELSE 'portal_simple'
    END::regconfig
$$;

-- Text as the index sees it, every ASCII punctuation character made a
-- space (see 0006).
CREATE FUNCTION search_document(config regconfig, body TEXT, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(config, translate(body, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', repeat(' ', 32))), weight)
$$;

-- Who may see each ticket, as the scope column spells it.
CREATE VIEW ticket_scope AS
SELECT t.id,
       array_to_tsvector(ARRAY['#o' || t.creator_id]
           || CASE WHEN t.company_id IS NULL THEN ARRAY[]::TEXT[] ELSE ARRAY['#c' || t.company_id] END
           || ARRAY(SELECT '#p' || tp.customer_id FROM ticket_participants tp
                    WHERE tp.workspace_id = t.workspace_id AND tp.ticket_id = t.id AND tp.added_by = 'agent'))
       AS scope
FROM tickets t;

-- Every ticket's index row from scratch: the migration, `portal reindex`
-- and a workspace changing its language.
CREATE VIEW ticket_search_source AS
SELECT t.id, t.workspace_id,
       search_document(c.config, t.title, 'A') || search_document(c.config, t.description, 'B')
       || search_document(c.config, COALESCE((SELECT string_agg(m.body, ' ' ORDER BY m.id) FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND NOT m.is_internal), ''), 'C')
       || search_document(c.config, COALESCE((SELECT string_agg(m.body, ' ' ORDER BY m.id) FROM messages m
                 WHERE m.workspace_id = t.workspace_id AND m.ticket_id = t.id AND m.is_internal), ''), 'D')
       AS document,
       s.scope
FROM tickets t
JOIN ticket_scope s ON s.id = t.id
JOIN (SELECT id, search_config(default_locale) AS config FROM workspaces) c ON c.id = t.workspace_id;

DROP INDEX ticket_search_by_document;
ALTER TABLE ticket_search ADD COLUMN scope tsvector NOT NULL DEFAULT '';
TRUNCATE ticket_search;
INSERT INTO ticket_search (ticket_id, document, scope) SELECT id, document, scope FROM ticket_search_source;
CREATE INDEX ticket_search_by_words_and_scope ON ticket_search USING GIN ((document || scope));

CREATE OR REPLACE FUNCTION ticket_search_on_tickets_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE OR REPLACE FUNCTION ticket_search_on_ticket_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Keep the conversation and notes (weights C and D), replace the title and description.
    UPDATE ticket_search
    SET document = search_document(search_config(w.default_locale), NEW.title, 'A')
                   || search_document(search_config(w.default_locale), NEW.description, 'B')
                   || ts_filter(document, '{c,d}')
    FROM workspaces w
    WHERE ticket_id = NEW.id AND w.id = NEW.workspace_id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ticket_search_on_messages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

DROP FUNCTION search_document(TEXT, "char");

-- The scope of one ticket, after its owner, company or participants changed.
CREATE FUNCTION ticket_search_rescope(ticket BIGINT) RETURNS VOID LANGUAGE sql AS $$
    UPDATE ticket_search SET scope = (SELECT scope FROM ticket_scope WHERE id = ticket) WHERE ticket_id = ticket
$$;

CREATE FUNCTION ticket_search_on_owner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ticket_search_rescope(NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_owner_changed AFTER UPDATE OF creator_id, company_id ON tickets
FOR EACH ROW EXECUTE FUNCTION ticket_search_on_owner_changed();

CREATE FUNCTION ticket_search_on_participants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM ticket_search_rescope(OLD.ticket_id);
    ELSE
        PERFORM ticket_search_rescope(NEW.ticket_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_participants_changed AFTER INSERT OR DELETE OR UPDATE OF added_by
ON ticket_participants FOR EACH ROW EXECUTE FUNCTION ticket_search_on_participants_changed();

-- A workspace speaking another language stems its tickets' words anew.
CREATE FUNCTION ticket_search_on_language_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ticket_search s SET document = src.document
    FROM ticket_search_source src
    WHERE src.workspace_id = NEW.id AND s.ticket_id = src.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_language_changed AFTER UPDATE OF default_locale ON workspaces
FOR EACH ROW WHEN (search_config(OLD.default_locale) IS DISTINCT FROM search_config(NEW.default_locale))
EXECUTE FUNCTION ticket_search_on_language_changed();
