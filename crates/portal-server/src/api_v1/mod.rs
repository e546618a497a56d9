//! The agent REST API, under [`PREFIX`] (`/api/v1`): what a helpdesk, a bot
//! or a script holding an API token (`portal token create`) uses to read and
//! answer a workspace's tickets, and to say which companies its customers
//! and tickets belong to.
//!
//! - Authentication: `Authorization: Bearer <API token>`; the token is
//!   looked up by its SHA-256 and opens exactly one workspace (an
//!   [`portal_core::AgentScope`]). Missing, invalid or revoked: 401.
//! - Bodies are JSON (`Content-Type: application/json`), at most
//!   [`MAX_BODY_BYTES`]; unknown fields are refused. The one exception is
//!   `POST /inbound/email`: a raw email, at most 25 MiB.
//! - The document states every check a request value gets (`schema`): a
//!   request it refuses is a 400; a valid one the workspace refuses (a
//!   ticket type or company it does not have) is a 409.
//! - Every error is `{"error": {"code", "message", "field"?}}` with a stable
//!   code (see [`error::ErrorCode`]); nothing is cached (`no-store`).
//! - A ticket's participants (`/tickets/{number}/participants`) are named
//!   by email in the URL: `PUT` adds one (idempotent), `DELETE` removes one
//!   (204 whether or not they were one).
//! - `GET /api/v1/tickets?limit=N`: N is 1 to 500 (default 50); anything
//!   else is refused with `invalid_request`, not clamped.
//! - The OpenAPI document, generated from this code, is served without
//!   authentication at `/api/v1/openapi.json`.
//!
//! The routes are declared once, in the `api_routes!` call below: it builds
//! the router, the list of routes ([`ROUTES`]) and the OpenAPI document's
//! paths from the same lines, and the tests check the document against
//! [`ROUTES`].

mod auth;
mod error;
mod handlers;
mod json;
mod requests;
mod responses;
mod schema;
pub mod token;
pub mod webhook_payload;
mod webhooks;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::middleware;
use portal_app::state::AppState;
use std::sync::LazyLock;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub use error::ErrorCode;

/// Where the API is mounted.
pub const PREFIX: &str = "/api/v1";

/// Largest request body accepted. A message or description of 10,240
/// characters fits even when every character is escaped in the JSON.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The security scheme's name in the OpenAPI document (also spelled out in `security(..)` below).
const SECURITY_SCHEME: &str = "api_token";

macro_rules! api_routes {
    ($($method:ident $path:literal => $module:ident :: $handler:ident),* $(,)?) => {
        /// Every route the API serves: (lower-case method, path under
        /// [`PREFIX`]), as the router is built.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        fn with_routes(router: Router<AppState>) -> Router<AppState> {
            router$(.route($path, axum::routing::$method($module::$handler)))*
        }

        #[derive(OpenApi)]
        #[openapi(
            info(
                title = "Customer portal agent API",
                description = "Read and answer a workspace's support tickets, and say which companies \
                               its customers and tickets belong to. Authenticate with \
                               `Authorization: Bearer <API token>` (create one with \
                               `portal token create --workspace W --name N`). Errors are \
                               `{\"error\": {\"code\", \"message\", \"field\"?}}` with a stable `code`. \
                               Times are milliseconds since the Unix epoch, UTC.",
            ),
            paths($($module::$handler),*),
            components(schemas(error::ErrorBody, error::ErrorDetail, error::ErrorCode)),
            modifiers(&BearerAuth, &FileTypes),
            security(("api_token" = [])),
            tags(
                (name = "tickets", description = "Tickets and their conversations."),
                (name = "participants", description = "The customers besides its creator who take part in a ticket: \
                                                        they see it in their portal and may reply to it."),
                (name = "companies", description = "The workspace's companies, to which customers and tickets belong."),
                (name = "customers", description = "Customers: their companies and attributes."),
                (name = "email", description = "Customers' email in: replies land in their tickets, other mail \
                                                 opens tickets."),
                (name = "webhooks", description = "Endpoints told of tickets, messages and customers as they \
                                                    change: signed JSON POSTs from a durable outbox."),
                (name = "meta", description = "About the API itself."),
            ),
        )]
        struct ApiDoc;
    };
}

api_routes! {
    get "/tickets" => handlers::list_tickets,
    post "/tickets" => handlers::create_ticket,
    get "/tickets/{number}" => handlers::get_ticket,
    patch "/tickets/{number}" => handlers::update_ticket,
    post "/tickets/{number}/messages" => handlers::post_message,
    get "/tickets/{number}/attachments/{id}" => handlers::get_attachment,
    get "/tickets/{number}/participants" => handlers::list_participants,
    put "/tickets/{number}/participants/{email}" => handlers::add_participant,
    delete "/tickets/{number}/participants/{email}" => handlers::remove_participant,
    put "/companies/{key}" => handlers::put_company,
    get "/customers/{email}/companies" => handlers::get_customer_companies,
    get "/customers/{email}/counts" => handlers::get_customer_counts,
    put "/customers/{email}/companies" => handlers::set_customer_companies,
    put "/customers/{email}/attributes" => handlers::set_customer_attributes,
    post "/inbound/email" => handlers::receive_email,
    get "/webhooks" => webhooks::list_webhooks,
    post "/webhooks" => webhooks::create_webhook,
    get "/webhooks/{id}" => webhooks::get_webhook,
    patch "/webhooks/{id}" => webhooks::update_webhook,
    delete "/webhooks/{id}" => webhooks::delete_webhook,
    post "/webhooks/{id}/secret" => webhooks::rotate_webhook_secret,
    get "/webhooks/{id}/deliveries" => webhooks::list_webhook_deliveries,
    post "/webhooks/{id}/deliveries/{delivery}/redeliver" => webhooks::redeliver_webhook,
    get "/openapi.json" => handlers::openapi_json,
}

/// Adds the bearer security scheme the document's `security` names.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("pt_ followed by 64 hexadecimal characters")
            .description(Some("An API token from `portal token create`; it opens one workspace."))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(SECURITY_SCHEME, SecurityScheme::Http(scheme));
    }
}

/// States the types a downloaded file comes as: one per kind of file
/// customers may attach, the type it was checked to be.
struct FileTypes;

impl Modify for FileTypes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        use utoipa::openapi::{Content, RefOr};
        let path = format!("{PREFIX}/tickets/{{number}}/attachments/{{id}}");
        let Some(operation) = openapi.paths.paths.get_mut(&path).and_then(|item| item.get.as_mut()) else {
            return;
        };
        let Some(RefOr::T(file)) = operation.responses.responses.get_mut("200") else {
            return;
        };
        let bytes = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .build();
        file.content = portal_core::attachment::FileKind::ALL
            .iter()
            .map(|kind| (kind.content_type().to_string(), RefOr::T(Content::new(Some(bytes.clone())))))
            .collect();
    }
}

/// The OpenAPI document as JSON, built once.
pub fn openapi_document() -> &'static String {
    static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
        let mut doc = ApiDoc::openapi();
        doc.info.version = env!("CARGO_PKG_VERSION").to_string();
        doc.to_pretty_json().expect("the OpenAPI document serializes")
    });
    &DOCUMENT
}

/// The API's routes, to be nested at [`PREFIX`]. It carries its own
/// layers (body limit, headers) and JSON fallbacks: mount it after the
/// portal's page layers so none of their HTML or plain-text answers reach
/// an API client.
pub fn router() -> Router<AppState> {
    with_routes(Router::new())
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(json::refuse_large_bodies))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        // Files set their own (sandboxed) policy.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
}

async fn unknown_endpoint() -> error::ApiError {
    error::ApiError::new(ErrorCode::NotFound, "there is no such API endpoint; see /api/v1/openapi.json")
}

async fn method_not_allowed() -> error::ApiError {
    error::ApiError::new(ErrorCode::MethodNotAllowed, "this endpoint does not accept this method")
}
