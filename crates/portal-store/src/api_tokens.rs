//! API tokens: how a workspace's agents reach the store from outside the
//! console. A part of [`crate::Store`].

use crate::Result;
#[cfg(doc)]
use crate::StoreError;
use async_trait::async_trait;
use portal_core::access::{ActiveApiToken, TokenName};
use portal_core::{ApiTokenId, Millis, WorkspaceId};

/// An API token as its workspace's admin sees it (the hash stays inside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    pub created_at: Millis,
    pub revoked_at: Option<Millis>,
}

#[async_trait]
pub trait ApiTokenStore {
    /// A hash that exists is a
    /// [`StoreError::Conflict`], an unknown workspace [`StoreError::NotFound`].
    async fn create_api_token(
        &self,
        workspace: WorkspaceId,
        name: &TokenName,
        token_hash: &[u8],
        now: Millis,
    ) -> Result<ApiToken>;
    /// Returns whether a live token of this workspace was revoked.
    async fn revoke_api_token(&self, workspace: WorkspaceId, id: ApiTokenId, now: Millis) -> Result<bool>;
    /// The token with this hash, if it is not revoked.
    async fn active_api_token(&self, token_hash: &[u8]) -> Result<Option<ActiveApiToken>>;
    /// Every token of the workspace, revoked ones included, oldest first.
    async fn list_api_tokens(&self, workspace: WorkspaceId) -> Result<Vec<ApiToken>>;
}
