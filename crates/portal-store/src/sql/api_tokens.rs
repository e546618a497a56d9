//! The SQL implementation of [`ApiTokenStore`].

use super::shared::conflict;
use super::{SqlStore, sql_impl};
use crate::{ApiToken, ApiTokenStore, Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::{ActiveApiToken, TokenName};
use portal_core::{ApiTokenId, Millis, WorkspaceId};
use tracing::instrument;

#[derive(sqlx::FromRow)]
struct ActiveTokenRow {
    id: i64,
    workspace_id: i64,
    name: String,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    name: String,
    created_at: Millis,
    revoked_at: Option<Millis>,
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> ApiTokenStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn create_api_token(
        &self,
        workspace: WorkspaceId,
        name: &TokenName,
        token_hash: &[u8],
        now: Millis,
    ) -> Result<ApiToken> {
        let id = sqlx::query_scalar::<_, i64>(
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
        Ok(ApiToken {
            id: ApiTokenId(id),
            workspace_id: workspace,
            name: name.as_str().to_string(),
            created_at: now,
            revoked_at: None,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn revoke_api_token(&self, workspace: WorkspaceId, id: ApiTokenId, now: Millis) -> Result<bool> {
        let revoked = sqlx::query_scalar::<_, i64>(
            "UPDATE api_tokens SET revoked_at = $3 \
             WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id",
        )
        .bind(workspace.0)
        .bind(id.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.is_some())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn active_api_token(&self, token_hash: &[u8]) -> Result<Option<ActiveApiToken>> {
        let row = sqlx::query_as::<_, ActiveTokenRow>(
            "SELECT id, workspace_id, name FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|ActiveTokenRow { id, workspace_id, name }| ActiveApiToken {
            id: ApiTokenId(id),
            workspace_id: WorkspaceId(workspace_id),
            name,
        }))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn list_api_tokens(&self, workspace: WorkspaceId) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query_as::<_, TokenRow>(
            "SELECT id, name, created_at, revoked_at FROM api_tokens WHERE workspace_id = $1 ORDER BY created_at, id",
        )
        .bind(workspace.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|TokenRow { id, name, created_at, revoked_at }| ApiToken {
                id: ApiTokenId(id),
                workspace_id: workspace,
                name,
                created_at,
                revoked_at,
            })
            .collect())
    }
}
