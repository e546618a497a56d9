//! The event bus: tells live connections that events they may see were
//! committed, so they read them (with [`Store::events_since`]) instead of
//! polling.
//!
//! A wake-up carries no event, only whom it concerns: the events themselves
//! are always read from the outbox, through a [`CustomerScope`], so the bus
//! cannot leak anything and a lost wake-up loses nothing (the reader catches
//! up on the next one).
//!
//! Within a process the store publishes on a broadcast channel after each
//! commit that appended events (and after a change that may end sessions:
//! one revoked, the portal switched off, its origins changed, so their
//! sockets close at once). On PostgreSQL the same transaction also runs
//! `pg_notify` on [`CHANNEL`], delivered on commit to every process on the
//! database; a task per store (started by the first subscriber) LISTENs and
//! republishes what other processes wrote, so their clients wake too.
//!
//! [`Store::events_since`]: crate::ConversationStore::events_since

use portal_core::{CustomerId, CustomerScope, WorkspaceId};
use sqlx::postgres::{PgListener, PgPool};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::broadcast;

/// The PostgreSQL notification channel of committed events.
pub const CHANNEL: &str = "portal_events";
/// Wake-ups a subscriber may fall behind by. One that lags (its `recv` says
/// `Lagged`) missed some: it must re-read as if woken by [`Wake::Everyone`].
const CAPACITY: usize = 1024;
/// Waits between attempts to (re)connect the listener.
const BACKOFF_MIN: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(30);

/// Whom a committed change concerns: their live connections look again
/// (re-check their session, read new events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Events of tickets this customer may see, or one of their sessions ended.
    Customer(WorkspaceId, CustomerId),
    /// Events of some tickets of this workspace, or its sessions may have
    /// ended (the portal switched off, its origins changed).
    Workspace(WorkspaceId),
    /// Unknown: wake-ups may have been lost (the listener reconnected, or a
    /// subscriber lagged), so every subscriber re-reads.
    Everyone,
}

impl Wake {
    /// Whether a connection of `scope` should look for new events.
    pub fn concerns(&self, scope: &CustomerScope) -> bool {
        match *self {
            Self::Customer(workspace, customer) => workspace == scope.workspace_id() && customer == scope.customer_id(),
            Self::Workspace(workspace) => workspace == scope.workspace_id(),
            Self::Everyone => true,
        }
    }
}

/// The in-process side of the bus, owned by the store.
pub(crate) struct EventBus {
    sender: broadcast::Sender<Wake>,
    /// Tags this store's notifications so its listener skips them: they
    /// were published in-process already.
    instance: u64,
    /// PostgreSQL's listener task, started by the first subscriber.
    listener: OnceLock<AbortOnDrop>,
}

impl EventBus {
    pub(crate) fn new() -> Self {
        Self { sender: broadcast::channel(CAPACITY).0, instance: instance_id(), listener: OnceLock::new() }
    }

    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Wake> {
        self.sender.subscribe()
    }

    /// After a commit that appended events (or ended a session): whom it
    /// concerns.
    pub(crate) fn published(&self, wake: Wake) {
        // No subscriber is not an error.
        let _ = self.sender.send(wake);
    }

    /// The `pg_notify` payload of a wake-up: `<workspace id>:<customer
    /// id>:<instance>`, with `*` for every customer of the workspace.
    pub(crate) fn payload(&self, wake: Wake) -> String {
        match wake {
            Wake::Customer(workspace, customer) => format!("{}:{}:{:016x}", workspace.0, customer.0, self.instance),
            Wake::Workspace(workspace) => format!("{}:*:{:016x}", workspace.0, self.instance),
            // Not ours to send; a payload nobody parses wakes everyone.
            Wake::Everyone => "*".to_string(),
        }
    }

    /// Starts LISTENing on `pool` unless already started. Needs a Tokio
    /// runtime; without one (nothing could be waiting) it does nothing.
    pub(crate) fn listen_postgres(&self, pool: &PgPool) {
        if self.listener.get().is_some() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let (pool, sender, instance) = (pool.clone(), self.sender.clone(), self.instance);
        let _ = self.listener.get_or_init(|| AbortOnDrop(runtime.spawn(listen(pool, sender, instance))));
    }
}

/// What a notification's payload says. `None` for this store's own.
fn parse_payload(payload: &str, own_instance: u64) -> Option<Wake> {
    let mut parts = payload.split(':');
    let workspace = parts.next().and_then(|p| p.parse().ok()).map(WorkspaceId);
    let whom = parts.next().map(|p| if p == "*" { Some(None) } else { p.parse().ok().map(|c| Some(CustomerId(c))) });
    let instance = parts.next().map(|p| u64::from_str_radix(p, 16).ok());
    if parts.next().is_some() {
        return Some(Wake::Everyone);
    }
    let wake = match (workspace, whom) {
        (Some(workspace), Some(Some(Some(customer)))) => Wake::Customer(workspace, customer),
        (Some(workspace), Some(Some(None))) | (Some(workspace), None) => Wake::Workspace(workspace),
        // Not ours to understand: better everyone re-reads than someone misses.
        _ => return Some(Wake::Everyone),
    };
    match instance {
        Some(Some(instance)) if instance == own_instance => None,
        None | Some(Some(_)) => Some(wake),
        Some(None) => Some(Wake::Everyone),
    }
}

/// Republishes other processes' notifications until the store is dropped,
/// reconnecting with backoff. Each time it (re)starts listening it wakes
/// everyone: what was committed while it was away was never heard.
async fn listen(pool: PgPool, sender: broadcast::Sender<Wake>, instance: u64) {
    let mut backoff = BACKOFF_MIN;
    loop {
        let error = match PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    let _ = sender.send(Wake::Everyone);
                    backoff = BACKOFF_MIN;
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(notification)) => {
                                if let Some(wake) = parse_payload(notification.payload(), instance) {
                                    let _ = sender.send(wake);
                                }
                            }
                            // The connection dropped and the listener has
                            // reconnected: catch up on what was missed.
                            Ok(None) => {
                                tracing::warn!("the event listener reconnected to PostgreSQL");
                                let _ = sender.send(Wake::Everyone);
                            }
                            Err(error) => break error,
                        }
                    }
                }
                Err(error) => error,
            },
            Err(error) => error,
        };
        if matches!(error, sqlx::Error::PoolClosed) {
            return;
        }
        tracing::warn!(%error, retry_in_ms = backoff.as_millis(), "the event listener lost PostgreSQL");
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(BACKOFF_MAX);
    }
}

/// A task that ends with its owner.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Distinct per store with overwhelming probability: std's per-process
/// random hash keys (advanced per call), the process id and the clock.
fn instance_id() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_skip_our_own() {
        let bus = EventBus::new();
        let other = EventBus::new();
        assert_ne!(bus.instance, other.instance);
        let payload = bus.payload(Wake::Customer(WorkspaceId(7), CustomerId(42)));
        assert_eq!(parse_payload(&payload, bus.instance), None, "our own notification");
        assert_eq!(parse_payload(&payload, other.instance), Some(Wake::Customer(WorkspaceId(7), CustomerId(42))));
        assert_eq!(parse_payload("7", 1), Some(Wake::Workspace(WorkspaceId(7))));
        assert_eq!(parse_payload("7:42", 1), Some(Wake::Customer(WorkspaceId(7), CustomerId(42))));
        for odd in ["", "x", "7:x", "7:42:zz", "7:42:1:extra"] {
            assert_eq!(parse_payload(odd, 1), Some(Wake::Everyone), "{odd:?}");
        }
    }
}
