//! The portal's audience over HTTP: a verified customer outside it gets
//! "no access" and no session; a session whose customer leaves it gets "no
//! access" on every customer-data path; the command line sets it and
//! previews it.

use crate::app::*;
use portal_app::PortalError;
use portal_server::commands;

#[tokio::test(flavor = "multi_thread")]
async fn customers_outside_the_audience_get_no_access_and_no_data() {
    on_each_backend("customers_outside_the_audience_get_no_access_and_no_data", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        let kim = app.sign_in("kim@other.test").await;
        app.customer_with_tickets(app.workspace.id, "kim@other.test", &["KIM-TICKET"]).await;
        app.sign_in("sam@example.com").await;

        let preview = commands::preview_audience(store, SLUG, &["email contains example.com".into()]).await.unwrap();
        assert!(preview.starts_with("1 of 2 customer(s) match.") && preview.contains("sam@example.com"), "{preview}");
        assert!(!preview.contains("kim@"), "{preview}");
        let said = commands::set_audience(store, SLUG, &["email contains example.com".into()]).await.unwrap();
        assert!(said.contains("1 of 2 customer(s) may use the portal"), "{said}");

        // Kim's open session now reaches nothing.
        let token = Some(kim.token.as_str());
        let page = app.post("/api/portal/page", &serde_json::json!({ "path": "" }), token).await;
        expect_error(page, 403, &PortalError::NoAccess, "Kim's list").await;
        expect_error(app.tickets(token).await, 403, &PortalError::NoAccess, "Kim's tickets").await;

        // A new sign-in is refused with "no access", and opens no session.
        let before = app.rows().await;
        let body = sign_in_body(SLUG, ORIGIN, "Kim", "kim@other.test", &app.hash("kim@other.test"));
        expect_error(app.open_session(&body).await, 403, &PortalError::NoAccess, "Kim signs in").await;
        assert_eq!(app.rows().await.sessions, before.sessions, "no session was opened");
        assert!(app.sign_in("sam@example.com").await.token.len() > 10, "Sam is in the audience");

        // Bad conditions change nothing.
        for bad in ["plan equals x", "email like x", "email"] {
            assert!(commands::set_audience(store, SLUG, &[bad.into()]).await.is_err(), "{bad}");
        }
        let kept = store.portal_audience(app.workspace.id).await.unwrap();
        assert_eq!(kept.conditions.len(), 1, "the audience is unchanged");

        // No conditions: everyone again, and Kim's session works again.
        commands::set_audience(store, SLUG, &[]).await.unwrap();
        let titles = app.ticket_titles(&kim.token).await;
        assert_eq!(titles, ["KIM-TICKET"]);
    })
    .await;
}
