-- The site's own support page (PostgreSQL dialect; keep in step with
-- ../sqlite/0025_site_page.sql).

-- The page of the site that holds the portal's frame: mail links to a
-- ticket go there as `<page>#ticket=<number>`. Empty: to the standalone
-- portal.
ALTER TABLE workspaces ADD COLUMN site_page TEXT NOT NULL DEFAULT '';
