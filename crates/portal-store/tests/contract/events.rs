//! The outbox: public changes become events, in order, for the customers
//! who may see them.

use crate::harness::*;
use portal_core::conversation::{EventKind, PortalEvent};
use portal_core::{AuthorKind, TicketStatus};

fn ids(events: &[PortalEvent]) -> Vec<i64> {
    events.iter().map(|e| e.id).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn events_come_in_order_and_resume_after_an_id() {
    on_each_backend("events_come_in_order_and_resume_after_an_id", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        assert!(store.events_since(&alice, 0, 100).await.unwrap().is_empty());

        let number = customer_ticket(&*store, &alice, "events", NOW).await;
        let reply = store.customer_reply(&alice, number, &text(&body("hello"), &fresh_key()), NOW + 1).await.unwrap();
        let answer = store.agent_post_message(&agent, number, &agent_post("hi there", false), NOW + 2).await.unwrap();
        store.agent_post_message(&agent, number, &agent_post("note", true), NOW + 3).await.unwrap();
        store.agent_update_ticket(&agent, number, Some(TicketStatus::OnHold), None, None, NOW + 4).await.unwrap();
        // No change, and a type change: no event.
        store
            .agent_update_ticket(&agent, number, Some(TicketStatus::OnHold), Some("Problem"), None, NOW + 5)
            .await
            .unwrap();
        store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 6).await.unwrap();

        let events = store.events_since(&alice, 0, 100).await.unwrap();
        let summary: Vec<_> = events.iter().map(|e| (e.kind, e.ticket_number, e.status)).collect();
        assert_eq!(
            summary,
            [
                (EventKind::TicketCreated, number, Some(TicketStatus::Open)),
                (EventKind::MessageCreated, number, None),
                (EventKind::MessageCreated, number, None),
                (EventKind::TicketStatus, number, Some(TicketStatus::OnHold)),
                (EventKind::TicketStatus, number, Some(TicketStatus::Closed)),
            ]
        );
        assert!(ids(&events).windows(2).all(|w| w[0] < w[1]), "{events:?}");
        assert_eq!(events[1].message.as_ref(), Some(&reply.message));
        let agent_message = events[2].message.as_ref().unwrap();
        assert_eq!((agent_message.id, agent_message.author_kind), (answer.message.id, AuthorKind::Agent));
        assert_eq!(agent_message.body, "hi there");
        assert!(events.iter().filter(|e| e.kind != EventKind::MessageCreated).all(|e| e.message.is_none()));

        // Resuming after an id gives what came after it; the limit is clamped to 1..=500.
        assert_eq!(store.events_since(&alice, events[1].id, 100).await.unwrap(), events[2..]);
        assert_eq!(store.events_since(&alice, events[4].id, 100).await.unwrap(), []);
        assert_eq!(store.events_since(&alice, 0, 2).await.unwrap(), events[..2]);
        assert_eq!(store.events_since(&alice, 0, 0).await.unwrap(), events[..1]);
        assert_eq!(store.events_since(&alice, -5, u32::MAX).await.unwrap(), events);

        // What comes next continues the order.
        store.customer_reply(&alice, number, &text(&body("reopen please"), &fresh_key()), NOW + 7).await.unwrap();
        let next = store.events_since(&alice, events[4].id, 100).await.unwrap();
        let kinds: Vec<_> = next.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EventKind::TicketStatus, EventKind::MessageCreated]);
        assert!(next[0].id > events[4].id && next[1].id > next[0].id);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn events_are_only_for_the_scopes_tickets() {
    on_each_backend("events_are_only_for_the_scopes_tickets", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        let (_, alice_at_globex) = sign_in(&*store, globex.id, "alice@example.com").await;
        let acme_agent = agent(&*store, acme.id).await;
        let globex_agent = agent(&*store, globex.id).await;

        let alices = customer_ticket(&*store, &alice, "alice's", NOW).await;
        let bobs = customer_ticket(&*store, &bob, "bob's", NOW).await;
        let globex_alices = customer_ticket(&*store, &alice_at_globex, "globex", NOW).await;
        for (scope, number) in [(&alice, alices), (&bob, bobs)] {
            store.customer_reply(scope, number, &text(&body("customer"), &fresh_key()), NOW + 1).await.unwrap();
            store.agent_post_message(&acme_agent, number, &agent_post("agent", false), NOW + 2).await.unwrap();
        }
        store.agent_post_message(&globex_agent, globex_alices, &agent_post("globex", false), NOW + 3).await.unwrap();
        // A ticket an agent opens for alice is hers: she gets its events.
        let opened = new_ticket_for("ALICE@example.com", "", None);
        let for_alice = store.agent_create_ticket(&acme_agent, &opened, NOW + 4).await.unwrap().number;

        let numbers = |events: Vec<PortalEvent>| events.iter().map(|e| e.ticket_number).collect::<Vec<_>>();
        assert_eq!(numbers(store.events_since(&alice, 0, 100).await.unwrap()), [alices, alices, alices, for_alice]);
        assert_eq!(numbers(store.events_since(&bob, 0, 100).await.unwrap()), [bobs, bobs, bobs]);
        let at_globex = store.events_since(&alice_at_globex, 0, 100).await.unwrap();
        assert_eq!(numbers(at_globex.clone()), [globex_alices, globex_alices]);
        assert_eq!(at_globex[1].message.as_ref().unwrap().body, "globex");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, 4 + 3 + 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_writers_leave_events_in_order() {
    on_each_backend("concurrent_writers_leave_events_in_order", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let one = customer_ticket(&*store, &alice, "one", NOW).await;
        let two = customer_ticket(&*store, &alice, "two", NOW).await;
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let (store, alice, agent) = (store.clone(), alice.clone(), agent.clone());
                tokio::spawn(async move {
                    let number = if i % 2 == 0 { one } else { two };
                    if i % 3 == 0 {
                        store.agent_post_message(&agent, number, &agent_post("agent", false), NOW + i).await.unwrap();
                    } else {
                        store
                            .customer_reply(&alice, number, &text(&body("customer"), &fresh_key()), NOW + i)
                            .await
                            .unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let events = store.events_since(&alice, 0, 500).await.unwrap();
        assert_eq!(events.len(), 2 + 20);
        assert!(ids(&events).windows(2).all(|w| w[0] < w[1]));
        // Paging through in small steps sees every event once.
        let mut paged = Vec::new();
        let mut after = 0;
        loop {
            let page = store.events_since(&alice, after, 3).await.unwrap();
            let Some(last) = page.last() else { break };
            after = last.id;
            paged.extend(page);
        }
        assert_eq!(paged, events);
    })
    .await;
}
