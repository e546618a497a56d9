//! Prometheus metrics: the process's one recorder, and `/metrics`, either on
//! the main listener for the bearer of `metrics_token` or on a listener of
//! its own (`metrics_bind`).

use crate::config::{Config, KeyText};
use anyhow::{Context, bail};
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use portal_app::state::{AppState, SIGN_INS_REFUSED};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;
use subtle::ConstantTimeEq;
use tokio::net::TcpListener;

pub const HTTP_REQUESTS: &str = "portal_http_requests_total";
pub const HTTP_DURATION: &str = "portal_http_request_duration_seconds";
pub const LIVE_CONNECTIONS: &str = "portal_live_connections";
pub const LIVE_EVENTS_SENT: &str = "portal_live_events_sent_total";
pub const BUILD_INFO: &str = "portal_build_info";
pub const POOL_CONNECTIONS: &str = "portal_db_pool_connections";
pub const POOL_MAX_CONNECTIONS: &str = "portal_db_pool_max_connections";

/// Upper bounds of the latency buckets, in seconds: most answers take a few
/// milliseconds; sign-ins (a password hash) and searches of large
/// workspaces take up to a second or so; past 10 s something is wrong.
const DURATION_BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// How often histogram samples are folded into their buckets between
/// scrapes, so that memory stays flat when nobody scrapes.
pub const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// `metrics` has one recorder per process, and a recorder cannot be removed:
/// every portal of the process (tests start many) shares the first one, and
/// a portal without metrics records nothing until one is installed.
static RECORDER: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();

/// The process's recorder, installed on first use.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(HTTP_DURATION.into()), DURATION_BUCKETS)
                .and_then(PrometheusBuilder::install_recorder)
                .map_err(|error| error.to_string())?;
            describe();
            metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
            Ok(handle)
        })
        .clone()
        .map_err(anyhow::Error::msg)
        .context("installing the metrics recorder")
}

/// Whether anything is recorded: callers skip building labels otherwise.
pub fn installed() -> bool {
    matches!(RECORDER.get(), Some(Ok(_)))
}

fn describe() {
    metrics::describe_counter!(HTTP_REQUESTS, "HTTP requests answered, by method, route and status.");
    metrics::describe_histogram!(
        HTTP_DURATION,
        metrics::Unit::Seconds,
        "Time from a request's arrival until its response headers, by method and route."
    );
    metrics::describe_gauge!(LIVE_CONNECTIONS, "Live sockets (the frames' WebSockets) open now.");
    metrics::describe_counter!(LIVE_EVENTS_SENT, "Events sent to live sockets.");
    metrics::describe_counter!(SIGN_INS_REFUSED, "Sign-ins refused, by surface (embed or console) and reason.");
    metrics::describe_gauge!(POOL_CONNECTIONS, "Database connections open now, by state (idle or in_use).");
    metrics::describe_gauge!(POOL_MAX_CONNECTIONS, "The most database connections the pool opens.");
    metrics::describe_gauge!(BUILD_INFO, "Always 1; the version label names the running build.");
}

/// Where `/metrics` is served, as the configuration asks.
pub(crate) enum Exposure {
    Off,
    /// On the main listener, to requests bearing the token (kept as its
    /// SHA-256, so that comparisons take the same time whatever its length).
    Guarded {
        token_digest: [u8; 32],
        handle: PrometheusHandle,
    },
    /// On a listener of its own, to anyone who reaches it.
    Apart {
        listener: TcpListener,
        handle: PrometheusHandle,
    },
}

impl Exposure {
    /// Binds the metrics listener, if there is one, and installs the recorder
    /// when metrics are wanted at all.
    pub(crate) async fn from_config(config: &Config) -> anyhow::Result<Self> {
        match (config.metrics_bind, &config.metrics_token) {
            (None, None) => Ok(Self::Off),
            // The token protects /metrics on the main listener only; taking it
            // to protect the other one too would be a guess.
            (Some(_), Some(_)) => bail!(
                "metrics_bind and metrics_token are both set: metrics_bind serves /metrics on its own listener \
                 without a token, metrics_token on the main listener; set one of them"
            ),
            (Some(addr), None) => {
                let listener = TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr} for metrics (metrics_bind)"))?;
                Ok(Self::Apart { listener, handle: install()? })
            }
            (None, Some(KeyText(token))) => {
                if token.trim().is_empty() {
                    bail!("metrics_token is empty: set a long random value, or unset it to turn metrics off");
                }
                Ok(Self::Guarded { token_digest: Sha256::digest(token.as_bytes()).into(), handle: install()? })
            }
        }
    }

    pub(crate) fn local_addr(&self) -> Option<SocketAddr> {
        match self {
            Self::Apart { listener, .. } => listener.local_addr().ok(),
            _ => None,
        }
    }

    pub(crate) fn handle(&self) -> Option<&PrometheusHandle> {
        match self {
            Self::Off => None,
            Self::Guarded { handle, .. } | Self::Apart { handle, .. } => Some(handle),
        }
    }

    /// The `/metrics` route of the main router, if it has one.
    pub(crate) fn main_route(&self) -> Option<MethodRouter<AppState>> {
        let Self::Guarded { token_digest, handle } = self else {
            return None;
        };
        let (expected, handle) = (*token_digest, handle.clone());
        Some(get(move |State(state): State<AppState>, headers: HeaderMap| async move {
            if bears(&headers, &expected) { render(&state, &handle) } else { unauthorized() }
        }))
    }
}

/// The router of the metrics listener: `/metrics` and nothing else.
pub(crate) fn apart_router(state: AppState, handle: PrometheusHandle) -> Router {
    Router::new()
        .route("/metrics", get(move |State(state): State<AppState>| async move { render(&state, &handle) }))
        .with_state(state)
}

/// Whether the request's `Authorization` is `Bearer` with the token whose
/// SHA-256 is `expected`, compared in constant time.
fn bears(headers: &HeaderMap, expected: &[u8; 32]) -> bool {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some((scheme, presented)) = value.split_once(' ') else {
        return false;
    };
    let presented: [u8; 32] = Sha256::digest(presented.trim().as_bytes()).into();
    scheme.eq_ignore_ascii_case("bearer") && bool::from(presented.ct_eq(expected))
}

fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\""))],
        "The metrics token is required: Authorization: Bearer <metrics_token>.",
    )
        .into_response()
}

fn render(state: &AppState, handle: &PrometheusHandle) -> Response {
    record_pool_gauges(state);
    // Histogram samples reach their buckets in the upkeep: a scrape sees
    // every request answered before it.
    handle.run_upkeep();
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        handle.render(),
    )
        .into_response()
}

/// Gauges read from the database pool when scraped: how full it is shows
/// requests about to wait for a connection before they do.
fn record_pool_gauges(state: &AppState) {
    let pool = state.store.pool_stats();
    metrics::gauge!(POOL_CONNECTIONS, "state" => "idle").set(f64::from(pool.idle));
    metrics::gauge!(POOL_CONNECTIONS, "state" => "in_use").set(f64::from(pool.size.saturating_sub(pool.idle)));
    metrics::gauge!(POOL_MAX_CONNECTIONS).set(f64::from(pool.max));
}
