//! `cargo bench -p portal --bench portal` (or `scripts/bench`): prints the
//! widget and bundle sizes against their budgets, then on SQLite and on
//! PostgreSQL with 100,000 tickets: the ticket-list rate and latency and the
//! customer-reply rate and latency at 64 concurrent connections, and the
//! live latency (an agent reply through the REST API until a customer's
//! socket has it) on one node and, on PostgreSQL, across two. Then, on each,
//! a `portal seed` workspace at scale (`PORTAL_BENCH_SCALE_TICKETS`, default
//! 1,000,000 tickets with 5,000,000 messages) served by `portal serve` as a
//! process of its own ([`scale`]): lists, searches and an agent's inbox
//! search, against a minimal handler ([`baseline`]), in one table.
//! `PORTAL_BENCH_SCALE_SQLITE` and `PORTAL_BENCH_SCALE_POSTGRES` name
//! databases seeded before, to measure again without seeding.
//! Figures, not assertions.

use flate2::{Compression, write::GzEncoder};
use portal::seed::SeedPlan;
use portal_core::{CustomerName, Email, Origin, SessionLifetime, TicketStatus, WorkspaceSlug, sign_email};
use portal_server::{Portal, config::Config, widget};
use portal_store::{NewTicket, NewWorkspace, Store};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const CUSTOMERS: usize = 1_000;
const TICKETS_PER_CUSTOMER: usize = 100;
const CONNECTIONS: usize = 64;
const RUN_FOR: Duration = Duration::from_secs(10);
const ORIGIN: &str = "http://127.0.0.1:9999";
/// Agent replies timed one by one for the live latency.
const LIVE_SAMPLES: usize = 200;

mod baseline;
mod scale;

fn main() -> anyhow::Result<()> {
    if let Ok(url) = std::env::var(baseline::DATABASE) {
        return baseline::serve(&url, &std::env::var(baseline::BIND)?);
    }
    sizes()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let dir = tempfile::tempdir()?;
        let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
        // `PORTAL_BENCH_SCALE_ONLY` skips the 100,000-ticket runs.
        let scale_only = std::env::var_os("PORTAL_BENCH_SCALE_ONLY").is_some();
        if !scale_only {
            backend_figures("SQLite", &sqlite).await?;
        }
        let mut table = scale::Table::new();
        if let Some(plan) = scale_plan() {
            let source = match std::env::var(scale::SEEDED_SQLITE) {
                Ok(url) => scale::Source::Seeded(url),
                Err(_) => scale::Source::Empty(format!("sqlite://{}", dir.path().join("scale.db").display())),
            };
            scale::run(&mut table, "SQLite", source, plan).await?;
        }
        if std::env::var_os("PORTAL_TEST_SKIP_POSTGRES").is_some() {
            println!("\nPostgreSQL: skipped (PORTAL_TEST_SKIP_POSTGRES is set)");
            return table.print();
        }
        let server = std::env::var("PORTAL_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let database = format!("portal_bench_{}", std::process::id());
        let postgres = scratch_postgres(&server, &database).await?;
        let mut outcome = if scale_only { Ok(()) } else { backend_figures("PostgreSQL", &postgres).await };
        if let (Ok(()), Some(plan)) = (&outcome, scale_plan()) {
            drop_postgres(&server, &database).await?;
            let source = match std::env::var(scale::SEEDED_POSTGRES) {
                Ok(url) => scale::Source::Seeded(url),
                Err(_) => scale::Source::Empty(scratch_postgres(&server, &database).await?),
            };
            outcome = scale::run(&mut table, "PostgreSQL", source, plan).await;
        }
        drop_postgres(&server, &database).await?;
        outcome?;
        table.print()
    })
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory").len()
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn sizes() -> anyhow::Result<()> {
    let stub = widget::stub(&Origin::parse("https://support.example.com")?, &WorkspaceSlug::parse("acme")?);
    let (stub_gz, loader_gz) = (gzip_len(stub.as_bytes()), gzip_len(widget::LOADER.as_bytes()));
    println!("widget (budget: stub + loader <= 2 KB gzip)");
    println!("  stub (as pasted)  {:>7} B raw  {:>6} B gzip", stub.len(), stub_gz);
    println!("  loader.js         {:>7} B raw  {:>6} B gzip", widget::LOADER.len(), loader_gz);
    println!("  total             {:>7} B raw  {:>6} B gzip", stub.len() + widget::LOADER.len(), stub_gz + loader_gz);

    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/site/pkg");
    let files = ["portal-frontend_bg.wasm", "portal-frontend.js"];
    if !pkg.join(files[0]).exists() {
        println!("hydrate bundle: not built (run scripts/build-frontend first)");
        return Ok(());
    }
    println!("hydrate bundle (budget: <= 200 KB gzip; served precompressed: the .gz files as sent)");
    let (mut raw_total, mut gz_total) = (0, 0);
    for file in files {
        let bytes = std::fs::read(pkg.join(file))?;
        let gz =
            std::fs::metadata(pkg.join(format!("{file}.gz"))).map_or_else(|_| gzip_len(&bytes), |m| m.len() as usize);
        println!("  {file:<24} {:>8} B raw ({})  {:>7} B gzip ({})", bytes.len(), kib(bytes.len()), gz, kib(gz));
        raw_total += bytes.len();
        gz_total += gz;
    }
    println!(
        "  total                    {raw_total:>8} B raw ({})  {gz_total:>7} B gzip ({})",
        kib(raw_total),
        kib(gz_total)
    );
    Ok(())
}

/// Seeds 100,000 tickets, serves the portal in-process on a free port, and
/// measures over HTTP: the ticket list and customer replies at `CONNECTIONS`
/// concurrent clients, then live latency (an agent reply through the REST
/// API until a customer's WebSocket has it), on one node and, on
/// PostgreSQL, across two.
async fn backend_figures(label: &str, url: &str) -> anyhow::Result<()> {
    let keys = portal_store::KeyRing::generate();
    let store = portal_store::connect(url, keys.clone()).await?;
    let now = portal_server::now_millis();
    let seeded = Instant::now();
    let secret = seed(&*store, now).await?;
    println!("\n{label}: {} tickets seeded in {:.1?}", CUSTOMERS * TICKETS_PER_CUSTOMER, seeded.elapsed());
    if store.backend() == portal_store::Backend::Postgres {
        // What autovacuum does within its first minute: without statistics,
        // PostgreSQL's plans for just-loaded tables are guesses (measured: a
        // generic plan sorting all 100,000 tickets for one inbox page).
        admin(url, "ANALYZE").await?;
    }
    let node = Node::start(url, store.clone()).await?;
    let client = reqwest::Client::builder().pool_max_idle_per_host(CONNECTIONS + 1).build()?;
    let mut tokens = Vec::new();
    for i in 0..CONNECTIONS {
        tokens.push(sign_in(&client, &node.base, &secret, i).await?);
    }

    let list_url = format!("{}/api/portal/tickets", node.base);
    let requests: Vec<Sent> = tokens.iter().map(|token| Sent::call(token, "{}".into())).collect();
    let list = wrk(&list_url, CONNECTIONS, &requests, false)?;
    list.print(&format!("ticket list ({TICKETS_PER_CUSTOMER} tickets per response)"));

    // Each customer replies to their own most recent ticket.
    let mut targets = Vec::new();
    for token in &tokens {
        let response = client.post(&list_url).bearer_auth(token).json(&serde_json::json!({})).send().await?;
        let tickets: Vec<portal_core::TicketSummary> = response.error_for_status()?.json().await?;
        targets.push(format!("{token} {}", tickets.first().map_or(portal_core::TicketNumber(1), |t| t.number)));
    }
    let reply_url = format!("{}/api/portal/ticket/reply", node.base);
    // The body's key is made per request by the script (see `wrk`): "KEY" is its place.
    let requests: Vec<Sent> = targets
        .iter()
        .map(|target| {
            let (token, number) = target.split_once(' ').expect("token and number");
            Sent::call(token, format!(r#"{{"number":{number},"body":"Any news on this?","key":"KEY"}}"#))
        })
        .collect();
    wrk(&reply_url, CONNECTIONS, &requests, true)?.print("customer replies (each its own transaction with its event)");
    console_figures(&*store, &node.base).await?;

    // A customer who took no part above: their socket starts with no history.
    let watcher = sign_in(&client, &node.base, &secret, CONNECTIONS).await?;
    let api_token = portal::commands::create_api_token(&*store, "bench", "bench").await?;
    let api_token = api_token.lines().last().unwrap_or_default().trim().to_string();
    let samples = live_latency(&client, &node.base, &node.base, &api_token, &watcher).await?;
    samples.print("live latency, one node: REST reply until the customer's socket has it", "");
    if store.backend() == portal_store::Backend::Postgres {
        let other = Node::start(url, portal_store::connect(url, keys).await?).await?;
        let samples = live_latency(&client, &node.base, &other.base, &api_token, &watcher).await?;
        samples.print("live latency, two instances: reply to A, socket on B", "");
        other.stop().await?;
    }
    node.stop().await
}

/// The scale run's size: `PORTAL_BENCH_SCALE_TICKETS` tickets (default
/// 1,000,000; 0 skips the run) with five messages each on average.
fn scale_plan() -> Option<SeedPlan> {
    let tickets: u64 =
        std::env::var("PORTAL_BENCH_SCALE_TICKETS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    (tickets > 0).then_some(SeedPlan {
        tickets,
        messages: tickets * 5,
        customers: (tickets / 50).clamp(100, 20_000) as u32,
        companies: (tickets / 500).clamp(10, 2_000) as u32,
    })
}

/// A portal serving over `store` on a free port.
struct Node {
    base: String,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
    _blobs: tempfile::TempDir,
}

impl Node {
    async fn start(url: &str, store: std::sync::Arc<dyn Store>) -> anyhow::Result<Self> {
        let blobs = tempfile::tempdir()?;
        let config = Config {
            database_url: url.into(),
            bind: ([127, 0, 0, 1], 0).into(),
            blob_dir: blobs.path().to_path_buf(),
            // Measured: how fast replies can be written, not the customers' allowance.
            write_burst: u32::MAX,
            ..Config::default()
        };
        let portal = Portal::bind(&config, store).await?;
        let base = format!("http://{}", portal.addr);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(portal.serve(async {
            let _ = stopped.await;
        }));
        Ok(Self { base, stop, server, _blobs: blobs })
    }

    async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.server.abort();
        Ok(())
    }
}

/// Opens a session for customer `i`; returns its token.
async fn sign_in(client: &reqwest::Client, base: &str, secret: &str, i: usize) -> anyhow::Result<String> {
    sign_in_as(client, base, ("bench", ORIGIN), secret, &customer_email(i)).await
}

/// Opens a session for `email` on (workspace, origin); returns its token.
async fn sign_in_as(
    client: &reqwest::Client,
    base: &str,
    (workspace, origin): (&str, &str),
    secret: &str,
    email: &str,
) -> anyhow::Result<String> {
    let response = client
        .post(format!("{base}/api/portal/session/open"))
        .json(&serde_json::json!({
            "workspace": workspace, "origin": origin, "name": "", "email": email,
            "verification_hash": sign_email(secret.as_bytes(), email),
        }))
        .send()
        .await?
        .error_for_status()?;
    let grant: serde_json::Value = response.json().await?;
    Ok(grant["token"].as_str().unwrap_or_default().to_string())
}

/// The console over the same workspace: signing in (an argon2id check), and
/// an agent's inbox of every ticket, plain and searched, `CONNECTIONS` at once.
async fn console_figures(store: &dyn Store, base: &str) -> anyhow::Result<()> {
    // The cookie comes with the sign-in's redirect.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let password = "bench password";
    portal::commands::create_console_account(
        store,
        "bench",
        "agent@bench.test",
        "Agent",
        "agent",
        Some(password.into()),
    )
    .await?;
    let form = [("workspace", "bench"), ("email", "agent@bench.test"), ("password", password)];
    let mut sign_ins = Figures { latencies: Vec::new(), took: Duration::ZERO };
    let mut cookie = String::new();
    for _ in 0..5 {
        let sent = Instant::now();
        let response = client
            .post(format!("{base}/console/login"))
            .header("sec-fetch-site", "same-origin")
            .form(&form)
            .send()
            .await?;
        sign_ins.latencies.push(sent.elapsed());
        let set = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
        cookie = set.split(';').next().unwrap_or_default().to_string();
    }
    anyhow::ensure!(cookie.contains('='), "the console sign-in set no cookie");
    sign_ins.print("console sign-in, one at a time (argon2id)", "");
    let page = client.get(format!("{base}/console/inbox")).header("cookie", &cookie).send().await?.text().await?;
    anyhow::ensure!(page.contains("inbox-row"), "the inbox shows no tickets");
    for (what, path) in [
        ("console inbox (25 of all tickets, newest first)", "/console/inbox"),
        ("console inbox searched (\"customer 7\", best match first)", "/console/inbox?q=customer+7"),
    ] {
        let requests = [Sent { headers: vec![("Cookie", cookie.clone())], body: None }];
        wrk(&format!("{base}{path}"), CONNECTIONS, &requests, false)?.print(what);
    }
    Ok(())
}

/// Latencies of one measurement.
struct Figures {
    latencies: Vec<Duration>,
    took: Duration,
}

impl Figures {
    fn print(mut self, what: &str, rate_unit: &str) {
        self.latencies.sort();
        let n = self.latencies.len();
        let pct = |p: f64| self.latencies[((n as f64 * p) as usize).min(n - 1)];
        let rate = if rate_unit.is_empty() {
            String::new()
        } else {
            format!("{:.0} {rate_unit}, ", n as f64 / self.took.as_secs_f64())
        };
        println!(
            "  {what}: {n} in {:.1?}, {rate}p50 {:.2?}, p95 {:.2?}, p99 {:.2?}",
            self.took,
            pct(0.50),
            pct(0.95),
            pct(0.99)
        );
    }
}

/// What `wrk` measured.
struct WrkFigures {
    requests: u64,
    per_second: f64,
    connections: usize,
    /// The latency's 50th, 95th and 99th percentiles.
    latency: [Duration; 3],
    /// Answers other than 2xx, and requests that timed out.
    failed: u64,
}

impl WrkFigures {
    fn print(&self, what: &str) {
        let [p50, p95, p99] = self.latency;
        println!(
            "  {what}: {} requests in {}s, {:.0} req/s, p50 {p50:.2?}, p95 {p95:.2?}, p99 {p99:.2?}{} \
             (wrk, {} connection(s), a separate process)",
            self.requests,
            RUN_FOR.as_secs(),
            self.per_second,
            self.failed_text(),
            self.connections
        );
    }

    /// ", N failed" when any did.
    fn failed_text(&self) -> String {
        if self.failed > 0 { format!(", {} failed", self.failed) } else { String::new() }
    }
}

/// One request `wrk` sends: its headers, and for a POST its JSON body.
struct Sent {
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
}

impl Sent {
    /// A server function's call: POST `body` with the session's bearer token.
    fn call(token: &str, body: String) -> Self {
        Self { headers: vec![("Authorization", format!("Bearer {token}"))], body: Some(body) }
    }
}

/// Loads `url` for `RUN_FOR` from `wrk`, a separate process (a load
/// generator inside this one would share the server's cores and hide its
/// figures), over `connections` connections, each request the next of
/// `requests`. With `unique_keys`, each body's `KEY` becomes a key of its
/// own, so no reply is a retry. Any answer but a 2xx fails the run.
fn wrk(url: &str, connections: usize, requests: &[Sent], unique_keys: bool) -> anyhow::Result<WrkFigures> {
    use std::fmt::Write;
    let mut script = String::from("local sent = {}\n");
    for request in requests {
        let headers: String = request.headers.iter().map(|(name, value)| format!("[{name:?}] = {value:?}, ")).collect();
        let (method, body) = match &request.body {
            Some(body) => ("POST", format!("{body:?}")),
            None => ("GET", "nil".to_string()),
        };
        writeln!(
            script,
            "table.insert(sent, {{method = {method:?}, headers = {{{headers}[\"Content-Type\"] = \"application/json\"}}, body = {body}}})"
        )?;
    }
    script.push_str(&format!(
        r#"local n = 0
local unique = {unique_keys}
local threads = 0
-- Each thread's number, set in its own Lua state as the global thread_id.
function setup(thread) threads = threads + 1; thread:set("thread_id", threads) end
function request()
  n = n + 1
  local s = sent[(n % #sent) + 1]
  local body = s.body
  if unique and body then body = string.gsub(body, "KEY", string.format("k%04d%012d", thread_id or 0, n)) end
  return wrk.format(s.method, nil, s.headers, body)
end
-- wrk prints no 95th percentile: these lines give the three, in microseconds.
function done(summary, latency, requests)
  for _, p in ipairs({{50, 95, 99}}) do io.write(string.format("percentile %d %d\n", p, latency:percentile(p))) end
end
"#
    ));
    let file = tempfile::NamedTempFile::with_suffix(".lua")?;
    std::fs::write(file.path(), script)?;
    let threads = connections.min(2);
    let output = std::process::Command::new("wrk")
        .args([format!("-t{threads}"), format!("-c{connections}"), format!("-d{}s", RUN_FOR.as_secs())])
        .args(["--latency", "-s"])
        .arg(file.path())
        .arg(url)
        .output()
        .map_err(|e| anyhow::anyhow!("running wrk (scripts/bench installs it): {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    anyhow::ensure!(output.status.success(), "wrk failed: {text}{}", String::from_utf8_lossy(&output.stderr));
    let field = |label: &str| text.lines().find_map(|l| l.trim().strip_prefix(label).map(|v| v.trim().to_string()));
    let per_second: f64 = field("Requests/sec:").unwrap_or_default().parse().unwrap_or_default();
    let requests = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_default();
    let mut latency = [Duration::ZERO; 3];
    for (slot, p) in latency.iter_mut().zip(["50", "95", "99"]) {
        let micros = field(&format!("percentile {p} ")).and_then(|v| v.parse::<f64>().ok()).unwrap_or_default();
        *slot = Duration::from_micros(micros as u64);
    }
    // Answers other than 2xx, and requests wrk gave up on (2 s): counted
    // and shown beside the figures, never dropped silently.
    let non_2xx: u64 = field("Non-2xx or 3xx responses:").and_then(|v| v.parse().ok()).unwrap_or_default();
    let timeouts: u64 = field("Socket errors:")
        .and_then(|v| v.rsplit_once("timeout ").and_then(|(_, n)| n.trim().parse().ok()))
        .unwrap_or_default();
    Ok(WrkFigures { requests, per_second, connections, latency, failed: non_2xx + timeouts })
}

/// `LIVE_SAMPLES` agent replies, one at a time, through the REST API of
/// `write_base`, each timed until the watcher's socket on `read_base` has it.
async fn live_latency(
    client: &reqwest::Client,
    write_base: &str,
    read_base: &str,
    api_token: &str,
    watcher: &str,
) -> anyhow::Result<Figures> {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let socket_url = format!("{}/api/portal/live", read_base.replacen("http://", "ws://", 1));
    let (mut socket, _) = tokio_tungstenite::connect_async(socket_url.as_str()).await?;
    // The watcher has no events before the timed replies (see the caller).
    socket.send(Message::text(serde_json::json!({"token": watcher, "after": 0}).to_string())).await?;
    let response = client
        .post(format!("{write_base}/api/portal/tickets"))
        .bearer_auth(watcher)
        .json(&serde_json::json!({}))
        .send()
        .await?;
    let tickets: Vec<portal_core::TicketSummary> = response.error_for_status()?.json().await?;
    let number = tickets.first().map_or(portal_core::TicketNumber(1), |t| t.number);
    let url = format!("{write_base}/api/v1/tickets/{number}/messages");
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(LIVE_SAMPLES);
    for i in 0..LIVE_SAMPLES {
        let marker = format!("sample {i}");
        let sent = Instant::now();
        let body = serde_json::json!({"body": marker, "author_name": "Bench"});
        let response = client.post(&url).bearer_auth(api_token).json(&body).send().await?;
        anyhow::ensure!(response.status().as_u16() == 201, "agent reply answered {}", response.status());
        loop {
            let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
                .await
                .map_err(|_| anyhow::anyhow!("no event within 10 s"))?
                .ok_or_else(|| anyhow::anyhow!("the socket closed"))??;
            if let Message::Text(text) = message
                && text.contains(&format!("<p>{marker}</p>"))
            {
                break;
            }
        }
        latencies.push(sent.elapsed());
    }
    Ok(Figures { latencies, took: started.elapsed() })
}

fn customer_email(i: usize) -> String {
    format!("customer{i}@example.com")
}

/// A workspace with `CUSTOMERS` customers of `TICKETS_PER_CUSTOMER` tickets each.
async fn seed(store: &dyn Store, now: i64) -> anyhow::Result<String> {
    let ws = store
        .create_workspace(
            &NewWorkspace {
                slug: WorkspaceSlug::parse("bench")?,
                name: "Bench".into(),
                greeting: "Hello".into(),
                allowed_origins: portal_core::AllowedOrigins::single(Origin::parse(ORIGIN)?),
                session_lifetime: SessionLifetime::default(),
                portal_enabled: true,
            },
            now,
        )
        .await?;
    let secret = store.add_secret(ws.id, &portal_server::credentials::new_secret(), now).await?;
    for i in 0..CUSTOMERS {
        let customer =
            store.upsert_customer(ws.id, &Email::parse(&customer_email(i))?, &CustomerName::parse("")?, now).await?;
        let tickets: Vec<NewTicket> = (0..TICKETS_PER_CUSTOMER)
            .map(|n| NewTicket {
                title: format!("Ticket {n} of customer {i}"),
                description: "Something is not working as expected.".into(),
                status: TicketStatus::ALL[n % 4],
            })
            .collect();
        store.import_tickets(ws.id, customer.id, &tickets, now - (i as i64) * 1000).await?;
    }
    Ok(secret.value)
}

async fn scratch_postgres(server: &str, database: &str) -> anyhow::Result<String> {
    admin(server, &format!("CREATE DATABASE {database}")).await?;
    let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
    Ok(format!("{base}/{database}"))
}

async fn drop_postgres(server: &str, database: &str) -> anyhow::Result<()> {
    admin(server, &format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")).await
}

async fn admin(server: &str, sql: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(server).await?;
    sqlx::raw_sql(sql).execute(&mut conn).await?;
    Ok(())
}
