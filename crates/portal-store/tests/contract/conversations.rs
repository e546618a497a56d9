//! The customer side of conversations: reading a ticket, replying to it,
//! reopening it, opening one.

use crate::harness::*;
use portal_core::{AuthorKind, CompanyKey, TicketNumber, TicketStatus};
use portal_store::{ReplyOutcome, StoreError};

#[tokio::test(flavor = "multi_thread")]
async fn replies_build_the_public_conversation() {
    on_each_backend("replies_build_the_public_conversation", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;

        let created = store
            .customer_create_ticket(
                &alice,
                &CustomerTicket {
                    ticket_type: Some("Problem"),
                    ..CustomerTicket::new(&title("  Cannot log in "), &description(" Since this morning. "))
                },
                NOW,
            )
            .await
            .unwrap();
        assert_eq!((created.number, created.status, created.updated_at), (TicketNumber(1), TicketStatus::Open, NOW));
        assert_eq!(created.title, "Cannot log in");
        let detail = store.ticket_detail(&alice, TicketNumber(1)).await.unwrap().unwrap();
        assert_eq!(detail.title, "Cannot log in");
        assert_eq!(detail.description, "Since this morning.");
        assert_eq!(detail.status, TicketStatus::Open);
        assert_eq!(detail.channel, "portal");
        assert_eq!(detail.ticket_type.as_deref(), Some("Problem"));
        assert_eq!((detail.created_at, detail.updated_at), (NOW, NOW));
        assert!(detail.messages.is_empty());

        let first = store
            .customer_reply(&alice, TicketNumber(1), &text(&body(" Any news? "), &fresh_key()), NOW + 10)
            .await
            .unwrap();
        assert!(!first.duplicate && !first.reopened, "{first:?}");
        assert_eq!(first.message.author_kind, AuthorKind::Customer);
        assert_eq!(first.message.author_name, "Fixture");
        assert_eq!(first.message.body, "Any news?");
        assert_eq!(first.message.created_at, NOW + 10);

        let answer = store
            .agent_post_message(&agent, TicketNumber(1), &agent_post("Looking into it.", false), NOW + 20)
            .await
            .unwrap();
        store
            .agent_post_message(&agent, TicketNumber(1), &agent_post("Customer is on the legacy plan.", true), NOW + 30)
            .await
            .unwrap();
        let second = store
            .customer_reply(&alice, TicketNumber(1), &text(&body("Thanks!"), &fresh_key()), NOW + 40)
            .await
            .unwrap();
        // Two messages at the same time come in the order they were written.
        let third = store
            .customer_reply(&alice, TicketNumber(1), &text(&body("Also..."), &fresh_key()), NOW + 40)
            .await
            .unwrap();

        let detail = store.ticket_detail(&alice, TicketNumber(1)).await.unwrap().unwrap();
        let bodies: Vec<_> = detail.messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["Any news?", "Looking into it.", "Thanks!", "Also..."]);
        assert_eq!(detail.messages[0], first.message);
        assert_eq!(detail.messages[1].id, answer.message.id);
        assert_eq!(detail.messages[1].author_kind, AuthorKind::Agent);
        assert_eq!(detail.messages[1].author_name, "Agent Smith");
        assert_eq!(detail.messages[2], second.message);
        assert_eq!(detail.messages[3], third.message);
        assert!(second.message.id < third.message.id);
        assert_eq!(detail.updated_at, NOW + 40);
        assert_eq!(store.list_tickets(&alice, 10).await.unwrap()[0].updated_at, NOW + 40);

        // Unknown numbers are nothing, and writing to them is NotFound.
        assert_eq!(store.ticket_detail(&alice, TicketNumber(2)).await.unwrap(), None);
        let missing = store.customer_reply(&alice, TicketNumber(2), &text(&body("hello?"), &fresh_key()), NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        assert!(matches!(store.reopen_ticket(&alice, TicketNumber(2), NOW).await, Err(StoreError::NotFound)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_author_name_falls_back_to_the_email() {
    on_each_backend("the_author_name_falls_back_to_the_email", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, scope) = sign_in(&*store, acme.id, "Nameless@Example.com").await;
        store.upsert_customer(acme.id, &email("Nameless@Example.com"), &name(""), NOW).await.unwrap();
        let number = customer_ticket(&*store, &scope, "Hi", NOW).await;
        let reply = store.customer_reply(&scope, number, &text(&body("hello"), &fresh_key()), NOW).await.unwrap();
        assert_eq!(reply.message.author_name, "Nameless@Example.com");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn internal_notes_never_reach_the_customer() {
    on_each_backend("internal_notes_never_reach_the_customer", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let older = customer_ticket(&*store, &alice, "older", NOW + 5).await;
        let newer = customer_ticket(&*store, &alice, "newer", NOW + 10).await;
        store.customer_reply(&alice, older, &text(&body("public"), &fresh_key()), NOW + 6).await.unwrap();

        let list_before = store.list_tickets(&alice, 10).await.unwrap();
        let detail_before = store.ticket_detail(&alice, older).await.unwrap().unwrap();
        let events_before = store.events_since(&alice, 0, 100).await.unwrap();
        let event_rows = db.scalar("SELECT COUNT(*) FROM events").await;

        let note = store.agent_post_message(&agent, older, &agent_post("SECRET note", true), NOW + 100).await.unwrap();
        assert!(note.message.internal && !note.duplicate);

        // Nothing the customer can read changed: not the conversation, not
        // the events, not the list (order nor times).
        assert_eq!(store.ticket_detail(&alice, older).await.unwrap().unwrap(), detail_before);
        assert_eq!(store.events_since(&alice, 0, 100).await.unwrap(), events_before);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, event_rows, "an internal note writes no event");
        let list_after = store.list_tickets(&alice, 10).await.unwrap();
        assert_eq!(list_after, list_before);
        assert_eq!(list_after.iter().map(|t| t.number).collect::<Vec<_>>(), vec![newer, older]);

        // A public reply after it shows, the note still does not.
        store.agent_post_message(&agent, older, &agent_post("public answer", false), NOW + 200).await.unwrap();
        let detail = store.ticket_detail(&alice, older).await.unwrap().unwrap();
        let bodies: Vec<_> = detail.messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["public", "public answer"]);
        let events = store.events_since(&alice, 0, 100).await.unwrap();
        assert!(events.iter().all(|e| e.message.as_ref().is_none_or(|m| !m.body.contains("SECRET"))), "{events:?}");
        assert_eq!(events.len(), events_before.len() + 1);

        // The agent sees it, flagged.
        let seen = store.agent_ticket(&agent, older).await.unwrap().unwrap();
        let flags: Vec<_> = seen.messages.iter().map(|m| (m.body.as_str(), m.internal)).collect();
        assert_eq!(flags, [("public", false), ("SECRET note", true), ("public answer", false)]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn another_customers_ticket_is_not_found() {
    on_each_backend("another_customers_ticket_is_not_found", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        // Alice at another workspace is someone else, with a ticket 1 of her own there.
        let (_, alice_at_globex) = sign_in(&*store, globex.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;

        let number = customer_ticket(&*store, &alice, "alice's", NOW).await;
        store.customer_reply(&alice, number, &text(&body("mine"), &fresh_key()), NOW + 1).await.unwrap();
        let globex_number = customer_ticket(&*store, &alice_at_globex, "globex alice's", NOW).await;
        assert_eq!(globex_number, number);
        // Closed, so a reopen would write.
        store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 2).await.unwrap();

        let counts = async || {
            (
                db.scalar("SELECT COUNT(*) FROM messages").await,
                db.scalar("SELECT COUNT(*) FROM events").await,
                db.scalar("SELECT COUNT(*) FROM tickets WHERE status = 'closed'").await,
                db.scalar("SELECT MAX(updated_at) FROM tickets").await,
            )
        };
        let before = counts().await;
        assert_eq!(store.ticket_detail(&bob, number).await.unwrap(), None);
        let reply = store.customer_reply(&bob, number, &text(&body("let me in"), &fresh_key()), NOW + 50).await;
        assert!(matches!(reply, Err(StoreError::NotFound)), "{reply:?}");
        let reopen = store.reopen_ticket(&bob, number, NOW + 50).await;
        assert!(matches!(reopen, Err(StoreError::NotFound)), "{reopen:?}");
        assert!(store.events_since(&bob, 0, 100).await.unwrap().is_empty());
        assert!(store.list_tickets(&bob, 100).await.unwrap().is_empty());
        // At globex, number 1 is her own ticket there, never acme's.
        let detail = store.ticket_detail(&alice_at_globex, number).await.unwrap().unwrap();
        assert_eq!(detail.title, "globex alice's");
        assert!(detail.messages.is_empty());
        let events = store.events_since(&alice_at_globex, 0, 100).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].kind.as_str(), events[0].ticket_number), ("ticket.created", globex_number));
        assert_eq!(counts().await, before, "nothing was written");
        // Bob's NotFound is exactly the one of a ticket that does not exist.
        let none = store.customer_reply(&bob, TicketNumber(999), &text(&body("x"), &fresh_key()), NOW).await;
        assert!(matches!(none, Err(StoreError::NotFound)), "{none:?}");
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().status, TicketStatus::Closed);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeated_key_returns_the_first_message() {
    on_each_backend("a_repeated_key_returns_the_first_message", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let one = customer_ticket(&*store, &alice, "one", NOW).await;
        let two = customer_ticket(&*store, &alice, "two", NOW).await;
        let k = key("0f8c2d1e-aaaa-4bbb-8ccc-123456789abc");

        let first = store.customer_reply(&alice, one, &text(&body("first"), &k), NOW + 1).await.unwrap();
        assert!(!first.duplicate);
        let rows =
            async || (db.scalar("SELECT COUNT(*) FROM messages").await, db.scalar("SELECT COUNT(*) FROM events").await);
        let written = rows().await;
        let again = store.customer_reply(&alice, one, &text(&body("first"), &k), NOW + 2).await.unwrap();
        assert_eq!(again, ReplyOutcome { message: first.message.clone(), duplicate: true, reopened: false });
        assert_eq!(rows().await, written, "a repeated key writes nothing");
        let detail = store.ticket_detail(&alice, one).await.unwrap().unwrap();
        assert_eq!(detail.messages, vec![first.message.clone()]);
        assert_eq!(detail.updated_at, NOW + 1);

        // A key names one message of its author: reused for other text, or
        // on another ticket, it is refused and writes nothing.
        let other_text = store.customer_reply(&alice, one, &text(&body("second try"), &k), NOW + 3).await;
        assert!(matches!(other_text, Err(StoreError::KeyReused)), "{other_text:?}");
        let elsewhere = store.customer_reply(&alice, two, &text(&body("first"), &k), NOW + 3).await;
        assert!(matches!(elsewhere, Err(StoreError::KeyReused)), "{elsewhere:?}");
        assert_eq!(rows().await, written);

        // A retry after the ticket closed (reopening off) is still the
        // same send, not a refused one.
        store.agent_update_ticket(&agent, one, Some(TicketStatus::Closed), None, None, NOW + 4).await.unwrap();
        store.set_reopen_allowed(acme.id, false).await.unwrap();
        let late = store.customer_reply(&alice, one, &text(&body("first"), &k), NOW + 5).await.unwrap();
        assert!(late.duplicate && !late.reopened);
        assert_eq!(late.message, first.message);

        // An agent's key is the agents' own: the customer's reply with the
        // same key is simply written, and tells them nothing.
        let agent_key = fresh_key();
        let post = portal_store::AgentPost { key: Some(agent_key.clone()), ..agent_post("internal", true) };
        store.agent_post_message(&agent, two, &post, NOW + 6).await.unwrap();
        let mine = store.customer_reply(&alice, two, &text(&body("hi"), &agent_key), NOW + 7).await.unwrap();
        assert!(!mine.duplicate && mine.message.body == "hi", "{mine:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn one_customers_key_never_meets_anothers() {
    on_each_backend("one_customers_key_never_meets_anothers", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let agent = agent(&*store, acme.id).await;
        let globex = CompanyKey::parse("globex").unwrap();
        store.upsert_company(acme.id, &globex, "Globex", NOW).await.unwrap();
        let (alice_id, _) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (bob_id, _) = sign_in(&*store, acme.id, "bob@example.com").await;
        for id in [alice_id, bob_id] {
            store.set_customer_companies(acme.id, id, std::slice::from_ref(&globex)).await.unwrap();
        }
        // Signed in again: their scopes now see the company's tickets.
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        let shared = customer_ticket(&*store, &alice, "shared", NOW).await;
        store.agent_update_ticket(&agent, shared, None, None, Some(Some(&globex)), NOW).await.unwrap();
        assert!(store.ticket_detail(&bob, shared).await.unwrap().is_some(), "bob sees the company's ticket");
        assert!(store.join_ticket(&bob, shared, NOW).await.unwrap(), "and joins it to reply");

        // The same key, the same text, the same ticket: two customers, two messages.
        let k = key("shared-key-0001");
        let alices = store.customer_reply(&alice, shared, &text(&body("same words"), &k), NOW + 1).await.unwrap();
        let bobs = store.customer_reply(&bob, shared, &text(&body("same words"), &k), NOW + 2).await.unwrap();
        assert!(!alices.duplicate && !bobs.duplicate, "{alices:?} {bobs:?}");
        assert_ne!(alices.message.id, bobs.message.id);
        // Bob reusing his key for other text is refused; alice's is not involved.
        let other = store.customer_reply(&bob, shared, &text(&body("other words"), &k), NOW + 3).await;
        assert!(matches!(other, Err(StoreError::KeyReused)), "{other:?}");
        // Each one's retry finds their own.
        let again = store.customer_reply(&bob, shared, &text(&body("same words"), &k), NOW + 4).await.unwrap();
        assert_eq!((again.duplicate, again.message.id), (true, bobs.message.id));
        let again = store.customer_reply(&alice, shared, &text(&body("same words"), &k), NOW + 4).await.unwrap();
        assert_eq!((again.duplicate, again.message.id), (true, alices.message.id));
        assert_eq!(db.scalar("SELECT COUNT(*) FROM messages").await, 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_replies_with_one_key_write_once() {
    on_each_backend("concurrent_replies_with_one_key_write_once", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let number = customer_ticket(&*store, &alice, "race", NOW).await;
        let k = fresh_key();
        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let (store, alice, k) = (store.clone(), alice.clone(), k.clone());
                tokio::spawn(async move {
                    store.customer_reply(&alice, number, &text(&body("the one reply"), &k), NOW + i).await.unwrap()
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        assert_eq!(outcomes.iter().filter(|o| !o.duplicate).count(), 1, "{outcomes:?}");
        assert!(outcomes.iter().all(|o| o.message == outcomes[0].message), "{outcomes:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM messages").await, 1);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events WHERE kind = 'message.created'").await, 1);

        // Different keys all write.
        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let (store, alice) = (store.clone(), alice.clone());
                tokio::spawn(async move {
                    store
                        .customer_reply(&alice, number, &text(&body(&format!("msg {i}")), &fresh_key()), NOW)
                        .await
                        .unwrap()
                })
            })
            .collect();
        for task in tasks {
            assert!(!task.await.unwrap().duplicate);
        }
        assert_eq!(db.scalar("SELECT COUNT(*) FROM messages").await, 11);
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().messages.len(), 11);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn replies_to_closed_tickets_follow_the_reopen_rule() {
    on_each_backend("replies_to_closed_tickets_follow_the_reopen_rule", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let number = customer_ticket(&*store, &alice, "closing", NOW).await;
        let close = async |at| {
            store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, at).await.unwrap();
        };
        let status = async || store.ticket_detail(&alice, number).await.unwrap().unwrap().status;

        // Reopening allowed (the default): the reply reopens.
        close(NOW + 1).await;
        let after = store.events_since(&alice, 0, 100).await.unwrap().last().unwrap().id;
        let reply =
            store.customer_reply(&alice, number, &text(&body("still broken"), &fresh_key()), NOW + 2).await.unwrap();
        assert!(reply.reopened && !reply.duplicate);
        assert_eq!(status().await, TicketStatus::Open);
        let events = store.events_since(&alice, after, 100).await.unwrap();
        let kinds: Vec<_> = events.iter().map(|e| (e.kind.as_str(), e.status)).collect();
        assert_eq!(kinds, [("ticket.status", Some(TicketStatus::Open)), ("message.created", None)]);
        assert_eq!(events[1].message.as_ref(), Some(&reply.message));
        // An open ticket is not "reopened" again.
        let plain = store.customer_reply(&alice, number, &text(&body("more"), &fresh_key()), NOW + 3).await.unwrap();
        assert!(!plain.reopened);

        // Reopening off: refused, nothing written.
        close(NOW + 4).await;
        store.set_reopen_allowed(acme.id, false).await.unwrap();
        let rows = async || {
            (
                db.scalar("SELECT COUNT(*) FROM messages").await,
                db.scalar("SELECT COUNT(*) FROM events").await,
                db.scalar("SELECT MAX(updated_at) FROM tickets").await,
            )
        };
        let before = rows().await;
        let refused = store.customer_reply(&alice, number, &text(&body("hello?"), &fresh_key()), NOW + 5).await;
        assert!(matches!(refused, Err(StoreError::TicketClosed)), "{refused:?}");
        let refused = store.reopen_ticket(&alice, number, NOW + 5).await;
        assert!(matches!(refused, Err(StoreError::TicketClosed)), "{refused:?}");
        assert_eq!(rows().await, before);
        assert_eq!(status().await, TicketStatus::Closed);

        // reopen_ticket: reopens once, then is a no-op.
        store.set_reopen_allowed(acme.id, true).await.unwrap();
        let after = store.events_since(&alice, 0, 100).await.unwrap().last().unwrap().id;
        store.reopen_ticket(&alice, number, NOW + 6).await.unwrap();
        assert_eq!(status().await, TicketStatus::Open);
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().updated_at, NOW + 6);
        store.reopen_ticket(&alice, number, NOW + 7).await.unwrap();
        let events = store.events_since(&alice, after, 100).await.unwrap();
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!((events[0].kind.as_str(), events[0].status), ("ticket.status", Some(TicketStatus::Open)));
        // Not closed and reopening off: still a no-op, not an error.
        store.set_reopen_allowed(acme.id, false).await.unwrap();
        store.reopen_ticket(&alice, number, NOW + 8).await.unwrap();
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().updated_at, NOW + 6);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_open_tickets_of_the_workspaces_types() {
    on_each_backend("customers_open_tickets_of_the_workspaces_types", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let create = async |kind: Option<&str>, text: &str| {
            store
                .customer_create_ticket(
                    &alice,
                    &CustomerTicket {
                        ticket_type: kind,
                        ..CustomerTicket::new(&title("A ticket"), &description(text))
                    },
                    NOW,
                )
                .await
        };

        for refused in [Some("Billing"), Some("question"), Some(""), Some("Question ")] {
            let result = create(refused, "").await;
            assert!(matches!(result, Err(StoreError::Invalid(_))), "{refused:?}: {result:?}");
        }
        // Too long a description never reaches the store: see `TicketDescription`.
        assert!(portal_core::TicketDescription::parse(&"x".repeat(10_241)).is_err());
        assert_eq!(db.scalar("SELECT COUNT(*) FROM tickets").await, 0);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, 0);

        // Refusals used up no number.
        assert_eq!(create(Some("Question"), "   ").await.unwrap().number, TicketNumber(1));
        assert_eq!(create(None, &"é".repeat(10_240)).await.unwrap().number, TicketNumber(2));
        let first = store.ticket_detail(&alice, TicketNumber(1)).await.unwrap().unwrap();
        assert_eq!((first.description.as_str(), first.ticket_type.as_deref()), ("", Some("Question")));
        assert_eq!(store.ticket_detail(&alice, TicketNumber(2)).await.unwrap().unwrap().ticket_type, None);

        store.set_ticket_types(acme.id, &ticket_types(&["Billing"])).await.unwrap();
        assert_eq!(create(Some("Billing"), "").await.unwrap().number, TicketNumber(3));
        assert!(matches!(create(Some("Question"), "").await, Err(StoreError::Invalid(_))));
        // Tickets keep the type they were opened with.
        assert_eq!(
            store.ticket_detail(&alice, TicketNumber(1)).await.unwrap().unwrap().ticket_type.as_deref(),
            Some("Question")
        );

        let events = store.events_since(&alice, 0, 100).await.unwrap();
        let created: Vec<_> = events.iter().map(|e| (e.kind.as_str(), e.ticket_number, e.status)).collect();
        let open = Some(TicketStatus::Open);
        assert_eq!(
            created,
            [
                ("ticket.created", TicketNumber(1), open),
                ("ticket.created", TicketNumber(2), open),
                ("ticket.created", TicketNumber(3), open),
            ]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_ticket_goes_to_the_customers_company() {
    on_each_backend("a_new_ticket_goes_to_the_customers_company", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (alice_id, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (bob_id, _) = sign_in(&*store, acme.id, "bob@example.com").await;
        let (one, other) = (CompanyKey::parse("one").unwrap(), CompanyKey::parse("other").unwrap());
        for key in [&one, &other] {
            store.upsert_company(acme.id, key, key.as_str(), NOW).await.unwrap();
        }
        let open = |company: Option<&CompanyKey>, raw: &'static str| {
            let (store, alice, company) = (store.clone(), alice.clone(), company.cloned());
            async move {
                store
                    .customer_create_ticket(
                        &alice,
                        &CustomerTicket {
                            company: company.as_ref(),
                            ..CustomerTicket::new(&title(raw), &description(""))
                        },
                        NOW,
                    )
                    .await
            }
        };

        // No company: the ticket is the customer's alone.
        let alone = open(None, "Alone").await.unwrap().number;
        // Exactly one company: filed there, so its members see it.
        store.set_customer_companies(acme.id, alice_id, std::slice::from_ref(&one)).await.unwrap();
        store.set_customer_companies(acme.id, bob_id, std::slice::from_ref(&one)).await.unwrap();
        let filed = open(None, "Filed").await.unwrap().number;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        assert!(store.ticket_detail(&bob, filed).await.unwrap().is_some(), "a co-member sees the company's ticket");
        assert!(store.ticket_detail(&bob, alone).await.unwrap().is_none());
        // Several: the one named, and only one of hers.
        store.set_customer_companies(acme.id, alice_id, &[one.clone(), other.clone()]).await.unwrap();
        let for_other = open(Some(&other), "For other").await.unwrap().number;
        assert!(store.ticket_detail(&bob, for_other).await.unwrap().is_none(), "bob is not in the other company");
        let foreign = CompanyKey::parse("globex").unwrap();
        let before = store.agent_list_tickets(&agent(&*store, acme.id).await, 100).await.unwrap().len();
        assert!(matches!(open(Some(&foreign), "Not hers").await, Err(StoreError::Invalid(_))));
        let after = store.agent_list_tickets(&agent(&*store, acme.id).await, 100).await.unwrap().len();
        assert_eq!(before, after, "a refused ticket writes nothing");
    })
    .await;
}
