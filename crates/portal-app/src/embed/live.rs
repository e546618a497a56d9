//! Live updates in the frame (browser only): a WebSocket to
//! `/api/portal/live` (the protocol is described in the server's `live`
//! module). The last event id is kept so that a reconnect resumes where the
//! last socket left off.
//!
//! A new message on the ticket shown goes into its conversation at once
//! (`live_messages`), in the markup the server rendered for it: a reply is
//! what a customer waits for, and waiting for events to settle and then
//! fetching the whole page again made the wait several times longer. Only
//! the ticket counts are read again for it. Other events make the page
//! refetch, once for a burst of them (`SETTLE_MS`), except on another
//! ticket's page, which shows nothing of them: there only the counts are.
//!
//! The bridge starts it after a sign-in and stops it before a session ends
//! (`stop`, or a new `init`). A socket the server closes because the
//! session ended is not reopened.

use super::PortalContext;
use super::live_messages::{self, LiveMessage};
use leptos::prelude::GetUntracked;
use portal_core::TicketNumber;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// The server's close code for a session that is no longer live.
const SESSION_ENDED: u16 = 4401;
/// Reconnect delays double from the first up to the last (then ±25 %).
const RETRY_FIRST_MS: f64 = 1_000.0;
const RETRY_LAST_MS: f64 = 30_000.0;
/// A socket that stayed open this long starts the delays over.
const STABLE_MS: f64 = 60_000.0;
/// Events this close together make one refetch.
const SETTLE_MS: i32 = 100;
/// The event of a new public message.
const MESSAGE_CREATED: &str = "message.created";

thread_local! {
    static CURRENT: RefCell<Option<Rc<Live>>> = const { RefCell::new(None) };
}

/// Opens the live socket of a new session (closing any other), for the
/// events after `after`: the frame's, with its `token`; the standalone
/// portal's (`None`), with the cookie the socket carries.
pub(super) fn start(token: Option<&str>, after: i64, context: &PortalContext) {
    stop();
    let live = Live::new(token.map(str::to_string), after, context.clone());
    live.connect();
    CURRENT.with(|current| *current.borrow_mut() = Some(live));
}

/// Closes the live socket for good, and forgets what it brought: nothing
/// of one session reaches the next one's pages.
pub(super) fn stop() {
    live_messages::forget_all();
    if let Some(live) = CURRENT.with(|current| current.borrow_mut().take()) {
        live.shut();
    }
}

struct Live {
    token: Option<String>,
    context: PortalContext,
    /// The last event id seen.
    after: Cell<i64>,
    socket: RefCell<Option<WebSocket>>,
    retries: Cell<i32>,
    opened_at: Cell<f64>,
    /// Pending timeouts: a reconnect, a refetch.
    reconnect_timer: Cell<Option<i32>>,
    refetch_timer: Cell<Option<i32>>,
    /// Whether the pending refetch is of the page too, not only the counts.
    refetch_page: Cell<bool>,
    on_open: Closure<dyn FnMut()>,
    on_message: Closure<dyn FnMut(MessageEvent)>,
    on_close: Closure<dyn FnMut(CloseEvent)>,
    on_reconnect: Closure<dyn FnMut()>,
    on_refetch: Closure<dyn FnMut()>,
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl Live {
    fn new(token: Option<String>, after: i64, context: PortalContext) -> Rc<Self> {
        // The callbacks hold the socket's state weakly: none keeps it alive.
        Rc::new_cyclic(|me: &Weak<Live>| {
            let plain = |run: fn(&Live)| {
                let me = me.clone();
                Closure::<dyn FnMut()>::new(move || {
                    if let Some(live) = me.upgrade() {
                        run(&live);
                    }
                })
            };
            let (on_message, on_close) = (me.clone(), me.clone());
            Live {
                token,
                context,
                after: Cell::new(after),
                socket: RefCell::new(None),
                retries: Cell::new(0),
                opened_at: Cell::new(0.0),
                reconnect_timer: Cell::new(None),
                refetch_timer: Cell::new(None),
                refetch_page: Cell::new(false),
                on_open: plain(Live::opened),
                on_message: Closure::new(move |event: MessageEvent| {
                    if let Some(live) = on_message.upgrade() {
                        live.received(event);
                    }
                }),
                on_close: Closure::new(move |event: CloseEvent| {
                    if let Some(live) = on_close.upgrade() {
                        live.closed(event);
                    }
                }),
                on_reconnect: plain(|live| {
                    live.reconnect_timer.set(None);
                    live.connect();
                }),
                on_refetch: plain(|live| {
                    live.refetch_timer.set(None);
                    if live.refetch_page.take() {
                        live.context.changed();
                    } else {
                        live.context.counts_changed();
                    }
                }),
            }
        })
    }

    fn connect(&self) {
        let Some(window) = web_sys::window() else { return };
        let origin = window.location().origin().unwrap_or_default();
        // http://host -> ws://host, https://host -> wss://host
        let url = format!("ws{}/api/portal/live", origin.strip_prefix("http").unwrap_or(&origin));
        let Ok(socket) = WebSocket::new(&url) else {
            return self.retry_later();
        };
        socket.set_onopen(Some(self.on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(self.on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(self.on_close.as_ref().unchecked_ref()));
        self.opened_at.set(0.0);
        *self.socket.borrow_mut() = Some(socket);
    }

    fn opened(&self) {
        self.opened_at.set(now());
        if let Some(socket) = &*self.socket.borrow() {
            // Messages come rendered in the page's language. The token is
            // hex and a language tag letters, digits and hyphens: nothing to
            // escape (a `lang` that is not a tag is left out).
            let lang = crate::client::page_language()
                .filter(|tag| tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                .map(|tag| format!(r#","lang":"{tag}""#))
                .unwrap_or_default();
            let hello = match &self.token {
                Some(token) => format!(r#"{{"token":"{token}","after":{}{lang}}}"#, self.after.get()),
                None => format!(r#"{{"after":{}{lang}}}"#, self.after.get()),
            };
            let _ = socket.send_with_str(&hello);
        }
    }

    fn received(&self, event: MessageEvent) {
        let event = event.data().as_string().and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or_default();
        if let Some(id) = field(&event, "id").as_f64() {
            self.after.set(self.after.get().max(id as i64));
        }
        let ticket = field(&event, "ticket_number").as_f64().map(|n| TicketNumber(n as i64));
        let shown = ticket_shown(&self.context.location.get_untracked());
        match (live_message(&event), ticket) {
            (Some(message), _) if Some(message.ticket) == shown => {
                live_messages::arrived(message, &super::customer_name(self.context.frame));
                self.refetch(false);
            }
            (_, Some(ticket)) if shown.is_some_and(|shown| shown != ticket) => self.refetch(false),
            _ => self.refetch(true),
        }
    }

    /// Refetches the counts, and the page too if `page`, once events have settled.
    fn refetch(&self, page: bool) {
        self.refetch_page.set(self.refetch_page.get() || page);
        if self.refetch_timer.get().is_none() {
            self.refetch_timer.set(self.later(&self.on_refetch, SETTLE_MS));
        }
    }

    fn closed(&self, event: CloseEvent) {
        self.detach();
        if event.code() == SESSION_ENDED {
            // Not reopened; the pages refetch and say the session ended.
            self.context.changed();
            return;
        }
        if self.opened_at.get() > 0.0 && now() - self.opened_at.get() > STABLE_MS {
            self.retries.set(0);
        }
        self.retry_later();
    }

    fn retry_later(&self) {
        let retries = self.retries.get();
        self.retries.set(retries.saturating_add(1));
        let delay = (RETRY_FIRST_MS * 2f64.powi(retries.min(5))).min(RETRY_LAST_MS);
        let delay = delay * (0.75 + js_sys::Math::random() / 2.0);
        self.reconnect_timer.set(self.later(&self.on_reconnect, delay as i32));
    }

    fn later(&self, callback: &Closure<dyn FnMut()>, millis: i32) -> Option<i32> {
        let window = web_sys::window()?;
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), millis).ok()
    }

    /// Forgets the socket; its callbacks will not be called again.
    fn detach(&self) -> Option<WebSocket> {
        let socket = self.socket.borrow_mut().take()?;
        socket.set_onopen(None);
        socket.set_onmessage(None);
        socket.set_onclose(None);
        Some(socket)
    }

    /// Closes the socket and cancels what is pending, so nothing calls the
    /// callbacks once `self` is dropped.
    fn shut(&self) {
        if let Some(socket) = self.detach() {
            let _ = socket.close();
        }
        if let Some(window) = web_sys::window() {
            for timer in [self.reconnect_timer.take(), self.refetch_timer.take()].into_iter().flatten() {
                window.clear_timeout_with_handle(timer);
            }
        }
    }
}

/// `object.name`, or `undefined`.
fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &name.into()).unwrap_or_default()
}

/// The message of a `message.created` event, as the conversation shows it.
fn live_message(event: &JsValue) -> Option<LiveMessage> {
    if field(event, "kind").as_string()? != MESSAGE_CREATED {
        return None;
    }
    Some(LiveMessage {
        ticket: TicketNumber(field(event, "ticket_number").as_f64()? as i64),
        id: field(&field(event, "message"), "id").as_f64()? as i64,
        html: field(event, "message_html").as_string()?,
    })
}

/// The ticket whose page `location` (the frame's, below its base) is.
fn ticket_shown(location: &str) -> Option<TicketNumber> {
    let number = location.strip_prefix("/tickets/")?.split(['/', '?', '#']).next()?;
    number.parse().ok().map(TicketNumber)
}
