//! The console's page frame and the bits every page shares. Templates are
//! Leptos `view!`s rendered to HTML, so every value is escaped; every word
//! comes from the `console.ftl` catalogs in the page's language.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use leptos::prelude::*;
use portal_core::access::ActiveAgent;
use portal_core::console::Role;
use portal_i18n::{Arg, Locale};

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
    Rules,
    Integrations,
    Accounts,
    Password,
    SignIn,
}

/// The language of a console request: the first of the browser's
/// `Accept-Language` the portal speaks, else `fallback` (the workspace's
/// default language once signed in, English before).
pub fn request_locale(headers: &HeaderMap, fallback: Locale) -> Locale {
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(None, accepted, fallback)
}

/// A role as the console names it.
pub fn role_name(locale: Locale, role: Role) -> String {
    locale.t(match role {
        Role::Admin => "console-role-admin",
        Role::Agent => "console-role-agent",
    })
}

/// A whole console page around `body`, in `locale`.
pub fn page(
    locale: Locale,
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
            view! { <a href=href aria-current=current>{locale.t(label)}</a> }
        };
        let admin = agent.role == Role::Admin;
        let who = locale.t_args(
            "console-nav-who",
            &[("name", agent.name.clone().into()), ("role", role_name(locale, agent.role).into())],
        );
        view! {
            <nav class="console-nav">
                <strong class="brand">{locale.t("console-brand")}</strong>
                {link("/console/inbox", "console-nav-inbox", Section::Inbox)}
                {link("/console/customers", "console-nav-customers", Section::Customers)}
                {link("/console/companies", "console-nav-companies", Section::Companies)}
                {admin.then(|| link("/console/settings", "console-nav-settings", Section::Settings))}
                {admin.then(|| link("/console/embed", "console-nav-embed", Section::Embed))}
                {admin.then(|| link("/console/rules", "console-nav-rules", Section::Rules))}
                {admin.then(|| link("/console/integrations", "console-nav-integrations", Section::Integrations))}
                {admin.then(|| link("/console/accounts", "console-nav-accounts", Section::Accounts))}
                <span class="who" data-testid="console-user">{who}</span>
                {link("/console/password", "console-nav-your-account", Section::Password)}
                <form method="post" action="/console/logout">
                    <button type="submit" class="link" data-testid="logout">{locale.t("console-sign-out")}</button>
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
        <title>{locale.t_args("console-page-title", &[("page", title.to_string().into())])}</title>
    }
    .to_html();
    let nav = nav.map(|nav| nav.to_html()).unwrap_or_default();
    let top = view! { <h1>{title.to_string()}</h1> {notice} }.to_html();
    // `body` is HTML its page rendered, escaped already; the tag and
    // direction are the catalog's own constants.
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head>{head}</head><body>{nav}<main class=\"console\">{top}{body}</main></body></html>",
        locale.tag(),
        locale.dir()
    );
    (status, Html(html)).into_response()
}

/// A page that says what went wrong, with a status.
pub fn problem(locale: Locale, status: StatusCode, who: Option<&ActiveAgent>, text: &str) -> Response {
    let title = locale.t("console-problem-title");
    let mut response =
        page(locale, &title, who, Section::Inbox, &Some(Notice::Refused(text.to_string())), String::new());
    *response.status_mut() = status;
    response
}

/// A plain-text answer in `locale`, for the few failures that come before
/// a page can be drawn.
pub fn plain(locale: Locale, status: StatusCode, id: &str) -> Response {
    (status, locale.t(id)).into_response()
}

/// An instant as the page's language writes it, in UTC.
pub fn when(locale: Locale, at: portal_core::Millis) -> String {
    locale.date_time(at)
}

/// A message whose arguments are elements (`<code>`, `<strong>`, ...):
/// formatted with a marker in each one's place, then cut around the
/// markers, so translators can move the elements within the sentence.
pub fn rich(locale: Locale, id: &str, elements: Vec<(&'static str, AnyView)>) -> Vec<AnyView> {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let args: Vec<(&'static str, Arg)> =
        elements.iter().enumerate().map(|(i, (name, _))| (*name, Arg::from(format!("{OPEN}{i}{CLOSE}")))).collect();
    let text = locale.t_args(id, &args);
    let mut elements: Vec<Option<AnyView>> = elements.into_iter().map(|(_, view)| Some(view)).collect();
    let mut out = Vec::new();
    let mut pieces = text.split(OPEN);
    if let Some(first) = pieces.next().filter(|s| !s.is_empty()) {
        out.push(first.to_string().into_any());
    }
    for piece in pieces {
        let (index, rest) = piece.split_once(CLOSE).unwrap_or(("", piece));
        if let Some(element) = index.parse::<usize>().ok().and_then(|i| elements.get_mut(i)).and_then(Option::take) {
            out.push(element);
        }
        if !rest.is_empty() {
            out.push(rest.to_string().into_any());
        }
    }
    out
}
