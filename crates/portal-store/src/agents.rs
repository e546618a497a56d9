//! The console's accounts (the workspace's agents) and their sessions. A
//! part of [`crate::Store`].

use crate::Result;
#[cfg(doc)]
use crate::StoreError;
use async_trait::async_trait;
use portal_core::access::ActiveAgent;
use portal_core::console::Role;
use portal_core::{AgentId, Email, Millis, WorkspaceId};

/// A console account as others see it (its password hash stays inside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub id: AgentId,
    pub workspace_id: WorkspaceId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub created_at: Millis,
    /// Cannot sign in until an admin resumes it.
    pub paused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgent {
    pub email: Email,
    /// Checked by [`portal_core::console::check_agent_name`].
    pub name: String,
    pub role: Role,
    /// An argon2id PHC string.
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgentSession {
    pub workspace_id: WorkspaceId,
    pub agent_id: AgentId,
    /// SHA-256 of the cookie's token; the token itself is never stored.
    pub token_hash: Vec<u8>,
    pub expires_at: Millis,
}

#[async_trait]
pub trait AgentStore {
    /// An email already used in the workspace is a [`StoreError::Conflict`].
    async fn create_agent(&self, workspace: WorkspaceId, new: &NewAgent, now: Millis) -> Result<Agent>;
    /// The account with this email (compared in lower case) and its password hash.
    async fn agent_credentials(&self, workspace: WorkspaceId, email: &Email) -> Result<Option<(Agent, String)>>;
    /// The password hash of the workspace's account `agent`.
    async fn agent_password_hash(&self, workspace: WorkspaceId, agent: AgentId) -> Result<Option<String>>;
    /// The workspace's accounts, by name.
    async fn agents(&self, workspace: WorkspaceId) -> Result<Vec<Agent>>;
    /// Replaces the account's password hash and ends its other sessions
    /// (all but the one whose token hash is `keep`), in one transaction.
    async fn set_agent_password(
        &self,
        workspace: WorkspaceId,
        agent: AgentId,
        password_hash: &str,
        keep: &[u8],
        now: Millis,
    ) -> Result<()>;
    /// The name customers see on the account's replies; checked by
    /// [`portal_core::console::check_agent_name`].
    async fn set_agent_name(&self, workspace: WorkspaceId, agent: AgentId, name: &str) -> Result<()>;
    /// Gives the account another role. Demoting the workspace's last admin
    /// is [`StoreError::Invalid`].
    async fn set_agent_role(&self, workspace: WorkspaceId, agent: AgentId, role: Role) -> Result<()>;
    /// Pauses the account (its sessions end; it cannot sign in) or resumes
    /// it. Pausing the workspace's last admin that is not paused is
    /// [`StoreError::Invalid`].
    async fn set_agent_paused(&self, workspace: WorkspaceId, agent: AgentId, paused: bool, now: Millis) -> Result<()>;
    /// Removes the account: its sessions end and its tickets are left
    /// unassigned. Removing the workspace's last admin is
    /// [`StoreError::Invalid`].
    async fn remove_agent(&self, workspace: WorkspaceId, agent: AgentId) -> Result<()>;
    async fn open_agent_session(&self, new: &NewAgentSession, now: Millis) -> Result<()>;
    /// The account of the session with this token hash, if it is not
    /// revoked or expired.
    async fn active_agent(&self, token_hash: &[u8], now: Millis) -> Result<Option<ActiveAgent>>;
    /// Returns whether a live session was revoked.
    async fn revoke_agent_session(&self, token_hash: &[u8], now: Millis) -> Result<bool>;
}
