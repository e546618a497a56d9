//! How much one customer or one sign-in can make the server do: rate
//! limits on customers' writes and uploads (per session and per customer),
//! the slots password hashing runs in, and the storage a workspace's
//! attached files may take unless set for it.

use crate::error::PortalError;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};
use portal_core::{CustomerScope, SessionToken};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// `burst` at once, then one more every `every`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub every: Duration,
}

/// What [`Limits::new`] is made from (the server's configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitSettings {
    /// Password hashes or checks that may run at once.
    pub password_checks: usize,
    /// Replies, new tickets and reopenings.
    pub writes: Rate,
    pub uploads: Rate,
    /// A workspace's attached files, in bytes, unless set for it.
    pub attachment_quota_bytes: u64,
}

/// What a customer is doing, each with its own allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Write,
    Upload,
}

pub struct Limits {
    password_slots: Arc<Semaphore>,
    writes: Limiter,
    uploads: Limiter,
    pub attachment_quota_bytes: u64,
}

impl Limits {
    pub fn new(settings: &LimitSettings) -> Result<Self, String> {
        if settings.password_checks == 0 {
            return Err("password_checks must be at least 1".into());
        }
        Ok(Self {
            password_slots: Arc::new(Semaphore::new(settings.password_checks)),
            writes: Limiter::new(settings.writes, "write")?,
            uploads: Limiter::new(settings.uploads, "upload")?,
            attachment_quota_bytes: settings.attachment_quota_bytes,
        })
    }

    /// A slot to hash or check one password in, if one is free now. Each
    /// check holds about 19 MiB, so they are bounded, and refused rather
    /// than queued past the bound.
    pub fn password_slot(&self) -> Option<OwnedSemaphorePermit> {
        self.password_slots.clone().try_acquire_owned().ok()
    }

    /// Takes one `action` from the session's allowance and the customer's,
    /// or says how long to wait. Counting the customer too means opening
    /// more sessions does not raise a customer's allowance.
    pub fn check(
        &self,
        action: Action,
        scope: &CustomerScope,
        session: Option<&SessionToken>,
    ) -> Result<(), PortalError> {
        self.check_keys(action, (scope.workspace_id().0, scope.customer_id().0), session)
    }

    fn check_keys(
        &self,
        action: Action,
        (workspace, customer): (i64, i64),
        session: Option<&SessionToken>,
    ) -> Result<(), PortalError> {
        let limiter = match action {
            Action::Write => &self.writes,
            Action::Upload => &self.uploads,
        };
        let mut keys = vec![Key::Customer(workspace, customer)];
        keys.extend(session.map(|token| Key::Session(token.hash())));
        keys.iter().try_for_each(|key| limiter.check(key))
    }
}

/// For a server function: takes one `action` from the bearer's allowance,
/// or fails with 429 and `Retry-After`.
pub fn spend(state: &crate::state::AppState, action: Action, scope: &CustomerScope) -> Result<(), PortalError> {
    state
        .limits
        .check(action, scope, crate::state::credential().as_ref().and_then(crate::state::Credential::token))
        .map_err(crate::state::fail)
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Session(Vec<u8>),
    Customer(i64, i64),
}

struct Limiter {
    limiter: DefaultKeyedRateLimiter<Key>,
    checks: AtomicU64,
}

/// Every this many checks, keys whose allowance is whole again are forgotten.
const FORGET_EVERY: u64 = 4096;

impl Limiter {
    fn new(rate: Rate, what: &str) -> Result<Self, String> {
        let burst = NonZeroU32::new(rate.burst).ok_or_else(|| format!("{what}_burst must be at least 1"))?;
        let quota = Quota::with_period(rate.every).ok_or_else(|| format!("{what}_every_secs must be at least 1"))?;
        Ok(Self { limiter: DefaultKeyedRateLimiter::keyed(quota.allow_burst(burst)), checks: AtomicU64::new(0) })
    }

    fn check(&self, key: &Key) -> Result<(), PortalError> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % FORGET_EVERY == FORGET_EVERY - 1 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            PortalError::RateLimited { retry_after: wait.as_secs_f64().ceil().max(1.0) as u64 }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(burst: u32) -> Limits {
        let rate = Rate { burst, every: Duration::from_secs(60) };
        let settings =
            LimitSettings { password_checks: 2, writes: rate, uploads: rate, attachment_quota_bytes: 1 << 30 };
        Limits::new(&settings).unwrap()
    }

    #[test]
    fn a_customer_waits_after_the_burst_whatever_the_session() {
        let limits = limits(2);
        let ann = (1, 10);
        let (one, two) = (SessionToken::from_random([1; 32]), SessionToken::from_random([2; 32]));
        assert_eq!(limits.check_keys(Action::Write, ann, Some(&one)), Ok(()));
        assert_eq!(limits.check_keys(Action::Write, ann, Some(&one)), Ok(()));
        match limits.check_keys(Action::Write, ann, Some(&two)) {
            Err(PortalError::RateLimited { retry_after }) => assert!((1..=60).contains(&retry_after), "{retry_after}"),
            other => panic!("expected RateLimited, got {other:?}"),
        }
        assert_eq!(limits.check_keys(Action::Upload, ann, Some(&two)), Ok(()), "uploads have their own allowance");
        assert_eq!(limits.check_keys(Action::Write, (1, 11), None), Ok(()), "another customer");
    }

    #[test]
    fn password_slots_are_bounded_and_come_back() {
        let limits = limits(1);
        let (first, second) = (limits.password_slot(), limits.password_slot());
        assert!(first.is_some() && second.is_some());
        assert!(limits.password_slot().is_none());
        drop(first);
        assert!(limits.password_slot().is_some());
    }

    #[test]
    fn zero_is_refused() {
        let rate = Rate { burst: 0, every: Duration::from_secs(1) };
        let settings = LimitSettings { password_checks: 1, writes: rate, uploads: rate, attachment_quota_bytes: 0 };
        assert_eq!(Limits::new(&settings).err().as_deref(), Some("write_burst must be at least 1"));
    }
}
