//! Finding tickets: search (title, description, number, public messages;
//! never internal notes) with its ranking and previews, the filters, every
//! sort in both directions, and keyset pages that cover a list exactly once.

use crate::harness::*;
use portal_core::listing::{ListQuery, SortKey, TicketPage};
use portal_core::{CustomerScope, TicketNumber, TicketStatus};
use portal_store::Store;

const MINUTE: i64 = 60_000;

fn query(raw: &str, types: &[String]) -> ListQuery {
    ListQuery::parse(raw, types).unwrap()
}

async fn titles(store: &dyn Store, scope: &CustomerScope, raw: &str, types: &[String]) -> Vec<String> {
    let page = store.find_tickets(scope, &query(raw, types), true).await.unwrap();
    page.tickets.into_iter().map(|t| t.title).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn search_ranks_title_then_description_then_conversation() {
    on_each_backend("search_ranks_title_then_description_then_conversation", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let types = acme.ticket_types.clone();
        let (_, alice) = sign_in(store, acme.id, "alice@example.com").await;
        let (_, bob) = sign_in(store, acme.id, "bob@example.com").await;

        let create = |raw_title: &'static str, text: &'static str, at: i64| {
            let alice = alice.clone();
            async move {
                store
                    .customer_create_ticket(&alice, &CustomerTicket::new(&title(raw_title), &description(text)), at)
                    .await
                    .unwrap()
                    .number
            }
        };
        let in_conversation = create("Billing", "", NOW).await;
        store
            .customer_reply(
                &alice,
                in_conversation,
                &text(&body("My Printer is jammed again"), &fresh_key()),
                NOW + MINUTE,
            )
            .await
            .unwrap();
        let in_description = create("Office", "The printer on floor 2", NOW).await;
        let in_title_old = create("Printer setup", "", NOW - 10 * MINUTE).await;
        create("Printer everywhere", "", NOW).await;
        let noted = create("Secret", "", NOW).await;
        store
            .agent_post_message(&agent, noted, &agent_post("printer passwords are in the vault", true), NOW)
            .await
            .unwrap();
        customer_ticket(store, &bob, "Bob's printer", NOW).await;

        assert_eq!(
            titles(store, &alice, "q=printer", &types).await,
            ["Printer everywhere", "Printer setup", "Office", "Billing"],
            "title matches first (newest first among them), then the description, then the conversation; \
             never an internal note, never another customer's ticket"
        );
        assert_eq!(titles(store, &alice, "q=PRINTER+jammed", &types).await, ["Billing"], "every word, any case");
        assert_eq!(titles(store, &alice, "q=rinter", &types).await, Vec::<String>::new(), "whole words");
        assert_eq!(titles(store, &alice, "q=print", &types).await, Vec::<String>::new(), "whole words");
        assert_eq!(titles(store, &alice, "q=vault", &types).await, Vec::<String>::new(), "internal notes never match");
        assert_eq!(titles(store, &alice, &format!("q=%23{noted}"), &types).await, ["Secret"], "#number");
        assert_eq!(titles(store, &alice, &format!("q={in_title_old}"), &types).await, ["Printer setup"]);

        // The preview: the best snippet, its author, its time, words marked.
        let page = store.find_tickets(&alice, &query("q=printer+jammed", &types), true).await.unwrap();
        let preview = page.tickets[0].preview.as_ref().expect("a search result has a preview");
        assert_eq!((preview.author.as_str(), preview.at), ("Fixture", NOW + MINUTE));
        let marked: Vec<&str> = preview.snippet.parts.iter().filter(|p| p.matched).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["Printer", "jammed"]);
        let page = store.find_tickets(&alice, &query("q=printer", &types), false).await.unwrap();
        assert!(page.tickets.iter().all(|t| t.preview.is_none()), "no previews when the workspace turns them off");
        let page = store.find_tickets(&alice, &query("", &types), true).await.unwrap();
        assert!(page.tickets.iter().all(|t| t.preview.is_none()), "no previews without a search");

        // An agent's public reply is found; full-text syntax is only words.
        store.agent_post_message(&agent, in_description, &agent_post("Toner ordered", false), NOW).await.unwrap();
        assert_eq!(titles(store, &alice, "q=toner", &types).await, ["Office"]);
        for raw in ["%22printer", "printer*", "printer+NEAR+jam", "title%3Aprinter", "-printer", "a+OR+b"] {
            store.find_tickets(&alice, &query(&format!("q={raw}"), &types), true).await.unwrap();
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_narrow_and_sorts_page_through_everything_once() {
    on_each_backend("filters_narrow_and_sorts_page_through_everything_once", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let agent = agent(store, acme.id).await;
        let types = acme.ticket_types.clone();
        let (_, alice) = sign_in(store, acme.id, "alice@example.com").await;
        // Seven tickets, a day apart, with types and states in a mix.
        let day = 86_400_000;
        let mut numbers = Vec::new();
        for i in 0..7_i64 {
            let ticket_type = types.get((i % 3) as usize).map(String::as_str).filter(|_| i != 6);
            let number = store
                .customer_create_ticket(
                    &alice,
                    &CustomerTicket { ticket_type, ..CustomerTicket::new(&title(&format!("T{i}")), &description("")) },
                    NOW + i * day,
                )
                .await
                .unwrap()
                .number;
            let status = [TicketStatus::Open, TicketStatus::Closed, TicketStatus::OnHold][(i % 3) as usize];
            store.agent_update_ticket(&agent, number, Some(status), None, None, NOW + i * day).await.unwrap();
            numbers.push(number);
        }

        let found = |raw: &'static str| titles(store, &alice, raw, &types);
        assert_eq!(found("state=closed&sort=number-asc").await, ["T1", "T4"]);
        assert_eq!(found("type=Question&sort=number-asc").await, ["T0", "T3"]);
        // 2023-11-14 is NOW's day; created_to takes in the whole day.
        assert_eq!(found("created_from=2023-11-15&created_to=2023-11-16&sort=number-asc").await, ["T1", "T2"]);
        assert_eq!(found("updated_to=2023-11-14").await, ["T0"]);
        assert_eq!(found("creator=ALICE%40example.com&state=on_hold&sort=number-asc").await, ["T2", "T5"]);
        assert_eq!(found("creator=nobody%40example.com").await, Vec::<String>::new());

        // Every sort, both ways, two rows a page: the pages are the whole
        // list in order, each ticket once.
        for key in [SortKey::Number, SortKey::Type, SortKey::State, SortKey::Created, SortKey::Updated] {
            for direction in ["asc", "desc"] {
                let raw = format!("sort={}-{direction}&limit=2", key.as_str());
                let unpaged = query(&format!("sort={}-{direction}", key.as_str()), &types);
                let whole = store.find_tickets(&alice, &unpaged, false).await.unwrap();
                let whole: Vec<TicketNumber> = whole.tickets.iter().map(|t| t.number).collect();
                let mut paged = Vec::new();
                let mut list = query(&raw, &types);
                loop {
                    let TicketPage { tickets, next } = store.find_tickets(&alice, &list, false).await.unwrap();
                    assert!(tickets.len() <= 2);
                    paged.extend(tickets.iter().map(|t| t.number));
                    let Some(cursor) = next else { break };
                    list = query(list.link(&[], Some(&cursor)).trim_start_matches('?'), &types);
                }
                assert_eq!(paged, whole, "{raw}");
                assert_eq!(whole.len(), 7, "{raw}");
                let mut sorted = whole.clone();
                sorted.sort();
                let mut expected = numbers.clone();
                expected.sort();
                assert_eq!(sorted, expected, "{raw}");
            }
        }
        let by_state = found("sort=state-asc").await;
        assert_eq!(by_state, ["T0", "T3", "T6", "T2", "T5", "T1", "T4"], "open, on hold, closed; then by number");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn imported_conversations_are_searchable_before_and_after_a_rebuild() {
    use portal_core::CompanyKey;
    use portal_store::{ImportedMessage, ImportedTicket};
    on_each_backend("imported_conversations_are_searchable_before_and_after_a_rebuild", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let (alice_id, alice) = sign_in(store, acme.id, "alice@example.com").await;
        let globex = CompanyKey::parse("globex").unwrap();
        store.upsert_company(acme.id, &globex, "Globex", NOW).await.unwrap();
        let message = |body: &str, internal: bool| ImportedMessage {
            author: (!internal).then_some(alice_id),
            author_name: "Alice".into(),
            body: body.into(),
            internal,
            created_at: NOW,
        };
        let tickets: Vec<ImportedTicket> = (0..250)
            .map(|i| ImportedTicket {
                creator: alice_id,
                company: (i % 2 == 0).then(|| globex.clone()),
                title: format!("Imported {i}"),
                description: String::new(),
                status: TicketStatus::Open,
                created_at: NOW + i,
                updated_at: NOW + i,
                messages: vec![message(&format!("word{i} public"), false), message(&format!("hidden{i}"), true)],
            })
            .collect();
        store.import_conversations(acme.id, &tickets).await.unwrap();
        let types = acme.ticket_types.clone();
        for round in ["triggers", "rebuild"] {
            assert_eq!(titles(store, &alice, "q=word249", &types).await, ["Imported 249"], "{round}");
            assert_eq!(titles(store, &alice, "q=hidden7", &types).await, Vec::<String>::new(), "{round}");
            store.rebuild_search_index().await.unwrap();
        }
        let all = store.find_tickets(&alice, &query("sort=number-asc&limit=100", &types), false).await.unwrap();
        assert_eq!(
            all.tickets.first().map(|t| t.number),
            Some(TicketNumber(1)),
            "numbered from the workspace's counter"
        );
        assert!(store.events_since(&alice, 0, 500).await.unwrap().is_empty(), "imported history writes no events");

        // A word in thousands of tickets, a customer who sees three: the
        // scope leads, and finds exactly those.
        let (bob_id, _) = sign_in(store, acme.id, "bob@example.com").await;
        let many: Vec<ImportedTicket> = (0..5_100)
            .map(|i| ImportedTicket {
                creator: if i < 3 { alice_id } else { bob_id },
                company: None,
                title: format!("Common {i}"),
                description: if i == 1 { "common and rare".into() } else { "common".into() },
                status: TicketStatus::Open,
                created_at: NOW + i,
                updated_at: NOW + i,
                messages: Vec::new(),
            })
            .collect();
        store.import_conversations(acme.id, &many).await.unwrap();
        assert_eq!(
            titles(store, &alice, "q=common&sort=number-asc", &types).await,
            ["Common 0", "Common 1", "Common 2"]
        );
        assert_eq!(titles(store, &alice, "q=common+rare", &types).await, ["Common 1"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_folds_accents_and_stems_words() {
    on_each_backend("search_folds_accents_and_stems_words", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let types = acme.ticket_types.clone();
        let (alice_id, alice) = sign_in(store, acme.id, "alice@example.com").await;
        customer_ticket(store, &alice, "Rechnung fällig", NOW).await;
        customer_ticket(store, &alice, "Our printer jams", NOW - MINUTE).await;
        customer_ticket(store, &alice, "Café crème", NOW - 2 * MINUTE).await;

        assert_eq!(titles(store, &alice, "q=fallig", &types).await, ["Rechnung fällig"], "accents fold");
        assert_eq!(titles(store, &alice, "q=F%C3%84LLIG", &types).await, ["Rechnung fällig"], "and case");
        assert_eq!(titles(store, &alice, "q=cafe+creme", &types).await, ["Café crème"]);
        assert_eq!(titles(store, &alice, "q=printers", &types).await, ["Our printer jams"], "English stems");
        assert_eq!(titles(store, &alice, "q=jammed", &types).await, ["Our printer jams"]);
        assert_eq!(titles(store, &alice, "q=print", &types).await, Vec::<String>::new(), "no prefixes");
        // The index's own marks of who may see a ticket are no words.
        for raw in [format!("o{}", alice_id.0), format!("p{}", alice_id.0), format!("scope+o{}", alice_id.0)] {
            assert_eq!(titles(store, &alice, &format!("q={raw}"), &types).await, Vec::<String>::new(), "{raw}");
        }
    })
    .await;
}

/// An agent's search by relevance reads tier by tier: a tier with more
/// matches than it collects is walked newest first instead. Every way
/// gives the pages a sort of all the matches gives.
#[tokio::test(flavor = "multi_thread")]
async fn an_agents_search_pages_the_same_whether_tiers_are_walked_or_collected() {
    use portal_store::{Assignee, ImportedMessage, ImportedTicket};
    on_each_backend("an_agents_search_pages_the_same_whether_tiers_are_walked_or_collected", |db| async move {
        let store = &*db.store;
        let acme = workspace(store, "acme").await;
        let types = acme.ticket_types.clone();
        let agent = agent(store, acme.id).await;
        let (alice_id, _) = sign_in(store, acme.id, "alice@example.com").await;
        // "alpha" is in every title (one tier, walked); "delta" in every
        // description; "gamma" here and there, in every part (collected).
        let count = 2_100;
        let tickets: Vec<ImportedTicket> = (0..count)
            .map(|i: i64| {
                let message = |body: String, internal: bool| ImportedMessage {
                    author: (!internal).then_some(alice_id),
                    author_name: "Alice".into(),
                    body,
                    internal,
                    created_at: NOW,
                };
                let word = |every: i64| if i % every == 0 { " gamma" } else { "" };
                ImportedTicket {
                    creator: alice_id,
                    company: None,
                    title: format!("alpha {i}{}", word(3)),
                    description: format!("delta{}", word(5)),
                    status: TicketStatus::Open,
                    created_at: NOW,
                    // Ties, broken by the number.
                    updated_at: NOW + (i * 7919) % 500,
                    messages: vec![
                        message(format!("reply{}", word(7)), false),
                        message(format!("note{}", word(11)), true),
                    ],
                }
            })
            .collect();
        store.import_conversations(acme.id, &tickets).await.unwrap();
        let tier_of = |i: i64, words: &[&str]| {
            let has = |text: &str| words.iter().all(|w| text.split(' ').any(|word| word == *w));
            let t = &tickets[i as usize];
            let described = format!("{} {}", t.title, t.description);
            let everywhere = format!("{described} {} {}", t.messages[0].body, t.messages[1].body);
            [&t.title, &described, &everywhere].iter().position(|text| has(text)).map(|p| p as i64 + 1)
        };
        // Numbered 1.. in import order.
        for (raw, words, named) in [
            ("q=alpha", vec!["alpha"], None),
            ("q=gamma", vec!["gamma"], None),
            ("q=delta", vec!["delta"], None),
            ("q=alpha+delta", vec!["alpha", "delta"], None),
            ("q=delta+gamma", vec!["delta", "gamma"], None),
            ("q=%23700", vec!["700"], Some(700)),
            ("q=1", vec!["1"], Some(1)),
        ] {
            let mut want: Vec<(i64, i64, i64)> = (0..count)
                .filter_map(|i| {
                    let number = i + 1;
                    let tier = if named == Some(number) { Some(0) } else { tier_of(i, &words) };
                    tier.map(|tier| (tier, -tickets[i as usize].updated_at, -number))
                })
                .collect();
            want.sort();
            let want: Vec<TicketNumber> = want.into_iter().map(|(_, _, n)| TicketNumber(-n)).collect();
            let mut got = Vec::new();
            let mut list = query(&format!("{raw}&limit=100"), &types);
            loop {
                let found = store.find_inbox(&agent, &list, &Assignee::Anyone.into()).await.unwrap();
                got.extend(found.page.tickets.iter().map(|t| t.number));
                match found.page.next {
                    Some(next) => list.after = Some(next),
                    None => break,
                }
                assert!(got.len() <= want.len(), "{raw}: more pages than matches");
            }
            assert_eq!(got.len(), want.len(), "{raw}");
            assert!(got == want, "{raw}: the pages differ from the sorted matches");
        }
    })
    .await;
}
