//! The workspace's customers and companies as its agents manage them:
//! listed with their counts, one membership at a time, and a customer
//! switched off. A part of [`crate::Store`].

use crate::{Customer, Result};
use async_trait::async_trait;
use portal_core::attributes::{CompanyAttributes, CustomerAttributes};
use portal_core::{CompanyKey, CustomerId, Millis, TicketCounts, WorkspaceId};

/// One row of the console's customer list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerEntry {
    pub customer: Customer,
    pub attributes: CustomerAttributes,
    pub companies: Vec<CompanyKey>,
    pub tickets: i64,
    pub created_at: Millis,
}

/// One row of the console's company list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyEntry {
    pub key: CompanyKey,
    pub name: String,
    /// Its attributes, which conditions can look at
    /// (`company.attributes.<key>`).
    pub attributes: CompanyAttributes,
    pub members: i64,
    pub tickets: i64,
}

#[async_trait]
pub trait DirectoryStore {
    /// The workspace's customers whose email or name contains `search`
    /// (ignoring case), by email, at most `limit` (1 to 500); with `after`,
    /// only those whose email comes after it (ignoring case): the next page.
    async fn list_customers(
        &self,
        workspace: WorkspaceId,
        search: &str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<CustomerEntry>>;
    async fn customer_by_id(&self, workspace: WorkspaceId, id: CustomerId) -> Result<Option<CustomerEntry>>;
    /// The customer's [`TicketCounts`], as their own portal would count
    /// them (the same visibility rule; nothing for a customer outside the
    /// audience or disabled), for the site's server to show a badge.
    async fn customer_ticket_counts(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<TicketCounts>;
    /// A disabled customer's sessions end now, live streams included, and
    /// they can open no new one until enabled again.
    async fn set_customer_disabled(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        disabled: bool,
        now: Millis,
    ) -> Result<()>;
    /// The workspace's companies, by key.
    async fn list_companies(&self, workspace: WorkspaceId) -> Result<Vec<CompanyEntry>>;
    /// The workspace's company `key`, with its counts.
    async fn company(&self, workspace: WorkspaceId, key: &CompanyKey) -> Result<Option<CompanyEntry>>;
    /// Makes the customer a member of the company or not, leaving their other
    /// companies as they are, and applies the visibility rule and audience
    /// to them again, in one transaction.
    async fn set_membership(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        company: &CompanyKey,
        member: bool,
    ) -> Result<()>;
    /// The members of the workspace's company `key`, by email, at most 500.
    async fn company_members(&self, workspace: WorkspaceId, key: &CompanyKey) -> Result<Vec<CustomerEntry>>;
}
