//! The standalone portal in the browser (`/p/{workspace}`). Its session is
//! an `HttpOnly` cookie this code never sees: it asks the server whom the
//! cookie signs in, then shows the pages as the frame does. A session that
//! ended sends the visitor back to sign in, and to this page after.
//!
//! Also the frame's "Open in a new tab", which hands its session to the
//! standalone portal with a one-time code.

use super::{Frame, PortalContext};
use crate::account::{new_tab_code, who_am_i};
use crate::error::PortalError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

pub(super) fn start(context: PortalContext) {
    super::navigation::follow_history(&context);
    let rest = current_path().strip_prefix(&context.base()).unwrap_or_default().to_string();
    context.frame.set(Frame::Working("frame-loading"));
    spawn_local(async move {
        match who_am_i().await {
            Ok(me) => {
                super::live::start(None, me.live_after, &context);
                let name = if me.name.is_empty() { me.email } else { me.name };
                context.frame.set(Frame::SignedIn { name });
                super::navigation::navigate(&context, &rest, true);
            }
            Err(PortalError::SessionEnded | PortalError::NoAccess) => sign_in_again(&context),
            Err(error) => context.frame.set(Frame::Failed(crate::words::error(&error))),
        }
    });
}

/// To the sign-in, which comes back to the page shown now.
pub(super) fn sign_in_again(context: &PortalContext) {
    super::live::stop();
    let back = String::from(js_sys::encode_uri_component(&current_path()));
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&format!("{}/sign-in?return_to={back}", context.base()));
    }
}

pub(super) fn current_path() -> String {
    let Some(place) = web_sys::window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", place.pathname().unwrap_or_default(), place.search().unwrap_or_default())
}

/// Ends the session on the server, then goes where it says (the site's
/// login page). A session already gone goes to sign in all the same.
pub(super) fn sign_out(base: &str) {
    super::live::stop();
    let signed_out = format!("{base}/sign-in");
    spawn_local(async move {
        let to = crate::account::sign_out().await.unwrap_or(signed_out);
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&to);
        }
    });
}

/// Opens a tab at once, while the click still counts as the person's
/// (browsers block a tab opened later), then sends it to the address with
/// the code; it keeps no handle on this frame.
pub(super) fn open_new_tab() {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(tab)) = window.open_with_url_and_target("", "_blank") else { return };
    let _ = tab.set_opener(&JsValue::NULL);
    spawn_local(async move {
        match new_tab_code().await {
            Ok(address) => {
                let _ = tab.location().set_href(&address);
            }
            Err(error) => {
                let _ = tab.close();
                web_sys::console::warn_1(&crate::words::error(&error).into());
            }
        }
    });
}
