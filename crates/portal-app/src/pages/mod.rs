//! The frame's pages, rendered to HTML on the server with Leptos templates.
//!
//! The browser bundle carries no code for them: the frame fetches a page by
//! its path (`page` server function), inserts it, and drives its links and
//! forms by their `data-` attributes (see `embed::pages`). So a new page or
//! a new control costs the bundle nothing.

mod conversation;
mod forms;

use leptos::prelude::*;
use portal_core::{TicketDetail, TicketSummary};
use portal_store::Workspace;

/// A page of the frame, by its path below `/embed/{workspace}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FramePath {
    /// `` or `/`: the customer's tickets; `?tab=mine` only those they opened.
    Tickets { own_only: bool },
    /// `/tickets/{number}`
    Ticket(i64),
    /// `/new`
    NewTicket,
}

impl FramePath {
    /// The page at `path`, or `None`. Unknown query parameters are ignored.
    pub fn parse(path: &str) -> Option<Self> {
        let path = path.split('#').next().unwrap_or_default();
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let path = path.trim_end_matches('/');
        match path {
            "" => Some(Self::Tickets { own_only: query.split('&').any(|pair| pair == "tab=mine") }),
            "/new" => Some(Self::NewTicket),
            _ => {
                let number = path.strip_prefix("/tickets/")?;
                // Digits only: no sign, no spaces, no leading `+`.
                if number.is_empty() || number.len() > 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                number.parse().ok().map(Self::Ticket)
            }
        }
    }
}

/// The portal's path of a workspace, e.g. `/embed/acme`.
pub fn base(workspace: &Workspace) -> String {
    format!("/embed/{}", workspace.slug)
}

/// Which tickets a list shows, and which tabs it offers: a customer the
/// visibility rule restricts has only "Created by me".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListTabs {
    pub sees_company_tickets: bool,
    pub own_only: bool,
}

/// The ticket list, with its tabs and the way to open a new one.
pub fn tickets(workspace: &Workspace, tabs: ListTabs, tickets: Vec<TicketSummary>, now: i64) -> String {
    let base = base(workspace);
    let all_current = (!tabs.own_only).then_some("page");
    let mine_current = tabs.own_only.then_some("page");
    view! {
        <div class="toolbar">
            <nav class="tabs" data-testid="tabs">
                {tabs.sees_company_tickets.then(|| view! {
                    <a href=base.clone() aria-current=all_current data-testid="tab-all">"All"</a>
                })}
                <a href=format!("{base}?tab=mine") aria-current=mine_current data-testid="tab-mine">"Created by me"</a>
            </nav>
            <a href=format!("{base}/new") class="button" data-testid="new-ticket">"New ticket"</a>
        </div>
        {conversation::ticket_list(&base, tickets, now)}
    }
    .to_html()
}

/// One ticket: its facts and public conversation, then the reply box (or
/// the reopen button, or why neither is offered).
pub fn ticket(workspace: &Workspace, detail: TicketDetail, now: i64) -> String {
    let base = base(workspace);
    let reply = forms::reply(&base, workspace, detail.number, detail.status);
    view! {
        <nav class="crumbs"><a href=base.clone() data-testid="back">"← All tickets"</a></nav>
        <article class="ticket" data-testid="ticket">
            {conversation::ticket(detail, now)}
            {reply}
        </article>
    }
    .to_html()
}

/// A ticket's facts and public conversation alone.
pub fn conversation(detail: TicketDetail, now: i64) -> String {
    conversation::ticket(detail, now).to_html()
}

/// The form that opens a new ticket.
pub fn new_ticket(workspace: &Workspace) -> String {
    let base = base(workspace);
    view! {
        <nav class="crumbs"><a href=base.clone()>"← All tickets"</a></nav>
        {forms::new_ticket(workspace)}
    }
    .to_html()
}

#[cfg(test)]
mod tests {
    use super::FramePath;

    #[test]
    fn frame_paths() {
        for (path, page) in [
            ("", Some(FramePath::Tickets { own_only: false })),
            ("/", Some(FramePath::Tickets { own_only: false })),
            ("?q=x", Some(FramePath::Tickets { own_only: false })),
            ("?tab=mine", Some(FramePath::Tickets { own_only: true })),
            ("/?x=1&tab=mine#top", Some(FramePath::Tickets { own_only: true })),
            ("?tab=everything", Some(FramePath::Tickets { own_only: false })),
            ("/new", Some(FramePath::NewTicket)),
            ("/tickets/12", Some(FramePath::Ticket(12))),
            ("/tickets/12/", Some(FramePath::Ticket(12))),
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
