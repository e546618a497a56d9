//! The endpoints. Each is documented for the OpenAPI document by its
//! `#[utoipa::path]`, next to the code it describes.

use super::PREFIX;
use super::auth::Agent;
use super::error::{ApiError, ErrorBody, ErrorCode};
use super::json::{ApiJson, field_named_in};
use super::model::{
    ListQuery, Message, NewMessageRequest, NewTicketRequest, Ticket, TicketList, TicketPatch, TicketWithMessages,
};
use crate::now_millis;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_app::state::AppState;
use portal_store::StoreError;

/// The `{number}` of a ticket URL.
fn ticket_number(path: Result<Path<i64>, PathRejection>) -> Result<i64, ApiError> {
    path.map(|Path(number)| number)
        .map_err(|_| ApiError::invalid("number", "the ticket number in the URL must be an integer"))
}

/// A store `Invalid` on a write that named a ticket type is about that type.
fn type_error(given: bool) -> impl FnOnce(StoreError) -> ApiError {
    move |error| {
        let error = ApiError::store(error);
        if given { error.on_field("type") } else { error }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets",
    tag = "tickets",
    operation_id = "list_tickets",
    summary = "List the workspace's tickets",
    description = "Most recently updated first. Internal notes never change a ticket's `updated_at`.",
    params(ListQuery),
    responses(
        (status = 200, description = "The tickets.", body = TicketList),
        (status = 400, description = "`invalid_request`: `limit` is not 1 to 500, or an unknown parameter.", body = ErrorBody),
        (status = 401, description = "`unauthorized`: no API token, or an invalid or revoked one.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`: retry later.", body = ErrorBody),
    )
)]
pub async fn list_tickets(
    State(state): State<AppState>,
    agent: Agent,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<TicketList>, ApiError> {
    let Query(query) = query.map_err(|rejection| {
        let message = rejection.body_text();
        match field_named_in(&message) {
            Some(field) => ApiError::invalid(&field, message),
            None => ApiError::new(ErrorCode::InvalidRequest, message),
        }
    })?;
    let limit = query.limit()?;
    let tickets = state.store.agent_list_tickets(&agent.scope, limit).await.map_err(ApiError::store)?;
    Ok(Json(TicketList { tickets: tickets.into_iter().map(Ticket::from).collect() }))
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets",
    tag = "tickets",
    operation_id = "create_ticket",
    summary = "Open a ticket for a customer",
    description = "The customer is found by email (ignoring case) or created. The ticket's channel is `api`, \
                   and the customer sees it in their portal.",
    request_body = NewTicketRequest,
    responses(
        (status = 201, description = "The ticket.", body = Ticket,
            headers(("Location" = String, description = "The ticket's URL."))),
        (status = 400, description = "`invalid_request`: malformed JSON, an unknown field, or a value that is \
                                      not acceptable (`field` names it).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn create_ticket(
    State(state): State<AppState>,
    agent: Agent,
    ApiJson(request): ApiJson<NewTicketRequest>,
) -> Result<Response, ApiError> {
    let new = request.validate()?;
    let created = state
        .store
        .agent_create_ticket(&agent.scope, &new, now_millis())
        .await
        .map_err(type_error(new.ticket_type.is_some()))?;
    agent.audit("api.ticket.created", created.number);
    let location = format!("{PREFIX}/tickets/{}", created.number);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(Ticket::from(created))).into_response())
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{number}",
    tag = "tickets",
    operation_id = "get_ticket",
    summary = "A ticket with its whole conversation",
    description = "Messages oldest first, internal notes included with `internal: true`.",
    params(("number" = i64, Path, description = "The ticket's number within the workspace.")),
    responses(
        (status = 200, description = "The ticket.", body = TicketWithMessages),
        (status = 400, description = "`invalid_request`: the number is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn get_ticket(
    State(state): State<AppState>,
    agent: Agent,
    number: Result<Path<i64>, PathRejection>,
) -> Result<Json<TicketWithMessages>, ApiError> {
    let number = ticket_number(number)?;
    match state.store.agent_ticket(&agent.scope, number).await.map_err(ApiError::store)? {
        Some(ticket) => Ok(Json(ticket.into())),
        None => Err(ApiError::ticket_not_found()),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets/{number}/messages",
    tag = "tickets",
    operation_id = "post_message",
    summary = "Reply to a ticket, or add an internal note",
    description = "A reply is shown to the customer and moves the ticket's `updated_at`; an internal note \
                   (`internal: true`) is never shown to the customer and changes nothing they can see. \
                   With an `idempotency_key` already used on this ticket, nothing is written and the \
                   answer is 200 with the message the key wrote first.",
    params(("number" = i64, Path, description = "The ticket's number within the workspace.")),
    request_body = NewMessageRequest,
    responses(
        (status = 201, description = "The message written.", body = Message),
        (status = 200, description = "The idempotency key was used before: the message it wrote.", body = Message),
        (status = 400, description = "`invalid_request` (`field` names the value at fault).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket in the token's workspace.", body = ErrorBody),
        (status = 409, description = "`conflict`: the idempotency key was used by a customer's message.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn post_message(
    State(state): State<AppState>,
    agent: Agent,
    number: Result<Path<i64>, PathRejection>,
    ApiJson(request): ApiJson<NewMessageRequest>,
) -> Result<Response, ApiError> {
    let number = ticket_number(number)?;
    let post = request.validate()?;
    let outcome =
        state.store.agent_post_message(&agent.scope, number, &post, now_millis()).await.map_err(|e| match e {
            StoreError::Conflict(cause) if post.key.is_some() => {
                tracing::info!(%cause, "idempotency key conflict");
                ApiError::new(ErrorCode::Conflict, "the idempotency key was already used by another message")
            }
            e => ApiError::store(e),
        })?;
    let status = if outcome.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    if !outcome.duplicate {
        agent.audit(if post.internal { "api.note.created" } else { "api.message.created" }, number);
    }
    Ok((status, Json(Message::from(outcome.message))).into_response())
}

#[utoipa::path(
    patch,
    path = "/api/v1/tickets/{number}",
    tag = "tickets",
    operation_id = "update_ticket",
    summary = "Change a ticket's status and/or type",
    description = "A status change is shown to the customer. At least one field is required.",
    params(("number" = i64, Path, description = "The ticket's number within the workspace.")),
    request_body = TicketPatch,
    responses(
        (status = 200, description = "The ticket as it now is.", body = Ticket),
        (status = 400, description = "`invalid_request`: an unknown status or type, an empty change, or \
                                      malformed JSON.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket in the token's workspace.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn update_ticket(
    State(state): State<AppState>,
    agent: Agent,
    number: Result<Path<i64>, PathRejection>,
    ApiJson(patch): ApiJson<TicketPatch>,
) -> Result<Json<Ticket>, ApiError> {
    let number = ticket_number(number)?;
    let change = patch.validate()?;
    let updated = state
        .store
        .agent_update_ticket(&agent.scope, number, change.status, change.ticket_type.as_deref(), None, now_millis())
        .await
        .map_err(type_error(change.ticket_type.is_some()))?;
    if let Some(attributes) = &change.attributes {
        state.store.set_ticket_attributes(&agent.scope, number, attributes).await.map_err(ApiError::store)?;
    }
    agent.audit("api.ticket.updated", number);
    Ok(Json(updated.into()))
}

#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    operation_id = "openapi",
    summary = "This API's OpenAPI document",
    security(()),
    responses((status = 200, description = "The OpenAPI 3 document.", body = serde_json::Value)),
)]
pub async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], super::openapi_document().as_str()).into_response()
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{number}/attachments/{id}",
    tag = "tickets",
    operation_id = "get_attachment",
    summary = "Download a file attached to a ticket",
    description = "The file's bytes, as a download (`Content-Disposition: attachment`), with the type it was \
                   checked to be.",
    params(
        ("number" = i64, Path, description = "The ticket's number within the workspace."),
        ("id" = i64, Path, description = "The attachment's id, from the ticket's `attachments`."),
    ),
    responses(
        (status = 200, description = "The file.", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 400, description = "`invalid_request`: the number or id is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such file on this ticket of the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn get_attachment(
    State(state): State<AppState>,
    agent: Agent,
    path: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path((number, id)) =
        path.map_err(|_| ApiError::invalid("id", "the ticket number and file id in the URL must be integers"))?;
    match state.store.agent_attachment(&agent.scope, number, id).await.map_err(ApiError::store)? {
        Some(file) => crate::attachments::download(&state, file)
            .await
            .map_err(|()| ApiError::new(ErrorCode::Internal, "the file could not be read")),
        None => Err(ApiError::new(ErrorCode::NotFound, "there is no such file on this ticket")),
    }
}
