//! A workspace's conversation settings: reopening and ticket types.

use crate::harness::*;
use portal_core::TicketTypes;
use portal_core::{ShownAttribute, WorkspaceId};
use portal_store::StoreError;

fn names(raw: &[&str]) -> Vec<String> {
    raw.iter().map(|name| name.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn new_workspaces_have_the_default_settings() {
    on_each_backend("new_workspaces_have_the_default_settings", |db| async move {
        let store = db.store.clone();
        let created = workspace(&*store, "acme").await;
        assert!(created.reopen_allowed);
        assert_eq!(created.ticket_types, names(&TicketTypes::DEFAULT));
        assert_eq!(store.workspace(created.id).await.unwrap(), Some(created.clone()));
        assert_eq!(store.workspace_by_slug(&created.slug).await.unwrap(), Some(created));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_round_trip() {
    on_each_backend("settings_round_trip", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let other = workspace(&*store, "globex").await;

        store.set_reopen_allowed(ws.id, false).await.unwrap();
        assert!(!store.workspace(ws.id).await.unwrap().unwrap().reopen_allowed);
        assert!(store.workspace(other.id).await.unwrap().unwrap().reopen_allowed);
        store.set_reopen_allowed(ws.id, true).await.unwrap();
        assert!(store.workspace_by_slug(&ws.slug).await.unwrap().unwrap().reopen_allowed);

        store.set_ticket_types(ws.id, &ticket_types(&["  Billing ", "Bug", "Ünïcödé ☺"])).await.unwrap();
        let read = store.workspace(ws.id).await.unwrap().unwrap();
        assert_eq!(read.ticket_types, names(&["Billing", "Bug", "Ünïcödé ☺"]));
        assert_eq!(store.workspace(other.id).await.unwrap().unwrap().ticket_types, names(&TicketTypes::DEFAULT));
        let fifty: Vec<_> = (0..50).map(|i| format!("{i:0>60}")).collect();
        store.set_ticket_types(ws.id, &portal_core::TicketTypes::parse(&fifty).unwrap()).await.unwrap();
        assert_eq!(store.workspace(ws.id).await.unwrap().unwrap().ticket_types, fifty);

        let missing = WorkspaceId(other.id.0 + 1000);
        assert!(matches!(store.set_reopen_allowed(missing, false).await, Err(StoreError::NotFound)));
        assert!(matches!(store.set_ticket_types(missing, &ticket_types(&["A"])).await, Err(StoreError::NotFound)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stored_setting_that_fails_its_checks_is_corrupt_not_invalid() {
    on_each_backend("a_stored_setting_that_fails_its_checks_is_corrupt_not_invalid", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (_, scope) = sign_in(&*store, ws.id, "alice@example.com").await;
        let number = customer_ticket(&*store, &scope, "Before", NOW).await;
        db.execute("UPDATE workspaces SET ticket_types = '[\"Question\"', shown_attributes = '{}'").await;

        let corrupt = |result: Result<_, StoreError>| match result {
            Err(StoreError::Corrupt(detail)) => detail,
            other => panic!("expected Corrupt, got {other:?}"),
        };
        let detail = corrupt(store.workspace(ws.id).await.map(drop));
        assert!(detail.contains(&format!("workspace {}", ws.id)) && detail.contains("ticket types"), "{detail}");
        corrupt(store.customer_reply(&scope, number, &text(&body("hello"), &fresh_key()), NOW).await.map(drop));
        corrupt(store.ticket_detail(&scope, number).await.map(drop));
        // A refused value stays the caller's: Invalid, in words for them.
        match store.set_shown_attributes(ws.id, &[ShownAttribute { key: "".into(), label: "x".into() }]).await {
            Err(StoreError::Invalid(_)) => {}
            other => panic!("expected Invalid, got {other:?}"),
        }
    })
    .await;
}
