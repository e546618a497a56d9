//! The embedded portal under `/embed/{workspace}`: what the host page's
//! iframe shows. The server renders the shell with the workspace's greeting;
//! after hydration the frame listens for the loader's `init` / `stop` (see
//! `bridge`) and the nested routes show the signed-in customer's tickets.

#[cfg(feature = "hydrate")]
mod bridge;
mod files;
#[cfg(feature = "hydrate")]
mod live;
mod new_ticket;
mod ticket;
mod tickets;

pub use new_ticket::NewTicketPage;
pub use ticket::TicketPage;
pub use tickets::TicketsPage;

use crate::api::embed_settings;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;
use portal_core::PortalSettings;

/// Everything the frame can be showing around its pages.
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
    },
    Failed(String),
    SignedOut,
}

/// Shared by the portal's pages.
#[derive(Clone)]
pub(crate) struct PortalContext {
    pub workspace: String,
    pub settings: PortalSettings,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))] // set by the browser-only bridge
    pub frame: RwSignal<Frame>,
    /// Bumped whenever the customer's data may have changed (sign-in, a
    /// reply, a new ticket); pages refetch when it moves.
    pub changes: RwSignal<u64>,
}

impl PortalContext {
    pub fn changed(&self) {
        self.changes.update(|n| *n += 1);
    }

    /// A path inside this workspace's portal.
    pub fn path(&self, rest: &str) -> String {
        format!("/embed/{}{rest}", self.workspace)
    }
}

#[component]
pub fn EmbedShell() -> impl IntoView {
    let params = use_params_map();
    // A memo: moving between the portal's pages changes the params map but
    // not the workspace, and must not reload the settings (nor recreate the
    // signed-in portal below).
    let workspace = Memo::new(move |_| params.read().get("workspace").unwrap_or_default());
    let settings = Resource::new(move || workspace.get(), embed_settings);
    view! {
        <main class="portal">
            <Suspense fallback=|| view! { <p class="notice">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(settings) => view! { <Portal workspace=workspace.get_untracked() settings /> }.into_any(),
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
    let context = PortalContext { workspace, settings: settings.clone(), frame, changes: RwSignal::new(0) };
    provide_context(context.clone());
    #[cfg(feature = "hydrate")]
    {
        // Effects run only in the browser, once hydration is done.
        Effect::new(move |_| bridge::listen(context.clone()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = context;
    view! {
        <header class="portal-header">
            <p class="workspace">{settings.workspace_name}</p>
            <h1 data-testid="greeting">{settings.greeting}</h1>
        </header>
        {move || match frame.get() {
            Frame::SignedIn { name } => view! {
                <p class="who">"Signed in as " <strong data-testid="customer-name">{name}</strong></p>
                <Outlet />
            }
            .into_any(),
            other => show(&other),
        }}
    }
}

fn show(frame: &Frame) -> AnyView {
    let text = match frame {
        Frame::Waiting => "Sign in on the site to see your tickets.",
        Frame::NotEmbedded => "This support portal opens inside the company's website.",
        Frame::Working(what) => what,
        Frame::SignedOut => "You are signed out.",
        Frame::Failed(message) => return notice(message.clone(), true).into_any(),
        Frame::SignedIn { .. } => "",
    };
    notice(text.into(), false).into_any()
}

pub(crate) fn notice(text: String, is_error: bool) -> impl IntoView {
    let role = is_error.then_some("alert");
    view! {
        <p class="notice" class:error=is_error role=role data-testid="status">{text}</p>
    }
}

/// A page's data: nothing yet, or what the server answered.
pub(crate) type Loaded<T> = RwSignal<Option<Result<T, crate::error::PortalError>>>;

/// Fetches into `target` (pages only load in the browser, after sign-in).
/// Requests of one page go out in order and, on one connection, come back in
/// order; the page may have gone by the time the answer arrives.
pub(crate) fn load<T: Send + Sync + 'static>(
    target: Loaded<T>,
    request: impl Future<Output = Result<T, crate::error::PortalError>> + 'static,
) {
    leptos::task::spawn_local(async move {
        let answer = request.await;
        if !target.is_disposed() {
            target.set(Some(answer));
        }
    });
}
