//! Reviews from review sites (issue 14): importing Google Business Profile, Trustpilot and
//! generic CSV exports (the owner, on `/reviews`, and `kunde import reviews FILE`), each
//! review an event on the journey's review-site touchpoint matched to a known customer where
//! the e-mail or a unique name matches; the `/reviews` page with the rating trend per source,
//! the themes of the text, and which reviews are answered (the owner records the reply),
//! the oldest unanswered first.

mod file;
mod page;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use file::{ReviewFileError, import_review_file};

pub fn staff_routes() -> Router<AppState> {
    Router::new().route("/reviews", get(page::page))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/reviews/import",
            post(page::import).layer(axum::extract::DefaultBodyLimit::max(
                crate::kit::csrf::UPLOAD_LIMIT,
            )),
        )
        .route("/reviews/{id}/reply", post(page::reply))
        .route("/reviews/{id}/match", post(page::match_review))
}
