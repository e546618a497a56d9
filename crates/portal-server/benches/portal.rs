//! `cargo bench -p portal-server --bench portal` (or `scripts/bench`): prints
//! the widget and bundle sizes against their budgets, and the ticket-list
//! request rate and latency at 64 concurrent connections with 100,000
//! tickets, on SQLite and on PostgreSQL. Figures, not assertions.

use flate2::{Compression, write::GzEncoder};
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

fn main() -> anyhow::Result<()> {
    sizes()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let dir = tempfile::tempdir()?;
        let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
        list_load("SQLite", &sqlite).await?;
        let server = std::env::var("PORTAL_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let database = format!("portal_bench_{}", std::process::id());
        let postgres = scratch_postgres(&server, &database).await?;
        let outcome = list_load("PostgreSQL", &postgres).await;
        drop_postgres(&server, &database).await?;
        outcome
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

/// Seeds 100,000 tickets, serves the portal in-process on a free port, opens
/// one session per connection and lists tickets for `RUN_FOR`.
async fn list_load(label: &str, url: &str) -> anyhow::Result<()> {
    let store = portal_store::connect(url).await?;
    let now = portal_server::now_millis();
    let seeded = Instant::now();
    let secret = seed(&*store, now).await?;
    println!(
        "\nticket list on {label}: {} tickets seeded in {:.1?}",
        CUSTOMERS * TICKETS_PER_CUSTOMER,
        seeded.elapsed()
    );

    let blobs = tempfile::tempdir()?;
    let config = Config {
        database_url: url.into(),
        bind: ([127, 0, 0, 1], 0).into(),
        blob_dir: blobs.path().to_path_buf(),
        ..Config::default()
    };
    let portal = Portal::bind(&config, store.clone()).await?;
    let base = format!("http://{}", portal.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(portal.serve(async {
        let _ = stopped.await;
    }));

    let client = reqwest::Client::builder().pool_max_idle_per_host(CONNECTIONS).build()?;
    let mut tokens = Vec::new();
    for i in 0..CONNECTIONS {
        let email = customer_email(i);
        let response = client
            .post(format!("{base}/api/portal/session/open"))
            .json(&serde_json::json!({
                "workspace": "bench", "origin": ORIGIN, "name": "", "email": email,
                "verification_hash": sign_email(secret.as_bytes(), &email),
            }))
            .send()
            .await?
            .error_for_status()?;
        let grant: serde_json::Value = response.json().await?;
        tokens.push(grant["token"].as_str().unwrap_or_default().to_string());
    }

    let deadline = Instant::now() + RUN_FOR;
    let workers = tokens.into_iter().map(|token| {
        let (client, url) = (client.clone(), format!("{base}/api/portal/tickets"));
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let response = client.post(&url).bearer_auth(&token).json(&serde_json::json!({})).send().await?;
                let status = response.status();
                let body = response.bytes().await?;
                anyhow::ensure!(status.is_success() && body.len() > 2, "ticket list answered {status}");
                latencies.push(started.elapsed());
            }
            anyhow::Ok(latencies)
        })
    });
    let mut latencies = Vec::new();
    for worker in workers.collect::<Vec<_>>() {
        latencies.extend(worker.await??);
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "  {CONNECTIONS} connections, {:?}: {} requests, {:.0} req/s, p50 {:.2?}, p99 {:.2?} ({TICKETS_PER_CUSTOMER} tickets per response)",
        RUN_FOR,
        latencies.len(),
        latencies.len() as f64 / RUN_FOR.as_secs_f64(),
        pct(0.50),
        pct(0.99),
    );
    let _ = stop.send(());
    server.await??;
    Ok(())
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
                allowed_origins: vec![Origin::parse(ORIGIN)?],
                session_lifetime: SessionLifetime::default(),
            },
            now,
        )
        .await?;
    let secret = store.add_secret(ws.id, &portal_server::commands::new_secret(), now).await?;
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
