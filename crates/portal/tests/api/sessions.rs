//! Signing in, listing one's tickets with the bearer token, signing out,
//! and every way a bearer token can be wrong.

use crate::app::*;
use portal_app::PortalError;
use portal_server::now_millis;
use reqwest::StatusCode;
use reqwest::header::CACHE_CONTROL;
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_lists_only_the_customers_own_tickets_until_sign_out() {
    on_each_backend("sign_in_lists_only_the_customers_own_tickets_until_sign_out", |db| async move {
        let app = spawn_app(db).await;
        let ws = app.workspace.id;
        app.customer_with_tickets(ws, "ann@example.com", &["Ann's invoice", "Ann's export"]).await;
        app.customer_with_tickets(ws, "bob@example.com", &["Bob's password"]).await;

        let email = "ann@example.com";
        let response = app.open_session(&sign_in_body("acme", ORIGIN, "Ann", email, &app.hash(email))).await;
        let cache = response.headers().get(CACHE_CONTROL).and_then(|v| v.to_str().ok()).map(str::to_string);
        let grant: portal_core::SessionGrant = expect_ok(response, "sign-in with the correct hash").await;
        assert_eq!(cache.as_deref(), Some("no-store"), "a session grant must not be cached");
        assert_eq!(grant.token.len(), 64, "the token is 64 hex characters: {:?}", grant.token);
        assert!(
            grant.token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "the token is lower-case hex: {:?}",
            grant.token
        );
        assert_eq!(grant.customer_email, email);
        assert_eq!(grant.customer_name, "Ann", "signing in updates the display name");
        assert!(grant.expires_at > now_millis(), "the session expires in the future");
        assert_eq!(app.rows().await, Rows { customers: 2, sessions: 1 }, "ann existed: only a session is added");
        let stored_hash = app.db.scalar("SELECT COUNT(*) FROM sessions WHERE LENGTH(token_hash) = 32").await;
        assert_eq!(stored_hash, 1, "the store keeps the token's SHA-256, 32 bytes");

        let tickets = app.tickets(Some(&grant.token)).await;
        let cache = tickets.headers().get(CACHE_CONTROL).and_then(|v| v.to_str().ok()).map(str::to_string);
        assert_eq!(cache.as_deref(), Some("no-store"), "customer data must not be cached");
        let tickets: Vec<portal_core::TicketSummary> = expect_ok(tickets, "ann's tickets").await;
        let mut titles: Vec<&str> = tickets.iter().map(|t| t.title.as_str()).collect();
        titles.sort();
        assert_eq!(titles, ["Ann's export", "Ann's invoice"], "ann sees her tickets and only hers");

        let closed = app.close_session(&grant.token).await;
        assert_eq!(closed.status(), StatusCode::OK, "session/close");
        expect_error(app.tickets(Some(&grant.token)).await, 401, &PortalError::SessionEnded, "tickets after sign-out")
            .await;
        // Closing again is harmless.
        assert_eq!(app.close_session(&grant.token).await.status(), StatusCode::OK, "session/close twice");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_customer_is_created_on_first_sign_in() {
    on_each_backend("a_new_customer_is_created_on_first_sign_in", |db| async move {
        let app = spawn_app(db).await;
        let grant = app.sign_in("new@example.com").await;
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 1 });
        assert!(app.ticket_titles(&grant.token).await.is_empty(), "a new customer has no tickets");
        // Signing in again reuses the customer, with a second session.
        let again = app.sign_in("new@example.com").await;
        assert_ne!(again.token, grant.token, "every sign-in gets a fresh token");
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 2 });
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn tickets_need_a_live_bearer_token() {
    on_each_backend("tickets_need_a_live_bearer_token", |db| async move {
        let app = spawn_app(db).await;
        let grant = app.sign_in("ann@example.com").await;
        let ended = PortalError::SessionEnded;

        expect_error(app.tickets(None).await, 401, &ended, "tickets without Authorization").await;
        for (what, token) in [
            ("a garbage token", "not-a-token".to_string()),
            ("an unknown, well-formed token", random_token()),
            ("a truncated token", grant.token[..63].to_string()),
            ("an upper-case token", grant.token.to_uppercase()),
        ] {
            expect_error(app.tickets(Some(&token)).await, 401, &ended, &format!("tickets with {what}")).await;
        }
        for (what, header) in [
            ("the token without the Bearer scheme", grant.token.clone()),
            ("the Basic scheme", format!("Basic {}", grant.token)),
            ("an empty bearer", "Bearer ".to_string()),
        ] {
            let response = app
                .client
                .post(app.url("/api/portal/tickets"))
                .header("authorization", header)
                .json(&json!({}))
                .send()
                .await
                .expect("POST /api/portal/tickets");
            expect_error(response, 401, &ended, &format!("tickets with {what}")).await;
        }

        // The real token still works: the refusals above were about the token.
        assert!(app.ticket_titles(&grant.token).await.is_empty());

        // Expired (the clock moved past expires_at).
        app.db.execute(&format!("UPDATE sessions SET expires_at = {}", now_millis() - 1)).await;
        expect_error(app.tickets(Some(&grant.token)).await, 401, &ended, "tickets with an expired token").await;
    })
    .await;
}
