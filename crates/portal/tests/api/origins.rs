//! Sessions open only from the pages the workspace allows to embed it.
//! Something that is not an origin at all (`*`, `null`) is refused the same way.

use crate::app::*;
use portal_app::PortalError;

const EMAIL: &str = "ann@example.com";

async fn refused(app: &TestApp, origin: &str) {
    let what = format!("sign-in from origin {origin:?}");
    let response = app.open_session(&sign_in_body("acme", origin, "Ann", EMAIL, &app.hash(EMAIL))).await;
    expect_error(response, 403, &PortalError::OriginNotAllowed, &what).await;
    assert_eq!(app.rows().await, Rows::NONE, "{what}: no customer or session may be written");
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_from_an_origin_not_allowed_is_403() {
    on_each_backend("sign_in_from_an_origin_not_allowed_is_403", |db| async move {
        let app = spawn_app(db).await;
        app.add_workspace("globex", "https://globex.example").await;
        for origin in [
            "https://evil.example",
            // Near misses of the allowed http://127.0.0.1:9999.
            "http://127.0.0.1:9998",
            "https://127.0.0.1:9999",
            "http://localhost:9999",
            // Allowed for another workspace, not this one.
            "https://globex.example",
        ] {
            refused(&app, origin).await;
        }
        // The control: the allowed origin, spelled as a browser may.
        app.sign_in_with("acme", "HTTP://127.0.0.1:9999", EMAIL, &app.hash(EMAIL)).await;
    })
    .await;
}

/// Strings the frame could report that are not origins at all.
const NOT_ORIGINS: [&str; 5] = ["*", "null", "", "http://127.0.0.1:9999/page", "file://"];

/// Whatever the status, nothing is written (the exact status is
/// `sign_in_from_something_that_is_not_an_origin_is_403`).
#[tokio::test(flavor = "multi_thread")]
async fn sign_in_from_something_that_is_not_an_origin_writes_nothing() {
    on_each_backend("sign_in_from_something_that_is_not_an_origin_writes_nothing", |db| async move {
        let app = spawn_app(db).await;
        for origin in NOT_ORIGINS {
            let response = app.open_session(&sign_in_body("acme", origin, "Ann", EMAIL, &app.hash(EMAIL))).await;
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            let error = serde_json::from_str::<PortalError>(&body).ok();
            assert!(
                !status.is_success() && error == Some(PortalError::OriginNotAllowed),
                "sign-in from {origin:?}: expected a refusal with OriginNotAllowed, got {status} with {body}"
            );
            assert_eq!(app.rows().await, Rows::NONE, "sign-in from {origin:?}: nothing may be written");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]

async fn sign_in_from_something_that_is_not_an_origin_is_403() {
    on_each_backend("sign_in_from_something_that_is_not_an_origin_is_403", |db| async move {
        let app = spawn_app(db).await;
        for origin in NOT_ORIGINS {
            refused(&app, origin).await;
        }
    })
    .await;
}

/// `portal workspace create` parses its origins as the console does: more
/// than the cap is refused and writes nothing, and a repeated one counts once.
#[tokio::test(flavor = "multi_thread")]
async fn the_command_line_caps_and_deduplicates_origins_as_the_console_does() {
    on_each_backend("the_command_line_caps_and_deduplicates_origins_as_the_console_does", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        let many: Vec<String> =
            (0..=portal_core::AllowedOrigins::MAX).map(|i| format!("https://s{i}.example.com")).collect();
        let refused = portal::commands::create_workspace(store, "many", "Many", "Hi", &many).await.unwrap_err();
        assert!(refused.to_string().contains("at most 20 origins"), "{refused}");
        let slug = portal_core::WorkspaceSlug::parse("many").unwrap();
        assert!(store.workspace_by_slug(&slug).await.unwrap().is_none(), "nothing was written");

        let twice = vec!["https://a.example".to_string(), "HTTPS://A.example:443".to_string()];
        portal::commands::create_workspace(store, "twice", "Twice", "Hi", &twice).await.unwrap();
        let slug = portal_core::WorkspaceSlug::parse("twice").unwrap();
        let ws = store.workspace_by_slug(&slug).await.unwrap().unwrap();
        assert_eq!(ws.allowed_origins.len(), 1);
    })
    .await;
}
