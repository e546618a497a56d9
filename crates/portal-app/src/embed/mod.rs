//! The embedded portal at `/embed/{workspace}`: what the host page's iframe
//! shows. The server renders the workspace's greeting; after hydration the
//! frame listens for the loader's `init` / `stop` (see `bridge`).

#[cfg(feature = "hydrate")]
mod bridge;

use crate::api::embed_settings;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::time::{relative, utc_datetime};
use portal_core::{PortalSettings, TicketSummary};

/// Everything the frame can be showing.
// Only the browser moves the frame out of `Waiting`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Loaded and waiting for the host page's `init`.
    Waiting,
    /// Opened as a top-level page instead of inside the site's iframe.
    NotEmbedded,
    Working(&'static str),
    SignedIn {
        name: String,
        tickets: Vec<TicketSummary>,
    },
    Failed(String),
    SignedOut,
}

#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let workspace = move || params.read().get("workspace").unwrap_or_default();
    let settings = Resource::new(workspace, embed_settings);
    view! {
        <main class="portal">
            <Suspense fallback=|| view! { <p class="notice">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(settings) => view! { <Portal workspace=workspace() settings /> }.into_any(),
                        Err(e) => notice(e.to_string(), true).into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Portal(workspace: String, settings: PortalSettings) -> impl IntoView {
    let frame = RwSignal::new(Frame::Waiting);
    #[cfg(feature = "hydrate")]
    {
        let origins = settings.allowed_origins.clone();
        // Effects run only in the browser, once hydration is done.
        Effect::new(move |_| bridge::listen(workspace.clone(), origins.clone(), frame));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = workspace;
    view! {
        <header class="portal-header">
            <p class="workspace">{settings.workspace_name}</p>
            <h1 data-testid="greeting">{settings.greeting}</h1>
        </header>
        {move || frame.with(show)}
    }
}

fn show(frame: &Frame) -> AnyView {
    match frame {
        Frame::Waiting => notice("Sign in on the site to see your tickets.".into(), false).into_any(),
        Frame::NotEmbedded => {
            notice("This support portal opens inside the company's website.".into(), false).into_any()
        }
        Frame::Working(what) => notice((*what).into(), false).into_any(),
        Frame::SignedOut => notice("You are signed out.".into(), false).into_any(),
        Frame::Failed(message) => notice(message.clone(), true).into_any(),
        Frame::SignedIn { name, tickets } => view! {
            <p class="who">"Signed in as " <strong data-testid="customer-name">{name.clone()}</strong></p>
            <TicketList tickets=tickets.clone() />
        }
        .into_any(),
    }
}

fn notice(text: String, is_error: bool) -> impl IntoView {
    let role = is_error.then_some("alert");
    view! {
        <p class="notice" class:error=is_error role=role data-testid="status">{text}</p>
    }
}

#[component]
fn TicketList(tickets: Vec<TicketSummary>) -> impl IntoView {
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
                            <td data-testid="ticket-title">{t.title}</td>
                            <td>
                                <span class=format!("status status-{}", t.status.as_str()) data-testid="ticket-status">
                                    {t.status.label()}
                                </span>
                            </td>
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

#[cfg(feature = "hydrate")]
fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}

#[cfg(not(feature = "hydrate"))]
fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}
