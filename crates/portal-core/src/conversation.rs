//! Tickets as conversations: what customers and agents write, parsed at the
//! edge, and what a customer may read of a ticket.

use crate::attachment::AttachmentInfo;
use crate::model::{Millis, TicketNumber, TicketStatus, ValidationError};
use serde::{Deserialize, Serialize};

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $label:literal, max = $max:expr, $too_long:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            /// Trims surrounding white space; counts characters, not bytes.
            pub fn parse(raw: &str) -> Result<Self, ValidationError> {
                let text = raw.trim();
                if text.is_empty() {
                    return Err(ValidationError::Empty($label));
                }
                let chars = text.chars().count();
                if chars > Self::MAX_CHARS {
                    return Err(ValidationError::$too_long { max: Self::MAX_CHARS, got: chars });
                }
                Ok(Self(text.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValidationError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

bounded_text!(
    /// A reply, a note or a ticket description: Markdown, at most 10,240 characters.
    MessageBody, "the message", max = 10_240, MessageTooLong
);
bounded_text!(
    /// A ticket's title.
    TicketTitle, "the title", max = 200, TitleTooLong
);

/// A ticket's description: empty, or a [`MessageBody`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketDescription(Option<MessageBody>);

impl TicketDescription {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.trim().is_empty() { Ok(Self(None)) } else { MessageBody::parse(raw).map(|body| Self(Some(body))) }
    }

    /// The text, trimmed; empty for none.
    pub fn as_str(&self) -> &str {
        self.0.as_ref().map_or("", MessageBody::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// A client-chosen key that makes a retried send write once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let ok =
            (8..=64).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok { Ok(Self(raw.to_string())) } else { Err(ValidationError::InvalidIdempotencyKey) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<IdempotencyKey> for String {
    fn from(value: IdempotencyKey) -> Self {
        value.0
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    Customer,
    Agent,
}

impl AuthorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Agent => "agent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Customer, Self::Agent].into_iter().find(|k| k.as_str() == s)
    }
}

/// A message a customer may read. Internal notes have no such form: the
/// store never builds one from an internal row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMessage {
    pub id: i64,
    pub author_kind: AuthorKind,
    pub author_name: String,
    /// Markdown source; the server renders it to sanitised HTML.
    pub body: String,
    pub created_at: Millis,
    pub attachments: Vec<AttachmentInfo>,
}

/// A ticket as its customer sees it: the public conversation, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub number: TicketNumber,
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
    pub channel: String,
    pub ticket_type: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    /// The extra attributes the workspace shows, under their names.
    pub attributes: Vec<crate::attributes::AttributeView>,
    /// Files sent with the ticket itself.
    pub attachments: Vec<AttachmentInfo>,
    pub messages: Vec<PublicMessage>,
    /// Whether the reader takes part in the ticket (they opened it, or are
    /// one of its participants): only then may they reply, reopen it and
    /// attach files. A company member who only sees it may join it first.
    pub taking_part: bool,
}

/// A public message as the portal shows it: the body already rendered to
/// sanitised HTML on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub author_kind: AuthorKind,
    pub author_name: String,
    pub body_html: String,
    pub created_at: Millis,
    pub attachments: Vec<AttachmentInfo>,
}

/// A ticket page as the frame receives it: the read-only part already
/// rendered to HTML on the server (less code in every customer's download),
/// plus what the reply box needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    pub number: TicketNumber,
    pub status: TicketStatus,
    pub reopen_allowed: bool,
    /// Ids of the messages in `html`, so sent replies can leave the outbox.
    pub message_ids: Vec<i64>,
    pub html: String,
}

/// What a public change to a ticket was, as the portal's event stream names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// A public message was added (never an internal note).
    #[serde(rename = "message.created")]
    MessageCreated,
    /// The ticket's status changed.
    #[serde(rename = "ticket.status")]
    TicketStatus,
    /// The ticket was created.
    #[serde(rename = "ticket.created")]
    TicketCreated,
    /// Someone began or stopped taking part in the ticket (an agent added
    /// or removed a participant, or a company member joined).
    #[serde(rename = "ticket.participants")]
    TicketParticipants,
}

impl EventKind {
    pub const ALL: [Self; 4] =
        [Self::MessageCreated, Self::TicketStatus, Self::TicketCreated, Self::TicketParticipants];

    /// The name stored in the database and sent to the frame.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MessageCreated => "message.created",
            Self::TicketStatus => "ticket.status",
            Self::TicketCreated => "ticket.created",
            Self::TicketParticipants => "ticket.participants",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

/// One public change to a ticket the customer may see, in the order the
/// changes were made: `id` only grows, so a client resumes after the last id
/// it saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalEvent {
    pub id: i64,
    pub kind: EventKind,
    pub ticket_number: TicketNumber,
    /// The new message, for [`EventKind::MessageCreated`].
    pub message: Option<PublicMessage>,
    /// The status the ticket took, for [`EventKind::TicketStatus`] and
    /// [`EventKind::TicketCreated`].
    pub status: Option<TicketStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_bodies() {
        assert!(MessageBody::parse(&"é".repeat(10_240)).is_ok(), "10,240 characters, more bytes");
        assert_eq!(
            MessageBody::parse(&"a".repeat(10_241)),
            Err(ValidationError::MessageTooLong { max: 10_240, got: 10_241 })
        );
        assert_eq!(MessageBody::parse("  \n "), Err(ValidationError::Empty("the message")));
        assert_eq!(MessageBody::parse(" hi ").unwrap().as_str(), "hi");
    }

    #[test]
    fn titles_and_keys() {
        assert!(TicketTitle::parse(&"t".repeat(201)).is_err());
        assert!(IdempotencyKey::parse("0f8c2d1e-aaaa-4bbb-8ccc-123456789abc").is_ok());
        for bad in ["short", "has space in it", &"k".repeat(65), "semi;colon-key"] {
            assert!(IdempotencyKey::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(AuthorKind::parse("agent"), Some(AuthorKind::Agent));
    }

    #[test]
    fn event_kinds_round_trip() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(EventKind::parse("ticket.deleted"), None);
    }
}
