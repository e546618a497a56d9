//! The pages' forms in the browser. A form's `data-action` says what its
//! submit does: `reply` (to ticket `data-number`), `create` (a new
//! ticket), or `list` (show the list its fields describe; a field marked
//! `data-apply` does so as soon as it changes); a button's
//! `data-action="reopen"` reopens its ticket, `data-action="join"` joins
//! it (a company member who then takes part). Fields are checked with the
//! same rules, and worded as, the server's.

use super::navigation::{self, find};
use super::{PortalContext, files};
use crate::api::{create_ticket, join_ticket, reopen_ticket, reply_to_ticket};
use crate::error::PortalError;
use leptos::ev::{Event, SubmitEvent};
use leptos::prelude::Set;
use leptos::task::spawn_local;
use portal_core::{MessageBody, TicketNumber, TicketTitle};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// Something was typed into a page: its form's counter and send button follow.
pub(super) fn edited(ev: Event) {
    if let Some(form) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("form").ok()?) {
        refresh(&form);
    }
}

/// Brings the form's counter and submit button up to date with its fields,
/// its files and whether it is being sent.
pub(super) fn refresh(form: &Element) {
    let busy = form.has_attribute("data-busy") || files::uploading(form);
    let blocked = match form.get_attribute("data-action").as_deref() {
        Some("reply") => {
            let chars = value(form, "body").trim().chars().count();
            let too_long = chars > MessageBody::MAX_CHARS;
            if let Some(count) = find(form, "[data-count]") {
                count.set_text_content(Some(&format!("{chars} / {}", MessageBody::MAX_CHARS)));
                let _ = count.class_list().toggle_with_force("error", too_long);
            }
            chars == 0 || too_long
        }
        _ => false,
    };
    if let Some(button) = find(form, "button[type=submit]") {
        let _ = button.toggle_attribute_with_force("disabled", busy || blocked);
    }
}

pub(super) fn submitted(context: &PortalContext, ev: SubmitEvent) {
    let Some(form) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    ev.prevent_default();
    if form.has_attribute("data-busy") {
        return;
    }
    let context = context.clone();
    match form.get_attribute("data-action").as_deref() {
        Some("reply") => spawn_local(async move { reply(&context, &form).await }),
        Some("create") => spawn_local(async move { create(&context, &form).await }),
        Some("list") => list(&context, &form),
        _ => {}
    }
}

/// A field changed: a list control applies at once; a file input uploads.
pub(super) fn changed(context: &PortalContext, ev: Event) {
    let Some(field) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    if field.has_attribute("data-apply") {
        if let Some(form) = field.closest("form[data-action=list]").ok().flatten() {
            list(context, &form);
        }
        return;
    }
    files::picked(context, ev);
}

/// Moves to the list the form's fields describe: the server reads the
/// search, filters and sort from the URL, so history keeps them.
fn list(context: &PortalContext, form: &Element) {
    let mut pairs = Vec::new();
    if let Ok(fields) = form.query_selector_all("[name]") {
        for field in (0..fields.length()).filter_map(|i| fields.item(i)) {
            let read = |key: &str| js_sys::Reflect::get(&field, &JsValue::from_str(key)).ok()?.as_string();
            let (Some(name), Some(value)) = (read("name"), read("value")) else { continue };
            if !value.trim().is_empty() {
                let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
                pairs.push(format!("{}={}", encode(&name), encode(value.trim())));
            }
        }
    }
    let rest = if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) };
    navigation::navigate(context, &rest, false);
}

/// A button with a `data-action` was pressed.
pub(super) fn pressed(context: &PortalContext, button: &Element) {
    let join = match button.get_attribute("data-action").as_deref() {
        Some("reopen") => false,
        Some("join") => true,
        Some("sign-out-everywhere") => return sign_out_everywhere(context),
        Some("email-notifications") => return email_notifications(context, button),
        _ => return,
    };
    let Some(number) = number_of(button) else { return };
    let context = context.clone();
    spawn_local(async move {
        // Either is harmless twice: a second press changes nothing.
        let done = if join { join_ticket(number).await } else { reopen_ticket(number).await };
        match done {
            // The page comes back with the reply box (or the ticket reopened).
            Ok(()) => context.changed(),
            Err(error) => show_problem(&crate::words::error(&error)),
        }
    });
}

/// Turns email about replies on or off (`data-turn`); the page comes back
/// saying which.
fn email_notifications(context: &PortalContext, button: &Element) {
    let on = button.get_attribute("data-turn").as_deref() == Some("on");
    let context = context.clone();
    spawn_local(async move {
        match crate::account::set_email_notifications(on).await {
            Ok(()) => context.changed(),
            Err(error) => show_problem(&crate::words::error(&error)),
        }
    });
}

/// Ends every session of the customer, this one too: the standalone portal
/// goes back to sign in, the frame says it is signed out.
fn sign_out_everywhere(context: &PortalContext) {
    let context = context.clone();
    spawn_local(async move {
        match crate::account::sign_out_everywhere().await {
            Ok(_) if context.standalone => super::standalone::sign_in_again(&context),
            Ok(_) => {
                super::live::stop();
                crate::client::set_token(None);
                context.frame.set(super::Frame::SignedOutEverywhere);
            }
            Err(error) => show_problem(&crate::words::error(&error)),
        }
    });
}

/// Sends the reply in the box. Its text stays until the server has it, so a
/// failed send keeps it; its key stays with it, so a retry writes once.
async fn reply(context: &PortalContext, form: &Element) {
    let Some(number) = number_of(form) else { return };
    let body = value(form, "body");
    if let Err(error) = MessageBody::parse(&body) {
        return problem(form, &crate::words::message(&error.message()));
    }
    let key = match value(form, "key") {
        key if key.is_empty() => {
            let key = new_idempotency_key();
            set_value(form, "key", &key);
            key
        }
        key => key,
    };
    busy(form, true);
    say(form, ".send-state", &crate::words::text("reply-sending"));
    problem(form, "");
    match reply_to_ticket(number, body, key, files::ready(form)).await {
        Ok(_) => {
            set_value(form, "body", "");
            set_value(form, "key", "");
            files::clear(form);
            say(form, ".send-state", &crate::words::text("reply-sent"));
            say(form, "button[type=submit]", &crate::words::text("reply-send"));
            keep_writing(form);
            context.changed();
        }
        Err(error) => {
            if error == PortalError::KeyReused {
                // That key wrote another text: the next send is a new reply.
                set_value(form, "key", "");
            }
            say(form, ".send-state", &crate::words::text("reply-not-sent"));
            say(form, "button[type=submit]", &crate::words::text("reply-retry"));
            problem(form, &crate::words::error(&error));
        }
    }
    busy(form, false);
}

/// Opens the ticket, then shows the list with it on top.
async fn create(context: &PortalContext, form: &Element) {
    let (title, description, kind) = (value(form, "title"), value(form, "description"), value(form, "ticket_type"));
    let checked = TicketTitle::parse(&title)
        .map(drop)
        .and_then(|()| if description.trim().is_empty() { Ok(()) } else { MessageBody::parse(&description).map(drop) });
    if let Err(error) = checked {
        return problem(form, &crate::words::message(&error.message()));
    }
    busy(form, true);
    problem(form, "");
    let kind = (!kind.is_empty()).then_some(kind);
    let company = Some(value(form, "company")).filter(|key| !key.is_empty());
    match create_ticket(title, description, kind, files::ready(form), company, attributes(form)).await {
        Ok(_) => {
            navigation::navigate(context, "", false);
            context.changed();
        }
        Err(error) => problem(form, &crate::words::error(&error)),
    }
    busy(form, false);
}

/// After a reply is sent from the keyboard, the focus goes back to the
/// emptied box (the send button, disabled while it sent, dropped it),
/// unless it has moved on elsewhere.
fn keep_writing(form: &Element) {
    let Some(document) = form.owner_document() else { return };
    let dropped = match document.active_element() {
        None => true,
        Some(active) => active.tag_name() == "BODY" || (form.contains(Some(&active)) && active.tag_name() == "BUTTON"),
    };
    if dropped && let Some(body) = find(form, "[name=body]").and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = body.focus();
    }
}

fn busy(form: &Element, busy: bool) {
    let _ = form.toggle_attribute_with_force("data-busy", busy);
    refresh(form);
}

fn say(form: &Element, selector: &str, text: &str) {
    if let Some(element) = find(form, selector) {
        element.set_text_content(Some(text));
    }
}

fn problem(form: &Element, text: &str) {
    say(form, "[role=alert]", text);
}

/// A problem outside any form, shown in the page's first alert.
fn show_problem(text: &str) {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(alert) = document.and_then(|d| d.query_selector(".page [role=alert]").ok().flatten()) {
        alert.set_text_content(Some(text));
    }
}

fn number_of(element: &Element) -> Option<TicketNumber> {
    element.get_attribute("data-number")?.parse().ok().map(TicketNumber)
}

/// The value of the form's field `name` (input, textarea or select alike).
/// The workspace's own fields of the new-ticket form (`attr.<key>`).
fn attributes(form: &Element) -> std::collections::BTreeMap<String, String> {
    let mut filled = std::collections::BTreeMap::new();
    let Ok(fields) = form.query_selector_all("[name^='attr.']") else { return filled };
    for field in (0..fields.length()).filter_map(|i| fields.item(i)) {
        let name = js_sys::Reflect::get(&field, &JsValue::from_str("name")).ok().and_then(|v| v.as_string());
        let value = js_sys::Reflect::get(&field, &JsValue::from_str("value")).ok().and_then(|v| v.as_string());
        if let (Some(key), Some(value)) = (name.as_deref().and_then(|n| n.strip_prefix("attr.")), value) {
            filled.insert(key.to_string(), value);
        }
    }
    filled
}

fn value(form: &Element, name: &str) -> String {
    find(form, &format!("[name={name}]"))
        .and_then(|field| js_sys::Reflect::get(&field, &JsValue::from_str("value")).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

fn set_value(form: &Element, name: &str, value: &str) {
    if let Some(field) = find(form, &format!("[name={name}]")) {
        let _ = js_sys::Reflect::set(&field, &JsValue::from_str("value"), &JsValue::from_str(value));
    }
}

/// 128 random bits from the browser's CSPRNG, as hex.
fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).expect("window.crypto");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
