//! A workspace's rules as the store keeps them: its conversation rules
//! (reopening, ticket types, attachment limits), read under the lock every
//! writer of conversations takes first, and its rules about customers
//! (ticket visibility and audience), applied to each customer whenever the
//! rules or the customer change.

#[cfg(doc)]
use super::Dialect;
use super::{SqlStore, sql_impl};
use crate::notify::Wake;
use crate::{Result, StoreError};
use macro_rules_attribute::apply;
use portal_core::attributes::{CompanyAttributes, CustomerAttributes};
use portal_core::audience::PortalAudience;
use portal_core::visibility::{CompanyFacts, CustomerFacts};
use portal_core::{AttachmentLimits, CustomerId, TicketVisibility, WorkspaceId};
use std::collections::HashMap;

/// Customers whose access a change altered, up to which each is woken on
/// their own; more wake the whole workspace (see [`Wake`]).
const WAKE_EACH_MAX: usize = 20;

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

/// Which of a workspace's customers the rules are applied to.
#[derive(Debug, Clone, Copy)]
pub(super) enum Ruled {
    Everyone,
    One(CustomerId),
    /// The members of a company (its id).
    MembersOf(i64),
}

impl Ruled {
    /// The condition on a customer id column, `id`, naming these customers;
    /// it binds [`Ruled::bind`] as `$2`, the workspace being `$1`. A
    /// statement of its own for each kind, so PostgreSQL plans each with its
    /// index (an `$2 IS NULL OR id = $2` in one generic plan read every
    /// customer, for each customer of a seeded workspace).
    fn condition(self, id: &str) -> String {
        match self {
            Self::Everyone => "1 = 1".into(),
            Self::One(_) => format!("{id} = $2"),
            Self::MembersOf(_) => format!(
                "EXISTS (SELECT 1 FROM company_members m WHERE m.workspace_id = $1 AND m.customer_id = {id} \
                 AND m.company_id = $2)"
            ),
        }
    }

    /// The id [`Ruled::condition`] binds, if any.
    fn bind(self) -> Option<i64> {
        match self {
            Self::Everyone => None,
            Self::One(customer) => Some(customer.0),
            Self::MembersOf(company) => Some(company),
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
    attributes: String,
}

/// A company's attributes as stored; anything but a valid JSON object of
/// them is [`StoreError::Corrupt`].
pub(super) fn company_attributes_from_json(key: &str, json: &str) -> Result<CompanyAttributes> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("company {key:?}: stored attributes: {e}")))
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
    /// customers, or to some of them ([`Ruled`]), writing only the decisions that
    /// change, and returns the customers whose decisions changed (see
    /// [`Self::commit_decisions`]). The caller holds the workspace's row
    /// (see [`Self::lock_workspace`]), so the rules cannot change under it.
    pub(super) async fn apply_rules(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        only: Ruled,
    ) -> Result<Vec<CustomerId>> {
        let visibility: TicketVisibility = Self::read_rule(conn, workspace, "ticket_visibility").await?;
        let audience: PortalAudience = Self::read_rule(conn, workspace, "portal_audience").await?;
        let sql = format!(
            "SELECT id, email, attributes, sees_company_tickets, in_audience FROM customers c \
             WHERE workspace_id = $1 AND {}",
            only.condition("c.id")
        );
        let mut customers = sqlx::query_as::<_, RuledCustomer>(&sql).bind(workspace.0);
        if let Some(id) = only.bind() {
            customers = customers.bind(id);
        }
        let customers = customers.fetch_all(&mut *conn).await?;
        let mut memberships = Self::memberships(conn, workspace, only).await?;
        let mut changed = Vec::new();
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
                changed.push(CustomerId(id));
            }
        }
        Ok(changed)
    }

    /// Commits a transaction that applied the rules, then wakes the live
    /// connections of the customers whose decisions changed (as
    /// [`Self::apply_rules`] returned them): one who left the audience is
    /// shut out now, not at the next periodic check.
    pub(super) async fn commit_decisions(
        &self,
        tx: sqlx::Transaction<'static, DB>,
        workspace: WorkspaceId,
        changed: &[CustomerId],
    ) -> Result<()> {
        tx.commit().await?;
        match changed {
            [] => {}
            few if few.len() <= WAKE_EACH_MAX => {
                for customer in few {
                    self.wake_now(Wake::Customer(workspace, *customer)).await;
                }
            }
            _ => self.wake_now(Wake::Workspace(workspace)).await,
        }
        Ok(())
    }

    /// The companies (all of them) of the workspace's customers, or of
    /// some, as conditions see them.
    pub(super) async fn memberships(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        only: Ruled,
    ) -> Result<HashMap<i64, Vec<CompanyFacts>>> {
        let sql = format!(
            "SELECT cm.customer_id, co.key, co.name, co.attributes FROM company_members cm \
             JOIN companies co ON co.workspace_id = cm.workspace_id AND co.id = cm.company_id \
             WHERE cm.workspace_id = $1 AND {}",
            only.condition("cm.customer_id")
        );
        let mut rows = sqlx::query_as::<_, Membership>(&sql).bind(workspace.0);
        if let Some(id) = only.bind() {
            rows = rows.bind(id);
        }
        let rows = rows.fetch_all(&mut *conn).await?;
        let mut by_customer: HashMap<i64, Vec<CompanyFacts>> = HashMap::new();
        for Membership { customer_id, key, name, attributes } in rows {
            let attributes = company_attributes_from_json(&key, &attributes)?;
            by_customer.entry(customer_id).or_default().push(CompanyFacts { key, name, attributes });
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
