//! Slack against a fake Slack run by the test: it records the API calls
//! the portal makes and answers as Slack does (or rate-limits, or is down),
//! and the test sends the portal signed events and button clicks as Slack
//! would.

use crate::app::*;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portal::commands;
use portal_core::slack::sign_request;
use portal_store::testing::on_each_backend;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const BOT_TOKEN: &str = "xoxb-1-test-token";
pub const SIGNING_SECRET: &str = "8f742231b10e8888abcd99aaabbb85a5";
pub const CHANNEL: &str = "C0SUPPORT";
/// The Slack user linked (by email) to the agent Sam.
pub const SAM: &str = "U0SAM";

/// How the fake answers `chat.postMessage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Up = 0,
    RateLimited = 1,
    Down = 2,
}

#[derive(Clone)]
pub struct FakeSlack {
    pub url: String,
    posts: Arc<Mutex<Vec<Value>>>,
    mode: Arc<AtomicU8>,
}

type FakeState = (Arc<Mutex<Vec<Value>>>, Arc<AtomicU8>, Arc<AtomicU32>);

impl FakeSlack {
    pub async fn start() -> Self {
        let posts = Arc::new(Mutex::new(Vec::new()));
        let mode = Arc::new(AtomicU8::new(Mode::Up as u8));
        let next_ts = Arc::new(AtomicU32::new(1));
        let app = axum::Router::new()
            .route("/api/chat.postMessage", axum::routing::post(post_message))
            .route("/api/conversations.list", axum::routing::get(conversations))
            .route("/api/users.info", axum::routing::get(user_info))
            .with_state((posts.clone(), mode.clone(), next_ts));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/api", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, posts, mode }
    }

    pub fn set(&self, mode: Mode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }

    /// The messages posted, in order.
    pub fn posts(&self) -> Vec<Value> {
        self.posts.lock().unwrap().clone()
    }

    pub async fn wait_for(&self, count: usize) -> Vec<Value> {
        for _ in 0..300 {
            let posts = self.posts();
            if posts.len() >= count {
                return posts;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{count} Slack posts expected, got {:#?}", self.posts());
    }
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {BOT_TOKEN}"))
}

async fn post_message(
    State((posts, mode, next)): State<FakeState>,
    headers: HeaderMap,
    body: axum::Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return axum::Json(json!({"ok": false, "error": "invalid_auth"})).into_response();
    }
    match mode.load(Ordering::SeqCst) {
        1 => return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], "").into_response(),
        2 => return (StatusCode::BAD_GATEWAY, "down").into_response(),
        _ => {}
    }
    let ts = format!("1700000000.{:06}", next.fetch_add(1, Ordering::SeqCst));
    let mut message = body.0;
    message["ts"] = json!(ts);
    posts.lock().unwrap().push(message);
    axum::Json(json!({"ok": true, "channel": CHANNEL, "ts": ts})).into_response()
}

async fn conversations(headers: HeaderMap) -> axum::Json<Value> {
    if !authorized(&headers) {
        return axum::Json(json!({"ok": false, "error": "invalid_auth"}));
    }
    axum::Json(json!({"ok": true, "channels": [
        {"id": CHANNEL, "name": "support", "is_member": true},
        {"id": "C0RANDOM", "name": "random", "is_member": false},
    ], "response_metadata": {"next_cursor": ""}}))
}

async fn user_info(Query(query): Query<HashMap<String, String>>) -> axum::Json<Value> {
    let email = match query.get("user").map(String::as_str) {
        Some(SAM) => "sam@acme.test",
        _ => "stranger@elsewhere.test",
    };
    axum::Json(json!({"ok": true, "user": {"id": query.get("user"), "profile": {"email": email}}}))
}

/// Sends the portal a request as Slack does: signed with `secret` at `age` seconds ago.
pub async fn from_slack(
    app: &TestApp,
    path: &str,
    body: &[u8],
    content_type: &str,
    secret: &str,
    age: i64,
    retry: Option<u32>,
) -> reqwest::Response {
    let timestamp = (portal_server::now_millis() / 1000 - age).to_string();
    let mut request = app
        .client
        .post(app.url(&format!("/slack/{SLUG}/{path}")))
        .header("content-type", content_type)
        .header("x-slack-request-timestamp", &timestamp)
        .header("x-slack-signature", sign_request(secret, &timestamp, body))
        .body(body.to_vec());
    if let Some(retry) = retry {
        request = request.header("x-slack-retry-num", retry.to_string()).header("x-slack-retry-reason", "http_timeout");
    }
    request.send().await.unwrap()
}

/// A thread reply event from `user`.
pub fn thread_reply(thread_ts: &str, ts: &str, user: &str, text: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "type": "event_callback",
        "event_id": format!("Ev{}", ts.replace('.', "")),
        "event": {"type": "message", "channel": CHANNEL, "user": user, "text": text, "ts": ts, "thread_ts": thread_ts},
    }))
    .unwrap()
}

/// A portal connected to the fake Slack, posting to [`CHANNEL`], with the agent Sam.
pub async fn connected_app(db: portal_store::testing::TestDb, slack: &FakeSlack) -> TestApp {
    let url = slack.url.clone();
    let app = spawn_app_with(db, move |config| config.slack_api_url = Some(url)).await;
    app.store.connect_slack(app.workspace.id, BOT_TOKEN, SIGNING_SECRET, portal_server::now_millis()).await.unwrap();
    app.store.set_slack_channel(app.workspace.id, CHANNEL, "support").await.unwrap();
    commands::create_console_account(
        &*app.store,
        SLUG,
        "sam@acme.test",
        "Sam",
        "agent",
        Some("correct horse battery".into()),
    )
    .await
    .unwrap();
    app
}

async fn messages(app: &TestApp, number: i64) -> Vec<(String, String, bool)> {
    let agent = portal_core::AgentScope::for_integration(&portal_core::access::ActiveIntegration {
        workspace_id: app.workspace.id,
    });
    let ticket = app.store.agent_ticket(&agent, portal_core::TicketNumber(number)).await.unwrap().unwrap();
    ticket.messages.into_iter().map(|m| (m.author_name, m.body, m.internal)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_posts_to_slack_and_an_agents_thread_reply_reaches_the_customer_once() {
    on_each_backend("slack_ticket_and_thread_reply", |db| async move {
        let slack = FakeSlack::start().await;
        let app = connected_app(db, &slack).await;
        let ann = app.sign_in("ann@example.com").await.token;
        let new = json!({"title": "Printer on fire", "description": "It *smokes* <b>a lot</b>"});
        let created: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(&ann)).await, "new ticket").await;
        let number = created["number"].as_i64().unwrap();

        let root = slack.wait_for(1).await.remove(0);
        assert_eq!(root["channel"], CHANNEL);
        let blocks = root["blocks"].to_string();
        assert!(blocks.contains("Printer on fire") && blocks.contains("ann@example.com"), "{blocks}");
        assert!(blocks.contains(&format!("/console/tickets/{number}")), "links to the console: {blocks}");
        assert!(blocks.contains("&lt;b&gt;"), "the customer's text is escaped for Slack: {blocks}");
        assert!(blocks.contains(r#""action_id":"close""#) && blocks.contains(r#""action_id":"assign_me""#));
        let thread = root["ts"].as_str().unwrap().to_string();

        let reply = json!({"number": number, "body": "Any news?", "key": "ann-asks-1"});
        let _: Value = expect_ok(app.post("/api/portal/ticket/reply", &reply, Some(&ann)).await, "reply").await;
        let posted = slack.wait_for(2).await;
        assert_eq!((posted[1]["thread_ts"].as_str(), posted[1]["channel"].as_str()), (Some(thread.as_str()), Some(CHANNEL)));
        assert!(posted[1]["text"].as_str().unwrap().contains("Any news?"));

        // Sam answers in the thread; Slack sends the event twice (a retry).
        let event = thread_reply(&thread, "1700000100.000200", SAM, "On it: see <https://status.example.com|the status page>");
        for retry in [None, Some(1)] {
            let answer = from_slack(&app, "events", &event, "application/json", SIGNING_SECRET, 0, retry).await;
            assert_eq!(answer.status(), 200);
        }
        let written = messages(&app, number).await;
        let sams: Vec<_> = written.iter().filter(|(author, _, _)| author == "Sam").collect();
        assert_eq!(sams.len(), 1, "a retry writes once: {written:?}");
        assert_eq!(sams[0].1, "On it: see [the status page](https://status.example.com)");
        assert!(!sams[0].2, "public");
        let seen: Value = expect_ok(app.post("/api/portal/ticket", &json!({"number": number}), Some(&ann)).await, "ticket").await;
        assert!(seen.to_string().contains("the status page"), "the customer sees it: {seen}");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM outbox").await, 1, "and is mailed it");

        // A note stays internal; strangers, bad signatures and replays write nothing.
        let note = thread_reply(&thread, "1700000101.000300", SAM, "!note CANARY-NOTE ledger says paid");
        assert_eq!(from_slack(&app, "events", &note, "application/json", SIGNING_SECRET, 0, None).await.status(), 200);
        let stranger = thread_reply(&thread, "1700000102.000400", "U0STRANGER", "I am not an agent");
        assert_eq!(from_slack(&app, "events", &stranger, "application/json", SIGNING_SECRET, 0, None).await.status(), 200);
        let forged = thread_reply(&thread, "1700000103.000500", SAM, "forged");
        assert_eq!(from_slack(&app, "events", &forged, "application/json", "0000000000000000000000000000000a", 0, None).await.status(), 401);
        let replayed = thread_reply(&thread, "1700000104.000600", SAM, "replayed");
        assert_eq!(from_slack(&app, "events", &replayed, "application/json", SIGNING_SECRET, 600, None).await.status(), 401);
        let unsigned = app.client.post(app.url(&format!("/slack/{SLUG}/events"))).body(forged.clone()).send().await.unwrap();
        assert_eq!(unsigned.status(), 401);
        let written = messages(&app, number).await;
        assert!(written.iter().any(|(_, body, internal)| body == "CANARY-NOTE ledger says paid" && *internal), "{written:?}");
        assert!(!written.iter().any(|(_, body, _)| body.contains("not an agent") || body == "forged" || body == "replayed"));
        let seen: Value = expect_ok(app.post("/api/portal/ticket", &json!({"number": number}), Some(&ann)).await, "ticket").await;
        assert!(!seen.to_string().contains("CANARY-NOTE"), "the customer never sees the note");

        // Signed but malformed: refused, nothing written.
        let garbage = b"{not json";
        assert_eq!(from_slack(&app, "events", garbage, "application/json", SIGNING_SECRET, 0, None).await.status(), 400);
        let no_payload = b"payload=%7Bbroken";
        let answer = from_slack(&app, "interactions", no_payload, "application/x-www-form-urlencoded", SIGNING_SECRET, 0, None).await;
        assert_eq!(answer.status(), 400);
        let wrong_ticket = json!({"type": "block_actions", "user": {"id": SAM}, "actions": [{"action_id": "close", "value": "999999"}]});
        let form = form_urlencoded::Serializer::new(String::new()).append_pair("payload", &wrong_ticket.to_string()).finish();
        let answer = from_slack(&app, "interactions", form.as_bytes(), "application/x-www-form-urlencoded", SIGNING_SECRET, 0, None).await;
        assert_eq!(answer.status(), 200, "Slack is answered; nothing changes");
        let unknown = app.client.post(app.url("/slack/nowhere/events")).body(garbage.to_vec()).send().await.unwrap();
        assert_eq!(unknown.status(), 404);
        assert_eq!(messages(&app, number).await.len(), written.len(), "nothing was written");

        // Slack's URL check, and the Close button.
        let challenge = serde_json::to_vec(&json!({"type": "url_verification", "challenge": "c-123"})).unwrap();
        let answer = from_slack(&app, "events", &challenge, "application/json", SIGNING_SECRET, 0, None).await;
        assert_eq!(answer.text().await.unwrap(), "c-123");
        let click = |action: &str| {
            let click = json!({"type": "block_actions", "user": {"id": SAM}, "actions": [{"action_id": action, "value": number.to_string()}]});
            form_urlencoded::Serializer::new(String::new()).append_pair("payload", &click.to_string()).finish()
        };
        let form = click("assign_me");
        let answer = from_slack(&app, "interactions", form.as_bytes(), "application/x-www-form-urlencoded", SIGNING_SECRET, 0, None).await;
        assert_eq!(answer.status(), 200);
        let scope = portal_core::AgentScope::for_integration(&portal_core::access::ActiveIntegration { workspace_id: app.workspace.id });
        let sam = app.store.agents(app.workspace.id).await.unwrap().into_iter().find(|a| a.name == "Sam").unwrap().id;
        let assigned = app.store.ticket_assignee(&scope, portal_core::TicketNumber(number)).await.unwrap();
        assert_eq!(assigned, Some(sam), "Assign to me");
        let form = click("close");
        let answer = from_slack(&app, "interactions", form.as_bytes(), "application/x-www-form-urlencoded", SIGNING_SECRET, 0, None).await;
        assert_eq!(answer.status(), 200);
        let posted = slack.wait_for(3).await;
        assert!(posted[2]["text"].as_str().unwrap().contains("Closed"), "{posted:#?}");
        assert_eq!(posted[2]["thread_ts"].as_str(), Some(thread.as_str()));
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(slack.posts().len(), 3, "Sam's own reply and note are not echoed into Slack");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn slack_rate_limiting_or_down_delays_posts_in_order_and_loses_none() {
    on_each_backend("slack_down_then_up", |db| async move {
        let slack = FakeSlack::start().await;
        slack.set(Mode::RateLimited);
        let app = connected_app(db, &slack).await;
        let ann = app.sign_in("ann@example.com").await.token;
        let new = json!({"title": "Order matters", "description": ""});
        let created: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(&ann)).await, "new ticket").await;
        let number = created["number"].as_i64().unwrap();
        for (i, text) in ["first", "second"].iter().enumerate() {
            let reply = json!({"number": number, "body": text, "key": format!("ann-reply-{i}")});
            let _: Value = expect_ok(app.post("/api/portal/ticket/reply", &reply, Some(&ann)).await, "reply").await;
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
        slack.set(Mode::Down);
        tokio::time::sleep(Duration::from_secs(2)).await;
        assert!(slack.posts().is_empty(), "nothing got through");
        slack.set(Mode::Up);
        let posted = slack.wait_for(3).await;
        let texts: Vec<String> = posted.iter().map(|p| p["text"].as_str().unwrap_or_default().to_string()).collect();
        assert!(texts[0].contains("Order matters"), "{texts:?}");
        assert!(texts[1].contains("first") && texts[2].contains("second"), "{texts:?}");
        let thread = posted[0]["ts"].as_str().unwrap();
        assert!(posted[1..].iter().all(|p| p["thread_ts"] == thread), "in the ticket's thread");
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(slack.posts().len(), 3, "each once");
    })
    .await;
}

/// An admin connects Slack in the console, picks one of the bot's
/// channels, sends a test message; bad input changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn admins_connect_slack_and_choose_a_channel_in_the_console() {
    use crate::console::{account, console};
    on_each_backend("slack_in_the_console", |db| async move {
        let slack = FakeSlack::start().await;
        let url = slack.url.clone();
        let app = spawn_app_with(db, move |config| config.slack_api_url = Some(url)).await;
        account(&app, SLUG, "admin@acme.test", "admin").await;
        let admin = console(&app, SLUG, "admin@acme.test").await;
        let path = "/console/integrations/slack";
        admin
            .refused(
                path,
                &[("action", "connect"), ("bot_token", "xoxp-user"), ("signing_secret", SIGNING_SECRET)],
                "xoxb-",
            )
            .await;
        admin
            .refused(path, &[("action", "connect"), ("bot_token", BOT_TOKEN), ("signing_secret", "short")], "32")
            .await;
        admin.refused(path, &[("action", "test")], "not connected").await;
        assert!(app.store.slack_connection(app.workspace.id).await.unwrap().is_none(), "nothing was written");

        let connected = admin
            .post(path, &[("action", "connect"), ("bot_token", BOT_TOKEN), ("signing_secret", SIGNING_SECRET)])
            .await;
        let page = connected.text().await.unwrap();
        assert!(page.contains("#support") && !page.contains("#random"), "the bot's channels only: {page}");
        assert!(page.contains(&format!("/slack/{SLUG}/events")), "the address to give Slack");
        assert!(!page.contains(BOT_TOKEN) && !page.contains(SIGNING_SECRET), "secrets are not shown again");

        admin.refused(path, &[("action", "save"), ("channel", "C0RANDOM"), ("note_prefix", "!note")], "channels").await;
        admin.refused(path, &[("action", "save"), ("channel", CHANNEL), ("note_prefix", "two words")], "prefix").await;
        let saved = admin.post(path, &[("action", "save"), ("channel", CHANNEL), ("note_prefix", "//")]).await;
        assert_eq!(saved.status(), 200);
        let connection = app.store.slack_connection(app.workspace.id).await.unwrap().unwrap();
        assert_eq!(
            (connection.channel_id.as_str(), connection.channel_name.as_str(), connection.note_prefix.as_str()),
            (CHANNEL, "support", "//")
        );
        let tested = admin.post(path, &[("action", "test")]).await;
        assert_eq!(tested.status(), 200);
        assert_eq!(slack.wait_for(1).await[0]["channel"], CHANNEL);

        // An agent links their Slack member ID on their own page.
        admin.refused("/console/slack-member", &[("member", "not an id")], "member ID").await;
        assert_eq!(admin.post("/console/slack-member", &[("member", "U0DANA")]).await.status(), 200);
        assert!(app.store.slack_agent(app.workspace.id, "U0DANA").await.unwrap().is_some());

        let gone = admin.post(path, &[("action", "disconnect")]).await;
        assert_eq!(gone.status(), 200);
        assert!(app.store.slack_connection(app.workspace.id).await.unwrap().is_none());
    })
    .await;
}
