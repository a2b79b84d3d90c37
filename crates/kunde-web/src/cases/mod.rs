//! Service cases and complaints (issue 7): the staff pages (list with filters, opening a case
//! from a customer's page, the case page with its timers, notes, replies, attachments and
//! grants, closing with a root cause), the owner's settings (targets per category, root
//! causes, authority, approvals), the reports, and the customer's public pages (the complaint
//! form and the one-question rating of how a case was handled).

mod admin;
mod api;
mod grants;
mod labels;
mod list;
mod mail;
mod new;
mod portal_effect;
mod public;
mod reports;
mod show;
mod timing;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub use grants::case_timeline_items;
pub use labels::category_name;
pub use mail::run_due;
pub use timing::Calendar;

pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/complaint/{public_id}",
            get(public::complaint_form).post(public::complaint_submit),
        )
        .route(
            "/c/{token}",
            get(public::rating_form).post(public::rating_submit),
        )
}

/// `POST /api/v1/cases`, with a secret API key (merged with the rest of the API).
pub fn api_routes() -> Router<AppState> {
    Router::new().route("/api/v1/cases", post(api::create))
}

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list::list))
        .route("/cases/new", get(new::new_form).post(new::create))
        .route("/cases/reports", get(reports::page))
        .route("/cases/{id}", get(show::show))
        .route("/cases/{id}/entries", post(show::add_entry))
        .route("/cases/{id}/update", post(show::update))
        .route("/cases/{id}/close", post(show::close))
        .route("/cases/{id}/grants", post(grants::grant))
        .route(
            "/cases/{id}/attachments",
            post(grants::upload).layer(axum::extract::DefaultBodyLimit::max(
                grants::ATTACHMENT_LIMIT + 64 * 1024,
            )),
        )
        .route("/cases/{id}/attachments/{aid}", get(grants::download))
}

pub fn owner_routes() -> Router<AppState> {
    Router::new()
        .route("/settings/cases", get(admin::page))
        .route("/settings/cases/targets", post(admin::save_targets))
        .route("/settings/cases/categories", post(admin::add_category))
        .route("/settings/cases/root-causes", post(admin::add_root_cause))
        .route("/settings/cases/authority", post(admin::save_authority))
        .route("/cases/grants/{id}/decide", post(admin::decide))
}
