//! The portal under `/embed/{workspace}` (what the host page's iframe
//! shows) and `/p/{workspace}` (the standalone portal). The server renders
//! the shell with the workspace's greeting; after hydration the frame
//! listens for the loader's `init` / `stop` (see `bridge`), the standalone
//! portal asks who its cookie signs in (see `standalone`), and once a
//! customer is signed in either shows the pages the server renders for them
//! (see `navigation`).

#[cfg(feature = "hydrate")]
mod bridge;
#[cfg(feature = "hydrate")]
mod files;
#[cfg(feature = "hydrate")]
mod live;
#[cfg(feature = "hydrate")]
mod live_messages;
#[cfg(feature = "hydrate")]
mod navigation;
#[cfg(feature = "hydrate")]
mod standalone;
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
    /// The customer ended all their sessions from their account page.
    SignedOutEverywhere,
}

/// Shared by the portal's parts. The server renders no signed-in frame, so
/// only the browser reads most of it.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone)]
pub(crate) struct PortalContext {
    pub workspace: String,
    /// On the standalone portal (`/p/...`) rather than in a site's frame.
    pub standalone: bool,
    pub settings: PortalSettings,
    pub frame: RwSignal<Frame>,
    /// The page shown: its path below [`PortalContext::base`], with its query.
    pub location: RwSignal<String>,
    /// Bumped whenever the customer's data may have changed (sign-in, a
    /// reply, a new ticket, a live event); the page refetches when it moves.
    pub changes: RwSignal<u64>,
    /// Bumped when only the customer's ticket counts may have changed: a
    /// live message the page shown has been given already (see
    /// `live_messages`), or news of a ticket the page does not show.
    pub counts_changes: RwSignal<u64>,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl PortalContext {
    pub fn changed(&self) {
        self.changes.update(|n| *n += 1);
    }

    pub fn counts_changed(&self) {
        self.counts_changes.update(|n| *n += 1);
    }

    /// The portal's own path, e.g. `/embed/acme` or `/p/acme`.
    pub fn base(&self) -> String {
        let prefix = if self.standalone { "p" } else { "embed" };
        format!("/{prefix}/{}", self.workspace)
    }
}

/// The signed-in customer's name: their own new messages are not
/// announced to them.
#[cfg(feature = "hydrate")]
fn customer_name(frame: RwSignal<Frame>) -> String {
    frame.with_untracked(|f| match f {
        Frame::SignedIn { name } => name.clone(),
        _ => String::new(),
    })
}

/// The portal a page's path names: `/embed/{workspace}/...` in a site's
/// frame, `/p/{workspace}/...` standalone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PortalPath {
    pub workspace: String,
    pub standalone: bool,
}

pub(crate) fn portal_in_path() -> Option<PortalPath> {
    #[cfg(feature = "ssr")]
    let path = use_context::<axum::http::request::Parts>()?.uri.path().to_string();
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let path = web_sys::window()?.location().pathname().ok()?;
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let path = String::new();
    let (rest, standalone) = match path.strip_prefix("/embed/") {
        Some(rest) => (rest, false),
        None => (path.strip_prefix("/p/")?, true),
    };
    let workspace = rest.split('/').next()?;
    (!workspace.is_empty()).then(|| PortalPath { workspace: workspace.to_string(), standalone })
}

#[component]
pub fn EmbedShell(workspace: String, standalone: bool) -> impl IntoView {
    let settings = {
        let workspace = workspace.clone();
        Resource::new(move || workspace.clone(), embed_settings)
    };
    // Read now: what renders after the `.await` below must not look up the
    // reactive context (see `words::PageLocale`).
    let locale = words::page_locale();
    view! {
        <main class="portal">
            <Suspense fallback=move || view! { <p class="notice">{words::text_in(locale, "frame-loading")}</p> }>
                {move || {
                    let workspace = workspace.clone();
                    Suspend::new(async move {
                        match settings.await {
                            Ok(settings) => view! { <Portal workspace standalone settings locale /> }.into_any(),
                            Err(e) => notice(words::error_in_page(locale, &e), true).into_any(),
                        }
                    })
                }}
            </Suspense>
        </main>
    }
}

#[component]
fn Portal(workspace: String, standalone: bool, settings: PortalSettings, locale: words::PageLocale) -> impl IntoView {
    let frame = RwSignal::new(Frame::Waiting);
    let context = PortalContext {
        workspace,
        standalone,
        settings: settings.clone(),
        frame,
        location: RwSignal::new(String::new()),
        changes: RwSignal::new(0),
        counts_changes: RwSignal::new(0),
    };
    provide_context(context.clone());
    #[cfg(feature = "hydrate")]
    {
        // Effects run only in the browser, once hydration is done.
        let context = context.clone();
        Effect::new(
            move |_| {
                if standalone { standalone::start(context.clone()) } else { bridge::listen(context.clone()) }
            },
        );
    }
    let new_tab = !standalone && settings.new_tab_allowed;
    let sign_out = {
        let base = context.base();
        move |_: leptos::ev::MouseEvent| {
            #[cfg(feature = "hydrate")]
            standalone::sign_out(&base);
            #[cfg(not(feature = "hydrate"))]
            let _ = &base;
        }
    };
    view! {
        <header class="portal-header">
            {(!settings.logo_url.is_empty()).then(|| view! { <img class="logo" src=settings.logo_url alt="" /> })}
            // What admins wrote keeps its own direction inside a page in another script.
            <p class="workspace"><bdi>{settings.workspace_name}</bdi></p>
            <h1 data-testid="greeting"><bdi>{settings.greeting}</bdi></h1>
        </header>
        {move || match frame.get() {
            Frame::SignedIn { name } => view! {
                <div class="who">
                    <p>{words::text_in(locale, "frame-signed-in-as")}" " <strong data-testid="customer-name"><bdi>{name}</bdi></strong></p>
                    {standalone.then(|| view! {
                        <button type="button" class="link" data-testid="sign-out" on:click=sign_out.clone()>{words::text_in(locale, "frame-sign-out")}</button>
                    })}
                    {new_tab.then(|| view! {
                        <button type="button" class="link" data-testid="open-new-tab" on:click=open_new_tab>{words::text_in(locale, "frame-open-new-tab")}</button>
                    })}
                </div>
                // What changes on a page by itself (a live event), said politely.
                <p class="visually-hidden" aria-live="polite" data-testid="announcer"></p>
                <Pages />
            }
            .into_any(),
            other => show(&other, locale),
        }}
    }
}

/// "Open in a new tab": the frame's session, handed over by a one-time code.
fn open_new_tab(_: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    standalone::open_new_tab();
}

/// The server never renders a signed-in frame: sessions live in the browser.
#[cfg(not(feature = "hydrate"))]
#[component]
fn Pages() -> impl IntoView {}

fn show(frame: &Frame, locale: words::PageLocale) -> AnyView {
    let id = match frame {
        Frame::Waiting => "frame-waiting",
        Frame::NotEmbedded => "frame-not-embedded",
        Frame::Working(what) => what,
        Frame::SignedOut => "frame-signed-out",
        Frame::SignedOutEverywhere => "account-signed-out-everywhere",
        Frame::Failed(message) => return notice(message.clone(), true).into_any(),
        Frame::SignedIn { .. } => return ().into_any(),
    };
    notice(words::text_in(locale, id), false).into_any()
}

pub(crate) fn notice(text: String, is_error: bool) -> impl IntoView {
    // Said by screen readers as it changes: a problem at once, the rest politely.
    let role = if is_error { "alert" } else { "status" };
    view! {
        <p class="notice" class:error=is_error role=role data-testid="status">{text}</p>
    }
}
