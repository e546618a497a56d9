//! A customer's own account: their sessions, the one-time codes that open
//! a standalone session, and their access log. A part of [`crate::Store`].

use crate::{Customer, Result};
use async_trait::async_trait;
use portal_core::{AccessEvent, CustomerId, Millis, SecretId, SessionRecord, WorkspaceId};

/// What a one-time sign-in code is for: it works for nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    /// The frame's "Open in a new tab" (60 seconds).
    NewTab,
    /// The link in a reply's mail, to its ticket (24 hours).
    MailLink,
}

impl CodePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewTab => "new-tab",
            Self::MailLink => "mail-link",
        }
    }
}

/// A one-time sign-in code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSignInCode {
    pub purpose: CodePurpose,
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    /// The secret the session that asked for it was opened with: retiring
    /// it ends the session the code opens too.
    pub secret_id: SecretId,
    /// SHA-256 of the code; the code itself is never stored.
    pub code_hash: Vec<u8>,
    pub expires_at: Millis,
}

/// An email sign-in: a code to type and a link to click, either signing
/// the customer in once before `expires_at`; the code allows `tries`
/// wrong guesses in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmailSignIn {
    pub workspace_id: WorkspaceId,
    pub customer_id: CustomerId,
    pub code_hash: Vec<u8>,
    pub link_hash: Vec<u8>,
    pub tries: u32,
    pub expires_at: Millis,
}

/// Whom a redeemed code signs in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedeemedCode {
    /// As they are now: disabled or outside the audience, they may not
    /// sign in (the caller refuses them, and logs it).
    pub customer: Customer,
    pub secret_id: SecretId,
}

#[async_trait]
pub trait AccountStore {
    async fn create_sign_in_code(&self, code: &NewSignInCode, now: Millis) -> Result<()>;
    /// Deletes the workspace's code with this hash and says whom it signs
    /// in, when it has not expired: a code works once, even when two
    /// requests race for it. Expired codes are
    /// purged on the way.
    async fn redeem_sign_in_code(
        &self,
        workspace: WorkspaceId,
        purpose: CodePurpose,
        code_hash: &[u8],
        now: Millis,
    ) -> Result<Option<RedeemedCode>>;

    /// Starts an email sign-in, replacing the customer's waiting one.
    async fn start_email_sign_in(&self, sign_in: &NewEmailSignIn) -> Result<()>;
    /// The code typed for the customer with this email: when it is their
    /// waiting sign-in's and it has not expired, the sign-in is used up and
    /// they are returned. A wrong code spends a try; the last try ends the
    /// sign-in, so a code can be guessed at most `tries` times.
    async fn redeem_email_code(
        &self,
        workspace: WorkspaceId,
        email: &portal_core::Email,
        code_hash: &[u8],
        now: Millis,
    ) -> Result<Option<Customer>>;
    /// The link clicked: as [`AccountStore::redeem_email_code`], by the link's hash.
    async fn redeem_email_link(
        &self,
        workspace: WorkspaceId,
        link_hash: &[u8],
        now: Millis,
    ) -> Result<Option<Customer>>;

    /// The customer's sessions, newest first, at most `limit`.
    async fn customer_sessions(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        limit: u32,
    ) -> Result<Vec<SessionRecord>>;
    /// Revokes every live session of the customer, embedded and standalone,
    /// and wakes their live connections; returns how many.
    async fn revoke_customer_sessions(&self, workspace: WorkspaceId, customer: CustomerId, now: Millis) -> Result<u64>;

    async fn record_access(&self, workspace: WorkspaceId, customer: CustomerId, event: &AccessEvent) -> Result<()>;
    /// The customer's access log, newest first, at most `limit`.
    async fn access_log(&self, workspace: WorkspaceId, customer: CustomerId, limit: u32) -> Result<Vec<AccessEvent>>;
    /// Forgets every access-log line from before `before`; returns how many.
    async fn purge_access_log(&self, before: Millis) -> Result<u64>;
}
