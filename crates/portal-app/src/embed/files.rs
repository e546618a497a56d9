//! Files in the frame (browser only): picking them for a reply or a new
//! ticket, and downloading the files of a ticket.
//!
//! Each picked file uploads at once and is listed in its picker with how
//! it went (`data-state`: sending, ready with its `data-id`, or refused with
//! the reason); the message is sent with the ids of the ready ones. Both
//! directions go through `fetch` with the session's bearer token: a plain
//! link or form would carry no session.

use super::navigation::find;
use super::{PortalContext, submissions};
use crate::error::PortalError;
use leptos::ev::Event;
use portal_core::attachment::format_size;
use portal_core::{AttachmentId, AttachmentInfo};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, File, HtmlAnchorElement, HtmlInputElement, RequestInit, Response, Url};

/// Files were picked in a page's file input.
pub(super) fn picked(context: &PortalContext, ev: Event) {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
    let (Some(list), Some(rows)) =
        (input.files(), input.closest(".file-picker").ok().flatten().and_then(|p| find(&p, ".picked")))
    else {
        return;
    };
    let limits = context.settings.attachment_limits;
    for file in (0..list.length()).filter_map(|i| list.get(i)) {
        let (name, size) = (file.name(), file.size() as u64);
        let Some(row) = add_row(&rows) else { return };
        let checked = limits.check_count(kept(&rows)).and_then(|()| limits.check_file(&name, size));
        if let Err(error) = checked {
            settle(&row, Err(crate::words::message(&error.message())), size);
            continue;
        }
        show(&row, "sending", &crate::words::text_with("files-uploading", &[("name", name.clone())]));
        leptos::task::spawn_local(async move {
            settle(&row, upload(&name, &file).await, size);
        });
    }
    // The same file can be picked again after it was removed.
    input.set_value("");
}

/// A picked file's remove button was pressed.
pub(super) fn removed(button: &Element) {
    let Some(row) = button.closest(".picked-file").ok().flatten() else { return };
    let form = row.closest("form").ok().flatten();
    row.remove();
    if let Some(form) = form {
        submissions::refresh(&form);
    }
}

/// The ids of the form's uploaded files, to send with its message.
pub(super) fn ready(form: &Element) -> Vec<AttachmentId> {
    rows(form, ".picked-file[data-id]")
        .iter()
        .filter_map(|row| row.get_attribute("data-id")?.parse().ok().map(AttachmentId))
        .collect()
}

/// Whether a file of the form is still on its way up.
pub(super) fn uploading(form: &Element) -> bool {
    !rows(form, ".picked-file[data-state=sending]").is_empty()
}

/// Once the message that carried them is sent.
pub(super) fn clear(form: &Element) {
    for row in rows(form, ".picked-file") {
        row.remove();
    }
}

fn rows(scope: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = scope.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// Files counted against the workspace's limit: those not refused.
fn kept(rows_list: &Element) -> usize {
    rows(rows_list, ".picked-file:not([data-state=refused])").len()
}

/// A new row for a picked file: its text and a remove button.
fn add_row(list: &Element) -> Option<Element> {
    let document = list.owner_document()?;
    let row = document.create_element("li").ok()?;
    let _ = row.set_attribute("data-testid", "picked-file");
    let text = document.create_element("span").ok()?;
    row.append_child(&text).ok()?;
    let remove = document.create_element("button").ok()?;
    for (name, value) in [
        ("type", "button"),
        ("class", "remove"),
        ("aria-label", &crate::words::text("files-remove")),
        ("data-remove", ""),
    ] {
        let _ = remove.set_attribute(name, value);
    }
    remove.set_text_content(Some("×"));
    row.append_child(&remove).ok()?;
    list.append_child(&row).ok()?;
    Some(row)
}

fn show(row: &Element, state: &str, text: &str) {
    let _ = row.set_attribute("class", &format!("picked-file {state}"));
    let _ = row.set_attribute("data-state", state);
    if let Some(span) = row.first_element_child() {
        span.set_text_content(Some(text));
    }
    if let Some(form) = row.closest("form").ok().flatten() {
        submissions::refresh(&form);
    }
}

fn settle(row: &Element, outcome: Result<AttachmentInfo, String>, size: u64) {
    match outcome {
        Ok(info) => {
            let _ = row.set_attribute("data-id", &info.id.to_string());
            show(row, "ready", &format!("{} ({})", info.name, format_size(size)));
        }
        Err(why) => show(row, "refused", &why),
    }
}

/// Uploads one file; a refusal says which file and why.
async fn upload(name: &str, file: &File) -> Result<AttachmentInfo, String> {
    let url = format!("/api/portal/attachments?name={}", js_sys::encode_uri_component(name));
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(file);
    let told = |error: &PortalError| format!("{name}: {}", crate::words::error(error));
    let (status, text) = fetch_text(&url, &init).await.map_err(|_| told(&PortalError::Network))?;
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|_| told(&PortalError::Internal))
    } else {
        let error = serde_json::from_str::<PortalError>(&text).unwrap_or(PortalError::Internal);
        let message = crate::words::error(&error);
        Err(if message.starts_with(name) { message } else { format!("{name}: {message}") })
    }
}

/// `fetch` with the session's token; the status and the body as text.
async fn fetch_text(url: &str, init: &RequestInit) -> Result<(u16, String), JsValue> {
    let response = authorized_fetch(url, init).await?;
    let text = JsFuture::from(response.text()?).await?.as_string().unwrap_or_default();
    Ok((response.status(), text))
}

async fn authorized_fetch(url: &str, init: &RequestInit) -> Result<Response, JsValue> {
    let headers = web_sys::Headers::new()?;
    if let Some(value) = crate::client::authorization() {
        headers.set("Authorization", &value)?;
    }
    if let Some(lang) = crate::client::page_language() {
        headers.set("Accept-Language", &lang)?;
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or("no window")?;
    JsFuture::from(window.fetch_with_str_and_init(url, init)).await?.dyn_into()
}

/// A file link of the ticket was clicked: fetch it with the session and
/// hand it to the browser's download.
pub(super) fn download(link: &Element) {
    let (Some(href), name) = (link.get_attribute("href"), link.get_attribute("download").unwrap_or_default()) else {
        return;
    };
    leptos::task::spawn_local(async move {
        if let Err(error) = save(&href, &name).await {
            web_sys::console::warn_2(&"download failed".into(), &error);
        }
    });
}

async fn save(href: &str, name: &str) -> Result<(), JsValue> {
    let init = RequestInit::new();
    let response = authorized_fetch(href, &init).await?;
    if !response.ok() {
        return Err(format!("status {}", response.status()).into());
    }
    let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.dyn_into()?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has its own copy once started; a minute is ample.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}
