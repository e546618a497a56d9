//! The console over HTTP: signing in (and the limit on failures), forms
//! only from the console's own pages, every setting's validation (a refusal
//! is a 400 that says why and changes nothing), enabling, rotating the
//! secret from the console, and one workspace's accounts never reaching
//! another's data.

use crate::app::*;
use portal::commands;
use portal_app::PortalError;
use reqwest::StatusCode;

pub const ADMIN: &str = "dana@acme.test";
pub const AGENT: &str = "sam@acme.test";
const PASSWORD: &str = "correct horse battery";

/// A signed-in console: its cookie, sent with forms as the console's own
/// pages send them (`Sec-Fetch-Site: same-origin`).
pub struct Console<'a> {
    app: &'a TestApp,
    cookie: String,
}

pub async fn account(app: &TestApp, workspace: &str, email: &str, role: &str) {
    commands::create_console_account(&*app.store, workspace, email, "Dana", role, Some(PASSWORD.into()))
        .await
        .unwrap_or_else(|e| panic!("create {email}: {e}"));
}

async fn sign_in_response(app: &TestApp, workspace: &str, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/console/login"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("workspace", workspace), ("email", email), ("password", password)])
        .send()
        .await
        .expect("POST /console/login")
}

pub async fn console<'a>(app: &'a TestApp, workspace: &str, email: &str) -> Console<'a> {
    signed_in(app, workspace, email, PASSWORD).await
}

async fn signed_in<'a>(app: &'a TestApp, workspace: &str, email: &str, password: &str) -> Console<'a> {
    let response = sign_in_response(app, workspace, email, password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    Console { app, cookie: pair }
}

impl Console<'_> {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.app.client.get(self.app.url(path)).header("cookie", &self.cookie).send().await.expect("GET")
    }

    /// A page as a browser asking for `languages` (`Accept-Language`) gets it.
    pub async fn get_in(&self, path: &str, languages: &str) -> reqwest::Response {
        let request = self.app.client.get(self.app.url(path)).header("cookie", &self.cookie);
        request.header("accept-language", languages).send().await.expect("GET")
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.app
            .client
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// [`Console::post`] from a browser asking for `languages`.
    pub async fn post_in(&self, path: &str, form: &[(&str, &str)], languages: &str) -> reqwest::Response {
        self.app
            .client
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .header("sec-fetch-site", "same-origin")
            .header("accept-language", languages)
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form expected to be refused: 400, with `mentions` in the page.
    pub async fn refused(&self, path: &str, form: &[(&str, &str)], mentions: &str) {
        let response = self.post(path, form).await;
        let status = response.status();
        let page = response.text().await.unwrap();
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path} {form:?}");
        assert!(
            page.contains("Nothing was changed") && page.contains(mentions),
            "{path} {form:?}: {mentions:?} in\n{page}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_and_out() {
    on_each_backend("console_signing_in_and_out", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        // Not signed in: every page sends to the sign-in page.
        let anonymous = app.get("/console/inbox").await;
        assert_eq!(
            (anonymous.status(), anonymous.headers()["location"].to_str().unwrap()),
            (StatusCode::SEE_OTHER, "/console/login")
        );
        let login_page = app.get("/console/login").await;
        assert_eq!(login_page.headers()["cache-control"], "no-store");
        assert_eq!(login_page.headers()["x-content-type-options"], "nosniff");
        let policy = login_page.headers()["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("form-action 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");

        // A wrong password, an unknown account and an unknown workspace read alike.
        for (workspace, email, password) in
            [("acme", ADMIN, "wrong password!"), ("acme", "nobody@acme.test", PASSWORD), ("nope", ADMIN, PASSWORD)]
        {
            let response = sign_in_response(&app, workspace, email, password).await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            assert!(response.text().await.unwrap().contains("The workspace, email or password is not right."));
        }

        let console = console(&app, "acme", "DANA@acme.test").await;
        let inbox = console.get("/console/inbox").await;
        assert_eq!(inbox.status(), StatusCode::OK);
        assert!(inbox.text().await.unwrap().contains("Dana"));
        let out = console.post("/console/logout", &[]).await;
        assert_eq!(out.status(), StatusCode::SEE_OTHER);
        assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
        assert_eq!(console.get("/console/inbox").await.status(), StatusCode::SEE_OTHER, "the old cookie is dead");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_sign_ins_are_limited_per_address_and_account() {
    on_each_backend("console_failed_sign_ins_are_limited", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        for _ in 0..5 {
            let response = sign_in_response(&app, "acme", ADMIN, "wrong password!").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        }
        let limited = sign_in_response(&app, "acme", ADMIN, PASSWORD).await;
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
        let wait: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=900).contains(&wait), "{wait}");
        assert!(limited.text().await.unwrap().contains("Too many failed sign-ins"));
        // Another account from the same address is not held up.
        account(&app, "acme", AGENT, "agent").await;
        console(&app, "acme", AGENT).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn parallel_wrong_passwords_are_checked_no_more_often_than_the_limit() {
    on_each_backend("console_parallel_wrong_passwords", |db| async move {
        // Slots for every attempt, so only the sign-in limit can refuse.
        let app = spawn_app_with(db, |config| config.password_checks = 32).await;
        account(&app, "acme", ADMIN, "admin").await;
        let attempts = (0..20).map(|_| sign_in_response(&app, "acme", ADMIN, "wrong password!"));
        let statuses: Vec<StatusCode> =
            futures_util::future::join_all(attempts).await.iter().map(|response| response.status()).collect();
        let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
        let held = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
        assert_eq!((checked, held), (5, 15), "five checked, the rest wait: {statuses:?}");

        // A right password after fewer failures than the limit signs in, and
        // gives its attempt back.
        account(&app, "acme", AGENT, "agent").await;
        for _ in 0..4 {
            assert_eq!(
                sign_in_response(&app, "acme", AGENT, "wrong password!").await.status(),
                StatusCode::UNAUTHORIZED
            );
        }
        console(&app, "acme", AGENT).await;
        for _ in 0..4 {
            assert_eq!(
                sign_in_response(&app, "acme", AGENT, "wrong password!").await.status(),
                StatusCode::UNAUTHORIZED
            );
        }
    })
    .await;
}

/// A refusal because every password slot is taken: 503, `Retry-After` and
/// a page that says so.
async fn expect_busy(response: reqwest::Response, what: &str) {
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{what}");
    let wait: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=10).contains(&wait), "{what}: Retry-After {wait}");
    let page = response.text().await.unwrap();
    assert!(page.contains("Many passwords are being checked right now"), "{what}: {page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn password_checks_beyond_the_bound_are_refused_not_queued() {
    on_each_backend("console_password_checks_are_bounded", |db| async move {
        let app = spawn_app_with(db, |config| config.password_checks = 1).await;
        account(&app, "acme", ADMIN, "admin").await;
        let signed = console(&app, "acme", ADMIN).await;

        // Sent at once (unknown accounts: each is checked against the decoy
        // hash): one is checked at a time, the others are told to come back.
        let app = &app;
        let attempts = (0..16).map(|i| async move {
            sign_in_response(app, "acme", &format!("nobody{i}@acme.test"), "wrong password!").await
        });
        let mut refused = 0;
        for response in futures_util::future::join_all(attempts).await {
            match response.status() {
                StatusCode::UNAUTHORIZED => {}
                _ => {
                    expect_busy(response, "a sign-in beyond the bound").await;
                    refused += 1;
                }
            }
        }
        assert!(refused > 0, "16 sign-ins at once with one slot: some are refused");

        // With the only slot held, every password path is refused at once.
        let slot = app.state.limits.password_slot().expect("the slot is free again");
        expect_busy(sign_in_response(app, "acme", ADMIN, PASSWORD).await, "a sign-in").await;
        let change = signed.post("/console/password", &[("current", PASSWORD), ("new", "a brand new password")]);
        expect_busy(change.await, "a password change").await;
        let add = signed.post("/console/accounts", &[("name", "Robin"), ("email", AGENT), ("role", "agent")]);
        expect_busy(add.await, "a new account's password").await;
        drop(slot);
        let add = signed.post("/console/accounts", &[("name", "Robin"), ("email", AGENT), ("role", "agent")]);
        assert_eq!(add.await.status(), StatusCode::OK);
        console(app, "acme", ADMIN).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_a_trusted_proxy_the_limit_counts_the_forwarded_address() {
    on_each_backend("console_limit_behind_a_proxy", |db| async move {
        let app = spawn_app_with(db, |config| config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
        account(&app, "acme", ADMIN, "admin").await;
        let attempt = |from: &'static str, password: &'static str| {
            let request = app.client.post(app.url("/console/login")).header("sec-fetch-site", "same-origin");
            request
                .header("x-forwarded-for", from)
                .form(&[("workspace", "acme"), ("email", ADMIN), ("password", password)])
                .send()
        };
        for _ in 0..5 {
            assert_eq!(attempt("203.0.113.7", "wrong password!").await.unwrap().status(), StatusCode::UNAUTHORIZED);
        }
        let held = attempt("203.0.113.7", PASSWORD).await.unwrap();
        assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
        // The same proxy forwarding someone else: not held up.
        assert_eq!(attempt("198.51.100.1", PASSWORD).await.unwrap().status(), StatusCode::SEE_OTHER);
        // A made-up first entry does not escape the limit: the proxy appended the real one.
        let spoofed = attempt("198.51.100.99, 203.0.113.7", PASSWORD).await.unwrap();
        assert_eq!(spoofed.status(), StatusCode::TOO_MANY_REQUESTS);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_from_another_site_are_refused() {
    on_each_backend("console_forms_from_another_site_are_refused", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let console = console(&app, "acme", ADMIN).await;
        let form = [("greeting", "Hacked"), ("brand_color", "#000000"), ("logo_url", ""), ("theme", "auto")];
        let forged: [(&str, &str); 4] = [
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-site", "same-site"),
            ("origin", "https://evil.example"),
            ("x-nothing", "neither header"),
        ];
        for (header, value) in forged {
            let response = app
                .client
                .post(app.url("/console/settings/look"))
                .header("cookie", &console.cookie)
                .header(header, value)
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{header}: {value}");
        }
        assert_eq!(app.store.portal_look(app.workspace.id).await.unwrap().greeting, GREETING);
        // A browser without Sec-Fetch-Site, on the portal's own origin (its public URL).
        let own = app
            .client
            .post(app.url("/console/settings/look"))
            .header("cookie", &console.cookie)
            .header("origin", app.base.replace("127.0.0.1", "localhost"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(own.status(), StatusCode::OK);
        assert_eq!(app.store.portal_look(app.workspace.id).await.unwrap().greeting, "Hacked");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_setting_refuses_bad_input_and_changes_nothing() {
    on_each_backend("console_every_setting_refuses_bad_input", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        let before = app.store.workspace(ws).await.unwrap().unwrap();
        let look_before = app.store.portal_look(ws).await.unwrap();
        let look = |greeting: &'static str, color: &'static str, logo: &'static str, theme: &'static str| {
            [("greeting", greeting), ("brand_color", color), ("logo_url", logo), ("theme", theme)]
        };
        c.refused("/console/settings/look", &look("Hi", "red", "", "auto"), "hex colour").await;
        c.refused("/console/settings/look", &look("Hi", "#aa3300", "http://cdn.example.com/l.png", "auto"), "https")
            .await;
        c.refused("/console/settings/look", &look("Hi", "#aa3300", "javascript:alert(1)", "auto"), "https").await;
        c.refused("/console/settings/look", &look("Hi", "#aa3300", "", "neon"), "auto, light or dark").await;
        let long = "x".repeat(201);
        let form = [("greeting", long.as_str()), ("brand_color", "#aa3300"), ("logo_url", ""), ("theme", "auto")];
        c.refused("/console/settings/look", &form, "at most 200").await;
        for origin in ["*", "https://example.com/path", "javascript:alert(1)", "example.com", "https://*.example.com"] {
            c.refused("/console/settings/origins", &[("origins", origin)], "is not an origin").await;
        }
        for hours in ["0", "-1", "0.5", "soon", ""] {
            c.refused("/console/settings/behaviour", &[("session_hours", hours), ("reopen", "on")], "session lifetime")
                .await;
        }
        let many_types: String = (0..10_000).map(|i| format!("T{i}\n")).collect();
        c.refused("/console/settings/types", &[("types", many_types.as_str())], "not 10000").await;
        c.refused(
            "/console/settings/types",
            &[("types", &(0..51).map(|i| format!("T{i}\n")).collect::<String>())],
            "1 to 50",
        )
        .await;
        c.refused("/console/settings/types", &[("types", "")], "1 to 50").await;
        c.refused("/console/settings/types", &[("types", "Bug\nbug")], "").await;
        c.refused("/console/settings/attributes", &[("shown", "Plan Name")], "key = Name").await;
        c.refused("/console/settings/attachments", &[("max_files", "7"), ("max_kb", "1024")], "at most 6").await;
        c.refused("/console/settings/attachments", &[("max_files", "6"), ("max_kb", "3073")], "between").await;
        c.refused("/console/settings/attachments", &[("max_files", "six"), ("max_kb", "1024")], "whole number").await;
        for (conditions, mentions) in [
            ("plan equals pro", "unknown"),
            ("email resembles x", "unknown operator"),
            ("email", "write"),
            ("name contains VIP", "the site does not sign it"),
        ] {
            c.refused("/console/settings/visibility", &[("restricted", "on"), ("conditions", conditions)], mentions)
                .await;
            c.refused("/console/settings/audience", &[("conditions", conditions)], mentions).await;
        }
        c.refused("/console/settings/nonsense", &[], "no setting").await;
        for url in
            ["http://acme.example/login", "javascript:alert(1)", "https://acme.example/login#x", "https://a@b.example/"]
        {
            c.refused("/console/settings/standalone", &[("sign_in_url", url)], "sign-in page must be").await;
        }
        for host in ["https://support.example.com", "support_.example.com", "a..b", "support.example.com:0"] {
            c.refused("/console/settings/standalone", &[("host", host)], "DNS name").await;
        }
        let public_host = app.state.public_url.as_str().split_once("://").unwrap().1.to_string();
        c.refused("/console/settings/standalone", &[("host", public_host.as_str())], "the portal's own address").await;
        // A host name another workspace has.
        let (globex, _) = app.add_workspace("globex", "https://globex.example").await;
        let taken = portal_core::StandaloneSettings {
            host: portal_core::PortalHost::parse("support.example.com").unwrap(),
            ..Default::default()
        };
        app.store.set_standalone(globex.id, &taken).await.unwrap();
        c.refused("/console/settings/standalone", &[("host", "Support.Example.com")], "serves another workspace").await;

        assert_eq!(app.store.workspace(ws).await.unwrap().unwrap(), before, "nothing changed");
        assert_eq!(app.store.portal_look(ws).await.unwrap(), look_before);
        assert!(!app.store.ticket_visibility(ws).await.unwrap().restricted);
        assert!(app.store.portal_audience(ws).await.unwrap().conditions.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stored_rule_on_the_name_asks_the_admin_to_edit_it() {
    on_each_backend("console_a_stored_rule_on_the_name_asks_the_admin_to_edit_it", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let settings = || async { c.get("/console/settings").await.text().await.unwrap() };
        assert!(!settings().await.contains("needs-edit"));

        // Stored while conditions could name the customer's name.
        app.db
            .execute(
                r#"UPDATE workspaces SET
                   ticket_visibility = '{"restricted":true,"conditions":[{"attribute":"name","operator":"contains","value":"contractor"}]}',
                   portal_audience = '{"conditions":[{"attribute":"name","operator":"contains","value":"vip"}]}'"#,
            )
            .await;
        let page = settings().await;
        for (testid, says) in [
            ("visibility-needs-edit", "until the rule is edited, every customer sees only their own tickets"),
            ("audience-needs-edit", "until the audience is edited, nobody may use the portal"),
        ] {
            let at = page.find(&format!(r#"data-testid="{testid}""#)).unwrap_or_else(|| panic!("{testid} in {page}"));
            let notice = &page[at..at + page[at..].find("</p>").unwrap()];
            assert!(notice.contains(says) && notice.contains("Edit the conditions"), "{notice}");
        }
        assert!(page.contains("name contains contractor") && page.contains("name contains vip"), "shown as stored");
        let unchanged = [("restricted", "on"), ("conditions", "name contains contractor")];
        c.refused("/console/settings/visibility", &unchanged, "the site does not sign it").await;

        let signed = [("restricted", "on"), ("conditions", "email ends_with @contractor.example")];
        assert_eq!(c.post("/console/settings/visibility", &signed).await.status(), StatusCode::OK);
        assert_eq!(c.post("/console/settings/audience", &[("conditions", "")]).await.status(), StatusCode::OK);
        assert!(!settings().await.contains("needs-edit"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_saved_in_the_console_reach_the_frame() {
    on_each_backend("console_settings_reach_the_frame", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        let look = [
            ("greeting", "Hello from the console"),
            ("brand_color", "#AA3300"),
            ("logo_url", "https://cdn.example.com/logo.png"),
            ("theme", "dark"),
        ];
        assert_eq!(c.post("/console/settings/look", &look).await.status(), StatusCode::OK);
        let settings: portal_core::PortalSettings = expect_ok(
            app.post("/api/portal/settings", &serde_json::json!({"workspace": "acme"}), None).await,
            "settings",
        )
        .await;
        assert_eq!(
            (settings.greeting.as_str(), settings.logo_url.as_str()),
            ("Hello from the console", "https://cdn.example.com/logo.png")
        );
        let css = app.get("/api/portal/theme/acme").await.text().await.unwrap();
        assert!(css.contains("--brand: #aa3300") && css.contains("color-scheme: dark"), "{css}");

        let origins = format!("{ORIGIN}\nhttps://shop.example.com");
        assert_eq!(
            c.post("/console/settings/origins", &[("origins", origins.as_str())]).await.status(),
            StatusCode::OK
        );
        let frame = app.get("/embed/acme").await;
        let policy = frame
            .headers()
            .get_all("content-security-policy")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        assert!(policy.contains("frame-ancestors http://127.0.0.1:9999 https://shop.example.com"), "{policy}");

        let behaviour = [("session_hours", "2"), ("search_preview", "on")];
        assert_eq!(c.post("/console/settings/behaviour", &behaviour).await.status(), StatusCode::OK);
        let workspace = app.store.workspace(ws).await.unwrap().unwrap();
        assert_eq!(
            (workspace.session_lifetime.millis(), workspace.reopen_allowed, workspace.search_preview),
            (2 * HOUR, false, true)
        );
        let grant = app.sign_in("ann@example.com").await;
        let lasts = grant.expires_at - portal_server::now_millis();
        assert!((2 * HOUR - 60_000..=2 * HOUR).contains(&lasts), "a new session lasts the new lifetime: {lasts}");

        assert_eq!(c.post("/console/settings/types", &[("types", "Bug\nQuestion")]).await.status(), StatusCode::OK);
        assert_eq!(app.store.workspace(ws).await.unwrap().unwrap().ticket_types, ["Bug", "Question"]);
        assert_eq!(
            c.post("/console/settings/attachments", &[("max_files", "2"), ("max_kb", "512")]).await.status(),
            StatusCode::OK
        );
        let limits = app.store.workspace(ws).await.unwrap().unwrap().attachment_limits;
        assert_eq!((limits.max_files, limits.max_bytes), (2, 512 * 1024));
        let audience = [("conditions", "email ends_with @example.com")];
        assert_eq!(c.post("/console/settings/audience", &audience).await.status(), StatusCode::OK);
        assert_eq!(app.store.portal_audience(ws).await.unwrap().conditions.len(), 1);
        let preview =
            c.post("/console/audience-preview", &[("conditions", "email contains ann")]).await.text().await.unwrap();
        assert!(preview.contains("1 of 1 customers match") && preview.contains("ann@example.com"), "{preview}");
        let bad =
            c.post("/console/audience-preview", &[("conditions", "shoe_size equals 9")]).await.text().await.unwrap();
        assert!(bad.contains("unknown"), "{bad}");
        // The visibility rule's preview names the customers it would restrict, saving nothing.
        let restrict = [("restricted", "on"), ("conditions", "email contains ann")];
        let preview = c.post("/console/visibility-preview", &restrict).await.text().await.unwrap();
        assert!(preview.contains("1 of 1 customers see only their own tickets"), "{preview}");
        assert!(preview.contains("ann@example.com"), "{preview}");
        let open = c.post("/console/visibility-preview", &[("conditions", "email contains ann")]).await;
        assert!(open.text().await.unwrap().contains("0 of 1 customers"), "unrestricted: nobody is restricted");
        assert!(!app.store.ticket_visibility(ws).await.unwrap().restricted, "previewing saved nothing");
        let bad =
            c.post("/console/visibility-preview", &[("conditions", "shoe_size equals 9")]).await.text().await.unwrap();
        assert!(bad.contains("unknown"), "{bad}");

        // Agents work tickets; settings are for admins.
        account(&app, "acme", AGENT, "agent").await;
        let agent = console(&app, "acme", AGENT).await;
        assert_eq!(agent.get("/console/settings").await.status(), StatusCode::FORBIDDEN);
        assert_eq!(agent.post("/console/settings/look", &look).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(agent.get("/console/embed").await.status(), StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn enabling_needs_an_origin_and_a_secret_and_rotation_retires_the_old_secret() {
    on_each_backend("console_enabling_and_rotation", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        assert_eq!(c.post("/console/embed/disable", &[]).await.status(), StatusCode::OK);
        expect_error(
            app.post("/api/portal/settings", &serde_json::json!({"workspace": "acme"}), None).await,
            404,
            &PortalError::NotEnabled,
            "a disabled portal",
        )
        .await;
        expect_error(
            app.open_session(&sign_in_body("acme", ORIGIN, "Ann", "ann@example.com", &app.hash("ann@example.com")))
                .await,
            404,
            &PortalError::NotEnabled,
            "no session on a disabled portal",
        )
        .await;

        app.store.set_allowed_origins(ws, &AllowedOrigins::default()).await.unwrap();
        let refused = c.post("/console/embed/enable", &[]).await.text().await.unwrap();
        assert!(refused.contains("cannot be enabled yet") && refused.contains("allowed embed origin"), "{refused}");
        assert!(!app.store.portal_enabled(ws).await.unwrap());
        app.store.set_allowed_origins(ws, &AllowedOrigins::parse([ORIGIN]).unwrap()).await.unwrap();
        let enabled = c.post("/console/embed/enable", &[]).await.text().await.unwrap();
        assert!(enabled.contains("The portal is enabled"), "{enabled}");
        assert!(app.store.portal_enabled(ws).await.unwrap());

        // The secret is shown only on demand.
        let page = c.get("/console/embed").await.text().await.unwrap();
        assert!(!page.contains(&app.secret) && page.contains("Reveal secret"));
        assert!(
            page.contains("/widget/loader.js") && page.contains("unthread_help_center") && page.contains("hash_hmac")
        );
        assert!(c.post("/console/embed/reveal", &[]).await.text().await.unwrap().contains(&app.secret));

        let old_hash = app.hash("ann@example.com");
        let session = app.sign_in("ann@example.com").await;
        c.refused_rotation(&[("overlap_hours", "5")]).await;
        c.refused_rotation(&[]).await;
        let rotated = c.post("/console/embed/rotate", &[("overlap_hours", "1")]).await.text().await.unwrap();
        assert!(rotated.contains("keeps verifying for 1 hour"), "{rotated}");
        app.sign_in_with("acme", ORIGIN, "ann@example.com", &old_hash).await;
        let rotated = c.post("/console/embed/rotate", &[("overlap_hours", "0")]).await.text().await.unwrap();
        assert!(rotated.contains("no longer verifies"), "{rotated}");
        let body = sign_in_body("acme", ORIGIN, "Ann", "ann@example.com", &old_hash);
        expect_error(app.open_session(&body).await, 401, &PortalError::NotVerified, "an old hash after the overlap")
            .await;
        expect_error(
            app.tickets(Some(&session.token)).await,
            401,
            &PortalError::SessionEnded,
            "a session of the retired secret",
        )
        .await;
        let newest = app.store.active_secrets(ws, portal_server::now_millis()).await.unwrap().pop().unwrap();
        app.sign_in_with("acme", ORIGIN, "ann@example.com", &sign_email(newest.value.as_bytes(), "ann@example.com"))
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_switches_the_workspace_to_jwt_only_and_back() {
    on_each_backend("console_jwt_only", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        let page = c.get("/console/embed").await.text().await.unwrap();
        assert!(page.contains("verification hash or with a signed token") && page.contains("data-testid=\"jwt-only\""));

        let done = c.post("/console/embed/jwt-only", &[]).await.text().await.unwrap();
        assert!(done.contains("Only signed tokens (JWT) sign customers in now"), "{done}");
        assert!(done.contains("data-testid=\"hash-allowed\""), "the page offers the way back: {done}");
        assert!(app.store.workspace(ws).await.unwrap().unwrap().jwt_only);
        let hash = sign_in_body("acme", ORIGIN, "Ann", "ann@example.com", &app.hash("ann@example.com"));
        let required = PortalError::TokenRefused(portal_core::TokenRefusal::TokenRequired);
        expect_error(app.open_session(&hash).await, 401, &required, "a hash on a JWT-only workspace").await;

        // "Test as a customer" signs a token there, since a hash would be refused.
        let test_as = c.get("/console/test-as?email=ann%40example.com").await.text().await.unwrap();
        assert!(test_as.contains("data-jwt=\"ey") && test_as.contains("data-hash=\"\""), "{test_as}");

        let done = c.post("/console/embed/hash-allowed", &[]).await.text().await.unwrap();
        assert!(done.contains("Verification hashes sign customers in again"), "{done}");
        assert!(!app.store.workspace(ws).await.unwrap().unwrap().jwt_only);
        app.sign_in("ann@example.com").await;

        // Agents cannot switch it.
        account(&app, "acme", AGENT, "agent").await;
        let agent = console(&app, "acme", AGENT).await;
        assert_eq!(agent.post("/console/embed/jwt-only", &[]).await.status(), StatusCode::FORBIDDEN);
        assert!(!app.store.workspace(ws).await.unwrap().unwrap().jwt_only);
    })
    .await;
}

impl Console<'_> {
    async fn refused_rotation(&self, form: &[(&str, &str)]) {
        let secrets = self.app.store.active_secrets(self.app.workspace.id, portal_server::now_millis()).await.unwrap();
        self.refused("/console/embed/rotate", form, "choose an overlap").await;
        let after = self.app.store.active_secrets(self.app.workspace.id, portal_server::now_millis()).await.unwrap();
        assert_eq!(after, secrets, "a refused rotation changes nothing");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_account_of_one_workspace_never_reaches_another() {
    on_each_backend("console_an_account_never_reaches_another_workspace", |db| async move {
        let app = spawn_app(db).await;
        let (globex, _) = app.add_workspace("globex", "https://globex.example").await;
        let acme_customer =
            app.customer_with_tickets(app.workspace.id, "ann@example.com", &["Acme secret plans"]).await;
        app.customer_with_tickets(globex.id, "gus@globex.example", &["Globex ticket"]).await;
        account(&app, "globex", ADMIN, "admin").await;
        let c = console(&app, "globex", ADMIN).await;
        // The same email in acme has no account: signing in there fails.
        assert_eq!(sign_in_response(&app, "acme", ADMIN, PASSWORD).await.status(), StatusCode::UNAUTHORIZED);

        let inbox = c.get("/console/inbox").await.text().await.unwrap();
        assert!(inbox.contains("Globex ticket") && !inbox.contains("Acme secret plans"));
        // Globex's ticket 1 is its own; acme's customers are not found.
        let customer = c.get(&format!("/console/customers/{}", acme_customer.0)).await;
        assert_eq!(customer.status(), StatusCode::NOT_FOUND);
        let disable = c.post(&format!("/console/customers/{}/access", acme_customer.0), &[("access", "disable")]).await;
        assert_eq!(disable.status(), StatusCode::NOT_FOUND);
        assert!(!app.store.customer_by_id(app.workspace.id, acme_customer).await.unwrap().unwrap().customer.disabled);
        let customers = c.get("/console/customers").await.text().await.unwrap();
        assert!(!customers.contains("ann@example.com"));
        // Assigning to an account of another workspace is refused.
        account(&app, "acme", AGENT, "agent").await;
        let acme_agent = app.store.agents(app.workspace.id).await.unwrap().pop().unwrap();
        let form =
            [("status", "open"), ("ticket_type", ""), ("company", ""), ("assignee", &acme_agent.id.0.to_string())];
        c.refused("/console/tickets/1", &form, "no account").await;
        // Settings and secrets change globex only.
        c.post(
            "/console/settings/look",
            &[("greeting", "Globex!"), ("brand_color", "#000000"), ("logo_url", ""), ("theme", "auto")],
        )
        .await;
        assert_eq!(app.store.portal_look(app.workspace.id).await.unwrap().greeting, GREETING);
        assert_eq!(app.store.portal_look(globex.id).await.unwrap().greeting, "Globex!");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_reply_note_assign_and_disable_customers() {
    on_each_backend("console_agents_reply_note_assign_and_disable", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", AGENT, "agent").await;
        app.customer_with_tickets(app.workspace.id, "ann@example.com", &["Printer jams"]).await;
        let session = app.sign_in("ann@example.com").await;
        let c = console(&app, "acme", AGENT).await;

        let reply = c.post("/console/tickets/1/messages", &[("body", "We are on it."), ("kind", "reply")]).await;
        assert_eq!(reply.status(), StatusCode::SEE_OTHER);
        let note = c.post("/console/tickets/1/messages", &[("body", "CANARY-CONSOLE-NOTE"), ("kind", "note")]).await;
        assert_eq!(note.status(), StatusCode::SEE_OTHER);
        let empty = c.post("/console/tickets/1/messages", &[("body", ""), ("kind", "reply")]).await;
        assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
        assert!(empty.text().await.unwrap().contains("Nothing was sent"));
        let page = c.get("/console/tickets/1").await.text().await.unwrap();
        assert!(
            page.contains("We are on it.") && page.contains("CANARY-CONSOLE-NOTE") && page.contains("Internal note")
        );
        // The customer reads the reply, never the note.
        let ticket =
            app.post("/api/portal/page", &serde_json::json!({"path": "/tickets/1"}), Some(&session.token)).await;
        let customer_page = ticket.text().await.unwrap();
        assert!(customer_page.contains("We are on it.") && !customer_page.contains("CANARY-CONSOLE-NOTE"));
        // The inbox search reads the note, with the note as its preview; the customer's search never does.
        let found = c.get("/console/inbox?q=canary+console").await.text().await.unwrap();
        assert!(found.contains("Printer jams") && found.contains("<mark>CANARY</mark>"), "{found}");
        let path = serde_json::json!({"path": "/?q=canary+console"});
        let theirs = app.post("/api/portal/page", &path, Some(&session.token)).await.text().await.unwrap();
        assert!(!theirs.contains("Printer jams") && !theirs.contains("CANARY"), "{theirs}");

        let agent = app.store.agents(app.workspace.id).await.unwrap().pop().unwrap();
        let form = [
            ("status", "in_progress"),
            ("ticket_type", "Problem"),
            ("company", ""),
            ("assignee", &agent.id.0.to_string()),
        ];
        assert_eq!(c.post("/console/tickets/1", &form).await.status(), StatusCode::OK);
        let mine = c.get("/console/inbox?assignee=me").await.text().await.unwrap();
        assert!(mine.contains("Printer jams"));
        let nobody = c.get("/console/inbox?assignee=none").await.text().await.unwrap();
        assert!(!nobody.contains("Printer jams"));
        let bad = c.get("/console/inbox?state=sleeping").await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

        let customer = app
            .store
            .customer_by_email(app.workspace.id, &portal_core::Email::parse("ann@example.com").unwrap())
            .await
            .unwrap()
            .unwrap();
        let disabled = c.post(&format!("/console/customers/{}/access", customer.id.0), &[("access", "disable")]).await;
        assert!(disabled.text().await.unwrap().contains("their sessions have ended"));
        expect_error(
            app.tickets(Some(&session.token)).await,
            401,
            &PortalError::SessionEnded,
            "a disabled customer's session",
        )
        .await;
        let again = app
            .open_session(&sign_in_body("acme", ORIGIN, "Ann", "ann@example.com", &app.hash("ann@example.com")))
            .await;
        expect_error(again, 403, &PortalError::NoAccess, "a disabled customer signing in").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_add_accounts_and_everyone_changes_their_password() {
    on_each_backend("console_accounts_and_passwords", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let admin = console(&app, "acme", ADMIN).await;
        let added = admin
            .post("/console/accounts", &[("name", "Sam"), ("email", AGENT), ("role", "agent"), ("password", "")])
            .await
            .text()
            .await
            .unwrap();
        let password = added.split("the password ").nth(1).and_then(|rest| rest.split(' ').next()).unwrap();
        assert_eq!(password.len(), 20, "a generated password, shown once: {added}");
        assert_eq!(sign_in_response(&app, "acme", AGENT, password).await.status(), StatusCode::SEE_OTHER);

        for (form, mentions) in [
            ([("name", "Sam again"), ("email", "SAM@acme.test"), ("role", "agent"), ("password", "")], "exists"),
            ([("name", "Root"), ("email", "root@acme.test"), ("role", "root"), ("password", "")], "admin or agent"),
            ([("name", "Short"), ("email", "short@acme.test"), ("role", "agent"), ("password", "short")], "10 to 256"),
            ([("name", ""), ("email", "nameless@acme.test"), ("role", "agent"), ("password", "")], "display name"),
            ([("name", "Bad"), ("email", "not an email"), ("role", "agent"), ("password", "")], "email"),
        ] {
            admin.refused("/console/accounts", &form, mentions).await;
        }
        assert_eq!(app.store.agents(app.workspace.id).await.unwrap().len(), 2);

        // An agent may not add accounts, but changes their own password.
        let form = [("name", "Eve"), ("email", "eve@acme.test"), ("role", "admin"), ("password", PASSWORD)];
        let sam = signed_in(&app, "acme", AGENT, password).await;
        assert_eq!(sam.post("/console/accounts", &form).await.status(), StatusCode::FORBIDDEN);
        // Everyone names themselves; replies from then on carry the name.
        let renamed = sam.post("/console/name", &[("name", "  Sam Smith ")]).await.text().await.unwrap();
        assert!(renamed.contains("Your name is saved") && renamed.contains("Sam Smith (agent)"), "{renamed}");
        sam.refused("/console/name", &[("name", " ")], "name").await;
        sam.refused("/console/name", &[("name", &"x".repeat(201))], "name").await;
        let names: Vec<String> =
            app.store.agents(app.workspace.id).await.unwrap().into_iter().map(|a| a.name).collect();
        assert!(names.contains(&"Sam Smith".to_string()), "{names:?}");
        let elsewhere = signed_in(&app, "acme", AGENT, password).await;
        sam.refused(
            "/console/password",
            &[("current", "wrong password!"), ("new", "a brand new password")],
            "not right",
        )
        .await;
        sam.refused("/console/password", &[("current", password), ("new", "short")], "10 to 256").await;
        let changed = sam.post("/console/password", &[("current", password), ("new", "a brand new password")]).await;
        assert_eq!(changed.status(), StatusCode::OK);
        assert_eq!(sam.get("/console/inbox").await.status(), StatusCode::OK, "this sign-in goes on");
        assert_eq!(elsewhere.get("/console/inbox").await.status(), StatusCode::SEE_OTHER, "the other one ended");
        assert_eq!(sign_in_response(&app, "acme", AGENT, password).await.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(sign_in_response(&app, "acme", AGENT, "a brand new password").await.status(), StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_current_passwords_are_limited_per_account_from_any_sign_in() {
    on_each_backend("wrong_current_passwords_are_limited", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", AGENT, "agent").await;
        let (first, second) = (console(&app, "acme", AGENT).await, console(&app, "acme", AGENT).await);
        let wrong =
            |n: usize| [("current", format!("wrong password {n}")), ("new", "a brand new password".to_string())];
        for n in 0..5 {
            let signed = if n % 2 == 0 { &first } else { &second };
            let form = wrong(n);
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            signed.refused("/console/password", &form, "not right").await;
        }
        // The sixth guess waits, from either sign-in, and even the right password is not checked.
        for (signed, current) in [(&first, "wrong password 6"), (&second, PASSWORD)] {
            let refused =
                signed.post("/console/password", &[("current", current), ("new", "a brand new password")]).await;
            assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
            assert!(refused.headers().contains_key("retry-after"));
            assert!(refused.text().await.unwrap().contains("too many wrong current passwords"));
        }
        assert_eq!(sign_in_response(&app, "acme", AGENT, PASSWORD).await.status(), StatusCode::SEE_OTHER, "unchanged");
        // Another account is not held up.
        account(&app, "acme", ADMIN, "admin").await;
        let admin = console(&app, "acme", ADMIN).await;
        let changed = admin.post("/console/password", &[("current", PASSWORD), ("new", "a brand new password")]).await;
        assert_eq!(changed.status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_change_roles_and_remove_accounts_but_keep_an_admin() {
    on_each_backend("console_roles_and_removal", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        account(&app, "acme", AGENT, "agent").await;
        app.customer_with_tickets(app.workspace.id, "ann@example.com", &["Printer jams"]).await;
        let dana = console(&app, "acme", ADMIN).await;
        let sam_session = console(&app, "acme", AGENT).await;
        let id_of = |email: &str| {
            let email = email.to_string();
            let store = app.store.clone();
            let ws = app.workspace.id;
            async move { store.agents(ws).await.unwrap().into_iter().find(|a| a.email == email).unwrap().id }
        };
        let (dana_id, sam_id) = (id_of(ADMIN).await, id_of(AGENT).await);
        let assign = [("status", "open"), ("ticket_type", ""), ("company", ""), ("assignee", &sam_id.0.to_string())];
        assert_eq!(dana.post("/console/tickets/1", &assign).await.status(), StatusCode::OK);

        // Nobody changes their own account here, and an unknown role or action changes nothing.
        dana.refused(&format!("/console/accounts/{}", dana_id.0), &[("action", "remove")], "another admin").await;
        dana.refused(
            &format!("/console/accounts/{}", sam_id.0),
            &[("action", "role"), ("role", "root")],
            "admin or agent",
        )
        .await;
        dana.refused(&format!("/console/accounts/{}", sam_id.0), &[("action", "explode")], "no action").await;
        dana.refused("/console/accounts/999999", &[("action", "remove")], "no such account").await;

        // Sam becomes an admin, then demotes Dana; Sam, now the only admin, stays one.
        let promote =
            dana.post(&format!("/console/accounts/{}", sam_id.0), &[("action", "role"), ("role", "admin")]).await;
        assert_eq!(promote.status(), StatusCode::OK);
        let sam = signed_in(&app, "acme", AGENT, PASSWORD).await;
        let demote =
            sam.post(&format!("/console/accounts/{}", dana_id.0), &[("action", "role"), ("role", "agent")]).await;
        assert_eq!(demote.status(), StatusCode::OK);
        assert_eq!(dana.get("/console/settings").await.status(), StatusCode::FORBIDDEN, "Dana is an agent now");
        assert!(app.store.set_agent_role(app.workspace.id, sam_id, portal_core::console::Role::Agent).await.is_err());
        assert!(app.store.remove_agent(app.workspace.id, sam_id).await.is_err());

        // Removing Dana ends her sign-ins; removing Sam ends his and leaves his ticket unassigned.
        let removed = sam.post(&format!("/console/accounts/{}", dana_id.0), &[("action", "remove")]).await;
        assert!(removed.text().await.unwrap().contains("The account is removed"));
        assert_eq!(dana.get("/console/inbox").await.status(), StatusCode::SEE_OTHER, "Dana's cookie is dead");
        assert_eq!(sign_in_response(&app, "acme", ADMIN, PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
        account(&app, "acme", "kim@acme.test", "admin").await;
        let kim = signed_in(&app, "acme", "kim@acme.test", PASSWORD).await;
        assert_eq!(
            kim.post(&format!("/console/accounts/{}", sam_id.0), &[("action", "remove")]).await.status(),
            StatusCode::OK
        );
        assert_eq!(sam_session.get("/console/inbox").await.status(), StatusCode::SEE_OTHER);
        let assigned = app.db.scalar("SELECT COUNT(*) FROM tickets WHERE assignee_id IS NOT NULL").await;
        assert_eq!(assigned, 0, "the removed account's ticket is unassigned");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_company_shows_its_members_who_are_added_and_removed_there() {
    on_each_backend("console_company_members", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", AGENT, "agent").await;
        let ann = app.customer_with_tickets(app.workspace.id, "ann@example.com", &["Printer jams"]).await;
        let (globex, _) = app.add_workspace("globex", "https://globex.example").await;
        let stranger = app.customer_with_tickets(globex.id, "gus@globex.example", &[]).await;
        let c = console(&app, "acme", AGENT).await;
        let saved = c.post("/console/companies", &[("key", "northwind"), ("name", "Northwind")]).await;
        assert!(saved.text().await.unwrap().contains("/console/companies/northwind"), "the list links the company");

        let members = "/console/companies/northwind/members";
        let added = c.post(members, &[("add", "ANN@example.com")]).await;
        assert_eq!(added.status(), StatusCode::OK);
        let page = added.text().await.unwrap();
        assert!(page.contains("Added.") && page.contains("ann@example.com"), "{page}");
        let entry = app.store.customer_by_id(app.workspace.id, ann).await.unwrap().unwrap();
        assert_eq!(entry.companies.iter().map(|k| k.to_string()).collect::<Vec<_>>(), ["northwind"]);
        // Adding again keeps one membership.
        c.post(members, &[("add", "ann@example.com")]).await;
        assert_eq!(app.store.customer_by_id(app.workspace.id, ann).await.unwrap().unwrap().companies.len(), 1);

        // Unknown people, another workspace's customer, nothing at all, bad emails: refused, nothing changed.
        c.refused(members, &[("add", "nobody@example.com")], "there is no customer nobody@example.com").await;
        c.refused(members, &[("add", "gus@globex.example")], "there is no customer").await;
        c.refused(members, &[("remove", &stranger.0.to_string())], "no such customer").await;
        c.refused(members, &[], "give an email to add or a member to remove").await;
        c.refused(members, &[("add", "not an email")], "email").await;
        let ghost = c.post("/console/companies/ghost/members", &[("add", "ann@example.com")]).await;
        assert_eq!(ghost.status(), StatusCode::NOT_FOUND, "a company that does not exist");
        assert_eq!(
            app.store
                .company_members(app.workspace.id, &portal_core::CompanyKey::parse("northwind").unwrap())
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(c.get("/console/companies/ghost").await.status(), StatusCode::NOT_FOUND);

        // The company's tickets, from its page to the inbox.
        let form = [("status", "open"), ("ticket_type", ""), ("company", "northwind"), ("assignee", "")];
        assert_eq!(c.post("/console/tickets/1", &form).await.status(), StatusCode::OK);
        let page = c.get("/console/companies/northwind").await.text().await.unwrap();
        assert!(page.contains("/console/inbox?company=northwind"), "{page}");
        let inbox = c.get("/console/inbox?company=northwind").await.text().await.unwrap();
        assert!(inbox.contains("Printer jams") && inbox.contains("value=\"northwind\""), "{inbox}");
        assert!(!c.get("/console/inbox?company=umbrella").await.text().await.unwrap().contains("Printer jams"));
        assert_eq!(c.get("/console/inbox?company=not%20a%20key").await.status(), StatusCode::BAD_REQUEST);

        let removed = c.post(members, &[("remove", &ann.0.to_string())]).await.text().await.unwrap();
        assert!(removed.contains("Removed.") && !removed.contains("ann@example.com"), "{removed}");
        assert!(app.store.customer_by_id(app.workspace.id, ann).await.unwrap().unwrap().companies.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_customer_list_comes_in_pages() {
    on_each_backend("console_customer_pages", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", AGENT, "agent").await;
        for i in 0..102 {
            app.customer_with_tickets(app.workspace.id, &format!("c{i:03}@example.com"), &[]).await;
        }
        let c = console(&app, "acme", AGENT).await;
        let rows = |page: &str| page.matches("data-testid=\"customer-row\"").count();

        let first = c.get("/console/customers?q=example").await.text().await.unwrap();
        assert_eq!(rows(&first), 100);
        assert!(first.contains("c099@example.com") && !first.contains("c100@example.com"));
        let next = first.split("data-testid=\"next-page\"").next().unwrap().rsplit("href=\"").next().unwrap();
        let next = next.split('"').next().unwrap().replace("&amp;", "&");
        assert_eq!(next, "/console/customers?q=example&after=c099%40example.com");
        let second = c.get(&next).await.text().await.unwrap();
        assert_eq!(rows(&second), 2);
        assert!(second.contains("c100@example.com") && second.contains("c101@example.com"));
        assert!(!second.contains("data-testid=\"next-page\""), "the last page links no further");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_pause_and_resume_accounts() {
    on_each_backend("console_pause_and_resume", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        account(&app, "acme", AGENT, "agent").await;
        let dana = console(&app, "acme", ADMIN).await;
        let sam = console(&app, "acme", AGENT).await;
        let agents = app.store.agents(app.workspace.id).await.unwrap();
        let id_of = |email: &str| agents.iter().find(|a| a.email == email).unwrap().id.0.to_string();
        let (dana_path, sam_path) =
            (format!("/console/accounts/{}", id_of(ADMIN)), format!("/console/accounts/{}", id_of(AGENT)));

        dana.refused(&dana_path, &[("action", "pause")], "another admin").await;
        let paused = dana.post(&sam_path, &[("action", "pause")]).await.text().await.unwrap();
        assert!(paused.contains("The account is paused") && paused.contains("agent (paused)"), "{paused}");
        assert_eq!(sam.get("/console/inbox").await.status(), StatusCode::SEE_OTHER, "Sam's sign-in ended");
        // The right password learns why; a wrong one learns nothing.
        let refused = sign_in_response(&app, "acme", AGENT, PASSWORD).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert!(refused.text().await.unwrap().contains("This account is paused"));
        let wrong = sign_in_response(&app, "acme", AGENT, "wrong password!").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert!(!wrong.text().await.unwrap().contains("paused"));

        let resumed = dana.post(&sam_path, &[("action", "resume")]).await.text().await.unwrap();
        assert!(resumed.contains("The account is resumed"), "{resumed}");
        console(&app, "acme", AGENT).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn conditions_on_company_attributes_are_offered_and_previewed() {
    on_each_backend("console_conditions_on_company_attributes", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let ws = app.workspace.id;
        let globex = portal_core::CompanyKey::parse("globex").unwrap();
        let gold = std::collections::BTreeMap::from([("tier".to_string(), "gold".to_string())]);
        app.store.put_company(ws, &globex, "Globex", Some(&gold), portal_server::now_millis()).await.unwrap();
        let ann = app.sign_in("ann@globex.example").await;
        let email = portal_core::Email::parse("ann@globex.example").unwrap();
        let customer = app.store.customer_by_email(ws, &email).await.unwrap().unwrap().id;
        app.store.set_customer_companies(ws, customer, std::slice::from_ref(&globex)).await.unwrap();
        app.sign_in("bob@example.com").await;

        // Both hints list the fields conditions may name, company attributes among them.
        let page = c.get("/console/settings").await.text().await.unwrap();
        assert_eq!(page.matches("company.attributes.&lt;key").count(), 2, "{page}");

        let gold_only = [("conditions", "company.attributes.tier equals gold")];
        let preview = c.post("/console/audience-preview", &gold_only).await.text().await.unwrap();
        assert!(preview.contains("1 of 2 customers match") && preview.contains("ann@globex.example"), "{preview}");
        assert_eq!(c.post("/console/settings/audience", &gold_only).await.status(), StatusCode::OK);
        assert_eq!(app.ticket_titles(&ann.token).await, Vec::<String>::new(), "ann is admitted");
        let bad = [("conditions", "company.attributes.Tier equals gold")];
        let refused = c.post("/console/audience-preview", &bad).await.text().await.unwrap();
        assert!(refused.contains("company.attributes.&lt;key"), "the refusal names the fields: {refused}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_set_the_standalone_portal_and_agents_see_a_customers_sessions() {
    on_each_backend("console_admins_set_the_standalone_portal", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let c = console(&app, "acme", ADMIN).await;
        let settings = c.get("/console/settings").await.text().await.unwrap();
        assert!(settings.contains("Email to customers is off: no SMTP server is configured"), "{settings}");
        let form = [("sign_in_url", "https://acme.example/login"), ("host", "Support.Acme.example"), ("new_tab", "on")];
        assert_eq!(c.post("/console/settings/standalone", &form).await.status(), StatusCode::OK);
        let standalone = app.store.workspace(app.workspace.id).await.unwrap().unwrap().standalone;
        assert_eq!(standalone.sign_in_url.as_str(), "https://acme.example/login");
        assert_eq!(standalone.host.unwrap().as_str(), "support.acme.example");
        assert!(standalone.new_tab_allowed);
        // Cleared, and "Open in a new tab" off (an unticked box is not sent).
        assert_eq!(
            c.post("/console/settings/standalone", &[("sign_in_url", ""), ("host", "")]).await.status(),
            StatusCode::OK
        );
        let standalone = app.store.workspace(app.workspace.id).await.unwrap().unwrap().standalone;
        assert_eq!(standalone, portal_core::StandaloneSettings::default());

        // The site's support page: an https address without #, else nothing changes.
        let page = [("site_page", "https://app.acme.example/support?x=1")];
        assert_eq!(c.post("/console/settings/standalone", &page).await.status(), StatusCode::OK);
        let standalone = app.store.workspace(app.workspace.id).await.unwrap().unwrap().standalone;
        assert_eq!(standalone.site_page.as_str(), "https://app.acme.example/support?x=1");
        for bad in ["javascript:alert(1)", "http://app.acme.example/", "https://app.acme.example/#x", "https://a b/"] {
            let refused = c.post("/console/settings/standalone", &[("site_page", bad)]).await;
            assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{bad}");
        }
        assert_eq!(app.store.workspace(app.workspace.id).await.unwrap().unwrap().standalone, standalone);

        // Who the mail comes from; a bad address changes nothing.
        let sender = [("mail_from_name", " Acme Support "), ("mail_reply_to", "help@acme.example")];
        assert_eq!(c.post("/console/settings/mail", &sender).await.status(), StatusCode::OK);
        let saved = app.store.workspace(app.workspace.id).await.unwrap().unwrap().mail_sender;
        assert_eq!(
            (saved.from_name.as_str(), saved.reply_to.as_ref().map(|a| a.as_str())),
            ("Acme Support", Some("help@acme.example"))
        );
        for bad in [
            [("mail_from_name", "Acme"), ("mail_reply_to", "not an address")],
            [("mail_from_name", "A\u{7}B"), ("mail_reply_to", "")],
        ] {
            let refused = c.post("/console/settings/mail", &bad).await;
            assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{bad:?}");
            assert!(refused.text().await.unwrap().contains("Nothing was changed"), "{bad:?}");
        }
        assert_eq!(app.store.workspace(app.workspace.id).await.unwrap().unwrap().mail_sender, saved);

        let grant = app.sign_in("sam@example.com").await;
        let id = app
            .store
            .customer_by_email(app.workspace.id, &portal_core::Email::parse("sam@example.com").unwrap())
            .await
            .unwrap()
            .unwrap()
            .id;
        let page = c.get(&format!("/console/customers/{}", id.0)).await.text().await.unwrap();
        assert_eq!(page.matches(r#"data-testid="customer-session""#).count(), 1, "{page}");
        assert!(page.contains(ORIGIN) && page.contains("Active"), "{page}");
        // Disabling the customer ends their sessions.
        assert_eq!(
            c.post(&format!("/console/customers/{}/access", id.0), &[("access", "disable")]).await.status(),
            StatusCode::OK
        );
        let page = c.get(&format!("/console/customers/{}", id.0)).await.text().await.unwrap();
        assert!(page.contains("Ended") && !page.contains("Active"), "{page}");
        assert_eq!(app.tickets(Some(&grant.token)).await.status(), StatusCode::UNAUTHORIZED);
    })
    .await;
}

/// An admin writes assignment and escalation rules: bad ones change
/// nothing, a preview lists the tickets a rule would match, and a new
/// ticket is assigned by the rule.
#[tokio::test(flavor = "multi_thread")]
async fn admins_write_rules_and_preview_them() {
    on_each_backend("console_rules", |db| async move {
        let app = spawn_app(db).await;
        account(&app, "acme", ADMIN, "admin").await;
        let admin = console(&app, "acme", ADMIN).await;
        let agents = app.store.agents(app.workspace.id).await.unwrap();
        let dana = agents[0].id.0.to_string();
        app.customer_with_tickets(app.workspace.id, "vip@big.test", &["Old VIP ticket"]).await;

        let assign = |name: &'static str, extra: Vec<(&'static str, String)>| {
            let mut form = vec![("kind", "assign".to_string()), ("name", name.to_string())];
            form.extend(extra);
            form
        };
        fn as_refs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
            form.iter().map(|(k, v)| (*k, v.as_str())).collect()
        }
        let nobody = assign("Nobody", vec![("action", "add".into())]);
        admin.refused("/console/rules", &as_refs(&nobody), "agent").await;
        let bad = assign(
            "Bad",
            vec![("action", "add".into()), ("agent", dana.clone()), ("customer", "shoe size is 9".into())],
        );
        admin.refused("/console/rules", &as_refs(&bad), "shoe").await;
        let stranger = assign("Stranger", vec![("action", "add".into()), ("agent", "999999".into())]);
        admin.refused("/console/rules", &as_refs(&stranger), "999999").await;
        let slow = [
            ("kind", "escalate"),
            ("action", "add"),
            ("name", "Slow"),
            ("trigger", "no_first_reply"),
            ("minutes", "0"),
            ("mark", "on"),
        ];
        admin.refused("/console/rules", &slow, "1").await;
        assert!(app.store.routing_rules(app.workspace.id).await.unwrap().assignment.is_empty(), "nothing was written");

        let vips = assign("VIPs", vec![("agent", dana.clone()), ("customer", "email ends_with @big.test".into())]);
        let mut preview = vips.clone();
        preview.push(("action", "preview".into()));
        let page = admin.post("/console/rules", &as_refs(&preview)).await.text().await.unwrap();
        assert!(page.contains(r#"data-testid="rule-preview""#) && page.contains("Old VIP ticket"), "{page}");
        let mut add = vips;
        add.push(("action", "add".into()));
        assert_eq!(admin.post("/console/rules", &as_refs(&add)).await.status(), 200);
        let slow = [
            ("kind", "escalate"),
            ("action", "add"),
            ("name", "Slow"),
            ("trigger", "no_first_reply"),
            ("minutes", "30"),
            ("mark", "on"),
        ];
        assert_eq!(admin.post("/console/rules", &slow).await.status(), 200);
        let page = admin.get("/console/rules").await.text().await.unwrap();
        assert!(page.contains(r#"data-testid="assignment-rule""#) && page.contains(r#"data-testid="escalation-rule""#));

        let ticket = serde_json::json!({"customer": {"email": "new@big.test"}, "title": "Routed"});
        let token = crate::rest::api_token(&app, "acme", "rules").await;
        let created: serde_json::Value = app
            .client
            .post(app.url("/api/v1/tickets"))
            .bearer_auth(&token)
            .json(&ticket)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let scope = portal_core::AgentScope::for_integration(&portal_core::access::ActiveIntegration {
            workspace_id: app.workspace.id,
        });
        let number = portal_core::TicketNumber(created["number"].as_i64().unwrap());
        assert_eq!(app.store.ticket_assignee(&scope, number).await.unwrap(), Some(agents[0].id));

        // Business hours: a made-up zone or hours change nothing.
        let hours = |zone: &'static str, opens: &'static str| {
            vec![("action", "save"), ("zone", zone), ("day", "0"), ("day", "4"), ("opens", opens), ("closes", "17:00")]
        };
        admin.refused("/console/business-hours", &hours("Mars/Olympus", "09:00"), "Mars/Olympus").await;
        admin.refused("/console/business-hours", &hours("Europe/Berlin", "18:00"), "opening before closing").await;
        admin.refused("/console/business-hours", &hours("Europe/Berlin", "9 am"), "opening before closing").await;
        assert_eq!(app.store.routing_rules(app.workspace.id).await.unwrap().business_hours, None);
        let saved = admin.post("/console/business-hours", &hours("Europe/Berlin", "08:30")).await.text().await.unwrap();
        assert!(saved.contains("08:30–17:00 · Europe/Berlin"), "{saved}");
        let kept = app.store.routing_rules(app.workspace.id).await.unwrap().business_hours.unwrap();
        assert_eq!((kept.days, kept.opens), ([true, false, false, false, true, false, false], 8 * 60 + 30));
        assert_eq!(admin.post("/console/business-hours", &[("action", "clear")]).await.status(), 200);
        assert_eq!(app.store.routing_rules(app.workspace.id).await.unwrap().business_hours, None);

        let rules = app.store.routing_rules(app.workspace.id).await.unwrap();
        let id = rules.assignment[0].0;
        admin.refused(&format!("/console/rules/{}", id + 1000), &[("action", "remove")], "no such rule").await;
        assert_eq!(admin.post(&format!("/console/rules/{id}"), &[("action", "remove")]).await.status(), 200);
        assert!(app.store.routing_rules(app.workspace.id).await.unwrap().assignment.is_empty());
    })
    .await;
}
