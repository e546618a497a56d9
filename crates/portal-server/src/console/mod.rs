//! The console under `/console/`: where admins configure the portal and
//! get its embed code, and agents work tickets, customers and companies.
//!
//! Pages are Leptos templates rendered on the server (see `view`), and
//! every change is a plain HTML form posted back, so the console needs no
//! browser bundle and works without JavaScript; `console.js` only adds
//! copy buttons and the audience's live preview. Accounts sign in with a
//! first-party cookie (see `auth`), and every form is checked to come from
//! the portal's own pages (see [`same_origin_only`]). An account is an
//! [`portal_core::AgentScope`] of its own workspace: every read and write
//! goes through the store with that scope or that workspace's id.

mod accounts;
mod auth;
mod embed_code;
mod inbox;
mod people;
mod settings;
mod view;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use portal_app::state::AppState;
use portal_store::StoreError;
use std::sync::Arc;

/// Pages may load the console's own script, style and images, frame the
/// portal (to test it as a customer), post forms only to the console, and
/// be framed by nobody.
const CONSOLE_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; \
                           connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; \
                           frame-ancestors 'none'";
/// Largest form accepted: room for every setting at its limits (the
/// frame's pages keep their smaller limit).
const MAX_FORM_BYTES: usize = 256 * 1024;

pub fn router(state: &AppState) -> Router<AppState> {
    let limiter = Arc::new(auth::LoginLimiter::default());
    Router::new()
        .route("/console", get(|| async { Redirect::to("/console/inbox") }))
        .route("/console/login", get(auth::login_page).post(auth::login))
        .route("/console/logout", post(auth::logout))
        .route("/console/inbox", get(inbox::inbox))
        .route("/console/tickets/{number}", get(inbox::ticket).post(inbox::update_ticket))
        .route("/console/tickets/{number}/messages", post(inbox::post_message))
        .route("/console/customers", get(people::customers))
        .route("/console/customers/{id}", get(people::customer).post(people::update_customer))
        .route("/console/customers/{id}/access", post(people::set_access))
        .route("/console/companies", get(people::companies).post(people::save_company))
        .route("/console/companies/{key}", get(people::company))
        .route("/console/companies/{key}/members", post(people::change_members))
        .route("/console/settings", get(settings::page))
        .route("/console/settings/{section}", post(settings::save))
        .route("/console/audience-preview", post(settings::audience_preview))
        .route("/console/visibility-preview", post(settings::visibility_preview))
        .route("/console/embed", get(embed_code::page))
        .route("/console/embed/{action}", post(embed_code::act))
        .route("/console/test-as", get(embed_code::test_as))
        .route("/console/accounts", get(accounts::page).post(accounts::add))
        .route("/console/accounts/{id}", post(accounts::change))
        .route("/console/password", get(accounts::password_page).post(accounts::change_password))
        .route("/console/name", post(accounts::change_name))
        .route("/assets/console.css", get(|| asset("text/css", include_str!("../../../../public/console.css"))))
        .route("/assets/console.js", get(|| asset("text/javascript", include_str!("../../../../public/console.js"))))
        .layer(axum::Extension(limiter))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_FORM_BYTES))
}

/// Every console request: forms only from the console's own pages, and
/// pages neither cached, framed, sniffed nor referred.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !same_origin_only(&state, request.method(), request.headers()) {
        tracing::info!(target: "audit", event = "console.cross_site_refused", path = request.uri().path());
        return (StatusCode::FORBIDDEN, "This form must be sent from the console's own pages.").into_response();
    }
    let is_page = request.uri().path().starts_with("/console");
    let mut response = next.run(request).await;
    if is_page {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONSOLE_CSP));
    }
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

async fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

/// Refuses a state-changing request that a browser says came from another
/// site: `Sec-Fetch-Site` must be `same-origin`, or, from browsers that do
/// not send it, `Origin` must be the portal's own. A request with neither
/// is refused too: the console is used from its own pages only.
fn same_origin_only(state: &AppState, method: &Method, headers: &axum::http::HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD) {
        return true;
    }
    let text = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    match (text("sec-fetch-site"), text(header::ORIGIN.as_str())) {
        (Some(site), _) => site == "same-origin",
        (None, Some(origin)) => origin == state.public_url.as_str(),
        (None, None) => false,
    }
}

/// The console's one mapping of store failures: the account's mistakes in
/// their own words (400; 404 for what is not there), the database out of
/// reach (503), anything else, corrupt data included, logged with its cause
/// and answered 500 with no detail.
pub(crate) fn store_failure(error: StoreError) -> (StatusCode, String) {
    match error {
        StoreError::Invalid(message) | StoreError::Conflict(message) => (StatusCode::BAD_REQUEST, message),
        StoreError::UnknownCompany(key) => (StatusCode::BAD_REQUEST, format!("there is no company {key}")),
        e @ (StoreError::KeyReused | StoreError::TicketClosed) => (StatusCode::BAD_REQUEST, e.to_string()),
        StoreError::NotFound => (StatusCode::NOT_FOUND, "not found".into()),
        e if e.is_unavailable() => {
            tracing::error!(error = %e, "a console store call failed");
            (StatusCode::SERVICE_UNAVAILABLE, "the database is not available right now; nothing was changed".into())
        }
        e => {
            tracing::error!(error = %e, "a console store call failed");
            let text = "something went wrong on the server (its log says what); nothing was changed";
            (StatusCode::INTERNAL_SERVER_ERROR, text.into())
        }
    }
}

/// A page saying why a store call failed, with [`store_failure`]'s status.
pub(crate) fn store_problem(who: Option<&portal_core::access::ActiveAgent>, error: StoreError) -> Response {
    let (status, text) = store_failure(error);
    view::problem(status, who, &text)
}

/// The notice of a form a store call refused or failed, after `lead`
/// ("Nothing was changed"): a refusal (400) or a failure with its status.
pub(crate) fn store_notice(lead: &str, error: StoreError) -> view::Notice {
    match store_failure(error) {
        (status, text) if status.is_server_error() => view::Notice::Failed(status, format!("{lead}: {text}.")),
        (_, text) => view::Notice::Refused(format!("{lead}: {text}.")),
    }
}

/// Why a console form changed nothing: the account's input, in words for
/// the page, or a store call's failure (see [`store_notice`]).
pub(crate) enum Refusal {
    Input(String),
    Store(StoreError),
}

impl Refusal {
    pub(crate) fn notice(self, lead: &str) -> view::Notice {
        match self {
            Self::Input(text) => view::Notice::Refused(format!("{lead}: {text}.")),
            Self::Store(error) => store_notice(lead, error),
        }
    }
}

impl From<String> for Refusal {
    fn from(text: String) -> Self {
        Self::Input(text)
    }
}

impl From<&str> for Refusal {
    fn from(text: &str) -> Self {
        Self::Input(text.to_string())
    }
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}
