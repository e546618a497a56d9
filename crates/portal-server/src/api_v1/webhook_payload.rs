//! What a webhook delivery's body says: the event, and the ticket, message
//! or customer it tells of as the REST API shows them.

use super::responses::{Customer, Message, Ticket};
use portal_app::state::AppState;
use portal_core::AgentScope;
use portal_core::webhook::WebhookEvent;
use portal_store::{ClaimedDelivery, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The body of every webhook request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookPayload {
    /// The event's id, the same on every try and redelivery: a receiver
    /// that saw it before may ignore it.
    pub id: i64,
    /// `ticket.created`, `ticket.updated`, `message.created` or `customer.created`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// When the change was made, in milliseconds since the Unix epoch.
    pub created_at: i64,
    /// The workspace's slug.
    pub workspace: String,
    pub data: EventData,
}

/// What the event tells of: `ticket` for ticket and message events (with
/// the status it took, for `ticket.updated`), `message` for
/// `message.created` (`internal: true` only for endpoints that asked for
/// agents' notes), `customer` for `customer.created`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EventData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<Ticket>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
}

/// The JSON body of `delivery`; `None` when what it tells of was deleted.
pub async fn body(state: &AppState, delivery: &ClaimedDelivery) -> Result<Option<Vec<u8>>, StoreError> {
    let scope = AgentScope::for_integration(&delivery.integration);
    let mut data = EventData { ticket: None, message: None, customer: None };
    if let Some(number) = delivery.ticket_number {
        let Some(ticket) = state.store.agent_ticket(&scope, number).await? else { return Ok(None) };
        if delivery.event == WebhookEvent::MessageCreated {
            let message = ticket.messages.iter().find(|m| Some(m.id) == delivery.message_id);
            let Some(message) = message else { return Ok(None) };
            data.message = Some(message.clone().into());
        }
        let mut summary = Ticket::from(&ticket);
        if let Some(status) = delivery.status {
            summary.status = status.as_str().to_string();
        }
        data.ticket = Some(summary);
    } else {
        let workspace = delivery.integration.workspace_id;
        let Some(entry) = state.store.customer_by_id(workspace, delivery.customer_id).await? else {
            return Ok(None);
        };
        let customer = entry.customer;
        data.customer = Some(Customer { id: customer.id.0, email: customer.email, name: customer.name });
    }
    let payload = WebhookPayload {
        id: delivery.id,
        event_type: delivery.event.as_str().to_string(),
        created_at: delivery.created_at,
        workspace: delivery.workspace_slug.clone(),
        data,
    };
    Ok(Some(serde_json::to_vec(&payload).expect("a payload serializes")))
}
