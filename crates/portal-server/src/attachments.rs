//! Files customers attach, over plain HTTP (a file is a raw body, not a
//! server-function argument):
//!
//! - `POST /api/portal/attachments?name=<file name>`, the file as the body,
//!   `Authorization: Bearer <session token>` (the frame) or the standalone
//!   portal's cookie (see `portal_app::session`). The name, the size (counted
//!   while the body streams in, whatever `Content-Length` claims) and the
//!   content's magic bytes are checked; the file then waits, attached to
//!   nothing, until a reply or a new ticket names its id. Answers 201 with
//!   the file's [`AttachmentInfo`]; a refusal is a [`PortalError`] whose
//!   message starts with the file's name (400, 413 too large, 415 type),
//!   or says why none can be taken now (429 with `Retry-After` past the
//!   customer's allowance, 507 when the workspace's quota is full).
//! - `GET /api/portal/attachments/{id}`: the file, after the same access
//!   check as its ticket, as a download that no browser renders.
//!
//! The agent API serves files through [`download`] too.

use axum::Router;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http_body_util::BodyExt;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use portal_app::PortalError;
use portal_app::limits::Action;
use portal_app::state::{AppState, Credential, now_millis, session_scope};
use portal_core::attachment::check_content;
use portal_core::{AttachmentError, AttachmentId, AttachmentLimits};
use portal_store::{StoreError, StoredAttachment};
use serde::Deserialize;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;

pub const ROUTE: &str = "/api/portal/attachments";

/// The largest body the upload route reads: the largest file any workspace
/// allows plus room, so that a file a little over its limit is read to its
/// end and refused by name (a browser that is cut off mid-send sees a
/// network error, not the reason).
const UPLOAD_BODY_LIMIT: usize = AttachmentLimits::MAX.max_bytes as usize + 1024 * 1024;

/// Uploads read at once. Each holds at most one file (3 MB) in memory.
static UPLOAD_SLOTS: Semaphore = Semaphore::const_new(32);

pub fn router() -> Router<AppState> {
    Router::new()
        .route(ROUTE, post(upload))
        .route(&format!("{ROUTE}/{{id}}"), get(customer_download))
        .layer(RequestBodyLimitLayer::new(UPLOAD_BODY_LIMIT))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadQuery {
    name: String,
}

async fn upload(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    query: Result<Query<UploadQuery>, QueryRejection>,
    body: Body,
) -> Response {
    let credential = Credential::of_request(&state, &method, &headers);
    let scope = match session_scope(&state, credential.as_ref()).await {
        Ok(scope) => scope,
        Err(error) => return refusal(status_of(&error), error),
    };
    let Ok(Query(UploadQuery { name })) = query else {
        return refusal(StatusCode::BAD_REQUEST, PortalError::Invalid("name the file: ?name=<file name>".into()));
    };
    let limits = match state.workspace_of(&scope).await {
        Ok(workspace) => workspace.attachment_limits,
        Err(error) => return refusal(status_of(&error), error),
    };
    // The name first: a refused name need not be read at all.
    let name = match limits.check_file(&name, 1) {
        Ok(name) => name,
        Err(error) => return file_refusal(error),
    };
    // Counted once the file is worth reading: a refused name costs nothing.
    if let Err(error) = state.limits.check(Action::Upload, &scope, credential.as_ref().and_then(Credential::token)) {
        return refusal(status_of(&error), error);
    }
    let Ok(_slot) = UPLOAD_SLOTS.acquire().await else {
        return refusal(StatusCode::SERVICE_UNAVAILABLE, PortalError::Unavailable);
    };
    let content = match read_at_most(body, limits.max_bytes).await {
        Ok(content) => content,
        Err(Unread::TooLarge) => {
            return file_refusal(AttachmentError::TooLarge {
                name: name.as_str().to_string(),
                max_bytes: limits.max_bytes,
            });
        }
        Err(Unread::Broken) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                PortalError::Invalid(format!("{}: the upload broke off", name.as_str())),
            );
        }
    };
    if let Err(error) = limits.check_size(&name, content.len() as u64).and_then(|()| check_content(&name, &content)) {
        return file_refusal(error);
    }
    let key = match state.blobs.put(&content).await {
        Ok(key) => key,
        Err(error) => {
            tracing::error!(%error, "storing an upload failed");
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, PortalError::Internal);
        }
    };
    let quota = state.limits.attachment_quota_bytes;
    match state.store.add_upload(&scope, &name, content.len() as u64, &key, quota, now_millis()).await {
        Ok(info) => (StatusCode::CREATED, no_store(), axum::Json(info)).into_response(),
        Err(error) => {
            forget_blob(&state, &key).await;
            let error = match error {
                StoreError::QuotaExceeded { used, quota } => {
                    tracing::warn!(workspace = scope.workspace_id().0, used, quota, "an upload was over the quota");
                    PortalError::StorageFull
                }
                error => state.store_error(error),
            };
            refusal(status_of(&error), error)
        }
    }
}

async fn customer_download(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let credential = Credential::of_request(&state, &method, &headers);
    let scope = match session_scope(&state, credential.as_ref()).await {
        Ok(scope) => scope,
        Err(error) => return refusal(status_of(&error), error),
    };
    let not_found = || refusal(StatusCode::NOT_FOUND, PortalError::Invalid("This file does not exist.".into()));
    let Ok(id) = id.parse::<i64>().map(AttachmentId) else {
        return not_found();
    };
    match state.store.customer_attachment(&scope, id).await {
        Ok(Some(file)) => download(&state, file)
            .await
            .unwrap_or_else(|()| refusal(StatusCode::INTERNAL_SERVER_ERROR, PortalError::Internal)),
        Ok(None) => not_found(),
        Err(error) => {
            let error = state.store_error(error);
            refusal(status_of(&error), error)
        }
    }
}

/// A stored file as a download: never rendered, never sniffed, never
/// cached. Fails (logged here) when its content cannot be read; each caller
/// answers that in its own error format.
pub async fn download(state: &AppState, file: StoredAttachment) -> Result<Response, ()> {
    let content = state.blobs.get(&file.blob_key).await.map_err(|error| {
        tracing::error!(%error, attachment = file.info.id.0, "reading a stored file failed");
    })?;
    let content_type =
        HeaderValue::from_str(&file.info.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, content_disposition(&file.info.name)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("sandbox; default-src 'none'; frame-ancestors 'none'"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, content).into_response())
}

/// `attachment` with the name twice: plain ASCII for old clients, and
/// exact as `filename*` (RFC 6266).
fn content_disposition(name: &str) -> HeaderValue {
    // RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ stay as they are.
    const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'!')
        .remove(b'#')
        .remove(b'$')
        .remove(b'&')
        .remove(b'+')
        .remove(b'-')
        .remove(b'.')
        .remove(b'^')
        .remove(b'_')
        .remove(b'`')
        .remove(b'|')
        .remove(b'~');
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let value = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", utf8_percent_encode(name, ATTR_CHAR));
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("attachment"))
}

enum Unread {
    TooLarge,
    Broken,
}

/// The body, if it is at most `max` bytes. A longer one is read to its end
/// (within the route's limit) and dropped as it comes, so the client hears
/// the refusal.
async fn read_at_most(mut body: Body, max: u64) -> Result<Vec<u8>, Unread> {
    let mut content = Vec::new();
    let mut too_large = false;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            return Err(Unread::Broken);
        };
        let Ok(chunk) = frame.into_data() else { continue };
        if too_large || (content.len() + chunk.len()) as u64 > max {
            too_large = true;
            content = Vec::new();
        } else {
            content.extend_from_slice(&chunk);
        }
    }
    if too_large { Err(Unread::TooLarge) } else { Ok(content) }
}

fn file_refusal(error: AttachmentError) -> Response {
    let status = match error {
        AttachmentError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        AttachmentError::KindNotAllowed { .. } | AttachmentError::ContentMismatch { .. } => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        _ => StatusCode::BAD_REQUEST,
    };
    refusal(status, PortalError::Invalid(error.to_string()))
}

fn status_of(error: &PortalError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The error as the server functions send theirs, so the frame reads both alike.
fn refusal(status: StatusCode, error: PortalError) -> Response {
    let mut response = (status, no_store(), axum::Json(&error)).into_response();
    if let PortalError::RateLimited { retry_after } = error {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    }
    response
}

fn no_store() -> [(header::HeaderName, HeaderValue); 1] {
    [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))]
}

async fn forget_blob(state: &AppState, key: &str) {
    if let Err(error) = state.blobs.delete(key).await {
        tracing::warn!(%error, "deleting an unrecorded upload failed");
    }
}

/// How long an upload may wait to be sent before it is deleted.
pub const UPLOAD_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// Deletes uploads never sent within [`UPLOAD_TTL_MS`], every hour, for as
/// long as the server runs.
pub fn sweep_unsent_uploads(state: AppState) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        loop {
            every_hour.tick().await;
            sweep_once(&state).await;
        }
    });
}

/// One pass of the sweeper; returns how many uploads it deleted.
pub async fn sweep_once(state: &AppState) -> usize {
    let mut deleted = 0;
    loop {
        let keys = match state.store.take_stale_uploads(now_millis() - UPLOAD_TTL_MS, 500).await {
            Ok(keys) => keys,
            Err(error) => {
                tracing::warn!(%error, "finding unsent uploads failed");
                return deleted;
            }
        };
        for key in &keys {
            forget_blob(state, key).await;
        }
        deleted += keys.len();
        if keys.len() < 500 {
            return deleted;
        }
    }
}
