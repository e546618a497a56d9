//! The embedded portal under `/embed/{workspace}`: what the host page's
//! iframe shows. The server renders the shell with the workspace's greeting;
//! after hydration the frame listens for the loader's `init` / `stop` (see
//! `bridge`) and, once a customer is signed in, shows the pages the server
//! renders for them (see `navigation`).

#[cfg(feature = "hydrate")]
mod bridge;
#[cfg(feature = "hydrate")]
mod files;
#[cfg(feature = "hydrate")]
mod live;
#[cfg(feature = "hydrate")]
mod navigation;
#[cfg(feature = "hydrate")]
mod submissions;
#[cfg(feature = "hydrate")]
use navigation::Pages;

use crate::api::embed_settings;
use crate::words;
use leptos::prelude::*;
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
    /// Busy, saying with what (a message id of `words`).
    Working(&'static str),
    SignedIn {
        name: String,
    },
    Failed(String),
    SignedOut,
}

/// Shared by the portal's parts. The server renders no signed-in frame, so
/// only the browser reads most of it.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone)]
pub(crate) struct PortalContext {
    pub workspace: String,
    pub settings: PortalSettings,
    pub frame: RwSignal<Frame>,
    /// The page shown: its path below [`PortalContext::base`], with its query.
    pub location: RwSignal<String>,
    /// Bumped whenever the customer's data may have changed (sign-in, a
    /// reply, a new ticket, a live event); the page refetches when it moves.
    pub changes: RwSignal<u64>,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl PortalContext {
    pub fn changed(&self) {
        self.changes.update(|n| *n += 1);
    }

    /// The portal's own path, e.g. `/embed/acme`.
    pub fn base(&self) -> String {
        format!("/embed/{}", self.workspace)
    }
}

/// The workspace named by the page's path `/embed/{workspace}/...`.
pub(crate) fn workspace_in_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    let path = use_context::<axum::http::request::Parts>()?.uri.path().to_string();
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let path = web_sys::window()?.location().pathname().ok()?;
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let path = String::new();
    let workspace = path.strip_prefix("/embed/")?.split('/').next()?;
    (!workspace.is_empty()).then(|| workspace.to_string())
}

#[component]
pub fn EmbedShell(workspace: String) -> impl IntoView {
    let settings = {
        let workspace = workspace.clone();
        Resource::new(move || workspace.clone(), embed_settings)
    };
    view! {
        <main class="portal">
            <Suspense fallback=|| view! { <p class="notice">{words::text("frame-loading")}</p> }>
                {move || {
                    let workspace = workspace.clone();
                    Suspend::new(async move {
                        match settings.await {
                            Ok(settings) => view! { <Portal workspace settings /> }.into_any(),
                            Err(e) => notice(words::error(&e), true).into_any(),
                        }
                    })
                }}
            </Suspense>
        </main>
    }
}

#[component]
fn Portal(workspace: String, settings: PortalSettings) -> impl IntoView {
    let frame = RwSignal::new(Frame::Waiting);
    let context = PortalContext {
        workspace,
        settings: settings.clone(),
        frame,
        location: RwSignal::new(String::new()),
        changes: RwSignal::new(0),
    };
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
            {(!settings.logo_url.is_empty()).then(|| view! { <img class="logo" src=settings.logo_url alt="" /> })}
            // What admins wrote keeps its own direction inside a page in another script.
            <p class="workspace"><bdi>{settings.workspace_name}</bdi></p>
            <h1 data-testid="greeting"><bdi>{settings.greeting}</bdi></h1>
        </header>
        {move || match frame.get() {
            Frame::SignedIn { name } => view! {
                <p class="who">{words::text("frame-signed-in-as")}" " <strong data-testid="customer-name"><bdi>{name}</bdi></strong></p>
                // What changes on a page by itself (a live event), said politely.
                <p class="visually-hidden" aria-live="polite" data-testid="announcer"></p>
                <Pages />
            }
            .into_any(),
            other => show(&other),
        }}
    }
}

/// The server never renders a signed-in frame: sessions live in the browser.
#[cfg(not(feature = "hydrate"))]
#[component]
fn Pages() -> impl IntoView {}

fn show(frame: &Frame) -> AnyView {
    let id = match frame {
        Frame::Waiting => "frame-waiting",
        Frame::NotEmbedded => "frame-not-embedded",
        Frame::Working(what) => what,
        Frame::SignedOut => "frame-signed-out",
        Frame::Failed(message) => return notice(message.clone(), true).into_any(),
        Frame::SignedIn { .. } => return ().into_any(),
    };
    notice(words::text(id), false).into_any()
}

pub(crate) fn notice(text: String, is_error: bool) -> impl IntoView {
    // Said by screen readers as it changes: a problem at once, the rest politely.
    let role = if is_error { "alert" } else { "status" };
    view! {
        <p class="notice" class:error=is_error role=role data-testid="status">{text}</p>
    }
}
