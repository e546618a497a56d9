use crate::harness::*;
use portal_core::{CustomerId, TicketNumber, TicketStatus, TicketSummary, WorkspaceId};
use portal_store::{NewTicket, StoreError};
use std::time::Instant;

fn numbers(tickets: &[TicketSummary]) -> Vec<TicketNumber> {
    tickets.iter().map(|t| t.number).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn ticket_numbers_are_per_workspace() {
    on_each_backend("ticket_numbers_are_per_workspace", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let alice = store.upsert_customer(acme.id, &email("alice@example.com"), &name("Alice"), NOW).await.unwrap();
        let gina = store.upsert_customer(globex.id, &email("gina@example.com"), &name("Gina"), NOW).await.unwrap();

        let new = NewTicket {
            title: "Cannot log in".into(),
            description: "Since this morning.".into(),
            status: TicketStatus::InProgress,
        };
        let first = store.create_ticket(acme.id, alice.id, &new, NOW + 5).await.unwrap();
        assert_eq!(
            first,
            TicketSummary {
                number: TicketNumber(1),
                title: "Cannot log in".into(),
                status: TicketStatus::InProgress,
                updated_at: NOW + 5
            }
        );
        assert_eq!(store.create_ticket(acme.id, alice.id, &ticket("b"), NOW).await.unwrap().number, TicketNumber(2));
        assert_eq!(store.create_ticket(acme.id, alice.id, &ticket("c"), NOW).await.unwrap().number, TicketNumber(3));
        assert_eq!(store.create_ticket(globex.id, gina.id, &ticket("g"), NOW).await.unwrap().number, TicketNumber(1));
        assert_eq!(store.create_ticket(acme.id, alice.id, &ticket("d"), NOW).await.unwrap().number, TicketNumber(4));
        assert_eq!(store.create_ticket(globex.id, gina.id, &ticket("h"), NOW).await.unwrap().number, TicketNumber(2));

        // Every status is stored and read back.
        for status in TicketStatus::ALL {
            let new = NewTicket { status, ..ticket("status") };
            assert_eq!(store.create_ticket(globex.id, gina.id, &new, NOW).await.unwrap().status, status);
        }
        let (_, gina_scope) = sign_in(&*store, globex.id, "gina@example.com").await;
        let statuses: Vec<_> = store.list_tickets(&gina_scope, 4).await.unwrap().iter().map(|t| t.status).collect();
        assert_eq!(statuses, TicketStatus::ALL.into_iter().rev().collect::<Vec<_>>());

        // An unknown workspace, or a creator from another workspace, is refused
        // and uses up no number.
        let missing = store.create_ticket(WorkspaceId(globex.id.0 + 1000), alice.id, &ticket("x"), NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        let foreign = store.create_ticket(acme.id, gina.id, &ticket("x"), NOW).await;
        assert!(matches!(foreign, Err(StoreError::Database(_))), "{foreign:?}");
        let unknown = store.create_ticket(acme.id, CustomerId(gina.id.0 + 1000), &ticket("x"), NOW).await;
        assert!(matches!(unknown, Err(StoreError::Database(_))), "{unknown:?}");
        assert_eq!(store.create_ticket(acme.id, alice.id, &ticket("e"), NOW).await.unwrap().number, TicketNumber(5));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_creates_get_distinct_numbers() {
    on_each_backend("concurrent_creates_get_distinct_numbers", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (alice, scope) = sign_in(&*store, acme.id, "alice@example.com").await;
        let tasks: Vec<_> = (0..20)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store.create_ticket(acme.id, alice, &ticket(&format!("ticket {i}")), NOW + i).await.unwrap().number
                })
            })
            .collect();
        let mut got = Vec::new();
        for task in tasks {
            got.push(task.await.unwrap());
        }
        got.sort_unstable();
        assert_eq!(got, (1..=20).map(TicketNumber).collect::<Vec<_>>());
        assert_eq!(store.list_tickets(&scope, 100).await.unwrap().len(), 20);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn import_continues_the_numbering() {
    on_each_backend("import_continues_the_numbering", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (alice, scope) = sign_in(&*store, acme.id, "alice@example.com").await;
        store.create_ticket(acme.id, alice, &ticket("one"), NOW).await.unwrap();
        store.create_ticket(acme.id, alice, &ticket("two"), NOW).await.unwrap();

        let imported: Vec<_> = (0..5).map(|i| ticket(&format!("imported {i}"))).collect();
        store.import_tickets(acme.id, alice, &imported, NOW + 1).await.unwrap();
        store.import_tickets(acme.id, alice, &[], NOW + 1).await.unwrap();
        assert_eq!(
            store.create_ticket(acme.id, alice, &ticket("eight"), NOW + 2).await.unwrap().number,
            TicketNumber(8)
        );

        let listed = store.list_tickets(&scope, 100).await.unwrap();
        assert_eq!(numbers(&listed), [8, 7, 6, 5, 4, 3, 2, 1].map(TicketNumber));
        // Imported in order: the first of the slice got the first number.
        assert_eq!(listed[5].title, "imported 0");
        assert_eq!(listed[1].title, "imported 4");
        assert!(listed[1..6].iter().all(|t| t.updated_at == NOW + 1 && t.status == TicketStatus::Open));

        let missing = store.import_tickets(WorkspaceId(acme.id.0 + 1000), alice, &imported, NOW).await;
        assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
        // A failing import leaves nothing behind and uses up no numbers.
        let mut bad = imported.clone();
        bad.push(ticket("last"));
        let globex = workspace(&*store, "globex").await;
        let gina = store.upsert_customer(globex.id, &email("gina@example.com"), &name("Gina"), NOW).await.unwrap();
        let foreign = store.import_tickets(acme.id, gina.id, &bad, NOW).await;
        assert!(matches!(foreign, Err(StoreError::Database(_))), "{foreign:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM tickets").await, 8);
        assert_eq!(store.create_ticket(acme.id, alice, &ticket("nine"), NOW).await.unwrap().number, TicketNumber(9));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn import_of_100k_tickets_is_fast() {
    on_each_backend("import_of_100k_tickets_is_fast", |db| async move {
        const COUNT: i64 = 100_000;
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let (alice, scope) = sign_in(&*store, acme.id, "alice@example.com").await;
        let tickets: Vec<_> = (0..COUNT)
            .map(|i| NewTicket {
                title: format!("Imported ticket {i}"),
                description: "Imported from the old help desk, with a description of typical length.".into(),
                status: TicketStatus::ALL[(i % 4) as usize],
            })
            .collect();
        let started = Instant::now();
        store.import_tickets(acme.id, alice, &tickets, NOW).await.unwrap();
        let elapsed = started.elapsed();
        eprintln!("[import_of_100k_tickets_is_fast] {:?}: {COUNT} tickets in {elapsed:.2?}", db.backend);
        // Generous for debug builds on slow machines; seconds in practice.
        assert!(elapsed.as_secs() < 60, "import took {elapsed:?}");

        assert_eq!(db.scalar("SELECT COUNT(*) FROM tickets").await, COUNT);
        let listed = store.list_tickets(&scope, 500).await.unwrap();
        assert_eq!(listed.len(), 500);
        assert_eq!(listed[0].number, TicketNumber(COUNT));
        assert_eq!(listed[0].title, format!("Imported ticket {}", COUNT - 1));
        assert_eq!(listed[499].number, TicketNumber(COUNT - 499));
        assert_eq!(
            store.create_ticket(acme.id, alice, &ticket("next"), NOW).await.unwrap().number,
            TicketNumber(COUNT + 1)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_tickets_shows_only_the_scopes_own() {
    on_each_backend("list_tickets_shows_only_the_scopes_own", |db| async move {
        let store = db.store.clone();
        let acme = workspace(&*store, "acme").await;
        let globex = workspace(&*store, "globex").await;
        let (alice, alice_scope) = sign_in(&*store, acme.id, "alice@example.com").await;
        let (bob, bob_scope) = sign_in(&*store, acme.id, "bob@example.com").await;
        // The same person in another workspace is someone else there.
        let (alice_at_globex, globex_scope) = sign_in(&*store, globex.id, "alice@example.com").await;
        let (_, carol_scope) = sign_in(&*store, acme.id, "carol@example.com").await;

        let create = async |ws, creator, title: &str, at| {
            store.create_ticket(ws, creator, &ticket(title), at).await.unwrap().number
        };
        let a1 = create(acme.id, alice, "alice 1", NOW + 1).await;
        let b1 = create(acme.id, bob, "bob 1", NOW + 2).await;
        let a2 = create(acme.id, alice, "alice 2", NOW + 3).await;
        let a3 = create(acme.id, alice, "alice 3", NOW + 2).await;
        let g1 = create(globex.id, alice_at_globex, "globex alice 1", NOW + 9).await;
        let a4 = create(acme.id, alice, "alice 4", NOW + 3).await;
        let b2 = create(acme.id, bob, "bob 2", NOW + 9).await;

        // Newest first; equal times: the higher number first.
        let alices = store.list_tickets(&alice_scope, 100).await.unwrap();
        assert_eq!(numbers(&alices), vec![a4, a2, a3, a1]);
        assert!(alices.iter().all(|t| t.title.starts_with("alice ")), "{alices:?}");
        assert_eq!(numbers(&store.list_tickets(&bob_scope, 100).await.unwrap()), vec![b2, b1]);
        let at_globex = store.list_tickets(&globex_scope, 100).await.unwrap();
        assert_eq!(numbers(&at_globex), vec![g1]);
        assert_eq!(at_globex[0].title, "globex alice 1");
        assert!(store.list_tickets(&carol_scope, 100).await.unwrap().is_empty());

        // The limit is clamped to 1..=500.
        assert_eq!(numbers(&store.list_tickets(&alice_scope, 2).await.unwrap()), vec![a4, a2]);
        assert_eq!(numbers(&store.list_tickets(&alice_scope, 0).await.unwrap()), vec![a4]);
        let many: Vec<_> = (0..600).map(|i| ticket(&format!("alice bulk {i}"))).collect();
        store.import_tickets(acme.id, alice, &many, NOW).await.unwrap();
        assert_eq!(store.list_tickets(&alice_scope, 501).await.unwrap().len(), 500);
        assert_eq!(store.list_tickets(&alice_scope, u32::MAX).await.unwrap().len(), 500);
        assert_eq!(numbers(&store.list_tickets(&bob_scope, u32::MAX).await.unwrap()), vec![b2, b1]);
    })
    .await;
}
