//! The portal's data layer: one store contract ([`Store`]) with a SQLite and
//! a PostgreSQL implementation, and the migrations runner.
//!
//! Only this crate speaks SQL. Every method that returns customer data takes
//! a [`CustomerScope`], which only a live session can produce.

mod error;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::StoreError;

use async_trait::async_trait;
use portal_core::access::ActiveSession;
use portal_core::{
    CustomerId, CustomerName, CustomerScope, Email, Millis, Origin, SecretId, SessionLifetime, TicketStatus,
    TicketSummary, WorkspaceId, WorkspaceSlug,
};
use std::sync::Arc;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkspace {
    pub slug: WorkspaceSlug,
    pub name: String,
    pub greeting: String,
    pub allowed_origins: Vec<Origin>,
    pub session_lifetime: SessionLifetime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub slug: WorkspaceSlug,
    pub name: String,
    pub greeting: String,
    pub allowed_origins: Vec<Origin>,
    pub session_lifetime: SessionLifetime,
    pub created_at: Millis,
}

/// An identity-verification secret. The HMAC key is the UTF-8 bytes of
/// `value`, exactly as the site owner copies it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    pub id: SecretId,
    pub workspace_id: WorkspaceId,
    pub value: String,
    pub created_at: Millis,
    /// When set, the secret stops verifying (and its sessions end) at this time.
    pub retires_at: Option<Millis>,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secret")
            .field("id", &self.id)
            .field("workspace_id", &self.workspace_id)
            .field("value", &"..")
            .field("created_at", &self.created_at)
            .field("retires_at", &self.retires_at)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: CustomerId,
    pub workspace_id: WorkspaceId,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    pub secret_id: SecretId,
    /// SHA-256 of the bearer token; the token itself is never stored.
    pub token_hash: Vec<u8>,
    /// The embedding page's origin the session was opened from.
    pub origin: Origin,
    pub expires_at: Millis,
}

/// The store contract. Both backends implement it and pass one test suite.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Cheap round trip, for readiness checks.
    async fn ping(&self) -> Result<()>;

    /// Fails with [`StoreError::Conflict`] when the slug is taken.
    async fn create_workspace(&self, new: &NewWorkspace, now: Millis) -> Result<Workspace>;
    async fn workspace_by_slug(&self, slug: &WorkspaceSlug) -> Result<Option<Workspace>>;
    async fn workspace(&self, id: WorkspaceId) -> Result<Option<Workspace>>;
    async fn set_allowed_origins(&self, id: WorkspaceId, origins: &[Origin]) -> Result<()>;

    async fn add_secret(&self, workspace: WorkspaceId, value: &str, now: Millis) -> Result<Secret>;
    /// In one transaction: every active secret retires at `retire_at` (or
    /// earlier if it already was going to), and `new_value` becomes active.
    async fn rotate_secret(
        &self,
        workspace: WorkspaceId,
        new_value: &str,
        now: Millis,
        retire_at: Millis,
    ) -> Result<Secret>;
    /// Secrets that verify at `now`, oldest first.
    async fn active_secrets(&self, workspace: WorkspaceId, now: Millis) -> Result<Vec<Secret>>;

    /// Finds the customer by email key (lower case) or creates them; updates
    /// the display name when it changed.
    async fn upsert_customer(
        &self,
        workspace: WorkspaceId,
        email: &Email,
        name: &CustomerName,
        now: Millis,
    ) -> Result<Customer>;
    async fn customer(&self, scope: &CustomerScope) -> Result<Customer>;

    async fn open_session(&self, new: &NewSession, now: Millis) -> Result<()>;
    /// The session with this token hash, if it is not revoked, not expired,
    /// and its secret is still active.
    async fn active_session(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveSession>>;
    /// Returns whether a live session was revoked.
    async fn revoke_session(&self, token_hash: &[u8], now: Millis) -> Result<bool>;

    /// Creates a ticket with the workspace's next number.
    async fn create_ticket(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &NewTicket,
        now: Millis,
    ) -> Result<TicketSummary>;
    /// Creates many tickets in one transaction (imports, demo data, benchmarks).
    async fn import_tickets(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &[NewTicket],
        now: Millis,
    ) -> Result<()>;
    /// The tickets the scope may see, most recently updated first.
    async fn list_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>>;
}

/// Opens the database named by `url` (`sqlite://path` or `postgres://...`),
/// creating a SQLite file and its folder when missing, and runs the
/// migrations. A failed migration is an error: the caller must not serve.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    sql::connect(url).await
}
