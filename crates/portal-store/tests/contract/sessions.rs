use crate::harness::*;
use portal_core::access::ActiveSession;
use portal_store::{StoreError, Wake};

#[tokio::test(flavor = "multi_thread")]
async fn session_lifecycle() {
    on_each_backend("session_lifecycle", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let secret = store.add_secret(ws.id, "secret", NOW).await.unwrap();
        let alice = store.upsert_customer(ws.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();

        let hash = token_hash();
        let mut new = new_session(ws.id, alice.id, secret.id, &hash);
        new.origin = origin("http://localhost:3001");
        store.open_session(&new, NOW).await.unwrap();

        let want = ActiveSession {
            workspace_id: ws.id,
            customer_id: alice.id,
            secret_id: secret.id,
            origin: "http://localhost:3001".into(),
            // The workspace allows https://example.com alone.
            origin_allowed: false,
            kind: portal_core::SessionKind::Embedded,
            expires_at: NOW + HOUR,
            sees_company_tickets: true,
            in_audience: true,
        };
        assert_eq!(store.active_session(&hash, NOW).await.unwrap(), Some(want.clone()));
        assert_eq!(store.active_session(&hash, NOW + HOUR - 1).await.unwrap(), Some(want));
        // Expired at expires_at.
        assert_eq!(store.active_session(&hash, NOW + HOUR).await.unwrap(), None);
        assert!(!store.revoke_session(&hash, NOW + HOUR).await.unwrap(), "an expired session is not live");

        // Unknown hashes find nothing.
        assert_eq!(store.active_session(&token_hash(), NOW).await.unwrap(), None);
        assert_eq!(store.active_session(&[], NOW).await.unwrap(), None);
        assert!(!store.revoke_session(&token_hash(), NOW).await.unwrap());

        // Revocation ends a session, once.
        let other = token_hash();
        store.open_session(&new_session(ws.id, alice.id, secret.id, &other), NOW).await.unwrap();
        assert!(store.active_session(&other, NOW + 1).await.unwrap().is_some());
        assert!(store.revoke_session(&other, NOW + 1).await.unwrap());
        assert_eq!(store.active_session(&other, NOW + 1).await.unwrap(), None);
        assert_eq!(store.active_session(&other, NOW + 2).await.unwrap(), None);
        assert!(!store.revoke_session(&other, NOW + 2).await.unwrap(), "already revoked");
        // The first session was not touched by the second's revocation.
        assert!(store.active_session(&hash, NOW + 2).await.unwrap().is_some());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn retiring_a_secret_ends_its_sessions() {
    on_each_backend("retiring_a_secret_ends_its_sessions", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let old = store.add_secret(ws.id, "old", NOW).await.unwrap();
        let alice = store.upsert_customer(ws.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let on_old = token_hash();
        store.open_session(&new_session(ws.id, alice.id, old.id, &on_old), NOW).await.unwrap();

        let new = store.rotate_secret(ws.id, "new", NOW + 10, NOW + 100).await.unwrap();
        let on_new = token_hash();
        store.open_session(&new_session(ws.id, alice.id, new.id, &on_new), NOW + 10).await.unwrap();

        // Until the old secret retires, both sessions live.
        assert!(store.active_session(&on_old, NOW + 99).await.unwrap().is_some());
        assert!(store.active_session(&on_new, NOW + 99).await.unwrap().is_some());
        // Then the old secret's session ends; the new one's goes on.
        assert_eq!(store.active_session(&on_old, NOW + 100).await.unwrap(), None);
        assert!(!store.revoke_session(&on_old, NOW + 100).await.unwrap(), "its secret retired: not live");
        let session = store.active_session(&on_new, NOW + 100).await.unwrap().unwrap();
        assert_eq!(session.secret_id, new.id);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn session_rows_are_checked() {
    on_each_backend("session_rows_are_checked", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let secret = store.add_secret(acme.id, "secret", NOW).await.unwrap();
        let globex_secret = store.add_secret(globex.id, "globex", NOW).await.unwrap();
        let alice = store.upsert_customer(acme.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();

        // A token hash is unique.
        let hash = token_hash();
        store.open_session(&new_session(acme.id, alice.id, secret.id, &hash), NOW).await.unwrap();
        let again = store.open_session(&new_session(acme.id, alice.id, secret.id, &hash), NOW).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");

        // A session cannot mix workspaces: another workspace's secret or customer is refused.
        let mixed = store.open_session(&new_session(acme.id, alice.id, globex_secret.id, &token_hash()), NOW).await;
        assert!(matches!(mixed, Err(StoreError::Database(_))), "{mixed:?}");
        let mixed = store.open_session(&new_session(globex.id, alice.id, globex_secret.id, &token_hash()), NOW).await;
        assert!(matches!(mixed, Err(StoreError::Database(_))), "{mixed:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM sessions").await, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_switched_off_portal_or_a_removed_origin_ends_its_sessions() {
    on_each_backend("a_switched_off_portal_or_a_removed_origin_ends_its_sessions", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let globex_secret = store.add_secret(globex.id, "globex", NOW).await.unwrap();
        let gus = store.upsert_customer(globex.id, &email("gus@example.com"), &name("Gus"), NOW).await.unwrap();
        let gus_hash = token_hash();
        store.open_session(&new_session(globex.id, gus.id, globex_secret.id, &gus_hash), NOW).await.unwrap();
        let secret = store.add_secret(acme.id, "secret", NOW).await.unwrap();
        let alice = store.upsert_customer(acme.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let hash = token_hash();
        store.open_session(&new_session(acme.id, alice.id, secret.id, &hash), NOW).await.unwrap();
        assert!(store.active_session(&hash, NOW).await.unwrap().unwrap().origin_allowed, "from https://example.com");
        let woken = |wakes: &mut tokio::sync::broadcast::Receiver<Wake>| {
            std::iter::from_fn(|| wakes.try_recv().ok()).collect::<Vec<_>>()
        };

        // Switched off: no session of the workspace is live, and its live
        // connections are told to look again; another workspace's go on.
        let mut wakes = store.subscribe();
        store.set_portal_enabled(acme.id, false).await.unwrap();
        assert!(woken(&mut wakes).contains(&Wake::Workspace(acme.id)));
        assert_eq!(store.active_session(&hash, NOW + 1).await.unwrap(), None);
        assert!(store.active_session(&gus_hash, NOW + 1).await.unwrap().is_some());
        store.set_portal_enabled(acme.id, true).await.unwrap();
        assert!(store.active_session(&hash, NOW + 2).await.unwrap().is_some(), "switched on again");

        // The session's origin removed: found, but no longer allowed (the
        // server admits the portal's own origin beside the listed ones).
        store.set_allowed_origins(acme.id, &origins(&["https://other.example"])).await.unwrap();
        assert!(woken(&mut wakes).contains(&Wake::Workspace(acme.id)));
        assert!(!store.active_session(&hash, NOW + 3).await.unwrap().unwrap().origin_allowed);
        store.set_allowed_origins(acme.id, &origins(&["https://other.example", "https://EXAMPLE.com"])).await.unwrap();
        assert!(store.active_session(&hash, NOW + 4).await.unwrap().unwrap().origin_allowed, "listed again");
    })
    .await;
}
