use crate::harness::*;

#[tokio::test(flavor = "multi_thread")]
async fn migrations_are_idempotent() {
    on_each_backend("migrations_are_idempotent", |db| async move {
        let ws = workspace(&*db.store, "acme").await;
        let migrations = db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await;
        assert!(migrations >= 1);

        // Connecting again, while the first store is still open, applies nothing new.
        let again = portal_store::connect(&db.url).await.unwrap();
        assert_eq!(again.backend(), db.backend);
        assert_eq!(again.workspace_by_slug(&ws.slug).await.unwrap(), Some(ws.clone()));
        drop(again);
        let third = portal_store::connect(&db.url).await.unwrap();
        assert_eq!(third.workspace(ws.id).await.unwrap(), Some(ws));
        workspace(&*third, "globex").await;
        assert_eq!(db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await, migrations);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM workspaces").await, 2);
    })
    .await;
}
