//! Bad input to the agent REST API: each is refused with the stable code,
//! as JSON (never axum's plain-text rejections), naming the field at fault,
//! and nothing is written.

use super::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One bad request and the refusal it must get.
struct Case {
    what: &'static str,
    method: Method,
    path: String,
    /// Content type ("" for none) and the raw body.
    body: Option<(&'static str, String)>,
    field: Option<&'static str>,
}

fn json_case(what: &'static str, method: Method, path: &str, body: Value, field: Option<&'static str>) -> Case {
    Case { what, method, path: path.to_string(), body: Some(("application/json", body.to_string())), field }
}

fn raw_case(
    what: &'static str,
    method: Method,
    path: &str,
    content_type: &'static str,
    body: &str,
    field: Option<&'static str>,
) -> Case {
    Case { what, method, path: path.to_string(), body: Some((content_type, body.to_string())), field }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_inputs_are_refused_with_invalid_request_and_write_nothing() {
    on_each_backend("bad_inputs_are_refused_with_invalid_request_and_write_nothing", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Valid ticket").await;
        let ticket = format!("/api/v1/tickets/{number}");
        let messages = format!("/api/v1/tickets/{number}/messages");
        let before = written(&app).await;
        let detail_before = call(&app, Method::GET, &ticket, Some(&token), None).await.expect(200);

        let (post, patch) = (Method::POST, Method::PATCH);
        let ok_message = json!({"body": "hello", "author_name": "Dana"});
        let cases = vec![
            // Messages.
            json_case(
                "a 10,241-character body",
                post.clone(),
                &messages,
                json!({"body": "a".repeat(10_241), "author_name": "Dana"}),
                Some("body"),
            ),
            json_case(
                "a blank body",
                post.clone(),
                &messages,
                json!({"body": "  \n\t ", "author_name": "Dana"}),
                Some("body"),
            ),
            json_case(
                "an empty body",
                post.clone(),
                &messages,
                json!({"body": "", "author_name": "Dana"}),
                Some("body"),
            ),
            json_case("a missing body", post.clone(), &messages, json!({"author_name": "Dana"}), Some("body")),
            json_case(
                "a body that is a number",
                post.clone(),
                &messages,
                json!({"body": 5, "author_name": "Dana"}),
                Some("body"),
            ),
            json_case(
                "an unknown field",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "Dana", "priority": "high"}),
                Some("priority"),
            ),
            json_case(
                "a misspelt field",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "Dana", "interal": true}),
                Some("interal"),
            ),
            json_case(
                "internal as a string",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "Dana", "internal": "yes"}),
                Some("internal"),
            ),
            json_case("a missing author name", post.clone(), &messages, json!({"body": "x"}), Some("author_name")),
            json_case(
                "a blank author name",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "  "}),
                Some("author_name"),
            ),
            json_case(
                "an author name with a control character",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "Da\u{7}na"}),
                Some("author_name"),
            ),
            json_case(
                "a short idempotency key",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "Dana", "idempotency_key": "short"}),
                Some("idempotency_key"),
            ),
            json_case(
                "an idempotency key with spaces",
                post.clone(),
                &messages,
                json!({"body": "x", "author_name": "Dana", "idempotency_key": "has spaces in it"}),
                Some("idempotency_key"),
            ),
            json_case("an array", post.clone(), &messages, json!([ok_message.clone()]), None),
            raw_case(
                "malformed JSON",
                post.clone(),
                &messages,
                "application/json",
                r#"{"body": "x", "author_name": "#,
                None,
            ),
            raw_case("not JSON at all", post.clone(), &messages, "application/json", "body=x&author_name=Dana", None),
            raw_case("an empty request body", post.clone(), &messages, "application/json", "", None),
            raw_case(
                "JSON followed by more",
                post.clone(),
                &messages,
                "application/json",
                &format!("{ok_message} {{}}"),
                None,
            ),
            raw_case("JSON sent as text/plain", post.clone(), &messages, "text/plain", &ok_message.to_string(), None),
            raw_case(
                "JSON sent as a form",
                post.clone(),
                &messages,
                "application/x-www-form-urlencoded",
                &ok_message.to_string(),
                None,
            ),
            raw_case("JSON without a content type", post.clone(), &messages, "", &ok_message.to_string(), None),
            json_case(
                "a ticket number that is not a number",
                post.clone(),
                "/api/v1/tickets/abc/messages",
                ok_message.clone(),
                Some("number"),
            ),
            // New tickets.
            json_case(
                "an invalid email",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "not-an-email"}, "title": "t"}),
                Some("customer.email"),
            ),
            json_case(
                "a missing email",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"name": "Ann"}, "title": "t"}),
                Some("customer.email"),
            ),
            json_case(
                "an unknown customer field",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c", "phone": "1"}, "title": "t"}),
                Some("customer.phone"),
            ),
            json_case(
                "a name with a control character",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c", "name": "A\u{0}"}, "title": "t"}),
                Some("customer.name"),
            ),
            json_case(
                "a missing title",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c"}}),
                Some("title"),
            ),
            json_case(
                "a blank title",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c"}, "title": " "}),
                Some("title"),
            ),
            json_case(
                "a 201-character title",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c"}, "title": "t".repeat(201)}),
                Some("title"),
            ),
            // Lengths count what was sent, white space around included, as
            // the document's maxLength does.
            json_case(
                "a 200-character title with a space after it",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c"}, "title": format!("{} ", "t".repeat(200))}),
                Some("title"),
            ),
            json_case(
                "a 200-character name with a space before it",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c", "name": format!(" {}", "n".repeat(200))}, "title": "t"}),
                Some("customer.name"),
            ),
            json_case(
                "a 10,241-character description",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c"}, "title": "t", "description": "d".repeat(10_241)}),
                Some("description"),
            ),
            json_case(
                "an unknown ticket field",
                post.clone(),
                "/api/v1/tickets",
                json!({"customer": {"email": "a@b.c"}, "title": "t", "status": "closed"}),
                Some("status"),
            ),
            // Changes.
            json_case("an unknown status", patch.clone(), &ticket, json!({"status": "deleted"}), Some("status")),
            json_case(
                "a status in the wrong case",
                patch.clone(),
                &ticket,
                json!({"status": "Closed"}),
                Some("status"),
            ),
            json_case("a status label", patch.clone(), &ticket, json!({"status": "In progress"}), Some("status")),
            json_case("an empty change", patch.clone(), &ticket, json!({}), None),
            json_case("an unknown change", patch.clone(), &ticket, json!({"priority": 1}), Some("priority")),
            json_case("an empty type", patch.clone(), &ticket, json!({"type": " "}), Some("type")),
            // Only `company` may be null; the others are left out to stay as they are.
            json_case("a null status", patch.clone(), &ticket, json!({"status": null}), Some("status")),
            json_case(
                "a null type beside a status",
                patch.clone(),
                &ticket,
                json!({"status": "closed", "type": null}),
                Some("type"),
            ),
            json_case(
                "null attributes beside a status",
                patch.clone(),
                &ticket,
                json!({"status": "closed", "attributes": null}),
                Some("attributes"),
            ),
            json_case(
                "51 attributes, one of them empty",
                patch.clone(),
                &ticket,
                json!({"attributes": (0..51).map(|i| (format!("k{i}"), if i == 0 { "" } else { "v" }))
                    .collect::<std::collections::BTreeMap<_, _>>()}),
                Some("attributes"),
            ),
            raw_case("a malformed change", patch.clone(), &ticket, "application/json", "{status: closed}", None),
            raw_case("a change as text/plain", patch.clone(), &ticket, "text/plain", r#"{"status": "closed"}"#, None),
            // The list.
            Case {
                what: "limit=0",
                method: Method::GET,
                path: "/api/v1/tickets?limit=0".into(),
                body: None,
                field: Some("limit"),
            },
            Case {
                what: "limit=501",
                method: Method::GET,
                path: "/api/v1/tickets?limit=501".into(),
                body: None,
                field: Some("limit"),
            },
            Case {
                what: "a huge limit",
                method: Method::GET,
                path: "/api/v1/tickets?limit=99999999999999999999".into(),
                body: None,
                field: Some("limit"),
            },
            Case {
                what: "limit=-1",
                method: Method::GET,
                path: "/api/v1/tickets?limit=-1".into(),
                body: None,
                field: Some("limit"),
            },
            Case {
                what: "limit=abc",
                method: Method::GET,
                path: "/api/v1/tickets?limit=abc".into(),
                body: None,
                field: Some("limit"),
            },
            Case {
                what: "an unknown parameter",
                method: Method::GET,
                path: "/api/v1/tickets?lmit=5".into(),
                body: None,
                field: Some("lmit"),
            },
            Case {
                what: "a ticket number that is not a number",
                method: Method::GET,
                path: "/api/v1/tickets/1.5".into(),
                body: None,
                field: Some("number"),
            },
        ];
        for case in cases {
            let body = case.body.map(|(content_type, text)| (content_type, text.into_bytes()));
            let mut reply = send(&app, case.method, &case.path, Some(&token), body).await;
            reply.what = format!("{} ({})", case.what, reply.what);
            reply.expect_error(400, "invalid_request", case.field);
        }
        // A ticket type the workspace does not have is well formed: the
        // workspace refuses it, with 409.
        let gossip = json!({"customer": {"email": "a@b.c"}, "title": "t", "type": "Gossip"});
        let reply = call(&app, Method::POST, "/api/v1/tickets", Some(&token), Some(&gossip)).await;
        reply.expect_error(409, "conflict", Some("type"));

        assert_eq!(written(&app).await, before, "no refused request wrote anything");
        let detail_after = call(&app, Method::GET, &ticket, Some(&token), None).await.expect(200);
        assert_eq!(detail_after, detail_before, "the ticket is as it was");

        // The limits are inclusive: 10,240 characters are accepted, even
        // as escaped JSON far over the pages' 64 KiB limit.
        let longest = format!(r#"{{"body": "{}", "author_name": "Dana"}}"#, "\\ud83d\\ude00".repeat(10_240));
        assert!(longest.len() > 64 * 1024);
        let accepted =
            send(&app, Method::POST, &messages, Some(&token), Some(("application/json", longest.into_bytes()))).await;
        assert_eq!(accepted.expect(201)["body"].as_str().map(|b| b.chars().count()), Some(10_240));
        let title = "t".repeat(200);
        let body = json!({"customer": {"email": "a@b.c"}, "title": title, "description": "é".repeat(10_240)});
        call(&app, Method::POST, "/api/v1/tickets", Some(&token), Some(&body)).await.expect(201);
        for limit in ["1", "500"] {
            call(&app, Method::GET, &format!("/api/v1/tickets?limit={limit}"), Some(&token), None).await.expect(200);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_bodies_get_payload_too_large() {
    on_each_backend("oversized_bodies_get_payload_too_large", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Valid ticket").await;
        let before = written(&app).await;
        let path = format!("/api/v1/tickets/{number}/messages");
        let huge = format!(r#"{{"body": "{}", "author_name": "Dana"}}"#, "a".repeat(300 * 1024));

        // Announced with Content-Length: refused before the body is read.
        let (status, body) = app.raw_post(&path, huge.as_bytes(), Framing::ExpectContinue).await.expect("an answer");
        assert_eq!(status, 413, "an announced oversized body: {body}");
        let error: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("JSON, not {body:?}: {e}"));
        assert_eq!(error["error"]["code"], "payload_too_large", "{body}");

        // Chunked, with a valid token: stopped while reading.
        let (status, body) = chunked_post(&app, &path, &token, huge.as_bytes()).await;
        assert_eq!(status, 413, "a chunked oversized body: {body}");
        let error: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("JSON, not {body:?}: {e}"));
        assert_eq!(error["error"]["code"], "payload_too_large", "{body}");

        assert_eq!(written(&app).await, before, "nothing was written");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_endpoints_and_methods_answer_in_json() {
    on_each_backend("unknown_endpoints_and_methods_answer_in_json", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "bot").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Valid ticket").await;

        for path in ["/api/v1/nope", "/api/v1/tickets/1/attachments", "/api/v1/tickets/1/messages/2"] {
            call(&app, Method::GET, path, Some(&token), None).await.expect_error(404, "not_found", None);
        }
        let reply = call(&app, Method::DELETE, &format!("/api/v1/tickets/{number}"), Some(&token), None).await;
        let allow = reply.headers.get("allow").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        reply.expect_error(405, "method_not_allowed", None);
        assert!(allow.contains("GET") && allow.contains("PATCH"), "Allow: {allow}");
        call(&app, Method::PUT, "/api/v1/tickets", Some(&token), Some(&json!({}))).await.expect_error(
            405,
            "method_not_allowed",
            None,
        );
        // The API keeps the portal's protective headers.
        let reply = call(&app, Method::GET, "/api/v1/tickets", Some(&token), None).await;
        assert_eq!(reply.headers.get("x-content-type-options").and_then(|v| v.to_str().ok()), Some("nosniff"));
        let csp = reply.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    })
    .await;
}

/// A chunked POST with a bearer token over a plain connection (reqwest
/// sends a known length). The server may answer before it has read the
/// whole body and then close: the answer is read while the body is sent,
/// and a reset after the answer arrived is not an error.
async fn chunked_post(app: &TestApp, path: &str, token: &str, body: &[u8]) -> (u16, String) {
    let addr = app.base.trim_start_matches("http://").to_string();
    let stream = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nAuthorization: Bearer {token}\r\n\
         Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for chunk in body.chunks(16 * 1024) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let (mut reader, mut writer) = stream.into_split();
    let write = tokio::spawn(async move {
        let _ = writer.write_all(&request).await;
    });
    let mut answer = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match tokio::time::timeout(std::time::Duration::from_secs(30), reader.read(&mut buf)).await {
            Ok(Ok(0)) => break,
            Ok(Ok(n)) => answer.extend_from_slice(&buf[..n]),
            Ok(Err(e)) if !answer.is_empty() => {
                eprintln!("connection ended with {e} after the answer");
                break;
            }
            Ok(Err(e)) => panic!("POST {path}: {e}"),
            Err(_) => panic!("POST {path}: no answer within 30 s"),
        }
    }
    write.abort();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("POST {path}: not an HTTP response: {answer:?}"));
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    assert!(!head.to_ascii_lowercase().contains("transfer-encoding: chunked"), "a JSON error has a length: {head}");
    (status, body.to_string())
}
