//! The agent REST API (`/api/v1`): API tokens from the operator commands,
//! the bearer gate, and what agents write as the customer sees it through
//! the portal. Bad inputs are in `rest_input.rs`, the OpenAPI document in
//! `rest_openapi.rs`.
//!
//! Every answer the helpers read is checked for the API's shape: JSON, and
//! `Cache-Control: no-store`.

use crate::app::*;
use portal::commands;
use portal_app::PortalError;
use portal_core::ApiTokenId;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderMap, LOCATION, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

// The other REST test modules, beside this file (tests/api/rest_*.rs).
#[path = "rest_companies.rs"]
mod companies;
#[path = "rest_counts.rs"]
mod counts;
#[path = "rest_input.rs"]
mod input;
#[path = "rest_openapi.rs"]
mod openapi;

/// An answer of the API: status, headers and JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub what: String,
}

impl Reply {
    /// Checks a success status and returns the body.
    pub fn expect(self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}: expected {status}, got body {}", self.what, self.body);
        self.body
    }

    /// Checks an error answer: status, stable code and (for
    /// `invalid_request`) the field blamed, if any.
    pub fn expect_error(self, status: u16, code: &str, field: Option<&str>) {
        let what = &self.what;
        assert_eq!(self.status.as_u16(), status, "{what}: expected {status} {code}, got body {}", self.body);
        let error = &self.body["error"];
        assert_eq!(error["code"], code, "{what}: the error code in {}", self.body);
        let message = error["message"].as_str().unwrap_or_else(|| panic!("{what}: no message in {}", self.body));
        assert!(!message.is_empty(), "{what}: an empty message");
        for leak in ["SELECT", "INSERT", "UPDATE ", "sqlx", "constraint", "database error"] {
            assert!(!message.contains(leak), "{what}: the message leaks {leak:?}: {message}");
        }
        assert_eq!(error["field"].as_str(), field, "{what}: the field blamed in {}", self.body);
        let keys: Vec<&String> = self.body.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["error"], "{what}: the error body has one member");
        if status == 401 {
            let challenge = self.headers.get(WWW_AUTHENTICATE).and_then(|v| v.to_str().ok());
            assert_eq!(challenge, Some("Bearer"), "{what}: a 401 names the scheme");
        }
    }
}

/// Sends a request to the API with `Authorization: Bearer <token>` when a
/// token is given and `body` as JSON when given.
pub async fn call(app: &TestApp, method: Method, path: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
    let raw = body.map(|b| b.to_string().into_bytes());
    send(app, method, path, token, raw.map(|b| ("application/json", b))).await
}

/// Sends `body` with the given content type, as is.
pub async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
) -> Reply {
    let what = format!("{method} {path}");
    let mut request = app.client.request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some((content_type, bytes)) = body {
        if !content_type.is_empty() {
            request = request.header(CONTENT_TYPE, content_type);
        }
        request = request.body(bytes);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{what}: {e}"));
    read_reply(response, what).await
}

async fn read_reply(response: reqwest::Response, what: String) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_else(|e| panic!("{what}: reading the body: {e}"));
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(content_type.starts_with("application/json"), "{what}: {status} as {content_type:?}: {text}");
    let cache = headers.get(CACHE_CONTROL).and_then(|v| v.to_str().ok());
    assert_eq!(cache, Some("no-store"), "{what}: every API answer is no-store");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: {status}, not JSON ({e}): {text}"));
    Reply { status, headers, body, what }
}

/// A new API token for `workspace`, made as an operator does
/// (`portal token create`): the token is the output's last line.
pub async fn api_token(app: &TestApp, workspace: &str, name: &str) -> String {
    let output = commands::create_api_token(&*app.store, workspace, name)
        .await
        .unwrap_or_else(|e| panic!("token create for {workspace}: {e:#}"));
    let token = output.lines().last().expect("output").trim().to_string();
    assert!(token.starts_with("pt_") && token.len() == 67, "a pt_ token with 64 hex characters: {output}");
    assert!(token[3..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{token}");
    assert_eq!(output.matches(&token).count(), 1, "the token is printed once: {output}");
    token
}

/// Rows the API may write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub customers: i64,
    pub tickets: i64,
    pub messages: i64,
    pub events: i64,
    pub companies: i64,
    pub memberships: i64,
}

pub async fn written(app: &TestApp) -> Written {
    Written {
        customers: app.db.scalar("SELECT COUNT(*) FROM customers").await,
        tickets: app.db.scalar("SELECT COUNT(*) FROM tickets").await,
        messages: app.db.scalar("SELECT COUNT(*) FROM messages").await,
        events: app.db.scalar("SELECT COUNT(*) FROM events").await,
        companies: app.db.scalar("SELECT COUNT(*) FROM companies").await,
        memberships: app.db.scalar("SELECT COUNT(*) FROM company_members").await,
    }
}

/// Opens a ticket through the API, expecting 201; returns its number.
pub async fn open_ticket(app: &TestApp, token: &str, email: &str, title: &str) -> i64 {
    let body = json!({"customer": {"email": email, "name": "Ann Agent-Made"}, "title": title});
    let ticket = call(app, Method::POST, "/api/v1/tickets", Some(token), Some(&body)).await.expect(201);
    ticket["number"].as_i64().expect("a number")
}

/// Posts a message through the API, returning the answer.
pub async fn post_message(app: &TestApp, token: &str, number: i64, body: &Value) -> Reply {
    call(app, Method::POST, &format!("/api/v1/tickets/{number}/messages"), Some(token), Some(body)).await
}

/// The ticket as its customer sees it through the portal (`/api/portal/ticket`).
pub async fn portal_ticket(app: &TestApp, session: &str, number: i64) -> (Value, String) {
    let response = app.post("/api/portal/ticket", &json!({"number": number}), Some(session)).await;
    let status = response.status();
    let text = response.text().await.expect("the portal's ticket");
    assert_eq!(status, StatusCode::OK, "the customer's view of ticket {number}: {text}");
    (serde_json::from_str(&text).expect("JSON"), text)
}

/// The customer's ticket list through the portal (`/api/portal/tickets`), raw and parsed.
pub async fn portal_list(app: &TestApp, session: &str) -> (Vec<portal_core::TicketSummary>, String) {
    let response = app.tickets(Some(session)).await;
    let status = response.status();
    let text = response.text().await.expect("the portal's list");
    assert_eq!(status, StatusCode::OK, "the customer's ticket list: {text}");
    (serde_json::from_str(&text).expect("a list of tickets"), text)
}

#[tokio::test(flavor = "multi_thread")]
async fn operators_create_list_and_revoke_api_tokens() {
    on_each_backend("operators_create_list_and_revoke_api_tokens", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        assert!(commands::list_api_tokens(store, SLUG).await.unwrap().contains("no API token"));

        let token = api_token(&app, SLUG, "helpdesk sync").await;
        let stored = app.db.scalar("SELECT COUNT(*) FROM api_tokens WHERE LENGTH(token_hash) = 32").await;
        assert_eq!(stored, 1, "the store keeps the token's SHA-256, 32 bytes");
        let listing = commands::list_api_tokens(store, SLUG).await.unwrap();
        assert!(!listing.contains(&token) && !listing.contains(&token[3..]), "never shown again: {listing}");
        let row = listing.lines().nth(1).expect("one token row");
        assert!(row.starts_with("1 ") && row.contains("helpdesk sync") && row.ends_with(" -"), "{listing}");
        call(&app, Method::GET, "/api/v1/tickets", Some(&token), None).await.expect(200);

        let (globex, _) = app.add_workspace("globex", "https://globex.example").await;
        let globex_token = api_token(&app, "globex", "globex bot").await;
        let globex_id = store.list_api_tokens(globex.id).await.unwrap()[0].id;
        // One workspace's command cannot revoke another's token.
        let error = commands::revoke_api_token(store, SLUG, globex_id).await.expect_err("globex's id at acme");
        assert!(format!("{error:#}").contains(&format!("no API token with id {globex_id}")), "{error:#}");
        call(&app, Method::GET, "/api/v1/tickets", Some(&globex_token), None).await.expect(200);

        let revoked = commands::revoke_api_token(store, SLUG, ApiTokenId(1)).await.unwrap();
        assert!(revoked.contains("Revoked API token 1"), "{revoked}");
        call(&app, Method::GET, "/api/v1/tickets", Some(&token), None).await.expect_error(401, "unauthorized", None);
        let again = commands::revoke_api_token(store, SLUG, ApiTokenId(1)).await.expect("revoking twice is no error");
        assert!(again.contains("already revoked"), "{again}");
        let listing = commands::list_api_tokens(store, SLUG).await.unwrap();
        assert!(listing.lines().nth(1).is_some_and(|row| row.ends_with("UTC")), "the revocation time: {listing}");
        call(&app, Method::GET, "/api/v1/tickets", Some(&globex_token), None).await.expect(200);

        // Clear errors for an unknown workspace or id, and a bad name.
        for (what, result) in [
            ("create, unknown workspace", commands::create_api_token(store, "nope", "x").await),
            ("list, unknown workspace", commands::list_api_tokens(store, "nope").await),
            ("revoke, unknown workspace", commands::revoke_api_token(store, "nope", ApiTokenId(1)).await),
        ] {
            let error = result.expect_err(what);
            assert!(format!("{error:#}").contains("no workspace named 'nope'"), "{what}: {error:#}");
        }
        let error = commands::revoke_api_token(store, SLUG, ApiTokenId(999)).await.expect_err("an unknown id");
        assert!(format!("{error:#}").contains("no API token with id 999"), "{error:#}");
        let error = commands::create_api_token(store, SLUG, "  ").await.expect_err("an empty name");
        assert!(format!("{error:#}").contains("1 to 100 characters"), "{error:#}");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM api_tokens").await, 2, "refusals write no token");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_endpoint_needs_a_live_api_token() {
    on_each_backend("every_endpoint_needs_a_live_api_token", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Printer on fire").await;
        let revoked = api_token(&app, SLUG, "old bot").await;
        let tokens = app.store.list_api_tokens(app.workspace.id).await.expect("list the tokens");
        let old = tokens.iter().find(|t| t.name == "old bot").expect("the old bot's token").id;
        commands::revoke_api_token(&*app.store, SLUG, old).await.expect("revoke the old bot's token");
        let session = app.sign_in("ann@example.com").await.token;
        let before = written(&app).await;

        let headers: Vec<(&str, Option<String>)> = vec![
            ("no Authorization", None),
            ("a garbage token", Some("Bearer not-a-token".into())),
            ("an unknown, well-formed token", Some(format!("Bearer pt_{}", random_token()))),
            ("a revoked token", Some(format!("Bearer {revoked}"))),
            ("a customer's session token", Some(format!("Bearer {session}"))),
            ("the token without a scheme", Some(token.clone())),
            ("the token as Basic", Some(format!("Basic {token}"))),
            ("an empty bearer", Some("Bearer ".into())),
        ];
        let patch = json!({"status": "closed"});
        let message = json!({"body": "hello", "author_name": "Agent"});
        let new_ticket = json!({"customer": {"email": "bob@example.com"}, "title": "Hi"});
        let company = json!({"name": "Globex"});
        let memberships = json!({"companies": []});
        let attributes = json!({"attributes": {"plan": "pro"}});
        for (what, header) in &headers {
            for (method, path, body) in [
                (Method::GET, "/api/v1/tickets".to_string(), None),
                (Method::POST, "/api/v1/tickets".to_string(), Some(&new_ticket)),
                (Method::GET, format!("/api/v1/tickets/{number}"), None),
                (Method::PATCH, format!("/api/v1/tickets/{number}"), Some(&patch)),
                (Method::POST, format!("/api/v1/tickets/{number}/messages"), Some(&message)),
                (Method::PUT, "/api/v1/companies/globex".to_string(), Some(&company)),
                (Method::GET, "/api/v1/customers/ann@example.com/companies".to_string(), None),
                (Method::PUT, "/api/v1/customers/ann@example.com/companies".to_string(), Some(&memberships)),
                (Method::PUT, "/api/v1/customers/ann@example.com/attributes".to_string(), Some(&attributes)),
            ] {
                let mut request = app.client.request(method.clone(), app.url(&path));
                if let Some(value) = header {
                    request = request.header("Authorization", value);
                }
                if let Some(body) = body {
                    request = request.json(body);
                }
                let response = request.send().await.expect("send");
                read_reply(response, format!("{method} {path} with {what}")).await.expect_error(
                    401,
                    "unauthorized",
                    None,
                );
            }
        }
        assert_eq!(written(&app).await, before, "refused requests write nothing");
        let status = call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await;
        assert_eq!(status.expect(200)["status"], "open", "the refused PATCH changed nothing");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_opened_for_a_customer_is_in_their_portal() {
    on_each_backend("a_ticket_opened_for_a_customer_is_in_their_portal", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        app.customer_with_tickets(app.workspace.id, "ann@example.com", &["Ann's own ticket"]).await;

        let body = json!({
            "customer": {"email": "Ann@Example.com", "name": "Ann Smith"},
            "title": "  Your invoice  ",
            "description": "We noticed **two** charges.",
            "type": "Question",
        });
        let reply = call(&app, Method::POST, "/api/v1/tickets", Some(&token), Some(&body)).await;
        let location = reply.headers.get(LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string);
        let ticket = reply.expect(201);
        let number = ticket["number"].as_i64().expect("a number");
        assert_eq!(location, Some(format!("/api/v1/tickets/{number}")), "Location names the new ticket");
        assert_eq!(ticket["title"], "Your invoice", "the title is trimmed");
        assert_eq!(ticket["status"], "open");
        assert_eq!(ticket["type"], "Question");
        assert_eq!(ticket["customer"]["email"], "ann@example.com", "the existing customer (emails ignore case)");
        assert_eq!(ticket["customer"]["name"], "Ann Smith", "the name is updated");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM customers").await, 1, "no second customer");

        // Another customer is created on the fly.
        open_ticket(&app, &token, "new@example.com", "For someone new").await;
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM customers").await, 2);

        let session = app.sign_in("ann@example.com").await.token;
        assert_eq!(app.ticket_titles(&session).await, ["Ann's own ticket", "Your invoice"], "ann's portal list");
        let (view, raw) = portal_ticket(&app, &session, number).await;
        assert_eq!((view["number"].as_i64(), view["status"].as_str()), (Some(number), Some("open")), "{raw}");
        assert!(raw.contains("Your invoice") && raw.contains("<strong>two</strong>"), "the customer's view: {raw}");

        let detail = call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await;
        let detail = detail.expect(200);
        assert_eq!(detail["description"], "We noticed **two** charges.");
        assert_eq!(detail["channel"], "api");
        assert_eq!(detail["messages"], json!([]));

        let list = call(&app, Method::GET, "/api/v1/tickets", Some(&token), None).await.expect(200);
        let titles: Vec<&str> =
            list["tickets"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), 3, "the agent sees every ticket of the workspace: {titles:?}");
        assert!(titles.contains(&"Ann's own ticket") && titles.contains(&"For someone new"), "{titles:?}");
        let limited = call(&app, Method::GET, "/api/v1/tickets?limit=2", Some(&token), None).await.expect(200);
        assert_eq!(limited["tickets"].as_array().unwrap().len(), 2, "limit=2");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_see_only_the_attributes_the_workspace_shows() {
    on_each_backend("customers_see_only_the_attributes_the_workspace_shows", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let shown = ["plan=Your plan".to_string()];
        commands::set_shown_attributes(&*app.store, SLUG, &shown).await.unwrap();
        assert!(commands::set_shown_attributes(&*app.store, SLUG, &["plan".into()]).await.is_err(), "no name");
        let body = json!({
            "customer": {"email": "ann@example.com"},
            "title": "Renewal",
            "attributes": {"plan": "Enterprise", "churn_risk": "CANARY-HIDDEN-ATTRIBUTE"},
        });
        let number = call(&app, Method::POST, "/api/v1/tickets", Some(&token), Some(&body)).await.expect(201)["number"]
            .as_i64()
            .unwrap();
        let path = format!("/api/v1/tickets/{number}");
        let detail = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        assert_eq!(detail["attributes"], json!({"plan": "Enterprise", "churn_risk": "CANARY-HIDDEN-ATTRIBUTE"}));

        let session = app.sign_in("ann@example.com").await.token;
        let (_, raw) = portal_ticket(&app, &session, number).await;
        assert!(raw.contains("Your plan") && raw.contains("Enterprise"), "{raw}");
        assert!(!raw.contains("CANARY-HIDDEN") && !raw.contains("churn_risk"), "an unshown attribute leaked: {raw}");

        let patch = json!({"attributes": {"plan": "Team"}});
        call(&app, Method::PATCH, &path, Some(&token), Some(&patch)).await.expect(200);
        let (_, raw) = portal_ticket(&app, &session, number).await;
        assert!(raw.contains("Team") && !raw.contains("Enterprise"), "{raw}");
        let detail = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        assert_eq!(detail["attributes"], json!({"plan": "Team"}), "a patch replaces them all");

        let bad = json!({"attributes": {"Not A Key": "x"}});
        call(&app, Method::PATCH, &path, Some(&token), Some(&bad)).await.expect_error(
            400,
            "invalid_request",
            Some("attributes"),
        );
        let detail = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        assert_eq!(detail["attributes"], json!({"plan": "Team"}), "a refused patch changes nothing");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn replies_reach_the_customer_and_internal_notes_never_do() {
    on_each_backend("replies_reach_the_customer_and_internal_notes_never_do", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Refund please").await;
        let session = app.sign_in("ann@example.com").await.token;
        let (before_list, _) = portal_list(&app, &session).await;

        let reply = post_message(&app, &token, number, &json!({"body": "We are on it.", "author_name": "Dana"}))
            .await
            .expect(201);
        assert_eq!(reply["internal"], false, "internal defaults to false");
        assert_eq!(reply["author_kind"], "agent");
        assert_eq!(reply["author_name"], "Dana");
        let events_after_reply = written(&app).await.events;
        let (after_reply, _) = portal_list(&app, &session).await;

        let secret = "NOTE-7f3a: customer is on the fraud watch list";
        let note = json!({"body": secret, "author_name": "Dana", "internal": true});
        let note = post_message(&app, &token, number, &note).await.expect(201);
        assert_eq!(note["internal"], true);
        assert_eq!(written(&app).await.events, events_after_reply, "a note writes no event");

        // The customer sees the reply, and nothing of the note, anywhere.
        let (_, raw) = portal_ticket(&app, &session, number).await;
        assert!(raw.contains("We are on it."), "the reply: {raw}");
        assert!(!raw.contains("NOTE-7f3a") && !raw.contains("fraud"), "the note leaked into the ticket: {raw}");
        let (after_note, raw_list) = portal_list(&app, &session).await;
        assert!(!raw_list.contains("NOTE-7f3a"), "the note leaked into the list: {raw_list}");
        assert!(after_reply[0].updated_at >= before_list[0].updated_at, "a reply moves updated_at");
        assert_eq!(after_note, after_reply, "a note changes nothing the customer can see, not even updated_at");

        // The agent sees both, flagged.
        let detail =
            call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await.expect(200);
        let messages = detail["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 2);
        assert_eq!((messages[0]["body"].as_str(), &messages[0]["internal"]), (Some("We are on it."), &json!(false)));
        assert_eq!((messages[1]["body"].as_str(), &messages[1]["internal"]), (Some(secret), &json!(true)));

        // The customer's answer shows to the agent, as a customer message.
        let key = "customer-key-0001";
        let answer = json!({"number": number, "body": "Thanks!", "key": key});
        assert_eq!(app.post("/api/portal/ticket/reply", &answer, Some(&session)).await.status(), StatusCode::OK);
        let detail =
            call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await.expect(200);
        let last = detail["messages"].as_array().unwrap().last().cloned().unwrap();
        assert_eq!((last["author_kind"].as_str(), last["internal"].as_bool()), (Some("customer"), Some(false)));
        // The customer's key is theirs: an agent's post with it is simply written.
        let reuse = json!({"body": "x", "author_name": "Dana", "idempotency_key": key});
        assert_eq!(post_message(&app, &token, number, &reuse).await.expect(201)["body"], "x");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn status_and_type_changes_show_to_the_customer() {
    on_each_backend("status_and_type_changes_show_to_the_customer", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Login fails").await;
        let session = app.sign_in("ann@example.com").await.token;
        let path = format!("/api/v1/tickets/{number}");

        let events = written(&app).await.events;
        let updated = call(&app, Method::PATCH, &path, Some(&token), Some(&json!({"status": "in_progress"}))).await;
        let updated = updated.expect(200);
        assert_eq!(updated["status"], "in_progress");
        assert_eq!(written(&app).await.events, events + 1, "a status change writes an event");
        let (list, _) = portal_list(&app, &session).await;
        assert_eq!(list[0].status, portal_core::TicketStatus::InProgress, "the customer's list");
        let (view, _) = portal_ticket(&app, &session, number).await;
        assert_eq!(view["status"], "in_progress", "the customer's ticket");

        let typed = call(&app, Method::PATCH, &path, Some(&token), Some(&json!({"type": "Problem"}))).await.expect(200);
        assert_eq!((typed["status"].as_str(), typed["type"].as_str()), (Some("in_progress"), Some("Problem")));
        let both = json!({"status": "closed", "type": "Feature request"});
        let closed = call(&app, Method::PATCH, &path, Some(&token), Some(&both)).await.expect(200);
        assert_eq!((closed["status"].as_str(), closed["type"].as_str()), (Some("closed"), Some("Feature request")));
        let (view, raw) = portal_ticket(&app, &session, number).await;
        assert_eq!(view["status"], "closed", "the customer's ticket");
        assert!(raw.contains("Feature request"), "the customer sees the type: {raw}");

        // Refusals leave the ticket as it was. A type the workspace does
        // not have is well formed: the workspace, not the request, refuses it.
        let before = written(&app).await;
        call(&app, Method::PATCH, &path, Some(&token), Some(&json!({"type": "Gossip"}))).await.expect_error(
            409,
            "conflict",
            Some("type"),
        );
        call(&app, Method::PATCH, &path, Some(&token), Some(&json!({"status": "open", "type": "Gossip"})))
            .await
            .expect_error(409, "conflict", Some("type"));
        call(&app, Method::PATCH, "/api/v1/tickets/999", Some(&token), Some(&json!({"status": "open"})))
            .await
            .expect_error(404, "not_found", None);
        assert_eq!(written(&app).await, before);
        let detail = call(&app, Method::GET, &path, Some(&token), None).await.expect(200);
        assert_eq!((detail["status"].as_str(), detail["type"].as_str()), (Some("closed"), Some("Feature request")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeated_idempotency_key_writes_one_message() {
    on_each_backend("a_repeated_idempotency_key_writes_one_message", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Export broken").await;
        let elsewhere = open_ticket(&app, &token, "bob@example.com", "Another").await;
        let before = written(&app).await;

        let post = json!({"body": "Fixed in 2.3.", "author_name": "Dana", "idempotency_key": "retry-key-0001"});
        let first = post_message(&app, &token, number, &post).await.expect(201);
        let again = post_message(&app, &token, number, &post).await.expect(200);
        assert_eq!(again, first, "the repeat answers with the first message");
        // The key names that message: other text, or another ticket, is a
        // conflict that writes nothing (never a 500).
        let changed = json!({"body": "Something else", "author_name": "Dana", "idempotency_key": "retry-key-0001"});
        let conflict = post_message(&app, &token, number, &changed).await;
        assert!(conflict.body["error"]["message"].as_str().is_some_and(|m| m.contains("idempotency key")));
        conflict.expect_error(409, "conflict", None);
        post_message(&app, &token, elsewhere, &post).await.expect_error(409, "conflict", None);
        let after = written(&app).await;
        assert_eq!((after.messages, after.events), (before.messages + 1, before.events + 1), "one row, one event");
        let keyed = app.db.scalar("SELECT COUNT(*) FROM messages WHERE body = 'Fixed in 2.3.'").await;
        assert_eq!(keyed, 1);

        let other = json!({"body": "Fixed in 2.3.", "author_name": "Dana", "idempotency_key": "retry-key-0002"});
        let second = post_message(&app, &token, number, &other).await.expect(201);
        assert_ne!(second["id"], first["id"], "another key is another message");
        // Notes are idempotent the same way.
        let note = json!({"body": "n", "author_name": "Dana", "internal": true, "idempotency_key": "note-key-0001"});
        let first_note = post_message(&app, &token, number, &note).await.expect(201);
        assert_eq!(post_message(&app, &token, number, &note).await.expect(200), first_note);
        assert_eq!(written(&app).await.messages, before.messages + 3);
    })
    .await;
}

/// A customer's reply through the portal (`/api/portal/ticket/reply`).
async fn portal_reply(app: &TestApp, session: &str, number: i64, body: &str, key: &str) -> reqwest::Response {
    app.post("/api/portal/ticket/reply", &json!({"number": number, "body": body, "key": key}), Some(session)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customers_idempotency_key_is_theirs_alone() {
    on_each_backend("a_customers_idempotency_key_is_theirs_alone", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let ann = app.sign_in("ann@example.com").await.token;
        let bob = app.sign_in("bob@example.com").await.token;
        let company = json!({"name": "Globex"});
        call(&app, Method::PUT, "/api/v1/companies/globex", Some(&token), Some(&company)).await.expect(200);
        for email in ["ann@example.com", "bob@example.com"] {
            let path = format!("/api/v1/customers/{email}/companies");
            call(&app, Method::PUT, &path, Some(&token), Some(&json!({"companies": ["globex"]}))).await.expect(200);
        }
        let new = json!({"customer": {"email": "ann@example.com"}, "title": "Shared", "company": "globex"});
        let shared = call(&app, Method::POST, "/api/v1/tickets", Some(&token), Some(&new)).await.expect(201);
        let shared = shared["number"].as_i64().unwrap();
        let own = open_ticket(&app, &token, "ann@example.com", "Ann's own").await;

        // Two members of the company (bob joins ann's ticket to reply), one
        // key, the same words: two replies, and neither learns of the other's.
        let joined = app.post("/api/portal/ticket/join", &json!({"number": shared}), Some(&bob)).await;
        assert_eq!(joined.status(), StatusCode::OK, "bob joins the company's ticket");
        let key = "shared-key-0001";
        let anns: Value = expect_ok(portal_reply(&app, &ann, shared, "Same here", key).await, "ann's reply").await;
        let bobs: Value = expect_ok(portal_reply(&app, &bob, shared, "Same here", key).await, "bob's reply").await;
        assert_ne!(anns["id"], bobs["id"], "bob's reply is written, not answered with ann's");
        assert_eq!(bobs["author_kind"], "customer");
        // The agents' side never meets them either.
        let agents = json!({"body": "Same here", "author_name": "Dana", "idempotency_key": key});
        post_message(&app, &token, shared, &agents).await.expect(201);

        // A retry answers with the customer's own message; their own key
        // reused for other words or another ticket is a clear 409.
        let retry: Value = expect_ok(portal_reply(&app, &bob, shared, "Same here", key).await, "bob's retry").await;
        assert_eq!(retry["id"], bobs["id"]);
        let messages = written(&app).await.messages;
        let reused = PortalError::KeyReused;
        expect_error(portal_reply(&app, &ann, shared, "Other words", key).await, 409, &reused, "other words").await;
        expect_error(portal_reply(&app, &ann, own, "Same here", key).await, 409, &reused, "another ticket").await;
        assert_eq!(written(&app).await.messages, messages, "a refused reuse writes nothing");
        assert!(reused.to_string().contains("already sent"), "{reused}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn another_workspaces_token_finds_nothing_here() {
    on_each_backend("another_workspaces_token_finds_nothing_here", |db| async move {
        let app = spawn_app(db).await;
        let acme_token = api_token(&app, SLUG, "acme bot").await;
        app.add_workspace("globex", "https://globex.example").await;
        let globex_token = api_token(&app, "globex", "globex bot").await;
        let number = open_ticket(&app, &acme_token, "ann@example.com", "ACME-ONLY secret ticket").await;
        post_message(&app, &acme_token, number, &json!({"body": "ACME-ONLY reply", "author_name": "Dana"}))
            .await
            .expect(201);
        let before = written(&app).await;
        let path = format!("/api/v1/tickets/{number}");

        call(&app, Method::GET, &path, Some(&globex_token), None).await.expect_error(404, "not_found", None);
        call(&app, Method::PATCH, &path, Some(&globex_token), Some(&json!({"status": "closed"})))
            .await
            .expect_error(404, "not_found", None);
        for internal in [false, true] {
            let post = json!({"body": "hijack", "author_name": "Mallory", "internal": internal, "idempotency_key": "mallory-0001"});
            post_message(&app, &globex_token, number, &post).await.expect_error(404, "not_found", None);
        }
        // The answers are those for a ticket that does not exist at all.
        let missing = call(&app, Method::GET, "/api/v1/tickets/999", Some(&acme_token), None).await;
        let foreign = call(&app, Method::GET, &path, Some(&globex_token), None).await;
        assert_eq!(foreign.body, missing.body, "another workspace's ticket looks like a missing one");
        assert_eq!(written(&app).await, before, "nothing was written");
        let list = call(&app, Method::GET, "/api/v1/tickets", Some(&globex_token), None).await.expect(200);
        assert_eq!(list, json!({"tickets": []}), "globex's list has none of acme's tickets");

        // Globex's own ticket 1 is another ticket than acme's ticket 1.
        let globex_number = open_ticket(&app, &globex_token, "ann@example.com", "GLOBEX ticket").await;
        let globex_path = format!("/api/v1/tickets/{globex_number}");
        let own = call(&app, Method::GET, &globex_path, Some(&globex_token), None).await.expect(200);
        assert_eq!(own["title"], "GLOBEX ticket");
        let acme_view = call(&app, Method::GET, &path, Some(&acme_token), None).await.expect(200);
        assert_eq!(acme_view["title"], "ACME-ONLY secret ticket");
        assert_eq!(acme_view["status"], "open");
        assert_eq!(acme_view["messages"].as_array().unwrap().len(), 1, "acme's ticket has acme's reply only");
        let acme_list = call(&app, Method::GET, "/api/v1/tickets", Some(&acme_token), None).await.expect(200);
        assert!(!acme_list.to_string().contains("GLOBEX"), "acme's list: {acme_list}");
    })
    .await;
}
