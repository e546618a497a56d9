//! Server functions of the embedded portal. Each one is an HTTP endpoint
//! under `/api/portal/`; the browser calls them through [`BearerClient`].
//!
//! Customer data is only read through a [`CustomerScope`] made from the
//! bearer token's live session (see `state::customer_scope`).

use crate::client::BearerClient;
use crate::error::PortalError;
#[cfg(feature = "ssr")]
use crate::sign_in::{Opening, Signed, company_keys, open_signed, verify_token};
#[cfg(feature = "ssr")]
use crate::state::{AppState, SignIn, customer_scope, fail, now_millis};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use portal_core::{
    AttachmentId, MessageView, PortalSettings, SessionGrant, TicketCounts, TicketNumber, TicketSummary, TicketView,
};

/// What the frame shows before anyone signs in: public by design.
#[server(prefix = "/api/portal", endpoint = "settings", input = Json, client = BearerClient)]
pub async fn embed_settings(workspace: String) -> Result<PortalSettings, PortalError> {
    // The embed page's resource runs this while the page renders, and the
    // page may be dropped (its client hung up) while it awaits: what it
    // needs of the reactive context is read before the first `.await`
    // (see `state::locale_of`).
    let state = expect_context::<AppState>();
    let request = use_context::<axum::http::request::Parts>();
    let response = use_context::<leptos_axum::ResponseOptions>();
    let settings = settings_of(&state, &workspace, request.as_ref()).await;
    if let Err(error) = &settings {
        crate::state::set_status(response.as_ref(), error);
    }
    settings
}

/// [`embed_settings`] without the reactive context.
#[cfg(feature = "ssr")]
async fn settings_of(
    state: &AppState,
    workspace: &str,
    request: Option<&axum::http::request::Parts>,
) -> Result<PortalSettings, PortalError> {
    let ws = state.find_workspace(workspace).await?;
    if !state.store.portal_enabled(ws.id).await.map_err(AppState::store_problem)? {
        return Err(PortalError::NotEnabled);
    }
    let look = state.store.portal_look(ws.id).await.map_err(AppState::store_problem)?;
    let allowed_origins = state.embed_origins(&ws).into_iter().map(String::from).collect();
    let locale = crate::state::locale_of(request, ws.default_locale);
    Ok(PortalSettings {
        workspace_name: ws.name,
        greeting: ws.translations.greeting(locale.tag(), &ws.greeting).to_string(),
        logo_url: look.logo_url.into(),
        allowed_origins,
        ticket_types: ws.ticket_types,
        reopen_allowed: ws.reopen_allowed,
        attachment_limits: ws.attachment_limits,
        new_tab_allowed: ws.standalone.new_tab_allowed,
    })
}

/// Verifies the host site's signature over the email and opens a session.
/// `origin` is the embedding page's origin as the frame saw it in the
/// message event; it must be one the workspace allows. `companies` (keys,
/// comma-separated) with `companies_hash`, the site's signature over
/// `company_claim(email, companies)`, replaces the customer's companies.
#[server(prefix = "/api/portal", endpoint = "session/open", input = Json, client = BearerClient)]
pub async fn open_session(
    workspace: String,
    origin: String,
    name: String,
    email: String,
    verification_hash: String,
    #[server(default)] companies: Option<String>,
    #[server(default)] companies_hash: String,
) -> Result<SessionGrant, PortalError> {
    use crate::state::sign_in_refused;
    use portal_core::{CustomerName, Email, TokenRefusal, company_claim, verify, verify_email_hash};

    let refused = |reason| sign_in_refused(SignIn::Embed, reason);
    let state = expect_context::<AppState>();
    let (ws, origin) = embed_gate(&state, &workspace, &origin).await?;
    if ws.jwt_only {
        state.audit("session.refused", &ws.slug, "a verification hash where only tokens are accepted");
        refused(TokenRefusal::TokenRequired.reason());
        return Err(fail(PortalError::TokenRefused(TokenRefusal::TokenRequired)));
    }
    let invalid = |e: portal_core::model::ValidationError| {
        refused("invalid_identity");
        fail(e.into())
    };
    let email = Email::parse(&email).map_err(invalid)?;
    email.check_ascii_case().map_err(invalid)?;
    let name = CustomerName::parse(&name).map_err(invalid)?;

    let now = now_millis();
    let secrets = state.store.active_secrets(ws.id, now).await.map_err(|e| state.store_error(e))?;
    let matched = verify_email_hash(secrets.iter().map(|s| s.value.as_bytes()), email.as_str(), &verification_hash);
    let Ok(index) = matched else {
        state.audit("session.refused", &ws.slug, "identity not verified");
        refused("bad_verification_hash");
        return Err(fail(PortalError::NotVerified));
    };

    // A company claim is checked before anything is written.
    let companies = match companies {
        Some(claimed) => {
            // Signed with the secret that verified the email, over this email.
            let secret = [secrets[index].value.as_bytes()];
            if verify(secret, &company_claim(email.as_str(), &claimed), &companies_hash).is_err() {
                state.audit("session.refused", &ws.slug, "company claim not verified");
                refused("bad_companies_hash");
                return Err(fail(PortalError::NotVerified));
            }
            Some(company_keys(claimed.split(','), SignIn::Embed)?)
        }
        None => None,
    };
    let signed = Signed { email, name, companies, secret_id: secrets[index].id };
    grant(&state, &ws, origin, signed, now).await
}

/// Verifies the host site's sign-in token (a JWT, see `portal_core::jwt`)
/// and opens a session: `helpCenter("init", {user: {jwt}})`. `origin` is
/// as for [`open_session`]. The token's `jti` is spent before anything
/// else is written, so it signs in once; a refused token writes nothing.
#[server(prefix = "/api/portal", endpoint = "session/open-token", input = Json, client = BearerClient)]
pub async fn open_session_with_token(
    workspace: String,
    origin: String,
    jwt: String,
) -> Result<SessionGrant, PortalError> {
    let state = expect_context::<AppState>();
    let (ws, origin) = embed_gate(&state, &workspace, &origin).await?;
    let now = now_millis();
    let signed = verify_token(&state, &ws, &jwt, SignIn::Embed, now).await?;
    grant(&state, &ws, origin, signed, now).await
}

/// What every sign-in checks first: the workspace exists, its portal is on,
/// and the embedding page's origin is allowed.
#[cfg(feature = "ssr")]
async fn embed_gate(
    state: &AppState,
    workspace: &str,
    origin: &str,
) -> Result<(portal_store::Workspace, portal_core::Origin), PortalError> {
    use crate::state::sign_in_refused;
    let refused = |reason| sign_in_refused(SignIn::Embed, reason);
    // An unknown workspace fails like a bad signature: which workspaces
    // exist is nobody's business.
    let ws = match state.workspace(workspace).await {
        Err(PortalError::UnknownWorkspace) => {
            refused("unknown_workspace");
            return Err(fail(PortalError::NotVerified));
        }
        other => other?,
    };
    if !state.store.portal_enabled(ws.id).await.map_err(|e| state.store_error(e))? {
        refused("portal_disabled");
        return Err(fail(PortalError::NotEnabled));
    }
    let allowed = portal_core::Origin::parse(origin).ok().filter(|o| state.embed_origins(&ws).contains(o));
    let Some(origin) = allowed else {
        state.audit("session.origin_refused", &ws.slug, &origin.chars().take(100).collect::<String>());
        refused("origin_not_allowed");
        return Err(fail(PortalError::OriginNotAllowed));
    };
    Ok((ws, origin))
}

/// Opens the frame's session for whom the site signed, and hands the frame
/// its token.
#[cfg(feature = "ssr")]
async fn grant(
    state: &AppState,
    ws: &portal_store::Workspace,
    origin: portal_core::Origin,
    signed: Signed,
    now: portal_core::Millis,
) -> Result<SessionGrant, PortalError> {
    let opening = Opening {
        kind: portal_core::SessionKind::Embedded,
        origin,
        browser: crate::state::browser(),
        surface: SignIn::Embed,
        language: crate::state::page_locale_or(ws.default_locale),
    };
    let opened = open_signed(state, ws, signed, &opening, now).await?;
    let live_after = state.store.latest_event_id(ws.id).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(SessionGrant {
        token: opened.token.as_str().to_string(),
        customer_name: opened.customer.name,
        customer_email: opened.customer.email,
        expires_at: opened.expires_at,
        live_after,
    })
}

/// The signed-in customer's tickets, most recently updated first.
#[server(prefix = "/api/portal", endpoint = "tickets", input = Json, client = BearerClient)]
pub async fn my_tickets() -> Result<Vec<TicketSummary>, PortalError> {
    let (state, scope) = customer_scope().await?;
    let tickets = state.store.list_tickets(&scope, 100).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(tickets)
}

/// The signed-in customer's ticket counts, which the frame hands to the
/// host page's `helpCenter("onCounts", ...)`: numbers only, never titles.
#[server(prefix = "/api/portal", endpoint = "counts", input = Json, client = BearerClient)]
pub async fn my_ticket_counts() -> Result<TicketCounts, PortalError> {
    let (state, scope) = customer_scope().await?;
    let counts = state.store.ticket_counts(&scope).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(counts)
}

/// Ends the bearer's session on the server (`helpCenter("stop")`).
#[server(prefix = "/api/portal", endpoint = "session/close", input = Json, client = BearerClient)]
pub async fn close_session() -> Result<(), PortalError> {
    let state = expect_context::<AppState>();
    let Some(crate::state::Credential::Bearer(token)) = crate::state::credential() else {
        return Ok(());
    };
    let revoked = state.store.revoke_session(&token.hash(), now_millis()).await.map_err(|e| state.store_error(e))?;
    if revoked {
        tracing::info!(target: "audit", event = "session.stopped");
    }
    Ok(())
}

/// The frame's page at `path` (below `/embed/{workspace}`), rendered for
/// the signed-in customer.
#[server(prefix = "/api/portal", endpoint = "page", input = Json, client = BearerClient)]
pub async fn page(path: String) -> Result<String, PortalError> {
    use crate::pages::{self, FramePath};
    let (state, scope, kind) = crate::state::customer_session().await?;
    let ws = state.workspace_of(&scope).await?;
    let page = FramePath::parse(&path).ok_or_else(|| fail(PortalError::PageNotFound))?;
    let base = pages::base(&ws, kind);
    crate::state::no_store();
    let now = now_millis();
    let locale = crate::state::page_locale_or(ws.default_locale);
    Ok(match page {
        FramePath::Tickets { query } => {
            use portal_core::listing::{ListQuery, TicketPage};
            // A restricted customer sees the tickets they take part in: their
            // own, and those they are a participant of.
            let sees_others = scope.sees_company_tickets()
                || state.store.takes_part_in_others(&scope).await.map_err(|e| state.store_error(e))?;
            let viewer = pages::Viewer { sees_others };
            match ListQuery::parse(&query, &ws.ticket_types) {
                Ok(mut list) => {
                    // Who sees nothing but their own has their own, whatever the tab.
                    list.own_only |= !viewer.sees_others;
                    let found = state.store.find_tickets(&scope, &list, ws.search_preview).await;
                    pages::tickets(locale, &base, &ws, viewer, Ok(&list), found.map_err(|e| state.store_error(e))?, now)
                }
                Err(problem) => {
                    let problem = locale.message(&problem.message());
                    pages::tickets(locale, &base, &ws, viewer, Err(problem), TicketPage::default(), now)
                }
            }
        }
        FramePath::Ticket(number) => {
            let detail = state.store.ticket_detail(&scope, number).await.map_err(|e| state.store_error(e))?;
            let detail = detail.ok_or_else(|| fail(PortalError::NotFound))?;
            pages::ticket(locale, &base, &ws, pages::detail_in_language(&ws, detail, locale), now)
        }
        FramePath::NewTicket => {
            let companies = state
                .store
                .customer_companies(scope.workspace_id(), scope.customer_id())
                .await
                .map_err(|e| state.store_error(e))?;
            pages::new_ticket(locale, &base, &ws, &companies)
        }
        FramePath::Account => {
            let (id, customer) = (ws.id, scope.customer_id());
            let store_error = |e| state.store_error(e);
            let me = state.store.customer(&scope).await.map_err(store_error)?;
            let sessions = state.store.customer_sessions(id, customer, ACCOUNT_ROWS).await.map_err(store_error)?;
            let log = state.store.access_log(id, customer, ACCOUNT_ROWS).await.map_err(store_error)?;
            let email_notifications = state.store.email_notifications(&scope).await.map_err(store_error)?;
            let account = pages::Account { name: me.name, email: me.email, email_notifications, sessions, log };
            pages::account(locale, &base, account, now)
        }
    })
}

/// Sessions and access-log lines the account page shows, newest first.
#[cfg(feature = "ssr")]
const ACCOUNT_ROWS: u32 = 50;

/// One of the signed-in customer's tickets with its public conversation.
#[server(prefix = "/api/portal", endpoint = "ticket", input = Json, client = BearerClient)]
pub async fn ticket(number: TicketNumber) -> Result<TicketView, PortalError> {
    let (state, scope) = customer_scope().await?;
    let ws = state.workspace_of(&scope).await?;
    let detail = state.store.ticket_detail(&scope, number).await.map_err(|e| state.store_error(e))?;
    let detail = detail.ok_or_else(|| fail(PortalError::NotFound))?;
    crate::state::no_store();
    let locale = crate::state::page_locale_or(ws.default_locale);
    let detail = crate::pages::detail_in_language(&ws, detail, locale);
    Ok(TicketView {
        number: detail.number,
        status: detail.status,
        reopen_allowed: ws.reopen_allowed,
        message_ids: detail.messages.iter().map(|m| m.id).collect(),
        html: crate::pages::conversation(locale, detail, now_millis()),
    })
}

/// A customer's reply, with the ids of files uploaded for it. `key` makes a
/// retried send write once: the same key answers with the message the first
/// send wrote.
#[server(prefix = "/api/portal", endpoint = "ticket/reply", input = Json, client = BearerClient)]
pub async fn reply_to_ticket(
    number: TicketNumber,
    body: String,
    key: String,
    #[server(default)] attachments: Vec<AttachmentId>,
) -> Result<MessageView, PortalError> {
    use portal_core::{IdempotencyKey, MessageBody};
    use portal_store::CustomerReply;
    let (state, scope) = customer_scope().await?;
    crate::limits::spend(&state, crate::limits::Action::Write, &scope)?;
    let body = MessageBody::parse(&body).map_err(|e| fail(e.into()))?;
    let key = IdempotencyKey::parse(&key).map_err(|e| fail(e.into()))?;
    let reply = CustomerReply { body: &body, key: &key, attachments: &attachments };
    let outcome =
        state.store.customer_reply(&scope, number, &reply, now_millis()).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(crate::state::message_view(outcome.message))
}

/// Reopens one of the customer's closed tickets, where the workspace allows it.
#[server(prefix = "/api/portal", endpoint = "ticket/reopen", input = Json, client = BearerClient)]
pub async fn reopen_ticket(number: TicketNumber) -> Result<(), PortalError> {
    let (state, scope) = customer_scope().await?;
    crate::limits::spend(&state, crate::limits::Action::Write, &scope)?;
    state.store.reopen_ticket(&scope, number, now_millis()).await.map_err(|e| state.store_error(e))
}

/// The signed-in customer joins a ticket of their company that they may
/// see, so they may then reply to it (see `ParticipantStore::join_ticket`).
/// Joining one they take part in already changes nothing.
#[server(prefix = "/api/portal", endpoint = "ticket/join", input = Json, client = BearerClient)]
pub async fn join_ticket(number: TicketNumber) -> Result<(), PortalError> {
    let (state, scope) = customer_scope().await?;
    crate::limits::spend(&state, crate::limits::Action::Write, &scope)?;
    let joined = state.store.join_ticket(&scope, number, now_millis()).await.map_err(|e| state.store_error(e))?;
    if joined {
        tracing::info!(target: "audit", event = "ticket.joined", customer = scope.customer_id().0, ticket = number.0);
    }
    crate::state::no_store();
    Ok(())
}

/// Opens a new ticket for the signed-in customer.
#[server(prefix = "/api/portal", endpoint = "ticket/new", input = Json, client = BearerClient)]
pub async fn create_ticket(
    title: String,
    description: String,
    ticket_type: Option<String>,
    #[server(default)] attachments: Vec<AttachmentId>,
    #[server(default)] company: Option<String>,
    #[server(default)] attributes: std::collections::BTreeMap<String, String>,
) -> Result<TicketSummary, PortalError> {
    use portal_core::{Message, TicketDescription, TicketTitle};
    let (state, scope) = customer_scope().await?;
    crate::limits::spend(&state, crate::limits::Action::Write, &scope)?;
    let title = TicketTitle::parse(&title).map_err(|e| fail(e.into()))?;
    let description = TicketDescription::parse(&description).map_err(|e| fail(e.into()))?;
    // A customer of several companies says which one the ticket is for;
    // of one, it goes to that one (the store files it).
    let choose = || fail(PortalError::invalid(&Message::new("new-ticket-choose-company")));
    let theirs = state.store.customer_companies(scope.workspace_id(), scope.customer_id()).await;
    let theirs = theirs.map_err(|e| state.store_error(e))?;
    let company = match company.filter(|key| !key.is_empty()) {
        Some(key) => Some(theirs.into_iter().find(|k| k.as_str() == key).ok_or_else(choose)?),
        None if theirs.len() > 1 => return Err(choose()),
        None => None,
    };
    let ws = state.workspace_of(&scope).await?;
    let attributes = ws.ticket_form.check(&attributes).map_err(|message| fail(PortalError::invalid(&message)))?;
    let ticket = portal_store::CustomerTicket {
        ticket_type: ticket_type.as_deref(),
        company: company.as_ref(),
        attributes: &attributes,
        attachments: &attachments,
        ..portal_store::CustomerTicket::new(&title, &description)
    };
    let created =
        state.store.customer_create_ticket(&scope, &ticket, now_millis()).await.map_err(|e| state.store_error(e))?;
    crate::state::no_store();
    Ok(created)
}
