//! Ticket participants over HTTP: the REST API adds, lists and removes
//! them (and refuses bad input, changing nothing); a participant finds the
//! ticket in their portal and may reply, never reading an internal note; a
//! company member who sees a company ticket reads it, is refused a reply
//! until they join it from the frame, then replies; the console adds and
//! removes participants by email.

use crate::app::*;
use crate::console::{AGENT, account, console};
use crate::pages::page_html;
use crate::rest::{Reply, api_token, call, open_ticket, written};
use portal::commands;
use portal_app::PortalError;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn participants_path(number: i64) -> String {
    format!("/api/v1/tickets/{number}/participants")
}

fn participant_path(number: i64, email: &str) -> String {
    format!("/api/v1/tickets/{number}/participants/{email}")
}

async fn put(app: &TestApp, token: &str, number: i64, email: &str) -> Reply {
    call(app, Method::PUT, &participant_path(number, email), Some(token), None).await
}

/// A `DELETE`, whose success (204) has no body to read as JSON.
async fn delete(app: &TestApp, token: &str, number: i64, email: &str) -> (StatusCode, String) {
    let response = app
        .client
        .delete(app.url(&participant_path(number, email)))
        .bearer_auth(token)
        .send()
        .await
        .expect("DELETE a participant");
    (response.status(), response.text().await.expect("the body"))
}

/// The participants' emails, as the API lists them.
async fn listed(app: &TestApp, token: &str, number: i64) -> Vec<String> {
    let body = call(app, Method::GET, &participants_path(number), Some(token), None).await.expect(200);
    let participants = body["participants"].as_array().expect("a list of participants");
    participants.iter().map(|p| p["customer"]["email"].as_str().expect("an email").to_string()).collect()
}

/// The numbers of the bearer's tickets, as their portal lists them.
async fn portal_numbers(app: &TestApp, session: &str) -> Vec<i64> {
    let tickets: Vec<portal_core::TicketSummary> =
        expect_ok(app.tickets(Some(session)).await, "the portal's list").await;
    tickets.iter().map(|t| t.number.0).collect()
}

/// A reply through the frame's server function.
async fn reply(app: &TestApp, session: &str, number: i64, text: &str) -> reqwest::Response {
    let key = hex::encode(rand::random::<[u8; 12]>());
    app.post("/api/portal/ticket/reply", &json!({"number": number, "body": text, "key": key}), Some(session)).await
}

async fn participant_rows(app: &TestApp) -> i64 {
    app.db.scalar("SELECT COUNT(*) FROM ticket_participants").await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_rest_api_adds_lists_and_removes_participants() {
    on_each_backend("the_rest_api_adds_lists_and_removes_participants", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "participants").await;
        let bob = app.sign_in("bob@example.com").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Printer jams").await;
        assert!(listed(&app, &token, number).await.is_empty(), "its creator is no participant");
        assert!(portal_numbers(&app, &bob.token).await.is_empty());

        // Added, found by email ignoring case; a second PUT changes nothing.
        let added = put(&app, &token, number, "Bob@Example.com").await.expect(201);
        assert_eq!(added["customer"]["email"], "bob@example.com");
        assert_eq!(added["added_by"], "agent");
        assert!(added["added_at"].as_i64().is_some(), "{added}");
        let before = written(&app).await;
        let again = put(&app, &token, number, "bob@example.com").await.expect(200);
        assert_eq!(again, added, "the participant as they were");
        assert_eq!(written(&app).await, before, "nothing was written");
        assert_eq!(listed(&app, &token, number).await, ["bob@example.com"]);

        // Bob now has the ticket in his portal, and replies to it.
        assert_eq!(portal_numbers(&app, &bob.token).await, [number]);
        let page = page_html(&app, &bob.token, &format!("/tickets/{number}")).await;
        assert!(page.contains(r#"data-testid="reply-text""#) && !page.contains(r#"data-testid="join""#), "{page}");
        let _: Value = expect_ok(reply(&app, &bob.token, number, "Same here").await, "bob's reply").await;
        let conversation = call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await;
        let conversation = conversation.expect(200);
        assert_eq!(conversation["messages"][0]["body"], "Same here");

        // Removed, twice: 204 each time, and he no longer sees it.
        let (status, body) = delete(&app, &token, number, "bob@example.com").await;
        assert_eq!((status, body.as_str()), (StatusCode::NO_CONTENT, ""));
        let (status, _) = delete(&app, &token, number, "bob@example.com").await;
        assert_eq!(status, StatusCode::NO_CONTENT, "removing one who is not there is done already");
        assert!(listed(&app, &token, number).await.is_empty());
        assert!(portal_numbers(&app, &bob.token).await.is_empty());
        expect_error(reply(&app, &bob.token, number, "Hello?").await, 404, &PortalError::NotFound, "after removal")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_participant_requests_are_refused_and_change_nothing() {
    on_each_backend("bad_participant_requests_are_refused_and_change_nothing", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "participants").await;
        app.add_workspace("globex", ORIGIN).await;
        let foreign = api_token(&app, "globex", "foreign").await;
        app.sign_in("bob@example.com").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Mine").await;
        put(&app, &token, number, "bob@example.com").await.expect(201);
        let before = (written(&app).await, participant_rows(&app).await);

        put(&app, &token, number, "not-an-email").await.expect_error(400, "invalid_request", Some("email"));
        call(&app, Method::DELETE, &participant_path(number, "not-an-email"), Some(&token), None).await.expect_error(
            400,
            "invalid_request",
            Some("email"),
        );
        put(&app, &token, number, "a%20b@example.com").await.expect_error(400, "invalid_request", Some("email"));
        call(&app, Method::PUT, "/api/v1/tickets/x/participants/bob@example.com", Some(&token), None)
            .await
            .expect_error(400, "invalid_request", Some("number"));
        call(&app, Method::GET, "/api/v1/tickets/x/participants", Some(&token), None).await.expect_error(
            400,
            "invalid_request",
            Some("number"),
        );

        // No such ticket, no such customer: each a 404 that says which.
        let missing = put(&app, &token, 999, "bob@example.com").await;
        assert!(missing.body["error"]["message"].as_str().unwrap().contains("ticket"), "{}", missing.body);
        missing.expect_error(404, "not_found", None);
        call(&app, Method::GET, &participants_path(999), Some(&token), None).await.expect_error(404, "not_found", None);
        call(&app, Method::DELETE, &participant_path(999, "bob@example.com"), Some(&token), None).await.expect_error(
            404,
            "not_found",
            None,
        );
        let nobody = put(&app, &token, number, "nobody@example.com").await;
        assert!(nobody.body["error"]["message"].as_str().unwrap().contains("customer"), "{}", nobody.body);
        nobody.expect_error(404, "not_found", None);
        call(&app, Method::DELETE, &participant_path(number, "nobody@example.com"), Some(&token), None)
            .await
            .expect_error(404, "not_found", None);

        // The ticket's creator takes part already.
        put(&app, &token, number, "ann@example.com").await.expect_error(409, "conflict", None);
        call(&app, Method::DELETE, &participant_path(number, "ANN@example.com"), Some(&token), None)
            .await
            .expect_error(409, "conflict", None);

        // Another workspace's token finds no such ticket; no token, no answer.
        put(&app, &foreign, number, "bob@example.com").await.expect_error(404, "not_found", None);
        call(&app, Method::GET, &participants_path(number), Some(&foreign), None).await.expect_error(
            404,
            "not_found",
            None,
        );
        call(&app, Method::GET, &participants_path(number), None, None).await.expect_error(401, "unauthorized", None);
        call(&app, Method::PUT, &participant_path(number, "bob@example.com"), None, None).await.expect_error(
            401,
            "unauthorized",
            None,
        );

        assert_eq!((written(&app).await, participant_rows(&app).await), before, "nothing was written or removed");
        assert_eq!(listed(&app, &token, number).await, ["bob@example.com"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_never_reads_internal_notes() {
    on_each_backend("a_participant_never_reads_internal_notes", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "participants").await;
        let bob = app.sign_in("bob@example.com").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Refund").await;
        put(&app, &token, number, "bob@example.com").await.expect(201);
        let messages = format!("/api/v1/tickets/{number}/messages");
        let note = json!({"body": "Hushnoteword: refund approved", "internal": true, "author_name": "Sam"});
        call(&app, Method::POST, &messages, Some(&token), Some(&note)).await.expect(201);
        let public = json!({"body": "We are looking into it", "author_name": "Sam"});
        call(&app, Method::POST, &messages, Some(&token), Some(&public)).await.expect(201);

        let page = page_html(&app, &bob.token, &format!("/tickets/{number}")).await;
        assert!(page.contains("We are looking into it") && !page.contains("Hushnoteword"), "{page}");
        let (_, view) = crate::rest::portal_ticket(&app, &bob.token, number).await;
        assert!(!view.contains("Hushnoteword"), "{view}");
        let found = page_html(&app, &bob.token, "?q=hushnoteword").await;
        assert!(!found.contains("Refund"), "a note's word finds nothing: {found}");
        let found = page_html(&app, &bob.token, "?q=looking").await;
        assert!(found.contains("Refund"), "the public reply's word finds it: {found}");
    })
    .await;
}

/// A company with two members: ann, who opens a ticket in it, and carl.
async fn company_of_two(app: &TestApp) -> (Members, i64) {
    let store = &*app.store;
    commands::set_company(store, SLUG, "globex", "Globex").await.unwrap();
    let ann = app.sign_in("ann@globex.example").await;
    let carl = app.sign_in("carl@globex.example").await;
    for email in ["ann@globex.example", "carl@globex.example"] {
        commands::set_customer_companies(store, SLUG, email, &["globex".into()]).await.unwrap();
    }
    let created: portal_core::TicketSummary = expect_ok(
        app.post("/api/portal/ticket/new", &json!({"title": "Globex printer", "description": ""}), Some(&ann.token))
            .await,
        "ann's ticket",
    )
    .await;
    (Members { ann: ann.token, carl: carl.token }, created.number.0)
}

/// The two members' sessions.
struct Members {
    ann: String,
    carl: String,
}

#[tokio::test(flavor = "multi_thread")]
async fn a_company_member_reads_but_joins_to_reply() {
    on_each_backend("a_company_member_reads_but_joins_to_reply", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "participants").await;
        let (sessions, number) = company_of_two(&app).await;
        let ticket_page = format!("/tickets/{number}");

        // Carl sees his company's ticket, with the way to join in place of the reply box.
        assert_eq!(portal_numbers(&app, &sessions.carl).await, [number]);
        let page = page_html(&app, &sessions.carl, &ticket_page).await;
        assert!(page.contains(r#"data-testid="join""#) && page.contains("Join conversation"), "{page}");
        assert!(!page.contains(r#"data-testid="reply-text""#) && !page.contains(r#"data-action="reply""#), "{page}");
        let own = page_html(&app, &sessions.ann, &ticket_page).await;
        assert!(own.contains(r#"data-testid="reply-text""#) && !own.contains(r#"data-testid="join""#), "{own}");

        // Replying or reopening before joining is refused, and writes nothing.
        let before = written(&app).await;
        let refused = reply(&app, &sessions.carl, number, "Me too").await;
        expect_error(refused, 403, &PortalError::NotParticipant, "a reply before joining").await;
        let patch = json!({"status": "closed"});
        call(&app, Method::PATCH, &format!("/api/v1/tickets/{number}"), Some(&token), Some(&patch)).await.expect(200);
        let before = crate::rest::Written { events: before.events + 1, ..before };
        let reopen = app.post("/api/portal/ticket/reopen", &json!({"number": number}), Some(&sessions.carl)).await;
        expect_error(reopen, 403, &PortalError::NotParticipant, "reopening before joining").await;
        assert_eq!(written(&app).await, before, "nothing was written");
        assert_eq!(participant_rows(&app).await, 0);

        // The refusal is in the frame's words, in the customer's language.
        let german = app.client.get(app.url("/embed/acme")).header("accept-language", "de").send().await.unwrap();
        let german = german.text().await.unwrap();
        assert!(german.contains("Treten Sie dieser Unterhaltung bei, um darauf zu antworten."), "{german}");

        // Joining: then he replies (which reopens it), and takes part for good.
        let _: () = expect_ok(
            app.post("/api/portal/ticket/join", &json!({"number": number}), Some(&sessions.carl)).await,
            "join",
        )
        .await;
        let _: () = expect_ok(
            app.post("/api/portal/ticket/join", &json!({"number": number}), Some(&sessions.carl)).await,
            "join again",
        )
        .await;
        let page = page_html(&app, &sessions.carl, &ticket_page).await;
        assert!(page.contains(r#"data-testid="reply-text""#) && !page.contains(r#"data-testid="join""#), "{page}");
        let _: Value = expect_ok(reply(&app, &sessions.carl, number, "Me too").await, "carl's reply").await;
        let ticket =
            call(&app, Method::GET, &format!("/api/v1/tickets/{number}"), Some(&token), None).await.expect(200);
        assert_eq!(ticket["status"], "open", "his reply reopened it");
        let body = call(&app, Method::GET, &participants_path(number), Some(&token), None).await.expect(200);
        let participants = body["participants"].as_array().unwrap();
        assert_eq!(participants.len(), 1, "{body}");
        assert_eq!(
            (&participants[0]["customer"]["email"], &participants[0]["added_by"]),
            (&json!("carl@globex.example"), &json!("self"))
        );

        // Someone outside the company can neither see nor join it.
        let stranger = app.sign_in("stranger@example.com").await;
        let join = app.post("/api/portal/ticket/join", &json!({"number": number}), Some(&stranger.token)).await;
        expect_error(join, 404, &PortalError::NotFound, "a stranger joining").await;
        let anonymous = app.post("/api/portal/ticket/join", &json!({"number": number}), None).await;
        expect_error(anonymous, 401, &PortalError::SessionEnded, "joining signed out").await;
        assert_eq!(participant_rows(&app).await, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restricted_customer_lists_what_they_take_part_in() {
    on_each_backend("a_restricted_customer_lists_what_they_take_part_in", |db| async move {
        let app = spawn_app(db).await;
        let token = api_token(&app, SLUG, "participants").await;
        let (sessions, number) = company_of_two(&app).await;
        // Carl is restricted to his own tickets: the company ticket is gone from his list.
        commands::set_visibility(&*app.store, SLUG, true, &["email starts_with carl".into()], false).await.unwrap();
        let list = page_html(&app, &sessions.carl, "").await;
        assert!(!list.contains("Globex printer") && !list.contains(r#"data-testid="tab-all""#), "{list}");
        let join = app.post("/api/portal/ticket/join", &json!({"number": number}), Some(&sessions.carl)).await;
        expect_error(join, 404, &PortalError::NotFound, "joining a ticket the rule hides").await;

        // An agent makes him a participant: his list has it, and the All tab with it.
        put(&app, &token, number, "carl@globex.example").await.expect(201);
        let list = page_html(&app, &sessions.carl, "").await;
        assert!(list.contains("Globex printer") && list.contains(r#"data-testid="tab-all""#), "{list}");
        let mine = page_html(&app, &sessions.carl, "?tab=mine").await;
        assert!(!mine.contains("Globex printer"), "created by him: no: {mine}");
        let _: Value = expect_ok(reply(&app, &sessions.carl, number, "Thanks").await, "carl's reply").await;
        let _ = sessions.ann;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_add_and_remove_participants_in_the_console() {
    on_each_backend("agents_add_and_remove_participants_in_the_console", |db| async move {
        let app = spawn_app(db).await;
        account(&app, SLUG, AGENT, "agent").await;
        let console = console(&app, SLUG, AGENT).await;
        let token = api_token(&app, SLUG, "participants").await;
        let bob = app.sign_in("bob@example.com").await;
        let number = open_ticket(&app, &token, "ann@example.com", "Printer jams").await;
        let path = format!("/console/tickets/{number}/participants");

        let page = console.get(&format!("/console/tickets/{number}")).await.text().await.unwrap();
        assert!(page.contains(r#"data-testid="participants""#) && page.contains(r#"data-testid="no-participants""#));

        let added = console.post(&path, &[("add", "BOB@example.com")]).await;
        assert_eq!(added.status(), StatusCode::OK);
        let page = added.text().await.unwrap();
        assert!(page.contains(r#"data-testid="participant-row""#) && page.contains("bob@example.com"), "{page}");
        assert!(page.contains("They now see this ticket"), "{page}");
        assert_eq!(portal_numbers(&app, &bob.token).await, [number]);
        let again = console.post(&path, &[("add", "bob@example.com")]).await.text().await.unwrap();
        assert!(again.contains("take part in this ticket already"), "{again}");

        let before = participant_rows(&app).await;
        console.refused(&path, &[("add", "not an email")], "email").await;
        console.refused(&path, &[("add", "nobody@example.com")], "there is no customer nobody@example.com").await;
        console.refused(&path, &[("add", "ann@example.com")], "opened the ticket").await;
        console.refused(&path, &[], "give the email").await;
        assert_eq!(participant_rows(&app).await, before, "refusals change nothing");
        let gone = console.post("/console/tickets/999/participants", &[("add", "bob@example.com")]).await;
        assert_eq!(gone.status(), StatusCode::NOT_FOUND);

        let removed = console.post(&path, &[("remove", "bob@example.com")]).await.text().await.unwrap();
        assert!(removed.contains("Removed.") && !removed.contains(r#"data-testid="participant-row""#), "{removed}");
        assert!(portal_numbers(&app, &bob.token).await.is_empty());
        let twice = console.post(&path, &[("remove", "bob@example.com")]).await.text().await.unwrap();
        assert!(twice.contains("They were not a participant"), "{twice}");
    })
    .await;
}
