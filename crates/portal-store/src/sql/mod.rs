//! The SQL implementation of [`Store`]: one generic body, [`SqlStore`], over
//! SQLite and PostgreSQL.
//!
//! Every statement is written once, with `$N` placeholders (sqlx-sqlite maps
//! `$N` to argument N), in SQL both dialects accept. What differs between the
//! backends is in [`Dialect`].

use crate::notify::{EventBus, Wake};
use crate::sealing::KeyRing;
use crate::{
    AgentMessage, AgentNewTicket, AgentPost, AgentPostOutcome, AgentTicket, AgentTicketSummary, ApiToken,
    AttachmentUsage, AudiencePreview, Backend, Customer, CustomerReply, ImportedMessage, ImportedTicket,
    MAX_TICKET_TYPE_CHARS, MAX_TICKET_TYPES, NewSession, NewTicket, NewWorkspace, ReplyOutcome, Result, Secret, Store,
    StoreError, StoredAttachment, Workspace,
};
use async_trait::async_trait;
use portal_core::access::{ActiveApiToken, ActiveSession, AgentScope};
use portal_core::attributes::CustomerAttributes;
use portal_core::audience::PortalAudience;
use portal_core::conversation::{EventKind, PortalEvent};
use portal_core::listing::{ListQuery, TicketPage};
use portal_core::visibility::CustomerFacts;
use portal_core::{
    AttachmentInfo, AttachmentLimits, AttachmentName, AuthorKind, CompanyKey, CustomerId, CustomerName, CustomerScope,
    Email, IdempotencyKey, MessageBody, Millis, Origin, PublicMessage, SecretId, SessionLifetime, ShownAttribute,
    TicketAttributes, TicketDetail, TicketStatus, TicketSummary, TicketTitle, TicketVisibility, WorkspaceId,
    WorkspaceSlug,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Pool, Postgres, Sqlite, Transaction, Type};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

#[macro_use]
mod rows;
mod console;
mod import;
mod search;
mod statement;
use rows::*;

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
/// Bounds of `list_tickets`' limit (and of the other lists').
const LIST_LIMIT_MIN: u32 = 1;
const LIST_LIMIT_MAX: u32 = 500;
/// Longest API token name, in characters.
const API_TOKEN_NAME_MAX_CHARS: usize = 100;
/// The channel of tickets customers open in the portal, and of tickets
/// agents open through the API.
const CHANNEL_PORTAL: &str = "portal";
const CHANNEL_API: &str = "api";

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
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::Invalid(format!("not a usable PostgreSQL URL: {e}")))?;
    let pool = PgPoolOptions::new()
        .max_connections(POSTGRES_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../../migrations/postgres").run(&pool).await?;
    Ok(pool)
}

/// What differs between the backends.
trait Dialect: Database + search::FullText {
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

/// What a workspace's sealed identity secret is bound to.
fn secret_context(workspace: i64) -> String {
    format!("identity secret of workspace {workspace}")
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
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    usize: ColumnIndex<DB::Row>,
{
    /// The store over `pool`, once every stored secret is sealed with `keys`
    /// and opens with them.
    async fn sealing_with(pool: Pool<DB>, keys: KeyRing) -> Result<Self> {
        let store = Self { pool, bus: EventBus::new(), keys };
        let keys = store.keys.clone();
        store.reseal(&keys, |value| !KeyRing::is_sealed(value)).await?;
        Ok(store)
    }

    /// In one transaction: checks that every stored secret opens with
    /// `keys`, and seals again with `keys`' first key those `again` picks
    /// (by their stored value). Returns how many were sealed.
    async fn reseal(&self, keys: &KeyRing, again: impl Fn(&str) -> bool) -> Result<u64> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rows = sqlx::query_as::<_, (i64, i64, String)>("SELECT id, workspace_id, value FROM identity_secrets")
            .fetch_all(&mut *tx)
            .await?;
        let mut sealed = 0;
        for (id, workspace, value) in rows {
            let context = secret_context(workspace);
            let seal_again = again(&value);
            let plain = if KeyRing::is_sealed(&value) { keys.unseal(&value, &context)? } else { value };
            if seal_again {
                sqlx::query("UPDATE identity_secrets SET value = $2 WHERE id = $1")
                    .bind(id)
                    .bind(keys.seal(&plain, &context).as_str())
                    .execute(&mut *tx)
                    .await?;
                sealed += 1;
            }
        }
        tx.commit().await?;
        Ok(sealed)
    }

    /// The first of `count` ticket numbers taken from the workspace's counter
    /// ([`ALLOCATE_TICKET_NUMBERS`]).
    async fn allocate_numbers(conn: &mut DB::Connection, workspace: WorkspaceId, count: i64) -> Result<i64> {
        let (first,) = sqlx::query_as::<_, (i64,)>(ALLOCATE_TICKET_NUMBERS)
            .bind(workspace.0)
            .bind(count)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(first)
    }

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
        let first = Self::allocate_numbers(&mut tx, workspace, count).await?;
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

    /// Applies the workspace's rules (ticket visibility and audience) to its
    /// customers, or to one of them, writing only the decisions that
    /// change. The caller holds the workspace's row (see
    /// [`Self::lock_workspace`]), so the rules cannot change under it.
    async fn apply_rules(conn: &mut DB::Connection, workspace: WorkspaceId, only: Option<CustomerId>) -> Result<()> {
        let visibility: TicketVisibility = Self::read_rule(conn, workspace, "ticket_visibility").await?;
        let audience: PortalAudience = Self::read_rule(conn, workspace, "portal_audience").await?;
        let customers = sqlx::query_as::<_, (i64, String, String, bool, bool)>(
            "SELECT id, email, attributes, sees_company_tickets, in_audience FROM customers \
             WHERE workspace_id = $1 AND ($2 IS NULL OR id = $2)",
        )
        .bind(workspace.0)
        .bind(only.map(|c| c.0))
        .fetch_all(&mut *conn)
        .await?;
        let mut memberships = Self::memberships(conn, workspace, only).await?;
        for (id, email, attributes, sees, admitted) in customers {
            let attributes: CustomerAttributes = serde_json::from_str(&attributes)
                .map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))?;
            let companies = memberships.remove(&id).unwrap_or_default();
            let facts = CustomerFacts { email: &email, attributes: &attributes, companies: &companies };
            let decided = (visibility.sees_company_tickets(&facts), audience.admits(&facts));
            if decided != (sees, admitted) {
                sqlx::query(
                    "UPDATE customers SET sees_company_tickets = $3, in_audience = $4 WHERE workspace_id = $1 AND id = $2",
                )
                .bind(workspace.0)
                .bind(id)
                .bind(decided.0)
                .bind(decided.1)
                .execute(&mut *conn)
                .await?;
            }
        }
        Ok(())
    }

    /// The companies (key, name) of the workspace's customers, or of one.
    async fn memberships(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        only: Option<CustomerId>,
    ) -> Result<HashMap<i64, Vec<(String, String)>>> {
        let rows = sqlx::query_as::<_, (i64, String, String)>(
            "SELECT cm.customer_id, co.key, co.name FROM company_members cm \
             JOIN companies co ON co.workspace_id = cm.workspace_id AND co.id = cm.company_id \
             WHERE cm.workspace_id = $1 AND ($2 IS NULL OR cm.customer_id = $2)",
        )
        .bind(workspace.0)
        .bind(only.map(|c| c.0))
        .fetch_all(&mut *conn)
        .await?;
        let mut by_customer: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        for (customer, key, name) in rows {
            by_customer.entry(customer).or_default().push((key, name));
        }
        Ok(by_customer)
    }

    /// The id of the workspace's company `key`; an unknown key is
    /// [`StoreError::UnknownCompany`] (the caller named it).
    async fn company_id(conn: &mut DB::Connection, workspace: WorkspaceId, key: &CompanyKey) -> Result<i64> {
        let (id,) = sqlx::query_as::<_, (i64,)>("SELECT id FROM companies WHERE workspace_id = $1 AND key = $2")
            .bind(workspace.0)
            .bind(key.as_str())
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::UnknownCompany(key.clone()))?;
        Ok(id)
    }

    /// [`Self::company_id`] of a key that may be absent.
    async fn optional_company_id(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        key: Option<&CompanyKey>,
    ) -> Result<Option<i64>> {
        match key {
            Some(key) => Ok(Some(Self::company_id(conn, workspace, key).await?)),
            None => Ok(None),
        }
    }

    /// A workspace rule stored as JSON in `column` (a column name, never input).
    async fn read_rule<R: serde::de::DeserializeOwned>(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        column: &'static str,
    ) -> Result<R> {
        let (json,) = sqlx::query_as::<_, (String,)>(&format!("SELECT {column} FROM workspaces WHERE id = $1"))
            .bind(workspace.0)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        serde_json::from_str(&json)
            .map_err(|e| StoreError::Corrupt(format!("workspace {workspace}: stored {column}: {e}")))
    }

    /// Replaces a customer's companies and applies the rules to them, in one
    /// transaction; with `create_at`, companies not yet known are created
    /// (named by their key), else they are [`StoreError::UnknownCompany`].
    async fn replace_memberships(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
        create_at: Option<Millis>,
    ) -> Result<Customer> {
        use portal_core::company::MAX_MEMBERSHIPS;
        if companies.len() > MAX_MEMBERSHIPS {
            return Err(StoreError::Invalid(format!("a customer belongs to at most {MAX_MEMBERSHIPS} companies")));
        }
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        sqlx::query_as::<_, (i64,)>("SELECT id FROM customers WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.0)
            .bind(customer.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM company_members WHERE workspace_id = $1 AND customer_id = $2")
            .bind(workspace.0)
            .bind(customer.0)
            .execute(&mut *tx)
            .await?;
        for key in companies {
            if let Some(now) = create_at {
                sqlx::query(
                    "INSERT INTO companies (workspace_id, key, name, created_at) VALUES ($1, $2, $2, $3) \
                     ON CONFLICT (workspace_id, key) DO NOTHING",
                )
                .bind(workspace.0)
                .bind(key.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let company = Self::company_id(&mut tx, workspace, key).await?;
            sqlx::query(
                "INSERT INTO company_members (workspace_id, company_id, customer_id) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(workspace.0)
            .bind(company)
            .bind(customer.0)
            .execute(&mut *tx)
            .await?;
        }
        Self::apply_rules(&mut tx, workspace, Some(customer)).await?;
        let row = Self::customer_row(&mut tx, workspace, customer).await?;
        tx.commit().await?;
        Ok(customer_from_row(workspace, row))
    }

    async fn customer_row(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        customer: CustomerId,
    ) -> Result<CustomerRow> {
        sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND id = $2"
        ))
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// Stores a workspace rule (JSON in `column`, a column name, never
    /// input) and applies it to every customer, in one transaction.
    async fn set_rule(&self, workspace: WorkspaceId, column: &'static str, rule: &impl serde::Serialize) -> Result<()> {
        let json = serde_json::to_string(rule).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        sqlx::query(&format!("UPDATE workspaces SET {column} = $2 WHERE id = $1"))
            .bind(workspace.0)
            .bind(json.as_str())
            .execute(&mut *tx)
            .await?;
        Self::apply_rules(&mut tx, workspace, None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Applies the rules to one customer, in its own transaction, and
    /// returns the customer as decided.
    async fn apply_rules_to(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<Customer> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        Self::apply_rules(&mut tx, workspace, Some(customer)).await?;
        let row = Self::customer_row(&mut tx, workspace, customer).await?;
        tx.commit().await?;
        Ok(customer_from_row(workspace, row))
    }

    /// The tickets the scope may see (or, `own_only`, those its customer
    /// opened), most recently updated first.
    async fn ticket_list(&self, scope: &CustomerScope, own_only: bool, limit: u32) -> Result<Vec<TicketSummary>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let rows = sqlx::query_as::<_, (i64, String, String, Millis)>(concat!(
            "SELECT t.number, t.title, t.status, t.updated_at FROM ",
            visible_tickets!(),
            " WHERE (NOT $4 OR t.creator_id = $2) ORDER BY t.updated_at DESC, t.number DESC LIMIT $3"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(limit)
        .bind(own_only)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(number, title, status, updated_at)| {
                Ok(TicketSummary { number, title, status: parse_status(number, &status)?, updated_at })
            })
            .collect()
    }

    /// A page of the tickets `finder` may see, and the ids of its rows.
    async fn find(
        &self,
        finder: search::Finder<'_>,
        query: &ListQuery,
        previews: bool,
    ) -> Result<(TicketPage, Vec<i64>)> {
        // An agent sees every ticket: reading the matches once never costs
        // more than looking each ticket up.
        let mut reach = match finder {
            search::Finder::Agent(..) => search::Reach::Collect,
            search::Finder::Customer(_) => search::Reach::PerTicket,
        };
        if let (Some(count), Some(search), search::Reach::PerTicket) = (DB::MATCHES_UP_TO, &query.search, reach) {
            let (matches,) = sqlx::query_as::<_, (i64,)>(count)
                .bind(DB::query(search.words(), finder.reads()).as_str())
                .bind(search::COLLECT_AT_MOST + 1)
                .fetch_one(&self.pool)
                .await?;
            if matches <= search::COLLECT_AT_MOST {
                reach = search::Reach::Collect;
            }
        }
        let statement = search::find_statement::<DB>(&finder, query, reach);
        let rows =
            statement.bind(sqlx::query_as::<DB, search::ListedRow>(&statement.sql)).fetch_all(&self.pool).await?;
        let (mut page, descriptions) = search::page_of(query, rows)?;
        let ids: Vec<i64> = descriptions.iter().map(|(id, _)| *id).collect();
        if let Some(search) = query.search.as_ref().filter(|_| previews && !page.tickets.is_empty()) {
            let statement = search::preview_statement(&finder, &ids);
            let messages = statement
                .bind(sqlx::query_as::<DB, search::PreviewedMessage>(&statement.sql))
                .fetch_all(&self.pool)
                .await?;
            search::attach_previews(search, &mut page, &descriptions, &messages);
        }
        Ok((page, ids))
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

    /// [`Dialect::LOCK_WORKSPACE`]: the workspace's rules, its row held
    /// until the transaction ends.
    async fn lock_workspace(conn: &mut DB::Connection, workspace: WorkspaceId) -> Result<WorkspaceRules> {
        let row = sqlx::query_as::<_, WorkspaceRulesRow>(DB::LOCK_WORKSPACE)
            .bind(workspace.0)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(StoreError::NotFound)?;
        WorkspaceRules::from_row(workspace, row)
    }

    /// What the workspace's attached files take, and its own quota.
    async fn attachment_usage_in(conn: &mut DB::Connection, workspace: WorkspaceId) -> Result<AttachmentUsage> {
        let (quota, used) = sqlx::query_as::<_, (Option<i64>, i64)>(
            "SELECT attachment_quota_bytes, \
             (SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE workspace_id = $1) \
             FROM workspaces WHERE id = $1",
        )
        .bind(workspace.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
        let bytes =
            |n: i64| u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("workspace {}: {n} bytes", workspace.0)));
        Ok(AttachmentUsage { used_bytes: bytes(used)?, quota_bytes: quota.map(bytes).transpose()? })
    }

    /// The ticket numbered `number`, if the scope may see it.
    async fn customer_ticket(
        conn: &mut DB::Connection,
        scope: &CustomerScope,
        number: i64,
    ) -> Result<Option<TicketRecord>> {
        sqlx::query_as::<_, TicketRow>(concat!(
            "SELECT ",
            ticket_columns!(),
            " FROM tickets t WHERE ",
            visible_to_customer!(),
            " AND t.number = $3"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?
        .map(ticket_from_row)
        .transpose()
    }

    /// The workspace's ticket numbered `number`.
    async fn workspace_ticket(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        number: i64,
    ) -> Result<Option<TicketRecord>> {
        sqlx::query_as::<_, TicketRow>(concat!(
            "SELECT ",
            ticket_columns!(),
            " FROM tickets t WHERE t.workspace_id = $1 AND t.number = $2"
        ))
        .bind(workspace.0)
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?
        .map(ticket_from_row)
        .transpose()
    }

    /// The message `key` wrote, if any, and its ticket's id. A key is its
    /// author's: the customer's (`Some`) or the agents' side's (`None`),
    /// whatever the ticket, so nobody else's keys are ever read.
    async fn message_by_key(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        author: Option<CustomerId>,
        key: &str,
    ) -> Result<Option<(i64, MessageRecord)>> {
        // Each statement names its side as the partial unique index does (0012).
        let row = match author {
            Some(customer) => {
                sqlx::query_as::<_, KeyedMessageRow>(concat!(
                    "SELECT ticket_id, ",
                    message_columns!(),
                    " FROM messages WHERE workspace_id = $1 AND author_kind = 'customer' \
                     AND author_customer_id = $2 AND idempotency_key = $3"
                ))
                .bind(workspace.0)
                .bind(customer.0)
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?
            }
            None => {
                sqlx::query_as::<_, KeyedMessageRow>(concat!(
                    "SELECT ticket_id, ",
                    message_columns!(),
                    " FROM messages WHERE workspace_id = $1 AND author_kind = 'agent' AND idempotency_key = $2"
                ))
                .bind(workspace.0)
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?
            }
        };
        row.map(|(ticket_id, id, kind, customer, name, body, internal, at)| {
            Ok((ticket_id, message_from_row((id, kind, customer, name, body, internal, at))?))
        })
        .transpose()
    }

    async fn insert_message(conn: &mut DB::Connection, new: &NewMessage<'_>) -> Result<MessageRecord> {
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO messages (workspace_id, ticket_id, author_kind, author_customer_id, author_name, body, \
             is_internal, idempotency_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.workspace.0)
        .bind(new.ticket_id)
        .bind(new.author_kind.as_str())
        .bind(new.author_customer.map(|c| c.0))
        .bind(new.author_name)
        .bind(new.body)
        .bind(new.internal)
        .bind(new.key)
        .bind(new.now)
        .fetch_one(&mut *conn)
        .await?;
        Ok(MessageRecord {
            id,
            author_kind: new.author_kind,
            author_name: new.author_name.to_string(),
            body: new.body.to_string(),
            internal: new.internal,
            created_at: new.now,
            attachments: Vec::new(),
        })
    }

    /// Writes an outbox row. Callers hold [`Dialect::LOCK_WORKSPACE`].
    async fn insert_event(conn: &mut DB::Connection, new: &NewEvent) -> Result<()> {
        sqlx::query(
            "INSERT INTO events (workspace_id, ticket_id, customer_id, kind, message_id, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new.workspace.0)
        .bind(new.ticket_id)
        .bind(new.customer.0)
        .bind(new.kind.as_str())
        .bind(new.message_id)
        .bind(new.status.map(TicketStatus::as_str))
        .bind(new.now)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Sets a ticket's status, type and `updated_at`.
    async fn update_ticket(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        status: TicketStatus,
        ticket_type: Option<&str>,
        now: Millis,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE tickets SET status = $3, ticket_type = $4, updated_at = $5 WHERE workspace_id = $1 AND id = $2",
        )
        .bind(workspace.0)
        .bind(ticket.id)
        .bind(status.as_str())
        .bind(ticket_type)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Puts `ticket` in the company `company_id`, or in none; moves no
    /// `updated_at` and writes no event.
    async fn set_company(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket: &TicketRecord,
        company_id: Option<i64>,
    ) -> Result<()> {
        sqlx::query("UPDATE tickets SET company_id = $3 WHERE workspace_id = $1 AND id = $2")
            .bind(workspace.0)
            .bind(ticket.id)
            .bind(company_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Reopens `ticket` if it is closed, with its `ticket.status` event, and
    /// says whether it did; fails with [`StoreError::TicketClosed`] when the
    /// workspace does not allow it. Callers hold [`Dialect::LOCK_WORKSPACE`].
    async fn reopen_if_closed(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        rules: &WorkspaceRules,
        ticket: &TicketRecord,
        now: Millis,
    ) -> Result<bool> {
        if ticket.status != TicketStatus::Closed {
            return Ok(false);
        }
        if !rules.reopen_allowed {
            return Err(StoreError::TicketClosed);
        }
        Self::update_ticket(conn, workspace, ticket, TicketStatus::Open, ticket.ticket_type.as_deref(), now).await?;
        let event = NewEvent {
            workspace,
            ticket_id: ticket.id,
            customer: ticket.creator,
            kind: EventKind::TicketStatus,
            message_id: None,
            status: Some(TicketStatus::Open),
            now,
        };
        Self::insert_event(conn, &event).await?;
        Ok(true)
    }

    /// Inserts one open ticket with the workspace's next number and its
    /// `ticket.created` event. Callers hold [`Dialect::LOCK_WORKSPACE`].
    /// Returns the ticket's id and number.
    async fn insert_one_ticket(conn: &mut DB::Connection, new: &OneTicket<'_>) -> Result<(i64, i64)> {
        let number = Self::allocate_numbers(conn, new.workspace, 1).await?;
        let status = TicketStatus::Open;
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO tickets (workspace_id, number, title, description, status, channel, ticket_type, \
             creator_id, created_at, updated_at, attributes, company_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) RETURNING id",
        )
        .bind(new.workspace.0)
        .bind(number)
        .bind(new.title)
        .bind(new.description)
        .bind(status.as_str())
        .bind(new.channel)
        .bind(new.ticket_type)
        .bind(new.creator.0)
        .bind(new.now)
        .bind(attributes_to_json(new.attributes)?.as_str())
        .bind(new.company_id)
        .fetch_one(&mut *conn)
        .await?;
        let event = NewEvent {
            workspace: new.workspace,
            ticket_id: id,
            customer: new.creator,
            kind: EventKind::TicketCreated,
            message_id: None,
            status: Some(status),
            now: new.now,
        };
        Self::insert_event(conn, &event).await?;
        Ok((id, number))
    }

    /// Attaches the scope's waiting uploads `ids` to a ticket (and to one of
    /// its messages, or to the ticket itself when `message_id` is None).
    /// Anything but the scope's own unsent uploads, within the workspace's
    /// count, fails the whole transaction.
    async fn claim_uploads(
        conn: &mut DB::Connection,
        scope: &CustomerScope,
        limits: &AttachmentLimits,
        ticket_id: i64,
        message_id: Option<i64>,
        ids: &[i64],
    ) -> Result<()> {
        limits.check_count(ids.len()).map_err(|e| StoreError::Invalid(e.to_string()))?;
        for (n, id) in ids.iter().enumerate() {
            if ids[..n].contains(id) {
                return Err(StoreError::Invalid(format!("file {id} is attached twice")));
            }
            let claimed = sqlx::query_as::<_, (i64,)>(
                "UPDATE attachments SET ticket_id = $4, message_id = $5 \
                 WHERE workspace_id = $1 AND uploader_id = $2 AND id = $3 AND ticket_id IS NULL RETURNING id",
            )
            .bind(scope.workspace_id().0)
            .bind(scope.customer_id().0)
            .bind(*id)
            .bind(ticket_id)
            .bind(message_id)
            .fetch_optional(&mut *conn)
            .await?;
            if claimed.is_none() {
                return Err(StoreError::Invalid(format!("file {id} is not one of your uploads waiting to be sent")));
            }
        }
        Ok(())
    }

    /// A ticket's messages, oldest first (internal notes only `with_notes`),
    /// each with its files, and the ticket's own files.
    async fn conversation(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket_id: i64,
        with_notes: bool,
    ) -> Result<(Vec<MessageRecord>, Vec<AttachmentInfo>)> {
        let rows = sqlx::query_as::<_, MessageRow>(concat!(
            "SELECT ",
            message_columns!(),
            " FROM messages WHERE workspace_id = $1 AND ticket_id = $2 AND ($3 OR NOT is_internal) \
             ORDER BY created_at, id"
        ))
        .bind(workspace.0)
        .bind(ticket_id)
        .bind(with_notes)
        .fetch_all(&mut *conn)
        .await?;
        let mut records = rows.into_iter().map(message_from_row).collect::<Result<Vec<_>>>()?;
        let files = Self::ticket_files(conn, workspace, ticket_id).await?;
        // Files of messages not in `records` (internal notes) are dropped here.
        let attachments = Self::attach_files(&mut records, files);
        Ok((records, attachments))
    }

    /// The files of a ticket, oldest first, each with its message (None for
    /// the ticket's own). Callers drop those of messages they do not show.
    async fn ticket_files(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        ticket_id: i64,
    ) -> Result<Vec<(Option<i64>, AttachmentInfo)>> {
        let rows = sqlx::query_as::<_, (Option<i64>, i64, String, String, i64)>(concat!(
            "SELECT a.message_id, ",
            attachment_columns!(),
            " FROM attachments a WHERE a.workspace_id = $1 AND a.ticket_id = $2 ORDER BY a.id"
        ))
        .bind(workspace.0)
        .bind(ticket_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|(message, id, name, content_type, size)| {
                Ok((message, attachment_from_row((id, name, content_type, size))?))
            })
            .collect()
    }

    /// Hands each message its files; returns the ticket's own.
    fn attach_files(messages: &mut [MessageRecord], files: Vec<(Option<i64>, AttachmentInfo)>) -> Vec<AttachmentInfo> {
        let mut own = Vec::new();
        for (message_id, file) in files {
            match message_id.and_then(|id| messages.iter_mut().find(|m| m.id == id)) {
                Some(message) => message.attachments.push(file),
                None if message_id.is_none() => own.push(file),
                None => {}
            }
        }
        own
    }

    /// The files of one message, oldest first.
    async fn message_files(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        message_id: i64,
    ) -> Result<Vec<AttachmentInfo>> {
        sqlx::query_as::<_, AttachmentRow>(concat!(
            "SELECT ",
            attachment_columns!(),
            " FROM attachments a WHERE a.workspace_id = $1 AND a.message_id = $2 ORDER BY a.id"
        ))
        .bind(workspace.0)
        .bind(message_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(attachment_from_row)
        .collect()
    }

    async fn agent_summary(
        conn: &mut DB::Connection,
        workspace: WorkspaceId,
        number: i64,
    ) -> Result<Option<AgentTicketSummary>> {
        sqlx::query_as::<_, AgentSummaryRow>(concat!(
            agent_summary_select!(),
            "WHERE t.workspace_id = $1 AND t.number = $2"
        ))
        .bind(workspace.0)
        .bind(number)
        .fetch_optional(&mut *conn)
        .await?
        .map(agent_summary_from_row)
        .transpose()
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
    for<'q> bool: Encode<'q, DB> + Decode<'q, DB> + Type<DB>,
    for<'q> Option<i64>: Encode<'q, DB>,
    for<'q> Option<&'q str>: Encode<'q, DB>,
    usize: ColumnIndex<DB::Row>,
{
    fn backend(&self) -> Backend {
        DB::BACKEND
    }

    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Wake> {
        let receiver = self.bus.subscribe();
        DB::listen(&self.pool, &self.bus);
        receiver
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn close(&self) {
        self.pool.close().await;
    }

    async fn create_workspace(&self, new: &NewWorkspace, now: Millis) -> Result<Workspace> {
        let row = sqlx::query_as::<_, WorkspaceRow>(concat!(
            "INSERT INTO workspaces (slug, name, greeting, allowed_origins, session_lifetime_ms, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
            workspace_columns!()
        ))
        .bind(new.slug.as_str())
        .bind(new.name.as_str())
        .bind(new.greeting.as_str())
        .bind(origins_to_json(&new.allowed_origins)?.as_str())
        .bind(new.session_lifetime.millis())
        .bind(now)
        .fetch_one(&self.pool)
        .await
        .map_err(conflict(|| format!("the workspace name {:?} is taken", new.slug.as_str())))?;
        workspace_from_row(row)
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
        // Sessions opened from an origin no longer listed end with it.
        self.wake_now(Wake::Workspace(id)).await;
        Ok(())
    }

    async fn add_secret(&self, workspace: WorkspaceId, value: &str, now: Millis) -> Result<Secret> {
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO identity_secrets (workspace_id, value, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(workspace.0)
        .bind(self.keys.seal(value, &secret_context(workspace.0)).as_str())
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
        .bind(self.keys.seal(new_value, &secret_context(workspace.0)).as_str())
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
        let context = secret_context(workspace.0);
        rows.into_iter()
            .map(|(id, sealed, created_at, retires_at)| {
                Ok(Secret {
                    id: SecretId(id),
                    workspace_id: workspace,
                    value: self.keys.unseal(&sealed, &context)?,
                    created_at,
                    retires_at,
                })
            })
            .collect()
    }

    async fn reseal_secrets(&self, keys: &KeyRing) -> Result<u64> {
        self.reseal(keys, |_| true).await
    }

    async fn upsert_customer(
        &self,
        workspace: WorkspaceId,
        email: &Email,
        name: &CustomerName,
        now: Millis,
    ) -> Result<Customer> {
        let key = email.key();
        // The common case, a returning customer under the same name, only reads.
        let existing = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND email_key = $2"
        ))
        .bind(workspace.0)
        .bind(key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let (id,) = match existing {
            Some(row) if row.2 == name.as_str() => return Ok(customer_from_row(workspace, row)),
            Some((id, ..)) => sqlx::query_as::<_, (i64,)>(
                "UPDATE customers SET name = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2 RETURNING id",
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
                sqlx::query_as::<_, (i64,)>(
                    "INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) \
                     ON CONFLICT (workspace_id, email_key) DO UPDATE \
                     SET name = excluded.name, updated_at = excluded.updated_at \
                     RETURNING id",
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
        // A new customer needs the rules' decisions; a new name changes none
        // (it is display-only), and applying them again is harmless.
        self.apply_rules_to(workspace, CustomerId(id)).await
    }

    async fn customer_by_email(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<Customer>> {
        let row = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND email_key = $2"
        ))
        .bind(workspace.0)
        .bind(email.key().as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| customer_from_row(workspace, row)))
    }

    async fn customer(&self, scope: &CustomerScope) -> Result<Customer> {
        let row = sqlx::query_as::<_, CustomerRow>(concat!(
            "SELECT ",
            customer_columns!(),
            " FROM customers WHERE workspace_id = $1 AND id = $2"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(customer_from_row(scope.workspace_id(), row))
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
        let row = sqlx::query_as::<_, (i64, i64, i64, String, String, Millis, bool, bool)>(
            "SELECT s.workspace_id, s.customer_id, s.secret_id, s.origin, w.allowed_origins, s.expires_at, \
             c.sees_company_tickets, c.in_audience \
             FROM sessions s \
             JOIN workspaces w ON w.id = s.workspace_id \
             JOIN identity_secrets k ON k.workspace_id = s.workspace_id AND k.id = s.secret_id \
             JOIN customers c ON c.workspace_id = s.workspace_id AND c.id = s.customer_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND (k.retires_at IS NULL OR k.retires_at > $2) AND c.disabled_at IS NULL AND w.portal_enabled",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some((
            workspace_id,
            customer_id,
            secret_id,
            origin,
            allowed,
            expires_at,
            sees_company_tickets,
            in_audience,
        )) = row
        else {
            return Ok(None);
        };
        let allowed = origins_from_json(&allowed)
            .map_err(|e| StoreError::Corrupt(format!("workspace {workspace_id}: stored allowed origins: {e}")))?;
        Ok(Some(ActiveSession {
            workspace_id: WorkspaceId(workspace_id),
            customer_id: CustomerId(customer_id),
            secret_id: SecretId(secret_id),
            origin_allowed: allowed.iter().any(|o| o.as_str() == origin),
            origin,
            expires_at,
            sees_company_tickets,
            in_audience,
        }))
    }

    async fn revoke_session(&self, token_hash: &[u8], now: Millis) -> Result<bool> {
        // Live means what `active_session` would return.
        let revoked = sqlx::query_as::<_, (i64, i64)>(
            "UPDATE sessions SET revoked_at = $2 \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 \
             AND EXISTS (SELECT 1 FROM identity_secrets k \
                 WHERE k.workspace_id = sessions.workspace_id AND k.id = sessions.secret_id \
                 AND (k.retires_at IS NULL OR k.retires_at > $2)) \
             RETURNING workspace_id, customer_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        let Some((workspace, customer)) = revoked else {
            return Ok(false);
        };
        // The session's live connections re-check it now, not at their next round.
        self.wake_now(Wake::Customer(WorkspaceId(workspace), CustomerId(customer))).await;
        Ok(true)
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

    async fn import_conversations(&self, workspace: WorkspaceId, tickets: &[ImportedTicket]) -> Result<()> {
        if tickets.is_empty() {
            return Ok(());
        }
        let count = i64::try_from(tickets.len()).map_err(|_| StoreError::Invalid("too many tickets".into()))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let first = Self::allocate_numbers(&mut tx, workspace, count).await?;
        let mut companies = HashMap::new();
        let mut company_ids = Vec::with_capacity(tickets.len());
        for ticket in tickets {
            company_ids.push(match &ticket.company {
                Some(key) => match companies.get(key) {
                    Some(id) => Some(*id),
                    None => {
                        let id = Self::company_id(&mut tx, workspace, key).await?;
                        companies.insert(key.clone(), id);
                        Some(id)
                    }
                },
                None => None,
            });
        }
        for (offset, chunk) in tickets.chunks(import::TICKETS_PER_STATEMENT).enumerate() {
            let from = offset * import::TICKETS_PER_STATEMENT;
            let ids = &company_ids[from..from + chunk.len()];
            let statement = import::insert_tickets(workspace, chunk, ids, first + from as i64);
            statement.bind_query(sqlx::query::<DB>(&statement.sql)).execute(&mut *tx).await?;
        }
        let ids: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(
            "SELECT number, id FROM tickets WHERE workspace_id = $1 AND number >= $2 AND number < $3",
        )
        .bind(workspace.0)
        .bind(first)
        .bind(first + count)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .collect();
        let messages: Vec<(i64, &ImportedMessage)> = tickets
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.messages.iter().map(move |m| (first + i as i64, m)))
            .map(|(number, m)| (ids[&number], m))
            .collect();
        for chunk in messages.chunks(import::MESSAGES_PER_STATEMENT) {
            let statement = import::insert_messages(workspace, chunk.iter().copied());
            statement.bind_query(sqlx::query::<DB>(&statement.sql)).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn rebuild_search_index(&self) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        for statement in DB::REBUILD_INDEX {
            sqlx::query(statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn list_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>> {
        self.ticket_list(scope, false, limit).await
    }

    async fn find_tickets(&self, scope: &CustomerScope, query: &ListQuery, previews: bool) -> Result<TicketPage> {
        self.find(search::Finder::Customer(scope), query, previews).await.map(|(page, _)| page)
    }

    async fn list_own_tickets(&self, scope: &CustomerScope, limit: u32) -> Result<Vec<TicketSummary>> {
        self.ticket_list(scope, true, limit).await
    }

    async fn set_search_preview(&self, id: WorkspaceId, shown: bool) -> Result<()> {
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET search_preview = $2 WHERE id = $1 RETURNING id")
            .bind(id.0)
            .bind(shown)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_reopen_allowed(&self, id: WorkspaceId, allowed: bool) -> Result<()> {
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET reopen_allowed = $2 WHERE id = $1 RETURNING id")
            .bind(id.0)
            .bind(allowed)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_ticket_types(&self, id: WorkspaceId, names: &[String]) -> Result<()> {
        let names = checked_ticket_types(names)?;
        let json = serde_json::to_string(&names).map_err(|e| StoreError::Corrupt(format!("ticket types: {e}")))?;
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET ticket_types = $2 WHERE id = $1 RETURNING id")
            .bind(id.0)
            .bind(json.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_attachment_limits(&self, id: WorkspaceId, limits: AttachmentLimits) -> Result<()> {
        let limits = AttachmentLimits::new(limits.max_files, limits.max_bytes).map_err(StoreError::Invalid)?;
        let max_bytes = i64::try_from(limits.max_bytes).map_err(|_| StoreError::Invalid("file size limit".into()))?;
        sqlx::query_as::<_, (i64,)>(
            "UPDATE workspaces SET max_attachments = $2, max_attachment_bytes = $3 WHERE id = $1 RETURNING id",
        )
        .bind(id.0)
        .bind(i64::from(limits.max_files))
        .bind(max_bytes)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_shown_attributes(&self, id: WorkspaceId, shown: &[ShownAttribute]) -> Result<()> {
        let shown = ShownAttribute::check_list(shown).map_err(StoreError::Invalid)?;
        let json = serde_json::to_string(&shown).map_err(|e| StoreError::Corrupt(format!("shown attributes: {e}")))?;
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET shown_attributes = $2 WHERE id = $1 RETURNING id")
            .bind(id.0)
            .bind(json.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn set_ticket_attributes(
        &self,
        agent: &AgentScope,
        number: i64,
        attributes: &TicketAttributes,
    ) -> Result<()> {
        sqlx::query_as::<_, (i64,)>(
            "UPDATE tickets SET attributes = $3 WHERE workspace_id = $1 AND number = $2 RETURNING id",
        )
        .bind(agent.workspace_id().0)
        .bind(number)
        .bind(attributes_to_json(attributes)?.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn upsert_company(&self, workspace: WorkspaceId, key: &CompanyKey, name: &str, now: Millis) -> Result<()> {
        let name = portal_core::company::check_company_name(name).map_err(StoreError::Invalid)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let (company,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO companies (workspace_id, key, name, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (workspace_id, key) DO UPDATE SET name = excluded.name RETURNING id",
        )
        .bind(workspace.0)
        .bind(key.as_str())
        .bind(name.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        // A new name may change what a rule on `company.name` decides for its members.
        let members = sqlx::query_as::<_, (i64,)>(
            "SELECT customer_id FROM company_members WHERE workspace_id = $1 AND company_id = $2",
        )
        .bind(workspace.0)
        .bind(company)
        .fetch_all(&mut *tx)
        .await?;
        for (member,) in members {
            Self::apply_rules(&mut tx, workspace, Some(CustomerId(member))).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn set_customer_companies(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
    ) -> Result<()> {
        self.replace_memberships(workspace, customer, companies, None).await.map(drop)
    }

    async fn claim_companies(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        companies: &[CompanyKey],
        now: Millis,
    ) -> Result<Customer> {
        self.replace_memberships(workspace, customer, companies, Some(now)).await
    }

    async fn customer_companies(&self, workspace: WorkspaceId, customer: CustomerId) -> Result<Vec<CompanyKey>> {
        let keys = sqlx::query_as::<_, (String,)>(
            "SELECT c.key FROM company_members m \
             JOIN companies c ON c.workspace_id = m.workspace_id AND c.id = m.company_id \
             WHERE m.workspace_id = $1 AND m.customer_id = $2 ORDER BY c.key",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .fetch_all(&self.pool)
        .await?;
        keys.into_iter().map(|(key,)| stored_company_key(&key)).collect()
    }

    async fn set_customer_attributes(
        &self,
        workspace: WorkspaceId,
        customer: CustomerId,
        attributes: &CustomerAttributes,
    ) -> Result<()> {
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        sqlx::query_as::<_, (i64,)>(
            "UPDATE customers SET attributes = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(customer.0)
        .bind(attributes_to_json(attributes)?.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        Self::apply_rules(&mut tx, workspace, Some(customer)).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_ticket_visibility(&self, workspace: WorkspaceId, visibility: &TicketVisibility) -> Result<()> {
        self.set_rule(workspace, "ticket_visibility", visibility).await
    }

    async fn ticket_visibility(&self, workspace: WorkspaceId) -> Result<TicketVisibility> {
        let mut conn = self.pool.acquire().await?;
        Self::read_rule(&mut conn, workspace, "ticket_visibility").await
    }

    async fn set_portal_audience(&self, workspace: WorkspaceId, audience: &PortalAudience) -> Result<()> {
        self.set_rule(workspace, "portal_audience", audience).await
    }

    async fn portal_audience(&self, workspace: WorkspaceId) -> Result<PortalAudience> {
        let mut conn = self.pool.acquire().await?;
        Self::read_rule(&mut conn, workspace, "portal_audience").await
    }

    async fn preview_audience(
        &self,
        workspace: WorkspaceId,
        audience: &PortalAudience,
        sample: u32,
    ) -> Result<AudiencePreview> {
        let mut conn = self.pool.acquire().await?;
        let customers = sqlx::query_as::<_, (i64, String, String, String, bool, bool)>(
            "SELECT id, email, name, attributes, in_audience, disabled_at IS NOT NULL FROM customers \
             WHERE workspace_id = $1 ORDER BY email_key",
        )
        .bind(workspace.0)
        .fetch_all(&mut *conn)
        .await?;
        let mut memberships = Self::memberships(&mut conn, workspace, None).await?;
        let mut preview = AudiencePreview { customers: customers.len() as u64, ..AudiencePreview::default() };
        for (id, email, name, attributes, in_audience, disabled) in customers {
            let attributes: CustomerAttributes = serde_json::from_str(&attributes)
                .map_err(|e| StoreError::Corrupt(format!("customer {id}: stored attributes: {e}")))?;
            let companies = memberships.remove(&id).unwrap_or_default();
            let facts = CustomerFacts { email: &email, attributes: &attributes, companies: &companies };
            if audience.admits(&facts) {
                preview.matching += 1;
                if preview.sample.len() < sample as usize {
                    preview.sample.push(Customer {
                        id: CustomerId(id),
                        workspace_id: workspace,
                        email,
                        name,
                        in_audience,
                        disabled,
                    });
                }
            }
        }
        Ok(preview)
    }

    async fn add_upload(
        &self,
        scope: &CustomerScope,
        name: &AttachmentName,
        size: u64,
        blob_key: &str,
        default_quota: u64,
        now: Millis,
    ) -> Result<AttachmentInfo> {
        let size_bytes = i64::try_from(size)
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| StoreError::Invalid(format!("{}: the size {size} is not a file's size", name.as_str())))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Uploads to one workspace take turns, so two cannot both fit in the last room.
        Self::lock_workspace(&mut tx, scope.workspace_id()).await?;
        let usage = Self::attachment_usage_in(&mut tx, scope.workspace_id()).await?;
        let quota = usage.quota_bytes.unwrap_or(default_quota);
        if usage.used_bytes.saturating_add(size) > quota {
            return Err(StoreError::QuotaExceeded { used: usage.used_bytes, quota });
        }
        let (waiting,) = sqlx::query_as::<_, (i64,)>(
            "SELECT COUNT(*) FROM attachments WHERE workspace_id = $1 AND uploader_id = $2 AND ticket_id IS NULL",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_one(&mut *tx)
        .await?;
        if waiting >= MAX_WAITING_UPLOADS {
            return Err(StoreError::Invalid(format!(
                "{}: {MAX_WAITING_UPLOADS} of your files are waiting to be sent; send them or try again tomorrow",
                name.as_str()
            )));
        }
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO attachments (workspace_id, uploader_id, file_name, content_type, size_bytes, blob_key, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(name.as_str())
        .bind(name.kind().content_type())
        .bind(size_bytes)
        .bind(blob_key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(AttachmentInfo {
            id,
            name: name.as_str().to_string(),
            content_type: name.kind().content_type().to_string(),
            size,
        })
    }

    async fn customer_attachment(&self, scope: &CustomerScope, id: i64) -> Result<Option<StoredAttachment>> {
        let row = sqlx::query_as::<_, (i64, String, String, i64, String)>(concat!(
            "SELECT ",
            attachment_columns!(),
            ", a.blob_key FROM attachments a \
             JOIN tickets t ON t.workspace_id = a.workspace_id AND t.id = a.ticket_id \
             LEFT JOIN messages m ON m.workspace_id = a.workspace_id AND m.id = a.message_id \
             WHERE a.workspace_id = $1 AND a.id = $3 AND (a.message_id IS NULL OR NOT m.is_internal) AND ",
            visible_to_customer!()
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(stored_attachment_from_row).transpose()
    }

    async fn agent_attachment(&self, agent: &AgentScope, number: i64, id: i64) -> Result<Option<StoredAttachment>> {
        let row = sqlx::query_as::<_, (i64, String, String, i64, String)>(concat!(
            "SELECT ",
            attachment_columns!(),
            ", a.blob_key FROM attachments a \
             JOIN tickets t ON t.workspace_id = a.workspace_id AND t.id = a.ticket_id \
             WHERE a.workspace_id = $1 AND t.number = $2 AND a.id = $3"
        ))
        .bind(agent.workspace_id().0)
        .bind(number)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(stored_attachment_from_row).transpose()
    }

    async fn attachment_usage(&self, workspace: WorkspaceId) -> Result<AttachmentUsage> {
        let mut conn = self.pool.acquire().await?;
        Self::attachment_usage_in(&mut conn, workspace).await
    }

    async fn set_attachment_quota(&self, workspace: WorkspaceId, quota: Option<u64>) -> Result<()> {
        let quota = quota
            .map(|bytes| i64::try_from(bytes).map_err(|_| StoreError::Invalid(format!("a quota of {bytes} bytes"))))
            .transpose()?;
        sqlx::query_as::<_, (i64,)>("UPDATE workspaces SET attachment_quota_bytes = $2 WHERE id = $1 RETURNING id")
            .bind(workspace.0)
            .bind(quota)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(())
    }

    async fn take_stale_uploads(&self, created_before: Millis, limit: u32) -> Result<Vec<String>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let keys = sqlx::query_as::<_, (String,)>(
            "DELETE FROM attachments WHERE id IN (SELECT id FROM attachments \
             WHERE ticket_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2) RETURNING blob_key",
        )
        .bind(created_before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(keys.into_iter().map(|(key,)| key).collect())
    }

    async fn ticket_detail(&self, scope: &CustomerScope, number: i64) -> Result<Option<TicketDetail>> {
        let mut conn = self.pool.acquire().await?;
        let Some(ticket) = Self::customer_ticket(&mut conn, scope, number).await? else {
            return Ok(None);
        };
        let (records, attachments) = Self::conversation(&mut conn, scope.workspace_id(), ticket.id, false).await?;
        // `public` drops internal notes again, whatever the query said.
        let messages = records.into_iter().filter_map(MessageRecord::public).collect();
        let (shown,) = sqlx::query_as::<_, (String,)>("SELECT shown_attributes FROM workspaces WHERE id = $1")
            .bind(scope.workspace_id().0)
            .fetch_one(&mut *conn)
            .await?;
        let shown = shown_attributes_from_json(&shown).map_err(|e| {
            StoreError::Corrupt(format!("workspace {}: stored shown attributes: {e}", scope.workspace_id()))
        })?;
        Ok(Some(TicketDetail {
            number: ticket.number,
            title: ticket.title,
            description: ticket.description,
            status: ticket.status,
            channel: ticket.channel,
            ticket_type: ticket.ticket_type,
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
            attributes: ticket.attributes.shown(&shown),
            attachments,
            messages,
        }))
    }

    async fn customer_reply(
        &self,
        scope: &CustomerScope,
        number: i64,
        reply: &CustomerReply<'_>,
        now: Millis,
    ) -> Result<ReplyOutcome> {
        let CustomerReply { body, key, attachments } = *reply;
        let workspace = scope.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::customer_ticket(&mut tx, scope, number).await?.ok_or(StoreError::NotFound)?;
        let first = Self::message_by_key(&mut tx, workspace, Some(scope.customer_id()), key.as_str()).await?;
        if let Some((ticket_id, mut first)) = first {
            // A retry sends the same text to the same ticket; anything else reuses the key.
            if ticket_id != ticket.id || first.body != body.as_str() {
                return Err(StoreError::KeyReused);
            }
            first.attachments = Self::message_files(&mut tx, workspace, first.id).await?;
            let message = first.public().ok_or(StoreError::KeyReused)?;
            return Ok(ReplyOutcome { message, duplicate: true, reopened: false });
        }
        let reopened = Self::reopen_if_closed(&mut tx, workspace, &rules, &ticket, now).await?;
        let (name, email) = sqlx::query_as::<_, (String, String)>(
            "SELECT name, email FROM customers WHERE workspace_id = $1 AND id = $2",
        )
        .bind(workspace.0)
        .bind(scope.customer_id().0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let author_name = if name.trim().is_empty() { email } else { name };
        let new = NewMessage {
            workspace,
            ticket_id: ticket.id,
            author_kind: AuthorKind::Customer,
            author_customer: Some(scope.customer_id()),
            author_name: &author_name,
            body: body.as_str(),
            internal: false,
            key: Some(key.as_str()),
            now,
        };
        let mut message = Self::insert_message(&mut tx, &new).await?;
        Self::claim_uploads(&mut tx, scope, &rules.attachment_limits, ticket.id, Some(message.id), attachments).await?;
        message.attachments = Self::message_files(&mut tx, workspace, message.id).await?;
        let status = if reopened { TicketStatus::Open } else { ticket.status };
        Self::update_ticket(&mut tx, workspace, &ticket, status, ticket.ticket_type.as_deref(), now).await?;
        let event = NewEvent {
            workspace,
            ticket_id: ticket.id,
            customer: ticket.creator,
            kind: EventKind::MessageCreated,
            message_id: Some(message.id),
            status: None,
            now,
        };
        Self::insert_event(&mut tx, &event).await?;
        self.commit_events(tx, ticket.wake(workspace)).await?;
        let message = message.public().ok_or_else(|| StoreError::Corrupt("a customer reply is public".into()))?;
        Ok(ReplyOutcome { message, duplicate: false, reopened })
    }

    async fn reopen_ticket(&self, scope: &CustomerScope, number: i64, now: Millis) -> Result<()> {
        let workspace = scope.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::customer_ticket(&mut tx, scope, number).await?.ok_or(StoreError::NotFound)?;
        if Self::reopen_if_closed(&mut tx, workspace, &rules, &ticket, now).await? {
            self.commit_events(tx, ticket.wake(workspace)).await?;
        } else {
            tx.commit().await?;
        }
        Ok(())
    }

    async fn customer_create_ticket(
        &self,
        scope: &CustomerScope,
        title: &TicketTitle,
        description: &str,
        ticket_type: Option<&str>,
        attachments: &[i64],
        now: Millis,
    ) -> Result<TicketSummary> {
        let description = checked_description(description)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, scope.workspace_id()).await?;
        let new = OneTicket {
            workspace: scope.workspace_id(),
            creator: scope.customer_id(),
            title: title.as_str(),
            description: &description,
            channel: CHANNEL_PORTAL,
            ticket_type: rules.check_type(ticket_type)?,
            attributes: &TicketAttributes::default(),
            company_id: None,
            now,
        };
        let (ticket_id, number) = Self::insert_one_ticket(&mut tx, &new).await?;
        Self::claim_uploads(&mut tx, scope, &rules.attachment_limits, ticket_id, None, attachments).await?;
        self.commit_events(tx, Wake::Customer(scope.workspace_id(), scope.customer_id())).await?;
        Ok(TicketSummary { number, title: title.as_str().to_string(), status: TicketStatus::Open, updated_at: now })
    }

    async fn latest_event_id(&self, workspace: WorkspaceId) -> Result<i64> {
        let (id,) = sqlx::query_as::<_, (i64,)>("SELECT COALESCE(MAX(id), 0) FROM events WHERE workspace_id = $1")
            .bind(workspace.0)
            .fetch_one(&self.pool)
            .await?;
        Ok(id)
    }

    async fn events_since(&self, scope: &CustomerScope, after_id: i64, limit: u32) -> Result<Vec<PortalEvent>> {
        type EventRow = (
            i64,
            String,
            i64,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<bool>,
            Option<Millis>,
        );
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query_as::<_, EventRow>(concat!(
            "SELECT e.id, e.kind, t.number, e.status, \
             m.id, m.author_kind, m.author_name, m.body, m.is_internal, m.created_at \
             FROM events e \
             JOIN tickets t ON t.workspace_id = e.workspace_id AND t.id = e.ticket_id \
             LEFT JOIN messages m ON m.workspace_id = e.workspace_id AND m.id = e.message_id \
             WHERE e.workspace_id = $1 AND ",
            visible_to_customer!(),
            " AND e.id > $3 AND (e.message_id IS NULL OR NOT m.is_internal) \
             ORDER BY e.id LIMIT $4"
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for (id, kind, ticket_number, status, m_id, m_kind, m_name, m_body, m_internal, m_at) in rows {
            let kind = EventKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("event {id}: stored kind {kind:?} is unknown")))?;
            let status = status.map(|s| parse_status(ticket_number, &s)).transpose()?;
            let message = match (m_id, m_kind, m_name, m_body, m_internal, m_at) {
                (Some(m_id), Some(m_kind), Some(author_name), Some(body), Some(internal), Some(created_at)) => {
                    let mut record = MessageRecord {
                        id: m_id,
                        author_kind: parse_author_kind(m_id, &m_kind)?,
                        author_name,
                        body,
                        internal,
                        created_at,
                        attachments: Vec::new(),
                    };
                    if !record.internal {
                        record.attachments = Self::message_files(&mut conn, scope.workspace_id(), m_id).await?;
                    }
                    match record.public() {
                        Some(message) => Some(message),
                        // Never sent: an internal note has no public form.
                        None => continue,
                    }
                }
                _ => None,
            };
            events.push(PortalEvent { id, kind, ticket_number, message, status });
        }
        Ok(events)
    }

    async fn create_api_token(
        &self,
        workspace: WorkspaceId,
        name: &str,
        token_hash: &[u8],
        now: Millis,
    ) -> Result<ApiToken> {
        let name = checked_api_token_name(name)?;
        let (id,) = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO api_tokens (workspace_id, name, token_hash, created_at) \
             SELECT id, $2, $3, $4 FROM workspaces WHERE id = $1 RETURNING id",
        )
        .bind(workspace.0)
        .bind(name.as_str())
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(conflict(|| "an API token with this hash exists".to_string()))?
        .ok_or(StoreError::NotFound)?;
        Ok(ApiToken { id, workspace_id: workspace, name, created_at: now, revoked_at: None })
    }

    async fn revoke_api_token(&self, workspace: WorkspaceId, id: i64, now: Millis) -> Result<bool> {
        let revoked = sqlx::query_as::<_, (i64,)>(
            "UPDATE api_tokens SET revoked_at = $3 \
             WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id",
        )
        .bind(workspace.0)
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.is_some())
    }

    async fn active_api_token(&self, token_hash: &[u8]) -> Result<Option<ActiveApiToken>> {
        let row = sqlx::query_as::<_, (i64, i64, String)>(
            "SELECT id, workspace_id, name FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id, workspace_id, name)| ActiveApiToken { id, workspace_id: WorkspaceId(workspace_id), name }))
    }

    async fn list_api_tokens(&self, workspace: WorkspaceId) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query_as::<_, (i64, String, Millis, Option<Millis>)>(
            "SELECT id, name, created_at, revoked_at FROM api_tokens WHERE workspace_id = $1 ORDER BY created_at, id",
        )
        .bind(workspace.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, created_at, revoked_at)| ApiToken {
                id,
                workspace_id: workspace,
                name,
                created_at,
                revoked_at,
            })
            .collect())
    }

    async fn agent_list_tickets(&self, agent: &AgentScope, limit: u32) -> Result<Vec<AgentTicketSummary>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        sqlx::query_as::<_, AgentSummaryRow>(concat!(
            agent_summary_select!(),
            "WHERE t.workspace_id = $1 ORDER BY t.updated_at DESC, t.number DESC LIMIT $2"
        ))
        .bind(agent.workspace_id().0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(agent_summary_from_row)
        .collect()
    }

    async fn agent_ticket(&self, agent: &AgentScope, number: i64) -> Result<Option<AgentTicket>> {
        let workspace = agent.workspace_id();
        let mut conn = self.pool.acquire().await?;
        let Some(ticket) = Self::workspace_ticket(&mut conn, workspace, number).await? else {
            return Ok(None);
        };
        let (email, name, in_audience, disabled, company) =
            sqlx::query_as::<_, (String, String, bool, bool, Option<String>)>(
                "SELECT c.email, c.name, c.in_audience, c.disabled_at IS NOT NULL, co.key FROM tickets t \
             JOIN customers c ON c.workspace_id = t.workspace_id AND c.id = t.creator_id \
             LEFT JOIN companies co ON co.workspace_id = t.workspace_id AND co.id = t.company_id \
             WHERE t.workspace_id = $1 AND t.id = $2",
            )
            .bind(workspace.0)
            .bind(ticket.id)
            .fetch_one(&mut *conn)
            .await?;
        let (records, attachments) = Self::conversation(&mut conn, workspace, ticket.id, true).await?;
        let messages = records.into_iter().map(MessageRecord::agent).collect();
        Ok(Some(AgentTicket {
            number: ticket.number,
            title: ticket.title,
            description: ticket.description,
            status: ticket.status,
            channel: ticket.channel,
            ticket_type: ticket.ticket_type,
            customer: Customer { id: ticket.creator, workspace_id: workspace, email, name, in_audience, disabled },
            company: company.as_deref().map(stored_company_key).transpose()?,
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
            attributes: ticket.attributes,
            attachments,
            messages,
        }))
    }

    async fn agent_create_ticket(
        &self,
        agent: &AgentScope,
        new: &AgentNewTicket,
        now: Millis,
    ) -> Result<AgentTicketSummary> {
        let workspace = agent.workspace_id();
        let description = checked_description(&new.description)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let ticket_type = rules.check_type(new.ticket_type.as_deref())?;
        let company_id = Self::optional_company_id(&mut tx, workspace, new.company.as_ref()).await?;
        // As `upsert_customer`, except that an empty name keeps the one known.
        let (customer_id, customer_email, customer_name) = sqlx::query_as::<_, (i64, String, String)>(
            "INSERT INTO customers (workspace_id, email, email_key, name, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) \
             ON CONFLICT (workspace_id, email_key) DO UPDATE \
             SET name = CASE WHEN excluded.name = '' THEN customers.name ELSE excluded.name END, \
             updated_at = CASE WHEN excluded.name = '' OR excluded.name = customers.name \
             THEN customers.updated_at ELSE excluded.updated_at END \
             RETURNING id, email, name",
        )
        .bind(workspace.0)
        .bind(new.customer_email.as_str())
        .bind(new.customer_email.key().as_str())
        .bind(new.customer_name.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let one = OneTicket {
            workspace,
            creator: CustomerId(customer_id),
            title: new.title.as_str(),
            description: &description,
            channel: CHANNEL_API,
            ticket_type,
            attributes: &new.attributes,
            company_id,
            now,
        };
        let (_, number) = Self::insert_one_ticket(&mut tx, &one).await?;
        self.commit_events(tx, ticket_wake(workspace, CustomerId(customer_id), company_id)).await?;
        Ok(AgentTicketSummary {
            number,
            title: new.title.as_str().to_string(),
            status: TicketStatus::Open,
            ticket_type: ticket_type.map(str::to_string),
            customer_id: CustomerId(customer_id),
            customer_email,
            customer_name,
            company: new.company.clone(),
            created_at: now,
            updated_at: now,
        })
    }

    async fn agent_post_message(
        &self,
        agent: &AgentScope,
        number: i64,
        post: &AgentPost,
        now: Millis,
    ) -> Result<AgentPostOutcome> {
        let workspace = agent.workspace_id();
        let author_name = checked_agent_name(&post.author_name)?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let ticket = Self::workspace_ticket(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        if let Some(key) = &post.key
            && let Some((ticket_id, first)) = Self::message_by_key(&mut tx, workspace, None, key.as_str()).await?
        {
            if ticket_id != ticket.id || first.body != post.body.as_str() || first.internal != post.internal {
                return Err(StoreError::KeyReused);
            }
            return Ok(AgentPostOutcome { message: first.agent(), duplicate: true });
        }
        let new = NewMessage {
            workspace,
            ticket_id: ticket.id,
            author_kind: AuthorKind::Agent,
            author_customer: None,
            author_name: &author_name,
            body: post.body.as_str(),
            internal: post.internal,
            key: post.key.as_ref().map(IdempotencyKey::as_str),
            now,
        };
        let message = Self::insert_message(&mut tx, &new).await?;
        // An internal note leaves no trace the customer could see: not even
        // the ticket's `updated_at` moves.
        if !post.internal {
            Self::update_ticket(&mut tx, workspace, &ticket, ticket.status, ticket.ticket_type.as_deref(), now).await?;
            let event = NewEvent {
                workspace,
                ticket_id: ticket.id,
                customer: ticket.creator,
                kind: EventKind::MessageCreated,
                message_id: Some(message.id),
                status: None,
                now,
            };
            Self::insert_event(&mut tx, &event).await?;
            self.commit_events(tx, ticket.wake(workspace)).await?;
        } else {
            tx.commit().await?;
        }
        Ok(AgentPostOutcome { message: message.agent(), duplicate: false })
    }

    async fn agent_update_ticket(
        &self,
        agent: &AgentScope,
        number: i64,
        status: Option<TicketStatus>,
        ticket_type: Option<&str>,
        company: Option<Option<&CompanyKey>>,
        now: Millis,
    ) -> Result<AgentTicketSummary> {
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        let rules = Self::lock_workspace(&mut tx, workspace).await?;
        let mut ticket = Self::workspace_ticket(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        let ticket_type = rules.check_type(ticket_type)?;
        let new_company = match company {
            Some(key) => Self::optional_company_id(&mut tx, workspace, key).await?,
            None => ticket.company_id,
        };
        // Everything is checked: from here on the change is written whole.
        if new_company != ticket.company_id {
            Self::set_company(&mut tx, workspace, &ticket, new_company).await?;
            ticket.company_id = new_company;
        }
        let new_status = status.unwrap_or(ticket.status);
        let new_type = ticket_type.or(ticket.ticket_type.as_deref());
        let status_changed = new_status != ticket.status;
        if status_changed || new_type != ticket.ticket_type.as_deref() {
            Self::update_ticket(&mut tx, workspace, &ticket, new_status, new_type, now).await?;
        }
        if status_changed {
            let event = NewEvent {
                workspace,
                ticket_id: ticket.id,
                customer: ticket.creator,
                kind: EventKind::TicketStatus,
                message_id: None,
                status: Some(new_status),
                now,
            };
            Self::insert_event(&mut tx, &event).await?;
        }
        let summary = Self::agent_summary(&mut tx, workspace, number).await?.ok_or(StoreError::NotFound)?;
        if status_changed {
            // `ticket` is as changed: the event concerns its new company's
            // members, or its creator alone.
            self.commit_events(tx, ticket.wake(workspace)).await?;
        } else {
            tx.commit().await?;
        }
        Ok(summary)
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
    fn insert_sql_numbers_its_parameters() {
        assert_eq!(
            insert_tickets_sql(2),
            "INSERT INTO tickets (workspace_id, creator_id, created_at, updated_at, number, title, description, status) \
             VALUES ($1, $2, $3, $3, $4, $5, $6, $7), ($1, $2, $3, $3, $8, $9, $10, $11)"
        );
    }

    #[test]
    fn postgres_notifies_the_channel_the_listener_hears() {
        let notify = <Postgres as Dialect>::NOTIFY.expect("PostgreSQL tells other processes");
        assert!(notify.contains(&format!("'{}'", crate::notify::CHANNEL)), "{notify}");
        assert_eq!(<Sqlite as Dialect>::NOTIFY, None);
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
