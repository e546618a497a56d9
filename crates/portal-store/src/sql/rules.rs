//! A workspace's rules as the store keeps them: its conversation rules
//! (reopening, ticket types, attachment limits), read under the lock every
//! writer of conversations takes first, and its rules about customers
//! (ticket visibility and audience), applied to each customer whenever the
//! rules or the customer change.

#[cfg(doc)]
use super::Dialect;
use super::{SqlStore, sql_impl};
use crate::{Result, StoreError};
use macro_rules_attribute::apply;
use portal_core::attributes::CustomerAttributes;
use portal_core::audience::PortalAudience;
use portal_core::visibility::CustomerFacts;
use portal_core::{AttachmentLimits, CustomerId, TicketVisibility, WorkspaceId};
use std::collections::HashMap;

/// The columns of a [`WorkspaceRulesRow`], from workspaces.
macro_rules! workspace_rules_columns {
    () => {
        "reopen_allowed, ticket_types, max_attachments, max_attachment_bytes"
    };
}
pub(super) use workspace_rules_columns;

/// A workspace's conversation rules as stored.
#[derive(sqlx::FromRow)]
pub(super) struct WorkspaceRulesRow {
    reopen_allowed: bool,
    ticket_types: String,
    max_attachments: i64,
    max_attachment_bytes: i64,
}

/// What a workspace's conversation rules are, as [`Dialect::LOCK_WORKSPACE`] reads them.
pub(super) struct WorkspaceRules {
    pub(super) reopen_allowed: bool,
    pub(super) ticket_types: Vec<String>,
    pub(super) attachment_limits: AttachmentLimits,
}

impl WorkspaceRules {
    pub(super) fn from_row(workspace: WorkspaceId, row: WorkspaceRulesRow) -> Result<Self> {
        let WorkspaceRulesRow {
            reopen_allowed,
            ticket_types,
            max_attachments: max_files,
            max_attachment_bytes: max_bytes,
        } = row;
        let ticket_types = ticket_types_from_json(&ticket_types)
            .map_err(|e| StoreError::Corrupt(format!("workspace {workspace}: stored ticket types: {e}")))?;
        let attachment_limits = u32::try_from(max_files)
            .ok()
            .zip(u64::try_from(max_bytes).ok())
            .and_then(|(files, bytes)| AttachmentLimits::new(files, bytes).ok())
            .ok_or_else(|| {
                StoreError::Corrupt(format!("workspace {workspace}: stored attachment limits {max_files}, {max_bytes}"))
            })?;
        Ok(Self { reopen_allowed, ticket_types, attachment_limits })
    }

    /// `ticket_type`, if it is one of the workspace's types.
    pub(super) fn check_type<'t>(&self, ticket_type: Option<&'t str>) -> Result<Option<&'t str>> {
        match ticket_type {
            Some(name) if !self.ticket_types.iter().any(|t| t == name) => {
                Err(StoreError::Invalid(format!("{name:?} is not one of this workspace's ticket types")))
            }
            other => Ok(other),
        }
    }
}

/// A customer as the rules see them, and what they last decided.
#[derive(sqlx::FromRow)]
struct RuledCustomer {
    id: i64,
    email: String,
    attributes: String,
    sees_company_tickets: bool,
    in_audience: bool,
}

/// A customer's membership of a company.
#[derive(sqlx::FromRow)]
struct Membership {
    customer_id: i64,
    key: String,
    name: String,
}

pub(super) fn ticket_types_from_json(json: &str) -> Result<Vec<String>, String> {
    serde_json::from_str(json).map_err(|e| format!("not a JSON array of strings: {e}"))
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// [`Dialect::LOCK_WORKSPACE`]: the workspace's rules, its row held
    /// until the transaction ends.
    pub(super) async fn lock_workspace(conn: &mut DB::Connection, workspace: WorkspaceId) -> Result<WorkspaceRules> {
        let row = sqlx::query_as::<_, WorkspaceRulesRow>(DB::LOCK_WORKSPACE)
            .bind(workspace.0)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        WorkspaceRules::from_row(workspace, row)
    }

    /// Applies the workspace's rules (ticket visibility and audience) to its
    /// customers, or to one of them, writing only the decisions that
    /// change. The caller holds the workspace's row (see
    /// [`Self::lock_workspace`]), so the rules cannot change under it.
    pub(super) async fn apply_rules(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        only: Option<CustomerId>,
    ) -> Result<()> {
        let visibility: TicketVisibility = Self::read_rule(conn, workspace, "ticket_visibility").await?;
        let audience: PortalAudience = Self::read_rule(conn, workspace, "portal_audience").await?;
        let customers = sqlx::query_as::<_, RuledCustomer>(
            "SELECT id, email, attributes, sees_company_tickets, in_audience FROM customers \
             WHERE workspace_id = $1 AND ($2 IS NULL OR id = $2)",
        )
        .bind(workspace.0)
        .bind(only.map(|c| c.0))
        .fetch_all(&mut *conn)
        .await?;
        let mut memberships = Self::memberships(conn, workspace, only).await?;
        for RuledCustomer { id, email, attributes, sees_company_tickets: sees, in_audience: admitted } in customers {
            let attributes: CustomerAttributes = serde_json::from_str(&attributes)
                .map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))?;
            let companies = memberships.remove(&id).unwrap_or_default();
            let facts = CustomerFacts { email: &email, attributes: &attributes, companies: &companies };
            let decided = (visibility.sees_company_tickets(&facts), audience.admits(&facts));
            if decided != (sees, admitted) {
                sqlx::query(
                    "UPDATE customers SET sees_company_tickets = $3, in_audience = $4 WHERE workspace_id = $1 AND id = $2",
                )
                .bind(workspace.0)
                .bind(id)
                .bind(decided.0)
                .bind(decided.1)
                .execute(&mut *conn)
                .await?;
            }
        }
        Ok(())
    }

    /// The companies (key, name) of the workspace's customers, or of one.
    pub(super) async fn memberships(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        only: Option<CustomerId>,
    ) -> Result<HashMap<i64, Vec<(String, String)>>> {
        let rows = sqlx::query_as::<_, Membership>(
            "SELECT cm.customer_id, co.key, co.name FROM company_members cm \
             JOIN companies co ON co.workspace_id = cm.workspace_id AND co.id = cm.company_id \
             WHERE cm.workspace_id = $1 AND ($2 IS NULL OR cm.customer_id = $2)",
        )
        .bind(workspace.0)
        .bind(only.map(|c| c.0))
        .fetch_all(&mut *conn)
        .await?;
        let mut by_customer: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for Membership { customer_id, key, name } in rows {
            by_customer.entry(customer_id).or_default().push((key, name));
        }
        Ok(by_customer)
    }

    /// A workspace rule stored as JSON in `column` (a column name, never input).
    pub(super) async fn read_rule<R: serde::de::DeserializeOwned>(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        column: &'static str,
    ) -> Result<R> {
        let json = sqlx::query_scalar::<_, String>(&format!("SELECT {column} FROM workspaces WHERE id = $1"))
            .bind(workspace.0)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("workspace {workspace}: stored {column}: {e}")))
    }
}
