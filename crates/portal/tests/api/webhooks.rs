//! Outgoing webhooks against a receiver run by the test: signed, in order
//! per ticket, notes only where asked, private targets refused, the
//! delivery log and redelivery, and a portal killed mid-delivery.

use crate::app::*;
use crate::rest::api_token;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use portal_core::webhook::verify_signature;
use portal_store::testing::on_each_backend;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Received {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A webhook receiver on a free port of 127.0.0.1: records every request
/// and answers with [`Receiver::answer`]'s status (0: never answers).
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    answer: Arc<AtomicU16>,
}

impl Receiver {
    pub async fn start(path: &str) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(AtomicU16::new(200));
        let state = (received.clone(), answer.clone());
        let app = axum::Router::new().route(path, axum::routing::post(record)).with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}{path}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, received, answer }
    }

    pub fn answer(&self, status: u16) {
        self.answer.store(status, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (up to 60 s) until `count` requests came.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..600 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "{count} webhook requests expected, got {:?}",
            self.received().iter().map(Received::json).collect::<Vec<_>>()
        );
    }
}

type ReceiverState = (Arc<Mutex<Vec<Received>>>, Arc<AtomicU16>);

async fn record(
    State((received, answer)): State<ReceiverState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    received.lock().unwrap().push(Received { headers, body: body.to_vec() });
    match answer.load(Ordering::SeqCst) {
        0 => std::future::pending().await,
        status => StatusCode::from_u16(status).unwrap(),
    }
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// What a receiver checks first: the signature over the raw body, made
/// with `secret` a moment ago, and the id header matching the body's.
fn assert_signed(request: &Received, secret: &str) {
    let header = request.headers["portal-signature"].to_str().unwrap();
    assert!(verify_signature(header, secret.as_bytes(), &request.body, now_seconds()), "bad signature {header}");
    assert!(!verify_signature(header, b"whsec_wrong", &request.body, now_seconds()));
    let id = request.headers["portal-event-id"].to_str().unwrap();
    assert_eq!(id, request.json()["id"].to_string());
    assert_eq!(request.headers["portal-event-type"].to_str().unwrap(), request.json()["type"]);
}

fn loopback_allowed(config: &mut portal_server::config::Config) {
    config.webhook_allowed_networks = vec!["127.0.0.0/8".to_string()];
}

async fn create(app: &TestApp, token: &str, body: &Value) -> reqwest::Response {
    app.client.post(app.url("/api/v1/webhooks")).bearer_auth(token).json(body).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_receiver_gets_each_change_signed_and_in_order_and_notes_only_when_it_asked() {
    on_each_backend("webhooks_signed_in_order", |db| async move {
        let app = spawn_app_with(db, loopback_allowed).await;
        let token = api_token(&app, SLUG, "hooks").await;
        let all = Receiver::start("/all").await;
        let notes = Receiver::start("/notes").await;
        let events = ["ticket.created", "ticket.updated", "message.created", "customer.created"];
        let created = create(&app, &token, &json!({"url": all.url, "events": events})).await;
        assert_eq!(created.status(), 201);
        let created: Value = created.json().await.unwrap();
        let secret = created["secret"].as_str().unwrap().to_string();
        assert!(secret.starts_with("whsec_") && secret.len() == 70, "{secret}");
        let listed: Value =
            app.client.get(app.url("/api/v1/webhooks")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert!(!listed.to_string().contains(&secret), "the secret is shown once");
        let with_notes = json!({"url": notes.url, "events": ["message.created"], "include_notes": true});
        let notes_secret = create(&app, &token, &with_notes).await.json::<Value>().await.unwrap()["secret"]
            .as_str()
            .unwrap()
            .to_string();

        let api = |path: &str| app.url(&format!("/api/v1{path}"));
        let ticket = json!({"customer": {"email": "ann@example.com", "name": "Ann"}, "title": "Where is my invoice?"});
        let opened: Value = app
            .client
            .post(api("/tickets"))
            .bearer_auth(&token)
            .json(&ticket)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let number = opened["number"].as_i64().unwrap();
        let post = |body: Value| {
            app.client.post(api(&format!("/tickets/{number}/messages"))).bearer_auth(&token).json(&body).send()
        };
        assert_eq!(
            post(json!({"body": "SECRET-NOTE ledger says paid", "author_name": "Sam", "internal": true}))
                .await
                .unwrap()
                .status(),
            201
        );
        assert_eq!(post(json!({"body": "It is on its way.", "author_name": "Sam"})).await.unwrap().status(), 201);
        let closed = app
            .client
            .patch(api(&format!("/tickets/{number}")))
            .bearer_auth(&token)
            .json(&json!({"status": "closed"}))
            .send()
            .await
            .unwrap();
        assert_eq!(closed.status(), 200);

        let got = all.wait_for(4).await;
        for request in &got {
            assert_signed(request, &secret);
        }
        // In order per ticket; the customer's own event may come at any point.
        let (ticket_events, customer_events): (Vec<Value>, Vec<Value>) =
            got.iter().map(Received::json).partition(|body| body["data"]["ticket"].is_object());
        let kinds: Vec<&str> = ticket_events.iter().map(|body| body["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["ticket.created", "message.created", "ticket.updated"]);
        let reply = &ticket_events[1];
        assert_eq!(reply["data"]["message"]["body"], "It is on its way.");
        assert_eq!(reply["data"]["message"]["internal"], false);
        assert_eq!(reply["data"]["ticket"]["number"], number);
        assert_eq!(reply["workspace"], SLUG);
        assert_eq!(ticket_events[2]["data"]["ticket"]["status"], "closed");
        assert_eq!(customer_events.len(), 1);
        assert_eq!(customer_events[0]["type"], "customer.created");
        assert_eq!(customer_events[0]["data"]["customer"]["email"], "ann@example.com");
        let ids: Vec<i64> = ticket_events.iter().map(|body| body["id"].as_i64().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids grow: {ids:?}");
        assert!(
            got.iter().all(|r| !String::from_utf8_lossy(&r.body).contains("SECRET-NOTE")),
            "no note without opting in"
        );

        let noted = notes.wait_for(2).await;
        for request in &noted {
            assert_signed(request, &notes_secret);
        }
        let bodies: Vec<(Value, Value)> = noted
            .iter()
            .map(|r| (r.json()["data"]["message"]["body"].clone(), r.json()["data"]["message"]["internal"].clone()))
            .collect();
        assert_eq!(
            bodies,
            [(json!("SECRET-NOTE ledger says paid"), json!(true)), (json!("It is on its way."), json!(false))]
        );
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!((all.received().len(), notes.received().len()), (4, 2), "each once");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_delivery_shows_in_the_log_and_is_sent_again_on_request() {
    on_each_backend("webhooks_log_and_redeliver", |db| async move {
        let app = spawn_app_with(db, loopback_allowed).await;
        let token = api_token(&app, SLUG, "hooks").await;
        let receiver = Receiver::start("/hook").await;
        receiver.answer(500);
        let created: Value = create(&app, &token, &json!({"url": receiver.url, "events": ["customer.created"]}))
            .await
            .json()
            .await
            .unwrap();
        let id = created["webhook"]["id"].as_i64().unwrap();
        app.sign_in("ann@example.com").await;
        receiver.wait_for(1).await;
        let log_url = app.url(&format!("/api/v1/webhooks/{id}/deliveries"));
        let mut log = Value::Null;
        for _ in 0..50 {
            log = app.client.get(&log_url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            if log["deliveries"][0]["response_status"] == 500 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let delivery = &log["deliveries"][0];
        assert_eq!((delivery["state"].as_str(), delivery["attempts"].as_i64()), (Some("pending"), Some(1)), "{log}");
        assert_eq!(delivery["response_status"], 500);
        let webhook: Value = app
            .client
            .get(app.url(&format!("/api/v1/webhooks/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(webhook["failing_since"].is_i64(), "{webhook}");

        receiver.answer(204);
        let delivery_id = delivery["id"].as_i64().unwrap();
        let again = app.url(&format!("/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver"));
        assert_eq!(app.client.post(&again).bearer_auth(&token).send().await.unwrap().status(), 204);
        let got = receiver.wait_for(2).await;
        assert_eq!(got[0].json()["id"], got[1].json()["id"], "the same event id: a duplicate is recognisable");
        let missing = app.url(&format!("/api/v1/webhooks/{id}/deliveries/{}/redeliver", delivery_id + 1000));
        assert_eq!(app.client.post(&missing).bearer_auth(&token).send().await.unwrap().status(), 404);

        // Rotating the secret: later tries are signed with the new one.
        let rotated: Value = app
            .client
            .post(app.url(&format!("/api/v1/webhooks/{id}/secret")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let new_secret = rotated["secret"].as_str().unwrap();
        assert_ne!(new_secret, created["secret"].as_str().unwrap());
        app.sign_in("bob@example.com").await;
        let got = receiver.wait_for(3).await;
        assert_signed(&got[2], new_secret);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_webhook_settings_are_refused_and_change_nothing() {
    on_each_backend("webhooks_bad_settings", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "hooks").await;
        let refused = [
            (json!({"url": "http://127.0.0.1:9/x", "events": ["ticket.created"]}), 409, "url"),
            (json!({"url": "https://10.0.0.7/hook", "events": ["ticket.created"]}), 409, "url"),
            (json!({"url": "https://169.254.169.254/latest", "events": ["ticket.created"]}), 409, "url"),
            (json!({"url": "http://hooks.example.com/", "events": ["ticket.created"]}), 400, "url"),
            (json!({"url": "https://user:pw@hooks.example.com/", "events": ["ticket.created"]}), 400, "url"),
            (json!({"url": "https://hooks.example.com/", "events": []}), 400, "events"),
            (json!({"url": "https://hooks.example.com/", "events": ["ticket.deleted"]}), 400, "events"),
            (
                json!({"url": "https://hooks.example.com/", "events": ["ticket.created", "ticket.created"]}),
                400,
                "events",
            ),
            (
                json!({"url": "https://hooks.example.com/", "events": ["ticket.created"], "secret": "mine"}),
                400,
                "secret",
            ),
            (json!({"url": 7, "events": ["ticket.created"]}), 400, "url"),
        ];
        for (body, status, field) in refused {
            let answer = create(&app, &token, &body).await;
            assert_eq!(answer.status(), status, "{body}");
            let error: Value = answer.json().await.unwrap();
            assert!(error["error"].to_string().contains(field), "{body}: {error}");
        }
        let listed: Value =
            app.client.get(app.url("/api/v1/webhooks")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(listed["webhooks"], json!([]), "nothing was written");

        let created: Value =
            create(&app, &token, &json!({"url": "https://hooks.example.com/a", "events": ["ticket.created"]}))
                .await
                .json()
                .await
                .unwrap();
        let id = created["webhook"]["id"].as_i64().unwrap();
        let patch = |body: Value| {
            app.client.patch(app.url(&format!("/api/v1/webhooks/{id}"))).bearer_auth(&token).json(&body).send()
        };
        assert_eq!(patch(json!({"url": "https://192.168.1.1/"})).await.unwrap().status(), 409);
        assert_eq!(patch(json!({"events": ["nope"]})).await.unwrap().status(), 400);
        assert_eq!(patch(json!({"enabled": "yes"})).await.unwrap().status(), 400);
        assert_eq!(patch(json!({"url": null})).await.unwrap().status(), 400, "null is not \"keep it\"");
        let unchanged: Value = app
            .client
            .get(app.url(&format!("/api/v1/webhooks/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            (unchanged["url"].as_str(), unchanged["events"].clone()),
            (Some("https://hooks.example.com/a"), json!(["ticket.created"]))
        );
        let disabled: Value = patch(json!({"enabled": false})).await.unwrap().json().await.unwrap();
        assert_eq!(
            (disabled["enabled"].as_bool(), disabled["disabled_reason"].as_str()),
            (Some(false), Some("disabled by an admin"))
        );
        for path in ["/api/v1/webhooks/x", "/api/v1/webhooks/x/deliveries", "/api/v1/webhooks/1/deliveries?limit=0"] {
            assert_eq!(app.client.get(app.url(path)).bearer_auth(&token).send().await.unwrap().status(), 400, "{path}");
        }
        assert_eq!(
            app.client
                .delete(app.url(&format!("/api/v1/webhooks/{id}")))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status(),
            204
        );
        assert_eq!(
            app.client
                .delete(app.url(&format!("/api/v1/webhooks/{id}")))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
    })
    .await;
}

/// The real binary killed (SIGKILL) while a receiver holds its request
/// open: after the restart the event comes again under its id, then the
/// ticket's later events, in order.
#[tokio::test(flavor = "multi_thread")]
async fn a_delivery_cut_off_by_a_kill_is_sent_again_after_the_restart_in_order() {
    on_each_backend("webhooks_killed_mid_delivery", |db| async move {
        portal::commands::create_workspace(&*db.store, SLUG, "Acme", GREETING, &[ORIGIN.to_string()]).await.unwrap();
        let output = portal::commands::create_api_token(&*db.store, SLUG, "kill test").await.unwrap();
        let token = output.lines().last().unwrap().trim().to_string();
        let dir = tempfile::tempdir().unwrap();
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let receiver = Receiver::start("/hook").await;
        receiver.answer(0);
        let env = [("PORTAL_WEBHOOK_ALLOWED_NETWORKS", r#"["127.0.0.0/8"]"#)];

        let (mut first, base) = start_portal_binary(&db, &dir, &env).await;
        let hook = json!({"url": receiver.url, "events": ["ticket.created", "message.created"]});
        let created =
            client.post(format!("{base}/api/v1/webhooks")).bearer_auth(&token).json(&hook).send().await.unwrap();
        let secret = created.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_string();
        let ticket = json!({"customer": {"email": "ann@example.com"}, "title": "Cut off"});
        let opened =
            client.post(format!("{base}/api/v1/tickets")).bearer_auth(&token).json(&ticket).send().await.unwrap();
        let number = opened.json::<Value>().await.unwrap()["number"].as_i64().unwrap();
        for text in ["First", "Second", "Third"] {
            let reply = json!({"body": text, "author_name": "Sam"});
            let url = format!("{base}/api/v1/tickets/{number}/messages");
            assert_eq!(client.post(url).bearer_auth(&token).json(&reply).send().await.unwrap().status(), 201);
        }
        receiver.wait_for(1).await;
        first.kill().await.unwrap();
        assert_eq!(receiver.received().len(), 1, "the rest wait for the first");

        receiver.answer(200);
        let (mut second, _) = start_portal_binary(&db, &dir, &env).await;
        let got = receiver.wait_for(5).await;
        for request in &got {
            assert_signed(request, &secret);
        }
        assert_eq!(got[0].json()["id"], got[1].json()["id"], "the cut-off event again, under its id");
        let told: Vec<String> = got[1..]
            .iter()
            .map(|r| {
                let body = r.json();
                format!("{} {}", body["type"].as_str().unwrap(), body["data"]["message"]["body"].as_str().unwrap_or(""))
            })
            .collect();
        assert_eq!(
            told,
            ["ticket.created ", "message.created First", "message.created Second", "message.created Third"]
        );
        second.kill().await.unwrap();
    })
    .await;
}

/// An admin adds an endpoint in the console (its secret shown once), a
/// bad one changes nothing, and a delivery is sent again from its log.
#[tokio::test(flavor = "multi_thread")]
async fn admins_manage_endpoints_and_redeliver_in_the_console() {
    use crate::console::{account, console};
    on_each_backend("webhooks_in_the_console", |db| async move {
        let app = spawn_app_with(db, loopback_allowed).await;
        account(&app, SLUG, "admin@acme.test", "admin").await;
        account(&app, SLUG, "agent@acme.test", "agent").await;
        let admin = console(&app, SLUG, "admin@acme.test").await;
        let receiver = Receiver::start("/console").await;

        admin
            .refused(
                "/console/integrations/webhooks",
                &[("url", "https://10.2.3.4/"), ("ticket.created", "on")],
                "private",
            )
            .await;
        admin
            .refused(
                "/console/integrations/webhooks",
                &[("url", "ftp://x.example/"), ("ticket.created", "on")],
                "https://",
            )
            .await;
        admin.refused("/console/integrations/webhooks", &[("url", receiver.url.as_str())], "at least one event").await;
        assert!(app.store.webhooks(app.workspace.id).await.unwrap().is_empty(), "nothing was written");

        let added = admin
            .post("/console/integrations/webhooks", &[("url", receiver.url.as_str()), ("customer.created", "on")])
            .await;
        assert_eq!(added.status(), 200);
        let page = added.text().await.unwrap();
        let secret =
            page.split("whsec_").nth(1).map(|rest| format!("whsec_{}", &rest[..64])).expect("the secret is shown");
        let listed = admin.get("/console/integrations").await.text().await.unwrap();
        assert!(listed.contains(receiver.url.as_str()) && !listed.contains(&secret), "shown once");

        app.sign_in("ann@example.com").await;
        let got = receiver.wait_for(1).await;
        assert_signed(&got[0], &secret);
        let id = app.store.webhooks(app.workspace.id).await.unwrap()[0].id;
        let log = admin.get(&format!("/console/integrations/webhooks/{id}")).await.text().await.unwrap();
        assert!(log.contains("customer.created") && log.contains(r#"data-testid="delivery-row""#), "{log}");
        let delivery = got[0].json()["id"].to_string();
        let again = admin
            .post(&format!("/console/integrations/webhooks/{id}/redeliver"), &[("delivery", delivery.as_str())])
            .await;
        assert_eq!(again.status(), 200);
        assert_eq!(receiver.wait_for(2).await[1].json()["id"].to_string(), delivery);

        let agent = console(&app, SLUG, "agent@acme.test").await;
        assert_eq!(agent.get("/console/integrations").await.status(), 403, "admins only");

        // Failing, and a day later disabled: the console says so.
        receiver.answer(500);
        app.sign_in("bob@example.com").await;
        receiver.wait_for(3).await;
        let mut failing = None;
        for _ in 0..50 {
            failing = app.store.webhook(app.workspace.id, id).await.unwrap().unwrap().failing_since;
            if failing.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let since = failing.expect("the endpoint is failing");
        let log = app.store.webhook_deliveries(app.workspace.id, id, 1).await.unwrap();
        let day = 24 * 60 * 60 * 1000;
        let refused = portal_store::DeliveryTry { response_status: Some(500), error: "500" };
        app.store.webhook_not_delivered(log[0].id, since + day, &refused, Some(since + 2 * day), day).await.unwrap();
        let page = admin.get("/console/integrations").await.text().await.unwrap();
        assert!(page.contains(r#"data-testid="webhook-disabled""#) && page.contains("failed for a day"), "{page}");
        let enabled = admin.post(&format!("/console/integrations/webhooks/{id}"), &[("action", "enable")]).await;
        assert!(!enabled.text().await.unwrap().contains(r#"data-testid="webhook-disabled""#));
    })
    .await;
}
