//! The first page after signing in (`/`): how the business is doing at a glance.

mod overview;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn staff_routes() -> Router<AppState> {
    Router::new().route("/", get(overview::page))
}
