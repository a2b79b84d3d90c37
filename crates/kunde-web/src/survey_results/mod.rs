//! Survey results and closing the loop (PRODUCT.md §4–§5): the results of a survey or of a
//! touchpoint (scores with confidence intervals, their monthly trend, the expectation gap,
//! segments, free-text themes, every answer linked to its customer, CSV), employee
//! engagement per team, follow-ups opened by detractors and low CSAT, and personal
//! invitations by e-mail with one reminder and an unsubscribe link.

mod followups;
mod invites;
mod report;
mod results;
mod results_page;
mod timeline;

pub(crate) use followups::reason_label;
pub use invites::run_due;
pub(crate) use timeline::items as timeline_items;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Pages every signed-in user of the workspace may open.
pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/results", get(results::index))
        .route("/surveys/{id}/results", get(results_page::survey_page))
        .route("/surveys/{id}/results.csv", get(results_page::survey_csv))
        .route(
            "/touchpoints/{id}/results",
            get(results_page::touchpoint_page),
        )
        .route(
            "/touchpoints/{id}/results.csv",
            get(results_page::touchpoint_csv),
        )
        .route("/followups", get(followups::list))
        .route("/followups/{id}/close", post(followups::close))
}

/// Pages only the owner may open.
pub fn owner_routes() -> Router<AppState> {
    Router::new().route(
        "/surveys/{id}/invite",
        get(invites::form).post(invites::send),
    )
}

/// Pages a customer opens from an invitation e-mail, without signing in.
pub fn public_routes() -> Router<AppState> {
    Router::new().route(
        "/s/unsubscribe/{token}",
        get(invites::unsubscribe_form).post(invites::unsubscribe),
    )
}
