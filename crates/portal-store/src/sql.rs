//! The SQL implementation of [`Store`]: one generic body, [`SqlStore`], over
//! SQLite and PostgreSQL.
//!
//! Every statement is written once, with `$N` placeholders (sqlx-sqlite maps
//! `$N` to argument N), in SQL both dialects accept. What differs between the
//! backends is in [`Dialect`].

use crate::{Backend, Customer, NewSession, NewTicket, NewWorkspace, Result, Secret, Store, StoreError, Workspace};
use async_trait::async_trait;
use portal_core::access::ActiveSession;
use portal_core::{
    CustomerId, CustomerName, CustomerScope, Email, Millis, Origin, SecretId, SessionLifetime, TicketStatus,
    TicketSummary, WorkspaceId, WorkspaceSlug,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Postgres, Sqlite, Type};
use std::fmt::Write as _;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// How long a caller waits for a pooled connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
/// PostgreSQL pool size.
const POSTGRES_MAX_CONNECTIONS: u32 = 16;
/// SQLite pool size: readers run in parallel under WAL, writers take turns.
const SQLITE_MAX_CONNECTIONS: u32 = 8;
/// How long a SQLite writer waits for the write lock.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Rows per multi-row INSERT in [`Store::import_tickets`] (4 parameters a
/// row). Kept small on purpose: SQLite finds a `$N` parameter by a linear scan
/// of the statement's parameter names, so binding costs grow with the square
/// of the parameters per statement; PostgreSQL is as fast with 100 rows as
/// with 1,000.
const IMPORT_CHUNK_ROWS: usize = 100;
/// Bounds of `list_tickets`' limit.
const LIST_LIMIT_MIN: u32 = 1;
const LIST_LIMIT_MAX: u32 = 500;

/// Opens the database named by `url` and runs its migrations.
pub(crate) async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme);
    match scheme {
        "sqlite" => Ok(Arc::new(connect_sqlite(url).await?)),
        "postgres" | "postgresql" => Ok(Arc::new(connect_postgres(url).await?)),
        _ => Err(StoreError::Invalid(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite://path or postgres://user@host/database"
        ))),
    }
}

async fn connect_sqlite(url: &str) -> Result<SqlStore<Sqlite>> {
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
    Ok(SqlStore { pool })
}

async fn connect_postgres(url: &str) -> Result<SqlStore<Postgres>> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Invalid(format!("not a usable PostgreSQL URL: {e}")))?;
    let pool = PgPoolOptions::new()
        .max_connections(POSTGRES_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../../migrations/postgres").run(&pool).await?;
    Ok(SqlStore { pool })
}

/// What differs between the backends.
trait Dialect: Database {
    const BACKEND: Backend;
    /// Starts a transaction that will write. SQLite takes the write lock up
    /// front so a transaction never has to upgrade a read lock (which fails
    /// without waiting when another writer got there first).
    const BEGIN_WRITE: &'static str;
}

impl Dialect for Sqlite {
    const BACKEND: Backend = Backend::Sqlite;
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
}

impl Dialect for Postgres {
    const BACKEND: Backend = Backend::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN";
}

/// The store over a pool of either backend.
struct SqlStore<DB: Database> {
    pool: Pool<DB>,
}

/// The columns [`workspace_from_row`] reads, in order.
macro_rules! workspace_columns {
    () => {
        "id, slug, name, greeting, allowed_origins, session_lifetime_ms, created_at"
    };
}

type WorkspaceRow = (i64, String, String, String, String, i64, Millis);

fn workspace_from_row(row: WorkspaceRow) -> Result<Workspace> {
    let (id, slug, name, greeting, origins, lifetime, created_at) = row;
    let slug = WorkspaceSlug::parse(&slug)
        .map_err(|e| StoreError::Invalid(format!("workspace {id}: stored slug {slug:?}: {e}")))?;
    let session_lifetime = SessionLifetime::from_millis(lifetime)
        .map_err(|e| StoreError::Invalid(format!("workspace {id}: stored session lifetime {lifetime}: {e}")))?;
    Ok(Workspace {
        id: WorkspaceId(id),
        slug,
        name,
        greeting,
        allowed_origins: origins_from_json(&origins)
            .map_err(|e| StoreError::Invalid(format!("workspace {id}: stored allowed origins: {e}")))?,
        session_lifetime,
        created_at,
    })
}

fn origins_to_json(origins: &[Origin]) -> Result<String> {
    serde_json::to_string(origins).map_err(|e| StoreError::Invalid(format!("allowed origins: {e}")))
}

fn origins_from_json(json: &str) -> Result<Vec<Origin>, String> {
    let raw: Vec<String> = serde_json::from_str(json).map_err(|e| format!("not a JSON array of strings: {e}"))?;
    raw.iter().map(|origin| Origin::parse(origin).map_err(|e| e.to_string())).collect()
}

fn parse_status(number: i64, status: &str) -> Result<TicketStatus> {
    TicketStatus::parse(status)
        .ok_or_else(|| StoreError::Invalid(format!("ticket {number}: stored status {status:?} is unknown")))
}

/// Moves the workspace's ticket counter on by `$2` and returns the first
/// number of the block, atomically: concurrent callers get disjoint blocks.
const ALLOCATE_TICKET_NUMBERS: &str = "UPDATE workspaces SET next_ticket_number = next_ticket_number + $2 \
     WHERE id = $1 RETURNING next_ticket_number - $2";

/// A multi-row INSERT of `rows` tickets. `$1` workspace, `$2` creator, `$3`
/// now, then (number, title, description, status) per row.
fn insert_tickets_sql(rows: usize) -> String {
    let mut sql = String::with_capacity(120 + rows * 40);
    sql.push_str(
        "INSERT INTO tickets (workspace_id, creator_id, created_at, updated_at, number, title, description, status) VALUES ",
    );
    for row in 0..rows {
        let p = 4 + row * 4;
        if row > 0 {
            sql.push_str(", ");
        }
        let _ = write!(sql, "($1, $2, $3, $3, ${}, ${}, ${}, ${})", p, p + 1, p + 2, p + 3);
    }
    sql
}

/// Maps a unique violation to a [`StoreError::Conflict`] saying `what` is taken.
fn conflict(what: impl FnOnce() -> String) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match StoreError::from(error) {
        StoreError::Conflict(_) => StoreError::Conflict(what()),
        other => other,
    }
}

impl<DB> SqlStore<DB>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Decode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    /// Inserts `tickets` in one transaction, numbered in order from the
    /// workspace's counter, and returns the first number.
    async fn insert_tickets(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        tickets: &[NewTicket],
        now: Millis,
    ) -> Result<i64> {
        let count = i64::try_from(tickets.len()).map_err(|_| StoreError::Invalid("too many tickets".into()))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let (first,) = sqlx::query_as::<_, (i64,)>(ALLOCATE_TICKET_NUMBERS)
            .bind(workspace.0)
            .bind(count)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut number = first;
        for chunk in tickets.chunks(IMPORT_CHUNK_ROWS) {
            let sql = insert_tickets_sql(chunk.len());
            let mut query = sqlx::query::<DB>(&sql).bind(workspace.0).bind(creator.0).bind(now);
            for ticket in chunk {
                query = query
                    .bind(number)
                    .bind(ticket.title.as_str())
                    .bind(ticket.description.as_str())
                    .bind(ticket.status.as_str());
                number += 1;
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(first)
    }
}

#[async_trait]
impl<DB> Store for SqlStore<DB>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> i64: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Decode<'q, DB> + Type<DB>,
    for<'q> &'q [u8]: Encode<'q, DB> + Type<DB>,
    usize: ColumnIndex<DB::Row>,
{
    fn backend(&self) -> Backend {
        DB::BACKEND
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn create_workspace(&self, new: &NewWorkspace, now: Millis) -> Result<Workspace> {
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO workspaces (slug, name, greeting, allowed_origins, session_lifetime_ms, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(new.slug.as_str())
        .bind(new.name.as_str())
        .bind(new.greeting.as_str())
        .bind(origins_to_json(&new.allowed_origins)?.as_str())
        .bind(new.session_lifetime.millis())
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(conflict(|| format!("the workspace name {:?} is taken", new.slug.as_str())))?;
        Ok(Workspace {
            id: WorkspaceId(id),
            slug: new.slug.clone(),
            name: new.name.clone(),
            greeting: new.greeting.clone(),
            allowed_origins: new.allowed_origins.clone(),
            session_lifetime: new.session_lifetime,
            created_at: now,
        })
    }

    async fn workspace_by_slug(&self, slug: &WorkspaceSlug) -> Result<Option<Workspace>> {
        sqlx::query_as::<_, WorkspaceRow>(concat!("SELECT ", workspace_columns!(), " FROM workspaces WHERE slug = $1"))
            .bind(slug.as_str())
            .fetch_optional(&self.pool)
            .await?
            .map(workspace_from_row)
            .transpose()
    }

    async fn workspace(&self, id: WorkspaceId) -> Result<Option<Workspace>> {
        sqlx::query_as::<_, WorkspaceRow>(concat!("SELECT ", workspace_columns!(), " FROM workspaces WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?
            .map(workspace_from_row)
            .transpose()
    }

    async fn set_allowed_origins(&self, id: WorkspaceId, origins: &[Origin]) -> Result<()> {
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET allowed_origins = $2 WHERE id = $1 RETURNING id")
            .bind(id.0)
            .bind(origins_to_json(origins)?.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn add_secret(&self, workspace: WorkspaceId, value: &str, now: Millis) -> Result<Secret> {
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace.0)
        .bind(value)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(Secret {
            id: SecretId(id),
            workspace_id: workspace,
            value: value.to_string(),
            created_at: now,
            retires_at: None,
        })
    }

    async fn rotate_secret(
        &self,
        workspace: WorkspaceId,
        new_value: &str,
        now: Millis,
        retire_at: Millis,
    ) -> Result<Secret> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Every secret still active retires at `retire_at`, or keeps its own
        // earlier retirement.
        sqlx::query(
            "UPDATE identity_secrets \
             SET retires_at = CASE WHEN retires_at IS NOT NULL AND retires_at < $2 THEN retires_at ELSE $2 END \
             WHERE workspace_id = $1 AND (retires_at IS NULL OR retires_at > $3)",
        )
        .bind(workspace.0)
        .bind(retire_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace.0)
        .bind(new_value)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Secret {
            id: SecretId(id),
            workspace_id: workspace,
            value: new_value.to_string(),
            created_at: now,
            retires_at: None,
        })
    }

    async fn active_secrets(&self, workspace: WorkspaceId, now: Millis) -> Result<Vec<Secret>> {
        let rows = sqlx::query_as::<_, (i64, String, Millis, Option<Millis>)>(
            "SELECT id, value, created_at, retires_at FROM identity_secrets \
             WHERE workspace_id = $1 AND (retires_at IS NULL OR retires_at > $2) \
             ORDER BY created_at, id",
        )
        .bind(workspace.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, value, created_at, retires_at)| Secret {
                id: SecretId(id),
                workspace_id: workspace,
                value,
                created_at,
                retires_at,
            })
            .collect())
    }

    async fn upsert_customer(
        &self,
        workspace: WorkspaceId,
        email: &Email,
        name: &CustomerName,
        now: Millis,
    ) -> Result<Customer> {
        let key = email.key();
        let customer = |(id, email, name): (i64, String, String)| Customer {
            id: CustomerId(id),
            workspace_id: workspace,
            email,
            name,
        };
        // The common case, a returning customer under the same name, only reads.
        let existing = sqlx::query_as::<_, (i64, String, String)>(
            "SELECT id, email, name FROM customers WHERE workspace_id = $1 AND email_key = $2",
        )
        .bind(workspace.0)
        .bind(key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let row = match existing {
            Some(row) if row.2 == name.as_str() => row,
            Some((id, _, _)) => sqlx::query_as::<_, (i64, String, String)>(
                "UPDATE customers SET name = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2 \
                     RETURNING id, email, name",
            )
            .bind(workspace.0)
            .bind(id)
            .bind(name.as_str())
            .bind(now)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?,
            // A concurrent first sign-in may insert the same key in between;
            // the upsert then updates that row instead.
            None => {
                sqlx::query_as::<_, (i64, String, String)>(
                    "INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) \
                     ON CONFLICT (workspace_id, email_key) DO UPDATE \
                     SET name = excluded.name, updated_at = excluded.updated_at \
                     RETURNING id, email, name",
                )
                .bind(workspace.0)
                .bind(email.as_str())
                .bind(key.as_str())
                .bind(name.as_str())
                .bind(now)
                .fetch_one(&self.pool)
                .await?
            }
        };
        Ok(customer(row))
    }

    async fn customer(&self, scope: &CustomerScope) -> Result<Customer> {
        let (id, email, name) = sqlx::query_as::<_, (i64, String, String)>(
            "SELECT id, email, name FROM customers WHERE workspace_id = $1 AND id = $2",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(Customer { id: CustomerId(id), workspace_id: scope.workspace_id(), email, name })
    }

    async fn open_session(&self, new: &NewSession, now: Millis) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (workspace_id, customer_id, secret_id, token_hash, origin, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.workspace_id.0)
        .bind(new.customer_id.0)
        .bind(new.secret_id.0)
        .bind(new.token_hash.as_slice())
        .bind(new.origin.as_str())
        .bind(now)
        .bind(new.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn active_session(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveSession>> {
        let row = sqlx::query_as::<_, (i64, i64, i64, String, Millis)>(
            "SELECT s.workspace_id, s.customer_id, s.secret_id, s.origin, s.expires_at \
             FROM sessions s \
             JOIN identity_secrets k ON k.workspace_id = s.workspace_id AND k.id = s.secret_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND (k.retires_at IS NULL OR k.retires_at > $2)",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(workspace_id, customer_id, secret_id, origin, expires_at)| ActiveSession {
            workspace_id: WorkspaceId(workspace_id),
            customer_id: CustomerId(customer_id),
            secret_id: SecretId(secret_id),
            origin,
            expires_at,
        }))
    }

    async fn revoke_session(&self, token_hash: &[u8], now: Millis) -> Result<bool> {
        // Live means what `active_session` would return.
        let revoked = sqlx::query_as::<_, (i64,)>(
            "UPDATE sessions SET revoked_at = $2 \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 \
             AND EXISTS (SELECT 1 FROM identity_secrets k \
                 WHERE k.workspace_id = sessions.workspace_id AND k.id = sessions.secret_id \
                 AND (k.retires_at IS NULL OR k.retires_at > $2)) \
             RETURNING id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.is_some())
    }

    async fn create_ticket(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &NewTicket,
        now: Millis,
    ) -> Result<TicketSummary> {
        let number = self.insert_tickets(workspace, creator, std::slice::from_ref(new), now).await?;
        Ok(TicketSummary { number, title: new.title.clone(), status: new.status, updated_at: now })
    }

    async fn import_tickets(
        &self,
        workspace: WorkspaceId,
        creator: CustomerId,
        new: &[NewTicket],
        now: Millis,
    ) -> Result<()> {
        if !new.is_empty() {
            self.insert_tickets(workspace, creator, new, now).await?;
        }
        Ok(())
    }

    async fn list_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let rows = sqlx::query_as::<_, (i64, String, String, Millis)>(
            "SELECT number, title, status, updated_at FROM tickets \
             WHERE workspace_id = $1 AND creator_id = $2 \
             ORDER BY updated_at DESC, number DESC LIMIT $3",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(number, title, status, updated_at)| {
                Ok(TicketSummary { number, title, status: parse_status(number, &status)?, updated_at })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn unknown_schemes_are_refused() {
        for url in ["mysql://localhost/portal", "portal.db", "", "http://example.com"] {
            match connect(url).await {
                Err(StoreError::Invalid(message)) => {
                    assert!(message.contains("sqlite://"), "{message}")
                }
                Err(other) => panic!("{url:?}: {other}"),
                Ok(_) => panic!("{url:?} connected"),
            }
        }
    }

    #[test]
    fn insert_sql_numbers_its_parameters() {
        assert_eq!(
            insert_tickets_sql(2),
            "INSERT INTO tickets (workspace_id, creator_id, created_at, updated_at, number, title, description, status) \
             VALUES ($1, $2, $3, $3, $4, $5, $6, $7), ($1, $2, $3, $3, $8, $9, $10, $11)"
        );
    }

    #[test]
    fn origins_round_trip_through_json() {
        let origins = vec![Origin::parse("https://example.com").unwrap(), Origin::parse("http://[::1]:8080").unwrap()];
        let json = origins_to_json(&origins).unwrap();
        assert_eq!(json, r#"["https://example.com","http://[::1]:8080"]"#);
        assert_eq!(origins_from_json(&json).unwrap(), origins);
        assert!(origins_from_json(r#"["*"]"#).is_err());
        assert!(origins_from_json("{}").is_err());
    }
}
