//! The first page after signing in (`/`): how the business is doing this month against last
//! month with a 12-month line per figure, what needs doing today, and the seeds' facts next
//! to the business's own figures.

mod figures;
mod monthly;
mod overview;
mod today;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn staff_routes() -> Router<AppState> {
    Router::new().route("/", get(overview::page))
}
