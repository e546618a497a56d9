-- Paused console accounts (PostgreSQL dialect; keep in step with
-- ../sqlite/0010_agent_pause.sql). A paused account keeps its name on what
-- it wrote and its assignments, but cannot sign in; pausing ends its
-- sessions. A workspace always keeps an admin that is not paused.
ALTER TABLE agents ADD COLUMN paused_at BIGINT;
