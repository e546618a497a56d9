//! The customer portal's user interface: Leptos components, routes and the
//! typed server functions they call. Built twice: with `ssr` into the server,
//! with `hydrate` into the browser bundle.

pub mod api;
pub mod client;
mod embed;
pub mod error;
#[cfg(feature = "ssr")]
mod fragments;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod state;

pub use error::PortalError;

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    state::set_page_csp();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="no-referrer" />
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href="/assets/portal.css" />
                <title>"Support"</title>
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <p class="notice" data-testid="status">"This page does not exist."</p> }>
                <ParentRoute path=path!("/embed/:workspace") view=embed::EmbedShell>
                    <Route path=path!("") view=embed::TicketsPage />
                    <Route path=path!("tickets/:number") view=embed::TicketPage />
                    <Route path=path!("new") view=embed::NewTicketPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
