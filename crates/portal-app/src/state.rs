//! Server-side plumbing of the server functions: the shared state, the
//! session check every customer-data function goes through, and mapping
//! failures to statuses and logs.

use crate::error::PortalError;
pub use crate::session::Credential;
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use portal_core::{CustomerScope, SessionKind, WorkspaceSlug};
use portal_store::{BlobStore, Store, StoreError, Workspace};
use std::sync::Arc;

/// What every request handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    /// Where attachment contents live.
    pub blobs: Arc<dyn BlobStore>,
    pub leptos_options: LeptosOptions,
    /// The portal's public origin: what the snippet loads from, and the
    /// only origin the console accepts forms from.
    pub public_url: portal_core::Origin,
    /// Reverse proxies in front of the portal: for requests from them, the
    /// console's limit on failed sign-ins counts the address they forwarded.
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// Rate limits, password-hashing slots and the default attachment quota.
    pub limits: Arc<crate::limits::Limits>,
    /// Whether an SMTP server is configured: without one, customers get no
    /// email (the console says so) and notifications wait.
    pub mail_configured: bool,
    /// Where customers' mail comes in (`inbound_address`): notifications
    /// carry reply addresses under it, and mail in is read against it.
    pub inbound_address: Option<portal_core::inbound::InboundAddress>,
    /// Private networks webhooks may go to anyway (`webhook_allowed_networks`).
    pub webhook_networks: Arc<portal_core::webhook::AllowedNetworks>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The language of the request being answered: the one its page was
/// given (an `/embed` page: the server's frame policy chose it), else the
/// best of the browser's `Accept-Language` (the frame sends its page's
/// language with every call), else `fallback`.
pub fn page_locale_or(fallback: portal_i18n::Locale) -> portal_i18n::Locale {
    locale_of(use_context::<axum::http::request::Parts>().as_ref(), fallback)
}

/// [`page_locale_or`] for a request read earlier. Code that runs after an
/// `.await` in a resource of a server-rendered page reads the request
/// before its first `.await` and calls this: by then the page may be gone
/// (its client hung up), and looking a context up in the reactive owner
/// tree while it is being torn down on another thread deadlocks.
pub fn locale_of(request: Option<&axum::http::request::Parts>, fallback: portal_i18n::Locale) -> portal_i18n::Locale {
    let Some(parts) = request else { return fallback };
    if let Some(locale) = parts.extensions.get::<portal_i18n::Locale>() {
        return *locale;
    }
    let header = parts.headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    portal_i18n::Locale::negotiate(None, header, fallback)
}

/// [`page_locale_or`] English.
pub fn page_locale() -> portal_i18n::Locale {
    page_locale_or(portal_i18n::Locale::default())
}

pub fn now_millis() -> i64 {
    let since_epoch =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("the clock is after 1970");
    i64::try_from(since_epoch.as_millis()).expect("time fits in i64 milliseconds")
}

impl AppState {
    /// The workspace named in a request, or 404.
    pub async fn workspace(&self, slug: &str) -> Result<Workspace, PortalError> {
        self.find_workspace(slug).await.map_err(fail)
    }

    /// [`AppState::workspace`] without setting the response's status, for
    /// code that may not look the response up (see [`locale_of`]).
    pub async fn find_workspace(&self, slug: &str) -> Result<Workspace, PortalError> {
        let slug = WorkspaceSlug::parse(slug).map_err(|_| PortalError::UnknownWorkspace)?;
        match self.store.workspace_by_slug(&slug).await {
            Ok(Some(ws)) => Ok(ws),
            Ok(None) => Err(PortalError::UnknownWorkspace),
            Err(e) => Err(Self::store_problem(e)),
        }
    }

    /// The one mapping of store failures for the frame's transports (server
    /// functions, uploads, the live socket): the customer's own mistakes in
    /// their words (4xx); corrupt data and anything else logged with its
    /// cause and answered with a message that carries no detail.
    pub fn store_error(&self, error: StoreError) -> PortalError {
        fail(Self::store_problem(error))
    }

    /// [`AppState::store_error`] without setting the response's status,
    /// for code that may not look the response up (see [`locale_of`]).
    pub fn store_problem(error: StoreError) -> PortalError {
        let customer_error = match &error {
            // Another customer's ticket is "not found", exactly like a missing one.
            StoreError::NotFound => PortalError::NotFound,
            StoreError::TicketClosed => PortalError::TicketClosed,
            StoreError::KeyReused => PortalError::KeyReused,
            StoreError::NotParticipant => PortalError::NotParticipant,
            StoreError::Invalid(message) => PortalError::Invalid(message.clone()),
            // Damaged data is ours, not the customer's: its detail goes to the log only.
            StoreError::Corrupt(_) => PortalError::Internal,
            e if e.is_unavailable() => PortalError::Unavailable,
            _ => PortalError::Internal,
        };
        if matches!(customer_error, PortalError::Internal | PortalError::Unavailable) {
            tracing::error!(%error, "store call failed");
        }
        customer_error
    }

    /// The origins that may embed the workspace's portal: those its admins
    /// allow, and the portal's own, where the console tests it as a customer.
    pub fn embed_origins(&self, workspace: &Workspace) -> Vec<portal_core::Origin> {
        let mut origins = workspace.allowed_origins.clone();
        if !origins.contains(&self.public_url) {
            origins.push(self.public_url.clone());
        }
        origins
    }

    /// Where the workspace's standalone portal is: its own host name, under
    /// the public address's scheme, else the portal's public origin.
    pub fn portal_origin(&self, workspace: &Workspace) -> String {
        match &workspace.standalone.host {
            Some(host) => format!("{}://{}", self.public_url.scheme(), host.as_str()),
            None => self.public_url.as_str().to_string(),
        }
    }

    /// The workspace a session belongs to.
    pub async fn workspace_of(&self, scope: &CustomerScope) -> Result<Workspace, PortalError> {
        match self.store.workspace(scope.workspace_id()).await {
            Ok(Some(ws)) => Ok(ws),
            Ok(None) => Err(fail(PortalError::SessionEnded)),
            Err(e) => Err(self.store_error(e)),
        }
    }

    pub fn audit(&self, event: &str, workspace: &WorkspaceSlug, detail: &str) {
        tracing::info!(target: "audit", event, workspace = %workspace, detail);
    }
}

/// The counter of refused sign-ins, by where they were tried and why.
pub const SIGN_INS_REFUSED: &str = "portal_sign_ins_refused_total";

/// Where a sign-in was tried: the embedded portal's `init`, the standalone
/// portal, or the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    Embed,
    Standalone,
    Console,
}

/// Counts a refused sign-in. `reason` is one of a fixed few words (never
/// anything the caller sent), so the metric's series stay few.
pub fn sign_in_refused(surface: SignIn, reason: &'static str) {
    let surface = match surface {
        SignIn::Embed => "embed",
        SignIn::Standalone => "standalone",
        SignIn::Console => "console",
    };
    metrics::counter!(SIGN_INS_REFUSED, "surface" => surface, "reason" => reason).increment(1);
}

/// Where the request being answered reached `workspace`'s standalone
/// portal: its own host name when the request was sent there (`Host`),
/// else the portal's public origin. Where its sign-ins return to, and
/// what the customer's access log and session list show.
pub fn request_origin(state: &AppState, workspace: &Workspace) -> String {
    let parts = use_context::<Parts>();
    standalone_origin(state, workspace, parts.as_ref().map(|p| &p.headers))
}

/// [`request_origin`] for a request's headers. Only a host name the
/// workspace's admins set counts: any other `Host` is the public origin.
pub fn standalone_origin(state: &AppState, workspace: &Workspace, headers: Option<&axum::http::HeaderMap>) -> String {
    let host = headers.and_then(|h| h.get(header::HOST)).and_then(|v| v.to_str().ok());
    let own =
        workspace.standalone.host.as_ref().filter(|own| host.is_some_and(|h| h.eq_ignore_ascii_case(own.as_str())));
    match own {
        Some(_) => state.portal_origin(workspace),
        None => state.public_url.as_str().to_string(),
    }
}

/// The browser family of the request being answered (see
/// `portal_core::standalone::browser_family`).
pub fn browser() -> &'static str {
    let parts = use_context::<Parts>();
    let agent = parts.as_ref().and_then(|p| p.headers.get(header::USER_AGENT)).and_then(|v| v.to_str().ok());
    portal_core::standalone::browser_family(agent.unwrap_or(""))
}

/// Sets the response status for `error` and hands it back, for `Err(fail(..))`.
pub fn fail(error: PortalError) -> PortalError {
    set_status(use_context::<ResponseOptions>().as_ref(), &error);
    error
}

/// Sets the status (and a rate limit's `Retry-After`) that `error` answers
/// with on `response`, when there is one.
pub fn set_status(response: Option<&ResponseOptions>, error: &PortalError) {
    if let Some(options) = response {
        options.set_status(StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
        if let PortalError::RateLimited { retry_after } = error {
            options.insert_header(header::RETRY_AFTER, HeaderValue::from(*retry_after));
        }
    }
}

/// Customer data must not be kept by any cache.
pub fn no_store() {
    if let Some(options) = use_context::<ResponseOptions>() {
        options.insert_header(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The request's session credential, if any (see [`Credential::of_request`]).
pub fn credential() -> Option<Credential> {
    let state = use_context::<AppState>()?;
    let parts = use_context::<Parts>()?;
    Credential::of_request(&state, &parts.method, &parts.headers)
}

/// The access-control gate: the scope of the request's live session, or 401.
pub async fn customer_scope() -> Result<(AppState, CustomerScope), PortalError> {
    let (state, scope, _) = customer_session().await?;
    Ok((state, scope))
}

/// [`customer_scope`] and where the session lives (the frame or the
/// standalone portal), for what differs between the two (links, exports).
pub async fn customer_session() -> Result<(AppState, CustomerScope, SessionKind), PortalError> {
    let state = expect_context::<AppState>();
    let credential = credential();
    let scope = session_scope(&state, credential.as_ref()).await?;
    let kind = credential.as_ref().map_or(SessionKind::Embedded, Credential::kind);
    Ok((state, scope, kind))
}

/// The scope of `credential`'s live session (not revoked, not expired, its
/// secret still active, the portal switched on, handed out the way the
/// credential came (a frame's token as a bearer, a standalone session as a
/// cookie), and for the frame's, its origin still one that may embed the
/// portal), else `SessionEnded`, or `NoAccess` when the workspace's
/// audience no longer admits the customer: the one gate of every transport,
/// the server functions above, uploads and the live socket alike.
pub async fn session_scope(state: &AppState, credential: Option<&Credential>) -> Result<CustomerScope, PortalError> {
    let credential = credential.ok_or_else(|| fail(PortalError::SessionEnded))?;
    let Some(token) = credential.token() else {
        tracing::info!(target: "audit", event = "standalone.cross_site_refused");
        return Err(fail(PortalError::CrossSite));
    };
    match state.store.active_session(&token.hash(), now_millis()).await {
        Ok(Some(session)) if session.kind != credential.kind() => Err(fail(PortalError::SessionEnded)),
        // As `embed_origins`: the allowed origins, and the portal's own.
        Ok(Some(session))
            if session.kind == SessionKind::Embedded
                && !session.origin_allowed
                && session.origin != state.public_url.as_str() =>
        {
            Err(fail(PortalError::SessionEnded))
        }
        Ok(Some(session)) => CustomerScope::for_session(&session).ok_or_else(|| fail(PortalError::NoAccess)),
        Ok(None) => Err(fail(PortalError::SessionEnded)),
        Err(e) => Err(state.store_error(e)),
    }
}

/// The Content-Security-Policy of portal pages: scripts only with this
/// response's nonce (plus the WebAssembly bundle), nothing inline otherwise.
/// `frame-ancestors` is added per workspace by the server's embed layer.
pub fn set_page_csp() {
    let (Some(options), Some(nonce)) = (use_context::<ResponseOptions>(), leptos::nonce::use_nonce()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        options.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// A stored public message as the customer's conversation shows it, in
/// `locale` (times relative to `now`): the page's own markup, so that the
/// frame can add it to an open ticket without fetching the page again.
pub fn message_html(locale: portal_i18n::Locale, message: portal_core::PublicMessage, now: i64) -> String {
    crate::pages::message(locale, message, now)
}

/// A stored public message as the portal shows it, Markdown rendered safely.
pub fn message_view(message: portal_core::PublicMessage) -> portal_core::MessageView {
    portal_core::MessageView {
        id: message.id,
        author_kind: message.author_kind,
        author_name: message.author_name,
        body_html: crate::markdown::to_safe_html(&message.body),
        created_at: message.created_at,
        attachments: message.attachments,
    }
}
