//! Signing in with a JWT (`helpCenter("init", {user: {jwt}})`): a good
//! token opens a session once; every other token is refused with its own
//! message and writes nothing (only a good token's `jti` is recorded, to
//! refuse its replay). A workspace set to "JWT only" refuses the hash.

use crate::app::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use portal_app::PortalError;
use portal_core::jwt::sign_jwt;
use portal_core::{Claim, SessionGrant, TokenRefusal};
use portal_server::now_millis;
use serde_json::{Map, Value, json};

const EMAIL: &str = "ann@example.com";

fn now_s() -> i64 {
    now_millis() / 1000
}

/// The claims of a good token for `acme`, fresh and unique.
fn claims() -> Value {
    json!({
        "email": EMAIL,
        "name": "Ann",
        "iat": now_s(),
        "exp": now_s() + 300,
        "jti": random_token(),
        "aud": SLUG,
    })
}

fn with(change: impl FnOnce(&mut Map<String, Value>)) -> Value {
    let mut claims = claims();
    change(claims.as_object_mut().unwrap());
    claims
}

fn token_body(workspace: &str, origin: &str, jwt: &str) -> Value {
    json!({ "workspace": workspace, "origin": origin, "jwt": jwt })
}

impl TestApp {
    fn jwt(&self, claims: &Value) -> String {
        sign_jwt(self.secret.as_bytes(), claims)
    }

    async fn open_with_token(&self, jwt: &str) -> reqwest::Response {
        self.post("/api/portal/session/open-token", &token_body(SLUG, ORIGIN, jwt), None).await
    }

    async fn used_token_ids(&self) -> i64 {
        self.db.scalar("SELECT COUNT(*) FROM used_token_ids").await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_good_token_signs_in_once() {
    on_each_backend("a_good_token_signs_in_once", |db| async move {
        let app = spawn_app(db).await;
        app.customer_with_tickets(app.workspace.id, EMAIL, &["Ann's invoice"]).await;
        let jwt = app.jwt(&claims());

        let grant: SessionGrant = expect_ok(app.open_with_token(&jwt).await, "sign-in with a good token").await;
        assert_eq!((grant.customer_email.as_str(), grant.customer_name.as_str()), (EMAIL, "Ann"));
        assert_eq!(app.ticket_titles(&grant.token).await, ["Ann's invoice"]);
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 1 });
        assert_eq!(app.used_token_ids().await, 1);

        // The same token again, even after sign-out: refused, nothing written.
        app.close_session(&grant.token).await;
        let replayed = PortalError::TokenRefused(TokenRefusal::Replayed);
        expect_error(app.open_with_token(&jwt).await, 401, &replayed, "the token replayed").await;
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 1 }, "a replay writes nothing");
        assert_eq!(app.used_token_ids().await, 1);

        // A new customer, with a fresh token.
        let bob = app.jwt(&with(|c| {
            c.insert("email".into(), json!("bob@example.com"));
            c.remove("name");
        }));
        let grant: SessionGrant = expect_ok(app.open_with_token(&bob).await, "bob's first sign-in").await;
        assert_eq!((grant.customer_email.as_str(), grant.customer_name.as_str()), ("bob@example.com", ""));
        assert_eq!(app.rows().await, Rows { customers: 2, sessions: 2 });
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_tokens_are_refused_and_write_nothing() {
    on_each_backend("bad_tokens_are_refused_and_write_nothing", |db| async move {
        let app = spawn_app(db).await;
        let (globex, globex_secret) = app.add_workspace("globex", ORIGIN).await;
        let now = now_s();
        let refused = |refusal| PortalError::TokenRefused(refusal);
        let hs512 = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512),
            &claims(),
            &jsonwebtoken::EncodingKey::from_secret(app.secret.as_bytes()),
        )
        .unwrap();
        let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&claims()));
        let good = app.jwt(&claims());
        let (head, rest) = good.split_once('.').unwrap();
        let signature = rest.split_once('.').unwrap().1;
        let other_email =
            format!("{head}.{}.{signature}", b64(&with(|c| _ = c.insert("email".into(), json!("eve@example.com")))));

        let cases: Vec<(&str, String, u16, PortalError)> = vec![
            (
                "expired",
                app.jwt(&with(|c| {
                    c.insert("iat".into(), json!(now - 400));
                    c.insert("exp".into(), json!(now - 61));
                })),
                401,
                refused(TokenRefusal::Expired),
            ),
            (
                "future-dated",
                app.jwt(&with(|c| {
                    c.insert("iat".into(), json!(now + 120));
                    c.insert("exp".into(), json!(now + 300));
                })),
                401,
                refused(TokenRefusal::IssuedInFuture),
            ),
            (
                "too long-lived",
                app.jwt(&with(|c| _ = c.insert("exp".into(), json!(now + 3600)))),
                401,
                refused(TokenRefusal::TooLongLived),
            ),
            (
                "issued long ago",
                app.jwt(&with(|c| _ = c.insert("iat".into(), json!(now - 3600)))),
                401,
                refused(TokenRefusal::TooLongLived),
            ),
            (
                "for another workspace",
                app.jwt(&with(|c| _ = c.insert("aud".into(), json!("globex")))),
                401,
                refused(TokenRefusal::Audience),
            ),
            (
                "signed with another workspace's secret",
                sign_jwt(globex_secret.as_bytes(), &claims()),
                401,
                PortalError::NotVerified,
            ),
            ("claims swapped under a good signature", other_email, 401, PortalError::NotVerified),
            ("HS512", hs512, 401, refused(TokenRefusal::Algorithm)),
            ("alg none", none, 401, refused(TokenRefusal::Algorithm)),
            (
                "without email",
                app.jwt(&with(|c| _ = c.remove("email"))),
                401,
                refused(TokenRefusal::Claim(Claim::Email)),
            ),
            ("without jti", app.jwt(&with(|c| _ = c.remove("jti"))), 401, refused(TokenRefusal::Claim(Claim::Jti))),
            ("without exp", app.jwt(&with(|c| _ = c.remove("exp"))), 401, refused(TokenRefusal::Claim(Claim::Exp))),
            ("malformed", "not.a.token".into(), 401, refused(TokenRefusal::Malformed)),
            ("empty", String::new(), 401, refused(TokenRefusal::Malformed)),
            ("non-ASCII junk", "ünïcödé.☃.\u{0}\u{202e}".into(), 401, refused(TokenRefusal::Malformed)),
            ("oversized", "a".repeat(portal_core::jwt::MAX_TOKEN_LEN + 1), 401, refused(TokenRefusal::Malformed)),
        ];
        for (what, jwt, status, error) in cases {
            expect_error(app.open_with_token(&jwt).await, status, &error, what).await;
            assert_eq!(app.rows().await, Rows::NONE, "{what}: nothing written");
            assert_eq!(app.used_token_ids().await, 0, "{what}: no jti recorded");
        }

        // A token for globex, sent to acme: wrong aud. Sent to globex from
        // an origin it does not allow: refused before the token is read.
        let for_globex = sign_jwt(globex_secret.as_bytes(), &with(|c| _ = c.insert("aud".into(), json!("globex"))));
        let response = app
            .post("/api/portal/session/open-token", &token_body("globex", "https://evil.example", &for_globex), None)
            .await;
        expect_error(response, 403, &PortalError::OriginNotAllowed, "globex's token from a foreign origin").await;
        let response =
            app.post("/api/portal/session/open-token", &token_body("nowhere", ORIGIN, &for_globex), None).await;
        expect_error(response, 401, &PortalError::NotVerified, "an unknown workspace").await;
        assert_eq!(app.rows().await, Rows::NONE);
        assert_eq!(app.used_token_ids().await, 0);
        // And to globex as it should be: it works there, once.
        let response =
            app.post("/api/portal/session/open-token", &token_body("globex", ORIGIN, &for_globex), None).await;
        let _: SessionGrant = expect_ok(response, "globex's token on globex").await;
        assert_eq!(app.rows().await, Rows { customers: 1, sessions: 1 });
        let _ = globex;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retired_secret_signs_no_token() {
    on_each_backend("a_retired_secret_signs_no_token", |db| async move {
        let app = spawn_app(db).await;
        let ws = app.workspace.id;
        let now = now_millis();
        let new =
            app.store.rotate_secret(ws, &portal_server::credentials::new_secret(), now, now + HOUR).await.unwrap();
        // During the overlap both secrets sign.
        let _: SessionGrant = expect_ok(app.open_with_token(&app.jwt(&claims())).await, "the old secret").await;
        let with_new = sign_jwt(new.value.as_bytes(), &claims());
        let _: SessionGrant = expect_ok(app.open_with_token(&with_new).await, "the new secret").await;
        // Once the old one retires, its tokens are refused.
        let old = app.secret_id(ws, &app.secret).await;
        app.db.execute(&format!("UPDATE identity_secrets SET retires_at = {} WHERE id = {}", now - 1, old.0)).await;
        let before = app.rows().await;
        let response = app.open_with_token(&app.jwt(&claims())).await;
        expect_error(response, 401, &PortalError::NotVerified, "a token signed with the retired secret").await;
        assert_eq!(app.rows().await, before, "nothing written");
        assert_eq!(app.used_token_ids().await, 2, "only the two good tokens' ids");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_claims_the_customers_companies() {
    on_each_backend("a_token_claims_the_customers_companies", |db| async move {
        let app = spawn_app(db).await;
        let jwt = app.jwt(&with(|c| _ = c.insert("companies".into(), json!(["acme-corp", " globex "]))));
        let _: SessionGrant = expect_ok(app.open_with_token(&jwt).await, "a token with companies").await;
        let keys = app.db.scalar("SELECT COUNT(*) FROM company_members").await;
        assert_eq!(keys, 2, "ann is a member of both companies the token names");
        let jwt = app.jwt(&with(|c| _ = c.insert("companies".into(), json!("acme-corp"))));
        let _: SessionGrant = expect_ok(app.open_with_token(&jwt).await, "companies as one string").await;
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM company_members").await, 1, "replaced by the claim");
        // A key that is no key: refused before anything is written.
        let before = app.rows().await;
        let jwt = app.jwt(&with(|c| _ = c.insert("companies".into(), json!(["no spaces allowed here"]))));
        expect_invalid(app.open_with_token(&jwt).await, "companies", "a mis-formed company key").await;
        assert_eq!(app.rows().await, before);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_jwt_only_workspace_refuses_the_hash_and_takes_the_token() {
    on_each_backend("a_jwt_only_workspace_refuses_the_hash", |db| async move {
        let app = spawn_app(db).await;
        app.store.set_jwt_only(app.workspace.id, true).await.unwrap();
        let response = app.open_session(&sign_in_body(SLUG, ORIGIN, "Ann", EMAIL, &app.hash(EMAIL))).await;
        let required = PortalError::TokenRefused(TokenRefusal::TokenRequired);
        expect_error(response, 401, &required, "a good hash on a JWT-only workspace").await;
        assert_eq!(app.rows().await, Rows::NONE, "nothing written");
        let _: SessionGrant = expect_ok(app.open_with_token(&app.jwt(&claims())).await, "a token there").await;
        // Switched back, the hash works again.
        app.store.set_jwt_only(app.workspace.id, false).await.unwrap();
        let _: SessionGrant = expect_ok(
            app.open_session(&sign_in_body(SLUG, ORIGIN, "Ann", EMAIL, &app.hash(EMAIL))).await,
            "the hash once JWT-only is off",
        )
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_body_over_the_limit_or_mistyped_opens_nothing() {
    on_each_backend("a_token_body_over_the_limit_or_mistyped", |db| async move {
        let app = spawn_app(db).await;
        let huge = serde_json::to_vec(&token_body(SLUG, ORIGIN, &"a".repeat(70 * 1024))).unwrap();
        let (status, text) = app
            .raw_post("/api/portal/session/open-token", &huge, Framing::ExpectContinue)
            .await
            .expect("a 70 KiB token: no answer");
        assert_eq!(status, 413, "a body over 64 KiB: {text}");
        for body in [
            json!({"workspace": SLUG, "origin": ORIGIN}),
            json!({"workspace": SLUG, "origin": ORIGIN, "jwt": 42}),
            json!({"workspace": SLUG, "origin": ORIGIN, "jwt": ["a.b.c"]}),
        ] {
            let response = app.post("/api/portal/session/open-token", &body, None).await;
            assert_eq!(response.status().as_u16(), 400, "{body}");
        }
        let response = app
            .client
            .post(app.url("/api/portal/session/open-token"))
            .header("content-type", "application/json")
            .body(b"{\"workspace\":\"acme\",\"origin\":\"x\",\"jwt\":\"\xff\xfe\"}".to_vec())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 400, "invalid UTF-8");
        assert_eq!(app.rows().await, Rows::NONE);
        assert_eq!(app.used_token_ids().await, 0);
    })
    .await;
}
