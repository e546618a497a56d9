//! The SQL implementation of [`WebhookStore`]. The deliveries themselves
//! are written by the triggers of migration 0027.

use super::{SqlStore, sql_impl};
use crate::webhooks::{ClaimedDelivery, DeliveryRecord, DeliveryTry, Webhook, WebhookSettings, WebhookStore};
use crate::{Result, StoreError};
use async_trait::async_trait;
use macro_rules_attribute::apply;
use portal_core::webhook::{EventTypes, WebhookEvent};
use portal_core::{CustomerId, Millis, TicketNumber, TicketStatus, WorkspaceId};
use tracing::instrument;

/// The columns of a [`WebhookRow`].
const WEBHOOK_COLUMNS: &str = "id, url, events, include_notes, created_at, failing_since, disabled_at, disabled_reason";

/// Why the worker disabled an endpoint, as the console shows it.
const FAILING_REASON: &str = "every delivery failed for a day";
use crate::webhooks::ADMIN_DISABLED as ADMIN_REASON;

#[derive(sqlx::FromRow)]
struct WebhookRow {
    id: i64,
    url: String,
    events: String,
    include_notes: bool,
    created_at: Millis,
    failing_since: Option<Millis>,
    disabled_at: Option<Millis>,
    disabled_reason: String,
}

impl From<WebhookRow> for Webhook {
    fn from(row: WebhookRow) -> Self {
        Self {
            id: row.id,
            url: row.url,
            events: EventTypes::from_stored(&row.events),
            include_notes: row.include_notes,
            created_at: row.created_at,
            failing_since: row.failing_since,
            disabled_at: row.disabled_at,
            disabled_reason: row.disabled_reason,
        }
    }
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    event: String,
    number: Option<i64>,
    created_at: Millis,
    attempts: i64,
    delivered_at: Option<Millis>,
    failed_at: Option<Millis>,
    response_status: Option<i64>,
    last_error: String,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    attempts: i64,
    workspace_id: i64,
    slug: String,
    endpoint_id: i64,
    url: String,
    secret: String,
    event: String,
    number: Option<i64>,
    message_id: Option<i64>,
    customer_id: i64,
    status: Option<String>,
    created_at: Millis,
}

pub(super) fn secret_context(workspace: WorkspaceId) -> String {
    format!("webhook secret of workspace {}", workspace.0)
}

#[apply(sql_impl!)]
#[async_trait]
impl<DB> WebhookStore for SqlStore<DB> {
    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn create_webhook(
        &self,
        workspace: WorkspaceId,
        settings: &WebhookSettings,
        secret: &str,
        now: Millis,
    ) -> Result<Webhook> {
        let row = sqlx::query_as::<_, WebhookRow>(&format!(
            "INSERT INTO webhook_endpoints (workspace_id, url, events, include_notes, secret, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {WEBHOOK_COLUMNS}"
        ))
        .bind(workspace.0)
        .bind(settings.url.as_str())
        .bind(settings.events.to_stored())
        .bind(settings.include_notes)
        .bind(self.keys.seal(secret, &secret_context(workspace)))
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.into())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn webhooks(&self, workspace: WorkspaceId) -> Result<Vec<Webhook>> {
        let rows = sqlx::query_as::<_, WebhookRow>(&format!(
            "SELECT {WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 ORDER BY id"
        ))
        .bind(workspace.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Webhook::from).collect())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn webhook(&self, workspace: WorkspaceId, id: i64) -> Result<Option<Webhook>> {
        let row = sqlx::query_as::<_, WebhookRow>(&format!(
            "SELECT {WEBHOOK_COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2"
        ))
        .bind(workspace.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Webhook::from))
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn update_webhook(&self, workspace: WorkspaceId, id: i64, settings: &WebhookSettings) -> Result<Webhook> {
        let row = sqlx::query_as::<_, WebhookRow>(&format!(
            "UPDATE webhook_endpoints SET url = $3, events = $4, include_notes = $5 \
             WHERE workspace_id = $1 AND id = $2 RETURNING {WEBHOOK_COLUMNS}"
        ))
        .bind(workspace.0)
        .bind(id)
        .bind(settings.url.as_str())
        .bind(settings.events.to_stored())
        .bind(settings.include_notes)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Webhook::from).ok_or(StoreError::NotFound)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn set_webhook_enabled(
        &self,
        workspace: WorkspaceId,
        id: i64,
        enabled: bool,
        now: Millis,
    ) -> Result<Webhook> {
        // Enabling starts afresh; disabling keeps the first reason given.
        let row = sqlx::query_as::<_, WebhookRow>(&format!(
            "UPDATE webhook_endpoints SET \
             failing_since = CASE WHEN $3 THEN NULL ELSE failing_since END, \
             disabled_at = CASE WHEN $3 THEN NULL ELSE COALESCE(disabled_at, $4) END, \
             disabled_reason = CASE WHEN $3 THEN '' WHEN disabled_at IS NULL THEN $5 ELSE disabled_reason END \
             WHERE workspace_id = $1 AND id = $2 RETURNING {WEBHOOK_COLUMNS}"
        ))
        .bind(workspace.0)
        .bind(id)
        .bind(enabled)
        .bind(now)
        .bind(ADMIN_REASON)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Webhook::from).ok_or(StoreError::NotFound)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn rotate_webhook_secret(&self, workspace: WorkspaceId, id: i64, secret: &str) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE webhook_endpoints SET secret = $3 WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(id)
        .bind(self.keys.seal(secret, &secret_context(workspace)))
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)
        .map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn delete_webhook(&self, workspace: WorkspaceId, id: i64) -> Result<bool> {
        let deleted = sqlx::query_scalar::<_, i64>(
            "DELETE FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2 RETURNING id",
        )
        .bind(workspace.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(deleted.is_some())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn webhook_deliveries(&self, workspace: WorkspaceId, id: i64, limit: u32) -> Result<Vec<DeliveryRecord>> {
        let rows = sqlx::query_as::<_, DeliveryRow>(
            "SELECT d.id, d.event, t.number, d.created_at, d.attempts, d.delivered_at, d.failed_at, \
             d.response_status, d.last_error FROM webhook_deliveries d \
             LEFT JOIN tickets t ON t.workspace_id = d.workspace_id AND t.id = d.ticket_id \
             WHERE d.workspace_id = $1 AND d.endpoint_id = $2 ORDER BY d.id DESC LIMIT $3",
        )
        .bind(workspace.0)
        .bind(id)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| DeliveryRecord {
                id: row.id,
                event: row.event,
                ticket_number: row.number.map(TicketNumber),
                created_at: row.created_at,
                attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                delivered_at: row.delivered_at,
                failed_at: row.failed_at,
                response_status: row.response_status.and_then(|status| u16::try_from(status).ok()),
                last_error: row.last_error,
            })
            .collect())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn redeliver(&self, workspace: WorkspaceId, endpoint: i64, delivery: i64, now: Millis) -> Result<()> {
        sqlx::query_scalar::<_, i64>(
            "UPDATE webhook_deliveries SET due_at = $4, delivered_at = NULL, failed_at = NULL, claimed_until = NULL, \
             attempts = 0 WHERE workspace_id = $1 AND endpoint_id = $2 AND id = $3 RETURNING id",
        )
        .bind(workspace.0)
        .bind(endpoint)
        .bind(delivery)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)
        .map(drop)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn claim_webhooks(&self, now: Millis, hold: Millis, limit: u32) -> Result<Vec<ClaimedDelivery>> {
        // As `claim_mail`: the outer conditions repeat the inner ones, for
        // a PostgreSQL worker that waited on another's row lock.
        let claimed = sqlx::query_scalar::<_, i64>(
            "UPDATE webhook_deliveries SET claimed_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id \
                 WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.due_at <= $1 \
                 AND (d.claimed_until IS NULL OR d.claimed_until <= $1) AND e.disabled_at IS NULL \
                 AND (d.ticket_id IS NULL OR NOT EXISTS (SELECT 1 FROM webhook_deliveries p \
                     WHERE p.endpoint_id = d.endpoint_id AND p.ticket_id = d.ticket_id AND p.id < d.id \
                     AND p.delivered_at IS NULL AND p.failed_at IS NULL)) \
                 ORDER BY d.id LIMIT $3) \
             AND delivered_at IS NULL AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING id",
        )
        .bind(now)
        .bind(now + hold)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        // In the order they were written (RETURNING keeps none on PostgreSQL).
        let mut claimed = claimed;
        claimed.sort_unstable();
        let mut deliveries = Vec::with_capacity(claimed.len());
        for id in claimed {
            let row = sqlx::query_as::<_, ClaimedRow>(
                "SELECT d.id, d.attempts, d.workspace_id, w.slug, d.endpoint_id, e.url, e.secret, d.event, \
                 t.number, d.message_id, d.customer_id, d.status, d.created_at \
                 FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id \
                 JOIN workspaces w ON w.id = d.workspace_id \
                 LEFT JOIN tickets t ON t.workspace_id = d.workspace_id AND t.id = d.ticket_id WHERE d.id = $1",
            )
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
            let workspace = WorkspaceId(row.workspace_id);
            let Some(event) = WebhookEvent::parse(&row.event) else {
                let error = format!("unknown event type {:?}", row.event);
                let outcome = DeliveryTry { response_status: None, error: &error };
                self.webhook_not_delivered(id, now, &outcome, None, Millis::MAX).await?;
                continue;
            };
            deliveries.push(ClaimedDelivery {
                id: row.id,
                attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                integration: portal_core::access::ActiveIntegration { workspace_id: workspace },
                workspace_slug: row.slug,
                endpoint_id: row.endpoint_id,
                url: row.url,
                secret: self.keys.unseal(&row.secret, &secret_context(workspace))?,
                event,
                ticket_number: row.number.map(TicketNumber),
                message_id: row.message_id,
                customer_id: CustomerId(row.customer_id),
                status: row.status.as_deref().and_then(TicketStatus::parse),
                created_at: row.created_at,
            });
        }
        Ok(deliveries)
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn webhook_delivered(&self, id: i64, now: Millis, response_status: u16) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE webhook_deliveries SET delivered_at = $2, claimed_until = NULL, response_status = $3, \
             last_error = '' WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(i64::from(response_status))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE webhook_endpoints SET failing_since = NULL \
             WHERE id = (SELECT endpoint_id FROM webhook_deliveries WHERE id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    #[instrument(level = "debug", skip_all, err(level = "debug"))]
    async fn webhook_not_delivered(
        &self,
        id: i64,
        now: Millis,
        outcome: &DeliveryTry<'_>,
        retry_at: Option<Millis>,
        disable_after: Millis,
    ) -> Result<()> {
        let error: String = outcome.error.chars().take(500).collect();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE webhook_deliveries SET claimed_until = NULL, response_status = $2, last_error = $3, \
             due_at = COALESCE($4, due_at), failed_at = CASE WHEN $4 IS NULL THEN $5 ELSE NULL END WHERE id = $1",
        )
        .bind(id)
        .bind(outcome.response_status.map(i64::from))
        .bind(error)
        .bind(retry_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2), \
             disabled_at = CASE WHEN disabled_at IS NULL AND COALESCE(failing_since, $2) <= $2 - $3 \
                 THEN $2 ELSE disabled_at END, \
             disabled_reason = CASE WHEN disabled_at IS NULL AND COALESCE(failing_since, $2) <= $2 - $3 \
                 THEN $4 ELSE disabled_reason END \
             WHERE id = (SELECT endpoint_id FROM webhook_deliveries WHERE id = $1)",
        )
        .bind(id)
        .bind(now)
        .bind(disable_after)
        .bind(FAILING_REASON)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
