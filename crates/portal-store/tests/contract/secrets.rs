use crate::harness::*;
use portal_store::Secret;

fn ids(secrets: &[Secret]) -> Vec<i64> {
    secrets.iter().map(|s| s.id.0).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn add_and_rotate_secrets() {
    on_each_backend("add_and_rotate_secrets", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        assert!(store.active_secrets(ws.id, NOW).await.unwrap().is_empty());

        let first = store.add_secret(ws.id, "first-secret", NOW).await.unwrap();
        assert_eq!(first.workspace_id, ws.id);
        assert_eq!(first.value, "first-secret");
        assert_eq!(first.created_at, NOW);
        assert_eq!(first.retires_at, None);
        assert_eq!(store.active_secrets(ws.id, NOW).await.unwrap(), vec![first.clone()]);

        // Rotation: the old secret keeps verifying until retire_at.
        let second = store.rotate_secret(ws.id, "second-secret", NOW + 10, NOW + 1000).await.unwrap();
        assert_eq!(second.value, "second-secret");
        assert_eq!(second.retires_at, None);
        let active = store.active_secrets(ws.id, NOW + 10).await.unwrap();
        assert_eq!(ids(&active), vec![first.id.0, second.id.0], "oldest first");
        assert_eq!(active[0].retires_at, Some(NOW + 1000));
        assert_eq!(active[0].value, "first-secret");
        assert_eq!(ids(&store.active_secrets(ws.id, NOW + 999).await.unwrap()), vec![first.id.0, second.id.0]);
        assert_eq!(ids(&store.active_secrets(ws.id, NOW + 1000).await.unwrap()), vec![second.id.0]);

        // Rotating again with a later retirement does not extend an earlier one.
        let third = store.rotate_secret(ws.id, "third-secret", NOW + 20, NOW + 5000).await.unwrap();
        let active = store.active_secrets(ws.id, NOW + 20).await.unwrap();
        assert_eq!(ids(&active), vec![first.id.0, second.id.0, third.id.0]);
        assert_eq!(
            active.iter().map(|s| s.retires_at).collect::<Vec<_>>(),
            vec![Some(NOW + 1000), Some(NOW + 5000), None]
        );

        // An earlier retirement shortens every active secret's.
        let fourth = store.rotate_secret(ws.id, "fourth-secret", NOW + 30, NOW + 500).await.unwrap();
        let active = store.active_secrets(ws.id, NOW + 30).await.unwrap();
        assert_eq!(
            active.iter().map(|s| s.retires_at).collect::<Vec<_>>(),
            vec![Some(NOW + 500), Some(NOW + 500), Some(NOW + 500), None]
        );
        assert_eq!(ids(&store.active_secrets(ws.id, NOW + 500).await.unwrap()), vec![fourth.id.0]);

        // A rotation with immediate effect retires the rest at once.
        let fifth = store.rotate_secret(ws.id, "fifth-secret", NOW + 40, NOW + 40).await.unwrap();
        assert_eq!(ids(&store.active_secrets(ws.id, NOW + 40).await.unwrap()), vec![fifth.id.0]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_stay_in_their_workspace() {
    on_each_backend("secrets_stay_in_their_workspace", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let acme_secret = store.add_secret(acme.id, "acme-secret", NOW).await.unwrap();
        let globex_secret = store.add_secret(globex.id, "globex-secret", NOW).await.unwrap();

        store.rotate_secret(acme.id, "acme-next", NOW + 1, NOW + 2).await.unwrap();
        // Globex's secret is untouched by Acme's rotation.
        assert_eq!(store.active_secrets(globex.id, NOW + 10).await.unwrap(), vec![globex_secret]);
        let acme_active = store.active_secrets(acme.id, NOW + 10).await.unwrap();
        assert_eq!(acme_active.len(), 1);
        assert_eq!(acme_active[0].value, "acme-next");
        assert!(acme_active.iter().all(|s| s.workspace_id == acme.id && s.id != acme_secret.id));
    })
    .await;
}
