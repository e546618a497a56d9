//! The endpoints. Each is documented for the OpenAPI document by its
//! `#[utoipa::path]`, next to the code it describes.

use super::PREFIX;
use super::auth::Agent;
use super::error::{ApiError, ErrorBody, ErrorCode};
use super::json::{ApiJson, field_named_in};
use super::requests::{
    AttachmentPath, Company, CompanyPath, CompanyRequest, CustomerAttributesBody, CustomerCompanies, CustomerPath,
    ListQuery, NewMessageRequest, NewTicketRequest, ParticipantPath, TicketPatch, TicketPath, company_key,
};
use super::responses::{
    CustomerCounts, Message, Participant, ParticipantList, ReceivedEmail, Ticket, TicketList, TicketWithMessages,
};
use crate::now_millis;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_app::state::AppState;
use portal_core::{AttachmentId, Email, TicketNumber};
use portal_store::{Customer, StoreError};

/// The `{number}` of a ticket URL.
fn ticket_number(path: Result<Path<TicketPath>, PathRejection>) -> Result<TicketNumber, ApiError> {
    path.map(|Path(path)| TicketNumber(path.number))
        .map_err(|_| ApiError::invalid("number", "the ticket number in the URL must be an integer"))
}

/// Names the field a refused ticket write is about: an unknown company is
/// `company`'s; any other invalid value, on a write that named a ticket
/// type, is the type's, which the workspace does not have (the request's
/// other values were checked before). Both are 409: the request is valid,
/// what the workspace holds refuses it.
fn ticket_write_error(type_given: bool) -> impl FnOnce(StoreError) -> ApiError {
    move |error| match error {
        StoreError::UnknownCompany(_) => ApiError::store(error).on_field("company"),
        StoreError::Invalid(message) if type_given => ApiError::new(ErrorCode::Conflict, message).on_field("type"),
        error => ApiError::store(error),
    }
}

/// The workspace's customer whose email is the `{email}` of the URL.
async fn customer_in_url(
    state: &AppState,
    agent: &Agent,
    path: Result<Path<CustomerPath>, PathRejection>,
) -> Result<Customer, ApiError> {
    let Path(CustomerPath { email: raw }) =
        path.map_err(|_| ApiError::invalid("email", "the URL must name a customer's email"))?;
    let email = Email::parse(&raw).map_err(|e| ApiError::validation("email", e))?;
    match state.store.customer_by_email(agent.scope.workspace_id(), &email).await {
        Ok(Some(customer)) => Ok(customer),
        Ok(None) => Err(ApiError::customer_not_found()),
        Err(error) => Err(ApiError::store(error)),
    }
}

/// A store failure of a write to a customer found by [`customer_in_url`]: gone
/// since is "not found", an invalid value is `field`'s.
fn customer_write_error(field: &'static str) -> impl FnOnce(StoreError) -> ApiError {
    move |error| match error {
        StoreError::NotFound => ApiError::customer_not_found(),
        error => ApiError::store(error).on_field(field),
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
                   and the customer sees it in their portal; with `company`, so do the company's members \
                   (unless the workspace's visibility rule restricts them). Whether `type` and `company` name \
                   one of the workspace's ticket types and companies depends on the workspace, not on this \
                   document: when not, the answer is 409.",
    request_body = NewTicketRequest,
    responses(
        (status = 201, description = "The ticket.", body = Ticket,
            headers(("Location" = String, description = "The ticket's URL."))),
        (status = 400, description = "`invalid_request`: malformed JSON, an unknown field, or a value the \
                                      schema refuses (`field` names it).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 409, description = "`conflict`: `type` is not one of the workspace's ticket types, or \
                                      `company` not one of its companies (`field` names which).", body = ErrorBody),
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
        .map_err(ticket_write_error(new.ticket_type.is_some()))?;
    agent.audit("api.ticket.created", format_args!("ticket {}", created.number));
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
    params(TicketPath),
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
    number: Result<Path<TicketPath>, PathRejection>,
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
                   An `idempotency_key` is the workspace's agents' own (customers' keys never meet \
                   them): used before for the same ticket, text and kind, nothing is written and the \
                   answer is 200 with the message the key wrote first; used for anything else, 409.",
    params(TicketPath),
    request_body = NewMessageRequest,
    responses(
        (status = 201, description = "The message written.", body = Message),
        (status = 200, description = "The idempotency key was used before: the message it wrote.", body = Message),
        (status = 400, description = "`invalid_request` (`field` names the value at fault).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket in the token's workspace.", body = ErrorBody),
        (status = 409, description = "`conflict`: the idempotency key was used for a different message.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn post_message(
    State(state): State<AppState>,
    agent: Agent,
    number: Result<Path<TicketPath>, PathRejection>,
    ApiJson(request): ApiJson<NewMessageRequest>,
) -> Result<Response, ApiError> {
    let number = ticket_number(number)?;
    let post = request.validate()?;
    let outcome =
        state.store.agent_post_message(&agent.scope, number, &post, now_millis()).await.map_err(ApiError::store)?;
    let status = if outcome.duplicate { StatusCode::OK } else { StatusCode::CREATED };
    if !outcome.duplicate {
        let event = if post.internal { "api.note.created" } else { "api.message.created" };
        agent.audit(event, format_args!("ticket {number}"));
    }
    Ok((status, Json(Message::from(outcome.message))).into_response())
}

#[utoipa::path(
    patch,
    path = "/api/v1/tickets/{number}",
    tag = "tickets",
    operation_id = "update_ticket",
    summary = "Change a ticket's status, type, attributes and/or company",
    description = "A status change is shown to the customer. `company` puts the ticket in one of the \
                   workspace's companies (its members may then see it), or with null in none. At least one \
                   field is required; when one is refused, nothing changes. A `type` or `company` the \
                   workspace does not have is refused with 409.",
    params(TicketPath),
    request_body = TicketPatch,
    responses(
        (status = 200, description = "The ticket as it now is.", body = Ticket),
        (status = 400, description = "`invalid_request`: a value the schema refuses, an empty change, or \
                                      malformed JSON (`field` names the value at fault).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket in the token's workspace.", body = ErrorBody),
        (status = 409, description = "`conflict`: `type` is not one of the workspace's ticket types, or \
                                      `company` not one of its companies (`field` names which).", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn update_ticket(
    State(state): State<AppState>,
    agent: Agent,
    number: Result<Path<TicketPath>, PathRejection>,
    ApiJson(patch): ApiJson<TicketPatch>,
) -> Result<Json<Ticket>, ApiError> {
    let number = ticket_number(number)?;
    let change = patch.validate()?;
    let company = change.company.as_ref().map(Option::as_ref);
    let updated = state
        .store
        .agent_update_ticket(&agent.scope, number, change.status, change.ticket_type.as_deref(), company, now_millis())
        .await
        .map_err(ticket_write_error(change.ticket_type.is_some()))?;
    if let Some(attributes) = &change.attributes {
        state.store.set_ticket_attributes(&agent.scope, number, attributes).await.map_err(ApiError::store)?;
    }
    agent.audit("api.ticket.updated", format_args!("ticket {number}"));
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
    params(AttachmentPath),
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
    path: Result<Path<AttachmentPath>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(AttachmentPath { number, id }) =
        path.map_err(|_| ApiError::invalid("id", "the ticket number and file id in the URL must be integers"))?;
    match state
        .store
        .agent_attachment(&agent.scope, TicketNumber(number), AttachmentId(id))
        .await
        .map_err(ApiError::store)?
    {
        Some(file) => crate::attachments::download(&state, file)
            .await
            .map_err(|()| ApiError::new(ErrorCode::Internal, "the file could not be read")),
        None => Err(ApiError::new(ErrorCode::NotFound, "there is no such file on this ticket")),
    }
}

/// The ticket number and customer email of a participant's URL.
fn participant_in_url(path: Result<Path<ParticipantPath>, PathRejection>) -> Result<(TicketNumber, Email), ApiError> {
    let Path(ParticipantPath { number, email }) = path.map_err(|_| {
        ApiError::invalid("number", "the URL must name a ticket by its number and a customer by their email")
    })?;
    let email = Email::parse(&email).map_err(|e| ApiError::validation("email", e))?;
    Ok((TicketNumber(number), email))
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{number}/participants",
    tag = "participants",
    operation_id = "list_participants",
    summary = "The customers taking part in a ticket besides its creator",
    description = "In the order they came. A participant sees the ticket in their portal as its creator does \
                   (never its internal notes) and may reply to it; members of the ticket's company who are not \
                   participants may read it, where the visibility rule lets them, and join it from the portal.",
    params(TicketPath),
    responses(
        (status = 200, description = "The participants.", body = ParticipantList),
        (status = 400, description = "`invalid_request`: the number is not an integer.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket in the token's workspace.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn list_participants(
    State(state): State<AppState>,
    agent: Agent,
    number: Result<Path<TicketPath>, PathRejection>,
) -> Result<Json<ParticipantList>, ApiError> {
    let number = ticket_number(number)?;
    let participants = state.store.participants(&agent.scope, number).await.map_err(ApiError::store)?;
    Ok(Json(ParticipantList { participants: participants.into_iter().map(Participant::from).collect() }))
}

#[utoipa::path(
    put,
    path = "/api/v1/tickets/{number}/participants/{email}",
    tag = "participants",
    operation_id = "add_participant",
    summary = "Add a customer to a ticket's participants",
    description = "The customer (one of the workspace's, found by email ignoring case) then sees the ticket in \
                   their portal, at once if they have it open, and may reply to it. Idempotent: a customer who \
                   takes part already is answered with 200 and nothing changes. No body is read. The ticket's \
                   own creator takes part already and is refused with 409.",
    params(ParticipantPath),
    responses(
        (status = 201, description = "Added: the participant.", body = Participant),
        (status = 200, description = "They took part already: the participant, unchanged.", body = Participant),
        (status = 400, description = "`invalid_request`: the number is not an integer, or the email is not \
                                      valid (`field` names which).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or no customer with this email, in the \
                                      token's workspace (customers exist once they signed in or a ticket was \
                                      opened for them).", body = ErrorBody),
        (status = 409, description = "`conflict`: the customer opened the ticket.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn add_participant(
    State(state): State<AppState>,
    agent: Agent,
    path: Result<Path<ParticipantPath>, PathRejection>,
) -> Result<Response, ApiError> {
    let (number, email) = participant_in_url(path)?;
    let added =
        state.store.add_participant(&agent.scope, number, &email, now_millis()).await.map_err(ApiError::store)?;
    let status = if added.already { StatusCode::OK } else { StatusCode::CREATED };
    if !added.already {
        agent.audit(
            "api.participant.added",
            format_args!("ticket {number}, customer {}", added.participant.customer.id),
        );
    }
    Ok((status, Json(Participant::from(added.participant))).into_response())
}

#[utoipa::path(
    delete,
    path = "/api/v1/tickets/{number}/participants/{email}",
    tag = "participants",
    operation_id = "remove_participant",
    summary = "Remove a customer from a ticket's participants",
    description = "They then see the ticket only if the workspace's visibility rule shows it to them (a member \
                   of its company). Idempotent: 204 whether or not they were a participant.",
    params(ParticipantPath),
    responses(
        (status = 204, description = "They are not a participant (any more)."),
        (status = 400, description = "`invalid_request`: the number is not an integer, or the email is not \
                                      valid (`field` names which).", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such ticket, or no customer with this email, in the \
                                      token's workspace.", body = ErrorBody),
        (status = 409, description = "`conflict`: the customer opened the ticket; a creator cannot be removed.",
            body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn remove_participant(
    State(state): State<AppState>,
    agent: Agent,
    path: Result<Path<ParticipantPath>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let (number, email) = participant_in_url(path)?;
    let removed =
        state.store.remove_participant(&agent.scope, number, &email, now_millis()).await.map_err(ApiError::store)?;
    if removed {
        agent.audit("api.participant.removed", format_args!("ticket {number}"));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    put,
    path = "/api/v1/companies/{key}",
    tag = "companies",
    operation_id = "put_company",
    summary = "Create or rename a company, and set its attributes",
    description = "Creates the company `key` in the token's workspace, or renames it if it exists. Customers \
                   belong to companies (see `/api/v1/customers/{email}/companies`), and so may tickets. With \
                   `attributes`, replaces the company's attributes (a tier, a plan, …; `{}` drops them all); \
                   without, they are kept. The workspace's audience and visibility conditions can look at them \
                   (`company.attributes.tier equals gold`), and what they decide for the company's members \
                   follows at once. When a value is refused, nothing changes.",
    params(CompanyPath),
    request_body = CompanyRequest,
    responses(
        (status = 200, description = "The company as it now is.", body = Company),
        (status = 400, description = "`invalid_request`: a bad key, name or attribute, more than 50 \
                                      attributes (`field` names it), an unknown field, or malformed JSON.",
            body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn put_company(
    State(state): State<AppState>,
    agent: Agent,
    path: Result<Path<CompanyPath>, PathRejection>,
    ApiJson(request): ApiJson<CompanyRequest>,
) -> Result<Json<Company>, ApiError> {
    let Path(CompanyPath { key: raw }) =
        path.map_err(|_| ApiError::invalid("key", "the URL must name a company key"))?;
    let key = company_key("key", &raw)?;
    let (name, attributes) = request.validate()?;
    // Both were checked as the store checks them: a refusal all the same
    // names the likelier field.
    let field = if attributes.is_some() { "attributes" } else { "name" };
    let attributes = state
        .store
        .put_company(agent.scope.workspace_id(), &key, &name, attributes.as_ref().map(|a| a.as_map()), now_millis())
        .await
        .map_err(|e| ApiError::store(e).on_field(field))?;
    agent.audit("api.company.set", format_args!("company {}", key.as_str()));
    Ok(Json(Company { key: key.into(), name, attributes: attributes.into() }))
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{email}/companies",
    tag = "customers",
    operation_id = "get_customer_companies",
    summary = "The companies a customer belongs to",
    params(CustomerPath),
    responses(
        (status = 200, description = "Their company keys, sorted.", body = CustomerCompanies),
        (status = 400, description = "`invalid_request`: the email is not valid.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no customer with this email in the token's workspace \
                                      (customers exist once they signed in or a ticket was opened for them).",
            body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn get_customer_companies(
    State(state): State<AppState>,
    agent: Agent,
    email: Result<Path<CustomerPath>, PathRejection>,
) -> Result<Json<CustomerCompanies>, ApiError> {
    let customer = customer_in_url(&state, &agent, email).await?;
    let keys =
        state.store.customer_companies(agent.scope.workspace_id(), customer.id).await.map_err(ApiError::store)?;
    Ok(Json(keys.into()))
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{email}/counts",
    tag = "customers",
    operation_id = "get_customer_counts",
    summary = "How many of a customer's tickets are open, and how many await their reply",
    description = "What the customer's own portal would count (the same visibility rule; zero for a \
                   customer outside the portal's audience or disabled), so the site can show a badge in \
                   its own navigation without opening the portal. Counts only, never titles.",
    params(CustomerPath),
    responses(
        (status = 200, description = "The counts.", body = CustomerCounts),
        (status = 400, description = "`invalid_request`: the email is not valid.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no customer with this email in the token's workspace.",
            body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn get_customer_counts(
    State(state): State<AppState>,
    agent: Agent,
    email: Result<Path<CustomerPath>, PathRejection>,
) -> Result<Json<CustomerCounts>, ApiError> {
    let customer = customer_in_url(&state, &agent, email).await?;
    let counts =
        state.store.customer_ticket_counts(agent.scope.workspace_id(), customer.id).await.map_err(ApiError::store)?;
    Ok(Json(counts.into()))
}

#[utoipa::path(
    put,
    path = "/api/v1/customers/{email}/companies",
    tag = "customers",
    operation_id = "set_customer_companies",
    summary = "Replace the companies a customer belongs to",
    description = "The customer then sees the tickets of these companies, unless the workspace's visibility \
                   rule restricts them. An empty list takes them out of every company. When a key is refused, \
                   nothing changes; a key the workspace does not have is refused with 409.",
    params(CustomerPath),
    request_body = CustomerCompanies,
    responses(
        (status = 200, description = "Their company keys as they now are, sorted.", body = CustomerCompanies),
        (status = 400, description = "`invalid_request`: a bad email, a bad company key, more than 50 \
                                      companies, an unknown field, or malformed JSON.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no customer with this email in the token's workspace.",
            body = ErrorBody),
        (status = 409, description = "`conflict`: a company key the workspace does not have (create it with \
                                      `PUT /api/v1/companies/{key}` first).", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn set_customer_companies(
    State(state): State<AppState>,
    agent: Agent,
    email: Result<Path<CustomerPath>, PathRejection>,
    ApiJson(request): ApiJson<CustomerCompanies>,
) -> Result<Json<CustomerCompanies>, ApiError> {
    let customer = customer_in_url(&state, &agent, email).await?;
    let keys = request.validate()?;
    state
        .store
        .set_customer_companies(agent.scope.workspace_id(), customer.id, &keys)
        .await
        .map_err(customer_write_error("companies"))?;
    agent.audit("api.customer.companies", format_args!("customer {}", customer.id));
    Ok(Json(keys.into()))
}

#[utoipa::path(
    put,
    path = "/api/v1/customers/{email}/attributes",
    tag = "customers",
    operation_id = "set_customer_attributes",
    summary = "Replace a customer's attributes",
    description = "Attributes such as a plan or a role, which the workspace's visibility conditions can look \
                   at (`attributes.role equals guest`). An empty value drops its key; `{}` drops them all.",
    params(CustomerPath),
    request_body = CustomerAttributesBody,
    responses(
        (status = 200, description = "The attributes kept: values trimmed, empty ones dropped.",
            body = CustomerAttributesBody),
        (status = 400, description = "`invalid_request`: a bad email, a bad key or value, more than 50 \
                                      attributes, an unknown field, or malformed JSON.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: no customer with this email in the token's workspace.",
            body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn set_customer_attributes(
    State(state): State<AppState>,
    agent: Agent,
    email: Result<Path<CustomerPath>, PathRejection>,
    ApiJson(request): ApiJson<CustomerAttributesBody>,
) -> Result<Json<CustomerAttributesBody>, ApiError> {
    let customer = customer_in_url(&state, &agent, email).await?;
    let attributes = request.validate()?;
    state
        .store
        .set_customer_attributes(agent.scope.workspace_id(), customer.id, &attributes)
        .await
        .map_err(customer_write_error("attributes"))?;
    agent.audit("api.customer.attributes", format_args!("customer {}", customer.id));
    Ok(Json(attributes.into()))
}

#[utoipa::path(
    post,
    path = "/api/v1/inbound/email",
    tag = "email",
    operation_id = "receive_email",
    summary = "Take in a customer's email",
    description = "The body is one raw RFC 5322 message, as a mail server delivers it (any content type; \
                   for a pipe: `curl --data-binary @-`), at most 25 MiB. A reply to a notification (its \
                   reply address, else its `In-Reply-To`/`References`) lands in that ticket: as the customer's \
                   public message when the sender is its customer or a participant, otherwise as an internal \
                   note. Any other message opens a ticket on the `email` channel for its sender (found by \
                   address or created). Quoted history and signatures are removed. Automatic answers \
                   (`Auto-Submitted`, delivery reports) are accepted and dropped. The same message delivered \
                   twice writes once.",
    request_body(content = String, content_type = "message/rfc822", description = "The raw message."),
    responses(
        (status = 201, description = "Written: a reply, a note or a new ticket.", body = ReceivedEmail),
        (status = 200, description = "Nothing new: the message was taken before, or is an automatic answer.",
            body = ReceivedEmail),
        (status = 400, description = "`invalid_request`: not an email, no valid From address, or no text \
                                      once quotes are removed.", body = ErrorBody),
        (status = 401, description = "`unauthorized`", body = ErrorBody),
        (status = 404, description = "`not_found`: the reply address carries a token the workspace never \
                                      sent, or the ticket it answers is gone.", body = ErrorBody),
        (status = 409, description = "`conflict`: the message's id was used for another ticket.", body = ErrorBody),
        (status = 413, description = "`payload_too_large`: over 25 MiB.", body = ErrorBody),
        (status = 500, description = "`internal`", body = ErrorBody),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
pub async fn receive_email(
    State(state): State<AppState>,
    agent: Agent,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    use crate::inbound::{MAX_MAIL_BYTES, Received, Refused};
    let raw = axum::body::to_bytes(body, MAX_MAIL_BYTES).await.map_err(|error| {
        if crate::http::is_length_limit(&error) {
            ApiError::payload_too_large(MAX_MAIL_BYTES)
        } else {
            ApiError::new(ErrorCode::InvalidRequest, "the request body could not be read")
        }
    })?;
    let received = crate::inbound::receive(&state, &agent.scope, &raw, &[]).await.map_err(|refused| match refused {
        Refused::Unreadable | Refused::NoSender | Refused::Empty => {
            ApiError::new(ErrorCode::InvalidRequest, refused.to_string())
        }
        Refused::UnknownAddress | Refused::UnknownTicket => ApiError::new(ErrorCode::NotFound, refused.to_string()),
        Refused::Store(error) => ApiError::store(error),
    })?;
    let written = match &received {
        Received::Reply { number, duplicate: false, .. } | Received::NewTicket { number, duplicate: false, .. } => {
            Some(*number)
        }
        _ => None,
    };
    if let Some(number) = written {
        agent.audit("api.email.received", format_args!("ticket {number}"));
    }
    let status = if written.is_some() { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(ReceivedEmail::from(received))).into_response())
}
