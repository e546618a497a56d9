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
mod integrations;
mod people;
mod rules;
mod settings;
mod view;

pub(crate) use auth::client_address;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use portal_app::state::AppState;
use portal_core::access::ActiveAgent;
use portal_i18n::Locale;
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
        .route("/console/tickets/{number}/participants", post(inbox::change_participants))
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
        .route("/console/rules", get(rules::page).post(rules::add))
        .route("/console/rules/{id}", post(rules::change))
        .route("/console/business-hours", post(rules::business_hours))
        .route("/console/integrations", get(integrations::page))
        .route("/console/integrations/slack", post(integrations::slack))
        .route("/console/integrations/webhooks", post(integrations::add))
        .route("/console/integrations/webhooks/{id}", get(integrations::log).post(integrations::change))
        .route("/console/integrations/webhooks/{id}/redeliver", post(integrations::redeliver))
        .route("/console/accounts", get(accounts::page).post(accounts::add))
        .route("/console/accounts/{id}", post(accounts::change))
        .route("/console/password", get(accounts::password_page).post(accounts::change_password))
        .route("/console/name", post(accounts::change_name))
        .route("/console/slack-member", post(accounts::link_slack_member))
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
        let locale = view::request_locale(request.headers(), portal_i18n::Locale::default());
        return view::plain(locale, StatusCode::FORBIDDEN, "console-cross-site");
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
/// and answered 500 with no detail. The text is a reason, to follow a lead
/// such as "Nothing was changed:".
pub(crate) fn store_failure(locale: Locale, error: StoreError) -> (StatusCode, String) {
    match error {
        // The store's own words (English): it checks what only it can.
        StoreError::Invalid(message) | StoreError::Conflict(message) => (StatusCode::BAD_REQUEST, sentence(message)),
        StoreError::UnknownCompany(key) => {
            (StatusCode::BAD_REQUEST, locale.t_args("console-store-no-company", &[("key", key.to_string().into())]))
        }
        StoreError::UnknownCustomer(email) => (
            StatusCode::BAD_REQUEST,
            locale.t_args("console-store-no-customer", &[("email", email.as_str().to_string().into())]),
        ),
        StoreError::CreatorTakesPart => (StatusCode::BAD_REQUEST, locale.t("console-store-creator-takes-part")),
        StoreError::NotParticipant => (StatusCode::BAD_REQUEST, locale.t("console-store-not-participant")),
        StoreError::KeyReused => (StatusCode::BAD_REQUEST, locale.t("console-store-key-reused")),
        StoreError::TicketClosed => (StatusCode::BAD_REQUEST, locale.t("console-store-ticket-closed")),
        StoreError::NotFound => (StatusCode::NOT_FOUND, locale.t("console-store-not-found")),
        e if e.is_unavailable() => {
            tracing::error!(error = %e, "a console store call failed");
            (StatusCode::SERVICE_UNAVAILABLE, locale.t("console-store-unavailable"))
        }
        e => {
            tracing::error!(error = %e, "a console store call failed");
            (StatusCode::INTERNAL_SERVER_ERROR, locale.t("console-store-failed"))
        }
    }
}

/// `text` ending as a sentence does.
pub(crate) fn sentence(mut text: String) -> String {
    if !text.ends_with(['.', '!', '?', '\u{3002}']) {
        text.push('.');
    }
    text
}

/// A page saying why a store call failed, with [`store_failure`]'s status.
pub(crate) fn store_problem(locale: Locale, who: Option<&ActiveAgent>, error: StoreError) -> Response {
    let (status, text) = store_failure(locale, error);
    view::problem(locale, status, who, &text)
}

/// The notice of a form a store call refused or failed, after `lead` (a
/// message taking the `$reason`, e.g. `console-nothing-changed`): a
/// refusal (400) or a failure with its status.
pub(crate) fn store_notice(locale: Locale, lead: &str, error: StoreError) -> view::Notice {
    match store_failure(locale, error) {
        (status, text) if status.is_server_error() => view::Notice::Failed(status, led(locale, lead, text)),
        (_, text) => view::Notice::Refused(led(locale, lead, text)),
    }
}

/// `reason` after its lead: "Nothing was changed: …".
pub(crate) fn led(locale: Locale, lead: &str, reason: String) -> String {
    locale.t_args(lead, &[("reason", reason.into())])
}

/// A refusal's notice: "Nothing was changed: `reason`".
pub(crate) fn unchanged(locale: Locale, reason: String) -> view::Notice {
    view::Notice::Refused(led(locale, "console-nothing-changed", reason))
}

/// Why a console form changed nothing: the account's input, in words for
/// the page (a whole reason, in the page's language), or a store call's
/// failure (see [`store_notice`]).
pub(crate) enum Refusal {
    Input(String),
    Store(StoreError),
}

impl Refusal {
    pub(crate) fn notice(self, locale: Locale, lead: &str) -> view::Notice {
        match self {
            Self::Input(text) => view::Notice::Refused(led(locale, lead, text)),
            Self::Store(error) => store_notice(locale, lead, error),
        }
    }
}

impl From<String> for Refusal {
    fn from(text: String) -> Self {
        Self::Input(text)
    }
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}
