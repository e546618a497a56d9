//! Companies and ticket visibility: a customer sees their own tickets and,
//! unless the workspace's rule restricts them, every ticket of their
//! companies; never a ticket of a company they are not in.

use crate::harness::*;
use portal_core::access::AgentScope;
use portal_core::attributes::CustomerAttributes;
use portal_core::listing::ListQuery;
use portal_core::visibility::{Condition, TicketVisibility};
use portal_core::{CompanyKey, CustomerId, CustomerScope, TicketNumber, TicketStatus, WorkspaceId};
use portal_store::{AgentNewTicket, Store, StoreError, Wake};
use std::collections::BTreeMap;
use tokio::sync::broadcast::Receiver;

fn company(raw: &str) -> CompanyKey {
    CompanyKey::parse(raw).unwrap()
}

/// Puts the ticket in the company, as an agent does: a change of nothing else.
async fn into_company(store: &dyn Store, agent: &AgentScope, number: TicketNumber, key: &str) {
    store.agent_update_ticket(agent, number, None, None, Some(Some(&company(key))), NOW).await.unwrap();
}

/// The wake-ups published since `wakes` last read them.
fn woken(wakes: &mut Receiver<Wake>) -> Vec<Wake> {
    std::iter::from_fn(|| wakes.try_recv().ok()).collect()
}

/// Signs the customer in and makes them a member of Globex (which exists).
async fn globex_member(store: &dyn Store, workspace: WorkspaceId, email: &str) -> (CustomerId, CustomerScope) {
    let (id, scope) = sign_in(store, workspace, email).await;
    store.set_customer_companies(workspace, id, &[company("globex")]).await.unwrap();
    (id, scope)
}

/// The toggle, with at most one condition.
fn rule(restricted: bool, condition: Option<&Condition>) -> TicketVisibility {
    TicketVisibility::new(restricted, condition.into_iter().cloned().collect()).unwrap()
}

/// The titles the scope lists, sorted, after checking that it can open
/// and find (by the first word of its title, which no other has) exactly
/// those of `all` (number, title).
async fn visible(store: &dyn Store, scope: &CustomerScope, all: &[(TicketNumber, &str)]) -> Vec<String> {
    let mut listed: Vec<String> = store.list_tickets(scope, 100).await.unwrap().into_iter().map(|t| t.title).collect();
    listed.sort();
    for (number, title) in all {
        let opened = store.ticket_detail(scope, *number).await.unwrap().is_some();
        assert_eq!(opened, listed.iter().any(|t| t == title), "opening {title} agrees with the list");
        let search = ListQuery::parse(&format!("q={}", title.split(' ').next().unwrap()), &[]).unwrap();
        let found = store.find_tickets(scope, &search, true).await.unwrap().tickets;
        assert_eq!(found.iter().any(|t| t.number == *number), opened, "searching {title} agrees with the list");
    }
    listed
}

#[tokio::test(flavor = "multi_thread")]
async fn the_visibility_table_on_the_store() {
    on_each_backend("the_visibility_table_on_the_store", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        store.upsert_company(acme.id, &company("globex"), "Globex", NOW).await.unwrap();
        let (_, alice) = globex_member(store, acme.id, "alice@globex.example").await;
        let (_, kim) = globex_member(store, acme.id, "kim@contractor.example").await;
        let (_, bob) = sign_in(store, acme.id, "bob@elsewhere.example").await;
        let a1 = customer_ticket(store, &alice, "A1 alice company", NOW).await;
        let a2 = customer_ticket(store, &alice, "A2 alice private", NOW).await;
        let k1 = customer_ticket(store, &kim, "K1 kim company", NOW).await;
        let b1 = customer_ticket(store, &bob, "B1 bob in globex", NOW).await;
        for number in [a1, k1, b1] {
            into_company(store, &agent, number, "globex").await;
        }
        // Alice's tickets go to her only company; an agent takes A2 out of it.
        store.agent_update_ticket(&agent, a2, None, None, Some(None), NOW).await.unwrap();
        let all =
            [(a1, "A1 alice company"), (a2, "A2 alice private"), (k1, "K1 kim company"), (b1, "B1 bob in globex")];
        let everything = ["A1 alice company", "A2 alice private", "B1 bob in globex", "K1 kim company"];
        let company_view = ["A1 alice company", "B1 bob in globex", "K1 kim company"];
        let contractors = Condition::parse("email", "ends_with", "@contractor.example").unwrap();

        // Toggle off: everyone sees all company tickets (and their own).
        assert_eq!(visible(store, &alice, &all).await, everything);
        let own: Vec<String> =
            store.list_own_tickets(&alice, 100).await.unwrap().into_iter().map(|t| t.title).collect();
        assert_eq!(own, ["A2 alice private", "A1 alice company"], "created by me, most recent first");
        assert_eq!(visible(store, &kim, &all).await, company_view);
        assert_eq!(visible(store, &bob, &all).await, ["B1 bob in globex"], "bob is in no company");

        // On, no conditions: everyone only sees their own.
        store.set_ticket_visibility(acme.id, &rule(true, None)).await.unwrap();
        assert_eq!(visible(store, &alice, &all).await, ["A1 alice company", "A2 alice private"]);
        assert_eq!(visible(store, &kim, &all).await, ["K1 kim company"]);

        // On with conditions: those who match only see their own.
        store.set_ticket_visibility(acme.id, &rule(true, Some(&contractors))).await.unwrap();
        assert_eq!(visible(store, &alice, &all).await, everything);
        assert_eq!(visible(store, &kim, &all).await, ["K1 kim company"]);

        // Off keeps the conditions, inactive; on again applies them again.
        store.set_ticket_visibility(acme.id, &rule(false, Some(&contractors))).await.unwrap();
        assert_eq!(store.ticket_visibility(acme.id).await.unwrap(), rule(false, Some(&contractors)));
        assert_eq!(visible(store, &kim, &all).await, company_view);
        store.set_ticket_visibility(acme.id, &rule(true, Some(&contractors))).await.unwrap();
        assert_eq!(visible(store, &kim, &all).await, ["K1 kim company"]);

        // A customer who arrives after the rule gets it at once.
        let (_, lee) = globex_member(store, acme.id, "lee@contractor.example").await;
        assert!(visible(store, &lee, &all).await.is_empty());

        // A restricted customer cannot reply to, or reopen, a company ticket.
        let reply = body("Let me in");
        let refused = store.customer_reply(&kim, a1, &text(&reply, &fresh_key()), NOW).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
        // A member who sees a colleague's company ticket reads it, and
        // replies once she has joined it (see the participants' tests).
        let not_yet = store.customer_reply(&alice, k1, &text(&reply, &fresh_key()), NOW).await;
        assert!(matches!(not_yet, Err(StoreError::NotParticipant)), "{not_yet:?}");
        assert!(store.join_ticket(&alice, k1, NOW).await.unwrap());
        let mut wakes = store.subscribe();
        assert!(store.customer_reply(&alice, k1, &text(&reply, &fresh_key()), NOW).await.is_ok());
        // (PostgreSQL's listener may add a first wake-up of everyone.)
        let woken = woken(&mut wakes);
        assert!(woken.contains(&Wake::Workspace(acme.id)), "a company ticket's events wake its workspace: {woken:?}");
        // Events follow the same rule: alice sees those of kim's company
        // ticket, kim none of alice's.
        let events_of = |events: Vec<portal_core::PortalEvent>, number: TicketNumber| {
            events.into_iter().filter(|e| e.ticket_number == number).count()
        };
        let kims = events_of(store.events_since(&kim, 0, 100).await.unwrap(), k1);
        assert_eq!(kims, 3, "created, alice joined, then her reply");
        assert_eq!(events_of(store.events_since(&alice, 0, 100).await.unwrap(), k1), 3);
        assert_eq!(events_of(store.events_since(&kim, 0, 100).await.unwrap(), a1), 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn conditions_on_customer_attributes_follow_the_customer() {
    on_each_backend("conditions_on_customer_attributes_follow_the_customer", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        store.upsert_company(acme.id, &company("globex"), "Globex", NOW).await.unwrap();
        let (alice_id, alice) = globex_member(store, acme.id, "alice@globex.example").await;
        let (_, sam) = globex_member(store, acme.id, "sam@globex.example").await;
        let s1 = customer_ticket(store, &sam, "S1 sam's", NOW).await;
        into_company(store, &agent, s1, "globex").await;
        let all = [(s1, "S1 sam's")];
        let guests = Condition::parse("attributes.role", "equals", "Guest").unwrap();
        store.set_ticket_visibility(acme.id, &rule(true, Some(&guests))).await.unwrap();
        assert_eq!(visible(store, &alice, &all).await, ["S1 sam's"], "no role: not a guest");

        let guest = CustomerAttributes::parse(BTreeMap::from([("role".to_string(), "guest".to_string())])).unwrap();
        store.set_customer_attributes(acme.id, alice_id, &guest).await.unwrap();
        assert!(visible(store, &alice, &all).await.is_empty(), "a guest now");
        store.set_customer_attributes(acme.id, alice_id, &CustomerAttributes::default()).await.unwrap();
        assert_eq!(visible(store, &alice, &all).await, ["S1 sam's"]);

        // Leaving the company ends what it showed.
        store.set_customer_companies(acme.id, alice_id, &[]).await.unwrap();
        assert!(visible(store, &alice, &all).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn companies_stay_in_their_workspace_and_refusals_change_nothing() {
    on_each_backend("companies_stay_in_their_workspace_and_refusals_change_nothing", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let other = workspace(store, "other").await;
        store.upsert_company(acme.id, &company("globex"), "Globex", NOW).await.unwrap();
        store.upsert_company(other.id, &company("initech"), "Initech", NOW).await.unwrap();
        let (alice_id, alice) = globex_member(store, acme.id, "alice@globex.example").await;

        let refused = store.set_customer_companies(acme.id, alice_id, &[company("globex"), company("initech")]).await;
        assert!(matches!(refused, Err(StoreError::UnknownCompany(ref k)) if k.as_str() == "initech"), "{refused:?}");
        assert_eq!(store.customer_companies(acme.id, alice_id).await.unwrap(), [company("globex")], "unchanged");

        let number = customer_ticket(store, &alice, "Mine", NOW).await;
        let acme_agent = agent(store, acme.id).await;
        let filed = store.agent_ticket(&acme_agent, number).await.unwrap().unwrap().company;
        assert_eq!(filed, Some(company("globex")), "filed to her only company");
        let initech = company("initech");
        let outsider = agent(store, other.id).await;
        let refused = store.agent_update_ticket(&outsider, number, None, None, Some(Some(&initech)), NOW).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "another workspace's agent: {refused:?}");
        let refused = store.agent_update_ticket(&acme_agent, number, None, None, Some(Some(&initech)), NOW).await;
        assert!(matches!(refused, Err(StoreError::UnknownCompany(_))), "another workspace's company: {refused:?}");
        assert_eq!(store.agent_ticket(&acme_agent, number).await.unwrap().unwrap().company, filed, "unchanged");

        for bad in ["", "   ", "a\u{7}b"] {
            let refused = store.upsert_company(acme.id, &company("globex"), bad, NOW).await;
            assert!(matches!(refused, Err(StoreError::Invalid(_))), "{bad:?}: {refused:?}");
        }
        let unknown = store.upsert_company(portal_core::WorkspaceId(999_999), &company("x"), "X", NOW).await;
        assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
        let too_many: Vec<CompanyKey> = (0..51).map(|i| company(&format!("c{i}"))).collect();
        let refused = store.set_customer_companies(acme.id, alice_id, &too_many).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_put_tickets_in_companies_when_opening_and_changing_them() {
    on_each_backend("agents_put_tickets_in_companies_when_opening_and_changing_them", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let (globex, initech) = (company("globex"), company("initech"));
        store.upsert_company(acme.id, &globex, "Globex", NOW).await.unwrap();
        store.upsert_company(acme.id, &initech, "Initech", NOW).await.unwrap();
        let (_, sam) = globex_member(store, acme.id, "sam@globex.example").await;
        let (ann_id, _) = sign_in(store, acme.id, "ann@example.com").await;

        // Opened in a company: its members see it, and its event wakes the workspace.
        let mut wakes = store.subscribe();
        let new = AgentNewTicket { company: Some(globex.clone()), ..new_ticket_for("ann@example.com", "", None) };
        let created = store.agent_create_ticket(&agent, &new, NOW).await.unwrap();
        let number = created.number;
        assert_eq!(created.company.as_ref(), Some(&globex));
        assert!(woken(&mut wakes).contains(&Wake::Workspace(acme.id)), "a company ticket's creation");
        assert_eq!(store.agent_ticket(&agent, number).await.unwrap().unwrap().company.as_ref(), Some(&globex));
        assert_eq!(store.agent_list_tickets(&agent, 10).await.unwrap()[0].company.as_ref(), Some(&globex));
        assert!(store.ticket_detail(&sam, number).await.unwrap().is_some(), "a member of globex sees it");

        // Moved with a status change: into another company, then out of any.
        let moved =
            store.agent_update_ticket(&agent, number, Some(TicketStatus::OnHold), None, Some(Some(&initech)), NOW + 1);
        let moved = moved.await.unwrap();
        assert_eq!(
            (moved.status, moved.company.as_ref(), moved.updated_at),
            (TicketStatus::OnHold, Some(&initech), NOW + 1)
        );
        assert!(store.ticket_detail(&sam, number).await.unwrap().is_none(), "no longer globex's");
        woken(&mut wakes);
        let out = store.agent_update_ticket(&agent, number, Some(TicketStatus::Open), None, Some(None), NOW + 2);
        assert_eq!(out.await.unwrap().company, None);
        // The event concerns whoever may see the ticket now: its creator alone.
        let after = woken(&mut wakes);
        assert!(
            after.contains(&Wake::Customer(acme.id, ann_id)) && !after.contains(&Wake::Workspace(acme.id)),
            "{after:?}"
        );
        let back =
            store.agent_update_ticket(&agent, number, Some(TicketStatus::OnHold), None, Some(Some(&globex)), NOW + 3);
        back.await.unwrap();
        let after = woken(&mut wakes);
        assert!(after.contains(&Wake::Workspace(acme.id)), "back in a company, its members are woken: {after:?}");
        let events = store.events_since(&sam, 0, 100).await.unwrap();
        assert_eq!(events.last().map(|e| e.status), Some(Some(TicketStatus::OnHold)), "sam reads the change");

        // A company alone moves no `updated_at` and writes no event; leaving
        // the company out of a change keeps it.
        let events = db.scalar("SELECT COUNT(*) FROM events").await;
        let same = store.agent_update_ticket(&agent, number, None, None, Some(Some(&initech)), NOW + 4).await.unwrap();
        assert_eq!((same.company.as_ref(), same.updated_at), (Some(&initech), NOW + 3));
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, events);
        let typed = store.agent_update_ticket(&agent, number, None, Some("Problem"), None, NOW + 5).await.unwrap();
        assert_eq!(typed.company.as_ref(), Some(&initech));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_company_changes_nothing() {
    on_each_backend("a_refused_company_changes_nothing", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let other = workspace(store, "other").await;
        let agent = agent(store, acme.id).await;
        store.upsert_company(acme.id, &company("globex"), "Globex", NOW).await.unwrap();
        store.upsert_company(other.id, &company("initech"), "Initech", NOW).await.unwrap();
        let opened = AgentNewTicket { company: Some(company("globex")), ..new_ticket_for("ann@example.com", "", None) };
        let number = store.agent_create_ticket(&agent, &opened, NOW).await.unwrap().number;
        let rows = async || {
            (
                db.scalar("SELECT COUNT(*) FROM customers").await,
                db.scalar("SELECT COUNT(*) FROM tickets").await,
                db.scalar("SELECT COUNT(*) FROM events").await,
            )
        };
        let before = (rows().await, store.agent_ticket(&agent, number).await.unwrap());

        // A change: the status and type are valid, the company is not (or
        // is another workspace's).
        for key in ["nope", "initech"] {
            let unknown = company(key);
            let refused = store
                .agent_update_ticket(
                    &agent,
                    number,
                    Some(TicketStatus::Closed),
                    Some("Problem"),
                    Some(Some(&unknown)),
                    NOW + 1,
                )
                .await;
            assert!(matches!(refused, Err(StoreError::UnknownCompany(ref k)) if k == &unknown), "{refused:?}");
        }
        // The company is valid, the type is not.
        let refused = store
            .agent_update_ticket(&agent, number, Some(TicketStatus::Closed), Some("Gossip"), Some(None), NOW + 1)
            .await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "{refused:?}");
        // A new ticket, for a new customer, in an unknown company.
        let new =
            AgentNewTicket { company: Some(company("initech")), ..new_ticket_for("new@example.com", "New", None) };
        let refused = store.agent_create_ticket(&agent, &new, NOW + 1).await;
        assert!(matches!(refused, Err(StoreError::UnknownCompany(_))), "{refused:?}");

        let after = (rows().await, store.agent_ticket(&agent, number).await.unwrap());
        assert_eq!(after, before, "no customer, ticket or event was written, and the ticket is as it was");
        let ticket = after.1.unwrap();
        assert_eq!((ticket.status, ticket.company), (TicketStatus::Open, Some(company("globex"))));
        assert_eq!(
            store.agent_create_ticket(&agent, &new_ticket_for("x@example.com", "", None), NOW).await.unwrap().number,
            TicketNumber(2),
            "no number was used"
        );
    })
    .await;
}
