//! `GET /api/portal/live`: the frame's live updates, over a WebSocket.
//!
//! The protocol:
//!
//! 1. The client's first message, within [`HELLO_TIMEOUT`], is the text
//!    `{"token": "<session token>", "after": <last event id seen, 0 for none>,
//!    "lang": "<the page's language>"}` (`lang` optional);
//!    on the standalone portal, `{"after": n, "lang": ...}`: its session is the cookie
//!    the socket was opened with, from the portal's own pages only.
//!    A new session's first `after` is its grant's `live_after`: the pages
//!    the frame loads next already show everything up to it.
//!    The token travels in the socket, never in the URL (a browser cannot
//!    set headers on a WebSocket). Anything else is refused with close code
//!    [`close::BAD_HELLO`].
//! 2. The session is checked exactly as the server functions check a bearer
//!    token or cookie (`portal_app::state::session_scope`); a session that is not live
//!    is closed with [`close::SESSION_ENDED`].
//! 3. The server sends, one text message each and oldest first, the events
//!    of the customer's tickets with an id above `after`, then each new one
//!    as it is committed (on this node or, on PostgreSQL, any other):
//!    `{"id", "kind", "ticket_number", "status"?, "message"?, "message_html"?}`,
//!    the message a `MessageView` (its body rendered to safe HTML) and
//!    `message_html` the same message as the customer's conversation shows
//!    it (its `<li>`, rendered by the page's own template in the hello's
//!    `lang`, else the socket request's `Accept-Language`, else the
//!    workspace's language): the frame adds it to the open ticket at once
//!    instead of fetching the page again. Both are built from the store's
//!    `PublicMessage`, which an internal note never becomes: internal notes
//!    never produce an event. A client that reconnects sends the last id it
//!    saw and misses nothing.
//! 4. The session is checked again on every wake-up and at least every
//!    [`RECHECK_EVERY`]; once it is revoked, expired or its secret retired,
//!    or the portal is switched off or the session's origin no longer
//!    allowed, the socket is closed with [`close::SESSION_ENDED`]. Store
//!    trouble closes it with [`close::UNAVAILABLE`] (the client retries
//!    later).
//!
//! Messages the client sends after the hello are ignored; the server pings
//! every [`RECHECK_EVERY`] and drops a client it has not heard from in
//! [`SILENCE_LIMIT`].

use crate::observability;
use axum::extract::State;
use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use portal_app::PortalError;
use portal_app::state::{AppState, Credential, message_html, message_view, now_millis, session_scope};
use portal_core::{CustomerScope, EventKind, MessageView, PortalEvent, SessionToken, TicketNumber, TicketStatus};
use portal_i18n::Locale;
use serde::{Deserialize, Serialize};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::time::{Instant, sleep_until, timeout, timeout_at};

/// How long a client has to send its hello.
pub const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest the session goes unchecked, and the ping interval.
pub const RECHECK_EVERY: Duration = Duration::from_secs(15);
/// A client silent for this long (not even answering pings) is gone.
pub const SILENCE_LIMIT: Duration = Duration::from_secs(50);
/// Events read (and held) per wake-up; more wait for the next round.
const BATCH: u32 = 50;
/// A send that does not complete within this (a client that stopped
/// reading) drops the connection.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// The hello is about 120 bytes; nothing the client sends may be larger.
const MAX_CLIENT_MESSAGE: usize = 1024;

/// The close codes the server ends a live socket with.
pub mod close {
    /// The first message was not a hello, or did not come in time.
    pub const BAD_HELLO: u16 = 1008;
    /// The session is not (or no longer) live: do not reconnect with it.
    pub const SESSION_ENDED: u16 = 4401;
    /// The store could not be reached: reconnect later.
    pub const UNAVAILABLE: u16 = 1011;
    /// The server is stopping (a restart or a deploy): reconnect, and
    /// resume after the last event seen.
    pub const RESTARTING: u16 = 1012;
}

/// Tells the live sockets the server is stopping, and lets it wait until
/// they have closed. Every socket holds a [`Stopping`] clone; the server's
/// router holds one until it stops serving.
#[derive(Clone)]
pub struct Stopping {
    stopped: tokio::sync::watch::Receiver<bool>,
    stop: std::sync::Arc<tokio::sync::watch::Sender<bool>>,
    /// Dropped with the last clone, which ends [`LiveSockets::closed`].
    _alive: tokio::sync::mpsc::Sender<()>,
}

/// The other end of [`Stopping`]: waits for every holder to let go.
pub struct LiveSockets(tokio::sync::mpsc::Receiver<()>);

impl Stopping {
    pub fn new() -> (Self, LiveSockets) {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let (alive, gone) = tokio::sync::mpsc::channel(1);
        (Self { stopped, stop: std::sync::Arc::new(stop), _alive: alive }, LiveSockets(gone))
    }

    pub fn stop(&self) {
        self.stop.send_replace(true);
    }

    /// Resolves once [`Stopping::stop`] was called (at once if it was).
    async fn requested(&mut self) {
        let _ = self.stopped.wait_for(|stopped| *stopped).await;
    }
}

impl LiveSockets {
    /// Waits until every live socket has closed, at most `limit`.
    pub async fn closed(mut self, limit: Duration) {
        let _ = timeout(limit, self.0.recv()).await;
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Hello {
    #[serde(default)]
    token: Option<String>,
    after: i64,
    /// The language of the client's page, which live messages are rendered in.
    #[serde(default)]
    lang: Option<String>,
}

/// One event as the frame receives it.
#[derive(Serialize)]
struct LiveEvent {
    id: i64,
    kind: EventKind,
    ticket_number: TicketNumber,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<TicketStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<MessageView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_html: Option<String>,
}

impl LiveEvent {
    /// `event` as sent, its message rendered in `locale` at `now`.
    fn new(event: PortalEvent, locale: Locale, now: i64) -> Self {
        let message_html = event.message.clone().map(|message| message_html(locale, message, now));
        Self {
            id: event.id,
            kind: event.kind,
            ticket_number: event.ticket_number,
            status: event.status,
            message: event.message.map(message_view),
            message_html,
        }
    }
}

/// Why a connection ends.
enum End {
    /// Say so with a close frame.
    Close(u16, &'static str),
    /// The client left or stopped listening: nobody to tell.
    Gone,
}

pub async fn live(
    State(state): State<AppState>,
    stopping: Option<axum::Extension<Stopping>>,
    headers: axum::http::HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    // What a standalone page's socket signs in with; `Credential` refuses
    // a cookie on a socket that other sites' pages opened.
    let cookie = Credential::of_request(&state, &axum::http::Method::GET, &headers)
        .filter(|credential| !matches!(credential, Credential::Bearer(_)));
    let accept_language =
        headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).map(str::to_string);
    // A router serving without `Portal::serve` (none does today) never stops its sockets.
    let stopping = stopping.map_or_else(|| Stopping::new().0, |axum::Extension(stopping)| stopping);
    upgrade
        .max_message_size(MAX_CLIENT_MESSAGE)
        .max_frame_size(MAX_CLIENT_MESSAGE)
        // tungstenite allocates its read buffer up front (128 KiB by default).
        .read_buffer_size(4 * 1024)
        .max_write_buffer_size(1024 * 1024)
        .on_upgrade(move |socket| serve(socket, state, stopping, Opening { cookie, accept_language }))
}

/// Counts an open live socket in `portal_live_connections` for as long as it lives.
struct Counted {
    /// Whether it was counted in: a recorder installed after it opened
    /// must not see it close.
    counted: bool,
}

impl Counted {
    fn open() -> Self {
        let counted = observability::exporter::installed();
        if counted {
            metrics::gauge!(observability::LIVE_CONNECTIONS).increment(1.0);
        }
        Self { counted }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        if self.counted {
            metrics::gauge!(observability::LIVE_CONNECTIONS).decrement(1.0);
        }
    }
}

/// What the socket's opening request brought.
struct Opening {
    cookie: Option<Credential>,
    accept_language: Option<String>,
}

async fn serve(mut socket: WebSocket, state: AppState, mut stopping: Stopping, opening: Opening) {
    let _open = Counted::open();
    let Err(end) = tokio::select! {
        ended = run(&mut socket, &state, opening) => ended,
        () = stopping.requested() => Err(End::Close(close::RESTARTING, "the server is restarting; reconnect")),
    };
    if let End::Close(code, reason) = end {
        let frame = CloseFrame { code, reason: Utf8Bytes::from_static(reason) };
        if send(&mut socket, Message::Close(Some(frame))).await.is_ok() {
            // Give the client a moment to answer the close, as the protocol asks.
            let _ = timeout(Duration::from_secs(1), async { while let Some(Ok(_)) = socket.recv().await {} }).await;
        }
    }
}

async fn run(socket: &mut WebSocket, state: &AppState, opening: Opening) -> Result<Infallible, End> {
    let hello = hello(socket).await?;
    let credential = match &hello.token {
        Some(token) => SessionToken::parse(token).map(Credential::Bearer),
        None => opening.cookie,
    };
    let scope = check(state, credential.as_ref()).await?;
    let locale = locale(state, &scope, hello.lang.as_deref(), opening.accept_language.as_deref()).await?;
    // Subscribed before the first read: a commit after the read still wakes us.
    let mut wakes = state.store.subscribe();
    let mut after = hello.after;
    let mut more = forward(socket, state, &scope, locale, &mut after).await?;
    let mut recheck_at = Instant::now() + RECHECK_EVERY;
    let mut heard_at = Instant::now();
    loop {
        let mut periodic = false;
        if more {
            // The last read was capped: go on, after letting others run.
            tokio::task::yield_now().await;
        } else {
            tokio::select! {
                wake = wakes.recv() => match wake {
                    Ok(wake) if !wake.concerns(&scope) => continue,
                    Ok(_) | Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return Err(End::Close(close::UNAVAILABLE, "the server is stopping")),
                },
                () = sleep_until(recheck_at) => periodic = true,
                message = socket.recv() => match message {
                    Some(Ok(Message::Close(_)) | Err(_)) | None => return Err(End::Gone),
                    // Pongs (pings are answered by the library); the rest is ignored.
                    Some(Ok(_)) => {
                        heard_at = Instant::now();
                        continue;
                    }
                },
            }
            // One read covers every wake-up queued so far.
            while !matches!(wakes.try_recv(), Err(TryRecvError::Empty | TryRecvError::Closed)) {}
        }
        check(state, credential.as_ref()).await?;
        recheck_at = Instant::now() + RECHECK_EVERY;
        if periodic {
            if heard_at.elapsed() > SILENCE_LIMIT {
                return Err(End::Gone);
            }
            send(socket, Message::Ping(Default::default())).await?;
        }
        more = forward(socket, state, &scope, locale, &mut after).await?;
    }
}

/// The client's first message.
async fn hello(socket: &mut WebSocket) -> Result<Hello, End> {
    const REFUSED: End = End::Close(close::BAD_HELLO, r#"expected {"token": "...", "after": n}"#);
    let deadline = Instant::now() + HELLO_TIMEOUT;
    loop {
        let message = match timeout_at(deadline, socket.recv()).await {
            Err(_) => return Err(End::Close(close::BAD_HELLO, "no hello within 10 s")),
            Ok(Some(Ok(message))) => message,
            Ok(Some(Err(_)) | None) => return Err(End::Gone),
        };
        return match message {
            // An object only: serde would also take `[token, after]`.
            Message::Text(text) if text.trim_start().starts_with('{') => {
                serde_json::from_str::<Hello>(&text).ok().filter(|h| h.after >= 0).ok_or(REFUSED)
            }
            Message::Text(_) | Message::Binary(_) => Err(REFUSED),
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Close(_) => Err(End::Gone),
        };
    }
}

/// The scope of the session, if it is still live: the server functions' gate.
async fn check(state: &AppState, credential: Option<&Credential>) -> Result<CustomerScope, End> {
    session_scope(state, credential).await.map_err(|error| match error {
        PortalError::SessionEnded => End::Close(close::SESSION_ENDED, "session ended"),
        PortalError::NoAccess => End::Close(close::SESSION_ENDED, "no access"),
        PortalError::CrossSite => End::Close(close::SESSION_ENDED, "not from the portal's own pages"),
        _ => End::Close(close::UNAVAILABLE, "temporarily unavailable"),
    })
}

/// The language the socket's messages are rendered in: the page's (the
/// hello's `lang`, which the frame's server calls send as their
/// `Accept-Language`), else the browser's, else the workspace's.
async fn locale(
    state: &AppState,
    scope: &CustomerScope,
    page: Option<&str>,
    accept_language: Option<&str>,
) -> Result<Locale, End> {
    match state.store.workspace(scope.workspace_id()).await {
        Ok(Some(workspace)) => Ok(Locale::negotiate(page, accept_language, workspace.default_locale)),
        Ok(None) => Err(End::Close(close::SESSION_ENDED, "no access")),
        Err(error) => {
            state.store_error(error);
            Err(End::Close(close::UNAVAILABLE, "temporarily unavailable"))
        }
    }
}

/// Sends the next events after `after` (at most [`BATCH`]), moving `after`
/// on; says whether there may be more.
async fn forward(
    socket: &mut WebSocket,
    state: &AppState,
    scope: &CustomerScope,
    locale: Locale,
    after: &mut i64,
) -> Result<bool, End> {
    let events = state.store.events_since(scope, *after, BATCH).await.map_err(|error| {
        state.store_error(error);
        End::Close(close::UNAVAILABLE, "temporarily unavailable")
    })?;
    let more = events.len() >= BATCH as usize;
    let now = now_millis();
    for event in events {
        let id = event.id;
        let json = serde_json::to_string(&LiveEvent::new(event, locale, now)).map_err(|error| {
            tracing::error!(%error, "encoding a live event failed");
            End::Close(close::UNAVAILABLE, "temporarily unavailable")
        })?;
        send(socket, Message::Text(json.into())).await?;
        metrics::counter!(observability::LIVE_EVENTS_SENT).increment(1);
        *after = id;
    }
    Ok(more)
}

async fn send(socket: &mut WebSocket, message: Message) -> Result<(), End> {
    match timeout(SEND_TIMEOUT, socket.send(message)).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(End::Gone),
    }
}
