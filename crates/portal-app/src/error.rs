//! The one error type of the server functions. Each variant is a message a
//! customer can read; causes are logged on the server, never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PortalError {
    #[error("We could not verify your identity. Please sign in again on the site.")]
    NotVerified,
    /// A sign-in token (JWT) refused, or a hash where only tokens are taken.
    #[error("{0}")]
    TokenRefused(portal_core::TokenRefusal),
    #[error("Your session has ended. Please sign in again on the site.")]
    SessionEnded,
    /// A one-time sign-in code ("Open in a new tab") that expired, was
    /// used already, or never was.
    #[error("This sign-in link has expired or was used already. Open the portal again from the site.")]
    CodeUsed,
    #[error("This support portal does not exist.")]
    UnknownWorkspace,
    #[error("This support portal is not switched on yet.")]
    NotEnabled,
    #[error("This ticket does not exist.")]
    NotFound,
    #[error("This page does not exist.")]
    PageNotFound,
    #[error("This ticket is closed, and closed tickets cannot be reopened here. Please open a new ticket.")]
    TicketClosed,
    /// A retry that is not one: the send's idempotency key wrote another
    /// message (another ticket, other text).
    #[error("This reply was already sent with other text. Reload to see it, or send it again as a new reply.")]
    KeyReused,
    /// The customer reads the ticket as a member of its company but takes
    /// no part in it: they join it before they may reply, reopen it or
    /// attach files.
    #[error("Join this conversation to reply to it.")]
    NotParticipant,
    #[error("This site is not allowed to show the support portal.")]
    OriginNotAllowed,
    /// The standalone portal's cookie on a request from another site's page.
    #[error("This request did not come from the support portal's own pages, so nothing was done.")]
    CrossSite,
    #[error("You do not have access to this support portal. If you think you should, please contact the company.")]
    NoAccess,
    #[error("{0}")]
    Invalid(String),
    /// Past a customer's allowance of writes or uploads; the server sends
    /// `Retry-After` too.
    #[error("You are sending faster than this support portal allows. Please try again in {}.", wait_words(*.retry_after))]
    RateLimited { retry_after: u64 },
    #[error(
        "This support portal has no room for more files. Please send your message without files, or contact the company."
    )]
    StorageFull,
    #[error("The support portal is temporarily unavailable. Please try again shortly.")]
    Unavailable,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    #[error("Could not reach the support portal. Check your connection and try again.")]
    Network,
}

impl PortalError {
    /// The catalog message that tells the customer (see `words`).
    /// `Invalid` carries its text, already in the customer's language.
    pub fn message_id(&self) -> &'static str {
        match self {
            Self::NotVerified => "error-not-verified",
            Self::TokenRefused(refusal) => refusal.message_id(),
            Self::SessionEnded => "error-session-ended",
            Self::CodeUsed => "error-code-used",
            Self::UnknownWorkspace => "error-unknown-workspace",
            Self::NotEnabled => "error-not-enabled",
            Self::NotFound => "error-not-found",
            Self::PageNotFound => "error-page-not-found",
            Self::TicketClosed => "error-ticket-closed",
            Self::KeyReused => "error-key-reused",
            Self::NotParticipant => "error-not-participant",
            Self::OriginNotAllowed => "error-origin-not-allowed",
            Self::CrossSite => "standalone-cross-site",
            Self::NoAccess => "error-no-access",
            Self::Invalid(_) => "error-malformed",
            Self::RateLimited { .. } => "error-rate-limited",
            Self::StorageFull => "error-storage-full",
            Self::Unavailable => "error-unavailable",
            Self::Internal => "error-internal",
            Self::Network => "error-network",
        }
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotVerified | Self::SessionEnded | Self::TokenRefused(_) | Self::CodeUsed => 401,
            Self::OriginNotAllowed | Self::NoAccess | Self::NotParticipant | Self::CrossSite => 403,
            Self::UnknownWorkspace | Self::NotEnabled | Self::NotFound | Self::PageNotFound => 404,
            Self::TicketClosed | Self::KeyReused => 409,
            Self::Invalid(_) => 400,
            Self::RateLimited { .. } => 429,
            Self::StorageFull => 507,
            Self::Unavailable => 503,
            Self::Internal | Self::Network => 500,
        }
    }
}

impl FromServerFnError for PortalError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Request(_) => Self::Network,
            // On the server these mean the request body could not be decoded
            // (malformed JSON, a missing argument, a body cut off at the size
            // limit); in the browser, that the answer could not be.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) if cfg!(feature = "ssr") => Self::malformed(),
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => Self::malformed(),
            _ => Self::Internal,
        };
        #[cfg(feature = "ssr")]
        let error = crate::state::fail(error);
        error
    }
}

impl PortalError {
    fn malformed() -> Self {
        Self::invalid(&portal_core::Message::new("error-malformed"))
    }
}

/// "5 seconds", "a second", "2 minutes": how long to wait, as people say it
/// (in logs; customers read `error-rate-limited`).
fn wait_words(seconds: u64) -> String {
    match seconds {
        0 | 1 => "a second".into(),
        2..=90 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

/// A refused value, told in the language of the request being answered.
impl From<portal_core::model::ValidationError> for PortalError {
    fn from(value: portal_core::model::ValidationError) -> Self {
        Self::invalid(&value.message())
    }
}

impl PortalError {
    /// `Invalid` with a domain message in the request's language.
    pub fn invalid(message: &portal_core::Message) -> Self {
        #[cfg(feature = "ssr")]
        let text = crate::state::page_locale().message(message);
        #[cfg(not(feature = "ssr"))]
        let text = crate::words::message(message);
        Self::Invalid(text)
    }
}
