//! The first page after signing in (`/`): how the business is doing this month against last
//! month with a 12-month line per figure, what needs doing today, and the seeds' facts next
//! to the business's own figures.

mod figures;
pub(crate) mod headline;
mod monthly;
mod overview;
mod today;

pub use figures::Figure;
pub use headline::Headline;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn staff_routes() -> Router<AppState> {
    Router::new().route("/", get(overview::page))
}
