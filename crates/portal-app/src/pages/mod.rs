//! The frame's pages, rendered to HTML on the server with Leptos templates.
//!
//! The browser bundle carries no code for them: the frame fetches a page by
//! its path (`page` server function), inserts it, and drives its links and
//! forms by their `data-` attributes (see `embed::navigation`). So a new page or
//! a new control costs the bundle nothing.

mod account;
mod conversation;
mod forms;
mod list;

pub use account::{Account, page as account};
pub use list::{Viewer, tickets};

use leptos::prelude::*;
use portal_core::{SessionKind, TicketDetail, TicketNumber};
use portal_i18n::Locale;
use portal_store::Workspace;

/// A page of the frame, by its path below `/embed/{workspace}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FramePath {
    /// `` or `/`: the customer's tickets, with the URL's query string
    /// (tab, search, filters, sort, page: see `ListQuery`).
    Tickets { query: String },
    /// `/tickets/{number}`
    Ticket(TicketNumber),
    /// `/new`
    NewTicket,
    /// `/account`: the customer's sessions, access log and data.
    Account,
}

impl FramePath {
    /// The page at `path`, or `None`.
    pub fn parse(path: &str) -> Option<Self> {
        let path = path.split('#').next().unwrap_or_default();
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let path = path.trim_end_matches('/');
        match path {
            "" => Some(Self::Tickets { query: query.to_string() }),
            "/new" => Some(Self::NewTicket),
            "/account" => Some(Self::Account),
            _ => {
                let number = path.strip_prefix("/tickets/")?;
                // Digits only: no sign, no spaces, no leading `+`.
                if number.is_empty() || number.len() > 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                number.parse().ok().map(|n| Self::Ticket(TicketNumber(n)))
            }
        }
    }
}

/// The portal's path of a workspace: `/embed/acme` in the frame,
/// `/p/acme` on the standalone portal.
pub fn base(workspace: &Workspace, kind: SessionKind) -> String {
    match kind {
        SessionKind::Embedded => format!("/embed/{}", workspace.slug),
        SessionKind::Standalone => format!("/p/{}", workspace.slug),
    }
}

/// One ticket: its facts and public conversation, then the reply box (or
/// the reopen button, or why neither is offered); for a company member who
/// does not take part in it, the way to join it instead.
pub fn ticket(locale: Locale, base: &str, workspace: &Workspace, detail: TicketDetail, now: i64) -> String {
    let reply = if detail.taking_part {
        forms::reply(locale, base, workspace, detail.number, detail.status)
    } else {
        forms::join(locale, detail.number)
    };
    view! {
        <nav class="crumbs"><a href=base.to_string() data-testid="back">{locale.t("back-to-list")}</a></nav>
        <article class="ticket" data-testid="ticket">
            {conversation::ticket(locale, detail, now)}
            {reply}
        </article>
    }
    .to_html()
}

/// One message as a ticket's conversation shows it (an `<li>` of its
/// list): what the live socket sends for the frame to add to the open page.
pub fn message(locale: Locale, message: portal_core::PublicMessage, now: i64) -> String {
    conversation::message(locale, message, now).to_html()
}

/// A ticket's facts and public conversation alone.
pub fn conversation(locale: Locale, detail: TicketDetail, now: i64) -> String {
    conversation::ticket(locale, detail, now).to_html()
}

/// A ticket's type and attribute names as the workspace's admins wrote
/// them in `locale`, where they did.
pub fn detail_in_language(workspace: &Workspace, mut detail: TicketDetail, locale: Locale) -> TicketDetail {
    let texts = &workspace.translations;
    let tag = locale.tag();
    detail.ticket_type = detail.ticket_type.map(|t| texts.ticket_type(tag, &t).to_string());
    for attribute in &mut detail.attributes {
        if let Some(shown) = workspace.shown_attributes.iter().find(|s| s.label == attribute.label) {
            attribute.label = texts.attribute(tag, &shown.key, &shown.label).to_string();
        }
    }
    detail
}

/// The form that opens a new ticket.
pub fn new_ticket(locale: Locale, base: &str, workspace: &Workspace, companies: &[portal_core::CompanyKey]) -> String {
    view! {
        <nav class="crumbs"><a href=base.to_string()>{locale.t("back-to-list")}</a></nav>
        {forms::new_ticket(locale, workspace, companies)}
    }
    .to_html()
}

#[cfg(test)]
mod tests {
    use super::FramePath;
    use portal_core::TicketNumber;

    #[test]
    fn frame_paths() {
        for (path, page) in [
            ("", Some(FramePath::Tickets { query: String::new() })),
            ("/", Some(FramePath::Tickets { query: String::new() })),
            ("?q=x", Some(FramePath::Tickets { query: "q=x".into() })),
            ("/?x=1&tab=mine#top", Some(FramePath::Tickets { query: "x=1&tab=mine".into() })),
            ("/new", Some(FramePath::NewTicket)),
            ("/account", Some(FramePath::Account)),
            ("/account/x", None),
            ("/tickets/12", Some(FramePath::Ticket(TicketNumber(12)))),
            ("/tickets/12/", Some(FramePath::Ticket(TicketNumber(12)))),
            ("/tickets/", None),
            ("/tickets/-1", None),
            ("/tickets/+1", None),
            ("/tickets/1x", None),
            ("/tickets/99999999999999999999", None),
            ("/admin", None),
            ("tickets/1", None),
        ] {
            assert_eq!(FramePath::parse(path), page, "{path:?}");
        }
    }
}
