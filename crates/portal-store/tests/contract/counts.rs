//! Ticket counts, the badge a site shows in its own navigation: open
//! tickets, and those whose newest public message is an agent's. They count
//! exactly what the customer's own portal lists, and an internal note never
//! moves them.

use crate::harness::*;
use portal_core::{TicketCounts, TicketStatus};
use portal_store::Store;

fn counts(awaiting_customer: u32, open: u32) -> TicketCounts {
    TicketCounts { awaiting_customer, open }
}

#[tokio::test(flavor = "multi_thread")]
async fn counts_follow_the_conversation() {
    on_each_backend("counts_follow_the_conversation", |db| async move {
        let store: &dyn Store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let (alice_id, alice) = sign_in(store, acme.id, "alice@example.com").await;
        let (bob_id, bob) = sign_in(store, acme.id, "bob@example.com").await;
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(0, 0), "nothing yet");

        let printer = customer_ticket(store, &alice, "Printer jams", NOW).await;
        let invoice = customer_ticket(store, &alice, "Invoice wrong", NOW + 1).await;
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(0, 2), "her turn on neither");

        // An internal note is no answer the customer could see.
        store.agent_post_message(&agent, printer, &agent_post("checking the logs", true), NOW + 2).await.unwrap();
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(0, 2));
        store.agent_post_message(&agent, printer, &agent_post("Which model?", false), NOW + 3).await.unwrap();
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(1, 2), "the agent asked her");
        // The same, read by the site's server for Alice.
        assert_eq!(store.customer_ticket_counts(acme.id, alice_id).await.unwrap(), counts(1, 2));

        store.customer_reply(&alice, printer, &text(&body("An X200"), &fresh_key()), NOW + 4).await.unwrap();
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(0, 2), "she answered");

        store.agent_post_message(&agent, invoice, &agent_post("Fixed, closing", false), NOW + 5).await.unwrap();
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(1, 2));
        store.agent_update_ticket(&agent, invoice, Some(TicketStatus::Closed), None, None, NOW + 6).await.unwrap();
        assert_eq!(store.ticket_counts(&alice).await.unwrap(), counts(0, 1), "a closed ticket counts no more");

        // Another customer's tickets are not hers, nor hers his.
        assert_eq!(store.ticket_counts(&bob).await.unwrap(), counts(0, 0));
        assert_eq!(store.customer_ticket_counts(acme.id, bob_id).await.unwrap(), counts(0, 0));

        // A disabled customer's portal shows nothing, and neither do the counts.
        store.set_customer_disabled(acme.id, alice_id, true, NOW + 7).await.unwrap();
        assert_eq!(store.customer_ticket_counts(acme.id, alice_id).await.unwrap(), counts(0, 0));
        // Another workspace's id for her counts nothing.
        let globex = workspace(store, "globex").await;
        assert_eq!(store.customer_ticket_counts(globex.id, alice_id).await.unwrap(), counts(0, 0));
    })
    .await;
}
