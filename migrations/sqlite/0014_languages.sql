-- Languages (SQLite dialect; keep in step with ../postgres/0014_languages.sql).
-- default_locale: the language of a workspace's pages when neither the site
-- (init's locale) nor the browser (Accept-Language) names one the portal
-- speaks. translations: what admins wrote (greeting, ticket type and
-- attribute names) in other languages, as JSON
-- {"de": {"greeting": "…", "ticket_types": {"Bug": "Fehler"}, "attributes": {"plan": "Tarif"}}};
-- a text missing there shows as written.
ALTER TABLE workspaces ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE workspaces ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
