use crate::harness::*;
use portal_core::webhook::{EventTypes, WebhookEvent, WebhookUrl};
use portal_core::{TicketStatus, WorkspaceId};
use portal_store::{DeliveryTry, Store, WebhookSettings};

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

fn settings(events: &[&str], include_notes: bool) -> WebhookSettings {
    WebhookSettings {
        url: WebhookUrl::parse("https://hooks.example.com/portal", &Default::default()).unwrap(),
        events: EventTypes::parse(events.iter().copied()).unwrap(),
        include_notes,
    }
}

fn all_events() -> Vec<&'static str> {
    WebhookEvent::ALL.iter().map(|event| event.as_str()).collect()
}

/// Claims everything due at `now`, in rounds as workers do, marking each
/// delivered; returns (event, ticket number) in the order delivered.
async fn deliver_all(store: &dyn Store, now: i64) -> Vec<(WebhookEvent, Option<i64>)> {
    let mut seen = Vec::new();
    loop {
        let claimed = store.claim_webhooks(now, MINUTE, 10).await.unwrap();
        if claimed.is_empty() {
            return seen;
        }
        for delivery in claimed {
            seen.push((delivery.event, delivery.ticket_number.map(|n| n.0)));
            store.webhook_delivered(delivery.id, now, 200).await.unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_change_writes_its_delivery_in_its_own_transaction() {
    on_each_backend("every_change_writes_its_delivery", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let hook = store.create_webhook(ws.id, &settings(&all_events(), false), "whsec_1", NOW).await.unwrap();
        let notes = store.create_webhook(ws.id, &settings(&["message.created"], true), "whsec_2", NOW).await.unwrap();
        let other = workspace(&*store, "globex").await;
        store.create_webhook(other.id, &settings(&all_events(), true), "whsec_3", NOW).await.unwrap();

        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let agent = agent(&*store, ws.id).await;
        let number = customer_ticket(&*store, &ann, "Where is my invoice?", NOW).await;
        store.agent_post_message(&agent, number, &agent_post("Checking the ledger", true), NOW).await.unwrap();
        store.agent_post_message(&agent, number, &agent_post("On its way.", false), NOW).await.unwrap();
        store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW).await.unwrap();
        // Signing in again creates nobody.
        sign_in(&*store, ws.id, "ann@example.com").await;

        let by_endpoint = |id: i64| {
            let store = store.clone();
            async move { store.webhook_deliveries(ws.id, id, 50).await.unwrap() }
        };
        let events: Vec<String> = by_endpoint(hook.id).await.into_iter().rev().map(|d| d.event).collect();
        assert_eq!(
            events,
            ["customer.created", "ticket.created", "message.created", "ticket.updated"],
            "the note is left out of the endpoint that did not opt in"
        );
        let noted: Vec<String> = by_endpoint(notes.id).await.into_iter().rev().map(|d| d.event).collect();
        assert_eq!(noted, ["message.created", "message.created"], "the note and the reply");

        let claimed = store.claim_webhooks(NOW, MINUTE, 50).await.unwrap();
        assert!(claimed.iter().all(|d| d.integration.workspace_id == ws.id), "globex's endpoint heard nothing of acme");
        let note = claimed.iter().find(|d| d.endpoint_id == notes.id).unwrap();
        assert_eq!((note.secret.as_str(), note.workspace_slug.as_str()), ("whsec_2", "acme"));
        assert_eq!(note.ticket_number, Some(number));
        let sealed = db.scalar("SELECT COUNT(*) FROM webhook_endpoints WHERE secret LIKE 'whsec%'").await;
        assert_eq!(sealed, 0, "secrets are stored sealed");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tickets_events_reach_an_endpoint_in_order_and_failures_are_retried() {
    on_each_backend("a_tickets_events_reach_an_endpoint_in_order", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let hook = store
            .create_webhook(ws.id, &settings(&["ticket.created", "message.created"], false), "s", NOW)
            .await
            .unwrap();
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let agent = agent(&*store, ws.id).await;
        let first = customer_ticket(&*store, &ann, "First", NOW).await;
        let second = customer_ticket(&*store, &ann, "Second", NOW).await;
        for text in ["One", "Two"] {
            store.agent_post_message(&agent, first, &agent_post(text, false), NOW).await.unwrap();
        }

        // One event per ticket at a time: the second ticket's goes ahead.
        let claimed = store.claim_webhooks(NOW, MINUTE, 10).await.unwrap();
        let heads: Vec<_> = claimed.iter().map(|d| (d.event, d.ticket_number)).collect();
        assert_eq!(heads, [(WebhookEvent::TicketCreated, Some(first)), (WebhookEvent::TicketCreated, Some(second))]);
        assert!(store.claim_webhooks(NOW, MINUTE, 10).await.unwrap().is_empty(), "held, and the rest wait");

        // The first ticket's fails: its replies wait for its retry.
        let refused = DeliveryTry { response_status: Some(503), error: "503 Service Unavailable" };
        store.webhook_delivered(claimed[1].id, NOW, 204).await.unwrap();
        store.webhook_not_delivered(claimed[0].id, NOW, &refused, Some(NOW + MINUTE), DAY).await.unwrap();
        assert!(store.claim_webhooks(NOW + 1, MINUTE, 10).await.unwrap().is_empty());
        let log = store.webhook_deliveries(ws.id, hook.id, 10).await.unwrap();
        let failed = log.iter().find(|d| d.id == claimed[0].id).unwrap();
        assert_eq!((failed.response_status, failed.attempts, failed.delivered_at), (Some(503), 1, None));
        assert!(store.webhook(ws.id, hook.id).await.unwrap().unwrap().failing_since.is_some());

        let order = deliver_all(&*store, NOW + MINUTE).await;
        let first = Some(first.0);
        assert_eq!(
            order,
            [
                (WebhookEvent::TicketCreated, first),
                (WebhookEvent::MessageCreated, first),
                (WebhookEvent::MessageCreated, first)
            ]
        );
        assert_eq!(store.webhook(ws.id, hook.id).await.unwrap().unwrap().failing_since, None, "a success clears it");

        // Redelivered under the same id.
        let old = log.iter().find(|d| d.id == claimed[1].id).unwrap().id;
        store.redeliver(ws.id, hook.id, old, NOW + 2 * MINUTE).await.unwrap();
        let again = store.claim_webhooks(NOW + 2 * MINUTE, MINUTE, 10).await.unwrap();
        assert_eq!((again.len(), again[0].id, again[0].attempts), (1, old, 1));
        let globex = workspace(&*store, "globex").await;
        assert!(store.redeliver(globex.id, hook.id, old, NOW).await.is_err(), "not another workspace's");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_endpoint_failing_for_a_day_is_disabled_until_enabled_again() {
    on_each_backend("an_endpoint_failing_for_a_day_is_disabled", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let hook = store.create_webhook(ws.id, &settings(&["ticket.created"], false), "s", NOW).await.unwrap();
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        customer_ticket(&*store, &ann, "First", NOW).await;
        let refused = DeliveryTry { response_status: None, error: "connection refused" };
        let mut now = NOW;
        for _ in 0..3 {
            let claimed = store.claim_webhooks(now, MINUTE, 10).await.unwrap();
            assert_eq!(claimed.len(), 1);
            store.webhook_not_delivered(claimed[0].id, now, &refused, Some(now + 12 * 60 * MINUTE), DAY).await.unwrap();
            now += 12 * 60 * MINUTE;
        }
        let disabled = store.webhook(ws.id, hook.id).await.unwrap().unwrap();
        assert_eq!(disabled.disabled_at, Some(NOW + DAY));
        assert_eq!(disabled.disabled_reason, "every delivery failed for a day");
        assert!(store.claim_webhooks(now, MINUTE, 10).await.unwrap().is_empty(), "a disabled endpoint waits");
        customer_ticket(&*store, &ann, "Second", now).await;
        assert_eq!(store.webhook_deliveries(ws.id, hook.id, 10).await.unwrap().len(), 1, "and hears of nothing new");

        let enabled = store.set_webhook_enabled(ws.id, hook.id, true, now).await.unwrap();
        assert_eq!((enabled.disabled_at, enabled.failing_since, enabled.disabled_reason.as_str()), (None, None, ""));
        assert_eq!(store.claim_webhooks(now, MINUTE, 10).await.unwrap().len(), 1, "the waiting one goes");
        let other = WorkspaceId(ws.id.0 + 1000);
        assert!(store.set_webhook_enabled(other, hook.id, true, now).await.is_err());
        assert!(store.update_webhook(other, hook.id, &settings(&["message.created"], false)).await.is_err());
        let changed = store.update_webhook(ws.id, hook.id, &settings(&["message.created"], true)).await.unwrap();
        assert_eq!((changed.events.to_stored().as_str(), changed.include_notes), ("message.created", true));
        assert!(!store.delete_webhook(other, hook.id).await.unwrap());
        assert!(store.delete_webhook(ws.id, hook.id).await.unwrap());
        assert_eq!(db.scalar("SELECT COUNT(*) FROM webhook_deliveries").await, 0, "its deliveries go with it");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_workers_never_hold_the_same_delivery() {
    on_each_backend("two_workers_never_hold_the_same_delivery", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        store.create_webhook(ws.id, &settings(&["ticket.created"], false), "s", NOW).await.unwrap();
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        for i in 0..30 {
            customer_ticket(&*store, &ann, &format!("Ticket {i}"), NOW).await;
        }
        let claim = |store: std::sync::Arc<dyn Store>| async move {
            let mut ids = Vec::new();
            for _ in 0..15 {
                ids.extend(store.claim_webhooks(NOW, MINUTE, 3).await.unwrap().into_iter().map(|d| d.id));
            }
            ids
        };
        let (a, b) = tokio::join!(tokio::spawn(claim(store.clone())), tokio::spawn(claim(store.clone())));
        let mut all: Vec<i64> = a.unwrap().into_iter().chain(b.unwrap()).collect();
        all.sort_unstable();
        let total = all.len();
        all.dedup();
        assert_eq!((total, all.len()), (30, 30), "each delivery claimed exactly once");
    })
    .await;
}
