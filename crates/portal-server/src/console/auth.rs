//! Console accounts signing in and out: argon2id password hashes, a
//! first-party cookie holding a random token (only its SHA-256 is stored),
//! and a limit on failed sign-ins that slows guessing without locking the
//! account's owner out.

use super::view::{self, Notice, Section};
use crate::credentials::{hash_password, verify_password};
use crate::now_millis;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use leptos::prelude::*;
use portal_app::session::CONSOLE_COOKIE;
use portal_app::state::{AppState, SignIn, sign_in_refused};
use portal_core::access::{ActiveAgent, AgentScope};
use portal_core::console::Role;
use portal_core::{AgentId, Email, SessionToken, WorkspaceSlug};
use portal_i18n::{Arg, Locale};
use portal_store::NewAgentSession;
use serde::Deserialize;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// How long a console sign-in lasts.
const SESSION_HOURS: i64 = 12;

/// Checked against when the account does not exist, so that an unknown
/// email takes as long to refuse as a wrong password.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("decoy password, never anyone's").unwrap_or_default());

/// Every password slot is taken (see [`with_password_slot`]).
pub struct Busy;

/// How long a refused password check is told to wait.
const BUSY_RETRY_SECS: u32 = 2;

/// Runs a password hash or check on the blocking pool in one of the
/// bounded slots, or refuses at once when all are taken: each check holds
/// about 19 MiB, and nothing must queue without end. The slot goes with the
/// work, so it stays taken until the hash ends even if the request is gone.
/// `Ok(None)`: the work panicked.
pub async fn with_password_slot<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Option<T>, Busy> {
    let slot = state.limits.password_slot().ok_or(Busy)?;
    let done = tokio::task::spawn_blocking(move || {
        let result = work();
        drop(slot);
        result
    });
    Ok(done.await.ok())
}

/// `response` as the answer to a password check refused for [`Busy`]: 503
/// with `Retry-After`.
pub fn busy(mut response: Response) -> Response {
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(BUSY_RETRY_SECS));
    response
}

/// `response` as the answer to an attempt the [`LoginLimiter`] holds back:
/// 429 with `Retry-After`.
pub fn held(mut response: Response, wait: Duration) -> Response {
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
    response
}

/// The whole minutes a held attempt waits, for a page that says so.
pub fn minutes(wait: Duration) -> Arg<'static> {
    Arg::from(wait.as_secs().div_ceil(60))
}

/// What a page says when [`Busy`].
pub fn busy_notice(locale: Locale) -> Notice {
    Notice::Refused(locale.t("console-busy"))
}

/// A signed-in console account, the hash of its session's token, and the
/// language its pages are in (the browser's choice, else the workspace's
/// default). Pages that take it send anyone else to the sign-in page.
pub struct Signed(pub ActiveAgent, pub Vec<u8>, pub Locale);

impl Signed {
    pub fn scope(&self) -> AgentScope {
        AgentScope::for_console(&self.0)
    }
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(token) = CONSOLE_COOKIE.token(state, &parts.headers) else {
            return Err(Redirect::to("/console/login").into_response());
        };
        let hash = token.hash();
        let unavailable = |error: portal_store::StoreError| {
            tracing::error!(%error, "looking up a console session failed");
            let locale = view::request_locale(&parts.headers, Locale::default());
            view::plain(locale, StatusCode::SERVICE_UNAVAILABLE, "console-unavailable")
        };
        let agent = match state.store.active_agent(&hash, now_millis()).await {
            Ok(Some(agent)) => agent,
            Ok(None) => return Err(Redirect::to("/console/login").into_response()),
            Err(error) => return Err(unavailable(error)),
        };
        let default = match state.store.workspace(agent.workspace_id).await {
            Ok(ws) => ws.map(|ws| ws.default_locale).unwrap_or_default(),
            Err(error) if error.is_unavailable() => return Err(unavailable(error)),
            // A workspace row that fails its checks is the page's to report
            // (500, naming nothing); its language is not worth a 503.
            Err(error) => {
                tracing::error!(%error, "reading the workspace's default language failed");
                Locale::default()
            }
        };
        let locale = view::request_locale(&parts.headers, default);
        Ok(Self(agent, hash, locale))
    }
}

/// A signed-in admin and the language of their pages; an agent is told the
/// page is for admins.
pub struct Admin(pub ActiveAgent, pub Locale);

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Signed(agent, _, locale) = Signed::from_request_parts(parts, state).await?;
        if agent.role != Role::Admin {
            let text = locale.t("console-admins-only");
            return Err(view::problem(locale, StatusCode::FORBIDDEN, Some(&agent), &text));
        }
        Ok(Self(agent, locale))
    }
}

/// Failed sign-ins counted per address and account, and per address, in
/// fixed windows. Over the limit, sign-ins from there wait (429 with
/// `Retry-After`) while the account's owner, elsewhere, is not held up.
///
/// An attempt counts as failed from before its password is checked (see
/// [`LoginLimiter::reserve`]): the check is slow, so attempts sent at once
/// would otherwise all be checked before any of them was counted.
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

const WINDOW: Duration = Duration::from_secs(15 * 60);
const PER_ACCOUNT: u32 = 5;
const PER_ADDRESS: u32 = 50;
/// Past this many keys, windows that have ended are forgotten.
const TRACKED_KEYS: usize = 10_000;

impl LoginLimiter {
    fn keys(ip: IpAddr, account: &str) -> Vec<(String, u32)> {
        vec![(format!("{ip} {account}"), PER_ACCOUNT), (ip.to_string(), PER_ADDRESS)]
    }

    /// A password change's current password is counted per account alone:
    /// whoever holds a stolen sign-in may ask from anywhere.
    fn password_change_keys(agent: AgentId) -> Vec<(String, u32)> {
        vec![(format!("password change {}", agent.0), PER_ACCOUNT)]
    }

    /// Counts an attempt as failed, if another is allowed now; else how
    /// long until one is. Checked and counted under one lock.
    fn reserve(&self, ip: IpAddr, account: &str) -> Result<(), Duration> {
        self.reserve_keys(Self::keys(ip, account))
    }

    fn reserve_keys(&self, keys: Vec<(String, u32)>) -> Result<(), Duration> {
        let mut failures = self.failures.lock().expect("the limiter lock is never poisoned");
        let wait = keys
            .iter()
            .filter_map(|(key, limit)| {
                let (count, since) = failures.get(key)?;
                (*count >= *limit).then(|| WINDOW.saturating_sub(since.elapsed())).filter(|d| !d.is_zero())
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        if failures.len() > TRACKED_KEYS {
            failures.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        for (key, _) in keys {
            let entry = failures.entry(key).or_insert((0, Instant::now()));
            if entry.1.elapsed() >= WINDOW {
                *entry = (0, Instant::now());
            }
            entry.0 += 1;
        }
        Ok(())
    }

    /// Gives back a reserved attempt whose password could not be checked.
    fn release(&self, ip: IpAddr, account: &str) {
        self.release_keys(&Self::keys(ip, account));
    }

    fn release_keys(&self, keys: &[(String, u32)]) {
        let mut failures = self.failures.lock().expect("the limiter lock is never poisoned");
        for (key, _) in keys {
            if let Some(entry) = failures.get_mut(key) {
                entry.0 = entry.0.saturating_sub(1);
            }
        }
    }

    /// The password was right: the attempt is given back, and the address
    /// and account start afresh.
    fn succeeded(&self, ip: IpAddr, account: &str) {
        self.forgive(&Self::keys(ip, account));
    }

    /// Gives the attempt back and forgets the first key's failures.
    fn forgive(&self, keys: &[(String, u32)]) {
        self.release_keys(keys);
        self.failures.lock().expect("the limiter lock is never poisoned").remove(&keys[0].0);
    }

    /// Before checking a password change's current password: `Err` with
    /// how long to wait when the account has had too many wrong ones.
    pub fn reserve_password_change(&self, agent: AgentId) -> Result<(), Duration> {
        self.reserve_keys(Self::password_change_keys(agent))
    }

    /// After the check (`Some(right)`), or when none could run (`None`):
    /// a right password starts the account afresh, one not checked only
    /// gives its attempt back, a wrong one stays counted.
    pub fn password_change_checked(&self, agent: AgentId, right: Option<bool>) {
        match right {
            Some(true) => self.forgive(&Self::password_change_keys(agent)),
            None => self.release_keys(&Self::password_change_keys(agent)),
            Some(false) => {}
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    workspace: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn login_view(locale: Locale, form: &LoginForm, notice: &Option<Notice>) -> Response {
    let body = view! {
        <form method="post" action="/console/login" class="card narrow" data-testid="login-form">
            <label>{locale.t("console-login-workspace")} <input name="workspace" required autocomplete="organization" value=form.workspace.clone() /></label>
            <label>{locale.t("console-login-email")} <input name="email" type="email" required autocomplete="username" value=form.email.clone() /></label>
            <label>{locale.t("console-login-password")} <input name="password" type="password" required autocomplete="current-password" /></label>
            <button type="submit">{locale.t("console-sign-in")}</button>
        </form>
    }
    .to_html();
    view::page(locale, &locale.t("console-sign-in"), None, Section::SignIn, notice, body)
}

/// Before signing in, the browser's language (else English).
fn login_locale(headers: &HeaderMap) -> Locale {
    view::request_locale(headers, Locale::default())
}

pub async fn login_page(headers: HeaderMap) -> Response {
    login_view(login_locale(&headers), &LoginForm::default(), &None)
}

/// Where a request came from: the peer, or, when the peer is a trusted
/// proxy, the last address in `X-Forwarded-For` that is not a trusted proxy
/// too. Each proxy appends the address it heard from, so entries before
/// that one are the client's to make up; a garbled entry counts the proxy.
pub(crate) fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|value| value.to_str().unwrap_or("?").split(','))
        .map(str::trim)
        .collect();
    for entry in forwarded.into_iter().rev() {
        match entry.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return ip,
            Err(_) => return peer,
        }
    }
    peer
}

pub async fn login(
    State(state): State<AppState>,
    Extension(limiter): Extension<Arc<LoginLimiter>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let locale = login_locale(&headers);
    let peer = peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |Extension(ConnectInfo(addr))| addr.ip());
    let ip = client_address(peer, &headers, &state.trusted_proxies);
    let account = format!("{}/{}", form.workspace.trim(), form.email.trim().to_lowercase());
    if let Err(wait) = limiter.reserve(ip, &account) {
        sign_in_refused(SignIn::Console, "rate_limited");
        let notice = locale.t_args("console-sign-in-held", &[("minutes", minutes(wait))]);
        return held(login_view(locale, &form, &Some(Notice::Refused(notice))), wait);
    }
    match check_credentials(&state, locale, &form).await {
        // Said only to someone who knows the password.
        Ok(Some(agent)) if agent.paused => {
            limiter.succeeded(ip, &account);
            sign_in_refused(SignIn::Console, "paused");
            let notice = Notice::Refused(locale.t("console-sign-in-paused"));
            let mut response = login_view(locale, &form, &Some(notice));
            *response.status_mut() = StatusCode::FORBIDDEN;
            response
        }
        Ok(Some(agent)) => {
            limiter.succeeded(ip, &account);
            start_session(&state, locale, &agent).await
        }
        Ok(None) => {
            tracing::info!(target: "audit", event = "console.sign_in_failed", workspace = form.workspace.trim());
            let notice = Notice::Refused(locale.t("console-sign-in-wrong"));
            let mut response = login_view(locale, &form, &Some(notice));
            *response.status_mut() = StatusCode::UNAUTHORIZED;
            response
        }
        Err(response) => {
            limiter.release(ip, &account);
            response
        }
    }
}

/// The account the form names, if the password is its own.
async fn check_credentials(
    state: &AppState,
    locale: Locale,
    form: &LoginForm,
) -> Result<Option<portal_store::Agent>, Response> {
    let unavailable = |error: portal_store::StoreError| super::store_problem(locale, None, error);
    let (Ok(slug), Ok(email)) = (WorkspaceSlug::parse(form.workspace.trim()), Email::parse(form.email.trim())) else {
        sign_in_refused(SignIn::Console, "unknown_account");
        return Ok(None);
    };
    let workspace = state.store.workspace_by_slug(&slug).await.map_err(unavailable)?;
    let credentials = match &workspace {
        Some(ws) => state.store.agent_credentials(ws.id, &email).await.map_err(unavailable)?,
        None => None,
    };
    let password = form.password.clone();
    let (agent, hash) = match credentials {
        Some((agent, hash)) => (Some(agent), Some(hash)),
        None => (None, None),
    };
    // The decoy is read in the slot too: its first use hashes it.
    let check = move || verify_password(&password, hash.as_deref().unwrap_or(&DECOY_HASH));
    match with_password_slot(state, check).await {
        Ok(matches) => {
            let refusal = match (&agent, matches) {
                (None, _) => Some("unknown_account"),
                (Some(_), Some(true)) => None,
                (Some(_), Some(false)) => Some("wrong_password"),
                // The check itself failed (it panicked).
                (Some(_), None) => Some("check_failed"),
            };
            if let Some(reason) = refusal {
                sign_in_refused(SignIn::Console, reason);
            }
            Ok(agent.filter(|_| matches == Some(true)))
        }
        Err(Busy) => {
            sign_in_refused(SignIn::Console, "busy");
            tracing::warn!("a console sign-in was refused: every password slot is taken");
            Err(busy(login_view(locale, form, &Some(busy_notice(locale)))))
        }
    }
}

async fn start_session(state: &AppState, locale: Locale, agent: &portal_store::Agent) -> Response {
    let token = SessionToken::from_random(rand::random());
    let now = now_millis();
    let new = NewAgentSession {
        workspace_id: agent.workspace_id,
        agent_id: agent.id,
        token_hash: token.hash(),
        expires_at: now + SESSION_HOURS * 3_600_000,
    };
    if let Err(error) = state.store.open_agent_session(&new, now).await {
        tracing::error!(%error, "opening a console session failed");
        return view::plain(locale, StatusCode::SERVICE_UNAVAILABLE, "console-unavailable");
    }
    tracing::info!(target: "audit", event = "console.signed_in", agent = agent.id.0, workspace = agent.workspace_id.0);
    let mut response = Redirect::to("/console/inbox").into_response();
    response.headers_mut().insert(header::SET_COOKIE, CONSOLE_COOKIE.set(state, token.as_str(), SESSION_HOURS * 3600));
    response
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = CONSOLE_COOKIE.token(&state, &headers)
        && let Err(error) = state.store.revoke_agent_session(&token.hash(), now_millis()).await
    {
        tracing::error!(%error, "ending a console session failed");
        return view::plain(login_locale(&headers), StatusCode::SERVICE_UNAVAILABLE, "console-unavailable");
    }
    let mut response = Redirect::to("/console/login").into_response();
    response.headers_mut().insert(header::SET_COOKIE, CONSOLE_COOKIE.set(&state, "", 0));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_is_believed_only_from_a_trusted_proxy() {
        let ip = |raw: &str| raw.parse::<IpAddr>().unwrap();
        let forwarded = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
            headers
        };
        let (proxy, inner) = (ip("10.0.0.5"), ip("10.0.0.6"));
        let trusted = [proxy, inner];
        let via = |value: &str| client_address(proxy, &forwarded(value), &trusted);
        assert_eq!(via("203.0.113.7"), ip("203.0.113.7"));
        // The client may have written the first entries; the proxies wrote the last.
        assert_eq!(via("198.51.100.1, 203.0.113.7, 10.0.0.6"), ip("203.0.113.7"));
        assert_eq!(via("2001:db8::1"), ip("2001:db8::1"));
        assert_eq!(via("203.0.113.7, not-an-address"), proxy, "garbled: the proxy is counted");
        assert_eq!(client_address(proxy, &HeaderMap::new(), &trusted), proxy, "nothing forwarded");
        assert_eq!(via("10.0.0.6"), proxy, "only proxies: the nearest is counted");
        // Anyone else's header is ignored.
        let stranger = ip("203.0.113.9");
        assert_eq!(client_address(stranger, &forwarded("198.51.100.1"), &trusted), stranger);
        assert_eq!(client_address(proxy, &forwarded("198.51.100.1"), &[]), proxy, "no proxy trusted");
    }

    #[test]
    fn a_password_change_not_checked_gives_back_only_its_own_attempt() {
        let limiter = LoginLimiter::default();
        let (agent, other) = (AgentId(7), AgentId(8));
        for _ in 0..PER_ACCOUNT - 1 {
            limiter.reserve_password_change(agent).unwrap();
            limiter.password_change_checked(agent, Some(false));
        }
        limiter.reserve_password_change(agent).unwrap();
        limiter.password_change_checked(agent, None);
        limiter.reserve_password_change(agent).unwrap();
        assert!(limiter.reserve_password_change(agent).is_err(), "a busy answer forgave no wrong password");
        assert_eq!(limiter.reserve_password_change(other), Ok(()), "another account is not held");
        limiter.password_change_checked(agent, Some(true));
        assert_eq!(limiter.reserve_password_change(agent), Ok(()), "the right password starts afresh");
    }

    #[test]
    fn the_limiter_holds_an_address_and_account_but_not_others() {
        let limiter = LoginLimiter::default();
        let here: IpAddr = "192.0.2.1".parse().unwrap();
        let there: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..PER_ACCOUNT {
            assert_eq!(limiter.reserve(here, "acme/dana@acme.test"), Ok(()));
        }
        assert!(limiter.reserve(here, "acme/dana@acme.test").is_err_and(|d| d <= WINDOW));
        assert_eq!(limiter.reserve(there, "acme/dana@acme.test"), Ok(()), "the owner elsewhere is not locked out");
        assert_eq!(limiter.reserve(here, "acme/sam@acme.test"), Ok(()));
        limiter.succeeded(there, "acme/dana@acme.test");
        assert!(limiter.reserve(here, "acme/dana@acme.test").is_err());
    }

    #[test]
    fn an_attempt_not_checked_or_right_is_given_back() {
        let limiter = LoginLimiter::default();
        let here: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..PER_ACCOUNT - 1 {
            limiter.reserve(here, "acme/dana@acme.test").unwrap();
        }
        limiter.reserve(here, "acme/dana@acme.test").unwrap();
        limiter.release(here, "acme/dana@acme.test");
        limiter.reserve(here, "acme/dana@acme.test").unwrap();
        assert!(limiter.reserve(here, "acme/dana@acme.test").is_err(), "the fifth counted once");
        let fresh = LoginLimiter::default();
        for _ in 0..PER_ACCOUNT - 1 {
            fresh.reserve(here, "acme/dana@acme.test").unwrap();
        }
        fresh.reserve(here, "acme/dana@acme.test").unwrap();
        fresh.succeeded(here, "acme/dana@acme.test");
        assert_eq!(fresh.failures.lock().unwrap()["192.0.2.1"].0, PER_ACCOUNT - 1, "the address keeps the failures");
        assert_eq!(fresh.reserve(here, "acme/dana@acme.test"), Ok(()), "a right password starts afresh");
    }
}
