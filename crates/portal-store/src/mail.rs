//! Email notifications: the durable outbox of agents' replies and each
//! customer's choice to get them. A part of [`crate::Store`].
//!
//! A notification is written in the transaction of the reply it tells of
//! (`AgentTicketStore::agent_post_message`), so a reply is never without its
//! mail nor a mail without its reply. Workers claim due rows for a while
//! (one worker a row, on any number of instances), and mark each sent or,
//! with a time to try again, not.

use crate::Result;
use async_trait::async_trait;
use portal_core::{AgentScope, CustomerScope, Email, IdempotencyKey, MessageBody, Millis, TicketNumber, WorkspaceId};

/// What a worker needs to write one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    /// Tries so far, this one included.
    pub attempts: u32,
    pub workspace_id: WorkspaceId,
    pub workspace_slug: String,
    pub workspace_name: String,
    /// The customer's language (that of their last sign-in), else the
    /// workspace's default, as a tag.
    pub language: String,
    pub brand_color: String,
    /// The sender's name and reply-to address the workspace's admins set
    /// (each may be empty).
    pub from_name: String,
    pub reply_to: String,
    /// The site's page with the frame (empty: none), where the mail's link goes.
    pub site_page: String,
    pub customer_id: portal_core::CustomerId,
    pub customer_email: String,
    pub customer_name: String,
    pub ticket_number: TicketNumber,
    pub ticket_title: String,
    /// The reply: its id, author and Markdown source.
    pub message_id: i64,
    pub author_name: String,
    pub body: String,
}

/// A notification that could not be delivered, for the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedMail {
    pub message_id: i64,
    pub failed_at: Millis,
    pub error: String,
}

/// The hashes of the tokens a notification carries: its unsubscribe link's
/// and its reply address's (see `portal_core::inbound`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailTokens<'a> {
    pub unsubscribe: &'a [u8],
    pub reply: &'a [u8],
}

/// A mail in that answers a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailIn {
    /// The `From` address: who the mail says it is from.
    pub sender: Email,
    /// The name beside the address, if any.
    pub sender_name: String,
    /// What is new in the mail (quotes and signature removed).
    pub body: MessageBody,
    /// Made from the mail's `Message-ID`: the same mail delivered twice
    /// writes one message.
    pub key: IdempotencyKey,
}

/// What [`MailStore::mail_reply`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailInOutcome {
    pub message_id: i64,
    /// A public message of the customer's; otherwise an internal note for
    /// agents to review.
    pub public: bool,
    /// The mail was received before: nothing was written.
    pub duplicate: bool,
}

#[async_trait]
pub trait MailStore {
    /// Claims up to `limit` notifications that are due at `now` and held by
    /// no worker, each for this one until `now + hold`, counting the try.
    /// Two workers never hold the same row. Notifications of customers who
    /// have since turned email off are dropped, not returned.
    async fn claim_mail(&self, now: Millis, hold: Millis, limit: u32) -> Result<Vec<Notification>>;
    /// Records the hashes of the notification's tokens, before it is sent.
    /// A new unsubscribe token replaces the last try's; reply tokens are
    /// all kept, so every copy that reached the customer can be answered.
    async fn set_mail_tokens(&self, id: i64, tokens: &MailTokens<'_>) -> Result<()>;
    /// The SMTP server accepted it.
    async fn mail_sent(&self, id: i64, now: Millis) -> Result<()>;
    /// It was not delivered: tried again from `retry_at`, or with `None`,
    /// never (it shows on the ticket in the console).
    async fn mail_not_sent(&self, id: i64, now: Millis, error: &str, retry_at: Option<Millis>) -> Result<()>;
    /// Turns email off for the customer whose mail carried this unsubscribe
    /// token; says whether the token was one.
    async fn unsubscribe(&self, workspace: WorkspaceId, token_hash: &[u8]) -> Result<bool>;
    async fn email_notifications(&self, scope: &CustomerScope) -> Result<bool>;
    /// The language the customer's mail is written in (a tag the portal
    /// speaks), as of their latest sign-in.
    async fn set_mail_language(
        &self,
        workspace: WorkspaceId,
        customer: portal_core::CustomerId,
        tag: &str,
    ) -> Result<()>;
    async fn set_email_notifications(&self, scope: &CustomerScope, on: bool) -> Result<()>;
    /// The ticket whose mail carried the reply token with this hash, in
    /// `workspace`; `None` for a token it never sent.
    async fn reply_ticket(&self, workspace: WorkspaceId, reply_hash: &[u8]) -> Result<Option<TicketNumber>>;
    /// The ticket a mail with this key opened, if one did: a mail delivered
    /// again opens no second ticket.
    async fn mail_ticket(&self, workspace: WorkspaceId, mail_key: &IdempotencyKey) -> Result<Option<TicketNumber>>;
    /// The mailbox of the workspace that sent the reply token with this
    /// hash, whatever the workspace; `None` for a token never sent.
    async fn reply_mailbox(&self, reply_hash: &[u8]) -> Result<Option<portal_core::access::ActiveMailbox>>;
    /// Writes a mail answering ticket `number`. From its customer or a
    /// participant (by address, not disabled), it is their public reply,
    /// as from the portal: it reopens a closed ticket and wakes the
    /// portal. From anyone else it is an internal note naming the sender,
    /// for agents to review. A key seen before writes nothing.
    async fn mail_reply(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        mail: &MailIn,
        now: Millis,
    ) -> Result<MailInOutcome>;
    /// The ticket's notifications that failed for good, newest first.
    async fn failed_mail(&self, workspace: WorkspaceId, number: TicketNumber) -> Result<Vec<FailedMail>>;
}
