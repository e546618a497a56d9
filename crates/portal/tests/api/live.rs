//! `GET /api/portal/live`: the frame's WebSocket of live events, driven by
//! a real WebSocket client. Events come from writes through the store (as
//! the agent API makes them) and through the customer's own server calls.

use crate::app::*;
use futures_util::{SinkExt, StreamExt};
use portal_core::access::AgentScope;
use portal_core::{CustomerScope, IdempotencyKey, MessageBody, SessionToken, TicketNumber, TicketSummary};
use portal_server::live::close;
use portal_server::{Portal, now_millis};
use portal_store::{AgentPost, Backend, Store};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Longest wait for something that should arrive.
const ARRIVES_WITHIN: Duration = Duration::from_secs(10);
/// How long "nothing arrives" is watched for.
const QUIET_FOR: Duration = Duration::from_millis(400);

/// What a live socket delivered.
#[derive(Debug)]
enum Received {
    Event(Value),
    Closed(u16, String),
}

struct LiveClient {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl LiveClient {
    /// Connects to `base` (`http://host:port`) without saying anything yet.
    async fn connect(base: &str) -> Self {
        let url = format!("{}/api/portal/live", base.replacen("http://", "ws://", 1));
        let (ws, response) =
            tokio_tungstenite::connect_async(url.as_str()).await.unwrap_or_else(|e| panic!("connect to {url}: {e}"));
        assert_eq!(response.status().as_u16(), 101, "the upgrade is accepted");
        Self { ws }
    }

    /// Connects with a standalone session's `cookie`, as a page at `origin` does.
    async fn connect_with_cookie(base: &str, cookie: &str, origin: &str) -> Self {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let url = format!("{}/api/portal/live", base.replacen("http://", "ws://", 1));
        let mut request = url.as_str().into_client_request().expect("a socket request");
        request.headers_mut().insert("cookie", cookie.parse().expect("a cookie header"));
        request.headers_mut().insert("origin", origin.parse().expect("an origin header"));
        let (ws, _) =
            tokio_tungstenite::connect_async(request).await.unwrap_or_else(|e| panic!("connect to {url}: {e}"));
        Self { ws }
    }

    /// Connects and sends the hello.
    async fn open(base: &str, token: &str, after: i64) -> Self {
        let mut client = Self::connect(base).await;
        client.send_text(&json!({ "token": token, "after": after }).to_string()).await;
        client
    }

    async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.expect("send to the live socket");
    }

    /// The next event or close within `within`; `None` if nothing came.
    async fn next(&mut self, within: Duration) -> Option<Received> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let message = match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => return None,
                Ok(None) => return Some(Received::Closed(1006, "closed without a close frame".into())),
                Ok(Some(Err(e))) => return Some(Received::Closed(1006, format!("connection broke: {e}"))),
                Ok(Some(Ok(message))) => message,
            };
            match message {
                Message::Text(text) => {
                    let event = serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("an event is JSON, got {text:?}: {e}"));
                    return Some(Received::Event(event));
                }
                Message::Close(frame) => {
                    let (code, reason) =
                        frame.map_or((1005, String::new()), |f| (u16::from(f.code), f.reason.to_string()));
                    return Some(Received::Closed(code, reason));
                }
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => continue,
                Message::Binary(bytes) => panic!("the server sends text only, got {} bytes", bytes.len()),
            }
        }
    }

    async fn event(&mut self, what: &str) -> Value {
        match self.next(ARRIVES_WITHIN).await {
            Some(Received::Event(event)) => event,
            other => panic!("{what}: expected an event, got {other:?}"),
        }
    }

    async fn closed(&mut self, within: Duration, what: &str) -> (u16, String) {
        match self.next(within).await {
            Some(Received::Closed(code, reason)) => (code, reason),
            other => panic!("{what}: expected a close frame, got {other:?}"),
        }
    }

    async fn quiet(&mut self, what: &str) {
        if let Some(received) = self.next(QUIET_FOR).await {
            panic!("{what}: expected nothing, got {received:?}");
        }
    }
}

fn id(event: &Value) -> i64 {
    event["id"].as_i64().unwrap_or_else(|| panic!("an event has an integer id: {event}"))
}

/// Everything a test needs to write as the customer and as an agent.
struct Fixture {
    token: String,
    scope: CustomerScope,
    agent: AgentScope,
}

async fn fixture(app: &TestApp, email: &str) -> Fixture {
    let token = app.sign_in(email).await.token;
    Fixture { scope: scope_of(&*app.store, &token).await, agent: agent(&*app.store, app.workspace.id).await, token }
}

/// The scope of a live session, as the server makes it.
async fn scope_of(store: &dyn Store, token: &str) -> CustomerScope {
    let hash = SessionToken::parse(token).expect("a well-formed token").hash();
    let session = store.active_session(&hash, now_millis()).await.expect("look up").expect("a live session");
    CustomerScope::for_session(&session).expect("in the audience")
}

/// An agent of `workspace`, the one way there is: an API token, looked up.
async fn agent(store: &dyn Store, workspace: portal_core::WorkspaceId) -> AgentScope {
    let hash = hex::decode(random_token()).expect("hex");
    store
        .create_api_token(workspace, &portal_core::TokenName::parse("live test agent").unwrap(), &hash, now_millis())
        .await
        .expect("create an API token");
    let token = store.active_api_token(&hash).await.expect("look up").expect("the token just made is live");
    AgentScope::for_api_token(&token)
}

fn post(text: &str, internal: bool) -> AgentPost {
    AgentPost {
        body: MessageBody::parse(text).expect("a valid body"),
        internal,
        author_name: "Agent Smith".into(),
        key: None,
    }
}

async fn agent_says(store: &dyn Store, agent: &AgentScope, number: TicketNumber, text: &str, internal: bool) {
    store.agent_post_message(agent, number, &post(text, internal), now_millis()).await.expect("an agent's message");
}

/// Opens a ticket as the bearer, through the portal.
async fn new_ticket(app: &TestApp, token: &str, title: &str) -> TicketNumber {
    let body = json!({ "title": title, "description": "", "ticket_type": null });
    let created: TicketSummary =
        expect_ok(app.post("/api/portal/ticket/new", &body, Some(token)).await, "new ticket").await;
    created.number
}

/// Replies as the bearer, through the portal.
async fn customer_says(app: &TestApp, token: &str, number: TicketNumber, text: &str) {
    let key = hex::encode(rand::random::<[u8; 12]>());
    let body = json!({ "number": number, "body": text, "key": key });
    let response = app.post("/api/portal/ticket/reply", &body, Some(token)).await;
    let _: Value = expect_ok(response, "a customer reply").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn public_replies_arrive_live_and_internal_notes_never_do() {
    on_each_backend("public_replies_arrive_live_and_internal_notes_never_do", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Where is my invoice?").await;

        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        let created = live.event("the ticket's creation, sent as history").await;
        assert_eq!(created["kind"], "ticket.created");
        assert_eq!(created["ticket_number"], number.0);
        assert_eq!(created["status"], "open");
        assert!(created.get("message").is_none(), "no message on a ticket.created event: {created}");

        agent_says(&*app.store, &ann.agent, number, "It is **on its way**.", false).await;
        let reply = live.event("the agent's public reply").await;
        assert_eq!(reply["kind"], "message.created");
        assert_eq!(reply["ticket_number"], number.0);
        assert!(id(&reply) > id(&created), "ids grow");
        let message = &reply["message"];
        assert_eq!(message["author_kind"], "agent");
        assert_eq!(message["author_name"], "Agent Smith");
        assert!(
            message["body_html"].as_str().is_some_and(|h| h.contains("<strong>on its way</strong>")),
            "the body arrives rendered: {message}"
        );
        assert!(message.get("body").is_none(), "the Markdown source is not sent: {message}");
        // The conversation's own markup of it, which the frame adds to the open ticket.
        let html = reply["message_html"].as_str().unwrap_or_else(|| panic!("the message's markup: {reply}"));
        assert!(html.starts_with("<li ") && html.ends_with("</li>"), "one list item: {html}");
        assert!(html.contains(&format!(r#"data-message-id="{}""#, message["id"])), "{html}");
        assert!(html.contains("<strong>on its way</strong>") && html.contains("Agent Smith"), "{html}");
        assert!(created.get("message_html").is_none(), "no markup without a message: {created}");

        agent_says(&*app.store, &ann.agent, number, "Customer seems annoyed; refund?", true).await;
        live.quiet("after an internal note").await;
        // Had the note produced anything, it would come before this.
        customer_says(&app, &ann.token, number, "Thanks!").await;
        let own = live.event("the customer's own reply").await;
        assert_eq!(
            (own["kind"].as_str(), own["message"]["author_kind"].as_str()),
            (Some("message.created"), Some("customer"))
        );
        assert!(!own.to_string().contains("refund"), "nothing of the note: {own}");
        assert!(own["message_html"].as_str().is_some_and(|h| h.contains("Thanks!")), "{own}");

        app.store
            .agent_update_ticket(&ann.agent, number, Some(portal_core::TicketStatus::Closed), None, None, now_millis())
            .await
            .expect("close the ticket");
        let status = live.event("the status change").await;
        assert_eq!((status["kind"].as_str(), status["status"].as_str()), (Some("ticket.status"), Some("closed")));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn messages_come_marked_up_in_the_pages_language() {
    on_each_backend("messages_come_marked_up_in_the_pages_language", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Sprache").await;
        let hello = |lang: &str| json!({ "token": ann.token, "after": 0, "lang": lang }).to_string();
        let mut german = LiveClient::connect(&app.base).await;
        german.send_text(&hello("de")).await;
        let mut unknown = LiveClient::connect(&app.base).await;
        unknown.send_text(&hello("tlh")).await;
        let mut unsaid = LiveClient::open(&app.base, &ann.token, 0).await;
        customer_says(&app, &ann.token, number, "Hallo").await;

        let label = |event: &Value| {
            let html = event["message_html"].as_str().unwrap_or_else(|| panic!("markup: {event}")).to_string();
            let kind = r#"class="kind kind-customer">"#;
            let at = html.find(kind).unwrap_or_else(|| panic!("the author's kind in {html}")) + kind.len();
            html[at..].split('<').next().unwrap_or_default().to_string()
        };
        for (what, live, expected) in [
            ("de", &mut german, "Kunde"),
            ("an unknown language", &mut unknown, "Customer"),
            ("none", &mut unsaid, "Customer"),
        ] {
            live.event("the ticket's creation").await;
            let reply = live.event("the reply").await;
            assert_eq!(label(&reply), expected, "lang {what}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_follows_the_ticket_live_from_being_added() {
    on_each_backend("a_participant_follows_the_ticket_live_from_being_added", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let bob = app.sign_in("bob@example.com").await;
        let number = new_ticket(&app, &ann.token, "Shared printer").await;
        let mut live = LiveClient::open(&app.base, &bob.token, bob.live_after).await;
        agent_says(&*app.store, &ann.agent, number, "Before bob", false).await;
        live.quiet("a ticket bob takes no part in").await;

        let bob_email = portal_core::Email::parse("bob@example.com").unwrap();
        app.store.add_participant(&ann.agent, number, &bob_email, now_millis()).await.expect("add bob");
        // The ticket's events are his to read now, those before him too
        // (his frame refetches its page), ending with his being added.
        let mut kinds = Vec::new();
        while kinds.last().map(String::as_str) != Some("ticket.participants") {
            let event = live.event("bob added").await;
            assert_eq!(event["ticket_number"], number.0);
            kinds.push(event["kind"].as_str().unwrap().to_string());
        }
        assert_eq!(kinds, ["ticket.created", "message.created", "ticket.participants"]);
        customer_says(&app, &ann.token, number, "Welcome, Bob").await;
        let reply = live.event("ann's reply").await;
        assert_eq!(reply["message"]["author_name"], "Test Customer");
        agent_says(&*app.store, &ann.agent, number, "Note: bob is the buyer", true).await;
        live.quiet("an internal note").await;

        app.store.remove_participant(&ann.agent, number, &bob_email, now_millis()).await.expect("remove bob");
        agent_says(&*app.store, &ann.agent, number, "After bob", false).await;
        live.quiet("a ticket bob no longer takes part in").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn reconnecting_after_the_last_id_resumes_without_duplicates_or_gaps() {
    on_each_backend("reconnecting_after_the_last_id_resumes_without_duplicates_or_gaps", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Resume").await;
        let mut seen = Vec::new();

        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        seen.push(id(&live.event("history").await));
        for i in 0..3 {
            agent_says(&*app.store, &ann.agent, number, &format!("before the drop {i}"), false).await;
            seen.push(id(&live.event("a reply while connected").await));
        }
        drop(live);

        // Written while nobody listens: more than one server batch, mixed with notes.
        for i in 0..120 {
            agent_says(&*app.store, &ann.agent, number, &format!("while away {i}"), i % 10 == 0).await;
        }
        let mut live = LiveClient::open(&app.base, &ann.token, *seen.last().unwrap()).await;
        for _ in 0..108 {
            seen.push(id(&live.event("catching up").await));
        }
        live.quiet("caught up").await;
        agent_says(&*app.store, &ann.agent, number, "after the reconnect", false).await;
        seen.push(id(&live.event("a reply after the reconnect").await));

        let all: Vec<i64> =
            app.store.events_since(&ann.scope, 0, 500).await.expect("events").iter().map(|e| e.id).collect();
        assert_eq!(seen, all, "every event exactly once, in order");

        // Resuming from the middle gives exactly the rest.
        let mut live = LiveClient::open(&app.base, &ann.token, all[50]).await;
        for expected in &all[51..] {
            assert_eq!(id(&live.event("resuming from the middle").await), *expected);
        }
        live.quiet("resumed to the end").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_session_goes_live_after_what_its_pages_already_show() {
    on_each_backend("a_new_session_goes_live_after_what_its_pages_already_show", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "History").await;
        agent_says(&*app.store, &ann.agent, number, "old news", false).await;

        let grant = app.sign_in("ann@example.com").await;
        let history = app.store.events_since(&ann.scope, 0, 500).await.expect("events");
        assert_eq!(grant.live_after, history.last().expect("two events").id, "the newest event at sign-in");
        let mut live = LiveClient::open(&app.base, &grant.token, grant.live_after).await;
        live.quiet("no history replayed to a new session").await;
        agent_says(&*app.store, &ann.agent, number, "fresh news", false).await;
        let fresh = live.event("what follows the sign-in").await;
        assert!(id(&fresh) > grant.live_after);
        assert!(fresh["message"]["body_html"].as_str().is_some_and(|h| h.contains("fresh news")), "{fresh}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ended_session_is_closed() {
    on_each_backend("an_ended_session_is_closed", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        new_ticket(&app, &ann.token, "Sign out").await;
        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        live.event("history").await;

        let started = Instant::now();
        assert_eq!(app.close_session(&ann.token).await.status().as_u16(), 200, "session/close");
        let (code, reason) = live.closed(Duration::from_secs(5), "after session/close").await;
        assert_eq!((code, reason.as_str()), (close::SESSION_ENDED, "session ended"));
        eprintln!("[live] revoked session closed after {:?}", started.elapsed());
        // A revoked token cannot open another socket.
        let mut again = LiveClient::open(&app.base, &ann.token, 0).await;
        assert_eq!(again.closed(ARRIVES_WITHIN, "reconnecting revoked").await.0, close::SESSION_ENDED);

        // Expiry wrote no event and woke nobody: the next wake-up re-checks
        // the session before anything is sent.
        let bob = fixture(&app, "bob@example.com").await;
        let bobs = new_ticket(&app, &bob.token, "Expiring").await;
        let mut live = LiveClient::open(&app.base, &bob.token, 0).await;
        live.event("history").await;
        app.db.execute(&format!("UPDATE sessions SET expires_at = {}", now_millis() - 1)).await;
        agent_says(&*app.store, &bob.agent, bobs, "too late to see this", false).await;
        assert_eq!(live.closed(ARRIVES_WITHIN, "after expiry").await.0, close::SESSION_ENDED);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn anything_but_a_hello_is_refused() {
    on_each_backend("anything_but_a_hello_is_refused", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        // Silence, watched while the other cases run.
        let base = app.base.clone();
        let silent = tokio::spawn(async move {
            let mut live = LiveClient::connect(&base).await;
            let started = Instant::now();
            let closed = live.closed(Duration::from_secs(15), "saying nothing").await;
            (closed, started.elapsed())
        });

        let token = ann.token.as_str();
        let refused = [
            ("not JSON", "hello".to_string()),
            ("no after", json!({ "token": token }).to_string()),
            ("a negative after", json!({ "token": token, "after": -1 }).to_string()),
            ("a fractional after", json!({ "token": token, "after": 1.5 }).to_string()),
            ("an extra field", json!({ "token": token, "after": 0, "admin": true }).to_string()),
            ("an array", json!([token, 0]).to_string()),
        ];
        for (what, text) in refused {
            let mut live = LiveClient::connect(&app.base).await;
            live.send_text(&text).await;
            assert_eq!(live.closed(ARRIVES_WITHIN, what).await.0, close::BAD_HELLO, "{what}");
        }
        let mut live = LiveClient::connect(&app.base).await;
        live.ws.send(Message::binary(token.as_bytes().to_vec())).await.expect("send binary");
        assert_eq!(live.closed(ARRIVES_WITHIN, "a binary hello").await.0, close::BAD_HELLO);

        for (what, bad) in [
            ("an unknown token", random_token()),
            ("a malformed token", "not-a-token".to_string()),
            ("an upper-case token", ann.token.to_uppercase()),
        ] {
            let mut live = LiveClient::open(&app.base, &bad, 0).await;
            assert_eq!(live.closed(ARRIVES_WITHIN, what).await.0, close::SESSION_ENDED, "{what}");
        }
        // No token: the standalone portal's hello, whose session is the
        // socket's cookie; this socket has none.
        let mut live = LiveClient::connect(&app.base).await;
        live.send_text(&json!({ "after": 0 }).to_string()).await;
        assert_eq!(live.closed(ARRIVES_WITHIN, "no token, no cookie").await.0, close::SESSION_ENDED);

        let ((code, _), waited) = silent.await.expect("the silent client");
        assert_eq!(code, close::BAD_HELLO, "silence is refused");
        assert!(waited >= Duration::from_secs(9), "silence is allowed 10 s, refused after {waited:?}");

        // The real token still works.
        let mut live = LiveClient::open(&app.base, token, 0).await;
        live.quiet("a good hello with no events yet").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn other_customers_events_never_arrive() {
    on_each_backend("other_customers_events_never_arrive", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let bob = fixture(&app, "bob@example.com").await;
        let anns = new_ticket(&app, &ann.token, "Ann's").await;
        let bobs = new_ticket(&app, &bob.token, "Bob's").await;
        // Ann at another workspace, same email: another customer.
        let (globex, globex_secret) = app.add_workspace("globex", ORIGIN).await;
        let hash = sign_email(globex_secret.as_bytes(), "ann@example.com");
        let ann_at_globex = app.sign_in_with("globex", ORIGIN, "ann@example.com", &hash).await.token;
        let globex_anns = new_ticket(&app, &ann_at_globex, "Globex").await;
        let globex_agent = agent(&*app.store, globex.id).await;

        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        let history = live.event("ann's history").await;
        assert_eq!(history["ticket_number"], anns.0);

        agent_says(&*app.store, &bob.agent, bobs, "for bob", false).await;
        customer_says(&app, &bob.token, bobs, "bob again").await;
        agent_says(&*app.store, &globex_agent, globex_anns, "for ann at globex", false).await;
        new_ticket(&app, &bob.token, "Bob's second").await;
        live.quiet("others' events").await;
        agent_says(&*app.store, &ann.agent, anns, "for ann", false).await;
        let mine = live.event("ann's own").await;
        assert_eq!(
            (mine["ticket_number"].as_i64(), mine["message"]["body_html"].as_str()),
            (Some(anns.0), Some("<p>for ann</p>\n"))
        );
        live.quiet("nothing else").await;
    })
    .await;
}

/// A second portal process, as far as the database can tell: its own store
/// (pool, bus, listener) and server over the same database.
struct SecondNode {
    base: String,
    store: Arc<dyn Store>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
    _site_root: tempfile::TempDir,
}

impl Drop for SecondNode {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn second_node(url: &str, keys: portal_store::KeyRing) -> SecondNode {
    let store = portal_store::connect(url, keys).await.expect("a second store on the same database");
    let site_root = tempfile::tempdir().expect("temporary site root");
    let config = test_config(&site_root);
    let portal = Portal::bind(&config, store.clone()).await.expect("bind the second portal");
    let base = format!("http://{}", portal.addr);
    let server = tokio::spawn(portal.serve(std::future::pending()));
    SecondNode { base, store, server, _site_root: site_root }
}

#[tokio::test(flavor = "multi_thread")]
async fn events_written_on_one_node_reach_clients_of_another() {
    on_each_backend("events_written_on_one_node_reach_clients_of_another", |db| async move {
        if db.backend != Backend::Postgres {
            // One SQLite file has one portal process.
            return;
        }
        let (url, keys) = (db.url.clone(), db.keys());
        let app = spawn_app(db).await;
        let node_b = second_node(&url, keys).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Two nodes").await;

        let mut live = LiveClient::open(&node_b.base, &ann.token, 0).await;
        live.event("history, read on node B").await;
        agent_says(&*app.store, &ann.agent, number, "written through node A", false).await;
        let event = live.event("node A's reply on node B").await;
        assert_eq!(event["message"]["body_html"], "<p>written through node A</p>\n");
        agent_says(&*app.store, &ann.agent, number, "a note on node A", true).await;
        live.quiet("node A's internal note").await;
        // And the other way round, from B's store to a client of A.
        let mut on_a = LiveClient::open(&app.base, &ann.token, id(&event)).await;
        agent_says(&*node_b.store, &ann.agent, number, "written through node B", false).await;
        assert_eq!(
            on_a.event("node B's reply on node A").await["message"]["body_html"],
            "<p>written through node B</p>\n"
        );
        live.event("node B's reply on node B").await;
        drop(on_a);

        // B's listener connection dies: B reconnects it and its clients
        // catch up on what was written meanwhile.
        let killed = app
            .db
            .scalar(
                "SELECT COUNT(*) FROM pg_stat_activity \
                 WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pg_terminate_backend(pid)",
            )
            .await;
        assert!(killed >= 1, "B's listener connection was found and ended");
        agent_says(&*app.store, &ann.agent, number, "while B's listener was down", false).await;
        let caught_up = live.event("a reply written while B's listener was down").await;
        assert_eq!(caught_up["message"]["body_html"], "<p>while B's listener was down</p>\n");
        agent_says(&*app.store, &ann.agent, number, "after B's listener is back", false).await;
        live.event("a reply after B's listener is back").await;
        live.quiet("nothing twice").await;
    })
    .await;
}

/// The session's customer-side writes and an idempotent retry: a repeated
/// key writes nothing, so it sends nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_repeated_reply_sends_nothing_new() {
    on_each_backend("a_repeated_reply_sends_nothing_new", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Retry").await;
        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        live.event("history").await;
        let key = IdempotencyKey::parse("retry-key-0001").expect("a key");
        let body = MessageBody::parse("once").expect("a body");
        for _ in 0..2 {
            app.store
                .customer_reply(
                    &ann.scope,
                    number,
                    &portal_store::CustomerReply { body: &body, key: &key, attachments: &[] },
                    now_millis(),
                )
                .await
                .expect("reply");
        }
        live.event("the reply").await;
        live.quiet("the retry").await;
    })
    .await;
}

/// Everything a session does, each refused as by an ended session: the
/// page, the list, a reply, an upload and a new live socket.
async fn all_refused(app: &TestApp, token: &str, number: TicketNumber, what: &str) {
    let ended = portal_app::PortalError::SessionEnded;
    let page = app.post("/api/portal/page", &json!({ "path": "" }), Some(token)).await;
    expect_error(page, 401, &ended, &format!("{what}: the page")).await;
    expect_error(app.tickets(Some(token)).await, 401, &ended, &format!("{what}: the list")).await;
    let reply = json!({ "number": number, "body": "still there?", "key": hex::encode(rand::random::<[u8; 12]>()) });
    let reply = app.post("/api/portal/ticket/reply", &reply, Some(token)).await;
    expect_error(reply, 401, &ended, &format!("{what}: a reply")).await;
    let upload = crate::attachments::upload(app, Some(token), "shot.png", crate::attachments::PNG).await;
    expect_error(upload, 401, &ended, &format!("{what}: an upload")).await;
    let mut live = LiveClient::open(&app.base, token, 0).await;
    assert_eq!(live.closed(ARRIVES_WITHIN, what).await.0, close::SESSION_ENDED, "{what}: a new live socket");
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_the_portal_off_ends_its_sessions_and_closes_their_sockets() {
    on_each_backend("switching_the_portal_off_ends_its_sessions_and_closes_their_sockets", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Before the switch").await;
        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        live.event("history").await;

        app.store.set_portal_enabled(app.workspace.id, false).await.expect("switch the portal off");
        let (code, reason) = live.closed(ARRIVES_WITHIN, "after the portal was switched off").await;
        assert_eq!((code, reason.as_str()), (close::SESSION_ENDED, "session ended"));
        all_refused(&app, &ann.token, number, "a switched-off portal").await;
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM messages").await, 0, "no reply was written");

        app.store.set_portal_enabled(app.workspace.id, true).await.expect("switch the portal on");
        let grant = app.sign_in("ann@example.com").await;
        assert_eq!(app.ticket_titles(&grant.token).await, ["Before the switch"]);
        let mut live = LiveClient::open(&app.base, &grant.token, grant.live_after).await;
        agent_says(&*app.store, &ann.agent, number, "back on", false).await;
        live.event("a reply once switched on again").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_company_attribute_change_that_leaves_the_audience_closes_the_socket_at_once() {
    use portal_core::CompanyKey;
    use portal_core::audience::PortalAudience;
    use portal_core::visibility::Condition;
    use std::collections::BTreeMap;
    on_each_backend("a_company_attribute_change_that_leaves_the_audience_closes_the_socket_at_once", |db| async move {
        let app = spawn_app(db).await;
        let (store, ws) = (&*app.store, app.workspace.id);
        let globex = CompanyKey::parse("globex").unwrap();
        let gold = BTreeMap::from([("tier".to_string(), "gold".to_string())]);
        store.put_company(ws, &globex, "Globex", Some(&gold), now_millis()).await.unwrap();
        let ann = fixture(&app, "ann@globex.example").await;
        store.set_customer_companies(ws, ann.scope.customer_id(), std::slice::from_ref(&globex)).await.unwrap();
        let audience = PortalAudience::new(Condition::parse_lines("company.attributes.tier equals gold").unwrap());
        store.set_portal_audience(ws, &audience.unwrap()).await.unwrap();
        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        live.quiet("a member of a gold company stays").await;

        // Sooner than the periodic check: the change wakes her socket.
        let changed = Instant::now();
        store.set_company_attributes(ws, &globex, &BTreeMap::new()).await.unwrap();
        let (code, reason) = live.closed(ARRIVES_WITHIN, "once Globex is no longer gold").await;
        assert_eq!((code, reason.as_str()), (close::SESSION_ENDED, "no access"));
        assert!(
            changed.elapsed() < portal_server::live::RECHECK_EVERY / 3,
            "woken, not rechecked: {:?}",
            changed.elapsed()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn removing_an_origin_ends_its_sessions_and_closes_their_sockets() {
    on_each_backend("removing_an_origin_ends_its_sessions_and_closes_their_sockets", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Embedded").await;
        // The console tests the portal from the portal's own origin, which
        // may always embed it.
        let own = app.base.replacen("127.0.0.1", "localhost", 1);
        let own_session = app.sign_in_with(&app.slug, &own, "ann@example.com", &app.hash("ann@example.com")).await;
        let mut live = LiveClient::open(&app.base, &ann.token, 0).await;
        live.event("history").await;
        let mut own_live = LiveClient::open(&app.base, &own_session.token, own_session.live_after).await;

        let elsewhere = portal_core::Origin::parse("https://elsewhere.example").unwrap();
        app.store
            .set_allowed_origins(app.workspace.id, &AllowedOrigins::single(elsewhere.clone()))
            .await
            .expect("origins");
        let (code, reason) = live.closed(ARRIVES_WITHIN, "after its origin was removed").await;
        assert_eq!((code, reason.as_str()), (close::SESSION_ENDED, "session ended"));
        all_refused(&app, &ann.token, number, "a removed origin").await;
        assert_eq!(app.ticket_titles(&own_session.token).await, ["Embedded"], "the portal's own origin stays");
        agent_says(&*app.store, &ann.agent, number, "still here", false).await;
        own_live.event("the portal's own origin's socket stays open").await;

        let allowed = portal_core::Origin::parse(ORIGIN).unwrap();
        app.store
            .set_allowed_origins(
                app.workspace.id,
                &AllowedOrigins::parse([elsewhere.as_str(), allowed.as_str()]).unwrap(),
            )
            .await
            .expect("origins");
        let grant = app.sign_in("ann@example.com").await;
        assert_eq!(app.ticket_titles(&grant.token).await, ["Embedded"]);
        let mut live = LiveClient::open(&app.base, &grant.token, grant.live_after).await;
        agent_says(&*app.store, &ann.agent, number, "welcome back", false).await;
        live.event("a reply once the origin is allowed again").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_standalone_portal_follows_live_with_its_cookie_from_its_own_pages_only() {
    on_each_backend("the_standalone_portal_follows_live_with_its_cookie", |db| async move {
        let app = spawn_app(db).await;
        let ann = fixture(&app, "ann@example.com").await;
        let number = new_ticket(&app, &ann.token, "Where is my invoice?").await;
        let now = now_millis() / 1000;
        let claims =
            json!({"email": "ann@example.com", "iat": now, "exp": now + 300, "jti": random_token(), "aud": SLUG});
        let jwt = portal_core::jwt::sign_jwt(app.secret.as_bytes(), &claims);
        let signed = app.get(&format!("/p/{SLUG}/sso?jwt={jwt}")).await;
        let cookie = signed.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        let own = app.state.public_url.as_str().to_string();

        let mut live = LiveClient::connect_with_cookie(&app.base, &cookie, &own).await;
        live.send_text(&json!({ "after": 0 }).to_string()).await;
        assert_eq!(live.event("the ticket's creation").await["ticket_number"], number.0);
        agent_says(&*app.store, &ann.agent, number, "On its way.", false).await;
        assert_eq!(live.event("the agent's reply").await["kind"], "message.created");

        // Another site's page cannot open the customer's stream with their cookie.
        let mut foreign = LiveClient::connect_with_cookie(&app.base, &cookie, "https://evil.example").await;
        foreign.send_text(&json!({ "after": 0 }).to_string()).await;
        assert_eq!(foreign.closed(ARRIVES_WITHIN, "a foreign page").await.0, close::SESSION_ENDED);
    })
    .await;
}
