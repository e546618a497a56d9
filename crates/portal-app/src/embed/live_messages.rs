//! Live messages in the open ticket (browser only). A message the live
//! socket brings for the ticket shown goes straight into its conversation,
//! in the markup the server rendered for it, rather than making the frame
//! wait for events to settle and fetch the whole page again: that made the
//! customer wait several times longer for a reply.
//!
//! The page's own fetch and the socket may both bring a message, in either
//! order: the conversation's `data-message-id`s keep each message once, in
//! order of id (the order the store writes them, one at a time per
//! workspace). A message that came while the page was on its way is added
//! to the page when it lands.
//!
//! The conversation is server-rendered HTML, not a Leptos view, so this
//! works on the page's elements, as `navigation` does; plain state and
//! calls rather than a signal and an effect keep the bundle smaller.

use super::navigation::{Shown, announce, find};
use portal_core::TicketNumber;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement};

/// A message the live socket brought, in the markup of the conversation
/// that shows it.
pub(super) struct LiveMessage {
    pub ticket: TicketNumber,
    pub id: i64,
    /// Rendered and sanitised by the server, by the page's own template.
    pub html: String,
}

thread_local! {
    /// Messages the page shown may lack: kept until a page read after
    /// them is shown.
    static KEPT: RefCell<Vec<LiveMessage>> = const { RefCell::new(Vec::new()) };
}

/// A message for the ticket at the frame's location: into its conversation
/// now, if the page shows it, and kept for the page if it is on its way.
/// Said to screen readers unless it is the `customer`'s own.
pub(super) fn arrived(message: LiveMessage, customer: &str) {
    KEPT.with_borrow_mut(|kept| kept.push(message));
    let Some(container) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(".page").ok()?)
    else {
        return;
    };
    let before = Shown::read(&container);
    if add_kept(&container)
        && let Some(news) = before.news(&Shown::read(&container), customer)
    {
        announce(&news);
    }
}

/// A page was just put into `container`: it gets the kept messages it
/// lacks; those it has, or that are of another ticket, are forgotten.
pub(super) fn page_shown(container: &Element) {
    let Some((list, ticket)) = conversation(container) else {
        return forget_all();
    };
    // The page was read after the messages it shows were written, so it
    // has every message before the newest of them.
    let newest = shown_ids(&list).into_iter().map(|(id, _)| id).max().unwrap_or(0);
    KEPT.with_borrow_mut(|kept| kept.retain(|m| m.ticket == ticket && m.id > newest));
    add_kept(container);
}

/// Forgets every kept message.
pub(super) fn forget_all() {
    KEPT.with_borrow_mut(Vec::clear);
}

/// Adds to the conversation shown in `container` each kept message of its
/// ticket that it does not show yet, in its place; says whether any was.
fn add_kept(container: &Element) -> bool {
    let Some((list, ticket)) = conversation(container) else { return false };
    KEPT.with_borrow(|kept| {
        let mut added = false;
        for message in kept.iter().filter(|m| m.ticket == ticket) {
            let shown = shown_ids(&list);
            if shown.iter().any(|(id, _)| *id == message.id) {
                continue;
            }
            let Some(item) = element_of(&message.html) else { continue };
            let next = shown.into_iter().find(|(id, _)| *id > message.id).map(|(_, item)| item);
            added |= list.insert_before(&item, next.as_deref()).is_ok();
        }
        added
    })
}

/// The conversation `container` shows, with the ticket it is of.
fn conversation(container: &Element) -> Option<(Element, TicketNumber)> {
    let list = find(container, "[data-testid=conversation][data-number]")?;
    let ticket = list.get_attribute("data-number")?.parse().ok()?;
    Some((list, TicketNumber(ticket)))
}

/// The messages of `list`, with their ids, in the order shown.
fn shown_ids(list: &Element) -> Vec<(i64, Element)> {
    let Ok(items) = list.query_selector_all(":scope > [data-message-id]") else { return Vec::new() };
    (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|item| Some((item.get_attribute("data-message-id")?.parse().ok()?, item)))
        .collect()
}

/// The one element `html` is.
fn element_of(html: &str) -> Option<Element> {
    let document = web_sys::window()?.document()?;
    let template = document.create_element("template").ok()?.dyn_into::<HtmlTemplateElement>().ok()?;
    template.set_inner_html(html);
    template.content().first_element_child()
}
