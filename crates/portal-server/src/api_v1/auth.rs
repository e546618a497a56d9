//! The API's access gate: `Authorization: Bearer <API token>`, looked up by
//! hash, becomes an [`AgentScope`] (one workspace) or a 401.

use super::error::ApiError;
use super::token::ApiTokenSecret;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use portal_app::state::AppState;
use portal_core::{AgentScope, ApiTokenId};

/// The caller: a live API token and the workspace it opens.
#[derive(Debug, Clone)]
pub struct Agent {
    pub scope: AgentScope,
    /// The token's id and name, for the audit log.
    pub token_id: ApiTokenId,
    pub token_name: String,
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let mut values = parts.headers.get_all(header::AUTHORIZATION).iter();
        let (Some(value), None) = (values.next(), values.next()) else {
            return Err(ApiError::unauthorized("send an API token as Authorization: Bearer <token>"));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(ApiTokenSecret::from_bearer_header)
            .ok_or_else(|| ApiError::unauthorized("the API token is not valid"))?;
        match state.store.active_api_token(&token.hash()).await {
            Ok(Some(active)) => {
                Ok(Self { scope: AgentScope::for_api_token(&active), token_id: active.id, token_name: active.name })
            }
            Ok(None) => Err(ApiError::unauthorized("the API token is not valid or was revoked")),
            Err(error) => Err(ApiError::store(error)),
        }
    }
}

impl Agent {
    /// Records a write in the audit log; `detail` names what it changed
    /// (`ticket 12`, `customer 3`, `company acme`).
    pub fn audit(&self, event: &str, detail: impl std::fmt::Display) {
        tracing::info!(
            target: "audit",
            event,
            workspace = %self.scope.workspace_id(),
            token = self.token_id.0,
            token_name = %self.token_name,
            %detail,
        );
    }
}
