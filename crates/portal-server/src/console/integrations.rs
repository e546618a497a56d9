//! The Integrations page (admins): the workspace's Slack app (its
//! channel, a test message), and its webhook endpoints with their delivery
//! logs (the same endpoints the REST API manages, `/api/v1/webhooks`).

use super::auth::Admin;
use super::view::{self, Notice, Section};
use super::{store_notice, store_problem, unchanged};
use crate::now_millis;
use crate::slack::SlackApi;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Form};
use leptos::prelude::*;
use portal_app::state::AppState;
use portal_core::webhook::{EventTypes, WebhookError, WebhookEvent, WebhookUrl, new_secret};
use portal_i18n::Locale;
use portal_store::{Webhook, WebhookSettings};

/// Deliveries a log page shows.
const LOG_ROWS: u32 = 100;

pub async fn page(admin: Admin, State(state): State<AppState>, Extension(slack): Extension<SlackApi>) -> Response {
    render(&state, &slack, &admin, None).await
}

/// The description of an event type, for its checkbox.
fn event_label(locale: Locale, event: WebhookEvent) -> String {
    locale.t(match event {
        WebhookEvent::TicketCreated => "console-webhooks-event-ticket-created",
        WebhookEvent::TicketUpdated => "console-webhooks-event-ticket-updated",
        WebhookEvent::MessageCreated => "console-webhooks-event-message-created",
        WebhookEvent::CustomerCreated => "console-webhooks-event-customer-created",
    })
}

/// Where an endpoint stands, in words.
fn state_of(locale: Locale, webhook: &Webhook) -> String {
    match (webhook.disabled_at, webhook.failing_since) {
        (Some(_), _) => {
            locale.t_args("console-webhooks-disabled", &[("reason", webhook.disabled_reason.clone().into())])
        }
        (None, Some(since)) => {
            locale.t_args("console-webhooks-failing", &[("since", view::when(locale, since).into())])
        }
        (None, None) => locale.t("console-webhooks-enabled"),
    }
}

/// The alerts of the page: each endpoint disabled after a day of failures.
pub fn disabled_alerts(locale: Locale, webhooks: &[Webhook]) -> Vec<String> {
    webhooks
        .iter()
        .filter(|w| w.disabled_at.is_some() && w.disabled_reason != portal_store::ADMIN_DISABLED)
        .map(|w| {
            let args = [("url", w.url.clone().into()), ("reason", w.disabled_reason.clone().into())];
            locale.t_args("console-webhooks-disabled-alert", &args)
        })
        .collect()
}

async fn render(state: &AppState, slack: &SlackApi, admin: &Admin, notice: Option<Notice>) -> Response {
    let locale = admin.1;
    let webhooks = match state.store.webhooks(admin.0.workspace_id).await {
        Ok(webhooks) => webhooks,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let slack_section = match slack_section(state, slack, admin).await {
        Ok(section) => section,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let alerts = disabled_alerts(locale, &webhooks)
        .into_iter()
        .map(|text| view! { <p class="notice error" role="alert" data-testid="webhook-disabled">{text}</p> })
        .collect::<Vec<_>>();
    let rows = webhooks
        .iter()
        .map(|w| {
            let action = format!("/console/integrations/webhooks/{}", w.id);
            let (toggle, toggle_label) = if w.disabled_at.is_some() {
                ("enable", "console-webhooks-enable")
            } else {
                ("disable", "console-webhooks-disable")
            };
            let events = w.events.iter().map(WebhookEvent::as_str).collect::<Vec<_>>().join(", ");
            view! {
                <tr data-testid="webhook-row">
                    <td><code>{w.url.clone()}</code></td>
                    <td>{events}</td>
                    <td>{state_of(locale, w)}</td>
                    <td>
                        <a href=action.clone()>{locale.t("console-webhooks-log")}</a>
                        <form method="post" action=action class="inline">
                            <button type="submit" name="action" value=toggle class="secondary">{locale.t(toggle_label)}</button>
                            <button type="submit" name="action" value="rotate" class="secondary">{locale.t("console-webhooks-rotate")}</button>
                            <button type="submit" name="action" value="remove" class="danger">{locale.t("console-webhooks-remove")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = if webhooks.is_empty() {
        view! { <p>{locale.t("console-webhooks-none")}</p> }.into_any()
    } else {
        view! {
            <table class="tickets">
                <thead><tr>
                    <th>{locale.t("console-webhooks-col-url")}</th>
                    <th>{locale.t("console-webhooks-col-events")}</th>
                    <th>{locale.t("console-webhooks-col-state")}</th>
                    <td></td>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let checkboxes = WebhookEvent::ALL
        .into_iter()
        .map(|event| {
            view! {
                <label class="check"><input type="checkbox" name=event.as_str() value="on" checked=true />
                    <code>{event.as_str()}</code>" "{event_label(locale, event)}</label>
            }
        })
        .collect::<Vec<_>>();
    let body = view! {
        {slack_section}
        <section class="card" data-testid="webhooks">
            <h2>{locale.t("console-webhooks-heading")}</h2>
            <p>{locale.t("console-webhooks-intro")}</p>
            {alerts}
            {table}
        </section>
        <form method="post" action="/console/integrations/webhooks" class="card" data-testid="webhook-form">
            <h2>{locale.t("console-webhooks-add-heading")}</h2>
            <label>{locale.t("console-webhooks-url")} <input name="url" type="url" required /></label>
            <fieldset>
                <legend>{locale.t("console-webhooks-events")}</legend>
                {checkboxes}
            </fieldset>
            <label class="check"><input type="checkbox" name="include_notes" value="on" />" "{locale.t("console-webhooks-include-notes")}</label>
            <button type="submit">{locale.t("console-webhooks-add")}</button>
        </form>
    }
    .to_html();
    view::page(locale, &locale.t("console-integrations-title"), Some(&admin.0), Section::Integrations, &notice, body)
}

/// The settings a form gives, or why they are refused.
fn settings(state: &AppState, locale: Locale, form: &[(String, String)]) -> Result<WebhookSettings, String> {
    let value = |name: &str| form.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
    let url = WebhookUrl::parse(value("url").unwrap_or_default(), &state.webhook_networks).map_err(|e| match e {
        WebhookError::PrivateTarget => locale.t("console-webhooks-private-url"),
        _ => locale.t("console-webhooks-bad-url"),
    })?;
    let chosen = WebhookEvent::ALL.into_iter().filter(|event| value(event.as_str()).is_some());
    let events =
        EventTypes::parse(chosen.map(WebhookEvent::as_str)).map_err(|_| locale.t("console-webhooks-no-events"))?;
    Ok(WebhookSettings { url, events, include_notes: value("include_notes").is_some() })
}

/// Adds an endpoint; its secret is shown this once.
pub async fn add(
    admin: Admin,
    State(state): State<AppState>,
    Extension(slack): Extension<SlackApi>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let locale = admin.1;
    let notice = match settings(&state, locale, &form) {
        Err(refused) => unchanged(locale, refused),
        Ok(settings) => {
            let secret = new_secret(rand::random());
            match state.store.create_webhook(admin.0.workspace_id, &settings, &secret, now_millis()).await {
                Ok(created) => {
                    tracing::info!(target: "audit", event = "console.webhook_added", agent = admin.0.id.0, webhook = created.id);
                    Notice::Done(locale.t_args("console-webhooks-added", &[("secret", secret.into())]))
                }
                Err(e) => store_notice(locale, "console-nothing-changed", e),
            }
        }
    };
    render(&state, &slack, &admin, Some(notice)).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    action: String,
}

/// Enables, disables, rotates the secret of, or removes an endpoint.
pub async fn change(
    admin: Admin,
    State(state): State<AppState>,
    Extension(slack): Extension<SlackApi>,
    Path(id): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Response {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    let found = match id.parse::<i64>() {
        Ok(id) => state.store.webhook(ws, id).await,
        Err(_) => Ok(None),
    };
    let webhook = match found {
        Ok(Some(webhook)) => webhook,
        Ok(None) => {
            return render(&state, &slack, &admin, Some(unchanged(locale, locale.t("console-webhooks-no-such")))).await;
        }
        Err(e) => {
            return render(&state, &slack, &admin, Some(store_notice(locale, "console-nothing-changed", e))).await;
        }
    };
    let now = now_millis();
    let outcome = match form.action.as_str() {
        "enable" | "disable" => {
            let enable = form.action == "enable";
            state.store.set_webhook_enabled(ws, webhook.id, enable, now).await.map(|_| {
                Ok(locale.t(if enable { "console-webhooks-now-enabled" } else { "console-webhooks-now-disabled" }))
            })
        }
        "rotate" => {
            let secret = new_secret(rand::random());
            state
                .store
                .rotate_webhook_secret(ws, webhook.id, &secret)
                .await
                .map(|()| Ok(locale.t_args("console-webhooks-rotated", &[("secret", secret.into())])))
        }
        "remove" => state.store.delete_webhook(ws, webhook.id).await.map(|_| Ok(locale.t("console-webhooks-removed"))),
        other => {
            let other: String = other.chars().take(40).collect();
            Ok(Err(locale.t_args("console-no-such-action", &[("action", other.into())])))
        }
    };
    let notice = match outcome {
        Ok(Ok(done)) => {
            tracing::info!(target: "audit", event = "console.webhook_changed", agent = admin.0.id.0, webhook = webhook.id, action = form.action);
            Notice::Done(done)
        }
        Ok(Err(refused)) => unchanged(locale, refused),
        Err(e) => store_notice(locale, "console-nothing-changed", e),
    };
    render(&state, &slack, &admin, Some(notice)).await
}

pub async fn log(admin: Admin, State(state): State<AppState>, Path(id): Path<String>) -> Response {
    render_log(&state, &admin, &id, None).await
}

async fn render_log(state: &AppState, admin: &Admin, id: &str, notice: Option<Notice>) -> Response {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    let webhook = match id.parse::<i64>() {
        Ok(id) => state.store.webhook(ws, id).await,
        Err(_) => Ok(None),
    };
    let webhook = match webhook {
        Ok(Some(webhook)) => webhook,
        Ok(None) => {
            let text = locale.t("console-webhooks-no-such");
            return view::problem(locale, axum::http::StatusCode::NOT_FOUND, Some(&admin.0), &super::sentence(text));
        }
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let deliveries = match state.store.webhook_deliveries(ws, webhook.id, LOG_ROWS).await {
        Ok(deliveries) => deliveries,
        Err(e) => return store_problem(locale, Some(&admin.0), e),
    };
    let action = format!("/console/integrations/webhooks/{}/redeliver", webhook.id);
    let rows = deliveries
        .into_iter()
        .map(|d| {
            let state = locale.t(match (d.delivered_at, d.failed_at) {
                (Some(_), _) => "console-webhooks-state-delivered",
                (None, Some(_)) => "console-webhooks-state-failed",
                (None, None) => "console-webhooks-state-pending",
            });
            let answer = match (d.response_status, d.last_error.is_empty()) {
                (Some(status), true) => status.to_string(),
                (_, false) => d.last_error.clone(),
                (None, true) => "—".to_string(),
            };
            let ticket = d.ticket_number.map(|n| {
                view! { <a href=format!("/console/tickets/{n}")>{format!("#{n}")}</a> }
            });
            view! {
                <tr data-testid="delivery-row">
                    <td>{d.id}</td><td><code>{d.event}</code></td><td>{ticket}</td>
                    <td>{view::when(locale, d.created_at)}</td><td>{d.attempts}</td><td>{state}</td><td>{answer}</td>
                    <td><form method="post" action=action.clone() class="inline">
                        <button type="submit" name="delivery" value=d.id.to_string() class="secondary">{locale.t("console-webhooks-redeliver")}</button>
                    </form></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let table = if rows.is_empty() {
        view! { <p>{locale.t("console-webhooks-log-none")}</p> }.into_any()
    } else {
        view! {
            <table class="tickets">
                <thead><tr>
                    <th>"#"</th>
                    <th>{locale.t("console-webhooks-col-event")}</th>
                    <th>{locale.t("console-webhooks-col-ticket")}</th>
                    <th>{locale.t("console-webhooks-col-when")}</th>
                    <th>{locale.t("console-webhooks-col-attempts")}</th>
                    <th>{locale.t("console-webhooks-col-state")}</th>
                    <th>{locale.t("console-webhooks-col-answer")}</th>
                    <td></td>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let body = view! {
        <p><a href="/console/integrations">{locale.t("console-webhooks-back")}</a></p>
        <p>{state_of(locale, &webhook)}</p>
        {table}
    }
    .to_html();
    let title = locale.t_args("console-webhooks-log-title", &[("url", webhook.url.clone().into())]);
    view::page(locale, &title, Some(&admin.0), Section::Integrations, &notice, body)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RedeliverForm {
    delivery: String,
}

pub async fn redeliver(
    admin: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<RedeliverForm>,
) -> Response {
    let locale = admin.1;
    let ids = id.parse::<i64>().ok().zip(form.delivery.parse::<i64>().ok());
    let notice = match ids {
        None => unchanged(locale, locale.t("console-store-not-found")),
        Some((webhook, delivery)) => {
            match state.store.redeliver(admin.0.workspace_id, webhook, delivery, now_millis()).await {
                Ok(()) => {
                    tracing::info!(target: "audit", event = "console.webhook_redelivered", agent = admin.0.id.0, webhook, delivery);
                    Notice::Done(locale.t("console-webhooks-redelivered"))
                }
                Err(e) => store_notice(locale, "console-nothing-changed", e),
            }
        }
    };
    render_log(&state, &admin, &id, Some(notice)).await
}

/// The Slack section: a form to connect the app, or, once connected, the
/// channel to post to (from the bot's channels), the note prefix, the
/// addresses to give Slack, a test message and disconnecting.
async fn slack_section(state: &AppState, api: &SlackApi, admin: &Admin) -> Result<AnyView, portal_store::StoreError> {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    let intro = view! { <h2>{locale.t("console-slack-heading")}</h2><p>{locale.t("console-slack-intro")}</p> };
    let Some(connection) = state.store.slack_connection(ws).await? else {
        return Ok(view! {
            <form method="post" action="/console/integrations/slack" class="card" data-testid="slack-connect">
                {intro}
                <label>{locale.t("console-slack-token")} <input name="bot_token" required autocomplete="off" /></label>
                <label>{locale.t("console-slack-signing-secret")} <input name="signing_secret" required autocomplete="off" /></label>
                <button type="submit" name="action" value="connect">{locale.t("console-slack-connect")}</button>
            </form>
        }
        .into_any());
    };
    let slug = state.store.workspace(ws).await?.map(|w| w.slug.to_string()).unwrap_or_default();
    let base = format!("{}/slack/{slug}", state.public_url.as_str());
    let urls = super::view::rich(
        locale,
        "console-slack-urls",
        vec![
            ("events", view! { <code>{format!("{base}/events")}</code> }.into_any()),
            ("interactions", view! { <code>{format!("{base}/interactions")}</code> }.into_any()),
        ],
    );
    let channels = match api.bot_channels(&connection.bot_token).await {
        Ok(channels) => {
            let options = channels
                .into_iter()
                .map(|c| {
                    let selected = c.id == connection.channel_id;
                    view! { <option value=c.id selected=selected>{format!("#{}", c.name)}</option> }
                })
                .collect::<Vec<_>>();
            view! {
                <label>{locale.t("console-slack-channel")} <select name="channel" data-testid="slack-channel">
                    <option value="">"—"</option>
                    {options}
                </select></label>
            }
            .into_any()
        }
        Err(error) => view! {
            <p class="notice error" role="alert">{locale.t_args("console-slack-channels-failed", &[("error", error.to_string().into())])}</p>
        }
        .into_any(),
    };
    let current = if connection.channel_id.is_empty() {
        locale.t("console-slack-no-channel")
    } else {
        format!("{}: #{}", locale.t("console-slack-channel"), connection.channel_name)
    };
    Ok(view! {
        <form method="post" action="/console/integrations/slack" class="card" data-testid="slack-settings">
            {intro}
            <p data-testid="slack-state">{current}</p>
            <p>{urls}</p>
            {channels}
            <label>{locale.t("console-slack-note-prefix")} <input name="note_prefix" value=connection.note_prefix required /></label>
            <button type="submit" name="action" value="save">{locale.t("console-slack-save")}</button>
            <button type="submit" name="action" value="test" class="secondary">{locale.t("console-slack-test")}</button>
            <button type="submit" name="action" value="disconnect" class="danger" formnovalidate=true>{locale.t("console-slack-disconnect")}</button>
        </form>
    }
    .into_any())
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SlackForm {
    action: String,
    bot_token: String,
    signing_secret: String,
    channel: String,
    note_prefix: String,
}

/// Connects, saves, tests or disconnects Slack.
pub async fn slack(
    admin: Admin,
    State(state): State<AppState>,
    Extension(api): Extension<SlackApi>,
    Form(form): Form<SlackForm>,
) -> Response {
    let locale = admin.1;
    let notice = match slack_change(&state, &api, &admin, &form).await {
        Ok(done) => {
            tracing::info!(target: "audit", event = "console.slack_changed", agent = admin.0.id.0, action = form.action);
            Notice::Done(done)
        }
        Err(super::Refusal::Input(refused)) => unchanged(locale, refused),
        Err(refused) => refused.notice(locale, "console-nothing-changed"),
    };
    render(&state, &api, &admin, Some(notice)).await
}

async fn slack_change(
    state: &AppState,
    api: &SlackApi,
    admin: &Admin,
    form: &SlackForm,
) -> Result<String, super::Refusal> {
    let locale = admin.1;
    let ws = admin.0.workspace_id;
    if form.action == "connect" {
        let token = form.bot_token.trim();
        let secret = form.signing_secret.trim();
        if !token.starts_with("xoxb-")
            || token.len() > 256
            || token.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(locale.t("console-slack-bad-token").into());
        }
        if secret.len() != 32 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(locale.t("console-slack-bad-secret").into());
        }
        state.store.connect_slack(ws, token, secret, now_millis()).await?;
        return Ok(locale.t("console-slack-connected"));
    }
    let Some(connection) = state.store.slack_connection(ws).await? else {
        return Err(locale.t("console-slack-not-connected").into());
    };
    match form.action.as_str() {
        "save" => {
            let prefix = portal_core::slack::check_note_prefix(&form.note_prefix)
                .ok_or_else(|| locale.t("console-slack-bad-prefix"))?;
            let channel = form.channel.trim();
            if channel.is_empty() {
                state.store.set_slack_channel(ws, "", "").await?;
            } else if channel != connection.channel_id {
                let channels = api
                    .bot_channels(&connection.bot_token)
                    .await
                    .map_err(|e| locale.t_args("console-slack-channels-failed", &[("error", e.to_string().into())]))?;
                let chosen = channels
                    .into_iter()
                    .find(|c| c.id == channel)
                    .ok_or_else(|| locale.t("console-slack-bad-channel"))?;
                state.store.set_slack_channel(ws, &chosen.id, &chosen.name).await?;
            }
            state.store.set_slack_note_prefix(ws, &prefix).await?;
            Ok(locale.t("console-slack-saved"))
        }
        "test" => {
            if connection.channel_id.is_empty() {
                return Err(locale.t("console-slack-no-channel").into());
            }
            let text =
                state.store.workspace(ws).await?.map(|w| w.default_locale).unwrap_or(locale).t("slack-post-test");
            let message = serde_json::json!({"channel": connection.channel_id, "text": text});
            match api.post_message(&connection.bot_token, &message).await {
                Ok(_) => Ok(locale.t("console-slack-test-sent")),
                Err(error) => {
                    Err(locale.t_args("console-slack-test-failed", &[("error", error.to_string().into())]).into())
                }
            }
        }
        "disconnect" => {
            state.store.disconnect_slack(ws).await?;
            Ok(locale.t("console-slack-disconnected"))
        }
        other => {
            let other: String = other.chars().take(40).collect();
            Err(locale.t_args("console-no-such-action", &[("action", other.into())]).into())
        }
    }
}
