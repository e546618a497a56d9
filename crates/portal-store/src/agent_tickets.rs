//! Tickets as the workspace's agents work them: every ticket, internal
//! notes included, opened, answered, updated, assigned and found. A part
//! of [`crate::Store`].

#[cfg(doc)]
use crate::StoreError;
use crate::{Customer, Result};
use async_trait::async_trait;
use portal_core::access::AgentScope;
use portal_core::listing::{ListQuery, TicketPage};
use portal_core::{
    AgentId, AttachmentInfo, AuthorKind, CompanyKey, CustomerId, CustomerName, Email, IdempotencyKey, MessageBody,
    Millis, TicketAttributes, TicketDescription, TicketNumber, TicketStatus, TicketTitle,
};

/// One row of an agent's ticket list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentTicketSummary {
    pub number: TicketNumber,
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
    pub number: TicketNumber,
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
    pub description: TicketDescription,
    /// One of the workspace's ticket types.
    pub ticket_type: Option<String>,
    pub attributes: TicketAttributes,
    /// One of the workspace's companies: its members may see the ticket.
    pub company: Option<CompanyKey>,
    pub channel: AgentChannel,
    /// The key of the mail that opened it (see `MailStore::mail_ticket`):
    /// kept with the ticket, in its transaction.
    pub mail_key: Option<IdempotencyKey>,
}

/// Where a ticket an agent's side opens came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AgentChannel {
    /// The REST API (an integration, or an agent's tool).
    #[default]
    Api,
    /// A customer's mail to the workspace's support address.
    Email,
}

impl AgentChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Email => "email",
        }
    }
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

/// What [`AgentTicketStore::agent_post_message`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentPostOutcome {
    pub message: AgentMessage,
    /// The key was used before: nothing was written.
    pub duplicate: bool,
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
    /// Only the tickets an escalation rule marked.
    pub escalated: bool,
}

impl From<Assignee> for InboxFilter {
    fn from(assignee: Assignee) -> Self {
        Self { assignee, company: None, escalated: false }
    }
}

/// What an agent's inbox adds to a customer's list row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFacts {
    pub creator_email: String,
    pub assignee: Option<AgentId>,
    pub company: Option<CompanyKey>,
    /// An escalation rule marked it.
    pub escalated: bool,
}

/// A page of an agent's inbox: the rows as customers' lists have them, and
/// what only agents see of each, in the same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxPage {
    pub page: TicketPage,
    pub facts: Vec<InboxFacts>,
}

#[async_trait]
pub trait AgentTicketStore {
    /// The workspace's tickets, most recently updated first; `limit` is
    /// clamped to 1..=500.
    async fn agent_list_tickets(&self, agent: &AgentScope, limit: u32) -> Result<Vec<AgentTicketSummary>>;
    /// The ticket with all its messages, internal notes included and flagged.
    async fn agent_ticket(&self, agent: &AgentScope, number: TicketNumber) -> Result<Option<AgentTicket>>;
    /// Opens a ticket for a customer (found by email or created), on
    /// `new.channel`, in `new.company` if given, with a `ticket.created`
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
        number: TicketNumber,
        post: &AgentPost,
        now: Millis,
    ) -> Result<AgentPostOutcome>;
    /// Replaces a ticket's attributes. Customers see the change on their
    /// next read; it moves no `updated_at` and writes no event.
    async fn set_ticket_attributes(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        attributes: &TicketAttributes,
    ) -> Result<()>;
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
        number: TicketNumber,
        status: Option<TicketStatus>,
        ticket_type: Option<&str>,
        company: Option<Option<&CompanyKey>>,
        now: Millis,
    ) -> Result<AgentTicketSummary>;

    // --- The inbox ----------------------------------------------------------------

    /// The page of the workspace's tickets that `query` asks for (as
    /// [`crate::ConversationStore::find_tickets`] reads it, except its "created by me"
    /// tab), narrowed as `filter` says.
    async fn find_inbox(&self, agent: &AgentScope, query: &ListQuery, filter: &InboxFilter) -> Result<InboxPage>;
    /// Assigns the ticket to one of the workspace's accounts, or to nobody.
    /// An account of another workspace is [`StoreError::Invalid`].
    async fn assign_ticket(&self, agent: &AgentScope, number: TicketNumber, assignee: Option<AgentId>) -> Result<()>;
    async fn ticket_assignee(&self, agent: &AgentScope, number: TicketNumber) -> Result<Option<AgentId>>;
}
