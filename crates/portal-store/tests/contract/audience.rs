//! The portal's audience: who may use the portal at all. A customer outside
//! it gets no scope from their session, whatever else is true of them, and
//! the decision follows the rule, their attributes and their companies.

use crate::harness::*;
use portal_core::attributes::CustomerAttributes;
use portal_core::audience::PortalAudience;
use portal_core::visibility::Condition;
use portal_core::{CompanyKey, CustomerId, CustomerScope, TicketVisibility, WorkspaceId};
use portal_store::Store;
use std::collections::BTreeMap;

fn audience(conditions: &[(&str, &str, &str)]) -> PortalAudience {
    PortalAudience::new(conditions.iter().map(|(a, o, v)| Condition::parse(a, o, v).unwrap()).collect()).unwrap()
}

/// Signs in without expecting a scope: `None` when the audience refuses.
async fn session_scope(
    store: &dyn Store,
    workspace: WorkspaceId,
    raw_email: &str,
) -> (CustomerId, Option<CustomerScope>) {
    let secret = match store.active_secrets(workspace, NOW).await.unwrap().pop() {
        Some(secret) => secret,
        None => store.add_secret(workspace, "fixture-secret", NOW).await.unwrap(),
    };
    let customer = store.upsert_customer(workspace, &email(raw_email), &name("Fixture"), NOW).await.unwrap();
    let hash = token_hash();
    store.open_session(&new_session(workspace, customer.id, secret.id, &hash), NOW).await.unwrap();
    let session = store.active_session(&hash, NOW).await.unwrap().expect("a live session");
    assert_eq!(session.in_audience, customer.in_audience, "the upsert says what the session finds");
    (customer.id, CustomerScope::for_session(&session))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audience_decides_who_gets_a_scope_and_follows_every_change() {
    on_each_backend("the_audience_decides_who_gets_a_scope_and_follows_every_change", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let (_, everyone) = session_scope(store, acme.id, "kim@other.test").await;
        assert!(everyone.is_some(), "with no conditions, everyone");

        store.set_portal_audience(acme.id, &audience(&[("email", "contains", "example.com")])).await.unwrap();
        assert_eq!(store.portal_audience(acme.id).await.unwrap(), audience(&[("email", "contains", "example.com")]));
        let (_, sam) = session_scope(store, acme.id, "sam@example.com").await;
        let (kim_id, kim) = session_scope(store, acme.id, "kim@other.test").await;
        assert!(sam.is_some() && kim.is_none(), "only example.com");

        // A company condition follows membership, and the company's name.
        let globex = CompanyKey::parse("globex").unwrap();
        store.upsert_company(acme.id, &globex, "Globex", NOW).await.unwrap();
        store.set_portal_audience(acme.id, &audience(&[("company.name", "equals", "globex")])).await.unwrap();
        assert!(session_scope(store, acme.id, "kim@other.test").await.1.is_none(), "no company yet");
        store.set_customer_companies(acme.id, kim_id, std::slice::from_ref(&globex)).await.unwrap();
        assert!(session_scope(store, acme.id, "kim@other.test").await.1.is_some(), "a member of Globex");
        store.upsert_company(acme.id, &globex, "Globex Corporation", NOW).await.unwrap();
        assert!(session_scope(store, acme.id, "kim@other.test").await.1.is_none(), "Globex was renamed");

        // An attribute condition follows the customer's attributes.
        store.set_portal_audience(acme.id, &audience(&[("attributes.plan", "equals", "pro")])).await.unwrap();
        assert!(session_scope(store, acme.id, "kim@other.test").await.1.is_none());
        let pro = CustomerAttributes::parse(BTreeMap::from([("plan".to_string(), "Pro".to_string())])).unwrap();
        store.set_customer_attributes(acme.id, kim_id, &pro).await.unwrap();
        assert!(session_scope(store, acme.id, "kim@other.test").await.1.is_some());

        // Another workspace's rule is its own.
        let other = workspace(store, "other").await;
        assert!(session_scope(store, other.id, "kim@other.test").await.1.is_some());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_preview_counts_and_lists_the_matching_customers_and_changes_nothing() {
    on_each_backend("a_preview_counts_and_lists_the_matching_customers_and_changes_nothing", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        for email in ["b@example.com", "a@example.com", "c@other.test"] {
            session_scope(store, acme.id, email).await;
        }
        let rule = audience(&[("email", "ends_with", "@example.com")]);
        let preview = store.preview_audience(acme.id, &rule, 1).await.unwrap();
        assert_eq!((preview.customers, preview.matching), (3, 2));
        let sample: Vec<&str> = preview.sample.iter().map(|c| c.email.as_str()).collect();
        assert_eq!(sample, ["a@example.com"], "the first, by email");
        assert_eq!(store.portal_audience(acme.id).await.unwrap(), PortalAudience::default(), "nothing changed");
        assert!(session_scope(store, acme.id, "c@other.test").await.1.is_some(), "still admitted");
        let nobody =
            store.preview_audience(acme.id, &audience(&[("email", "equals", "nobody@example.com")]), 20).await.unwrap();
        assert_eq!((nobody.matching, nobody.sample.len()), (0, 0));

        // The visibility rule's preview: those it restricts to their own tickets.
        let condition = Condition::parse_lines("email ends_with @example.com").unwrap();
        let restricting = TicketVisibility::new(true, condition.clone()).unwrap();
        let preview = store.preview_visibility(acme.id, &restricting, 5).await.unwrap();
        assert_eq!((preview.customers, preview.matching), (3, 2));
        assert_eq!(
            preview.sample.iter().map(|c| c.email.as_str()).collect::<Vec<_>>(),
            ["a@example.com", "b@example.com"]
        );
        let open = TicketVisibility::new(false, condition).unwrap();
        assert_eq!(store.preview_visibility(acme.id, &open, 5).await.unwrap().matching, 0, "unrestricted: nobody");
        assert_eq!(store.ticket_visibility(acme.id).await.unwrap(), TicketVisibility::default(), "nothing changed");
    })
    .await;
}
