//! The store's error type.

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row the call needs does not exist (an unknown workspace, say).
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the write (a workspace slug that is taken,
    /// a session token hash that exists).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The ticket is closed and the workspace does not let customers reopen
    /// it; nothing was written.
    #[error("the ticket is closed")]
    TicketClosed,
    /// The author used this idempotency key before, for another message (on
    /// another ticket, or with other text); nothing was written. Keys are
    /// the author's own, so nobody else's use of one is ever reported.
    #[error("this idempotency key was already used for a different message; send a new message with a new key")]
    KeyReused,
    /// The caller's input is refused (a name too long, a ticket type the
    /// workspace does not have, a database URL the store cannot open);
    /// nothing was written. The message is written for the caller.
    #[error("{0}")]
    Invalid(String),
    /// What the database holds fails its checks (a stored value that does
    /// not parse), or a value the store made cannot be written: damaged
    /// data or a bug, never the caller's fault. The message names the row
    /// for the log and the operator, never for a customer or an API client.
    #[error("stored data fails its checks: {0}")]
    Corrupt(String),
    /// A company key names no company of the workspace; nothing was written.
    /// The key is the caller's, so the message may be shown to them.
    #[error("there is no company {:?}", .0.as_str())]
    UnknownCompany(portal_core::CompanyKey),
    /// An email names no customer of the workspace; nothing was written.
    /// The email is the caller's, so the message may be shown to them.
    #[error("there is no customer with the email {:?}", .0.as_str())]
    UnknownCustomer(portal_core::Email),
    /// The customer opened the ticket: they take part in it already, and
    /// are never one of its participants; nothing was written.
    #[error("this customer opened the ticket and takes part in it already")]
    CreatorTakesPart,
    /// The customer may read the ticket (a member of its company) but takes
    /// no part in it: they may not reply, reopen it or attach files until
    /// they join it; nothing was written.
    #[error("the customer does not take part in this ticket: they must join it first")]
    NotParticipant,
    /// A sealed secret does not open with the server's keys: the key ring
    /// is not the one the database was sealed with, or a row was altered.
    #[error("a stored identity secret does not open with the configured key ring: {0}")]
    Unsealable(#[from] crate::SealError),
    /// The workspace's attached files would take more than its quota;
    /// nothing was written.
    #[error("the workspace's files would take more than its quota of {quota} bytes ({used} are taken)")]
    QuotaExceeded { used: u64, quota: u64 },
    /// The migrations could not be applied; the caller must not serve.
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    /// Unique violations become [`StoreError::Conflict`]; everything else is
    /// kept as [`StoreError::Database`].
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict(db.message().to_string()),
            _ => Self::Database(error),
        }
    }
}

impl StoreError {
    /// The database cannot be reached right now (down, restarting, pool
    /// exhausted): worth a 503 and a retry, not a 500.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Self::Database(
                sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Tls(_)
            )
        )
    }
}
