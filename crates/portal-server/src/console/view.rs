//! The console's page frame and the bits every page shares. Templates are
//! Leptos `view!`s rendered to HTML, so every value is escaped.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;
use portal_core::access::ActiveAgent;
use portal_core::console::Role;

/// What a page says about the last thing done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Done(String),
    /// The account's request was refused: a 400.
    Refused(String),
    /// The server could not do it (a 5xx status): nothing the account did wrong.
    Failed(StatusCode, String),
}

impl Notice {
    /// The status of a page showing it: a refused form is a 400.
    pub fn status(notice: &Option<Notice>) -> StatusCode {
        match notice {
            Some(Notice::Refused(_)) => StatusCode::BAD_REQUEST,
            Some(Notice::Failed(status, _)) => *status,
            _ => StatusCode::OK,
        }
    }
}

/// The sections of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Inbox,
    Customers,
    Companies,
    Settings,
    Embed,
    Accounts,
    Password,
    SignIn,
}

/// A whole console page around `body`.
pub fn page(
    title: &str,
    who: Option<&ActiveAgent>,
    section: Section,
    notice: &Option<Notice>,
    body: String,
) -> Response {
    let status = Notice::status(notice);
    let nav = who.map(|agent| {
        let link = |href: &'static str, label: &'static str, here: Section| {
            let current = (section == here).then_some("page");
            view! { <a href=href aria-current=current>{label}</a> }
        };
        let admin = agent.role == Role::Admin;
        view! {
            <nav class="console-nav">
                <strong class="brand">"Support console"</strong>
                {link("/console/inbox", "Inbox", Section::Inbox)}
                {link("/console/customers", "Customers", Section::Customers)}
                {link("/console/companies", "Companies", Section::Companies)}
                {admin.then(|| link("/console/settings", "Portal settings", Section::Settings))}
                {admin.then(|| link("/console/embed", "Embed code", Section::Embed))}
                {admin.then(|| link("/console/accounts", "Accounts", Section::Accounts))}
                <span class="who" data-testid="console-user">{format!("{} ({})", agent.name, agent.role.as_str())}</span>
                {link("/console/password", "Your account", Section::Password)}
                <form method="post" action="/console/logout">
                    <button type="submit" class="link" data-testid="logout">"Sign out"</button>
                </form>
            </nav>
        }
    });
    let notice = notice.clone().map(|notice| match notice {
        Notice::Done(text) => view! { <p class="notice done" role="status" data-testid="notice">{text}</p> }.into_any(),
        Notice::Refused(text) | Notice::Failed(_, text) => {
            view! { <p class="notice error" role="alert" data-testid="notice">{text}</p> }.into_any()
        }
    });
    let head = view! {
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/console.css" />
        <script src="/assets/console.js" defer></script>
        <title>{format!("{title} · Support console")}</title>
    }
    .to_html();
    let nav = nav.map(|nav| nav.to_html()).unwrap_or_default();
    let top = view! { <h1>{title.to_string()}</h1> {notice} }.to_html();
    // `body` is HTML its page rendered, escaped already.
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head>{head}</head><body>{nav}<main class=\"console\">{top}{body}</main></body></html>"
    );
    (status, Html(html)).into_response()
}

/// A page that says what went wrong, with a status.
pub fn problem(status: StatusCode, who: Option<&ActiveAgent>, text: &str) -> Response {
    let mut response =
        page("Not possible", who, Section::Inbox, &Some(Notice::Refused(text.to_string())), String::new());
    *response.status_mut() = status;
    response
}

/// `YYYY-MM-DD HH:MM UTC`.
pub fn when(at: portal_core::Millis) -> String {
    portal_core::time::utc_datetime(at)
}
