//! Attachments: an upload waits until a reply or a new ticket claims it;
//! only its uploader can claim it, once, within the workspace's limits; and
//! a file is readable exactly where its ticket is.

use crate::harness::*;
use portal_core::{
    AttachmentId, AttachmentInfo, AttachmentLimits, AttachmentName, CustomerScope, IdempotencyKey, MessageBody,
    TicketNumber, WorkspaceId,
};
use portal_store::{AttachmentUsage, CustomerReply, Store, StoreError};

/// The default quota the tests' uploads count against: ample.
const QUOTA: u64 = 1 << 40;

/// Records an upload of `size` bytes named `name`, under a fresh blob key.
async fn upload(store: &dyn Store, scope: &CustomerScope, name: &str, size: u64, at: i64) -> AttachmentInfo {
    let key = hex::encode(rand::random::<[u8; 16]>());
    store.add_upload(scope, &AttachmentName::parse(name).unwrap(), size, &key, QUOTA, at).await.unwrap()
}

fn with_files<'a>(body: &'a MessageBody, key: &'a IdempotencyKey, files: &'a [AttachmentId]) -> CustomerReply<'a> {
    CustomerReply { body, key, attachments: files }
}

fn invalid(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Invalid(message)) => message,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sent_files_show_where_their_message_does() {
    on_each_backend("sent_files_show_where_their_message_does", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        let agent = agent(&*store, acme.id).await;

        let report = upload(&*store, &alice, "report.pdf", 1234, NOW).await;
        assert_eq!(
            (report.name.as_str(), report.content_type.as_str(), report.size),
            ("report.pdf", "application/pdf", 1234)
        );
        assert_eq!(store.customer_attachment(&alice, report.id).await.unwrap(), None, "a waiting upload is not served");

        let screenshot = upload(&*store, &alice, "screen.png", 99, NOW).await;
        let created = store
            .customer_create_ticket(
                &alice,
                &CustomerTicket {
                    attachments: &[report.id],
                    ..CustomerTicket::new(&title("Broken"), &description("See the report."))
                },
                NOW + 1,
            )
            .await
            .unwrap();
        let (body, key) = (body("And a screenshot."), fresh_key());
        let reply = CustomerReply { body: &body, key: &key, attachments: &[screenshot.id] };
        let sent = store.customer_reply(&alice, created.number, &reply, NOW + 2).await.unwrap();
        assert_eq!(sent.message.attachments, std::slice::from_ref(&screenshot));

        let detail = store.ticket_detail(&alice, created.number).await.unwrap().unwrap();
        assert_eq!(detail.attachments, std::slice::from_ref(&report), "the ticket's own files");
        assert_eq!(detail.messages[0].attachments, std::slice::from_ref(&screenshot));
        let events = store.events_since(&alice, 0, 100).await.unwrap();
        let message_event = events.iter().find_map(|e| e.message.as_ref()).expect("a message event");
        assert_eq!(message_event.attachments, std::slice::from_ref(&screenshot));

        let stored = store.customer_attachment(&alice, screenshot.id).await.unwrap().expect("alice's file");
        assert_eq!(stored.info, screenshot);
        assert_eq!(store.customer_attachment(&bob, screenshot.id).await.unwrap(), None, "not bob's ticket");
        assert_eq!(store.customer_attachment(&bob, report.id).await.unwrap(), None);

        let by_agent = store.agent_attachment(&agent, created.number, report.id).await.unwrap().expect("agent");
        assert_eq!(by_agent.blob_key, store.customer_attachment(&alice, report.id).await.unwrap().unwrap().blob_key);
        assert_eq!(store.agent_attachment(&agent, TicketNumber(created.number.0 + 1), report.id).await.unwrap(), None);
        let agent_view = store.agent_ticket(&agent, created.number).await.unwrap().unwrap();
        assert_eq!(agent_view.attachments, [report]);
        assert_eq!(agent_view.messages[0].attachments, [screenshot]);

        let other = workspace(&*store, "other").await;
        let outsider = crate::harness::agent(&*store, other.id).await;
        assert_eq!(store.agent_attachment(&outsider, created.number, by_agent.info.id).await.unwrap(), None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_uploader_claims_a_waiting_file_once() {
    on_each_backend("only_the_uploader_claims_a_waiting_file_once", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        let number = customer_ticket(&*store, &alice, "Mine", NOW).await;
        let bobs = customer_ticket(&*store, &bob, "Bob's", NOW).await;
        let bobs_file = upload(&*store, &bob, "bob.png", 10, NOW).await;
        let (text_body, k) = (body("hi"), fresh_key());

        let message =
            invalid(store.customer_reply(&alice, number, &with_files(&text_body, &k, &[bobs_file.id]), NOW + 1).await);
        assert!(message.contains("not one of your uploads"), "{message}");
        let message = invalid(
            store.customer_reply(&alice, number, &with_files(&text_body, &k, &[AttachmentId(424_242)]), NOW + 1).await,
        );
        assert!(message.contains("not one of your uploads"), "{message}");
        let mine = upload(&*store, &alice, "a.png", 10, NOW).await;
        let message = invalid(
            store.customer_reply(&alice, number, &with_files(&text_body, &k, &[mine.id, mine.id]), NOW + 1).await,
        );
        assert!(message.contains("twice"), "{message}");
        let mut seven = Vec::new();
        for i in 0..7 {
            seven.push(upload(&*store, &alice, &format!("{i}.png"), 10, NOW).await.id);
        }
        let message = invalid(store.customer_reply(&alice, number, &with_files(&text_body, &k, &seven), NOW + 1).await);
        assert_eq!(message, "at most 6 files can be attached to one message");
        // Nothing was written by any refusal, and the files still wait.
        assert!(store.ticket_detail(&alice, number).await.unwrap().unwrap().messages.is_empty());
        assert!(store.events_since(&alice, 0, 100).await.unwrap().iter().all(|e| e.message.is_none()));

        let sent =
            store.customer_reply(&alice, number, &with_files(&text_body, &k, &seven[..6]), NOW + 2).await.unwrap();
        assert_eq!(sent.message.attachments.len(), 6);
        // The same key again: the first message, files and all; nothing new.
        let again =
            store.customer_reply(&alice, number, &with_files(&text_body, &k, &seven[..6]), NOW + 3).await.unwrap();
        assert!(again.duplicate);
        assert_eq!(again.message, sent.message);
        // A sent file cannot be sent again.
        let (other_body, other_key) = (body("again"), fresh_key());
        let resend = CustomerReply { body: &other_body, key: &other_key, attachments: &seven[..1] };
        let message = invalid(store.customer_reply(&alice, number, &resend, NOW + 4).await);
        assert!(message.contains("not one of your uploads"), "{message}");
        // Bob's file went nowhere, and still is his to send.
        let (bob_body, bob_key) = (body("mine"), fresh_key());
        let bob_reply = CustomerReply { body: &bob_body, key: &bob_key, attachments: &[bobs_file.id] };
        assert_eq!(store.customer_reply(&bob, bobs, &bob_reply, NOW + 5).await.unwrap().message.attachments.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn workspaces_may_lower_the_limits() {
    on_each_backend("workspaces_may_lower_the_limits", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        assert_eq!(acme.attachment_limits, AttachmentLimits::MAX);
        for (files, bytes) in [(7, 1024), (6, 3 * 1024 * 1024 + 1), (6, 1023)] {
            let limits = AttachmentLimits { max_files: files, max_bytes: bytes };
            invalid(store.set_attachment_limits(acme.id, limits).await);
        }
        let lowered = AttachmentLimits::new(2, 1024 * 1024).unwrap();
        store.set_attachment_limits(acme.id, lowered).await.unwrap();
        assert_eq!(store.workspace(acme.id).await.unwrap().unwrap().attachment_limits, lowered);

        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let mut three = Vec::new();
        for i in 0..3 {
            three.push(upload(&*store, &alice, &format!("{i}.csv"), 10, NOW).await.id);
        }
        let message = invalid(
            store
                .customer_create_ticket(
                    &alice,
                    &CustomerTicket { attachments: &three, ..CustomerTicket::new(&title("Three"), &description("")) },
                    NOW,
                )
                .await,
        );
        assert_eq!(message, "at most 2 files can be attached to one message");
        assert!(store.list_tickets(&alice, 10).await.unwrap().is_empty(), "the refused ticket was not written");
        store
            .customer_create_ticket(
                &alice,
                &CustomerTicket { attachments: &three[..2], ..CustomerTicket::new(&title("Two"), &description("")) },
                NOW,
            )
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unsent_uploads_expire_and_are_capped() {
    on_each_backend("unsent_uploads_expire_and_are_capped", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let old = upload(&*store, &alice, "old.png", 10, NOW).await;
        let sent = upload(&*store, &alice, "sent.png", 10, NOW).await;
        store
            .customer_create_ticket(
                &alice,
                &CustomerTicket {
                    attachments: &[sent.id],
                    ..CustomerTicket::new(&title("With a file"), &description(""))
                },
                NOW,
            )
            .await
            .unwrap();
        let fresh = upload(&*store, &alice, "fresh.png", 10, NOW + HOUR).await;

        let taken = store.take_stale_uploads(NOW + 1, 100).await.unwrap();
        assert_eq!(taken.len(), 1, "only the old unsent upload");
        assert!(store.take_stale_uploads(NOW + 1, 100).await.unwrap().is_empty());
        let (text_body, k) = (body("hi"), fresh_key());
        let number = customer_ticket(&*store, &alice, "Later", NOW).await;
        let late = CustomerReply { body: &text_body, key: &k, attachments: &[old.id] };
        invalid(store.customer_reply(&alice, number, &late, NOW + 2).await);
        assert!(store.customer_attachment(&alice, sent.id).await.unwrap().is_some(), "sent files stay");

        // 30 may wait at once (`fresh` is one of them).
        for i in 1..30 {
            upload(&*store, &alice, &format!("{i}.png"), 10, NOW + HOUR).await;
        }
        let name = AttachmentName::parse("one-too-many.png").unwrap();
        let message =
            invalid(store.add_upload(&alice, &name, 10, "0123456789abcdef0123456789abcdef", QUOTA, NOW + HOUR).await);
        assert!(message.starts_with("one-too-many.png: 30 of your files are waiting"), "{message}");
        let ok = CustomerReply { body: &text_body, key: &k, attachments: &[fresh.id] };
        store.customer_reply(&alice, number, &ok, NOW + 2).await.unwrap();
        upload(&*store, &alice, "now-there-is-room.png", 10, NOW + HOUR).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_fit_in_the_workspace_quota_or_are_not_recorded() {
    on_each_backend("uploads_fit_in_the_workspace_quota", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(&*store, acme.id, "bob@example.com").await;
        let (_, gina) = sign_in(&*store, globex.id, "gina@example.com").await;
        let usage = |ws| {
            let store = store.clone();
            async move { store.attachment_usage(ws).await.unwrap() }
        };
        assert_eq!(usage(acme.id).await, AttachmentUsage { used_bytes: 0, quota_bytes: None });

        let add = |scope: CustomerScope, size: u64, default_quota: u64| {
            let store = store.clone();
            async move {
                let key = hex::encode(rand::random::<[u8; 16]>());
                let name = AttachmentName::parse("a.pdf").unwrap();
                store.add_upload(&scope, &name, size, &key, default_quota, NOW).await
            }
        };
        add(alice.clone(), 600, 1000).await.unwrap();
        // Sent or waiting, every customer's files count, and nothing else's.
        add(gina.clone(), 900, 1000).await.unwrap();
        add(bob.clone(), 400, 1000).await.unwrap();
        match add(bob.clone(), 401, 1000).await {
            Err(StoreError::QuotaExceeded { used: 1000, quota: 1000 }) => {}
            other => panic!("expected QuotaExceeded, got {other:?}"),
        }
        assert_eq!(usage(acme.id).await.used_bytes, 1000, "the refused upload was not recorded");

        // A workspace's own quota comes before the default, either way.
        store.set_attachment_quota(acme.id, Some(1500)).await.unwrap();
        assert_eq!(usage(acme.id).await, AttachmentUsage { used_bytes: 1000, quota_bytes: Some(1500) });
        add(alice.clone(), 500, 1000).await.unwrap();
        assert!(matches!(add(alice.clone(), 1, 1 << 40).await, Err(StoreError::QuotaExceeded { quota: 1500, .. })));
        store.set_attachment_quota(acme.id, None).await.unwrap();
        add(alice.clone(), 1, 1 << 40).await.unwrap();
        assert_eq!(usage(acme.id).await, AttachmentUsage { used_bytes: 1501, quota_bytes: None });
        assert!(matches!(store.set_attachment_quota(WorkspaceId(999_999), Some(1)).await, Err(StoreError::NotFound)));
    })
    .await;
}
