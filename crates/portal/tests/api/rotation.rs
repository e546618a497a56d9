//! Secret rotation with an overlap: both secrets verify until the old one
//! retires, and sessions end with the secret they were opened with.

use crate::app::*;
use portal_app::PortalError;
use portal_server::now_millis;

const EMAIL: &str = "ann@example.com";

#[tokio::test(flavor = "multi_thread")]
async fn rotation_overlap_keeps_both_secrets_until_the_old_one_retires() {
    on_each_backend("rotation_overlap_keeps_both_secrets_until_the_old_one_retires", |db| async move {
        let app = spawn_app(db).await;
        let ws = app.workspace.id;
        app.customer_with_tickets(ws, EMAIL, &["Ann's ticket"]).await;
        let old_hash = app.hash(EMAIL);
        let before_rotation = app.sign_in(EMAIL).await;
        let old_secret = app.secret_id(ws, &app.secret).await;

        // `portal secret rotate --overlap 1h`
        let now = now_millis();
        let new = app
            .store
            .rotate_secret(ws, &portal_server::credentials::new_secret(), now, now + HOUR)
            .await
            .expect("rotate");
        let new_hash = sign_email(new.value.as_bytes(), EMAIL);
        assert_ne!(new_hash, old_hash);

        let with_old = app.sign_in_with("acme", ORIGIN, EMAIL, &old_hash).await;
        let with_new = app.sign_in_with("acme", ORIGIN, EMAIL, &new_hash).await;
        for (what, token) in [
            ("opened before", &before_rotation),
            ("opened with the old", &with_old),
            ("opened with the new", &with_new),
        ] {
            let titles = app.ticket_titles(&token.token).await;
            assert_eq!(titles, ["Ann's ticket"], "during the overlap, a session {what} secret works");
        }
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 3 });

        // The overlap ends for the old secret (as if the hour had passed).
        app.db
            .execute(&format!("UPDATE identity_secrets SET retires_at = {} WHERE id = {}", now - 1, old_secret.0))
            .await;
        for (what, token) in
            [("opened before the rotation", &before_rotation), ("opened with the old secret", &with_old)]
        {
            let response = app.tickets(Some(&token.token)).await;
            let what = format!("tickets of a session {what}, once that secret retired");
            expect_error(response, 401, &PortalError::SessionEnded, &what).await;
        }
        assert_eq!(app.ticket_titles(&with_new.token).await, ["Ann's ticket"], "the new secret's session lives on");
        let response = app.open_session(&sign_in_body("acme", ORIGIN, "Ann", EMAIL, &old_hash)).await;
        expect_error(response, 401, &PortalError::NotVerified, "sign-in with the retired secret").await;
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 3 }, "a refused sign-in writes nothing");

        // Rotating again with no overlap ends the new secret's sessions at once.
        let now = now_millis();
        let newest =
            app.store.rotate_secret(ws, &portal_server::credentials::new_secret(), now, now).await.expect("rotate");
        let response = app.tickets(Some(&with_new.token)).await;
        expect_error(response, 401, &PortalError::SessionEnded, "tickets after a rotation without overlap").await;
        let response = app.open_session(&sign_in_body("acme", ORIGIN, "Ann", EMAIL, &new_hash)).await;
        expect_error(response, 401, &PortalError::NotVerified, "sign-in with the secret retired at once").await;
        let newest_hash = sign_email(newest.value.as_bytes(), EMAIL);
        let latest = app.sign_in_with("acme", ORIGIN, EMAIL, &newest_hash).await;
        assert_eq!(app.ticket_titles(&latest.token).await, ["Ann's ticket"]);
    })
    .await;
}
