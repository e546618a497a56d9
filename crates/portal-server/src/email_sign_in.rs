//! Email sign-in for the standalone portal, where an admin turned it on and
//! mail goes out: the visitor gives their email, and a customer the
//! workspace knows gets a mail with a code and a link, each signing them in
//! once within [`LIFETIME`], the code with [`TRIES`] tries in all.
//!
//! - `GET /p/{ws}/sign-in` shows the form (see `standalone::sign_in`).
//! - `POST /p/{ws}/sign-in/email` (`email`, `return_to`): answers the same
//!   page, in the same time, whether the email is known or not; the mail
//!   goes out in the background. Asking is limited per address and per
//!   client address.
//! - `POST /p/{ws}/sign-in/code` (`email`, `code`, `return_to`): signs in,
//!   or says the code is wrong or expired.
//! - `GET /p/{ws}/sign-in/link?code=&return_to=`: the mail's link; used or
//!   expired, it goes back to the form with a notice, never an error page.
//!
//! The forms are state-changing requests: only from the portal's own pages.

use crate::mail::Mailer;
use crate::standalone::{enabled_workspace, opening, plain_page, refusal, return_query, sign_in_path, signed_in};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use governor::{DefaultKeyedRateLimiter, Quota};
use leptos::prelude::*;
use portal_app::PortalError;
use portal_app::session::from_own_pages;
use portal_app::sign_in::{open_for, site_login};
use portal_app::state::{AppState, SignIn, now_millis, sign_in_refused, standalone_origin};
use portal_core::standalone::return_path;
use portal_core::{Email, Millis, SessionToken};
use portal_i18n::Locale;
use portal_store::{NewEmailSignIn, Workspace};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// How long a code and its link work.
pub const LIFETIME: Millis = 15 * 60 * 1000;
/// Wrong codes before the sign-in ends.
pub const TRIES: u32 = 5;

/// What the routes share: where mail goes out, and how often one may ask.
#[derive(Clone)]
pub struct EmailSignIn {
    mailer: Option<Mailer>,
    per_address: Arc<DefaultKeyedRateLimiter<String>>,
    per_client: Arc<DefaultKeyedRateLimiter<IpAddr>>,
}

impl EmailSignIn {
    pub fn new(mailer: Option<Mailer>) -> Self {
        // Three codes for one address at once, then one every five minutes;
        // ten from one client address, then one a minute.
        let quota = |burst: u32, every: u64| {
            Quota::with_period(Duration::from_secs(every))
                .expect("a period")
                .allow_burst(NonZeroU32::new(burst).expect("a burst"))
        };
        Self {
            mailer,
            per_address: Arc::new(DefaultKeyedRateLimiter::keyed(quota(3, 300))),
            per_client: Arc::new(DefaultKeyedRateLimiter::keyed(quota(10, 60))),
        }
    }

    /// Whether the workspace offers it: turned on, with mail going out.
    pub fn offered(&self, ws: &Workspace) -> bool {
        ws.standalone.email_sign_in && self.mailer.is_some()
    }
}

/// The routes; the [`EmailSignIn`] comes as an `Extension` of the whole
/// router, since the sign-in page needs it too.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/p/{workspace}/sign-in/email", post(ask))
        .route("/p/{workspace}/sign-in/code", post(code))
        .route("/p/{workspace}/sign-in/link", get(link))
}

/// What the sign-in page says above its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    None,
    /// The mail's link was used or has expired.
    LinkUsed,
    /// That was not an email address.
    BadEmail,
    /// Too many codes asked for lately.
    Wait,
}

/// The sign-in page: the email form, and the site's login where custom
/// sign-on is set.
pub fn form_page(
    state: &AppState,
    ws: &Workspace,
    headers: &HeaderMap,
    locale: Locale,
    return_to: &str,
    notice: Notice,
) -> Response {
    let action = format!("/p/{}/sign-in/email", ws.slug);
    let site = (!ws.standalone.sign_in_url.is_empty()).then(|| site_login(state, ws, Some(headers), Some(return_to)));
    let (notice, status) = match notice {
        Notice::None => (None, StatusCode::OK),
        Notice::LinkUsed => (Some(locale.t("email-sign-in-link-used")), StatusCode::OK),
        Notice::BadEmail => (Some(locale.t("email-sign-in-bad-email")), StatusCode::BAD_REQUEST),
        Notice::Wait => (Some(locale.t("email-sign-in-wait")), StatusCode::TOO_MANY_REQUESTS),
    };
    let body = view! {
        <h1><bdi>{ws.name.clone()}</bdi></h1>
        {notice.map(|text| view! { <p class="notice" role="alert" data-testid="status">{text}</p> })}
        <form method="post" action=action class="sign-in">
            <p>{locale.t("email-sign-in-intro")}</p>
            <input type="hidden" name="return_to" value=return_to.to_string() />
            <label for="sign-in-email">{locale.t("email-sign-in-email")}</label>
            <input id="sign-in-email" type="email" name="email" required autocomplete="email" data-testid="sign-in-email" />
            <button type="submit" data-testid="sign-in-send">{locale.t("email-sign-in-send")}</button>
        </form>
        {site.map(|href| view! { <p><a href=href data-testid="sign-in-site">{locale.t("email-sign-in-site")}</a></p> })}
    };
    plain_page(locale, &ws.name, status, body.to_html())
}

/// The page after asking: the code's form, for whichever address was given.
fn code_page(ws: &Workspace, locale: Locale, email: &str, return_to: &str, wrong: bool) -> Response {
    let action = format!("/p/{}/sign-in/code", ws.slug);
    let again = sign_in_path(ws, return_to);
    let (notice, role) = if wrong {
        (locale.t("email-sign-in-wrong"), "alert")
    } else {
        (locale.t_args("email-sign-in-sent", &[("email", email.to_string().into())]), "status")
    };
    let status = if wrong { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let body = view! {
        <h1><bdi>{ws.name.clone()}</bdi></h1>
        <p class="notice" role=role data-testid="status">{notice}</p>
        <form method="post" action=action class="sign-in">
            <input type="hidden" name="return_to" value=return_to.to_string() />
            <input type="hidden" name="email" value=email.to_string() />
            <label for="sign-in-code">{locale.t("email-sign-in-code")}</label>
            <input id="sign-in-code" name="code" required inputmode="numeric" autocomplete="one-time-code"
                pattern="[0-9]{8}" maxlength="8" data-testid="sign-in-code" />
            <button type="submit" data-testid="sign-in-submit">{locale.t("email-sign-in-submit")}</button>
        </form>
        <p><a href=again data-testid="sign-in-again">{locale.t("email-sign-in-new-code")}</a></p>
    };
    plain_page(locale, &ws.name, status, body.to_html())
}

#[derive(Deserialize)]
struct AskForm {
    email: String,
    #[serde(default)]
    return_to: String,
}

/// Checks made before every form: the workspace offers email sign-in and
/// the form came from the portal's own pages.
async fn offering(
    state: &AppState,
    email: &EmailSignIn,
    method: &Method,
    headers: &HeaderMap,
    slug: &str,
) -> Result<(Workspace, Locale), Response> {
    let (ws, locale) = enabled_workspace(state, headers, slug).await?;
    if !email.offered(&ws) {
        return Err(refusal(locale, Some(&ws), &PortalError::PageNotFound));
    }
    if !from_own_pages(state, method, headers) {
        return Err(refusal(locale, Some(&ws), &PortalError::CrossSite));
    }
    Ok((ws, locale))
}

async fn ask(
    State(state): State<AppState>,
    Extension(email): Extension<EmailSignIn>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(form): Form<AskForm>,
) -> Response {
    let (ws, locale) = match offering(&state, &email, &method, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let return_to = return_path(ws.slug.as_str(), Some(&form.return_to));
    let Ok(address) = Email::parse(form.email.trim()) else {
        return form_page(&state, &ws, &headers, locale, &return_to, Notice::BadEmail);
    };
    let client = crate::console::client_address(peer.ip(), &headers, &state.trusted_proxies);
    if email.per_client.check_key(&client).is_err() || email.per_address.check_key(&address.key()).is_err() {
        sign_in_refused(SignIn::Standalone, "email_rate_limited");
        return form_page(&state, &ws, &headers, locale, &return_to, Notice::Wait);
    }
    // The answer does not wait for the lookup or the mail: it is the same,
    // in content and in time, for an address the workspace knows or not.
    let origin = standalone_origin(&state, &ws, Some(&headers));
    let mail = SignInMail { ws: ws.clone(), address: address.clone(), locale, origin, return_to: return_to.clone() };
    tokio::spawn(send_code(state.clone(), email.clone(), mail));
    code_page(&ws, locale, address.as_str(), &return_to, false)
}

/// Starts the sign-in and mails its code and link, for a customer the
/// workspace knows who may sign in; for anyone else, nothing.
/// What a sign-in mail is made from.
struct SignInMail {
    ws: Workspace,
    address: Email,
    /// The language of the page it was asked from.
    locale: Locale,
    /// Where the visitor reached the portal: the link goes back there.
    origin: String,
    return_to: String,
}

async fn send_code(state: AppState, email: EmailSignIn, mail: SignInMail) {
    let SignInMail { ws, address, locale, origin, return_to } = mail;
    let Some(mailer) = email.mailer else { return };
    let customer = match state.store.customer_by_email(ws.id, &address).await {
        Ok(Some(customer)) if !customer.disabled => customer,
        Ok(_) => return,
        Err(error) => {
            tracing::warn!(%error, "looking up an email sign-in's customer failed");
            return;
        }
    };
    let code = format!("{:08}", rand::random_range(0..100_000_000u32));
    let link = SessionToken::from_random(rand::random());
    let started = NewEmailSignIn {
        workspace_id: ws.id,
        customer_id: customer.id,
        code_hash: code_hash(&code),
        link_hash: link.hash(),
        tries: TRIES,
        expires_at: now_millis() + LIFETIME,
    };
    if let Err(error) = state.store.start_email_sign_in(&started).await {
        tracing::warn!(%error, "starting an email sign-in failed");
        return;
    }
    let href = format!("{origin}/p/{}/sign-in/link?code={}&{}", ws.slug, link.as_str(), return_query(&return_to));
    if let Err(error) = mailer.send_sign_in(&ws, &customer, locale, &code, &href).await {
        tracing::warn!(%error, "mailing a sign-in code failed");
    }
}

fn code_hash(code: &str) -> Vec<u8> {
    Sha256::digest(code.as_bytes()).to_vec()
}

#[derive(Deserialize)]
struct CodeForm {
    email: String,
    code: String,
    #[serde(default)]
    return_to: String,
}

async fn code(
    State(state): State<AppState>,
    Extension(email): Extension<EmailSignIn>,
    method: Method,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Form(form): Form<CodeForm>,
) -> Response {
    let (ws, locale) = match offering(&state, &email, &method, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let return_to = return_path(ws.slug.as_str(), Some(&form.return_to));
    let code = form.code.trim();
    let address = Email::parse(form.email.trim());
    let well_formed = code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit());
    let now = now_millis();
    let customer = match (&address, well_formed) {
        (Ok(address), true) => match state.store.redeem_email_code(ws.id, address, &code_hash(code), now).await {
            Ok(customer) => customer,
            Err(error) => return refusal(locale, Some(&ws), &state.store_error(error)),
        },
        _ => None,
    };
    let Some(customer) = customer else {
        sign_in_refused(SignIn::Standalone, "wrong_code");
        return code_page(&ws, locale, form.email.trim(), &return_to, true);
    };
    sign_in(&state, &ws, &headers, locale, customer, &return_to, now).await
}

#[derive(Deserialize)]
struct LinkQuery {
    code: Option<String>,
    return_to: Option<String>,
}

async fn link(
    State(state): State<AppState>,
    Extension(email): Extension<EmailSignIn>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<LinkQuery>,
) -> Response {
    let (ws, locale) = match enabled_workspace(&state, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let return_to = return_path(ws.slug.as_str(), query.return_to.as_deref());
    let now = now_millis();
    let customer = match query.code.as_deref().and_then(SessionToken::parse) {
        Some(code) if email.offered(&ws) => {
            state.store.redeem_email_link(ws.id, &code.hash(), now).await.ok().flatten()
        }
        _ => None,
    };
    match customer {
        Some(customer) => sign_in(&state, &ws, &headers, locale, customer, &return_to, now).await,
        None => {
            sign_in_refused(SignIn::Standalone, "used_link");
            Redirect::to(&format!("{}&link=used", sign_in_path(&ws, &return_to))).into_response()
        }
    }
}

/// Opens the standalone session with the workspace's newest secret (so
/// retiring it ends the session, as for every sign-in) and goes on.
async fn sign_in(
    state: &AppState,
    ws: &Workspace,
    headers: &HeaderMap,
    locale: Locale,
    customer: portal_store::Customer,
    return_to: &str,
    now: Millis,
) -> Response {
    let opened = async {
        let secrets = state.store.active_secrets(ws.id, now).await.map_err(|e| state.store_error(e))?;
        let secret = secrets.last().ok_or(PortalError::NotVerified)?;
        open_for(state, ws, customer, secret.id, &opening(state, ws, headers), now).await
    };
    match opened.await {
        Ok(opened) => signed_in(state, ws, &opened.token, Some(return_to)),
        Err(error) => refusal(locale, Some(ws), &error),
    }
}
