//! The customer's ticket list, most recently updated first. The server
//! renders it; this page only fetches and shows it.

use super::{Loaded, PortalContext, load, notice};
use crate::api::tickets_page;
use leptos::prelude::*;

#[component]
pub fn TicketsPage() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let page: Loaded<String> = RwSignal::new(None);
    let changes = context.changes;
    Effect::new(move |_| {
        changes.track();
        load(page, tickets_page());
    });
    view! {
        <div class="toolbar">
            <a href=context.path("/new") class="button" data-testid="new-ticket">"New ticket"</a>
        </div>
        {move || match page.get() {
            None => notice("Loading your tickets…".into(), false).into_any(),
            Some(Ok(html)) => view! { <div inner_html=html></div> }.into_any(),
            Some(Err(e)) => notice(e.to_string(), true).into_any(),
        }}
    }
}
