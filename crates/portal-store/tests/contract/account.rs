use crate::harness::*;
use portal_core::{AccessEvent, AccessEventKind, PortalHost, SessionKind, SignInUrl, StandaloneSettings};
use portal_store::{CodePurpose, NewSignInCode, RedeemedCode, StoreError, Wake};

const MINUTE: i64 = 60_000;

#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_code_works_once_before_it_expires() {
    on_each_backend("a_sign_in_code_works_once", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let secret = store.add_secret(acme.id, "secret", NOW).await.unwrap();
        let alice = store.upsert_customer(acme.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let code = |hash: &[u8], expires_at| NewSignInCode {
            purpose: CodePurpose::NewTab,
            workspace_id: acme.id,
            customer_id: alice.id,
            secret_id: secret.id,
            code_hash: hash.to_vec(),
            expires_at,
        };
        let want = Some(RedeemedCode { customer: alice.clone(), secret_id: secret.id });

        store.create_sign_in_code(&code(&[1; 32], NOW + MINUTE), NOW).await.unwrap();
        assert_eq!(
            store.redeem_sign_in_code(globex.id, CodePurpose::NewTab, &[1; 32], NOW).await.unwrap(),
            None,
            "another workspace's"
        );
        assert_eq!(
            store.redeem_sign_in_code(acme.id, CodePurpose::MailLink, &[1; 32], NOW + 1).await.unwrap(),
            None,
            "for another purpose"
        );
        assert_eq!(store.redeem_sign_in_code(acme.id, CodePurpose::NewTab, &[1; 32], NOW + 1).await.unwrap(), want);
        assert_eq!(
            store.redeem_sign_in_code(acme.id, CodePurpose::NewTab, &[1; 32], NOW + 2).await.unwrap(),
            None,
            "a second use"
        );

        store.create_sign_in_code(&code(&[2; 32], NOW + MINUTE), NOW).await.unwrap();
        assert_eq!(
            store.redeem_sign_in_code(acme.id, CodePurpose::NewTab, &[2; 32], NOW + MINUTE).await.unwrap(),
            None,
            "expired"
        );
        assert_eq!(db.scalar("SELECT COUNT(*) FROM sign_in_codes").await, 0, "used and expired codes are gone");

        // The customer as they are now, for the caller to refuse a disabled one.
        store.create_sign_in_code(&code(&[3; 32], NOW + MINUTE), NOW).await.unwrap();
        store.set_customer_disabled(acme.id, alice.id, true, NOW).await.unwrap();
        let redeemed = store.redeem_sign_in_code(acme.id, CodePurpose::NewTab, &[3; 32], NOW).await.unwrap().unwrap();
        assert!(redeemed.customer.disabled);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_sees_and_ends_their_own_sessions() {
    on_each_backend("a_customer_sees_and_ends_their_own_sessions", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let secret = store.add_secret(ws.id, "secret", NOW).await.unwrap();
        let alice = store.upsert_customer(ws.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let bob = store.upsert_customer(ws.id, &email("bob@example.com"), &name("Bob"), NOW).await.unwrap();
        let (embedded, standalone, bobs) = (token_hash(), token_hash(), token_hash());
        store.open_session(&new_session(ws.id, alice.id, secret.id, &embedded), NOW).await.unwrap();
        let mut new = new_session(ws.id, alice.id, secret.id, &standalone);
        new.kind = SessionKind::Standalone;
        new.origin = origin("https://support.example.com");
        new.browser = "Chrome".into();
        store.open_session(&new, NOW + 1).await.unwrap();
        store.open_session(&new_session(ws.id, bob.id, secret.id, &bobs), NOW).await.unwrap();

        let sessions = store.customer_sessions(ws.id, alice.id, 10).await.unwrap();
        assert_eq!(sessions.len(), 2, "Bob's is not Alice's");
        assert_eq!(
            (sessions[0].kind, sessions[0].origin.as_str(), sessions[0].browser.as_str()),
            (SessionKind::Standalone, "https://support.example.com", "Chrome")
        );
        assert_eq!(sessions[1].kind, SessionKind::Embedded);
        assert!(sessions.iter().all(|s| s.is_live(NOW + 2)));
        assert_eq!(store.active_session(&standalone, NOW + 2).await.unwrap().unwrap().kind, SessionKind::Standalone);
        assert_eq!(store.customer_sessions(ws.id, alice.id, 1).await.unwrap().len(), 1, "the limit holds");

        let mut woken = store.subscribe();
        assert_eq!(store.revoke_customer_sessions(ws.id, alice.id, NOW + 5).await.unwrap(), 2);
        let wakes: Vec<Wake> = std::iter::from_fn(|| woken.try_recv().ok()).collect();
        assert!(wakes.contains(&Wake::Customer(ws.id, alice.id)), "{wakes:?}");
        assert_eq!(store.active_session(&embedded, NOW + 6).await.unwrap(), None);
        assert_eq!(store.active_session(&standalone, NOW + 6).await.unwrap(), None);
        assert!(store.active_session(&bobs, NOW + 6).await.unwrap().is_some(), "Bob stays signed in");
        let sessions = store.customer_sessions(ws.id, alice.id, 10).await.unwrap();
        assert!(sessions.iter().all(|s| s.revoked_at == Some(NOW + 5)));
        assert_eq!(store.revoke_customer_sessions(ws.id, alice.id, NOW + 7).await.unwrap(), 0, "nothing left");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_access_log_is_each_customers_own_and_is_purged() {
    on_each_backend("the_access_log_is_each_customers_own", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let alice = store.upsert_customer(ws.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let bob = store.upsert_customer(ws.id, &email("bob@example.com"), &name("Bob"), NOW).await.unwrap();
        let event = |at, event| AccessEvent {
            at,
            event,
            kind: SessionKind::Embedded,
            origin: "https://example.com".into(),
            browser: "Firefox".into(),
        };
        store.record_access(ws.id, alice.id, &event(NOW, AccessEventKind::SignedIn)).await.unwrap();
        store.record_access(ws.id, alice.id, &event(NOW + 1, AccessEventKind::Exported)).await.unwrap();
        store.record_access(ws.id, bob.id, &event(NOW + 2, AccessEventKind::Refused)).await.unwrap();
        let log = store.access_log(ws.id, alice.id, 10).await.unwrap();
        assert_eq!(log, vec![event(NOW + 1, AccessEventKind::Exported), event(NOW, AccessEventKind::SignedIn)]);
        assert_eq!(store.purge_access_log(NOW + 1).await.unwrap(), 1);
        assert_eq!(
            store.access_log(ws.id, alice.id, 10).await.unwrap(),
            vec![event(NOW + 1, AccessEventKind::Exported)]
        );
        assert_eq!(store.access_log(ws.id, bob.id, 10).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_name_serves_one_workspace() {
    on_each_backend("a_host_name_serves_one_workspace", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        assert_eq!(acme.standalone, StandaloneSettings { new_tab_allowed: true, ..Default::default() });
        let host = PortalHost::parse("support.acme.example").unwrap().unwrap();
        let settings = StandaloneSettings {
            sign_in_url: SignInUrl::parse("https://acme.example/login").unwrap(),
            new_tab_allowed: false,
            host: Some(host.clone()),
            email_sign_in: true,
            site_page: portal_core::SitePage::parse("https://acme.example/support").unwrap(),
        };
        store.set_standalone(acme.id, &settings).await.unwrap();
        assert_eq!(store.workspace(acme.id).await.unwrap().unwrap().standalone, settings);
        assert_eq!(store.workspace_by_host(&host).await.unwrap().unwrap().id, acme.id);
        let other = PortalHost::parse("support.globex.example").unwrap().unwrap();
        assert_eq!(store.workspace_by_host(&other).await.unwrap(), None);

        let taken = store.set_standalone(globex.id, &settings).await;
        assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
        assert_eq!(store.workspace(globex.id).await.unwrap().unwrap().standalone.host, None, "nothing changed");
        // No host of its own, for any number of workspaces.
        let none = StandaloneSettings { host: None, ..settings };
        store.set_standalone(acme.id, &none).await.unwrap();
        store.set_standalone(globex.id, &none).await.unwrap();
        assert_eq!(store.workspace_by_host(&host).await.unwrap(), None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_sign_in_works_once_within_its_tries_and_time() {
    on_each_backend("an_email_sign_in_works_once", |db| async move {
        use portal_store::NewEmailSignIn;
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let alice = store.upsert_customer(acme.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let start = |code: u8, link: u8| NewEmailSignIn {
            workspace_id: acme.id,
            customer_id: alice.id,
            code_hash: vec![code; 32],
            link_hash: vec![link; 32],
            tries: 3,
            expires_at: NOW + 15 * MINUTE,
        };
        let alice_email = email("ALICE@example.com");
        let redeem = |hash: u8, at| {
            let store = store.clone();
            let alice_email = alice_email.clone();
            async move { store.redeem_email_code(acme.id, &alice_email, &[hash; 32], at).await.unwrap() }
        };

        store.start_email_sign_in(&start(1, 2)).await.unwrap();
        assert_eq!(store.redeem_email_code(globex.id, &alice_email, &[1; 32], NOW).await.unwrap(), None);
        assert_eq!(redeem(9, NOW).await, None, "a wrong code spends a try");
        assert_eq!(redeem(1, NOW).await.map(|c| c.id), Some(alice.id), "the right one, in any case of address");
        assert_eq!(redeem(1, NOW).await, None, "once");
        assert_eq!(store.redeem_email_link(acme.id, &[2; 32], NOW).await.unwrap(), None, "the link went with it");

        // Three wrong guesses end it, right code or not.
        store.start_email_sign_in(&start(3, 4)).await.unwrap();
        for _ in 0..3 {
            assert_eq!(redeem(9, NOW).await, None);
        }
        assert_eq!(redeem(3, NOW).await, None, "out of tries");

        // A new sign-in replaces the waiting one; the link works once, in time.
        store.start_email_sign_in(&start(5, 6)).await.unwrap();
        store.start_email_sign_in(&start(7, 8)).await.unwrap();
        assert_eq!(redeem(5, NOW).await, None, "replaced");
        assert_eq!(store.redeem_email_link(globex.id, &[8; 32], NOW).await.unwrap(), None, "another workspace's");
        let by_link = store.redeem_email_link(acme.id, &[8; 32], NOW).await.unwrap();
        assert_eq!(by_link.map(|c| c.id), Some(alice.id));
        store.start_email_sign_in(&start(10, 11)).await.unwrap();
        assert_eq!(redeem(10, NOW + 15 * MINUTE).await, None, "expired");
        assert_eq!(store.redeem_email_link(acme.id, &[11; 32], NOW + 15 * MINUTE).await.unwrap(), None);
        let unknown = store.redeem_email_code(acme.id, &email("nobody@example.com"), &[1; 32], NOW).await.unwrap();
        assert_eq!(unknown, None);
    })
    .await;
}
