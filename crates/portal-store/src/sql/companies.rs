//! The SQL implementation of [`CompanyStore`].

use super::rules::{Ruled, company_attributes_from_json};
use super::shared::{CustomerRow, attributes_to_json, customer_from_row, stored_company_key};
use super::{SqlStore, sql_impl};
use crate::{AudiencePreview, CompanyStore, Customer, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::attributes::{CompanyAttributes, CustomerAttributes};
use portal_core::audience::PortalAudience;
use portal_core::visibility::CustomerFacts;
use portal_core::{CompanyKey, CustomerId, Millis, TicketVisibility, WorkspaceId};
use std::collections::BTreeMap;
use tracing::instrument;

/// Company attributes as given, checked as customers' are.
fn checked_company_attributes(raw: &BTreeMap<String, String>) -> Result<CompanyAttributes> {
    CompanyAttributes::parse(raw.clone()).map_err(StoreError::Invalid)
}

/// A customer an audience preview weighs.
#[derive(sqlx::FromRow)]
struct Candidate {
    #[sqlx(flatten)]
    customer: CustomerRow,
    attributes: String,
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// How many of the workspace's customers `picks` chooses, and the first
    /// `sample` of them by email: the rules' previews, which change nothing.
    async fn preview(
        &self,
        workspace: WorkspaceId,
        picks: impl Fn(&CustomerFacts<'_>) -> bool + Send,
        sample: u32,
    ) -> Result<AudiencePreview> {
        let mut conn = self.pool.acquire().await?;
        let customers = sqlx::query_as::<_, Candidate>(
            "SELECT id, email, name, attributes, in_audience, disabled_at IS NOT NULL AS disabled FROM customers \
             WHERE workspace_id = $1 ORDER BY email_key",
        )
        .bind(workspace.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut memberships = Self::memberships(&mut conn, workspace, Ruled::Everyone).await?;
        let mut preview = AudiencePreview { customers: customers.len() as u64, ..AudiencePreview::default() };
        for Candidate { customer, attributes } in customers {
            let id = customer.id;
            let attributes: CustomerAttributes = serde_json::from_str(&attributes)
                .map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))?;
            let companies = memberships.remove(&id).unwrap_or_default();
            let facts = CustomerFacts { email: &customer.email, attributes: &attributes, companies: &companies };
            if picks(&facts) {
                preview.matching += 1;
                if preview.sample.len() < sample as usize {
                    preview.sample.push(customer_from_row(workspace, customer));
                }
            }
        }
        Ok(preview)
    }

    /// Replaces a customer's companies and applies the rules to them, in one
    /// transaction; with `create_at`, companies not yet known are created
    /// (named by their key), else they are [`StoreError::UnknownCompany`].
    async fn replace_memberships(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
        create_at: Option<Millis>,
    ) -> Result<Customer> {
        use portal_core::company::MAX_MEMBERSHIPS;
        if companies.len() > MAX_MEMBERSHIPS {
            return Err(StoreError::Invalid(format!("a customer belongs to at most {MAX_MEMBERSHIPS} companies")));
        }
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        sqlx::query_scalar::<_, i64>("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.0)
            .bind(customer.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM company_members WHERE workspace_id = $1 AND customer_id = $2")
            .bind(workspace.0)
            .bind(customer.0)
            .execute(&mut *tx)
            .await?;
        for key in companies {
            if let Some(now) = create_at {
                sqlx::query(
                    "INSERT INTO companies (workspace_id, key, name, created_at) VALUES ($1, $2, $2, $3) \
                     ON CONFLICT (workspace_id, key) DO NOTHING",
                )
                .bind(workspace.0)
                .bind(key.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let company = Self::company_id(&mut tx, workspace, key).await?;
            sqlx::query(
                "INSERT INTO company_members (workspace_id, company_id, customer_id) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(workspace.0)
            .bind(company)
            .bind(customer.0)
            .execute(&mut *tx)
            .await?;
        }
        let changed = Self::apply_rules(&mut tx, workspace, Ruled::One(customer)).await?;
        let row = Self::customer_row(&mut tx, workspace, customer).await?;
        self.commit_decisions(tx, workspace, &changed).await?;
        Ok(customer_from_row(workspace, row))
    }

    /// Stores a workspace rule (JSON in `column`, a column name, never
    /// input) and applies it to every customer, in one transaction.
    async fn set_rule(&self, workspace: WorkspaceId, column: &'static str, rule: &impl serde::Serialize) -> Result<()> {
        let json = serde_json::to_string(rule).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        sqlx::query(&format!("UPDATE workspaces SET {column} = $2 WHERE id = $1"))
            .bind(workspace.0)
            .bind(json.as_str())
            .execute(&mut *tx)
            .await?;
        let changed = Self::apply_rules(&mut tx, workspace, Ruled::Everyone).await?;
        self.commit_decisions(tx, workspace, &changed).await
    }

    /// Writes the company `key` in one transaction: with `name`, creates or
    /// renames it (else it must exist: [`StoreError::NotFound`]); with
    /// `attributes`, replaces its attributes. Then applies the rules to its
    /// members, whose decisions a condition on `company.name` or
    /// `company.attributes.<key>` may change, and returns the company's
    /// attributes as they now are.
    async fn write_company(
        &self,
        workspace: WorkspaceId,
        key: &CompanyKey,
        name: Option<(&str, Millis)>,
        attributes: Option<&BTreeMap<String, String>>,
    ) -> Result<CompanyAttributes> {
        let name = name
            .map(|(name, now)| portal_core::company::check_company_name(name).map(|name| (name, now)))
            .transpose()
            .map_err(StoreError::Invalid)?;
        let attributes = attributes.map(checked_company_attributes).transpose()?;
        let json = attributes.as_ref().map(attributes_to_json).transpose()?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let (company, stored) = match &name {
            Some((name, now)) => {
                sqlx::query_as::<_, (i64, String)>(
                    "INSERT INTO companies (workspace_id, key, name, created_at, attributes) \
                     VALUES ($1, $2, $3, $4, COALESCE($5, '{}')) \
                     ON CONFLICT (workspace_id, key) DO UPDATE \
                     SET name = excluded.name, attributes = COALESCE($5, companies.attributes) \
                     RETURNING id, attributes",
                )
                .bind(workspace.0)
                .bind(key.as_str())
                .bind(name.as_str())
                .bind(*now)
                .bind(json.as_deref())
                .fetch_one(&mut *tx)
                .await?
            }
            None => sqlx::query_as::<_, (i64, String)>(
                "UPDATE companies SET attributes = COALESCE($3, attributes) WHERE workspace_id = $1 AND key = $2 \
                 RETURNING id, attributes",
            )
            .bind(workspace.0)
            .bind(key.as_str())
            .bind(json.as_deref())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?,
        };
        let stored = company_attributes_from_json(key.as_str(), &stored)?;
        let changed = Self::apply_rules(&mut tx, workspace, Ruled::MembersOf(company)).await?;
        self.commit_decisions(tx, workspace, &changed).await?;
        Ok(stored)
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> CompanyStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn upsert_company(&self, workspace: WorkspaceId, key: &CompanyKey, name: &str, now: Millis) -> Result<()> {
        self.write_company(workspace, key, Some((name, now)), None).await.map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn put_company(
        &self,
        workspace: WorkspaceId,
        key: &CompanyKey,
        name: &str,
        attributes: Option<&BTreeMap<String, String>>,
        now: Millis,
    ) -> Result<CompanyAttributes> {
        self.write_company(workspace, key, Some((name, now)), attributes).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_company_attributes(
        &self,
        workspace: WorkspaceId,
        key: &CompanyKey,
        attributes: &BTreeMap<String, String>,
    ) -> Result<CompanyAttributes> {
        self.write_company(workspace, key, None, Some(attributes)).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_customer_companies(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
    ) -> Result<()> {
        self.replace_memberships(workspace, customer, companies, None).await.map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn claim_companies(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
        now: Millis,
    ) -> Result<Customer> {
        self.replace_memberships(workspace, customer, companies, Some(now)).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_companies(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<Vec<CompanyKey>> {
        let keys = sqlx::query_scalar::<_, String>(
            "SELECT c.key FROM company_members m \
             JOIN companies c ON c.workspace_id = m.workspace_id AND c.id = m.company_id \
             WHERE m.workspace_id = $1 AND m.customer_id = $2 ORDER BY c.key",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_all(&self.pool)
        .await?;
        keys.iter().map(|key| stored_company_key(key)).collect()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_customer_attributes(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        attributes: &CustomerAttributes,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        sqlx::query_scalar::<_, i64>(
            "UPDATE customers SET attributes = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(attributes_to_json(attributes)?.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let changed = Self::apply_rules(&mut tx, workspace, Ruled::One(customer)).await?;
        self.commit_decisions(tx, workspace, &changed).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_ticket_visibility(&self, workspace: WorkspaceId, visibility: &TicketVisibility) -> Result<()> {
        self.set_rule(workspace, "ticket_visibility", visibility).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn ticket_visibility(&self, workspace: WorkspaceId) -> Result<TicketVisibility> {
        let mut conn = self.pool.acquire().await?;
        Self::read_rule(&mut conn, workspace, "ticket_visibility").await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_portal_audience(&self, workspace: WorkspaceId, audience: &PortalAudience) -> Result<()> {
        self.set_rule(workspace, "portal_audience", audience).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn portal_audience(&self, workspace: WorkspaceId) -> Result<PortalAudience> {
        let mut conn = self.pool.acquire().await?;
        Self::read_rule(&mut conn, workspace, "portal_audience").await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn preview_audience(
        &self,
        workspace: WorkspaceId,
        audience: &PortalAudience,
        sample: u32,
    ) -> Result<AudiencePreview> {
        self.preview(workspace, |facts| audience.admits(facts), sample).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn preview_visibility(
        &self,
        workspace: WorkspaceId,
        visibility: &TicketVisibility,
        sample: u32,
    ) -> Result<AudiencePreview> {
        self.preview(workspace, |facts| !visibility.sees_company_tickets(facts), sample).await
    }
}
