//! One ticket: its details, the public conversation oldest first, and the
//! reply box (or the reopen button, or why neither is offered).

use super::tickets::StatusBadge;
use super::{PortalContext, notice, now_millis};
use crate::api::{reopen_ticket, reply_to_ticket, ticket};
use crate::error::PortalError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_core::time::{relative, utc_date, utc_datetime};
use portal_core::{AuthorKind, MessageBody, MessageView, TicketStatus, TicketView};

#[component]
pub fn TicketPage() -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let params = use_params_map();
    let number = move || params.read().get("number").and_then(|n| n.parse::<i64>().ok());
    let changes = context.changes;
    let view_of = LocalResource::new(move || {
        changes.track();
        let number = number();
        async move {
            match number {
                Some(number) => ticket(number).await,
                None => Err(PortalError::NotFound),
            }
        }
    });
    let back = context.path("");
    view! {
        <nav class="crumbs"><A href=back attr:data-testid="back">"← All tickets"</A></nav>
        <Suspense fallback=|| view! { <p class="notice">"Loading the ticket…"</p> }>
            {move || Suspend::new(async move {
                match view_of.await {
                    Ok(ticket) => view! { <Ticket ticket /> }.into_any(),
                    Err(e) => notice(e.to_string(), true).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Ticket(ticket: TicketView) -> impl IntoView {
    let now = now_millis();
    let sent_ids: Vec<i64> = ticket.messages.iter().map(|m| m.id).collect();
    view! {
        <article class="ticket" data-testid="ticket">
            <h2>
                <span class="number" data-testid="ticket-number">{format!("#{}", ticket.number)}</span>
                " "
                <span data-testid="ticket-title">{ticket.title.clone()}</span>
            </h2>
            <dl class="facts">
                <dt>"Status"</dt><dd><StatusBadge status=ticket.status /></dd>
                <dt>"Channel"</dt><dd data-testid="ticket-channel">{ticket.channel.clone()}</dd>
                <dt>"Created"</dt><dd><time title=utc_datetime(ticket.created_at)>{utc_date(ticket.created_at)}</time></dd>
                {ticket.ticket_type.clone().map(|t| view! { <dt>"Type"</dt><dd data-testid="ticket-type">{t}</dd> })}
            </dl>
            <div class="message-body description" inner_html=ticket.description_html.clone()></div>
            <ol class="conversation" data-testid="conversation">
                {ticket.messages.into_iter().map(|m| view! { <Message message=m now /> }).collect_view()}
            </ol>
            <Composer number=ticket.number status=ticket.status reopen_allowed=ticket.reopen_allowed sent_ids />
        </article>
    }
}

#[component]
fn Message(message: MessageView, now: i64) -> impl IntoView {
    let kind = match message.author_kind {
        AuthorKind::Customer => "You",
        AuthorKind::Agent => "Support",
    };
    view! {
        <li class=format!("message from-{}", message.author_kind.as_str()) data-testid="message">
            <header>
                <strong data-testid="message-author">{message.author_name}</strong>
                <span class="kind">{kind}</span>
                <time title=utc_datetime(message.created_at)>{relative(now, message.created_at)}</time>
            </header>
            <div class="message-body" data-testid="message-body" inner_html=message.body_html></div>
        </li>
    }
}

/// A reply on its way: kept, with its idempotency key, until the server has
/// it, so a failed send keeps the text and a retry cannot duplicate it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outgoing {
    key: String,
    body: String,
    state: SendState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SendState {
    Sending,
    Sent(i64),
    Failed(String),
}

#[component]
fn Composer(number: i64, status: TicketStatus, reopen_allowed: bool, sent_ids: Vec<i64>) -> impl IntoView {
    let context = expect_context::<PortalContext>();
    let closed = status == TicketStatus::Closed;
    if closed && !reopen_allowed {
        return view! {
            <p class="notice" data-testid="closed-notice">
                "This ticket is closed. To ask something new, "
                <A href=context.path("/new")>"open a new ticket"</A>"."
            </p>
        }
        .into_any();
    }
    let text = RwSignal::new(String::new());
    let outbox = RwSignal::new(Vec::<Outgoing>::new());
    let problem = RwSignal::new(None::<String>);
    let chars = move || text.with(|t| t.trim().chars().count());
    let too_long = move || chars() > MessageBody::MAX_CHARS;

    let send = {
        let context = context.clone();
        move |key: String, body: String| {
            let context = context.clone();
            spawn_local(async move {
                let result = reply_to_ticket(number, body, key.clone()).await;
                outbox.update(|all| {
                    if let Some(m) = all.iter_mut().find(|m| m.key == key) {
                        m.state = match &result {
                            Ok(message) => SendState::Sent(message.id),
                            Err(e) => SendState::Failed(e.to_string()),
                        }
                    }
                });
                if result.is_ok() {
                    context.changed();
                }
            });
        }
    };
    let submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let body = text.get_untracked();
            if let Err(e) = MessageBody::parse(&body) {
                problem.set(Some(e.to_string()));
                return;
            }
            problem.set(None);
            let key = new_idempotency_key();
            outbox.update(|all| all.push(Outgoing { key: key.clone(), body: body.clone(), state: SendState::Sending }));
            text.set(String::new());
            send(key, body);
        }
    };
    let reopen = {
        let context = context.clone();
        move |_| {
            let context = context.clone();
            spawn_local(async move {
                match reopen_ticket(number).await {
                    Ok(()) => context.changed(),
                    Err(e) => problem.set(Some(e.to_string())),
                }
            });
        }
    };

    view! {
        <ul class="outbox">
            {move || {
                outbox
                    .get()
                    .into_iter()
                    .filter(|m| !matches!(m.state, SendState::Sent(id) if sent_ids.contains(&id)))
                    .map(|m| {
                        let retry = {
                            let (send, key, body) = (send.clone(), m.key.clone(), m.body.clone());
                            move |_| {
                                outbox.update(|all| {
                                    if let Some(o) = all.iter_mut().find(|o| o.key == key) {
                                        o.state = SendState::Sending;
                                    }
                                });
                                send(key.clone(), body.clone());
                            }
                        };
                        let (state, failed) = match &m.state {
                            SendState::Sending => ("Sending…".to_string(), None),
                            SendState::Sent(_) => ("Sent".to_string(), None),
                            SendState::Failed(e) => (format!("Not sent: {e}"), Some(())),
                        };
                        view! {
                            <li class="outgoing" data-testid="outgoing">
                                <p class="body">{m.body}</p>
                                <p class="send-state" data-testid="send-state">{state}</p>
                                {failed.map(|()| view! {
                                    <button type="button" data-testid="retry" on:click=retry>"Retry"</button>
                                })}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
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
            <div class="composer-foot">
                <span class="count" class:error=too_long data-testid="reply-count">
                    {move || format!("{} / {}", chars(), MessageBody::MAX_CHARS)}
                </span>
                <button type="submit" data-testid="send" disabled=move || chars() == 0 || too_long()>"Send"</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="notice error" role="alert" data-testid="reply-problem">{p}</p> })}
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
