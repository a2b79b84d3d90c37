//! The JSON API under `/api/v1/`: events in (batches from a business's systems), visitors
//! joined to customers, and the web snippet's anonymous page views and clicks.
//!
//! Invariants:
//! - every endpoint but the OpenAPI document needs a workspace API key, looked up afresh on
//!   each request, so a revoked key stops working at once; a secret key reaches the server
//!   endpoints, a publishable key only the snippet endpoint (which can read nothing);
//! - a batch is checked in full before anything is written and then stored in one
//!   transaction; a 2xx is sent only after that transaction committed;
//! - the API has its own wire types (this module); domain and store types are not the format;
//! - the API sets no cookies, and only the snippet endpoint answers cross-origin requests.
//!   It is exempt from CSRF protection because it authenticates with keys, not cookies.

mod events;
mod plumbing;
mod snippet;
mod wire;

use crate::state::AppState;
use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use plumbing::{ApiError, authorize, bearer, parse_json, read_body};
pub use snippet::{SNIPPET, SNIPPET_PER_MINUTE};

/// The OpenAPI 3.1 description of this API, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", post(events::ingest))
        .route("/api/v1/identify", post(events::identify))
        .route(
            "/api/v1/snippet/events",
            post(snippet::ingest).options(snippet::preflight),
        )
        .route("/api/v1/openapi.json", get(openapi))
        .route("/t.js", get(snippet::script))
}

async fn openapi() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        OPENAPI,
    )
        .into_response()
}
