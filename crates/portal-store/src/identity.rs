//! Who a customer is: the workspace's identity-verification secrets, its
//! customers, and the sessions they open. A part of [`crate::Store`].

use crate::{KeyRing, Result};
use async_trait::async_trait;
use portal_core::access::ActiveSession;
use portal_core::{CustomerId, CustomerName, CustomerScope, Email, Millis, Origin, SecretId, SessionKind, WorkspaceId};

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
    /// Whether the workspace's audience admits the customer.
    pub in_audience: bool,
    /// Disabled in the console: no session opens or lasts.
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    pub secret_id: SecretId,
    /// SHA-256 of the bearer token; the token itself is never stored.
    pub token_hash: Vec<u8>,
    /// The embedding page's origin the session was opened from, or the
    /// standalone portal's own.
    pub origin: Origin,
    pub kind: SessionKind,
    /// The browser family, for the customer's account page.
    pub browser: String,
    pub expires_at: Millis,
}

#[async_trait]
pub trait IdentityStore {
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
    /// Seals every stored secret again with `keys`' first key, in one
    /// transaction (after a key rotation), and returns how many it sealed.
    /// Each must open with `keys`, else nothing changes.
    async fn reseal_secrets(&self, keys: &KeyRing) -> Result<u64>;

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
    /// The customer with this email (compared in lower case), if any.
    async fn customer_by_email(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<Customer>>;

    async fn open_session(&self, new: &NewSession, now: Millis) -> Result<()>;
    /// The session with this token hash, if it is not revoked, not expired,
    /// its secret is still active and its workspace's portal is switched on;
    /// it says whether the workspace still allows the session's origin.
    async fn active_session(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveSession>>;
    /// Returns whether a live session was revoked.
    async fn revoke_session(&self, token_hash: &[u8], now: Millis) -> Result<bool>;
}
