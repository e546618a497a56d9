//! What every request leaves behind: an id (`X-Request-Id`, the caller's if
//! acceptable, else a new one, echoed in the response), a span that every
//! log line of the request carries (method, route, id, then status and
//! latency), one log line when it is answered, and its metrics.

use super::exporter::{self, HTTP_DURATION, HTTP_REQUESTS};
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::borrow::Cow;
use std::time::{Duration, Instant};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use tracing::field::Empty;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a caller.
pub const MAX_REQUEST_ID: usize = 64;

/// What axum names the tail of a nested service's path; `rest` reads better
/// in logs and dashboards.
const NEST_TAIL: &str = "__private__axum_nest_tail_param";

/// The route of a request no route matched: one series for all of them,
/// whatever paths are tried.
const UNMATCHED: &str = "unmatched";

/// Wraps every route of `router`, its fallback included. Applied last, so
/// that nested and merged routers are wrapped too, and inside the routing,
/// so that the matched route is known.
pub fn around<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(
        ServiceBuilder::new()
            .layer(middleware::map_request(drop_unacceptable_id))
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(span).on_response(answered))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(middleware::from_fn(count)),
    )
}

/// A caller's id is kept only if it is short and plain, so that it can
/// neither bloat nor forge log lines; otherwise the request gets a new one.
async fn drop_unacceptable_id(mut request: Request) -> Request {
    let ids = request.headers().get_all(&REQUEST_ID);
    let mut values = ids.iter();
    let acceptable = match (values.next(), values.next()) {
        (Some(id), None) => acceptable_id(id.as_bytes()),
        (None, _) => true,
        // Several: which one the caller meant is anyone's guess.
        (Some(_), Some(_)) => false,
    };
    if !acceptable {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}

/// 1 to [`MAX_REQUEST_ID`] letters, digits, `-`, `_`, `.` or `:` (UUIDs,
/// hex, and the ids proxies and tracing systems make).
pub fn acceptable_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len())
        && id.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// The route as the router names it (`/api/v1/tickets/{number}`): never the
/// path itself, which holds ids, emails and workspace names.
fn route(request: &Request) -> Cow<'static, str> {
    match request.extensions().get::<MatchedPath>() {
        Some(path) => Cow::Owned(path.as_str().replace(NEST_TAIL, "rest")),
        None => Cow::Borrowed(UNMATCHED),
    }
}

/// Few labels per method: a client may send any token as a method.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn span(request: &Request) -> Span {
    let id = request.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("");
    // At the error level so that it is on whenever any line of the request
    // is logged, whatever the filter: the id must be on every one of them.
    tracing::error_span!(
        target: "portal::http",
        "request",
        method = method_label(request.method()),
        route = %route(request),
        request_id = id,
        status = Empty,
        latency_ms = Empty,
    )
}

fn answered(response: &Response, latency: Duration, span: &Span) {
    span.record("status", response.status().as_u16());
    span.record("latency_ms", latency.as_millis() as u64);
    // Its own target, so that a filter can drop these lines and keep the rest.
    tracing::info!(target: "portal::access", "answered");
}

async fn count(request: Request, next: Next) -> Response {
    if !exporter::installed() {
        return next.run(request).await;
    }
    let method = method_label(request.method());
    let route = route(&request);
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(HTTP_REQUESTS, "method" => method, "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!(HTTP_DURATION, "method" => method, "route" => route).record(started.elapsed().as_secs_f64());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_acceptable() {
        assert!(acceptable_id(b"4f1c2a9e-7b3d-4e8a-9c1f-0a2b3c4d5e6f"));
        assert!(acceptable_id(b"req_01.abc:7"));
        assert!(acceptable_id(&[b'a'; MAX_REQUEST_ID]));
        assert!(!acceptable_id(&[b'a'; MAX_REQUEST_ID + 1]));
        assert!(!acceptable_id(b""));
        for bad in [&b"a b"[..], b"a\"b", b"a\\nb", b"<script>", b"a/b", b"a=b", "é".as_bytes()] {
            assert!(!acceptable_id(bad), "{:?}", String::from_utf8_lossy(bad));
        }
    }
}
