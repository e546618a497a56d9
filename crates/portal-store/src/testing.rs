//! Test support shared by this crate's contract tests and the server's
//! HTTP tests: run a test body once per backend, each time on a database of
//! its own (a SQLite file in a temporary folder, then a fresh PostgreSQL
//! database that is dropped afterwards).
//!
//! PostgreSQL is the server named by `PORTAL_TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); its user must be allowed
//! to `CREATE DATABASE`. An unreachable server fails the test, unless
//! `PORTAL_TEST_SKIP_POSTGRES=1` says to run on SQLite alone (and the skip
//! is reported loudly).
//!
//! [`local_s3`] starts a local S3-compatible server for the object store's
//! tests.
//!
//! Only compiled with the `testing` feature; never part of the binary.

pub mod local_s3;

use crate::{Backend, KeyRing, Store};
use sqlx::{Connection as _, Executor as _};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A store on a database of its own.
pub struct TestDb {
    pub store: Arc<dyn Store>,
    /// The URL the store was opened with, to open it again.
    pub url: String,
    pub backend: Backend,
    /// The key the store seals secrets with (hex), to open it again.
    pub key: String,
}

impl TestDb {
    /// The key ring the store seals secrets with.
    pub fn keys(&self) -> KeyRing {
        KeyRing::parse(&self.key).expect("the test key parses")
    }

    /// Runs a query returning one integer, outside the store (for checks the
    /// contract does not expose, such as row counts).
    pub async fn scalar(&self, sql: &str) -> i64 {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url).await.expect("open SQLite");
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.expect(sql)
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url).await.expect("open PostgreSQL");
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.expect(sql)
            }
        }
    }

    /// Runs a statement outside the store.
    pub async fn execute(&self, sql: &str) {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url).await.expect("open SQLite");
                conn.execute(sql).await.expect(sql);
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url).await.expect("open PostgreSQL");
                conn.execute(sql).await.expect(sql);
            }
        }
    }
}

/// Runs `body` on SQLite, then on PostgreSQL, each on a fresh database, and
/// reports which backends it ran on. A panic in `body` fails the test with
/// the backend named.
pub async fn on_each_backend<F, Fut>(test: &str, body: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut ran = Vec::new();

    let dir = tempfile::tempdir().expect("temporary folder");
    // A folder that does not exist yet: connect must create it.
    let url = format!("sqlite://{}", dir.path().join("data").join("portal.db").display());
    let key = KeyRing::generate_key();
    let keys = KeyRing::parse(&key).expect("a generated key parses");
    let store = crate::connect(&url, keys).await.unwrap_or_else(|e| panic!("[{test}] connect to SQLite: {e}"));
    run(test, "sqlite", body(TestDb { store, url, backend: Backend::Sqlite, key })).await;
    drop(dir);
    ran.push("sqlite");

    match postgres_server(test).await {
        Some(server) => {
            let outcome = with_scratch_database(&server, |url| async move {
                let key = KeyRing::generate_key();
                let store = crate::connect(&url, KeyRing::parse(&key)?).await?;
                let db = TestDb { store, url, backend: Backend::Postgres, key };
                Ok::<_, crate::StoreError>(tokio::spawn(body(db)).await)
            })
            .await;
            match outcome {
                Ok(joined) => report(test, "postgres", joined),
                Err(e) => panic!("[{test}] connect to a fresh PostgreSQL database: {e}"),
            }
            ran.push("postgres");
        }
        None => ran.push("(postgres SKIPPED)"),
    }

    eprintln!("[{test}] passed on: {}", ran.join(", "));
}

/// Runs `body` on SQLite, then on PostgreSQL, each with the URL of a fresh,
/// empty database on which no migration has run: for tests of the
/// migrations themselves. The SQLite file does not exist yet (its folder
/// does); the PostgreSQL database is dropped afterwards.
pub async fn on_each_empty_database<F, Fut>(test: &str, body: F)
where
    F: Fn(Backend, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut ran = Vec::new();

    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    run(test, "sqlite", body(Backend::Sqlite, url)).await;
    drop(dir);
    ran.push("sqlite");

    match postgres_server(test).await {
        Some(server) => {
            let outcome = with_scratch_database(&server, |url| tokio::spawn(body(Backend::Postgres, url))).await;
            report(test, "postgres", outcome);
            ran.push("postgres");
        }
        None => ran.push("(postgres SKIPPED)"),
    }

    eprintln!("[{test}] passed on: {}", ran.join(", "));
}

/// Runs `run` with the URL of a new, empty PostgreSQL database on `server`,
/// and drops the database afterwards, whatever `run` did.
async fn with_scratch_database<T, Fut>(server: &str, run: impl FnOnce(String) -> Fut) -> T
where
    Fut: Future<Output = T>,
{
    let database = format!("portal_test_{}", hex::encode(rand::random::<[u8; 8]>()));
    admin(server, &format!("CREATE DATABASE {database}")).await;
    let outcome = run(with_database(server, &database)).await;
    admin(server, &format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)")).await;
    outcome
}

async fn run(test: &str, backend: &str, body: impl Future<Output = ()> + Send + 'static) {
    report(test, backend, tokio::spawn(body).await);
}

fn report(test: &str, backend: &str, outcome: Result<(), tokio::task::JoinError>) {
    if let Err(error) = outcome {
        eprintln!("[{test}] FAILED on {backend}");
        match error.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(error) => panic!("[{test}] on {backend}: {error}"),
        }
    }
}

/// The PostgreSQL server's admin URL, or `None` when told to skip it.
async fn postgres_server(test: &str) -> Option<String> {
    if std::env::var("PORTAL_TEST_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
        eprintln!(
            "[{test}] !!! PostgreSQL SKIPPED because PORTAL_TEST_SKIP_POSTGRES=1: this run does NOT cover it !!!"
        );
        return None;
    }
    let url = std::env::var("PORTAL_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_string());
    let reached = tokio::time::timeout(Duration::from_secs(10), sqlx::PgConnection::connect(&url)).await;
    let error = match reached {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            return Some(url);
        }
        Ok(Err(e)) => e.to_string(),
        Err(_) => "timed out after 10 s".to_string(),
    };
    panic!(
        "[{test}] PostgreSQL at {url} is unreachable: {error}\n\
         Start it, point PORTAL_TEST_POSTGRES_URL at a server where this user may CREATE DATABASE, \
         or set PORTAL_TEST_SKIP_POSTGRES=1 to run on SQLite only."
    );
}

async fn admin(server: &str, sql: &str) {
    let mut conn = sqlx::PgConnection::connect(server).await.expect("reconnect to PostgreSQL");
    sqlx::raw_sql(sql).execute(&mut conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = conn.close().await;
}

/// `url` with its database name replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[authority_start..].find('/').map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{database}", &base[..authority_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_replaced() {
        assert_eq!(with_database("postgres://u@h:5432/postgres", "t1"), "postgres://u@h:5432/t1");
        assert_eq!(with_database("postgres://u@h/postgres?sslmode=disable", "t1"), "postgres://u@h/t1?sslmode=disable");
        assert_eq!(with_database("postgres://u@h", "t1"), "postgres://u@h/t1");
    }
}
