//! API tokens, and the agent side of conversations.

use crate::harness::*;
use portal_core::access::AgentScope;
use portal_core::{AuthorKind, TicketNumber, TicketStatus};
use portal_store::{AgentPost, StoreError};

#[tokio::test(flavor = "multi_thread")]
async fn api_token_lifecycle() {
    on_each_backend("api_token_lifecycle", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let hash = token_hash();
        let token = store.create_api_token(acme.id, &token_name("  Help desk "), &hash, NOW).await.unwrap();
        assert_eq!((token.workspace_id, token.name.as_str(), token.created_at), (acme.id, "Help desk", NOW));
        assert_eq!(token.revoked_at, None);
        let active = store.active_api_token(&hash).await.unwrap().unwrap();
        assert_eq!((active.id, active.workspace_id, active.name.as_str()), (token.id, acme.id, "Help desk"));
        assert_eq!(AgentScope::for_api_token(&active).workspace_id(), acme.id);
        assert_eq!(store.active_api_token(&token_hash()).await.unwrap(), None);
        assert_eq!(store.active_api_token(&[]).await.unwrap(), None);

        // Refusals: a hash that exists, an unknown workspace, a bad name.
        let again = store.create_api_token(globex.id, &token_name("copy"), &hash, NOW).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
        let missing = store
            .create_api_token(portal_core::WorkspaceId(globex.id.0 + 1000), &token_name("x"), &token_hash(), NOW)
            .await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        // A bad name never reaches the store: see `TokenName`.
        let second = store.create_api_token(acme.id, &token_name("CI"), &token_hash(), NOW + 1).await.unwrap();
        let globex_token = store.create_api_token(globex.id, &token_name("other"), &token_hash(), NOW).await.unwrap();
        assert_eq!(store.list_api_tokens(acme.id).await.unwrap(), vec![token.clone(), second.clone()]);
        assert_eq!(store.list_api_tokens(globex.id).await.unwrap(), vec![globex_token.clone()]);

        // Revoking: only in the token's own workspace, and once.
        assert!(!store.revoke_api_token(globex.id, token.id, NOW + 2).await.unwrap());
        assert!(store.active_api_token(&hash).await.unwrap().is_some());
        assert!(store.revoke_api_token(acme.id, token.id, NOW + 3).await.unwrap());
        assert_eq!(store.active_api_token(&hash).await.unwrap(), None);
        assert!(!store.revoke_api_token(acme.id, token.id, NOW + 4).await.unwrap());
        let listed = store.list_api_tokens(acme.id).await.unwrap();
        assert_eq!(listed[0].revoked_at, Some(NOW + 3));
        assert_eq!(listed[1], second);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agent_never_reads_another_workspace() {
    on_each_backend("an_agent_never_reads_another_workspace", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (_, gina) = sign_in(&*store, globex.id, "gina@example.com").await;
        let acme_agent = agent(&*store, acme.id).await;
        let globex_agent = agent(&*store, globex.id).await;

        let acme_one = customer_ticket(&*store, &alice, "acme one", NOW).await;
        customer_ticket(&*store, &gina, "globex one", NOW).await;
        let globex_two = customer_ticket(&*store, &gina, "globex two", NOW + 1).await;
        store.agent_post_message(&globex_agent, globex_two, &agent_post("globex note", true), NOW + 2).await.unwrap();

        let listed = store.agent_list_tickets(&acme_agent, 100).await.unwrap();
        assert_eq!(listed.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["acme one"]);
        assert_eq!(store.agent_ticket(&acme_agent, acme_one).await.unwrap().unwrap().title, "acme one");
        assert_eq!(store.agent_ticket(&acme_agent, globex_two).await.unwrap(), None);

        let rows = async || {
            (
                db.scalar("SELECT COUNT(*) FROM messages").await,
                db.scalar("SELECT COUNT(*) FROM events").await,
                db.scalar("SELECT MAX(updated_at) FROM tickets").await,
            )
        };
        let before = rows().await;
        let post = store.agent_post_message(&acme_agent, globex_two, &agent_post("hi", false), NOW + 9).await;
        assert!(matches!(post, Err(StoreError::NotFound)), "{post:?}");
        let update =
            store.agent_update_ticket(&acme_agent, globex_two, Some(TicketStatus::Closed), None, None, NOW + 9).await;
        assert!(matches!(update, Err(StoreError::NotFound)), "{update:?}");
        assert_eq!(rows().await, before);
        assert_eq!(store.agent_ticket(&globex_agent, globex_two).await.unwrap().unwrap().status, TicketStatus::Open);
        let globex_listed = store.agent_list_tickets(&globex_agent, 100).await.unwrap();
        assert_eq!(globex_listed.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["globex two", "globex one"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_see_and_work_whole_tickets() {
    on_each_backend("agents_see_and_work_whole_tickets", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (alice_id, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let number = store
            .customer_create_ticket(
                &alice,
                &CustomerTicket {
                    ticket_type: Some("Problem"),
                    ..CustomerTicket::new(&title("Broken"), &description("It broke."))
                },
                NOW,
            )
            .await
            .unwrap()
            .number;
        store.customer_reply(&alice, number, &text(&body("please help"), &fresh_key()), NOW + 1).await.unwrap();
        let note = store.agent_post_message(&agent, number, &agent_post("check logs", true), NOW + 2).await.unwrap();
        assert_eq!((note.message.author_kind, note.message.author_name.as_str()), (AuthorKind::Agent, "Agent Smith"));
        store.agent_post_message(&agent, number, &agent_post("fixed", false), NOW + 3).await.unwrap();

        let ticket = store.agent_ticket(&agent, number).await.unwrap().unwrap();
        assert_eq!((ticket.title.as_str(), ticket.description.as_str()), ("Broken", "It broke."));
        assert_eq!((ticket.channel.as_str(), ticket.ticket_type.as_deref()), ("portal", Some("Problem")));
        assert_eq!((ticket.customer.id, ticket.customer.email.as_str()), (alice_id, "alice@example.com"));
        assert_eq!((ticket.created_at, ticket.updated_at), (NOW, NOW + 3));
        let seen: Vec<_> = ticket.messages.iter().map(|m| (m.author_kind, m.body.as_str(), m.internal)).collect();
        assert_eq!(
            seen,
            [
                (AuthorKind::Customer, "please help", false),
                (AuthorKind::Agent, "check logs", true),
                (AuthorKind::Agent, "fixed", false)
            ]
        );

        // Updates: a status change writes an event, a type must be one of the workspace's.
        let events = db.scalar("SELECT COUNT(*) FROM events").await;
        let updated = store.agent_update_ticket(&agent, number, None, Some("Question"), None, NOW + 4).await.unwrap();
        assert_eq!((updated.ticket_type.as_deref(), updated.updated_at), (Some("Question"), NOW + 4));
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, events);
        let unknown =
            store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), Some("Nope"), None, NOW + 5).await;
        assert!(matches!(unknown, Err(StoreError::Invalid(_))), "{unknown:?}");
        assert_eq!(store.agent_ticket(&agent, number).await.unwrap().unwrap().status, TicketStatus::Open);
        let closed =
            store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 6).await.unwrap();
        assert_eq!((closed.status, closed.ticket_type.as_deref()), (TicketStatus::Closed, Some("Question")));
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, events + 1);
        let same =
            store.agent_update_ticket(&agent, number, Some(TicketStatus::Closed), None, None, NOW + 7).await.unwrap();
        assert_eq!(same, closed, "no change, no write");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events").await, events + 1);
        let missing = store.agent_update_ticket(&agent, TicketNumber(number.0 + 1), None, None, None, NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        // An agent's reply does not reopen the ticket.
        store.agent_post_message(&agent, number, &agent_post("closing note", false), NOW + 8).await.unwrap();
        assert_eq!(store.ticket_detail(&alice, number).await.unwrap().unwrap().status, TicketStatus::Closed);

        // Author names are checked.
        for bad in ["", "  ", "a\u{0}b"] {
            let post = AgentPost { author_name: bad.into(), ..agent_post("x", false) };
            let result = store.agent_post_message(&agent, number, &post, NOW).await;
            assert!(matches!(result, Err(StoreError::Invalid(_))), "{bad:?}: {result:?}");
        }

        let listed = store.agent_list_tickets(&agent, 10).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].customer_id, listed[0].customer_name.as_str()), (alice_id, "Fixture"));
        assert_eq!((listed[0].status, listed[0].updated_at), (TicketStatus::Closed, NOW + 8));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agents_open_tickets_for_customers() {
    on_each_backend("agents_open_tickets_for_customers", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (alice_id, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;

        // A known customer, by any case of the email; an empty name keeps hers.
        let created =
            store.agent_create_ticket(&agent, &new_ticket_for("Alice@Example.com", "", None), NOW).await.unwrap();
        assert_eq!(
            (created.number, created.customer_id, created.status),
            (TicketNumber(1), alice_id, TicketStatus::Open)
        );
        assert_eq!((created.customer_email.as_str(), created.customer_name.as_str()), ("alice@example.com", "Fixture"));
        let seen = store.ticket_detail(&alice, TicketNumber(1)).await.unwrap().unwrap();
        assert_eq!((seen.channel.as_str(), seen.description.as_str()), ("api", "From a phone call."));
        assert_eq!(store.list_tickets(&alice, 10).await.unwrap().len(), 1);

        // A new customer is created; a given name updates a known one.
        let new =
            store.agent_create_ticket(&agent, &new_ticket_for("dan@example.com", "Dan", Some("Problem")), NOW).await;
        let new = new.unwrap();
        assert_eq!(
            (new.number, new.customer_name.as_str(), new.ticket_type.as_deref()),
            (TicketNumber(2), "Dan", Some("Problem"))
        );
        assert_ne!(new.customer_id, alice_id);
        let renamed =
            store.agent_create_ticket(&agent, &new_ticket_for("alice@example.com", "Alice A.", None), NOW).await;
        assert_eq!(renamed.unwrap().customer_name, "Alice A.");
        assert_eq!(store.customer(&alice).await.unwrap().name, "Alice A.");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM customers").await, 2);

        // Refusals write nothing: not a customer, not a number.
        let bad_type =
            store.agent_create_ticket(&agent, &new_ticket_for("eve@example.com", "Eve", Some("x")), NOW).await;
        assert!(matches!(bad_type, Err(StoreError::Invalid(_))), "{bad_type:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM customers").await, 2);
        assert_eq!(
            store.agent_create_ticket(&agent, &new_ticket_for("eve@example.com", "", None), NOW).await.unwrap().number,
            TicketNumber(4)
        );
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events WHERE kind = 'ticket.created'").await, 4);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn agent_keys_write_once() {
    on_each_backend("agent_keys_write_once", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (_, alice) = sign_in(&*store, acme.id, "alice@example.com").await;
        let agent = agent(&*store, acme.id).await;
        let number = customer_ticket(&*store, &alice, "keys", NOW).await;
        let k = fresh_key();
        let post = AgentPost { key: Some(k.clone()), ..agent_post("once", false) };

        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let (store, agent, post) = (store.clone(), agent.clone(), post.clone());
                tokio::spawn(async move { store.agent_post_message(&agent, number, &post, NOW + i).await.unwrap() })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        assert_eq!(outcomes.iter().filter(|o| !o.duplicate).count(), 1);
        assert!(outcomes.iter().all(|o| o.message == outcomes[0].message));
        assert_eq!(db.scalar("SELECT COUNT(*) FROM messages").await, 1);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM events WHERE kind = 'message.created'").await, 1);

        // The key names that message: another text, kind or ticket is refused.
        for other in [
            AgentPost { key: Some(k.clone()), ..agent_post("twice", false) },
            AgentPost { key: Some(k.clone()), ..agent_post("once", true) },
        ] {
            let result = store.agent_post_message(&agent, number, &other, NOW).await;
            assert!(matches!(result, Err(StoreError::KeyReused)), "{result:?}");
        }
        let second = customer_ticket(&*store, &alice, "second", NOW).await;
        let result = store.agent_post_message(&agent, second, &post, NOW).await;
        assert!(matches!(result, Err(StoreError::KeyReused)), "{result:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM messages").await, 1);

        // A key a customer used is the customer's: the agent's post with it is written.
        let customer_key = fresh_key();
        store.customer_reply(&alice, number, &text(&body("mine"), &customer_key), NOW).await.unwrap();
        let same_key = AgentPost { key: Some(customer_key), ..agent_post("x", true) };
        let result = store.agent_post_message(&agent, number, &same_key, NOW).await.unwrap();
        assert!(!result.duplicate && result.message.body == "x", "{result:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM messages").await, 3);
    })
    .await;
}
