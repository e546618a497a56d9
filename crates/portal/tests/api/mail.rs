//! Mail to customers through a real SMTP server (aiosmtpd, a process of its
//! own, writing what it receives to a Maildir): an agent's public reply is
//! mailed once, threaded by ticket, with a link and a one-click unsubscribe
//! that works at once; an internal note never is; mail that could not go
//! out waits in the outbox and is sent once the server is back.

use crate::app::*;
use crate::rest::{api_token, open_ticket, post_message};
use portal_server::now_millis;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

/// An SMTP server on a free port of 127.0.0.1 that keeps every message.
pub struct Sink {
    port: u16,
    child: Child,
    dir: tempfile::TempDir,
}

impl Sink {
    pub async fn start() -> Self {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/venv/bin/python");
        let mut child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("mail"))
            .spawn()
            .unwrap_or_else(|e| {
                panic!("start aiosmtpd with {} (scripts/setup --test installs it): {e}", python.display())
            });
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Self { port, child, dir };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not listen on {port}");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Sends the portal's mail here, from support@acme.test.
    pub fn send_through(&self, config: &mut portal_server::config::Config) {
        config.smtp_url = Some(portal_server::config::KeyText(self.url()));
        config.mail_from = Some("support@acme.test".into());
    }

    /// Every message received so far, raw.
    pub fn messages(&self) -> Vec<String> {
        let new = self.dir.path().join("mail/new");
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(new).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        // In the order they arrived: Maildir names do not sort by time.
        files.sort_by_key(|file| (std::fs::metadata(file).and_then(|m| m.modified()).ok(), file.clone()));
        files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
    }

    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..150 {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{count} message(s) expected, {} arrived", self.messages().len());
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The value of header `name` in a raw message (first line only).
pub fn header<'a>(message: &'a str, name: &str) -> &'a str {
    message
        .lines()
        .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("no {name} in\n{message}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agents_reply_is_mailed_once_threaded_and_unsubscribable() {
    on_each_backend("an_agents_reply_is_mailed_once", |db| async move {
        let sink = Sink::start().await;
        let app = spawn_app_with(db, |config| sink.send_through(config)).await;
        let token = api_token(&app, SLUG, "mail test").await;
        let sender = portal_core::console::MailSender::parse("Acme Support", "help@acme.test").unwrap();
        app.store.set_mail_sender(app.workspace.id, &sender).await.unwrap();
        let number = open_ticket(&app, &token, "ann@example.com", "Where is my invoice?").await;
        let note = json!({"body": "CANARY-NOTE", "internal": true, "author_name": "Agent"});
        assert_eq!(post_message(&app, &token, number, &note).await.status, 201);
        let reply = json!({"body": "It is **on its way**.", "author_name": "Sam from Acme"});
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);

        let messages = sink.wait_for(1).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(sink.messages().len(), 1, "one mail: the note sends none");
        let mail = &messages[0];
        assert!(!mail.contains("CANARY-NOTE"), "{mail}");
        assert!(header(mail, "To").contains("ann@example.com"), "{mail}");
        assert_eq!(header(mail, "From"), "\"Acme Support\" <support@acme.test>", "{mail}");
        assert_eq!(header(mail, "Reply-To"), "\"Acme Support\" <help@acme.test>", "the admins' reply-to: {mail}");
        assert!(header(mail, "Subject").contains(&format!("#{number}")), "{mail}");
        let thread = format!("<ticket-{number}.acme@");
        assert!(
            header(mail, "In-Reply-To").starts_with(&thread) && header(mail, "References").starts_with(&thread),
            "{mail}"
        );
        assert!(header(mail, "Message-ID").starts_with("<reply-"), "{mail}");
        assert_eq!(header(mail, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
        assert!(mail.contains("multipart/alternative") && mail.contains("text/html"), "{mail}");
        assert!(mail.contains("on its way"), "{mail}");

        // The link opens the ticket signed in, once; then it is the sign-in.
        let decoded = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
        let start = decoded.find("/p/acme/link?").unwrap_or_else(|| panic!("no link in {decoded}"));
        let link: String =
            decoded[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || "/?=&_-".contains(*c)).collect();
        assert!(link.starts_with(&format!("/p/acme/link?ticket={number}&code=")), "{link}");
        let opened = app.get(&link).await;
        assert_eq!(opened.headers()["location"], format!("/p/acme/tickets/{number}").as_str());
        let cookie = opened.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
        let page = app
            .client
            .get(app.url(&format!("/p/acme/tickets/{number}")))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "signed in by the link");
        let again = app.get(&link).await;
        assert_eq!(
            again.headers()["location"],
            format!("/p/acme/sign-in?return_to=%2Fp%2Facme%2Ftickets%2F{number}").as_str()
        );
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await, 1);
        crate::console::account(&app, SLUG, "admin@acme.test", "admin").await;
        let admin = crate::console::console(&app, SLUG, "admin@acme.test").await;
        let settings = admin.get("/console/settings").await.text().await.unwrap();
        assert!(settings.contains("Email to customers is on"), "{settings}");

        // RFC 8058's one-click: a POST to the header's address, at once.
        let unsubscribe = header(mail, "List-Unsubscribe").trim_matches(['<', '>']).to_string();
        let path = &unsubscribe[unsubscribe.find("/p/").unwrap()..];
        assert_eq!(app.get(path).await.status(), 200, "the link shows a button, changing nothing");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM customers WHERE email_notifications").await, 1);
        let clicked = app.client.post(app.url(path)).body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(clicked.status(), 200);
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM customers WHERE email_notifications").await, 0);
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(sink.messages().len(), 1, "no more mail once unsubscribed");
        let forged =
            app.client.post(app.url(&format!("/p/acme/unsubscribe?token={}", random_token()))).send().await.unwrap();
        assert_eq!(forged.status(), 404);

        // Turned back on from the account page: the next reply is mailed.
        let ann = app.sign_in("ann@example.com").await;
        let page = app.post("/api/portal/page", &json!({"path": "/account"}), Some(&ann.token)).await;
        assert!(expect_ok::<String>(page, "the account page").await.contains(r#"data-turn="on""#));
        let on = app.post("/api/portal/account/email", &json!({"on": true}), Some(&ann.token)).await;
        assert_eq!(on.status(), 200);
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        assert_eq!(sink.wait_for(2).await.len(), 2);
        let bad = app.post("/api/portal/account/email", &json!({"on": "yes"}), Some(&ann.token)).await;
        assert_eq!(bad.status(), 400, "a bad value is refused");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mail_that_could_not_go_out_is_sent_once_the_server_is_back() {
    on_each_backend("mail_that_could_not_go_out_is_sent_later", |db| async move {
        // No SMTP server where the portal looks: the mail waits.
        let down = free_port();
        let app = spawn_app_with(db, |config| {
            config.smtp_url = Some(portal_server::config::KeyText(format!("smtp://127.0.0.1:{down}")));
            config.mail_from = Some("support@acme.test".into());
        })
        .await;
        let token = api_token(&app, SLUG, "mail test").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Where is my invoice?").await;
        let reply = json!({"body": "Shipped today.", "author_name": "Sam"});
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        let tried = async {
            while app.db.scalar("SELECT COUNT(*) FROM outbox WHERE attempts > 0 AND claimed_until IS NULL").await == 0 {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(15), tried).await.expect("a try was made and recorded");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL").await, 1);

        // The server is back (here: another instance of the portal with a
        // working one), and the retry is due: sent, once.
        let sink = Sink::start().await;
        app.db.execute(&format!("UPDATE outbox SET due_at = {}", now_millis())).await;
        let mailer =
            portal_server::mail::Mailer::from_config(Some(&sink.url()), Some("support@acme.test")).unwrap().unwrap();
        assert_eq!(portal_server::outbox::deliver_due(&app.state, &mailer).await, 1);
        assert_eq!(sink.wait_for(1).await.len(), 1);
        assert_eq!(portal_server::outbox::deliver_due(&app.state, &mailer).await, 0, "nothing twice");
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND attempts = 2").await, 1);

        // Mail refused after its last try shows on the ticket in the console.
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        let claimed = app.store.claim_mail(now_millis(), 60_000, 10).await.unwrap();
        app.store.mail_not_sent(claimed[0].id, now_millis(), "550 mailbox unavailable", None).await.unwrap();
        crate::console::account(&app, SLUG, "agent@acme.test", "agent").await;
        let agent = crate::console::console(&app, SLUG, "agent@acme.test").await;
        let page = agent.get(&format!("/console/tickets/{number}")).await.text().await.unwrap();
        assert!(page.contains(r#"data-testid="failed-mail""#) && page.contains("550 mailbox unavailable"), "{page}");
    })
    .await;
}

/// The real binary killed (SIGKILL, no goodbye) after a reply was written
/// and before its mail went out: the next start sends it, once, and the
/// start after that sends nothing again.
#[tokio::test(flavor = "multi_thread")]
async fn a_mail_waiting_when_the_portal_is_killed_is_sent_once_after_the_restart() {
    on_each_backend("a_mail_waiting_when_the_portal_is_killed", |db| async move {
        portal::commands::create_workspace(&*db.store, SLUG, "Acme", GREETING, &[ORIGIN.to_string()]).await.unwrap();
        let output = portal::commands::create_api_token(&*db.store, SLUG, "kill test").await.unwrap();
        let token = output.lines().last().unwrap().trim().to_string();
        let dir = tempfile::tempdir().unwrap();
        let client = reqwest::Client::builder().no_proxy().build().unwrap();

        // No SMTP server yet: the reply is written, its mail waits.
        let (mut first, base) = start_portal_binary(&db, &dir, &[]).await;
        let ticket = json!({"customer": {"email": "ann@example.com"}, "title": "Where is my invoice?"});
        let opened = client.post(format!("{base}/api/v1/tickets")).bearer_auth(&token).json(&ticket).send().await;
        let number = opened.unwrap().json::<serde_json::Value>().await.unwrap()["number"].as_i64().unwrap();
        let reply = json!({"body": "CANARY-KILLED It is on its way.", "author_name": "Sam"});
        let posted = client
            .post(format!("{base}/api/v1/tickets/{number}/messages"))
            .bearer_auth(&token)
            .json(&reply)
            .send()
            .await
            .unwrap();
        assert_eq!(posted.status(), 201);
        first.kill().await.unwrap();

        let sink = Sink::start().await;
        let smtp = [("PORTAL_SMTP_URL", sink.url()), ("PORTAL_MAIL_FROM", "support@acme.test".to_string())];
        let env: Vec<(&str, &str)> = smtp.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (mut second, _) = start_portal_binary(&db, &dir, &env).await;
        let messages = sink.wait_for(1).await;
        assert!(messages[0].contains("CANARY-KILLED"), "{}", messages[0]);
        second.kill().await.unwrap();

        let (mut third, _) = start_portal_binary(&db, &dir, &env).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(sink.messages().len(), 1, "sent once: a restart sends nothing again");
        third.kill().await.unwrap();
    })
    .await;
}

/// A customer's mail is in the language they last signed in with; before
/// any sign-in, in the workspace's.
#[tokio::test(flavor = "multi_thread")]
async fn mail_is_in_the_language_the_customer_signed_in_with() {
    on_each_backend("mail_is_in_the_customers_language", |db| async move {
        let sink = Sink::start().await;
        let app = spawn_app_with(db, |config| sink.send_through(config)).await;
        let token = api_token(&app, SLUG, "mail test").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Rechnung").await;
        let reply = json!({"body": "Unterwegs.", "author_name": "Sam"});
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        let first = sink.wait_for(1).await.remove(0);
        assert!(header(&first, "Subject").starts_with("New reply"), "the workspace's language first: {first}");

        let body = sign_in_body(SLUG, ORIGIN, "Ann", "ann@example.com", &app.hash("ann@example.com"));
        let signed = app
            .client
            .post(app.url("/api/portal/session/open"))
            .header("accept-language", "de-AT, de;q=0.9")
            .json(&body);
        assert_eq!(signed.send().await.unwrap().status(), 200);
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        let second = sink.wait_for(2).await.remove(1);
        assert!(header(&second, "Subject").starts_with("Neue Antwort"), "{second}");
        let decoded = second.replace("=\r\n", "").replace("=3D", "=");
        assert!(decoded.contains("lang=\"de\""), "{decoded}");
    })
    .await;
}
