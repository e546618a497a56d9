//! Extra ticket attributes: agents set any; customers see only those the
//! workspace shows, under its names, in its order.

use crate::harness::*;
use portal_core::{AttributeView, ShownAttribute, TicketAttributes};
use portal_store::StoreError;
use std::collections::BTreeMap;

fn attributes(pairs: &[(&str, &str)]) -> TicketAttributes {
    TicketAttributes::parse(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>())
        .unwrap()
}

fn shown(key: &str, label: &str) -> ShownAttribute {
    ShownAttribute { key: key.into(), label: label.into() }
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_see_the_attributes_the_workspace_shows() {
    on_each_backend("customers_see_the_attributes_the_workspace_shows", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        assert!(acme.shown_attributes.is_empty());
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let number = customer_ticket(&*store, &alice, "Billing", NOW).await;
        let all = attributes(&[("plan", "Pro"), ("order", "A-17"), ("risk", "CANARY-HIDDEN")]);
        store.set_ticket_attributes(&agent, number, &all).await.unwrap();
        assert!(store.ticket_detail(&alice, number).await.unwrap().unwrap().attributes.is_empty(), "none shown yet");

        store.set_shown_attributes(acme.id, &[shown("order", "Order number"), shown("plan", " Plan ")]).await.unwrap();
        let detail = store.ticket_detail(&alice, number).await.unwrap().unwrap();
        let view = |label: &str, value: &str| AttributeView { label: label.into(), value: value.into() };
        assert_eq!(detail.attributes, [view("Order number", "A-17"), view("Plan", "Pro")]);
        assert_eq!(detail.updated_at, NOW, "setting attributes moves no updated_at");
        assert_eq!(store.agent_ticket(&agent, number).await.unwrap().unwrap().attributes, all);

        store.set_ticket_attributes(&agent, number, &attributes(&[("plan", "Free")])).await.unwrap();
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().attributes, [view("Plan", "Free")]);

        for bad in [vec![shown("plan", "")], vec![shown("Plan!", "x")], vec![shown("a", "A"), shown("a", "B")]] {
            assert!(matches!(store.set_shown_attributes(acme.id, &bad).await, Err(StoreError::Invalid(_))), "{bad:?}");
        }
        assert_eq!(
            store.workspace(acme.id).await.unwrap().unwrap().shown_attributes.len(),
            2,
            "refusals change nothing"
        );
        let other = workspace(&*store, "other").await;
        let outsider = crate::harness::agent(&*store, other.id).await;
        let refused = store.set_ticket_attributes(&outsider, number, &attributes(&[("plan", "x")])).await;
        assert!(matches!(refused, Err(StoreError::NotFound)), "{refused:?}");
    })
    .await;
}
