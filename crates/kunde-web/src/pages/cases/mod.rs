//! Service cases and complaints (issue 7): the staff pages (list with filters, opening a case
//! from a customer's page, the case page with its timers, notes, replies, attachments and
//! grants, closing with a root cause), the owner's settings (targets per category, root
//! causes, authority, approvals), the reports, and the customer's public pages (the complaint
//! form and the one-question rating of how a case was handled).

mod admin;
mod public;
mod reports;
mod staff;
pub mod timing;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};
use kunde_domain::{CaseCategory, CaseCategoryId};

pub use staff::case_timeline_items;

/// Attachments larger than this are refused with a message (5 MiB).
pub const ATTACHMENT_LIMIT: usize = 5 * 1024 * 1024;

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

pub fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/cases", get(staff::list))
        .route("/cases/new", get(staff::new_form).post(staff::create))
        .route("/cases/reports", get(reports::page))
        .route("/cases/{id}", get(staff::show))
        .route("/cases/{id}/entries", post(staff::add_entry))
        .route("/cases/{id}/update", post(staff::update))
        .route("/cases/{id}/close", post(staff::close))
        .route("/cases/{id}/grants", post(staff::grant))
        .route(
            "/cases/{id}/attachments",
            post(staff::upload).layer(axum::extract::DefaultBodyLimit::max(
                ATTACHMENT_LIMIT + 64 * 1024,
            )),
        )
        .route("/cases/{id}/attachments/{aid}", get(staff::download))
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

/// A category's name in the language of `tr`: translated for the built-in ones.
pub fn category_name(tr: crate::i18n::Tr, c: &CaseCategory) -> String {
    match &c.builtin {
        Some(code) => tr.t(&format!("case-cat-{code}")),
        None => c.name.clone(),
    }
}

pub fn category_name_of(
    tr: crate::i18n::Tr,
    categories: &[CaseCategory],
    id: CaseCategoryId,
) -> String {
    categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| category_name(tr, c))
        .unwrap_or_default()
}
