//! The frame's own words: the few texts the browser writes itself (states
//! of the frame, of a send, of an upload, and refusals). The server writes
//! them into the page in the page's language, as JSON in
//! `<script type="application/json" id="portal-words">`; the browser reads
//! them from there by message id. So the bundle carries ids, never
//! catalogs, and does not grow with languages.
//!
//! A message's arguments arrive as `{name}` markers, which [`text_with`]
//! fills in.

use crate::PortalError;
use portal_core::{Message, MessageArg};

/// The element holding the words.
pub const ELEMENT_ID: &str = "portal-words";

/// Every message the browser may write, beside the domain's refusals that
/// it checks itself (files: [`portal_core::AttachmentError`]).
pub const IDS: &[&str] = &[
    "frame-loading",
    "frame-waiting",
    "frame-not-embedded",
    "frame-verifying",
    "frame-signed-out",
    "frame-signed-in-as",
    "reply-send",
    "reply-sending",
    "reply-sent",
    "reply-not-sent",
    "reply-retry",
    "files-remove",
    "files-uploading",
    "live-new-message",
    "live-ticket-changed",
    "live-list-changed",
    "error-not-verified",
    "error-token-malformed",
    "error-token-algorithm",
    "error-token-claim",
    "error-token-audience",
    "error-token-future",
    "error-token-too-long",
    "error-token-expired",
    "error-token-replayed",
    "error-token-required",
    "error-session-ended",
    "error-code-used",
    "frame-open-new-tab",
    "frame-sign-out",
    "account-signed-out-everywhere",
    "error-unknown-workspace",
    "error-not-enabled",
    "error-not-found",
    "error-page-not-found",
    "error-ticket-closed",
    "error-key-reused",
    "error-not-participant",
    "error-origin-not-allowed",
    "standalone-cross-site",
    "error-no-access",
    "error-rate-limited",
    "error-storage-full",
    "error-unavailable",
    "error-internal",
    "error-network",
    // What the frame checks itself before sending a reply or a ticket.
    "invalid-title-empty",
    "invalid-title-too-long",
    "invalid-message-empty",
    "invalid-message-too-long",
    "file-error-no-name",
    "file-error-name-too-long",
    "file-error-separator",
    "file-error-control",
    "file-error-kind",
    "file-error-empty",
    "file-error-too-large",
    "file-error-too-many",
    "file-error-disabled",
];

/// The words as the server writes them into a page: each message with
/// `{name}` in place of each argument, as JSON safe inside `<script>`.
#[cfg(feature = "ssr")]
pub fn as_json(locale: portal_i18n::Locale) -> String {
    use portal_i18n::Arg;
    let markers = ["name", "max", "got", "allowed", "limit", "seconds", "n", "size", "kinds"];
    let words: serde_json::Map<String, serde_json::Value> = IDS
        .iter()
        .map(|id| {
            let args: Vec<(&'static str, Arg)> =
                markers.iter().map(|name| (*name, Arg::from(format!("{{{name}}}")))).collect();
            (id.to_string(), locale.t_args(id, &args).into())
        })
        .collect();
    // `</` would end the script element early.
    serde_json::Value::Object(words).to_string().replace("</", "<\\/")
}

/// [`error`] in `locale`, for a page the server writes itself.
#[cfg(feature = "ssr")]
pub fn error_in(locale: portal_i18n::Locale, error: &PortalError) -> String {
    match error {
        PortalError::Invalid(text) => text.clone(),
        PortalError::RateLimited { retry_after } => {
            locale.t_args("error-rate-limited", &[("seconds", retry_after.to_string().into())])
        }
        PortalError::TokenRefused(portal_core::TokenRefusal::Claim(claim)) => {
            locale.t_args("error-token-claim", &[("name", claim.as_str().to_string().into())])
        }
        other => locale.t(other.message_id()),
    }
}

/// The page's language as a component carries it into what it renders
/// later: on the server, the language the request chose, read once while
/// the page's reactive owner is sure to be alive (a resource's `.await`
/// may resume after the client hung up and the page is being torn down,
/// when looking a context up deadlocks); in the browser nothing, since the
/// words are on the page.
#[cfg(all(feature = "ssr", not(feature = "hydrate")))]
pub type PageLocale = portal_i18n::Locale;
#[cfg(not(all(feature = "ssr", not(feature = "hydrate"))))]
#[derive(Debug, Clone, Copy)]
pub struct PageLocale;

/// The [`PageLocale`] of the page being rendered.
#[cfg(all(feature = "ssr", not(feature = "hydrate")))]
pub fn page_locale() -> PageLocale {
    crate::state::page_locale()
}

/// [`text`] in `locale`.
#[cfg(all(feature = "ssr", not(feature = "hydrate")))]
pub fn text_in(locale: PageLocale, id: &str) -> String {
    locale.t(id)
}

/// [`error`] in `locale`.
#[cfg(all(feature = "ssr", not(feature = "hydrate")))]
pub fn error_in_page(locale: PageLocale, error: &PortalError) -> String {
    error_in(locale, error)
}

#[cfg(not(all(feature = "ssr", not(feature = "hydrate"))))]
pub fn page_locale() -> PageLocale {
    PageLocale
}

#[cfg(not(all(feature = "ssr", not(feature = "hydrate"))))]
pub fn text_in(_: PageLocale, id: &str) -> String {
    text(id)
}

#[cfg(not(all(feature = "ssr", not(feature = "hydrate"))))]
pub fn error_in_page(_: PageLocale, error: &PortalError) -> String {
    self::error(error)
}

/// The message `id` in the page's language (the id itself if the page has
/// no words, which only a broken page would lack).
pub fn text(id: &str) -> String {
    text_with(id, &[])
}

/// The message `id` with its `{name}` markers filled in.
pub fn text_with(id: &str, args: &[(&str, String)]) -> String {
    let mut text = lookup(id).unwrap_or_else(|| id.to_string());
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A domain message the browser found itself (a file it refused before
/// uploading).
pub fn message(message: &Message) -> String {
    let args: Vec<(&str, String)> = message
        .args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                MessageArg::Text(text) => text.clone(),
                MessageArg::Number(n) => n.to_string(),
                MessageArg::Bytes(bytes) => portal_core::attachment::format_size(*bytes),
            };
            (*name, value)
        })
        .collect();
    text_with(message.id, &args)
}

/// What to tell the customer about a failed call. `Invalid` carries the
/// server's own words, already in the customer's language.
pub fn error(error: &PortalError) -> String {
    match error {
        PortalError::Invalid(text) => text.clone(),
        PortalError::RateLimited { retry_after } => {
            text_with("error-rate-limited", &[("seconds", retry_after.to_string())])
        }
        PortalError::TokenRefused(portal_core::TokenRefusal::Claim(claim)) => {
            text_with("error-token-claim", &[("name", claim.as_str().to_string())])
        }
        other => text(other.message_id()),
    }
}

#[cfg(feature = "hydrate")]
fn lookup(id: &str) -> Option<String> {
    use std::cell::OnceCell;
    use std::collections::HashMap;
    thread_local! {
        static WORDS: OnceCell<HashMap<String, String>> = const { OnceCell::new() };
    }
    WORDS.with(|words| {
        words
            .get_or_init(|| {
                let json = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(ELEMENT_ID))
                    .and_then(|e| e.text_content())
                    .unwrap_or_default();
                serde_json::from_str(&json).unwrap_or_default()
            })
            .get(id)
            .cloned()
    })
}

/// On the server the page's language is the request's (see
/// `state::request_locale`).
#[cfg(all(feature = "ssr", not(feature = "hydrate")))]
fn lookup(id: &str) -> Option<String> {
    Some(crate::state::page_locale().t(id))
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn lookup(_id: &str) -> Option<String> {
    None
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use portal_core::{MessageBody, TicketTitle};

    /// What the frame refuses itself, before sending, must be among the
    /// words the page carries, with every argument filled in: else the
    /// customer reads a message id.
    #[test]
    fn the_frames_own_refusals_are_in_the_words() {
        let long = "x".repeat(20_000);
        let refusals = [
            TicketTitle::parse("").unwrap_err(),
            TicketTitle::parse(&long).unwrap_err(),
            MessageBody::parse("").unwrap_err(),
            MessageBody::parse(&long).unwrap_err(),
        ];
        let words: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&as_json(portal_i18n::Locale::De)).unwrap();
        for refusal in refusals {
            let message = refusal.message();
            let text = words.get(message.id).and_then(|t| t.as_str());
            let text = text.unwrap_or_else(|| panic!("{} is not among the frame's words", message.id));
            let mut filled = text.to_string();
            for (name, _) in &message.args {
                assert!(filled.contains(&format!("{{{name}}}")), "{}: no marker for {name} in {text}", message.id);
                filled = filled.replace(&format!("{{{name}}}"), "1");
            }
            assert!(!filled.contains('{'), "{}: a marker is left in {filled}", message.id);
        }
    }
}
