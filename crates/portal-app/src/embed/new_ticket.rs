//! Opening a new ticket from the portal.

use super::PortalContext;
use super::files::{FilePicker, PickedFiles};
use crate::api::create_ticket;
use leptos::html::{Input, Select, Textarea};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_core::{MessageBody, TicketTitle};

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let (title, description, ticket_type) =
        (NodeRef::<Input>::new(), NodeRef::<Textarea>::new(), NodeRef::<Select>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let files = PickedFiles::default();
    let navigate = use_navigate();
    let list = context.path("");

    let submit = {
        let (context, list) = (context.clone(), list.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let t = title.get_untracked().map(|e| e.value()).unwrap_or_default();
            let d = description.get_untracked().map(|e| e.value()).unwrap_or_default();
            let kind = ticket_type.get_untracked().map(|e| e.value()).filter(|k| !k.is_empty());
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
                match create_ticket(t, d, kind, files.ids()).await {
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
        <nav class="crumbs"><a href=list>"← All tickets"</a></nav>
        <form class="new-ticket" on:submit=submit data-testid="new-ticket-form">
            <h2>"New ticket"</h2>
            <label for="title">"Title"</label>
            <input id="title" data-testid="new-title" maxlength=TicketTitle::MAX_CHARS node_ref=title />
            <label for="type">"Type"</label>
            <select id="type" data-testid="new-type" node_ref=ticket_type>
                {types.into_iter().map(|t| { let label = t.clone(); view! { <option value=t>{label}</option> } }).collect_view()}
            </select>
            <label for="description">"What can we help with?"</label>
            <textarea id="description" data-testid="new-description" rows="6" node_ref=description></textarea>
            <FilePicker files />
            <button type="submit" data-testid="create" disabled=move || busy.get() || files.sending()>
                "Create ticket"
            </button>
            <p class="notice error" role="alert" data-testid="new-problem">{move || problem.get()}</p>
        </form>
    }
}
