//! Ticket counts, the badge a site shows in its own navigation: the frame
//! reads its customer's (`/api/portal/counts`, handed to the host page's
//! `helpCenter("onCounts", ...)`), and the site's server reads any
//! customer's with an API token (`/api/v1/customers/{email}/counts`). Both
//! count what the customer's portal lists; an internal note moves neither.

use super::*;

fn counts_path(email: &str) -> String {
    format!("/api/v1/customers/{email}/counts")
}

/// The signed-in customer's counts, as the frame reads them.
async fn frame_counts(app: &TestApp, session: &str) -> Value {
    expect_ok(app.post("/api/portal/counts", &json!({}), Some(session)).await, "the frame's counts").await
}

#[tokio::test(flavor = "multi_thread")]
async fn counts_say_whose_turn_it_is() {
    on_each_backend("counts_say_whose_turn_it_is", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Refund please").await;
        open_ticket(&app, &token, "ann@example.com", "Second question").await;
        open_ticket(&app, &token, "ben@example.com", "Not Ann's").await;
        let session = app.sign_in("ann@example.com").await.token;
        let both = |awaiting: u32, open: u32| json!({"awaitingCustomer": awaiting, "open": open});
        assert_eq!(frame_counts(&app, &session).await, both(0, 2));

        let note = json!({"body": "internal", "author_name": "Dana", "internal": true});
        post_message(&app, &token, number, &note).await.expect(201);
        assert_eq!(frame_counts(&app, &session).await, both(0, 2), "a note is no answer");
        let reply = json!({"body": "Which order?", "author_name": "Dana"});
        post_message(&app, &token, number, &reply).await.expect(201);
        assert_eq!(frame_counts(&app, &session).await, both(1, 2), "Ann's turn");
        let rest = call(&app, Method::GET, &counts_path("ann@example.com"), Some(&token), None).await.expect(200);
        assert_eq!(rest, json!({"awaiting_customer": 1, "open": 2}), "the site's server reads the same");
        // The email's case does not matter, as everywhere.
        let rest = call(&app, Method::GET, &counts_path("Ann@Example.com"), Some(&token), None).await.expect(200);
        assert_eq!(rest["open"], 2);

        let answer = json!({"number": number, "body": "Order 1042", "key": "ann-key-000001"});
        assert_eq!(app.post("/api/portal/ticket/reply", &answer, Some(&session)).await.status(), StatusCode::OK);
        assert_eq!(frame_counts(&app, &session).await, both(0, 2), "she answered");

        // Counts need a live session.
        assert_eq!(app.post("/api/portal/counts", &json!({}), None).await.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_emails_and_strangers_get_clear_refusals() {
    on_each_backend("bad_emails_and_strangers_get_clear_refusals", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        open_ticket(&app, &token, "ann@example.com", "Refund please").await;
        let before = written(&app).await;
        for bad in ["not-an-email", "%20", "%40example.com", &"x".repeat(300)] {
            let reply = call(&app, Method::GET, &counts_path(bad), Some(&token), None).await;
            reply.expect_error(400, "invalid_request", Some("email"));
        }
        call(&app, Method::GET, &counts_path("nobody@example.com"), Some(&token), None).await.expect_error(
            404,
            "not_found",
            None,
        );
        // Another workspace's token knows no Ann.
        let (other, _) = app.add_workspace("globex", "https://globex.example").await;
        let other_token = api_token(&app, other.slug.as_str(), "bot").await;
        call(&app, Method::GET, &counts_path("ann@example.com"), Some(&other_token), None).await.expect_error(
            404,
            "not_found",
            None,
        );
        call(&app, Method::GET, &counts_path("ann@example.com"), None, None).await.expect_error(
            401,
            "unauthorized",
            None,
        );
        assert_eq!(written(&app).await, before, "reading counts writes nothing");
    })
    .await;
}
