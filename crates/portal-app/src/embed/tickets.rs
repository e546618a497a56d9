//! The customer's ticket list, most recently updated first.

use super::{PortalContext, notice, now_millis};
use crate::api::my_tickets;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_core::TicketSummary;
use portal_core::time::{relative, utc_datetime};

#[component]
pub fn TicketsPage() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let changes = context.changes;
    let tickets = LocalResource::new(move || {
        changes.track();
        my_tickets()
    });
    let new_ticket = context.path("/new");
    view! {
        <div class="toolbar">
            <A href=new_ticket attr:class="button" attr:data-testid="new-ticket">"New ticket"</A>
        </div>
        <Suspense fallback=|| view! { <p class="notice">"Loading your tickets…"</p> }>
            {move || {
                let context = context.clone();
                Suspend::new(async move {
                    match tickets.await {
                        Ok(tickets) => view! { <TicketList context tickets /> }.into_any(),
                        Err(e) => notice(e.to_string(), true).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn TicketList(context: PortalContext, tickets: Vec<TicketSummary>) -> impl IntoView {
    if tickets.is_empty() {
        return view! { <p class="notice" data-testid="no-tickets">"You have no tickets yet."</p> }.into_any();
    }
    let now = now_millis();
    view! {
        <table class="tickets" data-testid="ticket-list">
            <thead>
                <tr><th>"#"</th><th>"Title"</th><th>"Status"</th><th>"Last updated"</th></tr>
            </thead>
            <tbody>
                {tickets
                    .into_iter()
                    .map(|t| view! {
                        <tr data-testid="ticket-row">
                            <td data-testid="ticket-number">{format!("#{}", t.number)}</td>
                            <td data-testid="ticket-title">
                                <A href=context.path(&format!("/tickets/{}", t.number))>{t.title}</A>
                            </td>
                            <td><StatusBadge status=t.status /></td>
                            <td data-testid="ticket-updated">
                                <time title=utc_datetime(t.updated_at)>{relative(now, t.updated_at)}</time>
                            </td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
pub(crate) fn StatusBadge(status: portal_core::TicketStatus) -> impl IntoView {
    view! {
        <span class=format!("status status-{}", status.as_str()) data-testid="ticket-status">{status.label()}</span>
    }
}
