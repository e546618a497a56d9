//! The access rule as a property: in random worlds (workspaces, companies
//! with attributes, customers with attributes and memberships, tickets in and out of
//! companies, participants added by agents or joining as company members,
//! public replies and internal notes, visibility rules and audiences), what
//! every customer can list, open and search is exactly what the rule
//! allows, whether they may write to a ticket is whether they take part in
//! it, whether the audience admits them is what it says, an internal
//! note's words are never found nor previewed, and a customer's own account
//! (their sessions, their access log, the tickets their export holds) is
//! theirs alone.
//!
//! The expected answer is computed here from the world as generated and the
//! rules' own definitions (`TicketVisibility::sees_company_tickets`, whose
//! table is tested in `portal_core::visibility`, and `PortalAudience::admits`). `PORTAL_PROPERTY_WORLDS`
//! sets how many worlds a run makes (default 60 per backend);
//! `PORTAL_PROPERTY_SEED` replays one run.

use crate::harness::*;
use portal_core::attributes::{CompanyAttributes, CustomerAttributes};
use portal_core::audience::PortalAudience;
use portal_core::listing::ListQuery;
use portal_core::visibility::{CompanyFacts, Condition, CustomerFacts, TicketVisibility};
use portal_core::{CompanyKey, CustomerScope, TicketAttributes, TicketNumber};
use portal_store::{AgentNewTicket, Store, StoreError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, BTreeSet};

struct Person {
    email: String,
    attributes: BTreeMap<String, String>,
    companies: BTreeSet<usize>,
    scope: Option<CustomerScope>,
}

struct Ticket {
    number: TicketNumber,
    creator: usize,
    company: Option<usize>,
    /// The people an agent added to it: they see it as its creator does.
    added: BTreeSet<usize>,
    /// The people who joined it as members who saw it: they write to it.
    joined: BTreeSet<usize>,
    /// A word only this ticket's public text has.
    word: String,
    /// Whether an agent's public reply is its newest message: it awaits the customer.
    answered: bool,
}

const DOMAINS: [&str; 3] = ["@staff.example", "@contractor.example", "@guest.example"];
const ROLES: [&str; 3] = ["admin", "member", "guest"];
const TIERS: [&str; 2] = ["gold", "silver"];
const COMPANY_NAME: &str = "A company";

fn random_condition(rng: &mut StdRng) -> Condition {
    let condition = match rng.random_range(0..4) {
        0 => Condition::parse("email", "ends_with", DOMAINS[rng.random_range(0..DOMAINS.len())]),
        1 => Condition::parse("attributes.role", "equals", ROLES[rng.random_range(0..ROLES.len())]),
        2 => Condition::parse("company.attributes.tier", "equals", TIERS[rng.random_range(0..TIERS.len())]),
        _ => Condition::parse("company.key", "equals", &format!("co{}", rng.random_range(0..3))),
    };
    condition.unwrap()
}

fn random_rule(rng: &mut StdRng) -> TicketVisibility {
    let conditions = (0..rng.random_range(0..=2)).map(|_| random_condition(rng)).collect();
    TicketVisibility::new(rng.random_bool(0.6), conditions).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn what_customers_find_is_exactly_what_the_rule_allows() {
    on_each_backend("what_customers_find_is_exactly_what_the_rule_allows", |db| async move {
        let store = &*db.store;
        let worlds: usize = std::env::var("PORTAL_PROPERTY_WORLDS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
        let seed: u64 =
            std::env::var("PORTAL_PROPERTY_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(rand::random);
        let mut rng = StdRng::seed_from_u64(seed);
        let mut checks = 0_usize;
        for world in 0..worlds {
            checks += check_world(store, &mut rng, world).await;
        }
        println!("property: {worlds} random worlds, {checks} checks of list, open and search (seed {seed})");
    })
    .await;
}

/// Makes one random workspace and checks every customer in it; returns how
/// many (customer, ticket) answers were checked.
async fn check_world(store: &dyn Store, rng: &mut StdRng, world: usize) -> usize {
    let ws = workspace(store, &format!("world-{world}")).await;
    let agent = agent(store, ws.id).await;
    let companies: Vec<CompanyKey> =
        (0..rng.random_range(1..=3)).map(|c| CompanyKey::parse(&format!("co{c}")).unwrap()).collect();
    for key in &companies {
        store.upsert_company(ws.id, key, COMPANY_NAME, NOW).await.unwrap();
    }
    // Each company has a tier or none, set before the customers arrive or
    // after the rules (applied again to its members then).
    let tiers: Vec<BTreeMap<String, String>> = companies
        .iter()
        .map(|_| match rng.random_range(0..=TIERS.len()) {
            0 => BTreeMap::new(),
            t => BTreeMap::from([("tier".to_string(), TIERS[t - 1].to_string())]),
        })
        .collect();
    let tiers_first = rng.random_bool(0.5);
    let set_tiers = async || {
        for (key, tier) in companies.iter().zip(&tiers) {
            store.set_company_attributes(ws.id, key, tier).await.unwrap();
        }
    };
    if tiers_first {
        set_tiers().await;
    }
    let mut people: Vec<Person> = (0..rng.random_range(2..=6))
        .map(|p| Person {
            email: format!("p{p}{}", DOMAINS[rng.random_range(0..DOMAINS.len())]),
            attributes: if rng.random_bool(0.5) {
                BTreeMap::from([("role".to_string(), ROLES[rng.random_range(0..ROLES.len())].to_string())])
            } else {
                BTreeMap::new()
            },
            companies: (0..companies.len()).filter(|_| rng.random_bool(0.5)).collect(),
            scope: None,
        })
        .collect();
    let rule = random_rule(rng);
    let audience = PortalAudience::new((0..rng.random_range(0..=1)).map(|_| random_condition(rng)).collect()).unwrap();
    // Half the worlds set the visibility rule before the customers arrive,
    // half after. The audience comes after the sign-ins, whose scopes the
    // checks below need even for customers it then keeps out.
    let rule_first = rng.random_bool(0.5);
    if rule_first {
        store.set_ticket_visibility(ws.id, &rule).await.unwrap();
    }
    for (index, person) in people.iter_mut().enumerate() {
        let (id, scope) = sign_in(store, ws.id, &person.email).await;
        // A line of the person's own access log, marked as theirs.
        let event = portal_core::AccessEvent {
            at: NOW,
            event: portal_core::AccessEventKind::SignedIn,
            kind: portal_core::SessionKind::Embedded,
            origin: format!("https://person{index}.example"),
            browser: "Firefox".into(),
        };
        store.record_access(ws.id, id, &event).await.unwrap();
        let attributes = CustomerAttributes::parse(person.attributes.clone()).unwrap();
        store.set_customer_attributes(ws.id, id, &attributes).await.unwrap();
        let keys: Vec<CompanyKey> = person.companies.iter().map(|c| companies[*c].clone()).collect();
        store.set_customer_companies(ws.id, id, &keys).await.unwrap();
        person.scope = Some(scope);
    }
    if !rule_first {
        store.set_ticket_visibility(ws.id, &rule).await.unwrap();
    }
    store.set_portal_audience(ws.id, &audience).await.unwrap();
    if !tiers_first {
        set_tiers().await;
    }

    let mut tickets = Vec::new();
    for t in 0..rng.random_range(0..=8) {
        let creator = rng.random_range(0..people.len());
        let company = rng.random_bool(0.6).then(|| rng.random_range(0..companies.len()));
        let word = format!("w{world}x{t}word");
        let new = AgentNewTicket {
            customer_email: email(&people[creator].email),
            customer_name: name("Fixture"),
            title: title(&format!("Ticket {t}")),
            description: if rng.random_bool(0.5) { description(&format!("About {word}")) } else { description("") },
            ticket_type: None,
            attributes: TicketAttributes::default(),
            company: company.map(|c| companies[c].clone()),
            channel: Default::default(),
            mail_key: None,
        };
        let number = store.agent_create_ticket(&agent, &new, NOW).await.unwrap().number;
        if new.description.is_empty() {
            store.agent_post_message(&agent, number, &agent_post(&format!("Reply {word}"), false), NOW).await.unwrap();
        }
        let note = format!("secret{world}x{t}note");
        store.agent_post_message(&agent, number, &agent_post(&note, true), NOW).await.unwrap();
        // Agents add a few others, whoever they are.
        let mut added = BTreeSet::new();
        for _ in 0..rng.random_range(0..=2) {
            let other = rng.random_range(0..people.len());
            if other != creator {
                store.add_participant(&agent, number, &email(&people[other].email), NOW).await.unwrap();
                added.insert(other);
            }
        }
        let answered = new.description.is_empty();
        tickets.push(Ticket { number, creator, company, added, joined: BTreeSet::new(), word, answered });
    }

    // Company members who may see a ticket join some; everyone else who
    // tries finds no such ticket.
    for _ in 0..rng.random_range(0..=3) {
        if tickets.is_empty() {
            break;
        }
        let (p, t) = (rng.random_range(0..people.len()), rng.random_range(0..tickets.len()));
        let person = &people[p];
        let ticket = &mut tickets[t];
        let attributes = CustomerAttributes::parse(person.attributes.clone()).unwrap();
        let facts = company_facts(person, &companies, &tiers);
        let facts = CustomerFacts { email: &person.email, attributes: &attributes, companies: &facts };
        let takes_part = ticket.creator == p || ticket.added.contains(&p) || ticket.joined.contains(&p);
        let member_sees =
            rule.sees_company_tickets(&facts) && ticket.company.is_some_and(|c| person.companies.contains(&c));
        let joined = store.join_ticket(person.scope.as_ref().unwrap(), ticket.number, NOW).await;
        match joined {
            Ok(joined) => {
                assert!(takes_part || member_sees, "world {world}: {} joined #{}", person.email, ticket.number);
                assert_eq!(joined, !takes_part, "world {world}: {} joins #{}", person.email, ticket.number);
                if !takes_part {
                    ticket.joined.insert(p);
                }
            }
            Err(StoreError::NotFound) => {
                assert!(
                    !takes_part && !member_sees,
                    "world {world}: {} could not join #{}",
                    person.email,
                    ticket.number
                )
            }
            Err(e) => panic!("world {world}: joining: {e}"),
        }
    }

    let mut checks = 0;
    for (index, person) in people.iter().enumerate() {
        let scope = person.scope.as_ref().unwrap();
        let attributes = CustomerAttributes::parse(person.attributes.clone()).unwrap();
        let member_of = company_facts(person, &companies, &tiers);
        let facts = CustomerFacts { email: &person.email, attributes: &attributes, companies: &member_of };
        let sees_company = rule.sees_company_tickets(&facts);
        let stored = store.customer_by_email(ws.id, &email(&person.email)).await.unwrap().unwrap();
        assert_eq!(stored.in_audience, audience.admits(&facts), "world {world}: {} in the audience", person.email);
        // Joining lets a member write, not read: they read through their company.
        let takes_part = |t: &Ticket| t.creator == index || t.added.contains(&index) || t.joined.contains(&index);
        let allowed = |t: &Ticket| {
            t.creator == index
                || t.added.contains(&index)
                || (sees_company && t.company.is_some_and(|c| person.companies.contains(&c)))
        };
        let expected: BTreeSet<TicketNumber> = tickets.iter().filter(|t| allowed(t)).map(|t| t.number).collect();
        let listed = find(store, scope, "limit=100").await;
        assert_eq!(listed, expected, "world {world}: {} lists", person.email);
        // The badge counts what the list holds, by the same rule; what the
        // site's server reads for the person too.
        let counts = store.ticket_counts(scope).await.unwrap();
        let awaiting = tickets.iter().filter(|t| allowed(t) && t.answered).count();
        assert_eq!(
            (counts.open as usize, counts.awaiting_customer as usize),
            (expected.len(), awaiting),
            "world {world}: {}'s counts",
            person.email
        );
        let read_by_site = store.customer_ticket_counts(ws.id, stored.id).await.unwrap();
        let shown = if stored.in_audience { counts } else { Default::default() };
        assert_eq!(read_by_site, shown, "world {world}: {}'s counts read by the site", person.email);
        let own: BTreeSet<TicketNumber> = tickets.iter().filter(|t| t.creator == index).map(|t| t.number).collect();
        assert_eq!(find(store, scope, "tab=mine&limit=100").await, own, "world {world}: {}'s own", person.email);
        // "Download my data" holds the tickets the person opened, and no other.
        let exported: BTreeSet<TicketNumber> =
            store.list_own_tickets(scope, 10_000).await.unwrap().into_iter().map(|t| t.number).collect();
        assert_eq!(exported, own, "world {world}: {}'s export", person.email);
        let log = store.access_log(ws.id, stored.id, 100).await.unwrap();
        let mark = format!("https://person{index}.example");
        assert!(log.len() == 1 && log[0].origin == mark, "world {world}: {}'s access log: {log:?}", person.email);
        let sessions = store.customer_sessions(ws.id, stored.id, 100).await.unwrap();
        assert_eq!(sessions.len(), 1, "world {world}: {}'s sessions", person.email);
        for ticket in &tickets {
            let opened = store.ticket_detail(scope, ticket.number).await.unwrap();
            assert_eq!(opened.is_some(), allowed(ticket), "world {world}: {} opens #{}", person.email, ticket.number);
            if let Some(detail) = opened {
                assert_eq!(
                    detail.taking_part,
                    takes_part(ticket),
                    "world {world}: {} in #{}",
                    person.email,
                    ticket.number
                );
                assert!(detail.messages.iter().all(|m| !m.body.contains("secret")), "world {world}: a note was read");
            }
            let found = find(store, scope, &format!("q={}", ticket.word)).await;
            let expected: BTreeSet<TicketNumber> = allowed(ticket).then_some(ticket.number).into_iter().collect();
            assert_eq!(found, expected, "world {world}: {} searches #{}", person.email, ticket.number);
            let note = find(store, scope, &format!("q=secret{world}x")).await;
            assert!(note.is_empty(), "world {world}: an internal note was found by {}", person.email);
            checks += 3;
        }
    }
    checks
}

/// What the rules know of a person's companies.
fn company_facts(person: &Person, companies: &[CompanyKey], tiers: &[BTreeMap<String, String>]) -> Vec<CompanyFacts> {
    person
        .companies
        .iter()
        .map(|c| CompanyFacts {
            key: companies[*c].as_str().to_string(),
            name: COMPANY_NAME.to_string(),
            attributes: CompanyAttributes::parse(tiers[*c].clone()).unwrap(),
        })
        .collect()
}

async fn find(store: &dyn Store, scope: &CustomerScope, query: &str) -> BTreeSet<TicketNumber> {
    let list = ListQuery::parse(query, &[]).unwrap();
    let page = store.find_tickets(scope, &list, true).await.unwrap();
    for preview in page.tickets.iter().filter_map(|t| t.preview.as_ref()) {
        let text: String = preview.snippet.parts.iter().map(|p| p.text.as_str()).collect();
        assert!(!text.contains("secret"), "a preview shows an internal note: {text}");
    }
    page.tickets.iter().map(|t| t.number).collect()
}
