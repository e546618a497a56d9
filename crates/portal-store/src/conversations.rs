//! Conversations as a customer has them: their tickets, found and read,
//! their replies and new tickets, and the events of what changed. A part
//! of [`crate::Store`].

use crate::Result;
#[cfg(doc)]
use crate::StoreError;
use async_trait::async_trait;
use portal_core::conversation::PortalEvent;
use portal_core::listing::{ListQuery, TicketPage};
use portal_core::{
    AttachmentId, CompanyKey, CustomerScope, IdempotencyKey, MessageBody, Millis, PublicMessage, TicketAttributes,
    TicketCounts, TicketDescription, TicketDetail, TicketNumber, TicketSummary, TicketTitle, WorkspaceId,
};

/// A customer's reply (see [`ConversationStore::customer_reply`]).
#[derive(Debug, Clone, Copy)]
pub struct CustomerReply<'a> {
    pub body: &'a MessageBody,
    pub key: &'a IdempotencyKey,
    /// Ids of the customer's uploads waiting to be sent.
    pub attachments: &'a [AttachmentId],
}

/// What [`ConversationStore::customer_reply`] did.
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

/// A ticket the scope may not see is reported exactly as one that does
/// not exist: `Ok(None)` or `StoreError::NotFound`, with nothing written.
/// A ticket a customer opens in the portal.
#[derive(Debug, Clone, Copy)]
pub struct CustomerTicket<'a> {
    pub title: &'a TicketTitle,
    pub description: &'a TicketDescription,
    /// One of the workspace's types.
    pub ticket_type: Option<&'a str>,
    /// One of the customer's companies (see `customer_create_ticket`).
    pub company: Option<&'a CompanyKey>,
    /// What the customer filled in on the workspace's form, checked by it.
    pub attributes: &'a TicketAttributes,
    /// Files uploaded for it.
    pub attachments: &'a [AttachmentId],
}

/// A `static`, not a `const`: a reference to a `const` with a destructor is not promoted.
static NO_ATTRIBUTES: TicketAttributes = TicketAttributes::EMPTY;

impl<'a> CustomerTicket<'a> {
    /// A ticket with a title and description only.
    pub fn new(title: &'a TicketTitle, description: &'a TicketDescription) -> Self {
        Self { title, description, ticket_type: None, company: None, attributes: &NO_ATTRIBUTES, attachments: &[] }
    }
}

#[async_trait]
pub trait ConversationStore {
    /// The tickets the scope may see, most recently updated first.
    async fn list_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>>;
    /// Of those, the tickets the scope's customer opened ("Created by me").
    async fn list_own_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>>;
    /// How many of the tickets the scope may see are open, and how many of
    /// those await the customer's answer: what a site shows as a badge.
    async fn ticket_counts(&self, scope: &CustomerScope) -> Result<TicketCounts>;
    /// The page of the tickets the scope may see that `query` asks for: its
    /// tab, filters, search (title, description, number and public
    /// messages; never internal notes), sort and cursor. With `previews`,
    /// each search result carries the snippet that matches it best.
    async fn find_tickets(&self, scope: &CustomerScope, query: &ListQuery, previews: bool) -> Result<TicketPage>;

    /// The ticket with its public messages, oldest first. Internal notes are
    /// never part of it.
    async fn ticket_detail(&self, scope: &CustomerScope, number: TicketNumber) -> Result<Option<TicketDetail>>;
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
        number: TicketNumber,
        reply: &CustomerReply<'_>,
        now: Millis,
    ) -> Result<ReplyOutcome>;
    /// Reopens a closed ticket (as a reply would); no-op when it is not closed.
    async fn reopen_ticket(&self, scope: &CustomerScope, number: TicketNumber, now: Millis) -> Result<()>;
    /// Opens a ticket as the scope's customer, with a `ticket.created` event.
    /// `ticket_type` must be one of the workspace's types; `attachments` are
    /// claimed as [`ConversationStore::customer_reply`] does. The ticket is
    /// filed to `company`, which must be one of the customer's (else
    /// [`StoreError::Invalid`]); without one, to the customer's company when
    /// they have exactly one (as Intercom files it), else to none.
    async fn customer_create_ticket(
        &self,
        scope: &CustomerScope,
        ticket: &CustomerTicket<'_>,
        now: Millis,
    ) -> Result<TicketSummary>;
    /// The events of the tickets the scope may see with an id above
    /// `after_id`, oldest first; `limit` is clamped to 1..=500.
    async fn events_since(&self, scope: &CustomerScope, after_id: i64, limit: u32) -> Result<Vec<PortalEvent>>;
    /// The id of the workspace's newest event (0 for none). Its events are
    /// written under the workspace's lock, so none with a smaller id can
    /// commit later.
    async fn latest_event_id(&self, workspace: WorkspaceId) -> Result<i64>;
}
