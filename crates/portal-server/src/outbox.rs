//! The one delivery machinery of the durable outboxes: customers' mail,
//! webhooks and Slack posts.
//!
//! Each outbox is a table written in the transaction of the change it tells
//! of. A worker on every instance polls it: it claims the rows that are due
//! (each for a hold longer than one try can take, so two workers never send
//! the same row at once, and a worker that dies mid-try lets go of its rows
//! when the hold ends), tries them a few at a time, and records each outcome:
//! delivered, or tried again after the wait its [`Schedule`] gives, or
//! failed for good after the last try.
//!
//! [`Schedule`]: portal_core::retry::Schedule

use async_trait::async_trait;
use portal_app::state::{AppState, now_millis};
use std::time::Duration;

/// How often a worker looks for due rows.
const POLL: Duration = Duration::from_secs(2);
/// Rows claimed at a time.
const BATCH: u32 = 20;
/// Rows of one batch tried at once: one slow receiver does not hold up the rest.
const AT_ONCE: usize = 8;

/// One outbox: how its rows are claimed and delivered.
#[async_trait]
pub trait Courier: Send + Sync + 'static {
    type Item: Send + Sync;
    /// What it delivers, for the logs.
    const KIND: &'static str;

    /// Claims up to `limit` rows due at `now` (see the store's `claim_*`).
    async fn claim(
        &self,
        state: &AppState,
        now: portal_core::Millis,
        limit: u32,
    ) -> portal_store::Result<Vec<Self::Item>>;

    /// Tries one claimed row and records the outcome; true when delivered.
    async fn deliver(&self, state: &AppState, item: &Self::Item) -> bool;
}

/// Delivers `courier`'s rows for as long as the server runs.
pub async fn run<C: Courier>(state: AppState, courier: C) {
    loop {
        deliver_due(&state, &courier).await;
        tokio::time::sleep(POLL).await;
    }
}

/// One round: every row due now; returns how many were delivered.
pub async fn deliver_due<C: Courier>(state: &AppState, courier: &C) -> usize {
    let mut delivered = 0;
    loop {
        let claimed = match courier.claim(state, now_millis(), BATCH).await {
            Ok(claimed) => claimed,
            Err(error) => {
                tracing::warn!(%error, outbox = C::KIND, "claiming due deliveries failed");
                return delivered;
            }
        };
        if claimed.is_empty() {
            return delivered;
        }
        for chunk in claimed.chunks(AT_ONCE) {
            let mut tries = Vec::with_capacity(chunk.len());
            for item in chunk {
                tries.push(courier.deliver(state, item));
            }
            delivered += futures_util::future::join_all(tries).await.into_iter().filter(|sent| *sent).count();
        }
    }
}
