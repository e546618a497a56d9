//! What a customer can make the server do: past the allowance of writes or
//! uploads, a 429 with `Retry-After` that writes nothing; past the
//! workspace's storage quota, a refusal that stores nothing; the console
//! shows what the files take.

use crate::app::*;
use crate::attachments::{PNG, upload};
use portal_app::PortalError;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A refusal for going too fast: 429, `Retry-After` within `max` seconds,
/// and the error the frame shows.
async fn expect_rate_limited(response: reqwest::Response, max: u64, what: &str) {
    let status = response.status();
    let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().parse::<u64>().unwrap());
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{what}: {body}");
    let Ok(PortalError::RateLimited { retry_after: said }) = serde_json::from_str::<PortalError>(&body) else {
        panic!("{what}: expected PortalError::RateLimited, got {body}");
    };
    assert_eq!(retry_after, Some(said), "{what}: the header and the message agree");
    assert!((1..=max).contains(&said), "{what}: Retry-After {said}");
    let shown = PortalError::RateLimited { retry_after: said }.to_string();
    assert!(
        shown.starts_with("You are sending faster than this support portal allows. Please try again in"),
        "{shown}"
    );
}

fn reply(number: i64, text: &str) -> Value {
    json!({ "number": number, "body": text, "key": hex::encode(rand::random::<[u8; 12]>()) })
}

fn files_on_disk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { files_on_disk(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_past_the_burst_wait_and_write_nothing() {
    on_each_backend("writes_past_the_burst_wait_and_write_nothing", |db| async move {
        let app = spawn_app_with(db, |config| {
            config.write_burst = 3;
            config.write_every_secs = 3600;
        })
        .await;
        let alice = app.sign_in("alice@example.com").await.token;
        let new = json!({ "title": "Printer on fire", "description": "" });
        let created: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(&alice)).await, "new").await;
        let number = created["number"].as_i64().unwrap();
        for i in 0..2 {
            let sent = app.post("/api/portal/ticket/reply", &reply(number, &format!("reply {i}")), Some(&alice)).await;
            let _: Value = expect_ok(sent, "a reply within the burst").await;
        }
        let written = async || {
            (app.db.scalar("SELECT COUNT(*) FROM messages").await, app.db.scalar("SELECT COUNT(*) FROM tickets").await)
        };
        let before = written().await;

        let over = app.post("/api/portal/ticket/reply", &reply(number, "one too many"), Some(&alice)).await;
        expect_rate_limited(over, 3600, "a reply past the burst").await;
        let another = app.post("/api/portal/ticket/new", &new, Some(&alice)).await;
        expect_rate_limited(another, 3600, "a new ticket past the burst").await;
        // A new session is the same customer: no fresh allowance.
        let again = app.sign_in("alice@example.com").await.token;
        let over = app.post("/api/portal/ticket/reply", &reply(number, "from another tab"), Some(&again)).await;
        expect_rate_limited(over, 3600, "a reply from another session").await;
        assert_eq!(written().await, before, "nothing written");

        // Someone else is not held up.
        let bob = app.sign_in("bob@example.com").await.token;
        let _: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(&bob)).await, "bob's ticket").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_past_the_burst_wait_and_store_nothing() {
    on_each_backend("uploads_past_the_burst_wait_and_store_nothing", |db| async move {
        let app = spawn_app_with(db, |config| {
            config.upload_burst = 2;
            config.upload_every_secs = 600;
        })
        .await;
        let alice = app.sign_in("alice@example.com").await.token;
        // A refused name is not worth reading, and costs nothing.
        assert_eq!(upload(&app, Some(&alice), "page.html", PNG).await.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        for name in ["one.png", "two.png"] {
            assert_eq!(upload(&app, Some(&alice), name, PNG).await.status(), StatusCode::CREATED, "{name}");
        }
        expect_rate_limited(upload(&app, Some(&alice), "three.png", PNG).await, 600, "a third upload").await;
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM attachments").await, 2);
        assert_eq!(files_on_disk(&app.blob_dir), 2, "nothing stored");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_past_the_quota_are_refused_and_the_console_shows_the_use() {
    on_each_backend("uploads_past_the_quota_are_refused", |db| async move {
        let app = spawn_app_with(db, |config| config.attachment_quota_mb = 1).await;
        let alice = app.sign_in("alice@example.com").await.token;
        let mut big = PNG.to_vec();
        big.resize(600 * 1024, 0);
        assert_eq!(upload(&app, Some(&alice), "first.png", &big).await.status(), StatusCode::CREATED);

        let full = upload(&app, Some(&alice), "second.png", &big).await;
        let status = full.status();
        let body = full.text().await.unwrap();
        assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{body}");
        assert_eq!(serde_json::from_str::<PortalError>(&body).unwrap(), PortalError::StorageFull);
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM attachments").await, 1, "nothing recorded");
        assert_eq!(files_on_disk(&app.blob_dir), 1, "the refused file's content is deleted");

        // The operator raises this workspace's quota above the default.
        let said = portal::commands::set_attachment_quota(&*app.store, SLUG, Some(2), 1 << 20).await.unwrap();
        assert_eq!(said, "Workspace 'acme': attached files may take 2 MB (its own); they take 1 MB now.");
        assert_eq!(upload(&app, Some(&alice), "second.png", &big).await.status(), StatusCode::CREATED);

        portal::commands::create_console_account(
            &*app.store,
            SLUG,
            "dana@acme.test",
            "Dana",
            "admin",
            Some("correct horse battery".into()),
        )
        .await
        .unwrap();
        let form = [("workspace", SLUG), ("email", "dana@acme.test"), ("password", "correct horse battery")];
        let signed =
            app.client.post(app.url("/console/login")).header("sec-fetch-site", "same-origin").form(&form).send();
        let signed = signed.await.unwrap();
        assert_eq!(signed.status(), StatusCode::SEE_OTHER);
        let cookie = signed.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        let page = app.client.get(app.url("/console/settings")).header("cookie", cookie).send().await.unwrap();
        let page = page.text().await.unwrap();
        assert!(
            page.contains("Files take 1.2 MB of the 2 MB this workspace may keep (58%)."),
            "the use in the console:\n{page}"
        );
    })
    .await;
}
