use crate::harness::*;
use portal_store::StoreError;

#[tokio::test(flavor = "multi_thread")]
async fn upsert_customer_keys_by_lower_case_email() {
    on_each_backend("upsert_customer_keys_by_lower_case_email", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;

        let first = store.upsert_customer(ws.id, &email("Alice@Example.com"), &name("Alice"), NOW).await.unwrap();
        assert_eq!(first.workspace_id, ws.id);
        assert_eq!(first.email, "Alice@Example.com");
        assert_eq!(first.name, "Alice");

        // Same person under another spelling: one row, name updated, email as first given.
        let again =
            store.upsert_customer(ws.id, &email("alice@example.COM"), &name("Alice Smith"), NOW + 1).await.unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.name, "Alice Smith");
        assert_eq!(again.email, "Alice@Example.com");

        let same = store.upsert_customer(ws.id, &email("alice@example.com"), &name("Alice Smith"), NOW + 2).await;
        assert_eq!(same.unwrap(), again);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM customers").await, 1);

        let bob = store.upsert_customer(ws.id, &email("bob@example.com"), &name(""), NOW).await.unwrap();
        assert_ne!(bob.id, first.id);
        assert_eq!(bob.name, "");

        // The same email in another workspace is another customer.
        let other_ws = workspace(&*store, "globex").await;
        let elsewhere =
            store.upsert_customer(other_ws.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        assert_ne!(elsewhere.id, first.id);
        assert_eq!(elsewhere.workspace_id, other_ws.id);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM customers").await, 3);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_first_sign_ins_make_one_customer() {
    on_each_backend("concurrent_first_sign_ins_make_one_customer", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let spelling = if i % 2 == 0 { "carol@example.com" } else { "Carol@Example.com" };
                    store.upsert_customer(ws.id, &email(spelling), &name("Carol"), NOW).await.unwrap()
                })
            })
            .collect();
        let mut ids = Vec::new();
        for task in tasks {
            ids.push(task.await.unwrap().id);
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM customers").await, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn customer_of_a_scope() {
    on_each_backend("customer_of_a_scope", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (alice_id, alice) = sign_in(&*store, ws.id, "Alice@example.com").await;
        let (bob_id, bob) = sign_in(&*store, ws.id, "bob@example.com").await;

        let customer = store.customer(&alice).await.unwrap();
        assert_eq!(customer.id, alice_id);
        assert_eq!(customer.workspace_id, ws.id);
        assert_eq!(customer.email, "Alice@example.com");
        assert_eq!(customer.name, "Fixture");
        assert_eq!(store.customer(&bob).await.unwrap().id, bob_id);

        // A scope whose customer is gone finds nothing (deleted behind the
        // store's back: the contract has no way to delete a customer).
        db.execute(&format!("DELETE FROM customers WHERE id = {}", bob_id.0)).await;
        assert!(matches!(store.customer(&bob).await, Err(StoreError::NotFound)));
        assert_eq!(store.customer(&alice).await.unwrap().id, alice_id);
    })
    .await;
}
