//! What Slack sends the portal, at `/slack/{workspace}/events` (Events API:
//! messages in a ticket's thread) and `/slack/{workspace}/interactions`
//! (the ticket message's buttons).
//!
//! Every request must carry Slack's v0 signature, made with the
//! workspace's signing secret within five minutes; anything else is refused
//! (401) and logged. A thread reply from a Slack user linked to an agent
//! becomes that agent's public reply (or, after the note prefix, an
//! internal note), written once whatever Slack retries: its key is the
//! Slack message's own id.

use super::SlackApi;
use crate::now_millis;
use axum::Extension;
use axum::RequestPartsExt;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal_app::state::AppState;
use portal_core::slack::{strip_note_prefix, to_markdown, verify_request};
use portal_core::{AgentScope, IdempotencyKey, MessageBody, TicketNumber, TicketStatus, WorkspaceSlug};
use portal_store::{Agent, AgentPost, SlackConnection};
use serde_json::Value;

/// A request Slack signed for a workspace: its Slack connection and the
/// body the signature covers. Anything else is answered before a handler
/// runs: 404 (no such workspace, or no Slack), 401 (not signed by its app).
pub struct SlackRequest {
    connection: SlackConnection,
    body: Bytes,
}

impl axum::extract::FromRequest<AppState> for SlackRequest {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Path(slug) = parts.extract::<Path<String>>().await.map_err(IntoResponse::into_response)?;
        // The router's body limit ends a larger body here.
        let body =
            axum::body::to_bytes(body, usize::MAX).await.map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        let found = match WorkspaceSlug::parse(&slug) {
            Ok(slug) => state.store.workspace_by_slug(&slug).await,
            Err(_) => Ok(None),
        };
        let workspace = match found {
            Ok(Some(workspace)) => workspace,
            Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
            Err(error) => return Err(unavailable(error)),
        };
        let connection = match state.store.slack_connection(workspace.id).await {
            Ok(Some(connection)) => connection,
            Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
            Err(error) => return Err(unavailable(error)),
        };
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let (timestamp, signature) = (header("x-slack-request-timestamp"), header("x-slack-signature"));
        if !verify_request(&connection.signing_secret, timestamp, signature, &body, now_millis() / 1000) {
            tracing::warn!(target: "audit", event = "slack.unverified_request", workspace = slug, timestamp);
            return Err((StatusCode::UNAUTHORIZED, "not signed by this workspace's Slack app").into_response());
        }
        Ok(Self { connection, body })
    }
}

fn unavailable(error: portal_store::StoreError) -> Response {
    tracing::error!(%error, "a slack request could not be served");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// The agent a Slack user answers as: linked before, or linked now by the
/// email Slack gives for them.
async fn agent_for(state: &AppState, api: &SlackApi, connection: &SlackConnection, user: &str) -> Option<Agent> {
    let workspace = connection.integration.workspace_id;
    if let Ok(Some(agent)) = state.store.slack_agent(workspace, user).await {
        return Some(agent);
    }
    let email = match api.user_email(&connection.bot_token, user).await {
        Ok(Some(email)) => email,
        Ok(None) => return None,
        Err(error) => {
            tracing::info!(%error, user, "Slack gave no email for a user");
            return None;
        }
    };
    let agents = state.store.agents(workspace).await.ok()?;
    let agent = agents.into_iter().find(|a| a.email.eq_ignore_ascii_case(&email) && !a.paused)?;
    if let Err(error) = state.store.link_slack_user(workspace, user, agent.id).await {
        tracing::warn!(%error, "linking a Slack user failed");
    }
    Some(agent)
}

/// `POST /slack/{workspace}/events`.
pub async fn events(
    State(state): State<AppState>,
    Extension(api): Extension<SlackApi>,
    SlackRequest { connection, body }: SlackRequest,
) -> Response {
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, "not JSON").into_response();
    };
    match request["type"].as_str() {
        Some("url_verification") => request["challenge"].as_str().unwrap_or_default().to_string().into_response(),
        Some("event_callback") => {
            thread_reply(&state, &api, &connection, &request["event"]).await;
            StatusCode::OK.into_response()
        }
        _ => StatusCode::OK.into_response(),
    }
}

/// A message in a ticket's thread, from a linked agent: their reply or note.
/// Anything else (the bot's own posts, edits, other channels, strangers)
/// is left alone.
async fn thread_reply(state: &AppState, api: &SlackApi, connection: &SlackConnection, event: &Value) {
    let text = |name: &str| event[name].as_str().unwrap_or_default();
    let is_human_reply = text("type") == "message"
        && event.get("subtype").is_none()
        && event.get("bot_id").is_none()
        && !text("thread_ts").is_empty()
        && text("thread_ts") != text("ts");
    if !is_human_reply {
        return;
    }
    let workspace = connection.integration.workspace_id;
    let (channel, ts) = (text("channel"), text("ts"));
    let number = match state.store.slack_thread_ticket(workspace, channel, text("thread_ts")).await {
        Ok(Some(number)) => number,
        _ => return,
    };
    let Some(agent) = agent_for(state, api, connection, text("user")).await else {
        tracing::info!(user = text("user"), "a Slack reply from a user linked to no agent was left in Slack");
        return;
    };
    let (internal, raw) = match strip_note_prefix(text("text"), &connection.note_prefix) {
        Some(note) => (true, note),
        None => (false, text("text")),
    };
    let Ok(body) = MessageBody::parse(&to_markdown(raw)) else { return };
    // The Slack message's id: Slack's retries write once.
    let key = IdempotencyKey::parse(&format!("slack-{channel}-{}", ts.replace('.', "-"))).ok();
    let post = AgentPost { body, internal, author_name: agent.name.clone(), key };
    let scope = AgentScope::for_integration(&connection.integration);
    match state.store.agent_post_message(&scope, number, &post, now_millis()).await {
        Ok(_) => {
            tracing::info!(target: "audit", event = "slack.reply", workspace = workspace.0, agent = agent.id.0, ticket = number.0, internal)
        }
        Err(error) => tracing::warn!(%error, ticket = number.0, "a Slack reply could not be written"),
    }
}

/// `POST /slack/{workspace}/interactions`: a button of a ticket's message.
pub async fn interactions(
    State(state): State<AppState>,
    Extension(api): Extension<SlackApi>,
    SlackRequest { connection, body }: SlackRequest,
) -> Response {
    let payload = form_urlencoded::parse(&body).find(|(key, _)| key == "payload").map(|(_, value)| value);
    let Some(payload) = payload.and_then(|p| serde_json::from_str::<Value>(&p).ok()) else {
        return (StatusCode::BAD_REQUEST, "no payload").into_response();
    };
    let Some(action) = payload["actions"].get(0) else { return StatusCode::OK.into_response() };
    let number = action["value"].as_str().and_then(|v| v.parse::<i64>().ok()).map(TicketNumber);
    let user = payload["user"]["id"].as_str().unwrap_or_default();
    let (Some(number), Some(agent)) = (number, agent_for(&state, &api, &connection, user).await) else {
        return StatusCode::OK.into_response();
    };
    let scope = AgentScope::for_integration(&connection.integration);
    let done = match action["action_id"].as_str() {
        Some("close") => state
            .store
            .agent_update_ticket(&scope, number, Some(TicketStatus::Closed), None, None, now_millis())
            .await
            .map(drop),
        Some("assign_me") => state.store.assign_ticket(&scope, number, Some(agent.id)).await,
        _ => return StatusCode::OK.into_response(),
    };
    match done {
        Ok(()) => {
            tracing::info!(target: "audit", event = "slack.action", agent = agent.id.0, ticket = number.0, action = action["action_id"].as_str())
        }
        Err(error) => tracing::warn!(%error, ticket = number.0, "a Slack button's change failed"),
    }
    StatusCode::OK.into_response()
}
