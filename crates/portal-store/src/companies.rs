//! Companies and the workspace's rules about customers: which tickets of
//! their companies they see, and whether the portal admits them. A part of
//! [`crate::Store`].

#[cfg(doc)]
use crate::StoreError;
use crate::{Customer, Result};
use async_trait::async_trait;
#[cfg(doc)]
use portal_core::CustomerScope;
use portal_core::attributes::{CompanyAttributes, CustomerAttributes};
use portal_core::audience::PortalAudience;
use portal_core::{CompanyKey, CustomerId, Millis, TicketVisibility, WorkspaceId};
use std::collections::BTreeMap;

/// Whom a rule would pick: the customers an audience admits
/// ([`CompanyStore::preview_audience`]), or those a visibility rule
/// restricts to their own tickets ([`CompanyStore::preview_visibility`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AudiencePreview {
    /// The workspace's customers.
    pub customers: u64,
    /// How many of them the rule picks.
    pub matching: u64,
    /// The first of those, by email.
    pub sample: Vec<Customer>,
}

/// A customer sees their own tickets and, unless the workspace's
/// visibility rule restricts them, every ticket of their companies. The
/// store applies the rules to a customer whenever they, the customer or
/// one of the customer's companies change, in the same transaction, and
/// then wakes the live connections of the customers whose access changed.
#[async_trait]
pub trait CompanyStore {
    /// Creates the company `key`, or renames it (`name` as
    /// [`portal_core::company::check_company_name`] says, else
    /// [`StoreError::Invalid`]).
    async fn upsert_company(&self, workspace: WorkspaceId, key: &CompanyKey, name: &str, now: Millis) -> Result<()>;
    /// [`Self::upsert_company`], and with `attributes` replaces the
    /// company's attributes too (checked as [`Self::set_company_attributes`]
    /// checks them; without, they are kept), in one transaction: a refusal
    /// changes nothing. Returns the company's attributes as they now are.
    async fn put_company(
        &self,
        workspace: WorkspaceId,
        key: &CompanyKey,
        name: &str,
        attributes: Option<&BTreeMap<String, String>>,
        now: Millis,
    ) -> Result<CompanyAttributes>;
    /// Replaces the attributes of the company `key` (else
    /// [`StoreError::NotFound`]): as [`CompanyAttributes::parse`] keeps
    /// them (values trimmed, empty ones dropped), the limits of customers'
    /// attributes, else [`StoreError::Invalid`] and nothing changes. The
    /// rules are applied again to its members, since conditions can look
    /// at them (`company.attributes.<key>`). Returns the attributes kept.
    async fn set_company_attributes(
        &self,
        workspace: WorkspaceId,
        key: &CompanyKey,
        attributes: &BTreeMap<String, String>,
    ) -> Result<CompanyAttributes>;
    /// Replaces the companies the customer belongs to: at most
    /// [`portal_core::company::MAX_MEMBERSHIPS`] (else
    /// [`StoreError::Invalid`]), each a company of the workspace (else
    /// [`StoreError::UnknownCompany`]); a refusal changes nothing.
    async fn set_customer_companies(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
    ) -> Result<()>;
    /// Replaces the customer's companies with those the site claimed in a
    /// signed claim, creating companies not yet known (named by their key),
    /// and returns the customer as the rules then decide.
    async fn claim_companies(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
        now: Millis,
    ) -> Result<Customer>;
    /// The keys of the companies the customer belongs to, sorted.
    async fn customer_companies(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<Vec<CompanyKey>>;
    /// Replaces a customer's attributes, and applies the visibility rule to them.
    async fn set_customer_attributes(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        attributes: &CustomerAttributes,
    ) -> Result<()>;
    /// Sets the workspace's visibility rule and applies it to every customer.
    async fn set_ticket_visibility(&self, workspace: WorkspaceId, visibility: &TicketVisibility) -> Result<()>;
    async fn ticket_visibility(&self, workspace: WorkspaceId) -> Result<TicketVisibility>;
    /// Sets who may use the portal, and applies it to every customer: a
    /// customer outside it has no session scope (see
    /// [`CustomerScope::for_session`]), so sees nothing.
    async fn set_portal_audience(&self, workspace: WorkspaceId, audience: &PortalAudience) -> Result<()>;
    async fn portal_audience(&self, workspace: WorkspaceId) -> Result<PortalAudience>;
    /// How many of the workspace's customers `audience` would admit, and
    /// the first `sample` of them by email, without changing anything.
    async fn preview_audience(
        &self,
        workspace: WorkspaceId,
        audience: &PortalAudience,
        sample: u32,
    ) -> Result<AudiencePreview>;
    /// How many of the workspace's customers `visibility` would restrict to
    /// their own tickets, and the first `sample` of them by email, without
    /// changing anything.
    async fn preview_visibility(
        &self,
        workspace: WorkspaceId,
        visibility: &TicketVisibility,
        sample: u32,
    ) -> Result<AudiencePreview>;
}
