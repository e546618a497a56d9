//! The scale run: a `portal seed` workspace served by `portal serve`, a
//! process of its own, measured by `wrk` from a third; beside it, the
//! [`baseline`] handler over the same database. Its figures make one table
//! at the end, each with its ratio to the baseline's list and to the
//! previous run's figure (kept in the bench's target folder).

use crate::{CONNECTIONS, Sent, WrkFigures, baseline, sign_in_as, wrk};
use anyhow::Context;
use portal::seed::{self, COMMON_WORD, RARE_WORD, SeedPlan};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The customers' connections, and the agents'.
const LOADS: [usize; 2] = [16, CONNECTIONS];
const AGENTS: usize = 4;
const SECOND_COMMON_WORD: &str = "please";

/// Figures by (page, backend, connections).
pub struct Table {
    rows: Vec<String>,
    cells: BTreeMap<(String, String, usize), Cell>,
}

#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Cell {
    per_second: f64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    #[serde(default)]
    failed: u64,
}

impl From<&WrkFigures> for Cell {
    fn from(figures: &WrkFigures) -> Self {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let [p50, p95, p99] = figures.latency;
        Self {
            per_second: figures.per_second,
            p50_ms: ms(p50),
            p95_ms: ms(p95),
            p99_ms: ms(p99),
            failed: figures.failed,
        }
    }
}

impl Table {
    pub fn new() -> Self {
        Self { rows: Vec::new(), cells: BTreeMap::new() }
    }

    fn add(&mut self, page: &str, backend: &str, figures: &WrkFigures) {
        if !self.rows.iter().any(|r| r == page) {
            self.rows.push(page.to_string());
        }
        self.cells.insert((page.to_string(), backend.to_string(), figures.connections), figures.into());
    }

    fn previous_path() -> PathBuf {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scale-figures.json")
    }

    /// Prints the table, then keeps its figures for the next run's comparison.
    pub fn print(&self) -> anyhow::Result<()> {
        if self.cells.is_empty() {
            return Ok(());
        }
        let previous: BTreeMap<String, Cell> = std::fs::read(Self::previous_path())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let key = |page: &str, backend: &str, c: usize| format!("{page} | {backend} | c={c}");
        let columns: Vec<(String, usize)> = {
            let mut columns: Vec<(String, usize)> =
                self.cells.keys().map(|(_, backend, c)| (backend.clone(), *c)).collect();
            columns.sort_by(|a, b| (a.0.as_str() != "SQLite", &a.0, a.1).cmp(&(b.0.as_str() != "SQLite", &b.0, b.1)));
            columns.dedup();
            columns
        };
        println!(
            "\nAt scale, measured out of process (wrk; ratio to the baseline handler; previous run in brackets)\n"
        );
        let header: Vec<String> = columns.iter().map(|(backend, c)| format!("{backend} c={c}")).collect();
        println!("| Page | {} |", header.join(" | "));
        println!("|---|{}", "---|".repeat(columns.len()));
        for page in &self.rows {
            let cells: Vec<String> = columns
                .iter()
                .map(|(backend, c)| {
                    let Some(cell) = self.cells.get(&(page.clone(), backend.clone(), *c)) else {
                        return String::new();
                    };
                    let mut text = format!(
                        "{:.0} req/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
                        cell.per_second, cell.p50_ms, cell.p95_ms, cell.p99_ms
                    );
                    if cell.failed > 0 {
                        text.push_str(&format!(", {} failed", cell.failed));
                    }
                    if let Some(base) = self.cells.get(&(BASELINE.to_string(), backend.clone(), *c))
                        && page != BASELINE
                    {
                        text.push_str(&format!(", {:.0}% of baseline", 100.0 * cell.per_second / base.per_second));
                    }
                    if let Some(before) = previous.get(&key(page, backend, *c)) {
                        text.push_str(&format!(" ({:.0} req/s, p95 {:.1} ms)", before.per_second, before.p95_ms));
                    }
                    text
                })
                .collect();
            println!("| {page} | {} |", cells.join(" | "));
        }
        let kept: BTreeMap<String, Cell> =
            self.cells.iter().map(|((page, backend, c), cell)| (key(page, backend, *c), *cell)).collect();
        std::fs::write(Self::previous_path(), serde_json::to_vec_pretty(&kept)?)?;
        Ok(())
    }
}

const BASELINE: &str = "Baseline: minimal axum + sqlx handler, 25 newest tickets of a customer";
const LIST_OWN: &str = "List, customer in no company";
const LIST_MEMBER: &str = "List, company member";

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_address() -> anyhow::Result<String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.to_string())
}

/// Waits until `url` answers 200.
async fn ready(client: &reqwest::Client, url: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if client.get(url).send().await.is_ok_and(|r| r.status().is_success()) {
            return Ok(());
        }
        anyhow::ensure!(started.elapsed() < Duration::from_secs(120), "{url} did not answer within two minutes");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Where a scale run reads: a database to seed, or one seeded before.
pub enum Source {
    /// An empty database, seeded with the plan (and its search index then
    /// built again from scratch, timed).
    Empty(String),
    /// A database holding `portal seed --workspace scale` of the plan, its
    /// identity secrets sealed with the key `PORTAL_SECRET_KEY` gives: seed
    /// once, measure many times.
    Seeded(String),
}

/// The variables naming databases seeded before, by backend.
pub const SEEDED_SQLITE: &str = "PORTAL_BENCH_SCALE_SQLITE";
pub const SEEDED_POSTGRES: &str = "PORTAL_BENCH_SCALE_POSTGRES";

/// Seeds `plan` into `source` unless seeded before, serves it with
/// `portal serve`, and measures.
pub async fn run(table: &mut Table, label: &str, source: Source, plan: SeedPlan) -> anyhow::Result<()> {
    let (url, key) = match &source {
        Source::Empty(url) => (url.as_str(), portal_store::KeyRing::generate_key()),
        Source::Seeded(url) => (
            url.as_str(),
            std::env::var("PORTAL_SECRET_KEY").context("a seeded database needs its key in PORTAL_SECRET_KEY")?,
        ),
    };
    let store = portal_store::connect(url, portal_store::KeyRing::parse(&key)?).await?;
    let password = "bench password";
    let ws = match &source {
        Source::Empty(_) => {
            let started = Instant::now();
            let step = (plan.tickets / 10).max(1);
            let (ws, _) = seed::seed(&*store, "scale", plan, 1, &|made| {
                if made % step == 0 {
                    eprintln!("  {label}: {made} of {} tickets seeded", plan.tickets);
                }
            })
            .await?;
            let took = started.elapsed();
            println!(
                "\n{label} at scale: {} tickets, about {} messages, {} customers in {} companies, seeded in \
                 {took:.1?} ({:.0} tickets/s, each ticket indexed once at the end of its batch)",
                plan.tickets,
                plan.messages,
                plan.customers,
                plan.companies,
                plan.tickets as f64 / took.as_secs_f64()
            );
            let started = Instant::now();
            store.rebuild_search_index().await?;
            println!("  search index built from scratch: {:.1?}", started.elapsed());
            ws
        }
        Source::Seeded(_) => {
            println!("\n{label} at scale: seeded before, {} tickets in the plan", plan.tickets);
            let slug = portal_core::WorkspaceSlug::parse("scale").map_err(anyhow::Error::msg)?;
            store.workspace_by_slug(&slug).await?.context("no workspace `scale` in the seeded database")?
        }
    };
    let agent = portal::commands::create_console_account(
        &*store,
        "scale",
        "agent@scale.test",
        "Agent",
        "agent",
        Some(password.into()),
    )
    .await;
    // A database seeded before keeps the agent of an earlier run.
    if matches!(source, Source::Empty(_)) {
        agent?;
    }
    let emails: Vec<String> = (0..plan.customers).map(seed::customer_email).collect();
    if store.backend() == portal_store::Backend::Postgres {
        // As autovacuum would have by now: statistics for the planner, and
        // the search index's pending list merged (a fresh one is read whole
        // by every search).
        crate::admin(url, "VACUUM ANALYZE").await?;
    }
    let secret = store.active_secrets(ws.id, portal_server::now_millis()).await?.pop().context("a secret")?.value;
    drop(store);

    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let blobs = tempfile::tempdir()?;
    let address = free_address()?;
    let _portal = Process(
        Command::new(env!("CARGO_BIN_EXE_portal"))
            .arg("serve")
            .env("PORTAL_DATABASE_URL", url)
            .env("PORTAL_BIND", &address)
            .env("PORTAL_SECRET_KEY", &key)
            .env("PORTAL_BLOB_DIR", blobs.path())
            .env("RUST_LOG", "warn")
            .spawn()
            .context("starting portal serve")?,
    );
    let base = format!("http://{address}");
    ready(&client, &format!("{base}/healthz")).await?;

    // Nine customers in ten are company members (see `portal seed`).
    let site = (ws.slug.as_str(), "http://localhost:3001");
    let mut members = Vec::new();
    let mut loners = Vec::new();
    for (i, email) in emails.iter().enumerate() {
        let group = if i % 10 == 9 { &mut loners } else { &mut members };
        if group.len() < CONNECTIONS {
            group.push(sign_in_as(&client, &base, site, &secret, email).await?);
        }
    }
    let page_url = format!("{base}/api/portal/page");
    let number = plan.tickets / 2;
    let pages: [(&str, &Vec<String>, String); 6] = [
        (LIST_OWN, &loners, String::new()),
        (LIST_MEMBER, &members, String::new()),
        ("Search, common word, company member", &members, format!("?q={COMMON_WORD}")),
        ("Search, rare word, company member", &members, format!("?q={RARE_WORD}")),
        ("Search, two common words, company member", &members, format!("?q={COMMON_WORD}+{SECOND_COMMON_WORD}")),
        ("Search, a ticket number, company member", &members, format!("?q=%23{number}")),
    ];
    for (page, tokens, path) in pages {
        for connections in LOADS {
            let body = serde_json::json!({"path": path}).to_string();
            let requests: Vec<Sent> =
                tokens.iter().take(connections).map(|token| Sent::call(token, body.clone())).collect();
            let figures = wrk(&page_url, connections, &requests, false)?;
            figures.print(&format!("{page}, {connections} clients"));
            table.add(page, label, &figures);
        }
    }
    inbox_search(table, label, &client, &base, password).await?;
    drop(_portal);

    let address = free_address()?;
    let _baseline = Process(
        Command::new(std::env::current_exe()?)
            .env(baseline::DATABASE, url)
            .env(baseline::BIND, &address)
            .spawn()
            .context("starting the baseline handler")?,
    );
    let base = format!("http://{address}/");
    ready(&client, &base).await?;
    for connections in LOADS {
        let requests: Vec<Sent> = emails
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 10 == 9)
            .take(connections)
            .map(|(_, email)| Sent { headers: vec![("X-Customer", email.clone())], body: None })
            .collect();
        let figures = wrk(&base, connections, &requests, false)?;
        figures.print(&format!("baseline handler, {connections} clients"));
        table.add(BASELINE, label, &figures);
    }
    Ok(())
}

/// An agent's inbox searched over the whole workspace, notes included.
async fn inbox_search(
    table: &mut Table,
    label: &str,
    client: &reqwest::Client,
    base: &str,
    password: &str,
) -> anyhow::Result<()> {
    let form = [("workspace", "scale"), ("email", "agent@scale.test"), ("password", password)];
    let response =
        client.post(format!("{base}/console/login")).header("sec-fetch-site", "same-origin").form(&form).send().await?;
    let set = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let cookie = set.split(';').next().unwrap_or_default().to_string();
    anyhow::ensure!(cookie.contains('='), "the console sign-in set no cookie");
    for (page, query) in [
        ("Agent inbox search, common word", COMMON_WORD.to_string()),
        ("Agent inbox search, rare word", RARE_WORD.to_string()),
    ] {
        let requests = [Sent { headers: vec![("Cookie", cookie.clone())], body: None }];
        let figures = wrk(&format!("{base}/console/inbox?q={query}"), AGENTS, &requests, false)?;
        figures.print(&format!("{page}, {AGENTS} agents"));
        table.add(page, label, &figures);
    }
    Ok(())
}
