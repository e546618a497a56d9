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
        // The allowed origin, and the portal's own, where the console tests it as a customer.
        let own = app.base.replace("127.0.0.1", "localhost");
        assert!(
            policies.iter().any(|p| p.trim() == format!("frame-ancestors {ORIGIN} {own}")),
            "expected a `frame-ancestors {ORIGIN} {own}` policy, got {policies:?}"
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

/// The list sorts by a column when its heading is clicked, and says how it is
/// sorted (`aria-sort`); Created is a column of its own, as in Intercom's portal.
#[tokio::test(flavor = "multi_thread")]
async fn column_headings_sort_the_list_and_say_how_it_is_sorted() {
    use crate::rest::{api_token, open_ticket};
    on_each_backend("column_headings_sort_the_list_and_say_how_it_is_sorted", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "sort test").await;
        open_ticket(&app, &token, "sam@example.com", "FIRST-OPENED").await;
        open_ticket(&app, &token, "sam@example.com", "SECOND-OPENED").await;
        let sam = app.sign_in("sam@example.com").await;
        let heading = |html: &str, key: &str| -> String {
            let at = html.find(&format!(r#"data-testid="sort-by-{key}""#)).unwrap_or_else(|| panic!("{key}: {html}"));
            let start = html[..at].rfind("<th").unwrap();
            html[start..start + html[start..].find("</th>").unwrap()].to_string()
        };

        let list = page_html(&app, &sam.token, "").await;
        assert!(heading(&list, "updated").contains(r#"aria-sort="descending""#), "the default sort: {list}");
        assert!(heading(&list, "updated").contains("sort=updated-asc"), "a click turns it round");
        for (key, click) in
            [("number", "number-desc"), ("type", "type-asc"), ("state", "state-asc"), ("created", "created-desc")]
        {
            let th = heading(&list, key);
            assert!(th.contains(r#"aria-sort="none""#) && th.contains(&format!("sort={click}")), "{key}: {th}");
        }
        assert_eq!(list.matches(r#"data-testid="ticket-created""#).count(), 2, "a Created cell a row");

        let oldest = page_html(&app, &sam.token, "?sort=created-asc").await;
        assert!(heading(&oldest, "created").contains(r#"aria-sort="ascending""#), "{oldest}");
        assert!(heading(&oldest, "updated").contains(r#"aria-sort="none""#), "{oldest}");
        let (first, second) = (oldest.find("FIRST-OPENED").unwrap(), oldest.find("SECOND-OPENED").unwrap());
        assert!(first < second, "oldest first");
    })
    .await;
}

/// The frame's page at `path`, which must answer 200.
pub async fn page_html(app: &TestApp, session: &str, path: &str) -> String {
    expect_ok::<String>(frame_page(app, Some(session), path).await, path).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_offers_company_tabs_unless_the_customer_is_restricted() {
    use portal_core::visibility::{Condition, TicketVisibility};
    use portal_core::{AgentScope, CompanyKey};
    on_each_backend("the_list_offers_company_tabs_unless_the_customer_is_restricted", |db| async move {
        let app = spawn_app(db).await;
        let (store, workspace) = (&*app.store, app.workspace.id);
        let now = portal_server::now_millis();
        let globex = CompanyKey::parse("globex").unwrap();
        store.upsert_company(workspace, &globex, "Globex", now).await.unwrap();
        app.customer_with_tickets(workspace, "sam@globex.example", &["SAM-OWN"]).await;
        app.customer_with_tickets(workspace, "kim@contractor.example", &["KIM-OWN"]).await;
        let sam = app.sign_in("sam@globex.example").await;
        let kim = app.sign_in("kim@contractor.example").await;
        let hash = [7u8; 32];
        store
            .create_api_token(workspace, &portal_core::TokenName::parse("pages test").unwrap(), &hash, now)
            .await
            .unwrap();
        let agent = AgentScope::for_api_token(&store.active_api_token(&hash).await.unwrap().unwrap());
        for email in ["sam@globex.example", "kim@contractor.example"] {
            let customer = store.customer_by_email(workspace, &portal_core::Email::parse(email).unwrap()).await;
            let customer = customer.unwrap().expect("signed in");
            store.set_customer_companies(workspace, customer.id, std::slice::from_ref(&globex)).await.unwrap();
        }
        for ticket in store.agent_list_tickets(&agent, 10).await.unwrap() {
            store.agent_update_ticket(&agent, ticket.number, None, None, Some(Some(&globex)), now).await.unwrap();
        }

        let all = page_html(&app, &sam.token, "").await;
        assert!(all.contains("SAM-OWN") && all.contains("KIM-OWN"), "all of globex's tickets: {all}");
        assert!(all.contains(r#"data-testid="tab-all""#) && all.contains(r#"data-testid="tab-mine""#), "{all}");
        let mine = page_html(&app, &sam.token, "?tab=mine").await;
        assert!(mine.contains("SAM-OWN") && !mine.contains("KIM-OWN"), "created by me: {mine}");

        // Contractors only see their own: one tab, whatever the path asks.
        let contractors = Condition::parse("email", "ends_with", "@contractor.example").unwrap();
        store.set_ticket_visibility(workspace, &TicketVisibility::new(true, vec![contractors]).unwrap()).await.unwrap();
        let restricted = page_html(&app, &kim.token, "").await;
        assert!(restricted.contains("KIM-OWN") && !restricted.contains("SAM-OWN"), "{restricted}");
        assert!(!restricted.contains(r#"data-testid="tab-all""#), "no All tab: {restricted}");
        assert!(page_html(&app, &sam.token, "").await.contains("KIM-OWN"), "sam is not restricted");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn companies_and_visibility_from_the_command_line() {
    use portal::commands;
    on_each_backend("companies_and_visibility_from_the_command_line", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        app.sign_in("sam@globex.example").await;
        let kim = app.sign_in("kim@contractor.example").await;
        commands::set_company(store, SLUG, "globex", "Globex").await.unwrap();
        for email in ["sam@globex.example", "kim@contractor.example"] {
            commands::set_customer_companies(store, SLUG, email, &["globex".into()]).await.unwrap();
        }
        let said = commands::set_visibility(store, SLUG, true, &["email ends_with @CONTRACTOR.example".into()], false)
            .await
            .unwrap();
        assert!(said.contains("matching all 1 condition"), "{said}");
        assert!(!page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "kim is restricted");
        // Off keeps the condition; on again without conditions re-applies it.
        commands::set_visibility(store, SLUG, false, &[], false).await.unwrap();
        assert!(page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "toggle off");
        commands::set_visibility(store, SLUG, true, &[], false).await.unwrap();
        assert!(!page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "the condition is back");

        // Attribute conditions follow the customer's attributes.
        commands::set_visibility(store, SLUG, true, &["attributes.role equals guest".into()], false).await.unwrap();
        assert!(page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "kim has no role");
        commands::set_customer_attributes(store, SLUG, "kim@contractor.example", &["role=Guest".into()]).await.unwrap();
        assert!(!page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "kim is a guest");

        // Company attribute conditions follow the company's attributes.
        let self_serve = ["company.attributes.plan equals self-serve".to_string()];
        commands::set_visibility(store, SLUG, true, &self_serve, false).await.unwrap();
        assert!(page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "globex has no plan");
        let said = commands::set_company_attributes(store, SLUG, "globex", &["plan=Self-Serve".into()]).await.unwrap();
        assert!(said.contains("1 attribute(s)"), "{said}");
        assert!(!page_html(&app, &kim.token, "").await.contains(r#"data-testid="tab-all""#), "globex is self-serve");

        let before = store.ticket_visibility(app.workspace.id).await.unwrap();
        for (what, refused) in [
            ("operator", commands::set_visibility(store, SLUG, true, &["email like x".into()], false).await),
            ("attribute", commands::set_visibility(store, SLUG, true, &["plan equals x".into()], false).await),
            ("shape", commands::set_visibility(store, SLUG, true, &["email".into()], false).await),
            (
                "company",
                commands::set_customer_companies(store, SLUG, "kim@contractor.example", &["nope".into()]).await,
            ),
            ("customer", commands::set_customer_companies(store, SLUG, "who@example.com", &["globex".into()]).await),
            ("company key", commands::set_company(store, SLUG, "two words", "X").await),
            (
                "attribute key",
                commands::set_customer_attributes(store, SLUG, "kim@contractor.example", &["Role=x".into()]).await,
            ),
            (
                "company attribute key",
                commands::set_company_attributes(store, SLUG, "globex", &["Plan=x".into()]).await,
            ),
            ("company attribute", commands::set_company_attributes(store, SLUG, "globex", &["plan".into()]).await),
            ("unknown company", commands::set_company_attributes(store, SLUG, "nope", &["plan=x".into()]).await),
        ] {
            let error = refused.expect_err(what).to_string();
            assert!(!error.is_empty(), "{what}");
        }
        assert_eq!(store.ticket_visibility(app.workspace.id).await.unwrap(), before, "refusals change nothing");
    })
    .await;
}

/// A page is streamed: its shell first, then what waited for the database.
/// Clients that hang up in between (a closed tab, a reload) must leave
/// every worker free: afterwards the portal still answers at once.
#[tokio::test(flavor = "multi_thread")]
async fn clients_that_hang_up_mid_page_leave_the_server_answering() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    on_each_backend("clients_that_hang_up_mid_page", |db| async move {
        let app = spawn_app(db).await;
        let host = app.base.trim_start_matches("http://").to_string();
        let hang_up = |path: &'static str| {
            let host = host.clone();
            async move {
                let mut socket = tokio::net::TcpStream::connect(&host).await.expect("connect");
                let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Language: de\r\n\r\n");
                socket.write_all(request.as_bytes()).await.expect("send");
                let mut first = [0u8; 64];
                let _ = socket.read(&mut first).await;
                // Dropped here, the rest of the page unread.
            }
        };
        let mut hangups = tokio::task::JoinSet::new();
        for round in 0..60 {
            hangups.spawn(hang_up(if round % 2 == 0 { "/embed/acme" } else { "/embed/acme/tickets/1" }));
        }
        while hangups.join_next().await.is_some() {}
        let answered = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            let page = app.get("/embed/acme").await;
            (page.status(), page.text().await.unwrap_or_default())
        })
        .await
        .expect("the portal answers a page after clients hung up");
        assert_eq!(answered.0, 200);
        assert!(answered.1.contains(GREETING), "the whole page, streamed to its end");
        assert_eq!(app.get("/healthz").await.status(), 200);
    })
    .await;
}
