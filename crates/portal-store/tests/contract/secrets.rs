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

/// How many stored secrets are (sealed, plain), read outside the store.
async fn stored(db: &portal_store::testing::TestDb) -> (i64, i64) {
    let sealed = db.scalar("SELECT COUNT(*) FROM identity_secrets WHERE value LIKE 'v1.%'").await;
    (sealed, db.scalar("SELECT COUNT(*) FROM identity_secrets").await - sealed)
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_are_sealed_at_rest() {
    on_each_backend("secrets_are_sealed_at_rest", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let secret = "5ecre7-5ecre7-5ecre7-5ecre7-5ecre7-5ecre7-5ecre7-5ecre7-5ecre7-0";
        store.add_secret(ws.id, secret, NOW).await.unwrap();
        store.rotate_secret(ws.id, "rotated-in", NOW + 1, NOW + 1000).await.unwrap();
        let leaked = db
            .scalar(&format!(
                "SELECT COUNT(*) FROM identity_secrets WHERE value LIKE '%{secret}%' OR value LIKE '%rotated-in%'"
            ))
            .await;
        assert_eq!(leaked, 0, "a copy of the database shows no secret");
        assert_eq!(stored(&db).await, (2, 0));
        let values: Vec<String> =
            store.active_secrets(ws.id, NOW + 1).await.unwrap().into_iter().map(|s| s.value).collect();
        assert_eq!(values, [secret, "rotated-in"], "the store reads them back");

        // A sealed value moved to another workspace does not open there.
        let globex = workspace(&*store, "globex").await;
        db.execute(&format!(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) \
             SELECT {}, value, created_at FROM identity_secrets WHERE workspace_id = {} AND retires_at IS NULL",
            globex.id.0, ws.id.0
        ))
        .await;
        let moved = store.active_secrets(globex.id, NOW + 1).await;
        assert!(matches!(moved, Err(portal_store::StoreError::Unsealable(_))), "{moved:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn opening_seals_plain_secrets_and_refuses_a_wrong_key() {
    on_each_backend("opening_seals_plain_secrets_and_refuses_a_wrong_key", |db| async move {
        let ws = workspace(&*db.store, "acme").await;
        // A secret written before sealing existed.
        db.execute(&format!(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) VALUES ({}, 'from-before', {NOW})",
            ws.id.0
        ))
        .await;
        assert_eq!(stored(&db).await, (0, 1));
        let reopened = portal_store::connect(&db.url, db.keys()).await.unwrap();
        assert_eq!(stored(&db).await, (1, 0), "sealed when the store opens");
        assert_eq!(reopened.active_secrets(ws.id, NOW).await.unwrap()[0].value, "from-before");

        // Another key ring is refused when the store opens, not at each sign-in.
        let wrong = portal_store::connect(&db.url, portal_store::KeyRing::generate()).await;
        let error = wrong.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("does not open with the configured key ring"), "{error}");

        // Resealing with a new key (the old one still in the ring) moves every
        // secret to it: identity secrets, webhook secrets, Slack's token and secret.
        let url = portal_core::webhook::WebhookUrl::parse("https://hooks.example.com/", &Default::default()).unwrap();
        let events = portal_core::webhook::EventTypes::parse(["ticket.created"]).unwrap();
        let hook = portal_store::WebhookSettings { url, events, include_notes: false };
        reopened.create_webhook(ws.id, &hook, "whsec_kept", NOW).await.unwrap();
        reopened.connect_slack(ws.id, "xoxb-kept", "slack-secret-kept", NOW).await.unwrap();
        let new_key = portal_store::KeyRing::generate_key();
        let both = portal_store::KeyRing::parse(&format!("{new_key} {}", db.key)).unwrap();
        assert_eq!(reopened.reseal_secrets(&both).await.unwrap(), 4);
        let new_only = portal_store::connect(&db.url, portal_store::KeyRing::parse(&new_key).unwrap()).await.unwrap();
        assert_eq!(new_only.active_secrets(ws.id, NOW).await.unwrap()[0].value, "from-before");
        let slack = new_only.slack_connection(ws.id).await.unwrap().unwrap();
        assert_eq!((slack.bot_token.as_str(), slack.signing_secret.as_str()), ("xoxb-kept", "slack-secret-kept"));
        customer_ticket(&*new_only, &sign_in(&*new_only, ws.id, "ann@example.com").await.1, "Hook", NOW).await;
        let claimed = new_only.claim_webhooks(NOW, 60_000, 10).await.unwrap();
        assert_eq!(claimed[0].secret, "whsec_kept");
        assert!(portal_store::connect(&db.url, db.keys()).await.is_err(), "the old key alone no longer opens them");
        // A ring that cannot open them changes nothing.
        assert!(new_only.reseal_secrets(&portal_store::KeyRing::generate()).await.is_err());
        assert_eq!(new_only.active_secrets(ws.id, NOW).await.unwrap()[0].value, "from-before");
    })
    .await;
}
