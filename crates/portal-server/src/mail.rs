//! Mail to customers: the worker that delivers the outbox (see
//! `portal_store::MailStore`) over SMTP, and the unsubscribe pages.
//!
//! Each notification is claimed for [`HOLD`], built, handed to the SMTP
//! server, and marked sent once the server accepted it. A crash between the
//! two sends it again after the hold: rare, and recognisable, since its
//! `Message-ID` is the reply's. A refusal is tried again as
//! [`Schedule::MAIL`] says; after the last try the mail has failed, and the
//! ticket shows it in the console. (The worker is [`crate::outbox`]'s.) With no SMTP server configured nothing is
//! sent and notifications wait.

use crate::standalone::{plain_page, request_locale};
use anyhow::Context;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use leptos::prelude::*;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use portal_app::state::{AppState, now_millis};
use portal_core::inbound::{self, ReplyToken};
use portal_core::retry::Schedule;
use portal_core::{Millis, SessionToken};
use portal_i18n::Locale;
use portal_store::{MailTokens, Notification};
use serde::Deserialize;
use std::time::Duration;

/// How long a worker holds the notifications it claimed.
pub const HOLD: Millis = 5 * 60 * 1000;
/// How long the sign-in link in a mail works (once).
pub const LINK_LIFETIME: Millis = 24 * 60 * 60 * 1000;

/// Where mail goes out: the SMTP server and the sender's address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: lettre::Address,
}

impl Mailer {
    /// From `smtp_url` (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// for STARTTLS, `smtps://host:465`) and `mail_from`; `None` when either is unset.
    pub fn from_config(smtp_url: Option<&str>, mail_from: Option<&str>) -> anyhow::Result<Option<Self>> {
        let (Some(url), Some(from)) = (smtp_url, mail_from) else { return Ok(None) };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("smtp_url must be smtp://, smtps:// or smtp://…?tls=required")?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from.parse().context("mail_from must be an email address")?;
        Ok(Some(Self { transport, from }))
    }
}

impl Mailer {
    /// The mail of an email sign-in, in the language its page was in: the
    /// code to type and the link to click. Sent at once, not through the
    /// outbox: it is worth nothing once its 15 minutes are over.
    pub async fn send_sign_in(
        &self,
        ws: &portal_store::Workspace,
        customer: &portal_store::Customer,
        locale: Locale,
        code: &str,
        link: &str,
    ) -> anyhow::Result<()> {
        let subject = locale.t_args("mail-sign-in-subject", &[("workspace", ws.name.clone().into())]);
        let intro = locale.t("mail-sign-in-intro");
        let open = locale.t("mail-sign-in-open");
        let ignore = locale.t("mail-sign-in-ignore");
        let text = format!("{intro}\n\n    {code}\n\n{open}: {link}\n\n{ignore}\n");
        let html = view! {
            <!DOCTYPE html>
            <html lang=locale.tag() dir=locale.dir()>
                <body style="font-family: system-ui, sans-serif; color: #222;">
                    <p style="font-weight: 600;">{ws.name.clone()}</p>
                    <p>{intro.clone()}</p>
                    <p style="font-size: 1.6em; letter-spacing: 0.2em; font-family: monospace;">{code.to_string()}</p>
                    <p><a href=link.to_string()>{open.clone()}</a></p>
                    <p style="color: #666; font-size: 0.85em;">{ignore.clone()}</p>
                </body>
            </html>
        }
        .to_html();
        let to = Mailbox::new(Some(customer.name.clone()).filter(|name| !name.is_empty()), customer.email.parse()?);
        let message = Message::builder()
            .from(Mailbox::new(Some(ws.name.clone()), self.from.clone()))
            .to(to)
            .subject(subject)
            .multipart(MultiPart::alternative_plain_html(text, html))?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// The mail outbox's courier: claims notifications for [`HOLD`].
#[async_trait::async_trait]
impl crate::outbox::Courier for Mailer {
    type Item = Notification;
    const KIND: &'static str = "mail";

    async fn claim(&self, state: &AppState, now: Millis, limit: u32) -> portal_store::Result<Vec<Notification>> {
        state.store.claim_mail(now, HOLD, limit).await
    }

    async fn deliver(&self, state: &AppState, notification: &Notification) -> bool {
        send_one(state, self, notification).await
    }
}

async fn send_one(state: &AppState, mailer: &Mailer, notification: &Notification) -> bool {
    let token = SessionToken::from_random(rand::random());
    let reply = ReplyToken::from_random(rand::random());
    let tokens = MailTokens { unsubscribe: &token.hash(), reply: &reply.hash() };
    let marked = state.store.set_mail_tokens(notification.id, &tokens).await;
    let outcome = match marked {
        Ok(()) => match message(state, mailer, notification, &token, &reply, ticket_link(state, notification).await) {
            Ok(message) => mailer.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(error) => Err(format!("{error:#}")),
        },
        Err(error) => Err(error.to_string()),
    };
    let now = now_millis();
    let recorded = match &outcome {
        Ok(()) => state.store.mail_sent(notification.id, now).await,
        Err(error) => {
            let retry_at = Schedule::MAIL.after(notification.attempts).map(|wait| now + wait);
            tracing::warn!(mail = notification.id, attempts = notification.attempts, %error, "mail not sent");
            state.store.mail_not_sent(notification.id, now, error, retry_at).await
        }
    };
    if let Err(error) = recorded {
        tracing::error!(%error, mail = notification.id, "recording a mail's outcome failed");
    }
    outcome.is_ok()
}

/// The mail's link to its ticket: the site's own page with the frame, which
/// opens it (`#ticket=`), where the workspace names one; else the
/// standalone portal, signing the customer in once within [`LINK_LIFETIME`]
/// (a code of its own); a used or expired link goes to the portal's
/// sign-in, which returns to the ticket.
async fn ticket_link(state: &AppState, n: &Notification) -> String {
    if let Ok(page) = portal_core::SitePage::parse(&n.site_page)
        && !page.is_empty()
    {
        return page.ticket_link(n.ticket_number);
    }
    let base = format!("{}/p/{}", state.public_url, n.workspace_slug);
    let now = now_millis();
    let code = SessionToken::from_random(rand::random());
    let secret = state.store.active_secrets(n.workspace_id, now).await.ok().and_then(|mut s| s.pop());
    let created = match secret {
        Some(secret) => {
            let new = portal_store::NewSignInCode {
                purpose: portal_store::CodePurpose::MailLink,
                workspace_id: n.workspace_id,
                customer_id: n.customer_id,
                secret_id: secret.id,
                code_hash: code.hash(),
                expires_at: now + LINK_LIFETIME,
            };
            state.store.create_sign_in_code(&new, now).await.is_ok()
        }
        None => false,
    };
    if created {
        format!("{base}/link?ticket={}&code={}", n.ticket_number, code.as_str())
    } else {
        format!("{base}/tickets/{}", n.ticket_number)
    }
}

/// The mail telling of an agent's reply, in the workspace's language:
/// text and HTML, threaded by ticket, with a one-click unsubscribe and,
/// when mail comes in, a reply address of its own.
fn message(
    state: &AppState,
    mailer: &Mailer,
    n: &Notification,
    unsubscribe: &SessionToken,
    reply: &ReplyToken,
    link: String,
) -> anyhow::Result<Message> {
    let locale = Locale::from_tag(&n.language).unwrap_or_default();
    let host = state.public_url.as_str().split_once("://").map_or("portal", |(_, host)| host);
    let host = host.split(':').next().unwrap_or(host);
    let portal = state.public_url.as_str();
    let unsubscribe_url = format!("{portal}/p/{}/unsubscribe?token={}", n.workspace_slug, unsubscribe.as_str());
    let number = n.ticket_number.0.to_string();
    let subject = locale
        .t_args("mail-reply-subject", &[("number", number.clone().into()), ("title", n.ticket_title.clone().into())]);
    let intro =
        locale.t_args("mail-reply-intro", &[("author", n.author_name.clone().into()), ("number", number.into())]);
    let open = locale.t("mail-reply-open");
    let footer = locale.t_args("mail-reply-footer", &[("workspace", n.workspace_name.clone().into())]);
    let unsubscribe_words = locale.t("mail-unsubscribe");
    let text =
        format!("{intro}\n\n{}\n\n{open}: {link}\n\n-- \n{footer}\n{unsubscribe_words}: {unsubscribe_url}\n", n.body);
    let body_html = portal_app::markdown::to_safe_html(&n.body);
    let color =
        portal_core::console::BrandColor::parse(&n.brand_color).map(|c| c.as_str().to_string()).unwrap_or_default();
    let html = view! {
        <!DOCTYPE html>
        <html lang=locale.tag() dir=locale.dir()>
            <body style="font-family: system-ui, sans-serif; color: #222;">
                <p style=format!("color: {color}; font-weight: 600;")>{n.workspace_name.clone()}</p>
                <p>{intro.clone()}</p>
                <div style=format!("border-inline-start: 3px solid {color}; padding: 0 1em;") inner_html=body_html></div>
                <p><a href=link.clone() style=format!("color: {color};")>{open.clone()}</a></p>
                <p style="color: #666; font-size: 0.85em;">{footer.clone()}" "<a href=unsubscribe_url.clone()>{unsubscribe_words.clone()}</a></p>
            </body>
        </html>
    }
    .to_html();
    let to = Mailbox::new(Some(n.customer_name.clone()).filter(|name| !name.is_empty()), n.customer_email.parse()?);
    let thread = inbound::ticket_thread_id(n.ticket_number, &n.workspace_slug, host);
    let raw = |name: &'static str, value: String| HeaderValue::new(HeaderName::new_from_ascii_str(name), value);
    let sender = if n.from_name.is_empty() { n.workspace_name.clone() } else { n.from_name.clone() };
    let mut builder =
        Message::builder().from(Mailbox::new(Some(sender.clone()), mailer.from.clone())).to(to).subject(subject);
    // Replies come back to the portal when it takes mail in; otherwise to
    // the address the admins set, if any.
    if let Some(inbound) = &state.inbound_address {
        builder = builder.reply_to(Mailbox::new(Some(sender), inbound.reply_address(reply).parse()?));
    } else if !n.reply_to.is_empty() {
        builder = builder.reply_to(Mailbox::new(Some(sender), n.reply_to.parse()?));
    }
    Ok(builder
        .message_id(Some(inbound::reply_message_id(n.message_id, &n.workspace_slug, host)))
        .in_reply_to(thread.clone())
        .references(thread)
        .raw_header(raw("List-Unsubscribe", format!("<{unsubscribe_url}>")))
        .raw_header(raw("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()))
        .multipart(MultiPart::alternative_plain_html(text, html))?)
}

// --- Unsubscribing --------------------------------------------------------

pub fn router() -> Router<AppState> {
    Router::new().route("/p/{workspace}/unsubscribe", get(unsubscribe_page).post(unsubscribe))
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// The link in a mail: a page with one button, so that a mail scanner
/// following links unsubscribes nobody.
async fn unsubscribe_page(headers: HeaderMap, Path(slug): Path<String>, Query(query): Query<TokenQuery>) -> Response {
    let locale = request_locale(&headers, Locale::default());
    let token = query.token.unwrap_or_default();
    let action = format!(
        "/p/{slug}/unsubscribe?token={}",
        form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>()
    );
    let body = view! {
        <p>{locale.t("mail-unsubscribe-ask")}</p>
        <form method="post" action=action>
            <button type="submit" data-testid="unsubscribe">{locale.t("mail-unsubscribe")}</button>
        </form>
    };
    plain_page(locale, &locale.t("mail-unsubscribe"), StatusCode::OK, body.to_html())
}

/// The button, and RFC 8058's one-click POST (`List-Unsubscribe=One-Click`).
async fn unsubscribe(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<TokenQuery>,
) -> Response {
    let locale = request_locale(&headers, Locale::default());
    let token = query.token.as_deref().and_then(SessionToken::parse);
    let done = match (state.find_workspace(&slug).await, token) {
        (Ok(ws), Some(token)) => state.store.unsubscribe(ws.id, &token.hash()).await,
        _ => Ok(false),
    };
    let (status, id) = match done {
        Ok(true) => (StatusCode::OK, "mail-unsubscribed"),
        Ok(false) => (StatusCode::NOT_FOUND, "mail-unsubscribe-unknown"),
        Err(error) => {
            tracing::error!(%error, "unsubscribing failed");
            (StatusCode::SERVICE_UNAVAILABLE, "error-unavailable")
        }
    };
    let body = view! { <p class="notice" data-testid="status">{locale.t(id)}</p> };
    plain_page(locale, &locale.t("mail-unsubscribe"), status, body.to_html())
}
