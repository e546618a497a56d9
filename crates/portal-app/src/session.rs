//! How a request proves its session: a customer's by the frame's bearer
//! token or the standalone portal's first-party cookie; a console
//! account's by the console's cookie. Both name a row of the same
//! sessions table; a token works only the way it was handed out (see
//! [`SessionKind`]), so a cookie can never stand in for a frame's token or
//! the other way round.

use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use portal_core::{SessionKind, SessionToken};

#[derive(Debug, Clone)]
pub enum Credential {
    Bearer(SessionToken),
    Cookie(SessionToken),
    /// The standalone portal's cookie on a request that changes something
    /// (or a WebSocket) another site's page made: it opens nothing, and is
    /// refused as such (403), not taken for a missing session.
    CrossSite,
}

impl Credential {
    /// The request's credential: its bearer token, else the standalone
    /// portal's cookie when the request comes from the portal's own pages
    /// (see [`from_own_pages`]; else [`Credential::CrossSite`]): a cookie
    /// rides along on requests other sites make, a bearer token does not.
    pub fn of_request(state: &AppState, method: &Method, headers: &HeaderMap) -> Option<Self> {
        if let Some(value) = headers.get(header::AUTHORIZATION) {
            return value.to_str().ok().and_then(SessionToken::from_bearer_header).map(Self::Bearer);
        }
        let token = cookie_value(headers, PORTAL_COOKIE.name(state))?;
        Some(if from_own_pages(state, method, headers) { Self::Cookie(token) } else { Self::CrossSite })
    }

    pub fn token(&self) -> Option<&SessionToken> {
        match self {
            Self::Bearer(token) | Self::Cookie(token) => Some(token),
            Self::CrossSite => None,
        }
    }

    pub fn kind(&self) -> SessionKind {
        match self {
            Self::Bearer(_) => SessionKind::Embedded,
            Self::Cookie(_) | Self::CrossSite => SessionKind::Standalone,
        }
    }
}

/// A first-party cookie holding a session token: `__Host-` (Secure, the
/// whole site, no Domain) when the portal is served over https; plain on
/// http, which browsers allow only on loopback or an intranet.
pub struct SessionCookie {
    pub name: &'static str,
    /// Its `__Host-` name.
    pub secure_name: &'static str,
    pub same_site: &'static str,
}

/// The console's session: `Strict`, since nothing links into the console
/// from elsewhere.
pub const CONSOLE_COOKIE: SessionCookie =
    SessionCookie { name: "portal_console", secure_name: "__Host-portal_console", same_site: "Strict" };

/// The standalone portal's session. `Lax`, so that following a link to
/// the portal from the site's own pages (or an email) arrives signed in;
/// what changes anything is guarded by [`from_own_pages`] besides.
pub const PORTAL_COOKIE: SessionCookie =
    SessionCookie { name: "portal_session", secure_name: "__Host-portal_session", same_site: "Lax" };

impl SessionCookie {
    pub fn name(&self, state: &AppState) -> &'static str {
        if is_https(state) { self.secure_name } else { self.name }
    }

    /// `Set-Cookie` for `value`, kept `max_age_secs` (0: forget it now).
    pub fn set(&self, state: &AppState, value: &str, max_age_secs: i64) -> HeaderValue {
        let secure = if is_https(state) { "; Secure" } else { "" };
        let text = format!(
            "{}={value}; Path=/; HttpOnly; SameSite={}; Max-Age={max_age_secs}{secure}",
            self.name(state),
            self.same_site
        );
        HeaderValue::from_str(&text).expect("tokens are hex")
    }

    /// The token the request's cookie holds, if well formed.
    pub fn token(&self, state: &AppState, headers: &HeaderMap) -> Option<SessionToken> {
        cookie_value(headers, self.name(state))
    }
}

fn is_https(state: &AppState) -> bool {
    state.public_url.as_str().starts_with("https://")
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| SessionToken::parse(value))
}

/// Whether a request may act with a cookie: reads (`GET`, `HEAD`) always,
/// since `SameSite` keeps the cookie off other sites' subrequests; a
/// state-changing request or a WebSocket only when the browser says it came
/// from the portal's own pages: `Sec-Fetch-Site: same-origin`, or, from
/// browsers that do not send it, an `Origin` that is the portal's own (the
/// public address, or the host the request was sent to, under the public
/// address's scheme: a workspace's own host name). Neither header: refused.
pub fn from_own_pages(state: &AppState, method: &Method, headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let is_socket = text(header::UPGRADE.as_str()).is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    if matches!(*method, Method::GET | Method::HEAD) && !is_socket {
        return true;
    }
    match (text("sec-fetch-site"), text(header::ORIGIN.as_str())) {
        (Some(site), _) => site == "same-origin",
        (None, Some(origin)) => {
            let scheme = if is_https(state) { "https" } else { "http" };
            origin == state.public_url.as_str()
                || text(header::HOST.as_str()).is_some_and(|host| origin == format!("{scheme}://{host}"))
        }
        (None, None) => false,
    }
}
