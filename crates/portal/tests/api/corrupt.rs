//! Stored data that fails its checks is the server's trouble, not the
//! caller's: every transport answers 500 with a message that names nothing
//! (the row and the cause go to the log), while the operator's command line
//! says which row it is.

use crate::app::*;
use crate::rest::{api_token, call, open_ticket};
use portal::commands;
use portal_app::PortalError;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// What the bad value holds, so no answer can repeat it unnoticed.
const MARKER: &str = "CORRUPT-7f3a";

/// Words of the store's detail that no answer may carry.
fn assert_no_detail(what: &str, body: &str) {
    for leak in [MARKER, "stored", "ticket types", "JSON", "workspace 1", "EOF", "column"] {
        assert!(!body.contains(leak), "{what}: the answer leaks {leak:?}: {body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_stored_setting_answers_500_with_no_detail() {
    on_each_backend("a_corrupt_stored_setting_answers_500_with_no_detail", |db| async move {
        let app = spawn_app(db).await;
        let session = app.sign_in("ann@example.com").await.token;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Before the damage").await;
        let password = "correct horse battery";
        commands::create_console_account(&*app.store, SLUG, "dana@acme.test", "Dana", "admin", Some(password.into()))
            .await
            .expect("a console account");
        let login = app
            .client
            .post(app.url("/console/login"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("workspace", SLUG), ("email", "dana@acme.test"), ("password", password)])
            .send()
            .await
            .expect("console sign-in");
        assert_eq!(login.status(), StatusCode::SEE_OTHER, "console sign-in");
        let cookie = login.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();

        // A settings column no longer holds what the store wrote.
        app.db.execute(&format!("UPDATE workspaces SET ticket_types = '[\"{MARKER}\"'")).await;

        // The frame: settings before sign-in, and a signed-in customer's page.
        let settings = app.post("/api/portal/settings", &json!({ "workspace": SLUG }), None).await;
        expect_error(settings, 500, &PortalError::Internal, "the frame's settings").await;
        let page = app.post("/api/portal/page", &json!({ "path": "" }), Some(&session)).await;
        expect_error(page, 500, &PortalError::Internal, "the frame's page").await;
        assert_no_detail("the frame", &PortalError::Internal.to_string());

        // The REST API.
        let post = json!({"body": "Still there?", "author_name": "Dana"});
        let reply =
            call(&app, Method::POST, &format!("/api/v1/tickets/{number}/messages"), Some(&token), Some(&post)).await;
        assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", reply.body);
        assert_eq!(reply.body["error"]["code"], "internal");
        assert_no_detail("the REST API", &reply.body.to_string());

        // The console.
        let page = app.client.get(app.url("/console/settings")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let page = page.text().await.unwrap();
        assert!(page.contains("something went wrong on the server"), "{page}");
        assert_no_detail("the console", &page);

        // The operator is told which row it is.
        let said = commands::snippet(
            &*app.store,
            SLUG,
            &portal_core::Origin::parse("https://support.example").unwrap(),
            commands::SnippetPart::Both,
        )
        .await
        .expect_err("the workspace cannot be read");
        let said = format!("{said:#}");
        assert!(said.contains("stored ticket types") && said.contains("workspace 1"), "{said}");

        // A refused value is still the caller's to fix: a 4xx in its own words.
        app.db.execute("UPDATE workspaces SET ticket_types = '[\"Question\"]'").await;
        let unknown = json!({"title": "Typed", "description": "", "ticket_type": "Nope"});
        let refused = app.post("/api/portal/ticket/new", &unknown, Some(&session)).await;
        expect_invalid(refused, "ticket types", "an unknown ticket type").await;
    })
    .await;
}
