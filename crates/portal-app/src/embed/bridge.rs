//! The frame's side of the embed protocol (browser only).
//!
//! Messages are accepted only from `window.parent` and only from an origin
//! the workspace allows; their shape is validated by `HostMessage::parse`.
//! They are handled one at a time, in order, so a `stop` can never be
//! overtaken by the `init` before it.

use super::{Frame, PortalContext};
use crate::api::{close_session, my_ticket_counts, open_session, open_session_with_token};
use crate::client::{has_token, set_token};
use futures::StreamExt;
use futures::channel::mpsc;
use leptos::prelude::*;
use portal_core::{HostMessage, InitUser, MessageError, MessageValue, TicketCounts};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{MessageEvent, Window};

/// Who `init` signs in: a user the site signed by hash, or a token.
enum Identity {
    Hash(InitUser),
    Token(String),
}

enum Command {
    Init { user: Identity, origin: String },
    Stop { origin: String },
}

pub(super) fn listen(context: PortalContext) {
    let PortalContext { workspace, frame, .. } = context.clone();
    let allowed_origins = context.settings.allowed_origins.clone();
    // A new customer, or none, starts at the list: never on a page of the
    // last one. Only the first to sign in to this document starts on the
    // page it was opened at (a mail's `#ticket=` link, see the loader).
    let go_home = {
        let context = context.clone();
        move || super::navigation::navigate(&context, "", true)
    };
    let opened_at = super::standalone::current_path();
    let opened_at = opened_at.strip_prefix(&context.base()).unwrap_or_default().split('?').next().unwrap_or_default();
    let opened_at = if opened_at.starts_with("/tickets/") { opened_at.to_string() } else { String::new() };
    let go_to_opened = {
        let context = context.clone();
        move || super::navigation::navigate(&context, &opened_at, true)
    };
    super::navigation::follow_history(&context);
    let window = web_sys::window().expect("a browser window");
    let parent = match window.parent() {
        Ok(Some(parent)) if JsValue::from(&parent) != JsValue::from(&window) => parent,
        _ => return frame.set(Frame::NotEmbedded),
    };

    let ready_origins = allowed_origins.clone();
    let (commands, mut queue) = mpsc::unbounded::<Command>();
    let on_message = {
        let parent = parent.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let from_parent = event.source().is_some_and(|source| JsValue::from(source) == JsValue::from(&parent));
            let origin = event.origin();
            if !from_parent || !allowed_origins.contains(&origin) {
                return;
            }
            let data = Js(event.data());
            let command = match HostMessage::parse(&data) {
                Ok(HostMessage::Init(user)) => Command::Init { user: Identity::Hash(user), origin },
                Ok(HostMessage::InitToken(jwt)) => Command::Init { user: Identity::Token(jwt), origin },
                Ok(HostMessage::Stop) => Command::Stop { origin },
                Err(MessageError::Foreign) => return,
                Err(error) => {
                    frame.set(Frame::Failed(error.to_string()));
                    post(&parent, &origin, "error", &[("message", error.to_string().into())]);
                    return;
                }
            };
            let _ = commands.unbounded_send(command);
        })
    };
    window
        .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
        .expect("listening for messages");
    // The listener lives as long as the frame's document.
    on_message.forget();

    // Tell the loader we listen. The browser delivers only to the parent's
    // origin and reports every other as an error in the console (Firefox's
    // console shows it to the host site's developers, and to the browser
    // tests): so announce to the origin of the page that loaded the frame
    // when it is an allowed one, else to each allowed origin.
    for origin in announce_to(&ready_origins, &window) {
        post(&parent, origin, "ready", &[]);
    }

    // The page that signed the customer in hears their counts (see
    // `tell_counts`), numbered by sign-in so one customer's never reach
    // the next.
    let host = RwSignal::new(None::<(u32, String)>);
    let mut sign_ins = 0;
    tell_counts(&context, &parent, host);

    leptos::task::spawn_local(async move {
        while let Some(command) = queue.next().await {
            match command {
                Command::Init { user, origin } => {
                    host.set(None);
                    end_session().await;
                    frame.set(Frame::Working("frame-verifying"));
                    match sign_in(&workspace, &origin, user, &context).await {
                        Ok(()) => {
                            sign_ins += 1;
                            host.set(Some((sign_ins, origin.clone())));
                            if sign_ins == 1 {
                                go_to_opened()
                            } else {
                                go_home()
                            }
                            post(&parent, &origin, "signed-in", &[])
                        }
                        Err(message) => {
                            frame.set(Frame::Failed(message.clone()));
                            post(&parent, &origin, "error", &[("message", message.as_str().into())]);
                        }
                    }
                }
                Command::Stop { origin } => {
                    host.set(None);
                    frame.set(Frame::SignedOut);
                    go_home();
                    end_session().await;
                    post(&parent, &origin, "stopped", &[]);
                }
            }
        }
    });
}

async fn sign_in(workspace: &str, origin: &str, user: Identity, context: &PortalContext) -> Result<(), String> {
    let grant = match user {
        Identity::Hash(user) => {
            open_session(
                workspace.to_string(),
                origin.to_string(),
                user.name.as_str().to_string(),
                user.email.as_str().to_string(),
                user.verification_hash,
                user.companies,
                user.companies_hash,
            )
            .await
        }
        Identity::Token(jwt) => open_session_with_token(workspace.to_string(), origin.to_string(), jwt).await,
    }
    .map_err(|e| crate::words::error(&e))?;
    super::live::start(Some(&grant.token), grant.live_after, context);
    set_token(Some(grant.token));
    context.changed();
    context.frame.set(Frame::SignedIn { name: display_name(&grant.customer_name, &grant.customer_email) });
    Ok(())
}

/// Whenever the customer's data may have changed (a live event, a reply, a
/// sign-in), or only their counts may have, reads their ticket counts and
/// posts them to `host`, the page that signed them in, when they differ
/// from the last told: the loader hands them to `helpCenter("onCounts",
/// ...)`. Only numbers cross.
fn tell_counts(context: &PortalContext, parent: &Window, host: RwSignal<Option<(u32, String)>>) {
    let (changes, counts_changes) = (context.changes, context.counts_changes);
    let parent = parent.clone();
    let told = Rc::new(Cell::new(None::<TicketCounts>));
    Effect::new(move |_| {
        changes.track();
        counts_changes.track();
        let Some(signed_in) = host.get() else {
            // The loader zeroes its counts itself on a sign-out.
            told.set(None);
            return;
        };
        let (parent, told) = (parent.clone(), told.clone());
        leptos::task::spawn_local(async move {
            let Ok(counts) = my_ticket_counts().await else { return };
            // Signed out, or someone else, while the counts were on their way.
            if host.get_untracked().as_ref() != Some(&signed_in) || told.get() == Some(counts) {
                return;
            }
            told.set(Some(counts));
            let fields = [("awaitingCustomer", counts.awaiting_customer.into()), ("open", counts.open.into())];
            post(&parent, &signed_in.1, "counts", &fields);
        });
    });
}

fn display_name(name: &str, email: &str) -> String {
    if name.is_empty() { email.to_string() } else { name.to_string() }
}

/// Stops live updates, revokes the current session on the server, then
/// forgets the token. The token is forgotten even if the server cannot be
/// reached.
async fn end_session() {
    super::live::stop();
    if has_token() {
        let _ = close_session().await;
        set_token(None);
    }
}

/// Where "ready" goes. The frame cannot read its parent's origin, but the
/// document's referrer is the page that set the frame's `src` (the loader,
/// in the parent). A referrer of the portal's own origin is a navigation
/// inside the frame, and none at all is a host page's referrer policy: both
/// leave only the allowed origins to try.
fn announce_to<'a>(allowed: &'a [String], window: &Window) -> Vec<&'a String> {
    let own = window.location().origin().ok();
    let referrer = window
        .document()
        .map(|document| document.referrer())
        .and_then(|referrer| web_sys::Url::new(&referrer).ok())
        .map(|url| url.origin());
    match allowed.iter().find(|origin| Some(*origin) == referrer.as_ref() && Some(*origin) != own.as_ref()) {
        Some(origin) => vec![origin],
        None => allowed.iter().collect(),
    }
}

/// Posts `{type: kind, ...fields}` to the host page at `origin`.
fn post(parent: &Window, origin: &str, kind: &str, fields: &[(&str, JsValue)]) {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"type".into(), &kind.into());
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&data, &(*name).into(), value);
    }
    let _ = parent.post_message(&data, origin);
}

/// A message's data as the browser cloned it, read in place.
struct Js(JsValue);

impl MessageValue for Js {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let value = js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then_some(Js(value))
    }

    fn text(&self) -> Option<String> {
        self.0.as_string()
    }

    fn is_object(&self) -> bool {
        self.0.is_object()
    }

    fn is_null(&self) -> bool {
        self.0.is_null()
    }
}
