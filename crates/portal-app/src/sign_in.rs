//! Opening a customer's session once the site's signature verified: shared
//! by the frame's `init` (the server functions in `api`) and the standalone
//! portal's sign-ins (custom sign-on, "Open in a new tab").

use crate::error::PortalError;
use crate::state::{AppState, SignIn, fail, sign_in_refused};
use portal_core::{
    AccessEvent, AccessEventKind, CompanyKey, CustomerName, Email, Millis, Origin, SecretId, SessionKind, SessionToken,
    TokenRefusal,
};
use portal_store::{Customer, NewSession, Workspace};

/// The site's login page (custom sign-on), with the way back: this portal's
/// `/sso`, which returns to `return_to` (a page of this portal only) once
/// the site has signed its user in. `headers` are the request's, for the
/// workspace's own host name (see `state::standalone_origin`).
pub fn site_login(
    state: &AppState,
    ws: &Workspace,
    headers: Option<&axum::http::HeaderMap>,
    return_to: Option<&str>,
) -> String {
    let back = portal_core::standalone::return_path(ws.slug.as_str(), return_to);
    let query: String = form_urlencoded::Serializer::new(String::new()).append_pair("return_to", &back).finish();
    let sso = format!("{}/p/{}/sso?{query}", crate::state::standalone_origin(state, ws, headers), ws.slug);
    ws.standalone.sign_in_url.with_return_to(&sso)
}

/// Who the site signed in, once its signature verified.
pub struct Signed {
    pub email: Email,
    pub name: CustomerName,
    /// The companies the site claimed; `None` leaves memberships alone.
    pub companies: Option<Vec<CompanyKey>>,
    /// The secret that verified it: rotating it away ends the session.
    pub secret_id: SecretId,
}

/// Where a session opens: in the frame, from the embedding page's origin,
/// or on the standalone portal, at its own origin; in which browser
/// family, for the customer's account page; and in which language, which
/// the customer's mail is written in from then on.
pub struct Opening {
    pub kind: SessionKind,
    pub origin: Origin,
    pub browser: &'static str,
    pub surface: SignIn,
    pub language: portal_i18n::Locale,
}

impl Opening {
    fn event(&self, event: AccessEventKind, at: Millis) -> AccessEvent {
        AccessEvent {
            at,
            event,
            kind: self.kind,
            origin: self.origin.as_str().to_string(),
            browser: self.browser.to_string(),
        }
    }
}

/// A session just opened: its token, shown once, and whose it is.
pub struct Opened {
    pub token: SessionToken,
    pub customer: Customer,
    pub expires_at: Millis,
}

/// Verifies the site's sign-in token (a JWT, see `portal_core::jwt`)
/// against every active secret and spends its `jti`, so it signs in once.
/// A refused token writes nothing.
pub async fn verify_token(
    state: &AppState,
    ws: &Workspace,
    jwt: &str,
    surface: SignIn,
    now: Millis,
) -> Result<Signed, PortalError> {
    let token_refused = |refusal: TokenRefusal| {
        state.audit("session.refused", &ws.slug, &refusal.to_string());
        sign_in_refused(surface, refusal.reason());
        fail(match refusal {
            // Told as any signature that does not verify.
            TokenRefusal::Signature => PortalError::NotVerified,
            other => PortalError::TokenRefused(other),
        })
    };
    let secrets = state.store.active_secrets(ws.id, now).await.map_err(|e| state.store_error(e))?;
    let (index, token) =
        portal_core::jwt::verify_jwt(secrets.iter().map(|s| s.value.as_bytes()), jwt, ws.slug.as_str(), now)
            .map_err(token_refused)?;
    let invalid = |e: portal_core::model::ValidationError| {
        sign_in_refused(surface, "invalid_identity");
        fail(e.into())
    };
    let email = Email::parse(&token.email).map_err(invalid)?;
    email.check_ascii_case().map_err(invalid)?;
    let name = CustomerName::parse(&token.name).map_err(invalid)?;
    let companies = match &token.companies {
        Some(keys) => Some(company_keys(keys.iter().map(String::as_str), surface)?),
        None => None,
    };
    let spent = state.store.spend_token_id(ws.id, &token.jti_hash(), token.keep_until, now).await;
    if !spent.map_err(|e| state.store_error(e))? {
        return Err(token_refused(TokenRefusal::Replayed));
    }
    Ok(Signed { email, name, companies, secret_id: secrets[index].id })
}

/// The company keys of a signed claim, each trimmed.
pub fn company_keys<'a>(keys: impl Iterator<Item = &'a str>, surface: SignIn) -> Result<Vec<CompanyKey>, PortalError> {
    keys.map(|key| CompanyKey::parse(key.trim())).collect::<Result<Vec<_>, _>>().map_err(|e| {
        sign_in_refused(surface, "invalid_companies");
        // The site's developer reads this: a claim the site signed but mis-formed.
        fail(PortalError::Invalid(format!("companies: {e}")))
    })
}

/// Records the customer the site signed (and the companies it claimed) and
/// opens their session, if they may use the portal.
pub async fn open_signed(
    state: &AppState,
    ws: &Workspace,
    signed: Signed,
    opening: &Opening,
    now: Millis,
) -> Result<Opened, PortalError> {
    let Signed { email, name, companies, secret_id } = signed;
    let mut customer =
        state.store.upsert_customer(ws.id, &email, &name, now).await.map_err(|e| state.store_error(e))?;
    if let Some(keys) = companies {
        customer =
            state.store.claim_companies(ws.id, customer.id, &keys, now).await.map_err(|e| state.store_error(e))?;
    }
    open_for(state, ws, customer, secret_id, opening, now).await
}

/// Opens a session for a known customer, if they may use the portal: not
/// disabled, and admitted by the workspace's audience. The sign-in, or its
/// refusal, goes into the customer's access log.
pub async fn open_for(
    state: &AppState,
    ws: &Workspace,
    customer: Customer,
    secret_id: SecretId,
    opening: &Opening,
    now: Millis,
) -> Result<Opened, PortalError> {
    let refused = |reason| sign_in_refused(opening.surface, reason);
    let customer_id = customer.id;
    let log = |event| async move {
        let logged = state.store.record_access(ws.id, customer_id, &opening.event(event, now)).await;
        logged.map_err(|e| state.store_error(e))
    };
    if customer.disabled {
        state.audit("session.refused", &ws.slug, &format!("customer {} is disabled", customer.id));
        refused("customer_disabled");
        log(AccessEventKind::Refused).await?;
        return Err(fail(PortalError::NoAccess));
    }
    if !customer.in_audience {
        state.audit("session.no_access", &ws.slug, &format!("customer {}", customer.id));
        refused("outside_audience");
        log(AccessEventKind::Refused).await?;
        return Err(fail(PortalError::NoAccess));
    }
    let token = SessionToken::from_random(rand::random());
    let expires_at = now + ws.session_lifetime.millis();
    let session = NewSession {
        workspace_id: ws.id,
        customer_id: customer.id,
        secret_id,
        token_hash: token.hash(),
        origin: opening.origin.clone(),
        kind: opening.kind,
        browser: opening.browser.to_string(),
        expires_at,
    };
    state.store.open_session(&session, now).await.map_err(|e| state.store_error(e))?;
    // Worth having, not worth refusing a sign-in over.
    if let Err(error) = state.store.set_mail_language(ws.id, customer.id, opening.language.tag()).await {
        tracing::warn!(%error, "recording a customer's language failed");
    }
    log(AccessEventKind::SignedIn).await?;
    state.audit("session.opened", &ws.slug, &format!("customer {} ({})", customer.id, opening.kind.as_str()));
    Ok(Opened { token, customer, expires_at })
}
