//! Pages and static routes: the embed page and who may frame it, the
//! frame's pages (`/api/portal/page`), the home page, the widget loader and
//! the health check.

use crate::app::*;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderMap};

/// Every `Content-Security-Policy` header of a response (the page's own
/// policy and the frame policy arrive as separate headers).
fn csp(headers: &HeaderMap) -> Vec<String> {
    headers.get_all(CONTENT_SECURITY_POLICY).iter().map(|v| v.to_str().expect("an ASCII header").to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn embed_page_renders_the_greeting_and_only_allowed_origins_may_frame_it() {
    on_each_backend("embed_page_renders_the_greeting_and_only_allowed_origins_may_frame_it", |db| async move {
        let app = spawn_app(db).await;
        let response = app.get("/embed/acme").await;
        assert_eq!(response.status(), StatusCode::OK, "GET /embed/acme");
        let headers = response.headers().clone();
        let html = response.text().await.expect("the page body");
        assert!(html.contains(GREETING), "the embed page should render the greeting {GREETING:?}; got:\n{html}");

        let policies = csp(&headers);
        assert!(
            policies.iter().any(|p| p.trim() == format!("frame-ancestors {ORIGIN}")),
            "expected a `frame-ancestors {ORIGIN}` policy, got {policies:?}"
        );
        let script_policy = policies
            .iter()
            .find(|p| p.contains("script-src"))
            .unwrap_or_else(|| panic!("expected a policy with script-src, got {policies:?}"));
        for directive in ["'nonce-", "object-src 'none'", "base-uri 'none'"] {
            assert!(script_policy.contains(directive), "expected {directive} in the page policy {script_policy:?}");
        }
        assert!(!script_policy.contains("'unsafe-inline'"), "no inline scripts without the nonce: {script_policy:?}");
        let cache = headers.get(CACHE_CONTROL).and_then(|v| v.to_str().ok());
        assert_eq!(cache, Some("no-cache"), "the embed page is revalidated (its allowed origins can change)");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn embed_page_of_an_unknown_or_malformed_workspace_is_404() {
    on_each_backend("embed_page_of_an_unknown_or_malformed_workspace_is_404", |db| async move {
        let app = spawn_app(db).await;
        for path in ["/embed/unknown", "/embed/Bad_Slug", "/embed/"] {
            let response = app.get(path).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "GET {path}");
            let html = response.text().await.expect("the page body");
            assert!(!html.contains(GREETING), "GET {path} must not render a workspace: {html}");
        }
        assert_eq!(app.rows().await, Rows::NONE, "looking at pages writes nothing");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn other_pages_may_not_be_framed() {
    on_each_backend("other_pages_may_not_be_framed", |db| async move {
        let app = spawn_app(db).await;
        for path in ["/", "/healthz", "/widget/loader.js", "/no/such/page"] {
            let response = app.get(path).await;
            let policies = csp(response.headers());
            assert!(
                policies.iter().any(|p| p.trim() == "frame-ancestors 'none'"),
                "GET {path}: expected `frame-ancestors 'none'`, got {policies:?}"
            );
            assert!(
                !policies.iter().any(|p| p.contains(ORIGIN)),
                "GET {path}: only /embed/ pages name the workspace's origins, got {policies:?}"
            );
        }
        let home = app.get("/").await;
        assert_eq!(home.status(), StatusCode::OK, "GET /");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn loader_and_health_check_are_served() {
    on_each_backend("loader_and_health_check_are_served", |db| async move {
        let app = spawn_app(db).await;

        let loader = app.get("/widget/loader.js").await;
        assert_eq!(loader.status(), StatusCode::OK, "GET /widget/loader.js");
        let content_type = loader.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(content_type.starts_with("text/javascript"), "the loader's content type: {content_type:?}");
        assert!(!loader.text().await.expect("the loader").trim().is_empty(), "the loader is not empty");

        let health = app.get("/healthz").await;
        assert_eq!(health.status(), StatusCode::OK, "GET /healthz");
        assert_eq!(health.text().await.expect("the health body"), "ok");
    })
    .await;
}

/// The frame's page at `path`, as the customer with `session` sees it.
async fn frame_page(app: &TestApp, session: Option<&str>, path: &str) -> reqwest::Response {
    app.post("/api/portal/page", &serde_json::json!({ "path": path }), session).await
}

#[tokio::test(flavor = "multi_thread")]
async fn frame_pages_show_the_customer_only_their_own_tickets() {
    use crate::rest::{api_token, open_ticket, post_message};
    use portal_app::PortalError;
    on_each_backend("frame_pages_show_the_customer_only_their_own_tickets", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "pages test").await;
        let own = open_ticket(&app, &token, "sam@example.com", "SAM-OWN-TICKET").await;
        let other = open_ticket(&app, &token, "ann@example.com", "ANN-OTHER-TICKET").await;
        let note = serde_json::json!({"body": "CANARY-NOTE", "internal": true, "author_name": "Agent"});
        assert_eq!(post_message(&app, &token, own, &note).await.status, 201, "an internal note");
        let sam = app.sign_in("sam@example.com").await;
        let sam = Some(sam.token.as_str());

        let list = expect_ok::<String>(frame_page(&app, sam, "").await, "the list").await;
        assert!(list.contains("SAM-OWN-TICKET") && !list.contains("ANN-OTHER-TICKET"), "{list}");
        assert!(list.contains(&format!(r#"href="/embed/{SLUG}/new""#)), "the list links to a new ticket: {list}");

        let ticket = expect_ok::<String>(frame_page(&app, sam, &format!("/tickets/{own}")).await, "Sam's ticket").await;
        assert!(ticket.contains("SAM-OWN-TICKET"), "{ticket}");
        assert!(ticket.contains(r#"data-action="reply""#), "the reply box: {ticket}");
        assert!(!ticket.contains("CANARY-NOTE"), "an internal note is never on the page: {ticket}");

        let form = expect_ok::<String>(frame_page(&app, sam, "/new").await, "the new-ticket form").await;
        assert!(form.contains(r#"data-action="create""#) && form.contains("Question"), "{form}");

        let refused = frame_page(&app, sam, &format!("/tickets/{other}")).await;
        expect_error(refused, 404, &PortalError::NotFound, "Ann's ticket, asked for by Sam").await;
        for path in ["/tickets/abc", "/admin", "/tickets/-1", "tickets"] {
            expect_error(frame_page(&app, sam, path).await, 404, &PortalError::PageNotFound, path).await;
        }
        expect_error(frame_page(&app, None, "").await, 401, &PortalError::SessionEnded, "no session").await;
    })
    .await;
}
