//! The webhook endpoints of the REST API: a workspace's endpoints, their
//! secrets and their delivery log. What a delivery says is in
//! [`super::webhook_payload`].

use super::auth::Agent;
use super::error::{ApiError, ErrorBody, ErrorCode};
use super::json::ApiJson;
use super::requests::present;
use super::schema;
use crate::now_millis;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_app::state::AppState;
use portal_core::webhook::{EventTypes, WebhookError, WebhookEvent, WebhookUrl, new_secret};
use portal_store::{StoreError, WebhookSettings};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

/// Deliveries a log page shows at most.
const LOG_MAX: u32 = 200;

fn url_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(portal_core::webhook::URL_MAX))
        .pattern(Some(schema::webhook_url_pattern()))
        .description(Some(
            "Where deliveries are POSTed: https://, no user name. An address in a private, loopback or \
             link-local network is refused (409) unless the server's `webhook_allowed_networks` allows it.",
        ))
        .build()
}

fn events_schema() -> ArrayBuilder {
    let event =
        ObjectBuilder::new().schema_type(Type::String).enum_values(Some(WebhookEvent::ALL.map(WebhookEvent::as_str)));
    ArrayBuilder::new().items(event).min_items(Some(1)).max_items(Some(WebhookEvent::ALL.len())).unique_items(true)
}

fn events_schema_required() -> utoipa::openapi::schema::Array {
    events_schema().description(Some("The event types the endpoint receives; at least one.")).build()
}

/// `POST /api/v1/webhooks`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWebhookRequest {
    #[schema(schema_with = url_schema)]
    pub url: String,
    #[schema(schema_with = events_schema_required)]
    pub events: Vec<String>,
    /// Also send agents' internal notes (as `message.created` with
    /// `internal: true`).
    #[serde(default)]
    #[schema(default = false)]
    pub include_notes: bool,
}

/// `PATCH /api/v1/webhooks/{id}`: leave a field out to keep it (null is
/// refused, like any value of the wrong type).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = url_schema)]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(schema_with = events_schema_required)]
    pub events: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub include_notes: Option<bool>,
    /// `true` enables a disabled endpoint (its failures forgotten);
    /// `false` disables it: events are not recorded for it meanwhile.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = bool)]
    pub enabled: Option<bool>,
}

/// An endpoint. Its secret is shown only when created or rotated.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub include_notes: bool,
    pub enabled: bool,
    /// Why it is disabled (empty when enabled): by an admin, or after a
    /// day of failed deliveries.
    pub disabled_reason: String,
    /// Since when every delivery failed (milliseconds since the Unix epoch), or null.
    pub failing_since: Option<i64>,
    pub created_at: i64,
}

impl From<portal_store::Webhook> for Webhook {
    fn from(w: portal_store::Webhook) -> Self {
        Self {
            id: w.id,
            url: w.url,
            events: w.events.iter().map(|e| e.as_str().to_string()).collect(),
            include_notes: w.include_notes,
            enabled: w.disabled_at.is_none(),
            disabled_reason: w.disabled_reason,
            failing_since: w.failing_since,
            created_at: w.created_at,
        }
    }
}

/// An endpoint with its secret: verify each delivery's `Portal-Signature`
/// with it. It is not shown again.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookWithSecret {
    pub webhook: Webhook,
    /// `whsec_` and 64 hexadecimal characters.
    pub secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookList {
    pub webhooks: Vec<Webhook>,
}

/// One delivery of an event to an endpoint.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Delivery {
    /// The event's id (the payload's `id`).
    pub id: i64,
    #[serde(rename = "type")]
    pub event_type: String,
    pub ticket: Option<i64>,
    pub created_at: i64,
    /// Tries so far.
    pub attempts: u32,
    /// `pending`, `delivered` or `failed` (no more tries).
    pub state: String,
    /// The last try's HTTP status, or null (no answer, or not tried yet).
    pub response_status: Option<u16>,
    pub last_error: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryList {
    /// Newest first.
    pub deliveries: Vec<Delivery>,
}

impl From<portal_store::DeliveryRecord> for Delivery {
    fn from(d: portal_store::DeliveryRecord) -> Self {
        let state = match (d.delivered_at, d.failed_at) {
            (Some(_), _) => "delivered",
            (None, Some(_)) => "failed",
            (None, None) => "pending",
        };
        Self {
            id: d.id,
            event_type: d.event,
            ticket: d.ticket_number.map(|n| n.0),
            created_at: d.created_at,
            attempts: d.attempts,
            state: state.to_string(),
            response_status: d.response_status,
            last_error: d.last_error,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct WebhookPath {
    /// The endpoint's id.
    #[param(example = 1)]
    pub id: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DeliveryPath {
    /// The endpoint's id.
    #[param(example = 1)]
    pub id: i64,
    /// The delivery's (event's) id.
    #[param(example = 1)]
    pub delivery: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LogQuery {
    /// 1 to 200; default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

fn webhook_id(path: Result<Path<WebhookPath>, PathRejection>) -> Result<i64, ApiError> {
    path.map(|Path(p)| p.id).map_err(|_| ApiError::invalid("id", "the webhook id in the URL must be an integer"))
}

fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "there is no webhook with this id")
}

fn store_error(error: StoreError) -> ApiError {
    match error {
        StoreError::NotFound => not_found(),
        error => ApiError::store(error),
    }
}

/// Checks an endpoint's settings: 400 for a value the document refuses,
/// 409 for a private address the server's configuration does not allow.
fn settings(state: &AppState, url: &str, events: &[String], include_notes: bool) -> Result<WebhookSettings, ApiError> {
    let url = WebhookUrl::parse(url, &state.webhook_networks).map_err(|error| match error {
        WebhookError::PrivateTarget => ApiError::new(ErrorCode::Conflict, error.to_string()).on_field("url"),
        error => ApiError::invalid("url", error.to_string()),
    })?;
    let mut unique = events.to_vec();
    unique.sort();
    unique.dedup();
    if unique.len() != events.len() {
        return Err(ApiError::invalid("events", "each event type may be named once"));
    }
    let events =
        EventTypes::parse(events.iter().map(String::as_str)).map_err(|e| ApiError::invalid("events", e.to_string()))?;
    Ok(WebhookSettings { url, events, include_notes })
}

fn fresh_secret() -> String {
    new_secret(rand::random())
}

#[utoipa::path(
    get,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    operation_id = "list_webhooks",
    summary = "The workspace's webhook endpoints",
    responses(
        (status = 200, description = "Every endpoint, oldest first.", body = WebhookList),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn list_webhooks(State(state): State<AppState>, agent: Agent) -> Result<Json<WebhookList>, ApiError> {
    let webhooks = state.store.webhooks(agent.scope.workspace_id()).await.map_err(ApiError::store)?;
    Ok(Json(WebhookList { webhooks: webhooks.into_iter().map(Webhook::from).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    operation_id = "create_webhook",
    summary = "Add a webhook endpoint",
    description = "Answers with the endpoint's secret, shown this once: every delivery carries \
                   `Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">` made with it.",
    request_body = NewWebhookRequest,
    responses(
        (status = 201, description = "The endpoint and its secret.", body = WebhookWithSecret),
        (status = 400, description = "`invalid_request` (`field` names the value at fault).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`conflict`: the URL is in a network this server does not send to.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn create_webhook(
    State(state): State<AppState>,
    agent: Agent,
    ApiJson(request): ApiJson<NewWebhookRequest>,
) -> Result<Response, ApiError> {
    let settings = settings(&state, &request.url, &request.events, request.include_notes)?;
    let secret = fresh_secret();
    let workspace = agent.scope.workspace_id();
    let created =
        state.store.create_webhook(workspace, &settings, &secret, now_millis()).await.map_err(ApiError::store)?;
    agent.audit("api.webhook.created", format_args!("webhook {}", created.id));
    let location = format!("{}/webhooks/{}", super::PREFIX, created.id);
    let body = WebhookWithSecret { webhook: created.into(), secret };
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}

#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    operation_id = "get_webhook",
    summary = "A webhook endpoint",
    params(WebhookPath),
    responses(
        (status = 200, description = "The endpoint.", body = Webhook),
        (status = 400, description = "`invalid_request`: the id is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such endpoint in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn get_webhook(
    State(state): State<AppState>,
    agent: Agent,
    id: Result<Path<WebhookPath>, PathRejection>,
) -> Result<Json<Webhook>, ApiError> {
    let id = webhook_id(id)?;
    let found = state.store.webhook(agent.scope.workspace_id(), id).await.map_err(ApiError::store)?;
    found.map(|w| Json(w.into())).ok_or_else(not_found)
}

#[utoipa::path(
    patch,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    operation_id = "update_webhook",
    summary = "Change, enable or disable a webhook endpoint",
    params(WebhookPath),
    request_body = WebhookPatch,
    responses(
        (status = 200, description = "The endpoint as it is now.", body = Webhook),
        (status = 400, description = "`invalid_request` (`field` names the value at fault).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such endpoint in the token's workspace.", body = ErrorBody),
        (status = 409, description = "`conflict`: the URL is in a network this server does not send to.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn update_webhook(
    State(state): State<AppState>,
    agent: Agent,
    id: Result<Path<WebhookPath>, PathRejection>,
    ApiJson(patch): ApiJson<WebhookPatch>,
) -> Result<Json<Webhook>, ApiError> {
    let id = webhook_id(id)?;
    let workspace = agent.scope.workspace_id();
    let current = state.store.webhook(workspace, id).await.map_err(ApiError::store)?.ok_or_else(not_found)?;
    let url = patch.url.unwrap_or(current.url);
    let events = patch.events.unwrap_or_else(|| current.events.iter().map(|e| e.as_str().to_string()).collect());
    let settings = settings(&state, &url, &events, patch.include_notes.unwrap_or(current.include_notes))?;
    let mut updated = state.store.update_webhook(workspace, id, &settings).await.map_err(store_error)?;
    if let Some(enabled) = patch.enabled.filter(|enabled| *enabled != current.disabled_at.is_none()) {
        updated = state.store.set_webhook_enabled(workspace, id, enabled, now_millis()).await.map_err(store_error)?;
    }
    agent.audit("api.webhook.updated", format_args!("webhook {id}"));
    Ok(Json(updated.into()))
}

#[utoipa::path(
    delete,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    operation_id = "delete_webhook",
    summary = "Remove a webhook endpoint and its delivery log",
    params(WebhookPath),
    responses(
        (status = 204, description = "Removed."),
        (status = 400, description = "`invalid_request`: the id is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such endpoint in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn delete_webhook(
    State(state): State<AppState>,
    agent: Agent,
    id: Result<Path<WebhookPath>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let id = webhook_id(id)?;
    if !state.store.delete_webhook(agent.scope.workspace_id(), id).await.map_err(ApiError::store)? {
        return Err(not_found());
    }
    agent.audit("api.webhook.deleted", format_args!("webhook {id}"));
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/secret",
    tag = "webhooks",
    operation_id = "rotate_webhook_secret",
    summary = "Replace a webhook endpoint's secret",
    description = "The old secret stops at once: every later try, of new and waiting deliveries, is signed \
                   with the new one, shown this once.",
    params(WebhookPath),
    responses(
        (status = 200, description = "The endpoint and its new secret.", body = WebhookWithSecret),
        (status = 400, description = "`invalid_request`: the id is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such endpoint in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn rotate_webhook_secret(
    State(state): State<AppState>,
    agent: Agent,
    id: Result<Path<WebhookPath>, PathRejection>,
) -> Result<Json<WebhookWithSecret>, ApiError> {
    let id = webhook_id(id)?;
    let workspace = agent.scope.workspace_id();
    let secret = fresh_secret();
    state.store.rotate_webhook_secret(workspace, id, &secret).await.map_err(store_error)?;
    let webhook = state.store.webhook(workspace, id).await.map_err(ApiError::store)?.ok_or_else(not_found)?;
    agent.audit("api.webhook.secret_rotated", format_args!("webhook {id}"));
    Ok(Json(WebhookWithSecret { webhook: webhook.into(), secret }))
}

#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}/deliveries",
    tag = "webhooks",
    operation_id = "list_webhook_deliveries",
    summary = "A webhook endpoint's latest deliveries",
    params(WebhookPath, LogQuery),
    responses(
        (status = 200, description = "Newest first.", body = DeliveryList),
        (status = 400, description = "`invalid_request`", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such endpoint in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn list_webhook_deliveries(
    State(state): State<AppState>,
    agent: Agent,
    id: Result<Path<WebhookPath>, PathRejection>,
    query: Result<Query<LogQuery>, QueryRejection>,
) -> Result<Json<DeliveryList>, ApiError> {
    let id = webhook_id(id)?;
    let Query(query) = query.map_err(|_| ApiError::invalid("limit", "limit must be an integer from 1 to 200"))?;
    let limit = query.limit.unwrap_or(50);
    if !(1..=LOG_MAX).contains(&limit) {
        return Err(ApiError::invalid("limit", "limit must be an integer from 1 to 200"));
    }
    let workspace = agent.scope.workspace_id();
    state.store.webhook(workspace, id).await.map_err(ApiError::store)?.ok_or_else(not_found)?;
    let deliveries = state.store.webhook_deliveries(workspace, id, limit).await.map_err(ApiError::store)?;
    Ok(Json(DeliveryList { deliveries: deliveries.into_iter().map(Delivery::from).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver",
    tag = "webhooks",
    operation_id = "redeliver_webhook",
    summary = "Send a delivery again",
    description = "Under the same event id, soon, whatever became of it before.",
    params(DeliveryPath),
    responses(
        (status = 204, description = "Queued: it goes out within seconds."),
        (status = 400, description = "`invalid_request`: an id is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such delivery of this endpoint in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn redeliver_webhook(
    State(state): State<AppState>,
    agent: Agent,
    path: Result<Path<DeliveryPath>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(path) = path.map_err(|_| ApiError::invalid("delivery", "the ids in the URL must be integers"))?;
    let workspace = agent.scope.workspace_id();
    state.store.redeliver(workspace, path.id, path.delivery, now_millis()).await.map_err(|error| match error {
        StoreError::NotFound => ApiError::new(ErrorCode::NotFound, "there is no such delivery of this webhook"),
        error => ApiError::store(error),
    })?;
    agent.audit("api.webhook.redelivered", format_args!("webhook {} delivery {}", path.id, path.delivery));
    Ok(StatusCode::NO_CONTENT)
}
