use crate::harness::*;
use portal_core::TicketTypes;
use portal_core::audience::PortalAudience;
use portal_core::visibility::{Condition, TicketVisibility};
use portal_core::{TicketNumber, TicketStatus};
use portal_store::Backend;
use portal_store::testing::on_each_empty_database;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use std::borrow::Cow;
use std::path::Path;
use std::str::FromStr;

#[tokio::test(flavor = "multi_thread")]
async fn migrations_are_idempotent() {
    on_each_backend("migrations_are_idempotent", |db| async move {
        let ws = workspace(&*db.store, "acme").await;
        let migrations = db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await;
        assert!(migrations >= 1);

        // Connecting again, while the first store is still open, applies nothing new.
        let again = portal_store::connect(&db.url, db.keys()).await.unwrap();
        assert_eq!(again.backend(), db.backend);
        assert_eq!(again.workspace_by_slug(&ws.slug).await.unwrap(), Some(ws.clone()));
        drop(again);
        let third = portal_store::connect(&db.url, db.keys()).await.unwrap();
        assert_eq!(third.workspace(ws.id).await.unwrap(), Some(ws));
        workspace(&*third, "globex").await;
        assert_eq!(db.scalar("SELECT COUNT(*) FROM _sqlx_migrations").await, migrations);
        assert_eq!(db.scalar("SELECT COUNT(*) FROM workspaces").await, 2);
    })
    .await;
}

/// Rows written under the first schema, in SQL both backends accept (ids
/// are 1 in a fresh database).
const ROWS_OF_0001: &str = "\
    INSERT INTO workspaces (slug, name, session_lifetime_ms, next_ticket_number, created_at) \
        VALUES ('old', 'Old Inc.', 86400000, 2, 1000); \
    INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
        VALUES (1, 'old@example.com', 'old@example.com', 'Old Timer', 1000, 1000); \
    INSERT INTO tickets (workspace_id, number, title, description, status, creator_id, created_at, updated_at) \
        VALUES (1, 1, 'From before', 'Old ticket', 'closed', 1, 1000, 2000); \
    INSERT INTO messages (workspace_id, ticket_id, author_kind, author_name, body, is_internal, created_at) \
        VALUES (1, 1, 'agent', 'Agent', 'old answer', FALSE, 1500); \
    INSERT INTO messages (workspace_id, ticket_id, author_kind, author_name, body, is_internal, created_at) \
        VALUES (1, 1, 'agent', 'Agent', 'old note', TRUE, 1600);";

/// Applies only `0001_init.sql` to the empty database at `url`, and writes
/// [`ROWS_OF_0001`].
async fn database_at_0001(backend: Backend, url: &str) {
    database_before(backend, url, 2, ROWS_OF_0001).await;
}

/// Applies the migrations numbered below `version` to the empty database at
/// `url`, and writes `rows`.
async fn database_before(backend: Backend, url: &str, version: i64, rows: &str) {
    let folder = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations").join(folder);
    let mut first = Migrator::new(source).await.unwrap();
    first.migrations = Cow::Owned(first.migrations.iter().filter(|m| m.version < version).cloned().collect());
    assert!(!first.migrations.is_empty());
    match backend {
        Backend::Sqlite => {
            let options = SqliteConnectOptions::from_str(url).unwrap().create_if_missing(true);
            let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
            first.run(&pool).await.unwrap();
            sqlx::raw_sql(rows).execute(&pool).await.unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            first.run(&pool).await.unwrap();
            sqlx::raw_sql(rows).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

/// While idempotency keys were per ticket (before 0012), a customer and
/// the agents could each use one key on two tickets (ids 1 to 4 in a fresh
/// database).
const KEYS_PER_TICKET: &str = "\
    INSERT INTO workspaces (slug, name, session_lifetime_ms, next_ticket_number, created_at) \
        VALUES ('old', 'Old Inc.', 86400000, 3, 1000); \
    INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
        VALUES (1, 'ann@example.com', 'ann@example.com', 'Ann', 1000, 1000); \
    INSERT INTO tickets (workspace_id, number, title, description, status, creator_id, created_at, updated_at) \
        VALUES (1, 1, 'One', '', 'open', 1, 1000, 1000), (1, 2, 'Two', '', 'open', 1, 1000, 1000); \
    INSERT INTO messages (workspace_id, ticket_id, author_kind, author_customer_id, author_name, body, \
        is_internal, created_at, idempotency_key) VALUES \
        (1, 1, 'customer', 1, 'Ann', 'first', FALSE, 1100, 'ann-key-0001'), \
        (1, 2, 'customer', 1, 'Ann', 'second', FALSE, 1200, 'ann-key-0001'), \
        (1, 1, 'agent', NULL, 'Bot', 'answer one', FALSE, 1300, 'bot-key-0001'), \
        (1, 2, 'agent', NULL, 'Bot', 'answer two', FALSE, 1400, 'bot-key-0001');";

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_to_keys_per_author_keeps_each_keys_newest_message() {
    on_each_empty_database("upgrading_to_keys_per_author_keeps_each_keys_newest_message", |backend, url| async move {
        database_before(backend, &url, 12, KEYS_PER_TICKET).await;
        let store = portal_store::connect(&url, portal_store::KeyRing::generate()).await.unwrap();
        let old = store.workspace_by_slug(&slug("old")).await.unwrap().unwrap();
        let (_, ann) = sign_in(&*store, old.id, "ann@example.com").await;
        let agent = agent(&*store, old.id).await;

        // The newest of each key's messages is still a retry's answer ...
        let k = key("ann-key-0001");
        let retry = store.customer_reply(&ann, TicketNumber(2), &text(&body("second"), &k), NOW).await.unwrap();
        assert!(retry.duplicate && retry.message.body == "second", "{retry:?}");
        let bot = portal_store::AgentPost { key: Some(key("bot-key-0001")), ..agent_post("answer two", false) };
        let retry = store.agent_post_message(&agent, TicketNumber(2), &bot, NOW).await.unwrap();
        assert!(retry.duplicate && retry.message.body == "answer two", "{retry:?}");
        // ... and the key is refused for anything else.
        let reused = store.customer_reply(&ann, TicketNumber(1), &text(&body("first"), &k), NOW).await;
        assert!(matches!(reused, Err(portal_store::StoreError::KeyReused)), "{reused:?}");
        let keyed =
            store.customer_reply(&ann, TicketNumber(1), &text(&body("third"), &fresh_key()), NOW).await.unwrap();
        assert!(!keyed.duplicate);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_keeps_the_rows_of_0001() {
    on_each_empty_database("upgrading_keeps_the_rows_of_0001", |backend, url| async move {
        database_at_0001(backend, &url).await;
        let store = portal_store::connect(&url, portal_store::KeyRing::generate()).await.unwrap();

        let old = store.workspace_by_slug(&slug("old")).await.unwrap().unwrap();
        assert!(old.reopen_allowed);
        assert_eq!(old.ticket_types, TicketTypes::DEFAULT.map(String::from));
        let (_, scope) = sign_in(&*store, old.id, "old@example.com").await;
        let detail = store.ticket_detail(&scope, TicketNumber(1)).await.unwrap().unwrap();
        assert_eq!((detail.title.as_str(), detail.ticket_type.as_deref()), ("From before", None));
        assert_eq!((detail.status, detail.updated_at), (TicketStatus::Closed, 2000));
        let bodies: Vec<_> = detail.messages.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["old answer"], "the old internal note stays internal");
        assert!(store.events_since(&scope, 0, 100).await.unwrap().is_empty(), "no events for the past");

        // The old ticket takes part in conversations like a new one.
        let reply =
            store.customer_reply(&scope, TicketNumber(1), &text(&body("back again"), &fresh_key()), NOW).await.unwrap();
        assert!(reply.reopened);
        assert_eq!(reply.message.author_name, "Fixture");
        assert_eq!(store.events_since(&scope, 0, 100).await.unwrap().len(), 2);
        assert_eq!(customer_ticket(&*store, &scope, "new", NOW).await, TicketNumber(2));
    })
    .await;
}

/// Rules stored while conditions could name the customer's name (before
/// 0011), with the decisions they made then (ids 1 to 3 in a fresh database):
/// `seen` restricts by name, `open` admits by name, `kept` names none.
const NAME_RULES: &str = r#"
    INSERT INTO workspaces (slug, name, session_lifetime_ms, next_ticket_number, created_at,
        ticket_visibility, portal_audience) VALUES
        ('seen', 'Seen Inc.', 86400000, 1, 1000,
         '{"restricted":true,"conditions":[{"attribute":"name","operator":"contains","value":"contractor"}]}',
         '{"conditions":[]}'),
        ('open', 'Open Inc.', 86400000, 1, 1000,
         '{"restricted":false,"conditions":[]}',
         '{"conditions":[{"attribute":"name","operator":"contains","value":"vip"}]}'),
        ('kept', 'Kept Inc.', 86400000, 1, 1000,
         '{"restricted":true,"conditions":[{"attribute":"email","operator":"ends_with","value":"@contractor.example"}]}',
         '{"conditions":[{"attribute":"email","operator":"contains","value":"example"}]}');
    INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at,
        sees_company_tickets, in_audience) VALUES
        (1, 'ann@seen.example', 'ann@seen.example', 'Ann', 1000, 1000, TRUE, TRUE),
        (2, 'bob@open.example', 'bob@open.example', 'Bob VIP', 1000, 1000, TRUE, TRUE),
        (3, 'cid@kept.example', 'cid@kept.example', 'Cid', 1000, 1000, TRUE, TRUE);"#;

/// The customers (by email) whose stored decisions say `decision` (a column).
async fn deciding(backend: Backend, url: &str, decision: &str) -> Vec<String> {
    let sql = format!("SELECT email FROM customers WHERE {decision} ORDER BY email");
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.unwrap();
            sqlx::query_scalar(&sql).fetch_all(&pool).await.unwrap()
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::query_scalar(&sql).fetch_all(&pool).await.unwrap()
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_makes_stored_name_conditions_fail_closed() {
    on_each_empty_database("upgrading_makes_stored_name_conditions_fail_closed", |backend, url| async move {
        database_before(backend, &url, 11, NAME_RULES).await;
        let store = portal_store::connect(&url, portal_store::KeyRing::generate()).await.unwrap();
        let ws = |raw: &'static str| {
            let store = store.clone();
            async move { store.workspace_by_slug(&slug(raw)).await.unwrap().unwrap().id }
        };
        let (seen, open) = (ws("seen").await, ws("open").await);

        // The upgrade itself closes what the name decided: Ann no longer sees
        // Seen's company tickets, Bob no longer uses Open's portal.
        assert_eq!(deciding(backend, &url, "sees_company_tickets").await, ["bob@open.example", "cid@kept.example"]);
        assert_eq!(deciding(backend, &url, "in_audience").await, ["ann@seen.example", "cid@kept.example"]);

        // The rules are kept for the admin to see, and say what to do.
        let rule = store.ticket_visibility(seen).await.unwrap();
        assert_eq!(rule.conditions.iter().map(ToString::to_string).collect::<Vec<_>>(), ["name contains contractor"]);
        assert!(rule.needs_edit().unwrap().contains("every customer sees only their own tickets"));
        assert!(store.portal_audience(open).await.unwrap().needs_edit().unwrap().contains("nobody may use"));

        // Applied again (a sign-in, under any name), they stay closed.
        let bob = store.upsert_customer(open, &email("bob@open.example"), &name("Bob VIP"), NOW).await.unwrap();
        assert!(!bob.in_audience);
        store.upsert_customer(seen, &email("ann@seen.example"), &name("Ann Contractor"), NOW).await.unwrap();
        store.upsert_customer(seen, &email("dan@seen.example"), &name("Dan"), NOW).await.unwrap();
        assert_eq!(deciding(backend, &url, "sees_company_tickets").await, ["bob@open.example", "cid@kept.example"]);

        // An admin's edit opens them again.
        let contractors = Condition::parse("email", "ends_with", "@contractor.example").unwrap();
        store.set_ticket_visibility(seen, &TicketVisibility::new(true, vec![contractors]).unwrap()).await.unwrap();
        store.set_portal_audience(open, &PortalAudience::default()).await.unwrap();
        let everyone = ["ann@seen.example", "bob@open.example", "cid@kept.example", "dan@seen.example"];
        assert_eq!(deciding(backend, &url, "sees_company_tickets").await, everyone);
        assert_eq!(deciding(backend, &url, "in_audience").await, everyone);
    })
    .await;
}

/// A company and its member, written before companies had attributes (before 0015).
const COMPANY_OF_0014: &str = "\
    INSERT INTO workspaces (slug, name, session_lifetime_ms, next_ticket_number, created_at) \
        VALUES ('old', 'Old Inc.', 86400000, 1, 1000); \
    INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
        VALUES (1, 'ann@globex.example', 'ann@globex.example', 'Ann', 1000, 1000); \
    INSERT INTO companies (workspace_id, key, name, created_at) VALUES (1, 'globex', 'Globex', 1000); \
    INSERT INTO company_members (workspace_id, company_id, customer_id) VALUES (1, 1, 1);";

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_gives_companies_no_attributes_until_set() {
    on_each_empty_database("upgrading_gives_companies_no_attributes_until_set", |backend, url| async move {
        database_before(backend, &url, 15, COMPANY_OF_0014).await;
        let store = portal_store::connect(&url, portal_store::KeyRing::generate()).await.unwrap();
        let old = store.workspace_by_slug(&slug("old")).await.unwrap().unwrap();
        let globex = portal_core::CompanyKey::parse("globex").unwrap();
        let entry = store.company(old.id, &globex).await.unwrap().expect("the company is kept");
        assert_eq!((entry.name.as_str(), entry.attributes.as_map().len()), ("Globex", 0));

        let gold = PortalAudience::new(vec![Condition::parse_line("company.attributes.tier equals gold").unwrap()]);
        store.set_portal_audience(old.id, &gold.unwrap()).await.unwrap();
        assert!(deciding(backend, &url, "in_audience").await.is_empty(), "no tier yet");
        let tier = std::collections::BTreeMap::from([("tier".to_string(), "gold".to_string())]);
        store.set_company_attributes(old.id, &globex, &tier).await.unwrap();
        assert_eq!(deciding(backend, &url, "in_audience").await, ["ann@globex.example"]);
    })
    .await;
}

/// A ticket with three events, the newest deleted since (before 0017,
/// which copies SQLite's outbox into a table taking the new event kind).
const EVENTS_OF_0016: &str = "\
    INSERT INTO workspaces (slug, name, session_lifetime_ms, next_ticket_number, created_at) \
        VALUES ('old', 'Old Inc.', 86400000, 2, 1000); \
    INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
        VALUES (1, 'ann@example.com', 'ann@example.com', 'Ann', 1000, 1000), \
        (1, 'bob@example.com', 'bob@example.com', 'Bob', 1000, 1000); \
    INSERT INTO tickets (workspace_id, number, title, description, status, creator_id, created_at, updated_at) \
        VALUES (1, 1, 'From before', '', 'open', 1, 1000, 1200); \
    INSERT INTO events (workspace_id, ticket_id, customer_id, kind, status, created_at) VALUES \
        (1, 1, 1, 'ticket.created', 'open', 1000), (1, 1, 1, 'ticket.status', 'on_hold', 1100), \
        (1, 1, 1, 'ticket.status', 'open', 1200); \
    DELETE FROM events WHERE id = 3;";

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_to_participants_keeps_the_outbox_and_its_ids() {
    on_each_empty_database("upgrading_to_participants_keeps_the_outbox_and_its_ids", |backend, url| async move {
        database_before(backend, &url, 17, EVENTS_OF_0016).await;
        let store = portal_store::connect(&url, portal_store::KeyRing::generate()).await.unwrap();
        let old = store.workspace_by_slug(&slug("old")).await.unwrap().unwrap();
        let (_, ann) = sign_in(&*store, old.id, "ann@example.com").await;
        let events = store.events_since(&ann, 0, 100).await.unwrap();
        let kept: Vec<(i64, Option<TicketStatus>)> = events.iter().map(|e| (e.id, e.status)).collect();
        assert_eq!(kept, [(1, Some(TicketStatus::Open)), (2, Some(TicketStatus::OnHold))], "the outbox as it was");

        // The new kind is taken, and ids go on after every id ever used.
        let agent = agent(&*store, old.id).await;
        store.add_participant(&agent, TicketNumber(1), &email("bob@example.com"), NOW).await.unwrap();
        let (_, bob) = sign_in(&*store, old.id, "bob@example.com").await;
        let new: Vec<(i64, portal_core::EventKind)> =
            store.events_since(&bob, 2, 100).await.unwrap().iter().map(|e| (e.id, e.kind)).collect();
        assert_eq!(new, [(4, portal_core::EventKind::TicketParticipants)], "id 3 is never used again");
        assert_eq!(store.latest_event_id(old.id).await.unwrap(), 4);
    })
    .await;
}
