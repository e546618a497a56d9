//! Stopping the real `portal` binary with SIGTERM, as a service manager or
//! an orchestrator does, in the middle of a burst of replies.

use crate::app::*;
use futures_util::{SinkExt as _, StreamExt as _};
use portal::commands;
use portal_core::{CustomerName, Email, SessionGrant, TicketStatus};
use portal_server::now_millis;
use portal_store::NewTicket;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

const CUSTOMERS: usize = 4;
/// Replies acknowledged before the signal is sent.
const ACKED_BEFORE_SIGNAL: usize = 8;

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_loses_no_acknowledged_reply_and_closes_live_sockets_with_a_reconnect_hint() {
    on_each_backend("sigterm_loses_no_acknowledged_reply", |db| async move {
        commands::create_workspace(&*db.store, SLUG, "Acme", GREETING, &[ORIGIN.to_string()]).await.unwrap();
        let ws = db.store.workspace_by_slug(&portal_core::WorkspaceSlug::parse(SLUG).unwrap()).await.unwrap().unwrap();
        db.store.set_portal_enabled(ws.id, true).await.unwrap();
        let secret = db.store.active_secrets(ws.id, now_millis()).await.unwrap().remove(0).value;
        let dir = tempfile::tempdir().unwrap();
        let (mut portal, base) = start_portal_binary(
            &db,
            &dir,
            &[
                // Each customer keeps replying until the stop: no allowance runs out first.
                ("PORTAL_WRITE_BURST", "1000"),
            ],
        )
        .await;
        let client = reqwest::Client::builder().no_proxy().build().unwrap();

        let mut sessions = Vec::new();
        for n in 0..CUSTOMERS {
            let email = format!("burst{n}@example.com");
            let name = CustomerName::parse("Burst").unwrap();
            let customer =
                db.store.upsert_customer(ws.id, &Email::parse(&email).unwrap(), &name, now_millis()).await.unwrap();
            let ticket =
                NewTicket { title: format!("Ticket {n}"), description: String::new(), status: TicketStatus::Open };
            let ticket = db.store.create_ticket(ws.id, customer.id, &ticket, now_millis()).await.unwrap();
            let body = sign_in_body(SLUG, ORIGIN, "Burst", &email, &sign_email(secret.as_bytes(), &email));
            let response = client.post(format!("{base}/api/portal/session/open")).json(&body).send().await.unwrap();
            let grant: SessionGrant = expect_ok(response, "sign-in").await;
            sessions.push((grant.token, ticket.number));
        }

        // A live socket, open when the signal comes.
        let (mut socket, _) =
            tokio_tungstenite::connect_async(format!("{}/api/portal/live", base.replace("http", "ws")))
                .await
                .expect("open a live socket");
        let hello = json!({ "token": sessions[0].0, "after": 0 }).to_string();
        socket.send(Message::Text(hello.into())).await.unwrap();

        let acked = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let count = Arc::new(AtomicUsize::new(0));
        let mut burst = Vec::new();
        for (n, (token, number)) in sessions.into_iter().enumerate() {
            let (client, base, acked, count) = (client.clone(), base.clone(), acked.clone(), count.clone());
            burst.push(tokio::spawn(async move {
                for i in 0..40 {
                    let body = format!("burst reply {n}-{i}");
                    let sent = client
                        .post(format!("{base}/api/portal/ticket/reply"))
                        .bearer_auth(&token)
                        .json(&json!({ "number": number, "body": body, "key": format!("burst-{n}-{i}") }))
                        .send()
                        .await;
                    match sent {
                        Ok(response) if response.status() == 200 => {
                            acked.lock().unwrap().push(body);
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                        // Refused, or the server is gone: not acknowledged.
                        _ => return,
                    }
                }
            }));
        }
        while count.load(Ordering::SeqCst) < ACKED_BEFORE_SIGNAL {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let pid = portal.id().expect("the portal runs").to_string();
        let killed = std::process::Command::new("kill").args(["-TERM", &pid]).status().expect("run kill");
        assert!(killed.success());

        // The live socket is told to reconnect, with a close frame.
        let close = tokio::time::timeout(Duration::from_secs(10), async {
            while let Some(message) = socket.next().await {
                if let Ok(Message::Close(frame)) = message {
                    return frame.map(|f| (u16::from(f.code), f.reason.to_string()));
                }
            }
            None
        })
        .await
        .expect("the socket closes within 10 s");
        assert_eq!(close.as_ref().map(|(code, _)| *code), Some(1012), "{close:?}");

        let status = tokio::time::timeout(Duration::from_secs(20), portal.wait())
            .await
            .expect("the portal stops within 20 s of SIGTERM")
            .unwrap();
        assert!(status.success(), "a graceful stop exits with 0, got {status}");
        for task in burst {
            task.await.unwrap();
        }
        let mut stderr = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut portal.stderr.take().unwrap(), &mut stderr).await.unwrap();
        assert!(stderr.contains("shutting down") && stderr.contains("stopped"), "{stderr}");

        let acked = acked.lock().unwrap().clone();
        assert!(acked.len() >= ACKED_BEFORE_SIGNAL);
        for body in &acked {
            let stored = db.scalar(&format!("SELECT COUNT(*) FROM messages WHERE body = '{body}'")).await;
            assert_eq!(stored, 1, "the acknowledged reply {body:?} is in the database");
        }
        eprintln!("{} replies acknowledged, all stored", acked.len());
    })
    .await;
}
