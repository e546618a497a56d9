//! The API's one error shape: `{"error": {"code", "message", "field"?}}`,
//! with a stable code per status. Causes are logged, never sent: a client
//! never sees SQL text or a database message.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_core::ValidationError;
use portal_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// What went wrong, as a client may branch on it. The names are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request is malformed or a value is not acceptable (`field` says which).
    InvalidRequest,
    /// 401: no API token, or one that is not valid or was revoked.
    Unauthorized,
    /// 404: no such ticket or customer in the token's workspace (another
    /// workspace's are reported the same way), or no such endpoint.
    NotFound,
    /// 405: the endpoint exists but not with this method.
    MethodNotAllowed,
    /// 409: the request is valid but conflicts with what is stored (an
    /// idempotency key already used for a different message, a closed ticket,
    /// a ticket type or company the workspace does not have).
    Conflict,
    /// 413: the request body is larger than the API accepts.
    PayloadTooLarge,
    /// 500: an unexpected failure; the server logged the cause.
    Internal,
    /// 503: the database cannot be reached right now; retry later.
    Unavailable,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        match self {
            Self::InvalidRequest => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict => StatusCode::CONFLICT,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// For people: what is wrong and, where it helps, how to fix it.
    pub message: String,
    /// The request field at fault, as a path such as `customer.email`, for
    /// `invalid_request` or `conflict` when one field is to blame.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error response in the making.
#[derive(Debug, Clone)]
pub struct ApiError(ErrorDetail);

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self(ErrorDetail { code, message: message.into(), field: None })
    }

    /// `invalid_request`, blaming `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self(ErrorDetail { code: ErrorCode::InvalidRequest, message: message.into(), field: Some(field.to_string()) })
    }

    /// `invalid_request` from a portal-core validation failure of `field`.
    pub fn validation(field: &str, error: ValidationError) -> Self {
        Self::invalid(field, format!("{field}: {error}"))
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthorized, message)
    }

    pub fn ticket_not_found() -> Self {
        Self::new(ErrorCode::NotFound, "there is no ticket with this number")
    }

    pub fn customer_not_found() -> Self {
        Self::new(ErrorCode::NotFound, "there is no customer with this email")
    }

    /// `payload_too_large`, naming the `limit` in bytes.
    pub fn payload_too_large(limit: usize) -> Self {
        Self::new(ErrorCode::PayloadTooLarge, format!("the request body is larger than {limit} bytes"))
    }

    #[cfg(test)]
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    #[cfg(test)]
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }

    /// Blames `field` for an `invalid_request` or a `conflict` that has no
    /// field yet.
    pub fn on_field(mut self, field: &str) -> Self {
        if matches!(self.0.code, ErrorCode::InvalidRequest | ErrorCode::Conflict) && self.0.field.is_none() {
            self.0.field = Some(field.to_string());
        }
        self
    }

    /// Maps a store failure, every variant named, logging what the client
    /// does not see.
    pub fn store(error: StoreError) -> Self {
        match &error {
            // Another workspace's ticket is "not found", exactly like a missing one.
            StoreError::NotFound => Self::ticket_not_found(),
            StoreError::Conflict(cause) => {
                // The cause may be a database message: log it, do not send it.
                tracing::info!(%cause, "store conflict");
                Self::new(ErrorCode::Conflict, "the request conflicts with what is stored")
            }
            StoreError::TicketClosed => Self::new(ErrorCode::Conflict, "the ticket is closed"),
            StoreError::KeyReused => Self::new(
                ErrorCode::Conflict,
                "the idempotency key was already used for a different message (another ticket, text or kind); \
                 use a new key for a new message",
            ),
            // The store's own validation messages are written for people.
            StoreError::Invalid(message) => Self::new(ErrorCode::InvalidRequest, message.clone()),
            // The key is the client's own, and well formed: the workspace lacks it.
            StoreError::UnknownCompany(_) => Self::new(ErrorCode::Conflict, error.to_string()),
            // The email is in the URL: the resource it names is not there.
            StoreError::UnknownCustomer(_) => Self::customer_not_found(),
            StoreError::CreatorTakesPart => Self::new(
                ErrorCode::Conflict,
                "this customer opened the ticket and takes part in it already; a ticket's creator is never one of \
                 its participants",
            ),
            // Customers' writes only: an agent always takes part.
            StoreError::NotParticipant => Self::new(ErrorCode::Conflict, error.to_string()),
            // Only customers' uploads are counted against the quota.
            StoreError::QuotaExceeded { .. } => Self::new(ErrorCode::PayloadTooLarge, error.to_string()),
            // Stored data that fails its checks is the server's trouble: the row is named in the log only.
            StoreError::Corrupt(_) => {
                tracing::error!(%error, "store call failed");
                Self::new(ErrorCode::Internal, "an unexpected error occurred; it was logged")
            }
            StoreError::Migration(_) | StoreError::Unsealable(_) => {
                tracing::error!(%error, "store call failed");
                Self::new(ErrorCode::Internal, "an unexpected error occurred; it was logged")
            }
            StoreError::Database(_) if error.is_unavailable() => {
                tracing::error!(%error, "the database is unavailable");
                Self::new(ErrorCode::Unavailable, "the service is temporarily unavailable; retry later")
            }
            StoreError::Database(_) => {
                tracing::error!(%error, "store call failed");
                Self::new(ErrorCode::Internal, "an unexpected error occurred; it was logged")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.0.code;
        let mut response = (code.status(), Json(ErrorBody { error: self.0 })).into_response();
        if code == ErrorCode::Unauthorized {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
