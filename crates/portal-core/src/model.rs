//! Values that cross the trust boundary. Each parses once at the edge and is
//! trusted inside; the types shared with the browser are plain serde structs.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(/** Row id of a workspace: the tenant. */ WorkspaceId);
id_type!(/** Row id of a customer within a workspace. */ CustomerId);
id_type!(/** Row id of a ticket. */ TicketId);
id_type!(/** Row id of an identity-verification secret. */ SecretId);
id_type!(/** Row id of a console account (an admin or an agent). */ AgentId);
id_type!(/** A ticket's number within its workspace: what customers and agents see and link to. */ TicketNumber);
id_type!(/** Row id of an attached file. */ AttachmentId);
id_type!(/** Row id of an API token. */ ApiTokenId);

/// Milliseconds since the Unix epoch, UTC. Both backends store time this way
/// so one code path reads and compares it.
pub type Millis = i64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("the email address is missing")]
    EmptyEmail,
    #[error("the email address is longer than {max} characters")]
    EmailTooLong { max: usize },
    #[error("the email address is not valid")]
    InvalidEmail,
    #[error(
        "the email address holds a character that becomes another letter when its case changes (such as the \
         Kelvin sign, U+212A, which becomes k), so it could pass for another address"
    )]
    EmailCaseNotAscii,
    #[error("the name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("the name contains control characters")]
    NameHasControlChars,
    #[error("the workspace name must be 1 to {max} characters of a-z, 0-9 and '-'")]
    InvalidSlug { max: usize },
    #[error("'{0}' is not an origin: use scheme://host[:port] with http or https and nothing after it")]
    InvalidOrigin(String),
    #[error("at most {max} origins can be allowed")]
    TooManyOrigins { max: usize },
    #[error("the session lifetime must be at least one hour")]
    SessionLifetimeTooShort,
    #[error("{0} must not be empty")]
    Empty(&'static str),
    #[error("the message is {got} characters long; the limit is {max}")]
    MessageTooLong { max: usize, got: usize },
    #[error("the title is {got} characters long; the limit is {max}")]
    TitleTooLong { max: usize, got: usize },
    #[error("the idempotency key must be 8 to 64 characters of a-z, A-Z, 0-9, '-' and '_'")]
    InvalidIdempotencyKey,
    #[error("a workspace has 1 to {max} ticket types, not {got}")]
    TicketTypeCount { max: usize, got: usize },
    #[error("a ticket type is 1 to {max} characters: {name:?}")]
    TicketTypeLength { max: usize, name: String },
    #[error("a ticket type has no control characters: {0:?}")]
    TicketTypeControlChars(String),
    #[error("the ticket type {0:?} is listed twice")]
    TicketTypeRepeated(String),
    #[error("an API token name is 1 to {max} characters without control characters")]
    InvalidTokenName { max: usize },
}

/// A customer's email, exactly as the host site signed it.
///
/// It is not normalised: the HMAC covers the exact bytes. Customers are keyed
/// by its ASCII lower case (see [`Email::key`]) so `Alice@x` and `alice@x`
/// are one person once the site has signed either. Sign-in refuses an email
/// that Unicode case rules would fold another way
/// ([`Email::check_ascii_case`]), so no two signed strings become one key
/// here or in a system that folds case more widely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.is_empty() {
            return Err(ValidationError::EmptyEmail);
        }
        if raw.chars().count() > Self::MAX_LEN {
            return Err(ValidationError::EmailTooLong { max: Self::MAX_LEN });
        }
        // Exactly one `@`: a second (legal only in a quoted local part, which
        // no site sends) would make the address mean different things to
        // different mail software.
        let (local, domain) =
            raw.split_once('@').filter(|(_, domain)| !domain.contains('@')).ok_or(ValidationError::InvalidEmail)?;
        let clean = |s: &str| !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if !clean(local) || !clean(domain) {
            return Err(ValidationError::InvalidEmail);
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form customers are looked up by: ASCII letters in lower case,
    /// everything else as signed.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }

    /// Refuses an email holding a non-ASCII character that lower case,
    /// upper case or their round trip turns into something else: the Kelvin
    /// sign (\u{212A}, lower case k), the dotted capital I (\u{130}), the
    /// long s (\u{17F}, upper case S), ß. Unicode case folding would make
    /// each the same as another address, which ASCII folding keeps apart.
    pub fn check_ascii_case(&self) -> Result<(), ValidationError> {
        let stable = |c: char| {
            c.is_ascii() || (c.to_lowercase().eq([c]) && c.to_uppercase().flat_map(char::to_lowercase).eq([c]))
        };
        if self.0.chars().all(stable) { Ok(()) } else { Err(ValidationError::EmailCaseNotAscii) }
    }
}

impl TryFrom<String> for Email {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A customer's display name as given by the host site (may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CustomerName(String);

impl CustomerName {
    pub const MAX_LEN: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let trimmed = raw.trim();
        if trimmed.chars().count() > Self::MAX_LEN {
            return Err(ValidationError::NameTooLong { max: Self::MAX_LEN });
        }
        if trimmed.chars().any(char::is_control) {
            return Err(ValidationError::NameHasControlChars);
        }
        Ok(Self(trimmed.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CustomerName {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CustomerName> for String {
    fn from(value: CustomerName) -> Self {
        value.0
    }
}

/// The URL-safe name of a workspace, as in `/embed/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WorkspaceSlug(String);

impl WorkspaceSlug {
    pub const MAX_LEN: usize = 63;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && !raw.starts_with('-')
            && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok { Ok(Self(raw.to_string())) } else { Err(ValidationError::InvalidSlug { max: Self::MAX_LEN }) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WorkspaceSlug {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WorkspaceSlug> for String {
    fn from(value: WorkspaceSlug) -> Self {
        value.0
    }
}

impl fmt::Display for WorkspaceSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How long an embedded session lives. The workspace chooses; at least an hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLifetime(Millis);

impl SessionLifetime {
    pub const HOUR: Millis = 60 * 60 * 1000;
    pub const DEFAULT: Self = Self(24 * Self::HOUR);

    pub fn from_millis(ms: Millis) -> Result<Self, ValidationError> {
        if ms < Self::HOUR { Err(ValidationError::SessionLifetimeTooShort) } else { Ok(Self(ms)) }
    }

    pub fn millis(self) -> Millis {
        self.0
    }
}

impl Default for SessionLifetime {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Where a ticket stands, as the customer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    Open,
    InProgress,
    OnHold,
    Closed,
}

impl TicketStatus {
    pub const ALL: [Self; 4] = [Self::Open, Self::InProgress, Self::OnHold, Self::Closed];

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::OnHold => "on_hold",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::InProgress => "In progress",
            Self::OnHold => "On hold",
            Self::Closed => "Closed",
        }
    }
}

/// A workspace as the embedded frame needs it before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalSettings {
    pub workspace_name: String,
    pub greeting: String,
    /// An https address of the workspace's logo, or empty.
    pub logo_url: String,
    /// Origins allowed to embed the portal and to talk to the frame.
    pub allowed_origins: Vec<String>,
    /// What a customer may choose when opening a ticket.
    pub ticket_types: Vec<String>,
    /// Whether replying to a closed ticket reopens it.
    pub reopen_allowed: bool,
    pub attachment_limits: crate::attachment::AttachmentLimits,
    /// Whether the frame offers "Open in a new tab" (the standalone portal).
    pub new_tab_allowed: bool,
}

/// One row of a customer's ticket list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub number: TicketNumber,
    pub title: String,
    pub status: TicketStatus,
    pub updated_at: Millis,
}

/// What a site may show in its own navigation ("2 tickets await your
/// reply"): counts only, never titles, of the tickets a customer may see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketCounts {
    /// Open tickets whose newest public message is an agent's: the
    /// customer's turn to answer.
    pub awaiting_customer: u32,
    /// Tickets that are not closed.
    pub open: u32,
}

/// What the frame learns when a session opens. The token is held in frame
/// memory only and sent back as `Authorization: Bearer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionGrant {
    pub token: String,
    pub customer_name: String,
    pub customer_email: String,
    pub expires_at: Millis,
    /// The newest event when the session opened: the live socket starts
    /// after it, since the pages the frame loads next already show it.
    pub live_after: i64,
}

impl ValidationError {
    /// What to tell a person, as a catalog message.
    pub fn message(&self) -> crate::Message {
        use crate::Message as M;
        match self {
            Self::EmptyEmail => M::new("invalid-email-missing"),
            Self::EmailTooLong { max } => M::new("invalid-email-too-long").number("max", *max),
            Self::InvalidEmail => M::new("invalid-email"),
            Self::EmailCaseNotAscii => M::new("invalid-email-case"),
            Self::NameTooLong { max } => M::new("invalid-name-too-long").number("max", *max),
            Self::NameHasControlChars => M::new("invalid-name-control"),
            Self::InvalidSlug { max } => M::new("invalid-slug").number("max", *max),
            Self::InvalidOrigin(origin) => M::new("invalid-origin").text("origin", origin.as_str()),
            Self::TooManyOrigins { max } => M::new("invalid-origin-count").number("max", *max),
            Self::SessionLifetimeTooShort => M::new("invalid-session-lifetime"),
            Self::Empty("the title") => M::new("invalid-title-empty"),
            Self::Empty(_) => M::new("invalid-message-empty"),
            Self::MessageTooLong { max, got } => {
                M::new("invalid-message-too-long").number("max", *max).number("got", *got)
            }
            Self::TitleTooLong { max, got } => M::new("invalid-title-too-long").number("max", *max).number("got", *got),
            Self::InvalidIdempotencyKey => M::new("invalid-idempotency-key"),
            Self::TicketTypeCount { max, got } => M::new("invalid-type-count").number("max", *max).number("got", *got),
            Self::TicketTypeLength { max, name } => {
                M::new("invalid-type-length").number("max", *max).text("name", name.as_str())
            }
            Self::TicketTypeControlChars(name) => M::new("invalid-type-control").text("name", name.as_str()),
            Self::TicketTypeRepeated(name) => M::new("invalid-type-repeated").text("name", name.as_str()),
            Self::InvalidTokenName { max } => M::new("invalid-token-name").number("max", *max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(Email::parse("alice@example.com").is_ok());
        assert_eq!(Email::parse("Alice@Example.com").unwrap().key(), "alice@example.com");
        for bad in ["", "alice", "@example.com", "alice@", "a b@example.com", "a@b\n.com", "a@b@c.com", "\"a@b\"@c.com"]
        {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(300))).is_err());
    }

    #[test]
    fn emails_fold_ascii_case_only() {
        let key = |raw: &str| Email::parse(raw).unwrap().key();
        assert_eq!(key("KATE@Example.COM"), "kate@example.com");
        // Each of these lower-cased (or case-folded) by Unicode's rules is an
        // ASCII address someone else may own; by ASCII's, it is its own key.
        for (raw, ascii) in [
            ("\u{212A}ate@example.com", "kate@example.com"),
            ("\u{130}rene@example.com", "irene@example.com"),
            ("\u{17F}am@example.com", "sam@example.com"),
        ] {
            assert_ne!(key(raw), ascii, "{raw}");
            let email = Email::parse(raw).unwrap();
            assert_eq!(email.check_ascii_case(), Err(ValidationError::EmailCaseNotAscii), "{raw}");
        }
        for refused in ["\u{C9}lise@example.com", "stra\u{DF}e@example.com", "\u{131}van@example.com"] {
            assert!(Email::parse(refused).unwrap().check_ascii_case().is_err(), "{refused}");
        }
        for kept in
            ["Kate@Example.com", "\u{E9}lise@example.com", "\u{4F60}\u{597D}@example.com", "j\u{F6}rg@b\u{FC}cher.de"]
        {
            assert_eq!(Email::parse(kept).unwrap().check_ascii_case(), Ok(()), "{kept}");
        }
        let error = Email::parse("\u{212A}ate@example.com").unwrap().check_ascii_case().unwrap_err().to_string();
        assert!(error.contains("could pass for another address"), "{error}");
    }

    #[test]
    fn names() {
        assert_eq!(CustomerName::parse("  John Smith ").unwrap().as_str(), "John Smith");
        assert!(CustomerName::parse(&"x".repeat(201)).is_err());
        assert!(CustomerName::parse("a\u{0}b").is_err());
    }

    #[test]
    fn slugs() {
        assert!(WorkspaceSlug::parse("acme-2").is_ok());
        for bad in ["", "Acme", "acme/1", "-acme", "a b", &"a".repeat(64)] {
            assert!(WorkspaceSlug::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn session_lifetime_has_a_floor() {
        assert!(SessionLifetime::from_millis(SessionLifetime::HOUR - 1).is_err());
        assert_eq!(SessionLifetime::default().millis(), 86_400_000);
    }

    #[test]
    fn status_round_trips() {
        for s in TicketStatus::ALL {
            assert_eq!(TicketStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(TicketStatus::parse("deleted"), None);
    }
}
