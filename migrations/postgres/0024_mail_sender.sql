-- Who a workspace's mail comes from (PostgreSQL dialect; keep in step with
-- ../sqlite/0024_mail_sender.sql).

-- The sender's name (empty: the workspace's name) and the address replies
-- go to when the portal takes no mail in (empty: the sender's address).
ALTER TABLE workspaces ADD COLUMN mail_from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN mail_reply_to TEXT NOT NULL DEFAULT '';
