//! The SQL implementation of [`AgentStore`]: the console's accounts and
//! their sessions.

use super::shared::conflict;
use super::{SqlStore, sql_impl};
use crate::{Agent, AgentStore, NewAgent, NewAgentSession, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::ActiveAgent;
use portal_core::console::Role;
use portal_core::{AgentId, Email, Millis, WorkspaceId};
use tracing::instrument;

/// The columns [`agent_from_row`] reads, from agents.
macro_rules! agent_columns {
    () => {
        "id, email, name, role, created_at, paused_at IS NOT NULL AS paused"
    };
}

#[derive(sqlx::FromRow)]
struct AgentRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    created_at: Millis,
    paused: bool,
}

/// An [`AgentRow`] with the account's password hash.
#[derive(sqlx::FromRow)]
struct CredentialsRow {
    #[sqlx(flatten)]
    agent: AgentRow,
    password_hash: String,
}

/// The account of a live session.
#[derive(sqlx::FromRow)]
struct ActiveAgentRow {
    id: i64,
    workspace_id: i64,
    email: String,
    name: String,
    role: String,
}

fn agent_from_row(workspace: WorkspaceId, row: AgentRow) -> Result<Agent> {
    let AgentRow { id, email, name, role, created_at, paused } = row;
    let role = Role::parse(&role).map_err(|e| StoreError::Corrupt(format!("agent {id}: stored role: {e}")))?;
    Ok(Agent { id: AgentId(id), workspace_id: workspace, email, name, role, created_at, paused })
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> AgentStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn create_agent(&self, workspace: WorkspaceId, new: &NewAgent, now: Millis) -> Result<Agent> {
        let row = sqlx::query_as::<_, AgentRow>(concat!(
            "INSERT INTO agents (workspace_id, email, email_key, name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
            agent_columns!()
        ))
        .bind(workspace.0)
        .bind(new.email.as_str())
        .bind(new.email.key().as_str())
        .bind(new.name.as_str())
        .bind(new.role.as_str())
        .bind(new.password_hash.as_str())
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(conflict(|| format!("an account with the email {} exists", new.email)))?;
        agent_from_row(workspace, row)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_credentials(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<(Agent, String)>> {
        let row = sqlx::query_as::<_, CredentialsRow>(concat!(
            "SELECT ",
            agent_columns!(),
            ", password_hash FROM agents WHERE workspace_id = $1 AND email_key = $2"
        ))
        .bind(workspace.0)
        .bind(email.key().as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| Ok((agent_from_row(workspace, row.agent)?, row.password_hash))).transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_password_hash(&self, workspace: WorkspaceId, agent: AgentId) -> Result<Option<String>> {
        let hash =
            sqlx::query_scalar::<_, String>("SELECT password_hash FROM agents WHERE workspace_id = $1 AND id = $2")
                .bind(workspace.0)
                .bind(agent.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(hash)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agents(&self, workspace: WorkspaceId) -> Result<Vec<Agent>> {
        sqlx::query_as::<_, AgentRow>(concat!(
            "SELECT ",
            agent_columns!(),
            " FROM agents WHERE workspace_id = $1 ORDER BY name, id"
        ))
        .bind(workspace.0)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|row| agent_from_row(workspace, row))
        .collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_agent_password(
        &self,
        workspace: WorkspaceId,
        agent: AgentId,
        password_hash: &str,
        keep: &[u8],
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        sqlx::query_scalar::<_, i64>(
            "UPDATE agents SET password_hash = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(agent.0)
        .bind(password_hash)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        Self::end_agent_sessions(&mut tx, workspace, agent, keep, now).await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_agent_name(&self, workspace: WorkspaceId, agent: AgentId, name: &str) -> Result<()> {
        let name = portal_core::console::check_agent_name(name).map_err(|e| StoreError::Invalid(e.to_string()))?;
        sqlx::query_scalar::<_, i64>("UPDATE agents SET name = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id")
            .bind(workspace.0)
            .bind(agent.0)
            .bind(name.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_agent_role(&self, workspace: WorkspaceId, agent: AgentId, role: Role) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        if role != Role::Admin {
            Self::keep_an_admin(&mut tx, workspace, agent).await?;
        }
        sqlx::query_scalar::<_, i64>("UPDATE agents SET role = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id")
            .bind(workspace.0)
            .bind(agent.0)
            .bind(role.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_agent_paused(&self, workspace: WorkspaceId, agent: AgentId, paused: bool, now: Millis) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        if paused {
            Self::keep_an_admin(&mut tx, workspace, agent).await?;
        }
        sqlx::query_scalar::<_, i64>(
            "UPDATE agents SET paused_at = CASE WHEN $3 THEN COALESCE(paused_at, $4) END \
             WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(agent.0)
        .bind(paused)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        if paused {
            Self::end_agent_sessions(&mut tx, workspace, agent, &[], now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn remove_agent(&self, workspace: WorkspaceId, agent: AgentId) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::keep_an_admin(&mut tx, workspace, agent).await?;
        sqlx::query("UPDATE tickets SET assignee_id = NULL WHERE workspace_id = $1 AND assignee_id = $2")
            .bind(workspace.0)
            .bind(agent.0)
            .execute(&mut *tx)
            .await?;
        // Its sessions go with it (ON DELETE CASCADE).
        sqlx::query_scalar::<_, i64>("DELETE FROM agents WHERE workspace_id = $1 AND id = $2 RETURNING id")
            .bind(workspace.0)
            .bind(agent.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn open_agent_session(&self, new: &NewAgentSession, now: Millis) -> Result<()> {
        sqlx::query(
            "INSERT INTO agent_sessions (workspace_id, agent_id, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new.workspace_id.0)
        .bind(new.agent_id.0)
        .bind(new.token_hash.as_slice())
        .bind(now)
        .bind(new.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn active_agent(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveAgent>> {
        let row = sqlx::query_as::<_, ActiveAgentRow>(
            "SELECT a.id, a.workspace_id, a.email, a.name, a.role FROM agent_sessions s \
             JOIN agents a ON a.workspace_id = s.workspace_id AND a.id = s.agent_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.paused_at IS NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|ActiveAgentRow { id, workspace_id: workspace, email, name, role }| {
            let role = Role::parse(&role).map_err(|e| StoreError::Corrupt(format!("agent {id}: stored role: {e}")))?;
            Ok(ActiveAgent { id: AgentId(id), workspace_id: WorkspaceId(workspace), email, name, role })
        })
        .transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn revoke_agent_session(&self, token_hash: &[u8], now: Millis) -> Result<bool> {
        let revoked = sqlx::query_scalar::<_, i64>(
            "UPDATE agent_sessions SET revoked_at = $2 \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.is_some())
    }
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// Ends the account's live sessions, all but the one whose token hash is
    /// `keep` (empty: all; no token hashes to nothing).
    async fn end_agent_sessions(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        agent: AgentId,
        keep: &[u8],
        now: Millis,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE agent_sessions SET revoked_at = $4 \
             WHERE workspace_id = $1 AND agent_id = $2 AND token_hash <> $3 AND revoked_at IS NULL",
        )
        .bind(workspace.0)
        .bind(agent.0)
        .bind(keep)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Refuses to let `agent`, if it is the workspace's only admin that is
    /// not paused, stop being one. Run in the writing transaction (which on SQLite holds the
    /// write lock; on PostgreSQL the admins' rows are locked).
    async fn keep_an_admin(conn: &mut DB::Connection, workspace: WorkspaceId, agent: AgentId) -> Result<()> {
        let admins: Vec<i64> = sqlx::query_scalar(DB::LOCK_ADMINS).bind(workspace.0).fetch_all(&mut *conn).await?;
        if admins.len() == 1 && admins[0] == agent.0 {
            return Err(StoreError::Invalid("a workspace keeps at least one admin".into()));
        }
        Ok(())
    }
}
