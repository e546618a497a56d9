//! The store contract of the console: its accounts and their sessions, the
//! workspace settings only the console sets, the agents' inbox, and the
//! customers and companies an agent manages. A part of [`crate::Store`]
//! (its supertrait), kept apart so each file stays about one thing.

use crate::{Customer, Result};
use async_trait::async_trait;
use portal_core::access::{ActiveAgent, AgentScope};
use portal_core::console::{PortalLook, Role};
use portal_core::listing::{ListQuery, TicketPage};
use portal_core::{AgentId, CompanyKey, CustomerId, Email, Millis, SessionLifetime, WorkspaceId};

/// A console account as others see it (its password hash stays inside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub id: AgentId,
    pub workspace_id: WorkspaceId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub created_at: Millis,
    /// Cannot sign in until an admin resumes it.
    pub paused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgent {
    pub email: Email,
    /// Checked by [`portal_core::console::check_agent_name`].
    pub name: String,
    pub role: Role,
    /// An argon2id PHC string.
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgentSession {
    pub workspace_id: WorkspaceId,
    pub agent_id: AgentId,
    /// SHA-256 of the cookie's token; the token itself is never stored.
    pub token_hash: Vec<u8>,
    pub expires_at: Millis,
}

/// What the console's Behaviour form sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortalBehaviour {
    /// New sessions last this long; open ones keep their expiry.
    pub session_lifetime: SessionLifetime,
    pub reopen_allowed: bool,
    pub search_preview: bool,
}

/// Whose tickets an inbox shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Assignee {
    #[default]
    Anyone,
    Nobody,
    Agent(AgentId),
}

/// What an inbox asks beyond the customers' list query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    pub assignee: Assignee,
    /// Only the tickets of this company.
    pub company: Option<CompanyKey>,
}

impl From<Assignee> for InboxFilter {
    fn from(assignee: Assignee) -> Self {
        Self { assignee, company: None }
    }
}

/// What an agent's inbox adds to a customer's list row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFacts {
    pub creator_email: String,
    pub assignee: Option<AgentId>,
    pub company: Option<CompanyKey>,
}

/// A page of an agent's inbox: the rows as customers' lists have them, and
/// what only agents see of each, in the same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxPage {
    pub page: TicketPage,
    pub facts: Vec<InboxFacts>,
}

/// One row of the console's customer list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerEntry {
    pub customer: Customer,
    pub attributes: portal_core::attributes::CustomerAttributes,
    pub companies: Vec<CompanyKey>,
    pub tickets: i64,
    pub created_at: Millis,
}

/// One row of the console's company list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyEntry {
    pub key: CompanyKey,
    pub name: String,
    pub members: i64,
    pub tickets: i64,
}

#[async_trait]
pub trait ConsoleStore {
    // --- Accounts and sessions ------------------------------------------------

    /// An email already used in the workspace is a [`crate::StoreError::Conflict`].
    async fn create_agent(&self, workspace: WorkspaceId, new: &NewAgent, now: Millis) -> Result<Agent>;
    /// The account with this email (compared in lower case) and its password hash.
    async fn agent_credentials(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<(Agent, String)>>;
    /// The password hash of the workspace's account `agent`.
    async fn agent_password_hash(&self, workspace: WorkspaceId, agent: AgentId) -> Result<Option<String>>;
    /// The workspace's accounts, by name.
    async fn agents(&self, workspace: WorkspaceId) -> Result<Vec<Agent>>;
    /// Replaces the account's password hash and ends its other sessions
    /// (all but the one whose token hash is `keep`), in one transaction.
    async fn set_agent_password(
        &self,
        workspace: WorkspaceId,
        agent: AgentId,
        password_hash: &str,
        keep: &[u8],
        now: Millis,
    ) -> Result<()>;
    /// The name customers see on the account's replies; checked by
    /// [`portal_core::console::check_agent_name`].
    async fn set_agent_name(&self, workspace: WorkspaceId, agent: AgentId, name: &str) -> Result<()>;
    /// Gives the account another role. Demoting the workspace's last admin
    /// is [`crate::StoreError::Invalid`].
    async fn set_agent_role(&self, workspace: WorkspaceId, agent: AgentId, role: Role) -> Result<()>;
    /// Pauses the account (its sessions end; it cannot sign in) or resumes
    /// it. Pausing the workspace's last admin that is not paused is
    /// [`crate::StoreError::Invalid`].
    async fn set_agent_paused(&self, workspace: WorkspaceId, agent: AgentId, paused: bool, now: Millis) -> Result<()>;
    /// Removes the account: its sessions end and its tickets are left
    /// unassigned. Removing the workspace's last admin is
    /// [`crate::StoreError::Invalid`].
    async fn remove_agent(&self, workspace: WorkspaceId, agent: AgentId) -> Result<()>;
    async fn open_agent_session(&self, new: &NewAgentSession, now: Millis) -> Result<()>;
    /// The account of the session with this token hash, if it is not
    /// revoked or expired.
    async fn active_agent(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveAgent>>;
    /// Returns whether a live session was revoked.
    async fn revoke_agent_session(&self, token_hash: &[u8], now: Millis) -> Result<bool>;

    // --- Settings only the console sets -----------------------------------------

    /// The greeting is also [`crate::Workspace::greeting`].
    async fn portal_look(&self, workspace: WorkspaceId) -> Result<PortalLook>;
    async fn set_portal_look(&self, workspace: WorkspaceId, look: &PortalLook) -> Result<()>;
    async fn portal_enabled(&self, workspace: WorkspaceId) -> Result<bool>;
    /// Sets the three together, in one write.
    async fn set_portal_behaviour(&self, workspace: WorkspaceId, behaviour: &PortalBehaviour) -> Result<()>;
    /// A disabled portal opens no session, its frame says so, and the
    /// sessions it had end (their live streams are woken to close).
    async fn set_portal_enabled(&self, workspace: WorkspaceId, enabled: bool) -> Result<()>;

    // --- The inbox ----------------------------------------------------------------

    /// The page of the workspace's tickets that `query` asks for (as
    /// [`crate::Store::find_tickets`] reads it, except its "created by me"
    /// tab), narrowed as `filter` says.
    async fn find_inbox(&self, agent: &AgentScope, query: &ListQuery, filter: &InboxFilter) -> Result<InboxPage>;
    /// Assigns the ticket to one of the workspace's accounts, or to nobody.
    /// An account of another workspace is [`crate::StoreError::Invalid`].
    async fn assign_ticket(&self, agent: &AgentScope, number: i64, assignee: Option<AgentId>) -> Result<()>;
    async fn ticket_assignee(&self, agent: &AgentScope, number: i64) -> Result<Option<AgentId>>;

    // --- Customers and companies ----------------------------------------------------

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
