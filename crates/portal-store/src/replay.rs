//! Sign-in tokens used once: the `jti` of every token that signed someone
//! in, kept until the token would be refused as expired anyway. A part of
//! [`crate::Store`].

use crate::Result;
use async_trait::async_trait;
use portal_core::{Millis, WorkspaceId};

#[async_trait]
pub trait ReplayStore {
    /// Records that the token `jti_hash` (the SHA-256 of its `jti`) of this
    /// workspace is spent, to remember until `keep_until`. Returns `false`,
    /// recording nothing, when it was spent already and is still
    /// remembered: a replay. Ids past their `keep_until` are purged first,
    /// so the table holds only tokens that could still be accepted.
    async fn spend_token_id(
        &self,
        workspace: WorkspaceId,
        jti_hash: &[u8],
        keep_until: Millis,
        now: Millis,
    ) -> Result<bool>;
    /// Forgets every id past its `keep_until`; returns how many.
    async fn purge_token_ids(&self, now: Millis) -> Result<u64>;
}
