//! The customer portal's user interface: Leptos components, routes and the
//! typed server functions they call. Built twice: with `ssr` into the server,
//! with `hydrate` into the browser bundle.

pub mod account;
pub mod api;
pub mod client;
mod embed;
pub mod error;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
mod pages;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod state;

pub use error::PortalError;
pub mod words;

use leptos::prelude::*;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    state::set_page_csp();
    // The page's language, chosen by the server for this request.
    #[cfg(feature = "ssr")]
    let (lang, dir, words) = {
        let locale = state::page_locale();
        (locale.tag(), locale.dir(), words::as_json(locale))
    };
    #[cfg(not(feature = "ssr"))]
    let (lang, dir, words) = ("en", "ltr", String::new());
    view! {
        <!DOCTYPE html>
        <html lang=lang dir=dir>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="no-referrer" />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/assets/portal.css" />
                // The workspace's brand colour and theme, as its admins set them.
                {embed::portal_in_path().map(|portal| {
                    view! { <link rel="stylesheet" href=format!("/api/portal/theme/{}", portal.workspace) /> }
                })}
                <title>{words::text("page-title")}</title>
                <script type="application/json" id=words::ELEMENT_ID inner_html=words></script>
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: the portal of the workspace named in the path, embedded
/// (`/embed/{workspace}/...`) or standalone (`/p/{workspace}/...`). The
/// server routes only such paths here.
#[component]
pub fn App() -> impl IntoView {
    match embed::portal_in_path() {
        Some(embed::PortalPath { workspace, standalone }) => {
            view! { <embed::EmbedShell workspace standalone /> }.into_any()
        }
        None => view! { <p class="notice" data-testid="status">{words::text("frame-no-page")}</p> }.into_any(),
    }
}
