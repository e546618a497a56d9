-- Company attributes (SQLite dialect; keep in step with
-- ../postgres/0015_company_attributes.sql). A JSON object of attribute key
-- to value (plan, tier, region, …), set by agents, as customers' attributes
-- are; audience and visibility conditions can look at them
-- (`company.attributes.<key>`), so the store applies the rules again to a
-- company's members whenever its attributes change.
ALTER TABLE companies ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
