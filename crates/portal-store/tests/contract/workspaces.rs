use crate::harness::*;
use portal_core::{AllowedOrigins, SessionLifetime, WorkspaceId};
use portal_store::{NewWorkspace, StoreError};

#[tokio::test(flavor = "multi_thread")]
async fn workspace_create_and_look_up() {
    on_each_backend("workspace_create_and_look_up", |db| async move {
        let store = db.store.clone();
        assert_eq!(store.backend(), db.backend);
        store.ping().await.unwrap();

        let new = NewWorkspace {
            slug: slug("acme"),
            name: "Acme Inc.".into(),
            greeting: "Hello! ☺ How can we help?".into(),
            allowed_origins: origins(&["https://acme.example", "http://localhost:3001"]),
            session_lifetime: SessionLifetime::from_millis(2 * HOUR).unwrap(),
            portal_enabled: false,
        };
        let created = store.create_workspace(&new, NOW).await.unwrap();
        assert_eq!(created.slug, new.slug);
        assert_eq!(created.name, new.name);
        assert_eq!(created.greeting, new.greeting);
        assert_eq!(created.allowed_origins, new.allowed_origins.as_slice());
        assert_eq!(created.session_lifetime, new.session_lifetime);
        assert_eq!(created.created_at, NOW);
        assert!(!created.portal_enabled, "created switched off, as asked");
        assert!(!store.portal_enabled(created.id).await.unwrap());
        assert!(!created.jwt_only, "a new workspace takes hashes and tokens");

        assert_eq!(store.workspace_by_slug(&slug("acme")).await.unwrap(), Some(created.clone()));
        assert_eq!(store.workspace(created.id).await.unwrap(), Some(created.clone()));
        assert_eq!(store.workspace_by_slug(&slug("acme-2")).await.unwrap(), None);
        assert_eq!(store.workspace(WorkspaceId(created.id.0 + 1000)).await.unwrap(), None);

        let other = store.create_workspace(&new_workspace("globex"), NOW + 1).await.unwrap();
        assert_ne!(other.id, created.id);
        assert_eq!(store.workspace_by_slug(&slug("globex")).await.unwrap(), Some(other));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicate_slug_is_a_conflict() {
    on_each_backend("duplicate_slug_is_a_conflict", |db| async move {
        let store = db.store.clone();
        let first = workspace(&*store, "acme").await;
        let again = NewWorkspace { name: "Someone else".into(), ..new_workspace("acme") };
        match store.create_workspace(&again, NOW + 1).await {
            Err(StoreError::Conflict(message)) => assert!(message.contains("acme"), "{message}"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        // The first workspace is untouched, and the store still works.
        assert_eq!(store.workspace_by_slug(&slug("acme")).await.unwrap(), Some(first));
        workspace(&*store, "acme-2").await;
        assert_eq!(db.scalar("SELECT COUNT(*) FROM workspaces").await, 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn allowed_origins_round_trip() {
    on_each_backend("allowed_origins_round_trip", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let origins = origins(&[
            "https://acme.example",
            "http://127.0.0.1:3001",
            "http://[::1]:8080",
            "https://shop.acme.example:8443",
        ]);
        store.set_allowed_origins(ws.id, &origins).await.unwrap();
        let read = store.workspace(ws.id).await.unwrap().unwrap();
        assert_eq!(read.allowed_origins, origins.as_slice());
        assert_eq!(store.workspace_by_slug(&ws.slug).await.unwrap().unwrap().allowed_origins, origins.as_slice());

        store.set_allowed_origins(ws.id, &AllowedOrigins::default()).await.unwrap();
        assert_eq!(store.workspace(ws.id).await.unwrap().unwrap().allowed_origins, vec![]);

        let missing = store.set_allowed_origins(WorkspaceId(ws.id.0 + 1000), &origins).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    })
    .await;
}
