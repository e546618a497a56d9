//! The SQL implementation of [`Store`]: one generic body, [`SqlStore`], over
//! SQLite and PostgreSQL.
//!
//! Every statement is written once, with `$N` placeholders (sqlx-sqlite maps
//! `$N` to argument N), in SQL both dialects accept. What differs between the
//! backends is in [`Dialect`].
//!
//! Each area of the contract has its file here, with the helpers only it
//! uses; what several areas share is in `rules` (a workspace's rules and
//! its lock), `tickets` and `messages` (the rows of conversations), and
//! `shared`.

use crate::notify::{EventBus, Wake};
use crate::sealing::KeyRing;
use crate::{Backend, PoolStats, Result, Store, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use rules::workspace_rules_columns;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Database, Pool, Postgres, Sqlite, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tracing::instrument;

mod account;
mod agent_tickets;
mod agents;
mod api_tokens;
mod attachments;
mod bulk;
mod companies;
mod conversations;
mod directory;
mod identity;
mod mail;
mod messages;
mod participants;
mod replay;
mod routing;
mod rules;
mod search;
mod shared;
mod slack;
mod statement;
mod tickets;
mod webhooks;
mod workspaces;

/// Writes an `impl` block of [`SqlStore`] with the bounds all the store's
/// statements need from a backend, which both SQLite and PostgreSQL meet,
/// stated once here. It is used as an attribute,
/// `#[apply(sql_impl!)] impl<DB> SqlStore<DB> { ... }` (or `impl<DB> Trait
/// for SqlStore<DB>`, with the impl's own attributes after it), so rustfmt
/// still formats the impl it wraps.
///
/// A helper trait with a blanket impl (`trait Sql: Dialect where ...`)
/// cannot carry them: Rust implies a trait's bounds on `Self` and on its
/// associated types, but not where-clauses on other types, such as
/// `for<'q> i64: Encode<'q, Self>` or `for<'c> &'c mut Self::Connection:
/// Executor<'c>`; every `DB: Sql` would have to restate them.
macro_rules! sql_impl {
    (@impl [$($attr:tt)*] [$($trait:tt)*] $store:ident<$db:ident> { $($body:tt)* }) => {
        $($attr)*
        impl<$db> $($trait)* $store<$db>
        where
            $db: $crate::sql::Dialect,
            for<'c> &'c mut <$db as ::sqlx::Database>::Connection: ::sqlx::Executor<'c, Database = $db>,
            for<'q> <$db as ::sqlx::Database>::Arguments<'q>: ::sqlx::IntoArguments<'q, $db>,
            for<'q> i64: ::sqlx::Encode<'q, $db> + ::sqlx::Decode<'q, $db> + ::sqlx::Type<$db>,
            for<'q> &'q str: ::sqlx::Encode<'q, $db> + ::sqlx::Type<$db>,
            for<'q> String: ::sqlx::Encode<'q, $db> + ::sqlx::Decode<'q, $db> + ::sqlx::Type<$db>,
            for<'q> &'q [u8]: ::sqlx::Encode<'q, $db> + ::sqlx::Type<$db>,
            for<'q> bool: ::sqlx::Encode<'q, $db> + ::sqlx::Decode<'q, $db> + ::sqlx::Type<$db>,
            for<'q> Option<i64>: ::sqlx::Encode<'q, $db>,
            for<'q> Option<&'q str>: ::sqlx::Encode<'q, $db>,
            usize: ::sqlx::ColumnIndex<<$db as ::sqlx::Database>::Row>,
            for<'r> &'r str: ::sqlx::ColumnIndex<<$db as ::sqlx::Database>::Row>,
        {
            $($body)*
        }
    };
    ($(#[$($attr:tt)*])* impl<$db:ident> $trait:ident for $store:ident<$_db:ident> { $($body:tt)* }) => {
        $crate::sql::sql_impl!(@impl [$(#[$($attr)*])*] [$trait for] $store<$db> { $($body)* });
    };
    ($(#[$($attr:tt)*])* impl<$db:ident> $store:ident<$_db:ident> { $($body:tt)* }) => {
        $crate::sql::sql_impl!(@impl [$(#[$($attr)*])*] [] $store<$db> { $($body)* });
    };
}
use sql_impl;

/// How long a caller waits for a pooled connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
/// PostgreSQL pool size.
const POSTGRES_MAX_CONNECTIONS: u32 = 16;
/// SQLite pool size: readers run in parallel under WAL, writers take turns.
const SQLITE_MAX_CONNECTIONS: u32 = 8;
/// How long a SQLite writer waits for the write lock.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens the database named by `url` and runs its migrations.
pub(crate) async fn connect(url: &str, keys: KeyRing) -> Result<Arc<dyn Store>> {
    let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
    match scheme {
        "sqlite" => Ok(Arc::new(SqlStore::sealing_with(connect_sqlite(url).await?, keys).await?)),
        "postgres" | "postgresql" => Ok(Arc::new(SqlStore::sealing_with(connect_postgres(url).await?, keys).await?)),
        _ => Err(StoreError::Invalid(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite://path or postgres://user@host/database"
        ))),
    }
}

async fn connect_sqlite(url: &str) -> Result<Pool<Sqlite>> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| StoreError::Invalid(format!("not a usable SQLite URL: {e}")))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT);
    if let Some(folder) = options.get_filename().parent()
        && !folder.as_os_str().is_empty()
    {
        tokio::fs::create_dir_all(folder).await.map_err(|e| {
            let message = format!("cannot create the database folder {}: {e}", folder.display());
            StoreError::Database(sqlx::Error::Io(std::io::Error::new(e.kind(), message)))
        })?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(SQLITE_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../../migrations/sqlite").run(&pool).await?;
    Ok(pool)
}

async fn connect_postgres(url: &str) -> Result<Pool<Postgres>> {
    // No JIT: a search the planner costs high (it over-estimates a
    // full-text query's rows) was compiled on every run, 30 ms for a 9 ms
    // query at a million tickets. The portal's statements are all short.
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Invalid(format!("not a usable PostgreSQL URL: {e}")))?
        .options([("jit", "off")]);
    let pool = PgPoolOptions::new()
        .max_connections(POSTGRES_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../../migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// What differs between the backends.
trait Dialect: Database + sqlx::database::HasStatementCache + search::FullText {
    const BACKEND: Backend;
    /// Starts a transaction that will write. SQLite takes the write lock up
    /// front so a transaction never has to upgrade a read lock (which fails
    /// without waiting when another writer got there first).
    const BEGIN_WRITE: &'static str;
    /// Reads a workspace's conversation rules (`$1` its id) and holds its
    /// row until the transaction ends. Every transaction that writes
    /// messages or events takes it first, so within a workspace they take
    /// turns: event ids commit in id order (a reader resuming after an id
    /// misses none), and an idempotency key is checked before anyone else
    /// can write it. SQLite's `BEGIN IMMEDIATE` already makes a writer
    /// exclusive; PostgreSQL takes a row lock that still lets other rows
    /// reference the workspace.
    const LOCK_WORKSPACE: &'static str;
    /// Run (`$1` the payload) in a transaction that appended events, to tell
    /// other processes on the database on commit; `None` when no other
    /// process can be listening.
    const NOTIFY: Option<&'static str>;
    /// The ids of the workspace's (`$1`) admins that are not paused, held
    /// until the transaction ends, so two removals cannot leave it with none.
    const LOCK_ADMINS: &'static str;
    /// Starts hearing what other processes commit (see [`EventBus`]).
    fn listen(pool: &Pool<Self>, bus: &EventBus);
}

impl Dialect for Sqlite {
    const BACKEND: Backend = Backend::Sqlite;
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const LOCK_WORKSPACE: &'static str =
        concat!("SELECT ", workspace_rules_columns!(), " FROM workspaces WHERE id = $1");
    const NOTIFY: Option<&'static str> = None;
    const LOCK_ADMINS: &'static str =
        "SELECT id FROM agents WHERE workspace_id = $1 AND role = 'admin' AND paused_at IS NULL";
    fn listen(_: &Pool<Self>, _: &EventBus) {}
}

impl Dialect for Postgres {
    const BACKEND: Backend = Backend::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN";
    const LOCK_WORKSPACE: &'static str =
        concat!("SELECT ", workspace_rules_columns!(), " FROM workspaces WHERE id = $1 FOR NO KEY UPDATE");
    const NOTIFY: Option<&'static str> = Some("SELECT pg_notify('portal_events', $1)");
    const LOCK_ADMINS: &'static str =
        "SELECT id FROM agents WHERE workspace_id = $1 AND role = 'admin' AND paused_at IS NULL FOR UPDATE";
    fn listen(pool: &Pool<Self>, bus: &EventBus) {
        bus.listen_postgres(pool);
    }
}

/// The store over a pool of either backend.
struct SqlStore<DB: Database> {
    pool: Pool<DB>,
    bus: EventBus,
    /// Seals the identity secrets at rest.
    keys: KeyRing,
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// The store over `pool`, once every stored secret is sealed with `keys`
    /// and opens with them.
    async fn sealing_with(pool: Pool<DB>, keys: KeyRing) -> Result<Self> {
        let store = Self { pool, bus: EventBus::new(), keys };
        let keys = store.keys.clone();
        store.reseal(&keys, |value| !KeyRing::is_sealed(value)).await?;
        Ok(store)
    }

    /// Commits a transaction that appended events, and wakes whoever they
    /// concern: [`Dialect::NOTIFY`] inside the transaction (delivered on
    /// commit), this process's bus after it.
    async fn commit_events(&self, mut tx: Transaction<'static, DB>, wake: Wake) -> Result<()> {
        if let Some(notify) = DB::NOTIFY {
            sqlx::query(notify).bind(self.bus.payload(wake).as_str()).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        self.bus.published(wake);
        Ok(())
    }

    /// Wakes the live connections `wake` concerns, here and in other
    /// processes, after a committed change that wrote no event but may have
    /// ended sessions (one revoked, the portal switched off, an origin
    /// removed): they re-check their session now.
    async fn wake_now(&self, wake: Wake) {
        if let Some(notify) = DB::NOTIFY {
            let payload = self.bus.payload(wake);
            if let Err(error) = sqlx::query(notify).bind(payload.as_str()).execute(&self.pool).await {
                tracing::warn!(%error, "telling other processes about ended sessions failed");
            }
        }
        self.bus.published(wake);
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> Store for SqlStore<DB> {
    fn backend(&self) -> Backend {
        DB::BACKEND
    }

    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Wake> {
        let receiver = self.bus.subscribe();
        DB::listen(&self.pool, &self.bus);
        receiver
    }

    fn pool_stats(&self) -> PoolStats {
        PoolStats {
            size: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn unknown_schemes_are_refused() {
        for url in ["mysql://localhost/portal", "portal.db", "", "http://example.com"] {
            match connect(url, KeyRing::generate()).await {
                Err(StoreError::Invalid(message)) => {
                    assert!(message.contains("sqlite://"), "{message}")
                }
                Err(other) => panic!("{url:?}: {other}"),
                Ok(_) => panic!("{url:?} connected"),
            }
        }
    }

    #[test]
    fn postgres_notifies_the_channel_the_listener_hears() {
        let notify = <Postgres as Dialect>::NOTIFY.expect("PostgreSQL tells other processes");
        assert!(notify.contains(&format!("'{}'", crate::notify::CHANNEL)), "{notify}");
        assert_eq!(<Sqlite as Dialect>::NOTIFY, None);
    }
}
