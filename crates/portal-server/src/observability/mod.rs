//! Request tracing (ids, spans, one log line per request) and Prometheus
//! metrics. See `docs/operations.md` for what an operator turns on and reads.

pub mod exporter;
pub mod requests;

pub use exporter::{BUILD_INFO, HTTP_DURATION, HTTP_REQUESTS, LIVE_CONNECTIONS, LIVE_EVENTS_SENT};
pub use portal_app::state::SIGN_INS_REFUSED;
pub use requests::{MAX_REQUEST_ID, REQUEST_ID};
