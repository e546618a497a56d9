use crate::harness::*;

const MINUTE: i64 = 60_000;

#[tokio::test(flavor = "multi_thread")]
async fn a_token_id_is_spent_once_per_workspace_until_it_is_forgotten() {
    on_each_backend("a_token_id_is_spent_once", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let jti = [7u8; 32];
        let keep_until = NOW + 11 * MINUTE;

        assert!(store.spend_token_id(acme.id, &jti, keep_until, NOW).await.unwrap(), "first use");
        assert!(!store.spend_token_id(acme.id, &jti, keep_until, NOW + 1).await.unwrap(), "a replay");
        assert!(!store.spend_token_id(acme.id, &jti, keep_until + MINUTE, keep_until - 1).await.unwrap(), "still kept");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM used_token_ids").await, 1, "a replay writes nothing");
        // Another workspace's ids are its own.
        assert!(store.spend_token_id(globex.id, &jti, keep_until, NOW).await.unwrap());
        assert!(store.spend_token_id(acme.id, &[8u8; 32], keep_until, NOW).await.unwrap());
        assert_eq!(db.scalar("SELECT COUNT(*) FROM used_token_ids").await, 3);

        // Past `keep_until` the token is refused as expired anyway: the id
        // is purged by the next spend, and could be spent again.
        assert!(store.spend_token_id(acme.id, &[9u8; 32], keep_until + 10 * MINUTE, keep_until).await.unwrap());
        assert_eq!(db.scalar("SELECT COUNT(*) FROM used_token_ids").await, 1, "the three expired ids are gone");
        assert!(store.spend_token_id(acme.id, &jti, keep_until + 10 * MINUTE, keep_until).await.unwrap());
        assert_eq!(store.purge_token_ids(keep_until + 10 * MINUTE).await.unwrap(), 2);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM used_token_ids").await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_id_spent_at_once_twice_signs_in_once() {
    on_each_backend("a_token_id_spent_at_once_twice", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let attempts = (0..8).map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.spend_token_id(acme.id, b"same", NOW + MINUTE, NOW).await.unwrap() })
        });
        let mut spent = 0;
        for attempt in attempts {
            spent += usize::from(attempt.await.unwrap());
        }
        assert_eq!(spent, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn jwt_only_is_a_workspace_setting() {
    on_each_backend("jwt_only_is_a_workspace_setting", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        assert!(!acme.jwt_only);
        store.set_jwt_only(acme.id, true).await.unwrap();
        assert!(store.workspace(acme.id).await.unwrap().unwrap().jwt_only);
        assert!(!store.workspace(globex.id).await.unwrap().unwrap().jwt_only, "only that workspace");
        store.set_jwt_only(acme.id, false).await.unwrap();
        assert!(!store.workspace_by_slug(&slug("acme")).await.unwrap().unwrap().jwt_only);
        let unknown = portal_core::WorkspaceId(acme.id.0 + 1000);
        assert!(matches!(store.set_jwt_only(unknown, true).await, Err(portal_store::StoreError::NotFound)));
    })
    .await;
}
