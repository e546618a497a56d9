//! What several areas of the store share: the bounds of list sizes, how a
//! unique violation is reported, companies looked up by key, customers and
//! ticket attributes as stored, and the workspace settings stored as JSON
//! that more than one area reads.

use super::{SqlStore, sql_impl};
use crate::{Customer, Result, StoreError};
use macro_rules_attribute::apply;
use portal_core::{CompanyKey, CustomerId, Origin, ShownAttribute, TicketAttributes, WorkspaceId};

/// Bounds of `list_tickets`' limit (and of the other lists').
pub(super) const LIST_LIMIT_MIN: u32 = 1;
pub(super) const LIST_LIMIT_MAX: u32 = 500;

/// Maps a unique violation to a [`StoreError::Conflict`] saying `what` is taken.
pub(super) fn conflict(what: impl FnOnce() -> String) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match StoreError::from(error) {
        StoreError::Conflict(_) => StoreError::Conflict(what()),
        other => other,
    }
}

/// A company key read back from the database.
pub(super) fn stored_company_key(raw: &str) -> Result<CompanyKey> {
    CompanyKey::parse(raw).map_err(|e| StoreError::Corrupt(format!("stored company key: {e}")))
}

/// The columns [`customer_from_row`] reads, from customers.
macro_rules! customer_columns {
    () => {
        "id, email, name, in_audience, disabled_at IS NOT NULL AS disabled"
    };
}
pub(super) use customer_columns;

#[derive(sqlx::FromRow)]
pub(super) struct CustomerRow {
    pub(super) id: i64,
    pub(super) email: String,
    pub(super) name: String,
    in_audience: bool,
    disabled: bool,
}

pub(super) fn customer_from_row(workspace: WorkspaceId, row: CustomerRow) -> Customer {
    let CustomerRow { id, email, name, in_audience, disabled } = row;
    Customer { id: CustomerId(id), workspace_id: workspace, email, name, in_audience, disabled }
}

pub(super) fn attributes_to_json(attributes: &TicketAttributes) -> Result<String> {
    serde_json::to_string(attributes).map_err(|e| StoreError::Corrupt(format!("attributes: {e}")))
}

pub(super) fn origins_from_json(json: &str) -> Result<Vec<Origin>, String> {
    let raw: Vec<String> = serde_json::from_str(json).map_err(|e| format!("not a JSON array of strings: {e}"))?;
    raw.iter().map(|origin| Origin::parse(origin).map_err(|e| e.to_string())).collect()
}

pub(super) fn shown_attributes_from_json(json: &str) -> Result<Vec<ShownAttribute>, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// Sets one column of a workspace: `sql` updates the workspace `$1` to
    /// `$2` and returns its id, so no such workspace is [`StoreError::NotFound`].
    pub(super) async fn update_workspace<T>(&self, id: WorkspaceId, sql: &'static str, value: T) -> Result<()>
    where
        T: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB> + Send + 'static,
    {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(id.0)
            .bind(value)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    /// The id of the workspace's company `key`; an unknown key is
    /// [`StoreError::UnknownCompany`] (the caller named it).
    pub(super) async fn company_id(conn: &mut DB::Connection, workspace: WorkspaceId, key: &CompanyKey) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>("SELECT id FROM companies WHERE workspace_id = $1 AND key = $2")
            .bind(workspace.0)
            .bind(key.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::UnknownCompany(key.clone()))?;
        Ok(id)
    }

    pub(super) async fn customer_row(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        customer: CustomerId,
    ) -> Result<CustomerRow> {
        sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND id = $2"
        ))
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)
    }
}
