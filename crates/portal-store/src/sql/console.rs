//! The SQL implementation of [`ConsoleStore`].

use super::*;
use crate::console::{
    Agent, CompanyEntry, ConsoleStore, CustomerEntry, InboxFacts, InboxFilter, InboxPage, NewAgent, NewAgentSession,
    PortalBehaviour,
};
use portal_core::access::ActiveAgent;
use portal_core::console::{BrandColor, LogoUrl, PortalLook, Role, Theme};
use portal_core::{AgentId, CompanyKey};

type AgentRow = (i64, String, String, String, Millis, bool);

/// A customer of the console's lists: the columns of `entry_select!`.
type EntryRow = (i64, String, String, bool, bool, Millis, String, i64);

/// The start of a statement reading [`EntryRow`]s of workspace `$1`; the
/// caller adds the condition.
/// The start of a statement reading [`CompanyEntry`] rows of workspace `$1`.
macro_rules! company_select {
    () => {
        "SELECT co.key, co.name, \
         (SELECT count(*) FROM company_members cm WHERE cm.workspace_id = co.workspace_id AND cm.company_id = co.id), \
         (SELECT count(*) FROM tickets t WHERE t.workspace_id = co.workspace_id AND t.company_id = co.id) \
         FROM companies co WHERE co.workspace_id = $1"
    };
}

fn company_from_row((key, name, members, tickets): (String, String, i64, i64)) -> Result<CompanyEntry> {
    Ok(CompanyEntry { key: stored_company_key(&key)?, name, members, tickets })
}

macro_rules! entry_select {
    () => {
        "SELECT c.id, c.email, c.name, c.in_audience, c.disabled_at IS NOT NULL, c.created_at, c.attributes, \
         (SELECT count(*) FROM tickets t WHERE t.workspace_id = c.workspace_id AND t.creator_id = c.id) \
         FROM customers c WHERE c.workspace_id = $1 AND "
    };
}

fn agent_from_row(workspace: WorkspaceId, (id, email, name, role, created_at, paused): AgentRow) -> Result<Agent> {
    let role = Role::parse(&role).map_err(|e| StoreError::Corrupt(format!("agent {id}: stored role: {e}")))?;
    Ok(Agent { id: AgentId(id), workspace_id: workspace, email, name, role, created_at, paused })
}

#[async_trait]
impl<DB> ConsoleStore for SqlStore<DB>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Decode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    usize: ColumnIndex<DB::Row>,
{
    async fn create_agent(&self, workspace: WorkspaceId, new: &NewAgent, now: Millis) -> Result<Agent> {
        let row = sqlx::query_as::<_, AgentRow>(
            "INSERT INTO agents (workspace_id, email, email_key, name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, email, name, role, created_at, paused_at IS NOT NULL",
        )
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

    async fn agent_credentials(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<(Agent, String)>> {
        let row = sqlx::query_as::<_, (i64, String, String, String, Millis, bool, String)>(
            "SELECT id, email, name, role, created_at, paused_at IS NOT NULL, password_hash FROM agents \
             WHERE workspace_id = $1 AND email_key = $2",
        )
        .bind(workspace.0)
        .bind(email.key().as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(id, email, name, role, created_at, paused, hash)| {
            Ok((agent_from_row(workspace, (id, email, name, role, created_at, paused))?, hash))
        })
        .transpose()
    }

    async fn agent_password_hash(&self, workspace: WorkspaceId, agent: AgentId) -> Result<Option<String>> {
        let row =
            sqlx::query_as::<_, (String,)>("SELECT password_hash FROM agents WHERE workspace_id = $1 AND id = $2")
                .bind(workspace.0)
                .bind(agent.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(hash,)| hash))
    }

    async fn agents(&self, workspace: WorkspaceId) -> Result<Vec<Agent>> {
        sqlx::query_as::<_, AgentRow>(
            "SELECT id, email, name, role, created_at, paused_at IS NOT NULL FROM agents WHERE workspace_id = $1 ORDER BY name, id",
        )
        .bind(workspace.0)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|row| agent_from_row(workspace, row))
        .collect()
    }

    async fn set_agent_password(
        &self,
        workspace: WorkspaceId,
        agent: AgentId,
        password_hash: &str,
        keep: &[u8],
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        sqlx::query_as::<_, (i64,)>(
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

    async fn set_agent_role(&self, workspace: WorkspaceId, agent: AgentId, role: Role) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        if role != Role::Admin {
            Self::keep_an_admin(&mut tx, workspace, agent).await?;
        }
        sqlx::query_as::<_, (i64,)>("UPDATE agents SET role = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id")
            .bind(workspace.0)
            .bind(agent.0)
            .bind(role.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_agent_name(&self, workspace: WorkspaceId, agent: AgentId, name: &str) -> Result<()> {
        let name = portal_core::console::check_agent_name(name).map_err(|e| StoreError::Invalid(e.to_string()))?;
        sqlx::query_as::<_, (i64,)>("UPDATE agents SET name = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id")
            .bind(workspace.0)
            .bind(agent.0)
            .bind(name.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_agent_paused(&self, workspace: WorkspaceId, agent: AgentId, paused: bool, now: Millis) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        if paused {
            Self::keep_an_admin(&mut tx, workspace, agent).await?;
        }
        sqlx::query_as::<_, (i64,)>(
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

    async fn remove_agent(&self, workspace: WorkspaceId, agent: AgentId) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::keep_an_admin(&mut tx, workspace, agent).await?;
        sqlx::query("UPDATE tickets SET assignee_id = NULL WHERE workspace_id = $1 AND assignee_id = $2")
            .bind(workspace.0)
            .bind(agent.0)
            .execute(&mut *tx)
            .await?;
        // Its sessions go with it (ON DELETE CASCADE).
        sqlx::query_as::<_, (i64,)>("DELETE FROM agents WHERE workspace_id = $1 AND id = $2 RETURNING id")
            .bind(workspace.0)
            .bind(agent.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(())
    }

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

    async fn active_agent(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveAgent>> {
        let row = sqlx::query_as::<_, (i64, i64, String, String, String)>(
            "SELECT a.id, a.workspace_id, a.email, a.name, a.role FROM agent_sessions s \
             JOIN agents a ON a.workspace_id = s.workspace_id AND a.id = s.agent_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.paused_at IS NULL",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(id, workspace, email, name, role)| {
            let role = Role::parse(&role).map_err(|e| StoreError::Corrupt(format!("agent {id}: stored role: {e}")))?;
            Ok(ActiveAgent { id: AgentId(id), workspace_id: WorkspaceId(workspace), email, name, role })
        })
        .transpose()
    }

    async fn revoke_agent_session(&self, token_hash: &[u8], now: Millis) -> Result<bool> {
        let revoked = sqlx::query_as::<_, (i64,)>(
            "UPDATE agent_sessions SET revoked_at = $2 \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.is_some())
    }

    async fn portal_look(&self, workspace: WorkspaceId) -> Result<PortalLook> {
        let (greeting, color, logo, theme) = sqlx::query_as::<_, (String, String, String, String)>(
            "SELECT greeting, brand_color, logo_url, theme FROM workspaces WHERE id = $1",
        )
        .bind(workspace.0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let stored = |what: &str, e: portal_core::console::ConsoleError| {
            StoreError::Corrupt(format!("workspace {}: stored {what}: {e}", workspace.0))
        };
        Ok(PortalLook {
            greeting,
            brand_color: BrandColor::parse(&color).map_err(|e| stored("brand colour", e))?,
            logo_url: LogoUrl::parse(&logo).map_err(|e| stored("logo URL", e))?,
            theme: Theme::parse(&theme).map_err(|e| stored("theme", e))?,
        })
    }

    async fn set_portal_look(&self, workspace: WorkspaceId, look: &PortalLook) -> Result<()> {
        sqlx::query_as::<_, (i64,)>(
            "UPDATE workspaces SET greeting = $2, brand_color = $3, logo_url = $4, theme = $5 WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(look.greeting.as_str())
        .bind(look.brand_color.as_str())
        .bind(look.logo_url.as_str())
        .bind(look.theme.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn portal_enabled(&self, workspace: WorkspaceId) -> Result<bool> {
        let (enabled,) = sqlx::query_as::<_, (bool,)>("SELECT portal_enabled FROM workspaces WHERE id = $1")
            .bind(workspace.0)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(enabled)
    }

    async fn set_portal_behaviour(&self, workspace: WorkspaceId, behaviour: &PortalBehaviour) -> Result<()> {
        sqlx::query_as::<_, (i64,)>(
            "UPDATE workspaces SET session_lifetime_ms = $2, reopen_allowed = $3, search_preview = $4 \
             WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(behaviour.session_lifetime.millis())
        .bind(behaviour.reopen_allowed)
        .bind(behaviour.search_preview)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_portal_enabled(&self, workspace: WorkspaceId, enabled: bool) -> Result<()> {
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET portal_enabled = $2 WHERE id = $1 RETURNING id")
            .bind(workspace.0)
            .bind(enabled)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        if !enabled {
            // Every session of a switched-off portal has ended: its live streams close now.
            self.wake_now(Wake::Workspace(workspace)).await;
        }
        Ok(())
    }

    async fn find_inbox(&self, agent: &AgentScope, query: &ListQuery, filter: &InboxFilter) -> Result<InboxPage> {
        // `Finder::Agent` has no "created by me": the query's tab is ignored.
        let (page, ids) = self.find(search::Finder::Agent(agent, filter), query, true).await?;
        if ids.is_empty() {
            return Ok(InboxPage { page, facts: Vec::new() });
        }
        let mut s = statement::Statement::default();
        s.with(
            "SELECT t.id, c.email, t.assignee_id, co.key FROM tickets t \
             JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
             LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id \
             WHERE t.workspace_id = {}",
            statement::Arg::Int(agent.workspace_id().0),
        );
        let placeholders: Vec<String> = ids.iter().map(|id| s.arg(statement::Arg::Int(*id))).collect();
        s.push(" AND t.id IN (").push(&placeholders.join(", ")).push(")");
        let rows = s
            .bind(sqlx::query_as::<DB, (i64, String, Option<i64>, Option<String>)>(&s.sql))
            .fetch_all(&self.pool)
            .await?;
        let mut by_id: HashMap<i64, InboxFacts> = HashMap::new();
        for (id, creator_email, assignee, company) in rows {
            let company = company.as_deref().map(stored_company_key).transpose()?;
            by_id.insert(id, InboxFacts { creator_email, assignee: assignee.map(AgentId), company });
        }
        let facts = ids.iter().filter_map(|id| by_id.remove(id)).collect();
        Ok(InboxPage { page, facts })
    }

    async fn assign_ticket(&self, agent: &AgentScope, number: i64, assignee: Option<AgentId>) -> Result<()> {
        let workspace = agent.workspace_id();
        if let Some(id) = assignee {
            let known = sqlx::query_as::<_, (i64,)>("SELECT id FROM agents WHERE workspace_id = $1 AND id = $2")
                .bind(workspace.0)
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
            if known.is_none() {
                return Err(StoreError::Invalid(format!("no account {} in this workspace", id.0)));
            }
        }
        sqlx::query_as::<_, (i64,)>(
            "UPDATE tickets SET assignee_id = $3 WHERE workspace_id = $1 AND number = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(number)
        .bind(assignee.map(|a| a.0))
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn ticket_assignee(&self, agent: &AgentScope, number: i64) -> Result<Option<AgentId>> {
        let (assignee,) = sqlx::query_as::<_, (Option<i64>,)>(
            "SELECT assignee_id FROM tickets WHERE workspace_id = $1 AND number = $2",
        )
        .bind(agent.workspace_id().0)
        .bind(number)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(assignee.map(AgentId))
    }

    async fn list_customers(
        &self,
        workspace: WorkspaceId,
        search: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<CustomerEntry>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        // LIKE's wildcards in the search are matched as themselves.
        let pattern =
            format!("%{}%", search.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        // The last email shown, as its key (`Email::key`), to compare with the keys.
        let after_key = after.unwrap_or_default().to_ascii_lowercase();
        let rows = sqlx::query_as::<_, EntryRow>(concat!(
            entry_select!(),
            "(c.email_key LIKE $2 ESCAPE '\\' OR lower(c.name) LIKE $2 ESCAPE '\\') AND c.email_key > $3 \
             ORDER BY c.email_key LIMIT $4"
        ))
        .bind(workspace.0)
        .bind(pattern.as_str())
        .bind(after_key.as_str())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.entries(workspace, rows).await
    }

    async fn set_membership(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        company: &CompanyKey,
        member: bool,
    ) -> Result<()> {
        use portal_core::company::MAX_MEMBERSHIPS;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let (memberships,) = sqlx::query_as::<_, (i64,)>(
            "SELECT (SELECT count(*) FROM company_members m WHERE m.workspace_id = c.workspace_id AND m.customer_id = c.id) \
             FROM customers c WHERE c.workspace_id = $1 AND c.id = $2",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let company = Self::company_id(&mut tx, workspace, company).await?;
        let statement = if member {
            if memberships >= MAX_MEMBERSHIPS as i64 {
                return Err(StoreError::Invalid(format!("a customer belongs to at most {MAX_MEMBERSHIPS} companies")));
            }
            "INSERT INTO company_members (workspace_id, company_id, customer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM company_members WHERE workspace_id = $1 AND company_id = $2 AND customer_id = $3"
        };
        sqlx::query(statement).bind(workspace.0).bind(company).bind(customer.0).execute(&mut *tx).await?;
        Self::apply_rules(&mut tx, workspace, Some(customer)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn company_members(&self, workspace: WorkspaceId, key: &CompanyKey) -> Result<Vec<CustomerEntry>> {
        let rows = sqlx::query_as::<_, EntryRow>(concat!(
            entry_select!(),
            "c.id IN (SELECT m.customer_id FROM company_members m \
             JOIN companies co ON co.workspace_id = m.workspace_id AND co.id = m.company_id \
             WHERE m.workspace_id = $1 AND co.key = $2) ORDER BY c.email_key LIMIT $3"
        ))
        .bind(workspace.0)
        .bind(key.as_str())
        .bind(i64::from(LIST_LIMIT_MAX))
        .fetch_all(&self.pool)
        .await?;
        self.entries(workspace, rows).await
    }

    async fn customer_by_id(&self, workspace: WorkspaceId, id: CustomerId) -> Result<Option<CustomerEntry>> {
        let row = sqlx::query_as::<_, EntryRow>(concat!(entry_select!(), "c.id = $2"))
            .bind(workspace.0)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(self.entries(workspace, row.into_iter().collect()).await?.pop())
    }

    async fn set_customer_disabled(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        disabled: bool,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        sqlx::query_as::<_, (i64,)>(
            "UPDATE customers SET disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, $4) END \
             WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(disabled)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        if disabled {
            sqlx::query(
                "UPDATE sessions SET revoked_at = $3 WHERE workspace_id = $1 AND customer_id = $2 AND revoked_at IS NULL",
            )
            .bind(workspace.0)
            .bind(customer.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        if disabled {
            // Their live streams re-check their sessions now.
            self.wake_now(Wake::Customer(workspace, customer)).await;
        }
        Ok(())
    }

    async fn list_companies(&self, workspace: WorkspaceId) -> Result<Vec<CompanyEntry>> {
        let rows = sqlx::query_as::<_, (String, String, i64, i64)>(concat!(company_select!(), " ORDER BY co.key"))
            .bind(workspace.0)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(company_from_row).collect()
    }

    async fn company(&self, workspace: WorkspaceId, key: &CompanyKey) -> Result<Option<CompanyEntry>> {
        let row = sqlx::query_as::<_, (String, String, i64, i64)>(concat!(company_select!(), " AND co.key = $2"))
            .bind(workspace.0)
            .bind(key.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(company_from_row).transpose()
    }
}

impl<DB> SqlStore<DB>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Decode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    usize: ColumnIndex<DB::Row>,
{
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
        let admins: Vec<(i64,)> = sqlx::query_as(DB::LOCK_ADMINS).bind(workspace.0).fetch_all(&mut *conn).await?;
        if admins.len() == 1 && admins[0].0 == agent.0 {
            return Err(StoreError::Invalid("a workspace keeps at least one admin".into()));
        }
        Ok(())
    }

    /// The customers of `rows`, with their companies (read in one query).
    async fn entries(&self, workspace: WorkspaceId, rows: Vec<EntryRow>) -> Result<Vec<CustomerEntry>> {
        let mut companies: HashMap<i64, Vec<CompanyKey>> = HashMap::new();
        if !rows.is_empty() {
            let mut s = statement::Statement::default();
            s.with(
                "SELECT cm.customer_id, co.key FROM company_members cm \
                 JOIN companies co ON co.workspace_id = cm.workspace_id AND co.id = cm.company_id \
                 WHERE cm.workspace_id = {}",
                statement::Arg::Int(workspace.0),
            );
            let ids: Vec<String> = rows.iter().map(|row| s.arg(statement::Arg::Int(row.0))).collect();
            s.push(" AND cm.customer_id IN (").push(&ids.join(", ")).push(") ORDER BY co.key");
            for (customer, key) in s.bind(sqlx::query_as::<DB, (i64, String)>(&s.sql)).fetch_all(&self.pool).await? {
                companies.entry(customer).or_default().push(stored_company_key(&key)?);
            }
        }
        rows.into_iter()
            .map(|(id, email, name, in_audience, disabled, created_at, attributes, tickets)| {
                let attributes = serde_json::from_str(&attributes)
                    .map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))?;
                Ok(CustomerEntry {
                    customer: Customer {
                        id: CustomerId(id),
                        workspace_id: workspace,
                        email,
                        name,
                        in_audience,
                        disabled,
                    },
                    attributes,
                    companies: companies.remove(&id).unwrap_or_default(),
                    tickets,
                    created_at,
                })
            })
            .collect()
    }
}
