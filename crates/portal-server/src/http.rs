//! The portal's HTTP surface.

use crate::widget;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use leptos_axum::{AxumRouteListing, LeptosRoutes};
use leptos_router::{Method, SsrMode};
use portal_app::{shell, state::AppState};
use portal_core::WorkspaceSlug;
use portal_i18n::Locale;
use std::path::Path;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted (server-function arguments are small;
/// attachments have their own route and limit).
const MAX_BODY_BYTES: usize = 64 * 1024;

/// The portal's routes; `metrics` is `/metrics` when the main listener
/// serves it (see `observability::exporter::Exposure`).
pub fn router(
    state: AppState,
    metrics: Option<MethodRouter<AppState>>,
    email_sign_in: crate::email_sign_in::EmailSignIn,
    slack: crate::slack::SlackApi,
) -> Router {
    // The app renders the portal of the workspace in its path, embedded or
    // standalone; it moves between its pages itself.
    let routes = [
        "/embed/{workspace}",
        "/embed/{workspace}/{*page}",
        "/p/{workspace}",
        "/p/{workspace}/",
        "/p/{workspace}/{*page}",
    ]
    .map(|path| AxumRouteListing::new(path.to_string(), SsrMode::OutOfOrder, [Method::Get], vec![]))
    .to_vec();
    let options = state.leptos_options.clone();
    let pkg_dir = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    // The bundle's names carry no hash, so browsers revalidate it.
    let pkg = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .service(ServeDir::new(pkg_dir).precompressed_gzip());

    let router = Router::new()
        .route("/", get(home))
        .route("/healthz", get(health))
        .route("/api/portal/live", get(crate::live::live))
        .route("/widget/loader.js", get(widget::loader))
        .route("/assets/portal.css", get(stylesheet))
        .route("/api/portal/theme/{workspace}", get(crate::theme::theme))
        .nest_service("/pkg", pkg)
        .leptos_routes_with_context(&state, routes, leptos::nonce::provide_nonce, move || shell(options.clone()))
        .merge(crate::standalone::router())
        .merge(crate::email_sign_in::router())
        .merge(crate::mail::router())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), crate::standalone::gate))
        .layer(middleware::from_fn_with_state(state.clone(), frame_policy))
        .layer(middleware::from_fn(read_whole_body))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        // After the page layers, so that the API answers with its own JSON errors and headers.
        .nest(crate::api_v1::PREFIX, crate::api_v1::router())
        // Files stream past the page layers' small body limit.
        .merge(crate::attachments::router())
        // Slack's requests are checked by their signature, not as pages.
        .merge(crate::slack::router())
        // The console sets its own headers and limit (see `console::guard`).
        .merge(crate::console::router(&state));
    let router = match metrics {
        Some(route) => router.route("/metrics", route),
        None => router,
    };
    let router = router.layer(axum::Extension(email_sign_in)).layer(axum::Extension(slack));
    // Outermost: a workspace's own host name serves that workspace alone.
    let router = router.layer(middleware::from_fn_with_state(state.clone(), crate::standalone::host_routing));
    crate::observability::requests::around(router).with_state(state)
}

async fn home() -> Html<&'static str> {
    Html(include_str!("../../../public/index.html"))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")],
        include_str!("../../../public/portal.css"),
    )
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn not_found() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, Html("<!doctype html><title>Not found</title><p>Not found.</p>"))
}

/// Who may frame what: `/embed/{workspace}` only inside the workspace's
/// allowed origins (`frame-ancestors`), everything else nowhere. An unknown
/// workspace is a 404 before any rendering.
async fn frame_policy(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let embed_slug = request.uri().path().strip_prefix("/embed/").map(|rest| rest.split('/').next().unwrap_or(""));
    let is_embed = embed_slug.is_some();
    let ancestors = match embed_slug {
        None => "'none'".to_string(),
        Some(slug) => {
            let Ok(slug) = WorkspaceSlug::parse(slug) else {
                return unknown_workspace();
            };
            match state.store.workspace_by_slug(&slug).await {
                Ok(Some(ws)) => {
                    let locale = page_locale(&request, ws.default_locale);
                    request.extensions_mut().insert(locale);
                    state.embed_origins(&ws).iter().map(|o| o.as_str()).collect::<Vec<_>>().join(" ")
                }
                Ok(None) => return unknown_workspace(),
                Err(error) => {
                    tracing::error!(%error, "looking up a workspace failed");
                    return (StatusCode::SERVICE_UNAVAILABLE, "The support portal is temporarily unavailable.")
                        .into_response();
                }
            }
        }
    };
    let mut response = next.run(request).await;
    let policy = HeaderValue::from_str(&format!("frame-ancestors {ancestors}")).expect("origins are header-safe");
    // Appended, not replaced: the page's own script policy stays in force.
    response.headers_mut().append(header::CONTENT_SECURITY_POLICY, policy);
    if is_embed {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// The language of a frame page: the site's `init` locale (the loader puts
/// it in the frame's address as `?locale=`), else the browser's
/// `Accept-Language`, else the workspace's default.
fn page_locale(request: &Request, workspace_default: Locale) -> Locale {
    let asked = request.uri().query().and_then(|query| {
        form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == "locale").map(|(_, value)| value.into_owned())
    });
    let accept = request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(asked.as_deref(), accept, workspace_default)
}

/// Reads the body before the handler does, so a body over the limit is a
/// clear 413 even when it did not announce its length (chunked), instead of a
/// decoding error deep in a server function. The limit layer outside this one
/// already refused bodies that announced too large a length.
async fn read_whole_body(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(error) if is_length_limit(&error) => {
            (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response()
        }
        Err(error) => {
            tracing::debug!(%error, "reading a request body failed");
            (StatusCode::BAD_REQUEST, "The request body could not be read.").into_response()
        }
    }
}

/// Whether reading a body failed because it went over the size limit.
pub(crate) fn is_length_limit(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

fn unknown_workspace() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(
            "<!doctype html><title>Not found</title><p data-testid=\"status\">This support portal does not exist.</p>",
        ),
    )
        .into_response()
}
