//! What the API answers: built from the store's agent-side types. Times
//! are milliseconds since the Unix epoch, UTC.

use super::schema;
use portal_core::{AttachmentInfo, AuthorKind};
use portal_store::{AddedBy, AgentMessage, AgentTicket, AgentTicketSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

pub(super) fn status_schema() -> Object {
    schema::status().build()
}

fn author_kind_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([AuthorKind::Customer, AuthorKind::Agent].map(AuthorKind::as_str)))
        .description(Some("Who wrote the message."))
        .build()
}

/// The customer a ticket belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Customer {
    pub id: i64,
    pub email: String,
    /// May be empty.
    pub name: String,
}

fn added_by_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([AddedBy::Agent, AddedBy::Themselves].map(AddedBy::as_str)))
        .description(Some(
            "How they came to take part: `agent`, added by an agent (console or API); `self`, they joined from \
             the portal as a member of the ticket's company.",
        ))
        .build()
}

/// A customer who takes part in a ticket they did not open: they see it in
/// their portal and may reply to it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Participant {
    pub customer: Customer,
    /// Milliseconds since the Unix epoch.
    pub added_at: i64,
    #[schema(schema_with = added_by_schema)]
    pub added_by: String,
}

impl From<portal_store::Participant> for Participant {
    fn from(p: portal_store::Participant) -> Self {
        let c = p.customer;
        Self {
            customer: Customer { id: c.id.0, email: c.email, name: c.name },
            added_at: p.added_at,
            added_by: p.added_by.as_str().to_string(),
        }
    }
}

/// The customers besides its creator who take part in a ticket, in the
/// order they came.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ParticipantList {
    pub participants: Vec<Participant>,
}

/// What a customer's own portal would count: for a badge in the site's
/// navigation ("2 tickets await your reply"), without opening the portal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CustomerCounts {
    /// Open tickets whose newest public message is an agent's: the customer's turn.
    pub awaiting_customer: u32,
    /// The customer's tickets that are not closed (those they created, take
    /// part in, or, as the visibility rule allows, of their companies).
    pub open: u32,
}

impl From<portal_core::TicketCounts> for CustomerCounts {
    fn from(counts: portal_core::TicketCounts) -> Self {
        Self { awaiting_customer: counts.awaiting_customer, open: counts.open }
    }
}

/// A ticket without its conversation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Ticket {
    /// The ticket's number within its workspace (what URLs name).
    pub number: i64,
    pub title: String,
    #[schema(schema_with = status_schema)]
    pub status: String,
    /// One of the workspace's ticket types, if set.
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    pub customer: Customer,
    /// The key of the company the ticket belongs to (its members may see
    /// it), or null.
    pub company: Option<String>,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    /// Milliseconds since the Unix epoch; moves with every public change
    /// (not with internal notes).
    pub updated_at: i64,
}

impl From<AgentTicketSummary> for Ticket {
    fn from(t: AgentTicketSummary) -> Self {
        Self {
            number: t.number.0,
            title: t.title,
            status: t.status.as_str().to_string(),
            ticket_type: t.ticket_type,
            customer: Customer { id: t.customer_id.0, email: t.customer_email, name: t.customer_name },
            company: t.company.map(String::from),
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

impl From<&AgentTicket> for Ticket {
    fn from(t: &AgentTicket) -> Self {
        let c = &t.customer;
        Self {
            number: t.number.0,
            title: t.title.clone(),
            status: t.status.as_str().to_string(),
            ticket_type: t.ticket_type.clone(),
            customer: Customer { id: c.id.0, email: c.email.clone(), name: c.name.clone() },
            company: t.company.clone().map(String::from),
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

/// A page of tickets, most recently updated first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TicketList {
    pub tickets: Vec<Ticket>,
}

/// One message of a conversation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Message {
    pub id: i64,
    #[schema(schema_with = author_kind_schema)]
    pub author_kind: String,
    pub author_name: String,
    /// Markdown source.
    pub body: String,
    /// An internal note: agents only, never shown to the customer.
    pub internal: bool,
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    pub attachments: Vec<Attachment>,
}

/// A file a customer attached. Download it from
/// `/api/v1/tickets/{number}/attachments/{id}`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Attachment {
    pub id: i64,
    /// The customer's name for the file.
    pub name: String,
    pub content_type: String,
    /// In bytes.
    pub size: u64,
}

impl From<AttachmentInfo> for Attachment {
    fn from(a: AttachmentInfo) -> Self {
        Self { id: a.id.0, name: a.name, content_type: a.content_type, size: a.size }
    }
}

fn attachments(files: Vec<AttachmentInfo>) -> Vec<Attachment> {
    files.into_iter().map(Attachment::from).collect()
}

impl From<AgentMessage> for Message {
    fn from(m: AgentMessage) -> Self {
        Self {
            id: m.id,
            author_kind: m.author_kind.as_str().to_string(),
            author_name: m.author_name,
            body: m.body,
            internal: m.internal,
            created_at: m.created_at,
            attachments: attachments(m.attachments),
        }
    }
}

/// A ticket with its whole conversation, oldest message first, internal
/// notes included and flagged.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TicketWithMessages {
    pub number: i64,
    pub title: String,
    /// Markdown source; may be empty.
    pub description: String,
    #[schema(schema_with = status_schema)]
    pub status: String,
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    /// Where the ticket was opened: `portal` (by the customer) or `api`.
    pub channel: String,
    pub customer: Customer,
    /// See `Ticket.company`.
    pub company: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Extra attributes, key to value. Customers see those the workspace
    /// shows, under the names it gives them.
    pub attributes: BTreeMap<String, String>,
    /// Files sent with the ticket itself.
    pub attachments: Vec<Attachment>,
    pub messages: Vec<Message>,
}

impl From<AgentTicket> for TicketWithMessages {
    fn from(t: AgentTicket) -> Self {
        Self {
            number: t.number.0,
            title: t.title,
            description: t.description,
            status: t.status.as_str().to_string(),
            ticket_type: t.ticket_type,
            channel: t.channel,
            customer: Customer { id: t.customer.id.0, email: t.customer.email, name: t.customer.name },
            company: t.company.map(String::from),
            created_at: t.created_at,
            updated_at: t.updated_at,
            attributes: t.attributes.into(),
            attachments: attachments(t.attachments),
            messages: t.messages.into_iter().map(Message::from).collect(),
        }
    }
}

/// What became of an email taken in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceivedEmail {
    /// `reply`: the customer's public message in `ticket`; `note`: an
    /// internal note in `ticket` (the sender is not its customer or a
    /// participant); `ticket`: a new ticket on the `email` channel;
    /// `ignored`: an automatic answer (out of office, bounce), not kept.
    #[schema(example = "reply")]
    pub result: String,
    pub ticket: Option<i64>,
    /// The same message (by `Message-ID`) was taken before: nothing new was written.
    pub duplicate: bool,
    /// The attached files kept, by name.
    pub files_kept: Vec<String>,
    /// The attached files not kept (a kind or size the workspace does not
    /// take, too many, no room), and why. A note's files are never kept.
    pub files_refused: Vec<RefusedFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RefusedFile {
    pub name: String,
    pub reason: String,
}

impl From<crate::inbound::Received> for ReceivedEmail {
    fn from(received: crate::inbound::Received) -> Self {
        use crate::inbound::{Files, Received};
        let (result, ticket, duplicate, files) = match received {
            Received::Reply { number, public, duplicate, files } => {
                (if public { "reply" } else { "note" }, Some(number.0), duplicate, files)
            }
            Received::NewTicket { number, files, duplicate } => ("ticket", Some(number.0), duplicate, files),
            Received::Automatic => ("ignored", None, false, Files::default()),
        };
        Self {
            result: result.into(),
            ticket,
            duplicate,
            files_kept: files.kept,
            files_refused: files.refused.into_iter().map(|(name, reason)| RefusedFile { name, reason }).collect(),
        }
    }
}
