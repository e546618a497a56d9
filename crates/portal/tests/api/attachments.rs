//! Attachments over HTTP: uploads checked by name, size and content; files
//! sent with replies and new tickets; downloads only where the ticket is
//! visible, as downloads no browser renders.

use crate::app::*;
use crate::rest::{api_token, call};
use portal_core::{AttachmentId, AttachmentInfo, AttachmentLimits};
use reqwest::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
const HTML: &[u8] = b"<!doctype html><script>alert(document.domain)</script>";
/// XHTML under a prefix: no `<html` or `<script` for a literal check to find.
const PREFIXED_XHTML: &[u8] =
    b"<?xml version=\"1.0\"?><x:html xmlns:x=\"http://www.w3.org/1999/xhtml\"><x:script>alert(1)</x:script></x:html>";

/// `POST /api/portal/attachments?name=…` with the file as the body.
pub async fn upload(app: &TestApp, token: Option<&str>, name: &str, content: &[u8]) -> reqwest::Response {
    let mut request =
        app.client.post(app.url("/api/portal/attachments")).query(&[("name", name)]).body(content.to_vec());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap_or_else(|e| panic!("uploading {name}: {e}"))
}

pub async fn uploaded(app: &TestApp, token: &str, name: &str, content: &[u8]) -> AttachmentInfo {
    let response = upload(app, Some(token), name, content).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "uploading {name}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Checks a refused upload: its status and a message that names the file.
async fn refused(response: reqwest::Response, status: u16, says: &str) {
    let got = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(got.as_u16(), status, "{says}: {body}");
    match serde_json::from_str::<portal_app::PortalError>(&body) {
        Ok(portal_app::PortalError::Invalid(message)) => assert!(message.contains(says), "{message:?} says {says:?}"),
        other => panic!("expected PortalError::Invalid, got {other:?} from {body}"),
    }
}

pub async fn download(app: &TestApp, token: &str, id: AttachmentId) -> reqwest::Response {
    let url = app.url(&format!("/api/portal/attachments/{id}"));
    app.client.get(url).bearer_auth(token).send().await.unwrap()
}

pub fn files_on_disk(app: &TestApp) -> usize {
    walk(&app.blob_dir)
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
        .unwrap_or(0)
}

fn remove_files(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            remove_files(&entry.path());
        } else {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
}

async fn attachments_rows(app: &TestApp) -> i64 {
    app.db.scalar("SELECT COUNT(*) FROM attachments").await
}

#[tokio::test(flavor = "multi_thread")]
async fn files_go_with_replies_and_new_tickets_and_download_safely() {
    on_each_backend("files_go_with_replies_and_new_tickets_and_download_safely", |db| async move {
        let app = spawn_app(db).await;
        let alice = app.sign_in("alice@example.com").await.token;
        let bob = app.sign_in("bob@example.com").await.token;

        let pdf = uploaded(&app, &alice, "Invoice März.pdf", PDF).await;
        assert_eq!((pdf.content_type.as_str(), pdf.size), ("application/pdf", PDF.len() as u64));
        let new = json!({"title": "Wrong invoice", "description": "Attached.", "attachments": [pdf.id]});
        let created: Value =
            expect_ok(app.post("/api/portal/ticket/new", &new, Some(&alice)).await, "new ticket").await;
        let number = created["number"].as_i64().unwrap();

        let png = uploaded(&app, &alice, "screen.png", PNG).await;
        let reply = json!({"number": number, "body": "A screenshot", "key": "reply-key-0001", "attachments": [png.id]});
        let sent: Value = expect_ok(app.post("/api/portal/ticket/reply", &reply, Some(&alice)).await, "reply").await;
        assert_eq!(sent["attachments"][0]["id"], png.id.0);

        let page: Value =
            expect_ok(app.post("/api/portal/ticket", &json!({"number": number}), Some(&alice)).await, "page").await;
        let html = page["html"].as_str().unwrap();
        assert!(html.contains("Invoice März.pdf") && html.contains("screen.png"), "{html}");
        assert!(html.contains(&format!("data-attachment=\"{}\"", png.id)), "{html}");

        let response = download(&app, &alice, png.id).await;
        assert_eq!(response.status(), StatusCode::OK);
        let header = |name| response.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        assert_eq!(header(CONTENT_TYPE), "image/png");
        assert_eq!(header(X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert!(header(CONTENT_SECURITY_POLICY).starts_with("sandbox"), "{}", header(CONTENT_SECURITY_POLICY));
        assert!(header(CACHE_CONTROL).contains("no-store"));
        assert_eq!(header(CONTENT_DISPOSITION), "attachment; filename=\"screen.png\"; filename*=UTF-8''screen.png");
        assert_eq!(response.bytes().await.unwrap(), PNG);
        let response = download(&app, &alice, pdf.id).await;
        let disposition = response.headers()[CONTENT_DISPOSITION].to_str().unwrap().to_string();
        assert_eq!(disposition, "attachment; filename=\"Invoice M_rz.pdf\"; filename*=UTF-8''Invoice%20M%C3%A4rz.pdf");

        // Another customer, no session, a made-up id: nothing.
        assert_eq!(download(&app, &bob, png.id).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(download(&app, &alice, AttachmentId(png.id.0 + 1000)).await.status(), StatusCode::NOT_FOUND);
        let anonymous = app.client.get(app.url(&format!("/api/portal/attachments/{}", png.id))).send().await.unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
        // Bob cannot send Alice's upload either, nor reply to her ticket with his.
        let waiting = uploaded(&app, &alice, "later.png", PNG).await;
        let bobs_ticket = json!({"title": "Mine", "description": "", "attachments": [waiting.id]});
        expect_invalid(
            app.post("/api/portal/ticket/new", &bobs_ticket, Some(&bob)).await,
            "not one of your uploads",
            "bob",
        )
        .await;
        let bobs_file = uploaded(&app, &bob, "bob.png", PNG).await;
        let onto_alices =
            json!({"number": number, "body": "hi", "key": "bob-key-00001", "attachments": [bobs_file.id]});
        let response = app.post("/api/portal/ticket/reply", &onto_alices, Some(&bob)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);

        // Agents see the files and download them; another workspace's token does not.
        let token = api_token(&app, "acme", "helpdesk").await;
        let ticket =
            call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await.expect(200);
        assert_eq!(ticket["attachments"][0]["name"], "Invoice März.pdf");
        assert_eq!(ticket["messages"][0]["attachments"][0]["id"], png.id.0);
        let path = format!("/api/v1/tickets/{number}/attachments/{}", png.id);
        let response = app.client.get(app.url(&path)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[CONTENT_SECURITY_POLICY].to_str().unwrap().split(';').next(), Some("sandbox"));
        assert_eq!(response.bytes().await.unwrap(), PNG);
        let wrong_ticket = format!("/api/v1/tickets/{}/attachments/{}", number + 1, png.id);
        call(&app, Method::GET, &wrong_ticket, Some(&token), None).await.expect_error(404, "not_found", None);
        app.add_workspace("globex", "http://127.0.0.1:9998").await;
        let outsider = api_token(&app, "globex", "theirs").await;
        call(&app, Method::GET, &path, Some(&outsider), None).await.expect_error(404, "not_found", None);

        // Content lost from the blob folder: each side answers in its own error format.
        remove_files(&app.blob_dir);
        expect_error(download(&app, &alice, png.id).await, 500, &portal_app::PortalError::Internal, "lost file").await;
        call(&app, Method::GET, &path, Some(&token), None).await.expect_error(500, "internal", None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_files_are_refused_by_name_and_nothing_is_kept() {
    on_each_backend("bad_files_are_refused_by_name_and_nothing_is_kept", |db| async move {
        let app = spawn_app(db).await;
        let alice = app.sign_in("alice@example.com").await.token;
        let max = AttachmentLimits::MAX.max_bytes as usize;
        let mut just_over = PNG.to_vec();
        just_over.resize(max + 1, 0);

        refused(upload(&app, Some(&alice), "big.png", &just_over).await, 413, "big.png: the file is larger than 3 MB")
            .await;
        refused(upload(&app, Some(&alice), "empty.pdf", b"").await, 400, "empty.pdf: the file is empty").await;
        refused(upload(&app, Some(&alice), "cat.png", SVG).await, 415, "cat.png: the content is not a PNG file").await;
        refused(upload(&app, Some(&alice), "data.csv", HTML).await, 415, "data.csv: the content is not a CSV file")
            .await;
        refused(upload(&app, Some(&alice), "page.xml", SVG).await, 415, "page.xml: the content is not a XML file")
            .await;
        refused(
            upload(&app, Some(&alice), "data.xml", PREFIXED_XHTML).await,
            415,
            "data.xml: the content is not a XML",
        )
        .await;
        refused(
            upload(&app, Some(&alice), "page.html", HTML).await,
            415,
            "page.html: this type of file is not allowed",
        )
        .await;
        refused(upload(&app, Some(&alice), "../../etc/x.png", PNG).await, 400, "must not contain '/'").await;
        refused(upload(&app, Some(&alice), "a\\b.png", PNG).await, 400, "must not contain '/'").await;
        refused(upload(&app, Some(&alice), "bell\u{7}.png", PNG).await, 400, "control characters").await;
        let nameless = app.client.post(app.url("/api/portal/attachments")).bearer_auth(&alice).body(PNG).send();
        refused(nameless.await.unwrap(), 400, "name the file").await;
        let response = upload(&app, None, "a.png", PNG).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!((attachments_rows(&app).await, files_on_disk(&app)), (0, 0), "nothing kept");

        // A seventh file is refused with the reply, which is not written.
        let number = {
            let new = json!({"title": "Files", "description": ""});
            let created: Value = expect_ok(app.post("/api/portal/ticket/new", &new, Some(&alice)).await, "new").await;
            created["number"].as_i64().unwrap()
        };
        let mut seven = Vec::new();
        for i in 0..7 {
            seven.push(uploaded(&app, &alice, &format!("{i}.png"), PNG).await.id);
        }
        let reply = json!({"number": number, "body": "Seven", "key": "seven-key-001", "attachments": seven});
        expect_invalid(app.post("/api/portal/ticket/reply", &reply, Some(&alice)).await, "at most 6 files", "7").await;
        assert_eq!(app.db.scalar("SELECT COUNT(*) FROM messages").await, 0);

        // An operator may lower the limits (not raise them); the refusal says the limit.
        let store = &*app.store;
        assert!(portal::commands::set_attachment_limits(store, SLUG, 7, 1024).await.is_err());
        assert!(portal::commands::set_attachment_limits(store, SLUG, 6, 3073).await.is_err());
        let said = portal::commands::set_attachment_limits(store, SLUG, 1, 1).await.unwrap();
        assert_eq!(said, "Workspace 'acme': up to 1 file(s) per message, each at most 1 KB.");
        let mut two_kb = PNG.to_vec();
        two_kb.resize(2048, 0);
        refused(upload(&app, Some(&alice), "two.png", &two_kb).await, 413, "two.png: the file is larger than 1 KB")
            .await;
        let settings: Value =
            expect_ok(app.post("/api/portal/settings", &json!({"workspace": "acme"}), None).await, "settings").await;
        assert_eq!(settings["attachment_limits"], json!({"max_files": 1, "max_bytes": 1024}));
    })
    .await;
}
