//! Companies and ticket visibility: a customer sees their own tickets and,
//! unless the workspace's rule restricts them, every ticket of their
//! companies; never a ticket of a company they are not in.

use crate::harness::*;
use portal_core::attributes::CustomerAttributes;
use portal_core::visibility::{Condition, TicketVisibility};
use portal_core::{CompanyKey, CustomerId, CustomerScope, WorkspaceId};
use portal_store::{Store, StoreError, Wake};
use std::collections::BTreeMap;

fn company(raw: &str) -> CompanyKey {
    CompanyKey::parse(raw).unwrap()
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
/// exactly those of `all` (number, title).
async fn visible(store: &dyn Store, scope: &CustomerScope, all: &[(i64, &str)]) -> Vec<String> {
    let mut listed: Vec<String> = store.list_tickets(scope, 100).await.unwrap().into_iter().map(|t| t.title).collect();
    listed.sort();
    for (number, title) in all {
        let opened = store.ticket_detail(scope, *number).await.unwrap().is_some();
        assert_eq!(opened, listed.iter().any(|t| t == title), "opening {title} agrees with the list");
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
            store.set_ticket_company(&agent, number, Some(&company("globex"))).await.unwrap();
        }
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
        let mut wakes = store.subscribe();
        assert!(store.customer_reply(&alice, k1, &text(&reply, &fresh_key()), NOW).await.is_ok());
        // (PostgreSQL's listener may add a first wake-up of everyone.)
        let woken: Vec<Wake> = std::iter::from_fn(|| wakes.try_recv().ok()).collect();
        assert!(woken.contains(&Wake::Workspace(acme.id)), "a company ticket's events wake its workspace: {woken:?}");
        // Events follow the same rule: alice sees those of kim's company
        // ticket, kim none of alice's.
        let events_of = |events: Vec<portal_core::PortalEvent>, number: i64| {
            events.into_iter().filter(|e| e.ticket_number == number).count()
        };
        assert_eq!(events_of(store.events_since(&kim, 0, 100).await.unwrap(), k1), 2, "created, then alice's reply");
        assert_eq!(events_of(store.events_since(&alice, 0, 100).await.unwrap(), k1), 2);
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
        store.set_ticket_company(&agent, s1, Some(&company("globex"))).await.unwrap();
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
        assert!(matches!(refused, Err(StoreError::Invalid(ref m)) if m.contains("initech")), "{refused:?}");
        assert_eq!(store.customer_companies(acme.id, alice_id).await.unwrap(), [company("globex")], "unchanged");

        let number = customer_ticket(store, &alice, "Mine", NOW).await;
        let outsider = agent(store, other.id).await;
        let refused = store.set_ticket_company(&outsider, number, Some(&company("initech"))).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "another workspace's agent: {refused:?}");
        let acme_agent = agent(store, acme.id).await;
        let refused = store.set_ticket_company(&acme_agent, number, Some(&company("initech"))).await;
        assert!(matches!(refused, Err(StoreError::Invalid(_))), "another workspace's company: {refused:?}");

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
