//! The demo: a workspace with customers and tickets, and a pretend customer
//! website on a second origin that embeds the portal exactly as a site owner
//! would, computing each user's verification hash on its own server.

use crate::widget;
use anyhow::Context;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use portal_core::{CustomerName, Email, Origin, SessionLifetime, TicketStatus, WorkspaceSlug, sign_email};
use portal_store::{NewTicket, NewWorkspace, Store, StoreError};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

pub const WORKSPACE: &str = "demo";

pub struct DemoUser {
    pub name: &'static str,
    pub email: &'static str,
    /// Title, status and how many hours ago it was last updated; oldest first.
    pub tickets: &'static [(&'static str, TicketStatus, i64)],
}

/// Every title carries its owner's marker, so a leak is easy to spot.
pub const USERS: &[DemoUser] = &[
    DemoUser {
        name: "Alice Example",
        email: "alice@example.com",
        tickets: &[
            ("Cannot invite a second admin (CANARY-A)", TicketStatus::Closed, 24 * 12),
            ("CSV export times out on large projects (CANARY-A)", TicketStatus::InProgress, 26),
            ("Invoice 1042 shows the wrong VAT number (CANARY-A)", TicketStatus::Open, 3),
        ],
    },
    DemoUser {
        name: "Bob Builder",
        email: "bob@example.com",
        tickets: &[
            ("Dark mode for the dashboard (CANARY-B)", TicketStatus::OnHold, 24 * 40),
            ("Password reset email never arrives (CANARY-B)", TicketStatus::Open, 1),
        ],
    },
    DemoUser { name: "Carol Client", email: "carol@example.com", tickets: &[] },
];

/// Creates the demo workspace on first run (customers, tickets, a secret)
/// and points its allowed origins at the demo host site.
pub async fn seed(store: &dyn Store, host_origin: &Origin, now: i64) -> anyhow::Result<()> {
    let slug = WorkspaceSlug::parse(WORKSPACE)?;
    let ws = match store.workspace_by_slug(&slug).await? {
        Some(ws) => ws,
        None => {
            let new = NewWorkspace {
                slug: slug.clone(),
                name: "Acme Support".into(),
                greeting: "Hi there! Here are your support tickets.".into(),
                allowed_origins: vec![host_origin.clone()],
                session_lifetime: SessionLifetime::default(),
            };
            let ws = match store.create_workspace(&new, now).await {
                Err(StoreError::Conflict(_)) => store.workspace_by_slug(&slug).await?.context("demo workspace")?,
                other => other?,
            };
            store.add_secret(ws.id, &crate::commands::new_secret(), now).await?;
            for user in USERS {
                let customer = store
                    .upsert_customer(ws.id, &Email::parse(user.email)?, &CustomerName::parse(user.name)?, now)
                    .await?;
                for (title, status, hours_ago) in user.tickets {
                    let ticket = NewTicket { title: (*title).into(), description: String::new(), status: *status };
                    store.create_ticket(ws.id, customer.id, &ticket, now - hours_ago * 3_600_000).await?;
                }
            }
            ws
        }
    };
    store.set_allowed_origins(ws.id, std::slice::from_ref(host_origin)).await?;
    Ok(())
}

#[derive(Clone)]
struct Host {
    store: Arc<dyn Store>,
    portal: Origin,
    workspace: WorkspaceSlug,
}

/// The pretend customer website.
pub fn host_site(store: Arc<dyn Store>, portal: Origin) -> Router {
    let workspace = WorkspaceSlug::parse(WORKSPACE).expect("a valid slug");
    Router::new().route("/", get(page)).route("/login", post(login)).route("/forger", get(forger)).with_state(Host {
        store,
        portal,
        workspace,
    })
}

#[derive(Deserialize)]
struct PageQuery {
    autologin: Option<String>,
}

async fn page(State(host): State<Host>, Query(query): Query<PageQuery>) -> Response {
    // `?autologin=` calls init right after the stub, before the loader has
    // arrived: the queued-call path a fast login flow takes.
    let autologin = match query.autologin.as_deref().map(|email| sign_in(&host, email)) {
        None => String::new(),
        Some(fut) => match fut.await {
            Ok(user) => format!("<script>window.$unthread.helpCenter(\"init\", {{user: {user}}});</script>"),
            Err(response) => return response,
        },
    };
    let options: String =
        USERS.iter().map(|u| format!("<option value=\"{}\">{} ({})</option>", u.email, u.name, u.email)).collect();
    Html(
        include_str!("../../../public/demo/host.html")
            .replace("{{SNIPPET}}", &widget::snippet(&host.portal, &host.workspace))
            .replace("{{AUTOLOGIN}}", &autologin)
            .replace("{{IFRAME}}", widget::IFRAME_TAG)
            .replace("{{USERS}}", &options),
    )
    .into_response()
}

#[derive(Deserialize)]
struct Login {
    email: String,
}

/// The host site's login: in a real site, after checking a password, the
/// server signs the user's email with the workspace secret.
async fn login(State(host): State<Host>, Json(login): Json<Login>) -> Response {
    match sign_in(&host, &login.email).await {
        Ok(user) => Json(user).into_response(),
        Err(response) => response,
    }
}

async fn sign_in(host: &Host, email: &str) -> Result<serde_json::Value, Response> {
    let user = USERS
        .iter()
        .find(|u| u.email == email)
        .ok_or_else(|| (StatusCode::NOT_FOUND, "no such demo user").into_response())?;
    let hash = newest_secret_signature(host, user.email).await.map_err(|error| {
        tracing::error!(%error, "demo sign-in failed");
        (StatusCode::SERVICE_UNAVAILABLE, "demo workspace unavailable").into_response()
    })?;
    Ok(json!({"name": user.name, "email": user.email, "verificationHash": hash}))
}

async fn newest_secret_signature(host: &Host, email: &str) -> anyhow::Result<String> {
    let ws = host.store.workspace_by_slug(&host.workspace).await?.context("no demo workspace")?;
    let secrets = host.store.active_secrets(ws.id, crate::now_millis()).await?;
    let secret = secrets.last().context("the demo workspace has no active secret")?;
    Ok(sign_email(secret.value.as_bytes(), email))
}

/// A hostile page for the browser tests: framed by the host page from
/// another origin, it posts a correctly signed `init` to the portal frame.
/// The portal must ignore it (wrong source, wrong origin).
async fn forger(State(host): State<Host>) -> Response {
    match sign_in(&host, USERS[0].email).await {
        Ok(user) => Html(include_str!("../../../public/demo/forger.html").replace("{{USER}}", &user.to_string()))
            .into_response(),
        Err(response) => response,
    }
}
