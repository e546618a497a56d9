//! Email sign-in on the standalone portal, with a real SMTP server: a known
//! customer gets a code and a link, each signing in once within 15 minutes,
//! the code with five tries; anyone else gets the same page and no mail;
//! asking is rate limited; forms from elsewhere are refused.

use crate::app::*;
use crate::mail::Sink;
use portal_core::StandaloneSettings;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use std::time::Duration;

const KNOWN: &str = "ann@example.com";

impl TestApp {
    async fn with_email_sign_in(&self, on: bool) {
        let settings = StandaloneSettings { email_sign_in: on, ..Default::default() };
        self.store.set_standalone(self.workspace.id, &settings).await.unwrap();
    }

    /// A form of the sign-in pages, posted from the portal's own page (or from `site`).
    async fn sign_in_form(&self, action: &str, fields: &[(&str, &str)], site: &str) -> reqwest::Response {
        let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        self.client
            .post(self.url(&format!("/p/{SLUG}/sign-in/{action}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", site)
            .body(body)
            .send()
            .await
            .unwrap()
    }
}

/// The code and the link of the newest sign-in mail.
fn code_and_link(mail: &str) -> (String, String) {
    let decoded = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let code = decoded
        .lines()
        .map(str::trim)
        .find(|line| line.len() == 8 && line.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no code in {decoded}"))
        .to_string();
    let start = decoded.find(&format!("/p/{SLUG}/sign-in/link?")).unwrap_or_else(|| panic!("no link in {decoded}"));
    let link: String =
        decoded[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || "/?=&_%.-".contains(*c)).collect();
    (code, link)
}

fn signed_in_to(response: &reqwest::Response, page: &str) -> String {
    assert_eq!(response.status(), 303, "signed in");
    assert_eq!(response.headers()[LOCATION], page);
    response.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_known_customer_signs_in_once_with_the_mailed_code_or_link() {
    on_each_backend("a_known_customer_signs_in_with_the_mailed_code", |db| async move {
        let sink = Sink::start().await;
        let app = spawn_app_with(db, |config| sink.send_through(config)).await;
        app.sign_in(KNOWN).await;
        app.with_email_sign_in(true).await;
        let ticket = format!("/p/{SLUG}/tickets/1");

        let form = app.get(&format!("/p/{SLUG}/sign-in?return_to=%2Fp%2F{SLUG}%2Ftickets%2F1")).await;
        assert_eq!(form.status(), 200);
        let page = form.text().await.unwrap();
        assert!(page.contains("data-testid=\"sign-in-email\"") && page.contains(&ticket), "{page}");

        // Known or not, the same answer; only the known customer gets mail.
        let asked =
            app.sign_in_form("email", &[("email", "Ann@Example.com"), ("return_to", &ticket)], "same-origin").await;
        assert_eq!(asked.status(), 200);
        let known_page = asked.text().await.unwrap();
        let fields = [("email", "nobody@example.com"), ("return_to", &ticket)];
        let unknown_page = app.sign_in_form("email", &fields, "same-origin").await.text().await.unwrap();
        assert_eq!(known_page.replace("Ann@Example.com", "X"), unknown_page.replace("nobody@example.com", "X"));
        let mail = sink.wait_for(1).await.remove(0);
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(sink.messages().len(), 1, "no mail for an unknown address");
        let (code, link) = code_and_link(&mail);

        // Five wrong tries end it: the right code no longer works.
        for _ in 0..5 {
            let wrong = app.sign_in_form("code", &[("email", KNOWN), ("code", "00000000")], "same-origin").await;
            assert_eq!(wrong.status(), 400);
        }
        let late = app.sign_in_form("code", &[("email", KNOWN), ("code", &code)], "same-origin").await;
        assert_eq!(late.status(), 400, "out of tries");
        let used = app.get(&link).await;
        assert_eq!(used.status(), 303);
        assert!(used.headers()[LOCATION].to_str().unwrap().contains("link=used"), "the link went with it");

        // A new code works once, and returns to the page asked for.
        app.sign_in_form("email", &[("email", KNOWN), ("return_to", &ticket)], "same-origin").await;
        let (code, _) = code_and_link(&sink.wait_for(2).await[1]);
        let fields = [("email", KNOWN), ("code", &code), ("return_to", &ticket)];
        let cookie = signed_in_to(&app.sign_in_form("code", &fields, "same-origin").await, &ticket);
        let page = app.client.get(app.url(&ticket)).header(COOKIE, &cookie).send().await.unwrap();
        assert_eq!(page.status(), 200, "signed in");
        let again = app.sign_in_form("code", &[("email", KNOWN), ("code", &code)], "same-origin").await;
        assert_eq!(again.status(), 400, "a code works once");

        // The link works once too.
        app.sign_in_form("email", &[("email", KNOWN), ("return_to", &ticket)], "same-origin").await;
        let (_, link) = code_and_link(&sink.wait_for(3).await[2]);
        signed_in_to(&app.get(&link).await, &ticket);
        let used = app.get(&link).await;
        assert!(used.headers()[LOCATION].to_str().unwrap().contains("link=used"));
        let notice = app.get(used.headers()[LOCATION].to_str().unwrap()).await.text().await.unwrap();
        assert!(notice.contains("already used or has expired"), "{notice}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn asking_for_codes_is_limited_guarded_and_checked() {
    on_each_backend("asking_for_codes_is_limited", |db| async move {
        let sink = Sink::start().await;
        let app = spawn_app_with(db, |config| sink.send_through(config)).await;
        app.sign_in(KNOWN).await;
        app.with_email_sign_in(true).await;
        let cross = app.sign_in_form("email", &[("email", KNOWN)], "cross-site").await;
        assert_eq!(cross.status(), 403, "a form from another site");
        for bad in ["", "not-an-email", "a@b@c", &"x".repeat(400)] {
            let refused = app.sign_in_form("email", &[("email", bad)], "same-origin").await;
            assert_eq!(refused.status(), 400, "{bad:?}");
        }
        for code in ["", "1234", "abcdefgh", "123456789", "１２３４５６７８"] {
            let refused = app.sign_in_form("code", &[("email", KNOWN), ("code", code)], "same-origin").await;
            assert_eq!(refused.status(), 400, "{code:?}");
        }
        for _ in 0..3 {
            assert_eq!(app.sign_in_form("email", &[("email", KNOWN)], "same-origin").await.status(), 200);
        }
        let limited = app.sign_in_form("email", &[("email", KNOWN)], "same-origin").await;
        assert_eq!(limited.status(), 429, "a fourth code for one address waits");
        // The mail goes out after the answer: wait for the three, then make sure no fourth follows.
        sink.wait_for(3).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(sink.messages().len(), 3);

        // Turned off: no form, and the endpoints are not there.
        app.with_email_sign_in(false).await;
        let off = app.sign_in_form("email", &[("email", KNOWN)], "same-origin").await;
        assert_eq!(off.status(), 404);
        let page = app.get(&format!("/p/{SLUG}/sign-in")).await.text().await.unwrap();
        assert!(!page.contains("sign-in-email"), "{page}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn without_mail_there_is_no_email_sign_in() {
    on_each_backend("without_mail_there_is_no_email_sign_in", |db| async move {
        let app = spawn_app(db).await;
        app.with_email_sign_in(true).await;
        let page = app.get(&format!("/p/{SLUG}/sign-in")).await.text().await.unwrap();
        assert!(!page.contains("sign-in-email"), "{page}");
        assert_eq!(app.sign_in_form("email", &[("email", KNOWN)], "same-origin").await.status(), 404);
    })
    .await;
}
