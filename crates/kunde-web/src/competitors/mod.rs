//! Competitors' standards per touchpoint (issue 14): the owner records competitors and, per
//! touchpoint, a standard to compare (a reference price, a waiting or delivery time, opening
//! hours a week, a review rating, or free text) with the business's own value and a target;
//! staff read them. [`standings`] writes where the business stands ("You: 3 days · best
//! competitor: 1 day (Hjulet) · target: 1 day") for the journey map's cards, the touchpoint's
//! results page and the start page's list of touchpoints where the business is behind. Who
//! is best and whether the business is behind is `kunde_analytics::standards`' job.

mod page;
mod standing;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use standing::{StandingView, standings};

pub fn staff_routes() -> Router<AppState> {
    Router::new().route("/competitors", get(page::page))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/competitors", post(page::add_competitor))
        .route("/competitors/{id}/delete", post(page::delete_competitor))
        .route("/competitors/standards", post(page::save_standard))
        .route(
            "/competitors/standards/{id}/delete",
            post(page::delete_standard),
        )
}
