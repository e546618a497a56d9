//! "Your account": the customer's sessions (with "Sign out everywhere"),
//! their access log, and the download of their data.

use leptos::prelude::*;
use portal_core::{AccessEvent, AccessEventKind, SessionKind, SessionRecord};
use portal_i18n::Locale;

/// What the account page shows.
pub struct Account {
    pub name: String,
    pub email: String,
    /// Whether they hear of agents' replies by email.
    pub email_notifications: bool,
    pub sessions: Vec<SessionRecord>,
    pub log: Vec<AccessEvent>,
}

pub fn page(locale: Locale, base: &str, account: Account, now: i64) -> String {
    let Account { name, email, email_notifications, sessions, log } = account;
    let (mail_state, mail_button, turn) = if email_notifications {
        ("account-email-on", "account-email-turn-off", "off")
    } else {
        ("account-email-off", "account-email-turn-on", "on")
    };
    let sessions = sessions
        .into_iter()
        .map(|s| {
            let state = locale.t(if s.is_live(now) { "account-session-live" } else { "account-session-ended" });
            view! {
                <tr data-testid="account-session">
                    <td><time title=locale.date_time(s.created_at)>{locale.relative(now, s.created_at)}</time></td>
                    <td>{surface(locale, s.kind)}</td>
                    <td><bdi>{s.origin}</bdi></td>
                    <td>{s.browser}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let log = log
        .into_iter()
        .map(|e| {
            view! {
                <tr data-testid="account-event">
                    <td><time title=locale.date_time(e.at)>{locale.relative(now, e.at)}</time></td>
                    <td>{event(locale, e.event)}</td>
                    <td>{surface(locale, e.kind)}</td>
                    <td><bdi>{e.origin}</bdi></td>
                    <td>{e.browser}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = |ids: &[&str]| ids.iter().map(|id| view! { <th scope="col">{locale.t(id)}</th> }).collect_view();
    view! {
        <nav class="crumbs"><a href=base.to_string() data-testid="back">{locale.t("back-to-list")}</a></nav>
        <section class="account" data-testid="account">
            <h2 tabindex="-1">{locale.t("account-title")}</h2>
            <p><bdi>{name}</bdi>" · "<bdi data-testid="account-email">{email}</bdi></p>

            <h3>{locale.t("account-email")}</h3>
            <p data-testid="email-state">{locale.t(mail_state)}</p>
            <p><button type="button" data-action="email-notifications" data-turn=turn data-testid="email-toggle">{locale.t(mail_button)}</button></p>

            <h3>{locale.t("account-sessions")}</h3>
            <div class="table-scroll">
                <table class="account-table">
                    <thead><tr>{columns(&["account-when", "account-where", "account-origin", "account-browser", "account-state"])}</tr></thead>
                    <tbody>{sessions}</tbody>
                </table>
            </div>
            <p><button type="button" data-action="sign-out-everywhere" data-testid="sign-out-everywhere">{locale.t("account-sign-out-everywhere")}</button></p>

            <h3>{locale.t("account-data")}</h3>
            <p>{locale.t("account-data-hint")}</p>
            <ul class="downloads">
                <li><a href="/api/portal/account/export" download="my-data.json" data-attachment data-testid="export-json">{locale.t("account-download-json")}</a></li>
                <li><a href="/api/portal/account/export.zip" download="my-files.zip" data-attachment data-testid="export-zip">{locale.t("account-download-files")}</a></li>
            </ul>

            <h3>{locale.t("account-log")}</h3>
            <div class="table-scroll">
                <table class="account-table">
                    <thead><tr>{columns(&["account-when", "account-event", "account-where", "account-origin", "account-browser"])}</tr></thead>
                    <tbody>{log}</tbody>
                </table>
            </div>
        </section>
    }
    .to_html()
}

fn surface(locale: Locale, kind: SessionKind) -> String {
    locale.t(match kind {
        SessionKind::Embedded => "account-embedded",
        SessionKind::Standalone => "account-standalone",
    })
}

fn event(locale: Locale, kind: AccessEventKind) -> String {
    locale.t(match kind {
        AccessEventKind::SignedIn => "account-event-signed-in",
        AccessEventKind::Refused => "account-event-refused",
        AccessEventKind::Exported => "account-event-exported",
        AccessEventKind::SignedOutEverywhere => "account-event-signed-out-everywhere",
    })
}
