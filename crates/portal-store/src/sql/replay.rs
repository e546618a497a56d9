//! The SQL implementation of [`ReplayStore`].

use super::{SqlStore, sql_impl};
use crate::{ReplayStore, Result};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::{Millis, WorkspaceId};
use tracing::instrument;

#[apply(sql_impl!)]
#[async_trait]
impl<DB> ReplayStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn spend_token_id(
        &self,
        workspace: WorkspaceId,
        jti_hash: &[u8],
        keep_until: Millis,
        now: Millis,
    ) -> Result<bool> {
        // Purged on the way in, not by a sweep: a few rows per sign-in at
        // most, found through the expiry index.
        self.purge_token_ids(now).await?;
        // ON CONFLICT DO NOTHING rather than a unique-violation error, so
        // two replays at once need no retry: exactly one insert returns a row.
        let spent = sqlx::query_scalar::<_, i64>(
            "INSERT INTO used_token_ids (workspace_id, jti_hash, keep_until) VALUES ($1, $2, $3) \
             ON CONFLICT (workspace_id, jti_hash) DO NOTHING RETURNING workspace_id",
        )
        .bind(workspace.0)
        .bind(jti_hash)
        .bind(keep_until)
        .fetch_optional(&self.pool)
        .await?;
        Ok(spent.is_some())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn purge_token_ids(&self, now: Millis) -> Result<u64> {
        // RETURNING counts them the same way on both backends.
        let purged =
            sqlx::query_scalar::<_, i64>("DELETE FROM used_token_ids WHERE keep_until <= $1 RETURNING workspace_id")
                .bind(now)
                .fetch_all(&self.pool)
                .await?;
        Ok(purged.len() as u64)
    }
}
