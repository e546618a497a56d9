//! Mail in through `POST /api/v1/inbound/email`: a customer answers the
//! notification a real SMTP server received, and the answer lands in the
//! ticket, quotes and signature removed; the same mail twice writes once;
//! a stranger's answer is a note the customer never sees; a made-up reply
//! token is refused and writes nothing; any other mail opens a ticket on
//! the `email` channel; automatic answers are dropped.

use crate::app::*;
use crate::mail::{Sink, header};
use crate::rest::{Written, api_token, open_ticket, portal_ticket, post_message, send, written};
use reqwest::Method;
use serde_json::json;

const INBOUND: &str = "support@acme.test";

async fn deliver(app: &TestApp, token: &str, raw: &str) -> crate::rest::Reply {
    let body = Some(("message/rfc822", raw.replace('\n', "\r\n").into_bytes()));
    send(app, Method::POST, "/api/v1/inbound/email", Some(token), body).await
}

async fn agent_view(app: &TestApp, token: &str, number: i64) -> serde_json::Value {
    send(app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(token), None).await.expect(200)
}

fn answer(from: &str, to: &str, in_reply_to: &str, id: &str, text: &str) -> String {
    format!(
        "From: {from}\nTo: {to}\nSubject: Re: your ticket\nMessage-ID: <{id}@mail.example>\n\
         In-Reply-To: {in_reply_to}\nContent-Type: text/plain; charset=utf-8\n\n{text}"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customers_answer_to_a_notification_lands_in_the_ticket() {
    on_each_backend("a_customers_answer_lands_in_the_ticket", |db| async move {
        let sink = Sink::start().await;
        let app = spawn_app_with(db, |config| {
            sink.send_through(config);
            config.inbound_address = Some(INBOUND.into());
        })
        .await;
        let token = api_token(&app, SLUG, "mail test").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Where is my invoice?").await;
        let reply = json!({"body": "It is on its way.", "author_name": "Sam"});
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        let mail = sink.wait_for(1).await.remove(0);
        let reply_to = header(&mail, "Reply-To");
        let address = reply_to.split('<').nth(1).and_then(|a| a.split('>').next()).unwrap_or(reply_to).to_string();
        assert!(address.starts_with("support+") && address.ends_with("@acme.test"), "{mail}");
        let message_id = header(&mail, "Message-ID").to_string();

        let text = "Thanks, it arrived.\n\nOn Mon, 1 Dec 2026, Acme <x@acme.test> wrote:\n> It is on its way.\n";
        let from_ann = answer("Ann <ANN@example.com>", &address, &message_id, "a1", text);
        let taken = deliver(&app, &token, &from_ann).await.expect(201);
        assert_eq!(
            (&taken["result"], &taken["ticket"], &taken["duplicate"]),
            (&json!("reply"), &json!(number), &json!(false))
        );
        let again = deliver(&app, &token, &from_ann).await.expect(200);
        assert_eq!(again["duplicate"], true, "{again}");

        let seen = agent_view(&app, &token, number).await;
        let bodies: Vec<(&str, bool)> = seen["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["body"].as_str().unwrap(), m["internal"].as_bool().unwrap()))
            .collect();
        assert_eq!(bodies, [("It is on its way.", false), ("Thanks, it arrived.", false)], "once, without the quote");
        let session = app.sign_in("ann@example.com").await.token;
        let (_, raw) = portal_ticket(&app, &session, number).await;
        assert!(raw.contains("Thanks, it arrived.") && !raw.contains("wrote:"), "{raw}");

        // Someone else answering the same mail: a note for agents only.
        let from_eve = answer("eve@example.com", &address, &message_id, "e1", "CANARY-STRANGER please send it to me");
        assert_eq!(deliver(&app, &token, &from_eve).await.expect(201)["result"], "note");
        let (_, raw) = portal_ticket(&app, &session, number).await;
        assert!(!raw.contains("CANARY-STRANGER"), "the customer never sees a stranger's mail");
        let seen = agent_view(&app, &token, number).await;
        let note = seen["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((note["internal"].as_bool(), note["author_name"].as_str()), (Some(true), Some("eve@example.com")));

        // A made-up token, even with a right In-Reply-To, is refused and writes nothing.
        let before: Written = written(&app).await;
        let never_sent = format!("support+{}@acme.test", "0".repeat(32));
        for to in [never_sent.as_str(), "support+nothex@acme.test"] {
            let mail = answer("ann@example.com", to, &message_id, "f1", "CANARY-FORGED");
            deliver(&app, &token, &mail).await.expect_error(404, "not_found", None);
        }
        assert_eq!(written(&app).await, before, "a refused mail writes nothing");

        // Another workspace's token opens nothing here.
        let (_, _) = app.add_workspace("globex", "https://globex.test").await;
        let globex = api_token(&app, "globex", "globex mail").await;
        let mail = answer("ann@example.com", &address, "<none@x>", "g1", "CANARY-OTHER");
        deliver(&app, &globex, &mail).await.expect_error(404, "not_found", None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn other_mail_opens_a_ticket_on_the_email_channel() {
    on_each_backend("other_mail_opens_a_ticket", |db| async move {
        let app = spawn_app_with(db, |config| config.inbound_address = Some(INBOUND.into())).await;
        let token = api_token(&app, SLUG, "mail test").await;
        let new = "From: Bea Costa <bea@example.com>\nTo: Acme Support <support@acme.test>\n\
                   Subject: The export is empty\nMessage-ID: <n1@mail.example>\n\
                   Content-Type: text/html; charset=utf-8\n\n<p>Since <b>Monday</b> the export is empty.</p>\n";
        let taken = deliver(&app, &token, new).await.expect(201);
        assert_eq!(taken["result"], "ticket");
        let number = taken["ticket"].as_i64().unwrap();
        let again = deliver(&app, &token, new).await.expect(200);
        assert_eq!(
            (&again["ticket"], &again["duplicate"]),
            (&json!(number), &json!(true)),
            "no second ticket: {again}"
        );
        let ticket = agent_view(&app, &token, number).await;
        assert_eq!(
            (ticket["title"].as_str(), ticket["channel"].as_str()),
            (Some("The export is empty"), Some("email"))
        );
        assert!(ticket["description"].as_str().unwrap().contains("Since Monday the export is empty."), "{ticket}");
        let session = app.sign_in("bea@example.com").await.token;
        let (list, _) = crate::rest::portal_list(&app, &session).await;
        assert_eq!(list.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["The export is empty"]);

        // An answer threaded to that ticket by its headers alone (no reply address).
        let thread = format!("<ticket-{number}.{SLUG}@localhost>");
        let follow = answer("bea@example.com", INBOUND, &thread, "n2", "And the import too.");
        let taken = deliver(&app, &token, &follow).await.expect(201);
        assert_eq!((&taken["result"], &taken["ticket"]), (&json!("reply"), &json!(number)), "{taken}");

        // Out-of-office answers are dropped.
        let before = written(&app).await;
        let away =
            format!("Auto-Submitted: auto-replied\n{}", answer("bea@example.com", INBOUND, &thread, "n3", "Away"));
        let dropped = deliver(&app, &token, &away).await.expect(200);
        assert_eq!((&dropped["result"], &dropped["ticket"]), (&json!("ignored"), &json!(null)), "{dropped}");
        assert_eq!(written(&app).await, before);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_mail_is_refused_and_writes_nothing() {
    on_each_backend("bad_mail_is_refused", |db| async move {
        let app = spawn_app_with(db, |config| config.inbound_address = Some(INBOUND.into())).await;
        let token = api_token(&app, SLUG, "mail test").await;
        let before = written(&app).await;
        for (raw, what) in [
            ("", "an empty body"),
            ("Subject: no sender\n\nHello", "no From"),
            ("From: not an address\nSubject: x\n\nHello", "a From that is no address"),
            ("From: a@b@c\nSubject: x\n\nHello", "a From with two @"),
            ("From: ann@example.com\nTo: support@acme.test\n\n> only a quote\n-- \nsig", "nothing new, no subject"),
        ] {
            let reply = deliver(&app, &token, raw).await;
            assert_eq!(reply.status, 400, "{what}: {}", reply.body);
            assert_eq!(reply.body["error"]["code"], "invalid_request", "{what}");
        }
        let thread = format!("<ticket-999.{SLUG}@localhost>");
        let gone = answer("ann@example.com", INBOUND, &thread, "x9", "Hello?");
        // A thread naming no ticket of the workspace is a new mail, not an error.
        assert_eq!(deliver(&app, &token, &gone).await.expect(201)["result"], "ticket");
        let after = written(&app).await;
        assert_eq!((after.tickets, after.messages), (before.tickets + 1, before.messages), "only that ticket");
        send(&app, Method::POST, "/api/v1/inbound/email", None, Some(("message/rfc822", b"From: a@b\n\nx".to_vec())))
            .await
            .expect_error(401, "unauthorized", None);
    })
    .await;
}

/// A mail with two files: one the portal takes, one it does not.
fn with_files(from: &str, thread: &str) -> String {
    let pdf = "JVBERi0xLjQKJSBtYWlsZWQK"; // "%PDF-1.4\n% mailed\n"
    let exe = "TVqQAAMAAAAEAAAA"; // "MZ..." a Windows program
    format!(
        "From: {from}\nTo: {INBOUND}\nSubject: Re: logs\nMessage-ID: <files@mail.example>\nIn-Reply-To: {thread}\n\
         MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n\
         --b1\nContent-Type: text/plain\n\nHere are the logs.\n\
         --b1\nContent-Type: application/pdf; name=report.pdf\nContent-Disposition: attachment; filename=report.pdf\n\
         Content-Transfer-Encoding: base64\n\n{pdf}\n\
         --b1\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=tool.exe\n\
         Content-Transfer-Encoding: base64\n\n{exe}\n--b1--\n"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn mailed_files_pass_the_portals_checks_and_strangers_files_are_not_kept() {
    on_each_backend("mailed_files_pass_the_portals_checks", |db| async move {
        let app = spawn_app_with(db, |config| config.inbound_address = Some(INBOUND.into())).await;
        let token = api_token(&app, SLUG, "mail test").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Logs").await;
        let thread = format!("<ticket-{number}.{SLUG}@localhost>");
        let taken = deliver(&app, &token, &with_files("ann@example.com", &thread)).await.expect(201);
        assert_eq!(taken["files_kept"], json!(["report.pdf"]), "{taken}");
        assert_eq!(taken["files_refused"][0]["name"], "tool.exe", "{taken}");
        let seen = agent_view(&app, &token, number).await;
        let message = seen["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(message["body"], "Here are the logs.");
        let files = message["attachments"].as_array().unwrap();
        assert_eq!(files.len(), 1, "{message}");
        let id = files[0]["id"].as_i64().unwrap();
        let file = app
            .client
            .get(app.url(&format!("/api/v1/tickets/{number}/attachments/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(file.bytes().await.unwrap().as_ref(), b"%PDF-1.4\n% mailed\n");

        let before = app.db.scalar("SELECT COUNT(*) FROM attachments").await;
        let stranger = with_files("eve@example.com", &thread).replace("files@", "eve-files@");
        let taken = deliver(&app, &token, &stranger).await.expect(201);
        assert_eq!((taken["result"].as_str(), taken["files_kept"].as_array().map(Vec::len)), (Some("note"), Some(0)));
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM attachments").await, before, "a stranger's files are not kept");
    })
    .await;
}

/// What schemathesis cannot write: mangled and random mail. Every answer is
/// a refusal or a success, never a server error, and a refusal writes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn mangled_and_random_mail_never_breaks_the_server() {
    use rand::{Rng, SeedableRng};
    on_each_backend("mangled_and_random_mail", |db| async move {
        let app = spawn_app_with(db, |config| config.inbound_address = Some(INBOUND.into())).await;
        let token = api_token(&app, SLUG, "mail test").await;
        let valid = with_files("ann@example.com", "<ticket-1.acme@localhost>").replace('\n', "\r\n").into_bytes();
        let mut rng = rand::rngs::StdRng::seed_from_u64(16);
        for case in 0..120 {
            let mut raw = valid.clone();
            match case % 4 {
                // Bytes flipped anywhere, headers and MIME boundaries included.
                0 => (0..8).for_each(|_| {
                    let at = rng.random_range(0..raw.len());
                    raw[at] = rng.random();
                }),
                // Cut short.
                1 => raw.truncate(rng.random_range(0..raw.len())),
                // Pure noise.
                2 => raw = (0..rng.random_range(0..2000)).map(|_| rng.random()).collect(),
                // A header line repeated until it is long.
                _ => raw
                    .splice(0..0, b"X-Long: ".iter().copied().chain((0..50_000).map(|_| b'a')).chain(*b"\r\n"))
                    .for_each(drop),
            }
            let before = written(&app).await;
            let reply =
                send(&app, Method::POST, "/api/v1/inbound/email", Some(&token), Some(("message/rfc822", raw))).await;
            let status = reply.status.as_u16();
            assert!([200, 201, 400, 404].contains(&status), "case {case}: {status} {}", reply.body);
            if status >= 400 {
                assert_eq!(written(&app).await, before, "case {case}: a refusal writes nothing");
            }
        }
    })
    .await;
}

// --- The built-in SMTP listener ----------------------------------------------

/// Sends `raw` over SMTP with Python's smtplib (the venv `scripts/setup
/// --test` makes), with STARTTLS when `tls`; the server's answer as JSON:
/// `{"stage": "rcpt" | "data", "code", "message", "tls"}`.
fn smtp_send(addr: std::net::SocketAddr, tls: bool, recipients: &[&str], raw: &str) -> serde_json::Value {
    const CLIENT: &str = r#"
import json, smtplib, ssl, sys
host, port, tls, rcpts, path = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "tls", sys.argv[4].split(","), sys.argv[5]
s = smtplib.SMTP(host, port, timeout=60)
s.ehlo()
version = None
if tls:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    s.starttls(context=context)
    s.ehlo()
    version = s.sock.version()
s.mail("sender@example.com")
for r in rcpts:
    code, message = s.rcpt(r)
    if code >= 400:
        print(json.dumps({"stage": "rcpt", "code": code, "message": message.decode(), "tls": version}))
        sys.exit(0)
try:
    code, message = s.data(open(path, "rb").read())
except smtplib.SMTPDataError as e:
    code, message = e.smtp_code, e.smtp_error
print(json.dumps({"stage": "data", "code": code, "message": message.decode(), "tls": version}))
"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("message.eml");
    std::fs::write(&path, raw.replace('\n', "\r\n")).unwrap();
    let python = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/venv/bin/python");
    let output = std::process::Command::new(python)
        .args(["-c", CLIENT, "127.0.0.1", &addr.port().to_string(), if tls { "tls" } else { "plain" }])
        .arg(recipients.join(","))
        .arg(&path)
        .output()
        .expect("python runs (scripts/setup --test)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|_| panic!("smtplib: {stdout} {}", String::from_utf8_lossy(&output.stderr)))
}

/// A self-signed certificate and its key, as PEM files in `dir`.
fn certificate(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let made = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=acme.test"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    (cert, key)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_smtp_listener_takes_replies_and_new_mail_over_starttls_and_relays_nothing() {
    on_each_backend("the_smtp_listener_takes_mail", |db| async move {
        let sink = Sink::start().await;
        let tls = tempfile::tempdir().unwrap();
        let (cert, key) = certificate(tls.path());
        let app = spawn_app_with(db, |config| {
            sink.send_through(config);
            config.inbound_address = Some(INBOUND.into());
            config.smtp_bind = Some("127.0.0.1:0".parse().unwrap());
            config.smtp_tls_cert = Some(cert);
            config.smtp_tls_key = Some(key);
        })
        .await;
        let smtp = app.smtp_addr.expect("the listener is bound");
        let token = api_token(&app, SLUG, "mail test").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Where is my invoice?").await;
        let reply = json!({"body": "It is on its way.", "author_name": "Sam"});
        assert_eq!(post_message(&app, &token, number, &reply).await.status, 201);
        let mail = sink.wait_for(1).await.remove(0);
        let reply_to = header(&mail, "Reply-To");
        let address = reply_to.split('<').nth(1).and_then(|a| a.split('>').next()).unwrap().to_string();

        // A reply, over STARTTLS, to the address the notification gave.
        let answer_mail = answer("ann@example.com", &address, "<x@y>", "s1", "Got it, thanks.\n\n> It is on its way.");
        let sent = tokio::task::spawn_blocking({
            let address = address.clone();
            move || smtp_send(smtp, true, &[&address], &answer_mail)
        })
        .await
        .unwrap();
        assert_eq!((sent["stage"].as_str(), sent["code"].as_i64()), (Some("data"), Some(250)), "{sent}");
        assert!(sent["tls"].as_str().is_some_and(|v| v.starts_with("TLS")), "STARTTLS was used: {sent}");
        let seen = agent_view(&app, &token, number).await;
        let last = seen["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["body"].as_str(), last["internal"].as_bool()), (Some("Got it, thanks."), Some(false)));

        // New mail to the workspace's address opens a ticket.
        let new_mail = "From: cid@example.com\nTo: support+acme@acme.test\nSubject: Hello by mail\n\nA question.";
        let sent = tokio::task::spawn_blocking(move || smtp_send(smtp, false, &["support+acme@acme.test"], new_mail))
            .await
            .unwrap();
        assert_eq!(sent["code"], 250, "{sent}");
        let list = send(&app, Method::GET, "/api/v1/tickets", Some(&token), None).await.expect(200);
        assert!(list["tickets"].as_array().unwrap().iter().any(|t| t["title"] == "Hello by mail"), "{list}");

        // Refused, writing nothing: relaying, a made-up token, an unknown workspace, the bare address.
        let before = written(&app).await;
        let never_sent = format!("support+{}@acme.test", "0".repeat(32));
        for (to, stage, code) in [
            ("someone@elsewhere.example", "rcpt", 550),
            (never_sent.as_str(), "data", 550),
            ("support+nowhere@acme.test", "data", 550),
            (INBOUND, "rcpt", 550),
        ] {
            let raw = answer("ann@example.com", to, "<x@y>", "r1", "CANARY-REFUSED");
            let to = to.to_string();
            let sent = tokio::task::spawn_blocking(move || smtp_send(smtp, false, &[&to], &raw)).await.unwrap();
            assert_eq!((sent["stage"].as_str(), sent["code"].as_i64()), (Some(stage), Some(code)), "{sent}");
        }
        assert_eq!(written(&app).await, before, "a refused mail writes nothing");

        // Over the size limit: refused whole.
        let big = format!(
            "From: ann@example.com\nTo: support+acme@acme.test\nSubject: big\n\n{}",
            format!("{}\n", "x".repeat(99)).repeat(270_000)
        );
        let sent = tokio::task::spawn_blocking(move || smtp_send(smtp, false, &["support+acme@acme.test"], &big))
            .await
            .unwrap();
        assert_eq!(sent["code"], 552, "{sent}");
        assert_eq!(written(&app).await, before);
    })
    .await;
}
