//! The yardstick of the scale run: the least a server can do for a ticket
//! list, a hand-written axum + sqlx handler answering with the 25 most
//! recently updated tickets of one customer (named by the `X-Customer`
//! header, an email) as an HTML page, over the same database. It runs as a
//! process of its own, this bench re-executed with [`DATABASE`] set, so it
//! gets the cores the portal got.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Html;
use sqlx::{PgPool, SqlitePool};
use std::fmt::Write;

/// Set to a database URL, the bench serves the baseline instead.
pub const DATABASE: &str = "BENCH_BASELINE_DATABASE";
/// The address it listens on.
pub const BIND: &str = "BENCH_BASELINE_BIND";

const PAGE: &str = "SELECT t.number, t.title, t.status, t.updated_at FROM tickets t \
     JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
     WHERE c.workspace_id = (SELECT id FROM workspaces WHERE slug = 'scale') AND c.email_key = $1 \
     ORDER BY t.updated_at DESC, t.number DESC LIMIT 25";

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

type Row = (i64, String, String, i64);

/// Serves until killed.
pub fn serve(url: &str, bind: &str) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let pool = if url.starts_with("postgres") {
            Pool::Postgres(PgPool::connect(url).await?)
        } else {
            Pool::Sqlite(SqlitePool::connect(url).await?)
        };
        let app = axum::Router::new().route("/", axum::routing::get(page)).with_state(pool);
        let listener = tokio::net::TcpListener::bind(bind).await?;
        axum::serve(listener, app).await?;
        Ok(())
    })
}

async fn page(State(pool): State<Pool>, headers: HeaderMap) -> Result<Html<String>, String> {
    let email = headers.get("x-customer").and_then(|v| v.to_str().ok()).unwrap_or_default().to_lowercase();
    let rows: Vec<Row> = match &pool {
        Pool::Sqlite(pool) => sqlx::query_as(PAGE).bind(&email).fetch_all(pool).await,
        Pool::Postgres(pool) => sqlx::query_as(PAGE).bind(&email).fetch_all(pool).await,
    }
    .map_err(|e| e.to_string())?;
    let mut html = String::from("<!doctype html><title>Tickets</title><table>");
    for (number, title, status, updated_at) in rows {
        let _ = write!(
            html,
            "<tr><td>#{number}</td><td>{}</td><td>{status}</td><td>{updated_at}</td></tr>",
            escape(&title)
        );
    }
    html.push_str("</table>");
    Ok(Html(html))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
