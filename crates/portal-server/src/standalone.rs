//! The standalone portal: the same pages as the frame at `/p/{workspace}`
//! (and on a workspace's own host name), signed in with a first-party
//! cookie instead of the frame's bearer token.
//!
//! - `GET /p/{ws}/sign-in?return_to=` sends a visitor to the site's login
//!   page (custom sign-on) with `return_to`: the address of
//!   `/p/{ws}/sso?return_to=<page>`, to which the site adds `&jwt=<token>`
//!   once its user is logged in. Without custom sign-on it says where to
//!   sign in instead.
//! - `GET /p/{ws}/sso?jwt=&return_to=` verifies the token as the frame's
//!   `init` does (HS256, every active secret, `aud`, lifetime, single-use
//!   `jti`), opens a standalone session, sets the cookie and returns to the
//!   page asked for (only ever a page of this portal).
//! - Where email sign-in is offered, `GET /p/{ws}/sign-in` shows its form
//!   instead (see `email_sign_in`), with the site's login beside it.
//! - `GET /p/{ws}/new-tab?code=` redeems the frame's one-time code
//!   ("Open in a new tab") the same way; `GET /p/{ws}/link?ticket=&code=`
//!   a mail's link (see `mail`), falling back to the sign-in.
//! - Signing out is a server function (`portal_app::account::sign_out`):
//!   a form posted to the portal could not go on to the site's login page,
//!   which the pages' `form-action 'self'` forbids.
//! - `GET /api/portal/account/export` (JSON) and `.../export.zip` (files):
//!   "Download my data", with the frame's token or the cookie.
//!
//! A refusal is a page in the visitor's language saying why, and writes
//! nothing. Page requests without a live session go to the sign-in (see
//! [`gate`]); [`host_routing`] serves each own host name its workspace alone.

use crate::email_sign_in::{EmailSignIn, Notice, form_page};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use leptos::prelude::*;
use portal_app::PortalError;
use portal_app::session::{Credential, PORTAL_COOKIE};
use portal_app::sign_in::{Opening, open_for, open_signed, site_login, verify_token};
use portal_app::state::{AppState, SignIn, now_millis, session_scope, standalone_origin};
use portal_core::standalone::{browser_family, return_path};
use portal_core::{AccessEvent, AccessEventKind, CustomerScope, Origin, PortalHost, SessionKind, SessionToken};
use portal_i18n::Locale;
use portal_store::{CodePurpose, Workspace};
use serde::Deserialize;

/// The paths below `/p/{workspace}` that are not pages.
const ENDPOINTS: [&str; 5] = ["sign-in", "sso", "new-tab", "link", "unsubscribe"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/p/{workspace}/sign-in", get(sign_in))
        .route("/p/{workspace}/sso", get(sso))
        .route("/p/{workspace}/new-tab", get(new_tab))
        .route("/p/{workspace}/link", get(mail_link))
        .route("/api/portal/account/export", get(export_json))
        .route("/api/portal/account/export.zip", get(export_zip))
}

/// The workspace and the page below `/p/{workspace}` a path names.
fn split_path(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("/p/")?;
    Some(rest.split_once('/').unwrap_or((rest, "")))
}

/// Every standalone page (`/p/{workspace}/...` but the sign-in endpoints):
/// the workspace must exist with its portal on, and the visitor must have a
/// live standalone session of it, else they are sent to sign in (and come
/// back to this page). Pages are in the browser's language, never cached,
/// never framed.
pub async fn gate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some((slug, page)) = split_path(request.uri().path()) else {
        return next.run(request).await;
    };
    // `sign-in/email`, `sign-in/code` and `sign-in/link` are endpoints too.
    if ENDPOINTS.contains(&page.split('/').next().unwrap_or(page)) {
        return next.run(request).await;
    }
    let (ws, locale) = match enabled_workspace(&state, request.headers(), slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let signed_in = match PORTAL_COOKIE.token(&state, request.headers()) {
        Some(token) => {
            let credential = Credential::Cookie(token);
            matches!(session_scope(&state, Some(&credential)).await, Ok(scope) if scope.workspace_id() == ws.id)
        }
        None => false,
    };
    if !signed_in {
        let asked = request.uri().path_and_query().map_or("", |p| p.as_str());
        return Redirect::to(&sign_in_path(&ws, asked)).into_response();
    }
    request.extensions_mut().insert(locale);
    let mut response = next.run(request).await;
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Requests to a workspace's own host name: `/` is its portal, which is
/// served with what its pages load (the API, the bundle, the stylesheet);
/// anything else, another workspace's portal included, is not found. Any
/// other host is served as the portal's public address.
pub async fn host_routing(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let public_host = state.public_url.as_str().split_once("://").map_or("", |(_, host)| host);
    // An address is never a workspace's host name: no lookup for it.
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    if host.is_empty() || host.eq_ignore_ascii_case(public_host) || name.parse::<std::net::IpAddr>().is_ok() {
        return next.run(request).await;
    }
    let Ok(Some(host)) = PortalHost::parse(host) else {
        return next.run(request).await;
    };
    let ws = match state.store.workspace_by_host(&host).await {
        Ok(Some(ws)) => ws,
        Ok(None) => return next.run(request).await,
        Err(error) => {
            tracing::error!(%error, "looking up a host name failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "The support portal is temporarily unavailable.").into_response();
        }
    };
    let path = request.uri().path();
    let own = split_path(path).is_some_and(|(slug, _)| slug == ws.slug.as_str());
    let shared = ["/api/portal/", "/pkg/", "/assets/portal.css", "/healthz"].iter().any(|p| path.starts_with(p));
    if path == "/" {
        Redirect::to(&format!("/p/{}/", ws.slug)).into_response()
    } else if own || shared {
        next.run(request).await
    } else {
        let locale = request_locale(request.headers(), ws.default_locale);
        refusal(locale, None, &PortalError::PageNotFound)
    }
}

#[derive(Deserialize)]
struct SignInQuery {
    return_to: Option<String>,
    /// `used`: back from an email sign-in link that was used or expired.
    link: Option<String>,
}

async fn sign_in(
    State(state): State<AppState>,
    Extension(email): Extension<EmailSignIn>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<SignInQuery>,
) -> Response {
    let (ws, locale) = match enabled_workspace(&state, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    if email.offered(&ws) {
        let return_to = return_path(ws.slug.as_str(), query.return_to.as_deref());
        let notice = if query.link.as_deref() == Some("used") { Notice::LinkUsed } else { Notice::None };
        return form_page(&state, &ws, &headers, locale, &return_to, notice);
    }
    if ws.standalone.sign_in_url.is_empty() {
        return page(locale, &ws.name, StatusCode::OK, locale.t("standalone-sign-in-from-site"), None);
    }
    Redirect::to(&site_login(&state, &ws, Some(&headers), query.return_to.as_deref())).into_response()
}

#[derive(Deserialize)]
struct SsoQuery {
    jwt: Option<String>,
    return_to: Option<String>,
}

async fn sso(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<SsoQuery>,
) -> Response {
    let (ws, locale) = match enabled_workspace(&state, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let Some(jwt) = query.jwt.filter(|jwt| !jwt.is_empty()) else {
        let missing = PortalError::TokenRefused(portal_core::TokenRefusal::Malformed);
        return refusal(locale, Some(&ws), &missing);
    };
    let now = now_millis();
    let opened = async {
        let signed = verify_token(&state, &ws, &jwt, SignIn::Standalone, now).await?;
        open_signed(&state, &ws, signed, &opening(&state, &ws, &headers), now).await
    };
    match opened.await {
        Ok(opened) => signed_in(&state, &ws, &opened.token, query.return_to.as_deref()),
        Err(error) => refusal(locale, Some(&ws), &error),
    }
}

#[derive(Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

async fn new_tab(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<CodeQuery>,
) -> Response {
    let (ws, locale) = match enabled_workspace(&state, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let used = PortalError::CodeUsed;
    let Some(code) = query.code.as_deref().and_then(SessionToken::parse) else {
        portal_app::state::sign_in_refused(SignIn::Standalone, "bad_code");
        return refusal(locale, Some(&ws), &used);
    };
    let now = now_millis();
    let opened = async {
        let redeemed = state.store.redeem_sign_in_code(ws.id, CodePurpose::NewTab, &code.hash(), now).await;
        let Some(redeemed) = redeemed.map_err(|e| state.store_error(e))? else {
            portal_app::state::sign_in_refused(SignIn::Standalone, "used_code");
            return Err(used.clone());
        };
        open_for(&state, &ws, redeemed.customer, redeemed.secret_id, &opening(&state, &ws, &headers), now).await
    };
    match opened.await {
        Ok(opened) => signed_in(&state, &ws, &opened.token, None),
        Err(error) => refusal(locale, Some(&ws), &error),
    }
}

#[derive(Deserialize)]
struct LinkQuery {
    code: Option<String>,
    ticket: Option<String>,
}

/// A mail's link to its ticket: signs the customer in once within a day
/// and opens the ticket. A used, expired or refused link is no error: it
/// goes to the sign-in, which comes back to the ticket.
async fn mail_link(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(query): Query<LinkQuery>,
) -> Response {
    let (ws, _) = match enabled_workspace(&state, &headers, &slug).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let digits = query.ticket.filter(|t| !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()));
    let ticket = digits.map_or_else(|| format!("/p/{}/", ws.slug), |n| format!("/p/{}/tickets/{n}", ws.slug));
    let now = now_millis();
    if let Some(code) = query.code.as_deref().and_then(SessionToken::parse) {
        let redeemed = state.store.redeem_sign_in_code(ws.id, CodePurpose::MailLink, &code.hash(), now).await;
        if let Ok(Some(redeemed)) = redeemed {
            let opening = opening(&state, &ws, &headers);
            if let Ok(opened) = open_for(&state, &ws, redeemed.customer, redeemed.secret_id, &opening, now).await {
                return signed_in(&state, &ws, &opened.token, Some(&ticket));
            }
        }
    }
    Redirect::to(&sign_in_path(&ws, &ticket)).into_response()
}

/// The workspace's sign-in page, coming back to `return_to` once signed in.
pub(crate) fn sign_in_path(ws: &Workspace, return_to: &str) -> String {
    format!("/p/{}/sign-in?{}", ws.slug, return_query(return_to))
}

/// `return_to=<page>`, for a query.
pub(crate) fn return_query(return_to: &str) -> String {
    form_urlencoded::Serializer::new(String::new()).append_pair("return_to", return_to).finish()
}

/// The session's cookie is set and the visitor goes to the page they asked
/// for, of this portal only.
pub(crate) fn signed_in(state: &AppState, ws: &Workspace, token: &SessionToken, return_to: Option<&str>) -> Response {
    let lifetime_secs = ws.session_lifetime.millis() / 1000;
    let mut response = Redirect::to(&return_path(ws.slug.as_str(), return_to)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, PORTAL_COOKIE.set(state, token.as_str(), lifetime_secs));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Where a standalone session opens: the origin the visitor reached the
/// portal at, in their browser family.
pub(crate) fn opening(state: &AppState, ws: &Workspace, headers: &HeaderMap) -> Opening {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin =
        Origin::parse(&standalone_origin(state, ws, Some(headers))).unwrap_or_else(|_| state.public_url.clone());
    Opening {
        kind: SessionKind::Standalone,
        origin,
        browser: browser_family(agent),
        surface: SignIn::Standalone,
        language: request_locale(headers, ws.default_locale),
    }
}

/// The workspace named `slug`, with its portal on, and the visitor's
/// language there; else the page saying why not.
pub(crate) async fn enabled_workspace(
    state: &AppState,
    headers: &HeaderMap,
    slug: &str,
) -> Result<(Workspace, Locale), Response> {
    let found = async {
        let ws = state.find_workspace(slug).await?;
        if !state.store.portal_enabled(ws.id).await.map_err(|e| state.store_error(e))? {
            return Err(PortalError::NotEnabled);
        }
        Ok(ws)
    };
    match found.await {
        Ok(ws) => {
            let locale = request_locale(headers, ws.default_locale);
            Ok((ws, locale))
        }
        Err(error) => Err(refusal(request_locale(headers, Locale::default()), None, &error)),
    }
}

/// The first of the browser's languages the portal speaks, else `fallback`.
pub(crate) fn request_locale(headers: &HeaderMap, fallback: Locale) -> Locale {
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(None, accepted, fallback)
}

/// A refused sign-in or page: why, in the visitor's language, with its
/// status, and the way to sign in again where there is one.
pub(crate) fn refusal(locale: Locale, ws: Option<&Workspace>, error: &PortalError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let again = ws.map(|ws| format!("/p/{}/sign-in", ws.slug));
    let name = ws.map_or("", |ws| ws.name.as_str());
    page(locale, name, status, portal_app::words::error_in(locale, error), again)
}

/// A small page of the standalone portal that is not one of its pages
/// (those are the app's): a message, and perhaps a link to sign in.
fn page(
    locale: Locale,
    workspace_name: &str,
    status: StatusCode,
    message: String,
    sign_in: Option<String>,
) -> Response {
    let title = if workspace_name.is_empty() { locale.t("page-title") } else { workspace_name.to_string() };
    let is_error = !status.is_success();
    let role = if is_error { "alert" } else { "status" };
    let body = view! {
        <h1><bdi>{title.clone()}</bdi></h1>
        <p class="notice" class:error=is_error role=role data-testid="status">{message}</p>
        {sign_in.map(|href| view! { <p><a href=href data-testid="sign-in-again">{locale.t("standalone-sign-in-again")}</a></p> })}
    };
    plain_page(locale, &title, status, body.to_html())
}

/// A page of the portal's own look around `body` (HTML), never cached:
/// what the portal says outside its app (sign-in refusals, unsubscribing).
pub(crate) fn plain_page(locale: Locale, title: &str, status: StatusCode, body: String) -> Response {
    let html = view! {
        <!DOCTYPE html>
        <html lang=locale.tag() dir=locale.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="no-referrer" />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/assets/portal.css" />
                <title>{title.to_string()}</title>
            </head>
            <body>
                <main class="portal standalone-notice" inner_html=body></main>
            </body>
        </html>
    }
    .to_html();
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Forgets access-log lines older than `days`, every hour, for as long as
/// the server runs.
pub async fn forget_old_access(state: AppState, days: u32) {
    let keep = i64::from(days) * 24 * 60 * 60 * 1000;
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
    loop {
        every_hour.tick().await;
        match state.store.purge_access_log(now_millis() - keep).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "forgot access-log lines past their keeping time"),
            Err(error) => tracing::warn!(%error, "purging the access log failed"),
        }
    }
}

// --- "Download my data" ----------------------------------------------------

/// The customer of the request's session, from a bearer token or (from the
/// portal's own pages only: a download writes to the access log) a cookie.
async fn exporter(state: &AppState, headers: &HeaderMap) -> Result<(CustomerScope, SessionKind), PortalError> {
    // Checked as a state-changing request would be.
    let credential = Credential::of_request(state, &Method::POST, headers);
    let scope = session_scope(state, credential.as_ref()).await?;
    Ok((scope, credential.map_or(SessionKind::Embedded, |c| c.kind())))
}

/// Everything the customer gave or was told: their profile, and the
/// tickets they opened with their public messages and the list of files.
/// Internal notes are never part of a ticket the store hands a scope.
async fn collect(state: &AppState, scope: &CustomerScope) -> Result<serde_json::Value, PortalError> {
    let store_error = |e| state.store_error(e);
    let me = state.store.customer(scope).await.map_err(store_error)?;
    let companies = state.store.customer_companies(scope.workspace_id(), scope.customer_id()).await;
    let companies = companies.map_err(store_error)?;
    let own = state.store.list_own_tickets(scope, EXPORT_TICKETS).await.map_err(store_error)?;
    let mut tickets = Vec::with_capacity(own.len());
    for summary in own {
        if let Some(detail) = state.store.ticket_detail(scope, summary.number).await.map_err(store_error)? {
            tickets.push(detail);
        }
    }
    Ok(serde_json::json!({
        "exportedAt": now_millis(),
        "profile": { "email": me.email, "name": me.name, "companies": companies },
        "tickets": tickets.iter().map(|t| serde_json::json!({
            "number": t.number,
            "title": t.title,
            "description": t.description,
            "status": t.status,
            "type": t.ticket_type,
            "createdAt": t.created_at,
            "updatedAt": t.updated_at,
            "attributes": t.attributes,
            "files": t.attachments,
            "messages": t.messages.iter().map(|m| serde_json::json!({
                "author": m.author_name,
                "authorKind": m.author_kind,
                "body": m.body,
                "createdAt": m.created_at,
                "files": m.attachments,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    }))
}

/// The most tickets an export holds.
const EXPORT_TICKETS: u32 = 10_000;

async fn record_export(state: &AppState, scope: &CustomerScope, kind: SessionKind, headers: &HeaderMap) {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin = match (kind, state.workspace_of(scope).await) {
        (SessionKind::Standalone, Ok(ws)) => standalone_origin(state, &ws, Some(headers)),
        _ => state.public_url.as_str().to_string(),
    };
    let event = AccessEvent {
        at: now_millis(),
        event: AccessEventKind::Exported,
        kind,
        origin,
        browser: browser_family(agent).into(),
    };
    if let Err(error) = state.store.record_access(scope.workspace_id(), scope.customer_id(), &event).await {
        tracing::error!(%error, "recording an export failed");
    }
}

async fn export_json(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let exported = async {
        let (scope, kind) = exporter(&state, &headers).await?;
        let data = collect(&state, &scope).await?;
        record_export(&state, &scope, kind, &headers).await;
        Ok::<_, PortalError>(data)
    };
    match exported.await {
        Ok(data) => download("application/json", "my-data.json", serde_json::to_vec_pretty(&data).unwrap_or_default()),
        Err(error) => api_refusal(&error),
    }
}

async fn export_zip(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let exported = async {
        let (scope, kind) = exporter(&state, &headers).await?;
        let data = collect(&state, &scope).await?;
        let archive = archive(&state, &scope, &data).await?;
        record_export(&state, &scope, kind, &headers).await;
        Ok::<_, PortalError>(archive)
    };
    match exported.await {
        Ok(archive) => download("application/zip", "my-files.zip", archive),
        Err(error) => api_refusal(&error),
    }
}

/// `my-data.json`, and each file under `ticket-{number}/{id}-{name}`,
/// read through the customer's scope.
async fn archive(state: &AppState, scope: &CustomerScope, data: &serde_json::Value) -> Result<Vec<u8>, PortalError> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "writing an export archive failed");
        PortalError::Internal
    };
    let mut files = Vec::new();
    for ticket in data["tickets"].as_array().into_iter().flatten() {
        let number = ticket["number"].as_i64().unwrap_or_default();
        let messages = ticket["messages"].as_array().into_iter().flatten().map(|m| &m["files"]);
        for list in std::iter::once(&ticket["files"]).chain(messages) {
            for file in list.as_array().into_iter().flatten() {
                let (Some(id), Some(name)) = (file["id"].as_i64(), file["name"].as_str()) else { continue };
                files.push((number, id, name.to_string()));
            }
        }
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    zip.start_file("my-data.json", options).map_err(|e| failed(&e))?;
    zip.write_all(&serde_json::to_vec_pretty(data).unwrap_or_default()).map_err(|e| failed(&e))?;
    for (number, id, name) in files {
        let stored = state.store.customer_attachment(scope, portal_core::AttachmentId(id)).await;
        let Some(stored) = stored.map_err(|e| state.store_error(e))? else { continue };
        let content = state.blobs.get(&stored.blob_key).await.map_err(|e| failed(&e))?;
        zip.start_file(format!("ticket-{number}/{id}-{name}"), options).map_err(|e| failed(&e))?;
        zip.write_all(&content).map_err(|e| failed(&e))?;
    }
    let cursor = zip.finish().map_err(|e| failed(&e))?;
    Ok(cursor.into_inner())
}

fn download(content_type: &'static str, name: &'static str, body: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).expect("a plain name"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn api_refusal(error: &PortalError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, axum::Json(error)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
