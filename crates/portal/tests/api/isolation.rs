//! Tenancy: a customer sees their own tickets in the workspace they signed
//! in to, never another customer's, never another workspace's.

use crate::app::*;
use portal_app::PortalError;

#[tokio::test(flavor = "multi_thread")]
async fn customers_see_only_their_own_tickets_in_their_own_workspace() {
    on_each_backend("customers_see_only_their_own_tickets_in_their_own_workspace", |db| async move {
        let app = spawn_app(db).await;
        let globex_origin = "https://globex.example";
        let (globex, globex_secret) = app.add_workspace("globex", globex_origin).await;
        let acme = app.workspace.id;
        // The same person is a customer of both companies.
        let email = "sam@example.com";
        app.customer_with_tickets(acme, email, &["ACME-SAM-1", "ACME-SAM-2"]).await;
        app.customer_with_tickets(acme, "ann@example.com", &["ACME-ANN-1"]).await;
        app.customer_with_tickets(globex.id, email, &["GLOBEX-SAM-1"]).await;
        app.customer_with_tickets(globex.id, "ann@example.com", &["GLOBEX-ANN-1"]).await;
        let before = app.rows().await;

        let at_acme = app.sign_in(email).await;
        let globex_hash = sign_email(globex_secret.as_bytes(), email);
        let at_globex = app.sign_in_with("globex", globex_origin, email, &globex_hash).await;
        let ann_at_acme = app.sign_in("ann@example.com").await;

        assert_eq!(app.ticket_titles(&at_acme.token).await, ["ACME-SAM-1", "ACME-SAM-2"], "sam at acme");
        assert_eq!(app.ticket_titles(&at_globex.token).await, ["GLOBEX-SAM-1"], "sam at globex");
        assert_eq!(app.ticket_titles(&ann_at_acme.token).await, ["ACME-ANN-1"], "ann at acme");
        assert_eq!(
            app.rows().await,
            Rows { customers: before.customers, sessions: 3 },
            "signing in existing customers adds sessions only"
        );

        // Sam's acme signature opens nothing at globex, and the other way round.
        let body = sign_in_body("globex", globex_origin, "Sam", email, &app.hash(email));
        expect_error(app.open_session(&body).await, 401, &PortalError::NotVerified, "acme's hash at globex").await;
        let body = sign_in_body("acme", ORIGIN, "Sam", email, &globex_hash);
        expect_error(app.open_session(&body).await, 401, &PortalError::NotVerified, "globex's hash at acme").await;
        // Nor does acme's origin let anyone into globex.
        let body = sign_in_body("globex", ORIGIN, "Sam", email, &globex_hash);
        expect_error(app.open_session(&body).await, 403, &PortalError::OriginNotAllowed, "acme's origin at globex")
            .await;
        assert_eq!(app.rows().await.sessions, 3, "refused sign-ins open no session");

        // Signing out at one workspace leaves the other session alone.
        app.close_session(&at_acme.token).await;
        expect_error(app.tickets(Some(&at_acme.token)).await, 401, &PortalError::SessionEnded, "sam at acme, closed")
            .await;
        assert_eq!(app.ticket_titles(&at_globex.token).await, ["GLOBEX-SAM-1"], "sam at globex, still open");
    })
    .await;
}
