//! The portal's data layer: one store contract ([`Store`]) with a SQLite and
//! a PostgreSQL implementation, and the migrations runner.
//!
//! Only this crate speaks SQL. Every method that returns customer data takes
//! a [`CustomerScope`], which only a live session can produce.
//!
//! The contract is written by area, each a trait with its types in a module
//! of its own ([`WorkspaceStore`], [`IdentityStore`], [`CompanyStore`],
//! [`ConversationStore`], [`AttachmentStore`], [`ApiTokenStore`],
//! [`AgentTicketStore`], [`ParticipantStore`], [`AgentStore`], [`DirectoryStore`],
//! [`BulkStore`], [`ReplayStore`], [`AccountStore`], [`MailStore`], [`WebhookStore`], [`SlackStore`] and [`RoutingStore`]); [`Store`] is all of them at once.

mod account;
mod agent_tickets;
mod agents;
mod api_tokens;
mod attachments;
mod blob;
mod bulk;
mod companies;
mod conversations;
mod directory;
mod error;
mod identity;
mod mail;
mod notify;
mod participants;
mod replay;
mod routing;
mod s3_blob;
mod sealing;
mod slack;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;
mod webhooks;
mod workspaces;

pub use account::{AccountStore, CodePurpose, NewEmailSignIn, NewSignInCode, RedeemedCode};
pub use agent_tickets::{
    AgentChannel, AgentMessage, AgentNewTicket, AgentPost, AgentPostOutcome, AgentTicket, AgentTicketStore,
    AgentTicketSummary, Assignee, InboxFacts, InboxFilter, InboxPage,
};
pub use agents::{Agent, AgentStore, NewAgent, NewAgentSession};
pub use api_tokens::{ApiToken, ApiTokenStore};
pub use attachments::{AttachmentStore, AttachmentUsage, MailFile, StoredAttachment};
pub use blob::{BlobStore, FsBlobStore};
pub use bulk::{BulkStore, ImportedMessage, ImportedTicket, NewTicket};
pub use companies::{AudiencePreview, CompanyStore};
pub use conversations::{ConversationStore, CustomerReply, CustomerTicket, ReplyOutcome};
pub use directory::{CompanyEntry, CustomerEntry, DirectoryStore};
pub use error::StoreError;
pub use identity::{Customer, IdentityStore, NewSession, Secret};
pub use mail::{FailedMail, MailIn, MailInOutcome, MailStore, MailTokens, Notification};
pub use notify::Wake;
pub use participants::{AddedBy, Participant, ParticipantAdded, ParticipantStore};
pub use replay::ReplayStore;
pub use routing::{Escalated, NewRule, RoutingRules, RoutingStore};
pub use s3_blob::{S3Access, S3BlobStore, S3Location};
pub use sealing::{KeyRing, SealError};
pub use slack::{SlackConnection, SlackPost, SlackPostKind, SlackStore};
pub use webhooks::{
    ADMIN_DISABLED, ClaimedDelivery, DeliveryRecord, DeliveryTry, Webhook, WebhookSettings, WebhookStore,
};
pub use workspaces::{NewWorkspace, PortalBehaviour, Workspace, WorkspaceStore};

use async_trait::async_trait;
#[cfg(doc)]
use portal_core::CustomerScope;
use std::sync::Arc;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A glance at the store's pool of database connections, for metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// The connections open, in use or idle.
    pub size: u32,
    /// Of those, the ones waiting for work.
    pub idle: u32,
    /// The most connections the pool opens.
    pub max: u32,
}

/// The store contract. Both backends implement it and pass one test suite.
///
/// Each area's methods come from its trait, a supertrait of this one, so a
/// caller holding a `dyn Store` calls them all without importing the area
/// traits.
#[async_trait]
pub trait Store:
    WorkspaceStore
    + IdentityStore
    + CompanyStore
    + ConversationStore
    + AttachmentStore
    + ApiTokenStore
    + AgentTicketStore
    + ParticipantStore
    + AgentStore
    + DirectoryStore
    + BulkStore
    + ReplayStore
    + AccountStore
    + MailStore
    + WebhookStore
    + SlackStore
    + RoutingStore
    + Send
    + Sync
    + 'static
{
    fn backend(&self) -> Backend;

    /// Wake-ups after commits that appended events or revoked a session
    /// (see [`Wake`]), from this process and, on PostgreSQL, from every
    /// process on the database.
    /// Subscribe before reading with [`ConversationStore::events_since`], so nothing
    /// committed in between goes unnoticed. A receiver that lags must
    /// re-read as if woken by [`Wake::Everyone`].
    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Wake>;

    /// The pool's counts as they are now, without waiting or a round trip.
    fn pool_stats(&self) -> PoolStats;

    /// Cheap round trip, for readiness checks.
    async fn ping(&self) -> Result<()>;
    /// Closes the pool: waits for connections in use to come back, then
    /// ends them all (a server that is stopping).
    async fn close(&self);
}

/// Opens the database named by `url` (`sqlite://path` or `postgres://...`),
/// creating a SQLite file and its folder when missing, and runs the
/// migrations. A failed migration is an error: the caller must not serve.
///
/// Identity secrets are sealed with `keys` (see [`KeyRing`]): any stored
/// plain are sealed now, and a stored secret that does not open with the
/// ring fails the call, so a wrong key stops the server at start instead of
/// every sign-in.
pub async fn connect(url: &str, keys: KeyRing) -> Result<Arc<dyn Store>> {
    sql::connect(url, keys).await
}
