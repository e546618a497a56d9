//! Server functions of the customer's own account, in the frame and on the
//! standalone portal: who is signed in, handing the frame's session to a
//! new tab, and signing out everywhere. The account page itself is one of
//! the pages (`api::page`), the export a plain download (the server's
//! `standalone::export`).

use crate::client::BearerClient;
use crate::error::PortalError;
#[cfg(feature = "ssr")]
use crate::state::{customer_session, fail, now_millis};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The signed-in customer, as the standalone portal's header shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub email: String,
    /// The newest event now: the live socket starts after it.
    pub live_after: i64,
}

/// How long a new-tab code works.
pub const NEW_TAB_CODE_MS: i64 = 60_000;

#[server(prefix = "/api/portal", endpoint = "account/me", input = Json, client = BearerClient)]
pub async fn who_am_i() -> Result<Me, PortalError> {
    let (state, scope, _) = customer_session().await?;
    let customer = state.store.customer(&scope).await.map_err(|e| state.store_error(e))?;
    let live_after = state.store.latest_event_id(scope.workspace_id()).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(Me { name: customer.name, email: customer.email, live_after })
}

/// A one-time code (60 seconds, single use) that hands the frame's session
/// to the standalone portal in a new tab, where the workspace allows it;
/// answers the address to open.
#[server(prefix = "/api/portal", endpoint = "account/new-tab", input = Json, client = BearerClient)]
pub async fn new_tab_code() -> Result<String, PortalError> {
    use portal_core::{SessionKind, SessionToken};
    let (state, scope, kind) = customer_session().await?;
    let ws = state.workspace_of(&scope).await?;
    if kind != SessionKind::Embedded || !ws.standalone.new_tab_allowed {
        return Err(fail(PortalError::NoAccess));
    }
    let Some(crate::state::Credential::Bearer(token)) = crate::state::credential() else {
        return Err(fail(PortalError::SessionEnded));
    };
    let session = state.store.active_session(&token.hash(), now_millis()).await.map_err(|e| state.store_error(e))?;
    let session = session.ok_or_else(|| fail(PortalError::SessionEnded))?;
    crate::limits::spend(&state, crate::limits::Action::Write, &scope)?;
    // The same shape as a session token: 256 random bits, stored as SHA-256.
    let code = SessionToken::from_random(rand::random());
    let now = now_millis();
    let new = portal_store::NewSignInCode {
        purpose: portal_store::CodePurpose::NewTab,
        workspace_id: ws.id,
        customer_id: scope.customer_id(),
        secret_id: session.secret_id,
        code_hash: code.hash(),
        expires_at: now + NEW_TAB_CODE_MS,
    };
    state.store.create_sign_in_code(&new, now).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(format!("{}/p/{}/new-tab?code={}", state.portal_origin(&ws), ws.slug, code.as_str()))
}

/// Ends the standalone portal's session and forgets its cookie; answers
/// where to go: the site's login page (custom sign-on), else the portal's
/// sign-in page.
#[server(prefix = "/api/portal", endpoint = "account/sign-out", input = Json, client = BearerClient)]
pub async fn sign_out() -> Result<String, PortalError> {
    use crate::session::PORTAL_COOKIE;
    let (state, scope, kind) = customer_session().await?;
    let Some(crate::state::Credential::Cookie(token)) =
        crate::state::credential().filter(|_| kind == portal_core::SessionKind::Standalone)
    else {
        return Err(fail(PortalError::SessionEnded));
    };
    let ws = state.workspace_of(&scope).await?;
    state.store.revoke_session(&token.hash(), now_millis()).await.map_err(|e| state.store_error(e))?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(axum::http::header::SET_COOKIE, PORTAL_COOKIE.set(&state, "", 0));
    }
    tracing::info!(target: "audit", event = "session.signed_out", customer = scope.customer_id().0);
    let parts = use_context::<axum::http::request::Parts>();
    Ok(if ws.standalone.sign_in_url.is_empty() {
        format!("/p/{}/sign-in", ws.slug)
    } else {
        crate::sign_in::site_login(&state, &ws, parts.as_ref().map(|p| &p.headers), None)
    })
}

/// Whether the signed-in customer hears of agents' replies by email.
#[server(prefix = "/api/portal", endpoint = "account/email", input = Json, client = BearerClient)]
pub async fn set_email_notifications(on: bool) -> Result<(), PortalError> {
    let (state, scope, _) = customer_session().await?;
    state.store.set_email_notifications(&scope, on).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(())
}

/// Ends every session of the signed-in customer, this one included, in the
/// frame and on the standalone portal; recorded in their access log.
#[server(prefix = "/api/portal", endpoint = "account/sign-out-everywhere", input = Json, client = BearerClient)]
pub async fn sign_out_everywhere() -> Result<u64, PortalError> {
    use portal_core::{AccessEvent, AccessEventKind};
    let (state, scope, kind) = customer_session().await?;
    let now = now_millis();
    let (ws, customer) = (scope.workspace_id(), scope.customer_id());
    let ended = state.store.revoke_customer_sessions(ws, customer, now).await.map_err(|e| state.store_error(e))?;
    let origin = crate::state::request_origin(&state, &state.workspace_of(&scope).await?);
    let event = AccessEvent {
        at: now,
        event: AccessEventKind::SignedOutEverywhere,
        kind,
        origin,
        browser: crate::state::browser().to_string(),
    };
    state.store.record_access(ws, customer, &event).await.map_err(|e| state.store_error(e))?;
    tracing::info!(target: "audit", event = "session.signed_out_everywhere", customer = customer.0, ended);
    Ok(ended)
}
