//! The list's search, filters, sort and pages, through the frame's page
//! endpoint: what a customer finds, how the preview is escaped, and that
//! every bad input is a clear message on the page (never a 500, never
//! another customer's ticket).

use crate::app::*;
use crate::pages::page_html;
use crate::rest::{api_token, open_ticket, post_message};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn search_previews_are_escaped_and_never_show_notes_or_others_tickets() {
    on_each_backend("search_previews_are_escaped_and_never_show_notes_or_others_tickets", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "search test").await;
        let own = open_ticket(&app, &token, "sam@example.com", "Office supplies").await;
        open_ticket(&app, &token, "ann@example.com", "Printer for Ann").await;
        let reply = json!({"body": "Your <script>alert(1)</script> printer is fixed", "author_name": "Agent Jo"});
        assert_eq!(post_message(&app, &token, own, &reply).await.status, 201);
        let note = json!({"body": "printer CANARY-NOTE", "internal": true, "author_name": "Agent"});
        assert_eq!(post_message(&app, &token, own, &note).await.status, 201);
        let sam = app.sign_in("sam@example.com").await;

        let found = page_html(&app, &sam.token, "?q=printer").await;
        assert!(found.contains("Office supplies") && !found.contains("Printer for Ann"), "{found}");
        assert!(found.contains(r#"data-testid="preview-heading""#), "the preview column: {found}");
        assert!(found.contains("<mark>printer</mark>"), "the word is marked: {found}");
        assert!(found.contains("&lt;script&gt;") && !found.contains("<script>alert"), "escaped: {found}");
        assert!(found.contains("Agent Jo"), "the snippet's author: {found}");
        assert!(!found.contains("CANARY-NOTE"), "never an internal note: {found}");

        let said = portal::commands::set_search_preview(&*app.store, SLUG, false).await.unwrap();
        assert!(said.contains("do not show the preview column"), "{said}");
        let found = page_html(&app, &sam.token, "?q=printer").await;
        assert!(found.contains("Office supplies") && !found.contains("preview-heading"), "preview off: {found}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_list_urls_get_a_clear_message_or_a_clamp() {
    on_each_backend("bad_list_urls_get_a_clear_message_or_a_clamp", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "search test").await;
        for title in ["SAM-1 printer", "SAM-2 printer", "SAM-3 printer"] {
            open_ticket(&app, &token, "sam@example.com", title).await;
        }
        open_ticket(&app, &token, "ann@example.com", "ANN-1 printer").await;
        let sam = app.sign_in("sam@example.com").await;
        let long = "x".repeat(10 * 1024);

        // Full-text syntax is only words: answered, with Sam's tickets alone.
        for query in [
            "q=%22printer",
            "q=printer*",
            "q=printer+NEAR+sam",
            "q=title%3Aprinter",
            "q=-printer",
            "q=%22unbalanced",
            "q=sam+OR+ann",
            "limit=0",
            "limit=1000000",
            "tab=nonsense",
            "zzz=1",
        ] {
            let html = page_html(&app, &sam.token, &format!("?{query}")).await;
            assert!(!html.contains("list-problem"), "{query}: {html}");
            assert!(!html.contains("ANN-1"), "{query}: never another customer's ticket");
        }
        let one = page_html(&app, &sam.token, "?limit=0").await;
        assert_eq!(one.matches(r#"data-testid="ticket-row""#).count(), 1, "a page size of 0 is clamped to 1");
        assert!(one.contains(r#"data-testid="next-page""#), "and pages on");

        for (query, message) in [
            (format!("q={long}"), "at most 200 characters"),
            ("q=%22*%3A-%22".to_string(), "at least one letter or digit"),
            ("type=Nope".to_string(), "not one of this portal"),
            ("state=deleted".to_string(), "not a ticket state"),
            ("created_from=2026-02-02&created_to=2026-02-01".to_string(), "ends before it starts"),
            ("updated_from=tomorrow".to_string(), "not a date"),
            ("sort=price-asc".to_string(), "not a way to sort"),
            ("after=99999999999999999999999".to_string(), "page link is damaged"),
            ("sort=number-asc&after=x_1".to_string(), "page link is damaged"),
        ] {
            let html = page_html(&app, &sam.token, &format!("?{query}")).await;
            assert!(html.contains("list-problem") && html.contains(message), "{query:.60}: {html}");
            assert!(!html.contains("SAM-1") && !html.contains("ANN-1"), "{query:.60}: no rows with a problem");
        }
        // A cursor is only a place in Sam's own list: one "after" Ann's
        // ticket still lists Sam's tickets alone.
        let html = page_html(&app, &sam.token, "?sort=number-asc&after=1").await;
        assert!(html.contains("SAM-2") && !html.contains("ANN-1"), "{html}");
    })
    .await;
}
