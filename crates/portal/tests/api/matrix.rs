//! The authorization matrix: every route the router serves, asked by every
//! kind of caller, against one table of expected statuses.
//!
//! The routes are read from the router itself (its paths, and for each
//! path the methods that do not answer 405), so a route added without a
//! row here fails the test, and so does a row for a route that is gone.
//! Rows run in order against one workspace; the last rows end sessions.

use crate::app::*;
use portal::commands;
use portal_core::{CompanyKey, CustomerName, Email, SessionGrant};
use portal_server::{Portal, now_millis};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The owner's ticket. The other workspace, where the stranger and the
/// foreign token create a ticket or two during the run, never reaches it.
const TICKET: i64 = 5;

/// Who asks, in the order of the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// No credentials at all.
    Nobody,
    /// The customer who opened ticket [`TICKET`], in company `northwind`.
    Owner,
    /// Another customer of `northwind`, who sees its tickets (and reads
    /// them, but takes part in none until they join one).
    Colleague,
    /// A customer of no company whom an agent made a participant of the
    /// owner's ticket.
    Participant,
    /// A customer of `northwind` whom the visibility rule restricts to their own tickets.
    Restricted,
    /// A customer of another workspace, signed in there.
    Stranger,
    /// A customer of `northwind` disabled after signing in.
    Disabled,
    /// A customer whose session was stopped.
    Stopped,
    /// A console account with the agent role.
    Agent,
    /// A console account with the admin role.
    Admin,
    /// The workspace's API token.
    Token,
    /// Another workspace's API token.
    ForeignToken,
    /// A revoked API token of the workspace.
    RevokedToken,
    /// The bearer of the metrics token, which opens `/metrics` and nothing else.
    Scraper,
}

const EVERYONE: [Who; 14] = [
    Who::Nobody,
    Who::Owner,
    Who::Colleague,
    Who::Participant,
    Who::Restricted,
    Who::Stranger,
    Who::Disabled,
    Who::Stopped,
    Who::Agent,
    Who::Admin,
    Who::Token,
    Who::ForeignToken,
    Who::RevokedToken,
    Who::Scraper,
];

/// The portal's `metrics_token`: with it, the router serves `/metrics`.
const METRICS_TOKEN: &str = "matrix-metrics-token";

/// The configuration of the matrix's portals: `/metrics` is a route only
/// when metrics are configured.
fn with_metrics(config: &mut portal_server::config::Config) {
    config.metrics_token = Some(portal_server::config::KeyText(METRICS_TOKEN.into()));
    // Slack is connected, and out of reach at once.
    config.slack_api_url = Some("http://127.0.0.1:9/api".into());
}

enum Body {
    Empty,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    File(&'static [u8]),
}

/// One row: a route as the router names it, the request made, and the
/// status each caller gets, in the order of [`EVERYONE`].
struct Row {
    method: Method,
    route: &'static str,
    path: String,
    body: Body,
    expect: &'static str,
}

/// What the rows' requests refer to.
struct Fixture {
    owner_email: String,
    /// Two webhook endpoints of the workspace (the second is deleted), and
    /// a delivery of the first.
    webhook: i64,
    doomed_webhook: i64,
    delivery: i64,
    /// An escalation rule of the workspace.
    rule: i64,
    attachment: i64,
    agent_id: i64,
    owner_id: i64,
}

#[rustfmt::skip]
fn rows(f: &Fixture) -> Vec<Row> {
    use Body::*;
    let json = |v: Value| Json(v);
    let row = |method: Method, route: &'static str, path: &str, body: Body, expect: &'static str| Row {
        method,
        route,
        path: path.to_string(),
        body,
        expect,
    };
    let sign_in = json!({
        "workspace": SLUG, "origin": ORIGIN, "name": "Owner", "email": f.owner_email,
        "verification_hash": "", // filled in per request
    });
    let (get, post, put, patch, delete) = (Method::GET, Method::POST, Method::PUT, Method::PATCH, Method::DELETE);
    let attachment = f.attachment;
    // Columns: Nobody Owner Colleague Participant Restricted Stranger Disabled Stopped Agent Admin Token ForeignToken RevokedToken Scraper
    vec![
        // Public: the same for everyone.
        row(get.clone(), "/", "/", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        // Metrics: the bearer of the metrics token only.
        row(get.clone(), "/metrics", "/metrics", Empty, "401 401 401 401 401 401 401 401 401 401 401 401 401 200"),
        row(get.clone(), "/healthz", "/healthz", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/widget/loader.js", "/widget/loader.js", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/assets/portal.css", "/assets/portal.css", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/assets/console.css", "/assets/console.css", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/assets/console.js", "/assets/console.js", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/api/portal/theme/{workspace}", "/api/portal/theme/acme", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/embed/{workspace}", "/embed/acme", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/embed/{workspace}/{*page}", "/embed/acme/tickets/5", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/pkg", "/pkg", Empty, "404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
        row(get.clone(), "/pkg/", "/pkg/", Empty, "404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
        row(get.clone(), "/pkg/{*__private__axum_nest_tail_param}", "/pkg/portal_frontend.js", Empty, "404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
        row(get.clone(), "/api/v1/openapi.json", "/api/v1/openapi.json", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(post.clone(), "/api/portal/settings", "/api/portal/settings", json(json!({"workspace": SLUG})), "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(post.clone(), "/api/portal/session/open", "/api/portal/session/open", json(sign_in), "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        // A fresh token per request (each is single-use): signing in asks nothing of the caller.
        row(post.clone(), "/api/portal/session/open-token", "/api/portal/session/open-token", json(json!({"workspace": SLUG, "origin": ORIGIN, "jwt": ""})), "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        // The live socket checks its session in its first message (tests in `live`); a plain GET is no upgrade.
        row(get.clone(), "/api/portal/live", "/api/portal/live", Empty, "400 400 400 400 400 400 400 400 400 400 400 400 400 400"),
        // Customer data: a live session of the workspace, and the owner's ticket only where the rules show it.
        row(post.clone(), "/api/portal/tickets", "/api/portal/tickets", json(json!({})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/counts", "/api/portal/counts", json(json!({})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/page", "/api/portal/page", json(json!({"path": "/tickets/5"})), "401 200 200 200 404 404 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/ticket", "/api/portal/ticket", json(json!({"number": TICKET})), "401 200 200 200 404 404 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/ticket/reply", "/api/portal/ticket/reply", json(json!({"number": TICKET, "body": "From the matrix"})), "401 200 403 200 404 404 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/ticket/reopen", "/api/portal/ticket/reopen", json(json!({"number": TICKET})), "401 200 403 200 404 404 401 401 401 401 401 401 401 401"),
        // Joining: who sees the ticket may; the colleague now takes part (after the rows above).
        row(post.clone(), "/api/portal/ticket/join", "/api/portal/ticket/join", json(json!({"number": TICKET})), "401 200 200 200 404 404 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/ticket/new", "/api/portal/ticket/new", json(json!({"title": "From the matrix", "description": ""})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/attachments", "/api/portal/attachments?name=matrix.pdf", File(b"%PDF-1.4\n% matrix\n"), "401 201 201 201 201 201 401 401 401 401 401 401 401 401"),
        row(get.clone(), "/api/portal/attachments/{id}", &format!("/api/portal/attachments/{attachment}"), Empty, "401 200 200 200 404 404 401 401 401 401 401 401 401 401"),
        // The customer's account, with the frame's token (the cookie's are in `standalone`).
        row(post.clone(), "/api/portal/account/me", "/api/portal/account/me", json(json!({})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/account/email", "/api/portal/account/email", json(json!({"on": true})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/account/new-tab", "/api/portal/account/new-tab", json(json!({})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(get.clone(), "/api/portal/account/export", "/api/portal/account/export", Empty, "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(get.clone(), "/api/portal/account/export.zip", "/api/portal/account/export.zip", Empty, "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        // The standalone portal: no caller here holds its cookie, so pages go to the
        // sign-in, which (no custom sign-on) says where to sign in; sign-ins without
        // a token or code are refused; signing out needs the cookie, not a frame's token.
        row(get.clone(), "/p/{workspace}", "/p/acme", Empty, "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        row(get.clone(), "/p/{workspace}/", "/p/acme/", Empty, "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        row(get.clone(), "/p/{workspace}/{*page}", "/p/acme/tickets/5", Empty, "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        row(get.clone(), "/p/{workspace}/sign-in", "/p/acme/sign-in", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(get.clone(), "/p/{workspace}/sso", "/p/acme/sso", Empty, "401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        row(get.clone(), "/p/{workspace}/link", "/p/acme/link?ticket=5", Empty, "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        row(get.clone(), "/p/{workspace}/new-tab", "/p/acme/new-tab", Empty, "401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        // Email sign-in is nobody's to use where the workspace does not offer it (the matrix's portal sends no mail).
        row(post.clone(), "/p/{workspace}/sign-in/email", "/p/acme/sign-in/email", Form(vec![("email", f.owner_email.clone())]), "404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
        row(post.clone(), "/p/{workspace}/sign-in/code", "/p/acme/sign-in/code", Form(vec![("email", f.owner_email.clone()), ("code", "12345678".into())]), "404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
        row(get.clone(), "/p/{workspace}/sign-in/link", &format!("/p/acme/sign-in/link?code={}", "ab".repeat(32)), Empty, "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        // Unsubscribing: the token in the mail is the authority; without one, nothing.
        row(get.clone(), "/p/{workspace}/unsubscribe", "/p/acme/unsubscribe", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(post.clone(), "/p/{workspace}/unsubscribe", "/p/acme/unsubscribe", Empty, "404 404 404 404 404 404 404 404 404 404 404 404 404 404"),
        row(post.clone(), "/api/portal/account/sign-out", "/api/portal/account/sign-out", json(json!({})), "401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        // The REST API: the workspace's token; another workspace's token finds nothing of this one.
        row(get.clone(), "/api/v1/tickets", "/api/v1/tickets", Empty, "401 401 401 401 401 401 401 401 401 401 200 200 401 401"),
        row(post.clone(), "/api/v1/tickets", "/api/v1/tickets", json(json!({"customer": {"email": "api@example.com"}, "title": "From the matrix"})), "401 401 401 401 401 401 401 401 401 401 201 201 401 401"),
        row(get.clone(), "/api/v1/tickets/{number}", "/api/v1/tickets/5", Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(patch.clone(), "/api/v1/tickets/{number}", "/api/v1/tickets/5", json(json!({"status": "open"})), "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(post.clone(), "/api/v1/tickets/{number}/messages", "/api/v1/tickets/5/messages", json(json!({"body": "Note from the matrix", "internal": true, "author_name": "Matrix"})), "401 401 401 401 401 401 401 401 401 401 201 404 401 401"),
        row(get.clone(), "/api/v1/tickets/{number}/attachments/{id}", &format!("/api/v1/tickets/5/attachments/{attachment}"), Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(get.clone(), "/api/v1/tickets/{number}/participants", "/api/v1/tickets/5/participants", Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(put.clone(), "/api/v1/tickets/{number}/participants/{email}", "/api/v1/tickets/5/participants/restricted@northwind.test", Empty, "401 401 401 401 401 401 401 401 401 401 201 404 401 401"),
        row(delete.clone(), "/api/v1/tickets/{number}/participants/{email}", "/api/v1/tickets/5/participants/restricted@northwind.test", Empty, "401 401 401 401 401 401 401 401 401 401 204 404 401 401"),
        row(put.clone(), "/api/v1/companies/{key}", "/api/v1/companies/northwind", json(json!({"name": "Northwind"})), "401 401 401 401 401 401 401 401 401 401 200 200 401 401"),
        row(get.clone(), "/api/v1/customers/{email}/companies", &format!("/api/v1/customers/{}/companies", f.owner_email), Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(get.clone(), "/api/v1/customers/{email}/counts", &format!("/api/v1/customers/{}/counts", f.owner_email), Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(put.clone(), "/api/v1/customers/{email}/companies", &format!("/api/v1/customers/{}/companies", f.owner_email), json(json!({"companies": ["northwind"]})), "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(put.clone(), "/api/v1/customers/{email}/attributes", &format!("/api/v1/customers/{}/attributes", f.owner_email), json(json!({"attributes": {}})), "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(post.clone(), "/api/v1/inbound/email", "/api/v1/inbound/email", File(b"From: mail@example.com\r\nSubject: By mail\r\n\r\nHello"), "401 401 401 401 401 401 401 401 401 401 201 201 401 401"),
        row(get.clone(), "/api/v1/webhooks", "/api/v1/webhooks", Empty, "401 401 401 401 401 401 401 401 401 401 200 200 401 401"),
        row(post.clone(), "/api/v1/webhooks", "/api/v1/webhooks", json(json!({"url": "https://hooks.example.com/matrix", "events": ["ticket.created"]})), "401 401 401 401 401 401 401 401 401 401 201 201 401 401"),
        row(get.clone(), "/api/v1/webhooks/{id}", &format!("/api/v1/webhooks/{}", f.webhook), Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(patch.clone(), "/api/v1/webhooks/{id}", &format!("/api/v1/webhooks/{}", f.webhook), json(json!({"include_notes": false})), "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(post.clone(), "/api/v1/webhooks/{id}/secret", &format!("/api/v1/webhooks/{}/secret", f.webhook), Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(get.clone(), "/api/v1/webhooks/{id}/deliveries", &format!("/api/v1/webhooks/{}/deliveries", f.webhook), Empty, "401 401 401 401 401 401 401 401 401 401 200 404 401 401"),
        row(post.clone(), "/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver", &format!("/api/v1/webhooks/{}/deliveries/{}/redeliver", f.webhook, f.delivery), Empty, "401 401 401 401 401 401 401 401 401 401 204 404 401 401"),
        row(delete.clone(), "/api/v1/webhooks/{id}", &format!("/api/v1/webhooks/{}", f.doomed_webhook), Empty, "401 401 401 401 401 401 401 401 401 401 204 404 401 401"),
        // The console: a signed-in account (303 to the sign-in page otherwise); settings for admins.
        row(get.clone(), "/console", "/console", Empty, "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        row(get.clone(), "/console/login", "/console/login", Empty, "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(post.clone(), "/console/login", "/console/login", Form(vec![("workspace", SLUG.into()), ("password", "not the password".into())]), "401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        row(get.clone(), "/console/inbox", "/console/inbox", Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(get.clone(), "/console/tickets/{number}", "/console/tickets/5", Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/tickets/{number}", "/console/tickets/5", Form(vec![("status", "open".into()), ("company", "northwind".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/tickets/{number}/messages", "/console/tickets/5/messages", Form(vec![("body", "Console note".into()), ("kind", "note".into())]), "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
        row(post.clone(), "/console/tickets/{number}/participants", "/console/tickets/5/participants", Form(vec![("add", "restricted@northwind.test".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(get.clone(), "/console/customers", "/console/customers", Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(get.clone(), "/console/customers/{id}", &format!("/console/customers/{}", f.owner_id), Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/customers/{id}", &format!("/console/customers/{}", f.owner_id), Form(vec![("attributes", String::new()), ("companies", "northwind".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/customers/{id}/access", &format!("/console/customers/{}/access", f.owner_id), Form(vec![("access", "enable".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(get.clone(), "/console/companies", "/console/companies", Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/companies", "/console/companies", Form(vec![("key", "northwind".into()), ("name", "Northwind".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(get.clone(), "/console/companies/{key}", "/console/companies/northwind", Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/companies/{key}/members", "/console/companies/northwind/members", Form(vec![("add", f.owner_email.clone())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(get.clone(), "/console/settings", "/console/settings", Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/settings/{section}", "/console/settings/origins", Form(vec![("origins", ORIGIN.into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/audience-preview", "/console/audience-preview", Form(vec![("conditions", String::new())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/visibility-preview", "/console/visibility-preview", Form(vec![("conditions", String::new())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(get.clone(), "/console/embed", "/console/embed", Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/embed/{action}", "/console/embed/reveal", Form(vec![]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(get.clone(), "/console/test-as", "/console/test-as?email=owner@northwind.test", Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/integrations/slack", "/console/integrations/slack", Form(vec![("action", "save".into()), ("channel", "".into()), ("note_prefix", "!note".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/slack-member", "/console/slack-member", Form(vec![("member", "U0MATRIX".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        // Slack's requests: only with the workspace's Slack signature.
        row(post.clone(), "/slack/{workspace}/events", "/slack/acme/events", json(json!({"type": "url_verification", "challenge": "x"})), "401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/slack/{workspace}/interactions", "/slack/acme/interactions", Form(vec![("payload", "{}".into())]), "401 401 401 401 401 401 401 401 401 401 401 401 401 401"),
        row(get.clone(), "/console/rules", "/console/rules", Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/rules", "/console/rules", Form(vec![("kind", "escalate".into()), ("action", "add".into()), ("name", "Waiting".into()), ("trigger", "customer_waiting".into()), ("minutes", "60".into()), ("mark", "on".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/rules/{id}", &format!("/console/rules/{}", f.rule), Form(vec![("action", "preview".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/business-hours", "/console/business-hours", Form(vec![("action", "save".into()), ("zone", "Europe/Berlin".into()), ("day", "0".into()), ("opens", "09:00".into()), ("closes", "17:00".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(get.clone(), "/console/integrations", "/console/integrations", Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/integrations/webhooks", "/console/integrations/webhooks", Form(vec![("url", "https://hooks.example.com/console".into()), ("ticket.created", "on".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(get.clone(), "/console/integrations/webhooks/{id}", &format!("/console/integrations/webhooks/{}", f.webhook), Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/integrations/webhooks/{id}", &format!("/console/integrations/webhooks/{}", f.webhook), Form(vec![("action", "disable".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/integrations/webhooks/{id}/redeliver", &format!("/console/integrations/webhooks/{}/redeliver", f.webhook), Form(vec![("delivery", f.delivery.to_string())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(get.clone(), "/console/accounts", "/console/accounts", Empty, "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/accounts", "/console/accounts", Form(vec![ ("email", "new.agent@acme.test".into()), ("name", "New Agent".into()), ("role", "agent".into()), ("password", "a long enough password".into()), ]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(post.clone(), "/console/accounts/{id}", &format!("/console/accounts/{}", f.agent_id), Form(vec![("action", "role".into()), ("role", "agent".into())]), "303 303 303 303 303 303 303 303 403 200 303 303 303 303"),
        row(get.clone(), "/console/password", "/console/password", Empty, "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        row(post.clone(), "/console/password", "/console/password", Form(vec![("current", "not the password".into()), ("new", "another long password".into())]), "303 303 303 303 303 303 303 303 400 400 303 303 303 303"),
        row(post.clone(), "/console/name", "/console/name", Form(vec![("name", "Renamed".into())]), "303 303 303 303 303 303 303 303 200 200 303 303 303 303"),
        // Last: these end the callers' sessions. Stopping always succeeds: the
        // frame is cleared whatever the server knew of the session.
        row(post.clone(), "/api/portal/account/sign-out-everywhere", "/api/portal/account/sign-out-everywhere", json(json!({})), "401 200 200 200 200 200 401 401 401 401 401 401 401 401"),
        row(post.clone(), "/api/portal/session/close", "/api/portal/session/close", json(json!({})), "200 200 200 200 200 200 200 200 200 200 200 200 200 200"),
        row(post, "/console/logout", "/console/logout", Form(vec![]), "303 303 303 303 303 303 303 303 303 303 303 303 303 303"),
    ]
}

/// The routes the router serves, as (method, path) pairs, read from the
/// router's debug form (axum keeps no public list): each route id's path,
/// and the methods its `Allow` header would name (HEAD goes with GET). A
/// nested service (the bundle's files) names no methods: it is listed
/// under GET, the only method it serves.
async fn served_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(&dir);
    with_metrics(&mut config);
    let portal = Portal::bind(&config, app.store.clone()).await.unwrap();
    let described = format!("{:?}", portal.router());
    let main_router = described.split("fallback_router:").next().unwrap_or_default();
    let (routes, paths) =
        main_router.split_once("node: Node { paths: {").expect("the router's debug form has its paths");
    let mut methods = std::collections::HashMap::new();
    for entry in routes.split("RouteId(").skip(1) {
        let (id, rest) = entry.split_once(')').unwrap();
        let allowed = rest.split_once("allow_header: Bytes(b\"").map(|(_, tail)| tail.split('"').next().unwrap());
        methods.insert(id.to_string(), allowed.unwrap_or("GET").to_string());
    }
    let mut served = BTreeSet::new();
    for entry in paths.split("RouteId(").skip(1) {
        let (id, rest) = entry.split_once("): \"").unwrap();
        let path = rest.split('"').next().unwrap().to_string();
        let allowed = methods.get(id).unwrap_or_else(|| panic!("route {id} ({path}) has no methods"));
        for method in allowed.split(',').filter(|m| *m != "HEAD") {
            served.insert((method.to_string(), path.clone()));
        }
    }
    assert!(served.len() > 40, "the router's routes could not be read from {described:.2000}");
    served
}

#[tokio::test(flavor = "multi_thread")]
async fn every_route_answers_every_caller_as_the_table_says() {
    on_each_backend("every_route_answers_every_caller_as_the_table_says", |db| async move {
        let app = spawn_app_with(db, with_metrics).await;
        let (fixture, credentials) = fixture(&app).await;
        let table = rows(&fixture);

        let served = served_routes(&app).await;
        let listed: BTreeSet<(String, String)> =
            table.iter().map(|row| (row.method.to_string(), row.route.to_string())).collect();
        let missing: Vec<_> = served.difference(&listed).collect();
        let gone: Vec<_> = listed.difference(&served).collect();
        assert!(missing.is_empty(), "routes with no row in the matrix: {missing:?}");
        assert!(gone.is_empty(), "rows for routes the router does not serve: {gone:?}");

        let mut wrong = Vec::new();
        let mut cells = 0;
        for row in &table {
            let expected: Vec<u16> = row.expect.split_whitespace().map(|s| s.parse().unwrap()).collect();
            assert_eq!(expected.len(), EVERYONE.len(), "{} {}: one status per caller", row.method, row.route);
            for (who, expected) in EVERYONE.iter().zip(expected) {
                let got = ask(&app, row, *who, &credentials, &fixture).await;
                cells += 1;
                if got != expected {
                    wrong.push(format!("{} {} as {who:?}: expected {expected}, got {got}", row.method, row.path));
                }
            }
        }
        assert!(wrong.is_empty(), "{} of {cells} cells differ:\n{}", wrong.len(), wrong.join("\n"));
        eprintln!(
            "authorization matrix: {} routes x {} callers = {cells} cells, all as expected",
            table.len(),
            EVERYONE.len()
        );
    })
    .await;
}

/// What each caller presents.
struct Credentials {
    bearer: Vec<(Who, String)>,
    cookie: Vec<(Who, String)>,
}

async fn ask(app: &TestApp, row: &Row, who: Who, credentials: &Credentials, fixture: &Fixture) -> u16 {
    let mut request = app.client.request(row.method.clone(), app.url(&row.path));
    if let Some((_, token)) = credentials.bearer.iter().find(|(w, _)| *w == who) {
        request = request.bearer_auth(token);
    }
    if let Some((_, cookie)) = credentials.cookie.iter().find(|(w, _)| *w == who) {
        request = request.header("cookie", cookie);
    }
    // Forms as the console's own pages send them: the matrix is about who, not from where.
    request = request.header("sec-fetch-site", "same-origin");
    request = match &row.body {
        Body::Empty => request,
        Body::Json(value) => {
            let mut value = value.clone();
            if row.route == "/api/portal/session/open" {
                value["verification_hash"] = json!(app.hash(&fixture.owner_email));
            }
            if row.route == "/api/portal/session/open-token" {
                let now = now_millis() / 1000;
                let claims = json!({
                    "email": fixture.owner_email, "iat": now, "exp": now + 300, "jti": random_token(), "aud": SLUG,
                });
                value["jwt"] = json!(portal_core::jwt::sign_jwt(app.secret.as_bytes(), &claims));
            }
            if row.route == "/api/portal/ticket/reply" {
                value["key"] = json!(format!("matrix-{}", &random_token()[..16]));
            }
            request.json(&value)
        }
        Body::Form(fields) => {
            let mut fields = fields.clone();
            if row.route == "/console/login" {
                // One account a caller: the matrix must not trip the limit on failures.
                fields.push(("email", format!("{who:?}@acme.test").to_lowercase()));
            }
            request.form(&fields)
        }
        Body::File(bytes) => request.body(bytes.to_vec()),
    };
    let response = request.send().await.unwrap_or_else(|e| panic!("{} {}: {e}", row.method, row.path));
    let status = response.status().as_u16();
    // Read to the end, as a browser does: a page left half-read is a client
    // hanging up mid-render, which is not what this table is about.
    let _ = response.bytes().await;
    status
}

/// The workspace as the table expects it, and each caller's credentials.
async fn fixture(app: &TestApp) -> (Fixture, Credentials) {
    let store = &*app.store;
    let ws = app.workspace.id;
    let now = now_millis();
    commands::set_company(store, SLUG, "northwind", "Northwind").await.unwrap();
    let hook = |events: &[&str]| portal_store::WebhookSettings {
        url: portal_core::webhook::WebhookUrl::parse("https://hooks.example.com/acme", &Default::default()).unwrap(),
        events: portal_core::webhook::EventTypes::parse(events.iter().copied()).unwrap(),
        include_notes: false,
    };
    let webhook = store.create_webhook(ws, &hook(&["customer.created"]), "whsec_matrix", now).await.unwrap().id;
    store.connect_slack(ws, "xoxb-matrix", "8f742231b10e8888abcd99aaabbb85a5", now).await.unwrap();
    let escalation = portal_core::routing::EscalationRule::new(
        "Slow",
        portal_core::routing::EscalationTrigger::NoFirstReply(30),
        Default::default(),
        true,
        None,
        false,
    )
    .unwrap();
    let rule = store.add_rule(ws, &portal_store::NewRule::Escalation(escalation), now).await.unwrap();
    let doomed_webhook = store.create_webhook(ws, &hook(&["ticket.created"]), "whsec_doomed", now).await.unwrap().id;
    commands::set_visibility(store, SLUG, true, &["email starts_with restricted".to_string()], false).await.unwrap();
    let northwind = [CompanyKey::parse("northwind").unwrap()];
    let mut customers = Vec::new();
    for email in [
        "owner@northwind.test",
        "colleague@northwind.test",
        "restricted@northwind.test",
        "disabled@northwind.test",
        "stopped@northwind.test",
    ] {
        let customer = store
            .upsert_customer(ws, &Email::parse(email).unwrap(), &CustomerName::parse("Customer").unwrap(), now)
            .await
            .unwrap();
        store.set_customer_companies(ws, customer.id, &northwind).await.unwrap();
        customers.push((email, customer.id));
    }
    let mut bearer = Vec::new();
    let whos = [Who::Owner, Who::Colleague, Who::Restricted, Who::Disabled, Who::Stopped];
    for (who, (email, _)) in whos.iter().zip(&customers) {
        bearer.push((*who, app.sign_in(email).await.token));
    }
    let owner = bearer[0].1.clone();

    // The owner's ticket is number TICKET, in northwind, with a file: the
    // numbers below it belong to someone else.
    let other = app.customer_with_tickets(ws, "someone@else.test", &["1", "2", "3", "4"]).await;
    let _ = other;
    let created: Value = expect_ok(
        app.post("/api/portal/ticket/new", &json!({"title": "Owner's ticket", "description": ""}), Some(&owner)).await,
        "the owner's ticket",
    )
    .await;
    assert_eq!(created["number"], TICKET);
    let upload = app
        .client
        .post(app.url("/api/portal/attachments?name=report.pdf"))
        .bearer_auth(&owner)
        .body(&b"%PDF-1.4\n% report\n"[..])
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 201, "upload");
    let uploaded: Value = upload.json().await.unwrap();
    let attachment = uploaded["id"].as_i64().expect("an attachment id");
    let reply = json!({"number": TICKET, "body": "See the file", "key": "with-file", "attachments": [attachment]});
    let _: Value = expect_ok(app.post("/api/portal/ticket/reply", &reply, Some(&owner)).await, "reply with file").await;

    // The other workspace: a signed-in customer and a token.
    let (globex, globex_secret) = app.add_workspace("globex", ORIGIN).await;
    let stranger_email = "stranger@globex.test";
    let hash = sign_email(globex_secret.as_bytes(), stranger_email);
    let grant: SessionGrant = expect_ok(
        app.open_session(&sign_in_body("globex", ORIGIN, "Stranger", stranger_email, &hash)).await,
        "the stranger's sign-in",
    )
    .await;
    bearer.push((Who::Stranger, grant.token));
    let _ = globex;

    // The ticket belongs to northwind, then the disabled and the stopped lose their sessions.
    let token = last_line(commands::create_api_token(store, SLUG, "matrix").await.unwrap());
    let patched = app
        .client
        .patch(app.url("/api/v1/tickets/5"))
        .bearer_auth(&token)
        .json(&json!({"company": "northwind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.status(), 200, "ticket 1 joins northwind: {}", patched.text().await.unwrap());
    // A customer of no company takes part in it, added by an agent.
    let participant = "participant@elsewhere.test";
    bearer.push((Who::Participant, app.sign_in(participant).await.token));
    let added = app
        .client
        .put(app.url(&format!("/api/v1/tickets/{TICKET}/participants/{participant}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 201, "the participant is added: {}", added.text().await.unwrap());
    store.set_customer_disabled(ws, customers[3].1, true, now_millis()).await.unwrap();
    let stopped = bearer.iter().find(|(w, _)| *w == Who::Stopped).unwrap().1.clone();
    assert_eq!(app.close_session(&stopped).await.status(), 200);

    bearer.push((Who::Token, token));
    bearer.push((Who::ForeignToken, last_line(commands::create_api_token(store, "globex", "foreign").await.unwrap())));
    let revoked = last_line(commands::create_api_token(store, SLUG, "revoked").await.unwrap());
    let id = store.list_api_tokens(ws).await.unwrap().into_iter().find(|t| t.name == "revoked").unwrap().id;
    store.revoke_api_token(ws, id, now_millis()).await.unwrap();
    bearer.push((Who::RevokedToken, revoked));
    bearer.push((Who::Scraper, METRICS_TOKEN.to_string()));

    // Console accounts.
    let password = "correct horse battery";
    let mut cookie = Vec::new();
    for (who, email, role) in [(Who::Agent, "agent@acme.test", "agent"), (Who::Admin, "admin@acme.test", "admin")] {
        commands::create_console_account(store, SLUG, email, "Staff", role, Some(password.into())).await.unwrap();
        let response = app
            .client
            .post(app.url("/console/login"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("workspace", SLUG), ("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "sign-in of {email}");
        let set = response.headers()["set-cookie"].to_str().unwrap();
        cookie.push((who, set.split(';').next().unwrap().to_string()));
    }
    let agent_id =
        store.agents(ws).await.unwrap().into_iter().find(|a| a.email == "agent@acme.test").map(|a| a.id.0).unwrap();

    let delivery = store.webhook_deliveries(ws, webhook, 1).await.unwrap()[0].id;
    let fixture = Fixture {
        owner_email: "owner@northwind.test".into(),
        webhook,
        doomed_webhook,
        delivery,
        rule,
        attachment,
        agent_id,
        owner_id: customers[0].1.0,
    };
    (fixture, Credentials { bearer, cookie })
}

fn last_line(output: String) -> String {
    output.lines().last().unwrap_or_default().trim().to_string()
}
