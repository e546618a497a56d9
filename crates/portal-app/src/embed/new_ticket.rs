//! Opening a new ticket from the portal.

use super::PortalContext;
use crate::api::create_ticket;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use portal_core::{MessageBody, TicketTitle};

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let ticket_type = RwSignal::new(context.settings.ticket_types.first().cloned().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let list = context.path("");

    let submit = {
        let (context, list) = (context.clone(), list.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (t, d, k) = (title.get_untracked(), description.get_untracked(), ticket_type.get_untracked());
            let checked = TicketTitle::parse(&t)
                .map(drop)
                .and_then(|()| if d.trim().is_empty() { Ok(()) } else { MessageBody::parse(&d).map(drop) });
            if let Err(e) = checked {
                problem.set(Some(e.to_string()));
                return;
            }
            busy.set(true);
            let (context, navigate, list) = (context.clone(), navigate.clone(), list.clone());
            spawn_local(async move {
                let kind = (!k.is_empty()).then_some(k);
                match create_ticket(t, d, kind).await {
                    Ok(_) => {
                        context.changed();
                        navigate(&list, Default::default());
                    }
                    Err(e) => problem.set(Some(e.to_string())),
                }
                busy.set(false);
            });
        }
    };

    let types = context.settings.ticket_types.clone();
    view! {
        <nav class="crumbs"><A href=list>"← All tickets"</A></nav>
        <form class="new-ticket" on:submit=submit data-testid="new-ticket-form">
            <h2>"New ticket"</h2>
            <label for="title">"Title"</label>
            <input id="title" data-testid="new-title" maxlength=TicketTitle::MAX_CHARS
                prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
            {(!types.is_empty()).then(|| view! {
                <label for="type">"Type"</label>
                <select id="type" data-testid="new-type" on:change=move |ev| ticket_type.set(event_target_value(&ev))>
                    {types.into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select>
            })}
            <label for="description">"What can we help with?"</label>
            <textarea id="description" data-testid="new-description" rows="6"
                prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            <button type="submit" data-testid="create" disabled=move || busy.get()>"Create ticket"</button>
            {move || problem.get().map(|p| view! { <p class="notice error" role="alert" data-testid="new-problem">{p}</p> })}
        </form>
    }
}
