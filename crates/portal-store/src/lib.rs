//! The portal's data layer: one store contract ([`Store`]) with a SQLite and
//! a PostgreSQL implementation, and the migrations runner.
//!
//! Only this crate speaks SQL. Every method that returns customer data takes
//! a [`CustomerScope`], which only a live session can produce.

mod blob;
mod console;
mod error;
mod notify;
mod sealing;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;

pub use blob::{BlobStore, FsBlobStore};
pub use console::{
    Agent, Assignee, CompanyEntry, ConsoleStore, CustomerEntry, InboxFacts, InboxFilter, InboxPage, NewAgent,
    NewAgentSession, PortalBehaviour,
};
pub use error::StoreError;
pub use notify::Wake;
pub use sealing::{KeyRing, SealError};

use async_trait::async_trait;
use portal_core::access::{ActiveApiToken, ActiveSession, AgentScope};
use portal_core::attributes::CustomerAttributes;
use portal_core::audience::PortalAudience;
use portal_core::conversation::PortalEvent;
use portal_core::listing::{ListQuery, TicketPage};
use portal_core::{
    AttachmentInfo, AttachmentLimits, AttachmentName, AuthorKind, CompanyKey, CustomerId, CustomerName, CustomerScope,
    Email, IdempotencyKey, MessageBody, Millis, Origin, PublicMessage, SecretId, SessionLifetime, ShownAttribute,
    TicketAttributes, TicketDetail, TicketStatus, TicketSummary, TicketTitle, TicketVisibility, WorkspaceId,
    WorkspaceSlug,
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
    /// Whether a customer may reopen a closed ticket (by replying to it).
    pub reopen_allowed: bool,
    /// The ticket types customers choose from, in display order.
    pub ticket_types: Vec<String>,
    /// How many files a message may carry, and how large each may be.
    pub attachment_limits: AttachmentLimits,
    /// The ticket attributes customers see, in order, under these names.
    pub shown_attributes: Vec<ShownAttribute>,
    /// Whether search results show the preview column.
    pub search_preview: bool,
}

/// The ticket types a new workspace starts with.
pub const DEFAULT_TICKET_TYPES: [&str; 3] = ["Question", "Problem", "Feature request"];
/// Bounds of a workspace's ticket types (see [`Store::set_ticket_types`]).
pub const MAX_TICKET_TYPES: usize = 50;
pub const MAX_TICKET_TYPE_CHARS: usize = 60;

/// A ticket with its conversation, for [`Store::import_conversations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedTicket {
    pub creator: CustomerId,
    pub company: Option<CompanyKey>,
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Oldest first.
    pub messages: Vec<ImportedMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMessage {
    /// The customer who wrote it; `None` for an agent.
    pub author: Option<CustomerId>,
    pub author_name: String,
    pub body: String,
    pub internal: bool,
    pub created_at: Millis,
}

/// What an audience would admit (see [`Store::preview_audience`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AudiencePreview {
    /// The workspace's customers.
    pub customers: u64,
    /// How many of them the audience admits.
    pub matching: u64,
    /// The first of those, by email.
    pub sample: Vec<Customer>,
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
    /// Whether the workspace's audience admits the customer.
    pub in_audience: bool,
    /// Disabled in the console: no session opens or lasts.
    pub disabled: bool,
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

/// A customer's reply (see [`Store::customer_reply`]).
#[derive(Debug, Clone, Copy)]
pub struct CustomerReply<'a> {
    pub body: &'a MessageBody,
    pub key: &'a IdempotencyKey,
    /// Ids of the customer's uploads waiting to be sent.
    pub attachments: &'a [i64],
}

/// What a workspace's attached files take (see [`Store::attachment_usage`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentUsage {
    /// The sizes of its files, sent or waiting to be.
    pub used_bytes: u64,
    /// Its own quota; `None`: the server's default.
    pub quota_bytes: Option<u64>,
}

/// An attached file and where the blob store keeps its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub info: AttachmentInfo,
    pub blob_key: String,
}

/// What [`Store::customer_reply`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyOutcome {
    /// The message written, or for a repeated idempotency key the message
    /// the key wrote first.
    pub message: PublicMessage,
    /// The key was used before: nothing was written.
    pub duplicate: bool,
    /// The ticket was closed and this reply reopened it.
    pub reopened: bool,
}

/// An API token as its workspace's admin sees it (the hash stays inside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub created_at: Millis,
    pub revoked_at: Option<Millis>,
}

/// One row of an agent's ticket list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentTicketSummary {
    pub number: i64,
    pub title: String,
    pub status: TicketStatus,
    pub ticket_type: Option<String>,
    pub customer_id: CustomerId,
    pub customer_email: String,
    pub customer_name: String,
    /// The company the ticket belongs to, if any.
    pub company: Option<CompanyKey>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// A message as an agent sees it: internal notes included, and flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentMessage {
    pub id: i64,
    pub author_kind: AuthorKind,
    pub author_name: String,
    pub body: String,
    /// An internal note: agents only, never shown to the customer.
    pub internal: bool,
    pub created_at: Millis,
    pub attachments: Vec<AttachmentInfo>,
}

/// A ticket as an agent sees it: the whole conversation, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentTicket {
    pub number: i64,
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
    pub channel: String,
    pub ticket_type: Option<String>,
    pub customer: Customer,
    /// The company the ticket belongs to, if any.
    pub company: Option<CompanyKey>,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// Every attribute, shown to the customer or not.
    pub attributes: TicketAttributes,
    /// Files sent with the ticket itself.
    pub attachments: Vec<AttachmentInfo>,
    pub messages: Vec<AgentMessage>,
}

/// A ticket an agent opens on a customer's behalf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentNewTicket {
    /// The customer is found by email (lower case) or created.
    pub customer_email: Email,
    /// Updates the customer's name when not empty.
    pub customer_name: CustomerName,
    pub title: TicketTitle,
    /// May be empty; otherwise a [`MessageBody`].
    pub description: String,
    /// One of the workspace's ticket types.
    pub ticket_type: Option<String>,
    pub attributes: TicketAttributes,
    /// One of the workspace's companies: its members may see the ticket.
    pub company: Option<CompanyKey>,
}

/// A message an agent posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentPost {
    pub body: MessageBody,
    /// An internal note: never shown to the customer, and no event.
    pub internal: bool,
    /// The agent's display name (1 to 200 characters).
    pub author_name: String,
    pub key: Option<IdempotencyKey>,
}

/// What [`Store::agent_post_message`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentPostOutcome {
    pub message: AgentMessage,
    /// The key was used before: nothing was written.
    pub duplicate: bool,
}

/// The store contract. Both backends implement it and pass one test suite.
#[async_trait]
pub trait Store: ConsoleStore + Send + Sync + 'static {
    fn backend(&self) -> Backend;

    /// Wake-ups after commits that appended events or revoked a session
    /// (see [`Wake`]), from this process and, on PostgreSQL, from every
    /// process on the database.
    /// Subscribe before reading with [`Store::events_since`], so nothing
    /// committed in between goes unnoticed. A receiver that lags must
    /// re-read as if woken by [`Wake::Everyone`].
    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Wake>;

    /// Cheap round trip, for readiness checks.
    async fn ping(&self) -> Result<()>;
    /// Closes the pool: waits for connections in use to come back, then
    /// ends them all (a server that is stopping).
    async fn close(&self);

    /// Fails with [`StoreError::Conflict`] when the slug is taken.
    async fn create_workspace(&self, new: &NewWorkspace, now: Millis) -> Result<Workspace>;
    async fn workspace_by_slug(&self, slug: &WorkspaceSlug) -> Result<Option<Workspace>>;
    async fn workspace(&self, id: WorkspaceId) -> Result<Option<Workspace>>;
    /// Replaces the origins allowed to embed the portal, and wakes the
    /// workspace's live connections: a session from an origin no longer
    /// listed has ended.
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
    /// Imports tickets with their conversations in one transaction,
    /// numbered in order from the workspace's counter. Imported history is
    /// not news: no events are written. Each company must exist.
    async fn import_conversations(&self, workspace: WorkspaceId, tickets: &[ImportedTicket]) -> Result<()>;
    /// Empties the search index and fills it again from every ticket (the
    /// triggers keep it in step otherwise; this is for a restored database,
    /// and to time the index build).
    async fn rebuild_search_index(&self) -> Result<()>;
    /// The tickets the scope may see, most recently updated first.
    async fn list_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>>;
    /// Of those, the tickets the scope's customer opened ("Created by me").
    async fn list_own_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>>;
    /// The page of the tickets the scope may see that `query` asks for: its
    /// tab, filters, search (title, description, number and public
    /// messages; never internal notes), sort and cursor. With `previews`,
    /// each search result carries the snippet that matches it best.
    async fn find_tickets(&self, scope: &CustomerScope, query: &ListQuery, previews: bool) -> Result<TicketPage>;

    // --- Workspace settings -------------------------------------------------

    async fn set_reopen_allowed(&self, id: WorkspaceId, allowed: bool) -> Result<()>;
    /// Whether search results show the preview column.
    async fn set_search_preview(&self, id: WorkspaceId, shown: bool) -> Result<()>;
    /// Replaces the ticket types: 1 to [`MAX_TICKET_TYPES`] names, each 1 to
    /// [`MAX_TICKET_TYPE_CHARS`] characters once trimmed, no control
    /// characters, no two equal ignoring case; else [`StoreError::Invalid`].
    /// Tickets keep the type they have.
    async fn set_ticket_types(&self, id: WorkspaceId, names: &[String]) -> Result<()>;
    /// Which ticket attributes customers see, in order (checked as
    /// [`ShownAttribute::check_list`] says, else [`StoreError::Invalid`]).
    async fn set_shown_attributes(&self, id: WorkspaceId, shown: &[ShownAttribute]) -> Result<()>;
    /// Within [`AttachmentLimits::MAX`], else [`StoreError::Invalid`].
    async fn set_attachment_limits(&self, id: WorkspaceId, limits: AttachmentLimits) -> Result<()>;

    // --- Companies and ticket visibility --------------------------------------
    //
    // A customer sees their own tickets and, unless the workspace's
    // visibility rule restricts them, every ticket of their companies. The
    // store applies the rule to a customer whenever it or the customer
    // changes, in the same transaction.

    /// Creates the company `key`, or renames it (`name` as
    /// [`portal_core::company::check_company_name`] says, else
    /// [`StoreError::Invalid`]).
    async fn upsert_company(&self, workspace: WorkspaceId, key: &CompanyKey, name: &str, now: Millis) -> Result<()>;
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

    // --- Attachments ----------------------------------------------------------
    //
    // A customer uploads a file first: it waits, attached to nothing, until a
    // reply or a new ticket claims it. Only its uploader can claim it, once.

    /// Records an upload whose content the blob store holds under
    /// `blob_key`. The caller has checked the name, the size against the
    /// workspace's limit, and the content. A customer may have at most 30
    /// uploads waiting. The workspace's files, sent or waiting, this one
    /// included, must fit in its quota (its own, else `default_quota`
    /// bytes), else [`StoreError::QuotaExceeded`] and nothing is written.
    async fn add_upload(
        &self,
        scope: &CustomerScope,
        name: &AttachmentName,
        size: u64,
        blob_key: &str,
        default_quota: u64,
        now: Millis,
    ) -> Result<AttachmentInfo>;
    /// How much the workspace's attached files take, and its own quota.
    async fn attachment_usage(&self, workspace: WorkspaceId) -> Result<AttachmentUsage>;
    /// Sets the workspace's own quota for attached files, in bytes; `None`
    /// leaves it to the server's default.
    async fn set_attachment_quota(&self, workspace: WorkspaceId, quota: Option<u64>) -> Result<()>;
    /// A sent file, if it is on a ticket the scope may see and not on an
    /// internal note.
    async fn customer_attachment(&self, scope: &CustomerScope, id: i64) -> Result<Option<StoredAttachment>>;
    /// A file of the workspace's ticket numbered `number`.
    async fn agent_attachment(&self, agent: &AgentScope, number: i64, id: i64) -> Result<Option<StoredAttachment>>;
    /// Forgets up to `limit` uploads never sent and made before
    /// `created_before`, and returns their blob keys for deletion.
    async fn take_stale_uploads(&self, created_before: Millis, limit: u32) -> Result<Vec<String>>;

    // --- Conversations, customer side ---------------------------------------
    //
    // A ticket the scope may not see is reported exactly as one that does
    // not exist: `Ok(None)` or `StoreError::NotFound`, with nothing written.

    /// The ticket with its public messages, oldest first. Internal notes are
    /// never part of it.
    async fn ticket_detail(&self, scope: &CustomerScope, number: i64) -> Result<Option<TicketDetail>>;
    /// Adds the customer's reply with its files, in one transaction with its
    /// `message.created` event and the ticket's new `updated_at`. Files that
    /// are not the customer's waiting uploads, or more than the workspace
    /// allows, fail the reply with [`StoreError::Invalid`].
    ///
    /// `key` is the customer's own: one they used before for the same text
    /// on this ticket returns the message it wrote, with `duplicate: true`,
    /// and writes nothing; for another ticket or text it fails with
    /// [`StoreError::KeyReused`]. Other customers' and agents' keys never
    /// matter. A closed ticket is reopened
    /// (`reopened: true`, a `ticket.status` event) when the workspace allows
    /// it, else the call fails with [`StoreError::TicketClosed`].
    async fn customer_reply(
        &self,
        scope: &CustomerScope,
        number: i64,
        reply: &CustomerReply<'_>,
        now: Millis,
    ) -> Result<ReplyOutcome>;
    /// Reopens a closed ticket (as a reply would); no-op when it is not closed.
    async fn reopen_ticket(&self, scope: &CustomerScope, number: i64, now: Millis) -> Result<()>;
    /// Opens a ticket as the scope's customer, with a `ticket.created` event.
    /// `description` may be empty, else it follows the [`MessageBody`] rules;
    /// `ticket_type` must be one of the workspace's types; `attachments` are
    /// claimed as [`Store::customer_reply`] does.
    async fn customer_create_ticket(
        &self,
        scope: &CustomerScope,
        title: &TicketTitle,
        description: &str,
        ticket_type: Option<&str>,
        attachments: &[i64],
        now: Millis,
    ) -> Result<TicketSummary>;
    /// The events of the tickets the scope may see with an id above
    /// `after_id`, oldest first; `limit` is clamped to 1..=500.
    async fn events_since(&self, scope: &CustomerScope, after_id: i64, limit: u32) -> Result<Vec<PortalEvent>>;
    /// The id of the workspace's newest event (0 for none). Its events are
    /// written under the workspace's lock, so none with a smaller id can
    /// commit later.
    async fn latest_event_id(&self, workspace: WorkspaceId) -> Result<i64>;

    // --- API tokens ---------------------------------------------------------

    /// `name` is 1 to 100 characters. A hash that exists is a
    /// [`StoreError::Conflict`], an unknown workspace [`StoreError::NotFound`].
    async fn create_api_token(
        &self,
        workspace: WorkspaceId,
        name: &str,
        token_hash: &[u8],
        now: Millis,
    ) -> Result<ApiToken>;
    /// Returns whether a live token of this workspace was revoked.
    async fn revoke_api_token(&self, workspace: WorkspaceId, id: i64, now: Millis) -> Result<bool>;
    /// The token with this hash, if it is not revoked.
    async fn active_api_token(&self, token_hash: &[u8]) -> Result<Option<ActiveApiToken>>;
    /// Every token of the workspace, revoked ones included, oldest first.
    async fn list_api_tokens(&self, workspace: WorkspaceId) -> Result<Vec<ApiToken>>;

    // --- Conversations, agent side ------------------------------------------

    /// The workspace's tickets, most recently updated first; `limit` is
    /// clamped to 1..=500.
    async fn agent_list_tickets(&self, agent: &AgentScope, limit: u32) -> Result<Vec<AgentTicketSummary>>;
    /// The ticket with all its messages, internal notes included and flagged.
    async fn agent_ticket(&self, agent: &AgentScope, number: i64) -> Result<Option<AgentTicket>>;
    /// Opens a ticket for a customer (found by email or created), on the
    /// `api` channel, in `new.company` if given, with a `ticket.created`
    /// event. An unknown type is [`StoreError::Invalid`], an unknown company
    /// [`StoreError::UnknownCompany`]; either writes nothing.
    async fn agent_create_ticket(
        &self,
        agent: &AgentScope,
        new: &AgentNewTicket,
        now: Millis,
    ) -> Result<AgentTicketSummary>;
    /// Adds an agent's message. A public reply updates the ticket's
    /// `updated_at` and writes a `message.created` event; an internal note
    /// does neither, so the customer cannot tell it exists. Keys belong to
    /// the workspace's agents (the console and every API token) and never
    /// meet customers': a repeated `key` with the same ticket, text and
    /// kind returns the message it wrote first and writes nothing; with
    /// anything else it fails with [`StoreError::KeyReused`].
    async fn agent_post_message(
        &self,
        agent: &AgentScope,
        number: i64,
        post: &AgentPost,
        now: Millis,
    ) -> Result<AgentPostOutcome>;
    /// Replaces a ticket's attributes. Customers see the change on their
    /// next read; it moves no `updated_at` and writes no event.
    async fn set_ticket_attributes(&self, agent: &AgentScope, number: i64, attributes: &TicketAttributes)
    -> Result<()>;
    /// Sets the status, the type (one of the workspace's) and/or the company
    /// (`Some(None)` takes the ticket out of its company), in one
    /// transaction: an unknown type ([`StoreError::Invalid`]) or company
    /// ([`StoreError::UnknownCompany`]) changes nothing. A status change
    /// writes a `ticket.status` event, which wakes whoever may see the
    /// ticket once changed; a new status or type moves `updated_at`, a new
    /// company alone does not.
    async fn agent_update_ticket(
        &self,
        agent: &AgentScope,
        number: i64,
        status: Option<TicketStatus>,
        ticket_type: Option<&str>,
        company: Option<Option<&CompanyKey>>,
        now: Millis,
    ) -> Result<AgentTicketSummary>;
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
