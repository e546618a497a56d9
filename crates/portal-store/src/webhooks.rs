//! Outgoing webhooks: a workspace's endpoints and the durable outbox of
//! their deliveries. A part of [`crate::Store`].
//!
//! Deliveries are written by the database itself, in the transaction of the
//! change they tell of (triggers on events, internal notes and customers),
//! so no writer can forget one and none is written for a change that was
//! rolled back. Workers claim due deliveries as they claim mail (one worker
//! a row, on any number of instances); a ticket's next event waits until
//! the one before it reached that endpoint or failed for good.

use crate::Result;
use async_trait::async_trait;
use portal_core::access::ActiveIntegration;
use portal_core::webhook::{EventTypes, WebhookEvent, WebhookUrl};
use portal_core::{CustomerId, Millis, TicketNumber, TicketStatus, WorkspaceId};

/// The reason an endpoint an admin disabled gives (others were disabled
/// by the worker, after a day of failures).
pub const ADMIN_DISABLED: &str = "disabled by an admin";

/// An endpoint as the console and the API show it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: EventTypes,
    pub include_notes: bool,
    pub created_at: Millis,
    /// Since when every delivery failed.
    pub failing_since: Option<Millis>,
    /// Disabled after a day of failures (or by an admin): receives nothing.
    pub disabled_at: Option<Millis>,
    pub disabled_reason: String,
}

/// An endpoint's settings, new or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookSettings {
    pub url: WebhookUrl,
    pub events: EventTypes,
    pub include_notes: bool,
}

/// One delivery, as its log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub id: i64,
    pub event: String,
    pub ticket_number: Option<TicketNumber>,
    pub created_at: Millis,
    pub attempts: u32,
    pub delivered_at: Option<Millis>,
    pub failed_at: Option<Millis>,
    /// The last try's HTTP status; `None`: no answer (or no try yet).
    pub response_status: Option<u16>,
    pub last_error: String,
}

/// A delivery a worker claimed: where it goes, how it is signed, and what
/// it tells of (the worker reads the ticket or customer to write it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedDelivery {
    pub id: i64,
    /// Tries so far, this one included.
    pub attempts: u32,
    /// The enabled endpoint's workspace.
    pub integration: ActiveIntegration,
    pub workspace_slug: String,
    pub endpoint_id: i64,
    pub url: String,
    /// The endpoint's secret, unsealed.
    pub secret: String,
    pub event: WebhookEvent,
    pub ticket_number: Option<TicketNumber>,
    pub message_id: Option<i64>,
    pub customer_id: CustomerId,
    /// The status the ticket took, for ticket events.
    pub status: Option<TicketStatus>,
    pub created_at: Millis,
}

/// The outcome of one try, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryTry<'a> {
    pub response_status: Option<u16>,
    /// Empty when delivered.
    pub error: &'a str,
}

#[async_trait]
pub trait WebhookStore {
    /// Adds an endpoint with `secret` (sealed before it is stored).
    async fn create_webhook(
        &self,
        workspace: WorkspaceId,
        settings: &WebhookSettings,
        secret: &str,
        now: Millis,
    ) -> Result<Webhook>;
    async fn webhooks(&self, workspace: WorkspaceId) -> Result<Vec<Webhook>>;
    async fn webhook(&self, workspace: WorkspaceId, id: i64) -> Result<Option<Webhook>>;
    /// Changes an endpoint's settings. `NotFound` for another workspace's.
    async fn update_webhook(&self, workspace: WorkspaceId, id: i64, settings: &WebhookSettings) -> Result<Webhook>;
    /// Enables an endpoint (its failures forgotten) or disables it (by an
    /// admin). `NotFound` for another workspace's.
    async fn set_webhook_enabled(&self, workspace: WorkspaceId, id: i64, enabled: bool, now: Millis)
    -> Result<Webhook>;
    /// Replaces the endpoint's secret: the next try of every delivery is
    /// signed with the new one.
    async fn rotate_webhook_secret(&self, workspace: WorkspaceId, id: i64, secret: &str) -> Result<()>;
    /// Removes an endpoint and its deliveries; says whether it existed.
    async fn delete_webhook(&self, workspace: WorkspaceId, id: i64) -> Result<bool>;
    /// The endpoint's latest deliveries, newest first.
    async fn webhook_deliveries(&self, workspace: WorkspaceId, id: i64, limit: u32) -> Result<Vec<DeliveryRecord>>;
    /// Sends a delivery again, now, under the same event id, whatever became
    /// of it. `NotFound` for another endpoint's or workspace's.
    async fn redeliver(&self, workspace: WorkspaceId, endpoint: i64, delivery: i64, now: Millis) -> Result<()>;
    /// Claims up to `limit` deliveries that are due at `now`, held by no
    /// worker, and whose ticket has no earlier delivery to the same endpoint
    /// still on its way; each for this worker until `now + hold`, counting
    /// the try. Deliveries of disabled endpoints wait.
    async fn claim_webhooks(&self, now: Millis, hold: Millis, limit: u32) -> Result<Vec<ClaimedDelivery>>;
    /// The endpoint answered 2xx.
    async fn webhook_delivered(&self, id: i64, now: Millis, response_status: u16) -> Result<()>;
    /// It did not: tried again from `retry_at`, or with `None`, never. An
    /// endpoint whose deliveries all failed for `disable_after` is disabled.
    async fn webhook_not_delivered(
        &self,
        id: i64,
        now: Millis,
        outcome: &DeliveryTry<'_>,
        retry_at: Option<Millis>,
        disable_after: Millis,
    ) -> Result<()>;
}
