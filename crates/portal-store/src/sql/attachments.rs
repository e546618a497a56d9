//! The SQL implementation of [`AttachmentStore`].

use super::messages::{AttachmentRow, attachment_columns, attachment_from_row};
use super::shared::{LIST_LIMIT_MAX, LIST_LIMIT_MIN};
use super::tickets::visible_to_customer;
use super::{SqlStore, sql_impl};
use crate::{AttachmentStore, AttachmentUsage, MailFile, Result, StoreError, StoredAttachment};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::access::AgentScope;
use portal_core::{AttachmentId, AttachmentInfo, AttachmentName, CustomerScope, Millis, TicketNumber, WorkspaceId};
use tracing::instrument;

/// Uploads one customer may have waiting to be sent at once.
const MAX_WAITING_UPLOADS: i64 = 30;

/// An [`AttachmentRow`] with where the blob store keeps its content.
#[derive(sqlx::FromRow)]
struct StoredAttachmentRow {
    #[sqlx(flatten)]
    file: AttachmentRow,
    blob_key: String,
}

fn stored_attachment_from_row(row: StoredAttachmentRow) -> Result<StoredAttachment> {
    Ok(StoredAttachment { info: attachment_from_row(row.file)?, blob_key: row.blob_key })
}

/// A workspace's quota, and what its files take.
#[derive(sqlx::FromRow)]
struct UsageRow {
    attachment_quota_bytes: Option<i64>,
    used_bytes: i64,
}

#[apply(sql_impl!)]
impl<DB> SqlStore<DB> {
    /// What the workspace's attached files take, and its own quota.
    async fn attachment_usage_in(conn: &mut DB::Connection, workspace: WorkspaceId) -> Result<AttachmentUsage> {
        let UsageRow { attachment_quota_bytes: quota, used_bytes: used } = sqlx::query_as::<_, UsageRow>(
            "SELECT attachment_quota_bytes, \
             (SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM attachments WHERE workspace_id = $1) \
             AS used_bytes FROM workspaces WHERE id = $1",
        )
        .bind(workspace.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
        let bytes =
            |n: i64| u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("workspace {}: {n} bytes", workspace.0)));
        Ok(AttachmentUsage { used_bytes: bytes(used)?, quota_bytes: quota.map(bytes).transpose()? })
    }
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> AttachmentStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn add_upload(
        &self,
        scope: &CustomerScope,
        name: &AttachmentName,
        size: u64,
        blob_key: &str,
        default_quota: u64,
        now: Millis,
    ) -> Result<AttachmentInfo> {
        let size_bytes = i64::try_from(size)
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| StoreError::Invalid(format!("{}: the size {size} is not a file's size", name.as_str())))?;
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        // Uploads to one workspace take turns, so two cannot both fit in the last room.
        Self::lock_workspace(&mut tx, scope.workspace_id()).await?;
        let usage = Self::attachment_usage_in(&mut tx, scope.workspace_id()).await?;
        let quota = usage.quota_bytes.unwrap_or(default_quota);
        if usage.used_bytes.saturating_add(size) > quota {
            return Err(StoreError::QuotaExceeded { used: usage.used_bytes, quota });
        }
        let waiting = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM attachments WHERE workspace_id = $1 AND uploader_id = $2 AND ticket_id IS NULL",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .fetch_one(&mut *tx)
        .await?;
        if waiting >= MAX_WAITING_UPLOADS {
            return Err(StoreError::Invalid(format!(
                "{}: {MAX_WAITING_UPLOADS} of your files are waiting to be sent; send them or try again tomorrow",
                name.as_str()
            )));
        }
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO attachments (workspace_id, uploader_id, file_name, content_type, size_bytes, blob_key, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(name.as_str())
        .bind(name.kind().content_type())
        .bind(size_bytes)
        .bind(blob_key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(AttachmentInfo {
            id: AttachmentId(id),
            name: name.as_str().to_string(),
            content_type: name.kind().content_type().to_string(),
            size,
        })
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn attach_mail_files(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        message_id: Option<i64>,
        files: &[MailFile],
        default_quota: u64,
        now: Millis,
    ) -> Result<Vec<AttachmentInfo>> {
        if files.is_empty() {
            return Ok(Vec::new());
        }
        let workspace = agent.workspace_id();
        let mut tx = self.pool.begin_with(DB::BEGIN_WRITE).await?;
        Self::lock_workspace(&mut tx, workspace).await?;
        let (ticket_id, uploader) = match message_id {
            Some(message) => sqlx::query_as::<_, (i64, i64)>(
                "SELECT m.ticket_id, m.author_customer_id FROM messages m \
                 JOIN tickets t ON t.workspace_id = m.workspace_id AND t.id = m.ticket_id \
                 WHERE m.workspace_id = $1 AND t.number = $2 AND m.id = $3 \
                 AND m.author_kind = 'customer' AND NOT m.is_internal",
            )
            .bind(workspace.0)
            .bind(number.0)
            .bind(message),
            None => sqlx::query_as::<_, (i64, i64)>(
                "SELECT id, creator_id FROM tickets WHERE workspace_id = $1 AND number = $2",
            )
            .bind(workspace.0)
            .bind(number.0),
        }
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let usage = Self::attachment_usage_in(&mut tx, workspace).await?;
        let quota = usage.quota_bytes.unwrap_or(default_quota);
        let total = files.iter().fold(0u64, |sum, file| sum.saturating_add(file.size));
        if usage.used_bytes.saturating_add(total) > quota {
            return Err(StoreError::QuotaExceeded { used: usage.used_bytes, quota });
        }
        let mut attached = Vec::with_capacity(files.len());
        for file in files {
            let size = i64::try_from(file.size).ok().filter(|n| *n > 0).ok_or_else(|| {
                StoreError::Invalid(format!("{}: the size {} is not a file's size", file.name.as_str(), file.size))
            })?;
            let id = sqlx::query_scalar::<_, i64>(
                "INSERT INTO attachments (workspace_id, uploader_id, ticket_id, message_id, file_name, content_type, \
                 size_bytes, blob_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(workspace.0)
            .bind(uploader)
            .bind(ticket_id)
            .bind(message_id)
            .bind(file.name.as_str())
            .bind(file.name.kind().content_type())
            .bind(size)
            .bind(&file.blob_key)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            attached.push(AttachmentInfo {
                id: AttachmentId(id),
                name: file.name.as_str().to_string(),
                content_type: file.name.kind().content_type().to_string(),
                size: file.size,
            });
        }
        tx.commit().await?;
        Ok(attached)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn attachment_usage(&self, workspace: WorkspaceId) -> Result<AttachmentUsage> {
        let mut conn = self.pool.acquire().await?;
        Self::attachment_usage_in(&mut conn, workspace).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_attachment_quota(&self, workspace: WorkspaceId, quota: Option<u64>) -> Result<()> {
        let quota = quota
            .map(|bytes| i64::try_from(bytes).map_err(|_| StoreError::Invalid(format!("a quota of {bytes} bytes"))))
            .transpose()?;
        let sql = "UPDATE workspaces SET attachment_quota_bytes = $2 WHERE id = $1 RETURNING id";
        self.update_workspace(workspace, sql, quota).await
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn customer_attachment(&self, scope: &CustomerScope, id: AttachmentId) -> Result<Option<StoredAttachment>> {
        let row = sqlx::query_as::<_, StoredAttachmentRow>(concat!(
            "SELECT ",
            attachment_columns!(),
            ", a.blob_key FROM attachments a \
             JOIN tickets t ON t.workspace_id = a.workspace_id AND t.id = a.ticket_id \
             LEFT JOIN messages m ON m.workspace_id = a.workspace_id AND m.id = a.message_id \
             WHERE a.workspace_id = $1 AND a.id = $3 AND (a.message_id IS NULL OR NOT m.is_internal) AND ",
            visible_to_customer!()
        ))
        .bind(scope.workspace_id().0)
        .bind(scope.customer_id().0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(stored_attachment_from_row).transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn agent_attachment(
        &self,
        agent: &AgentScope,
        number: TicketNumber,
        id: AttachmentId,
    ) -> Result<Option<StoredAttachment>> {
        let row = sqlx::query_as::<_, StoredAttachmentRow>(concat!(
            "SELECT ",
            attachment_columns!(),
            ", a.blob_key FROM attachments a \
             JOIN tickets t ON t.workspace_id = a.workspace_id AND t.id = a.ticket_id \
             WHERE a.workspace_id = $1 AND t.number = $2 AND a.id = $3"
        ))
        .bind(agent.workspace_id().0)
        .bind(number.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(stored_attachment_from_row).transpose()
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn take_stale_uploads(&self, created_before: Millis, limit: u32) -> Result<Vec<String>> {
        let limit = i64::from(limit.clamp(LIST_LIMIT_MIN, LIST_LIMIT_MAX));
        let keys = sqlx::query_scalar::<_, String>(
            "DELETE FROM attachments WHERE id IN (SELECT id FROM attachments \
             WHERE ticket_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2) RETURNING blob_key",
        )
        .bind(created_before)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(keys)
    }
}
