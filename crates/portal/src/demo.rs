//! The demo: a workspace with customers and tickets, and a pretend customer
//! website on a second origin that embeds the portal exactly as a site owner
//! would, computing each user's verification hash on its own server.

use anyhow::Context;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use portal_core::{
    AgentScope, AllowedOrigins, CustomerName, Email, MessageBody, Origin, SessionLifetime, ShownAttribute,
    TicketAttributes, TicketStatus, WorkspaceSlug, sign_email,
};
use portal_server::widget;
use portal_store::{AgentPost, NewTicket, NewWorkspace, Store, StoreError};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

pub const WORKSPACE: &str = "demo";

pub struct DemoUser {
    pub name: &'static str,
    pub email: &'static str,
    /// Oldest first.
    pub tickets: &'static [DemoTicket],
}

pub struct DemoTicket {
    pub title: &'static str,
    pub status: TicketStatus,
    pub description: &'static str,
    pub hours_ago: i64,
    /// (body, internal note?, hours ago), oldest first, all by the demo agent.
    pub answers: &'static [(&'static str, bool, i64)],
}

const AGENT: &str = "Sam from Acme";

/// Every title carries its owner's marker and every internal note
/// `CANARY-INTERNAL`, so a leak is easy to spot.
pub const USERS: &[DemoUser] = &[
    DemoUser {
        name: "Alice Example",
        email: "alice@example.com",
        tickets: &[
            DemoTicket {
                title: "Cannot invite a second admin (CANARY-A)",
                status: TicketStatus::Closed,
                description: "The *Invite* button is greyed out for my colleague.",
                hours_ago: 24 * 12,
                answers: &[("Fixed in release 2.3: admins can now invite admins. Closing this one.", false, 24 * 11)],
            },
            DemoTicket {
                title: "CSV export times out on large projects (CANARY-A)",
                status: TicketStatus::InProgress,
                description: "Exports of projects over 10,000 rows stop after a minute.",
                hours_ago: 26,
                answers: &[("We can reproduce it and are working on a fix.", false, 20)],
            },
            DemoTicket {
                title: "Invoice 1042 shows the wrong VAT number (CANARY-A)",
                status: TicketStatus::Open,
                description: "Our VAT number is **DE123456789**, the invoice shows an old one.",
                hours_ago: 3,
                answers: &[
                    ("Customer is on the legacy billing plan (CANARY-INTERNAL).", true, 2),
                    ("Thanks Alice! Could you confirm the billing address on the invoice as well?", false, 1),
                ],
            },
        ],
    },
    DemoUser {
        name: "Bob Builder",
        email: "bob@example.com",
        tickets: &[
            DemoTicket {
                title: "Dark mode for the dashboard (CANARY-B)",
                status: TicketStatus::OnHold,
                description: "Would love a dark theme.",
                hours_ago: 24 * 40,
                answers: &[],
            },
            DemoTicket {
                title: "Password reset email never arrives (CANARY-B)",
                status: TicketStatus::Open,
                description: "Checked spam too.",
                hours_ago: 1,
                answers: &[],
            },
        ],
    },
    DemoUser { name: "Carol Client", email: "carol@example.com", tickets: &[] },
    // Members of the company Northwind. Contractors (their email ends with
    // @contractor.example) see only their own tickets; staff see all of
    // Northwind's.
    DemoUser {
        name: "Dana Northwind",
        email: "dana@northwind.example",
        tickets: &[DemoTicket {
            title: "VPN drops every hour (CANARY-N)",
            status: TicketStatus::Open,
            description: "Since Monday the office VPN disconnects every hour.",
            hours_ago: 5,
            answers: &[],
        }],
    },
    DemoUser {
        name: "Eve Contractor",
        email: "eve@contractor.example",
        tickets: &[DemoTicket {
            title: "Access to the staging server (CANARY-E)",
            status: TicketStatus::Open,
            description: "I need an account on staging for the migration work.",
            hours_ago: 4,
            answers: &[],
        }],
    },
    // Outside the portal's audience (emails containing "example"): the
    // site verifies him, the portal shows him "no access" and nothing else.
    DemoUser { name: "Frank Outsider", email: "frank@outsider.test", tickets: &[] },
];

/// The demo's company and who belongs to it; its tickets are those its
/// members opened.
const COMPANY: (&str, &str) = ("northwind", "Northwind Traders");
const COMPANY_MEMBERS: [&str; 2] = ["dana@northwind.example", "eve@contractor.example"];
const CONTRACTORS: &str = "@contractor.example";
/// Who may use the demo portal: emails containing this.
const AUDIENCE: &str = "example";

/// Creates the demo workspace on first run (customers, tickets with their
/// conversations, a secret) and points its allowed origins at the demo host
/// site.
pub async fn seed(store: &dyn Store, host_origin: &Origin, now: i64) -> anyhow::Result<()> {
    let slug = WorkspaceSlug::parse(WORKSPACE)?;
    let ws = match store.workspace_by_slug(&slug).await? {
        Some(ws) => ws,
        None => {
            let new = NewWorkspace {
                slug: slug.clone(),
                name: "Acme Support".into(),
                greeting: "Hi there! Here are your support tickets.".into(),
                allowed_origins: AllowedOrigins::single(host_origin.clone()),
                session_lifetime: SessionLifetime::default(),
                // The demo shows the portal at once.
                portal_enabled: true,
            };
            let ws = match store.create_workspace(&new, now).await {
                Err(StoreError::Conflict(_)) => store.workspace_by_slug(&slug).await?.context("demo workspace")?,
                other => other?,
            };
            store.add_secret(ws.id, &portal_server::credentials::new_secret(), now).await?;
            let shown = [ShownAttribute { key: "plan".into(), label: "Plan".into() }];
            store.set_shown_attributes(ws.id, &shown).await?;
            // Agents write through an API token; this one lives only for the seeding.
            let token_hash = rand::random::<[u8; 32]>();
            let token =
                store.create_api_token(ws.id, &portal_core::TokenName::parse("demo data")?, &token_hash, now).await?;
            let active = store.active_api_token(&token_hash).await?.context("the demo token is active")?;
            let agent = AgentScope::for_api_token(&active);
            seed_conversations(store, &agent, now).await?;
            seed_company(store, &agent, now).await?;
            store.revoke_api_token(ws.id, token.id, now).await?;
            ws
        }
    };
    store.set_allowed_origins(ws.id, &AllowedOrigins::single(host_origin.clone())).await?;
    // The standalone portal signs in through the host site's login page.
    let mut standalone = ws.standalone.clone();
    standalone.sign_in_url = portal_core::SignInUrl::parse(&format!("{}/sign-in", host_origin.as_str()))?;
    store.set_standalone(ws.id, &standalone).await?;
    seed_accounts(store, ws.id, now).await
}

/// The demo's console accounts. Their password is printed at start: the
/// demo is for trying things out on one's own machine.
pub const ADMIN_EMAIL: &str = "admin@acme.test";
pub const AGENT_EMAIL: &str = "agent@acme.test";
pub const ADMIN_PASSWORD: &str = "demo-password";

async fn seed_accounts(store: &dyn Store, workspace: portal_core::WorkspaceId, now: i64) -> anyhow::Result<()> {
    use portal_core::console::Role;
    for (email, name, role) in [(ADMIN_EMAIL, "Dana from Acme", Role::Admin), (AGENT_EMAIL, AGENT, Role::Agent)] {
        let email = Email::parse(email)?;
        if store.agent_credentials(workspace, &email).await?.is_some() {
            continue;
        }
        let password_hash = portal_server::credentials::hash_password(ADMIN_PASSWORD)?;
        let new = portal_store::NewAgent { email, name: name.into(), role, password_hash };
        match store.create_agent(workspace, &new, now).await {
            Ok(_) | Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

async fn seed_conversations(store: &dyn Store, agent: &AgentScope, now: i64) -> anyhow::Result<()> {
    const HOUR: i64 = 3_600_000;
    let workspace = agent.workspace_id();
    for user in USERS {
        let customer =
            store.upsert_customer(workspace, &Email::parse(user.email)?, &CustomerName::parse(user.name)?, now).await?;
        for t in user.tickets {
            let new = NewTicket { title: t.title.into(), description: t.description.into(), status: t.status };
            let ticket = store.create_ticket(workspace, customer.id, &new, now - t.hours_ago * HOUR).await?;
            // Customers see the plan (the workspace shows it), never the note.
            let attributes = TicketAttributes::parse(
                [("plan", "Business"), ("agent_note", "CANARY-HIDDEN-ATTRIBUTE")]
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .into(),
            )
            .map_err(anyhow::Error::msg)?;
            store.set_ticket_attributes(agent, ticket.number, &attributes).await?;
            for (body, internal, hours_ago) in t.answers {
                let post = AgentPost {
                    body: MessageBody::parse(body)?,
                    internal: *internal,
                    author_name: AGENT.into(),
                    key: None,
                };
                store.agent_post_message(agent, ticket.number, &post, now - hours_ago * HOUR).await?;
            }
        }
    }
    Ok(())
}

/// Northwind, its members and their tickets, the visibility rule that
/// keeps contractors to their own tickets, and the portal's audience.
async fn seed_company(store: &dyn Store, agent: &AgentScope, now: i64) -> anyhow::Result<()> {
    use portal_core::CompanyKey;
    use portal_core::audience::PortalAudience;
    use portal_core::visibility::{Condition, TicketVisibility};
    let workspace = agent.workspace_id();
    let key = CompanyKey::parse(COMPANY.0).map_err(anyhow::Error::msg)?;
    store.upsert_company(workspace, &key, COMPANY.1, now).await?;
    for email in COMPANY_MEMBERS {
        let customer = store.customer_by_email(workspace, &Email::parse(email)?).await?.context("a demo member")?;
        store.set_customer_companies(workspace, customer.id, std::slice::from_ref(&key)).await?;
    }
    for ticket in store.agent_list_tickets(agent, 500).await? {
        if COMPANY_MEMBERS.contains(&ticket.customer_email.as_str()) {
            store.agent_update_ticket(agent, ticket.number, None, None, Some(Some(&key)), now).await?;
        }
    }
    let contractors = Condition::parse("email", "ends_with", CONTRACTORS).map_err(anyhow::Error::msg)?;
    store
        .set_ticket_visibility(workspace, &TicketVisibility::new(true, vec![contractors]).map_err(anyhow::Error::msg)?)
        .await?;
    let audience = Condition::parse("email", "contains", AUDIENCE).map_err(anyhow::Error::msg)?;
    store.set_portal_audience(workspace, &PortalAudience::new(vec![audience]).map_err(anyhow::Error::msg)?).await?;
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
    Router::new()
        .route("/", get(page))
        .route("/login", post(login))
        .route("/sign-in", get(sign_in_page))
        .route("/sign-in/continue", get(sign_in_continue))
        .route("/forger", get(forger))
        .with_state(Host { store, portal, workspace })
}

#[derive(Deserialize)]
struct PageQuery {
    autologin: Option<String>,
}

async fn page(State(host): State<Host>, Query(query): Query<PageQuery>) -> Response {
    // `?autologin=` calls init right after the stub, before the loader has
    // arrived: the queued-call path a fast login flow takes.
    let autologin = match query.autologin.as_deref().map(|email| sign_in(&host, email, false)) {
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
            .replace("{{CONSOLE}}", &format!("{}/console", host.portal.as_str()))
            .replace("{{USERS}}", &options),
    )
    .into_response()
}

#[derive(Deserialize)]
struct Login {
    email: String,
    /// `jwt`: sign a token (single use, 5 minutes) instead of the hash.
    #[serde(default)]
    identity: String,
}

/// The host site's login: in a real site, after checking a password, the
/// server signs the user's email with the workspace secret, as a hash or
/// as a JWT.
async fn login(State(host): State<Host>, Json(login): Json<Login>) -> Response {
    match sign_in(&host, &login.email, login.identity == "jwt").await {
        Ok(user) => Json(user).into_response(),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct SignOn {
    return_to: Option<String>,
    email: Option<String>,
}

/// The site's login page of custom sign-on: where the standalone portal
/// sends a visitor who is not signed in, with `return_to`.
async fn sign_in_page(State(host): State<Host>, Query(query): Query<SignOn>) -> Response {
    let Some(return_to) = query.return_to.filter(|to| back_to_portal(&host, to)) else {
        return (StatusCode::BAD_REQUEST, "return_to must be the support portal's sign-on address").into_response();
    };
    let options: String =
        USERS.iter().map(|u| format!("<option value=\"{}\">{} ({})</option>", u.email, u.name, u.email)).collect();
    let page = include_str!("../../../public/demo/login.html").replace("{{USERS}}", &options);
    // `back_to_portal` allows no character that HTML would read.
    Html(page.replace("{{RETURN_TO}}", &return_to)).into_response()
}

/// Once the user is logged in, the site signs a token and sends them back
/// to `return_to` with `&jwt=` added, as custom sign-on asks.
async fn sign_in_continue(State(host): State<Host>, Query(query): Query<SignOn>) -> Response {
    let Some(return_to) = query.return_to.filter(|to| back_to_portal(&host, to)) else {
        return (StatusCode::BAD_REQUEST, "return_to must be the support portal's sign-on address").into_response();
    };
    let user = match sign_in(&host, query.email.as_deref().unwrap_or(""), true).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let separator = if return_to.contains('?') { '&' } else { '?' };
    let jwt = user["jwt"].as_str().unwrap_or_default();
    axum::response::Redirect::to(&format!("{return_to}{separator}jwt={jwt}")).into_response()
}

/// Whether `to` is the portal's sign-on address of the demo workspace, in
/// characters that need no escaping in a URL or in HTML.
fn back_to_portal(host: &Host, to: &str) -> bool {
    let sso = format!("{}/p/{}/sso", host.portal.as_str(), host.workspace);
    let safe = to.bytes().all(|b| b.is_ascii_alphanumeric() || b"%:/?=._~-".contains(&b));
    safe && (to == sso || to.starts_with(&format!("{sso}?")))
}

/// The `user` of the site's `init` for the demo user `email`, signed with
/// the workspace's newest secret: `{name, email, verificationHash}`, or
/// with `jwt`, `{jwt, name}` (the token is the whole identity; the name is
/// for the page's own "Signed in as").
async fn sign_in(host: &Host, email: &str, jwt: bool) -> Result<serde_json::Value, Response> {
    let user = USERS
        .iter()
        .find(|u| u.email == email)
        .ok_or_else(|| (StatusCode::NOT_FOUND, "no such demo user").into_response())?;
    let secret = newest_secret(host).await.map_err(|error| {
        tracing::error!(%error, "demo sign-in failed");
        (StatusCode::SERVICE_UNAVAILABLE, "demo workspace unavailable").into_response()
    })?;
    if !jwt {
        let hash = sign_email(secret.as_bytes(), user.email);
        return Ok(json!({"name": user.name, "email": user.email, "verificationHash": hash}));
    }
    let now = portal_server::now_millis() / 1000;
    let claims = json!({
        "email": user.email, "name": user.name, "aud": host.workspace.as_str(),
        "iat": now, "exp": now + 300, "jti": hex::encode(rand::random::<[u8; 16]>()),
    });
    Ok(json!({"jwt": portal_core::jwt::sign_jwt(secret.as_bytes(), &claims), "name": user.name}))
}

async fn newest_secret(host: &Host) -> anyhow::Result<String> {
    let ws = host.store.workspace_by_slug(&host.workspace).await?.context("no demo workspace")?;
    let secrets = host.store.active_secrets(ws.id, portal_server::now_millis()).await?;
    Ok(secrets.last().context("the demo workspace has no active secret")?.value.clone())
}

/// A hostile page for the browser tests: framed by the host page from
/// another origin, it posts a correctly signed `init` to the portal frame.
/// The portal must ignore it (wrong source, wrong origin).
async fn forger(State(host): State<Host>) -> Response {
    match sign_in(&host, USERS[0].email, false).await {
        Ok(user) => Html(include_str!("../../../public/demo/forger.html").replace("{{USER}}", &user.to_string()))
            .into_response(),
        Err(response) => response,
    }
}
