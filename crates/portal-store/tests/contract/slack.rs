use crate::harness::*;
use portal_store::SlackPostKind;

const MINUTE: i64 = 60_000;

#[tokio::test(flavor = "multi_thread")]
async fn posts_are_written_once_a_channel_is_chosen_and_claimed_in_order_per_ticket() {
    on_each_backend("slack_posts_in_order", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let (_, ann) = sign_in(&*store, ws.id, "ann@example.com").await;
        let before = customer_ticket(&*store, &ann, "Before Slack", NOW).await;
        store.connect_slack(ws.id, "xoxb-secret-token", "signing-secret-0000000000000000", NOW).await.unwrap();
        customer_ticket(&*store, &ann, "No channel yet", NOW).await;
        assert_eq!(db.scalar("SELECT COUNT(*) FROM slack_posts").await, 0, "no channel: nothing to post");
        let sealed = db.scalar("SELECT COUNT(*) FROM slack_connections WHERE bot_token LIKE 'xoxb%'").await;
        assert_eq!(sealed, 0, "the token is stored sealed");

        store.set_slack_channel(ws.id, "C1", "support").await.unwrap();
        let number = customer_ticket(&*store, &ann, "Printer", NOW).await;
        let agent = agent(&*store, ws.id).await;
        store.agent_post_message(&agent, number, &agent_post("Checking", false), NOW).await.unwrap();
        store.agent_post_message(&agent, before, &agent_post("Old ticket", false), NOW).await.unwrap();

        let claimed = store.claim_slack_posts(NOW, MINUTE, 10).await.unwrap();
        let heads: Vec<_> = claimed.iter().map(|p| (p.ticket_number, p.kind)).collect();
        assert_eq!(heads, [(number, SlackPostKind::TicketCreated), (before, SlackPostKind::Message)], "one per ticket");
        assert_eq!(claimed[0].bot_token, "xoxb-secret-token");
        assert_eq!(claimed[0].thread, None);
        store.open_slack_thread(claimed[0].id, "C1", "1700000000.000100").await.unwrap();
        store.slack_posted(claimed[0].id, NOW).await.unwrap();
        store.slack_not_posted(claimed[1].id, NOW, "ratelimited", Some(NOW + MINUTE), false).await.unwrap();

        let next = store.claim_slack_posts(NOW, MINUTE, 10).await.unwrap();
        assert_eq!((next.len(), next[0].kind), (1, SlackPostKind::Message));
        assert_eq!(next[0].thread, Some(("C1".to_string(), "1700000000.000100".to_string())));
        store.slack_posted(next[0].id, NOW).await.unwrap();
        let retried = store.claim_slack_posts(NOW + MINUTE, MINUTE, 10).await.unwrap();
        assert_eq!((retried.len(), retried[0].attempts), (1, 1), "a rate-limited try does not count");
        assert_eq!(store.slack_thread_ticket(ws.id, "C1", "1700000000.000100").await.unwrap(), Some(number));
        assert_eq!(store.slack_thread_ticket(ws.id, "C2", "1700000000.000100").await.unwrap(), None);
        let globex = workspace(&*store, "globex").await;
        assert_eq!(store.slack_thread_ticket(globex.id, "C1", "1700000000.000100").await.unwrap(), None);

        assert!(store.disconnect_slack(ws.id).await.unwrap());
        assert_eq!(db.scalar("SELECT COUNT(*) FROM slack_posts").await, 0, "waiting posts go with it");
        assert!(store.set_slack_channel(ws.id, "C1", "support").await.is_err(), "not connected");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slack_user_answers_as_one_agent_until_linked_elsewhere() {
    on_each_backend("slack_users_link_to_agents", |db| async move {
        let store = db.store.clone();
        let ws = workspace(&*store, "acme").await;
        let new = portal_store::NewAgent {
            email: email("sam@acme.test"),
            name: "Sam".into(),
            role: portal_core::console::Role::Agent,
            password_hash: "$argon2id$x".into(),
        };
        let sam = store.create_agent(ws.id, &new, NOW).await.unwrap().id;
        store.link_slack_user(ws.id, "U1", sam).await.unwrap();
        assert_eq!(store.slack_agent(ws.id, "U1").await.unwrap().map(|a| a.id), Some(sam));
        store.link_slack_user(ws.id, "U2", sam).await.unwrap();
        assert_eq!(store.slack_agent(ws.id, "U1").await.unwrap(), None, "one Slack user an agent");
        assert_eq!(store.slack_user_of(ws.id, sam).await.unwrap().as_deref(), Some("U2"));
        let globex = workspace(&*store, "globex").await;
        assert_eq!(store.slack_agent(globex.id, "U2").await.unwrap(), None);
        store.link_slack_user(globex.id, "U3", sam).await.unwrap();
        assert_eq!(store.slack_agent(globex.id, "U3").await.unwrap(), None, "not another workspace's agent");
    })
    .await;
}
