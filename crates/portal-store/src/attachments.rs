//! Attached files: customers' uploads, what a workspace's files take
//! against its quota, and reading a file back. A part of [`crate::Store`].

use crate::Result;
#[cfg(doc)]
use crate::StoreError;
use async_trait::async_trait;
use portal_core::access::AgentScope;
use portal_core::{AttachmentId, AttachmentInfo, AttachmentName, CustomerScope, Millis, TicketNumber, WorkspaceId};

/// What a workspace's attached files take (see [`AttachmentStore::attachment_usage`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentUsage {
    /// The sizes of its files, sent or waiting to be.
    pub used_bytes: u64,
    /// Its own quota; `None`: the server's default.
    pub quota_bytes: Option<u64>,
}

/// An attached file and where the blob store keeps its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub info: AttachmentInfo,
    pub blob_key: String,
}

/// A file that came with a customer's mail: checked by the caller as an
/// upload is, its content already in the blob store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFile {
    pub name: AttachmentName,
    pub size: u64,
    pub blob_key: String,
}

/// A customer uploads a file first: it waits, attached to nothing, until a
/// reply or a new ticket claims it. Only its uploader can claim it, once.
#[async_trait]
pub trait AttachmentStore {
    /// Records an upload whose content the blob store holds under
    /// `blob_key`. The caller has checked the name, the size against the
    /// workspace's limit, and the content. A customer may have at most 30
    /// uploads waiting. The workspace's files, sent or waiting, this one
    /// included, must fit in its quota (its own, else `default_quota`
    /// bytes), else [`StoreError::QuotaExceeded`] and nothing is written.
    async fn add_upload(
        &self,
        scope: &CustomerScope,
        name: &AttachmentName,
        size: u64,
        blob_key: &str,
        default_quota: u64,
        now: Millis,
    ) -> Result<AttachmentInfo>;
    /// How much the workspace's attached files take, and its own quota.
    async fn attachment_usage(&self, workspace: WorkspaceId) -> Result<AttachmentUsage>;
    /// Sets the workspace's own quota for attached files, in bytes; `None`
    /// leaves it to the server's default.
    async fn set_attachment_quota(&self, workspace: WorkspaceId, quota: Option<u64>) -> Result<()>;
    /// A sent file, if it is on a ticket the scope may see and not on an
    /// internal note.
    async fn customer_attachment(&self, scope: &CustomerScope, id: AttachmentId) -> Result<Option<StoredAttachment>>;
    /// A file of the workspace's ticket numbered `number`.
    async fn agent_attachment(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        id: AttachmentId,
    ) -> Result<Option<StoredAttachment>>;
    /// Attaches the files of a customer's mail to ticket `number`: to its
    /// message `message_id` (which must be a customer's public message), or
    /// with `None` to the ticket itself, as sent by the message's author or
    /// the ticket's creator. They must fit in the quota together (as for
    /// [`AttachmentStore::add_upload`]), else [`StoreError::QuotaExceeded`]
    /// and none is attached.
    async fn attach_mail_files(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        message_id: Option<i64>,
        files: &[MailFile],
        default_quota: u64,
        now: Millis,
    ) -> Result<Vec<AttachmentInfo>>;
    /// Forgets up to `limit` uploads never sent and made before
    /// `created_before`, and returns their blob keys for deletion.
    async fn take_stale_uploads(&self, created_before: Millis, limit: u32) -> Result<Vec<String>>;
}
