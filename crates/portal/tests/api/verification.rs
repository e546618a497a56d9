//! Identity verification: every malformed or wrong hash is a 401 with the
//! same message, and nothing is written.

use crate::app::*;
use portal_app::PortalError;
use portal_core::Email;
use portal_server::now_millis;

const EMAIL: &str = "ann@example.com";

/// Signs in with `hash` and expects a 401 `NotVerified` and no new rows.
async fn refused(app: &TestApp, workspace: &str, hash: &str, what: &str) {
    let before = app.rows().await;
    let response = app.open_session(&sign_in_body(workspace, ORIGIN, "Ann", EMAIL, hash)).await;
    expect_error(response, 401, &PortalError::NotVerified, what).await;
    assert_eq!(app.rows().await, before, "{what}: no customer or session may be written");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_hashes_are_refused_without_writing_anything() {
    on_each_backend("bad_hashes_are_refused_without_writing_anything", |db| async move {
        let app = spawn_app(db).await;
        let (_, globex_secret) = app.add_workspace("globex", ORIGIN).await;
        let good = app.hash(EMAIL);
        assert!(good.bytes().any(|b| b.is_ascii_lowercase()), "the upper-case case needs a letter in {good}");

        let cases = [
            ("a missing hash (empty string)", String::new()),
            ("a truncated hash (63 characters)", good[..63].to_string()),
            ("a hash one character too long", format!("{good}0")),
            ("a non-hex hash", format!("g{}", &good[1..])),
            ("an upper-case hash", good.to_uppercase()),
            ("a hash with surrounding spaces", format!(" {good} ")),
            ("another workspace's secret", sign_email(globex_secret.as_bytes(), EMAIL)),
            ("another email's hash", app.hash("bob@example.com")),
            ("the hash of a differently cased email", app.hash("Ann@example.com")),
            ("the secret itself", app.secret.clone()),
        ];
        for (what, hash) in &cases {
            refused(&app, "acme", hash, what).await;
        }
        assert_eq!(app.rows().await, Rows::NONE);

        // The control: the same request with the right hash is accepted.
        app.sign_in(EMAIL).await;
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 1 });
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_workspace_fails_like_a_bad_hash() {
    on_each_backend("an_unknown_workspace_fails_like_a_bad_hash", |db| async move {
        let app = spawn_app(db).await;
        let hash = app.hash(EMAIL);
        // 401 and not 404: which workspaces exist is nobody's business.
        refused(&app, "unknown", &hash, "an unknown workspace").await;
        refused(&app, "Bad_Slug", &hash, "a malformed workspace name").await;
        refused(&app, "", &hash, "an empty workspace name").await;
        assert_eq!(app.rows().await, Rows::NONE);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retired_secret_no_longer_verifies() {
    on_each_backend("a_retired_secret_no_longer_verifies", |db| async move {
        let app = spawn_app(db).await;
        let old_hash = app.hash(EMAIL);
        let now = now_millis();
        let new = app
            .store
            .rotate_secret(app.workspace.id, &portal_server::credentials::new_secret(), now, now)
            .await
            .expect("rotate");
        refused(&app, "acme", &old_hash, "a hash made with a retired secret").await;
        assert_eq!(app.rows().await, Rows::NONE);

        let new_hash = sign_email(new.value.as_bytes(), EMAIL);
        app.sign_in_with("acme", ORIGIN, EMAIL, &new_hash).await;
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 1 });
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn emails_that_unicode_folds_onto_another_are_refused() {
    on_each_backend("emails_that_unicode_folds_onto_another_are_refused", |db| async move {
        let app = spawn_app(db).await;
        let ws = app.workspace.id;
        for owner in ["kate@example.com", "irene@example.com", "sam@example.com"] {
            app.customer_with_tickets(ws, owner, &[&format!("Invoice of {owner}")]).await;
        }
        let before = app.rows().await;
        // Each is signed by the site, and each folds, by some Unicode rule,
        // onto an address above: the Kelvin sign, the dotted capital I, the long s.
        for email in ["\u{212A}ate@example.com", "\u{130}rene@example.com", "\u{17F}am@example.com"] {
            let body = sign_in_body(SLUG, ORIGIN, "Mallory", email, &app.hash(email));
            expect_invalid(app.open_session(&body).await, "could pass for another address", email).await;
            assert_eq!(app.rows().await, before, "{email}: no customer or session may be written");
        }
        let kate = app.store.customer_by_email(ws, &Email::parse("kate@example.com").unwrap()).await.unwrap();
        assert_eq!(kate.expect("kate").name, "Fixture Customer", "the refused sign-in renamed nobody");

        // ASCII case still folds: the site may sign Kate's address in capitals.
        let token = app.sign_in("KATE@example.com").await.token;
        assert_eq!(app.ticket_titles(&token).await, ["Invoice of kate@example.com"]);
        assert_eq!(app.rows().await, Rows { customers: before.customers, sessions: 1 });
    })
    .await;
}
