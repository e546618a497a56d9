use crate::harness::*;
use portal_store::{MailTokens, Store};

const MINUTE: i64 = 60_000;

async fn outbox(db: &portal_store::testing::TestDb) -> i64 {
    db.scalar("SELECT COUNT(*) FROM outbox").await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agents_public_reply_writes_its_mail_in_the_same_transaction() {
    on_each_backend("an_agents_public_reply_writes_its_mail", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let agent = agent(&*store, ws.id).await;
        let number = customer_ticket(&*store, &ann, "Where is my invoice?", NOW).await;
        assert_eq!(outbox(&db).await, 0, "the customer's own ticket sends them nothing");
        store.agent_post_message(&agent, number, &agent_post("A note", true), NOW).await.unwrap();
        assert_eq!(outbox(&db).await, 0, "an internal note sends nothing");
        store.agent_post_message(&agent, number, &agent_post("It is **on its way**.", false), NOW).await.unwrap();
        assert_eq!(outbox(&db).await, 1);

        let claimed = store.claim_mail(NOW, MINUTE, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        let mail = &claimed[0];
        assert_eq!((mail.customer_email.as_str(), mail.ticket_number, mail.attempts), ("ann@example.com", number, 1));
        assert_eq!((mail.body.as_str(), mail.author_name.as_str()), ("It is **on its way**.", "Agent Smith"));
        assert_eq!(mail.ticket_title, "Where is my invoice?");
        assert!(store.claim_mail(NOW + 1, MINUTE, 10).await.unwrap().is_empty(), "held by the first worker");

        // Not delivered: tried again when due, counting the tries.
        store.mail_not_sent(mail.id, NOW + 1, "connection refused", Some(NOW + 2 * MINUTE)).await.unwrap();
        assert!(store.claim_mail(NOW + MINUTE, MINUTE, 10).await.unwrap().is_empty(), "not due yet");
        let again = store.claim_mail(NOW + 2 * MINUTE, MINUTE, 10).await.unwrap();
        assert_eq!(again[0].attempts, 2);
        store.mail_sent(again[0].id, NOW + 2 * MINUTE).await.unwrap();
        assert!(store.claim_mail(NOW + 10 * MINUTE, MINUTE, 10).await.unwrap().is_empty(), "sent once");

        // A worker that died holding a row: another takes it once the hold ends.
        store.agent_post_message(&agent, number, &agent_post("Shipped.", false), NOW).await.unwrap();
        let held = store.claim_mail(NOW + 20 * MINUTE, MINUTE, 10).await.unwrap();
        let retaken = store.claim_mail(NOW + 21 * MINUTE, MINUTE, 10).await.unwrap();
        assert_eq!((held.len(), retaken.len(), retaken[0].id), (1, 1, held[0].id));

        // After the last try it fails for good and shows on the ticket.
        store.mail_not_sent(retaken[0].id, NOW + 21 * MINUTE, "mailbox unavailable", None).await.unwrap();
        let failed = store.failed_mail(ws.id, number).await.unwrap();
        assert_eq!((failed.len(), failed[0].error.as_str()), (1, "mailbox unavailable"));
        assert!(store.claim_mail(NOW + 60 * MINUTE, MINUTE, 10).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_workers_never_hold_the_same_mail() {
    on_each_backend("two_workers_never_hold_the_same_mail", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let agent = agent(&*store, ws.id).await;
        let number = customer_ticket(&*store, &ann, "Many replies", NOW).await;
        for i in 0..40 {
            store.agent_post_message(&agent, number, &agent_post(&format!("Reply {i}"), false), NOW).await.unwrap();
        }
        let claim = |store: std::sync::Arc<dyn Store>| async move {
            let mut ids = Vec::new();
            for _ in 0..20 {
                ids.extend(store.claim_mail(NOW, MINUTE, 3).await.unwrap().into_iter().map(|m| m.id));
            }
            ids
        };
        let (a, b) = tokio::join!(tokio::spawn(claim(store.clone())), tokio::spawn(claim(store.clone())));
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut all: Vec<i64> = a.iter().chain(&b).copied().collect();
        all.sort_unstable();
        let total = all.len();
        all.dedup();
        assert_eq!((total, all.len()), (40, 40), "each of the 40 mails claimed exactly once");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn turning_email_off_stops_mail_at_once() {
    on_each_backend("turning_email_off_stops_mail_at_once", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let agent = agent(&*store, ws.id).await;
        let number = customer_ticket(&*store, &ann, "Hello", NOW).await;
        assert!(store.email_notifications(&ann).await.unwrap());
        store.agent_post_message(&agent, number, &agent_post("First", false), NOW).await.unwrap();
        let mail = store.claim_mail(NOW, MINUTE, 10).await.unwrap().remove(0);
        store.set_mail_tokens(mail.id, &MailTokens { unsubscribe: &[7; 32], reply: &[9; 32] }).await.unwrap();
        store.mail_sent(mail.id, NOW).await.unwrap();
        store.agent_post_message(&agent, number, &agent_post("Second", false), NOW).await.unwrap();

        let other = workspace(&*store, "globex").await;
        assert!(!store.unsubscribe(other.id, &[7; 32]).await.unwrap(), "another workspace's link");
        assert!(!store.unsubscribe(ws.id, &[8; 32]).await.unwrap(), "an unknown link");
        assert!(store.unsubscribe(ws.id, &[7; 32]).await.unwrap());
        assert!(!store.email_notifications(&ann).await.unwrap());
        assert!(store.claim_mail(NOW, MINUTE, 10).await.unwrap().is_empty(), "the waiting mail is dropped");
        assert_eq!(outbox(&db).await, 1, "only the sent one is kept");
        store.agent_post_message(&agent, number, &agent_post("Third", false), NOW).await.unwrap();
        assert_eq!(outbox(&db).await, 1, "nothing more is written");
        store.set_email_notifications(&ann, true).await.unwrap();
        store.agent_post_message(&agent, number, &agent_post("Fourth", false), NOW).await.unwrap();
        assert_eq!(store.claim_mail(NOW, MINUTE, 10).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mail_in_is_the_customers_reply_or_else_a_note_for_agents() {
    on_each_backend("a_mail_in_is_the_customers_reply", |db| async move {
        use portal_core::TicketStatus;
        use portal_store::MailIn;
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let agent = agent(&*store, ws.id).await;
        let number = customer_ticket(&*store, &ann, "Where is my invoice?", NOW).await;
        store.agent_post_message(&agent, number, &agent_post("On its way.", false), NOW).await.unwrap();
        let mail = store.claim_mail(NOW, MINUTE, 10).await.unwrap().remove(0);
        store.set_mail_tokens(mail.id, &MailTokens { unsubscribe: &[1; 32], reply: &[2; 32] }).await.unwrap();
        // A second try of the same mail: both tokens answer.
        store.set_mail_tokens(mail.id, &MailTokens { unsubscribe: &[3; 32], reply: &[4; 32] }).await.unwrap();
        assert_eq!(store.reply_ticket(ws.id, &[2; 32]).await.unwrap(), Some(number));
        assert_eq!(store.reply_ticket(ws.id, &[4; 32]).await.unwrap(), Some(number));
        assert_eq!(store.reply_ticket(ws.id, &[5; 32]).await.unwrap(), None, "a token never sent");
        let mailbox = store.reply_mailbox(&[4; 32]).await.unwrap().map(|m| m.workspace_id);
        assert_eq!(mailbox, Some(ws.id), "the listener finds the workspace by the token alone");
        assert_eq!(store.reply_mailbox(&[5; 32]).await.unwrap(), None);
        let globex = workspace(&*store, "globex").await;
        assert_eq!(store.reply_ticket(globex.id, &[2; 32]).await.unwrap(), None, "another workspace's");

        let from = |sender: &str, text: &str, id: &str| MailIn {
            sender: email(sender),
            sender_name: "Someone".into(),
            body: body(text),
            key: key(id),
        };
        store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 1).await.unwrap();
        let thanks = from("ANN@example.com", "Thanks!", "mail-one-1");
        let reply = store.mail_reply(&agent, number, &thanks, NOW + 2).await.unwrap();
        assert!(reply.public && !reply.duplicate);
        let detail = store.ticket_detail(&ann, number).await.unwrap().unwrap();
        assert_eq!(detail.status, TicketStatus::Open, "a reply reopens the ticket, as in the portal");
        assert_eq!(detail.messages.last().map(|m| m.body.as_str()), Some("Thanks!"));
        let again = store.mail_reply(&agent, number, &thanks, NOW + 3).await.unwrap();
        assert_eq!(again, portal_store::MailInOutcome { duplicate: true, ..reply });

        let eve = from("eve@example.com", "Send it to me", "mail-two-2");
        let stranger = store.mail_reply(&agent, number, &eve, NOW + 4).await.unwrap();
        assert!(!stranger.public);
        let detail = store.ticket_detail(&ann, number).await.unwrap().unwrap();
        assert!(detail.messages.iter().all(|m| m.body.as_str() != "Send it to me"), "never shown to the customer");
        let seen = store.agent_ticket(&agent, number).await.unwrap().unwrap();
        let note = seen.messages.last().unwrap();
        assert!(note.internal && note.author_name == "Someone <eve@example.com>", "{note:?}");
        let hi = from("ann@example.com", "Hi", "mail-3-33");
        let missing = store.mail_reply(&agent, portal_core::TicketNumber(999), &hi, NOW);
        assert!(matches!(missing.await, Err(portal_store::StoreError::NotFound)));
    })
    .await;
}
