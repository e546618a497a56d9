//! The standalone portal (`/p/{workspace}`): custom sign-on with a JWT,
//! "Open in a new tab", its cookie (flags, lifetime, cross-site requests),
//! a workspace's own host name, and the customer's account (sessions,
//! access log, export), on both databases.

use crate::app::*;
use crate::rest::{api_token, open_ticket, post_message};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use portal_app::PortalError;
use portal_core::jwt::sign_jwt;
use portal_core::{PortalHost, SignInUrl, StandaloneSettings};
use portal_server::now_millis;
use reqwest::header::{COOKIE, HOST, LOCATION, SET_COOKIE};
use serde_json::{Value, json};

const SITE_LOGIN: &str = "https://acme.example/login";
const EMAIL: &str = "ann@example.com";
const NOT_VERIFIED: &str = "We could not verify your identity. Please sign in again on the site.";

fn claims(email: &str, aud: &str) -> Value {
    let now = now_millis() / 1000;
    json!({"email": email, "name": "Ann", "iat": now, "exp": now + 300, "jti": random_token(), "aud": aud})
}

/// What a standalone request sends: its cookie, and that it comes from the
/// portal's own pages.
struct Visitor<'a> {
    app: &'a TestApp,
    cookie: String,
}

impl Visitor<'_> {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.app.client.get(self.app.url(path)).header(COOKIE, &self.cookie).send().await.expect("GET")
    }

    /// A server function called by the portal's own page.
    async fn call(&self, path: &str, body: &Value, site: &str) -> reqwest::Response {
        let request = self.app.client.post(self.app.url(path)).header(COOKIE, &self.cookie).json(body);
        let request = if site.is_empty() { request } else { request.header("sec-fetch-site", site) };
        request.send().await.expect("POST")
    }
}

impl TestApp {
    async fn with_sign_on(&self) {
        let settings = StandaloneSettings {
            sign_in_url: SignInUrl::parse(SITE_LOGIN).unwrap(),
            new_tab_allowed: true,
            host: None,
            ..Default::default()
        };
        self.store.set_standalone(self.workspace.id, &settings).await.unwrap();
    }

    async fn sso(&self, jwt: &str, return_to: &str) -> reqwest::Response {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("jwt", jwt)
            .append_pair("return_to", return_to)
            .finish();
        self.get(&format!("/p/{SLUG}/sso?{query}")).await
    }

    /// Signs `email` in through custom sign-on; the visitor holding the cookie.
    async fn standalone_visitor(&self, email: &str) -> Visitor<'_> {
        let response = self.sso(&sign_jwt(self.secret.as_bytes(), &claims(email, SLUG)), "").await;
        assert_eq!(response.status(), 303, "sso of {email}");
        Visitor { app: self, cookie: cookie_pair(&response) }
    }

    /// How many lines of each kind the access log holds.
    async fn access_events(&self, event: &str) -> i64 {
        self.db.scalar(&format!("SELECT COUNT(*) FROM access_log WHERE event = '{event}'")).await
    }
}

/// `name=value` of the response's `Set-Cookie`.
fn cookie_pair(response: &reqwest::Response) -> String {
    let set = response.headers().get(SET_COOKIE).expect("a cookie is set").to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

async fn status_text(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let page = response.text().await.unwrap();
    let after = page.split(r#"data-testid="status""#).nth(1).unwrap_or("");
    let text = after.split_once('>').and_then(|(_, t)| t.split('<').next()).unwrap_or("");
    (status, text.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn custom_sign_on_signs_in_with_a_cookie_once_per_token() {
    on_each_backend("custom_sign_on_signs_in_once_per_token", |db| async move {
        let app = spawn_app(db).await;
        app.with_sign_on().await;
        app.customer_with_tickets(app.workspace.id, EMAIL, &["Ann's invoice"]).await;

        // A visitor without a session goes to the sign-in, and from there to
        // the site's login page with the way back.
        let page = app.get(&format!("/p/{SLUG}/tickets/1?x=1")).await;
        assert_eq!(page.status(), 303);
        assert_eq!(location(&page), format!("/p/{SLUG}/sign-in?return_to=%2Fp%2Facme%2Ftickets%2F1%3Fx%3D1"));
        let sign_in = app.get(&location(&page)).await;
        assert_eq!(sign_in.status(), 303);
        let sso = format!("{}/p/{SLUG}/sso?return_to=%2Fp%2Facme%2Ftickets%2F1%3Fx%3D1", app.state.public_url);
        let query: String = form_urlencoded::Serializer::new(String::new()).append_pair("return_to", &sso).finish();
        assert_eq!(location(&sign_in), format!("{SITE_LOGIN}?{query}"));

        // The site sends the user back with a token: signed in, a cookie, back to the page.
        let jwt = sign_jwt(app.secret.as_bytes(), &claims(EMAIL, SLUG));
        let signed = app.sso(&jwt, "/p/acme/tickets/1?x=1").await;
        assert_eq!(signed.status(), 303);
        assert_eq!(location(&signed), "/p/acme/tickets/1?x=1");
        let set = signed.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
        assert!(set.starts_with("portal_session="), "{set}");
        for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=86400"] {
            assert!(set.contains(flag), "{flag} in {set}");
        }
        assert!(!set.contains("Secure"), "no Secure flag over http: {set}");
        let visitor = Visitor { app: &app, cookie: cookie_pair(&signed) };
        assert_eq!(visitor.get("/p/acme/tickets/1").await.status(), 200);
        let me = visitor.call("/api/portal/account/me", &json!({}), "same-origin").await;
        assert_eq!(expect_ok::<Value>(me, "who am I").await["email"], EMAIL);
        let list = visitor.call("/api/portal/page", &json!({"path": ""}), "same-origin").await;
        let list = expect_ok::<String>(list, "the list").await;
        assert!(list.contains("Ann&#x27;s invoice") || list.contains("Ann's invoice"), "{list}");
        assert!(list.contains(r#"href="/p/acme/account""#), "standalone links stay standalone: {list}");

        // The token again: refused with a page, nothing written.
        let sessions = app.rows().await.sessions;
        let (status, text) = status_text(app.sso(&jwt, "").await).await;
        assert_eq!(
            (status, text.as_str()),
            (401, "This sign-in token has already been used. Please sign in again on the site.")
        );
        assert_eq!(app.rows().await.sessions, sessions);
        assert_eq!(app.access_events("signed-in").await, 1);

        // Only pages of this portal are returned to.
        let jwt = sign_jwt(app.secret.as_bytes(), &claims(EMAIL, SLUG));
        assert_eq!(location(&app.sso(&jwt, "https://evil.example/").await), "/p/acme/");

        // Sign-out: only from the portal's own pages; then the cookie is gone
        // and the visitor goes back to the site's login page.
        let cross = visitor.call("/api/portal/account/sign-out", &json!({}), "cross-site").await;
        expect_error(cross, 403, &PortalError::CrossSite, "a cross-site sign-out").await;
        assert_eq!(visitor.get("/p/acme/").await.status(), 200, "a cross-site sign-out changes nothing");
        let out = visitor.call("/api/portal/account/sign-out", &json!({}), "same-origin").await;
        let forget = out.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
        assert!(forget.starts_with("portal_session=;") && forget.contains("Max-Age=0"), "{forget}");
        let to: String = expect_ok(out, "sign-out").await;
        assert!(to.starts_with(&format!("{SITE_LOGIN}?return_to=")), "{to}");
        assert_eq!(visitor.get("/p/acme/").await.status(), 303, "the session has ended");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_sign_on_tokens_are_refused_with_a_page_and_write_nothing() {
    on_each_backend("bad_sign_on_tokens_are_refused", |db| async move {
        let app = spawn_app(db).await;
        app.with_sign_on().await;
        let (other, other_secret) = app.add_workspace("globex", "https://globex.example").await;
        let good = || claims(EMAIL, SLUG);
        let sign = |claims: &Value| sign_jwt(app.secret.as_bytes(), claims);
        let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let mut expired = good();
        expired["iat"] = json!(now_millis() / 1000 - 1200);
        expired["exp"] = json!(now_millis() / 1000 - 600);
        let cases = [
            ("expired", sign(&expired), "Your sign-in token has expired. Please sign in again on the site."),
            (
                "signed for another workspace",
                sign_jwt(other_secret.as_bytes(), &claims(EMAIL, other.slug.as_str())),
                NOT_VERIFIED,
            ),
            (
                "for another workspace (aud)",
                sign(&claims(EMAIL, "globex")),
                "This sign-in token is for another support portal. Please sign in again on the site.",
            ),
            ("signed with a secret not active", sign_jwt(b"a retired or made-up secret", &good()), NOT_VERIFIED),
            (
                "alg none",
                format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&good())),
                "The site's sign-in token must be signed with HS256. Please sign in again on the site.",
            ),
            (
                "missing",
                String::new(),
                "The site sent a sign-in token that is not a valid JWT. Please sign in again on the site.",
            ),
        ];
        for (what, jwt, said) in cases {
            let (status, text) = status_text(app.sso(&jwt, "").await).await;
            assert_eq!(status, 401, "{what}");
            assert_eq!(text, said, "{what}");
        }
        assert_eq!(app.rows().await, Rows::NONE, "refusals write nothing");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM access_log").await, 0);
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM used_token_ids").await, 0);

        // A portal that is off, or does not exist, says so.
        app.store.set_portal_enabled(app.workspace.id, false).await.unwrap();
        let (status, text) = status_text(app.sso(&sign(&good()), "").await).await;
        assert_eq!((status, text.as_str()), (404, "This support portal is not switched on yet."));
        let (status, text) = status_text(app.get("/p/nowhere/sso?jwt=x").await).await;
        assert_eq!((status, text.as_str()), (404, "This support portal does not exist."));
        assert_eq!(app.get("/p/acme/").await.status(), 404, "an off portal has no pages");
        assert_eq!(app.rows().await, Rows::NONE);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_https_the_cookie_is_a_secure_host_cookie_with_the_workspaces_lifetime() {
    on_each_backend("under_https_the_cookie_is_secure", |db| async move {
        let app = spawn_app_with(db, |config| config.public_url = Some("https://support.example.com".into())).await;
        let behaviour = portal_store::PortalBehaviour {
            session_lifetime: portal_core::SessionLifetime::from_millis(2 * HOUR).unwrap(),
            reopen_allowed: true,
            search_preview: false,
            default_locale: app.workspace.default_locale,
        };
        app.store.set_portal_behaviour(app.workspace.id, &behaviour).await.unwrap();
        let before = now_millis();
        let response = app.sso(&sign_jwt(app.secret.as_bytes(), &claims(EMAIL, SLUG)), "").await;
        let set = response.headers().get(SET_COOKIE).unwrap().to_str().unwrap().to_string();
        assert!(set.starts_with("__Host-portal_session="), "{set}");
        for flag in ["; Secure", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=7200"] {
            assert!(set.contains(flag), "{flag} in {set}");
        }
        assert!(!set.contains("Domain"), "a __Host- cookie names no domain: {set}");
        let expires = app.db.scalar("SELECT expires_at FROM sessions").await;
        assert!((before + 2 * HOUR..=now_millis() + 2 * HOUR).contains(&expires), "the session lasts two hours");

        // Once the lifetime is over, the cookie opens nothing.
        let visitor = Visitor { app: &app, cookie: cookie_pair(&response) };
        assert_eq!(visitor.get("/p/acme/").await.status(), 200);
        app.db.execute(&format!("UPDATE sessions SET expires_at = {}", now_millis() - 1)).await;
        assert_eq!(visitor.get("/p/acme/").await.status(), 303, "an expired session signs in again");
        let me = visitor.call("/api/portal/account/me", &json!({}), "same-origin").await;
        expect_error(me, 401, &PortalError::SessionEnded, "an expired cookie").await;
        // The plain name is not read under https.
        let plain = Visitor { app: &app, cookie: cookie_pair(&response).replace("__Host-", "") };
        expect_error(
            plain.call("/api/portal/account/me", &json!({}), "same-origin").await,
            401,
            &PortalError::SessionEnded,
            "plain name",
        )
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cross_site_requests_cannot_use_the_cookie_and_tokens_work_only_as_handed_out() {
    on_each_backend("cross_site_requests_cannot_use_the_cookie", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "cross-site test").await;
        let number = open_ticket(&app, &token, EMAIL, "Ann's ticket").await;
        let visitor = app.standalone_visitor(EMAIL).await;
        let reply = json!({"number": number, "body": "From a cross-site form", "key": random_token()});
        // Refused as coming from elsewhere (403), and nothing written.
        for (what, site, origin) in [
            ("cross-site", Some("cross-site"), None),
            ("same-site", Some("same-site"), None),
            ("no headers at all", None, None),
            ("another origin", None, Some("https://evil.example")),
        ] {
            let mut request =
                app.client.post(app.url("/api/portal/ticket/reply")).header(COOKIE, &visitor.cookie).json(&reply);
            if let Some(site) = site {
                request = request.header("sec-fetch-site", site);
            }
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            expect_error(request.send().await.unwrap(), 403, &PortalError::CrossSite, what).await;
        }
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM messages WHERE body LIKE 'From a cross-site%'").await, 0);
        // From the portal's own page (by Origin, for browsers without Sec-Fetch-Site): accepted.
        let own = app.client.post(app.url("/api/portal/ticket/reply")).header(COOKIE, &visitor.cookie);
        let own = own.header("origin", app.state.public_url.as_str()).json(&reply).send().await.unwrap();
        assert_eq!(own.status(), 200, "{}", own.text().await.unwrap());

        // A standalone token is no bearer token, and a frame's token is no cookie.
        let standalone_token = visitor.cookie.split_once('=').unwrap().1.to_string();
        expect_error(app.tickets(Some(&standalone_token)).await, 401, &PortalError::SessionEnded, "cookie as bearer")
            .await;
        let embedded = app.sign_in(EMAIL).await;
        let as_cookie = Visitor { app: &app, cookie: format!("portal_session={}", embedded.token) };
        expect_error(
            as_cookie.call("/api/portal/account/me", &json!({}), "same-origin").await,
            401,
            &PortalError::SessionEnded,
            "bearer as cookie",
        )
        .await;
        assert_eq!(as_cookie.get("/p/acme/").await.status(), 303, "a frame's token opens no standalone page");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_name_of_its_own_serves_its_workspace_and_no_other() {
    on_each_backend("a_host_name_of_its_own", |db| async move {
        let app = spawn_app(db).await;
        app.add_workspace("globex", "https://globex.example").await;
        let settings = StandaloneSettings {
            sign_in_url: SignInUrl::parse(SITE_LOGIN).unwrap(),
            new_tab_allowed: true,
            host: PortalHost::parse("support.acme.test").unwrap(),
            ..Default::default()
        };
        app.store.set_standalone(app.workspace.id, &settings).await.unwrap();
        let on_host = |method: reqwest::Method, path: &str| {
            app.client.request(method, app.url(path)).header(HOST, "support.acme.test").send()
        };
        let home = on_host(reqwest::Method::GET, "/").await.unwrap();
        assert_eq!((home.status().as_u16(), location(&home)), (303, "/p/acme/".to_string()));
        let page = on_host(reqwest::Method::GET, "/p/acme/").await.unwrap();
        assert_eq!(
            (page.status().as_u16(), location(&page)),
            (303, "/p/acme/sign-in?return_to=%2Fp%2Facme%2F".to_string())
        );
        // The way back from the site's login page is on the workspace's own host.
        let sign_in = on_host(reqwest::Method::GET, "/p/acme/sign-in").await.unwrap();
        assert!(
            location(&sign_in).contains("return_to=http%3A%2F%2Fsupport.acme.test%2Fp%2Facme%2Fsso"),
            "{}",
            location(&sign_in)
        );
        for path in ["/p/globex/", "/p/globex/sign-in", "/embed/acme", "/console/login", "/widget/loader.js"] {
            assert_eq!(on_host(reqwest::Method::GET, path).await.unwrap().status(), 404, "{path} on acme's host");
        }
        let settings = on_host(reqwest::Method::POST, "/api/portal/settings");
        assert_ne!(settings.await.unwrap().status(), 404, "the portal's API is served on the host");
        // Its sessions name the host; the public address still serves every workspace.
        let jwt = sign_jwt(app.secret.as_bytes(), &claims(EMAIL, SLUG));
        let query: String = form_urlencoded::Serializer::new(String::new()).append_pair("jwt", &jwt).finish();
        assert_eq!(on_host(reqwest::Method::GET, &format!("/p/acme/sso?{query}")).await.unwrap().status(), 303);
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM sessions WHERE origin = 'http://support.acme.test'").await, 1);
        assert_eq!(app.get("/p/globex/").await.status(), 303, "globex at the public address");
        assert_eq!(app.get("/console/login").await.status(), 200);
        // Another host name is not acme's.
        let other = app.client.get(app.url("/p/globex/")).header(HOST, "support.globex.test").send().await.unwrap();
        assert_eq!(other.status(), 303, "an unknown host is served as the public address");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn open_in_a_new_tab_hands_the_session_over_once() {
    on_each_backend("open_in_a_new_tab_hands_the_session_over_once", |db| async move {
        let app = spawn_app(db).await;
        app.customer_with_tickets(app.workspace.id, EMAIL, &["Ann's invoice"]).await;
        let grant = app.sign_in(EMAIL).await;
        let address: String =
            expect_ok(app.post("/api/portal/account/new-tab", &json!({}), Some(&grant.token)).await, "a code").await;
        let prefix = format!("{}/p/acme/new-tab?code=", app.state.public_url);
        assert!(address.starts_with(&prefix), "{address}");
        let path = &address[app.state.public_url.as_str().len()..];
        let opened = app.get(path).await;
        assert_eq!((opened.status().as_u16(), location(&opened)), (303, "/p/acme/".to_string()));
        let visitor = Visitor { app: &app, cookie: cookie_pair(&opened) };
        assert_eq!(visitor.get("/p/acme/").await.status(), 200, "signed in without a second sign-in");
        let used = "This sign-in link has expired or was used already. Open the portal again from the site.";
        assert_eq!(status_text(app.get(path).await).await, (401, used.to_string()), "the code works once");
        assert_eq!(status_text(app.get("/p/acme/new-tab?code=zz").await).await, (401, used.to_string()));
        assert_eq!(status_text(app.get("/p/acme/new-tab").await).await, (401, used.to_string()));

        // An expired code, and a code from a standalone session: refused.
        let address: String =
            expect_ok(app.post("/api/portal/account/new-tab", &json!({}), Some(&grant.token)).await, "a code").await;
        app.db.execute(&format!("UPDATE sign_in_codes SET expires_at = {}", now_millis() - 1)).await;
        assert_eq!(app.get(&address[app.state.public_url.as_str().len()..]).await.status(), 401, "expired");
        let standalone = visitor.call("/api/portal/account/new-tab", &json!({}), "same-origin").await;
        expect_error(standalone, 403, &PortalError::NoAccess, "a code for the standalone portal itself").await;
        // A workspace that does not offer it.
        let mut settings = app.store.workspace(app.workspace.id).await.unwrap().unwrap().standalone;
        settings.new_tab_allowed = false;
        app.store.set_standalone(app.workspace.id, &settings).await.unwrap();
        let refused = app.post("/api/portal/account/new-tab", &json!({}), Some(&grant.token)).await;
        expect_error(refused, 403, &PortalError::NoAccess, "new tabs switched off").await;
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM sign_in_codes").await, 0, "no code written");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_account_shows_and_exports_the_customers_own_data_only() {
    on_each_backend("the_account_shows_and_exports_own_data_only", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "account test").await;
        let own = open_ticket(&app, &token, EMAIL, "ANN-OWN-TICKET").await;
        open_ticket(&app, &token, "bob@example.com", "BOB-OTHER-TICKET").await;
        let note = json!({"body": "CANARY-NOTE", "internal": true, "author_name": "Agent"});
        assert_eq!(post_message(&app, &token, own, &note).await.status, 201);
        let reply = json!({"body": "PUBLIC-REPLY", "author_name": "Agent"});
        assert_eq!(post_message(&app, &token, own, &reply).await.status, 201);
        let bob = app.sign_in("bob@example.com").await;
        let ann = app.sign_in(EMAIL).await;
        let visitor = app.standalone_visitor(EMAIL).await;

        let page = app.post("/api/portal/page", &json!({"path": "/account"}), Some(&ann.token)).await;
        let page = expect_ok::<String>(page, "the account page").await;
        assert_eq!(page.matches(r#"data-testid="account-session""#).count(), 2, "Ann's two sessions: {page}");
        assert!(!page.contains("bob@example.com"), "{page}");

        for export in [
            app.client.get(app.url("/api/portal/account/export")).bearer_auth(&ann.token).send().await.unwrap(),
            app.client
                .get(app.url("/api/portal/account/export"))
                .header(COOKIE, &visitor.cookie)
                .header("sec-fetch-site", "same-origin")
                .send()
                .await
                .unwrap(),
        ] {
            assert_eq!(export.status(), 200);
            assert!(export.headers()["content-disposition"].to_str().unwrap().contains("my-data.json"));
            let text = export.text().await.unwrap();
            assert!(text.contains("ANN-OWN-TICKET") && text.contains("PUBLIC-REPLY"), "{text}");
            for foreign in ["BOB-OTHER-TICKET", "bob@example.com", "CANARY-NOTE"] {
                assert!(!text.contains(foreign), "{foreign} in {text}");
            }
        }
        let zip =
            app.client.get(app.url("/api/portal/account/export.zip")).bearer_auth(&ann.token).send().await.unwrap();
        assert_eq!(zip.headers()["content-type"], "application/zip");
        let bytes = zip.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK"), "a zip archive");
        // A cookie from another site's page does not export (nor log an export).
        let cross = app
            .client
            .get(app.url("/api/portal/account/export"))
            .header(COOKIE, &visitor.cookie)
            .header("sec-fetch-site", "cross-site");
        assert_eq!(cross.send().await.unwrap().status(), 403);
        assert_eq!(app.get("/api/portal/account/export").await.status(), 401, "no session");
        assert_eq!(app.access_events("exported").await, 3);

        // Sign out everywhere: Ann's sessions end, Bob's does not.
        let ended: u64 = expect_ok(
            app.post("/api/portal/account/sign-out-everywhere", &json!({}), Some(&ann.token)).await,
            "sign out everywhere",
        )
        .await;
        assert_eq!(ended, 2);
        expect_error(app.tickets(Some(&ann.token)).await, 401, &PortalError::SessionEnded, "Ann in the frame").await;
        assert_eq!(visitor.get("/p/acme/").await.status(), 303, "Ann on the standalone portal");
        assert_eq!(app.ticket_titles(&bob.token).await, ["BOB-OTHER-TICKET"]);
        assert_eq!(app.access_events("signed-out-everywhere").await, 1);

        // A disabled customer's code is refused, and the refusal is in their log.
        let ann = app.sign_in(EMAIL).await;
        let address: String =
            expect_ok(app.post("/api/portal/account/new-tab", &json!({}), Some(&ann.token)).await, "a code").await;
        let id = app
            .store
            .customer_by_email(app.workspace.id, &portal_core::Email::parse(EMAIL).unwrap())
            .await
            .unwrap()
            .unwrap()
            .id;
        app.store.set_customer_disabled(app.workspace.id, id, true, now_millis()).await.unwrap();
        let (status, _) = status_text(app.get(&address[app.state.public_url.as_str().len()..]).await).await;
        assert_eq!(status, 403);
        assert_eq!(app.access_events("refused").await, 1);
    })
    .await;
}
