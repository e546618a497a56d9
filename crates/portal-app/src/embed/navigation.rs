//! The signed-in customer's pages (browser only). The server renders each
//! page (`api::page`); this fetches the one at the frame's location, puts it
//! in place, and drives it: links move within the frame, forms call the
//! server (`submissions`), files upload and download (`files`). The frame's page
//! changes go into the tab's history, so back and forward work.
//!
//! For keyboards and screen readers: a new page takes the focus to its
//! start (its heading, if it has one) when the focus was on the page that
//! went; a control the new page has again (the search box after a search)
//! keeps it. A refresh of the same page (a live event) moves no focus and
//! tells screen readers what changed through the frame's live region; so
//! does a message the live socket adds to the open ticket (`live_messages`).

use super::{PortalContext, files, live_messages, submissions};
use crate::api::page;
use leptos::ev::{Event, MouseEvent, SubmitEvent};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{Element, HtmlElement, HtmlTemplateElement};

#[component]
pub(super) fn Pages() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let container = NodeRef::<Div>::new();
    let (location, changes) = (context.location, context.changes);
    // Answers may arrive out of order: only the latest request's is shown.
    let latest = StoredValue::new(0u32);
    let frame = context.frame;
    Effect::new(move |shown: Option<Option<String>>| {
        let path = location.get();
        changes.track();
        let element: Element = container.get()?.into();
        let moved = shown.flatten().as_deref() != Some(path.as_str());
        load(element, path.clone(), moved, latest, super::customer_name(frame));
        Some(path)
    });
    let on_click = {
        let context = context.clone();
        move |ev: MouseEvent| clicked(&context, ev)
    };
    let on_submit = {
        let context = context.clone();
        move |ev: SubmitEvent| submissions::submitted(&context, ev)
    };
    let on_change = move |ev: Event| submissions::changed(&context, ev);
    view! {
        <div class="page" tabindex="-1" node_ref=container on:click=on_click on:submit=on_submit on:input=submissions::edited on:change=on_change></div>
    }
}

/// Shows the page at `path`; `moved` when it is another page than the one
/// shown (rather than the same one refreshed). `customer` is the signed-in
/// customer's name: their own new messages are not announced to them.
fn load(container: Element, path: String, moved: bool, latest: StoredValue<u32>, customer: String) {
    let request = latest.get_value().wrapping_add(1);
    latest.set_value(request);
    if container.child_element_count() == 0 {
        container.set_inner_html(r#"<p class="notice" role="status"></p>"#);
        if let Some(notice) = container.first_element_child() {
            notice.set_text_content(Some(&crate::words::text("frame-loading")));
        }
    }
    leptos::task::spawn_local(async move {
        let answer = page(path).await;
        if latest.try_get_value() != Some(request) {
            return;
        }
        match answer {
            Ok(html) => {
                let before = Shown::read(&container);
                swap(&container, &html, moved);
                live_messages::page_shown(&container);
                if !moved && let Some(news) = before.news(&Shown::read(&container), &customer) {
                    announce(&news);
                }
            }
            Err(error) => show_error(&container, &crate::words::error(&error)),
        }
        if moved && let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}

/// Replaces the page with `html`, except that an element marked
/// `data-keep` which the new page also has stays as it is: a reply being
/// written survives the conversation being refreshed under it, and keeps
/// the caret. The focus, if it was on the page, stays where it was, or on
/// the new page's control of the same `data-testid`, or, on a new page
/// (`moved`), goes to its start.
fn swap(container: &Element, html: &str, moved: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(template) =
        document.create_element("template").ok().and_then(|t| t.dyn_into::<HtmlTemplateElement>().ok())
    else {
        return;
    };
    let focused = document.active_element().filter(|e| container.contains(Some(e)));
    // A control that was disabled while it sent (the new ticket's create
    // button) has dropped the focus to the body.
    let dropped =
        document.active_element().is_some_and(|e| e.tag_name() == "BODY") && document.has_focus().unwrap_or(false);
    let focused_control = focused.as_ref().and_then(|e| e.get_attribute("data-testid")).filter(|id| is_plain(id));
    // A control that makes way for another (joining a conversation brings
    // the reply box) names it: the focus moves on to it.
    let successor = focused.as_ref().and_then(|e| e.get_attribute("data-then-focus")).filter(|id| is_plain(id));
    template.set_inner_html(html);
    let fresh = template.content();
    if let Ok(marked) = fresh.query_selector_all("[data-keep]") {
        for new in (0..marked.length()).filter_map(|i| marked.item(i)?.dyn_into::<Element>().ok()) {
            let Some(id) = new.get_attribute("data-keep").filter(|id| is_plain(id)) else { continue };
            if let Some(old) = find(container, &format!("[data-keep=\"{id}\"]")) {
                let _ = new.replace_with_with_node_1(&old);
            }
        }
    }
    container.replace_children_with_node_1(&fresh);
    // A kept element was taken out and put back, which drops its focus:
    // someone typing in it must not lose the caret to a live refresh.
    if let Some(kept) = focused.as_ref().filter(|e| e.is_connected()).and_then(|e| e.dyn_ref::<HtmlElement>()) {
        let _ = kept.focus();
        return;
    }
    if focused.is_none() && !(moved && dropped) {
        return;
    }
    let again = [focused_control, successor]
        .into_iter()
        .flatten()
        .find_map(|id| find(container, &format!("[data-testid=\"{id}\"]")));
    let start = || {
        let heading = find(container, "h2")?;
        let _ = heading.set_attribute("tabindex", "-1");
        Some(heading)
    };
    let focus = |element: &Element| {
        element.dyn_ref::<HtmlElement>().is_some_and(|e| e.focus().is_ok())
            && document.active_element().as_ref() == Some(element)
    };
    if again.as_ref().is_some_and(focus) {
        return;
    }
    // A new page: its start. The same page, refreshed without the control
    // that had the focus: the page, so that the next Tab goes on from its top.
    let start = if moved { start() } else { None };
    if !start.as_ref().is_some_and(focus) {
        focus(container);
    }
}

/// What a page shows that a live refresh may change: the authors of its
/// messages, its state, its list of tickets.
pub(super) struct Shown {
    authors: Vec<String>,
    state: Option<String>,
    tickets: Vec<String>,
}

impl Shown {
    pub(super) fn read(container: &Element) -> Self {
        let texts = |selector: &str| -> Vec<String> {
            let Ok(list) = container.query_selector_all(selector) else { return Vec::new() };
            (0..list.length()).filter_map(|i| list.item(i)?.text_content()).map(|t| t.trim().to_string()).collect()
        };
        Shown {
            authors: texts("[data-testid=message] [data-testid=message-author]"),
            state: texts("[data-testid=ticket] [data-testid=ticket-status]").pop(),
            // A row's number, title and state: not its times, which age.
            tickets: texts(
                "[data-testid=ticket-row] [data-testid=ticket-number], [data-testid=ticket-row] [data-testid=ticket-title], \
                 [data-testid=ticket-row] [data-testid=ticket-status]",
            ),
        }
    }

    /// What to tell a screen reader about the change from `self` to `now`:
    /// a new message from someone else than the `customer`, else a change
    /// of the ticket or of the list.
    pub(super) fn news(&self, now: &Shown, customer: &str) -> Option<String> {
        let from_others = now.authors.iter().skip(self.authors.len()).rfind(|a| a.as_str() != customer.trim());
        if let Some(author) = from_others {
            return Some(crate::words::text_with("live-new-message", &[("name", author.clone())]));
        }
        if self.state.is_some() && now.state.is_some() && self.state != now.state {
            return Some(crate::words::text("live-ticket-changed"));
        }
        if !self.tickets.is_empty() && self.tickets != now.tickets {
            return Some(crate::words::text("live-list-changed"));
        }
        None
    }
}

/// Says `text` through the frame's live region, which is polite: it waits
/// for the screen reader to finish, and takes no focus.
pub(super) fn announce(text: &str) {
    let Some(region) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=announcer]").ok().flatten())
    else {
        return;
    };
    // Emptied first, so that the same news twice is said twice.
    region.set_text_content(None);
    let text = text.to_string();
    set_timeout(move || region.set_text_content(Some(&text)), std::time::Duration::from_millis(100));
}

/// The first element below `scope` that `selector` matches.
pub(super) fn find(scope: &Element, selector: &str) -> Option<Element> {
    scope.query_selector(selector).ok().flatten()
}

/// Safe inside a quoted CSS attribute selector.
fn is_plain(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn show_error(container: &Element, message: &str) {
    container.set_inner_html(r#"<p class="notice error" role="alert" data-testid="status"></p>"#);
    if let Some(notice) = container.first_element_child() {
        notice.set_text_content(Some(message));
    }
}

fn clicked(context: &PortalContext, ev: MouseEvent) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let closest = |selector: &str| target.closest(selector).ok().flatten();
    if let Some(button) = closest("button[data-action]") {
        return submissions::pressed(context, &button);
    }
    if let Some(button) = closest("button[data-remove]") {
        return files::removed(&button);
    }
    let Some(link) = closest("a[href]") else { return };
    if link.has_attribute("data-attachment") {
        ev.prevent_default();
        return files::download(&link);
    }
    // A new tab or window is the browser's business.
    if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return;
    }
    let href = link.get_attribute("href").unwrap_or_default();
    let Some(rest) = href.strip_prefix(&context.base()) else { return };
    if rest.is_empty() || rest.starts_with(['/', '?']) {
        ev.prevent_default();
        navigate(context, rest, false);
    }
}

/// Shows the page at `rest` (below the portal's path), as a new history
/// entry or in place of the current one.
pub(super) fn navigate(context: &PortalContext, rest: &str, replace: bool) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = format!("{}{rest}", context.base());
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
    context.location.set(rest.to_string());
}

/// Back and forward show the page of the history entry.
pub(super) fn follow_history(context: &PortalContext) {
    let (base, location) = (context.base(), context.location);
    let on_pop = Closure::<dyn FnMut()>::new(move || {
        let Some(place) = web_sys::window().map(|w| w.location()) else { return };
        let path = format!("{}{}", place.pathname().unwrap_or_default(), place.search().unwrap_or_default());
        if let Some(rest) = path.strip_prefix(&base) {
            location.set(rest.to_string());
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    }
    // Listens as long as the frame's document lives.
    on_pop.forget();
}
