//! One ticket: its details and public conversation (rendered by the server),
//! and the reply box (or the reopen button, or why neither is offered).

use super::files::{FilePicker, PickedFiles, on_file_click};
use super::{Loaded, PortalContext, load, notice};
use crate::api::{reopen_ticket, reply_to_ticket, ticket};
use crate::error::PortalError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_core::{MessageBody, TicketStatus, TicketView};

#[component]
pub fn TicketPage() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let params = use_params_map();
    let number = move || params.read().get("number").and_then(|n| n.parse::<i64>().ok());
    let page: Loaded<TicketView> = RwSignal::new(None);
    // Outlives the reloads of the ticket, which re-create the reply box.
    let draft = Draft::default();
    let changes = context.changes;
    Effect::new(move |_| {
        changes.track();
        match number() {
            Some(number) => load(page, ticket(number)),
            None => page.set(Some(Err(PortalError::NotFound))),
        }
    });
    view! {
        <nav class="crumbs"><a href=context.path("") data-testid="back">"← All tickets"</a></nav>
        {move || match page.get() {
            None => notice("Loading the ticket…".into(), false).into_any(),
            Some(Ok(ticket)) => view! {
                <article class="ticket" data-testid="ticket">
                    <div inner_html=ticket.html on:click=on_file_click></div>
                    <Composer number=ticket.number status=ticket.status reopen_allowed=ticket.reopen_allowed draft />
                </article>
            }
            .into_any(),
            Some(Err(e)) => notice(e.to_string(), true).into_any(),
        }}
    }
}

/// Where the reply being written stands. Its text stays in the box until the
/// server has it, so a failed send keeps it, and its idempotency key stays
/// with it, so a retry can never post it twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sending {
    Idle,
    InFlight,
    Sent,
    Failed,
}

/// The reply being written, and how its sending went.
#[derive(Clone, Copy)]
struct Draft {
    text: RwSignal<String>,
    sending: RwSignal<Sending>,
    problem: RwSignal<Option<String>>,
    // The key of the reply in the box; a new one once the server has it.
    key: StoredValue<Option<String>>,
    files: PickedFiles,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            text: RwSignal::new(String::new()),
            sending: RwSignal::new(Sending::Idle),
            problem: RwSignal::new(None),
            key: StoredValue::new(None),
            files: PickedFiles::default(),
        }
    }
}

#[component]
fn Composer(number: i64, status: TicketStatus, reopen_allowed: bool, draft: Draft) -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let closed = status == TicketStatus::Closed;
    if closed && !reopen_allowed {
        return view! {
            <p class="notice" data-testid="closed-notice">
                "This ticket is closed. To ask something new, "
                <a href=context.path("/new")>"open a new ticket"</a>"."
            </p>
        }
        .into_any();
    }
    let Draft { text, sending, problem, key, files } = draft;
    let chars = move || text.with(|t| t.trim().chars().count());
    let too_long = move || chars() > MessageBody::MAX_CHARS;

    let submit = {
        let context = context.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = text.get_untracked();
            if let Err(e) = MessageBody::parse(&body) {
                problem.set(Some(e.to_string()));
                return;
            }
            let reply_key = key.get_value().unwrap_or_else(new_idempotency_key);
            key.set_value(Some(reply_key.clone()));
            sending.set(Sending::InFlight);
            problem.set(None);
            let context = context.clone();
            spawn_local(async move {
                match reply_to_ticket(number, body, reply_key, files.ids()).await {
                    Ok(_) => {
                        key.set_value(None);
                        text.set(String::new());
                        files.clear();
                        sending.set(Sending::Sent);
                        context.changed();
                    }
                    Err(e) => {
                        sending.set(Sending::Failed);
                        problem.set(Some(e.to_string()));
                    }
                }
            });
        }
    };
    let reopen = move |_| {
        let context = context.clone();
        spawn_local(async move {
            match reopen_ticket(number).await {
                Ok(()) => context.changed(),
                Err(e) => problem.set(Some(e.to_string())),
            }
        });
    };
    let state_text = move || match sending.get() {
        Sending::Idle => "",
        Sending::InFlight => "Sending…",
        Sending::Sent => "Sent",
        Sending::Failed => "Not sent",
    };

    view! {
        {closed.then(|| view! {
            <p class="notice" data-testid="closed-notice">
                "This ticket is closed. Replying reopens it. "
                <button type="button" data-testid="reopen" on:click=reopen>"Reopen"</button>
            </p>
        })}
        <form class="composer" on:submit=submit>
            <label for="reply">"Reply"</label>
            <textarea
                id="reply"
                data-testid="reply-text"
                rows="4"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <FilePicker files />
            <div class="composer-foot">
                <span class="count" class:error=too_long data-testid="reply-count">
                    {move || format!("{} / {}", chars(), MessageBody::MAX_CHARS)}
                </span>
                <span class="send-state" data-testid="send-state">{state_text}</span>
                <button
                    type="submit"
                    data-testid="send"
                    disabled=move || {
                        chars() == 0 || too_long() || files.sending() || sending.get() == Sending::InFlight
                    }
                >
                    {move || if sending.get() == Sending::Failed { "Retry" } else { "Send" }}
                </button>
            </div>
            <p class="notice error" role="alert" data-testid="reply-problem">{move || problem.get()}</p>
        </form>
    }
    .into_any()
}

/// 128 random bits from the browser's CSPRNG, as hex.
#[cfg(feature = "hydrate")]
pub(crate) fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).expect("window.crypto");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(not(feature = "hydrate"))]
pub(crate) fn new_idempotency_key() -> String {
    // Forms only submit in the browser.
    unreachable!("idempotency keys are made in the browser")
}
