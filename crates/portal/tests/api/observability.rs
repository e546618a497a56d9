//! Request ids, request logs and Prometheus metrics.
//!
//! The metrics recorder is one per process and the tests of this binary run
//! at once, so counts are read before and after, and only what this test
//! added is asserted (at least that much: another test may add too).

use crate::app::*;
use futures_util::{SinkExt as _, StreamExt as _};
use portal::commands;
use portal_server::Portal;
use portal_server::config::{Config, KeyText, LogFormat, Overrides};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

const METRICS_TOKEN: &str = "observability-test-metrics-token";

fn with_metrics_token(config: &mut Config) {
    config.metrics_token = Some(KeyText(METRICS_TOKEN.into()));
}

/// The metrics the portal at `app` renders for the bearer of the token.
async fn scrape(app: &TestApp) -> String {
    let response = app.client.get(app.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 200, "a scrape with the token");
    response.text().await.unwrap()
}

/// The value of the series of `name` with (at least) `labels`; 0 if absent.
fn value(metrics: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    let mut found = metrics.lines().filter(|line| {
        line.strip_prefix(name).is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
            && labels.iter().all(|(key, value)| line.contains(&format!("{key}=\"{value}\"")))
    });
    let Some(line) = found.next() else {
        return 0.0;
    };
    assert!(found.next().is_none(), "one series of {name} with {labels:?}:\n{metrics}");
    line.rsplit(' ').next().unwrap().parse().unwrap_or_else(|e| panic!("{line}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_are_a_plain_404_unless_configured() {
    on_each_backend("metrics_are_a_plain_404_unless_configured", |db| async move {
        let app = spawn_app(db).await;
        let unknown = app.get("/no-such-page").await;
        assert_eq!(unknown.status(), 404);
        let unknown = unknown.text().await.unwrap();
        for token in [None, Some(METRICS_TOKEN)] {
            let mut request = app.client.get(app.url("/metrics"));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 404, "no metrics configured (token {token:?})");
            assert_eq!(response.text().await.unwrap(), unknown, "like any unknown path");
        }
        assert!(app.metrics_base.is_none());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_metrics_token_opens_metrics_on_the_main_listener() {
    on_each_backend("the_metrics_token_opens_metrics_on_the_main_listener", |db| async move {
        let app = spawn_app_with(db, with_metrics_token).await;
        assert_eq!(app.get("/healthz").await.status(), 200);
        assert_eq!(app.get("/api/v1/tickets/5").await.status(), 401, "no API token");

        let refused = |request: reqwest::RequestBuilder, what: &'static str| async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 401, "{what}");
            assert_eq!(response.headers()["www-authenticate"], "Bearer realm=\"metrics\"", "{what}");
            let body = response.text().await.unwrap();
            assert!(!body.contains("portal_http_requests_total"), "{what}: {body}");
        };
        let metrics = app.url("/metrics");
        refused(app.client.get(&metrics), "no token").await;
        refused(app.client.get(&metrics).bearer_auth("not-the-token"), "a wrong token").await;
        refused(app.client.get(&metrics).bearer_auth(&METRICS_TOKEN[..METRICS_TOKEN.len() - 1]), "a prefix").await;
        refused(app.client.get(&metrics).bearer_auth(format!("{METRICS_TOKEN}x")), "a longer token").await;
        refused(app.client.get(&metrics).basic_auth(METRICS_TOKEN, Some("")), "another scheme").await;

        let response = app.client.get(&metrics).bearer_auth(METRICS_TOKEN).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
        let body = response.text().await.unwrap();
        let healthz = [("method", "GET"), ("route", "/healthz"), ("status", "200")];
        assert!(value(&body, "portal_http_requests_total", &healthz) >= 1.0, "{body}");
        let ticket = [("method", "GET"), ("route", "/api/v1/tickets/{number}"), ("status", "401")];
        assert!(value(&body, "portal_http_requests_total", &ticket) >= 1.0, "the route as the router names it");
        assert!(!body.contains("/api/v1/tickets/5"), "never the path itself:\n{body}");
        assert!(body.contains("# TYPE portal_http_request_duration_seconds histogram"), "{body}");
        let buckets = [("method", "GET"), ("route", "/healthz"), ("le", "+Inf")];
        assert!(value(&body, "portal_http_request_duration_seconds_bucket", &buckets) >= 1.0, "{body}");
        let count = [("method", "GET"), ("route", "/healthz")];
        assert!(value(&body, "portal_http_request_duration_seconds_count", &count) >= 1.0, "{body}");
        let version = [("version", env!("CARGO_PKG_VERSION"))];
        assert_eq!(value(&body, "portal_build_info", &version), 1.0, "{body}");
        // Read from the scraped portal's pool (SQLite's holds 8, PostgreSQL's 16): it answered, so one is open.
        let max = value(&body, "portal_db_pool_max_connections", &[]);
        assert!([8.0, 16.0].contains(&max), "{body}");
        let open = value(&body, "portal_db_pool_connections", &[("state", "idle")])
            + value(&body, "portal_db_pool_connections", &[("state", "in_use")]);
        assert!((1.0..=max).contains(&open), "{body}");

        // Unknown paths share one series, whatever they are.
        assert_eq!(app.get("/no/such/page/42").await.status(), 404);
        let body = scrape(&app).await;
        let unmatched = [("route", "unmatched"), ("status", "404")];
        assert!(value(&body, "portal_http_requests_total", &unmatched) >= 1.0, "{body}");
        assert!(!body.contains("/no/such/page"), "{body}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_bind_serves_metrics_on_its_own_listener_only() {
    on_each_backend("metrics_bind_serves_metrics_on_its_own_listener_only", |db| async move {
        let app = spawn_app_with(db, |config| config.metrics_bind = Some(([127, 0, 0, 1], 0).into())).await;
        let apart = app.metrics_base.clone().expect("the metrics listener's address");
        assert_ne!(apart, app.base);
        assert_eq!(app.get("/healthz").await.status(), 200);

        let response = app.client.get(format!("{apart}/metrics")).send().await.unwrap();
        assert_eq!(response.status(), 200, "no token on the metrics listener");
        let body = response.text().await.unwrap();
        let healthz = [("route", "/healthz"), ("status", "200")];
        assert!(value(&body, "portal_http_requests_total", &healthz) >= 1.0, "{body}");

        assert_eq!(app.get("/metrics").await.status(), 404, "not on the main listener");
        let with_token = app.client.get(app.url("/metrics")).bearer_auth(METRICS_TOKEN).send().await.unwrap();
        assert_eq!(with_token.status(), 404, "not on the main listener, whatever the caller bears");
        let other = app.client.get(format!("{apart}/healthz")).send().await.unwrap();
        assert_eq!(other.status(), 404, "the metrics listener serves metrics only");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn contradictory_or_empty_metrics_settings_are_refused_at_start() {
    on_each_backend("contradictory_or_empty_metrics_settings_are_refused_at_start", |db| async move {
        let dir = tempfile::tempdir().unwrap();
        let refusal = |configure: &dyn Fn(&mut Config)| {
            let mut config = test_config(&dir);
            configure(&mut config);
            let store = db.store.clone();
            async move { Portal::bind(&config, store).await.err().map(|e| format!("{e:#}")) }
        };
        let both = refusal(&|c| {
            with_metrics_token(c);
            c.metrics_bind = Some(([127, 0, 0, 1], 0).into());
        })
        .await
        .expect("both metrics keys are refused");
        assert!(both.contains("metrics_bind") && both.contains("metrics_token"), "{both}");
        let empty = refusal(&|c| c.metrics_token = Some(KeyText("  ".into())));
        let empty = empty.await.expect("an empty token is refused");
        assert!(empty.contains("metrics_token"), "{empty}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_response_carries_a_request_id_of_its_own() {
    on_each_backend("every_response_carries_a_request_id_of_its_own", |db| async move {
        let app = spawn_app(db).await;
        let settings = json!({"workspace": SLUG});
        let requests = [
            // Pages, assets, the health check, unknown paths.
            ("GET", "/healthz", None, 200),
            ("GET", "/", None, 200),
            ("GET", "/embed/acme", None, 200),
            ("GET", "/embed/nobody-here", None, 404),
            ("GET", "/no-such-page", None, 404),
            ("GET", "/widget/loader.js", None, 200),
            // The frame's server functions and files.
            ("POST", "/api/portal/settings", Some(&settings), 200),
            ("POST", "/api/portal/tickets", Some(&json!({})), 401),
            ("GET", "/api/portal/attachments/1", None, 401),
            // The REST API.
            ("GET", "/api/v1/openapi.json", None, 200),
            ("GET", "/api/v1/tickets", None, 401),
            ("GET", "/api/v1/no-such-endpoint", None, 404),
            // The console.
            ("GET", "/console/login", None, 200),
            ("GET", "/console/inbox", None, 303),
            ("POST", "/console/login", Some(&settings), 403),
            ("GET", "/assets/console.css", None, 200),
        ];
        let mut seen = BTreeSet::new();
        for (method, path, body, status) in requests {
            let request = app.client.request(method.parse().unwrap(), app.url(path));
            let request = match body {
                Some(body) => request.json(body),
                None => request,
            };
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), status, "{method} {path}");
            let id = response.headers().get("x-request-id").unwrap_or_else(|| panic!("{method} {path}: no id"));
            let id = id.to_str().unwrap().to_string();
            assert!(portal_server::observability::requests::acceptable_id(id.as_bytes()), "{method} {path}: {id}");
            assert!(seen.insert(id.clone()), "{method} {path}: the id {id} was given before");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plain_incoming_request_id_is_kept_and_any_other_replaced() {
    on_each_backend("a_plain_incoming_request_id_is_kept_and_any_other_replaced", |db| async move {
        let app = spawn_app(db).await;
        let app = &app;
        let answered_id = |headers: HeaderMap| async move {
            let mut request = app.client.get(app.url("/api/v1/tickets"));
            for (name, value) in &headers {
                request = request.header(name, value);
            }
            let response = request.send().await.unwrap();
            let ids: Vec<_> = response.headers().get_all("x-request-id").iter().cloned().collect();
            assert_eq!(ids.len(), 1, "one id in the answer: {ids:?}");
            ids[0].to_str().unwrap().to_string()
        };
        let one = |value: &[u8]| {
            let mut headers = HeaderMap::new();
            headers.insert("x-request-id", HeaderValue::from_bytes(value).unwrap());
            headers
        };
        for kept in ["4f1c2a9e-7b3d-4e8a-9c1f-0a2b3c4d5e6f", "req_42.edge:7", &"a".repeat(64)] {
            assert_eq!(answered_id(one(kept.as_bytes())).await, kept, "kept");
        }
        let too_long = "a".repeat(65);
        let unacceptable: [&[u8]; 6] =
            [too_long.as_bytes(), b"two words", b"a\"quote", b"id} forged=1", b"caf\xc3\xa9", b"path/like"];
        for value in unacceptable {
            let replaced = answered_id(one(value)).await;
            assert_ne!(replaced.as_bytes(), value, "replaced");
            assert_eq!(replaced.len(), 36, "a new UUID: {replaced}");
        }
        let mut two = HeaderMap::new();
        two.append("x-request-id", HeaderValue::from_static("first"));
        two.append("x-request-id", HeaderValue::from_static("second"));
        let replaced = answered_id(two).await;
        assert!(replaced != "first" && replaced != "second", "two ids: neither is kept, got {replaced}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_sign_ins_are_counted_by_reason() {
    on_each_backend("refused_sign_ins_are_counted_by_reason", |db| async move {
        let app = spawn_app_with(db, with_metrics_token).await;
        commands::create_console_account(
            &*app.store,
            SLUG,
            "dana@acme.test",
            "Dana",
            "agent",
            Some("right password".into()),
        )
        .await
        .unwrap();
        let console = |reason| [("surface", "console"), ("reason", reason)];
        let embed = |reason| [("surface", "embed"), ("reason", reason)];
        let refused = "portal_sign_ins_refused_total";
        let before = scrape(&app).await;

        let sign_in = |email: &'static str, password: &'static str| {
            app.client
                .post(app.url("/console/login"))
                .header("sec-fetch-site", "same-origin")
                .form(&[("workspace", SLUG), ("email", email), ("password", password)])
                .send()
        };
        assert_eq!(sign_in("dana@acme.test", "wrong password").await.unwrap().status(), 401);
        assert_eq!(sign_in("nobody@acme.test", "any password").await.unwrap().status(), 401);
        assert_eq!(sign_in("dana@acme.test", "right password").await.unwrap().status(), 303);

        let email = "carol@example.com";
        let bad_hash = app.open_session(&sign_in_body(SLUG, ORIGIN, "Carol", email, &"0".repeat(64))).await;
        assert_eq!(bad_hash.status(), 401);
        let elsewhere = sign_in_body(SLUG, "https://evil.example", "Carol", email, &app.hash(email));
        assert_eq!(app.open_session(&elsewhere).await.status(), 403);
        let nowhere = app.open_session(&sign_in_body("nowhere", ORIGIN, "Carol", email, &app.hash(email))).await;
        assert_eq!(nowhere.status(), 401);

        let after = scrape(&app).await;
        for (labels, what) in [
            (console("wrong_password"), "a wrong password"),
            (console("unknown_account"), "an unknown account"),
            (embed("bad_verification_hash"), "a bad verification hash"),
            (embed("origin_not_allowed"), "an origin not allowed"),
            (embed("unknown_workspace"), "an unknown workspace"),
        ] {
            let added = value(&after, refused, &labels) - value(&before, refused, &labels);
            assert!(added >= 1.0, "{what} is counted ({labels:?}: +{added}):\n{after}");
        }
        assert!(after.contains("# TYPE portal_sign_ins_refused_total counter"), "{after}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn live_sockets_and_the_events_they_send_are_counted() {
    on_each_backend("live_sockets_and_the_events_they_send_are_counted", |db| async move {
        let app = spawn_app_with(db, with_metrics_token).await;
        let token = app.sign_in("live@example.com").await.token;
        let new = json!({"title": "Counted", "description": "Please count this."});
        let ticket: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(&token)).await, "new ticket").await;
        let reply = json!({"number": ticket["number"], "body": "And this.", "key": "counted-1"});
        let _: Value = expect_ok(app.post("/api/portal/ticket/reply", &reply, Some(&token)).await, "reply").await;
        let before = scrape(&app).await;

        let url = format!("{}/api/portal/live", app.base.replacen("http://", "ws://", 1));
        let (mut socket, _) = tokio_tungstenite::connect_async(url.as_str()).await.expect("open a live socket");
        socket.send(Message::text(json!({"token": token, "after": 0}).to_string())).await.unwrap();
        // The socket is counted before its first event is sent, and each event
        // once sent: two received, both counted.
        let mut events = 0;
        while events < 2 {
            let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
                .await
                .expect("the ticket's events arrive")
                .expect("the socket stays open")
                .unwrap();
            if message.is_text() {
                events += 1;
            }
        }
        let during = scrape(&app).await;
        assert!(value(&during, "portal_live_connections", &[]) >= 1.0, "an open socket is counted:\n{during}");
        let sent =
            value(&during, "portal_live_events_sent_total", &[]) - value(&before, "portal_live_events_sent_total", &[]);
        assert!(sent >= 2.0, "the events sent are counted (+{sent}):\n{during}");
        socket.close(None).await.unwrap();
    })
    .await;
}

#[test]
fn the_observability_keys_parse_and_an_unknown_log_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("portal.toml");
    std::fs::write(
        &file,
        "log_format = \"json\"\nmetrics_bind = \"127.0.0.1:9464\"\nmetrics_token = \"from-the-file\"\n",
    )
    .unwrap();
    let config = Config::load(Some(&file), &Overrides::default()).expect("the keys parse");
    assert_eq!(config.log_format, LogFormat::Json);
    assert_eq!(config.metrics_bind, Some(([127, 0, 0, 1], 9464).into()));
    assert_eq!(config.metrics_token.as_ref().map(|t| t.0.as_str()), Some("from-the-file"));

    std::fs::write(&file, "log_format = \"xml\"\n").unwrap();
    let error = Config::load(Some(&file), &Overrides::default()).expect_err("xml is no log format").to_string();
    assert!(error.contains("log_format") && error.contains("xml"), "{error}");
    assert!(error.contains("`text`") && error.contains("`json`"), "the choices are named: {error}");
}

/// Asks the portal at `base` for a ticket without a token (the route has an
/// id in its path) and signs in to the console with a wrong password (which
/// logs an audit line inside the request), each with the id given; then
/// stops it and returns what it logged.
async fn requests_then_logs(mut portal: tokio::process::Child, base: &str, ids: [&str; 2]) -> String {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client.get(format!("{base}/api/v1/tickets/5")).header("x-request-id", ids[0]).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["x-request-id"], ids[0]);
    let response = client
        .post(format!("{base}/console/login"))
        .header("x-request-id", ids[1])
        .header("sec-fetch-site", "same-origin")
        .form(&[("workspace", SLUG), ("email", "nobody@acme.test"), ("password", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let pid = portal.id().expect("the portal runs").to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = tokio::time::timeout(Duration::from_secs(20), portal.wait()).await.expect("it stops").unwrap();
    assert!(status.success());
    let mut stderr = String::new();
    tokio::io::AsyncReadExt::read_to_string(&mut portal.stderr.take().unwrap(), &mut stderr).await.unwrap();
    assert!(!stderr.contains("/api/v1/tickets/5"), "never the path itself:\n{stderr}");
    stderr
}

#[tokio::test(flavor = "multi_thread")]
async fn each_log_line_of_a_request_carries_its_id_as_json_or_text() {
    on_each_backend("each_log_line_of_a_request_carries_its_id", |db| async move {
        commands::create_workspace(&*db.store, SLUG, "Acme", GREETING, &[ORIGIN.to_string()]).await.unwrap();
        let ws = db.store.workspace_by_slug(&portal_core::WorkspaceSlug::parse(SLUG).unwrap()).await.unwrap().unwrap();
        db.store.set_portal_enabled(ws.id, true).await.unwrap();
        let dir = tempfile::tempdir().unwrap();

        let (portal, base) = start_portal_binary(&db, &dir, &[("PORTAL_LOG_FORMAT", "json")]).await;
        let logged = requests_then_logs(portal, &base, ["json-ticket-1", "json-login-1"]).await;
        let lines: Vec<Value> = logged
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("a JSON line, got {line:?}: {e}")))
            .collect();
        let of = |id: &str| -> Vec<&Value> { lines.iter().filter(|l| l["span"]["request_id"] == id).collect() };
        let ticket = of("json-ticket-1");
        let answered = ticket.iter().find(|l| l["message"] == "answered").unwrap_or_else(|| panic!("{logged}"));
        assert_eq!(answered["target"], "portal::access");
        let span = &answered["span"];
        assert_eq!(
            (&span["method"], &span["route"], &span["status"]),
            (&json!("GET"), &json!("/api/v1/tickets/{number}"), &json!(401))
        );
        assert!(span["latency_ms"].is_u64(), "{answered}");
        let login = of("json-login-1");
        assert!(
            login.iter().any(|l| l["event"] == "console.sign_in_failed"),
            "the audit line carries the id:\n{logged}"
        );
        assert!(login.iter().any(|l| l["message"] == "answered" && l["span"]["status"] == 401), "{logged}");

        let (portal, base) = start_portal_binary(&db, &dir, &[("PORTAL_LOG_FORMAT", "text")]).await;
        let logged = requests_then_logs(portal, &base, ["text-ticket-1", "text-login-1"]).await;
        assert!(!logged.contains('\u{1b}'), "no terminal colours in a pipe:\n{logged}");
        assert!(logged.lines().all(|line| !line.starts_with('{')), "text, not JSON:\n{logged}");
        let answered = logged
            .lines()
            .find(|line| line.contains("request_id=\"text-ticket-1\"") && line.contains("answered"))
            .unwrap_or_else(|| panic!("{logged}"));
        assert!(answered.contains("route=/api/v1/tickets/{number}") && answered.contains("status=401"), "{answered}");
        assert!(
            logged
                .lines()
                .any(|line| line.contains("request_id=\"text-login-1\"") && line.contains("console.sign_in_failed")),
            "the audit line carries the id:\n{logged}"
        );
    })
    .await;
}
