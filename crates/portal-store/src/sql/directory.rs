//! The SQL implementation of [`DirectoryStore`]: the workspace's customers
//! and companies as agents manage them.

use super::rules::{Ruled, company_attributes_from_json};
use super::shared::{CustomerRow, LIST_LIMIT_MAX, LIST_LIMIT_MIN, customer_from_row, stored_company_key};
use super::statement;
use super::{SqlStore, sql_impl};
use crate::notify::Wake;
use crate::{CompanyEntry, CustomerEntry, DirectoryStore, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::{CompanyKey, CustomerId, Millis, TicketCounts, WorkspaceId};
use std::collections::HashMap;
use tracing::instrument;

/// A customer of the console's lists: the columns of `entry_select!`.
#[derive(sqlx::FromRow)]
struct EntryRow {
    #[sqlx(flatten)]
    customer: CustomerRow,
    created_at: Millis,
    attributes: String,
    tickets: i64,
}

#[derive(sqlx::FromRow)]
struct CompanyRow {
    key: String,
    name: String,
    attributes: String,
    members: i64,
    tickets: i64,
}

/// A customer's membership of the company `key`.
#[derive(sqlx::FromRow)]
struct MemberOf {
    customer_id: i64,
    key: String,
}

/// The start of a statement reading [`EntryRow`]s of workspace `$1`; the
/// caller adds the condition.
macro_rules! entry_select {
    () => {
        "SELECT c.id, c.email, c.name, c.in_audience, c.disabled_at IS NOT NULL AS disabled, c.created_at, \
         c.attributes, \
         (SELECT count(*) FROM tickets t WHERE t.workspace_id = c.workspace_id AND t.creator_id = c.id) AS tickets \
         FROM customers c WHERE c.workspace_id = $1 AND "
    };
}

/// The start of a statement reading [`CompanyRow`]s of workspace `$1`.
macro_rules! company_select {
    () => {
        "SELECT co.key, co.name, co.attributes, \
         (SELECT count(*) FROM company_members cm WHERE cm.workspace_id = co.workspace_id AND cm.company_id = co.id) \
         AS members, \
         (SELECT count(*) FROM tickets t WHERE t.workspace_id = co.workspace_id AND t.company_id = co.id) AS tickets \
         FROM companies co WHERE co.workspace_id = $1"
    };
}

fn company_from_row(row: CompanyRow) -> Result<CompanyEntry> {
    let CompanyRow { key, name, attributes, members, tickets } = row;
    let attributes = company_attributes_from_json(&key, &attributes)?;
    Ok(CompanyEntry { key: stored_company_key(&key)?, name, attributes, members, tickets })
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> DirectoryStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_ticket_counts(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<TicketCounts> {
        // Who their own portal would show nothing shows no counts either.
        let shown = sqlx::query_scalar::<_, bool>(
            "SELECT in_audience AND disabled_at IS NULL FROM customers WHERE workspace_id = $1 AND id = $2",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_optional(&self.pool)
        .await?;
        match shown {
            Some(true) => self.counts_for(workspace, customer).await,
            _ => Ok(TicketCounts::default()),
        }
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
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

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_by_id(&self, workspace: WorkspaceId, id: CustomerId) -> Result<Option<CustomerEntry>> {
        let row = sqlx::query_as::<_, EntryRow>(concat!(entry_select!(), "c.id = $2"))
            .bind(workspace.0)
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?;
        Ok(self.entries(workspace, row.into_iter().collect()).await?.pop())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_customer_disabled(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        disabled: bool,
        now: Millis,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        sqlx::query_scalar::<_, i64>(
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

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn list_companies(&self, workspace: WorkspaceId) -> Result<Vec<CompanyEntry>> {
        let rows = sqlx::query_as::<_, CompanyRow>(concat!(company_select!(), " ORDER BY co.key"))
            .bind(workspace.0)
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(company_from_row).collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn company(&self, workspace: WorkspaceId, key: &CompanyKey) -> Result<Option<CompanyEntry>> {
        let row = sqlx::query_as::<_, CompanyRow>(concat!(company_select!(), " AND co.key = $2"))
            .bind(workspace.0)
            .bind(key.as_str())
            .fetch_optional(&self.pool)
            .await?;
        row.map(company_from_row).transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
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
        let memberships = sqlx::query_scalar::<_, i64>(
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
        let changed = Self::apply_rules(&mut tx, workspace, Ruled::One(customer)).await?;
        self.commit_decisions(tx, workspace, &changed).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
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
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
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
            let ids: Vec<String> = rows.iter().map(|row| s.arg(statement::Arg::Int(row.customer.id))).collect();
            s.push(" AND cm.customer_id IN (").push(&ids.join(", ")).push(") ORDER BY co.key");
            for MemberOf { customer_id, key } in
                s.bind(sqlx::query_as::<DB, MemberOf>(&s.sql)).fetch_all(&self.pool).await?
            {
                companies.entry(customer_id).or_default().push(stored_company_key(&key)?);
            }
        }
        rows.into_iter()
            .map(|EntryRow { customer, created_at, attributes, tickets }| {
                let id = customer.id;
                let attributes = serde_json::from_str(&attributes)
                    .map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))?;
                Ok(CustomerEntry {
                    customer: customer_from_row(workspace, customer),
                    attributes,
                    companies: companies.remove(&id).unwrap_or_default(),
                    tickets,
                    created_at,
                })
            })
            .collect()
    }
}
