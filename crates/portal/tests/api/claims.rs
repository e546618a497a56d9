//! Company membership by signed claim: the site signs the customer's
//! company keys with the workspace secret; the portal replaces the
//! customer's companies with exactly those, and refuses a claim it cannot
//! verify without changing anything.

use crate::app::*;
use portal_app::PortalError;
use portal_core::{CompanyKey, company_claim, sign};
use serde_json::{Value, json};

fn claim_body(app: &TestApp, email: &str, companies: &str, hash: &str) -> Value {
    let mut body = sign_in_body(SLUG, ORIGIN, "Claimant", email, &app.hash(email));
    body["companies"] = json!(companies);
    body["companies_hash"] = json!(hash);
    body
}

fn claim_hash(app: &TestApp, email: &str, companies: &str) -> String {
    sign(app.secret.as_bytes(), &company_claim(email, companies))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_claim_sets_the_customers_companies() {
    on_each_backend("a_signed_claim_sets_the_customers_companies", |db| async move {
        let app = spawn_app(db).await;
        let store = &*app.store;
        let email = "sam@example.com";
        let hash = claim_hash(&app, email, "acme-inc, globex");
        let grant: serde_json::Value =
            expect_ok(app.open_session(&claim_body(&app, email, "acme-inc, globex", &hash)).await, "a claim").await;
        assert!(grant["token"].is_string());
        let sam = store.customer_by_email(app.workspace.id, &portal_core::Email::parse(email).unwrap()).await.unwrap();
        let keys = store.customer_companies(app.workspace.id, sam.unwrap().id).await.unwrap();
        let expected: Vec<CompanyKey> = ["acme-inc", "globex"].map(|k| CompanyKey::parse(k).unwrap()).to_vec();
        assert_eq!(keys, expected, "the claimed companies, created on first claim");

        // Refused claims change nothing.
        let before = app.rows().await;
        for (what, companies, hash, status, error) in [
            (
                "another email's claim",
                "globex",
                claim_hash(&app, "kim@example.com", "globex"),
                401,
                PortalError::NotVerified,
            ),
            ("other companies", "initech", claim_hash(&app, email, "globex"), 401, PortalError::NotVerified),
            ("no hash", "initech", String::new(), 401, PortalError::NotVerified),
            ("the email's hash", "initech", app.hash(email), 401, PortalError::NotVerified),
        ] {
            let response = app.open_session(&claim_body(&app, email, companies, &hash)).await;
            expect_error(response, status, &error, what).await;
        }
        let bad_key = "two words";
        let response = app.open_session(&claim_body(&app, email, bad_key, &claim_hash(&app, email, bad_key))).await;
        assert_eq!(response.status(), 400, "a malformed key");
        assert_eq!(app.rows().await, before, "no customer, no session");
        let newcomer = "new@example.com";
        let response = app.open_session(&claim_body(&app, newcomer, "x", &claim_hash(&app, newcomer, "y"))).await;
        expect_error(response, 401, &PortalError::NotVerified, "a newcomer's bad claim").await;
        assert_eq!(app.rows().await, before, "a newcomer with a bad claim is not even recorded");
        let sam = store.customer_by_email(app.workspace.id, &portal_core::Email::parse(email).unwrap()).await.unwrap();
        assert_eq!(store.customer_companies(app.workspace.id, sam.unwrap().id).await.unwrap(), expected);

        // Without a claim, memberships stay as they are.
        app.sign_in(email).await;
        let sam = store.customer_by_email(app.workspace.id, &portal_core::Email::parse(email).unwrap()).await.unwrap();
        assert_eq!(store.customer_companies(app.workspace.id, sam.unwrap().id).await.unwrap(), expected);
    })
    .await;
}
