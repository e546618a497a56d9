//! The SQL implementation of [`SlackStore`]. Posts are written by the
//! trigger of migration 0028.

use super::{SqlStore, sql_impl};
use crate::slack::{SlackConnection, SlackPost, SlackPostKind, SlackStore};
use crate::{Agent, AgentStore, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::ActiveIntegration;
use portal_core::{AgentId, Millis, TicketNumber, TicketStatus, WorkspaceId};
use tracing::instrument;

pub(super) fn token_context(workspace: WorkspaceId) -> String {
    format!("slack bot token of workspace {}", workspace.0)
}

pub(super) fn secret_context(workspace: WorkspaceId) -> String {
    format!("slack signing secret of workspace {}", workspace.0)
}

#[derive(sqlx::FromRow)]
struct ConnectionRow {
    bot_token: String,
    signing_secret: String,
    channel_id: String,
    channel_name: String,
    note_prefix: String,
}

#[derive(sqlx::FromRow)]
struct PostRow {
    id: i64,
    attempts: i64,
    workspace_id: i64,
    bot_token: String,
    channel_id: String,
    number: i64,
    kind: String,
    message_id: Option<i64>,
    status: Option<String>,
    detail: String,
    thread_channel: Option<String>,
    thread_ts: Option<String>,
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> SlackStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn connect_slack(
        &self,
        workspace: WorkspaceId,
        bot_token: &str,
        signing_secret: &str,
        now: Millis,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO slack_connections (workspace_id, bot_token, signing_secret, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (workspace_id) DO UPDATE SET bot_token = excluded.bot_token, \
             signing_secret = excluded.signing_secret",
        )
        .bind(workspace.0)
        .bind(self.keys.seal(bot_token, &token_context(workspace)))
        .bind(self.keys.seal(signing_secret, &secret_context(workspace)))
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn slack_connection(&self, workspace: WorkspaceId) -> Result<Option<SlackConnection>> {
        let row = sqlx::query_as::<_, ConnectionRow>(
            "SELECT bot_token, signing_secret, channel_id, channel_name, note_prefix \
             FROM slack_connections WHERE workspace_id = $1",
        )
        .bind(workspace.0)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(SlackConnection {
            integration: ActiveIntegration { workspace_id: workspace },
            bot_token: self.keys.unseal(&row.bot_token, &token_context(workspace))?,
            signing_secret: self.keys.unseal(&row.signing_secret, &secret_context(workspace))?,
            channel_id: row.channel_id,
            channel_name: row.channel_name,
            note_prefix: row.note_prefix,
        }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_slack_channel(&self, workspace: WorkspaceId, channel_id: &str, channel_name: &str) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE slack_connections SET channel_id = $2, channel_name = $3 WHERE workspace_id = $1 \
             RETURNING workspace_id",
        )
        .bind(workspace.0)
        .bind(channel_id)
        .bind(channel_name)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)
        .map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_slack_note_prefix(&self, workspace: WorkspaceId, prefix: &str) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE slack_connections SET note_prefix = $2 WHERE workspace_id = $1 RETURNING workspace_id",
        )
        .bind(workspace.0)
        .bind(prefix)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)
        .map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn disconnect_slack(&self, workspace: WorkspaceId) -> Result<bool> {
        let gone = sqlx::query_scalar::<_, i64>(
            "DELETE FROM slack_connections WHERE workspace_id = $1 RETURNING workspace_id",
        )
        .bind(workspace.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(gone.is_some())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn claim_slack_posts(&self, now: Millis, hold: Millis, limit: u32) -> Result<Vec<SlackPost>> {
        // As `claim_webhooks`, one ticket's posts in order.
        let claimed = sqlx::query_scalar::<_, i64>(
            "UPDATE slack_posts SET claimed_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT p.id FROM slack_posts p \
                 WHERE p.posted_at IS NULL AND p.failed_at IS NULL AND p.due_at <= $1 \
                 AND (p.claimed_until IS NULL OR p.claimed_until <= $1) \
                 AND NOT EXISTS (SELECT 1 FROM slack_posts e WHERE e.workspace_id = p.workspace_id \
                     AND e.ticket_id = p.ticket_id AND e.id < p.id AND e.posted_at IS NULL AND e.failed_at IS NULL) \
                 ORDER BY p.id LIMIT $3) \
             AND posted_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING id",
        )
        .bind(now)
        .bind(now + hold)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        // In the order they were written (RETURNING keeps none on PostgreSQL).
        let mut claimed = claimed;
        claimed.sort_unstable();
        let mut posts = Vec::with_capacity(claimed.len());
        for id in claimed {
            let row = sqlx::query_as::<_, PostRow>(
                "SELECT p.id, p.attempts, p.workspace_id, c.bot_token, c.channel_id, t.number, p.kind, p.message_id, \
                 p.status, p.detail, s.channel_id AS thread_channel, s.ts AS thread_ts \
                 FROM slack_posts p JOIN slack_connections c ON c.workspace_id = p.workspace_id \
                 JOIN tickets t ON t.workspace_id = p.workspace_id AND t.id = p.ticket_id \
                 LEFT JOIN slack_threads s ON s.workspace_id = p.workspace_id AND s.ticket_id = p.ticket_id \
                 WHERE p.id = $1",
            )
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
            let workspace = WorkspaceId(row.workspace_id);
            let Some(kind) = SlackPostKind::parse(&row.kind) else {
                self.slack_not_posted(id, now, &format!("unknown post kind {:?}", row.kind), None, true).await?;
                continue;
            };
            posts.push(SlackPost {
                id: row.id,
                attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                integration: ActiveIntegration { workspace_id: workspace },
                bot_token: self.keys.unseal(&row.bot_token, &token_context(workspace))?,
                channel_id: row.channel_id,
                ticket_number: TicketNumber(row.number),
                kind,
                message_id: row.message_id,
                status: row.status.as_deref().and_then(TicketStatus::parse),
                detail: row.detail,
                thread: row.thread_channel.zip(row.thread_ts),
            });
        }
        Ok(posts)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn open_slack_thread(&self, id: i64, channel: &str, ts: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO slack_threads (workspace_id, ticket_id, channel_id, ts) \
             SELECT workspace_id, ticket_id, $2, $3 FROM slack_posts WHERE id = $1 \
             ON CONFLICT (workspace_id, ticket_id) DO NOTHING",
        )
        .bind(id)
        .bind(channel)
        .bind(ts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn slack_posted(&self, id: i64, now: Millis) -> Result<()> {
        sqlx::query("UPDATE slack_posts SET posted_at = $2, claimed_until = NULL, last_error = '' WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn slack_not_posted(
        &self,
        id: i64,
        now: Millis,
        error: &str,
        retry_at: Option<Millis>,
        counts: bool,
    ) -> Result<()> {
        let error: String = error.chars().take(500).collect();
        sqlx::query(
            "UPDATE slack_posts SET claimed_until = NULL, last_error = $2, due_at = COALESCE($3, due_at), \
             failed_at = CASE WHEN $3 IS NULL THEN $4 ELSE NULL END, \
             attempts = CASE WHEN $5 THEN attempts ELSE attempts - 1 END WHERE id = $1",
        )
        .bind(id)
        .bind(error)
        .bind(retry_at)
        .bind(now)
        .bind(counts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn slack_thread_ticket(
        &self,
        workspace: WorkspaceId,
        channel: &str,
        ts: &str,
    ) -> Result<Option<TicketNumber>> {
        let number = sqlx::query_scalar::<_, i64>(
            "SELECT t.number FROM slack_threads s JOIN tickets t ON t.workspace_id = s.workspace_id AND t.id = s.ticket_id \
             WHERE s.workspace_id = $1 AND s.channel_id = $2 AND s.ts = $3",
        )
        .bind(workspace.0)
        .bind(channel)
        .bind(ts)
        .fetch_optional(&self.pool)
        .await?;
        Ok(number.map(TicketNumber))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn slack_agent(&self, workspace: WorkspaceId, slack_user: &str) -> Result<Option<Agent>> {
        let linked = sqlx::query_scalar::<_, i64>(
            "SELECT agent_id FROM slack_users WHERE workspace_id = $1 AND slack_user_id = $2",
        )
        .bind(workspace.0)
        .bind(slack_user)
        .fetch_optional(&self.pool)
        .await?;
        let Some(id) = linked else { return Ok(None) };
        let agents = self.agents(workspace).await?;
        Ok(agents.into_iter().find(|agent| agent.id == AgentId(id) && !agent.paused))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn link_slack_user(&self, workspace: WorkspaceId, slack_user: &str, agent: AgentId) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM slack_users WHERE workspace_id = $1 AND (slack_user_id = $2 OR agent_id = $3)")
            .bind(workspace.0)
            .bind(slack_user)
            .bind(agent.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO slack_users (workspace_id, slack_user_id, agent_id) \
             SELECT $1, $2, id FROM agents WHERE workspace_id = $1 AND id = $3",
        )
        .bind(workspace.0)
        .bind(slack_user)
        .bind(agent.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn slack_user_of(&self, workspace: WorkspaceId, agent: AgentId) -> Result<Option<String>> {
        Ok(sqlx::query_scalar::<_, String>(
            "SELECT slack_user_id FROM slack_users WHERE workspace_id = $1 AND agent_id = $2",
        )
        .bind(workspace.0)
        .bind(agent.0)
        .fetch_optional(&self.pool)
        .await?)
    }
}
