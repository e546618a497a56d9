//! `portal seed`: a large workspace for benchmarks and load tests. Companies;
//! customers, most in one company; tickets with conversations (customer
//! and agent replies, some internal notes) spread over two years. Words
//! follow a long-tailed frequency, so a search for a common word
//! ([`COMMON_WORD`]) and for a rare one ([`RARE_WORD`]) both mean something.
//! The same plan and seed make the same data.

use anyhow::Context;
use portal_core::{
    AllowedOrigins, CompanyKey, CustomerId, CustomerName, Email, Origin, SessionLifetime, TicketStatus, WorkspaceSlug,
};
use portal_server::now_millis;
use portal_store::{ImportedMessage, ImportedTicket, NewWorkspace, Store, StoreError, Workspace};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct SeedPlan {
    pub tickets: u64,
    /// In all, across the tickets (about this many: each ticket has 1 to
    /// twice the average, at least one).
    pub messages: u64,
    pub customers: u32,
    pub companies: u32,
}

/// The most common word of the seeded text (in most tickets).
pub const COMMON_WORD: &str = WORDS[0];
/// A word in about one text in ten thousand.
pub const RARE_WORD: &str = "quasar";
const RARE_ODDS: f64 = 1e-4;
/// Tickets per transaction.
const BATCH: u64 = 2_000;
const DAY: i64 = 86_400_000;

const WORDS: &[&str] = &[
    "account",
    "the",
    "please",
    "error",
    "login",
    "page",
    "cannot",
    "report",
    "invoice",
    "export",
    "password",
    "update",
    "email",
    "user",
    "settings",
    "after",
    "billing",
    "team",
    "access",
    "data",
    "again",
    "when",
    "sync",
    "dashboard",
    "slow",
    "file",
    "upload",
    "mobile",
    "app",
    "crash",
    "payment",
    "card",
    "plan",
    "upgrade",
    "admin",
    "invite",
    "project",
    "search",
    "filter",
    "timeout",
    "browser",
    "chrome",
    "safari",
    "firefox",
    "android",
    "ios",
    "notification",
    "calendar",
    "import",
    "csv",
    "pdf",
    "api",
    "token",
    "webhook",
    "integration",
    "slack",
    "reset",
    "blocked",
    "security",
    "permission",
    "role",
    "workspace",
    "archive",
    "delete",
    "restore",
    "backup",
    "server",
    "latency",
    "outage",
    "status",
    "ticket",
    "refund",
    "receipt",
    "tax",
    "vat",
    "address",
    "shipping",
    "order",
    "tracking",
    "label",
    "printer",
    "scanner",
    "driver",
    "install",
    "license",
    "renewal",
    "contract",
    "quote",
    "discount",
    "language",
    "translation",
    "timezone",
    "report",
    "chart",
    "graph",
    "widget",
    "theme",
    "dark",
    "logo",
    "domain",
    "dns",
    "certificate",
    "vpn",
    "firewall",
    "proxy",
    "network",
    "wifi",
    "bluetooth",
    "battery",
    "screen",
];

/// Seeds `plan` into the workspace `slug` (created when missing, with a
/// secret), calling `progress` with the tickets made so far. Returns the
/// workspace and the customers' emails.
pub async fn seed(
    store: &dyn Store,
    slug: &str,
    plan: SeedPlan,
    seed: u64,
    progress: &dyn Fn(u64),
) -> anyhow::Result<(Workspace, Vec<String>)> {
    anyhow::ensure!(plan.customers > 0 && plan.companies > 0, "a seed needs at least one customer and one company");
    let now = now_millis();
    let ws = workspace(store, slug, now).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let companies: Vec<CompanyKey> = (0..plan.companies)
        .map(|c| CompanyKey::parse(&format!("company-{c}")))
        .collect::<Result<_, _>>()
        .map_err(anyhow::Error::msg)?;
    for (c, key) in companies.iter().enumerate() {
        store.upsert_company(ws.id, key, &format!("Company {c}"), now).await?;
    }
    // Nine customers in ten belong to a company.
    let mut customers: Vec<(CustomerId, String, Option<usize>)> = Vec::with_capacity(plan.customers as usize);
    for i in 0..plan.customers as usize {
        let email = customer_email(i as u32);
        let name = CustomerName::parse(&format!("Customer {i}")).map_err(anyhow::Error::msg)?;
        let customer = store.upsert_customer(ws.id, &Email::parse(&email)?, &name, now).await?;
        let company = (i % 10 != 9).then_some(i % companies.len());
        if let Some(c) = company {
            store.set_customer_companies(ws.id, customer.id, std::slice::from_ref(&companies[c])).await?;
        }
        customers.push((customer.id, customer.name, company));
    }
    let per_ticket = (plan.messages as f64 / plan.tickets.max(1) as f64).max(1.0);
    let mut made = 0;
    while made < plan.tickets {
        let batch: Vec<ImportedTicket> = (made..plan.tickets.min(made + BATCH))
            .map(|_| ticket(&mut rng, &customers, &companies, per_ticket, now))
            .collect();
        store.import_conversations(ws.id, &batch).await?;
        made += batch.len() as u64;
        progress(made);
    }
    Ok((ws, (0..plan.customers).map(customer_email).collect()))
}

/// The email of seeded customer `i`.
pub fn customer_email(i: u32) -> String {
    format!("customer{i}@seed.example")
}

async fn workspace(store: &dyn Store, slug: &str, now: i64) -> anyhow::Result<Workspace> {
    let slug = WorkspaceSlug::parse(slug).map_err(anyhow::Error::msg)?;
    if let Some(ws) = store.workspace_by_slug(&slug).await? {
        return Ok(ws);
    }
    let new = NewWorkspace {
        slug: slug.clone(),
        name: "Seeded workspace".into(),
        greeting: "How can we help?".into(),
        allowed_origins: AllowedOrigins::single(Origin::parse("http://localhost:3001").map_err(anyhow::Error::msg)?),
        session_lifetime: SessionLifetime::default(),
        // Seeded to be measured and browsed at once, like the demo.
        portal_enabled: true,
    };
    let ws = match store.create_workspace(&new, now).await {
        Err(StoreError::Conflict(_)) => store.workspace_by_slug(&slug).await?.context("the seeded workspace")?,
        other => other?,
    };
    store.add_secret(ws.id, &portal_server::credentials::new_secret(), now).await?;
    Ok(ws)
}

fn ticket(
    rng: &mut StdRng,
    customers: &[(CustomerId, String, Option<usize>)],
    companies: &[CompanyKey],
    per_ticket: f64,
    now: i64,
) -> ImportedTicket {
    let (creator, creator_name, company) = &customers[rng.random_range(0..customers.len())];
    let created_at = now - rng.random_range(0..730 * DAY);
    // 1 to twice the average less one: the average is `per_ticket`.
    let most = (2.0 * per_ticket - 1.0).round().max(1.0) as usize;
    let count = rng.random_range(1..=most);
    let mut at = created_at;
    let messages = (0..count)
        .map(|i| {
            at += rng.random_range(60_000..3 * DAY);
            let from_customer = i % 2 == 1;
            ImportedMessage {
                author: from_customer.then_some(*creator),
                author_name: if from_customer { creator_name.clone() } else { "Support".into() },
                body: text(rng, 8, 30),
                internal: !from_customer && rng.random_bool(0.1),
                created_at: at.min(now),
            }
        })
        .collect();
    ImportedTicket {
        creator: *creator,
        company: company.map(|c| companies[c].clone()),
        title: text(rng, 3, 8),
        description: text(rng, 10, 40),
        status: TicketStatus::ALL[rng.random_range(0..TicketStatus::ALL.len())],
        created_at,
        updated_at: at.min(now),
        messages,
    }
}

/// Words in a long-tailed frequency: the first of [`WORDS`] is by far the
/// most common; [`RARE_WORD`] now and then.
fn text(rng: &mut StdRng, min: usize, max: usize) -> String {
    let count = rng.random_range(min..=max);
    let mut words = Vec::with_capacity(count);
    for _ in 0..count {
        let u: f64 = rng.random();
        words.push(WORDS[((u * u * u) * WORDS.len() as f64) as usize]);
    }
    if rng.random_bool(RARE_ODDS * count as f64 / 20.0) {
        words.push(RARE_WORD);
    }
    let mut text = words.join(" ");
    if let Some(first) = text.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    text
}
