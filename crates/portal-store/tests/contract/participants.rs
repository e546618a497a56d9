//! Ticket participants: agents add and remove customers who take part in a
//! ticket besides its creator; a participant sees the ticket everywhere its
//! creator does (list, search, page, events, files) and may write to it,
//! never reading an internal note. A company member who sees a company
//! ticket reads it, and writes to it only once they joined, and only while
//! the rule still shows it to them.

use crate::harness::*;
use portal_core::access::AgentScope;
use portal_core::listing::ListQuery;
use portal_core::visibility::TicketVisibility;
use portal_core::{AttachmentName, CompanyKey, CustomerId, CustomerScope, EventKind, TicketNumber, TicketStatus};
use portal_store::{AddedBy, CustomerReply, Store, StoreError, Wake};
use std::collections::BTreeSet;

fn company(raw: &str) -> CompanyKey {
    CompanyKey::parse(raw).unwrap()
}

/// The numbers the scope's list (tab `All`, or `tab=mine`) holds.
async fn listed(store: &dyn Store, scope: &CustomerScope, query: &str) -> BTreeSet<TicketNumber> {
    let list = ListQuery::parse(query, &[]).unwrap();
    store.find_tickets(scope, &list, true).await.unwrap().tickets.iter().map(|t| t.number).collect()
}

/// The emails of the ticket's participants, in the order they came.
async fn participant_emails(store: &dyn Store, agent: &AgentScope, number: TicketNumber) -> Vec<String> {
    store.participants(agent, number).await.unwrap().into_iter().map(|p| p.customer.email).collect()
}

/// Rows that a refused change must leave alone.
async fn rows(db: &portal_store::testing::TestDb) -> (i64, i64, i64) {
    (
        db.scalar("SELECT COUNT(*) FROM ticket_participants").await,
        db.scalar("SELECT COUNT(*) FROM events").await,
        db.scalar("SELECT COUNT(*) FROM messages").await,
    )
}

fn one(number: TicketNumber) -> BTreeSet<TicketNumber> {
    BTreeSet::from([number])
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_add_list_and_remove_participants() {
    on_each_backend("agents_add_list_and_remove_participants", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let (alice_id, alice) = sign_in(store, acme.id, "alice@example.com").await;
        let (bob_id, bob) = sign_in(store, acme.id, "Bob@Example.com").await;
        let (_, carol) = sign_in(store, acme.id, "carol@example.com").await;
        let number = customer_ticket(store, &alice, "Printer jams", NOW).await;
        assert!(listed(store, &bob, "").await.is_empty(), "bob takes no part yet");
        assert!(store.ticket_detail(&bob, number).await.unwrap().is_none());
        assert!(participant_emails(store, &agent, number).await.is_empty(), "the creator is no participant");

        // Added by an agent, found by email whatever its case.
        let added = store.add_participant(&agent, number, &email("bob@example.COM"), NOW + 1).await.unwrap();
        assert!(!added.already);
        assert_eq!(
            (added.participant.customer.id, added.participant.added_at, added.participant.added_by),
            (bob_id, NOW + 1, AddedBy::Agent)
        );
        let added = store.add_participant(&agent, number, &email("carol@example.com"), NOW + 2).await.unwrap();
        assert_eq!(added.participant.customer.email, "carol@example.com");
        assert_eq!(participant_emails(store, &agent, number).await, ["Bob@Example.com", "carol@example.com"]);

        // Bob sees it like its creator, and may write to it.
        assert_eq!(listed(store, &bob, "").await, one(number));
        assert!(listed(store, &bob, "tab=mine").await.is_empty(), "created by him: no");
        assert_eq!(listed(store, &bob, "q=printer").await, one(number));
        assert_eq!(store.list_tickets(&bob, 10).await.unwrap().len(), 1);
        assert!(store.takes_part_in_others(&bob).await.unwrap());
        assert!(!store.takes_part_in_others(&alice).await.unwrap(), "her own ticket is not another's");
        let detail = store.ticket_detail(&bob, number).await.unwrap().expect("bob opens it");
        assert!(detail.taking_part);
        assert!(store.ticket_detail(&alice, number).await.unwrap().unwrap().taking_part, "its creator too");
        let reply = store.customer_reply(&bob, number, &text(&body("Same here"), &fresh_key()), NOW + 3).await;
        assert_eq!(reply.unwrap().message.body, "Same here");
        store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 4).await.unwrap();
        store.reopen_ticket(&carol, number, NOW + 5).await.unwrap();
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().status, TicketStatus::Open);

        // Adding again changes nothing, and says so.
        let before = rows(&db).await;
        let again = store.add_participant(&agent, number, &email("bob@example.com"), NOW + 6).await.unwrap();
        assert!(again.already && again.participant.added_at == NOW + 1, "{again:?}");
        assert_eq!(rows(&db).await, before);

        // Removed: bob no longer sees it; removing again says he was not one.
        assert!(store.remove_participant(&agent, number, &email("bob@example.com"), NOW + 7).await.unwrap());
        assert!(listed(store, &bob, "").await.is_empty());
        assert!(listed(store, &bob, "q=printer").await.is_empty(), "nor finds it");
        assert!(store.ticket_detail(&bob, number).await.unwrap().is_none());
        assert!(!store.takes_part_in_others(&bob).await.unwrap());
        let refused = store.customer_reply(&bob, number, &text(&body("Hello?"), &fresh_key()), NOW + 8).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
        let before = rows(&db).await;
        assert!(!store.remove_participant(&agent, number, &email("bob@example.com"), NOW + 9).await.unwrap());
        assert_eq!(rows(&db).await, before);
        assert_eq!(participant_emails(store, &agent, number).await, ["carol@example.com"]);
        let _ = (alice_id, bob_id);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn refused_participant_changes_write_nothing() {
    on_each_backend("refused_participant_changes_write_nothing", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let other = workspace(store, "other").await;
        let outsider = agent(store, other.id).await;
        let agent = agent(store, acme.id).await;
        let (_, alice) = sign_in(store, acme.id, "alice@example.com").await;
        sign_in(store, acme.id, "bob@example.com").await;
        sign_in(store, other.id, "olga@example.com").await;
        let number = customer_ticket(store, &alice, "Mine", NOW).await;
        store.add_participant(&agent, number, &email("bob@example.com"), NOW).await.unwrap();
        let before = rows(&db).await;

        let creator = store.add_participant(&agent, number, &email("ALICE@example.com"), NOW).await;
        assert!(matches!(creator, Err(StoreError::CreatorTakesPart)), "{creator:?}");
        let creator = store.remove_participant(&agent, number, &email("alice@example.com"), NOW).await;
        assert!(matches!(creator, Err(StoreError::CreatorTakesPart)), "{creator:?}");
        let nobody = store.add_participant(&agent, number, &email("nobody@example.com"), NOW).await;
        assert!(
            matches!(&nobody, Err(StoreError::UnknownCustomer(e)) if e.as_str() == "nobody@example.com"),
            "{nobody:?}"
        );
        // Another workspace's customer is nobody here.
        let olga = store.add_participant(&agent, number, &email("olga@example.com"), NOW).await;
        assert!(matches!(olga, Err(StoreError::UnknownCustomer(_))), "{olga:?}");
        let missing = store.add_participant(&agent, TicketNumber(99), &email("bob@example.com"), NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        let missing = store.remove_participant(&agent, TicketNumber(99), &email("bob@example.com"), NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        assert!(matches!(store.participants(&agent, TicketNumber(99)).await, Err(StoreError::NotFound)));
        // Another workspace's agent finds no such ticket.
        let foreign = store.add_participant(&outsider, number, &email("olga@example.com"), NOW).await;
        assert!(matches!(foreign, Err(StoreError::NotFound)), "{foreign:?}");
        let foreign = store.remove_participant(&outsider, number, &email("bob@example.com"), NOW).await;
        assert!(matches!(foreign, Err(StoreError::NotFound)), "{foreign:?}");
        assert!(matches!(store.participants(&outsider, number).await, Err(StoreError::NotFound)));

        assert_eq!(rows(&db).await, before, "no participant, event or message was written or removed");
        assert_eq!(participant_emails(store, &agent, number).await, ["bob@example.com"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn participants_never_read_internal_notes() {
    on_each_backend("participants_never_read_internal_notes", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let (_, alice) = sign_in(store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(store, acme.id, "bob@example.com").await;
        let number = customer_ticket(store, &alice, "Shared", NOW).await;
        store.add_participant(&agent, number, &email("bob@example.com"), NOW).await.unwrap();
        store
            .agent_post_message(&agent, number, &agent_post("secretnoteword only agents", true), NOW + 1)
            .await
            .unwrap();
        store.agent_post_message(&agent, number, &agent_post("publicword for all", false), NOW + 2).await.unwrap();

        let detail = store.ticket_detail(&bob, number).await.unwrap().unwrap();
        let bodies: Vec<&str> = detail.messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["publicword for all"]);
        assert!(listed(store, &bob, "q=secretnoteword").await.is_empty(), "a note's word finds nothing");
        assert_eq!(listed(store, &bob, "q=publicword").await, one(number));
        let events = store.events_since(&bob, 0, 100).await.unwrap();
        assert!(events.iter().filter_map(|e| e.message.as_ref()).all(|m| !m.body.contains("secret")), "{events:?}");
        assert_eq!(events.iter().filter(|e| e.kind == EventKind::MessageCreated).count(), 1, "the reply alone");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn company_members_read_but_join_to_write() {
    on_each_backend("company_members_read_but_join_to_write", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        store.upsert_company(acme.id, &company("globex"), "Globex", NOW).await.unwrap();
        let member = async |raw: &str| -> (CustomerId, CustomerScope) {
            let (id, scope) = sign_in(store, acme.id, raw).await;
            store.set_customer_companies(acme.id, id, &[company("globex")]).await.unwrap();
            (id, scope)
        };
        let (_, alice) = member("alice@globex.example").await;
        let (carl_id, carl) = member("carl@globex.example").await;
        let (_, stranger) = sign_in(store, acme.id, "stranger@example.com").await;
        // Filed to alice's only company: her colleagues see it.
        let number = customer_ticket(store, &alice, "Globex printer", NOW).await;

        let detail = store.ticket_detail(&carl, number).await.unwrap().expect("carl reads it");
        assert!(!detail.taking_part, "reading is not taking part");
        assert_eq!(listed(store, &carl, "").await, one(number));
        assert!(!store.takes_part_in_others(&carl).await.unwrap());

        // Until he joins, carl writes nothing to it: no reply, no files, no reopening.
        let file = store
            .add_upload(&carl, &AttachmentName::parse("log.csv").unwrap(), 10, "blob-carl", 1 << 30, NOW)
            .await
            .unwrap();
        let before = rows(&db).await;
        let reply = body("Me too");
        let key = fresh_key();
        let with_file = CustomerReply { body: &reply, key: &key, attachments: &[file.id] };
        let refused = store.customer_reply(&carl, number, &with_file, NOW + 1).await;
        assert!(matches!(refused, Err(StoreError::NotParticipant)), "{refused:?}");
        store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 2).await.unwrap();
        let before = (before.0, before.1 + 1, before.2);
        let refused = store.reopen_ticket(&carl, number, NOW + 3).await;
        assert!(matches!(refused, Err(StoreError::NotParticipant)), "{refused:?}");
        assert_eq!(rows(&db).await, before, "nothing was written");
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().status, TicketStatus::Closed);
        assert_eq!(store.customer_attachment(&carl, file.id).await.unwrap(), None, "the file still waits");

        // Joining: a ticket the rule does not show them cannot be joined.
        let refused = store.join_ticket(&stranger, number, NOW + 4).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
        assert!(!store.join_ticket(&alice, number, NOW + 4).await.unwrap(), "its creator takes part already");
        let mut wakes = store.subscribe();
        assert!(store.join_ticket(&carl, number, NOW + 5).await.unwrap());
        let woken: Vec<Wake> = std::iter::from_fn(|| wakes.try_recv().ok()).collect();
        assert!(woken.contains(&Wake::Workspace(acme.id)), "{woken:?}");
        assert!(!store.join_ticket(&carl, number, NOW + 6).await.unwrap(), "joining twice changes nothing");
        let participants = store.participants(&agent, number).await.unwrap();
        assert_eq!(participants.len(), 1);
        assert_eq!(
            (participants[0].customer.id, participants[0].added_by, participants[0].added_at),
            (carl_id, AddedBy::Themselves, NOW + 5)
        );
        assert!(store.ticket_detail(&carl, number).await.unwrap().unwrap().taking_part);
        assert!(!store.takes_part_in_others(&carl).await.unwrap(), "he reads it through his company");

        // Now he writes: a reply with his file reopens the ticket.
        let sent = store.customer_reply(&carl, number, &with_file, NOW + 7).await.unwrap();
        assert!(sent.reopened && sent.message.attachments.len() == 1, "{sent:?}");

        // Joining granted writing, not reading: once the rule restricts him
        // he reads it no more, and writes nothing to it.
        store.set_ticket_visibility(acme.id, &TicketVisibility::new(true, Vec::new()).unwrap()).await.unwrap();
        let (_, carl) = sign_in(store, acme.id, "carl@globex.example").await;
        assert!(!carl.sees_company_tickets());
        assert!(listed(store, &carl, "").await.is_empty());
        assert!(store.ticket_detail(&carl, number).await.unwrap().is_none());
        assert!(!store.takes_part_in_others(&carl).await.unwrap(), "his list has his own tickets only");
        let refused = store.customer_reply(&carl, number, &text(&body("Still here?"), &fresh_key()), NOW + 8).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
        // An agent adding him makes him the agent's: he sees it whatever the rule.
        let added = store.add_participant(&agent, number, &email("carl@globex.example"), NOW + 9).await.unwrap();
        assert!(!added.already && added.participant.added_by == AddedBy::Agent, "{added:?}");
        assert_eq!(added.participant.added_at, NOW + 5, "he took part since he joined");
        assert_eq!(listed(store, &carl, "").await, one(number));
        assert!(store.ticket_detail(&carl, number).await.unwrap().unwrap().taking_part);
        // A restricted member who never joined neither sees nor joins it.
        let (_, dora) = member("dora@globex.example").await;
        assert!(store.ticket_detail(&dora, number).await.unwrap().is_none());
        assert!(matches!(store.join_ticket(&dora, number, NOW + 10).await, Err(StoreError::NotFound)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn participants_follow_their_tickets_live() {
    on_each_backend("participants_follow_their_tickets_live", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let (_, bob) = sign_in(store, acme.id, "bob@example.com").await;
        // A ticket of no company: before anyone takes part, its events wake its creator alone.
        let new = new_ticket_for("ann@example.com", "Ann", None);
        let number = store.agent_create_ticket(&agent, &new, NOW).await.unwrap().number;
        let after = store.latest_event_id(acme.id).await.unwrap();

        let mut wakes = store.subscribe();
        store.add_participant(&agent, number, &email("bob@example.com"), NOW + 1).await.unwrap();
        let woken: Vec<Wake> = std::iter::from_fn(|| wakes.try_recv().ok()).collect();
        assert!(woken.contains(&Wake::Workspace(acme.id)), "bob's socket wakes: {woken:?}");
        let events = store.events_since(&bob, after, 100).await.unwrap();
        let kinds: Vec<(EventKind, TicketNumber)> = events.iter().map(|e| (e.kind, e.ticket_number)).collect();
        assert_eq!(kinds, [(EventKind::TicketParticipants, number)], "his list gains the ticket live");

        // Its replies now wake the workspace, and reach him.
        store.agent_post_message(&agent, number, &agent_post("We are on it", false), NOW + 2).await.unwrap();
        let woken: Vec<Wake> = std::iter::from_fn(|| wakes.try_recv().ok()).collect();
        assert!(woken.contains(&Wake::Workspace(acme.id)), "{woken:?}");
        let events = store.events_since(&bob, after, 100).await.unwrap();
        assert_eq!(events.last().and_then(|e| e.message.as_ref()).map(|m| m.body.as_str()), Some("We are on it"));

        // Removed, he reads none of its events, old or new.
        store.remove_participant(&agent, number, &email("bob@example.com"), NOW + 3).await.unwrap();
        store.agent_post_message(&agent, number, &agent_post("Fixed", false), NOW + 4).await.unwrap();
        assert!(store.events_since(&bob, 0, 100).await.unwrap().is_empty());
    })
    .await;
}
