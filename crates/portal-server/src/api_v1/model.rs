//! What the API reads and writes. Requests are parsed with unknown fields
//! refused, then validated through portal-core's types; responses are built
//! from the store's agent-side types. Times are milliseconds since the Unix
//! epoch, UTC.

use super::error::ApiError;
use portal_core::{
    AttachmentInfo, AuthorKind, CustomerName, Email, IdempotencyKey, MessageBody, TicketAttributes, TicketStatus,
    TicketTitle,
};
use portal_store::{AgentMessage, AgentNewTicket, AgentPost, AgentTicket, AgentTicketSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

/// The list's default and largest page.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

fn status_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(TicketStatus::ALL.map(TicketStatus::as_str)))
        .description(Some("Where the ticket stands."))
        .build()
}

fn author_kind_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([AuthorKind::Customer, AuthorKind::Agent].map(AuthorKind::as_str)))
        .description(Some("Who wrote the message."))
        .build()
}

// --- Responses -------------------------------------------------------------

/// The customer a ticket belongs to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Customer {
    pub id: i64,
    pub email: String,
    /// May be empty.
    pub name: String,
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
    /// Milliseconds since the Unix epoch.
    pub created_at: i64,
    /// Milliseconds since the Unix epoch; moves with every public change
    /// (not with internal notes).
    pub updated_at: i64,
}

impl From<AgentTicketSummary> for Ticket {
    fn from(t: AgentTicketSummary) -> Self {
        Self {
            number: t.number,
            title: t.title,
            status: t.status.as_str().to_string(),
            ticket_type: t.ticket_type,
            customer: Customer { id: t.customer_id.0, email: t.customer_email, name: t.customer_name },
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
        Self { id: a.id, name: a.name, content_type: a.content_type, size: a.size }
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
            number: t.number,
            title: t.title,
            description: t.description,
            status: t.status.as_str().to_string(),
            ticket_type: t.ticket_type,
            channel: t.channel,
            customer: Customer { id: t.customer.id.0, email: t.customer.email, name: t.customer.name },
            created_at: t.created_at,
            updated_at: t.updated_at,
            attributes: t.attributes.into(),
            attachments: attachments(t.attachments),
            messages: t.messages.into_iter().map(Message::from).collect(),
        }
    }
}

// --- Requests --------------------------------------------------------------

/// `GET /api/v1/tickets` query parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// How many tickets, 1 to 500 (default 50). Other values are refused
    /// with `invalid_request`, not clamped.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
}

impl ListQuery {
    pub fn limit(&self) -> Result<u32, ApiError> {
        let Some(raw) = &self.limit else {
            return Ok(DEFAULT_LIMIT);
        };
        match raw.parse::<u32>() {
            Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            _ => Err(ApiError::invalid("limit", format!("limit must be an integer from 1 to {MAX_LIMIT}"))),
        }
    }
}

/// Whom a new ticket is for: found by email (ignoring case) or created.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketCustomer {
    #[schema(max_length = 254)]
    pub email: String,
    /// Sets the customer's display name when given and not empty.
    #[schema(max_length = 200)]
    pub name: Option<String>,
}

/// `POST /api/v1/tickets`: a ticket opened on a customer's behalf.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicketRequest {
    pub customer: NewTicketCustomer,
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// Markdown, at most 10,240 characters; may be empty.
    #[schema(max_length = 10240)]
    pub description: Option<String>,
    /// One of the workspace's ticket types.
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    /// Extra attributes (see `TicketWithMessages.attributes`).
    pub attributes: Option<BTreeMap<String, String>>,
}

/// Checks attributes given in a request.
fn attributes(raw: Option<BTreeMap<String, String>>) -> Result<Option<TicketAttributes>, ApiError> {
    raw.map(|map| TicketAttributes::parse(map).map_err(|e| ApiError::invalid("attributes", e))).transpose()
}

impl NewTicketRequest {
    pub fn validate(self) -> Result<AgentNewTicket, ApiError> {
        let customer_email =
            Email::parse(&self.customer.email).map_err(|e| ApiError::validation("customer.email", e))?;
        let customer_name = CustomerName::parse(self.customer.name.as_deref().unwrap_or(""))
            .map_err(|e| ApiError::validation("customer.name", e))?;
        let title = TicketTitle::parse(&self.title).map_err(|e| ApiError::validation("title", e))?;
        let description = match self.description.as_deref().map(str::trim) {
            None | Some("") => String::new(),
            Some(text) => MessageBody::parse(text).map_err(|e| ApiError::validation("description", e))?.into(),
        };
        let ticket_type = self.ticket_type.map(|t| non_empty_type(&t)).transpose()?;
        let attributes = attributes(self.attributes)?.unwrap_or_default();
        Ok(AgentNewTicket { customer_email, customer_name, title, description, ticket_type, attributes, company: None })
    }
}

/// `POST /api/v1/tickets/{number}/messages`: a reply or an internal note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageRequest {
    /// Markdown, 1 to 10,240 characters once trimmed.
    #[schema(min_length = 1, max_length = 10240)]
    pub body: String,
    /// An internal note: agents only, never shown to the customer.
    #[serde(default)]
    #[schema(default = false)]
    pub internal: bool,
    /// The agent's display name, 1 to 200 characters.
    #[schema(min_length = 1, max_length = 200)]
    pub author_name: String,
    /// Makes a retried post write once: a key already used on this ticket
    /// answers 200 with the message it wrote first. 8 to 64 characters of
    /// a-z, A-Z, 0-9, `-` and `_`.
    #[schema(min_length = 8, max_length = 64, pattern = "^[A-Za-z0-9_-]{8,64}$")]
    pub idempotency_key: Option<String>,
}

impl NewMessageRequest {
    pub fn validate(self) -> Result<AgentPost, ApiError> {
        let body = MessageBody::parse(&self.body).map_err(|e| ApiError::validation("body", e))?;
        let author_name = match CustomerName::parse(&self.author_name) {
            Ok(name) if !name.as_str().is_empty() => String::from(name),
            Ok(_) => return Err(ApiError::invalid("author_name", "author_name must not be empty")),
            Err(e) => return Err(ApiError::validation("author_name", e)),
        };
        let key = self
            .idempotency_key
            .map(|k| IdempotencyKey::parse(&k).map_err(|e| ApiError::validation("idempotency_key", e)))
            .transpose()?;
        Ok(AgentPost { body, internal: self.internal, author_name, key })
    }
}

/// `PATCH /api/v1/tickets/{number}`: at least one of the fields.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketPatch {
    #[schema(schema_with = status_schema)]
    pub status: Option<String>,
    /// One of the workspace's ticket types (a type cannot be removed).
    #[serde(rename = "type")]
    pub ticket_type: Option<String>,
    /// Replaces all of the ticket's attributes (an empty value drops one).
    pub attributes: Option<BTreeMap<String, String>>,
}

/// A validated [`TicketPatch`].
pub struct TicketChange {
    pub status: Option<TicketStatus>,
    pub ticket_type: Option<String>,
    pub attributes: Option<TicketAttributes>,
}

impl TicketPatch {
    pub fn validate(self) -> Result<TicketChange, ApiError> {
        let status = self
            .status
            .map(|s| {
                TicketStatus::parse(&s).ok_or_else(|| {
                    let known: Vec<&str> = TicketStatus::ALL.map(TicketStatus::as_str).to_vec();
                    ApiError::invalid("status", format!("unknown status {s:?}: use one of {}", known.join(", ")))
                })
            })
            .transpose()?;
        let ticket_type = self.ticket_type.map(|t| non_empty_type(&t)).transpose()?;
        let attributes = attributes(self.attributes)?;
        if status.is_none() && ticket_type.is_none() && attributes.is_none() {
            return Err(ApiError::new(
                super::error::ErrorCode::InvalidRequest,
                "nothing to change: give status, type and/or attributes",
            ));
        }
        Ok(TicketChange { status, ticket_type, attributes })
    }
}

fn non_empty_type(raw: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("type", "type must not be empty"));
    }
    Ok(name.to_string())
}
