//! Request bodies: JSON only, within [`MAX_BODY_BYTES`], refused as the
//! API's JSON errors (never axum's plain-text rejections), naming the field
//! at fault where there is one.

use super::MAX_BODY_BYTES;
use super::error::{ApiError, ErrorCode};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// A JSON request body, parsed into `T` (whose unknown fields are refused
/// with `#[serde(deny_unknown_fields)]`).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        if !is_json(request.headers()) {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                "send the body as JSON, with Content-Type: application/json",
            ));
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES).await.map_err(|error| {
            if crate::http::is_length_limit(&error) {
                ApiError::payload_too_large(MAX_BODY_BYTES)
            } else {
                tracing::debug!(%error, "reading a request body failed");
                ApiError::new(ErrorCode::InvalidRequest, "the request body could not be read")
            }
        })?;
        parse(&bytes).map(Self)
    }
}

/// Parses a whole body as `T`: one JSON object, and nothing after it.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // serde would also read a struct from an array, by position: refuse that.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::new(ErrorCode::InvalidRequest, "the body must be a JSON object"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        body_error(if path == "." { None } else { Some(path) }, error.into_inner())
    })?;
    deserializer.end().map_err(|error| body_error(None, error))?;
    Ok(value)
}

fn body_error(path: Option<String>, error: serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            ApiError::new(ErrorCode::InvalidRequest, format!("the body is not valid JSON: {error}"))
        }
        Category::Data => {
            let message = error.to_string();
            // The path of an unknown field ends with its name; a missing
            // field is named only in the message.
            let missing = message.starts_with("missing field `").then(|| field_named_in(&message)).flatten();
            let field = match (path, missing) {
                (Some(path), Some(name)) => Some(format!("{path}.{name}")),
                (None, Some(name)) => Some(name),
                (path, None) => path.or_else(|| field_named_in(&message)),
            };
            match field {
                Some(field) => ApiError::invalid(&field, format!("{field}: {message}")),
                None => ApiError::new(ErrorCode::InvalidRequest, message),
            }
        }
    }
}

/// The field serde names in an "unknown field" or "missing field" message
/// (it is not part of the error's path).
pub fn field_named_in(message: &str) -> Option<String> {
    ["unknown field `", "missing field `"]
        .iter()
        .find_map(|prefix| message.find(prefix).map(|at| &message[at + prefix.len()..]))
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name.to_string())
}

/// `application/json`, or a `+json` type, with any parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Refuses a body that announces a length over the limit before anyone
/// reads it (a body that does not announce it is stopped by [`ApiJson`]).
pub async fn refuse_large_bodies(request: Request, next: Next) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let limit =
        if request.uri().path().ends_with("/inbound/email") { crate::inbound::MAX_MAIL_BYTES } else { MAX_BODY_BYTES };
    if announced.is_some_and(|length| length > limit as u64) {
        return ApiError::payload_too_large(limit).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    fn field_of(body: &str) -> Option<String> {
        let error = parse::<Outer>(body.as_bytes()).expect_err(body);
        assert_eq!(error.code(), super::ErrorCode::InvalidRequest);
        error.field().map(str::to_string)
    }

    #[test]
    fn errors_name_the_field() {
        assert!(parse::<Outer>(br#"{"name": "a"}"#).is_ok());
        assert_eq!(field_of(r#"{"name": "a", "extra": 1}"#).as_deref(), Some("extra"));
        assert_eq!(field_of(r#"{"name": "a", "inner": {"count": 1, "x": 2}}"#).as_deref(), Some("inner.x"));
        assert_eq!(field_of(r#"{"name": 5}"#).as_deref(), Some("name"));
        assert_eq!(field_of(r#"{"name": "a", "inner": {"count": -1}}"#).as_deref(), Some("inner.count"));
        assert_eq!(field_of(r#"{"inner": null}"#).as_deref(), Some("name"), "missing");
        assert_eq!(field_of(r#"{"name": "a", "inner": {}}"#).as_deref(), Some("inner.count"), "missing, nested");
        assert_eq!(field_of(r#"{"name": "a""#), None, "truncated");
        assert_eq!(field_of(r#"{"name": "a"} {}"#), None, "trailing data");
        assert_eq!(field_of(""), None, "empty");
        assert_eq!(field_of(r#"["a", null]"#), None, "an array");
    }

    #[test]
    fn json_content_types() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().unwrap());
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
